//! Word and HTML: renderings of the same document tree, so they say the same words; the
//! .docx is read back as zip + XML (styles with outline levels, Word numbering on every
//! article and paragraph, bookmarks and REF fields for references, header rows that repeat,
//! document properties); the HTML is a snapshot; LibreOffice converts the .docx to PDF when
//! it is installed, and the printed annex tables are checked.

#![allow(clippy::expect_used, clippy::unwrap_used)] // tests fail loudly by design

use std::io::Read;

use crm_contract::cli::Format;
use crm_contract::document::{self, Block, Document, Inline};
use crm_contract::draft::Draft;
use crm_contract::formats::{self, docx};
use crm_contract::render::{DocumentKind, Renderer, context};

const EXAMPLE: &str = include_str!("../assets/example-draft.json");

fn tree(draft: &Draft) -> Document {
    Renderer::built_in().expect("compiles").render_tree(DocumentKind::Contract, context::build(draft)).expect("renders")
}

fn example_tree() -> Document {
    tree(&Draft::from_json(EXAMPLE).expect("loads"))
}

fn convert(document: &Document, format: Format) -> Vec<u8> {
    formats::convert(document, format, &docx::Options::default()).expect("converts")
}

/// The parts of a .docx as text.
fn docx_part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    let mut part = archive.by_name(name).expect("the part exists");
    let mut text = String::new();
    part.read_to_string(&mut text).expect("UTF-8 XML");
    text
}

fn has_part(bytes: &[u8], name: &str) -> bool {
    zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive").by_name(name).is_ok()
}

/// All text of a .docx body, run by run.
fn docx_text(document_xml: &str) -> String {
    let mut text = String::new();
    let document_xml = document_xml.replace("<w:noBreakHyphen/>", "<w:t>-</w:t>");
    for piece in document_xml.split("<w:t").skip(1) {
        let Some(start) = piece.find('>') else { continue };
        let Some(end) = piece.find("</w:t>") else { continue };
        text.push_str(&piece[start + 1..end]);
    }
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// Every paragraph's and cell's text in the tree, as it prints without its number.
fn tree_texts(document: &Document) -> Vec<String> {
    fn walk(block: &Block, out: &mut Vec<String>) {
        match block {
            Block::Title(c) | Block::Heading { content: c, .. } => out.push(document::plain(c)),
            Block::Paragraph(p) => out.push(document::plain(&p.content)),
            Block::List(items) => out.extend(items.iter().map(|i| document::plain(i))),
            Block::Table(t) => out.extend(t.header.iter().chain(t.rows.iter().flatten()).map(|c| document::plain(c))),
            Block::Article(a) => {
                out.push(document::plain(&a.title));
                a.blocks.iter().for_each(|b| walk(b, out));
            }
            Block::Annex(a) => {
                out.push(document::plain(&a.title));
                a.blocks.iter().for_each(|b| walk(b, out));
            }
            Block::PageBreak => {}
        }
    }
    let mut out = Vec::new();
    document.blocks().for_each(|b| walk(b, &mut out));
    out.into_iter().filter(|t| !t.is_empty()).collect()
}

fn count(document: &Document, wanted: fn(&Block) -> bool) -> usize {
    fn walk(block: &Block, wanted: fn(&Block) -> bool) -> usize {
        let inner = match block {
            Block::Article(a) => a.blocks.iter().map(|b| walk(b, wanted)).sum(),
            Block::Annex(a) => a.blocks.iter().map(|b| walk(b, wanted)).sum(),
            _ => 0,
        };
        inner + usize::from(wanted(block))
    }
    document.blocks().map(|b| walk(b, wanted)).sum()
}

#[test]
fn the_docx_says_the_same_words_with_styles_numbering_and_fields() {
    let tree = example_tree();
    let bytes = convert(&tree, Format::Docx);
    let document = docx_part(&bytes, "word/document.xml");
    let text = docx_text(&document);
    for words in tree_texts(&tree) {
        // References print as fields: their cached number is in the text.
        assert!(text.contains(&words), "the .docx lacks {words:?}");
    }
    let styles = docx_part(&bytes, "word/styles.xml");
    assert!(styles.contains(r#"w:eastAsia="SimSun""#), "宋体 for the body");
    assert!(styles.contains(r#"w:eastAsia="SimHei""#), "黑体 for headings");
    assert!(styles.contains("<w:tblBorders>"), "bordered tables");
    assert!(styles.contains(r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal">"#), "a default style");
    for (style, name) in [("ArticleHeading", "条款标题"), ("Clause", "条款"), ("AnnexHeading", "附件标题")] {
        let at = styles.find(&format!(r#"w:styleId="{style}""#)).unwrap_or_else(|| panic!("{style}"));
        let definition = &styles[at..at + styles[at..].find("</w:style>").unwrap()];
        assert!(definition.contains(&format!(r#"<w:name w:val="{name}"/>"#)), "{style} is named {name}");
        assert!(definition.contains("<w:numPr>"), "{style} carries its numbering");
    }
    assert!(styles.contains(r#"<w:outlineLvl w:val="0"/>"#), "articles have an outline level");
    let numbering = docx_part(&bytes, "word/numbering.xml");
    assert!(numbering.contains(r#"<w:numFmt w:val="chineseCounting"/><w:pStyle w:val="ArticleHeading"/>"#));
    assert!(
        numbering.contains(r#"<w:lvlText w:val="第%1条"/>"#) && numbering.contains(r#"<w:lvlText w:val="%1.%2"/>"#)
    );
    assert!(numbering.contains("<w:isLgl/>"), "9.2, not 九.2");
    let articles = count(&tree, |b| matches!(b, Block::Article(_)));
    assert_eq!(document.matches(r#"<w:pStyle w:val="ArticleHeading"/>"#).count(), articles, "every article numbered");
    let numbered = count(&tree, |b| matches!(b, Block::Paragraph(p) if p.number.is_some()));
    assert_eq!(document.matches(r#"<w:pStyle w:val="Clause"/>"#).count(), numbered, "every paragraph numbered");
    assert!(!text.contains("第一条") && !text.contains("1.1　"), "numbers are Word's, not typed");
    assert!(
        document.contains("<w:t xml:space=\"preserve\">wanglei@yuegou</w:t></w:r><w:r><w:noBreakHyphen/>"),
        "e-mail never breaks"
    );
    // Cross-references: a REF field per reference, to a bookmark that exists.
    let references: usize =
        tree.blocks().map(|b| b.inlines().into_iter().filter(|i| matches!(i, Inline::Reference { .. })).count()).sum();
    assert!(references > 0);
    assert_eq!(document.matches("<w:instrText xml:space=\"preserve\"> REF _Ref").count(), references);
    for field in document.split("> REF _Ref").skip(1) {
        let id: String = field.chars().take_while(char::is_ascii_digit).collect();
        assert!(document.contains(&format!(r#"w:name="_Ref{id}""#)), "bookmark _Ref{id} exists");
    }
    assert!(document.contains(r#"<w:pgSz w:w="11906" w:h="16838""#), "A4");
    assert!(document.contains(r#"w:top="1417" w:right="1417" w:bottom="1417" w:left="1417""#), "25 mm margins");
    let tables = count(&tree, |b| matches!(b, Block::Table(_)));
    assert_eq!(document.matches("<w:tblHeader/>").count(), tables, "every table's header row repeats");
    assert!(document.matches("<w:cantSplit/>").count() > tables, "rows never split across pages");
    assert!(document.contains("<w:pageBreakBefore"), "the signature page and the annexes start a page");
    let footer = docx_part(&bytes, "word/footer1.xml");
    assert!(footer.contains("PAGE") && footer.contains("NUMPAGES"), "第 X 页 共 Y 页");
    let header = docx_part(&bytes, "word/header1.xml");
    assert!(header.contains("合同编号：YG-CRM-2026-017"));
    let core = docx_part(&bytes, "docProps/core.xml");
    assert!(core.contains("<dc:title>新型CRM平台系统合同</dc:title>") && core.contains("YG-CRM-2026-017"));
    assert!(core.contains("甲方：杭州悦购电子商务有限公司；乙方：上海云策信息科技有限公司"), "the parties");
    assert!(!has_part(&bytes, "word/comments.xml"), "the clean export carries no comment");
    let settings = docx_part(&bytes, "word/settings.xml");
    assert!(!settings.contains("trackRevisions"));
    let tracking =
        formats::convert(&tree, Format::Docx, &docx::Options { track_changes: true, ..docx::Options::default() })
            .expect("converts");
    assert!(docx_part(&tracking, "word/settings.xml").contains("<w:trackRevisions/>"), "--track-changes");
}

#[test]
fn the_html_says_the_same_words_and_prints_on_a4() {
    let tree = example_tree();
    let html = String::from_utf8(convert(&tree, Format::Html)).expect("UTF-8");
    assert!(html.contains("@page { size: A4;"));
    assert!(
        html.contains("<section class=\"annexes\">\n<h2 class=\"annex\" id=\"annex.modules\">附件一：功能模块清单")
    );
    assert!(html.contains("<span class=\"id\">wanglei@yuegou-shop.cn</span>"), "identifiers never break");
    assert!(html.contains("<a class=\"ref\" href=\"#"), "references link to their clause");
    assert!(!html.contains("<link") && !html.contains("<script") && !html.contains("http"), "self-contained");
    insta::assert_snapshot!("example_contract_html", html);
}

#[test]
fn blanks_are_fill_in_lines_in_both() {
    let tree = tree(&Draft::empty());
    let html = String::from_utf8(convert(&tree, Format::Html)).expect("UTF-8");
    assert!(html.contains("<span class=\"blank\">甲方名称</span>"));
    assert!(!html.contains("【待填写"));
    let document = docx_part(&convert(&tree, Format::Docx), "word/document.xml");
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
    std::fs::write(&docx, convert(&example_tree(), Format::Docx)).expect("writes");
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

/// The internal review copy: every finding of `check` a Word comment with its rule, message
/// and basis, at its clause — a free-text finding at the paragraph holding the sentence it
/// quotes; the clean export of the same draft carries none.
#[test]
fn the_review_copy_puts_every_finding_at_its_clause() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut draft: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap();
    draft["other"] = serde_json::json!({"terms": "乙方有权根据市场情况单方调整服务价格。"});
    draft["data"]["audit_right"] = serde_json::json!(false);
    draft["parties"]["buyer"].as_object_mut().unwrap().remove("legal_rep");
    std::fs::write(dir.path().join("d.json"), draft.to_string()).unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_crm-contract"))
            .args(args)
            .current_dir(dir.path())
            .env_remove("LANG")
            .output()
            .expect("runs")
    };
    let check = run(&["check", "d.json", "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let findings = report["findings"].as_array().unwrap();
    assert!(findings.len() >= 2, "{report}");
    // Errors or not, the review copy is made: it is for looking at them.
    assert_eq!(check.status.code(), Some(1), "the draft has an error");
    let out = run(&["export", "d.json", "--format", "docx", "--with-findings"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let bytes = std::fs::read(dir.path().join("d.review.docx")).expect("FILE.review.docx by default");
    let comments = docx_part(&bytes, "word/comments.xml");
    assert_eq!(comments.matches("<w:comment ").count(), findings.len(), "one comment per finding");
    for finding in findings {
        assert!(comments.contains(finding["rule"].as_str().unwrap()), "{finding}");
    }
    assert!(comments.contains("依据：《个人信息保护法》第二十一条"), "the basis");
    assert!(comments.contains("【错误】REQ-001"), "errors too");
    let document = docx_part(&bytes, "word/document.xml");
    for id in 0..findings.len() {
        assert!(document.contains(&format!(r#"<w:commentRangeStart w:id="{id}"/>"#)), "comment {id} is placed");
        assert!(document.contains(&format!(r#"<w:commentReference w:id="{id}"/>"#)));
    }
    // The price-change finding sits on the paragraph that says it.
    let quoted = findings.iter().position(|f| f["quote"].as_str().is_some_and(|q| q.contains("单方调整"))).unwrap();
    let at = document.find(&format!(r#"<w:commentRangeStart w:id="{quoted}"/>"#)).unwrap();
    let paragraph_end = at + document[at..].find("</w:p>").unwrap();
    assert!(docx_text(&document[at..paragraph_end]).contains("单方调整服务价格"), "at the sentence it quotes");
    let out = run(&["export", "d.json", "--format", "docx", "--allow-incomplete", "-o", "clean.docx"]);
    assert_eq!(out.status.code(), Some(0));
    let clean = std::fs::read(dir.path().join("clean.docx")).unwrap();
    assert!(!has_part(&clean, "word/comments.xml"), "the clean copy has no comment");
    let out = run(&["export", "d.json", "--format", "html", "--with-findings"]);
    assert_eq!(out.status.code(), Some(2), "only Word carries comments");
}
