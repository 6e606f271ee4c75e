//! Prints every regex of the built-in `pattern` rules, one per line, as a
//! pattern file for `rg -f`: the benchmark's "read every byte once and match
//! the same patterns" baseline (see scripts/bench and BENCHMARKS.md).
//!
//! `cargo run --release --example pattern_union > patterns.txt`

use newslint::kinds::pattern::PatternConfig;
use newslint::RuleSet;

fn main() {
    let rules = RuleSet::builtin().expect("the built-in pack loads");
    for rule in rules.rules() {
        if let Ok(config) = rule.config.clone().downcast::<PatternConfig>() {
            for group in &config.groups {
                for matcher in &group.matchers {
                    println!("{}", matcher.pattern());
                }
            }
        }
    }
}
