//! Reading the tree from a render's Markdown (CommonMark with tables) and the tags its
//! numbering recorded: a heading that starts with an article tag is an article, a paragraph
//! that is only a part tag starts a part, and so on. Markdown without tags (a comparison, a
//! user's own template that calls no numbering) reads as headings and paragraphs.

use pulldown_cmark::{Event, Options, Parser, Tag as Md, TagEnd};

use super::marks::{
    BLANK_CLOSE, BLANK_OPEN, CHOICE_CLOSE, CHOICE_OPEN, IDENT_CLOSE, IDENT_OPEN, PartKind, TAG_CLOSE, TAG_OPEN, Tag,
};
use super::{Annex, Article, Block, Document, Inline, Meta, Paragraph, ParagraphNumber, Part, Revision, Table};
use crate::formats::revision::{DEL_END, DEL_START, INS_END, INS_START};
use crate::markdown;

/// The tree of a rendered document.
pub fn parse(text: &str, tags: &[Tag], meta: Meta) -> Document {
    let mut reader =
        Reader { tags, parts: vec![Part { kind: PartKind::Body, blocks: Vec::new() }], ..Reader::default() };
    for event in Parser::new_ext(text, Options::ENABLE_TABLES) {
        reader.event(event);
    }
    reader.close_section();
    let mut parts = reader.parts;
    parts.retain(|part| !part.blocks.is_empty());
    number_annexes(&mut parts);
    Document { meta, parts }
}

/// What an open heading or paragraph was tagged with.
#[derive(Default)]
struct Opened {
    article: Option<(u32, Option<String>)>,
    annex: Option<(u32, Option<String>)>,
    paragraph: Option<ParagraphNumber>,
    part: Option<PartKind>,
}

/// The article or annex being read: blocks go into it until the next one or a new part.
enum Section {
    Article(Article),
    Annex(Annex),
}

#[derive(Default)]
struct Reader<'t> {
    tags: &'t [Tag],
    parts: Vec<Part>,
    section: Option<Section>,
    /// Inline content being read, innermost last (a `Strong` opens a level).
    inlines: Vec<Vec<Inline>>,
    /// Raw text not yet split at its marks (marks never cross a Markdown element).
    pending: String,
    opened: Opened,
    heading: Option<u8>,
    table: Option<Table>,
    row: Vec<Vec<Inline>>,
    in_head: bool,
    list: Option<Vec<Vec<Inline>>>,
}

impl Reader<'_> {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Text(text) | Event::Code(text) | Event::Html(text) | Event::InlineHtml(text) => {
                self.pending.push_str(&text);
            }
            Event::SoftBreak | Event::HardBreak => self.push_inline(Inline::LineBreak),
            Event::Rule => {
                self.close_section();
                self.push_block(Block::PageBreak);
            }
            Event::Start(tag) => self.start(&tag),
            Event::End(tag) => self.end(tag),
            _ => {}
        }
    }

    fn start(&mut self, tag: &Md<'_>) {
        match tag {
            Md::Heading { level, .. } => {
                self.heading = Some(*level as u8);
                self.begin_inline();
            }
            // A loose list's items hold paragraphs: the item collects them.
            Md::Paragraph | Md::TableCell if self.list.is_none() || self.inlines.is_empty() => self.begin_inline(),
            Md::Item => self.begin_inline(),
            Md::List(_) => self.list = Some(Vec::new()),
            Md::Strong | Md::Emphasis => {
                self.flush();
                self.inlines.push(Vec::new());
            }
            Md::Table(_) => self.table = Some(Table::default()),
            Md::TableHead => self.in_head = true,
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => {
                let content = self.end_inline();
                let level = self.heading.take().unwrap_or(2);
                self.heading_block(level, content);
            }
            TagEnd::Paragraph if self.list.is_some() => {}
            TagEnd::Paragraph => {
                let content = self.end_inline();
                let opened = std::mem::take(&mut self.opened);
                if let Some(kind) = opened.part.filter(|_| content.iter().all(is_blank_text)) {
                    self.close_section();
                    self.parts.push(Part { kind, blocks: Vec::new() });
                } else if !content.is_empty() {
                    self.push_block(Block::Paragraph(Paragraph { number: opened.paragraph, content }));
                }
            }
            TagEnd::Strong => {
                self.flush();
                let inner = self.inlines.pop().unwrap_or_default();
                self.push_inline(Inline::Strong(inner));
            }
            TagEnd::Emphasis => {
                // No template emphasizes but in bold; a user's italics read as plain text.
                self.flush();
                let inner = self.inlines.pop().unwrap_or_default();
                for inline in inner {
                    self.push_inline(inline);
                }
            }
            TagEnd::Item => {
                let content = self.end_inline();
                if let Some(items) = self.list.as_mut() {
                    items.push(content);
                }
            }
            TagEnd::List(_) => {
                if let Some(items) = self.list.take() {
                    self.push_block(Block::List(items));
                }
            }
            TagEnd::TableCell => {
                let content = self.end_inline();
                self.row.push(content);
            }
            TagEnd::TableHead => {
                self.in_head = false;
                let cells = std::mem::take(&mut self.row);
                if let Some(table) = self.table.as_mut() {
                    table.header = cells;
                }
            }
            TagEnd::TableRow => {
                let cells = std::mem::take(&mut self.row);
                if let Some(table) = self.table.as_mut() {
                    table.rows.push(cells);
                }
            }
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    self.push_block(Block::Table(table));
                }
            }
            _ => {}
        }
    }

    fn heading_block(&mut self, level: u8, content: Vec<Inline>) {
        let opened = std::mem::take(&mut self.opened);
        if let Some((number, key)) = opened.article {
            self.close_section();
            self.section = Some(Section::Article(Article { number, key, title: content, blocks: Vec::new() }));
        } else if let Some((number, key)) = opened.annex {
            self.close_section();
            self.section =
                Some(Section::Annex(Annex { number: Some(number), key, title: content, blocks: Vec::new() }));
        } else if level == 1 {
            self.push_block(Block::Title(content));
        } else {
            // A heading of the document's own (a form's 一、功能验收) ends the article before it.
            self.close_section();
            self.push_block(Block::Heading { level, content });
        }
    }

    fn begin_inline(&mut self) {
        self.flush();
        self.inlines.clear();
        self.inlines.push(Vec::new());
    }

    fn end_inline(&mut self) -> Vec<Inline> {
        self.flush();
        let mut levels = std::mem::take(&mut self.inlines);
        // Unclosed levels (never from pulldown-cmark) fold into the outermost.
        let mut content = if levels.is_empty() { Vec::new() } else { levels.remove(0) };
        for level in levels {
            content.extend(level);
        }
        trim(&mut content);
        content
    }

    fn push_inline(&mut self, inline: Inline) {
        self.flush();
        self.push_inline_now(inline);
    }

    fn push_inline_now(&mut self, inline: Inline) {
        if self.inlines.is_empty() {
            self.inlines.push(Vec::new());
        }
        if let Some(level) = self.inlines.last_mut() {
            // Adjacent text joins, so a text split by an escape reads as one.
            if let (Inline::Text(new), Some(Inline::Text(last))) = (&inline, level.last_mut()) {
                last.push_str(new);
                return;
            }
            level.push(inline);
        }
    }

    fn push_block(&mut self, block: Block) {
        match self.section.as_mut() {
            Some(Section::Article(article)) => article.blocks.push(block),
            Some(Section::Annex(annex)) => annex.blocks.push(block),
            None => {
                if let Some(part) = self.parts.last_mut() {
                    part.blocks.push(block);
                }
            }
        }
    }

    fn close_section(&mut self) {
        let block = match self.section.take() {
            Some(Section::Article(article)) => Block::Article(article),
            Some(Section::Annex(annex)) => Block::Annex(annex),
            None => return,
        };
        if let Some(part) = self.parts.last_mut() {
            part.blocks.push(block);
        }
    }

    /// Splits the pending text at its marks into inline content.
    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.pending);
        let mut rest = text.as_str();
        while let Some(at) = find_opening(rest) {
            self.text(&rest[..at]);
            let mark = rest[at..].chars().next().unwrap_or(TAG_OPEN);
            let after = &rest[at + mark.len_utf8()..];
            rest = match mark {
                TAG_OPEN => self.tag(after),
                BLANK_OPEN => self.wrapped(after, BLANK_CLOSE, |label| Inline::Blank(label.to_string())),
                IDENT_OPEN => self.wrapped(after, IDENT_CLOSE, |text| Inline::Identifier(clean(text))),
                CHOICE_OPEN => {
                    self.inlines.push(Vec::new());
                    after
                }
                CHOICE_CLOSE => {
                    let inner = self.inlines.pop().unwrap_or_default();
                    self.push_inline_now(Inline::Choice(inner));
                    after
                }
                _ => {
                    self.push_inline_now(Inline::Revision(match mark {
                        DEL_START => Revision::DeleteStart,
                        DEL_END => Revision::DeleteEnd,
                        INS_START => Revision::InsertStart,
                        _ => Revision::InsertEnd,
                    }));
                    after
                }
            };
        }
        self.text(rest);
    }

    fn text(&mut self, text: &str) {
        if !text.is_empty() {
            self.push_inline_now(Inline::Text(clean(text)));
        }
    }

    /// A mark that wraps its text up to `close`; the rest after it.
    fn wrapped<'a>(&mut self, after: &'a str, close: char, inline: impl Fn(&str) -> Inline) -> &'a str {
        let Some(end) = after.find(close) else {
            self.text(after);
            return "";
        };
        self.push_inline_now(inline(&after[..end]));
        &after[end + close.len_utf8()..]
    }

    /// A structure tag: recorded for the block it opens, or a reference in the text.
    fn tag<'a>(&mut self, after: &'a str) -> &'a str {
        let Some(end) = after.find(TAG_CLOSE) else {
            self.text(after);
            return "";
        };
        let rest = &after[end + TAG_CLOSE.len_utf8()..];
        let Some(tag) = after[..end].parse::<usize>().ok().and_then(|i| self.tags.get(i)) else { return rest };
        match tag.clone() {
            Tag::Part(kind) => self.opened.part = Some(kind),
            Tag::Article { number, key } => self.opened.article = Some((number, key)),
            Tag::Annex { number, key } => self.opened.annex = Some((number, key)),
            Tag::Paragraph { article, number, key } => {
                self.opened.paragraph = Some(ParagraphNumber { article, paragraph: number, key });
            }
            Tag::Reference { key, target } => self.push_inline_now(Inline::Reference { key, target }),
        }
        rest
    }
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        TAG_OPEN | BLANK_OPEN | IDENT_OPEN | CHOICE_OPEN | CHOICE_CLOSE | DEL_START | DEL_END | INS_START | INS_END
    )
}

/// Where the next opening mark is. Every mark is a private-use character U+E0xx, whose
/// UTF-8 starts with the byte EE: the text is searched for that byte (memchr's vector
/// search), and only there decoded, instead of decoding every character of the contract.
fn find_opening(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(found) = bytes.get(from..).and_then(|rest| memchr::memchr(0xee, rest)) {
        let at = from + found;
        if text.get(at..).and_then(|rest| rest.chars().next()).is_some_and(is_opening) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Text as it may reach a format: values were sanitized as they were escaped; a template's
/// own text is here, so no control or XML-forbidden character reaches any format.
fn clean(text: &str) -> String {
    if markdown::needs_sanitizing(text) { markdown::sanitize(text) } else { text.to_string() }
}

fn is_blank_text(inline: &Inline) -> bool {
    matches!(inline, Inline::Text(text) if text.trim().is_empty())
}

/// Drops the spaces at the edges of a block's content, which Markdown would not print.
fn trim(content: &mut Vec<Inline>) {
    if let Some(Inline::Text(first)) = content.first_mut() {
        let trimmed = first.trim_start_matches(' ').len();
        first.replace_range(..first.len() - trimmed, "");
    }
    if let Some(Inline::Text(last)) = content.last_mut() {
        last.truncate(last.trim_end().len());
    }
    content.retain(|inline| !matches!(inline, Inline::Text(text) if text.is_empty()));
}

/// An annex alone in its document is 「附件」; several are numbered as they come.
fn number_annexes(parts: &mut [Part]) {
    let count = parts.iter().flat_map(|p| &p.blocks).filter(|b| matches!(b, Block::Annex(_))).count();
    if count == 1 {
        for block in parts.iter_mut().flat_map(|p| p.blocks.iter_mut()) {
            if let Block::Annex(annex) = block {
                annex.number = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The byte search finds the first mark exactly where decoding every character would,
        /// among other private-use characters and text that shares their lead byte.
        #[test]
        fn the_byte_search_finds_the_first_mark(text in "[甲。a\u{e000}-\u{e013}\u{e020}\u{e0ff}\u{ee00}\u{efff}]{0,24}") {
            proptest::prop_assert_eq!(find_opening(&text), text.find(is_opening));
        }
    }
}
