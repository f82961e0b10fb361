//! The draft's on-disk form: parsing with version check, migration and type normalization,
//! and writing in one stable key order (the schema table's), so drafts diff cleanly in git.

use std::fmt;

use serde_json::{Map, Value};

use crate::schema::{self, Field, Kind};

/// The draft format this build writes.
pub const CURRENT_SCHEMA_VERSION: u64 = 1;

/// Top-level key holding the wizard's resume position.
pub(super) const RESUME_KEY: &str = "wizard";

/// Top-level key holding accepted findings (rule id, field, reason).
pub(super) const WAIVERS_KEY: &str = "waivers";

/// Upgrades a draft of version `i + 1` to `i + 2`; none exist yet, the first will go here.
type Migration = fn(&mut Map<String, Value>);
const MIGRATIONS: &[Migration] = &[];

/// Why a draft could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftError {
    /// Not JSON; line and column are 1-based.
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// Valid JSON of the wrong shape; `path` is the field path.
    Type {
        path: String,
        message: String,
    },
    NotAnObject,
    MissingVersion,
    NewerVersion(u64),
    UnsupportedVersion(String),
}

impl fmt::Display for DraftError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DraftError::Syntax { line, column, message } => write!(f, "line {line}, column {column}: {message}"),
            DraftError::Type { path, message } => write!(f, "{path}: {message}"),
            DraftError::NotAnObject => write!(f, "a draft must be a JSON object"),
            DraftError::MissingVersion => write!(f, "schema_version is missing: this is not a crm-contract draft"),
            DraftError::NewerVersion(version) => write!(
                f,
                "schema_version {version} is newer than this program supports ({CURRENT_SCHEMA_VERSION}); update crm-contract"
            ),
            DraftError::UnsupportedVersion(version) => {
                write!(f, "schema_version {version} is not a known draft version")
            }
        }
    }
}

impl DraftError {
    /// The reason as the Chinese interface says it.
    pub fn zh(&self) -> String {
        match self {
            DraftError::Syntax { line, column, message } => {
                format!("这不是草稿文件：第{line}行第{column}列不是有效的 JSON（{message}）")
            }
            DraftError::Type { path, message } => format!("字段 {path} 的内容不对：{message}"),
            DraftError::NotAnObject => "这不是草稿文件：草稿应是一个 JSON 对象".to_string(),
            DraftError::MissingVersion => "这不是 crm-contract 的草稿（缺少 schema_version）".to_string(),
            DraftError::NewerVersion(version) => format!(
                "这份草稿由较新版本的 crm-contract 写出（格式版本{version}，本程序支持{CURRENT_SCHEMA_VERSION}），请先升级 crm-contract"
            ),
            DraftError::UnsupportedVersion(version) => format!("草稿的格式版本“{version}”无法识别"),
        }
    }
}

impl std::error::Error for DraftError {}

/// Parses draft text into its normalized tree.
pub(super) fn parse(text: &str) -> Result<Map<String, Value>, DraftError> {
    let value: Value = serde_json::from_str(text).map_err(|e| DraftError::Syntax {
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    })?;
    let Value::Object(mut root) = value else { return Err(DraftError::NotAnObject) };
    migrate(&mut root)?;
    normalize(&mut root)?;
    Ok(root)
}

/// serde_json appends " at line L column C"; we print the position ourselves.
fn strip_position(message: &str) -> String {
    message.split(" at line ").next().unwrap_or(message).to_string()
}

fn migrate(root: &mut Map<String, Value>) -> Result<(), DraftError> {
    let version = match root.get("schema_version") {
        None | Some(Value::Null) => return Err(DraftError::MissingVersion),
        Some(value) => value
            .as_u64()
            .or_else(|| value.as_str().and_then(|s| s.trim().parse().ok()))
            .ok_or_else(|| DraftError::UnsupportedVersion(value.to_string()))?,
    };
    if version > CURRENT_SCHEMA_VERSION {
        return Err(DraftError::NewerVersion(version));
    }
    let first_migratable = CURRENT_SCHEMA_VERSION - MIGRATIONS.len() as u64;
    if version < first_migratable {
        return Err(DraftError::UnsupportedVersion(version.to_string()));
    }
    for migration in &MIGRATIONS[usize::try_from(version - first_migratable).unwrap_or(0)..] {
        migration(root);
    }
    root.insert("schema_version".into(), Value::from(CURRENT_SCHEMA_VERSION));
    Ok(())
}

/// Checks every known field's JSON type, turns numbers into strings where a string is
/// expected, and drops nulls. Unknown keys are left alone.
fn normalize(root: &mut Map<String, Value>) -> Result<(), DraftError> {
    for (_, field) in schema::all_fields() {
        let Some((parent, key)) = parent_of(root, field.path)? else { continue };
        match parent.get_mut(key) {
            None => {}
            Some(Value::Null) => {
                // `shift_remove` keeps the other keys in order (`remove` would swap the last one in).
                parent.shift_remove(key);
            }
            Some(value) => normalize_value(field, value, &|| field.path.to_string())?,
        }
    }
    for key in [RESUME_KEY, WAIVERS_KEY] {
        match root.get(key) {
            None | Some(Value::Object(_) | Value::Array(_)) => {}
            Some(Value::Null) => {
                root.shift_remove(key);
            }
            Some(_) => return Err(type_error(key, "expected an object")),
        }
    }
    Ok(())
}

/// Normalizes one value in place (nothing moves, so unknown keys keep their places). The
/// path is spelled out only for an error: a clean draft of 100,000 rows allocates none.
fn normalize_value(field: &Field, value: &mut Value, path: &dyn Fn() -> String) -> Result<(), DraftError> {
    let found =
        |value: &Value, expected: &str| type_error(&path(), &format!("expected {expected}, found {}", describe(value)));
    match (field.kind, &mut *value) {
        (Kind::Bool, Value::Bool(_)) | (Kind::Bool | Kind::List(_), Value::Null) => {}
        (Kind::Bool, other) => return Err(found(other, "true or false")),
        (Kind::List(spec), Value::Array(rows)) => {
            for (index, row) in rows.iter_mut().enumerate() {
                let row_path = || format!("{}[{index}]", path());
                let Value::Object(cells) = row else {
                    return Err(type_error(&row_path(), &format!("expected an object, found {}", describe(row))));
                };
                for column in spec.columns {
                    match cells.get_mut(column.path) {
                        None => {}
                        Some(Value::Null) => {
                            cells.shift_remove(column.path);
                        }
                        Some(cell) => normalize_value(column, cell, &|| format!("{}.{}", row_path(), column.path))?,
                    }
                }
            }
        }
        (Kind::List(_), other) => return Err(found(other, "a list")),
        (_, Value::String(_) | Value::Null) => {}
        (_, Value::Number(number)) => {
            let text = number.to_string();
            *value = Value::String(text);
        }
        (_, other) => return Err(found(other, "text")),
    }
    Ok(())
}

fn type_error(path: &str, message: &str) -> DraftError {
    DraftError::Type { path: path.to_string(), message: message.to_string() }
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// An object and one of its keys: where a field's value lives.
type Slot<'m, 'p> = (&'m mut Map<String, Value>, &'p str);

/// The object holding the last key of a dotted path (no indexes), and that key; `None`
/// when a parent is absent, an error when a parent is not an object.
fn parent_of<'m, 'p>(root: &'m mut Map<String, Value>, path: &'p str) -> Result<Option<Slot<'m, 'p>>, DraftError> {
    let Some((parents, last)) = path.rsplit_once('.') else { return Ok(Some((root, path))) };
    let mut current = root;
    let mut walked = 0;
    for key in parents.split('.') {
        walked += key.len();
        current = match current.get_mut(key) {
            None | Some(Value::Null) => return Ok(None),
            Some(Value::Object(map)) => map,
            Some(other) => {
                return Err(type_error(&path[..walked], &format!("expected an object, found {}", describe(other))));
            }
        };
        walked += 1;
    }
    Ok(Some((current, last)))
}

/// Inserts at a dotted path, creating objects as needed (parents were checked by `take`).
fn put(root: &mut Map<String, Value>, path: &str, value: Value) {
    let mut keys: Vec<&str> = path.split('.').collect();
    let Some(last) = keys.pop() else { return };
    let mut current = root;
    for key in keys {
        let entry = current.entry(key.to_string()).or_insert_with(|| Value::Object(Map::new()));
        if entry.is_null() {
            *entry = Value::Object(Map::new());
        }
        let Value::Object(map) = entry else { return };
        current = map;
    }
    current.insert(last.to_string(), value);
}

/// Writes the tree in canonical order: schema_version, every field in table order,
/// unknown keys where they were, then the waivers and the wizard's resume position.
pub(super) fn write(root: &Map<String, Value>) -> String {
    let mut ordered = Map::new();
    ordered.insert("schema_version".into(), Value::from(CURRENT_SCHEMA_VERSION));
    for (_, field) in schema::all_fields() {
        if let Some(value) = lookup(root, field.path) {
            put(&mut ordered, field.path, order_rows(field, value));
        }
    }
    merge_unknown(&mut ordered, root);
    for key in [WAIVERS_KEY, RESUME_KEY] {
        if let Some(value) = ordered.shift_remove(key) {
            ordered.insert(key.to_string(), value);
        }
    }
    let mut text = serde_json::to_string_pretty(&Value::Object(ordered)).unwrap_or_default();
    text.push('\n');
    text
}

fn lookup<'a>(root: &'a Map<String, Value>, path: &str) -> Option<&'a Value> {
    let mut keys = path.split('.');
    let mut current = root.get(keys.next()?)?;
    for key in keys {
        current = current.as_object()?.get(key)?;
    }
    (!current.is_null()).then_some(current)
}

/// List rows with their columns in table order, unknown cells after.
fn order_rows(field: &Field, value: &Value) -> Value {
    let (Some(spec), Value::Array(rows)) = (field.list(), value) else { return value.clone() };
    Value::Array(
        rows.iter()
            .map(|row| {
                let Value::Object(cells) = row else { return row.clone() };
                let mut ordered = Map::new();
                for column in spec.columns {
                    if let Some(cell) = cells.get(column.path) {
                        ordered.insert(column.path.to_string(), cell.clone());
                    }
                }
                for (key, cell) in cells {
                    if !ordered.contains_key(key) {
                        ordered.insert(key.clone(), cell.clone());
                    }
                }
                Value::Object(ordered)
            })
            .collect(),
    )
}

/// Copies every key of `source` missing from `target`, recursing into shared objects.
fn merge_unknown(target: &mut Map<String, Value>, source: &Map<String, Value>) {
    for (key, value) in source {
        match (target.get_mut(key), value) {
            (Some(Value::Object(inner)), Value::Object(source_inner)) => merge_unknown(inner, source_inner),
            (Some(_), _) => {}
            (None, _) => {
                target.insert(key.clone(), value.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_become_strings_and_unknown_keys_stay() {
        let text = r#"{"zzz": 1, "schema_version": 1, "pricing": {"license_fee": 120000.50, "x": true}}"#;
        let root = parse(text).expect("parses");
        assert_eq!(lookup(&root, "pricing.license_fee"), Some(&Value::from("120000.50")));
        let written = write(&root);
        assert!(written.starts_with("{\n  \"schema_version\": 1,\n  \"pricing\": {\n    \"license_fee\": \"120000.50\",\n    \"x\": true\n  },\n  \"zzz\": 1\n}\n"), "{written}");
    }

    #[test]
    fn wrong_types_name_the_path() {
        let err = parse(r#"{"schema_version": 1, "parties": {"buyer": {"name": {"a": 1}}}}"#).unwrap_err();
        assert_eq!(err.to_string(), "parties.buyer.name: expected text, found an object");
        let err = parse(r#"{"schema_version": 1, "parties": {"buyer": 3}}"#).unwrap_err();
        assert_eq!(err.to_string(), "parties.buyer: expected an object, found a number");
        let err = parse(r#"{"schema_version": 1, "payment": {"milestones": [{"percent": [1]}]}}"#).unwrap_err();
        assert_eq!(err.to_string(), "payment.milestones[0].percent: expected text, found a list");
        let err = parse(r#"{"schema_version": 1, "term": {"auto_renew": "yes"}}"#).unwrap_err();
        assert_eq!(err.to_string(), "term.auto_renew: expected true or false, found text");
    }

    #[test]
    fn versions_are_checked() {
        assert_eq!(parse(r#"{"schema_version": 2}"#), Err(DraftError::NewerVersion(2)));
        assert_eq!(parse(r"{}"), Err(DraftError::MissingVersion));
        assert!(matches!(parse(r#"{"schema_version": 0}"#), Err(DraftError::UnsupportedVersion(_))));
        assert!(matches!(parse("[1]"), Err(DraftError::NotAnObject)));
    }

    #[test]
    fn syntax_errors_have_line_and_column() {
        let err = parse("{\n  \"schema_version\": 1,\n  oops\n}").unwrap_err();
        assert!(matches!(err, DraftError::Syntax { line: 3, column: 3, .. }), "{err:?}");
    }
}
