//! Export formats. Markdown is the one source of the wording; HTML and Word are made from
//! it through a CommonMark parser, so the three never say different things.

pub mod docx;
pub mod html;

use crate::cli::Format;

/// The contract in a format, from its Markdown.
pub fn convert(markdown: &str, format: Format) -> Vec<u8> {
    match format {
        Format::Markdown => markdown.as_bytes().to_vec(),
        Format::Html => html::document(markdown).into_bytes(),
        Format::Docx => docx::document(markdown),
    }
}
