//! Checks: the algorithms that rules parameterise.
//!
//! One module per check kind. A check reads a [`Document`] and appends
//! [`Diagnostic`]s; it never reads files or prints. Rules of the same kind may
//! share one runtime check (all `pattern` rules run through one multi-pattern
//! engine), so the cost of a run does not grow with the number of rules.

pub mod claims;
pub mod dense;
pub mod ending;
pub mod gate;
pub mod literals;
pub mod matcher;
pub mod pattern;
pub mod repetition;
pub mod script;
pub mod sections;

use std::ops::Range;
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::rules::{RuleMeta, RuleSet};

/// A rule's compiled parameters, one variant per check kind.
#[derive(Debug, Clone)]
pub enum CheckConfig {
    /// Phrases and regexes inside blocks.
    Pattern(pattern::PatternConfig),
    /// Suppression comments; applied by [`crate::suppress`] after the checks.
    Suppression(crate::suppress::SuppressionConfig),
    /// The article's closing prose stops mid-sentence.
    TruncatedEnding(Box<ending::EndingConfig>),
    /// Headings with nothing under them.
    EmptySection(sections::SectionsConfig),
    /// Sentences and blocks printed twice.
    DuplicateBlock(repetition::RepetitionConfig),
    /// Runs of text in another script.
    ForeignScript(script::ScriptConfig),
    /// Statistics with no attribution nearby.
    FigureAttribution(Arc<claims::unsourced::UnsourcedConfig>),
    /// Hedges in certainty frames and hedges dropped in summaries.
    Hedging(Arc<claims::hedging::HedgingConfig>),
    /// Vague attribution with nobody named.
    VagueAttribution(Arc<claims::vague::VagueConfig>),
}

/// A runtime check over whole documents.
pub trait Check: Send + Sync {
    /// Appends this check's findings on `doc` to `out`.
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>);
}

/// How a linter's checks are built: piece by piece on the calling thread,
/// or with independent costly pieces (the pattern check's automaton and its
/// set of anchored patterns, the other checks) side by side on the rayon
/// pool, so that a run's start-up does not leave a core idle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Build {
    /// On the calling thread. A pool thread that holds a lock must build
    /// this way: a thread waiting in `rayon::join` may take up other jobs
    /// of the pool, such as a file whose linter needs the same lock.
    Sequential,
    /// On the pool's threads, for a caller outside the pool (or one that
    /// holds no lock the pool's jobs may need).
    Parallel,
}

impl Build {
    /// Runs `a` and `b`, side by side when building in parallel.
    pub fn join<A, B, RA, RB>(self, a: A, b: B) -> (RA, RB)
    where
        A: FnOnce() -> RA + Send,
        B: FnOnce() -> RB + Send,
        RA: Send,
        RB: Send,
    {
        match self {
            Build::Sequential => (a(), b()),
            Build::Parallel => rayon::join(a, b),
        }
    }
}

/// Builds the runtime checks for a rule set: the checks of the other kinds
/// in rule order, then the one pattern check for every `pattern` rule.
pub fn build(rules: &RuleSet, how: Build) -> Vec<Box<dyn Check>> {
    let pattern_rules: Vec<_> = rules
        .rules()
        .iter()
        .filter_map(|rule| match &rule.config {
            CheckConfig::Pattern(config) => Some((rule.meta.clone(), config.clone())),
            _ => None,
        })
        .collect();
    let (mut checks, pattern) = how.join(
        || other_checks(rules),
        || {
            (!pattern_rules.is_empty())
                .then(|| Box::new(pattern::PatternCheck::new(pattern_rules, how)) as Box<dyn Check>)
        },
    );
    checks.extend(pattern);
    checks
}

/// The checks of every rule that is not a `pattern` rule, in rule order.
fn other_checks(rules: &RuleSet) -> Vec<Box<dyn Check>> {
    let mut checks: Vec<Box<dyn Check>> = Vec::new();
    // Equal figure grammars are shared, so a document's figures are found
    // once for all the checks that read them.
    let mut grammars: Vec<Arc<claims::figures::FigureGrammar>> = Vec::new();
    let mut share = |grammar: &Arc<claims::figures::FigureGrammar>| match grammars
        .iter()
        .find(|g| g.same_as(grammar))
    {
        Some(known) => known.clone(),
        None => {
            grammars.push(grammar.clone());
            grammar.clone()
        }
    };
    for rule in rules.rules() {
        let meta = rule.meta.clone();
        match &rule.config {
            CheckConfig::Pattern(_) | CheckConfig::Suppression(_) => {}
            CheckConfig::TruncatedEnding(config) => {
                checks.push(Box::new(ending::EndingCheck::new(meta, (**config).clone())))
            }
            CheckConfig::EmptySection(config) => {
                checks.push(Box::new(sections::SectionsCheck::new(meta, config.clone())))
            }
            CheckConfig::DuplicateBlock(config) => checks.push(Box::new(
                repetition::RepetitionCheck::new(meta, config.clone()),
            )),
            CheckConfig::ForeignScript(config) => {
                checks.push(Box::new(script::ScriptCheck::new(meta, config.clone())))
            }
            CheckConfig::FigureAttribution(config) => {
                checks.push(Box::new(claims::unsourced::UnsourcedCheck::new(
                    meta,
                    config.clone(),
                    share(&config.grammar),
                )))
            }
            CheckConfig::Hedging(config) => checks.push(Box::new(
                claims::hedging::HedgingCheck::new(meta, config.clone(), share(&config.grammar)),
            )),
            CheckConfig::VagueAttribution(config) => checks.push(Box::new(
                claims::vague::VagueCheck::new(meta, config.clone()),
            )),
        }
    }
    checks
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
pub fn any_match(matchers: &[matcher::Matcher], text: &str) -> bool {
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

/// Support shared by the checks' unit tests.
#[cfg(test)]
pub(crate) mod testing {
    use crate::rules::RuleSet;
    use crate::source::Source;
    use crate::{Diagnostic, Format, Linter};

    /// A text of fewer than `most` pieces drawn at random from `pieces`: what
    /// the randomized tests compare a fast reading with its reference on.
    pub fn random_text(rng: &mut fastrand::Rng, pieces: &[&str], most: usize) -> String {
        (0..rng.usize(0..most))
            .map(|_| pieces[rng.usize(..pieces.len())])
            .collect()
    }

    /// Lints `text`, read as `format`, with the one built-in rule `id`.
    pub fn lint_with_builtin(id: &str, text: &str, format: Format) -> (Source, Vec<Diagnostic>) {
        let mut rules = RuleSet::builtin().expect("built-in rules load");
        rules.retain(|r| &*r.meta.id == id);
        assert!(!rules.rules().is_empty(), "no built-in rule `{id}`");
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
}
