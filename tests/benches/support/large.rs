//! Large drafts for benchmarks: the example with many module rows and milestones. A test
//! and benchmark helper only; never part of the binary.

use crm_contract::draft::Draft;
use rust_decimal::Decimal;
use serde_json::{Value, json};

const EXAMPLE: &str = include_str!("../../../assets/example-draft.json");

/// The example draft.
pub(crate) fn example() -> Draft {
    Draft::from_json(EXAMPLE).expect("the example loads")
}

/// The example with `modules` module rows and `milestones` milestones (percentages still
/// adding up to 100, so the draft stays valid).
pub(crate) fn large(modules: usize, milestones: usize) -> Draft {
    let mut draft = example();
    let catalogue = draft.rows("system.modules").to_vec();
    let rows: Vec<Value> = (0..modules)
        .map(|i| {
            let base = &catalogue[i % catalogue.len()];
            json!({
                "name": format!("{}{}", base["name"].as_str().unwrap_or("模块"), i + 1),
                "description": base["description"].clone(),
            })
        })
        .collect();
    draft.set("system.modules", Value::Array(rows));
    if milestones > 0 {
        // Equal shares to two decimals; the last row takes what is left.
        let count = Decimal::from(milestones);
        let share = (Decimal::ONE_HUNDRED / count).round_dp(2);
        let rows: Vec<Value> = (0..milestones)
            .map(|i| {
                let percent = if i + 1 == milestones { Decimal::ONE_HUNDRED - share * (count - Decimal::ONE) } else { share };
                json!({"name": format!("第{}期", i + 1), "trigger": "上一期验收合格", "due_days": "15", "percent": percent.normalize().to_string(), "is_retention": false})
            })
            .collect();
        draft.set("payment.milestones", Value::Array(rows));
    }
    draft
}
