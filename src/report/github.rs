//! `--format github`: GitHub Actions workflow commands, so findings appear as
//! annotations on the pull request's changed lines.
//!
//! `::error file=…,line=…,endLine=…,col=…,endColumn=…,title=newslint (RULE)::MESSAGE`,
//! with `warning` and `notice` for the other severities. Article text is
//! full of `%`, `:` and `,`, so values are escaped as the runner expects (in
//! the message `%`, CR and LF; in properties also `:` and `,`). Columns
//! count characters, end exclusive, and are given only for spans on one line
//! (the runner drops them otherwise).
//!
//! GitHub shows at most ten annotations of each type per step, so after the
//! annotations the full human report is printed to the log, and a Markdown
//! table of every finding goes to the job summary when the caller gives one
//! (the file named by `GITHUB_STEP_SUMMARY`).

use std::io::{self, Write};

use super::escape::visible;
use super::human::HumanRenderer;
use super::{FileReport, Renderer, Summary};
use crate::diagnostic::Severity;

/// Writes annotations as files finish, then the log report and job summary.
pub struct GithubRenderer {
    /// The human report of every file, printed after the annotations.
    log: Vec<u8>,
    human: HumanRenderer,
    /// Rows of the job-summary table.
    rows: Vec<String>,
    /// Where the job summary goes, if anywhere.
    step_summary: Option<Box<dyn Write + Send>>,
}

impl GithubRenderer {
    /// A renderer that appends a Markdown summary to `step_summary`, if given.
    pub fn new(step_summary: Option<Box<dyn Write + Send>>) -> GithubRenderer {
        GithubRenderer {
            log: Vec::new(),
            human: HumanRenderer::new(false),
            rows: Vec::new(),
            step_summary,
        }
    }

    /// Leaves the summary line out of the log's report (`--quiet`); the
    /// job summary keeps its heading.
    pub fn quiet(mut self) -> GithubRenderer {
        self.human = self.human.quiet();
        self
    }
}

/// The workflow command for a severity.
fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// Escapes a command's message (other control characters are made
/// visible, so that they never reach the log raw).
pub fn escape_data(text: &str) -> String {
    let escaped = text
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    visible(&escaped, false).into_owned()
}

/// Escapes a command's property value.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Escapes text for a cell of a Markdown table, as plain text: the
/// characters that open Markdown or HTML syntax are backslash-escaped
/// (CommonMark allows it for any ASCII punctuation), so a backtick in a
/// match cannot close a code span, `<img …>` is not HTML, `&amp;` is not an
/// entity, `*`, `_`, `~` and `[` do not format and `|` does not end the
/// cell; line breaks become spaces, other controls visible stand-ins.
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in visible(&text.replace(['\r', '\n'], " "), false).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '<' | '>' | '&' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

impl Renderer for GithubRenderer {
    fn file(&mut self, out: &mut dyn Write, file: FileReport<'_>) -> io::Result<()> {
        let name = file.source.name();
        for d in file.diagnostics {
            let (start, end) = super::span(file.source, &d.range);
            let mut properties = format!(
                "file={},line={},endLine={}",
                escape_property(name),
                start.line,
                end.line
            );
            if start.line == end.line {
                properties.push_str(&format!(",col={},endColumn={}", start.column, end.column));
            }
            let title = format!("newslint ({})", d.rule);
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            writeln!(
                out,
                "::{} {properties},title={}::{}",
                command(d.severity),
                escape_property(&title),
                escape_data(&message)
            )?;
            self.rows.push(format!(
                "| {} | {} | {} | `{}` | {} |",
                cell(name),
                start.line,
                d.severity,
                d.rule,
                cell(&d.message)
            ));
        }
        self.human.file(&mut self.log, file)
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        out.write_all(&self.log)?;
        self.human.finish(out, summary)?;
        if let Some(step) = &mut self.step_summary {
            writeln!(step, "### newslint: {}\n", summary.line())?;
            if !self.rows.is_empty() {
                writeln!(step, "| File | Line | Severity | Rule | Message |")?;
                writeln!(step, "| --- | ---: | --- | --- | --- |")?;
                for row in &self.rows {
                    writeln!(step, "{row}")?;
                }
                writeln!(step)?;
            }
            step.flush()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_runner() {
        assert_eq!(escape_data("50%: a,b\r\nc"), "50%25: a,b%0D%0Ac");
        assert_eq!(escape_property("50%: a,b\nc"), "50%25%3A a%2Cb%0Ac");
        assert_eq!(escape_data("a\u{1b}]0;x\u{7}"), "a␛]0;x␇");
    }

    #[test]
    fn summary_cells_are_plain_text() {
        assert_eq!(
            cell("`{{ x` <img src=x onerror=alert(1)> | a\nb"),
            "\\`{{ x\\` \\<img src=x onerror=alert(1)\\> \\| a b"
        );
    }
}
