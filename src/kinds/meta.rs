//! What a rule is, apart from its kind's parameters: id, severity, texts,
//! the blocks it reads, its examples. The rule loader fills it in; checks
//! read it when they report, renderers when they describe the rules.

use std::sync::Arc;

use serde::Deserialize;

use crate::diagnostic::Severity;
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

impl<'de> Deserialize<'de> for ScopeName {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// Every name a scope entry may have, for the error message.
        const NAMES: &[&str] = &[
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
                        .ok_or_else(|| E::unknown_variant(name, NAMES)),
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
