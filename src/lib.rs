//! newslint: a linter for machine-written news articles.
//!
//! The engine's public face. Data flows one way: a [`Source`] is parsed into a
//! [`Document`], the [`Linter`]'s checks (configured by the rules of a
//! [`RuleSet`]) turn it into [`Diagnostic`]s, and a [`report`] renderer writes
//! them out. Nothing here parses command lines, walks directories or decides
//! about terminals; that is the binary's job.

pub mod checks;
pub mod diagnostic;
pub mod document;
pub mod report;
pub mod rules;
pub mod source;

pub use diagnostic::{Diagnostic, Severity};
pub use document::{Document, Format};
pub use rules::{LoadError, RuleSet};
pub use source::Source;

use checks::Check;

/// A configured linter: a rule set and the checks compiled from it.
pub struct Linter {
    rules: RuleSet,
    checks: Vec<Box<dyn Check>>,
}

impl Linter {
    /// Compiles the runtime checks for `rules`.
    pub fn new(rules: RuleSet) -> Linter {
        let checks = checks::build(&rules);
        Linter { rules, checks }
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

    /// Lints an already parsed document.
    pub fn lint_document(&self, document: &Document<'_>) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        for check in &self.checks {
            check.check(document, &mut found);
        }
        diagnostic::sort(&mut found);
        found
    }
}
