//! `crm-contract review`: a contract this tool did not write, read from .md, .txt or a .docx
//! made by another program (LibreOffice), through the real binary.

#![allow(clippy::expect_used, clippy::unwrap_used)] // tests fail loudly by design

#[path = "support/command.rs"]
#[allow(dead_code)] // shared by the command-line tests, which use different parts
mod command;

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn review(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crm-contract")).arg("review").args(args).output().expect("runs")
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).expect("one JSON object")
}

fn rules(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["rule"].as_str().unwrap_or("").to_string())
        .collect()
}

fn export(draft: &Path, out: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_crm-contract"))
        .args(["export"])
        .arg(draft)
        .arg("-o")
        .arg(out)
        .arg("--allow-incomplete")
        .output()
        .expect("runs")
        .status;
    assert!(status.success());
}

#[test]
fn the_example_contract_reviews_clean() {
    let dir = tempfile::tempdir().expect("temp dir");
    let draft = dir.path().join("d.json");
    std::fs::write(&draft, include_str!("../assets/example-draft.json")).expect("writes");
    let contract = dir.path().join("d.md");
    export(&draft, &contract);
    let out = review(&["--json", contract.to_str().expect("UTF-8")]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let report = json(&out);
    assert_eq!(report["errors"], 0);
    assert_eq!(report["warnings"], 0, "{report:#}");
}

#[test]
fn vendor_clauses_pasted_into_the_example_are_caught() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut draft: Value = serde_json::from_str(include_str!("../assets/example-draft.json")).expect("JSON");
    draft["other"] = serde_json::json!({"terms": "乙方保留随时调整收费标准的权利，调整后的费用自公告之日起执行。乙方对甲方的利润损失、数据丢失在任何情况下均不承担责任。任何一方对仲裁裁决不满意的，均可另行向人民法院起诉。"});
    let path = dir.path().join("d.json");
    std::fs::write(&path, serde_json::to_string(&draft).expect("JSON")).expect("writes");
    let contract = dir.path().join("d.md");
    export(&path, &contract);
    let out = review(&["--json", contract.to_str().expect("UTF-8")]);
    let found = rules(&json(&out));
    for rule in ["PRC-001", "LIA-011", "DSP-005"] {
        assert!(found.iter().any(|r| r == rule), "{rule} missed: {found:?}");
    }
    assert_eq!(out.status.code(), Some(1), "DSP-005 is an error");
}

#[test]
fn a_word_file_from_another_program_is_reviewed_with_locations() {
    let out = review(&["--json", "tests/fixtures/review/vendor-paper-libreoffice.docx"]);
    assert_eq!(out.status.code(), Some(1), "或裁或诉 is an error");
    let report = json(&out);
    let found = rules(&report);
    for rule in
        ["DSP-001", "PRC-001", "ACC-005", "DAT-010", "DAT-012", "LIA-010", "LIA-009", "TRM-011", "TRM-012", "LIA-005"]
    {
        assert!(found.iter().any(|r| r == rule), "{rule} missed: {found:?}");
    }
    let price =
        report["findings"].as_array().expect("findings").iter().find(|f| f["rule"] == "PRC-001").expect("PRC-001");
    assert_eq!(price["field"], "document");
    assert_eq!(price["location"]["heading"], "第二条 服务费用");
    assert!(price["location"]["paragraph"].as_u64().is_some());
    assert!(price["quote"].as_str().expect("a quote").starts_with("服务商有权根据运营成本变化"));
    // The same text as .txt gives the same findings.
    let txt = json(&review(&["--json", "tests/fixtures/review/vendor-paper.txt"]));
    assert_eq!(rules(&txt), found);
}

#[test]
fn the_text_report_lists_the_items_of_article_470() {
    let out = review(&["tests/fixtures/review/vendor-paper.txt"]);
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(text.contains("《民法典》第四百七十条所列条款：✓（一）当事人的名称和住所"), "{text}");
    assert!(text.contains("第8段（第二条 服务费用）"), "{text}");
}

#[test]
fn the_supplier_side_sees_only_what_binds_it() {
    let buyer = rules(&json(&review(&["--json", "tests/fixtures/review/vendor-paper.txt"])));
    let supplier = rules(&json(&review(&["--json", "--as", "supplier", "tests/fixtures/review/vendor-paper.txt"])));
    assert!(buyer.iter().any(|r| r == "PRC-001") && !supplier.iter().any(|r| r == "PRC-001"));
    assert!(supplier.iter().any(|r| r == "DSP-001"), "a void clause binds both sides");
}

#[test]
fn what_cannot_be_read_exits_2_with_an_error_line_in_the_interface_language() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Each file, and what a person reads about it in Chinese (the default) and in English.
    let cases = [
        (
            "scan.pdf",
            b"%PDF-1.4".as_slice(),
            "不能审阅 .pdf 文件：请把合同另存为 .docx、.md 或 .txt",
            ".pdf files cannot be reviewed",
        ),
        (
            "broken.docx",
            b"not a zip".as_slice(),
            "这不是 Word 文档（.docx），或者文件已损坏",
            "not a Word document (.docx)",
        ),
        ("empty.txt", b"  \n".as_slice(), "文件中没有文字：扫描件无法审阅", "no text found"),
        ("gbk.txt", b"\xb9\xfa\xbc\xd2".as_slice(), "文件不是 UTF-8 编码的文本", "not UTF-8 text"),
    ];
    let stderr_of = |out: Output| String::from_utf8(out.stderr).expect("UTF-8");
    for (name, bytes, zh, en) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("writes");
        let path = path.to_str().expect("UTF-8");
        let out = review_in(None, &[path]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let stderr = stderr_of(out);
        assert!(stderr.starts_with("error: ") && stderr.lines().count() == 1, "{name}: {stderr}");
        assert!(stderr.contains(&format!("{name}：{zh}")), "{name}: {stderr}");
        let stderr = stderr_of(review_in(Some("en"), &[path]));
        assert!(stderr.contains(&format!("{name}: {en}")), "{name}: {stderr}");
    }
    let missing = dir.path().join("missing.docx");
    let out = review_in(None, &[missing.to_str().expect("UTF-8")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(out).contains("missing.docx：找不到该文件或文件夹，请检查路径"));
    let out = review_in(None, &[dir.path().to_str().expect("UTF-8")]);
    assert!(stderr_of(out).contains("这不是普通文件"));
}

/// `review` in the given interface language (`None`: the default, Chinese, with no locale set).
fn review_in(lang: Option<&str>, args: &[&str]) -> Output {
    let mut command = command::binary();
    if let Some(lang) = lang {
        command.args(["--lang", lang]);
    }
    command.arg("review").args(args).output().expect("runs")
}
