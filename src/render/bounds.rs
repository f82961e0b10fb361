//! What a render may cost: the contract it writes is bounded in size, and a custom clause
//! template (`--clauses DIR`) is bounded in memory. Fuel bounds instructions, but a few
//! instructions can double a string forty times (`{% set ns.s = ns.s ~ ns.s %}`), so the
//! bytes need limits of their own, as Liquid bounds render length and assigned sizes.

use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// The largest contract a render writes: several times what the largest draft prints.
pub(super) const OUTPUT_MAX: usize = 256 * 1024 * 1024;
/// The memory a custom template may take beyond what the process held before the render.
pub(super) const CUSTOM_MEMORY_MAX: u64 = 256 * 1024 * 1024;
/// How often the memory of a custom render is looked at.
const MEMORY_CHECK: Duration = Duration::from_millis(2);

/// The rendered contract, refusing to grow past a limit.
pub(super) struct LimitedOutput {
    bytes: Vec<u8>,
    limit: usize,
}

impl LimitedOutput {
    pub(super) fn new(limit: usize) -> LimitedOutput {
        LimitedOutput { bytes: Vec::new(), limit }
    }

    /// The text written (templates write UTF-8; anything else would be a bug, shown as U+FFFD).
    pub(super) fn into_string(self) -> String {
        String::from_utf8(self.bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

impl io::Write for &mut LimitedOutput {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.bytes.len() + buf.len() > self.limit {
            return Err(io::Error::other(format!(
                "the contract would be larger than {} MiB; a template that writes this much is refused",
                self.limit / (1024 * 1024)
            )));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Watches the process's memory while a custom template renders and stops the process
/// (exit 2, with an `error:` line naming the template folder) before it passes the limit.
/// A render cannot be interrupted from outside, and an allocation that fails aborts.
pub(super) struct MemoryGuard {
    done: Arc<AtomicBool>,
}

impl MemoryGuard {
    pub(super) fn start(folder: PathBuf, limit: u64) -> Option<MemoryGuard> {
        let baseline = resident_bytes()?;
        let done = Arc::new(AtomicBool::new(false));
        let finished = Arc::clone(&done);
        std::thread::spawn(move || {
            while !finished.load(Ordering::Relaxed) {
                std::thread::sleep(MEMORY_CHECK);
                if resident_bytes().is_some_and(|now| now.saturating_sub(baseline) > limit) {
                    crate::commands::warn(&format!(
                        "error: clause templates: {}: the templates built more than {} MiB in memory while rendering and were stopped (look for a string that grows in a loop)",
                        crate::terminal_text::path(&folder.join(super::MASTER)),
                        limit / (1024 * 1024)
                    ));
                    std::process::exit(2);
                }
            }
        });
        Some(MemoryGuard { done })
    }
}

impl Drop for MemoryGuard {
    fn drop(&mut self) {
        self.done.store(true, Ordering::Relaxed);
    }
}

/// The process's resident memory, where the system tells it (Linux).
#[cfg(unix)]
fn resident_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * u64::try_from(rustix::param::page_size()).ok()?)
}

/// Elsewhere the output limit and fuel remain.
#[cfg(not(unix))]
fn resident_bytes() -> Option<u64> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    #[test]
    fn output_stops_at_the_limit() {
        let mut out = LimitedOutput::new(10);
        assert!((&mut out).write_all(b"0123456789").is_ok());
        assert!((&mut out).write_all(b"x").is_err());
        assert_eq!(out.into_string(), "0123456789");
    }
}
