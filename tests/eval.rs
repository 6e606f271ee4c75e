//! How well the built-in pack generalizes: recall and false positives per
//! rule on an evaluation set of our own articles (`tests/fixtures/eval/`),
//! written apart from the seed articles and never used to write rule
//! examples. `d*` articles carry planted defects in the wordings, formats
//! and places the seeds do not show; `c*` articles are careful newsroom copy
//! that must stay clean. `expected.tsv` there lists one row per planted
//! defect (`flag`) and per must-stay-clean claim (`clean`), in the format of
//! the seeds' table.
//!
//! The floors (`rules/budgets.tsv`) are the levels the pack reaches today: a
//! change that loses recall or adds a false positive fails here. Raise them when a rule
//! gets better. `cargo test --test eval -- --nocapture` prints the table.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::{budgets, check_report, expected_rows, findings, fixture, ExpectedRow};
use newslint::RuleSet;

/// Most warnings the pack may report on all clean (`c*`) articles together.
/// Errors there are never allowed.
const CLEAN_ARTICLE_WARNINGS: usize = 4;

/// The manifest, every row of which must name a line to flag.
fn manifest(dir: &Path) -> Vec<ExpectedRow> {
    let rows = expected_rows(&dir.join("expected.tsv"));
    for row in &rows {
        assert!(
            row.lines.is_some() || !row.flag,
            "a flag row needs a line number: {} {}",
            row.file,
            row.rule
        );
    }
    rows
}

/// Checks the manifest against the folder: every row names a file and a line
/// that exist and a rule of the pack, and every article has rows.
fn validate(dir: &Path, rows: &[ExpectedRow]) {
    let ids: BTreeSet<String> = RuleSet::builtin()
        .expect("the built-in pack loads")
        .rules()
        .iter()
        .map(|r| r.meta.id.to_string())
        .collect();
    let mut articles: BTreeSet<String> = std::fs::read_dir(dir)
        .expect("eval folder")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "expected.tsv")
        .collect();
    for row in rows {
        assert!(ids.contains(&row.rule), "unknown rule {}", row.rule);
        let text = std::fs::read_to_string(dir.join(&row.file))
            .unwrap_or_else(|e| panic!("{}: {e}", row.file));
        let count = text.lines().count() as u64;
        for &line in row.lines.iter().flatten() {
            assert!(
                (1..=count).contains(&line),
                "{}:{line} is past the end of the file",
                row.file
            );
        }
        articles.remove(&row.file);
    }
    assert!(articles.is_empty(), "articles without rows: {articles:?}");
}

#[derive(Default)]
struct Score {
    flags: usize,
    found: usize,
    cleans: usize,
    broken: usize,
}

#[test]
fn eval_set_recall_and_false_positives() {
    let dir = fixture("eval");
    let rows = manifest(&dir);
    validate(&dir, &rows);

    let report = check_report(&dir, &["--no-config"]);
    let found = findings(&report);

    let mut scores: BTreeMap<&str, Score> = BTreeMap::new();
    let mut misses = Vec::new();
    for row in &rows {
        let lines: Vec<u64> = found
            .iter()
            .filter(|(f, r, _)| *f == row.file && *r == row.rule)
            .map(|(_, _, l)| *l)
            .collect();
        let hit = match &row.lines {
            None => !lines.is_empty(),
            Some(want) => lines.iter().any(|l| want.contains(l)),
        };
        let score = scores.entry(&row.rule).or_default();
        let line = row.lines.as_ref().map_or("*".to_string(), |l| {
            l.iter().map(u64::to_string).collect::<Vec<_>>().join("|")
        });
        if row.flag {
            score.flags += 1;
            score.found += usize::from(hit);
            if !hit {
                misses.push(format!(
                    "missed  {}:{line} {} ({})",
                    row.file, row.rule, row.why
                ));
            }
        } else {
            score.cleans += 1;
            score.broken += usize::from(hit);
            if hit {
                misses.push(format!(
                    "noisy   {}:{line} {} ({}); reported on lines {lines:?}",
                    row.file, row.rule, row.why
                ));
            }
        }
    }

    // Findings on the clean articles, by severity.
    let mut clean_errors = Vec::new();
    let mut clean_warnings = Vec::new();
    for d in report["diagnostics"].as_array().unwrap() {
        let path = d["path"].as_str().unwrap();
        let name = Path::new(path).file_name().unwrap().to_string_lossy();
        if !name.starts_with('c') {
            continue;
        }
        let line = format!("{name}:{} {} {}", d["line"], d["rule"], d["message"]);
        match d["severity"].as_str() {
            Some("error") => clean_errors.push(line),
            Some("warning") => clean_warnings.push(line),
            _ => {}
        }
    }

    eprintln!("\nrule               recall      false positives");
    let mut total = Score::default();
    for (rule, s) in &scores {
        eprintln!(
            "{rule:<18} {:>3}/{:<3} {:>4.0}%   {:>3}/{:<3}",
            s.found,
            s.flags,
            100.0 * s.found as f64 / s.flags.max(1) as f64,
            s.broken,
            s.cleans
        );
        total.flags += s.flags;
        total.found += s.found;
        total.cleans += s.cleans;
        total.broken += s.broken;
    }
    eprintln!(
        "{:<18} {:>3}/{:<3} {:>4.0}%   {:>3}/{:<3}",
        "total",
        total.found,
        total.flags,
        100.0 * total.found as f64 / total.flags.max(1) as f64,
        total.broken,
        total.cleans
    );
    eprintln!(
        "clean articles: {} errors, {} warnings",
        clean_errors.len(),
        clean_warnings.len()
    );
    for line in clean_warnings.iter().chain(&clean_errors) {
        eprintln!("  {line}");
    }
    for line in &misses {
        eprintln!("{line}");
    }

    let mut failures = Vec::new();
    for budget in budgets() {
        let (rule, Some(min_found), Some(max_broken)) =
            (&budget.rule, budget.eval_min_found, budget.eval_max_broken)
        else {
            continue;
        };
        let s = scores
            .get(rule.as_str())
            .unwrap_or_else(|| panic!("no rows for {rule}"));
        if s.found < min_found {
            failures.push(format!(
                "{rule}: found {} of {} planted defects, floor is {min_found}",
                s.found, s.flags
            ));
        }
        if s.broken > max_broken {
            failures.push(format!(
                "{rule}: broke {} of {} clean rows, ceiling is {max_broken}",
                s.broken, s.cleans
            ));
        }
    }
    if !clean_errors.is_empty() {
        failures.push(format!("errors on clean articles: {clean_errors:?}"));
    }
    if clean_warnings.len() > CLEAN_ARTICLE_WARNINGS {
        failures.push(format!(
            "{} warnings on clean articles, ceiling is {CLEAN_ARTICLE_WARNINGS}",
            clean_warnings.len()
        ));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_builtin_rule_has_a_budget_row() {
    let rows: BTreeSet<String> = budgets().into_iter().map(|b| b.rule).collect();
    let ids: BTreeSet<String> = RuleSet::builtin()
        .expect("the built-in pack loads")
        .rules()
        .iter()
        .map(|r| r.meta.id.to_string())
        .collect();
    assert_eq!(rows, ids, "rules/budgets.tsv has one row per built-in rule");
}
