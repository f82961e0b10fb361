//! The text editor of the focused field: a ratatui-textarea that edits at the caret by
//! character (never splitting a CJK character), with bracketed paste and the caret's
//! screen position for the terminal cursor, so an input method's window follows it.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

/// The editor of one text-like field.
#[derive(Debug, Clone)]
pub struct Editor {
    /// The draft path being edited.
    pub path: String,
    area: TextArea<'static>,
    multiline: bool,
}

/// Two editors are equal when they edit the same path to the same text.
impl PartialEq for Editor {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path && self.value() == other.value()
    }
}

impl Editor {
    /// Opens an editor on a value with the caret at its end.
    pub fn open(path: &str, value: &str, multiline: bool) -> Editor {
        let lines: Vec<String> =
            if multiline { value.split('\n').map(str::to_string).collect() } else { vec![value.replace('\n', " ")] };
        let mut area = TextArea::new(lines);
        area.set_cursor_line_style(Style::new());
        area.set_cursor_style(Style::new());
        area.set_wrap_mode(if multiline { WrapMode::WordOrGlyph } else { WrapMode::None });
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        Editor { path: path.to_string(), area, multiline }
    }

    pub fn is_multiline(&self) -> bool {
        self.multiline
    }

    /// The text as it is stored in the draft.
    pub fn value(&self) -> String {
        self.area.lines().join("\n")
    }

    /// Applies a key; returns whether the text changed. Enter (and Ctrl-M, Ctrl-J, which
    /// the text area reads as a line break) adds a line only in a multi-line field.
    pub fn key(&mut self, key: KeyEvent) -> bool {
        let control = key.modifiers.contains(crossterm::event::KeyModifiers::CONTROL);
        let line_break = key.code == KeyCode::Enter || (control && matches!(key.code, KeyCode::Char('m' | 'j')));
        if line_break && !self.multiline {
            return false;
        }
        let before = self.area.lines().len() + self.area.lines().iter().map(String::len).sum::<usize>();
        let old = self.value();
        self.area.input(key);
        // Cheap length check first; compare the text only when the length did not change.
        let after = self.area.lines().len() + self.area.lines().iter().map(String::len).sum::<usize>();
        before != after || self.value() != old
    }

    /// Inserts pasted or committed text at the caret; one-line fields get spaces for
    /// line breaks.
    pub fn paste(&mut self, text: &str) -> bool {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        // Characters XML 1.0 forbids would make the Word export unreadable: a paste never
        // stores them (terminal colours and other controls are dropped).
        let text: String = text
            .chars()
            .filter(|&c| c >= ' ' || c == '\n' || c == '\t')
            .map(|c| if c == '\u{fffe}' || c == '\u{ffff}' { '\u{fffd}' } else { c })
            .collect();
        let text = if self.multiline { text } else { text.replace('\n', " ") };
        self.area.insert_str(text)
    }

    /// Whether the caret is on the first or the last line (where Up and Down leave the field).
    pub fn on_first_line(&self) -> bool {
        self.area.cursor().0 == 0
    }

    pub fn on_last_line(&self) -> bool {
        self.area.cursor().0 + 1 >= self.area.lines().len()
    }

    /// The widget to draw.
    pub fn widget(&self) -> &TextArea<'static> {
        &self.area
    }

    /// Where the terminal cursor belongs after the widget was drawn into `rect`.
    pub fn caret(&self, rect: Rect) -> Position {
        let screen = self.area.screen_cursor();
        let (top, left) = self.area.scroll_offset();
        let col = screen.col.saturating_sub(usize::from(left));
        let row = screen.row.saturating_sub(usize::from(top));
        Position::new(
            rect.x.saturating_add(u16::try_from(col).unwrap_or(u16::MAX)).min(rect.right().saturating_sub(1)),
            rect.y.saturating_add(u16::try_from(row).unwrap_or(u16::MAX)).min(rect.bottom().saturating_sub(1)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_one_line_field_never_takes_a_line_break() {
        use crossterm::event::KeyModifiers;
        let mut editor = Editor::open("parties.buyer.name", "北京", false);
        for key in [
            KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
            KeyEvent::new(KeyCode::Char('m'), KeyModifiers::CONTROL),
            KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL),
        ] {
            assert!(!editor.key(key), "{key:?}");
        }
        assert_eq!(editor.value(), "北京");
        let mut long = Editor::open("other.terms", "一", true);
        assert!(long.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
        assert_eq!(long.value(), "一\n");
    }
    use crossterm::event::KeyModifiers;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn edits_chinese_by_character_at_the_caret() {
        let mut editor = Editor::open("x", "北京科技", false);
        assert!(!editor.key(key(KeyCode::Left)));
        assert!(editor.key(key(KeyCode::Backspace)));
        assert_eq!(editor.value(), "北京技");
        assert!(editor.paste("某某"));
        assert_eq!(editor.value(), "北京某某技");
    }

    #[test]
    fn one_line_fields_never_take_line_breaks() {
        let mut editor = Editor::open("x", "a", false);
        assert!(!editor.key(key(KeyCode::Enter)));
        editor.paste("b\nc");
        assert_eq!(editor.value(), "ab c");
        let mut long = Editor::open("y", "第一行", true);
        long.paste("\n第二行\r\n第三行");
        assert_eq!(long.value(), "第一行\n第二行\n第三行");
        assert!(long.on_last_line() && !long.on_first_line());
    }
}
