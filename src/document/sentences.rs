//! Sentence bounds inside a block of prose.
//!
//! Claim checks work sentence by sentence (is this figure attributed in its
//! sentence? is this sentence repeated?), so bounds must survive what news
//! copy is full of: "U.S.", "Mr.", "Jan. 5", "1.5%", initials ("J. K.
//! Rowling"), ellipses and closing quotes after the full stop.

use std::ops::Range;

/// Words that end with a full stop without ending the sentence (lowercase,
/// without the stop). A tokenizer detail, not a style rule.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "gov", "sen", "rep", "col",
    "lt", "capt", "sgt", "cmdr", "adm", "rev", "hon", "pres", "supt", "inc", "corp", "ltd", "co",
    "bros", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos", "fig",
    "approx", "est", "ave", "blvd", "rd", "dept", "univ", "assn", "vol", "op", "cf", "al", "ft",
    "mass", "calif", "conn", "fla", "ill", "md", "mich", "minn", "n.y", "pa", "tenn", "tex", "va",
    "wash", "wis", "d.c",
];

/// Characters that may close a sentence after its terminal mark.
const CLOSERS: &[char] = &['"', '”', '’', '\'', ')', ']', '»'];

/// Splits `text` into sentence ranges (byte offsets, whitespace trimmed).
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        // Take the whole run of marks and closers: "?!", "...", ".”)".
        let mut end = i + c.len_utf8();
        while let Some(&(j, n)) = chars.peek() {
            if matches!(n, '.' | '!' | '?' | '…') || CLOSERS.contains(&n) {
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
        if c == '.' && !at_end && is_abbreviation(&text[start..i]) {
            continue;
        }
        let next_start = text[end..]
            .char_indices()
            .find(|(_, ch)| !ch.is_whitespace())
            .map(|(k, ch)| (end + k, ch));
        if let Some((_, ch)) = next_start {
            if ch.is_lowercase() {
                continue;
            }
        }
        push_trimmed(&mut sentences, text, start..end);
        start = end;
    }
    push_trimmed(&mut sentences, text, start..text.len());
    sentences
}

fn push_trimmed(out: &mut Vec<Range<usize>>, text: &str, range: Range<usize>) {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if !trimmed.is_empty() {
        out.push(range.start + lead..range.start + lead + trimmed.len());
    }
}

/// Whether the word just before a full stop is an abbreviation or an initial.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    let mut letters = word.chars();
    let single_initial =
        matches!((letters.next(), letters.next()), (Some(c), None) if c.is_uppercase());
    single_initial || ABBREVIATIONS.contains(&lower.as_str())
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
    fn text_without_a_stop_is_one_sentence() {
        assert_eq!(texts("  no stop here  "), ["no stop here"]);
        assert!(split("   ").is_empty());
    }
}
