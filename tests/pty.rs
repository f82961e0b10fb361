//! The real binary in a pseudo-terminal: type Chinese, save, quit, and read the draft;
//! the terminal is restored; a kill loses at most the last 2 seconds of typing.

#![allow(clippy::expect_used, clippy::unwrap_used)] // tests fail loudly by design

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Arc<Mutex<Vec<u8>>>,
}

impl Session {
    fn start(dir: &Path, args: &[&str]) -> Session {
        Self::start_with(dir, args, &[])
    }

    fn start_with(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Session {
        let pair =
            native_pty_system().openpty(PtySize { rows: 30, cols: 100, pixel_width: 0, pixel_height: 0 }).expect("pty");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_crm-contract"));
        command.args(args);
        command.cwd(dir);
        command.env("TERM", "xterm-256color");
        command.env("LANG", "zh_CN.UTF-8");
        command.env("XDG_DATA_HOME", dir.join("data"));
        command.env("HOME", dir);
        for (name, value) in env {
            command.env(name, value);
        }
        let child = pair.slave.spawn_command(command).expect("spawns");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&output);
        std::thread::spawn(move || {
            let _keep_master_open = pair.master;
            let mut buffer = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buffer[..n]);
            }
        });
        Session { child, writer, output }
    }

    fn screen_text(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().unwrap()).into_owned()
    }

    /// What was printed without the escape sequences (ratatui moves the cursor after each
    /// wide character, so words only read whole once those are gone).
    fn visible_text(&self) -> String {
        let raw = self.screen_text();
        let mut out = String::new();
        let mut chars = raw.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                if chars.peek() == Some(&'[') {
                    chars.next();
                    while let Some(&next) = chars.peek() {
                        chars.next();
                        if ('@'..='~').contains(&next) {
                            break;
                        }
                    }
                }
                continue;
            }
            out.push(c);
        }
        out
    }

    fn wait_for(&self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !self.visible_text().contains(needle) {
            assert!(Instant::now() < deadline, "never saw {needle:?} in {:?}", self.visible_text());
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn send(&mut self, text: &str) {
        self.writer.write_all(text.as_bytes()).expect("writes");
        self.writer.flush().expect("flushes");
        std::thread::sleep(Duration::from_millis(200));
    }

    fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().expect("waits") {
                return status.exit_code();
            }
            assert!(
                Instant::now() < deadline,
                "the wizard did not exit: {:?}",
                self.visible_text().chars().rev().take(400).collect::<String>().chars().rev().collect::<String>()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

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
    let pid = session.child.process_id().expect("pid");
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
        let pid = session.child.process_id().expect("pid");
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
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: d.json: already exists"));
    assert_eq!(std::fs::read_to_string(dir.path().join("d.json")).expect("reads"), "{}");
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
    second.send("\x13");
    second.wait_for("只读打开：未保存");
    second.send("\x11");
    assert_eq!(second.wait_exit(), 0);
    assert_eq!(draft_value(&dir.path().join("d.json"), "/parties/buyer/name"), None, "read-only never writes");
    assert!(dir.path().join("d.json.lock").exists(), "the first wizard keeps its lock");
    first.send("\x11");
    assert_eq!(first.wait_exit(), 0);
    assert!(!dir.path().join("d.json.lock").exists(), "the lock is released on exit");
}
