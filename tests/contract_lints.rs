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
    for (index, combination) in pairwise_combinations().into_iter().enumerate() {
        let mut draft = example.clone();
        for (path, value) in combination {
            draft.set(path, value);
        }
        drafts.push((format!("pairwise #{index}"), draft));
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

/// Every yes/no and choice field with the values it can take.
fn switches() -> Vec<(&'static str, Vec<Value>)> {
    schema::all_fields()
        .filter_map(|(_, field)| match field.kind {
            Kind::Bool => Some((field.path, vec![json!(true), json!(false)])),
            Kind::Choice(choices) => Some((field.path, choices.iter().map(|c| json!(c.id)).collect())),
            _ => None,
        })
        .collect()
}

/// A pairwise covering set: drafts in which every value of every switch meets every value of
/// every other switch at least once, built greedily (each draft takes, field by field, the
/// value that covers the most pairs not yet covered).
fn pairwise_combinations() -> Vec<Vec<(&'static str, Value)>> {
    let switches = switches();
    let mut uncovered: BTreeSet<(usize, usize, usize, usize)> = BTreeSet::new();
    for a in 0..switches.len() {
        for b in a + 1..switches.len() {
            for va in 0..switches[a].1.len() {
                for vb in 0..switches[b].1.len() {
                    uncovered.insert((a, va, b, vb));
                }
            }
        }
    }
    let mut combinations = Vec::new();
    while !uncovered.is_empty() {
        let mut chosen: Vec<usize> = Vec::new();
        for (field, (_, values)) in switches.iter().enumerate() {
            let gain = |value: usize| {
                let with_earlier = chosen
                    .iter()
                    .enumerate()
                    .filter(|(earlier, v)| uncovered.contains(&(*earlier, **v, field, value)))
                    .count();
                // Pairs with later fields still open: a tie-break that pulls rare values in.
                let with_later = uncovered.iter().filter(|(a, va, _, _)| *a == field && *va == value).count();
                (with_earlier, with_later)
            };
            let best = (0..values.len()).max_by_key(|v| (gain(*v), std::cmp::Reverse(*v))).unwrap_or(0);
            chosen.push(best);
        }
        for a in 0..chosen.len() {
            for b in a + 1..chosen.len() {
                uncovered.remove(&(a, chosen[a], b, chosen[b]));
            }
        }
        combinations.push(
            chosen.iter().enumerate().map(|(field, v)| (switches[field].0, switches[field].1[*v].clone())).collect(),
        );
    }
    combinations
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

/// Terms the contract uses as defined terms: where one is used, it is defined.
const TERMS_OF_ART: [&str; 14] = [
    "本系统",
    "本服务",
    "甲方数据",
    "服务期限",
    "服务年度",
    "工作日",
    "上线",
    "严重故障",
    "不可用",
    "终验合格",
    "初验",
    "免费服务期",
    "当月服务费",
    "受托方",
];

/// Where each term is defined: 「“X”是指」, 「（以下简称“X”）」, 「本款所称“X”」.
fn definitions(text: &str) -> Vec<(String, usize)> {
    let mut found = Vec::new();
    for (index, _) in text.match_indices('“') {
        let rest = &text[index + '“'.len_utf8()..];
        let Some(end) = rest.find('”') else { continue };
        let term = &rest[..end];
        let after = &rest[end + '”'.len_utf8()..];
        let before = &text[..index];
        if after.starts_with("是指") || before.ends_with("以下简称") || before.ends_with("本款所称") {
            found.push((term.to_string(), index));
        }
    }
    found
}

/// Every defined term is used outside its definition, none is defined twice, and every term
/// of art the text uses is defined.
fn term_mismatches(text: &str) -> Vec<String> {
    let defined = definitions(text);
    let mut found = Vec::new();
    for (term, at) in &defined {
        let quoted = format!("“{term}”");
        let uses = text.match_indices(term.as_str()).filter(|(i, _)| {
            let inside_definition = *i == at + '“'.len_utf8();
            !inside_definition
        });
        if uses.count() == 0 {
            found.push(format!("{quoted} is defined but never used"));
        }
        if defined.iter().filter(|(t, _)| t == term).count() > 1 {
            found.push(format!("{quoted} is defined more than once"));
        }
    }
    for term in TERMS_OF_ART {
        if text.contains(term) && !defined.iter().any(|(t, _)| t == term) {
            found.push(format!("“{term}” is used but never defined"));
        }
    }
    found
}

/// An amount written ¥1,234.56 at the start of `text`, in 分.
fn yuan(text: &str) -> Option<i64> {
    let digits: String =
        text.strip_prefix('¥')?.chars().take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.').collect();
    let plain = digits.replace(',', "");
    let (whole, fen) = plain.split_once('.')?;
    Some(whole.parse::<i64>().ok()? * 100 + fen.parse::<i64>().ok()?)
}

/// The total is the sum of the fees listed under it and of the payment plan's amounts.
fn total_mismatches(text: &str) -> Vec<String> {
    let Some(start) = text.find("本合同总价为¥") else { return Vec::new() };
    let Some(total) = yuan(&text[start + "本合同总价为".len()..]) else { return Vec::new() };
    let mut found = Vec::new();
    // The fee items: the paragraphs （一）…（N） right after the total.
    let mut fees = 0;
    for line in text[start..].lines().skip(1).filter(|l| !l.is_empty()).take_while(|l| l.starts_with('（')) {
        let amount_at = line.find("合计¥").map(|i| i + "合计".len()).or_else(|| line.find('¥'));
        fees += amount_at.and_then(|i| yuan(&line[i..])).unwrap_or(0);
    }
    if fees != total {
        found.push(format!("the fees add up to {fees} 分, the total is {total} 分"));
    }
    // The payment plan: the amount column of 附件二.
    if let Some(plan) = text.find("## 附件二") {
        let rows: Vec<&str> = text[plan..]
            .lines()
            .skip(1)
            .take_while(|l| !l.starts_with("## "))
            .filter(|l| l.starts_with("| ") && l.contains('¥'))
            .collect();
        let planned: i64 =
            rows.iter().filter_map(|row| row.split(" | ").find(|cell| cell.starts_with('¥')).and_then(yuan)).sum();
        let percents: f64 = rows
            .iter()
            .filter_map(|row| {
                row.split(" | ")
                    .find(|cell| cell.ends_with('%'))
                    .and_then(|c| c.trim_end_matches('%').parse::<f64>().ok())
            })
            .sum();
        if (percents - 100.0).abs() < 1e-9 && planned != total {
            found.push(format!("the payment plan adds up to {planned} 分, the total is {total} 分"));
        }
    }
    found
}

/// Switches turned off, and the words of the feature that must then be gone.
const SWITCHED_OFF: &[(&str, &str, &[&str])] = &[
    ("acceptance.trial_days", "null", &["试运行"]),
    ("service.remote", "false", &["远程方式无法解决", "通过远程方式提供维护"]),
    ("service.onsite", "false", &["到达现场"]),
    ("implementation.data_migration", "false", &["迁移范围", "迁移完成后"]),
    ("system.updates.provided", "false", &["更新服务费", "每季度至少一次"]),
    ("system.customization", "null", &["经双方签字确认的需求规格说明书", "定制开发成果作为单独的验收项目"]),
    ("system.source_escrow", "false", &["托管机构"]),
    ("data.processors", "null", &["附件四", "受托处理方清单"]),
    ("data.audit_right", "false", &["监督检查"]),
    ("data.personal_info", "false", &["个人信息的种类", "通知相关个人", "个人信息保护影响评估"]),
    ("pricing.deposit", "null", &["定金"]),
    ("breach.liability_cap", "null", &["赔偿责任总额不超过"]),
    ("breach.ip_indemnity", "false", &["不侵犯任何第三方的知识产权"]),
    ("data.backup_frequency", "\"none\"", &["备份数据", "备份甲方数据"]),
];

/// The clauses' own sentences (annex rows are the parties' words, which the review reads).
fn switched_off_sentences(draft_name: &str, text: &str) -> Vec<String> {
    let clauses: String = prose_lines(text).filter(|l| !l.starts_with('|')).collect::<Vec<_>>().join("\n");
    SWITCHED_OFF
        .iter()
        .filter(|(path, value, _)| draft_name == format!("{path}={value}"))
        .flat_map(|(_, _, words)| words.iter().filter(|w| clauses.contains(**w)).map(|w| format!("still says {w}")))
        .collect()
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
fn every_defined_term_is_used_and_every_term_used_is_defined() {
    report("defined terms", &covering_set(), term_mismatches);
}

#[test]
fn the_total_is_the_sum_of_the_fees_and_of_the_payment_plan() {
    report("totals", &covering_set(), total_mismatches);
}

#[test]
fn a_switched_off_feature_leaves_no_sentence() {
    let renderer = Renderer::built_in().expect("compiles");
    let example = Draft::from_json(EXAMPLE).expect("loads");
    let mut failures = Vec::new();
    for (path, value, _) in SWITCHED_OFF {
        let mut draft = example.clone();
        let value: Value = serde_json::from_str(value).expect("JSON");
        draft.set(path, value.clone());
        let name = format!("{path}={value}");
        let text = renderer.render(&draft).expect("renders");
        failures.extend(switched_off_sentences(&name, &text).into_iter().map(|f| format!("{name}: {f}")));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_pairwise_set_covers_every_pair_of_switch_values() {
    let switches = switches();
    let combinations = pairwise_combinations();
    for (a, (path_a, values_a)) in switches.iter().enumerate() {
        for (path_b, values_b) in &switches[a + 1..] {
            for va in values_a {
                for vb in values_b {
                    let met = combinations
                        .iter()
                        .any(|c| c.contains(&(*path_a, va.clone())) && c.contains(&(*path_b, vb.clone())));
                    assert!(met, "{path_a}={va} never meets {path_b}={vb}");
                }
            }
        }
    }
    assert!(combinations.len() < 40, "a greedy covering set stays small: {}", combinations.len());
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
    assert_eq!(term_mismatches("（一）“服务年度”是指每满12个月的期间。").len(), 1, "defined, never used");
    assert_eq!(term_mismatches("甲方在工作日内通知。").len(), 1, "used, never defined");
    assert!(term_mismatches("（一）“工作日”是指法定工作日。甲方在3个工作日内通知。").is_empty());
    let unbalanced = "6.1　本合同总价为¥100.00（大写），由下列费用构成：\n\n（一）许可费：¥60.00（大写）；\n\n（二）实施费：¥30.00（大写）。\n";
    assert_eq!(total_mismatches(unbalanced).len(), 1);
    let plan = "6.1　本合同总价为¥100.00（大写）：\n\n（一）许可费：按每年¥50.00计，合计¥100.00（大写）。\n\n## 附件二：付款计划\n\n| 1 | 首付 | 生效 | 10日内 | 50% | ¥50.00 | 伍拾 |\n| 2 | 尾款 | 验收 | 10日内 | 50% | ¥40.00 | 肆拾 |\n";
    assert_eq!(total_mismatches(plan).len(), 1, "the plan is short of the total");
    assert_eq!(switched_off_sentences("service.remote=false", "远程方式无法解决的，乙方应").len(), 1);
}

/// Lines that state what an unanswered yes/no would decide, without the choice mark.
fn undecided_as_agreed(text: &str) -> Vec<String> {
    const DECIDED_BY_A_SWITCH: [&str; 8] = [
        "视为验收合格",
        "自动续期1年",
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
