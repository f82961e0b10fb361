//! The negotiation playbook: every position is lawful (no error of the review), each side's
//! example stays within its own floor, the supplier's example differs from the buyer's on
//! every clause where their positions differ, the wizard takes the drafter's position for
//! terms the user left at their default, and NEG-001 names a concession beyond the floor.

#![allow(clippy::expect_used, clippy::unwrap_used)] // tests fail loudly by design

#[path = "support/command.rs"]
#[allow(dead_code)] // shared by the command-line tests, which use different parts
mod command;

use std::path::PathBuf;

use command::{code, run, stderr, stdout};
use crm_contract::checks::{self, Severity};
use crm_contract::commands::example::example_drafted_by;
use crm_contract::draft::example::example_draft;
use crm_contract::i18n::Lang;
use crm_contract::playbook::{self, Side};
use crm_contract::wizard::action::Action;
use crm_contract::wizard::app::{App, Modal};
use crm_contract::wizard::update::update;

fn errors(draft: &crm_contract::draft::Draft) -> Vec<String> {
    checks::run(draft)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| format!("{} {} {}", f.rule, f.field, f.message))
        .collect()
}

#[test]
fn every_position_is_lawful_alone_and_all_together() {
    for side in Side::ALL {
        let draft = example_drafted_by(side);
        assert_eq!(errors(&draft), Vec::<String>::new(), "{side:?}'s example");
        let own_floor: Vec<_> = checks::run(&draft).into_iter().filter(|f| f.rule == "NEG-001").collect();
        assert!(own_floor.is_empty(), "{side:?} keeps its own floor: {own_floor:?}");
        // Each position on its own, on the buyer's example.
        for clause in playbook::clauses() {
            let mut draft = example_draft();
            assert!(clause.take(&mut draft, side), "{} at {side:?} fits the example", clause.id);
            assert_eq!(errors(&draft), Vec::<String>::new(), "{} at {side:?}", clause.id);
        }
    }
}

#[test]
fn the_suppliers_example_differs_where_the_positions_do_and_passes_check() {
    let dir = tempfile::tempdir().unwrap();
    for (side, file) in [("buyer", "buyer.json"), ("supplier", "supplier.json")] {
        let out = run(&["example", "--as", side, "-o", file], dir.path());
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let out = run(&["check", file], dir.path());
        assert_eq!(code(&out), 0, "{side}'s example has no error: {}", stdout(&out));
    }
    let out = run(&["diff", "buyer.json", "supplier.json"], dir.path());
    assert_eq!(code(&out), 1);
    let report = stdout(&out);
    let buyer = example_draft();
    let mut differing = 0;
    for clause in playbook::clauses() {
        let supplier = clause.position(Side::Supplier);
        let same_value = clause.value_in(&buyer).is_some_and(|v| clause.shown(&v) == clause.shown(&supplier.value));
        if same_value {
            continue;
        }
        differing += 1;
        let label = crm_contract::schema::field(&clause.field).unwrap().label.zh;
        assert!(report.contains(label), "the table lists {} ({label})", clause.id);
    }
    // The list: cap, delay and late-payment penalties, acceptance, retention, SLA,
    // suspension, custom work, termination for convenience, renewal, audit, data return.
    assert!(differing >= 12, "{differing} clauses differ");
    assert!(report.contains("乙方（供应商）起草"));
}

#[test]
fn neg_001_names_a_concession_beyond_the_drafters_floor() {
    let mut draft = example_draft();
    draft.set("breach.liability_cap", serde_json::json!("60"));
    let finding = checks::run(&draft).into_iter().find(|f| f.rule == "NEG-001").expect("beyond the buyer's floor");
    assert_eq!(finding.field, "breach.liability_cap");
    assert!(finding.message.contains("60%") && finding.message.contains("80%"), "{}", finding.message);
    // The same cap drafted by the supplier is within its floor.
    draft.set("meta.drafting_party", serde_json::json!("supplier"));
    assert!(!checks::run(&draft).iter().any(|f| f.rule == "NEG-001" && f.field == "breach.liability_cap"));
    // Neutral drafts have no floor.
    draft.set("meta.drafting_party", serde_json::json!("neutral"));
    draft.set("breach.liability_cap", serde_json::json!("10"));
    assert!(!checks::run(&draft).iter().any(|f| f.rule == "NEG-001"));
}

#[test]
fn choosing_the_drafting_side_sets_the_defaults_it_has_not_been_given() {
    let mut app = App::new(crm_contract::wizard::new_with_wizard_state(), PathBuf::from("d.json"), Lang::Zh);
    // The user set the SLA by hand; the liability cap is still empty.
    app.draft_mut().set("service.sla_percent", serde_json::json!("99.95"));
    app.edited.insert("service.sla_percent".to_string());
    while app.step < 9 {
        update(&mut app, &Action::NextStep);
    }
    let items: Vec<String> = app.items().into_iter().map(|i| i.path).collect();
    app.focus = items.iter().position(|p| p == "meta.drafting_party").expect("on the last step");
    update(&mut app, &Action::Confirm);
    assert!(matches!(app.modal, Modal::Choice { .. }));
    update(&mut app, &Action::NextField); // 甲方 → 乙方 in the list
    update(&mut app, &Action::Confirm);
    assert_eq!(app.draft.text("meta.drafting_party"), Some("supplier"));
    assert_eq!(app.draft.text("breach.liability_cap"), Some("50"), "the supplier's position");
    assert_eq!(app.draft.flag("term.auto_renew"), Some(true));
    let percents: Vec<&str> =
        app.draft.rows("payment.milestones").iter().filter_map(|r| r["percent"].as_str()).collect();
    assert_eq!(percents, ["30", "60", "10"], "the plan's preset was on a step the user went through: a choice");
    assert_eq!(app.draft.text("service.sla_percent"), Some("99.95"), "the user's own value is kept");
    let status = app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default();
    assert!(status.contains("乙方有利立场"), "{status}");
}
