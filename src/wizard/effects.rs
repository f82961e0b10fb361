//! The edge of the wizard: saving (in a background thread, off the typing path, through the
//! draft's [`Writer`]), autosave and retry timing, taking locks, recovery files, exporting,
//! opening drafts from the start screen, and the preview render (debounced, never on the
//! key path). Outcomes go back to `update` as [`Report`]s.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::action::Report;
use super::app::{App, Screen, Writing};
use super::outputs::Output;
use super::recent;
use super::start::StartChoice;
use super::update::{self, Effect};
use crate::draft::example::example_draft;
use crate::draft::session::{self, Overwrite, SaveError, Writer};
use crate::draft::{self, Draft, recovery};
use crate::render::Renderer;

/// Autosave after this much quiet...
const AUTOSAVE_IDLE: Duration = Duration::from_millis(800);
/// ...and never later than this after the first unsaved change, so at most 2 s are at risk.
const AUTOSAVE_MAX: Duration = Duration::from_millis(1800);
/// After a failed save, try again this often (the disk may have room again).
const RETRY_AFTER: Duration = Duration::from_secs(5);
/// Checks that take longer than this run on a thread of their own (a 100,000-row draft
/// takes a quarter of a second), so that no key waits on them.
const CHECKS_OFF_THREAD_FROM: Duration = Duration::from_millis(15);
/// While checks run on their thread, the loop looks for their result this often.
pub const CHECKS_POLL: Duration = Duration::from_millis(10);
/// How often the lock and the file are looked at between saves.
const CHECK_EVERY: Duration = Duration::from_secs(1);
/// The preview re-renders after this much quiet.
const PREVIEW_IDLE: Duration = Duration::from_millis(150);

/// Work for the saving thread.
enum Job {
    /// Write the draft through the writer; it is serialized there, off the typing path.
    Save { draft: Arc<Draft>, edits: u64, announce: bool, overwrite: Overwrite },
    /// From now on write through this writer (a draft opened, taken over, saved as).
    Use(Box<Writer>),
    /// Load the file as another program left it.
    Reload,
    /// Look whether the lock is still ours and the file unchanged (between saves).
    Check,
}

/// Timers, the saver thread and the renderer.
pub struct Runtime {
    jobs: Option<Sender<Job>>,
    done: Receiver<Report>,
    saver: Option<JoinHandle<()>>,
    renderer: Option<Result<Renderer, String>>,
    last_edit: Option<Instant>,
    first_unsaved: Option<Instant>,
    retry_at: Option<Instant>,
    checked_at: Instant,
    /// The checking thread: snapshots in, findings (with the time they took) out.
    checks: Sender<(u64, Arc<Draft>)>,
    checked: Receiver<(u64, Vec<crate::checks::Finding>, Duration)>,
    /// How long the last run of the checks took, which decides where the next one runs.
    check_cost: Duration,
    /// The edit whose checks the thread is running.
    checking: Option<u64>,
    messages: Vec<String>,
}

impl Default for Runtime {
    fn default() -> Self {
        Self::new(None)
    }
}

impl Runtime {
    /// The runtime of a wizard; `writer` is the draft's when this wizard may write it.
    pub fn new(writer: Option<Writer>) -> Runtime {
        let (jobs, queue) = mpsc::channel::<Job>();
        let (report, done) = mpsc::channel();
        let saver = std::thread::spawn(move || saver(&queue, &report, writer));
        let (checks, snapshots) = mpsc::channel::<(u64, Arc<Draft>)>();
        let (found, checked) = mpsc::channel();
        std::thread::spawn(move || {
            while let Ok(mut snapshot) = snapshots.recv() {
                // Only the newest snapshot matters.
                while let Ok(newer) = snapshots.try_recv() {
                    snapshot = newer;
                }
                let started = Instant::now();
                let findings = crate::checks::run(&snapshot.1);
                if found.send((snapshot.0, findings, started.elapsed())).is_err() {
                    break;
                }
            }
        });
        Runtime {
            jobs: Some(jobs),
            done,
            saver: Some(saver),
            renderer: None,
            last_edit: None,
            first_unsaved: None,
            retry_at: None,
            checked_at: Instant::now(),
            checks,
            checked,
            check_cost: Duration::ZERO,
            checking: None,
            messages: Vec::new(),
        }
    }

    fn send(&self, job: Job) -> bool {
        self.jobs.as_ref().is_some_and(|jobs| jobs.send(job).is_ok())
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
        let retry = self.retry_at.map(|t| t.saturating_duration_since(now));
        let check = Some((self.checked_at + CHECK_EVERY).saturating_duration_since(now));
        [idle, cap, preview, retry, check].into_iter().flatten().min().map(|d| d.max(Duration::from_millis(10)))
    }

    /// Carries out one effect.
    pub fn apply(&mut self, app: &mut App, effect: Effect) {
        match effect {
            Effect::Save => self.save(app, true, Overwrite::IfUnchanged),
            Effect::Autosave => self.save(app, false, Overwrite::IfUnchanged),
            Effect::KeepMine => self.save(app, true, Overwrite::Yes),
            Effect::Reload => {
                self.send(Job::Reload);
            }
            Effect::TakeOver => {
                let outcome = session::take_over(&app.file).map(|writer| {
                    self.send(Job::Use(Box::new(writer)));
                });
                self.report(app, Report::TookOver(outcome.map_err(|e| e.to_string())));
            }
            Effect::SaveAs(path) => {
                let outcome = save_as_target(&path).map(|writer| {
                    self.send(Job::Use(Box::new(writer)));
                    path
                });
                self.report(app, Report::Retargeted(outcome));
                if app.writing == Writing::Yes {
                    self.save(app, true, Overwrite::Yes);
                }
            }
            Effect::Recover(found) => {
                let recovered = recovery::load(&found);
                if recovered.is_ok() {
                    recovery::discard(&found);
                }
                self.report(app, Report::Recovered(recovered));
                // The recovered text goes to disk at once: it is what the user lost.
                if app.writing == Writing::Yes {
                    self.save(app, false, Overwrite::IfUnchanged);
                }
            }
            Effect::DiscardRecovery(found) => recovery::discard(&found),
            Effect::Compare(other) => {
                let result = self.compare(app, &other);
                if let Ok((_, line)) = &result {
                    self.messages.push(line.clone());
                }
                self.report(app, Report::Compared(result));
            }
            Effect::Export(output) => {
                let result = self.export(app, output);
                if let Ok(line) = &result {
                    self.messages.push(line.clone());
                }
                self.report(app, Report::Exported(result));
            }
            Effect::Open(choice) => self.open(app, choice),
            Effect::Forget(path) => recent::forget(&path),
            Effect::Quit => {
                update::report(app, Report::Leave);
            }
        }
    }

    /// Hands a report to `update` and carries out what it asks for.
    fn report(&mut self, app: &mut App, report: Report) {
        for effect in update::report(app, report) {
            self.apply(app, effect);
        }
    }

    /// Runs the checks that are due (the loop calls this when no key is waiting): here when
    /// they are quick, on the checking thread when they are not.
    pub fn catch_up(&mut self, app: &mut App) {
        if !app.findings_stale || !update::flush_typing_when_free(app) {
            return;
        }
        if self.check_cost < CHECKS_OFF_THREAD_FROM {
            let started = Instant::now();
            update::refresh_findings(app);
            self.check_cost = started.elapsed();
        } else if self.checking != Some(app.edits) && self.checks.send((app.edits, Arc::clone(&app.draft))).is_ok() {
            self.checking = Some(app.edits);
        }
    }

    /// Whether checks are running on their thread (the loop then wakes up for their result).
    pub fn is_checking(&self) -> bool {
        self.checking.is_some()
    }

    /// Timers: save results, autosave, retries, preview.
    pub fn tick(&mut self, app: &mut App) {
        update::flush_typing_when_free(app);
        while let Ok((edits, findings, cost)) = self.checked.try_recv() {
            self.check_cost = cost;
            if self.checking == Some(edits) {
                self.checking = None;
            }
            // Findings of an older version are dropped; the newer one is checked next.
            if edits == app.edits && app.findings_stale {
                update::set_findings(app, findings);
            }
        }
        while let Ok(report) = self.done.try_recv() {
            match &report {
                Report::SaveFailed { .. } => self.retry_at = Some(Instant::now() + RETRY_AFTER),
                Report::Saved { .. } => self.retry_at = None,
                _ => {}
            }
            self.report(app, report);
        }
        let now = Instant::now();
        let quiet = self.last_edit.is_some_and(|t| now >= t + AUTOSAVE_IDLE);
        let overdue = self.first_unsaved.is_some_and(|t| now >= t + AUTOSAVE_MAX);
        let retry = self.retry_at.is_some_and(|t| now >= t);
        if app.is_dirty() && (quiet || overdue || retry) && app.writing == Writing::Yes {
            self.retry_at = None;
            self.save(app, false, Overwrite::IfUnchanged);
        }
        if app.writing == Writing::Yes && matches!(app.screen, Screen::Draft) && now >= self.checked_at + CHECK_EVERY {
            self.checked_at = now;
            self.send(Job::Check);
        }
        let preview_wanted = app.show_preview || app.on_review();
        let typing = self.last_edit.is_some_and(|t| now < t + PREVIEW_IDLE);
        let current = !app.typing_pending;
        if preview_wanted && !typing && current && (app.preview.edits != app.edits || app.preview.document.is_none()) {
            self.refresh_preview(app);
        }
    }

    fn save(&mut self, app: &mut App, announce: bool, overwrite: Overwrite) {
        if matches!(app.screen, Screen::Start(_)) {
            return;
        }
        let allowed = match app.writing {
            Writing::Yes => true,
            Writing::ReadOnly | Writing::Lost(_) | Writing::ChangedOnDisk => false,
        };
        if !allowed {
            if announce {
                update::refused_save(app);
            }
            return;
        }
        // What is saved is what is on screen, even if that costs a copy of the draft here.
        update::flush_typing(app);
        set_resume(app);
        let job = Job::Save { draft: Arc::clone(&app.draft), edits: app.edits, announce, overwrite };
        if self.send(job) {
            update::report(app, Report::Queued { edits: app.edits });
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
        let document = self.renderer().and_then(|r| {
            r.render_tree(crate::render::DocumentKind::Contract, crate::render::context::build(&app.draft))
                .map_err(|e| e.to_string())
        });
        update::report(app, Report::Previewed { edits, document });
    }

    /// Exports beside the draft; blanks print as 【待填写】 (the question was asked in `update`).
    /// The output name never is the draft's, and a file there that is a draft is never replaced.
    /// Writes one output beside the draft, never over a draft; the line saying where.
    fn export(&mut self, app: &App, output: Output) -> Result<String, String> {
        use crate::commands::export::{default_output_of, refuse_draft_output};
        use crate::render::{DocumentKind, context};
        let (document, format) = match output {
            Output::Contract(format) => (DocumentKind::Contract, format),
            Output::Document(document) => (document, crate::cli::Format::Docx),
            Output::Dates => return self.write_dates(app),
            Output::Compare => return Err("choose the version to compare with".to_string()),
        };
        let path = default_output_of(&app.file, document, format);
        refuse_draft_output(&app.file, &path, false).map_err(|s| s.in_lang(app.lang).to_string())?;
        let renderer = self.renderer()?;
        let tree = renderer.render_tree(document, context::build(&app.draft)).map_err(|e| e.to_string())?;
        let bytes = crate::formats::convert(&tree, format, &crate::formats::docx::Options::default())
            .map_err(|e| app.lang.pick(&e.zh(), &e.to_string()).to_string())?;
        write_beside(app, &path, &bytes)?;
        Ok(match app.lang {
            crate::i18n::Lang::Zh => format!("{}已导出：{}", document.title_zh(), path.display()),
            crate::i18n::Lang::En => format!("{} written to {}", document.id(), path.display()),
        })
    }

    /// The draft against another version — a file, or `HEAD` for the version git has
    /// committed — as a 变更对照表 written to FILE.changes.md; the report and the line saying
    /// where it went.
    fn compare(&mut self, app: &App, other: &str) -> Result<(String, String), String> {
        let (old, name) = if other.eq_ignore_ascii_case("head") {
            (committed(&app.file)?, format!("{}（git HEAD）", app.file.display()))
        } else {
            let path = PathBuf::from(other);
            (draft::load(&path).map_err(|e| format!("{}: {e}", path.display()))?, path.display().to_string())
        };
        let renderer = self.renderer()?;
        let comparison = crate::diff::compare(&old, &app.draft, renderer).map_err(|e| e.to_string())?;
        let current = format!("{}（当前）", app.file.display());
        let report = crate::diff::report(&comparison, &crate::diff::Versions { old: &name, new: &current });
        let markdown = crate::formats::revision::as_markdown(&report);
        let path = app.file.with_extension("changes.md");
        crate::commands::export::refuse_draft_output(&app.file, &path, false)
            .map_err(|s| s.in_lang(app.lang).to_string())?;
        write_beside(app, &path, markdown.as_bytes())?;
        let line = match app.lang {
            crate::i18n::Lang::Zh => {
                format!("共{}处变更，变更对照表已写出：{}", comparison.changes.len(), path.display())
            }
            crate::i18n::Lang::En => {
                format!("{} changes; comparison written to {}", comparison.changes.len(), path.display())
            }
        };
        Ok((markdown, line))
    }

    /// The key dates as FILE.ics beside the draft, or which dates are missing.
    fn write_dates(&mut self, app: &App) -> Result<String, String> {
        use crate::dates::{self, NoCalendar, ics};
        let path = app.file.with_extension("ics");
        crate::commands::export::refuse_draft_output(&app.file, &path, false)
            .map_err(|s| s.in_lang(app.lang).to_string())?;
        let renderer = self.renderer()?;
        let (text, count) =
            dates::calendar(&app.draft, renderer, &[], ics::stamp_of(&app.file)).map_err(|no| match no {
                NoCalendar::Render(e) => e.to_string(),
                NoCalendar::Missing(missing) => {
                    let labels: Vec<&str> = missing.iter().map(|m| m.label).collect();
                    format!("{}{}", app.lang.pick("缺少日期：", "dates missing: "), labels.join("、"))
                }
            })?;
        write_beside(app, &path, text.as_bytes())?;
        Ok(match app.lang {
            crate::i18n::Lang::Zh => format!("已写出{count}个关键日期：{}", path.display()),
            crate::i18n::Lang::En => format!("{count} key dates written to {}", path.display()),
        })
    }

    /// Opens what the start screen chose, through the same door as `new` and `open`.
    fn open(&mut self, app: &mut App, choice: StartChoice) {
        let folder = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let opened = match choice {
            StartChoice::Create { path, example } => {
                let path = folder.join(path);
                let draft = if example { example_draft() } else { crate::wizard::new_with_wizard_state() };
                if std::fs::symlink_metadata(&path).is_ok() {
                    Err(app
                        .lang
                        .pick(
                            &format!("{} 已存在：请换一个名字，或在“最近的草稿”中打开它", path.display()),
                            &format!(
                                "{} exists: choose another name, or open it from the recent drafts",
                                path.display()
                            ),
                        )
                        .to_string())
                } else {
                    session::create(&path, draft)
                        .map(|o| (path.clone(), o))
                        .map_err(|e| format!("{}: {e}", path.display()))
                }
            }
            // The start screen asks for a name first (update turns these into `Create`).
            StartChoice::New | StartChoice::Example => return,
            StartChoice::Recent(recent) => session::open(&recent.path)
                .map(|o| (recent.path.clone(), o))
                .map_err(|e| format!("{}: {e}", recent.path.display())),
            StartChoice::Recovery(found) => crate::wizard::open_recovery(&found, &folder),
        };
        match opened {
            Ok((path, opened)) => {
                recent::remember(&path);
                let (next, writer) = crate::wizard::enter(opened, path, app.lang);
                update::report(app, Report::Entered(Box::new(next)));
                if let Some(writer) = writer {
                    self.send(Job::Use(Box::new(writer)));
                }
            }
            Err(error) => {
                update::report(app, Report::NotOpened(error));
            }
        }
    }

    /// Flushes the saver, saves what is left through it, and returns the messages to print
    /// after the terminal is restored, and whether work was lost (the exit is then 2). What
    /// could not be saved goes to the draft's recovery file.
    pub fn finish(&mut self, app: &mut App) -> (Vec<String>, bool) {
        update::flush_typing(app);
        if let (Screen::Draft, false) = (&app.screen, app.discard_on_quit) {
            let resume = app.resume_point();
            let moved = app.draft.resume().as_ref() != Some(&resume);
            if app.writing == Writing::Yes && (app.is_dirty() || moved) {
                set_resume(app);
                let job = Job::Save {
                    draft: Arc::clone(&app.draft),
                    edits: app.edits,
                    announce: false,
                    overwrite: Overwrite::IfUnchanged,
                };
                self.send(job);
            }
        }
        self.jobs = None;
        if let Some(saver) = self.saver.take() {
            let _ = saver.join();
        }
        // The last reports change the state as any other does; nothing is drawn any more, and
        // what they would ask (questions, saves) has no wizard left to answer it.
        while let Ok(report) = self.done.try_recv() {
            update::report(app, report);
        }
        let failed = matches!(app.screen, Screen::Draft) && !app.discard_on_quit && app.is_dirty();
        if failed {
            // The disk, a take-over or another program stopped the last save: the work is
            // kept where `open` (and the start screen) find it.
            if let Some(error) = &app.save_error {
                self.messages.push(format!("error: {}: {error}", app.file.display()));
            }
            self.messages.push(match recovery::write(&app.file, &app.draft) {
                Ok(target) => format!(
                    "error: {}{}{}",
                    app.lang.pick("未保存的修改已写入恢复文件 ", "your unsaved changes were written to "),
                    target.display(),
                    app.lang.pick(
                        &format!("；再次打开 {} 或运行 crm-contract 即可恢复", app.file.display()),
                        &format!("; `crm-contract open {}` or the start screen offers them", app.file.display()),
                    )
                ),
                Err(error) => format!("error: the draft could not be saved anywhere: {error}"),
            });
        }
        (std::mem::take(&mut self.messages), failed)
    }
}

/// The saving thread: writes the newest queued state through the writer, reports back.
fn saver(queue: &Receiver<Job>, report: &Sender<Report>, mut writer: Option<Writer>) {
    while let Ok(mut job) = queue.recv() {
        // Only the newest queued save matters; other jobs keep their order.
        loop {
            match (&job, queue.try_recv()) {
                (Job::Save { .. }, Ok(newer @ Job::Save { .. })) => job = newer,
                (_, Ok(other)) => {
                    run_job(job, report, &mut writer);
                    job = other;
                }
                (_, Err(_)) => break,
            }
        }
        run_job(job, report, &mut writer);
    }
}

fn run_job(job: Job, report: &Sender<Report>, writer: &mut Option<Writer>) {
    let outcome = match job {
        Job::Use(new) => {
            *writer = Some(*new);
            return;
        }
        Job::Reload => {
            let Some(writer) = writer.as_mut() else { return };
            Report::Reloaded(writer.reload().map_err(|e| e.to_string()))
        }
        Job::Check => match writer.as_mut().map(Writer::check) {
            Some(Err(SaveError::Lost(pid))) => Report::Lost(pid),
            Some(Err(SaveError::ChangedOnDisk)) => Report::ChangedOnDisk,
            // A failing disk is reported by the next save, which says what to do.
            _ => return,
        },
        Job::Save { draft, edits, announce, overwrite } => match writer.as_mut() {
            None => Report::SaveFailed { error: "no file to write to (read-only)".into() },
            Some(writer) => match writer.save(&draft.to_json(), overwrite) {
                Ok(saved) => Report::Saved { edits, announce, backup_failed: saved.backup_failed },
                Err(SaveError::Lost(pid)) => Report::Lost(pid),
                Err(SaveError::ChangedOnDisk) => Report::ChangedOnDisk,
                Err(SaveError::Io(error)) => Report::SaveFailed { error: error.to_string() },
            },
        },
    };
    let _ = report.send(outcome);
}

/// Stores where the wizard stands in the draft, when that changed (it is saved with it).
fn set_resume(app: &mut App) {
    let resume = app.resume_point();
    if app.draft.resume().as_ref() != Some(&resume) {
        app.draft_mut().set_resume(&resume);
    }
}

/// Save-as: a new name that is not an existing file, locked for us.
fn save_as_target(path: &Path) -> Result<Writer, String> {
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(format!("{}: already exists; choose a new name", path.display()));
    }
    session::retarget(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// The draft as git last committed it (`git show HEAD:./NAME` in its folder).
fn committed(file: &Path) -> Result<Draft, String> {
    let folder = file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let out = std::process::Command::new("git")
        .args(["show", &format!("HEAD:./{name}")])
        .current_dir(folder)
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| format!("git: {e}"))?;
    if !out.status.success() {
        return Err(format!("git: {}", String::from_utf8_lossy(&out.stderr).trim()));
    }
    Draft::from_json(&String::from_utf8_lossy(&out.stdout)).map_err(|e| format!("HEAD:{name}: {e}"))
}

/// Writes what the wizard made beside the draft; why it could not, in the interface language.
fn write_beside(app: &App, path: &Path, bytes: &[u8]) -> Result<(), String> {
    draft::write_derived(path, bytes).map_err(|e| crate::commands::cannot_write(path, &e).in_lang(app.lang).to_string())
}
