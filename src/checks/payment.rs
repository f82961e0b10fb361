//! PAY-001 (milestone percentages add up to 100) and PAY-002 (milestone amounts add up to
//! the total to the 分).

use rust_decimal::Decimal;

use super::{Finding, Severity};
use crate::derived;
use crate::draft::Draft;
use crate::money;

const BASIS: &str = "《民法典》第四百七十条第一款第五项";

pub(super) fn check(draft: &Draft, findings: &mut Vec<Finding>) {
    let percents = derived::milestone_percents(draft);
    // Invalid or missing percentages are FMT-001 / REQ-001 findings already.
    let Some(percents) = percents.into_iter().collect::<Option<Vec<Decimal>>>() else { return };
    if percents.is_empty() {
        return;
    }
    let sum: Decimal = percents.iter().sum();
    if sum != Decimal::ONE_HUNDRED {
        findings.push(
            Finding::new(
                "PAY-001",
                Severity::Error,
                "payment.milestones",
                format!("付款节点比例合计为{}%，应为100%。", sum.normalize()),
                format!("The milestones add up to {}%, not 100%.", sum.normalize()),
            )
            .basis(BASIS),
        );
        return;
    }
    let (Some(total), Some(amounts)) =
        (derived::total(draft), derived::milestone_amounts(draft).into_iter().collect::<Option<Vec<Decimal>>>())
    else {
        return;
    };
    let difference = amounts.iter().sum::<Decimal>() - total;
    if !difference.is_zero() {
        findings.push(
            Finding::new(
                "PAY-002",
                Severity::Error,
                "payment.milestones",
                format!("付款节点金额与合同总价不一致（差额{}）。", money::figures(difference)),
                format!("The milestone amounts differ from the total by {}.", money::figures(difference)),
            )
            .basis(BASIS),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn percentages_must_add_up_to_one_hundred() {
        let mut draft = Draft::with_presets();
        draft.set("payment.milestones[1].percent", json!("50"));
        let mut found = Vec::new();
        check(&draft, &mut found);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rule, "PAY-001");
        assert_eq!(found[0].message, "付款节点比例合计为90%，应为100%。");
    }

    #[test]
    fn derived_amounts_always_add_up() {
        let mut draft = Draft::with_presets();
        for (path, value) in [
            ("pricing.license_model", "one_time"),
            ("pricing.license_fee", "99999.99"),
            ("pricing.implementation_fee", "0.01"),
            ("pricing.training_fee", "0"),
        ] {
            draft.set(path, json!(value));
        }
        let mut found = Vec::new();
        check(&draft, &mut found);
        assert!(found.is_empty(), "{found:?}");
    }
}
