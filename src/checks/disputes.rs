//! Disputes: a method chosen (DSP-008), and for arbitration a commission named (DSP-002),
//! named precisely (DSP-003, DSP-004). Free-text rules (DSP-001/005/006/007) are in `text`.

use super::Finding;
use crate::draft::Draft;

/// Words that make a commission name an institution's name.
const INSTITUTION_WORDS: &[&str] = &["仲裁委员会", "仲裁院", "仲裁中心"];

pub(super) fn check(draft: &Draft, findings: &mut Vec<Finding>) {
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
