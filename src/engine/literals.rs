//! Literals that every match of a pattern must contain.
//!
//! The pattern check scans each block once with an Aho-Corasick automaton
//! over these literals and runs a rule's regex only where one of its
//! literals occurs. That keeps a run's cost flat in the number of rules and
//! avoids compiling hundreds of regexes at start-up (most never run on a
//! given article). The analysis walks the regex's syntax tree and returns
//! sets of literals such that any match contains a member of each set;
//! nothing when no useful set exists, and then the regex runs on every block.
//!
//! White space is folded: the prefilter reads each block with every run of
//! white space written as one space, and a part of a pattern that matches
//! only white space (`\s+`, `[ \t]`, a space) is a space in its literals. So
//! a phrase's words join into one literal (`as you requested`), far more
//! selective than any of its words alone.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex_syntax::hir::{Class, Hir, HirKind};
use rustc_hash::FxHashSet;

use crate::language::COMMON_WORDS;

/// Most strings a finite language or a required set may hold.
const MAX_SET: usize = 128;
/// Most characters in a class that still counts as a small alternation.
const MAX_CLASS_CHARS: usize = 4;
/// Most required sets kept for one pattern (the most selective ones).
pub const MAX_REQUIRED_SETS: usize = 4;
/// Sets weaker than this (see [`weight`]) are kept only when no better set
/// exists: two-letter words occur in nearly every paragraph, so they would
/// wake the pattern everywhere and cost scanning time.
const SELECTIVE_WEIGHT: usize = 3;

/// Most bytes of a literal. Any part of a required literal is required
/// too, so a literal that reaches this length stands for every longer one
/// it begins: it is not extended further. Longer literals would be barely
/// more selective, but the automaton grows with every byte of every
/// literal, and their cross products would overflow [`MAX_SET`].
const MAX_LITERAL_BYTES: usize = 12;

/// A string a match must contain, held in place (at most
/// `MAX_LITERAL_BYTES`), so that the analysis, which makes and joins
/// many of them per pattern, allocates nothing for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Literal {
    /// The string's bytes (see [`Literal::text`]), zero past `len`.
    bytes: [u8; MAX_LITERAL_BYTES],
    len: u8,
    /// Whether the pattern demands this exact case (`(?-i:AI)`), which makes
    /// a short literal far more selective ("AI" is rare, "ai" is in "said").
    pub exact_case: bool,
    /// Whether the string is full: it reached `MAX_LITERAL_BYTES` or was
    /// cut, so it stands for every longer one it begins and is never
    /// extended. (A cut before a character of several bytes leaves fewer
    /// than `MAX_LITERAL_BYTES`; extending it then would skip that
    /// character.)
    full: bool,
}

impl Ord for Literal {
    /// By text, then case: the order of the strings themselves.
    fn cmp(&self, other: &Literal) -> std::cmp::Ordering {
        (self.as_bytes(), self.exact_case, self.full).cmp(&(
            other.as_bytes(),
            other.exact_case,
            other.full,
        ))
    }
}

impl PartialOrd for Literal {
    fn partial_cmp(&self, other: &Literal) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Literal {
    /// The literal of `text`: white space folded, cut to
    /// [`MAX_LITERAL_BYTES`], in small letters unless `exact_case`.
    fn new(text: &str, exact_case: bool) -> Literal {
        Literal::from_folded(&fold_space(text), exact_case)
    }

    /// [`Literal::new`] of a text whose white space is already folded.
    fn from_folded(text: &str, exact_case: bool) -> Literal {
        let text_len = text.len();
        let mut end = text.len().min(MAX_LITERAL_BYTES);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let text = &text.as_bytes()[..end];
        let mut bytes = [0; MAX_LITERAL_BYTES];
        bytes[..end].copy_from_slice(text);
        // Case only matters where there are ASCII letters to fold.
        let exact_case = exact_case && text.iter().any(u8::is_ascii_alphabetic);
        if !exact_case {
            bytes.make_ascii_lowercase();
        }
        Literal {
            bytes,
            len: end as u8,
            exact_case,
            full: end < text_len || end == MAX_LITERAL_BYTES,
        }
    }

    fn empty() -> Literal {
        Literal::from_folded("", false)
    }

    /// The string; lowercased (ASCII) unless `exact_case`; each run of
    /// white space is one space, as in the text the prefilter reads.
    pub fn text(&self) -> &str {
        // SAFETY: the bytes are a prefix of a `str` cut at a character
        // boundary, with ASCII letters lowered (see `from_folded`, the only
        // place that makes them), so they are UTF-8.
        unsafe { std::str::from_utf8_unchecked(self.as_bytes()) }
    }

    /// The string's bytes.
    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }

    /// Whether case means nothing here (no ASCII letters to fold).
    fn case_neutral(&self) -> bool {
        !self.bytes.iter().any(u8::is_ascii_alphabetic)
    }

    /// The two literals one after the other; exact in case only if neither
    /// part has letters whose case is ignored. White space where they meet
    /// stays one space. A literal of [`MAX_LITERAL_BYTES`] stays as it is.
    fn then(self, other: &Literal) -> Literal {
        let len = usize::from(self.len);
        if self.full {
            return self;
        }
        let exact_case =
            (self.exact_case || self.case_neutral()) && (other.exact_case || other.case_neutral());
        let other = match other.text().strip_prefix(' ') {
            Some(rest) if self.text().ends_with(' ') => rest,
            _ => other.text(),
        };
        let mut joined = [0; 2 * MAX_LITERAL_BYTES];
        joined[..len].copy_from_slice(&self.bytes[..len]);
        joined[len..len + other.len()].copy_from_slice(other.as_bytes());
        let joined = std::str::from_utf8(&joined[..len + other.len()])
            .expect("two literals join at a character boundary");
        Literal::from_folded(joined, exact_case)
    }
}

/// `text` with each run of white space (as the regex `\s` means it) written
/// as one space: the form in which the prefilter reads blocks and stores
/// literals.
pub fn fold_space(text: &str) -> std::borrow::Cow<'_, str> {
    match first_fold(text.as_bytes()) {
        None => text.into(),
        Some(first) => {
            let mut folded = String::with_capacity(text.len());
            fold_from(text, first, &mut folded);
            folded.into()
        }
    }
}

/// [`fold_space`] into a buffer kept between calls: `text` itself when
/// folding changes nothing (most paragraphs hold only words and lone
/// spaces), else the folded text, written into `out`.
pub fn fold_space_in<'t>(text: &'t str, out: &'t mut String) -> &'t str {
    out.clear();
    match first_fold(text.as_bytes()) {
        None => text,
        Some(first) => {
            out.reserve(text.len());
            fold_from(text, first, out);
            out
        }
    }
}

/// Where the first run of white space that folding rewrites starts (one
/// that is more than a lone ASCII space), if any. The bytes that can begin
/// white space are found sixteen at a time; only those, and spaces that
/// may have white space after them, are looked at closely.
fn first_fold(bytes: &[u8]) -> Option<usize> {
    let mut base = 0;
    for chunk in bytes.chunks(64) {
        let mut padded = [0u8; 64];
        padded[..chunk.len()].copy_from_slice(chunk);
        let (maybe, spaces) = space_masks(&padded);
        // A space is worth a look when the byte after it may be white
        // space; the last one's next byte is in the next chunk.
        let mut looks = (maybe & !spaces) | (spaces & ((maybe >> 1) | 1 << 63));
        while looks != 0 {
            let at = base + looks.trailing_zeros() as usize;
            looks &= looks - 1;
            let rewritten = if bytes[at] == b' ' {
                at + 1 < bytes.len() && space_len(bytes, at + 1) > 0
            } else {
                at < bytes.len() && space_len(bytes, at) > 0
            };
            if rewritten {
                return Some(at);
            }
        }
        base += 64;
    }
    None
}

/// For 64 bytes: the bits of the bytes that may begin white space (ASCII
/// white space and the lead bytes of the wider kinds, which other
/// characters share), and of the ASCII spaces among them.
#[cfg(target_arch = "x86_64")]
#[inline]
fn space_masks(chunk: &[u8; 64]) -> (u64, u64) {
    use std::arch::x86_64::{
        _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_loadu_si128,
        _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    let (mut maybe, mut spaces) = (0u64, 0u64);
    for (k, sixteen) in chunk.chunks_exact(16).enumerate() {
        // SAFETY: SSE2 is part of the x86-64 baseline, and the unaligned
        // load reads exactly the sixteen bytes of `sixteen`.
        let (m, s) = unsafe {
            let v = _mm_loadu_si128(sixteen.as_ptr().cast());
            let is = |b: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8));
            let space = is(b' ');
            // Tab to carriage return; bytes past ASCII compare as negative.
            let control = _mm_and_si128(
                _mm_cmpgt_epi8(v, _mm_set1_epi8(0x08)),
                _mm_cmplt_epi8(v, _mm_set1_epi8(0x0E)),
            );
            let leads = _mm_or_si128(
                _mm_or_si128(is(0xC2), is(0xE1)),
                _mm_or_si128(is(0xE2), is(0xE3)),
            );
            let all = _mm_or_si128(_mm_or_si128(space, control), leads);
            (
                _mm_movemask_epi8(all) as u16,
                _mm_movemask_epi8(space) as u16,
            )
        };
        maybe |= u64::from(m) << (16 * k);
        spaces |= u64::from(s) << (16 * k);
    }
    (maybe, spaces)
}

/// [`space_masks`] a byte at a time, where SSE2 is not at hand.
#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn space_masks(chunk: &[u8; 64]) -> (u64, u64) {
    let (mut maybe, mut spaces) = (0u64, 0u64);
    for (j, &b) in chunk.iter().enumerate() {
        maybe |= u64::from(SPACE_CLASS[b as usize] != ORDINARY) << j;
        spaces |= u64::from(b == b' ') << j;
    }
    (maybe, spaces)
}

/// Appends `text` to `out` with each run of white space as one space,
/// given that none before `from` needs it (see [`first_fold`]): ordinary
/// bytes and lone spaces are passed over with one look at a table each,
/// and copied only around the white space that changes.
fn fold_from(text: &str, from: usize, out: &mut String) {
    let bytes = text.as_bytes();
    let mut plain_from = 0;
    let mut i = from;
    while i < bytes.len() {
        match SPACE_CLASS[bytes[i] as usize] {
            ORDINARY => {
                i += 1;
                continue;
            }
            LONE_SPACE
                if bytes
                    .get(i + 1)
                    .is_none_or(|&next| SPACE_CLASS[next as usize] == ORDINARY) =>
            {
                i += 1;
                continue;
            }
            _ => {}
        }
        let mut end = i;
        while end < bytes.len() {
            match space_len(bytes, end) {
                0 => break,
                len => end += len,
            }
        }
        if end == i {
            // The lead byte of a character that is not white space.
            i += 1;
            continue;
        }
        out.push_str(&text[plain_from..i]);
        out.push(' ');
        i = end;
        plain_from = end;
    }
    out.push_str(&text[plain_from..]);
}

/// [`SPACE_CLASS`] of a byte that is never part of white space.
const ORDINARY: u8 = 0;
/// [`SPACE_CLASS`] of the ASCII space.
const LONE_SPACE: u8 = 1;
/// [`SPACE_CLASS`] of other ASCII white space and of the lead bytes of
/// non-ASCII white space (which other characters share).
const MAYBE_SPACE: u8 = 2;

/// Each byte's class for the fold's fast path.
static SPACE_CLASS: [u8; 256] = {
    let mut table = [ORDINARY; 256];
    table[b' ' as usize] = LONE_SPACE;
    let others = [b'\t', b'\n', 0x0b, 0x0c, b'\r', 0xC2, 0xE1, 0xE2, 0xE3];
    let mut k = 0;
    while k < others.len() {
        table[others[k] as usize] = MAYBE_SPACE;
        k += 1;
    }
    table
};

/// The length of the white-space character (as the regex `\s` and
/// `char::is_whitespace` mean it) at byte `i` of `bytes`, or 0 (also
/// inside a character): U+0009–U+000D, U+0020, U+0085, U+00A0, U+1680,
/// U+2000–U+200A, U+2028, U+2029, U+202F, U+205F and U+3000.
#[inline]
fn space_len(bytes: &[u8], i: usize) -> usize {
    match bytes[i..] {
        [b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r', ..] => 1,
        [0xC2, 0x85 | 0xA0, ..] => 2,
        [0xE1, 0x9A, 0x80, ..]
        | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
        | [0xE2, 0x81, 0x9F, ..]
        | [0xE3, 0x80, 0x80, ..] => 3,
        _ => 0,
    }
}

/// How much a literal narrows the search: letters and digits count one
/// (an upper-case letter whose case is exact two), common punctuation one,
/// rare symbols (`{`, `[`, `$`, `<`) three; a very common word counts one.
fn weight(literal: &Literal) -> usize {
    if is_common_word(literal.text().trim()) {
        return 1;
    }
    literal
        .text()
        .chars()
        .map(|c| match c {
            'A'..='Z' if literal.exact_case => 2,
            c if c.is_alphanumeric() || c.is_whitespace() => 1,
            '\'' | '’' | '‘' | '"' | '“' | '”' | '.' | ',' | '-' => 1,
            ':' | ';' | '!' | '?' => 2,
            _ => 3,
        })
        .sum()
}

/// Whether `word` is one of the most frequent words of English news, in any case (the claim
/// checks ask too, to tell which words of a regex are worth looking for).
pub fn is_common_word(word: &str) -> bool {
    static COMMON: LazyLock<FxHashSet<&str>> =
        LazyLock::new(|| COMMON_WORDS.iter().copied().collect());
    if word.len() > 7 {
        return false;
    }
    if word.bytes().any(|b| b.is_ascii_uppercase()) {
        COMMON.contains(word.to_ascii_lowercase().as_str())
    } else {
        COMMON.contains(word)
    }
}

/// A set of literals of which a match contains at least one.
type Set = BTreeSet<Literal>;

/// What is known about a sub-expression.
#[derive(Debug, Clone, Default)]
struct Info {
    /// Every string the sub-expression can match, if that is a small set.
    exact: Option<Set>,
    /// Useful sets that every match satisfies, all of them at once.
    required: Vec<Set>,
    /// When not `exact`: strings one of which every match begins with
    /// (`X+` begins with `X`), so a literal before it can grow into it.
    prefix: Option<Set>,
    /// When not `exact`: strings one of which every match ends with, so a
    /// literal after it can begin with them.
    suffix: Option<Set>,
}

impl Info {
    /// A sub-expression that matches exactly the strings of `exact`.
    fn exact(exact: Set) -> Info {
        Info {
            required: useful(&exact).then(|| exact.clone()).into_iter().collect(),
            exact: Some(exact),
            ..Info::default()
        }
    }

    /// Strings one of which every match begins with.
    fn starts(&self) -> Option<&Set> {
        self.exact.as_ref().or(self.prefix.as_ref())
    }

    /// Strings one of which every match ends with.
    fn ends(&self) -> Option<&Set> {
        self.exact.as_ref().or(self.suffix.as_ref())
    }
}

/// The required literal sets of a parsed regex: every match contains a
/// member of each set. Empty when the pattern has no selective literal.
pub fn required(hir: &Hir) -> Vec<Vec<Literal>> {
    let info = analyze(hir);
    let mut sets = info.required;
    if let Some(exact) = info.exact.filter(useful) {
        sets.push(exact);
    }
    sets.sort_by_cached_key(|s| std::cmp::Reverse(score(s)));
    sets.dedup();
    let mut kept: Vec<Set> = Vec::new();
    for set in sets {
        if kept.len() == MAX_REQUIRED_SETS {
            break;
        }
        if !kept.iter().any(|k| implies(k, &set)) {
            kept.push(set);
        }
    }
    keep_best(&mut kept);
    kept.into_iter().map(|s| s.into_iter().collect()).collect()
}

/// Whether finding a member of `set` means a member of `other` is there
/// too (each member of `set` contains one of `other`'s), which makes
/// `other` redundant: `foo bar` implies `foo`. Large pairs are not compared.
fn implies(set: &Set, other: &Set) -> bool {
    set.len() * other.len() <= 16 * 1024
        && set.iter().all(|long| {
            other.iter().any(|short| {
                if short.exact_case {
                    long.exact_case && long.text().contains(short.text())
                } else if long.exact_case {
                    // `short` is lower case; `long` keeps its capitals.
                    long.text()
                        .as_bytes()
                        .windows(short.text().len())
                        .any(|w| w.eq_ignore_ascii_case(short.text().as_bytes()))
                } else {
                    long.text().contains(short.text())
                }
            })
        })
}

/// A set is usable when it is small and no member is a single letter, digit
/// or common punctuation mark (the prefilter ignores case, so even an
/// exact-case `I` would stop it at every `i`). A common word is weak too,
/// but a conjunction of such sets still narrows the search.
fn useful(set: &Set) -> bool {
    !set.is_empty()
        && set.len() <= MAX_SET
        && set
            .iter()
            .all(|m| m.text().chars().count() >= 2 || weight(m) >= 3)
}

/// How selective a set is: its weakest member, then fewer members.
fn score(set: &Set) -> (usize, usize) {
    let weakest = set.iter().map(weight).min().unwrap_or(0);
    (weakest, usize::MAX - set.len())
}

/// Deduplicates and keeps the most selective sets, each set scored once.
fn keep_best(sets: &mut Vec<Set>) {
    let mut scored: Vec<((usize, usize), Set)> = sets.drain(..).map(|s| (score(&s), s)).collect();
    // Stable, as the order of equally selective sets decides which stay.
    scored.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    scored.dedup_by(|a, b| a.1 == b.1);
    if scored.first().is_some_and(|(s, _)| s.0 >= SELECTIVE_WEIGHT) {
        scored.retain(|(s, _)| s.0 >= SELECTIVE_WEIGHT);
    }
    scored.truncate(MAX_REQUIRED_SETS);
    sets.extend(scored.into_iter().map(|(_, set)| set));
}

/// The single most selective set of an [`Info`], if any.
fn best_single(info: Info) -> Option<Set> {
    info.required
        .into_iter()
        .chain(info.exact.filter(useful))
        .max_by_key(score)
}

fn single(literal: Literal) -> Set {
    BTreeSet::from([literal])
}

/// The strings a small character class matches. A class that is one letter
/// in both cases (what `(?i)` makes of a letter) is that letter with its case
/// ignored.
fn class_strings(class: &Class) -> Option<Set> {
    if only_white_space(class) {
        return Some(single(Literal::new(" ", false)));
    }
    let Class::Unicode(class) = class else {
        return None;
    };
    let mut chars = Vec::new();
    for range in class.ranges() {
        if chars.len() + (range.end() as usize) - (range.start() as usize) + 1 > MAX_CLASS_CHARS {
            return None;
        }
        chars.extend(range.start()..=range.end());
    }
    let ascii_letters: BTreeSet<char> = chars
        .iter()
        .filter(|c| c.is_ascii_alphabetic())
        .map(char::to_ascii_lowercase)
        .collect();
    // A case-folded ASCII letter also folds to a non-ASCII look-alike
    // (k → K KELVIN SIGN, s → ſ); the ASCII form is what text holds.
    let folded = ascii_letters.len() == 1
        && chars.iter().all(|c| {
            !c.is_ascii()
                || c.eq_ignore_ascii_case(&ascii_letters.iter().next().copied().unwrap_or(' '))
        });
    if folded {
        let letter = ascii_letters.into_iter().next().unwrap_or(' ');
        return Some(single(Literal::new(letter.encode_utf8(&mut [0; 4]), false)));
    }
    Some(
        chars
            .into_iter()
            .map(|c| Literal::new(c.encode_utf8(&mut [0; 4]), true))
            .collect(),
    )
}

/// Whether every character of `class` is white space (`\s`, `[ \t]`).
fn only_white_space(class: &Class) -> bool {
    match class {
        Class::Unicode(class) => class
            .ranges()
            .iter()
            .all(|r| (r.start()..=r.end()).all(char::is_whitespace)),
        Class::Bytes(class) => class.ranges().iter().all(|r| {
            (r.start()..=r.end()).all(|b| matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'))
        }),
    }
}

/// The one-space set: what a run of white space is in a literal.
fn is_space(set: &Set) -> bool {
    set.len() == 1 && set.first().is_some_and(|l| l.text() == " ")
}

/// All concatenations of one member of `a` with one member of `b`. The
/// common case, one suffix (the next letter of a word), extends `a`'s
/// strings in place, so a long literal costs time linear in its length.
fn product(a: Set, b: &Set) -> Set {
    match b.first() {
        Some(suffix) if b.len() == 1 => a.into_iter().map(|x| x.then(suffix)).collect(),
        _ => a
            .iter()
            .flat_map(|x| b.iter().map(move |y| x.then(y)))
            .collect(),
    }
}

/// Every string of `set` repeated `n` times (`n` ≥ 2), or `None` when
/// that is too many strings. Repetition stops early once no string can
/// grow (all are [`MAX_LITERAL_BYTES`] long).
fn power(set: &Set, n: u32) -> Option<Set> {
    if n < 2 {
        return None;
    }
    let mut out = set.clone();
    for _ in 1..n.min(MAX_LITERAL_BYTES as u32 + 1) {
        if out.len() * set.len() > MAX_SET {
            return None;
        }
        out = product(out, set);
    }
    Some(out)
}

fn union(sets: impl IntoIterator<Item = Option<Set>>) -> Option<Set> {
    let mut out = BTreeSet::new();
    for set in sets {
        out.extend(set?);
        if out.len() > MAX_SET {
            return None;
        }
    }
    Some(out)
}

fn analyze(hir: &Hir) -> Info {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Info::exact(single(Literal::empty())),
        HirKind::Literal(literal) => Info::exact(single(Literal::new(
            &String::from_utf8_lossy(&literal.0),
            true,
        ))),
        HirKind::Class(class) => match class_strings(class) {
            Some(exact) => Info::exact(exact),
            None => Info::default(),
        },
        HirKind::Capture(capture) => analyze(&capture.sub),
        HirKind::Repetition(rep) => {
            let sub = analyze(&rep.sub);
            if rep.min == 1 && rep.max == Some(1) {
                return sub;
            }
            if rep.min == 0 {
                let exact = match &sub.exact {
                    // White space repeated is still one space in folded text.
                    Some(e) if is_space(e) || rep.max == Some(1) => {
                        let mut e = e.clone();
                        e.insert(Literal::empty());
                        Some(e)
                    }
                    _ => None,
                };
                return Info {
                    exact,
                    ..Info::default()
                };
            }
            // At least once: everything the part requires, and its first
            // `min` repetitions begin and end every match (`X{2,}`: `XX`).
            let repeated = match &sub.exact {
                Some(e) if is_space(e) => Some(e.clone()),
                Some(e) if rep.min == 1 => Some(e.clone()),
                Some(e) => power(e, rep.min),
                None => None,
            };
            let mut required = sub.required;
            required.extend(repeated.clone().filter(useful));
            let whole = rep.max == Some(rep.min) || repeated.as_ref().is_some_and(is_space);
            if whole && repeated.is_some() {
                return Info {
                    exact: repeated,
                    required,
                    ..Info::default()
                };
            }
            required.extend(sub.exact.filter(useful));
            let (prefix, suffix) = match repeated {
                Some(r) => (Some(r.clone()), Some(r)),
                None => (sub.prefix, sub.suffix),
            };
            Info {
                exact: None,
                required,
                prefix,
                suffix,
            }
        }
        HirKind::Concat(subs) => concat(subs),
        HirKind::Alternation(subs) => {
            let infos: Vec<Info> = subs.iter().map(analyze).collect();
            let exact = union(infos.iter().map(|i| i.exact.clone()));
            let (prefix, suffix) = if exact.is_some() {
                (None, None)
            } else {
                (
                    union(infos.iter().map(|i| i.starts().cloned())),
                    union(infos.iter().map(|i| i.ends().cloned())),
                )
            };
            let required = union(infos.into_iter().map(best_single))
                .filter(useful)
                .into_iter()
                .collect();
            Info {
                exact,
                required,
                prefix,
                suffix,
            }
        }
    }
}

/// A concatenation: runs of finite parts join into longer literals, which
/// reach into the beginnings and ends of the parts between them; every
/// useful run and every part's required sets are required together.
fn concat(subs: &[Hir]) -> Info {
    let mut required: Vec<Set> = Vec::new();
    let mut run = single(Literal::empty());
    // Whether `run` is still every string the concatenation can match.
    let mut whole = true;
    // What every match begins with, once a run has been closed.
    let mut prefix = None;
    for sub in subs {
        let info = analyze(sub);
        let (exact, starts, ends) = (info.exact, info.prefix, info.suffix);
        required.extend(info.required);
        let (mut closed, next) = match exact {
            Some(exact) if run.len() * exact.len() <= MAX_SET => {
                run = product(run, &exact);
                continue;
            }
            // Too many combinations: close the run, start anew.
            Some(exact) => (std::mem::take(&mut run), exact),
            None => {
                let mut closed = std::mem::take(&mut run);
                if let Some(starts) = starts.filter(|s| closed.len() * s.len() <= MAX_SET) {
                    closed = product(closed, &starts);
                }
                (closed, ends.unwrap_or_else(|| single(Literal::empty())))
            }
        };
        if whole {
            prefix = Some(closed.clone());
            whole = false;
        }
        run = next;
        required.push(std::mem::take(&mut closed));
    }
    let (exact, suffix) = if whole {
        (Some(run.clone()), None)
    } else {
        (None, Some(run.clone()))
    };
    required.push(run);
    required.retain(useful);
    keep_best(&mut required);
    Info {
        exact,
        required,
        prefix,
        suffix,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(pattern: &str) -> Vec<Vec<Literal>> {
        let hir = regex_syntax::Parser::new().parse(pattern).unwrap();
        required(&hir)
    }

    /// Literals with their case ignored.
    fn any_case(items: &[&str]) -> Vec<Literal> {
        items.iter().map(|s| Literal::new(s, false)).collect()
    }

    /// Literals in exactly this case.
    fn this_case(items: &[&str]) -> Vec<Literal> {
        items.iter().map(|s| Literal::new(s, true)).collect()
    }

    #[test]
    fn a_phrase_is_one_literal_with_its_white_space_folded() {
        assert_eq!(
            req(r"(?i)(?-u:\b)as\s+an\s+ai\s+language\s+model(?-u:\b)"),
            [any_case(&["as an ai lan"])],
            "cut at MAX_LITERAL_BYTES"
        );
        assert_eq!(req(r"foo\s+\s*[ \t]bar"), [this_case(&["foo bar"])]);
        assert_eq!(req(r"foo\s*bar"), [this_case(&["foo bar", "foobar"])]);
        assert_eq!(fold_space("a \t\n b\u{a0}c\u{2003} "), "a b c ");
        assert_eq!(fold_space("a b"), "a b");
    }

    #[test]
    fn folding_agrees_with_unicode_white_space_on_every_mix() {
        // Every white-space character, and characters that share their
        // lead bytes (U+2019, U+2014, U+00E9, U+1681, U+3001), in all
        // sequences of three.
        let alphabet: Vec<char> = (0..=0x3000u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .chain(['a', '’', '—', 'é', '\u{1681}', '、'])
            .collect();
        let mut folded = String::new();
        for &a in &alphabet {
            for &b in &alphabet {
                for &c in &alphabet {
                    let text: String = ['x', a, b, c, 'y'].iter().collect();
                    let want = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    assert_eq!(fold_space(&text), want, "{text:?}");
                    // The same about the seams of the 64-byte chunks.
                    for pad in [58, 60, 61, 62, 63, 64, 120, 126, 127] {
                        let long = format!("{}{text}", "x".repeat(pad));
                        let want = format!("{}{want}", "x".repeat(pad));
                        assert_eq!(fold_space_in(&long, &mut folded), want, "{long:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn repetitions_lend_their_ends_to_the_literals_around_them() {
        assert_eq!(req(r"\$\s?X+"), [this_case(&["$ X", "$X"])]);
        assert_eq!(
            req(r"a(?:bc)+d"),
            [this_case(&["abc"]), this_case(&["bcd"])]
        );
        assert_eq!(
            req(r"(?:X{2,}|X+\.X+)%"),
            [this_case(&["X%", "XX%"]), this_case(&["X.X", "XX"])]
        );
    }

    #[test]
    fn case_insensitive_words_with_k_and_s_fold_to_ascii() {
        assert_eq!(req(r"(?i)skip\s+links"), [any_case(&["skip links"])]);
        assert_eq!(req(r"(?i)kiss"), [any_case(&["kiss"])]);
    }

    #[test]
    fn exact_case_makes_short_words_selective() {
        assert_eq!(
            req(r"(?i)\w+\s+(?-i:AI)"),
            [this_case(&[" AI"])],
            "`AI` in capitals is rarer than any three lower-case letters"
        );
        assert_eq!(req(r"Share this"), [this_case(&["Share this"])]);
    }

    #[test]
    fn alternations_require_one_of_their_branches() {
        assert_eq!(
            req(r"(?i)(?:continue|keep)\s+reading|read\s+more"),
            [any_case(&["continue rea", "keep reading", "read more"])]
        );
        assert_eq!(
            req(r"(?i)(?:share|tweet)\s+\S+"),
            [any_case(&["share ", "tweet "])]
        );
    }

    #[test]
    fn small_classes_expand_and_rare_symbols_count() {
        assert_eq!(
            req(r"isn['’]t"),
            [this_case(&["isn't", "isn’t"])],
            "`isn` is implied by either form"
        );
        assert_eq!(
            req(r"\{\{[^}]*\}\}"),
            [this_case(&["{{"]), this_case(&["}}"])]
        );
        assert_eq!(req(r"[$€]\d"), [this_case(&["$", "€"])]);
        assert_eq!(
            req(r"\[\s*(?i:insert|placeholder)"),
            [
                any_case(&["[ insert", "[ placeholde", "[insert", "[placeholder"]),
                any_case(&["insert", "placeholder"])
            ],
            "`[` is implied by the first set; the words are not (cut short there)"
        );
    }

    #[test]
    fn patterns_without_a_selective_literal_have_none() {
        assert!(req(r"\w+\s+\d+").is_empty());
        assert!(req(r"(?i)a|b").is_empty());
        assert!(req(r"(?:foo)?b").is_empty());
        assert!(req(r"[A-Z][a-z]+[A-Z][a-z]+").is_empty());
        assert!(
            req(r"(?-i:I)\d").is_empty(),
            "one letter, even in exact case, would wake the pattern at every `i`"
        );
        assert_eq!(req(r"(?:foo)?bar?"), [this_case(&["ba"])]);
        assert_eq!(
            req(r"as\w+an\w+it"),
            [this_case(&["as"]), this_case(&["an"]), this_case(&["it"])]
        );
    }

    #[test]
    fn anchored_patterns_use_inner_literals() {
        assert_eq!(
            req(r"(?i)^\W{0,3}(?:advertisement|sponsored)\W{0,3}$"),
            [any_case(&["advertisement", "sponsored"])]
        );
        assert_eq!(req(r"(?m)^\d+ min read$"), [this_case(&[" min read"])]);
    }
}
