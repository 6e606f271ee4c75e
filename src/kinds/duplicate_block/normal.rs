//! The comparison form of a text, summarised in one pass.
//!
//! Two copies of a block differ in case, punctuation, spacing and cut
//! decorations only, so they are compared in a form that keeps letters and
//! digits (lowercased) with one space between words. Working that form out
//! is the hot loop of the duplicate check, so [`summarise`] runs once over a
//! block, reads ASCII eight bytes at a time, and does not write the form
//! out: it yields the form's hash (a rolling hash over its words) and word
//! counts, the same for each of the block's sentences (their forms are runs
//! of the block's words), and the hash of every prefix that ends at a word
//! (an earlier block may be such a prefix). The bytes of a form are written
//! only when a hash matches and two texts must be compared ([`write`]).

use std::ops::Range;

use crate::engine::chars::{CLOSERS, HIGH};

/// Multiplier of the rolling hash over words (odd, so it is invertible mod 2^64).
const HASH_BASE: u64 = 0x100_0000_01b3;
/// Multiplier of the hash of a word's bytes (the FxHash constant).
const WORD_SEED: u64 = 0x517c_c1b7_2722_0a95;
/// Marks that end a sentence.
const STOPS: &[char] = &['.', '!', '?', '…'];
/// Eight lanes of one byte each.
const LANES: u64 = 0x0101_0101_0101_0101;
/// A bit set in every lowercase ASCII letter and in no digit.
const LETTER_BITS: u64 = 0x40 * LANES;

/// For each byte: its lowercase form if it is an ASCII letter or digit, else 0.
const ASCII_LOWER: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() {
            table[b] = byte.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// The top bit of each lane of `x` that does not hold an ASCII letter or
/// digit (computed for all eight lanes at once).
#[inline(always)]
fn ascii_alnum_stops(x: u64) -> u64 {
    let low = x & !HIGH;
    let folded = low | (0x20 * LANES);
    // A lane is a letter when 'a' <= folded <= 'z', a digit when
    // '0' <= low <= '9'; no lane carries into the next.
    let not_letter = !(folded + (0x80 - u64::from(b'a')) * LANES)
        | (folded + (0x80 - u64::from(b'z') - 1) * LANES);
    let not_digit =
        !(low + (0x80 - u64::from(b'0')) * LANES) | (low + (0x80 - u64::from(b'9') - 1) * LANES);
    ((not_letter & not_digit) | x) & HIGH
}

/// `HASH_BASE` to the power `exp` (wrapping).
fn base_pow(mut exp: usize) -> u64 {
    let (mut result, mut base) = (1u64, HASH_BASE);
    while exp > 0 {
        if exp & 1 == 1 {
            result = result.wrapping_mul(base);
        }
        base = base.wrapping_mul(base);
        exp >>= 1;
    }
    result
}

/// A text in comparison form, summarised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Form {
    /// Length of the form in bytes.
    pub len: usize,
    /// Hash of the form (equal forms have equal hashes).
    pub hash: u64,
    /// Words with at least one letter.
    pub words: usize,
    /// Words without a letter (numbers).
    pub numbers: usize,
    /// Whether the original ended with a sentence stop.
    pub stopped: bool,
}

impl Form {
    fn empty() -> Form {
        Form {
            len: 0,
            hash: 0,
            words: 0,
            numbers: 0,
            stopped: false,
        }
    }
}

/// A prefix of a form that ends at a word: an earlier block with the same
/// text means this block is that block with something appended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prefix {
    /// Length of the prefix in bytes.
    pub len: usize,
    /// Its hash (as [`Form::hash`]).
    pub hash: u64,
    /// Words with a letter in it.
    pub words: usize,
}

/// Which prefixes a pass records: those that could equal a stored block.
#[derive(Debug)]
pub struct PrefixFilter<'a> {
    /// Where to record them (cleared first).
    pub out: &'a mut Vec<Prefix>,
    /// Fewest words with a letter a stored block has.
    pub min_words: usize,
    /// Bit `n` is set when a stored block's form is `n` bytes long.
    pub lengths: &'a [u64],
}

/// A word's bytes being gathered, eight at a time, into its hash.
#[derive(Debug, Default, Clone, Copy)]
struct Word {
    /// Hash of the full groups of eight bytes so far.
    hash: u64,
    /// Bytes not yet hashed (little-endian), and how many.
    pending: u64,
    filled: u32,
    /// Bytes in the word.
    len: usize,
    /// Whether it has a letter.
    letter: bool,
}

/// Adds a group of bytes to a word's hash.
fn absorb(hash: u64, group: u64) -> u64 {
    (hash.rotate_left(5) ^ group).wrapping_mul(WORD_SEED)
}

impl Word {
    /// Adds one byte.
    fn push(&mut self, byte: u8) {
        self.pending |= u64::from(byte) << (8 * self.filled);
        self.filled += 1;
        self.len += 1;
        if self.filled == 8 {
            self.hash = absorb(self.hash, self.pending);
            self.pending = 0;
            self.filled = 0;
        }
    }

    /// The word's hash: its groups of eight bytes (the last one padded
    /// with zeros), then its length.
    fn finish(&self) -> u64 {
        let hash = if self.filled > 0 {
            absorb(self.hash, self.pending)
        } else {
            self.hash
        };
        absorb(hash, self.len as u64)
    }
}

/// One word of a form: its hash, its length in the form, whether it has
/// a letter, and the byte of the text after it.
type Token = (u64, usize, bool, usize);

/// The hash of a word of fewer than eight bytes, held in the low lanes of
/// `lower` (the rest zero).
#[inline(always)]
fn short_word_hash(lower: u64, len: usize) -> u64 {
    absorb(absorb(0, lower), len as u64)
}

/// Reads the word that starts at byte `i` and ends at a character that is
/// not a letter or digit or at `end`, the general case of the loop in
/// [`summarise`]: ASCII eight bytes at a time, anything else a character
/// at a time.
#[cold]
#[inline(never)]
fn read_word(text: &str, i: usize, end: usize) -> Token {
    let bytes = text.as_bytes();
    let mut word = Word::default();
    let mut bits = 0u64;
    let mut at = i;
    // Whether a group of eight showed where the ASCII letters and digits end.
    let mut group_ended = false;
    while let Some(group) = bytes.get(at..at + 8) {
        let x = u64::from_le_bytes(group.try_into().expect("eight bytes"));
        let run = ((ascii_alnum_stops(x).trailing_zeros() / 8) as usize).min(end - at);
        if run == 0 {
            group_ended = true;
            break;
        }
        let lanes = if run == 8 {
            u64::MAX
        } else {
            (1u64 << (8 * run)) - 1
        };
        let lower = (x | (0x20 * LANES)) & lanes;
        bits |= lower;
        word.len += run;
        at += run;
        if run < 8 {
            word.pending = lower;
            word.filled = run as u32;
            group_ended = true;
            break;
        }
        word.hash = absorb(word.hash, lower);
    }
    word.letter = bits & LETTER_BITS != 0;
    if at >= end || group_ended && bytes[at].is_ascii() {
        return (word.finish(), word.len, word.letter, at);
    }
    for c in text[at..end].chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase() as u8);
            word.letter |= c.is_ascii_alphabetic();
        } else if c.is_alphanumeric() {
            for lower in c.to_lowercase() {
                let mut utf8 = [0; 4];
                for &b in lower.encode_utf8(&mut utf8).as_bytes() {
                    word.push(b);
                }
                word.letter |= lower.is_alphabetic();
            }
        } else {
            break;
        }
        at += c.len_utf8();
    }
    (word.finish(), word.len, word.letter, at)
}

/// The running summary of a form, word by word.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    len: usize,
    hash: u64,
    words: usize,
    numbers: usize,
}

impl Tally {
    /// The form from `from` (a tally taken between words) to here.
    fn since(&self, from: &Tally) -> Form {
        let steps = self.words + self.numbers - from.words - from.numbers;
        let len = match (from.len, steps) {
            (_, 0) => 0,
            (0, _) => self.len,
            (start, _) => self.len - start - 1,
        };
        Form {
            len,
            hash: self
                .hash
                .wrapping_sub(from.hash.wrapping_mul(base_pow(steps))),
            words: self.words - from.words,
            numbers: self.numbers - from.numbers,
            stopped: false,
        }
    }
}

/// Records a prefix (kept out of the loop: few words record one).
#[cold]
#[inline(never)]
fn record(out: &mut Option<&mut Vec<Prefix>>, len: usize, hash: u64, words: usize) {
    if let Some(out) = out.as_mut() {
        out.push(Prefix { len, hash, words });
    }
}

/// The spans of a pass and the one being read.
struct Spans<'s> {
    spans: &'s [Range<usize>],
    /// Index of the span being read.
    current: usize,
    /// The tally where its first word began.
    start: Option<Tally>,
    forms: &'s mut Vec<Option<Form>>,
}

impl Spans<'_> {
    /// Closes the spans that end at or before byte `at`, given the tally
    /// there; returns where the next span starts and ends.
    #[cold]
    #[inline(never)]
    fn close(&mut self, at: usize, tally: Tally) -> (usize, usize) {
        while self.spans.get(self.current).is_some_and(|s| s.end <= at) {
            let form = self
                .start
                .take()
                .map_or(Form::empty(), |from| tally.since(&from));
            self.forms.push(Some(form));
            self.current += 1;
        }
        self.spans
            .get(self.current)
            .map_or((usize::MAX, usize::MAX), |s| (s.start, s.end))
    }
}

/// Summarises the form of `text` with the byte ranges `cuts` (sorted by
/// start) removed. `spans` (sorted, disjoint sentence ranges of `text`;
/// only without cuts) get their own summaries in `span_forms`: the form
/// `text[span]` has on its own, or `None` when a word runs across the
/// span's edge. `prefixes` records the word-end prefixes that pass its
/// filter (the whole form among them).
pub fn summarise(
    text: &str,
    cuts: &[Range<usize>],
    spans: &[Range<usize>],
    span_forms: &mut Vec<Option<Form>>,
    prefixes: Option<PrefixFilter<'_>>,
) -> Form {
    debug_assert!(cuts.is_empty() || spans.is_empty());
    span_forms.clear();
    let (min_words, lengths, mut out) = match prefixes {
        Some(filter) => {
            filter.out.clear();
            (filter.min_words, filter.lengths, Some(filter.out))
        }
        None => (usize::MAX, &[][..], None),
    };
    let bytes = text.as_bytes();
    // The running tally, in locals so that it stays in registers.
    let (mut len, mut hash, mut words, mut numbers) = (0usize, 0u64, 0usize, 0usize);
    let tally = |len, hash, words, numbers| Tally {
        len,
        hash,
        words,
        numbers,
    };
    let mut span_state = Spans {
        spans,
        current: 0,
        start: None,
        forms: span_forms,
    };
    // Where the next span's words begin and where the current one ends.
    let (mut span_from, mut span_end) = spans
        .first()
        .map_or((usize::MAX, usize::MAX), |s| (s.start, s.end));
    // Words never run across a cut: they are read between cuts.
    let mut cut = 0;
    let mut segment_end = cuts
        .first()
        .map_or(bytes.len(), |c| c.start.min(bytes.len()));
    let mut i = 0;
    loop {
        if i >= segment_end {
            let Some(first) = cuts.get(cut) else {
                break;
            };
            let mut end = first.end;
            cut += 1;
            while let Some(next) = cuts.get(cut).filter(|c| c.start <= end) {
                end = end.max(next.end);
                cut += 1;
            }
            i = i.max(end);
            segment_end = cuts
                .get(cut)
                .map_or(bytes.len(), |c| c.start.min(bytes.len()))
                .max(i);
            continue;
        }
        let byte = bytes[i];
        if ASCII_LOWER[usize::from(byte)] == 0 {
            if byte < 0x80 {
                i += 1;
                continue;
            }
            let c = text[i..].chars().next().expect("a character at a boundary");
            if !c.is_alphanumeric() {
                i += c.len_utf8();
                continue;
            }
        }
        // A word starts at `i`. Most are short ASCII words followed by
        // ASCII: read from one load of eight bytes.
        let (word_hash, word_len, letter, next) = 'word: {
            if let Some(group) = bytes.get(i..i + 8) {
                let x = u64::from_le_bytes(group.try_into().expect("eight bytes"));
                let run = (ascii_alnum_stops(x).trailing_zeros() / 8) as usize;
                if run < 8 && i + run <= segment_end && (x >> (8 * run)) & 0x80 == 0 {
                    let lower = (x | (0x20 * LANES)) & ((1u64 << (8 * run)) - 1);
                    let letter = lower & LETTER_BITS != 0;
                    break 'word (short_word_hash(lower, run), run, letter, i + run);
                }
            }
            read_word(text, i, segment_end)
        };
        if i >= span_end {
            (span_from, span_end) = span_state.close(i, tally(len, hash, words, numbers));
        }
        if i >= span_from {
            span_from = usize::MAX;
            span_state.start = Some(tally(len, hash, words, numbers));
        }
        len += usize::from(len > 0) + word_len;
        hash = hash.wrapping_mul(HASH_BASE).wrapping_add(word_hash);
        words += usize::from(letter);
        numbers += usize::from(!letter);
        if words >= min_words
            && lengths
                .get(len / 64)
                .is_some_and(|bits| bits & (1 << (len % 64)) != 0)
        {
            record(&mut out, len, hash, words);
        }
        i = next;
    }
    let tally = tally(len, hash, words, numbers);
    span_state.close(usize::MAX, tally);
    for (form, span) in span_forms.iter_mut().zip(spans) {
        let Some(found) = form.as_mut() else {
            continue;
        };
        let before = text[..span.start].chars().next_back();
        let after = text[span.end..].chars().next();
        if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
            *form = None;
        } else {
            found.stopped = stopped(&text[span.clone()], &[]);
        }
    }
    Form {
        stopped: stopped(text, cuts),
        ..tally.since(&Tally::default())
    }
}

/// Appends the bytes of the form of `text` with `cuts` (sorted by start)
/// removed to `out`.
pub fn write(text: &str, cuts: &[Range<usize>], out: &mut Vec<u8>) {
    let start = out.len();
    let mut pending_space = false;
    let mut cuts = cuts.iter().peekable();
    for (i, c) in text.char_indices() {
        while cuts.peek().is_some_and(|r| r.end <= i) {
            cuts.next();
        }
        if cuts.peek().is_some_and(|r| r.start <= i) || !c.is_alphanumeric() {
            pending_space = true;
            continue;
        }
        if pending_space && out.len() > start {
            out.push(b' ');
        }
        pending_space = false;
        for lower in c.to_lowercase() {
            let mut utf8 = [0; 4];
            out.extend_from_slice(lower.encode_utf8(&mut utf8).as_bytes());
        }
    }
}

/// Whether the last mark of `text` outside `cuts` (whitespace and closing
/// quotes and brackets passed over) ends a sentence.
fn stopped(text: &str, cuts: &[Range<usize>]) -> bool {
    text.char_indices()
        .rev()
        .filter(|(i, _)| !cuts.iter().any(|c| c.contains(i)))
        .map(|(_, c)| c)
        .find(|c| !c.is_whitespace() && !CLOSERS.contains(c))
        .is_some_and(|c| STOPS.contains(&c))
}

/// The hash [`summarise`] gives a form, computed from its bytes.
#[cfg(test)]
pub fn hash_of(form: &[u8]) -> u64 {
    if form.is_empty() {
        return 0;
    }
    form.split(|&b| b == b' ').fold(0, |hash, bytes| {
        let mut word = Word::default();
        for &b in bytes {
            word.push(b);
        }
        hash.wrapping_mul(HASH_BASE).wrapping_add(word.finish())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The comparison form as first written: a reference for the one-pass version.
    fn reference(text: &str, cuts: &[Range<usize>]) -> (String, usize, usize, bool) {
        let mut out = String::new();
        let mut pending_space = false;
        let mut last_mark = None;
        for (i, c) in text.char_indices() {
            if cuts.iter().any(|r| r.start <= i && i < r.end) {
                pending_space = true;
                continue;
            }
            if !c.is_whitespace() && !CLOSERS.contains(&c) {
                last_mark = Some(c);
            }
            if !c.is_alphanumeric() {
                pending_space = true;
                continue;
            }
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        }
        let words = out
            .split(' ')
            .filter(|w| w.chars().any(char::is_alphabetic))
            .count();
        let numbers = out.split(' ').filter(|w| !w.is_empty()).count() - words;
        let stopped = last_mark.is_some_and(|c| STOPS.contains(&c));
        (out, words, numbers, stopped)
    }

    fn check(text: &str, cuts: &[Range<usize>]) {
        let form = summarise(text, cuts, &[], &mut Vec::new(), None);
        let mut bytes = Vec::new();
        write(text, cuts, &mut bytes);
        let (expected, words, numbers, stopped) = reference(text, cuts);
        assert_eq!(
            std::str::from_utf8(&bytes).unwrap(),
            expected,
            "{text:?} {cuts:?}"
        );
        let summary = (form.len, form.hash, form.words, form.numbers, form.stopped);
        let want = (
            expected.len(),
            hash_of(expected.as_bytes()),
            words,
            numbers,
            stopped,
        );
        assert_eq!(summary, want, "{text:?} {cuts:?}");
    }

    const SAMPLES: &[&str] = &[
        "",
        "   ",
        "The museum will reopen in June, after 2 years.",
        "Q: When will the bridge open? ▾",
        "“It is over,” she said. Then: nothing!",
        "ÉCOLE Straße İstanbul ǅemal KELVIN ½ 3² x",
        "a-b c—d 1.5% 10,000 … ok…”",
        "mixed12words and 34 56 numbers.)",
        "Пожежники працювали всю ніч. 东京は日本の首都です。",
    ];

    #[test]
    fn matches_the_reference_without_cuts() {
        for text in SAMPLES {
            check(text, &[]);
        }
    }

    #[test]
    fn matches_the_reference_with_cuts() {
        for text in SAMPLES {
            let ends: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            for (n, &a) in ends.iter().enumerate() {
                for &b in &ends[n + 1..] {
                    check(text, std::slice::from_ref(&(a..b)));
                    let mid = ends[(n + ends.len()) / 2];
                    check(text, &[a..b, a..b.max(mid)]);
                }
            }
        }
    }

    #[test]
    fn span_forms_equal_forms_of_the_span_alone() {
        let text = "The museum will reopen. It is the 2nd time! Ça va? “Été.” Über 12 34. Ünd.";
        let spans = crate::analyses::sentences::split(text);
        let mut span_forms = Vec::new();
        summarise(text, &[], &spans, &mut span_forms, None);
        assert_eq!(span_forms.len(), spans.len());
        for (form, span) in span_forms.iter().zip(&spans) {
            let form = form.expect("sentences end at spaces");
            let alone = summarise(&text[span.clone()], &[], &[], &mut Vec::new(), None);
            assert_eq!(form, alone, "{:?}", &text[span.clone()]);
        }
    }

    #[test]
    fn spans_that_split_a_word_have_no_form() {
        let mut span_forms = Vec::new();
        summarise("abc def", &[], &[0..2, 4..7], &mut span_forms, None);
        assert_eq!(span_forms[0], None);
        assert!(span_forms[1].is_some());
    }

    #[test]
    fn prefixes_end_at_words_and_pass_the_filter() {
        let mut prefixes = Vec::new();
        // Stored lengths 3, 7 and 9: "one", "one two", "one two 3".
        let lengths = [(1 << 3) | (1 << 7) | (1 << 9)];
        let filter = PrefixFilter {
            out: &mut prefixes,
            min_words: 2,
            lengths: &lengths,
        };
        summarise(
            "One two, 3 four five.",
            &[],
            &[],
            &mut Vec::new(),
            Some(filter),
        );
        let expected: Vec<Prefix> = ["one two", "one two 3"]
            .iter()
            .map(|p| Prefix {
                len: p.len(),
                hash: hash_of(p.as_bytes()),
                words: 2,
            })
            .collect();
        assert_eq!(prefixes, expected);
    }

    #[test]
    fn long_words_and_mixed_scripts_hash_like_their_bytes() {
        for text in [
            "internationalisation institutionalisation x",
            "abcdefgh abcdefghi abcdefghijklmnopq 12345678901234567",
            "Ünïcödé-wörds straße-ÀÉÎ ascii then éàü and 日本語テキスト",
        ] {
            check(text, &[]);
        }
    }

    #[test]
    fn random_texts_match_the_reference() {
        const PIECES: &[&str] = &[
            "a",
            "Z",
            "q",
            "7",
            "0",
            " ",
            "  ",
            ".",
            ". ",
            "! ",
            "?",
            ",",
            "-",
            "\n",
            "é",
            "İ",
            "ß",
            "Ω",
            "я",
            "日",
            "½",
            "’",
            "“",
            "”",
            "…",
            "▾",
            "K",
            "ǅ",
            "abcdefghij",
            "Word",
        ];
        let mut rng = fastrand::Rng::with_seed(7);
        for _ in 0..3000 {
            let text = crate::engine::testing::random_text(&mut rng, PIECES, 40);
            check(&text, &[]);
            let spans = crate::analyses::sentences::split(&text);
            let mut span_forms = Vec::new();
            summarise(&text, &[], &spans, &mut span_forms, None);
            for (form, span) in span_forms.iter().zip(&spans) {
                if let Some(form) = form {
                    let alone = summarise(&text[span.clone()], &[], &[], &mut Vec::new(), None);
                    assert_eq!(*form, alone, "{text:?} {span:?}");
                }
            }
        }
    }
}
