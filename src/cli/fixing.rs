//! `check --fix`, `--unsafe-fixes` and `--diff`: lint, fix until nothing
//! more applies, then write the files back (or print the fixed text of
//! standard input), or print what would change as a unified diff.
//!
//! The fixing itself is the library's (`newslint::fix`); this module only
//! reads, writes and reports. Files are written atomically: the fixed text
//! goes to a temporary file in the same folder, which then takes the
//! original's place by a rename, with the original's permissions, so a
//! crash or a full disk never leaves half an article.

use std::io::{self, BufWriter, Write};
use std::path::Path;

use newslint::diagnostic::Applicability;
use newslint::fix::{self, Fixed};
use newslint::report::{FileReport, Summary};
use newslint::Source;

use super::args::CheckArgs;
use super::inputs::{self, Input};
use super::run::{self, Next};
use super::{
    closed, current_dir, renderer, resolve, warning, Failure, EXIT_CLEAN, EXIT_FAILURE,
    EXIT_FINDINGS,
};

/// What one input came to.
struct Outcome {
    /// The text as read.
    original: Source,
    /// The fixed text and the findings left in it.
    fixed: Fixed,
}

/// Runs `check` with `--fix` or `--diff`.
pub(super) fn check(args: CheckArgs) -> Result<u8, Failure> {
    if let Some(threads) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global()
            .map_err(|e| Failure(format!("cannot start {threads} threads: {e}")))?;
    }
    let wanted = if args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    let resolved = resolve(&args.rules, args.fail_on)?;
    let cwd = current_dir()?;
    let found = inputs::find(&args.paths, args.stdin_filename.as_deref());
    let inputs = found.keep(
        &|path: &Path| resolved.walks_into(path, &cwd),
        args.force_exclude,
    );
    let mut failed = !inputs.errors.is_empty();
    for error in &inputs.errors {
        eprintln!("newslint: error: {error}");
    }
    for message in &inputs.warnings {
        warning(message);
    }
    let has_stdin = inputs.list.iter().any(|i| matches!(i, Input::Stdin { .. }));

    let lint = |input: &Input| -> Result<Outcome, String> {
        let original = input.read(args.max_file_size)?;
        let policy = resolved.policy_of(input.path(), &cwd);
        let linter = resolved
            .linter_for(&policy)
            .map_err(|e| format!("invalid configuration: {e}"))?;
        let fixed = fix::fix_until_stable(original.clone(), wanted, |source| {
            let mut diagnostics = linter.lint(source, input.format());
            policy.apply(&mut diagnostics);
            diagnostics
        });
        if !args.diff && fixed.applied > 0 {
            if let Input::File { path, name, .. } = input {
                write_atomically(path, fixed.source.text())
                    .map_err(|e| format!("{name}: cannot write the fixed text: {e}"))?;
            }
        }
        Ok(Outcome { original, fixed })
    };

    // The fixed text of standard input goes to stdout, so the report of
    // what is left goes to stderr then.
    let mut report_out: Box<dyn Write + Send> = if has_stdin && !args.diff {
        Box::new(BufWriter::new(io::stderr()))
    } else {
        Box::new(BufWriter::new(io::stdout()))
    };
    let mut out = BufWriter::new(io::stdout());
    let mut renderer = renderer(&args, &resolved);
    let threshold = resolved.fail_on().threshold();
    let (mut summary, mut failing) = (Summary::default(), false);
    let (mut applied, mut changed_files, mut diffs) = (0, 0, 0);
    let report = |result: Result<Outcome, String>| -> io::Result<Next> {
        let Outcome { original, fixed } = match result {
            Ok(outcome) => outcome,
            Err(message) => {
                failed = true;
                eprintln!("newslint: error: {message}");
                return Ok(Next::Continue);
            }
        };
        applied += fixed.applied;
        changed_files += usize::from(fixed.applied > 0);
        let stdin = is_stdin(&inputs.list, &original);
        if args.diff {
            if fixed.applied > 0 {
                diffs += 1;
                write_diff(&mut out, &original, &fixed.source)?;
            }
            return Ok(Next::Continue);
        }
        if stdin {
            out.write_all(fixed.source.text().as_bytes())?;
        }
        summary.add_file(&fixed.diagnostics);
        failing |= threshold.is_some_and(|t| fixed.diagnostics.iter().any(|d| d.severity >= t));
        renderer.file(
            &mut report_out,
            FileReport {
                source: &fixed.source,
                diagnostics: &fixed.diagnostics,
            },
        )?;
        Ok(Next::Continue)
    };
    let size = |result: &Result<Outcome, String>| {
        result
            .as_ref()
            .map_or(0, |o| o.original.text().len() + o.fixed.source.text().len())
    };
    let written = run::ordered(&inputs.list, lint, size, report).and_then(|()| {
        if !args.diff {
            renderer.finish(&mut report_out, &summary)?;
        }
        report_out.flush()?;
        out.flush()
    });
    match written {
        Err(e) if !closed(&e) => return Err(Failure(format!("cannot write output: {e}"))),
        _ => {}
    }
    let what = if args.diff { "would fix" } else { "fixed" };
    let files = if changed_files == 1 { "file" } else { "files" };
    eprintln!("newslint: {what} {applied} finding(s) in {changed_files} {files}");
    Ok(if failed {
        EXIT_FAILURE
    } else if (args.diff && diffs > 0) || (!args.diff && failing) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// Whether `source` was read from standard input.
fn is_stdin(list: &[Input], source: &Source) -> bool {
    list.iter()
        .any(|i| matches!(i, Input::Stdin { name, .. } if name == source.name()))
}

/// Writes a unified diff of one file (three lines of context), with the
/// similar crate: a well-tested Myers diff with a unified-diff printer,
/// rather than a diff of our own.
fn write_diff(out: &mut dyn Write, original: &Source, fixed: &Source) -> io::Result<()> {
    let name = original.name();
    let diff = similar::TextDiff::from_lines(original.text(), fixed.text());
    write!(
        out,
        "{}",
        diff.unified_diff()
            .context_radius(3)
            .header(&format!("a/{name}"), &format!("b/{name}"))
    )
}

/// Replaces the file at `path` with `text` atomically, keeping its
/// permissions: a temporary file in the same folder (so the rename stays on
/// one file system), flushed to disk, then renamed over the original.
fn write_atomically(path: &Path, text: &str) -> io::Result<()> {
    let permissions = std::fs::metadata(path)?.permissions();
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temporary = tempfile::Builder::new()
        .prefix(".newslint-fix-")
        .tempfile_in(folder)?;
    temporary.write_all(text.as_bytes())?;
    temporary.as_file().set_permissions(permissions)?;
    temporary.as_file().sync_all()?;
    temporary.persist(path).map_err(|e| e.error)?;
    Ok(())
}
