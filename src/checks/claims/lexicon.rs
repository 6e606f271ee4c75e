//! Word lists from rule files, compiled for matching inside block text.
//!
//! Claim checks look up many lists per sentence (attribution cues, hedges,
//! vague-source nouns). A [`Lexicon`] compiles a whole list into one regex
//! (phrases written the way `pattern` rules write them: case-insensitive,
//! whole words, any whitespace between words, either apostrophe), so a block
//! is scanned once per list whatever its length. A [`WordSet`] answers "is
//! this single word in the list" for token-level parsers.

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;

use regex::Regex;

use crate::checks::matcher::Matcher;

/// A list of phrases (and optional raw regexes) compiled into one scan.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Every phrase, longest first, as one alternation; matches are checked
    /// for Unicode word boundaries afterwards.
    phrases: Option<Regex>,
    /// Raw regexes used as written (no boundary checks).
    regexes: Option<Regex>,
}

impl Lexicon {
    /// Compiles phrases and raw regexes; an error names the offending entry.
    pub fn new(phrases: &[String], regexes: &[String]) -> Result<Lexicon, String> {
        let mut sorted: Vec<&String> = phrases.iter().collect();
        sorted.sort_by_key(|p| std::cmp::Reverse(p.len()));
        let mut parts = Vec::with_capacity(sorted.len());
        for phrase in sorted {
            if phrase.trim().is_empty() {
                return Err("empty phrase in a word list".to_string());
            }
            let matcher = Matcher::phrase(phrase)
                .map_err(|e| format!("phrase `{phrase}` does not compile: {e}"))?;
            parts.push(format!("(?:{})", matcher.pattern()));
        }
        for regex in regexes {
            let compiled =
                Regex::new(regex).map_err(|e| format!("invalid regex `{regex}`:\n{e}"))?;
            if compiled.is_match("") {
                return Err(format!("regex `{regex}` matches the empty string"));
            }
        }
        let join = |parts: Vec<String>| -> Result<Option<Regex>, String> {
            if parts.is_empty() {
                return Ok(None);
            }
            Regex::new(&parts.join("|"))
                .map(Some)
                .map_err(|e| format!("word list does not compile: {e}"))
        };
        Ok(Lexicon {
            phrases: join(parts)?,
            regexes: join(regexes.iter().map(|r| format!("(?:{r})")).collect())?,
        })
    }

    /// Byte ranges of every match in `text`, in order, not overlapping.
    pub fn find_all(&self, text: &str) -> Vec<Range<usize>> {
        let mut found = Vec::new();
        if let Some(regex) = &self.phrases {
            let mut at = 0;
            while at <= text.len() {
                let Some(m) = regex.find_at(text, at) else {
                    break;
                };
                if !m.range().is_empty() && whole_words(text, m.range()) {
                    found.push(m.range());
                    at = m.end();
                } else {
                    at = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
                }
            }
        }
        if let Some(regex) = &self.regexes {
            found.extend(regex.find_iter(text).map(|m| m.range()));
            found.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
            let mut kept: Vec<Range<usize>> = Vec::with_capacity(found.len());
            for range in found {
                if kept.last().is_none_or(|k| range.start >= k.end) {
                    kept.push(range);
                }
            }
            return kept;
        }
        found
    }

    /// Whether the list matches anywhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        !self.find_all(text).is_empty()
    }
}

/// Whether a match that starts (ends) with a word character is not glued to
/// another word character before (after) it.
fn whole_words(text: &str, range: Range<usize>) -> bool {
    let matched = &text[range.clone()];
    let starts_word = matched.chars().next().is_some_and(is_word_char);
    let ends_word = matched.chars().next_back().is_some_and(is_word_char);
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    !(starts_word && before.is_some_and(is_word_char)
        || ends_word && after.is_some_and(is_word_char))
}

/// Letters, digits and `_`: what counts as part of a word.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// A set of single words, compared in lower case with curly apostrophes
/// made straight.
#[derive(Debug, Clone, Default)]
pub struct WordSet(HashSet<String>);

impl WordSet {
    /// Builds the set from a rule file's list.
    pub fn new(words: &[String]) -> WordSet {
        WordSet(words.iter().map(|w| fold(w)).collect())
    }

    /// Whether `word` (any case) is in the set.
    pub fn contains(&self, word: &str) -> bool {
        self.0.contains(fold_cow(word).as_ref())
    }
}

/// [`fold`] without an allocation for words already in folded form (most
/// words of running prose).
pub fn fold_cow(word: &str) -> Cow<'_, str> {
    let folded_already = word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase() && !b.is_ascii_whitespace());
    if folded_already {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(fold(word))
    }
}

/// Lower case, straight apostrophes: the form words are compared in.
pub fn fold(word: &str) -> String {
    word.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| {
            if matches!(c, '’' | '‘' | 'ʼ') {
                '\''
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn phrases_match_whole_words_longest_first() {
        let lex = Lexicon::new(&strings(&["said", "according to", "per"]), &[]).unwrap();
        let text = "According  to them, sales per cent... unsaid; she said";
        let hits: Vec<&str> = lex.find_all(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(hits, ["According  to", "per", "said"]);
    }

    #[test]
    fn raw_regexes_join_the_scan() {
        let lex = Lexicon::new(&strings(&["said"]), &strings(&[r"per\s+\p{Lu}"])).unwrap();
        let text = "per The Times, he said";
        let hits: Vec<&str> = lex.find_all(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(hits, ["per T", "said"]);
        assert!(Lexicon::new(&[], &strings(&["x*"])).is_err());
    }

    #[test]
    fn word_sets_fold_case_and_apostrophes() {
        let set = WordSet::new(&strings(&["Don't", "analysts"]));
        assert!(set.contains("don’t"));
        assert!(set.contains("ANALYSTS"));
        assert!(!set.contains("analyst"));
    }
}
