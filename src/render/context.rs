//! The template context: the draft walked through the schema table into typed values,
//! plus the derived values (total, milestone amounts, term kind). Templates can only see
//! what the table declares.
//!
//! A required value that is missing or malformed becomes a visible blank
//! 【待填写：label】 (a safe string holding the blank's mark, so it is printed as is); an
//! optional one is `none`.

use std::collections::BTreeMap;

use minijinja::Value;
use serde_json::Value as Json;

use crate::derived::{self, cell_text};
use crate::document::marks::{BLANK_CLOSE, BLANK_OPEN};
use crate::draft::Draft;
use crate::markdown;
use crate::money;
use crate::schema::{self, Field, Kind};
use crate::values::{self, Typed};

/// Paths the context adds beyond the table's fields (for the template-variable test).
pub const DERIVED_PATHS: &[&str] = &[
    "pricing.total",
    "pricing.license_total",
    "pricing.license_fee_name",
    "pricing.perpetual",
    "pricing.deposit_instalment",
    "system.updates.total",
    "term.kind",
    "term.months",
    "term.service_years",
    "signing.authority_until",
];
/// Row keys the context adds to list rows: `payment.milestones[].amount`.
pub const DERIVED_ROW_KEYS: &[(&str, &str)] = &[("payment.milestones", "amount")];

/// A nested map under construction; converted to a minijinja value at the end. Keys are
/// pieces of the table's paths, so no key is ever allocated.
#[derive(Default)]
struct Tree(BTreeMap<&'static str, Node>);

enum Node {
    Leaf(Value),
    Branch(Tree),
}

impl Tree {
    fn insert(&mut self, path: &'static str, value: Value) {
        let (head, rest) = match path.split_once('.') {
            Some((head, rest)) => (head, Some(rest)),
            None => (path, None),
        };
        match rest {
            None => {
                self.0.insert(head, Node::Leaf(value));
            }
            Some(rest) => {
                if let Node::Branch(tree) = self.0.entry(head).or_insert_with(|| Node::Branch(Tree::default())) {
                    tree.insert(rest, value);
                }
            }
        }
    }

    fn into_value(self) -> Value {
        let map: BTreeMap<&'static str, Value> = self
            .0
            .into_iter()
            .map(|(key, node)| match node {
                Node::Leaf(value) => (key, value),
                Node::Branch(tree) => (key, tree.into_value()),
            })
            .collect();
        Value::from_object(map)
    }
}

/// The visible blank printed for a missing required value (【待填写：label】 in every
/// format, a fill-in line in print): a mark the document tree reads as a blank.
pub fn blank(label: &str) -> Value {
    Value::from_safe_string(format!("{BLANK_OPEN}{}{BLANK_CLOSE}", markdown::escape_piece(label, false)))
}

/// Whether a value is a blank made by [`blank`].
pub fn is_blank(value: &Value) -> bool {
    value.is_safe() && value.as_str().is_some_and(|s| s.starts_with(BLANK_OPEN))
}

/// Builds the whole template context for a draft.
pub fn build(draft: &Draft) -> Value {
    let mut tree = Tree::default();
    for (_, field) in schema::all_fields() {
        let value = if field.applies(draft) { field_value(draft, field) } else { Value::from(()) };
        tree.insert(field.path, value);
    }
    let money_or_blank = |amount: Option<rust_decimal::Decimal>, label: &str| {
        amount.map_or_else(|| blank(label), |a| Value::from_safe_string(money::plain(a)))
    };
    tree.insert("pricing.total", money_or_blank(derived::total(draft), "合同总价"));
    tree.insert("pricing.license_total", money_or_blank(derived::license_total(draft), "许可费合计"));
    tree.insert("pricing.license_fee_name", Value::from(derived::license_fee_name(draft)));
    tree.insert("pricing.perpetual", Value::from(derived::perpetual_license(draft)));
    // Present only while updates are charged, so `{% if system.updates.total %}` asks that.
    let updates_total = if derived::updates_charged(draft) {
        money_or_blank(derived::updates_total(draft), "更新服务费合计")
    } else {
        Value::from(())
    };
    tree.insert("system.updates.total", updates_total);
    let count = |n: Option<u64>| n.map_or_else(|| Value::from(()), Value::from);
    tree.insert("term.months", count(derived::term_months(draft)));
    tree.insert("term.service_years", count(derived::service_years(draft)));
    // The instalment the deposit is credited to, counted from 1 as 附件二 numbers them.
    let instalment = derived::deposit_credited_to(draft).map(|i| i + 1);
    tree.insert("pricing.deposit_instalment", instalment.map_or_else(|| blank("定金抵作价款的付款期次"), Value::from));
    let until = derived::authority_until(draft).map(|d| d.to_string());
    tree.insert("signing.authority_until", until.map_or_else(|| Value::from(()), Value::from));
    tree.insert("term.kind", derived::term_kind(draft).map_or_else(|| Value::from(()), |k| Value::from(k.id())));
    tree.into_value()
}

fn field_value(draft: &Draft, field: &Field) -> Value {
    match field.kind {
        Kind::List(spec) => {
            let amounts = (field.path == "payment.milestones").then(|| derived::milestone_amounts(draft));
            let rows: Vec<Value> = draft
                .rows(field.path)
                .iter()
                .enumerate()
                .map(|(index, row)| {
                    let mut cells: BTreeMap<&'static str, Value> =
                        spec.columns.iter().map(|column| (column.path, typed(column, row.get(column.path)))).collect();
                    if let Some(amounts) = &amounts {
                        let amount = amounts.get(index).copied().flatten();
                        cells.insert(
                            "amount",
                            amount.map_or_else(|| blank("付款金额"), |a| Value::from_safe_string(money::plain(a))),
                        );
                    }
                    Value::from_object(cells)
                })
                .collect();
            Value::from(rows)
        }
        _ => typed(field, draft.get(field.path)),
    }
}

/// One value as the templates see it.
fn typed(field: &Field, value: Option<&Json>) -> Value {
    let missing = || if field.required { blank(field.label.zh) } else { Value::from(()) };
    if let Kind::Bool = field.kind {
        return value.and_then(Json::as_bool).map_or_else(missing, Value::from);
    }
    let Some(text) = value.and_then(cell_text) else { return missing() };
    match values::parse(field.kind, text) {
        Ok(Typed::Text(_)) if matches!(field.kind, Kind::Text) => Value::from(one_line(text)),
        Ok(Typed::Text(_)) => Value::from(text),
        // Validated numbers are digits and a point: nothing to escape, printed as typed.
        Ok(Typed::Money(amount)) => Value::from_safe_string(money::plain(amount)),
        Ok(Typed::Decimal(number)) => Value::from_safe_string(number.normalize().to_string()),
        Ok(Typed::Int(number)) => Value::from(number),
        Ok(Typed::Date(date)) => Value::from(date.to_string()),
        Ok(Typed::Bool(flag)) => Value::from(flag),
        Ok(Typed::Choice(id)) => Value::from(id),
        Err(_) => blank(field.label.zh),
    }
}

/// One-line fields never carry line breaks into the contract.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
