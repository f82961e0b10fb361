//! `crm-contract check FILE [--json]`: every finding, as text lines or one JSON object.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::json;

use super::{Failure, load};
use crate::checks::{self, Finding};
use crate::i18n::Lang;
use crate::terminal_text::quote;

/// Text lines wider than this are wrapped when the output is a terminal.
const MIN_WRAP_WIDTH: usize = 40;

/// The report to print and whether it holds an error (exit 1).
#[derive(Debug)]
pub struct CheckReport {
    pub text: String,
    pub has_errors: bool,
}

/// Runs the checks on a draft file.
pub fn check(path: &Path, as_json: bool, lang: Lang, width: Option<usize>) -> Result<CheckReport, Failure> {
    let draft = load(path)?;
    let findings = checks::run(&draft);
    let text = match (as_json, width.filter(|w| *w >= MIN_WRAP_WIDTH)) {
        (true, _) => to_json(&findings),
        (false, Some(width)) => to_wrapped_text(&findings, lang, width),
        (false, None) => to_text(&findings, lang),
    };
    Ok(CheckReport { text, has_errors: findings.iter().any(Finding::is_blocking) })
}

/// `error  REQ-001  parties.buyer.name  请填写“甲方名称”。 [basis]`, then the counts.
/// Accepted findings follow as `waived` lines with the reason.
pub fn to_text(findings: &[Finding], lang: Lang) -> String {
    let mut out = String::new();
    for finding in findings {
        let message = lang.pick(&finding.message, &finding.message_en);
        let severity = if finding.is_open() { finding.severity.as_str() } else { "waived" };
        let mut line = format!("{severity:<7}  {}  {}  {}", finding.rule, finding.field, message);
        if !finding.basis.is_empty() {
            let _ = write!(line, " [{}]", finding.basis);
        }
        if let Some(reason) = &finding.waived {
            let _ = write!(line, " ({}{reason})", lang.pick("已接受：", "accepted: "));
        }
        // Messages quote values and reasons from the draft: nothing of theirs reaches the
        // terminal raw, and one finding stays one line.
        out.push_str(&quote(&line));
        out.push('\n');
    }
    out.push_str(&summary(findings));
    out.push('\n');
    out
}

/// For a terminal: each finding's severity, rule and field on one line, then its message
/// and basis wrapped to the width, indented.
pub fn to_wrapped_text(findings: &[Finding], lang: Lang, width: usize) -> String {
    let mut out = String::new();
    for finding in findings {
        let severity = if finding.is_open() { finding.severity.as_str() } else { "waived" };
        let _ = writeln!(out, "{severity:<7}  {}  {}", finding.rule, quote(&finding.field));
        let mut body = lang.pick(&finding.message, &finding.message_en).to_string();
        if !finding.basis.is_empty() {
            let _ = write!(body, " [{}]", finding.basis);
        }
        if let Some(reason) = &finding.waived {
            let _ = write!(body, " ({}{reason})", lang.pick("已接受：", "accepted: "));
        }
        for line in wrap(&quote(&body), width.saturating_sub(4)) {
            let _ = writeln!(out, "    {line}");
        }
    }
    out.push_str(&summary(findings));
    out.push('\n');
    if lang == Lang::Zh {
        out.push_str(&summary_in_words(findings));
        out.push('\n');
    }
    out
}

/// Splits text into lines of at most `width` display columns, never inside a character.
fn wrap(text: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthChar;
    let mut lines = vec![String::new()];
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width.max(1) {
            lines.push(String::new());
            used = 0;
        }
        if let Some(line) = lines.last_mut() {
            line.push(c);
        }
        used += w;
    }
    lines
}

/// "N errors, N warnings, N infos", as product.md fixes it for scripts.
pub fn summary(findings: &[Finding]) -> String {
    let (errors, warnings, infos) = checks::counts(findings);
    format!("{errors} errors, {warnings} warnings, {infos} infos")
}

/// The summary in words and what to do, for a person reading `check` in a terminal in
/// the Chinese interface (scripts, which read a pipe, get the fixed line alone).
fn summary_in_words(findings: &[Finding]) -> String {
    let (errors, warnings, infos) = checks::counts(findings);
    let then = if errors > 0 {
        "改正错误后才能导出正式合同（或用 export --allow-incomplete 导出带空白的草稿）"
    } else if warnings > 0 {
        "没有错误，可以导出；警告请逐条确认"
    } else {
        "没有发现问题，可以导出"
    };
    format!("共{errors}个错误、{warnings}个警告、{infos}条提示：{then}")
}

/// Exactly the object product.md specifies; accepted findings, if any, under "waived"
/// with their reason, and not counted.
pub fn to_json(findings: &[Finding]) -> String {
    let (errors, warnings, infos) = checks::counts(findings);
    let entry = |f: &Finding| {
        let mut item =
            json!({"rule": f.rule, "severity": f.severity, "field": f.field, "message": f.message, "basis": f.basis});
        if let (Some(quote), Some(object)) = (&f.quote, item.as_object_mut()) {
            object.insert("quote".into(), json!(quote));
        }
        if let (Some(reason), Some(object)) = (&f.waived, item.as_object_mut()) {
            object.insert("reason".into(), json!(reason));
        }
        item
    };
    let open: Vec<_> = findings.iter().filter(|f| f.is_open()).map(entry).collect();
    let waived: Vec<_> = findings.iter().filter(|f| !f.is_open()).map(entry).collect();
    let mut document = json!({"findings": open, "errors": errors, "warnings": warnings, "infos": infos});
    if let (false, Some(object)) = (waived.is_empty(), document.as_object_mut()) {
        object.insert("waived".into(), json!(waived));
    }
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}
