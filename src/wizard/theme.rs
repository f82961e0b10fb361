//! Colours and styles in one place. Only the 16 basic ANSI colours are used, so the wizard
//! reads on any terminal; with `NO_COLOR` set, only bold, reverse and underline remain.

use ratatui::style::{Color, Modifier, Style};

/// Every style the views use.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub title: Style,
    pub focused: Style,
    pub label: Style,
    pub value: Style,
    pub muted: Style,
    pub error: Style,
    pub warning: Style,
    pub info: Style,
    pub ok: Style,
    pub key: Style,
    pub selected: Style,
    pub border: Style,
}

impl Theme {
    /// The colour theme, or the monochrome one when `NO_COLOR` is set (no-color.org).
    pub fn detect() -> Theme {
        if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) { Theme::monochrome() } else { Theme::colour() }
    }

    pub fn colour() -> Theme {
        Theme {
            title: Style::new().fg(Color::Black).bg(Color::Cyan),
            focused: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            label: Style::new().add_modifier(Modifier::BOLD),
            value: Style::new(),
            muted: Style::new().fg(Color::DarkGray),
            error: Style::new().fg(Color::Red),
            warning: Style::new().fg(Color::Yellow),
            info: Style::new().fg(Color::Blue),
            ok: Style::new().fg(Color::Green),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            border: Style::new().fg(Color::DarkGray),
        }
    }

    pub fn monochrome() -> Theme {
        let plain = Style::new();
        Theme {
            title: plain.add_modifier(Modifier::REVERSED),
            focused: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            label: plain.add_modifier(Modifier::BOLD),
            value: plain,
            muted: plain,
            error: plain.add_modifier(Modifier::BOLD),
            warning: plain.add_modifier(Modifier::BOLD),
            info: plain,
            ok: plain,
            key: plain.add_modifier(Modifier::BOLD),
            selected: plain.add_modifier(Modifier::REVERSED),
            border: plain,
        }
    }
}
