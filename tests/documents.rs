//! `export --document`: the companion documents made from the same draft as the contract —
//! 授权委托书, 验收确认单, 个人信息委托处理协议 — through the real binary: a snapshot of each
//! for the example, the DPA's values equal to the contract's over many drafts, citations that
//! name the contract's own clauses, and a plain refusal where a document has no use.

#![allow(clippy::expect_used, clippy::unwrap_used)] // tests fail loudly by design

#[path = "support/command.rs"]
#[allow(dead_code)] // shared by the command-line tests, which use different parts
mod command;

use std::fs;
use std::path::Path;

use command::{code, example, run, stderr, stdout};
use serde_json::{Value, json};

/// The draft with the supplier's signatory acting under a power of attorney (as in the
/// example) and the buyer's too.
fn both_by_attorney(dir: &Path) -> Value {
    let mut draft = example(dir);
    draft["parties"]["buyer"]["signatory"] = json!({
        "name": "王磊", "title": "采购经理", "is_legal_rep": false,
        "poa_ref": "YG-SQ-2026-009号授权委托书", "id_number": "330106199001011234"
    });
    draft
}

/// Exports one document of `draft` to standard output.
fn document(dir: &Path, draft: &Value, name: &str) -> String {
    let path = dir.join("deal.json");
    fs::write(&path, serde_json::to_string_pretty(draft).unwrap()).unwrap();
    let out = run(&["export", "deal.json", "--document", name, "-o", "-"], dir);
    assert_eq!(code(&out), 0, "{name}: {}", stderr(&out));
    stdout(&out)
}

#[test]
fn each_companion_of_the_example() {
    let dir = tempfile::tempdir().unwrap();
    let draft = both_by_attorney(dir.path());
    for name in ["poa-buyer", "poa-supplier", "acceptance", "dpa"] {
        insta::assert_snapshot!(format!("document_{name}"), document(dir.path(), &draft, name));
    }
}

#[test]
fn the_power_of_attorney_names_the_agent_the_matters_the_authority_and_the_term() {
    let dir = tempfile::tempdir().unwrap();
    let draft = both_by_attorney(dir.path());
    // 《民法典》第一百六十五条: the agent's name, the matters, the authority and the term,
    // signed or sealed by the principal.
    let buyer = document(dir.path(), &draft, "poa-buyer");
    for part in [
        "委托人：杭州悦购电子商务有限公司",
        "受托人：王磊",
        "身份证件号码：330106199001011234",
        "一、代理事项：与上海云策信息科技有限公司洽谈、签订《新型CRM平台系统合同》（合同编号：YG-CRM-2026-017）",
        "二、代理权限",
        "三、代理期限：自本授权委托书签署之日起至2026年12月31日止",
        "委托人（盖章）：杭州悦购电子商务有限公司",
        "法定代表人（签字或者盖章）：＿＿＿＿＿＿（陈静）",
    ] {
        assert!(buyer.contains(part), "{part} missing:\n{buyer}");
    }
    let supplier = document(dir.path(), &draft, "poa-supplier");
    assert!(supplier.contains("受托人：周明") && supplier.contains("与杭州悦购电子商务有限公司洽谈"), "{supplier}");
    assert!(supplier.contains("身份证件号码：＿＿＿"), "no ID in the draft: a line to write it on");
}

#[test]
fn a_document_with_no_use_is_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut draft = example(dir.path());
    fs::write(dir.path().join("deal.json"), serde_json::to_string(&draft).unwrap()).unwrap();
    let out = run(&["export", "deal.json", "--document", "poa-buyer"], dir.path());
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("法定代表人") && stderr(&out).contains("无需授权委托书"), "{}", stderr(&out));
    draft["data"]["personal_info"] = false.into();
    fs::write(dir.path().join("deal.json"), serde_json::to_string(&draft).unwrap()).unwrap();
    let out = run(&["export", "deal.json", "--document", "dpa"], dir.path());
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("无需个人信息委托处理协议"), "{}", stderr(&out));
    assert!(!dir.path().join("deal.dpa.md").exists());
}

#[test]
fn the_default_file_names_the_document_and_every_format_works() {
    let dir = tempfile::tempdir().unwrap();
    let draft = example(dir.path());
    fs::write(dir.path().join("deal.json"), serde_json::to_string(&draft).unwrap()).unwrap();
    for format in ["markdown", "html", "docx"] {
        let out = run(&["export", "deal.json", "--document", "acceptance", "--format", format], dir.path());
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        assert!(stdout(&out).starts_with("验收确认单已导出："), "{}", stdout(&out));
    }
    for file in ["deal.acceptance.md", "deal.acceptance.html", "deal.acceptance.docx"] {
        assert!(dir.path().join(file).is_file(), "{file}");
    }
    assert!(!dir.path().join("deal.md").exists(), "the contract was not written");
}

#[test]
fn the_acceptance_form_cites_the_clauses_that_hold_what_it_says() {
    let dir = tempfile::tempdir().unwrap();
    for rounds in ["1", "2"] {
        let mut draft = example(dir.path());
        draft["acceptance"]["max_rounds"] = rounds.into();
        let contract = document(dir.path(), &draft, "contract");
        let form = document(dir.path(), &draft, "acceptance");
        // Every 「本合同第N.M款」 the form cites is a paragraph of the contract about acceptance
        // or the warranty, and the article it cites is 验收.
        let cited: Vec<String> = form
            .split("本合同第")
            .skip(1)
            .filter_map(|rest| {
                let number: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
                rest[number.len()..].starts_with('款').then_some(number)
            })
            .collect();
        assert!(cited.len() >= 3, "{form}");
        for number in cited {
            let paragraph = contract.lines().find(|l| l.starts_with(&format!("{number}　"))).unwrap_or_default();
            assert!(paragraph.contains("验收") || paragraph.contains("质保期"), "第{number}款 is {paragraph:?}");
        }
        let article = form.split("验收依据：本合同").nth(1).and_then(|r| r.split_once('、')).map(|(a, _)| a).unwrap();
        assert!(contract.contains(&format!("## {article}　验收")), "{article}");
        // One round: the form says the buyer may terminate; more: the supplier fixes within the days.
        assert_eq!(form.contains("15日内完成整改"), rounds != "1", "{form}");
    }
    let draft = example(dir.path());
    let form = document(dir.path(), &draft, "acceptance");
    for module in draft["system"]["modules"].as_array().unwrap() {
        assert!(form.contains(&format!("| {} |", module["name"].as_str().unwrap())), "每个模块都在清单里");
    }
}

/// The DPA and the contract print the same values, whatever they are.
#[test]
fn the_dpa_says_what_the_contract_says() {
    let dir = tempfile::tempdir().unwrap();
    let variants: Vec<Vec<(&str, &str, Value)>> = vec![
        vec![],
        vec![
            ("data", "return_days", json!("45")),
            ("data", "delete_days", json!("15")),
            ("data", "incident_notice_hours", json!("12")),
        ],
        vec![
            ("data", "audit_right", json!(false)),
            ("data", "processors", json!([])),
            ("data", "subprocessing_allowed", json!(true)),
        ],
        vec![(
            "data",
            "processors",
            json!([
                {"name": "阿里云计算有限公司", "role": "云服务器托管", "region": "中国境内（浙江省杭州市）", "data": "全部甲方数据"},
                {"name": "深圳市腾讯计算机系统有限公司", "role": "短信发送", "region": "中国境内（广东省深圳市）", "data": "手机号码"}
            ]),
        )],
    ];
    for variant in variants {
        let mut draft = example(dir.path());
        for (section, key, value) in &variant {
            draft[*section][*key] = value.clone();
        }
        let contract = document(dir.path(), &draft, "contract");
        let dpa = document(dir.path(), &draft, "dpa");
        let data = &draft["data"];
        let text = |key: &str| data[key].as_str().unwrap_or_default().trim_end_matches('。').to_string();
        for key in ["pi_purpose", "pi_period", "pi_method", "pi_categories", "access_control"] {
            let value = text(key);
            assert!(contract.contains(&value) && dpa.contains(&value), "{key}: {value}");
        }
        let hours = format!("在发现之时起{}小时内书面通知甲方", text("incident_notice_hours"));
        let returned = format!("后{}日内", text("return_days"));
        let deleted = format!("返还完成后{}日内", text("delete_days"));
        for phrase in [&hours, &returned, &deleted] {
            assert!(
                contract.contains(phrase.as_str()) && dpa.contains(phrase.as_str()),
                "{phrase} in both ({variant:?})"
            );
        }
        let breach = draft["breach"]["data_breach"].as_str().unwrap().trim_end_matches('。');
        assert!(contract.contains(breach) && dpa.contains(breach));
        for processor in data["processors"].as_array().unwrap() {
            let row = format!(
                "| {} | {} | {} |",
                processor["name"].as_str().unwrap(),
                processor["role"].as_str().unwrap(),
                processor["region"].as_str().unwrap()
            );
            assert!(contract.contains(&row) && dpa.contains(&row), "{row}");
        }
        assert_eq!(
            contract.contains("第三方出具的安全审计报告"),
            dpa.contains("第三方出具的安全审计报告"),
            "audit in both or neither"
        );
        // The DPA cites the contract's own articles for disputes and breach.
        for (cited, title) in [("约定的方式解决", "法律适用与争议解决"), ("的约定承担违约责任", "违约责任")]
        {
            let article = dpa.split(cited).next().and_then(|before| before.rsplit("按主合同").next()).unwrap();
            assert!(contract.contains(&format!("## {article}　{title}")), "{article} {title}");
        }
    }
}

#[test]
fn a_clause_folder_replaces_a_companion_template() {
    let dir = tempfile::tempdir().unwrap();
    let draft = both_by_attorney(dir.path());
    fs::write(dir.path().join("deal.json"), serde_json::to_string(&draft).unwrap()).unwrap();
    fs::create_dir(dir.path().join("mine")).unwrap();
    fs::write(
        dir.path().join("mine/poa.md.j2"),
        "# 授权委托书（本公司格式）\n\n受托人：{{ parties[side].signatory.name }}\n",
    )
    .unwrap();
    let out = run(&["export", "deal.json", "--document", "poa-buyer", "--clauses", "mine", "-o", "-"], dir.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stdout(&out), "# 授权委托书（本公司格式）\n\n受托人：王磊\n");
}

#[test]
fn an_empty_draft_gives_every_document_with_blanks() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("empty.json"), r#"{"schema_version": 1}"#).unwrap();
    for name in ["contract", "poa-buyer", "poa-supplier", "acceptance", "dpa"] {
        let out = run(&["export", "empty.json", "--document", name, "--allow-incomplete", "-o", "-"], dir.path());
        assert_eq!(code(&out), 0, "{name}: {}", stderr(&out));
        let text = stdout(&out);
        assert!(text.contains("【待填写"), "{name} shows its blanks");
        assert!(!text.contains("none") && !text.contains("{{"), "{name}: no template residue");
        // Without --allow-incomplete the missing values stop it, as for the contract.
        let strict = run(&["export", "empty.json", "--document", name, "-o", "-"], dir.path());
        assert_eq!(code(&strict), 1, "{name}");
    }
}
