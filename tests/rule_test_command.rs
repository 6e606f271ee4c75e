//! `newslint test`: the examples of the rules loaded (built-in and house
//! rules, with the configuration) are run, and each failing one is listed
//! with its file:line.

mod common;

use std::path::Path;
use std::process::Output;

use common::newslint;

const HOUSE: &str = "\
id: house-buzz
severity: warning
kind: pattern
summary: Buzzwords
message: \"buzzword `{match}`\"
description: Flags buzzwords.
why: Readers skip them.
patterns:
  - phrases: [synergy, paradigm shift]
examples:
  flag:
    - Pure synergy.
    - A leverage play.
  pass:
    - A plain sentence.
    - The paradigm shift was real.
";

fn run_in(dir: &Path, args: &[&str]) -> Output {
    newslint().current_dir(dir).args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn failing_examples_are_listed_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("house")).unwrap();
    std::fs::write(dir.path().join("house/buzz.yaml"), HOUSE).unwrap();

    let out = run_in(dir.path(), &["test", "--no-config", "house"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "house/buzz.yaml:13:7: house-buzz: missing: \"A leverage play.\" is a `flag` example the rule does not report",
            "house/buzz.yaml:16:7: house-buzz: noisy: \"The paradigm shift was real.\" is a `pass` example the rule reports: buzzword `paradigm shift`",
            "1 rule, 4 examples: 2 failing",
        ],
        "{stdout}"
    );

    // Fixed, it passes.
    let fixed = HOUSE.replace("    - A leverage play.\n", "").replace(
        "    - The paradigm shift was real.\n",
        "    - A shift in paradigms.\n",
    );
    std::fs::write(dir.path().join("house/buzz.yaml"), fixed).unwrap();
    let out = run_in(dir.path(), &["test", "--no-config", "house"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert_eq!(text(&out.stdout), "1 rule, 3 examples: 0 failing\n");

    // With the configuration: its rule folders and parameters apply, and
    // a folder it loads may be named too.
    std::fs::write(
        dir.path().join("newslint.yaml"),
        "rule-dirs: [house]\nrules:\n  house-buzz:\n    patterns:\n      - phrases: [leverage]\n",
    )
    .unwrap();
    for args in [
        &["test"][..],
        &["test", "house"],
        &["test", "--only", "house-buzz"],
    ] {
        let out = run_in(dir.path(), args);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?}: {}",
            text(&out.stderr)
        );
        let stdout = text(&out.stdout);
        assert!(
            stdout.contains("buzz.yaml:12:7: house-buzz: missing: \"Pure synergy.\""),
            "{args:?}: {stdout}"
        );
    }
}

#[test]
fn the_built_in_pack_passes_its_examples() {
    let out = newslint().args(["test", "--no-config"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let stdout = text(&out.stdout);
    let summary = stdout.lines().last().unwrap();
    assert!(summary.ends_with("examples: 0 failing"), "{stdout}");
    let rules: usize = summary.split(' ').next().unwrap().parse().unwrap();
    let listed = newslint().args(["rules", "--no-config"]).output().unwrap();
    assert!(
        text(&listed.stdout).contains(&format!("\n{rules} rules.")),
        "{summary}"
    );
}
