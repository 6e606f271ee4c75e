//! Writing the suppression comments `crate::suppress` reads, placed right
//! for each format: the "disable this rule on this line / in this file"
//! code actions.
//!
//! - On one line: `<!-- newslint-disable-next-line RULE -->` on a line of
//!   its own before the finding's line, with that line's indentation; in
//!   Markdown, when the line before is part of the same paragraph, at the
//!   end of that line instead (a comment line would split the paragraph).
//!   Not offered inside Markdown front matter (a comment would break the
//!   YAML; the file-wide action writes the front-matter key there).
//! - In the whole file: in Markdown with front matter, the rule joins the
//!   `newslint-disable:` key (added when missing); elsewhere a
//!   `<!-- newslint-disable RULE -->` comment at the top (after an HTML
//!   page's doctype).

use std::ops::Range;

use crate::document::Format;
use crate::source::Source;
use crate::suppress::FRONT_MATTER_KEY;

/// An insertion or replacement: the bytes to replace and the new text.
pub type Edit = (Range<usize>, String);

/// The edit that silences `rule` on the line of byte `offset`, if a
/// comment can go there.
pub fn disable_on_line(source: &Source, format: Format, rule: &str, offset: usize) -> Option<Edit> {
    let text = source.text();
    if format == Format::Markdown && front_matter(text).is_some_and(|fm| offset < fm.end) {
        return None;
    }
    let line = source.position(offset).line;
    let comment = format!("<!-- newslint-disable-next-line {rule} -->");
    let line_range = source.line_range(line);
    if format == Format::Markdown && line > 1 {
        let before = source.line_range(line - 1);
        if !text[before.clone()].trim().is_empty() {
            return Some((before.end..before.end, format!(" {comment}")));
        }
    }
    let content = &text[line_range.clone()];
    let start = if line == 1 {
        line_range.start.max(source.bom_len())
    } else {
        line_range.start
    };
    let indent_len = content.len() - content.trim_start_matches([' ', '\t']).len();
    let indent = &text[line_range.start..line_range.start + indent_len];
    let indent = indent.trim_start_matches('\u{feff}');
    Some((start..start, format!("{indent}{comment}\n")))
}

/// The edit that silences `rule` in the whole file.
pub fn disable_in_file(source: &Source, format: Format, rule: &str) -> Edit {
    let text = source.text();
    if format == Format::Markdown {
        if let Some(fm) = front_matter(text) {
            return front_matter_edit(text, fm, rule);
        }
    }
    let mut at = source.bom_len();
    if format == Format::Html {
        let rest = &text[at..];
        let lead = rest.len() - rest.trim_start().len();
        if rest[lead..]
            .get(..9)
            .is_some_and(|s| s.eq_ignore_ascii_case("<!doctype"))
        {
            if let Some(close) = rest[lead..].find('>') {
                at += lead + close + 1;
                return (at..at, format!("\n<!-- newslint-disable {rule} -->"));
            }
        }
    }
    (at..at, format!("<!-- newslint-disable {rule} -->\n"))
}

/// The byte range of a Markdown front-matter block (`---` lines included),
/// if the text opens with one.
fn front_matter(text: &str) -> Option<Range<usize>> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = crate::source::lines_from(text, start);
    let (first, line) = lines.next()?;
    if line.trim_end() != "---" {
        return None;
    }
    lines
        .find(|(_, line)| matches!(line.trim_end(), "---" | "..."))
        .map(|(close, _)| first.start..close.end)
}

/// Adds `rule` to the front matter's `newslint-disable:` key, or adds the key.
fn front_matter_edit(text: &str, fm: Range<usize>, rule: &str) -> Edit {
    let lines: Vec<(Range<usize>, &str)> = crate::source::lines_from(text, fm.start).collect();
    let closing = lines
        .iter()
        .skip(1)
        .find(|(r, _)| r.end == fm.end)
        .map_or(fm.end, |(r, _)| r.start);
    for (index, (range, line)) in lines.iter().enumerate() {
        if range.start >= fm.end {
            break;
        }
        let Some(value) = line
            .strip_prefix(FRONT_MATTER_KEY)
            .and_then(|rest| rest.trim_start().strip_prefix(':'))
        else {
            continue;
        };
        let value_start = range.end - value.len();
        let value_end = value.find(" #").map_or(range.end, |i| value_start + i);
        let shown = text[value_start..value_end].trim_end();
        if let Some(close) = shown.rfind(']') {
            let at = value_start + close;
            let empty = shown.trim_start() == "[]";
            let item = if empty {
                rule.to_string()
            } else {
                format!(", {rule}")
            };
            return (at..at, item);
        }
        if shown.trim().is_empty() {
            // A block list (`- id` lines) follows, or nothing: add an item.
            let item_indent = lines
                .get(index + 1)
                .filter(|(_, next)| next.trim_start().starts_with('-'))
                .map_or("  ", |(_, next)| {
                    &next[..next.len() - next.trim_start().len()]
                });
            let at = (range.end + 1).min(text.len());
            return (at..at, format!("{item_indent}- {rule}\n"));
        }
        let at = value_start + shown.len();
        return (at..at, format!(", {rule}"));
    }
    (closing..closing, format!("{FRONT_MATTER_KEY}: [{rule}]\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Linter, RuleSet};

    fn apply(text: &str, (range, new): Edit) -> String {
        format!("{}{new}{}", &text[..range.start], &text[range.end..])
    }

    /// The rules the built-in pack reports on `text`.
    fn reported(text: &str, format: Format) -> Vec<String> {
        let linter = Linter::new(RuleSet::builtin().unwrap());
        linter
            .lint(&Source::new("t", text), format)
            .iter()
            .map(|d| d.rule.to_string())
            .collect()
    }

    const PHRASE: &str = "It is a testament to the town.";

    #[test]
    fn a_line_comment_silences_the_finding_in_each_format() {
        for (format, text) in [
            (Format::Plain, format!("Headline\n\n\t{PHRASE}\n")),
            (
                Format::Markdown,
                format!("# Title\n\nFirst line of it,\n{PHRASE}\n"),
            ),
            (Format::Markdown, format!("# Title\n\n{PHRASE}\n")),
            (Format::Html, format!("<p>One.</p>\n  <p>{PHRASE}</p>\n")),
        ] {
            assert_eq!(reported(&text, format), ["ai-phrasing"], "{text}");
            let source = Source::new("t", text.clone());
            let at = text.find("testament").unwrap();
            let edit = disable_on_line(&source, format, "ai-phrasing", at).unwrap();
            let fixed = apply(&text, edit);
            assert!(reported(&fixed, format).is_empty(), "{format:?}:\n{fixed}");
        }
        let md = format!("# Title\n\nFirst line of it,\n{PHRASE}\n");
        let at = md.find("testament").unwrap();
        let edit = disable_on_line(&Source::new("t", md.clone()), Format::Markdown, "x", at);
        assert_eq!(
            apply(&md, edit.unwrap()),
            format!(
                "# Title\n\nFirst line of it, <!-- newslint-disable-next-line x -->\n{PHRASE}\n"
            ),
            "inside a paragraph the comment ends the line before"
        );
    }

    #[test]
    fn a_file_comment_goes_where_each_format_keeps_it() {
        let cases = [
            (Format::Plain, format!("{PHRASE}\n"), format!("<!-- newslint-disable ai-phrasing -->\n{PHRASE}\n")),
            (
                Format::Html,
                format!("<!DOCTYPE html>\n<p>{PHRASE}</p>\n"),
                format!("<!DOCTYPE html>\n<!-- newslint-disable ai-phrasing -->\n<p>{PHRASE}</p>\n"),
            ),
            (
                Format::Markdown,
                format!("---\ntitle: T\n---\n{PHRASE}\n"),
                format!("---\ntitle: T\nnewslint-disable: [ai-phrasing]\n---\n{PHRASE}\n"),
            ),
            (
                Format::Markdown,
                format!("---\nnewslint-disable: [template-leak]\n---\n{PHRASE}\n"),
                format!("---\nnewslint-disable: [template-leak, ai-phrasing]\n---\n{PHRASE}\n"),
            ),
            (
                Format::Markdown,
                format!("---\nnewslint-disable:\n    - template-leak\n---\n{PHRASE}\n"),
                format!("---\nnewslint-disable:\n    - ai-phrasing\n    - template-leak\n---\n{PHRASE}\n"),
            ),
        ];
        for (format, text, expected) in cases {
            let fixed = apply(
                &text,
                disable_in_file(&Source::new("t", text.clone()), format, "ai-phrasing"),
            );
            assert_eq!(fixed, expected);
            let left = reported(&fixed, format);
            assert!(
                !left.iter().any(|r| r == "ai-phrasing"),
                "{format:?}: {left:?}\n{fixed}"
            );
        }
    }

    #[test]
    fn no_line_comment_inside_front_matter() {
        let text = "---\ntitle: A testament to it\n---\nBody.\n";
        let source = Source::new("t", text);
        assert_eq!(disable_on_line(&source, Format::Markdown, "x", 12), None);
    }
}
