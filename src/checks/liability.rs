//! Liability: penalties that may be cut down as excessive (LIA-001), late-payment rates
//! (LIA-002) and the overall cap with its exceptions (LIA-006).

use rust_decimal::Decimal;

use super::Finding;
use super::thresholds::{LATE_RATE_MAX_PERMILLE, PENALTY_SHARE_MAX_PERCENT, lpr_permille_a_day};
use crate::derived;
use crate::draft::Draft;

pub(super) fn check(draft: &Draft, findings: &mut Vec<Finding>) {
    penalty_caps(draft, findings);
    late_rate(draft, findings);
    overall_cap(draft, findings);
}

fn penalty_caps(draft: &Draft, findings: &mut Vec<Finding>) {
    let pairs = [
        (
            "breach.supplier_delay_rate",
            "breach.supplier_delay_cap",
            "乙方逾期违约金",
            "合同总价",
            "The supplier's delay penalty",
        ),
        (
            "breach.buyer_late_rate",
            "breach.buyer_late_cap",
            "甲方逾期付款违约金",
            "逾期金额",
            "The buyer's late-payment penalty",
        ),
    ];
    for (rate, cap, zh, base, en) in pairs {
        let has_rate = derived::decimal_of(draft, rate).is_some_and(|r| r > Decimal::ZERO);
        match derived::decimal_of(draft, cap) {
            None if has_rate => findings.push(Finding::of(
                "LIA-001",
                cap,
                format!("{zh}按日计算但没有上限，累计后可能过分高于损失，存在被调减的风险。"),
                format!("{en} accrues daily without a cap and may become excessive."),
            )),
            Some(cap_percent) if cap_percent > PENALTY_SHARE_MAX_PERCENT => findings.push(Finding::of(
                "LIA-001",
                cap,
                format!("{zh}上限为{base}的{}%，可能“过分高于造成的损失”（一般以超过损失的{PENALTY_SHARE_MAX_PERCENT}%为过高），存在被法院或仲裁机构调减的风险。", cap_percent.normalize()),
                format!("{en} cap of {}% may be found excessive (usually above {PENALTY_SHARE_MAX_PERCENT}% of the loss).", cap_percent.normalize()),
            )),
            _ => {}
        }
    }
}

fn late_rate(draft: &Draft, findings: &mut Vec<Finding>) {
    let Some(rate) = derived::decimal_of(draft, "breach.buyer_late_rate") else { return };
    let pays_sme =
        draft.text("parties.supplier.size") == Some("sme") && draft.text("parties.buyer.size") == Some("large");
    if rate > LATE_RATE_MAX_PERMILLE {
        findings.push(Finding::of(
            "LIA-002",
            "breach.buyer_late_rate",
            format!(
                "逾期付款违约金为每日{}‰，高于每日{LATE_RATE_MAX_PERMILLE}‰，可能被认定过高而调减。",
                rate.normalize()
            ),
            format!("A late-payment rate of {}‰ a day may be found excessive.", rate.normalize()),
        ));
    } else if pays_sme && rate < lpr_permille_a_day() {
        findings.push(Finding::of(
            "LIA-002",
            "breach.buyer_late_rate",
            "大型企业向中小企业逾期付款的利息不得低于一年期贷款市场报价利率（LPR），未约定时按每日万分之五计算。",
            "Late interest owed to an SME may not be below the one-year LPR (0.5‰ a day when not agreed).",
        ));
    }
}

fn overall_cap(draft: &Draft, findings: &mut Vec<Finding>) {
    let Some(cap) = derived::decimal_of(draft, "breach.liability_cap") else {
        findings.push(Finding::of(
            "LIA-006",
            "breach.liability_cap",
            "未约定赔偿责任上限；如约定，应明确其例外（数据泄露、知识产权侵权、保密违约、故意或重大过失）。",
            "No overall liability cap; if one is agreed, exclude leaks, IP infringement, confidentiality, intent and gross negligence.",
        ));
        return;
    };
    let (Some(total), Some(yearly)) = (derived::total(draft), yearly_fees(draft)) else { return };
    if total * cap / Decimal::ONE_HUNDRED < yearly {
        findings.push(Finding::of(
            "LIA-006",
            "breach.liability_cap",
            "赔偿责任上限低于一年的费用，对甲方可能明显不利。",
            "The liability cap is below a year's fees.",
        ));
    }
}

/// What the buyer pays for one year of the licence.
fn yearly_fees(draft: &Draft) -> Option<Decimal> {
    let fee = derived::money_of(draft, "pricing.license_fee")?;
    Some(match draft.text("pricing.license_model") {
        Some("monthly") => fee * Decimal::from(12),
        _ => fee,
    })
}
