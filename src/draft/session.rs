//! The one door to a draft being edited. [`open`] loads the draft, takes its lock, removes
//! the temporary files a killed save left and finds its recovery file; the [`Writer`] then
//! saves it only while the lock is still ours and the file still holds what we last read
//! or wrote, and keeps the version from before the session as `FILE.bak`.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::lock::{self, Acquired, Holder, Lock};
use super::recovery::{self, Found};
use super::sidecar::{self, Sidecar};
use super::{Draft, LoadError, io as draft_io};

/// A draft opened for the wizard.
#[derive(Debug)]
pub struct Opened {
    pub draft: Draft,
    pub access: Access,
    /// A recovery file of this draft, to offer.
    pub recovery: Option<Found>,
    /// The draft was made again from this recovery file (its own file was gone).
    pub restored_from: Option<PathBuf>,
}

/// Whether this wizard may write the draft.
#[derive(Debug)]
pub enum Access {
    /// The lock is ours.
    Write(Writer),
    /// Another running wizard holds it (its process id, when known): ask before taking it.
    HeldBy(Option<u32>),
    /// The lock could not be taken (a read-only folder, a planted link): read-only, and why.
    Refused(String),
}

/// Opens an existing draft through the lock.
pub fn open(path: &Path) -> Result<Opened, LoadError> {
    let (text, before) = draft_io::read_text(path)?;
    let draft = draft_io::parse(&text)?;
    let stamp = Stamp::of(&before, text.as_bytes());
    Ok(Opened { draft, access: lock_for(path, Some(stamp)), recovery: recovery::find(path), restored_from: None })
}

/// Creates a new draft at `path` (which must not exist) and opens it through the lock. The
/// file is created exclusively, so two `new` of one name cannot both succeed.
pub fn create(path: &Path, draft: Draft) -> io::Result<Opened> {
    claim(path)?;
    let access = lock_for(path, None);
    let Access::Write(mut writer) = access else {
        return Ok(Opened { draft, access, recovery: recovery::find(path), restored_from: None });
    };
    writer.save(&draft.to_json(), Overwrite::Yes).map_err(|e| io::Error::other(e.to_string()))?;
    Ok(Opened { draft, access: Access::Write(writer), recovery: recovery::find(path), restored_from: None })
}

/// Replaces whatever `path` holds by a new draft (`new --force`), through the lock; the
/// previous content goes to `FILE.bak`.
pub fn replace(path: &Path, draft: Draft) -> io::Result<Opened> {
    match lock_for(path, None) {
        Access::Write(mut writer) => {
            writer.save(&draft.to_json(), Overwrite::Yes).map_err(|e| io::Error::other(e.to_string()))?;
            Ok(Opened { draft, access: Access::Write(writer), recovery: None, restored_from: None })
        }
        Access::HeldBy(Some(pid)) => Err(io::Error::other(format!("another wizard (process {pid}) is editing it"))),
        Access::HeldBy(None) => Err(io::Error::other("another wizard is editing it")),
        Access::Refused(reason) => Err(io::Error::other(reason)),
    }
}

/// Creates `path` empty and exclusively: refuses an existing file (or link).
pub fn claim(path: &Path) -> io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map(drop)
}

fn lock_for(path: &Path, known: Option<Stamp>) -> Access {
    match lock::acquire(path) {
        Ok(Acquired::Taken(lock)) => Access::Write(Writer::with_lock(path, lock, known)),
        Ok(Acquired::HeldBy(pid)) => Access::HeldBy(pid),
        Err(error) => Access::Refused(format!("{}: {error}", lock::lock_path(path).display())),
    }
}

/// Takes the draft over from the wizard holding it (after the user said so).
pub fn take_over(path: &Path) -> io::Result<Writer> {
    let lock = lock::take_over(path)?;
    let known = draft_io::read_text(path).ok().map(|(text, meta)| Stamp::of(&meta, text.as_bytes()));
    Ok(Writer::with_lock(path, lock, known))
}

/// Takes the lock of another name for the draft (save as): the file there is replaced.
pub fn retarget(path: &Path) -> io::Result<Writer> {
    match lock::acquire(path)? {
        Acquired::Taken(lock) => {
            let mut writer = Writer::with_lock(path, lock, None);
            // Saving elsewhere is saving on purpose: whatever the name held is replaced.
            writer.backed_up = true;
            Ok(writer)
        }
        Acquired::HeldBy(pid) => Err(io::Error::other(match pid {
            Some(pid) => format!("another wizard (process {pid}) is editing {}", path.display()),
            None => format!("another wizard is editing {}", path.display()),
        })),
    }
}

/// What a file held when we last read or wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    #[cfg(unix)]
    inode: (u64, u64),
    digest: [u8; 32],
}

impl Stamp {
    fn of(meta: &fs::Metadata, bytes: &[u8]) -> Stamp {
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            inode: {
                use std::os::unix::fs::MetadataExt;
                (meta.dev(), meta.ino())
            },
            digest: Sha256::digest(bytes).into(),
        }
    }

    /// Whether the metadata alone shows the file unchanged (no need to read it).
    fn same_metadata(&self, meta: &fs::Metadata) -> bool {
        #[cfg(unix)]
        let same_inode = {
            use std::os::unix::fs::MetadataExt;
            self.inode == (meta.dev(), meta.ino())
        };
        #[cfg(not(unix))]
        let same_inode = true;
        same_inode && self.len == meta.len() && self.modified == meta.modified().ok()
    }
}

/// Whether a save may replace what another program wrote since.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overwrite {
    /// Only if the file is unchanged since we last read or wrote it.
    IfUnchanged,
    /// The user chose "keep mine": replace it (its version goes to `FILE.bak`).
    Yes,
}

/// Why a save did not happen.
#[derive(Debug)]
pub enum SaveError {
    /// Another wizard took the draft over (its process id, when known).
    Lost(Option<u32>),
    /// Another program changed or replaced the file since we last read or wrote it.
    ChangedOnDisk,
    /// The disk or the folder refused.
    Io(io::Error),
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::Lost(Some(pid)) => write!(f, "another wizard (process {pid}) took the draft over"),
            SaveError::Lost(None) => write!(f, "another wizard took the draft over"),
            SaveError::ChangedOnDisk => write!(f, "the file was changed by another program since it was opened"),
            SaveError::Io(error) => write!(f, "{error}"),
        }
    }
}

/// What a save did besides writing the draft.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Saved {
    /// The backup could not be written (the draft was): why.
    pub backup_failed: Option<String>,
}

/// Writes one draft for one wizard, for as long as its lock holds.
#[derive(Debug)]
pub struct Writer {
    path: PathBuf,
    lock: Lock,
    known: Option<Stamp>,
    /// The version from before this session went to `FILE.bak` (or there was none).
    backed_up: bool,
}

impl Writer {
    fn with_lock(path: &Path, lock: Lock, known: Option<Stamp>) -> Writer {
        // Temporary files of this draft can only be a killed save's now that we hold it.
        sidecar::remove_leftover_temps(path);
        Writer { path: path.to_path_buf(), lock, known, backed_up: false }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Saves `json` as the draft: only while the lock is ours, and unless told otherwise
    /// only over the version we last read or wrote. The first save of the session keeps
    /// the file as it was as `FILE.bak`.
    pub fn save(&mut self, json: &str, overwrite: Overwrite) -> Result<Saved, SaveError> {
        match self.lock.holder().map_err(SaveError::Io)? {
            Holder::Us => {}
            Holder::Other(pid) => return Err(SaveError::Lost(pid)),
        }
        let on_disk = self.on_disk_if_changed().map_err(SaveError::Io)?;
        if on_disk.is_some() && overwrite == Overwrite::IfUnchanged {
            return Err(SaveError::ChangedOnDisk);
        }
        let mut saved = Saved::default();
        if !self.backed_up || on_disk.is_some() {
            let previous = match on_disk {
                Some(bytes) => Some(bytes),
                None => fs::read(&self.path).ok(),
            };
            if let Some(previous) = previous.filter(|p| !p.is_empty() && p != json.as_bytes()) {
                let backup = sidecar::path(&self.path, Sidecar::Backup);
                if let Err(error) = sidecar::write(&backup, &previous) {
                    saved.backup_failed = Some(format!("{}: {error}", backup.display()));
                }
            }
            self.backed_up = true;
        }
        let meta = draft_io::save_text(&self.path, json).map_err(SaveError::Io)?;
        self.known = Some(Stamp::of(&meta, json.as_bytes()));
        Ok(saved)
    }

    /// Whether the draft is still ours and unchanged on disk, between saves: a take-over or
    /// another program's write is noticed within a second, not only at the next save.
    pub fn check(&mut self) -> Result<(), SaveError> {
        match self.lock.holder().map_err(SaveError::Io)? {
            Holder::Us => {}
            Holder::Other(pid) => return Err(SaveError::Lost(pid)),
        }
        match self.on_disk_if_changed().map_err(SaveError::Io)? {
            Some(_) => Err(SaveError::ChangedOnDisk),
            None => Ok(()),
        }
    }

    /// The file's bytes when it no longer holds what we last read or wrote; `None` when it
    /// does (or there is nothing to compare with).
    fn on_disk_if_changed(&self) -> io::Result<Option<Vec<u8>>> {
        let Some(known) = &self.known else { return Ok(None) };
        let meta = match fs::metadata(&self.path) {
            Ok(meta) => meta,
            // Deleted since: nothing of anyone's is overwritten by saving again.
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(error) => return Err(error),
        };
        if known.same_metadata(&meta) {
            return Ok(None);
        }
        let bytes = fs::read(&self.path)?;
        let digest: [u8; 32] = Sha256::digest(&bytes).into();
        Ok((digest != known.digest).then_some(bytes))
    }

    /// Reads the draft as another program left it, and takes it as the known version.
    pub fn reload(&mut self) -> Result<Draft, LoadError> {
        let (text, meta) = draft_io::read_text(&self.path)?;
        let draft = draft_io::parse(&text)?;
        self.known = Some(Stamp::of(&meta, text.as_bytes()));
        Ok(draft)
    }

    /// The lock file's path, for messages.
    pub fn lock_path(&self) -> &Path {
        self.lock.path()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn writer(path: &Path) -> Writer {
        match open(path).expect("opens").access {
            Access::Write(writer) => writer,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_backup_keeps_the_version_from_before_the_session() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("d.json");
        let mut draft = Draft::with_presets();
        draft_io::save(&path, &draft).expect("saves");
        let as_opened = fs::read_to_string(&path).expect("reads");
        let mut writer = writer(&path);
        for n in 1..=3 {
            draft.set("meta.contract_no", serde_json::json!(format!("A-{n}")));
            writer.save(&draft.to_json(), Overwrite::IfUnchanged).expect("saves");
        }
        let backup = dir.path().join("d.json.bak");
        assert_eq!(fs::read_to_string(backup).expect("backup"), as_opened, "not the state of the last save");
    }

    #[test]
    fn a_change_by_another_program_is_never_overwritten_unasked() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("d.json");
        draft_io::save(&path, &Draft::with_presets()).expect("saves");
        let mut writer = writer(&path);
        let mut theirs = Draft::with_presets();
        theirs.set("meta.contract_no", serde_json::json!("THEIRS"));
        // Another program writes a new version and renames it over the draft.
        let other = dir.path().join("other.json");
        draft_io::save(&other, &theirs).expect("saves");
        fs::rename(&other, &path).expect("renames");
        let mine = Draft::with_presets().to_json();
        assert!(matches!(writer.save(&mine, Overwrite::IfUnchanged), Err(SaveError::ChangedOnDisk)));
        assert_eq!(fs::read_to_string(&path).expect("reads"), theirs.to_json(), "theirs is kept");
        // "Keep mine": theirs goes to the backup.
        writer.save(&mine, Overwrite::Yes).expect("saves");
        assert_eq!(fs::read_to_string(&path).expect("reads"), mine);
        assert_eq!(fs::read_to_string(dir.path().join("d.json.bak")).expect("reads"), theirs.to_json());
        // Touching the file without changing it is no conflict.
        let same = fs::read(&path).expect("reads");
        fs::write(&path, same).expect("writes");
        writer.save(&mine, Overwrite::IfUnchanged).expect("the same bytes are not a change");
    }

    #[test]
    fn a_writer_that_lost_its_lock_stops_writing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("d.json");
        draft_io::save(&path, &Draft::with_presets()).expect("saves");
        let mut first = writer(&path);
        let mut second = take_over(&path).expect("takes over");
        let mut theirs = Draft::with_presets();
        theirs.set("meta.contract_no", serde_json::json!("SECOND"));
        second.save(&theirs.to_json(), Overwrite::IfUnchanged).expect("the new holder saves");
        let error = first.save(&Draft::with_presets().to_json(), Overwrite::Yes).expect_err("refused");
        assert!(matches!(error, SaveError::Lost(Some(pid)) if pid == std::process::id()), "{error}");
        assert_eq!(fs::read_to_string(&path).expect("reads"), theirs.to_json());
    }

    #[test]
    fn new_drafts_are_claimed_exclusively() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("d.json");
        let opened = create(&path, Draft::with_presets()).expect("creates");
        assert!(matches!(opened.access, Access::Write(_)));
        assert!(create(&path, Draft::with_presets()).is_err(), "an existing file is never replaced");
    }

    #[test]
    fn names_the_file_system_can_barely_hold_still_save_lock_and_back_up() {
        let dir = tempfile::tempdir().expect("temp dir");
        for length in [245, 250, 252, 255] {
            let name = format!("{}.json", "d".repeat(length - 5));
            let path = dir.path().join(&name);
            let opened = create(&path, Draft::with_presets()).expect("creates");
            let Access::Write(mut writer) = opened.access else { panic!("{length}: not locked") };
            let mut draft = Draft::with_presets();
            draft.set("meta.contract_no", serde_json::json!("A-1"));
            writer.save(&draft.to_json(), Overwrite::IfUnchanged).expect("saves");
            draft.set("meta.contract_no", serde_json::json!("A-2"));
            let saved = writer.save(&draft.to_json(), Overwrite::IfUnchanged).expect("saves again");
            assert_eq!(saved.backup_failed, None, "{length}");
            assert!(recovery::write(&path, &draft).is_ok(), "{length}: a recovery file fits too");
        }
    }

    #[test]
    fn leftover_temporary_files_are_removed_on_open() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("d.json");
        draft_io::save(&path, &Draft::with_presets()).expect("saves");
        let (_, left) = sidecar::temp_file(dir.path(), &path).expect("temp").keep().expect("keeps");
        let _writer = writer(&path);
        assert!(!left.exists());
    }
}
