//! The non-interactive commands and how their outcomes become exit codes and `error:`
//! lines. Each command lives in its own file; they share loading and error reporting.

pub mod check;
pub mod dates;
pub mod diff;
pub mod example;
pub mod export;
pub mod review;

use std::path::Path;
use std::process::ExitCode;

pub use check::{CheckReport, check};
pub use dates::{DatesRequest, dates};
pub use diff::{DiffRequest, diff};
pub use example::example;
pub use export::export;
pub use review::review;

use crate::draft::{self, Draft};

/// A command's failure: its exit code and the lines to print, each after `error: `.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub lines: Vec<String>,
}

impl Failure {
    /// Exit 1: the draft has errors.
    pub fn draft_errors(lines: Vec<String>) -> Self {
        Failure { code: 1, lines }
    }

    /// Exit 2: the command could not run.
    pub fn cannot_run(line: impl Into<String>) -> Self {
        Failure { code: 2, lines: vec![line.into()] }
    }

    /// Prints the lines to standard error and returns the exit code.
    pub fn report(&self) -> ExitCode {
        for line in &self.lines {
            warn(&format!("error: {}", crate::terminal_text::quote(line)));
        }
        ExitCode::from(self.code)
    }
}

/// Loads a draft, turning every problem into an exit-2 failure naming the file.
pub fn load(path: &Path) -> Result<Draft, Failure> {
    draft::load(path).map_err(|err| Failure::cannot_run(format!("{}: {err}", path.display())))
}

/// Writes one line to standard error. A closed or hung-up terminal is no reason to stop
/// (`eprintln!` would panic there, before the draft is saved).
pub fn warn(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// Writes to standard output; a reader that went away (`| head`) ends the command quietly.
pub fn print(text: &str) -> Result<(), Failure> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Failure::cannot_run(format!("standard output: {error}")))
        }
        _ => Ok(()),
    }
}

/// Writes what a command made (an export, the example) atomically with mode 0600, without
/// waiting for the disk (it can be made again); or to standard output for "-".
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    if path == Path::new("-") {
        use std::io::Write;
        let mut stdout = std::io::stdout().lock();
        return match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
            // The reader went away (`| head`): nothing more is wanted.
            Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
                Err(Failure::cannot_run(format!("standard output: {error}")))
            }
            _ => Ok(()),
        };
    }
    draft::write_derived(path, bytes).map_err(|e| Failure::cannot_run(format!("{}: {e}", path.display())))
}
