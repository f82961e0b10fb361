//! Meta fields: the contract's title and number, whose draft it is, and the seed's
//! pre-signing checklist. They belong to no wizard step: the title bar and the review
//! step show them, and the checklist is never printed in the contract.

use super::{Field, Kind, Preset, Preview, Section, bi, choice};

pub(super) static SECTION: Section = Section {
    id: "meta",
    title: bi("合同信息", "Contract"),
    preview: Preview::Nothing,
    intro: bi("合同名称、编号与签约前准备。", "Title, number and the pre-signing checklist."),
    is_step: false,
    shown_in: Some("term"),
    fields: &[
        Field::new("meta.title", Kind::Text, "合同名称", "Contract title")
            .required()
            .preset(Preset::Str("新型CRM平台系统合同"))
            .help("合同首页的标题，一般保留“新型CRM平台系统合同”。", "The title on the first page."),
        Field::new("meta.contract_no", Kind::Text, "合同编号", "Contract number")
            .help("双方内部的合同编号，可留空。", "The parties' own numbering; optional."),
        Field::new(
            "meta.drafting_party",
            Kind::Choice(&[
                choice("buyer", "甲方（采购方）起草", "Drafted by the buyer"),
                choice("supplier", "乙方（供应商）起草", "Drafted by the supplier"),
                choice("neutral", "中立（双方共同起草）", "Drafted jointly (neutral)"),
            ]),
            "起草方",
            "Drafting party",
        )
        .help(
            "谁起草本合同。起草方的立场是可谈判条款的默认值（见谈判手册）；由乙方提供的格式条款须以显著方式提示甲方（民法典第四百九十六条）。",
            "Whose draft this is: its side's position is the default of each negotiable term (the playbook); standard terms offered by the supplier must be made conspicuous.",
        ),
    ],
};

pub(super) static CHECKLIST: Section = Section {
    id: "checklist",
    title: bi("签约前准备", "Before signing"),
    preview: Preview::Nothing,
    intro: bi("签约前逐项确认；不打印在合同中。", "Tick each item before signing; not printed in the contract."),
    is_step: false,
    shown_in: None,
    fields: &[
        checklist(
            "checklist.business_license",
            "营业执照已核验",
            "Business licences checked",
            "核对双方营业执照原件或电子执照：名称、统一社会信用代码、住所与合同一致。",
            "Check both business licences against the names, codes and addresses.",
        ),
        checklist(
            "checklist.legal_rep_id",
            "法定代表人身份证明已备",
            "Legal representatives' IDs ready",
            "准备法定代表人身份证明书及身份证复印件。",
            "Prepare the legal representatives' identity certificates.",
        ),
        checklist(
            "checklist.power_of_attorney",
            "授权委托书已备（如需）",
            "Power of attorney ready (if needed)",
            "签约人不是法定代表人的，须有加盖公章的授权委托书，写明代理事项、权限和期限。",
            "A signatory who is not the legal representative needs a sealed power of attorney.",
        ),
        checklist(
            "checklist.requirements_confirmed",
            "需求已确认",
            "Requirements confirmed",
            "本公司对CRM的功能和使用场景需求已经明确，并体现在功能清单中。",
            "Your own needs are settled and written into the module list.",
        ),
        checklist(
            "checklist.supplier_vetted",
            "供应商已考察",
            "Supplier vetted",
            "已了解供应商的信誉、实力、客户评价和案例。",
            "The supplier's reputation, references and cases have been checked.",
        ),
        checklist(
            "checklist.budget_confirmed",
            "预算已确认",
            "Budget confirmed",
            "购买、实施、培训、维护和续费的总费用在预算之内。",
            "Purchase, implementation, training, maintenance and renewal costs fit the budget.",
        ),
    ],
};

const fn checklist(
    path: &'static str,
    zh: &'static str,
    en: &'static str,
    help_zh: &'static str,
    help_en: &'static str,
) -> Field {
    Field::new(path, Kind::Bool, zh, en).help(help_zh, help_en)
}
