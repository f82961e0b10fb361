//! Drafts on disk: bounded, checked reading and atomic, private writing (temporary file in
//! the same folder, fsync, rename, folder fsync; mode 0600). Exports are written the same
//! way without the fsyncs. Which version the backup keeps is the writer's (`session`).

use std::fs;
use std::io::{self, Read, Write};
use std::path::Path;

use super::{Draft, DraftError, sidecar};

/// Larger files are refused before they are read.
pub const MAX_DRAFT_BYTES: u64 = 64 * 1024 * 1024;

/// Why loading failed: the file, or its content.
#[derive(Debug)]
pub enum LoadError {
    Io(io::Error),
    TooLarge(u64),
    NotAFile,
    NotUtf8 { offset: usize },
    Empty,
    Content(DraftError),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Io(err) => write!(f, "{err}"),
            LoadError::TooLarge(size) => {
                write!(f, "the file is {size} bytes; drafts larger than {MAX_DRAFT_BYTES} bytes are refused")
            }
            LoadError::NotAFile => write!(f, "not a regular file"),
            LoadError::NotUtf8 { offset } => write!(f, "not valid UTF-8 (first bad byte at offset {offset})"),
            LoadError::Empty => write!(f, "the file is empty"),
            LoadError::Content(err) => write!(f, "{err}"),
        }
    }
}

impl LoadError {
    /// The reason as the Chinese interface says it, for someone who is not a programmer.
    pub fn zh(&self) -> String {
        match self {
            LoadError::Io(err) => crate::i18n::io_zh(err),
            LoadError::TooLarge(size) => {
                format!("文件有{size}字节，超过草稿的上限（{MAX_DRAFT_BYTES}字节），这不是草稿文件")
            }
            LoadError::NotAFile => "这不是普通文件（是文件夹、设备或管道）".to_string(),
            LoadError::NotUtf8 { offset } => {
                format!(
                    "这不是草稿文件：内容不是 UTF-8 文字（第{offset}字节起无法读取），可能是 Word 文件或其他二进制文件"
                )
            }
            LoadError::Empty => "文件是空的，这不是草稿文件".to_string(),
            LoadError::Content(err) => err.zh(),
        }
    }
}

impl std::error::Error for LoadError {}

/// Reads and parses a draft file.
pub fn load(path: &Path) -> Result<Draft, LoadError> {
    let (text, _) = read_text(path)?;
    parse(&text)
}

/// Parses a draft read with [`read_text`].
pub fn parse(text: &str) -> Result<Draft, LoadError> {
    // Editors on Windows may start the file with a byte-order mark; it carries no meaning.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    Draft::from_json(text).map_err(LoadError::Content)
}

/// Reads a draft file's text, bounded and checked, with the metadata it had before the read.
pub fn read_text(path: &Path) -> Result<(String, fs::Metadata), LoadError> {
    let metadata = fs::metadata(path).map_err(LoadError::Io)?;
    if !metadata.is_file() {
        return Err(LoadError::NotAFile);
    }
    if metadata.len() > MAX_DRAFT_BYTES {
        return Err(LoadError::TooLarge(metadata.len()));
    }
    let mut bytes = Vec::new();
    // The file may grow between the check and the read; never read past the limit.
    fs::File::open(path)
        .and_then(|file| file.take(MAX_DRAFT_BYTES + 1).read_to_end(&mut bytes))
        .map_err(LoadError::Io)?;
    if bytes.len() as u64 > MAX_DRAFT_BYTES {
        return Err(LoadError::TooLarge(bytes.len() as u64));
    }
    let text = String::from_utf8(bytes).map_err(|e| LoadError::NotUtf8 { offset: e.utf8_error().valid_up_to() })?;
    Ok((text, metadata))
}

/// Writes the draft atomically with mode 0600. A draft the tool could not read back (over
/// [`MAX_DRAFT_BYTES`]) is refused before anything is written.
pub fn save(path: &Path, draft: &Draft) -> io::Result<()> {
    save_text(path, &draft.to_json()).map(drop)
}

/// `save` for a draft already serialized (the wizard serializes off the saving thread);
/// returns the written file's metadata, to notice later writers.
pub fn save_text(path: &Path, json: &str) -> io::Result<fs::Metadata> {
    if json.len() as u64 > MAX_DRAFT_BYTES {
        return Err(io::Error::other(format!(
            "the draft would be {} bytes; drafts over {MAX_DRAFT_BYTES} bytes cannot be opened again, so it was not saved (shorten the longest text)",
            json.len()
        )));
    }
    write_atomic(path, json.as_bytes())
}

/// Writes bytes to `path` so that a crash leaves either the old or the new file, and the
/// new one survives a power cut once this returns: for drafts, which are the user's work.
/// Returns the new file's metadata.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<fs::Metadata> {
    replace(path, bytes, true)
}

/// Writes a file made from a draft (an export) the same way, so that no reader ever sees
/// half of it, but without waiting for the disk: it can be made again from the draft at
/// any time, and the wait would be most of the command's time.
pub fn write_derived(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace(path, bytes, false).map(drop)
}

/// Temporary file in the same folder, then rename; with `durable`, fsync before the rename
/// and of the folder after it. The draft and an export's output are names the user gave: a
/// link there is followed, so the file it points to is replaced and the link kept, and a
/// device or pipe (`-o /dev/null`, a FIFO) is written to as it is, since renaming over it
/// would replace the device itself. Sidecars never come here (see `sidecar::write`).
fn replace(path: &Path, bytes: &[u8], durable: bool) -> io::Result<fs::Metadata> {
    match fs::metadata(path) {
        Ok(meta) if !meta.is_file() && !meta.is_dir() => {
            let mut target = fs::OpenOptions::new().write(true).open(path)?;
            target.write_all(bytes).and_then(|()| target.flush())?;
            return Ok(meta);
        }
        Ok(meta) if meta.is_file() && fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) => {
            return replace(&fs::canonicalize(path)?, bytes, durable);
        }
        _ => {}
    }
    write_atomic_name(path, bytes, durable)
}

/// Temporary file beside `path`, then a rename onto the name itself (a link at the name is
/// replaced, never followed).
pub(super) fn write_atomic_name(path: &Path, bytes: &[u8], durable: bool) -> io::Result<fs::Metadata> {
    let folder = sidecar::folder_of(path);
    let mut temp = sidecar::temp_file(folder, path)?;
    temp.write_all(bytes)?;
    if durable {
        temp.as_file().sync_all()?;
    }
    // The rename keeps the inode and the modification time: this is what the name holds next.
    let written = temp.as_file().metadata()?;
    temp.persist(path).map_err(|e| e.error)?;
    if durable {
        sync_folder(folder);
    }
    Ok(written)
}

/// Makes the rename durable. Best effort: some file systems refuse to sync a folder.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn links_are_followed_and_pipes_written_to_not_replaced() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("contract.md");
        let link = dir.path().join("link.md");
        std::fs::write(&target, "old").expect("writes");
        std::os::unix::fs::symlink(&target, &link).expect("links");
        write_derived(&link, b"new").expect("writes through the link");
        assert!(std::fs::symlink_metadata(&link).expect("stat").file_type().is_symlink(), "the link stays a link");
        assert_eq!(std::fs::read_to_string(&target).expect("reads"), "new");

        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
        if made {
            let reader = {
                let fifo = fifo.clone();
                std::thread::spawn(move || std::fs::read(fifo).expect("reads the pipe"))
            };
            write_atomic(&fifo, b"through the pipe").expect("writes to the pipe");
            assert_eq!(reader.join().expect("reader"), b"through the pipe");
            let file_type = std::fs::metadata(&fifo).expect("stat").file_type();
            assert!(std::os::unix::fs::FileTypeExt::is_fifo(&file_type), "the pipe stays a pipe");
        }
    }

    #[test]
    fn saves_private_and_loads_back() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("d.json");
        let draft = Draft::with_presets();
        save(&path, &draft).expect("saves");
        assert_eq!(load(&path).expect("loads"), draft);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).expect("metadata").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let leftovers: Vec<_> = fs::read_dir(dir.path()).expect("lists").collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn a_draft_too_large_to_open_again_is_never_saved() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("d.json");
        save(&path, &Draft::with_presets()).expect("saves");
        let before = fs::read(&path).expect("reads");
        let huge = "x".repeat(usize::try_from(MAX_DRAFT_BYTES).expect("fits") + 1);
        let error = save_text(&path, &huge).expect_err("refused");
        assert!(error.to_string().contains("cannot be opened again"), "{error}");
        assert_eq!(fs::read(&path).expect("reads"), before, "the draft on disk is untouched");
    }

    #[test]
    fn refuses_bad_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert!(matches!(load(dir.path()), Err(LoadError::NotAFile)));
        let empty = dir.path().join("empty.json");
        fs::write(&empty, "  \n").expect("writes");
        assert!(matches!(load(&empty), Err(LoadError::Empty)));
        let latin = dir.path().join("latin.json");
        fs::write(&latin, b"{\"a\": \"\xff\"}").expect("writes");
        assert!(matches!(load(&latin), Err(LoadError::NotUtf8 { offset: 7 })));
    }
}
