//! Measuring and cutting text by display width (a CJK character is two columns), and
//! making typed text safe to show: control characters become visible placeholders.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::markdown::sanitize;

/// Columns a string takes on screen.
pub fn display_width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Cuts a string to `width` columns, ending in … when cut; never splits a character.
pub fn fit(text: &str, width: usize) -> String {
    if display_width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Pads with spaces to `width` columns.
pub(super) fn pad(text: &str, width: usize) -> String {
    let missing = width.saturating_sub(display_width(text));
    format!("{text}{}", " ".repeat(missing))
}

/// Typed text made safe for the terminal: escape sequences and other controls are shown
/// as placeholders (␛), never sent raw.
pub(super) fn clean(text: &str) -> String {
    sanitize(text)
}

/// Contract text for reading in a pane: cleaned, and the ideographic space after clause
/// numbers kept with the text instead of being a place to wrap.
pub(super) fn readable(text: &str) -> String {
    clean(text).replace('\u{3000}', "\u{a0}\u{a0}")
}

/// Punctuation a Chinese line never starts with: it hangs at the end of the line before.
pub(super) fn is_closing(c: char) -> bool {
    matches!(c, '，' | '。' | '、' | '；' | '：' | '）' | '」' | '』' | '”' | '！' | '？' | '】' | '》')
        || (c.width() == Some(1) && matches!(c, ',' | '.' | ';' | ':' | ')' | '%'))
}

/// Plain text cut into lines of `width` columns (the comparison, the help), never
/// splitting a character; closing punctuation may hang one full-width character past the
/// width rather than start a line, so callers leave two columns for it.
pub(super) fn wrapped(text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    for source in text.lines() {
        let mut line = String::new();
        let mut used = 0;
        for c in source.chars() {
            let w = c.width().unwrap_or(0);
            // Closing punctuation hangs at the end of a line rather than starting the next.
            let hangs = is_closing(c) && used + w <= width + 2;
            if used + w > width.max(2) && !hangs {
                out.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += w;
        }
        out.push(line);
    }
    out
}

/// One line for a possibly multi-line value: the first line, with a count of the rest.
pub(super) fn first_line(text: &str) -> String {
    let clean = clean(text);
    let mut lines = clean.lines();
    let first = lines.next().unwrap_or_default().to_string();
    let rest = lines.count();
    if rest == 0 { first } else { format!("{first} …(+{rest})") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_by_columns_not_bytes() {
        assert_eq!(display_width("北京ab"), 6);
        assert_eq!(fit("北京某某科技", 7), "北京某…");
        assert_eq!(fit("abc", 3), "abc");
        assert_eq!(pad("北", 4), "北  ");
    }

    #[test]
    fn controls_never_reach_the_terminal() {
        assert_eq!(clean("a\u{1b}[2Jb"), "a\u{241b}[2Jb");
        assert_eq!(first_line("一\n二\n三"), "一 …(+2)");
    }
}
