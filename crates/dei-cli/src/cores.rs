//! Work spread over the cores: how many threads a batch uses, work split into runs, and the
//! results of scoped threads collected in order. Used by `dei benchmark` and by `dei import`
//! and `dei export`.

use std::thread::ScopedJoinHandle;

/// How many threads a batch of `items` uses: one per core, at most 16, never more than the
/// items (so none for no items).
pub fn workers_for(items: usize) -> usize {
    std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, 16)
        .min(items)
}

/// The results of every thread, in the order of `handles`; a thread's panic carries on here.
pub fn joined<T>(handles: Vec<ScopedJoinHandle<'_, Vec<T>>>) -> Vec<T> {
    handles
        .into_iter()
        .flat_map(|handle| {
            handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
        .collect()
}

/// `work` of every item, computed on one thread per core (at most 16), each taking one run of
/// consecutive items; the results in the order of `items`.
pub fn on_every_core<T: Send, R: Send>(items: Vec<T>, work: impl Fn(T) -> R + Sync) -> Vec<R> {
    let workers = workers_for(items.len());
    if workers <= 1 {
        return items.into_iter().map(work).collect();
    }
    let run = items.len().div_ceil(workers);
    let mut runs = Vec::with_capacity(workers);
    let mut items = items.into_iter();
    loop {
        let part: Vec<T> = items.by_ref().take(run).collect();
        if part.is_empty() {
            break;
        }
        runs.push(part);
    }
    let work = &work;
    std::thread::scope(|scope| {
        joined(
            runs.into_iter()
                .map(|part| scope.spawn(move || part.into_iter().map(work).collect::<Vec<R>>()))
                .collect(),
        )
    })
}
