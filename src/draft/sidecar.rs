//! The files the tool keeps beside a draft — `FILE.bak`, `FILE.lock`, `FILE.recovery` and
//! the temporary files of a save: their names (shortened to fit the file system), and
//! opening them without ever following a link or blocking on a pipe.
//!
//! The draft and an export's output are the user's own names and may be links; a sidecar
//! is a name the tool chose, so a link or a pipe there was planted by someone else (a shared
//! folder, a world-writable temporary folder) and is refused, as git refuses a planted
//! `index.lock`.

use std::ffi::{OsStr, OsString};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// The longest file name that ext4, XFS, APFS and NTFS take, in bytes.
const NAME_MAX: usize = 255;
/// Random characters in a temporary file's name.
const TEMP_RANDOM: usize = 6;
/// A temporary file's name ends so.
const TEMP_SUFFIX: &str = ".tmp";

/// A file the tool keeps beside a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sidecar {
    /// The draft as it was before this session's first save.
    Backup,
    /// Who is editing the draft.
    Lock,
    /// The draft in memory, written when saving it failed or the wizard crashed.
    Recovery,
}

impl Sidecar {
    fn extension(self) -> &'static str {
        match self {
            Sidecar::Backup => "bak",
            Sidecar::Lock => "lock",
            Sidecar::Recovery => "recovery",
        }
    }
}

/// `FILE.bak`, `FILE.lock` or `FILE.recovery` beside `draft`. A name that would pass the
/// file system's limit keeps its start and gets a hash of the whole name instead of its
/// end, so that a draft with a 250-byte name still has a backup, a lock and a recovery file.
pub fn path(draft: &Path, kind: Sidecar) -> PathBuf {
    let name = draft.file_name().unwrap_or_else(|| OsStr::new("draft"));
    let extension = kind.extension();
    let mut file = fitted(name, NAME_MAX - extension.len() - 1);
    file.push(".");
    file.push(extension);
    draft.with_file_name(file)
}

/// `name`, or its longest prefix that fits in `limit` bytes with `~` and a hash of the whole.
fn fitted(name: &OsStr, limit: usize) -> OsString {
    let bytes = name.as_encoded_bytes();
    if bytes.len() <= limit {
        return name.to_owned();
    }
    let hash = hex(&Sha256::digest(bytes)[..4]);
    let keep = limit.saturating_sub(hash.len() + 1);
    let mut out = OsString::from(prefix_within(name, keep));
    out.push("~");
    out.push(hash);
    out
}

/// Bytes as lower-case hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

/// The longest prefix of `name` of at most `limit` bytes that ends on a character boundary.
fn prefix_within(name: &OsStr, limit: usize) -> String {
    let text = name.to_string_lossy();
    let mut end = limit.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_string()
}

/// What a name beside a draft turned out to be, when it is not a regular file.
fn odd_kind(meta: &fs::Metadata) -> Option<&'static str> {
    let file_type = meta.file_type();
    if file_type.is_file() {
        return None;
    }
    if file_type.is_symlink() {
        return Some("a symbolic link");
    }
    if file_type.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("a named pipe");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return Some("a device");
        }
    }
    Some("not a regular file")
}

/// The error for a sidecar that is not a regular file: the tool never writes through it.
fn refused(path: &Path, kind: &str) -> io::Error {
    io::Error::other(format!(
        "{} is {kind}, not a file this tool made; it was not written through (remove it and try again)",
        path.display()
    ))
}

/// Fails when `path` exists and is anything but a regular file (a link is not followed).
pub fn ensure_regular_or_absent(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(meta) => match odd_kind(&meta) {
            Some(kind) => Err(refused(path, kind)),
            None => Ok(()),
        },
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(err) => Err(err),
    }
}

/// Writes a sidecar atomically (temporary file, fsync, rename) with mode 0600. A link, pipe,
/// folder or device at its name is refused; the rename replaces a name, never what a link
/// planted after the check points to.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    ensure_regular_or_absent(path)?;
    super::io::write_atomic_name(path, bytes, true).map(drop)
}

/// Reads a sidecar if it is a regular file: a link is not followed and a pipe never blocks
/// the reader. `Ok(None)` when there is none.
pub fn read(path: &Path, limit: u64) -> io::Result<Option<Vec<u8>>> {
    let mut file = match open_no_follow(path, Access::Read) {
        Ok(file) => file,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(err),
    };
    let meta = file.metadata()?;
    if let Some(kind) = odd_kind(&meta) {
        return Err(refused(path, kind));
    }
    let mut bytes = Vec::new();
    io::Read::read_to_end(&mut io::Read::take(&mut file, limit + 1), &mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(io::Error::other(format!("{} is larger than {limit} bytes", path.display())));
    }
    Ok(Some(bytes))
}

/// How a sidecar is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    /// Read and write, created (mode 0600) when missing: the lock.
    ReadWriteCreate,
}

/// Opens `path` without following a link at its last component and without blocking on a
/// pipe; then refuses anything that is not a regular file.
pub fn open_no_follow(path: &Path, access: Access) -> io::Result<fs::File> {
    let file = open_raw(path, access)?;
    if let Some(kind) = odd_kind(&file.metadata()?) {
        return Err(refused(path, kind));
    }
    Ok(file)
}

#[cfg(unix)]
fn open_raw(path: &Path, access: Access) -> io::Result<fs::File> {
    use rustix::fs::{Mode, OFlags};
    let flags = OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
    let flags = match access {
        Access::Read => flags | OFlags::RDONLY,
        Access::ReadWriteCreate => flags | OFlags::RDWR | OFlags::CREATE,
    };
    match rustix::fs::open(path, flags, Mode::RUSR | Mode::WUSR) {
        Ok(fd) => Ok(fs::File::from(fd)),
        // O_NOFOLLOW on a link fails with ELOOP: say what was found instead.
        Err(rustix::io::Errno::LOOP) => Err(refused(path, "a symbolic link")),
        Err(errno) => Err(io::Error::from(errno)),
    }
}

#[cfg(not(unix))]
fn open_raw(path: &Path, access: Access) -> io::Result<fs::File> {
    ensure_regular_or_absent(path)?;
    let mut options = fs::OpenOptions::new();
    options.read(true);
    if access == Access::ReadWriteCreate {
        options.write(true).create(true);
    }
    options.open(path)
}

/// The name a temporary file for `target` starts with: `.NAME.`, so that leftovers are
/// recognisably the draft's and removed only by whoever holds the draft's lock.
pub fn temp_prefix(target: &Path) -> OsString {
    let name = target.file_name().unwrap_or_else(|| OsStr::new("file"));
    let mut prefix = OsString::from(".");
    prefix.push(fitted(name, NAME_MAX - 2 - TEMP_RANDOM - TEMP_SUFFIX.len()));
    prefix.push(".");
    prefix
}

/// A new temporary file in `folder` for `target`, mode 0600, created exclusively.
pub fn temp_file(folder: &Path, target: &Path) -> io::Result<tempfile::NamedTempFile> {
    let temp = tempfile::Builder::new()
        .prefix(&temp_prefix(target))
        .suffix(TEMP_SUFFIX)
        .rand_bytes(TEMP_RANDOM)
        .tempfile_in(folder)?;
    set_private(temp.as_file())?;
    Ok(temp)
}

/// Removes the temporary files a killed save of `draft` left in its folder; returns how
/// many. Only regular files with exactly the draft's temporary name are touched, and only
/// by the holder of the draft's lock, so no save in progress is removed.
pub fn remove_leftover_temps(draft: &Path) -> usize {
    let folder = folder_of(draft);
    let prefix = temp_prefix(draft);
    let prefix = prefix.as_encoded_bytes();
    let Ok(entries) = fs::read_dir(folder) else { return 0 };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let bytes = name.as_encoded_bytes();
        let is_ours = bytes.len() == prefix.len() + TEMP_RANDOM + TEMP_SUFFIX.len()
            && bytes.starts_with(prefix)
            && bytes.ends_with(TEMP_SUFFIX.as_bytes());
        // `file_type` does not follow links: a planted link is left alone.
        if is_ours && entry.file_type().is_ok_and(|t| t.is_file()) && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// The folder a file is in (`.` for a bare name).
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

#[cfg(unix)]
pub(super) fn set_private(file: &fs::File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
pub(super) fn set_private(_file: &fs::File) -> io::Result<()> {
    Ok(())
}

/// Writes `bytes` to an open file from its start, leaving nothing of what it held.
pub fn overwrite(file: &mut fs::File, bytes: &[u8]) -> io::Result<()> {
    use std::io::Seek;
    file.set_len(0)?;
    file.seek(io::SeekFrom::Start(0))?;
    file.write_all(bytes)?;
    file.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fit_the_file_system_and_stay_distinct() {
        let short = Path::new("dir/d.json");
        assert_eq!(path(short, Sidecar::Backup), Path::new("dir/d.json.bak"));
        assert_eq!(path(short, Sidecar::Lock), Path::new("dir/d.json.lock"));
        let long_a = format!("{}a.json", "合".repeat(82));
        let long_b = format!("{}b.json", "合".repeat(82));
        for kind in [Sidecar::Backup, Sidecar::Lock, Sidecar::Recovery] {
            let a = path(Path::new(&long_a), kind);
            let b = path(Path::new(&long_b), kind);
            let name_len = a.file_name().map_or(0, OsStr::len);
            assert!(name_len <= NAME_MAX, "{kind:?}: {name_len}");
            assert_ne!(a, b, "two long names keep two sidecars");
            assert!(a.to_string_lossy().ends_with(kind.extension()));
        }
        assert!(temp_prefix(Path::new(&long_a)).len() + TEMP_RANDOM + TEMP_SUFFIX.len() <= NAME_MAX);
    }

    #[cfg(unix)]
    #[test]
    fn links_pipes_and_folders_are_refused_never_followed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let victim = dir.path().join("victim");
        fs::write(&victim, "KEEP").expect("writes");
        let link = dir.path().join("d.json.bak");
        std::os::unix::fs::symlink(&victim, &link).expect("links");
        let error = write(&link, b"draft").expect_err("a link is refused");
        assert!(error.to_string().contains("symbolic link"), "{error}");
        let error = read(&link, 100).expect_err("a link is not read");
        assert!(error.to_string().contains("symbolic link"), "{error}");
        assert!(open_no_follow(&link, Access::ReadWriteCreate).is_err());
        assert_eq!(fs::read_to_string(&victim).expect("reads"), "KEEP");

        let dangling = dir.path().join("e.json.lock");
        std::os::unix::fs::symlink(dir.path().join("outside"), &dangling).expect("links");
        assert!(open_no_follow(&dangling, Access::ReadWriteCreate).is_err());
        assert!(!dir.path().join("outside").exists(), "a dangling link's target is never created");

        let fifo = dir.path().join("f.json.lock");
        if std::process::Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success()) {
            let error = read(&fifo, 100).expect_err("a pipe is refused at once");
            assert!(error.to_string().contains("named pipe"), "{error}");
            assert!(write(&fifo, b"x").is_err());
        }
        let folder = dir.path().join("g.json.bak");
        fs::create_dir(&folder).expect("mkdir");
        assert!(write(&folder, b"x").expect_err("a folder").to_string().contains("folder"));
    }

    #[test]
    fn leftover_temps_of_this_draft_only_are_removed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let draft = dir.path().join("d.json");
        let ours = temp_file(dir.path(), &draft).expect("temp").keep().expect("keeps").1;
        let theirs = temp_file(dir.path(), &dir.path().join("other.json")).expect("temp").keep().expect("keeps").1;
        let lookalike = dir.path().join(".d.json.notours.tmp");
        fs::write(&lookalike, "x").expect("writes");
        assert_eq!(remove_leftover_temps(&draft), 1);
        assert!(!ours.exists());
        assert!(theirs.exists() && lookalike.exists());
    }
}
