//! The real binary run as a command, for the command-line tests: a clean locale, standard
//! input closed, and its exit code and output as text.

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The binary with no locale from the environment (the interface language is the default).
pub(crate) fn binary() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_crm-contract"));
    for name in ["LANG", "LC_ALL", "LC_MESSAGES"] {
        command.env_remove(name);
    }
    command
}

/// Runs the binary in `dir` with nothing on standard input.
pub(crate) fn run(args: &[&str], dir: &Path) -> Output {
    binary().args(args).current_dir(dir).stdin(Stdio::null()).output().expect("the binary runs")
}

/// Runs the binary in `dir` with the English interface (`--lang en`), for the tests that
/// read its English messages.
pub(crate) fn run_en(args: &[&str], dir: &Path) -> Output {
    binary().arg("--lang").arg("en").args(args).current_dir(dir).stdin(Stdio::null()).output().expect("the binary runs")
}

pub(crate) fn code(output: &Output) -> i32 {
    output.status.code().expect("exited normally")
}

pub(crate) fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub(crate) fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The example draft as JSON, from the binary itself.
pub(crate) fn example(dir: &Path) -> serde_json::Value {
    let out = run(&["example"], dir);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("the example is JSON")
}

/// The SHA-256 of some bytes in lowercase hex, as `export` prints it.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    use std::fmt::Write as _;
    Sha256::digest(bytes).iter().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}
