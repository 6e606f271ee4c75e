//! The command-line front end: arguments, rule loading, the lint run, and
//! the exit code. Everything that touches the terminal or the file system
//! lives here; the engine in the library never does.

mod args;
mod document;
mod fixing;
mod inputs;
mod progress;
mod rule_docs;
mod run;

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use newslint::config::{self, Config, FailOn as ConfigFailOn, Flags, Resolved};
use newslint::report::github::GithubRenderer;
use newslint::report::human::HumanRenderer;
use newslint::report::json::JsonRenderer;
use newslint::report::jsonl::JsonlRenderer;
use newslint::report::line::LineRenderer;
use newslint::report::rdjson::RdjsonRenderer;
use newslint::report::sarif::SarifRenderer;
use newslint::report::statistics::StatisticsRenderer;
use newslint::report::{FileReport, Renderer, Summary};
use newslint::{Diagnostic, Source};

use args::{
    CheckArgs, Cli, ColorChoice, Command, FailOn, LineColumns, OutputFormat, RuleArgs, SchemaOf,
};
use run::Next;

/// Exit status: nothing at or above the failing severity.
const EXIT_CLEAN: u8 = 0;
/// Exit status: findings at or above the failing severity.
const EXIT_FINDINGS: u8 = 1;
/// Exit status: the run itself failed.
const EXIT_FAILURE: u8 = 2;

/// The starter configuration `newslint init` writes.
const STARTER: &str = include_str!("starter.yaml");

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
            // Printing help or the version to a closed pipe is not an
            // error; to a full disk or a closed descriptor it is.
            return match err.print() {
                Err(e) if !closed(&e) => {
                    error(&format!("cannot write output: {e}"));
                    ExitCode::from(EXIT_FAILURE)
                }
                _ => ExitCode::from(code),
            };
        }
    };
    if !matches!(cli.command, Command::Init { .. }) && stdout_is_closed() {
        // Writes to a closed descriptor vanish without an error: the run
        // would look clean and print nothing.
        error("standard output is closed, so the report cannot be written");
        return ExitCode::from(EXIT_FAILURE);
    }
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Rules(rules) => resolve(&rules, None).and_then(|resolved| {
            write_stdout(|out| rule_docs::list(out, resolved.rules()))?;
            Ok(EXIT_CLEAN)
        }),
        Command::Explain { id, yaml, rules } => resolve(&rules, None).and_then(|resolved| {
            let rule = resolved
                .all_rules()
                .get(&id)
                .ok_or_else(|| Failure(format!("unknown rule `{id}` (see `newslint rules`)")))?;
            write_stdout(|out| match yaml {
                true => out.write_all(rule.written.as_bytes()),
                false => rule_docs::explain(out, rule),
            })?;
            Ok(EXIT_CLEAN)
        }),
        Command::Config { path, rules } => resolve(&rules, None).and_then(|resolved| {
            let file = match &path {
                Some(path) => Some(resolved.relative(path, &current_dir()?)),
                None => None,
            };
            let view = resolved.view(file.as_deref());
            write_stdout(|out| {
                writeln!(
                    out,
                    "# newslint: the resolved configuration (flags applied)"
                )?;
                out.write_all(view.to_yaml().as_bytes())
            })?;
            Ok(EXIT_CLEAN)
        }),
        Command::Document(args) => document::show(&args),
        Command::Test { paths, rules } => test_examples(&paths, &rules),
        Command::Init { force } => init(force),
        Command::Schema { of } => {
            let schema = match of {
                SchemaOf::Rule => newslint::rules::schema::rule(),
                SchemaOf::Config => config::schema(),
            };
            write_stdout(|out| {
                serde_json::to_writer_pretty(&mut *out, &schema)?;
                writeln!(out)
            })
            .map(|()| EXIT_CLEAN)
        }
        Command::Completions { shell } => write_stdout(|out| {
            clap_complete::generate(shell, &mut Cli::command(), "newslint", out);
            Ok(())
        })
        .map(|()| EXIT_CLEAN),
        Command::Server => newslint::server::stdio()
            .map(|()| EXIT_CLEAN)
            .map_err(Failure),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(Failure(message)) => {
            error(&message);
            ExitCode::from(EXIT_FAILURE)
        }
    }
}

fn current_dir() -> Result<PathBuf, Failure> {
    std::env::current_dir().map_err(|e| Failure(format!("cannot read the current folder: {e}")))
}

/// Reads the configuration (found, named or none) and resolves it with the
/// flags: rules loaded, ids, globs and parameters checked.
fn resolve(args: &RuleArgs, fail_on: Option<FailOn>) -> Result<Resolved, Failure> {
    let cwd = current_dir()?;
    let invalid_config = |e: newslint::LoadError| Failure(format!("invalid configuration: {e}"));
    let config = if args.no_config {
        Config::none(&cwd)
    } else {
        let found = args.config.clone().or_else(|| {
            let found = config::discover(&cwd)?;
            if let Some(twin) = config::twin(&found) {
                let name = |p: &Path| {
                    p.file_name()
                        .unwrap_or_default()
                        .to_string_lossy()
                        .into_owned()
                };
                let folder = found.parent().unwrap_or(&cwd);
                let folder = match folder.strip_prefix(&cwd) {
                    Ok(relative) if relative.as_os_str().is_empty() => Path::new("."),
                    Ok(relative) => relative,
                    Err(_) => folder,
                };
                warning(&format!(
                    "{} holds both {} and {}; only {} is read (merge them and remove {})",
                    folder.display(),
                    name(&found),
                    name(&twin),
                    name(&found),
                    name(&twin)
                ));
            }
            Some(found)
        });
        match found {
            Some(path) => Config::load(&path, &cwd).map_err(invalid_config)?,
            None => Config::none(&cwd),
        }
    };
    let flags = Flags {
        rule_dirs: args.rule_dirs.clone(),
        only: args.only.clone(),
        disable: args.disable.clone(),
        enable: args.enable.clone(),
        severity: args.severity.clone(),
        fail_on: fail_on.map(|f| match f {
            FailOn::Error => ConfigFailOn::Error,
            FailOn::Warning => ConfigFailOn::Warning,
            FailOn::Info => ConfigFailOn::Info,
            FailOn::Never => ConfigFailOn::Never,
        }),
    };
    let config_file = config.path().map(|p| p.display().to_string());
    Resolved::new(config, flags).map_err(|e| {
        if e.file == "command line" {
            Failure(e.message)
        } else if Some(&e.file) == config_file.as_ref() {
            Failure(format!("invalid configuration: {e}"))
        } else {
            Failure(format!("invalid rule file: {e}"))
        }
    })
}

/// `newslint test`: runs the examples of the rules that run, or of the
/// rules in the files named (with the configuration's parameters when the
/// configuration loads them too).
fn test_examples(paths: &[PathBuf], args: &RuleArgs) -> Result<u8, Failure> {
    let resolved = resolve(args, None)?;
    let rules = if paths.is_empty() {
        resolved.rules().clone()
    } else {
        let invalid = |e: newslint::LoadError| Failure(format!("invalid rule file: {e}"));
        let mut named = newslint::RuleSet::empty();
        for path in paths {
            named.load_path(path).map_err(invalid)?;
        }
        let same_file = |a: &str, b: &str| {
            let real = |p: &str| std::fs::canonicalize(p).ok();
            real(a).is_some() && real(a) == real(b)
        };
        let mut rules = resolved.all_rules().clone();
        rules.retain(|r| {
            named
                .get(&r.meta.id)
                .is_some_and(|n| same_file(&n.meta.origin, &r.meta.origin))
        });
        for rule in named.rules() {
            if rules.get(&rule.meta.id).is_none() {
                rules
                    .add_str(&rule.written, &rule.meta.origin)
                    .map_err(invalid)?;
            }
        }
        rules
    };
    let outcome = config::examples::run(&rules);
    write_stdout(|out| {
        for problem in &outcome.problems {
            writeln!(out, "{problem}")?;
        }
        let rules = match outcome.rules {
            1 => "1 rule".to_string(),
            n => format!("{n} rules"),
        };
        writeln!(
            out,
            "{rules}, {} examples: {} failing",
            outcome.examples,
            outcome.problems.len()
        )
    })?;
    Ok(if outcome.problems.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_FINDINGS
    })
}

/// `newslint init`: writes the starter configuration, never beside an
/// existing `.newslint.yaml`, which the new file would silently replace.
fn init(force: bool) -> Result<u8, Failure> {
    let path = Path::new(config::FILE_NAMES[0]);
    let hidden = Path::new(config::FILE_NAMES[1]);
    if std::fs::symlink_metadata(hidden).is_ok() {
        return Err(Failure(format!(
            "{} already configures this folder; a new {} would replace it \
             (edit it, or remove it first)",
            hidden.display(),
            path.display()
        )));
    }
    // Not `exists()`, which follows a link: a link, even one that leads
    // nowhere, is never written through (that would create or overwrite
    // its target, wherever it points).
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(Failure(format!(
                "{} is a symbolic link; remove it first to write a new configuration",
                path.display()
            )))
        }
        Ok(_) if !force => {
            return Err(Failure(format!(
                "{} already exists (use --force to overwrite it)",
                path.display()
            )))
        }
        _ => {}
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        // Fails if the file appeared since the check above.
        options.create_new(true);
    }
    options
        .open(path)
        .and_then(|mut file| file.write_all(STARTER.as_bytes()))
        .map_err(|e| Failure(format!("cannot write {}: {e}", path.display())))?;
    say(&format!(
        "newslint: wrote {}; `newslint config` shows what it resolves to",
        path.display()
    ));
    Ok(EXIT_CLEAN)
}

/// Writes a line to stderr. A stderr that cannot be written (`2>/dev/full`,
/// a closed pipe) loses the message but never stops the run: `eprintln!`
/// would panic, in the middle of the ordered report.
fn say(line: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{line}");
}

/// Reports an error of the run on stderr.
fn error(message: &str) {
    say(&format!("newslint: error: {message}"));
}

/// Reports a warning on stderr: the run goes on and its exit status is
/// unchanged.
fn warning(message: &str) {
    say(&format!("newslint: warning: {message}"));
}

/// Whether the process was started with standard output closed (`>&-`).
///
/// The Rust runtime reopens a standard descriptor that is closed at start
/// on `/dev/null`, read-write, so that no file the process opens takes its
/// number; a shell's `>/dev/null` opens it write-only. So read-write on
/// `/dev/null` means "closed".
#[cfg(unix)]
fn stdout_is_closed() -> bool {
    use rustix::fs::OFlags;
    use std::os::fd::AsFd;
    use std::os::unix::fs::MetadataExt;
    let stdout = io::stdout();
    let Ok(flags) = rustix::fs::fcntl_getfl(stdout.as_fd()) else {
        return true;
    };
    if !flags.contains(OFlags::RDWR) {
        return false;
    }
    let Ok(fd) = stdout.as_fd().try_clone_to_owned() else {
        return true;
    };
    match (
        std::fs::File::from(fd).metadata(),
        std::fs::metadata("/dev/null"),
    ) {
        (Ok(out), Ok(null)) => out.dev() == null.dev() && out.ino() == null.ino(),
        _ => false,
    }
}

/// Whether the process was started with standard output closed.
#[cfg(not(unix))]
fn stdout_is_closed() -> bool {
    false
}

/// Whether an output error means the reader went away (not a failure).
fn closed(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::BrokenPipe
}

/// Writes to stdout through a buffer; a closed pipe ends output quietly.
fn write_stdout(render: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), Failure> {
    // Not locked for the run: whichever worker reports a file writes it.
    let mut out = BufWriter::new(io::stdout());
    match render(&mut out).and_then(|()| out.flush()) {
        Err(e) if !closed(&e) => Err(Failure(format!("cannot write output: {e}"))),
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

/// The renderer of the main report (standard output or --output-file).
fn renderer(args: &CheckArgs, resolved: &Resolved) -> Box<dyn Renderer + Send> {
    let color =
        args.output_file.is_none() && use_color(args.color) || args.color == ColorChoice::Always;
    if args.statistics {
        let table = StatisticsRenderer::new(args.format == OutputFormat::Json);
        return Box::new(if args.quiet { table.quiet() } else { table });
    }
    renderer_for(args.format, args, resolved, color, step_summary())
}

/// The renderer for a format; only one report of a run writes the job
/// summary.
fn renderer_for(
    format: OutputFormat,
    args: &CheckArgs,
    resolved: &Resolved,
    color: bool,
    step_summary: Option<Box<dyn Write + Send>>,
) -> Box<dyn Renderer + Send> {
    match format {
        OutputFormat::Human => {
            let human = HumanRenderer::new(color);
            Box::new(if args.quiet { human.quiet() } else { human })
        }
        OutputFormat::Json => Box::new(JsonRenderer::default()),
        OutputFormat::Jsonl => Box::new(JsonlRenderer),
        OutputFormat::Line => Box::new(LineRenderer::new(match args.line_columns {
            LineColumns::Chars => newslint::source::ColumnUnit::Chars,
            LineColumns::Bytes => newslint::source::ColumnUnit::Bytes,
        })),
        OutputFormat::Rdjson => Box::new(RdjsonRenderer::default()),
        OutputFormat::Sarif => {
            let sarif = SarifRenderer::new(resolved.rules().rules().iter().map(|r| r.meta.clone()));
            match std::env::current_dir() {
                Ok(cwd) => {
                    let root = repository_root(&cwd)
                        .unwrap_or_else(|| resolved.config().root().to_path_buf());
                    Box::new(sarif.relative_to(&root, &cwd))
                }
                Err(_) => Box::new(sarif),
            }
        }
        OutputFormat::Github => {
            let github = GithubRenderer::new(step_summary);
            Box::new(if args.quiet { github.quiet() } else { github })
        }
    }
}

/// The top folder of the git work tree holding `dir` (the nearest folder
/// with a `.git` entry: a folder, or a file in a linked work tree).
fn repository_root(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
}

/// Whether a format writes each file's findings as soon as they are known
/// (so the output is flushed file by file).
fn streams(format: OutputFormat) -> bool {
    matches!(
        format,
        OutputFormat::Line | OutputFormat::Jsonl | OutputFormat::Github
    )
}

/// Creates a report file, with an error that says what is wrong with its
/// path (a missing folder is the usual mistake in a workflow).
fn create_report(path: &Path) -> Result<Box<dyn Write + Send>, Failure> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(folder) = folder.filter(|f| !f.is_dir()) {
        return Err(Failure(format!(
            "cannot write the report to {}: the folder {} does not exist (create it first)",
            path.display(),
            folder.display()
        )));
    }
    std::fs::File::create(path)
        .map(|file| Box::new(BufWriter::new(file)) as Box<dyn Write + Send>)
        .map_err(|e| {
            Failure(format!(
                "cannot write the report to {}: {e}",
                path.display()
            ))
        })
}

/// One report of a run: a renderer and where it writes.
struct Sink {
    renderer: Box<dyn Renderer + Send>,
    out: Box<dyn Write + Send>,
    streaming: bool,
    /// The file written, or `None` for standard output.
    path: Option<PathBuf>,
}

impl Sink {
    /// Names the file in a write error (standard output's need no name).
    fn named(&self, e: io::Error) -> io::Error {
        match &self.path {
            Some(path) => io::Error::new(e.kind(), format!("{}: {e}", path.display())),
            None => e,
        }
    }
}

/// The job summary file GitHub Actions names in `GITHUB_STEP_SUMMARY`.
fn step_summary() -> Option<Box<dyn Write + Send>> {
    let path = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty())?;
    match std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
    {
        Ok(file) => Some(Box::new(BufWriter::new(file))),
        Err(e) => {
            say(&format!(
                "newslint: warning: cannot write the job summary to {}: {e}",
                Path::new(&path).display()
            ));
            None
        }
    }
}

/// `newslint check`: lint every input in parallel, report in path order as
/// each file is ready.
fn check(args: CheckArgs) -> Result<u8, Failure> {
    inputs::check_paths(&args.paths).map_err(Failure)?;
    if args.statistics && !matches!(args.format, OutputFormat::Human | OutputFormat::Json) {
        return Err(Failure(
            "--statistics prints a table (--format human) or JSON (--format json)".into(),
        ));
    }
    if (args.fix || args.diff)
        && (args.output_file.is_some() || !args.also.is_empty() || args.statistics)
    {
        return Err(Failure(
            "--output-file, --also and --statistics report a check; they do not apply with --fix or --diff".into(),
        ));
    }
    if args.fix || args.diff {
        return fixing::check(args);
    }
    if args.unsafe_fixes {
        return Err(Failure(
            "--unsafe-fixes applies with --fix or --diff".into(),
        ));
    }
    // Before the rules load: they compile on the same threads.
    if let Some(threads) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global()
            .map_err(|e| Failure(format!("cannot start {threads} threads: {e}")))?;
    }
    // The walk goes on while the rules compile on the worker threads, and
    // while they build the linter the files share.
    let (resolved, found) = std::thread::scope(|scope| {
        let walk = scope.spawn(|| inputs::find(&args.paths, args.stdin_filename.as_deref()));
        let resolved = resolve(&args.rules, args.fail_on).and_then(|resolved| {
            resolved
                .prepare_shared_linter()
                .map_err(|e| Failure(format!("invalid configuration: {e}")))?;
            Ok(resolved)
        });
        let found = walk
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (resolved, found)
    });
    let resolved = resolved?;
    let cwd = current_dir()?;
    let keep = |path: &Path| resolved.walks_into(path, &cwd);
    let inputs = found.keep(&keep, args.force_exclude);
    let mut failed = !inputs.errors.is_empty();
    for message in &inputs.errors {
        error(message);
    }
    for message in &inputs.warnings {
        warning(message);
    }

    let mut sinks = vec![Sink {
        renderer: renderer(&args, &resolved),
        out: match &args.output_file {
            Some(path) => create_report(path)?,
            None => Box::new(BufWriter::new(io::stdout())),
        },
        streaming: !args.statistics && streams(args.format),
        path: args.output_file.clone(),
    }];
    for (format, path) in &args.also {
        sinks.push(Sink {
            renderer: renderer_for(
                *format,
                &args,
                &resolved,
                args.color == ColorChoice::Always,
                None,
            ),
            out: create_report(path)?,
            streaming: streams(*format),
            path: Some(path.clone()),
        });
    }
    let threshold = resolved.fail_on().threshold();
    let mut summary = Summary::default();
    let mut failing = false;

    let lint = |input: &inputs::Input| {
        let source = input.read(args.max_file_size)?;
        let policy = resolved.policy_of(input.path(), &cwd);
        let linter = resolved
            .linter_for(&policy)
            .map_err(|e| format!("invalid configuration: {e}"))?;
        let mut diagnostics = linter.lint(&source, input.format());
        policy.apply(&mut diagnostics);
        Ok::<_, String>((source, diagnostics))
    };
    let mut reader_gone = false;
    let mut progress = progress::Progress::new(inputs.list.len());
    if args.quiet {
        progress = progress.off();
    }
    let report = |result: Result<(Source, Vec<Diagnostic>), String>| -> io::Result<Next> {
        let (source, diagnostics) = match result {
            Ok(linted) => linted,
            Err(message) => {
                failed = true;
                error(&message);
                return Ok(Next::Continue);
            }
        };
        summary.add_file(&diagnostics);
        progress.file_done(source.text().len(), diagnostics.len());
        failing |= threshold.is_some_and(|t| diagnostics.iter().any(|d| d.severity >= t));
        let file = FileReport {
            source: &source,
            diagnostics: &diagnostics,
        };
        for sink in &mut sinks {
            let written = sink.renderer.file(&mut sink.out, file).and_then(|()| {
                if sink.streaming {
                    sink.out.flush()
                } else {
                    Ok(())
                }
            });
            match written {
                // Nobody reads the rest: stop linting, quietly.
                Err(e) if closed(&e) && sink.path.is_none() => {
                    reader_gone = true;
                    return Ok(Next::Stop);
                }
                Err(e) => return Err(sink.named(e)),
                Ok(()) => {}
            }
        }
        Ok(Next::Continue)
    };
    let size = |result: &Result<(Source, Vec<Diagnostic>), String>| {
        result.as_ref().map_or(0, |(source, _)| source.text().len())
    };
    let linted = run::ordered(&inputs.list, lint, size, report);
    progress.clear();
    let written = linted.and_then(|()| {
        if reader_gone {
            return Ok(());
        }
        for sink in &mut sinks {
            sink.renderer
                .finish(&mut sink.out, &summary)
                .and_then(|()| sink.out.flush())
                .map_err(|e| sink.named(e))?;
        }
        Ok(())
    });
    match written {
        Err(e) if !closed(&e) => return Err(Failure(format!("cannot write output: {e}"))),
        _ => {}
    }
    // The process exits next: the system takes back the compiled rules
    // (tens of thousands of allocations) at once, faster than freeing them.
    std::mem::forget(resolved);
    Ok(if failed {
        EXIT_FAILURE
    } else if failing {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}
