//! Renderers: one module per output format.
//!
//! Every renderer receives files one at a time, in report order, then a
//! summary. Line formats (line, jsonl, github annotations) write as files
//! arrive; single-document formats either stream their document piece by
//! piece (SARIF, rdjson) or buffer diagnostics, never sources, until
//! [`Renderer::finish`] (JSON). Positions come from [`Source::position`], the
//! one place offsets become lines and columns; each format picks its column
//! unit there (characters for JSON, SARIF, GitHub and line; UTF-8 bytes for
//! rdjson).

pub mod escape;
pub mod excerpt;
pub mod github;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod line;
pub mod rdjson;
pub mod sarif;
pub mod statistics;

use std::io::{self, Write};
use std::ops::Range;

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{Position, Source};

/// One linted file and its diagnostics, in report order.
#[derive(Debug, Clone, Copy)]
pub struct FileReport<'a> {
    /// The file as read.
    pub source: &'a Source,
    /// Its findings, sorted.
    pub diagnostics: &'a [Diagnostic],
}

/// Counts for the closing line of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Files linted.
    pub files: usize,
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
    /// Findings of severity info.
    pub infos: usize,
}

impl Summary {
    /// Counts one file and its findings.
    pub fn add_file(&mut self, diagnostics: &[Diagnostic]) {
        self.files += 1;
        for d in diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }

    /// "5 files: 3 errors, 17 warnings, 2 infos".
    pub fn line(&self) -> String {
        format!(
            "{}: {}, {}, {}",
            plural(self.files, "file"),
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.infos, "info")
        )
    }
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// Writes a report in one output format.
pub trait Renderer {
    /// Renders one file's findings.
    fn file(&mut self, out: &mut dyn Write, file: FileReport<'_>) -> io::Result<()>;
    /// Renders what comes after the last file.
    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()>;
}

/// Start and end positions of a byte range (the end is exclusive).
pub fn span(source: &Source, range: &Range<usize>) -> (Position, Position) {
    (source.position(range.start), source.position(range.end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_line_pluralises() {
        let s = Summary {
            files: 1,
            errors: 0,
            warnings: 1,
            infos: 2,
        };
        assert_eq!(s.line(), "1 file: 0 errors, 1 warning, 2 infos");
    }
}
