//! The machine-readable output formats, on one fixture article whose text and
//! name hold `%`, `:`, `,`, non-ASCII letters and a finding that spans two
//! lines. Each format has a snapshot (in `snapshots/`) and positions checked
//! by hand, counted in the unit that format documents.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Output, Stdio};

use common::{fixture, newslint, run};
use newslint::diagnostic::{Applicability, Fix, Label};
use newslint::report::github::GithubRenderer;
use newslint::report::jsonl::JsonlRenderer;
use newslint::report::line::LineRenderer;
use newslint::report::rdjson::RdjsonRenderer;
use newslint::report::sarif::SarifRenderer;
use newslint::report::{FileReport, Renderer, Summary};
use newslint::{Diagnostic, RuleSet, Severity, Source};

/// The name the fixture is linted under: every character the formats escape.
const NAME: &str = "desk/50%, café: story.md";
const RULES: &str = "house-synergy,house-figure,house-cliche";

fn snapshot(name: &str, text: &str) {
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!(name, text);
    });
}

fn story() -> Vec<u8> {
    std::fs::read(fixture("formats/story.md")).expect("the fixture exists")
}

/// Lints the fixture (as standard input named [`NAME`]) in a format.
fn lint(format: &str) -> Output {
    let rules = fixture("rules");
    let output = run(
        &[
            "check",
            "--no-config",
            "--rules",
            rules.to_str().unwrap(),
            "--only",
            RULES,
            "--format",
            format,
            "--stdin-filename",
            NAME,
            "-",
        ],
        Some(&story()),
    );
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

#[test]
fn human_format_says_info_in_colour_and_without() {
    for color in ["always", "never"] {
        let rules = fixture("rules");
        let output = run(
            &[
                "check",
                "--no-config",
                "--rules",
                rules.to_str().unwrap(),
                "--only",
                "house-cliche",
                "--color",
                color,
                "--stdin-filename",
                NAME,
                "-",
            ],
            Some(&story()),
        );
        let text = stdout(&output);
        assert!(text.contains("info[house-cliche]"), "{color}: {text}");
        assert!(!text.contains("note["), "{color}: {text}");
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("output is UTF-8")
}

#[test]
fn line_format() {
    let text = stdout(&lint("line"));
    snapshot("format_line", &text);
    let lines: Vec<&str> = text.lines().collect();
    // `title: "Café owners: synergy`: "synergy" is the 22nd character of line 2.
    assert_eq!(
        lines[0],
        "desk/50%, café: story.md:2:22: error: banned word `synergy` [house-synergy]"
    );
    // "12%" follows "Sales at the café in Montréal rose " (35 characters).
    assert!(lines[1].starts_with("desk/50%, café: story.md:5:36: warning: figure `12%`: "));
    // The two-line span is reported at its start.
    assert_eq!(
        lines[2],
        "desk/50%, café: story.md:7:36: info: cliché `game changer` [house-cliche]"
    );
    assert_eq!(lines.len(), 4);
}

#[test]
fn jsonl_format() {
    let text = stdout(&lint("jsonl"));
    snapshot("format_jsonl", &text);
    let rows: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect();
    assert_eq!(rows.len(), 4);
    let first = &rows[0];
    assert_eq!(first["path"], NAME);
    assert_eq!(first["rule"], "house-synergy");
    // Characters for columns; "---\n" is 4 bytes and `title: "Café owners: ` 22.
    assert_eq!(
        (&first["line"], &first["column"], &first["end_column"]),
        (&2.into(), &22.into(), &29.into())
    );
    assert_eq!(
        (&first["byte_start"], &first["byte_end"]),
        (&26.into(), &33.into())
    );
    let span = &rows[2];
    assert_eq!(
        (
            &span["line"],
            &span["column"],
            &span["end_line"],
            &span["end_column"]
        ),
        (&7.into(), &36.into(), &8.into(), &8.into())
    );
}

#[test]
fn json_format() {
    let text = stdout(&lint("json"));
    snapshot("format_json", &text);
    let report: serde_json::Value = serde_json::from_str(&text).unwrap();
    let d = &report["diagnostics"][1];
    assert_eq!(
        d["message"],
        "figure `12%`: give its source, per the desk's style"
    );
    // "12%" follows "Sales at the café in Montréal rose " (35 characters, 37 bytes).
    assert_eq!((&d["line"], &d["column"]), (&5.into(), &36.into()));
    assert_eq!(report["summary"]["infos"], 1);
}

#[test]
fn github_format_escapes_and_writes_the_job_summary() {
    let dir = tempfile::tempdir().unwrap();
    let summary_file = dir.path().join("summary.md");
    std::fs::write(&summary_file, "earlier step\n").unwrap();
    let rules = fixture("rules");
    let mut child = newslint()
        .args([
            "check",
            "--no-config",
            "--rules",
            rules.to_str().unwrap(),
            "--only",
            RULES,
            "--format",
            "github",
            "--stdin-filename",
            NAME,
            "-",
        ])
        .env("GITHUB_STEP_SUMMARY", &summary_file)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&story()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    snapshot("format_github", &text);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "::error file=desk/50%25%2C café%3A story.md,line=2,endLine=2,col=22,endColumn=29,\
         title=newslint (house-synergy)::banned word `synergy`%0Ahelp: say what actually happens"
    );
    assert!(
        lines[1].ends_with("::figure `12%25`: give its source, per the desk's style"),
        "{}",
        lines[1]
    );
    // A span over two lines has no columns.
    assert_eq!(
        lines[2],
        "::notice file=desk/50%25%2C café%3A story.md,line=7,endLine=8,\
         title=newslint (house-cliche)::cliché `game changer`"
    );
    // After the annotations, the full report for the log.
    assert!(lines[4].starts_with("error[house-synergy]"), "{}", lines[4]);
    assert!(text
        .trim_end()
        .ends_with("1 file: 1 error, 2 warnings, 1 info"));

    let summary = std::fs::read_to_string(&summary_file).unwrap();
    assert!(
        summary.starts_with("earlier step\n"),
        "appended, not replaced"
    );
    snapshot("format_github_step_summary", &summary);
    assert!(summary.contains("| desk/50%, café: story.md | 2 | error | `house-synergy` |"));
}

/// Replaces the schema's language pattern with its stray `]` escaped;
/// returns how many it replaced.
fn escape_stray_bracket(node: &mut serde_json::Value) -> usize {
    const STRAY: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    match node {
        serde_json::Value::String(s) if s == STRAY => {
            *s = STRAY.replace("}]?", "}\\]?");
            1
        }
        serde_json::Value::Array(items) => items.iter_mut().map(escape_stray_bracket).sum(),
        serde_json::Value::Object(map) => map.values_mut().map(escape_stray_bracket).sum(),
        _ => 0,
    }
}

/// Validates a SARIF log against the official schema.
fn assert_valid_sarif(log: &serde_json::Value) {
    let schema_text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/schemas/sarif-schema-2.1.0.json"
    ))
    .expect("the schema is kept under tests/schemas");
    let mut schema: serde_json::Value = serde_json::from_str(&schema_text).unwrap();
    // The official schema's `language` patterns have a stray `]` that
    // ECMAScript regexes accept as a literal and Rust's regex engine rejects;
    // escaping it is the one change made before compiling (newslint never
    // writes `language`).
    let fixed = escape_stray_bracket(&mut schema);
    assert_eq!(fixed, 2, "the schema's two `language` patterns");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));
}

#[test]
fn sarif_format_is_valid_sarif_2_1_0() {
    let text = stdout(&lint("sarif"));
    let log: serde_json::Value = serde_json::from_str(&text).expect("one JSON document");
    assert_valid_sarif(&log);
    // The root is this checkout, wherever it is: named, then left out of
    // the snapshot.
    let mut log = log;
    let root = &mut log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"];
    let manifest = env!("CARGO_MANIFEST_DIR").replace('\\', "/");
    assert_eq!(
        root.as_str().map(|r| r
            .trim_end_matches('/')
            .ends_with(manifest.trim_start_matches('/'))),
        Some(true),
        "{root}"
    );
    *root = "file:///[root]/".into();
    snapshot("format_sarif", &serde_json::to_string_pretty(&log).unwrap());
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "newslint");
    assert!(driver["informationUri"]
        .as_str()
        .unwrap()
        .starts_with("https://"));
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 3);
    for rule in rules {
        for key in [
            "id",
            "shortDescription",
            "fullDescription",
            "help",
            "defaultConfiguration",
        ] {
            assert!(!rule[key].is_null(), "rule without {key}: {rule}");
        }
    }
    let first = &run["results"][0];
    assert_eq!(first["ruleId"], "house-synergy");
    assert_eq!(first["level"], "error");
    let location = &first["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "desk/50%25%2C%20caf%C3%A9%3A%20story.md"
    );
    let region = &location["region"];
    assert_eq!(
        (
            &region["startLine"],
            &region["startColumn"],
            &region["endLine"],
            &region["endColumn"]
        ),
        (&2.into(), &22.into(), &2.into(), &29.into())
    );
    assert_eq!(run["results"][2]["level"], "note");
    assert_eq!(
        run["results"][2]["locations"][0]["physicalLocation"]["region"]["endLine"],
        8
    );
}

#[test]
fn sarif_uris_are_relative_to_the_repository_root() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    for folder in [".git", "articles", "site/samples"] {
        std::fs::create_dir_all(repo.join(folder)).unwrap();
    }
    let leak = "The {{ x }} thing.\n";
    std::fs::write(repo.join("articles/b.txt"), leak).unwrap();
    std::fs::write(repo.join("site/samples/x.txt"), leak).unwrap();
    std::fs::write(dir.path().join("outside.txt"), leak).unwrap();
    let sarif = |cwd: &Path, paths: &[&str]| {
        let out = newslint()
            .current_dir(cwd)
            .args(["check", "--only", "template-leak", "--format", "sarif"])
            .args(paths)
            .output()
            .unwrap();
        let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_valid_sarif(&log);
        log
    };
    let locations = |log: &serde_json::Value| -> Vec<(String, String)> {
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let a = &r["locations"][0]["physicalLocation"]["artifactLocation"];
                (
                    a["uri"].as_str().unwrap().to_string(),
                    a["uriBaseId"].as_str().unwrap_or("-").to_string(),
                )
            })
            .collect()
    };
    let pair = |uri: &str, base: &str| (uri.to_string(), base.to_string());

    // From a subfolder, with `..` and `./`: the same repository paths.
    let log = sarif(
        &repo.join("site"),
        &[
            "--no-config",
            "../articles/b.txt",
            "./samples/x.txt",
            "../../outside.txt",
        ],
    );
    let root = log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        root.starts_with("file:///") && root.ends_with("/repo/"),
        "{root}"
    );
    let found = locations(&log);
    let (inside, outside): (Vec<_>, Vec<_>) = found.iter().partition(|(_, base)| base != "-");
    assert_eq!(
        inside,
        [
            &pair("articles/b.txt", "%SRCROOT%"),
            &pair("site/samples/x.txt", "%SRCROOT%")
        ]
    );
    // A file outside the repository: an absolute URI, no base.
    assert_eq!(outside.len(), 1);
    assert!(
        outside[0].0.starts_with("file:///") && outside[0].0.ends_with("/outside.txt"),
        "{found:?}"
    );
    // The same URIs from the root.
    let from_root = locations(&sarif(&repo, &["--no-config", "."]));
    assert_eq!(from_root.iter().collect::<Vec<_>>(), inside);

    // No repository: the configuration's folder is the root.
    std::fs::remove_dir(repo.join(".git")).unwrap();
    std::fs::write(repo.join("newslint.yaml"), "fail-on: error\n").unwrap();
    let log = sarif(&repo.join("site"), &["../articles/b.txt"]);
    assert_eq!(locations(&log), [pair("articles/b.txt", "%SRCROOT%")]);
}

#[test]
fn sarif_with_the_built_in_fixes_is_valid() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fixable.md");
    std::fs::write(
        &path,
        "# Budget\n\nThe plan is a testament to the council. It passed.\n\n\
         This article was generated by AI.\n\n\
         <!-- newslint-disable-next-line template-leak -->\nA plain line.\n\n\
         The mayor said the vote would follow in the spring via A\n",
    )
    .unwrap();
    let output = newslint()
        .args(["check", "--no-config", "--format", "sarif"])
        .arg(&path)
        .output()
        .unwrap();
    let log: serde_json::Value = serde_json::from_slice(&output.stdout).expect("one JSON document");
    assert_valid_sarif(&log);
    let results = log["runs"][0]["results"].as_array().unwrap();
    let fixed: Vec<&str> = results
        .iter()
        .filter(|r| r["fixes"].is_array())
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    assert_eq!(
        fixed,
        [
            "ai-phrasing",
            "ai-disclaimer",
            "unused-suppression",
            "truncated-ending"
        ]
    );
    let safe = &results
        .iter()
        .find(|r| r["ruleId"] == "unused-suppression")
        .unwrap()["fixes"][0];
    assert_eq!(
        safe["description"]["text"],
        "safe fix (newslint check --fix)"
    );
    // The comment's line (line 7) goes whole: from column 1 of it to column 1 of the next.
    let deleted = &safe["artifactChanges"][0]["replacements"][0]["deletedRegion"];
    assert_eq!(
        (
            &deleted["startLine"],
            &deleted["startColumn"],
            &deleted["endLine"],
            &deleted["endColumn"]
        ),
        (&7.into(), &1.into(), &8.into(), &1.into())
    );
}

#[test]
fn rdjson_format_counts_bytes() {
    let text = stdout(&lint("rdjson"));
    let result: serde_json::Value = serde_json::from_str(&text).expect("one JSON document");
    snapshot("format_rdjson", &text);
    assert_eq!(result["source"]["name"], "newslint");
    let first = &result["diagnostics"][0];
    assert_eq!(first["code"]["value"], "house-synergy");
    assert_eq!(first["severity"], "ERROR");
    assert_eq!(first["location"]["path"], NAME);
    // "é" is two bytes: "synergy" starts at byte column 23 and ends (exclusive) at 30.
    assert_eq!(
        first["location"]["range"],
        serde_json::json!({"start": {"line": 2, "column": 23}, "end": {"line": 2, "column": 30}})
    );
    // "12%" after "café" and "Montréal": byte column 38.
    assert_eq!(
        result["diagnostics"][1]["location"]["range"]["start"]["column"],
        38
    );
    assert_eq!(result["diagnostics"][3]["severity"], "WARNING");
}

/// A diagnostic with everything a check can attach: a label and a fix.
fn rich() -> (Source, Vec<Diagnostic>) {
    let source = Source::new("notes/a, b.md", "Él dijo: «sí».\nRepeat: «sí».\n");
    let second = source.text().rfind("«sí»").unwrap();
    let first = source.text().find("«sí»").unwrap();
    let d = Diagnostic {
        rule: "house-synergy".into(),
        severity: Severity::Warning,
        message: "repeated: «sí», 100%".into(),
        range: second..second + "«sí»".len(),
        labels: vec![Label {
            range: first..first + "«sí»".len(),
            message: "first copy: here".into(),
        }],
        help: None,
        fix: Some(Fix {
            range: second..second + "«sí»".len(),
            replacement: "“sí”".into(),
            applicability: Applicability::Safe,
        }),
    };
    (source, vec![d])
}

fn render(renderer: &mut dyn Renderer) -> String {
    let (source, diagnostics) = rich();
    let mut out = Vec::new();
    let mut summary = Summary::default();
    summary.add_file(&diagnostics);
    renderer
        .file(
            &mut out,
            FileReport {
                source: &source,
                diagnostics: &diagnostics,
            },
        )
        .unwrap();
    renderer.finish(&mut out, &summary).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn labels_and_fixes_in_every_format() {
    let rules = {
        let mut set = RuleSet::empty();
        set.load_path(&fixture("rules/house-synergy.yaml")).unwrap();
        set
    };
    let sarif = render(&mut SarifRenderer::new(
        rules.rules().iter().map(|r| r.meta.clone()),
    ));
    let log: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    assert_valid_sarif(&log);
    let result = &log["runs"][0]["results"][0];
    assert_eq!(
        result["relatedLocations"][0]["message"]["text"],
        "first copy: here"
    );
    // "Repeat: " is 8 characters: the second «sí» spans columns 9..13.
    let deleted = &result["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"];
    assert_eq!(
        (&deleted["startColumn"], &deleted["endColumn"]),
        (&9.into(), &13.into())
    );

    let rdjson = render(&mut RdjsonRenderer::default());
    let rd: serde_json::Value = serde_json::from_str(&rdjson).unwrap();
    // «, í and » are two bytes each: the suggestion covers bytes 9..16 of line 2.
    assert_eq!(
        rd["diagnostics"][0]["suggestions"][0],
        serde_json::json!({
            "range": {"start": {"line": 2, "column": 9}, "end": {"line": 2, "column": 16}},
            "text": "“sí”"
        })
    );
    // The first «sí» is after "Él dijo: " (9 characters, 10 bytes).
    assert_eq!(
        rd["diagnostics"][0]["related_locations"][0]["location"]["range"]["start"],
        serde_json::json!({"line": 1, "column": 11})
    );

    let jsonl = render(&mut JsonlRenderer);
    let row: serde_json::Value = serde_json::from_str(jsonl.trim_end()).unwrap();
    assert_eq!(row["labels"][0]["column"], 10);
    assert_eq!(row["fix"]["replacement"], "“sí”");
    assert_eq!(row["fix"]["applicability"], "safe");

    let github = render(&mut GithubRenderer::new(None));
    assert!(github.starts_with(
        "::warning file=notes/a%2C b.md,line=2,endLine=2,col=9,endColumn=13,\
         title=newslint (house-synergy)::repeated: «sí», 100%25\n"
    ));
    let line = render(&mut LineRenderer::default());
    snapshot(
        "format_rich",
        &format!("{line}\n{jsonl}\n{rdjson}\n{github}"),
    );
}

#[test]
fn empty_runs_are_valid_documents() {
    let out = run(
        &[
            "check",
            "--no-config",
            "--format",
            "sarif",
            "--stdin-filename",
            "a.txt",
            "-",
        ],
        Some(b"A clean sentence."),
    );
    assert_eq!(out.status.code(), Some(0));
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_valid_sarif(&log);
    assert_eq!(log["runs"][0]["results"].as_array().map(Vec::len), Some(0));
    let out = run(
        &["check", "--no-config", "--format", "rdjson", "-"],
        Some(b"Clean."),
    );
    let rd: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rd["diagnostics"].as_array().map(Vec::len), Some(0));
    let out = run(
        &["check", "--no-config", "--format", "jsonl", "-"],
        Some(b"Clean."),
    );
    assert!(out.stdout.is_empty());
}

/// Line formats write each file's findings as soon as it is done: the first
/// file's line arrives while standard input (the second input) is still open.
#[test]
fn line_formats_stream_as_files_finish() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("a.md");
    std::fs::write(&first, "Early synergy.").unwrap();
    for format in ["line", "jsonl", "github"] {
        let rules = fixture("rules");
        let mut child = newslint()
            .args([
                "check",
                "--no-config",
                "--rules",
                rules.to_str().unwrap(),
                "--only",
                "house-synergy",
                "--format",
                format,
                "--stdin-filename",
                "z.md",
                first.to_str().unwrap(),
                "-",
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        assert!(line.contains("a.md"), "{format}: {line}");
        stdin.write_all(b"Late synergy.").unwrap();
        drop(stdin);
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut reader, &mut rest).unwrap();
        assert!(rest.contains("z.md"), "{format}: {rest}");
        child.wait().unwrap();
    }
}
