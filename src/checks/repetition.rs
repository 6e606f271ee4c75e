//! The `duplicate-block` check: a sentence or block printed twice.
//!
//! Assembled articles repeat themselves: the FAQ printed twice (once as
//! `Q:`/`A:`, once as a collapsible `▾` list), the caption printed again with
//! "· Image source: X" appended, a TL;DR bullet that is the intro's first
//! sentence word for word. Copies differ in decoration only, so every block
//! and sentence is normalised (the rule's `strip` patterns removed, case
//! folded, punctuation and whitespace collapsed) and looked up in one hash
//! map of everything seen before: linear in the size of the article, with no
//! pairwise comparison. A rolling hash over each block's word prefixes also
//! finds a block that is an earlier block with something appended.
//!
//! Two kinds of repetition are by design and never reported: lists of items,
//! specifications and recipe lines (only text that ends like a sentence is
//! compared, except for the kinds the rule exempts, such as captions), and
//! pull quotes (a one-sentence paragraph that repeats a sentence of a longer
//! paragraph). Numbers do not count as words. A question asked again with a
//! different answer after it (a questionnaire put to several people) is not
//! a repeat either.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use super::matcher::Matcher;
use super::{diagnostic, render_message, Check};
use crate::diagnostic::{Diagnostic, Label};
use crate::document::Document;
use crate::rules::{RuleMeta, Scope};

/// A compiled `kind: duplicate-block` rule.
#[derive(Debug, Clone)]
pub struct RepetitionConfig {
    /// Fewest normalised words (numbers excluded) a repeat needs.
    pub min_words: usize,
    /// Decorations removed before comparing.
    pub strip: Vec<Matcher>,
    /// Largest share of number words in a compared text.
    pub max_number_share: f64,
    /// Kinds compared even without a closing stop.
    pub unstopped_kinds: Scope,
    /// Kinds whose one-sentence blocks may be pull quotes.
    pub pull_quote_kinds: Scope,
    /// Message for a repeated sentence.
    pub sentence_message: String,
    /// Label at the first copy.
    pub first_label: String,
}

/// One `duplicate-block` rule at run time.
#[derive(Debug)]
pub struct RepetitionCheck {
    meta: Arc<RuleMeta>,
    config: RepetitionConfig,
}

/// What a first copy was: a whole block or a sentence inside a longer one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// A whole block; `pull` when it is a one-sentence block of a pull-quote kind.
    Whole { pull: bool },
    /// One sentence of a block with several.
    Inner,
}

/// Where a text was first seen: block index, range of its clean text, shape.
#[derive(Debug, Clone)]
struct Seen {
    block: usize,
    range: Range<usize>,
    shape: Shape,
}

/// A text in comparison form.
struct Normalised {
    /// Letters and digits lowercased, one space between words.
    text: String,
    /// Words with at least one letter.
    words: usize,
    /// Words without a letter (numbers).
    numbers: usize,
    /// Whether the original ended with a sentence stop.
    stopped: bool,
}

/// Multiplier of the polynomial rolling hash (odd, so it is invertible mod 2^64).
const HASH_BASE: u64 = 0x100_0000_01b3;
/// Marks that end a sentence.
const STOPS: &[char] = &['.', '!', '?', '…'];
/// Closing quotes and brackets that may follow a stop.
const CLOSERS: &[char] = &['"', '”', '’', '\'', ')', ']', '»'];

fn hash_step(hash: u64, byte: u8) -> u64 {
    hash.wrapping_mul(HASH_BASE)
        .wrapping_add(u64::from(byte) + 1)
}

fn hash_of(text: &str) -> u64 {
    text.bytes().fold(0, hash_step)
}

/// Words of a normalised text that hold a letter (numbers do not count).
fn letter_words(normalised: &str) -> usize {
    normalised
        .split(' ')
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count()
}

impl RepetitionCheck {
    /// A check for one rule.
    pub fn new(meta: Arc<RuleMeta>, config: RepetitionConfig) -> RepetitionCheck {
        RepetitionCheck { meta, config }
    }

    /// The part of `text` between its leading and trailing decorations
    /// (a `Q:` marker, a `▾`, an appended credit), what a report points at.
    fn content_range(&self, text: &str) -> Range<usize> {
        let mut range = 0..text.trim_end().len();
        for _ in 0..2 {
            for m in &self.config.strip {
                for cut in m.find_all(&text[range.clone()]) {
                    let cut = cut.start + range.start..cut.end + range.start;
                    if cut.start == range.start && cut.end < range.end {
                        range.start = cut.end;
                    } else if cut.end >= range.end && cut.start > range.start {
                        range.end = cut.start;
                    }
                }
            }
        }
        let slice = &text[range.clone()];
        let lead = slice.len() - slice.trim_start().len();
        range.start + lead..range.start + slice.trim_end().len()
    }

    /// The comparison form of `text`: decorations stripped, letters and
    /// digits lowercased, every other run of characters one space.
    fn normalise(&self, text: &str) -> Normalised {
        let mut cut: Vec<Range<usize>> = self
            .config
            .strip
            .iter()
            .flat_map(|m| m.find_all(text))
            .collect();
        cut.sort_by_key(|r| r.start);
        let mut out = String::with_capacity(text.len());
        let mut pending_space = false;
        let mut last_mark = None;
        let mut cuts = cut.iter().peekable();
        for (i, c) in text.char_indices() {
            while cuts.peek().is_some_and(|r| r.end <= i) {
                cuts.next();
            }
            if cuts.peek().is_some_and(|r| r.start <= i) {
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
        let words = letter_words(&out);
        Normalised {
            numbers: out.split(' ').filter(|w| !w.is_empty()).count() - words,
            words,
            text: out,
            stopped: last_mark.is_some_and(|c| STOPS.contains(&c)),
        }
    }

    /// Whether a normalised text of a block of `kind` is compared at all.
    fn comparable(&self, normalised: &Normalised, kind: crate::document::BlockKind) -> bool {
        let total = (normalised.words + normalised.numbers) as f64;
        normalised.words >= self.config.min_words
            && normalised.numbers as f64 <= self.config.max_number_share * total
            && (normalised.stopped || self.config.unstopped_kinds.contains(kind))
    }

    fn report(
        &self,
        doc: &Document<'_>,
        block: usize,
        range: Range<usize>,
        template: &str,
        first: &Seen,
        out: &mut Vec<Diagnostic>,
    ) {
        let blocks = doc.blocks();
        let b = &blocks[block];
        let message = render_message(template, &b.text()[range.clone()]);
        let mut found = diagnostic(&self.meta, message, b.source_range(range));
        found.labels.push(Label {
            range: blocks[first.block].source_range(first.range.clone()),
            message: self.config.first_label.clone(),
        });
        out.push(found);
    }

    /// Whether the block at `index` is a question whose first copy was
    /// answered differently: the blocks after the two copies differ.
    fn asked_again(&self, doc: &Document<'_>, index: usize, first: &Seen) -> bool {
        let blocks = doc.blocks();
        if first.shape == Shape::Inner || !blocks[index].text().trim_end().ends_with('?') {
            return false;
        }
        match (blocks.get(first.block + 1), blocks.get(index + 1)) {
            (Some(a), Some(b)) => self.normalise(a.text()).text != self.normalise(b.text()).text,
            _ => false,
        }
    }

    /// An earlier whole block whose normalised text begins `normalised` at
    /// a word boundary, with the length of that prefix.
    fn earlier_prefix<'m>(
        &self,
        normalised: &str,
        block_hashes: &'m HashMap<u64, (String, Seen)>,
    ) -> Option<(&'m Seen, usize)> {
        let bytes = normalised.as_bytes();
        let mut hash = 0;
        for (i, &byte) in bytes.iter().enumerate() {
            if byte == b' ' {
                if let Some((key, first)) = block_hashes.get(&hash) {
                    if key.as_bytes() == &bytes[..i] {
                        return Some((first, i));
                    }
                }
            }
            hash = hash_step(hash, byte);
        }
        None
    }
}

impl Check for RepetitionCheck {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        let min_words = self.config.min_words;
        // Every block and sentence seen, by normalised text.
        let mut seen: HashMap<String, Seen> = HashMap::new();
        // Whole blocks by the hash of their normalised text, for prefixes.
        let mut block_hashes: HashMap<u64, (String, Seen)> = HashMap::new();
        for (index, block) in doc.blocks().iter().enumerate() {
            if !self.meta.scope.contains(block.kind) {
                continue;
            }
            let text = block.text();
            let whole = self.content_range(text);
            let sentences = doc.sentences(index);
            let normalised = self.normalise(text);
            let comparable = self.comparable(&normalised, block.kind);
            let pull = sentences.len() == 1 && self.config.pull_quote_kinds.contains(block.kind);
            if comparable {
                if let Some(first) = seen.get(&normalised.text) {
                    // A pull quote repeats a sentence of a longer paragraph;
                    // a question asked again with a new answer is a series
                    // of interviews, not a repeated FAQ.
                    let pull_quote = pull && first.shape == Shape::Inner;
                    if !pull_quote && !self.asked_again(doc, index, first) {
                        self.report(doc, index, whole, &self.meta.message, first, out);
                    }
                    continue;
                }
                if let Some((first, len)) = self.earlier_prefix(&normalised.text, &block_hashes) {
                    let rest = letter_words(&normalised.text[len..]);
                    if !(first.shape == (Shape::Whole { pull: true }) && rest >= min_words) {
                        self.report(doc, index, whole.clone(), &self.meta.message, first, out);
                        continue;
                    }
                }
            }
            let mut keys = Vec::new();
            if sentences.len() > 1 {
                for range in sentences {
                    let key = self.normalise(&text[range.clone()]);
                    if !self.comparable(&key, block.kind) {
                        continue;
                    }
                    match seen.get(&key.text) {
                        Some(first) if first.shape == (Shape::Whole { pull: true }) => {}
                        Some(first) => {
                            let template = &self.config.sentence_message;
                            self.report(doc, index, range.clone(), template, first, out);
                        }
                        None => keys.push((key.text, range.clone())),
                    }
                }
            }
            if comparable {
                let here = Seen {
                    block: index,
                    range: whole,
                    shape: Shape::Whole { pull },
                };
                if let Entry::Vacant(slot) = block_hashes.entry(hash_of(&normalised.text)) {
                    slot.insert((normalised.text.clone(), here.clone()));
                }
                seen.entry(normalised.text).or_insert(here);
            }
            for (key, range) in keys {
                seen.entry(key).or_insert(Seen {
                    block: index,
                    range,
                    shape: Shape::Inner,
                });
            }
        }
    }
}
