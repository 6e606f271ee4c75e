//! The lint loop: files linted in parallel, reported in path order as soon
//! as each is ready, each source dropped once it is reported.
//!
//! Workers take inputs in path order from a shared counter. The worker that
//! finishes the next file due reports it, and any later files that were
//! waiting for it, itself: there is no reporting thread to hand results to
//! and wake, so an archive of small files costs no thread switch per file.
//! A worker may run only so far ahead of the last file reported (a number
//! of files, and of bytes of results waiting), so however large the archive,
//! only a few sources are in memory at once, and line formats stream as
//! they go.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};

/// How many files a worker may run ahead of the report, per thread: enough
/// that a long file, or a worker the system pauses for a moment, does not
/// leave the others waiting when files are small.
const AHEAD_PER_THREAD: usize = 32;
/// Most bytes of results waiting for an earlier one before workers stop
/// taking items further ahead: what bounds memory when files are large.
const MAX_PENDING_BYTES: usize = 8 << 20;

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
    /// Results that finished before an earlier item, by item index, with
    /// their sizes.
    pending: BTreeMap<usize, (R, usize)>,
    /// The sum of the sizes in `pending`.
    pending_bytes: usize,
    /// The index of the next item to report.
    next: usize,
    /// Workers waiting for the report to catch up.
    waiting: usize,
    /// What the report returned when it stopped with an error.
    error: Option<E>,
    report: F,
}

/// Runs `work` on every item on the current rayon pool and hands the
/// results to `report` in item order, as soon as each one is ready; `size`
/// tells how many bytes a result holds while it waits.
pub fn ordered<I, R, E>(
    items: &[I],
    work: impl Fn(&I) -> R + Sync,
    size: impl Fn(&R) -> usize + Sync,
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
        pending_bytes: 0,
        next: 0,
        waiting: 0,
        error: None,
        report,
    });
    let caught_up = Condvar::new();
    let lock = || reporting.lock().unwrap_or_else(|e| e.into_inner());

    rayon::in_place_scope(|scope| {
        for _ in 0..threads.min(items.len()) {
            let (claimed, stop, caught_up, work, size, lock, reporting) =
                (&claimed, &stop, &caught_up, &work, &size, &lock, &reporting);
            scope.spawn(move |_| {
                // A panic in `work` or `report` must not leave the other
                // workers waiting for an item that will never be reported.
                let _on_panic = StopOnPanic {
                    stop,
                    caught_up,
                    reporting,
                };
                loop {
                    let index = claimed.fetch_add(1, Ordering::Relaxed);
                    if index >= items.len() || stop.load(Ordering::Relaxed) {
                        return;
                    }
                    let mut shared = lock();
                    // The item due next never waits, so neither does the report.
                    while index > shared.next
                        && (index >= shared.next + window
                            || shared.pending_bytes > MAX_PENDING_BYTES)
                        && !stop.load(Ordering::Relaxed)
                    {
                        shared.waiting += 1;
                        shared = caught_up.wait(shared).unwrap_or_else(|e| e.into_inner());
                        shared.waiting -= 1;
                    }
                    drop(shared);
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    let result = work(&items[index]);
                    let bytes = size(&result);
                    let mut shared = lock();
                    shared.pending.insert(index, (result, bytes));
                    shared.pending_bytes += bytes;
                    report_ready(&mut shared, stop);
                    if shared.waiting > 0 {
                        caught_up.notify_all();
                    }
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

/// Raises `stop` and wakes every waiting worker when dropped during a
/// panic, so that the scope ends and rayon hands the panic to the caller.
struct StopOnPanic<'a, T> {
    stop: &'a AtomicBool,
    caught_up: &'a Condvar,
    reporting: &'a Mutex<T>,
}

impl<T> Drop for StopOnPanic<'_, T> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.stop.store(true, Ordering::SeqCst);
            // Under the lock, so no worker is between its check and its wait.
            let _shared = self.reporting.lock();
            self.caught_up.notify_all();
        }
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
        let Some((result, bytes)) = shared.pending.remove(&next) else {
            return;
        };
        shared.pending_bytes -= bytes;
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
            |_| 1,
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
            |_| 1,
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

    #[test]
    fn a_panic_in_a_worker_or_the_report_ends_the_run() {
        // More items than the window, so that workers wait on the report:
        // the panic must wake them, not leave them waiting for ever.
        let items: Vec<usize> = (0..500).collect();
        let worker = std::panic::catch_unwind(|| {
            ordered(
                &items,
                |&i| {
                    if i == 0 {
                        std::thread::sleep(std::time::Duration::from_millis(20));
                        panic!("worker failed");
                    }
                    i
                },
                |_| 1,
                |_| Ok::<_, ()>(Next::Continue),
            )
        });
        assert!(worker.is_err());
        let report = std::panic::catch_unwind(|| {
            ordered(
                &items,
                |&i| i,
                |_| 1,
                |i| {
                    if i == 3 {
                        panic!("report failed");
                    }
                    Ok::<_, ()>(Next::Continue)
                },
            )
        });
        assert!(report.is_err());
    }

    #[test]
    fn large_results_hold_the_workers_back() {
        // Each result holds 3 MB; the first item is slow, so the others
        // finish early and wait. Past the byte budget, no worker takes a
        // further item until the first is reported.
        let items: Vec<usize> = (0..40).collect();
        let done = AtomicUsize::new(0);
        let mut done_when_first_reported = None;
        ordered(
            &items,
            |&i| {
                if i == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(100));
                }
                done.fetch_add(1, Ordering::SeqCst);
                i
            },
            |_| 3 << 20,
            |i| {
                if i == 0 {
                    done_when_first_reported = Some(done.load(Ordering::SeqCst));
                }
                Ok::<_, ()>(Next::Continue)
            },
        )
        .unwrap();
        let waiting_at_most = MAX_PENDING_BYTES / (3 << 20) + 1;
        let threads = rayon::current_num_threads();
        let done = done_when_first_reported.expect("the first item is reported");
        assert!(
            done <= 1 + waiting_at_most + threads,
            "{done} items done before the first was reported"
        );
    }
}
