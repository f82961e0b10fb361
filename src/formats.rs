//! Export formats, each a rendering of the same document tree (`crate::document`), so they
//! never say different things.

pub mod columns;
pub mod docx;
pub mod html;
pub mod pdf;

use clap::ValueEnum;

use crate::document::Document;

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// CommonMark with GFM tables: for review and git.
    Markdown,
    /// One self-contained, print-ready HTML file (A4).
    Html,
    /// A Word document for signing (A4, 宋体/黑体, page numbers).
    Docx,
    /// A print-ready PDF (A4, fonts embedded, text extractable) for signing and e-signature.
    Pdf,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }
}

/// Revision marks in a redline's Markdown (`crm-contract diff`): private-use characters that
/// no rendered value contains (`markdown::sanitize` replaces them), wrapping deleted and
/// inserted text. Markdown writes them as `~~…~~` and `**…**`, HTML as `<del>` and `<ins>`,
/// Word as tracked changes.
pub mod revision {
    pub const DEL_START: char = '\u{e010}';
    pub const DEL_END: char = '\u{e011}';
    pub const INS_START: char = '\u{e012}';
    pub const INS_END: char = '\u{e013}';

    /// Whether a text holds a mark.
    pub fn marked(text: &str) -> bool {
        text.chars().any(|c| ('\u{e010}'..='\u{e013}').contains(&c))
    }

    /// The marks as Markdown: ~~deleted~~, **inserted**.
    pub fn as_markdown(text: &str) -> String {
        text.replace([DEL_START, DEL_END], "~~").replace([INS_START, INS_END], "**")
    }
}

/// A document in a format; `word` says how a Word file is made. Only a PDF can fail (no
/// font on this machine covers Chinese).
pub fn convert(document: &Document, format: Format, word: &docx::Options) -> Result<Vec<u8>, pdf::PdfError> {
    Ok(match format {
        Format::Markdown => document.to_markdown().into_bytes(),
        Format::Html => html::document(document).into_bytes(),
        Format::Docx => docx::document(document, word),
        Format::Pdf => pdf::document(document)?,
    })
}
