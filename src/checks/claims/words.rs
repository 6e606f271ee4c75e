//! Words of a sentence with their byte ranges, for the token-level parsers
//! of the claim checks (vague sources, claim alignment).
//!
//! A word is a run of letters and digits, kept whole across an inner
//! apostrophe, hyphen or full stop ("Stanley's", "open-source", "U.S").
//! Whatever lies between two words (spaces, commas, quotes, dashes) is their
//! gap; parsers ask whether a gap holds punctuation.

use std::ops::Range;

/// One word of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'t> {
    /// The word as written.
    pub text: &'t str,
    /// Its byte offset in the text.
    pub start: usize,
}

impl Word<'_> {
    /// Byte range in the text.
    pub fn range(&self) -> Range<usize> {
        self.start..self.start + self.text.len()
    }

    /// Byte offset just past the word.
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }

    /// Whether the word starts with an upper-case letter.
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Whether the word ends in a possessive `'s`.
    pub fn is_possessive(&self) -> bool {
        self.text.ends_with("'s") || self.text.ends_with("’s")
    }

    /// Whether the word is made of digits and separators only.
    pub fn is_numeric(&self) -> bool {
        self.text.chars().next().is_some_and(|c| c.is_ascii_digit())
    }
}

fn joins(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | '‑')
}

/// The character at byte `i` of `text` (a character boundary): whether it
/// is alphanumeric, whether it joins words, and its length. ASCII is
/// answered without decoding.
#[inline]
fn char_at(text: &str, i: usize) -> (bool, bool, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        (
            b.is_ascii_alphanumeric(),
            matches!(b, b'\'' | b'-' | b'.'),
            1,
        )
    } else {
        let c = text[i..].chars().next().expect("a character boundary");
        (c.is_alphanumeric(), joins(c), c.len_utf8())
    }
}

/// The words of `text`, in order.
pub fn split(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    split_into(text, &mut out);
    out
}

/// Appends the words of `text` to `out`, in order.
pub fn split_into<'t>(text: &'t str, out: &mut Vec<Word<'t>>) {
    let n = text.len();
    let mut i = 0;
    while i < n {
        let (alnum, _, len) = char_at(text, i);
        if !alnum {
            i += len;
            continue;
        }
        let start = i;
        i += len;
        let mut end = i;
        while i < n {
            let (alnum, joiner, len) = char_at(text, i);
            if alnum {
                i += len;
                end = i;
            } else if joiner && i == end && i + len < n && char_at(text, i + len).0 {
                i += len;
            } else {
                break;
            }
        }
        out.push(Word {
            text: &text[start..end],
            start,
        });
        i = end.max(i);
    }
}

/// Whether the text between two words holds anything but white space.
pub fn punctuated(text: &str, before: &Word<'_>, after: &Word<'_>) -> bool {
    text[before.end()..after.start]
        .chars()
        .any(|c| !c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_inner_joiners_and_offsets() {
        let text = "Morgan Stanley's open-source U.S. plan, “said” 1.5%";
        let words: Vec<&str> = split(text).iter().map(|w| w.text).collect();
        assert_eq!(
            words,
            [
                "Morgan",
                "Stanley's",
                "open-source",
                "U.S",
                "plan",
                "said",
                "1.5"
            ]
        );
        let w = split(text);
        assert_eq!(&text[w[2].range()], "open-source");
        assert!(punctuated(text, &w[4], &w[5]));
        assert!(!punctuated(text, &w[0], &w[1]));
        assert!(w[1].is_possessive() && w[0].is_capitalized() && w[6].is_numeric());
    }
}
