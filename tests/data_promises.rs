//! The data promises of the README from the command line: no command writes over a draft
//! it did not mean to, nothing from a file reaches the terminal raw, every export is
//! well-formed, and no input or closed pipe makes the program panic.

#![allow(clippy::expect_used, clippy::unwrap_used)] // tests fail loudly by design

#[path = "support/command.rs"]
#[allow(dead_code)] // shared by the command-line tests, which use different parts
mod command;

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use command::{binary, code, run, stderr};

const EXAMPLE: &str = include_str!("../assets/example-draft.json");

fn folder_with_example() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("d.json"), EXAMPLE).expect("writes");
    dir
}

#[test]
fn export_never_replaces_the_draft_it_reads() {
    let dir = folder_with_example();
    for args in [
        &["export", "d.json", "-o", "d.json"][..],
        &["export", "d.json", "-o", "./d.json"],
        &["export", "d.json", "--format", "html", "-o", "d.json"],
        &["export", "d.json", "--format", "docx", "-o", "d.json"],
    ] {
        let out = run(args, dir.path());
        assert_eq!(code(&out), 2, "{args:?}");
        assert!(stderr(&out).contains("这就是草稿本身"), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("--force"), "says what to do");
        assert_eq!(fs::read_to_string(dir.path().join("d.json")).expect("reads"), EXAMPLE, "{args:?}");
    }
    // A link to the draft is the draft.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("d.json", dir.path().join("link.md")).expect("links");
        let out = run(&["export", "d.json", "-o", "link.md"], dir.path());
        assert_eq!(code(&out), 2);
        assert_eq!(fs::read_to_string(dir.path().join("d.json")).expect("reads"), EXAMPLE);
    }
    // Asked for, it is done.
    let out = run(&["export", "d.json", "-o", "d.json", "--force"], dir.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(fs::read_to_string(dir.path().join("d.json")).expect("reads").starts_with("# "));
}

#[test]
fn export_never_replaces_another_draft_and_never_names_its_output_after_the_input() {
    let dir = folder_with_example();
    fs::write(dir.path().join("other.json"), EXAMPLE).expect("writes");
    let out = run(&["export", "d.json", "-o", "other.json"], dir.path());
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("这是一份合同草稿"), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(dir.path().join("other.json")).expect("reads"), EXAMPLE);

    // A draft named contract.md: the default output is not the draft.
    fs::write(dir.path().join("contract.md"), EXAMPLE).expect("writes");
    let out = run(&["export", "contract.md"], dir.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(fs::read_to_string(dir.path().join("contract.md")).expect("reads"), EXAMPLE);
    assert!(fs::read_to_string(dir.path().join("contract.contract.md")).expect("exported").starts_with("# "));

    // An ordinary earlier export is replaced as before.
    let out = run(&["export", "d.json"], dir.path());
    assert_eq!(code(&out), 0);
    let out = run(&["export", "d.json"], dir.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

#[test]
fn example_and_new_never_replace_an_existing_file_unasked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mine = dir.path().join("mine.json");
    let edited = EXAMPLE.replace("杭州悦购电子商务有限公司", "我改过的公司");
    fs::write(&mine, &edited).expect("writes");
    let out = run(&["example", "-o", "mine.json"], dir.path());
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("文件已存在") && stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&mine).expect("reads"), edited);
    let out = run(&["example", "-o", "mine.json", "--force"], dir.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&mine).expect("reads"), EXAMPLE);
    let out = run(&["example", "-o", "fresh.json"], dir.path());
    assert_eq!(code(&out), 0);

    let out = run(&["new", "mine.json"], dir.path());
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--force"));
}

#[test]
fn the_wizard_without_a_terminal_exits_2_and_creates_nothing() {
    let dir = folder_with_example();
    for args in [&["open", "d.json"][..], &["new", "x.json"], &[]] {
        let out = run(args, dir.path());
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        let text = stderr(&out);
        assert!(text.starts_with("error: ") && text.contains("终端"), "{args:?}: {text}");
        assert!(!text.contains("panicked") && !text.contains("backtrace"), "{text}");
    }
    assert!(!dir.path().join("x.json").exists(), "no draft is created");
    assert!(!dir.path().join("x.json.lock").exists() && !dir.path().join("d.json.lock").exists());
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let dir = folder_with_example();
    for args in [&["schema"][..], &["check", "d.json"], &["export", "d.json", "-o", "-"], &["example"]] {
        let mut child = binary()
            .args(args)
            .current_dir(dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawns");
        // Read a little, then close the pipe, as `| head -c 10` does.
        let mut first = [0u8; 10];
        child.stdout.as_mut().expect("stdout").read_exact(&mut first).expect("reads");
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("waits");
        let text = stderr(&out);
        assert!(!text.contains("panicked") && !text.contains("Broken pipe"), "{args:?}: {text}");
        assert_ne!(out.status.code(), Some(101), "{args:?}");
    }
}

/// A draft with the payloads of the attack in its values.
fn hostile_draft(dir: &Path) -> String {
    let mut draft: serde_json::Value = serde_json::from_str(EXAMPLE).expect("parses");
    draft["system"]["deployment"] = "saas\u{1b}]52;c;SGFja2Vk\u{7}".into();
    draft["pricing"]["license_fee"] = "1\u{1b}[2J".into();
    draft["disputes"]["arbitration_commission"] =
        "\u{1b}]8;;https://evil.example/\u{1b}\\click\u{1b}]8;;\u{1b}\\".into();
    draft["parties"]["buyer"]["name"] = "杭州\u{202e}悦购\u{ffff}\u{fffe}电子商务有限公司".into();
    draft["waivers"] =
        serde_json::json!([{"rule": "LIA-002", "field": "liability.cap", "reason": "\u{1b}]52;c;eA==\u{7}\u{1b}[2J"}]);
    let text = serde_json::to_string_pretty(&draft).expect("writes");
    fs::write(dir.join("e.json"), &text).expect("writes");
    text
}

#[test]
fn nothing_from_a_draft_or_a_file_name_reaches_the_terminal_raw() {
    let dir = tempfile::tempdir().expect("temp dir");
    hostile_draft(dir.path());
    for args in [&["check", "e.json"][..], &["check", "e.json", "--json"], &["export", "e.json", "-o", "-"]] {
        let out = run(args, dir.path());
        let all = [out.stdout.clone(), out.stderr.clone()].concat();
        let text = String::from_utf8_lossy(&all);
        assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'), "{args:?}: raw escape: {text:?}");
        assert!(!text.contains('\u{202e}'), "{args:?}: a bidi override");
    }
    // File names in error lines and messages.
    let name = "x\u{1b}]52;c;SGk=\u{7}\u{1b}[2J.json";
    for args in [&["check", name][..], &["example", "-o", name]] {
        let out = run(args, dir.path());
        let text = String::from_utf8_lossy(&[out.stdout.clone(), out.stderr.clone()].concat()).into_owned();
        assert!(!text.contains('\u{1b}'), "{args:?}: {text:?}");
        assert!(text.contains('␛'), "the escape is shown as a placeholder: {text:?}");
    }
}

#[test]
fn every_export_is_well_formed_whatever_the_values_hold() {
    let dir = tempfile::tempdir().expect("temp dir");
    hostile_draft(dir.path());
    let out = run(&["export", "e.json", "--allow-incomplete", "--format", "docx", "-o", "e.docx"], dir.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let file = fs::File::open(dir.path().join("e.docx")).expect("opens");
    let mut archive = zip::ZipArchive::new(file).expect("a zip");
    for index in 0..archive.len() {
        let mut part = archive.by_index(index).expect("part");
        let extension = Path::new(part.name()).extension().and_then(|e| e.to_str()).unwrap_or_default();
        if !extension.eq_ignore_ascii_case("xml") && !extension.eq_ignore_ascii_case("rels") {
            continue;
        }
        let mut xml = String::new();
        part.read_to_string(&mut xml).expect("UTF-8");
        well_formed(&xml).unwrap_or_else(|e| panic!("{}: {e}", part.name()));
    }
    let out = run(&["export", "e.json", "--allow-incomplete", "--format", "html", "-o", "e.html"], dir.path());
    assert_eq!(code(&out), 0);
    let html = fs::read_to_string(dir.path().join("e.html")).expect("reads");
    assert!(!html.contains(['\u{fffe}', '\u{ffff}', '\u{1b}']), "no forbidden character in HTML");
    let markdown = String::from_utf8(run(&["export", "e.json", "--allow-incomplete", "-o", "-"], dir.path()).stdout)
        .expect("UTF-8");
    assert!(!markdown.contains(['\u{fffe}', '\u{ffff}', '\u{1b}']), "nor in Markdown");
    assert!(markdown.contains("杭州\u{fffd}悦购\u{fffd}\u{fffd}电子商务有限公司"), "shown alike in every format");
}

/// Parses XML completely; the characters XML 1.0 forbids are errors.
fn well_formed(xml: &str) -> Result<(), String> {
    if let Some(bad) = xml
        .chars()
        .find(|&c| matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}'))
    {
        return Err(format!("forbidden character U+{:04X}", u32::from(bad)));
    }
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => return Ok(()),
            Ok(_) => {}
            Err(error) => return Err(format!("at {}: {error}", reader.buffer_position())),
        }
    }
}

#[test]
fn custom_templates_are_bounded_in_memory_output_and_file_type() {
    let dir = folder_with_example();
    let doubling = "{% set ns = namespace(s=\"xxxxxxxxxx\") %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}";
    let joined = "{{ range(100000)|join(\"x\" * 10000) }}";
    for (name, template) in [("doubling", doubling), ("joined", joined)] {
        let folder = dir.path().join(name);
        fs::create_dir(&folder).expect("mkdir");
        fs::write(folder.join("contract.md.j2"), template).expect("writes");
        let out = run(&["export", "d.json", "--clauses", name, "-o", "out.md"], dir.path());
        assert_eq!(code(&out), 2, "{name}: {}", stderr(&out));
        let text = stderr(&out);
        assert!(text.starts_with("error: clause templates: ") && text.contains("contract.md.j2"), "{name}: {text}");
        assert!(text.contains("256 MiB"), "{name}: {text}");
        assert!(!dir.path().join("out.md").exists(), "{name}: nothing is written");
    }
    #[cfg(unix)]
    {
        let folder = dir.path().join("fifo");
        fs::create_dir(&folder).expect("mkdir");
        if Command::new("mkfifo").arg(folder.join("contract.md.j2")).status().is_ok_and(|s| s.success()) {
            let out = run(&["export", "d.json", "--clauses", "fifo", "-o", "out.md"], dir.path());
            assert_eq!(code(&out), 2);
            assert!(stderr(&out).contains("contract.md.j2：这不是普通文件"), "{}", stderr(&out));
        }
    }
}
