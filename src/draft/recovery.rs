//! Recovery files: the draft in memory, written when saving it failed or the wizard
//! crashed. One per draft — beside it (`FILE.recovery`) or, when its folder refuses, in the
//! data directory under a name made from the draft's full path — each recording the path
//! it belongs to (`recovery_of`), so that `open`, `new` and the start screen find it again
//! and no later failure of another draft overwrites it.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use sha2::{Digest, Sha256};

use super::sidecar::{self, Sidecar};
use super::{Draft, MAX_DRAFT_BYTES};

/// The key naming the draft a recovery file belongs to; removed when it is recovered.
const RECOVERY_OF: &str = "recovery_of";

/// A recovery file that was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The recovery file itself.
    pub file: PathBuf,
    /// The draft it belongs to, as recorded inside.
    pub draft: PathBuf,
}

/// The draft's path made absolute (the folder resolved where it exists), so that one draft
/// has one recovery name whichever folder the wizard was started in.
pub fn absolute(draft: &Path) -> PathBuf {
    let joined = std::path::absolute(draft).unwrap_or_else(|_| draft.to_path_buf());
    match (joined.parent().and_then(|p| fs::canonicalize(p).ok()), joined.file_name()) {
        (Some(folder), Some(name)) => folder.join(name),
        _ => joined,
    }
}

/// The folder of recovery files in the data directory.
pub fn data_folder() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("crm-contract").join("recovery"))
}

/// The data-directory recovery file of a draft: a hash of its absolute path.
fn in_data_folder(draft: &Path) -> Option<PathBuf> {
    let name = sidecar::hex(&Sha256::digest(absolute(draft).as_os_str().as_encoded_bytes())[..12]);
    data_folder().map(|folder| folder.join(format!("{name}.json")))
}

/// The text written: the draft, with the path it belongs to.
fn contents(draft_path: &Path, draft: &Draft) -> String {
    let mut tagged = draft.clone();
    tagged.set(RECOVERY_OF, Value::from(absolute(draft_path).to_string_lossy().into_owned()));
    tagged.to_json()
}

/// Writes the recovery file of `draft_path`: beside it if its folder takes it (a deleted
/// folder is never made again), else in the data directory. Returns where it went.
pub fn write(draft_path: &Path, draft: &Draft) -> Result<PathBuf, String> {
    let text = contents(draft_path, draft);
    let beside = sidecar::path(draft_path, Sidecar::Recovery);
    let mut errors = Vec::new();
    if sidecar::folder_of(draft_path).is_dir() {
        match sidecar::write(&beside, text.as_bytes()) {
            Ok(()) => return Ok(beside),
            Err(error) => errors.push(format!("{}: {error}", beside.display())),
        }
    }
    if let Some(target) = in_data_folder(draft_path) {
        let made = sidecar::folder_of(&target);
        let written = fs::create_dir_all(made).and_then(|()| sidecar::write(&target, text.as_bytes()));
        match written {
            Ok(()) => return Ok(target),
            Err(error) => errors.push(format!("{}: {error}", target.display())),
        }
    }
    Err(errors.join("; "))
}

/// The recovery file of a draft, if there is one: beside it first, then in the data
/// directory (only one whose recorded path is this draft's).
pub fn find(draft_path: &Path) -> Option<Found> {
    let beside = sidecar::path(draft_path, Sidecar::Recovery);
    if matches!(sidecar::read(&beside, MAX_DRAFT_BYTES), Ok(Some(_))) {
        return Some(Found { file: beside, draft: draft_path.to_path_buf() });
    }
    let file = in_data_folder(draft_path)?;
    let found = read_found(&file)?;
    (found.draft == absolute(draft_path)).then(|| Found { draft: draft_path.to_path_buf(), ..found })
}

/// Every recovery file in the data directory, newest first, for the start screen.
pub fn list() -> Vec<Found> {
    let Some(folder) = data_folder() else { return Vec::new() };
    let Ok(entries) = fs::read_dir(folder) else { return Vec::new() };
    let mut found: Vec<(std::time::SystemTime, Found)> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let modified = e.metadata().and_then(|m| m.modified()).ok()?;
            Some((modified, read_found(&e.path())?))
        })
        .collect();
    found.sort_by_key(|(modified, _)| std::cmp::Reverse(*modified));
    found.into_iter().map(|(_, f)| f).collect()
}

fn read_found(file: &Path) -> Option<Found> {
    let bytes = sidecar::read(file, MAX_DRAFT_BYTES).ok()??;
    let value: Value = serde_json::from_slice(&bytes).ok()?;
    let draft = PathBuf::from(value.get(RECOVERY_OF)?.as_str()?);
    Some(Found { file: file.to_path_buf(), draft })
}

/// Loads a recovery file as the draft it holds (without its `recovery_of` tag).
pub fn load(found: &Found) -> Result<Draft, String> {
    let bytes = sidecar::read(&found.file, MAX_DRAFT_BYTES)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("{}: no longer there", found.file.display()))?;
    let text = String::from_utf8(bytes).map_err(|_| format!("{}: not UTF-8", found.file.display()))?;
    let mut draft = super::io::parse(&text).map_err(|e| format!("{}: {e}", found.file.display()))?;
    draft.set(RECOVERY_OF, Value::Null);
    Ok(draft)
}

/// Removes a recovery file once it was used or declined.
pub fn discard(found: &Found) {
    if sidecar::ensure_regular_or_absent(&found.file).is_ok() {
        let _ = fs::remove_file(&found.file);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_recovery_file_per_draft_found_again_and_untagged_on_load() {
        let dir = tempfile::tempdir().expect("temp dir");
        let a = dir.path().join("a.json");
        let mut draft = Draft::with_presets();
        draft.set("meta.contract_no", serde_json::json!("A-1"));
        let written = write(&a, &draft).expect("writes");
        assert_eq!(written, dir.path().join("a.json.recovery"));
        let found = find(&a).expect("found");
        assert_eq!(load(&found).expect("loads"), draft, "the tag is gone once recovered");
        discard(&found);
        assert!(find(&a).is_none());
    }

    #[test]
    fn a_deleted_folder_is_not_made_again() {
        let dir = tempfile::tempdir().expect("temp dir");
        let gone = dir.path().join("gone").join("d.json");
        // The work goes to the data directory instead (or, without one, the write fails),
        // but the folder stays gone. The test's file is taken away again: a developer's
        // start screen should not list it.
        if let Ok(written) = write(&gone, &Draft::with_presets()) {
            assert!(!written.starts_with(dir.path()), "{}", written.display());
            let _ = std::fs::remove_file(written);
        }
        assert!(!dir.path().join("gone").exists());
    }
}
