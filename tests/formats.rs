//! Word and HTML: made from the same Markdown, so they say the same words; the .docx is
//! read back as zip + XML; the HTML is a snapshot; LibreOffice converts the .docx to PDF
//! when it is installed.

#![allow(clippy::expect_used, clippy::unwrap_used)] // tests fail loudly by design

use std::io::Read;

use crm_contract::cli::Format;
use crm_contract::draft::Draft;
use crm_contract::formats;
use crm_contract::render::Renderer;
use pulldown_cmark::{Event, Options, Parser};

const EXAMPLE: &str = include_str!("../assets/example-draft.json");

fn markdown(draft: &Draft) -> String {
    Renderer::built_in().expect("compiles").render(draft).expect("renders")
}

fn example_markdown() -> String {
    markdown(&Draft::from_json(EXAMPLE).expect("loads"))
}

/// The parts of a .docx as text.
fn docx_part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    let mut part = archive.by_name(name).expect("the part exists");
    let mut text = String::new();
    part.read_to_string(&mut text).expect("UTF-8 XML");
    text
}

/// All text of a .docx body, run by run.
fn docx_text(document_xml: &str) -> String {
    let mut text = String::new();
    for piece in document_xml.split("<w:t").skip(1) {
        let Some(start) = piece.find('>') else { continue };
        let Some(end) = piece.find("</w:t>") else { continue };
        text.push_str(&piece[start + 1..end]);
    }
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// The words of the Markdown, paragraph by paragraph.
fn markdown_words(markdown: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Text(text) => current.push_str(&text),
            Event::End(_) if !current.is_empty() => words.push(std::mem::take(&mut current)),
            _ => {}
        }
    }
    words
}

#[test]
fn the_docx_reads_back_with_every_heading_name_and_font() {
    let markdown = example_markdown();
    let bytes = formats::convert(&markdown, Format::Docx);
    let document = docx_part(&bytes, "word/document.xml");
    let text = docx_text(&document);
    for heading in markdown.lines().filter_map(|l| l.strip_prefix("## ")) {
        assert!(text.contains(heading), "missing heading {heading}");
    }
    for words in markdown_words(&markdown) {
        assert!(text.contains(&words), "the .docx lacks {words:?}");
    }
    for name in ["杭州悦购电子商务有限公司", "上海云策信息科技有限公司", "¥150,000.00", "人民币壹拾伍万元整"]
    {
        assert!(text.contains(name), "{name}");
    }
    let styles = docx_part(&bytes, "word/styles.xml");
    assert!(styles.contains(r#"w:eastAsia="SimSun""#), "宋体 for the body");
    assert!(styles.contains(r#"w:eastAsia="SimHei""#), "黑体 for headings");
    assert!(styles.contains("<w:tblBorders>"), "bordered tables");
    assert!(styles.contains(r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal">"#), "a default style");
    assert!(styles.contains(r#"<w:outlineLvl w:val="0"/>"#), "articles have an outline level");
    let articles = markdown.lines().filter(|l| l.starts_with("## ")).count();
    assert_eq!(document.matches(r#"<w:pStyle w:val="Heading1"/>"#).count(), articles, "every article is a heading");
    assert!(document.contains(r#"<w:pgSz w:w="11906" w:h="16838""#), "A4");
    assert!(document.contains(r#"w:top="1417" w:right="1417" w:bottom="1417" w:left="1417""#), "25 mm margins");
    let tables = markdown.lines().filter(|l| l.starts_with("| --- |")).count();
    assert_eq!(document.matches("<w:tblHeader/>").count(), tables, "every table's header row repeats");
    assert!(document.matches("<w:cantSplit/>").count() > tables, "rows never split across pages");
    assert!(document.contains("<w:pageBreakBefore"), "the appendices start a page");
    let footer = docx_part(&bytes, "word/footer1.xml");
    assert!(footer.contains("PAGE") && footer.contains("NUMPAGES"), "第 X 页 共 Y 页");
    assert!(docx_text(&footer).contains("第 ") && docx_text(&footer).contains(" 页 共 "));
    let header = docx_part(&bytes, "word/header1.xml");
    assert!(docx_text(&header).contains("合同编号：YG-CRM-2026-017"));
}

#[test]
fn the_html_says_the_same_words_and_prints_on_a4() {
    let markdown = example_markdown();
    let html = String::from_utf8(formats::convert(&markdown, Format::Html)).expect("UTF-8");
    assert!(html.contains("@page { size: A4;"));
    assert!(html.contains("<h2 class=\"appendix\">附件一"));
    assert!(!html.contains("<link") && !html.contains("<script") && !html.contains("http"), "self-contained");
    insta::assert_snapshot!("example_contract_html", html);
}

#[test]
fn blanks_are_fill_in_lines_in_both() {
    let markdown = markdown(&Draft::empty());
    let html = String::from_utf8(formats::convert(&markdown, Format::Html)).expect("UTF-8");
    assert!(html.contains("<span class=\"blank\">甲方名称</span>"));
    assert!(!html.contains("【待填写"));
    let document = docx_part(&formats::convert(&markdown, Format::Docx), "word/document.xml");
    assert!(document.contains(r#"<w:u w:val="single""#), "underlined blanks");
    assert!(docx_text(&document).contains("\u{3000}甲方名称\u{3000}"));
}

#[test]
fn export_writes_each_format_beside_the_draft() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("d.json"), EXAMPLE).expect("writes");
    for (format, extension) in [("markdown", "md"), ("html", "html"), ("docx", "docx")] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_crm-contract"))
            .args(["export", "d.json", "--format", format])
            .current_dir(dir.path())
            .env_remove("LANG")
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0), "{format}");
        assert!(dir.path().join(format!("d.{extension}")).exists(), "{format}");
    }
}

/// Word, WPS and LibreOffice must open it: LibreOffice converts it to a PDF here when it
/// is installed (`apt-get install libreoffice-writer-nogui`).
#[test]
fn libreoffice_converts_the_docx_to_pdf() {
    let Some(path) = which("libreoffice").or_else(|| which("soffice")) else {
        eprintln!("skipped: LibreOffice is not installed (apt-get install libreoffice-writer-nogui)");
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let docx = dir.path().join("contract.docx");
    std::fs::write(&docx, formats::convert(&example_markdown(), Format::Docx)).expect("writes");
    let out = std::process::Command::new(path)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&docx)
        .env("HOME", dir.path())
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let pdf = std::fs::read(dir.path().join("contract.pdf")).expect("a PDF");
    assert!(pdf.starts_with(b"%PDF"));
    assert!(pdf.len() > 20_000, "a real document of several pages");
    // The annex tables as printed: percentages, amounts and dates whole, the last column readable.
    let Some(pdftotext) = which("pdftotext") else {
        eprintln!("skipped the table check: pdftotext is not installed (apt-get install poppler-utils)");
        return;
    };
    let text = std::process::Command::new(pdftotext)
        .args(["-layout"])
        .arg(dir.path().join("contract.pdf"))
        .arg("-")
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&text.stdout);
    for whole in
        ["30%", "60%", "10%", "¥45,000.00", "¥90,000.00", "¥15,000.00", "付款节点", "责任方", "人民币肆万伍仟元整"]
    {
        assert!(text.contains(whole), "{whole} is broken across lines in the printed annex:\n{text}");
    }
}

fn which(name: &str) -> Option<std::path::PathBuf> {
    std::env::var_os("PATH").and_then(|paths| std::env::split_paths(&paths).map(|p| p.join(name)).find(|p| p.is_file()))
}
