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

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use super::matcher::Matcher;
use super::{diagnostic, render_message, Check};
use crate::diagnostic::{Diagnostic, Label};
use crate::document::Document;
use crate::rules::RuleMeta;

/// A compiled `kind: duplicate-block` rule.
#[derive(Debug, Clone)]
pub struct RepetitionConfig {
    /// Fewest normalised words a repeat needs.
    pub min_words: usize,
    /// Decorations removed before comparing.
    pub strip: Vec<Matcher>,
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

/// Where a text was first seen: block index and range of its clean text.
#[derive(Debug, Clone)]
struct Seen {
    block: usize,
    range: Range<usize>,
}

/// Multiplier of the polynomial rolling hash (odd, so it is invertible mod 2^64).
const HASH_BASE: u64 = 0x100_0000_01b3;

fn hash_step(hash: u64, byte: u8) -> u64 {
    hash.wrapping_mul(HASH_BASE)
        .wrapping_add(u64::from(byte) + 1)
}

fn hash_of(text: &str) -> u64 {
    text.bytes().fold(0, hash_step)
}

impl RepetitionCheck {
    /// A check for one rule.
    pub fn new(meta: Arc<RuleMeta>, config: RepetitionConfig) -> RepetitionCheck {
        RepetitionCheck { meta, config }
    }

    /// The comparison form of `text`: decorations stripped, letters and
    /// digits lowercased, every other run of characters one space.
    fn normalise(&self, text: &str) -> String {
        let mut cut: Vec<Range<usize>> = self
            .config
            .strip
            .iter()
            .flat_map(|m| m.find_all(text))
            .collect();
        cut.sort_by_key(|r| r.start);
        let mut out = String::with_capacity(text.len());
        let mut pending_space = false;
        let mut cuts = cut.iter().peekable();
        for (i, c) in text.char_indices() {
            while cuts.peek().is_some_and(|r| r.end <= i) {
                cuts.next();
            }
            if cuts.peek().is_some_and(|r| r.start <= i) || !c.is_alphanumeric() {
                pending_space = true;
                continue;
            }
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        }
        out
    }

    fn word_count(normalised: &str) -> usize {
        if normalised.is_empty() {
            0
        } else {
            normalised.bytes().filter(|&b| b == b' ').count() + 1
        }
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
            let whole = 0..text.trim_end().len();
            let normalised = self.normalise(text);
            let words = Self::word_count(&normalised);
            if words >= min_words {
                let earlier = seen
                    .get(&normalised)
                    .or_else(|| self.earlier_prefix(&normalised, &block_hashes));
                if let Some(first) = earlier {
                    self.report(doc, index, whole, &self.meta.message, first, out);
                    continue;
                }
            }
            let sentences = doc.sentences(index);
            let mut keys = Vec::with_capacity(sentences.len());
            if sentences.len() > 1 {
                for range in sentences {
                    let key = self.normalise(&text[range.clone()]);
                    if Self::word_count(&key) < min_words {
                        continue;
                    }
                    if let Some(first) = seen.get(&key) {
                        let template = &self.config.sentence_message;
                        self.report(doc, index, range.clone(), template, first, out);
                    } else {
                        keys.push((key, range.clone()));
                    }
                }
            }
            if words >= min_words {
                let here = Seen {
                    block: index,
                    range: whole,
                };
                if let Entry::Vacant(slot) = block_hashes.entry(hash_of(&normalised)) {
                    slot.insert((normalised.clone(), here.clone()));
                }
                seen.entry(normalised).or_insert(here);
            }
            for (key, range) in keys {
                seen.entry(key).or_insert(Seen {
                    block: index,
                    range,
                });
            }
        }
    }
}

impl RepetitionCheck {
    /// An earlier block whose whole normalised text begins `normalised` (at
    /// a word boundary, with at least `min_words` words).
    fn earlier_prefix<'m>(
        &self,
        normalised: &str,
        block_hashes: &'m HashMap<u64, (String, Seen)>,
    ) -> Option<&'m Seen> {
        let bytes = normalised.as_bytes();
        let mut hash = 0;
        let mut words = 1;
        for (i, &byte) in bytes.iter().enumerate() {
            if byte == b' ' {
                if words >= self.config.min_words {
                    if let Some((key, first)) = block_hashes.get(&hash) {
                        if key.as_bytes() == &bytes[..i] {
                            return Some(first);
                        }
                    }
                }
                words += 1;
            }
            hash = hash_step(hash, byte);
        }
        None
    }
}
