//! Negotiation (NEG-001): a negotiable term beyond the drafting side's floor (底线) in the
//! playbook — the drafter conceded more than its own rules allow, which its reviewer should
//! see before the draft goes out.

use super::Finding;
use crate::draft::Draft;
use crate::playbook::{self, Side};

pub(super) fn check(draft: &Draft, findings: &mut Vec<Finding>) {
    for clause in playbook::clauses() {
        let Some((drafter, floor)) = clause.beyond_floor(draft) else { continue };
        let value = clause.value_in(draft).map(|v| clause.shown(&v)).unwrap_or_default();
        let floor = clause.shown(floor);
        let party = drafter.party_zh();
        let party_en = if drafter == Side::Buyer { "buyer" } else { "supplier" };
        findings.push(Finding::of(
            "NEG-001",
            clause.field.clone(),
            format!("（{party}底线）{}为{value}，超出了起草方{party}的底线（{floor}）：请确认这一让步经过批准。", clause.title),
            format!("({party_en}'s floor) {} is {value}, beyond the drafting {party_en}'s floor ({floor}): confirm the concession was approved.", clause.id),
        ));
    }
}
