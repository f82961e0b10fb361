//! The real binary in a pseudo-terminal: type Chinese, save, quit, and read the draft;
//! the terminal is restored; a kill loses at most the last 2 seconds of typing.

#![allow(clippy::expect_used, clippy::unwrap_used)] // tests fail loudly by design

#[path = "support/pty_session.rs"]
#[allow(dead_code)] // shared with the start-up benchmark, which uses other parts
mod pty_session;

use std::path::Path;
use std::time::Duration;

use pty_session::Session;

fn draft_value(path: &Path, pointer: &str) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json.pointer(pointer)?.as_str().map(str::to_string)
}

#[test]
fn types_chinese_saves_quits_and_restores_the_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let draft = dir.path().join("d.json");
    let mut session = Session::start(dir.path(), &["new", "d.json"]);
    session.wait_for("甲方名称");
    session.send("北京某某科技有限公司");
    session.send("\x13"); // Ctrl-S
    session.wait_for("已保存：");
    session.send("\x11"); // Ctrl-Q
    assert_eq!(session.wait_exit(), 0);
    assert_eq!(draft_value(&draft, "/parties/buyer/name").as_deref(), Some("北京某某科技有限公司"));
    let output = session.screen_text();
    assert!(output.contains("\x1b[?1049l"), "the alternate screen is left");
    assert!(output.contains("\x1b[?25h"), "the cursor is shown again");

    // Reopening resumes on the same field with the text there.
    let mut session = Session::start(dir.path(), &["open", "d.json"]);
    session.wait_for("北京某某科技有限公司");
    session.send("\x11");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn a_kill_loses_at_most_two_seconds_of_typing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let draft = dir.path().join("d.json");
    let mut session = Session::start(dir.path(), &["new", "d.json"]);
    session.wait_for("甲方名称");
    session.send("杭州悦购电子商务有限公司");
    std::thread::sleep(Duration::from_millis(2100));
    let pid = session.pid().expect("pid");
    let killed = std::process::Command::new("kill").args(["-KILL", &pid.to_string()]).status().expect("kill runs");
    assert!(killed.success());
    session.wait_exit();
    assert_eq!(draft_value(&draft, "/parties/buyer/name").as_deref(), Some("杭州悦购电子商务有限公司"));
}

#[test]
fn sigterm_and_sighup_save_and_restore() {
    for signal in ["-TERM", "-HUP"] {
        let dir = tempfile::tempdir().expect("temp dir");
        let draft = dir.path().join("d.json");
        let mut session = Session::start(dir.path(), &["new", "d.json"]);
        session.wait_for("甲方名称");
        session.send("上海云策");
        let pid = session.pid().expect("pid");
        std::process::Command::new("kill").args([signal, &pid.to_string()]).status().expect("kill runs");
        session.wait_exit();
        assert_eq!(draft_value(&draft, "/parties/buyer/name").as_deref(), Some("上海云策"), "{signal}");
        assert!(session.screen_text().contains("\x1b[?1049l"), "{signal}: the terminal is restored");
    }
}

#[test]
fn new_refuses_to_overwrite() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("d.json"), "{}").expect("writes");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_crm-contract"))
        .args(["new", "d.json"])
        .current_dir(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("error: d.json: 文件已存在"), "{stderr}");
    assert!(stderr.contains("crm-contract open d.json") && stderr.contains("--force"), "says what to do: {stderr}");
    assert_eq!(std::fs::read_to_string(dir.path().join("d.json")).expect("reads"), "{}");
}

/// A new draft that cannot be created says why in the interface's words, on a terminal
/// (`new` needs one before it creates anything).
#[test]
fn new_in_a_missing_folder_says_so_in_chinese() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut session = Session::start(dir.path(), &["new", "nowhere/d.json"]);
    assert_eq!(session.wait_exit(), 2);
    let text = session.screen_text();
    assert!(text.contains("nowhere/d.json：找不到该文件或文件夹，请检查路径"), "{text}");
    assert!(!dir.path().join("nowhere").exists(), "nothing created");
}

#[test]
fn a_crash_writes_a_recovery_file_that_open_offers() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut session = Session::start_with(dir.path(), &["new", "d.json"], &[("CRM_CONTRACT_TEST_PANIC_AFTER", "8")]);
    session.wait_for("甲方名称");
    for c in ["杭", "州", "悦", "购"] {
        session.send(c);
    }
    let code = session.wait_exit();
    assert_eq!(code, 2, "a crash ends with exit 2, not a panic's 101");
    let output = session.visible_text();
    assert!(output.contains("your draft was saved to d.json.recovery"), "{output}");
    assert!(session.screen_text().contains("\x1b[?1049l"), "the terminal is restored");
    let recovered = dir.path().join("d.json.recovery");
    assert!(draft_value(&recovered, "/parties/buyer/name").is_some_and(|n| n.starts_with("杭州")));

    let mut session = Session::start(dir.path(), &["open", "d.json"]);
    session.wait_for("恢复文件");
    session.send("y");
    session.wait_for("已从恢复文件恢复草稿");
    session.send("\x11");
    assert_eq!(session.wait_exit(), 0);
    assert!(draft_value(&dir.path().join("d.json"), "/parties/buyer/name").is_some_and(|n| n.starts_with("杭州")));
    assert!(!recovered.exists(), "the recovery file is used up");
}

#[test]
fn a_second_wizard_on_the_same_draft_is_warned() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut first = Session::start(dir.path(), &["new", "d.json"]);
    first.wait_for("甲方名称");
    assert!(dir.path().join("d.json.lock").exists());
    let mut second = Session::start(dir.path(), &["open", "d.json"]);
    second.wait_for("正在编辑这份草稿");
    second.send("n");
    second.wait_for("只读");
    second.send("甲");
    second.wait_for("这里不能修改");
    second.send("\x13");
    second.wait_for("未保存（F2 另存为）");
    second.send("\x11");
    assert_eq!(second.wait_exit(), 0);
    assert_eq!(draft_value(&dir.path().join("d.json"), "/parties/buyer/name"), None, "read-only never writes");
    assert!(dir.path().join("d.json.lock").exists(), "the first wizard keeps its lock");
    first.send("\x11");
    assert_eq!(first.wait_exit(), 0);
    assert!(!dir.path().join("d.json.lock").exists(), "the lock is released on exit");
}

/// SIGKILL of the wizard at spread instants around a save (Ctrl-S, then 0–80 ms): the draft
/// on disk always loads and is the old or the new version; the backup is whole; the next
/// open removes what a killed save left behind.
fn wizard_kills(rounds: u64) {
    let dir = tempfile::tempdir().expect("temp dir");
    let draft = dir.path().join("d.json");
    std::fs::write(&draft, include_str!("../assets/example-draft.json")).expect("writes");
    for round in 0..rounds {
        let before = draft_value(&draft, "/parties/buyer/name").expect("loads before");
        let mut session = Session::start(dir.path(), &["open", "d.json"]);
        session.wait_for("甲方名称");
        session.send_now("x\x13");
        std::thread::sleep(Duration::from_micros(round * 80_000 / rounds));
        session.kill();
        let after = draft_value(&draft, "/parties/buyer/name").expect("the draft always loads");
        assert!(after == before || after == format!("{before}x"), "round {round}: {before:?} -> {after:?}");
        let backup = dir.path().join("d.json.bak");
        if backup.exists() {
            assert!(draft_value(&backup, "/parties/buyer/name").is_some(), "round {round}: the backup is whole");
        }
    }
    let session = Session::start(dir.path(), &["open", "d.json"]);
    session.wait_for("甲方名称");
    let left = std::fs::read_dir(dir.path())
        .expect("lists")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .count();
    assert_eq!(left, 0, "the next open removes the temporary files of killed saves");
}

#[test]
fn a_kill_of_the_wizard_around_a_save_never_corrupts_the_draft() {
    wizard_kills(15);
}

/// 1,000 kills of the wizard around a save (about six minutes):
/// `cargo test --test pty -- --ignored a_thousand_wizard_kills`.
#[test]
#[ignore = "long: 1,000 kills of the real wizard"]
fn a_thousand_wizard_kills_never_corrupt_the_draft() {
    wizard_kills(1000);
}

/// The review step writes the key dates and the papers signed with the contract, by keys:
/// the last line of the findings is the calendar, the lines after the checklist the
/// companion documents this draft needs.
#[test]
fn the_review_step_writes_the_calendar_and_the_companion_documents() {
    let (dir, mut session) = the_example_open();
    for _ in 0..11 {
        session.send("\x1b[6~"); // PgDn: on to the review step
    }
    session.wait_for("写出关键日期");
    session.send("\x1b[A"); // ↑ from the first line wraps to the last (compare)…
    session.send("\x1b[A"); // …and once more: the calendar
    session.send("\r");
    session.wait_for("已写出15个关键日期");
    session.send("\t"); // the checklist
    session.wait_for("签约所需文件");
    assert!(session.shows("导出乙方授权委托书"), "the supplier signs by attorney in the example");
    assert!(!session.shows("导出甲方授权委托书"), "the buyer's legal representative signs");
    session.send("\x1b[A"); // the last line: the acceptance record
    session.send("\r");
    session.wait_for("验收确认单已导出");
    session.send("\x11");
    assert_eq!(session.wait_exit(), 0);
    let calendar = std::fs::read_to_string(dir.path().join("deal.ics")).expect("calendar");
    assert_eq!(calendar.matches("BEGIN:VEVENT").count(), 15);
    assert!(dir.path().join("deal.acceptance.docx").is_file());
}

/// What the review step cannot write beside the draft is said in the interface's words,
/// and the wizard goes on.
#[test]
fn a_calendar_that_cannot_be_written_says_why_in_chinese() {
    let (dir, mut session) = the_example_open();
    std::fs::create_dir(dir.path().join("deal.ics")).expect("a folder where the calendar goes");
    for _ in 0..11 {
        session.send("\x1b[6~");
    }
    session.wait_for("写出关键日期");
    session.send("\x1b[A");
    session.send("\x1b[A");
    session.send("\r");
    session.wait_for("deal.ics：无法写入，这是一个文件夹，不是文件");
    session.send("\x11");
    assert_eq!(session.wait_exit(), 0);
}

/// "Compare with…" on the review step: the version from before this sitting (the backup the
/// first save left) against the draft as it is now, as a 变更对照表 on screen and beside it.
#[test]
fn the_review_step_compares_with_the_version_from_before() {
    let (dir, mut session) = the_example_open();
    session.send("分公司");
    session.send("\x13"); // Ctrl-S: the version as opened goes to deal.json.bak
    session.wait_for("已保存：");
    for _ in 0..11 {
        session.send("\x1b[6~");
    }
    session.wait_for("与另一稿比较");
    session.send("\x1b[A"); // ↑ from the first line wraps to the last: compare
    session.send("\r");
    session.wait_for("deal.json.bak");
    session.send("\r");
    session.wait_for("变更对照表已写出");
    session.send("\x11");
    assert_eq!(session.wait_exit(), 0);
    let report = std::fs::read_to_string(dir.path().join("deal.changes.md")).expect("written beside the draft");
    assert!(
        report.contains("| 1 | 合同首部 · 甲方名称 | 杭州悦购电子商务有限公司 | 杭州悦购电子商务有限公司分公司 |"),
        "{report}"
    );
    assert!(report.contains("共1处变更"), "{report}");
}

/// The example written to deal.json in a new folder and opened in the wizard.
fn the_example_open() -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().expect("temp dir");
    let example = std::process::Command::new(env!("CARGO_BIN_EXE_crm-contract"))
        .args(["example", "-o", "deal.json"])
        .current_dir(dir.path())
        .output()
        .expect("example");
    assert!(example.status.success());
    let session = Session::start(dir.path(), &["open", "deal.json"]);
    session.wait_for("甲方名称");
    (dir, session)
}

/// F14 of the first-user trial: without bracketed paste a pasted line break arrives as
/// Enter, which used to move the rest of the text into the next field.
#[test]
fn text_pasted_without_bracketed_paste_stays_in_its_field() {
    let dir = tempfile::tempdir().expect("temp dir");
    let draft = dir.path().join("d.json");
    let mut session = Session::start(dir.path(), &["new", "d.json"]);
    session.wait_for("甲方名称");
    // One write, as a terminal delivers a paste: the Enter has keys right behind it.
    session.send("杭州悦购电子商务\r有限公司");
    session.wait_for("已改为空格");
    session.send("\x13"); // Ctrl-S
    session.wait_for("已保存：");
    session.send("\x11");
    assert_eq!(session.wait_exit(), 0);
    assert_eq!(draft_value(&draft, "/parties/buyer/name").as_deref(), Some("杭州悦购电子商务 有限公司"));
    assert_eq!(draft_value(&draft, "/parties/buyer/credit_code"), None, "nothing spilled into the next field");
}
