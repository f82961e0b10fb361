//! Step 3 · 数据安全、隐私与保密: storage, security measures, the entrusted processing of
//! personal information (个人信息保护法第二十一条), return and deletion, and confidentiality.

use super::{Field, Kind, ListSpec, Preset, Preview, Section, bi, choice};
use crate::draft::Draft;

fn personal_info(draft: &Draft) -> bool {
    draft.flag("data.personal_info") == Some(true)
}

/// The supplier hosts the system (or its cloud part), or may sub-process: its processors
/// are named, and the list is the buyer's consent.
fn offshore(draft: &Draft) -> bool {
    draft.text("data.storage_location") == Some("other")
}

/// The supplier runs (part of) the system: backups and recovery are its duty.
fn hosted(draft: &Draft) -> bool {
    matches!(draft.text("system.deployment"), Some("saas" | "hybrid"))
}

fn may_have_processors(draft: &Draft) -> bool {
    matches!(draft.text("system.deployment"), Some("saas" | "hybrid"))
        || draft.flag("data.subprocessing_allowed") == Some(true)
}

static PROCESSORS: ListSpec = ListSpec {
    min_rows: 0,
    columns: &[
        Field::new("name", Kind::Text, "受托方名称", "Processor")
            .required()
            .help("如乙方使用的云服务商的公司全称。", "E.g. the full name of the supplier's cloud provider."),
        Field::new("role", Kind::Text, "处理事项", "What it does")
            .required()
            .help("如“云服务器与数据库托管”“短信发送”。", "E.g. hosting servers and databases, sending SMS."),
        Field::new("region", Kind::Text, "处理地点", "Where")
            .required()
            .help("如“中国境内（杭州）”。", "E.g. mainland China (Hangzhou)."),
        Field::new("data", Kind::Text, "涉及的数据", "Data concerned").required().help(
            "如“全部甲方数据（加密存储）”“客户手机号码”。",
            "E.g. all buyer data (encrypted), customer phone numbers.",
        ),
    ],
};

pub(super) static SECTION: Section = Section {
    id: "data",
    title: bi("数据安全与保密", "Data & confidentiality"),
    preview: Preview::From("data"),
    intro: bi(
        "客户数据是企业最重要的资产。写清存储地点、加密与权限措施、个人信息委托处理的要素、事故通知和合同结束后的返还删除。",
        "Customer data is the buyer's key asset: where it lives, how it is protected, how personal information is processed, and what happens at the end.",
    ),
    is_step: true,
    shown_in: None,
    fields: &[
        Field::new(
            "data.storage_location",
            Kind::Choice(&[
                choice("mainland", "中国境内", "Mainland China"),
                choice("other", "境外或其他", "Outside the mainland"),
            ]),
            "数据存储地点",
            "Data location",
        )
        .required()
        .preset(Preset::Str("mainland"))
        .help(
            "个人信息出境须经安全评估、认证或标准合同（个人信息保护法第三十八条）。",
            "Personal information leaves China only through an approved route.",
        ),
        Field::new("data.offshore_recipient", Kind::Long, "境外接收方", "Recipient abroad")
            .required()
            .when(offshore)
            .help(
                "境外接收方的名称、联系方式、所在国家或者地区、处理目的和处理的个人信息种类（个人信息保护法第三十九条须告知个人）。",
                "The recipient abroad: name, contact, country, purpose and the data it receives (PIPL art. 39).",
            ),
        Field::new(
            "data.offshore_mechanism",
            Kind::Choice(&[
                choice("security_assessment", "数据出境安全评估", "CAC security assessment"),
                choice("standard_contract", "个人信息出境标准合同", "Standard contract"),
                choice("certification", "个人信息保护认证", "Certification"),
            ]),
            "出境途径",
            "Transfer mechanism",
        )
        .required()
        .when(offshore)
        .help(
            "向境外提供个人信息的法定途径（个人信息保护法第三十八条）。",
            "The lawful route for personal information leaving China (PIPL art. 38).",
        ),
        Field::new("data.encryption_in_transit", Kind::Bool, "传输加密", "Encryption in transit")
            .required()
            .preset(Preset::Bool(true))
            .help("数据传输采用加密技术（如TLS）。", "Data is encrypted in transit (e.g. TLS)."),
        Field::new("data.encryption_at_rest", Kind::Bool, "存储加密", "Encryption at rest")
            .required()
            .preset(Preset::Bool(true))
            .help("数据存储采用加密技术。", "Stored data is encrypted."),
        Field::new("data.access_control", Kind::Long, "访问控制措施", "Access control")
            .required()
            .preset(Preset::Str(
                "按最小必要原则设置访问权限，仅授权人员可访问甲方数据；采用多因素认证；访问与操作日志留存不少于6个月。",
            ))
            .help("最小权限、身份认证、访问日志等措施。", "Least privilege, authentication, access logs."),
        Field::new(
            "data.backup_frequency",
            Kind::Choice(&[
                choice("daily", "每日备份", "Daily"),
                choice("weekly", "每周备份", "Weekly"),
                choice("none", "不备份", "None"),
            ]),
            "备份频率",
            "Backups",
        )
        .required()
        .preset(Preset::Str("daily"))
        .help("数据备份的频率。", "How often data is backed up."),
        Field::new("data.rpo_hours", Kind::Int { min: 1 }, "恢复点目标RPO（小时）", "Recovery point (hours)")
            .when(hosted)
            .preset(Preset::Str("24"))
            .help(
                "发生故障或者灾难时，最多丢失多少小时的数据；每日备份时通常为24。",
                "At most how many hours of data a failure may lose; 24 with daily backups.",
            ),
        Field::new("data.rto_hours", Kind::Int { min: 1 }, "恢复时间目标RTO（小时）", "Recovery time (hours)")
            .when(hosted)
            .preset(Preset::Str("8"))
            .help("发生故障或者灾难时，系统应在多少小时内恢复服务。", "Within how many hours the service is restored after a disaster."),
        Field::new(
            "data.incident_notice_hours",
            Kind::Int { min: 1 },
            "安全事件通知时限（小时）",
            "Incident notice (hours)",
        )
        .required()
        .preset(Preset::Str("24"))
        .help(
            "发生泄露、丢失、篡改后，乙方须在N小时内通知甲方。",
            "The supplier tells the buyer within N hours of a leak, loss or tampering.",
        ),
        Field::new("data.personal_info", Kind::Bool, "涉及个人信息", "Holds personal information")
            .required()
            .preset(Preset::Bool(true))
            .help(
                "CRM通常存有客户姓名、电话等个人信息，此时须约定委托处理条款。",
                "A CRM usually holds customers' names and phones; then the processing terms are mandatory.",
            ),
        Field::new("data.pi_purpose", Kind::Long, "处理目的", "Processing purpose")
            .required()
            .when(personal_info)
            .preset(Preset::Str("仅为向甲方提供本合同约定的CRM系统服务及技术支持之目的。"))
            .help(
                "个人信息保护法第二十一条：委托处理的目的。",
                "PIPL Art. 21: the purpose of the entrusted processing.",
            ),
        Field::new("data.pi_categories", Kind::Long, "个人信息种类", "Categories of personal information")
            .required()
            .when(personal_info)
            .help(
                "如客户姓名、联系方式、收货地址、购买记录。",
                "E.g. names, contact details, addresses, purchase history.",
            ),
        Field::new("data.pi_method", Kind::Long, "处理方式", "Processing method")
            .required()
            .when(personal_info)
            .preset(Preset::Str(
                "按甲方指示进行存储、检索、统计分析与备份，不得用于本合同以外的目的，不得向第三方提供。",
            ))
            .help("存储、检索、分析等，按甲方指示。", "Storage, retrieval, analysis, on the buyer's instructions."),
        Field::new("data.pi_period", Kind::Text, "处理期限", "Processing period")
            .required()
            .when(personal_info)
            .preset(Preset::Str("自本合同生效之日起至本合同终止后数据返还、删除完毕之日止"))
            .help("委托处理的期限。", "How long the processing lasts."),
        Field::new("data.subprocessing_allowed", Kind::Bool, "允许转委托", "Sub-processing allowed")
            .required()
            .preset(Preset::Bool(false))
            .help(
                "即使允许，也须事先取得甲方书面同意（个人信息保护法第二十一条第三款）。",
                "Even then only with the buyer's prior written consent.",
            ),
        Field::new("data.processors", Kind::List(&PROCESSORS), "受托处理方清单", "Processors")
            .when(may_have_processors)
            .help(
                "乙方委托处理甲方数据的第三方（云服务商在先）。列入清单即视为甲方同意；增加或更换须提前书面通知，甲方可以提出异议。",
                "Third parties the supplier has process the buyer's data (the cloud provider first). Listing them is the buyer's consent; changes need notice and may be objected to.",
            ),
        Field::new("data.return_days", Kind::Int { min: 1 }, "数据返还期限（日）", "Return within (days)")
            .required()
            .preset(Preset::Str("30"))
            .help(
                "合同结束后N日内以可用格式返还全部数据。",
                "Hand all data back in a usable format within N days of the end.",
            ),
        Field::new("data.delete_days", Kind::Int { min: 1 }, "数据删除期限（日）", "Delete within (days)")
            .required()
            .preset(Preset::Str("30"))
            .help(
                "返还后N日内删除全部副本并书面确认。",
                "Then delete every copy within N days and confirm in writing.",
            ),
        Field::new(
            "data.mlps_level",
            Kind::Choice(&[
                choice("none", "未约定", "None"),
                choice("level2", "第二级", "Level 2"),
                choice("level3", "第三级", "Level 3"),
            ]),
            "网络安全等级保护",
            "MLPS level",
        )
        .preset(Preset::Str("level2"))
        .help("乙方系统应达到的网络安全等级保护级别。", "The protection level the supplier's system keeps."),
        Field::new("data.audit_right", Kind::Bool, "甲方审计权", "Buyer may audit").preset(Preset::Bool(true)).help(
            "甲方可检查乙方的数据安全措施或要求提供安全报告。",
            "The buyer may audit or ask for security reports.",
        ),
        Field::new("confidentiality.scope", Kind::Long, "保密信息范围", "Confidential information")
            .required()
            .preset(Preset::Str("一方因本合同获知的对方客户数据、经营信息、技术信息、商业秘密以及本合同的内容。"))
            .help("客户数据、商业秘密、合同本身等。", "Customer data, business secrets, the contract itself."),
        Field::new(
            "confidentiality.years_after",
            Kind::Int { min: 0 },
            "保密期限（合同终止后年数）",
            "Confidential for (years after end)",
        )
        .required()
        .preset(Preset::Str("3"))
        .help(
            "合同终止后继续保密N年；客户数据和个人信息永久保密。",
            "Years the duty lasts after the end; personal data for ever.",
        ),
    ],
};
