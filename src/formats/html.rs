//! Print-ready HTML from the document tree: one self-contained file (inline CSS, no
//! network), A4 pages, a CJK font stack, the signature page and the annexes each starting a
//! page, blanks drawn as fill-in lines, identifiers that never break, references as links
//! to the clause they name, and tables whose borders survive Chromium's print (fixed layout
//! inside the page, columns sized by what they hold).

use std::fmt::Write as _;

use super::columns;
use crate::document::{Block, Document, Inline, Revision, Table};

const STYLE: &str = r#"
@page { size: A4; margin: 25mm; }
html { font-family: "SimSun", "Songti SC", "STSong", "Noto Serif CJK SC", "Source Han Serif SC", serif; font-size: 12pt; line-height: 1.75; color: #000; }
body { max-width: 160mm; margin: 2em auto; padding: 0 1em; }
h1, h2, h3 { font-family: "SimHei", "Heiti SC", "STHeiti", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; break-after: avoid; page-break-after: avoid; }
h1 { font-size: 20pt; text-align: center; margin: 0.5em 0 1em; }
h2 { font-size: 13pt; margin: 1.2em 0 0.4em; }
h3 { font-size: 12pt; margin: 1em 0 0.3em; }
p { margin: 0.35em 0; text-align: justify; }
.front p, .parties p, .signature p { text-align: left; }
.no { font-weight: normal; }
table { border-collapse: separate; border-spacing: 0; width: 99.8%; table-layout: fixed; margin: 0.6em 0; font-size: 10.5pt; border-top: 1px solid #000; border-left: 1px solid #000; }
th, td { border-right: 1px solid #000; border-bottom: 1px solid #000; padding: 4px 6px; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { background: #f0f0f0; }
td.short, th.short { white-space: nowrap; overflow-wrap: normal; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
.page-break { border: none; margin: 0; break-after: page; page-break-after: always; }
.annexes { break-before: page; page-break-before: always; }
.blank { display: inline-block; min-width: 6em; border-bottom: 1px solid #000; color: #777; font-size: 9pt; line-height: 1.2; }
.choice { color: #000; }
.id { white-space: nowrap; }
a.ref { color: inherit; text-decoration: none; }
del { color: #b00; text-decoration: line-through; }
ins { color: #05a; text-decoration: underline; }
@media print { body { margin: 0; max-width: none; padding: 0; } }
"#;

/// The whole HTML page of a document.
pub fn document(document: &Document) -> String {
    let title = document.title().filter(|t| !t.contains("【待填写")).unwrap_or_else(|| "合同（草稿）".to_string());
    let mut body = String::with_capacity(64 * 1024);
    for part in &document.parts {
        let _ = writeln!(body, "<section class=\"{}\">", part.kind.name());
        for block in &part.blocks {
            write_block(&mut body, block);
        }
        body.push_str("</section>\n");
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape(&title)
    )
}

fn write_block(out: &mut String, block: &Block) {
    match block {
        Block::Title(content) => {
            out.push_str("<h1>");
            inline(out, content);
            out.push_str("</h1>\n");
        }
        Block::Heading { level, content } => {
            let level = (*level).clamp(2, 6);
            let _ = write!(out, "<h{level}>");
            inline(out, content);
            let _ = writeln!(out, "</h{level}>");
        }
        Block::Article(article) => {
            out.push_str("<h2");
            anchor(out, article.key.as_deref());
            let _ = write!(out, ">{}\u{3000}", article.label());
            inline(out, &article.title);
            out.push_str("</h2>\n");
            article.blocks.iter().for_each(|b| write_block(out, b));
        }
        Block::Annex(annex) => {
            out.push_str("<h2 class=\"annex\"");
            anchor(out, annex.key.as_deref());
            let _ = write!(out, ">{}：", annex.label());
            inline(out, &annex.title);
            out.push_str("</h2>\n");
            annex.blocks.iter().for_each(|b| write_block(out, b));
        }
        Block::Paragraph(paragraph) => {
            out.push_str("<p");
            if let Some(number) = &paragraph.number {
                anchor(out, number.key.as_deref());
                let _ = write!(out, "><span class=\"no\">{}</span>\u{3000}", number.label());
            } else {
                out.push('>');
            }
            inline(out, &paragraph.content);
            out.push_str("</p>\n");
        }
        Block::List(items) => {
            out.push_str("<ul>\n");
            for item in items {
                out.push_str("<li>");
                inline(out, item);
                out.push_str("</li>\n");
            }
            out.push_str("</ul>\n");
        }
        Block::Table(table) => write_table(out, table),
        Block::PageBreak => out.push_str("<hr class=\"page-break\">\n"),
    }
}

fn anchor(out: &mut String, key: Option<&str>) {
    if let Some(key) = key {
        let _ = write!(out, " id=\"{}\"", escape(key));
    }
}

/// A table: a column grid from what each column holds (short columns keep their width),
/// the header row repeated on every printed page.
fn write_table(out: &mut String, table: &Table) {
    let rows: Vec<&[Vec<Inline>]> =
        std::iter::once(table.header.as_slice()).chain(table.rows.iter().map(Vec::as_slice)).collect();
    let (widths, short) = columns::of_cells(&rows);
    let total: usize = widths.iter().sum::<usize>().max(1);
    out.push_str("<table>\n<colgroup>");
    for width in &widths {
        // In hundredths of a percent: a table never holds enough columns to overflow.
        let share = width * 10_000 / total;
        let _ = write!(out, "<col style=\"width:{}.{:02}%\">", share / 100, share % 100);
    }
    out.push_str("</colgroup>\n<thead><tr>");
    let class = |column: usize| if short.get(column).copied().unwrap_or(false) { " class=\"short\"" } else { "" };
    for (column, cell) in table.header.iter().enumerate() {
        let _ = write!(out, "<th{}>", class(column));
        inline(out, cell);
        out.push_str("</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        out.push_str("<tr>");
        for (column, cell) in row.iter().enumerate() {
            let _ = write!(out, "<td{}>", class(column));
            inline(out, cell);
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn inline(out: &mut String, content: &[Inline]) {
    for piece in content {
        match piece {
            Inline::Text(text) => out.push_str(&escape(text)),
            Inline::Strong(inner) => {
                out.push_str("<strong>");
                inline(out, inner);
                out.push_str("</strong>");
            }
            Inline::Blank(label) => {
                let _ = write!(out, "<span class=\"blank\">{}</span>", escape(label));
            }
            Inline::Choice(inner) => {
                out.push_str("<span class=\"choice\">【待选择】");
                inline(out, inner);
                out.push_str("</span>");
            }
            Inline::Identifier(text) => {
                let _ = write!(out, "<span class=\"id\">{}</span>", escape(text));
            }
            Inline::Reference { key, target } => {
                let _ = write!(out, "<a class=\"ref\" href=\"#{}\">{}</a>", escape(key), target.label());
            }
            Inline::LineBreak => out.push_str("<br>\n"),
            Inline::Revision(mark) => out.push_str(match mark {
                Revision::DeleteStart => "<del>",
                Revision::DeleteEnd => "</del>",
                Revision::InsertStart => "<ins>",
                Revision::InsertEnd => "</ins>",
            }),
        }
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Meta, parse};

    #[test]
    fn a_self_contained_page_from_the_tree() {
        let tree = parse("# 合同\\*名\n\n正文<b>\n\n| 序号 | 说明 |\n|---|---|\n| 1 | b |\n", &[], Meta::default());
        let html = document(&tree);
        assert!(html.contains("<title>合同*名</title>"));
        assert!(html.contains("<p>正文&lt;b&gt;</p>"), "text is escaped");
        assert!(html.contains("<thead><tr><th class=\"short\">序号</th>"));
        assert!(!html.contains("http://") && !html.contains("https://"), "no network");
    }
}
