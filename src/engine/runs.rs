//! The runs of ASCII word bytes of a block's text: a view built once per
//! document (see [`crate::analyses::Article::word_runs`]) for checks that match
//! lists of phrases.
//!
//! A phrase that starts with a letter or digit can only match where such a
//! run starts (a phrase's regex opens with an ASCII word boundary), so a
//! list of phrases can be matched by looking runs up instead of reading
//! bytes (the claim checks' `phrases` module does). Finding the runs is
//! the per-byte work, done once for every check that reads them; each list
//! then costs a few instructions per run: a 14-bit digest of each run (its
//! first two bytes and its length) is kept so that a list passes over most
//! runs with one look at a bit map.

use std::ops::Range;

/// Whether a byte is an ASCII letter, digit or `_` (what `(?-u:\b)` counts
/// as a word byte).
static WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'_';
        b += 1;
    }
    table
};

/// Whether `b` is an ASCII word byte.
#[inline]
pub fn is_word_byte(b: u8) -> bool {
    WORD_BYTE[b as usize]
}

/// One run of ASCII word bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    /// Byte offset of its first byte.
    pub start: u32,
    /// Byte offset just past it.
    pub end: u32,
}

impl Run {
    /// Its length in bytes.
    #[inline]
    pub fn len(&self) -> u32 {
        self.end - self.start
    }

    /// Whether it is empty (runs never are).
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }

    /// Its key in `bytes` (see [`key_of`]).
    #[inline]
    pub fn key(&self, bytes: &[u8]) -> u64 {
        key_of(bytes, self.start as usize, self.end as usize)
    }

    /// A 14-bit digest of the run in `bytes`: five bits of each of its
    /// first two bytes (any case) and its length up to 15. Word lists keep
    /// a bit map of their phrases' digests and pass over most runs with one
    /// look at it.
    #[inline]
    pub fn glance(&self, bytes: &[u8]) -> usize {
        let start = self.start as usize;
        let second = if self.len() > 1 { bytes[start + 1] } else { 0 };
        glance(bytes[start], second, self.len())
    }
}

/// The digest of [`Run::glance`] from a run's first two bytes (the second
/// zero for one-byte runs) and its length.
#[inline]
pub fn glance(first: u8, second: u8, len: u32) -> usize {
    (first & 0x1F) as usize | ((second & 0x1F) as usize) << 5 | (len.min(15) as usize) << 10
}

/// Number of distinct [`glance`] digests.
pub const GLANCES: usize = 1 << 14;

/// The runs of a text, and whether it holds a case trap: `ſ` or `K`, which
/// a case-insensitive regex reads as `s` and `k`, so that runs do not tell
/// a phrase's matches there.
#[derive(Debug, Clone, Default)]
pub struct Runs {
    /// Where runs start and end, alternately: run `i` is
    /// `edges[2 * i]..edges[2 * i + 1]`.
    edges: Vec<u32>,
    /// The [`Run::glance`] of each run.
    glances: Vec<u16>,
    case_trap: bool,
}

impl Runs {
    /// Finds the runs of `text`. Texts of 4 GiB or more have none and count
    /// as trapped, so every scan of them falls back to the regex.
    pub fn of(text: &str) -> Runs {
        let bytes = text.as_bytes();
        if u32::try_from(bytes.len()).is_err() {
            return Runs {
                edges: Vec::new(),
                glances: Vec::new(),
                case_trap: true,
            };
        }
        let case_trap = has_case_trap(text);
        let mut edges = Vec::with_capacity(bytes.len() / 3 + 2);
        // Word bytes 64 at a time as bits; each change between a word byte
        // and another starts or ends a run.
        let mut previous = 0;
        let mut chunks = bytes.chunks_exact(64);
        let mut base = 0;
        for chunk in chunks.by_ref() {
            let mask = word_mask(chunk.try_into().expect("64 bytes"));
            edges_of(mask, &mut previous, base, &mut edges);
            base += 64;
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 64];
            last[..rest.len()].copy_from_slice(rest);
            edges_of(word_mask(&last), &mut previous, base, &mut edges);
        }
        if edges.len() % 2 == 1 {
            edges.push(bytes.len() as u32);
        }
        let glances = edges
            .chunks_exact(2)
            .map(|e| {
                let run = Run {
                    start: e[0],
                    end: e[1],
                };
                run.glance(bytes) as u16
            })
            .collect();
        Runs {
            edges,
            glances,
            case_trap,
        }
    }

    /// Whether the text holds a case trap.
    pub fn case_trap(&self) -> bool {
        self.case_trap
    }

    /// The indices of the runs that overlap `range` (none for an empty
    /// range, which no run overlaps).
    pub fn overlapping(&self, range: &Range<usize>) -> Range<usize> {
        if range.is_empty() {
            return 0..0;
        }
        // Ends and starts are in order: binary searches over both.
        let count = self.glances.len();
        let first = partition(count, |i| self.edges[2 * i + 1] as usize <= range.start);
        let past = partition(count, |i| (self.edges[2 * i] as usize) < range.end);
        first..past.max(first)
    }

    /// Run `i` cut to `range` (which it overlaps), in offsets of the slice
    /// `text[range]`, with its glance digest there.
    #[inline]
    fn cut(&self, i: usize, range: &Range<usize>, text: &str) -> (Run, usize) {
        let (start, end) = (self.edges[2 * i] as usize, self.edges[2 * i + 1] as usize);
        let run = Run {
            start: (start.max(range.start) - range.start) as u32,
            end: (end.min(range.end) - range.start) as u32,
        };
        if start >= range.start && end <= range.end {
            (run, self.glances[i] as usize)
        } else {
            (run, run.glance(text[range.clone()].as_bytes()))
        }
    }

    /// Calls `visit` with the runs of `text[range]` (in offsets of that
    /// slice, cut to it) whose glance digest is in the bit map `glances`,
    /// in order, until it returns `false`. The runs inside the range are
    /// read straight from the tables, which is what most of a scan does.
    #[inline]
    pub fn visit(
        &self,
        range: &Range<usize>,
        text: &str,
        glances: &[u64; GLANCES / 64],
        mut visit: impl FnMut(Run) -> bool,
    ) {
        let indices = self.overlapping(range);
        let seen = |g: usize| glances[g / 64] >> (g % 64) & 1 == 1;
        let Some(last) = indices.end.checked_sub(1).filter(|&l| l >= indices.start) else {
            return;
        };
        // The first and last runs may be cut by the range; those between
        // are read straight from the tables, in a loop that does nothing
        // else for the runs the bit map turns away.
        let (run, glance) = self.cut(indices.start, range, text);
        if seen(glance) && !visit(run) || last == indices.start {
            return;
        }
        let offset = range.start as u32;
        let inner = indices.start + 1..last;
        for (i, &glance) in (inner.clone()).zip(&self.glances[inner]) {
            if seen(usize::from(glance))
                && !visit(Run {
                    start: self.edges[2 * i] - offset,
                    end: self.edges[2 * i + 1] - offset,
                })
            {
                return;
            }
        }
        let (run, glance) = self.cut(last, range, text);
        if seen(glance) {
            visit(run);
        }
    }

    /// The runs of `text[range]`, in offsets of that slice: the runs of the
    /// whole text cut to the range.
    pub fn within<'r>(
        &'r self,
        range: Range<usize>,
        text: &'r str,
    ) -> impl Iterator<Item = Run> + 'r {
        self.overlapping(&range)
            .map(move |i| self.cut(i, &range, text).0)
    }
}

/// The number of leading indices of `0..count` for which `before` holds
/// (it must hold for a prefix).
fn partition(count: usize, before: impl Fn(usize) -> bool) -> usize {
    let (mut first, mut past) = (0, count);
    while first < past {
        let mid = (first + past) / 2;
        if before(mid) {
            first = mid + 1;
        } else {
            past = mid;
        }
    }
    first
}

/// Bit `j` set when `chunk[j]` is an ASCII word byte.
#[inline]
fn word_mask(chunk: &[u8; 64]) -> u64 {
    let mut mask = 0u64;
    for (k, sixteen) in chunk.chunks_exact(16).enumerate() {
        mask |= u64::from(word_mask16(sixteen.try_into().expect("16 bytes"))) << (16 * k);
    }
    mask
}

/// [`word_mask`] of sixteen bytes with SSE2, which every x86-64 processor
/// has: signed byte comparisons suffice, as the bytes outside ASCII are the
/// negative ones and no range tested includes them.
#[cfg(target_arch = "x86_64")]
#[inline]
fn word_mask16(chunk: &[u8; 16]) -> u16 {
    use std::arch::x86_64::{
        _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_loadu_si128,
        _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    // SAFETY: SSE2 is part of the x86-64 baseline, and the unaligned load
    // reads exactly the sixteen bytes of `chunk`.
    unsafe {
        let v = _mm_loadu_si128(chunk.as_ptr().cast());
        let lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
        let letter = _mm_and_si128(
            _mm_cmpgt_epi8(lower, _mm_set1_epi8(b'a' as i8 - 1)),
            _mm_cmplt_epi8(lower, _mm_set1_epi8(b'z' as i8 + 1)),
        );
        let digit = _mm_and_si128(
            _mm_cmpgt_epi8(v, _mm_set1_epi8(b'0' as i8 - 1)),
            _mm_cmplt_epi8(v, _mm_set1_epi8(b'9' as i8 + 1)),
        );
        let underscore = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'_' as i8));
        _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(letter, digit), underscore)) as u16
    }
}

/// [`word_mask`] of sixteen bytes, one at a time, where SSE2 is not at hand.
#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn word_mask16(chunk: &[u8; 16]) -> u16 {
    let mut mask = 0u16;
    for (j, &b) in chunk.iter().enumerate() {
        mask |= u16::from(is_word_byte(b)) << j;
    }
    mask
}

/// Appends the run edges of one chunk at `base`: each bit that differs
/// from the one before it (`previous`, the last bit of the chunk before)
/// starts or ends a run.
#[inline]
fn edges_of(mask: u64, previous: &mut u64, base: usize, edges: &mut Vec<u32>) {
    let mut changes = mask ^ ((mask << 1) | *previous);
    *previous = mask >> 63;
    while changes != 0 {
        edges.push(base as u32 + changes.trailing_zeros());
        changes &= changes - 1;
    }
}

/// Whether `bytes` start with `ſ` or `K`.
#[inline]
/// Whether `text` holds a case trap (see [`Runs`]).
pub fn has_case_trap(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(0xC5, 0xE2, bytes).any(|i| is_case_trap(&bytes[i..]))
}

/// `text` with its case traps written as the ASCII letters a
/// case-insensitive regex reads them as (`ſ` as `s`, the Kelvin sign as
/// `k`), for readers that look for literals in ASCII case folding only.
pub fn untrapped(text: &str) -> String {
    text.replace('ſ', "s").replace('\u{212A}', "k")
}

fn is_case_trap(bytes: &[u8]) -> bool {
    bytes.starts_with("ſ".as_bytes()) || bytes.starts_with("\u{212A}".as_bytes())
}

/// The key of the run `bytes[start..end]`: its first eight bytes (zero
/// padded), lower-cased by setting bit 0x20 of each, which maps `A`-`Z` to
/// `a`-`z`, leaves digits alone and sends `_` to 0x7F, where no other word
/// byte goes. Longer runs sharing eight bytes share a key; their lengths
/// and the phrase comparison tell them apart.
#[inline]
pub fn key_of(bytes: &[u8], start: usize, end: usize) -> u64 {
    let take = (end - start).min(8);
    let mask = if take == 8 {
        u64::MAX
    } else {
        (1u64 << (8 * take)) - 1
    };
    let head = if start + 8 <= bytes.len() {
        u64::from_le_bytes(bytes[start..start + 8].try_into().expect("8 bytes"))
    } else {
        let mut buf = [0u8; 8];
        buf[..take].copy_from_slice(&bytes[start..start + take]);
        u64::from_le_bytes(buf)
    };
    (head | 0x2020_2020_2020_2020) & mask
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str, runs: impl Iterator<Item = Run>) -> Vec<&str> {
        runs.map(|r| &text[r.start as usize..r.end as usize])
            .collect()
    }

    #[test]
    fn runs_are_ascii_word_bytes() {
        let text = "Said-so, PER_cent café 12,5";
        let runs = Runs::of(text);
        assert_eq!(
            words(text, runs.within(0..text.len(), text)),
            ["Said", "so", "PER_cent", "caf", "12", "5"]
        );
        let first = runs.within(0..4, text).next().expect("a run");
        assert_eq!(first.key(text.as_bytes()), key_of(b"said", 0, 4));
        assert!(!runs.case_trap());
        assert!(Runs::of("aſk").case_trap());
    }

    #[test]
    fn runs_cross_chunks_and_end_with_the_text() {
        let long = format!("{} {}x {}", "a".repeat(63), "b".repeat(70), "c".repeat(130));
        let runs = Runs::of(&long);
        let lens: Vec<usize> = words(&long, runs.within(0..long.len(), &long))
            .iter()
            .map(|w| w.len())
            .collect();
        assert_eq!(lens, [63, 71, 130]);
        let every: String = (0u8..=255)
            .filter(|b| b.is_ascii())
            .map(char::from)
            .collect();
        let runs = Runs::of(&every);
        assert_eq!(
            words(&every, runs.within(0..every.len(), &every)),
            [
                "0123456789",
                "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                "_",
                "abcdefghijklmnopqrstuvwxyz"
            ]
        );
    }

    #[test]
    fn runs_cut_at_a_range() {
        let text = "abcdefghij klm";
        let runs = Runs::of(text);
        let cut: Vec<Run> = runs.within(2..12, text).collect();
        assert_eq!(cut, [Run { start: 0, end: 8 }, Run { start: 9, end: 10 }]);
        // An empty range inside a run holds none of it.
        assert_eq!(runs.within(5..5, text).count(), 0);
        let mut seen = 0;
        runs.visit(&(5..5), text, &[!0; GLANCES / 64], |_| {
            seen += 1;
            true
        });
        assert_eq!(seen, 0);
    }
}
