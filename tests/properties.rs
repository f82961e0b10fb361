//! Rules that must hold for every input: Markdown escaping keeps the document's block
//! structure, amounts in capitals read back to the same amount, drafts round-trip.

#![allow(clippy::expect_used, clippy::unwrap_used)] // tests fail loudly by design

use crm_contract::draft::Draft;
use crm_contract::markdown::{escape_cell, escape_text, sanitize, tidy_blocks};
use crm_contract::money::words::{parse_words, to_words};
use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use rust_decimal::Decimal;
use serde_json::Value;

/// Strings rich in what Markdown treats specially, mixed with CJK and controls.
fn markdownish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "#",
        "##",
        "-",
        "+",
        "*",
        "_",
        "`",
        "```",
        "~~~",
        ">",
        "|",
        "[",
        "]",
        "(",
        ")",
        "!",
        "<",
        "/",
        "&",
        "&amp;",
        "1.",
        "2)",
        "=",
        "===",
        "---",
        "\\",
        "\n",
        "\n\n",
        "\r\n",
        "\t",
        "    ",
        " ",
        "http://x.y",
        "<b>",
        "甲方",
        "合同",
        "，",
        "。",
        "a",
        "9",
        "\u{1b}[31m",
        "\u{202e}",
        "\u{0}",
        "$",
        ":",
    ]);
    prop::collection::vec(pieces, 0..24).prop_map(|parts| parts.concat())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![markdownish(), any::<String>()]
}

/// The text content and the kinds of events of a Markdown document.
fn parse(document: &str) -> (Vec<String>, String) {
    let mut kinds = Vec::new();
    let mut text = String::new();
    for event in Parser::new_ext(document, Options::ENABLE_TABLES) {
        match event {
            Event::Text(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push('\n'),
            Event::Start(tag) => kinds.push(format!("start {}", tag_name(&tag))),
            Event::End(tag) => kinds.push(format!("end {}", end_name(tag))),
            other => kinds.push(format!("{other:?}")),
        }
    }
    (kinds, text)
}

fn tag_name(tag: &Tag<'_>) -> &'static str {
    match tag {
        Tag::Paragraph => "paragraph",
        Tag::Table(_) => "table",
        Tag::TableHead => "head",
        Tag::TableRow => "row",
        Tag::TableCell => "cell",
        _ => "other",
    }
}

fn end_name(tag: TagEnd) -> &'static str {
    match tag {
        TagEnd::Paragraph => "paragraph",
        TagEnd::Table => "table",
        TagEnd::TableHead => "head",
        TagEnd::TableRow => "row",
        TagEnd::TableCell => "cell",
        _ => "other",
    }
}

/// What a value reads as after escaping: its lines trimmed, blank lines dropped.
fn expected_text(value: &str, separator: &str) -> String {
    let clean = sanitize(value);
    clean
        .split('\n')
        .map(|l| l.trim_matches([' ', '\u{a0}']))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(separator)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn escaped_text_stays_inside_its_paragraph(value in any_text()) {
        let document = tidy_blocks(&format!("前文{}后文\n", escape_text(&value)));
        let (kinds, text) = parse(&document);
        prop_assert_eq!(kinds, vec!["start paragraph".to_string(), "end paragraph".to_string()], "{:?}", document);
        prop_assert_eq!(text, format!("前文{}后文", expected_text(&value, "\n")));
    }

    #[test]
    fn escaped_cells_stay_in_their_cell(value in any_text()) {
        let document = format!("| a | b |\n|---|---|\n| {} | 尾 |\n", escape_cell(&value));
        let (kinds, _) = parse(&document);
        let expected: Vec<String> = [
            "start table", "start head", "start cell", "end cell", "start cell", "end cell", "end head",
            "start row", "start cell", "end cell", "start cell", "end cell", "end row", "end table",
        ].iter().map(|s| (*s).to_string()).collect();
        prop_assert_eq!(kinds, expected, "{:?}", document);
    }

    #[test]
    fn amounts_in_capitals_read_back(fen in 0u64..=100_000_000_000_000u64) {
        let amount = Decimal::new(i64::try_from(fen).unwrap_or(i64::MAX), 2);
        let words = to_words(amount).expect("writable");
        prop_assert!(words.starts_with("人民币"));
        prop_assert!(!words.chars().any(|c| "一二三四五六七八九十两0123456789".contains(c)), "{}", words);
        prop_assert!(!words.contains("零零"), "{}", words);
        prop_assert!(!(words.ends_with("分整")), "{}", words);
        prop_assert_eq!(parse_words(&words), Some(amount), "{}", words);
    }

    #[test]
    fn drafts_round_trip(values in prop::collection::vec((0usize..200, any_text()), 0..30)) {
        let paths: Vec<&str> = crm_contract::schema::all_fields()
            .filter(|(_, f)| f.kind.is_stored_as_string())
            .map(|(_, f)| f.path)
            .collect();
        let mut draft = Draft::empty();
        for (index, text) in &values {
            draft.set(paths[index % paths.len()], Value::from(text.as_str()));
        }
        let json = draft.to_json();
        let reloaded = Draft::from_json(&json).expect("a saved draft loads");
        prop_assert_eq!(&reloaded, &draft);
        prop_assert_eq!(reloaded.to_json(), json);
    }
}

/// Inputs the fuzzers found, kept as regressions: each loads, saves, and loads back to the
/// same draft and the same bytes.
#[test]
fn fuzz_findings_stay_fixed() {
    for entry in std::fs::read_dir("tests/fixtures/fuzz").expect("folder") {
        let path = entry.expect("entry").path();
        let text = String::from_utf8(std::fs::read(&path).expect("reads")).expect("UTF-8");
        let Ok(draft) = Draft::from_json(&text) else { continue };
        let saved = draft.to_json();
        let reloaded = Draft::from_json(&saved).expect("a saved draft loads");
        assert_eq!(reloaded, draft, "{}", path.display());
        assert_eq!(reloaded.to_json(), saved, "{}: key order changed on the second save", path.display());
    }
}
