//! Word lists from rule files, compiled for matching inside block text.
//!
//! Claim checks look up many lists per block (attribution cues, hedges,
//! vague-source nouns). A [`Lexicon`] holds one list: phrases written the
//! way `pattern` rules write them (case-insensitive, whole words, any white
//! space between words, either apostrophe), matched in one pass by a
//! [`PhraseSet`], and raw regexes used as written. A [`WordSet`] answers
//! "is this single word in the list" for token-level parsers, without
//! allocating for the words of ordinary prose.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};

use super::phrases::PhraseSet;
use crate::document::runs::Runs;

/// A list of phrases (and optional raw regexes) compiled into one scan.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// The phrases; matches are checked for Unicode word boundaries.
    phrases: PhraseSet,
    /// Raw regexes used as written (no boundary checks).
    regexes: Regexes,
}

impl Lexicon {
    /// Compiles phrases and raw regexes; an error names the offending entry.
    pub fn new(phrases: &[String], regexes: &[String]) -> Result<Lexicon, String> {
        if phrases.iter().any(|p| p.trim().is_empty()) {
            return Err("empty phrase in a word list".to_string());
        }
        Ok(Lexicon {
            phrases: PhraseSet::new(phrases),
            regexes: Regexes::new(regexes)?,
        })
    }

    /// Byte ranges of every match in `text`, in order, not overlapping.
    pub fn find_all(&self, text: &str) -> Vec<Range<usize>> {
        self.find_in(text, &self.runs_of(text), 0..text.len())
    }

    /// Whether the list matches anywhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.is_match_in(text, &self.runs_of(text), 0..text.len())
    }

    /// [`Lexicon::find_all`] of `text[range]`, given the runs of `text`:
    /// ranges in offsets of the slice.
    pub fn find_in(&self, text: &str, runs: &Runs, range: Range<usize>) -> Vec<Range<usize>> {
        self.find_guarded(text, runs, range, SliceGuard::OPEN)
    }

    /// A check of the list's regexes on the whole of `text`, made once so
    /// that slices of it bounded by white space (its sentences) need not
    /// run them one by one: a regex without anchors that matches in such a
    /// slice matches the same bytes in the whole text, since each of its
    /// word-boundary assertions sees the same characters either way.
    pub fn slice_guard(&self, text: &str) -> SliceGuard {
        SliceGuard {
            may_match: self.regexes.is_empty()
                || self.regexes.anchored
                || self.regexes.is_match(text),
        }
    }

    /// [`Lexicon::find_in`] with the regexes left out of white-bounded
    /// slices when `guard` (the text's [`Lexicon::slice_guard`]) rules them out.
    pub fn find_guarded(
        &self,
        text: &str,
        runs: &Runs,
        range: Range<usize>,
        guard: SliceGuard,
    ) -> Vec<Range<usize>> {
        let mut found = Vec::new();
        self.phrases.scan_in(text, runs, range.clone(), |r| {
            found.push(r);
            true
        });
        let skip = !guard.may_match && white_bounded(text, &range);
        if !self.regexes.is_empty() && !skip {
            self.regexes.find_all(&text[range], &mut found);
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

    /// [`Lexicon::is_match`] of `text[range]`, given the runs of `text`.
    pub fn is_match_in(&self, text: &str, runs: &Runs, range: Range<usize>) -> bool {
        let mut found = false;
        self.phrases.scan_in(text, runs, range.clone(), |_| {
            found = true;
            false
        });
        found || self.regexes.is_match(&text[range])
    }

    /// The runs of `text`, found only when the list has phrases.
    fn runs_of(&self, text: &str) -> Runs {
        if self.phrases.is_empty() {
            Runs::default()
        } else {
            Runs::of(text)
        }
    }
}

/// The outcome of [`Lexicon::slice_guard`].
#[derive(Debug, Clone, Copy)]
pub struct SliceGuard {
    may_match: bool,
}

impl SliceGuard {
    /// A guard that rules nothing out.
    pub const OPEN: SliceGuard = SliceGuard { may_match: true };
}

/// Whether `text[range]` starts and ends at the text's ends or next to
/// white space.
fn white_bounded(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    before.is_none_or(char::is_whitespace) && after.is_none_or(char::is_whitespace)
}

/// Raw regexes, run one by one as their union would run.
///
/// A list's regexes used to run as one alternation; each now runs on its
/// own (its literal prefilter intact, which an alternation of unlike
/// regexes loses), and [`Regexes::find_all`] merges their matches the way
/// the alternation's leftmost-first search would have chosen them.
#[derive(Debug, Clone, Default)]
struct Regexes {
    list: Vec<Regex>,
    /// The alternation, kept for lists where a regex can match the empty
    /// string (their iteration is the regex crate's to define); built on
    /// first use.
    union: Option<(String, OnceLock<Option<Regex>>)>,
    /// Whether a regex has an anchor (`^`, `$`, `\A`, `\z`), whose truth
    /// differs between a slice and the whole text.
    anchored: bool,
}

impl Regexes {
    fn new(regexes: &[String]) -> Result<Regexes, String> {
        let mut list = Vec::with_capacity(regexes.len());
        let mut empty_matches = false;
        let mut anchored = false;
        for regex in regexes {
            let compiled =
                Regex::new(regex).map_err(|e| format!("invalid regex `{regex}`:\n{e}"))?;
            if compiled.is_match("") {
                return Err(format!("regex `{regex}` matches the empty string"));
            }
            let hir = regex_syntax::Parser::new()
                .parse(regex)
                .map_err(|e| format!("invalid regex `{regex}`:\n{e}"))?;
            empty_matches |= hir.properties().minimum_len() == Some(0);
            anchored |= hir.properties().look_set().contains_anchor();
            list.push(compiled);
        }
        let union = empty_matches.then(|| {
            let joined: Vec<String> = regexes.iter().map(|r| format!("(?:{r})")).collect();
            (joined.join("|"), OnceLock::new())
        });
        Ok(Regexes {
            list,
            union,
            anchored,
        })
    }

    fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    fn is_match(&self, text: &str) -> bool {
        self.list.iter().any(|r| r.is_match(text))
    }

    /// Appends the matches the alternation of the list finds in `text`:
    /// at each step, the leftmost match of any regex, the first regex in
    /// list order winning a tie, then the search goes on from its end.
    fn find_all(&self, text: &str, out: &mut Vec<Range<usize>>) {
        if let Some((pattern, regex)) = &self.union {
            let regex = regex.get_or_init(|| Regex::new(pattern).ok());
            if let Some(regex) = regex {
                out.extend(regex.find_iter(text).map(|m| m.range()));
            }
            return;
        }
        if let [regex] = &self.list[..] {
            out.extend(regex.find_iter(text).map(|m| m.range()));
            return;
        }
        // The next match of each regex at or after `at`.
        let mut next: Vec<Option<Range<usize>>> = self
            .list
            .iter()
            .map(|r| r.find(text).map(|m| m.range()))
            .collect();
        loop {
            let mut best: Option<usize> = None;
            for (i, m) in next.iter().enumerate() {
                if let Some(m) = m {
                    if best.is_none_or(|b| m.start < next[b].as_ref().expect("best is some").start)
                    {
                        best = Some(i);
                    }
                }
            }
            let Some(best) = best else {
                break;
            };
            let found = next[best].clone().expect("best is some");
            let at = found.end;
            out.push(found);
            for (i, m) in next.iter_mut().enumerate() {
                if m.as_ref().is_some_and(|m| m.start < at) {
                    *m = self.list[i].find_at(text, at).map(|m| m.range());
                }
            }
        }
    }
}

/// Letters, digits and `_`: what counts as part of a word.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// A set of single words, compared in lower case with curly apostrophes
/// made straight.
#[derive(Debug, Clone, Default)]
pub struct WordSet(FxHashSet<Box<str>>);

impl WordSet {
    /// Builds the set from a rule file's list.
    pub fn new(words: &[String]) -> WordSet {
        WordSet(words.iter().map(|w| fold(w).into_boxed_str()).collect())
    }

    /// Whether `word` (any case) is in the set.
    pub fn contains(&self, word: &str) -> bool {
        with_folded(word, |folded| self.0.contains(folded))
    }

    /// Whether `folded` (already in [`fold`]ed form) is in the set.
    pub fn contains_folded(&self, folded: &str) -> bool {
        self.0.contains(folded)
    }
}

/// A map from single words (folded as in [`WordSet`]) to values.
#[derive(Debug, Clone)]
pub struct WordMap<V>(FxHashMap<Box<str>, V>);

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap(FxHashMap::default())
    }
}

impl<V> WordMap<V> {
    /// The value of `word`, any case.
    pub fn get(&self, word: &str) -> Option<&V> {
        with_folded(word, |folded| self.0.get(folded))
    }

    /// The value of `folded` (already in [`fold`]ed form).
    pub fn get_folded(&self, folded: &str) -> Option<&V> {
        self.0.get(folded)
    }

    /// The entry for `word` (folded), to insert into or update.
    pub fn entry(&mut self, word: &str) -> &mut V
    where
        V: Default,
    {
        self.0.entry(fold(word).into_boxed_str()).or_default()
    }

    /// Sets the value of `word` (folded).
    pub fn insert(&mut self, word: &str, value: V) {
        self.0.insert(fold(word).into_boxed_str(), value);
    }
}

impl<V> FromIterator<(String, V)> for WordMap<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(iter: I) -> Self {
        WordMap(
            iter.into_iter()
                .map(|(k, v)| (fold(&k).into_boxed_str(), v))
                .collect(),
        )
    }
}

/// Longest word folded on the stack; longer ones are folded on the heap.
const STACK_WORD: usize = 48;

/// Calls `f` with [`fold`] of `word`, without allocating for short words
/// that are ASCII but for their apostrophes.
pub fn with_folded<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let word = word.trim();
    let bytes = word.as_bytes();
    if bytes.len() <= STACK_WORD {
        let mut buf = [0u8; STACK_WORD];
        let mut len = 0;
        let mut i = 0;
        let mut simple = true;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                buf[len] = b.to_ascii_lowercase();
                i += 1;
            } else if let [0xE2, 0x80, 0x98 | 0x99, ..] | [0xCA, 0xBC, ..] = &bytes[i..] {
                buf[len] = b'\'';
                i += if b == 0xCA { 2 } else { 3 };
            } else {
                simple = false;
                break;
            }
            len += 1;
        }
        if simple {
            let folded = std::str::from_utf8(&buf[..len]).expect("ASCII");
            return f(folded);
        }
    }
    f(&fold(word))
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

/// Whether `word`, folded, equals `folded` (already in folded form),
/// without allocating for ASCII words.
pub fn folds_to(word: &str, folded: &str) -> bool {
    with_folded(word, |w| w == folded)
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
    fn regexes_merge_as_their_alternation_would() {
        let list = strings(&[r"ab", r"abcd", r"bc", r"d\w*", r"(?:x|)y"]);
        for text in ["abcd", "xabcdx dd abab", "bcab", "yxy zy", ""] {
            let lex = Lexicon::new(&[], &list).unwrap();
            let union = Regex::new(
                &list
                    .iter()
                    .map(|r| format!("(?:{r})"))
                    .collect::<Vec<_>>()
                    .join("|"),
            )
            .unwrap();
            let want: Vec<Range<usize>> = union.find_iter(text).map(|m| m.range()).collect();
            assert_eq!(lex.find_all(text), want, "{text}");
            assert_eq!(lex.is_match(text), !want.is_empty());
        }
    }

    #[test]
    fn word_sets_fold_case_and_apostrophes() {
        let set = WordSet::new(&strings(&["Don't", "analysts", "économie"]));
        assert!(set.contains("don’t"));
        assert!(set.contains("DONʼT"));
        assert!(set.contains("ANALYSTS"));
        assert!(set.contains("ÉCONOMIE"));
        assert!(!set.contains("analyst"));
        assert!(folds_to(" Don’t ", "don't"));
    }
}
