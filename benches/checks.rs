//! Per-document latency of each check kind of the built-in pack, of parsing
//! each input format, and of loading the pack. Documents are the project's
//! own sample articles, so the numbers say what one article costs.
//!
//! `cargo bench --bench checks` (whole-run throughput is `scripts/bench`).

use divan::counter::BytesCount;
use divan::Bencher;
use newslint::analyses::Article;
use newslint::{Document, Format, Linter, RuleSet, Source};

fn main() {
    divan::main();
}

/// The sample articles, one per input format and shape.
const SAMPLES: &[&str] = &[
    "clean-report.txt",
    "wire-rewrite.txt",
    "council-budget.md",
    "chatbot-reply.md",
    "storm-caption.html",
];

/// A sample article as a source, with its format.
fn sample(name: &str) -> (Source, Format) {
    let path = format!("{}/samples/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("the sample exists");
    let format = Format::for_path(std::path::Path::new(name));
    (Source::new(name, text), format)
}

/// The built-in pack reduced to the rules of one check kind.
fn linter_for(kind: &str) -> Linter {
    let mut rules = RuleSet::builtin().expect("the built-in pack loads");
    rules.retain(|rule| rule.meta.kind == kind);
    assert!(
        !rules.rules().is_empty(),
        "the pack has rules of kind {kind}"
    );
    Linter::new(rules)
}

/// One check kind over one parsed sample (parsing is not timed).
fn check_kind(bencher: Bencher, kind: &str, name: &str) {
    let linter = linter_for(kind);
    let (source, format) = sample(name);
    let document = Document::parse(&source, format);
    // The first run compiles the regexes the sample wakes; time the rest.
    linter.lint_document(&document);
    bencher
        .counter(BytesCount::new(source.text().len()))
        .bench_local(|| linter.lint_document(&document));
}

/// One benchmark per check kind of the built-in pack, named after it.
macro_rules! check_kinds {
    ($($bench:ident => $kind:literal),* $(,)?) => {
        /// Each check kind alone over each sample.
        mod check {
            use super::*;
            $(
                #[doc = concat!("The `", $kind, "` check kind.")]
                #[divan::bench(args = SAMPLES)]
                fn $bench(bencher: Bencher, name: &str) {
                    check_kind(bencher, $kind, name);
                }
            )*
        }
    };
}

check_kinds! {
    pattern => "pattern",
    truncated_ending => "truncated-ending",
    empty_section => "empty-section",
    duplicate_block => "duplicate-block",
    foreign_script => "foreign-script",
    unsourced_figure => "unsourced-figure",
    hedging_mismatch => "hedging-mismatch",
    unnamed_source => "unnamed-source",
}

/// Parsing a sample into the document model, sentences included.
#[divan::bench(args = SAMPLES)]
fn parse(bencher: Bencher, name: &str) {
    let (source, format) = sample(name);
    bencher
        .counter(BytesCount::new(source.text().len()))
        .bench_local(|| {
            let document = Document::parse(&source, format);
            let article = Article::new(&document);
            (0..document.blocks().len())
                .map(|block| article.sentences(block).len())
                .sum::<usize>()
        });
}

/// The whole pack over one sample, parsing included: what one article costs.
#[divan::bench(args = SAMPLES)]
fn whole_pack(bencher: Bencher, name: &str) {
    let linter = Linter::new(RuleSet::builtin().expect("the built-in pack loads"));
    let (source, format) = sample(name);
    linter.lint(&source, format);
    bencher
        .counter(BytesCount::new(source.text().len()))
        .bench_local(|| linter.lint(&source, format));
}

/// Loading and compiling the built-in pack (once per run).
#[divan::bench]
fn loading_the_builtin_pack() -> RuleSet {
    RuleSet::builtin().expect("the built-in pack loads")
}
