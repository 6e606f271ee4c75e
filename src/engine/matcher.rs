//! One phrase or regex of a rule, compiled for matching inside block text.
//!
//! Phrases are what rule authors write most ("as an AI language model"), and
//! what they mean is not what a naive regex does: case-insensitive, whole
//! words at both ends, any run of whitespace or a line break between words,
//! straight and curly apostrophes alike. A phrase compiles to a regex with
//! ASCII word boundaries (which keep the regex engine on its fast DFA path
//! over non-ASCII text) and a Unicode boundary check in code afterwards.
//!
//! Patterns are validated when a rule loads but compiled on first use: the
//! one-pass prefilter (see `literals`) means most of a pack's regexes never
//! run on a given article, and compiling hundreds of them up front would cost
//! a pre-publish hook more than linting the article does.

use std::ops::Range;
use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};
use regex_syntax::hir::Look;

use super::chars::{is_word_char, APOSTROPHES, QUOTES};
use super::literals::{self, Literal};

/// Compiled-size limit for one pattern; rule patterns stay far below it.
const REGEX_SIZE_LIMIT: usize = 256 << 20;

/// Nested repetition counts (`x{0,300}`, `(x{0,20}){0,20}`) above which a
/// pattern is compiled when it loads rather than on first use: only such a
/// pattern can pass validation and still exceed [`REGEX_SIZE_LIMIT`], and
/// that must be a load error, not a rule that silently never matches.
const EAGER_REPETITION: u32 = 200;

/// A validated phrase or regex, compiled on first use.
#[derive(Debug, Clone)]
pub struct Matcher {
    /// The regex source.
    pattern: String,
    /// The compiled regex (`None` if it exceeded the size limit, which
    /// validated rule patterns do not).
    regex: OnceLock<Option<Regex>>,
    /// Sets of literals of which every match contains a member of each, for
    /// the prefilter; empty when there is none.
    literals: Vec<Vec<Literal>>,
    /// Whether the pattern can match an empty string.
    matches_empty: bool,
    /// Whether every match starts at the start of the text (`^` without
    /// multi-line mode): such a pattern is decided by the text's opening.
    anchored_at_start: bool,
    /// Whether a match must not touch a letter or digit before it.
    bounded_start: bool,
    /// Whether a match must not touch a letter or digit after it.
    bounded_end: bool,
}

impl Matcher {
    /// Compiles a literal phrase.
    pub fn phrase(phrase: &str) -> Result<Matcher, regex::Error> {
        let words: Vec<String> = phrase.split_whitespace().map(escape_word).collect();
        let first = phrase.trim_start().chars().next();
        let last = phrase.trim_end().chars().next_back();
        let bounded_start = first.is_some_and(char::is_alphanumeric);
        let bounded_end = last.is_some_and(char::is_alphanumeric);
        let ascii_boundary =
            |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
        let mut pattern = String::from("(?i)");
        if ascii_boundary(first) {
            pattern.push_str("(?-u:\\b)");
        }
        pattern.push_str(&words.join(r"\s+"));
        if ascii_boundary(last) {
            pattern.push_str("(?-u:\\b)");
        }
        Matcher::new(pattern, bounded_start, bounded_end)
    }

    /// Validates a regular expression, used as written.
    pub fn regex(pattern: &str) -> Result<Matcher, regex::Error> {
        Matcher::new(pattern.to_string(), false, false)
    }

    fn new(
        pattern: String,
        bounded_start: bool,
        bounded_end: bool,
    ) -> Result<Matcher, regex::Error> {
        let hir = regex_syntax::Parser::new()
            .parse(&pattern)
            .map_err(|e| regex::Error::Syntax(e.to_string()))?;
        let regex = OnceLock::new();
        if repetition(&hir) > EAGER_REPETITION {
            let compiled = RegexBuilder::new(&pattern)
                .size_limit(REGEX_SIZE_LIMIT)
                .build()?;
            let _ = regex.set(Some(compiled));
        }
        Ok(Matcher {
            literals: literals::required(&hir),
            matches_empty: hir.properties().minimum_len() == Some(0),
            anchored_at_start: hir.properties().look_set_prefix().contains(Look::Start),
            pattern,
            regex,
            bounded_start,
            bounded_end,
        })
    }

    /// The regex source this matcher runs.
    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    /// Sets of literals of which every match contains a member of each;
    /// empty when the pattern has no selective literal.
    pub fn literals(&self) -> &[Vec<Literal>] {
        &self.literals
    }

    fn compiled(&self) -> Option<&Regex> {
        self.regex
            .get_or_init(|| {
                RegexBuilder::new(&self.pattern)
                    .size_limit(REGEX_SIZE_LIMIT)
                    .build()
                    .ok()
            })
            .as_ref()
    }

    /// Whether every match starts at the start of the text (the pattern
    /// begins with `^` outside multi-line mode).
    pub fn anchored_at_start(&self) -> bool {
        self.anchored_at_start
    }

    /// Whether the regex can match the empty string (a rule bug: empty
    /// matches are never reported, so such a pattern is a mistake).
    pub fn matches_empty(&self) -> bool {
        self.matches_empty
    }

    /// Byte ranges of every non-overlapping match in `text`.
    pub fn find_all(&self, text: &str) -> Vec<Range<usize>> {
        let mut found = Vec::new();
        let Some(regex) = self.compiled() else {
            return found;
        };
        let mut at = 0;
        while at <= text.len() {
            let Some(m) = regex.find_at(text, at) else {
                break;
            };
            if self.boundaries_hold(text, m.range()) && !m.range().is_empty() {
                found.push(m.range());
                at = m.end();
            } else {
                // Retry one character later: a valid match may start inside.
                at = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
            }
        }
        found
    }

    fn boundaries_hold(&self, text: &str, range: Range<usize>) -> bool {
        let before_ok = !self.bounded_start
            || !text[..range.start]
                .chars()
                .next_back()
                .is_some_and(is_word_char);
        let after_ok =
            !self.bounded_end || !text[range.end..].chars().next().is_some_and(is_word_char);
        before_ok && after_ok
    }
}

/// The largest product of nested repetition counts in `hir` (an unbounded
/// repetition counts its minimum): how many copies of its innermost part a
/// compiled pattern may hold.
fn repetition(hir: &regex_syntax::hir::Hir) -> u32 {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Repetition(r) => r
            .max
            .unwrap_or(r.min)
            .max(1)
            .saturating_mul(repetition(&r.sub)),
        HirKind::Capture(c) => repetition(&c.sub),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => {
            parts.iter().map(repetition).max().unwrap_or(1)
        }
        _ => 1,
    }
}

/// Escapes one word of a phrase, widening quotes and apostrophes.
fn escape_word(word: &str) -> String {
    let mut out = String::new();
    for c in word.chars() {
        if APOSTROPHES.contains(c) {
            out.push_str("['’‘ʼ]");
        } else if QUOTES.contains(c) {
            out.push_str("[\"“”]");
        } else {
            out.push_str(&regex::escape(c.encode_utf8(&mut [0; 4])));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits<'t>(m: &Matcher, text: &'t str) -> Vec<&'t str> {
        m.find_all(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn phrases_ignore_case_whitespace_and_apostrophe_style() {
        let m = Matcher::phrase("isn't just").unwrap();
        assert_eq!(hits(&m, "It ISN’T\n  just that"), ["ISN’T\n  just"]);
    }

    #[test]
    fn phrases_are_word_bounded_in_unicode() {
        let m = Matcher::phrase("delve").unwrap();
        assert_eq!(
            hits(&m, "delve, redelve, delved, édelve, delve"),
            ["delve", "delve"]
        );
    }

    #[test]
    fn phrases_with_punctuation_edges_need_no_boundary() {
        let m = Matcher::phrase("[insert").unwrap();
        assert_eq!(hits(&m, "x[INSERT NAME]"), ["[INSERT"]);
    }

    #[test]
    fn non_ascii_phrases_match_whole_words() {
        let m = Matcher::phrase("источник").unwrap();
        assert_eq!(hits(&m, "источник, источники"), ["источник"]);
    }

    #[test]
    fn a_rejected_match_does_not_hide_a_later_one() {
        let m = Matcher::phrase("a b").unwrap();
        assert_eq!(hits(&m, "éa b a b"), ["a b"]);
    }

    #[test]
    fn regexes_are_used_as_written() {
        let m = Matcher::regex(r"\{\{[^}]*\}\}").unwrap();
        assert_eq!(hits(&m, "a {{ name }} b"), ["{{ name }}"]);
        assert!(Matcher::regex("(").is_err());
    }

    #[test]
    fn a_regex_over_the_size_limit_fails_when_it_loads() {
        let err = Matcher::regex(r"council\w{0,20000}").unwrap_err();
        assert!(matches!(err, regex::Error::CompiledTooBig(_)), "{err}");
        let nested = regex_syntax::parse(r"(a|(\w{0,150}){0,150})b{3}").unwrap();
        assert_eq!(repetition(&nested), 150 * 150);
        let m = Matcher::regex(r"council.{0,300}vote").unwrap();
        assert_eq!(hits(&m, "council will vote"), ["council will vote"]);
    }
}
