//! The `hedging` check (rule `hedging-mismatch`): claims whose certainty
//! does not match where they stand.
//!
//! Two failure modes of generated copy. A hedge inside a certainty frame: a
//! "What we know" list that carries "reportedly" or "may" presents an
//! unconfirmed claim as established; every hedge cue counts there, weak
//! modals included. A hedge dropped: a claim stated flatly in a summary
//! position (headline, dek, TL;DR, key-data table, FAQ answer) that the
//! article hedges or projects elsewhere; only strong cues count for the
//! twin, because body copy is full of bare modals. The flat statement is
//! reported, with the hedged twins as labels. Hedges inside quotations are
//! the speaker's and do not put a frame in doubt.

use std::ops::Range;
use std::rc::Rc;
use std::sync::Arc;

use serde::Deserialize;

use super::claims::align::{Aligner, AlignmentSpec, Claim};
use super::claims::positions::{Frame, FrameSource, Positions, PositionsSpec};
use super::{diagnostic, render_message, Build, Check, Invalid, Kind, RuleMeta};
use crate::analyses::figures::{Figure, FigureGrammar, FigureGrammarSpec};
use crate::analyses::quotes::{inside, quote_spans};
use crate::analyses::Article;
use crate::diagnostic::{Diagnostic, Label};
use crate::document::BlockKind;
use crate::engine::lexicon::Lexicon;
use crate::engine::ListSpec;

/// Most hedged twins shown as labels of one flat claim.
const MAX_TWIN_LABELS: usize = 3;

/// The `hedging-mismatch` kind.
pub struct HedgingMismatch;

/// The keys of a `kind: hedging-mismatch` rule file.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HedgingMismatchParams {
    /// The figure grammar (the same as unsourced-figure's).
    pub figures: FigureGrammarSpec,
    /// Hedge cues.
    pub hedges: HedgesSpec,
    /// Summary positions and certainty frames.
    pub positions: PositionsSpec,
    /// Claim alignment.
    pub alignment: AlignmentSpec,
    /// Message for a hedge inside a certainty frame; `{match}` is the
    /// hedge, `{heading}` the frame's heading.
    pub frame_message: String,
    /// Label on the frame's heading.
    pub frame_label: String,
    /// Label on a flat claim's hedged twin; `{match}` is the hedge.
    pub twin_label: String,
}

/// Hedge cues, strong and weak.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HedgesSpec {
    /// Cues that mark a claim as unconfirmed or projected wherever they stand.
    pub strong: ListSpec,
    /// Cues too common to mean much alone (bare modals); used only inside
    /// certainty frames.
    pub weak: ListSpec,
}

impl Kind for HedgingMismatch {
    const NAME: &'static str = "hedging-mismatch";
    const ALIASES: &'static [&'static str] = &["hedging"];
    type Params = HedgingMismatchParams;
    type Config = HedgingMismatchConfig;

    fn compile(params: HedgingMismatchParams) -> Result<HedgingMismatchConfig, Invalid> {
        HedgingMismatchConfig::new(params)
    }

    fn checks(rules: Vec<(Arc<RuleMeta>, Arc<HedgingMismatchConfig>)>, build: &Build) -> Vec<Box<dyn Check>> {
        rules
            .into_iter()
            .map(|(meta, config)| {
                let grammar = build.figure_grammar(&config.grammar);
                Box::new(HedgingMismatchCheck::new(meta, config, grammar)) as Box<dyn Check>
            })
            .collect()
    }
}

/// A compiled `hedging-mismatch` rule.
#[derive(Debug, Clone)]
pub struct HedgingMismatchConfig {
    /// The figure grammar (public so that checks can share equal ones).
    pub grammar: Arc<FigureGrammar>,
    strong: Lexicon,
    weak: Lexicon,
    positions: Positions,
    aligner: Aligner,
    frame_message: String,
    frame_label: String,
    twin_label: String,
}

impl HedgingMismatchConfig {
    /// Compiles a rule file's parameters.
    pub fn new(params: HedgingMismatchParams) -> Result<HedgingMismatchConfig, Invalid> {
        let hedges = &params.hedges;
        Ok(HedgingMismatchConfig {
            grammar: Arc::new(
                FigureGrammar::new(&params.figures).map_err(Invalid::near("figures:"))?,
            ),
            strong: Lexicon::new(&hedges.strong.phrases, &hedges.strong.regexes)
                .map_err(Invalid::near("strong:"))?,
            weak: Lexicon::new(&hedges.weak.phrases, &hedges.weak.regexes)
                .map_err(Invalid::near("weak:"))?,
            positions: Positions::new(&params.positions),
            aligner: Aligner::new(&params.alignment).map_err(Invalid::near("alignment:"))?,
            frame_message: params.frame_message.trim().to_string(),
            frame_label: params.frame_label.trim().to_string(),
            twin_label: params.twin_label.trim().to_string(),
        })
    }
}

/// The runtime check of one `hedging-mismatch` rule.
#[derive(Debug)]
pub struct HedgingMismatchCheck {
    meta: Arc<RuleMeta>,
    config: Arc<HedgingMismatchConfig>,
    /// The rule's figure grammar, or an equal one shared with other checks.
    grammar: Arc<FigureGrammar>,
}

impl HedgingMismatchCheck {
    /// The check for one rule; `grammar` is its config's or one the same.
    pub fn new(
        meta: Arc<RuleMeta>,
        config: Arc<HedgingMismatchConfig>,
        grammar: Arc<FigureGrammar>,
    ) -> HedgingMismatchCheck {
        debug_assert!(grammar.same_as(&config.grammar));
        HedgingMismatchCheck {
            meta,
            config,
            grammar,
        }
    }

    /// Reports the first hedge of each sentence of a block in a certainty frame.
    fn frame_findings(
        &self,
        doc: &Article<'_>,
        index: usize,
        frame: &Frame,
        cues: &[Range<usize>],
        out: &mut Vec<Diagnostic>,
    ) {
        let block = &doc.blocks()[index];
        let (frame_name, frame_range) = match &frame.source {
            FrameSource::Heading(h) => {
                let heading = &doc.blocks()[*h];
                (heading.text(), heading.range.clone())
            }
            FrameSource::Label(label) => (
                block.text()[label.clone()].trim_end_matches(':'),
                block.source_range(label.clone()),
            ),
            FrameSource::SplitLabel(label) => (
                doc.source().text()[label.clone()].trim_end_matches(':'),
                label.clone(),
            ),
        };
        let mut last_sentence = None;
        for cue in cues {
            let sentences = doc.sentences(index);
            let sentence = sentences.partition_point(|s| s.start <= cue.start);
            if last_sentence == Some(sentence) {
                continue;
            }
            last_sentence = Some(sentence);
            let template = self
                .config
                .frame_message
                .replace("{heading}", frame_name.trim());
            let mut found = diagnostic(
                &self.meta,
                render_message(&template, &block.text()[cue.clone()]),
                block.source_range(cue.clone()),
            );
            found.labels.push(Label {
                range: frame_range.clone(),
                message: self.config.frame_label.clone(),
            });
            out.push(found);
        }
    }

    /// The claims of one block that can pair up: its sentences (a table
    /// row whole) that carry a strong hedge, and, in a summary position,
    /// those stated flatly. Other sentences can never be either side of a
    /// twin, so they are left out (alignment only compares the claims it
    /// is given, in order).
    fn claims<'d>(
        &self,
        doc: &'d Article<'_>,
        index: usize,
        summary: bool,
        (strong, weak): (&[Range<usize>], &[Range<usize>]),
        out: &mut Vec<Claim<'d>>,
    ) {
        let text = doc.blocks()[index].text();
        let whole = 0..text.len();
        let units = if doc.blocks()[index].kind == BlockKind::TableRow {
            std::slice::from_ref(&whole)
        } else {
            doc.sentences(index)
        };
        let mut figures: Option<Rc<Vec<Figure>>> = None;
        let (mut next_figure, mut next_strong, mut next_weak) = (0, 0, 0);
        for unit in units {
            let hedges = shifted_within(strong, &mut next_strong, unit, |h| h);
            let weak_hedge = !shifted_within(weak, &mut next_weak, unit, |h| h).is_empty();
            // A unit with no strong hedge matters only as a flat summary claim.
            let flat_summary = summary && !weak_hedge;
            if hedges.is_empty() && !flat_summary {
                continue;
            }
            let figures = figures.get_or_insert_with(|| self.grammar.block_figures(doc, index));
            out.push(Claim {
                block: index,
                offset: unit.start,
                text: &text[unit.clone()],
                figures: shifted_within(figures, &mut next_figure, unit, |f| &f.range)
                    .into_iter()
                    .map(|(f, range)| (f.key(), range))
                    .collect(),
                hedges: hedges.into_iter().map(|(_, range)| range).collect(),
                weak_hedge,
                summary,
            });
        }
    }
}

/// The items of `items` (in order of their ranges' starts) whose range lies
/// within `unit`, with that range in offsets of the unit. `next` is where
/// the search starts, and is moved past items that start before `unit`, so
/// walking a block's units in order reads each item once or twice.
fn shifted_within<'i, T>(
    items: &'i [T],
    next: &mut usize,
    unit: &Range<usize>,
    range: impl Fn(&'i T) -> &'i Range<usize>,
) -> Vec<(&'i T, Range<usize>)> {
    while items
        .get(*next)
        .is_some_and(|i| range(i).start < unit.start)
    {
        *next += 1;
    }
    items[*next..]
        .iter()
        .take_while(|i| range(i).start < unit.end)
        .filter(|i| range(i).end <= unit.end)
        .map(|i| {
            let r = range(i);
            (i, r.start - unit.start..r.end - unit.start)
        })
        .collect()
}

impl Check for HedgingMismatchCheck {
    fn check(&self, doc: &Article<'_>, out: &mut Vec<Diagnostic>) {
        let config = &self.config;
        let roles = config.positions.roles(doc);
        let blocks = doc.blocks();
        // Each claim block with its hedges, strong and weak; claims are
        // only worth building when some block has a strong hedge, since a
        // flat claim needs a hedged twin to be reported.
        let mut claim_blocks = Vec::new();
        let mut any_hedged = false;
        for (index, block) in blocks.iter().enumerate() {
            let claim_kind = matches!(
                block.kind,
                BlockKind::Title
                    | BlockKind::Summary
                    | BlockKind::Paragraph
                    | BlockKind::ListItem
                    | BlockKind::TableRow
                    | BlockKind::Answer
            ) || block.kind == BlockKind::Heading && roles.summary[index];
            if !claim_kind || !self.meta.scope.contains(block.kind) {
                continue;
            }
            let text = block.text();
            let runs = doc.word_runs(index);
            let strong = config.strong.find_in(text, runs, 0..text.len());
            let summary = roles.summary[index];
            let framed = roles.frame[index].is_some();
            if strong.is_empty() && !summary && !framed {
                // Neither a flat summary claim nor a hedged twin can stand here.
                continue;
            }
            let weak = if summary || framed {
                config.weak.find_in(text, runs, 0..text.len())
            } else {
                Vec::new()
            };
            if let Some(frame) = &roles.frame[index] {
                let quotes = quote_spans(text);
                let label = match &frame.source {
                    FrameSource::Label(label) => label.end,
                    FrameSource::Heading(_) | FrameSource::SplitLabel(_) => 0,
                };
                let weak_cues = if frame.strict { &weak[..] } else { &[] };
                let mut cues: Vec<Range<usize>> = strong
                    .iter()
                    .chain(weak_cues)
                    .filter(|c| c.start >= label && !inside(&quotes, c))
                    .cloned()
                    .collect();
                cues.sort_by_key(|c| c.start);
                if !cues.is_empty() && !config.positions.is_personal(text) {
                    self.frame_findings(doc, index, frame, &cues, out);
                }
            }
            any_hedged |= !strong.is_empty();
            claim_blocks.push((index, strong, weak));
        }
        if !any_hedged {
            return;
        }
        let mut claims = Vec::new();
        for (index, strong, weak) in &claim_blocks {
            self.claims(
                doc,
                *index,
                roles.summary[*index],
                (strong, weak),
                &mut claims,
            );
        }
        let twins = config.aligner.twins(&claims);
        for group in twins.chunk_by(|a, b| a.flat == b.flat) {
            let flat = &claims[group[0].flat];
            let block = &blocks[flat.block];
            let local = group[0].figure.clone().unwrap_or(0..flat.text.len());
            let range = flat.offset + local.start..flat.offset + local.end;
            let first = &claims[group[0].hedged];
            let template = self
                .meta
                .message
                .replace("{hedge}", &first.text[group[0].hedge.clone()]);
            let mut found = diagnostic(
                &self.meta,
                render_message(&template, &block.text()[range.clone()]),
                block.source_range(range),
            );
            for twin in group.iter().take(MAX_TWIN_LABELS) {
                let hedged = &claims[twin.hedged];
                let hedge = hedged.offset + twin.hedge.start..hedged.offset + twin.hedge.end;
                let hedged_block = &blocks[hedged.block];
                found.labels.push(Label {
                    range: hedged_block.source_range(hedge.clone()),
                    message: render_message(&config.twin_label, &hedged_block.text()[hedge]),
                });
            }
            out.push(found);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::kinds::testing::lint_with_builtin;
    use crate::source::Source;
    use crate::{Diagnostic, Format};

    fn hedging(text: &str, format: Format) -> (Source, Vec<Diagnostic>) {
        lint_with_builtin("hedging-mismatch", text, format)
    }

    #[test]
    fn a_flat_summary_claim_is_reported_with_its_hedged_twins() {
        let text = "# Acme bets on chips\n\n## TL;DR\n\n\
                    - Acme is the largest buyer, spending over $2 billion a year on chips.\n\n\
                    ## Analysis\n\n\
                    Acme is on track to spend more than US$2bn on chips this year. \
                    Its projected billion-dollar habit worries investors.\n\n\
                    Acme's projected $2 billion chip spend is large for a buyer of its size.\n";
        let (source, found) = hedging(text, Format::Markdown);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(&source.text()[found[0].range.clone()], "$2 billion");
        let labels: Vec<&str> = found[0]
            .labels
            .iter()
            .map(|l| &source.text()[l.range.clone()])
            .collect();
        assert_eq!(labels, ["on track to", "projected"]);
    }

    #[test]
    fn frames_report_hedges_but_not_quotes_or_opinion() {
        let text = "## What we know\n\n- The mayor reportedly resigned.\n- Police said he “may have left”.\n- You might want to check back later.\n";
        let (source, found) = hedging(text, Format::Markdown);
        let cues: Vec<&str> = found
            .iter()
            .map(|d| &source.text()[d.range.clone()])
            .collect();
        assert_eq!(cues, ["reportedly"]);
    }
}
