//! The rule-file shapes of the claim checks: `figure-attribution`
//! (unsourced-figure), `hedging` (hedging-mismatch) and `vague-attribution`
//! (unnamed-source). Every word list these checks read is declared here, so
//! each lives in the rule's YAML with the source of the list noted beside it.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{ExamplesSpec, HeaderSpec, KindName, ScopeName};
use crate::diagnostic::Severity;

/// Phrases and raw regexes: one word list.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordListSpec {
    /// Literal phrases: case-insensitive, word-bounded, any whitespace between words.
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Regular expressions (Rust `regex` syntax), used as written.
    #[serde(default)]
    pub regexes: Vec<String>,
}

/// How figures are written: the grammar of the figure recognizer.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FigureGrammarSpec {
    /// Currency signs and codes written before (or, for signs, after) a
    /// number, mapped to a currency code: `US$: USD`.
    pub currency_symbols: BTreeMap<String, String>,
    /// Currency names written after a number or magnitude: `dollars: USD`.
    pub currency_words: BTreeMap<String, String>,
    /// Magnitude words after a number: `billion: 1000000000`.
    pub magnitude_words: BTreeMap<String, f64>,
    /// Magnitude suffixes glued to a number after a currency: `bn`, `m`.
    pub magnitude_suffixes: BTreeMap<String, f64>,
    /// Number words that can carry a magnitude or a multiplier: `three: 3`.
    pub number_words: BTreeMap<String, f64>,
    /// Units that make a number a percentage or points: `%`, `percent`.
    pub percent_units: Vec<String>,
    /// Verbs that state a multiplier: `tripled: 3`.
    pub multiplier_words: BTreeMap<String, f64>,
    /// Suffixes that make a number a multiplier: `fold` (threefold, 3-fold).
    pub fold_suffixes: Vec<String>,
    /// Words after a number that make it a multiplier when a comparison
    /// follows (`three times more`).
    pub times_words: Vec<String>,
    /// Words after `times` that make it a comparison.
    pub times_followers: Vec<String>,
    /// Signs glued before a figure that belong to it (`~`, `>`).
    pub span_prefixes: Vec<String>,
    /// Rate suffixes glued after a figure that belong to it (`/year`).
    pub rate_suffixes: Vec<String>,
    /// Smallest sum of money that counts as a statistic (smaller is a price).
    pub min_money: f64,
    /// Smallest count that counts as a statistic.
    pub min_count: f64,
    /// Largest `3x`-style multiplier (larger is a model name: `777x`).
    pub max_multiplier: f64,
    /// Words that cannot be what a bare number counts (`in`, `of`, `and`).
    pub function_words: Vec<String>,
    /// Units that make a number a measurement, not a count (`years`, `miles`).
    pub measure_units: Vec<String>,
    /// Matches that cancel the figures they overlap (`doubled down`).
    #[serde(default)]
    pub exceptions: WordListSpec,
}

/// Cues that a sentence names where its facts come from.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributionSpec {
    /// Phrases that attribute wherever they stand (`according to`).
    pub cues: WordListSpec,
    /// Reporting verbs that attribute when they have a subject (`said`).
    pub verbs: Vec<String>,
    /// Words that, just before a reporting verb, make it passive or an
    /// adjective rather than an attribution (`is said to`, `the reported`).
    pub passive_markers: Vec<String>,
}

rule_file! {
    /// A `kind: figure-attribution` rule file.
    FigureAttributionFile => FigureAttributionParams {
        /// How many sentences before a figure's own may carry its attribution.
        sentences_before: usize,
        /// How many sentences after it may carry it ("..., according to
        /// InfoNation." closing a paragraph of figures).
        sentences_after: usize,
        /// Words that present a figure as an estimate or a bound ("an
        /// estimated", "up to", "may have"): such a figure is not a reported
        /// number turned into fact.
        qualifiers: WordListSpec,
        /// Most words between a qualifier and its figure.
        qualifier_window: usize,
        /// Matches that mark the figure they overlap as the terms of a deal
        /// or a price (`a $3 billion buyout`, `acquired for $200 million`,
        /// `a 15% tariff`): on the public record, not a statistic.
        deal_terms: WordListSpec,
        /// Whether those sentences may be in the paragraphs before and after
        /// (prose runs on across paragraphs; lists and tables never do).
        across_paragraphs: bool,
        /// Cues of figures on the public record (market prices and moves):
        /// a sentence with one needs no source for its figures.
        public_record: WordListSpec,
        /// A sentence whose words are more than this share numbers is a data
        /// line (a box score, a price list), not a claim.
        max_number_share: f64,
        /// The figure grammar.
        figures: FigureGrammarSpec,
        /// Attribution cues.
        attribution: AttributionSpec,
        /// Label for further unsourced figures of the same sentence;
        /// `{match}` is the figure.
        also_label: String,
    }
}

/// Hedge cues, strong and weak.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HedgesSpec {
    /// Cues that mark a claim as unconfirmed or projected wherever they stand.
    pub strong: WordListSpec,
    /// Cues too common to mean much alone (bare modals); used only inside
    /// certainty frames.
    pub weak: WordListSpec,
}

/// Where the article states its claims in brief.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PositionsSpec {
    /// Headings whose section presents established facts ("What we know");
    /// every hedge counts there, bare modals included.
    pub certainty_frames: Vec<String>,
    /// Headings of summaries presented as fact ("TL;DR", "Key data"); only
    /// strong hedges count there.
    pub summary_frames: Vec<String>,
    /// Words of a block in the first or second person ("I guess", "you
    /// should"): such a block is opinion or advice, not a list of facts, and
    /// frames do not read it.
    pub personal_words: Vec<String>,
    /// Headings whose section summarises the article ("TL;DR", "Key data").
    pub summary_sections: Vec<String>,
    /// Labels that open a summary paragraph ("Summary:", "TL;DR:").
    pub summary_labels: Vec<String>,
    /// A first block of at most this many words, in an article whose parser
    /// found no headline, is taken as the headline.
    pub headline_max_words: usize,
}

/// How claims are aligned across the article.
#[derive(Debug, Clone, PartialEq, Deserialize)]
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

rule_file! {
    /// A `kind: hedging` rule file.
    HedgingFile => HedgingParams {
        /// The figure grammar (the same as unsourced-figure's).
        figures: FigureGrammarSpec,
        /// Hedge cues.
        hedges: HedgesSpec,
        /// Summary positions and certainty frames.
        positions: PositionsSpec,
        /// Claim alignment.
        alignment: AlignmentSpec,
        /// Message for a hedge inside a certainty frame; `{match}` is the
        /// hedge, `{heading}` the frame's heading.
        frame_message: String,
        /// Label on the frame's heading.
        frame_label: String,
        /// Label on a flat claim's hedged twin; `{match}` is the hedge.
        twin_label: String,
    }
}

rule_file! {
    /// A `kind: vague-attribution` rule file.
    VagueAttributionFile => VagueAttributionParams {
        /// Plural nouns for sources that are vague unless named (`analysts`).
        nouns: Vec<String>,
        /// Singular forms, vague after an indefinite determiner (`an analyst`).
        singular_nouns: Vec<String>,
        /// Nouns for texts that are vague even after `the` (`the reporting`).
        text_nouns: Vec<String>,
        /// Quantifiers that make a subject vague alone or before a
        /// quantified noun (`some`, `many`).
        quantifiers: Vec<String>,
        /// Nouns vague only after a quantifier (`some people`).
        quantified_nouns: Vec<String>,
        /// Determiners that make a singular noun indefinite (`a`, `one`).
        indefinite_determiners: Vec<String>,
        /// Determiners that refer back to a source already named (`the`, `these`).
        definite_determiners: Vec<String>,
        /// Modifiers that name nobody, even capitalised at a sentence start
        /// (`industry`, `independent`).
        generic_modifiers: Vec<String>,
        /// Verbs of saying and believing that follow the vague subject.
        verbs: Vec<String>,
        /// Verbs (and `according to`) that come before the vague subject.
        inverted_verbs: Vec<String>,
        /// Words after the subject that introduce a name (`at`, `including`).
        naming_links: Vec<String>,
        /// Words that may stand between subject and verb (`have`, `widely`).
        gap_words: Vec<String>,
        /// Prepositions that may open a phrase between subject and verb.
        prepositions: Vec<String>,
        /// Most words between the subject and its verb.
        max_gap_words: usize,
        /// Impersonal constructions that are vague as a whole (`it is widely believed`).
        impersonal: WordListSpec,
        /// Citation markers (`(12)`, `[3]`) that source a sentence by reference.
        citations: WordListSpec,
        /// Phrases that name the outlet carrying a sentence's claim
        /// (`told Reuters`, `as reported by the Independent`).
        outlets: WordListSpec,
        /// Label for a repeat of the same vague wording; `{match}` is the repeat.
        repeat_label: String,
    }
}
