//! Fixes: what fixing a finding means, computed once for every rule, and
//! applying fixes to a text until nothing more applies.
//!
//! A rule file says what fixing one of its findings does (`fix:` in the
//! header every rule file shares): delete the match, its sentence, its block
//! or its line, delete a suppression comment, cut a block back to its last
//! complete sentence, or replace the match. The edit itself is computed here,
//! after the checks and the suppressions, from the finding's byte range and
//! the parsed [`Document`] (sentence, block and line bounds), so no check
//! carries fixing code of its own and every check kind gets every action.
//!
//! Applying is ruff's loop: the fixes that do not overlap are applied in one
//! pass, the text is linted again, and so on until nothing more applies (a
//! few rounds at most), since one fix may stand in the way of another.

use std::ops::Range;

use crate::analyses::Article;
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::document::{Block, BlockKind, Document};
use crate::kinds::{normalize_phrase, FixAction, FixRule};
use crate::rules::RuleSet;
use crate::source::Source;

/// Most lint-and-fix rounds on one text: each round applies at least one
/// fix, and a fix that brings back what another removed must not loop.
pub const MAX_ROUNDS: usize = 8;

/// The edit that fixes `finding` by `rule`'s action, if it applies.
fn edit(rule: &FixRule, article: &Article<'_>, finding: &Range<usize>) -> Option<Fix> {
    let document = article.document();
    let text = document.source().text();
    let (range, replacement) = match rule.action() {
        FixAction::DeleteMatch => (delete_words(text, finding.clone()), String::new()),
        FixAction::DeleteSentence => (delete_sentences(article, finding)?, String::new()),
        FixAction::DeleteBlock => (
            delete_block(document, block_at(document, finding)?)?,
            String::new(),
        ),
        FixAction::DeleteLine => (whole_lines(document.source(), finding), String::new()),
        FixAction::DeleteSuppression => (delete_suppression(text, finding)?, String::new()),
        FixAction::CutToSentence => (cut_to_sentence(article, finding)?, String::new()),
        FixAction::Replace { with, replacements } => {
            let matched = &text[finding.clone()];
            let replacement = replacements
                .get(&normalize_phrase(matched))
                .or(with.as_ref())?;
            if replacement.is_empty() {
                (delete_words(text, finding.clone()), String::new())
            } else {
                (finding.clone(), match_case(matched, replacement))
            }
        }
    };
    Some(Fix {
        range,
        replacement,
        applicability: rule.applicability(),
    })
}

/// Gives every finding of a rule that has a `fix:` its edit, when the
/// action applies to it (a phrase with no replacement has none).
pub fn attach(article: &Article<'_>, rules: &RuleSet, diagnostics: &mut [Diagnostic]) {
    for d in diagnostics.iter_mut().filter(|d| d.fix.is_none()) {
        let Some(rule) = rules.get(&d.rule).and_then(|r| r.meta.fix.as_ref()) else {
            continue;
        };
        d.fix = edit(rule, article, &d.range);
    }
}

/// Applies the fixes of `diagnostics` that `wanted` accepts to `text`, in
/// source order, skipping any that overlaps one already taken (the next
/// round gets it). Returns the new text and how many fixes it applied.
pub fn apply<'d>(
    text: &str,
    fixes: impl IntoIterator<Item = &'d Fix>,
    wanted: Applicability,
) -> (String, usize) {
    let mut fixes: Vec<&Fix> = fixes
        .into_iter()
        .filter(|f| f.applicability <= wanted)
        .collect();
    fixes.sort_by_key(|f| (f.range.start, f.range.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut applied = 0;
    for fix in fixes {
        // Touching edits would read each other's text: the next round.
        let overlaps = applied > 0 && fix.range.start <= at;
        if overlaps || fix.range.end > text.len() {
            continue;
        }
        out.push_str(&text[at..fix.range.start]);
        out.push_str(&fix.replacement);
        at = fix.range.end;
        applied += 1;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// A text after fixing, with the findings that are left.
#[derive(Debug)]
pub struct Fixed {
    /// The fixed text (the original when nothing applied).
    pub source: Source,
    /// The findings of the last lint of the fixed text.
    pub diagnostics: Vec<Diagnostic>,
    /// How many fixes were applied, over every round.
    pub applied: usize,
}

/// Lints `source` with `lint`, applies the fixes up to `wanted`, lints the
/// result again and so on until no fix applies or [`MAX_ROUNDS`] is reached.
pub fn fix_until_stable(
    source: Source,
    wanted: Applicability,
    lint: impl Fn(&Source) -> Vec<Diagnostic>,
) -> Fixed {
    let mut source = source;
    let mut diagnostics = lint(&source);
    let mut applied = 0;
    for _ in 0..MAX_ROUNDS {
        let fixes = diagnostics.iter().filter_map(|d| d.fix.as_ref());
        let (text, count) = apply(source.text(), fixes, wanted);
        if count == 0 {
            break;
        }
        applied += count;
        source = Source::new(source.name().to_string(), text);
        diagnostics = lint(&source);
    }
    Fixed {
        source,
        diagnostics,
        applied,
    }
}

/// `replacement` with a capital first letter when `matched` has one (a
/// phrase that opens a sentence).
fn match_case(matched: &str, replacement: &str) -> String {
    let upper = matched.chars().next().is_some_and(char::is_uppercase);
    let mut chars = replacement.chars();
    match chars.next() {
        Some(first) if upper && first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => replacement.to_string(),
    }
}

/// `range` widened over one space beside it, so deleting words leaves one
/// space between their neighbours (the one after, or the one before when
/// punctuation or the end of the line follows).
fn delete_words(text: &str, range: Range<usize>) -> Range<usize> {
    let bytes = text.as_bytes();
    if bytes.get(range.end) == Some(&b' ') {
        return range.start..range.end + 1;
    }
    if range.start > 0 && bytes[range.start - 1] == b' ' {
        return range.start - 1..range.end;
    }
    range
}

/// How many blocks before the last one starting at a finding may hold it
/// (a block nested in another: an image's caption inside a paragraph).
const NESTED_BLOCKS: usize = 4;

/// The innermost block whose source range holds the start of `range`:
/// blocks are in source order, so a binary search and a short look back.
fn block_at(document: &Document<'_>, range: &Range<usize>) -> Option<usize> {
    let blocks = document.blocks();
    let after = blocks.partition_point(|b| b.range.start <= range.start);
    (after.saturating_sub(NESTED_BLOCKS)..after)
        .rev()
        .find(|&i| {
            let b = &blocks[i].range;
            range.start < b.end.max(b.start + 1)
        })
}

/// The sentences of one block, in source offsets, mapped as they are
/// looked at (a finding needs two or three, not the whole block's).
struct Sentences<'d, 'a> {
    block: &'a Block<'a>,
    ranges: &'d [Range<usize>],
}

impl<'d, 'a> Sentences<'d, 'a> {
    /// The sentences of block `index`, as the article split them once for
    /// every check and fix (a finding's fix does not split its block again).
    fn of(article: &'d Article<'a>, index: usize) -> Sentences<'d, 'a> {
        Sentences {
            block: &article.document().blocks()[index],
            ranges: article.sentences(index),
        }
    }

    fn len(&self) -> usize {
        self.ranges.len()
    }

    /// Source range of sentence `i`.
    fn get(&self, i: usize) -> Range<usize> {
        self.block.source_range(self.ranges[i].clone())
    }

    /// How many sentences end at or before `offset`.
    fn ending_by(&self, offset: usize) -> usize {
        self.ranges
            .partition_point(|s| self.block.source_range(s.clone()).end <= offset)
    }

    /// How many sentences start before `offset`.
    fn starting_before(&self, offset: usize) -> usize {
        self.ranges
            .partition_point(|s| self.block.source_range(s.clone()).start < offset)
    }
}

/// Deletes the sentences `finding` touches, with the space that follows
/// them (or precedes them, for a block's last sentence); the whole block
/// when they are all of it.
fn delete_sentences(article: &Article<'_>, finding: &Range<usize>) -> Option<Range<usize>> {
    let document = article.document();
    let index = block_at(document, finding)?;
    let sentences = Sentences::of(article, index);
    let first = sentences.ending_by(finding.start);
    let last = sentences
        .starting_before(finding.end.max(finding.start + 1))
        .checked_sub(1)?;
    if first > last {
        return None;
    }
    if first == 0 && last + 1 == sentences.len() {
        return delete_block(document, index);
    }
    Some(if last + 1 < sentences.len() {
        sentences.get(first).start..sentences.get(last + 1).start
    } else {
        sentences.get(first - 1).end..sentences.get(last).end
    })
}

/// Cuts the block holding `finding` back to the end of the last complete
/// sentence before the finding's sentence; the whole block when the cut-off
/// sentence is its first.
fn cut_to_sentence(article: &Article<'_>, finding: &Range<usize>) -> Option<Range<usize>> {
    let document = article.document();
    let index = block_at(document, finding)?;
    let sentences = Sentences::of(article, index);
    // The finding's sentence: the last one starting at or before it.
    let cut = sentences
        .starting_before(finding.start + 1)
        .saturating_sub(1);
    if cut == 0 {
        return delete_block(document, index);
    }
    let block = &document.blocks()[index];
    let text_end = block
        .source_range(block.text().len()..block.text().len())
        .end;
    let kept = sentences.get(cut - 1).end;
    Some(kept..text_end.max(kept))
}

/// Deletes block `index`: its source bytes, with its lines and one blank
/// line beside it when it has its lines to itself. A block that shares a
/// line with other text, and is not an HTML element, is not deleted (a
/// front-matter value, a caption inside a paragraph's line).
fn delete_block(document: &Document<'_>, index: usize) -> Option<Range<usize>> {
    let block: &Block<'_> = &document.blocks()[index];
    let text = document.source().text();
    let range = match document.format() {
        crate::Format::Html => with_closing_tag(text, block.range.clone()),
        _ => block.range.clone(),
    };
    let (line_start, line_end, alone) = own_lines(text, &range);
    if !alone {
        let element = document.format() == crate::Format::Html
            && text[range.clone()].starts_with('<')
            && text[range.clone()].ends_with('>');
        let front_matter = matches!(block.kind, BlockKind::Title | BlockKind::Summary);
        return (element && !front_matter).then_some(range);
    }
    let mut end = (line_end + 1).min(text.len());
    if text[end..].trim().is_empty() && line_start > 0 {
        // The last block: the blank lines before it go too, so the text
        // still ends with one line end.
        let kept = text[..line_start].trim_end().len();
        let start = text[kept..line_start]
            .find('\n')
            .map_or(line_start, |i| kept + i + 1);
        return Some(start.min(line_start)..text.len());
    }
    let blank_before = line_start == 0 || text[..line_start - 1].ends_with('\n');
    if blank_before {
        // Take the blank line after too, so two blank lines do not meet.
        let blank = text.as_bytes()[end..]
            .iter()
            .position(|&b| !matches!(b, b' ' | b'\t' | b'\r'))
            .map_or(text.len(), |i| end + i);
        if blank == text.len() || text.as_bytes()[blank] == b'\n' {
            end = (blank + 1).min(text.len());
        }
    }
    Some(line_start..end)
}

/// An HTML block's range (from its start tag to the end of its text)
/// widened over the end tags that follow, up to the one that closes it.
fn with_closing_tag(text: &str, range: Range<usize>) -> Range<usize> {
    let open = &text[range.clone()];
    let name_len = open.strip_prefix('<').map_or(0, |rest| {
        rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(0)
    });
    if name_len == 0 {
        return range;
    }
    let name = &open[1..1 + name_len];
    let mut end = range.end;
    while let Some(tag) = text[end..].strip_prefix("</") {
        let Some(close) = tag.find('>') else { break };
        end += 2 + close + 1;
        if tag[..close].trim().eq_ignore_ascii_case(name) {
            return range.start..end;
        }
    }
    range
}

/// The whole lines `range` is on, each with its line end.
fn whole_lines(source: &Source, range: &Range<usize>) -> Range<usize> {
    let first = source.position(range.start).line;
    let last = source.position(range.end.max(range.start + 1) - 1).line;
    let start = source.line_range(first).start;
    let end = if last < source.line_count() {
        source.line_range(last + 1).start
    } else {
        source.text().len()
    };
    start..end
}

/// Deletes the suppression that `finding` (a rule id, or a directive's
/// name) is in: only the id, with a separator beside it, when its comment
/// or front-matter list names others; else the whole comment (its line,
/// when it has the line to itself) or front-matter line.
fn delete_suppression(text: &str, finding: &Range<usize>) -> Option<Range<usize>> {
    // A directive is short: look for its comment's ends nearby only.
    let from = floor_boundary(text, finding.start.saturating_sub(COMMENT_REACH));
    let to = ceil_boundary(text, finding.end + COMMENT_REACH);
    let comment = text[from..finding.start]
        .rfind("<!--")
        .map(|i| from + i)
        .filter(|&open| !text[open..finding.start].contains("-->"))
        .and_then(|open| {
            let close = text[finding.end..to].find("-->")? + finding.end + 3;
            Some(open..close)
        });
    let (whole, list) = match &comment {
        Some(comment) => {
            let inner = comment.start + 4..comment.end - 3;
            let body = &text[inner.clone()];
            let name_start = inner.start + (body.len() - body.trim_start().len());
            let name_end = text[name_start..inner.end]
                .find(char::is_whitespace)
                .map_or(inner.end, |i| name_start + i);
            let list_end = text[name_end..inner.end]
                .find(" --")
                .map_or(inner.end, |i| name_end + i);
            (comment.clone(), name_end..list_end)
        }
        None => {
            // Front matter, at the top of the file: `newslint-disable: [a,
            // b]` or a `- a` item, on a line of its own.
            let line_start = text[..finding.start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = text[finding.end..]
                .find('\n')
                .map_or(text.len(), |i| finding.end + i);
            let line = &text[line_start..line_end];
            let list_start = line.find(':').map_or(line_start, |i| line_start + i + 1);
            (line_start..line_end, list_start..line_end)
        }
    };
    let ids = id_ranges(text, list.clone());
    let others = ids.iter().filter(|id| **id != *finding).count();
    let Some(at) = ids
        .iter()
        .position(|id| id == finding)
        .filter(|_| others > 0)
    else {
        return Some(with_own_line(text, whole));
    };
    Some(match ids.get(at + 1) {
        Some(next) => ids[at].start..next.start,
        None => ids[at - 1].end..ids[at].end,
    })
}

/// How far from a stale id its comment's `<!--` and `-->` may be.
const COMMENT_REACH: usize = 4096;

/// The largest char boundary at or before `offset`.
fn floor_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The smallest char boundary at or after `offset` (the end at most).
fn ceil_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

/// Byte ranges of the ids in a comma- or space-separated list, as
/// suppressions read them (a `-` before an id is a YAML list item's).
fn id_ranges(text: &str, list: Range<usize>) -> Vec<Range<usize>> {
    let mut ids = Vec::new();
    let mut start = None;
    for (i, c) in text[list.clone()].char_indices() {
        let at = list.start + i;
        let separator = c.is_whitespace() || matches!(c, ',' | '[' | ']' | '"' | '\'');
        match start {
            Some(s) if separator => {
                ids.push(s..at);
                start = None;
            }
            None if !separator && c != '-' => start = Some(at),
            _ => {}
        }
    }
    if let Some(s) = start {
        ids.push(s..list.end);
    }
    ids
}

/// `range` with its whole line (and line end) when nothing else is on it.
fn with_own_line(text: &str, range: Range<usize>) -> Range<usize> {
    match own_lines(text, &range) {
        (start, end, true) => start..(end + 1).min(text.len()),
        _ => delete_words(text, range),
    }
}

/// The start of the first line of `range` and the end of its last (before
/// the line end), and whether only white space shares those lines with it.
/// Reads only the white space beside the range, so it costs the same on a
/// text of one long line.
fn own_lines(text: &str, range: &Range<usize>) -> (usize, usize, bool) {
    let bytes = text.as_bytes();
    let blank = |b: u8| matches!(b, b' ' | b'\t' | b'\r');
    let mut start = range.start;
    while start > 0 && blank(bytes[start - 1]) {
        start -= 1;
    }
    let mut end = range.end;
    while end < bytes.len() && blank(bytes[end]) {
        end += 1;
    }
    let starts_line = start == 0 || bytes[start - 1] == b'\n';
    let ends_line = end == bytes.len() || bytes[end] == b'\n';
    if starts_line && ends_line {
        // Without the `\r` of a CRLF line end.
        let end = if end > range.end && bytes[end - 1] == b'\r' && end < bytes.len() {
            end - 1
        } else {
            end
        };
        (start, end.max(range.end), true)
    } else {
        (start, end, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::FixSpec;
    use crate::{Format, Linter};

    /// The built-in rules, linting `text` read as `format`, fixed up to `wanted`.
    fn fixed(text: &str, format: Format, wanted: Applicability) -> Fixed {
        let linter = Linter::new(RuleSet::builtin().expect("built-in rules load"));
        fix_until_stable(Source::new("t", text), wanted, |s| linter.lint(s, format))
    }

    fn edit(range: Range<usize>, replacement: &str, applicability: Applicability) -> Fix {
        Fix {
            range,
            replacement: replacement.into(),
            applicability,
        }
    }

    #[test]
    fn apply_takes_fixes_in_order_and_leaves_overlaps_for_the_next_round() {
        let fixes = [
            edit(6..8, "", Applicability::Safe),
            edit(0..3, "ONE", Applicability::Safe),
            edit(2..5, "x", Applicability::Safe),
            edit(9..13, "", Applicability::Unsafe),
        ];
        assert_eq!(
            apply("one two three", &fixes, Applicability::Safe),
            ("ONE twthree".to_string(), 2)
        );
        assert_eq!(
            apply("one two three", &fixes, Applicability::Unsafe),
            ("ONE twt".to_string(), 3)
        );
        // Touching edits wait too: each would read the other's text.
        let touching = [
            edit(0..3, "a", Applicability::Safe),
            edit(3..4, "b", Applicability::Safe),
        ];
        assert_eq!(apply("one two", &touching, Applicability::Safe).1, 1);
    }

    #[test]
    fn fix_keys_are_validated() {
        let spec = |yaml: &str| -> Result<FixRule, String> {
            FixRule::compile(&serde_yaml::from_str::<FixSpec>(yaml).unwrap())
        };
        assert!(spec("{action: replace, applicability: safe}")
            .unwrap_err()
            .contains("needs `with` or `replacements`"));
        assert!(spec("{action: delete-line, with: x, applicability: safe}")
            .unwrap_err()
            .contains("belong to `fix: {action: replace}` only"));
        assert!(
            spec("{action: replace, replacements: {A  b: x, a B: y}, applicability: safe}")
                .unwrap_err()
                .contains("twice")
        );
        let rule = spec("{action: delete-block, applicability: unsafe}").unwrap();
        assert_eq!(rule.action_name(), "delete-block");
        assert_eq!(rule.applicability(), Applicability::Unsafe);
        assert!(serde_yaml::from_str::<FixSpec>("{action: rewrite, applicability: safe}").is_err());
    }

    #[test]
    fn unsafe_fixes_delete_sentences_and_blocks_and_replace_phrases() {
        let text = "Council passes budget\n\n\
            The council met on Tuesday. A testament to the town, it passed.\n\n\
            This article was generated by AI.\n\n\
            The vote was seven to two. The mayor said more would follow via A\n";
        let result = fixed(text, Format::Plain, Applicability::Unsafe);
        assert_eq!(
            result.source.text(),
            "Council passes budget\n\n\
             The council met on Tuesday. Evidence of the town, it passed.\n\n\
             The vote was seven to two.\n"
        );
        assert_eq!(result.applied, 3);
        assert!(result.diagnostics.is_empty(), "{:?}", result.diagnostics);
        // Safe fixes alone change nothing here.
        let safe = fixed(text, Format::Plain, Applicability::Safe);
        assert_eq!((safe.source.text(), safe.applied), (text, 0));
        assert_eq!(safe.diagnostics.len(), 3);
    }

    #[test]
    fn stale_suppressions_go_id_by_id_then_whole() {
        let text = "---\ntitle: T\nnewslint-disable: [template-leak, foreign-script]\n---\n\n\
            One plain sentence.\n\n\
            <!-- newslint-disable-next-line ai-phrasing, prompt-leak -- quoted -->\n\
            A second plain sentence.\n";
        let result = fixed(text, Format::Markdown, Applicability::Safe);
        assert_eq!(
            result.source.text(),
            "---\ntitle: T\n---\n\nOne plain sentence.\n\nA second plain sentence.\n"
        );
        assert_eq!(result.applied, 4, "one id, then the rest, in each place");
        assert!(result.diagnostics.is_empty());
    }

    #[test]
    fn a_used_id_stays_when_its_neighbour_goes() {
        let text = "<!-- newslint-disable-next-line foreign-script, ai-phrasing -->\n\
            It is a testament to the town.\n";
        let result = fixed(text, Format::Plain, Applicability::Safe);
        assert_eq!(
            result.source.text(),
            "<!-- newslint-disable-next-line ai-phrasing -->\nIt is a testament to the town.\n"
        );
    }

    #[test]
    fn html_elements_go_with_their_end_tags() {
        let text = "<article>\n<h1>Budget</h1>\n<p>The council met on Tuesday.</p>\n\
            <p>This article was generated by <b>AI</b>.</p>\n<p>It passed, 7 to 2.</p>\n</article>\n";
        let result = fixed(text, Format::Html, Applicability::Unsafe);
        assert_eq!(
            result.source.text(),
            "<article>\n<h1>Budget</h1>\n<p>The council met on Tuesday.</p>\n\
             <p>It passed, 7 to 2.</p>\n</article>\n"
        );
    }

    #[test]
    fn fixing_stops_after_the_last_round() {
        let rule = "id: echo\nseverity: info\nkind: pattern\nsummary: s\nmessage: m\n\
            description: d\nwhy: w\nfix: {action: replace, with: loop, applicability: safe}\n\
            patterns:\n  - phrases: [loop]\nexamples:\n  flag: [loop]\n";
        let mut rules = RuleSet::empty();
        rules.add_str(rule, "echo.yaml").unwrap();
        let linter = Linter::new(rules);
        let result = fix_until_stable(Source::new("t", "a loop"), Applicability::Safe, |s| {
            linter.lint(s, Format::Plain)
        });
        assert_eq!(result.applied, MAX_ROUNDS);
        assert_eq!(result.source.text(), "a loop");
    }

    #[test]
    fn duplicate_blocks_lose_the_repeat() {
        let first =
            "The council voted seven to two on Tuesday to pass the new city budget for next year.";
        let text = format!(
            "Budget\n\n{first}\n\nThe mayor welcomed it.\n\n{first}\n\nIt takes effect in July.\n"
        );
        let result = fixed(&text, Format::Plain, Applicability::Unsafe);
        assert_eq!(
            result.source.text(),
            format!("Budget\n\n{first}\n\nThe mayor welcomed it.\n\nIt takes effect in July.\n")
        );
    }

    /// Fixes `text` with one house rule flagging `word` and fixing with `fix`.
    fn fixed_with(fix: &str, word: &str, text: &str) -> String {
        let rule = format!(
            "id: house\nseverity: info\nkind: pattern\nsummary: s\nmessage: m\n\
             description: d\nwhy: w\nfix: {fix}\npatterns:\n  - phrases: [{word}]\n\
             examples:\n  flag: [{word}]\n"
        );
        let mut rules = RuleSet::empty();
        rules.add_str(&rule, "house.yaml").unwrap();
        let linter = Linter::new(rules);
        let result = fix_until_stable(Source::new("t", text), Applicability::Safe, |s| {
            linter.lint(s, Format::Markdown)
        });
        result.source.text().to_string()
    }

    #[test]
    fn each_action_edits_its_own_span() {
        let text = "# Title\n\nOne two, synergy three. Four five.\n\nSix seven synergy\neight nine.\n\nTen.\n";
        let safe = |action: &str| format!("{{action: {action}, applicability: safe}}");
        assert_eq!(
            fixed_with(&safe("delete-match"), "synergy", text),
            "# Title\n\nOne two, three. Four five.\n\nSix seven\neight nine.\n\nTen.\n"
        );
        assert_eq!(
            fixed_with(&safe("delete-line"), "synergy", text),
            "# Title\n\n\neight nine.\n\nTen.\n"
        );
        assert_eq!(
            fixed_with(&safe("delete-block"), "synergy", text),
            "# Title\n\nTen.\n"
        );
        assert_eq!(
            fixed_with(&safe("delete-sentence"), "synergy", text),
            "# Title\n\nFour five.\n\nTen.\n"
        );
        assert_eq!(
            fixed_with(&safe("cut-to-sentence"), "four", text),
            "# Title\n\nOne two, synergy three.\n\nSix seven synergy\neight nine.\n\nTen.\n"
        );
        assert_eq!(
            fixed_with("{action: replace, with: teamwork, applicability: safe}", "synergy", text),
            "# Title\n\nOne two, teamwork three. Four five.\n\nSix seven teamwork\neight nine.\n\nTen.\n"
        );
    }
}
