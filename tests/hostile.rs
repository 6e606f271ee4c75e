//! Hostile input, as a careless user or an attacker would give it: each
//! case ends with a result or a clear error, never a hang, a panic or
//! memory that grows with what is thrown at it.
//!
//! The shapes that used to cost quadratic time are linted here at a size
//! where the old code took seconds to minutes (one long line of findings,
//! thousands of empty headings, a suppression before every finding, a text
//! of ellipses). Their exact results are asserted; the bounds on work per
//! step are asserted where the work is done (`source.rs`: bytes counted per
//! position; `read.rs`: bytes read from an endless stream; `rules/yaml.rs`:
//! the expansion budget), and BENCHMARKS.md gives the measured scaling.

mod common;

use std::process::{Command, Output, Stdio};

use common::{json, newslint, run};
use newslint::{Format, Linter, RuleSet, Source};

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn builtin_only(id: &str) -> Linter {
    let mut rules = RuleSet::builtin().expect("the built-in pack loads");
    rules.retain(|r| &*r.meta.id == id);
    Linter::new(rules)
}

fn lint(id: &str, text: &str, format: Format) -> Vec<newslint::Diagnostic> {
    builtin_only(id).lint(&Source::new("hostile", text), format)
}

#[test]
fn many_findings_on_one_long_line_have_exact_columns() {
    let unit = "The council voted {{ x }} today. ";
    let text = unit.repeat(20_000) + "é {{ y }}";
    let source = Source::new("long.txt", text.as_str());
    let found = builtin_only("template-leak").lint(&source, Format::Plain);
    assert_eq!(found.len(), 20_001);
    for (i, d) in found.iter().take(20_000).enumerate() {
        let at = source.position(d.range.start);
        assert_eq!((at.line, at.column), (1, i * unit.len() + 19));
    }
    let last = source.position(found[20_000].range.start);
    // "é" is two bytes and one character.
    assert_eq!(last.column, 20_000 * unit.len() + 3);
    assert_eq!(last.column_byte, 20_000 * unit.len() + 4);
}

#[test]
fn empty_headings_by_the_thousand_are_each_reported_once() {
    // The first heading is the headline, not a section.
    let same = "# Sources\n\n".repeat(5_001);
    assert_eq!(lint("empty-section", &same, Format::Markdown).len(), 5_000);
    let distinct: String = (0..5_001)
        .map(|i| format!("# Section number {i}\n\n"))
        .collect();
    let found = lint("empty-section", &distinct, Format::Markdown);
    assert_eq!(found.len(), 5_000);
    // A reference still finds its heading among thousands.
    let text = format!("See the Section number 4321 section below.\n\n{distinct}");
    let found = lint("empty-section", &text, Format::Markdown);
    let with_label: Vec<_> = found.iter().filter(|d| !d.labels.is_empty()).collect();
    assert_eq!(with_label.len(), 1);
    assert_eq!(with_label[0].labels[0].range, 0..42);
}

#[test]
fn a_suppression_before_every_finding_silences_each_one() {
    let unit = "<!-- newslint-disable-next-line template-leak -->\n{{ x }}\n\n";
    let text = unit.repeat(20_000) + "{{ y }}\n";
    let mut rules = RuleSet::builtin().expect("the built-in pack loads");
    rules.retain(|r| matches!(&*r.meta.id, "template-leak" | "unused-suppression"));
    let found = Linter::new(rules).lint(&Source::new("s.md", text.as_str()), Format::Markdown);
    assert_eq!(found.len(), 1, "{:?}", found.first());
    assert_eq!(found[0].range.start, 20_000 * unit.len());
    // Ranges: a disable before each finding, every one closed later.
    // (Plain text: in Markdown a line that opens with a comment is HTML.)
    let ranges = "<!-- newslint-disable template-leak -->{{ x }} ".repeat(5_000)
        + &"<!-- newslint-enable template-leak -->".repeat(5_000)
        + " {{ y }}";
    let found = lint("template-leak", &ranges, Format::Plain);
    assert_eq!(found.len(), 1);
    assert_eq!(&ranges[found[0].range.clone()], "{{ y }}");
}

#[test]
fn a_text_of_ellipses_splits_into_its_sentences() {
    let text = "And then\u{2026} ".repeat(50_000);
    let source = Source::new("e.txt", text.as_str());
    let doc = newslint::Document::parse(&source, Format::Plain);
    let article = newslint::analyses::Article::new(&doc);
    let sentences: usize = (0..doc.blocks().len())
        .map(|b| article.sentences(b).len())
        .sum();
    assert_eq!(sentences, 50_000);
}

#[test]
fn lone_cr_line_endings_are_line_endings() {
    let text = "---\rtitle: Council votes\r---\r# Budget\r\rThe council voted on Tuesday.\r\r## Sources\r\rCity records.\rNext {{ x }} here.\r";
    let source = Source::new("cr.md", text);
    let found = builtin_only("template-leak").lint(&source, Format::Markdown);
    assert_eq!(found.len(), 1);
    let at = source.position(found[0].range.start);
    assert_eq!((at.line, at.column), (11, 6));
    assert!(lint("empty-section", text, Format::Markdown).is_empty());
    let doc = newslint::Document::parse(&source, Format::Markdown);
    let title = doc
        .blocks()
        .iter()
        .find(|b| b.kind == newslint::document::BlockKind::Title);
    assert_eq!(title.map(|b| b.text()), Some("Council votes"));
}

fn check(args: &[&str]) -> Output {
    let mut all = vec!["check", "--no-config"];
    all.extend(args);
    run(&all, None)
}

#[cfg(unix)]
#[test]
fn devices_and_fifos_end_with_a_clear_error() {
    let zero = check(&["/dev/zero"]);
    assert_eq!(zero.status.code(), Some(2));
    assert!(stderr(&zero).contains("/dev/zero: looks like a binary file (NUL byte at offset 0)"));
    let stdin = newslint()
        .args(["check", "--no-config", "-"])
        .stdin(std::fs::File::open("/dev/zero").unwrap())
        .output()
        .unwrap();
    assert_eq!(stdin.status.code(), Some(2));
    assert!(stderr(&stdin).contains("<stdin>: looks like a binary file"));
    for flag in ["--config", "--rules"] {
        let out = run(&["check", flag, "/dev/zero", "Cargo.toml"], None);
        assert_eq!(out.status.code(), Some(2), "{flag}");
        assert!(stderr(&out).contains("/dev/zero"), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("not a regular file"),
            "{}",
            stderr(&out)
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("rule.yaml");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        for flag in ["--config", "--rules"] {
            let target = if flag == "--rules" {
                dir.path()
            } else {
                fifo.as_path()
            };
            let out = run(
                &["check", flag, target.to_str().unwrap(), "Cargo.toml"],
                None,
            );
            assert_eq!(out.status.code(), Some(2), "{flag}");
            assert!(
                stderr(&out).contains("not a regular file"),
                "{}",
                stderr(&out)
            );
        }
    }
}

#[test]
fn a_file_over_the_read_limit_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    std::fs::write(&big, "a".repeat(3 << 20)).unwrap();
    let out = check(&["--max-file-size", "1M", big.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "larger than 1 MiB, the most read from one file (raise it with --max-file-size)"
        ),
        "{}",
        stderr(&out)
    );
    let out = check(&[
        "--max-file-size",
        "4M",
        "--format",
        "json",
        big.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn an_unwritable_stderr_or_a_closed_reader_ends_the_run() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..200 {
        std::fs::write(dir.path().join(format!("f{i:03}.txt")), b"x \xff").unwrap();
    }
    // stderr to a pipe nobody reads: with more files than the workers run
    // ahead, a panic in the report used to leave them waiting for ever.
    let mut child = newslint()
        .args(["check", "--no-config", dir.path().to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(2));
    if std::path::Path::new("/dev/full").exists() {
        let status = newslint()
            .args(["check", "--no-config", dir.path().to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(std::fs::File::create("/dev/full").unwrap())
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(2));
        let help = newslint()
            .arg("--help")
            .stdout(std::fs::File::create("/dev/full").unwrap())
            .output()
            .unwrap();
        assert_eq!(help.status.code(), Some(2));
        assert!(stderr(&help).contains("cannot write output"));
    }
}

#[test]
fn utf16_is_named_as_utf16() {
    let bytes: Vec<u8> = "\u{feff}The council met."
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let out = run(&["check", "--no-config", "-"], Some(&bytes));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("looks like UTF-16 (little-endian) text"));
    assert!(stderr(&out).contains("iconv -f UTF-16LE -t UTF-8"));
}

fn rule_file(body: &str) -> String {
    format!(
        "id: my-rule\nseverity: warning\nkind: pattern\nsummary: s\nmessage: m\ndescription: d\nwhy: w\nexamples:\n  flag: []\n  pass: []\n{body}"
    )
}

fn load_rule(text: &str) -> Result<(), newslint::LoadError> {
    RuleSet::empty().add_str(text, "my-rule.yaml")
}

#[test]
fn rule_file_errors_point_at_the_problem() {
    let bom = format!("\u{feff}{}", rule_file("patterns:\n  - phrases: [foo]\n"));
    load_rule(&bom).expect("a BOM is not part of the first key");
    let err = load_rule(&rule_file("patterns:\n  - regexes: ['a', '']\n")).unwrap_err();
    assert_eq!((err.line, err.column), (Some(12), Some(20)), "{err}");
    let err = load_rule(&rule_file("patterns:\n  - phrases: [foo, '  ']\n")).unwrap_err();
    assert_eq!((err.line, err.column), (Some(12), Some(20)), "{err}");
    assert!(err.message.contains("empty phrase"), "{err}");
    let err = load_rule(&rule_file(
        "patterns:\n  - phrases: [foo]\n    regexes:\n      - 'council\\w{0,20000}'\n",
    ))
    .unwrap_err();
    assert_eq!((err.line, err.column), (Some(14), Some(9)), "{err}");
    assert!(err.message.contains("size limit"), "{err}");
}

#[test]
fn alias_amplification_is_refused_quickly() {
    let list: Vec<String> = (0..1000).map(|i| format!("w{i}")).collect();
    let groups = format!(
        "patterns:\n  - phrases: &l [{}]\n{}",
        list.join(", "),
        "  - phrases: *l\n".repeat(1000)
    );
    let err = load_rule(&rule_file(&groups)).unwrap_err();
    assert!(err.message.contains("aliases"), "{err}");
    assert!(err.line.is_some(), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("newslint.yaml");
    std::fs::write(
        &config,
        format!(
            "x: &l [{}]\ny: [{}]\n",
            list.join(", "),
            vec!["*l"; 1000].join(", ")
        ),
    )
    .unwrap();
    let out = run(
        &["check", "--config", config.to_str().unwrap(), "Cargo.toml"],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("aliases"), "{}", stderr(&out));
}

#[test]
fn a_duplicate_config_key_is_located() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("newslint.yaml");
    std::fs::write(&config, "fail-on: warning\nfail-on: error\n").unwrap();
    let out = run(
        &["check", "--config", config.to_str().unwrap(), "Cargo.toml"],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("newslint.yaml:2:1: duplicate field `fail-on`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn control_characters_never_reach_the_terminal_raw() {
    let text = "Meeting at {{ t\u{1b}]0;owned\u{7} }} today.\n";
    for format in ["human", "line", "github"] {
        let out = run(
            &[
                "check",
                "--no-config",
                "--format",
                format,
                "--stdin-filename",
                "a\u{1b}[31m\nb.txt",
                "-",
            ],
            Some(text.as_bytes()),
        );
        assert_eq!(out.status.code(), Some(1), "{format}");
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(!stdout.contains('\u{1b}'), "{format}: {stdout}");
        assert!(!stdout.contains('\u{7}'), "{format}: {stdout}");
        assert!(stdout.contains("␛]0;owned␇"), "{format}: {stdout}");
        if format == "line" {
            assert_eq!(stdout.lines().count(), 1, "{stdout}");
        }
    }
}

#[test]
fn the_step_summary_is_plain_text() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    let out = newslint()
        .args(["check", "--no-config", "--format", "github", "-"])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(b"See {{ x` <img src=x onerror=alert(1)> }} now.\n")?;
            child.wait()
        })
        .unwrap();
    assert_eq!(out.code(), Some(1));
    let table = std::fs::read_to_string(&summary).unwrap();
    assert!(!table.replace("\\<", "").contains('<'), "{table}");
    assert!(table.contains("\\<img"), "{table}");
    assert!(table.contains("x\\`"), "{table}");
}

#[cfg(unix)]
#[test]
fn file_names_and_links_are_never_lost() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let names = dir.path().join("names");
    std::fs::create_dir(&names).unwrap();
    for byte in [0xff_u8, 0xfe] {
        let name = [byte, b'.', b't', b'x', b't'];
        std::fs::write(
            names.join(OsStr::from_bytes(&name)),
            "Meeting at {{ t }}.\n",
        )
        .unwrap();
    }
    let out = check(&["--format", "json", names.to_str().unwrap()]);
    let report = json(&out);
    assert_eq!(report["summary"]["files"], 2);
    let paths: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert!(
        paths[0].ends_with("\\xFE.txt") && paths[1].ends_with("\\xFF.txt"),
        "{paths:?}"
    );

    let links = dir.path().join("links");
    std::fs::create_dir(&links).unwrap();
    std::fs::write(dir.path().join("real.txt"), "Meeting at {{ t }}.\n").unwrap();
    std::os::unix::fs::symlink("../real.txt", links.join("link.txt")).unwrap();
    std::os::unix::fs::symlink("../gone.txt", links.join("gone.txt")).unwrap();
    let out = check(&["--format", "json", links.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json(&out)["summary"]["files"], 1);
    assert!(stderr(&out).contains("gone.txt"), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn init_never_writes_through_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("elsewhere.yaml");
    std::os::unix::fs::symlink(&target, dir.path().join("newslint.yaml")).unwrap();
    for args in [&["init"][..], &["init", "--force"][..]] {
        let out = Command::new(env!("CARGO_BIN_EXE_newslint"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains("symbolic link"), "{}", stderr(&out));
        assert!(!target.exists());
    }
}

#[test]
fn thread_counts_are_bounded() {
    let out = check(&["--threads", "100000", "Cargo.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("expected a number from 1 to 1024"));
}
