//! Disputes: a method chosen (DSP-008), and for arbitration a commission named (DSP-002),
//! named precisely (DSP-003, DSP-004); a foreign institution (DSP-009) or a foreign law
//! (DSP-010) for a purely domestic contract. Free-text rules (DSP-001/005/006/007) are in
//! `text` and `risks`.

use super::Finding;
use crate::draft::Draft;

/// Words that make a commission name an institution's name.
const INSTITUTION_WORDS: &[&str] = &["仲裁委员会", "仲裁院", "仲裁中心"];

/// Places and institutions outside the mainland, as a commission's name or a law names them.
const ABROAD: &[&str] = &[
    "新加坡",
    "香港",
    "澳门",
    "台湾",
    "伦敦",
    "巴黎",
    "斯德哥尔摩",
    "维也纳",
    "日内瓦",
    "瑞士",
    "美国",
    "纽约",
    "英国",
    "日本",
    "韩国",
    "国际商会",
    "ICC",
    "SIAC",
    "HKIAC",
    "LCIA",
    "AAA",
    "JCAA",
    "KCAB",
];

/// Both parties are mainland enterprises (统一社会信用代码 issued on the mainland), so the
/// contract has no foreign element of its own.
fn domestic(draft: &Draft) -> bool {
    ["parties.buyer.uscc", "parties.supplier.uscc"]
        .iter()
        .all(|path| draft.text(path).is_some_and(|code| code.len() == 18))
}

pub(super) fn check(draft: &Draft, findings: &mut Vec<Finding>) {
    if domestic(draft) {
        foreign_forum_or_law(draft, findings);
    }
    match draft.text("disputes.method") {
        None => findings.push(Finding::of(
            "DSP-008",
            "disputes.method",
            "未约定争议解决方式，将按法定管辖（被告住所地或合同履行地法院）处理。",
            "No dispute method: statutory jurisdiction applies (the defendant's domicile or the place of performance).",
        )),
        Some("arbitration") => commission(draft, findings),
        Some(_) => {}
    }
}

/// A purely domestic contract may not choose a foreign law, and a dispute without a foreign
/// element may not go to an arbitral institution abroad.
fn foreign_forum_or_law(draft: &Draft, findings: &mut Vec<Finding>) {
    let abroad = |text: &str| ABROAD.iter().find(|w| text.contains(*w)).copied();
    if draft.text("disputes.method") == Some("arbitration")
        && let Some(name) = draft.text("disputes.arbitration_commission")
        && let Some(place) = abroad(name)
    {
        findings.push(Finding::of(
            "DSP-009",
            "disputes.arbitration_commission",
            format!("“{name}”（{place}）：双方均为境内企业，争议不具有涉外因素，约定提交境外仲裁机构仲裁的，仲裁协议可能被认定无效；请选择境内仲裁机构。"),
            format!("“{name}”: a purely domestic dispute may not be sent to an institution abroad; the agreement may be void."),
        ));
    }
    if let Some(law) = draft.text("disputes.governing_law") {
        let chinese = ["中华人民共和国", "中国法律", "中国大陆"].iter().any(|w| law.contains(w));
        if !chinese {
            findings.push(Finding::of(
                "DSP-010",
                "disputes.governing_law",
                format!(
                    "“{law}”：双方均为境内企业的合同不具有涉外因素，不能选择适用外国法律，应适用中华人民共和国法律。"
                ),
                format!("“{law}”: a purely domestic contract cannot choose a foreign law; PRC law applies."),
            ));
        }
    }
}

fn commission(draft: &Draft, findings: &mut Vec<Finding>) {
    const PATH: &str = "disputes.arbitration_commission";
    let Some(name) = draft.text(PATH) else {
        findings.push(Finding::of(
            "DSP-002",
            PATH,
            "选择仲裁时必须写明选定的仲裁委员会，否则达不成补充协议时仲裁协议无效。",
            "Arbitration needs a named commission; without one the agreement may be void.",
        ));
        return;
    };
    let several =
        ["或", "或者", "、", "和", "及", "/"].iter().any(|w| name.contains(w)) && name.matches("仲裁").count() > 1;
    let only_place_or_rules = name.starts_with('在') || name.ends_with("仲裁") || name.contains("规则");
    if several || only_place_or_rules {
        findings.push(Finding::of(
            "DSP-003",
            PATH,
            format!("“{name}”：仲裁机构约定不明。只写地点、只写仲裁规则或列举两个以上机构，事后不能达成一致的，仲裁协议无效。"),
            format!("“{name}”: the institution is unclear (a place, rules only, or several institutions)."),
        ));
    } else if !INSTITUTION_WORDS.iter().any(|w| name.contains(w)) {
        findings.push(Finding::of(
            "DSP-004",
            PATH,
            format!("“{name}”：仲裁机构名称可能不准确，请使用机构全称（如“上海国际仲裁中心”“杭州仲裁委员会”）。"),
            format!("“{name}”: the institution's name may be inaccurate; use its full name."),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rules(commission: &str) -> Vec<&'static str> {
        let mut draft = Draft::empty();
        draft.set("disputes.method", json!("arbitration"));
        draft.set("disputes.arbitration_commission", json!(commission));
        let mut found = Vec::new();
        check(&draft, &mut found);
        found.into_iter().map(|f| f.rule).collect()
    }

    #[test]
    fn commissions_are_named_precisely() {
        assert!(rules("杭州仲裁委员会").is_empty());
        assert!(rules("上海国际仲裁中心").is_empty());
        assert_eq!(rules("在上海仲裁"), vec!["DSP-003"]);
        assert_eq!(rules("上海仲裁委员会或北京仲裁委员会"), vec!["DSP-003"]);
        assert_eq!(rules("杭州贸仲"), vec!["DSP-004"]);
    }
}
