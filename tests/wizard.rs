//! The wizard without a terminal: actions drive `update` and the screens are snapshots of
//! `TestBackend` at 80×24 and 120×40.

#![allow(clippy::expect_used, clippy::unwrap_used)] // tests fail loudly by design

use std::path::PathBuf;

use crm_contract::cli::Format;
use crm_contract::draft::Draft;
use crm_contract::i18n::Lang;
use crm_contract::schema;
use crm_contract::wizard::action::Action;
use crm_contract::wizard::app::{App, Modal, Question, ReviewTab, step_count};
use crm_contract::wizard::effects::Runtime;
use crm_contract::wizard::outputs::Output;
use crm_contract::wizard::start::StartScreen;
use crm_contract::wizard::ui;
use crm_contract::wizard::update::{Effect, catch_up, update};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::json;

#[path = "support/keys.rs"]
mod keys;

const EXAMPLE: &str = include_str!("../assets/example-draft.json");

fn new_app() -> App {
    App::new(crm_contract::wizard::new_with_wizard_state(), PathBuf::from("d.json"), Lang::Zh)
}

fn example_app() -> App {
    App::new(Draft::from_json(EXAMPLE).expect("loads"), PathBuf::from("example.json"), Lang::Zh)
}

/// Each action as the event loop handles it: `update`, then (no further key waiting) the
/// deferred checks.
fn act(app: &mut App, actions: &[Action]) -> Vec<Effect> {
    actions
        .iter()
        .flat_map(|a| {
            let effects = update(app, a);
            catch_up(app);
            effects
        })
        .collect()
}

fn typed(text: &str) -> Vec<Action> {
    text.chars().map(|c| Action::Edit(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))).collect()
}

fn key(code: KeyCode) -> Action {
    Action::Edit(KeyEvent::new(code, KeyModifiers::NONE))
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal
        .draw(|frame| {
            ui::draw(frame, app);
        })
        .expect("draws");
    keys::readable(terminal.backend().buffer())
}

fn go_to(app: &mut App, step: usize) {
    while app.step < step {
        act(app, &[Action::NextStep]);
    }
}

#[test]
fn focus_starts_on_the_buyers_name_and_typing_edits_it_at_once() {
    let mut app = new_app();
    assert_eq!(app.focused().map(|i| i.path), Some("parties.buyer.name".to_string()));
    act(&mut app, &typed("北京某某科技有限公司"));
    assert_eq!(app.draft.text("parties.buyer.name"), Some("北京某某科技有限公司"));
    assert!(app.is_dirty());
    act(&mut app, &[key(KeyCode::Left), key(KeyCode::Backspace)]);
    assert_eq!(app.draft.text("parties.buyer.name"), Some("北京某某科技有限司"), "deletes one character at the caret");
    act(&mut app, &[Action::Paste("公".into())]);
    assert_eq!(app.draft.text("parties.buyer.name"), Some("北京某某科技有限公司"));
}

#[test]
fn a_field_is_checked_when_left_and_navigation_is_never_blocked() {
    let mut app = new_app();
    act(&mut app, &[Action::NextField]);
    assert!(app.touched.contains("parties.buyer.name"));
    assert!(app.findings.iter().any(|f| f.field == "parties.buyer.name" && f.rule == "REQ-001"));
    act(&mut app, &typed("9135010"));
    act(&mut app, &[Action::NextField]);
    assert!(app.findings.iter().any(|f| f.field == "parties.buyer.uscc" && f.rule == "PTY-002"));
    let effects = act(&mut app, &[Action::NextStep]);
    assert_eq!(app.step, 1, "an invalid field never blocks the next step");
    assert_eq!(effects, vec![Effect::Autosave], "a step change saves");
    act(&mut app, &[Action::PrevStep]);
    assert_eq!(app.step, 0);
}

#[test]
fn leaving_a_field_draws_at_once_and_checks_when_no_key_is_waiting() {
    let mut app = new_app();
    act(&mut app, &[Action::NextField]);
    act(&mut app, &typed("9135010"));
    update(&mut app, &Action::NextField);
    assert!(app.findings_stale, "the checks wait until no key is waiting");
    assert!(!app.findings.iter().any(|f| f.rule == "PTY-002"), "not yet re-checked");
    assert_eq!(app.focused().map(|i| i.path), Some("parties.buyer.legal_rep".to_string()), "the focus moved at once");
    let before = screen(&app, 100, 30);
    catch_up(&mut app);
    assert!(!app.findings_stale);
    assert!(app.findings.iter().any(|f| f.field == "parties.buyer.uscc" && f.rule == "PTY-002"));
    assert_ne!(screen(&app, 100, 30), before, "the message appears on the next frame");
    // The review never lists stale findings: entering it, or acting on it, re-checks first.
    app.draft_mut().set("parties.buyer.uscc", json!("91350100M000100Y43"));
    update(&mut app, &Action::NextField);
    go_to(&mut app, step_count());
    assert!(!app.findings_stale);
    assert!(!app.findings.iter().any(|f| f.rule == "PTY-002"));
}

#[test]
fn conditional_fields_appear_only_when_they_apply() {
    let mut app = new_app();
    go_to(&mut app, 8);
    let paths = |app: &App| app.items().into_iter().map(|i| i.path).collect::<Vec<_>>();
    assert!(!paths(&app).contains(&"disputes.arbitration_commission".to_string()));
    let method = paths(&app).iter().position(|p| p == "disputes.method").expect("method");
    app.focus = method;
    act(&mut app, &[Action::Confirm]);
    assert!(matches!(app.modal, Modal::Choice { .. }));
    act(&mut app, &[Action::Confirm]);
    assert_eq!(app.draft.text("disputes.method"), Some("arbitration"));
    assert!(paths(&app).contains(&"disputes.arbitration_commission".to_string()));
    act(&mut app, &[Action::ChoiceNext]);
    assert_eq!(app.draft.text("disputes.method"), Some("litigation"));
    assert!(paths(&app).contains(&"disputes.court".to_string()));
    assert!(!paths(&app).contains(&"disputes.arbitration_commission".to_string()));
}

#[test]
fn list_rows_are_added_edited_reordered_and_deleted() {
    let mut app = new_app();
    go_to(&mut app, 1);
    app.focus = app.items().iter().position(|i| i.path == "system.modules").expect("modules");
    act(&mut app, &[Action::Confirm, Action::AddFromCatalog, Action::AddFromCatalog]);
    assert_eq!(app.draft.rows("system.modules").len(), 2);
    assert_eq!(app.draft.text("system.modules[0].name"), Some("客户信息管理"));
    act(&mut app, &[Action::AddRow]);
    act(&mut app, &typed("会员积分"));
    act(&mut app, &[Action::Cancel]);
    assert_eq!(app.draft.text("system.modules[2].name"), Some("会员积分"));
    act(&mut app, &[Action::MoveRowUp, Action::MoveRowUp]);
    assert_eq!(app.draft.text("system.modules[0].name"), Some("会员积分"));
    act(&mut app, &[Action::DeleteRow]);
    assert_eq!(app.draft.rows("system.modules").len(), 2);
    act(&mut app, &[Action::Cancel]);
    assert!(app.rows.is_none());
}

#[test]
fn milestones_show_amounts_and_the_sum_against_100() {
    let mut app = example_app();
    go_to(&mut app, 3);
    app.focus = app.items().iter().position(|i| i.path == "payment.milestones").expect("milestones");
    act(&mut app, &[Action::Confirm]);
    insta::assert_snapshot!("pricing_milestones_open_80x24", screen(&app, 80, 24));
    act(&mut app, &[Action::NextField, Action::Confirm, Action::NextField, Action::NextField, Action::NextField]);
    act(&mut app, &[key(KeyCode::Backspace), key(KeyCode::Backspace)]);
    act(&mut app, &typed("50"));
    act(&mut app, &[Action::Cancel]);
    assert!(app.findings.iter().any(|f| f.rule == "PAY-001"));
    insta::assert_snapshot!("pricing_milestones_sum_90_80x24", screen(&app, 80, 24));
}

#[test]
fn review_jumps_to_the_field_of_a_finding() {
    let mut app = example_app();
    app.draft_mut().set("payment.milestones[1].percent", json!("abc"));
    go_to(&mut app, step_count());
    assert!(app.on_review());
    let index = app.findings.iter().position(|f| f.field == "payment.milestones[1].percent").expect("finding");
    app.review_selected = index;
    act(&mut app, &[Action::Confirm]);
    assert_eq!(app.section().map(|s| s.id), Some("pricing"));
    assert_eq!(app.focused().map(|i| i.path), Some("payment.milestones[1].percent".to_string()));
}

#[test]
fn checklist_is_ticked_on_the_review_step() {
    let mut app = new_app();
    go_to(&mut app, step_count());
    act(&mut app, &[Action::NextTab]);
    assert_eq!(app.review_tab, ReviewTab::Checklist);
    act(&mut app, &[Action::Toggle]);
    assert_eq!(app.draft.flag("checklist.business_license"), Some(true));
}

#[test]
fn quit_asks_only_with_unsaved_changes() {
    let mut app = new_app();
    assert_eq!(act(&mut app, &[Action::Quit]), vec![Effect::Quit]);
    act(&mut app, &typed("甲"));
    assert!(act(&mut app, &[Action::Quit]).is_empty());
    assert_eq!(app.modal, Modal::Confirm(Question::QuitUnsaved));
    assert_eq!(act(&mut app, &[Action::Yes]), vec![Effect::Save, Effect::Quit]);
}

#[test]
fn export_with_errors_asks_first() {
    let mut app = new_app();
    assert!(act(&mut app, &[Action::Export]).is_empty());
    assert_eq!(app.modal, Modal::Confirm(Question::ExportIncomplete));
    assert_eq!(act(&mut app, &[Action::Yes]), vec![Effect::Export(Output::Contract(Format::Markdown))]);
    let mut complete = example_app();
    assert_eq!(act(&mut complete, &[Action::Export]), vec![Effect::Export(Output::Contract(Format::Markdown))]);
    // The review step offers Word and HTML too.
    go_to(&mut complete, step_count());
    complete.review_selected = complete.findings.len() + 1;
    assert_eq!(act(&mut complete, &[Action::Confirm]), vec![Effect::Export(Output::Contract(Format::Docx))]);
}

#[test]
fn the_draft_remembers_where_to_resume() {
    let mut app = example_app();
    go_to(&mut app, 3);
    act(&mut app, &[Action::NextField, Action::NextField]);
    let resume = app.resume_point();
    assert_eq!(resume.step, "pricing");
    app.draft_mut().set_resume(&resume);
    let reopened = App::new(Draft::from_json(&app.draft.to_json()).expect("loads"), PathBuf::from("x.json"), Lang::Zh);
    assert_eq!(reopened.step, 3);
    assert_eq!(reopened.focused().map(|i| i.path), Some(resume.field));
}

#[test]
fn every_step_at_80x24_and_120x40() {
    for (index, section) in schema::steps().enumerate() {
        let mut app = example_app();
        go_to(&mut app, index);
        insta::assert_snapshot!(format!("step_{:02}_{}_80x24", index + 1, section.id), screen(&app, 80, 24));
        app.show_preview = true;
        Runtime::default().tick(&mut app);
        insta::assert_snapshot!(format!("step_{:02}_{}_120x40_preview", index + 1, section.id), screen(&app, 120, 40));
    }
    let mut app = example_app();
    go_to(&mut app, step_count());
    Runtime::default().tick(&mut app);
    insta::assert_snapshot!("step_11_review_80x24", screen(&app, 80, 24));
    act(&mut app, &[Action::NextTab]);
    insta::assert_snapshot!("step_11_review_checklist_120x40", screen(&app, 120, 40));
    act(&mut app, &[Action::NextTab]);
    insta::assert_snapshot!("step_11_review_preview_120x40", screen(&app, 120, 40));
}

#[test]
fn error_states_and_dialogs() {
    let mut app = new_app();
    act(&mut app, &[Action::NextField, Action::NextField, Action::NextField]);
    insta::assert_snapshot!("new_draft_with_errors_80x24", screen(&app, 80, 24));
    go_to(&mut app, step_count());
    Runtime::default().tick(&mut app);
    insta::assert_snapshot!("new_draft_review_80x24", screen(&app, 80, 24));
    act(&mut app, &[Action::Help]);
    insta::assert_snapshot!("help_80x24", screen(&app, 80, 24));
    act(&mut app, &[Action::Cancel, Action::Export]);
    insta::assert_snapshot!("export_incomplete_question_80x24", screen(&app, 80, 24));
}

#[test]
fn too_small_terminals_get_a_clear_message() {
    let app = new_app();
    let text = screen(&app, 60, 20);
    assert!(text.contains("请把终端放大到至少 80×24（现在 60×20）"), "{text}");
}

#[test]
fn english_ui() {
    let mut app = App::new(Draft::from_json(EXAMPLE).expect("loads"), PathBuf::from("example.json"), Lang::En);
    go_to(&mut app, 8);
    insta::assert_snapshot!("step_09_disputes_english_80x24", screen(&app, 80, 24));
}

#[test]
fn start_screen() {
    let app = App::start(
        StartScreen::new(
            Vec::new(),
            Vec::new(),
            (PathBuf::from("crm-contract-draft.json"), PathBuf::from("crm-contract-example.json")),
        ),
        Lang::Zh,
    );
    insta::assert_snapshot!("start_screen_80x24", screen(&app, 80, 24));
}

#[test]
fn control_characters_are_shown_as_placeholders() {
    let mut app = example_app();
    app.draft_mut().set("parties.buyer.contact", json!("王\u{1b}[2J磊"));
    let text = screen(&app, 80, 24);
    assert!(text.contains("王␛[2J磊"), "{text}");
}

/// The README's key table names every key the help bar shows.
#[test]
fn readme_lists_the_keys() {
    let readme = include_str!("../README.md");
    let section = readme.split("### Keys").nth(1).expect("a Keys section");
    for binding in crm_contract::wizard::keymap::BINDINGS.iter().filter(|b| b.hint) {
        let key = binding.key.replace("Shift-↑↓", "Shift-↑");
        assert!(section.contains(&key) || section.contains(&key.to_lowercase()), "README misses {}", binding.key);
    }
}

/// Fills the focused field with the target draft's value using only what keys do.
fn fill_focused(app: &mut App, target: &Draft) {
    let Some(item) = app.focused() else { return };
    let wanted = target.get(&item.path).cloned();
    match item.field.kind {
        schema::Kind::Bool => {
            if let Some(flag) = wanted.and_then(|v| v.as_bool()) {
                while app.draft.flag(&item.path) != Some(flag) {
                    act(app, &[Action::Toggle]);
                }
            }
        }
        schema::Kind::Choice(choices) => {
            if let Some(id) = wanted.as_ref().and_then(|v| v.as_str()) {
                for _ in 0..=choices.len() {
                    if app.draft.text(&item.path) == Some(id) {
                        break;
                    }
                    update(app, &Action::ChoiceNext);
                }
                assert_eq!(app.draft.text(&item.path), Some(id), "{}", item.path);
            }
        }
        schema::Kind::List(_) => {
            update(app, &Action::Confirm);
            while !app.draft.rows(&item.path).is_empty() {
                update(app, &Action::DeleteRow);
            }
            let rows = target.rows(&item.path).len();
            for row in 0..rows {
                update(app, &Action::AddRow);
                let columns = item.field.list().map_or(0, |l| l.columns.len());
                assert_eq!(
                    app.focused().map(|i| i.path),
                    Some(format!("{}[{row}].{}", item.path, item.field.list().expect("list").columns[0].path))
                );
                for _ in 0..columns {
                    // The row's paths are the target's paths, so the same lookup fills them.
                    fill_focused(app, target);
                    update(app, &Action::NextField);
                }
                update(app, &Action::Cancel);
            }
            update(app, &Action::Cancel);
        }
        _ => {
            let current = app.draft.raw(&item.path).unwrap_or_default().chars().count();
            for _ in 0..current {
                update(app, &key(KeyCode::Backspace));
            }
            if let Some(text) = wanted.as_ref().and_then(|v| v.as_str()) {
                act(app, &typed(text));
            }
        }
    }
}

/// The whole example entered from an empty draft with keys only gives the same contract.
#[test]
fn the_example_can_be_entered_with_the_keyboard_alone() {
    let target = Draft::from_json(EXAMPLE).expect("loads");
    let mut app = new_app();
    for step in 0..step_count() {
        assert_eq!(app.step, step);
        // Fields appear as others are filled, so the count is read again each time; Tab on
        // the step's last field goes on to the next step.
        let mut index = 0;
        while app.step == step && index < app.items().len() {
            assert_eq!(app.focus, index);
            fill_focused(&mut app, &target);
            update(&mut app, &Action::NextField);
            index += 1;
        }
        assert_eq!(app.step, step + 1, "Tab on the last field of step {step} goes on");
    }
    assert!(app.on_review());
    act(&mut app, &[Action::NextTab]);
    for _ in 0..6 {
        act(&mut app, &[Action::Toggle, Action::NextField]);
    }
    let renderer = crm_contract::render::Renderer::built_in().expect("compiles");
    let typed_contract = renderer.render(&app.draft).expect("renders");
    let expected = renderer.render(&target).expect("renders");
    let first_difference = typed_contract.lines().zip(expected.lines()).find(|(a, b)| a != b);
    assert!(typed_contract == expected, "first difference: {first_difference:?}");
    let findings = crm_contract::checks::run(&app.draft);
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn a_warning_is_accepted_with_a_reason_and_withdrawn() {
    let mut app = example_app();
    app.draft_mut().set("breach.supplier_delay_cap", json!("50"));
    go_to(&mut app, step_count());
    let index = app.findings.iter().position(|f| f.rule == "LIA-001").expect("LIA-001");
    app.review_selected = index;
    act(&mut app, &[Action::Waive]);
    assert!(matches!(app.modal, Modal::Waive { .. }));
    act(&mut app, &typed("双方确认按总价50%封顶"));
    act(&mut app, &[Action::Confirm]);
    assert_eq!(app.modal, Modal::None);
    let waivers = app.draft.waivers();
    assert_eq!(waivers.len(), 1);
    assert_eq!((waivers[0].rule.as_str(), waivers[0].reason.as_str()), ("LIA-001", "双方确认按总价50%封顶"));
    let finding = app.findings.iter().find(|f| f.rule == "LIA-001").expect("still listed");
    assert_eq!(finding.waived.as_deref(), Some("双方确认按总价50%封顶"));
    insta::assert_snapshot!("review_with_waiver_80x24", screen(&app, 80, 24));
    app.review_selected = app.findings.iter().position(|f| f.rule == "LIA-001").expect("LIA-001");
    act(&mut app, &[Action::Waive]);
    assert!(app.draft.waivers().is_empty());
}

#[test]
fn errors_other_than_pilot_codes_cannot_be_accepted() {
    let mut app = example_app();
    app.draft_mut().set("parties.buyer.phone", json!("123"));
    go_to(&mut app, step_count());
    app.review_selected = app.findings.iter().position(|f| f.rule == "PTY-009").expect("PTY-009");
    act(&mut app, &[Action::Waive]);
    assert_eq!(app.modal, Modal::None);
    assert!(app.status.as_ref().is_some_and(|s| s.is_error));
}

#[test]
fn an_unanswered_choice_still_looks_like_a_choice() {
    let mut app = App::new(Draft::empty(), PathBuf::from("d.json"), Lang::Zh);
    go_to(&mut app, 1);
    let shown = screen(&app, 100, 40);
    assert!(shown.contains("部署方式 *") && shown.contains("‹ 请选择 ›"), "{shown}");
}

#[test]
fn a_new_draft_counts_errors_only_in_fields_left() {
    let mut app = new_app();
    let first = screen(&app, 120, 40);
    let step_line = first.lines().find(|l| l.contains("1 合同双方")).expect("the first step");
    assert!(step_line.contains('…') && !step_line.contains('✗'), "no ✗ on a blank draft: {step_line}");
    act(&mut app, &[Action::NextField]);
    let after = screen(&app, 120, 40);
    let step_line = after.lines().find(|l| l.contains("1 合同双方")).expect("the first step");
    assert!(step_line.contains("✗1"), "the field left counts: {step_line}");
    go_to(&mut app, 1);
    let later = screen(&app, 120, 40);
    let step_line = later.lines().find(|l| l.contains("1 合同双方")).expect("the first step");
    let count: usize = step_line
        .split('✗')
        .nth(1)
        .map(|rest| rest.chars().take_while(char::is_ascii_digit).collect::<String>())
        .and_then(|digits| digits.parse().ok())
        .unwrap_or(0);
    assert!(count > 1, "a step left counts all its fields: {step_line}");
}

/// Dates and amounts as people write them in China are stored in canonical form once the
/// field is left; the line under the field shows the amount while it is typed.
#[test]
fn chinese_dates_and_amounts_are_understood_and_stored_canonically() {
    let mut app = new_app();
    let focus_on = |app: &mut App, path: &str| {
        while !app.items().iter().any(|i| i.path == path) {
            act(app, &[Action::NextStep]);
        }
        app.focus = app.items().iter().position(|i| i.path == path).expect("field");
        app.open_editor();
    };
    focus_on(&mut app, "pricing.license_fee");
    act(&mut app, &typed("3.6万元"));
    assert!(screen(&app, 120, 40).contains("¥36,000.00"), "the amount as it will be stored");
    act(&mut app, &[Action::NextField]);
    assert_eq!(app.draft.text("pricing.license_fee"), Some("36000.00"));
    focus_on(&mut app, "implementation.start_date");
    act(&mut app, &typed("２０２７年３月５日"));
    act(&mut app, &[Action::NextField]);
    assert_eq!(app.draft.text("implementation.start_date"), Some("2027-03-05"));
    // Not a date at all: kept as typed, and its check says what works.
    focus_on(&mut app, "implementation.go_live_date");
    act(&mut app, &typed("下个月"));
    act(&mut app, &[Action::NextField]);
    assert_eq!(app.draft.text("implementation.go_live_date"), Some("下个月"));
    let message = app.findings.iter().find(|f| f.field == "implementation.go_live_date").map(|f| f.message.clone());
    assert!(message.unwrap_or_default().contains("2026-12-01"), "an example that works");
}

/// Typing on a choice opens its options narrowed by what was typed, as huh's Select does;
/// a filter that matches nothing says so instead of choosing.
#[test]
fn typing_on_a_choice_filters_its_options() {
    use crm_contract::wizard::keymap::resolve;
    let mut app = new_app();
    while !app.items().iter().any(|i| i.path == "disputes.method") {
        act(&mut app, &[Action::NextStep]);
    }
    app.focus = app.items().iter().position(|i| i.path == "disputes.method").expect("field");
    app.open_editor();
    let press = |app: &mut App, c: char| {
        let action =
            resolve(&app.contexts(), &KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)).expect("a key for it");
        act(app, &[action]);
    };
    press(&mut app, '诉');
    assert!(matches!(&app.modal, Modal::Choice { filter, .. } if filter == "诉"), "{:?}", app.modal);
    assert!(screen(&app, 100, 30).contains("诉讼"), "the matching option is listed");
    act(&mut app, &[Action::Confirm]);
    assert_eq!(app.draft.text("disputes.method"), Some("litigation"));
    // Latin letters match the English names; nothing matches: a message, no choice.
    press(&mut app, 'z');
    press(&mut app, 'z');
    act(&mut app, &[Action::Confirm]);
    assert!(matches!(app.modal, Modal::Choice { .. }), "still open");
    assert!(app.status.as_ref().is_some_and(|s| s.text.contains("没有与输入相符的选项")));
    let backspace =
        resolve(&app.contexts(), &KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)).expect("backspace");
    act(&mut app, &[backspace.clone(), backspace]);
    press(&mut app, 'a');
    act(&mut app, &[Action::Confirm]);
    assert_eq!(app.draft.text("disputes.method"), Some("arbitration"), "“arbitration” matches a");
}

/// Ctrl-Z / Ctrl-Y through the keymap: typing, a choice and a deleted row come back, in
/// order, and the field undone is shown.
#[test]
fn undo_and_redo_across_fields_choices_and_rows() {
    use crm_contract::wizard::keymap::resolve;
    let ctrl = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    let press = |app: &mut App, key: KeyEvent| {
        let action = resolve(&app.contexts(), &key).expect("bound");
        act(app, &[action]);
    };
    let mut app = example_app();
    // Typing in the first field, then leaving it.
    act(&mut app, &typed("分公司"));
    act(&mut app, &[Action::NextField]);
    assert_eq!(app.draft.text("parties.buyer.name"), Some("杭州悦购电子商务有限公司分公司"));
    // A choice.
    while !app.items().iter().any(|i| i.path == "disputes.method") {
        act(&mut app, &[Action::NextStep]);
    }
    app.focus = app.items().iter().position(|i| i.path == "disputes.method").expect("field");
    app.open_editor();
    act(&mut app, &[Action::ChoiceNext]);
    assert_eq!(app.draft.text("disputes.method"), Some("litigation"));
    // A deleted module row.
    while !app.items().iter().any(|i| i.path == "system.modules") {
        act(&mut app, &[Action::PrevStep]);
    }
    app.focus = app.items().iter().position(|i| i.path == "system.modules").expect("field");
    act(&mut app, &[Action::Confirm, Action::DeleteRow, Action::Cancel]);
    assert_eq!(app.draft.rows("system.modules").len(), 5);
    press(&mut app, ctrl('z'));
    assert_eq!(app.draft.rows("system.modules").len(), 6, "the deleted row comes back");
    press(&mut app, ctrl('z'));
    assert_eq!(app.draft.text("disputes.method"), Some("arbitration"));
    assert!(app.items().iter().any(|i| i.path == "disputes.method"), "the step of the field undone is shown");
    press(&mut app, ctrl('z'));
    assert_eq!(app.draft.text("parties.buyer.name"), Some("杭州悦购电子商务有限公司"));
    assert!(app.status.as_ref().is_some_and(|s| s.text.contains("已撤销：甲方名称")), "{:?}", app.status);
    press(&mut app, ctrl('z'));
    assert!(app.status.as_ref().is_some_and(|s| s.text.contains("没有可撤销的修改")));
    press(&mut app, ctrl('y'));
    assert_eq!(app.draft.text("parties.buyer.name"), Some("杭州悦购电子商务有限公司分公司"));
    press(&mut app, ctrl('y'));
    press(&mut app, ctrl('y'));
    assert_eq!(app.draft.rows("system.modules").len(), 5);
    assert_eq!(app.draft.text("disputes.method"), Some("litigation"));
}

/// Ctrl-K by keys: part of a label, ↓ to the next match, Enter goes to the field's step and
/// focuses it; a query that matches nothing says so.
#[test]
fn ctrl_k_jumps_to_a_field_by_part_of_its_label() {
    use crm_contract::wizard::keymap::resolve;
    let mut app = example_app();
    let press = |app: &mut App, key: KeyEvent| {
        let action = resolve(&app.contexts(), &key).expect("bound");
        act(app, &[action]);
    };
    let plain = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    press(&mut app, KeyEvent::new(KeyCode::Char('k'), KeyModifiers::CONTROL));
    assert!(matches!(app.modal, Modal::Jump { .. }));
    for c in "仲裁委".chars() {
        press(&mut app, plain(c));
    }
    assert!(screen(&app, 100, 30).contains("仲裁委员会　·　争议解决"), "{}", screen(&app, 100, 30));
    press(&mut app, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(app.modal, Modal::None);
    assert_eq!(app.focused().map(|i| i.path).as_deref(), Some("disputes.arbitration_commission"));
    // Characters in order, and the next match with ↓.
    press(&mut app, KeyEvent::new(KeyCode::Char('k'), KeyModifiers::CONTROL));
    for c in "逾违".chars() {
        press(&mut app, plain(c));
    }
    press(&mut app, KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
    press(&mut app, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert!(app.focused().is_some_and(|i| i.path.starts_with("breach.")), "{:?}", app.focused().map(|i| i.path));
    // Nothing matches.
    press(&mut app, KeyEvent::new(KeyCode::Char('k'), KeyModifiers::CONTROL));
    for c in "不存在的字段名".chars() {
        press(&mut app, plain(c));
    }
    press(&mut app, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert!(app.status.as_ref().is_some_and(|s| s.text.contains("没有与输入相符的字段")));
    press(&mut app, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert_eq!(app.modal, Modal::None);
}
