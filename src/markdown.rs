//! Markdown escaping of user values, so typed text can never add a heading, list, quote,
//! table row, link, HTML, code or emphasis, and control characters never reach the output.
//!
//! Two contexts: running text (line breaks kept as hard breaks, never a paragraph break)
//! and table cells (line breaks joined, pipes escaped).

/// Characters that carry inline meaning anywhere in a line.
const INLINE_SPECIAL: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '&'];
/// Characters that open a block at the start of a line.
const LINE_START_SPECIAL: &[char] = &['#', '-', '+', '='];
/// Punctuation after which no separator is added when joining lines in a table cell.
const CLOSING_PUNCTUATION: &[char] = &['。', '；', '，', '、', '：', '！', '？', ';', ',', '.', ':', '!', '?'];

/// Replaces characters that must never reach a document or a terminal raw: C0 and C1
/// controls (except line feed) become visible pictures, bidirectional overrides and the
/// two code points XML 1.0 forbids beyond the controls (U+FFFE, U+FFFF, which make a Word
/// file unreadable) become U+FFFD, tabs become spaces, CR LF becomes LF.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' => out.push('\n'),
            '\t' => out.push(' '),
            '\u{0}'..='\u{1f}' => out.push(char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}')),
            '\u{7f}' => out.push('\u{2421}'),
            c if is_replaced(c) => {
                out.push('\u{fffd}');
            }
            _ => out.push(c),
        }
    }
    out
}

/// Characters [`sanitize`] turns into U+FFFD: C1 controls, bidi overrides and isolates,
/// the two code points XML 1.0 forbids beyond the controls, and the private-use range that
/// marks structure in a render (`document::marks`, `render::numbering`) and the revisions of
/// a redline (`formats::revision`), so a value can never fake an article, a blank or a
/// tracked change.
fn is_replaced(c: char) -> bool {
    matches!(
        c,
        '\u{80}'..='\u{9f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{fffe}'
            | '\u{ffff}'
            | '\u{e000}'..='\u{e01f}'
    )
}

/// Whether [`sanitize`] changes a character (other than CR and tab, which it normalizes).
fn is_unsafe(c: char) -> bool {
    (c < ' ' && c != '\n') || c == '\u{7f}' || is_replaced(c)
}

/// Whether a rendered document holds a character [`sanitize`] replaces.
pub fn needs_sanitizing(text: &str) -> bool {
    text.chars().any(is_unsafe)
}

/// Escapes a value for running text. Lines keep their breaks (as Markdown hard breaks);
/// blank lines are dropped so a value never ends the surrounding paragraph.
pub fn escape_text(text: &str) -> String {
    // Most values (names, amounts, Chinese sentences) need nothing: copy them as they are.
    if is_plain(text) { text.to_string() } else { escape_lines(text) }
}

/// Whether escaping would leave a text unchanged: no control, bidirectional or special
/// character, nothing at the start that could open a block, no space to trim. A property
/// test holds it to [`escape_lines`].
fn is_plain(text: &str) -> bool {
    let edge = |c: char| c == ' ' || c == '\u{a0}';
    let starts_plain = text.chars().next().is_none_or(|c| !(edge(c) || LINE_START_SPECIAL.contains(&c)));
    starts_plain
        && !starts_with_list_marker(text)
        && !text.ends_with(edge)
        && text.chars().all(|c| !(c == '\n' || is_unsafe(c) || u8::try_from(c).is_ok_and(is_inline_special_byte)))
}

/// Whether a byte is one of [`INLINE_SPECIAL`] (all ASCII, so never part of a longer
/// character): a table lookup, as every byte of the contract is asked.
fn is_inline_special_byte(byte: u8) -> bool {
    const TABLE: [bool; 128] = {
        let mut table = [false; 128];
        let mut index = 0;
        while index < INLINE_SPECIAL.len() {
            table[INLINE_SPECIAL[index] as usize & 0x7f] = true;
            index += 1;
        }
        table
    };
    TABLE.get(usize::from(byte)).copied().unwrap_or(false)
}

/// The full escape of running text, line by line.
fn escape_lines(text: &str) -> String {
    let clean = sanitize(text);
    let lines: Vec<String> = clean.split('\n').map(escape_line).filter(|l| !l.is_empty()).collect();
    lines.join("\\\n")
}

/// Escapes a piece of text written into Markdown from the document tree: inline specials
/// everywhere, and where the piece opens a line, block openers and an ordered-list marker.
/// Unlike a value's escape, spaces are kept (the piece sits between others).
pub fn escape_piece(text: &str, at_line_start: bool) -> String {
    let needs = |c: char| INLINE_SPECIAL.contains(&c);
    let opens_block = at_line_start
        && (text.starts_with(LINE_START_SPECIAL) || starts_with_list_marker(text) || text.starts_with([' ', '\u{a0}']));
    // The specials are ASCII, so a byte scan (no decoding) tells whether any is there.
    if !opens_block && !text.bytes().any(is_inline_special_byte) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let list_marker = at_line_start && starts_with_list_marker(text);
    for (index, c) in text.chars().enumerate() {
        let block_opener = at_line_start && index == 0 && LINE_START_SPECIAL.contains(&c);
        if needs(c) || block_opener || (list_marker && index == digits) {
            out.push('\\');
        }
        out.push(c);
    }
    if at_line_start && out.starts_with([' ', '\u{a0}']) {
        out = out.trim_start_matches([' ', '\u{a0}']).to_string();
    }
    out
}

/// Separates the blocks of rendered Markdown by exactly one blank line, so clause templates
/// need not count newlines around their tags. Table rows stay together, and a line ending
/// in a hard break (an odd number of backslashes) continues its paragraph.
pub fn tidy_blocks(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut previous: Option<&str> = None;
    for line in text.lines().map(str::trim_end).filter(|l| !l.is_empty()) {
        if let Some(previous) = previous {
            let table_continues = previous.starts_with('|') && line.starts_with('|');
            let hard_break = previous.chars().rev().take_while(|&c| c == '\\').count() % 2 == 1;
            out.push('\n');
            if !table_continues && !hard_break {
                out.push('\n');
            }
        }
        out.push_str(line);
        previous = Some(line);
    }
    out.push('\n');
    out
}

/// Escapes a value for a GFM table cell: one line, lines joined with "；".
pub fn escape_cell(text: &str) -> String {
    if is_plain(text) { text.to_string() } else { escape_cell_lines(text) }
}

/// The full escape of a table cell, line by line.
fn escape_cell_lines(text: &str) -> String {
    let clean = sanitize(text);
    let mut out = String::new();
    for line in clean.split('\n').map(escape_line).filter(|l| !l.is_empty()) {
        if !out.is_empty() && !out.ends_with(CLOSING_PUNCTUATION) {
            out.push('；');
        }
        out.push_str(&line);
    }
    out
}

/// `1.` or `1)` followed by a space or the end of the line: an ordered-list marker, as
/// CommonMark defines it.
fn starts_with_list_marker(line: &str) -> bool {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    (1..=9).contains(&digits)
        && line[digits..].starts_with(['.', ')'])
        && matches!(line[digits + 1..].chars().next(), None | Some(' '))
}

/// Escapes one line: surrounding whitespace trimmed (indentation would make code), inline
/// specials everywhere, block openers at the start, and an ordered-list marker (`1.` or
/// `1)` followed by a space or the end of the line, as CommonMark defines it).
fn escape_line(line: &str) -> String {
    let line = line.trim_matches([' ', '\u{a0}']);
    let mut out = String::with_capacity(line.len() + 8);
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let list_marker = starts_with_list_marker(line);
    for (index, c) in line.chars().enumerate() {
        let at_start = index == 0;
        let after_list_number = list_marker && index == digits;
        if INLINE_SPECIAL.contains(&c) || (at_start && LINE_START_SPECIAL.contains(&c)) || after_list_number {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn the_plain_text_shortcut_never_changes_the_result(text in "[ \u{a0}\t\r\n#1.)*|a-z0-9甲乙\u{7f}\u{85}\u{202e}\u{2067}\\\\]{0,12}") {
            proptest::prop_assert_eq!(escape_text(&text), escape_lines(&text));
            proptest::prop_assert_eq!(escape_cell(&text), escape_cell_lines(&text));
        }
    }

    #[test]
    fn the_special_byte_table_is_the_list() {
        for byte in 0..=u8::MAX {
            assert_eq!(is_inline_special_byte(byte), byte.is_ascii() && INLINE_SPECIAL.contains(&char::from(byte)));
        }
        assert!(INLINE_SPECIAL.iter().all(char::is_ascii));
    }

    #[test]
    fn block_openers_are_neutralized() {
        assert_eq!(escape_text("# 标题"), "\\# 标题");
        assert_eq!(escape_text("- 列表\n1. 第一"), "\\- 列表\\\n1\\. 第一");
        assert_eq!(escape_text("    代码"), "代码");
        assert_eq!(escape_text("a\n\n\nb"), "a\\\nb");
        assert_eq!(escape_text("[链接](http://x) <b>"), "\\[链接\\](http://x) \\<b\\>");
        assert_eq!(escape_text("V3.2 于 2026-12-01"), "V3.2 于 2026-12-01");
        assert_eq!(escape_text("3.2万条"), "3.2万条");
        assert_eq!(escape_text("2) 第二"), "2\\) 第二");
        assert_eq!(escape_text("2026."), "2026\\.");
    }

    #[test]
    fn tidy_separates_blocks_but_keeps_tables_and_breaks() {
        let text = "# 标题\n段一\n\n\n段二\\\n续\n| a |\n|---|\n| b |\n尾";
        assert_eq!(tidy_blocks(text), "# 标题\n\n段一\n\n段二\\\n续\n\n| a |\n|---|\n| b |\n\n尾\n");
    }

    #[test]
    fn cells_are_one_line() {
        assert_eq!(escape_cell("a | b\nc"), "a \\| b；c");
        assert_eq!(escape_cell("第一行。\n第二行"), "第一行。第二行");
    }

    #[test]
    fn controls_become_visible() {
        assert_eq!(sanitize("a\u{1b}[31mb\r\nc\u{202e}"), "a\u{241b}[31mb\nc\u{fffd}");
        assert_eq!(sanitize("\u{7f}\u{85}\t"), "\u{2421}\u{fffd} ");
    }
}
