//! The view: a pure function of the app state. It lays out the title bar, the step list,
//! the form (or the review), the optional preview and the footer, and puts the terminal
//! cursor at the caret. It never changes the state or touches the disk.

pub(crate) mod contract;
mod form;
mod popup;
mod review;
mod start;
mod steps;
mod text;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::app::{App, Extent, Modal, Screen, Viewport, Writing};
use super::keymap;
use crate::derived;
use crate::money;

pub use text::{display_width, fit};

/// The smallest terminal the wizard draws in.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;
/// From this width the preview stands beside the form instead of replacing it.
pub const SIDE_PREVIEW_WIDTH: u16 = 120;

/// Draws the whole screen; returns how much of each scrolling pane it showed, for the
/// event loop to report back to `update`.
pub fn draw(frame: &mut Frame<'_>, app: &App) -> Viewport {
    let area = frame.area();
    let mut viewport = Viewport::default();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, app, area);
        return viewport;
    }
    if let Screen::Start(start) = &app.screen {
        start::draw(frame, app, start, area);
        return viewport;
    }
    let [title, body, status, hints] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1), Constraint::Length(1)])
            .areas(area);
    title_bar(frame, app, title);
    let [step_list, main] =
        Layout::horizontal([Constraint::Length(steps::width(area.width)), Constraint::Min(1)]).areas(body);
    steps::draw(frame, app, step_list);
    if app.on_review() {
        viewport.review = review::draw(frame, app, main);
    } else if app.show_preview && area.width >= SIDE_PREVIEW_WIDTH {
        let [form_area, preview_area] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(main);
        form::draw(frame, app, form_area);
        viewport.preview = preview(frame, app, preview_area, Borders::LEFT);
    } else if app.show_preview {
        viewport.preview = preview(frame, app, main, Borders::NONE);
    } else {
        form::draw(frame, app, main);
    }
    status_line(frame, app, status);
    hint_bar(frame, app, hints);
    viewport.help = popup::draw(frame, app, area);
    viewport
}

fn too_small(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let message = app
        .lang
        .pick(
            &format!("请把终端放大到至少 {MIN_WIDTH}×{MIN_HEIGHT}（现在 {}×{}）", area.width, area.height),
            &format!(
                "Please enlarge the terminal to at least {MIN_WIDTH}×{MIN_HEIGHT} (now {}×{})",
                area.width, area.height
            ),
        )
        .to_string();
    frame.render_widget(Paragraph::new(message).wrap(Wrap { trim: true }).style(app.theme.warning), area);
}

fn title_bar(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let title = app.draft.text("meta.title").unwrap_or("新型CRM平台系统合同");
    let file = app.file.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
    let saved = match (app.writing, &app.save_error, app.is_dirty()) {
        (Writing::ReadOnly, _, _) => app.lang.pick("只读", "read-only"),
        (Writing::Lost(_), _, _) => app.lang.pick("已被接管 · 只读", "taken over · read-only"),
        (Writing::ChangedOnDisk, _, _) => app.lang.pick("● 文件已被修改，暂停保存", "● changed on disk, not saving"),
        (Writing::Yes, Some(_), true) => app.lang.pick("● 保存失败", "● save failed"),
        (Writing::Yes, _, true) => app.lang.pick("● 未保存", "● unsaved"),
        (Writing::Yes, _, false) => app.lang.pick("✓ 已保存", "✓ saved"),
    };
    let total = derived::total(&app.draft).map_or_else(|| "—".to_string(), money::figures);
    let right = format!("{}{total} ", app.lang.pick("合同总价 ", "Total "));
    let left = format!(" {} · {file} · {saved}", text::clean(title));
    let room = usize::from(area.width).saturating_sub(display_width(&right));
    let line = format!("{}{right}", text::pad(&fit(&left, room), room));
    frame.render_widget(Paragraph::new(line).style(app.theme.title), area);
}

fn status_line(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let width = usize::from(area.width);
    let line = match (&app.status, app.focused()) {
        (Some(status), _) => {
            Line::styled(fit(&status.text, width), if status.is_error { app.theme.error } else { app.theme.ok })
        }
        (None, Some(item)) if !app.on_review() && app.modal == Modal::None => {
            Line::styled(fit(app.lang.pick(item.field.help.zh, item.field.help.en), width), app.theme.muted)
        }
        _ => Line::default(),
    };
    frame.render_widget(Paragraph::new(line), area);
}

fn hint_bar(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let contexts = app.contexts();
    let hints = keymap::hints(&contexts, app.lang);
    let width_of = |(key, description): &(&str, &str)| display_width(key) + display_width(description) + 3;
    // The pinned hints (F1, Ctrl-Q) at the end always fit: the others give way first.
    let pinned = keymap::pinned_count(&contexts).min(hints.len());
    let (others, last) = hints.split_at(hints.len() - pinned);
    let mut room = usize::from(area.width).saturating_sub(last.iter().map(width_of).sum());
    let mut shown = Vec::new();
    for hint in others {
        let width = width_of(hint);
        if width > room {
            break;
        }
        room -= width;
        shown.push(hint);
    }
    let mut spans = Vec::new();
    for (key, description) in shown.into_iter().chain(last) {
        spans.push(Span::styled(format!(" {key}"), app.theme.key));
        spans.push(Span::raw(format!(" {description} ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The current step's clauses as the contract will print them, scrolled by page.
fn preview(frame: &mut Frame<'_>, app: &App, area: Rect, borders: Borders) -> Extent {
    let block = Block::default()
        .borders(borders)
        .border_style(app.theme.border)
        .title(app.lang.pick(" 预览（Ctrl-↓↑ 翻页） ", " Preview (Ctrl-↓↑ pages) "));
    let inner = block.inner(area);
    let width = usize::from(inner.width.saturating_sub(2));
    let (shown, total) = match (&app.preview.error, &app.preview.document, app.section()) {
        (Some(error), _, _) => (vec![Line::styled(error.clone(), app.theme.error)], 1),
        (None, Some(document), Some(section)) => {
            contract::window(app, document, Some(section.preview), width, (app.preview_scroll, inner.height))
        }
        _ => (vec![Line::styled(app.lang.pick("正在生成预览…", "rendering the preview…"), app.theme.muted)], 1),
    };
    frame.render_widget(Paragraph::new(shown).block(block), area);
    Extent { lines: total, height: inner.height, width }
}
