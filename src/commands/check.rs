//! `crm-contract check FILE [--json]`: every finding, as text lines or one JSON object.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::json;

use super::{Failure, load};
use crate::checks::{self, Finding, Severity};
use crate::i18n::Lang;

/// The report to print and whether it holds an error (exit 1).
#[derive(Debug)]
pub struct CheckReport {
    pub text: String,
    pub has_errors: bool,
}

/// Runs the checks on a draft file.
pub fn check(path: &Path, as_json: bool, lang: Lang) -> Result<CheckReport, Failure> {
    let draft = load(path)?;
    let findings = checks::run(&draft);
    let text = if as_json { to_json(&findings) } else { to_text(&findings, lang) };
    Ok(CheckReport { text, has_errors: findings.iter().any(|f| f.severity == Severity::Error) })
}

/// `error  REQ-001  parties.buyer.name  请填写“甲方名称”。 [basis]`, then the counts.
pub fn to_text(findings: &[Finding], lang: Lang) -> String {
    let mut out = String::new();
    for finding in findings {
        let message = lang.pick(&finding.message, &finding.message_en);
        let _ = write!(out, "{:<7}  {}  {}  {}", finding.severity.as_str(), finding.rule, finding.field, message);
        if !finding.basis.is_empty() {
            let _ = write!(out, " [{}]", finding.basis);
        }
        out.push('\n');
    }
    out.push_str(&summary(findings));
    out.push('\n');
    out
}

/// "N errors, N warnings, N infos"
pub fn summary(findings: &[Finding]) -> String {
    let (errors, warnings, infos) = checks::counts(findings);
    format!("{errors} errors, {warnings} warnings, {infos} infos")
}

/// Exactly the object product.md specifies.
pub fn to_json(findings: &[Finding]) -> String {
    let (errors, warnings, infos) = checks::counts(findings);
    let list: Vec<_> = findings
        .iter()
        .map(|f| {
            json!({
                "rule": f.rule,
                "severity": f.severity,
                "field": f.field,
                "message": f.message,
                "basis": f.basis,
            })
        })
        .collect();
    let document = json!({"findings": list, "errors": errors, "warnings": warnings, "infos": infos});
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}
