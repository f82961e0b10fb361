//! Benchmarks of the wizard's hot path: one key press (update) and one frame (draw) at
//! 120×40 on a draft with 1,000 module rows and 200 milestones. `cargo bench --bench wizard`.

#![allow(clippy::expect_used, clippy::unwrap_used)] // benchmarks fail loudly by design

#[path = "support/large.rs"]
mod large;
#[path = "../support/pty_session.rs"]
#[allow(dead_code)] // shared with the end-to-end tests, which use more of it
mod pty_session;

use std::path::PathBuf;

use crm_contract::i18n::Lang;
use crm_contract::wizard::action::Action;
use crm_contract::wizard::action::Report;
use crm_contract::wizard::app::App;
use crm_contract::wizard::ui;
use crm_contract::wizard::update::{catch_up, report, update};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    divan::main();
}

/// The large draft, open on the price step (milestones on screen) with the focus on a
/// text field.
fn app_on(step: usize) -> App {
    let mut app = App::new(large::large(1_000, 200), PathBuf::from("bench.json"), Lang::Zh);
    for _ in 0..step {
        update(&mut app, &Action::NextStep);
    }
    app
}

/// The 120×40 screen the budget names.
fn screen() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(120, 40)).expect("terminal")
}

fn key(c: char) -> Action {
    Action::Edit(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

/// Types a character on odd presses and deletes it on even ones, so the value stays the same size.
fn type_or_delete(press: u32) -> Action {
    if press.is_multiple_of(2) {
        Action::Edit(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE))
    } else {
        key('甲')
    }
}

/// Typing one character into a field and the frame after it: the whole key → screen path.
#[divan::bench(args = [1, 3], sample_count = 100)]
fn keypress_and_frame(bencher: divan::Bencher<'_, '_>, step: usize) {
    let mut app = app_on(step);
    let mut terminal = screen();
    let mut typed = 0u32;
    bencher.bench_local(|| {
        typed += 1;
        update(&mut app, &type_or_delete(typed));
        terminal
            .draw(|frame| {
                ui::draw(frame, &app);
            })
            .expect("draws");
    });
}

/// Moving to the next field and the frame after it. The checks this makes due run after
/// the frame, once no key is waiting (`checks_when_idle`).
#[divan::bench(sample_count = 100)]
fn next_field(bencher: divan::Bencher<'_, '_>) {
    let mut app = app_on(3);
    let mut terminal = screen();
    bencher.bench_local(|| {
        update(&mut app, &Action::NextField);
        terminal
            .draw(|frame| {
                ui::draw(frame, &app);
            })
            .expect("draws");
    });
}

/// The deferred checks the event loop runs when no key is waiting, and the frame after.
#[divan::bench(sample_count = 50)]
fn checks_when_idle(bencher: divan::Bencher<'_, '_>) {
    let mut app = app_on(3);
    let mut terminal = screen();
    bencher.bench_local(|| {
        app.findings_stale = true;
        catch_up(&mut app);
        terminal
            .draw(|frame| {
                ui::draw(frame, &app);
            })
            .expect("draws");
    });
}

/// A key on a 100,000-row draft while its checks (a quarter of a second) run on their own
/// thread: the key, handing the checks a snapshot, and the frame. An edit while the
/// checking thread holds the snapshot copies the draft first, which this includes.
#[divan::bench(sample_count = 20)]
fn key_on_100000_rows_with_checks_running(bencher: divan::Bencher<'_, '_>) {
    let mut app = App::new(large::large(100_000, 3), PathBuf::from("bench.json"), Lang::Zh);
    let mut runtime = crm_contract::wizard::effects::Runtime::default();
    // The first run is timed here and found slow: from then on the checks run on their thread.
    app.findings_stale = true;
    runtime.catch_up(&mut app);
    let mut terminal = screen();
    let mut typed = 0u32;
    bencher.bench_local(|| {
        typed += 1;
        update(&mut app, &type_or_delete(typed));
        app.findings_stale = true;
        runtime.catch_up(&mut app);
        terminal
            .draw(|frame| {
                ui::draw(frame, &app);
            })
            .expect("draws");
        runtime.tick(&mut app);
    });
}

/// Moving down the open list of 1,000 module rows and the frame after it.
#[divan::bench(sample_count = 100)]
fn list_row_and_frame(bencher: divan::Bencher<'_, '_>) {
    let mut app = app_on(1);
    while app.focused().is_some_and(|item| item.path != "system.modules") {
        update(&mut app, &Action::NextField);
    }
    update(&mut app, &Action::Confirm);
    assert!(app.rows.is_some(), "the module list is open");
    let mut terminal = screen();
    bencher.bench_local(|| {
        update(&mut app, &Action::NextField);
        terminal
            .draw(|frame| {
                ui::draw(frame, &app);
            })
            .expect("draws");
    });
}

/// Drawing a frame with nothing changed.
#[divan::bench(sample_count = 50)]
fn frame(bencher: divan::Bencher<'_, '_>) {
    let app = app_on(3);
    let mut terminal = screen();
    bencher.bench_local(|| {
        terminal
            .draw(|frame| {
                ui::draw(frame, &app);
            })
            .expect("draws")
            .area
    });
}

/// Paging through the review's 合同预览 tab on the example: the key and the frame after it.
/// The contract is laid out once by `update` (after the first frame reported its width); a
/// page draws only the lines it shows.
#[divan::bench(sample_count = 50)]
fn contract_tab_frame(bencher: divan::Bencher<'_, '_>) {
    let mut app = App::new(large::example(), PathBuf::from("bench.json"), Lang::Zh);
    while !app.on_review() {
        update(&mut app, &Action::NextStep);
    }
    crm_contract::wizard::effects::Runtime::default().tick(&mut app);
    let mut terminal = screen();
    // Tab through the review's pages (问题, 签约前准备, 合同预览) until the contract shows,
    // reporting each frame's viewport as the event loop does (which lays the contract out).
    let shows_the_contract = (0..4).any(|_| {
        update(&mut app, &Action::NextTab);
        let mut viewport = app.viewport;
        terminal.draw(|frame| viewport = ui::draw(frame, &app)).expect("draws");
        if viewport != app.viewport {
            report(&mut app, Report::Drawn(viewport));
        }
        // A wide character's second cell reads as a space: compare without them.
        let shown: String = terminal.backend().buffer().content().iter().map(ratatui::buffer::Cell::symbol).collect();
        shown.replace(' ', "").contains("甲方（采购方）")
    });
    assert!(shows_the_contract, "the contract tab shows the contract");
    let mut page = 0u32;
    bencher.bench_local(|| {
        page += 1;
        update(&mut app, if page.is_multiple_of(2) { &Action::PageUp } else { &Action::PageDown });
        terminal
            .draw(|frame| {
                ui::draw(frame, &app);
            })
            .expect("draws")
            .area
    });
}

/// The real program from launch to its first frame in a terminal (a pseudo-terminal),
/// opening the example: process start, terminal setup, loading, checks and the first draw.
/// The session is killed outside the measurement.
#[divan::bench(sample_count = 30)]
fn process_start_to_first_frame(bencher: divan::Bencher<'_, '_>) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("d.json"), include_str!("../../assets/example-draft.json")).expect("writes");
    bencher.bench_local(|| {
        let session = pty_session::Session::start(dir.path(), &["open", "d.json"]);
        session.wait_for_polling("争议解决", std::time::Duration::from_micros(200));
        session
    });
}

/// From nothing to the first frame: building the app on the example and drawing.
#[divan::bench(sample_count = 50)]
fn start_to_first_frame() {
    let app = App::new(large::example(), PathBuf::from("bench.json"), Lang::Zh);
    let mut terminal = screen();
    terminal
        .draw(|frame| {
            ui::draw(frame, &app);
        })
        .expect("draws");
}
