//! One writer per draft and recovery that works, with real processes on pseudo-terminals:
//! take-over, two wizards started together, another program's write, a hung-up terminal,
//! a folder that goes away, and sidecar files planted as links or pipes.

#![allow(clippy::expect_used, clippy::unwrap_used)] // tests fail loudly by design

#[path = "support/pty_session.rs"]
#[allow(dead_code)] // shared with the other pty tests and the start-up benchmark
mod pty_session;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use pty_session::Session;

const EXAMPLE: &str = include_str!("../assets/example-draft.json");

fn value(path: &Path, pointer: &str) -> Option<String> {
    let text = fs::read_to_string(path).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json.pointer(pointer)?.as_str().map(str::to_string)
}

/// Waits until `done` holds, for at most 10 seconds.
fn eventually(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done() {
        assert!(Instant::now() < deadline, "never: {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_take_over_stops_the_first_wizard_and_tells_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let draft = dir.path().join("d.json");
    let mut first = Session::start(dir.path(), &["new", "d.json"]);
    first.wait_for("甲方名称");
    first.send("AAA");
    first.send("\x13");
    first.wait_for("已保存：");

    let mut second = Session::start(dir.path(), &["open", "d.json"]);
    second.wait_for("正在编辑这份草稿");
    second.send("y");
    second.wait_for("已接管这份草稿");
    second.send("BBB");
    second.send("\x13");
    second.wait_for("已保存：");
    assert_eq!(value(&draft, "/parties/buyer/name").as_deref(), Some("AAABBB"));

    // The first wizard is told within a second, before it types anything.
    first.wait_for("接管了这份草稿");
    first.send("\x1b"); // keep looking, read-only
    first.send("x");
    first.wait_for("这里不能再修改");
    std::thread::sleep(Duration::from_millis(2500));
    assert_eq!(value(&draft, "/parties/buyer/name").as_deref(), Some("AAABBB"), "the first wizard never writes again");
    first.send("\x11");
    assert_eq!(first.wait_exit(), 0);
    assert!(dir.path().join("d.json.lock").exists(), "quitting never removes the other wizard's lock");

    second.send("\x11");
    assert_eq!(second.wait_exit(), 0);
    assert!(!dir.path().join("d.json.lock").exists());
    assert_eq!(value(&draft, "/parties/buyer/name").as_deref(), Some("AAABBB"));
}

#[test]
fn a_wizard_that_lost_its_draft_with_unsaved_work_asks_and_saves_it_elsewhere() {
    let dir = tempfile::tempdir().expect("temp dir");
    let draft = dir.path().join("d.json");
    fs::write(&draft, EXAMPLE).expect("writes");
    let mut first = Session::start(dir.path(), &["open", "d.json"]);
    first.wait_for("甲方名称");
    let mut second = Session::start(dir.path(), &["open", "d.json"]);
    second.wait_for("正在编辑这份草稿");
    // The first wizard types just before the take-over; its autosave then finds the lock gone.
    first.send_now("甲");
    second.send("y");
    first.wait_for("接管了这份草稿");
    first.send("\x1b"); // keep looking, read-only
    first.send("\x11");
    first.wait_for("不能写入草稿");
    first.send("\x1bOQ"); // F2: save as
    first.wait_for("另存为");
    for _ in 0..20 {
        first.send_now("\x7f");
    }
    first.send("mine.json\r");
    first.wait_for("已保存：");
    first.send("\x11");
    assert_eq!(first.wait_exit(), 0);
    assert!(
        value(&dir.path().join("mine.json"), "/parties/buyer/name").is_some_and(|n| n.ends_with('甲')),
        "the unsaved work is in the copy"
    );
    assert_eq!(value(&draft, "/parties/buyer/name").as_deref(), Some("杭州悦购电子商务有限公司"));
    second.send("\x11");
    assert_eq!(second.wait_exit(), 0);
}

/// Two wizards on one draft started in the same instant: exactly one edits, the other is
/// asked. The OS lock makes this hold for every pair, not most.
fn race(pairs: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("d.json"), EXAMPLE).expect("writes");
    for pair in 0..pairs {
        let mut a = Session::start(dir.path(), &["open", "d.json"]);
        let mut b = Session::start(dir.path(), &["open", "d.json"]);
        a.wait_for("甲方名称");
        b.wait_for("甲方名称");
        // The question comes with the first frame, so it is on screen by now.
        std::thread::sleep(Duration::from_millis(100));
        let asked = [&a, &b].iter().filter(|s| s.shows("正在编辑这份草稿")).count();
        assert_eq!(asked, 1, "pair {pair}: exactly one of two is asked");
        for session in [&mut a, &mut b] {
            if session.shows("正在编辑这份草稿") {
                session.send_now("\x1b"); // Esc on the question quits
            } else {
                session.send_now("\x11");
            }
        }
        assert_eq!(a.wait_exit(), 0);
        assert_eq!(b.wait_exit(), 0);
    }
}

#[test]
fn two_wizards_opened_together_never_both_edit() {
    race(10);
}

/// The 1,000 racing pairs of the issue (about 10 minutes): `cargo test --test one_writer -- --ignored`.
#[test]
#[ignore = "long: 1,000 pairs of real processes"]
fn a_thousand_racing_pairs_never_both_edit() {
    race(1000);
}

#[test]
fn a_change_by_another_program_is_noticed_and_never_overwritten_unasked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let draft = dir.path().join("d.json");
    fs::write(&draft, EXAMPLE).expect("writes");
    let mut session = Session::start(dir.path(), &["open", "d.json"]);
    session.wait_for("甲方名称");
    // Another program writes a new version and renames it over the draft (as editors and git do).
    let theirs = EXAMPLE.replace("杭州悦购电子商务有限公司", "他们的公司");
    fs::write(dir.path().join("new.json"), &theirs).expect("writes");
    fs::rename(dir.path().join("new.json"), &draft).expect("renames");
    session.wait_for("被其他程序修改");
    assert_eq!(fs::read_to_string(&draft).expect("reads"), theirs, "theirs is kept while the user decides");
    session.send("n"); // load theirs
    session.wait_for("已载入磁盘上的版本");
    session.wait_for("他们的公司");
    session.send("甲");
    session.send("\x13");
    session.wait_for("已保存：");
    session.send("\x11");
    assert_eq!(session.wait_exit(), 0);
    assert_eq!(value(&draft, "/parties/buyer/name").as_deref(), Some("他们的公司甲"));
}

#[test]
fn keeping_mine_over_a_change_on_disk_puts_theirs_in_the_backup() {
    let dir = tempfile::tempdir().expect("temp dir");
    let draft = dir.path().join("d.json");
    fs::write(&draft, EXAMPLE).expect("writes");
    let mut session = Session::start(dir.path(), &["open", "d.json"]);
    session.wait_for("甲方名称");
    session.send("甲");
    let theirs = EXAMPLE.replace("杭州悦购电子商务有限公司", "他们的公司");
    fs::write(&draft, &theirs).expect("writes in place");
    session.wait_for("被其他程序修改");
    session.send("y"); // keep mine
    session.wait_for("已保存：");
    session.send("\x11");
    assert_eq!(session.wait_exit(), 0);
    assert_eq!(value(&draft, "/parties/buyer/name").as_deref(), Some("杭州悦购电子商务有限公司甲"));
    assert_eq!(fs::read_to_string(dir.path().join("d.json.bak")).expect("backup"), theirs);
}

#[test]
fn a_hung_up_terminal_saves_the_last_keys_and_releases_the_lock() {
    for round in 0..3 {
        let dir = tempfile::tempdir().expect("temp dir");
        let draft = dir.path().join("d.json");
        let mut session = Session::start(dir.path(), &["new", "d.json"]);
        session.wait_for("甲方名称");
        session.send_now("杭州悦购");
        std::thread::sleep(Duration::from_millis(150));
        session.hang_up();
        let code = session.wait_exit();
        assert_eq!(
            value(&draft, "/parties/buyer/name").as_deref(),
            Some("杭州悦购"),
            "round {round}: exit {code}, {:?}",
            session.visible_text().chars().rev().take(300).collect::<String>()
        );
        assert!(!dir.path().join("d.json.lock").exists(), "round {round}: the lock is released");
    }
}

#[test]
fn a_failed_save_goes_to_a_recovery_file_of_its_own_that_open_offers() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut rescued = Vec::new();
    for (folder, name) in [("one", "甲方一"), ("two", "甲方二")] {
        fs::create_dir(dir.path().join(folder)).expect("mkdir");
        let file = format!("{folder}/d.json");
        let mut session = Session::start(dir.path(), &["new", &file]);
        session.wait_for("甲方名称");
        fs::remove_dir_all(dir.path().join(folder)).expect("the folder goes away");
        session.send(name);
        session.wait_for("保存失败");
        session.send("\x11");
        session.wait_for("上次保存失败");
        session.send("y");
        assert_eq!(session.wait_exit(), 2, "work that could not be saved is not a success");
        let output = session.visible_text();
        assert!(output.contains("未保存的修改已写入恢复文件"), "{output}");
        assert!(!dir.path().join(folder).exists(), "the deleted folder is never made again");
        rescued.push((file, name));
    }
    let recoveries = dir.path().join("data").join("crm-contract").join("recovery");
    assert_eq!(fs::read_dir(&recoveries).expect("recovery folder").count(), 2, "one recovery file per draft");

    // `open` of a draft whose folder is gone brings the work back in a new file here.
    let (file, name) = &rescued[0];
    let mut session = Session::start(dir.path(), &["open", file]);
    session.wait_for("已从恢复文件");
    session.send("\x11");
    assert_eq!(session.wait_exit(), 0);
    let restored = dir.path().join("crm-contract-recovered.json");
    assert_eq!(value(&restored, "/parties/buyer/name").as_deref(), Some(*name));
    assert_eq!(fs::read_dir(&recoveries).expect("recovery folder").count(), 1, "the used one is gone");

    // The start screen offers the other one.
    let session = Session::start(dir.path(), &[]);
    session.wait_for("未保存的工作");
    session.wait_for("two");
}

#[cfg(unix)]
#[test]
fn planted_links_are_never_written_through() {
    let dir = tempfile::tempdir().expect("temp dir");
    let inside = dir.path().join("inside");
    fs::create_dir(&inside).expect("mkdir");
    let victim = dir.path().join("victim");
    fs::write(&victim, "KEEP").expect("writes");
    let draft = inside.join("d.json");
    fs::write(&draft, EXAMPLE).expect("writes");
    std::os::unix::fs::symlink(&victim, inside.join("d.json.bak")).expect("links");
    std::os::unix::fs::symlink(&victim, inside.join("d.json.recovery")).expect("links");

    let mut session = Session::start(&inside, &["open", "d.json"]);
    session.wait_for("甲方名称");
    assert!(!session.shows("恢复文件"), "a planted link is not offered as a recovery file");
    session.send("x");
    session.send("\x13");
    session.wait_for("备份未写入");
    session.wait_for("symbolic link");
    session.send("\x11");
    assert_eq!(session.wait_exit(), 0);
    assert_eq!(fs::read_to_string(&victim).expect("reads"), "KEEP");
    assert!(value(&draft, "/parties/buyer/name").is_some_and(|n| n.ends_with('x')), "the draft itself is saved");

    // A dangling lock link to a file outside: nothing is created there, the draft opens read-only.
    let outside = dir.path().join("created-outside");
    std::os::unix::fs::symlink(&outside, inside.join("d.json.lock")).expect("links");
    let mut session = Session::start(&inside, &["open", "d.json"]);
    session.wait_for("无法锁定草稿");
    session.wait_for("只读");
    session.send("\x11");
    assert_eq!(session.wait_exit(), 0);
    assert!(!outside.exists(), "nothing is written outside the draft's folder");
    assert_eq!(fs::read_to_string(&victim).expect("reads"), "KEEP");
}

#[cfg(unix)]
#[test]
fn a_pipe_planted_as_a_sidecar_never_hangs_the_wizard() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("d.json"), EXAMPLE).expect("writes");
    for sidecar in ["d.json.bak", "d.json.lock"] {
        let fifo = dir.path().join(sidecar);
        if !std::process::Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success()) {
            eprintln!("skipped: mkfifo is not available");
            return;
        }
        let mut session = Session::start(dir.path(), &["open", "d.json"]);
        session.wait_for("甲方名称");
        session.send("x");
        session.send("\x13");
        eventually("the save answers", || session.shows("已保存") || session.shows("只读"));
        session.send("\x11");
        if session.shows("不能写入") || session.shows("未保存的修改") {
            session.send("n");
        }
        session.wait_exit();
        fs::remove_file(&fifo).expect("removes");
    }
}

#[test]
fn exporting_from_the_wizard_never_replaces_the_draft() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut session = Session::start(dir.path(), &["new", "x.md"]);
    session.wait_for("甲方名称");
    session.send("北京某某科技有限公司");
    session.send("\x13");
    session.wait_for("已保存：");
    session.send("\x05"); // Ctrl-E
    session.wait_for("仍要导出");
    session.send("y");
    session.wait_for("合同已导出");
    session.send("\x11");
    assert_eq!(session.wait_exit(), 0);
    assert_eq!(value(&dir.path().join("x.md"), "/parties/buyer/name").as_deref(), Some("北京某某科技有限公司"));
    assert!(fs::read_to_string(dir.path().join("x.contract.md")).expect("exported").starts_with("# "));
}
