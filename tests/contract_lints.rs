//! Contract lints over many rendered drafts: the example with every value of every choice
//! and yes/no field (one at a time, and the combinations that change the most text), the
//! example, and an empty draft. Each lint is a function with a fixture that makes it fail,
//! so a lint that can no longer see its defect is noticed too.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // tests fail loudly by design

use std::collections::BTreeSet;

use crm_contract::draft::Draft;
use crm_contract::render::Renderer;
use crm_contract::schema::{self, Kind};
use serde_json::{Value, json};

const EXAMPLE: &str = include_str!("../assets/example-draft.json");

/// A draft's name and its rendered contract.
struct Rendered {
    name: String,
    text: String,
}

/// The covering set of drafts, rendered.
fn covering_set() -> Vec<Rendered> {
    let renderer = Renderer::built_in().expect("compiles");
    let example = Draft::from_json(EXAMPLE).expect("loads");
    let mut drafts: Vec<(String, Draft)> = vec![("example".into(), example.clone()), ("empty".into(), Draft::empty())];
    for (_, field) in schema::all_fields() {
        let values: Vec<Value> = match field.kind {
            Kind::Bool => vec![json!(true), json!(false)],
            Kind::Choice(choices) => choices.iter().map(|c| json!(c.id)).collect(),
            _ => continue,
        };
        for value in values {
            let mut draft = example.clone();
            draft.set(field.path, value.clone());
            drafts.push((format!("{}={value}", field.path), draft));
        }
    }
    // Combinations that change whole clauses at once.
    for deployment in ["saas", "on_premise", "hybrid"] {
        for model in ["annual", "monthly", "one_time"] {
            let mut draft = example.clone();
            draft.set("system.deployment", json!(deployment));
            draft.set("pricing.license_model", json!(model));
            drafts.push((format!("{deployment}+{model}"), draft));
        }
    }
    for party in ["buyer", "supplier", "neutral"] {
        for deemed in [true, false] {
            let mut draft = example.clone();
            draft.set("meta.drafting_party", json!(party));
            draft.set("acceptance.deemed_accepted", json!(deemed));
            drafts.push((format!("{party}+deemed={deemed}"), draft));
        }
    }
    drafts
        .into_iter()
        .map(|(name, draft)| {
            let text = renderer.render(&draft).unwrap_or_else(|e| panic!("{name}: {e}"));
            Rendered { name, text }
        })
        .collect()
}

/// The body without the headings' and items' own numbers (第一条, （一）), which are labels.
fn prose_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().filter(|l| !l.starts_with('#'))
}

/// Cross-references by description instead of a generated number.
fn vague_references(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in prose_lines(text) {
        for pattern in ["前款", "本条第", "上款", "前条"] {
            if line.contains(pattern) {
                found.push(format!("{pattern}: {line}"));
            }
        }
        // A title in quotes standing for an article: 按本合同“售后服务”条.
        if let Some(start) = line.find("本合同“")
            && line[start..].contains("”条")
        {
            found.push(format!("title as reference: {line}"));
        }
    }
    found
}

/// Chinese numerals used for periods, amounts or counts (the contract writes them in Arabic).
fn chinese_numerals(text: &str) -> Vec<String> {
    const DIGITS: &str = "零一二三四五六七八九十百千两";
    const UNITS: [&str; 12] = ["个工作日", "工作日", "个月", "小时", "日", "天", "年", "次", "份", "人", "项", "课时"];
    // Fixed expressions that are not counts.
    const ALLOWED: [&str; 4] = ["一次性", "最近一次", "统一", "一式"];
    let mut found = Vec::new();
    for line in prose_lines(text) {
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            if DIGITS.contains(chars[i]) && (i == 0 || !DIGITS.contains(chars[i - 1])) {
                let start = i;
                while i < chars.len() && DIGITS.contains(chars[i]) {
                    i += 1;
                }
                let rest: String = chars[i..].iter().take(4).collect();
                let before: String = chars[start.saturating_sub(3)..start].iter().collect();
                let numeral: String = chars[start..i].iter().collect();
                let context: String = chars[start.saturating_sub(3)..(i + 4).min(chars.len())].iter().collect();
                let is_label = before.ends_with('第') || before.ends_with('（');
                // 「每逾期一日」「每季度至少一次」: one per unit of a rate, not a count.
                let clause_start = chars[..start].iter().rposition(|c| "，；。：".contains(*c)).map_or(0, |p| p + 1);
                let is_rate = numeral == "一" && chars[clause_start..start].contains(&'每');
                let allowed = is_rate || ALLOWED.iter().any(|a| context.contains(a));
                if !is_label && !allowed && UNITS.iter().any(|u| rest.starts_with(u)) {
                    found.push(format!("{numeral}{rest}: {line}"));
                }
                continue;
            }
            i += 1;
        }
    }
    found
}

/// Periods of zero: a clause that should not be printed at all.
fn zero_periods(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in prose_lines(text) {
        let chars: Vec<char> = line.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            let previous_is_digit = i > 0 && (chars[i - 1].is_ascii_digit() || chars[i - 1] == '.');
            if *c == '0' && !previous_is_digit {
                let rest: String = chars[i + 1..].iter().take(3).collect();
                if ["个月", "日", "年", "小时", "个工作日"].iter().any(|u| rest.starts_with(u)) {
                    found.push(line.to_string());
                }
            }
        }
    }
    found
}

/// Annexes referred to and annexes present: every one referred to exists, every one
/// present is referred to in the body.
fn annex_mismatches(text: &str) -> Vec<String> {
    let present: BTreeSet<String> = text
        .lines()
        .filter_map(|l| l.strip_prefix("## 附件"))
        .filter_map(|l| l.split('：').next())
        .map(|n| format!("附件{n}"))
        .collect();
    let body: String = text.lines().filter(|l| !l.starts_with("## 附件")).collect::<Vec<_>>().join("\n");
    let mut referred = BTreeSet::new();
    for (index, _) in body.match_indices("附件") {
        let number: String =
            body[index + "附件".len()..].chars().take_while(|c| "一二三四五六七八九十".contains(*c)).collect();
        if !number.is_empty() {
            referred.insert(format!("附件{number}"));
        }
    }
    let mut found: Vec<String> =
        referred.difference(&present).map(|a| format!("{a} is referred to but missing")).collect();
    found.extend(present.difference(&referred).map(|a| format!("{a} is never referred to")));
    found
}

fn report(lint: &str, drafts: &[Rendered], check: impl Fn(&str) -> Vec<String>) {
    let failures: Vec<String> =
        drafts.iter().flat_map(|d| check(&d.text).into_iter().map(move |f| format!("{}: {f}", d.name))).collect();
    assert!(failures.is_empty(), "{lint}: {} finding(s)\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_cross_reference_is_generated_and_resolves() {
    // Rendering resolves every num.ref: a reference to a clause a switch removed fails the render.
    let drafts = covering_set();
    assert!(drafts.len() > 100, "the covering set renders {} drafts", drafts.len());
    report("vague references", &drafts, vague_references);
}

#[test]
fn one_numeral_convention() {
    report("Chinese numerals for periods and counts", &covering_set(), chinese_numerals);
}

#[test]
fn no_period_of_zero() {
    let mut drafts = covering_set();
    let renderer = Renderer::built_in().expect("compiles");
    let mut draft = Draft::from_json(EXAMPLE).expect("loads");
    for (path, value) in [("service.free_months", "0"), ("confidentiality.years_after", "0")] {
        draft.set(path, json!(value));
    }
    drafts.push(Rendered { name: "zeros".into(), text: renderer.render(&draft).expect("renders") });
    report("periods of zero", &drafts, zero_periods);
}

#[test]
fn every_annex_referred_to_exists_and_every_annex_is_referred_to() {
    report("annexes", &covering_set(), annex_mismatches);
}

/// Each lint finds the defect it is for.
#[test]
fn the_lints_fail_on_their_fixtures() {
    assert_eq!(vague_references("甲方在前款约定的期限内").len(), 1);
    assert_eq!(vague_references("按本合同“售后服务与技术支持”条的约定").len(), 1);
    assert!(vague_references("甲方在第8.2款约定的期限内").is_empty());
    assert_eq!(chinese_numerals("乙方应在十五日内退还，七十二小时内通知").len(), 2);
    assert!(chinese_numerals("## 第十一条　期限\n（一）每逾期一日，15日内").is_empty());
    assert_eq!(zero_periods("自终验合格之日起0个月内").len(), 1);
    assert!(zero_periods("10个月、2.0年").is_empty());
    assert_eq!(annex_mismatches("见附件四《清单》\n\n## 附件一：功能\n").len(), 2);
    assert!(annex_mismatches("见附件一《功能》\n\n## 附件一：功能\n").is_empty());
}

/// Lines that state what an unanswered yes/no would decide, without the choice mark.
fn undecided_as_agreed(text: &str) -> Vec<String> {
    const DECIDED_BY_A_SWITCH: [&str; 8] = [
        "视为验收合格",
        "本合同自动续期1年",
        "委托他人处理甲方数据",
        "向甲方提供本系统的版本更新",
        "迁移至本系统",
        "上述价款已包含增值税",
        "不侵犯任何第三方的知识产权",
        "派技术人员到达现场处理",
    ];
    prose_lines(text)
        .filter(|line| DECIDED_BY_A_SWITCH.iter().any(|p| line.contains(p)) && !line.contains("【待选择】"))
        .map(str::to_string)
        .collect()
}

#[test]
fn an_unanswered_switch_prints_a_visible_choice_never_the_default() {
    let renderer = Renderer::built_in().expect("compiles");
    let empty = renderer.render(&Draft::empty()).expect("renders");
    let found = undecided_as_agreed(&empty);
    assert!(found.is_empty(), "printed as agreed although nobody answered:\n{}", found.join("\n"));
    assert!(empty.matches("【待选择】").count() >= 8, "each unanswered switch offers its choice");
    // An answered draft never shows a choice mark.
    let example = renderer.render(&Draft::from_json(EXAMPLE).expect("loads")).expect("renders");
    assert!(!example.contains("【待选择】"));
    // The fixture: a default printed as agreed.
    assert_eq!(undecided_as_agreed("8.4　**甲方……视为验收合格。**").len(), 1);
}
