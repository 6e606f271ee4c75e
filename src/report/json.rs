//! `--format json`: the one-object report whose shape is a fixed contract
//! (see the README): version, diagnostics with 1-based lines and character
//! columns plus 0-based byte offsets, and a summary.

use std::io::{self, Write};

use serde::Serialize;

use super::{span, FileReport, Renderer, Summary};
use crate::diagnostic::Diagnostic;
use crate::source::Source;

/// A byte range with its 1-based line/character positions (end exclusive).
#[derive(Debug, Serialize)]
pub struct JsonSpan {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    byte_start: usize,
    byte_end: usize,
}

impl JsonSpan {
    fn new(source: &Source, range: &std::ops::Range<usize>) -> JsonSpan {
        let (start, end) = span(source, range);
        JsonSpan {
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            byte_start: range.start,
            byte_end: range.end,
        }
    }
}

/// A secondary label.
#[derive(Debug, Serialize)]
pub struct JsonLabel {
    message: String,
    #[serde(flatten)]
    span: JsonSpan,
}

/// A fix: replace a byte range.
#[derive(Debug, Serialize)]
pub struct JsonFix {
    byte_start: usize,
    byte_end: usize,
    replacement: String,
    applicability: &'static str,
}

/// One diagnostic as the JSON contract lays it out.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic {
    path: String,
    rule: String,
    severity: &'static str,
    message: String,
    #[serde(flatten)]
    span: JsonSpan,
    labels: Vec<JsonLabel>,
    help: Option<String>,
    fix: Option<JsonFix>,
}

impl JsonDiagnostic {
    /// Lays out one diagnostic of `source`.
    pub fn new(source: &Source, d: &Diagnostic) -> JsonDiagnostic {
        JsonDiagnostic {
            path: source.name().to_string(),
            rule: d.rule.to_string(),
            severity: d.severity.as_str(),
            message: d.message.clone(),
            span: JsonSpan::new(source, &d.range),
            labels: d
                .labels
                .iter()
                .map(|l| JsonLabel {
                    message: l.message.clone(),
                    span: JsonSpan::new(source, &l.range),
                })
                .collect(),
            help: d.help.clone(),
            fix: d.fix.as_ref().map(|f| JsonFix {
                byte_start: f.range.start,
                byte_end: f.range.end,
                replacement: f.replacement.clone(),
                applicability: f.applicability.as_str(),
            }),
        }
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    diagnostics: &'a [JsonDiagnostic],
    summary: &'a Summary,
}

/// Buffers every diagnostic and writes one JSON object at the end.
#[derive(Debug, Default)]
pub struct JsonRenderer {
    diagnostics: Vec<JsonDiagnostic>,
}

impl Renderer for JsonRenderer {
    fn file(&mut self, _out: &mut dyn Write, file: FileReport<'_>) -> io::Result<()> {
        self.diagnostics.extend(
            file.diagnostics
                .iter()
                .map(|d| JsonDiagnostic::new(file.source, d)),
        );
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let report = JsonReport {
            version: 1,
            diagnostics: &self.diagnostics,
            summary,
        };
        serde_json::to_writer_pretty(&mut *out, &report)?;
        writeln!(out)
    }
}
