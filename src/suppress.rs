//! Inline suppressions: comments in an article that silence named rules.
//!
//! An editor who has read a finding and decided the text is right says so in
//! the text, next to it, where the next editor sees it:
//!
//! - `<!-- newslint-disable RULE[, RULE] -->` … `<!-- newslint-enable -->`
//!   silences the rules from the comment to the matching enable (or the end
//!   of the file); `newslint-enable RULE` ends only that rule's range.
//! - `<!-- newslint-disable-next-line RULE[, RULE] -->` silences the rules on
//!   the line after the comment.
//! - In Markdown front matter, `newslint-disable: [RULE, RULE]` silences the
//!   rules in the whole file.
//!
//! Without rule ids, a comment silences every rule. A reason may follow ` -- `
//! (`<!-- newslint-disable-next-line ai-phrasing -- quoting the brief -->`).
//! A finding is silenced when its primary span starts in the comment's reach.
//! Comments are found by scanning the source text, in every input format.
//!
//! Suppressions rot, so the ones that silence nothing are reported by the
//! `unused-suppression` rule (a `kind: unused-suppression` rule file holds
//! its messages), as are rule ids nobody defines and `newslint-…` comments that
//! are no known directive.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::document::Format;
use crate::kinds::unused_suppression::UnusedSuppressionConfig;
use crate::kinds::{diagnostic, render_message, RuleMeta};
use crate::source::Source;

/// The rule that reports stale suppressions, when it is enabled.
#[derive(Debug, Clone)]
pub struct Reporter {
    /// The rule's metadata (id, severity, message for an unused suppression).
    pub meta: Arc<RuleMeta>,
    /// Its other messages.
    pub config: Arc<UnusedSuppressionConfig>,
}

/// What the suppressions of a file are checked against.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Rules that ran on the file: a suppression of one of them that silenced
    /// nothing is unused.
    pub active: HashSet<Arc<str>>,
    /// Every rule id that exists, run or not: a suppression of a known rule
    /// that did not run is left alone; one of an unknown id is reported.
    pub known: HashSet<Arc<str>>,
    /// Reports stale suppressions; `None` when that rule is turned off.
    pub reporter: Option<Reporter>,
}

/// Where a suppression reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Reach {
    /// Source bytes from the comment to the matching enable.
    Bytes(Range<usize>),
    /// One 1-based line.
    Line(usize),
    /// The whole file.
    File,
}

/// One rule (or every rule) silenced by one comment.
#[derive(Debug, Clone)]
struct Entry {
    /// The rule id, or `None` for every rule.
    rule: Option<String>,
    /// Where the id is written (the directive itself when there is no id).
    at: Range<usize>,
    reach: Reach,
    used: bool,
}

/// A stale-suppression finding before it becomes a diagnostic.
#[derive(Debug)]
enum Problem {
    Unused(Range<usize>, String),
    UnknownRule(Range<usize>, String),
    UnknownDirective(Range<usize>, String),
}

/// Removes the findings the file's suppressions silence from `diagnostics`
/// and appends the suppressions that are stale. Keeps report order.
pub fn apply(
    source: &Source,
    format: Format,
    diagnostics: &mut Vec<Diagnostic>,
    context: &Context,
) {
    let text = source.text();
    if !text.contains("newslint") {
        return;
    }
    let (mut entries, mut problems) = scan(text, format);
    if entries.is_empty() && problems.is_empty() {
        return;
    }
    diagnostics.retain(|d| !silence(&mut entries, source, &d.rule, d.range.start));
    let Some(reporter) = &context.reporter else {
        return;
    };
    // Stale suppressions can be silenced too, by comments that name the
    // reporting rule; those comments are judged last.
    let (mut about_reporter, others): (Vec<Entry>, Vec<Entry>) = entries
        .into_iter()
        .partition(|e| e.rule.as_deref() == Some(&*reporter.meta.id));
    for entry in &others {
        if let Some(problem) = stale(entry, context) {
            problems.push(problem);
        }
    }
    let mut found = Vec::new();
    for problem in problems {
        let (template, range, text) = match problem {
            Problem::Unused(range, what) => (&reporter.meta.message, range, what),
            Problem::UnknownRule(range, id) => (&reporter.config.unknown_rule, range, id),
            Problem::UnknownDirective(range, name) => {
                (&reporter.config.unknown_directive, range, name)
            }
        };
        if !silence(&mut about_reporter, source, &reporter.meta.id, range.start) {
            found.push(diagnostic(
                &reporter.meta,
                render_message(template, &text),
                range,
            ));
        }
    }
    for entry in &about_reporter {
        if let Some(Problem::Unused(range, what)) = stale(entry, context) {
            let message = render_message(&reporter.meta.message, &what);
            found.push(diagnostic(&reporter.meta, message, range));
        }
    }
    if !found.is_empty() {
        diagnostics.extend(found);
        crate::diagnostic::sort(diagnostics);
    }
}

/// The problem with an entry that silenced nothing, if it is one.
fn stale(entry: &Entry, context: &Context) -> Option<Problem> {
    if entry.used {
        return None;
    }
    match &entry.rule {
        None => Some(Problem::Unused(entry.at.clone(), "every rule".into())),
        Some(id) if context.active.contains(id.as_str()) => {
            Some(Problem::Unused(entry.at.clone(), format!("`{id}`")))
        }
        Some(id) if context.known.contains(id.as_str()) => None,
        Some(id) => Some(Problem::UnknownRule(entry.at.clone(), id.clone())),
    }
}

/// Whether a finding of `rule` starting at `offset` is silenced; marks the
/// entries that silence it as used.
fn silence(entries: &mut [Entry], source: &Source, rule: &str, offset: usize) -> bool {
    let mut line = None;
    let mut silenced = false;
    for entry in entries.iter_mut() {
        if entry.rule.as_deref().is_some_and(|id| id != rule) {
            continue;
        }
        let reaches = match &entry.reach {
            Reach::File => true,
            Reach::Bytes(range) => range.contains(&offset),
            Reach::Line(n) => *line.get_or_insert_with(|| source.position(offset).line) == *n,
        };
        if reaches {
            entry.used = true;
            silenced = true;
        }
    }
    silenced
}

/// The directives of a comment.
const DISABLE: &str = "newslint-disable";
const ENABLE: &str = "newslint-enable";
const DISABLE_NEXT_LINE: &str = "newslint-disable-next-line";
/// The front-matter key that silences rules in one file.
pub const FRONT_MATTER_KEY: &str = "newslint-disable";

/// Finds every suppression in `text`, with the ranges of `newslint-disable`
/// comments closed by their enables.
fn scan(text: &str, format: Format) -> (Vec<Entry>, Vec<Problem>) {
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    if format == Format::Markdown {
        front_matter(text, &mut entries);
    }
    // Indices of entries whose byte range is still open.
    let mut open: Vec<usize> = Vec::new();
    let mut from = 0;
    while let Some(start) = text[from..].find("<!--").map(|i| from + i) {
        let inner_start = start + 4;
        let Some(inner_end) = text[inner_start..].find("-->").map(|i| inner_start + i) else {
            break;
        };
        from = inner_end + 3;
        let Some(directive) = Directive::parse(text, inner_start..inner_end) else {
            continue;
        };
        match directive.name {
            DISABLE | DISABLE_NEXT_LINE => {
                let reach = if directive.name == DISABLE {
                    Reach::Bytes(from..text.len())
                } else {
                    Reach::Line(line_of(text, inner_end) + 1)
                };
                let before = entries.len();
                push_entries(&mut entries, text, &directive, reach);
                if directive.name == DISABLE {
                    open.extend(before..entries.len());
                }
            }
            ENABLE => {
                let ids: Vec<&str> = directive.ids.iter().map(|r| &text[r.clone()]).collect();
                open.retain(|&i| {
                    let entry = &mut entries[i];
                    let closes =
                        ids.is_empty() || entry.rule.as_deref().is_some_and(|id| ids.contains(&id));
                    if closes {
                        if let Reach::Bytes(range) = &mut entry.reach {
                            range.end = start;
                        }
                    }
                    !closes
                });
            }
            _ => problems.push(Problem::UnknownDirective(
                directive.name_range.clone(),
                directive.name.to_string(),
            )),
        }
    }
    (entries, problems)
}

/// One entry per id of a directive, or one for every rule.
fn push_entries(entries: &mut Vec<Entry>, text: &str, directive: &Directive<'_>, reach: Reach) {
    if directive.ids.is_empty() {
        entries.push(Entry {
            rule: None,
            at: directive.name_range.clone(),
            reach,
            used: false,
        });
        return;
    }
    for id in &directive.ids {
        entries.push(Entry {
            rule: Some(text[id.clone()].to_string()),
            at: id.clone(),
            reach: reach.clone(),
            used: false,
        });
    }
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// A `newslint-…` comment: its directive and the rule ids it names.
#[derive(Debug)]
struct Directive<'t> {
    name: &'t str,
    name_range: Range<usize>,
    ids: Vec<Range<usize>>,
}

impl<'t> Directive<'t> {
    /// Reads the comment body at `inner`, if it is addressed to newslint.
    fn parse(text: &'t str, inner: Range<usize>) -> Option<Directive<'t>> {
        let body = &text[inner.clone()];
        let lead = body.len() - body.trim_start().len();
        let start = inner.start + lead;
        if !text[start..inner.end].starts_with("newslint-") {
            return None;
        }
        let name_len = text[start..inner.end]
            .find(char::is_whitespace)
            .unwrap_or(inner.end - start);
        let name = &text[start..start + name_len];
        // A reason may follow " -- ".
        let rest_start = start + name_len;
        let rest_end = text[rest_start..inner.end]
            .find(" --")
            .map_or(inner.end, |i| rest_start + i);
        Some(Directive {
            name,
            name_range: start..start + name_len,
            ids: id_ranges(text, rest_start..rest_end),
        })
    }
}

/// Byte ranges of the ids in a comma- or space-separated list.
fn id_ranges(text: &str, list: Range<usize>) -> Vec<Range<usize>> {
    let mut ids = Vec::new();
    let mut start = None;
    for (i, c) in text[list.clone()].char_indices() {
        let at = list.start + i;
        let separator = c.is_whitespace() || matches!(c, ',' | '[' | ']' | '"' | '\'');
        match (separator, start) {
            (true, Some(s)) => {
                ids.push(s..at);
                start = None;
            }
            (false, None) => start = Some(at),
            _ => {}
        }
    }
    if let Some(s) = start {
        ids.push(s..list.end);
    }
    ids
}

/// Reads `newslint-disable:` from a front-matter block at the top of the
/// text: an inline list (`[a, b]`), a comma-separated value, or a block
/// list of `- id` lines.
fn front_matter(text: &str, entries: &mut Vec<Entry>) {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = crate::source::lines_from(text, bom);
    if !matches!(lines.next(), Some((_, first)) if first.trim_end() == "---") {
        return;
    }
    let mut in_key = false;
    for (range, line) in lines {
        if matches!(line.trim_end(), "---" | "...") {
            return;
        }
        let indented = line.starts_with([' ', '\t']);
        if in_key && indented {
            if let Some(item) = line.trim_start().strip_prefix('-') {
                let at = range.end - item.len();
                push_front_matter_ids(entries, text, at..range.end);
                continue;
            }
        }
        in_key = false;
        if indented {
            continue;
        }
        if let Some(value) = line
            .strip_prefix(FRONT_MATTER_KEY)
            .and_then(|rest| rest.trim_start().strip_prefix(':'))
        {
            in_key = true;
            let at = range.end - value.len();
            let value_end = value.find(" #").map_or(range.end, |i| at + i);
            push_front_matter_ids(entries, text, at..value_end);
        }
    }
}

fn push_front_matter_ids(entries: &mut Vec<Entry>, text: &str, list: Range<usize>) {
    for id in id_ranges(text, list) {
        entries.push(Entry {
            rule: Some(text[id.clone()].to_string()),
            at: id,
            reach: Reach::File,
            used: false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str, format: Format) -> Vec<(Option<String>, Reach)> {
        scan(text, format)
            .0
            .into_iter()
            .map(|e| (e.rule, e.reach))
            .collect()
    }

    #[test]
    fn ranges_close_at_the_matching_enable() {
        let text = "<!-- newslint-disable a, b -->x<!-- newslint-enable b -->y";
        let found = ids(text, Format::Plain);
        let b_end = text.find("<!-- newslint-enable").unwrap();
        assert_eq!(found[0], (Some("a".into()), Reach::Bytes(30..text.len())));
        assert_eq!(found[1], (Some("b".into()), Reach::Bytes(30..b_end)));
    }

    #[test]
    fn next_line_reaches_the_line_after_the_comment_end() {
        let text = "one\n<!-- newslint-disable-next-line\n  c -- a reason -->\nthree";
        assert_eq!(
            ids(text, Format::Html),
            [(Some("c".into()), Reach::Line(4))]
        );
    }

    #[test]
    fn front_matter_lists_in_three_shapes() {
        for fm in [
            "newslint-disable: [a, b]",
            "newslint-disable: a, b # why",
            "newslint-disable:\n  - a\n  - b",
        ] {
            let text = format!("---\ntitle: T\n{fm}\n---\nBody.");
            let found = ids(&text, Format::Markdown);
            assert_eq!(
                found,
                [
                    (Some("a".into()), Reach::File),
                    (Some("b".into()), Reach::File)
                ],
                "{fm}"
            );
            assert!(ids(&text, Format::Plain).is_empty());
        }
    }

    #[test]
    fn other_comments_and_unclosed_ones_are_ignored() {
        assert!(ids(
            "<!-- newslint rocks --> <!-- newslint-disable",
            Format::Html
        )
        .is_empty());
        let (_, problems) = scan("<!-- newslint-disabel x -->", Format::Html);
        assert!(
            matches!(&problems[..], [Problem::UnknownDirective(r, n)] if *r == (5..21) && n == "newslint-disabel")
        );
    }
}
