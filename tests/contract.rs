//! The exported contract: snapshots, determinism, the template ↔ field-table contract,
//! clause switching on the draft, and the draft file's round trip.

#![allow(clippy::expect_used, clippy::unwrap_used)] // tests fail loudly by design

use crm_contract::draft::Draft;
use crm_contract::render::context::{DERIVED_PATHS, DERIVED_ROW_KEYS};
use crm_contract::render::{BUILT_IN, Renderer};
use crm_contract::schema;
use serde_json::{Value, json};

const EXAMPLE: &str = include_str!("../assets/example-draft.json");

fn example() -> Draft {
    Draft::from_json(EXAMPLE).expect("the example loads")
}

fn render(draft: &Draft) -> String {
    Renderer::built_in().expect("built-in clauses compile").render(draft).expect("renders")
}

fn with(changes: &[(&str, Value)]) -> Draft {
    let mut draft = example();
    for (path, value) in changes {
        draft.set(path, value.clone());
    }
    draft
}

#[test]
fn example_contract_snapshot() {
    insta::assert_snapshot!("example_contract", render(&example()));
}

#[test]
fn empty_draft_exports_with_visible_blanks() {
    let text = render(&Draft::empty());
    assert!(text.contains("【待填写：甲方名称】"));
    assert!(text.contains("【待填写：合同总价】"));
    insta::assert_snapshot!("empty_draft_incomplete", text);
}

#[test]
fn the_same_draft_gives_the_same_bytes() {
    let renderer = Renderer::built_in().expect("compiles");
    let first = renderer.render(&example()).expect("renders");
    for _ in 0..3 {
        assert_eq!(renderer.render(&example()).expect("renders"), first);
    }
    assert_eq!(render(&example()), first, "a second renderer too");
}

#[test]
fn example_draft_round_trips_byte_for_byte() {
    assert_eq!(example().to_json(), EXAMPLE);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("d.json");
    crm_contract::draft::save(&path, &example()).expect("saves");
    let reloaded = crm_contract::draft::load(&path).expect("loads");
    assert_eq!(reloaded, example());
    assert_eq!(std::fs::read_to_string(&path).expect("reads"), EXAMPLE);
}

#[test]
fn example_has_no_findings() {
    let findings = crm_contract::checks::run(&example());
    assert!(findings.is_empty(), "{findings:#?}");
}

/// Every variable a clause reads is a field of the table (or a value derived from it).
#[test]
fn every_template_variable_exists_in_the_field_table() {
    let mut env = minijinja::Environment::new();
    for (name, source) in BUILT_IN {
        env.add_template(name, source).expect("compiles");
    }
    let known = |path: &str| {
        schema::field(path).is_some()
            || DERIVED_PATHS.contains(&path)
            || schema::all_fields().any(|(_, f)| f.path.starts_with(&format!("{path}.")))
            || DERIVED_PATHS.iter().any(|d| d.starts_with(&format!("{path}.")))
    };
    for (name, _) in BUILT_IN {
        let template = env.get_template(name).expect("loads");
        for variable in template.undeclared_variables(true) {
            // `num` numbers the articles: the master template makes it with `numbering()`
            // and every clause uses it.
            if variable == "num" || variable.starts_with("num.") || variable == "numbering" {
                continue;
            }
            assert!(known(&variable), "{name} reads {variable}, which the field table does not declare");
        }
    }
    for (list, key) in DERIVED_ROW_KEYS {
        assert!(schema::field(list).and_then(schema::Field::list).is_some(), "{list}.{key}");
    }
}

#[test]
fn every_section_has_its_clause_template() {
    for section in schema::steps() {
        let name = format!("{}.md.j2", section.id);
        let source = BUILT_IN.iter().find(|(n, _)| *n == name).map(|(_, s)| *s);
        assert!(source.is_some(), "no clause template {name}");
    }
}

#[test]
fn clauses_switch_on_the_draft_and_leave_no_dead_text() {
    let litigation =
        render(&with(&[("disputes.method", json!("litigation")), ("disputes.court", json!("buyer_domicile"))]));
    assert!(litigation.contains("任何一方均可向甲方住所地有管辖权的人民法院提起诉讼。"));
    assert!(!litigation.contains("仲裁"), "no arbitration text next to litigation");

    let on_premise = render(&with(&[
        ("system.deployment", json!("on_premise")),
        ("system.updates.free", json!(false)),
        ("system.updates.fee", json!("5000")),
        ("service.sla_percent", Value::Null),
    ]));
    assert!(on_premise.contains("以本地部署方式交付"));
    assert!(on_premise.contains("更新服务费为每年¥5,000.00（大写：人民币伍仟元整）"));
    assert!(!on_premise.contains("可用率不低于99.9%"), "no SaaS service level for on-premise");

    let no_training =
        render(&with(&[("pricing.training_fee", json!("0")), ("pricing.training_headcount", Value::Null)]));
    assert!(no_training.contains("（三）培训费：¥0.00（大写：人民币零元整）；"));
    assert!(!no_training.contains("培训20人"));

    let no_updates = render(&with(&[("system.updates.provided", json!(false))]));
    assert!(no_updates.contains("不负有提供版本更新的义务"));

    let monthly = render(&with(&[
        ("pricing.license_model", json!("monthly")),
        ("pricing.license_fee", json!("3000")),
        ("pricing.license_periods", json!("36")),
    ]));
    assert!(monthly.contains("每月¥3,000.00（大写：人民币叁仟元整），共36个月"));

    let no_personal_info = render(&with(&[("data.personal_info", json!(false))]));
    assert!(no_personal_info.contains("甲方不通过本系统委托乙方处理个人信息"));
    assert!(!no_personal_info.contains("个人信息的种类"));
}

#[test]
fn optional_fields_left_empty_still_render() {
    let optional: Vec<&str> = schema::all_fields().filter(|(_, f)| !f.required).map(|(_, f)| f.path).collect();
    let mut draft = example();
    for path in &optional {
        draft.set(path, Value::Null);
    }
    let text = render(&draft);
    assert!(!text.contains("【待填写"), "a complete draft prints no blank");
    assert!(text.contains("合同编号：＿＿＿＿＿＿＿＿"));
    assert!(text.contains("签订日期：＿＿＿＿年＿＿月＿＿日"));
}

#[test]
fn every_value_is_escaped_in_the_contract() {
    let hostile = with(&[
        ("parties.buyer.name", json!("# 标题 | <script>x</script> [链接](http://a)")),
        ("other.terms", json!("- 列表\n\n1. 编号\n```\n代码")),
    ]);
    let text = render(&hostile);
    assert!(text.contains("\\# 标题 \\| \\<script\\>x\\</script\\> \\[链接\\](http://a)"));
    assert!(text.contains("\\- 列表\\\n1\\. 编号\\\n\\`\\`\\`\\\n代码"));
}
