//! The text editor of the focused field: a ratatui-textarea that edits at the caret by
//! character (never splitting a CJK character), with bracketed paste and the caret's
//! screen position for the terminal cursor, so an input method's window follows it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
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
        // A long one-line value (适用法律, an address) wraps too, so it is read whole while
        // it is edited instead of showing only its tail.
        area.set_wrap_mode(WrapMode::WordOrGlyph);
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

    /// Applies a key; returns whether the text changed. Only the editing keys the keymap
    /// table lists (and so the help shows) do anything: characters, Backspace, Delete,
    /// ← → Home End, Ctrl-W (the word before the caret), Ctrl-U (the whole field), and Enter
    /// and ↑ ↓ in a multi-line field. The text area's own shortcuts are never reached.
    pub fn key(&mut self, key: KeyEvent) -> bool {
        let changed = self.apply(key);
        let shrinking = matches!(key.code, KeyCode::Backspace | KeyCode::Delete)
            || (key.modifiers.contains(KeyModifiers::CONTROL) && matches!(key.code, KeyCode::Char('w' | 'u')));
        if changed && shrinking && self.multiline {
            self.forget_scroll();
        }
        changed
    }

    fn apply(&mut self, key: KeyEvent) -> bool {
        let control = key.modifiers.contains(KeyModifiers::CONTROL);
        let plain = !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            KeyCode::Char('w') if control => self.delete_word_back(),
            KeyCode::Char('u') if control => self.clear(),
            KeyCode::Char(c) if plain => {
                self.area.insert_char(c);
                true
            }
            // Ctrl-M and Ctrl-J are read as line breaks by some terminals: never in one line.
            KeyCode::Enter if self.multiline && plain => {
                self.area.insert_newline();
                true
            }
            KeyCode::Backspace => self.area.delete_char(),
            KeyCode::Delete => self.area.delete_next_char(),
            KeyCode::Left | KeyCode::Right | KeyCode::Home | KeyCode::End | KeyCode::Up | KeyCode::Down => {
                self.area.move_cursor(match key.code {
                    KeyCode::Left => CursorMove::Back,
                    KeyCode::Right => CursorMove::Forward,
                    KeyCode::Home => CursorMove::Head,
                    KeyCode::End => CursorMove::End,
                    KeyCode::Up => CursorMove::Up,
                    _ => CursorMove::Down,
                });
                false
            }
            _ => false,
        }
    }

    /// Ctrl-W: the spaces before the caret, then everything back to the previous space, so
    /// 0.5, 2026-04-01 and an e-mail address go in one press (the text area's own word
    /// stops at every punctuation mark).
    fn delete_word_back(&mut self) -> bool {
        let cursor = self.area.cursor();
        let (row, col) = (cursor.0, cursor.1);
        let line: Vec<char> = self.area.lines()[row].chars().collect();
        let head = &line[..col.min(line.len())];
        let spaces = head.iter().rev().take_while(|c| c.is_whitespace()).count();
        let word = head[..head.len() - spaces].iter().rev().take_while(|c| !c.is_whitespace()).count();
        if spaces + word == 0 {
            // At the start of a line: join it to the one before.
            return self.area.delete_char();
        }
        for _ in 0..spaces + word {
            self.area.move_cursor(CursorMove::Back);
        }
        self.area.delete_str(spaces + word)
    }

    /// Ctrl-U: empties the field.
    fn clear(&mut self) -> bool {
        if self.value().is_empty() {
            return false;
        }
        self.area = Editor::open(&self.path, "", self.multiline).area;
        true
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

    /// Moves the caret a row up or down as the text is shown (a long line wraps into
    /// several rows); false on the first or last row, where ↑ and ↓ leave the field.
    pub fn caret_row(&mut self, down: bool) -> bool {
        let before = self.area.cursor();
        self.area.move_cursor(if down { CursorMove::Down } else { CursorMove::Up });
        self.area.cursor() != before
    }

    /// After text was taken away, the text area would keep showing the rows where the text
    /// used to be (blank, the first line hidden above): it starts again from the top, with
    /// the caret where it was, and scrolls only as far as the caret needs.
    fn forget_scroll(&mut self) {
        let cursor = self.area.cursor();
        let lines = self.area.lines().to_vec();
        let mut area = TextArea::new(lines);
        area.set_cursor_line_style(Style::new());
        area.set_cursor_style(Style::new());
        area.set_wrap_mode(self.area.wrap_mode());
        area.move_cursor(CursorMove::Jump(
            u16::try_from(cursor.0).unwrap_or(u16::MAX),
            u16::try_from(cursor.1).unwrap_or(u16::MAX),
        ));
        self.area = area;
    }

    /// Whether the caret is on the first or the last line.
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
    fn ctrl_w_takes_a_whole_word_and_ctrl_u_the_field() {
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        let mut editor = Editor::open("x", "每日 0.5", false);
        assert!(editor.key(ctrl('w')));
        assert_eq!(editor.value(), "每日 ");
        assert!(editor.key(ctrl('w')));
        assert_eq!(editor.value(), "");
        let mut date = Editor::open("y", "2026-04-01", false);
        assert!(date.key(ctrl('u')));
        assert_eq!(date.value(), "");
        assert!(!date.key(ctrl('u')), "nothing left to clear");
        // The text area's own shortcuts (Ctrl-H, Ctrl-K, Alt-B…) are not reached.
        let mut other = Editor::open("z", "abc", false);
        for shortcut in [ctrl('h'), ctrl('k'), ctrl('d'), KeyEvent::new(KeyCode::Char('b'), KeyModifiers::ALT)] {
            assert!(!other.key(shortcut), "{shortcut:?}");
        }
        assert_eq!(other.value(), "abc");
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
