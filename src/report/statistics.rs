//! `--statistics`: how many findings each rule made, instead of the
//! findings, to see at a glance what a new rule or a configuration change
//! does to a whole archive (ruff's `--statistics`).
//!
//! A table for people, or one JSON object for scripts:
//! `{"version": 1, "statistics": [{"rule", "severity", "count"}], "summary"}`,
//! most frequent first. A rule graded differently in parts of the tree (by
//! overrides) has a row per severity.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{FileReport, Renderer, Summary};
use crate::diagnostic::Severity;

/// Counts findings by rule and severity, and prints them at the end.
#[derive(Debug, Default)]
pub struct StatisticsRenderer {
    counts: BTreeMap<(String, Severity), usize>,
    json: bool,
    quiet: bool,
}

/// The JSON document, keys in this order.
#[derive(Debug, Serialize)]
struct Report<'a> {
    version: u32,
    statistics: &'a [Row<'a>],
    summary: &'a Summary,
}

/// One row of the statistics.
#[derive(Debug, Serialize)]
struct Row<'a> {
    rule: &'a str,
    severity: Severity,
    count: usize,
}

impl StatisticsRenderer {
    /// A renderer printing a table, or JSON when `json` is true.
    pub fn new(json: bool) -> StatisticsRenderer {
        StatisticsRenderer {
            json,
            ..StatisticsRenderer::default()
        }
    }

    /// Leaves out the table's closing summary line.
    pub fn quiet(mut self) -> StatisticsRenderer {
        self.quiet = true;
        self
    }

    /// The rows, most frequent first, then by rule id and severity.
    fn rows(&self) -> Vec<Row<'_>> {
        let mut rows: Vec<Row<'_>> = self
            .counts
            .iter()
            .map(|((rule, severity), &count)| Row {
                rule,
                severity: *severity,
                count,
            })
            .collect();
        rows.sort_by_key(|row| std::cmp::Reverse(row.count));
        rows
    }
}

impl Renderer for StatisticsRenderer {
    fn file(&mut self, _: &mut dyn Write, file: FileReport<'_>) -> io::Result<()> {
        for d in file.diagnostics {
            *self
                .counts
                .entry((d.rule.to_string(), d.severity))
                .or_default() += 1;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let rows = self.rows();
        if self.json {
            let report = Report {
                version: 1,
                statistics: &rows,
                summary,
            };
            serde_json::to_writer_pretty(&mut *out, &report)?;
            return writeln!(out);
        }
        let width = rows.iter().map(|r| r.rule.len()).max().unwrap_or(0);
        let count_width = rows.first().map_or(1, |r| r.count.to_string().len()).max(5);
        if !rows.is_empty() {
            writeln!(
                out,
                "{:>count_width$}  {:width$}  SEVERITY",
                "COUNT", "RULE"
            )?;
        }
        for row in &rows {
            writeln!(
                out,
                "{:>count_width$}  {:width$}  {}",
                row.count, row.rule, row.severity
            )?;
        }
        if !self.quiet {
            writeln!(out, "{}", summary.line())?;
        }
        Ok(())
    }
}
