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
    let findings: Vec<(&str, usize)> = diagnostics
        .iter()
        .map(|d| (&*d.rule, d.range.start))
        .collect();
    let silenced = silence(&mut entries, source, &findings);
    let mut index = 0;
    diagnostics.retain(|_| {
        index += 1;
        !silenced[index - 1]
    });
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
    let findings: Vec<(&str, usize)> = problems
        .iter()
        .map(|problem| match problem {
            Problem::Unused(range, _)
            | Problem::UnknownRule(range, _)
            | Problem::UnknownDirective(range, _) => (&*reporter.meta.id, range.start),
        })
        .collect();
    let silenced = silence(&mut about_reporter, source, &findings);
    let mut found = Vec::new();
    for (problem, silenced) in problems.into_iter().zip(silenced) {
        let (template, range, text) = match problem {
            Problem::Unused(range, what) => (&reporter.meta.message, range, what),
            Problem::UnknownRule(range, id) => (&reporter.config.unknown_rule, range, id),
            Problem::UnknownDirective(range, name) => {
                (&reporter.config.unknown_directive, range, name)
            }
        };
        if !silenced {
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

/// Whether each finding (a rule and the offset its span starts at) is
/// silenced; marks the entries that silence one as used.
///
/// Entries are grouped by the rule they name (every rule: `None`), and the
/// findings visited in offset order: byte ranges open and close as a sweep
/// goes, lines and whole-file entries are looked up. An entry is marked
/// once, so the work is O((entries + findings) log entries), not their
/// product (a comment before each of 100,000 findings).
fn silence(entries: &mut [Entry], source: &Source, findings: &[(&str, usize)]) -> Vec<bool> {
    use std::cmp::Reverse;
    use std::collections::{BinaryHeap, HashMap};

    /// The entries of one rule (or of every rule), and the sweep's state.
    #[derive(Default)]
    struct Group {
        /// Byte-range entries by start, and the next one not yet opened.
        ranges: Vec<usize>,
        next: usize,
        /// Open ranges not yet marked used, and marked ones, by end.
        open: BinaryHeap<Reverse<(usize, usize)>>,
        open_used: BinaryHeap<Reverse<usize>>,
        /// Line entries by line; emptied once marked.
        lines: HashMap<usize, Vec<usize>>,
        /// Lines whose entries are marked.
        used_lines: HashSet<usize>,
        /// Whole-file entries; emptied once marked.
        file: Vec<usize>,
        file_used: bool,
    }

    let mut groups: HashMap<Option<&str>, Group> = HashMap::new();
    for (i, entry) in entries.iter().enumerate() {
        let group = groups.entry(entry.rule.as_deref()).or_default();
        match &entry.reach {
            Reach::File => group.file.push(i),
            Reach::Line(n) => group.lines.entry(*n).or_default().push(i),
            Reach::Bytes(_) => group.ranges.push(i),
        }
    }
    let start = |i: usize| match &entries[i].reach {
        Reach::Bytes(range) => range.start,
        _ => 0,
    };
    let end = |i: usize| match &entries[i].reach {
        Reach::Bytes(range) => range.end,
        _ => 0,
    };
    for group in groups.values_mut() {
        group.ranges.sort_by_key(|&i| start(i));
    }
    let any_lines = groups.values().any(|g| !g.lines.is_empty());

    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by_key(|&f| findings[f].1);
    let mut silenced = vec![false; findings.len()];
    let mut used = Vec::new();
    for f in order {
        let (rule, offset) = findings[f];
        let line = any_lines.then(|| source.position(offset).line);
        for key in [None, Some(rule)] {
            let Some(group) = groups.get_mut(&key) else {
                continue;
            };
            // Open the ranges that start at or before the offset; close the
            // ones that end at or before it.
            while let Some(&i) = group.ranges.get(group.next) {
                if start(i) > offset {
                    break;
                }
                group.open.push(Reverse((end(i), i)));
                group.next += 1;
            }
            while group
                .open
                .peek()
                .is_some_and(|Reverse((e, _))| *e <= offset)
            {
                group.open.pop();
            }
            while group
                .open_used
                .peek()
                .is_some_and(|Reverse(e)| *e <= offset)
            {
                group.open_used.pop();
            }
            let mut hit = !group.open.is_empty() || !group.open_used.is_empty();
            while let Some(Reverse((e, i))) = group.open.pop() {
                used.push(i);
                group.open_used.push(Reverse(e));
            }
            if !group.file.is_empty() || group.file_used {
                hit = true;
                used.append(&mut group.file);
                group.file_used = true;
            }
            if let Some(line) = line {
                if let Some(on_line) = group.lines.remove(&line) {
                    used.extend(on_line);
                    group.used_lines.insert(line);
                }
                hit |= group.used_lines.contains(&line);
            }
            silenced[f] |= hit;
        }
    }
    for i in used {
        entries[i].used = true;
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
    // Indices of entries whose byte range is still open, by the rule they
    // name: an enable closes its rules' lists, each entry once.
    let mut open: std::collections::HashMap<Option<String>, Vec<usize>> =
        std::collections::HashMap::new();
    let mut lines = LineCounter::default();
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
                    Reach::Line(lines.line_of(text, inner_end) + 1)
                };
                let before = entries.len();
                push_entries(&mut entries, text, &directive, reach);
                if directive.name == DISABLE {
                    for (i, entry) in entries.iter().enumerate().skip(before) {
                        open.entry(entry.rule.clone()).or_default().push(i);
                    }
                }
            }
            ENABLE => {
                let closed: Vec<usize> = if directive.ids.is_empty() {
                    open.drain().flat_map(|(_, list)| list).collect()
                } else {
                    directive
                        .ids
                        .iter()
                        .filter_map(|r| open.remove(&Some(text[r.clone()].to_string())))
                        .flatten()
                        .collect()
                };
                for i in closed {
                    if let Reach::Bytes(range) = &mut entries[i].reach {
                        range.end = start;
                    }
                }
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

/// Lines counted as a scan moves forward: each line break is counted once
/// however many comments there are (counting from the start for each one
/// was quadratic). Lines end as [`Source`] ends them.
#[derive(Default)]
struct LineCounter {
    /// Lines counted so far (the 0-based line at the last break passed).
    line: usize,
    /// Where the line after the last break passed starts, and the end of
    /// the break after it once looked up (`Some(None)`: there is none).
    at: usize,
    next: Option<Option<usize>>,
}

impl LineCounter {
    /// The 1-based line of a byte offset at or after the last one asked.
    fn line_of(&mut self, text: &str, offset: usize) -> usize {
        loop {
            let next = *self.next.get_or_insert_with(|| {
                crate::source::line_break(text, self.at).map(|(_, next)| next)
            });
            match next {
                Some(next) if next <= offset => {
                    self.line += 1;
                    self.at = next;
                    self.next = None;
                }
                _ => return self.line + 1,
            }
        }
    }
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
