//! newslint: a linter for machine-written news articles.
//!
//! The engine's public face. Data flows one way: a [`Source`] is parsed into a
//! [`Document`], the [`Linter`]'s checks (configured by the rules of a
//! [`RuleSet`]) turn it into [`Diagnostic`]s, and a [`report`] renderer writes
//! them out. Nothing here parses command lines, walks directories or decides
//! about terminals; that is the binary's job.

pub mod analyses;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod engine;
pub mod fix;
pub mod kinds;
pub mod language;
pub mod read;
pub mod report;
pub mod rules;
pub mod server;
pub mod source;
pub mod suppress;

pub use diagnostic::{Diagnostic, Severity};
pub use document::{Document, Format};
pub use rules::{LoadError, RuleSet};
pub use source::Source;

use std::sync::Arc;

use analyses::Article;
use kinds::unused_suppression::{UnusedSuppression, UnusedSuppressionConfig};
use kinds::{Check, Kind};

/// A configured linter: a rule set, the checks compiled from it, and what
/// its inline suppressions are judged against.
pub struct Linter {
    rules: RuleSet,
    checks: Vec<Box<dyn Check>>,
    /// The rules whose findings inside attributed quoted speech are
    /// dropped or lowered (`in_quotes:` other than `report`).
    quote_aware: Vec<(Arc<str>, kinds::InQuotes)>,
    suppression: suppress::Context,
}

impl Linter {
    /// Compiles the runtime checks for `rules` on the calling thread.
    pub fn new(rules: RuleSet) -> Linter {
        Linter::build(rules, &kinds::Build::sequential())
    }

    /// Compiles the runtime checks for `rules`, their costly pieces side by
    /// side when `how` is [`kinds::Build::parallel`].
    pub fn build(rules: RuleSet, how: &kinds::Build) -> Linter {
        let compiled: Vec<_> = rules
            .rules()
            .iter()
            .map(|r| (r.meta.clone(), r.config.clone()))
            .collect();
        let checks = kinds::build_checks(&compiled, how);
        let active: std::collections::HashSet<_> =
            rules.rules().iter().map(|r| r.meta.id.clone()).collect();
        let reporter = rules.rules().iter().find_map(|r| {
            let config = (r.meta.kind == UnusedSuppression::NAME)
                .then(|| r.config.clone().downcast::<UnusedSuppressionConfig>().ok())??;
            Some(suppress::Reporter {
                meta: r.meta.clone(),
                config,
            })
        });
        let quote_aware = rules
            .rules()
            .iter()
            .filter(|r| r.meta.in_quotes != kinds::InQuotes::Report)
            .map(|r| (r.meta.id.clone(), r.meta.in_quotes))
            .collect();
        Linter {
            rules,
            checks,
            quote_aware,
            suppression: suppress::Context {
                known: active.clone(),
                active,
                reporter,
            },
        }
    }

    /// Declares more rule ids as existing though they do not run (rules
    /// turned off for this run): suppressions naming them are not reported
    /// as unknown.
    pub fn with_known_rules(mut self, ids: impl IntoIterator<Item = Arc<str>>) -> Self {
        self.suppression.known.extend(ids);
        self
    }

    /// The rules this linter applies.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Lints one source, returning its diagnostics in report order.
    pub fn lint(&self, source: &Source, format: Format) -> Vec<Diagnostic> {
        let document = Document::parse(source, format);
        self.lint_document(&document)
    }

    /// Lints an already parsed document, honouring its inline suppressions.
    pub fn lint_document(&self, document: &Document<'_>) -> Vec<Diagnostic> {
        let article = Article::new(document);
        let mut found = Vec::new();
        for check in &self.checks {
            check.check(&article, &mut found);
        }
        kinds::settle_quoted(&article, &mut found, &self.quote_aware);
        diagnostic::sort(&mut found);
        suppress::apply(
            document.source(),
            document.format(),
            &mut found,
            &self.suppression,
        );
        fix::attach(&article, &self.rules, &mut found);
        found
    }
}
