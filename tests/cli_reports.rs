//! Where and how `check` reports: `--output-file`, several reports from one
//! run (`--also FORMAT=PATH`), `--statistics`, `--quiet`, and the shell
//! completions.

mod common;

use std::collections::BTreeMap;

use common::{json, newslint, run};

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// (rule, severity) -> count, from a JSON report.
fn counts(report: &serde_json::Value) -> BTreeMap<(String, String), u64> {
    let mut counts = BTreeMap::new();
    for d in report["diagnostics"].as_array().unwrap() {
        let key = (
            d["rule"].as_str().unwrap().to_string(),
            d["severity"].as_str().unwrap().to_string(),
        );
        *counts.entry(key).or_default() += 1;
    }
    counts
}

#[test]
fn one_run_writes_several_reports() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let (sarif, report, lines) = (path("out.sarif"), path("out.json"), path("out.txt"));
    let out = run(
        &[
            "check",
            "--no-config",
            "samples",
            "--format",
            "line",
            "--output-file",
            &lines,
            "--also",
            &format!("sarif={sarif}"),
            "--also",
            &format!("json={report}"),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "the main report went to the file");

    // Each file holds what a run in that format alone prints.
    let alone = |format: &str| {
        run(
            &["check", "--no-config", "samples", "--format", format],
            None,
        )
    };
    assert_eq!(std::fs::read(&lines).unwrap(), alone("line").stdout);
    assert_eq!(std::fs::read(&report).unwrap(), alone("json").stdout);
    let sarif: serde_json::Value = serde_json::from_slice(&std::fs::read(&sarif).unwrap()).unwrap();
    let from_json = json(&alone("json"));
    assert_eq!(
        sarif["runs"][0]["results"].as_array().map(Vec::len),
        from_json["diagnostics"].as_array().map(Vec::len)
    );
}

#[test]
fn a_report_in_a_missing_folder_is_named_before_linting() {
    let out = run(
        &[
            "check",
            "--no-config",
            "samples",
            "--also",
            "sarif=no-such-folder/out.sarif",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "cannot write the report to no-such-folder/out.sarif: the folder no-such-folder does not exist"
        ),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());
    let out = run(&["check", "--also", "xml=out.xml"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown format `xml`"),
        "{}",
        stderr(&out)
    );
    let out = run(
        &["check", "--fix", "--also", "json=x.json", "samples"],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("do not apply with --fix"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn statistics_count_each_rule() {
    let full = json(&run(
        &["check", "--no-config", "samples", "--format", "json"],
        None,
    ));
    let expected = counts(&full);
    assert!(expected.len() > 3, "{expected:?}");

    let out = run(
        &[
            "check",
            "--no-config",
            "samples",
            "--statistics",
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1), "the exit status is the check's");
    let stats = json(&out);
    assert_eq!(stats["version"], 1);
    assert_eq!(stats["summary"], full["summary"]);
    let rows = stats["statistics"].as_array().unwrap();
    let got: BTreeMap<(String, String), u64> = rows
        .iter()
        .map(|r| {
            (
                (
                    r["rule"].as_str().unwrap().to_string(),
                    r["severity"].as_str().unwrap().to_string(),
                ),
                r["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, expected);
    let ordered: Vec<u64> = rows.iter().map(|r| r["count"].as_u64().unwrap()).collect();
    assert!(ordered.windows(2).all(|w| w[0] >= w[1]), "{ordered:?}");

    // The table: a header, a row per rule, the summary line.
    let out = run(&["check", "--no-config", "samples", "--statistics"], None);
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), expected.len() + 2, "{text}");
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["COUNT", "RULE", "SEVERITY"]
    );
    for ((rule, severity), count) in &expected {
        let row = [count.to_string(), rule.clone(), severity.clone()];
        assert!(
            lines
                .iter()
                .any(|l| l.split_whitespace().eq(row.iter().map(String::as_str))),
            "no row {row:?} in:\n{text}"
        );
    }
    assert!(lines.last().unwrap().starts_with("5 files: "), "{text}");

    let out = run(
        &["check", "--statistics", "--format", "sarif", "samples"],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn quiet_prints_the_findings_only() {
    let loud = run(
        &["check", "--no-config", "samples", "--color", "never"],
        None,
    );
    let quiet = run(
        &[
            "check",
            "--no-config",
            "samples",
            "--color",
            "never",
            "--quiet",
        ],
        None,
    );
    assert_eq!(quiet.status.code(), loud.status.code());
    let (loud, quiet) = (
        String::from_utf8(loud.stdout).unwrap(),
        String::from_utf8(quiet.stdout).unwrap(),
    );
    assert!(loud.contains("5 files: "), "{loud}");
    assert!(!quiet.contains("5 files: "), "{quiet}");
    assert!(quiet.contains("error[template-leak]"), "{quiet}");
    assert_eq!(
        quiet,
        loud[..loud.rfind("5 files: ").unwrap()].to_string(),
        "quiet is the report without its summary line"
    );
}

#[test]
fn completions_for_each_shell_name_the_subcommands() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = newslint().args(["completions", shell]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{shell}: {}", stderr(&out));
        let script = String::from_utf8(out.stdout).unwrap();
        for word in ["check", "explain", "stdin-filename", "also"] {
            assert!(script.contains(word), "{shell} completes no `{word}`");
        }
    }
    let out = newslint().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}
