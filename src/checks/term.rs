//! Term and signing: dates in order (TRM-001), renewal notice (TRM-002), counterparts
//! (TRM-003), notices and service (TRM-004), force majeure periods (TRM-007), licence
//! periods against the term (TRM-008).

use super::Finding;
use crate::derived::{self, cell_text};
use crate::draft::Draft;
use crate::values;

pub(super) fn check(draft: &Draft, findings: &mut Vec<Finding>) {
    let pairs = [
        ("term.start_date", "term.end_date", "服务期限", "The term"),
        ("implementation.start_date", "implementation.go_live_date", "实施计划", "The implementation"),
    ];
    for (start, end, zh, en) in pairs {
        if let (Some(from), Some(to)) = (derived::date_of(draft, start), derived::date_of(draft, end))
            && to < from
        {
            findings.push(reversed(end, zh, en));
        }
    }
    for (index, row) in draft.rows("implementation.phases").iter().enumerate() {
        let date = |key| row.get(key).and_then(cell_text).and_then(|d| values::parse_date(d).ok());
        if let (Some(from), Some(to)) = (date("start"), date("end"))
            && to < from
        {
            let path = format!("implementation.phases[{index}].end");
            findings.push(reversed(&path, &format!("第{}个实施阶段", index + 1), &format!("Phase {}", index + 1)));
        }
    }
    if let (Some(copies), Some(each)) =
        (derived::int_of(draft, "signing.copies"), derived::int_of(draft, "signing.copies_each"))
        && copies != each * 2
    {
        findings.push(Finding::of(
            "TRM-003",
            "signing.copies",
            format!("合同份数约定前后矛盾：一式{copies}份，但双方各执{each}份（合计{}份）。", each * 2),
            format!("Counterparts disagree: {copies} in all, but {each} for each party ({} together).", each * 2),
        ));
    }
    renewal_notices_and_force_majeure(draft, findings);
    periods_against_the_term(draft, findings);
}

/// The periodic fee buys as many periods as the term holds: three annual fees for a
/// two-year term overcharge a year (or leave a year unpaid).
fn periods_against_the_term(draft: &Draft, findings: &mut Vec<Finding>) {
    let Some(periods) = derived::int_of(draft, "pricing.license_periods") else { return };
    let (held, zh_unit, en_unit) = match draft.text("pricing.license_model") {
        Some("annual") => (derived::service_years(draft), "个服务年度", "service years"),
        Some("monthly") => (derived::term_months(draft), "个月", "months"),
        _ => return,
    };
    if let Some(held) = held
        && held != periods
    {
        findings.push(Finding::of(
            "TRM-008",
            "pricing.license_periods",
            format!("许可期数与服务期限不一致：按{periods}期计费，但服务期限为{held}{zh_unit}。"),
            format!("The fee is charged for {periods} periods, but the term holds {held} {en_unit}."),
        ));
    }
}

fn renewal_notices_and_force_majeure(draft: &Draft, findings: &mut Vec<Finding>) {
    if draft.flag("term.auto_renew") == Some(true) && draft.text("term.renewal_notice_days").is_none() {
        findings.push(Finding::of(
            "TRM-002",
            "term.renewal_notice_days",
            "自动续约条款缺少不续约的通知期限。",
            "Automatic renewal without a notice period for opting out.",
        ));
    }
    let no_email = draft.text("parties.buyer.email").is_none() && draft.text("parties.supplier.email").is_none();
    if draft.flag("notices.email_valid") != Some(true) || draft.text("notices.change_days").is_none() || no_email {
        findings.push(Finding::of(
            "TRM-004",
            if draft.flag("notices.email_valid") == Some(true) && draft.text("notices.change_days").is_some() {
                "parties.buyer.email"
            } else {
                "notices.email_valid"
            },
            "建议约定送达地址和电子邮箱及其在诉讼、仲裁中的效力，以及地址变更的通知义务。",
            "Agree service addresses and e-mails (also for court or arbitration) and a duty to tell a new address.",
        ));
    }
    for path in ["force_majeure.notice_days", "force_majeure.proof_days"] {
        if draft.text(path).is_none() {
            findings.push(Finding::of(
                "TRM-007",
                path,
                "不可抗力是不能预见、不能避免且不能克服的客观情况，应约定通知与证明的期限。",
                "Force majeure needs agreed periods for notice and proof.",
            ));
        }
    }
}

fn reversed(path: &str, zh: &str, en: &str) -> Finding {
    Finding::of("TRM-001", path, format!("{zh}的结束日期早于开始日期。"), format!("{en} ends before it starts."))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rules(draft: &Draft) -> Vec<&'static str> {
        crate::checks::fired(check, draft)
    }

    #[test]
    fn licence_periods_follow_the_term() {
        let mut draft = Draft::empty();
        draft.set("pricing.license_model", json!("annual"));
        draft.set("pricing.license_periods", json!("3"));
        draft.set("term.start_date", json!("2026-12-07"));
        draft.set("term.end_date", json!("2028-12-06"));
        assert!(rules(&draft).contains(&"TRM-008"), "three years charged for two");
        draft.set("term.end_date", json!("2029-12-06"));
        assert!(!rules(&draft).contains(&"TRM-008"));
        draft.set("pricing.license_model", json!("monthly"));
        draft.set("pricing.license_periods", json!("36"));
        assert!(!rules(&draft).contains(&"TRM-008"));
        draft.set("pricing.license_periods", json!("24"));
        assert!(rules(&draft).contains(&"TRM-008"));
    }

    #[test]
    fn reversed_dates_and_copies_are_found() {
        let mut draft = Draft::empty();
        draft.set("term.start_date", json!("2027-01-01"));
        draft.set("term.end_date", json!("2026-12-31"));
        draft.set("implementation.phases", json!([{"start": "2026-12-05", "end": "2026-12-01"}]));
        draft.set("signing.copies", json!("4"));
        draft.set("signing.copies_each", json!("1"));
        let mut found = Vec::new();
        check(&draft, &mut found);
        let got: Vec<(&str, &str)> = found
            .iter()
            .map(|f| (f.rule, f.field.as_str()))
            .filter(|(r, _)| *r == "TRM-001" || *r == "TRM-003")
            .collect();
        assert_eq!(
            got,
            vec![
                ("TRM-001", "term.end_date"),
                ("TRM-001", "implementation.phases[0].end"),
                ("TRM-003", "signing.copies")
            ]
        );
    }
}
