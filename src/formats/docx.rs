//! Word (.docx) from the document tree, as Word users work with it: named styles (正文,
//! 标题, 条款标题, 条款, 附件标题, 表格) with outline levels, so the navigation pane lists every
//! article and a table of contents can be inserted; article and paragraph numbers as Word
//! multi-level numbering (第一条, 1.1), so an article inserted with 修订 on renumbers the
//! ones after it; cross-references as REF fields to bookmarks on the clauses they name;
//! bordered tables whose columns are sized by what they hold, whose header rows repeat and
//! whose rows never split; the contract number in the header, 第 X 页 共 Y 页 in the footer,
//! the signature page and the annexes each on a new page, blanks as fill-in lines, and the
//! document properties (title, number, parties) from the draft.
//!
//! The body is written as the tree is walked, straight into a deflated zip entry.

mod comments;
mod package;
mod xml;

use std::collections::HashMap;
use std::io::{Cursor, Write};

use super::columns;
use crate::document::{Block, Document, Inline, PartKind, Revision, Table, Target, plain};
pub use comments::{Anchor, Comment, Reviewer, of_findings as comments_of_findings};
use package::Properties;
pub use xml::Reviser;
use xml::{RunLook, Tracked};

/// The body is handed to the zip in pieces of about this size.
const FLUSH_AT: usize = 64 * 1024;

/// How the Word file is made beyond the document itself.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Opens with 修订 (track changes) switched on, for the other side's edits.
    pub track_changes: bool,
    /// The internal review copy: comments (批注) at the clauses they are about, and who
    /// made them. The clean export has none.
    pub review: Option<(Vec<Comment>, Reviewer)>,
}

/// The .docx bytes of a document.
pub fn document(document: &Document, options: &Options) -> Vec<u8> {
    write(document, None, options)
}

/// A redline (with its revision marks) as a document whose changes are Word tracked
/// changes by `reviser`: accepting them all gives the new contract, rejecting them the old.
pub fn redline(document: &Document, reviser: &Reviser) -> Vec<u8> {
    write(document, Some(reviser.clone()), &Options::default())
}

fn write(document: &Document, reviser: Option<Reviser>, options: &Options) -> Vec<u8> {
    let comments_part = options.review.as_ref().map(|(comments, reviewer)| comments::part(comments, reviewer));
    let anchors = options.review.as_ref().map(|(comments, _)| comments::settle(document, comments)).unwrap_or_default();
    let properties = Properties {
        title: document.title().unwrap_or_else(|| "新型CRM平台系统合同".to_string()),
        number: document.meta.contract_no.clone(),
        parties: document.meta.parties.clone(),
        track_changes: options.track_changes,
        comments: comments_part,
    };
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    // Writing into memory cannot fail for lack of space; a failure would leave the buffer short.
    let written = package::start(&mut zip, &properties).and_then(|()| {
        let anchors =
            anchors.into_iter().enumerate().map(|(id, a)| (u32::try_from(id).unwrap_or(u32::MAX), a)).collect();
        let mut body = Body { reviser, bookmarks: bookmarks(document), anchors, ..Body::default() };
        for part in &document.parts {
            body.part(part.kind);
            for block in &part.blocks {
                body.block(block);
                if body.out.len() >= FLUSH_AT {
                    zip.write_all(body.out.as_bytes())?;
                    body.out.clear();
                }
            }
        }
        zip.write_all(body.out.as_bytes())?;
        Ok(())
    });
    match written.and_then(|()| package::finish(zip)) {
        Ok(cursor) => cursor.into_inner(),
        Err(_) => Vec::new(),
    }
}

/// A bookmark id for every keyed clause, so a reference may come before its clause.
fn bookmarks(document: &Document) -> HashMap<String, u32> {
    let mut keys = HashMap::new();
    let mut add = |key: &Option<String>| {
        if let Some(key) = key {
            let next = u32::try_from(keys.len() + 1).unwrap_or(u32::MAX);
            keys.entry(key.clone()).or_insert(next);
        }
    };
    for block in document.blocks() {
        if let Block::Article(article) = block {
            add(&article.key);
            for inner in &article.blocks {
                if let Block::Paragraph(paragraph) = inner {
                    add(&paragraph.number.as_ref().and_then(|n| n.key.clone()));
                }
            }
        }
    }
    keys
}

/// What a paragraph or a table row holds: untracked, deleted and inserted text. A paragraph
/// wholly deleted (or inserted) has its paragraph mark tracked too, so accepting (or
/// rejecting) every change leaves no empty paragraph behind.
#[derive(Debug, Clone, Copy, Default)]
#[allow(clippy::struct_excessive_bools)] // three independent facts of one paragraph
struct Holds {
    untracked: bool,
    deleted: bool,
    inserted: bool,
}

impl Holds {
    fn add(&mut self, other: Holds) {
        self.untracked |= other.untracked;
        self.deleted |= other.deleted;
        self.inserted |= other.inserted;
    }
}

/// The body being written.
#[derive(Default)]
struct Body {
    /// XML not yet handed to the zip.
    out: String,
    /// The runs of the paragraph or cell being written.
    runs: String,
    page_break_before: bool,
    /// Keyed clause → bookmark id.
    bookmarks: HashMap<String, u32>,
    /// A redline's author and date; `None` for a plain document.
    reviser: Option<Reviser>,
    /// The tracked change the text is in, and the last revision id given.
    tracked: Option<Tracked>,
    revisions: u32,
    holds: Holds,
    /// Whether the first annex has started its page.
    in_annexes: bool,
    /// The review copy's comments not yet placed, by id, and where each goes.
    anchors: Vec<(u32, comments::Anchor)>,
    /// The keyed article being written, and whether the parties' first paragraph is still
    /// to come.
    article: Option<String>,
    parties_first: bool,
}

impl Body {
    fn part(&mut self, kind: PartKind) {
        // The signature page follows a page break of its own; the annexes start a page.
        if kind == PartKind::Annexes {
            self.in_annexes = false;
        }
        self.parties_first = kind == PartKind::Parties;
    }

    /// The comments that go on a paragraph: taken from those not yet placed.
    fn comments_for(&mut self, wanted: impl Fn(&comments::Anchor) -> bool) -> Vec<u32> {
        if self.anchors.is_empty() {
            return Vec::new();
        }
        let (here, rest): (Vec<_>, Vec<_>) =
            std::mem::take(&mut self.anchors).into_iter().partition(|(_, a)| wanted(a));
        self.anchors = rest;
        here.into_iter().map(|(id, _)| id).collect()
    }

    /// The comments on a body paragraph: the sentences they quote, the parties' block.
    fn paragraph_comments(&mut self, content: &[Inline]) -> Vec<u32> {
        if self.anchors.is_empty() {
            return Vec::new();
        }
        let text = plain(content);
        let article = self.article.clone();
        let parties = std::mem::take(&mut self.parties_first);
        self.comments_for(|anchor| match anchor {
            comments::Anchor::Quote { article: key, quote } => {
                (key.is_none() || *key == article) && text.contains(quote.as_str())
            }
            comments::Anchor::Parties => parties,
            _ => false,
        })
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Title(content) => {
                let ids = self.comments_for(|a| *a == comments::Anchor::Title);
                self.paragraph("Title", None, "", content, &ids);
            }
            Block::Heading { level, content } => {
                let style = if *level <= 2 { "Heading1" } else { "Heading2" };
                self.paragraph(style, None, "", content, &[]);
            }
            Block::Article(article) => {
                let bookmark = article.key.as_ref().and_then(|k| self.bookmarks.get(k)).copied();
                let key = article.key.clone();
                let ids = self.comments_for(|a| matches!(a, comments::Anchor::Article(k) if Some(k) == key.as_ref()));
                self.paragraph("ArticleHeading", bookmark, "\u{3000}", &article.title, &ids);
                self.article = key;
                article.blocks.iter().for_each(|b| self.block(b));
                self.article = None;
            }
            Block::Annex(annex) => {
                // The first annex starts a page, so the signature page stands alone.
                if !self.in_annexes {
                    self.page_break_before = true;
                    self.in_annexes = true;
                }
                if annex.number.is_some() {
                    self.paragraph("AnnexHeading", None, "", &annex.title, &[]);
                } else {
                    self.paragraph("AnnexTitle", None, "附件：", &annex.title, &[]);
                }
                annex.blocks.iter().for_each(|b| self.block(b));
            }
            Block::Paragraph(paragraph) => {
                let ids = self.paragraph_comments(&paragraph.content);
                match &paragraph.number {
                    Some(number) => {
                        let bookmark = number.key.as_ref().and_then(|k| self.bookmarks.get(k)).copied();
                        self.paragraph("Clause", bookmark, "\u{3000}", &paragraph.content, &ids);
                    }
                    None => self.paragraph("Normal", None, "", &paragraph.content, &ids),
                }
            }
            Block::List(items) => {
                for item in items {
                    self.paragraph("Normal", None, "· ", item, &[]);
                }
            }
            Block::Table(table) => self.table(table),
            Block::PageBreak => self.page_break_before = true,
        }
    }

    /// A paragraph in a style: `lead` before its content (the space after a number Word
    /// writes), a bookmark around it for a keyed clause, the review copy's comments on it.
    fn paragraph(&mut self, style: &str, bookmark: Option<u32>, lead: &str, content: &[Inline], comment_ids: &[u32]) {
        if !lead.is_empty() {
            self.text(lead, RunLook::default());
        }
        self.inlines(content, RunLook::default());
        let holds = std::mem::take(&mut self.holds);
        let mark = self.whole_change(holds).zip(self.reviser.as_ref());
        xml::paragraph_start(&mut self.out, style, std::mem::take(&mut self.page_break_before), mark);
        if let Some(id) = bookmark {
            xml::bookmark_start(&mut self.out, id);
        }
        comments::range_start(&mut self.out, comment_ids);
        self.out.push_str(&self.runs);
        comments::range_end(&mut self.out, comment_ids);
        if let Some(id) = bookmark {
            xml::bookmark_end(&mut self.out, id);
        }
        xml::paragraph_end(&mut self.out);
        self.runs.clear();
    }

    /// The tracked change of a whole paragraph or row that holds `holds`, with a revision id
    /// of its own; `None` outside a redline or where untracked text remains.
    fn whole_change(&mut self, holds: Holds) -> Option<Tracked> {
        self.reviser.as_ref()?;
        let next = self.revisions + 1;
        let mark = match (holds.untracked, holds.deleted, holds.inserted) {
            (false, true, false) => Tracked::Deleted(next),
            (false, false, true) => Tracked::Inserted(next),
            _ => return None,
        };
        self.revisions = next;
        Some(mark)
    }

    fn inlines(&mut self, content: &[Inline], look: RunLook) {
        for piece in content {
            match piece {
                Inline::Identifier(text) if self.tracked.is_none() && text.contains('-') => {
                    self.holds.untracked = true;
                    xml::identifier_run(&mut self.runs, look, text);
                }
                Inline::Text(text) | Inline::Identifier(text) => self.text(text, look),
                Inline::Strong(inner) => self.inlines(inner, RunLook { bold: true, ..look }),
                Inline::Blank(label) => self.text(&format!("\u{3000}{label}\u{3000}"), RunLook { blank: true, ..look }),
                Inline::Choice(inner) => {
                    self.text("【待选择】", look);
                    self.inlines(inner, look);
                }
                Inline::Reference { key, target } => match self.bookmarks.get(key).copied() {
                    Some(bookmark) => {
                        // The field is the clause's number as Word numbers it: 第九条, or 9.2 in 第9.2款.
                        let (before, number, after) = match *target {
                            Target::Article(_) => ("", target.label(), ""),
                            Target::Paragraph(article, paragraph) => ("第", format!("{article}.{paragraph}"), "款"),
                        };
                        self.text(before, look);
                        self.holds.untracked = true;
                        xml::reference_field(&mut self.runs, look, bookmark, &number);
                        self.text(after, look);
                    }
                    None => self.text(&target.label(), look),
                },
                Inline::LineBreak => xml::line_break(&mut self.runs),
                Inline::Revision(mark) => {
                    self.revisions += u32::from(matches!(mark, Revision::DeleteStart | Revision::InsertStart));
                    self.tracked = match mark {
                        Revision::DeleteStart => Some(Tracked::Deleted(self.revisions)),
                        Revision::InsertStart => Some(Tracked::Inserted(self.revisions)),
                        Revision::DeleteEnd | Revision::InsertEnd => None,
                    };
                }
            }
        }
    }

    fn text(&mut self, text: &str, look: RunLook) {
        if text.is_empty() {
            return;
        }
        match self.tracked {
            Some(Tracked::Deleted(_)) => self.holds.deleted = true,
            Some(Tracked::Inserted(_)) => self.holds.inserted = true,
            None => self.holds.untracked |= !text.trim().is_empty(),
        }
        match (self.tracked, &self.reviser) {
            (Some(tracked), Some(reviser)) => xml::tracked_run(&mut self.runs, look, text, tracked, reviser),
            _ => xml::run(&mut self.runs, look, text),
        }
    }

    fn table(&mut self, table: &Table) {
        let rows: Vec<&[Vec<Inline>]> =
            std::iter::once(table.header.as_slice()).chain(table.rows.iter().map(Vec::as_slice)).collect();
        let (widths, short) = columns::of_cells(&rows);
        // Each row is written into its own buffer first: whether a redline deletes or inserts
        // it whole is known only once its cells are.
        let mut table_xml = String::new();
        xml::table_start(&mut table_xml, &widths);
        for (index, cells) in rows.into_iter().enumerate() {
            let mut row_holds = Holds::default();
            let mut cells_xml = String::new();
            for (column, cell) in cells.iter().enumerate() {
                self.inlines(cell, RunLook::default());
                row_holds.add(std::mem::take(&mut self.holds));
                let short = short.get(column).copied().unwrap_or(false);
                xml::cell_start(&mut cells_xml, widths.get(column).copied().unwrap_or(0), short);
                cells_xml.push_str(&self.runs);
                self.runs.clear();
                xml::cell_end(&mut cells_xml);
            }
            let mark = self.whole_change(row_holds);
            xml::row_start(&mut table_xml, index == 0, mark.zip(self.reviser.as_ref()));
            table_xml.push_str(&cells_xml);
            table_xml.push_str("</w:tr>");
        }
        table_xml.push_str("</w:tbl>");
        if std::mem::take(&mut self.page_break_before) {
            // A table cannot carry a page break: an empty paragraph before it does.
            xml::paragraph_start(&mut self.out, "Normal", true, None);
            xml::paragraph_end(&mut self.out);
        }
        self.out.push_str(&table_xml);
        // Word needs a paragraph between two tables; one after each keeps them apart.
        xml::paragraph_start(&mut self.out, "Normal", false, None);
        xml::paragraph_end(&mut self.out);
    }
}
