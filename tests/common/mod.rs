//! Helpers shared by the integration tests.
#![allow(dead_code)] // each test binary uses a different subset

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The built `newslint` binary.
pub fn newslint() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newslint"));
    cmd.env_remove("NO_COLOR")
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// Runs newslint with `args`, feeding `stdin` (empty when `None`).
pub fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    use std::io::Write;
    let mut child = newslint()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("newslint starts");
    {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        if let Some(bytes) = stdin {
            pipe.write_all(bytes).expect("stdin accepts input");
        }
    }
    child.wait_with_output().expect("newslint finishes")
}

/// Parses `check --format json` output.
pub fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// The shared corpus folder named by `NEWSLINT_CORPUS`, or `None` (with a
/// visible note) when it is not set, so corpus tests skip on machines
/// without it.
pub fn corpus(test: &str) -> Option<PathBuf> {
    match std::env::var_os("NEWSLINT_CORPUS") {
        Some(dir) if !dir.is_empty() => {
            let dir = PathBuf::from(dir);
            assert!(
                dir.is_dir(),
                "NEWSLINT_CORPUS={} is not a directory",
                dir.display()
            );
            Some(dir)
        }
        _ => {
            eprintln!("note: {test} skipped: NEWSLINT_CORPUS is not set");
            None
        }
    }
}

/// A fixture file under tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The JSON report of `newslint check` on `path` (never failing on
/// findings), with `extra` arguments before the path; panics, with the
/// run's stderr, when newslint itself fails.
pub fn check_report(path: &Path, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["check", "--format", "json", "--fail-on", "never"];
    args.extend_from_slice(extra);
    args.push(path.to_str().expect("a UTF-8 path"));
    let output = run(&args, None);
    assert_eq!(
        output.status.code(),
        Some(0),
        "newslint failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    json(&output)
}

/// (rule, line) pairs of a JSON report's diagnostics, for one file name.
pub fn findings(report: &serde_json::Value) -> Vec<(String, String, u64)> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .map(|d| {
            let path = d["path"].as_str().unwrap_or_default();
            let name = Path::new(path)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (
                name,
                d["rule"].as_str().unwrap_or_default().to_string(),
                d["line"].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

/// One row of an `expected.tsv` table (the seeds' and the evaluation
/// set's): `file`, `line` (`*` for the whole file, or `3|7`), `rule`,
/// `flag` or `clean`, and why.
pub struct ExpectedRow {
    pub file: String,
    /// The lines a finding may be on; `None` for the whole file.
    pub lines: Option<Vec<u64>>,
    pub rule: String,
    /// Whether the rule must report (`flag`) or must not (`clean`).
    pub flag: bool,
    pub why: String,
}

/// Reads an `expected.tsv` table, skipping comments, the header and blank
/// lines; a malformed row fails the test.
/// One row of `rules/budgets.tsv`: what a built-in rule is held to.
#[derive(Debug, Clone)]
pub struct Budget {
    /// The rule id.
    pub rule: String,
    /// Most findings on the English human articles.
    pub human_news_max: Option<usize>,
    /// Most findings on the non-English human articles.
    pub non_english_max: Option<usize>,
    /// Fewest planted defects found on the evaluation set.
    pub eval_min_found: Option<usize>,
    /// Most must-stay-clean rows of the evaluation set broken.
    pub eval_max_broken: Option<usize>,
}

/// The rows of `rules/budgets.tsv` (`-` is no bound).
pub fn budgets() -> Vec<Budget> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/budgets.tsv");
    let text = std::fs::read_to_string(&path).expect("rules/budgets.tsv is readable");
    let number = |field: &str| (field != "-").then(|| field.parse().expect("a count or -"));
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 5, "budgets.tsv row: {line}");
            Budget {
                rule: fields[0].to_string(),
                human_news_max: number(fields[1]),
                non_english_max: number(fields[2]),
                eval_min_found: number(fields[3]),
                eval_max_broken: number(fields[4]),
            }
        })
        .collect()
}

pub fn expected_rows(path: &Path) -> Vec<ExpectedRow> {
    let table = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut rows = Vec::new();
    for row in table.lines() {
        if row.starts_with('#') || row.starts_with("file\t") || row.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = row.split('\t').collect();
        let [file, line, rule, expect, why] = cols[..] else {
            panic!("malformed row: {row}");
        };
        let flag = match expect {
            "flag" => true,
            "clean" => false,
            other => panic!("unknown expectation {other:?} in row: {row}"),
        };
        let lines = (line != "*").then(|| {
            line.split('|')
                .map(|n| {
                    n.parse()
                        .unwrap_or_else(|_| panic!("bad line in row: {row}"))
                })
                .collect()
        });
        rows.push(ExpectedRow {
            file: file.to_string(),
            lines,
            rule: rule.to_string(),
            flag,
            why: why.to_string(),
        });
    }
    rows
}
