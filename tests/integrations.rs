//! The README's integration snippets, run as written: each block marked
//! `<!-- snippet: NAME -->` is taken from README.md and exercised here, so
//! the documentation cannot drift from the tool. Editors that are not
//! installed (Vim, Emacs) are skipped with a visible note. Also the GitHub
//! Action's run script and the pre-commit hook definition.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::fixture;

/// The fenced block after `<!-- snippet: NAME -->` in the README.
fn snippet(name: &str) -> String {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let marker = format!("<!-- snippet: {name} -->\n");
    let at = readme
        .find(&marker)
        .unwrap_or_else(|| panic!("README has no snippet `{name}`"));
    let rest = &readme[at + marker.len()..];
    let body = &rest[rest.find('\n').expect("a fence line") + 1..];
    body[..body.find("\n```").expect("a closing fence") + 1].to_string()
}

/// The folder of the built binary, to put first on PATH.
fn bin_dir() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_newslint"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn path_with_newslint() -> std::ffi::OsString {
    let mut paths = vec![bin_dir()];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(paths).unwrap()
}

/// Whether a program is installed.
fn installed(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// An article with defects the built-in pack reports, after non-ASCII text.
const ARTICLE: &str =
    "Café owners met on Monday.\n\nThe menu said {{ price }} for the crème brûlée.\n";

fn yaml(text: &str) -> serde_yaml::Value {
    serde_yaml::from_str(text).expect("the snippet is valid YAML")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn config_snippet_resolves_and_lints_as_described() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("house-rules")).unwrap();
    let rule = std::fs::read_to_string(fixture("rules/house-synergy.yaml"))
        .unwrap()
        .replace("id: house-synergy", "id: house-style");
    std::fs::write(root.join("house-rules/house-style.yaml"), rule).unwrap();
    for folder in ["news", "opinion", "archive", "wire"] {
        std::fs::create_dir_all(root.join("articles").join(folder)).unwrap();
        std::fs::write(
            root.join("articles").join(folder).join("a.md"),
            "A paradigm shift: synergy, the {{ title }} of the year.\n",
        )
        .unwrap();
    }
    std::fs::write(root.join("newslint.yaml"), snippet("config")).unwrap();
    let config = common::newslint()
        .current_dir(root)
        .arg("config")
        .output()
        .unwrap();
    assert_eq!(config.status.code(), Some(0), "{}", stderr(&config));
    let out = common::newslint()
        .current_dir(root)
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    // A warning fails the run (`fail-on: warning`).
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let found: Vec<String> = common::json(&out)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{} {} {}",
                d["path"].as_str().unwrap(),
                d["rule"].as_str().unwrap(),
                d["severity"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            // The rule's phrases come from the configuration's parameters.
            "articles/news/a.md house-style error",
            "articles/news/a.md house-style error",
            "articles/news/a.md template-leak error",
            // Opinion turns house-style off; archive is excluded; wire
            // re-grades template-leak.
            "articles/opinion/a.md template-leak error",
            "articles/wire/a.md house-style error",
            "articles/wire/a.md house-style error",
            "articles/wire/a.md template-leak warning",
        ]
    );
}

#[test]
fn suppressions_snippet_silences_exactly_its_findings() {
    let text = snippet("suppressions");
    let lint = |text: &str| {
        let out = common::run(
            &[
                "check",
                "--no-config",
                "--format",
                "json",
                "--stdin-filename",
                "explainer.md",
                "-",
            ],
            Some(text.as_bytes()),
        );
        let report = common::json(&out);
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["rule"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    // Every suppression is used: nothing is reported, not even unused ones.
    assert_eq!(lint(&text), Vec::<String>::new());
    let bare: String = text
        .lines()
        .filter(|l| !l.contains("newslint-"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(
        lint(&bare),
        ["template-leak", "ai-disclaimer", "prompt-leak"]
    );
}

fn action_inputs() -> Vec<String> {
    let action =
        yaml(&std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/action.yml")).unwrap());
    action["inputs"]
        .as_mapping()
        .unwrap()
        .keys()
        .map(|k| k.as_str().unwrap().to_string())
        .collect()
}

/// The `with:` keys of the steps that use newslint's action.
fn action_steps(workflow: &serde_yaml::Value, uses: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    for job in workflow["jobs"].as_mapping().unwrap().values() {
        for step in job["steps"].as_sequence().unwrap() {
            if step["uses"].as_str().is_some_and(|u| u.starts_with(uses)) {
                found.push(
                    step["with"]
                        .as_mapping()
                        .map(|m| m.keys().map(|k| k.as_str().unwrap().to_string()).collect())
                        .unwrap_or_default(),
                );
            }
        }
    }
    found
}

#[test]
fn workflows_use_only_inputs_the_action_has() {
    let inputs = action_inputs();
    assert_eq!(inputs, ["paths", "config", "fail-on", "sarif", "args"]);
    let readme = yaml(&snippet("github-workflow"));
    let own = yaml(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/.github/workflows/newslint.yml"
        ))
        .unwrap(),
    );
    for (workflow, uses) in [(&readme, "newslint/newslint@"), (&own, "./")] {
        let steps = action_steps(workflow, uses);
        assert_eq!(steps.len(), 1, "{uses}");
        for key in &steps[0] {
            assert!(inputs.contains(key), "unknown action input `{key}`");
        }
    }
}

/// Runs the action's run step as the runner would, with the inputs in the
/// environment, in `dir`.
fn run_action(dir: &Path, inputs: &[(&str, &str)]) -> Output {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/.github/newslint-action.sh");
    let mut command = Command::new("bash");
    command
        .arg(script)
        .current_dir(dir)
        .env("NEWSLINT", env!("CARGO_BIN_EXE_newslint"))
        .env("GITHUB_STEP_SUMMARY", dir.join("summary.md"));
    for (key, value) in inputs {
        command.env(key, value);
    }
    command.output().unwrap()
}

#[test]
fn the_action_annotates_writes_sarif_and_follows_fail_on() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("articles")).unwrap();
    std::fs::write(root.join("articles/a.md"), ARTICLE).unwrap();
    std::fs::write(root.join("articles/b.txt"), "A clean sentence.\n").unwrap();
    let out = run_action(
        root,
        &[("INPUT_PATHS", "articles"), ("INPUT_SARIF", "out.sarif")],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("::error file=articles/a.md,line=3,endLine=3,col=15,endColumn=26,title=newslint (template-leak)::"),
        "{text}"
    );
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("out.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["runs"][0]["results"][0]["ruleId"], "template-leak");
    assert!(std::fs::read_to_string(root.join("summary.md"))
        .unwrap()
        .contains("| articles/a.md | 3 | error | `template-leak` |"));
    // fail-on and args pass through.
    let out = run_action(
        root,
        &[("INPUT_PATHS", "articles"), ("INPUT_FAIL_ON", "never")],
    );
    assert_eq!(out.status.code(), Some(0));
    let out = run_action(
        root,
        &[
            ("INPUT_PATHS", "articles/b.txt articles/a.md"),
            ("INPUT_ARGS", "--disable template-leak"),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // A failed run is status 2, whatever fail-on says.
    let out = run_action(
        root,
        &[("INPUT_PATHS", "missing"), ("INPUT_FAIL_ON", "never")],
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_action_lints_once_quotes_args_expands_globs_and_makes_the_sarif_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("articles/desk")).unwrap();
    std::fs::write(root.join("articles/desk/a.md"), ARTICLE).unwrap();
    std::fs::write(root.join("articles/b.txt"), "A clean sentence.\n").unwrap();
    // A wrapper that counts newslint's runs.
    let wrapper = root.join("newslint-counted");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\necho run >> \"{}\"\nexec \"{}\" \"$@\"\n",
            root.join("runs").display(),
            env!("CARGO_BIN_EXE_newslint")
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let action = |inputs: &[(&str, &str)]| {
        let mut command = Command::new("bash");
        command
            .arg(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/.github/newslint-action.sh"
            ))
            .current_dir(root)
            .env("NEWSLINT", &wrapper);
        for (key, value) in inputs {
            command.env(key, value);
        }
        command.output().unwrap()
    };

    // One run writes the annotations and the SARIF log, in a folder that
    // did not exist; a glob is expanded.
    let out = action(&[
        ("INPUT_PATHS", "articles/**/*.md"),
        ("INPUT_SARIF", "reports/newslint.sarif"),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("::error file=articles/desk/a.md,line=3,"),
        "{text}"
    );
    assert!(text.contains("1 file: "), "only the glob's file: {text}");
    let sarif: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("reports/newslint.sarif")).unwrap(),
    )
    .unwrap();
    assert_eq!(sarif["runs"][0]["results"][0]["ruleId"], "template-leak");
    assert_eq!(std::fs::read_to_string(root.join("runs")).unwrap(), "run\n");

    // Arguments are split as a shell would, quotes removed.
    let out = action(&[
        ("INPUT_PATHS", "articles"),
        (
            "INPUT_ARGS",
            "--disable \"template-leak\" --disable 'ai-phrasing'",
        ),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // An unmatched quote and a glob that matches nothing fail the step,
    // saying why.
    let out = action(&[("INPUT_ARGS", "--disable \"template-leak")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot split"), "{}", stderr(&out));
    let out = action(&[("INPUT_PATHS", "artciles/**/*.md")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no file matches `artciles/**/*.md`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_action_builds_a_lighter_profile_cached_across_commits() {
    let action =
        yaml(&std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/action.yml")).unwrap());
    let steps = action["runs"]["steps"].as_sequence().unwrap();
    let step = |name: &str| {
        steps
            .iter()
            .find(|s| s["name"] == name)
            .unwrap_or_else(|| panic!("no step `{name}`"))
    };
    let build = step("Build newslint")["run"].as_str().unwrap();
    assert!(build.contains("--profile action"), "{build}");
    let cache = &step("Restore the newslint build")["with"];
    assert!(cache["restore-keys"].as_str().is_some(), "{cache:?}");
    let manifest =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml")).unwrap();
    let profile = manifest
        .split("[profile.action]\n")
        .nth(1)
        .expect("Cargo.toml has an `action` profile");
    let profile = profile.split("\n[").next().unwrap();
    assert!(profile.contains("lto = false"), "{profile}");
}

#[test]
fn the_readme_workflow_guards_the_upload_against_forks() {
    let guard = "github.event.pull_request.head.repo.full_name == github.repository";
    let own = yaml(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/.github/workflows/newslint.yml"
        ))
        .unwrap(),
    );
    for workflow in [yaml(&snippet("github-workflow")), own] {
        let upload = workflow["jobs"]
            .as_mapping()
            .unwrap()
            .values()
            .flat_map(|job| job["steps"].as_sequence().unwrap().clone())
            .find(|step| {
                step["uses"]
                    .as_str()
                    .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif"))
            })
            .expect("an upload step");
        assert!(
            upload["if"].as_str().is_some_and(|c| c.contains(guard)),
            "{upload:?}"
        );
    }
}

#[test]
fn pre_commit_snippet_names_the_published_hook() {
    let hooks = yaml(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/.pre-commit-hooks.yaml"
        ))
        .unwrap(),
    );
    let hook = &hooks[0];
    assert_eq!(hook["language"], "rust");
    assert_eq!(hook["entry"], "newslint check --force-exclude");
    let config = yaml(&snippet("pre-commit"));
    assert_eq!(config["repos"][0]["hooks"][0]["id"], hook["id"]);
}

/// Runs `git` in `dir`, which must succeed.
fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
}

#[test]
fn pre_commit_runs_the_hook_with_include_exclude_and_extensions() {
    let test = "pre_commit_runs_the_hook_with_include_exclude_and_extensions";
    for program in ["pre-commit", "git"] {
        if !installed(program) {
            eprintln!("note: {test} skipped: {program} is not installed (pre-commit is on PyPI: `pip install pre-commit`)");
            return;
        }
    }
    let hooks = yaml(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/.pre-commit-hooks.yaml"
        ))
        .unwrap(),
    );
    let hook = &hooks[0];
    // The published hook builds newslint with cargo (`language: rust`), a
    // release build of minutes; the test runs the same entry and file
    // pattern as a local hook on the binary under test.
    let local = |entry: &str| {
        format!(
            "repos:\n  - repo: local\n    hooks:\n      - id: {}\n        name: newslint\n        entry: {entry}\n        language: system\n        files: '{}'\n",
            hook["id"].as_str().unwrap(),
            hook["files"].as_str().unwrap()
        )
    };
    let entry = hook["entry"].as_str().unwrap();
    assert!(entry.contains("--force-exclude"), "{entry}");

    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("content");
    std::fs::create_dir_all(repo.join("articles/archive")).unwrap();
    git(&repo, &["init", "-q"]);
    git(&repo, &["config", "user.email", "desk@example.com"]);
    git(&repo, &["config", "user.name", "Desk"]);
    let leak = "The menu said {{ price }} for the soup.\n";
    // Every file leaks a template: only the articles the configuration
    // includes may be linted.
    for file in [
        "README.md",
        "LICENSE",
        "articles/archive/old.md",
        "articles/notes.csv",
    ] {
        std::fs::write(repo.join(file), leak).unwrap();
    }
    std::fs::write(repo.join("articles/a.md"), "A clean sentence.\n").unwrap();
    std::fs::write(
        repo.join("newslint.yaml"),
        "include: [\"articles/**\"]\nexclude: [\"articles/archive/**\"]\n",
    )
    .unwrap();
    let pre_commit = |config: &str| {
        std::fs::write(repo.join(".pre-commit-config.yaml"), config).unwrap();
        git(&repo, &["add", "-A"]);
        Command::new("pre-commit")
            .args(["run", "--all-files", "--verbose"])
            .current_dir(&repo)
            .env("PATH", path_with_newslint())
            .env("PRE_COMMIT_HOME", dir.path().join("cache"))
            .output()
            .expect("pre-commit runs")
    };
    let out = pre_commit(&local(entry));
    let log = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{log}{}", stderr(&out));
    assert!(
        log.contains("1 file: 0 errors"),
        "only articles/a.md: {log}"
    );

    // An included article that leaks fails the commit, named in the log.
    std::fs::write(repo.join("articles/a.md"), leak).unwrap();
    let out = pre_commit(&local(entry));
    let log = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{log}");
    assert!(log.contains("articles/a.md:1:15"), "{log}");
    for file in ["README.md", "LICENSE", "old.md", "notes.csv"] {
        assert!(!log.contains(file), "{file} linted: {log}");
    }

    // Without --force-exclude the hook would lint README.md and the archive.
    let out = pre_commit(&local(&entry.replace(" --force-exclude", "")));
    let log = String::from_utf8_lossy(&out.stdout);
    assert!(log.contains("README.md") && log.contains("old.md"), "{log}");
}

#[test]
fn reviewdog_snippet_input_is_rdjson() {
    // reviewdog itself is not installed here; its input half is run as written.
    let text = snippet("reviewdog");
    let command = text
        .split('|')
        .next()
        .unwrap()
        .trim()
        .trim_end_matches('\\')
        .trim();
    assert_eq!(command, "newslint check --format rdjson articles");
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("articles")).unwrap();
    std::fs::write(dir.path().join("articles/a.md"), ARTICLE).unwrap();
    let out = Command::new("sh")
        .args(["-c", command])
        .current_dir(dir.path())
        .env("PATH", path_with_newslint())
        .output()
        .unwrap();
    let result: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &result["diagnostics"][0];
    assert_eq!(d["code"]["value"], "template-leak");
    // "The menu said " is 14 bytes: the template starts at byte column 15.
    assert_eq!(
        d["location"]["range"]["start"],
        serde_json::json!({"line": 3, "column": 15})
    );
}

/// The `line` output for [`ARTICLE`] saved as `a.md` in a fresh folder.
fn article_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), ARTICLE).unwrap();
    dir
}

#[test]
fn vim_snippet_lands_on_the_finding() {
    if !installed("vim") {
        eprintln!("note: vim_snippet_lands_on_the_finding skipped: vim is not installed");
        return;
    }
    let dir = article_dir();
    // A tab (eight screen cells, one byte) and wide characters (two cells,
    // three bytes) before the finding: the cursor must land on it anyway.
    std::fs::write(
        dir.path().join("a.md"),
        "Café owners met on Monday.\n\nThe menu\tof 東京 said {{ price }} for the crème brûlée.\n",
    )
    .unwrap();
    let script = dir.path().join("test.vim");
    let settings = snippet("vim");
    std::fs::write(
        &script,
        format!(
            "{settings}silent make!\nsilent cc 1\ncall writefile([getqflist()[0].type . ' ' . line('.') . ' ' . strpart(getline('.'), col('.') - 1, 11)], 'out.txt')\nqa!\n"
        ),
    )
    .unwrap();
    let status = Command::new("vim")
        .args([
            "-N", "-u", "NONE", "-i", "NONE", "-es", "a.md", "-S", "test.vim",
        ])
        .current_dir(dir.path())
        .env("PATH", path_with_newslint())
        .stdin(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let out = std::fs::read_to_string(dir.path().join("out.txt")).unwrap();
    // Type `e`, line 3, and the cursor on the template.
    assert_eq!(out.trim_end(), "e 3 {{ price }}");
}

#[test]
fn emacs_snippet_parses_every_finding() {
    if !installed("emacs") {
        eprintln!("note: emacs_snippet_parses_every_finding skipped: emacs is not installed");
        return;
    }
    let dir = article_dir();
    std::fs::write(
        dir.path().join("b.md"),
        "Prices rose.\n\nAs an AI language model, I agree.\n",
    )
    .unwrap();
    let setup = snippet("emacs");
    let lisp = format!(
        r#"{setup}
(require 'compile)
(let ((out nil))
  (with-current-buffer (get-buffer-create "*compilation*")
    (insert (shell-command-to-string (concat compile-command "a.md b.md")))
    (compilation-mode)
    (compilation--ensure-parse (point-max))
    (goto-char (point-min))
    (while (not (eobp))
      (let* ((pos (text-property-not-all (line-beginning-position) (line-end-position) 'compilation-message nil))
             (msg (and pos (get-text-property pos 'compilation-message))))
        (when msg
          (let ((loc (compilation--message->loc msg)))
            (push (format "%s %s:%s:%s" (compilation--message->type msg)
                          (caar (compilation--loc->file-struct loc))
                          (compilation--loc->line loc) (compilation--loc->col loc)) out))))
      (forward-line 1)))
  (princ (mapconcat #'identity (reverse out) "\n")))
"#
    );
    std::fs::write(dir.path().join("test.el"), lisp).unwrap();
    let out = Command::new("emacs")
        .args(["--batch", "-Q", "-l", "test.el"])
        .current_dir(dir.path())
        .env("PATH", path_with_newslint())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    // 2 is compilation mode's error level.
    assert_eq!(text.trim(), "2 a.md:3:15\n2 b.md:3:1", "{}", stderr(&out));
}

#[test]
fn vscode_problem_matcher_reads_every_field() {
    let tasks: serde_json::Value = serde_json::from_str(&snippet("vscode")).unwrap();
    let matcher = &tasks["tasks"][0]["problemMatcher"];
    let pattern = &matcher["pattern"];
    let regex = regex::Regex::new(pattern["regexp"].as_str().unwrap()).unwrap();
    let rules = fixture("rules");
    let out = common::run(
        &[
            "check",
            "--no-config",
            "--rules",
            rules.to_str().unwrap(),
            "--only",
            "house-synergy,house-figure,house-cliche",
            "--format",
            "line",
            "--stdin-filename",
            "desk/50%, café: story.md",
            "-",
        ],
        Some(&std::fs::read(fixture("formats/story.md")).unwrap()),
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let group = |caps: &regex::Captures<'_>, key: &str| {
        caps[pattern[key].as_u64().unwrap() as usize].to_string()
    };
    let parsed: Vec<[String; 6]> = text
        .lines()
        .map(|line| {
            let caps = regex
                .captures(line)
                .unwrap_or_else(|| panic!("no match: {line}"));
            ["file", "line", "column", "severity", "message", "code"].map(|k| group(&caps, k))
        })
        .collect();
    assert_eq!(
        parsed[1],
        [
            "desk/50%, café: story.md",
            "5",
            "36",
            "warning",
            "figure `12%`: give its source, per the desk's style",
            "house-figure"
        ]
    );
    assert_eq!(parsed.len(), 4);
    assert!(parsed.iter().any(|p| p[3] == "info"));
}

#[test]
fn pre_publish_snippet_gives_the_verdict_in_the_status() {
    let dir = article_dir();
    let script = dir.path().join("pre-publish");
    std::fs::write(&script, snippet("pre-publish")).unwrap();
    std::fs::write(dir.path().join("clean.md"), "A clean sentence.\n").unwrap();
    std::fs::write(dir.path().join("latin1.md"), b"Caf\xe9\n").unwrap();
    let run = |article: &str| {
        let input = std::fs::File::open(dir.path().join(article)).unwrap();
        Command::new("sh")
            .arg(&script)
            .arg(article)
            .current_dir(dir.path())
            .env("PATH", path_with_newslint())
            .stdin(input)
            .output()
            .unwrap()
    };
    let clean = run("clean.md");
    assert_eq!(clean.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&clean.stdout), "publish\n");
    let held = run("a.md");
    assert_eq!(held.status.code(), Some(1));
    let text = String::from_utf8_lossy(&held.stdout);
    assert!(
        text.starts_with("a.md:3:15: error: unrendered template syntax"),
        "{text}"
    );
    assert!(text.ends_with("hold: an editor must look at the findings above\n"));
    // Text that is not UTF-8 cannot be checked: status 2.
    let broken = run("latin1.md");
    assert_eq!(broken.status.code(), Some(2));
}

#[test]
fn house_rule_snippet_loads_and_its_examples_hold() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("house-cliches.yaml"), snippet("house-rule")).unwrap();
    let rules = dir.path().to_str().unwrap();
    let lint = |text: &str| {
        let out = common::run(
            &[
                "check",
                "--no-config",
                "--rules",
                rules,
                "--only",
                "house-cliches",
                "--format",
                "json",
                "-",
            ],
            Some(text.as_bytes()),
        );
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report = common::json(&out);
        report["diagnostics"].as_array().unwrap().len()
    };
    assert_eq!(lint("At the end of the day, the vote passed."), 1);
    assert_eq!(lint("Synergies were promised."), 1);
    assert_eq!(lint("The end of the day shift is at six."), 0);
    assert_eq!(lint("Energy prices rose."), 0);
}
