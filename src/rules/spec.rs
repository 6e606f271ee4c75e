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

pub mod claims;
