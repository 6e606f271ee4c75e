//! Source text for the terminal, with long lines shortened around the spans.
//!
//! News copy is often one paragraph per line, 500 to 2,000 characters long;
//! printed whole under every finding it buries the underline. [`Excerpt`]
//! keeps every line (so line numbers and gaps stay true) but cuts each long
//! line that carries a label down to windows around the labels, with `…`
//! where text was left out. It implements codespan's `Files` so codespan
//! draws it, while line and column numbers still come from the real
//! [`Source`].

use std::ops::Range;

use codespan_reporting::files::{Error, Files};

use super::escape;
use crate::source::Source;

/// Lines up to this many characters are shown whole.
const MAX_WHOLE_LINE_CHARS: usize = 120;
/// Characters of context kept on each side of a span in a long line.
const CONTEXT_CHARS: usize = 40;
/// What stands for left-out text.
const ELLIPSIS: &str = "…";

/// A display copy of a source, with a map from source offsets to it.
pub struct Excerpt<'a> {
    source: &'a Source,
    /// The file's name, control characters made visible.
    name: String,
    text: String,
    /// Kept source ranges, in order, each with its offset in `text`.
    kept: Vec<(Range<usize>, usize)>,
    /// Offset in `text` at which each line starts.
    line_starts: Vec<usize>,
}

impl<'a> Excerpt<'a> {
    /// Builds the display text for `source`, shortening long lines that hold
    /// any of `spans`.
    pub fn new(source: &'a Source, spans: &[Range<usize>]) -> Excerpt<'a> {
        let full = source.text();
        // Source ranges to keep in long lines, per line (0-based).
        let mut windows: Vec<(usize, Range<usize>)> = Vec::new();
        for span in spans {
            let first = source.position(span.start).line;
            let last = source.position(span.end.max(span.start + 1) - 1).line;
            for line in first..=last.max(first) {
                let range = source.line_range(line);
                if full[range.clone()].chars().count() <= MAX_WHOLE_LINE_CHARS {
                    continue;
                }
                let start = span.start.clamp(range.start, range.end);
                let end = span.end.clamp(range.start, range.end);
                let lo = back_chars(full, start, CONTEXT_CHARS).max(range.start);
                let hi = forward_chars(full, end, CONTEXT_CHARS).min(range.end);
                windows.push((line, snap_to_words(full, lo, hi, range)));
            }
        }
        windows.sort_by_key(|(line, r)| (*line, r.start));

        let mut text = String::with_capacity(full.len());
        let mut kept = Vec::new();
        let mut cursor = 0;
        let mut index = 0;
        while index < windows.len() {
            let line = windows[index].0;
            let line_range = source.line_range(line);
            // Merge the windows of this line.
            let mut merged: Vec<Range<usize>> = Vec::new();
            while index < windows.len() && windows[index].0 == line {
                let w = windows[index].1.clone();
                match merged.last_mut() {
                    Some(last) if w.start <= last.end => last.end = last.end.max(w.end),
                    _ => merged.push(w),
                }
                index += 1;
            }
            keep(&mut text, &mut kept, full, cursor..line_range.start);
            let mut at = line_range.start;
            for w in merged {
                if w.start > at {
                    text.push_str(ELLIPSIS);
                }
                keep(&mut text, &mut kept, full, w.clone());
                at = w.end;
            }
            if at < line_range.end {
                text.push_str(ELLIPSIS);
            }
            cursor = line_range.end;
        }
        keep(&mut text, &mut kept, full, cursor..full.len());
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Excerpt {
            source,
            name: escape::visible(source.name(), false).into_owned(),
            text,
            kept,
            line_starts,
        }
    }

    /// The display offset of a source offset (inside a kept range).
    pub fn map(&self, offset: usize) -> usize {
        let i = self
            .kept
            .partition_point(|(r, _)| r.start <= offset)
            .saturating_sub(1);
        match self.kept.get(i) {
            Some((range, at)) => at + offset.min(range.end) - range.start,
            None => 0,
        }
    }

    /// The source offset of a display offset.
    fn unmap(&self, offset: usize) -> usize {
        let i = self
            .kept
            .partition_point(|(_, at)| *at <= offset)
            .saturating_sub(1);
        match self.kept.get(i) {
            Some((range, at)) => (range.start + offset - at).min(range.end),
            None => 0,
        }
    }
}

/// Copies `full[range]` into the display text and records where it went.
/// Control characters are drawn as visible stand-ins (each its own kept
/// piece, since a stand-in is longer than what it stands for), except that
/// a lone CR, which ends a line in the source, ends one here too.
fn keep(text: &mut String, kept: &mut Vec<(Range<usize>, usize)>, full: &str, range: Range<usize>) {
    let bytes = full.as_bytes();
    // Most text has no byte that can start a control character.
    let suspect =
        |b: &u8| (*b < 0x20 && *b != b'\n' && *b != b'\t') || matches!(b, 0x7f | 0xc2 | 0xe2);
    if !bytes[range.clone()].iter().any(suspect) {
        return keep_raw(text, kept, full, range);
    }
    let mut from = range.start;
    for (i, c) in full[range.clone()].char_indices() {
        let at = range.start + i;
        let lone_cr = c == '\r' && bytes.get(at + 1) != Some(&b'\n');
        let crlf = c == '\r' && !lone_cr;
        let Some(stand_in) = escape::stand_in(c, true).filter(|_| !lone_cr && !crlf) else {
            if lone_cr {
                keep_raw(text, kept, full, from..at);
                kept.push((at..at + 1, text.len()));
                text.push('\n');
                from = at + 1;
            }
            continue;
        };
        keep_raw(text, kept, full, from..at);
        kept.push((at..at + c.len_utf8(), text.len()));
        text.push(stand_in);
        from = at + c.len_utf8();
    }
    keep_raw(text, kept, full, from..range.end);
}

/// Copies `full[range]` as it is.
fn keep_raw(
    text: &mut String,
    kept: &mut Vec<(Range<usize>, usize)>,
    full: &str,
    range: Range<usize>,
) {
    if range.is_empty() {
        return;
    }
    kept.push((range.clone(), text.len()));
    text.push_str(&full[range]);
}

fn back_chars(text: &str, from: usize, n: usize) -> usize {
    text[..from]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

fn forward_chars(text: &str, from: usize, n: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| from + i)
}

/// Widens a window to whole words, within its line.
fn snap_to_words(text: &str, lo: usize, hi: usize, line: Range<usize>) -> Range<usize> {
    let lo = if lo <= line.start {
        line.start
    } else {
        text[line.start..lo]
            .rfind(char::is_whitespace)
            .map_or(line.start, |i| {
                line.start
                    + i
                    + text[line.start + i..]
                        .chars()
                        .next()
                        .map_or(1, char::len_utf8)
            })
    };
    let hi = if hi >= line.end {
        line.end
    } else {
        text[hi..line.end]
            .find(char::is_whitespace)
            .map_or(line.end, |i| hi + i)
    };
    lo..hi
}

impl<'f> Files<'f> for Excerpt<'_> {
    type FileId = ();
    type Name = &'f str;
    type Source = &'f str;

    fn name(&'f self, _: ()) -> Result<&'f str, Error> {
        Ok(&self.name)
    }

    fn source(&'f self, _: ()) -> Result<&'f str, Error> {
        Ok(&self.text)
    }

    fn line_index(&'f self, _: (), byte_index: usize) -> Result<usize, Error> {
        Ok(self.line_starts.partition_point(|&s| s <= byte_index) - 1)
    }

    fn column_number(&'f self, _: (), _: usize, byte_index: usize) -> Result<usize, Error> {
        Ok(self.source.position(self.unmap(byte_index)).column)
    }

    fn line_range(&'f self, _: (), line_index: usize) -> Result<Range<usize>, Error> {
        let start = *self
            .line_starts
            .get(line_index)
            .ok_or(Error::LineTooLarge {
                given: line_index,
                max: self.line_starts.len() - 1,
            })?;
        let end = self
            .line_starts
            .get(line_index + 1)
            .copied()
            .unwrap_or(self.text.len());
        Ok(start..end)
    }
}
