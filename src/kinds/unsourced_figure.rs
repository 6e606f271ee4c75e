//! The `unsourced-figure` check: statistics with no attribution nearby.
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

use std::cell::OnceCell;
use std::ops::Range;
use std::sync::Arc;

use rustc_hash::FxHashSet;

use serde::Deserialize;

use super::claims::attribution::{Attribution, AttributionSpec};
use super::{diagnostic, render_message, Build, Check, Invalid, Kind, RuleMeta};
use crate::analyses::figures::{Figure, FigureGrammar, FigureGrammarSpec, FigureKey};
use crate::analyses::quotes::{inside, quote_spans};
use crate::analyses::Article;
use crate::diagnostic::{Diagnostic, Label};
use crate::document::BlockKind;
use crate::engine::lexicon::Lexicon;
use crate::engine::runs::Runs;
use crate::engine::words;
use crate::engine::ListSpec;
use crate::language::COMMON_WORDS;

/// Most words in a line after a list or table for it to count as that
/// list's source line rather than prose.
const MAX_SOURCE_LINE_WORDS: usize = 40;

/// Fewest numbers in a sentence for it to be a data line by their share
/// ("Revenue rose 45%." is short, not data).
const MIN_DATA_NUMBERS: usize = 3;

/// The `unsourced-figure` kind.
pub struct UnsourcedFigure;

/// The keys of a `kind: unsourced-figure` rule file.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnsourcedFigureParams {
    /// How many sentences before a figure's own may carry its attribution.
    pub sentences_before: usize,
    /// How many sentences after it may carry it ("..., according to
    /// InfoNation." closing a paragraph of figures).
    pub sentences_after: usize,
    /// Words that present a figure as an estimate or a bound ("an
    /// estimated", "up to", "may have"): such a figure is not a reported
    /// number turned into fact.
    pub qualifiers: ListSpec,
    /// Most words between a qualifier and its figure.
    pub qualifier_window: usize,
    /// Matches that mark the figure they overlap as the terms of a deal
    /// or a price (`a $3 billion buyout`, `acquired for $200 million`,
    /// `a 15% tariff`): on the public record, not a statistic.
    pub deal_terms: ListSpec,
    /// Whether those sentences may be in the paragraphs before and after
    /// (prose runs on across paragraphs; lists and tables never do).
    pub across_paragraphs: bool,
    /// Words that open a sentence going on with the speaker of the
    /// quotation before it ("He learned…"): the quotation's attribution
    /// sources that sentence's figures too, and no other's.
    #[serde(default)]
    pub speaker_continues: Vec<String>,
    /// Cues of figures on the public record (market prices and moves):
    /// a sentence with one needs no source for its figures.
    pub public_record: ListSpec,
    /// A sentence whose words are more than this share numbers is a data
    /// line (a box score, a price list), not a claim.
    pub max_number_share: f64,
    /// The figure grammar.
    pub figures: FigureGrammarSpec,
    /// Attribution cues.
    pub attribution: AttributionSpec,
    /// Label for further unsourced figures of the same sentence;
    /// `{match}` is the figure.
    pub also_label: String,
}

impl Kind for UnsourcedFigure {
    const NAME: &'static str = "unsourced-figure";
    const ALIASES: &'static [&'static str] = &["figure-attribution"];
    type Params = UnsourcedFigureParams;
    type Config = UnsourcedFigureConfig;

    fn compile(params: UnsourcedFigureParams) -> Result<UnsourcedFigureConfig, Invalid> {
        UnsourcedFigureConfig::new(params)
    }

    fn checks(rules: Vec<(Arc<RuleMeta>, Arc<UnsourcedFigureConfig>)>, build: &Build) -> Vec<Box<dyn Check>> {
        rules
            .into_iter()
            .map(|(meta, config)| {
                let grammar = build.figure_grammar(&config.grammar);
                Box::new(UnsourcedFigureCheck::new(meta, config, grammar)) as Box<dyn Check>
            })
            .collect()
    }
}

/// A compiled `unsourced-figure` rule.
#[derive(Debug, Clone)]
pub struct UnsourcedFigureConfig {
    /// What counts as a figure.
    pub grammar: Arc<FigureGrammar>,
    /// What counts as an attribution.
    pub attribution: Attribution,
    /// Sentences before a figure's own that may carry its attribution.
    pub sentences_before: usize,
    /// Sentences after a figure's own, in its paragraph, that may carry it.
    pub sentences_after: usize,
    /// Whether the sentences before may end the paragraph before.
    pub across_paragraphs: bool,
    /// Opening words (lower case) of a sentence going on with the speaker
    /// of the quotation before it.
    pub speaker_continues: FxHashSet<String>,
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

impl UnsourcedFigureConfig {
    /// Compiles a rule file's parameters.
    pub fn new(params: UnsourcedFigureParams) -> Result<UnsourcedFigureConfig, Invalid> {
        Ok(UnsourcedFigureConfig {
            grammar: Arc::new(
                FigureGrammar::new(&params.figures).map_err(Invalid::near("figures:"))?,
            ),
            attribution: Attribution::new(&params.attribution)
                .map_err(Invalid::near("attribution:"))?,
            sentences_before: params.sentences_before,
            sentences_after: params.sentences_after,
            across_paragraphs: params.across_paragraphs,
            speaker_continues: params
                .speaker_continues
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            qualifiers: Lexicon::new(&params.qualifiers.phrases, &params.qualifiers.regexes)
                .map_err(Invalid::near("qualifiers:"))?,
            qualifier_window: params.qualifier_window,
            deal_terms: Lexicon::new(&params.deal_terms.phrases, &params.deal_terms.regexes)
                .map_err(Invalid::near("deal_terms:"))?,
            public_record: Lexicon::new(
                &params.public_record.phrases,
                &params.public_record.regexes,
            )
            .map_err(Invalid::near("public_record:"))?,
            max_number_share: params.max_number_share,
            also_label: params.also_label.trim().to_string(),
        })
    }
}

/// The runtime check of one `unsourced-figure` rule.
#[derive(Debug)]
pub struct UnsourcedFigureCheck {
    meta: Arc<RuleMeta>,
    config: Arc<UnsourcedFigureConfig>,
    /// The rule's figure grammar, or an equal one shared with other checks.
    grammar: Arc<FigureGrammar>,
}

impl UnsourcedFigureCheck {
    /// The check for one rule; `grammar` is its config's or one the same.
    pub fn new(
        meta: Arc<RuleMeta>,
        config: Arc<UnsourcedFigureConfig>,
        grammar: Arc<FigureGrammar>,
    ) -> UnsourcedFigureCheck {
        debug_assert!(grammar.same_as(&config.grammar));
        UnsourcedFigureCheck {
            meta,
            config,
            grammar,
        }
    }
}

/// A figure found in the article, with where it stands and whether its own
/// context sources it.
struct Found {
    block: usize,
    figure: Figure,
    key: FigureKey,
    sourced: bool,
    /// Whether it states a claim that needs a source (not a deal term, an
    /// admitted estimate or a data line).
    claim: bool,
}

impl UnsourcedFigureCheck {
    /// Whether a sentence states no claim: it reports public-record figures
    /// (market prices and moves), or it is a data line: mostly numbers, or
    /// numbers side by side as in a stats table ("63 85%").
    fn not_a_claim(&self, text: &str, runs: &Runs, range: Range<usize>, prose: bool) -> bool {
        if self
            .config
            .public_record
            .is_match_in(text, runs, range.clone())
        {
            return true;
        }
        let sentence = &text[range];
        if !prose {
            // A table row or list item is judged, however many numbers it holds.
            return false;
        }
        let words = words::split(sentence);
        // "4,500" is one number, split in two words at its comma.
        let thousands = |p: &[words::Word<'_>]| {
            p[0].is_numeric()
                && &sentence[p[0].end()..p[1].start] == ","
                && p[1].text.len() == 3
                && p[1].text.bytes().all(|b| b.is_ascii_digit())
        };
        let numbers = words.iter().filter(|w| w.is_numeric()).count()
            - words.windows(2).filter(|p| thousands(p)).count();
        let adjacent = words.windows(2).any(|p| {
            p[0].is_numeric() && p[1].is_numeric() && !words::punctuated(sentence, &p[0], &p[1])
        });
        adjacent
            || numbers >= MIN_DATA_NUMBERS
                && numbers as f64 > self.config.max_number_share * words.len() as f64
    }

    /// Whether `sentence` opens with a word that goes on with the speaker
    /// of the sentence before.
    fn continues_speaker(&self, sentence: &str) -> bool {
        let first = sentence
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or("");
        self.config.speaker_continues.contains(&first.to_lowercase())
    }

    /// Whether a qualifier stands within the window before or after a
    /// figure. Only the nearest qualifier on each side can be closest in
    /// words, and counting stops past the window, so a block with many
    /// figures and qualifiers is not read once per pair.
    fn qualified(&self, text: &str, qualifiers: &[Range<usize>], figure: &Range<usize>) -> bool {
        let window = self.config.qualifier_window;
        let within = |gap: &str| gap.split_whitespace().take(window + 1).count() <= window;
        // Qualifiers are in order and do not overlap.
        let next = qualifiers.partition_point(|q| q.end <= figure.start);
        if let Some(q) = qualifiers.get(next) {
            if q.start < figure.end || within(&text[figure.end..q.start]) {
                return true;
            }
        }
        next > 0 && within(&text[qualifiers[next - 1].end..figure.start])
    }

    /// Whether the window of sentences around sentence `sentence` of block
    /// `index` (of `count` sentences) runs into the paragraphs before or
    /// after, and an attribution stands in the part it covers there (only
    /// when the rule lets prose run on across paragraphs).
    fn neighbours_attribute(
        &self,
        doc: &Article<'_>,
        index: usize,
        sentence: usize,
        count: usize,
    ) -> bool {
        let config = &self.config;
        let blocks = doc.blocks();
        if !config.across_paragraphs || blocks[index].kind != BlockKind::Paragraph {
            return false;
        }
        let prose = |i: usize| {
            blocks
                .get(i)
                .is_some_and(|b| b.kind == BlockKind::Paragraph)
        };
        // A neighbour's cue that attributes a quotation ("“…,” she said")
        // speaks for the quotation, not for the next paragraph's numbers.
        // And a neighbour speaks for a number only when it is about the
        // same thing: it shares a word of substance with the number's
        // sentence (a name, a noun, a figure), as a paragraph that goes on
        // with the story does and an unrelated one does not.
        let own = &blocks[index].text()[doc.sentences(index)[sentence].clone()];
        let has_cue = |text: &str| {
            quote_spans(text).is_empty()
                && config.attribution.is_match(text)
                && shares_substance(own, text)
        };
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

/// Whether two texts share a word of substance: a word of four or more
/// letters or digits that is not among the most frequent words of news
/// prose, compared in small letters.
fn shares_substance(a: &str, b: &str) -> bool {
    let substance = |text: &str| -> FxHashSet<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 4)
            .map(str::to_lowercase)
            .filter(|w| !COMMON_WORDS.contains(&w.as_str()))
            .collect()
    };
    let words = substance(a);
    substance(b).iter().any(|w| words.contains(w))
}

impl Check for UnsourcedFigureCheck {
    fn check(&self, doc: &Article<'_>, out: &mut Vec<Diagnostic>) {
        let config = &self.config;
        let blocks = doc.blocks();
        let mut found: Vec<Found> = Vec::new();
        let mut run = RunContext::default();
        for (index, block) in blocks.iter().enumerate() {
            if !self.meta.scope.contains(block.kind) {
                continue;
            }
            let text = block.text();
            let runs = doc.word_runs(index);
            let figures = self.grammar.block_figures(doc, index);
            if figures.is_empty() {
                continue;
            }
            let all = 0..text.len();
            // Each list is searched on the block's first figure that asks.
            let cues = OnceCell::new();
            let cues = || cues.get_or_init(|| config.attribution.find_in(text, runs, all.clone()));
            let qualifiers = OnceCell::new();
            let qualifiers =
                || qualifiers.get_or_init(|| config.qualifiers.find_in(text, runs, all.clone()));
            let deals = OnceCell::new();
            let deals = || deals.get_or_init(|| config.deal_terms.find_in(text, runs, all.clone()));
            let quotes = quote_spans(text);
            let sentences = doc.sentences(index);
            let whole = matches!(block.kind, BlockKind::ListItem | BlockKind::TableRow);
            let data_line = block.kind == BlockKind::TableRow && data_row(text);
            let context = whole && run.attributed(doc, index, &config.attribution);
            // Figures come in order: what is known of the last sentence
            // (whether the paragraphs around attribute it, whether it is a
            // claim at all) serves the next figure in it.
            let mut neighbours: Option<(usize, bool)> = None;
            let mut no_claim: Option<(usize, bool)> = None;
            let mut previous: Option<&Figure> = None;
            for figure in figures.iter() {
                let conversion = previous.is_some_and(|p| is_conversion(text, p, figure));
                previous = Some(figure);
                if conversion {
                    continue;
                }
                let sentence = sentence_of(sentences, figure.range.start);
                let own = if whole {
                    0..text.len()
                } else {
                    sentences[sentence].clone()
                };
                let window = if whole {
                    own.clone()
                } else {
                    let last = (sentence + config.sentences_after).min(sentences.len() - 1);
                    sentences[sentence.saturating_sub(config.sentences_before)].start
                        ..sentences[last].end
                };
                // A cue in the figure's own sentence sources it; one in the
                // sentence before or after only when that sentence quotes
                // nobody's speech (a title in quotes is no speech): "“…,” she said." speaks for its quotation, not
                // for the number the next sentence states, unless that
                // sentence goes on with the speaker ("He learned…").
                let speaks_for_figure = |cue: &Range<usize>| {
                    let at = sentence_of(sentences, cue.start);
                    at == sentence
                        || !overlaps_any(doc.speech().spans(index), &sentences[at])
                        || at + 1 == sentence && self.continues_speaker(&text[own.clone()])
                };
                let sourced = context
                    || inside(&quotes, &figure.range)
                    || cues_within(cues(), &window).any(speaks_for_figure)
                    || !whole
                        && *remember(&mut neighbours, sentence, || {
                            self.neighbours_attribute(doc, index, sentence, sentences.len())
                        });
                // Deal terms, estimates and data lines are not claims to
                // report, but a source they carry still covers repeats; a
                // sourced figure is never reported, so its claim is moot.
                let mut exempt = || {
                    data_line
                        || overlaps_any(deals(), &figure.range)
                        || self.qualified(text, qualifiers(), &figure.range)
                        || *remember(&mut no_claim, sentence, || {
                            self.not_a_claim(text, runs, own.clone(), !whole)
                        })
                };
                let claim = !sourced && !exempt();
                found.push(Found {
                    block: index,
                    key: figure.key(),
                    figure: figure.clone(),
                    sourced,
                    claim,
                });
            }
        }
        let sourced_keys: FxHashSet<FigureKey> =
            found.iter().filter(|f| f.sourced).map(|f| f.key).collect();
        let mut current: Option<usize> = None;
        for f in found
            .iter()
            .filter(|f| f.claim && !f.sourced && !sourced_keys.contains(&f.key))
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

/// The value `compute` gives for `sentence`, remembered in `memo` for the
/// next call about the same sentence.
fn remember(
    memo: &mut Option<(usize, bool)>,
    sentence: usize,
    compute: impl FnOnce() -> bool,
) -> &bool {
    if memo.is_none_or(|(s, _)| s != sentence) {
        *memo = Some((sentence, compute()));
    }
    &memo.as_ref().expect("just set").1
}

/// Whether one of `ranges` (in order, not overlapping) starts inside
/// `window`.
/// Whether a table row is a data line: two or more of its cells are bare
/// numbers ("| Ogunjobi | 63 | 85% |", "| LOW | 113.40 | -1.62 | -1.41% |"),
/// as in a stats or market table, which its caption or note sources. A row
/// that states one figure against a label ("| Revenue growth | 45% |") or
/// in prose ("~1.5% of revenue in 2024") is a claim and is judged.
fn data_row(row: &str) -> bool {
    let bare_number = |cell: &str| {
        let cell = cell.trim();
        cell.bytes().any(|b| b.is_ascii_digit())
            && cell.chars().all(|c| {
                c.is_ascii_digit() || c.is_whitespace() || ".,%+-\u{2212}\u{b1}$\u{20ac}\u{a3}\u{a5}".contains(c)
            })
    };
    row.split('|').filter(|cell| bare_number(cell)).nth(1).is_some()
}

/// The ranges (in order) that start inside `window`, found by binary search.
fn cues_within<'r>(
    ranges: &'r [Range<usize>],
    window: &Range<usize>,
) -> impl Iterator<Item = &'r Range<usize>> {
    let first = ranges.partition_point(|r| r.start < window.start);
    let end = window.end;
    ranges[first..].iter().take_while(move |r| r.start < end)
}

/// Whether one of `ranges` (in order, not overlapping) overlaps `range`.
fn overlaps_any(ranges: &[Range<usize>], range: &Range<usize>) -> bool {
    let first = ranges.partition_point(|r| r.end <= range.start);
    ranges.get(first).is_some_and(|r| r.start < range.end)
}

/// Whether `figure` restates `previous` in another currency, in brackets
/// right after it: "$12.9bn (£10bn)". It stands or falls with `previous`.
fn is_conversion(text: &str, previous: &Figure, figure: &Figure) -> bool {
    use crate::analyses::figures::FigureKind::Money;
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
    fn attributed(&mut self, doc: &Article<'_>, index: usize, attribution: &Attribution) -> bool {
        if let Some((range, attributed)) = &self.run {
            if range.contains(&index) {
                return *attributed;
            }
        }
        let blocks = doc.blocks();
        let block = &blocks[index];
        let same_run =
            |i: usize| blocks[i].kind == block.kind && blocks[i].section == block.section;
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

#[cfg(test)]
mod tests {
    use super::shares_substance;
    use crate::kinds::testing::lint_with_builtin;
    use crate::document::Format;

    #[test]
    fn substance_is_a_shared_word_beyond_the_common_ones() {
        assert!(shares_substance(
            "Bookings at Fenwick doubled.",
            "Fenwick said so."
        ));
        assert!(!shares_substance(
            "Bookings doubled in the spring.",
            "The mayor said the parade would go ahead."
        ));
    }

    /// Lines of the unsourced-figure findings of the built-in rule on `text`.
    fn flagged(text: &str) -> Vec<usize> {
        let (source, found) = lint_with_builtin("unsourced-figure", text, Format::Plain);
        found
            .iter()
            .map(|d| source.position(d.range.start).line)
            .collect()
    }

    #[test]
    fn a_quotation_attributed_next_door_does_not_source_the_next_paragraph() {
        let text = "\"We expect to finish by 2030,\" she said.\nFlooding has tripled since 2010.\n";
        assert_eq!(flagged("Flooding has tripled since 2010.\n"), [1]);
        assert_eq!(flagged("He left.\nFlooding has tripled since 2010.\n"), [2]);
        assert_eq!(flagged(text), [2]);
    }

    #[test]
    fn a_quotation_attributed_in_the_sentence_before_does_not_source_the_next() {
        let quoted = "“We expect to finish by 2030,” the mayor said. Flooding has tripled since 2010.\n";
        assert_eq!(flagged(quoted), [1]);
        // Reported speech with no quotation speaks for what follows it.
        let reported = "The mayor said the work would finish by 2030. Flooding has tripled since 2010.\n";
        assert!(flagged(reported).is_empty());
        // A sentence going on with the speaker is still the speaker's.
        let continued = "“We expect to finish by 2030,” the mayor said. She added that flooding has tripled since 2010.\n";
        assert!(flagged(continued).is_empty());
        let carried = "“It keeps rising,” said Jane Doe, a farmer. She counts 75 floods a year.\n";
        assert!(flagged(carried).is_empty());
    }

    #[test]
    fn a_number_written_with_a_thousands_comma_counts_once_toward_a_data_line() {
        assert_eq!(flagged("The firm employs 4,500 people in 3 countries.\n"), [1]);
        // Mostly numbers is still a data line.
        assert!(flagged("Attendance: 4,500, 3,200, 2,900 and 12,000.\n").is_empty());
    }

    #[test]
    fn attribution_is_local_to_a_sentence_or_two() {
        let text =
            "According to Bloomberg, the firm is growing in Asia. It opened offices in Seoul. \
                    Its cloud revenue grew 45% last year.\n";
        assert_eq!(flagged(text), [1]);
        let text = "It opened offices in Seoul, Bloomberg reported. Its cloud revenue grew 45% last year.\n";
        assert!(flagged(text).is_empty());
    }

    #[test]
    fn a_figure_sourced_once_is_sourced_everywhere() {
        let text = "Acme spends $2 billion a year on chips.\n\nBody text here.\n\n\
                    Acme spends $2 billion a year on chips, its annual report shows.\n";
        assert!(flagged(text).is_empty());
    }

    #[test]
    fn list_items_and_rows_read_their_heading_and_lead_in() {
        let sourced = "Figures from the annual report\n- Revenue grew 45% to $3 billion.\n";
        assert!(flagged(sourced).is_empty());
        let lead_in = "The company's filing shows:\n\n- Revenue grew 45% to $3 billion.\n";
        assert!(flagged(lead_in).is_empty());
        let bare = "Key Data\n| Metric | Value |\n|---|---|\n| Revenue growth | 45% |\n";
        assert_eq!(flagged(bare), [4]);
        let stats = "| Player | Snaps | Share |\n|---|---|---|\n| Ogunjobi | 63 | 85% |\n";
        assert!(flagged(stats).is_empty());
        let column = "Key Data\n| Metric | Value | Source |\n|---|---|---|\n| Revenue growth | 45% | IDC |\n";
        assert!(flagged(column).is_empty());
    }

    #[test]
    fn one_finding_per_paragraph_with_the_rest_as_labels() {
        let (source, found) = lint_with_builtin(
            "unsourced-figure",
            "Sales tripled. Margins rose 4%. Staff grew to 12,000 people.\n",
            Format::Plain,
        );
        assert_eq!(found.len(), 1);
        assert_eq!(&source.text()[found[0].range.clone()], "tripled");
        let labels: Vec<&str> = found[0]
            .labels
            .iter()
            .map(|l| &source.text()[l.range.clone()])
            .collect();
        assert_eq!(labels, ["4%", "12,000 people"]);
    }

    #[test]
    fn estimates_deal_terms_and_market_moves_are_not_claims() {
        for text in [
            "The plague killed an estimated 25 million people.\n",
            "The firm agreed to a $3 billion buyout of its founder.\n",
            "Shares of the firm rose 4% on Tuesday.\n",
            "DL John Doe 63 85% 1 tackle (1 combined).\n",
        ] {
            assert!(flagged(text).is_empty(), "{text}");
        }
    }
}
