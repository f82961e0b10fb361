//! Word (.docx) from the contract's Markdown, with docx-rs: A4, 宋体 body and 黑体 headings
//! for East Asian text, the articles as headings, bordered appendix tables, the contract
//! number in the header, 第 X 页 共 Y 页 in the footer, the signature block on a page of
//! its own, and blanks (【待填写：…】) as fill-in lines.

use docx_rs::{
    AlignmentType, BreakType, Docx, Footer, Header, LineSpacing, NumPages, PageMargin, PageNum, Paragraph, Run,
    RunFonts, Table, TableCell, TableRow, WidthType,
};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::split_blanks;

const BODY_FONT: &str = "SimSun";
const HEADING_FONT: &str = "SimHei";
const LATIN_FONT: &str = "Times New Roman";
/// Sizes in half-points.
const BODY_SIZE: usize = 24;
const TITLE_SIZE: usize = 36;
const HEADING_SIZE: usize = 28;
const TABLE_SIZE: usize = 21;
/// A4 in twentieths of a point, and 25 mm margins (22 mm on the right).
const A4: (u32, u32) = (11_906, 16_838);
const MARGIN: i32 = 1_417;
/// The width between the margins, in twentieths of a point.
const TEXT_WIDTH: usize = 9_242;

/// What the walk over the Markdown is building.
#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    runs: Vec<Run>,
    bold: bool,
    heading: Option<u8>,
    /// The rows of the table being read: each cell's paragraph and its text length.
    table: Option<Vec<Vec<(Paragraph, usize)>>>,
    row: Vec<(Paragraph, usize)>,
    page_break_before: bool,
}

enum Block {
    Paragraph(Box<Paragraph>),
    Table(Box<Table>),
}

fn fonts(family: &str) -> RunFonts {
    RunFonts::new().east_asia(family).ascii(LATIN_FONT).hi_ansi(LATIN_FONT)
}

impl Builder {
    fn text(&mut self, text: &str) {
        let (family, size) = match (self.heading, self.table.is_some()) {
            (Some(1), _) => (HEADING_FONT, TITLE_SIZE),
            (Some(_), _) => (HEADING_FONT, HEADING_SIZE),
            (None, true) => (BODY_FONT, TABLE_SIZE),
            (None, false) => (BODY_FONT, BODY_SIZE),
        };
        for (piece, blank) in split_blanks(text) {
            let mut run = Run::new().fonts(fonts(family)).size(size);
            if self.bold || self.heading.is_some() {
                run = run.bold();
            }
            run = if blank {
                run.add_text(format!("\u{3000}{piece}\u{3000}")).underline("single").color("777777")
            } else {
                run.add_text(piece)
            };
            self.runs.push(run);
        }
    }

    fn finish_paragraph(&mut self) -> Paragraph {
        let mut paragraph = Paragraph::new().line_spacing(LineSpacing::new().line(360).after(80));
        for run in self.runs.drain(..) {
            paragraph = paragraph.add_run(run);
        }
        paragraph
    }

    fn push_paragraph(&mut self, paragraph: Paragraph) {
        let paragraph =
            if std::mem::take(&mut self.page_break_before) { paragraph.page_break_before(true) } else { paragraph };
        self.blocks.push(Block::Paragraph(Box::new(paragraph)));
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => self.heading = Some(level as u8),
            Event::End(TagEnd::Heading(_)) => {
                let level = self.heading.take();
                let starts_appendix = self.runs_text().starts_with("附件一");
                let mut paragraph = self.finish_paragraph();
                if level == Some(1) {
                    paragraph = paragraph.align(AlignmentType::Center);
                }
                // The first appendix starts a page, so the signature page stands alone.
                self.page_break_before |= starts_appendix;
                self.push_paragraph(paragraph);
            }
            Event::Start(Tag::Strong) => self.bold = true,
            Event::End(TagEnd::Strong) => self.bold = false,
            Event::End(TagEnd::Paragraph) if self.table.is_none() => {
                let paragraph = self.finish_paragraph();
                self.push_paragraph(paragraph);
            }
            Event::Text(text) | Event::Code(text) => self.text(&text),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.runs.push(Run::new().add_break(BreakType::TextWrapping)),
            // The rule before the signature page: what follows starts a new page.
            Event::Rule => self.page_break_before = true,
            Event::Start(Tag::Table(_)) => self.table = Some(Vec::new()),
            Event::End(TagEnd::TableCell) => {
                let length = self.runs_text().chars().count();
                let paragraph = self.finish_paragraph();
                self.row.push((paragraph, length));
            }
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                let cells = std::mem::take(&mut self.row);
                if let Some(rows) = self.table.as_mut() {
                    rows.push(cells);
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some(rows) = self.table.take() {
                    self.blocks.push(Block::Table(Box::new(table(rows))));
                }
            }
            _ => {}
        }
    }

    /// The text gathered so far in the current paragraph (to recognise headings).
    fn runs_text(&self) -> String {
        self.runs
            .iter()
            .flat_map(|run| run.children.iter())
            .filter_map(|child| match child {
                docx_rs::RunChild::Text(text) => Some(text.text.clone()),
                _ => None,
            })
            .collect()
    }
}

/// A table across the text width, each column as wide as its longest cell asks (within
/// limits), so descriptions get room and numbers stay narrow.
fn table(rows: Vec<Vec<(Paragraph, usize)>>) -> Table {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let wants: Vec<usize> = (0..columns)
        .map(|c| rows.iter().filter_map(|r| r.get(c)).map(|(_, len)| *len).max().unwrap_or(1).clamp(3, 40))
        .collect();
    let total: usize = wants.iter().sum::<usize>().max(1);
    let widths: Vec<usize> = wants.iter().map(|w| TEXT_WIDTH * w / total).collect();
    let rows = rows
        .into_iter()
        .map(|cells| {
            TableRow::new(
                cells
                    .into_iter()
                    .enumerate()
                    .map(|(c, (paragraph, _))| {
                        TableCell::new()
                            .width(widths.get(c).copied().unwrap_or(0), WidthType::Dxa)
                            .add_paragraph(paragraph)
                    })
                    .collect(),
            )
        })
        .collect();
    Table::new(rows).set_grid(widths).width(TEXT_WIDTH, WidthType::Dxa)
}

/// The contract number from the Markdown's front matter, for the page header.
fn contract_number(markdown: &str) -> Option<String> {
    let line = markdown.lines().take(12).find_map(|l| l.strip_prefix("合同编号："))?;
    let plain: String = line.chars().filter(|c| *c != '\\').collect();
    (!plain.starts_with('＿')).then_some(plain)
}

/// The .docx bytes for a contract's Markdown.
pub fn document(markdown: &str) -> Vec<u8> {
    let mut builder = Builder::default();
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        builder.event(event);
    }
    let small = |text: &str| Run::new().add_text(text).fonts(fonts(BODY_FONT)).size(18);
    let header_text = contract_number(markdown).map_or_else(String::new, |n| format!("合同编号：{n}"));
    let header = Header::new().add_paragraph(Paragraph::new().align(AlignmentType::Right).add_run(small(&header_text)));
    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(small("第 "))
            .add_page_num(PageNum::new())
            .add_run(small(" 页 共 "))
            .add_num_pages(NumPages::new())
            .add_run(small(" 页")),
    );
    let margin = PageMargin {
        top: MARGIN,
        left: MARGIN,
        bottom: MARGIN,
        right: MARGIN * 22 / 25,
        header: 851,
        footer: 851,
        gutter: 0,
    };
    let mut docx = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(margin)
        .default_fonts(fonts(BODY_FONT))
        .default_size(BODY_SIZE)
        .header(header)
        .footer(footer);
    for block in builder.blocks {
        docx = match block {
            Block::Paragraph(paragraph) => docx.add_paragraph(*paragraph),
            Block::Table(table) => docx.add_table(*table),
        };
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    // Packing into memory cannot fail for lack of space; an error would leave it empty.
    let _ = docx.build().pack(&mut bytes);
    bytes.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_contract_number_comes_from_the_front_matter() {
        assert_eq!(contract_number("# 合同\n\n合同编号：YG\\-1\n"), Some("YG-1".into()));
        assert_eq!(contract_number("# 合同\n\n合同编号：＿＿＿＿\n"), None);
    }
}
