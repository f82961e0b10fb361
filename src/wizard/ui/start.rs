//! The start screen: new draft, start from the example, or a recent draft with its title,
//! parties and last change.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

use super::text::{clean, fit};
use crate::wizard::app::App;
use crate::wizard::keymap;
use crate::wizard::start::{StartChoice, StartScreen};

pub(super) fn draw(frame: &mut Frame<'_>, app: &App, start: &StartScreen, area: Rect) {
    let width = usize::from(area.width.saturating_sub(4));
    let mut lines = vec![
        Line::styled(app.lang.pick("新型CRM平台系统合同 · 起草向导", "CRM platform contract wizard"), app.theme.label),
        Line::styled(
            app.lang.pick(
                "逐步起草、随时保存、按律师的方式审查，然后导出。",
                "Draft step by step, save any time, review like a lawyer, export.",
            ),
            app.theme.muted,
        ),
        Line::default(),
    ];
    let header = lines.len();
    let mut selected_line = header;
    for (index, choice) in start.choices.iter().enumerate() {
        let style = if index == start.selected { app.theme.selected } else { app.theme.value };
        let text = match choice {
            StartChoice::New => app.lang.pick("＋ 新建草稿", "+ New draft").to_string(),
            StartChoice::Example => app
                .lang
                .pick("＋ 从示例开始（小型电商企业采购CRM）", "+ Start from the example (a small e-commerce shop)")
                .to_string(),
            StartChoice::Create { path, .. } => format!("＋ {}", clean(&path.display().to_string())),
            StartChoice::Recovery(found) => {
                format!("  {}", clean(&found.draft.display().to_string()))
            }
            StartChoice::Recent(recent) => {
                let when = recent.modified.map(ago).unwrap_or_default();
                let path = clean(&recent.path.display().to_string());
                format!("  {} · {} · {path} · {when}", clean(&recent.title), clean(&recent.parties))
            }
        };
        let heading = match (choice, index.checked_sub(1).and_then(|i| start.choices.get(i))) {
            (StartChoice::Recovery(_), Some(StartChoice::Recovery(_)))
            | (StartChoice::Recent(_), Some(StartChoice::Recent(_))) => None,
            (StartChoice::Recovery(_), _) => Some((
                app.lang.pick(
                    "未保存的工作（保存失败或异常退出时留下的恢复文件）",
                    "Unsaved work (recovery files from a failed save or a crash)",
                ),
                app.theme.warning,
            )),
            (StartChoice::Recent(_), _) => Some((app.lang.pick("最近的草稿", "Recent drafts"), app.theme.muted)),
            _ => None,
        };
        if let Some((heading, style)) = heading {
            lines.push(Line::default());
            lines.push(Line::styled(heading, style));
        }
        if index == start.selected {
            selected_line = lines.len();
        }
        lines.push(Line::styled(fit(&text, width), style));
    }
    // A long list (many recent drafts, recovery files) scrolls under the header, keeping the
    // selected line in view and the keys at the bottom.
    let room = usize::from(area.height.saturating_sub(2)).saturating_sub(header + 3);
    let first = (selected_line + 1).saturating_sub(header + room);
    if first > 0 || lines.len() - header > room {
        let list: Vec<Line<'_>> = lines.drain(header..).skip(first).take(room).collect();
        lines.extend(list);
    }
    lines.push(Line::default());
    if let Some((example, name)) = &start.naming {
        let question = if *example {
            app.lang
                .pick("示例草稿保存为（相对当前文件夹，可改名）：", "Save the example as (relative to this folder):")
        } else {
            app.lang
                .pick("新草稿保存为（相对当前文件夹，可改名）：", "Save the new draft as (relative to this folder):")
        };
        lines.push(Line::styled(question, app.theme.label));
        let row = area.y + 1 + u16::try_from(lines.len()).unwrap_or(0);
        lines.push(Line::default());
        lines.push(Line::default());
        let input = Rect { x: area.x + 3, y: row, width: area.width.saturating_sub(6), height: 1 };
        let hints: Vec<String> =
            keymap::hints(&app.contexts(), app.lang).into_iter().map(|(k, d)| format!("{k} {d}")).collect();
        lines.push(Line::styled(hints.join("  "), app.theme.muted));
        let block = Block::default().borders(Borders::ALL).border_style(app.theme.border);
        frame.render_widget(Paragraph::new(lines).block(block), area);
        frame.render_widget(name.widget(), input);
        frame.set_cursor_position(name.caret(input));
        return;
    }
    if let Some(problem) = &start.problem {
        lines.push(Line::styled(fit(problem, width), app.theme.error));
    }
    let hints: Vec<String> =
        keymap::hints(&app.contexts(), app.lang).into_iter().map(|(k, d)| format!("{k} {d}")).collect();
    lines.push(Line::styled(hints.join("  "), app.theme.muted));
    let block = Block::default().borders(Borders::ALL).border_style(app.theme.border);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// "3 分钟前"-style age of a file.
fn ago(time: std::time::SystemTime) -> String {
    let seconds = time.elapsed().map_or(0, |d| d.as_secs());
    match seconds {
        0..=59 => "刚刚".to_string(),
        60..=3599 => format!("{}分钟前", seconds / 60),
        3600..=86_399 => format!("{}小时前", seconds / 3600),
        _ => format!("{}天前", seconds / 86_400),
    }
}
