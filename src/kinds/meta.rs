//! What a rule is, apart from its kind's parameters: id, severity, texts,
//! the blocks it reads, its examples. The rule loader fills it in; checks
//! read it when they report, renderers when they describe the rules.

use std::sync::Arc;

use serde::Deserialize;

use std::collections::HashMap;

use crate::diagnostic::{Applicability, Severity};
use crate::document::BlockKind;

/// Which block kinds a rule reads, as a bit set over [`BlockKind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Scope(u16);

impl Scope {
    /// Every block kind.
    pub const ALL: Scope = Scope(u16::MAX);

    /// Whether blocks of this kind are in scope.
    pub fn contains(self, kind: BlockKind) -> bool {
        self.0 & kind.bit() != 0
    }

    /// The scope named by a rule file's `scope:` list.
    pub fn from_names(names: &[ScopeName]) -> Scope {
        let mut bits = 0u16;
        for name in names {
            bits |= match name {
                ScopeName::All => u16::MAX,
                ScopeName::Body => !(BlockKind::Title.bit() | BlockKind::Summary.bit()),
                ScopeName::Kind(kind) => kind.bit(),
            };
        }
        Scope(bits)
    }

    /// The kinds in scope, by their rule-file names.
    pub fn names(self) -> Vec<&'static str> {
        if self == Scope::ALL {
            return vec!["all"];
        }
        BlockKind::ALL
            .iter()
            .filter(|k| self.contains(**k))
            .map(|k| k.name())
            .collect()
    }
}

/// A scope entry of a rule file: which blocks a rule reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeName {
    /// Every block (`all`).
    All,
    /// Every block except the headline and summary (`body`).
    Body,
    /// Blocks of one kind, by [`BlockKind::name`] (`paragraph`, `list-item`, ...).
    Kind(BlockKind),
}

/// Every name a scope entry may have.
const SCOPE_NAMES: &[&str] = &[
    "all",
    "body",
    "title",
    "summary",
    "heading",
    "paragraph",
    "list-item",
    "table-row",
    "caption",
    "question",
    "answer",
    "quote",
];

impl schemars::JsonSchema for ScopeName {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ScopeName".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A block kind the rule reads: `all`, `body` (all but the headline and summary), or one kind.",
            "enum": SCOPE_NAMES,
        })
    }
}

impl<'de> Deserialize<'de> for ScopeName {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Names;
        impl serde::de::Visitor<'_> for Names {
            type Value = ScopeName;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a block kind")
            }
            fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<ScopeName, E> {
                match name {
                    "all" => Ok(ScopeName::All),
                    "body" => Ok(ScopeName::Body),
                    _ => BlockKind::ALL
                        .iter()
                        .find(|k| k.name() == name)
                        .map(|k| ScopeName::Kind(*k))
                        .ok_or_else(|| E::unknown_variant(name, SCOPE_NAMES)),
                }
            }
        }
        deserializer.deserialize_str(Names)
    }
}

/// Example texts a rule must flag and must pass.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Examples {
    /// Texts the rule must report.
    pub flag: Vec<String>,
    /// Texts the rule must not report.
    pub pass: Vec<String>,
}

/// Everything about a rule except its check parameters.
#[derive(Debug, Clone)]
pub struct RuleMeta {
    /// Unique id.
    pub id: Arc<str>,
    /// Effective severity (the file's, unless re-graded).
    pub severity: Severity,
    /// The check kind's name (`pattern`, ...), as the kind table gives it.
    pub kind: &'static str,
    /// One-line summary.
    pub summary: String,
    /// Message template; `{match}` is replaced by the matched text.
    pub message: String,
    /// What the rule catches.
    pub description: String,
    /// Why it matters.
    pub why: String,
    /// Advice shown with each finding.
    pub help: Option<String>,
    /// Which blocks the rule reads.
    pub scope: Scope,
    /// The rule's own examples.
    pub examples: Examples,
    /// The file the rule came from.
    pub origin: String,
    /// What fixing a finding does, when the rule says.
    pub fix: Option<FixRule>,
    /// What becomes of a finding inside someone's reported words.
    pub in_quotes: InQuotes,
}

/// A rule's `in_quotes:` key: what becomes of its findings inside quoted
/// speech that is attributed to someone (see
/// [`crate::analyses::quotes::Speech`]). A human story that quotes a
/// chatbot's leaked line, and says who said it, is reporting, not leaking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum InQuotes {
    /// Reported like any other text (the default).
    #[default]
    Report,
    /// Not reported.
    Skip,
    /// Reported at `info` severity.
    Info,
}

impl InQuotes {
    /// The name a rule file writes.
    pub fn name(self) -> &'static str {
        match self {
            InQuotes::Report => "report",
            InQuotes::Skip => "skip",
            InQuotes::Info => "info",
        }
    }
}

/// A rule's `fix:` key: how a finding is fixed and how safe that is.
/// Compiled into a [`FixRule`]; applied by `crate::fix`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ApplicabilityName {
    /// Keeps the meaning; applied by `--fix`.
    Safe,
    /// May change the meaning; applied only with `--unsafe-fixes`.
    Unsafe,
}

/// A rule's compiled `fix:`: what fixing one of its findings does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixRule {
    action: FixAction,
    applicability: Applicability,
}

/// What a fix does to the text around a finding (see `crate::fix`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FixAction {
    /// Delete the matched text.
    DeleteMatch,
    /// Delete the sentences the match is in.
    DeleteSentence,
    /// Delete the block the match is in.
    DeleteBlock,
    /// Delete the source lines the match is on.
    DeleteLine,
    /// Delete the suppression comment the match is in.
    DeleteSuppression,
    /// Cut the block back to its last complete sentence before the match.
    CutToSentence,
    /// Replace with `with`, or with the replacement of the matched phrase
    /// (keys lowercase, single-spaced); no fix when neither applies.
    Replace {
        with: Option<String>,
        replacements: HashMap<String, String>,
    },
}

impl FixRule {
    /// Validates a rule file's `fix:` key: `replace` needs `with` or
    /// `replacements`, the deletions take neither, no phrase is empty.
    pub fn compile(spec: &FixSpec) -> Result<FixRule, String> {
        let applicability = match spec.applicability {
            ApplicabilityName::Safe => Applicability::Safe,
            ApplicabilityName::Unsafe => Applicability::Unsafe,
        };
        let has_text = spec.with.is_some() || spec.replacements.is_some();
        let action = match spec.action {
            FixActionName::Replace => {
                if !has_text {
                    return Err("`fix: {action: replace}` needs `with` or `replacements`".into());
                }
                let mut replacements = HashMap::new();
                for (phrase, replacement) in spec.replacements.iter().flatten() {
                    let key = normalize_phrase(phrase);
                    if key.is_empty() {
                        return Err("`fix: replacements` has an empty phrase".into());
                    }
                    if replacements.insert(key, replacement.clone()).is_some() {
                        return Err(format!(
                            "`fix: replacements` names `{phrase}` twice (case and spacing do not count)"
                        ));
                    }
                }
                FixAction::Replace {
                    with: spec.with.clone(),
                    replacements,
                }
            }
            other => {
                if has_text {
                    return Err(
                        "`with` and `replacements` belong to `fix: {action: replace}` only".into(),
                    );
                }
                match other {
                    FixActionName::DeleteMatch => FixAction::DeleteMatch,
                    FixActionName::DeleteSentence => FixAction::DeleteSentence,
                    FixActionName::DeleteBlock => FixAction::DeleteBlock,
                    FixActionName::DeleteLine => FixAction::DeleteLine,
                    FixActionName::DeleteSuppression => FixAction::DeleteSuppression,
                    FixActionName::CutToSentence => FixAction::CutToSentence,
                    FixActionName::Replace => unreachable!("handled above"),
                }
            }
        };
        Ok(FixRule {
            action,
            applicability,
        })
    }

    /// What the fix does.
    pub fn action(&self) -> &FixAction {
        &self.action
    }

    /// Whether `--fix` applies this rule's fixes alone.
    pub fn applicability(&self) -> Applicability {
        self.applicability
    }

    /// The action's name as a rule file writes it.
    pub fn action_name(&self) -> &'static str {
        match self.action {
            FixAction::DeleteMatch => "delete-match",
            FixAction::DeleteSentence => "delete-sentence",
            FixAction::DeleteBlock => "delete-block",
            FixAction::DeleteLine => "delete-line",
            FixAction::DeleteSuppression => "delete-suppression",
            FixAction::CutToSentence => "cut-to-sentence",
            FixAction::Replace { .. } => "replace",
        }
    }
}

/// A phrase as replacements are keyed: lowercase, single spaces, straight
/// apostrophes (phrases match typographic ones too).
pub fn normalize_phrase(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace('\u{2019}', "'")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_names_are_the_block_kind_names() {
        let names: Vec<ScopeName> =
            serde_yaml::from_str("[body, list-item, caption]").expect("known names");
        let scope = Scope::from_names(&names);
        assert!(scope.contains(BlockKind::Paragraph) && !scope.contains(BlockKind::Title));
        assert_eq!(
            Scope::from_names(&names[1..]).names(),
            ["list-item", "caption"]
        );
        let err = serde_yaml::from_str::<Vec<ScopeName>>("[paragraphs]").unwrap_err();
        assert!(
            err.to_string().contains("unknown variant `paragraphs`"),
            "{err}"
        );
    }
}
