//! The negotiation playbook (`playbook/positions.json`, reviewed like code): for each
//! negotiable clause, three positions — 甲方有利, 中立, 乙方有利 — with what each gives or
//! costs, and each side's floor (底线). The drafting side's position is a new draft's
//! default; the wizard shows which position a draft takes; the review says where a value is
//! beyond the drafter's floor (NEG-001).

use std::sync::LazyLock;

use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::Value;

use crate::draft::Draft;

/// Whose position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Buyer,
    Neutral,
    Supplier,
}

impl Side {
    pub const ALL: [Side; 3] = [Side::Buyer, Side::Neutral, Side::Supplier];

    /// The drafting side of a draft (`meta.drafting_party`), if chosen.
    pub fn drafting(draft: &Draft) -> Option<Side> {
        match draft.text("meta.drafting_party")? {
            "buyer" => Some(Side::Buyer),
            "supplier" => Some(Side::Supplier),
            "neutral" => Some(Side::Neutral),
            _ => None,
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Side::Buyer => "甲方有利",
            Side::Neutral => "中立",
            Side::Supplier => "乙方有利",
        }
    }

    /// 甲方 / 乙方, for the floor's owner.
    pub fn party_zh(self) -> &'static str {
        match self {
            Side::Buyer => "甲方",
            Side::Neutral => "双方",
            Side::Supplier => "乙方",
        }
    }
}

/// One side's position on a clause.
#[derive(Debug, Clone, Deserialize)]
pub struct Position {
    pub value: Value,
    pub note: String,
}

#[derive(Debug, Clone, Deserialize)]
struct Positions {
    buyer: Position,
    neutral: Position,
    supplier: Position,
}

#[derive(Debug, Clone, Default, Deserialize)]
struct Floors {
    buyer: Option<Value>,
    supplier: Option<Value>,
}

/// Which way values favour the buyer: a number higher or lower, or a list of values from
/// the buyer's best to the supplier's best.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Preference {
    Direction(Direction),
    Order(Vec<Value>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Higher,
    Lower,
}

/// A negotiable clause.
#[derive(Debug, Clone, Deserialize)]
pub struct Clause {
    pub id: String,
    pub title: String,
    /// The field that holds the clause's term.
    pub field: String,
    buyer_prefers: Preference,
    positions: Positions,
    #[serde(default)]
    floor: Floors,
}

#[derive(Debug, Deserialize)]
struct Book {
    clauses: Vec<Clause>,
}

static BOOK: LazyLock<Vec<Clause>> = LazyLock::new(|| {
    serde_json::from_str::<Book>(include_str!("../playbook/positions.json")).map(|b| b.clauses).unwrap_or_default()
});

/// Every clause of the playbook (none if the file could not be read: a test reads it).
pub fn clauses() -> &'static [Clause] {
    &BOOK
}

/// The clause of a field, if the field is negotiable.
pub fn clause_of(field: &str) -> Option<&'static Clause> {
    clauses().iter().find(|c| c.field == field)
}

impl Clause {
    pub fn position(&self, side: Side) -> &Position {
        match side {
            Side::Buyer => &self.positions.buyer,
            Side::Neutral => &self.positions.neutral,
            Side::Supplier => &self.positions.supplier,
        }
    }

    /// The positions whose value the draft holds (two positions may share a value).
    pub fn taken_by(&self, draft: &Draft) -> Vec<Side> {
        let Some(value) = draft.get(&self.field) else { return Vec::new() };
        Side::ALL.into_iter().filter(|side| same(&self.position(*side).value, value)).collect()
    }

    /// How much a value favours the buyer: higher is better for the buyer. `None` for a
    /// value the clause cannot place (text, an unknown choice).
    fn score(&self, value: &Value) -> Option<Decimal> {
        match &self.buyer_prefers {
            Preference::Direction(direction) => {
                let number = number(value)?;
                Some(if *direction == Direction::Higher { number } else { -number })
            }
            Preference::Order(order) => {
                let rank = order.iter().position(|v| same(v, value))?;
                Some(-Decimal::from(rank))
            }
        }
    }

    /// The drafter's floor this draft's value is beyond, if it is: (the floor, the value).
    pub fn beyond_floor(&self, draft: &Draft) -> Option<(Side, &Value)> {
        let drafter = Side::drafting(draft)?;
        let floor = match drafter {
            Side::Buyer => self.floor.buyer.as_ref()?,
            Side::Supplier => self.floor.supplier.as_ref()?,
            Side::Neutral => return None,
        };
        let value = draft.get(&self.field).filter(|v| !v.is_null() && v.as_str() != Some(""))?;
        let (have, least) = (self.score(value)?, self.score(floor)?);
        let beyond = match drafter {
            Side::Buyer => have < least,
            _ => have > least,
        };
        beyond.then_some((drafter, floor))
    }
}

fn number(value: &Value) -> Option<Decimal> {
    match value {
        Value::String(text) => text.trim().parse().ok(),
        Value::Number(n) => n.to_string().parse().ok(),
        _ => None,
    }
}

/// Two values the same, numbers compared as numbers ("50" and "50.0").
fn same(a: &Value, b: &Value) -> bool {
    match (number(a), number(b)) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

/// Sets every negotiable term to `side`'s position: the example drafted by that side.
pub fn apply(draft: &mut Draft, side: Side) {
    for clause in clauses() {
        draft.set(&clause.field, clause.position(side).value.clone());
    }
}

/// Sets to `side`'s position each negotiable term the user has not decided: empty, or still
/// at the field table's preset and not `seen` (a preset the user has looked at and left is
/// a choice too); how many it set. A value the user gave is never replaced.
pub fn apply_defaults(draft: &mut Draft, side: Side, seen: impl Fn(&str) -> bool) -> usize {
    let mut set = 0;
    for clause in clauses() {
        let current = draft.get(&clause.field).cloned().unwrap_or(Value::Null);
        let empty = current.is_null() || current.as_str() == Some("");
        let preset = crate::schema::field(&clause.field).and_then(|f| f.preset).map(crate::draft::preset_of);
        let at_preset = preset.is_some_and(|p| same(&p, &current));
        let default = empty || (at_preset && !seen(&clause.field));
        let target = &clause.position(side).value;
        if default && !same(target, &current) {
            draft.set(&clause.field, target.clone());
            set += 1;
        }
    }
    set
}

/// A value as the contract reads it, for notes and findings: as the 变更对照表 writes it,
/// and a day, month or hour count with its unit (the playbook's titles carry none).
pub fn shown(field: &str, value: &Value) -> String {
    let Some(spec) = crate::schema::field(field) else { return value.to_string() };
    let written = crate::values::as_written(spec, value);
    if !matches!(spec.kind, crate::schema::Kind::Int { .. }) {
        return written;
    }
    let unit = [("months", "个月"), ("hours", "小时"), ("days", "日")]
        .iter()
        .find(|(suffix, _)| field.ends_with(suffix))
        .map_or("", |(_, unit)| *unit);
    format!("{written}{unit}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_playbook_is_read_and_names_real_fields() {
        assert!(clauses().len() >= 12, "the file was read");
        for clause in clauses() {
            assert!(crate::schema::field(&clause.field).is_some(), "{} names {}", clause.id, clause.field);
            for side in Side::ALL {
                assert!(
                    clause.score(&clause.position(side).value).is_some(),
                    "{} can place its own positions",
                    clause.id
                );
            }
            let scores: Vec<Decimal> =
                Side::ALL.iter().filter_map(|s| clause.score(&clause.position(*s).value)).collect();
            assert!(scores[0] >= scores[1] && scores[1] >= scores[2], "{}: 甲方有利 ≥ 中立 ≥ 乙方有利", clause.id);
        }
    }
}
