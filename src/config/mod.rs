//! Project configuration: `newslint.yaml`, resolved against the rules.
//!
//! A newsroom tunes the pack to its house style without forking it: extra
//! rule folders, rules turned off or re-graded, the failing severity, which
//! files a walk picks up, rule parameters, and all of these again for parts
//! of the tree (opinion columns may editorialise; wire copy has its own page
//! chrome). The file is found from the current folder upward, or named with
//! `--config`; command-line flags override it.
//!
//! Precedence, lowest first: the rule files' defaults, the file's top-level
//! settings, its `overrides` (in order, for the paths they match), then the
//! flags. Whether a rule runs and its severity are decided per file, after
//! linting, by filtering that file's diagnostics ([`Resolved::policy`]); only
//! rule parameters change what runs, so a file whose overrides set
//! parameters gets a linter of its own ([`Resolved::linter_for`]).

pub mod examples;
mod spec;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Serialize;

pub use spec::{FailOn, Level};
use spec::{FileSpec, OverrideSpec, Params};

use crate::diagnostic::{Diagnostic, Severity};
use crate::kinds::Build;
use crate::rules::yaml::{self, Step};
use crate::rules::{LoadError, RuleSet};
use crate::Linter;

/// File names a configuration is found under, in order of preference.
pub const FILE_NAMES: [&str; 2] = ["newslint.yaml", ".newslint.yaml"];

/// Finds the configuration file for a run started in `dir`: the first
/// `newslint.yaml` or `.newslint.yaml` in `dir` or one of its ancestors.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .flat_map(|d| FILE_NAMES.iter().map(move |name| d.join(name)))
        .find(|path| path.is_file())
}

/// The other configuration file in the folder of `path` (`.newslint.yaml`
/// beside `newslint.yaml`, or the reverse), when there is one: the folder
/// then holds two configurations and only the first of [`FILE_NAMES`] is
/// read, which nobody would guess from the other.
pub fn twin(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    let other = match FILE_NAMES.iter().position(|n| name == *n)? {
        0 => FILE_NAMES[1],
        _ => FILE_NAMES[0],
    };
    let twin = path.with_file_name(other);
    twin.is_file().then_some(twin)
}

/// The JSON Schema of `newslint.yaml`, generated from the types it is read
/// with, for YAML editors (`newslint schema config`).
pub fn schema() -> serde_json::Value {
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<FileSpec>();
    let mut schema = serde_json::Value::from(schema);
    schema["title"] = "newslint configuration (newslint.yaml)".into();
    schema
}

/// A configuration file as read, not yet resolved against the rules.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file, or `None` when the run has no configuration file.
    path: Option<PathBuf>,
    /// The folder that relative paths and globs in the file start from.
    root: PathBuf,
    /// The file's text, to locate errors found after parsing.
    text: String,
    spec: FileSpec,
}

impl Config {
    /// No configuration: the defaults, with globs relative to `root`.
    pub fn none(root: &Path) -> Config {
        Config {
            root: root.to_path_buf(),
            ..Config::default()
        }
    }

    /// Reads and parses a configuration file. `cwd` makes a relative path
    /// absolute, so the folder globs start from is known.
    pub fn load(path: &Path, cwd: &Path) -> Result<Config, LoadError> {
        let shown = path.display().to_string();
        let text = crate::read::yaml_file(path).map_err(|e| LoadError {
            file: shown.clone(),
            line: None,
            column: None,
            message: format!("cannot read the configuration: {e}"),
        })?;
        let absolute = normalize(&cwd.join(path));
        let root = absolute
            .parent()
            .map_or(cwd.to_path_buf(), Path::to_path_buf);
        Config::parse(&text, &shown, &root).map(|mut config| {
            config.path = Some(path.to_path_buf());
            config
        })
    }

    /// Parses configuration text (named `origin` in errors) whose paths are
    /// relative to `root`.
    pub fn parse(text: &str, origin: &str, root: &Path) -> Result<Config, LoadError> {
        let spec: FileSpec = if text.trim().is_empty() {
            FileSpec::default()
        } else {
            yaml::from_str(text, origin)?
        };
        Ok(Config {
            path: Some(PathBuf::from(origin)),
            root: root.to_path_buf(),
            text: text.to_string(),
            spec,
        })
    }

    /// The folder the file's paths and globs start from (without a file:
    /// the folder the run started in).
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The configuration file, if there is one.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// An error about the node at `path` in the file.
    fn error(&self, path: &[Step<'_>], message: String) -> LoadError {
        let at = yaml::locate(&self.text, path);
        LoadError {
            file: self
                .path
                .as_ref()
                .map_or_else(|| "<configuration>".into(), |p| p.display().to_string()),
            line: at.map(|a| a.0),
            column: at.map(|a| a.1),
            message,
        }
    }
}

/// What the command line says about rules; it beats the file.
#[derive(Debug, Clone, Default)]
pub struct Flags {
    /// Extra rule folders or files (`--rules`).
    pub rule_dirs: Vec<PathBuf>,
    /// Only these rules run (`--only`), when not empty.
    pub only: Vec<String>,
    /// These rules do not run (`--disable`).
    pub disable: Vec<String>,
    /// These rules run, even where the file turns them off (`--enable`).
    pub enable: Vec<String>,
    /// New severities, or `off` (`--severity RULE=LEVEL`); the last one
    /// named for a rule wins.
    pub severity: Vec<(String, Level)>,
    /// The failing severity (`--fail-on`).
    pub fail_on: Option<FailOn>,
}

/// One override, compiled.
#[derive(Debug)]
struct Override {
    globs: GlobSet,
    spec: OverrideSpec,
}

/// A configuration resolved against the rules: which rules run, at what
/// severity, with which parameters, for each file.
pub struct Resolved {
    config: Config,
    flags: Flags,
    /// Every rule that exists (built-in and loaded), with the file's
    /// top-level parameters and global severities applied.
    all: RuleSet,
    /// The rules that run: on somewhere, by the file or an override.
    run: RuleSet,
    /// Rules that run only because an override turns them on.
    off_by_default: HashSet<String>,
    fail_on: FailOn,
    include: Option<GlobSet>,
    exclude: GlobSet,
    overrides: Vec<Override>,
    /// Linters by the indices of the parameter-setting overrides that match.
    linters: Mutex<HashMap<Vec<usize>, Arc<Linter>>>,
}

impl Resolved {
    /// Loads the rules the configuration and flags name, checks every id,
    /// glob and parameter, and settles what runs where.
    pub fn new(config: Config, flags: Flags) -> Result<Resolved, LoadError> {
        let mut all = RuleSet::builtin()?;
        for dir in &config.spec.rule_dirs {
            all.load_path(&config.root.join(dir))?;
        }
        for dir in &flags.rule_dirs {
            all.load_path(dir)?;
        }
        check_ids(&config, &flags, &all)?;

        for (id, params) in &config.spec.rules {
            apply_params(&config, &mut all, id, params, &[Step::Value("rules")])?;
        }
        // `off` turns a rule off (see `flag_decision` and `run` below).
        let mut severities: BTreeMap<&str, Level> = BTreeMap::new();
        for (id, level) in &config.spec.severity {
            severities.insert(id, *level);
        }
        for (id, level) in &flags.severity {
            severities.insert(id, *level);
        }
        for (&id, level) in &severities {
            if let Some(severity) = level.severity() {
                all.set_severity(id, severity);
            }
        }

        let mut overrides = Vec::new();
        for (index, spec) in config.spec.overrides.iter().enumerate() {
            let at = [Step::Value("overrides"), Step::Item(index)];
            let globs = glob_set(&config, &spec.paths, &[at[0], at[1], Step::Value("paths")])?;
            // Check the override's parameters now, on top of the file's.
            let mut trial = all.clone();
            for (id, params) in &spec.rules {
                apply_params(
                    &config,
                    &mut trial,
                    id,
                    params,
                    &[at[0], at[1], Step::Value("rules")],
                )?;
            }
            overrides.push(Override {
                globs,
                spec: spec.clone(),
            });
        }
        let include = if config.spec.include.is_empty() {
            None
        } else {
            Some(glob_set(
                &config,
                &config.spec.include,
                &[Step::Value("include")],
            )?)
        };
        let exclude = glob_set(&config, &config.spec.exclude, &[Step::Value("exclude")])?;

        let mut run = all.clone();
        let mut off_by_default = HashSet::new();
        run.retain(|rule| {
            let id = &*rule.meta.id;
            if let Some(on) = flag_decision(&flags, id) {
                return on;
            }
            let off = config.spec.disable.iter().any(|d| d == id)
                || severities.get(id) == Some(&Level::Off);
            if !off {
                return true;
            }
            let later = config
                .spec
                .overrides
                .iter()
                .any(|o| o.enable.iter().any(|e| e == id));
            if later {
                off_by_default.insert(id.to_string());
            }
            later
        });
        let fail_on = flags
            .fail_on
            .or(config.spec.fail_on)
            .unwrap_or(FailOn::Error);
        Ok(Resolved {
            config,
            flags,
            all,
            run,
            off_by_default,
            fail_on,
            include,
            exclude,
            overrides,
            linters: Mutex::new(HashMap::new()),
        })
    }

    /// The configuration this was resolved from.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The rules that run somewhere in this run, at their global severities.
    pub fn rules(&self) -> &RuleSet {
        &self.run
    }

    /// Every rule that exists, whether it runs or not.
    pub fn all_rules(&self) -> &RuleSet {
        &self.all
    }

    /// The failing severity.
    pub fn fail_on(&self) -> FailOn {
        self.fail_on
    }

    /// A path as the file's globs see it: relative to the configuration's
    /// folder, with `/` separators. `cwd` makes relative paths absolute.
    pub fn relative(&self, path: &Path, cwd: &Path) -> PathBuf {
        let absolute = normalize(&cwd.join(path));
        match absolute.strip_prefix(&self.config.root) {
            Ok(relative) => relative.to_path_buf(),
            Err(_) => path.to_path_buf(),
        }
    }

    /// Whether the file at `path` (relative to `cwd`), found by walking a
    /// directory, is linted. Its path is made relative to the
    /// configuration's folder only when `include` or `exclude` has globs
    /// to match it against.
    pub fn walks_into(&self, path: &Path, cwd: &Path) -> bool {
        self.include.is_none() && self.exclude.is_empty()
            || self.includes(&self.relative(path, cwd))
    }

    /// Whether a file found by walking a directory is linted (`include`
    /// and `exclude`); `relative` comes from [`Resolved::relative`].
    pub fn includes(&self, relative: &Path) -> bool {
        self.include.as_ref().is_none_or(|g| g.is_match(relative))
            && !self.exclude.is_match(relative)
    }

    /// Indices of the overrides that apply to a file.
    fn matching(&self, relative: &Path) -> Vec<usize> {
        self.overrides
            .iter()
            .enumerate()
            .filter(|(_, o)| o.globs.is_match(relative))
            .map(|(i, _)| i)
            .collect()
    }

    /// [`Resolved::policy`] of the file at `path` (relative to `cwd`),
    /// made relative to the configuration's folder only when overrides
    /// have globs to match it against.
    pub fn policy_of(&self, path: &Path, cwd: &Path) -> Policy {
        if self.overrides.is_empty() {
            self.policy(path)
        } else {
            self.policy(&self.relative(path, cwd))
        }
    }

    /// Which rules report, and at what severity, in one file.
    pub fn policy(&self, relative: &Path) -> Policy {
        let matching = self.matching(relative);
        let mut policy = Policy::default();
        for id in &self.off_by_default {
            policy.enabled.insert(id.clone(), false);
        }
        for &index in &matching {
            let spec = &self.overrides[index].spec;
            for id in &spec.disable {
                policy.enabled.insert(id.clone(), false);
            }
            for id in &spec.enable {
                policy.enabled.insert(id.clone(), true);
            }
            for (id, level) in &spec.severity {
                match level.severity() {
                    Some(severity) => {
                        policy.severity.insert(id.clone(), severity);
                    }
                    None => {
                        policy.enabled.insert(id.clone(), false);
                    }
                }
            }
        }
        // Flags beat every part of the file.
        policy
            .enabled
            .retain(|id, _| flag_decision(&self.flags, id).is_none());
        for (id, _) in &self.flags.severity {
            policy.severity.remove(id);
        }
        policy.linter_key = matching
            .into_iter()
            .filter(|&i| !self.overrides[i].spec.rules.is_empty())
            .collect();
        policy
    }

    /// The linter for a file with this policy: the shared one, or one with
    /// the parameters its overrides set, built on first use on the calling
    /// thread (see [`Build::sequential`]).
    pub fn linter_for(&self, policy: &Policy) -> Result<Arc<Linter>, LoadError> {
        self.linter(&policy.linter_key, &Build::sequential())
    }

    /// Builds the shared linter (of files that no parameter-setting
    /// override matches) ahead of the files, its costly pieces side by side
    /// on the rayon pool, which is idle between the rules' compilation and
    /// the first file. Nothing is built when overrides set parameters: the
    /// shared linter may then go unused. Call from outside the pool.
    pub fn prepare_shared_linter(&self) -> Result<(), LoadError> {
        if self.overrides.iter().any(|o| !o.spec.rules.is_empty()) {
            return Ok(());
        }
        self.linter(&[], &Build::parallel()).map(drop)
    }

    /// The linter of the parameter-setting overrides `key`, built `how` on
    /// first use.
    fn linter(&self, key: &[usize], how: &Build) -> Result<Arc<Linter>, LoadError> {
        let mut linters = self.linters.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(linter) = linters.get(key) {
            return Ok(linter.clone());
        }
        let mut rules = self.run.clone();
        for &index in key {
            for (id, params) in &self.overrides[index].spec.rules {
                let at = [
                    Step::Value("overrides"),
                    Step::Item(index),
                    Step::Value("rules"),
                ];
                if rules.get(id).is_some() {
                    apply_params(&self.config, &mut rules, id, params, &at)?;
                }
            }
        }
        let known = self.all.rules().iter().map(|r| r.meta.id.clone());
        let linter = Arc::new(Linter::build(rules, how).with_known_rules(known));
        linters.insert(key.to_vec(), linter.clone());
        Ok(linter)
    }

    /// The resolved configuration, for `newslint config`; with a file (as
    /// [`Resolved::relative`] gives it), each rule's state for that file.
    pub fn view(&self, file: Option<&Path>) -> View<'_> {
        let policy = file.map(|f| self.policy(f));
        let rules = self
            .all
            .rules()
            .iter()
            .map(|rule| {
                let id = &*rule.meta.id;
                let state = match &policy {
                    _ if self.run.get(id).is_none() => "off".to_string(),
                    Some(policy) => match policy.enabled.get(id) {
                        Some(false) => "off".to_string(),
                        _ => policy
                            .severity
                            .get(id)
                            .unwrap_or(&rule.meta.severity)
                            .to_string(),
                    },
                    None if self.off_by_default.contains(id) => {
                        format!("{} (only where an override enables it)", rule.meta.severity)
                    }
                    None => rule.meta.severity.to_string(),
                };
                (id.to_string(), state)
            })
            .collect();
        let matching = file.map(|f| self.matching(f)).unwrap_or_default();
        View {
            file: file.map(|f| f.display().to_string()),
            config: self.config.path.as_ref().map(|p| p.display().to_string()),
            root: self.config.root.display().to_string(),
            fail_on: self.fail_on,
            include: &self.config.spec.include,
            exclude: &self.config.spec.exclude,
            rule_dirs: self
                .config
                .spec
                .rule_dirs
                .iter()
                .map(|d| self.config.root.join(d).display().to_string())
                .chain(self.flags.rule_dirs.iter().map(|d| d.display().to_string()))
                .collect(),
            rules,
            parameters: &self.config.spec.rules,
            overrides: self
                .config
                .spec
                .overrides
                .iter()
                .enumerate()
                .filter(|(i, _)| file.is_none() || matching.contains(i))
                .map(|(_, o)| o)
                .collect(),
        }
    }
}

/// What the configuration says about one file, applied to its diagnostics.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policy {
    /// Rules turned on (`true`) or off (`false`) for this file.
    enabled: HashMap<String, bool>,
    /// Severities for this file.
    severity: HashMap<String, Severity>,
    /// The parameter-setting overrides that match (see [`Resolved::linter_for`]).
    linter_key: Vec<usize>,
}

impl Policy {
    /// Drops the findings of rules off for this file and re-grades the rest.
    pub fn apply(&self, diagnostics: &mut Vec<Diagnostic>) {
        if self.enabled.is_empty() && self.severity.is_empty() {
            return;
        }
        diagnostics.retain(|d| self.enabled.get(&*d.rule).copied().unwrap_or(true));
        for d in diagnostics.iter_mut() {
            if let Some(severity) = self.severity.get(&*d.rule) {
                d.severity = *severity;
            }
        }
    }
}

/// The resolved configuration as `newslint config` prints it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct View<'a> {
    /// The file the rule states are for (all files when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<String>,
    config: Option<String>,
    root: String,
    fail_on: FailOn,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    include: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    exclude: &'a [String],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    rule_dirs: Vec<String>,
    rules: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    parameters: &'a BTreeMap<String, Params>,
    /// The overrides (for a file: those that apply to it).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    overrides: Vec<&'a OverrideSpec>,
}

impl View<'_> {
    /// The view as a YAML document.
    pub fn to_yaml(&self) -> String {
        yaml::to_string(self)
    }
}

/// Whether the flags decide if a rule runs: `Some(on)` when they do.
fn flag_decision(flags: &Flags, id: &str) -> Option<bool> {
    let level = flags.severity.iter().rev().find(|(s, _)| s == id);
    if flags.disable.iter().any(|d| d == id) || level.is_some_and(|(_, l)| *l == Level::Off) {
        return Some(false);
    }
    if flags.enable.iter().any(|e| e == id) {
        return Some(true);
    }
    if !flags.only.is_empty() {
        return Some(flags.only.iter().any(|o| o == id));
    }
    None
}

/// Every rule id the file and flags name must exist.
fn check_ids(config: &Config, flags: &Flags, all: &RuleSet) -> Result<(), LoadError> {
    let unknown = |id: &str| {
        format!(
            "unknown rule `{id}` (see `newslint rules`; rule folders are loaded from `rule-dirs`)"
        )
    };
    for (index, id) in config.spec.disable.iter().enumerate() {
        if all.get(id).is_none() {
            return Err(config.error(&[Step::Value("disable"), Step::Item(index)], unknown(id)));
        }
    }
    let keyed = [
        ("severity", config.spec.severity.keys().collect::<Vec<_>>()),
        ("rules", config.spec.rules.keys().collect()),
    ];
    for (key, ids) in keyed {
        for id in ids {
            if all.get(id).is_none() {
                return Err(config.error(&[Step::Value(key), Step::Key(id)], unknown(id)));
            }
        }
    }
    for (index, o) in config.spec.overrides.iter().enumerate() {
        let at = |key, step| {
            [
                Step::Value("overrides"),
                Step::Item(index),
                Step::Value(key),
                step,
            ]
        };
        for (key, list) in [("enable", &o.enable), ("disable", &o.disable)] {
            for (i, id) in list.iter().enumerate() {
                if all.get(id).is_none() {
                    return Err(config.error(&at(key, Step::Item(i)), unknown(id)));
                }
            }
        }
        for id in o.severity.keys().chain(o.rules.keys()) {
            if all.get(id).is_none() {
                let key = if o.severity.contains_key(id) {
                    "severity"
                } else {
                    "rules"
                };
                return Err(config.error(&at(key, Step::Key(id)), unknown(id)));
            }
        }
    }
    let flag_ids = flags
        .only
        .iter()
        .chain(&flags.disable)
        .chain(&flags.enable)
        .chain(flags.severity.iter().map(|(id, _)| id));
    for id in flag_ids {
        if all.get(id).is_none() {
            return Err(LoadError {
                file: "command line".into(),
                line: None,
                column: None,
                message: format!("unknown rule `{id}` (see `newslint rules`)"),
            });
        }
    }
    Ok(())
}

/// Applies one rule's parameters from the file at `at` (the `rules` map),
/// checking each key alone first so an error points at its own line.
fn apply_params(
    config: &Config,
    rules: &mut RuleSet,
    id: &str,
    params: &Params,
    at: &[Step<'_>],
) -> Result<(), LoadError> {
    let defined_in = rules.get(id).map(|r| r.defined_in()).unwrap_or_default();
    let located = |key: &str, err: LoadError| {
        let mut path = at.to_vec();
        path.push(Step::Value(id));
        path.push(Step::Key(key));
        config.error(
            &path,
            format!(
                "parameter `{key}` of rule `{id}` (defined in {defined_in}): {}",
                err.message
            ),
        )
    };
    for (key, value) in params {
        let mut trial = rules.clone();
        trial.retain(|r| &*r.meta.id == id);
        trial
            .set_params(id, &[(key.as_str(), value)])
            .map_err(|e| located(key, e))?;
    }
    let all: Vec<(&str, &yaml::Value)> = params.iter().map(|(k, v)| (k.as_str(), v)).collect();
    rules.set_params(id, &all).map_err(|err| {
        let mut path = at.to_vec();
        path.push(Step::Key(id));
        config.error(&path, format!("rule `{id}`: {}", err.message))
    })?;
    Ok(())
}

/// Compiles globs written at `at` (a sequence) in the file.
fn glob_set(config: &Config, globs: &[String], at: &[Step<'_>]) -> Result<GlobSet, LoadError> {
    let mut builder = GlobSetBuilder::new();
    for (index, pattern) in globs.iter().enumerate() {
        let glob: Glob = GlobBuilder::new(pattern)
            .literal_separator(true)
            .build()
            .map_err(|e| {
                let mut path = at.to_vec();
                path.push(Step::Item(index));
                config.error(&path, format!("invalid glob `{pattern}`: {}", e.kind()))
            })?;
        builder.add(glob);
    }
    builder.build().map_err(|e| config.error(at, e.to_string()))
}

/// Removes `.` and resolves `..` without touching the file system.
pub(crate) fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discovery_walks_up_and_prefers_the_plain_name() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path();
        let nested = dir.join("a/b");
        std::fs::create_dir_all(&nested).unwrap();
        assert_eq!(discover(&nested), None);
        std::fs::write(dir.join(".newslint.yaml"), "").unwrap();
        assert_eq!(discover(&nested), Some(dir.join(".newslint.yaml")));
        std::fs::write(dir.join("a/newslint.yaml"), "").unwrap();
        assert_eq!(discover(&nested), Some(dir.join("a/newslint.yaml")));
        assert_eq!(twin(&dir.join("a/newslint.yaml")), None);
        std::fs::write(dir.join("a/.newslint.yaml"), "").unwrap();
        assert_eq!(
            twin(&dir.join("a/newslint.yaml")),
            Some(dir.join("a/.newslint.yaml"))
        );
        assert_eq!(
            twin(&dir.join("a/.newslint.yaml")),
            Some(dir.join("a/newslint.yaml"))
        );
        assert_eq!(twin(&dir.join("a/other.yaml")), None);
    }

    #[test]
    fn normalize_is_lexical() {
        assert_eq!(normalize(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
    }
}
