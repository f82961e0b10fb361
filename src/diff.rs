//! Two drafts compared as a lawyer reads a new version: the 变更对照表 (each changed field
//! with its article, old and new values as the contract writes them), the changed clauses as
//! a character-level redline, and the findings the change adds and removes. Drafts that
//! differ only in key order, spacing or the wizard's resume position say the same thing.

pub mod fields;
pub mod redline;

use std::fmt::Write as _;

use crate::checks::{self, Finding, Severity};
use crate::draft::Draft;
use crate::formats::revision::{DEL_END, DEL_START};
use crate::markdown;
use crate::render::{RenderError, Renderer, context};
pub use fields::Change;
pub use redline::Redline;

/// Everything `diff` reports.
#[derive(Debug, Clone)]
pub struct Comparison {
    pub changes: Vec<Change>,
    pub redline: Redline,
    /// Open findings of the new draft that the old one did not have, and the reverse.
    pub new_findings: Vec<Finding>,
    pub fixed_findings: Vec<Finding>,
}

impl Comparison {
    /// Whether the drafts say the same thing.
    pub fn is_same(&self) -> bool {
        self.changes.is_empty()
    }
}

/// Compares two drafts through one renderer (the same clauses for both).
pub fn compare(old: &Draft, new: &Draft, renderer: &Renderer) -> Result<Comparison, RenderError> {
    let (old_text, _) = renderer.render_numbered(context::build(old))?;
    let (new_text, clauses) = renderer.render_numbered(context::build(new))?;
    let mut changes = fields::changes(old, new, &clauses);
    // In the order of the contract: the front matter, then article by article.
    changes.sort_by_key(|change| {
        let article = change.clause.split(" · ").next().unwrap_or_default();
        if article == "合同首部" {
            0
        } else {
            new_text.find(&format!("## {article}")).map_or(usize::MAX, |at| at + 1)
        }
    });
    let redline = if changes.is_empty() { Redline::default() } else { redline::redline(&old_text, &new_text) };
    let (before, after) = (open_findings(old), open_findings(new));
    let key = |f: &Finding| (f.rule, f.field.clone(), f.message.clone());
    let new_findings = after.iter().filter(|f| !before.iter().any(|b| key(b) == key(f))).cloned().collect();
    let fixed_findings = before.iter().filter(|f| !after.iter().any(|a| key(a) == key(f))).cloned().collect();
    Ok(Comparison { changes, redline, new_findings, fixed_findings })
}

fn open_findings(draft: &Draft) -> Vec<Finding> {
    checks::run(draft).into_iter().filter(Finding::is_open).collect()
}

/// The names a report gives the two versions.
#[derive(Debug, Clone)]
pub struct Versions<'a> {
    pub old: &'a str,
    pub new: &'a str,
}

/// The report in Markdown with revision marks (`formats::revision`) where text was deleted
/// or inserted: [`crate::formats::revision::as_markdown`] makes them `~~…~~` / `**…**`, the
/// HTML writer `<del>` / `<ins>`.
pub fn report(comparison: &Comparison, versions: &Versions<'_>) -> String {
    let mut out = String::from("# 变更对照表\n\n");
    let _ = write!(
        out,
        "原稿：{}\u{3000}\u{3000}修改稿：{}\n\n",
        markdown::escape_text(versions.old),
        markdown::escape_text(versions.new)
    );
    if comparison.is_same() {
        out.push_str("两稿约定的内容相同。\n");
        return out;
    }
    let _ = write!(out, "共{}处变更。\n\n", comparison.changes.len());
    out.push_str("| 序号 | 条款 | 原约定 | 修改后 |\n|---|---|---|---|\n");
    for (index, change) in comparison.changes.iter().enumerate() {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            index + 1,
            cell(&change.clause),
            cell(&change.old),
            cell(&change.new)
        );
    }
    out.push_str("\n## 条款修订\n\n删除的文字划线标出，新增的文字加粗标出。\n\n");
    for passage in &comparison.redline.passages {
        if let Some(heading) = &passage.heading {
            let _ = write!(out, "### {heading}\n\n");
        }
        // Rows of a table are shown under the table's own header.
        if let Some(header) = &passage.table_header {
            let columns = header.matches('|').count().saturating_sub(1);
            let _ = write!(out, "{header}\n|{}\n", "---|".repeat(columns));
            for line in passage.lines.iter().filter(|l| !l.starts_with("|---") && *l != header) {
                out.push_str(line);
                out.push('\n');
            }
            out.push('\n');
        } else {
            for line in passage.lines.iter().filter(|l| !l.starts_with("|---")) {
                out.push_str(line);
                out.push_str("\n\n");
            }
        }
    }
    out.push_str("## 风险变化\n\n");
    if comparison.new_findings.is_empty() && comparison.fixed_findings.is_empty() {
        out.push_str("本次修改没有增加或者消除审查发现的问题。\n");
    }
    for finding in &comparison.new_findings {
        let _ = writeln!(
            out,
            "- **【新增{}】{} {}**",
            severity(finding.severity),
            finding.rule,
            markdown::escape_text(&finding.message)
        );
    }
    for finding in &comparison.fixed_findings {
        let _ = writeln!(
            out,
            "- 【已消除】{DEL_START}{} {}{DEL_END}",
            finding.rule,
            markdown::escape_text(&finding.message)
        );
    }
    out
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "错误",
        Severity::Warning => "风险",
        Severity::Info => "提示",
    }
}

/// A value in a table cell, escaped as the contract's tables are (sanitizing removes any
/// revision mark a value might hold).
fn cell(text: &str) -> String {
    markdown::escape_cell(text)
}
