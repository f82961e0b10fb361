//! `crm-contract diff OLD NEW [-o OUT] [--format markdown|html|docx] [--clauses DIR]`: the
//! 变更对照表 and redline between two drafts; exit 0 when they say the same, 1 when they
//! differ, 2 when one cannot be read (as diff(1)).

use std::path::{Path, PathBuf};

use super::{Failure, load, write_output};
use crate::cli::Format;
use crate::diff::{self, Versions};
use crate::document;
use crate::draft::Draft;
use crate::formats::{self, docx::Reviser, revision};
use crate::render::Renderer;

/// The two drafts and where the report goes.
#[derive(Debug)]
pub struct DiffRequest<'a> {
    pub old: &'a Path,
    pub new: &'a Path,
    pub output: Option<&'a Path>,
    pub format: Format,
    pub clauses: Option<&'a Path>,
}

/// What `diff` produced.
#[derive(Debug)]
pub struct DiffOutcome {
    pub same: bool,
    /// The report for standard output, when it goes there.
    pub printed: Option<Vec<u8>>,
    /// Where it was written otherwise.
    pub written: Option<PathBuf>,
}

pub fn diff(request: &DiffRequest<'_>) -> Result<DiffOutcome, Failure> {
    let (old, new) = (load(request.old)?, load(request.new)?);
    let renderer =
        Renderer::with_folder(request.clauses).map_err(|e| Failure::cannot_run(super::export::templates_failed(&e)))?;
    let comparison =
        diff::compare(&old, &new, &renderer).map_err(|e| Failure::cannot_run(super::export::templates_failed(&e)))?;
    let versions = Versions { old: &request.old.display().to_string(), new: &request.new.display().to_string() };
    if request.format == Format::Pdf {
        return Err(Failure::cannot_run(super::Said::new(
            "diff 只写 markdown、html 或 docx（可在 Word 中逐条接受或拒绝的修订稿）；PDF 请用 export 导出合同",
            "diff writes markdown, html or docx (a Word redline to accept or reject); export the contract as pdf",
        )));
    }
    let meta = crate::render::meta(&crate::render::context::build(&new));
    let bytes = match request.format {
        Format::Markdown => revision::as_markdown(&diff::report(&comparison, &versions)).into_bytes(),
        Format::Html => {
            let report = document::parse(&diff::report(&comparison, &versions), &[], meta);
            formats::html::document(&report).into_bytes()
        }
        // The whole new contract with every change tracked, to accept or reject in Word.
        Format::Docx => {
            let redline = document::parse(&comparison.redline.full, &[], meta);
            formats::docx::redline(&redline, &reviser(&new, request.new))
        }
        Format::Pdf => Vec::new(),
    };
    let same = comparison.is_same();
    let output = match (request.output, request.format) {
        (Some(path), _) => Some(path.to_path_buf()),
        // Word is no text for a terminal: beside NEW unless told.
        (None, Format::Docx) => Some(request.new.with_extension("redline.docx")),
        (None, _) => None,
    };
    match output {
        Some(path) if path != Path::new("-") => {
            super::export::refuse_draft_output(request.new, &path, false).map_err(Failure::cannot_run)?;
            super::export::refuse_draft_output(request.old, &path, false).map_err(Failure::cannot_run)?;
            write_output(&path, &bytes)?;
            Ok(DiffOutcome { same, printed: None, written: Some(path) })
        }
        _ => Ok(DiffOutcome { same, printed: Some(bytes), written: None }),
    }
}

/// Who made NEW's changes, as Word shows them: its drafting party by name, dated when the
/// file last changed.
fn reviser(new: &Draft, path: &Path) -> Reviser {
    let party = |side: &str, role: &str| {
        new.text(&format!("parties.{side}.name")).map_or_else(|| role.to_string(), |name| format!("{role}（{name}）"))
    };
    let author = match new.text("meta.drafting_party") {
        Some("buyer") => party("buyer", "甲方"),
        Some("supplier") => party("supplier", "乙方"),
        _ => "修改稿".to_string(),
    };
    Reviser { author, date: crate::dates::ics::iso_stamp_of(path) }
}
