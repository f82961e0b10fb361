//! Step 6 · 验收: the standards (functional, performance, stability) and the procedure
//! (request, review period, fixes, repeated failure, deemed acceptance).

use super::{Field, Kind, Preset, Preview, Section, bi};
use crate::draft::Draft;

/// A failed acceptance may be fixed and repeated: more than one round is agreed (or the
/// number is not yet known).
fn rounds_repeat(draft: &Draft) -> bool {
    crate::derived::int_of(draft, "acceptance.max_rounds").is_none_or(|rounds| rounds > 1)
}

pub(super) static SECTION: Section = Section {
    id: "acceptance",
    title: bi("验收", "Acceptance"),
    preview: Preview::From("acceptance"),
    intro: bi(
        "明确什么样的系统才算合格交付，以及验收的流程和时间节点。",
        "What counts as a conforming delivery, and how and when it is accepted.",
    ),
    is_step: true,
    shown_in: None,
    fields: &[
        Field::new("acceptance.functional", Kind::Long, "功能验收标准", "Functional standard")
            .required()
            .preset(Preset::Str("系统功能完全符合本合同附件一《功能模块清单》的约定，无遗漏或错误。"))
            .help("功能须与第2步的功能清单一致。", "Every function of step 2 works as described."),
        Field::new("acceptance.response_seconds", Kind::Int { min: 1 }, "响应时间（秒）", "Response time (s)")
            .required()
            .preset(Preset::Str("3"))
            .help("常用操作的页面响应时间上限。", "Upper bound for common operations."),
        Field::new("acceptance.concurrent_users", Kind::Int { min: 1 }, "并发用户数", "Concurrent users")
            .required()
            .help(
                "在该并发量下系统不得崩溃，不应低于授权用户数。",
                "No crash at this load; at least the licensed users.",
            ),
        Field::new("acceptance.availability_percent", Kind::Percent, "试运行可用率（%）", "Availability in trial (%)")
            .help("试运行期间的系统可用率。", "Availability during the trial run."),
        Field::new("acceptance.trial_days", Kind::Int { min: 1 }, "试运行期（日）", "Trial run (days)")
            .help("验收前的试运行天数。", "Days of trial run before acceptance."),
        Field::new(
            "acceptance.review_days",
            Kind::Int { min: 1 },
            "验收期限（工作日）",
            "Review within (working days)",
        )
        .required()
        .preset(Preset::Str("10"))
        .help(
            "甲方收到验收申请后N个工作日内组织验收。",
            "The buyer runs acceptance within N working days of the request.",
        ),
        Field::new("acceptance.fix_days", Kind::Int { min: 1 }, "整改期限（日）", "Fix within (days)")
            .required()
            .when(rounds_repeat)
            .preset(Preset::Str("15"))
            .help(
                "验收不合格时乙方在N日内整改后重新验收。",
                "On failure the supplier fixes within N days, then acceptance repeats.",
            ),
        Field::new("acceptance.max_rounds", Kind::Int { min: 1 }, "最多验收次数", "Maximum rounds")
            .required()
            .preset(Preset::Str("2"))
            .help(
                "累计N次验收不合格的，甲方可解除合同并要求退款；填1表示不整改重验，一次不合格即可解除。",
                "After N failed rounds the buyer may terminate and be refunded.",
            ),
        Field::new("acceptance.deemed_accepted", Kind::Bool, "逾期视为验收合格", "Deemed accepted")
            .required()
            .preset(Preset::Bool(true))
            .help(
                "甲方逾期既不验收也不提出书面异议的，视为验收合格。",
                "If the buyer neither accepts nor objects in time, acceptance is deemed passed.",
            ),
    ],
};
