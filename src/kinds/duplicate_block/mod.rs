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

mod memory;
mod normal;
mod restated;

use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use memory::Memory;
use normal::{summarise, write, Form, Prefix, PrefixFilter};
use restated::{restatements, Thresholds};

use serde::Deserialize;

use super::validate::{matchers, not_empty, positive, share};
use super::{diagnostic, render_message, Build, Check, Invalid, Kind, RuleMeta, Scope, ScopeName};
use crate::analyses::Article;
use crate::diagnostic::{Diagnostic, Label};
use crate::document::BlockKind;
use crate::engine::gate::Gate;
use crate::engine::matcher::Matcher;
use crate::engine::ListSpec;

/// The `duplicate-block` kind.
pub struct DuplicateBlock;

/// The keys of a `kind: duplicate-block` rule file.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DuplicateBlockParams {
    /// Fewest words (after normalising) a repeated text needs; shorter
    /// repeats are boilerplate.
    pub min_words: usize,
    /// Decorations removed before comparing: list markers, `Q:`/`A:`,
    /// `▾`, trailing credits.
    pub strip: ListSpec,
    /// Block kinds compared even when they do not end like a sentence
    /// (captions often have no full stop). Other text is compared only
    /// when it ends with `.`, `!`, `?` or `…`: lists of items, product
    /// specifications and recipe lines repeat by design.
    #[serde(default)]
    pub unstopped_kinds: Vec<ScopeName>,
    /// Kinds of a one-sentence block that repeats a sentence of a longer
    /// block on purpose: a pull quote. Never reported.
    #[serde(default)]
    pub pull_quote_kinds: Vec<ScopeName>,
    /// Largest share of a text's words that may be numbers for it to be
    /// compared: lists of quantities (recipes, results, specifications)
    /// repeat by design.
    pub max_number_share: f64,
    /// Message when a single sentence is repeated (`{match}` its text).
    pub sentence_message: String,
    /// Message of the secondary label at the first copy.
    pub first_label: String,
    /// Sentences that restate an earlier one in other words (off when
    /// absent).
    #[serde(default)]
    pub restated: Option<RestatedSpec>,
}

/// The restated-sentence search of `duplicate-block`: a sentence that
/// carries the same figures and names as an earlier one, and most of its
/// words, in other wording.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RestatedSpec {
    /// Message (`{match}`: the later sentence).
    pub message: String,
    /// Block kinds read (within the rule's scope).
    pub scope: Vec<ScopeName>,
    /// Fewest words in each of the two sentences.
    pub min_words: usize,
    /// Fewest anchors (figures, and names: words set with a capital where
    /// no sentence begins) each sentence carries and the two share.
    pub min_anchors: usize,
    /// Share of the shorter sentence's anchors found in the other.
    pub anchor_share: f64,
    /// Share of the longer sentence's anchors and content words found in
    /// the other (and so at least as much of the shorter one's).
    pub word_share: f64,
}

/// A compiled [`RestatedSpec`].
#[derive(Debug, Clone)]
pub struct RestatedConfig {
    /// Message for a restated sentence.
    pub message: String,
    /// Block kinds read.
    pub scope: Scope,
    /// When two sentences are one said twice.
    pub thresholds: Thresholds,
}

impl Kind for DuplicateBlock {
    const NAME: &'static str = "duplicate-block";
    type Params = DuplicateBlockParams;
    type Config = DuplicateBlockConfig;

    fn compile(params: DuplicateBlockParams) -> Result<DuplicateBlockConfig, Invalid> {
        Ok(DuplicateBlockConfig {
            min_words: positive(params.min_words, "min_words")?,
            strip: matchers(&params.strip)?,
            max_number_share: share(params.max_number_share, "max_number_share")?,
            unstopped_kinds: Scope::from_names(&params.unstopped_kinds),
            pull_quote_kinds: Scope::from_names(&params.pull_quote_kinds),
            sentence_message: not_empty(params.sentence_message, "sentence_message")?,
            first_label: not_empty(params.first_label, "first_label")?,
            restated: params
                .restated
                .map(|r| -> Result<RestatedConfig, Invalid> {
                    Ok(RestatedConfig {
                        message: not_empty(r.message, "message")?,
                        scope: Scope::from_names(&r.scope),
                        thresholds: Thresholds {
                            min_words: positive(r.min_words, "min_words")?,
                            min_anchors: positive(r.min_anchors, "min_anchors")?,
                            anchor_share: share(r.anchor_share, "anchor_share")?,
                            word_share: share(r.word_share, "word_share")?,
                            max_number_share: params.max_number_share,
                        },
                    })
                })
                .transpose()?,
        })
    }

    fn checks(rules: Vec<(Arc<RuleMeta>, Arc<DuplicateBlockConfig>)>, _: &Build) -> Vec<Box<dyn Check>> {
        rules
            .into_iter()
            .map(|(meta, config)| Box::new(DuplicateBlockCheck::new(meta, config)) as Box<dyn Check>)
            .collect()
    }
}

/// A compiled `kind: duplicate-block` rule.
#[derive(Debug, Clone)]
pub struct DuplicateBlockConfig {
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
    /// Sentences restated in other words (none: not searched).
    pub restated: Option<RestatedConfig>,
}

/// One `duplicate-block` rule at run time.
#[derive(Debug)]
pub struct DuplicateBlockCheck {
    meta: Arc<RuleMeta>,
    config: Arc<DuplicateBlockConfig>,
    /// One gate per `strip` matcher, in the same order.
    gates: Vec<Gate>,
}

/// Most sentence keys of one paragraph whose map is cleared for the next
/// paragraph rather than dropped.
const PARAGRAPH_KEYS_KEPT: usize = 256;

/// What a first copy was: a whole block or a sentence inside a longer one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// A whole block; `pull` when it is a one-sentence block of a pull-quote kind.
    Whole { pull: bool },
    /// One sentence of a block with several.
    Inner,
}

/// Where a text was first seen: the block, the range of its clean text
/// (`None` for the whole block), and its shape.
#[derive(Debug, Clone)]
struct Seen {
    block: usize,
    range: Option<Range<usize>>,
    shape: Shape,
}

/// Reusable state for one document.
#[derive(Default)]
struct Scratch {
    /// Sentence forms of the block at hand.
    span_forms: Vec<Option<Form>>,
    /// Cut ranges of the text at hand.
    cuts: Vec<Range<usize>>,
    /// Per strip matcher: whether it may match inside the block at hand.
    may_match_parts: Vec<bool>,
    /// The bytes of two forms being compared.
    left: Vec<u8>,
    right: Vec<u8>,
}

/// What the exact search reports in one document, and the sentences it
/// covers, as (block, start of the sentence in its clean text).
struct Reports<'o> {
    found: &'o mut Vec<Diagnostic>,
    sentences: HashSet<(usize, usize)>,
}

/// Whole blocks stored for the prefix search, with a filter on their lengths.
struct Blocks {
    memory: Memory<Seen>,
    /// Bit `n` is set when a stored block's form is `n` bytes long.
    lengths: Vec<u64>,
}

impl Blocks {
    fn note_length(&mut self, len: usize) {
        if self.lengths.len() <= len / 64 {
            self.lengths.resize(len / 64 + 1, 0);
        }
        self.lengths[len / 64] |= 1 << (len % 64);
    }
}

impl DuplicateBlockCheck {
    /// A check for one rule.
    pub fn new(meta: Arc<RuleMeta>, config: Arc<DuplicateBlockConfig>) -> DuplicateBlockCheck {
        let gates = config.strip.iter().map(Gate::new).collect();
        DuplicateBlockCheck {
            meta,
            config,
            gates,
        }
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

    /// Collects into `cuts` the decorations of `text` (the matches of the
    /// rule's `strip` patterns), running only the matchers whose gate
    /// admits it and, with `parts`, that may match inside the enclosing block.
    fn find_cuts(&self, text: &str, parts: Option<&[bool]>, cuts: &mut Vec<Range<usize>>) {
        cuts.clear();
        for (index, (m, gate)) in self.config.strip.iter().zip(&self.gates).enumerate() {
            if parts.is_some_and(|p| !p[index]) || !gate.admits(text) {
                continue;
            }
            cuts.extend(m.find_all(text));
        }
        cuts.sort_by_key(|r| r.start);
    }

    /// Writes the comparison form of a block, or of a range of its text, to
    /// `out`: decorations stripped, letters and digits lowercased, every
    /// other run of characters one space.
    fn write_form(
        &self,
        doc: &Article<'_>,
        block: usize,
        range: Option<&Range<usize>>,
        cuts: &mut Vec<Range<usize>>,
        out: &mut Vec<u8>,
    ) {
        let text = doc.blocks()[block].text();
        let text = range.map_or(text, |r| &text[r.clone()]);
        self.find_cuts(text, None, cuts);
        out.clear();
        write(text, cuts, out);
    }

    /// Whether the forms of two texts (a block, or a range of one) are
    /// equal, or with `prefix`, agree on their first `prefix` bytes.
    fn same_form(
        &self,
        doc: &Article<'_>,
        a: (usize, Option<&Range<usize>>),
        b: (usize, Option<&Range<usize>>),
        prefix: Option<usize>,
        scratch: &mut Scratch,
    ) -> bool {
        self.write_form(doc, a.0, a.1, &mut scratch.cuts, &mut scratch.left);
        self.write_form(doc, b.0, b.1, &mut scratch.cuts, &mut scratch.right);
        match prefix {
            Some(len) => scratch.left.get(..len) == scratch.right.get(..len),
            None => scratch.left == scratch.right,
        }
    }

    /// Whether a text of a block of `kind` in this form is compared at all.
    fn comparable(&self, form: &Form, kind: BlockKind) -> bool {
        let total = (form.words + form.numbers) as f64;
        form.words >= self.config.min_words
            && form.numbers as f64 <= self.config.max_number_share * total
            && (form.stopped || self.config.unstopped_kinds.contains(kind))
    }

    fn report(
        &self,
        doc: &Article<'_>,
        block: usize,
        range: Range<usize>,
        template: &str,
        first: &Seen,
        out: &mut Reports,
    ) {
        // The sentences a report covers are not reported again as restated
        // (sentences are in order: the first is found by binary search).
        let sentences = doc.sentences(block);
        let first_covered = sentences.partition_point(|s| s.end <= range.start);
        out.sentences.extend(
            sentences[first_covered..]
                .iter()
                .take_while(|s| s.start < range.end)
                .map(|s| (block, s.start)),
        );
        let blocks = doc.blocks();
        let b = &blocks[block];
        let message = render_message(template, &b.text()[range.clone()]);
        let mut found = diagnostic(&self.meta, message, b.source_range(range));
        let first_block = &blocks[first.block];
        let first_range = first
            .range
            .clone()
            .unwrap_or_else(|| self.content_range(first_block.text()));
        found.labels.push(Label {
            range: first_block.source_range(first_range),
            message: self.config.first_label.clone(),
        });
        out.found.push(found);
    }

    /// Whether the block at `index` is a question whose first copy was
    /// answered differently: the blocks after the two copies differ.
    fn asked_again(
        &self,
        doc: &Article<'_>,
        index: usize,
        first: &Seen,
        scratch: &mut Scratch,
    ) -> bool {
        let blocks = doc.blocks();
        if first.shape == Shape::Inner || !blocks[index].text().trim_end().ends_with('?') {
            return false;
        }
        if first.block + 1 >= blocks.len() || index + 1 >= blocks.len() {
            return false;
        }
        let (a, b) = ((first.block + 1, None), (index + 1, None));
        !self.same_form(doc, a, b, None, scratch)
    }
}

impl Check for DuplicateBlockCheck {
    fn check(&self, doc: &Article<'_>, found: &mut Vec<Diagnostic>) {
        let mut reports = Reports {
            found,
            sentences: HashSet::new(),
        };
        self.exact(doc, &mut reports);
        if let Some(restated) = &self.config.restated {
            let in_scope = |index: usize| {
                let kind = doc.blocks()[index].kind;
                self.meta.scope.contains(kind) && restated.scope.contains(kind)
            };
            let pairs = restatements(doc, &in_scope, &reports.sentences, &restated.thresholds);
            for ((block, range), (first, first_range)) in pairs {
                let first = Seen {
                    block: first,
                    range: Some(first_range),
                    shape: Shape::Inner,
                };
                self.report(doc, block, range, &restated.message, &first, &mut reports);
            }
        }
    }
}

impl DuplicateBlockCheck {
    /// The search for repeats that differ in decoration only: every block
    /// and sentence looked up, by comparison form, among those before it.
    fn exact(&self, doc: &Article<'_>, out: &mut Reports) {
        let min_words = self.config.min_words;
        let mut scratch = Scratch {
            may_match_parts: vec![true; self.gates.len()],
            ..Scratch::default()
        };
        // Every block and sentence seen, by comparison form (most blocks
        // are a sentence or two).
        let block_count = doc.blocks().len();
        let mut seen: Memory<Seen> = Memory::with_capacity(2 * block_count);
        // Whole blocks, for the prefix search.
        let mut blocks = Blocks {
            memory: Memory::with_capacity(block_count),
            lengths: Vec::new(),
        };
        // Word-end prefixes of the block at hand.
        let mut prefixes: Vec<Prefix> = Vec::new();
        // Sentences of the block at hand not seen before, stored after it.
        // This paragraph's sentences so far, in order, and where each
        // (hash, length) of a form stands among them.
        let mut keys: Vec<(Form, Range<usize>)> = Vec::new();
        let mut key_index: FxHashMap<(u64, usize), Vec<usize>> = FxHashMap::default();
        for (index, block) in doc.blocks().iter().enumerate() {
            if !self.meta.scope.contains(block.kind) {
                continue;
            }
            let text = block.text();
            let sentences = doc.sentences(index);
            let spans: &[Range<usize>] = if sentences.len() > 1 { sentences } else { &[] };
            // One pass without cuts gives the block's form and its
            // sentences' forms; decorations are rare, and a text that has
            // some is summarised again on its own.
            let filter = PrefixFilter {
                out: &mut prefixes,
                min_words,
                lengths: &blocks.lengths,
            };
            let mut form = summarise(text, &[], spans, &mut scratch.span_forms, Some(filter));
            for (may, gate) in scratch.may_match_parts.iter_mut().zip(&self.gates) {
                *may = gate.is_anchored() || gate.admits_parts(text);
            }
            self.find_cuts(text, Some(&scratch.may_match_parts), &mut scratch.cuts);
            if !scratch.cuts.is_empty() {
                let filter = PrefixFilter {
                    out: &mut prefixes,
                    min_words,
                    lengths: &blocks.lengths,
                };
                form = summarise(text, &scratch.cuts, &[], &mut Vec::new(), Some(filter));
            }
            let comparable = self.comparable(&form, block.kind);
            let pull = sentences.len() == 1 && self.config.pull_quote_kinds.contains(block.kind);
            let here = (index, None);
            if comparable {
                let first = seen.get(form.hash, form.len, |first| {
                    let there = (first.block, first.range.as_ref());
                    self.same_form(doc, there, here, None, &mut scratch)
                });
                if let Some(first) = first {
                    // A pull quote repeats a sentence of a longer paragraph;
                    // a question asked again with a new answer is a series
                    // of interviews, not a repeated FAQ.
                    let pull_quote = pull && first.shape == Shape::Inner;
                    if !pull_quote && !self.asked_again(doc, index, first, &mut scratch) {
                        let whole = self.content_range(text);
                        self.report(doc, index, whole, &self.meta.message, first, out);
                    }
                    continue;
                }
                // An earlier whole block this one begins with.
                let earlier = prefixes.iter().filter(|p| p.len < form.len).find_map(|p| {
                    let first = blocks.memory.get(p.hash, p.len, |first| {
                        let there = (first.block, None);
                        self.same_form(doc, there, here, Some(p.len), &mut scratch)
                    })?;
                    Some((first, p.words))
                });
                if let Some((first, prefix_words)) = earlier {
                    let rest = form.words - prefix_words;
                    if !(first.shape == (Shape::Whole { pull: true }) && rest >= min_words) {
                        let whole = self.content_range(text);
                        self.report(doc, index, whole, &self.meta.message, first, out);
                        continue;
                    }
                }
            }
            // A map one long paragraph grew is dropped, not cleared (at the
            // cost of its capacity) for every later block.
            keys.clear();
            if key_index.capacity() > PARAGRAPH_KEYS_KEPT {
                key_index = FxHashMap::default();
            } else {
                key_index.clear();
            }
            for (n, range) in spans.iter().enumerate() {
                let sentence = &text[range.clone()];
                let parts = Some(scratch.may_match_parts.as_slice());
                self.find_cuts(sentence, parts, &mut scratch.cuts);
                let key = match scratch.span_forms[n] {
                    Some(key) if scratch.cuts.is_empty() => key,
                    _ => summarise(sentence, &scratch.cuts, &[], &mut Vec::new(), None),
                };
                if !self.comparable(&key, block.kind) {
                    continue;
                }
                let first = seen.get(key.hash, key.len, |first| {
                    let there = (first.block, first.range.as_ref());
                    self.same_form(doc, there, (index, Some(range)), None, &mut scratch)
                });
                // A sentence said twice in one paragraph: its earlier
                // sentences are stored only after it, so they are looked
                // up here, by their form's hash.
                let mut within = || {
                    key_index.get(&(key.hash, key.len))?.iter().find_map(|&k| {
                        let r = &keys[k].1;
                        let there = (index, Some(r));
                        let here = (index, Some(range));
                        self.same_form(doc, there, here, None, &mut scratch)
                            .then(|| Seen {
                                block: index,
                                range: Some(r.clone()),
                                shape: Shape::Inner,
                            })
                    })
                };
                match first {
                    Some(first) if first.shape == (Shape::Whole { pull: true }) => {}
                    Some(first) => {
                        let template = &self.config.sentence_message;
                        self.report(doc, index, range.clone(), template, first, out);
                    }
                    None => match within() {
                        Some(first) => {
                            let template = &self.config.sentence_message;
                            self.report(doc, index, range.clone(), template, &first, out);
                        }
                        None => {
                            let at = keys.len();
                            key_index.entry((key.hash, key.len)).or_default().push(at);
                            keys.push((key, range.clone()));
                        }
                    },
                }
            }
            if comparable {
                let seen_here = Seen {
                    block: index,
                    range: None,
                    shape: Shape::Whole { pull },
                };
                let same = |first: &Seen| {
                    let there = (first.block, first.range.as_ref());
                    self.same_form(doc, there, here, None, &mut scratch)
                };
                blocks.note_length(form.len);
                blocks
                    .memory
                    .insert(form.hash, form.len, seen_here.clone(), same);
                seen.insert(form.hash, form.len, seen_here, |first| {
                    let there = (first.block, first.range.as_ref());
                    self.same_form(doc, there, here, None, &mut scratch)
                });
            }
            for (key, range) in keys.drain(..) {
                let here = (index, Some(&range));
                let same = |first: &Seen| {
                    let there = (first.block, first.range.as_ref());
                    self.same_form(doc, there, here, None, &mut scratch)
                };
                let seen_here = Seen {
                    block: index,
                    range: Some(range.clone()),
                    shape: Shape::Inner,
                };
                seen.insert(key.hash, key.len, seen_here, same);
            }
        }
    }
}
