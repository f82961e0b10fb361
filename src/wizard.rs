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

use std::io::IsTerminal;
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
    run(with_guards(App::new(draft, file.to_path_buf(), lang)))
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
    run(with_guards(App::new(draft, file.to_path_buf(), lang)))
}

/// Opens a draft safely: asks when another wizard holds it, takes the lock otherwise, and
/// offers a crash's recovery file.
pub fn with_guards(mut app: App) -> App {
    match draft::lock::state(&app.file) {
        draft::lock::LockState::HeldBy(pid) => app.modal = app::Modal::Confirm(app::Question::Locked(pid)),
        draft::lock::LockState::Free => {
            if let Err(error) = draft::lock::acquire(&app.file) {
                app.status = Some(app::Status {
                    text: format!("{}: {error}", draft::lock::lock_path(&app.file).display()),
                    is_error: true,
                });
            }
            if draft::sibling(&app.file, "recovery").exists() {
                app.modal = app::Modal::Confirm(app::Question::Recover);
            }
        }
    }
    app
}

/// After a crash: writes the draft in memory next to the draft file (or, if that folder
/// refuses, into the data directory) and says where.
pub fn rescue(app: &App) -> Vec<String> {
    if app.file.as_os_str().is_empty() {
        return Vec::new();
    }
    let json = app.draft.to_json();
    let next_to = draft::sibling(&app.file, "recovery");
    let fallback = dirs::data_dir().map(|d| d.join("crm-contract").join("recovery.json"));
    for target in std::iter::once(next_to).chain(fallback) {
        if let Some(folder) = target.parent().filter(|f| !f.as_os_str().is_empty()) {
            let _ = std::fs::create_dir_all(folder);
        }
        if draft::write_atomic(&target, json.as_bytes()).is_ok() {
            return vec![format!(
                "error: your draft was saved to {}; `crm-contract open {}` offers to recover it",
                target.display(),
                app.file.display()
            )];
        }
    }
    vec!["error: the draft could not be saved anywhere".to_string()]
}

/// Runs the wizard in the terminal and restores it on every way out, panics included
/// (ratatui's hook restores before the panic message is printed).
fn run(mut app: App) -> Result<(), Failure> {
    let mut terminal = ratatui::init();
    // Replace the default report (and its backtrace) by one `error:` line, after the
    // terminal is restored; the draft is rescued below once the panic is caught.
    std::panic::set_hook(Box::new(|info| {
        ratatui::restore();
        let _ = execute!(std::io::stdout(), DisableBracketedPaste);
        let place = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        eprintln!("error: internal error{place}: {message}");
    }));
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    // A bug must not cost the user their afternoon: on a panic the terminal is restored
    // (ratatui's hook) and the draft in memory is written to a recovery file.
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| event_loop(&mut terminal, &mut app)));
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    let Ok(outcome) = outcome else {
        draft::lock::release(&app.file);
        let lines = rescue(&app).into_iter().map(|l| l.trim_start_matches("error: ").to_string()).collect();
        return Err(Failure { code: 2, lines });
    };
    let messages = outcome.map_err(|e| Failure::cannot_run(format!("terminal: {e}")))?;
    for message in messages {
        eprintln!("{message}");
    }
    Ok(())
}

/// Ends the process when the terminal is gone but the loop cannot notice: crossterm's
/// reader spins on a hung-up terminal without returning (reads give 0 bytes forever). The
/// saving thread's last write is given time to finish; at most the last 2 seconds of typing
/// (not yet autosaved) are lost, as after a kill.
struct Watchdog {
    done: Arc<AtomicBool>,
}

impl Watchdog {
    fn start(stop: Arc<AtomicBool>) -> Watchdog {
        let done = Arc::new(AtomicBool::new(false));
        let finished = Arc::clone(&done);
        std::thread::spawn(move || {
            let mut hung_up_since: Option<std::time::Instant> = None;
            while !finished.load(Ordering::Relaxed) {
                std::thread::sleep(SIGNAL_CHECK);
                let gone = stop.load(Ordering::Relaxed) || !std::io::stdin().is_terminal();
                match (gone, hung_up_since) {
                    (false, _) => hung_up_since = None,
                    (true, None) => hung_up_since = Some(std::time::Instant::now()),
                    (true, Some(since))
                        if since.elapsed() > Duration::from_secs(2) && !finished.load(Ordering::Relaxed) =>
                    {
                        std::process::exit(0);
                    }
                    (true, Some(_)) => {}
                }
            }
        });
        Watchdog { done }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.done.store(true, Ordering::Relaxed);
    }
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
fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App) -> std::io::Result<Vec<String>> {
    let app = &mut *app;
    let mut runtime = Runtime::new();
    let stop = stop_signals();
    let _watchdog = Watchdog::start(Arc::clone(&stop));
    while !app.quit {
        // SIGTERM, SIGHUP (the SSH session dropped) or SIGINT, or a terminal that hung up
        // without a signal reaching us (reads then return at once and the loop would
        // spin): save and leave cleanly.
        if stop.load(Ordering::Relaxed) || !std::io::stdin().is_terminal() {
            break;
        }
        crash_for_tests();
        terminal.draw(|frame| ui::draw(frame, app))?;
        // Checks that are due run only once no key is waiting: the frame for a key comes
        // first, and a burst of keys (typing, pasting) pays for the checks once.
        let wait = if app.findings_stale {
            Duration::ZERO
        } else {
            runtime.next_deadline().unwrap_or(SIGNAL_CHECK).min(SIGNAL_CHECK)
        };
        if event::poll(wait)? {
            let action = match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => keymap::resolve(&app.contexts(), &key),
                Event::Paste(text) => Some(action::Action::Paste(text)),
                _ => None,
            };
            if let Some(action) = action {
                app.status = None;
                let before = app.edits;
                let effects = update::update(app, &action);
                if app.edits != before {
                    runtime.edited();
                }
                for effect in effects {
                    runtime.apply(app, effect);
                }
            }
        } else {
            update::catch_up(app);
        }
        runtime.tick(app);
    }
    Ok(runtime.finish(app))
}

/// Lets the end-to-end tests prove the crash path: with `CRM_CONTRACT_TEST_PANIC_AFTER`
/// set to N, the loop panics on its Nth pass (a pass is one event or timer). Never set in use.
fn crash_for_tests() {
    static COUNT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    if let Some(limit) = std::env::var("CRM_CONTRACT_TEST_PANIC_AFTER").ok().and_then(|v| v.parse::<u64>().ok())
        && COUNT.fetch_add(1, Ordering::Relaxed) >= limit
    {
        #[allow(clippy::panic)] // the point of this hook: prove the crash path end to end
        std::panic::panic_any("crash requested by CRM_CONTRACT_TEST_PANIC_AFTER");
    }
}
