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
use regex_syntax::hir::{Class, Hir, HirKind, Look};
use rustc_hash::{FxHashMap, FxHashSet};

use super::phrases::PhraseSet;
use crate::engine::runs::{glance, is_word_byte, Runs, GLANCES};

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

    /// A check of the list on the whole of `text`, made once so that
    /// slices of it bounded by white space (its sentences) need not be
    /// searched one by one when the whole holds nothing. A match in such a
    /// slice is a match of the same bytes in the whole text: a phrase's
    /// word boundaries, and each word-boundary assertion of a regex without
    /// anchors, see the same characters either way. So where the whole
    /// text holds no match of the phrases (or of the regexes), no such
    /// slice holds one.
    pub fn slice_guard(&self, text: &str, runs: &Runs) -> SliceGuard {
        let mut phrases = false;
        self.phrases.scan_in(text, runs, 0..text.len(), |_| {
            phrases = true;
            false
        });
        SliceGuard {
            phrases,
            regexes: self.regexes.is_empty()
                || self.regexes.anchored
                || self.regexes.is_match(text, runs, 0..text.len()),
        }
    }

    /// [`Lexicon::find_in`] with the phrases or the regexes left out of
    /// white-bounded slices when `guard` (the text's
    /// [`Lexicon::slice_guard`]) rules them out.
    pub fn find_guarded(
        &self,
        text: &str,
        runs: &Runs,
        range: Range<usize>,
        guard: SliceGuard,
    ) -> Vec<Range<usize>> {
        let ruled_out = |may: bool| !may && white_bounded(text, &range);
        let mut found = Vec::new();
        if !ruled_out(guard.phrases) {
            self.phrases.scan_in(text, runs, range.clone(), |r| {
                found.push(r);
                true
            });
        }
        if !self.regexes.is_empty() && !ruled_out(guard.regexes) {
            self.regexes.find_all(text, runs, range, &mut found);
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
        found || self.regexes.is_match(text, runs, range)
    }

    /// The runs of `text`, found only when the list has phrases or regexes
    /// with word groups.
    fn runs_of(&self, text: &str) -> Runs {
        if self.phrases.is_empty() && self.regexes.groups.is_empty() {
            Runs::default()
        } else {
            Runs::of(text)
        }
    }
}

/// The outcome of [`Lexicon::slice_guard`]: whether the phrases, and the
/// regexes, may match in a white-bounded slice of the text.
#[derive(Debug, Clone, Copy)]
pub struct SliceGuard {
    phrases: bool,
    regexes: bool,
}

impl SliceGuard {
    /// A guard that rules nothing out.
    pub const OPEN: SliceGuard = SliceGuard {
        phrases: true,
        regexes: true,
    };
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
#[derive(Debug, Clone)]
struct Regexes {
    list: Vec<Regex>,
    /// Groups of words that every match of a regex holds as runs (see
    /// [`WordGroup`]), with the regex each belongs to; a regex with
    /// several groups needs all of them in a text.
    groups: Vec<(usize, WordGroup)>,
    /// Bit map of the [`glance`] digests of runs that may be words of some
    /// group: one walk over a text's runs serves them all.
    group_glances: Box<[u64; GLANCES / 64]>,
    /// The words (group, word) a run with a given [`glance`] digest may be.
    candidates: FxHashMap<u16, Vec<(u8, u16)>>,
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
        let mut groups = Vec::new();
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
            let index = list.len();
            groups.extend(WordGroup::gates_of(&hir).into_iter().map(|g| (index, g)));
            list.push(compiled);
        }
        let union = empty_matches.then(|| {
            let joined: Vec<String> = regexes.iter().map(|r| format!("(?:{r})")).collect();
            (joined.join("|"), OnceLock::new())
        });
        // The bits of `may_match` are the first 64 groups; regexes with
        // groups past them are not ruled out by those.
        groups.truncate(64);
        let mut group_glances = Box::new([0u64; GLANCES / 64]);
        let mut candidates: FxHashMap<u16, Vec<(u8, u16)>> = FxHashMap::default();
        for (g, (_, group)) in groups.iter().enumerate() {
            group.for_each_glance(|digest, word| {
                group_glances[digest / 64] |= 1 << (digest % 64);
                let list = candidates.entry(digest as u16).or_default();
                if !list.contains(&(g as u8, word as u16)) {
                    list.push((g as u8, word as u16));
                }
            });
        }
        Ok(Regexes {
            list,
            groups,
            group_glances,
            candidates,
            union,
            anchored,
        })
    }

    fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Which regexes may match in `text[range]` as far as their word
    /// groups tell, as bits (a regex past the 64th always may), found in
    /// one walk over the runs for all of them.
    fn may_match(&self, text: &str, runs: &Runs, range: &Range<usize>) -> u64 {
        // `ſ` and `K` match `s` and `k` without being in any run.
        if self.groups.is_empty() || runs.case_trap() {
            return !0;
        }
        let all = u64::MAX >> (64 - self.groups.len());
        let mut found = 0u64;
        let slice = &text.as_bytes()[range.clone()];
        runs.visit(range, text, &self.group_glances, |run| {
            let digest = run.glance(slice) as u16;
            let run = &slice[run.start as usize..run.end as usize];
            for &(g, word) in self.candidates.get(&digest).into_iter().flatten() {
                if found & (1 << g) == 0
                    && self.groups[usize::from(g)].1.opens_with(word.into(), run)
                {
                    found |= 1 << g;
                }
            }
            found != all
        });
        let mut may = !0u64;
        for (g, &(regex, _)) in self.groups.iter().enumerate() {
            if found & (1 << g) == 0 && regex < 64 {
                may &= !(1 << regex);
            }
        }
        may
    }

    /// Whether some regex matches in `text[range]`, given the runs of `text`.
    fn is_match(&self, text: &str, runs: &Runs, range: Range<usize>) -> bool {
        let slice = &text[range.clone()];
        let may = self.may_match(text, runs, &range);
        (0..self.list.len()).any(|i| allowed(may, i) && self.list[i].is_match(slice))
    }

    /// Appends the matches the alternation of the list finds in
    /// `text[range]` (in offsets of the slice), given the runs of `text`:
    /// at each step, the leftmost match of any regex, the first regex in
    /// list order winning a tie, then the search goes on from its end.
    fn find_all(&self, text: &str, runs: &Runs, range: Range<usize>, out: &mut Vec<Range<usize>>) {
        if let Some((pattern, regex)) = &self.union {
            let regex = regex.get_or_init(|| Regex::new(pattern).ok());
            if let Some(regex) = regex {
                out.extend(regex.find_iter(&text[range]).map(|m| m.range()));
            }
            return;
        }
        let may = self.may_match(text, runs, &range);
        let text = &text[range];
        if let [regex] = &self.list[..] {
            if allowed(may, 0) {
                out.extend(regex.find_iter(text).map(|m| m.range()));
            }
            return;
        }
        // The next match of each regex at or after `at`.
        let mut next: Vec<Option<Range<usize>>> = self
            .list
            .iter()
            .enumerate()
            .map(|(i, r)| {
                allowed(may, i)
                    .then(|| r.find(text).map(|m| m.range()))
                    .flatten()
            })
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

/// Words one of which every match of a regex holds as a whole run of
/// ASCII word bytes (or as the start of one, when the word may go on),
/// found from its syntax tree: a part of the regex that spells a word or
/// an alternation of words (`(?:bought|sold|paid)`, `it`), where what comes
/// before it in the regex cannot end with a word byte (a word boundary,
/// `\s+`, `\s+(?:own\s+)?`). A text none of whose runs is one of the
/// words holds no match, and the regex need not run. Lists of claim cues
/// are mostly such regexes; their first words are often common (`its`,
/// `it`, `the`), and the words further in (`estimates`, `believed`,
/// `doubles`) are what most blocks lack, where the engine would read every
/// byte for a literal it finds everywhere.
#[derive(Debug, Clone)]
struct WordGroup {
    /// Each word in small letters, and whether a run must be exactly it
    /// (what follows the word in the regex is never an ASCII word byte).
    words: Vec<(Box<[u8]>, bool)>,
}

impl WordGroup {
    /// The groups of `hir` worth looking for: those whose words are all
    /// selective, or, when none is, the first (as good a gate as any, and
    /// found early in most texts, which ends the walk early). A group with
    /// a common word is in nearly every text: looking for it costs a look
    /// at many runs and rules out nothing.
    fn gates_of(hir: &Hir) -> Vec<WordGroup> {
        let mut groups = WordGroup::all_of(hir);
        if groups.iter().any(WordGroup::is_selective) {
            groups.retain(WordGroup::is_selective);
        } else {
            groups.truncate(1);
        }
        groups
    }

    /// Whether no word of the group is found in most texts: none is a
    /// very common word, none shorter than three letters, and none a start
    /// shorter than four.
    fn is_selective(&self) -> bool {
        self.words.iter().all(|(word, exact)| {
            let shortest = if *exact { 3 } else { 4 };
            word.len() >= shortest
                && !std::str::from_utf8(word).is_ok_and(crate::engine::literals::is_common_word)
        })
    }

    /// The word groups of `hir`, if it is a concatenation, in order.
    fn all_of(hir: &Hir) -> Vec<WordGroup> {
        let HirKind::Concat(parts) = hir.kind() else {
            return Vec::new();
        };
        let mut groups = Vec::new();
        let mut at = 0;
        while at < parts.len() {
            if clear_before(&parts[..at]) {
                if let Some((group, used)) = WordGroup::at(&parts[at..]) {
                    groups.push(group);
                    at += used;
                    continue;
                }
            }
            at += 1;
        }
        groups
    }

    /// The group spelled by the leading `parts` (a word, or an alternation
    /// of branches that each open with a word), and how many parts it took.
    fn at(parts: &[Hir]) -> Option<(WordGroup, usize)> {
        let (words, used): (Vec<(Vec<u8>, bool)>, usize) = match parts.first()?.kind() {
            HirKind::Alternation(branches) => {
                let words = branches
                    .iter()
                    .map(|b| {
                        let letters = match b.kind() {
                            HirKind::Concat(letters) => &letters[..],
                            _ => std::slice::from_ref(b),
                        };
                        let (word, used) = word_of(letters);
                        (word, used == letters.len())
                    })
                    .collect();
                (words, 1)
            }
            _ => {
                let (word, used) = word_of(parts);
                (vec![(word, true)], used)
            }
        };
        // Word numbers are kept in 16 bits (see `Regexes::candidates`).
        if words.iter().any(|(w, _)| w.is_empty()) || words.len() > usize::from(u16::MAX) {
            return None;
        }
        // A word is a whole run when it spells all of its branch and what
        // follows never goes on with a word byte.
        let ends = parts.get(used).is_some_and(ends_a_word);
        let words = words
            .into_iter()
            .map(|(w, whole)| (w.into(), whole && ends))
            .collect();
        Some((WordGroup { words }, used))
    }

    /// Calls `f` with each [`glance`] digest that a run opening with one
    /// of the words can have, and the index of that word.
    fn for_each_glance(&self, mut f: impl FnMut(usize, usize)) {
        for (i, (word, exact)) in self.words.iter().enumerate() {
            // Digests count lengths up to 15: longer runs all read 15.
            let shortest = word.len().min(15);
            let longest = if *exact { shortest } else { 15 };
            for len in shortest..=longest {
                let len = len as u32;
                match word.get(1) {
                    Some(&second) => f(glance(word[0], second, len), i),
                    None if len == 1 => f(glance(word[0], 0, 1), i),
                    // A one-letter word opens runs with any second byte.
                    None => (0..32).for_each(|second| f(glance(word[0], second, len), i)),
                }
            }
        }
    }

    /// Whether `run` (a run of ASCII word bytes) is, or begins with, word
    /// `i`, as it requires.
    fn opens_with(&self, i: usize, run: &[u8]) -> bool {
        let (word, exact) = &self.words[i];
        run.len() >= word.len()
            && (!exact || run.len() == word.len())
            && run[..word.len()].eq_ignore_ascii_case(word)
    }
}

/// Whether bit `i` of `may` (see [`Regexes::may_match`]) lets regex `i` run.
fn allowed(may: u64, i: usize) -> bool {
    i >= 64 || may & (1 << i) != 0
}

/// The word the leading `parts` spell, in small letters (each part an ASCII
/// word byte in either case, or a class of one such letter's cases, `ſ` and
/// `K` included), and how many parts it took.
fn word_of(parts: &[Hir]) -> (Vec<u8>, usize) {
    let mut word = Vec::new();
    for (used, part) in parts.iter().enumerate() {
        match part.kind() {
            HirKind::Literal(literal) if literal.0.iter().all(|&b| is_word_byte(b)) => {
                word.extend(literal.0.iter().map(u8::to_ascii_lowercase));
            }
            HirKind::Class(Class::Unicode(class)) => match one_letter(class) {
                Some(letter) => word.push(letter),
                None => return (word, used),
            },
            _ => return (word, used),
        }
    }
    (word, parts.len())
}

/// The ASCII word byte (in small letters) whose cases `class` holds, if
/// that is all it holds.
fn one_letter(class: &regex_syntax::hir::ClassUnicode) -> Option<u8> {
    let mut letter = None;
    for range in class.iter() {
        for c in range.start()..=range.end() {
            let folded = match c {
                'ſ' => 's',
                '\u{212A}' => 'k',
                c if c.is_ascii() && is_word_byte(c as u8) => c.to_ascii_lowercase(),
                _ => return None,
            };
            if letter.is_some_and(|l| l != folded) {
                return None;
            }
            letter = Some(folded);
        }
    }
    letter.map(|c| c as u8)
}

/// Whether a run of word bytes that the regex has just read ends where
/// `hir` begins: every match of `hir` starts with a byte that is not an
/// ASCII word byte (white space, a sign), or it is a word boundary.
fn ends_a_word(hir: &Hir) -> bool {
    is_word_boundary(hir) || never_a_word_byte(hir)
}

/// Whether `hir` asserts a word boundary (next to a word byte, the byte on
/// its other side is not one).
fn is_word_boundary(hir: &Hir) -> bool {
    matches!(
        hir.kind(),
        HirKind::Look(
            Look::WordAscii
                | Look::WordUnicode
                | Look::WordStartAscii
                | Look::WordStartUnicode
                | Look::WordStartHalfAscii
                | Look::WordStartHalfUnicode
                | Look::WordEndAscii
                | Look::WordEndUnicode
                | Look::WordEndHalfAscii
                | Look::WordEndHalfUnicode
        )
    )
}

/// Whether a match of the concatenation `parts` can never end with an
/// ASCII word byte, so that a word matched right after it opens a run:
/// its last part is a word boundary, or never ends with a word byte (an
/// optional part counts only if what comes before it clears too).
fn clear_before(parts: &[Hir]) -> bool {
    let Some((last, rest)) = parts.split_last() else {
        return false;
    };
    match last.kind() {
        HirKind::Repetition(rep) if rep.min == 0 => {
            never_ends_a_word_byte(&rep.sub) && clear_before(rest)
        }
        _ => is_word_boundary(last) || never_ends_a_word_byte(last),
    }
}

/// Whether every match of `hir` ends with a byte that is not an ASCII word
/// byte (and none is empty).
fn never_ends_a_word_byte(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Literal(literal) => literal.0.last().is_some_and(|&b| !is_word_byte(b)),
        HirKind::Class(_) => never_a_word_byte(hir),
        HirKind::Repetition(rep) => rep.min > 0 && never_ends_a_word_byte(&rep.sub),
        HirKind::Capture(capture) => never_ends_a_word_byte(&capture.sub),
        HirKind::Concat(parts) => parts.last().is_some_and(never_ends_a_word_byte),
        HirKind::Alternation(branches) => branches.iter().all(never_ends_a_word_byte),
        HirKind::Empty | HirKind::Look(_) => false,
    }
}

/// Whether every match of `hir` starts with a byte that is not an ASCII
/// word byte (white space, a sign), so that a word before it ends there.
fn never_a_word_byte(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Literal(literal) => literal.0.first().is_some_and(|&b| !is_word_byte(b)),
        HirKind::Class(Class::Unicode(class)) => class
            .iter()
            .all(|r| !(r.start()..=r.end()).any(|c| c.is_ascii() && is_word_byte(c as u8))),
        HirKind::Class(Class::Bytes(class)) => class
            .iter()
            .all(|r| !(r.start()..=r.end()).any(is_word_byte)),
        HirKind::Repetition(rep) => rep.min > 0 && never_a_word_byte(&rep.sub),
        HirKind::Capture(capture) => never_a_word_byte(&capture.sub),
        HirKind::Concat(parts) => parts.first().is_some_and(never_a_word_byte),
        HirKind::Alternation(branches) => branches.iter().all(never_a_word_byte),
        HirKind::Empty | HirKind::Look(_) => false,
    }
}

pub use super::chars::is_word_char;

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
/// that are ASCII but for their apostrophes, and without copying words
/// that are already folded (ASCII in small letters, nothing to trim:
/// most words of a text).
pub fn with_folded<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let bytes = word.as_bytes();
    let folded_already = bytes.first().is_some_and(|&b| b > b' ')
        && bytes.last().is_some_and(|&b| b > b' ')
        && bytes.iter().all(|&b| b < 0x80 && !b.is_ascii_uppercase());
    if folded_already {
        return f(word);
    }
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
    fn word_groups_rule_out_only_texts_without_a_match() {
        let regexes = [
            r"(?i)(?-u:\b)it\s+(?:is|was)\s+(?:believed|said)",
            r"(?i)(?-u:\b)(?:bought|buys|buy|a)\s+(?:\S+\s+){0,2}?for",
            r"(?-u:\b)[Pp]er\s+\p{Lu}",
            r"(?i)\b(?:sk|s)[a-z]*y\b",
            r"(?i)(?-u:\b)(?:a|bu)[a-z]*\s+for",
            // Selective words further in, after optional parts.
            r"(?i)(?-u:\b)(?:its|it)\s+(?:own\s+)?(?:buyers?|per)(?-u:\b)",
            r"(?i)(?-u:\b)it(?:['’]s|\s+is)?\s+(?:\w+\s+)?believed\b",
            r"(?i)[0-9]+\s*(?:%|per)\s+(?:buyer|skyline)s?",
            r"(?i)(?-u:\b)per\s+(?:\w+)?buyers",
            // Words past the 15 bytes a glance digest counts.
            r"(?i)(?-u:\b)(?:internationalization|counterintelligence)s?(?-u:\b)",
            r"(?i)\s(?:internationalizations)(?-u:\b)",
        ];
        let vocabulary = [
            "it",
            "It",
            "IT",
            "its",
            "is",
            "was",
            "believed",
            "said",
            "bought",
            "Buys",
            "buyer",
            "buyers",
            "Buyers",
            "internationalization",
            "Internationalizations",
            "counterintelligences",
            "skyline",
            "own",
            "it's",
            "it’s",
            "5",
            "%",
            "a",
            "A",
            "an",
            "for",
            "per",
            "Per",
            "Peru",
            "Sky",
            "ſky",
            "\u{212A}y",
            "éit",
            "day",
            "x",
            ",",
            ".",
            "\n",
            "  ",
            "\u{a0}",
        ];
        // A word glued to what an optional part matched is no run of its
        // own: that word cannot gate the regex.
        let glued = Lexicon::new(&[], &strings(&[regexes[8]])).unwrap();
        assert_eq!(glued.find_all("per ownbuyers"), vec![0..13]);
        let mut rng = fastrand::Rng::with_seed(11);
        for regex in regexes {
            let lexicon = Lexicon::new(&[], &[regex.to_string()]).unwrap();
            let plain = Regex::new(regex).unwrap();
            for _ in 0..3000 {
                let words: Vec<&str> = (0..rng.usize(0..12))
                    .map(|_| vocabulary[rng.usize(..vocabulary.len())])
                    .collect();
                let text = words.join(if rng.bool() { " " } else { "" });
                let expected: Vec<Range<usize>> =
                    plain.find_iter(&text).map(|m| m.range()).collect();
                assert_eq!(lexicon.find_all(&text), expected, "{regex} in {text:?}");
                assert_eq!(
                    lexicon.is_match(&text),
                    !expected.is_empty(),
                    "{regex} in {text:?}"
                );
            }
        }
    }

    #[test]
    fn word_groups_are_read_from_the_syntax() {
        let groups = |regex: &str| {
            let hir = regex_syntax::Parser::new().parse(regex).unwrap();
            WordGroup::all_of(&hir)
                .iter()
                .map(|g| {
                    g.words
                        .iter()
                        .map(|(w, exact)| {
                            let more = if *exact { "" } else { "…" };
                            format!("{}{more}", String::from_utf8_lossy(w))
                        })
                        .collect::<Vec<_>>()
                        .join("|")
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(groups(r"(?i)(?-u:\b)it\s+is"), ["it", "is…"]);
        assert_eq!(groups(r"(?i)(?-u:\b)its?\s"), ["it…"]);
        assert_eq!(groups(r"(?-u:\b)(?:may|Might)(?-u:\b)"), ["may|might"]);
        assert_eq!(
            groups(r"(?i)(?-u:\b)(?:a|bu)[a-z]*\s+for"),
            ["a…|bu…", "for…"]
        );
        assert_eq!(groups(r"(?i)[0-9]+\s*percent"), Vec::<String>::new());
        assert_eq!(groups(r"(?i)[0-9]+\s+percent\b"), ["percent"]);
        assert_eq!(
            groups(r"(?i)(?-u:\b)(?:the|[0-9]+)\s"),
            Vec::<String>::new()
        );
        // Words further in, after optional parts that end in white space;
        // a branch that goes on past its word (`estimates?`, `has\s+been`)
        // gives that word as a start.
        assert_eq!(
            groups(r"(?i)(?-u:\b)(?:their|its)\s+(?:own\s+)?(?:estimates?|data)(?-u:\b)"),
            ["their|its", "estimate…|data"]
        );
        assert_eq!(
            groups(r"(?i)(?-u:\b)it\s+(?:is|has\s+been)\s+(?:\w+ly\s+)?said"),
            ["it", "is|has…", "said…"]
        );
        // An optional part that may end with a word byte hides the word
        // after it, as does a start that may follow one.
        assert_eq!(groups(r"(?i)(?-u:\b)we\s+(?:\w+)?said"), ["we"]);
        assert_eq!(groups(r"(?i)said\s+so"), ["so…"]);
        // Only selective groups are looked for, or the first when none is.
        let gates = |regex: &str| {
            let hir = regex_syntax::Parser::new().parse(regex).unwrap();
            WordGroup::gates_of(&hir).len()
        };
        assert_eq!(
            gates(r"(?i)(?-u:\b)(?:their|its)\s+(?:own\s+)?(?:estimates?|data)(?-u:\b)"),
            1
        );
        assert_eq!(gates(r"(?i)(?-u:\b)it\s+is\s+the"), 1);
        assert_eq!(gates(r"(?i)(?-u:\b)doubles\s+(?:match|title)s?"), 2);
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
    fn slice_guards_rule_out_only_what_the_whole_text_lacks() {
        let lex = Lexicon::new(
            &strings(&["rumor has it"]),
            &strings(&[r"(?i)(?-u:\b)widely\s+believed(?-u:\b)"]),
        )
        .unwrap();
        let texts = [
            "Rumor has it the deal is off. Nothing else.",
            "No rumors here. It is widely believed, sure.",
            "Neither here. Nor there.",
            // The whole text holds no match (a word byte before each), but
            // the slices that start inside the words do: they are not
            // bounded by white space, so the guard must not skip them.
            "xrumor has it, awidely believed",
        ];
        for text in texts {
            let runs = Runs::of(text);
            let guard = lex.slice_guard(text, &runs);
            for start in 0..text.len() {
                for end in start..=text.len() {
                    if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                        continue;
                    }
                    assert_eq!(
                        lex.find_guarded(text, &runs, start..end, guard),
                        lex.find_in(text, &runs, start..end),
                        "{text:?}[{start}..{end}]"
                    );
                }
            }
        }
        let text = texts[3];
        let runs = Runs::of(text);
        let found = lex.find_guarded(text, &runs, 1..13, lex.slice_guard(text, &runs));
        assert_eq!(found, vec![0..12]);
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

    #[test]
    fn words_fold_alike_on_every_path() {
        let long = "Ab".repeat(30);
        let words = [
            "said",
            "Said",
            " said",
            "said\t",
            "\u{a0}said",
            "said\u{2003}",
            "don't",
            "Don’t",
            "ʼtwas",
            "économie",
            "ÉCONOMIE",
            "",
            " ",
            "x",
            "12,5",
            "U.S.",
            &long,
        ];
        for word in words {
            assert_eq!(with_folded(word, str::to_string), fold(word), "{word:?}");
        }
    }
}
