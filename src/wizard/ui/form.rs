//! The form of the current step (or of an open list row), drawn from the field table:
//! label, value, live extras (amount in capitals, weekday), and the messages under
//! each field the user has left. A list field shows its rows; an open list its editor.

use crate::playbook::{self, Side};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use serde_json::Value;

use super::text::{clean, display_width, first_line, fit, wrapped};
use crate::checks::Severity;
use crate::derived;
use crate::money;
use crate::schema::{Field, Kind};
use crate::values::{self, Typed};
use crate::wizard::app::{App, Item, RowsEditor};

/// Height of a multi-line editor.
const LONG_EDITOR_LINES: u16 = 4;

/// One field's lines; `editor_line` is where the editor goes when it is focused.
struct Block<'a> {
    lines: Vec<Line<'a>>,
    editor_line: Option<(usize, u16)>,
}

pub(super) fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let area = Rect { x: area.x + 1, width: area.width.saturating_sub(2), ..area };
    if let Some(RowsEditor { row_form: None, .. }) = &app.rows {
        rows(frame, app, area);
        return;
    }
    let width = usize::from(area.width);
    let mut header: Vec<Line<'_>> = Vec::new();
    match (&app.rows, app.section()) {
        (Some(RowsEditor { field, row_form: Some(row), .. }), _) => {
            header.push(Line::styled(
                format!(
                    "{} · {}",
                    label(app, field),
                    app.lang.pick(&format!("第{}行", row + 1), &format!("row {}", row + 1))
                ),
                app.theme.label,
            ));
        }
        (None, Some(section)) => {
            header.push(Line::styled(app.lang.pick(section.title.zh, section.title.en).to_string(), app.theme.label));
            // The step's intro whole, in up to two lines.
            let intro = wrapped(app.lang.pick(section.intro.zh, section.intro.en), width.saturating_sub(2));
            let cut = intro.len() > 2;
            for (i, line) in intro.into_iter().take(2).enumerate() {
                let line = if cut && i == 1 { fit(&format!("{line}…"), width) } else { line };
                header.push(Line::styled(line, app.theme.muted));
            }
        }
        _ => {}
    }
    header.push(Line::default());
    let focused = app.focused().map(|i| i.path);
    let blocks: Vec<(Item, Block<'_>)> = app
        .items()
        .into_iter()
        .map(|item| {
            let block = field_block(app, &item, focused.as_deref() == Some(item.path.as_str()), width);
            (item, block)
        })
        .collect();
    // Scroll so the focused field is on screen: stateless, computed from the heights.
    let available = usize::from(area.height).saturating_sub(header.len());
    let total: usize = blocks.iter().map(|(_, b)| b.lines.len()).sum();
    let mut top = 0;
    let mut offset = 0;
    for (item, block) in &blocks {
        if focused.as_deref() == Some(item.path.as_str()) {
            top = scroll_top(offset, block.lines.len(), total, available);
            break;
        }
        offset += block.lines.len();
    }
    let header_height = u16::try_from(header.len()).unwrap_or(0);
    frame.render_widget(Paragraph::new(header), Rect { height: header_height.min(area.height), ..area });
    let body = Rect { y: area.y + header_height, height: area.height.saturating_sub(header_height), ..area };
    let mut lines = Vec::new();
    let mut editor_at = None;
    for (_, block) in blocks {
        if let Some((line, height)) = block.editor_line {
            editor_at = Some((lines.len() + line, height));
        }
        lines.extend(block.lines);
    }
    let visible: Vec<Line<'_>> = lines.into_iter().skip(top).take(usize::from(body.height)).collect();
    frame.render_widget(Paragraph::new(visible), body);
    if let (Some(editor), Some((line, height))) = (&app.editor, editor_at)
        && line >= top
        && line - top < usize::from(body.height)
    {
        let y = body.y + u16::try_from(line - top).unwrap_or(0);
        let rect = Rect {
            x: body.x + 2,
            y,
            width: body.width.saturating_sub(2),
            height: height.min(body.bottom().saturating_sub(y)),
        };
        frame.render_widget(editor.widget(), rect);
        frame.set_cursor_position(editor.caret(rect));
    }
}

/// The first line shown so the focused field (lines `start..start + height` of `total`)
/// has a third of the pane, up to 8 lines, of what comes next below it, as vim's
/// scrolloff keeps context: never pinned to the last line, never scrolled past the end,
/// and its own first line always on screen.
fn scroll_top(start: usize, height: usize, total: usize, available: usize) -> usize {
    let context = (available / 3).min(8);
    let wanted = (start + height + context).saturating_sub(available);
    wanted.min(total.saturating_sub(available)).min(start)
}

fn label(app: &App, field: &Field) -> String {
    app.lang.pick(field.label.zh, field.label.en).to_string()
}

fn field_block<'a>(app: &'a App, item: &Item, focused: bool, width: usize) -> Block<'a> {
    let theme = &app.theme;
    let marker = if focused { "› " } else { "  " };
    let required = if item.field.required { " *" } else { "" };
    let mut lines = vec![Line::from(vec![
        Span::styled(marker.to_string(), theme.focused),
        Span::styled(
            format!("{}{required}", label(app, item.field)),
            if focused { theme.focused } else { theme.label },
        ),
    ])];
    let mut editor_line = None;
    if focused && app.editor.as_ref().is_some_and(|e| e.path == item.path) {
        let height = if matches!(item.field.kind, Kind::Long) {
            LONG_EDITOR_LINES
        } else {
            // As many rows as the value needs (up to three), with room for the caret.
            let value = app.editor.as_ref().map(super::super::editor::Editor::value).unwrap_or_default();
            let columns = width.saturating_sub(3).max(1);
            u16::try_from((display_width(&value) + 1).div_ceil(columns).clamp(1, 3)).unwrap_or(1)
        };
        editor_line = Some((lines.len(), height));
        for _ in 0..height {
            lines.push(Line::default());
        }
        if let Some(extra) = extra(app, item) {
            lines.push(Line::styled(format!("  {}", fit(&extra, width.saturating_sub(2))), theme.muted));
        }
    } else {
        lines.extend(value_lines(app, item, width.saturating_sub(2)).into_iter().map(|l| {
            let mut spans = vec![Span::raw("  ")];
            spans.extend(l.spans);
            Line::from(spans)
        }));
    }
    if focused {
        lines.extend(positions(app, item, width));
    }
    // Messages about the value before this visit's typing would quote what is no longer
    // there: they come back, re-checked, once the field is left.
    let retyped = focused && app.is_retyped(&item.path);
    if app.touched.contains(&item.path) && !retyped {
        for finding in
            app.findings.iter().filter(|f| f.field == item.path || f.field.starts_with(&format!("{}[", item.path)))
        {
            let (mark, style) = match finding.severity {
                Severity::Error => ("✗", theme.error),
                Severity::Warning => ("!", theme.warning),
                Severity::Info => ("i", theme.info),
            };
            let message = app.lang.pick(&finding.message, &finding.message_en);
            lines.push(Line::styled(fit(&format!("  {mark} {message}"), width), style));
        }
    }
    Block { lines, editor_line }
}

/// For a negotiable term, the playbook's view: which position the draft takes, and a line
/// for each other position saying what it gives or costs (the payment plan has two terms,
/// its prepayment and its retention).
fn positions<'a>(app: &'a App, item: &Item, width: usize) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    for clause in playbook::clauses_of(item.field.path) {
        let taken = clause.taken_by(&app.draft);
        let value = clause.value_in(&app.draft).map(|v| clause.shown(&v)).unwrap_or_default();
        let head = match taken.as_slice() {
            [] if value.is_empty() => format!("⚖ {}：尚未填写", clause.title),
            [] => format!("⚖ {}：本稿自定（{value}），不同于谈判手册的三种立场", clause.title),
            sides => {
                let names: Vec<&str> = sides.iter().map(|s| s.label_zh()).collect();
                format!("⚖ {}：本稿取{}立场（{value}）", clause.title, names.join("、"))
            }
        };
        lines.push(Line::styled(fit(&format!("  {head}"), width), app.theme.info));
        for side in Side::ALL.into_iter().filter(|s| !taken.contains(s)) {
            let position = clause.position(side);
            let text = format!("    {} {}：{}", side.label_zh(), clause.shown(&position.value), position.note);
            lines.push(Line::styled(fit(&text, width), app.theme.muted));
        }
    }
    lines
}

/// The live extra under a typed value: the amount in capitals, the weekday, the range.
fn extra(app: &App, item: &Item) -> Option<String> {
    let raw = app.editor.as_ref().map(super::super::editor::Editor::value)?;
    if raw.trim().is_empty() {
        return None;
    }
    // Shown as it will be stored: 32万 reads ¥320,000.00 as it is typed.
    let raw = values::canonical_input(item.field.kind, &raw).unwrap_or(raw);
    Some(match values::parse(item.field.kind, &raw) {
        Ok(Typed::Money(amount)) => {
            format!("{}  {}", money::figures(amount), money::words::to_words(amount).unwrap_or_default())
        }
        Ok(Typed::Date(date)) => format!("{}  {}", values::chinese_date(date), values::weekday_in(date, app.lang)),
        Ok(Typed::Decimal(number)) if matches!(item.field.kind, Kind::Rate) => {
            format!("{number}{}", app.lang.pick("‰ / 日", "‰ a day"))
        }
        Ok(Typed::Decimal(number)) => format!("{number}%"),
        Ok(_) => return None,
        Err(problem) => format!("✗ {}", app.lang.pick(&problem.zh, &problem.en)),
    })
}

/// How a field's value reads when it is not being edited.
fn value_lines<'a>(app: &'a App, item: &Item, width: usize) -> Vec<Line<'a>> {
    let theme = &app.theme;
    let empty = || vec![Line::styled(app.lang.pick("（未填写）", "(empty)").to_string(), theme.muted)];
    match item.field.kind {
        Kind::Bool => match app.draft.flag(&item.path) {
            Some(true) => vec![Line::raw(app.lang.pick("[x] 是", "[x] yes").to_string())],
            Some(false) => vec![Line::raw(app.lang.pick("[ ] 否", "[ ] no").to_string())],
            None => empty(),
        },
        Kind::Choice(_) => match app.draft.text(&item.path) {
            Some(id) => {
                let label =
                    item.field.choice_label(id).map_or_else(|| clean(id), |l| app.lang.pick(l.zh, l.en).to_string());
                vec![Line::raw(fit(&format!("‹ {label} ›"), width))]
            }
            // An unanswered choice still looks like one, so it reads as something to pick.
            None => vec![Line::styled(app.lang.pick("‹ 请选择 ›", "‹ choose ›").to_string(), theme.muted)],
        },
        Kind::List(_) => list_summary(app, item, width),
        _ => match app.draft.raw(&item.path).filter(|s| !s.trim().is_empty()) {
            Some(raw) => {
                let shown = match values::parse(item.field.kind, raw) {
                    Ok(Typed::Money(amount)) => {
                        format!("{}  {}", money::figures(amount), money::words::to_words(amount).unwrap_or_default())
                    }
                    Ok(Typed::Date(date)) => format!("{raw}  {}", values::weekday_in(date, app.lang)),
                    _ => first_line(raw),
                };
                vec![Line::raw(fit(&shown, width))]
            }
            None => empty(),
        },
    }
}

/// A list field when closed: its rows, one line each, and for milestones the sum.
fn list_summary<'a>(app: &'a App, item: &Item, width: usize) -> Vec<Line<'a>> {
    let rows = app.draft.rows(&item.path);
    let mut lines: Vec<Line<'_>> = Vec::new();
    if rows.is_empty() {
        lines.push(Line::styled(
            app.lang.pick("（无，按 Enter 添加）", "(none; Enter to add)").to_string(),
            app.theme.muted,
        ));
    }
    let amounts = (item.path == "payment.milestones").then(|| derived::milestone_amounts(&app.draft));
    for (index, row) in rows.iter().enumerate().take(6) {
        lines.push(Line::raw(fit(&row_summary(item.field, row, index, amounts.as_deref()), width)));
    }
    if rows.len() > 6 {
        lines.push(Line::styled(
            app.lang
                .pick(
                    &format!("……还有{}行（共{}行），Enter 查看全部", rows.len() - 6, rows.len()),
                    &format!("… {} more ({} rows), Enter shows them all", rows.len() - 6, rows.len()),
                )
                .to_string(),
            app.theme.muted,
        ));
    }
    if amounts.is_some() {
        let sum: rust_decimal::Decimal = derived::milestone_percents(&app.draft).into_iter().flatten().sum();
        let style = if sum == rust_decimal::Decimal::ONE_HUNDRED { app.theme.ok } else { app.theme.error };
        lines.push(Line::styled(format!("{} {}% / 100%", app.lang.pick("合计", "Total"), sum.normalize()), style));
    }
    lines
}

/// One row in a line: its text columns joined, with a milestone's amount.
pub(super) fn row_summary(
    field: &Field,
    row: &Value,
    index: usize,
    amounts: Option<&[Option<rust_decimal::Decimal>]>,
) -> String {
    let columns = field.list().map_or(&[][..], |l| l.columns);
    let mut parts = Vec::new();
    for column in columns.iter().filter(|c| !matches!(c.kind, Kind::Long)) {
        match row.get(column.path) {
            Some(Value::String(text)) if !text.trim().is_empty() => {
                parts.push(match values::parse(column.kind, text) {
                    Ok(Typed::Money(amount)) => money::figures(amount),
                    Ok(Typed::Decimal(number)) => format!("{number}%"),
                    Ok(Typed::Int(days)) if column.path.ends_with("days") => format!("{days}日"),
                    Ok(Typed::Choice(id)) => column.choice_label(&id).map_or(id, |l| l.zh.to_string()),
                    _ => first_line(text),
                });
            }
            Some(Value::Bool(true)) => parts.push(column.label.zh.to_string()),
            _ => {}
        }
    }
    if let Some(Some(amount)) = amounts.and_then(|a| a.get(index)) {
        parts.push(money::figures(*amount));
    }
    let text = parts.join(" · ");
    format!("{}. {}", index + 1, if display_width(&text) == 0 { "—".to_string() } else { text })
}

/// An open list: every row, the selected one highlighted.
fn rows(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let Some(RowsEditor { field, selected, .. }) = &app.rows else { return };
    let width = usize::from(area.width);
    let mut lines = vec![
        Line::styled(label(app, field), app.theme.label),
        Line::styled(fit(app.lang.pick(field.help.zh, field.help.en), width), app.theme.muted),
        Line::default(),
    ];
    let list = app.draft.rows(field.path);
    let amounts = (field.path == "payment.milestones").then(|| derived::milestone_amounts(&app.draft));
    if list.is_empty() {
        lines.push(Line::styled(
            app.lang.pick("（无行，按 a 添加）", "(no rows; a to add)").to_string(),
            app.theme.muted,
        ));
    }
    let available = usize::from(area.height).saturating_sub(5);
    let top = selected.saturating_sub(available.saturating_sub(1));
    for (index, row) in list.iter().enumerate().skip(top).take(available) {
        let text = fit(&row_summary(field, row, index, amounts.as_deref()), width);
        let style = if index == *selected { app.theme.selected } else { app.theme.value };
        lines.push(Line::styled(text, style));
    }
    if amounts.is_some() {
        let sum: rust_decimal::Decimal = derived::milestone_percents(&app.draft).into_iter().flatten().sum();
        lines.push(Line::default());
        let style = if sum == rust_decimal::Decimal::ONE_HUNDRED { app.theme.ok } else { app.theme.error };
        lines.push(Line::styled(format!("{} {}% / 100%", app.lang.pick("比例合计", "Total"), sum.normalize()), style));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

#[cfg(test)]
mod tests {
    use super::scroll_top;

    #[test]
    fn the_focus_keeps_what_comes_next_in_view() {
        // A 24-line pane over 100 lines: a field at lines 50..53 leaves 8 lines below it.
        assert_eq!(scroll_top(50, 3, 100, 24), 37);
        // Near the top nothing scrolls; near the end the pane stops at the last line.
        assert_eq!(scroll_top(2, 3, 100, 24), 0);
        assert_eq!(scroll_top(97, 3, 100, 24), 76);
        // A field taller than the pane shows its first line.
        assert_eq!(scroll_top(40, 30, 100, 24), 40);
    }
}
