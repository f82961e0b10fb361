//! Acceptance, implementation and service: a review period (ACC-001), a standard tied to
//! the module list (ACC-002), deemed acceptance and a limit on rounds (ACC-003), load at
//! least the licensed users (ACC-004), dates that fit (IMP-001), the SaaS level (SVC-001).

use super::Finding;
use crate::derived::{self, cell_text};
use crate::draft::Draft;
use crate::values;

pub(super) fn check(draft: &Draft, findings: &mut Vec<Finding>) {
    if draft.text("acceptance.review_days").is_none() {
        findings.push(Finding::of(
            "ACC-001",
            "acceptance.review_days",
            "未约定验收期限：付款及质保期起算将无法确定。请约定“收到验收申请后N个工作日内完成验收”。",
            "No acceptance period: payment and warranty dates cannot be fixed. Agree “within N working days of the request”.",
        ));
    }
    let standard = draft.text("acceptance.functional");
    if standard.is_none_or(|text| !["附件", "功能", "需求"].iter().any(|w| text.contains(w))) {
        findings.push(Finding::of(
            "ACC-002",
            "acceptance.functional",
            "未约定验收标准和方法，或未引用功能清单、需求规格说明书。",
            "The acceptance standard is missing or not tied to the module list or the requirements.",
        ));
    }
    if draft.flag("acceptance.deemed_accepted") != Some(true) || draft.text("acceptance.max_rounds").is_none() {
        findings.push(Finding::of(
            "ACC-003",
            if draft.flag("acceptance.deemed_accepted") == Some(true) { "acceptance.max_rounds" } else { "acceptance.deemed_accepted" },
            "建议约定逾期未验收视为验收合格的条款，以及多次验收不合格时的解除与退款机制。",
            "Consider deemed acceptance when the buyer does not act, and termination with refund after repeated failure.",
        ));
    }
    if let (Some(users), Some(load)) =
        (derived::int_of(draft, "system.user_licenses"), derived::int_of(draft, "acceptance.concurrent_users"))
        && load < users
    {
        findings.push(Finding::of(
            "ACC-004",
            "acceptance.concurrent_users",
            format!("验收并发用户数（{load}）低于授权用户数（{users}），全部用户同时使用时的性能未经验收。"),
            format!("Acceptance load ({load}) is below the licensed users ({users})."),
        ));
    }
    implementation_dates(draft, findings);
    if matches!(draft.text("system.deployment"), Some("saas" | "hybrid"))
        && (draft.text("service.sla_percent").is_none() || draft.text("service.sla_credit").is_none())
    {
        findings.push(Finding::of(
            "SVC-001",
            if draft.text("service.sla_percent").is_none() { "service.sla_percent" } else { "service.sla_credit" },
            "云端SaaS应约定月可用率承诺及未达承诺时的服务费抵扣。",
            "A SaaS service needs a monthly availability commitment and a service credit.",
        ));
    }
}

fn implementation_dates(draft: &Draft, findings: &mut Vec<Finding>) {
    let start = derived::date_of(draft, "implementation.start_date");
    let go_live = derived::date_of(draft, "implementation.go_live_date");
    if let (Some(go_live), Some(term_end)) = (go_live, derived::date_of(draft, "term.end_date"))
        && go_live > term_end
    {
        findings.push(Finding::of(
            "IMP-001",
            "implementation.go_live_date",
            "上线日期晚于合同服务期限届满日。",
            "Go-live falls after the end of the term.",
        ));
    }
    let (Some(start), Some(go_live)) = (start, go_live) else { return };
    for (index, row) in draft.rows("implementation.phases").iter().enumerate() {
        let date = |key| row.get(key).and_then(cell_text).and_then(|d| values::parse_date(d).ok());
        let outside = date("start").is_some_and(|d| d < start) || date("end").is_some_and(|d| d > go_live);
        if outside {
            findings.push(Finding::of(
                "IMP-001",
                format!("implementation.phases[{index}].start"),
                format!("第{}个实施阶段不在实施开始日至上线日之间。", index + 1),
                format!("Phase {} lies outside the implementation period.", index + 1),
            ));
        }
    }
}
