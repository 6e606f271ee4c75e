//! The text of a block as checks read it, mapped back to exact source bytes.
//!
//! Checks match against clean prose: Markdown emphasis markers and HTML tags
//! removed, entities decoded, list markers stripped. Diagnostics must still
//! point at the exact bytes of the original file, so every block text carries
//! an offset map. Plain text is a borrowed slice with a fixed shift (free);
//! marked-up text is a list of pieces, each either copied verbatim from the
//! source (offsets map one to one) or produced from a source span of another
//! length (an entity, a soft break), which maps as a unit.

use std::borrow::Cow;
use std::ops::Range;

/// Clean block text plus the map from its offsets to source offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockText<'a> {
    text: Cow<'a, str>,
    map: OffsetMap,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum OffsetMap {
    /// `text[i]` is `source[start + i]`.
    Shifted(usize),
    /// Pieces sorted by text offset; piece `k` covers text up to piece `k + 1`.
    Pieces(Vec<Piece>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Piece {
    /// Where the piece starts in the block text.
    text_start: usize,
    /// The source bytes it came from.
    source: Range<usize>,
    /// Whether the text equals the source bytes (so inner offsets map 1:1).
    verbatim: bool,
}

impl<'a> BlockText<'a> {
    /// A slice of the source used as is, starting at byte `start` of the source.
    pub fn borrowed(text: &'a str, start: usize) -> BlockText<'a> {
        BlockText {
            text: Cow::Borrowed(text),
            map: OffsetMap::Shifted(start),
        }
    }

    /// The text checks read.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Maps one offset of the block text to a source offset. `end` says whether
    /// the offset closes a range (then a unit piece maps to its source end).
    fn source_offset(&self, offset: usize, end: bool) -> usize {
        match &self.map {
            OffsetMap::Shifted(start) => start + offset,
            OffsetMap::Pieces(pieces) => {
                // For an end offset, the piece that holds the last byte before it.
                let probe = if end {
                    offset.saturating_sub(1)
                } else {
                    offset
                };
                let index = pieces
                    .partition_point(|p| p.text_start <= probe)
                    .saturating_sub(1);
                let Some(piece) = pieces.get(index) else {
                    return 0;
                };
                if piece.verbatim {
                    (piece.source.start + offset - piece.text_start).min(piece.source.end)
                } else if end && offset > piece.text_start {
                    piece.source.end
                } else {
                    piece.source.start
                }
            }
        }
    }

    /// Maps a byte range of the block text to the source bytes it came from.
    pub fn source_range(&self, range: Range<usize>) -> Range<usize> {
        let start = self.source_offset(range.start, false);
        if range.is_empty() {
            return start..start;
        }
        start..self.source_offset(range.end, true).max(start)
    }
}

/// Builds a [`BlockText`] piece by piece while a parser walks marked-up source.
#[derive(Debug, Default)]
pub struct TextBuilder {
    text: String,
    pieces: Vec<Piece>,
}

impl TextBuilder {
    /// An empty builder.
    pub fn new() -> TextBuilder {
        TextBuilder::default()
    }

    /// Whether nothing has been pushed yet.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The text built so far.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Appends text copied verbatim from the source at byte `source_start`.
    pub fn push_verbatim(&mut self, text: &str, source_start: usize) {
        if text.is_empty() {
            return;
        }
        let source = source_start..source_start + text.len();
        if let Some(last) = self.pieces.last_mut() {
            if last.verbatim && last.source.end == source.start {
                last.source.end = source.end;
                self.text.push_str(text);
                return;
            }
        }
        self.push_piece(text, source, true);
    }

    /// Appends text that stands for the source bytes `source` (an entity, a
    /// decoded escape, a line break); offsets inside it map to the whole span.
    pub fn push_mapped(&mut self, text: &str, source: Range<usize>) {
        if text.is_empty() {
            return;
        }
        self.push_piece(text, source, false);
    }

    /// Appends text for a source span, verbatim when the span holds exactly
    /// that text and as a unit otherwise.
    pub fn push(&mut self, text: &str, source_text: &str, source: Range<usize>) {
        if source_text.get(source.clone()) == Some(text) {
            self.push_verbatim(text, source.start);
        } else {
            self.push_mapped(text, source);
        }
    }

    fn push_piece(&mut self, text: &str, source: Range<usize>, verbatim: bool) {
        self.pieces.push(Piece {
            text_start: self.text.len(),
            source,
            verbatim,
        });
        self.text.push_str(text);
    }

    /// Removes trailing whitespace (and the pieces that held only that).
    pub fn trim_end(&mut self) {
        let keep = self.text.trim_end().len();
        self.text.truncate(keep);
        while self.pieces.last().is_some_and(|p| p.text_start >= keep) {
            self.pieces.pop();
        }
        if let Some(last) = self.pieces.last_mut() {
            if last.verbatim {
                let len = keep - last.text_start;
                last.source.end = last.source.start + len;
            }
        }
    }

    /// Finishes the text; returns `None` when it holds no visible characters.
    pub fn finish<'a>(mut self) -> Option<BlockText<'a>> {
        self.trim_end();
        if self.text.trim_start().is_empty() {
            return None;
        }
        Some(BlockText {
            text: Cow::Owned(self.text),
            map: OffsetMap::Pieces(self.pieces),
        })
    }

    /// Source bytes covered by the pieces pushed so far.
    pub fn source_span(&self) -> Option<Range<usize>> {
        let start = self.pieces.iter().map(|p| p.source.start).min()?;
        let end = self.pieces.iter().map(|p| p.source.end).max()?;
        Some(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borrowed_text_shifts_offsets() {
        let t = BlockText::borrowed("hello", 10);
        assert_eq!(t.source_range(1..3), 11..13);
    }

    #[test]
    fn entities_map_as_units_and_verbatim_text_maps_exactly() {
        // source: "a &amp; b" -> text "a & b"
        let src = "a &amp; b";
        let mut b = TextBuilder::new();
        b.push_verbatim("a ", 0);
        b.push_mapped("&", 2..7);
        b.push_verbatim(" b", 7);
        let t = b.finish().unwrap();
        assert_eq!(t.as_str(), "a & b");
        assert_eq!(t.source_range(0..1), 0..1);
        assert_eq!(t.source_range(2..3), 2..7);
        assert_eq!(&src[t.source_range(2..5)], "&amp; b");
        assert_eq!(&src[t.source_range(4..5)], "b");
        assert_eq!(t.source_range(3..3), 7..7);
    }

    #[test]
    fn adjacent_verbatim_pieces_merge_and_trim() {
        let mut b = TextBuilder::new();
        b.push_verbatim("ab", 5);
        b.push_verbatim("cd  ", 7);
        let t = b.finish().unwrap();
        assert_eq!(t.as_str(), "abcd");
        assert_eq!(t.source_range(1..4), 6..9);
    }

    #[test]
    fn push_detects_verbatim_text() {
        let src = "x\\*y";
        let mut b = TextBuilder::new();
        b.push("x", src, 0..1);
        b.push("*", src, 1..3);
        b.push("y", src, 3..4);
        let t = b.finish().unwrap();
        assert_eq!(t.as_str(), "x*y");
        assert_eq!(t.source_range(1..2), 1..3);
        assert_eq!(t.source_range(0..3), 0..4);
    }

    #[test]
    fn blank_text_is_no_block() {
        let mut b = TextBuilder::new();
        b.push_verbatim("   ", 0);
        assert!(b.finish().is_none());
    }
}
