//! The legal review: one fixture per rule (a patch of the example) that triggers it, run
//! through the real `check --json`; the example triggers none; the clause templates pass
//! the review themselves.

#![allow(clippy::expect_used, clippy::unwrap_used)] // tests fail loudly by design

use std::path::Path;
use std::process::Command;

use crm_contract::checks::{self, RULES};
use crm_contract::draft::Draft;
use crm_contract::render::Renderer;
use serde_json::Value;

const EXAMPLE: &str = include_str!("../assets/example-draft.json");

/// Why a missing value is reported by REQ-001 alone in a draft: one cause, one finding.
const RESTATES_REQ: &str = "restates a missing required value, which a draft reports as REQ-001 alone";

/// Rules the draft's structure makes impossible to trigger, and why.
const UNREACHABLE: &[(&str, &str)] = &[
    ("PAY-002", "milestone amounts are derived from the total, never stored, so they always add up"),
    ("PTY-001", RESTATES_REQ),
    ("AMT-003", RESTATES_REQ),
    ("PAY-003", RESTATES_REQ),
    ("ACC-001", RESTATES_REQ),
    ("WAR-001", RESTATES_REQ),
    ("DSP-002", RESTATES_REQ),
    ("DSP-008", RESTATES_REQ),
    ("DAT-003", RESTATES_REQ),
    ("IP-001", RESTATES_REQ),
    ("SVC-001", RESTATES_REQ),
    ("TRM-002", RESTATES_REQ),
    ("TRM-007", RESTATES_REQ),
    ("REV-001", "reads a contract written elsewhere (`review`); tested in tests/review_command.rs"),
];

fn fixture_draft(path: &Path) -> (String, Draft) {
    let fixture: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("reads")).expect("JSON");
    let mut draft = Draft::from_json(EXAMPLE).expect("loads");
    for (field, value) in fixture["set"].as_object().expect("a set object") {
        draft.set(field, value.clone());
    }
    (fixture["rule"].as_str().expect("rule").to_string(), draft)
}

#[test]
fn every_rule_has_a_fixture_that_triggers_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut covered = Vec::new();
    let mut paths: Vec<_> =
        std::fs::read_dir("tests/fixtures/rules").expect("fixtures").map(|e| e.expect("entry").path()).collect();
    paths.sort();
    for path in paths {
        let (rule, draft) = fixture_draft(&path);
        if UNREACHABLE.iter().any(|(id, _)| *id == rule) {
            continue;
        }
        let file = dir.path().join(format!("{rule}.json"));
        crm_contract::draft::save(&file, &draft).expect("saves");
        let out = Command::new(env!("CARGO_BIN_EXE_crm-contract"))
            .args(["check", "--json"])
            .arg(&file)
            .output()
            .expect("runs");
        let stdout = String::from_utf8(out.stdout).expect("UTF-8");
        let report: Value = serde_json::from_str(&stdout).expect("one JSON object");
        let fired = report["findings"].as_array().expect("findings").iter().any(|f| f["rule"] == rule.as_str());
        assert!(fired, "{rule} did not fire: {stdout}");
        let expected_code = i32::from(report["errors"].as_u64() > Some(0));
        assert_eq!(out.status.code(), Some(expected_code), "{rule}");
        insta::assert_snapshot!(format!("rule_{rule}"), stdout);
        covered.push(rule);
    }
    for rule in RULES {
        let unreachable = UNREACHABLE.iter().any(|(id, _)| *id == rule.id);
        assert!(unreachable || covered.iter().any(|c| c == rule.id), "no fixture for {}", rule.id);
    }
}

#[test]
fn the_example_triggers_no_rule() {
    let findings = checks::run(&Draft::from_json(EXAMPLE).expect("loads"));
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn text_output_is_one_line_per_finding_and_wraps_at_80_columns_on_a_terminal() {
    let (_, draft) = fixture_draft(Path::new("tests/fixtures/rules/LIA-003.json"));
    let findings = checks::run(&draft);
    let text = crm_contract::commands::check::to_text(&findings, crm_contract::i18n::Lang::Zh);
    assert!(
        text.starts_with(
            "warning  LIA-003  other.terms  （双方风险）“本合同约定的违约金不得调整。”：约定违约金不得调整"
        ),
        "{text}"
    );
    let wrapped = crm_contract::commands::check::to_wrapped_text(&findings, crm_contract::i18n::Lang::Zh, 80);
    assert!(wrapped.lines().all(|l| unicode_width::UnicodeWidthStr::width(l) <= 80), "{wrapped}");
    insta::assert_snapshot!("check_text_wrapped_80", wrapped);
}

/// The contract the templates print passes the review it enforces on users.
#[test]
fn the_clause_templates_pass_the_review() {
    let contract =
        Renderer::built_in().expect("compiles").render(&Draft::from_json(EXAMPLE).expect("loads")).expect("renders");
    let flagged = checks::text::scan(&contract);
    assert!(flagged.is_empty(), "the contract itself trips {flagged:?}");
    let required = [
        // Arbitration names the commission.
        "任何一方均可将争议提交杭州仲裁委员会",
        // The six items of 个人信息保护法第二十一条.
        "（一）处理目的：",
        "（二）处理期限：",
        "（三）处理方式：",
        "（四）个人信息的种类：",
        "（五）保护措施：",
        "（六）双方的权利和义务：",
        // Return and deletion with deadlines, and a deletion certificate.
        "后30日内，乙方应将全部甲方数据以通用、可读的格式",
        "返还完成后30日内，乙方应删除其持有的全部甲方数据及其副本",
        "书面删除证明",
        // No sub-entrusting without written consent; incident notice.
        "未经甲方书面同意，乙方不得委托他人处理甲方数据",
        "小时内书面通知甲方",
        // The cap never covers leaks, IP, confidentiality, intent or gross negligence; in bold.
        "**除下列情形外，任何一方在本合同项下承担的赔偿责任总额不超过合同总价的100%：（一）因乙方原因导致甲方数据或者个人信息泄露",
        "（二）侵犯对方或者第三方的知识产权；（三）违反保密义务；（四）因故意或者重大过失造成对方财产损失",
        "**本合同的任何条款均不免除或者限制一方因故意或者重大过失造成对方财产损失的责任",
        // Deemed acceptance is conspicuous.
        "**甲方在第9.2款约定的期限内（包括乙方依第9.3款整改后重新提交验收的）既未组织验收，也未提出书面异议的，视为验收合格。**",
    ];
    for text in required {
        assert!(contract.contains(text), "the contract lacks {text:?}");
    }
    // A supplier's draft flags its conspicuous terms (民法典第四百九十六条) by the clauses it
    // really contains, and never says that the supplier provided the contract: that would
    // invite 第四百九十八条's reading against the very party who drafts.
    let mut supplier_draft = Draft::from_json(EXAMPLE).expect("loads");
    supplier_draft.set("meta.drafting_party", Value::from("supplier"));
    let supplier_contract = Renderer::built_in().expect("compiles").render(&supplier_draft).expect("renders");
    let flagged = checks::text::scan(&supplier_contract);
    assert!(flagged.is_empty(), "the supplier's contract trips {flagged:?}");
    assert!(supplier_contract.contains("**对本合同中以加粗字体标示的条款（第9.4款视为验收合格、第11.7款赔偿责任上限），乙方已在订立本合同时提请甲方注意"), "{supplier_contract}");
    assert!(!supplier_contract.contains("本合同由乙方提供"));
    supplier_draft.set("acceptance.deemed_accepted", Value::from(false));
    let without_deemed = Renderer::built_in().expect("compiles").render(&supplier_draft).expect("renders");
    assert!(without_deemed.contains("（第11.7款赔偿责任上限）"), "names only the clauses the contract has");
}

#[test]
fn readme_lists_every_rule() {
    let readme = include_str!("../README.md");
    for rule in RULES {
        let row = format!("| {} | {} |", rule.id, rule.severity.as_str());
        assert!(readme.contains(&row), "README misses {row}");
    }
}
