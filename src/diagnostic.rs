//! newslint's own finding type, independent of any output format.
//!
//! Checks produce [`Diagnostic`]s with byte ranges into the original source;
//! renderers turn them into codespan output, JSON, SARIF and so on. Keeping our
//! own type (rather than building codespan diagnostics directly) lets every
//! renderer see the same evidence: secondary labels, help text and fixes.

use std::fmt;
use std::ops::Range;
use std::str::FromStr;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// How serious a finding is; ordered so that `Info < Warning < Error`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Style advice; never fails a run by default.
    Info,
    /// Probably a defect; an editor should look.
    Warning,
    /// A defect that must not be published.
    Error,
}

impl Severity {
    /// The lowercase name used in every output format and in rule files.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            other => Err(format!(
                "unknown severity `{other}` (expected error, warning or info)"
            )),
        }
    }
}

/// A secondary span that carries evidence for a finding (the first copy of a
/// duplicated block, the hedged twin of a flat claim, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Byte range into the source.
    pub range: Range<usize>,
    /// What this span shows.
    pub message: String,
}

/// Whether a fix may be applied without a person reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Keeps the text's meaning: `check --fix` applies it.
    Safe,
    /// May change what the text says: applied only with `--unsafe-fixes`,
    /// otherwise shown as a suggestion.
    Unsafe,
}

impl Applicability {
    /// The lowercase name used in every output format and in rule files.
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// A machine-applicable replacement of one byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// Byte range into the source to replace.
    pub range: Range<usize>,
    /// The text to put there (empty for a deletion).
    pub replacement: String,
    /// Whether `--fix` applies it alone or needs `--unsafe-fixes`.
    pub applicability: Applicability,
}

/// One finding of one rule in one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The id of the rule that reported it.
    pub rule: Arc<str>,
    /// The rule's effective severity.
    pub severity: Severity,
    /// One line saying what is wrong, in terms of the text.
    pub message: String,
    /// Primary byte range into the source.
    pub range: Range<usize>,
    /// Secondary spans with evidence.
    pub labels: Vec<Label>,
    /// Optional advice on what to do.
    pub help: Option<String>,
    /// Optional machine-applicable fix.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// The order every report uses: by byte offset, then rule id, then the rest
    /// so that output is fully deterministic.
    pub fn sort_key(&self) -> (usize, &str, usize, &str) {
        (self.range.start, &self.rule, self.range.end, &self.message)
    }
}

/// Sorts diagnostics of one source into report order and drops exact repeats.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup_by(|a, b| a.sort_key() == b.sort_key());
}
