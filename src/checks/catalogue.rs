//! The rule catalogue: every rule's id, severity, legal basis and what it catches, in one
//! table. Findings take their severity and basis from here, the README lists it, and
//! tests check that every id of checks.md is in it.

use super::{Finding, Severity};

/// One rule of the review.
#[derive(Debug)]
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    /// Law and article, checked against the statute texts; empty for consistency rules.
    pub basis: &'static str,
    /// What the rule catches, for the README and the help.
    pub catches: &'static str,
}

const fn rule(id: &'static str, severity: Severity, basis: &'static str, catches: &'static str) -> Rule {
    Rule { id, severity, basis, catches }
}

use Severity::{Error, Info, Warning};

const CIVIL_470_1: &str = "《民法典》第四百七十条第一款第一项";
const CIVIL_510_511_4: &str = "《民法典》第五百一十条、第五百一十一条第四项";
const USCC_RULES: &str = "《法人和其他组织统一社会信用代码编码规则》（GB 32100-2015）";
const CONTRACT_SPI_67: &str = "《最高人民法院关于适用〈中华人民共和国民法典〉合同编通则若干问题的解释》第六十七条";
const STANDARD_TERMS: &str = "《民法典》第四百九十七条";

/// Every rule, in the order the README lists them.
pub static RULES: &[Rule] = &[
    rule("REQ-001", Error, "", "a required field (including the conditional ones) is missing or blank"),
    rule(
        "FMT-001",
        Error,
        "",
        "a value does not parse as its kind: money with more than two decimals or letters, a percent outside 0–100, an impossible date, a negative count, an unknown choice",
    ),
    rule("PTY-001", Error, CIVIL_470_1, "a party's name or registered address is missing"),
    rule("PTY-002", Error, USCC_RULES, "a 统一社会信用代码 is not 18 characters of the code alphabet"),
    rule(
        "PTY-003",
        Error,
        USCC_RULES,
        "a 统一社会信用代码's check character (MOD 31-3) does not match; can be waived for early pilot codes",
    ),
    rule(
        "PTY-004",
        Warning,
        "《全国组织机构代码编制规则》（GB 11714）",
        "the organization code inside a 统一社会信用代码 fails its own check",
    ),
    rule(
        "PTY-005",
        Warning,
        USCC_RULES,
        "a party's code does not start with 91: not an enterprise (个体工商户, 社会组织, 事业单位...)",
    ),
    rule("PTY-006", Error, CIVIL_470_1, "buyer and supplier have the same name or the same code"),
    rule(
        "PTY-008",
        Warning,
        "《民法典》第一百六十五条；《最高人民法院关于适用〈中华人民共和国民法典〉合同编通则若干问题的解释》第二十一条、第二十二条",
        "a signatory who is not the legal representative without a recorded power of attorney",
    ),
    rule(
        "PTY-009",
        Error,
        "",
        "a phone number is neither a mainland mobile (1[3-9] and 11 digits) nor a landline with area code",
    ),
    rule(
        "PTY-011",
        Warning,
        "未核实：《支付结算办法》第一百六十六条（不在随附文本中）",
        "the supplier's account holder is not the supplier",
    ),
    rule("PTY-012", Warning, "", "a bank account with characters other than digits, a length outside 8–30, or no bank"),
    rule(
        "AMT-003",
        Warning,
        "《民法典》第四百七十条、第五百一十条、第五百一十一条第二项",
        "tax included or not, the tax rate or the invoice type is not stated",
    ),
    rule("PAY-001", Error, "《民法典》第四百七十条第一款第五项", "milestone percentages do not add up to 100"),
    rule(
        "PAY-002",
        Error,
        "《民法典》第四百七十条第一款第五项",
        "milestone amounts do not add up to the total to the 分",
    ),
    rule("PAY-003", Warning, CIVIL_510_511_4, "a milestone without a trigger or a payment deadline"),
    rule(
        "PAY-004",
        Warning,
        "《保障中小企业款项支付条例》第九条、第十条、第十二条",
        "a large buyer paying an SME later than 60 days after the trigger, back-to-back (however worded), or against an audit",
    ),
    rule(
        "PAY-006",
        Warning,
        "《保障中小企业款项支付条例》第十一条",
        "a large buyer paying an SME by commercial bills or other non-cash instruments",
    ),
    rule("PAY-005", Info, "", "a prepayment over 50 % or a final payment / retention over 30 %"),
    rule("DEP-001", Error, "《民法典》第五百八十六条", "earnest money (定金) over 20 % of the total"),
    rule("DEP-002", Warning, "《民法典》第五百八十八条", "(text) earnest money (定金) and a penalty claimed together"),
    rule(
        "DEP-003",
        Warning,
        CONTRACT_SPI_67,
        "(text) 订金, 保证金, 押金 and the like used as if they were 定金 (no earnest-money effect)",
    ),
    rule(
        "DEP-004",
        Warning,
        "《民法典》第五百八十七条",
        "earnest money larger than every instalment it could be credited to",
    ),
    rule(
        "ACC-001",
        Error,
        "《民法典》第五百一十条、第五百一十一条第四项；《保障中小企业款项支付条例》第十条",
        "no period within which the buyer must carry out acceptance",
    ),
    rule(
        "ACC-002",
        Warning,
        "《民法典》第四百七十条、第五百一十一条第一项",
        "acceptance standard missing or not tied to the module list or the requirements",
    ),
    rule("ACC-003", Info, "", "no deemed acceptance, or no limit on failed rounds"),
    rule("ACC-004", Warning, "", "fewer concurrent users accepted than users licensed"),
    rule("WAR-001", Error, CIVIL_510_511_4, "a retention without a warranty period"),
    rule(
        "WAR-002",
        Warning,
        "《保障中小企业款项支付条例》第十三条（仅限现金一项，且适用于机关、事业单位和大型企业）；比例为交易惯例",
        "a retention over 10 %, without a payment deadline, or restricted to cash",
    ),
    rule(
        "LIA-001",
        Warning,
        "《民法典》第五百八十五条；《最高人民法院关于适用〈中华人民共和国民法典〉合同编通则若干问题的解释》第六十五条",
        "a penalty cap over 30 % of the amount, or a daily penalty without a cap",
    ),
    rule(
        "LIA-002",
        Warning,
        "《民法典》第五百八十五条；《最高人民法院关于适用〈中华人民共和国民法典〉合同编通则若干问题的解释》第六十五条（过高）；《保障中小企业款项支付条例》第十七条（低于LPR）",
        "a late-payment rate over 1 ‰ a day, or below the LPR where an SME is paid",
    ),
    rule(
        "LIA-003",
        Warning,
        "《最高人民法院关于适用〈中华人民共和国民法典〉合同编通则若干问题的解释》第六十四条",
        "(text) 违约金不得调整",
    ),
    rule(
        "LIA-004",
        Error,
        "《民法典》第五百零六条",
        "(text) exclusion of liability for personal injury, intent or gross negligence",
    ),
    rule(
        "LIA-005",
        Warning,
        "《民法典》第四百九十六条至第四百九十八条；《最高人民法院关于适用〈中华人民共和国民法典〉合同编通则若干问题的解释》第十条",
        "(text) 概不负责, 不承担任何责任, 最终解释权 and similar standard-term exclusions",
    ),
    rule("LIA-006", Info, "《民法典》第五百八十四条", "no overall liability cap, or a cap below a year's fees"),
    rule(
        "LIA-007",
        Error,
        "《民法典》第一百八十八条、第一百九十七条",
        "(text) a limitation period agreed by the parties",
    ),
    rule(
        "DSP-001",
        Error,
        "《最高人民法院关于适用〈中华人民共和国仲裁法〉若干问题的解释》第七条",
        "(text) arbitration or litigation both agreed (或裁或诉)",
    ),
    rule(
        "DSP-002",
        Error,
        "《仲裁法》（2025年修订，2026年3月1日起施行）第二十七条；修订前第十六条、第十八条",
        "arbitration without a named commission",
    ),
    rule(
        "DSP-003",
        Warning,
        "《最高人民法院关于适用〈中华人民共和国仲裁法〉若干问题的解释》第四条、第五条、第六条",
        "an arbitration clause naming only a place, only rules, or several institutions",
    ),
    rule(
        "DSP-004",
        Warning,
        "《最高人民法院关于适用〈中华人民共和国仲裁法〉若干问题的解释》第三条",
        "a commission name without 仲裁委员会, 仲裁院 or 仲裁中心",
    ),
    rule(
        "DSP-005",
        Error,
        "《仲裁法》（修订前）第九条，修订后一裁终局的条号未核实；《最高人民法院关于适用〈中华人民共和国仲裁法〉若干问题的解释》第七条",
        "(text) court action after an award (不服裁决可起诉)",
    ),
    rule("DSP-006", Error, "《民事诉讼法》第三十五条", "(text) a court at a place with no connection to the dispute"),
    rule(
        "DSP-007",
        Warning,
        "《民事诉讼法》第三十五条；《最高人民法院关于审理技术合同纠纷案件适用法律若干问题的解释》第四十三条",
        "(text) one specific court named instead of 有管辖权的人民法院",
    ),
    rule("DSP-008", Warning, "《民法典》第四百七十条第一款第八项", "no dispute-resolution method chosen"),
    rule(
        "DAT-001",
        Error,
        "《个人信息保护法》第二十一条；《网络数据安全管理条例》第十二条",
        "personal information in the CRM but no entrusted-processing terms",
    ),
    rule(
        "DAT-002",
        Warning,
        "《个人信息保护法》第二十一条、第五十四条",
        "an item of 个人信息保护法第二十一条 missing, or no right to audit",
    ),
    rule(
        "DAT-003",
        Error,
        "《个人信息保护法》第二十一条第二款",
        "no return and deletion of personal information at the end",
    ),
    rule(
        "DAT-004",
        Warning,
        "《个人信息保护法》第二十一条第三款",
        "sub-processing allowed without the processors listed",
    ),
    rule(
        "DAT-005",
        Warning,
        "《个人信息保护法》第五十七条；《数据安全法》第二十九条；《网络数据安全管理条例》第十一条；《网络安全法》第四十二条（2016年文本，修正后条号未核实）",
        "no incident notice, or one slower than 72 hours",
    ),
    rule(
        "DAT-006",
        Error,
        "《个人信息保护法》第三十八条至第四十条",
        "personal information stored or reachable abroad without a chosen transfer route",
    ),
    rule(
        "DAT-007",
        Warning,
        "《网络安全法》第二十三条（修正前第二十一条）；《数据安全法》第二十七条",
        "data location not in the mainland, or no protection level (等级保护)",
    ),
    rule(
        "DAT-008",
        Warning,
        "《个人信息保护法》第二十八条、第二十九条、第五十五条",
        "sensitive personal information (ID numbers, bank accounts, whereabouts, biometrics, health...)",
    ),
    rule("IP-001", Warning, "《计算机软件保护条例》第十一条", "custom development without an owner of the result"),
    rule(
        "IP-002",
        Warning,
        "《民法典》第八百六十四条；《计算机软件保护条例》第十八条",
        "a licence without its nature (exclusive or not), term or users",
    ),
    rule("IP-003", Info, "《个人信息保护法》第二十一条", "(text) the buyer's data given to the supplier"),
    rule(
        "IP-004",
        Warning,
        "《民法典》第五百一十条、第四百六十六条",
        "a one-time (perpetual) licence fee while the licence scope ends the licence with the term",
    ),
    rule("TRM-001", Error, "", "an end date before its start: term, implementation, any phase"),
    rule("TRM-002", Warning, "《民法典》第五百一十条", "automatic renewal without a notice period"),
    rule("TRM-003", Warning, "", "一式N份 is not twice the copies each party keeps"),
    rule("TRM-004", Warning, "", "notices not agreed to count as served (addresses, e-mail, change of address)"),
    rule("TRM-007", Info, "《民法典》第一百八十条、第五百九十条", "force majeure without notice and proof periods"),
    rule("TRM-008", Warning, "", "an annual or monthly fee charged for more or fewer periods than the term holds"),
    rule(
        "NEG-001",
        Warning,
        "",
        "a negotiable term beyond the drafting side's floor (底线) in the playbook (`playbook/positions.json`)",
    ),
    rule(
        "REV-001",
        Error,
        "《民法典》第四百七十条第一款",
        "(review) a contract text without one of the eight items of 《民法典》第四百七十条",
    ),
    rule(
        "PRC-001",
        Warning,
        "《民法典》第五百四十三条、第四百九十七条",
        "(text) the supplier may change the price alone",
    ),
    rule(
        "SVC-002",
        Warning,
        "《民法典》第五百零九条、第四百九十七条",
        "(text) the supplier may suspend or stop the service at will",
    ),
    rule(
        "SVC-003",
        Warning,
        "《民法典》第五百四十三条、第四百九十七条",
        "(text) the supplier may change or withdraw functions without consent",
    ),
    rule("SVC-004", Warning, "", "a first response slower than the repair of a severe fault"),
    rule("SVC-005", Warning, "", "a free support period of zero months"),
    rule(
        "ACC-005",
        Warning,
        "《民法典》第五百一十条",
        "(text) deemed acceptance counted from delivery, bypassing the acceptance procedure",
    ),
    rule(
        "LIA-008",
        Warning,
        "《民法典》第五百七十七条、第四百九十七条",
        "(text) liability or penalties binding one side only",
    ),
    rule(
        "LIA-009",
        Warning,
        "《民法典》第一百八十条、第五百九十条",
        "(text) attacks, viruses, cloud or telecom outages called force majeure",
    ),
    rule(
        "LIA-010",
        Warning,
        "《民法典》第五百零六条、第四百九十七条",
        "(text) a liability cap of a month's fees or applying in every case",
    ),
    rule(
        "LIA-011",
        Warning,
        "《民法典》第五百八十四条、第四百九十七条",
        "(text) data loss or lost profits excluded in every case",
    ),
    rule("LIA-012", Warning, "《民法典》第一百九十七条", "(text) a claim bar: late claims forfeited"),
    rule(
        "LIA-013",
        Warning,
        "《最高人民法院关于适用〈中华人民共和国民法典〉合同编通则若干问题的解释》第十条；《民法典》第四百九十六条",
        "(text) a boilerplate acknowledgement that the standard terms were pointed out and explained",
    ),
    rule("TRM-010", Warning, "", "(text) a renewal price rise against the renewal clause"),
    rule("TRM-011", Warning, STANDARD_TERMS, "(text) the supplier may terminate without cause"),
    rule(
        "TRM-012",
        Warning,
        "《民法典》第五百六十六条、第四百九十七条",
        "(text) paid fees not refunded on early termination",
    ),
    rule(
        "TRM-014",
        Warning,
        "《民法典》第五百五十一条、第五百五十五条",
        "(text) the supplier may assign the contract without consent",
    ),
    rule(
        "TRM-013",
        Warning,
        "《民法典》第一百五十八条",
        "(text) the contract takes effect on a payment due only once it is in effect",
    ),
    rule(
        "DAT-010",
        Warning,
        "《个人信息保护法》第二十一条、第七十三条",
        "(text) the buyer's data used for the supplier's own purposes (training, marketing)",
    ),
    rule(
        "DAT-011",
        Warning,
        "《个人信息保护法》第二十一条",
        "(text) work or data handed to affiliates or third parties without consent",
    ),
    rule(
        "DAT-012",
        Warning,
        "《个人信息保护法》第二十一条、第四十七条",
        "(text) the supplier keeps data or backups after the end",
    ),
    rule(
        "DAT-013",
        Warning,
        "《网络安全法》第二十一条（2016年文本；修正后条号未核实）",
        "a hosted system without backups",
    ),
    rule("DAT-014", Warning, "《个人信息保护法》第五十一条", "personal information stored unencrypted"),
    rule(
        "DAT-015",
        Warning,
        "《个人信息保护法》第十九条、第二十一条",
        "data returned or deleted more than 60 days after the end",
    ),
    rule(
        "DAT-016",
        Warning,
        "《个人信息保护法》第十九条、第二十一条",
        "a processing period without an end (永久, 长期)",
    ),
    rule("CNF-001", Warning, "《民法典》第五百五十八条", "confidentiality that ends with the contract (0 years after)"),
    rule("IMP-002", Warning, "", "implementation starting before the signing date"),
    rule("IMP-003", Warning, "", "migration excluded while the implementation plan has a migration phase"),
    rule(
        "DSP-009",
        Warning,
        "未核实：国内争议提交境外仲裁机构的效力（最高人民法院的相关批复不在随附文本中）",
        "a foreign arbitral institution for a dispute between two mainland companies",
    ),
    rule(
        "DSP-010",
        Warning,
        "未核实：《涉外民事关系法律适用法》第三条（不在随附文本中）",
        "a foreign governing law for a contract between two mainland companies",
    ),
    rule("IMP-001", Warning, "", "go-live after the term ends, or a phase outside the implementation period"),
    rule("SVC-001", Warning, "", "SaaS without an availability commitment and a service credit"),
];

/// The rule with an id. Every id used in the code is in the table (a test checks it).
pub fn rule_by_id(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

impl Finding {
    /// A finding of a catalogued rule: severity and basis come from the table.
    pub(crate) fn of(
        id: &'static str,
        field: impl Into<String>,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> Finding {
        let (severity, basis) = rule_by_id(id).map_or((Severity::Error, ""), |r| (r.severity, r.basis));
        Finding {
            rule: id,
            severity,
            field: field.into(),
            message: zh.into(),
            message_en: en.into(),
            basis,
            waived: None,
            quote: None,
        }
    }
}

/// Whether a finding of this rule may be accepted with a reason: every warning and info,
/// and the check digit of early pilot codes.
pub fn waivable(rule: &Rule) -> bool {
    rule.severity != Severity::Error || rule.id == "PTY-003"
}

#[cfg(test)]
mod tests {
    use super::*;

    /// checks.md's list of ids that must exist.
    const REQUIRED: &str = "REQ-001 FMT-001 PAY-001 PAY-002 TRM-001 TRM-003 IMP-001 ACC-004 SVC-001 PTY-001 PTY-002 PTY-003 PTY-005 PTY-006 PTY-008 PTY-009 PTY-011 PTY-012 AMT-003 PAY-003 PAY-004 PAY-005 DEP-001 ACC-001 ACC-002 ACC-003 WAR-001 WAR-002 LIA-001 LIA-002 LIA-003 LIA-004 LIA-005 LIA-006 LIA-007 DSP-001 DSP-002 DSP-003 DSP-004 DSP-005 DSP-006 DSP-007 DSP-008 DAT-001 DAT-002 DAT-003 DAT-004 DAT-005 DAT-006 DAT-007 DAT-008 IP-001 IP-002 IP-003 TRM-002 TRM-004 TRM-007";

    #[test]
    fn every_required_rule_is_catalogued_once() {
        for id in REQUIRED.split_whitespace() {
            assert!(rule_by_id(id).is_some(), "{id} missing");
        }
        for (i, a) in RULES.iter().enumerate() {
            assert!(RULES[i + 1..].iter().all(|b| b.id != a.id), "{} twice", a.id);
        }
    }
}
