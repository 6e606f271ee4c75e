//! Our byte ranges as LSP positions and back, in the encoding the client
//! negotiated, and our findings as LSP diagnostics.
//!
//! LSP positions are 0-based lines and columns counted in UTF-16 code units
//! unless client and server agree on UTF-8 or UTF-32. The counting itself
//! is [`Source`]'s (one tested place); this module only shifts to 0-based
//! and picks the unit.

use std::path::{Path, PathBuf};

use lsp_types::{
    DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Position,
    PositionEncodingKind, Range, Uri,
};

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{ColumnUnit, Source};

/// The position encoding of a session: what columns count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Encoding(pub ColumnUnit);

impl Encoding {
    /// Picks from the encodings a client offers: UTF-8 (our own unit, no
    /// counting at all), else UTF-32, else the protocol's default UTF-16.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        let offered = offered.unwrap_or_default();
        if offered.contains(&PositionEncodingKind::UTF8) {
            Encoding(ColumnUnit::Bytes)
        } else if offered.contains(&PositionEncodingKind::UTF32) {
            Encoding(ColumnUnit::Chars)
        } else {
            Encoding(ColumnUnit::Utf16)
        }
    }

    /// The name the server announces.
    pub fn kind(self) -> PositionEncodingKind {
        match self.0 {
            ColumnUnit::Bytes => PositionEncodingKind::UTF8,
            ColumnUnit::Utf16 => PositionEncodingKind::UTF16,
            ColumnUnit::Chars => PositionEncodingKind::UTF32,
        }
    }

    /// The LSP position of a byte offset.
    pub fn position(self, source: &Source, offset: usize) -> Position {
        let p = source.position(offset);
        Position::new(to_u32(p.line - 1), to_u32(p.column_in(self.0) - 1))
    }

    /// The LSP range of a byte range.
    pub fn range(self, source: &Source, range: &std::ops::Range<usize>) -> Range {
        Range::new(
            self.position(source, range.start),
            self.position(source, range.end),
        )
    }

    /// The byte offset of an LSP position (clamped to the text).
    pub fn offset(self, source: &Source, position: Position) -> usize {
        source.offset_at(
            position.line as usize + 1,
            position.character as usize + 1,
            self.0,
        )
    }

    /// The byte range of an LSP range.
    pub fn byte_range(self, source: &Source, range: Range) -> std::ops::Range<usize> {
        let start = self.offset(source, range.start);
        start..self.offset(source, range.end).max(start)
    }

    /// A finding as an LSP diagnostic; its labels are related information.
    pub fn diagnostic(self, source: &Source, uri: &Uri, d: &Diagnostic) -> lsp_types::Diagnostic {
        lsp_types::Diagnostic {
            range: self.range(source, &d.range),
            severity: Some(match d.severity {
                Severity::Error => DiagnosticSeverity::ERROR,
                Severity::Warning => DiagnosticSeverity::WARNING,
                Severity::Info => DiagnosticSeverity::INFORMATION,
            }),
            code: Some(NumberOrString::String(d.rule.to_string())),
            source: Some("newslint".into()),
            message: match &d.help {
                Some(help) => format!("{}\nhelp: {help}", d.message),
                None => d.message.clone(),
            },
            related_information: (!d.labels.is_empty()).then(|| {
                d.labels
                    .iter()
                    .map(|l| DiagnosticRelatedInformation {
                        location: Location::new(uri.clone(), self.range(source, &l.range)),
                        message: l.message.clone(),
                    })
                    .collect()
            }),
            ..Default::default()
        }
    }
}

/// LSP numbers are `u32`; an article is far smaller.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The file a `file:` URI names (percent-decoded), if it names one.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    if !uri
        .scheme()
        .is_some_and(|s| s.as_str().eq_ignore_ascii_case("file"))
    {
        return None;
    }
    let encoded = uri.path().as_str().as_bytes();
    let mut bytes = Vec::with_capacity(encoded.len());
    let mut i = 0;
    while i < encoded.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (encoded[i], encoded.get(i + 1), encoded.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                bytes.push((hex(h)? * 16 + hex(l)?) as u8);
                i += 3;
            }
            (b, _, _) => {
                bytes.push(b);
                i += 1;
            }
        }
    }
    let path = String::from_utf8(bytes).ok()?;
    // `file:///C:/x` on Windows: the path has a slash before the drive.
    let path = match path.as_bytes() {
        [b'/', drive, b':', ..] if cfg!(windows) && drive.is_ascii_alphabetic() => &path[1..],
        _ => &path,
    };
    Some(Path::new(path).to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_negotiated_in_order_of_preference() {
        let utf = |names: &[&'static str]| {
            let kinds: Vec<_> = names
                .iter()
                .map(|n| PositionEncodingKind::from(*n))
                .collect();
            Encoding::negotiate(Some(&kinds)).kind()
        };
        assert_eq!(
            utf(&["utf-16", "utf-32", "utf-8"]),
            PositionEncodingKind::UTF8
        );
        assert_eq!(utf(&["utf-32", "utf-16"]), PositionEncodingKind::UTF32);
        assert_eq!(utf(&["utf-16"]), PositionEncodingKind::UTF16);
        assert_eq!(
            Encoding::negotiate(None).kind(),
            PositionEncodingKind::UTF16
        );
    }

    #[test]
    fn positions_count_in_the_negotiated_unit() {
        // A tab and "𝕏" (4 bytes, 2 UTF-16 units, 1 character) before "word".
        let source = Source::new("a.txt", "x\n\t𝕏 word\n");
        let at = source.text().find("word").unwrap();
        let column = |unit| Encoding(unit).position(&source, at).character;
        assert_eq!(column(ColumnUnit::Bytes), 6);
        assert_eq!(column(ColumnUnit::Utf16), 4);
        assert_eq!(column(ColumnUnit::Chars), 3);
        for unit in [ColumnUnit::Bytes, ColumnUnit::Utf16, ColumnUnit::Chars] {
            let e = Encoding(unit);
            assert_eq!(e.offset(&source, e.position(&source, at)), at);
        }
    }

    #[test]
    fn file_uris_become_paths() {
        let uri: Uri = "file:///srv/news/caf%C3%A9%20a.md".parse().unwrap();
        assert_eq!(
            uri_to_path(&uri),
            Some(PathBuf::from("/srv/news/café a.md"))
        );
        let untitled: Uri = "untitled:Untitled-1".parse().unwrap();
        assert_eq!(uri_to_path(&untitled), None);
    }
}
