//! The start screen: a new draft, the example, the work a failed save or a crash kept in
//! a recovery file, or one of the recent drafts.

use std::path::{Path, PathBuf};

use super::recent::RecentDraft;

/// One line of the start screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartChoice {
    New,
    Example,
    /// A new draft (or the example) at the file name the user gave.
    Create {
        path: PathBuf,
        example: bool,
    },
    /// A recovery file in the data directory (its draft's folder refused it).
    Recovery(crate::draft::recovery::Found),
    Recent(RecentDraft),
}

/// The start screen's state.
#[derive(Debug, Clone, PartialEq)]
pub struct StartScreen {
    pub choices: Vec<StartChoice>,
    pub selected: usize,
    /// The names a new draft and the example would get in the current folder, offered
    /// when the user is asked where to save (found at the edge, where the disk is).
    pub suggested: (PathBuf, PathBuf),
    /// Asking where to save a new draft (`example`: the example's copy): the name typed.
    pub naming: Option<(bool, Box<crate::wizard::editor::Editor>)>,
    /// Why the last thing chosen could not be opened.
    pub problem: Option<String>,
}

impl StartScreen {
    pub fn new(
        recent: Vec<RecentDraft>,
        recoveries: Vec<crate::draft::recovery::Found>,
        suggested: (PathBuf, PathBuf),
    ) -> StartScreen {
        let mut choices = vec![StartChoice::New, StartChoice::Example];
        choices.extend(recoveries.into_iter().map(StartChoice::Recovery));
        choices.extend(recent.into_iter().map(StartChoice::Recent));
        StartScreen { choices, selected: 0, suggested, naming: None, problem: None }
    }
}

/// The file a typed name stands for: `.json` added when it has no extension.
pub fn draft_path(typed: &str) -> Option<PathBuf> {
    let typed = typed.trim();
    if typed.is_empty() {
        return None;
    }
    let path = PathBuf::from(typed);
    Some(if path.extension().is_none() { path.with_extension("json") } else { path })
}

/// The first free file name `stem.json`, `stem-2.json`, … in a folder.
pub fn free_name(folder: &Path, stem: &str) -> PathBuf {
    let first = folder.join(format!("{stem}.json"));
    if !first.exists() {
        return first;
    }
    (2..10_000).map(|n| folder.join(format!("{stem}-{n}.json"))).find(|p| !p.exists()).unwrap_or(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_names_never_overwrite() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert_eq!(free_name(dir.path(), "d"), dir.path().join("d.json"));
        std::fs::write(dir.path().join("d.json"), "{}").expect("writes");
        assert_eq!(free_name(dir.path(), "d"), dir.path().join("d-2.json"));
    }
}
