//! Which files a run lints, and reading them.
//!
//! Paths named on the command line are linted whatever their extension;
//! directories are walked with the `ignore` crate (honouring `.gitignore`,
//! skipping hidden files) and yield the article extensions only. `-` is
//! standard input. Nothing is silently skipped: a path that cannot be read,
//! a binary file or invalid UTF-8 is an error that names the file.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use newslint::read::{self, ReadError};
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

    /// Reads and decodes the input, reading at most `limit` bytes.
    pub fn read(&self, limit: u64) -> Result<Source, String> {
        let too_large = |e: ReadError| match e {
            ReadError::TooLarge { .. } => format!("{e} (raise it with --max-file-size)"),
            e => e.to_string(),
        };
        let (bytes, name) = match self {
            Input::Stdin { name, .. } => {
                let bytes = read::stream(std::io::stdin().lock(), limit, 0)
                    .map_err(|e| format!("{name}: cannot read standard input: {}", too_large(e)))?;
                (bytes, name)
            }
            Input::File { path, name, .. } => {
                let bytes =
                    read::any_file(path, limit).map_err(|e| format!("{name}: {}", too_large(e)))?;
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
    /// One message per folder named whose walk kept no article file.
    pub warnings: Vec<String>,
}

/// The inputs named or found on the command line, before the
/// configuration's `include` and `exclude` choose among the walked files:
/// so the walk can run while the rules compile.
#[derive(Debug, Default)]
pub struct Found {
    /// Standard input and the files named: always linted.
    named: Vec<Input>,
    /// The article files found by walking directories, each with the index
    /// in `folders` of the folder whose walk found it.
    walked: Vec<(usize, Input)>,
    /// The folders named, as shown in messages.
    folders: Vec<String>,
    /// Whether several paths were named, so one file may come twice.
    several: bool,
    /// One message per path that does not exist or could not be walked.
    errors: Vec<String>,
}

/// Checks the paths named before anything is read: standard input can be
/// read once, so `-` may be named once.
pub fn check_paths(paths: &[PathBuf]) -> Result<(), String> {
    if paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return Err(
            "`-` (standard input) is named more than once; it can be read only once".into(),
        );
    }
    Ok(())
}

/// Expands command-line paths into inputs: files named, standard input
/// (`-`), and the article files under the directories named. With no
/// paths, standard input when it is named with `--stdin-filename` (a
/// pipe, as in ruff), else the current folder.
pub fn find(paths: &[PathBuf], stdin_filename: Option<&str>) -> Found {
    let default = [PathBuf::from(if stdin_filename.is_some() {
        "-"
    } else {
        "."
    })];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    let mut found = Found {
        several: paths.len() > 1,
        ..Found::default()
    };
    for path in paths {
        if path.as_os_str() == "-" {
            let name = stdin_filename.unwrap_or("<stdin>").to_string();
            let format = Format::for_path(Path::new(&name));
            found.named.push(Input::Stdin { name, format });
            continue;
        }
        match std::fs::metadata(path) {
            Err(e) => found.errors.push(format!("{}: {e}", path.display())),
            Ok(meta) if meta.is_dir() => walk(path, &mut found),
            Ok(_) => found.named.push(Input::File {
                path: path.clone(),
                name: display_name(path),
                format: Format::for_path(path),
            }),
        }
    }
    // In report order already, so that sorting with the named inputs
    // (after the rules compile, with the cores waiting) is a merge.
    found.walked.sort_by(|a, b| a.1.name().cmp(b.1.name()));
    found
}

impl Found {
    /// The inputs of the run: the named ones, and the walked files whose
    /// path `keep` accepts (the configuration's `include` and `exclude`),
    /// in report order (by name), each file once however often it is
    /// named or found (`samples/` and `./samples/a.txt`).
    /// With `force_exclude`, the files named are held to `keep` too
    /// (ruff's `--force-exclude`: a pre-commit hook names every staged
    /// file, the configuration says which are articles).
    pub fn keep(self, keep: &dyn Fn(&Path) -> bool, force_exclude: bool) -> Inputs {
        let mut kept_per_folder = vec![0_usize; self.folders.len()];
        let mut list = self.named;
        if force_exclude {
            list.retain(|input| match input {
                Input::File { path, .. } => keep(path),
                Input::Stdin { .. } => true,
            });
        }
        for (folder, input) in self.walked {
            if keep(input.path()) {
                kept_per_folder[folder] += 1;
                list.push(input);
            }
        }
        list.sort_by(|a, b| a.name().cmp(b.name()));
        if self.several {
            // The first in report order stays. One path named once cannot
            // repeat a file: a walk visits each entry once.
            let mut seen = HashSet::new();
            list.retain(|input| match input {
                Input::File { path, .. } => seen.insert(identity(path)),
                Input::Stdin { .. } => true,
            });
        }
        let warnings = self
            .folders
            .iter()
            .zip(kept_per_folder)
            .filter(|&(_, kept)| kept == 0)
            .map(|(folder, _)| {
                format!(
                    "no article files (.txt, .md, .html) to lint in {folder}; \
                     check the path and the configuration's `include` and `exclude`"
                )
            })
            .collect();
        Inputs {
            list,
            errors: self.errors,
            warnings,
        }
    }
}

/// What makes two paths one file: its device and inode on unix (hard links
/// and links to it are the same file), else its canonical path; the path
/// itself when neither can be read (the read then reports the error).
#[derive(Debug, Hash, PartialEq, Eq)]
enum Identity {
    #[cfg(unix)]
    Inode(u64, u64),
    Path(PathBuf),
}

fn identity(path: &Path) -> Identity {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(meta) = std::fs::metadata(path) {
            return Identity::Inode(meta.dev(), meta.ino());
        }
    }
    Identity::Path(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// Adds the article files under a directory.
fn walk(dir: &Path, found: &mut Found) {
    let folder = found.folders.len();
    found.folders.push(display_name(dir));
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(true)
        .require_git(false)
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                found.errors.push(e.to_string());
                continue;
            }
        };
        let path = entry.path();
        let is_file = if entry.path_is_symlink() {
            // A link to an article is linted like the article; one that
            // leads nowhere is an error, not a silent skip. Links to
            // folders are not followed (a link can make a walk endless).
            match std::fs::metadata(path) {
                Ok(meta) => meta.is_file(),
                Err(e) if Format::from_extension(path).is_some() => {
                    found.errors.push(format!("{}: {e}", display_name(path)));
                    continue;
                }
                Err(_) => false,
            }
        } else {
            entry.file_type().is_some_and(|t| t.is_file())
        };
        if !is_file {
            continue;
        }
        let Some(format) = Format::from_extension(path) else {
            continue;
        };
        let shown = if dir == Path::new(".") {
            path.strip_prefix(".").unwrap_or(path)
        } else {
            path
        };
        found.walked.push((
            folder,
            Input::File {
                path: path.to_path_buf(),
                name: display_name(shown),
                format,
            },
        ));
    }
}

/// A path as shown in reports: as it is when it is UTF-8; otherwise each
/// byte that is not UTF-8 is written `\xHH`, so that two such names stay
/// two names and a name can be told back to the file.
pub fn display_name(path: &Path) -> String {
    let bytes = path.as_os_str().as_encoded_bytes();
    let mut name = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        name.push_str(chunk.valid());
        for byte in chunk.invalid() {
            name.push_str(&format!("\\x{byte:02X}"));
        }
    }
    name
}
