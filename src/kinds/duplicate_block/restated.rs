//! Sentences that say an earlier one again in other words.
//!
//! A model that loses track of what it has written restates its lede
//! further down: "The Hawks beat the Owls 3-1 in a county league match on
//! Friday." / "Hawks claimed a 3-1 win over the Owls in county league play
//! Friday." The wording differs, so no comparison form matches; what stays
//! is the sentence's anchors (its figures and its names) and most of its
//! content words. Each sentence is reduced to those two sets; sentences are
//! indexed by anchor, and only a bounded number of the latest sentences
//! sharing an anchor are compared, so the pass stays linear. A pair is a
//! restatement when both carry enough anchors, the shorter one's anchors
//! nearly all recur in the other, and most of its words do. A sentence with
//! a quotation is left alone: a lede that paraphrases a quote and the quote
//! itself share their words by design, and so does a later quote that
//! mentions the lede's score. Nor is a sentence whose figures, names and
//! content words are the very same as an earlier one's, in the same order:
//! that is the lede reprinted with a word changed in a video's or a related
//! story's teaser.

use std::collections::HashSet;
use std::hash::{BuildHasher, BuildHasherDefault};
use std::ops::Range;
use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet, FxHasher};

use crate::analyses::Article;
use crate::language::COMMON_WORDS;

/// How many of the latest sentences sharing one anchor a sentence is
/// compared with: what keeps the pass linear on long articles.
const RECENT_PER_ANCHOR: usize = 16;

/// Most anchors read per sentence (a list of names is no lede).
const MAX_ANCHORS: usize = 12;

/// Fewest content words two restatements share (besides their anchors).
const MIN_SHARED_WORDS: usize = 2;

/// Letters a content word is cut to, so that "claim" and "claimed",
/// "league" and "leagues" agree.
const STEM_CHARS: usize = 5;

/// When two sentences are one said twice.
#[derive(Debug, Clone)]
pub struct Thresholds {
    /// Fewest words in each sentence.
    pub min_words: usize,
    /// Fewest anchors (figures and names) each sentence carries, and the
    /// fewest they share.
    pub min_anchors: usize,
    /// Share of the shorter sentence's anchors found in the other.
    pub anchor_share: f64,
    /// Share of the longer sentence's anchors and content words together
    /// found in the other.
    pub word_share: f64,
    /// Largest share of a sentence's words that may be numbers (a line of
    /// results or quantities is no lede).
    pub max_number_share: f64,
}

/// A sentence reduced to what a restatement keeps.
struct Gist {
    block: usize,
    range: Range<usize>,
    /// Hashes of its figures and names, sorted, unique.
    anchors: Vec<u64>,
    /// Hashes of its figures alone, sorted, unique.
    figures: Vec<u64>,
    /// Hashes of its content-word stems, sorted, unique.
    words: Vec<u64>,
    /// A hash of its anchors and stems in the order it says them.
    order: u64,
}

/// How many items two sorted, unique lists share.
fn shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The hasher of anchors and stems (fixed, so runs are reproducible; a
/// fast one, since every word of every sentence is hashed).
fn hash(text: &str) -> u64 {
    BuildHasherDefault::<FxHasher>::default().hash_one(text)
}

/// The language data's common words, as a set built once.
static COMMON: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| COMMON_WORDS.iter().copied().collect());

/// `word` in small letters, written into `out` (no allocation once `out`
/// has grown).
fn lower_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
    } else {
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
}

/// A token without the punctuation around it and a possessive ending.
fn bare(token: &str) -> &str {
    let token = token.trim_matches(|c: char| !c.is_alphanumeric());
    token
        .strip_suffix("'s")
        .or_else(|| token.strip_suffix("’s"))
        .unwrap_or(token)
}

/// Whether a sentence quotes someone: it holds a double quotation mark,
/// or a single one opening a word.
fn quotes(sentence: &str) -> bool {
    sentence.contains(['“', '”', '"', '«', '»']) || sentence.contains(" ‘")
}

/// The words of the article's in-scope text that are set with a capital
/// where no sentence begins: its names.
fn names(doc: &Article<'_>, in_scope: &dyn Fn(usize) -> bool) -> FxHashSet<String> {
    let mut names = FxHashSet::default();
    let mut lower = String::new();
    for (index, block) in doc.blocks().iter().enumerate() {
        if !in_scope(index) {
            continue;
        }
        let text = block.text();
        for range in doc.sentences(index) {
            for token in text[range.clone()].split_whitespace().skip(1) {
                // Most words start with a small letter or a digit: no name.
                if token.as_bytes()[0].is_ascii_lowercase() || token.as_bytes()[0].is_ascii_digit() {
                    continue;
                }
                let word = bare(token);
                if word.chars().next().is_some_and(char::is_uppercase)
                    && !word.bytes().any(|b| b.is_ascii_digit())
                {
                    lower_into(word, &mut lower);
                    if !COMMON.contains(lower.as_str()) && !names.contains(&lower) {
                        names.insert(lower.clone());
                    }
                }
            }
        }
    }
    names
}

/// The gist of `sentence`, the text at (block, range), or `None`
/// when it is not compared (too short, a quotation, too few anchors).
fn gist(
    (block, range): Place,
    sentence: &str,
    thresholds: &Thresholds,
    names: &FxHashSet<String>,
    buffer: &mut String,
) -> Option<Gist> {
    if quotes(sentence) || !sentence.trim_end().ends_with(['.', '!', '?']) {
        return None;
    }
    let (mut count, mut numbers) = (0, 0);
    let (mut anchors, mut figures, mut words) = (Vec::new(), Vec::new(), Vec::new());
    // The name being read: capitalised words in a row are one name
    // ("Fort Worth", "MacBook Pro").
    let mut name = String::new();
    let flush = |name: &mut String, anchors: &mut Vec<u64>| {
        if !name.is_empty() {
            anchors.push(hash(name));
            name.clear();
        }
    };
    for (n, token) in sentence.split_whitespace().enumerate() {
        count += 1;
        let word = bare(token);
        let Some(first) = word.chars().next() else {
            flush(&mut name, &mut anchors);
            continue;
        };
        if word.bytes().any(|b| b.is_ascii_digit()) {
            flush(&mut name, &mut anchors);
            numbers += 1;
            // A lone digit counts items; "3-1" and "3–1" are one score.
            if word.chars().count() > 1 {
                let figure: String = word
                    .chars()
                    .map(|c| if matches!(c, '–' | '—') { '-' } else { c })
                    .collect();
                figures.push(hash(&figure.to_lowercase()));
            }
            continue;
        }
        // Words already in small ASCII letters (most) are not copied.
        let lower: &str = if word.bytes().all(|b| b.is_ascii_lowercase()) {
            word
        } else {
            lower_into(word, buffer);
            buffer
        };
        let is_name = first.is_uppercase()
            && !COMMON.contains(lower)
            && (n > 0 || names.contains(lower));
        if is_name {
            if !name.is_empty() {
                name.push(' ');
            }
            name.push_str(lower);
            // A name ends at its punctuation ("Hawks, Owls").
            if token.ends_with(|c: char| !c.is_alphanumeric()) {
                flush(&mut name, &mut anchors);
            }
            continue;
        }
        flush(&mut name, &mut anchors);
        if !COMMON.contains(lower) && lower.chars().nth(2).is_some() {
            let stem_end = lower.char_indices().nth(STEM_CHARS).map_or(lower.len(), |(i, _)| i);
            words.push(hash(&lower[..stem_end]));
        }
    }
    flush(&mut name, &mut anchors);
    let order = in_order(&anchors, &figures, &words);
    anchors.extend_from_slice(&figures);
    for list in [&mut anchors, &mut figures, &mut words] {
        list.sort_unstable();
        list.dedup();
    }
    // A line of names or title-case words, or of results, is no lede.
    (count >= thresholds.min_words
        && numbers as f64 <= thresholds.max_number_share * count as f64
        && anchors.len() >= thresholds.min_anchors
        && anchors.len() <= MAX_ANCHORS
        && anchors.len() <= 2 * words.len())
        .then_some(Gist {
            block,
            range,
            anchors,
            figures,
            words,
            order,
        })
}

/// A hash of a sentence's anchors and stems in the order it says them
/// (names, then figures, then stems, each list in its order: what
/// changes when the sentence is reworded).
fn in_order(names: &[u64], figures: &[u64], words: &[u64]) -> u64 {
    let all: Vec<u64> = names.iter().chain(figures).chain(words).copied().collect();
    BuildHasherDefault::<FxHasher>::default().hash_one(&all)
}

/// Whether two gists are one sentence said twice in other words. Two
/// sentences that say the very same figures, names and content words in
/// the same order are one sentence with a small word changed ("released
/// Monday" / "released on Monday"): a page reprinting its lede in a
/// video's or a related story's teaser, not a restatement. Otherwise: the
/// figures of one are
/// all figures of the other (a different price or year is a different
/// fact), they share enough anchors, nearly all of the fewer anchors
/// either carries, two content words or more, and `word_share` of the
/// anchors and words of the longer one, and so of the shorter one too (a
/// short sentence that names what a long one says, and no more, is no
/// restatement of it).
fn restates(a: &Gist, b: &Gist, thresholds: &Thresholds) -> bool {
    let fewer_figures = a.figures.len().min(b.figures.len());
    if shared(&a.figures, &b.figures) < fewer_figures || a.order == b.order {
        return false;
    }
    let anchors = shared(&a.anchors, &b.anchors);
    let words = shared(&a.words, &b.words);
    let fewer_anchors = a.anchors.len().min(b.anchors.len());
    let longer = (a.anchors.len() + a.words.len()).max(b.anchors.len() + b.words.len());
    anchors >= thresholds.min_anchors
        && words >= MIN_SHARED_WORDS
        && anchors as f64 >= thresholds.anchor_share * fewer_anchors as f64
        && (anchors + words) as f64 >= thresholds.word_share * longer as f64
}

/// A sentence: its block and the range of the block's clean text.
pub type Place = (usize, Range<usize>);

/// Pairs (later, earlier) of sentences, as (block, range of its clean
/// text), where the later one restates the earlier in other words. Blocks
/// for which `in_scope` is false are not read; sentences in `skip`
/// (already reported as exact repeats) are not reported again. Two
/// sentences of one block are not compared.
pub fn restatements(
    doc: &Article<'_>,
    in_scope: &dyn Fn(usize) -> bool,
    skip: &HashSet<(usize, usize)>,
    thresholds: &Thresholds,
) -> Vec<(Place, Place)> {
    let names = names(doc, in_scope);
    let mut lower = String::new();
    let mut gists: Vec<Gist> = Vec::new();
    let mut by_anchor: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    let mut found = Vec::new();
    let mut ids: Vec<usize> = Vec::new();
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for (index, block) in doc.blocks().iter().enumerate() {
        if !in_scope(index) {
            continue;
        }
        let text = block.text();
        // The block's sentences are indexed after it: two sentences of
        // one block are not compared.
        let first_here = gists.len();
        for range in doc.sentences(index) {
            let sentence = &text[range.clone()];
            let place = (index, range.clone());
            let Some(here) = gist(place, sentence, thresholds, &names, &mut lower) else {
                continue;
            };
            // Earlier sentences of other blocks sharing an anchor, the
            // latest few per anchor, with how many anchors they share.
            // (Ids gathered, sorted and counted in runs: a sentence may
            // gather a couple of hundred.)
            ids.clear();
            for anchor in &here.anchors {
                if let Some(list) = by_anchor.get(anchor) {
                    ids.extend(list.iter().rev().take(RECENT_PER_ANCHOR));
                }
            }
            ids.sort_unstable();
            counts.clear();
            for chunk in ids.chunk_by(|a, b| a == b) {
                counts.push((chunk[0], chunk.len()));
            }
            let reported = skip.contains(&(index, range.start));
            if !reported {
                let first = counts
                    .iter()
                    .filter(|&&(_, n)| n >= thresholds.min_anchors)
                    .map(|&(id, _)| id)
                    .filter(|&id| restates(&gists[id], &here, thresholds))
                    .min();
                if let Some(id) = first {
                    let there = &gists[id];
                    found.push(((index, range.clone()), (there.block, there.range.clone())));
                }
            }
            gists.push(here);
        }
        for (id, gist) in gists.iter().enumerate().skip(first_here) {
            for anchor in &gist.anchors {
                by_anchor.entry(*anchor).or_default().push(id);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::kinds::testing::lint_with_builtin;

    #[test]
    fn shared_items_of_sorted_lists() {
        assert_eq!(shared(&[1, 3, 5, 7], &[3, 4, 5, 8]), 2);
        assert_eq!(shared(&[], &[1]), 0);
    }

    /// (line, message start) of what the built-in rule reports in `text`.
    fn found(text: &str) -> Vec<(usize, String)> {
        let (source, found) = lint_with_builtin("duplicate-block", text, Format::Plain);
        found
            .iter()
            .map(|d| {
                let words: String = d.message.chars().take(40).collect();
                (source.position(d.range.start).line, words)
            })
            .collect()
    }

    #[test]
    fn a_lede_restated_in_other_words_is_reported_at_the_restatement() {
        let text = "The Hawks beat the Owls 3-1 in a county league match on Friday.\n\n\
                    The win lifts the club to third place in the table.\n\n\
                    Hawks claimed a 3-1 win over the Owls in county league play on Friday.\n";
        assert_eq!(
            found(text),
            [(5, "this sentence restates an earlier one in".to_string())]
        );
        let (source, diagnostics) = lint_with_builtin("duplicate-block", text, Format::Plain);
        let first = &diagnostics[0].labels[0];
        assert_eq!(source.position(first.range.start).line, 1);
    }

    #[test]
    fn shared_figures_and_names_in_other_sentences_pass() {
        for text in [
            // the score again in a quote
            "The Hawks beat the Owls 3-1 in a county league match on Friday.\n\n\
             “That 3-1 win over the Owls was our best of the season,” said the coach.\n",
            // the same names, a different score
            "The Owls beat the Hawks 2-0 at home in a county league match in March.\n\n\
             The Hawks beat the Owls 3-1 away in a county league match on Friday.\n",
            // the same names, other words
            "Harbour Ferries will cut its winter crossings to Skerry Island from six to four.\n\n\
             Harbour Ferries added two summer crossings to Skerry Island after complaints.\n",
            // the lede reprinted in a teaser with a word changed
            "The Hawks beat the Owls 3-1 in a county league match on Friday.\n\n\
             The Hawks beat the Owls 3-1 in a county league match Friday.\n",
            // a line of results
            "Smith: 12 tackles, 3 sacks, 2 interceptions in 4 games for the Hawks and Owls.\n\n\
             Jones: 10 tackles, 3 sacks, 2 interceptions in 4 games for the Hawks and Owls.\n",
        ] {
            assert_eq!(found(text), [], "{text}");
        }
    }

    #[test]
    fn quotations_and_bare_tokens() {
        assert!(quotes("“It was our best win,” she said."));
        assert!(!quotes("The club’s best win came on Friday."));
        assert_eq!(bare("Owls’s,"), "Owls");
        assert_eq!(bare("(3-1)"), "3-1");
    }
}
