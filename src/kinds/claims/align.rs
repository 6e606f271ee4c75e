//! Claim alignment: which claims of an article say the same thing.
//!
//! A claim is a sentence (a whole row, for tables) with its figures, its
//! content words and its hedges. Two claims are aligned when they share a
//! normalised figure and a few content words ("ByteDance ... spending over
//! $1 billion annually" and "ByteDance's projected billion-dollar annual
//! spend"), or, without a figure, when one repeats most of the other's
//! content words. Content words are compared by their first few characters
//! (prefix stemming: `spend`, `spends`, `spending` agree), with the rule's
//! function words left out.
//!
//! Alignment never compares all pairs: hedged claims are indexed by figure
//! key and by content word, and each flat summary claim looks up only its
//! own keys and words. Words found in many claims are not looked up, and no
//! list is read past a fixed length, so the work grows linearly with the
//! article.

use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::analyses::figures::FigureKey;
use crate::engine::lexicon::{with_folded, WordSet};
use crate::engine::words;
use serde::Deserialize;

/// How claims are aligned across the article.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AlignmentSpec {
    /// Words that carry no content and never align claims.
    pub function_words: Vec<String>,
    /// Content words are compared by their first this many characters.
    pub stem_chars: usize,
    /// Content words two claims sharing a figure must also share.
    pub min_shared_words: usize,
    /// Content words two claims without a shared figure must share.
    pub min_shared_words_alone: usize,
    /// Share of the flat claim's content words the twin must repeat when no
    /// figure is shared.
    pub min_overlap_alone: f64,
    /// Most words between a twin's hedge and the shared figure.
    pub hedge_window: usize,
    /// Content words found in more claims than this do not index claims.
    pub max_postings: usize,
}

/// One claim of the article.
#[derive(Debug, Clone)]
pub struct Claim<'t> {
    /// The block it is in.
    pub block: usize,
    /// Its byte offset in the block's text.
    pub offset: usize,
    /// Its text.
    pub text: &'t str,
    /// Its figures (ranges in `text`).
    pub figures: Vec<(FigureKey, Range<usize>)>,
    /// Strong hedges (ranges in `text`).
    pub hedges: Vec<Range<usize>>,
    /// Whether a weak hedge (a bare modal) qualifies it.
    pub weak_hedge: bool,
    /// Whether it stands in a summary position.
    pub summary: bool,
}

impl Claim<'_> {
    /// Whether it is stated flatly in a summary position.
    fn is_flat_summary(&self) -> bool {
        self.summary && self.hedges.is_empty() && !self.weak_hedge
    }
}

/// A flat summary claim and a hedged claim that says the same thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Twin {
    /// Index of the flat claim.
    pub flat: usize,
    /// The figure of the flat claim they share, if any (range in its text).
    pub figure: Option<Range<usize>>,
    /// Index of the hedged claim.
    pub hedged: usize,
    /// The hedge of the hedged claim (range in its text).
    pub hedge: Range<usize>,
}

/// Compiled alignment parameters.
#[derive(Debug, Clone)]
pub struct Aligner {
    function_words: WordSet,
    stem_chars: usize,
    min_shared_words: usize,
    min_shared_words_alone: usize,
    min_overlap_alone: f64,
    hedge_window: usize,
    max_postings: usize,
}

impl Aligner {
    /// Compiles a rule file's alignment parameters.
    pub fn new(spec: &AlignmentSpec) -> Result<Aligner, String> {
        if spec.stem_chars == 0 {
            return Err("`stem_chars` must be at least 1".into());
        }
        if !(0.0..=1.0).contains(&spec.min_overlap_alone) {
            return Err("`min_overlap_alone` must be between 0 and 1".into());
        }
        Ok(Aligner {
            function_words: WordSet::new(&spec.function_words),
            stem_chars: spec.stem_chars,
            min_shared_words: spec.min_shared_words,
            min_shared_words_alone: spec.min_shared_words_alone.max(1),
            min_overlap_alone: spec.min_overlap_alone,
            hedge_window: spec.hedge_window,
            max_postings: spec.max_postings.max(1),
        })
    }

    /// Adds the content-word stems of a claim to `table`, sorted and
    /// without repeats; words inside its figures and hedges are left out.
    /// `words` is scratch space for the claim's words.
    fn add_stems<'t>(
        &self,
        claim: &Claim<'t>,
        words: &mut Vec<words::Word<'t>>,
        table: &mut StemTable,
    ) {
        let skip = |w: &words::Word<'_>| {
            let r = w.range();
            claim
                .figures
                .iter()
                .map(|(_, f)| f)
                .chain(&claim.hedges)
                .any(|x| x.start < r.end && r.start < x.end)
        };
        words.clear();
        words::split_into(claim.text, words);
        let first = table.spans.len();
        for w in words.iter() {
            if w.is_numeric() || skip(w) {
                continue;
            }
            with_folded(w.text, |folded| {
                if let Some(stem) = self.stem(folded) {
                    table.push(stem);
                }
            });
        }
        table.close(first);
    }

    /// The stem of a folded word: its first `stem_chars` characters, its
    /// possessive `'s` dropped; none for short and function words.
    fn stem<'w>(&self, folded: &'w str) -> Option<&'w str> {
        let word = folded.strip_suffix("'s").unwrap_or(folded);
        if word.chars().nth(1).is_none() || self.function_words.contains_folded(word) {
            return None;
        }
        let end = if word.is_ascii() {
            word.len().min(self.stem_chars)
        } else {
            word.char_indices()
                .nth(self.stem_chars)
                .map_or(word.len(), |(i, _)| i)
        };
        Some(&word[..end])
    }

    /// Every (flat summary claim, hedged twin) pair, flat claims in order.
    /// Claims that share a figure align through it alone; the word overlap
    /// test is for pairs that share none.
    pub fn twins(&self, claims: &[Claim<'_>]) -> Vec<Twin> {
        // Only hedged claims and flat summary claims can pair up.
        let mut table = StemTable::default();
        let mut words = Vec::new();
        for claim in claims {
            if claim.hedges.is_empty() && !claim.is_flat_summary() {
                table.close(table.spans.len());
            } else {
                self.add_stems(claim, &mut words, &mut table);
            }
        }
        let stems = |i: usize| table.of(i);
        let mut by_figure: FxHashMap<FigureKey, Vec<usize>> = FxHashMap::default();
        let mut by_stem: FxHashMap<&[u8], Vec<usize>> = FxHashMap::default();
        for (i, claim) in claims.iter().enumerate() {
            if claim.hedges.is_empty() {
                continue;
            }
            for (key, _) in &claim.figures {
                let list = by_figure.entry(*key).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
            for stem in stems(i) {
                by_stem.entry(stem).or_default().push(i);
            }
        }
        let mut twins = Vec::new();
        let mut counts: FxHashMap<usize, usize> = FxHashMap::default();
        for (f, flat) in claims.iter().enumerate() {
            if !flat.is_flat_summary() {
                continue;
            }
            let before = twins.len();
            for (key, range) in &flat.figures {
                let Some(list) = by_figure.get(key) else {
                    continue;
                };
                for &h in list.iter().take(self.max_postings) {
                    let hedged = &claims[h];
                    if hedged.block == flat.block
                        || twins[before..].iter().any(|t: &Twin| t.hedged == h)
                        || shared(stems(f), stems(h)) < self.min_shared_words
                    {
                        continue;
                    }
                    if let Some(hedge) = self.hedge_near(hedged, key) {
                        twins.push(Twin {
                            flat: f,
                            figure: Some(range.clone()),
                            hedged: h,
                            hedge,
                        });
                    }
                }
            }
            if twins.len() > before || stems(f).len() < self.min_shared_words_alone {
                continue;
            }
            counts.clear();
            for stem in stems(f) {
                let Some(list) = by_stem.get(stem) else {
                    continue;
                };
                if list.len() > self.max_postings {
                    continue;
                }
                for &h in list {
                    *counts.entry(h).or_default() += 1;
                }
            }
            let mut found: Vec<usize> = counts
                .iter()
                .filter(|(&h, &n)| {
                    let shares_figure = claims[h]
                        .figures
                        .iter()
                        .any(|(k, _)| flat.figures.iter().any(|(fk, _)| fk == k));
                    !shares_figure
                        && claims[h].block != flat.block
                        && n >= self.min_shared_words_alone
                        && n as f64 >= self.min_overlap_alone * stems(f).len() as f64
                })
                .map(|(&h, _)| h)
                .collect();
            found.sort_unstable();
            twins.extend(found.into_iter().map(|h| Twin {
                flat: f,
                figure: None,
                hedged: h,
                hedge: claims[h].hedges[0].clone(),
            }));
        }
        twins
    }

    /// The hedge of `claim` closest to one of its figures with `key`, if it
    /// is within the hedge window (in words).
    fn hedge_near(&self, claim: &Claim<'_>, key: &FigureKey) -> Option<Range<usize>> {
        let mut best: Option<(usize, Range<usize>)> = None;
        for (k, figure) in &claim.figures {
            if k != key {
                continue;
            }
            for hedge in &claim.hedges {
                let gap = if hedge.end <= figure.start {
                    hedge.end..figure.start
                } else if figure.end <= hedge.start {
                    figure.end..hedge.start
                } else {
                    0..0
                };
                let distance = claim.text[gap].split_whitespace().count();
                if distance <= self.hedge_window && best.as_ref().is_none_or(|(d, _)| distance < *d)
                {
                    best = Some((distance, hedge.clone()));
                }
            }
        }
        best.map(|(_, hedge)| hedge)
    }
}

/// The stems of a list of claims in one buffer, so that stemming a claim
/// allocates nothing of its own: each claim's stems are a run of spans
/// into the buffer, sorted and without repeats.
#[derive(Debug, Default)]
struct StemTable {
    /// The stems' bytes, one after another.
    text: Vec<u8>,
    /// Each stem's byte range in `text`.
    spans: Vec<Range<u32>>,
    /// Per claim, its run of `spans`.
    claims: Vec<Range<usize>>,
}

impl StemTable {
    /// Adds a stem to the claim being stemmed.
    fn push(&mut self, stem: &str) {
        let start = self.text.len() as u32;
        self.text.extend_from_slice(stem.as_bytes());
        self.spans.push(start..self.text.len() as u32);
    }

    /// Ends the claim whose stems start at span `first`: sorts them and
    /// drops repeats.
    fn close(&mut self, first: usize) {
        let text = &self.text;
        let stem = |r: &Range<u32>| &text[r.start as usize..r.end as usize];
        self.spans[first..].sort_unstable_by(|a, b| stem(a).cmp(stem(b)));
        let mut kept = first;
        for i in first..self.spans.len() {
            if kept == first || stem(&self.spans[kept - 1]) != stem(&self.spans[i]) {
                self.spans[kept] = self.spans[i].clone();
                kept += 1;
            }
        }
        self.spans.truncate(kept);
        self.claims.push(first..kept);
    }

    /// The stems of claim `i`, in order.
    fn of(&self, i: usize) -> impl ExactSizeIterator<Item = &[u8]> + '_ {
        self.spans[self.claims[i].clone()]
            .iter()
            .map(|r| &self.text[r.start as usize..r.end as usize])
    }
}

/// How many stems two sorted stem lists share.
fn shared<'s>(a: impl Iterator<Item = &'s [u8]>, b: impl Iterator<Item = &'s [u8]>) -> usize {
    let (mut a, mut b) = (a.peekable(), b.peekable());
    let mut n = 0;
    while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => {
                a.next();
            }
            std::cmp::Ordering::Greater => {
                b.next();
            }
            std::cmp::Ordering::Equal => {
                n += 1;
                a.next();
                b.next();
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyses::figures::Figure;
    use crate::analyses::figures::FigureKind;

    fn aligner() -> Aligner {
        let list = |l: &[&str]| l.iter().map(|s| s.to_string()).collect();
        Aligner::new(&AlignmentSpec {
            function_words: list(&[
                "the", "is", "a", "on", "its", "of", "in", "to", "and", "isn't", "just",
            ]),
            stem_chars: 5,
            min_shared_words: 2,
            min_shared_words_alone: 4,
            min_overlap_alone: 0.6,
            hedge_window: 4,
            max_postings: 8,
        })
        .unwrap()
    }

    fn billion() -> FigureKey {
        Figure {
            range: 0..1,
            kind: FigureKind::Money,
            value: 1e9,
            currency: Some(0),
        }
        .key()
    }

    /// A claim with a figure (given by its text) and hedges (by their text).
    fn claim<'t>(
        block: usize,
        text: &'t str,
        figure: &str,
        hedges: &[&str],
        summary: bool,
    ) -> Claim<'t> {
        let find = |needle: &str| {
            let at = text.find(needle).expect("needle in text");
            at..at + needle.len()
        };
        Claim {
            block,
            offset: 0,
            text,
            figures: if figure.is_empty() {
                vec![]
            } else {
                vec![(billion(), find(figure))]
            },
            hedges: hedges.iter().map(|h| find(h)).collect(),
            weak_hedge: false,
            summary,
        }
    }

    #[test]
    fn a_flat_summary_claim_finds_its_hedged_twins_by_figure() {
        let claims = [
            claim(
                0,
                "ByteDance is the largest customer, spending $1 billion annually.",
                "$1 billion",
                &[],
                true,
            ),
            claim(
                1,
                "ByteDance is on track to spend $1 billion a year on cloud.",
                "$1 billion",
                &["on track to"],
                false,
            ),
            claim(
                2,
                "And ByteDance's projected billion-dollar annual spend is a dependency.",
                "billion-dollar",
                &["projected"],
                false,
            ),
            claim(
                3,
                "Some other firm may spend $1 billion on chips.",
                "$1 billion",
                &["may"],
                false,
            ),
        ];
        let twins = aligner().twins(&claims);
        let pairs: Vec<(usize, usize)> = twins.iter().map(|t| (t.flat, t.hedged)).collect();
        assert_eq!(pairs, [(0, 1), (0, 2)]);
        assert_eq!(&claims[1].text[twins[0].hedge.clone()], "on track to");
        assert_eq!(twins[0].figure, Some(44..54));
    }

    #[test]
    fn hedges_far_from_the_shared_figure_do_not_count() {
        let claims = [
            claim(0, "ByteDance spent $1 billion on cloud services.", "$1 billion", &[], true),
            claim(1, "ByteDance spent $1 billion on cloud services, and analysts expect its rivals to follow.", "$1 billion", &["expect"], false),
        ];
        assert!(aligner().twins(&claims).is_empty());
    }

    #[test]
    fn claims_without_figures_align_on_most_of_their_words() {
        let claims = [
            claim(
                0,
                "Chinese firms prefer GPT models for high-end applications.",
                "",
                &[],
                true,
            ),
            claim(
                1,
                "Chinese firms reportedly prefer GPT models for high-end work.",
                "",
                &["reportedly"],
                false,
            ),
            claim(
                2,
                "Chinese firms reportedly buy chips.",
                "",
                &["reportedly"],
                false,
            ),
        ];
        let twins = aligner().twins(&claims);
        assert_eq!(twins.len(), 1);
        assert_eq!(
            (twins[0].flat, twins[0].hedged, twins[0].figure.clone()),
            (0, 1, None)
        );
    }

    #[test]
    fn hedged_or_body_claims_are_never_the_flat_side() {
        let claims = [
            claim(
                0,
                "ByteDance may spend $1 billion on cloud.",
                "$1 billion",
                &["may"],
                true,
            ),
            claim(
                1,
                "ByteDance spends $1 billion on cloud.",
                "$1 billion",
                &[],
                false,
            ),
            claim(
                2,
                "ByteDance is expected to spend $1 billion on cloud.",
                "$1 billion",
                &["expected to"],
                false,
            ),
        ];
        let twins = aligner().twins(&claims);
        assert!(twins.is_empty(), "{twins:?}");
    }

    #[test]
    fn stems_skip_figures_hedges_and_function_words() {
        let c = claim(
            0,
            "ByteDance's projected billion-dollar annual spend isn't just spending.",
            "billion-dollar",
            &["projected"],
            false,
        );
        let mut table = StemTable::default();
        aligner().add_stems(&c, &mut Vec::new(), &mut table);
        let stems: Vec<&[u8]> = table.of(0).collect();
        assert_eq!(stems, [&b"annua"[..], b"byted", b"spend"]);
    }
}
