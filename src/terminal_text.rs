//! Text from files and drafts made safe for one line of a terminal: every message the
//! command line prints (`check`, `error:` lines, file names) goes through [`quote`], so a
//! value or a file name can never clear the screen, write the clipboard (OSC 52), plant a
//! link (OSC 8) or reorder what is shown (bidi controls). The wizard's screen does the same.

use crate::markdown::sanitize;

/// `text` with controls and escape sequences as visible placeholders (␛, ␊), bidi controls
/// and marks as U+FFFD; a line break inside a value becomes ␊, so one line stays one line.
pub fn quote(text: &str) -> String {
    let clean = sanitize(text);
    if !clean.contains(['\n', '\u{200e}', '\u{200f}', '\u{61c}']) {
        return clean;
    }
    clean
        .chars()
        .map(|c| match c {
            '\n' => '\u{240a}',
            '\u{200e}' | '\u{200f}' | '\u{61c}' => '\u{fffd}',
            _ => c,
        })
        .collect()
}

/// A path for a message: its display form, quoted.
pub fn path(path: &std::path::Path) -> String {
    quote(&path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_escape_sequence_or_bidi_control_survives() {
        let hostile = "saas\u{1b}]52;c;SGFja2Vk\u{7}\u{1b}[2J\u{9b}1m\u{202e}evil\u{2067}\u{200f}\nnext";
        let quoted = quote(hostile);
        assert!(!quoted.chars().any(char::is_control), "{quoted:?}");
        assert!(!quoted.contains(['\u{202e}', '\u{2067}', '\u{200f}']));
        assert!(quoted.contains('␛') && quoted.contains('␊'));
        assert_eq!(quote("北京某某科技有限公司"), "北京某某科技有限公司");
    }
}
