//! The shape of `newslint.yaml`, exactly as written.
//!
//! Every key is declared here with unknown keys rejected, so a typo is an
//! error that names its line and column, like a rule file's. Meaning
//! (rule ids that exist, globs that compile, parameters a rule has) is
//! checked when the file is resolved against the rules, in `super`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Severity;
use crate::rules::yaml::Value;

/// The severity from which findings fail a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FailOn {
    /// Fail on errors (the default).
    Error,
    /// Fail on warnings and errors.
    Warning,
    /// Fail on any finding.
    Info,
    /// Never fail because of findings.
    Never,
}

impl FailOn {
    /// The lowest severity that fails the run, if any does.
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

/// A rule's level in the configuration: a severity, or `off` (the rule
/// does not report), so that `newslint config`'s own output reads back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The rule does not report.
    Off,
    /// Style advice.
    Info,
    /// Probably a defect.
    Warning,
    /// A defect that must not be published.
    Error,
}

impl Level {
    /// The severity the rule reports at, or `None` when it is off.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

impl std::str::FromStr for Level {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "off" => Ok(Level::Off),
            other => other
                .parse::<Severity>()
                .map(|severity| match severity {
                    Severity::Info => Level::Info,
                    Severity::Warning => Level::Warning,
                    Severity::Error => Level::Error,
                })
                .map_err(|_| {
                    format!("unknown level `{other}` (expected error, warning, info or off)")
                }),
        }
    }
}

/// Kind parameters of one rule: key to value, validated by the rule's kind.
pub type Params = BTreeMap<String, Value>;

/// A whole configuration file.
#[derive(Debug, Clone, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FileSpec {
    /// Folders (or files) of extra YAML rules, relative to the file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rule_dirs: Vec<String>,
    /// Rules turned off everywhere.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disable: Vec<String>,
    /// New severities (or `off`), by rule id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub severity: BTreeMap<String, Level>,
    /// The severity from which findings fail the run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_on: Option<FailOn>,
    /// When set, only files matching one of these globs are linted when a
    /// directory is walked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    /// Files matching these globs are skipped when a directory is walked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
    /// Kind parameters by rule id (`duplicate-block: {min_words: 12}`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<String, Params>,
    /// Settings for the files matching some globs, applied in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overrides: Vec<OverrideSpec>,
}

/// Settings for part of the tree (opinion columns, wire copy, ...).
#[derive(Debug, Clone, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct OverrideSpec {
    /// Globs the override applies to, relative to the configuration file.
    pub paths: Vec<String>,
    /// Rules turned on for these files (again).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enable: Vec<String>,
    /// Rules turned off for these files.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disable: Vec<String>,
    /// New severities (or `off`) for these files.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub severity: BTreeMap<String, Level>,
    /// Kind parameters for these files.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<String, Params>,
}
