//! The interactive wizard: entry points for `crm-contract`, `new` and `open`, the
//! terminal's setup and restoration, and the event loop that ties keys → actions →
//! `update` → effects → `draw` together.

pub mod action;
pub mod app;
pub mod editor;
pub mod effects;
pub mod keymap;
pub mod recent;
pub mod start;
pub mod theme;
pub mod ui;
pub mod update;

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind};
use crossterm::execute;

use crate::commands::Failure;
use crate::draft::{self, Draft};
use crate::i18n::Lang;
use app::App;
use effects::Runtime;

/// `crm-contract` alone: the start screen.
pub fn start_screen(lang: Lang) -> Result<(), Failure> {
    let recent = recent::describe(&recent::load());
    run(App::start(start::StartScreen::new(recent), lang))
}

/// `crm-contract new FILE`: a new draft with the seed's defaults, saved at once so the
/// file is claimed; an existing file is never overwritten.
pub fn new_draft(file: &Path, lang: Lang) -> Result<(), Failure> {
    if file.exists() {
        return Err(Failure::cannot_run(format!(
            "{}: already exists; open it with `crm-contract open {}`",
            file.display(),
            file.display()
        )));
    }
    let draft = new_with_wizard_state();
    draft::save(file, &draft).map_err(|e| Failure::cannot_run(format!("{}: {e}", file.display())))?;
    recent::remember(file);
    run(App::new(draft, file.to_path_buf(), lang))
}

/// A new draft with the defaults and the wizard's state, so that no step counts as
/// started before the user opens it.
pub fn new_with_wizard_state() -> Draft {
    let mut draft = Draft::with_presets();
    let first = crate::schema::steps().next().map_or_else(String::new, |s| s.id.to_string());
    draft.set_resume(&draft::Resume { step: first, field: "parties.buyer.name".into(), visited: Vec::new() });
    draft
}

/// `crm-contract open FILE`: the wizard where the user left off.
pub fn open_draft(file: &Path, lang: Lang) -> Result<(), Failure> {
    let draft = crate::commands::load(file)?;
    recent::remember(file);
    run(App::new(draft, file.to_path_buf(), lang))
}

/// Runs the wizard in the terminal and restores it on every way out, panics included
/// (ratatui's hook restores before the panic message is printed).
fn run(app: App) -> Result<(), Failure> {
    let mut terminal = ratatui::init();
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    let outcome = event_loop(&mut terminal, app);
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    let messages = outcome.map_err(|e| Failure::cannot_run(format!("terminal: {e}")))?;
    for message in messages {
        eprintln!("{message}");
    }
    Ok(())
}

/// How often the loop looks at the stop flag while idle.
const SIGNAL_CHECK: Duration = Duration::from_millis(250);

/// A flag raised by SIGTERM, SIGHUP or SIGINT.
fn stop_signals() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP, signal_hook::consts::SIGINT] {
        // Registration only fails for forbidden signals; these three are allowed.
        let _ = signal_hook::flag::register(signal, Arc::clone(&flag));
    }
    flag
}

/// Draw, wait for an event or a timer, update, carry out effects; until quit. Returns the
/// messages to print once the terminal is restored.
fn event_loop(terminal: &mut ratatui::DefaultTerminal, mut app: App) -> std::io::Result<Vec<String>> {
    let mut runtime = Runtime::new();
    let stop = stop_signals();
    while !app.quit {
        if stop.load(Ordering::Relaxed) {
            // SIGTERM, SIGHUP (the SSH session dropped) or SIGINT: save and leave cleanly.
            break;
        }
        terminal.draw(|frame| ui::draw(frame, &app))?;
        let wait = runtime.next_deadline().unwrap_or(SIGNAL_CHECK).min(SIGNAL_CHECK);
        if event::poll(wait)? {
            let action = match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => keymap::resolve(&app.contexts(), &key),
                Event::Paste(text) => Some(action::Action::Paste(text)),
                _ => None,
            };
            if let Some(action) = action {
                app.status = None;
                let before = app.edits;
                let effects = update::update(&mut app, &action);
                if app.edits != before {
                    runtime.edited();
                }
                for effect in effects {
                    runtime.apply(&mut app, effect);
                }
            }
        }
        runtime.tick(&mut app);
    }
    Ok(runtime.finish(&mut app))
}
