//! `--format sarif`: a SARIF 2.1.0 log for code-scanning upload (GitHub
//! code scanning, Azure DevOps, any SARIF viewer).
//!
//! One run: `tool.driver` describes newslint and every rule of the run
//! (summary, description, why and help, default level), and each finding is
//! a result with an `artifactLocation.uri` relative to the repository root
//! (named `%SRCROOT%` in `originalUriBaseIds`, as code scanning expects,
//! whatever folder the run started in; a file outside it gets an absolute
//! `file://` URI) and a region
//! whose columns count Unicode code points (`columnKind: unicodeCodePoints`,
//! the same unit as the JSON report), 1-based, end exclusive. Secondary
//! labels are `relatedLocations`; fixes are `fixes`. The log is written
//! piece by piece as files finish: the driver first (the rules are known
//! before any file is read), then one result per line.

use std::collections::HashMap;
use std::io::{self, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use super::{FileReport, Renderer, Summary};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::kinds::RuleMeta;
use crate::source::Source;

/// The schema the log declares.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The name of the repository root among the log's base URIs (SARIF's
/// conventional name for the source root).
const ROOT_ID: &str = "%SRCROOT%";

/// SARIF's name for a severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor<'a> {
    id: &'a str,
    short_description: Text<'a>,
    full_description: Text<'a>,
    help: Help,
    default_configuration: Configuration,
}

impl<'a> ReportingDescriptor<'a> {
    fn new(rule: &'a RuleMeta) -> Self {
        let mut text = format!("{}\n\nWhy it matters: {}", rule.description, rule.why);
        let mut markdown = format!("{}\n\n**Why it matters:** {}", rule.description, rule.why);
        if let Some(help) = &rule.help {
            text.push_str(&format!("\n\nWhat to do: {help}"));
            markdown.push_str(&format!("\n\n**What to do:** {help}"));
        }
        ReportingDescriptor {
            id: &rule.id,
            short_description: Text {
                text: &rule.summary,
            },
            full_description: Text {
                text: &rule.description,
            },
            help: Help { text, markdown },
            default_configuration: Configuration {
                level: level(rule.severity),
            },
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    information_uri: &'static str,
    rules: Vec<ReportingDescriptor<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    byte_offset: usize,
    byte_length: usize,
}

impl Region {
    fn new(source: &Source, range: &Range<usize>) -> Region {
        let (start, end) = super::span(source, range);
        Region {
            start_line: start.line,
            start_column: start.column,
            end_line: end.line,
            end_column: end.column,
            byte_offset: range.start,
            byte_length: range.len(),
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation<'a> {
    uri: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation<'a>,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: Region,
    inserted_content: Text<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation<'a>,
    replacements: [Replacement<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Fix<'a> {
    description: Text<'a>,
    artifact_changes: [ArtifactChange<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text<'a>,
    locations: [Location<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<Fix<'a>>,
}

/// Where the log's relative URIs start.
#[derive(Debug, Clone)]
struct Base {
    /// The repository root, absolute.
    root: PathBuf,
    /// The folder the paths of the run are relative to, absolute.
    cwd: PathBuf,
}

/// Streams a SARIF log with one run.
pub struct SarifRenderer {
    rules: Vec<Arc<RuleMeta>>,
    index: HashMap<Arc<str>, usize>,
    base: Option<Base>,
    started: bool,
    written: usize,
}

impl SarifRenderer {
    /// A log whose driver lists `rules` (the rules of the run).
    pub fn new(rules: impl IntoIterator<Item = Arc<RuleMeta>>) -> SarifRenderer {
        let rules: Vec<_> = rules.into_iter().collect();
        let index = rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        SarifRenderer {
            rules,
            index,
            base: None,
            started: false,
            written: 0,
        }
    }

    /// Makes the URIs relative to `root` (the repository root, absolute)
    /// for paths given relative to `cwd` (absolute), and names the root in
    /// `originalUriBaseIds`. Without it, paths are written as given.
    pub fn relative_to(mut self, root: &Path, cwd: &Path) -> SarifRenderer {
        self.base = Some(Base {
            root: crate::config::normalize(root),
            cwd: crate::config::normalize(cwd),
        });
        self
    }

    /// A file's URI, and the base it is relative to.
    fn locate(&self, name: &str) -> (String, Option<&'static str>) {
        let Some(base) = &self.base else {
            return (uri(name), None);
        };
        let absolute = crate::config::normalize(&base.cwd.join(name));
        match absolute.strip_prefix(&base.root) {
            Ok(relative) => (uri(&relative.to_string_lossy()), Some(ROOT_ID)),
            Err(_) => (uri(&absolute.to_string_lossy()), None),
        }
    }

    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.started {
            return Ok(());
        }
        self.started = true;
        let driver = Driver {
            name: "newslint",
            version: env!("CARGO_PKG_VERSION"),
            information_uri: env!("CARGO_PKG_REPOSITORY"),
            rules: self
                .rules
                .iter()
                .map(|r| ReportingDescriptor::new(r))
                .collect(),
        };
        write!(
            out,
            "{{\"$schema\":\"{SCHEMA}\",\"version\":\"2.1.0\",\"runs\":[{{\"tool\":{{\"driver\":"
        )?;
        serde_json::to_writer(&mut *out, &driver)?;
        write!(out, "}},\"columnKind\":\"unicodeCodePoints\",")?;
        if let Some(base) = &self.base {
            let root = uri(&base.root.to_string_lossy());
            let slash = if root.ends_with('/') { "" } else { "/" };
            write!(
                out,
                "\"originalUriBaseIds\":{{\"{ROOT_ID}\":{{\"uri\":{}}}}},",
                serde_json::to_string(&format!("{root}{slash}"))?
            )?;
        }
        write!(out, "\"results\":[")
    }

    fn result<'a>(
        &self,
        source: &'a Source,
        (uri, uri_base_id): (&'a str, Option<&'static str>),
        d: &'a Diagnostic,
    ) -> SarifResult<'a> {
        let location = |range: &Range<usize>| PhysicalLocation {
            artifact_location: ArtifactLocation { uri, uri_base_id },
            region: Region::new(source, range),
        };
        SarifResult {
            rule_id: &d.rule,
            rule_index: self.index.get(&d.rule).copied(),
            level: level(d.severity),
            message: Text { text: &d.message },
            locations: [Location {
                id: None,
                physical_location: location(&d.range),
                message: None,
            }],
            related_locations: d
                .labels
                .iter()
                .enumerate()
                .map(|(i, l)| Location {
                    id: Some(i + 1),
                    physical_location: location(&l.range),
                    message: Some(Text { text: &l.message }),
                })
                .collect(),
            fixes: d
                .fix
                .iter()
                .map(|f| Fix {
                    description: Text {
                        text: match f.applicability {
                            Applicability::Safe => "safe fix (newslint check --fix)",
                            Applicability::Unsafe => {
                                "unsafe fix (newslint check --fix --unsafe-fixes)"
                            }
                        },
                    },
                    artifact_changes: [ArtifactChange {
                        artifact_location: ArtifactLocation { uri, uri_base_id },
                        replacements: [Replacement {
                            deleted_region: Region::new(source, &f.range),
                            inserted_content: Text {
                                text: &f.replacement,
                            },
                        }],
                    }],
                })
                .collect(),
        }
    }
}

impl Renderer for SarifRenderer {
    fn file(&mut self, out: &mut dyn Write, file: FileReport<'_>) -> io::Result<()> {
        self.start(out)?;
        let (uri, base) = self.locate(file.source.name());
        for d in file.diagnostics {
            out.write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
            serde_json::to_writer(&mut *out, &self.result(file.source, (&uri, base), d))?;
            self.written += 1;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        self.start(out)?;
        writeln!(out, "\n]}}]}}")
    }
}

/// A path as a URI reference: relative paths stay relative (to the
/// repository root a scan runs from), absolute ones become `file://` URIs;
/// `\` becomes `/`, and bytes outside the unreserved set are percent-encoded.
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded_references() {
        assert_eq!(uri("news/a b%,é.md"), "news/a%20b%25%2C%C3%A9.md");
        assert_eq!(uri("/srv/x.txt"), "file:///srv/x.txt");
        assert_eq!(uri("a\\b.txt"), "a/b.txt");
    }

    #[test]
    fn paths_are_relative_to_the_root_wherever_the_run_started() {
        let renderer =
            SarifRenderer::new([]).relative_to(Path::new("/repo"), Path::new("/repo/site"));
        assert_eq!(
            renderer.locate("../articles/b.txt"),
            ("articles/b.txt".to_string(), Some(ROOT_ID))
        );
        assert_eq!(
            renderer.locate("./samples/x.txt"),
            ("site/samples/x.txt".to_string(), Some(ROOT_ID))
        );
        assert_eq!(
            renderer.locate("/elsewhere/c.txt"),
            ("file:///elsewhere/c.txt".to_string(), None)
        );
        assert_eq!(
            renderer.locate("../../x.txt"),
            ("file:///x.txt".to_string(), None)
        );
    }
}
