//! Rendering the contract: one minijinja environment over the clause templates (built in,
//! or a user's folder given with `--clauses`), Markdown auto-escaping of every value,
//! strict undefined variables, and the filters the clauses use for money, dates and numbers.

mod bounds;
pub mod context;
mod documents;
pub(crate) mod filters;
mod numbering;
mod templates;

use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use minijinja::syntax::SyntaxConfig;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior, Value};

use crate::document;
use crate::draft::Draft;
use crate::markdown;

pub use documents::DocumentKind;
pub use numbering::ClauseLabels;
pub use templates::{COMPANION_TEMPLATES, CONTRACT_TEMPLATES, FolderProblem, MASTER, built_in};

/// Instruction budget for one render: generous for 100,000 rows, but a runaway loop in a
/// custom template stops instead of hanging.
const FUEL: u64 = 100_000_000;

/// A template could not be loaded, compiled or rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderError {
    /// What failed, in English: the file, the line and the engine's words.
    pub message: String,
    /// Where the user's clause folder or one of its files is the cause: the path or
    /// template name and the problem, which the interface words in its language.
    pub problem: Option<(String, FolderProblem)>,
}

impl RenderError {
    fn new(message: impl Into<String>) -> Self {
        RenderError { message: message.into(), problem: None }
    }

    fn of_folder(shown: String, problem: FolderProblem, english: &str) -> Self {
        RenderError { message: format!("{shown}: {english}"), problem: Some((shown, problem)) }
    }
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for RenderError {}

impl From<Error> for RenderError {
    fn from(err: Error) -> Self {
        let mut text = match (err.name(), err.line()) {
            (Some(name), Some(line)) => format!("{name}, line {line}: {}", err.kind()),
            (Some(name), None) => format!("{name}: {}", err.kind()),
            _ => err.kind().to_string(),
        };
        if let Some(detail) = err.detail() {
            text.push_str(": ");
            text.push_str(detail);
        }
        let mut problem = None;
        let mut source = std::error::Error::source(&err);
        while let Some(cause) = source {
            match cause.downcast_ref::<templates::Located>() {
                // Said once already in the detail.
                Some(located) => problem = Some((located.name.clone(), located.problem)),
                None => {
                    let _ = write!(text, " (caused by: {cause})");
                }
            }
            source = cause.source();
        }
        RenderError { message: text, problem }
    }
}

/// The clause templates and the environment that renders them. Build once, render often.
pub struct Renderer {
    env: Environment<'static>,
    /// The user's clause folder, whose templates are bounded in memory as they render.
    custom: Option<std::path::PathBuf>,
}

impl Renderer {
    /// The templates compiled into the binary.
    pub fn built_in() -> Result<Self, RenderError> {
        Self::with_folder(None)
    }

    /// A user's clause folder: its files replace the built-in ones of the same name; files
    /// it lacks fall back to the built-in set. Templates cannot load anything outside it.
    pub fn with_folder(folder: Option<&Path>) -> Result<Self, RenderError> {
        let folder = match folder {
            Some(path) => {
                let shown = || path.display().to_string();
                let folder = path.canonicalize().map_err(|e| {
                    RenderError::of_folder(shown(), FolderProblem::Unreadable(e.kind()), &e.to_string())
                })?;
                if !folder.is_dir() {
                    return Err(RenderError::of_folder(
                        shown(),
                        FolderProblem::NotAFolder,
                        &FolderProblem::NotAFolder.en(),
                    ));
                }
                Some(folder)
            }
            None => None,
        };
        let custom = folder.clone();
        let mut env = Environment::new();
        env.set_loader(move |name| templates::load(folder.as_deref(), name));
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        let syntax = SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
            .map_err(RenderError::from)?;
        env.set_syntax(syntax);
        env.set_fuel(Some(FUEL));
        env.set_auto_escape_callback(|_| AutoEscape::Custom("markdown".into()));
        env.set_formatter(format_value);
        filters::register(&mut env);
        env.add_function("numbering", numbering::numbering);
        // A blank a template prints itself, where no field would (`{{ blank("付款节点") }}`).
        env.add_function("blank", |label: &str| context::blank(label));
        // Compile the master now so a broken custom set fails before any work is done.
        env.get_template(MASTER)?;
        Ok(Renderer { env, custom })
    }

    /// Compiles every template of the contract now, last first: `export` runs this on a
    /// second thread while the first prepares the draft, so rendering (which starts from
    /// the first template) finds them ready or compiles what is left itself.
    pub fn compile_all(&self) -> Result<(), RenderError> {
        for (name, _) in CONTRACT_TEMPLATES.iter().rev() {
            self.env.get_template(name)?;
        }
        Ok(())
    }

    /// The whole contract in Markdown.
    pub fn render(&self, draft: &Draft) -> Result<String, RenderError> {
        self.render_context(context::build(draft))
    }

    /// The whole contract from a context made by [`context::build`] (which `export` builds
    /// on its second thread).
    pub fn render_context(&self, context: Value) -> Result<String, RenderError> {
        self.render_numbered(context).map(|(text, _)| text)
    }

    /// The contract and the number of every keyed clause in it (`acceptance.review` →
    /// 第9.2款), for what cites the contract from outside it (the key dates).
    pub fn render_numbered(&self, context: Value) -> Result<(String, ClauseLabels), RenderError> {
        self.render_master(MASTER, context).map(|(tree, labels)| (tree.to_markdown(), labels))
    }

    /// One document of the draft in Markdown.
    pub fn render_document(&self, kind: DocumentKind, context: Value) -> Result<String, RenderError> {
        self.render_tree(kind, context).map(|tree| tree.to_markdown())
    }

    /// One document of the draft as the tree every format renders. A companion cites the
    /// contract's clauses by their numbers (`contract_clauses["acceptance.review"]`), so the
    /// contract is rendered first for them.
    pub fn render_tree(&self, kind: DocumentKind, context: Value) -> Result<document::Document, RenderError> {
        if kind == DocumentKind::Contract {
            return self.render_master(MASTER, context).map(|(tree, _)| tree);
        }
        let (_, clauses) = self.render_master(MASTER, context.clone())?;
        let context = minijinja::context! { contract_clauses => Value::from(clauses.into_map()), ..context };
        self.render_master(kind.master(), context).map(|(tree, _)| tree)
    }

    fn render_master(&self, master: &str, context: Value) -> Result<(document::Document, ClauseLabels), RenderError> {
        let template = self.env.get_template(master)?;
        let numbering = Arc::new(numbering::Numbering::default());
        let meta = meta(&context);
        // The key is `numbering::CONTEXT_KEY` (the macro takes a name, not a constant); if the
        // two drifted apart, no reference would resolve and every contract test would fail.
        let context = minijinja::context! { __numbering => Value::from_dyn_object(Arc::clone(&numbering)), ..context };
        let guard =
            self.custom.clone().and_then(|folder| bounds::MemoryGuard::start(folder, bounds::CUSTOM_MEMORY_MAX));
        // A user's templates are bounded as they write; the built-in ones write what the draft
        // holds and no more, straight into a string (no second pass to check its UTF-8).
        let rendered = if self.custom.is_some() {
            let mut output = bounds::LimitedOutput::new(bounds::OUTPUT_MAX);
            template.render_captured_to(context, &mut output)?;
            output.into_string()
        } else {
            template.render(context)?
        };
        drop(guard);
        let text = numbering.resolve(&rendered).map_err(|e| RenderError::new(format!("{master}: {e}")))?;
        let text = markdown::tidy_blocks(&text);
        // The tree sanitizes the template's own text as it reads it (values were as they
        // were escaped), so no control or XML-forbidden character reaches any format.
        Ok((document::parse(&text, &numbering.tags(), meta), numbering.labels()))
    }
}

/// The document properties from a context's values (never from the text).
pub fn meta(context: &Value) -> document::Meta {
    let text = |value: Value| value.as_str().filter(|s| !s.trim().is_empty() && !value.is_safe()).map(str::to_string);
    let path = |path: &[&str]| path.iter().try_fold(context.clone(), |value, key| value.get_attr(key).ok());
    document::Meta {
        contract_no: path(&["meta", "contract_no"]).and_then(text),
        parties: ["buyer", "supplier"]
            .iter()
            .filter_map(|side| path(&["parties", side, "name"]).and_then(text))
            .collect(),
    }
}

/// Prints a value: our own safe strings as they are, user text escaped for Markdown. A
/// value that is not filled in prints as a blank 【待填写】: this happens in incomplete
/// drafts, where a field's condition depends on a value that is itself missing. (Tests
/// check that a complete draft never prints one.)
fn format_value(out: &mut minijinja::Output, _state: &mut minijinja::State, value: &Value) -> Result<(), Error> {
    let written = if value.is_safe() {
        write!(out, "{value}")
    } else if value.is_none() {
        write!(out, "{}", context::blank(""))
    } else if let Some(text) = value.as_str() {
        out.write_str(&markdown::escape_text(text))
    } else {
        write!(out, "{value}")
    };
    written.map_err(|_| Error::new(ErrorKind::WriteFailure, "could not write the output"))
}
