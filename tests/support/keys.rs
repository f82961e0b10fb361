//! Drives the wizard as a person does: keys by the names the help bar gives them
//! (`press("Tab Ctrl-S")`) through the one keymap, steps and fields found by their ids by
//! pressing keys, and screens as a person reads them (no notes about hidden cells).
//! Each key goes round the loop as the event loop runs it: draw (which reports what the
//! panes show), resolve the key in the active contexts, `update`, then the checks due.

#![allow(dead_code, unreachable_pub, clippy::expect_used, clippy::unwrap_used, clippy::panic)] // each test file uses a part

use std::path::PathBuf;

use crm_contract::draft::Draft;
use crm_contract::i18n::Lang;
use crm_contract::schema;
use crm_contract::wizard::action::Report;
use crm_contract::wizard::app::App;
use crm_contract::wizard::effects::Runtime;
use crm_contract::wizard::keymap;
use crm_contract::wizard::keys;
use crm_contract::wizard::ui;
use crm_contract::wizard::update::{Effect, catch_up, report, update};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub const EXAMPLE: &str = include_str!("../../assets/example-draft.json");

/// The wizard on a draft and the terminal it is drawn in.
pub struct Driver {
    pub app: App,
    /// Every effect `update` asked for, in order.
    pub effects: Vec<Effect>,
    pub width: u16,
    pub height: u16,
    /// Keys pressed so far (a pasted text counts as one).
    pub keys: usize,
    /// Named keys pressed so far (Tab, Enter, Ctrl-U …): what the trial report counts,
    /// typed text aside.
    pub named: usize,
}

impl Driver {
    /// A new, empty draft at 100×30.
    pub fn new() -> Driver {
        Driver::on(crm_contract::wizard::new_with_wizard_state())
    }

    /// The example draft.
    pub fn example() -> Driver {
        Driver::on(Draft::from_json(EXAMPLE).expect("the example loads"))
    }

    /// The start screen (no draft open yet).
    pub fn start(screen: crm_contract::wizard::start::StartScreen) -> Driver {
        let app = App::start(screen, Lang::Zh);
        let mut driver = Driver { app, effects: Vec::new(), width: 100, height: 30, keys: 0, named: 0 };
        driver.frame();
        driver
    }

    pub fn on(draft: Draft) -> Driver {
        Driver::on_in(draft, Lang::Zh)
    }

    /// A draft in the given interface language.
    pub fn on_in(draft: Draft, lang: Lang) -> Driver {
        let app = App::new(draft, PathBuf::from("d.json"), lang);
        let mut driver = Driver { app, effects: Vec::new(), width: 100, height: 30, keys: 0, named: 0 };
        driver.frame();
        driver
    }

    /// The terminal is resized (and redrawn, as a resize event makes the loop do).
    pub fn size(&mut self, width: u16, height: u16) -> &mut Self {
        self.width = width;
        self.height = height;
        self.frame();
        self
    }

    /// Presses keys by name, separated by spaces: `"Tab Tab Ctrl-S"`, `"Shift-Tab"`, `"↓"`.
    pub fn press(&mut self, names: &str) -> &mut Self {
        for key in keys::sequence(names).unwrap_or_else(|e| panic!("{e}")) {
            self.named += 1;
            self.key(key);
        }
        self
    }

    /// Types text key by key, as a person (or an input method without paste) does.
    pub fn type_text(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            self.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        self
    }

    /// A bracketed paste.
    pub fn paste(&mut self, text: &str) -> &mut Self {
        self.keys += 1;
        self.act(&crm_contract::wizard::action::Action::Paste(text.to_string()));
        self
    }

    /// One key through the keymap, as the event loop handles it.
    pub fn key(&mut self, key: KeyEvent) -> &mut Self {
        self.keys += 1;
        let action = keymap::action_for(&self.app.contexts(), &key);
        self.act(&action);
        self
    }

    fn act(&mut self, action: &crm_contract::wizard::action::Action) {
        let effects = update(&mut self.app, action);
        catch_up(&mut self.app);
        self.effects.extend(effects);
        self.frame();
    }

    /// Draws a frame and reports what it showed, as the event loop does after each event.
    fn frame(&mut self) -> String {
        let mut terminal = Terminal::new(TestBackend::new(self.width, self.height)).expect("terminal");
        let mut viewport = self.app.viewport;
        terminal.draw(|frame| viewport = ui::draw(frame, &self.app)).expect("draws");
        if viewport != self.app.viewport {
            report(&mut self.app, Report::Drawn(viewport));
        }
        readable(terminal.backend().buffer())
    }

    /// The screen as it reads, one line per row, trailing spaces trimmed.
    pub fn screen(&mut self) -> String {
        self.frame()
    }

    /// Lets the runtime do its idle work once: render the preview, take the saver's reports.
    pub fn idle(&mut self) -> &mut Self {
        let mut runtime = Runtime::default();
        runtime.tick(&mut self.app);
        self.frame();
        self
    }

    /// Presses PgDn / PgUp until the wizard shows the step with this id (`"pricing"`, or
    /// `"review"` for the last one).
    pub fn go_to_step(&mut self, id: &str) -> &mut Self {
        let target = if id == "review" {
            schema::steps().count()
        } else {
            schema::steps().position(|s| s.id == id).unwrap_or_else(|| panic!("no step {id}"))
        };
        for _ in 0..20 {
            match self.app.step.cmp(&target) {
                std::cmp::Ordering::Less => self.press("PgDn"),
                std::cmp::Ordering::Greater => self.press("PgUp"),
                std::cmp::Ordering::Equal => return self,
            };
        }
        panic!("PgDn/PgUp never reached step {id} (at {})", self.app.step);
    }

    /// Presses Tab (on its step) until the field with this path has the focus.
    pub fn go_to_field(&mut self, path: &str) -> &mut Self {
        let step = schema::steps()
            .position(|s| s.fields.iter().any(|f| f.path == path) || shown_in(s.id, path))
            .unwrap_or_else(|| panic!("no step has {path}"));
        let id = schema::steps().nth(step).map(|s| s.id).unwrap_or_default();
        self.go_to_step(id);
        for _ in 0..60 {
            if self.focused().as_deref() == Some(path) {
                return self;
            }
            // Tab on a step's last field goes on to the next step: come back and go round.
            self.press("Tab");
            if self.app.step != step {
                self.press("PgUp");
            }
        }
        panic!("Tab never reached {path}; focus is on {:?}", self.focused());
    }

    /// Fills a field as a person does: Tab to it, Ctrl-U if it holds something else, then
    /// type the value; on a choice type the start of the option's name and Enter; on a
    /// yes/no press Space when it is the other way.
    pub fn fill(&mut self, path: &str, value: &str) -> &mut Self {
        self.go_to_field(path);
        let field = schema::field(path).unwrap_or_else(|| panic!("no field {path}"));
        match field.kind {
            schema::Kind::Bool => {
                if self.app.draft.flag(path) != Some(value == "是") {
                    self.press("Space");
                }
            }
            schema::Kind::Choice(choices) => {
                let choice = choices
                    .iter()
                    .find(|c| c.id == value || c.label.zh == value)
                    .unwrap_or_else(|| panic!("{path} has no option {value}"));
                if self.app.draft.text(path) != Some(choice.id) {
                    let start: String = choice.label.zh.chars().take(2).collect();
                    self.type_text(&start).press("Enter");
                }
            }
            _ => {
                if self.value(path) != value {
                    if !self.value(path).is_empty() {
                        self.press("Ctrl-U");
                    }
                    self.type_text(value);
                }
            }
        }
        self
    }

    /// In an open row: the values of its columns in order (Tab between them), then Esc.
    pub fn row(&mut self, values: &[&str]) -> &mut Self {
        for (i, value) in values.iter().enumerate() {
            if i > 0 {
                self.press("Tab");
            }
            if value.is_empty() {
                continue;
            }
            let kind = self.app.focused().map(|f| f.field.kind);
            match kind {
                Some(schema::Kind::Bool) => {
                    if *value == "是" {
                        self.press("Space");
                    }
                }
                Some(schema::Kind::Choice(_)) => {
                    self.type_text(value).press("Enter");
                }
                _ => {
                    let current = self.app.focused().map(|f| self.value(&f.path)).unwrap_or_default();
                    if !current.is_empty() {
                        self.press("Ctrl-U");
                    }
                    self.type_text(value);
                }
            }
        }
        self.press("Esc")
    }

    pub fn focused(&self) -> Option<String> {
        self.app.focused().map(|i| i.path)
    }

    /// The status line's message, if any.
    pub fn status(&self) -> String {
        self.app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default()
    }

    /// A stored value as text.
    pub fn value(&self, path: &str) -> String {
        self.app.draft.raw(path).unwrap_or_default().to_string()
    }
}

/// Fields of a section that is not a step but is shown at the end of one (the title).
fn shown_in(step: &str, path: &str) -> bool {
    schema::SECTIONS.iter().any(|s| s.shown_in == Some(step) && s.fields.iter().any(|f| f.path == path))
}

/// A buffer as a person reads it: a wide character once, without the cell it covers.
pub fn readable(buffer: &ratatui::buffer::Buffer) -> String {
    let width = usize::from(buffer.area.width);
    let mut out = String::new();
    for row in buffer.content.chunks(width) {
        let mut line = String::new();
        let mut skip = 0;
        for cell in row {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            line.push_str(cell.symbol());
            skip = unicode_width::UnicodeWidthStr::width(cell.symbol()).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
