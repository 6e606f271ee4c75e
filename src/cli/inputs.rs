//! Which files a run lints, and reading them.
//!
//! Paths named on the command line are linted whatever their extension;
//! directories are walked with the `ignore` crate (honouring `.gitignore`,
//! skipping hidden files) and yield the article extensions only. `-` is
//! standard input. Nothing is silently skipped: a path that cannot be read,
//! a binary file or invalid UTF-8 is an error that names the file.

use std::io::Read;
use std::path::{Path, PathBuf};

use newslint::{Format, Source};

/// One thing to lint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Standard input, shown under `name`.
    Stdin { name: String, format: Format },
    /// A file on disk, shown as `name`.
    File {
        path: PathBuf,
        name: String,
        format: Format,
    },
}

impl Input {
    /// The name shown in reports.
    pub fn name(&self) -> &str {
        match self {
            Input::Stdin { name, .. } | Input::File { name, .. } => name,
        }
    }

    /// The path configuration globs are matched against: the file's path,
    /// or the name given to standard input.
    pub fn path(&self) -> &Path {
        match self {
            Input::Stdin { name, .. } => Path::new(name),
            Input::File { path, .. } => path,
        }
    }

    /// The syntax the input is parsed as.
    pub fn format(&self) -> Format {
        match self {
            Input::Stdin { format, .. } | Input::File { format, .. } => *format,
        }
    }

    /// Reads and decodes the input.
    pub fn read(&self) -> Result<Source, String> {
        let (bytes, name) = match self {
            Input::Stdin { name, .. } => {
                let mut bytes = Vec::new();
                std::io::stdin()
                    .lock()
                    .read_to_end(&mut bytes)
                    .map_err(|e| format!("{name}: cannot read standard input: {e}"))?;
                (bytes, name)
            }
            Input::File { path, name, .. } => {
                let bytes = std::fs::read(path).map_err(|e| format!("{name}: {e}"))?;
                (bytes, name)
            }
        };
        Source::from_bytes(name.clone(), bytes)
            .map_err(|e| format!("{name}: {e}; the file was not linted"))
    }
}

/// The inputs of a run, and the paths that could not be used.
#[derive(Debug, Default)]
pub struct Inputs {
    /// Inputs in report order (by name), without repeats.
    pub list: Vec<Input>,
    /// One message per path that does not exist or could not be walked.
    pub errors: Vec<String>,
}

/// Expands command-line paths into inputs. Files found by walking a
/// directory are kept only when `keep` accepts their path (the
/// configuration's `include` and `exclude`); files named are always linted.
pub fn collect(
    paths: &[PathBuf],
    stdin_filename: Option<&str>,
    keep: &dyn Fn(&Path) -> bool,
) -> Inputs {
    let mut inputs = Inputs::default();
    for path in paths {
        if path.as_os_str() == "-" {
            let name = stdin_filename.unwrap_or("<stdin>").to_string();
            let format = Format::for_path(Path::new(&name));
            inputs.list.push(Input::Stdin { name, format });
            continue;
        }
        match std::fs::metadata(path) {
            Err(e) => inputs.errors.push(format!("{}: {e}", path.display())),
            Ok(meta) if meta.is_dir() => walk(path, &mut inputs, keep),
            Ok(_) => inputs.list.push(Input::File {
                path: path.clone(),
                name: path.display().to_string(),
                format: Format::for_path(path),
            }),
        }
    }
    inputs.list.sort_by(|a, b| a.name().cmp(b.name()));
    inputs.list.dedup_by(|a, b| a.name() == b.name());
    inputs
}

/// Adds the article files under a directory.
fn walk(dir: &Path, inputs: &mut Inputs, keep: &dyn Fn(&Path) -> bool) {
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(true)
        .require_git(false)
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                inputs.errors.push(e.to_string());
                continue;
            }
        };
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.path();
        let Some(format) = Format::from_extension(path) else {
            continue;
        };
        if !keep(path) {
            continue;
        }
        let shown = if dir == Path::new(".") {
            path.strip_prefix(".").unwrap_or(path)
        } else {
            path
        };
        inputs.list.push(Input::File {
            path: path.to_path_buf(),
            name: shown.display().to_string(),
            format,
        });
    }
}
