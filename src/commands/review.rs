//! `crm-contract review FILE [--json] [--as buyer|supplier]`: the review of a contract this
//! tool did not write, as text (findings by paragraph, then the items of 第四百七十条) or as
//! the object `check --json` prints, each finding with its quote and location.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::json;

use super::{Failure, Said};
use crate::checks::{Finding, Severity};
use crate::i18n::Lang;
use crate::review::{self, Located, ReadError, Review, Side};
use crate::terminal_text::{self, quote};

/// The report to print and whether it holds an error-severity risk (exit 1).
#[derive(Debug)]
pub struct ReviewReport {
    pub text: String,
    pub has_errors: bool,
}

/// Reads and reviews a document.
pub fn review(path: &Path, as_json: bool, side: Side, lang: Lang) -> Result<ReviewReport, Failure> {
    let document = review::read(path).map_err(|e| Failure::cannot_run(read_failed(path, &e)))?;
    let result = review::review(&document, side);
    let text = if as_json { to_json(&result) } else { to_text(&result, lang) };
    let has_errors = result.findings.iter().any(|f| f.finding.severity == Severity::Error);
    Ok(ReviewReport { text, has_errors })
}

/// Why the file could not be read, in both languages: a file the user gave, so said in
/// words they read.
fn read_failed(path: &Path, error: &ReadError) -> Said {
    let shown = terminal_text::path(path);
    Said::new(format!("{shown}：{}", error.zh()), format!("{shown}: {}", error.en()))
}

fn counts(findings: &[Located]) -> (usize, usize, usize) {
    let count = |s: Severity| findings.iter().filter(|f| f.finding.severity == s).count();
    (count(Severity::Error), count(Severity::Warning), count(Severity::Info))
}

/// `error  DSP-001  第12段（第十二条　争议解决）  “…”：message [basis]`, the items of
/// 第四百七十条, then the counts.
fn to_text(review: &Review, lang: Lang) -> String {
    let mut out = String::new();
    for located in &review.findings {
        let Located { finding, paragraph, heading } = located;
        let place = match (paragraph, heading) {
            (Some(n), Some(h)) => lang.pick(&format!("第{n}段（{h}）"), &format!("paragraph {n} ({h})")).to_string(),
            (Some(n), None) => lang.pick(&format!("第{n}段"), &format!("paragraph {n}")).to_string(),
            (None, _) => lang.pick("全文", "whole document").to_string(),
        };
        let mut line = format!(
            "{:<7}  {}  {place}  {}",
            finding.severity.as_str(),
            finding.rule,
            lang.pick(&finding.message, &finding.message_en)
        );
        if !finding.basis.is_empty() {
            let _ = write!(line, " [{}]", finding.basis);
        }
        out.push_str(&quote(&line));
        out.push('\n');
    }
    out.push_str(lang.pick("《民法典》第四百七十条所列条款：", "Items of Civil Code art. 470: "));
    let items: Vec<String> =
        review.items.iter().map(|i| format!("{}{}", if i.present { "✓" } else { "✗" }, i.label)).collect();
    out.push_str(&items.join(" "));
    out.push('\n');
    let (errors, warnings, infos) = counts(&review.findings);
    let _ = writeln!(out, "{errors} errors, {warnings} warnings, {infos} infos");
    out
}

/// The object `check --json` prints; each finding's field is "document", with its quote and
/// location (`{"paragraph": N, "heading": "…"}`).
fn to_json(review: &Review) -> String {
    let entry = |located: &Located| {
        let f: &Finding = &located.finding;
        let mut item =
            json!({"rule": f.rule, "severity": f.severity, "field": f.field, "message": f.message, "basis": f.basis});
        if let Some(object) = item.as_object_mut() {
            if let Some(quote) = &f.quote {
                object.insert("quote".into(), json!(quote));
            }
            object.insert("location".into(), json!({"paragraph": located.paragraph, "heading": located.heading}));
        }
        item
    };
    let (errors, warnings, infos) = counts(&review.findings);
    let findings: Vec<_> = review.findings.iter().map(entry).collect();
    let document = json!({"findings": findings, "errors": errors, "warnings": warnings, "infos": infos});
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}
