//! The exported contract: snapshots, determinism, the template ↔ field-table contract,
//! clause switching on the draft, and the draft file's round trip.

#![allow(clippy::expect_used, clippy::unwrap_used)] // tests fail loudly by design

use crm_contract::draft::Draft;
use crm_contract::render::context::{DERIVED_PATHS, DERIVED_ROW_KEYS};
use crm_contract::render::{Renderer, built_in};
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

/// The whole exports a reviewer reads: besides the example and the empty draft, one for each
/// way the switches reshape the contract most.
#[test]
fn whole_export_snapshots() {
    let on_premise = with(&[
        ("system.deployment", json!("on_premise")),
        ("pricing.license_model", json!("one_time")),
        ("pricing.license_fee", json!("120000")),
        ("pricing.license_periods", Value::Null),
        ("pricing.license_tax_rate", json!("13")),
        ("system.ip_owner", json!("buyer")),
        ("system.source_escrow", json!(true)),
        (
            "system.license_scope",
            json!(
                "非独占、不可转让的永久使用许可，限于甲方及其员工在中国境内为甲方内部经营目的使用，授权用户数以本合同约定为准。"
            ),
        ),
        ("service.sla_percent", Value::Null),
        ("service.sla_credit", Value::Null),
        ("data.processors", Value::Null),
        ("data.rpo_hours", Value::Null),
        ("data.rto_hours", Value::Null),
        ("implementation.project_manager", json!("孙立")),
    ]);
    let hybrid = with(&[
        ("system.deployment", json!("hybrid")),
        ("system.hybrid_scope", json!("客户服务工单模块由乙方云端托管，其余模块及全部客户数据部署于甲方服务器")),
        ("system.source_escrow", json!(false)),
    ]);
    let litigation = with(&[
        ("disputes.method", json!("litigation")),
        ("disputes.court", json!("buyer_domicile")),
        ("disputes.arbitration_commission", Value::Null),
    ]);
    let no_personal_information = with(&[
        ("data.personal_info", json!(false)),
        ("data.pi_purpose", Value::Null),
        ("data.pi_categories", Value::Null),
        ("data.pi_method", Value::Null),
        ("data.pi_period", Value::Null),
    ]);
    for (name, draft) in [
        ("on_premise_perpetual_buyer_owns_custom_work", on_premise),
        ("hybrid", hybrid),
        ("litigation", litigation),
        ("no_personal_information", no_personal_information),
    ] {
        insta::assert_snapshot!(name, render(&draft));
    }
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
    for (name, source) in built_in() {
        env.add_template(name, source).expect("compiles");
    }
    let known = |path: &str| {
        schema::field(path).is_some()
            || DERIVED_PATHS.contains(&path)
            || schema::all_fields().any(|(_, f)| f.path.starts_with(&format!("{path}.")))
            || DERIVED_PATHS.iter().any(|d| d.starts_with(&format!("{path}.")))
    };
    for (name, _) in built_in() {
        let template = env.get_template(name).expect("loads");
        for variable in template.undeclared_variables(true) {
            // `num` numbers the articles: the master template makes it with `numbering()`
            // and every clause uses it. `namespace()` is minijinja's own, to carry a value out of a loop.
            // A companion document reads the contract's clause numbers (`contract_clauses`),
            // and the power of attorney the side its master sets. `blank()` prints a blank a
            // template writes itself.
            let rendering = ["num", "numbering", "namespace", "contract_clauses", "side", "blank"];
            if rendering.contains(&variable.as_str())
                || variable.starts_with("num.")
                || variable.starts_with("contract_clauses.")
            {
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
        let source = built_in().find(|(n, _)| *n == name).map(|(_, s)| *s);
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
    assert!(
        on_premise
            .contains("更新服务费按每个服务年度¥5,000.00（大写：人民币伍仟元整）计，共3个服务年度，合计¥15,000.00")
    );
    assert!(on_premise.contains("已计入本合同总价"), "S1-9: paid updates are inside the total");
    assert!(on_premise.contains("本合同总价为¥165,000.00"), "S1-9: 150,000 + 3 × 5,000");
    assert!(on_premise.contains("（二）版本更新服务费：¥15,000.00"));
    assert!(!on_premise.contains("可用率不低于99.9%"), "no SaaS service level for on-premise");
    // On premises the system and the data are the buyer's: unpaid fees suspend support,
    // never the system (no remote switch-off, no licence key that lapses).
    assert!(
        on_premise.contains(
            "暂停提供技术支持和维护服务，但不得以远程关闭、使软件许可密钥失效或者其他任何方式停用、限制本系统"
        )
    );
    assert!(!on_premise.contains("暂停期间，乙方应妥善保存"), "the supplier holds no data to keep");

    let no_training =
        render(&with(&[("pricing.training_fee", json!("0")), ("pricing.training_headcount", Value::Null)]));
    assert!(no_training.contains("（三）培训费：已包含在实施费中，不另行收取；"), "S3: no ¥0.00 fee");
    assert!(!no_training.contains("培训20人"));

    let no_updates = render(&with(&[("system.updates.provided", json!(false))]));
    assert!(no_updates.contains("不负有提供版本更新的义务"));

    let monthly = render(&with(&[
        ("pricing.license_model", json!("monthly")),
        ("pricing.license_fee", json!("3000")),
        ("pricing.license_periods", json!("36")),
    ]));
    assert!(monthly.contains("订阅服务费：按每个服务月度¥3,000.00（大写：人民币叁仟元整）计，共36个服务月度"));
    assert!(monthly.contains("按第七条的约定支付"), "periodic fees are paid as the payment article says");

    let no_personal_info = render(&with(&[("data.personal_info", json!(false))]));
    assert!(no_personal_info.contains("甲方不通过本系统委托乙方处理个人信息"));
    assert!(!no_personal_info.contains("个人信息的种类"));
    assert!(
        no_personal_info.contains("未经甲方书面同意，乙方不得委托他人处理甲方数据"),
        "sub-processing stays restricted for all 甲方数据 without personal information"
    );
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
    use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};
    let hostile = with(&[
        ("parties.buyer.name", json!("# 标题 | <script>x</script> [链接](http://a)")),
        ("other.terms", json!("- 列表\n\n1. 编号\n```\n代码")),
    ]);
    let text = render(&hostile);
    // Mid-line, a # opens nothing; everything that could is escaped.
    assert!(text.contains("**：# 标题 \\| \\<script\\>x\\</script\\> \\[链接\\](http://a)"), "{text}");
    assert!(text.contains("：- 列表\\\n1\\. 编号\\\n\\`\\`\\`\\\n代码"), "a line a value starts is escaped");
    // Read back, the values make no HTML, link, code, list or heading of their own.
    let headings = text.lines().filter(|l| l.starts_with('#')).count();
    for event in Parser::new_ext(&text, Options::ENABLE_TABLES) {
        let made_by_a_value = match &event {
            Event::Html(_) | Event::InlineHtml(_) | Event::Start(Tag::CodeBlock(_) | Tag::List(_)) => true,
            // The parties' e-mail addresses are autolinks, on purpose.
            Event::Start(Tag::Link { link_type, .. }) => *link_type != LinkType::Email,
            _ => false,
        };
        assert!(!made_by_a_value, "{event:?}");
    }
    let parsed = Parser::new_ext(&text, Options::ENABLE_TABLES)
        .filter(|e| matches!(e, Event::Start(Tag::Heading { .. })))
        .count();
    assert_eq!(parsed, headings, "no heading but the lines that start with #");
}

/// The items of the legal review (§2) fixed so far, each as a property of the rendered text
/// of the drafts that showed it.
#[test]
fn the_legal_review_items_hold() {
    let example = render(&example());
    // S1-2: SaaS support runs for the whole subscription; no free period on SaaS.
    assert!(example.contains("在服务期限内，乙方持续提供本条约定的售后服务和技术支持，其费用已包含在订阅服务费中"));
    assert!(!example.contains("免费服务期"), "S1-2");
    let on_premise = render(&with(&[("system.deployment", json!("on_premise"))]));
    assert!(
        on_premise.contains("（以下简称“免费服务期”）") && on_premise.contains("免费服务期满后，甲方需要继续服务的")
    );
    let on_premise_no_free =
        render(&with(&[("system.deployment", json!("on_premise")), ("service.free_months", json!("0"))]));
    assert!(!on_premise_no_free.contains("免费服务期"), "S1-18: a zero stops the clause");
    // S1-3: prepaid periodic fees come back pro rata on any termination not caused by the buyer.
    assert!(example.contains("本合同因甲方违约以外的原因在服务期限届满前解除或者终止的，乙方应在解除或者终止之日起15日内，按剩余服务期限占全部服务期限的比例，向甲方退还甲方已预付的订阅服务费"));
    assert!(example.contains("已累计的服务可用率抵扣金额"));
    let one_time =
        render(&with(&[("system.deployment", json!("on_premise")), ("pricing.license_model", json!("one_time"))]));
    assert!(!one_time.contains("按剩余服务期限占全部服务期限的比例"), "a buy-out has no periods to refund");
    // S1-5: the training ban has no exception and covers de-identified data.
    assert!(example.contains("在任何情况下，乙方不得将甲方数据（包括经去标识化或者匿名化处理的数据）用于训练"));
    assert!(!example.contains("为履行本合同所必需的除外"), "S1-5");
    // S1-8 / S2-2: a subscription is a service fee per service year, a one-time licence a buy-out.
    assert!(example.contains("（一）订阅服务费：按每个服务年度¥36,000.00"));
    assert!(one_time.contains("为本系统永久使用许可的一次性许可费（买断）"));
    assert!(!one_time.contains("一次性支付"), "S1-8: never worded as one payment and paid as three");
    // S1-13: the cloud part of a hybrid keeps its service level.
    let hybrid = render(&with(&[("system.deployment", json!("hybrid"))]));
    assert!(hybrid.contains("本系统由乙方托管的云端部分每月可用率不低于99.9%"), "S1-13");
    // S1-16: the late-payment exemption needs a missing invoice or a written, reasoned objection.
    assert!(!example.contains("存在争议的除外"));
    assert!(example.contains("无异议部分，甲方仍应按期支付"), "S1-16");
    // S1-17: renewal without an undefined "本期价格"; silence is no renewal.
    let auto = render(&with(&[("term.auto_renew", json!(true))]));
    assert!(!auto.contains("本期价格") && !auto.contains("按原条件"), "S1-17");
    assert!(auto.contains("不高于本合同最后一个服务年度的同项费用，不包括实施费、培训费等一次性费用"));
    assert!(auto.contains("续期年度不再适用本合同的实施、验收和付款节点约定"));
    assert!(example.contains("任何一方的沉默均不视为同意续约"));
    // S1-18: switched-off features leave no sentence behind.
    let no_trial = render(&with(&[("acceptance.trial_days", Value::Null)]));
    assert!(!no_trial.contains("试运行期间"), "S1-18: no trial run, no sentence about it");
    let onsite_only = render(&with(&[("service.remote", json!(false))]));
    assert!(!onsite_only.contains("远程方式无法解决的"), "S1-18: no remote maintenance to fail");
    assert!(!example.contains("并按本合同约定承担违约责任"), "S1-18: no penalty that is agreed nowhere");
    // S1-19: processors' acts are the supplier's own (民法典第五百九十三条).
    let subprocessing = render(&with(&[("data.subprocessing_allowed", json!(true))]));
    assert!(!subprocessing.contains("连带责任"));
    assert!(subprocessing.contains("受托方的处理行为视为乙方的行为，由乙方向甲方承担责任"), "S1-19");
    // S1-21: the place of performance is defined when it founds jurisdiction.
    let performance =
        render(&with(&[("disputes.method", json!("litigation")), ("disputes.court", json!("performance_place"))]));
    assert!(performance.contains("为本合同之目的，合同履行地为甲方住所地"), "S1-21");
    // S1-22: repair times are natural hours, whatever the hotline's hours.
    let h5x8 = render(&with(&[("service.hotline", json!("h5x8"))]));
    assert!(h5x8.contains("以自然小时计算，自甲方报障之时起算，不受热线服务时间的限制"), "S1-22");
    // S2-5: the addresses hold in every stage of the proceedings.
    let litigation =
        render(&with(&[("disputes.method", json!("litigation")), ("disputes.court", json!("buyer_domicile"))]));
    assert!(litigation.contains("一审、二审、再审和执行程序中相关文书的送达"), "S2-5");
    assert!(!example.contains("联系电话和电子邮箱为双方的送达地址"), "S2-5: a phone number is not an address");
    // S2-6: confidentiality exceptions.
    assert!(
        example.contains("或者非因接收方的原因而公开的信息") && example.contains("未使用对方保密信息而独立开发的信息")
    );
    // S1-6: the deposit is credited to the last instalment that can take it, shown in 附件二,
    // and 定金 and 违约金 are alternatives (民法典第五百八十八条).
    let deposit = render(&with(&[("pricing.deposit", json!("20000"))]));
    assert!(
        deposit.contains("定金在甲方支付附件二所列第2期款项时抵作该期价款"),
        "the 15,000 retention cannot take 20,000"
    );
    assert!(deposit.contains("甲方已付的定金¥20,000.00（大写：人民币贰万元整）（第6.4款）在第2期款项中抵作价款"));
    assert!(deposit.contains("对方可以选择适用违约金条款或者定金条款，但二者不得同时适用"), "S1-6");
    // S1-15: the warranty stands on its own, with or without a retention.
    let mut no_retention = with(&[("system.deployment", json!("on_premise"))]);
    let rows: Vec<Value> = no_retention
        .rows("payment.milestones")
        .iter()
        .map(|row| {
            let mut row = row.clone();
            row["is_retention"] = json!(false);
            row
        })
        .collect();
    no_retention.set("payment.milestones", Value::Array(rows));
    let no_retention = render(&no_retention);
    assert!(
        no_retention.contains("质保期为12个月，自本系统终验合格之日起算。质保期内，乙方应免费修复本系统的缺陷"),
        "S1-15"
    );
    assert!(!no_retention.contains("无息支付质保金"), "no retention, no sentence about paying it");
    // S1-4: a hosted SaaS names its processors in an annex; the list is the buyer's consent,
    // changes need notice and may be objected to.
    assert!(example.contains("甲方同意乙方委托附件四《受托处理方清单》所列第三方（以下简称“受托方”）"));
    assert!(example.contains("应至少提前30日书面通知甲方") && example.contains("甲方提出异议的，乙方不得使用该受托方"));
    assert!(example.contains("## 附件四：受托处理方清单") && example.contains("| 1 | 阿里云计算有限公司 |"));
    assert!(example.contains("附件三《实施计划》；附件四《受托处理方清单》"), "S1-4: the annex is listed");
    // S2-7: effect on the later signature, electronic signature, 骑缝章.
    assert!(example.contains("以后签署一方的签署日期为生效日期"));
    assert!(
        example.contains("可靠的电子签名与手写签名或者盖章具有同等的法律效力") && example.contains("骑缝章"),
        "S2-7"
    );
}

/// The items of §2 fixed in the second round and the clauses §2 says a careful lawyer adds,
/// each as a property of the drafts that showed the defect.
#[test]
fn the_second_round_of_review_items_holds() {
    let example = render(&example());
    // S1-8: a perpetual buy-out survives the term; a one-time SaaS fee is a prepaid subscription.
    let perpetual = render(&with(&[
        ("system.deployment", json!("on_premise")),
        ("pricing.license_model", json!("one_time")),
        ("pricing.license_fee", json!("120000")),
    ]));
    assert!(perpetual.contains("该许可为永久许可，不因服务期限届满或者本合同终止而终止"), "S1-8");
    let one_time_saas = render(&with(&[("pricing.license_model", json!("one_time"))]));
    assert!(one_time_saas.contains("为服务期限内本系统订阅服务的全部费用") && !one_time_saas.contains("永久使用许可"));
    assert!(
        one_time_saas.contains("按剩余服务期限占全部服务期限的比例"),
        "a prepaid subscription is refunded pro rata"
    );
    // S1-8: the service credit's base is defined for every price model.
    assert!(example.contains("本款所称“当月服务费”，是指当期服务年度订阅服务费的1/12"));
    assert!(!example.contains("当月许可费"));
    let monthly = render(&with(&[("pricing.license_model", json!("monthly"))]));
    assert!(monthly.contains("本款所称“当月服务费”，是指该月的订阅服务费"));
    // S1-10: with updates off, maintenance says where upgrades stand and nothing degrades.
    let no_updates = render(&with(&[("system.updates.provided", json!(false))]));
    assert!(no_updates.contains("其中的版本升级，以第2.5款的约定为准"), "S1-10");
    assert!(no_updates.contains("乙方自行实施的任何更新不得降低本系统已有的功能和性能"));
    // S1-13: a hybrid says what runs where, in the clause itself.
    let hybrid = render(&with(&[
        ("system.deployment", json!("hybrid")),
        ("system.hybrid_scope", json!("客户服务工单模块由乙方云端托管，其余模块部署于甲方服务器")),
    ]));
    assert!(hybrid.contains("云端与本地的划分为：客户服务工单模块由乙方云端托管"), "S1-13");
    assert!(!hybrid.contains("范围以附件三《实施计划》为准"));
    // A hybrid's hosted part is a subscription (S1-2 as for SaaS): its support runs for the
    // whole term; the free period and the follow-up contract are the on-premise part's.
    assert!(hybrid.contains("对于由乙方托管的云端部分，在服务期限内，乙方持续提供本条约定的售后服务和技术支持"));
    assert!(hybrid.contains("对于本地部署部分，自本系统终验合格之日起12个月内（以下简称“免费服务期”）"));
    assert!(hybrid.contains("就本地部署部分，免费服务期满后，甲方需要继续服务的"));
    assert!(hybrid.contains("但不得删除或者损毁甲方数据，也不得以任何方式停用、限制本系统的本地部署部分"));
    assert!(hybrid.contains("暂停期间，乙方应妥善保存云端部分的甲方数据"));
    let hybrid_without_free_period = render(&with(&[
        ("system.deployment", json!("hybrid")),
        ("system.hybrid_scope", json!("客户服务工单模块由乙方云端托管，其余模块部署于甲方服务器")),
        ("service.free_months", json!("0")),
    ]));
    assert!(
        hybrid_without_free_period
            .contains("对于本地部署部分，自本系统终验合格之日起，乙方按本条约定提供售后服务和技术支持")
    );
    assert!(!hybrid_without_free_period.contains("免费服务期"), "no free period, no sentence that relies on it");
    // S1-20: a transfer abroad names the recipient, the route, the assessment, notice and consent.
    let abroad = render(&with(&[
        ("data.storage_location", json!("other")),
        ("data.offshore_recipient", json!("Yunce Pte. Ltd.（新加坡）")),
        ("data.offshore_mechanism", json!("standard_contract")),
    ]));
    assert!(abroad.contains("可以向下列境外接收方提供：Yunce Pte. Ltd.（新加坡）"));
    assert!(abroad.contains("与境外接收方订立个人信息出境标准合同，进行个人信息保护影响评估"), "S1-20");
    assert!(abroad.contains("取得个人的单独同意"));
    assert!(!abroad.contains("存储于中华人民共和国境外或者可能被境外访问的，乙方应协助"), "no conditional clause");
    // S2-2: tax rates per fee type where they differ.
    let two_rates = render(&with(&[("pricing.license_tax_rate", json!("13"))]));
    assert!(two_rates.contains("订阅服务费的增值税税率为13%，其他费用的增值税税率为6%"), "S2-2");
    // S2-2 / S2-8: the term starts at go-live, the contract is in force from signing.
    assert!(
        example.contains("本合同自生效之日起至服务期限届满之日止有效。本合同的服务期限自本系统上线之日起算，共36个月")
    );
    assert!(example.contains("服务期限开始前为实施目的开通的，不另行收费"), "S2-8");
    assert!(!example.contains("开通之日"), "S2-2: no term defined and never used");
    // S2-3: the requirements specification and the powers of attorney are part of the contract.
    assert!(example.contains("经双方签字确认的需求规格说明书和依本合同签署的变更文件，亦为本合同的组成部分"));
    assert!(example.contains("授权代表签署本合同的，其授权委托书附于本合同之后"), "S2-3");
    // S3: no label before a whole sentence, no double brackets, no ¥0.00 fee, one item ending.
    assert!(!example.contains("甲方应提供下列配合：甲方应"));
    assert!(!example.contains("交接安排：合同到期"));
    assert!(!example.contains("包括：访问控制："));
    assert!(example.contains("，计算依据为15人天×2,000元/人天"));
    assert!(!example.contains("）（"), "no two brackets in a row");
    assert!(example.contains("无遗漏或错误；订单同步接口连续运行7日无数据丢失；"));
    assert!(
        example.contains("乙方授权代表的授权文件：YC-SQ-2026-118号授权委托书"),
        "the POA outside the signature cell"
    );
    // S2-4: one round means no re-test to promise and no 「仍」 after a single round.
    let one_round = render(&with(&[("acceptance.max_rounds", json!("1"))]));
    assert!(one_round.contains("验收不合格的，甲方应书面列明不合格事项，并有权解除本合同"), "S2-4");
    assert!(!one_round.contains("重新提交验收") && !one_round.contains("仍不合格"));
    assert!(example.contains("累计2次验收均不合格的") && !example.contains("经二次验收"));
    // The clauses a careful lawyer adds.
    assert!(
        example.contains("## 第一条　定义") && example.contains("“工作日”是指") && example.contains("“严重故障”是指")
    );
    assert!(example.contains("乙方可以在提前3个工作日书面通知甲方后暂停提供本服务，但不得删除或者损毁甲方数据"));
    assert!(example.contains("除本款约定的情形外，乙方不得暂停或者中止提供本服务"), "suspension only for non-payment");
    assert!(
        example
            .contains("网络攻击、计算机病毒，乙方或者其供应商（包括云服务商、电信运营商）的设备、系统故障或者服务中断")
    );
    assert!(example.contains("反商业贿赂") && example.contains("控制权变更"));
    assert!(example.contains("恢复演练") && example.contains("业务连续性和灾难恢复预案"), "business continuity");
    assert!(
        example.contains("甲方作为个人信息处理者，应依法取得处理个人信息的合法性基础"),
        "the buyer's own PI duties"
    );
    assert!(example.contains("定制开发成果作为单独的验收项目"), "custom work accepted on its own");
    assert!(example.contains("开源软件和第三方组件的清单及其许可证"));
    assert!(example.contains("乙方更换项目经理或者其他核心实施人员的，应提前10个工作日书面通知甲方并经甲方同意"));
    assert!(example.contains("增值电信业务经营许可"), "the supplier's licences");
    assert!(example.contains("第七百八十七条、第九百三十三条"), "at-will termination priced");
    let escrow = render(&with(&[("system.deployment", json!("on_premise")), ("system.source_escrow", json!(true))]));
    assert!(escrow.contains("交由双方书面认可的第三方托管机构托管"), "source-code escrow");
    assert!(!example.contains("托管机构"));
}

/// S1-7: on-premise, the buyer runs the system and is the network operator; the supplier
/// delivers media, keys and manuals, installation acceptance comes before the final one,
/// remote access has rules, and the supplier processes data only while it has access.
#[test]
fn deployment_decides_the_data_and_delivery_clauses() {
    let on_premise = render(&with(&[("system.deployment", json!("on_premise"))]));
    assert!(on_premise.contains("本系统部署于甲方的服务器环境，甲方数据由甲方存储和控制"));
    assert!(!on_premise.contains("乙方应将甲方数据存储于中华人民共和国境内"), "the supplier stores nothing");
    assert!(on_premise.contains("甲方作为本系统的网络运营者，负责本系统的网络安全等级保护定级备案和等级测评"));
    assert!(!on_premise.contains("依法完成定级备案和等级测评，并应甲方要求提供备案证明"));
    assert!(on_premise.contains("安装介质、软件许可密钥（授权文件）、安装部署手册"));
    assert!(on_premise.contains("（以下简称“初验”）") && on_premise.contains("第九条约定的终验"));
    assert!(on_premise.contains("乙方需要远程访问甲方网络或者本系统的，应事先取得甲方书面同意"));
    assert!(on_premise.contains("其因履行本合同而持有的全部甲方数据"));
    let saas = render(&example());
    assert!(saas.contains("乙方应将甲方数据存储于中华人民共和国境内"));
    assert!(!saas.contains("安装介质") && !saas.contains("初验"), "nothing to install for SaaS");
    let hybrid = render(&with(&[("system.deployment", json!("hybrid"))]));
    assert!(hybrid.contains("对于由乙方托管的云端部分，乙方应将甲方数据存储于"));
    assert!(hybrid.contains("本地部署部分的安装介质"));
}
