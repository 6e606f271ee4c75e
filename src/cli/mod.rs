//! The command-line front end: arguments, rule loading, the lint run, and
//! the exit code. Everything that touches the terminal or the file system
//! lives here; the engine in the library never does.

mod args;
mod inputs;
mod rule_docs;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::Parser;
use rayon::prelude::*;

use newslint::report::human::HumanRenderer;
use newslint::report::json::JsonRenderer;
use newslint::report::{FileReport, Renderer, Summary};
use newslint::{Linter, RuleSet, Severity};

use args::{CheckArgs, Cli, ColorChoice, Command, FailOn, OutputFormat, RuleArgs};

/// Exit status: nothing at or above the failing severity.
const EXIT_CLEAN: u8 = 0;
/// Exit status: findings at or above the failing severity.
const EXIT_FINDINGS: u8 = 1;
/// Exit status: the run itself failed.
const EXIT_FAILURE: u8 = 2;

/// A failure of the run itself, reported on stderr with exit status 2.
struct Failure(String);

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() {
                EXIT_FAILURE
            } else {
                EXIT_CLEAN
            };
            // Printing help or the version to a closed pipe is not an error.
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Rules(rules) => load_rules(&rules).and_then(|set| {
            write_stdout(|out| rule_docs::list(out, &set))?;
            Ok(EXIT_CLEAN)
        }),
        Command::Explain { id, rules } => load_rules(&rules).and_then(|set| {
            let rule = set
                .get(&id)
                .ok_or_else(|| Failure(format!("unknown rule `{id}` (see `newslint rules`)")))?;
            write_stdout(|out| rule_docs::explain(out, rule))?;
            Ok(EXIT_CLEAN)
        }),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(Failure(message)) => {
            eprintln!("newslint: error: {message}");
            ExitCode::from(EXIT_FAILURE)
        }
    }
}

/// Loads the built-in pack and extra rule folders, then applies `--only`
/// and `--disable`.
fn load_rules(args: &RuleArgs) -> Result<RuleSet, Failure> {
    let invalid = |e: newslint::LoadError| Failure(format!("invalid rule file: {e}"));
    let mut set = RuleSet::builtin().map_err(invalid)?;
    for dir in &args.rule_dirs {
        set.load_path(dir).map_err(invalid)?;
    }
    for id in args.only.iter().chain(&args.disable) {
        if set.get(id).is_none() {
            return Err(Failure(format!(
                "unknown rule `{id}` (see `newslint rules`)"
            )));
        }
    }
    if !args.only.is_empty() {
        set.retain(|r| args.only.iter().any(|id| **id == *r.meta.id));
    }
    set.retain(|r| !args.disable.iter().any(|id| **id == *r.meta.id));
    Ok(set)
}

/// Writes to stdout through a buffer; a closed pipe ends output quietly.
fn write_stdout(render: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), Failure> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match render(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(Failure(format!("cannot write output: {e}")))
        }
        _ => Ok(()),
    }
}

fn use_color(choice: ColorChoice) -> bool {
    use std::io::IsTerminal;
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
        }
    }
}

fn fail_threshold(fail_on: FailOn) -> Option<Severity> {
    match fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    }
}

/// `newslint check`: lint every input in parallel, report in path order.
fn check(args: CheckArgs) -> Result<u8, Failure> {
    let linter = Linter::new(load_rules(&args.rules)?);
    if let Some(threads) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global()
            .map_err(|e| Failure(format!("cannot start {threads} threads: {e}")))?;
    }
    let inputs = inputs::collect(&args.paths, args.stdin_filename.as_deref());
    let mut failed = !inputs.errors.is_empty();
    for error in &inputs.errors {
        eprintln!("newslint: error: {error}");
    }

    let results: Vec<_> = inputs
        .list
        .par_iter()
        .map(|input| {
            let source = input.read()?;
            let diagnostics = linter.lint(&source, input.format());
            Ok::<_, String>((source, diagnostics))
        })
        .collect();

    let mut renderer: Box<dyn Renderer> = match args.format {
        OutputFormat::Human => Box::new(HumanRenderer::new(use_color(args.color))),
        OutputFormat::Json => Box::new(JsonRenderer::default()),
    };
    let threshold = fail_threshold(args.fail_on);
    let mut summary = Summary::default();
    let mut failing = false;
    let mut errors = Vec::new();
    for result in &results {
        match result {
            Ok((_, diagnostics)) => {
                summary.add_file(diagnostics);
                failing |= threshold.is_some_and(|t| diagnostics.iter().any(|d| d.severity >= t));
            }
            Err(message) => errors.push(message),
        }
    }
    write_stdout(|out| {
        for (source, diagnostics) in results.iter().flatten() {
            renderer.file(
                out,
                FileReport {
                    source,
                    diagnostics,
                },
            )?;
        }
        renderer.finish(out, &summary)
    })?;
    for message in &errors {
        eprintln!("newslint: error: {message}");
    }
    failed |= !errors.is_empty();
    Ok(if failed {
        EXIT_FAILURE
    } else if failing {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}
