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
    walk(text, |word| {
        out.push(word);
        true
    });
}

/// Whether some word of `text` satisfies `test`; the words after the
/// first that does are not read.
pub fn any(text: &str, mut test: impl FnMut(&str) -> bool) -> bool {
    let mut found = false;
    walk(text, |word| {
        found = test(word.text);
        !found
    });
    found
}

/// Calls `each` with the words of `text`, in order, until it returns
/// `false`. Letters and digits in ASCII, nearly all of a news text, are
/// read with one look at a table each; other characters are decoded.
#[inline]
fn walk<'t>(text: &'t str, mut each: impl FnMut(Word<'t>) -> bool) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        match ASCII_CLASS[usize::from(bytes[i])] {
            ALNUM => {}
            OTHER => {
                i += 1;
                continue;
            }
            _ => {
                let (alnum, _, len) = char_at(text, i);
                if !alnum {
                    i += len;
                    continue;
                }
            }
        }
        let start = i;
        // Past the word's letters and digits, and across a joiner that
        // has one after it.
        loop {
            while i < n && ASCII_CLASS[usize::from(bytes[i])] == ALNUM {
                i += 1;
            }
            if i >= n {
                break;
            }
            let (alnum, joiner, len) = char_at(text, i);
            if alnum || joiner && i + len < n && char_at(text, i + len).0 {
                i += len;
                continue;
            }
            break;
        }
        if !each(Word {
            text: &text[start..i],
            start,
        }) {
            return;
        }
    }
}

/// [`ASCII_CLASS`] of an ASCII letter or digit.
const ALNUM: u8 = 0;
/// [`ASCII_CLASS`] of an ASCII byte that neither is one nor joins words.
const OTHER: u8 = 1;
/// [`ASCII_CLASS`] of an ASCII joiner and of every byte past ASCII: the
/// character there must be looked at.
const LOOK: u8 = 2;

/// Each byte's class for [`split_into`].
static ASCII_CLASS: [u8; 256] = {
    let mut table = [LOOK; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphanumeric() {
            ALNUM
        } else if matches!(c, b'\'' | b'-' | b'.') {
            LOOK
        } else {
            OTHER
        };
        b += 1;
    }
    table
};

/// Whether the text between two words holds anything but white space.
pub fn punctuated(text: &str, before: &Word<'_>, after: &Word<'_>) -> bool {
    text[before.end()..after.start]
        .chars()
        .any(|c| !c.is_whitespace())
}

/// Whether a folded (lower-case) word looks like an `-ly` adverb
/// (`widely`, `reportedly`): parsers step over such words between a
/// subject and its verb.
pub fn is_ly_adverb(folded: &str) -> bool {
    folded.len() > 4 && folded.ends_with("ly")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain reading of a word, a character at a time: the reference.
    fn reference(text: &str) -> Vec<Word<'_>> {
        let mut out = Vec::new();
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut k = 0;
        while k < chars.len() {
            if !chars[k].1.is_alphanumeric() {
                k += 1;
                continue;
            }
            let start = chars[k].0;
            while k < chars.len()
                && (chars[k].1.is_alphanumeric()
                    || joins(chars[k].1)
                        && chars[k - 1].1.is_alphanumeric()
                        && chars.get(k + 1).is_some_and(|c| c.1.is_alphanumeric()))
            {
                k += 1;
            }
            let end = chars.get(k).map_or(text.len(), |c| c.0);
            out.push(Word {
                text: &text[start..end],
                start,
            });
        }
        out
    }

    #[test]
    fn random_texts_split_as_the_plain_reading_does() {
        let pieces = [
            "a", "Z", "9", "é", "Ж", "中", "'", "’", "-", "‑", ".", "..", " ", "\n", ",", "“", "_",
            "--", "U.S", "can't", "1.5", "x-", "-y",
        ];
        let mut rng = fastrand::Rng::with_seed(11);
        for _ in 0..5000 {
            let text = crate::engine::testing::random_text(&mut rng, &pieces, 16);
            assert_eq!(split(&text), reference(&text), "{text:?}");
        }
    }

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
