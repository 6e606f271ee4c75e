//! Rules: YAML files turned into validated, compiled rules.
//!
//! Rules are data, checks are code. A rule file names a check kind and gives
//! it parameters (word lists, regexes, thresholds, messages); this module
//! reads those files (the built-in pack embedded at build time, plus any
//! folders the user adds), rejects anything malformed with a file:line:col
//! error, and hands the checks compiled configurations.

mod compile;
pub mod schema;
pub mod spec;
pub(crate) mod yaml;

use std::fmt;
use std::path::Path;
use std::sync::{Arc, LazyLock};

use rayon::prelude::*;

use crate::diagnostic::Severity;
use crate::kinds::AnyConfig;
pub use crate::kinds::{Examples, RuleMeta, Scope};

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

/// A validated rule: its metadata and its check's compiled configuration.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Id, severity, texts.
    pub meta: Arc<RuleMeta>,
    /// What its kind's check needs to run it (the kind's `Config`).
    pub config: AnyConfig,
    /// The rule file's text, kept so a configuration can recompile the rule
    /// with other parameters (with the configuration's parameters in it once
    /// it has).
    pub text: Arc<str>,
    /// The rule file as written, before any configuration: the defaults
    /// `newslint explain` compares with, and what `explain --yaml` prints.
    pub written: Arc<str>,
    /// Whether the rule is one of the built-in pack, whose `origin` is a
    /// path in newslint's source tree, not on the user's disk.
    pub builtin: bool,
}

impl Rule {
    /// Where the rule comes from, as a user can find it: its file, or the
    /// built-in pack.
    pub fn defined_in(&self) -> String {
        if self.builtin {
            "the built-in pack".to_string()
        } else {
            self.meta.origin.clone()
        }
    }

    /// The kind's parameter keys, in the order the kind declares them.
    pub fn parameter_keys(&self) -> &'static [&'static str] {
        compile::parameter_keys(self.meta.kind)
    }

    /// The rule's parameters, in the kind's order: their values now
    /// (configuration applied) and in the rule file.
    pub fn parameters(&self) -> Vec<Parameter> {
        let now = yaml::mapping(&self.text);
        let written = yaml::mapping(&self.written);
        self.parameter_keys()
            .iter()
            .map(|&key| {
                let (now, written) = (now.get(key), written.get(key));
                Parameter {
                    key,
                    value: now.map(yaml::Value::brief),
                    configured: now != written,
                    written: written.map(yaml::Value::brief),
                }
            })
            .collect()
    }
}

/// One parameter of a rule, for people to read (`newslint explain`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parameter {
    /// The key, as a rule file and the configuration's `rules:` write it.
    pub key: &'static str,
    /// Its value now, in brief; `None` when nothing sets it (the kind's
    /// default applies).
    pub value: Option<String>,
    /// Whether the configuration changed it from the rule file's value.
    pub configured: bool,
    /// The rule file's value, in brief (`None`: the kind's default).
    pub written: Option<String>,
}

/// The rules of one run, in id order, ids unique.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    rules: Vec<Rule>,
}

impl RuleSet {
    /// The built-in pack, embedded in the binary. It is compiled once per
    /// process and then cloned (a clone shares the compiled checks): every
    /// configuration resolves against it, so the language server reloading
    /// a configuration, or a fuzzer trying one per execution, would
    /// otherwise compile the whole pack each time.
    pub fn builtin() -> Result<RuleSet, LoadError> {
        static PACK: LazyLock<Result<RuleSet, LoadError>> = LazyLock::new(|| {
            let mut set = RuleSet::default();
            set.add_all(builtin::BUILTIN_RULES)?;
            set.rules.iter_mut().for_each(|r| r.builtin = true);
            Ok(set)
        });
        PACK.clone()
    }

    /// One rule of the built-in pack, compiled alone (the rest of the pack
    /// is not read).
    pub fn builtin_rule(id: &str) -> Result<RuleSet, LoadError> {
        let origin = format!("rules/{id}.yaml");
        let file = builtin::BUILTIN_RULES
            .iter()
            .find(|(path, _)| *path == origin)
            .ok_or_else(|| LoadError {
                file: origin.clone(),
                line: None,
                column: None,
                message: format!("no built-in rule `{id}`"),
            })?;
        let mut set = RuleSet::default();
        set.add_all(&[*file])?;
        set.rules.iter_mut().for_each(|r| r.builtin = true);
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
            let text = crate::read::yaml_file(&file).map_err(|err| LoadError {
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
                    rule.meta.id,
                    existing.defined_in()
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
