//! The PDF for signing: A4, text a platform can search (both parties, 第一条, the page
//! numbers), fonts embedded, the signature page alone on its page, the annexes as tables,
//! the same bytes for the same draft, and the SHA-256 printed after the export. Skips with a
//! message when no installed font covers Chinese (the export then says which package to
//! install) or poppler's tools are absent.

#![allow(clippy::expect_used, clippy::unwrap_used)] // tests fail loudly by design

#[path = "support/command.rs"]
#[allow(dead_code)] // shared by the command-line tests, which use different parts
mod command;

#[path = "support/libreoffice.rs"]
#[allow(dead_code)] // shared with the Word tests
mod libreoffice;

use std::process::Command;

use command::{code, example, run, stderr, stdout};

fn tool(name: &str, args: &[&str], file: &std::path::Path) -> String {
    let out = Command::new(name).args(args).arg(file).arg("-").output().expect("runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_pdf_is_a4_searchable_and_signs_on_its_own_page() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("d.json"), example(dir.path()).to_string()).unwrap();
    let out = run(&["export", "d.json", "--format", "pdf"], dir.path());
    if code(&out) == 2 && stderr(&out).contains("fonts-noto-cjk") {
        eprintln!("skipped: no installed font covers Chinese: {}", stderr(&out));
        return;
    }
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let pdf = dir.path().join("d.pdf");
    let bytes = std::fs::read(&pdf).expect("d.pdf beside the draft");
    assert!(bytes.starts_with(b"%PDF"));
    // The SHA-256 printed is the file's.
    let digest = command::sha256_hex(&bytes);
    assert!(stdout(&out).contains(&format!("SHA-256：{digest}")), "{}", stdout(&out));
    // The same draft, the same bytes.
    let again = run(&["export", "d.json", "--format", "pdf", "-o", "again.pdf"], dir.path());
    assert_eq!(code(&again), 0);
    assert_eq!(std::fs::read(dir.path().join("again.pdf")).unwrap(), bytes, "deterministic");
    let (Some(_), Some(_)) = (libreoffice::which("pdfinfo"), libreoffice::which("pdftotext")) else {
        eprintln!("skipped the page checks: poppler-utils is not installed");
        return;
    };
    let info = Command::new("pdfinfo").arg(&pdf).output().expect("runs");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("(A4)"), "{info}");
    let pages: usize = info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap();
    assert!(pages >= 8, "{pages} pages");
    let text = tool("pdftotext", &[], &pdf);
    for wanted in ["杭州悦购电子商务有限公司", "上海云策信息科技有限公司", "第一条", "第十六条", "附件二：付款计划"]
    {
        assert!(text.contains(wanted), "{wanted} is searchable");
    }
    assert!(text.contains(&format!("第 1 页 共 {pages} 页")), "page numbers");
    let fonts = Command::new("pdffonts").arg(&pdf).output().map(|o| String::from_utf8_lossy(&o.stdout).into_owned());
    if let Ok(fonts) = fonts {
        assert!(fonts.lines().skip(2).all(|l| l.contains(" yes ")), "every font embedded:\n{fonts}");
    }
    // The signature page: alone, between the last article and the annexes.
    let pages_text: Vec<&str> = text.split('\u{c}').collect();
    let signature = pages_text.iter().position(|p| p.contains("签署页，无正文")).expect("a signature page");
    assert!(!pages_text[signature].contains("第十六条") && !pages_text[signature].contains("附件一"));
    assert!(pages_text[signature + 1..].iter().any(|p| p.contains("附件一")), "the annexes follow it");
    // The annex tables as printed: percentages, amounts and dates whole.
    let layout = tool("pdftotext", &["-layout"], &pdf);
    for whole in ["30%", "60%", "10%", "¥45,000.00", "¥90,000.00", "人民币肆万伍仟元整", "付款节点", "责任方"]
    {
        assert!(layout.contains(whole), "{whole} is whole in the printed annex");
    }
}

/// The typesetter `export` runs: a PDF for a source, exit 2 and an `error:` line for one it
/// cannot set, never a panic.
#[test]
fn the_typesetter_says_why_it_cannot_set_a_source() {
    use std::io::Write as _;
    let typeset = |source: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_crm-contract-pdf"))
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("runs");
        child.stdin.take().unwrap().write_all(source.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    };
    let broken = typeset("#let x = (");
    let message = String::from_utf8_lossy(&broken.stderr);
    if broken.status.code() == Some(3) {
        eprintln!("skipped: no installed font covers Chinese: {message}");
        return;
    }
    assert_eq!(broken.status.code(), Some(2), "{message}");
    assert!(message.starts_with("error: ") && !message.contains("panicked"), "{message}");
    let fine = typeset("#\"甲方\"");
    assert_eq!(fine.status.code(), Some(0));
    assert!(fine.stdout.starts_with(b"%PDF"));
}

/// A `crm-contract` copied without its typesetter says where the typesetter should be, in
/// the interface language, and writes nothing.
#[test]
fn an_export_without_the_typesetter_says_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let alone = dir.path().join("bin").join("crm-contract");
    std::fs::create_dir(alone.parent().unwrap()).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_crm-contract"), &alone).unwrap();
    std::fs::write(dir.path().join("d.json"), example(dir.path()).to_string()).unwrap();
    let export = |lang: &str| {
        let out = Command::new(&alone)
            .args(["--lang", lang, "export", "d.json", "--format", "pdf"])
            .current_dir(dir.path())
            .output()
            .expect("runs");
        (code(&out), stderr(&out))
    };
    let (status, message) = export("zh");
    assert_eq!(status, 2, "{message}");
    assert!(
        message.starts_with("error: 找不到 PDF 排版程序 crm-contract-pdf：它应与 crm-contract 放在同一文件夹"),
        "{message}"
    );
    let (_, message) = export("en");
    assert!(message.contains("the PDF typesetter crm-contract-pdf is not beside this program"), "{message}");
    assert!(!dir.path().join("d.pdf").exists(), "nothing written");
}
