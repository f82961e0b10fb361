//! The step list: every step with its state (done, N errors, untouched) and the progress.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::text::{fit, pad};
use crate::schema;
use crate::wizard::app::{App, step_count};

/// Columns the step list takes beside a wide form.
const WIDE: u16 = 24;
/// Below this terminal width the list keeps only numbers and marks, so the form, its
/// rows and the findings have the room.
const NARROW_BELOW: u16 = 100;
/// "▶11 ✗16" and the border.
const NARROW: u16 = 9;

/// Columns the step list takes in a terminal `terminal_width` wide.
pub(super) fn width(terminal_width: u16) -> u16 {
    if terminal_width < NARROW_BELOW { NARROW } else { WIDE }
}

pub(super) fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let narrow = area.width < WIDE;
    let theme = &app.theme;
    let mut lines = Vec::new();
    let mut done = 0;
    for (index, section) in schema::steps().enumerate() {
        let current = index == app.step;
        // The step being filled in counts only the fields already left; the others all.
        let (errors, warnings) = app.step_counts(section, current);
        let (all_errors, _) = if current { app.step_counts(section, false) } else { (errors, warnings) };
        let started = app.step_started(index, section);
        let (mark, style) = if !started {
            ("·".to_string(), theme.muted)
        } else if errors == 0 && all_errors > 0 {
            ("…".to_string(), theme.muted)
        } else if errors > 0 {
            (format!("✗{errors}"), theme.error)
        } else if warnings > 0 {
            (format!("!{warnings}"), theme.warning)
        } else {
            done += 1;
            ("✓".to_string(), theme.ok)
        };
        let title = if narrow { "" } else { app.lang.pick(section.title.zh, section.title.en) };
        let name = format!("{}{:>2} {title}", if current { "▶" } else { " " }, index + 1);
        let name_width = usize::from(area.width.saturating_sub(1)).saturating_sub(4);
        let name_style = if current { theme.focused } else { theme.value };
        lines.push(Line::from(vec![
            Span::styled(pad(&fit(&name, name_width), name_width), name_style),
            Span::styled(format!("{mark:>3}"), style),
        ]));
    }
    let review = format!(
        "{}{:>2} {}",
        if app.on_review() { "▶" } else { " " },
        step_count() + 1,
        if narrow { "" } else { app.lang.pick("审阅与导出", "Review & export") }
    );
    lines.push(Line::styled(review, if app.on_review() { theme.focused } else { theme.value }));
    lines.push(Line::default());
    let progress = if narrow {
        format!(" {done}/{}", step_count())
    } else {
        format!(" {} {done}/{}", app.lang.pick("完成", "Done"), step_count())
    };
    lines.push(Line::styled(progress, theme.muted));
    let block = Block::default().borders(Borders::RIGHT).border_style(theme.border);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
