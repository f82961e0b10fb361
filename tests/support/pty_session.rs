//! A session of the real binary in a pseudo-terminal, for the end-to-end tests and the
//! start-up benchmark: start it, type, wait for text on the screen, wait for it to exit.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub(crate) struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Option<Box<dyn Write + Send>>,
    /// The terminal's side; dropping it hangs the terminal up, as closing a window does.
    master: Option<Box<dyn MasterPty + Send>>,
    output: Arc<Mutex<Vec<u8>>>,
    /// The reader holds a copy of the terminal's side: it must let go for a hang-up.
    stop_reading: Arc<std::sync::atomic::AtomicBool>,
    reading: Option<std::thread::JoinHandle<()>>,
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
        let stop_reading = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stop = Arc::clone(&stop_reading);
        let reading = std::thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buffer[..n]);
                if stop.load(std::sync::atomic::Ordering::Relaxed) {
                    break;
                }
            }
        });
        Session { child, writer: Some(writer), master: Some(pair.master), output, stop_reading, reading: Some(reading) }
    }

    /// Closes the terminal under the program (a closed window, a dropped SSH session):
    /// every copy of the terminal's side is closed. A resize makes the program redraw, which
    /// wakes the reader so that it lets go of its copy.
    pub(crate) fn hang_up(&mut self) {
        self.stop_reading.store(true, std::sync::atomic::Ordering::Relaxed);
        if let Some(master) = &self.master {
            let _ = master.resize(PtySize { rows: 31, cols: 101, pixel_width: 0, pixel_height: 0 });
        }
        if let Some(reading) = self.reading.take() {
            let _ = reading.join();
        }
        self.writer = None;
        self.master = None;
    }

    /// How much has been printed so far, for [`Session::wait_for_after`].
    pub(crate) fn mark(&self) -> usize {
        self.visible_text().len()
    }

    /// Waits for text printed after `mark`.
    pub(crate) fn wait_for_after(&self, mark: usize, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let text = self.visible_text();
            if text.get(mark..).is_some_and(|t| t.contains(needle)) {
                return;
            }
            assert!(Instant::now() < deadline, "never saw {needle:?} after {mark} in {:?}", text.get(mark..));
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Whether `needle` was printed (so far).
    pub(crate) fn shows(&self, needle: &str) -> bool {
        self.visible_text().contains(needle)
    }

    /// Sends keys without waiting after them.
    pub(crate) fn send_now(&mut self, text: &str) {
        if let Some(writer) = self.writer.as_mut() {
            writer.write_all(text.as_bytes()).expect("writes");
            writer.flush().expect("flushes");
        }
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
        self.send_now(text);
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
