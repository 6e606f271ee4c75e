//! Every rule's own `examples`: each `flag` text must be reported by that
//! rule, each `pass` text must not. Failures are listed by rule id as
//! "missing" (a flag example not reported) or "noisy" (a pass example reported).

use newslint::{Format, Linter, RuleSet, Source};

/// Fewest examples of each sort a built-in rule carries.
const MIN_EXAMPLES: usize = 5;

#[test]
fn every_rule_flags_and_passes_its_examples() {
    let all = RuleSet::builtin().expect("the built-in pack loads");
    let mut problems = Vec::new();
    for rule in all.rules() {
        let id = rule.meta.id.clone();
        let mut only = all.clone();
        only.retain(|r| r.meta.id == id);
        let linter = Linter::new(only);
        let examples = &rule.meta.examples;
        if examples.flag.len() < MIN_EXAMPLES || examples.pass.len() < MIN_EXAMPLES {
            problems.push(format!(
                "{id}: needs at least {MIN_EXAMPLES} flag and {MIN_EXAMPLES} pass examples"
            ));
        }
        for (expect_flag, texts) in [(true, &examples.flag), (false, &examples.pass)] {
            for text in texts {
                let source = Source::new("example.txt", text.clone());
                let found = linter.lint(&source, Format::Plain);
                match (expect_flag, found.is_empty()) {
                    (true, true) => problems.push(format!("{id}: missing: {text:?}")),
                    (false, false) => {
                        problems.push(format!("{id}: noisy: {text:?} -> {}", found[0].message))
                    }
                    _ => {}
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "rule examples fail:\n{}",
        problems.join("\n")
    );
}
