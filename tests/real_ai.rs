//! Short excerpts of real published AI-written pages (third-party text in
//! the shared corpus, never copied into the project): the built-in pack must
//! flag nearly every defect with its expected rule, and must give the human
//! look-alikes (expected `none`) no error. The corpus folder is named by
//! `NEWSLINT_CORPUS`; without it this test prints a note and passes.

mod common;

use common::corpus;
use newslint::{Format, Linter, RuleSet, Severity, Source};

/// Fewest defects flagged with their expected rule, out of the excerpts.
const MIN_FLAGGED: usize = 24;

#[test]
fn real_ai_excerpts_are_flagged_and_look_alikes_get_no_error() {
    let Some(dir) = corpus("real_ai_excerpts_are_flagged_and_look_alikes_get_no_error") else {
        return;
    };
    let cases = std::fs::read_to_string(dir.join("real-ai").join("cases.tsv"))
        .expect("real-ai/cases.tsv is readable");
    let linter = Linter::new(RuleSet::builtin().expect("the built-in pack loads"));
    let (mut defects, mut flagged, mut misses, mut look_alike_errors) = (0, 0, vec![], vec![]);
    for line in cases.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut columns = line.split('\t');
        let (Some(id), Some(rule), Some(text)) = (columns.next(), columns.next(), columns.next())
        else {
            panic!("a case needs an id, a rule and a text: {line:?}");
        };
        let text = format!("{}\n", text.replace("\\n", "\n").trim_end_matches('\n'));
        let found = linter.lint(&Source::new(format!("{id}.txt"), text), Format::Plain);
        if rule == "none" {
            let errors: Vec<_> = found
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| d.rule.to_string())
                .collect();
            if !errors.is_empty() {
                look_alike_errors.push(format!("{id}: {errors:?}"));
            }
            continue;
        }
        defects += 1;
        if found.iter().any(|d| &*d.rule == rule) {
            flagged += 1;
        } else {
            misses.push(format!("{id} (expected {rule})"));
        }
    }
    assert!(defects > 0, "real-ai/cases.tsv holds no defects");
    assert!(
        flagged >= MIN_FLAGGED.min(defects),
        "{flagged} of {defects} real AI excerpts flagged with their rule, floor is {MIN_FLAGGED}; missed: {misses:?}"
    );
    assert!(
        look_alike_errors.is_empty(),
        "human look-alikes with an error: {look_alike_errors:?}"
    );
}
