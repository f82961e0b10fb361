//! Never lose a draft, never trust input: kills during saves, hostile files, a failing
//! disk, huge values.

#![allow(clippy::expect_used, clippy::unwrap_used)] // tests fail loudly by design

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use crm_contract::draft::Draft;
use crm_contract::i18n::Lang;
use crm_contract::wizard::action::Action;
use crm_contract::wizard::app::App;
use crm_contract::wizard::effects::Runtime;
use crm_contract::wizard::update::update;

const EXAMPLE: &str = include_str!("../assets/example-draft.json");

fn binary() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_crm-contract"));
    command.env_remove("LANG").env_remove("LC_ALL");
    command
}

/// SIGKILL at random instants while a draft is being written: what is on disk always
/// parses and is either the old or the new content.
#[test]
fn a_kill_during_a_save_leaves_the_old_or_the_new_draft() {
    kill_rounds(120);
}

/// The same over 1,000 rounds (about a minute):
/// `cargo test --test safety -- --ignored a_thousand_kills`.
#[test]
#[ignore = "long: 1,000 kills"]
fn a_thousand_kills_during_saves_leave_the_old_or_the_new_draft() {
    kill_rounds(1000);
}

fn kill_rounds(rounds: u64) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("d.json");
    let mut old = Draft::from_json(EXAMPLE).expect("loads");
    old.set("meta.contract_no", serde_json::json!("OLD-1"));
    let old = old.to_json();
    // How long one save takes here, start-up to exit, so the kills spread over all of it.
    let started = std::time::Instant::now();
    binary().args(["example", "-o"]).arg(dir.path().join("timing.json")).output().expect("runs");
    let life = u64::try_from(started.elapsed().as_micros()).unwrap_or(20_000).max(1_000) * 3 / 2;
    let mut outcomes = [0usize; 2];
    for round in 0..rounds {
        fs::write(&path, &old).expect("writes");
        let mut child = binary()
            .args(["example", "--force", "-o"])
            .arg(&path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawns");
        std::thread::sleep(Duration::from_micros((round * life) / rounds));
        let _ = child.kill();
        let _ = child.wait();
        let now = fs::read_to_string(&path).expect("the draft is still there");
        assert!(now == old || now == EXAMPLE, "round {round}: a half-written draft");
        assert!(Draft::from_json(&now).is_ok(), "round {round}: unparsable");
        outcomes[usize::from(now == EXAMPLE)] += 1;
    }
    // Which rounds ended old or new depends on the machine's load; every round was checked,
    // and the late kills came after the write.
    eprintln!("old, new: {outcomes:?}");
    assert!(outcomes[1] > 0, "no round ever wrote the new draft: the kills proved nothing");
}

/// Every hostile file: exit 2, a clear `error:` line, the file never modified.
#[test]
fn hostile_files_exit_2_and_are_never_modified() {
    let table: &[(&str, i32, &str)] = &[
        ("syntax.json", 2, "line 3, column 25: trailing comma"),
        ("truncated.json", 2, "line 1, column 56: EOF while parsing a string"),
        ("newer-version.json", 2, "schema_version 7 is newer than this program supports (1); update crm-contract"),
        ("no-version.json", 2, "schema_version is missing: this is not a crm-contract draft"),
        ("wrong-type.json", 2, "payment.milestones[0].percent: expected text, found an object"),
        ("wrong-bool.json", 2, "data.personal_info: expected true or false, found text"),
        ("list-not-array.json", 2, "system.modules: expected a list, found text"),
        ("invalid-utf8.json", 2, "not valid UTF-8 (first bad byte at offset 41)"),
        ("empty.json", 2, "the file is empty"),
        ("whitespace.json", 2, "the file is empty"),
        ("deep.json", 2, "line 1, column 636: recursion limit exceeded"),
        ("array.json", 2, "a draft must be a JSON object"),
        ("nul.json", 2, "line 1, column 22: trailing characters"),
        ("bom.json", 1, ""),
    ];
    let folder = Path::new("tests/fixtures/hostile");
    let mut seen: Vec<PathBuf> = fs::read_dir(folder).expect("folder").map(|e| e.expect("entry").path()).collect();
    seen.sort();
    assert_eq!(seen.len(), table.len(), "every hostile file has a row");
    for (name, code, message) in table {
        let path = folder.join(name);
        let before = fs::read(&path).expect("reads");
        for command in [&["check"][..], &["export", "-o", "-"], &["check", "--json"]] {
            // The English messages are the ones this table names (the Chinese ones are
            // tested in tests/cli.rs).
            let out = binary().arg("--lang").arg("en").args(command).arg(&path).output().expect("runs");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(*code), "{name} {command:?}: {stderr}");
            if !message.is_empty() {
                let expected = format!("error: {}: {message}", path.display());
                assert!(stderr.starts_with(&expected), "{name}: {stderr}");
            }
            assert!(!stderr.contains("panicked"), "{name}");
        }
        assert_eq!(fs::read(&path).expect("reads"), before, "{name} was modified");
    }
}

/// A folder that refuses saves (here: deleted while the wizard runs): the draft stays in
/// memory, the status says so, quitting asks, and saving elsewhere works.
#[test]
fn a_failing_disk_keeps_the_draft_and_offers_to_save_elsewhere() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("folder");
    fs::create_dir(&folder).expect("mkdir");
    let path = folder.join("d.json");
    fs::write(&path, EXAMPLE).expect("writes");
    let opened = crm_contract::draft::session::open(&path).expect("opens");
    let (mut app, writer) = crm_contract::wizard::enter(opened, path, Lang::Zh);
    let mut runtime = Runtime::new(writer);
    fs::remove_dir_all(&folder).expect("the folder goes away");
    update(&mut app, &Action::Paste("补充".into()));
    for effect in update(&mut app, &Action::Save) {
        runtime.apply(&mut app, effect);
    }
    let mut status = None;
    for _ in 0..100 {
        std::thread::sleep(Duration::from_millis(20));
        runtime.tick(&mut app);
        status = app.status.clone().filter(|s| s.is_error);
        if status.is_some() {
            break;
        }
    }
    let status = status.expect("an error status");
    assert!(status.text.starts_with("保存失败："), "{status:?}");
    assert!(status.text.contains("自动重试"), "says that it retries: {status:?}");
    assert!(app.is_dirty(), "the draft is still unsaved, in memory");
    update(&mut app, &Action::Quit);
    assert_eq!(
        app.modal,
        crm_contract::wizard::app::Modal::Confirm(crm_contract::wizard::app::Question::QuitUnsaved),
        "a failed save is unsaved work: quitting asks"
    );
    // Save elsewhere (F2), straight from the question.
    update(&mut app, &Action::SaveAs);
    for _ in 0..200 {
        update(
            &mut app,
            &Action::Edit(crossterm::event::KeyEvent::new(
                crossterm::event::KeyCode::Backspace,
                crossterm::event::KeyModifiers::NONE,
            )),
        );
    }
    let elsewhere = dir.path().join("elsewhere.json");
    update(&mut app, &Action::Paste(elsewhere.display().to_string()));
    for effect in update(&mut app, &Action::Confirm) {
        runtime.apply(&mut app, effect);
    }
    let (messages, lost) = runtime.finish(&mut app);
    assert!(messages.is_empty() && !lost, "{messages:?}");
    let saved = Draft::from_json(&fs::read_to_string(&elsewhere).expect("saved elsewhere")).expect("loads");
    assert_eq!(
        saved.text("parties.buyer.name"),
        Some("杭州悦购电子商务有限公司补充"),
        "pasted at the caret, at the end"
    );
    assert!(!dir.path().join("folder").exists(), "the deleted folder is never made again");
}

/// A 1 MiB paste goes in, draws, and exports with its controls made visible.
#[test]
fn a_one_mebibyte_paste_is_taken_and_drawn() {
    let mut app = App::new(Draft::from_json(EXAMPLE).expect("loads"), PathBuf::from("d.json"), Lang::Zh);
    while app.focused().map(|i| i.path) != Some("other.terms".to_string()) {
        let action = if app.section().map(|s| s.id) == Some("term") { Action::NextField } else { Action::NextStep };
        update(&mut app, &action);
    }
    let huge = "合同\u{1b}[31m条款\u{ffff}\n".repeat(1024 * 1024 / 16);
    update(&mut app, &Action::Paste(huge.clone()));
    // A paste never stores controls or what XML forbids: the Word file must stay readable.
    let stored = "合同[31m条款\u{fffd}\n".repeat(1024 * 1024 / 16);
    assert_eq!(app.draft.raw("other.terms").map(str::len), Some(stored.len()));
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).expect("terminal");
    terminal
        .draw(|frame| {
            crm_contract::wizard::ui::draw(frame, &app);
        })
        .expect("draws");
    let contract = crm_contract::render::Renderer::built_in().expect("compiles").render(&app.draft).expect("renders");
    assert!(!contract.contains('\u{1b}'), "no raw escape reaches the contract");
    assert!(contract.contains("合同\\[31m条款"));
}

/// Typing while another thread reads the draft (a large draft's checks or save) waits in the
/// editor instead of copying the draft on the key path, and is never lost: it is in the
/// draft before the field is left, before a save and before the wizard exits.
#[test]
fn typing_while_the_draft_is_read_elsewhere_is_never_lost() {
    let mut app = App::new(Draft::from_json(EXAMPLE).expect("loads"), PathBuf::from("d.json"), Lang::Zh);
    let key = |c| {
        Action::Edit(crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::NONE,
        ))
    };
    let held = std::sync::Arc::clone(&app.draft);
    update(&mut app, &key('甲'));
    update(&mut app, &key('乙'));
    assert_eq!(app.draft.text("parties.buyer.name"), Some("杭州悦购电子商务有限公司"), "not copied yet");
    assert!(app.is_dirty(), "but counted as an edit");
    update(&mut app, &Action::NextField);
    assert_eq!(
        app.draft.text("parties.buyer.name"),
        Some("杭州悦购电子商务有限公司甲乙"),
        "in before the field is left"
    );
    drop(held);

    // A save while another reader holds the draft saves what is on screen.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("d.json");
    fs::write(&path, EXAMPLE).expect("writes");
    let opened = crm_contract::draft::session::open(&path).expect("opens");
    let (mut app, writer) = crm_contract::wizard::enter(opened, path.clone(), Lang::Zh);
    let mut runtime = Runtime::new(writer);
    let held = std::sync::Arc::clone(&app.draft);
    update(&mut app, &key('丙'));
    let (messages, lost) = runtime.finish(&mut app);
    assert!(messages.is_empty() && !lost, "{messages:?}");
    drop(held);
    let saved = Draft::from_json(&fs::read_to_string(&path).expect("reads")).expect("loads");
    assert_eq!(saved.text("parties.buyer.name"), Some("杭州悦购电子商务有限公司丙"));
}
