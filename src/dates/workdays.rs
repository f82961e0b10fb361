//! The mainland working-day calendar: the statutory holidays and the weekend days worked in
//! their place (调休) for the years the State Council has published, kept as data in
//! `assets/holidays-cn.json`; every other year counts Monday to Friday. Periods follow
//! 《民法典》第二百零一条至第二百零三条: the first day is not counted, a month's period ends on
//! the same day of the month (or the month's last day), and a period whose last day is a day
//! off ends on the next working day.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

/// The published holidays and make-up working days.
#[derive(Debug, Default)]
pub struct Calendar {
    off: BTreeSet<Date>,
    work: BTreeSet<Date>,
    years: BTreeSet<i16>,
}

static CALENDAR: LazyLock<Calendar> =
    LazyLock::new(|| Calendar::from_json(include_str!("../../assets/holidays-cn.json")).unwrap_or_default());

/// The built-in calendar (an empty one if the data could not be read; a test reads it).
pub fn mainland() -> &'static Calendar {
    &CALENDAR
}

impl Calendar {
    /// Reads the data file's `years`: for each year, `off` dates or `from..to` ranges and
    /// `work` dates.
    pub fn from_json(text: &str) -> Option<Calendar> {
        let data: serde_json::Value = serde_json::from_str(text).ok()?;
        let mut calendar = Calendar::default();
        for (year, days) in data.get("years")?.as_object()? {
            calendar.years.insert(year.parse().ok()?);
            for entry in days.get("off")?.as_array()? {
                let entry = entry.as_str()?;
                let (from, to) = entry.split_once("..").unwrap_or((entry, entry));
                let (from, to): (Date, Date) = (from.parse().ok()?, to.parse().ok()?);
                let mut day = from;
                while day <= to {
                    calendar.off.insert(day);
                    day = day.tomorrow().ok()?;
                }
            }
            for entry in days.get("work")?.as_array()? {
                calendar.work.insert(entry.as_str()?.parse().ok()?);
            }
        }
        Some(calendar)
    }

    /// The years whose holidays the calendar holds, as 2025—2026.
    pub fn covered(&self) -> String {
        match (self.years.first(), self.years.last()) {
            (Some(first), Some(last)) if first == last => format!("{first}年"),
            (Some(first), Some(last)) => format!("{first}—{last}年"),
            _ => "无".to_string(),
        }
    }

    /// Whether the holidays of `year` are known.
    pub fn covers(&self, year: i16) -> bool {
        self.years.contains(&year)
    }

    /// A day people work: a weekday that is no holiday, or a weekend day worked in place of one.
    pub fn is_working_day(&self, day: Date) -> bool {
        if self.work.contains(&day) {
            return true;
        }
        !matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) && !self.off.contains(&day)
    }

    /// The `count`th working day after `from` (the day itself not counted).
    pub fn add_working_days(&self, from: Date, count: u64) -> Option<Date> {
        let mut day = from;
        let mut left = count;
        while left > 0 {
            day = day.tomorrow().ok()?;
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        Some(day)
    }

    /// The last day of a period of `days` calendar days from `from` (第二百零一条), moved to
    /// the next working day when it falls on a day off (第二百零三条).
    pub fn add_days(&self, from: Date, days: u64) -> Option<(Date, bool)> {
        let end = from.checked_add(i64::try_from(days).ok()?.days()).ok()?;
        self.roll_forward(end)
    }

    /// The last day of a period of `months` months from `from` (第二百零二条: the same day of
    /// the month, or the month's last day), without moving it (it ends a state, such as a
    /// warranty, rather than a time to act).
    pub fn add_months(from: Date, months: u64) -> Option<Date> {
        from.checked_add(i64::try_from(months).ok()?.months()).ok()
    }

    /// `day`, or the first working day after it; and whether it moved.
    pub fn roll_forward(&self, day: Date) -> Option<(Date, bool)> {
        let mut end = day;
        while !self.is_working_day(end) {
            end = end.tomorrow().ok()?;
        }
        Some((end, end != day))
    }

    /// `day`, or the last working day before it; and whether it moved. For a deadline counted
    /// back from an end (通知须在届满60日前送达), an earlier day is the safe one.
    pub fn roll_back(&self, day: Date) -> Option<(Date, bool)> {
        let mut end = day;
        while !self.is_working_day(end) {
            end = end.yesterday().ok()?;
        }
        Some((end, end != day))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        text.parse().unwrap_or_default()
    }

    #[test]
    fn the_data_file_is_read_whole() {
        let calendar = mainland();
        assert!(calendar.covers(2025) && calendar.covers(2026) && !calendar.covers(2027));
        assert_eq!(calendar.covered(), "2025—2026年");
        // Weekend days worked: 5 in 2025, 6 in 2026.
        assert_eq!(calendar.work.len(), 11);
        assert!(calendar.off.contains(&day("2026-02-23")) && calendar.off.contains(&day("2025-10-08")));
    }

    #[test]
    fn the_spring_festival_and_its_make_up_days() {
        let calendar = mainland();
        assert!(!calendar.is_working_day(day("2026-02-16")), "a Monday in the Spring Festival");
        assert!(calendar.is_working_day(day("2026-02-14")), "the Saturday worked before it");
        assert!(calendar.is_working_day(day("2026-02-28")), "and the one after");
        assert!(!calendar.is_working_day(day("2027-02-06")), "an unpublished year: Saturday is off");
        assert!(calendar.is_working_day(day("2027-02-08")), "an unpublished year: Monday is worked");
        // Friday 13 February 2026, then 10 working days: 14 (Sat, worked), 24, 25, 26, 27,
        // 28 (Sat, worked), 2, 3, 4, 5 March.
        assert_eq!(calendar.add_working_days(day("2026-02-13"), 10), Some(day("2026-03-05")));
    }

    #[test]
    fn periods_follow_the_civil_code() {
        let calendar = mainland();
        // 第二百零一条: 10 days from 1 March end on 11 March (a Wednesday in 2026).
        assert_eq!(calendar.add_days(day("2026-03-01"), 10), Some((day("2026-03-11"), false)));
        // 第二百零三条: 15 days from 31 January 2026 end on 15 February, in the holiday: the
        // period ends the day after it, 24 February.
        assert_eq!(calendar.add_days(day("2026-01-31"), 15), Some((day("2026-02-24"), true)));
        // 第二百零二条: a month from 31 January ends on the last day of February.
        assert_eq!(Calendar::add_months(day("2026-01-31"), 1), Some(day("2026-02-28")));
        assert_eq!(calendar.roll_back(day("2026-10-04")), Some((day("2026-09-30"), true)));
    }
}
