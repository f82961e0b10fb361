//! The Markdown export passes markdownlint's default rules, line length aside (a contract's
//! paragraphs are long lines): the example, an empty draft exported incomplete, and every
//! companion document. Runs `markdownlint-cli2` when it is on the PATH (`.ci/run` installs
//! it with npm); skips with a message otherwise.

#![allow(clippy::expect_used, clippy::unwrap_used)] // tests fail loudly by design

#[path = "support/command.rs"]
#[allow(dead_code)] // shared by the command-line tests, which use different parts
mod command;

#[path = "support/libreoffice.rs"]
#[allow(dead_code)] // only its `which` is needed here
mod libreoffice;

use command::{code, example, run, stderr};

#[test]
fn the_markdown_exports_are_lint_clean() {
    let Some(markdownlint) = libreoffice::which("markdownlint-cli2") else {
        eprintln!("skipped: markdownlint-cli2 is not installed (npm install -g markdownlint-cli2)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("d.json"), example(dir.path()).to_string()).unwrap();
    std::fs::write(dir.path().join("empty.json"), r#"{"schema_version": 1}"#).unwrap();
    std::fs::write(dir.path().join(".markdownlint-cli2.jsonc"), r#"{"config": {"MD013": false}}"#).unwrap();
    let mut files = Vec::new();
    for (args, file) in [
        (vec!["export", "d.json"], "d.md"),
        (vec!["export", "empty.json", "--allow-incomplete"], "empty.md"),
        (vec!["export", "d.json", "--document", "acceptance"], "d.acceptance.md"),
        (vec!["export", "d.json", "--document", "dpa"], "d.dpa.md"),
        (vec!["export", "d.json", "--document", "poa-supplier"], "d.poa-supplier.md"),
    ] {
        let out = run(&args, dir.path());
        assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
        files.push(file);
    }
    let out = std::process::Command::new(markdownlint).args(&files).current_dir(dir.path()).output().expect("runs");
    assert!(
        out.status.success(),
        "markdownlint:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
