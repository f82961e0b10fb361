//! REQ-001 (a required field is missing) and FMT-001 (a value does not parse as its kind),
//! driven entirely by the schema table, for top-level fields and every list cell.

use serde_json::Value;

use super::{At, Finding};
use crate::derived::cell_text;
use crate::draft::Draft;
use crate::schema::{self, Field, Kind};
use crate::values;

pub(super) fn check(draft: &Draft, findings: &mut Vec<Finding>) {
    for (_, field) in schema::all_fields() {
        if !field.applies(draft) {
            continue;
        }
        match field.kind {
            Kind::List(spec) => {
                let rows = draft.rows(field.path);
                if field.required && rows.len() < spec.min_rows {
                    findings.push(missing_rows(field, spec.min_rows));
                }
                for (index, row) in rows.iter().enumerate() {
                    for column in spec.columns {
                        let at = At::Cell { list: field.path, row: index, column: column.path };
                        check_value(column, row.get(column.path), at, findings);
                    }
                }
            }
            _ => check_value(field, draft.get(field.path), At::Field(field.path), findings),
        }
    }
}

/// 第3行的 before a cell's label; nothing for a top-level field.
fn where_zh(at: At) -> String {
    at.row().map(|i| format!("第{}行的", i + 1)).unwrap_or_default()
}

/// " in row 3" after a cell's label; nothing for a top-level field.
fn where_en(at: At) -> String {
    at.row().map(|i| format!(" in row {}", i + 1)).unwrap_or_default()
}

fn check_value(field: &Field, value: Option<&Value>, at: At, findings: &mut Vec<Finding>) {
    let text = value.and_then(cell_text);
    let present = match field.kind {
        Kind::Bool => value.is_some_and(Value::is_boolean),
        _ => text.is_some(),
    };
    if !present {
        if field.required {
            findings.push(Finding::of(
                "REQ-001",
                at.path(),
                format!("请填写{}“{}”。", where_zh(at), field.label.zh),
                format!("“{}”{} is required.", field.label.en, where_en(at)),
            ));
        }
        return;
    }
    if let (Some(text), true) = (text, field.kind.is_stored_as_string())
        && let Err(problem) = values::parse(field.kind, text)
    {
        findings.push(Finding::of(
            "FMT-001",
            at.path(),
            format!("{}“{}”格式错误：{}。", where_zh(at), field.label.zh, problem.zh),
            format!("“{}”{} is malformed: {}.", field.label.en, where_en(at), problem.en),
        ));
    }
}

fn missing_rows(field: &Field, min_rows: usize) -> Finding {
    Finding::of(
        "REQ-001",
        field.path,
        format!("“{}”至少需要{min_rows}行。", field.label.zh),
        format!("“{}” needs at least {min_rows} row(s).", field.label.en),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn findings(draft: &Draft) -> Vec<Finding> {
        let mut out = Vec::new();
        check(draft, &mut out);
        out
    }

    #[test]
    fn conditional_fields_are_required_only_when_they_apply() {
        let mut draft = Draft::with_presets();
        draft.set("disputes.method", json!("litigation"));
        let paths: Vec<String> = findings(&draft).into_iter().map(|f| f.field).collect();
        assert!(paths.contains(&"disputes.court".to_string()));
        assert!(!paths.contains(&"disputes.arbitration_commission".to_string()));
    }

    #[test]
    fn bad_values_are_format_findings_at_their_path() {
        let mut draft = Draft::with_presets();
        draft.set("payment.milestones[1].percent", json!("六十"));
        draft.set("term.start_date", json!("2026-02-30"));
        draft.set("system.deployment", json!("cloud"));
        let found = findings(&draft);
        for path in ["payment.milestones[1].percent", "term.start_date", "system.deployment"] {
            assert!(found.iter().any(|f| f.rule == "FMT-001" && f.field == path), "{path}: {found:?}");
        }
    }

    #[test]
    fn a_required_list_without_rows_is_reported_once() {
        let mut draft = Draft::with_presets();
        draft.set("system.modules", json!([]));
        let found: Vec<_> = findings(&draft).into_iter().filter(|f| f.field == "system.modules").collect();
        assert_eq!(found.len(), 1);
    }
}
