//! The wizard's whole state: the draft being edited and what the interface shows. Only
//! `update` changes it; the views read it.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::checks::{self, Finding};
use crate::draft::{Draft, Resume};
use crate::i18n::Lang;
use crate::schema::{self, Field, Kind, Section};

use super::editor::Editor;
use super::keymap::Ctx;
use super::start::StartScreen;
use super::theme::Theme;

/// Number of clause steps; the review step comes after them.
pub fn step_count() -> usize {
    schema::steps().count()
}

/// One navigable field: its draft path and its row of the schema table.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub path: String,
    pub field: &'static Field,
}

/// A list field's rows, open for editing.
#[derive(Debug, Clone, PartialEq)]
pub struct RowsEditor {
    pub field: &'static Field,
    pub selected: usize,
    /// The row whose fields are open, and the focused column.
    pub row_form: Option<usize>,
    pub row_focus: usize,
}

/// A question the wizard is waiting on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    /// Quit with unsaved changes: y saves and quits, n quits without saving.
    QuitUnsaved,
    /// Export a draft that still has errors, with blanks.
    ExportIncomplete,
    /// Another running wizard (this process id, when known) holds the draft: y takes
    /// over, n opens it read-only.
    Locked(Option<u32>),
    /// A recovery file of this draft was found: y recovers it, n discards it.
    Recover,
    /// Another wizard took the draft over: this one no longer writes it. F2 saves elsewhere,
    /// y reloads the other wizard's version (read-only), Esc keeps looking (read-only).
    Lost(Option<u32>),
    /// Another program changed the file since it was opened: y keeps mine (theirs goes to
    /// `FILE.bak`), n loads theirs, F2 saves mine elsewhere, Esc decides later.
    ChangedOnDisk,
}

/// Whether this wizard writes its draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writing {
    /// The lock is ours: edits are saved.
    Yes,
    /// Opened read-only (another wizard holds the draft, or the lock could not be taken):
    /// edits are refused.
    ReadOnly,
    /// Another wizard took the draft over (its process id, when known): nothing more is
    /// written to it.
    Lost(Option<u32>),
    /// The file changed on disk; saving waits for the user's choice.
    ChangedOnDisk,
}

/// What covers the screen, if anything.
#[derive(Debug, Clone, PartialEq)]
pub enum Modal {
    None,
    Help {
        scroll: u16,
    },
    Confirm(Question),
    Choice {
        path: String,
        field: &'static Field,
        /// The highlighted option, by its index among all the field's options.
        selected: usize,
        /// What was typed to narrow the options (empty: all of them).
        filter: String,
    },
    /// A new file name for the draft, being typed (save elsewhere).
    SaveAs {
        path: Box<Editor>,
    },
    /// The other version to compare the draft with: a file, or HEAD for the committed one.
    CompareWith {
        path: Box<Editor>,
    },
    /// Ctrl-K: part of a field's label being typed, and the highlighted match.
    Jump {
        query: Box<Editor>,
        selected: usize,
    },
    /// The reason for accepting a finding, being typed.
    Waive {
        rule: &'static str,
        field: String,
        reason: Box<Editor>,
    },
}

/// The review step's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewTab {
    Findings,
    Checklist,
    Preview,
}

/// The status line's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

/// Where the wizard is: the start screen, or a draft.
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    Start(StartScreen),
    Draft,
}

/// The rendered contract kept for the preview and the review, with the edit it reflects.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Preview {
    pub document: Option<crate::document::Document>,
    pub edits: u64,
    pub error: Option<String>,
}

/// How much of each scrolling pane the last frame showed. The view measures it, the event
/// loop reports it, and `update` keeps scrolling within it (so a pane never scrolls past
/// its end into blank space).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Viewport {
    /// The preview beside or instead of the form.
    pub preview: Extent,
    /// The review step's 合同预览 tab.
    pub review: Extent,
    pub help: Extent,
}

/// A pane's content and visible height, in lines, and the columns its text was laid out in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Extent {
    pub lines: usize,
    pub height: u16,
    pub width: usize,
}

/// The contract's lines as laid out for a pane, and what for: which render (its edit), how
/// wide, and which part (a step's clauses, or `None` for the whole contract). `update` lays
/// them out once a frame has reported the pane's width, so the frames that follow — paging
/// through the contract — draw the lines they show instead of laying out the whole contract
/// again. A frame that finds them stale lays out its own, as before.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LaidOut {
    pub edits: u64,
    pub width: usize,
    pub part: Option<crate::schema::Preview>,
    pub lines: Vec<ratatui::text::Line<'static>>,
}

impl LaidOut {
    /// The lines if they were laid out for this render, width and part.
    pub fn lines_for(
        &self,
        edits: u64,
        width: usize,
        part: Option<crate::schema::Preview>,
    ) -> Option<&[ratatui::text::Line<'static>]> {
        (self.edits == edits && self.width == width && self.part == part && !self.lines.is_empty())
            .then_some(self.lines.as_slice())
    }
}

impl Extent {
    /// The last first line that still fills the pane.
    pub fn max_scroll(self) -> u16 {
        u16::try_from(self.lines.saturating_sub(usize::from(self.height))).unwrap_or(u16::MAX)
    }

    /// One page: the pane less a line kept from the page before.
    pub fn page(self) -> u16 {
        self.height.saturating_sub(1).max(1)
    }

    /// `scroll` moved by `by` lines and kept within the content.
    pub fn scrolled(self, scroll: u16, by: i32) -> u16 {
        let moved = i32::from(scroll).saturating_add(by).max(0);
        u16::try_from(moved).unwrap_or(u16::MAX).min(self.max_scroll())
    }
}

/// Everything the wizard knows.
#[derive(Debug)]
#[allow(clippy::struct_excessive_bools)] // independent flags (preview shown, quitting, read-only, imported)
pub struct App {
    /// Shared with the saving and checking threads, which read a snapshot of it; an edit
    /// while they hold one copies it first (`Arc::make_mut`).
    pub draft: std::sync::Arc<Draft>,
    pub file: PathBuf,
    pub lang: Lang,
    pub theme: Theme,
    /// What the last frame could show of each scrolling pane.
    pub viewport: Viewport,
    pub screen: Screen,
    /// 0..step_count() are the clause steps; step_count() is the review.
    pub step: usize,
    pub focus: usize,
    pub editor: Option<Editor>,
    pub rows: Option<RowsEditor>,
    pub modal: Modal,
    /// Fields the user has left at least once: their messages are shown.
    pub touched: BTreeSet<String>,
    /// Fields the user gave a value in this sitting: a default never replaces them.
    pub edited: BTreeSet<String>,
    /// Every change of this sitting, to undo and redo.
    pub history: super::history::History,
    /// The field being typed in and its value when the typing began: one change per visit.
    pub typing_from: Option<(String, serde_json::Value)>,
    /// Steps the user has visited.
    pub visited: BTreeSet<usize>,
    /// The draft came from elsewhere (no wizard state): steps with values count as started.
    pub imported: bool,
    pub findings: Vec<Finding>,
    /// The draft changed since `findings` were computed; the event loop re-runs the checks
    /// once no key is waiting, so leaving a field never waits for them.
    pub findings_stale: bool,
    /// Counts edits; the draft is saved when `saved_edits` catches up.
    pub edits: u64,
    pub saved_edits: u64,
    /// A keystroke's text is in the editor but not yet in the draft (see
    /// `update::flush_typing`).
    pub typing_pending: bool,
    /// The newest edit handed to the saving thread (saved or about to be).
    pub queued_edits: u64,
    /// Why the last save failed, until one succeeds.
    pub save_error: Option<String>,
    /// A recovery file of this draft, found when it was opened.
    pub recovery: Option<crate::draft::recovery::Found>,
    pub status: Option<Status>,
    pub show_preview: bool,
    pub preview: Preview,
    /// The preview's or the contract tab's lines, laid out by `update` (see [`LaidOut`]).
    pub laid_out: LaidOut,
    pub preview_scroll: u16,
    pub review_tab: ReviewTab,
    pub review_selected: usize,
    pub review_scroll: u16,
    /// The last 变更对照表 the review step made (Markdown), shown in its preview tab.
    pub comparison: Option<String>,
    /// What the next export writes: the contract as Markdown unless the review step chose.
    pub export_target: super::outputs::Output,
    pub quit: bool,
    /// The user chose to quit without saving: nothing is written on the way out.
    pub discard_on_quit: bool,
    pub writing: Writing,
}

impl App {
    /// The wizard on a draft, resuming where it was left.
    pub fn new(draft: Draft, file: PathBuf, lang: Lang) -> App {
        let mut app = App {
            draft: std::sync::Arc::new(draft),
            file,
            lang,
            theme: Theme::detect(),
            viewport: Viewport::default(),
            screen: Screen::Draft,
            step: 0,
            focus: 0,
            editor: None,
            rows: None,
            modal: Modal::None,
            touched: BTreeSet::new(),
            edited: BTreeSet::new(),
            history: super::history::History::default(),
            typing_from: None,
            visited: BTreeSet::new(),
            imported: false,
            findings: Vec::new(),
            findings_stale: false,
            edits: 0,
            saved_edits: 0,
            queued_edits: 0,
            typing_pending: false,
            save_error: None,
            recovery: None,
            status: None,
            show_preview: false,
            preview: Preview::default(),
            laid_out: LaidOut::default(),
            preview_scroll: 0,
            review_tab: ReviewTab::Findings,
            review_selected: 0,
            review_scroll: 0,
            export_target: super::outputs::Output::Contract(crate::cli::Format::Markdown),
            comparison: None,
            quit: false,
            discard_on_quit: false,
            writing: Writing::Yes,
        };
        app.resume();
        super::update::refresh_findings(&mut app);
        app.visited.insert(app.step);
        app.open_editor();
        app
    }

    /// The start screen, before any draft is open.
    pub fn start(start: StartScreen, lang: Lang) -> App {
        let mut app = App::new(Draft::empty(), PathBuf::new(), lang);
        app.screen = Screen::Start(start);
        app.editor = None;
        app
    }

    fn resume(&mut self) {
        let Some(Resume { step, field, visited }) = self.draft.resume() else {
            self.imported = true;
            return;
        };
        self.visited =
            schema::steps().enumerate().filter(|(_, s)| visited.iter().any(|v| v == s.id)).map(|(i, _)| i).collect();
        if visited.iter().any(|v| v == "review") {
            self.visited.insert(step_count());
        }
        if step == "review" {
            self.step = step_count();
        } else if let Some(index) = schema::steps().position(|s| s.id == step) {
            self.step = index;
            self.focus = self.items().iter().position(|item| item.path == field).unwrap_or(0);
        }
        // What the earlier session left shows its findings again, as it did then: every
        // field of the other steps it visited, and this step's fields above the focus.
        let left: Vec<String> = schema::steps()
            .enumerate()
            .filter(|(index, _)| self.visited.contains(index) && *index != self.step)
            .flat_map(|(_, section)| self.items_of(section))
            .chain(self.items().into_iter().take(self.focus))
            .map(|item| item.path)
            .collect();
        self.touched.extend(left);
    }

    /// The draft to change: copied first if a saving or checking thread still reads it.
    pub fn draft_mut(&mut self) -> &mut Draft {
        std::sync::Arc::make_mut(&mut self.draft)
    }

    /// The current step's section, or `None` on the review step.
    pub fn section(&self) -> Option<&'static Section> {
        schema::steps().nth(self.step)
    }

    pub fn on_review(&self) -> bool {
        self.step >= step_count()
    }

    pub fn is_dirty(&self) -> bool {
        self.edits != self.saved_edits
    }

    /// Whether quitting now would lose something: edits not even queued for saving (a
    /// queued save is finished before the wizard exits), edits whose save failed, or edits
    /// this wizard may no longer write.
    pub fn has_unqueued_edits(&self) -> bool {
        let unsaved = self.edits != self.saved_edits;
        unsaved && (self.save_error.is_some() || self.writing != Writing::Yes || self.edits != self.queued_edits)
    }

    /// Whether the draft may be edited (read-only and a lost draft refuse edits).
    pub fn is_writable(&self) -> bool {
        matches!(self.writing, Writing::Yes | Writing::ChangedOnDisk)
    }

    /// The fields the user moves between now: the open row's columns, or the step's
    /// fields that apply to this draft.
    pub fn items(&self) -> Vec<Item> {
        if let Some(RowsEditor { field, row_form: Some(row), .. }) = &self.rows {
            let columns = field.list().map_or(&[][..], |l| l.columns);
            return columns
                .iter()
                .map(|c| Item { path: format!("{}[{row}].{}", field.path, c.path), field: c })
                .collect();
        }
        self.section().map(|section| self.items_of(section)).unwrap_or_default()
    }

    /// A step's fields that apply to this draft.
    fn items_of(&self, section: &'static Section) -> Vec<Item> {
        schema::sections_shown_in(section)
            .flat_map(|s| s.fields.iter())
            .filter(|f| f.applies(&self.draft))
            .map(|f| Item { path: f.path.to_string(), field: f })
            .collect()
    }

    /// The focused field.
    pub fn focused(&self) -> Option<Item> {
        let items = self.items();
        let index = match &self.rows {
            Some(RowsEditor { row_form: Some(_), row_focus, .. }) => *row_focus,
            Some(_) => return None,
            None => self.focus,
        };
        items.get(index.min(items.len().saturating_sub(1))).cloned()
    }

    /// The contexts whose bindings apply, most specific first.
    pub fn contexts(&self) -> Vec<Ctx> {
        match (&self.screen, &self.modal) {
            (Screen::Start(start), _) if start.naming.is_some() => return vec![Ctx::Name, Ctx::Text],
            (Screen::Start(start), _) => {
                let recent = matches!(start.choices.get(start.selected), Some(super::start::StartChoice::Recent(_)));
                return if recent { vec![Ctx::Recent, Ctx::Start] } else { vec![Ctx::Start] };
            }
            (_, Modal::Help { .. }) => return vec![Ctx::Help],
            (_, Modal::Confirm(Question::Lost(_) | Question::ChangedOnDisk)) => return vec![Ctx::Alert],
            (_, Modal::Confirm(Question::Locked(_))) => return vec![Ctx::Locked],
            (_, Modal::Confirm(_)) => return vec![Ctx::Confirm],
            (_, Modal::Choice { .. }) => return vec![Ctx::Popup],
            (_, Modal::Jump { .. }) => return vec![Ctx::Popup, Ctx::Text],
            (_, Modal::Waive { .. }) => return vec![Ctx::Waive, Ctx::Text],
            (_, Modal::SaveAs { .. } | Modal::CompareWith { .. }) => return vec![Ctx::Path, Ctx::Text],
            _ => {}
        }
        if self.on_review() && self.review_tab == ReviewTab::Preview {
            return vec![Ctx::Reading, Ctx::Review, Ctx::Global];
        }
        if self.on_review() {
            return vec![Ctx::Review, Ctx::Global];
        }
        match &self.rows {
            Some(RowsEditor { row_form: None, field, .. }) if field.path == schema::MODULES_PATH => {
                return vec![Ctx::Catalog, Ctx::Rows, Ctx::Global];
            }
            Some(RowsEditor { row_form: None, .. }) => return vec![Ctx::Rows, Ctx::Global],
            _ => {}
        }
        let field_ctx = self.focused().map(|item| match item.field.kind {
            Kind::Bool => Ctx::Bool,
            Kind::Choice(_) => Ctx::Choice,
            Kind::List(_) => Ctx::List,
            Kind::Text | Kind::Long | Kind::Money | Kind::Percent | Kind::Rate | Kind::Int { .. } | Kind::Date => {
                Ctx::Text
            }
        });
        field_ctx.into_iter().chain([Ctx::Form, Ctx::Global]).collect()
    }

    /// Opens the text editor when the focus is on a field the user types.
    pub fn open_editor(&mut self) {
        self.editor = self.focused().filter(|item| item.field.kind.is_typed()).map(|item| {
            let value = self.draft.raw(&item.path).unwrap_or_default();
            Editor::open(&item.path, value, matches!(item.field.kind, Kind::Long))
        });
        self.typing_from =
            self.editor.as_ref().map(|e| (e.path.clone(), super::history::value_at(&self.draft, &e.path)));
    }

    /// The findings for one path, for display under the field.
    pub fn findings_at<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
        self.findings.iter().filter(move |f| f.field == path)
    }

    /// Whether `path` is the field being typed into and now holds something other than it
    /// did when this visit began: its messages, about the old value, wait until it is left
    /// and checked again (under the field and in the step list alike).
    pub fn is_retyped(&self, path: &str) -> bool {
        let Some(editor) = self.editor.as_ref().filter(|e| e.path == path) else { return false };
        self.typing_from
            .as_ref()
            .is_some_and(|(from, before)| from == path && editor.value() != before.as_str().unwrap_or_default())
    }

    /// Whether the user has left this field, or the list a row of which holds it
    /// (`payment.milestones` for `payment.milestones[1].percent`). Looked up, not scanned:
    /// a resumed draft starts with every field of its visited steps left.
    fn was_left(&self, field: &str) -> bool {
        self.touched.contains(field) || field.match_indices('[').any(|(at, _)| self.touched.contains(&field[..at]))
    }

    /// Errors and warnings found in a step's fields; with `only_left`, only those in fields the
    /// user has left (the step being filled in does not greet a new draft with ✗20) and is
    /// not retyping.
    pub fn step_counts(&self, section: &Section, only_left: bool) -> (usize, usize) {
        let mut counts = (0, 0);
        for finding in &self.findings {
            if schema::step_of(&finding.field).is_none_or(|s| s.id != section.id) {
                continue;
            }
            if !only_left || (self.was_left(&finding.field) && !self.is_retyped(&finding.field)) {
                match finding.severity {
                    _ if !finding.is_open() => {}
                    checks::Severity::Error => counts.0 += 1,
                    checks::Severity::Warning => counts.1 += 1,
                    checks::Severity::Info => {}
                }
            }
        }
        counts
    }

    /// Whether a step counts as started: visited, or holding values in a draft that was
    /// made outside the wizard.
    /// A step counts (its marks and errors show) once visited, or once it holds anything
    /// other than what a new draft starts with: a filled-in draft opened for the first
    /// time, or a step written by another program, reads as the work it is.
    pub fn step_started(&self, index: usize, section: &Section) -> bool {
        self.visited.contains(&index)
            || section.fields.iter().any(|f| match self.draft.get(f.path) {
                None | Some(serde_json::Value::Null) => false,
                Some(value) => self.imported || crate::draft::preset_of(f).as_ref() != Some(value),
            })
    }

    /// The position to store in the draft for resuming.
    pub fn resume_point(&self) -> Resume {
        let visited = self
            .visited
            .iter()
            .map(|&i| schema::steps().nth(i).map_or_else(|| "review".to_string(), |s| s.id.to_string()))
            .collect();
        match self.section() {
            Some(section) => Resume {
                step: section.id.to_string(),
                field: self.items().get(self.focus).map(|i| i.path.clone()).unwrap_or_default(),
                visited,
            },
            None => Resume { step: "review".into(), field: String::new(), visited },
        }
    }
}
