//! `--format rdjson`: reviewdog's diagnostic format (a `DiagnosticResult`),
//! for `reviewdog -f=rdjson`.
//!
//! Lines are 1-based; columns are 1-based UTF-8 byte counts, as reviewdog
//! specifies, and range ends are exclusive. The rule id is `code.value`,
//! secondary labels are `related_locations`, fixes become `suggestions`.
//! The object is written piece by piece as files finish, so nothing but the
//! current file is held.

use std::io::{self, Write};
use std::ops::Range;

use serde::Serialize;

use super::{FileReport, Renderer, Summary};
use crate::diagnostic::Severity;
use crate::source::Source;

/// Where the project lives, for `source.url`.
const URL: &str = env!("CARGO_PKG_REPOSITORY");

#[derive(Serialize)]
struct Position {
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct RdRange {
    start: Position,
    end: Position,
}

impl RdRange {
    fn new(source: &Source, range: &Range<usize>) -> RdRange {
        let (start, end) = super::span(source, range);
        RdRange {
            start: Position {
                line: start.line,
                column: start.column_byte,
            },
            end: Position {
                line: end.line,
                column: end.column_byte,
            },
        }
    }
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    range: RdRange,
}

#[derive(Serialize)]
struct Code<'a> {
    value: &'a str,
}

#[derive(Serialize)]
struct Suggestion<'a> {
    range: RdRange,
    text: &'a str,
}

#[derive(Serialize)]
struct Related<'a> {
    message: &'a str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct RdDiagnostic<'a> {
    message: &'a str,
    location: Location<'a>,
    severity: &'static str,
    code: Code<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suggestions: Vec<Suggestion<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Related<'a>>,
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
        Severity::Info => "INFO",
    }
}

/// Streams one `DiagnosticResult` object.
#[derive(Debug, Default)]
pub struct RdjsonRenderer {
    /// Findings written so far (a comma goes before every one but the first).
    written: usize,
    started: bool,
}

impl RdjsonRenderer {
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.started {
            self.started = true;
            write!(
                out,
                "{{\"source\":{{\"name\":\"newslint\",\"url\":\"{URL}\"}},\"diagnostics\":["
            )?;
        }
        Ok(())
    }
}

impl Renderer for RdjsonRenderer {
    fn file(&mut self, out: &mut dyn Write, file: FileReport<'_>) -> io::Result<()> {
        self.start(out)?;
        let source = file.source;
        let location = |range: &Range<usize>| Location {
            path: source.name(),
            range: RdRange::new(source, range),
        };
        for d in file.diagnostics {
            let rd = RdDiagnostic {
                message: &d.message,
                location: location(&d.range),
                severity: severity(d.severity),
                code: Code { value: &d.rule },
                suggestions: d
                    .fix
                    .iter()
                    .map(|f| Suggestion {
                        range: RdRange::new(source, &f.range),
                        text: &f.replacement,
                    })
                    .collect(),
                related_locations: d
                    .labels
                    .iter()
                    .map(|l| Related {
                        message: &l.message,
                        location: location(&l.range),
                    })
                    .collect(),
            };
            out.write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
            serde_json::to_writer(&mut *out, &rd)?;
            self.written += 1;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        self.start(out)?;
        writeln!(out, "\n]}}")
    }
}
