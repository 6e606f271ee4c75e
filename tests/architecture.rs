//! The house plan, enforced: the library's top-level modules form layers,
//! and a module uses only the layers below it (data flows one way: source →
//! document → analyses → kinds' checks → diagnostics → suppressions →
//! report). A `use crate::…` that points up a layer — an import cycle in the
//! making — fails here with the file that holds it.
//!
//! Comments and `#[cfg(test)]` modules (at the end of a file, by the
//! project's convention) are not read: a test may drive a lower layer
//! through a higher one.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The library's top-level modules, lowest layer first. A module may use
/// the modules before it in this list, never one after it.
const LAYERS: &[&str] = &[
    "language",
    "read",
    "source",
    "diagnostic",
    "document",
    "engine",
    "analyses",
    "kinds",
    "rules",
    "suppress",
    "fix",
    "config",
    "report",
    "server",
];

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file, without comments and without its test module.
fn code_of(text: &str) -> String {
    let code = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    };
    let code = match code.find("#[cfg(test)]\npub(crate) mod testing") {
        Some(at) => &code[..at],
        None => code,
    };
    code.lines()
        .map(|line| match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules `code` names with `crate::`.
fn used_modules(code: &str) -> Vec<String> {
    let mut used = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || *c == '_')
            .collect();
        if !name.is_empty() {
            used.push(name);
        }
    }
    used
}

#[test]
fn modules_use_only_the_layers_below_them() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut upward: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut seen_layers = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&src).expect("under src/");
        let top = relative
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .expect("a file name")
            .trim_end_matches(".rs");
        // The binary's command line and the crate root wire the layers
        // together; they are not layers.
        if matches!(top, "lib" | "main" | "cli") {
            continue;
        }
        let Some(layer) = LAYERS.iter().position(|l| *l == top) else {
            panic!("src/{top} is in no layer: add it to LAYERS in tests/architecture.rs");
        };
        seen_layers.push(top.to_string());
        let text = std::fs::read_to_string(file).expect("a readable source file");
        for used in used_modules(&code_of(&text)) {
            match LAYERS.iter().position(|l| *l == used) {
                Some(other) if other > layer => upward
                    .entry(relative.display().to_string())
                    .or_default()
                    .push(used),
                _ => {}
            }
        }
    }
    assert!(
        upward.is_empty(),
        "modules that use a layer above their own (LAYERS, lowest first: {LAYERS:?}): {upward:#?}"
    );
    assert!(seen_layers.iter().any(|l| l == "kinds"), "src/ was read");
}

#[test]
fn the_reader_sees_uses_and_skips_comments_and_tests() {
    let code = code_of(
        "use crate::kinds::Kind; // crate::report\nfn f() { crate::engine::x(); }\n#[cfg(test)]\nmod tests {\n use crate::cli;\n}\n",
    );
    assert_eq!(used_modules(&code), ["kinds", "engine"]);
}
