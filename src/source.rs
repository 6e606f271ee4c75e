//! A source file as newslint read it: its name, its original text, and the one
//! place where byte offsets become lines and columns.
//!
//! Everything inside newslint speaks byte offsets into the original text. Only
//! renderers need lines and columns, and each output wants a different column
//! unit (characters for JSON and SARIF, UTF-16 code units for LSP-style editors,
//! bytes for reviewdog), so the conversion lives here, tested once, instead of
//! being re-derived (and re-broken) by every renderer.

use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;

/// The UTF-8 byte order mark; some Windows editors write it at the start of a file.
const BOM: &str = "\u{feff}";

/// Bytes between two column checkpoints on a long line: the most text a
/// [`Source::position`] call counts characters in.
const CHECKPOINT_EVERY: usize = 1024;

/// One input: a file on disk or standard input.
#[derive(Debug, Clone)]
pub struct Source {
    name: String,
    text: String,
    /// Byte offset at which each line starts; `line_starts[0] == 0`.
    line_starts: Vec<usize>,
    /// Columns at points along lines longer than [`CHECKPOINT_EVERY`],
    /// built on the first position asked on such a line: so that each
    /// position costs at most that many bytes of counting, not the whole
    /// line before it (minified HTML is one line).
    checkpoints: OnceLock<Vec<Checkpoint>>,
}

/// The columns at a byte offset, counted from its line's start.
#[derive(Debug, Clone, Copy)]
struct Checkpoint {
    offset: usize,
    chars: usize,
    utf16: usize,
}

/// Why bytes could not become a [`Source`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes are not UTF-8; `offset` is the first invalid byte.
    InvalidUtf8 { offset: usize },
    /// The bytes contain a NUL byte, so this is a binary file, not an article.
    Binary { offset: usize },
    /// The bytes are UTF-16 text (a byte order mark, or NUL in every other
    /// byte): readable once converted to UTF-8.
    Utf16 { big_endian: bool },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::InvalidUtf8 { offset } => {
                write!(f, "not valid UTF-8 (first invalid byte at offset {offset})")
            }
            DecodeError::Binary { offset } => {
                write!(f, "looks like a binary file (NUL byte at offset {offset})")
            }
            DecodeError::Utf16 { big_endian } => {
                let (name, code) = if *big_endian {
                    ("big", "UTF-16BE")
                } else {
                    ("little", "UTF-16LE")
                };
                write!(
                    f,
                    "looks like UTF-16 ({name}-endian) text, and newslint reads UTF-8: \
                     convert it first, e.g. `iconv -f {code} -t UTF-8 FILE > FILE.utf8`"
                )
            }
        }
    }
}

impl std::error::Error for DecodeError {}

/// A 1-based line and column, with the column counted in three units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column in Unicode scalar values (characters).
    pub column: usize,
    /// 1-based column in UTF-16 code units (what LSP clients and VS Code count).
    pub column_utf16: usize,
    /// 1-based column in bytes (what reviewdog and gcc-style tools count).
    pub column_byte: usize,
}

/// The unit a column is counted in: editors and protocols disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnUnit {
    /// UTF-8 bytes (reviewdog, gcc-style tools, LSP's `utf-8`).
    Bytes,
    /// UTF-16 code units (LSP's default `utf-16`, VS Code).
    Utf16,
    /// Unicode scalar values (our JSON and SARIF, LSP's `utf-32`).
    Chars,
}

impl Position {
    /// The 1-based column counted in `unit`.
    pub fn column_in(&self, unit: ColumnUnit) -> usize {
        match unit {
            ColumnUnit::Bytes => self.column_byte,
            ColumnUnit::Utf16 => self.column_utf16,
            ColumnUnit::Chars => self.column,
        }
    }
}

impl Source {
    /// Wraps text that is already known to be valid UTF-8.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Source {
        let text = text.into();
        let mut line_starts = vec![0];
        let mut at = 0;
        while let Some((_, next)) = line_break(&text, at) {
            line_starts.push(next);
            at = next;
        }
        Source {
            name: name.into(),
            text,
            line_starts,
            checkpoints: OnceLock::new(),
        }
    }

    /// Decodes raw bytes, refusing binary data and invalid UTF-8 with the byte
    /// offset of the first offending byte.
    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>) -> Result<Source, DecodeError> {
        if let Some(big_endian) = utf16(&bytes) {
            return Err(DecodeError::Utf16 { big_endian });
        }
        if let Some(offset) = memchr::memchr(0, &bytes) {
            return Err(DecodeError::Binary { offset });
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Source::new(name, text)),
            Err(err) => Err(DecodeError::InvalidUtf8 {
                offset: err.utf8_error().valid_up_to(),
            }),
        }
    }

    /// The name shown in reports: the path as given, or the stdin name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The original text, never altered (a BOM and CRLF line ends included).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Length in bytes of a leading byte order mark (0 or 3).
    pub fn bom_len(&self) -> usize {
        if self.text.starts_with(BOM) {
            BOM.len()
        } else {
            0
        }
    }

    /// Number of lines (a final line without a newline counts; an empty file has one).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte range of a 1-based line, without its line terminator (`\n`,
    /// `\r\n` or a lone `\r`).
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let start = self.line_starts[line - 1];
        let mut end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |next| next - 1);
        if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    /// Line and columns of a byte offset. Offsets past the end clamp to the
    /// end; an offset inside a multi-byte character counts as that character.
    /// A BOM on the first line is invisible to editors, so it is not counted.
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line_index = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let end = floor_char_boundary(&self.text, offset);
        let mut line_start = self.line_starts[line_index];
        if line_index == 0 {
            line_start = line_start.max(self.bom_len().min(end));
        }
        let from = self.count_from(line_start, end);
        let before = &self.text[from.offset..end];
        Position {
            line: line_index + 1,
            column: from.chars + before.chars().count() + 1,
            column_utf16: from.utf16 + before.chars().map(char::len_utf16).sum::<usize>() + 1,
            column_byte: end - line_start + 1,
        }
    }

    /// Where counting columns up to `end` starts: the line's start, or the
    /// last checkpoint before `end` on a long line, at most
    /// [`CHECKPOINT_EVERY`] bytes before it.
    fn count_from(&self, line_start: usize, end: usize) -> Checkpoint {
        let start = Checkpoint {
            offset: line_start,
            chars: 0,
            utf16: 0,
        };
        if end - line_start <= CHECKPOINT_EVERY {
            return start;
        }
        let checkpoints = self.checkpoints.get_or_init(|| self.build_checkpoints());
        let at = checkpoints.partition_point(|c| c.offset <= end);
        match at.checked_sub(1).map(|i| checkpoints[i]) {
            Some(c) if c.offset > line_start => c,
            _ => start,
        }
    }

    /// Checkpoints every [`CHECKPOINT_EVERY`] bytes (at a character
    /// boundary) along each long line, in offset order: one pass over the
    /// long lines' text.
    fn build_checkpoints(&self) -> Vec<Checkpoint> {
        let mut checkpoints = Vec::new();
        for (index, &start) in self.line_starts.iter().enumerate() {
            let start = if index == 0 { self.bom_len() } else { start };
            let end = self
                .line_starts
                .get(index + 1)
                .map_or(self.text.len(), |&next| next);
            let mut at = Checkpoint {
                offset: start,
                chars: 0,
                utf16: 0,
            };
            while end - at.offset > CHECKPOINT_EVERY {
                let next = floor_char_boundary(&self.text, at.offset + CHECKPOINT_EVERY);
                let piece = &self.text[at.offset..next];
                at = Checkpoint {
                    offset: next,
                    chars: at.chars + piece.chars().count(),
                    utf16: at.utf16 + piece.chars().map(char::len_utf16).sum::<usize>(),
                };
                checkpoints.push(at);
            }
        }
        checkpoints
    }
}

/// The next line terminator at or after `from`: its start and the offset
/// just past it. A terminator is `\n`, `\r\n`, or a lone `\r` (old Mac
/// files, and some exporters still write them).
pub fn line_break(text: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let at = from + memchr::memchr2(b'\n', b'\r', bytes.get(from..)?)?;
    let len = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
        2
    } else {
        1
    };
    Some((at, at + len))
}

/// Whether `bytes` look like UTF-16 text, and if so whether big-endian: a
/// UTF-16 byte order mark, or (in the first KiB, at least 4 characters)
/// NUL in three quarters of the odd bytes (little-endian) or even bytes
/// (big-endian) and none of the others, as mostly-ASCII UTF-16 text reads.
fn utf16(bytes: &[u8]) -> Option<bool> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some(false),
        [0xFE, 0xFF, ..] => return Some(true),
        _ => {}
    }
    let head = &bytes[..bytes.len().min(1024) & !1];
    let pairs = head.len() / 2;
    let nul_even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let nul_odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    match (nul_even, nul_odd) {
        _ if pairs < 4 => None,
        (0, odd) if odd * 4 >= pairs * 3 => Some(false),
        (even, 0) if even * 4 >= pairs * 3 => Some(true),
        _ => None,
    }
}

impl Source {
    /// The byte offset of a 1-based line and column counted in `unit` (an
    /// editor's cursor): the inverse of [`Source::position`]. A column past
    /// the line's end clamps to it (its line terminator excluded), a line
    /// past the end to the end of the text, and a column inside a character
    /// (half a UTF-16 surrogate pair) to that character's end.
    pub fn offset_at(&self, line: usize, column: usize, unit: ColumnUnit) -> usize {
        if line == 0 || line > self.line_count() {
            return if line == 0 { 0 } else { self.text.len() };
        }
        let range = self.line_range(line);
        let start = if line == 1 {
            range.start.max(self.bom_len()).min(range.end)
        } else {
            range.start
        };
        let mut counted = 1;
        for (i, c) in self.text[start..range.end].char_indices() {
            if counted >= column {
                return start + i;
            }
            counted += match unit {
                ColumnUnit::Bytes => c.len_utf8(),
                ColumnUnit::Utf16 => c.len_utf16(),
                ColumnUnit::Chars => 1,
            };
        }
        range.end
    }
}

/// The largest char boundary at or before `offset`.
fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Lines of `text` from byte `start`, each with its byte range (line
/// terminators, `\n`, `\r\n` or a lone `\r`, excluded): how front matter
/// and suppression comments are read line by line with exact offsets.
pub fn lines_from(text: &str, start: usize) -> impl Iterator<Item = (Range<usize>, &str)> {
    let mut offset = start;
    std::iter::from_fn(move || {
        if offset >= text.len() {
            return None;
        }
        let (end, next) = line_break(text, offset).unwrap_or((text.len(), text.len()));
        let range = offset..end;
        offset = next;
        Some((range.clone(), &text[range]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_from_excludes_terminators_and_keeps_a_last_unterminated_line() {
        let text = "---\r\ntitle: A\n\nend";
        let lines: Vec<_> = lines_from(text, 0).collect();
        assert_eq!(
            lines,
            vec![
                (0..3, "---"),
                (5..13, "title: A"),
                (14..14, ""),
                (15..18, "end")
            ]
        );
        assert_eq!(lines_from(text, 5).next(), Some((5..13, "title: A")));
    }

    fn pos(source: &Source, offset: usize) -> (usize, usize, usize, usize) {
        let p = source.position(offset);
        (p.line, p.column, p.column_utf16, p.column_byte)
    }

    #[test]
    fn ascii_lines_and_columns() {
        let s = Source::new("a.txt", "ab\ncd");
        assert_eq!(pos(&s, 0), (1, 1, 1, 1));
        assert_eq!(pos(&s, 2), (1, 3, 3, 3));
        assert_eq!(pos(&s, 3), (2, 1, 1, 1));
        assert_eq!(pos(&s, 5), (2, 3, 3, 3));
        assert_eq!(s.line_count(), 2);
    }

    #[test]
    fn multibyte_columns_in_each_unit() {
        // "é" is 2 bytes / 1 UTF-16 unit; "𝕏" is 4 bytes / 2 UTF-16 units.
        let s = Source::new("a.txt", "é𝕏x");
        assert_eq!(pos(&s, 2), (1, 2, 2, 3));
        assert_eq!(pos(&s, 6), (1, 3, 4, 7));
        assert_eq!(pos(&s, 7), (1, 4, 5, 8));
    }

    #[test]
    fn crlf_lines_report_the_same_columns() {
        let s = Source::new("a.txt", "one\r\ntwo\r\nthree");
        assert_eq!(pos(&s, 5), (2, 1, 1, 1));
        assert_eq!(pos(&s, 10), (3, 1, 1, 1));
        assert_eq!(s.line_range(1), 0..3);
        assert_eq!(s.line_range(2), 5..8);
        assert_eq!(s.line_range(3), 10..15);
    }

    #[test]
    fn bom_is_not_a_column() {
        let s = Source::new("a.txt", "\u{feff}Hi\nthere");
        assert_eq!(s.bom_len(), 3);
        assert_eq!(pos(&s, 3), (1, 1, 1, 1));
        assert_eq!(pos(&s, 4), (1, 2, 2, 2));
        assert_eq!(pos(&s, 0), (1, 1, 1, 1));
        assert_eq!(pos(&s, 1), (1, 1, 1, 1));
        assert_eq!(pos(&s, 6), (2, 1, 1, 1));
    }

    #[test]
    fn missing_final_newline_and_end_of_text() {
        let s = Source::new("a.txt", "last line");
        assert_eq!(pos(&s, 9), (1, 10, 10, 10));
        assert_eq!(pos(&s, 99), (1, 10, 10, 10));
        let t = Source::new("a.txt", "x\n");
        assert_eq!(t.line_count(), 2);
        assert_eq!(pos(&t, 2), (2, 1, 1, 1));
    }

    #[test]
    fn lone_cr_ends_a_line() {
        let s = Source::new("a.txt", "one\rtwo\r\nthree\r\rfour");
        assert_eq!(s.line_count(), 5);
        assert_eq!(pos(&s, 4), (2, 1, 1, 1));
        assert_eq!(pos(&s, 9), (3, 1, 1, 1));
        assert_eq!(pos(&s, 16), (5, 1, 1, 1));
        assert_eq!(s.line_range(1), 0..3);
        assert_eq!(s.line_range(2), 4..7);
        assert_eq!(s.line_range(4), 15..15);
        let lines: Vec<_> = lines_from(s.text(), 0).map(|(_, l)| l).collect();
        assert_eq!(lines, ["one", "two", "three", "", "four"]);
    }

    #[test]
    fn long_lines_agree_with_counting_from_the_line_start() {
        // Characters of 1 to 4 bytes, so checkpoints fall inside some.
        let line: String = "aé€𝕏 ".repeat(2000);
        let text = format!("\u{feff}{line}\n{line}\rshort");
        let s = Source::new("a.txt", text.as_str());
        for offset in (0..text.len()).step_by(97).chain([text.len()]) {
            let p = s.position(offset);
            let line_start = s.line_starts[p.line - 1].max(if p.line == 1 { 3 } else { 0 });
            let before = &text[line_start..floor_char_boundary(&text, offset).max(line_start)];
            assert_eq!(p.column, before.chars().count() + 1, "at {offset}");
            assert_eq!(
                p.column_utf16,
                before.encode_utf16().count() + 1,
                "at {offset}"
            );
            assert_eq!(p.column_byte, before.len() + 1, "at {offset}");
        }
    }

    #[test]
    fn a_position_counts_at_most_one_checkpoint_gap() {
        // The work of a position is the bytes counted after its starting
        // point: bounded, wherever the offset is on however long a line.
        let text = "é{{ x }} today. ".repeat(100_000);
        let s = Source::new("a.txt", text.as_str());
        for offset in (0..text.len()).step_by(101) {
            let end = floor_char_boundary(&text, offset);
            let from = s.count_from(0, end);
            assert!(end - from.offset <= CHECKPOINT_EVERY, "at {offset}");
        }
    }

    #[test]
    fn offset_inside_a_character_counts_that_character() {
        let s = Source::new("a.txt", "aé");
        assert_eq!(pos(&s, 2), (1, 2, 2, 2));
    }

    #[test]
    fn offsets_from_columns_in_each_unit_round_trip() {
        // A tab, "é" (2 bytes, 1 UTF-16 unit), "𝕏" (4 bytes, 2 units), CRLF, a BOM.
        let s = Source::new("a.txt", "\u{feff}\té𝕏x\r\nnext");
        for offset in [3, 4, 6, 10, 11, 13, 14, 17] {
            let p = s.position(offset);
            for unit in [ColumnUnit::Bytes, ColumnUnit::Utf16, ColumnUnit::Chars] {
                assert_eq!(
                    s.offset_at(p.line, p.column_in(unit), unit),
                    offset,
                    "{offset} {unit:?}"
                );
            }
        }
        // Past the line's end: its end, before the CRLF; past the text: its end.
        assert_eq!(s.offset_at(1, 99, ColumnUnit::Utf16), 11);
        assert_eq!(s.offset_at(7, 1, ColumnUnit::Chars), s.text().len());
        // Inside the surrogate pair of "𝕏": that character's end.
        assert_eq!(s.offset_at(1, 5, ColumnUnit::Utf16), 10);
    }

    #[test]
    fn decode_errors_name_the_byte() {
        let err = Source::from_bytes("x", b"ok\xffno".to_vec()).unwrap_err();
        assert_eq!(err, DecodeError::InvalidUtf8 { offset: 2 });
        assert!(err.to_string().contains("offset 2"));
        let err = Source::from_bytes("x", b"ab\0".to_vec()).unwrap_err();
        assert_eq!(err, DecodeError::Binary { offset: 2 });
    }

    #[test]
    fn utf16_is_named_with_how_to_convert_it() {
        let le: Vec<u8> = "Hi there"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "Hi there"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        let err = Source::from_bytes("x", le.clone()).unwrap_err();
        assert_eq!(err, DecodeError::Utf16 { big_endian: false });
        assert!(
            err.to_string().contains("iconv -f UTF-16LE -t UTF-8"),
            "{err}"
        );
        let err = Source::from_bytes("x", be).unwrap_err();
        assert_eq!(err, DecodeError::Utf16 { big_endian: true });
        let with_bom = [&[0xFF, 0xFE][..], &le].concat();
        assert_eq!(
            Source::from_bytes("x", with_bom).unwrap_err(),
            DecodeError::Utf16 { big_endian: false }
        );
        // Binary data with scattered NULs is still binary.
        let err = Source::from_bytes("x", b"ab\0cd".to_vec()).unwrap_err();
        assert!(matches!(err, DecodeError::Binary { offset: 2 }), "{err:?}");
        let err = Source::from_bytes("x", b"\x7fELF\x02\x01\x01\0\0\0".to_vec()).unwrap_err();
        assert!(matches!(err, DecodeError::Binary { .. }), "{err:?}");
    }
}
