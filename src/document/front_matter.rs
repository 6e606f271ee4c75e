//! YAML front matter of a Markdown article: the headline and the summary.
//!
//! Static-site and CMS exports put the headline and dek in front matter
//! (`title:`, `description:`), and those are exactly where AI copy states
//! claims most flatly, so they are part of the document. Diagnostics must
//! point inside the value, which a YAML library cannot tell us, so this is a
//! small scanner for the top-level scalar keys we read; everything else in the
//! block is skipped, never interpreted.

use std::ops::Range;

use super::text::TextBuilder;
use super::{Block, BlockKind};

/// Front-matter keys whose value is the headline.
const TITLE_KEYS: &[&str] = &["title", "headline"];
/// Front-matter keys whose value is the summary or dek.
const SUMMARY_KEYS: &[&str] = &[
    "description",
    "summary",
    "excerpt",
    "subtitle",
    "dek",
    "standfirst",
    "lede",
];

/// The front matter found at the top of a Markdown text.
#[derive(Debug, Default)]
pub struct FrontMatter<'a> {
    /// Title and summary blocks, in source order.
    pub blocks: Vec<Block<'a>>,
    /// Byte offset where the Markdown body starts (0 without front matter).
    pub body_start: usize,
}

/// Finds and reads a front-matter block (`---` … `---` or `...`) at the start.
pub fn parse(text: &str) -> FrontMatter<'_> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = crate::source::lines_from(text, bom);
    match lines.next() {
        Some((_, first)) if first.trim_end() == "---" => {}
        _ => return FrontMatter::default(),
    }
    let mut body: Vec<(Range<usize>, &str)> = Vec::new();
    let mut closing_fence = None;
    for (range, line) in lines {
        if matches!(line.trim_end(), "---" | "...") {
            closing_fence = Some(range);
            break;
        }
        body.push((range, line));
    }
    let Some(fence) = closing_fence else {
        return FrontMatter::default();
    };
    let body_start = skip_newline(text, fence.end);

    let mut blocks = Vec::new();
    let mut index = 0;
    while index < body.len() {
        let (range, line) = &body[index];
        index += 1;
        let Some((key, value_start)) = top_level_key(line) else {
            continue;
        };
        let kind = if TITLE_KEYS.contains(&key.as_str()) {
            BlockKind::Title
        } else if SUMMARY_KEYS.contains(&key.as_str()) {
            BlockKind::Summary
        } else {
            continue;
        };
        // Indented lines that follow belong to this value.
        let continuation_end = body[index..]
            .iter()
            .position(|(_, l)| !(l.starts_with(' ') || l.starts_with('\t') || l.trim().is_empty()))
            .map_or(body.len(), |n| index + n);
        let continuation = &body[index..continuation_end];
        index = continuation_end;
        let value = &line[value_start..];
        let value_offset = range.start + value_start;
        if let Some(block) = scalar_block(text, kind, value, value_offset, continuation) {
            blocks.push(block);
        }
    }
    FrontMatter { blocks, body_start }
}

/// The offset just past the line terminator at `offset`, if there is one.
fn skip_newline(text: &str, offset: usize) -> usize {
    let rest = &text.as_bytes()[offset.min(text.len())..];
    match rest {
        [b'\r', b'\n', ..] => offset + 2,
        [b'\n' | b'\r', ..] => offset + 1,
        _ => offset,
    }
}

/// `key: value` at column 0; returns the lowercase key and where the value starts.
fn top_level_key(line: &str) -> Option<(String, usize)> {
    if line.starts_with([' ', '\t', '#', '-']) {
        return None;
    }
    let colon = line.find(':')?;
    let key = line[..colon].trim().trim_matches(['"', '\'']);
    if key.is_empty() || key.contains(' ') {
        return None;
    }
    let after = &line[colon + 1..];
    let value_start = colon + 1 + (after.len() - after.trim_start().len());
    Some((key.to_ascii_lowercase(), value_start))
}

/// Builds the block for one scalar value (plain, quoted, or block scalar).
fn scalar_block<'a>(
    text: &str,
    kind: BlockKind,
    value: &str,
    value_offset: usize,
    continuation: &[(Range<usize>, &str)],
) -> Option<Block<'a>> {
    let mut builder = TextBuilder::new();
    let value = value.trim_end();
    if value.starts_with('|') || value.starts_with('>') {
        let folded = value.starts_with('>');
        for (range, line) in continuation {
            let content = line.trim_start();
            if content.is_empty() {
                continue;
            }
            if !builder.is_empty() {
                let joiner = if folded { " " } else { "\n" };
                builder.push_mapped(joiner, range.start..range.start);
            }
            builder.push_verbatim(content, range.end - content.len());
        }
    } else if let Some(quote) = value.chars().next().filter(|c| *c == '"' || *c == '\'') {
        push_quoted(&mut builder, text, value, value_offset, quote);
    } else {
        builder.push_verbatim(strip_comment(value), value_offset);
        for (range, line) in continuation {
            let content = line.trim();
            if content.is_empty() {
                continue;
            }
            builder.push_mapped(" ", range.start..range.start);
            let start = range.start + (line.len() - line.trim_start().len());
            builder.push_verbatim(content, start);
        }
    }
    let span = builder.source_span()?;
    let text = builder.finish()?;
    Some(Block {
        kind,
        range: span,
        text,
        level: 0,
        section: 0,
    })
}

/// A plain scalar ends before ` #`, which starts a YAML comment.
fn strip_comment(value: &str) -> &str {
    value.find(" #").map_or(value, |i| &value[..i]).trim_end()
}

/// Pushes the content of a one-line quoted scalar, decoding its escapes.
fn push_quoted(builder: &mut TextBuilder, text: &str, value: &str, offset: usize, quote: char) {
    let inner_start = offset + 1;
    let inner = &value[1..];
    let mut chars = inner.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at = inner_start + i;
        match (quote, c) {
            ('\'', '\'') if chars.peek().map(|&(_, n)| n) == Some('\'') => {
                chars.next();
                builder.push_mapped("'", at..at + 2);
            }
            ('"', '\\') => {
                if let Some((j, escaped)) = chars.next() {
                    let decoded = match escaped {
                        'n' => "\n".to_string(),
                        't' => "\t".to_string(),
                        other => other.to_string(),
                    };
                    builder.push_mapped(&decoded, at..inner_start + j + escaped.len_utf8());
                }
            }
            (q, c) if c == q => break,
            _ => builder.push(&inner[i..i + c.len_utf8()], text, at..at + c.len_utf8()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<(BlockKind, String, String)> {
        parse(text)
            .blocks
            .iter()
            .map(|b| {
                let full = b.text.source_range(0..b.text().len());
                (b.kind, b.text().to_string(), text[full].to_string())
            })
            .collect()
    }

    #[test]
    fn plain_and_quoted_values() {
        let text = "---\ntitle: Rates rise\ndescription: \"A \\\"big\\\" move\"\ndate: 2026-01-02\n---\nBody\n";
        let fm = parse(text);
        assert_eq!(&text[fm.body_start..], "Body\n");
        let b = blocks(text);
        assert_eq!(
            b[0],
            (BlockKind::Title, "Rates rise".into(), "Rates rise".into())
        );
        assert_eq!(b[1].0, BlockKind::Summary);
        assert_eq!(b[1].1, "A \"big\" move");
        assert_eq!(b[1].2, "A \\\"big\\\" move");
    }

    #[test]
    fn folded_block_scalar_joins_lines() {
        let text = "---\nsummary: >\n  First line\n  second line\nauthor: X\n---\n";
        let b = blocks(text);
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].1, "First line second line");
        assert_eq!(b[0].2, "First line\n  second line");
    }

    #[test]
    fn single_quotes_and_crlf() {
        let text = "---\r\ntitle: 'It''s here'\r\n---\r\nBody";
        let fm = parse(text);
        assert_eq!(&text[fm.body_start..], "Body");
        assert_eq!(blocks(text)[0].1, "It's here");
    }

    #[test]
    fn no_front_matter_without_a_closing_fence() {
        assert_eq!(parse("---\ntitle: x\n").body_start, 0);
        assert_eq!(parse("Plain\n---\n").body_start, 0);
        assert!(parse("Plain").blocks.is_empty());
    }
}
