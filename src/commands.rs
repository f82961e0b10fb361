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
use crate::i18n::{Lang, io_zh};

/// One line of a failure in both interface languages; text that is the same in both (a
/// rule id, a path, a finding already in the user's language) converts from a `String`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub zh: String,
    pub en: String,
}

impl Said {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Said {
        Said { zh: zh.into(), en: en.into() }
    }

    pub fn in_lang(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

impl From<String> for Said {
    fn from(text: String) -> Said {
        Said { zh: text.clone(), en: text }
    }
}

impl From<&str> for Said {
    fn from(text: &str) -> Said {
        Said::from(text.to_string())
    }
}

/// A command's failure: its exit code and the lines to print, each after `error: `, in the
/// interface language.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub lines: Vec<Said>,
}

impl Failure {
    /// Exit 1: the draft has errors.
    pub fn draft_errors<L: Into<Said>>(lines: Vec<L>) -> Self {
        Failure { code: 1, lines: lines.into_iter().map(Into::into).collect() }
    }

    /// Exit 2: the command could not run.
    pub fn cannot_run(line: impl Into<Said>) -> Self {
        Failure { code: 2, lines: vec![line.into()] }
    }

    /// Prints the lines to standard error and returns the exit code.
    pub fn report(&self, lang: Lang) -> ExitCode {
        for line in &self.lines {
            warn(&format!("error: {}", crate::terminal_text::quote(line.in_lang(lang))));
        }
        ExitCode::from(self.code)
    }
}

/// Loads a draft, turning every problem into an exit-2 failure naming the file, said as a
/// person who is not a programmer understands it.
pub fn load(path: &Path) -> Result<Draft, Failure> {
    draft::load(path).map_err(|err| {
        let shown = path.display();
        Failure::cannot_run(Said::new(format!("{shown}：{}", err.zh()), format!("{shown}: {err}")))
    })
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
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure::cannot_run(Said::new(
            format!("标准输出：{}", io_zh(&error)),
            format!("standard output: {error}"),
        ))),
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
    draft::write_derived(path, bytes).map_err(|e| Failure::cannot_run(cannot_write(path, &e)))
}

/// A file that could not be written, in both languages.
pub fn cannot_write(path: &Path, error: &std::io::Error) -> Said {
    let shown = path.display();
    let reason = if error.kind() == std::io::ErrorKind::NotFound {
        "要写入的文件夹不存在，请检查路径".to_string()
    } else {
        io_zh(error)
    };
    Said::new(format!("{shown}：无法写入，{reason}"), format!("{shown}: {error}"))
}
