//! The lint loop: files linted in parallel, reported in path order as soon
//! as each is ready, each source dropped once it is reported.
//!
//! Workers take inputs in path order from a shared counter and send results
//! to the reporting thread, which keeps a small reorder buffer and reports
//! the next file the moment it arrives. A worker may run at most `window`
//! files ahead of the last one reported, so however large the archive, only
//! a few sources are in memory at once, and line formats stream as they go.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex};

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

/// Runs `work` on every item on the current rayon pool and hands the
/// results to `report` in item order, as soon as each one is ready.
pub fn ordered<I, R, E>(
    items: &[I],
    work: impl Fn(&I) -> R + Sync,
    mut report: impl FnMut(R) -> Result<Next, E>,
) -> Result<(), E>
where
    I: Sync,
    R: Send,
{
    let threads = rayon::current_num_threads().max(1);
    let window = threads * AHEAD_PER_THREAD;
    let claimed = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let reported = Mutex::new(0usize);
    let progress = Condvar::new();
    let (sender, receiver) = mpsc::channel::<(usize, R)>();

    rayon::in_place_scope(|scope| {
        for _ in 0..threads.min(items.len()) {
            let sender = sender.clone();
            let (claimed, stop, reported, progress, work) =
                (&claimed, &stop, &reported, &progress, &work);
            scope.spawn(move |_| loop {
                let index = claimed.fetch_add(1, Ordering::Relaxed);
                if index >= items.len() {
                    return;
                }
                {
                    let mut done = reported.lock().unwrap_or_else(|e| e.into_inner());
                    while index >= *done + window && !stop.load(Ordering::Relaxed) {
                        done = progress.wait(done).unwrap_or_else(|e| e.into_inner());
                    }
                }
                if stop.load(Ordering::Relaxed)
                    || sender.send((index, work(&items[index]))).is_err()
                {
                    return;
                }
            });
        }
        drop(sender);

        let halt = |result| {
            stop.store(true, Ordering::Relaxed);
            // Under the lock, so no worker is between its check and its wait.
            let _guard = reported.lock().unwrap_or_else(|e| e.into_inner());
            progress.notify_all();
            result
        };
        let mut pending = BTreeMap::new();
        let mut next = 0;
        for (index, result) in receiver {
            pending.insert(index, result);
            while let Some(result) = pending.remove(&next) {
                match report(result) {
                    Ok(Next::Continue) => {}
                    Ok(Next::Stop) => return halt(Ok(())),
                    Err(e) => return halt(Err(e)),
                }
                next += 1;
                *reported.lock().unwrap_or_else(|e| e.into_inner()) = next;
                progress.notify_all();
            }
        }
        Ok(())
    })
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
