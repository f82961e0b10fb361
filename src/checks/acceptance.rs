//! Acceptance, implementation and service: a review period (ACC-001), a standard tied to
//! the module list (ACC-002), deemed acceptance and a limit on rounds (ACC-003), load at
//! least the licensed users (ACC-004), dates that fit (IMP-001, IMP-002), migration against
//! the plan (IMP-003), the SaaS level (SVC-001), support times (SVC-004, SVC-005).

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
    // Deemed acceptance protects the supplier: it is never recommended to the buyer's own draft.
    let buyer_drafts = draft.text("meta.drafting_party") == Some("buyer");
    let no_deemed = draft.flag("acceptance.deemed_accepted") != Some(true) && !buyer_drafts;
    if no_deemed || draft.text("acceptance.max_rounds").is_none() {
        findings.push(Finding::of(
            "ACC-003",
            if no_deemed { "acceptance.deemed_accepted" } else { "acceptance.max_rounds" },
            if no_deemed {
                "（乙方风险）建议约定逾期未验收视为验收合格的条款，以及多次验收不合格时的解除与退款机制。"
            } else {
                "建议约定多次验收不合格时的解除与退款机制。"
            },
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
    support_times(draft, findings);
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

/// SVC-004 and SVC-005: a first response slower than the repair it starts, a free support
/// period of zero.
fn support_times(draft: &Draft, findings: &mut Vec<Finding>) {
    if let (Some(response), Some(resolve)) =
        (derived::int_of(draft, "service.response_hours"), derived::int_of(draft, "service.resolve_hours"))
        && response > resolve
    {
        findings.push(Finding::of(
            "SVC-004",
            "service.response_hours",
            format!("响应时限（{response}小时）长于严重故障修复时限（{resolve}小时）：修复从响应开始，这样的约定无法履行，请核对。"),
            format!("The response time ({response} h) is longer than the repair time ({resolve} h)."),
        ));
    }
    if draft.text("service.free_months").is_some() && derived::int_of(draft, "service.free_months") == Some(0) {
        findings.push(Finding::of(
            "SVC-005",
            "service.free_months",
            "免费服务期为0个月：终验合格后即无免费维护和技术支持，缺陷修复只能另行付费，请约定免费服务期或者写明服务费。",
            "A free support period of zero: no free maintenance after acceptance.",
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
    } else if let (Some(go_live), Some(term_start)) = (go_live, derived::date_of(draft, "term.start_date")) {
        // A term that runs from go-live (or acceptance) is planned from it: the two dates
        // printed side by side must agree.
        let mismatch = match draft.text("term.starts_on") {
            Some("go_live") => term_start != go_live,
            Some("acceptance") => term_start < go_live,
            _ => false,
        };
        if mismatch {
            findings.push(Finding::of(
                "IMP-001",
                "implementation.go_live_date",
                "服务期限自上线（或者终验合格）起算，但计划上线日期与服务期限的计划开始日期不符：请使两者一致。",
                "The term runs from go-live (or acceptance), but the planned go-live and the term's planned start differ.",
            ));
        }
    }
    if let (Some(start), Some(signed)) = (start, derived::date_of(draft, "signing.date"))
        && start < signed
    {
        findings.push(Finding::of(
            "IMP-002",
            "implementation.start_date",
            "实施开始日期早于合同签订日期：合同生效前开始的工作，其范围、费用和责任均无合同依据。",
            "Implementation starts before the contract is signed.",
        ));
    }
    let migration_planned = draft.rows("implementation.phases").iter().any(|row| {
        ["name", "tasks", "deliverables"]
            .iter()
            .any(|key| row.get(*key).and_then(cell_text).is_some_and(|t| t.contains("迁移")))
    });
    if draft.flag("implementation.data_migration") == Some(false) && migration_planned {
        findings.push(Finding::of(
            "IMP-003",
            "implementation.data_migration",
            "合同约定不包括数据迁移，但附件三《实施计划》仍列有数据迁移工作：请统一，否则迁移由谁负责、是否收费将发生争议。",
            "Migration is excluded, but the implementation plan still has a migration phase.",
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rules(draft: &Draft) -> Vec<&'static str> {
        crate::checks::fired(check, draft)
    }

    #[test]
    fn a_term_from_go_live_starts_at_the_planned_go_live() {
        let mut draft = Draft::empty();
        draft.set("implementation.go_live_date", json!("2027-02-26"));
        draft.set("term.start_date", json!("2026-12-07"));
        draft.set("term.end_date", json!("2029-12-06"));
        assert!(!rules(&draft).contains(&"IMP-001"), "a fixed start may be any day");
        draft.set("term.starts_on", json!("go_live"));
        assert!(rules(&draft).contains(&"IMP-001"));
        draft.set("term.start_date", json!("2027-02-26"));
        assert!(!rules(&draft).contains(&"IMP-001"));
        draft.set("term.starts_on", json!("acceptance"));
        draft.set("term.start_date", json!("2027-04-15"));
        assert!(!rules(&draft).contains(&"IMP-001"), "acceptance follows go-live");
    }

    #[test]
    fn work_before_signing_and_migration_against_the_plan() {
        let mut draft = Draft::empty();
        draft.set("signing.date", json!("2026-12-01"));
        draft.set("implementation.start_date", json!("2026-11-20"));
        assert!(rules(&draft).contains(&"IMP-002"));
        draft.set("implementation.start_date", json!("2026-12-07"));
        assert!(!rules(&draft).contains(&"IMP-002"));
        draft.set("implementation.data_migration", json!(false));
        draft.set("implementation.phases", json!([{"name": "数据迁移", "tasks": "导入客户档案"}]));
        assert!(rules(&draft).contains(&"IMP-003"));
        draft.set("implementation.data_migration", json!(true));
        assert!(!rules(&draft).contains(&"IMP-003"));
    }

    #[test]
    fn support_times_that_cannot_work() {
        let mut draft = Draft::empty();
        draft.set("service.response_hours", json!("8"));
        draft.set("service.resolve_hours", json!("4"));
        draft.set("service.free_months", json!("0"));
        assert!(rules(&draft).contains(&"SVC-004") && rules(&draft).contains(&"SVC-005"));
        draft.set("service.response_hours", json!("1"));
        draft.set("service.free_months", json!("12"));
        assert!(!rules(&draft).contains(&"SVC-004") && !rules(&draft).contains(&"SVC-005"));
    }
}
