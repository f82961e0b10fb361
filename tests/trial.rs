//! The first-user trial (`../shared/review/first-user-trial.md`), item by item: each bug
//! (B) and friction point (F) the wizard can show is replayed by keys, as the user pressed
//! them, through the real keymap. Items about the documents or other processes are tested
//! where those live (named at each).

#![allow(clippy::expect_used, clippy::unwrap_used)] // tests fail loudly by design

#[path = "support/keys.rs"]
mod keys;

use crm_contract::wizard::action::Report;
use crm_contract::wizard::app::{LaidOut, Modal, Question, Writing};
use crm_contract::wizard::update::{Effect, report};
use keys::Driver;

// B1 (a take-over gives two writers) and B10 (closing the terminal leaves the lock) are
// tested on real processes: tests/one_writer.rs. B2 (on-premise keeps SaaS hosting), F7
// (the model for a perpetual purchase) and F15 (two findings for one cause): tests/contract.rs,
// tests/contract_lints.rs and tests/review.rs. B3 (Word annex tables) and B4 (HTML borders):
// tests/formats.rs. F14 (a paste without bracketed paste spills into the next field) needs
// a real terminal's timing: tests/pty.rs `text_pasted_without_bracketed_paste_stays_in_its_field`.

#[test]
fn b1_the_wizard_that_lost_its_draft_says_so_and_offers_save_as() {
    let mut w = Driver::example();
    report(&mut w.app, Report::Lost(Some(4242)));
    assert!(matches!(w.app.modal, Modal::Confirm(Question::Lost(_))));
    assert!(w.screen().contains("4242"), "{}", w.screen());
    w.press("F2");
    assert!(matches!(w.app.modal, Modal::SaveAs { .. }), "F2 from the question opens save-as");
}

#[test]
fn b5_read_only_refuses_edits_says_so_and_quits_without_losing_anything() {
    let mut w = Driver::example();
    w.app.writing = Writing::ReadOnly;
    let before = w.value("parties.buyer.name");
    w.type_text("X");
    assert_eq!(w.value("parties.buyer.name"), before, "typing is refused");
    assert!(w.status().contains("只读"), "{}", w.status());
    assert!(w.screen().lines().next().unwrap_or_default().contains("只读"), "the title bar says 只读");
    w.press("Ctrl-Q");
    assert_eq!(w.effects.last(), Some(&Effect::Quit), "nothing was changed, so nothing is lost");
}

#[test]
fn b6_the_catalogue_key_is_offered_only_where_it_works_and_says_when_it_is_used_up() {
    let mut w = Driver::new();
    w.go_to_field("payment.milestones").press("Enter");
    assert!(!w.screen().contains("从常用模块添加"), "{}", w.screen());
    w.press("c");
    assert!(w.status().contains("没有作用"), "a key that does nothing says so: {}", w.status());
    w.press("Esc").go_to_field("system.modules").press("Enter");
    assert!(w.screen().contains("从常用模块添加"));
    let rows = |w: &Driver| w.app.draft.rows("system.modules").len();
    let mut added = 0;
    while !w.status().contains("已全部添加") {
        let before = rows(&w);
        w.press("c");
        added += rows(&w) - before;
        assert!(added < 100, "the catalogue ends");
    }
    assert!(added >= 6, "{added}");
}

#[test]
fn b7_the_preview_and_the_help_stop_at_their_last_line() {
    let mut w = Driver::example();
    w.go_to_step("system").press("Ctrl-P").idle();
    for _ in 0..20 {
        w.press("Ctrl-↓");
    }
    let screen = w.screen();
    let body: Vec<&str> = screen.lines().skip(1).take(26).collect();
    assert!(body.iter().filter(|l| l.chars().count() > 30).count() > 10, "the pane is not blank:\n{screen}");
    let at_end = w.app.preview_scroll;
    w.press("Ctrl-↑");
    assert!(w.app.preview_scroll < at_end, "one Ctrl-↑ scrolls back at once");
    w.press("Ctrl-P F1");
    for _ in 0..80 {
        w.press("↓");
    }
    let help = w.screen();
    let filled = help.lines().filter(|l| l.split('│').nth(1).is_some_and(|inside| !inside.trim().is_empty())).count();
    assert!(filled > 15, "the help is not blank:\n{help}");
}

#[test]
fn paging_the_contract_draws_the_lines_laid_out_once_and_the_same_as_laid_out_afresh() {
    let mut w = Driver::example();
    w.go_to_step("review").idle();
    for _ in 0..3 {
        if w.screen().replace(' ', "").contains("甲方（采购方）") {
            break;
        }
        w.press("Tab");
    }
    assert!(w.screen().replace(' ', "").contains("甲方（采购方）"), "the contract tab:\n{}", w.screen());
    assert!(!w.app.laid_out.lines.is_empty(), "update laid the contract out after the first frame");
    for _ in 0..3 {
        w.press("PgDn");
    }
    let from_the_laid_out_lines = w.screen();
    w.app.laid_out = LaidOut::default();
    let laid_out_afresh = w.screen();
    assert_eq!(from_the_laid_out_lines, laid_out_afresh);
    // A step's preview: the same, and a narrower terminal lays it out again for its width.
    let mut w = Driver::example();
    w.go_to_step("pricing").press("Ctrl-P").idle();
    let wide = w.screen();
    w.app.laid_out = LaidOut::default();
    assert_eq!(wide, w.screen());
    w.size(80, 24);
    let narrow = w.screen();
    assert_eq!(w.app.laid_out.width, w.app.viewport.preview.width, "laid out again for the narrower pane");
    w.app.laid_out = LaidOut::default();
    assert_eq!(narrow, w.screen(), "the lines kept for the wider pane are not used at 80 columns");
}

#[test]
fn b8_ctrl_c_quits_as_ctrl_q_does() {
    let mut w = Driver::example();
    w.press("Ctrl-C");
    assert_eq!(w.effects.last(), Some(&Effect::Quit));
    let mut w = Driver::example();
    w.type_text("改");
    w.press("Ctrl-C");
    assert!(matches!(w.app.modal, Modal::Confirm(Question::QuitUnsaved)), "unsaved: it asks");
}

#[test]
fn b9_a_long_field_shows_its_text_after_it_shrinks_and_up_stays_inside_it() {
    let mut w = Driver::new();
    w.go_to_field("implementation.buyer_duties");
    let long = "甲方应指定项目负责人并提供必要的办公条件、网络环境和测试数据，及时确认需求和验收。".repeat(12);
    w.paste(&long);
    for _ in 0..163 {
        w.press("Backspace");
    }
    let screen = w.screen();
    let shown = screen.lines().skip_while(|l| !l.contains("甲方配合事项")).nth(1).unwrap_or_default().to_string();
    assert!(shown.contains("甲方应指定"), "the first line is on screen after the text shrank:\n{screen}");
    w.press("↑");
    assert_eq!(w.focused().as_deref(), Some("implementation.buyer_duties"), "↑ moves the caret up a row first");
}

#[test]
fn f1_typing_on_an_empty_choice_filters_its_options() {
    let mut w = Driver::new();
    w.go_to_field("disputes.method");
    assert!(w.screen().contains("‹ 请选择 ›"), "an empty choice looks like one");
    w.type_text("诉").press("Enter");
    assert_eq!(w.value("disputes.method"), "litigation");
}

#[test]
fn f2_chinese_dates_and_amounts_are_understood() {
    let mut w = Driver::new();
    w.go_to_field("implementation.start_date").type_text("2026年4月1日").press("Tab");
    assert_eq!(w.value("implementation.start_date"), "2026-04-01");
    w.go_to_field("pricing.license_fee").type_text("３２万").press("Tab");
    assert_eq!(w.value("pricing.license_fee"), "320000.00");
}

#[test]
fn f3_a_field_is_cleared_in_one_key_words_go_whole_and_a_deleted_row_comes_back() {
    let mut w = Driver::example();
    w.go_to_field("parties.buyer.name").press("Ctrl-U");
    assert_eq!(w.value("parties.buyer.name"), "");
    w.type_text("每日 0.5").press("Ctrl-W");
    assert_eq!(w.value("parties.buyer.name"), "每日 ");
    w.press("Ctrl-Z");
    assert_ne!(w.value("parties.buyer.name"), "", "undo brings the name back");
    let rows = w.app.draft.rows("system.modules").len();
    w.go_to_field("system.modules").press("Enter d");
    assert_eq!(w.app.draft.rows("system.modules").len(), rows - 1);
    w.press("Ctrl-Z");
    assert_eq!(w.app.draft.rows("system.modules").len(), rows, "the deleted row is back");
    w.press("Esc F1");
    let mut help = w.screen();
    for _ in 0..10 {
        help.push_str(&w.press("PgDn").screen());
    }
    for key in ["Ctrl-U", "Ctrl-W", "Backspace", "Home"] {
        assert!(help.contains(key), "F1 lists the editing key {key}:\n{help}");
    }
}

#[test]
fn f5_tab_goes_on_to_the_next_step_and_the_focus_keeps_context_below_it() {
    let mut w = Driver::example();
    w.size(100, 30).go_to_step("parties");
    let fields = w.app.items().len();
    for _ in 0..fields {
        w.press("Tab");
    }
    assert_eq!(w.app.step, 1, "Tab on the last field went on to step 2");
    w.go_to_field("parties.supplier.signatory.name");
    let screen = w.screen();
    let rows: Vec<&str> = screen.lines().collect();
    let focus = rows.iter().position(|l| l.contains('›')).expect("a focused field");
    assert!(focus + 6 < rows.len() - 2, "lines of what comes next stay below the focus:\n{screen}");
}

#[test]
fn f6_a_new_draft_shows_no_errors_until_a_field_is_left() {
    let mut w = Driver::new();
    assert!(!w.screen().contains('✗'), "{}", w.screen());
}

#[test]
fn f8_the_preview_reads_as_the_contract_prints() {
    let mut w = Driver::example();
    w.size(120, 40).go_to_step("pricing").press("Ctrl-P").idle();
    let screen = w.screen();
    assert!(screen.contains("第六条"), "the article heading:\n{screen}");
    for mark in ["##", "**", "1\\.", "\\\n"] {
        assert!(!screen.contains(mark), "no Markdown mark {mark:?}:\n{screen}");
    }
    assert!(screen.contains("Ctrl-↓↑ 翻页"), "the pane says how it scrolls");
}

#[test]
fn f9_after_a_jump_from_a_finding_its_message_is_on_screen() {
    let mut w = Driver::example();
    w.go_to_field("pricing.license_fee").press("Ctrl-U Tab").go_to_step("review");
    let finding = w.app.findings.iter().position(|f| f.field == "pricing.license_fee").expect("a finding");
    for _ in 0..finding {
        w.press("↓");
    }
    w.press("Enter");
    assert_eq!(w.focused().as_deref(), Some("pricing.license_fee"));
    let message = w.app.findings[finding].message.clone();
    let screen = w.screen();
    assert!(screen.contains(&message.chars().take(10).collect::<String>()), "{message}\n{screen}");
}

#[test]
fn f10_a_message_does_not_quote_a_value_that_was_corrected() {
    let mut w = Driver::new();
    w.go_to_field("pricing.license_fee").type_text("abc").press("Tab Shift-Tab");
    assert!(w.screen().contains("abc"), "the message of the wrong value");
    let step_row = |screen: &str| {
        screen
            .lines()
            .filter_map(|l| l.split('│').next())
            .find(|l| l.contains("价格与付款"))
            .unwrap_or_default()
            .to_string()
    };
    let errors = |row: String| row.split('✗').nth(1).and_then(|n| n.trim().parse::<usize>().ok()).unwrap_or(0);
    let before = errors(step_row(&w.screen()));
    assert!(before >= 1, "the step counts it: {}", step_row(&w.screen()));
    w.press("Ctrl-U").type_text("320000");
    let screen = w.screen();
    assert!(!screen.lines().any(|l| l.contains('✗') && l.contains("abc")), "no stale message:\n{screen}");
    // Nor does the step list count the error the value being typed corrects (seen in tmux:
    // ✗1 stayed beside the step while the field was being fixed).
    let step = step_row(&screen);
    assert_eq!(errors(step.clone()), before - 1, "the step list waits for the field to be left: {step}");
}

/// The step list as drawn: each row's left column.
fn step_list(screen: &str) -> Vec<String> {
    screen.lines().skip(1).take(12).filter_map(|l| l.split('│').next()).map(str::to_string).collect()
}

#[test]
fn a_resumed_draft_shows_the_findings_it_showed_when_it_was_saved() {
    // Seen in tmux: a USCC warning and a step's ✗ were gone after quitting and reopening,
    // until the field was visited again.
    let mut w = Driver::new();
    w.go_to_field("parties.buyer.name").type_text("abc").press("Tab");
    w.go_to_field("pricing.license_fee").type_text("abc").press("Tab");
    let saved = w.screen();
    assert!(saved.lines().any(|l| l.contains("价格与付款") && l.contains('✗')), "{saved}");
    let mut draft = (*w.app.draft).clone();
    draft.set_resume(&w.app.resume_point());
    let mut again = Driver::on(draft);
    let reopened = again.screen();
    assert_eq!(step_list(&reopened), step_list(&saved), "the same marks:\n{saved}\n{reopened}");
    assert!(reopened.contains("abc"), "the message of the field left with a wrong value:\n{reopened}");
    // A field the earlier session never reached still waits to be left.
    let below = again.app.items().into_iter().skip(again.app.focus + 1).map(|i| i.path).collect::<Vec<_>>();
    assert!(below.iter().all(|path| !again.app.touched.contains(path)), "{below:?}");
}

#[test]
fn f11_the_lock_question_and_its_help_bar_say_the_same() {
    let mut w = Driver::example();
    w.app.modal = Modal::Confirm(Question::Locked(Some(7)));
    let screen = w.screen();
    let bar = screen.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or_default().to_string();
    for (key, word) in [("y", "接管"), ("n", "只读"), ("Esc", "退出")] {
        assert!(bar.contains(key) && bar.contains(word), "bar lacks {key} {word}: {bar}");
    }
}

#[test]
fn f4_at_80_columns_the_step_list_gives_way_and_a_finding_reads_whole() {
    let mut w = Driver::example();
    w.size(80, 24).go_to_field("pricing.license_fee").press("Ctrl-U Tab").go_to_step("review");
    let screen = w.screen();
    let message = &w.app.findings[0].message;
    let tail: String = message.chars().rev().take(6).collect::<Vec<_>>().into_iter().rev().collect();
    assert!(screen.contains(&tail), "the selected finding is whole at 80 columns ({message}):\n{screen}");
    assert!(screen.lines().nth(2).is_some_and(|l| !l.contains("合同双方")), "the step list is narrow:\n{screen}");
}

#[test]
fn f12_the_start_screen_asks_where_to_save_and_forgets_a_recent_draft_on_request() {
    use crm_contract::wizard::recent::RecentDraft;
    use crm_contract::wizard::start::{StartChoice, StartScreen};
    use std::path::PathBuf;
    let recent = RecentDraft {
        path: PathBuf::from("/tmp/old.json"),
        title: "旧稿".to_string(),
        parties: "？ ↔ ？".to_string(),
        modified: None,
    };
    let suggested = (PathBuf::from("crm-contract-draft.json"), PathBuf::from("crm-contract-example.json"));
    let mut w = Driver::start(StartScreen::new(vec![recent], Vec::new(), suggested));
    w.press("Enter");
    assert!(w.screen().contains("新草稿保存为"), "{}", w.screen());
    assert!(w.screen().contains("crm-contract-draft.json"), "a free name is offered");
    w.press("Ctrl-U").type_text("杭州悦购").press("Enter");
    assert_eq!(
        w.effects.last(),
        Some(&Effect::Open(StartChoice::Create { path: PathBuf::from("杭州悦购.json"), example: false }))
    );
    let mut w = Driver::start(StartScreen::new(
        vec![RecentDraft {
            path: PathBuf::from("/tmp/old.json"),
            title: "旧稿".to_string(),
            parties: "？ ↔ ？".to_string(),
            modified: None,
        }],
        Vec::new(),
        (PathBuf::from("a.json"), PathBuf::from("b.json")),
    ));
    w.press("↓ ↓");
    assert!(w.screen().contains("d 从列表移除"), "{}", w.screen());
    w.press("d");
    assert_eq!(w.effects.last(), Some(&Effect::Forget(PathBuf::from("/tmp/old.json"))));
    assert!(!w.screen().contains("旧稿"), "gone from the list");
}

#[test]
fn the_review_lists_findings_in_the_order_down_walks_them() {
    let mut w = Driver::new();
    w.go_to_step("review").size(200, 300);
    let screen = w.screen();
    let shown: Vec<String> = screen
        .lines()
        .filter_map(|l| l.split_whitespace().find(|word| word.len() == 7 && word.as_bytes()[3] == b'-'))
        .map(str::to_string)
        .collect();
    let walked: Vec<String> = w.app.findings.iter().map(|f| f.rule.to_string()).collect();
    assert!(walked.len() > 5, "a new draft has findings");
    assert_eq!(shown, walked, "top to bottom is the order ↓ selects");
    w.press("↓");
    assert_eq!(w.app.review_selected, 1);
}

#[test]
fn a_complete_draft_reads_as_complete_on_the_review_step() {
    // The example once the wizard has saved it, resumed on the review step (reached by
    // Ctrl-K or a finding): only step 1 seen.
    let mut draft = crm_contract::draft::example::example_draft();
    draft.set_resume(&crm_contract::draft::Resume {
        step: "review".into(),
        field: "parties.buyer.name".into(),
        visited: vec!["parties".into()],
    });
    let mut w = Driver::on(draft);
    w.size(120, 40);
    assert!(w.app.on_review());
    let screen = w.screen();
    assert!(screen.contains("完成 10/10"), "every step is done:\n{screen}");
    assert!(!screen.lines().any(|l| l.contains("系统功能") && l.contains(" ·")), "{screen}");
    // A new draft's steps still wait to be seen.
    let mut w = Driver::new();
    w.size(120, 40);
    assert!(w.screen().contains("完成 0/10"));
}

/// The trial's deal (an on-premise perpetual purchase, §1 of the report) entered from an
/// empty draft by keys alone. The report counted 363 named keys and 421 Backspaces for it
/// (784); the issue asks for at most half. Typed text is not counted, as in the report.
#[test]
fn the_trial_deal_takes_at_most_half_the_keys() {
    let mut w = Driver::new();
    w.size(100, 30);
    deal_parties(&mut w);
    deal_system(&mut w);
    deal_money(&mut w);
    deal_plan(&mut w);
    let named = w.named;
    assert!(named <= 392, "{named} named keys (the report: 784)");
    deal_is_in_the_draft(&w);
    eprintln!("the trial deal: {named} named keys, {} keys with the typed text", w.keys);
}

fn deal_parties(w: &mut Driver) {
    let buyer = [
        ("parties.buyer.name", "苏州精工机械制造有限公司"),
        ("parties.buyer.uscc", "91320506MA1MXXXX2K"),
        ("parties.buyer.legal_rep", "周建国"),
        ("parties.buyer.address", "江苏省苏州市吴中区越溪街道吴中大道1688号"),
        ("parties.buyer.contact", "孙丽"),
        ("parties.buyer.phone", "13962188765"),
        ("parties.buyer.email", "sunli@jinggong-sz.com"),
        ("parties.buyer.size", "sme"),
        ("parties.buyer.signatory.name", "周建国"),
        ("parties.buyer.signatory.title", "董事长"),
    ];
    let supplier = [
        ("parties.supplier.name", "上海云擎软件科技有限公司"),
        ("parties.supplier.uscc", "91310115MA1HXXXX7Q"),
        ("parties.supplier.legal_rep", "陈志远"),
        ("parties.supplier.address", "上海市浦东新区张江高科技园区碧波路690号"),
        ("parties.supplier.contact", "林涛"),
        ("parties.supplier.phone", "13816627788"),
        ("parties.supplier.email", "lintao@yunqing-soft.cn"),
        ("parties.supplier.bank_name", "中国银行上海张江支行"),
        ("parties.supplier.bank_account", "4567 8901 2345 6789"),
        ("parties.supplier.bank_account_name", "上海云擎软件科技有限公司"),
        ("parties.supplier.signatory.name", "林涛"),
        ("parties.supplier.signatory.title", "销售总监"),
        ("parties.supplier.signatory.is_legal_rep", "否"),
        ("parties.supplier.signatory.poa_ref", "授权委托书（云擎授〔2026〕018号）"),
    ];
    for (path, value) in buyer.iter().chain(&supplier) {
        w.fill(path, value);
    }
}

fn deal_system(w: &mut Driver) {
    let system = [
        ("system.product_name", "云擎CRM企业版"),
        ("system.version", "V5.2"),
        ("system.deployment", "on_premise"),
        ("system.user_licenses", "80"),
    ];
    for (path, value) in system {
        w.fill(path, value);
    }
    // Six modules from the catalogue, one deleted, three of our own, one moved up.
    w.go_to_field("system.modules").press("Enter");
    let rows = w.app.draft.rows("system.modules").len();
    for _ in 0..rows {
        w.press("d");
    }
    w.press("c c c c c c ↑ d");
    w.press("a").row(&["经销商门户", "经销商在线下单、查询库存与返利"]);
    w.press("a").row(&["返利核算", "按季度自动核算经销商返利"]);
    w.press("a").row(&["金蝶K/3 Cloud接口", "订单、客户与应收数据双向同步"]);
    w.press("Shift-↑ Esc");
    w.fill(
        "system.customization",
        "经销商门户、返利核算及金蝶K/3 Cloud接口的定制开发，以双方签字确认的需求规格说明书为准。",
    );
    w.fill("system.ip_owner", "buyer");
}

fn deal_money(w: &mut Driver) {
    let pricing = [
        ("pricing.license_model", "one_time"),
        ("pricing.license_fee", "68万"),
        ("pricing.implementation_fee", "320,000"),
        ("pricing.training_fee", "48000元"),
        ("pricing.training_headcount", "40"),
        ("pricing.training_hours", "24"),
    ];
    for (path, value) in pricing {
        w.fill(path, value);
    }
    w.go_to_field("pricing.other_fees").press("Enter a").row(&["定制开发费", "152000"]).press("Esc");
    w.fill("pricing.deposit", "120000");
    w.go_to_field("payment.milestones").press("Enter");
    let rows = w.app.draft.rows("payment.milestones").len();
    for _ in 0..rows {
        w.press("d");
    }
    w.press("a").row(&["初验款", "初验合格后", "15", "40"]);
    w.press("a").row(&["终验款", "终验合格后", "15", "50"]);
    w.press("a").row(&["质保金", "质保期满后", "15", "10", "是"]);
    w.press("Esc");
    w.fill("payment.retention_months", "12");
}

fn deal_plan(w: &mut Driver) {
    w.fill("implementation.start_date", "2026年4月1日").fill("implementation.go_live_date", "2026/8/31");
    w.fill("implementation.project_manager", "林涛");
    w.go_to_field("implementation.phases").press("Enter");
    let rows = w.app.draft.rows("implementation.phases").len();
    for _ in 0..rows {
        w.press("d");
    }
    let phases = [
        ["需求调研", "2026-04-01", "2026-04-30"],
        ["系统配置与定制开发", "2026-05-01", "2026-06-30"],
        ["数据迁移", "2026-07-01", "2026-07-15"],
        ["培训", "2026-07-16", "2026-07-31"],
        ["上线试运行", "2026-08-01", "2026-08-31"],
    ];
    for [name, start, end] in phases {
        w.press("a").row(&[name, start, end]);
    }
    w.press("Esc");
    w.fill("disputes.method", "litigation").fill("disputes.court", "buyer_domicile");
    w.fill("signing.place", "江苏省苏州市吴中区");
    w.fill("meta.contract_no", "JG-CRM-2026-003");
}

/// What was entered is in the draft, in the form the draft keeps.
fn deal_is_in_the_draft(w: &Driver) {
    assert_eq!(w.value("pricing.license_fee"), "680000.00");
    assert_eq!(w.value("implementation.go_live_date"), "2026-08-31");
    let modules: Vec<String> =
        w.app.draft.rows("system.modules").iter().map(|r| r["name"].as_str().unwrap_or("").to_string()).collect();
    assert_eq!(modules.len(), 8, "{modules:?}");
    assert_eq!(modules[6], "金蝶K/3 Cloud接口", "the last one moved up: {modules:?}");
    let plan: Vec<(String, String)> = w
        .app
        .draft
        .rows("payment.milestones")
        .iter()
        .map(|r| (r["name"].as_str().unwrap_or("").to_string(), r["percent"].as_str().unwrap_or("").to_string()))
        .collect();
    assert_eq!(plan, [("初验款".into(), "40".into()), ("终验款".into(), "50".into()), ("质保金".into(), "10".into())]);
    assert_eq!(w.app.draft.rows("payment.milestones")[2]["is_retention"], serde_json::json!(true));
    assert_eq!(w.app.draft.rows("implementation.phases").len(), 5);
    assert_eq!(w.app.draft.rows("pricing.other_fees")[0]["amount"], serde_json::json!("152000.00"));
    assert_eq!(w.value("parties.supplier.signatory.poa_ref"), "授权委托书（云擎授〔2026〕018号）");
    assert_eq!(w.app.draft.text("system.deployment"), Some("on_premise"));
    assert_eq!(w.app.draft.text("disputes.method"), Some("litigation"));
}

#[test]
fn a_long_start_screen_scrolls_to_the_selection_and_keeps_its_keys() {
    use crm_contract::wizard::recent::RecentDraft;
    use crm_contract::wizard::start::StartScreen;
    use std::path::PathBuf;
    let recent: Vec<RecentDraft> = (1..=30)
        .map(|n| RecentDraft {
            path: PathBuf::from(format!("/tmp/d{n}.json")),
            title: format!("第{n}稿"),
            parties: "甲 ↔ 乙".to_string(),
            modified: None,
        })
        .collect();
    let mut w = Driver::start(StartScreen::new(recent, Vec::new(), (PathBuf::from("a.json"), PathBuf::from("b.json"))));
    w.size(80, 24);
    for _ in 0..31 {
        w.press("↓");
    }
    let screen = w.screen();
    assert!(screen.contains("第30稿"), "the selected draft is on screen:\n{screen}");
    assert!(screen.contains("Ctrl-Q 退出"), "the keys stay at the bottom:\n{screen}");
    assert!(screen.contains("新型CRM平台系统合同 · 起草向导"), "the header stays:\n{screen}");
}

#[test]
fn ctrl_k_finds_a_field_by_the_pinyin_initials_of_its_label() {
    let mut w = Driver::example();
    w.go_to_step("term").press("Ctrl-K").type_text("yqwyj").press("Enter");
    assert_eq!(w.focused().as_deref(), Some("breach.supplier_delay_rate"), "乙方逾期违约金 by yqwyj");
}

#[test]
fn p2_a_long_list_says_how_many_rows_it_hides() {
    let mut w = Driver::example();
    w.go_to_field("system.modules").press("Enter");
    for _ in 0..4 {
        w.press("a Esc");
    }
    w.press("Esc");
    let rows = w.app.draft.rows("system.modules").len();
    assert!(rows > 6, "{rows}");
    assert!(w.screen().contains(&format!("还有{}行（共{rows}行）", rows - 6)), "{}", w.screen());
}

#[test]
fn p9_a_long_one_line_value_reads_whole_while_it_is_edited() {
    let mut w = Driver::example();
    let law = "中华人民共和国法律（为本合同之目的，不包括香港特别行政区、澳门特别行政区和台湾地区的法律）";
    w.size(80, 24).go_to_field("disputes.governing_law").press("Ctrl-U").type_text(law);
    let screen = w.screen();
    assert!(screen.contains("中华人民共和国法律") && screen.contains("台湾地区的法律"), "{screen}");
}

#[test]
fn p1_the_english_interface_writes_weekdays_and_rates_in_english() {
    let draft = crm_contract::draft::example::example_draft();
    let mut w = Driver::on_in(draft, crm_contract::i18n::Lang::En);
    w.go_to_field("implementation.start_date");
    let screen = w.screen();
    assert!(!screen.contains("星期"), "{screen}");
    assert!(
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
            .iter()
            .any(|d| screen.contains(d))
    );
    w.go_to_field("breach.supplier_delay_rate");
    assert!(w.screen().contains("‰ a day"), "{}", w.screen());
}
