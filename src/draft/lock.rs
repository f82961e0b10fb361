//! One editor per draft: `FILE.lock` holds the process id of the wizard editing it. A lock
//! whose process is gone is stale and cleared.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::io::sibling;

/// Who holds a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockState {
    /// Nobody (or a dead process, whose lock was cleared).
    Free,
    /// Another running process.
    HeldBy(u32),
}

/// The lock file of a draft.
pub fn lock_path(draft: &Path) -> PathBuf {
    sibling(draft, "lock")
}

/// Whether a process is running. On Linux, by /proc; elsewhere a lock is trusted.
fn alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if Path::new("/proc/self").exists() { Path::new(&format!("/proc/{pid}")).exists() } else { true }
}

/// Who holds the draft now; a stale lock is removed.
pub fn state(draft: &Path) -> LockState {
    let path = lock_path(draft);
    let Ok(text) = fs::read_to_string(&path) else { return LockState::Free };
    match text.trim().parse::<u32>() {
        Ok(pid) if pid != std::process::id() && alive(pid) => LockState::HeldBy(pid),
        _ => {
            let _ = fs::remove_file(&path);
            LockState::Free
        }
    }
}

/// Takes the lock for this process (also when taking over from another).
pub fn acquire(draft: &Path) -> io::Result<()> {
    let path = lock_path(draft);
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    writeln!(file, "{}", std::process::id())
}

/// Gives the lock back, if it is still ours.
pub fn release(draft: &Path) {
    let path = lock_path(draft);
    if fs::read_to_string(&path).is_ok_and(|t| t.trim() == std::process::id().to_string()) {
        let _ = fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_are_taken_released_and_stale_ones_cleared() {
        let dir = tempfile::tempdir().expect("temp dir");
        let draft = dir.path().join("d.json");
        assert_eq!(state(&draft), LockState::Free);
        acquire(&draft).expect("locks");
        assert_eq!(state(&draft), LockState::Free, "our own lock does not block us");
        release(&draft);
        assert!(!lock_path(&draft).exists());
        // A process id that cannot exist is a stale lock.
        fs::write(lock_path(&draft), "4194305\n").expect("writes");
        if Path::new("/proc/self").exists() {
            assert_eq!(state(&draft), LockState::Free);
            assert!(!lock_path(&draft).exists(), "the stale lock is cleared");
        }
    }
}
