//! `crm-contract dates`: the calendar file read back with a real iCalendar parser (the
//! `icalendar` crate's own), each event's date against the draft for the example and two
//! variants (working-day acceptance across the Spring Festival; automatic renewal), UIDs
//! that stay put, and exit 1 listing the dates that are missing.

#![allow(clippy::expect_used, clippy::unwrap_used)] // tests fail loudly by design

#[path = "support/command.rs"]
#[allow(dead_code)] // shared by the command-line tests, which use different parts
mod command;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use command::{code, example, run, stderr, stdout};
use icalendar::{Calendar, CalendarComponent, Component, EventStatus};
use serde_json::Value;

/// One event as a calendar program reads it.
#[derive(Debug)]
struct Read {
    date: String,
    summary: String,
    description: String,
    planned: bool,
    alarms: usize,
}

fn write(dir: &Path, name: &str, draft: &Value) -> String {
    let path = dir.join(name);
    fs::write(&path, serde_json::to_string_pretty(draft).unwrap()).unwrap();
    path.to_string_lossy().into_owned()
}

/// Runs `dates` and parses what it wrote: UID → event.
fn dates(dir: &Path, draft: &Value) -> BTreeMap<String, Read> {
    let path = write(dir, "draft.json", draft);
    let out = run(&["dates", &path, "-o", "-"], dir);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let calendar: Calendar = stdout(&out).parse().expect("RFC 5545 that the icalendar parser reads");
    calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(event) => Some(event),
            _ => None,
        })
        .map(|event| {
            let date = event.get_start().expect("DTSTART").date_naive().to_string();
            let read = Read {
                date,
                summary: event.get_summary().unwrap_or_default().to_string(),
                description: event.get_description().unwrap_or_default().to_string(),
                planned: event.get_status() == Some(EventStatus::Tentative),
                alarms: event.components().iter().filter(|c| c.component_kind() == "VALARM").count(),
            };
            (event.get_uid().expect("UID").to_string(), read)
        })
        .collect()
}

/// The event whose UID begins with the key date's id.
fn at<'a>(events: &'a BTreeMap<String, Read>, id: &str) -> &'a Read {
    let prefix = format!("{id}.");
    let found: Vec<&Read> = events.iter().filter(|(uid, _)| uid.starts_with(&prefix)).map(|(_, e)| e).collect();
    assert_eq!(found.len(), 1, "one event {id} in {:?}", events.keys().collect::<Vec<_>>());
    found[0]
}

#[test]
fn the_example_dates_each_obligation_from_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    let events = dates(dir.path(), &example(dir.path()));
    let date = |id: &str| at(&events, id).date.clone();
    assert_eq!(date("implementation-start"), "2026-12-07");
    assert_eq!(date("implementation-phase-1"), "2026-12-18");
    assert_eq!(date("go-live"), "2027-02-26");
    // The last phase ends at go-live: one event, not two.
    assert!(events.keys().all(|uid| !uid.starts_with("implementation-phase-5.")));
    // Signed 2026-12-01; 「本合同生效后10日内」 → 11 December.
    assert_eq!(date("payment-1"), "2026-12-11");
    // Go-live 26 February 2027, 30 days' trial to 28 March, then 10 working days (2027 is not
    // in the holiday data: Monday to Friday) → 9 April.
    let acceptance = at(&events, "acceptance-deadline");
    assert_eq!(acceptance.date, "2027-04-09");
    assert!(acceptance.planned, "computed from the planned go-live");
    assert!(acceptance.description.contains("视为验收合格"), "{}", acceptance.description);
    assert!(acceptance.description.contains("2027年的尚未收录"), "{}", acceptance.description);
    assert!(acceptance.description.contains("本合同第9.2款"), "cites the clause: {}", acceptance.description);
    // 「系统上线运行满1个月且终验合格」 waits for the later, acceptance; 15 days → Saturday
    // 24 April, which rolls to Monday 26 April (第二百零三条).
    assert_eq!(date("payment-2"), "2027-04-26");
    assert!(
        at(&events, "payment-2").description.contains("¥90,000.00（人民币玖万元整）"),
        "{}",
        at(&events, "payment-2").description
    );
    // Warranty 12 months from acceptance; the retention 15 days after it.
    assert_eq!(date("warranty-end"), "2028-04-09");
    assert_eq!(date("payment-3"), "2028-04-24");
    assert_eq!(date("term-start"), "2027-02-26");
    assert_eq!(date("term-end"), "2030-02-25");
    // Not automatic: whoever wants to renew says so 60 days before the end.
    let notice = at(&events, "renewal-notice");
    assert_eq!(notice.date, "2029-12-27");
    assert!(notice.summary.starts_with("续约通知的最后一日"), "{}", notice.summary);
    assert_eq!(date("confidentiality-end"), "2033-02-25");
    assert!(!at(&events, "implementation-start").planned);
    assert!(events.values().all(|e| e.alarms == 3), "30, 7 and 1 days before");
    assert!(events.values().all(|e| e.summary.contains("YG-CRM-2026-017")));
}

#[test]
fn working_day_acceptance_skips_the_spring_festival() {
    let dir = tempfile::tempdir().unwrap();
    let mut draft = example(dir.path());
    draft["implementation"]["start_date"] = "2025-11-03".into();
    draft["implementation"]["go_live_date"] = "2026-02-06".into();
    draft["acceptance"]["trial_days"] = "0".into();
    draft["term"]["start_date"] = "2026-02-06".into();
    draft["term"]["end_date"] = "2029-02-05".into();
    let events = dates(dir.path(), &draft);
    // From Friday 6 February 2026, 10 working days: 9–13 February (5), Saturday 14 February
    // worked in its place (6), the holiday 15–23 February skipped, 24–27 February (10).
    let acceptance = at(&events, "acceptance-deadline");
    assert_eq!(acceptance.date, "2026-02-27", "Monday to Friday alone would give 20 February");
    assert!(!acceptance.description.contains("尚未收录"), "2026 is in the data: {}", acceptance.description);
}

#[test]
fn automatic_renewal_asks_for_notice_of_non_renewal_on_a_working_day() {
    let dir = tempfile::tempdir().unwrap();
    let mut draft = example(dir.path());
    draft["term"]["auto_renew"] = true.into();
    // 58 days before 25 February 2030 is Saturday 29 December 2029: the notice must reach the
    // other side by Friday 28 December.
    draft["term"]["renewal_notice_days"] = "58".into();
    let events = dates(dir.path(), &draft);
    let notice = at(&events, "renewal-notice");
    assert_eq!(notice.date, "2029-12-28");
    assert!(notice.summary.starts_with("不续约通知的最后一日"), "{}", notice.summary);
    assert!(notice.description.contains("自动续期"), "{}", notice.description);
}

#[test]
fn uids_are_stable_across_runs_and_edits() {
    let dir = tempfile::tempdir().unwrap();
    let mut draft = example(dir.path());
    let first = dates(dir.path(), &draft);
    let again = dates(dir.path(), &draft);
    assert_eq!(first.keys().collect::<Vec<_>>(), again.keys().collect::<Vec<_>>());
    // A later go-live moves the dates, not the entries: a re-import updates them.
    draft["implementation"]["go_live_date"] = "2027-03-05".into();
    let moved = dates(dir.path(), &draft);
    assert!(first.keys().all(|uid| moved.contains_key(uid)), "every entry is still there under its UID");
    let uid = first.keys().find(|uid| uid.starts_with("acceptance-deadline.")).unwrap();
    assert_ne!(first[uid].date, moved[uid].date);
    // The same file twice gives the same bytes.
    let path = write(dir.path(), "same.json", &draft);
    let one = stdout(&run(&["dates", &path, "-o", "-"], dir.path()));
    let two = stdout(&run(&["dates", &path, "-o", "-"], dir.path()));
    assert_eq!(one, two);
}

#[test]
fn a_missing_or_invalid_date_is_listed_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let mut draft = example(dir.path());
    draft["implementation"]["go_live_date"] = Value::Null;
    draft["term"]["end_date"] = "2030-02-30".into();
    let path = write(dir.path(), "broken.json", &draft);
    let out = run(&["dates", &path], dir.path());
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(err.contains("implementation.go_live_date") && err.contains("未填写"), "{err}");
    assert!(err.contains("term.end_date") && err.contains("不存在"), "{err}");
    assert!(!dir.path().join("broken.ics").exists(), "nothing written");
    // Not a draft at all: exit 2.
    fs::write(dir.path().join("x.json"), "[]").unwrap();
    assert_eq!(code(&run(&["dates", "x.json"], dir.path())), 2);
}

#[test]
fn the_default_file_sits_beside_the_draft_and_a_payment_without_a_date_is_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let mut draft = example(dir.path());
    draft["payment"]["milestones"][0]["trigger"] = "甲方收到乙方开具的发票".into();
    let path = write(dir.path(), "deal.json", &draft);
    let out = run(&["dates", &path, "--remind", "14"], dir.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("deal.ics"), "{}", stdout(&out));
    let text = fs::read_to_string(dir.path().join("deal.ics")).unwrap();
    assert!(!text.contains("UID:payment-1."), "no date to compute it from");
    assert!(text.contains("UID:payment-2."));
    assert_eq!(text.matches("BEGIN:VALARM").count(), text.matches("BEGIN:VEVENT").count(), "one reminder each");
    assert!(text.contains("TRIGGER:-PT1177200S"), "14 days before, at 9:00");
    // Never over a draft.
    let out = run(&["dates", &path, "-o", &path], dir.path());
    assert_eq!(code(&out), 2, "{}", stderr(&out));
}

#[test]
fn the_free_service_period_ends_on_premises_and_for_a_hybrids_local_part_only() {
    let dir = tempfile::tempdir().unwrap();
    let saas = dates(dir.path(), &example(dir.path()));
    assert!(saas.keys().all(|uid| !uid.starts_with("free-service-end.")), "a subscription's support runs for the term");
    let mut draft = example(dir.path());
    draft["system"]["deployment"] = "on_premise".into();
    let on_premise = dates(dir.path(), &draft);
    let end = at(&on_premise, "free-service-end");
    assert_eq!(end.date, "2028-04-09", "12 months from the planned acceptance");
    assert!(end.description.contains("期满后的售后服务按续约约定另行收费"), "{}", end.description);
    draft["system"]["deployment"] = "hybrid".into();
    draft["system"]["hybrid_scope"] = "客户服务工单模块由乙方云端托管，其余模块部署于甲方服务器".into();
    let hybrid = dates(dir.path(), &draft);
    let end = at(&hybrid, "free-service-end");
    assert!(end.description.contains("期满后本地部署部分的售后服务按续约约定另行收费"), "{}", end.description);
    assert!(
        end.description.starts_with("依据：本合同第10.1款。"),
        "cites the free period's paragraph: {}",
        end.description
    );
}
