//! The command line from the outside: every command, exit code and error message of
//! product.md, run on the real binary.

#![allow(clippy::expect_used, clippy::unwrap_used)] // tests fail loudly by design

#[path = "support/command.rs"]
#[allow(dead_code)] // shared by the command-line tests, which use different parts
mod command;

use command::{binary, code, run, run_en, stderr, stdout};
use std::fs;
use std::path::PathBuf;

use serde_json::Value;

const EXAMPLE: &str = include_str!("../assets/example-draft.json");

/// A temporary folder holding `d.json` with the example draft, edited by `edit`.
fn draft_with(edit: impl FnOnce(&mut Value)) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut value: Value = serde_json::from_str(EXAMPLE).expect("example parses");
    edit(&mut value);
    let path = dir.path().join("d.json");
    fs::write(&path, serde_json::to_string_pretty(&value).expect("serializes")).expect("writes");
    (dir, path)
}

#[test]
fn example_check_export_works_from_a_fresh_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run(&["example", "-o", "d.json"], dir.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(fs::read_to_string(dir.path().join("d.json")).expect("written"), EXAMPLE);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(dir.path().join("d.json")).expect("exists").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let out = run(&["check", "d.json"], dir.path());
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert_eq!(stdout(&out), "0 errors, 0 warnings, 0 infos\n");
    let out = run(&["export", "d.json"], dir.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let bytes = fs::read(dir.path().join("d.md")).expect("exported");
    let digest = command::sha256_hex(&bytes);
    assert_eq!(stdout(&out), format!("合同已导出：d.md\nSHA-256：{digest}\n"), "where, and the file's SHA-256");
    let contract = fs::read_to_string(dir.path().join("d.md")).expect("exported");
    assert!(contract.starts_with("# 新型CRM平台系统合同\n"));
}

#[test]
fn example_goes_to_stdout_without_a_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run(&["example"], dir.path());
    assert_eq!(code(&out), 0);
    assert_eq!(stdout(&out), EXAMPLE);
}

#[test]
fn check_json_is_exactly_the_specified_object() {
    let (dir, _) = draft_with(|d| {
        d["disputes"]["arbitration_commission"] = Value::Null;
    });
    let out = run(&["check", "d.json", "--json"], dir.path());
    assert_eq!(code(&out), 1);
    let report: Value = serde_json::from_str(&stdout(&out)).expect("one JSON object");
    let keys: Vec<&str> = report.as_object().expect("object").keys().map(String::as_str).collect();
    assert_eq!(keys, ["findings", "errors", "warnings", "infos"]);
    assert_eq!(report["errors"], 1, "one cause, one finding: REQ-001, not DSP-002 restating it");
    let finding = &report["findings"][0];
    let keys: Vec<&str> = finding.as_object().expect("object").keys().map(String::as_str).collect();
    assert_eq!(keys, ["rule", "severity", "field", "message", "basis"]);
    assert_eq!(finding["rule"], "REQ-001");
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["field"], "disputes.arbitration_commission");
    assert_eq!(finding["message"], "请填写“仲裁委员会”。");
}

#[test]
fn a_missing_required_field_fails_check_and_export() {
    let (dir, _) = draft_with(|d| {
        d["parties"]["buyer"].as_object_mut().expect("object").remove("name");
    });
    let out = run(&["check", "d.json"], dir.path());
    assert_eq!(code(&out), 1);
    assert!(stdout(&out).contains("error    REQ-001  parties.buyer.name  请填写“甲方名称”。"), "{}", stdout(&out));
    assert!(!stdout(&out).contains("PTY-001"), "the absence is reported once, by REQ-001");
    assert!(stdout(&out).ends_with("1 errors, 0 warnings, 0 infos\n"), "{}", stdout(&out));

    let out = run(&["export", "d.json"], dir.path());
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).lines().all(|l| l.starts_with("error: ")), "{}", stderr(&out));
    assert!(stderr(&out).contains("REQ-001  parties.buyer.name"));
    assert!(!dir.path().join("d.md").exists(), "nothing is written");

    let out = run(&["export", "d.json", "--allow-incomplete", "-o", "-"], dir.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("**甲方（采购方）**：【待填写：甲方名称】"));
}

#[test]
fn english_ui_switches_messages_not_the_contract() {
    let (dir, _) = draft_with(|d| {
        d["parties"]["buyer"]["name"] = Value::Null;
    });
    let out = run(&["--lang", "en", "check", "d.json"], dir.path());
    assert!(stdout(&out).contains("“Buyer name” is required."), "{}", stdout(&out));
    let out =
        binary().args(["check", "d.json"]).env("LANG", "en_US.UTF-8").current_dir(dir.path()).output().expect("runs");
    assert!(stdout(&out).contains("“Buyer name” is required."));
}

#[test]
fn export_writes_where_asked() {
    let (dir, _) = draft_with(|_| {});
    let out = run(&["export", "d.json", "-o", "out/contract.md"], dir.path());
    assert_eq!(code(&out), 2, "a missing folder cannot be written");
    assert!(stderr(&out).starts_with("error: out/contract.md：无法写入，要写入的文件夹不存在"), "{}", stderr(&out));
    fs::create_dir(dir.path().join("out")).expect("mkdir");
    let out = run(&["export", "d.json", "-o", "out/contract.md", "--format", "markdown"], dir.path());
    assert_eq!(code(&out), 0);
    let out = run(&["export", "d.json", "-o", "-"], dir.path());
    assert_eq!(stdout(&out), fs::read_to_string(dir.path().join("out/contract.md")).expect("written"));
}

/// Every way a command cannot run: exit 2, `error:` lines saying what and where, no panic.
#[test]
fn unusable_input_exits_2_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |name: &str, bytes: &[u8]| fs::write(dir.path().join(name), bytes).expect("writes");
    write("syntax.json", b"{\n  \"schema_version\": 1,\n  oops\n}\n");
    write("newer.json", b"{\"schema_version\": 2}");
    write("type.json", b"{\"schema_version\": 1, \"parties\": {\"buyer\": {\"name\": [1]}}}");
    write("empty.json", b"");
    write("latin1.json", b"{\"a\": \"\xe9\"}");
    write("array.json", b"[]");
    write("deep.json", "[".repeat(10_000).as_bytes());
    fs::create_dir(dir.path().join("folder.json")).expect("mkdir");
    fs::File::create(dir.path().join("huge.json")).and_then(|f| f.set_len(65 * 1024 * 1024)).expect("sparse file");
    let cases: &[(&[&str], &str)] = &[
        (&["check", "missing.json"], "error: missing.json: No such file or directory"),
        (&["check", "syntax.json"], "error: syntax.json: line 3, column 3: key must be a string"),
        (&["check", "newer.json"], "error: newer.json: schema_version 2 is newer than this program supports (1)"),
        (&["check", "type.json"], "error: type.json: parties.buyer.name: expected text, found a list"),
        (&["check", "empty.json"], "error: empty.json: the file is empty"),
        (&["check", "latin1.json"], "error: latin1.json: not valid UTF-8 (first bad byte at offset 7)"),
        (&["check", "array.json"], "error: array.json: a draft must be a JSON object"),
        (&["check", "deep.json"], "error: deep.json: line 1, column 128: recursion limit exceeded"),
        (&["check", "folder.json"], "error: folder.json: not a regular file"),
        (
            &["check", "huge.json"],
            "error: huge.json: the file is 68157440 bytes; drafts larger than 67108864 bytes are refused",
        ),
        (&["export", "newer.json"], "error: newer.json: schema_version 2"),
        (&["check"], "error: the following required arguments were not provided"),
        (&["export", "x.json", "--format", "rtf"], "error: invalid value 'rtf' for '--format <FORMAT>'"),
        (&["frobnicate"], "error: unrecognized subcommand 'frobnicate'"),
    ];
    for (args, expected) in cases {
        let out = run_en(args, dir.path());
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).starts_with(expected), "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"), "{args:?}");
    }
    assert_eq!(
        fs::read(dir.path().join("newer.json")).expect("still there"),
        b"{\"schema_version\": 2}",
        "never modified"
    );
}

#[test]
fn broken_custom_clauses_exit_2_with_file_and_line() {
    let (dir, _) = draft_with(|_| {});
    let clauses = dir.path().join("clauses");
    fs::create_dir(&clauses).expect("mkdir");
    fs::write(clauses.join("term.md.j2"), "第一行\n{{ term.start_date|cn_date }\n").expect("writes");
    let out = run(&["export", "d.json", "--clauses", "clauses"], dir.path());
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).starts_with("error: 条款模板出错：term.md.j2, line 2: syntax error"), "{}", stderr(&out));

    fs::write(clauses.join("term.md.j2"), "{% include \"../d.json\" %}\n").expect("writes");
    let out = run(&["export", "d.json", "--clauses", "clauses"], dir.path());
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("term.md.j2") || stderr(&out).contains("../d.json"), "{}", stderr(&out));
    assert!(stderr(&out).contains("模板名指向条款文件夹之外"), "said in Chinese: {}", stderr(&out));
    let out = run_en(&["export", "d.json", "--clauses", "clauses"], dir.path());
    assert!(stderr(&out).contains("leaves the clause folder"), "{}", stderr(&out));
    // A file given as the folder is said as a person reads it.
    let out = run(&["export", "d.json", "--clauses", "d.json"], dir.path());
    assert!(stderr(&out).contains("d.json：这不是文件夹"), "{}", stderr(&out));

    fs::write(clauses.join("term.md.j2"), "{% for i in range(10000) %}{% for j in range(10000) %}{% for k in range(10000) %}{% endfor %}{% endfor %}{% endfor %}\n").expect("writes");
    let out = run_en(&["export", "d.json", "--clauses", "clauses", "-o", "-"], dir.path());
    assert_eq!(code(&out), 2, "a runaway loop is stopped");
    assert!(stderr(&out).contains("fuel"), "{}", stderr(&out));

    let out = run(&["export", "d.json", "--clauses", "nowhere"], dir.path());
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).starts_with("error: 条款模板出错：nowhere：找不到该文件或文件夹"), "{}", stderr(&out));
}

#[test]
fn custom_clauses_replace_built_in_files_by_name() {
    let (dir, _) = draft_with(|_| {});
    let clauses = dir.path().join("clauses");
    fs::create_dir(&clauses).expect("mkdir");
    fs::write(clauses.join("disputes.md.j2"), "## 自定义争议条款\n\n仲裁机构：{{ disputes.arbitration_commission }}\n")
        .expect("writes");
    let out = run(&["export", "d.json", "--clauses", "clauses", "-o", "-"], dir.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("## 自定义争议条款\n\n仲裁机构：杭州仲裁委员会\n"));
    assert!(stdout(&out).contains("## 附件一：功能模块清单"), "other files stay built in");
}

#[test]
fn schema_prints_a_json_schema() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run(&["schema"], dir.path());
    assert_eq!(code(&out), 0);
    let schema: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert!(schema["properties"]["disputes"]["properties"]["method"]["enum"].is_array());
}

#[test]
fn help_and_version_exit_0() {
    let dir = tempfile::tempdir().expect("temp dir");
    for args in [&["--help"][..], &["--version"], &["export", "--help"]] {
        let out = run(args, dir.path());
        assert_eq!(code(&out), 0, "{args:?}");
    }
    assert!(stdout(&run(&["--help"], dir.path())).contains("export"));
}

#[test]
fn messages_follow_the_interface_language_and_say_what_to_do() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("notes.txt"), "会议纪要\n").expect("writes");
    let out = run(&["check", "notes.txt"], dir.path());
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).starts_with("error: notes.txt：这不是草稿文件"), "Chinese by default: {}", stderr(&out));
    let out = run(&["check", "missing.json"], dir.path());
    assert!(stderr(&out).contains("找不到该文件"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("os error"), "no system jargon: {}", stderr(&out));
    let out = run_en(&["check", "notes.txt"], dir.path());
    assert!(stderr(&out).starts_with("error: notes.txt: line 1, column 1"), "{}", stderr(&out));
    let example = command::example(dir.path());
    fs::write(dir.path().join("d.json"), example.to_string()).expect("writes");
    let out = run(&["export", "d.json", "-o", "d.json"], dir.path());
    assert!(stderr(&out).contains("这就是草稿本身") && stderr(&out).contains("--force"), "{}", stderr(&out));
}
