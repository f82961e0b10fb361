//! The one set of rules that `check`, `export` and the wizard all run. Each rule lives in
//! a submodule by subject and takes its severity and legal basis from the catalogue;
//! every finding names its rule, severity, field path, a message in both languages and
//! the basis. Accepted findings (waivers stored in the draft) are kept but marked.

mod acceptance;
pub mod catalogue;
pub mod clause;
mod data;
mod disputes;
mod liability;
mod negotiation;
mod parties;
mod payment;
pub mod risks;
pub mod search;
mod structural;
mod term;
pub mod text;
pub mod thresholds;

use serde::Serialize;

use crate::draft::Draft;

pub use catalogue::{RULES, Rule, rule_by_id, waivable};

/// How serious a finding is. Errors block a strict export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One problem found in a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    /// The field path the finding belongs to, so the wizard can jump there.
    pub field: String,
    pub message: String,
    pub message_en: String,
    /// Law and article, or empty for purely internal consistency rules.
    pub basis: &'static str,
    /// The reason the user gave for accepting it, if they did.
    pub waived: Option<String>,
    /// For a rule on free text: the sentence it is about, as written.
    pub quote: Option<String>,
}

impl Finding {
    /// Whether the finding still counts: not accepted by a waiver.
    pub fn is_open(&self) -> bool {
        self.waived.is_none()
    }

    /// The same finding quoting the sentence it is about.
    #[must_use]
    pub fn quoting(mut self, sentence: &str) -> Self {
        self.quote = Some(sentence.to_string());
        self
    }

    /// An open error: blocks a strict export and makes `check` exit 1.
    pub fn is_blocking(&self) -> bool {
        self.severity == Severity::Error && self.is_open()
    }
}

/// The rules one submodule's check fires on a draft, for that module's tests.
#[cfg(test)]
pub(crate) fn fired(check: fn(&Draft, &mut Vec<Finding>), draft: &Draft) -> Vec<&'static str> {
    let mut findings = Vec::new();
    check(draft, &mut findings);
    findings.iter().map(|f| f.rule).collect()
}

/// Runs every rule. Never fails: any draft that loads yields a (possibly empty) list:
/// open findings first (errors, warnings, infos, each in contract order), then waived ones.
pub fn run(draft: &Draft) -> Vec<Finding> {
    let mut findings = Vec::new();
    structural::check(draft, &mut findings);
    parties::check(draft, &mut findings);
    payment::check(draft, &mut findings);
    acceptance::check(draft, &mut findings);
    liability::check(draft, &mut findings);
    disputes::check(draft, &mut findings);
    data::check(draft, &mut findings);
    term::check(draft, &mut findings);
    text::check(draft, &mut findings);
    risks::check(draft, &mut findings);
    negotiation::check(draft, &mut findings);
    one_cause_one_finding(&mut findings);
    apply_waivers(draft, &mut findings);
    findings.sort_by_key(|f| (f.waived.is_some(), f.severity));
    findings
}

/// A value that is missing is reported once, by REQ-001: the rules that would restate the
/// absence at the same field (PTY-001, ACC-001, DSP-002…) say nothing more about it.
fn one_cause_one_finding(findings: &mut Vec<Finding>) {
    let missing: Vec<String> = findings.iter().filter(|f| f.rule == "REQ-001").map(|f| f.field.clone()).collect();
    findings.retain(|f| f.rule == "REQ-001" || !missing.contains(&f.field));
}

/// Marks the findings the user accepted. Only waivable rules can be waived; a waiver for
/// an error that may not be waived is ignored.
fn apply_waivers(draft: &Draft, findings: &mut [Finding]) {
    let waivers = draft.waivers();
    if waivers.is_empty() {
        return;
    }
    for finding in findings {
        let allowed = rule_by_id(finding.rule).is_some_and(waivable);
        if let Some(waiver) = waivers.iter().find(|w| w.rule == finding.rule && w.field == finding.field)
            && allowed
        {
            finding.waived = Some(waiver.reason.clone());
        }
    }
}

/// Where a value sits: a top-level field or a cell of a list row. Its path is spelled out
/// only for a finding, so a clean draft of 100,000 rows allocates none.
#[derive(Clone, Copy)]
pub enum At {
    Field(&'static str),
    Cell { list: &'static str, row: usize, column: &'static str },
}

impl At {
    pub fn path(self) -> String {
        match self {
            At::Field(path) => path.to_string(),
            At::Cell { list, row, column } => format!("{list}[{row}].{column}"),
        }
    }

    /// The row, for messages that name it (第3行 / row 3).
    fn row(self) -> Option<usize> {
        match self {
            At::Field(_) => None,
            At::Cell { row, .. } => Some(row),
        }
    }
}

/// Counts of open findings by severity: (errors, warnings, infos).
pub fn counts(findings: &[Finding]) -> (usize, usize, usize) {
    let count = |severity| findings.iter().filter(|f| f.severity == severity && f.is_open()).count();
    (count(Severity::Error), count(Severity::Warning), count(Severity::Info))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::Waiver;
    use serde_json::json;

    #[test]
    fn an_empty_draft_yields_required_findings_without_panicking() {
        let findings = run(&Draft::empty());
        assert!(findings.iter().any(|f| f.rule == "REQ-001" && f.field == "parties.buyer.name"));
        assert!(findings.windows(2).all(|w| w[0].severity <= w[1].severity));
    }

    #[test]
    fn every_rule_used_is_in_the_catalogue() {
        for finding in run(&Draft::empty()).into_iter().chain(run(&Draft::with_presets())) {
            assert!(rule_by_id(finding.rule).is_some(), "{}", finding.rule);
        }
    }

    #[test]
    fn waivers_accept_warnings_and_pilot_codes_but_not_other_errors() {
        let mut draft = Draft::empty();
        draft.set("parties.buyer.uscc", json!("91350100M0001TGQXM"));
        draft.set("parties.supplier.uscc", json!("9135"));
        let waive = |rule: &str, field: &str| Waiver {
            rule: rule.into(),
            field: field.into(),
            reason: "早期试点代码，已核对营业执照".into(),
        };
        draft.set_waivers(&[waive("PTY-003", "parties.buyer.uscc"), waive("PTY-002", "parties.supplier.uscc")]);
        let findings = run(&draft);
        let pilot = findings.iter().find(|f| f.rule == "PTY-003").expect("PTY-003");
        assert_eq!(pilot.waived.as_deref(), Some("早期试点代码，已核对营业执照"));
        assert!(!pilot.is_blocking());
        let malformed = findings.iter().find(|f| f.rule == "PTY-002").expect("PTY-002");
        assert!(malformed.waived.is_none(), "a format error cannot be waived");
    }
}
