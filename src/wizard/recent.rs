//! The recent-drafts list in the user's data directory: paths only, newest first, so the
//! start screen can offer them. Titles and parties are read from the drafts themselves.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde_json::Value;

use crate::draft;

/// How many drafts are remembered.
const KEEP: usize = 10;

/// The file holding the list, under the platform's data directory.
fn list_file() -> Option<PathBuf> {
    Some(dirs::data_dir()?.join("crm-contract").join("recent.json"))
}

/// The remembered paths, newest first; an unreadable list is an empty one.
pub fn load() -> Vec<PathBuf> {
    let Some(file) = list_file() else { return Vec::new() };
    let Ok(text) = std::fs::read_to_string(file) else { return Vec::new() };
    let Ok(Value::Array(items)) = serde_json::from_str::<Value>(&text) else { return Vec::new() };
    items.iter().filter_map(Value::as_str).map(PathBuf::from).collect()
}

/// Puts a draft first in the list. Best effort: failing to remember is not an error.
pub fn remember(path: &Path) {
    let Ok(absolute) = std::path::absolute(path) else { return };
    let mut paths = load();
    paths.retain(|p| p != &absolute);
    paths.insert(0, absolute);
    paths.truncate(KEEP);
    store(&paths);
}

/// Takes a draft off the list (its file is left alone). Best effort, as `remember`.
pub fn forget(path: &Path) {
    let mut paths = load();
    let before = paths.len();
    paths.retain(|p| p != path);
    if paths.len() != before {
        store(&paths);
    }
}

/// Writes the list, creating its folder. Best effort: failing to remember is not an error.
fn store(paths: &[PathBuf]) {
    let Some(file) = list_file() else { return };
    let list: Vec<Value> = paths.iter().map(|p| Value::from(p.to_string_lossy().into_owned())).collect();
    if let Some(folder) = file.parent()
        && std::fs::create_dir_all(folder).is_ok()
    {
        let text = serde_json::to_string_pretty(&Value::Array(list)).unwrap_or_default();
        let _ = draft::write_atomic(&file, text.as_bytes());
    }
}

/// What the start screen shows for a recent draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecentDraft {
    pub path: PathBuf,
    pub title: String,
    pub parties: String,
    pub modified: Option<SystemTime>,
}

/// Reads the title and the parties of each remembered draft that still loads.
pub fn describe(paths: &[PathBuf]) -> Vec<RecentDraft> {
    paths
        .iter()
        .filter_map(|path| {
            let draft = draft::load(path).ok()?;
            let name = |p: &str| draft.text(p).unwrap_or("？").to_string();
            Some(RecentDraft {
                path: path.clone(),
                title: draft.text("meta.title").unwrap_or("新型CRM平台系统合同").to_string(),
                parties: format!("{} ↔ {}", name("parties.buyer.name"), name("parties.supplier.name")),
                modified: std::fs::metadata(path).and_then(|m| m.modified()).ok(),
            })
        })
        .collect()
}
