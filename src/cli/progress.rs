//! Progress on stderr for long runs: files done, MB/s, findings so far.
//!
//! Archive runs take a while, and a silent terminal looks hung. The line
//! appears only when stderr is a terminal, the run is not in CI, and it has
//! lasted more than a second; it is cleared before the report's summary, so
//! it never mixes with output that is piped or logged.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a run goes before progress is shown.
const SHOW_AFTER: Duration = Duration::from_secs(1);
/// Redraws per second at most.
const REFRESH_HZ: u8 = 8;
/// Least time between two updates of the line (updating is not free).
const UPDATE_EVERY: Duration = Duration::from_millis(125);

/// Counts a run's progress and draws it once the run has lasted long enough.
pub struct Progress {
    enabled: bool,
    started: Instant,
    total_files: usize,
    files: usize,
    bytes: u64,
    findings: usize,
    bar: Option<ProgressBar>,
    /// When the line was last updated.
    updated: Instant,
}

impl Progress {
    /// Progress for a run over `total_files` inputs; drawn only on an
    /// interactive stderr outside CI.
    pub fn new(total_files: usize) -> Progress {
        let in_ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
        Progress {
            enabled: std::io::stderr().is_terminal() && !in_ci,
            started: Instant::now(),
            total_files,
            files: 0,
            bytes: 0,
            findings: 0,
            bar: None,
            updated: Instant::now(),
        }
    }

    /// Never shown (`--quiet`).
    pub fn off(mut self) -> Progress {
        self.enabled = false;
        self
    }

    /// Counts one finished file.
    pub fn file_done(&mut self, bytes: usize, findings: usize) {
        self.files += 1;
        self.bytes += bytes as u64;
        self.findings += findings;
        if !self.enabled || self.updated.elapsed() < UPDATE_EVERY {
            return;
        }
        self.updated = Instant::now();
        let elapsed = self.started.elapsed();
        if self.bar.is_none() && elapsed >= SHOW_AFTER {
            let bar = ProgressBar::with_draw_target(
                Some(self.total_files as u64),
                ProgressDrawTarget::stderr_with_hz(REFRESH_HZ),
            );
            bar.set_style(
                ProgressStyle::with_template("{bar:30} {pos}/{len} files  {msg}")
                    .expect("the template is valid"),
            );
            self.bar = Some(bar);
        }
        if let Some(bar) = &self.bar {
            let megabytes = self.bytes as f64 / 1e6;
            let rate = megabytes / elapsed.as_secs_f64().max(1e-3);
            bar.set_position(self.files as u64);
            bar.set_message(format!(
                "{megabytes:.1} MB  {rate:.0} MB/s  {} findings",
                self.findings
            ));
        }
    }

    /// Removes the progress line, if one was drawn.
    pub fn clear(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}
