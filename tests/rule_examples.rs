//! Every built-in rule's own `examples`: each `flag` text must be reported
//! by that rule, each `pass` text must not, run by the code of `newslint
//! test`. Failures are listed with their file:line as "missing" (a flag
//! example not reported) or "noisy" (a pass example reported).

use newslint::RuleSet;

/// Fewest examples of each sort a built-in rule carries.
const MIN_EXAMPLES: usize = 5;

#[test]
fn every_rule_flags_and_passes_its_examples() {
    let all = RuleSet::builtin().expect("the built-in pack loads");
    let mut problems = Vec::new();
    for rule in all.rules() {
        let id = &rule.meta.id;
        let examples = &rule.meta.examples;
        if examples.flag.len() < MIN_EXAMPLES || examples.pass.len() < MIN_EXAMPLES {
            problems.push(format!(
                "{id}: needs at least {MIN_EXAMPLES} flag and {MIN_EXAMPLES} pass examples"
            ));
        }
    }
    // The same code as `newslint test`.
    let outcome = newslint::config::examples::run(&all);
    assert_eq!(outcome.rules, all.rules().len());
    problems.extend(outcome.problems.iter().map(ToString::to_string));
    assert!(
        problems.is_empty(),
        "rule examples fail:\n{}",
        problems.join("\n")
    );
}
