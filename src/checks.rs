//! The one set of rules that `check`, `export` and the wizard all run. Each rule lives in
//! a submodule by subject; every finding names its rule, severity, field path, a message
//! in both languages and the legal basis.

mod dates;
mod parties;
mod payment;
mod structural;

use serde::Serialize;

use crate::draft::Draft;

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
}

impl Finding {
    pub(crate) fn new(
        rule: &'static str,
        severity: Severity,
        field: impl Into<String>,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> Self {
        Finding { rule, severity, field: field.into(), message: zh.into(), message_en: en.into(), basis: "" }
    }

    #[must_use]
    pub(crate) fn basis(mut self, basis: &'static str) -> Self {
        self.basis = basis;
        self
    }
}

/// Runs every rule. Never fails: any draft that loads yields a (possibly empty) list,
/// errors first, then warnings, then infos, each in contract order.
pub fn run(draft: &Draft) -> Vec<Finding> {
    let mut findings = Vec::new();
    structural::check(draft, &mut findings);
    parties::check(draft, &mut findings);
    payment::check(draft, &mut findings);
    dates::check(draft, &mut findings);
    findings.sort_by_key(|f| f.severity);
    findings
}

/// Counts of findings by severity: (errors, warnings, infos).
pub fn counts(findings: &[Finding]) -> (usize, usize, usize) {
    let count = |severity| findings.iter().filter(|f| f.severity == severity).count();
    (count(Severity::Error), count(Severity::Warning), count(Severity::Info))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_draft_yields_required_findings_without_panicking() {
        let findings = run(&Draft::empty());
        assert!(findings.iter().any(|f| f.rule == "REQ-001" && f.field == "parties.buyer.name"));
        assert!(findings.windows(2).all(|w| w[0].severity <= w[1].severity));
    }
}
