//! Sentence bounds inside a block of prose.
//!
//! Claim checks work sentence by sentence (is this figure attributed in its
//! sentence? is this sentence repeated?), so bounds must survive what news
//! copy is full of: "U.S.", "Mr.", "Jan. 5", "1.5%", initials ("J. K.
//! Rowling"), ellipses and closing quotes after the full stop.

use std::ops::Range;
use std::sync::LazyLock;

use crate::language::{ABBREVIATIONS, LONGEST_ABBREVIATION};

/// Characters that may close a sentence after its terminal mark.
const CLOSERS: &[char] = &['"', '”', '’', '\'', ')', ']', '»'];

/// The ellipsis character, a terminal mark outside ASCII.
const ELLIPSIS: &str = "…";

/// The substring searcher for [`ELLIPSIS`], built once.
static ELLIPSIS_FINDER: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new(ELLIPSIS.as_bytes()));

/// Where the terminal marks of a text are: `.`, `!` and `?` found with
/// memchr, `…` with a substring search; the last result of each is kept
/// until passed, so the text is read once whatever the mix (a text of
/// `…` only no longer makes each step search to the end for a `.`).
struct Marks<'t> {
    bytes: &'t [u8],
    /// The next `.`, `!` or `?` at or after the last search position, if searched.
    next_ascii: Option<Option<usize>>,
    /// The next `…` at or after the last search position, if searched.
    next_ellipsis: Option<Option<usize>>,
}

impl<'t> Marks<'t> {
    fn new(text: &'t str) -> Marks<'t> {
        Marks {
            bytes: text.as_bytes(),
            next_ascii: None,
            next_ellipsis: None,
        }
    }

    /// Offset of the first terminal mark at or after `from`.
    fn next(&mut self, from: usize) -> Option<usize> {
        let rest = self.bytes.get(from..)?;
        if self.next_ascii.is_none_or(|a| a.is_some_and(|a| a < from)) {
            self.next_ascii = Some(memchr::memchr3(b'.', b'!', b'?', rest).map(|i| from + i));
        }
        let ascii = self.next_ascii.flatten();
        if self
            .next_ellipsis
            .is_none_or(|e| e.is_some_and(|e| e < from))
        {
            self.next_ellipsis = Some(ELLIPSIS_FINDER.find(rest).map(|i| from + i));
        }
        match (ascii, self.next_ellipsis.flatten()) {
            (Some(a), Some(e)) => Some(a.min(e)),
            (a, e) => a.or(e),
        }
    }
}

fn is_mark(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Splits `text` into sentence ranges (byte offsets, whitespace trimmed).
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut sentences = Vec::new();
    split_into(text, &mut sentences);
    sentences
}

/// Appends the sentence ranges of `text` to `sentences` (see [`split`]).
pub fn split_into(text: &str, sentences: &mut Vec<Range<usize>>) {
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut marks = Marks::new(text);
    let mut from = 0;
    while let Some(i) = marks.next(from) {
        let c = text[i..].chars().next().expect("a mark at a boundary");
        // Take the whole run of marks and closers: "?!", "...", ".”)".
        let mut end = i + c.len_utf8();
        for n in text[end..].chars() {
            if !is_mark(n) && !CLOSERS.contains(&n) {
                break;
            }
            end += n.len_utf8();
        }
        from = end;
        let at_end = end == text.len();
        let followed_by_space = bytes.get(end).is_some_and(|b| b.is_ascii_whitespace());
        if !(at_end || followed_by_space) {
            continue;
        }
        if c == '.' && !at_end && is_abbreviation(&text[start..i]) {
            continue;
        }
        let next = text[end..].chars().find(|ch| !ch.is_whitespace());
        if next.is_some_and(char::is_lowercase) {
            continue;
        }
        push_trimmed(sentences, text, start..end);
        start = end;
    }
    push_trimmed(sentences, text, start..text.len());
}

/// Pushes `range` without the whitespace at its ends, unless nothing is left.
fn push_trimmed(out: &mut Vec<Range<usize>>, text: &str, range: Range<usize>) {
    let slice = &text.as_bytes()[range.clone()];
    // ASCII spaces first (the usual case), the rest of Unicode's after.
    let lead = slice.iter().take_while(|b| b.is_ascii_whitespace()).count();
    let tail = slice[lead..]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_whitespace())
        .count();
    let (start, end) = (range.start + lead, range.end - tail);
    let inner = &text[start..end];
    let trimmed = inner.trim_start();
    let start = start + (inner.len() - trimmed.len());
    let trimmed = trimmed.trim_end();
    if !trimmed.is_empty() {
        out.push(start..start + trimmed.len());
    }
}

/// Whether the word just before a full stop is an abbreviation or an initial.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    let mut letters = word.chars();
    let single_initial =
        matches!((letters.next(), letters.next()), (Some(c), None) if c.is_uppercase());
    if single_initial {
        return true;
    }
    if word.is_ascii() {
        if word.len() > LONGEST_ABBREVIATION {
            return false;
        }
        let mut lower = [0u8; LONGEST_ABBREVIATION];
        let lower = &mut lower[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        let lower = std::str::from_utf8(lower).expect("ASCII");
        return ABBREVIATIONS.binary_search(&lower).is_ok();
    }
    // Outside ASCII, lowercasing can change a word's length (the Kelvin
    // sign becomes `k`).
    ABBREVIATIONS
        .binary_search(&word.to_lowercase().as_str())
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_on_terminal_marks() {
        assert_eq!(
            texts("It rose. Then it fell! Why? Nobody knows."),
            ["It rose.", "Then it fell!", "Why?", "Nobody knows."]
        );
    }

    #[test]
    fn survives_abbreviations_initials_and_decimals() {
        assert_eq!(
            texts("The U.S. economy grew 1.5% on Jan. 5 as Mr. Smith said. J. K. Rowling agreed."),
            [
                "The U.S. economy grew 1.5% on Jan. 5 as Mr. Smith said.",
                "J. K. Rowling agreed."
            ]
        );
    }

    #[test]
    fn keeps_closing_quotes_with_the_sentence() {
        assert_eq!(
            texts("He said, “It is over.” She left... Then “what?” he asked."),
            [
                "He said, “It is over.”",
                "She left...",
                "Then “what?” he asked."
            ]
        );
    }

    #[test]
    fn abbreviations_are_sorted_and_short() {
        assert!(ABBREVIATIONS.windows(2).all(|w| w[0] < w[1]));
        assert!(ABBREVIATIONS
            .iter()
            .all(|a| a.len() <= LONGEST_ABBREVIATION));
        assert!(is_abbreviation("the U.S"));
        assert!(is_abbreviation("(Sept"));
        assert!(is_abbreviation("the U.\u{212a}"));
        assert!(!is_abbreviation("the mister"));
    }

    #[test]
    fn ellipses_and_marks_mix_in_any_order() {
        assert_eq!(
            texts("Wait… What? Yes. Then… no! Done…"),
            ["Wait…", "What?", "Yes.", "Then… no!", "Done…"]
        );
    }

    #[test]
    fn text_without_a_stop_is_one_sentence() {
        assert_eq!(texts("  no stop here  "), ["no stop here"]);
        assert!(split("   ").is_empty());
    }

    /// The splitter as first written, a character at a time: a reference.
    fn reference(text: &str) -> Vec<Range<usize>> {
        let mut sentences = Vec::new();
        let mut start = 0;
        let bytes = text.as_bytes();
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if !is_mark(c) {
                continue;
            }
            let mut end = i + c.len_utf8();
            while let Some(&(j, n)) = chars.peek() {
                if is_mark(n) || CLOSERS.contains(&n) {
                    end = j + n.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let at_end = end == text.len();
            let followed_by_space = bytes.get(end).is_some_and(|b| b.is_ascii_whitespace());
            if !(at_end || followed_by_space) {
                continue;
            }
            if c == '.' && !at_end {
                let word = text[start..i]
                    .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
                    .next()
                    .unwrap_or("");
                let mut letters = word.chars();
                let initial =
                    matches!((letters.next(), letters.next()), (Some(c), None) if c.is_uppercase());
                if initial || ABBREVIATIONS.contains(&word.to_lowercase().as_str()) {
                    continue;
                }
            }
            let next = text[end..].chars().find(|ch| !ch.is_whitespace());
            if next.is_some_and(char::is_lowercase) {
                continue;
            }
            push_trimmed(&mut sentences, text, start..end);
            start = end;
        }
        push_trimmed(&mut sentences, text, start..text.len());
        sentences
    }

    #[test]
    fn random_texts_split_like_the_reference() {
        const PIECES: &[&str] = &[
            "It", "rose", "U.S", "Mr", "J", "jan", "5", "1.5", " ", "  ", "\n", ".", "!", "?", "…",
            "...", "”", "’", ")", "(", "\"", "“", "é", "Ünd", "the", "\u{212a}", "e.g", "\u{a0}",
            "\u{2003}",
        ];
        let mut rng = fastrand::Rng::with_seed(11);
        for _ in 0..5000 {
            let text = crate::engine::testing::random_text(&mut rng, PIECES, 30);
            assert_eq!(split(&text), reference(&text), "{text:?}");
        }
    }
}
