//! The JSON Schemas of rule files and of `newslint.yaml` (`newslint schema
//! rule|config`): kept current in `schemas/`, and every built-in rule, the
//! tests' house rules, the starter configuration and the README's example
//! configuration valid against them, while a typo is not.

mod common;

use std::path::Path;

use common::newslint;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// `newslint schema WHICH`, parsed.
fn printed(which: &str) -> serde_json::Value {
    let out = newslint().args(["schema", which]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    serde_json::from_slice(&out.stdout).expect("a JSON schema")
}

/// The schema kept in the repository.
fn kept(which: &str) -> serde_json::Value {
    let path = Path::new(ROOT).join(format!("schemas/{which}.schema.json"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn validator(schema: &serde_json::Value) -> jsonschema::Validator {
    jsonschema::options()
        .build(schema)
        .expect("the schema compiles")
}

/// A YAML file as the JSON value a schema validates.
fn yaml(text: &str) -> serde_json::Value {
    serde_yaml::from_str(text).expect("valid YAML")
}

fn errors(validator: &jsonschema::Validator, value: &serde_json::Value) -> Vec<String> {
    validator
        .iter_errors(value)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

#[test]
fn the_kept_schemas_are_the_printed_ones() {
    for which in ["rule", "config"] {
        assert_eq!(
            printed(which),
            kept(which),
            "schemas/{which}.schema.json is stale: `newslint schema {which} > schemas/{which}.schema.json`"
        );
    }
}

#[test]
fn every_rule_file_is_valid_and_a_typo_is_not() {
    let rules = validator(&printed("rule"));
    let mut checked = 0;
    for dir in ["rules", "tests/fixtures/rules"] {
        for entry in std::fs::read_dir(Path::new(ROOT).join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yaml") {
                let value = yaml(&std::fs::read_to_string(&path).unwrap());
                let found = errors(&rules, &value);
                assert!(found.is_empty(), "{}: {found:?}", path.display());
                checked += 1;
            }
        }
    }
    assert!(checked >= 17, "{checked} rule files");

    let good = yaml(
        &std::fs::read_to_string(Path::new(ROOT).join("tests/fixtures/rules/house-hedge.yaml"))
            .unwrap(),
    );
    for (key, value) in [
        ("sevrity", yaml("error")),
        ("severity", yaml("loud")),
        ("kind", yaml("magic")),
        ("min_words", yaml("3")),
    ] {
        let mut bad = good.clone();
        bad[key] = value;
        assert!(!rules.is_valid(&bad), "{key} accepted");
    }
}

#[test]
fn the_starter_and_the_readme_configuration_are_valid() {
    let config = validator(&printed("config"));
    let starter =
        yaml(&std::fs::read_to_string(Path::new(ROOT).join("src/cli/starter.yaml")).unwrap());
    assert_eq!(errors(&config, &starter), Vec::<String>::new());
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    let snippet = readme
        .split("<!-- snippet: config -->\n```yaml\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("the README's config snippet");
    assert_eq!(errors(&config, &yaml(snippet)), Vec::<String>::new());
    for bad in [
        "fail-on: sometimes\n",
        "severity: {page-chrome: loud}\n",
        "exclud: [x]\n",
        "overrides: [{paths: [a], disabel: [x]}]\n",
    ] {
        assert!(!config.is_valid(&yaml(bad)), "{bad} accepted");
    }
    assert!(config.is_valid(&yaml("severity: {page-chrome: off}\n")));
}
