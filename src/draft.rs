//! The one model of a contract: the draft, a JSON tree of the values exactly as typed,
//! addressed by the field paths of the schema table (`parties.buyer.name`,
//! `payment.milestones[0].percent`). Parsing into money, dates and numbers happens in
//! `values`; this module only stores, reads and writes.

mod canonical;
pub mod example;
mod io;
pub mod lock;
mod path;
pub mod recovery;
pub mod session;
pub mod sidecar;

pub use canonical::{CURRENT_SCHEMA_VERSION, DraftError};
pub use io::{LoadError, MAX_DRAFT_BYTES, load, parse, read_text, save, save_text, write_atomic, write_derived};

use serde_json::{Map, Value};

use crate::schema::{self, Kind, Preset};
use path::Segment;

/// Where the wizard stood when the draft was last saved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Resume {
    pub step: String,
    pub field: String,
    /// Steps the user has opened, so their state shows in the step list.
    pub visited: Vec<String>,
}

/// A finding the user accepted, with their reason; stored in the draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiver {
    pub rule: String,
    pub field: String,
    pub reason: String,
}

/// A contract draft. Unknown keys are kept and written back unchanged.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    root: Map<String, Value>,
}

impl Default for Draft {
    fn default() -> Self {
        Self::empty()
    }
}

impl Draft {
    /// A draft with no values at all.
    pub fn empty() -> Self {
        let mut root = Map::new();
        root.insert("schema_version".into(), Value::from(CURRENT_SCHEMA_VERSION));
        Draft { root }
    }

    /// A new draft with the seed's defaults offered in every field that has one.
    pub fn with_presets() -> Self {
        let mut draft = Self::empty();
        for (_, field) in schema::all_fields() {
            if let Some(value) = preset_of(field) {
                draft.set(field.path, value);
            }
        }
        draft
    }

    /// Parses a draft from JSON text: checks the version, migrates, and normalizes types.
    pub fn from_json(text: &str) -> Result<Self, DraftError> {
        canonical::parse(text).map(|root| Draft { root })
    }

    /// The draft as canonical JSON: two-space indent, table key order, trailing newline.
    pub fn to_json(&self) -> String {
        canonical::write(&self.root)
    }

    /// The raw JSON tree, for the template context and for tests.
    pub fn root(&self) -> &Map<String, Value> {
        &self.root
    }

    /// The value at a path, if present and not null.
    pub fn get(&self, path: &str) -> Option<&Value> {
        let mut segments = path::segments(path);
        let Some(Some(Segment::Key(first))) = segments.next() else { return None };
        let mut current = self.root.get(first)?;
        for segment in segments {
            current = match segment? {
                Segment::Key(key) => current.as_object()?.get(key)?,
                Segment::Index(index) => current.as_array()?.get(index)?,
            };
        }
        (!current.is_null()).then_some(current)
    }

    /// The string at a path exactly as typed (possibly blank).
    pub fn raw(&self, path: &str) -> Option<&str> {
        self.get(path).and_then(Value::as_str)
    }

    /// The string at a path, trimmed; `None` when absent or blank.
    pub fn text(&self, path: &str) -> Option<&str> {
        self.raw(path).map(str::trim).filter(|s| !s.is_empty())
    }

    /// The boolean at a path.
    pub fn flag(&self, path: &str) -> Option<bool> {
        self.get(path).and_then(Value::as_bool)
    }

    /// The rows of a list field (empty when absent).
    pub fn rows(&self, path: &str) -> &[Value] {
        self.get(path).and_then(Value::as_array).map_or(&[], Vec::as_slice)
    }

    /// Sets the value at a path, creating objects on the way; `Value::Null` removes it.
    /// A path through a non-object or past the end of a list changes nothing.
    pub fn set(&mut self, path: &str, value: Value) {
        let Some(segments) = path::parse(path) else { return };
        let mut root = Value::Object(std::mem::take(&mut self.root));
        set_at(&mut root, &segments, value);
        if let Value::Object(map) = root {
            self.root = map;
        }
    }

    /// The accepted findings.
    pub fn waivers(&self) -> Vec<Waiver> {
        let Some(Value::Array(items)) = self.root.get(canonical::WAIVERS_KEY) else { return Vec::new() };
        items
            .iter()
            .filter_map(|item| {
                let text = |key: &str| item.get(key).and_then(Value::as_str).map(str::to_string);
                Some(Waiver { rule: text("rule")?, field: text("field")?, reason: text("reason").unwrap_or_default() })
            })
            .collect()
    }

    /// Replaces the accepted findings; an empty list removes the key.
    pub fn set_waivers(&mut self, waivers: &[Waiver]) {
        if waivers.is_empty() {
            self.root.shift_remove(canonical::WAIVERS_KEY);
            return;
        }
        let items = waivers
            .iter()
            .map(|w| {
                let mut item = Map::new();
                item.insert("rule".into(), Value::from(w.rule.clone()));
                item.insert("field".into(), Value::from(w.field.clone()));
                item.insert("reason".into(), Value::from(w.reason.clone()));
                Value::Object(item)
            })
            .collect();
        self.root.insert(canonical::WAIVERS_KEY.into(), Value::Array(items));
    }

    /// Where the wizard should resume.
    pub fn resume(&self) -> Option<Resume> {
        let wizard = self.root.get(canonical::RESUME_KEY)?.as_object()?;
        let visited = wizard
            .get("visited")
            .and_then(Value::as_array)
            .map_or_else(Vec::new, |steps| steps.iter().filter_map(Value::as_str).map(str::to_string).collect());
        Some(Resume {
            step: wizard.get("step")?.as_str()?.to_string(),
            field: wizard.get("field").and_then(Value::as_str).unwrap_or_default().to_string(),
            visited,
        })
    }

    pub fn set_resume(&mut self, resume: &Resume) {
        let mut wizard = Map::new();
        wizard.insert("step".into(), Value::from(resume.step.clone()));
        wizard.insert("field".into(), Value::from(resume.field.clone()));
        wizard.insert("visited".into(), Value::from(resume.visited.clone()));
        self.root.insert(canonical::RESUME_KEY.into(), Value::Object(wizard));
    }
}

/// Writes `value` at `segments` below `node`; intermediate objects are created only
/// when the write succeeds.
fn set_at(node: &mut Value, segments: &[Segment<'_>], value: Value) {
    let Some((first, rest)) = segments.split_first() else {
        *node = value;
        return;
    };
    match *first {
        Segment::Key(key) => {
            if node.is_null() {
                *node = Value::Object(Map::new());
            }
            let Value::Object(map) = node else { return };
            if rest.is_empty() && value.is_null() {
                map.shift_remove(key);
                return;
            }
            let child = map.entry(key.to_string()).or_insert(Value::Null);
            set_at(child, rest, value);
            if child.is_null() {
                map.shift_remove(key);
            }
        }
        Segment::Index(index) => {
            if let Some(item) = node.as_array_mut().and_then(|items| items.get_mut(index)) {
                set_at(item, rest, value);
            }
        }
    }
}

/// A field's preset as the draft stores it (list rows with their columns, bool cells from
/// "true"/"false"), if it has one.
pub fn preset_of(field: &schema::Field) -> Option<Value> {
    field.preset.map(|preset| preset_value(preset, field.list().map(|l| l.columns)))
}

/// The JSON value of a preset; list rows fill bool columns from "true"/"false".
fn preset_value(preset: Preset, columns: Option<&[schema::Field]>) -> Value {
    match preset {
        Preset::Str(text) => Value::from(text),
        Preset::Bool(flag) => Value::from(flag),
        Preset::Rows(rows) => Value::Array(
            rows.iter()
                .map(|pairs| {
                    let mut row = Map::new();
                    for column in columns.unwrap_or_default() {
                        if let Some((_, text)) = pairs.iter().find(|(key, _)| *key == column.path) {
                            let cell = match column.kind {
                                Kind::Bool => Value::from(*text == "true"),
                                _ => Value::from(*text),
                            };
                            row.insert(column.path.to_string(), cell);
                        }
                    }
                    Value::Object(row)
                })
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_and_get_nested_paths() {
        let mut draft = Draft::empty();
        draft.set("parties.buyer.name", Value::from("甲公司"));
        assert_eq!(draft.text("parties.buyer.name"), Some("甲公司"));
        draft.set("parties.buyer.name", Value::Null);
        assert_eq!(draft.get("parties.buyer.name"), None);
    }

    #[test]
    fn set_inside_a_list_row() {
        let mut draft = Draft::with_presets();
        draft.set("payment.milestones[1].percent", Value::from("55"));
        assert_eq!(draft.text("payment.milestones[1].percent"), Some("55"));
        // Past the end of the list nothing happens.
        draft.set("payment.milestones[9].percent", Value::from("1"));
        assert_eq!(draft.rows("payment.milestones").len(), 3);
    }

    #[test]
    fn blank_text_reads_as_missing() {
        let mut draft = Draft::empty();
        draft.set("meta.title", Value::from("   "));
        assert_eq!(draft.text("meta.title"), None);
        assert_eq!(draft.raw("meta.title"), Some("   "));
    }

    #[test]
    fn presets_fill_list_rows_with_typed_cells() {
        let draft = Draft::with_presets();
        let rows = draft.rows("payment.milestones");
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[2].get("is_retention"), Some(&Value::Bool(true)));
        assert_eq!(draft.flag("parties.buyer.signatory.is_legal_rep"), Some(true));
    }
}
