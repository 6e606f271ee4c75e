//! Inline suppressions, one test per comment form, and the
//! `unused-suppression` reports for comments that silence nothing.

mod common;

use common::{fixture, json, run};

/// (rule, line, column) of each finding when `text` is linted as `name`
/// with the house rules and the unused-suppression rule.
fn lint(name: &str, text: &str, extra: &[&str]) -> Vec<(String, u64, u64)> {
    let rules = fixture("rules");
    let mut args = vec![
        "check",
        "--no-config",
        "--rules",
        rules.to_str().unwrap(),
        "--only",
        "house-synergy,house-hedge,unused-suppression",
        "--format",
        "json",
        "--stdin-filename",
        name,
    ];
    args.extend_from_slice(extra);
    args.push("-");
    let out = run(&args, Some(text.as_bytes()));
    json(&out)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn found(items: &[(&str, u64, u64)]) -> Vec<(String, u64, u64)> {
    items
        .iter()
        .map(|(r, l, c)| (r.to_string(), *l, *c))
        .collect()
}

#[test]
fn disable_and_enable_comments_silence_a_range() {
    let text = "\
Synergy one.

<!-- newslint-disable house-synergy, house-hedge -->
Synergy two, arguably.

<!-- newslint-enable house-hedge -->
Synergy three, arguably.

<!-- newslint-enable -->
Synergy four.
";
    assert_eq!(
        lint("a.md", text, &[]),
        found(&[
            ("house-synergy", 1, 1),
            ("house-hedge", 7, 16),
            ("house-synergy", 10, 1)
        ])
    );
}

#[test]
fn disable_next_line_silences_only_the_next_line() {
    let text = "\
<!-- newslint-disable-next-line house-synergy -- quoting the press release -->
“Synergy,” the statement said.
Synergy again.
";
    assert_eq!(lint("a.md", text, &[]), found(&[("house-synergy", 3, 1)]));
}

#[test]
fn front_matter_key_silences_the_whole_file() {
    let text =
        "---\ntitle: Synergy week\nnewslint-disable: [house-synergy]\n---\n\nSynergy, arguably.\n";
    assert_eq!(lint("a.md", text, &[]), found(&[("house-hedge", 6, 10)]));
    // Block-list form.
    let text =
        "---\nnewslint-disable:\n  - house-synergy\n  - house-hedge\n---\nSynergy, arguably.\n";
    assert_eq!(lint("a.md", text, &[]), found(&[]));
}

#[test]
fn comments_work_in_html() {
    let text = "<!-- newslint-disable-next-line house-synergy -->\n<b>Synergy</b> first.\n\n<b>Synergy</b> again.\n";
    assert_eq!(lint("a.html", text, &[]), found(&[("house-synergy", 4, 4)]));
}

#[test]
fn a_comment_without_rules_silences_every_rule() {
    let text = "<!-- newslint-disable-next-line -->\nSynergy, arguably.\nSynergy.\n";
    assert_eq!(lint("a.md", text, &[]), found(&[("house-synergy", 3, 1)]));
}

#[test]
fn unused_suppressions_are_reported_where_they_are_written() {
    let text = "\
<!-- newslint-disable-next-line house-synergy -->
Nothing to see.
<!-- newslint-disable-next-line house-hedge, no-such-rule -->
Arguably fine.
<!-- newslint-disabel house-hedge -->
";
    let rules = fixture("rules");
    let out = run(
        &[
            "check",
            "--no-config",
            "--rules",
            rules.to_str().unwrap(),
            "--only",
            "house-synergy,house-hedge,unused-suppression",
            "--format",
            "json",
            "--stdin-filename",
            "a.md",
            "-",
        ],
        Some(text.as_bytes()),
    );
    // Info findings do not fail the run.
    assert_eq!(out.status.code(), Some(0));
    let report = json(&out);
    let messages: Vec<(String, String, u64, u64)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["severity"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    let expect = |m: &str, l, c| ("info".to_string(), m.to_string(), l, c);
    assert_eq!(
        messages,
        [
            // The id of the stale suppression is underlined: column 33.
            expect(
                "this suppression of `house-synergy` suppresses nothing",
                1,
                33
            ),
            expect(
                "unknown rule `no-such-rule` in a suppression comment",
                3,
                46
            ),
            expect(
                "unknown directive `newslint-disabel`: expected newslint-disable, newslint-enable or newslint-disable-next-line",
                5,
                6
            ),
        ]
    );
}

#[test]
fn suppressions_of_rules_that_do_not_run_are_left_alone() {
    // template-leak exists but is not in --only: not unused, not unknown.
    let text = "<!-- newslint-disable-next-line template-leak -->\nA {{ title }} here.\n";
    assert_eq!(lint("a.md", text, &[]), found(&[]));
    // Turning the reporting rule off keeps suppressing, silently.
    let text = "<!-- newslint-disable-next-line house-hedge -->\nSynergy.\n";
    assert_eq!(
        lint("a.md", text, &["--disable", "unused-suppression"]),
        found(&[("house-synergy", 2, 1)])
    );
    // A stale suppression can itself be silenced by naming the rule.
    let text = "<!-- newslint-disable unused-suppression -->\n<!-- newslint-disable-next-line house-hedge -->\nFine.\n";
    assert_eq!(lint("a.md", text, &[]), found(&[]));
}
