//! `--format human`: compiler-style diagnostics drawn by codespan-reporting,
//! and a one-line summary at the end.
//!
//! This is the only place our [`Diagnostic`] becomes a codespan diagnostic.
//! Info findings are drawn as codespan "notes" (codespan has no info level)
//! and their header renamed `info[…]`, the word every other format uses.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{self as cs, LabelStyle};
use codespan_reporting::term::termcolor::{Buffer, ColorSpec, WriteColor};
use codespan_reporting::term::{self, Config};

use super::escape::visible;
use super::excerpt::Excerpt;
use super::{FileReport, Renderer, Summary};
use crate::diagnostic::{Diagnostic, Severity};

/// Renders findings for people reading a terminal or a log.
pub struct HumanRenderer {
    color: bool,
    quiet: bool,
    config: Config,
}

impl HumanRenderer {
    /// A renderer that writes ANSI colours when `color` is true.
    pub fn new(color: bool) -> HumanRenderer {
        HumanRenderer {
            color,
            quiet: false,
            config: Config::default(),
        }
    }

    /// Leaves out the closing summary line: findings only (`--quiet`).
    pub fn quiet(mut self) -> HumanRenderer {
        self.quiet = true;
        self
    }

    fn buffer(&self) -> Buffer {
        if self.color {
            Buffer::ansi()
        } else {
            Buffer::no_color()
        }
    }
}

fn codespan_severity(severity: Severity) -> cs::Severity {
    match severity {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
        Severity::Info => cs::Severity::Note,
    }
}

/// Converts one of our diagnostics, with ranges moved into the excerpt.
fn to_codespan(d: &Diagnostic, excerpt: &Excerpt<'_>) -> cs::Diagnostic<()> {
    let mapped = |r: &std::ops::Range<usize>| excerpt.map(r.start)..excerpt.map(r.end);
    let mut labels = vec![cs::Label::new(LabelStyle::Primary, (), mapped(&d.range))];
    labels.extend(d.labels.iter().map(|l| {
        cs::Label::new(LabelStyle::Secondary, (), mapped(&l.range))
            .with_message(visible(&l.message, false))
    }));
    let mut notes = Vec::new();
    if let Some(help) = &d.help {
        notes.push(format!("help: {}", visible(help, true)));
    }
    if let Some(fix) = &d.fix {
        let how = match fix.applicability {
            crate::diagnostic::Applicability::Safe => "--fix",
            crate::diagnostic::Applicability::Unsafe => "--fix --unsafe-fixes",
        };
        let what = if fix.replacement.is_empty() {
            "delete the text".to_string()
        } else {
            format!("replace with `{}`", visible(&fix.replacement, false))
        };
        notes.push(format!(
            "fix ({}, {how}): {what}",
            fix.applicability.as_str()
        ));
    }
    cs::Diagnostic::new(codespan_severity(d.severity))
        .with_code(d.rule.to_string())
        .with_message(visible(&d.message, true))
        .with_labels(labels)
        .with_notes(notes)
}

impl Renderer for HumanRenderer {
    fn file(&mut self, out: &mut dyn Write, file: FileReport<'_>) -> io::Result<()> {
        if file.diagnostics.is_empty() {
            return Ok(());
        }
        let spans: Vec<_> = file
            .diagnostics
            .iter()
            .flat_map(|d| {
                std::iter::once(d.range.clone()).chain(d.labels.iter().map(|l| l.range.clone()))
            })
            .collect();
        let excerpt = Excerpt::new(file.source, &spans);
        for d in file.diagnostics {
            let mut buffer = self.buffer();
            term::emit_to_write_style(
                &mut buffer,
                &self.config,
                &excerpt,
                &to_codespan(d, &excerpt),
            )
            .map_err(io::Error::other)?;
            let drawn = buffer.as_slice();
            match (d.severity, memchr::memmem::find(drawn, b"note[")) {
                // The header comes first, after any colour codes.
                (Severity::Info, Some(at)) => {
                    out.write_all(&drawn[..at])?;
                    out.write_all(b"info[")?;
                    out.write_all(&drawn[at + 5..])?;
                }
                _ => out.write_all(drawn)?,
            }
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        if self.quiet {
            return Ok(());
        }
        let mut buffer = self.buffer();
        let mut spec = ColorSpec::new();
        spec.set_bold(true);
        buffer.set_color(&spec)?;
        write!(buffer, "{}", summary.line())?;
        buffer.reset()?;
        writeln!(buffer)?;
        out.write_all(buffer.as_slice())
    }
}
