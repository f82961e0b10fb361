//! The contract's key dates: every dated obligation computed from the draft — implementation
//! and its phases, go-live, the buyer's acceptance deadline, each payment that can be dated,
//! warranty and free service, the term, the last day for (non-)renewal notice, the end of
//! confidentiality — each with the clause it comes from and how it was computed. Written as
//! iCalendar by [`ics`].

pub mod ics;
pub mod workdays;

use jiff::ToSpan;
use jiff::civil::Date;

use crate::derived::{self, cell_text, date_of, int_of};
use crate::draft::Draft;
use crate::money;
use crate::render::ClauseLabels;
use crate::schema;
use crate::values;
use workdays::Calendar;

/// One dated obligation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyDate {
    /// Stable within a draft whatever its dates (`acceptance-deadline`, `payment-2`): the
    /// calendar entry's UID is made from it, so a re-import updates the entry.
    pub id: String,
    pub date: Date,
    /// 甲方验收期限届满
    pub title: String,
    /// The clause it comes from (第9.2款), when the contract has it.
    pub clause: Option<String>,
    /// How the date was reached and what it means.
    pub detail: String,
    /// Computed from a planned date (go-live, acceptance) rather than a fixed one.
    pub planned: bool,
}

/// Why a draft has no calendar.
#[derive(Debug)]
pub enum NoCalendar {
    /// The clause templates would not render (the citations come from a render).
    Render(crate::render::RenderError),
    /// Dates the calendar needs are missing or invalid.
    Missing(Vec<Missing>),
}

/// The draft's calendar file and how many dates it holds: the contract is rendered for its
/// clause numbers only (a draft with blanks still has them), then the dates are computed.
/// `stamp` is when the draft last changed ([`ics::stamp_of`]).
pub fn calendar(
    draft: &Draft,
    renderer: &crate::render::Renderer,
    reminders: &[u32],
    stamp: chrono::DateTime<chrono::Utc>,
) -> Result<(String, usize), NoCalendar> {
    let (_, clauses) = renderer.render_numbered(crate::render::context::build(draft)).map_err(NoCalendar::Render)?;
    let dates = key_dates(draft, &clauses).map_err(NoCalendar::Missing)?;
    let reminders = if reminders.is_empty() { &ics::DEFAULT_REMINDERS[..] } else { reminders };
    Ok((ics::calendar(draft, &dates, reminders, stamp), dates.len()))
}

/// A date the calendar needs that the draft lacks or holds in an unreadable form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    pub path: String,
    pub label: &'static str,
    /// What is wrong, in Chinese (未填写, or the parse error).
    pub problem: String,
}

/// Every key date of the draft, in date order, or what is missing to compute them. `clauses`
/// numbers the citations (from a render of the same draft).
pub fn key_dates(draft: &Draft, clauses: &ClauseLabels) -> Result<Vec<KeyDate>, Vec<Missing>> {
    let calendar = workdays::mainland();
    let needed = ["implementation.start_date", "implementation.go_live_date", "term.start_date", "term.end_date"];
    let missing: Vec<Missing> = needed
        .iter()
        .filter_map(|path| problem(draft, path).map(|problem| missing(path, problem)))
        .chain(phase_problems(draft))
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let (Some(start), Some(go_live), Some(term_start), Some(term_end)) = (
        date_of(draft, "implementation.start_date"),
        date_of(draft, "implementation.go_live_date"),
        date_of(draft, "term.start_date"),
        date_of(draft, "term.end_date"),
    ) else {
        return Err(Vec::new());
    };
    let mut dates = Builder { clauses, calendar, dates: Vec::new() };
    dates.push(
        "implementation-start",
        start,
        "实施开始",
        Some("implementation"),
        "乙方按实施计划开始实施。".into(),
        false,
    );
    for (index, phase) in draft.rows("implementation.phases").iter().enumerate() {
        let name = phase.get("name").and_then(cell_text).unwrap_or("实施阶段");
        let end = phase.get("end").and_then(cell_text).and_then(|d| values::parse_date(d).ok());
        // A phase that ends at go-live is the go-live, listed once below.
        if let Some(end) = end.filter(|end| *end != go_live) {
            let deliverables =
                phase.get("deliverables").and_then(cell_text).map(|d| format!("交付成果：{d}。")).unwrap_or_default();
            let title = format!("实施阶段「{name}」计划完成");
            dates.push(
                &format!("implementation-phase-{}", index + 1),
                end,
                &title,
                Some("implementation"),
                deliverables,
                false,
            );
        }
    }
    dates.push("go-live", go_live, "计划上线", Some("implementation"), "本系统按实施计划上线。".into(), false);
    let acceptance = acceptance_deadline(&mut dates, draft, go_live);
    let effective = date_of(draft, "signing.date");
    let warranty_end = warranty(&mut dates, draft, acceptance);
    payments(&mut dates, draft, &Events { effective, go_live, acceptance, warranty_end });
    term(&mut dates, draft, term_start, term_end);
    let mut dates = dates.dates;
    dates.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    Ok(dates)
}

fn missing(path: &str, problem: String) -> Missing {
    let label = schema::field(path).map_or("", |f| f.label.zh);
    Missing { path: path.to_string(), label, problem }
}

fn problem(draft: &Draft, path: &str) -> Option<String> {
    match draft.text(path) {
        None => Some("未填写".to_string()),
        Some(text) => values::parse_date(text).err().map(|e| e.zh),
    }
}

/// A phase end that is filled in but is no date (an empty one only leaves the phase out).
fn phase_problems(draft: &Draft) -> impl Iterator<Item = Missing> + '_ {
    draft.rows("implementation.phases").iter().enumerate().filter_map(|(index, phase)| {
        let text = phase.get("end").and_then(cell_text)?;
        let error = values::parse_date(text).err()?;
        let label = schema::field("implementation.phases")
            .and_then(schema::Field::list)
            .and_then(|list| list.columns.iter().find(|c| c.path == "end"))
            .map_or("", |c| c.label.zh);
        Some(Missing { path: format!("implementation.phases[{index}].end"), label, problem: error.zh })
    })
}

struct Builder<'a> {
    clauses: &'a ClauseLabels,
    calendar: &'a Calendar,
    dates: Vec<KeyDate>,
}

impl Builder<'_> {
    fn push(&mut self, id: &str, date: Date, title: &str, clause: Option<&str>, detail: String, planned: bool) {
        let clause = clause.and_then(|key| self.clauses.get(key)).map(str::to_string);
        self.dates.push(KeyDate { id: id.to_string(), date, title: title.to_string(), clause, detail, planned });
    }

    /// A note when the working days counted fall in a year whose holidays are not known.
    fn unverified(&self, from: Date, to: Date) -> String {
        let years: Vec<i16> = (from.year()..=to.year()).filter(|y| !self.calendar.covers(*y)).collect();
        match years.as_slice() {
            [] => String::new(),
            [year] => format!(
                "本工具收录{}的节假日安排，{year}年的尚未收录，该年按周一至周五为工作日计算，请按国务院办公厅的通知核对。",
                self.calendar.covered()
            ),
            [first, .., last] => format!(
                "本工具收录{}的节假日安排，{first}—{last}年的尚未收录，按周一至周五为工作日计算，请按国务院办公厅的通知核对。",
                self.calendar.covered()
            ),
        }
    }
}

/// The planned end of acceptance: trial run from go-live, then the buyer's review period in
/// working days from the application (assumed made the day the trial ends).
fn acceptance_deadline(dates: &mut Builder<'_>, draft: &Draft, go_live: Date) -> Option<Date> {
    let review_days = int_of(draft, "acceptance.review_days")?;
    let trial_days = int_of(draft, "acceptance.trial_days").unwrap_or(0);
    let applied = go_live.checked_add(i64::try_from(trial_days).ok()?.days()).ok()?;
    let deadline = dates.calendar.add_working_days(applied, review_days)?;
    let trial = if trial_days > 0 {
        format!("上线（{}）后试运行{trial_days}日至{}，", values::chinese_date(go_live), values::chinese_date(applied))
    } else {
        format!("上线（{}）后，", values::chinese_date(go_live))
    };
    let consequence = if draft.flag("acceptance.deemed_accepted") == Some(true) {
        let deemed = dates.clauses.get("acceptance.deemed").map(|c| format!("（{c}）")).unwrap_or_default();
        format!("甲方在此期限内既未组织验收也未提出书面异议的，视为验收合格{deemed}，与验收相关的付款随之到期。")
    } else {
        "甲方应在此期限内组织验收；逾期的，乙方可以书面催告。".to_string()
    };
    let detail = format!(
        "按计划日期推算：{trial}乙方提交验收申请，甲方应在收到申请后{review_days}个工作日内组织验收。{consequence}实际日期以上线和收到验收申请之日为准。{}",
        dates.unverified(applied, deadline)
    );
    dates.push("acceptance-deadline", deadline, "甲方验收期限届满", Some("acceptance.review"), detail, true);
    Some(deadline)
}

/// The warranty (质保期, from acceptance) and, on premises, the free service period.
fn warranty(dates: &mut Builder<'_>, draft: &Draft, acceptance: Option<Date>) -> Option<Date> {
    let accepted = acceptance?;
    if let Some(months) = int_of(draft, "service.free_months").filter(|m| *m > 0)
        && draft.text("system.deployment") != Some("saas")
        && let Some(end) = Calendar::add_months(accepted, months)
    {
        // A hybrid's hosted part keeps its support for the whole term; only the part on the
        // buyer's servers is bought again.
        let part = if draft.text("system.deployment") == Some("hybrid") { "本地部署部分" } else { "" };
        let detail =
            format!("自终验合格之日起{months}个月，按计划验收日期推算。期满后{part}的售后服务按续约约定另行收费。");
        dates.push("free-service-end", end, "免费服务期届满", Some("service.free"), detail, true);
    }
    let months = int_of(draft, "payment.retention_months").filter(|m| *m > 0)?;
    let end = Calendar::add_months(accepted, months)?;
    let detail =
        format!("质保期{months}个月，自终验合格之日起算，按计划验收日期推算。届满前发现的缺陷应书面通知乙方免费修复。");
    dates.push("warranty-end", end, "质保期届满", Some("payment.warranty"), detail, true);
    Some(end)
}

/// The events a payment can wait for, as far as their dates are known.
struct Events {
    effective: Option<Date>,
    go_live: Date,
    acceptance: Option<Date>,
    warranty_end: Option<Date>,
}

/// The events a payment's trigger names, read from its wording (「上线运行满1个月且终验合格」
/// names both): what the key dates count from and what the playbook calls a prepayment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[allow(clippy::struct_excessive_bools)] // four independent facts of one wording, any mix of them
pub struct TriggerNames {
    pub signing: bool,
    pub go_live: bool,
    pub acceptance: bool,
    pub warranty: bool,
}

impl TriggerNames {
    pub fn of(trigger: &str, is_retention: bool) -> Self {
        TriggerNames {
            signing: ["生效", "签订", "签署", "签字"].iter().any(|w| trigger.contains(w)),
            go_live: trigger.contains("上线"),
            acceptance: ["验收", "终验"].iter().any(|w| trigger.contains(w)),
            warranty: is_retention || trigger.contains("质保"),
        }
    }

    /// Due on signing and on nothing later: paid before any work is delivered.
    pub fn is_prepayment(self) -> bool {
        self.signing && !self.go_live && !self.acceptance && !self.warranty
    }
}

/// What a milestone's trigger waits for: the latest of the events it names, and whether
/// that date is only planned.
fn trigger_date(trigger: &str, is_retention: bool, events: &Events) -> Option<(Date, bool)> {
    let names = TriggerNames::of(trigger, is_retention);
    let mut found: Vec<(Date, bool)> = Vec::new();
    if names.warranty {
        found.push((events.warranty_end?, true));
    }
    if names.acceptance {
        found.push((events.acceptance?, true));
    }
    if names.go_live {
        let after = months_or_days_after(trigger, events.go_live).unwrap_or(events.go_live);
        found.push((after, true));
    }
    if names.signing {
        found.push((events.effective?, false));
    }
    found.into_iter().max_by_key(|(date, _)| *date)
}

/// 「满1个月」「满30日」 after go-live.
fn months_or_days_after(trigger: &str, from: Date) -> Option<Date> {
    let after = trigger.split_once('满')?.1;
    let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
    let count: u64 = digits.parse().ok()?;
    let unit = &after[digits.len()..];
    if unit.starts_with("个月") {
        Calendar::add_months(from, count)
    } else if unit.starts_with('日') || unit.starts_with('天') {
        from.checked_add(i64::try_from(count).ok()?.days()).ok()
    } else {
        None
    }
}

fn payments(dates: &mut Builder<'_>, draft: &Draft, events: &Events) {
    let amounts = derived::milestone_amounts(draft);
    for (index, row) in draft.rows("payment.milestones").iter().enumerate() {
        let name = row.get("name").and_then(cell_text).unwrap_or("付款");
        let trigger = row.get("trigger").and_then(cell_text).unwrap_or_default();
        let is_retention = row.get("is_retention").and_then(serde_json::Value::as_bool) == Some(true);
        let Some(due_days) = row.get("due_days").and_then(cell_text).and_then(|d| values::parse_int(d, 0).ok()) else {
            continue;
        };
        let Some((event, planned)) = trigger_date(trigger, is_retention, events) else { continue };
        let Some((due, moved)) = dates.calendar.add_days(event, due_days) else { continue };
        let amount = amounts.get(index).copied().flatten().map(|a| {
            let words = money::words::to_words(a).unwrap_or_default();
            format!("应付{}（{words}）。", money::figures(a))
        });
        let moved = if moved {
            "期限末日为休息日或者法定节假日，顺延至其后的第一个工作日（《民法典》第二百零三条）。"
        } else {
            ""
        };
        let basis = if planned { "按计划日期推算，实际以该事件发生之日为准。" } else { "" };
        let detail =
            format!("第{}期：{trigger}后{due_days}日内付款，{}{moved}{basis}", index + 1, amount.unwrap_or_default());
        dates.push(
            &format!("payment-{}", index + 1),
            due,
            &format!("付款到期：{name}"),
            Some("payment.plan"),
            detail,
            planned,
        );
    }
}

fn term(dates: &mut Builder<'_>, draft: &Draft, start: Date, end: Date) {
    let planned = matches!(draft.text("term.starts_on"), Some("go_live" | "acceptance"));
    let basis = if planned {
        "按计划日期计算；服务期限自上线或者验收合格之日起算，实际日期随之前后移动。"
    } else {
        ""
    };
    dates.push("term-start", start, "服务期限开始", Some("term.period"), basis.to_string(), planned);
    dates.push("term-end", end, "服务期限届满", Some("term.period"), basis.to_string(), planned);
    if let Some(notice) = int_of(draft, "term.renewal_notice_days").filter(|d| *d > 0)
        && let Ok(last) = end.checked_sub(i64::try_from(notice).unwrap_or(0).days())
        && let Some((day, moved)) = dates.calendar.roll_back(last)
    {
        let (title, what) = if draft.flag("term.auto_renew") == Some(true) {
            ("不续约通知的最后一日", "任何一方不希望续期的，应在此日前书面通知对方；未通知的，服务期限自动续期1年。")
        } else {
            (
                "续约通知的最后一日",
                "有意续约的一方应在此日前书面通知对方并协商签订续约合同；否则本合同于期限届满时终止。",
            )
        };
        let moved = if moved {
            "该日为休息日或者法定节假日，已提前至其前的最后一个工作日，以便通知送达。"
        } else {
            ""
        };
        let detail = format!("服务期限届满（{}）{notice}日前。{what}{moved}{basis}", values::chinese_date(end));
        dates.push("renewal-notice", day, title, Some("term.renewal"), detail, planned);
    }
    if let Some(years) = int_of(draft, "confidentiality.years_after").filter(|y| *y > 0)
        && let Some(until) = Calendar::add_months(end, years * 12)
    {
        let detail = format!(
            "保密义务在本合同终止后{years}年内继续有效，按服务期限届满日计算（合同提前终止的，自终止之日起算）；对甲方数据和个人信息的保密义务永久有效。"
        );
        dates.push("confidentiality-end", until, "保密期届满", Some("confidentiality.term"), detail, planned);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        text.parse().unwrap_or_default()
    }

    #[test]
    fn a_trigger_waits_for_the_latest_event_it_names() {
        let events = Events {
            effective: Some(day("2026-12-01")),
            go_live: day("2027-02-26"),
            acceptance: Some(day("2027-04-12")),
            warranty_end: Some(day("2028-04-12")),
        };
        assert_eq!(trigger_date("本合同生效", false, &events), Some((day("2026-12-01"), false)));
        assert_eq!(trigger_date("系统上线运行满1个月", false, &events), Some((day("2027-03-26"), true)));
        assert_eq!(trigger_date("系统上线运行满1个月且终验合格", false, &events), Some((day("2027-04-12"), true)));
        assert_eq!(trigger_date("上线满30日", false, &events), Some((day("2027-03-28"), true)));
        assert_eq!(trigger_date("质保期届满且无未解决缺陷", true, &events), Some((day("2028-04-12"), true)));
        assert_eq!(trigger_date("甲方收到发票", false, &events), None, "no event it can date");
    }
}
