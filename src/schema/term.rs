//! Step 10 · 期限与签署: the contract term and renewal, the exit handover, signing details,
//! notices, force majeure and the parties' other agreements.

use super::{Field, Kind, Preset, Preview, Section, bi, choice};

pub(super) static SECTION: Section = Section {
    id: "term",
    title: bi("期限与签署", "Term & signing"),
    preview: Preview::From("term"),
    intro: bi(
        "一年以内为短期，适合先试用；一到三年为中期，较常见；三年以上为长期，稳定但更换系统困难。",
        "Up to a year is short (a trial), one to three years medium (common), longer is long (stable, but hard to switch).",
    ),
    is_step: true,
    shown_in: None,
    fields: &[
        Field::new(
            "term.starts_on",
            Kind::Choice(&[
                choice("go_live", "自上线之日起算", "From go-live"),
                choice("acceptance", "自终验合格之日起算", "From final acceptance"),
                choice("fixed", "固定日期", "A fixed date"),
            ]),
            "服务期限起算",
            "Term runs from",
        )
        .preset(Preset::Str("go_live"))
        .help(
            "付费的服务期限通常自上线或者终验合格起算，实施期间不计；选固定日期时，服务期限自下面的开始日期起算。未填写的按固定日期。",
            "The paid term usually runs from go-live or acceptance, not during implementation; left empty, it runs from the start date below.",
        ),
        Field::new("term.start_date", Kind::Date, "服务期限开始日期", "Term starts")
            .required()
            .help(
                "格式 2026-12-01。自上线或者终验起算的，填写计划日期，实际日期不同的，服务期限相应顺延。",
                "As 2026-12-01. When the term runs from go-live or acceptance, the planned date; the term moves with the actual one.",
            ),
        Field::new("term.end_date", Kind::Date, "服务期限结束日期", "Term ends")
            .required()
            .help(
                "一年以内为短期（适合试用，到期不合适可不续约）；一到三年为中期（有稳定期也有灵活性）；三年以上为长期（服务稳定、可能有价格优惠，但系统不能满足需求时更换困难）。",
                "Up to a year: short (trial); one to three: medium; more: long (stable, but hard to switch).",
            ),
        Field::new("term.auto_renew", Kind::Bool, "自动续约", "Renews automatically")
            .required()
            .preset(Preset::Bool(false))
            .help("到期未通知不续约的是否自动续约。", "Does the contract renew unless someone gives notice."),
        Field::new("term.renewal_uplift", Kind::Percent, "续期费用的最高上浮（%）", "Renewal price increase at most (%)")
            .when(|draft| draft.flag("term.auto_renew") == Some(true))
            .help(
                "自动续期时，续期年度的费用较最后一个服务年度最多上浮N%；留空或0为不上浮。",
                "On automatic renewal, the fee may rise by at most N% over the last service year; empty or 0: no increase.",
            ),
        Field::new("term.renewal_notice_days", Kind::Int { min: 1 }, "续约通知期（日）", "Renewal notice (days)")
            .required()
            .preset(Preset::Str("30"))
            .help("到期前N日书面通知对方是否续约。", "Either side says N days before the end whether it renews."),
        Field::new("term.convenience_notice_days", Kind::Int { min: 1 }, "甲方任意解除的通知期（日）", "Buyer's notice to terminate for convenience (days)")
            .preset(Preset::Str("30"))
            .help(
                "甲方可以提前N日书面通知解除本合同，并支付已完成工作的费用（《民法典》第七百八十七条、第九百三十三条）。",
                "The buyer may end the contract on N days' notice, paying for work done.",
            ),
        Field::new("term.exit_handover", Kind::Long, "到期交接安排", "Exit handover")
            .required()
            .preset(Preset::Str("合同到期不续约或提前终止的，乙方应按本合同约定返还并删除甲方数据，并配合甲方将数据迁移至甲方指定的系统，交接期间系统保持可用。"))
            .help(
                "不续约时的数据返还、迁移配合等，写成完整的句子。",
                "Data return and migration help when the contract ends, as a whole sentence.",
            ),
        Field::new("signing.date", Kind::Date, "签订日期", "Signing date")
            .help("可留空，签署时手写。", "May be left blank to fill in by hand."),
        Field::new("signing.place", Kind::Text, "签订地点", "Place of signing")
            .required()
            .help("如“浙江省杭州市西湖区”；选择签订地法院管辖时尤其重要。", "E.g. a city and district; matters for jurisdiction."),
        Field::new("signing.copies", Kind::Int { min: 1 }, "合同份数", "Counterparts")
            .required()
            .preset(Preset::Str("4"))
            .help("本合同一式N份。", "The contract is made in N counterparts."),
        Field::new("signing.copies_each", Kind::Int { min: 1 }, "每方执有份数", "Counterparts each")
            .required()
            .preset(Preset::Str("2"))
            .help("甲乙双方各执N份；合同份数应为其两倍。", "Each party keeps N; the total is twice that."),
        Field::new("notices.email_valid", Kind::Bool, "送达地址条款", "Service addresses clause")
            .required()
            .preset(Preset::Bool(true))
            .help("发往第1步所列地址和邮箱的通知视为送达，包括诉讼、仲裁中的法律文书。", "Notices to the addresses and e-mails of step 1 count as served, also in court."),
        Field::new("notices.change_days", Kind::Int { min: 1 }, "地址变更通知期限（日）", "Tell a new address within (days)")
            .required()
            .preset(Preset::Str("3"))
            .help("一方地址变更的，N日内书面通知对方。", "A party that moves tells the other within N days."),
        Field::new("force_majeure.notice_days", Kind::Int { min: 1 }, "不可抗力通知期限（日）", "Force majeure notice (days)")
            .required()
            .preset(Preset::Str("3"))
            .help("遭遇不可抗力的一方N日内通知对方。", "The affected party notifies within N days."),
        Field::new("force_majeure.proof_days", Kind::Int { min: 1 }, "不可抗力证明期限（日）", "Force majeure proof (days)")
            .required()
            .preset(Preset::Str("15"))
            .help("并在N日内提供证明。", "And proves it within N days."),
        Field::new("other.terms", Kind::Long, "其他约定", "Other terms")
            .help("双方另行约定的事项；系统会审查其中的风险表述。", "Anything else the parties agree; reviewed for risky wording."),
    ],
};
