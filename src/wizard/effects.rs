//! The edge of the wizard: saving (in a background thread, off the typing path),
//! autosave timing, exporting, opening drafts from the start screen, and the preview
//! render (debounced, never on the key path).

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::app::{App, Screen, Status};
use super::recent;
use super::start::{StartChoice, free_name};
use super::update::Effect;
use crate::commands::example::example_draft;
use crate::draft::{self, Draft, lock};
use crate::render::Renderer;

/// Autosave after this much quiet...
const AUTOSAVE_IDLE: Duration = Duration::from_millis(800);
/// ...and never later than this after the first unsaved change, so at most 2 s are at risk.
const AUTOSAVE_MAX: Duration = Duration::from_millis(1800);
/// The preview re-renders after this much quiet.
const PREVIEW_IDLE: Duration = Duration::from_millis(150);

struct SaveJob {
    path: PathBuf,
    json: String,
    edits: u64,
    announce: bool,
}

struct SaveDone {
    edits: u64,
    announce: bool,
    result: Result<(), String>,
}

/// Timers, the saver thread and the renderer.
pub struct Runtime {
    jobs: Option<Sender<SaveJob>>,
    done: Receiver<SaveDone>,
    saver: Option<JoinHandle<()>>,
    renderer: Option<Result<Renderer, String>>,
    last_edit: Option<Instant>,
    first_unsaved: Option<Instant>,
    messages: Vec<String>,
}

impl Default for Runtime {
    fn default() -> Self {
        Self::new()
    }
}

impl Runtime {
    pub fn new() -> Runtime {
        let (jobs, queue) = mpsc::channel::<SaveJob>();
        let (report, done) = mpsc::channel();
        let saver = std::thread::spawn(move || {
            while let Ok(mut job) = queue.recv() {
                // Only the newest queued state matters.
                while let Ok(newer) = queue.try_recv() {
                    job = newer;
                }
                let result = draft::save_text(&job.path, &job.json).map_err(|e| e.to_string());
                let _ = report.send(SaveDone { edits: job.edits, announce: job.announce, result });
            }
        });
        Runtime {
            jobs: Some(jobs),
            done,
            saver: Some(saver),
            renderer: None,
            last_edit: None,
            first_unsaved: None,
            messages: Vec::new(),
        }
    }

    /// The text of the draft changed just now.
    pub fn edited(&mut self) {
        let now = Instant::now();
        self.last_edit = Some(now);
        self.first_unsaved.get_or_insert(now);
    }

    /// How long the loop may sleep before a timer is due.
    pub fn next_deadline(&self) -> Option<Duration> {
        let now = Instant::now();
        let idle = self.last_edit.map(|t| (t + AUTOSAVE_IDLE).saturating_duration_since(now));
        let cap = self.first_unsaved.map(|t| (t + AUTOSAVE_MAX).saturating_duration_since(now));
        let preview = self.last_edit.map(|t| (t + PREVIEW_IDLE).saturating_duration_since(now));
        [idle, cap, preview].into_iter().flatten().min().map(|d| d.max(Duration::from_millis(10)))
    }

    /// Carries out one effect.
    pub fn apply(&mut self, app: &mut App, effect: Effect) {
        match effect {
            Effect::Save => self.save(app, true),
            Effect::Autosave => self.save(app, false),
            Effect::Lock { previous } => {
                if let Some(previous) = previous {
                    lock::release(&previous);
                }
                app.read_only = false;
                if let Err(error) = lock::acquire(&app.file) {
                    app.status = Some(Status {
                        text: format!("{}: {error}", lock::lock_path(&app.file).display()),
                        is_error: true,
                    });
                }
            }
            Effect::Recover => {
                // The recovered text goes to disk at once: it is what the user lost.
                if recover(app) {
                    self.save(app, false);
                }
            }
            Effect::DiscardRecovery => {
                let _ = std::fs::remove_file(draft::sibling(&app.file, "recovery"));
            }
            Effect::Export { format } => self.export(app, format),
            Effect::Open(choice) => open(app, choice),
            Effect::Quit => app.quit = true,
        }
    }

    /// Timers: save results, autosave, preview.
    pub fn tick(&mut self, app: &mut App) {
        while let Ok(done) = self.done.try_recv() {
            match done.result {
                Ok(()) => {
                    app.saved_edits = app.saved_edits.max(done.edits);
                    if done.announce {
                        app.status = Some(Status {
                            text: format!("{}{}", app.lang.pick("已保存：", "saved: "), app.file.display()),
                            is_error: false,
                        });
                    }
                }
                Err(error) => {
                    app.status = Some(Status {
                        text: format!(
                            "{}{error}{}",
                            app.lang.pick("保存失败：", "save failed: "),
                            app.lang.pick("（内容仍在内存中，Ctrl-S 重试）", " (kept in memory; Ctrl-S to retry)")
                        ),
                        is_error: true,
                    });
                }
            }
        }
        let now = Instant::now();
        let quiet = self.last_edit.is_some_and(|t| now >= t + AUTOSAVE_IDLE);
        let overdue = self.first_unsaved.is_some_and(|t| now >= t + AUTOSAVE_MAX);
        if app.is_dirty() && (quiet || overdue) {
            self.save(app, false);
        }
        let preview_wanted = app.show_preview || app.on_review();
        let typing = self.last_edit.is_some_and(|t| now < t + PREVIEW_IDLE);
        if preview_wanted && !typing && (app.preview.edits != app.edits || app.preview.text.is_empty()) {
            self.refresh_preview(app);
        }
    }

    fn save(&mut self, app: &mut App, announce: bool) {
        if matches!(app.screen, Screen::Start(_)) {
            return;
        }
        if app.read_only {
            if announce {
                app.status = Some(Status {
                    text: app
                        .lang
                        .pick("只读打开：未保存（F2 另存为）", "read-only: not saved (F2 to save as)")
                        .to_string(),
                    is_error: true,
                });
            }
            return;
        }
        app.draft.set_resume(&app.resume_point());
        let job = SaveJob { path: app.file.clone(), json: app.draft.to_json(), edits: app.edits, announce };
        if let Some(jobs) = &self.jobs
            && jobs.send(job).is_ok()
        {
            app.queued_edits = app.edits;
        }
        self.last_edit = None;
        self.first_unsaved = None;
    }

    fn renderer(&mut self) -> Result<&Renderer, String> {
        let renderer = self.renderer.get_or_insert_with(|| Renderer::built_in().map_err(|e| e.to_string()));
        renderer.as_ref().map_err(Clone::clone)
    }

    fn refresh_preview(&mut self, app: &mut App) {
        let edits = app.edits;
        let rendered = self.renderer().and_then(|r| r.render(&app.draft).map_err(|e| e.to_string()));
        app.preview.edits = edits;
        match rendered {
            Ok(text) => {
                app.preview.text = text;
                app.preview.error = None;
            }
            Err(error) => app.preview.error = Some(error),
        }
    }

    /// Exports beside the draft; blanks print as 【待填写】 (the question was asked in `update`).
    fn export(&mut self, app: &mut App, format: crate::cli::Format) {
        let output = app.file.with_extension(format.extension());
        let result = self.renderer().and_then(|r| r.render(&app.draft).map_err(|e| e.to_string())).and_then(|text| {
            draft::write_derived(&output, &crate::formats::convert(&text, format)).map_err(|e| e.to_string())
        });
        app.export_format = crate::cli::Format::Markdown;
        app.status = Some(match result {
            Ok(()) => {
                self.messages.push(format!(
                    "{}{}",
                    app.lang.pick("合同已导出：", "contract written to "),
                    output.display()
                ));
                Status {
                    text: format!("{}{}", app.lang.pick("合同已导出：", "contract written to "), output.display()),
                    is_error: false,
                }
            }
            Err(error) => Status {
                text: format!("{}{error}", app.lang.pick("导出失败：", "export failed: ")),
                is_error: true,
            },
        });
    }

    /// Flushes the saver, saves what is left synchronously, and returns the messages to
    /// print after the terminal is restored.
    pub fn finish(&mut self, app: &mut App) -> Vec<String> {
        self.jobs = None;
        if let Some(saver) = self.saver.take() {
            let _ = saver.join();
        }
        while let Ok(done) = self.done.try_recv() {
            if done.result.is_ok() {
                app.saved_edits = app.saved_edits.max(done.edits);
            }
        }
        if let (Screen::Draft, false) = (&app.screen, app.read_only) {
            let resume = app.resume_point();
            if app.is_dirty() || app.draft.resume().as_ref() != Some(&resume) {
                app.draft.set_resume(&resume);
                if let Err(error) = draft::save(&app.file, &app.draft) {
                    // The disk failed at the last moment: keep the work next to the draft,
                    // or in the data directory if the draft's folder refuses.
                    self.messages.push(format!("error: {}: {error}", app.file.display()));
                    self.messages.extend(super::rescue(app));
                }
            }
            lock::release(&app.file);
        }
        std::mem::take(&mut self.messages)
    }
}

/// Replaces the draft by its recovery file and deletes that file; the recovered draft is
/// then saved over the old one.
fn recover(app: &mut App) -> bool {
    let path = draft::sibling(&app.file, "recovery");
    match draft::load(&path) {
        Ok(recovered) => {
            app.draft = recovered;
            app.edits += 1;
            let _ = std::fs::remove_file(&path);
            super::update::refresh_findings(app);
            app.open_editor();
            app.status = Some(Status {
                text: app.lang.pick("已从恢复文件恢复草稿。", "Draft recovered.").to_string(),
                is_error: false,
            });
            true
        }
        Err(error) => {
            app.status = Some(Status { text: format!("{}: {error}", path.display()), is_error: true });
            false
        }
    }
}

fn create(path: &Path, draft: Draft) -> Result<(PathBuf, Draft), String> {
    draft::save(path, &draft).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok((path.to_path_buf(), draft))
}

/// Opens what the start screen chose: a new draft, the example, or a recent draft.
fn open(app: &mut App, choice: StartChoice) {
    let folder = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let opened = match choice {
        StartChoice::New => create(&free_name(&folder, "crm-contract-draft"), crate::wizard::new_with_wizard_state()),
        StartChoice::Example => create(&free_name(&folder, "crm-contract-example"), example_draft()),
        StartChoice::Recent(recent) => draft::load(&recent.path).map(|d| (recent.path, d)).map_err(|e| e.to_string()),
    };
    match opened {
        Ok((path, draft)) => {
            recent::remember(&path);
            *app = App::new(draft, path, app.lang);
        }
        Err(error) => app.status = Some(Status { text: error, is_error: true }),
    }
}
