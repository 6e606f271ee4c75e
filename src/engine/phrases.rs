//! A list of literal phrases matched in one pass over a text, without a
//! regex engine.
//!
//! Phrases mean what `pattern` rules make of them (see
//! `super::matcher::Matcher::phrase`): case-insensitive, any run of white
//! space between words, `'` and `"` standing for their curly forms, ASCII
//! word boundaries at both ends, then a Unicode word-boundary check on each
//! match. The list as one regex (longest phrase first) is what the claim
//! checks used to run; this module gives exactly its matches at a fraction
//! of the cost: a match of a phrase that starts with a letter or digit can
//! only start where a run of ASCII word bytes starts, and that run must be
//! the phrase's own first run. So the scan walks the runs of a text (found
//! once per block, see [`super::runs`]), drops most at a glance (a bit map
//! of the first two bytes and lengths the list's phrases start with), looks
//! the rest up in a small hash table keyed by their lower-cased bytes, and
//! compares the few phrases filed under a key in place. Phrases that start
//! with a sign (`(source`) are tried where that byte occurs.
//!
//! Two things fall back to the regex, compiled on first use: a phrase with a
//! character outside ASCII other than an apostrophe or quote (rare in rule
//! files), and a text holding one of the two non-ASCII characters that a
//! case-insensitive regex takes for an ASCII letter (`K`, the Kelvin sign,
//! for `k`; `ſ`, the long s, for `s`).

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::chars::{is_word_char, APOSTROPHES, QUOTES};
use super::matcher::Matcher;
use super::runs::{glance, is_word_byte, key_of, Run, Runs, GLANCES};

/// One step of a compiled phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Atom {
    /// An ASCII letter, either case (stored in lower case).
    Letter(u8),
    /// Any other ASCII byte, as written.
    Byte(u8),
    /// One apostrophe-like character.
    Apostrophe,
    /// One double-quote character.
    Quote,
    /// One or more white-space characters.
    Space,
}

/// A phrase compiled for matching in place.
#[derive(Debug, Clone)]
struct Phrase {
    atoms: Box<[Atom]>,
    /// The phrase as the bytes of its likeliest match, in small letters
    /// with one space between words, when it has no apostrophe or quote.
    plain: Option<Box<[u8]>>,
    /// Whether its last character is an ASCII word character, so a match
    /// needs an ASCII word boundary after it.
    bounded_end: bool,
}

/// Where a phrase can start.
enum Start {
    /// At a run of ASCII word bytes with this key and length.
    Run(u64, u32),
    /// At this byte (an ASCII sign).
    Sign(u8),
}

/// A list of phrases compiled for one-pass matching.
#[derive(Debug, Clone)]
pub struct PhraseSet {
    /// Phrases in priority order: longest (in bytes, as written) first,
    /// ties in list order, as the regex alternation ordered them.
    phrases: Vec<Phrase>,
    /// Phrase indices (in priority order) by the key of their first run.
    by_run: KeyTable,
    /// Bit map of the first runs' [`glance`] digests.
    glance: Box<[u64; GLANCES / 64]>,
    /// Phrase indices (in priority order) by their first byte, for phrases
    /// that start with a sign.
    by_sign: Vec<(u8, Vec<u32>)>,
    /// Whether some phrase is outside the fast path: then the regex runs.
    regex_only: bool,
    /// The list as one regex, as written by `Matcher`; built on first use.
    regex: OnceLock<Option<Regex>>,
    /// The phrases as written, for the regex.
    sources: Vec<String>,
}

impl PhraseSet {
    /// Compiles a phrase list; phrases must not be blank.
    pub fn new(phrases: &[String]) -> PhraseSet {
        let mut sorted: Vec<&String> = phrases.iter().collect();
        sorted.sort_by_key(|p| std::cmp::Reverse(p.len()));
        let mut compiled = Vec::with_capacity(sorted.len());
        let mut starts = Vec::with_capacity(sorted.len());
        let mut regex_only = false;
        for phrase in &sorted {
            match compile(phrase) {
                Some((p, start)) => {
                    compiled.push(p);
                    starts.push(start);
                }
                None => regex_only = true,
            }
        }
        let mut runs: Vec<((u64, u32), Vec<u32>)> = Vec::new();
        let mut by_sign: Vec<(u8, Vec<u32>)> = Vec::new();
        let mut glance_bits = Box::new([0u64; GLANCES / 64]);
        if !regex_only {
            for (i, start) in starts.into_iter().enumerate() {
                let i = i as u32;
                match start {
                    Start::Run(key, len) => {
                        let g = glance(key as u8, (key >> 8) as u8, len);
                        glance_bits[g / 64] |= 1 << (g % 64);
                        match runs.iter_mut().find(|(k, _)| *k == (key, len)) {
                            Some((_, list)) => list.push(i),
                            None => runs.push(((key, len), vec![i])),
                        }
                    }
                    Start::Sign(b) => match by_sign.iter_mut().find(|(s, _)| *s == b) {
                        Some((_, list)) => list.push(i),
                        None => by_sign.push((b, vec![i])),
                    },
                }
            }
        }
        PhraseSet {
            phrases: compiled,
            by_run: KeyTable::new(runs),
            glance: glance_bits,
            by_sign,
            regex_only,
            regex: OnceLock::new(),
            sources: sorted.into_iter().cloned().collect(),
        }
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
    }

    /// Calls `hit` with every match in `text`, in order, not overlapping;
    /// stops when `hit` returns `false`.
    pub fn scan(&self, text: &str, hit: impl FnMut(Range<usize>) -> bool) {
        if !self.is_empty() {
            self.scan_in(text, &Runs::of(text), 0..text.len(), hit);
        }
    }

    /// [`PhraseSet::scan`] of `text[range]`, given the runs of `text`;
    /// matches are in offsets of the slice, as if it were the whole text.
    pub fn scan_in(
        &self,
        text: &str,
        runs: &Runs,
        range: Range<usize>,
        mut hit: impl FnMut(Range<usize>) -> bool,
    ) {
        if self.is_empty() {
            return;
        }
        let slice = &text[range.clone()];
        if self.regex_only || runs.case_trap() {
            self.regex_scan(slice, &mut hit);
            return;
        }
        if !self.by_sign.is_empty() && self.holds_sign(slice.as_bytes()) {
            self.scan_with_signs(text, runs, range, &mut hit);
            return;
        }
        // End of the last match: later matches may not start before it.
        let mut at = 0;
        let bytes = slice.as_bytes();
        runs.visit(&range, text, &self.glance, |run| {
            if (run.start as usize) < at {
                return true;
            }
            match self.try_run(slice, bytes, run, &mut hit) {
                Tried::Miss => {}
                Tried::Hit(end) => at = end,
                Tried::Stop => return false,
            }
            true
        });
    }

    /// Whether `bytes` hold a byte some phrase starts with. Most texts hold
    /// none (a list's signs are one or two, such as `(`), and then only
    /// the runs need a look.
    fn holds_sign(&self, bytes: &[u8]) -> bool {
        match self.by_sign[..] {
            [(a, _)] => memchr::memchr(a, bytes).is_some(),
            [(a, _), (b, _)] => memchr::memchr2(a, b, bytes).is_some(),
            [(a, _), (b, _), (c, _)] => memchr::memchr3(a, b, c, bytes).is_some(),
            _ => bytes
                .iter()
                .any(|b| self.by_sign.iter().any(|(s, _)| s == b)),
        }
    }

    /// [`PhraseSet::scan_in`] for a list with phrases that start with a
    /// sign, over a slice that holds one: the sign bytes of the slice are
    /// tried in turn with its runs.
    fn scan_with_signs(
        &self,
        text: &str,
        runs: &Runs,
        range: Range<usize>,
        hit: &mut impl FnMut(Range<usize>) -> bool,
    ) {
        let slice = &text[range.clone()];
        let bytes = slice.as_bytes();
        let mut signs = bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| self.by_sign.iter().any(|(s, _)| s == *b))
            .map(|(i, _)| i)
            .peekable();
        let mut at = 0;
        let mut runs = runs.within(range, text);
        loop {
            let next_run = runs.next();
            let run_start = next_run.map_or(usize::MAX, |r| r.start as usize);
            while let Some(sign) = signs.next_if(|&p| p < run_start) {
                if sign >= at {
                    match self.try_at(slice, sign, self.sign_list(slice, sign), hit) {
                        Tried::Miss => {}
                        Tried::Hit(end) => at = end,
                        Tried::Stop => return,
                    }
                }
            }
            let Some(run) = next_run else {
                return;
            };
            if !self.may_start(run.glance(bytes)) || (run.start as usize) < at {
                continue;
            }
            match self.try_run(slice, bytes, run, hit) {
                Tried::Miss => {}
                Tried::Hit(end) => at = end,
                Tried::Stop => return,
            }
        }
    }

    /// Tries the phrases filed under `run`'s key at its start.
    #[inline]
    fn try_run(
        &self,
        slice: &str,
        bytes: &[u8],
        run: Run,
        hit: &mut impl FnMut(Range<usize>) -> bool,
    ) -> Tried {
        match self.by_run.get(run.key(bytes), run.len()) {
            Some(list) => self.try_at(slice, run.start as usize, list, hit),
            None => Tried::Miss,
        }
    }

    /// Whether some phrase may start with `run`, at a glance.
    #[inline]
    fn may_start(&self, glance: usize) -> bool {
        self.glance[glance / 64] & (1 << (glance % 64)) != 0
    }

    /// The phrases that start with the sign at `at` of `text`.
    fn sign_list(&self, text: &str, at: usize) -> &[u32] {
        let b = text.as_bytes()[at];
        self.by_sign
            .iter()
            .find(|(s, _)| *s == b)
            .map_or(&[][..], |(_, list)| list)
    }

    /// Tries the phrases of `list` at `start`, in priority order: the first
    /// that matches is the regex's choice there, and it is a hit if the
    /// Unicode boundaries hold.
    fn try_at(
        &self,
        text: &str,
        start: usize,
        list: &[u32],
        hit: &mut impl FnMut(Range<usize>) -> bool,
    ) -> Tried {
        for &p in list {
            let Some(end) = self.phrases[p as usize].match_at(text, start) else {
                continue;
            };
            if !whole_words(text, start..end) {
                return Tried::Miss;
            }
            return if hit(start..end) {
                Tried::Hit(end)
            } else {
                Tried::Stop
            };
        }
        Tried::Miss
    }

    /// The list as one regex: the reference semantics, for what the fast
    /// scan does not cover.
    fn regex_scan(&self, text: &str, hit: &mut impl FnMut(Range<usize>) -> bool) {
        let regex = self.regex.get_or_init(|| {
            let parts: Vec<String> = self
                .sources
                .iter()
                .filter_map(|p| Matcher::phrase(p).ok())
                .map(|m| format!("(?:{})", m.pattern()))
                .collect();
            Regex::new(&parts.join("|")).ok()
        });
        let Some(regex) = regex else {
            return;
        };
        let mut at = 0;
        while at <= text.len() {
            let Some(m) = regex.find_at(text, at) else {
                break;
            };
            if !m.range().is_empty() && whole_words(text, m.range()) {
                if !hit(m.range()) {
                    return;
                }
                at = m.end();
            } else {
                at = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
            }
        }
    }
}

impl Phrase {
    /// The end of this phrase matched at `start`, if it matches there.
    ///
    /// Most tries are settled by comparing the text with the phrase's
    /// plain bytes: up to the first difference the two readings agree
    /// byte for byte (a space in the phrase met a lone space, as the byte
    /// after it was no white space), so a difference where the phrase has
    /// a letter or sign is a miss. Only a difference where the text may
    /// have other or more white space than the phrase's one space needs
    /// the atoms.
    #[inline]
    fn match_at(&self, text: &str, start: usize) -> Option<usize> {
        if let Some(plain) = &self.plain {
            let bytes = text.as_bytes();
            // Every atom reads at least one byte, so a shorter text misses.
            let window = bytes.get(start..start + plain.len())?;
            match window
                .iter()
                .zip(plain.iter())
                .position(|(t, p)| t.to_ascii_lowercase() != *p)
            {
                None => return self.ends_at(bytes, start + plain.len()),
                // Just after a space of the phrase, the atoms would read
                // on over more white space, unless the text has an ASCII
                // byte there that is none: then they miss too.
                Some(at)
                    if plain[at] != b' '
                        && (at == 0 || plain[at - 1] != b' ' || plain_ascii(window[at])) =>
                {
                    return None
                }
                Some(_) => {}
            }
        }
        self.match_atoms(text, start)
    }

    /// `Some(end)` when a match may end at `end`: an ASCII word boundary
    /// there if the phrase ends with a word byte.
    #[inline]
    fn ends_at(&self, bytes: &[u8], end: usize) -> Option<usize> {
        (!(self.bounded_end && bytes.get(end).is_some_and(|&b| is_word_byte(b)))).then_some(end)
    }

    /// [`Phrase::match_at`] atom by atom.
    fn match_atoms(&self, text: &str, start: usize) -> Option<usize> {
        let bytes = text.as_bytes();
        let mut i = start;
        for atom in self.atoms.iter() {
            match *atom {
                Atom::Letter(l) => {
                    if bytes.get(i)?.to_ascii_lowercase() != l {
                        return None;
                    }
                    i += 1;
                }
                Atom::Byte(b) => {
                    if *bytes.get(i)? != b {
                        return None;
                    }
                    i += 1;
                }
                Atom::Apostrophe => i += apostrophe(&bytes[i..])?,
                Atom::Quote => i += quote(&bytes[i..])?,
                Atom::Space => {
                    let skipped = spaces(&text[i..]);
                    if skipped == 0 {
                        return None;
                    }
                    i += skipped;
                }
            }
        }
        self.ends_at(bytes, i)
    }
}

/// The outcome of trying a list of phrases at one position.
enum Tried {
    Miss,
    Hit(usize),
    Stop,
}

/// Compiles one phrase, with where it can start; `None` when it is outside
/// the fast path.
fn compile(phrase: &str) -> Option<(Phrase, Start)> {
    let mut atoms = Vec::new();
    for (w, word) in phrase.split_whitespace().enumerate() {
        if w > 0 {
            atoms.push(Atom::Space);
        }
        for c in word.chars() {
            atoms.push(if APOSTROPHES.contains(c) {
                Atom::Apostrophe
            } else if QUOTES.contains(c) {
                Atom::Quote
            } else if c.is_ascii_alphabetic() {
                Atom::Letter(c.to_ascii_lowercase() as u8)
            } else if c.is_ascii() {
                Atom::Byte(c as u8)
            } else {
                return None;
            });
        }
    }
    let first = phrase.trim_start().chars().next()?;
    let last = phrase.trim_end().chars().next_back()?;
    let start = if first.is_ascii() && is_word_byte(first as u8) {
        let run: Vec<u8> = atoms
            .iter()
            .map_while(|a| match *a {
                Atom::Letter(b) | Atom::Byte(b) if is_word_byte(b) => Some(b),
                _ => None,
            })
            .collect();
        Start::Run(key_of(&run, 0, run.len()), run.len() as u32)
    } else if matches!(atoms.first(), Some(Atom::Byte(_))) {
        Start::Sign(first as u8)
    } else {
        // A phrase opening with a quote or apostrophe.
        return None;
    };
    let plain = atoms
        .iter()
        .map(|a| match *a {
            Atom::Letter(b) | Atom::Byte(b) => Some(b),
            Atom::Space => Some(b' '),
            Atom::Apostrophe | Atom::Quote => None,
        })
        .collect::<Option<Box<[u8]>>>();
    Some((
        Phrase {
            plain,
            atoms: atoms.into(),
            bounded_end: last.is_ascii() && is_word_byte(last as u8),
        },
        start,
    ))
}

/// Whether `b` is an ASCII byte other than white space.
#[inline]
fn plain_ascii(b: u8) -> bool {
    b.is_ascii() && !matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// The length of the apostrophe-like character `bytes` start with.
#[inline]
fn apostrophe(bytes: &[u8]) -> Option<usize> {
    match bytes {
        [b'\'', ..] => Some(1),
        [0xE2, 0x80, 0x98 | 0x99, ..] => Some(3),
        [0xCA, 0xBC, ..] => Some(2),
        _ => None,
    }
}

/// The length of the double-quote character `bytes` start with.
#[inline]
fn quote(bytes: &[u8]) -> Option<usize> {
    match bytes {
        [b'"', ..] => Some(1),
        [0xE2, 0x80, 0x9C | 0x9D, ..] => Some(3),
        _ => None,
    }
}

/// Bytes of white space (Unicode `White_Space`, as the regex's `\s`) at the
/// start of `text`.
#[inline]
fn spaces(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            if !matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C) {
                break;
            }
            i += 1;
        } else {
            match text[i..].chars().next() {
                Some(c) if c.is_whitespace() => i += c.len_utf8(),
                _ => break,
            }
        }
    }
    i
}

/// Whether a match that starts (ends) with a word character is not glued to
/// another word character before (after) it: the Unicode check the regex's
/// ASCII boundaries leave to code.
pub fn whole_words(text: &str, range: Range<usize>) -> bool {
    let matched = &text[range.clone()];
    let starts_word = matched.chars().next().is_some_and(is_word_char);
    let ends_word = matched.chars().next_back().is_some_and(is_word_char);
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    !(starts_word && before.is_some_and(is_word_char)
        || ends_word && after.is_some_and(is_word_char))
}

/// An open-addressing table from run keys and lengths to lists of phrase
/// indices.
#[derive(Debug, Clone)]
struct KeyTable {
    /// `(key, length, index into lists)`; a zero length marks an empty slot.
    slots: Vec<(u64, u32, u32)>,
    lists: Vec<Vec<u32>>,
    shift: u32,
}

impl KeyTable {
    fn new(entries: Vec<((u64, u32), Vec<u32>)>) -> KeyTable {
        let bits = (entries.len() * 2)
            .next_power_of_two()
            .max(2)
            .trailing_zeros();
        let size = 1usize << bits;
        let mut slots = vec![(0, 0, 0); size];
        let mut lists = Vec::with_capacity(entries.len());
        for ((key, len), list) in entries {
            let mut at = (hash(key, len) >> (64 - bits)) as usize;
            while slots[at].1 != 0 {
                at = (at + 1) & (size - 1);
            }
            slots[at] = (key, len, lists.len() as u32);
            lists.push(list);
        }
        KeyTable {
            slots,
            lists,
            shift: 64 - bits,
        }
    }

    #[inline]
    fn get(&self, key: u64, len: u32) -> Option<&[u32]> {
        let mask = self.slots.len() - 1;
        let mut at = (hash(key, len) >> self.shift) as usize;
        loop {
            let (k, l, list) = self.slots[at];
            if k == key && l == len {
                return Some(&self.lists[list as usize]);
            }
            if l == 0 {
                return None;
            }
            at = (at + 1) & mask;
        }
    }
}

#[inline]
fn hash(key: u64, len: u32) -> u64 {
    (key ^ u64::from(len).rotate_left(56)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn hits<'t>(set: &PhraseSet, text: &'t str) -> Vec<&'t str> {
        let mut out = Vec::new();
        set.scan(text, |r| {
            out.push(&text[r]);
            true
        });
        out
    }

    /// What the list as one regex finds: the reference.
    fn reference<'t>(set: &PhraseSet, text: &'t str) -> Vec<&'t str> {
        let mut out = Vec::new();
        set.regex_scan(text, &mut |r| {
            out.push(&text[r]);
            true
        });
        out
    }

    #[test]
    fn the_fast_scan_finds_what_the_regex_finds() {
        let set = PhraseSet::new(&strings(&[
            "per",
            "per cent",
            "according to",
            "isn't just",
            "(source",
            "source:",
            "s&p 500",
            "year-to-date",
            "said",
            "a",
            "an estimated",
            "under_score",
            "wide-ranging",
            "tl;dr",
        ]));
        assert!(!set.regex_only, "the list must take the fast scan");
        for text in [
            "According  to them, sales per cent... unsaid; she said",
            "per centé, per cent, PER\u{a0}CENT, per\u{2003}cent",
            "per \u{b}cent, per \u{c}cent, per \rcent, per \t\ncent, per  cent",
            "It ISN’T\n  just that; isn‘t just; isnʼt just",
            "(source: IDC) source:x (sources",
            "The S&P 500 rose year-to-date; S&P 5000",
            "an estimated 5, An   Estimated, a, aa, éa, a_, _a",
            "“quoted” and \"quoted\" and “quoted\"",
            "under_score, under_scores, wide-ranging, wide ranging",
            "TL;DR: said, saidé, ésaid, said_",
            "",
            "per",
        ] {
            assert_eq!(hits(&set, text), reference(&set, text), "{text}");
        }
    }

    /// Random texts of phrase pieces, cases and white space of every kind:
    /// the plain-bytes comparison and the atoms must agree with the regex
    /// wherever a phrase's spaces meet lone spaces, runs, tabs, NBSPs or
    /// line breaks, and wherever a text stops inside a phrase.
    #[test]
    fn random_texts_scan_as_the_regex_does() {
        let set = PhraseSet::new(&strings(&[
            "per cent",
            "per cent of",
            "according to",
            "according to the",
            "s&p 500",
            "year-to-date",
            "isn't just",
            "wide-ranging",
            "to",
        ]));
        let pieces = [
            "per",
            "PER",
            "Cent",
            "cent",
            "of",
            "according",
            "To",
            "to",
            "the",
            "s&p",
            "S&P",
            "500",
            "year-to-date",
            "Year-To",
            "isn't",
            "isn’t",
            "just",
            "wide-ranging",
            "wide",
            "-",
            "ranging",
            " ",
            " ",
            " ",
            "  ",
            "\n",
            "\t",
            "\u{b}",
            "\u{c}",
            "\r",
            "\u{a0}",
            "\u{2003}",
            ",",
            ".",
            "é",
            "x",
            "_",
        ];
        let mut rng = fastrand::Rng::with_seed(7);
        for _ in 0..5000 {
            let text = crate::engine::testing::random_text(&mut rng, &pieces, 24);
            assert_eq!(hits(&set, &text), reference(&set, &text), "{text:?}");
        }
    }

    /// Lists with one to four phrases that start with a sign, over texts
    /// with and without those signs: the scan must find what the regex
    /// finds whichever way it looks for the signs.
    #[test]
    fn lists_with_signs_scan_as_the_regex_does() {
        let signed = ["(source", "[note", "#tag", "$ 5"];
        let pieces = [
            "(", "[", "#", "$", "source", "note", "tag", "5", "said", "Said", " ", "  ", "x", ".",
            ",",
        ];
        let mut rng = fastrand::Rng::with_seed(11);
        for signs in 1..=signed.len() {
            let mut list = strings(&signed[..signs]);
            list.push("said".to_string());
            list.push("source".to_string());
            let set = PhraseSet::new(&list);
            assert!(!set.regex_only);
            assert_eq!(set.by_sign.len(), signs);
            for _ in 0..1000 {
                let text = crate::engine::testing::random_text(&mut rng, &pieces, 16);
                assert_eq!(
                    hits(&set, &text),
                    reference(&set, &text),
                    "{list:?} {text:?}"
                );
            }
        }
    }

    #[test]
    fn texts_with_case_traps_and_odd_phrases_go_to_the_regex() {
        let set = PhraseSet::new(&strings(&["make", "ask"]));
        let text = "We ma\u{212A}e it and aſk him";
        assert_eq!(hits(&set, text), ["ma\u{212A}e", "aſk"]);
        let odd = PhraseSet::new(&strings(&["café", "said"]));
        assert!(odd.regex_only);
        assert_eq!(hits(&odd, "CAFÉ, he said"), ["CAFÉ", "said"]);
        let quoted = PhraseSet::new(&strings(&["\"quoted\"", "said"]));
        assert!(quoted.regex_only);
        assert_eq!(
            hits(&quoted, "“quoted” and \"quoted\" and “quoted\", she said"),
            ["“quoted”", "\"quoted\"", "“quoted\"", "said"]
        );
    }

    #[test]
    fn a_scan_stops_when_asked() {
        let set = PhraseSet::new(&strings(&["said"]));
        let mut n = 0;
        set.scan("said said said", |_| {
            n += 1;
            false
        });
        assert_eq!(n, 1);
    }
}
