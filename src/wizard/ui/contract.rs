//! The contract in a terminal pane as it prints, drawn from the document tree: headings,
//! numbered paragraphs, bold terms, blanks and pending choices marked, lists and table rows;
//! wrapped by display width without breaking a number or starting a line with a comma.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::text::is_closing;
use crate::document::{Block, Document, Inline, PartKind};
use crate::schema::{self, Preview};
use crate::wizard::theme::Theme;

/// What a pane of the contract shows: `height` lines from `scroll` on (kept within the
/// end), and how many lines there are in all. The lines `update` laid out are used when they
/// were made for this render, width and part; otherwise they are laid out here.
pub(super) fn window(
    app: &crate::wizard::app::App,
    document: &Document,
    part: Option<Preview>,
    width: usize,
    (scroll, height): (u16, u16),
) -> (Vec<Line<'static>>, usize) {
    let fresh;
    let all = if let Some(cached) = app.laid_out.lines_for(app.preview.edits, width, part) {
        cached
    } else {
        fresh = lines(document, part, &app.theme, width);
        fresh.as_slice()
    };
    let first = usize::from(scroll).min(all.len().saturating_sub(usize::from(height)));
    (all.iter().skip(first).take(usize::from(height)).cloned().collect(), all.len())
}

/// The lines of the part of `document` a step previews (all of it for `None`), `width`
/// columns wide: what the pane shows and what its scrolling counts.
pub(crate) fn lines(document: &Document, preview: Option<Preview>, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let mut out = Lines { theme, width: width.max(8), done: Vec::new() };
    match preview {
        None => document.blocks().for_each(|b| out.block(b)),
        Some(Preview::Nothing) => {}
        Some(Preview::Parties) => document
            .parts
            .iter()
            .filter(|part| part.kind == PartKind::Parties)
            .flat_map(|part| &part.blocks)
            .for_each(|b| out.block(b)),
        Some(Preview::From(key)) => {
            // Another step's first article ends this step's run (articles with no step of
            // their own, such as 双方的权利和义务, stay with the step before them).
            let starts: Vec<&str> = schema::steps()
                .filter_map(|s| match s.preview {
                    Preview::From(k) => Some(k),
                    _ => None,
                })
                .collect();
            let mut inside = false;
            for block in document.blocks() {
                if let Block::Article(article) = block
                    && let Some(k) = article.key.as_deref()
                    && starts.contains(&k)
                {
                    inside = k == key;
                }
                if matches!(block, Block::Annex(_) | Block::PageBreak) {
                    inside = false;
                }
                if inside {
                    out.block(block);
                }
            }
        }
    }
    // No empty line at the end to scroll to.
    while out.done.last().is_some_and(|l| l.spans.is_empty()) {
        out.done.pop();
    }
    out.done
}

struct Lines<'t> {
    theme: &'t Theme,
    width: usize,
    done: Vec<Line<'static>>,
}

impl Lines<'_> {
    fn block(&mut self, block: &Block) {
        let bold = self.theme.label.add_modifier(Modifier::BOLD);
        match block {
            Block::Title(content) => {
                self.wrap(&[], content, bold, 0);
                self.gap();
            }
            Block::Heading { content, .. } => self.wrap(&[], content, bold, 0),
            Block::Article(article) => {
                self.gap();
                let head = [(format!("{}　", article.label()), bold)];
                self.wrap(&head, &article.title, bold, 0);
                article.blocks.iter().for_each(|b| self.block(b));
            }
            Block::Annex(annex) => {
                self.gap();
                self.wrap(&[(format!("{}：", annex.label()), bold)], &annex.title, bold, 0);
                annex.blocks.iter().for_each(|b| self.block(b));
            }
            Block::Paragraph(paragraph) => {
                let number = paragraph.number.as_ref().map(|n| format!("{} ", n.label()));
                let indent = number.as_deref().map_or(0, crate::wizard::ui::display_width);
                let head: Vec<(String, Style)> = number.into_iter().map(|n| (n, self.theme.value)).collect();
                self.wrap(&head, &paragraph.content, self.theme.value, indent);
            }
            Block::List(items) => {
                for item in items {
                    self.wrap(&[("· ".to_string(), self.theme.value)], item, self.theme.value, 2);
                }
            }
            Block::Table(table) => {
                let row = |cells: &[Vec<Inline>]| -> Vec<Inline> {
                    let mut joined = Vec::new();
                    for (i, cell) in cells.iter().enumerate() {
                        if i > 0 {
                            joined.push(Inline::Text(" │ ".to_string()));
                        }
                        joined.extend(cell.iter().cloned());
                    }
                    joined
                };
                self.wrap(&[], &row(&table.header), bold, 2);
                for cells in &table.rows {
                    self.wrap(&[("  ".to_string(), self.theme.value)], &row(cells), self.theme.value, 2);
                }
            }
            Block::PageBreak => {
                self.gap();
                self.done.push(Line::styled("—— 分页 ——".to_string(), self.theme.muted));
            }
        }
    }

    /// One empty line between blocks, never two.
    fn gap(&mut self) {
        if self.done.last().is_some_and(|l| !l.spans.is_empty()) {
            self.done.push(Line::default());
        }
    }

    /// Lays `head` then `content` out in lines of the pane's width; continuation lines are
    /// indented by `indent` columns.
    fn wrap(&mut self, head: &[(String, Style)], content: &[Inline], style: Style, indent: usize) {
        let mut pieces: Vec<(String, Style)> = head.to_vec();
        self.flatten(content, style, &mut pieces);
        let mut line: Vec<Span<'static>> = Vec::new();
        let mut used = 0;
        for (text, style) in pieces {
            if text == "\n" {
                self.done.push(Line::from(std::mem::take(&mut line)));
                line.push(Span::raw(" ".repeat(indent)));
                used = indent;
                continue;
            }
            for token in tokens(&text) {
                let width = crate::wizard::ui::display_width(token);
                // Closing punctuation hangs at the end of the line instead of starting one,
                // by one full-width character at most (the pane keeps two columns for it).
                let hangs = token.chars().all(is_closing) && used + width <= self.width + 2;
                if used + width > self.width && used > indent && !hangs {
                    // Punctuation that cannot hang takes the character before it along, so
                    // the new line still does not start with it.
                    let mut carried = Vec::new();
                    if token.chars().all(is_closing) {
                        // Back past any punctuation that hung, to the character it follows.
                        while line.len() > 2 {
                            let Some(span) = line.pop() else { break };
                            let closing = span.content.chars().all(is_closing);
                            carried.insert(0, span);
                            if !closing {
                                break;
                            }
                        }
                    }
                    self.done.push(Line::from(std::mem::take(&mut line)));
                    line.push(Span::raw(" ".repeat(indent)));
                    used = indent;
                    for span in carried {
                        used += span.width();
                        line.push(span);
                    }
                    if token == " " {
                        continue;
                    }
                }
                line.push(Span::styled(token.to_string(), style));
                used += width;
            }
        }
        self.done.push(Line::from(line));
    }

    fn flatten(&self, content: &[Inline], style: Style, out: &mut Vec<(String, Style)>) {
        for inline in content {
            match inline {
                Inline::Text(text) | Inline::Identifier(text) => {
                    out.push((text.replace('\u{3000}', "  "), style));
                }
                Inline::Strong(inner) => self.flatten(inner, style.add_modifier(Modifier::BOLD), out),
                Inline::Blank(label) => out.push((crate::document::blank_text(label), self.theme.warning)),
                Inline::Choice(inner) => {
                    out.push(("【待选择】".to_string(), self.theme.warning));
                    self.flatten(inner, style, out);
                }
                Inline::Reference { target, .. } => out.push((target.label(), style)),
                Inline::LineBreak => out.push(("\n".to_string(), style)),
                Inline::Revision(_) => {}
            }
        }
    }
}

/// Where a line may break: between any two CJK characters, never inside a run of Latin
/// letters and digits (a number, an amount, an e-mail address), and at spaces.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        let word_char = c.is_ascii_graphic() || c == '¥' || c == '%';
        if word_char && in_word {
            continue;
        }
        if i > start {
            out.push(&text[start..i]);
        }
        start = i;
        in_word = word_char;
        if !word_char {
            out.push(&text[i..i + c.len_utf8()]);
            start = i + c.len_utf8();
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(lines: &[Line<'_>]) -> Vec<String> {
        lines.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect()).collect()
    }

    #[test]
    fn numbers_stay_whole_and_commas_never_start_a_line() {
        assert_eq!(tokens("比例40%，共¥45,000.00元"), ["比", "例", "40%", "，", "共", "¥45,000.00", "元"]);
        let document = crate::document::Document {
            meta: crate::document::Meta::default(),
            parts: vec![crate::document::Part {
                kind: PartKind::Body,
                blocks: vec![Block::Paragraph(crate::document::Paragraph {
                    number: None,
                    content: vec![Inline::Text("甲方应支付¥45,000.00元，即合同价款的10%。".to_string())],
                })],
            }],
        };
        let theme = Theme::monochrome();
        for width in 12..40 {
            let lines = text_of(&lines(&document, None, &theme, width));
            assert!(lines.iter().any(|l| l.contains("¥45,000.00")), "{width}: {lines:?}");
            assert!(lines.iter().any(|l| l.contains("10%")), "{width}: {lines:?}");
            assert!(lines.iter().all(|l| !l.starts_with('，') && !l.starts_with('。')), "{width}: {lines:?}");
            let widest = lines.iter().map(|l| crate::wizard::ui::display_width(l)).max().unwrap_or(0);
            assert!(widest <= width + 2, "{width}: a line of {widest} columns: {lines:?}");
        }
    }

    #[test]
    fn every_line_of_the_whole_contract_fits_its_pane() {
        let renderer = crate::render::Renderer::built_in().expect("templates");
        let theme = Theme::monochrome();
        for draft in [crate::draft::example::example_draft(), crate::draft::Draft::with_presets()] {
            let tree = renderer
                .render_tree(crate::render::DocumentKind::Contract, crate::render::context::build(&draft))
                .expect("renders");
            for width in [28, 41, 57, 76, 110] {
                for line in text_of(&lines(&tree, None, &theme, width)) {
                    let columns = crate::wizard::ui::display_width(&line);
                    assert!(columns <= width + 2, "{width}: {columns} columns: {line}");
                    assert!(!line.trim_start().starts_with(is_closing), "{width}: {line}");
                }
            }
        }
    }
}
