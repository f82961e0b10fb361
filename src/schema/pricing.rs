//! Step 4 · 价格与付款: every fee, tax and invoice, and the payment milestones. The total
//! and each milestone's amount are derived (see `derived`), never stored.

use super::{Field, Kind, ListSpec, Preset, Preview, Section, bi, choice};
use crate::derived::money_of;
use crate::draft::Draft;

fn recurring_license(draft: &Draft) -> bool {
    matches!(draft.text("pricing.license_model"), Some("annual" | "monthly"))
}

fn training_charged(draft: &Draft) -> bool {
    money_of(draft, "pricing.training_fee").is_some_and(|fee| fee > rust_decimal::Decimal::ZERO)
}

fn other_payment_method(draft: &Draft) -> bool {
    draft.text("payment.method") == Some("other")
}

/// Whether any milestone row is the retention (质保金).
/// A warranty period (质保期) applies to software the buyer runs, and wherever a retention is
/// paid at its end; a SaaS subscription fixes defects for its whole term instead.
fn has_warranty(draft: &Draft) -> bool {
    has_retention(draft) || !matches!(draft.text("system.deployment"), Some("saas"))
}

pub fn has_retention(draft: &Draft) -> bool {
    draft
        .rows("payment.milestones")
        .iter()
        .any(|row| row.get("is_retention").and_then(serde_json::Value::as_bool) == Some(true))
}

static OTHER_FEES: ListSpec = ListSpec {
    min_rows: 0,
    columns: &[
        Field::new("name", Kind::Text, "费用名称", "Fee")
            .required()
            .help("如数据迁移费、定制开发费。", "E.g. data migration, custom development."),
        Field::new("amount", Kind::Money, "金额（元）", "Amount (CNY)")
            .required()
            .help("该项费用的金额。", "The amount of this fee."),
    ],
};

static MILESTONES: ListSpec = ListSpec {
    min_rows: 1,
    columns: &[
        Field::new("name", Kind::Text, "付款节点", "Milestone")
            .required()
            .help("如预付款、上线款、质保金。", "E.g. prepayment, go-live payment, retention."),
        Field::new("trigger", Kind::Text, "付款条件", "Trigger")
            .required()
            .help("触发付款的事件，如“本合同生效”“系统上线运行满1个月”。", "The event that makes the payment due."),
        Field::new("due_days", Kind::Int { min: 0 }, "付款期限（日）", "Due within (days)")
            .required()
            .help("条件成就且收到发票后N日内付款。", "Pay within N days of the trigger and the invoice."),
        Field::new("percent", Kind::Percent, "比例（%）", "Percent")
            .required()
            .help("占合同总价的比例；各节点合计须为100%。", "Share of the total; all rows add up to 100."),
        Field::new("is_retention", Kind::Bool, "质保金", "Retention")
            .help("该节点是否为质保金（质保期满后支付）。", "Is this row the retention paid after the warranty."),
    ],
};

pub(super) static SECTION: Section = Section {
    id: "pricing",
    title: bi("价格与付款", "Price & payment"),
    preview: Preview::From("price"),
    intro: bi(
        "分别列明许可费、实施费、培训费及其他费用，写清含税与发票，按项目进度约定付款节点，避免日后冒出额外费用。",
        "List every fee, taxes and invoices, and tie payments to project progress, so no fee surprises anyone.",
    ),
    is_step: true,
    shown_in: None,
    fields: &[
        Field::new(
            "pricing.license_model",
            Kind::Choice(&[
                choice("one_time", "一次性支付", "One-off"),
                choice("annual", "按年支付", "Yearly"),
                choice("monthly", "按月支付", "Monthly"),
            ]),
            "许可费模式",
            "Licence model",
        )
        .required()
        .help("软件许可费一次性支付还是按年、按月支付。", "Is the licence paid once, yearly or monthly."),
        Field::new("pricing.license_fee", Kind::Money, "许可费（元/期）", "Licence fee (per period)")
            .required()
            .help("一次性模式为总额；按年或按月模式为每期金额。", "The whole fee, or the fee per year or month."),
        Field::new("pricing.license_periods", Kind::Int { min: 1 }, "许可期数", "Licence periods")
            .required()
            .when(recurring_license)
            .help("本合同购买的年数或月数。", "How many years or months this contract buys."),
        Field::new("pricing.implementation_fee", Kind::Money, "实施费（元）", "Implementation fee")
            .required()
            .help("根据项目复杂程度确定；没有填0。", "Sized by the project's complexity; 0 if none."),
        Field::new("pricing.implementation_basis", Kind::Text, "实施费计算依据", "How implementation was sized")
            .help("如按人天计算。", "E.g. by person-days."),
        Field::new("pricing.training_fee", Kind::Money, "培训费（元）", "Training fee")
            .required()
            .help("按培训人数和时长收费；没有填0。", "By trainees and hours; 0 if none."),
        Field::new("pricing.training_headcount", Kind::Int { min: 1 }, "培训人数", "Trainees")
            .required()
            .when(training_charged)
            .help("参加培训的人数。", "How many people are trained."),
        Field::new("pricing.training_hours", Kind::Int { min: 1 }, "培训课时", "Training hours")
            .required()
            .when(training_charged)
            .help("培训的总课时（小时）。", "Total training hours."),
        Field::new("pricing.other_fees", Kind::List(&OTHER_FEES), "其他费用", "Other fees").help(
            "数据迁移、定制开发等；合同未列明的费用甲方无须支付。",
            "Data migration, customization...; anything not listed is not owed.",
        ),
        Field::new("pricing.deposit", Kind::Money, "定金（元）", "Earnest money").help(
            "如约定定金，不得超过合同总价的20%（民法典第五百八十六条）。",
            "At most 20% of the total (Civil Code Art. 586).",
        ),
        Field::new("pricing.tax_included", Kind::Bool, "价格含税", "Prices include tax")
            .required()
            .preset(Preset::Bool(true))
            .help("上述价格是否已含增值税。", "Do the prices include VAT."),
        Field::new("pricing.tax_rate", Kind::Percent, "税率（%）", "Tax rate (%)")
            .required()
            .preset(Preset::Str("6"))
            .help("软件及信息技术服务一般为6%。", "Software services are usually 6%."),
        Field::new("pricing.license_tax_rate", Kind::Percent, "许可费税率（%）", "Licence tax rate (%)").help(
            "软件许可费与实施、培训等服务费适用不同税率时填写（如软件产品13%、信息技术服务6%）；相同则留空。",
            "Only when the licence fee is taxed at another rate than the services (e.g. 13% for software, 6% for IT services).",
        ),
        Field::new(
            "pricing.invoice_type",
            Kind::Choice(&[
                choice("special_vat", "增值税专用发票", "Special VAT invoice"),
                choice("ordinary_vat", "增值税普通发票", "Ordinary VAT invoice"),
            ]),
            "发票类型",
            "Invoice type",
        )
        .required()
        .preset(Preset::Str("special_vat"))
        .help("专用发票可抵扣进项税。", "A special VAT invoice lets the buyer deduct input tax."),
        Field::new(
            "payment.method",
            Kind::Choice(&[
                choice("bank_transfer", "银行转账", "Bank transfer"),
                choice("cheque", "支票", "Cheque"),
                choice("other", "其他", "Other"),
            ]),
            "付款方式",
            "Payment method",
        )
        .required()
        .preset(Preset::Str("bank_transfer"))
        .help("常见为银行转账或支票。", "Usually bank transfer or cheque."),
        Field::new("payment.method_other", Kind::Text, "其他付款方式", "Other method")
            .required()
            .when(other_payment_method)
            .help("写明具体付款方式。", "Describe the method."),
        Field::new("payment.retention_months", Kind::Int { min: 1 }, "质保期（月）", "Warranty (months)")
            .required()
            .when(has_warranty)
            .preset(Preset::Str("12"))
            .help(
                "自终验合格之日起算，期内乙方免费修复缺陷；约定了质保金的，期满后支付质保金。",
                "Runs from final acceptance; defects are fixed free of charge meanwhile, and a retention is paid at its end.",
            ),
        Field::new("payment.milestones", Kind::List(&MILESTONES), "付款节点", "Payment milestones")
            .required()
            .preset(Preset::Rows(&[
                &[
                    ("name", "预付款"),
                    ("trigger", "本合同生效"),
                    ("due_days", "10"),
                    ("percent", "30"),
                    ("is_retention", "false"),
                ],
                &[
                    ("name", "上线款"),
                    ("trigger", "系统上线运行满1个月且甲方书面确认"),
                    ("due_days", "15"),
                    ("percent", "60"),
                    ("is_retention", "false"),
                ],
                &[
                    ("name", "质保金"),
                    ("trigger", "系统终验合格后正常运行满1年"),
                    ("due_days", "15"),
                    ("percent", "10"),
                    ("is_retention", "true"),
                ],
            ]))
            .help(
                "例如签约付30%，上线运行1个月后付60%，10%作为质保金。",
                "E.g. 30% on signing, 60% a month after go-live, 10% retention.",
            ),
    ],
};
