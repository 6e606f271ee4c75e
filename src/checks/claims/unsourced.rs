//! The `figure-attribution` check (rule `unsourced-figure`): statistics with
//! no attribution nearby.
//!
//! A figure counts as sourced when its own sentence, or one of the few
//! sentences before or after it (in the same paragraph, or in the
//! paragraphs next to it when the rule lets prose run on), carries an
//! attribution cue; when
//! it stands inside a quotation (the speaker is the source); or when the
//! same figure (by [`FigureKey`]) is sourced anywhere in the article, so a
//! headline or summary may repeat a number the body attributes. List items
//! and table rows are judged whole, with their section heading, their
//! table's header row, a lead-in line ending in `:` and a source line right
//! after them as context. One "According to Bloomberg" at the top does not
//! source every later number: attribution is local. Sentences that state no
//! claim are skipped: public-record figures (a market report's prices and
//! moves) and data lines made mostly of numbers (box scores, price lists).
//! So are figures the text itself presents as estimates or bounds ("an
//! estimated 25 million", "up to 60 percent"): the failure this rule hunts
//! is a reported number turned into a bare fact.
//!
//! One diagnostic per paragraph (or item, or row): the first unsourced
//! figure is the primary span, the others are labels. Deal terms and prices
//! ("a $3 billion buyout", "acquired for $200 million") and a conversion in
//! brackets ("$12.9bn (£10bn)") are not statistics of their own.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

use super::attribution::{inside, quote_spans, Attribution};
use super::figures::{Figure, FigureGrammar, FigureKey};
use super::lexicon::Lexicon;
use super::words;
use super::ConfigError;
use crate::checks::{diagnostic, render_message, Check};
use crate::diagnostic::{Diagnostic, Label};
use crate::document::{BlockKind, Document};
use crate::rules::spec::claims::FigureAttributionParams;
use crate::rules::RuleMeta;

/// Most words in a line after a list or table for it to count as that
/// list's source line rather than prose.
const MAX_SOURCE_LINE_WORDS: usize = 40;

/// A compiled `figure-attribution` rule.
#[derive(Debug, Clone)]
pub struct UnsourcedConfig {
    /// What counts as a figure.
    pub grammar: FigureGrammar,
    /// What counts as an attribution.
    pub attribution: Attribution,
    /// Sentences before a figure's own that may carry its attribution.
    pub sentences_before: usize,
    /// Sentences after a figure's own, in its paragraph, that may carry it.
    pub sentences_after: usize,
    /// Whether the sentences before may end the paragraph before.
    pub across_paragraphs: bool,
    /// Words that present a figure as an estimate or a bound.
    pub qualifiers: Lexicon,
    /// Most words between a qualifier and its figure.
    pub qualifier_window: usize,
    /// Deal terms and prices.
    pub deal_terms: Lexicon,
    /// Cues of public-record figures.
    pub public_record: Lexicon,
    /// Largest share of numbers in a sentence that is still prose.
    pub max_number_share: f64,
    /// Label template for further unsourced figures of a sentence.
    pub also_label: String,
}

impl UnsourcedConfig {
    /// Compiles a rule file's parameters.
    pub fn new(params: FigureAttributionParams) -> Result<UnsourcedConfig, ConfigError> {
        Ok(UnsourcedConfig {
            grammar: FigureGrammar::new(&params.figures).map_err(ConfigError::near("figures:"))?,
            attribution: Attribution::new(&params.attribution)
                .map_err(ConfigError::near("attribution:"))?,
            sentences_before: params.sentences_before,
            sentences_after: params.sentences_after,
            across_paragraphs: params.across_paragraphs,
            qualifiers: Lexicon::new(&params.qualifiers.phrases, &params.qualifiers.regexes)
                .map_err(ConfigError::near("qualifiers:"))?,
            qualifier_window: params.qualifier_window,
            deal_terms: Lexicon::new(&params.deal_terms.phrases, &params.deal_terms.regexes)
                .map_err(ConfigError::near("deal_terms:"))?,
            public_record: Lexicon::new(&params.public_record.phrases, &params.public_record.regexes)
                .map_err(ConfigError::near("public_record:"))?,
            max_number_share: params.max_number_share,
            also_label: params.also_label.trim().to_string(),
        })
    }
}

/// The runtime check of one `figure-attribution` rule.
#[derive(Debug)]
pub struct UnsourcedCheck {
    meta: Arc<RuleMeta>,
    config: Arc<UnsourcedConfig>,
}

impl UnsourcedCheck {
    /// The check for one rule.
    pub fn new(meta: Arc<RuleMeta>, config: Arc<UnsourcedConfig>) -> UnsourcedCheck {
        UnsourcedCheck { meta, config }
    }
}

/// A figure found in the article, with where it stands and whether its own
/// context sources it.
struct Found {
    block: usize,
    figure: Figure,
    key: FigureKey,
    sourced: bool,
}

impl UnsourcedCheck {
    /// Whether a sentence states no claim: it reports public-record figures
    /// (market prices and moves), or it is a data line: mostly numbers, or
    /// numbers side by side as in a stats table ("63 85%").
    fn not_a_claim(&self, sentence: &str) -> bool {
        if self.config.public_record.is_match(sentence) {
            return true;
        }
        let words = words::split(sentence);
        let numbers = words.iter().filter(|w| w.is_numeric()).count();
        let adjacent = words
            .windows(2)
            .any(|p| p[0].is_numeric() && p[1].is_numeric() && !words::punctuated(sentence, &p[0], &p[1]));
        adjacent || numbers as f64 > self.config.max_number_share * words.len() as f64
    }

    /// Whether a qualifier stands within the window before or after a figure.
    fn qualified(&self, text: &str, qualifiers: &[Range<usize>], figure: &Range<usize>) -> bool {
        let window = self.config.qualifier_window;
        qualifiers.iter().any(|q| {
            let gap = if q.end <= figure.start {
                &text[q.end..figure.start]
            } else if figure.end <= q.start {
                &text[figure.end..q.start]
            } else {
                return true;
            };
            gap.split_whitespace().count() <= window
        })
    }

    /// Whether the window of sentences around sentence `sentence` of block
    /// `index` (of `count` sentences) runs into the paragraphs before or
    /// after, and an attribution stands in the part it covers there (only
    /// when the rule lets prose run on across paragraphs).
    fn neighbours_attribute(&self, doc: &Document<'_>, index: usize, sentence: usize, count: usize) -> bool {
        let config = &self.config;
        let blocks = doc.blocks();
        if !config.across_paragraphs || blocks[index].kind != BlockKind::Paragraph {
            return false;
        }
        let prose = |i: usize| blocks.get(i).is_some_and(|b| b.kind == BlockKind::Paragraph);
        let has_cue = |text: &str| !config.attribution.find(text).is_empty();
        if sentence < config.sentences_before && index > 0 && prose(index - 1) {
            let before = doc.sentences(index - 1);
            let take = config.sentences_before - sentence;
            let from = before[before.len().saturating_sub(take)].start;
            if has_cue(&blocks[index - 1].text()[from..]) {
                return true;
            }
        }
        let reach = sentence + config.sentences_after;
        if reach >= count && prose(index + 1) {
            let after = doc.sentences(index + 1);
            let to = after[(reach - count).min(after.len() - 1)].end;
            if has_cue(&blocks[index + 1].text()[..to]) {
                return true;
            }
        }
        false
    }
}

impl Check for UnsourcedCheck {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        let config = &self.config;
        let blocks = doc.blocks();
        let mut found: Vec<Found> = Vec::new();
        let mut run = RunContext::default();
        for (index, block) in blocks.iter().enumerate() {
            if !self.meta.scope.contains(block.kind) {
                continue;
            }
            let text = block.text();
            let figures = config.grammar.find(text);
            if figures.is_empty() {
                continue;
            }
            let cues = config.attribution.find(text);
            let qualifiers = config.qualifiers.find_all(text);
            let deals = config.deal_terms.find_all(text);
            let quotes = quote_spans(text);
            let sentences = doc.sentences(index);
            let whole = matches!(block.kind, BlockKind::ListItem | BlockKind::TableRow);
            let context = whole && run.attributed(doc, index, &config.attribution);
            let mut previous: Option<&Figure> = None;
            for figure in &figures {
                let conversion = previous.is_some_and(|p| is_conversion(text, p, figure));
                previous = Some(figure);
                let overlaps = |r: &Range<usize>| r.start < figure.range.end && figure.range.start < r.end;
                if conversion || deals.iter().any(overlaps) {
                    continue;
                }
                let sentence = sentence_of(sentences, figure.range.start);
                let own = if whole {
                    0..text.len()
                } else {
                    sentences[sentence].clone()
                };
                if self.not_a_claim(&text[own.clone()])
                    || self.qualified(text, &qualifiers, &figure.range)
                {
                    continue;
                }
                let window = if whole {
                    own
                } else {
                    let last = (sentence + config.sentences_after).min(sentences.len() - 1);
                    sentences[sentence.saturating_sub(config.sentences_before)].start
                        ..sentences[last].end
                };
                let sourced = context
                    || inside(&quotes, &figure.range)
                    || cues
                        .iter()
                        .any(|c| window.start <= c.start && c.start < window.end)
                    || !whole && self.neighbours_attribute(doc, index, sentence, sentences.len());
                found.push(Found {
                    block: index,
                    key: figure.key(),
                    figure: figure.clone(),
                    sourced,
                });
            }
        }
        let sourced_keys: HashSet<FigureKey> =
            found.iter().filter(|f| f.sourced).map(|f| f.key).collect();
        let mut current: Option<usize> = None;
        for f in found
            .iter()
            .filter(|f| !f.sourced && !sourced_keys.contains(&f.key))
        {
            let block = &blocks[f.block];
            let text = &block.text()[f.figure.range.clone()];
            let range = block.source_range(f.figure.range.clone());
            if current == Some(f.block) {
                let last = out.last_mut().expect("a diagnostic for this sentence");
                last.labels.push(Label {
                    range,
                    message: render_message(&config.also_label, text),
                });
                continue;
            }
            current = Some(f.block);
            out.push(diagnostic(
                &self.meta,
                render_message(&self.meta.message, text),
                range,
            ));
        }
    }
}

/// Whether `figure` restates `previous` in another currency, in brackets
/// right after it: "$12.9bn (£10bn)". It stands or falls with `previous`.
fn is_conversion(text: &str, previous: &Figure, figure: &Figure) -> bool {
    use super::figures::FigureKind::Money;
    previous.kind == Money
        && figure.kind == Money
        && previous.range.end <= figure.range.start
        && text[previous.range.end..figure.range.start].trim() == "("
}

/// The index of the sentence holding byte `offset` (the last one starting
/// at or before it).
fn sentence_of(sentences: &[Range<usize>], offset: usize) -> usize {
    sentences
        .partition_point(|s| s.start <= offset)
        .saturating_sub(1)
}

/// Whether the context of a run of list items or table rows attributes it,
/// computed once per run as blocks are visited in order.
#[derive(Default)]
struct RunContext {
    /// The blocks of the current run and whether its context attributes it.
    run: Option<(Range<usize>, bool)>,
}

impl RunContext {
    fn attributed(&mut self, doc: &Document<'_>, index: usize, attribution: &Attribution) -> bool {
        if let Some((range, attributed)) = &self.run {
            if range.contains(&index) {
                return *attributed;
            }
        }
        let blocks = doc.blocks();
        let block = &blocks[index];
        let same_run = |i: usize| blocks[i].kind == block.kind && blocks[i].section == block.section;
        let mut first = index;
        while first > 0 && same_run(first - 1) {
            first -= 1;
        }
        let mut last = index;
        while last + 1 < blocks.len() && same_run(last + 1) {
            last += 1;
        }
        let has_cue = |text: &str| !attribution.find(text).is_empty();
        let heading = doc
            .section_heading(block.section)
            .is_some_and(|h| has_cue(h.text()));
        let header_row = block.kind == BlockKind::TableRow && has_cue(blocks[first].text());
        let lead_in = first > 0 && {
            let before = &blocks[first - 1];
            before.kind == BlockKind::Paragraph
                && before.text().trim_end().ends_with(':')
                && has_cue(before.text())
        };
        let source_line = blocks.get(last + 1).is_some_and(|after| {
            matches!(after.kind, BlockKind::Paragraph | BlockKind::Caption)
                && after.text().split_whitespace().count() <= MAX_SOURCE_LINE_WORDS
                && has_cue(after.text())
        });
        let attributed = heading || header_row || lead_in || source_line;
        self.run = Some((first..last + 1, attributed));
        attributed
    }
}
