//! What the review step writes beside the draft: the contract in each format and the key
//! dates (at the end of the findings), and the companion documents this draft needs for
//! signing (at the end of the pre-signing checklist).

use crate::cli::Format;
use crate::draft::Draft;
use crate::i18n::Lang;
use crate::render::DocumentKind;

/// One thing the wizard can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Contract(Format),
    /// A companion document, as Word: it is printed and signed.
    Document(DocumentKind),
    /// The key dates as iCalendar.
    Dates,
    /// A 变更对照表 against another version (asked for in a dialog).
    Compare,
}

/// The lines after the findings, in order.
pub const AFTER_FINDINGS: [Output; 6] = [
    Output::Contract(Format::Markdown),
    Output::Contract(Format::Docx),
    Output::Contract(Format::Pdf),
    Output::Contract(Format::Html),
    Output::Dates,
    Output::Compare,
];

/// The companion documents this draft needs, in the order they are signed: the powers of
/// attorney for a signatory who is not the legal representative, the DPA where the supplier
/// processes personal information, the acceptance record.
pub fn documents_needed(draft: &Draft) -> Vec<Output> {
    [DocumentKind::PoaBuyer, DocumentKind::PoaSupplier, DocumentKind::Dpa, DocumentKind::Acceptance]
        .into_iter()
        .filter(|d| d.not_needed(draft).is_none())
        .map(Output::Document)
        .collect()
}

impl Output {
    pub fn label(self, lang: Lang) -> String {
        let text = match self {
            Output::Contract(Format::Markdown) => {
                lang.pick("→ 导出合同：Markdown（保存在草稿旁边）", "→ Export: Markdown (next to the draft)")
            }
            Output::Contract(Format::Docx) => {
                lang.pick("→ 导出合同：Word（.docx，用于签署）", "→ Export: Word (.docx, for signing)")
            }
            Output::Contract(Format::Html) => lang.pick("→ 导出合同：HTML（可打印）", "→ Export: HTML (print-ready)"),
            Output::Contract(Format::Pdf) => {
                lang.pick("→ 导出合同：PDF（用于打印和电子签约）", "→ Export: PDF (to print and e-sign)")
            }
            Output::Dates => lang
                .pick("→ 写出关键日期：日历文件（.ics，可导入日历）", "→ Key dates: calendar file (.ics, to import)"),
            Output::Compare => lang.pick(
                "→ 与另一稿比较：变更对照表（打开前的版本、git 提交的版本或另一文件）",
                "→ Compare with another version: 变更对照表 (as opened, committed, or a file)",
            ),
            Output::Document(document) => {
                return match lang {
                    Lang::Zh => format!("→ 导出{}（Word）", document.title_zh()),
                    Lang::En => format!("→ Export {} (Word)", document.id()),
                };
            }
        };
        text.to_string()
    }
}
