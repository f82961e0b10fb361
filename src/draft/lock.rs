//! One writer per draft: `FILE.lock` is locked by the operating system (`flock`) for as
//! long as a wizard edits the draft, and holds that wizard's process id so that a second
//! one can say who has it. The OS lock goes with its process, so a crash or a kill leaves no
//! stale lock, and of two wizards started in the same instant exactly one gets it.
//!
//! A take-over gives the name `FILE.lock` to a new file: the first wizard still holds its
//! lock on the old one, and sees before its next save that the name is no longer its file.

use std::fs::{self, File, TryLockError};
use std::io::{self, Read, Seek};
use std::path::{Path, PathBuf};

use super::sidecar::{self, Access, Sidecar};

/// Longest lock file content read (a process id and a line break).
const LOCK_TEXT_MAX: u64 = 64;

/// The lock of a draft, held by this process until dropped.
#[derive(Debug)]
pub struct Lock {
    draft: PathBuf,
    path: PathBuf,
    /// Kept open: the OS lock lasts as long as this file is open.
    _open: File,
    identity: Identity,
}

/// What trying to lock a draft found.
#[derive(Debug)]
pub enum Acquired {
    /// The draft is ours to write.
    Taken(Lock),
    /// Another running process holds it (its id, when it wrote one).
    HeldBy(Option<u32>),
}

/// Whether the lock still holds, checked before every save.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    Us,
    /// Another wizard took the draft over (its id, when it wrote one).
    Other(Option<u32>),
}

/// The lock file of a draft.
pub fn lock_path(draft: &Path) -> PathBuf {
    sidecar::path(draft, Sidecar::Lock)
}

/// Locks the draft for this process, unless another process holds it.
pub fn acquire(draft: &Path) -> io::Result<Acquired> {
    let path = lock_path(draft);
    // The name can change hands between opening and locking (a take-over, or a release
    // removing the file); a lock counts only on the file the name still holds.
    for _ in 0..8 {
        let mut file = sidecar::open_no_follow(&path, Access::ReadWriteCreate)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Ok(Acquired::HeldBy(read_pid(&mut file))),
            Err(TryLockError::Error(error)) => return Err(error),
        }
        let identity = Identity::of(&file.metadata()?);
        if Identity::at(&path).as_ref() == Some(&identity) {
            sidecar::overwrite(&mut file, format!("{}\n", std::process::id()).as_bytes())?;
            return Ok(Acquired::Taken(Lock { draft: draft.to_path_buf(), path, _open: file, identity }));
        }
    }
    Err(io::Error::other(format!("{}: keeps changing; another program is using it", path.display())))
}

/// Takes the draft from the wizard that holds it: the name goes to a new lock file of ours.
pub fn take_over(draft: &Path) -> io::Result<Lock> {
    let path = lock_path(draft);
    sidecar::ensure_regular_or_absent(&path)?;
    match fs::remove_file(&path) {
        Ok(()) => {}
        Err(error) if error.kind() == io::ErrorKind::NotFound => {}
        Err(error) => return Err(error),
    }
    match acquire(draft)? {
        Acquired::Taken(lock) => Ok(lock),
        Acquired::HeldBy(pid) => Err(io::Error::other(match pid {
            Some(pid) => format!("{}: process {pid} took the draft first", path.display()),
            None => format!("{}: another process took the draft first", path.display()),
        })),
    }
}

impl Lock {
    /// Whether the draft is still ours. A lock file removed by hand is made again.
    pub fn holder(&mut self) -> io::Result<Holder> {
        match Identity::at(&self.path) {
            Some(identity) if identity == self.identity => Ok(Holder::Us),
            Some(_) => {
                let pid = sidecar::open_no_follow(&self.path, Access::Read).ok().and_then(|mut f| read_pid(&mut f));
                Ok(Holder::Other(pid))
            }
            None => match acquire(&self.draft)? {
                Acquired::Taken(lock) => {
                    *self = lock;
                    Ok(Holder::Us)
                }
                Acquired::HeldBy(pid) => Ok(Holder::Other(pid)),
            },
        }
    }

    /// The lock file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Lock {
    /// Removes the lock file if the name is still ours (never another wizard's), then the
    /// OS lock goes with the file.
    fn drop(&mut self) {
        if Identity::at(&self.path).as_ref() == Some(&self.identity) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

fn read_pid(file: &mut File) -> Option<u32> {
    let mut text = String::new();
    file.seek(io::SeekFrom::Start(0)).ok()?;
    file.take(LOCK_TEXT_MAX).read_to_string(&mut text).ok()?;
    text.trim().parse().ok()
}

/// Which file a name holds: device and inode where the system has them.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Identity {
    #[cfg(unix)]
    device: u64,
    #[cfg(unix)]
    inode: u64,
}

impl Identity {
    fn of(meta: &fs::Metadata) -> Identity {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Identity { device: meta.dev(), inode: meta.ino() }
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            Identity {}
        }
    }

    /// The identity of what the name holds, without following a link.
    fn at(path: &Path) -> Option<Identity> {
        fs::symlink_metadata(path).ok().filter(|m| m.file_type().is_file()).map(|m| Identity::of(&m))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taken(outcome: io::Result<Acquired>) -> Lock {
        match outcome.expect("locks") {
            Acquired::Taken(lock) => lock,
            Acquired::HeldBy(pid) => panic!("held by {pid:?}"),
        }
    }

    #[test]
    fn one_holder_at_a_time_and_released_on_drop() {
        let dir = tempfile::tempdir().expect("temp dir");
        let draft = dir.path().join("d.json");
        let mut lock = taken(acquire(&draft));
        assert_eq!(fs::read_to_string(lock_path(&draft)).expect("reads").trim(), std::process::id().to_string());
        // flock locks belong to the open file: a second open in this process is refused too.
        assert!(matches!(acquire(&draft).expect("tries"), Acquired::HeldBy(Some(pid)) if pid == std::process::id()));
        assert_eq!(lock.holder().expect("checks"), Holder::Us);
        drop(lock);
        assert!(!lock_path(&draft).exists(), "the lock file is removed on release");
        // A lock file left by a dead process (no OS lock) is simply taken.
        fs::write(lock_path(&draft), "4194305\n").expect("writes");
        let lock = taken(acquire(&draft));
        drop(lock);
    }

    #[test]
    fn of_a_thousand_racing_pairs_exactly_one_gets_the_lock() {
        let dir = tempfile::tempdir().expect("temp dir");
        for round in 0..1000 {
            let draft = dir.path().join(format!("d{round}.json"));
            let start = std::sync::Barrier::new(2);
            let winners = std::thread::scope(|scope| {
                let racers: Vec<_> = (0..2)
                    .map(|_| {
                        scope.spawn(|| {
                            start.wait();
                            match acquire(&draft).expect("tries") {
                                // Held until both have tried.
                                Acquired::Taken(lock) => Some(lock),
                                Acquired::HeldBy(_) => None,
                            }
                        })
                    })
                    .collect();
                // Every racer has tried before any lock is dropped.
                let locks: Vec<Option<Lock>> = racers.into_iter().map(|r| r.join().expect("racer")).collect();
                locks.iter().filter(|l| l.is_some()).count()
            });
            assert_eq!(winners, 1, "round {round}");
        }
    }

    #[test]
    fn a_take_over_is_noticed_and_the_old_holder_never_removes_the_new_lock() {
        let dir = tempfile::tempdir().expect("temp dir");
        let draft = dir.path().join("d.json");
        let mut first = taken(acquire(&draft));
        let mut second = take_over(&draft).expect("takes over");
        assert!(matches!(first.holder().expect("checks"), Holder::Other(_)));
        assert_eq!(second.holder().expect("checks"), Holder::Us);
        drop(first);
        assert!(lock_path(&draft).exists(), "the first wizard leaves the second one's lock alone");
        assert_eq!(second.holder().expect("checks"), Holder::Us);
    }

    #[test]
    fn a_lock_file_removed_by_hand_is_made_again() {
        let dir = tempfile::tempdir().expect("temp dir");
        let draft = dir.path().join("d.json");
        let mut lock = taken(acquire(&draft));
        fs::remove_file(lock_path(&draft)).expect("removes");
        assert_eq!(lock.holder().expect("checks"), Holder::Us);
        assert!(lock_path(&draft).exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_link_is_never_written_through() {
        let dir = tempfile::tempdir().expect("temp dir");
        let draft = dir.path().join("d.json");
        let outside = dir.path().join("outside");
        std::os::unix::fs::symlink(&outside, lock_path(&draft)).expect("links");
        let error = acquire(&draft).expect_err("refused");
        assert!(error.to_string().contains("symbolic link"), "{error}");
        assert!(!outside.exists(), "nothing is created through the link");
    }
}
