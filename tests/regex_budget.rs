//! Every pattern of the built-in pack stays within a compiled-size budget.
//!
//! Memory is a product target (a whole archive run stays under 64 MB), and
//! the compiled regexes of the pack are most of it. A Unicode class under a
//! bounded repetition (`[^\w]{0,3}`, `[^"]{1,400}`) compiles to hundreds of
//! kilobytes where its ASCII spelling takes a few; this test names the
//! pattern that grew, instead of leaving a memory benchmark to find it.

use std::path::Path;

/// Compiled-size budget for one pattern, in bytes.
const BUDGET: usize = 256 << 10;

/// Keys whose values are prose or example articles, not patterns.
const PROSE_KEYS: &[&str] = &[
    "summary",
    "message",
    "description",
    "why",
    "help",
    "examples",
];

/// Every string under a key that may hold patterns.
fn pattern_strings(value: &serde_yaml::Value, out: &mut Vec<String>) {
    match value {
        serde_yaml::Value::String(text) => out.push(text.clone()),
        serde_yaml::Value::Sequence(items) => items.iter().for_each(|v| pattern_strings(v, out)),
        serde_yaml::Value::Mapping(map) => {
            for (key, v) in map {
                if !key.as_str().is_some_and(|k| PROSE_KEYS.contains(&k)) {
                    pattern_strings(v, out);
                }
            }
        }
        _ => {}
    }
}

#[test]
fn every_builtin_pattern_compiles_within_the_budget() {
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut checked = 0;
    let mut over = Vec::new();
    for entry in std::fs::read_dir(&rules).expect("rules/ is readable") {
        let path = entry.expect("rules/ lists").path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a rule file is UTF-8");
        let value: serde_yaml::Value = serde_yaml::from_str(&text).expect("a rule file is YAML");
        let mut strings = Vec::new();
        pattern_strings(&value, &mut strings);
        for pattern in strings {
            // Strings that are not regexes (templates with `{heading}`) are
            // checked by the rule loader, not here.
            if regex_syntax::Parser::new().parse(&pattern).is_err() {
                continue;
            }
            checked += 1;
            let built = regex::RegexBuilder::new(&pattern)
                .size_limit(BUDGET)
                .build();
            if built.is_err() {
                over.push(format!(
                    "{}: {pattern}",
                    path.file_name().unwrap_or_default().to_string_lossy()
                ));
            }
        }
    }
    assert!(checked > 500, "only {checked} patterns found under rules/");
    assert!(
        over.is_empty(),
        "patterns compiled beyond {BUDGET} bytes (use ASCII classes):\n{}",
        over.join("\n")
    );
}
