//! Which inputs `check` reads: standard input without a path, each file
//! once however it is named, and a warning when a folder holds nothing to
//! lint.

mod common;

use common::{json, newslint, run};

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn stdin_filename_without_paths_reads_standard_input() {
    let out = run(
        &[
            "check",
            "--no-config",
            "--only",
            "template-leak",
            "--format",
            "json",
            "--stdin-filename",
            "a.html",
        ],
        Some(b"<p>The {{ x }} thing.</p>"),
    );
    let report = json(&out);
    assert_eq!(report["summary"]["files"], 1, "{report}");
    let d = &report["diagnostics"][0];
    assert_eq!(d["path"], "a.html");
    assert_eq!(d["rule"], "template-leak");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(1), Some(8))
    );
    assert_eq!(report["diagnostics"].as_array().map(Vec::len), Some(1));
}

#[test]
fn a_file_named_twice_is_linted_once() {
    let out = run(
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "samples/",
            "./samples/wire-rewrite.txt",
            "samples/wire-rewrite.txt",
        ],
        None,
    );
    let report = json(&out);
    // The five samples, each once.
    assert_eq!(report["summary"]["files"], 5, "{}", stderr(&out));
    let wire: std::collections::BTreeSet<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["path"].as_str())
        .filter(|p| p.ends_with("wire-rewrite.txt"))
        .collect();
    assert_eq!(wire.len(), 1, "{wire:?}");
}

#[cfg(unix)]
#[test]
fn a_link_named_beside_its_target_is_the_same_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Pure synergy.").unwrap();
    std::os::unix::fs::symlink("a.txt", dir.path().join("b.txt")).unwrap();
    let out = newslint()
        .current_dir(dir.path())
        .args(["check", "--no-config", "--format", "json", "a.txt", "b.txt"])
        .output()
        .unwrap();
    assert_eq!(json(&out)["summary"]["files"], 1, "{}", stderr(&out));
}

#[test]
fn standard_input_named_twice_is_an_error() {
    let out = run(&["check", "--no-config", "-", "-"], Some(b"Plain text."));
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("`-` (standard input) is named more than once"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn a_walk_that_finds_nothing_warns() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    std::fs::create_dir(dir.path().join("articles")).unwrap();
    std::fs::write(dir.path().join("articles/a.txt"), "A plain sentence.").unwrap();
    let check = |args: &[&str]| {
        newslint()
            .current_dir(dir.path())
            .args(["check", "--format", "json"])
            .args(args)
            .output()
            .unwrap()
    };
    let out = check(&["--no-config", "empty", "articles"]);
    assert_eq!(out.status.code(), Some(0));
    let err = stderr(&out);
    assert!(
        err.contains("newslint: warning: no article files (.txt, .md, .html) to lint in empty"),
        "{err}"
    );
    assert!(!err.contains("in articles"), "{err}");
    assert_eq!(json(&out)["summary"]["files"], 1);

    // A typo in `include` leaves nothing to lint.
    std::fs::write(
        dir.path().join("newslint.yaml"),
        "include: [\"artciles/**\"]\n",
    )
    .unwrap();
    let out = check(&["."]);
    assert_eq!(out.status.code(), Some(0));
    let err = stderr(&out);
    assert!(err.contains("to lint in .;"), "{err}");
    assert_eq!(json(&out)["summary"]["files"], 0);
}

#[test]
fn force_exclude_holds_named_files_to_include_and_exclude() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for folder in ["articles/archive", "drafts"] {
        std::fs::create_dir_all(root.join(folder)).unwrap();
    }
    let leak = "The {{ price }} was set.\n";
    for file in [
        "README.md",
        "articles/a.md",
        "articles/archive/old.md",
        "drafts/b.txt",
    ] {
        std::fs::write(root.join(file), leak).unwrap();
    }
    std::fs::write(
        root.join("newslint.yaml"),
        "include: [\"articles/**\"]\nexclude: [\"articles/archive/**\"]\n",
    )
    .unwrap();
    let named = [
        "README.md",
        "articles/a.md",
        "articles/archive/old.md",
        "drafts/b.txt",
    ];
    let paths = |out: &std::process::Output| -> Vec<String> {
        json(out)["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["path"].as_str().unwrap().to_string())
            .collect()
    };
    let check = |cwd: &std::path::Path, extra: &[&str], files: &[&str]| {
        newslint()
            .current_dir(cwd)
            .args(["check", "--only", "template-leak", "--format", "json"])
            .args(extra)
            .args(files)
            .output()
            .unwrap()
    };
    // Named files are linted whatever the configuration says...
    assert_eq!(paths(&check(root, &[], &named)).len(), 4);
    // ...unless --force-exclude holds them to it, as a walk is.
    let out = check(root, &["--force-exclude"], &named);
    assert_eq!(paths(&out), ["articles/a.md"], "{}", stderr(&out));
    assert_eq!(json(&out)["summary"]["files"], 1);
    // From a subfolder, paths are matched relative to the configuration.
    let out = check(
        &root.join("articles"),
        &["--force-exclude"],
        &["a.md", "archive/old.md", "../README.md"],
    );
    assert_eq!(paths(&out), ["a.md"], "{}", stderr(&out));
    // Standard input is always read.
    let out = newslint()
        .current_dir(root)
        .args([
            "check",
            "--force-exclude",
            "--format",
            "json",
            "--stdin-filename",
            "README.md",
        ])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(json(&out)["summary"]["files"], 1, "{}", stderr(&out));
}
