//! Measurements on the shared corpora (third-party text, never copied into
//! the project): the seed articles' expectations, and the noise budget on
//! human-written news. The corpus folder is named by `NEWSLINT_CORPUS`;
//! without it these tests print a note and pass.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::{budgets, corpus, expected_rows, findings, json, run};
use newslint::RuleSet;

fn builtin_ids() -> BTreeSet<String> {
    RuleSet::builtin()
        .expect("the built-in pack loads")
        .rules()
        .iter()
        .map(|r| r.meta.id.to_string())
        .collect()
}

fn check_json(dir: &Path) -> serde_json::Value {
    let output = run(&["check", "--format", "json", dir.to_str().unwrap()], None);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "newslint failed on {}: {}",
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    json(&output)
}

#[test]
fn seed_expectations_hold() {
    let Some(corpus) = corpus("seed_expectations_hold") else {
        return;
    };
    let seeds = corpus.join("seeds");
    let found = findings(&check_json(&seeds));
    let ids = builtin_ids();
    let (mut checked, mut skipped) = (0, BTreeSet::new());
    let mut failures = Vec::new();
    for row in expected_rows(&seeds.join("expected.tsv")) {
        if !ids.contains(row.rule.as_str()) {
            skipped.insert(row.rule);
            continue;
        }
        checked += 1;
        let lines: Vec<u64> = found
            .iter()
            .filter(|(f, r, _)| *f == row.file && *r == row.rule)
            .map(|(_, _, l)| *l)
            .collect();
        let holds = match &row.lines {
            None => row.flag != lines.is_empty(),
            Some(want) => lines.iter().any(|l| want.contains(l)) == row.flag,
        };
        if !holds {
            let expect = if row.flag { "flag" } else { "clean" };
            let line = row.lines.as_ref().map_or("*".to_string(), |l| {
                l.iter().map(u64::to_string).collect::<Vec<_>>().join("|")
            });
            failures.push(format!(
                "{}:{line} {} expected {expect} ({}); reported on lines {lines:?}",
                row.file, row.rule, row.why
            ));
        }
    }
    if !skipped.is_empty() {
        eprintln!("note: rows of rules not in the pack yet were skipped: {skipped:?}");
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} expectation rows fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Findings per rule on the top-level files of a folder (subfolders excluded).
fn counts(dir: &Path, top_level_only: bool) -> (BTreeMap<String, usize>, Vec<String>) {
    let report = check_json(dir);
    let mut counts = BTreeMap::new();
    let mut lines = Vec::new();
    for d in report["diagnostics"].as_array().unwrap() {
        let path = Path::new(d["path"].as_str().unwrap());
        if top_level_only && path.parent() != Some(dir) {
            continue;
        }
        let rule = d["rule"].as_str().unwrap().to_string();
        lines.push(format!(
            "{}:{} {} {}",
            path.file_name().unwrap().to_string_lossy(),
            d["line"],
            rule,
            d["message"].as_str().unwrap()
        ));
        *counts.entry(rule).or_insert(0) += 1;
    }
    (counts, lines)
}

fn assert_bounds(name: &str, dir: &Path, top_level_only: bool, bounds: &[(String, usize)]) {
    let ids = builtin_ids();
    let (counts, lines) = counts(dir, top_level_only);
    eprintln!("{name}: findings per rule: {counts:?}");
    let mut over = Vec::new();
    for (rule, max) in bounds {
        if !ids.contains(rule) {
            eprintln!("note: {rule} is not in the pack yet; its bound is not checked");
            continue;
        }
        let n = counts.get(rule).copied().unwrap_or(0);
        if n > *max {
            let examples: Vec<&String> = lines
                .iter()
                .filter(|l| l.contains(&format!(" {rule} ")))
                .collect();
            over.push(format!(
                "{rule}: {n} findings, bound {max}:\n  {examples:#?}"
            ));
        }
    }
    assert!(
        over.is_empty(),
        "{name} noise over budget:\n{}",
        over.join("\n")
    );
}

#[test]
fn human_news_noise_stays_within_bounds() {
    let Some(corpus) = corpus("human_news_noise_stays_within_bounds") else {
        return;
    };
    let dir = corpus.join("human-news");
    let bounds: Vec<(String, usize)> = budgets()
        .into_iter()
        .filter_map(|b| Some((b.rule, b.human_news_max?)))
        .collect();
    assert_bounds("human-news", &dir, true, &bounds);
}

#[test]
fn non_english_news_noise_stays_within_bounds() {
    let Some(corpus) = corpus("non_english_news_noise_stays_within_bounds") else {
        return;
    };
    let dir = corpus.join("human-news/non-english");
    let bounds: Vec<(String, usize)> = budgets()
        .into_iter()
        .filter_map(|b| Some((b.rule, b.non_english_max?)))
        .collect();
    assert_bounds("non-english", &dir, true, &bounds);
}
