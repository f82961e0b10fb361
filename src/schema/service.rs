//! Step 7 · 售后服务与技术支持: hotline, response and repair times, remote and on-site
//! service, the free period, renewal, maintenance duties and the SaaS service level.

use super::{Field, Kind, Preset, Preview, Section, bi, choice};
use crate::draft::Draft;

fn onsite(draft: &Draft) -> bool {
    draft.flag("service.onsite") == Some(true)
}

/// The supplier hosts the system, or its cloud part: a service level applies.
fn hosted(draft: &Draft) -> bool {
    matches!(draft.text("system.deployment"), Some("saas" | "hybrid"))
}

pub(super) static SECTION: Section = Section {
    id: "service",
    title: bi("售后服务", "Support"),
    preview: Preview::From("service"),
    intro: bi(
        "写清服务内容和期限：热线时间、响应与修复时限、远程或现场维护、免费服务期和之后的续约。",
        "Hotline hours, response and fix times, remote or on-site service, the free period and what follows.",
    ),
    is_step: true,
    shown_in: None,
    fields: &[
        Field::new(
            "service.hotline",
            Kind::Choice(&[
                choice("h7x24", "7×24小时", "7×24"),
                choice("h5x8", "5×8小时（工作日）", "5×8 (working days)"),
            ]),
            "热线服务时间",
            "Hotline hours",
        )
        .required()
        .preset(Preset::Str("h7x24"))
        .help("24小时营业的企业需要7×24小时响应。", "A shop that never closes needs 7×24."),
        Field::new("service.response_hours", Kind::Int { min: 1 }, "响应时限（小时）", "Response (hours)")
            .required()
            .preset(Preset::Str("1"))
            .help("收到报障后首次响应的时限。", "Time to first response."),
        Field::new(
            "service.resolve_hours",
            Kind::Int { min: 1 },
            "严重故障修复时限（小时）",
            "Severe fault fixed within (hours)",
        )
        .required()
        .preset(Preset::Str("8"))
        .help("系统无法使用等严重故障的修复时限。", "Time to fix a fault that stops the system."),
        Field::new("service.remote", Kind::Bool, "远程维护", "Remote maintenance")
            .required()
            .preset(Preset::Bool(true))
            .help("乙方是否提供远程维护。", "Does the supplier maintain remotely."),
        Field::new("service.onsite", Kind::Bool, "现场维护", "On-site maintenance")
            .required()
            .preset(Preset::Bool(false))
            .help("乙方是否派技术人员到现场。", "Does the supplier send engineers on site."),
        Field::new("service.onsite_hours", Kind::Int { min: 1 }, "到场时限（小时）", "On site within (hours)")
            .required()
            .when(onsite)
            .help("远程无法解决时到达现场的时限。", "Time to arrive when remote help fails."),
        Field::new("service.free_months", Kind::Int { min: 0 }, "免费服务期（月）", "Free support (months)")
            .required()
            .preset(Preset::Str("12"))
            .help("终验合格后免费提供售后服务和技术支持的月数。", "Months of free support after final acceptance."),
        Field::new("service.renewal", Kind::Long, "免费期后的服务", "After the free period")
            .required()
            .preset(Preset::Str(
                "免费服务期满后，甲方需要继续服务的，双方另行签订技术服务合同，年服务费不超过本合同软件许可费的15%。",
            ))
            .help("续签服务合同及价格或计算方式。", "A follow-up service contract and its price or formula."),
        Field::new("service.maintenance", Kind::Long, "维护与升级义务", "Maintenance duties")
            .required()
            .preset(Preset::Str(
                "及时修复系统缺陷与安全漏洞，提供补丁和版本升级，保证系统与甲方约定的浏览器、操作系统及业务系统兼容。",
            ))
            .help("补丁、缺陷修复、兼容性保障。", "Patches, bug fixes, compatibility."),
        Field::new("service.sla_percent", Kind::Percent, "月可用率（%）", "Monthly availability (%)")
            .required()
            .when(hosted)
            .preset(Preset::Str("99.9"))
            .help(
                "SaaS服务（混合部署时为乙方托管的云端部分）每月的可用率承诺。",
                "The monthly availability commitment of the hosted service (the cloud part of a hybrid).",
            ),
        Field::new("service.sla_credit", Kind::Long, "未达可用率的服务补偿", "Service credit")
            .required()
            .when(hosted)
            .preset(Preset::Str(
                "月可用率每低于承诺值0.1个百分点，乙方按当月服务费的5%予以抵扣，当月抵扣总额以当月服务费为限。",
            ))
            .help("可用率不达标时的费用抵扣。", "The credit when availability falls short."),
        Field::new("service.credit_sole_remedy", Kind::Bool, "抵扣为可用率不达标的唯一救济", "Credits are the sole remedy for availability")
            .when(hosted)
            .preset(Preset::Bool(false))
            .help(
                "选“是”：可用率不达标时甲方只能要求抵扣（仍可依约解除合同，乙方故意或重大过失的责任不受限制，《民法典》第五百零六条）。",
                "Yes: for availability below the commitment the buyer gets credits only (termination and liability for intent or gross negligence stay).",
            ),
    ],
};
