//! Quoted speech: the stretches of a text inside quotation marks.
//!
//! Quoted speech is someone else's words. A figure inside a quotation is
//! attributed to its speaker; a hedge inside one is the speaker's, not the
//! article's; a vague source inside one is the speaker's wording. Checks
//! ask whether a match lies inside a quotation with [`inside`].

use std::ops::Range;

/// The stretches of `text` inside quotation marks (“…”, "…", «…»). A quote
/// left open runs to the end of the text, as a quotation continued into the
/// next paragraph does.
pub fn quote_spans(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    // Every quotation mark starts with one of these bytes.
    for i in memchr::memchr3_iter(b'"', 0xE2, 0xC2, bytes) {
        let c = match &bytes[i..] {
            [b'"', ..] => '"',
            [0xE2, 0x80, 0x9C, ..] => '“',
            [0xE2, 0x80, 0x9D, ..] => '”',
            [0xE2, 0x80, 0x9E, ..] => '„',
            [0xC2, 0xAB, ..] => '«',
            [0xC2, 0xBB, ..] => '»',
            _ => continue,
        };
        match (c, open) {
            ('“' | '«' | '„', None) => open = Some(i + c.len_utf8()),
            ('”' | '»', Some(start)) => {
                spans.push(start..i);
                open = None;
            }
            ('"', None) => open = Some(i + 1),
            ('"', Some(start)) => {
                spans.push(start..i);
                open = None;
            }
            _ => {}
        }
    }
    if let Some(start) = open {
        spans.push(start..text.len());
    }
    spans
}

/// Whether `range` lies inside one of `spans` (in order, not
/// overlapping, as [`quote_spans`] gives them).
pub fn inside(spans: &[Range<usize>], range: &Range<usize>) -> bool {
    // Only the last span starting at or before `range` can hold it.
    let after = spans.partition_point(|s| s.start <= range.start);
    after > 0 && range.end <= spans[after - 1].end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_cover_their_text_and_run_on_when_open() {
        let text = "He said “up 5%” and \"down 2%\" then “more";
        let spans: Vec<&str> = quote_spans(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(spans, ["up 5%", "down 2%", "more"]);
    }
}
