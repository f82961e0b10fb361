//! `crm-contract diff OLD NEW`: the 变更对照表 with labels, articles and values as the contract
//! writes them; drafts that differ only in form are the same; the Word redline's tracked
//! changes accept to NEW's text and reject to OLD's; git shows clause-level changes through
//! the textconv the README gives.

#![allow(clippy::expect_used, clippy::unwrap_used)] // tests fail loudly by design

#[path = "support/libreoffice.rs"]
mod libreoffice;

#[path = "support/command.rs"]
#[allow(dead_code)] // shared by the command-line tests, which use different parts
mod command;

use std::fs;
use std::io::Read as _;
use std::path::Path;

use command::{code, example, run, stderr, stdout};
use crm_contract::diff::{self, redline};
use crm_contract::draft::Draft;
use crm_contract::render::Renderer;
use serde_json::{Value, json};

fn write(dir: &Path, name: &str, draft: &Value) {
    fs::write(dir.join(name), serde_json::to_string_pretty(draft).unwrap()).unwrap();
}

/// The table's rows as (条款, 原约定, 修改后).
fn rows(report: &str) -> Vec<(String, String, String)> {
    report
        .lines()
        .skip_while(|l| !l.starts_with("| 序号 | 条款 |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split(" | ").map(str::trim).collect();
            (cells[1].to_string(), cells[2].to_string(), cells[3].to_string())
        })
        .collect()
}

#[test]
fn a_draft_and_itself_or_its_reformatted_copy_say_the_same() {
    fn reversed(value: &Value) -> Value {
        match value {
            Value::Object(map) => Value::Object(map.iter().rev().map(|(k, v)| (k.clone(), reversed(v))).collect()),
            Value::Array(items) => Value::Array(items.iter().map(reversed).collect()),
            other => other.clone(),
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let draft = example(dir.path());
    write(dir.path(), "a.json", &draft);
    let out = run(&["diff", "a.json", "a.json"], dir.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("两稿约定的内容相同"));
    // Keys in another order, other spacing, the wizard somewhere else: the same contract.
    let mut shuffled = reversed(&draft);
    shuffled["wizard"] = json!({"step": 7, "field": "acceptance.review_days"});
    fs::write(dir.path().join("b.json"), serde_json::to_string(&shuffled).unwrap()).unwrap();
    let out = run(&["diff", "a.json", "b.json"], dir.path());
    assert_eq!(code(&out), 0, "{}\n{}", stdout(&out), stderr(&out));
}

#[test]
fn ten_changes_each_in_the_table_as_the_contract_writes_them() {
    let dir = tempfile::tempdir().unwrap();
    let old = example(dir.path());
    let mut new = old.clone();
    new["pricing"]["license_fee"] = json!("40000.00");
    new["disputes"]["arbitration_commission"] = json!("上海国际仲裁中心");
    new["system"]["deployment"] = json!("hybrid");
    new["system"]["hybrid_scope"] = json!("客户数据存储于甲方机房，其余部分由乙方托管。");
    new["implementation"]["go_live_date"] = json!("2027-03-05");
    new["term"]["auto_renew"] = json!(true);
    new["payment"]["milestones"][0]["percent"] = json!("40");
    new["payment"]["milestones"][1]["percent"] = json!("50");
    let modules = new["system"]["modules"].as_array_mut().unwrap();
    modules.swap(0, 1);
    modules.push(json!({"name": "移动端", "description": "支持手机端查看客户信息。"}));
    new["data"]["processors"].as_array_mut().unwrap().clear();
    write(dir.path(), "old.json", &old);
    write(dir.path(), "new.json", &new);
    let out = run(&["diff", "old.json", "new.json"], dir.path());
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let report = stdout(&out);
    let table = rows(&report);
    let has = |clause: &str, old: &str, new: &str| {
        assert!(
            table.iter().any(|(c, o, n)| c.contains(clause) && o == old && n == new),
            "no row {clause}: {old} → {new} in\n{report}"
        );
    };
    has("第六条　合同价款 · 许可费（元/期）", "¥36,000.00（人民币叁万陆仟元整）", "¥40,000.00（人民币肆万元整）");
    has("第六条　合同价款 · 合同总价", "¥150,000.00（人民币壹拾伍万元整）", "¥162,000.00（人民币壹拾陆万贰仟元整）");
    has(
        "付款 · 付款节点 第1行「预付款」 · 金额",
        "¥45,000.00（人民币肆万伍仟元整）",
        "¥64,800.00（人民币陆万肆仟捌佰元整）",
    );
    has("法律适用与争议解决 · 仲裁委员会", "杭州仲裁委员会", "上海国际仲裁中心");
    has("合同标的 · 部署方式", "云端SaaS", "混合部署");
    has("合同标的 · 云端与本地的划分", "（无）", "客户数据存储于甲方机房，其余部分由乙方托管。");
    has("实施与交付 · 上线日期", "2027年2月26日", "2027年3月5日");
    has("合同期限、续约与终止 · 自动续约", "否", "是");
    has("付款 · 付款节点 第1行「预付款」 · 比例（%）", "30%", "40%");
    has("付款 · 付款节点 第2行「上线款」 · 比例（%）", "60%", "50%");
    has("功能模块 第2行「销售机会管理」", "第2行", "移至第1行");
    has("功能模块 第7行「移动端」", "（新增）", "模块名称：移动端；功能描述：支持手机端查看客户信息。");
    has(
        "受托处理方清单 第1行「阿里云计算有限公司」",
        "受托方名称：阿里云计算有限公司；处理事项：云服务器、数据库与对象存储托管；处理地点：中国境内（浙江省杭州市）；涉及的数据：全部甲方数据（加密存储）",
        "（删除）",
    );
    // The redline strikes and inserts inside the changed clause, not the whole paragraph.
    assert!(report.contains("~~杭州仲裁委员会~~**上海国际仲裁中心**"), "{report}");
    // The findings the change adds: a hybrid deployment without an SLA part, and so on — at
    // least the list of risks is there, and the table counts every row.
    assert!(report.contains("## 风险变化"));
    assert!(report.contains(&format!("共{}处变更", table.len())));
}

#[test]
fn an_unreadable_draft_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.json", &example(dir.path()));
    fs::write(dir.path().join("bad.json"), "{ not json").unwrap();
    assert_eq!(code(&run(&["diff", "a.json", "bad.json"], dir.path())), 2);
    assert_eq!(code(&run(&["diff", "missing.json", "a.json"], dir.path())), 2);
}

/// The paragraphs of a .docx as Word shows them with every change accepted (`accept`) or
/// rejected: text in `w:ins` counts only when accepting, `w:delText` only when rejecting.
fn paragraphs(docx: &[u8], accept: bool) -> Vec<String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    archive.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut out, mut current) = (Vec::new(), String::new());
    let (mut in_ins, mut in_del, mut in_text) = (false, false, false);
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Start(e) => match e.name().as_ref() {
                b"w:ins" => in_ins = true,
                b"w:del" => in_del = true,
                b"w:t" | b"w:delText" => in_text = true,
                _ => {}
            },
            quick_xml::events::Event::End(e) => match e.name().as_ref() {
                b"w:ins" => in_ins = false,
                b"w:del" => in_del = false,
                b"w:t" | b"w:delText" => in_text = false,
                b"w:p" => {
                    if !current.trim().is_empty() {
                        out.push(std::mem::take(&mut current));
                    }
                    current.clear();
                }
                _ => {}
            },
            quick_xml::events::Event::Text(t) if in_text && (if accept { !in_del } else { !in_ins }) => {
                current.push_str(&t.decode().unwrap());
            }
            // Entities (&amp;) as written: both sides are read alike.
            quick_xml::events::Event::GeneralRef(r) if in_text && (if accept { !in_del } else { !in_ins }) => {
                current.push('&');
                current.push_str(&r.decode().unwrap());
                current.push(';');
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    out
}

#[test]
fn the_word_redline_accepts_to_the_new_contract_and_rejects_to_the_old() {
    let dir = tempfile::tempdir().unwrap();
    let old = example(dir.path());
    let mut new = old.clone();
    new["meta"]["drafting_party"] = json!("supplier");
    new["breach"]["liability_cap"] = json!("50");
    new["service"]["sla_percent"] = json!("99.5");
    new["system"]["modules"].as_array_mut().unwrap().remove(2);
    new["other"] = json!({"terms": "本合同未尽事宜，双方另行协商。"});
    write(dir.path(), "old.json", &old);
    write(dir.path(), "new.json", &new);
    let out = run(&["diff", "old.json", "new.json", "--format", "docx"], dir.path());
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let redline = fs::read(dir.path().join("new.redline.docx")).expect("beside NEW by default");
    let xml = {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&redline)).unwrap();
        let mut xml = String::new();
        archive.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
        xml
    };
    assert!(xml.contains("<w:ins w:id=") && xml.contains("<w:del w:id=") && xml.contains("<w:delText"));
    assert!(xml.contains(r#"w:author="乙方（上海云策信息科技有限公司）""#), "the drafting side made the changes");
    // Each version as the redline writes it: its Markdown, numbers as text, in Word (the
    // contract's own export numbers with Word's numbering instead, tested in formats.rs).
    let renderer = crm_contract::render::Renderer::built_in().unwrap();
    for (name, draft) in [("old", &old), ("new", &new)] {
        let draft = crm_contract::draft::Draft::from_json(&draft.to_string()).unwrap();
        let markdown = renderer.render(&draft).unwrap();
        let tree = crm_contract::document::parse(&markdown, &[], crm_contract::document::Meta::default());
        let bytes = crm_contract::formats::docx::document(&tree, &crm_contract::formats::docx::Options::default());
        fs::write(dir.path().join(format!("{name}.docx")), bytes).unwrap();
    }
    let plain = |name: &str| paragraphs(&fs::read(dir.path().join(name)).unwrap(), true);
    let differing = |a: Vec<String>, b: Vec<String>| -> Vec<(String, String)> {
        let n = a.len().max(b.len());
        (0..n)
            .map(|i| (a.get(i).cloned().unwrap_or_default(), b.get(i).cloned().unwrap_or_default()))
            .filter(|(x, y)| x != y)
            .take(3)
            .collect()
    };
    assert_eq!(differing(paragraphs(&redline, true), plain("new.docx")), vec![], "accept all → NEW");
    assert_eq!(differing(paragraphs(&redline, false), plain("old.docx")), vec![], "reject all → OLD");
    libreoffice_opens(dir.path(), "new.redline.docx");
    libreoffice_resolves_to_either_contract(dir.path());
}

/// In LibreOffice, 「接受全部修订」 on the redline gives the text LibreOffice reads from NEW's
/// Word export, and 「拒绝全部修订」 OLD's — line for line, no empty paragraph left over.
fn libreoffice_resolves_to_either_contract(dir: &Path) {
    let Some(soffice) = libreoffice::soffice() else { return };
    let redline = dir.join("new.redline.docx");
    for (accept, contract) in [(true, "new.docx"), (false, "old.docx")] {
        let Some(resolved) = libreoffice::resolved_text(&soffice, dir, &redline, accept) else { return };
        let Some(expected) = libreoffice::text(&soffice, dir, &dir.join(contract)) else { return };
        let (resolved, expected): (Vec<&str>, Vec<&str>) = (resolved.lines().collect(), expected.lines().collect());
        let first = (0..resolved.len().max(expected.len())).find(|i| resolved.get(*i) != expected.get(*i));
        assert_eq!(
            first.map(|i| (i, resolved.get(i).copied(), expected.get(i).copied())),
            None,
            "{} all in LibreOffice gives {contract}",
            if accept { "accept" } else { "reject" }
        );
    }
}

/// LibreOffice opens the redline and prints both versions' text (deletions struck through),
/// when it is installed.
fn libreoffice_opens(dir: &Path, name: &str) {
    let Some(soffice) = libreoffice::soffice() else { return };
    let out = std::process::Command::new(soffice)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(dir.join(name))
        .env("HOME", dir)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let pdf = dir.join(name.replace(".docx", ".pdf"));
    assert!(fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    if let Some(pdftotext) = libreoffice::which("pdftotext") {
        let text = std::process::Command::new(pdftotext).arg(&pdf).arg("-").output().expect("runs");
        let text = String::from_utf8_lossy(&text.stdout);
        assert!(text.contains("本合同未尽事宜"), "the inserted clause is shown");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 24, ..Default::default() })]

    /// For any two drafts made by changing fields of the example: `diff` never fails, and
    /// accepting every change of the redline gives NEW's contract, rejecting them OLD's.
    #[test]
    fn the_redline_always_resolves_to_either_contract(
        edits in proptest::collection::vec((0usize..12, 0usize..4), 0..6),
    ) {
        const PATHS: [&str; 12] = [
            "breach.liability_cap", "data.return_days", "disputes.method", "system.deployment",
            "payment.milestones", "system.modules", "term.auto_renew", "acceptance.max_rounds",
            "other.terms", "pricing.license_model", "data.personal_info", "service.sla_percent",
        ];
        let values = |path: &str, pick: usize| -> Value {
            match path {
                "breach.liability_cap" | "service.sla_percent" => json!(["50", "99.5", "", "100"][pick]),
                "data.return_days" | "acceptance.max_rounds" => json!(["1", "60", "", "3"][pick]),
                "disputes.method" => json!(["litigation", "arbitration", "", "litigation"][pick]),
                "system.deployment" => json!(["on_premise", "hybrid", "saas", ""][pick]),
                "payment.milestones" | "system.modules" => json!([]),
                "term.auto_renew" | "data.personal_info" => json!(pick.is_multiple_of(2)),
                "pricing.license_model" => json!(["one_time", "annual", "monthly", ""][pick]),
                _ => json!(["乙方有权调整价格。", "双方另行协商。", "", "|表格|"][pick]),
            }
        };
        let example: Value = serde_json::from_str(&crm_contract::draft::example::example_draft().to_json()).unwrap();
        let mut new = example.clone();
        for (path, pick) in edits {
            let (section, key) = PATHS[path].split_once('.').unwrap();
            new[section][key] = values(PATHS[path], pick);
        }
        let old = Draft::from_json(&example.to_string()).unwrap();
        let new = Draft::from_json(&new.to_string()).unwrap();
        let renderer = Renderer::built_in().unwrap();
        let comparison = diff::compare(&old, &new, &renderer).unwrap();
        let old_text = renderer.render(&old).unwrap();
        let new_text = renderer.render(&new).unwrap();
        // A line whose text was all deleted keeps its structure (pipes, `#`, `**`): empty.
        let keep = |t: &str| t.lines().filter(|l| !l.chars().all(|c| "|#* ".contains(c))).map(str::to_string).collect::<Vec<_>>();
        let first_difference = |a: Vec<String>, b: Vec<String>| {
            (0..a.len().max(b.len())).find(|i| a.get(*i) != b.get(*i)).map(|i| (a.get(i).cloned(), b.get(i).cloned()))
        };
        if comparison.is_same() {
            proptest::prop_assert!(old_text == new_text, "same drafts, different contracts");
        } else {
            let accepted = first_difference(keep(&redline::resolve(&comparison.redline.full, true)), keep(&new_text));
            proptest::prop_assert!(accepted.is_none(), "accept: {:?}", accepted);
            let rejected = first_difference(keep(&redline::resolve(&comparison.redline.full, false)), keep(&old_text));
            proptest::prop_assert!(rejected.is_none(), "reject: {:?}", rejected);
        }
    }
}

/// git shows a draft's history as clause-level changes through the README's lines.
#[test]
fn git_diff_shows_changed_clauses_through_the_textconv() {
    let Ok(git) = std::process::Command::new("git").arg("--version").output() else {
        eprintln!("skipped: git is not installed");
        return;
    };
    assert!(git.status.success());
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    let binary = env!("CARGO_BIN_EXE_crm-contract");
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args(args)
            .current_dir(repo)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", repo)
            .output()
            .expect("git runs");
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    git(&["init", "-q"]);
    git(&["config", "user.email", "t@example.com"]);
    git(&["config", "user.name", "t"]);
    fs::write(repo.join(".gitattributes"), "*.json diff=crm-contract\n").unwrap();
    git(&["config", "diff.crm-contract.textconv", &format!("{binary} export --allow-incomplete -o -")]);
    let mut draft = example(repo);
    write(repo, "deal.json", &draft);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "buyer's draft"]);
    draft["disputes"]["arbitration_commission"] = json!("上海国际仲裁中心");
    write(repo, "deal.json", &draft);
    let shown = git(&["diff", "--word-diff=plain", "deal.json"]);
    assert!(
        shown.contains("[-杭州仲裁委员会，-]{+上海国际仲裁中心，+}") || shown.contains("上海国际仲裁中心"),
        "{shown}"
    );
    assert!(shown.contains("按照申请仲裁时该机构现行有效的仲裁规则"), "the clause, not JSON: {shown}");
    assert!(!shown.contains("\"arbitration_commission\""), "{shown}");
}
