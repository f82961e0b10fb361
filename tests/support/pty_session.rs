//! A session of the real binary in a pseudo-terminal, for the end-to-end tests and the
//! start-up benchmark: start it, type, wait for text on the screen, wait for it to exit.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

pub(crate) struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Arc<Mutex<Vec<u8>>>,
}

impl Session {
    pub(crate) fn start(dir: &Path, args: &[&str]) -> Session {
        Self::start_with(dir, args, &[])
    }

    pub(crate) fn start_with(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Session {
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

    pub(crate) fn screen_text(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().unwrap()).into_owned()
    }

    /// What was printed without the escape sequences (ratatui moves the cursor after each
    /// wide character, so words only read whole once those are gone).
    pub(crate) fn visible_text(&self) -> String {
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

    pub(crate) fn wait_for(&self, needle: &str) {
        self.wait_for_polling(needle, Duration::from_millis(50));
    }

    /// Waits for text on the screen, looking every `poll` (the benchmark looks every
    /// millisecond).
    pub(crate) fn wait_for_polling(&self, needle: &str, poll: Duration) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !self.visible_text().contains(needle) {
            assert!(Instant::now() < deadline, "never saw {needle:?} in {:?}", self.visible_text());
            std::thread::sleep(poll);
        }
    }

    /// The program's process id, to send it signals.
    pub(crate) fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// Ends the program at once, as a kill would.
    pub(crate) fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    pub(crate) fn send(&mut self, text: &str) {
        self.writer.write_all(text.as_bytes()).expect("writes");
        self.writer.flush().expect("flushes");
        std::thread::sleep(Duration::from_millis(200));
    }

    pub(crate) fn wait_exit(&mut self) -> u32 {
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

impl Drop for Session {
    /// A session never outlives its test: the program is killed if it is still running.
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            self.kill();
        }
    }
}
