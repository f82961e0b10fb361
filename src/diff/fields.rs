//! The rows of a 变更对照表: every field whose value differs between two drafts, with its
//! label and the article it prints in, the old and new values as the contract writes them
//! (amounts with capitals, choices by name, dates in Chinese), and list rows by content — a
//! row that only moved is a move, not a deletion and an addition.

use serde_json::Value;
use similar::{Algorithm, DiffOp, capture_diff_slices};

use crate::derived::{self, cell_text};
use crate::draft::Draft;
use crate::money;
use crate::render::ClauseLabels;
use crate::schema::{self, Field, Kind};
use crate::values;

/// One row of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// 第七条　付款 · 付款节点 第2行「上线款」· 比例
    pub clause: String,
    /// The field path (`payment.milestones[1].percent`), for the JSON-minded.
    pub path: String,
    /// 原约定 and 修改后 as the contract writes them; empty for none.
    pub old: String,
    pub new: String,
}

/// Every change from `old` to `new`, in the order of the field table. `clauses` numbers the
/// articles (from a render of the new draft).
pub fn changes(old: &Draft, new: &Draft, clauses: &ClauseLabels) -> Vec<Change> {
    let mut changes = Vec::new();
    for (_, field) in schema::all_fields() {
        let applies = field.applies(old) || field.applies(new);
        if !applies {
            continue;
        }
        let place = place(field, clauses);
        if let Kind::List(spec) = field.kind {
            rows(&mut changes, field, spec.columns, old.rows(field.path), new.rows(field.path), &place);
            continue;
        }
        let (before, after) = (value(old, field), value(new, field));
        if before != after {
            changes.push(Change {
                clause: place,
                path: field.path.to_string(),
                old: printed(field, before.as_ref()),
                new: printed(field, after.as_ref()),
            });
        }
    }
    amounts(&mut changes, old, new, clauses);
    changes
}

/// The amounts the contract computes — the total and each instalment — when they change
/// with a fee or a percentage: what the other side pays is what a lawyer reads first.
fn amounts(changes: &mut Vec<Change>, old: &Draft, new: &Draft, clauses: &ClauseLabels) {
    let money = |amount: Option<rust_decimal::Decimal>| {
        amount.map_or_else(
            || "（无）".to_string(),
            |a| format!("{}（{}）", money::figures(a), money::words::to_words(a).unwrap_or_default()),
        )
    };
    let (before, after) = (derived::total(old), derived::total(new));
    if before != after {
        let article = clauses.heading("price").unwrap_or_default();
        changes.push(Change {
            clause: format!("{article} · 合同总价"),
            path: "pricing.total".into(),
            old: money(before),
            new: money(after),
        });
    }
    let names = |draft: &Draft| -> Vec<String> {
        draft
            .rows("payment.milestones")
            .iter()
            .map(|r| r.get("name").and_then(cell_text).unwrap_or_default().to_string())
            .collect()
    };
    let (old_names, new_names) = (names(old), names(new));
    let (old_amounts, new_amounts) = (derived::milestone_amounts(old), derived::milestone_amounts(new));
    let article = clauses.heading("payment").unwrap_or_default();
    for (n, name) in new_names.iter().enumerate() {
        let Some(o) = old_names.iter().position(|other| other == name) else { continue };
        let (before, after) = (old_amounts.get(o).copied().flatten(), new_amounts.get(n).copied().flatten());
        if before != after {
            changes.push(Change {
                clause: format!("{article} · 付款节点 第{}行「{name}」 · 金额", n + 1),
                path: format!("payment.milestones[{n}].amount"),
                old: money(before),
                new: money(after),
            });
        }
    }
}

/// A field's value as compared: text trimmed, an empty text as none.
fn value(draft: &Draft, field: &Field) -> Option<Value> {
    if !field.applies(draft) {
        return None;
    }
    match draft.get(field.path)? {
        Value::String(text) => cell_text(&Value::String(text.clone())).map(|t| Value::String(t.to_string())),
        Value::Null => None,
        other => Some(other.clone()),
    }
}

/// The article the field prints in and the field's label: 第七条　付款 · 付款节点.
fn place(field: &Field, clauses: &ClauseLabels) -> String {
    let article = crate::schema::article_of(field.path).map_or_else(
        || front_matter(field.path).to_string(),
        |key| clauses.heading(key).unwrap_or_else(|| "（本稿未印出该条）".to_string()),
    );
    format!("{article} · {}", field.label.zh)
}

fn front_matter(path: &str) -> &'static str {
    if path.starts_with("checklist.") { "签约前准备（不印入合同）" } else { "合同首部" }
}

/// A value as the contract writes it; 「（无）」 for none.
fn printed(field: &Field, value: Option<&Value>) -> String {
    value.map_or_else(|| "（无）".to_string(), |value| values::as_written(field, value))
}

/// A list's changes: rows by content. Rows equal in both are matched in order; an equal row
/// that changed place is a move; a removed and an added row with the same first cell (the
/// name) are one row whose cells changed; the rest were added or deleted.
fn rows(changes: &mut Vec<Change>, field: &Field, columns: &[Field], old: &[Value], new: &[Value], place: &str) {
    let key = |row: &Value| columns.iter().map(|c| cell(c, row.get(c.path))).collect::<Vec<_>>().join("\u{1f}");
    let (old_keys, new_keys): (Vec<String>, Vec<String>) =
        (old.iter().map(key).collect(), new.iter().map(key).collect());
    let mut removed: Vec<usize> = Vec::new();
    let mut added: Vec<usize> = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &old_keys, &new_keys) {
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete { old_index, old_len, .. } => removed.extend(old_index..old_index + old_len),
            DiffOp::Insert { new_index, new_len, .. } => added.extend(new_index..new_index + new_len),
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                removed.extend(old_index..old_index + old_len);
                added.extend(new_index..new_index + new_len);
            }
        }
    }
    let name = |row: &Value| columns.first().map(|c| cell(c, row.get(c.path))).unwrap_or_default();
    let row_place = |index: usize, row: &Value| format!("{place} 第{}行「{}」", index + 1, name(row));
    let mut unmatched_added = added.clone();
    for &o in &removed {
        let Some(old_row) = old.get(o) else { continue };
        // The same row elsewhere: moved.
        if let Some(position) = unmatched_added.iter().position(|&n| new_keys.get(n) == old_keys.get(o)) {
            let n = unmatched_added.remove(position);
            changes.push(Change {
                clause: row_place(o, old_row),
                path: format!("{}[{o}]", field.path),
                old: format!("第{}行", o + 1),
                new: format!("移至第{}行", n + 1),
            });
            continue;
        }
        // The same name with other cells: changed in place.
        let same_name = unmatched_added.iter().position(|&n| new.get(n).is_some_and(|r| name(r) == name(old_row)));
        if let Some(position) = same_name.filter(|_| !name(old_row).is_empty()) {
            let n = unmatched_added.remove(position);
            let Some(new_row) = new.get(n) else { continue };
            for column in columns {
                let (before, after) = (cell(column, old_row.get(column.path)), cell(column, new_row.get(column.path)));
                if before != after {
                    changes.push(Change {
                        clause: format!("{} · {}", row_place(n, new_row), column.label.zh),
                        path: format!("{}[{n}].{}", field.path, column.path),
                        old: before,
                        new: after,
                    });
                }
            }
            continue;
        }
        changes.push(Change {
            clause: row_place(o, old_row),
            path: format!("{}[{o}]", field.path),
            old: row_text(columns, old_row),
            new: "（删除）".to_string(),
        });
    }
    for n in unmatched_added {
        let Some(new_row) = new.get(n) else { continue };
        changes.push(Change {
            clause: row_place(n, new_row),
            path: format!("{}[{n}]", field.path),
            old: "（新增）".to_string(),
            new: row_text(columns, new_row),
        });
    }
}

fn cell(column: &Field, value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) if text.trim().is_empty() => String::new(),
        Some(value) => printed(column, Some(value)),
    }
}

/// A whole row as one text: 付款节点：上线款；付款条件：……
fn row_text(columns: &[Field], row: &Value) -> String {
    columns
        .iter()
        .filter_map(|c| {
            let text = cell(c, row.get(c.path));
            (!text.is_empty()).then(|| format!("{}：{text}", c.label.zh))
        })
        .collect::<Vec<_>>()
        .join("；")
}
