//! Word (.docx) from the contract's Markdown: named styles (正文, 标题, 条款标题, 表格) with
//! outline levels, so Word's navigation pane lists every article; bordered appendix
//! tables whose columns are sized by what they hold, whose header rows repeat and whose
//! rows never split; the contract number in the header, 第 X 页 共 Y 页 in the footer, the
//! signature block on a page of its own, and blanks (【待填写：…】) as fill-in lines.
//!
//! The body is written as it is read, straight into a deflated zip entry: a 100,000-row
//! draft never holds more than one table's cells in memory.

mod package;
mod xml;

use std::io::{Cursor, Write};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::revision::{DEL_END, DEL_START, INS_END, INS_START};
use super::split_blanks;
use package::{Properties, TEXT_WIDTH};
pub use xml::Reviser;
use xml::{RunLook, Tracked};

/// The body is handed to the zip in pieces of about this size.
const FLUSH_AT: usize = 64 * 1024;
/// Twips one display column takes at the table's 10.5 pt (a CJK character is two), with
/// room for wide Latin glyphs such as % and ¥.
const TWIPS_PER_COLUMN: usize = 118;
/// Twips a cell's margins and border take, with a little slack.
const CELL_PADDING: usize = 260;
/// A column whose every cell is at most this many display columns wide keeps its width:
/// numbers, percentages, amounts, dates and short codes never wrap.
const SHORT_CELL: usize = 18;
/// What a long column keeps when the table would not fit otherwise.
const LEAST_LONG_COLUMN: usize = 6;
/// The narrowest a column of long text gets, in display columns (a date such as
/// 2026年12月18日 fits on one line).
const MIN_LONG_COLUMN: usize = 15;

/// One cell of a table being read: its runs as XML and its text's display width.
struct Cell {
    runs: String,
    width: usize,
}

/// One row of a table being read, and the tracked change of the whole row (a row a redline
/// wholly deletes or inserts goes with its change when it is accepted or rejected).
struct Row {
    cells: Vec<Cell>,
    mark: Option<Tracked>,
}

/// What the walk over the Markdown is building.
#[derive(Default)]
struct Body {
    /// XML not yet handed to the zip.
    out: String,
    /// The runs of the paragraph or cell being read, and its plain text.
    runs: String,
    plain: String,
    bold: bool,
    heading: Option<u8>,
    table: Option<Vec<Row>>,
    row: Vec<Cell>,
    /// What the cells of the row being read hold, together.
    row_holds: Holds,
    page_break_before: bool,
    title: Option<String>,
    /// A redline's author and date; `None` for a plain document.
    reviser: Option<Reviser>,
    /// The tracked change the text is in, and the last revision id given.
    tracked: Option<Tracked>,
    revisions: u32,
    /// What the paragraph being read holds: untracked, deleted and inserted text. A
    /// paragraph wholly deleted (or inserted) has its paragraph mark tracked too, so
    /// accepting (or rejecting) every change leaves no empty paragraph behind.
    holds: Holds,
}

#[derive(Debug, Clone, Copy, Default)]
#[allow(clippy::struct_excessive_bools)] // three independent facts of one paragraph
struct Holds {
    untracked: bool,
    deleted: bool,
    inserted: bool,
}

impl Body {
    /// Text, split at a redline's revision marks (which may open in one text and close in
    /// another) and at blanks.
    fn text(&mut self, text: &str) {
        let mut rest = text;
        while let Some(at) = rest.find([DEL_START, DEL_END, INS_START, INS_END]) {
            self.text_piece(&rest[..at]);
            let mark = rest[at..].chars().next().unwrap_or(DEL_END);
            self.revisions += u32::from(mark == DEL_START || mark == INS_START);
            self.tracked = match mark {
                DEL_START => Some(Tracked::Deleted(self.revisions)),
                INS_START => Some(Tracked::Inserted(self.revisions)),
                _ => None,
            };
            rest = &rest[at + mark.len_utf8()..];
        }
        self.text_piece(rest);
    }

    fn text_piece(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if !matches!(self.tracked, Some(Tracked::Deleted(_))) {
            self.plain.push_str(text);
        }
        match self.tracked {
            Some(Tracked::Deleted(_)) => self.holds.deleted = true,
            Some(Tracked::Inserted(_)) => self.holds.inserted = true,
            None => self.holds.untracked |= !text.trim().is_empty(),
        }
        for (piece, blank) in split_blanks(text) {
            let look = RunLook { bold: self.bold, blank };
            let piece = if blank { format!("\u{3000}{piece}\u{3000}") } else { piece };
            match (self.tracked, &self.reviser) {
                (Some(tracked), Some(reviser)) => xml::tracked_run(&mut self.runs, look, &piece, tracked, reviser),
                _ => xml::run(&mut self.runs, look, &piece),
            }
        }
    }

    /// Writes the paragraph read so far in a style.
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

    fn paragraph(&mut self, style: &str) {
        let holds = std::mem::take(&mut self.holds);
        let mark = self.whole_change(holds).zip(self.reviser.as_ref());
        xml::paragraph_start(&mut self.out, style, std::mem::take(&mut self.page_break_before), mark);
        self.out.push_str(&self.runs);
        xml::paragraph_end(&mut self.out);
        self.runs.clear();
        self.plain.clear();
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => self.heading = Some(level as u8),
            Event::End(TagEnd::Heading(_)) => {
                let style = match self.heading.take() {
                    Some(1) => {
                        self.title.get_or_insert_with(|| self.plain.clone());
                        "Title"
                    }
                    Some(2) => "Heading1",
                    _ => "Heading2",
                };
                // The first appendix starts a page, so the signature page stands alone.
                self.page_break_before |= self.plain.starts_with("附件一");
                self.paragraph(style);
            }
            Event::Start(Tag::Strong) => self.bold = true,
            Event::End(TagEnd::Strong) => self.bold = false,
            Event::End(TagEnd::Paragraph) if self.table.is_none() => self.paragraph("Normal"),
            Event::Text(text) | Event::Code(text) => self.text(&text),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => xml::line_break(&mut self.runs),
            // The rule before the signature page: what follows starts a new page.
            Event::Rule => self.page_break_before = true,
            Event::Start(Tag::Table(_)) => self.table = Some(Vec::new()),
            Event::End(TagEnd::TableCell) => {
                let holds = std::mem::take(&mut self.holds);
                self.row_holds.untracked |= holds.untracked;
                self.row_holds.deleted |= holds.deleted;
                self.row_holds.inserted |= holds.inserted;
                let width = print_width(&self.plain);
                self.row.push(Cell { runs: std::mem::take(&mut self.runs), width });
                self.plain.clear();
            }
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                let cells = std::mem::take(&mut self.row);
                let holds = std::mem::take(&mut self.row_holds);
                let mark = self.whole_change(holds);
                if let Some(rows) = self.table.as_mut() {
                    rows.push(Row { cells, mark });
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some(rows) = self.table.take() {
                    self.write_table(rows);
                }
            }
            _ => {}
        }
    }

    fn write_table(&mut self, rows: Vec<Row>) {
        let columns = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        let widest: Vec<usize> = (0..columns)
            .map(|c| rows.iter().filter_map(|r| r.cells.get(c)).map(|cell| cell.width).max().unwrap_or(1))
            .collect();
        let widths = column_widths(&widest);
        xml::table_start(&mut self.out, &widths);
        for (index, row) in rows.into_iter().enumerate() {
            xml::row_start(&mut self.out, index == 0, row.mark.zip(self.reviser.as_ref()));
            for (column, cell) in row.cells.into_iter().enumerate() {
                let short = widest.get(column).is_some_and(|w| *w <= SHORT_CELL);
                xml::cell_start(&mut self.out, widths.get(column).copied().unwrap_or(0), short);
                self.out.push_str(&cell.runs);
                xml::cell_end(&mut self.out);
            }
            self.out.push_str("</w:tr>");
        }
        self.out.push_str("</w:tbl>");
        // Word needs a paragraph between two tables; one after each keeps them apart.
        xml::paragraph_start(&mut self.out, "Normal", false, None);
        xml::paragraph_end(&mut self.out);
    }
}

/// How wide a cell's text prints, in half-em columns: ASCII is one, everything else two
/// (CJK, and ¥ or ％, which Word sets in the East Asian font).
fn print_width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// Column widths in twips that fill the text width: short columns (every cell at most
/// [`SHORT_CELL`] wide) get what their widest cell needs, long columns share the rest by
/// how much they hold; a table of long columns only (the signature block) splits evenly.
fn column_widths(widest: &[usize]) -> Vec<usize> {
    let need = |columns: usize| columns * TWIPS_PER_COLUMN + CELL_PADDING;
    let is_short = |w: usize| w <= SHORT_CELL;
    if widest.is_empty() {
        return Vec::new();
    }
    if !widest.iter().any(|w| is_short(*w)) {
        return vec![TEXT_WIDTH / widest.len(); widest.len()];
    }
    let fixed: usize = widest.iter().filter(|w| is_short(**w)).map(|w| need(*w)).sum();
    let long_total: usize = widest.iter().filter(|w| !is_short(**w)).sum();
    let room = TEXT_WIDTH.saturating_sub(fixed);
    let mut widths: Vec<usize> = widest
        .iter()
        .map(|&w| if is_short(w) { need(w) } else { (room * w / long_total.max(1)).max(need(MIN_LONG_COLUMN)) })
        .collect();
    // Over the width: long columns give up what they have above the minimum first, then
    // everything shrinks alike; short columns only stretch to the width.
    let total: usize = widths.iter().sum();
    if total > TEXT_WIDTH {
        let floor = need(LEAST_LONG_COLUMN);
        let spare: usize = widest.iter().zip(&widths).filter(|(w, _)| !is_short(**w)).map(|(_, x)| x - floor).sum();
        let excess = total - TEXT_WIDTH;
        for (w, width) in widest.iter().zip(widths.iter_mut()) {
            if !is_short(*w) && spare > 0 {
                *width -= ((*width - floor) * excess.min(spare)).div_ceil(spare);
            }
        }
    }
    let total: usize = widths.iter().sum::<usize>().max(1);
    if long_total == 0 || total > TEXT_WIDTH {
        for width in &mut widths {
            *width = *width * TEXT_WIDTH / total;
        }
    }
    widths
}

/// The contract number from the Markdown's front matter, for the page header.
fn contract_number(markdown: &str) -> Option<String> {
    let line = markdown.lines().take(12).find_map(|l| l.strip_prefix("合同编号："))?;
    let plain: String = line.chars().filter(|c| *c != '\\').collect();
    (!plain.starts_with('＿')).then_some(plain)
}

/// The .docx bytes for a contract's Markdown.
pub fn document(markdown: &str) -> Vec<u8> {
    write(markdown, None)
}

/// A redline's Markdown (with `formats::revision` marks) as a document whose changes are
/// Word tracked changes by `reviser`: accepting them all gives the new contract, rejecting
/// them the old one.
pub fn redline(markdown: &str, reviser: &Reviser) -> Vec<u8> {
    write(markdown, Some(reviser.clone()))
}

fn write(markdown: &str, reviser: Option<Reviser>) -> Vec<u8> {
    let number = contract_number(markdown);
    let title = markdown.lines().find_map(|l| l.strip_prefix("# ")).unwrap_or("新型CRM平台系统合同").replace('\\', "");
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    // Writing into memory cannot fail for lack of space; a failure would leave the buffer short.
    let written = package::start(&mut zip, &Properties { title, number }).and_then(|()| {
        let mut body = Body { reviser, ..Body::default() };
        for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
            body.event(event);
            if body.out.len() >= FLUSH_AT {
                zip.write_all(body.out.as_bytes())?;
                body.out.clear();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_contract_number_comes_from_the_front_matter() {
        assert_eq!(contract_number("# 合同\n\n合同编号：YG\\-1\n"), Some("YG-1".into()));
        assert_eq!(contract_number("# 合同\n\n合同编号：＿＿＿＿\n"), None);
    }

    #[test]
    fn short_columns_keep_their_width_and_the_table_fits_the_page() {
        // 序号, 付款节点, 付款条件, 期限, 比例, 金额, 大写金额 as `print_width` measures them.
        let widths = column_widths(&[4, 8, 30, 8, 4, 11, 18]);
        assert!(widths.iter().sum::<usize>() <= TEXT_WIDTH);
        assert!(widths[4] >= 4 * TWIPS_PER_COLUMN + CELL_PADDING, "40% never wraps");
        assert!(widths[1] >= 8 * TWIPS_PER_COLUMN + CELL_PADDING, "付款节点 on one line");
        assert!(widths[2] > widths[1], "long text gets the room");
        // Two long columns that cannot both have their minimum still fit the page.
        let widths = column_widths(&[4, 8, 30, 8, 4, 11, 40]);
        assert!(widths.iter().sum::<usize>() <= TEXT_WIDTH);
        assert!(widths[4] >= 4 * TWIPS_PER_COLUMN + CELL_PADDING, "short columns keep their width");
    }
}
