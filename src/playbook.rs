//! The negotiation playbook (`playbook/positions.json`, reviewed like code): for each
//! negotiable clause, three positions — 甲方有利, 中立, 乙方有利 — with what each gives or
//! costs, and each side's floor (底线). The drafting side's position is a new draft's
//! default; the wizard shows which position a draft takes; the review says where a value is
//! beyond the drafter's floor (NEG-001).

mod plan;

use std::sync::LazyLock;

use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::Value;

use crate::draft::Draft;
pub use plan::Share;

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
    /// For a share of the payment plan (the field is the plan): which share.
    #[serde(default)]
    share: Option<Share>,
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

/// The clauses of a field: none for a term nobody negotiates, two for the payment plan
/// (its prepayment and its retention).
pub fn clauses_of(field: &str) -> impl Iterator<Item = &'static Clause> {
    clauses().iter().filter(move |c| c.field == field)
}

impl Clause {
    pub fn position(&self, side: Side) -> &Position {
        match side {
            Side::Buyer => &self.positions.buyer,
            Side::Neutral => &self.positions.neutral,
            Side::Supplier => &self.positions.supplier,
        }
    }

    /// The draft's term: the field's value, or the share of the plan in percent.
    pub fn value_in(&self, draft: &Draft) -> Option<Value> {
        match self.share {
            Some(share) => share.of(draft).map(|p| Value::String(p.normalize().to_string())),
            None => draft.get(&self.field).cloned(),
        }
    }

    /// Sets the draft's term to `side`'s position (a share rebalances the plan); false when
    /// the draft cannot take it (a plan with no row to take the rest of the price).
    pub fn take(&self, draft: &mut Draft, side: Side) -> bool {
        let value = &self.position(side).value;
        if let Some(share) = self.share {
            return number(value).is_some_and(|percent| share.set(draft, percent));
        }
        draft.set(&self.field, value.clone());
        true
    }

    /// A value of this term as the contract reads it.
    pub fn shown(&self, value: &Value) -> String {
        match self.share {
            Some(_) => format!("{}%", number(value).map(|n| n.normalize().to_string()).unwrap_or_default()),
            None => shown(&self.field, value),
        }
    }

    /// The positions whose value the draft holds (two positions may share a value).
    pub fn taken_by(&self, draft: &Draft) -> Vec<Side> {
        let Some(value) = self.value_in(draft) else { return Vec::new() };
        Side::ALL.into_iter().filter(|side| same(&self.position(*side).value, &value)).collect()
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

    /// The drafter's floor this draft's value is beyond, if it is: (the drafter, the floor).
    pub fn beyond_floor(&self, draft: &Draft) -> Option<(Side, &Value)> {
        let drafter = Side::drafting(draft)?;
        let floor = match drafter {
            Side::Buyer => self.floor.buyer.as_ref()?,
            Side::Supplier => self.floor.supplier.as_ref()?,
            Side::Neutral => return None,
        };
        let value = self.value_in(draft).filter(|v| !v.is_null() && v.as_str() != Some(""))?;
        let (have, least) = (self.score(&value)?, self.score(floor)?);
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
        clause.take(draft, side);
    }
}

/// Sets to `side`'s position each negotiable term the user has not decided: empty, or still
/// at the field table's preset and not `seen` (a preset the user has looked at and left is
/// a choice too); how many it set. A value the user gave is never replaced. Which fields are
/// undecided is settled first: the plan's two shares both apply to a plan at its preset.
pub fn apply_defaults(draft: &mut Draft, side: Side, seen: impl Fn(&str) -> bool) -> usize {
    let undecided: Vec<&Clause> = clauses()
        .iter()
        .filter(|clause| {
            let current = draft.get(&clause.field).cloned().unwrap_or(Value::Null);
            let empty =
                current.is_null() || current.as_str() == Some("") || current.as_array().is_some_and(Vec::is_empty);
            let preset = crate::schema::field(&clause.field).and_then(crate::draft::preset_of);
            let at_preset = preset.is_some_and(|p| same(&p, &current));
            empty || (at_preset && !seen(&clause.field))
        })
        .collect();
    let mut set = 0;
    for clause in undecided {
        let differs = clause.value_in(draft).is_none_or(|v| !same(&clause.position(side).value, &v));
        if differs && clause.take(draft, side) {
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
            assert_eq!(clause.share.is_some(), clause.field == Share::FIELD, "{}: a share is of the plan", clause.id);
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

    #[test]
    fn a_plan_nobody_has_looked_at_takes_the_drafters_shares() {
        let mut draft = Draft::with_presets();
        let set = apply_defaults(&mut draft, Side::Supplier, |_| false);
        assert!(set >= 2, "{set}");
        let percents: Vec<&str> = draft.rows(Share::FIELD).iter().filter_map(|r| r["percent"].as_str()).collect();
        assert_eq!(percents, ["50", "50"], "50% on signing, no retention");
        let mut draft = Draft::with_presets();
        apply_defaults(&mut draft, Side::Buyer, |_| false);
        let percents: Vec<&str> = draft.rows(Share::FIELD).iter().filter_map(|r| r["percent"].as_str()).collect();
        assert_eq!(percents, ["10", "80", "10"]);
        let mut draft = Draft::with_presets();
        apply_defaults(&mut draft, Side::Buyer, |field| field == Share::FIELD);
        let percents: Vec<&str> = draft.rows(Share::FIELD).iter().filter_map(|r| r["percent"].as_str()).collect();
        assert_eq!(percents, ["30", "60", "10"], "a plan the user has seen stays");
    }
}
