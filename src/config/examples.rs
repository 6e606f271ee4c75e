//! Running the rules' own `examples`: each `flag` text must be reported by
//! its rule and each `pass` text must not. A rule author runs them with
//! `newslint test` (house rules, with the project's configuration), and the
//! built-in pack's test runs them through the same code, so a rule file's
//! examples are its tests wherever it lives.

use std::sync::Arc;

use crate::rules::yaml::{self, Step};
use crate::rules::{Rule, RuleSet};
use crate::{Format, Linter, Source};

/// What is wrong with one example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// A `flag` example the rule does not report.
    Missing,
    /// A `pass` example the rule reports, with the first finding's message.
    Noisy(String),
}

/// One example that fails, with where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The rule's id.
    pub rule: Arc<str>,
    /// The rule file (its path in newslint's source for a built-in rule).
    pub file: String,
    /// Whether the rule is built in.
    pub builtin: bool,
    /// 1-based line and column of the example in the file, when found.
    pub at: Option<(usize, usize)>,
    /// The example's text.
    pub text: String,
    /// How it fails.
    pub failure: Failure,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some((line, column)) = self.at {
            write!(f, ":{line}:{column}")?;
        }
        if self.builtin {
            write!(f, " (built-in)")?;
        }
        let text = brief(&self.text);
        match &self.failure {
            Failure::Missing => write!(
                f,
                ": {}: missing: {text:?} is a `flag` example the rule does not report",
                self.rule
            ),
            Failure::Noisy(message) => write!(
                f,
                ": {}: noisy: {text:?} is a `pass` example the rule reports: {message}",
                self.rule
            ),
        }
    }
}

/// An example's text on one line, cut at 80 characters.
fn brief(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= 80 {
        return line;
    }
    let cut: String = line.chars().take(79).collect();
    format!("{cut}…")
}

/// What running the examples of some rules came to.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Rules whose examples ran.
    pub rules: usize,
    /// Examples run.
    pub examples: usize,
    /// The examples that fail, in rule order then file order.
    pub problems: Vec<Problem>,
}

/// Runs the examples of every rule in `rules`, each rule alone (its own
/// examples say nothing about the other rules), as plain text.
pub fn run(rules: &RuleSet) -> Outcome {
    let mut outcome = Outcome::default();
    for rule in rules.rules() {
        outcome.rules += 1;
        let mut only = rules.clone();
        only.retain(|r| r.meta.id == rule.meta.id);
        let linter = Linter::new(only);
        let examples = &rule.meta.examples;
        for (list, texts) in [("flag", &examples.flag), ("pass", &examples.pass)] {
            for (index, text) in texts.iter().enumerate() {
                outcome.examples += 1;
                let source = Source::new("example.txt", text.clone());
                let found = linter.lint(&source, Format::Plain);
                let failure = match (list, found.first()) {
                    ("flag", None) => Failure::Missing,
                    ("pass", Some(d)) => Failure::Noisy(d.message.clone()),
                    _ => continue,
                };
                outcome
                    .problems
                    .push(problem(rule, list, index, text, failure));
            }
        }
    }
    outcome
}

fn problem(rule: &Rule, list: &str, index: usize, text: &str, failure: Failure) -> Problem {
    let path = [
        Step::Value("examples"),
        Step::Value(list),
        Step::Item(index),
    ];
    Problem {
        rule: rule.meta.id.clone(),
        file: rule.meta.origin.clone(),
        builtin: rule.builtin,
        at: yaml::locate(&rule.written, &path),
        text: text.to_string(),
        failure,
    }
}
