//! The `figure-attribution` check (rule `unsourced-figure`): statistics with
//! no attribution nearby.
//!
//! A figure counts as sourced when its own sentence, or one of the few
//! sentences before it in the same block, carries an attribution cue; when
//! it stands inside a quotation (the speaker is the source); or when the
//! same figure (by [`FigureKey`]) is sourced anywhere in the article, so a
//! headline or summary may repeat a number the body attributes. List items
//! and table rows are judged whole, with their section heading, their
//! table's header row, a lead-in line ending in `:` and a source line right
//! after them as context. One "According to Bloomberg" at the top does not
//! source every later number: attribution is local.
//!
//! One diagnostic per sentence: the first unsourced figure is the primary
//! span, the others are labels.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

use super::attribution::{inside, quote_spans, Attribution};
use super::figures::{Figure, FigureGrammar, FigureKey};
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
    sentence: usize,
    figure: Figure,
    key: FigureKey,
    sourced: bool,
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
            let quotes = quote_spans(text);
            let sentences = doc.sentences(index);
            let whole = matches!(block.kind, BlockKind::ListItem | BlockKind::TableRow);
            let context = whole && run.attributed(doc, index, &config.attribution);
            for figure in figures {
                let sentence = sentence_of(sentences, figure.range.start);
                let window = if whole {
                    0..text.len()
                } else {
                    sentences[sentence.saturating_sub(config.sentences_before)].start
                        ..sentences[sentence].end
                };
                let sourced = context
                    || inside(&quotes, &figure.range)
                    || cues
                        .iter()
                        .any(|c| window.start <= c.start && c.start < window.end);
                found.push(Found {
                    block: index,
                    sentence,
                    key: figure.key(),
                    figure,
                    sourced,
                });
            }
        }
        let sourced_keys: HashSet<FigureKey> =
            found.iter().filter(|f| f.sourced).map(|f| f.key).collect();
        let mut current: Option<(usize, usize)> = None;
        for f in found
            .iter()
            .filter(|f| !f.sourced && !sourced_keys.contains(&f.key))
        {
            let block = &blocks[f.block];
            let text = &block.text()[f.figure.range.clone()];
            let range = block.source_range(f.figure.range.clone());
            if current == Some((f.block, f.sentence)) {
                let last = out.last_mut().expect("a diagnostic for this sentence");
                last.labels.push(Label {
                    range,
                    message: render_message(&config.also_label, text),
                });
                continue;
            }
            current = Some((f.block, f.sentence));
            out.push(diagnostic(
                &self.meta,
                render_message(&self.meta.message, text),
                range,
            ));
        }
    }
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
