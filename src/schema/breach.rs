//! Step 8 · 违约责任: delay penalties for both sides with caps, termination for long delay,
//! liability for data leaks, the overall cap and the IP warranty.

use super::{Field, Kind, Preset, Preview, Section, bi, choice};

pub(super) static SECTION: Section = Section {
    id: "breach",
    title: bi("违约责任", "Liability"),
    preview: Preview::From("breach"),
    intro: bi(
        "约定双方违约时的责任：逾期实施、逾期付款的违约金及上限，数据泄露责任和责任上限。",
        "Penalties for late delivery and late payment with caps, liability for leaks, the overall cap.",
    ),
    is_step: true,
    shown_in: None,
    fields: &[
        Field::new("breach.supplier_delay_rate", Kind::Rate, "乙方逾期违约金（‰/日）", "Supplier delay penalty (‰/day)")
            .required()
            .preset(Preset::Str("0.5"))
            .help("乙方逾期完成实施的，每日按合同总价的N‰支付违约金。", "Per day of delay, N‰ of the total."),
        Field::new("breach.supplier_delay_cap", Kind::Percent, "乙方逾期违约金上限（%）", "Cap (% of total)")
            .required()
            .preset(Preset::Str("10"))
            .help("逾期违约金累计不超过合同总价的N%。", "The delay penalty never exceeds N% of the total."),
        Field::new("breach.supplier_delay_terminate_days", Kind::Int { min: 1 }, "逾期解除期限（日）", "Terminate after (days late)")
            .required()
            .preset(Preset::Str("30"))
            .help("乙方逾期超过N日的，甲方可解除合同。", "Late more than N days: the buyer may terminate."),
        Field::new("breach.buyer_late_rate", Kind::Rate, "甲方逾期付款违约金（‰/日）", "Buyer late-payment penalty (‰/day)")
            .required()
            .preset(Preset::Str("0.5"))
            .help("甲方逾期付款的，每日按逾期金额的N‰支付违约金。", "Per day late, N‰ of the overdue amount."),
        Field::new("breach.buyer_late_cap", Kind::Percent, "甲方逾期付款违约金上限（%）", "Cap (% of overdue amount)")
            .required()
            .preset(Preset::Str("10"))
            .help("累计不超过逾期金额的N%。", "Never more than N% of the overdue amount."),
        Field::new("breach.suspension_after_days", Kind::Int { min: 1 }, "暂停服务前的逾期天数（日）", "Days overdue before suspension")
            .preset(Preset::Str("30"))
            .help(
                "甲方对无异议的款项逾期超过N日，经催告仍不付的，乙方方可暂停服务（且不得删除甲方数据）。",
                "The supplier may suspend only when undisputed fees are N days overdue and a reminder went unanswered.",
            ),
        Field::new("breach.data_breach", Kind::Long, "数据泄露责任", "Liability for data leaks")
            .required()
            .preset(Preset::Str("因乙方原因导致甲方数据或个人信息泄露、丢失、篡改的，乙方应赔偿甲方因此遭受的全部实际损失，包括甲方向第三方承担的赔偿、被处以的罚款以及为处理事件支出的合理费用。"))
            .help("乙方原因致数据泄露的赔偿范围：实际损失、罚款、第三方索赔。", "Actual losses including fines and third-party claims."),
        Field::new("breach.liability_cap", Kind::Percent, "赔偿责任上限（%）", "Liability cap (% of total)")
            .help("一方赔偿总额不超过合同总价的N%；故意、重大过失和人身损害的责任依法不受上限限制。", "Overall cap; liability for intent, gross negligence and injury is never capped (Civil Code art. 506)."),
        Field::new(
            "breach.cap_exclusions",
            Kind::Choice(&[
                choice("all", "数据泄露、知识产权、保密均不受上限", "Data leaks, IP and confidentiality uncapped"),
                choice("data_and_ip", "数据泄露、知识产权不受上限", "Data leaks and IP uncapped"),
                choice("statutory", "仅法定情形不受上限", "Only what the law leaves uncapped"),
            ]),
            "责任上限的除外情形",
            "What the cap does not cover",
        )
        .when(|draft| draft.text("breach.liability_cap").is_some_and(|cap| !cap.trim().is_empty()))
        .preset(Preset::Str("all"))
        .help(
            "故意或重大过失造成的财产损失、人身损害依法不受上限限制（《民法典》第五百零六条）；其余除外情形由双方约定。未选择的，数据泄露、知识产权和保密均不受上限。",
            "Intent, gross negligence and injury are never capped (Civil Code art. 506); the rest is agreed. Unset: data leaks, IP and confidentiality stay uncapped.",
        ),
        Field::new("breach.ip_indemnity", Kind::Bool, "知识产权担保", "IP warranty")
            .required()
            .preset(Preset::Bool(true))
            .help("乙方保证系统不侵犯第三方权利，否则由乙方负责处理并赔偿。", "The supplier warrants the system infringes no one's rights."),
    ],
};
