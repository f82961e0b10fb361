//! Step 2 · 系统功能、版本与更新: what is delivered (product, version, deployment, users,
//! modules), custom work, updates, and who owns what.

use super::{Field, Kind, ListSpec, Preset, Preview, Section, bi, choice};
use crate::draft::Draft;

/// The seed's common CRM functions, offered when adding a module row: (name, description).
/// The list of modules, the one list with a catalogue to add rows from.
pub const MODULES_PATH: &str = "system.modules";

pub static MODULE_CATALOG: &[(&str, &str)] = &[
    ("客户信息管理", "支持客户基本信息（姓名、联系方式、购买记录等）的录入、修改、查询和导出，支持客户分组与标签。"),
    ("销售机会管理", "对销售机会进行分级管理，按阶段跟踪进展，到期自动提醒销售人员跟进。"),
    ("营销活动管理", "支持营销活动的创建、目标客户筛选、短信及邮件触达和效果统计。"),
    ("数据分析与报表", "提供销售、客户、活动等维度的统计报表和可视化看板，支持按条件筛选和导出。"),
    ("订单与合同管理", "记录客户订单与合同，关联客户档案，跟踪执行、回款与开票状态。"),
    ("客户服务工单", "受理客户咨询与投诉，生成工单并分派、跟踪处理进度，记录处理结果与满意度。"),
];

fn updates_provided(draft: &Draft) -> bool {
    draft.flag("system.updates.provided") == Some(true)
}

fn hybrid(draft: &Draft) -> bool {
    draft.text("system.deployment") == Some("hybrid")
}

/// Software runs on the buyer's servers: there is something to escrow.
fn installed(draft: &Draft) -> bool {
    matches!(draft.text("system.deployment"), Some("on_premise" | "hybrid"))
}

static MODULES: ListSpec = ListSpec {
    min_rows: 1,
    columns: &[
        Field::new("name", Kind::Text, "模块名称", "Module")
            .required()
            .help("功能模块的名称，如“客户信息管理”。", "The module's name."),
        Field::new("description", Kind::Long, "功能描述", "Description").required().help(
            "逐项写清该模块能做什么，验收时以此为准。",
            "What the module does, concretely; acceptance is measured against it.",
        ),
    ],
};

pub(super) static SECTION: Section = Section {
    id: "system",
    title: bi("系统功能", "System"),
    preview: Preview::From("subject"),
    intro: bi(
        "逐项列明系统功能，写清版本号、部署方式和更新安排，避免日后因功能理解不一致而产生纠纷。",
        "List every function, the version, the deployment and the updates, so nobody argues later about what was bought.",
    ),
    is_step: true,
    shown_in: None,
    fields: &[
        Field::new("system.product_name", Kind::Text, "系统名称", "Product name")
            .required()
            .help("供应商的产品名称。", "The supplier's product name."),
        Field::new("system.version", Kind::Text, "版本号", "Version")
            .required()
            .help("交付的版本号，如 V3.2。", "The version delivered, e.g. V3.2."),
        Field::new(
            "system.deployment",
            Kind::Choice(&[
                choice("saas", "云端SaaS", "Cloud SaaS"),
                choice("on_premise", "本地部署", "On-premise"),
                choice("hybrid", "混合部署", "Hybrid"),
            ]),
            "部署方式",
            "Deployment",
        )
        .required()
        .preset(Preset::Str("saas"))
        .help("SaaS由乙方托管运行；本地部署安装在甲方服务器上。", "SaaS is hosted by the supplier; on-premise runs on the buyer's servers."),
        Field::new("system.hybrid_scope", Kind::Long, "云端与本地的划分", "What runs where")
            .required()
            .when(hybrid)
            .help(
                "写明哪些模块或数据由乙方在云端托管，哪些部署在甲方服务器上，如“客户服务工单模块由乙方云端托管，其余模块及客户数据部署于甲方服务器”。",
                "Which modules and data the supplier hosts and which run on the buyer's servers.",
            ),
        Field::new("system.source_escrow", Kind::Bool, "源代码托管", "Source-code escrow")
            .when(installed)
            .preset(Preset::Bool(false))
            .help(
                "乙方将源代码和构建说明交第三方托管，乙方停止经营或者停止维护时甲方可以取得，用于自行维护。",
                "The supplier deposits the source and build instructions with an escrow agent, released to the buyer if it stops maintaining the system.",
            ),
        Field::new("system.user_licenses", Kind::Int { min: 1 }, "授权用户数", "Named users")
            .required()
            .help("可使用系统的账号数量。", "How many named user accounts the licence covers."),
        Field::new("system.modules", Kind::List(&MODULES), "功能模块", "Modules")
            .required()
            .help("逐项列出功能模块，可从常用模块中选取后修改描述。", "List every module; pick from the catalogue and adapt the description."),
        Field::new("system.customization", Kind::Long, "定制开发内容", "Custom development")
            .help("合同范围内的定制开发内容；没有可留空。", "Custom work in scope, if any."),
        Field::new("system.updates.provided", Kind::Bool, "提供系统更新", "Updates provided")
            .required()
            .preset(Preset::Bool(true))
            .help("乙方是否在合同期内提供版本更新。", "Does the supplier deliver new versions during the term."),
        Field::new(
            "system.updates.frequency",
            Kind::Choice(&[
                choice("monthly", "每月", "Monthly"),
                choice("quarterly", "每季度", "Quarterly"),
                choice("yearly", "每年", "Yearly"),
                choice("as_released", "随版本发布", "As released"),
            ]),
            "更新频率",
            "Update frequency",
        )
        .required()
        .when(updates_provided)
        .preset(Preset::Str("yearly"))
        .help("例如每年至少提供一次更新。", "For example at least one update a year."),
        Field::new("system.updates.free", Kind::Bool, "更新免费", "Updates free of charge")
            .required()
            .when(updates_provided)
            .preset(Preset::Bool(true))
            .help("更新是否免费；收费的须写明费用。", "Are updates free; if not, state the fee."),
        Field::new("system.updates.fee", Kind::Money, "更新费用（每年）", "Update fee (per year)")
            .required()
            .when(crate::derived::updates_charged)
            .help("每年的更新服务费。", "The yearly fee for updates."),
        Field::new(
            "system.ip_owner",
            Kind::Choice(&[
                choice("supplier", "乙方所有，甲方永久免费使用", "Supplier, with a perpetual free licence to the buyer"),
                choice("buyer", "甲方所有", "Buyer"),
            ]),
            "定制成果归属",
            "Owner of custom work",
        )
        .required()
        .preset(Preset::Str("supplier"))
        .help(
            "本合同下定制开发成果的著作权归属；未书面约定的归乙方（计算机软件保护条例第十一条）。平台本身始终属于乙方，甲方数据始终属于甲方。",
            "Who owns custom work; without a written agreement the developer does. The platform stays the supplier's, the data the buyer's.",
        ),
        Field::new("system.license_scope", Kind::Long, "许可性质与范围", "Licence scope")
            .required()
            .preset(Preset::Str("非独占、不可转让、不可转许可的使用许可，限于甲方及其员工在中国境内为甲方内部经营目的使用，用户数以本合同约定为准，许可期限与服务期限一致。"))
            .help("写明独占或非独占、用户数、期限、地域、可否转许可。", "Exclusive or not, users, term, territory, sub-licensing."),
    ],
};
