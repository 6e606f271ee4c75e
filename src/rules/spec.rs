//! The shape of a rule file, exactly as written in YAML (the first layer).
//!
//! Every key a rule file may hold is declared here, with unknown keys
//! rejected, so a typo is an error that names its line and column. Each check
//! kind has its own struct: the keys every rule shares plus that kind's
//! parameters. They are declared through [`rule_file!`] because serde cannot
//! combine `flatten` with `deny_unknown_fields` (nor keep error locations
//! through it). Validation and compilation happen in `compile`.

use serde::Deserialize;

use crate::diagnostic::Severity;

/// The check kinds a rule file may name in `kind:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum KindName {
    /// Phrases and regexes matched inside blocks.
    Pattern,
    /// Inline suppression comments that suppress nothing (see `crate::suppress`).
    Suppression,
    /// The article's closing prose stops mid-sentence or mid-word.
    TruncatedEnding,
    /// A heading with nothing under it.
    EmptySection,
    /// A sentence or block printed twice.
    DuplicateBlock,
    /// A run of text in a script other than the article's own.
    ForeignScript,
    /// Statistics with no attribution nearby (`claims::unsourced`).
    FigureAttribution,
    /// Hedges in certainty frames and hedges dropped in summaries (`claims::hedging`).
    Hedging,
    /// Vague attribution with nobody named (`claims::vague`).
    VagueAttribution,
}

/// Reads only `kind:`, to know which full struct to parse the file into.
#[derive(Debug, Deserialize)]
pub struct KindProbe {
    /// The check kind.
    pub kind: KindName,
}

/// A scope entry: which blocks a rule reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ScopeName {
    /// Every block.
    All,
    /// Every block except the headline and summary.
    Body,
    /// The headline.
    Title,
    /// The summary or dek.
    Summary,
    /// Section headings.
    Heading,
    /// Paragraphs.
    Paragraph,
    /// List items.
    ListItem,
    /// Table rows.
    TableRow,
    /// Captions and alt text.
    Caption,
    /// FAQ questions.
    Question,
    /// FAQ answers.
    Answer,
    /// Block quotations.
    Quote,
}

/// Example texts every rule carries; one test runs them all.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExamplesSpec {
    /// Texts the rule must report.
    #[serde(default)]
    pub flag: Vec<String>,
    /// Texts the rule must not report.
    #[serde(default)]
    pub pass: Vec<String>,
}

/// The keys every rule file has, whatever its kind.
#[derive(Debug, Clone)]
pub struct HeaderSpec {
    /// Unique rule id (`template-leak`).
    pub id: String,
    /// Default severity.
    pub severity: Severity,
    /// The check kind.
    pub kind: KindName,
    /// One line for `newslint rules`.
    pub summary: String,
    /// Diagnostic message; `{match}` is replaced by the matched text.
    pub message: String,
    /// What the rule catches.
    pub description: String,
    /// Why it matters.
    pub why: String,
    /// Advice shown under each finding.
    pub help: Option<String>,
    /// Blocks the rule reads (default: all).
    pub scope: Option<Vec<ScopeName>>,
    /// Examples to flag and to pass.
    pub examples: ExamplesSpec,
    /// What fixing a finding means, if the rule can be fixed.
    pub fix: Option<FixSpec>,
}

/// A rule's `fix:` key: how a finding is fixed and how safe that is.
/// Validated and compiled in `crate::fix`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FixSpec {
    /// What the fix does to the text.
    pub action: FixActionName,
    /// For `replace`: the text that takes the match's place.
    #[serde(default)]
    pub with: Option<String>,
    /// For `replace`: a replacement per matched phrase (matched without
    /// regard to case or spacing); a match with none has no fix.
    #[serde(default)]
    pub replacements: Option<std::collections::BTreeMap<String, String>>,
    /// `safe` (applied by `--fix`) or `unsafe` (only with `--unsafe-fixes`).
    pub applicability: ApplicabilityName,
}

/// The actions a `fix:` may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FixActionName {
    /// Delete the matched text.
    DeleteMatch,
    /// Delete the sentences the match is in (the block, when that is all of it).
    DeleteSentence,
    /// Delete the block the match is in.
    DeleteBlock,
    /// Delete the source lines the match is on.
    DeleteLine,
    /// Delete the suppression comment the match names a rule in (or only
    /// that rule's id, when the comment names others).
    DeleteSuppression,
    /// Cut the block back to the end of its last complete sentence before
    /// the match (the whole block when there is none).
    CutToSentence,
    /// Replace the match with `with`, or with its phrase's replacement.
    Replace,
}

/// How safe a fix is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ApplicabilityName {
    /// Keeps the meaning; applied by `--fix`.
    Safe,
    /// May change the meaning; applied only with `--unsafe-fixes`.
    Unsafe,
}

/// Declares the file struct of one kind: the shared header keys plus the
/// kind's own parameters, and a `split` into ([`HeaderSpec`], parameters).
macro_rules! rule_file {
    (
        $(#[$meta:meta])*
        $file:ident => $params:ident {
            $( $(#[$fmeta:meta])* $field:ident : $ty:ty, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $file {
            id: String,
            severity: Severity,
            kind: KindName,
            summary: String,
            message: String,
            description: String,
            why: String,
            #[serde(default)]
            help: Option<String>,
            #[serde(default)]
            scope: Option<Vec<ScopeName>>,
            examples: ExamplesSpec,
            #[serde(default)]
            fix: Option<$crate::rules::spec::FixSpec>,
            $( $(#[$fmeta])* $field: $ty, )*
        }

        /// The kind-specific keys of the rule file.
        #[derive(Debug, Deserialize)]
        pub struct $params {
            $( $(#[$fmeta])* pub $field: $ty, )*
        }

        impl $file {
            /// Separates the shared keys from the kind's parameters.
            pub fn split(self) -> (HeaderSpec, $params) {
                (
                    HeaderSpec {
                        id: self.id,
                        severity: self.severity,
                        kind: self.kind,
                        summary: self.summary,
                        message: self.message,
                        description: self.description,
                        why: self.why,
                        help: self.help,
                        scope: self.scope,
                        examples: self.examples,
                        fix: self.fix,
                    },
                    $params { $( $field: self.$field, )* },
                )
            }
        }
    };
}

/// A group of phrases and regexes sharing an optional message.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternGroupSpec {
    /// Message for matches of this group (default: the rule's message).
    #[serde(default)]
    pub message: Option<String>,
    /// Help for matches of this group (default: the rule's help).
    #[serde(default)]
    pub help: Option<String>,
    /// Literal phrases: case-insensitive, word-bounded, any whitespace between words.
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Regular expressions (Rust `regex` syntax), used as written.
    #[serde(default)]
    pub regexes: Vec<String>,
}

/// Matches that cancel a rule's matches they overlap.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExceptionSpec {
    /// Literal phrases, matched like pattern phrases.
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Regular expressions.
    #[serde(default)]
    pub regexes: Vec<String>,
}

rule_file! {
    /// A `kind: pattern` rule file.
    PatternFile => PatternParams {
        /// Groups of phrases and regexes.
        patterns: Vec<PatternGroupSpec>,
        /// Matches that cancel overlapping matches.
        #[serde(default)]
        exceptions: ExceptionSpec,
    }
}

rule_file! {
    /// A `kind: suppression` rule file: the messages of the suppression
    /// comment checker (its `message` is the one for an unused suppression).
    SuppressionFile => SuppressionParams {
        /// Message for a suppression naming a rule nobody defines; `{match}` is the id.
        unknown_rule: String,
        /// Message for a `newslint-…` comment that is no known directive.
        unknown_directive: String,
    }
}

/// Phrases and regexes that pick out whole blocks or parts of them (the
/// shape of `exceptions`, reused by the structural kinds).
pub type MatchListSpec = ExceptionSpec;

/// Messages of the `truncated-ending` kind, one per signal; `{match}` is the
/// last words of the article.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TruncatedMessagesSpec {
    /// The last word is cut short (a lone letter: "via A").
    pub mid_word: String,
    /// The last word is one no sentence ends on ("of", "the", "via").
    pub dangling: String,
    /// A quote or bracket opened in the last sentence is never closed.
    pub open_quote: String,
    /// A long last sentence has no closing punctuation.
    pub no_stop: String,
}

/// The summary-trails-off-with-an-ellipsis case of `truncated-ending`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EllipsisSpec {
    /// Severity of these findings (never above the rule's own).
    pub severity: Severity,
    /// Message; `{match}` is the words before the ellipsis.
    pub message: String,
    /// Block kinds that are summaries by position (`summary`, `title`, ...).
    #[serde(default)]
    pub scope: Vec<ScopeName>,
    /// Labels that make any block a summary or quoted brief ("Original brief:").
    #[serde(default)]
    pub labels: MatchListSpec,
    /// Fewest words before the ellipsis for it to be a trailing-off sentence.
    pub min_words: usize,
}

rule_file! {
    /// A `kind: truncated-ending` rule file.
    TruncatedEndingFile => TruncatedEndingParams {
        /// Fewest words a block needs to be taken for the closing prose;
        /// shorter blocks at the end are page furniture or headings.
        min_prose_words: usize,
        /// Blocks at the end that are not prose: credit lines, datelines,
        /// bylines, separators, calls to action, link lists.
        skip: MatchListSpec,
        /// Headings of closing link lists ("Related", "Story Timeline"):
        /// the blocks under them are not prose.
        skip_sections: MatchListSpec,
        /// Words a last sentence with no complete sentence before it in its
        /// block needs to be taken for cut off (link titles and captions
        /// are shorter).
        lone_sentence_words: usize,
        /// Share of an article's prose blocks that end with a stop above
        /// which a lone long unstopped last sentence is cut off even with no
        /// complete sentence before it in its block.
        min_stop_share: f64,
        /// Signatures of embedded posts ("— Name (@handle) May 1, 2024"):
        /// the signature and the post before it are skipped.
        embed_signatures: MatchListSpec,
        /// Last words that end a block on purpose without a stop (a URL, a
        /// handle, a hashtag, an email address).
        complete_endings: MatchListSpec,
        /// Words no sentence ends on (lowercase).
        dangling_words: Vec<String>,
        /// A last sentence with no stop is cut off when it has at least this
        /// many words and follows a complete sentence in the same block.
        open_sentence_words: usize,
        /// Messages per signal.
        messages: TruncatedMessagesSpec,
        /// Summaries and quoted briefs that trail off with an ellipsis.
        ellipsis: EllipsisSpec,
    }
}

rule_file! {
    /// A `kind: empty-section` rule file.
    EmptySectionFile => EmptySectionParams {
        /// Headings that are page furniture rather than article sections
        /// (comment widgets, share bars); never reported here.
        ignore: MatchListSpec,
        /// Names of the sections article templates print. Plain text shows
        /// no heading levels (a bare line over a bare line may be a heading
        /// over its subheading, or a list), so there only headings with
        /// these names are reported; and a bare last line with one of these
        /// names is an empty section in any format.
        section_names: MatchListSpec,
        /// Regexes for a sentence that points at a section; `{heading}`
        /// stands for the heading's text (escaped, case-insensitive).
        references: Vec<String>,
        /// Message of the secondary label on such a sentence.
        reference_label: String,
    }
}

rule_file! {
    /// A `kind: duplicate-block` rule file.
    DuplicateBlockFile => DuplicateBlockParams {
        /// Fewest words (after normalising) a repeated text needs; shorter
        /// repeats are boilerplate.
        min_words: usize,
        /// Decorations removed before comparing: list markers, `Q:`/`A:`,
        /// `▾`, trailing credits.
        strip: MatchListSpec,
        /// Block kinds compared even when they do not end like a sentence
        /// (captions often have no full stop). Other text is compared only
        /// when it ends with `.`, `!`, `?` or `…`: lists of items, product
        /// specifications and recipe lines repeat by design.
        #[serde(default)]
        unstopped_kinds: Vec<ScopeName>,
        /// Kinds of a one-sentence block that repeats a sentence of a longer
        /// block on purpose: a pull quote. Never reported.
        #[serde(default)]
        pull_quote_kinds: Vec<ScopeName>,
        /// Largest share of a text's words that may be numbers for it to be
        /// compared: lists of quantities (recipes, results, specifications)
        /// repeat by design.
        max_number_share: f64,
        /// Message when a single sentence is repeated (`{match}` its text).
        sentence_message: String,
        /// Message of the secondary label at the first copy.
        first_label: String,
    }
}

rule_file! {
    /// A `kind: foreign-script` rule file.
    ForeignScriptFile => ForeignScriptParams {
        /// Fewest letters a run needs; shorter runs (a name in its own
        /// script) are allowed.
        min_letters: usize,
        /// Fewest words a run needs.
        min_words: usize,
        /// Scripts that are written together (Unicode script names, e.g.
        /// `[Han, Hiragana, Katakana]`): none is foreign beside the others.
        #[serde(default)]
        compatible: Vec<Vec<String>>,
        /// A block that follows a block matching one of these (a line that
        /// ends with a colon: "The sign read:") quotes its text in the
        /// original script on purpose.
        #[serde(default)]
        introducers: MatchListSpec,
        /// Scripts written without spaces between words (Han, Thai, ...):
        /// there every letter counts as a word.
        #[serde(default)]
        unspaced: Vec<String>,
    }
}
pub mod claims;
