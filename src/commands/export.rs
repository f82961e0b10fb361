//! `crm-contract export FILE [-o OUT] [--format markdown] [--allow-incomplete] [--clauses DIR]`.

use std::path::{Path, PathBuf};

use super::{Failure, load, write_output};
use crate::checks::{self, Finding};
use crate::cli::Format;
use crate::render::{RenderError, Renderer, context};

/// What to export and how.
#[derive(Debug)]
pub struct ExportRequest<'a> {
    pub draft: &'a Path,
    pub output: Option<&'a Path>,
    pub format: Format,
    pub allow_incomplete: bool,
    pub clauses: Option<&'a Path>,
}

/// Renders the draft; returns where the contract went (`None` for standard output).
pub fn export(request: &ExportRequest<'_>) -> Result<Option<PathBuf>, Failure> {
    let template_failure = |e: &RenderError| Failure::cannot_run(format!("clause templates: {e}"));
    let renderer = Renderer::with_folder(request.clauses);
    std::thread::scope(|scope| {
        if let Ok(renderer) = &renderer {
            // The templates compile on a second core, last first, while this thread reads,
            // checks and prepares the draft; rendering compiles any not reached by then.
            // A template that fails here fails again in the render, which reports it.
            scope.spawn(|| renderer.compile_all().ok());
        }
        let draft = load(request.draft)?;
        let errors: Vec<Finding> = checks::run(&draft).into_iter().filter(Finding::is_blocking).collect();
        let context = context::build(&draft);
        drop(draft);
        let renderer = renderer.as_ref().map_err(template_failure)?;
        if !errors.is_empty() && !request.allow_incomplete {
            let mut lines: Vec<String> =
                errors.iter().map(|f| format!("{}  {}  {}", f.rule, f.field, f.message)).collect();
            lines.push(format!(
                "{}: {} error(s); the contract was not exported (fix them, or use --allow-incomplete to export with blanks)",
                request.draft.display(),
                errors.len()
            ));
            return Err(Failure::draft_errors(lines));
        }
        let text = renderer.render_context(context).map_err(|e| template_failure(&e))?;
        let output =
            request.output.map_or_else(|| request.draft.with_extension(request.format.extension()), Path::to_path_buf);
        write_output(&output, &crate::formats::convert(&text, request.format))?;
        Ok((output != Path::new("-")).then_some(output))
    })
}
