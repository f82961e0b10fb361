//! Values computed from the draft and never stored: the contract total, each milestone's
//! amount, and the kind of term. Computed afresh on every call, so never stale.

use jiff::ToSpan;
use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::draft::Draft;
use crate::money::round_fen;
use crate::values;

/// The money at a path, if present and valid.
pub fn money_of(draft: &Draft, path: &str) -> Option<Decimal> {
    values::parse_money(draft.text(path)?).ok()
}

/// The whole number at a path, if present and valid.
pub fn int_of(draft: &Draft, path: &str) -> Option<u64> {
    values::parse_int(draft.text(path)?, 0).ok()
}

/// The percentage or rate at a path, if present and valid.
pub fn decimal_of(draft: &Draft, path: &str) -> Option<Decimal> {
    values::parse_rate(draft.text(path)?).ok()
}

/// The date at a path, if present and valid.
pub fn date_of(draft: &Draft, path: &str) -> Option<Date> {
    values::parse_date(draft.text(path)?).ok()
}

/// The last day of a signatory's authority on the 授权委托书: 30 days after the planned
/// signing, so a signing that slips a few weeks needs no new authority.
pub fn authority_until(draft: &Draft) -> Option<Date> {
    date_of(draft, "signing.date")?.checked_add(30.days()).ok()
}

/// How many licence periods the contract buys: 1 for a one-off licence.
fn license_periods(draft: &Draft) -> Option<u64> {
    match draft.text("pricing.license_model") {
        Some("annual" | "monthly") => int_of(draft, "pricing.license_periods"),
        _ => Some(1),
    }
}

/// The licence fee for the whole contract: per-period fee × periods.
pub fn license_total(draft: &Draft) -> Option<Decimal> {
    Some(money_of(draft, "pricing.license_fee")? * Decimal::from(license_periods(draft)?))
}

/// Whether the supplier charges for version updates (a yearly fee inside the total).
pub fn updates_charged(draft: &Draft) -> bool {
    draft.flag("system.updates.provided") == Some(true) && draft.flag("system.updates.free") == Some(false)
}

/// The update fee for the whole term: the yearly fee × the service years; zero when updates
/// are free or not provided, `None` while a charged fee or the term is missing.
pub fn updates_total(draft: &Draft) -> Option<Decimal> {
    if !updates_charged(draft) {
        return Some(Decimal::ZERO);
    }
    Some(round_fen(money_of(draft, "system.updates.fee")? * Decimal::from(service_years(draft)?)))
}

/// The whole months of the term, when it is a whole number of months (1 March to the last
/// of February is 12); `None` otherwise or while a date is missing.
pub fn term_months(draft: &Draft) -> Option<u64> {
    let start = date_of(draft, "term.start_date")?;
    let day_after_end = date_of(draft, "term.end_date")?.tomorrow().ok()?;
    let months = (1..=1200u32).find(|&n| start.checked_add(i64::from(n).months()).is_ok_and(|d| d >= day_after_end))?;
    let exact = start.checked_add(i64::from(months).months()).ok()? == day_after_end;
    exact.then_some(u64::from(months))
}

/// The service years (每满12个月) the term holds, a part year counted as one; `None` while a
/// date is missing or the end is before the start.
pub fn service_years(draft: &Draft) -> Option<u64> {
    let start = date_of(draft, "term.start_date")?;
    let day_after_end = date_of(draft, "term.end_date")?.tomorrow().ok()?;
    if day_after_end <= start {
        return None;
    }
    (1..=100u32).find(|&n| start.checked_add(i64::from(n).years()).is_ok_and(|d| d >= day_after_end)).map(u64::from)
}

/// Whether the licence is a perpetual buy-out: a one-time fee for software the buyer runs.
/// A one-time fee for SaaS buys the subscription for the term, paid in advance.
pub fn perpetual_license(draft: &Draft) -> bool {
    draft.text("pricing.license_model") == Some("one_time") && draft.text("system.deployment") != Some("saas")
}

/// What the contract calls the licence fee: a SaaS subscription is a service fee
/// (订阅服务费), a perpetual or on-premise licence a software licence fee.
pub fn license_fee_name(draft: &Draft) -> &'static str {
    let recurring = matches!(draft.text("pricing.license_model"), Some("annual" | "monthly"));
    match draft.text("system.deployment") {
        Some("saas") => "订阅服务费",
        Some("hybrid") if recurring => "软件许可及订阅服务费",
        _ => "软件许可费",
    }
}

/// The contract total: licence + updates + implementation + training + other fees. `None`
/// while any part is missing or invalid.
pub fn total(draft: &Draft) -> Option<Decimal> {
    let mut sum = license_total(draft)?;
    sum += updates_total(draft)?;
    sum += money_of(draft, "pricing.implementation_fee")?;
    sum += money_of(draft, "pricing.training_fee")?;
    for row in draft.rows("pricing.other_fees") {
        let amount = row.get("amount").and_then(cell_text)?;
        sum += values::parse_money(amount).ok()?;
    }
    Some(round_fen(sum))
}

/// The instalment (0-based) the earnest money (定金) is credited to: the last one at least as
/// large as the deposit, so the credit never exceeds the instalment and the deposit secures the
/// contract for as long as it can. `None` without a deposit or when no instalment is large enough.
pub fn deposit_credited_to(draft: &Draft) -> Option<usize> {
    let deposit = money_of(draft, "pricing.deposit")?;
    milestone_amounts(draft).iter().rposition(|amount| amount.is_some_and(|a| a >= deposit))
}

/// A row cell's text, trimmed and non-blank.
pub fn cell_text(value: &serde_json::Value) -> Option<&str> {
    value.as_str().map(str::trim).filter(|s| !s.is_empty())
}

/// Each milestone's percentage, if valid.
pub fn milestone_percents(draft: &Draft) -> Vec<Option<Decimal>> {
    draft
        .rows("payment.milestones")
        .iter()
        .map(|row| row.get("percent").and_then(cell_text).and_then(|p| values::parse_percent(p).ok()))
        .collect()
}

/// Each milestone's amount: total × percent rounded to 分; when the percentages add up to
/// 100, the last row takes the rounding remainder so the rows add up to the total exactly.
pub fn milestone_amounts(draft: &Draft) -> Vec<Option<Decimal>> {
    let percents = milestone_percents(draft);
    let Some(total) = total(draft) else { return vec![None; percents.len()] };
    let mut amounts: Vec<Option<Decimal>> =
        percents.iter().map(|p| p.map(|p| round_fen(total * p / Decimal::ONE_HUNDRED))).collect();
    let complete: Option<Vec<Decimal>> = percents.iter().copied().collect();
    if let (Some(percents), Some((last, others))) = (complete, amounts.split_last_mut())
        && percents.iter().sum::<Decimal>() == Decimal::ONE_HUNDRED
    {
        let others_sum: Decimal = others.iter().flatten().sum();
        *last = Some(total - others_sum);
    }
    amounts
}

/// The seed's three kinds of contract term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    /// Up to one year: a trial.
    Short,
    /// One to three years: the common choice.
    Medium,
    /// More than three years.
    Long,
}

impl TermKind {
    pub fn id(self) -> &'static str {
        match self {
            TermKind::Short => "short",
            TermKind::Medium => "medium",
            TermKind::Long => "long",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            TermKind::Short => "短期合同（一年以内）",
            TermKind::Medium => "中期合同（一到三年）",
            TermKind::Long => "长期合同（三年以上）",
        }
    }
}

/// The kind of the term from its dates; `None` while a date is missing or the end is
/// not after the start.
pub fn term_kind(draft: &Draft) -> Option<TermKind> {
    let start = date_of(draft, "term.start_date")?;
    let end = date_of(draft, "term.end_date")?;
    if end < start {
        return None;
    }
    let within = |years: i64| start.checked_add(years.years()).is_ok_and(|limit| end <= limit);
    Some(if within(1) {
        TermKind::Short
    } else if within(3) {
        TermKind::Medium
    } else {
        TermKind::Long
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap_or_default()
    }

    fn priced(license: &str, percents: &[&str]) -> Draft {
        let mut draft = Draft::empty();
        draft.set("pricing.license_model", json!("one_time"));
        draft.set("pricing.license_fee", json!(license));
        draft.set("pricing.implementation_fee", json!("0"));
        draft.set("pricing.training_fee", json!("0"));
        let rows: Vec<_> = percents.iter().map(|p| json!({"percent": p})).collect();
        draft.set("payment.milestones", json!(rows));
        draft
    }

    #[test]
    fn total_multiplies_recurring_licences() {
        let mut draft = priced("36000", &[]);
        draft.set("pricing.license_model", json!("annual"));
        assert_eq!(total(&draft), None, "periods missing");
        draft.set("pricing.license_periods", json!("3"));
        draft.set("pricing.other_fees", json!([{"name": "迁移", "amount": "6000.50"}]));
        assert_eq!(total(&draft), Some(dec("114000.50")));
    }

    #[test]
    fn last_milestone_takes_the_rounding_remainder() {
        let draft = priced("100.00", &["33.33", "33.33", "33.34"]);
        let amounts = milestone_amounts(&draft);
        assert_eq!(amounts, vec![Some(dec("33.33")), Some(dec("33.33")), Some(dec("33.34"))]);
        let draft = priced("0.10", &["50", "50"]);
        assert_eq!(milestone_amounts(&draft), vec![Some(dec("0.05")), Some(dec("0.05"))]);
        let draft = priced("0.01", &["50", "50"]);
        let amounts: Vec<_> = milestone_amounts(&draft).into_iter().flatten().collect();
        assert_eq!(amounts.iter().sum::<Decimal>(), dec("0.01"));
    }

    #[test]
    fn paid_updates_are_inside_the_total_for_every_service_year() {
        let mut draft = priced("100000", &[]);
        draft.set("system.updates.provided", json!(true));
        draft.set("system.updates.free", json!(false));
        draft.set("system.updates.fee", json!("5000"));
        assert_eq!(total(&draft), None, "no term yet");
        draft.set("term.start_date", json!("2027-02-26"));
        draft.set("term.end_date", json!("2030-02-25"));
        assert_eq!(service_years(&draft), Some(3));
        assert_eq!(updates_total(&draft), Some(dec("15000")));
        assert_eq!(total(&draft), Some(dec("115000")));
        draft.set("term.end_date", json!("2030-02-26"));
        assert_eq!(service_years(&draft), Some(4), "a day more is a part year");
        draft.set("system.updates.free", json!(true));
        assert_eq!(total(&draft), Some(dec("100000")));
    }

    #[test]
    fn whole_months_of_the_term() {
        let mut draft = Draft::empty();
        draft.set("term.start_date", json!("2027-03-01"));
        draft.set("term.end_date", json!("2028-02-29"));
        assert_eq!(term_months(&draft), Some(12));
        draft.set("term.end_date", json!("2028-02-28"));
        assert_eq!(term_months(&draft), None);
        draft.set("term.start_date", json!("2026-12-07"));
        draft.set("term.end_date", json!("2029-12-06"));
        assert_eq!(term_months(&draft), Some(36));
    }

    #[test]
    fn term_kinds_follow_the_seed() {
        let mut draft = Draft::empty();
        draft.set("term.start_date", json!("2026-12-01"));
        for (end, kind) in
            [("2027-12-01", TermKind::Short), ("2029-12-01", TermKind::Medium), ("2029-12-02", TermKind::Long)]
        {
            draft.set("term.end_date", json!(end));
            assert_eq!(term_kind(&draft), Some(kind), "{end}");
        }
    }
}
