//! Rules: YAML files turned into validated, compiled rules.
//!
//! Rules are data, checks are code. A rule file names a check kind and gives
//! it parameters (word lists, regexes, thresholds, messages); this module
//! reads those files (the built-in pack embedded at build time, plus any
//! folders the user adds), rejects anything malformed with a file:line:col
//! error, and hands the checks compiled configurations.

mod compile;
pub mod spec;
mod structure;
pub(crate) mod yaml;

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::checks::CheckConfig;
use crate::diagnostic::Severity;
use crate::document::BlockKind;

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));
}

/// A rule file that could not be loaded, with where the problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The rule file (`rules/x.yaml` for built-in rules).
    pub file: String,
    /// 1-based line of the problem, when known.
    pub line: Option<usize>,
    /// 1-based column of the problem, when known.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for LoadError {}

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
    pub fn from_names(names: &[spec::ScopeName]) -> Scope {
        use spec::ScopeName as S;
        let mut bits = 0u16;
        for name in names {
            bits |= match name {
                S::All => u16::MAX,
                S::Body => !(BlockKind::Title.bit() | BlockKind::Summary.bit()),
                S::Title => BlockKind::Title.bit(),
                S::Summary => BlockKind::Summary.bit(),
                S::Heading => BlockKind::Heading.bit(),
                S::Paragraph => BlockKind::Paragraph.bit(),
                S::ListItem => BlockKind::ListItem.bit(),
                S::TableRow => BlockKind::TableRow.bit(),
                S::Caption => BlockKind::Caption.bit(),
                S::Question => BlockKind::Question.bit(),
                S::Answer => BlockKind::Answer.bit(),
                S::Quote => BlockKind::Quote.bit(),
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
    /// The check kind's name (`pattern`, ...).
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
    pub fix: Option<crate::fix::FixRule>,
}

/// A validated rule: its metadata and its check's compiled configuration.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Id, severity, texts.
    pub meta: Arc<RuleMeta>,
    /// What the check needs to run it.
    pub config: CheckConfig,
    /// The rule file's text, kept so a configuration can recompile the rule
    /// with other parameters.
    pub text: Arc<str>,
}

/// The rules of one run, in id order, ids unique.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    rules: Vec<Rule>,
}

impl RuleSet {
    /// The built-in pack, embedded in the binary.
    pub fn builtin() -> Result<RuleSet, LoadError> {
        let mut set = RuleSet::default();
        set.add_all(builtin::BUILTIN_RULES)?;
        Ok(set)
    }

    /// Compiles rule files given as (origin, text) pairs, in parallel, and
    /// adds them in the order given (so the first error reported is the
    /// first file's).
    fn add_all<S: AsRef<str> + Sync>(&mut self, files: &[(S, S)]) -> Result<(), LoadError> {
        let compiled: Vec<Result<Rule, LoadError>> = files
            .par_iter()
            .map(|(origin, text)| compile::rule_from_str(text.as_ref(), origin.as_ref()))
            .collect();
        for rule in compiled {
            self.add(rule?)?;
        }
        Ok(())
    }

    /// An empty set, to build from rule files only.
    pub fn empty() -> RuleSet {
        RuleSet::default()
    }

    /// Adds the rule files of a folder (`*.yaml`, `*.yml`, recursively, in
    /// path order) or a single rule file.
    pub fn load_path(&mut self, path: &Path) -> Result<(), LoadError> {
        let io_error = |err: std::io::Error| LoadError {
            file: path.display().to_string(),
            line: None,
            column: None,
            message: format!("cannot read rules: {err}"),
        };
        let meta = std::fs::metadata(path).map_err(io_error)?;
        let mut files = Vec::new();
        if meta.is_dir() {
            collect_rule_files(path, &mut files).map_err(io_error)?;
            files.sort();
        } else {
            files.push(path.to_path_buf());
        }
        let mut texts = Vec::with_capacity(files.len());
        for file in files {
            let shown = file.display().to_string();
            let text = std::fs::read_to_string(&file).map_err(|err| LoadError {
                file: shown.clone(),
                line: None,
                column: None,
                message: format!("cannot read rule file: {err}"),
            })?;
            texts.push((shown, text));
        }
        self.add_all(&texts)
    }

    /// Adds one compiled rule from YAML text (used by tests and tools).
    pub fn add_str(&mut self, text: &str, origin: &str) -> Result<(), LoadError> {
        self.add(compile::rule_from_str(text, origin)?)
    }

    fn add(&mut self, rule: Rule) -> Result<(), LoadError> {
        if let Some(existing) = self.get(&rule.meta.id) {
            return Err(LoadError {
                file: rule.meta.origin.clone(),
                line: None,
                column: None,
                message: format!(
                    "duplicate rule id `{}` (already defined in {})",
                    rule.meta.id, existing.meta.origin
                ),
            });
        }
        let at = self
            .rules
            .partition_point(|r| r.meta.id.as_ref() < rule.meta.id.as_ref());
        self.rules.insert(at, rule);
        Ok(())
    }

    /// The rule with this id.
    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules
            .binary_search_by(|r| r.meta.id.as_ref().cmp(id))
            .ok()
            .map(|i| &self.rules[i])
    }

    /// All rules in id order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Keeps only the rules `keep` accepts.
    pub fn retain(&mut self, mut keep: impl FnMut(&Rule) -> bool) {
        self.rules.retain(|r| keep(r));
    }

    /// Replaces some kind parameters of a rule with values from a project
    /// configuration, recompiling it; returns false if there is no such rule.
    pub(crate) fn set_params(
        &mut self,
        id: &str,
        params: &[(&str, &yaml::Value)],
    ) -> Result<bool, LoadError> {
        match self.rules.iter_mut().find(|r| r.meta.id.as_ref() == id) {
            Some(rule) => {
                *rule = compile::rule_with_params(rule, params)?;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Changes the severity of a rule; returns false if there is no such rule.
    pub fn set_severity(&mut self, id: &str, severity: Severity) -> bool {
        match self.rules.iter_mut().find(|r| r.meta.id.as_ref() == id) {
            Some(rule) => {
                Arc::make_mut(&mut rule.meta).severity = severity;
                true
            }
            None => false,
        }
    }
}

fn collect_rule_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_rule_files(&path, out)?;
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        ) {
            out.push(path);
        }
    }
    Ok(())
}
