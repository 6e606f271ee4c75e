//! Snapshots of what users see: the human report (colour off) for each
//! bundled sample article, and `newslint explain` for one rule. A change in
//! any rule's findings on the samples shows up here for review.

mod common;

use common::run;

fn snapshot_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings
}

#[test]
fn sample_articles_report() {
    let mut names: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/samples"))
        .expect("samples/ exists")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(
        names.len() >= 5,
        "expected the bundled samples, found {names:?}"
    );
    for name in names {
        let path = format!("samples/{name}");
        let output = run(&["check", "--color", "never", &path], None);
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{path}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let report = String::from_utf8(output.stdout).expect("UTF-8 output");
        snapshot_settings().bind(|| insta::assert_snapshot!(format!("sample-{name}"), report));
    }
}

#[test]
fn explain_prints_the_rule_documentation() {
    let output = run(&["explain", "template-leak"], None);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).expect("UTF-8 output");
    snapshot_settings().bind(|| insta::assert_snapshot!("explain-template-leak", text));
}
