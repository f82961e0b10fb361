//! `crm-contract export FILE [-o OUT] [--format markdown] [--allow-incomplete] [--clauses DIR]`.

use std::path::{Path, PathBuf};

use super::{Failure, Said, load, write_output};
use crate::checks::{self, Finding};
use crate::cli::Format;
use crate::formats::docx;
use crate::render::{DocumentKind, RenderError, Renderer, context};

/// What to export and how.
#[derive(Debug)]
pub struct ExportRequest<'a> {
    pub draft: &'a Path,
    pub output: Option<&'a Path>,
    pub format: Format,
    pub allow_incomplete: bool,
    pub clauses: Option<&'a Path>,
    /// Replace an output that is a draft (the draft itself included).
    pub force: bool,
    /// The contract or one of its companions.
    pub document: DocumentKind,
    /// What a Word file adds to the document.
    pub word: WordChoices,
}

/// What a Word export adds to the document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordChoices {
    /// Open with 修订 on.
    pub track_changes: bool,
    /// The internal review copy, every finding a comment at its clause.
    pub with_findings: bool,
}

/// A file export wrote: where, and the SHA-256 of its bytes, so a signed copy can be matched
/// to the file it was made from (《电子签名法》第十三条: a signed data message must be shown
/// unaltered).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub path: PathBuf,
    pub sha256: String,
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).iter().fold(String::with_capacity(64), |mut out, byte| {
        let _ = std::fmt::Write::write_fmt(&mut out, format_args!("{byte:02x}"));
        out
    })
}

/// Renders the draft; returns the file it wrote (`None` for standard output).
pub fn export(request: &ExportRequest<'_>) -> Result<Option<Exported>, Failure> {
    let template_failure = |e: &RenderError| Failure::cannot_run(templates_failed(e));
    if request.word.with_findings && request.format != Format::Docx {
        return Err(Failure::cannot_run(Said::new(
            "--with-findings 用于生成带审阅意见的 Word 副本：请与 --format docx 一起使用",
            "--with-findings makes a Word review copy: use it with --format docx",
        )));
    }
    let renderer = Renderer::with_folder(request.clauses);
    std::thread::scope(|scope| {
        if let Ok(renderer) = &renderer {
            // The templates compile on a second core, last first, while this thread reads,
            // checks and prepares the draft; rendering compiles any not reached by then.
            // A template that fails here fails again in the render, which reports it.
            scope.spawn(|| renderer.compile_all().ok());
        }
        let draft = load(request.draft)?;
        // The checks run on a thread of their own while this one builds the template
        // context from the same draft: on a large draft they are the longest step.
        let review = || checks::run(&draft);
        let (findings, context) = std::thread::scope(|inner| {
            let checks = inner.spawn(review);
            let context = context::build(&draft);
            // A thread that could not finish is run again here rather than trusted.
            let findings = checks.join().unwrap_or_else(|_| review());
            (findings, context)
        });
        let errors: Vec<&Finding> = findings.iter().filter(|f| f.is_blocking()).collect();
        let not_needed = request.document.not_needed(&draft);
        drop(draft);
        let renderer = renderer.as_ref().map_err(template_failure)?;
        if let Some((zh, _)) = not_needed {
            return Err(Failure::draft_errors(vec![format!("{}: {zh}", request.draft.display())]));
        }
        // The review copy is for looking at the errors: it is made whatever they are.
        if !errors.is_empty() && !request.allow_incomplete && !request.word.with_findings {
            let lines: Vec<String> = errors.iter().map(|f| format!("{}  {}  {}", f.rule, f.field, f.message)).collect();
            let mut lines: Vec<Said> = lines.into_iter().map(Said::from).collect();
            let (shown, count) = (request.draft.display(), errors.len());
            lines.push(Said::new(
                format!("{shown}：有{count}个错误，合同未导出（请先改正；要导出带空白待填的合同，请加 --allow-incomplete）"),
                format!(
                    "{shown}: {count} error(s); the contract was not exported (fix them, or use --allow-incomplete to export with blanks)"
                ),
            ));
            return Err(Failure::draft_errors(lines));
        }
        // The review copy is never taken for the clean one: FILE.review.docx unless told.
        let default = || {
            if request.word.with_findings {
                request.draft.with_extension("review.docx")
            } else {
                default_output_of(request.draft, request.document, request.format)
            }
        };
        let output = request.output.map_or_else(default, Path::to_path_buf);
        refuse_draft_output(request.draft, &output, request.force).map_err(Failure::cannot_run)?;
        let tree = renderer.render_tree(request.document, context).map_err(|e| template_failure(&e))?;
        let review = request.word.with_findings.then(|| {
            let reviewer = docx::Reviewer {
                author: "crm-contract 审查".to_string(),
                date: crate::dates::ics::iso_stamp_of(request.draft),
            };
            (docx::comments_of_findings(&findings), reviewer)
        });
        let word = docx::Options { track_changes: request.word.track_changes, review };
        let bytes = crate::formats::convert(&tree, request.format, &word)
            .map_err(|e| Failure::cannot_run(Said::new(e.zh(), e.to_string())))?;
        write_output(&output, &bytes)?;
        Ok((output != Path::new("-")).then(|| Exported { sha256: sha256_hex(&bytes), path: output }))
    })
}

/// Where a document goes when no `-o` is given: the contract as [`default_output`], a
/// companion with its name before the extension (`deal.poa-buyer.md`).
pub fn default_output_of(draft: &Path, document: DocumentKind, format: Format) -> PathBuf {
    if document == DocumentKind::Contract {
        return default_output(draft, format);
    }
    let stem = draft.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    draft.with_file_name(format!("{stem}.{}.{}", document.id(), format.extension()))
}

/// Where an export goes when no `-o` is given: the draft's name with the format's
/// extension, never the draft itself (a draft named `contract.md` exports to
/// `contract.contract.md`).
pub fn default_output(draft: &Path, format: Format) -> PathBuf {
    let plain = draft.with_extension(format.extension());
    if plain != draft && !same_file(&plain, draft) {
        return plain;
    }
    let stem = draft.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    draft.with_file_name(format!("{stem}.contract.{}", format.extension()))
}

/// Refuses to write an export over the draft itself or over any other draft, unless
/// `force`: an export can be made again, a draft cannot.
/// A clause template that failed: the file and the line are the template writer's to fix.
pub fn templates_failed(error: &RenderError) -> Said {
    // A problem with the user's folder or files is said in Chinese; the engine's own
    // words about a template (its file, line and syntax) stay as the template writer needs them.
    let zh = match &error.problem {
        Some((what, problem)) => format!("条款模板出错：{what}：{}", problem.zh()),
        None => format!("条款模板出错：{error}"),
    };
    Said::new(zh, format!("clause templates: {error}"))
}

pub fn refuse_draft_output(draft: &Path, output: &Path, force: bool) -> Result<(), Said> {
    if force || output == Path::new("-") {
        return Ok(());
    }
    let shown = crate::terminal_text::path(output);
    if same_file(draft, output) {
        return Err(Said::new(
            format!("{shown}：这就是草稿本身，写到这里会用合同替换草稿（请换一个 -o，确要替换请加 --force）"),
            format!(
                "{shown}: this is the draft itself; exporting there would replace it with the contract (choose another -o, or add --force)"
            ),
        ));
    }
    if is_a_draft(output) {
        return Err(Said::new(
            format!("{shown}：这是一份合同草稿，写到这里会替换它（请换一个 -o，确要替换请加 --force）"),
            format!(
                "{shown}: this file is a contract draft; exporting there would replace it (choose another -o, or add --force)"
            ),
        ));
    }
    Ok(())
}

/// Whether two paths name one file (through links), compared by device and inode where
/// the system has them.
pub fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(first), Ok(second)) = (std::fs::metadata(a), std::fs::metadata(b)) else { return false };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        first.dev() == second.dev() && first.ino() == second.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (first, second);
        std::fs::canonicalize(a).ok() == std::fs::canonicalize(b).ok()
    }
}

/// Whether a file is a readable draft. Only a regular file that starts like a JSON
/// object is parsed, so an ordinary export or a pipe costs nothing.
pub fn is_a_draft(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else { return false };
    if !meta.is_file() || meta.len() > crate::draft::MAX_DRAFT_BYTES {
        return false;
    }
    let mut start = [0u8; 64];
    let read = std::fs::File::open(path).and_then(|mut f| std::io::Read::read(&mut f, &mut start)).unwrap_or(0);
    let head = String::from_utf8_lossy(&start[..read]);
    if !head.trim_start_matches('\u{feff}').trim_start().starts_with('{') {
        return false;
    }
    crate::draft::load(path).is_ok()
}
