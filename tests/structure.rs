//! Article structure across input formats: the same article written as
//! plain text, Markdown and HTML (fixtures of our own writing under
//! `tests/fixtures/structure/`) must give the same findings of the
//! structural rules, each pointing at the right characters of its own file;
//! and the human output for the HTML and Markdown versions is kept as
//! reviewed snapshots.

mod common;

use common::{fixture, run};
use newslint::{Format, Linter, RuleSet, Source};

/// The rules this file is about.
const STRUCTURAL: [&str; 4] = [
    "truncated-ending",
    "empty-section",
    "duplicate-block",
    "foreign-script",
];

fn structural_linter() -> Linter {
    let mut rules = RuleSet::builtin().expect("the built-in pack loads");
    rules.retain(|r| STRUCTURAL.contains(&&*r.meta.id));
    Linter::new(rules)
}

/// (rule, message, primary source text) of every finding on a fixture.
fn findings(linter: &Linter, name: &str) -> Vec<(String, String, String)> {
    let path = fixture(&format!("structure/{name}"));
    let text = std::fs::read_to_string(&path).expect("fixture is readable");
    let source = Source::new(name, text.clone());
    linter
        .lint(&source, Format::for_path(&path))
        .into_iter()
        .map(|d| {
            let at = text[d.range.clone()].to_string();
            (d.rule.to_string(), d.message, at)
        })
        .collect()
}

#[test]
fn the_same_article_gives_the_same_findings_in_every_format() {
    let linter = structural_linter();
    let plain = findings(&linter, "ferry.txt");
    let markdown = findings(&linter, "ferry.md");
    let html = findings(&linter, "ferry.html");
    let messages = |f: &[(String, String, String)]| -> Vec<(String, String)> {
        f.iter().map(|(r, m, _)| (r.clone(), m.clone())).collect()
    };
    assert_eq!(
        messages(&plain),
        messages(&markdown),
        "plain text vs Markdown"
    );
    assert_eq!(messages(&plain), messages(&html), "plain text vs HTML");
    for rule in STRUCTURAL {
        assert!(
            plain.iter().any(|(r, _, _)| r == rule),
            "the fixture shows every structural defect; {rule} is missing: {plain:#?}"
        );
    }
}

#[test]
fn findings_point_at_the_same_words_in_every_format() {
    let linter = structural_linter();
    for name in ["ferry.txt", "ferry.md", "ferry.html"] {
        let found = findings(&linter, name);
        let at = |rule: &str, message_part: &str| -> &str {
            found
                .iter()
                .find(|(r, m, _)| r == rule && m.contains(message_part))
                .map(|(_, _, at)| at.as_str())
                .unwrap_or_else(|| panic!("{name}: no {rule} finding with {message_part:?}"))
        };
        assert_eq!(at("truncated-ending", "to the"), "to the", "{name}");
        assert_eq!(at("empty-section", "Related coverage"), "Related coverage");
        assert_eq!(at("empty-section", "\"Sources\""), "Sources", "{name}");
        assert_eq!(
            at("duplicate-block", "council approved"),
            "The council approved two new ferry routes on Tuesday.",
            "{name}"
        );
        let summary = at("truncated-ending", "summary");
        assert!(
            summary == "islands and to…" || summary == "islands and to&#8230;",
            "{name}: {summary:?}"
        );
    }
}

/// Human output (colour off) of the structural rules on one fixture.
fn human_output(name: &str) -> String {
    let path = format!("tests/fixtures/structure/{name}");
    let out = run(
        &[
            "check",
            "--color",
            "never",
            "--only",
            &STRUCTURAL.join(","),
            &path,
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1), "the fixture has an error");
    String::from_utf8(out.stdout).expect("output is UTF-8")
}

#[test]
fn human_output_for_html() {
    let output = human_output("ferry.html");
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("structure_ferry_html", output);
    });
}

#[test]
fn human_output_for_markdown() {
    let output = human_output("ferry.md");
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("structure_ferry_md", output);
    });
}

/// Rule ids reported on a text given in a format.
fn rules_on(text: &str, name: &str) -> Vec<String> {
    let source = Source::new(name, text.to_string());
    let format = Format::for_path(std::path::Path::new(name));
    structural_linter()
        .lint(&source, format)
        .into_iter()
        .map(|d| d.rule.to_string())
        .collect()
}

#[test]
fn a_heading_over_its_own_subsections_is_not_empty() {
    let md = "Intro paragraph of the story.\n\n## Reactions\n\n### From the council\n\nThe council welcomed the plan.\n\n## Next steps\n\nA vote follows in May.\n";
    assert!(rules_on(md, "a.md").is_empty());
    let html = "<p>Intro paragraph of the story.</p><h2>Reactions</h2><h3>From the council</h3>\
        <p>The council welcomed the plan.</p><h2>Related coverage</h2><h2>Next steps</h2><p>A vote follows in May.</p>";
    assert_eq!(rules_on(html, "a.html"), ["empty-section"]);
}

#[test]
fn html_outside_the_article_and_inside_code_is_not_read() {
    let html = "<html><body><nav><p>Menu: home, news, sport and the</p></nav>\
        <article><p>The ferry will run twice a day from May, the operator said.</p>\
        <pre>let cut = \"stops on the\";</pre></article>\
        <aside><p>Read more stories about the islands and the</p></aside></body></html>";
    assert!(rules_on(html, "page.html").is_empty());
}

#[test]
fn an_article_in_another_script_is_at_home_in_it() {
    let text = "Паромне сполучення з островами відновиться у травні, повідомив оператор.\n\n\
        Оператор Northern Sound Ferries додасть два нові маршрути.\n";
    assert!(rules_on(text, "uk.txt").is_empty());
}
