//! The development corpus of the legal review (`tests/fixtures/corpus/review-dev.json`, a
//! copy of `../shared/corpus/review-dev.json`): every planted defect must yield an error or
//! warning at its field (of an acceptable rule where the corpus names them), and no clean
//! variant may yield an error or a warning. Run with `--nocapture` for the score.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // tests fail loudly by design

use crm_contract::checks::{self, Finding, Severity};
use crm_contract::draft::Draft;
use serde_json::Value;

const EXAMPLE: &str = include_str!("../assets/example-draft.json");
const CORPUS: &str = include_str!("fixtures/corpus/review-dev.json");

fn apply(edits: &Value) -> Draft {
    let mut draft = Draft::from_json(EXAMPLE).expect("the example loads");
    for (path, value) in edits.as_object().expect("edits are an object") {
        draft.set(path, value.clone());
    }
    draft
}

fn serious(findings: &[Finding]) -> impl Iterator<Item = &Finding> {
    findings.iter().filter(|f| f.severity != Severity::Info && f.is_open())
}

#[test]
fn every_planted_defect_is_found_at_its_field() {
    let corpus: Value = serde_json::from_str(CORPUS).expect("the corpus is JSON");
    let mut missed = Vec::new();
    let planted = corpus["planted"].as_array().expect("planted items");
    for (index, item) in planted.iter().enumerate() {
        let findings = checks::run(&apply(&item["edits"]));
        let prefix = item["field_prefix"].as_str().expect("a field prefix");
        let acceptable: Vec<&str> = item["acceptable_rules"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let caught = serious(&findings)
            .any(|f| f.field.starts_with(prefix) && (acceptable.is_empty() || acceptable.contains(&f.rule)));
        if !caught {
            let near: Vec<String> = serious(&findings).map(|f| format!("{} {}", f.rule, f.field)).collect();
            missed.push(format!(
                "#{} {} (at {prefix}; found {near:?})",
                index + 1,
                item["what"].as_str().unwrap_or("")
            ));
        }
    }
    eprintln!("planted: {} of {} found", planted.len() - missed.len(), planted.len());
    assert!(missed.is_empty(), "{} planted defect(s) missed:\n{}", missed.len(), missed.join("\n"));
}

#[test]
fn no_clean_variant_draws_an_error_or_a_warning() {
    let corpus: Value = serde_json::from_str(CORPUS).expect("the corpus is JSON");
    let mut flagged = Vec::new();
    let clean = corpus["clean"].as_array().expect("clean items");
    for (index, item) in clean.iter().enumerate() {
        let findings = checks::run(&apply(&item["edits"]));
        let raised: Vec<String> = serious(&findings).map(|f| format!("{} {} {}", f.rule, f.field, f.message)).collect();
        if !raised.is_empty() {
            flagged.push(format!("C{} {}: {raised:?}", index + 1, item["what"].as_str().unwrap_or("")));
        }
    }
    eprintln!("clean: {} of {} pass", clean.len() - flagged.len(), clean.len());
    assert!(flagged.is_empty(), "{} clean variant(s) flagged:\n{}", flagged.len(), flagged.join("\n"));
}
