//! Embeds the built-in rule pack (`rules/*.yaml`) in the binary, so newslint
//! works from any directory and a new rule is just a new YAML file; and
//! turns the language data (`rules/language/english.yaml`: common words,
//! abbreviations, summary labels, attribution words) into constants, so the readers that use
//! them on every block pay nothing to load them.

use std::env;
use std::fs;
use std::path::Path;

use serde::Deserialize;

/// `rules/language/english.yaml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Language {
    common_words: Vec<String>,
    abbreviations: Vec<String>,
    summary_labels: Vec<String>,
    faq_heading_words: Vec<String>,
    attribution: Vec<String>,
}

/// A Rust slice of string literals.
fn strings(words: &[String]) -> String {
    let quoted: Vec<String> = words.iter().map(|w| format!("{w:?}")).collect();
    format!("&[{}]", quoted.join(", "))
}

/// Writes the language data as constants into `out`.
fn language(out: &Path) {
    let path = "rules/language/english.yaml";
    println!("cargo:rerun-if-changed={path}");
    let text = fs::read_to_string(path).expect("the language data exists");
    let mut data: Language = serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    for list in [
        &mut data.common_words,
        &mut data.abbreviations,
        &mut data.faq_heading_words,
    ] {
        for word in list.iter_mut() {
            *word = word.to_lowercase();
        }
    }
    // The sentence splitter looks abbreviations up by binary search.
    data.abbreviations.sort();
    data.abbreviations.dedup();
    let longest = data
        .abbreviations
        .iter()
        .map(String::len)
        .max()
        .unwrap_or(0);
    let code = format!(
        "/// The most frequent words of English news prose, in small letters.\n\
         pub const COMMON_WORDS: &[&str] = {};\n\
         /// Words that end with a full stop without ending the sentence, sorted.\n\
         pub const ABBREVIATIONS: &[&str] = {};\n\
         /// The longest of [`ABBREVIATIONS`], in bytes.\n\
         pub const LONGEST_ABBREVIATION: usize = {longest};\n\
         /// Labels that introduce a summary on a line of its own.\n\
         pub const SUMMARY_LABELS: &[&str] = {};\n\
         /// Heading words that introduce questions and answers.\n\
         pub const FAQ_HEADING_WORDS: &[&str] = {};\n\
         /// Speech verbs and introducers that attribute a quotation.\n\
         pub const ATTRIBUTION: &[&str] = {};\n",
        strings(&data.common_words),
        strings(&data.abbreviations),
        strings(&data.summary_labels),
        strings(&data.faq_heading_words),
        strings(&data.attribution),
    );
    fs::write(out.join("english.rs"), code).expect("OUT_DIR is writable");
    words(out);
}

/// Writes `rules/language/words.txt` without its comment lines to
/// `out/words.txt` (read by `src/language.rs` with `include_str!`), after
/// checking it is sorted, unique and in small letters a-z: the reader
/// looks words and their beginnings up by binary search.
fn words(out: &Path) {
    let path = "rules/language/words.txt";
    println!("cargo:rerun-if-changed={path}");
    let text = fs::read_to_string(path).expect("the word list exists");
    let words: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    for pair in words.windows(2) {
        assert!(pair[0] < pair[1], "{path}: `{}` is out of order", pair[1]);
    }
    for word in &words {
        assert!(
            !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase()),
            "{path}: `{word}` is not a word in small letters a-z"
        );
    }
    fs::write(out.join("words.txt"), words.join("\n")).expect("OUT_DIR is writable");
}

fn main() {
    let rules_dir = Path::new("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut names: Vec<String> = fs::read_dir(rules_dir)
        .expect("the rules/ folder exists")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            name.ends_with(".yaml").then_some(name)
        })
        .collect();
    names.sort();
    let mut code = String::from("/// Built-in rule files: (path, contents).\npub static BUILTIN_RULES: &[(&str, &str)] = &[\n");
    for name in &names {
        println!("cargo:rerun-if-changed=rules/{name}");
        code.push_str(&format!(
            "    (\"rules/{name}\", include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/rules/{name}\"))),\n"
        ));
    }
    code.push_str("];\n");
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out_dir = Path::new(&out_dir);
    fs::write(out_dir.join("builtin_rules.rs"), code).expect("OUT_DIR is writable");
    language(out_dir);
}
