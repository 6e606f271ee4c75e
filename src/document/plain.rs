//! Structure of plain text as AI pipelines and scrapers export it.
//!
//! There is no markup, so structure comes from the shape of lines: one
//! paragraph a line (blank lines optional), headings as short bare lines with
//! no terminal punctuation ("What We Know", "Key Data"), bullets (`•`, `-`,
//! `*`, `1.`), `Q:`/`A:` pairs and FAQ questions ending in `?` or `▾`, pipe
//! tables, and hard-wrapped paragraphs whose lines continue in lower case.
//! Block texts borrow the source, so offsets map back for free.

use super::{Block, BlockKind, BlockText};
use crate::language::{FAQ_HEADING_WORDS, SUMMARY_LABELS};

/// Longest line, in words, that can be a bare heading.
const MAX_HEADING_WORDS: usize = 12;
/// Longest line, in characters, that can be a bare heading.
const MAX_HEADING_CHARS: usize = 100;
/// Characters that end a sentence or clause; a heading does not end with one.
const TERMINAL: &[char] = &[
    '.', '!', '?', ',', ';', ':', '…', '"', '”', '\'', '’', ')', ']', '»',
];
/// Characters that end a sentence; a line ending with one does not wrap on.
const SENTENCE_END: &[char] = &['.', '!', '?', '…', '"', '”', '\'', '’', ')', ']', '»'];
/// Bullet characters that open a list item when followed by a space.
const BULLETS: &[char] = &['•', '◦', '▪', '●', '○', '■', '►', '‣', '-', '*', '+', '–'];

/// One line of the source, trimmed, with its byte range.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    start: usize,
    text: &'a str,
}

impl Line<'_> {
    fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

/// Splits text into trimmed lines (a BOM and line terminators excluded).
fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut offset = if text.starts_with('\u{feff}') { 3 } else { 0 };
    while offset < text.len() {
        let rest = &text[offset..];
        let len =
            crate::source::line_break(text, offset).map_or(rest.len(), |(_, next)| next - offset);
        let raw = &rest[..len];
        let trimmed_start = raw.trim_start();
        let indent = raw.len() - trimmed_start.len();
        out.push(Line {
            start: offset + indent.min(raw.trim_end().len()),
            text: raw.trim(),
        });
        offset += len;
    }
    out
}

/// Parses plain text into blocks.
pub fn parse(text: &str) -> Vec<Block<'_>> {
    let lines = lines(text);
    let mut blocks = Vec::new();
    let mut in_faq = false;
    let mut after_question = false;
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        index += 1;
        if line.is_blank() || is_separator(line.text) {
            after_question = false;
            continue;
        }
        let (kind, marker_len, level) = classify(&lines, index - 1, in_faq, after_question);
        let mut end = line.end();
        if matches!(
            kind,
            BlockKind::Paragraph | BlockKind::ListItem | BlockKind::Answer | BlockKind::Summary
        ) {
            // A hard-wrapped paragraph: the next line continues the sentence.
            while index < lines.len() && continues(lines[index - 1].text, lines[index].text) {
                end = lines[index].end();
                index += 1;
            }
        }
        let content_start = line.start + marker_len;
        let mut content = text[content_start..end].trim_start();
        let content_offset = end - content.len();
        if kind == BlockKind::Question {
            content = content.trim_end_matches('▾').trim_end();
        }
        if content.is_empty() {
            continue;
        }
        if kind == BlockKind::Heading {
            in_faq = is_faq_heading(content);
        }
        // The first line, shaped like a heading and followed by prose, is
        // the headline; followed by a list or Q&A, it is a section heading.
        let (kind, level) = if kind == BlockKind::Heading
            && blocks.is_empty()
            && lines[index..]
                .iter()
                .find(|l| !l.is_blank())
                .is_some_and(|next| opens_prose(next.text))
        {
            (BlockKind::Title, 0)
        } else {
            (kind, level)
        };
        after_question = kind == BlockKind::Question;
        blocks.push(Block {
            kind,
            range: line.start..end,
            text: BlockText::borrowed(content, content_offset),
            level,
            section: 0,
        });
    }
    blocks
}

/// Decides what the line at `index` is; returns its kind, the length of its
/// marker (bullet, `Q:`, table pipe) and its level.
fn classify(
    lines: &[Line<'_>],
    index: usize,
    in_faq: bool,
    after_question: bool,
) -> (BlockKind, usize, u8) {
    let text = lines[index].text;
    if let Some((kind, len)) = interview_marker(text) {
        return (kind, len, 0);
    }
    if let Some(len) = prefix_len(text, SUMMARY_LABELS) {
        return (BlockKind::Summary, len, 0);
    }
    if text.starts_with('|') {
        return (BlockKind::TableRow, 0, 0);
    }
    if let Some(len) = bullet_len(text) {
        return (BlockKind::ListItem, len, 1);
    }
    if text.ends_with('▾') {
        return (BlockKind::Question, 0, 0);
    }
    let next = lines.get(index + 1).filter(|l| !l.is_blank());
    if in_faq && text.ends_with('?') && next.is_some_and(|n| !n.text.ends_with('?')) {
        return (BlockKind::Question, 0, 0);
    }
    if after_question {
        return (BlockKind::Answer, 0, 0);
    }
    if looks_like_heading(lines, index) {
        return (BlockKind::Heading, 0, 2);
    }
    (BlockKind::Paragraph, 0, 0)
}

/// Length of the first of `prefixes` the line starts with (ASCII case ignored).
/// The kind a line opened by an interview's `Q:` or `A:` (`Question:`,
/// `Answer:`) has, and the marker's length: the same in plain text and in
/// a Markdown paragraph (`**Q:** …`, once its emphasis is read).
pub(super) fn interview_marker(text: &str) -> Option<(BlockKind, usize)> {
    if let Some(len) = prefix_len(text, &["Q:", "Question:"]) {
        return Some((BlockKind::Question, len));
    }
    prefix_len(text, &["A:", "Answer:"]).map(|len| (BlockKind::Answer, len))
}

fn prefix_len(text: &str, prefixes: &[&str]) -> Option<usize> {
    prefixes.iter().find_map(|p| {
        let head = text.get(..p.len())?;
        (head.eq_ignore_ascii_case(p) && text.len() > p.len()).then_some(p.len())
    })
}

/// Length of a list marker and the space after it (`• `, `- `, `12. `).
fn bullet_len(text: &str) -> Option<usize> {
    let first = text.chars().next()?;
    if BULLETS.contains(&first) {
        let rest = &text[first.len_utf8()..];
        return rest
            .starts_with([' ', '\t'])
            .then_some(first.len_utf8() + 1);
    }
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &text[digits..];
        if (rest.starts_with(". ") || rest.starts_with(") ")) && rest.len() > 2 {
            return Some(digits + 2);
        }
    }
    None
}

/// Whether a line starts a paragraph rather than a list item, table row or
/// question and answer.
fn opens_prose(text: &str) -> bool {
    bullet_len(text).is_none()
        && !text.starts_with('|')
        && prefix_len(text, &["Q:", "A:", "Question:", "Answer:"]).is_none()
        && !text.ends_with(['?', '▾'])
}

/// A thematic break (`---`, `***`, `* * *`, `———`) or a table's `|---|---|` rule.
fn is_separator(text: &str) -> bool {
    if text.starts_with('|') {
        return text.contains('-') && text.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '));
    }
    let mut marks = text.chars().filter(|c| !c.is_whitespace());
    let Some(first) = marks.next() else {
        return false;
    };
    if !matches!(first, '-' | '*' | '_' | '=' | '—' | '–' | '~') {
        return false;
    }
    let mut count = 1;
    for c in marks {
        if c != first {
            return false;
        }
        count += 1;
    }
    count >= 3
}

/// A bare heading: short, capitalised, no terminal punctuation, with content after it.
fn looks_like_heading(lines: &[Line<'_>], index: usize) -> bool {
    let text = lines[index].text;
    // Cheap tests first: most lines are paragraphs, long or ending with a stop.
    let starts_upper = text
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    if !starts_upper
        || text.len() > 4 * MAX_HEADING_CHARS
        || (text.ends_with(TERMINAL) && !(text.ends_with(':') && is_all_caps(text)))
    {
        return false;
    }
    let words = text.split_whitespace().take(MAX_HEADING_WORDS + 1).count();
    if words == 0
        || words > MAX_HEADING_WORDS
        || (text.len() > MAX_HEADING_CHARS && text.chars().count() > MAX_HEADING_CHARS)
    {
        return false;
    }
    // Something must follow, and not the rest of a wrapped sentence.
    match lines[index + 1..].iter().find(|l| !l.is_blank()) {
        None => false,
        Some(next) => !(lines[index + 1].text == next.text && starts_lowercase(next.text)),
    }
}

/// An ALL-CAPS line ("UP NEXT", "WHAT HAPPENS NOW:"): two or more letters,
/// none lowercase.
fn is_all_caps(text: &str) -> bool {
    text.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !text.chars().any(char::is_lowercase)
}

/// Whether `next` continues the sentence that `current` leaves open.
fn continues(current: &str, next: &str) -> bool {
    !next.is_empty()
        && !current.ends_with(SENTENCE_END)
        && starts_lowercase(next)
        && bullet_len(next).is_none()
}

fn starts_lowercase(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_lowercase)
}

fn is_faq_heading(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric() && c != '&')
        .any(|w| FAQ_HEADING_WORDS.contains(&w))
}

/// Kinds and texts of the blocks of `text`, checking each maps back exactly.
#[cfg(test)]
fn block_summary(text: &str) -> Vec<(BlockKind, String)> {
    parse(text)
        .into_iter()
        .map(|b| {
            let r = b.text.source_range(0..b.text().len());
            assert_eq!(&text[r], b.text());
            (b.kind, b.text().to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use BlockKind::*;

    #[test]
    fn bare_headings_bullets_and_paragraphs() {
        let text =
            "What We Know\n\n  • First fact here.\n  • Second fact.\n\nA paragraph of prose.";
        assert_eq!(
            block_summary(text),
            [
                (Heading, "What We Know".into()),
                (ListItem, "First fact here.".into()),
                (ListItem, "Second fact.".into()),
                (Paragraph, "A paragraph of prose.".into()),
            ]
        );
    }

    #[test]
    fn question_and_answer_forms() {
        let text = "FAQ\nQ: Why now?\nA: Because.\nFrequently Asked Questions\nIs it new? ▾\nIt is not.\nWhy?\nNo reason given.";
        assert_eq!(
            block_summary(text),
            [
                (Heading, "FAQ".into()),
                (Question, "Why now?".into()),
                (Answer, "Because.".into()),
                (Heading, "Frequently Asked Questions".into()),
                (Question, "Is it new?".into()),
                (Answer, "It is not.".into()),
                (Question, "Why?".into()),
                (Answer, "No reason given.".into()),
            ]
        );
    }

    #[test]
    fn tables_separators_and_wrapped_lines() {
        let text = "| A | B |\n|---|---|\n| 1 | 2 |\n\n---\nThis line wraps\nonto the next one.\n";
        assert_eq!(
            block_summary(text),
            [
                (TableRow, "| A | B |".into()),
                (TableRow, "| 1 | 2 |".into()),
                (Paragraph, "This line wraps\nonto the next one.".into()),
            ]
        );
    }

    #[test]
    fn headline_summary_caps_headings_and_comma_wraps() {
        let text = "Rates Rise Again\nSummary: The bank acted.\nUP NEXT:\nThe vote comes on Friday, after\nweeks of talks, and\nthen a recess.\nUP NEXT\nMore.";
        assert_eq!(
            block_summary(text),
            [
                (Title, "Rates Rise Again".into()),
                (Summary, "The bank acted.".into()),
                (Heading, "UP NEXT:".into()),
                (
                    Paragraph,
                    "The vote comes on Friday, after\nweeks of talks, and\nthen a recess.".into()
                ),
                (Heading, "UP NEXT".into()),
                (Paragraph, "More.".into()),
            ]
        );
    }

    #[test]
    fn last_short_line_is_not_a_heading() {
        let text = "Body text.\nRecent Comments";
        assert_eq!(block_summary(text)[1].0, Paragraph);
    }

    #[test]
    fn crlf_and_bom() {
        let text = "\u{feff}Key Data\r\n- One point.\r\n";
        assert_eq!(
            block_summary(text),
            [
                (Heading, "Key Data".into()),
                (ListItem, "One point.".into())
            ]
        );
    }
}
