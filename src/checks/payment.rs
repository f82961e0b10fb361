//! Price and payment: milestones add up (PAY-001/002), have triggers and deadlines
//! (PAY-003), respect the SME payment rules (PAY-004), are balanced (PAY-005); earnest
//! money (DEP-001) and an instalment it can be credited to (DEP-002); tax and invoice (AMT-003); the retention (WAR-001/002).

use rust_decimal::Decimal;

use super::Finding;
use super::thresholds::{
    DEPOSIT_MAX_PERCENT, FINAL_PAYMENT_MAX_PERCENT, PREPAYMENT_MAX_PERCENT, RETENTION_MAX_PERCENT, SME_PAYMENT_DAYS_MAX,
};
use crate::derived::{self, cell_text};
use crate::draft::Draft;
use crate::money;
use crate::values;

const MILESTONES: &str = "payment.milestones";

pub(super) fn check(draft: &Draft, findings: &mut Vec<Finding>) {
    sums(draft, findings);
    triggers(draft, findings);
    sme(draft, findings);
    bills(draft, findings);
    balance(draft, findings);
    deposit(draft, findings);
    tax(draft, findings);
    retention(draft, findings);
}

fn sums(draft: &Draft, findings: &mut Vec<Finding>) {
    // Invalid or missing percentages are FMT-001 / REQ-001 findings already.
    let Some(percents) = derived::milestone_percents(draft).into_iter().collect::<Option<Vec<Decimal>>>() else {
        return;
    };
    if percents.is_empty() {
        return;
    }
    let sum: Decimal = percents.iter().sum();
    if sum != Decimal::ONE_HUNDRED {
        findings.push(Finding::of(
            "PAY-001",
            MILESTONES,
            format!("付款节点比例合计为{}%，应为100%。", sum.normalize()),
            format!("The milestones add up to {}%, not 100%.", sum.normalize()),
        ));
        return;
    }
    let (Some(total), Some(amounts)) =
        (derived::total(draft), derived::milestone_amounts(draft).into_iter().collect::<Option<Vec<Decimal>>>())
    else {
        return;
    };
    let difference = amounts.iter().sum::<Decimal>() - total;
    if !difference.is_zero() {
        findings.push(Finding::of(
            "PAY-002",
            MILESTONES,
            format!("付款节点金额与合同总价不一致（差额{}）。", money::figures(difference)),
            format!("The milestone amounts differ from the total by {}.", money::figures(difference)),
        ));
    }
}

fn row_text<'a>(row: &'a serde_json::Value, key: &str) -> Option<&'a str> {
    row.get(key).and_then(cell_text)
}

fn triggers(draft: &Draft, findings: &mut Vec<Finding>) {
    for (index, row) in draft.rows(MILESTONES).iter().enumerate() {
        if row_text(row, "trigger").is_none() || row_text(row, "due_days").is_none() {
            let name = row_text(row, "name").unwrap_or("？");
            findings.push(Finding::of(
                "PAY-003",
                format!(
                    "{MILESTONES}[{index}].{}",
                    if row_text(row, "trigger").is_none() { "trigger" } else { "due_days" }
                ),
                format!("付款节点“{name}”未约定付款条件或期限，依法可被随时请求履行。"),
                format!("Milestone “{name}” has no trigger or deadline: payment could be demanded at any time."),
            ));
        }
    }
}

/// Words that make a payment depend on someone else paying first (背靠背).
const BACK_TO_BACK: &[&str] = &["背靠背", "收到第三方", "第三方付款", "业主付款", "收到回款", "回款后"];
/// Someone else's payment named in other words: 甲方收到其终端客户支付的款项.
const THIRD_PAYERS: &[&str] = &["终端客户", "其客户", "最终用户", "业主", "下游", "上游", "第三方"];
const THEIR_PAYMENT: &[&str] = &["支付", "付款", "款项", "回款", "结算"];
/// An audit as the condition of a payment (条例第十二条).
const AUDIT: &[&str] = &["审计", "审定", "审核结算"];
/// Non-cash payment instruments (条例第十一条).
const BILLS: &[&str] =
    &["商业汇票", "商业承兑", "承兑汇票", "银行承兑", "应收账款电子凭证", "电子债权凭证", "供应链票据"];

fn sme(draft: &Draft, findings: &mut Vec<Finding>) {
    let bound = draft.text("parties.buyer.size") == Some("large") && draft.text("parties.supplier.size") == Some("sme");
    if !bound {
        return;
    }
    for (index, row) in draft.rows(MILESTONES).iter().enumerate() {
        let days = row_text(row, "due_days").and_then(|d| values::parse_int(d, 0).ok());
        let trigger = row_text(row, "trigger").unwrap_or_default();
        let late = days.is_some_and(|d| d > SME_PAYMENT_DAYS_MAX);
        let back_to_back = BACK_TO_BACK.iter().any(|w| trigger.contains(w))
            || (THIRD_PAYERS.iter().any(|w| trigger.contains(w)) && THEIR_PAYMENT.iter().any(|w| trigger.contains(w)));
        let audited = AUDIT.iter().any(|w| trigger.contains(w));
        if late || back_to_back || audited {
            findings.push(Finding::of(
                "PAY-004",
                format!("{MILESTONES}[{index}].{}", if late { "due_days" } else { "trigger" }),
                format!("大型企业向中小企业采购的，付款期限原则上不超过交付（或验收合格）后{SME_PAYMENT_DAYS_MAX}日，不得以收到第三方付款作为付款条件，也不得以审计结果作为结算依据。"),
                format!("A large buyer pays an SME within {SME_PAYMENT_DAYS_MAX} days of delivery or acceptance, and never on condition of a third party paying first."),
            ));
        }
    }
}

/// PAY-006: a large buyer paying an SME with bills (商业承兑汇票…) stretches the payment term.
fn bills(draft: &Draft, findings: &mut Vec<Finding>) {
    let bound = draft.text("parties.buyer.size") == Some("large") && draft.text("parties.supplier.size") == Some("sme");
    let Some(method) =
        draft.text("payment.method_other").filter(|_| bound && draft.text("payment.method") == Some("other"))
    else {
        return;
    };
    if BILLS.iter().any(|w| method.contains(w)) {
        findings.push(Finding::of(
            "PAY-006",
            "payment.method_other",
            format!("“{method}”：大型企业使用商业汇票等非现金方式向中小企业付款的，须明确、合理约定，不得强制中小企业接受，也不得借此变相延长付款期限。"),
            format!("“{method}”: a large buyer may not force an SME to accept bills or stretch the payment term with them."),
        ));
    }
}

fn balance(draft: &Draft, findings: &mut Vec<Finding>) {
    let percents = derived::milestone_percents(draft);
    if percents.len() < 2 {
        return;
    }
    if let Some(Some(first)) = percents.first()
        && *first > PREPAYMENT_MAX_PERCENT
    {
        findings.push(Finding::of(
            "PAY-005",
            format!("{MILESTONES}[0].percent"),
            format!(
                "预付款比例为{}%，超过{PREPAYMENT_MAX_PERCENT}%，付款结构可能对甲方明显不利，请评估履约风险。",
                first.normalize()
            ),
            format!("A {}% prepayment may leave the buyer exposed.", first.normalize()),
        ));
    }
    if let Some(Some(last)) = percents.last()
        && *last > FINAL_PAYMENT_MAX_PERCENT
    {
        findings.push(Finding::of(
            "PAY-005",
            format!("{MILESTONES}[{}].percent", percents.len() - 1),
            format!(
                "尾款或质保金比例为{}%，超过{FINAL_PAYMENT_MAX_PERCENT}%，付款结构可能对乙方明显不利，请评估资金占用。",
                last.normalize()
            ),
            format!("A {}% final payment may leave the supplier exposed.", last.normalize()),
        ));
    }
}

fn deposit(draft: &Draft, findings: &mut Vec<Finding>) {
    let (Some(deposit), Some(total)) = (derived::money_of(draft, "pricing.deposit"), derived::total(draft)) else {
        return;
    };
    // The contract credits the deposit to the last instalment at least as large; with none,
    // 第五百八十七条's 抵作价款 has nowhere to go.
    let amounts = derived::milestone_amounts(draft);
    if !amounts.is_empty() && amounts.iter().all(Option::is_some) && derived::deposit_credited_to(draft).is_none() {
        findings.push(Finding::of(
            "DEP-004",
            "pricing.deposit",
            format!(
                "定金{}高于附件二的每一期款项，无法在任何一期中抵作价款；请降低定金或调整付款节点。",
                money::figures(deposit)
            ),
            format!(
                "Earnest money of {} exceeds every instalment; it cannot be credited to any.",
                money::figures(deposit)
            ),
        ));
    }
    if deposit * Decimal::ONE_HUNDRED > total * DEPOSIT_MAX_PERCENT {
        findings.push(Finding::of(
            "DEP-001",
            "pricing.deposit",
            format!(
                "定金{}超过合同总价的{DEPOSIT_MAX_PERCENT}%（{}），超过部分不产生定金效力。",
                money::figures(deposit),
                money::figures(total * DEPOSIT_MAX_PERCENT / Decimal::ONE_HUNDRED)
            ),
            format!(
                "Earnest money of {} exceeds {DEPOSIT_MAX_PERCENT}% of the total; the excess is not earnest money.",
                money::figures(deposit)
            ),
        ));
    }
}

fn tax(draft: &Draft, findings: &mut Vec<Finding>) {
    for path in ["pricing.tax_included", "pricing.tax_rate", "pricing.invoice_type"] {
        if draft.get(path).is_none() {
            findings.push(Finding::of(
                "AMT-003",
                path,
                "未明确价款是否含税、适用税率及发票类型，易生价款争议。",
                "Whether prices include tax, the rate and the invoice type are not all stated.",
            ));
        }
    }
}

fn retention(draft: &Draft, findings: &mut Vec<Finding>) {
    let rows = draft.rows(MILESTONES);
    for (index, row) in rows.iter().enumerate() {
        if row.get("is_retention").and_then(serde_json::Value::as_bool) != Some(true) {
            continue;
        }
        if draft.text("payment.retention_months").is_none() {
            findings.push(Finding::of(
                "WAR-001",
                "payment.retention_months",
                "已约定质保金，但未约定质保期及其起算日，质保金返还时间无法确定。",
                "A retention is agreed but no warranty period: when it is repaid is undetermined.",
            ));
        }
        let percent = row_text(row, "percent").and_then(|p| values::parse_percent(p).ok());
        if let Some(percent) = percent.filter(|p| *p > RETENTION_MAX_PERCENT) {
            findings.push(Finding::of(
                "WAR-002",
                format!("{MILESTONES}[{index}].percent"),
                format!(
                    "质保金比例为{}%，超过{RETENTION_MAX_PERCENT}%，可能偏高（软件项目通常为5%–10%）。",
                    percent.normalize()
                ),
                format!("A {}% retention may be high (software projects usually hold 5–10%).", percent.normalize()),
            ));
        }
        if row_text(row, "due_days").is_none() {
            findings.push(Finding::of(
                "WAR-002",
                format!("{MILESTONES}[{index}].due_days"),
                "质保金未约定返还期限，返还条件不明。",
                "The retention has no repayment deadline.",
            ));
        }
    }
    if let Some(terms) = draft.text("other.terms")
        && (terms.contains("不接受保函") || terms.contains("现金缴纳质保金") || terms.contains("质保金须以现金"))
    {
        findings.push(Finding::of(
            "WAR-002",
            "other.terms",
            "向中小企业收取保证金不得限定为现金，应接受银行保函。",
            "A deposit taken from an SME may not be restricted to cash; bank guarantees must be accepted.",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rules(draft: &Draft) -> Vec<&'static str> {
        let mut found = Vec::new();
        check(draft, &mut found);
        found.into_iter().map(|f| f.rule).collect()
    }

    #[test]
    fn percentages_must_add_up_to_one_hundred() {
        let mut draft = Draft::with_presets();
        draft.set("payment.milestones[1].percent", json!("50"));
        let mut found = Vec::new();
        check(&draft, &mut found);
        let pay = found.iter().find(|f| f.rule == "PAY-001").expect("PAY-001");
        assert_eq!(pay.message, "付款节点比例合计为90%，应为100%。");
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
        assert!(!rules(&draft).contains(&"PAY-002"));
    }

    #[test]
    fn sme_rules_bind_large_buyers_only() {
        let mut draft = Draft::with_presets();
        draft.set("payment.milestones[1].due_days", json!("90"));
        assert!(!rules(&draft).contains(&"PAY-004"));
        draft.set("parties.buyer.size", json!("large"));
        draft.set("parties.supplier.size", json!("sme"));
        assert!(rules(&draft).contains(&"PAY-004"));
    }

    #[test]
    fn deposits_over_a_fifth_are_errors() {
        let mut draft = Draft::with_presets();
        for (path, value) in [
            ("pricing.license_model", "one_time"),
            ("pricing.license_fee", "100"),
            ("pricing.implementation_fee", "0"),
            ("pricing.training_fee", "0"),
            ("pricing.deposit", "20.01"),
        ] {
            draft.set(path, json!(value));
        }
        assert!(rules(&draft).contains(&"DEP-001"));
        draft.set("pricing.deposit", json!("20"));
        assert!(!rules(&draft).contains(&"DEP-001"));
    }
}
