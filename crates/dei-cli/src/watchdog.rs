//! A bound in time and memory on work that a user's own files drive: custom report templates.
//!
//! Why: fuel bounds the steps of a template, but minijinja concatenates lists lazily and then,
//! past a nesting depth, copies them without charging fuel, so a template that doubles a list
//! 33 times ran for minutes and took gigabytes. A watchdog thread checks the clock and the
//! process's resident memory every few milliseconds while such work runs, and ends the
//! process with a clear error (exit 1) when either runs over. Nothing has been written yet at
//! that point: outputs are written after rendering.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Longest time a custom template may render; the built-in report renders in milliseconds.
pub const MAX_TIME: Duration = Duration::from_secs(20);

/// Most resident memory of the process while a custom template renders; a report of the
/// largest checklist uses about 30 MiB.
pub const MAX_RESIDENT_BYTES: u64 = 1024 * 1024 * 1024;

/// Runs `work` on this thread, ending the process if it runs over `MAX_TIME` or
/// `MAX_RESIDENT_BYTES` (the message is `words::template_stopped`).
pub fn bounded<T>(work: impl FnOnce() -> T) -> T {
    let done = AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| watch(&done));
        let result = work();
        done.store(true, Ordering::Release);
        result
    })
}

fn watch(done: &AtomicBool) {
    let start = Instant::now();
    while !done.load(Ordering::Acquire) {
        let mebibytes = MAX_RESIDENT_BYTES / 1024 / 1024;
        let over = if start.elapsed() > MAX_TIME {
            Some(crate::words::template_stopped(
                Some(MAX_TIME.as_secs()),
                mebibytes,
            ))
        } else if resident_bytes().is_some_and(|bytes| bytes > MAX_RESIDENT_BYTES) {
            Some(crate::words::template_stopped(None, mebibytes))
        } else {
            None
        };
        if let Some(over) = over {
            eprintln!("{over}");
            std::process::exit(i32::from(crate::output::EXIT_INVALID));
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// The process's resident memory, from `/proc/self/status` (Linux); `None` elsewhere.
fn resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    let kilobytes: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kilobytes * 1024)
}
