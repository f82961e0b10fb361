//! `crm-contract export FILE [-o OUT] [--format markdown] [--allow-incomplete] [--clauses DIR]`.

use std::path::{Path, PathBuf};

use super::{Failure, load, write_output};
use crate::checks::{self, Finding};
use crate::cli::Format;
use crate::render::{Renderer, context};

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
    let template_failure = |e: crate::render::RenderError| Failure::cannot_run(format!("clause templates: {e}"));
    std::thread::scope(|scope| {
        // The draft is read, checked and turned into the template context on a second core
        // while this thread compiles the templates (the heavier allocator of the two, so it
        // keeps the main heap).
        let preparing = scope.spawn(|| {
            load(request.draft).map(|draft| {
                let errors: Vec<Finding> = checks::run(&draft).into_iter().filter(Finding::is_blocking).collect();
                (context::build(&draft), errors)
            })
        });
        let renderer = Renderer::with_folder(request.clauses).and_then(Renderer::compiled);
        let (context, errors) =
            preparing.join().map_err(|_| Failure::cannot_run("reading the draft failed unexpectedly"))??;
        let renderer = renderer.map_err(template_failure)?;
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
        let text = renderer.render_context(context).map_err(template_failure)?;
        let output =
            request.output.map_or_else(|| request.draft.with_extension(request.format.extension()), Path::to_path_buf);
        write_output(&output, &crate::formats::convert(&text, request.format))?;
        Ok((output != Path::new("-")).then_some(output))
    })
}
