//! The one declarative table of wizard steps and contract fields.
//!
//! Every consumer walks this table: the draft loader (types and key order), validation
//! (required and format rules), the template context, the JSON Schema, and the wizard's
//! forms and help. Adding a field is one row here plus its clause text in `clauses/`.

mod acceptance;
mod breach;
mod data;
mod disputes;
mod implementation;
mod meta;
mod parties;
mod pricing;
mod service;
mod system;
mod term;

use crate::draft::Draft;

pub use pricing::has_retention;
pub use system::{MODULE_CATALOG, MODULES_PATH};

/// A text in both UI languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bilingual {
    pub zh: &'static str,
    pub en: &'static str,
}

/// One option of a choice field: the snake_case id stored in the draft, and its labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    pub id: &'static str,
    pub label: Bilingual,
}

/// The rows of a list field: its columns and how many rows a complete draft needs.
#[derive(Debug)]
pub struct ListSpec {
    pub columns: &'static [Field],
    pub min_rows: usize,
}

/// What a field holds; decides parsing, the editor and the JSON type.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// One line of text.
    Text,
    /// Several lines of text.
    Long,
    /// CNY with at most two decimals.
    Money,
    /// A decimal from 0 to 100.
    Percent,
    /// Per-mille per day (‰/日), a decimal from 0 to 1000.
    Rate,
    /// A whole number no smaller than `min`.
    Int { min: u32 },
    /// A calendar date typed as YYYY-MM-DD.
    Date,
    /// Yes or no; the only kind stored as a JSON boolean.
    Bool,
    /// One of a fixed set of snake_case ids.
    Choice(&'static [Choice]),
    /// Rows the user adds, removes and reorders.
    List(&'static ListSpec),
}

impl Kind {
    /// Kinds the user types into a text editor.
    pub fn is_typed(self) -> bool {
        matches!(
            self,
            Kind::Text | Kind::Long | Kind::Money | Kind::Percent | Kind::Rate | Kind::Int { .. } | Kind::Date
        )
    }

    /// Kinds that are kept in the draft as the string the user typed.
    pub fn is_stored_as_string(self) -> bool {
        !matches!(self, Kind::Bool | Kind::List(_))
    }
}

/// A field's default, offered on a new draft (never forced).
#[derive(Debug, Clone, Copy)]
pub enum Preset {
    Str(&'static str),
    Bool(bool),
    /// Rows of a list, as `(column, value)` pairs; `"true"`/`"false"` fill bool columns.
    Rows(&'static [&'static [(&'static str, &'static str)]]),
}

/// A predicate on the draft, deciding whether a field applies.
pub type Condition = fn(&Draft) -> bool;

/// One field of the contract.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// Path in the draft (`parties.buyer.name`); for list columns, the key within a row.
    pub path: &'static str,
    pub label: Bilingual,
    pub help: Bilingual,
    pub kind: Kind,
    /// Needed before a strict export, whenever the field applies.
    pub required: bool,
    /// The field applies (is shown, checked and printed) only when this holds.
    pub when: Option<Condition>,
    pub preset: Option<Preset>,
}

/// Two fields are the same row of the table: same path and label (list columns of
/// different lists share paths like `name`, never both).
impl PartialEq for Field {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path && self.label == other.label
    }
}

impl Field {
    pub const fn new(path: &'static str, kind: Kind, zh: &'static str, en: &'static str) -> Self {
        Field {
            path,
            label: Bilingual { zh, en },
            help: Bilingual { zh: "", en: "" },
            kind,
            required: false,
            when: None,
            preset: None,
        }
    }

    #[must_use]
    pub const fn required(mut self) -> Self {
        self.required = true;
        self
    }

    #[must_use]
    pub const fn when(mut self, condition: Condition) -> Self {
        self.when = Some(condition);
        self
    }

    #[must_use]
    pub const fn help(mut self, zh: &'static str, en: &'static str) -> Self {
        self.help = Bilingual { zh, en };
        self
    }

    #[must_use]
    pub const fn preset(mut self, preset: Preset) -> Self {
        self.preset = Some(preset);
        self
    }

    /// Whether the field applies to this draft (its condition, if any, holds).
    pub fn applies(&self, draft: &Draft) -> bool {
        self.when.is_none_or(|condition| condition(draft))
    }

    pub fn list(&self) -> Option<&'static ListSpec> {
        match self.kind {
            Kind::List(spec) => Some(spec),
            _ => None,
        }
    }

    pub fn choices(&self) -> &'static [Choice] {
        match self.kind {
            Kind::Choice(choices) => choices,
            _ => &[],
        }
    }

    /// The label of a choice id, if the field is a choice and the id is one of its options.
    pub fn choice_label(&self, id: &str) -> Option<Bilingual> {
        self.choices().iter().find(|c| c.id == id).map(|c| c.label)
    }
}

/// The part of the contract a step's preview shows, by structure (never by wording).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preview {
    /// The parties' block.
    Parties,
    /// From the article with this key (`num.article("…", "price")`) to the next article
    /// another step starts from.
    From(&'static str),
    /// No clause of its own (the title and the checklist).
    Nothing,
}

/// One wizard step: a clause section of the contract.
#[derive(Debug)]
pub struct Section {
    /// Stable id, also the clause template's stem (`clauses/<id>.md.j2`) where it has one.
    pub id: &'static str,
    pub title: Bilingual,
    /// Which of the contract the step's preview shows.
    pub preview: Preview,
    pub intro: Bilingual,
    pub fields: &'static [Field],
    /// Meta fields belong to no wizard step (title bar and checklist).
    pub is_step: bool,
    /// For a section that is not a step: the step whose form shows its fields at the end.
    pub shown_in: Option<&'static str>,
}

/// Every section in contract order: meta first, the ten wizard steps, the checklist last.
pub static SECTIONS: &[&Section] = &[
    &meta::SECTION,
    &parties::SECTION,
    &system::SECTION,
    &data::SECTION,
    &pricing::SECTION,
    &implementation::SECTION,
    &acceptance::SECTION,
    &service::SECTION,
    &breach::SECTION,
    &disputes::SECTION,
    &term::SECTION,
    &meta::CHECKLIST,
];

/// The sections that are wizard steps, in order.
pub fn steps() -> impl Iterator<Item = &'static Section> {
    SECTIONS.iter().copied().filter(|s| s.is_step)
}

/// Every top-level field with the section it belongs to, in table order.
pub fn all_fields() -> impl Iterator<Item = (&'static Section, &'static Field)> {
    SECTIONS.iter().flat_map(|section| section.fields.iter().map(move |field| (*section, field)))
}

/// The field at a path. List columns are found as `list.path[].column` or `list.path[3].column`.
pub fn field(path: &str) -> Option<&'static Field> {
    if let Some((list_path, rest)) = path.split_once('[') {
        let column = rest.split_once("].").map(|(_, column)| column)?;
        let list = field(list_path)?.list()?;
        return list.columns.iter().find(|c| c.path == column);
    }
    all_fields().map(|(_, f)| f).find(|f| f.path == path)
}

/// The wizard step that shows a field path: its own section, or the step its section is
/// The key of the article a field prints in (`num.article(…, key)` in the clauses), by its
/// path, the more specific entries first; `None` for the front matter, the parties and what
/// is not printed (the checklist). For the 变更对照表 and the review copy's comments.
pub fn article_of(path: &str) -> Option<&'static str> {
    const ARTICLES: &[(&str, &str)] = &[
        ("system.ip_owner", "ip"),
        ("system.license_scope", "ip"),
        ("system.source_escrow", "ip"),
        ("system.", "subject"),
        ("data.", "data"),
        ("confidentiality.", "confidentiality"),
        ("pricing.", "price"),
        ("payment.", "payment"),
        ("implementation.", "implementation"),
        ("acceptance.", "acceptance"),
        ("service.", "service"),
        ("breach.", "breach"),
        ("disputes.", "disputes"),
        ("term.", "term"),
        ("force_majeure.", "force_majeure"),
        ("notices.", "notices"),
        ("signing.", "general"),
        ("other.", "general"),
    ];
    ARTICLES.iter().find(|(prefix, _)| path.starts_with(prefix)).map(|(_, key)| *key)
}

/// shown in.
pub fn step_of(path: &str) -> Option<&'static Section> {
    let section = section_of(path)?;
    if section.is_step {
        return Some(section);
    }
    let host = section.shown_in?;
    steps().find(|s| s.id == host)
}

/// The sections whose fields a step's form shows: the step's own, then any shown in it.
pub fn sections_shown_in(step: &'static Section) -> impl Iterator<Item = &'static Section> {
    std::iter::once(step).chain(SECTIONS.iter().copied().filter(move |s| s.shown_in == Some(step.id)))
}

/// The section a top-level field path belongs to.
pub fn section_of(path: &str) -> Option<&'static Section> {
    let top = path.split('[').next().unwrap_or(path);
    all_fields().find(|(_, f)| f.path == top).map(|(s, _)| s)
}

/// Shorthand used by the section tables.
pub(crate) const fn bi(zh: &'static str, en: &'static str) -> Bilingual {
    Bilingual { zh, en }
}

/// Shorthand for a choice option.
pub(crate) const fn choice(id: &'static str, zh: &'static str, en: &'static str) -> Choice {
    Choice { id, label: Bilingual { zh, en } }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn paths_are_unique() {
        let mut seen = BTreeSet::new();
        for (_, field) in all_fields() {
            assert!(seen.insert(field.path), "duplicate path {}", field.path);
            if let Some(list) = field.list() {
                let mut columns = BTreeSet::new();
                for column in list.columns {
                    assert!(columns.insert(column.path), "duplicate column {}", column.path);
                    assert!(!matches!(column.kind, Kind::List(_)), "nested list {}", column.path);
                }
            }
        }
    }

    #[test]
    fn choices_are_snake_case_and_non_empty() {
        for (_, field) in all_fields() {
            let columns = field.list().map_or(&[][..], |l| l.columns);
            for f in std::iter::once(field).chain(columns) {
                if let Kind::Choice(choices) = f.kind {
                    assert!(!choices.is_empty(), "{}", f.path);
                    for c in choices {
                        assert!(
                            c.id.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_'),
                            "{}",
                            c.id
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn every_field_has_both_labels_and_help() {
        for (_, field) in all_fields() {
            let columns = field.list().map_or(&[][..], |l| l.columns);
            for f in std::iter::once(field).chain(columns) {
                assert!(!f.label.zh.is_empty() && !f.label.en.is_empty(), "{}", f.path);
                assert!(!f.help.zh.is_empty() && !f.help.en.is_empty(), "help missing for {}", f.path);
            }
        }
    }

    #[test]
    fn finds_list_columns_by_path() {
        let column = field("payment.milestones[2].percent").map(|f| f.path);
        assert_eq!(column, Some("percent"));
        assert_eq!(section_of("payment.milestones[2].percent").map(|s| s.id), Some("pricing"));
        assert!(field("payment.nope").is_none());
    }
}
