//! The one keymap table: it dispatches keys to actions and it draws the help bar and the
//! help screen, so the keys shown are always the keys that work.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::i18n::Lang;

/// Where the user is; decides which bindings apply. Ordered from specific to general
/// when the app lists its active contexts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ctx {
    /// Everywhere in the wizard (not in modal dialogs).
    Global,
    /// Moving between the fields of a step or a row.
    Form,
    /// A text field is focused: printable keys edit it.
    Text,
    /// A choice field is focused.
    Choice,
    /// A yes/no field is focused.
    Bool,
    /// A list field is focused (its summary).
    List,
    /// A list's rows are open.
    Rows,
    /// The open rows of the module list, which has a catalogue to add from.
    Catalog,
    /// The review step.
    Review,
    /// Reading the whole contract on the review step.
    Reading,
    /// The option list of a choice.
    Popup,
    /// A yes/no question.
    Confirm,
    /// Another wizard holds the draft: take it over, look read-only, or leave.
    Locked,
    /// A question the wizard raises by itself while the user may be typing (the draft was
    /// taken over or changed on disk): only its own letters answer it, never Enter.
    Alert,
    /// The help screen.
    Help,
    /// The start screen.
    Start,
    /// A recent draft selected on the start screen.
    Recent,
    /// Typing the file name of a new draft.
    Name,
    /// Typing the reason for accepting a finding.
    Waive,
    /// Typing a file name: where to save the draft (F2), what to compare it with.
    Path,
}

/// One key binding, with how the help bar names it.
#[derive(Debug, Clone)]
pub struct Binding {
    pub ctx: Ctx,
    pub code: KeyCode,
    pub mods: KeyModifiers,
    pub action: Action,
    /// How the key is written in the help bar.
    pub key: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    /// Shown in the one-line help bar (all bindings are on the help screen).
    pub hint: bool,
}

const NONE: KeyModifiers = KeyModifiers::NONE;

/// A key handed to the text editor as it is.
const fn edit(code: KeyCode, mods: KeyModifiers) -> Action {
    Action::Edit(KeyEvent::new(code, mods))
}
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

#[allow(clippy::too_many_arguments)] // one row of the table, in the table's column order
const fn bind(
    ctx: Ctx,
    code: KeyCode,
    mods: KeyModifiers,
    action: Action,
    key: &'static str,
    zh: &'static str,
    en: &'static str,
    hint: bool,
) -> Binding {
    Binding { ctx, code, mods, action, key, zh, en, hint }
}

/// Every binding of the wizard.
pub static BINDINGS: &[Binding] = &[
    // Modal dialogs first: they capture the keyboard.
    bind(Ctx::Confirm, KeyCode::Char('y'), NONE, Action::Yes, "y", "是", "yes", true),
    bind(Ctx::Confirm, KeyCode::Enter, NONE, Action::Yes, "Enter", "是", "yes", false),
    bind(Ctx::Confirm, KeyCode::Char('n'), NONE, Action::No, "n", "否", "no", true),
    bind(Ctx::Confirm, KeyCode::Esc, NONE, Action::Cancel, "Esc", "取消", "cancel", true),
    bind(Ctx::Confirm, KeyCode::Char('q'), NONE, Action::Cancel, "q", "取消", "cancel", false),
    bind(Ctx::Confirm, KeyCode::F(2), NONE, Action::SaveAs, "F2", "另存为", "save as", false),
    bind(Ctx::Locked, KeyCode::Char('y'), NONE, Action::Yes, "y", "接管", "take over", true),
    bind(Ctx::Locked, KeyCode::Char('n'), NONE, Action::No, "n", "只读查看", "look read-only", true),
    bind(Ctx::Locked, KeyCode::Esc, NONE, Action::Cancel, "Esc", "退出", "quit", true),
    bind(Ctx::Locked, KeyCode::Char('q'), CTRL, Action::Cancel, "Ctrl-Q", "退出", "quit", false),
    bind(Ctx::Alert, KeyCode::Char('y'), NONE, Action::Yes, "y", "是", "yes", true),
    bind(Ctx::Alert, KeyCode::Char('n'), NONE, Action::No, "n", "否", "no", true),
    bind(Ctx::Alert, KeyCode::F(2), NONE, Action::SaveAs, "F2", "另存为", "save as", true),
    bind(Ctx::Alert, KeyCode::Esc, NONE, Action::Cancel, "Esc", "稍后", "later", true),
    bind(Ctx::Help, KeyCode::Esc, NONE, Action::Cancel, "Esc", "关闭帮助", "close help", true),
    bind(Ctx::Help, KeyCode::F(1), NONE, Action::Cancel, "F1", "关闭帮助", "close help", false),
    bind(Ctx::Help, KeyCode::Char('q'), NONE, Action::Cancel, "q", "关闭帮助", "close help", false),
    bind(Ctx::Help, KeyCode::Down, NONE, Action::ScrollDown, "↓", "向下滚动", "scroll down", false),
    bind(Ctx::Help, KeyCode::Up, NONE, Action::ScrollUp, "↑", "向上滚动", "scroll up", false),
    bind(Ctx::Help, KeyCode::PageDown, NONE, Action::PageDown, "PgDn", "下一页", "page down", false),
    bind(Ctx::Help, KeyCode::PageUp, NONE, Action::PageUp, "PgUp", "上一页", "page up", false),
    bind(Ctx::Reading, KeyCode::PageDown, NONE, Action::PageDown, "PgDn", "下一页", "page down", true),
    bind(Ctx::Reading, KeyCode::Char(' '), NONE, Action::PageDown, "Space", "下一页", "page down", false),
    bind(Ctx::Reading, KeyCode::PageUp, NONE, Action::PageUp, "PgUp", "上一页", "page up", true),
    bind(Ctx::Reading, KeyCode::Down, NONE, Action::ScrollDown, "↓", "下一行", "line down", false),
    bind(Ctx::Reading, KeyCode::Up, NONE, Action::ScrollUp, "↑", "上一行", "line up", false),
    bind(Ctx::Popup, KeyCode::Down, NONE, Action::NextField, "↓", "下一个", "next", true),
    bind(Ctx::Popup, KeyCode::Up, NONE, Action::PrevField, "↑", "上一个", "previous", true),
    bind(Ctx::Popup, KeyCode::Enter, NONE, Action::Confirm, "Enter", "选定", "choose", true),
    bind(Ctx::Popup, KeyCode::Esc, NONE, Action::Cancel, "Esc", "取消", "cancel", true),
    bind(Ctx::Start, KeyCode::Down, NONE, Action::NextField, "↓", "下一个", "next", true),
    bind(Ctx::Start, KeyCode::Up, NONE, Action::PrevField, "↑", "上一个", "previous", true),
    bind(Ctx::Start, KeyCode::Tab, NONE, Action::NextField, "Tab", "下一个", "next", false),
    bind(Ctx::Start, KeyCode::Enter, NONE, Action::Confirm, "Enter", "打开", "open", true),
    bind(Ctx::Start, KeyCode::Esc, NONE, Action::Quit, "Esc", "退出", "quit", false),
    bind(Ctx::Start, KeyCode::Char('q'), CTRL, Action::Quit, "Ctrl-Q", "退出", "quit", true),
    bind(Ctx::Start, KeyCode::Char('c'), CTRL, Action::Quit, "Ctrl-C", "退出", "quit", false),
    bind(
        Ctx::Recent,
        KeyCode::Char('d'),
        NONE,
        Action::DeleteRow,
        "d",
        "从列表移除（文件保留）",
        "remove from the list (the file stays)",
        true,
    ),
    bind(Ctx::Recent, KeyCode::Delete, NONE, Action::DeleteRow, "Delete", "从列表移除", "remove from the list", false),
    bind(Ctx::Name, KeyCode::Enter, NONE, Action::Confirm, "Enter", "创建", "create", true),
    bind(Ctx::Name, KeyCode::Esc, NONE, Action::Cancel, "Esc", "取消", "cancel", true),
    bind(Ctx::Name, KeyCode::Char('q'), CTRL, Action::Quit, "Ctrl-Q", "退出", "quit", true),
    // The focused field.
    bind(Ctx::Text, KeyCode::Enter, NONE, Action::Confirm, "Enter", "确认", "confirm", false),
    bind(Ctx::Text, KeyCode::Esc, NONE, Action::Cancel, "Esc", "检查此项", "check field", false),
    bind(Ctx::Text, KeyCode::Down, NONE, Action::CaretDown, "↓", "下一项", "next field", false),
    bind(Ctx::Text, KeyCode::Up, NONE, Action::CaretUp, "↑", "上一项", "previous field", false),
    // The editor's own keys: only these reach it (the text area's shortcuts are off).
    bind(
        Ctx::Text,
        KeyCode::Backspace,
        NONE,
        edit(KeyCode::Backspace, NONE),
        "Backspace",
        "删除前一字",
        "delete back",
        false,
    ),
    bind(
        Ctx::Text,
        KeyCode::Delete,
        NONE,
        edit(KeyCode::Delete, NONE),
        "Delete",
        "删除后一字",
        "delete forward",
        false,
    ),
    bind(Ctx::Text, KeyCode::Left, NONE, edit(KeyCode::Left, NONE), "←", "光标左移", "caret left", false),
    bind(Ctx::Text, KeyCode::Right, NONE, edit(KeyCode::Right, NONE), "→", "光标右移", "caret right", false),
    bind(Ctx::Text, KeyCode::Home, NONE, edit(KeyCode::Home, NONE), "Home", "到行首", "line start", false),
    bind(Ctx::Text, KeyCode::End, NONE, edit(KeyCode::End, NONE), "End", "到行尾", "line end", false),
    bind(
        Ctx::Text,
        KeyCode::Char('w'),
        CTRL,
        edit(KeyCode::Char('w'), CTRL),
        "Ctrl-W",
        "删除前一词",
        "delete word",
        false,
    ),
    bind(
        Ctx::Text,
        KeyCode::Char('u'),
        CTRL,
        edit(KeyCode::Char('u'), CTRL),
        "Ctrl-U",
        "清空此项",
        "clear field",
        true,
    ),
    bind(Ctx::Choice, KeyCode::Enter, NONE, Action::Confirm, "Enter", "选择", "choose", true),
    bind(Ctx::Choice, KeyCode::Right, NONE, Action::ChoiceNext, "←→", "切换选项", "change option", true),
    bind(Ctx::Choice, KeyCode::Left, NONE, Action::ChoicePrev, "←", "上一选项", "previous option", false),
    bind(Ctx::Choice, KeyCode::Char(' '), NONE, Action::ChoiceNext, "Space", "下一选项", "next option", false),
    bind(Ctx::Bool, KeyCode::Char(' '), NONE, Action::Toggle, "Space", "是/否", "yes/no", true),
    bind(Ctx::Bool, KeyCode::Enter, NONE, Action::Toggle, "Enter", "是/否", "yes/no", false),
    bind(Ctx::Bool, KeyCode::Left, NONE, Action::Toggle, "←", "是/否", "yes/no", false),
    bind(Ctx::Bool, KeyCode::Right, NONE, Action::Toggle, "→", "是/否", "yes/no", false),
    bind(Ctx::List, KeyCode::Enter, NONE, Action::Confirm, "Enter", "编辑列表", "edit rows", true),
    bind(Ctx::Rows, KeyCode::Down, NONE, Action::NextField, "↓", "下一行", "next row", false),
    bind(Ctx::Rows, KeyCode::Up, NONE, Action::PrevField, "↑", "上一行", "previous row", false),
    bind(Ctx::Rows, KeyCode::Tab, NONE, Action::NextField, "Tab", "下一行", "next row", false),
    bind(Ctx::Rows, KeyCode::BackTab, SHIFT, Action::PrevField, "Shift-Tab", "上一行", "previous row", false),
    bind(Ctx::Rows, KeyCode::Enter, NONE, Action::Confirm, "Enter", "编辑此行", "edit row", true),
    bind(Ctx::Rows, KeyCode::Char('a'), NONE, Action::AddRow, "a", "添加", "add", true),
    bind(Ctx::Rows, KeyCode::Insert, NONE, Action::AddRow, "Insert", "添加", "add", false),
    bind(
        Ctx::Catalog,
        KeyCode::Char('c'),
        NONE,
        Action::AddFromCatalog,
        "c",
        "从常用模块添加",
        "add from catalogue",
        true,
    ),
    bind(Ctx::Rows, KeyCode::Char('d'), NONE, Action::DeleteRow, "d", "删除", "delete", true),
    bind(Ctx::Rows, KeyCode::Delete, NONE, Action::DeleteRow, "Delete", "删除", "delete", false),
    bind(Ctx::Rows, KeyCode::Up, SHIFT, Action::MoveRowUp, "Shift-↑↓", "移动", "move", true),
    bind(Ctx::Rows, KeyCode::Down, SHIFT, Action::MoveRowDown, "Shift-↓", "下移", "move down", false),
    bind(Ctx::Rows, KeyCode::Char('K'), SHIFT, Action::MoveRowUp, "K", "上移", "move up", false),
    bind(Ctx::Rows, KeyCode::Char('J'), SHIFT, Action::MoveRowDown, "J", "下移", "move down", false),
    bind(Ctx::Rows, KeyCode::Esc, NONE, Action::Cancel, "Esc", "返回", "back", true),
    bind(Ctx::Review, KeyCode::Tab, NONE, Action::NextTab, "Tab", "切换页", "next tab", true),
    bind(Ctx::Review, KeyCode::Down, NONE, Action::NextField, "↓", "下一项", "next", false),
    bind(Ctx::Review, KeyCode::Up, NONE, Action::PrevField, "↑", "上一项", "previous", false),
    bind(Ctx::Review, KeyCode::Enter, NONE, Action::Confirm, "Enter", "跳转/导出", "go to / export", true),
    bind(Ctx::Review, KeyCode::Char(' '), NONE, Action::Toggle, "Space", "勾选", "tick", true),
    bind(Ctx::Review, KeyCode::Char('w'), NONE, Action::Waive, "w", "接受风险/撤销", "accept / withdraw", true),
    bind(Ctx::Waive, KeyCode::Enter, NONE, Action::Confirm, "Enter", "确认接受", "accept", true),
    bind(Ctx::Waive, KeyCode::Esc, NONE, Action::Cancel, "Esc", "取消", "cancel", true),
    bind(Ctx::Path, KeyCode::Enter, NONE, Action::Confirm, "Enter", "确定", "go", true),
    bind(Ctx::Path, KeyCode::Esc, NONE, Action::Cancel, "Esc", "取消", "cancel", true),
    bind(Ctx::Review, KeyCode::Char('?'), NONE, Action::Help, "?", "帮助", "help", false),
    // Moving between fields.
    bind(Ctx::Form, KeyCode::Tab, NONE, Action::NextField, "Tab", "下一项", "next field", true),
    bind(Ctx::Form, KeyCode::BackTab, SHIFT, Action::PrevField, "Shift-Tab", "上一项", "previous field", false),
    bind(Ctx::Form, KeyCode::Down, NONE, Action::NextField, "↓", "下一项", "next field", false),
    bind(Ctx::Form, KeyCode::Up, NONE, Action::PrevField, "↑", "上一项", "previous field", false),
    bind(Ctx::Form, KeyCode::Esc, NONE, Action::Cancel, "Esc", "返回", "back", false),
    bind(Ctx::Form, KeyCode::Char('?'), NONE, Action::Help, "?", "帮助", "help", false),
    // Everywhere.
    bind(Ctx::Global, KeyCode::Right, CTRL, Action::NextStep, "Ctrl-→", "下一步", "next step", true),
    bind(Ctx::Global, KeyCode::PageDown, NONE, Action::NextStep, "PgDn", "下一步", "next step", false),
    bind(Ctx::Global, KeyCode::Left, CTRL, Action::PrevStep, "Ctrl-←", "上一步", "previous step", false),
    bind(Ctx::Global, KeyCode::PageUp, NONE, Action::PrevStep, "PgUp", "上一步", "previous step", false),
    bind(Ctx::Global, KeyCode::Char('s'), CTRL, Action::Save, "Ctrl-S", "保存", "save", true),
    bind(Ctx::Global, KeyCode::Char('k'), CTRL, Action::Jump, "Ctrl-K", "跳到字段", "jump to a field", false),
    bind(Ctx::Global, KeyCode::Char('z'), CTRL, Action::Undo, "Ctrl-Z", "撤销", "undo", false),
    bind(Ctx::Global, KeyCode::Char('y'), CTRL, Action::Redo, "Ctrl-Y", "重做", "redo", false),
    bind(Ctx::Global, KeyCode::F(2), NONE, Action::SaveAs, "F2", "另存为", "save as", false),
    bind(Ctx::Global, KeyCode::Char('p'), CTRL, Action::TogglePreview, "Ctrl-P", "预览", "preview", true),
    bind(Ctx::Global, KeyCode::Down, CTRL, Action::ScrollDown, "Ctrl-↓", "预览下一页", "preview page down", false),
    bind(Ctx::Global, KeyCode::Up, CTRL, Action::ScrollUp, "Ctrl-↑", "预览上一页", "preview page up", false),
    bind(Ctx::Global, KeyCode::Char('e'), CTRL, Action::Export, "Ctrl-E", "导出", "export", true),
    bind(Ctx::Global, KeyCode::F(1), NONE, Action::Help, "F1", "帮助", "help", true),
    bind(Ctx::Global, KeyCode::Char('q'), CTRL, Action::Quit, "Ctrl-Q", "退出", "quit", true),
    // In raw mode Ctrl-C is a key, not a signal: it quits as Ctrl-Q does (asking first).
    bind(Ctx::Global, KeyCode::Char('c'), CTRL, Action::Quit, "Ctrl-C", "退出", "quit", false),
];

/// Whether a key matches a binding. Shift is ignored for characters and Shift-Tab, whose
/// shifted form terminals report inconsistently.
fn matches(binding: &Binding, key: &KeyEvent) -> bool {
    if binding.code != key.code {
        return false;
    }
    let relevant = |mods: KeyModifiers| match key.code {
        KeyCode::Char(_) | KeyCode::BackTab => mods - KeyModifiers::SHIFT,
        _ => mods,
    };
    relevant(binding.mods) == relevant(key.modifiers)
}

/// The action for a key in the active contexts (most specific first). In a text field a
/// printable key without Ctrl or Alt always types, so `?` is a character there.
pub fn resolve(contexts: &[Ctx], key: &KeyEvent) -> Option<Action> {
    let plain = !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    let typing = contexts.contains(&Ctx::Text) && matches!(key.code, KeyCode::Char(_)) && plain;
    // On a choice, or in its list, a letter narrows the options (Space still changes the
    // option and ? still opens the help).
    let filtering = contexts.iter().any(|c| matches!(c, Ctx::Choice | Ctx::Popup))
        && matches!(key.code, KeyCode::Char(c) if c != ' ' && c != '?')
        && plain;
    if typing || filtering {
        return Some(Action::Edit(*key));
    }
    if contexts.contains(&Ctx::Popup) && key.code == KeyCode::Backspace {
        return Some(Action::Edit(*key));
    }
    for ctx in contexts {
        if let Some(binding) = BINDINGS.iter().find(|b| b.ctx == *ctx && matches(b, key)) {
            return Some(binding.action.clone());
        }
    }
    None
}

/// What a key does where the user is: its action, or [`Action::Unbound`] so the status line
/// can say that it does nothing here.
pub fn action_for(contexts: &[Ctx], key: &KeyEvent) -> Action {
    resolve(contexts, key).unwrap_or(Action::Unbound(*key))
}

/// As [`action_for`], for a key that arrived with more keys already waiting behind it.
/// Nobody types Enter and the next key within the same instant: that is text pasted into a
/// terminal without bracketed paste, and its line breaks stay in the field typed into
/// instead of moving the rest of the text on to the next field.
pub fn action_in_burst(contexts: &[Ctx], key: &KeyEvent) -> Action {
    let in_a_field = contexts.first() == Some(&Ctx::Text) && contexts.contains(&Ctx::Form);
    if in_a_field && key.code == KeyCode::Enter && key.modifiers == NONE {
        return Action::PastedBreak;
    }
    action_for(contexts, key)
}

/// Whether a hint stays in the help bar however narrow it is: the way to help and the way out.
pub fn is_pinned(action: &Action) -> bool {
    matches!(action, Action::Help | Action::Quit)
}

/// The help bar for the active contexts: `key description` pairs, one per action, the
/// pinned ones ([`is_pinned`]) last.
pub fn hints(contexts: &[Ctx], lang: Lang) -> Vec<(&'static str, &'static str)> {
    let (pinned, others): (Vec<_>, Vec<_>) = hint_bindings(contexts).into_iter().partition(|b| is_pinned(&b.action));
    others.into_iter().chain(pinned).map(|b| (b.key, lang.pick(b.zh, b.en))).collect()
}

/// How many of [`hints`] at its end are pinned.
pub fn pinned_count(contexts: &[Ctx]) -> usize {
    hint_bindings(contexts).iter().filter(|b| is_pinned(&b.action)).count()
}

fn hint_bindings(contexts: &[Ctx]) -> Vec<&'static Binding> {
    let mut seen: Vec<&Action> = Vec::new();
    let mut out = Vec::new();
    for ctx in contexts {
        for binding in BINDINGS.iter().filter(|b| b.ctx == *ctx && b.hint) {
            if !seen.contains(&&binding.action) {
                seen.push(&binding.action);
                out.push(binding);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn an_unprompted_question_is_not_answered_by_enter() {
        assert_eq!(resolve(&[Ctx::Alert], &key(KeyCode::Enter, NONE)), None, "Enter typed for a field answers nothing");
        assert_eq!(resolve(&[Ctx::Alert], &key(KeyCode::Char('y'), NONE)), Some(Action::Yes));
        assert_eq!(resolve(&[Ctx::Confirm], &key(KeyCode::Enter, NONE)), Some(Action::Yes));
    }

    #[test]
    fn help_and_quit_come_last_so_a_narrow_bar_keeps_them() {
        for contexts in
            [vec![Ctx::Text, Ctx::Form, Ctx::Global], vec![Ctx::Rows, Ctx::Global], vec![Ctx::Review, Ctx::Global]]
        {
            let hints = hints(&contexts, Lang::Zh);
            let pinned = pinned_count(&contexts);
            assert_eq!(pinned, 2, "{contexts:?}");
            let last: Vec<&str> = hints[hints.len() - pinned..].iter().map(|(key, _)| *key).collect();
            assert_eq!(last, ["F1", "Ctrl-Q"], "{contexts:?}");
        }
        assert_eq!(resolve(&[Ctx::Text, Ctx::Form, Ctx::Global], &key(KeyCode::Char('c'), CTRL)), Some(Action::Quit));
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                assert!(
                    !(a.ctx == b.ctx && a.code == b.code && a.mods == b.mods),
                    "{:?} {:?} twice in {:?}",
                    a.code,
                    a.mods,
                    a.ctx
                );
            }
        }
    }

    #[test]
    fn typing_wins_in_text_fields() {
        let text = [Ctx::Text, Ctx::Form, Ctx::Global];
        assert_eq!(resolve(&text, &key(KeyCode::Char('?'), NONE)), Some(Action::Edit(key(KeyCode::Char('?'), NONE))));
        assert_eq!(resolve(&text, &key(KeyCode::Char('s'), CTRL)), Some(Action::Save));
        assert_eq!(resolve(&text, &key(KeyCode::Tab, NONE)), Some(Action::NextField));
        assert_eq!(resolve(&text, &key(KeyCode::Backspace, NONE)), Some(Action::Edit(key(KeyCode::Backspace, NONE))));
        let choice = [Ctx::Choice, Ctx::Form, Ctx::Global];
        assert_eq!(resolve(&choice, &key(KeyCode::Char('?'), SHIFT)), Some(Action::Help));
    }

    #[test]
    fn the_spec_keys_work_everywhere_in_the_form() {
        let form = [Ctx::Choice, Ctx::Form, Ctx::Global];
        let expected = [
            (KeyCode::Tab, NONE, Action::NextField),
            (KeyCode::BackTab, SHIFT, Action::PrevField),
            (KeyCode::Down, NONE, Action::NextField),
            (KeyCode::Up, NONE, Action::PrevField),
            (KeyCode::Right, CTRL, Action::NextStep),
            (KeyCode::Left, CTRL, Action::PrevStep),
            (KeyCode::PageDown, NONE, Action::NextStep),
            (KeyCode::PageUp, NONE, Action::PrevStep),
            (KeyCode::Char('s'), CTRL, Action::Save),
            (KeyCode::Char('p'), CTRL, Action::TogglePreview),
            (KeyCode::Char('e'), CTRL, Action::Export),
            (KeyCode::F(1), NONE, Action::Help),
            (KeyCode::Char('q'), CTRL, Action::Quit),
        ];
        for (code, mods, action) in expected {
            assert_eq!(resolve(&form, &key(code, mods)), Some(action), "{code:?}");
        }
    }

    #[test]
    fn an_enter_in_a_burst_is_a_pasted_line_break_only_in_a_field() {
        let field = [Ctx::Text, Ctx::Form, Ctx::Global];
        let enter = key(KeyCode::Enter, NONE);
        assert_eq!(action_in_burst(&field, &enter), Action::PastedBreak);
        assert_eq!(action_for(&field, &enter), Action::Confirm, "typed alone it confirms");
        assert_eq!(action_in_burst(&[Ctx::Path, Ctx::Text], &enter), Action::Confirm, "not in a dialog");
        assert_eq!(action_in_burst(&[Ctx::Choice, Ctx::Form, Ctx::Global], &enter), Action::Confirm);
    }

    #[test]
    fn modal_contexts_capture_the_keyboard() {
        assert_eq!(resolve(&[Ctx::Confirm], &key(KeyCode::Char('s'), CTRL)), None);
        assert_eq!(resolve(&[Ctx::Confirm], &key(KeyCode::Char('y'), NONE)), Some(Action::Yes));
    }

    #[test]
    fn hints_list_each_action_once() {
        let hints = hints(&[Ctx::Text, Ctx::Form, Ctx::Global], Lang::Zh);
        assert!(hints.contains(&("Ctrl-S", "保存")));
        assert_eq!(hints.iter().filter(|(_, d)| *d == "下一步").count(), 1);
    }
}
