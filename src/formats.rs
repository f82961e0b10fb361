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

/// Splits text into plain pieces and blank labels (from 【待填写：label】).
pub(crate) fn split_blanks(text: &str) -> Vec<(String, bool)> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("【待填写") {
        if start > 0 {
            pieces.push((rest[..start].to_string(), false));
        }
        let after = &rest[start..];
        let Some(end) = after.find('】') else { break };
        pieces.push((after["【待填写".len()..end].trim_start_matches('：').to_string(), true));
        rest = &after[end + '】'.len_utf8()..];
    }
    if !rest.is_empty() {
        pieces.push((rest.to_string(), false));
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks_are_split_out() {
        assert_eq!(
            split_blanks("甲方：【待填写：甲方名称】。"),
            vec![("甲方：".into(), false), ("甲方名称".into(), true), ("。".into(), false)]
        );
        assert_eq!(split_blanks("【待填写】"), vec![(String::new(), true)]);
    }
}
