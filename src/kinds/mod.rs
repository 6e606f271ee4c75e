//! Check kinds: the algorithms that rules parameterise, one file per kind.
//!
//! A rule file names a kind (`kind: pattern`) and gives it parameters; the
//! kind's file holds everything about it: the parameters as the rule file
//! writes them ([`Kind::Params`], serde with unknown keys rejected), their
//! validation and compilation ([`Kind::compile`]), and the runtime check
//! ([`Kind::checks`]). The table at the end of this file lists the kinds;
//! the rule loader (`crate::rules`) reads rule files generically over it,
//! so adding a kind is one new file, one line in the table and its rule
//! YAML, and nothing here reaches back into the loader.
//!
//! A check reads an [`Article`] (the parsed document with its analyses) and
//! appends [`Diagnostic`]s; it never reads files or prints. Rules of the
//! same kind may share one runtime check (all `pattern` rules run through
//! one multi-pattern search), so the cost of a run does not grow with the
//! number of rules.

pub mod claims;
mod meta;

use std::any::Any;
use std::ops::Range;
use std::sync::{Arc, Mutex};

use serde::de::DeserializeOwned;

pub use meta::{
    normalize_phrase, ApplicabilityName, Examples, FixAction, FixActionName, FixRule, FixSpec,
    InQuotes, RuleMeta, Scope, ScopeName,
};

use crate::analyses::figures::FigureGrammar;
use crate::analyses::Article;
use crate::diagnostic::Diagnostic;
use crate::engine::matcher::Matcher;

/// A check kind: what a rule file of `kind: NAME` compiles to and runs.
pub trait Kind: 'static {
    /// The name rule files give in `kind:`.
    const NAME: &'static str;
    /// Earlier names of the kind, still accepted in `kind:`.
    const ALIASES: &'static [&'static str] = &[];
    /// The kind's own keys of a rule file, as written (the keys every rule
    /// shares are read by the loader).
    type Params: DeserializeOwned + schemars::JsonSchema;
    /// The validated, compiled parameters of one rule.
    type Config: Send + Sync + 'static;
    /// Validates and compiles a rule's parameters, once per rule.
    fn compile(params: Self::Params) -> Result<Self::Config, Invalid>;
    /// The runtime checks for every rule of this kind in a run, in rule
    /// order (one check may serve them all).
    fn checks(rules: Vec<(Arc<RuleMeta>, Arc<Self::Config>)>, build: &Build)
        -> Vec<Box<dyn Check>>;
    /// Phrase and regex groups of a compiled rule that run in the run's one
    /// shared pattern scan ([`pattern::PatternCheck`]), each under the
    /// metadata its findings carry, so that no kind scans the text for
    /// phrases twice. Those findings are in `out` before any kind's own
    /// check runs. None by default.
    fn shared_patterns(
        _meta: &Arc<RuleMeta>,
        _config: &Arc<Self::Config>,
    ) -> Vec<(Arc<RuleMeta>, Arc<pattern::PatternConfig>)> {
        Vec::new()
    }
    /// What `newslint explain` shows of a compiled rule beyond its texts:
    /// lines that spell out how it decides (none by default).
    fn explain(_config: &Self::Config) -> Vec<String> {
        Vec::new()
    }
}

/// The explanation lines of a compiled rule of kind `kind` (see
/// [`Kind::explain`]).
pub fn explain(kind: &str, config: &AnyConfig) -> Vec<String> {
    /// Visits the rule's kind with its configuration.
    struct Explainer<'a>(&'a AnyConfig);
    impl KindVisitor for Explainer<'_> {
        type Output = Vec<String>;
        fn visit<K: Kind>(self) -> Vec<String> {
            let config: &(dyn Any + Send + Sync) = self.0.as_ref();
            config
                .downcast_ref::<K::Config>()
                .map(K::explain)
                .unwrap_or_default()
        }
    }
    visit(kind, Explainer(config)).unwrap_or_default()
}

/// A compiled rule configuration of any kind, as the loader keeps it.
pub type AnyConfig = Arc<dyn Any + Send + Sync>;

/// A runtime check over whole documents.
pub trait Check: Send + Sync {
    /// Appends this check's findings on `doc` to `out`.
    fn check(&self, doc: &Article<'_>, out: &mut Vec<Diagnostic>);
}

/// Something the kind table is walked with: called once per kind, with the
/// kind as a type, so that code generic over the kinds (the rule loader)
/// needs no list of its own.
pub trait KindVisitor {
    /// What a visit returns.
    type Output;
    /// Visits kind `K`.
    fn visit<K: Kind>(self) -> Self::Output;
}

/// A rule file's parameters that do not validate, with the text to point at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    /// What is wrong.
    pub message: String,
    /// Text to look for in the rule file to report a line (a regex, a key).
    pub near: Option<String>,
    /// A list item the problem is about: the list's key and the item's
    /// value, found by the YAML parser (exact even for an empty string).
    pub item: Option<(&'static str, String)>,
}

impl Invalid {
    /// A problem with `message`, located at the first occurrence of `near`.
    pub fn new(message: impl Into<String>, near: Option<&str>) -> Invalid {
        Invalid {
            message: message.into(),
            near: near.map(str::to_string),
            item: None,
        }
    }

    /// A problem with the item `value` of a list under `key` (a phrase
    /// under `phrases`, a regex under `regexes`).
    pub fn item(message: impl Into<String>, key: &'static str, value: &str) -> Invalid {
        Invalid {
            message: message.into(),
            near: Some(value.to_string()),
            item: Some((key, value.to_string())),
        }
    }

    /// Wraps messages as problems located near `key` in the rule file.
    pub fn near(key: &'static str) -> impl Fn(String) -> Invalid {
        move |message| Invalid::new(message, Some(key))
    }
}

/// Validation of the plain values of a rule file's parameters.
pub mod validate {
    use super::Invalid;
    use crate::engine::matcher::Matcher;
    use crate::engine::ListSpec;

    /// A count that must be at least 1.
    pub fn positive(value: usize, key: &str) -> Result<usize, Invalid> {
        if value == 0 {
            return Err(Invalid::new(
                format!("`{key}` must be at least 1"),
                Some(&format!("{key}:")),
            ));
        }
        Ok(value)
    }

    /// A share between 0 and 1.
    pub fn share(value: f64, key: &str) -> Result<f64, Invalid> {
        if !(0.0..=1.0).contains(&value) {
            return Err(Invalid::new(
                format!("`{key}` must be between 0 and 1"),
                Some(&format!("{key}:")),
            ));
        }
        Ok(value)
    }

    /// A message or label that must say something; trimmed.
    pub fn not_empty(value: String, key: &str) -> Result<String, Invalid> {
        if value.trim().is_empty() {
            return Err(Invalid::new(
                format!("`{key}` must not be empty"),
                Some(&format!("{key}:")),
            ));
        }
        Ok(value.trim().to_string())
    }

    /// The phrases and regexes of a list, compiled.
    pub fn matchers(list: &ListSpec) -> Result<Vec<Matcher>, Invalid> {
        list.compile()
            .map_err(|e| Invalid::item(e.message, e.list, &e.pattern))
    }
}

/// How a linter's checks are built: piece by piece on the calling thread,
/// or with independent costly pieces side by side on the rayon pool, so
/// that a run's start-up does not leave a core idle; and what checks of
/// different kinds share.
#[derive(Debug)]
pub struct Build {
    parallel: bool,
    /// Figure grammars handed out so far: equal grammars are shared, so a
    /// document's figures are found once for every check that reads them.
    grammars: Mutex<Vec<Arc<FigureGrammar>>>,
}

impl Build {
    /// On the calling thread. A pool thread that holds a lock must build
    /// this way: a thread waiting in `rayon::join` may take up other jobs
    /// of the pool, such as a file whose linter needs the same lock.
    pub fn sequential() -> Build {
        Build {
            parallel: false,
            grammars: Mutex::default(),
        }
    }

    /// On the pool's threads, for a caller outside the pool (or one that
    /// holds no lock the pool's jobs may need).
    pub fn parallel() -> Build {
        Build {
            parallel: true,
            grammars: Mutex::default(),
        }
    }

    /// Whether independent pieces are built side by side.
    pub fn is_parallel(&self) -> bool {
        self.parallel
    }

    /// Runs `a` and `b`, side by side when building in parallel.
    pub fn join<A, B, RA, RB>(&self, a: A, b: B) -> (RA, RB)
    where
        A: FnOnce() -> RA + Send,
        B: FnOnce() -> RB + Send,
        RA: Send,
        RB: Send,
    {
        if self.parallel {
            rayon::join(a, b)
        } else {
            (a(), b())
        }
    }

    /// The grammar to use for `grammar`: the first equal one handed out,
    /// so that checks of several kinds share its per-document figures.
    pub fn figure_grammar(&self, grammar: &Arc<FigureGrammar>) -> Arc<FigureGrammar> {
        let mut known = self.grammars.lock().unwrap_or_else(|e| e.into_inner());
        match known.iter().find(|g| g.same_as(grammar)) {
            Some(known) => known.clone(),
            None => {
                known.push(grammar.clone());
                grammar.clone()
            }
        }
    }
}

/// Builds the runtime checks for compiled rules (their metadata and
/// configuration, in rule order): first the one shared pattern scan over
/// every rule's [`Kind::shared_patterns`], then kind by kind in table
/// order; the pieces are built side by side when `build` is parallel.
pub fn build_checks(rules: &[(Arc<RuleMeta>, AnyConfig)], build: &Build) -> Vec<Box<dyn Check>> {
    /// Visits a rule's kind for its shared pattern groups.
    struct Shared<'a>(&'a Arc<RuleMeta>, &'a AnyConfig);
    impl KindVisitor for Shared<'_> {
        type Output = Vec<(Arc<RuleMeta>, Arc<pattern::PatternConfig>)>;
        fn visit<K: Kind>(self) -> Self::Output {
            match self.1.clone().downcast::<K::Config>() {
                Ok(config) => K::shared_patterns(self.0, &config),
                Err(_) => Vec::new(),
            }
        }
    }
    let shared: Vec<_> = rules
        .iter()
        .flat_map(|(meta, config)| visit(meta.kind, Shared(meta, config)).unwrap_or_default())
        .collect();
    let builders = table::BUILDERS;
    let (scan, per_kind) = build.join(
        || (!shared.is_empty()).then(|| pattern::PatternCheck::new(shared, build)),
        || -> Vec<Vec<Box<dyn Check>>> {
            if build.is_parallel() {
                use rayon::prelude::*;
                builders.par_iter().map(|b| b(rules, build)).collect()
            } else {
                builders.iter().map(|b| b(rules, build)).collect()
            }
        },
    );
    let scan = scan.map(|check| Box::new(check) as Box<dyn Check>);
    scan.into_iter()
        .chain(per_kind.into_iter().flatten())
        .collect()
}

/// The checks of kind `K` for the rules of that kind among `rules`.
fn build_kind<K: Kind>(rules: &[(Arc<RuleMeta>, AnyConfig)], build: &Build) -> Vec<Box<dyn Check>> {
    let mine: Vec<(Arc<RuleMeta>, Arc<K::Config>)> = rules
        .iter()
        .filter(|(meta, _)| meta.kind == K::NAME)
        .filter_map(|(meta, config)| {
            Some((meta.clone(), config.clone().downcast::<K::Config>().ok()?))
        })
        .collect();
    if mine.is_empty() {
        return Vec::new();
    }
    K::checks(mine, build)
}

/// A function building one kind's checks.
type Builder = fn(&[(Arc<RuleMeta>, AnyConfig)], &Build) -> Vec<Box<dyn Check>>;

/// Declares the kind modules and the table over them.
macro_rules! kind_table {
    ($($module:ident :: $kind:ident),+ $(,)?) => {
        $(pub mod $module;)+

        /// The kind table, generated from the list at the end of this file.
        mod table {
            use super::*;

            /// Every kind's name, in table order.
            pub const NAMES: &[&str] = &[$($module::$kind::NAME),+];

            /// Every kind's check builder, in table order.
            pub const BUILDERS: &[Builder] = &[$(build_kind::<$module::$kind>),+];

            /// The kind a rule file calls `name` (its name or an earlier
            /// one), by its current name.
            pub fn canonical(name: &str) -> Option<&'static str> {
                $(
                    if $module::$kind::NAME == name || $module::$kind::ALIASES.contains(&name) {
                        return Some($module::$kind::NAME);
                    }
                )+
                None
            }

            /// Visits the kind whose current name is `name`.
            pub fn visit<V: KindVisitor>(name: &str, visitor: V) -> Option<V::Output> {
                $(
                    if $module::$kind::NAME == name {
                        return Some(visitor.visit::<$module::$kind>());
                    }
                )+
                None
            }
        }

        pub use table::{canonical, visit, NAMES};
    };
}

// The registry: one line per check kind, `module::KindType`.
kind_table! {
    pattern::Pattern,
    unused_suppression::UnusedSuppression,
    truncated_ending::TruncatedEnding,
    empty_section::EmptySection,
    duplicate_block::DuplicateBlock,
    foreign_script::ForeignScript,
    unsourced_figure::UnsourcedFigure,
    hedging_mismatch::HedgingMismatch,
    unnamed_source::UnnamedSource,
    register::Register,
}

/// Most characters of matched text quoted in a message.
const MAX_QUOTED_CHARS: usize = 60;

/// Fills a message template: `{match}` becomes the matched text, with
/// whitespace runs collapsed and long matches shortened.
pub fn render_message(template: &str, matched: &str) -> String {
    if !template.contains("{match}") {
        return template.to_string();
    }
    let collapsed = matched.split_whitespace().collect::<Vec<_>>().join(" ");
    let quoted = if collapsed.chars().count() > MAX_QUOTED_CHARS {
        let cut: String = collapsed.chars().take(MAX_QUOTED_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    } else {
        collapsed
    };
    template.replace("{match}", &quoted)
}

/// Whether any of `matchers` matches somewhere in `text`.
pub fn any_match(matchers: &[Matcher], text: &str) -> bool {
    matchers.iter().any(|m| !m.find_all(text).is_empty())
}

/// Byte range of the last `n` whitespace-separated words of `text`.
pub fn last_words(text: &str, n: usize) -> Range<usize> {
    let end = text.trim_end().len();
    let mut start = end;
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in text[..end].char_indices().rev() {
        if c.is_whitespace() {
            if in_word {
                words += 1;
                in_word = false;
                if words == n {
                    break;
                }
            }
        } else {
            in_word = true;
            start = i;
        }
    }
    start..end
}

/// A diagnostic of `rule` at a source range.
pub fn diagnostic(rule: &Arc<RuleMeta>, message: String, range: Range<usize>) -> Diagnostic {
    Diagnostic {
        rule: rule.id.clone(),
        severity: rule.severity,
        message,
        range,
        labels: Vec::new(),
        help: rule.help.clone(),
        fix: None,
    }
}

/// Applies the rules' `in_quotes:` keys to a document's findings: those of
/// `rules` lying inside attributed quoted speech are dropped (`skip`) or
/// lowered to `info`. The document's speech is found only when such a
/// finding exists.
pub fn settle_quoted(
    doc: &Article<'_>,
    found: &mut Vec<Diagnostic>,
    rules: &[(Arc<str>, InQuotes)],
) {
    let how = |d: &Diagnostic| {
        rules
            .iter()
            .find(|(id, _)| *id == d.rule)
            .map(|&(_, how)| how)
    };
    if !found.iter().any(|d| how(d).is_some()) {
        return;
    }
    let speech = doc.speech();
    found.retain_mut(|d| match how(d) {
        Some(how) if speech.holds_source(&d.range) => {
            d.severity = d.severity.min(crate::diagnostic::Severity::Info);
            how != InQuotes::Skip
        }
        _ => true,
    });
}

/// Support shared by the kinds' unit tests.
#[cfg(test)]
pub(crate) mod testing {
    use crate::rules::RuleSet;
    use crate::source::Source;
    use crate::{Diagnostic, Format, Linter};

    /// Lints `text`, read as `format`, with the one built-in rule `id`
    /// (compiled alone: the rest of the pack is not loaded).
    pub fn lint_with_builtin(id: &str, text: &str, format: Format) -> (Source, Vec<Diagnostic>) {
        let rules = RuleSet::builtin_rule(id).expect("the built-in rule loads");
        let source = Source::new("t", text);
        let found = Linter::new(rules).lint(&source, format);
        (source, found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_words_of_a_text() {
        let text = "ends via  A \n";
        assert_eq!(&text[last_words(text, 2)], "via  A");
        assert_eq!(&text[last_words(text, 5)], "ends via  A");
        assert_eq!(last_words("   ", 2), 0..0);
    }

    #[test]
    fn messages_quote_the_match_compactly() {
        assert_eq!(render_message("found `{match}`", "a\n  b"), "found `a b`");
        assert_eq!(render_message("no placeholder", "x"), "no placeholder");
        let long = "word ".repeat(30);
        let rendered = render_message("{match}", &long);
        assert_eq!(rendered.chars().count(), 60);
        assert!(rendered.ends_with('…'));
    }

    #[test]
    fn the_table_names_every_kind_once_and_knows_old_names() {
        let mut names = NAMES.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), NAMES.len());
        assert_eq!(canonical("figure-attribution"), Some("unsourced-figure"));
        assert_eq!(canonical("pattern"), Some("pattern"));
        assert_eq!(canonical("magic"), None);
    }
}
