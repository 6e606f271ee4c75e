//! `--format line`: `path:line:column: severity: message [rule]`, one finding
//! a line, the shape Vim's `errorformat`, Emacs's compilation mode and
//! gcc-style problem matchers read.
//!
//! Columns count characters (Unicode scalar values), like the human and JSON
//! reports, so `story.md:3:14` means the same place in every format; on lines
//! without wide (East Asian) characters or tabs that is also the screen
//! column editors show. Vim's errorformat has no character column (`%v` is
//! a screen column, where a tab is up to eight), only a byte one (`%c`), so
//! the columns can be bytes instead (`--line-columns bytes`). Lines stream
//! as files finish.

use std::io::{self, Write};

use super::escape::visible;
use super::{FileReport, Renderer, Summary};
use crate::source::ColumnUnit;

/// Writes one line per finding.
#[derive(Debug)]
pub struct LineRenderer {
    unit: ColumnUnit,
}

impl LineRenderer {
    /// Columns counted in `unit`.
    pub fn new(unit: ColumnUnit) -> LineRenderer {
        LineRenderer { unit }
    }
}

impl Default for LineRenderer {
    /// Columns in characters, as in every other format.
    fn default() -> LineRenderer {
        LineRenderer::new(ColumnUnit::Chars)
    }
}

impl Renderer for LineRenderer {
    fn file(&mut self, out: &mut dyn Write, file: FileReport<'_>) -> io::Result<()> {
        for d in file.diagnostics {
            let at = file.source.position(d.range.start);
            writeln!(
                out,
                "{}:{}:{}: {}: {} [{}]",
                visible(file.source.name(), false),
                at.line,
                at.column_in(self.unit),
                d.severity,
                visible(&one_line(&d.message), false),
                d.rule
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

/// A message on one line: line breaks become spaces.
fn one_line(message: &str) -> std::borrow::Cow<'_, str> {
    if message.contains(['\n', '\r']) {
        message
            .replace("\r\n", " ")
            .replace(['\n', '\r'], " ")
            .into()
    } else {
        message.into()
    }
}
