//! PDF for signing and e-signature platforms, typeset by Typst as a library: A4, the CJK
//! fonts of this machine embedded (subset) with their text extractable, so a platform can
//! place signature fields by keyword; 第 X 页 共 Y 页; the signature page on a page of its own;
//! the annexes as real tables. Typst was chosen over printpdf (drawing primitives only: no
//! line breaking or tables) and genpdf (breaks lines at spaces, which Chinese has none of):
//! it breaks and justifies CJK text, repeats table headers and counts pages.

mod markup;
mod world;

use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use crate::document::Document;
use world::{Fonts, PdfWorld};

/// Why a PDF could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// No installed font covers Chinese.
    NoChineseFont,
    /// Typst could not set the document (a bug: the markup is ours).
    Typesetting(String),
}

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PdfError::NoChineseFont => f.write_str(
                "no installed font covers Chinese; install one (Debian/Ubuntu: apt-get install fonts-noto-cjk; Fedora: dnf install google-noto-serif-cjk-fonts; macOS and Windows have one) and export again",
            ),
            PdfError::Typesetting(message) => write!(f, "the PDF could not be typeset: {message}"),
        }
    }
}

impl std::error::Error for PdfError {}

/// The PDF bytes of a document.
pub fn document(document: &Document) -> Result<Vec<u8>, PdfError> {
    let fonts = Fonts::system();
    let faces = fonts.faces.as_ref().ok_or(PdfError::NoChineseFont)?;
    let world = PdfWorld::new(fonts, markup::source(document, faces));
    let typeset = typst::compile::<PagedDocument>(&world).output.map_err(|errors| {
        PdfError::Typesetting(errors.iter().map(|e| e.message.to_string()).collect::<Vec<_>>().join("; "))
    })?;
    let options =
        PdfOptions { creator: typst::foundations::Smart::Custom(Some("crm-contract".into())), ..PdfOptions::default() };
    typst_pdf::pdf(&typeset, &options).map_err(|errors| {
        PdfError::Typesetting(errors.iter().map(|e| e.message.to_string()).collect::<Vec<_>>().join("; "))
    })
}
