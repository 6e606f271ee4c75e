//! The server's state: the open documents, and for each the configuration
//! that applies to it (the `newslint.yaml` found from its folder upward,
//! as `check` would find it), reloaded when that file changes.
//!
//! Nothing here may take the server down: a configuration that does not
//! load, or a panic inside a check, becomes a problem shown on the
//! document, and the next edit tries again.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Instant, SystemTime};

use lsp_types::Uri;

use crate::config::{self, Config, Flags, Policy, Resolved};
use crate::diagnostic::{Applicability, Diagnostic};
use crate::document::Format;
use crate::fix::{self, Fixed};
use crate::source::Source;
use crate::Linter;

/// One document the client has open.
pub struct OpenFile {
    /// The file on disk, for `file:` URIs.
    pub path: Option<PathBuf>,
    /// How its text is parsed.
    pub format: Format,
    /// The client's version of the text.
    pub version: i32,
    /// The text as the client has it (saved or not).
    pub text: String,
    /// When the text changed and is to be linted (debounced), if it is.
    pub due: Option<Instant>,
    /// The last lint of the text, if it is current.
    pub linted: Option<Linted>,
}

/// A lint of one version of a document.
pub struct Linted {
    /// The text linted.
    pub source: Source,
    /// What was found, in report order.
    pub diagnostics: Vec<Diagnostic>,
    /// The configuration used, when it loaded.
    pub resolved: Option<Arc<Resolved>>,
    /// The linter and the file's policy, to fix with.
    linter: Option<(Arc<Linter>, Policy)>,
    /// Why the document could not be linted (a bad configuration), if so.
    pub problem: Option<String>,
}

impl Linted {
    /// The text with every fix up to `wanted` applied, linted until stable.
    pub fn fixed(&self, format: Format, wanted: Applicability) -> Option<Fixed> {
        let (linter, policy) = self.linter.as_ref()?;
        let lint = |source: &Source| {
            let mut diagnostics = linter.lint(source, format);
            policy.apply(&mut diagnostics);
            diagnostics
        };
        catch_unwind(AssertUnwindSafe(|| {
            fix::fix_until_stable(self.source.clone(), wanted, lint)
        }))
        .ok()
    }
}

/// A configuration as loaded, with the modification time it was read at.
struct Loaded {
    stamp: Option<SystemTime>,
    resolved: Result<Arc<Resolved>, String>,
}

/// The open documents and the configurations they use.
#[derive(Default)]
pub struct Workspace {
    /// Where documents without a folder (untitled ones) look for a configuration.
    root: PathBuf,
    /// Open documents by URI.
    pub files: HashMap<Uri, OpenFile>,
    /// Configurations by file (`None`: no configuration file).
    configs: HashMap<Option<PathBuf>, Loaded>,
}

impl Workspace {
    /// An empty workspace rooted at `root`.
    pub fn new(root: PathBuf) -> Workspace {
        Workspace {
            root,
            ..Workspace::default()
        }
    }

    /// Forgets every configuration, so the next lint reads them again.
    pub fn forget_configurations(&mut self) {
        self.configs.clear();
    }

    /// Lints the document at `uri` if its last lint is not current, and
    /// returns that lint.
    pub fn lint(&mut self, uri: &Uri) -> Option<&Linted> {
        let file = self.files.get(uri)?;
        if file.linted.is_none() {
            let folder = file
                .path
                .as_deref()
                .and_then(Path::parent)
                .unwrap_or(&self.root)
                .to_path_buf();
            let config_path = config::discover(&folder);
            let resolved = self.configuration(config_path, &folder);
            let file = self.files.get_mut(uri)?;
            let name = file
                .path
                .as_ref()
                .map_or_else(|| uri.as_str().to_string(), |p| p.display().to_string());
            let source = Source::new(name, file.text.clone());
            file.linted = Some(lint(
                source,
                file.format,
                file.path.as_deref(),
                &folder,
                resolved,
            ));
            file.due = None;
        }
        self.files.get(uri)?.linted.as_ref()
    }

    /// The configuration in `path` (or none), loaded again when the file
    /// changed since it was read.
    fn configuration(
        &mut self,
        path: Option<PathBuf>,
        folder: &Path,
    ) -> Result<Arc<Resolved>, String> {
        let stamp = path
            .as_deref()
            .and_then(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
        if let Some(loaded) = self.configs.get(&path) {
            if loaded.stamp == stamp {
                return loaded.resolved.clone();
            }
        }
        let resolved = catch_unwind(|| load(path.as_deref(), folder))
            .unwrap_or_else(|_| Err("internal error while loading the configuration".into()));
        self.configs.insert(
            path,
            Loaded {
                stamp,
                resolved: resolved.clone(),
            },
        );
        resolved
    }
}

/// Reads a configuration file (or none) and resolves it against the rules.
fn load(path: Option<&Path>, folder: &Path) -> Result<Arc<Resolved>, String> {
    let config = match path {
        Some(path) => {
            Config::load(path, folder).map_err(|e| format!("invalid configuration: {e}"))?
        }
        None => Config::none(folder),
    };
    Resolved::new(config, Flags::default())
        .map(Arc::new)
        .map_err(|e| format!("invalid configuration: {e}"))
}

/// Lints one text under its configuration; problems become `problem`.
fn lint(
    source: Source,
    format: Format,
    path: Option<&Path>,
    folder: &Path,
    resolved: Result<Arc<Resolved>, String>,
) -> Linted {
    let failed = |source, resolved, problem| Linted {
        source,
        diagnostics: Vec::new(),
        resolved,
        linter: None,
        problem: Some(problem),
    };
    let resolved = match resolved {
        Ok(resolved) => resolved,
        Err(problem) => return failed(source, None, problem),
    };
    let policy = resolved.policy_of(path.unwrap_or(Path::new(source.name())), folder);
    let linter = match resolved.linter_for(&policy) {
        Ok(linter) => linter,
        Err(e) => {
            return failed(
                source,
                Some(resolved),
                format!("invalid configuration: {e}"),
            )
        }
    };
    let found = catch_unwind(AssertUnwindSafe(|| {
        let mut diagnostics = linter.lint(&source, format);
        policy.apply(&mut diagnostics);
        diagnostics
    }));
    match found {
        Ok(diagnostics) => Linted {
            source,
            diagnostics,
            resolved: Some(resolved),
            linter: Some((linter, policy)),
            problem: None,
        },
        Err(_) => failed(
            source,
            Some(resolved),
            "internal error while linting this text (please report it)".into(),
        ),
    }
}

/// The format of a document: by its file's extension, else by the
/// client's language id; `None` for files newslint does not read.
pub fn format_of(path: Option<&Path>, language: &str) -> Option<Format> {
    if let Some(format) = path.and_then(Format::from_extension) {
        return Some(format);
    }
    match language {
        "markdown" => Some(Format::Markdown),
        "html" => Some(Format::Html),
        "plaintext" | "text" => Some(Format::Plain),
        _ => None,
    }
}
