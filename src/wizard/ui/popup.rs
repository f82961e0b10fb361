//! Dialogs over the screen: the help (from the keymap table and the field table), a
//! yes/no question, and a choice's options.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::text::{clean, fit, wrapped};
use crate::wizard::app::{App, Extent, Modal, Question, Writing};
use crate::wizard::keymap::{BINDINGS, Ctx};

/// Draws the open dialog; returns the help's extent when the help is open.
pub(super) fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) -> Extent {
    match &app.modal {
        Modal::None => {}
        Modal::Help { scroll } => return help(frame, app, area, *scroll),
        Modal::Confirm(question) => confirm(frame, app, area, *question),
        Modal::Waive { rule, field, reason } => waive(frame, app, area, rule, field, reason),
        Modal::SaveAs { path } => save_as(frame, app, area, path),
        Modal::CompareWith { path } => compare_with(frame, app, area, path),
        Modal::Jump { query, selected } => jump(frame, app, area, query, *selected),
        Modal::Choice { field, selected, filter, .. } => {
            let shown = crate::wizard::update::matching(field, filter);
            let mut lines: Vec<Line<'_>> = Vec::new();
            if !filter.is_empty() {
                lines.push(Line::styled(format!(" {}{filter}", app.lang.pick("筛选：", "filter: ")), app.theme.muted));
            }
            lines.extend(shown.iter().filter_map(|i| field.choices().get(*i).map(|c| (*i, c))).map(|(i, c)| {
                let style = if i == *selected { app.theme.selected } else { app.theme.value };
                Line::styled(format!(" {} ", app.lang.pick(c.label.zh, c.label.en)), style)
            }));
            if shown.is_empty() {
                lines.push(Line::styled(
                    app.lang.pick(" 没有相符的选项（退格修改） ", " no match (Backspace) "),
                    app.theme.error,
                ));
            }
            let title = format!(" {} ", app.lang.pick(field.label.zh, field.label.en));
            let height = u16::try_from(lines.len()).unwrap_or(10) + 2;
            let rect = centered(area, 50, height);
            frame.render_widget(Clear, rect);
            frame.render_widget(Paragraph::new(lines).block(bordered(app, &title)), rect);
        }
    }
    Extent::default()
}

fn bordered<'a>(app: &App, title: &str) -> Block<'a> {
    Block::default().borders(Borders::ALL).border_style(app.theme.border).title(title.to_string())
}

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))]).flex(Flex::Center).areas(area);
    let [rect] = Layout::horizontal([Constraint::Length(width.min(area.width))]).flex(Flex::Center).areas(row);
    rect
}

/// The reason for accepting a finding, typed in a one-line editor.
fn waive(
    frame: &mut Frame<'_>,
    app: &App,
    area: Rect,
    rule: &str,
    field: &str,
    reason: &crate::wizard::editor::Editor,
) {
    let rect = centered(area, 70, 7);
    frame.render_widget(Clear, rect);
    let message = app
        .findings
        .iter()
        .find(|f| f.rule == rule && f.field == field)
        .map(|f| app.lang.pick(&f.message, &f.message_en).to_string())
        .unwrap_or_default();
    let width = usize::from(rect.width.saturating_sub(2));
    let lines = vec![
        Line::styled(fit(&format!("{rule} {message}"), width), app.theme.warning),
        Line::raw(app.lang.pick(
            "为什么接受这一风险？理由会写入草稿并在审阅中显示：",
            "Why accept this risk? The reason is stored in the draft:",
        )),
    ];
    let title = app.lang.pick(" 接受风险（Enter 确认，Esc 取消） ", " Accept a finding (Enter, Esc) ");
    frame.render_widget(Paragraph::new(lines).block(bordered(app, title)), rect);
    let input = Rect { x: rect.x + 1, y: rect.y + 4, width: rect.width.saturating_sub(2), height: 1 };
    frame.render_widget(Paragraph::new("› "), input);
    let editor_rect = Rect { x: input.x + 2, width: input.width.saturating_sub(2), ..input };
    frame.render_widget(reason.widget(), editor_rect);
    frame.set_cursor_position(reason.caret(editor_rect));
}

fn confirm(frame: &mut Frame<'_>, app: &App, area: Rect, question: Question) {
    let text = match question {
        Question::QuitUnsaved => match (&app.save_error, app.writing) {
            (_, Writing::Lost(_) | Writing::ReadOnly) => app
                .lang
                .pick(
                    "这里的修改不能写入草稿（已被另一个向导接管）。\nF2 另存为\nn 放弃修改退出\nEsc 取消",
                    "These edits cannot go into the draft (another wizard has it).\nF2 save as\nn quit and discard\nEsc cancel",
                )
                .to_string(),
            (Some(error), _) => format!(
                "{}{}{}",
                app.lang.pick("上次保存失败：", "The last save failed: "),
                clean(error),
                app.lang.pick(
                    "。\ny 再试一次并退出（仍失败则写入恢复文件）\nF2 另存为\nn 放弃修改退出\nEsc 取消",
                    ".\ny retry and quit (a recovery file if it fails again)\nF2 save as\nn quit and discard\nEsc cancel",
                )
            ),
            (None, _) => app
                .lang
                .pick(
                    "有未保存的修改。保存后退出？\ny 保存并退出\nn 不保存退出\nEsc 取消",
                    "Unsaved changes. Save before quitting?\ny save and quit\nn quit without saving\nEsc cancel",
                )
                .to_string(),
        },
        Question::ExportIncomplete => app
            .lang
            .pick(
                "草稿还有错误。仍要导出（缺少的内容显示为【待填写】）？\ny 导出\nn 取消",
                "The draft still has errors. Export anyway (missing values as blanks)?\ny export\nn cancel",
            )
            .to_string(),
        Question::Locked(pid) => {
            let (who, who_en) = other_wizard(pid);
            app.lang
                .pick(
                    &format!(
                        "另一个向导{who}正在编辑这份草稿。\ny 接管（对方将停止写入，对方未保存的修改会提示对方另存）\nn 只读查看\nEsc 退出"
                    ),
                    &format!(
                        "Another wizard{who_en} is editing this draft.\ny take over (it stops writing and is told)\nn look read-only\nEsc quit"
                    ),
                )
                .to_string()
        }
        Question::Recover => {
            let file = app.recovery.as_ref().map(|f| clean(&f.file.display().to_string())).unwrap_or_default();
            app.lang
                .pick(
                    &format!("发现未保存的工作（恢复文件 {file}）。\ny 恢复\nn 丢弃恢复文件\nEsc 暂不处理"),
                    &format!("Unsaved work was kept in {file}.\ny recover\nn discard it\nEsc later"),
                )
                .to_string()
        }
        Question::Lost(pid) => {
            let (who, who_en) = other_wizard(pid);
            app.lang
                .pick(
                    &format!(
                        "另一个向导{who}接管了这份草稿，本向导已停止写入，之后的修改不会保存到这里。\nF2 另存为副本\ny 载入对方的版本（只读）\nEsc 继续查看（只读）"
                    ),
                    &format!(
                        "Another wizard{who_en} took this draft over; this one no longer writes it.\nF2 save a copy\ny load its version (read-only)\nEsc keep looking (read-only)"
                    ),
                )
                .to_string()
        }
        Question::ChangedOnDisk => app
            .lang
            .pick(
                "草稿文件在打开后被其他程序修改了，自动保存已暂停。\ny 保留我的（对方版本存入 .bak）\nn 载入对方的版本\nF2 另存为\nEsc 稍后决定",
                "The draft file was changed by another program; autosave is paused.\ny keep mine (theirs goes to .bak)\nn load theirs\nF2 save as\nEsc decide later",
            )
            .to_string(),
    };
    // The question, then one line per answer.
    let rect = centered(area, 64, 10);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: true }).block(bordered(app, app.lang.pick(" 请确认 ", " Confirm "))),
        rect,
    );
}

/// "（进程 N）" and " (process N)" for the other wizard, when its process id is known.
fn other_wizard(pid: Option<u32>) -> (String, String) {
    pid.map_or_else(Default::default, |pid| (format!("（进程 {pid}）"), format!(" (process {pid})")))
}

/// A new file name for the draft.
fn save_as(frame: &mut Frame<'_>, app: &App, area: Rect, path: &crate::wizard::editor::Editor) {
    let rect = centered(area, 70, 5);
    frame.render_widget(Clear, rect);
    let title = app.lang.pick(" 另存为（Enter 保存，Esc 取消） ", " Save as (Enter, Esc) ");
    frame.render_widget(
        Paragraph::new(app.lang.pick("草稿的新文件名：", "New file name for the draft:")).block(bordered(app, title)),
        rect,
    );
    let input = Rect { x: rect.x + 3, y: rect.y + 2, width: rect.width.saturating_sub(4), height: 1 };
    frame.render_widget(path.widget(), input);
    frame.set_cursor_position(path.caret(input));
}

fn compare_with(frame: &mut Frame<'_>, app: &App, area: Rect, path: &crate::wizard::editor::Editor) {
    let rect = centered(area, 76, 6);
    frame.render_widget(Clear, rect);
    let title = app.lang.pick(" 与另一稿比较（Enter 比较，Esc 取消） ", " Compare with (Enter, Esc) ");
    let prompt = app
        .lang
        .pick("另一稿的文件名（HEAD 为 git 提交的版本）：", "The other version's file (HEAD for the committed one):");
    frame.render_widget(Paragraph::new(prompt).block(bordered(app, title)), rect);
    let input = Rect { x: rect.x + 3, y: rect.y + 2, width: rect.width.saturating_sub(4), height: 1 };
    frame.render_widget(path.widget(), input);
    frame.set_cursor_position(path.caret(input));
}

/// Ctrl-K: the query and the fields it matches, with their steps.
fn jump(frame: &mut Frame<'_>, app: &App, area: Rect, query: &crate::wizard::editor::Editor, selected: usize) {
    let found = crate::wizard::jump::matches(&query.value(), crate::wizard::update::JUMP_SHOWN);
    let height = u16::try_from(found.len().max(1)).unwrap_or(10) + 4;
    let rect = centered(area, 70, height);
    frame.render_widget(Clear, rect);
    let title =
        app.lang.pick(" 跳到字段（输入标签的一部分，Enter 前往，Esc 取消） ", " Jump to a field (type, Enter, Esc) ");
    let mut lines = vec![Line::default(), Line::default()];
    for (index, target) in found.iter().enumerate() {
        let style = if index == selected { app.theme.selected } else { app.theme.value };
        let label = app.lang.pick(target.field.label.zh, target.field.label.en);
        lines.push(Line::styled(format!(" {label}　·　{}", target.step), style));
    }
    if found.is_empty() {
        lines.push(Line::styled(app.lang.pick(" 没有相符的字段 ", " no match "), app.theme.error));
    }
    frame.render_widget(Paragraph::new(lines).block(bordered(app, title)), rect);
    let input = Rect { x: rect.x + 2, y: rect.y + 1, width: rect.width.saturating_sub(4), height: 1 };
    frame.render_widget(query.widget(), input);
    frame.set_cursor_position(query.caret(input));
}

/// Every binding, by where it applies, and the focused field's full help.
fn help(frame: &mut Frame<'_>, app: &App, area: Rect, scroll: u16) -> Extent {
    let rect = centered(area, area.width.saturating_sub(8), area.height.saturating_sub(4));
    let width = usize::from(rect.width.saturating_sub(2));
    let mut lines: Vec<Line<'_>> = Vec::new();
    if let Some(item) = app.focused() {
        lines.push(Line::styled(app.lang.pick(item.field.label.zh, item.field.label.en).to_string(), app.theme.label));
        for line in wrapped(app.lang.pick(item.field.help.zh, item.field.help.en), width.saturating_sub(2)) {
            lines.push(Line::raw(line));
        }
        for finding in app.findings_at(&item.path) {
            let message = format!("{} {}", finding.rule, app.lang.pick(&finding.message, &finding.message_en));
            lines.extend(
                wrapped(&message, width.saturating_sub(2)).into_iter().map(|l| Line::styled(l, app.theme.error)),
            );
            if !finding.basis.is_empty() {
                let basis = format!("  {}{}", app.lang.pick("依据：", "Basis: "), finding.basis);
                lines.extend(
                    wrapped(&basis, width.saturating_sub(2)).into_iter().map(|l| Line::styled(l, app.theme.muted)),
                );
            }
        }
        lines.push(Line::default());
    }
    let groups = [
        (Ctx::Global, "任何地方", "Everywhere"),
        (Ctx::Form, "字段之间", "Between fields"),
        (Ctx::Text, "文字字段", "Text fields"),
        (Ctx::Choice, "选择项", "Choices"),
        (Ctx::Bool, "是/否", "Yes/no"),
        (Ctx::List, "列表", "Lists"),
        (Ctx::Rows, "列表的行", "List rows"),
        (Ctx::Catalog, "功能模块列表", "The module list"),
        (Ctx::Review, "审阅与导出", "Review"),
        (Ctx::Reading, "阅读合同全文", "Reading the contract"),
    ];
    for (ctx, zh, en) in groups {
        lines.push(Line::styled(app.lang.pick(zh, en).to_string(), app.theme.label));
        // Keys that do the same thing share a line (Space / Enter / ← / → 是/否).
        let mut rows: Vec<(String, &str)> = Vec::new();
        for binding in BINDINGS.iter().filter(|b| b.ctx == ctx) {
            let what = app.lang.pick(binding.zh, binding.en);
            match rows.iter_mut().find(|(_, w)| *w == what) {
                Some((keys, _)) => {
                    keys.push_str(" / ");
                    keys.push_str(binding.key);
                }
                None => rows.push((binding.key.to_string(), what)),
            }
        }
        for (keys, what) in rows {
            // Padded by display width (← and ↓ are one column, 是 two), one space at least.
            let keys = super::text::pad(&format!("  {keys} "), 18);
            let room = width.saturating_sub(super::text::display_width(&keys) + 1);
            lines.push(Line::from(vec![Span::styled(keys, app.theme.key), Span::raw(fit(what, room))]));
        }
    }
    frame.render_widget(Clear, rect);
    let title = app.lang.pick(" 帮助（Esc 关闭，↑↓ 滚动） ", " Help (Esc closes, ↑↓ scroll) ");
    let extent = Extent { lines: lines.len(), height: rect.height.saturating_sub(2), width: usize::from(rect.width) };
    frame.render_widget(
        Paragraph::new(lines).scroll((scroll.min(extent.max_scroll()), 0)).block(bordered(app, title)),
        rect,
    );
    extent
}
