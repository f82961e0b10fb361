//! `crm-contract dates FILE [-o OUT] [--remind DAYS] [--clauses DIR]`: the key dates as an
//! iCalendar file.

use std::path::{Path, PathBuf};

use super::export::refuse_draft_output;
use super::{Failure, load, write_output};
use crate::dates::{self, Missing, NoCalendar, ics};
use crate::i18n::Lang;
use crate::render::Renderer;

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
        Renderer::with_folder(request.clauses).map_err(|e| Failure::cannot_run(super::export::templates_failed(&e)))?;
    let (text, count) =
        dates::calendar(&draft, &renderer, request.reminders, ics::stamp_of(request.draft)).map_err(|no| match no {
            NoCalendar::Render(e) => Failure::cannot_run(super::export::templates_failed(&e)),
            NoCalendar::Missing(missing) => missing_dates(request, &missing),
        })?;
    let output = request.output.map_or_else(|| request.draft.with_extension("ics"), Path::to_path_buf);
    refuse_draft_output(request.draft, &output, request.force).map_err(Failure::cannot_run)?;
    write_output(&output, text.as_bytes())?;
    Ok(DatesWritten { path: (output != Path::new("-")).then_some(output), count })
}

/// Exit 1 listing each missing or invalid date.
fn missing_dates(request: &DatesRequest<'_>, missing: &[Missing]) -> Failure {
    let mut lines: Vec<String> = missing.iter().map(|m| format!("{}  {}  {}", m.path, m.label, m.problem)).collect();
    lines.push(format!(
        "{}: {}",
        request.draft.display(),
        request.lang.pick(
            &format!("缺少或无法识别{}个日期，未写出日历（请在向导中填写上列日期）", missing.len()),
            &format!(
                "{} date(s) missing or invalid; no calendar was written (fill them in in the wizard)",
                missing.len()
            ),
        )
    ));
    Failure::draft_errors(lines)
}
