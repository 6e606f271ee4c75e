//! Project configuration (`newslint.yaml`): discovery, precedence (rule
//! defaults < file < per-path override < flags), include/exclude, rule
//! parameters, errors that name file:line:col, and the `config` and `init`
//! commands. Every test works in a folder of its own with the house fixture
//! rules, so none depends on the built-in pack.

mod common;

use std::path::Path;
use std::process::Output;

use common::{fixture, newslint};

/// A project folder: the house rules in `house/`, articles in `news/`,
/// `opinion/` and `wire/`, each saying "synergy" (house-synergy, error) and
/// "arguably" (house-hedge, warning).
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("house")).unwrap();
    for rule in ["house-synergy.yaml", "house-hedge.yaml"] {
        std::fs::copy(fixture("rules").join(rule), root.join("house").join(rule)).unwrap();
    }
    for folder in ["news", "opinion", "wire"] {
        std::fs::create_dir(root.join(folder)).unwrap();
        std::fs::write(
            root.join(folder).join("story.txt"),
            "The merger is arguably pure synergy.\n",
        )
        .unwrap();
    }
    dir
}

/// Runs newslint in `dir` with `--only` the house rules (unless `args`
/// names rules itself) and returns the output.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    newslint()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("newslint runs")
}

/// (folder, rule, severity) of every finding of a JSON run.
fn findings(output: &Output) -> Vec<(String, String, String)> {
    let report = common::json(output);
    let mut found: Vec<_> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let path = d["path"].as_str().unwrap();
            let folder = path.split(['/', '\\']).next().unwrap().to_string();
            (
                folder,
                d["rule"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    found.sort();
    found
}

fn strs(items: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    items
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn check(dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["news", "opinion", "wire"]);
    run_in(dir, &args)
}

const BASE: &str = "rule-dirs: [house]\n";

#[test]
fn severity_precedence_defaults_file_override_flags() {
    let dir = project();
    let root = dir.path();
    let only = ["--only", "house-hedge"];

    // Defaults: the rule file's severity.
    std::fs::write(root.join("newslint.yaml"), BASE).unwrap();
    let hedge = |folder, severity| (folder, "house-hedge", severity);
    assert_eq!(
        findings(&check(root, &only)),
        strs(&[
            hedge("news", "warning"),
            hedge("opinion", "warning"),
            hedge("wire", "warning")
        ])
    );

    // The file beats the defaults.
    let file = format!("{BASE}severity:\n  house-hedge: error\n");
    std::fs::write(root.join("newslint.yaml"), &file).unwrap();
    assert_eq!(
        findings(&check(root, &only)),
        strs(&[
            hedge("news", "error"),
            hedge("opinion", "error"),
            hedge("wire", "error")
        ])
    );

    // A per-path override beats the file, for its paths only.
    let with_override = format!(
        "{file}overrides:\n  - paths: [\"opinion/**\"]\n    severity: {{house-hedge: info}}\n"
    );
    std::fs::write(root.join("newslint.yaml"), &with_override).unwrap();
    assert_eq!(
        findings(&check(root, &only)),
        strs(&[
            hedge("news", "error"),
            hedge("opinion", "info"),
            hedge("wire", "error")
        ])
    );

    // Flags beat everything, overrides included.
    let out = check(
        root,
        &["--only", "house-hedge", "--severity", "house-hedge=warning"],
    );
    assert_eq!(
        findings(&out),
        strs(&[
            hedge("news", "warning"),
            hedge("opinion", "warning"),
            hedge("wire", "warning")
        ])
    );
}

#[test]
fn enable_disable_precedence_defaults_file_override_flags() {
    let dir = project();
    let root = dir.path();
    let synergy = |folder| (folder, "house-synergy", "error");
    let hedge = |folder| (folder, "house-hedge", "warning");

    // The file turns house-synergy off; wire/ turns it back on; opinion/
    // turns house-hedge off.
    let config = format!(
        "{BASE}disable: [house-synergy]\noverrides:\n  - paths: [\"wire/**\"]\n    enable: [house-synergy]\n  - paths: [\"opinion/**\"]\n    disable: [house-hedge]\n"
    );
    std::fs::write(root.join("newslint.yaml"), config).unwrap();
    let only = ["--only", "house-synergy,house-hedge"];
    assert_eq!(
        findings(&check(root, &[])),
        strs(&[hedge("news"), hedge("wire"), synergy("wire")])
    );
    // --only names both rules: flags decide for them, everywhere.
    assert_eq!(
        findings(&check(root, &only)),
        strs(&[
            hedge("news"),
            synergy("news"),
            hedge("opinion"),
            synergy("opinion"),
            hedge("wire"),
            synergy("wire")
        ])
    );
    // --enable turns one rule on everywhere; the file still rules the other.
    assert_eq!(
        findings(&check(root, &["--enable", "house-synergy"])),
        strs(&[
            hedge("news"),
            synergy("news"),
            synergy("opinion"),
            hedge("wire"),
            synergy("wire")
        ])
    );
    // --disable beats an override that enables.
    assert_eq!(
        findings(&check(root, &["--disable", "house-synergy"])),
        strs(&[hedge("news"), hedge("wire")])
    );
}

#[test]
fn off_is_a_level_in_the_file_overrides_and_flags() {
    let dir = project();
    let root = dir.path();
    let synergy = |folder| (folder, "house-synergy", "error");
    let hedge = |folder| (folder, "house-hedge", "warning");

    // `severity: {rule: off}` turns a rule off, as `newslint config`
    // prints it; an override's `off` turns it off for its paths.
    let config = format!(
        "{BASE}severity:\n  house-synergy: off\noverrides:\n  - paths: [\"opinion/**\"]\n    severity: {{house-hedge: off}}\n"
    );
    std::fs::write(root.join("newslint.yaml"), config).unwrap();
    let out = check(root, &[]);
    assert_eq!(
        findings(&out),
        strs(&[hedge("news"), hedge("wire")]),
        "{}",
        stderr(&out)
    );
    let shown = run_in(root, &["config"]);
    let shown = String::from_utf8_lossy(&shown.stdout);
    assert!(shown.contains("  house-synergy: off\n"), "{shown}");

    // A flag's level beats the file's `off`, and `--severity RULE=off`
    // turns a rule off everywhere; the last level named wins.
    assert_eq!(
        findings(&check(root, &["--severity", "house-synergy=error"])),
        strs(&[
            hedge("news"),
            synergy("news"),
            synergy("opinion"),
            hedge("wire"),
            synergy("wire")
        ])
    );
    assert_eq!(
        findings(&check(
            root,
            &["--severity", "house-synergy=error,house-hedge=off"]
        )),
        strs(&[synergy("news"), synergy("opinion"), synergy("wire")])
    );
    assert_eq!(
        findings(&check(
            root,
            &[
                "--severity",
                "house-hedge=off",
                "--severity",
                "house-hedge=warning"
            ]
        )),
        strs(&[hedge("news"), hedge("wire")])
    );

    // Any other word is an error that lists the levels.
    let out = check(root, &["--severity", "house-hedge=of"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("expected error, warning, info or off"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn fail_on_precedence_default_file_flag() {
    let dir = project();
    let root = dir.path();
    let run = |extra: &[&str]| {
        let mut args = vec!["check", "--only", "house-hedge"];
        args.extend_from_slice(extra);
        args.push("news");
        run_in(root, &args).status.code()
    };
    std::fs::write(root.join("newslint.yaml"), BASE).unwrap();
    assert_eq!(run(&[]), Some(0), "a warning does not fail by default");
    std::fs::write(
        root.join("newslint.yaml"),
        format!("{BASE}fail-on: warning\n"),
    )
    .unwrap();
    assert_eq!(run(&[]), Some(1), "the file moves the threshold");
    assert_eq!(
        run(&["--fail-on", "never"]),
        Some(0),
        "the flag beats the file"
    );
}

#[test]
fn discovery_walks_up_and_can_be_overridden() {
    let dir = project();
    let root = dir.path();
    std::fs::write(
        root.join(".newslint.yaml"),
        format!("{BASE}disable: [house-synergy]\n"),
    )
    .unwrap();
    // Found from a sub-folder; paths in it stay relative to the file.
    let out = run_in(
        &root.join("news"),
        &["check", "--format", "json", "story.txt"],
    );
    assert_eq!(
        findings(&out),
        strs(&[("story.txt", "house-hedge", "warning")]),
        "{}",
        stderr(&out)
    );
    // newslint.yaml is preferred over .newslint.yaml in the same folder.
    std::fs::write(
        root.join("newslint.yaml"),
        format!("{BASE}disable: [house-hedge]\n"),
    )
    .unwrap();
    let out = run_in(
        &root.join("news"),
        &["check", "--format", "json", "story.txt"],
    );
    assert_eq!(
        findings(&out),
        strs(&[("story.txt", "house-synergy", "error")])
    );
    // --config names another file; --no-config uses none (so no house rules).
    let out = run_in(
        root,
        &[
            "check",
            "--format",
            "json",
            "--config",
            ".newslint.yaml",
            "news",
        ],
    );
    assert_eq!(findings(&out), strs(&[("news", "house-hedge", "warning")]));
    let out = run_in(root, &["check", "--format", "json", "--no-config", "news"]);
    assert_eq!(findings(&out), strs(&[]));
}

#[test]
fn include_and_exclude_filter_walks_not_named_files() {
    let dir = project();
    let root = dir.path();
    std::fs::write(root.join("news/draft.txt"), "More synergy.\n").unwrap();
    std::fs::write(
        root.join("newslint.yaml"),
        format!("{BASE}include: [\"news/**\", \"opinion/**\"]\nexclude: [\"**/draft.txt\"]\n"),
    )
    .unwrap();
    let out = run_in(
        root,
        &["check", "--format", "json", "--only", "house-synergy", "."],
    );
    let paths: Vec<String> = common::json(&out)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths, ["news/story.txt", "opinion/story.txt"]);
    // A file named on the command line is linted even when excluded.
    let out = run_in(
        root,
        &[
            "check",
            "--format",
            "json",
            "--only",
            "house-synergy",
            "news/draft.txt",
        ],
    );
    assert_eq!(common::json(&out)["summary"]["errors"], 1);
}

#[test]
fn rule_parameters_file_then_override() {
    let dir = project();
    let root = dir.path();
    std::fs::write(
        root.join("news/story.txt"),
        "Teamwork and synergy, a paradigm.\n",
    )
    .unwrap();
    std::fs::write(
        root.join("wire/story.txt"),
        "Teamwork and synergy, a paradigm.\n",
    )
    .unwrap();
    // The file swaps the phrase house-synergy looks for; wire/ swaps it again.
    let config = format!(
        "{BASE}rules:\n  house-synergy:\n    patterns:\n      - phrases: [teamwork]\noverrides:\n  - paths: [\"wire/**\"]\n    rules:\n      house-synergy:\n        patterns: [{{phrases: [paradigm]}}]\n"
    );
    std::fs::write(root.join("newslint.yaml"), config).unwrap();
    let out = run_in(
        root,
        &[
            "check",
            "--format",
            "json",
            "--only",
            "house-synergy",
            "news",
            "wire",
        ],
    );
    let matched: Vec<String> = common::json(&out)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{} {}",
                d["path"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        matched,
        [
            "news/story.txt banned word `Teamwork`",
            "wire/story.txt banned word `paradigm`"
        ],
        "{}",
        stderr(&out)
    );
}

/// Runs `newslint check` in a project whose configuration is `config` and
/// returns stderr, asserting exit status 2.
fn config_error(config: &str) -> String {
    let dir = project();
    std::fs::write(dir.path().join("newslint.yaml"), config).unwrap();
    let out = run_in(dir.path(), &["check", "news"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn errors_name_file_line_and_column() {
    let cases = [
        // An unknown key.
        ("fail-on: error\nexclud: [x]\n", "newslint.yaml:2:1: unknown field `exclud`"),
        // A bad value.
        ("fail-on: sometimes\n", "newslint.yaml:1:10: fail-on: unknown variant `sometimes`"),
        ("severity:\n  house-hedge: loud\n", "newslint.yaml:2:16"),
        // An unknown rule id, in a list and as a key.
        (
            "rule-dirs: [house]\ndisable: [house-hedge, house-sinergy]\n",
            "newslint.yaml:2:24: unknown rule `house-sinergy`",
        ),
        (
            "rule-dirs: [house]\noverrides:\n  - paths: [x]\n    severity:\n      nope: info\n",
            "newslint.yaml:5:7: unknown rule `nope`",
        ),
        // A glob that does not compile.
        (
            "overrides:\n  - paths: [\"news/[\"]\n",
            "newslint.yaml:2:13: invalid glob `news/[`",
        ),
        // Parameters: an unknown key, a bad type, a key that is no parameter.
        (
            "rule-dirs: [house]\nrules:\n  house-synergy:\n    phrasez: [x]\n",
            "newslint.yaml:4:5: parameter `phrasez` of rule `house-synergy`",
        ),
        (
            "rule-dirs: [house]\nrules:\n  house-synergy:\n    exceptions: 3\n",
            "newslint.yaml:4:5: parameter `exceptions` of rule `house-synergy`",
        ),
        (
            "rule-dirs: [house]\noverrides:\n  - paths: [x]\n    rules:\n      house-hedge:\n        message: hi\n",
            "newslint.yaml:6:9: parameter `message` of rule `house-hedge`",
        ),
        // A parameter value that fails the rule's own validation.
        (
            "rule-dirs: [house]\nrules:\n  house-synergy:\n    patterns: [{regexes: ['a(']}]\n",
            "newslint.yaml:4:5: parameter `patterns` of rule `house-synergy`",
        ),
    ];
    for (config, expected) in cases {
        let err = config_error(config);
        assert!(
            err.contains(expected),
            "config:\n{config}\nexpected `{expected}` in:\n{err}"
        );
    }
}

#[test]
fn config_prints_the_resolved_configuration() {
    let dir = project();
    let root = dir.path();
    std::fs::write(
        root.join("newslint.yaml"),
        format!(
            "{BASE}disable: [house-synergy]\nseverity: {{house-hedge: error}}\nfail-on: warning\nrules:\n  house-hedge:\n    patterns: [{{phrases: [arguably, perhaps]}}]\noverrides:\n  - paths: [\"wire/**\"]\n    enable: [house-synergy]\n"
        ),
    )
    .unwrap();
    let out = run_in(root, &["config", "--disable", "template-leak"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    let root_shown = root.display().to_string();
    let text = text.replace(&root_shown, "[ROOT]");
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("config_resolved", text);
    });
    assert!(text.contains("house-hedge: error"), "{text}");
    assert!(text.contains("template-leak: off"), "{text}");
    // For one file: the rules as its overrides leave them.
    let for_file = |path: &str| {
        let out = run_in(root, &["config", path]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    let wire = for_file("wire/story.txt");
    assert!(wire.contains("file: wire/story.txt\n"), "{wire}");
    assert!(wire.contains("  house-synergy: error\n"), "{wire}");
    assert!(wire.contains("- wire/**"), "{wire}");
    let news = for_file("news/story.txt");
    assert!(news.contains("  house-synergy: off\n"), "{news}");
    assert!(!news.contains("overrides:"), "{news}");
}

#[test]
fn init_writes_a_starter_that_loads() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_in(dir.path(), &["init"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let written = std::fs::read_to_string(dir.path().join("newslint.yaml")).unwrap();
    assert!(written.contains("fail-on: error"));
    // The starter resolves, and checking with it works.
    assert_eq!(run_in(dir.path(), &["config"]).status.code(), Some(0));
    std::fs::write(dir.path().join("a.txt"), "A clean sentence.\n").unwrap();
    assert_eq!(
        run_in(dir.path(), &["check", "a.txt"]).status.code(),
        Some(0)
    );
    // It is never overwritten by accident.
    let again = run_in(dir.path(), &["init"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("already exists"));
    assert_eq!(
        run_in(dir.path(), &["init", "--force"]).status.code(),
        Some(0)
    );
}

#[test]
fn init_refuses_beside_a_hidden_configuration_and_both_are_warned() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join(".newslint.yaml"), "fail-on: never\n").unwrap();
    for args in [&["init"][..], &["init", "--force"]] {
        let out = run_in(root, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains(".newslint.yaml already configures this folder"),
            "{}",
            stderr(&out)
        );
        assert!(!root.join("newslint.yaml").exists());
    }

    // Both in one folder: newslint.yaml is read, and every run says so,
    // from the folder or below it.
    std::fs::write(root.join("newslint.yaml"), "fail-on: error\n").unwrap();
    std::fs::create_dir(root.join("news")).unwrap();
    for cwd in [root.to_path_buf(), root.join("news")] {
        let out = run_in(&cwd, &["config"]);
        assert_eq!(out.status.code(), Some(0));
        let err = stderr(&out);
        assert!(
            err.contains("holds both newslint.yaml and .newslint.yaml; only newslint.yaml is read"),
            "{err}"
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("fail-on: error"));
    }
    let out = run_in(root, &["check", "news"]);
    assert!(
        stderr(&out).contains("newslint: warning: . holds both"),
        "{}",
        stderr(&out)
    );
    // One file alone: no warning.
    std::fs::remove_file(root.join(".newslint.yaml")).unwrap();
    let out = run_in(root, &["config"]);
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
}

#[test]
fn explain_shows_parameters_their_defaults_and_the_rule_file() {
    let dir = project();
    let root = dir.path();
    std::fs::write(
        root.join("newslint.yaml"),
        "rule-dirs: [house]\nrules:\n  duplicate-block:\n    min_words: 12\n",
    )
    .unwrap();
    let explain = |args: &[&str]| {
        let out = run_in(root, args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    let text = explain(&["explain", "duplicate-block"]);
    // No path of newslint's source tree: an installed binary has none.
    assert!(!text.contains("rules/duplicate-block.yaml"), "{text}");
    assert!(text.contains("Defined in: the built-in pack"), "{text}");
    let line = |key: &str| {
        text.lines()
            .find(|l| l.split_whitespace().next() == Some(key))
            .unwrap_or_else(|| panic!("no `{key}` line in:\n{text}"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(line("min_words"), "min_words 12 [configured; default: 8]");
    assert_eq!(line("max_number_share"), "max_number_share 0.25");
    assert_eq!(line("unstopped_kinds"), "unstopped_kinds [caption]");

    // A house rule: its own file, and a parameter its file leaves out.
    let text = explain(&["explain", "house-hedge"]);
    assert!(
        text.contains("house/house-hedge.yaml (`newslint explain house-hedge --yaml`"),
        "{text}"
    );
    assert!(
        text.contains("  patterns    [{phrases: [arguably]}]\n"),
        "{text}"
    );
    assert!(
        text.contains("  exceptions  (the kind's default)\n"),
        "{text}"
    );

    // --yaml prints the rule file as written, to copy into a house rule.
    let yaml = explain(&["explain", "duplicate-block", "--yaml"]);
    let file = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/duplicate-block.yaml"),
    )
    .unwrap();
    assert_eq!(yaml, file);
    std::fs::write(
        root.join("house/copy.yaml"),
        yaml.replace("id: duplicate-block", "id: house-dup"),
    )
    .unwrap();
    assert!(explain(&["rules"]).contains("house-dup"));

    // A misspelled parameter lists the kind's keys, not the shared ones,
    // and names no path of newslint's source tree.
    std::fs::remove_file(root.join("house/copy.yaml")).unwrap();
    std::fs::write(
        root.join("newslint.yaml"),
        "rules:\n  duplicate-block:\n    min_wrds: 12\n",
    )
    .unwrap();
    let out = run_in(root, &["config"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("newslint.yaml:3:5: parameter `min_wrds` of rule `duplicate-block` (defined in the built-in pack)"), "{err}");
    assert!(
        err.contains("`min_words`") && err.contains("`max_number_share`"),
        "{err}"
    );
    for shared in ["`id`", "`severity`", "`kind`", "`examples`"] {
        assert!(!err.contains(shared), "{shared} listed: {err}");
    }
}
