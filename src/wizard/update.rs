//! `update`: the only code that changes the wizard's state. It turns one action into
//! state changes and returns the effects (saving, exporting, quitting) for the edge to
//! carry out; it never touches the disk or the terminal.

use serde_json::{Map, Value};

use super::action::{Action, Report};
use super::app::{App, Item, Modal, Question, ReviewTab, RowsEditor, Screen, Status, Writing, step_count};
use super::start::StartChoice;
use crate::checks;
use crate::draft::Waiver;
use crate::schema::{self, Kind, MODULE_CATALOG};

use super::history;
use super::outputs::{self, Output};

/// Work for the edge: disk, rendering, leaving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Save now and say so (Ctrl-S).
    Save,
    /// Save quietly (a step change).
    Autosave,
    /// Save over a version another program wrote (the user chose "keep mine").
    KeepMine,
    /// Load the version another program wrote.
    Reload,
    /// Take the draft over from the wizard holding it.
    TakeOver,
    /// Save the draft under a new name and write there from now on.
    SaveAs(std::path::PathBuf),
    /// Replace the draft by its recovery file (and remove that file).
    Recover(crate::draft::recovery::Found),
    /// Delete the recovery file.
    DiscardRecovery(crate::draft::recovery::Found),
    /// Write the contract, a companion document or the key dates beside the draft (blanks
    /// print as 【待填写】).
    Export(Output),
    /// Compare the draft with another version (a file, or `HEAD` for the committed one) and
    /// write the 变更对照表 beside it.
    Compare(String),
    Open(StartChoice),
    /// Take a draft off the recent list (the file stays).
    Forget(std::path::PathBuf),
    Quit,
}

/// Applies one action.
pub fn update(app: &mut App, action: &Action) -> Vec<Effect> {
    // The status line speaks of the last thing done; a new one starts it afresh. Typing
    // leaves it, so a word about a paste stays while the rest of the paste arrives.
    if !matches!(action, Action::Edit(_) | Action::Paste(_)) {
        app.status = None;
    }
    if let Screen::Start(start) = &mut app.screen {
        return start_screen(start, action);
    }
    if let Action::Unbound(key) = action {
        unbound(app, key);
        return Vec::new();
    }
    // Anything but typing may close the editor or read the draft: the text goes in first.
    if !matches!(action, Action::Edit(_) | Action::Paste(_)) {
        flush_typing(app);
    }
    match app.modal.clone() {
        Modal::Help { scroll } => return help(app, scroll, action),
        Modal::Confirm(question) => return confirm(app, question, action),
        Modal::Choice { path, field, selected, filter } => {
            return choice_popup(app, &path, field, (selected, filter), action);
        }
        Modal::Waive { rule, field, reason } => return waive_reason(app, rule, field, reason, action),
        Modal::SaveAs { path } => return save_as(app, path, action),
        Modal::CompareWith { path } => return compare_with(app, path, action),
        Modal::Jump { query, selected } => return jump(app, query, selected, action),
        Modal::None => {}
    }
    if !app.is_writable() && changes_draft(action) {
        refused_edit(app);
        return Vec::new();
    }
    if let Some(effects) = global(app, action) {
        return effects;
    }
    if app.on_review() {
        catch_up(app);
        return review(app, action);
    }
    if matches!(app.rows, Some(RowsEditor { row_form: None, .. })) {
        return rows(app, action);
    }
    form(app, action)
}

fn start_screen(start: &mut super::start::StartScreen, action: &Action) -> Vec<Effect> {
    if let Some((example, name)) = &mut start.naming {
        match action {
            Action::Edit(key) => {
                name.key(*key);
            }
            Action::Paste(text) => {
                name.paste(text);
            }
            Action::Confirm => {
                let Some(path) = super::start::draft_path(&name.value()) else { return Vec::new() };
                let example = *example;
                start.naming = None;
                return vec![Effect::Open(StartChoice::Create { path, example })];
            }
            Action::Cancel => start.naming = None,
            Action::Quit => return vec![Effect::Quit],
            _ => {}
        }
        return Vec::new();
    }
    let count = start.choices.len();
    start.problem = None;
    match action {
        Action::NextField => start.selected = (start.selected + 1) % count,
        Action::PrevField => start.selected = (start.selected + count - 1) % count,
        // A new draft is saved at once, so its name is asked first (in the current folder,
        // a free name offered).
        Action::Confirm => match &start.choices[start.selected] {
            StartChoice::New | StartChoice::Example => {
                let example = start.choices[start.selected] == StartChoice::Example;
                let offered = if example { &start.suggested.1 } else { &start.suggested.0 };
                let editor = super::editor::Editor::open("", &offered.display().to_string(), false);
                start.naming = Some((example, Box::new(editor)));
            }
            choice => return vec![Effect::Open(choice.clone())],
        },
        Action::DeleteRow => {
            if let StartChoice::Recent(recent) = &start.choices[start.selected] {
                let path = recent.path.clone();
                start.choices.remove(start.selected);
                start.selected = start.selected.min(start.choices.len() - 1);
                return vec![Effect::Forget(path)];
            }
        }
        Action::Quit | Action::Cancel => return vec![Effect::Quit],
        _ => {}
    }
    Vec::new()
}

fn help(app: &mut App, scroll: u16, action: &Action) -> Vec<Effect> {
    app.modal = match action {
        Action::Cancel | Action::Help => Modal::None,
        Action::ScrollDown => Modal::Help { scroll: app.viewport.help.scrolled(scroll, 1) },
        Action::ScrollUp => Modal::Help { scroll: app.viewport.help.scrolled(scroll, -1) },
        Action::PageDown => Modal::Help { scroll: app.viewport.help.scrolled(scroll, page(app.viewport.help)) },
        Action::PageUp => Modal::Help { scroll: app.viewport.help.scrolled(scroll, -page(app.viewport.help)) },
        _ => Modal::Help { scroll },
    };
    Vec::new()
}

fn confirm(app: &mut App, question: Question, action: &Action) -> Vec<Effect> {
    let effects = match (question, action) {
        (Question::QuitUnsaved, Action::Yes) => vec![Effect::Save, Effect::Quit],
        (Question::QuitUnsaved, Action::No) => {
            app.discard_on_quit = true;
            vec![Effect::Quit]
        }
        (Question::Locked(_), Action::Cancel) => vec![Effect::Quit],
        (Question::ExportIncomplete, Action::Yes) => vec![Effect::Export(app.export_target)],
        (Question::Locked(_), Action::Yes) => vec![Effect::TakeOver],
        (Question::Locked(_), Action::No) => {
            app.writing = Writing::ReadOnly;
            Vec::new()
        }
        (Question::Recover, Action::Yes) => app.recovery.take().map(Effect::Recover).into_iter().collect(),
        (Question::Recover, Action::No) => app.recovery.take().map(Effect::DiscardRecovery).into_iter().collect(),
        (Question::Lost(_), Action::Yes) | (Question::ChangedOnDisk, Action::No) => vec![Effect::Reload],
        (Question::Lost(_) | Question::ChangedOnDisk | Question::QuitUnsaved, Action::SaveAs) => {
            app.modal = Modal::None;
            return global(app, &Action::SaveAs).unwrap_or_default();
        }
        (Question::ChangedOnDisk, Action::Yes) => {
            // Keeping mine is writing again; the save replaces the other version.
            app.writing = Writing::Yes;
            vec![Effect::KeepMine]
        }
        (_, Action::No | Action::Cancel) => {
            app.export_target = Output::Contract(crate::cli::Format::Markdown);
            Vec::new()
        }
        _ => return Vec::new(),
    };
    app.modal = Modal::None;
    effects
}

/// Whether an action would change the draft (refused while the wizard may not write it).
fn changes_draft(action: &Action) -> bool {
    use crossterm::event::KeyCode;
    match action {
        Action::Paste(_)
        | Action::Toggle
        | Action::ChoiceNext
        | Action::ChoicePrev
        | Action::AddRow
        | Action::AddFromCatalog
        | Action::DeleteRow
        | Action::MoveRowUp
        | Action::MoveRowDown
        | Action::Waive
        | Action::Undo
        | Action::Redo => true,
        Action::Edit(key) => !matches!(
            key.code,
            KeyCode::Left | KeyCode::Right | KeyCode::Home | KeyCode::End | KeyCode::Up | KeyCode::Down
        ),
        _ => false,
    }
}

/// Says why an edit did nothing: this wizard may not write the draft.
fn refused_edit(app: &mut App) {
    let text = match app.writing {
        Writing::Lost(_) => app.lang.pick(
            "草稿已被另一个向导接管，这里不能再修改：F2 另存为自己的副本",
            "Another wizard took this draft over; edits are off here: F2 saves your own copy",
        ),
        _ => app.lang.pick(
            "只读：另一个向导正在编辑这份草稿，这里不能修改（F2 另存为副本后可编辑）",
            "Read-only: another wizard is editing this draft (F2 saves a copy you can edit)",
        ),
    };
    app.status = Some(Status { text: text.to_string(), is_error: true });
}

/// Says why Ctrl-S did not save, and asks again where the user must choose.
pub fn refused_save(app: &mut App) {
    match app.writing {
        Writing::ChangedOnDisk => app.modal = Modal::Confirm(Question::ChangedOnDisk),
        Writing::Lost(pid) => app.modal = Modal::Confirm(Question::Lost(pid)),
        Writing::ReadOnly | Writing::Yes => {
            app.status = Some(Status {
                text: app
                    .lang
                    .pick("只读打开：未保存（F2 另存为）", "read-only: not saved (F2 to save as)")
                    .to_string(),
                is_error: true,
            });
        }
    }
}

/// Puts another version of the draft in place of the one being edited.
fn replace_draft(app: &mut App, draft: crate::draft::Draft) {
    app.draft = std::sync::Arc::new(draft);
    app.edits += 1;
    refresh_findings(app);
    app.open_editor();
}

/// An export's outcome on the status line; the next Ctrl-E writes the contract again.
fn exported(app: &mut App, result: Result<String, String>) {
    app.export_target = Output::Contract(crate::cli::Format::Markdown);
    app.status = Some(match result {
        Ok(line) => Status { text: line, is_error: false },
        Err(error) => {
            Status { text: format!("{}{error}", app.lang.pick("导出失败：", "export failed: ")), is_error: true }
        }
    });
}

/// A comparison's outcome: the 变更对照表 in the preview tab, or why there is none.
fn compared(app: &mut App, result: Result<(String, String), String>) {
    match result {
        Ok((report, line)) => {
            app.comparison = Some(report);
            app.review_tab = ReviewTab::Preview;
            app.review_scroll = 0;
            app.status = Some(Status { text: line, is_error: false });
        }
        Err(error) => {
            app.status = Some(Status {
                text: format!("{}{error}", app.lang.pick("比较失败：", "comparison failed: ")),
                is_error: true,
            });
        }
    }
}

/// Turns what the edge reports (saves, locks, files read) into state.
/// A word in the status line (not an error).
fn say(app: &mut App, zh: &str, en: &str) {
    app.status = Some(Status { text: app.lang.pick(zh, en).to_string(), is_error: false });
}

/// Says that a key does nothing where the user is, and where to look.
fn unbound(app: &mut App, key: &crossterm::event::KeyEvent) {
    let name = super::keys::name(key);
    let (zh, en) = match app.contexts().first() {
        _ if app.modal != Modal::None => ("请用下方列出的按键回答", "answer with the keys listed below"),
        Some(super::keymap::Ctx::Choice) => (
            "这是选择项：Enter 打开选项，或直接输入文字筛选",
            "a choice: Enter opens its options, or type to filter them",
        ),
        Some(super::keymap::Ctx::List) => ("这是列表：Enter 打开后逐行编辑", "a list: Enter opens its rows"),
        Some(super::keymap::Ctx::Bool) => ("这是是/否项：Space 切换", "a yes/no field: Space switches it"),
        _ => ("F1 查看此处可用的按键", "F1 lists the keys that work here"),
    };
    let text = format!("{name} {}{}", app.lang.pick("在这里没有作用。", "does nothing here. "), app.lang.pick(zh, en));
    app.status = Some(Status { text, is_error: false });
}

/// One page of a pane, as a signed line count.
fn page(extent: super::app::Extent) -> i32 {
    i32::from(extent.page())
}

/// A draft just opened: say where it was restored from, ask when another wizard holds it,
/// and offer its recovery file when it is ours to write.
fn opened(
    app: &mut App,
    restored_from: Option<std::path::PathBuf>,
    access: super::action::Access,
    recovery: Option<crate::draft::recovery::Found>,
) {
    use super::action::Access;
    if let Some(from) = restored_from {
        let text = format!(
            "{}{}{}{}",
            app.lang.pick("已从恢复文件 ", "Recovered from "),
            from.display(),
            app.lang.pick(" 恢复草稿，保存为 ", "; saved as "),
            app.file.display()
        );
        app.status = Some(Status { text, is_error: false });
    }
    match access {
        Access::Ours => {
            if let Some(found) = recovery {
                app.recovery = Some(found);
                app.modal = Modal::Confirm(Question::Recover);
            }
        }
        Access::HeldBy(pid) => {
            app.writing = Writing::ReadOnly;
            app.modal = Modal::Confirm(Question::Locked(pid));
        }
        Access::Refused(reason) => {
            app.writing = Writing::ReadOnly;
            let text = format!(
                "{}{reason}",
                app.lang.pick("只读打开：无法锁定草稿：", "read-only: the draft cannot be locked: ")
            );
            app.status = Some(Status { text, is_error: true });
        }
    }
}

/// A save failed: the draft stays in memory and the status line says what happens next.
fn save_failed(app: &mut App, error: String) {
    let text = format!(
        "{}{error}{}",
        app.lang.pick("保存失败：", "save failed: "),
        app.lang.pick(
            "（内容仍在内存中，每 5 秒自动重试；Ctrl-S 立即重试，F2 另存到别处）",
            " (kept in memory; retried every 5 s; Ctrl-S to retry now, F2 to save elsewhere)"
        )
    );
    app.status = Some(Status { text, is_error: true });
    app.save_error = Some(error);
}

/// Why the start screen's choice did not open, said on the start screen.
fn not_opened(app: &mut App, problem: String) {
    match &mut app.screen {
        Screen::Start(start) => start.problem = Some(problem),
        Screen::Draft => app.status = Some(Status { text: problem, is_error: true }),
    }
}

/// What the last frame showed: a pane that shrank (a resize, a shorter step) keeps its
/// scroll within its text.
fn drawn(app: &mut App, viewport: super::app::Viewport) {
    app.viewport = viewport;
    lay_out(app);
    app.preview_scroll = app.preview_scroll.min(viewport.preview.max_scroll());
    app.review_scroll = app.review_scroll.min(viewport.review.max_scroll());
    if let Modal::Help { scroll } = &mut app.modal {
        *scroll = (*scroll).min(viewport.help.max_scroll());
    }
}

/// Lays out the contract for the pane the last frame drew it in, when the lines kept are
/// for another render, width or part (see `app::LaidOut`). The viewport says which pane
/// that was (a pane not drawn reports no width), so this never decides the layout again.
fn lay_out(app: &mut App) {
    let (part, width) = if app.viewport.review.width > 0 && app.comparison.is_none() {
        (None, app.viewport.review.width)
    } else if app.viewport.preview.width > 0 {
        let Some(section) = app.section() else { return };
        (Some(section.preview), app.viewport.preview.width)
    } else {
        return;
    };
    let Some(document) = app.preview.document.as_ref() else { return };
    if app.laid_out.lines_for(app.preview.edits, width, part).is_some() {
        return;
    }
    let lines = super::ui::contract::lines(document, part, &app.theme, width);
    app.laid_out = super::app::LaidOut { edits: app.preview.edits, width, part, lines };
}

fn previewed(app: &mut App, edits: u64, document: Result<crate::document::Document, String>) {
    app.preview.edits = edits;
    app.laid_out = super::app::LaidOut::default();
    match document {
        Ok(document) => {
            app.preview.document = Some(document);
            app.preview.error = None;
        }
        Err(error) => app.preview.error = Some(error),
    }
    // Laid out for the pane as the last frame measured it; a frame in another shape reports
    // it (`drawn`), and is laid out again.
    lay_out(app);
}

pub fn report(app: &mut App, report: Report) -> Vec<Effect> {
    match report {
        Report::Entered(next) => *app = *next,
        Report::Opened { restored_from, access, recovery } => opened(app, restored_from, access, recovery),
        Report::Queued { edits } => app.queued_edits = edits,
        Report::Leave => app.quit = true,
        Report::NotOpened(problem) => not_opened(app, problem),
        Report::Drawn(viewport) => drawn(app, viewport),
        Report::Previewed { edits, document } => previewed(app, edits, document),
        Report::Exported(result) => exported(app, result),
        Report::Compared(result) => compared(app, result),
        Report::Saved { edits, announce, backup_failed } => {
            app.saved_edits = app.saved_edits.max(edits);
            app.save_error = None;
            if let Some(reason) = backup_failed {
                app.status = Some(Status {
                    text: format!(
                        "{}{reason}",
                        app.lang.pick("已保存，但备份未写入：", "saved, but the backup failed: ")
                    ),
                    is_error: true,
                });
            } else if announce {
                app.status = Some(Status {
                    text: format!("{}{}", app.lang.pick("已保存：", "saved: "), app.file.display()),
                    is_error: false,
                });
            }
        }
        Report::SaveFailed { error } => save_failed(app, error),
        Report::Lost(pid) => {
            app.writing = Writing::Lost(pid);
            app.modal = Modal::Confirm(Question::Lost(pid));
        }
        Report::ChangedOnDisk => {
            app.writing = Writing::ChangedOnDisk;
            app.modal = Modal::Confirm(Question::ChangedOnDisk);
        }
        Report::Recovered(Ok(draft)) => {
            replace_draft(app, draft);
            app.status = Some(Status {
                text: app.lang.pick("已从恢复文件恢复草稿。", "Draft recovered.").to_string(),
                is_error: false,
            });
        }
        Report::Reloaded(Ok(draft)) => {
            replace_draft(app, draft);
            // The file's version is now the draft: nothing of ours is left to save.
            app.saved_edits = app.edits;
            app.queued_edits = app.edits;
            app.save_error = None;
            if app.writing == Writing::ChangedOnDisk {
                app.writing = Writing::Yes;
            }
            app.status = Some(Status {
                text: app.lang.pick("已载入磁盘上的版本。", "Loaded the version on disk.").to_string(),
                is_error: false,
            });
        }
        Report::Reloaded(Err(error)) | Report::Recovered(Err(error)) => {
            app.status = Some(Status { text: error, is_error: true });
        }
        Report::TookOver(Ok(())) => {
            app.writing = Writing::Yes;
            app.status = Some(Status {
                text: app.lang.pick("已接管这份草稿。", "You now edit this draft.").to_string(),
                is_error: false,
            });
        }
        Report::TookOver(Err(error)) => {
            app.writing = Writing::ReadOnly;
            app.status = Some(Status {
                text: format!("{}{error}", app.lang.pick("未能接管，只读打开：", "could not take over, read-only: ")),
                is_error: true,
            });
        }
        Report::Retargeted(Ok(path)) => {
            app.file = path;
            app.writing = Writing::Yes;
            app.save_error = None;
            app.edits += 1;
        }
        Report::Retargeted(Err(error)) => {
            app.status = Some(Status {
                text: format!("{}{error}", app.lang.pick("另存失败：", "save as failed: ")),
                is_error: true,
            });
        }
    }
    Vec::new()
}

fn choice_popup(
    app: &mut App,
    path: &str,
    field: &'static schema::Field,
    (selected, mut filter): (usize, String),
    action: &Action,
) -> Vec<Effect> {
    use crossterm::event::KeyCode;
    let step = |filter: &str, from: usize, forward: bool| {
        let shown = matching(field, filter);
        let at = shown.iter().position(|i| *i == from);
        let next = match (at, forward) {
            (Some(at), true) => shown.get((at + 1) % shown.len().max(1)),
            (Some(at), false) => shown.get((at + shown.len() - 1) % shown.len().max(1)),
            (None, _) => shown.first(),
        };
        next.copied().unwrap_or(from)
    };
    let open = |selected: usize, filter: String| Modal::Choice { path: path.to_string(), field, selected, filter };
    app.modal = match action {
        Action::NextField => open(step(&filter, selected, true), filter),
        Action::PrevField => open(step(&filter, selected, false), filter),
        Action::Edit(key) => {
            match key.code {
                KeyCode::Char(c) => filter.push(c),
                KeyCode::Backspace => {
                    filter.pop();
                }
                _ => {}
            }
            let first = matching(field, &filter).first().copied();
            open(first.unwrap_or(selected), filter)
        }
        Action::Confirm if !app.is_writable() => {
            refused_edit(app);
            Modal::None
        }
        Action::Confirm if !matching(field, &filter).contains(&selected) => {
            app.status = Some(Status {
                text: app
                    .lang
                    .pick(
                        "没有与输入相符的选项：按退格键修改，Esc 取消。",
                        "No option matches: Backspace to edit, Esc to cancel.",
                    )
                    .to_string(),
                is_error: true,
            });
            open(selected, filter)
        }
        Action::Confirm => {
            if let Some(choice) = field.choices().get(selected) {
                set_value(app, path, Value::from(choice.id));
            }
            Modal::None
        }
        _ => Modal::None,
    };
    Vec::new()
}

/// The options (by index) whose name or id holds what was typed.
pub fn matching(field: &schema::Field, filter: &str) -> Vec<usize> {
    let wanted = filter.to_lowercase();
    field
        .choices()
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            wanted.is_empty()
                || c.label.zh.contains(filter)
                || c.label.en.to_lowercase().contains(&wanted)
                || c.id.contains(wanted.as_str())
        })
        .map(|(i, _)| i)
        .collect()
}

/// What a one-line prompt (a file name) made of a key.
enum Prompt {
    Typing(Box<super::editor::Editor>),
    Entered(String),
    Cancelled,
}

fn prompt(mut path: Box<super::editor::Editor>, action: &Action) -> Prompt {
    match action {
        Action::Edit(key) => {
            path.key(*key);
        }
        Action::Paste(text) => {
            path.paste(text);
        }
        Action::Confirm if !path.value().trim().is_empty() => return Prompt::Entered(path.value().trim().to_string()),
        Action::Cancel => return Prompt::Cancelled,
        _ => {}
    }
    Prompt::Typing(path)
}

/// Typing a new file name; Enter moves the draft there (and its lock) and saves.
fn save_as(app: &mut App, path: Box<super::editor::Editor>, action: &Action) -> Vec<Effect> {
    app.modal = Modal::None;
    match prompt(path, action) {
        Prompt::Typing(path) => app.modal = Modal::SaveAs { path },
        Prompt::Entered(name) => return vec![Effect::SaveAs(std::path::PathBuf::from(name))],
        Prompt::Cancelled => {}
    }
    Vec::new()
}

/// How many matches the jump shows.
pub const JUMP_SHOWN: usize = 10;

/// Ctrl-K: typing narrows the fields, ↑↓ choose, Enter goes there.
fn jump(app: &mut App, mut query: Box<super::editor::Editor>, selected: usize, action: &Action) -> Vec<Effect> {
    let count = super::jump::matches(&query.value(), JUMP_SHOWN).len().max(1);
    app.modal = Modal::None;
    match action {
        Action::Edit(key) => {
            query.key(*key);
            app.modal = Modal::Jump { query, selected: 0 };
        }
        Action::Paste(text) => {
            query.paste(text);
            app.modal = Modal::Jump { query, selected: 0 };
        }
        Action::NextField => app.modal = Modal::Jump { query, selected: (selected + 1) % count },
        Action::PrevField => app.modal = Modal::Jump { query, selected: (selected + count - 1) % count },
        Action::Confirm => {
            let found = super::jump::matches(&query.value(), JUMP_SHOWN);
            let Some(target) = found.get(selected) else {
                app.status = Some(Status {
                    text: app.lang.pick("没有与输入相符的字段。", "No field matches.").to_string(),
                    is_error: true,
                });
                app.modal = Modal::Jump { query, selected };
                return Vec::new();
            };
            return jump_to(app, target.field.path);
        }
        _ => {}
    }
    Vec::new()
}

/// Typing the version to compare with; Enter compares.
fn compare_with(app: &mut App, path: Box<super::editor::Editor>, action: &Action) -> Vec<Effect> {
    app.modal = Modal::None;
    match prompt(path, action) {
        Prompt::Typing(path) => app.modal = Modal::CompareWith { path },
        Prompt::Entered(other) => return vec![Effect::Compare(other)],
        Prompt::Cancelled => {}
    }
    Vec::new()
}

/// Typing the reason for accepting a finding; Enter stores the waiver in the draft.
fn waive_reason(
    app: &mut App,
    rule: &'static str,
    field: String,
    mut reason: Box<super::editor::Editor>,
    action: &Action,
) -> Vec<Effect> {
    match action {
        Action::Edit(key) => {
            reason.key(*key);
        }
        Action::Paste(text) => {
            reason.paste(text);
        }
        Action::Confirm if !reason.value().trim().is_empty() => {
            let mut waivers = app.draft.waivers();
            waivers.retain(|w| !(w.rule == rule && w.field == field));
            waivers.push(Waiver { rule: rule.to_string(), field, reason: reason.value().trim().to_string() });
            app.draft_mut().set_waivers(&waivers);
            app.edits += 1;
            app.modal = Modal::None;
            refresh_findings(app);
            return Vec::new();
        }
        Action::Cancel => {
            app.modal = Modal::None;
            return Vec::new();
        }
        _ => {}
    }
    app.modal = Modal::Waive { rule, field, reason };
    Vec::new()
}

/// Actions that work everywhere in a draft. `None` when the action is not one of them.
fn global(app: &mut App, action: &Action) -> Option<Vec<Effect>> {
    Some(match action {
        Action::NextStep => go_to_step(app, (app.step + 1).min(step_count())),
        Action::PrevStep => go_to_step(app, app.step.saturating_sub(1)),
        Action::Save => vec![Effect::Save],
        Action::Jump => {
            app.modal = Modal::Jump { query: Box::new(super::editor::Editor::open("", "", false)), selected: 0 };
            Vec::new()
        }
        Action::Undo => undo(app, false),
        Action::Redo => undo(app, true),
        Action::SaveAs => {
            let current = app.file.display().to_string();
            app.modal = Modal::SaveAs { path: Box::new(super::editor::Editor::open("", &current, false)) };
            Vec::new()
        }
        Action::TogglePreview => {
            app.show_preview = !app.show_preview;
            app.preview_scroll = 0;
            Vec::new()
        }
        // The preview pane scrolls by page: a contract is long.
        Action::ScrollDown if !app.on_review() => {
            let extent = app.viewport.preview;
            app.preview_scroll = extent.scrolled(app.preview_scroll, page(extent));
            Vec::new()
        }
        Action::ScrollUp if !app.on_review() => {
            let extent = app.viewport.preview;
            app.preview_scroll = extent.scrolled(app.preview_scroll, -page(extent));
            Vec::new()
        }
        Action::Export => {
            refresh_findings(app);
            if app.findings.iter().any(crate::checks::Finding::is_blocking) {
                app.modal = Modal::Confirm(Question::ExportIncomplete);
                Vec::new()
            } else {
                vec![Effect::Export(app.export_target)]
            }
        }
        Action::Help => {
            app.modal = Modal::Help { scroll: 0 };
            Vec::new()
        }
        Action::Quit => {
            // Asks whenever quitting would lose an edit: not yet saved, a save that failed,
            // or a draft this wizard may no longer write.
            if app.has_unqueued_edits() {
                app.modal = Modal::Confirm(Question::QuitUnsaved);
                Vec::new()
            } else {
                vec![Effect::Quit]
            }
        }
        Action::PastedBreak if app.editor.is_some() => {
            if let Some(editor) = app.editor.as_mut()
                && editor.paste("\n")
            {
                write_back(app);
            }
            if !app.editor.as_ref().is_some_and(super::editor::Editor::is_multiline) {
                say(
                    app,
                    "粘贴的文字有换行，已改为空格留在本项（终端未启用括号粘贴）；请检查本项内容",
                    "the pasted text had line breaks; they became spaces in this field (no bracketed paste)",
                );
            }
            Vec::new()
        }
        Action::Paste(text) if app.editor.is_some() => {
            if let Some(editor) = app.editor.as_mut()
                && editor.paste(text)
            {
                write_back(app);
            }
            Vec::new()
        }
        _ => return None,
    })
}

/// Leaves the current step (checking the focused field) and opens another one.
pub fn go_to_step(app: &mut App, step: usize) -> Vec<Effect> {
    blur(app);
    // A step left has been seen whole: its fields' findings show from now on.
    let seen: Vec<String> = app.items().into_iter().map(|item| item.path).collect();
    app.touched.extend(seen);
    app.rows = None;
    app.step = step;
    app.focus = 0;
    app.preview_scroll = 0;
    app.review_selected = 0;
    app.review_scroll = 0;
    app.visited.insert(step);
    app.open_editor();
    if app.on_review() {
        // The review lists the findings and selects among them: they must be current.
        refresh_findings(app);
    } else {
        recheck_later(app);
    }
    vec![Effect::Autosave]
}

/// The checks are due again (a field was left, a step changed, a value was set). They run
/// once no key is waiting ([`catch_up`]), so moving on never waits for them.
fn recheck_later(app: &mut App) {
    app.findings_stale = true;
}

/// The work the event loop does when no key is waiting: re-running checks that are due.
pub fn catch_up(app: &mut App) {
    if app.findings_stale {
        refresh_findings(app);
    }
}

/// Re-runs the checks now, in the order the review lists them: by step, errors first
/// within a step.
pub fn refresh_findings(app: &mut App) {
    let findings = checks::run(&app.draft);
    set_findings(app, findings);
}

/// Takes findings of the draft as it is now (from [`refresh_findings`] or the checking thread).
/// The findings in the order the review lists them and ↓ walks them: by section in contract
/// order, errors before warnings before notes within each (the sort is stable, so the
/// checks' own order stays within a severity).
pub fn set_findings(app: &mut App, mut findings: Vec<checks::Finding>) {
    let section_index = |path: &str| {
        schema::section_of(path).and_then(|s| schema::SECTIONS.iter().position(|x| x.id == s.id)).unwrap_or(usize::MAX)
    };
    let severity = |f: &checks::Finding| match f.severity {
        checks::Severity::Error => 0,
        checks::Severity::Warning => 1,
        checks::Severity::Info => 2,
    };
    findings.sort_by_key(|f| (section_index(&f.field), severity(f)));
    app.findings = findings;
    app.findings_stale = false;
}

/// The focused field is left: its messages are shown from now on.
fn blur(app: &mut App) {
    if let Some(item) = app.focused() {
        // What was typed as 2026年4月1日 or 32万 is stored as 2026-04-01 or 320000.00.
        let typed = app.draft.raw(&item.path).map(str::to_string);
        if let Some(canonical) = typed.as_deref().and_then(|t| crate::values::canonical_input(item.field.kind, t))
            && typed.as_deref() != Some(canonical.as_str())
        {
            app.draft_mut().set(&item.path, Value::String(canonical));
            app.edits += 1;
        }
        record_typing(app);
        app.touched.insert(item.path);
    }
    if let Some(rows) = &app.rows {
        app.touched.insert(rows.field.path.to_string());
    }
    recheck_later(app);
}

/// Moves the focus by `delta` fields (wrapping) in the current form or open row.
fn move_focus(app: &mut App, forward: bool) {
    blur(app);
    let count = app.items().len().max(1);
    let step = |i: usize| if forward { (i + 1) % count } else { (i + count - 1) % count };
    match &mut app.rows {
        Some(RowsEditor { row_form: Some(_), row_focus, .. }) => *row_focus = step(*row_focus),
        _ => app.focus = step(app.focus.min(count - 1)),
    }
    app.open_editor();
}

fn form(app: &mut App, action: &Action) -> Vec<Effect> {
    let Some(item) = app.focused() else { return Vec::new() };
    match action {
        // Tab on a step's last field goes on to the next step, as a form's last field does.
        Action::NextField if app.rows.is_none() && app.focus + 1 >= app.items().len() => {
            return go_to_step(app, (app.step + 1).min(step_count()));
        }
        Action::NextField => move_focus(app, true),
        Action::PrevField => move_focus(app, false),
        Action::CaretDown => caret_or_move(app, true),
        Action::CaretUp => caret_or_move(app, false),
        Action::Confirm => confirm_field(app, &item),
        Action::Toggle => toggle(app, &item),
        Action::ChoiceNext | Action::ChoicePrev => cycle_choice(app, &item, *action == Action::ChoiceNext),
        Action::Cancel => {
            if matches!(app.rows, Some(RowsEditor { row_form: Some(_), .. })) {
                blur(app);
                if let Some(rows) = app.rows.as_mut() {
                    rows.row_form = None;
                }
                app.editor = None;
            } else {
                blur(app);
            }
        }
        Action::Edit(key) if matches!(item.field.kind, Kind::Choice(_)) => {
            // Typing on a choice opens its options narrowed by what was typed.
            if let crossterm::event::KeyCode::Char(c) = key.code {
                let filter = c.to_string();
                let selected = matching(item.field, &filter).first().copied().unwrap_or(0);
                app.modal = Modal::Choice { path: item.path.clone(), field: item.field, selected, filter };
            }
        }
        Action::Edit(key) => {
            if let Some(editor) = app.editor.as_mut()
                && editor.key(*key)
            {
                write_back(app);
            }
        }
        _ => {}
    }
    Vec::new()
}

fn caret_or_move(app: &mut App, down: bool) {
    if let Some(editor) = app.editor.as_mut()
        && editor.is_multiline()
        && editor.caret_row(down)
    {
        return;
    }
    move_focus(app, down);
}

fn confirm_field(app: &mut App, item: &Item) {
    match item.field.kind {
        Kind::Long => {
            use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
            if let Some(editor) = app.editor.as_mut()
                && editor.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE))
            {
                write_back(app);
            }
        }
        Kind::Choice(choices) => {
            let current = app.draft.text(&item.path);
            let selected = choices.iter().position(|c| Some(c.id) == current).unwrap_or(0);
            app.modal = Modal::Choice { path: item.path.clone(), field: item.field, selected, filter: String::new() };
        }
        Kind::List(_) => {
            app.editor = None;
            app.rows = Some(RowsEditor { field: item.field, selected: 0, row_form: None, row_focus: 0 });
        }
        Kind::Bool => toggle(app, item),
        _ => move_focus(app, true),
    }
}

fn toggle(app: &mut App, item: &Item) {
    if let Kind::Bool = item.field.kind {
        let next = !app.draft.flag(&item.path).unwrap_or(false);
        set_value(app, &item.path, Value::Bool(next));
    }
}

fn cycle_choice(app: &mut App, item: &Item, forward: bool) {
    let choices = item.field.choices();
    if choices.is_empty() {
        return;
    }
    let current = app.draft.text(&item.path).and_then(|id| choices.iter().position(|c| c.id == id));
    let next = match (current, forward) {
        (None, true) => 0,
        (None, false) => choices.len() - 1,
        (Some(i), true) => (i + 1) % choices.len(),
        (Some(i), false) => (i + choices.len() - 1) % choices.len(),
    };
    set_value(app, &item.path, Value::from(choices[next].id));
}

/// Writes a non-text value (choice, yes/no, rows) and re-checks, since fields that depend
/// on it may appear or disappear.
fn set_value(app: &mut App, path: &str, value: Value) {
    record_typing(app);
    // The drafting side also sets the negotiable terms: one change undoes both.
    let mut paths = vec![path.to_string()];
    if path == "meta.drafting_party" {
        for clause in crate::playbook::clauses() {
            if !paths.contains(&clause.field) {
                paths.push(clause.field.clone());
            }
        }
    }
    let before: Vec<Value> = paths.iter().map(|p| history::value_at(&app.draft, p)).collect();
    set_value_now(app, path, value);
    let edits = paths
        .into_iter()
        .zip(before)
        .map(|(p, before)| {
            let after = history::value_at(&app.draft, &p);
            (p, before, after)
        })
        .collect();
    app.history.record(history::Change { edits });
}

/// The typing of the field being edited since it was opened, as one change.
fn record_typing(app: &mut App) {
    flush_typing(app);
    let Some((path, before)) = app.typing_from.take() else { return };
    let after = history::value_at(&app.draft, &path);
    app.history.record(history::Change { edits: vec![(path.clone(), before, after.clone())] });
    app.typing_from = Some((path, after));
}

/// Undoes or redoes the last change, and shows the field it was in.
fn undo(app: &mut App, forward: bool) -> Vec<Effect> {
    record_typing(app);
    let mut history = std::mem::take(&mut app.history);
    let change = if forward { history.redo(app.draft_mut()) } else { history.undo(app.draft_mut()) }.cloned();
    app.history = history;
    let Some(change) = change else {
        app.status = Some(Status {
            text: if forward {
                app.lang.pick("没有可重做的修改。", "Nothing to redo.")
            } else {
                app.lang.pick("没有可撤销的修改（本次打开以来）。", "Nothing to undo in this sitting.")
            }
            .to_string(),
            is_error: false,
        });
        return Vec::new();
    };
    app.edits += 1;
    let path = change.first_path().unwrap_or_default().to_string();
    let label = schema::field(path.split('[').next().unwrap_or_default())
        .map_or(path.as_str(), |f| app.lang.pick(f.label.zh, f.label.en));
    let text = format!(
        "{}{label}",
        if forward { app.lang.pick("已重做：", "redone: ") } else { app.lang.pick("已撤销：", "undone: ") }
    );
    let on_this_step = app.items().iter().any(|i| path == i.path || path.starts_with(&format!("{}[", i.path)));
    let effects = if on_this_step || app.on_review() {
        Vec::new()
    } else {
        jump_to(app, path.split('[').next().unwrap_or_default())
    };
    // The editor shows the value as it is now, and typing from here is a new change.
    app.open_editor();
    recheck_later(app);
    app.status = Some(Status { text, is_error: false });
    effects
}

fn set_value_now(app: &mut App, path: &str, value: Value) {
    app.draft_mut().set(path, value);
    app.edited.insert(path.to_string());
    // The drafting side's position is the default of every negotiable term the user has
    // not set to something of their own (the playbook).
    if path == "meta.drafting_party"
        && let Some(side) = crate::playbook::Side::drafting(&app.draft)
    {
        let (edited, touched) = (app.edited.clone(), app.touched.clone());
        let seen = |field: &str| edited.contains(field) || touched.contains(field);
        let set = crate::playbook::apply_defaults(app.draft_mut(), side, seen);
        if set > 0 {
            app.status = Some(Status {
                text: match app.lang {
                    crate::i18n::Lang::Zh => {
                        format!("已按{}立场设置{set}项可谈判条款的默认值（您填写过的不变）。", side.label_zh())
                    }
                    crate::i18n::Lang::En => {
                        format!("{set} negotiable terms set to the drafting side's position (yours are kept).")
                    }
                },
                is_error: false,
            });
        }
    }
    app.edits += 1;
    app.touched.insert(path.to_string());
    recheck_later(app);
}

/// Copies the editor's text into the draft: every keystroke reaches the model at once, so
/// autosave never loses what is on screen. An emptied field becomes absent. While the
/// checking or saving thread reads the draft (a large draft's checks take a while), the
/// copy waits instead of duplicating the draft on the key path: the editor holds the text,
/// and [`flush_typing`] writes it before anything else reads or replaces it.
fn write_back(app: &mut App) {
    app.edits += 1;
    app.typing_pending = true;
    flush_typing_when_free(app);
}

/// [`flush_typing`] once no other thread reads the draft (so it costs no copy); whether the
/// draft now holds what the editor does.
pub fn flush_typing_when_free(app: &mut App) -> bool {
    if app.typing_pending && std::sync::Arc::get_mut(&mut app.draft).is_some() {
        flush_typing(app);
    }
    !app.typing_pending
}

/// Writes what the editor holds into the draft, if a keystroke is still waiting for it.
pub fn flush_typing(app: &mut App) {
    if !std::mem::take(&mut app.typing_pending) {
        return;
    }
    let Some(editor) = app.editor.as_ref() else { return };
    let value = editor.value();
    let path = editor.path.clone();
    app.draft_mut().set(&path, if value.is_empty() { Value::Null } else { Value::String(value) });
    app.edited.insert(path);
}

fn rows(app: &mut App, action: &Action) -> Vec<Effect> {
    let Some(mut rows) = app.rows.clone() else { return Vec::new() };
    let path = rows.field.path;
    let count = app.draft.rows(path).len();
    // Moving between rows changes no data: handled before the rows are copied for editing.
    let moved = match action {
        Action::NextField if count > 0 => Some((rows.selected + 1) % count),
        Action::PrevField if count > 0 => Some((rows.selected + count - 1) % count),
        _ => None,
    };
    if let Some(selected) = moved {
        rows.selected = selected;
        app.rows = Some(rows);
        return Vec::new();
    }
    let mut list = app.draft.rows(path).to_vec();
    match action {
        Action::Confirm if count > 0 => {
            rows.row_form = Some(rows.selected.min(count - 1));
            rows.row_focus = 0;
        }
        Action::AddRow => {
            list.push(new_row(rows.field));
            rows.selected = list.len() - 1;
            rows.row_form = Some(rows.selected);
            rows.row_focus = 0;
        }
        Action::AddFromCatalog if path == schema::MODULES_PATH => {
            let present: Vec<&str> = list.iter().filter_map(|r| r.get("name").and_then(Value::as_str)).collect();
            if let Some((name, description)) = MODULE_CATALOG.iter().find(|(name, _)| !present.contains(name)) {
                let mut row = Map::new();
                row.insert("name".into(), Value::from(*name));
                row.insert("description".into(), Value::from(*description));
                list.push(Value::Object(row));
                rows.selected = list.len() - 1;
            } else {
                say(
                    app,
                    "常用模块已全部添加；其他模块按 a 添加",
                    "every catalogue module is in the list; a adds another",
                );
                return Vec::new();
            }
        }
        Action::DeleteRow if count > 0 => {
            list.remove(rows.selected.min(count - 1));
            rows.selected = rows.selected.min(list.len().saturating_sub(1));
        }
        Action::MoveRowUp if rows.selected > 0 && rows.selected < count => {
            list.swap(rows.selected, rows.selected - 1);
            rows.selected -= 1;
        }
        Action::MoveRowDown if rows.selected + 1 < count => {
            list.swap(rows.selected, rows.selected + 1);
            rows.selected += 1;
        }
        Action::Cancel => {
            app.rows = None;
            app.touched.insert(path.to_string());
            app.open_editor();
            recheck_later(app);
            return Vec::new();
        }
        Action::Confirm | Action::DeleteRow if count == 0 => {
            say(app, "列表还没有行：按 a 添加", "the list has no rows yet: a adds one");
            return Vec::new();
        }
        _ => return Vec::new(),
    }
    if list.len() != count || list != app.draft.rows(path) {
        set_value(app, path, Value::Array(list));
    }
    app.rows = Some(rows);
    app.open_editor();
    Vec::new()
}

/// A new row: yes/no columns start as no, the rest empty.
fn new_row(field: &schema::Field) -> Value {
    let mut row = Map::new();
    for column in field.list().map_or(&[][..], |l| l.columns) {
        if let Kind::Bool = column.kind {
            row.insert(column.path.to_string(), Value::Bool(false));
        }
    }
    Value::Object(row)
}

fn review(app: &mut App, action: &Action) -> Vec<Effect> {
    let checklist = schema::SECTIONS.iter().find(|s| s.id == "checklist").map_or(&[][..], |s| s.fields);
    let documents = outputs::documents_needed(&app.draft);
    let count = match app.review_tab {
        ReviewTab::Findings => app.findings.len() + outputs::AFTER_FINDINGS.len(),
        ReviewTab::Checklist => checklist.len() + documents.len(),
        ReviewTab::Preview => 0,
    };
    match action {
        Action::NextTab => {
            app.comparison = None;
            app.review_tab = match app.review_tab {
                ReviewTab::Findings => ReviewTab::Checklist,
                ReviewTab::Checklist => ReviewTab::Preview,
                ReviewTab::Preview => ReviewTab::Findings,
            };
            app.review_selected = 0;
            app.review_scroll = 0;
        }
        Action::PageDown | Action::PageUp if app.review_tab == ReviewTab::Preview => {
            let extent = app.viewport.review;
            let by = if *action == Action::PageDown { page(extent) } else { -page(extent) };
            app.review_scroll = extent.scrolled(app.review_scroll, by);
        }
        Action::NextField | Action::ScrollDown if app.review_tab == ReviewTab::Preview => {
            app.review_scroll = app.viewport.review.scrolled(app.review_scroll, 1);
        }
        Action::PrevField | Action::ScrollUp if app.review_tab == ReviewTab::Preview => {
            app.review_scroll = app.viewport.review.scrolled(app.review_scroll, -1);
        }
        Action::NextField if count > 0 => app.review_selected = (app.review_selected + 1) % count,
        Action::PrevField if count > 0 => app.review_selected = (app.review_selected + count - 1) % count,
        Action::Toggle if app.review_tab == ReviewTab::Checklist => {
            if let Some(field) = checklist.get(app.review_selected) {
                let next = !app.draft.flag(field.path).unwrap_or(false);
                set_value(app, field.path, Value::Bool(next));
            }
        }
        Action::Confirm if app.review_tab == ReviewTab::Findings => {
            let chosen =
                app.review_selected.checked_sub(app.findings.len()).and_then(|i| outputs::AFTER_FINDINGS.get(i));
            if chosen == Some(&Output::Compare) {
                // The version from before this sitting by default (the backup the first save
                // left), else the committed one.
                let backup = crate::draft::sidecar::path(&app.file, crate::draft::sidecar::Sidecar::Backup);
                let suggested = if backup.exists() { backup.display().to_string() } else { "HEAD".to_string() };
                app.modal = Modal::CompareWith { path: Box::new(super::editor::Editor::open("", &suggested, false)) };
                return Vec::new();
            }
            if let Some(output) = chosen {
                // The export effect resets the target, so Ctrl-E elsewhere stays the contract.
                app.export_target = *output;
                return global(app, &Action::Export).unwrap_or_default();
            }
            let target = app.findings[app.review_selected].field.clone();
            return jump_to(app, &target);
        }
        Action::Waive if app.review_tab == ReviewTab::Findings => {
            let Some(finding) = app.findings.get(app.review_selected).cloned() else { return Vec::new() };
            if finding.waived.is_some() {
                let mut waivers = app.draft.waivers();
                waivers.retain(|w| !(w.rule == finding.rule && w.field == finding.field));
                app.draft_mut().set_waivers(&waivers);
                app.edits += 1;
                refresh_findings(app);
            } else if checks::rule_by_id(finding.rule).is_some_and(checks::waivable) {
                app.modal = Modal::Waive {
                    rule: finding.rule,
                    field: finding.field,
                    reason: Box::new(super::editor::Editor::open("", "", false)),
                };
            } else {
                app.status = Some(super::app::Status {
                    text: app
                        .lang
                        .pick("此错误不能接受，请修改后再导出。", "This error cannot be accepted; fix it.")
                        .to_string(),
                    is_error: true,
                });
            }
        }
        Action::Confirm if app.review_tab == ReviewTab::Checklist => {
            if let Some(output) = app.review_selected.checked_sub(checklist.len()).and_then(|i| documents.get(i)) {
                app.export_target = *output;
                return global(app, &Action::Export).unwrap_or_default();
            }
            return review(app, &Action::Toggle);
        }
        _ => {}
    }
    Vec::new()
}

/// Opens the step of a field path and focuses the field (or its list, at its row).
pub fn jump_to(app: &mut App, path: &str) -> Vec<Effect> {
    let Some(section) = schema::step_of(path) else { return Vec::new() };
    let Some(step) = schema::steps().position(|s| s.id == section.id) else { return Vec::new() };
    let effects = go_to_step(app, step);
    let top = path.split('[').next().unwrap_or(path);
    if let Some(index) = app.items().iter().position(|item| item.path == top) {
        app.focus = index;
        if let Some(row) =
            path.split_once('[').and_then(|(_, rest)| rest.split_once(']')).and_then(|(n, _)| n.parse::<usize>().ok())
            && let Some(field) = schema::field(top)
        {
            let column = path.rsplit_once("].").map(|(_, c)| c);
            let row_focus = column
                .and_then(|c| field.list().and_then(|l| l.columns.iter().position(|col| col.path == c)))
                .unwrap_or(0);
            app.rows = Some(RowsEditor { field, selected: row, row_form: Some(row), row_focus });
        }
        app.open_editor();
    }
    effects
}
