//! The rule catalogue fails closed: every rule id the source names is in the catalogue (a
//! finding of an unknown rule would carry no basis and a made-up severity), and every field
//! path the source names outside the field table is a field of the table, a derived value or
//! a list column.

#![allow(clippy::expect_used, clippy::unwrap_used)] // tests fail loudly by design

use std::path::Path;

use crm_contract::checks::rule_by_id;
use crm_contract::render::context::{DERIVED_PATHS, DERIVED_ROW_KEYS};
use crm_contract::schema;

/// Every `.rs` file under a folder, with its text.
fn sources(dir: &Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("reads the folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            found.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push((path.display().to_string(), std::fs::read_to_string(&path).expect("reads")));
        }
    }
    found
}

/// The string literals of a source file (between double quotes on one line).
fn literals(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
        let mut rest = line;
        while let Some(start) = rest.find('"') {
            let after = &rest[start + 1..];
            let Some(end) = after.find('"') else { break };
            found.push(&after[..end]);
            rest = &after[end + 1..];
        }
    }
    found
}

fn is_rule_id(text: &str) -> bool {
    let bytes = text.as_bytes();
    let dash = text.find('-');
    dash.is_some_and(|d| {
        (2..=3).contains(&d)
            && bytes[..d].iter().all(u8::is_ascii_uppercase)
            && text.len() == d + 4
            && bytes[d + 1..].iter().all(u8::is_ascii_digit)
    })
}

#[test]
fn every_rule_the_source_names_is_in_the_catalogue() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut unknown = Vec::new();
    for (file, text) in sources(&root) {
        for literal in literals(&text).into_iter().filter(|l| is_rule_id(l)) {
            if rule_by_id(literal).is_none() {
                unknown.push(format!("{file}: {literal}"));
            }
        }
    }
    assert!(unknown.is_empty(), "rule ids with no catalogue entry:\n{}", unknown.join("\n"));
}

/// Top-level sections of the draft, so a dotted literal that starts with one is a path.
const SECTIONS: &[&str] = &[
    "meta",
    "parties",
    "system",
    "data",
    "confidentiality",
    "pricing",
    "payment",
    "implementation",
    "acceptance",
    "service",
    "breach",
    "disputes",
    "term",
    "signing",
    "notices",
    "force_majeure",
    "other",
    "checklist",
];

/// The keys the clause templates give their articles and paragraphs
/// (`{{ num.para("acceptance.review") }}`), which code may cite by number.
fn clause_keys() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("clauses");
    let mut keys = Vec::new();
    for entry in std::fs::read_dir(root).expect("clauses/") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).unwrap_or_default();
        for call in text.split("num.").skip(1).filter(|c| c.starts_with("para(") || c.starts_with("article(")) {
            let args = call.split_once(')').map_or("", |(a, _)| a);
            if let Some(key) = args.rsplit('"').nth(1).filter(|k| k.is_ascii()) {
                keys.push(key.to_string());
            }
        }
    }
    keys
}

fn known(path: &str) -> bool {
    let plain: String = path.split('[').next().unwrap_or(path).to_string();
    if schema::field(&plain).is_some() || DERIVED_PATHS.contains(&plain.as_str()) {
        return true;
    }
    if clause_keys().contains(&plain) {
        return true;
    }
    // A prefix (`"system."`) stands for the fields under it: there must be some.
    if let Some(prefix) = plain.strip_suffix('.') {
        return schema::all_fields().any(|(_, f)| f.path.starts_with(&format!("{prefix}.")));
    }
    // A list column: `payment.milestones[0].trigger` or `payment.milestones[].amount`.
    if let Some((list, rest)) = path.split_once('[') {
        let column = rest.split_once("].").map(|(_, c)| c);
        let spec = schema::field(list).and_then(schema::Field::list);
        return match (spec, column) {
            (Some(spec), Some(column)) => {
                spec.columns.iter().any(|c| c.path == column) || DERIVED_ROW_KEYS.contains(&(list, column))
            }
            (Some(_), None) => true,
            _ => false,
        };
    }
    // A section or group (`parties.buyer`) is known when a field lies under it.
    schema::all_fields().any(|(_, f)| f.path.starts_with(&format!("{plain}.")))
}

#[test]
fn every_field_path_the_source_names_is_in_the_table() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut unknown = Vec::new();
    for (file, text) in sources(&root) {
        if file.contains("/schema") {
            continue;
        }
        for literal in literals(&text) {
            let is_file_name =
                [".j2", ".json", ".md", ".bak", ".lock", ".tmp", ".docx", ".html"].iter().any(|e| literal.ends_with(e));
            let is_path = !is_file_name
                && literal.contains('.')
                && SECTIONS.iter().any(|s| literal.starts_with(&format!("{s}.")))
                && literal.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._[]".contains(c));
            if is_path && !known(literal) {
                unknown.push(format!("{file}: {literal}"));
            }
        }
    }
    assert!(unknown.is_empty(), "field paths not in the field table:\n{}", unknown.join("\n"));
}

#[test]
fn the_detectors_themselves_work() {
    assert!(is_rule_id("LIA-004") && is_rule_id("IP-001") && !is_rule_id("L-1") && !is_rule_id("LIA-04"));
    assert_eq!(literals(r#"a("x", "y") // "z""#), ["x", "y", "z"]);
    assert!(known("payment.milestones[0].trigger") && known("parties.buyer") && !known("payment.milestone"));
}
