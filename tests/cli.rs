//! The command line as users and pipelines drive it: exit codes, stdin,
//! errors that name what and where, and output that survives a closed pipe.

mod common;

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use common::{fixture, json, newslint, run};

fn house(extra: &[&str]) -> Vec<String> {
    let rules = fixture("rules");
    let mut args = vec![
        "check".to_string(),
        "--rules".to_string(),
        rules.to_str().unwrap().to_string(),
        "--only".to_string(),
        "house-synergy,house-hedge".to_string(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

fn run_house(extra: &[&str], stdin: Option<&[u8]>) -> std::process::Output {
    let args = house(extra);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(&args, stdin)
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn exit_0_when_clean_1_on_errors_2_when_the_run_fails() {
    let clean = run_house(&["-"], Some(b"A plain sentence."));
    assert_eq!(clean.status.code(), Some(0), "{}", stderr(&clean));
    let dirty = run_house(&["-"], Some(b"Pure synergy."));
    assert_eq!(dirty.status.code(), Some(1));
    let missing = run_house(&["no/such/file.txt"], None);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("no/such/file.txt"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn fail_on_moves_the_threshold() {
    let text = Some(&b"It is arguably fine."[..]);
    assert_eq!(run_house(&["-"], text).status.code(), Some(0));
    assert_eq!(
        run_house(&["--fail-on", "warning", "-"], text)
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        run_house(&["--fail-on", "info", "-"], text).status.code(),
        Some(1)
    );
    let synergy = Some(&b"synergy"[..]);
    assert_eq!(
        run_house(&["--fail-on", "never", "-"], synergy)
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn json_report_follows_the_contract() {
    // "Café" makes byte and character columns differ.
    let out = run_house(
        &["--format", "json", "--stdin-filename", "story.txt", "-"],
        Some("Café line\nThe synergy plan.".as_bytes()),
    );
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    assert_eq!(report["version"], 1);
    let d = &report["diagnostics"][0];
    assert_eq!(d["path"], "story.txt");
    assert_eq!(d["rule"], "house-synergy");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["message"], "banned word `synergy`");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(2), Some(5))
    );
    assert_eq!(
        (d["end_line"].as_u64(), d["end_column"].as_u64()),
        (Some(2), Some(12))
    );
    assert_eq!(
        (d["byte_start"].as_u64(), d["byte_end"].as_u64()),
        (Some(15), Some(22))
    );
    assert_eq!(d["help"], "say what actually happens");
    assert!(d["fix"].is_null());
    assert_eq!(d["labels"].as_array().map(Vec::len), Some(0));
    assert_eq!(report["summary"]["files"], 1);
    assert_eq!(report["summary"]["errors"], 1);
    assert_eq!(report["summary"]["warnings"], 0);
    assert_eq!(report["summary"]["infos"], 0);
}

#[test]
fn stdin_filename_picks_the_format() {
    // In Markdown, the front-matter title is part of the document, and code
    // blocks are not prose.
    let text = b"---\ntitle: Synergy ahead\n---\n\n```\nsynergy\n```\n";
    let out = run_house(
        &["--format", "json", "--stdin-filename", "a.md", "-"],
        Some(text),
    );
    let report = json(&out);
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{report}");
    assert_eq!(
        (
            diagnostics[0]["line"].as_u64(),
            diagnostics[0]["column"].as_u64()
        ),
        (Some(2), Some(8))
    );
}

#[test]
fn invalid_rule_file_names_file_line_and_column() {
    let out = run(
        &[
            "check",
            "--rules",
            fixture("bad-rules").to_str().unwrap(),
            "-",
        ],
        Some(b"x"),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("typo.yaml:10:5"), "{err}");
    assert!(err.contains("unknown field `regexs`"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn unknown_rule_ids_are_errors() {
    let out = run(&["check", "--only", "no-such-rule", "-"], Some(b"x"));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown rule `no-such-rule`"));
    let out = run(&["explain", "no-such-rule"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn invalid_utf8_and_binary_files_are_named_and_the_rest_is_linted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.txt"), b"fine\nsynergy \xff\xfe here").unwrap();
    std::fs::write(dir.path().join("blob.txt"), b"ab\0cd").unwrap();
    std::fs::write(dir.path().join("good.txt"), b"More synergy.").unwrap();
    let out = run_house(&["--format", "json", dir.path().to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("bad.txt: not valid UTF-8 (first invalid byte at offset 13)"),
        "{err}"
    );
    assert!(err.contains("blob.txt: looks like a binary file"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let report = json(&out);
    assert_eq!(report["summary"]["files"], 1);
    assert!(report["diagnostics"][0]["path"]
        .as_str()
        .unwrap()
        .ends_with("good.txt"));
}

#[test]
fn directories_are_walked_by_extension_honouring_ignores() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for name in [
        "a.txt",
        "b.md",
        "c.html",
        "skip.rs",
        ".hidden.txt",
        "ignored.txt",
    ] {
        std::fs::write(root.join(name), "synergy").unwrap();
    }
    std::fs::write(root.join(".gitignore"), "ignored.txt\n").unwrap();
    let out = run_house(&["--format", "json", root.to_str().unwrap()], None);
    let report = json(&out);
    let mut names: Vec<String> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            d["path"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    names.sort();
    assert_eq!(names, ["a.txt", "b.md", "c.html"]);
    // A file named explicitly is linted whatever its extension.
    let out = run_house(
        &["--format", "json", root.join("skip.rs").to_str().unwrap()],
        None,
    );
    assert_eq!(json(&out)["summary"]["errors"], 1);
}

#[test]
fn closed_stdout_is_not_an_error() {
    let text = "synergy\n".repeat(20_000);
    let path = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(path.path(), text).unwrap();
    let args = house(&["--color", "never", path.path().to_str().unwrap()]);
    let mut child = newslint()
        .args(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // Dropping our end closes the pipe, like `| head -1`.
    let output = child.wait_with_output().unwrap();
    assert!(first.starts_with("error[house-synergy]"), "{first}");
    let err = stderr(&output);
    assert!(
        !err.contains("panicked") && !err.contains("Broken pipe"),
        "{err}"
    );
    assert_ne!(output.status.code(), Some(101));
}

#[test]
fn human_output_has_codespan_frames_help_and_a_summary() {
    let out = run_house(
        &["--color", "never", "--stdin-filename", "s.txt", "-"],
        Some(b"One synergy."),
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("error[house-synergy]: banned word `synergy`"),
        "{text}"
    );
    assert!(text.contains("┌─ s.txt:1:5"), "{text}");
    assert!(text.contains("= help: say what actually happens"), "{text}");
    assert!(
        text.trim_end()
            .ends_with("1 file: 1 error, 0 warnings, 0 infos"),
        "{text}"
    );
}

#[test]
fn color_follows_the_flag_and_no_color() {
    let colored = run_house(&["--color", "always", "-"], Some(b"synergy"));
    assert!(colored.stdout.contains(&0x1b), "expected ANSI escapes");
    let plain = run_house(&["--color", "never", "-"], Some(b"synergy"));
    assert!(!plain.stdout.contains(&0x1b));
    let args = house(&["--color", "auto", "-"]);
    let auto = newslint()
        .args(&args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!auto.stdout.contains(&0x1b));
}

#[test]
fn rules_and_explain_document_the_pack() {
    let out = run(
        &["rules", "--rules", fixture("rules").to_str().unwrap()],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    // Columns widen with the longest rule id, so compare fields, not spacing.
    assert!(
        text.lines()
            .any(|l| l.split_whitespace().take(2).eq(["house-synergy", "error"])),
        "{text}"
    );
    let out = run(
        &[
            "explain",
            "house-synergy",
            "--rules",
            fixture("rules").to_str().unwrap(),
        ],
        None,
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Why it matters:\n  The style guide bans it."),
        "{text}"
    );
    assert!(text.contains("Flags:\n  - Synergy wins."), "{text}");
}
