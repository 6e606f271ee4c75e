//! The lint loop: files linted in parallel, reported in path order as soon
//! as each is ready, each source dropped once it is reported.
//!
//! Workers take inputs in path order from a shared counter. The worker that
//! finishes the next file due reports it, and any later files that were
//! waiting for it, itself: there is no reporting thread to hand results to
//! and wake, so an archive of small files costs no thread switch per file.
//! A worker may run at most `window` files ahead of the last one reported,
//! so however large the archive, only a few sources are in memory at once,
//! and line formats stream as they go.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};

/// How many files a worker may run ahead of the report, per thread.
const AHEAD_PER_THREAD: usize = 4;

/// What the reporter tells the loop after each item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Go on.
    Continue,
    /// Stop linting (the reader went away).
    Stop,
}

/// The reporting side, shared by the workers under one lock.
struct Reporting<R, F, E> {
    /// Results that finished before an earlier item, by item index.
    pending: BTreeMap<usize, R>,
    /// The index of the next item to report.
    next: usize,
    /// Workers waiting for the report to catch up.
    waiting: usize,
    /// What the report returned when it stopped with an error.
    error: Option<E>,
    report: F,
}

/// Runs `work` on every item on the current rayon pool and hands the
/// results to `report` in item order, as soon as each one is ready.
pub fn ordered<I, R, E>(
    items: &[I],
    work: impl Fn(&I) -> R + Sync,
    report: impl FnMut(R) -> Result<Next, E> + Send,
) -> Result<(), E>
where
    I: Sync,
    R: Send,
    E: Send,
{
    let threads = rayon::current_num_threads().max(1);
    let window = threads * AHEAD_PER_THREAD;
    let claimed = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let reporting = Mutex::new(Reporting {
        pending: BTreeMap::new(),
        next: 0,
        waiting: 0,
        error: None,
        report,
    });
    let caught_up = Condvar::new();
    let lock = || reporting.lock().unwrap_or_else(|e| e.into_inner());

    rayon::in_place_scope(|scope| {
        for _ in 0..threads.min(items.len()) {
            let (claimed, stop, caught_up, work, lock) =
                (&claimed, &stop, &caught_up, &work, &lock);
            scope.spawn(move |_| loop {
                let index = claimed.fetch_add(1, Ordering::Relaxed);
                if index >= items.len() || stop.load(Ordering::Relaxed) {
                    return;
                }
                let mut shared = lock();
                while index >= shared.next + window && !stop.load(Ordering::Relaxed) {
                    shared.waiting += 1;
                    shared = caught_up.wait(shared).unwrap_or_else(|e| e.into_inner());
                    shared.waiting -= 1;
                }
                drop(shared);
                if stop.load(Ordering::Relaxed) {
                    return;
                }
                let result = work(&items[index]);
                let mut shared = lock();
                shared.pending.insert(index, result);
                report_ready(&mut shared, stop);
                if shared.waiting > 0 {
                    caught_up.notify_all();
                }
            });
        }
    });
    match reporting
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .error
    {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

/// Reports every result that is due, in order; on `Stop` or an error,
/// raises `stop` so the workers take no more items.
fn report_ready<R, F, E>(shared: &mut MutexGuard<'_, Reporting<R, F, E>>, stop: &AtomicBool)
where
    F: FnMut(R) -> Result<Next, E>,
{
    while !stop.load(Ordering::Relaxed) {
        let next = shared.next;
        let Some(result) = shared.pending.remove(&next) else {
            return;
        };
        match (shared.report)(result) {
            Ok(Next::Continue) => shared.next += 1,
            Ok(Next::Stop) => stop.store(true, Ordering::Relaxed),
            Err(e) => {
                shared.error = Some(e);
                stop.store(true, Ordering::Relaxed);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order_and_stop_early() {
        let items: Vec<usize> = (0..200).collect();
        let mut seen = Vec::new();
        ordered(
            &items,
            |&i| {
                // Later items finish first.
                std::thread::sleep(std::time::Duration::from_micros(
                    ((200 - i) % 7) as u64 * 50,
                ));
                i
            },
            |i| {
                seen.push(i);
                Ok::<_, ()>(Next::Continue)
            },
        )
        .unwrap();
        assert_eq!(seen, items);

        let mut count = 0;
        ordered(
            &items,
            |&i| i,
            |_| {
                count += 1;
                Ok::<_, ()>(if count == 3 {
                    Next::Stop
                } else {
                    Next::Continue
                })
            },
        )
        .unwrap();
        assert_eq!(count, 3);
    }
}
