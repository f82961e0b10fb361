//! The key dates as an iCalendar file (RFC 5545, written with the `icalendar` crate): one
//! all-day VEVENT per date, a UID made from the contract and the date's id (so importing a
//! new version updates the entries instead of adding them), and display alarms at 9:00 a
//! given number of days before.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use icalendar::{Alarm, Calendar, Component, EventLike, EventStatus};
use sha2::{Digest, Sha256};

use super::KeyDate;
use crate::draft::Draft;

/// The reminders when none are asked for: 30, 7 and 1 days before.
pub const DEFAULT_REMINDERS: [u32; 3] = [30, 7, 1];

/// The calendar of `dates`. `stamp` is when the draft last changed (DTSTAMP), so the same
/// draft gives the same file.
pub fn calendar(draft: &Draft, dates: &[KeyDate], reminders: &[u32], stamp: DateTime<Utc>) -> String {
    let contract = Contract::of(draft);
    let mut calendar = Calendar::empty();
    calendar.append_property(("VERSION", "2.0"));
    calendar.append_property(("PRODID", "-//crm-contract//key dates//ZH"));
    calendar.append_property(("CALSCALE", "GREGORIAN"));
    calendar.name(&format!("合同关键日期：{}", contract.name));
    for date in dates {
        let Some(start) = naive(date.date) else { continue };
        let Some(end) = date.date.tomorrow().ok().and_then(naive) else { continue };
        let uid = format!("{}.{}@crm-contract", date.id, contract.key);
        let mut event = icalendar::Event::new();
        event
            .uid(&uid)
            .timestamp(stamp)
            .summary(&format!("{}（{}）", date.title, contract.short))
            .description(&description(date, &contract))
            .starts(start)
            .ends(end)
            .status(if date.planned { EventStatus::Tentative } else { EventStatus::Confirmed })
            .add_property("TRANSP", "TRANSPARENT");
        for days in reminders {
            let before = TimeDelta::days(i64::from(*days)) - TimeDelta::hours(9);
            // The crate gives an alarm a random UID and the current time unless told: the
            // same draft must give the same file.
            let mut alarm = Alarm::display(&format!("{}：{}天后", date.title, days), -before);
            alarm.uid(&format!("{days}d.{uid}")).timestamp(stamp);
            event.alarm(alarm.done());
        }
        calendar.push(event.done());
    }
    calendar.done().to_string()
}

/// When a draft's file last changed, to the second (the epoch if it cannot be read): the
/// calendar's DTSTAMP and a redline's revision date, so the same file gives the same bytes.
pub fn stamp_of(path: &std::path::Path) -> DateTime<Utc> {
    let time = std::fs::metadata(path).and_then(|m| m.modified()).unwrap_or(std::time::UNIX_EPOCH);
    let seconds = time.duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    DateTime::from_timestamp(i64::try_from(seconds).unwrap_or(0), 0).unwrap_or_default()
}

/// [`stamp_of`] as Word dates its tracked changes and comments: 2026-12-01T08:30:00Z.
pub fn iso_stamp_of(path: &std::path::Path) -> String {
    jiff::Timestamp::from_second(stamp_of(path).timestamp()).unwrap_or_default().to_string()
}

fn naive(date: jiff::civil::Date) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        i32::from(date.year()),
        u32::from(date.month().unsigned_abs()),
        u32::from(date.day().unsigned_abs()),
    )
}

fn description(date: &KeyDate, contract: &Contract) -> String {
    let clause = date.clause.as_ref().map(|c| format!("依据：本合同{c}。")).unwrap_or_default();
    format!("{clause}{}\n合同：{}", date.detail, contract.name)
}

/// How the calendar names the contract.
struct Contract {
    /// 新型CRM平台系统合同（YG-CRM-2026-017，杭州悦购电子商务有限公司与上海云策信息科技有限公司）
    name: String,
    /// The number, or the supplier's name: what fits after a title.
    short: String,
    /// Sixteen hex digits of a hash of the number and the parties: the UIDs' common part.
    key: String,
}

impl Contract {
    fn of(draft: &Draft) -> Contract {
        let title = draft.text("meta.title").unwrap_or("合同");
        let number = draft.text("meta.contract_no");
        let buyer = draft.text("parties.buyer.name").unwrap_or("甲方");
        let supplier = draft.text("parties.supplier.name").unwrap_or("乙方");
        let name = match number {
            Some(number) => format!("{title}（{number}，{buyer}与{supplier}）"),
            None => format!("{title}（{buyer}与{supplier}）"),
        };
        let short = number.unwrap_or(supplier).to_string();
        let digest = Sha256::digest(format!("{}\u{0}{buyer}\u{0}{supplier}", number.unwrap_or_default()));
        let key = crate::draft::sidecar::hex(digest.get(..8).unwrap_or_default());
        Contract { name, short, key }
    }
}
