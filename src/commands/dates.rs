//! `crm-contract dates FILE [-o OUT] [--remind DAYS] [--clauses DIR]`: the key dates as an
//! iCalendar file.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::export::refuse_draft_output;
use super::{Failure, load, write_output};
use crate::dates::{self, ics};
use crate::i18n::Lang;
use crate::render::{Renderer, context};

/// Where the dates go and how they remind.
#[derive(Debug)]
pub struct DatesRequest<'a> {
    pub draft: &'a Path,
    pub output: Option<&'a Path>,
    /// Days before each date to remind.
    pub reminders: &'a [u32],
    /// The clause folder the contract is exported with, so citations number as it does.
    pub clauses: Option<&'a Path>,
    pub force: bool,
    pub lang: Lang,
}

/// What was written.
#[derive(Debug)]
pub struct DatesWritten {
    /// `None` for standard output.
    pub path: Option<PathBuf>,
    pub count: usize,
}

/// Computes the key dates and writes the calendar; exit 1 (listing them) when a date it
/// needs is missing or invalid.
pub fn dates(request: &DatesRequest<'_>) -> Result<DatesWritten, Failure> {
    let draft = load(request.draft)?;
    let renderer =
        Renderer::with_folder(request.clauses).map_err(|e| Failure::cannot_run(format!("clause templates: {e}")))?;
    // The contract is rendered for its clause numbers only; a draft with blanks still has them.
    let (_, clauses) = renderer
        .render_numbered(context::build(&draft))
        .map_err(|e| Failure::cannot_run(format!("clause templates: {e}")))?;
    let key_dates = dates::key_dates(&draft, &clauses).map_err(|missing| {
        let lang = request.lang;
        let mut lines: Vec<String> =
            missing.iter().map(|m| format!("{}  {}  {}", m.path, m.label, m.problem)).collect();
        lines.push(format!(
            "{}: {}",
            request.draft.display(),
            lang.pick(
                &format!("缺少或无法识别{}个日期，未写出日历（请在向导中填写上列日期）", missing.len()),
                &format!(
                    "{} date(s) missing or invalid; no calendar was written (fill them in in the wizard)",
                    missing.len()
                ),
            )
        ));
        Failure::draft_errors(lines)
    })?;
    let output = request.output.map_or_else(|| request.draft.with_extension("ics"), Path::to_path_buf);
    refuse_draft_output(request.draft, &output, request.force).map_err(Failure::cannot_run)?;
    let reminders = if request.reminders.is_empty() { &ics::DEFAULT_REMINDERS[..] } else { request.reminders };
    let text = ics::calendar(&draft, &key_dates, reminders, modified(request.draft));
    write_output(&output, text.as_bytes())?;
    Ok(DatesWritten { path: (output != Path::new("-")).then_some(output), count: key_dates.len() })
}

/// When the draft last changed, to the second: the calendar's DTSTAMP.
pub fn modified(path: &Path) -> DateTime<Utc> {
    let time = std::fs::metadata(path).and_then(|m| m.modified()).unwrap_or(std::time::UNIX_EPOCH);
    let seconds = time.duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    DateTime::from_timestamp(i64::try_from(seconds).unwrap_or(0), 0).unwrap_or_default()
}
