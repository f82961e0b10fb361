//! The document tree as Typst markup: A4 with 25 mm margins, the contract number in the
//! header and 第 X 页 共 Y 页 in the footer, headings that are PDF bookmarks, numbered
//! paragraphs, tables with repeating header rows and rows that never split, short cells
//! that never wrap, the signature page and the annexes each on a new page. Every piece of
//! text goes in as a string literal, so nothing a value holds is read as markup. Made in the
//! main process (no Typst in it); the typesetter adds the fonts.

use std::fmt::Write as _;

use crate::document::{Block, Document, Inline, PartKind, Revision, Table};
use crate::formats::columns;

/// The fonts to set: the CJK families found on this machine, serif for the body and sans
/// for headings (the same family when there is one only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Faces {
    pub(super) body: String,
    pub(super) heading: String,
}

impl Faces {
    /// The rules that set them, put before a document's source by the typesetter (which
    /// knows the machine's fonts).
    pub(super) fn rules(&self) -> String {
        format!("#set text(font: {})\n#show heading: set text(font: {})\n", string(&self.body), string(&self.heading))
    }
}

/// The whole Typst source of a document, but for its fonts ([`Faces::rules`]).
pub(super) fn source(document: &Document) -> String {
    let mut out = String::with_capacity(128 * 1024);
    preamble(&mut out, document);
    let mut annexes_started = false;
    for part in &document.parts {
        for block in &part.blocks {
            if part.kind == PartKind::Annexes && matches!(block, Block::Annex(_)) && !annexes_started {
                annexes_started = true;
                out.push_str("#pagebreak(weak: true)\n");
            }
            write_block(&mut out, block);
        }
    }
    out
}

fn preamble(out: &mut String, document: &Document) {
    let title = document.title().unwrap_or_default();
    let _ = writeln!(out, "#set document(title: {}, author: ({}), date: none)", string(&title), {
        let names: Vec<String> = document.meta.parties.iter().map(|p| string(p)).collect();
        if names.len() == 1 { format!("{},", names[0]) } else { names.join(", ") }
    });
    let header = document.meta.contract_no.as_ref().map_or_else(
        || "none".to_string(),
        |number| format!("align(right, text(size: 9pt, {}))", string(&format!("合同编号：{number}"))),
    );
    let _ = writeln!(
        out,
        "#set page(paper: \"a4\", margin: 25mm, header: {header}, footer: context align(center, text(size: 9pt)[第 #counter(page).display() 页 共 #counter(page).final().first() 页]))"
    );
    out.push_str("#set text(size: 12pt, lang: \"zh\", region: \"cn\")\n");
    out.push_str("#set par(justify: true, leading: 1.05em, spacing: 1.1em)\n");
    out.push_str("#show heading: set text(size: 13pt, weight: \"bold\")\n");
    out.push_str("#show heading: set block(above: 1.2em, below: 0.7em, sticky: true)\n");
    out.push_str("#set table(stroke: 0.5pt, inset: (x: 4pt, y: 4pt))\n");
    out.push_str("#set table.cell(breakable: false)\n");
    out.push_str("#show table: set text(size: 10.5pt)\n");
    out.push_str("#show table: set par(justify: false)\n");
}

fn write_block(out: &mut String, block: &Block) {
    match block {
        Block::Title(content) => {
            out.push_str("#align(center, heading(level: 1, outlined: false, bookmarked: true, text(size: 20pt)[");
            inline(out, content);
            out.push_str("]))\n\n");
        }
        Block::Heading { level, content } => {
            let _ = write!(out, "#heading(level: {})[", level.clamp(&2, &6));
            inline(out, content);
            out.push_str("]\n\n");
        }
        Block::Article(article) => {
            let _ = write!(out, "#heading(level: 2)[{}", string_piece(&format!("{}\u{3000}", article.label())));
            inline(out, &article.title);
            out.push_str("]\n\n");
            article.blocks.iter().for_each(|b| write_block(out, b));
        }
        Block::Annex(annex) => {
            let _ = write!(out, "#heading(level: 2)[{}", string_piece(&format!("{}：", annex.label())));
            inline(out, &annex.title);
            out.push_str("]\n\n");
            annex.blocks.iter().for_each(|b| write_block(out, b));
        }
        Block::Paragraph(paragraph) => {
            if let Some(number) = &paragraph.number {
                out.push_str(&string_piece(&format!("{}\u{3000}", number.label())));
            }
            inline(out, &paragraph.content);
            out.push_str("\n\n");
        }
        Block::List(items) => {
            for item in items {
                out.push_str("- ");
                inline(out, item);
                out.push('\n');
            }
            out.push('\n');
        }
        Block::Table(table) => write_table(out, table),
        Block::PageBreak => out.push_str("#pagebreak(weak: true)\n\n"),
    }
}

/// A table: column widths as Word's (points), the header row repeated on every page, short
/// cells in boxes so they never wrap.
fn write_table(out: &mut String, table: &Table) {
    let rows: Vec<&[Vec<Inline>]> =
        std::iter::once(table.header.as_slice()).chain(table.rows.iter().map(Vec::as_slice)).collect();
    let (widths, short) = columns::of_cells(&rows);
    let widths: Vec<String> = widths.iter().map(|w| format!("{}pt", w / 20)).collect();
    let _ = writeln!(out, "#table(columns: ({},),", widths.join(", "));
    let cell = |out: &mut String, column: usize, content: &[Inline], strong: bool| {
        out.push('[');
        let boxed = short.get(column).copied().unwrap_or(false);
        if boxed {
            out.push_str("#box[");
        }
        if strong {
            out.push_str("#strong[");
        }
        inline(out, content);
        if strong {
            out.push(']');
        }
        if boxed {
            out.push(']');
        }
        out.push_str("], ");
    };
    out.push_str("table.header(repeat: true, ");
    for (column, content) in table.header.iter().enumerate() {
        cell(out, column, content, true);
    }
    out.push_str("),\n");
    for row in &table.rows {
        for (column, content) in row.iter().enumerate() {
            cell(out, column, content, false);
        }
        // A short row still fills its columns.
        for _ in row.len()..table.header.len() {
            out.push_str("[], ");
        }
        out.push('\n');
    }
    out.push_str(")\n\n");
}

fn inline(out: &mut String, content: &[Inline]) {
    let mut deleted = false;
    inline_with(out, content, &mut deleted);
}

fn inline_with(out: &mut String, content: &[Inline], deleted: &mut bool) {
    for piece in content {
        match piece {
            Inline::Text(text) if *deleted => {
                let _ = write!(out, "#strike({})", string(text));
            }
            Inline::Text(text) => out.push_str(&string_piece(text)),
            Inline::Strong(inner) => {
                out.push_str("#strong[");
                inline_with(out, inner, deleted);
                out.push(']');
            }
            Inline::Blank(label) => {
                let _ = write!(
                    out,
                    "#box(stroke: (bottom: 0.5pt), inset: (x: 0.6em, bottom: 1pt), text(size: 9pt, fill: luma(110), {}))",
                    string(label)
                );
            }
            Inline::Choice(inner) => {
                out.push_str(&string_piece("【待选择】"));
                inline_with(out, inner, deleted);
            }
            // An identifier in a box: never broken across lines.
            Inline::Identifier(text) => {
                let _ = write!(out, "#box({})", string(text));
            }
            Inline::Reference { target, .. } => out.push_str(&string_piece(&target.label())),
            Inline::LineBreak => out.push_str("#linebreak()"),
            Inline::Revision(mark) => *deleted = matches!(mark, Revision::DeleteStart),
        }
    }
}

/// A Typst string literal.
fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text in markup: a string literal shown as it is (`#"…"`); empty text writes nothing.
fn string_piece(text: &str) -> String {
    if text.is_empty() { String::new() } else { format!("#{}", string(text)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_strings_never_markup() {
        assert_eq!(string("a\"b\\c\n#[x]"), "\"a\\\"b\\\\c\\n#[x]\"");
        assert_eq!(string_piece(""), "");
        assert_eq!(string_piece("*粗*"), "#\"*粗*\"");
    }
}
