//! The interactive wizard: entry points for `crm-contract`, `new` and `open`, the
//! terminal's setup and restoration, and the event loop that ties keys → actions →
//! `update` → effects → `draw` together.

pub mod action;
pub mod app;
pub mod editor;
pub mod effects;
pub mod history;
pub mod jump;
pub mod keymap;
pub mod keys;
pub mod outputs;
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

use std::sync::mpsc::{Receiver, RecvTimeoutError};

use crate::commands::Failure;
use crate::draft::session::Writer;
use crate::draft::{self, Draft};
use crate::i18n::Lang;
use app::{App, Screen};
use effects::Runtime;

/// `crm-contract` alone: the start screen.
pub fn start_screen(lang: Lang) -> Result<(), Failure> {
    require_terminal(lang)?;
    let recent = recent::describe(&recent::load());
    let folder = std::env::current_dir().unwrap_or_else(|_| std::path::PathBuf::from("."));
    // Offered relative to where the user is, as they would type it.
    let offer = |stem: &str| {
        let free = start::free_name(&folder, stem);
        free.strip_prefix(&folder).map(Path::to_path_buf).unwrap_or(free)
    };
    let suggested = (offer("crm-contract-draft"), offer("crm-contract-example"));
    run(App::start(start::StartScreen::new(recent, draft::recovery::list(), suggested), lang), None)
}

/// A draft that cannot be opened, said in both interface languages.
fn cannot_load(file: &Path, error: &draft::LoadError) -> Failure {
    let shown = file.display();
    Failure::cannot_run(crate::commands::Said::new(format!("{shown}：{}", error.zh()), format!("{shown}: {error}")))
}

/// `crm-contract new FILE`: a new draft with the seed's defaults, saved at once so the
/// file is claimed; an existing file is never replaced unless `force` (its content then
/// goes to `FILE.bak`).
pub fn new_draft(file: &Path, force: bool, lang: Lang) -> Result<(), Failure> {
    let exists = std::fs::symlink_metadata(file).is_ok();
    if exists && !force {
        return Err(Failure::cannot_run(format!(
            "{}: {}",
            file.display(),
            lang.pick(
                &format!(
                    "文件已存在；继续编辑请用 `crm-contract open {0}`，确要新建并替换请加 --force",
                    file.display()
                ),
                &format!(
                    "already exists; open it with `crm-contract open {0}`, or add --force to replace it",
                    file.display()
                ),
            )
        )));
    }
    // Before anything is created: without a terminal there is no wizard to edit it.
    require_terminal(lang)?;
    let created = if exists {
        draft::session::replace(file, new_with_wizard_state())
    } else {
        draft::session::create(file, new_with_wizard_state())
    };
    let opened = created.map_err(|e| {
        let shown = file.display();
        Failure::cannot_run(crate::commands::Said::new(
            format!("{shown}：{}", crate::i18n::io_zh(&e)),
            format!("{shown}: {e}"),
        ))
    })?;
    recent::remember(file);
    let (app, writer) = enter(opened, file.to_path_buf(), lang);
    run(app, writer)
}

/// A new draft with the defaults and the wizard's state, so that no step counts as
/// started before the user opens it.
pub fn new_with_wizard_state() -> Draft {
    let mut draft = Draft::with_presets();
    let first = crate::schema::steps().next().map_or_else(String::new, |s| s.id.to_string());
    draft.set_resume(&draft::Resume { step: first, field: "parties.buyer.name".into(), visited: Vec::new() });
    draft
}

/// `crm-contract open FILE`: the wizard where the user left off. A draft whose file is
/// gone but whose recovery file is there comes back from it.
pub fn open_draft(file: &Path, lang: Lang) -> Result<(), Failure> {
    require_terminal(lang)?;
    let opened = match draft::session::open(file) {
        Ok(opened) => opened,
        Err(draft::LoadError::Io(error)) if error.kind() == std::io::ErrorKind::NotFound => {
            let Some(found) = draft::recovery::find(file) else {
                return Err(cannot_load(file, &draft::LoadError::Io(error)));
            };
            let folder = std::env::current_dir().unwrap_or_else(|_| std::path::PathBuf::from("."));
            let (path, opened) = open_recovery(&found, &folder).map_err(Failure::cannot_run)?;
            recent::remember(&path);
            let (app, writer) = enter(opened, path, lang);
            return run(app, writer);
        }
        Err(error) => return Err(cannot_load(file, &error)),
    };
    recent::remember(file);
    let (app, writer) = enter(opened, file.to_path_buf(), lang);
    run(app, writer)
}

/// The one way into a draft for every door (`new`, `open`, the start screen, recovery): the
/// wizard on an opened draft, asking when another wizard holds it and offering its recovery
/// file; with the writer when the lock is ours.
pub fn enter(opened: draft::session::Opened, file: std::path::PathBuf, lang: Lang) -> (App, Option<Writer>) {
    let draft::session::Opened { draft, access, recovery, restored_from } = opened;
    let mut app = App::new(draft, file, lang);
    let (access, writer) = match access {
        draft::session::Access::Write(ours) => (action::Access::Ours, Some(ours)),
        draft::session::Access::HeldBy(pid) => (action::Access::HeldBy(pid), None),
        draft::session::Access::Refused(reason) => (action::Access::Refused(reason), None),
    };
    update::report(&mut app, action::Report::Opened { restored_from, access, recovery });
    (app, writer)
}

/// Opens the draft a recovery file belongs to, with the recovery offered: its own file if
/// it is still there; a new file of that name if only the file is gone; a new file in
/// `folder` if its folder is gone too (nothing is ever made outside the draft's folder).
pub fn open_recovery(
    found: &draft::recovery::Found,
    folder: &Path,
) -> Result<(std::path::PathBuf, draft::session::Opened), String> {
    if found.draft.exists() {
        let mut opened = draft::session::open(&found.draft).map_err(|e| format!("{}: {e}", found.draft.display()))?;
        opened.recovery = Some(found.clone());
        return Ok((found.draft.clone(), opened));
    }
    let target = if draft::sidecar::folder_of(&found.draft).is_dir() {
        found.draft.clone()
    } else {
        start::free_name(folder, "crm-contract-recovered")
    };
    let recovered = draft::recovery::load(found)?;
    let mut opened = draft::session::create(&target, recovered).map_err(|e| format!("{}: {e}", target.display()))?;
    draft::recovery::discard(found);
    opened.restored_from = Some(found.file.clone());
    Ok((target, opened))
}

/// The wizard needs a terminal on both ends; a script or `ssh host crm-contract open x`
/// gets a clear error instead of a panic, and no file is created.
fn require_terminal(lang: Lang) -> Result<(), Failure> {
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        return Ok(());
    }
    Err(Failure::cannot_run(lang.pick(
        "向导需要在终端中运行（标准输入和输出都必须是终端）；脚本中请使用 check、export 等命令",
        "the wizard needs a terminal (standard input and output must both be one); in scripts use check, export and the other commands",
    )))
}

/// Runs the wizard in the terminal and restores it on every way out, panics included
/// (ratatui's hook restores before the panic message is printed).
fn run(mut app: App, writer: Option<Writer>) -> Result<(), Failure> {
    let mut terminal = ratatui::try_init().map_err(|e| Failure::cannot_run(format!("terminal: {e}")))?;
    // Replace the default report (and its backtrace) by one `error:` line, after the
    // terminal is restored; the draft is rescued below once the panic is caught.
    std::panic::set_hook(Box::new(|info| {
        let _ = ratatui::try_restore();
        let _ = execute!(std::io::stdout(), DisableBracketedPaste);
        let place = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        crate::commands::warn(&format!("error: internal error{place}: {message}"));
    }));
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    let mut runtime = Runtime::new(writer);
    // A bug must not cost the user their afternoon: on a panic the terminal is restored
    // (ratatui's hook) and the draft in memory is written to its recovery file.
    let outcome =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| event_loop(&mut terminal, &mut app, &mut runtime)));
    let Ok(outcome) = outcome else {
        update::flush_typing(&mut app);
        let lines = match (&app.screen, draft::recovery::write(&app.file, &app.draft)) {
            (Screen::Start(_), _) => Vec::new(),
            (Screen::Draft, Ok(target)) => vec![format!(
                "your draft was saved to {}; `crm-contract open {}` offers to recover it",
                target.display(),
                app.file.display()
            )],
            (Screen::Draft, Err(error)) => vec![format!("the draft could not be saved anywhere: {error}")],
        };
        drop(runtime);
        restore_terminal();
        return Err(Failure { code: 2, lines: lines.into_iter().map(Into::into).collect() });
    };
    // The draft is saved before the terminal is touched again: after a hang-up every
    // write to it fails, and nothing may stand between the user's work and the disk.
    let (messages, lost) = runtime.finish(&mut app);
    restore_terminal();
    for message in &messages {
        crate::commands::warn(&crate::terminal_text::quote(message));
    }
    if let Err(error) = outcome {
        crate::commands::warn(&format!("error: terminal: {}", crate::terminal_text::quote(&error.to_string())));
    }
    if lost { Err(Failure { code: 2, lines: Vec::new() }) } else { Ok(()) }
}

/// Leaves raw mode, the alternate screen and bracketed paste; a terminal that is gone
/// cannot be restored and needs no restoring.
fn restore_terminal() {
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    let _ = ratatui::try_restore();
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

/// Reads terminal events on a thread of their own. crossterm's reader spins without
/// returning once the terminal hangs up (reads give 0 bytes forever); with the reading on
/// its own thread, the loop still sees the hang-up, saves and leaves, as vim preserves its
/// files on a lost terminal.
fn spawn_reader() -> Receiver<std::io::Result<Event>> {
    let (events, received) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        loop {
            let event = event::read();
            let failed = event.is_err();
            if events.send(event).is_err() || failed {
                break;
            }
        }
    });
    received
}

/// Draw, wait for an event or a timer, update, carry out effects; until quit, a stop
/// signal or a terminal that went away. Returns an error when the terminal failed.
fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App, runtime: &mut Runtime) -> std::io::Result<()> {
    let stop = stop_signals();
    let events = spawn_reader();
    // One event read ahead of the one being handled, to tell a paste from typing.
    let mut ahead = None;
    while !app.quit {
        // SIGTERM, SIGHUP (the SSH session dropped) or SIGINT, or a terminal that hung up
        // without a signal reaching us: save and leave cleanly.
        if stop.load(Ordering::Relaxed) || !std::io::stdin().is_terminal() {
            break;
        }
        crash_for_tests();
        let mut viewport = app.viewport;
        terminal.draw(|frame| viewport = ui::draw(frame, app))?;
        if viewport != app.viewport {
            update::report(app, action::Report::Drawn(viewport));
        }
        // Checks that are due run only once no key is waiting: the frame for a key comes
        // first, and a burst of keys (typing, pasting) pays for the checks once.
        let wait = match (app.findings_stale, runtime.is_checking()) {
            (_, true) => effects::CHECKS_POLL,
            (true, false) => Duration::ZERO,
            (false, false) => runtime.next_deadline().unwrap_or(SIGNAL_CHECK).min(SIGNAL_CHECK),
        };
        let next = match ahead.take() {
            Some(event) => Ok(event),
            None => events.recv_timeout(wait),
        };
        match next {
            Ok(event) => {
                let action = match event? {
                    Event::Key(key) if key.kind != KeyEventKind::Release => {
                        // Is another key already waiting behind this one (a paste)?
                        ahead = events.try_recv().ok();
                        let waiting = matches!(&ahead, Some(Ok(Event::Key(_))));
                        Some(if waiting {
                            keymap::action_in_burst(&app.contexts(), &key)
                        } else {
                            keymap::action_for(&app.contexts(), &key)
                        })
                    }
                    Event::Paste(text) => Some(action::Action::Paste(text)),
                    _ => None,
                };
                if let Some(action) = action {
                    let before = app.edits;
                    let effects = update::update(app, &action);
                    if app.edits != before {
                        runtime.edited();
                    }
                    for effect in effects {
                        runtime.apply(app, effect);
                    }
                }
            }
            Err(RecvTimeoutError::Timeout) => runtime.catch_up(app),
            Err(RecvTimeoutError::Disconnected) => break,
        }
        runtime.tick(app);
    }
    Ok(())
}

/// Lets the end-to-end tests prove the crash path: with `CRM_CONTRACT_TEST_PANIC_AFTER`
/// set to N, the loop panics on its Nth pass (a pass is one event or timer). Only in debug
/// builds (the tests'): a release binary never crashes on request.
#[cfg(not(debug_assertions))]
fn crash_for_tests() {}

/// See the release version above.
#[cfg(debug_assertions)]
fn crash_for_tests() {
    static COUNT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    if let Some(limit) = std::env::var("CRM_CONTRACT_TEST_PANIC_AFTER").ok().and_then(|v| v.parse::<u64>().ok())
        && COUNT.fetch_add(1, Ordering::Relaxed) >= limit
    {
        #[allow(clippy::panic)] // the point of this hook: prove the crash path end to end
        std::panic::panic_any("crash requested by CRM_CONTRACT_TEST_PANIC_AFTER");
    }
}
