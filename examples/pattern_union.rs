//! Prints every regex of the built-in `pattern` rules, one per line, as a
//! pattern file for `rg -f`: the benchmark's "read every byte once and match
//! the same patterns" baseline (see scripts/bench and BENCHMARKS.md). With
//! `literals`, prints instead the ASCII literals the engine's prefilter
//! looks for (every member of every required set of every pattern), for
//! ripgrep's fast path: `rg -i -F -f`.
//!
//! `cargo run --release --example pattern_union [literals] > patterns.txt`

use std::collections::BTreeSet;

use newslint::kinds::pattern::PatternConfig;
use newslint::RuleSet;

fn main() {
    let literals = std::env::args().nth(1).as_deref() == Some("literals");
    let rules = RuleSet::builtin().expect("the built-in pack loads");
    let mut seen = BTreeSet::new();
    for rule in rules.rules() {
        if let Ok(config) = rule.config.clone().downcast::<PatternConfig>() {
            for group in &config.groups {
                for matcher in &group.matchers {
                    if !literals {
                        println!("{}", matcher.pattern());
                        continue;
                    }
                    for literal in matcher.literals().iter().flatten() {
                        let text = literal.text().trim();
                        if text.is_ascii() && text.len() > 1 && seen.insert(text.to_string()) {
                            println!("{text}");
                        }
                    }
                }
            }
        }
    }
}
