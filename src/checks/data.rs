//! Data and intellectual property: the entrusted processing of personal information
//! (DAT-001 to DAT-005, DAT-008), transfers abroad and where data lives (DAT-006/007),
//! ownership of custom work (IP-001) and the licence's scope (IP-002).

use super::Finding;
use super::thresholds::{INCIDENT_NOTICE_MAX_HOURS, RETURN_DAYS_MAX};
use crate::derived::{self, cell_text};
use crate::draft::Draft;

/// Words that show a CRM holds personal information.
const PERSONAL_WORDS: &[&str] = &[
    "姓名",
    "联系方式",
    "手机",
    "电话",
    "地址",
    "购买记录",
    "会员",
    "客户档案",
    "客户资料",
    "联系人",
    "消费偏好",
    "消费记录",
    "历史订单",
    "画像",
    "微信",
    "邮箱",
];
/// Words that leave a processing period without an end (个人信息保护法第十九条).
const UNBOUNDED: &[&str] = &["永久", "无限期", "长期", "不限", "无期限"];
/// Sensitive personal information (个人信息保护法第二十八条).
const SENSITIVE_WORDS: &[&str] = &[
    "身份证",
    "证件号",
    "银行账户",
    "银行卡",
    "行踪",
    "轨迹",
    "定位",
    "生物识别",
    "人脸",
    "指纹",
    "医疗",
    "健康",
    "病历",
    "宗教",
    "未成年",
    "不满十四周岁",
];

pub(super) fn check(draft: &Draft, findings: &mut Vec<Finding>) {
    personal_information(draft, findings);
    location(draft, findings);
    measures_and_periods(draft, findings);
    if draft.text("data.return_days").is_none() || draft.text("data.delete_days").is_none() {
        findings.push(Finding::of(
            "DAT-003",
            if draft.text("data.return_days").is_none() { "data.return_days" } else { "data.delete_days" },
            "委托关系终止后乙方应返还或删除个人信息且不得保留，请约定返还和删除的期限、方式及删除证明。",
            "At the end the supplier must return or delete personal information: agree deadlines and a deletion certificate.",
        ));
    }
    if draft.flag("data.subprocessing_allowed") == Some(true) {
        findings.push(Finding::of(
            "DAT-004",
            "data.subprocessing_allowed",
            "允许转委托的，须事先取得甲方书面同意，并应在其他约定中列明分包处理方的名称和处理事项。",
            "Sub-processing needs the buyer's prior written consent; list the sub-processors in the other terms.",
        ));
    }
    match derived::int_of(draft, "data.incident_notice_hours") {
        None => findings.push(Finding::of(
            "DAT-005",
            "data.incident_notice_hours",
            "未约定个人信息和数据安全事件的通知时限，甲方将难以依法及时通知主管部门和个人。",
            "No incident-notice deadline: the buyer cannot meet its own duty to notify.",
        )),
        Some(hours) if hours > INCIDENT_NOTICE_MAX_HOURS => findings.push(Finding::of(
            "DAT-005",
            "data.incident_notice_hours",
            format!("安全事件通知时限为{hours}小时，超过{INCIDENT_NOTICE_MAX_HOURS}小时，可能使甲方无法及时通知主管部门和个人。"),
            format!("An incident notice within {hours} hours may be too slow for the buyer's own duties."),
        )),
        Some(_) => {}
    }
    intellectual_property(draft, findings);
}

fn module_texts(draft: &Draft) -> String {
    let mut text = String::new();
    for row in draft.rows("system.modules") {
        for key in ["name", "description"] {
            if let Some(cell) = row.get(key).and_then(cell_text) {
                text.push_str(cell);
            }
        }
    }
    text
}

fn personal_information(draft: &Draft, findings: &mut Vec<Finding>) {
    if draft.flag("data.personal_info") == Some(false) {
        let modules = module_texts(draft);
        if PERSONAL_WORDS.iter().any(|w| modules.contains(w)) {
            findings.push(Finding::of(
                "DAT-001",
                "data.personal_info",
                "功能模块显示系统将处理客户姓名、联系方式等个人信息，但合同未约定委托处理条款：必须约定委托处理的目的、期限、处理方式、个人信息种类、保护措施及双方权利义务。",
                "The modules show the CRM holds personal information, but no entrusted-processing terms are agreed.",
            ));
        }
        return;
    }
    if draft.flag("data.personal_info") != Some(true) {
        return;
    }
    let items = [
        ("data.pi_purpose", "处理目的", "purpose"),
        ("data.pi_period", "处理期限", "period"),
        ("data.pi_method", "处理方式", "method"),
        ("data.pi_categories", "个人信息的种类", "categories"),
        ("data.access_control", "保护措施", "protection measures"),
    ];
    for (path, zh, en) in items {
        if draft.text(path).is_none() {
            findings.push(Finding::of(
                "DAT-002",
                path,
                format!("委托处理条款缺少“{zh}”。"),
                format!("The processing terms lack the {en}."),
            ));
        }
    }
    if draft.flag("data.audit_right") != Some(true) {
        findings.push(Finding::of(
            "DAT-002",
            "data.audit_right",
            "委托处理条款缺少甲方对乙方处理活动的监督（检查、审计）权。",
            "The processing terms give the buyer no right to supervise (inspect, audit) the supplier.",
        ));
    }
    if let Some(categories) = draft.text("data.pi_categories")
        && let Some(word) = SENSITIVE_WORDS.iter().find(|w| named_not_excluded(categories, w))
    {
        findings.push(Finding::of(
            "DAT-008",
            "data.pi_categories",
            format!("个人信息种类包含敏感个人信息（“{word}”）：须有特定目的、充分必要性和严格保护措施，事前进行个人信息保护影响评估，并取得个人的单独同意。"),
            format!("The categories include sensitive personal information (“{word}”): specific purpose, strict measures, an impact assessment and separate consent are required."),
        ));
    }
}

/// Technical measures a hosted CRM of personal information cannot do without, and periods
/// that keep the data too long (DAT-013 to DAT-016, CNF-001).
fn measures_and_periods(draft: &Draft, findings: &mut Vec<Finding>) {
    let hosted = matches!(draft.text("system.deployment"), Some("saas" | "hybrid"));
    let personal = draft.flag("data.personal_info") == Some(true);
    if hosted && draft.text("data.backup_frequency") == Some("none") {
        findings.push(Finding::of(
            "DAT-013",
            "data.backup_frequency",
            "乙方托管的系统不备份甲方数据：一次故障即可能永久丢失客户数据，请约定备份频率、异地存放和恢复时限。",
            "A hosted system without backups: one failure can lose the customer data for good.",
        ));
    }
    if personal && draft.flag("data.encryption_at_rest") == Some(false) {
        findings.push(Finding::of(
            "DAT-014",
            "data.encryption_at_rest",
            "个人信息以明文存储：个人信息处理者应当采取加密、去标识化等安全技术措施，请约定存储加密。",
            "Personal information stored unencrypted: encryption at rest is expected.",
        ));
    }
    for (path, zh, en) in [("data.return_days", "返还", "return"), ("data.delete_days", "删除", "deletion")] {
        if let Some(days) = derived::int_of(draft, path)
            && days > RETURN_DAYS_MAX
        {
            findings.push(Finding::of(
                "DAT-015",
                path,
                format!("合同终止后{days}日才{zh}甲方数据：期间乙方仍持有全部数据，个人信息的保存期限应当为实现处理目的所必要的最短时间，建议不超过{RETURN_DAYS_MAX}日。"),
                format!("{en} of the data {days} days after the end: keep it to the shortest necessary, at most {RETURN_DAYS_MAX} days."),
            ));
            break;
        }
    }
    if personal
        && let Some(period) = draft.text("data.pi_period")
        && UNBOUNDED.iter().any(|w| period.contains(w))
        && !["终止", "届满", "删除完毕", "返还"].iter().any(|w| period.contains(w))
    {
        findings.push(Finding::of(
            "DAT-016",
            "data.pi_period",
            format!("“{period}”：委托处理的期限没有终点；个人信息的保存期限应当为实现处理目的所必要的最短时间，委托关系终止后受托人应返还或者删除。"),
            format!("“{period}”: the processing period has no end."),
        ));
    }
    if derived::int_of(draft, "confidentiality.years_after") == Some(0) {
        findings.push(Finding::of(
            "CNF-001",
            "confidentiality.years_after",
            "保密义务在合同终止后0年内有效，即合同一终止对方即可披露保密信息：请约定终止后的保密期限。",
            "Confidentiality ends with the contract: agree a period after the end.",
        ));
    }
}

/// Whether a text names a word other than to exclude it: 「不包括身份证件号码、银行账户等」
/// excludes; a denial counts from the start of the sentence part (after ；。) up to the
/// word, unless a 但 turns it back.
fn named_not_excluded(text: &str, word: &str) -> bool {
    const EXCLUDING: &[&str] = &["不包括", "不包含", "不含", "不涉及", "不收集", "不处理", "不得", "禁止", "排除"];
    text.match_indices(word).any(|(at, _)| {
        let part_start =
            text[..at].rfind(['；', '。', ';']).map_or(0, |p| p + text[p..].chars().next().map_or(1, char::len_utf8));
        let before = &text[part_start.min(at)..at];
        let denial = EXCLUDING.iter().filter_map(|w| before.rfind(w)).max();
        let excluded = denial.is_some_and(|d| !before[d..].contains('但')) || text[at..].contains("除外");
        !excluded
    })
}

fn location(draft: &Draft, findings: &mut Vec<Finding>) {
    let abroad = draft.text("data.storage_location") == Some("other");
    if abroad && draft.flag("data.personal_info") == Some(true) && draft.text("data.offshore_mechanism").is_none() {
        findings.push(Finding::of(
            "DAT-006",
            "data.offshore_mechanism",
            "个人信息存储于境外或可被境外访问：须通过安全评估、个人信息保护认证或订立标准合同并取得个人单独同意，请选择出境途径并写明境外接收方，或改为境内存储。",
            "Personal information stored or reachable abroad: state the legal route (assessment, certification or standard contract) or store it in the mainland.",
        ));
    }
    let level = draft.text("data.mlps_level");
    if abroad || level.is_none() || level == Some("none") {
        findings.push(Finding::of(
            "DAT-007",
            if abroad { "data.storage_location" } else { "data.mlps_level" },
            "建议约定数据存储于中国境内，并明确系统的网络安全等级保护级别及测评、备案义务。",
            "Agree mainland storage and the system's protection level (等级保护) with its assessment and filing.",
        ));
    }
}

fn intellectual_property(draft: &Draft, findings: &mut Vec<Finding>) {
    if draft.text("system.customization").is_some() && draft.text("system.ip_owner").is_none() {
        findings.push(Finding::of(
            "IP-001",
            "system.ip_owner",
            "存在定制开发但未约定成果著作权归属：未书面约定的，著作权归受托方（乙方）所有。",
            "Custom development without an owner: absent a written agreement the developer (supplier) owns it.",
        ));
    }
    let scope = draft.text("system.license_scope");
    let complete = scope.is_some_and(|s| {
        s.contains("独占") && ["期限", "期间", "永久"].iter().any(|w| s.contains(w)) && s.contains("用户")
    });
    if !complete {
        findings.push(Finding::of(
            "IP-002",
            "system.license_scope",
            "软件许可范围不明：应写明独占或非独占、许可期限、用户数及使用范围，易生超范围使用争议。",
            "The licence's scope is unclear: state exclusive or not, the term, the users and the territory.",
        ));
    }
    // A buy-out price for a licence that ends with the term: the buyer pays for a perpetual
    // licence and gets a limited one (the contract then says both).
    let ends_with_term =
        scope.is_some_and(|s| ["服务期限", "合同期限", "本合同期限", "合同有效期"].iter().any(|w| s.contains(w)));
    if derived::perpetual_license(draft) && ends_with_term {
        findings.push(Finding::of(
            "IP-004",
            "system.license_scope",
            "一次性买断的许可费对应永久许可，但许可范围写成许可期限随服务期限或者合同期限届满：请改为永久许可，或者改按年或者按月计费。",
            "A one-time (perpetual) fee, but the licence scope ends the licence with the term: make it perpetual or price it per period.",
        ));
    }
}
