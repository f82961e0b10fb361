//! Export formats. Markdown is the one source of the wording; HTML and Word are made from
//! it through a CommonMark parser, so the three never say different things.

pub mod docx;
pub mod html;

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
