//! `--format jsonl`: JSON Lines, one finding per line with the fields of the
//! JSON contract (`path`, `rule`, `severity`, `message`, character columns,
//! byte offsets, `labels`, `help`, `fix`), written as each file finishes so a
//! pipeline can act on the first finding of an archive run.

use std::io::{self, Write};

use super::json::JsonDiagnostic;
use super::{FileReport, Renderer, Summary};

/// Writes one JSON object per finding, one per line.
#[derive(Debug, Default)]
pub struct JsonlRenderer;

impl Renderer for JsonlRenderer {
    fn file(&mut self, out: &mut dyn Write, file: FileReport<'_>) -> io::Result<()> {
        for d in file.diagnostics {
            serde_json::to_writer(&mut *out, &JsonDiagnostic::new(file.source, d))?;
            writeln!(out)?;
        }
        Ok(())
    }

    fn finish(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}
