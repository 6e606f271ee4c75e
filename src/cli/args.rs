//! The command line, declared with clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use newslint::config::Level;

/// Lint machine-written news articles before they are published.
#[derive(Debug, Parser)]
#[command(name = "newslint", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint article files (.txt, .md, .html) and directories of them.
    Check(CheckArgs),
    /// List every loaded rule: id, severity, kind and summary.
    Rules(RuleArgs),
    /// Explain one rule: what it catches, why it matters, its parameters
    /// (with the configuration applied) and its examples.
    Explain {
        /// The rule id, e.g. template-leak.
        id: String,
        /// Print the whole rule file instead (as written, comments and
        /// examples included), to copy into a house rule.
        #[arg(long)]
        yaml: bool,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Run the rules' own examples: each `flag` text must be reported by
    /// its rule, each `pass` text must not. Every failing example is listed
    /// with its file:line; exit status 1 when one fails.
    Test {
        /// Rule files or folders whose rules to test (default: every rule
        /// that runs, built-in and house rules, with the configuration).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Print the resolved configuration: the file used, every rule's
    /// severity (or `off`), parameters, globs and overrides, with flags
    /// applied; with a PATH, the rules as they apply to that file.
    Config {
        /// A file whose per-path settings (overrides) to show.
        #[arg(value_name = "PATH")]
        path: Option<PathBuf>,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Run the language server (LSP over standard input and output), for
    /// editors: findings as you type, fixes, suppressions, explanations.
    Server,
    /// Show an article as newslint reads it: its format, headline, summary
    /// and blocks (kind, section, line:column, text); on a saved page, only
    /// the article's blocks, and with --skipped the regions passed over.
    Document(DocumentArgs),
    /// Print the JSON Schema of rule files or of newslint.yaml, for YAML
    /// editors (the repository keeps them under schemas/).
    Schema {
        /// Which file's schema.
        #[arg(value_enum)]
        of: SchemaOf,
    },
    /// Print a completion script for a shell, e.g. `newslint completions
    /// bash > /etc/bash_completion.d/newslint`.
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write a commented starter newslint.yaml in the current folder.
    Init {
        /// Overwrite an existing newslint.yaml.
        #[arg(long)]
        force: bool,
    },
}

/// Where rules come from, which are used and how they are graded. Flags
/// override the configuration file, its per-path overrides included.
#[derive(Debug, Args, Clone, Default)]
pub struct RuleArgs {
    /// Use this configuration file instead of the newslint.yaml (or
    /// .newslint.yaml) found from the current folder upward.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore any configuration file.
    #[arg(long)]
    pub no_config: bool,
    /// Load extra YAML rule files from this folder (or file), on top of the built-in pack.
    #[arg(long = "rules", value_name = "DIR")]
    pub rule_dirs: Vec<PathBuf>,
    /// Use only these rules (comma-separated ids).
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    pub only: Vec<String>,
    /// Turn these rules off (comma-separated ids).
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    pub disable: Vec<String>,
    /// Turn these rules on everywhere, even where the configuration turns them off.
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    pub enable: Vec<String>,
    /// Re-grade a rule everywhere: RULE=error|warning|info, or RULE=off to
    /// turn it off (repeatable, or comma-separated).
    #[arg(long, value_name = "RULE=LEVEL", value_delimiter = ',', value_parser = parse_severity)]
    pub severity: Vec<(String, Level)>,
}

fn parse_severity(text: &str) -> Result<(String, Level), String> {
    let (id, level) = text
        .split_once('=')
        .ok_or_else(|| format!("expected RULE=LEVEL, got `{text}`"))?;
    Ok((id.trim().to_string(), level.trim().parse()?))
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files and directories to lint; `-` reads standard input [default:
    /// `.`, or `-` when --stdin-filename is given].
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format. Columns count characters (Unicode scalar values) in
    /// every format except rdjson, which counts UTF-8 bytes as reviewdog
    /// expects; lines and columns are 1-based.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Write the report to this file instead of standard output.
    #[arg(long, value_name = "PATH")]
    pub output_file: Option<PathBuf>,
    /// Also write the report in another format to a file, from the same
    /// run: FORMAT=PATH (repeatable), e.g. `--format github --also
    /// sarif=newslint.sarif`.
    #[arg(long, value_name = "FORMAT=PATH", value_parser = parse_also)]
    pub also: Vec<(OutputFormat, PathBuf)>,
    /// Print how many findings each rule made instead of the findings: a
    /// table, or JSON with --format json.
    #[arg(long)]
    pub statistics: bool,
    /// Print the findings only: no summary line and no progress.
    #[arg(long, short)]
    pub quiet: bool,
    /// When to colour human output (NO_COLOR is honoured by `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Exit with status 1 when a finding is at or above this severity
    /// [default: error, or the configuration's `fail-on`].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Name (and format, by extension) for text read from standard input.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// Hold files named on the command line to the configuration's
    /// `include` and `exclude` too (for pre-commit and other tools that
    /// name every changed file).
    #[arg(long)]
    pub force_exclude: bool,
    /// Number of files linted in parallel, 1 to 1024 (default: one per CPU).
    #[arg(long, value_name = "N", value_parser = parse_threads)]
    pub threads: Option<usize>,
    /// The most bytes read from one file (or standard input): a larger one
    /// is an error that names it. Suffixes K, M and G count KiB, MiB, GiB.
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    pub max_file_size: u64,
    /// Column unit of `--format line`: characters, as in every format, or
    /// bytes, for Vim's errorformat (`%c`), where a tab or a wide character
    /// is one column (its `%v` counts screen cells).
    #[arg(long, value_enum, default_value_t = LineColumns::Chars)]
    pub line_columns: LineColumns,
    /// Apply the safe fixes and write the files back (standard input: print
    /// the fixed text, and the findings left on stderr); report what is left.
    #[arg(long)]
    pub fix: bool,
    /// With --fix or --diff: apply the unsafe fixes too (they may change
    /// what the text says; read the diff).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them; exit 1
    /// when there is one.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    #[command(flatten)]
    pub rules: RuleArgs,
}

/// Parses `FORMAT=PATH` for `--also`.
fn parse_also(text: &str) -> Result<(OutputFormat, PathBuf), String> {
    let (format, path) = text
        .split_once('=')
        .filter(|(_, path)| !path.is_empty())
        .ok_or_else(|| format!("expected FORMAT=PATH, got `{text}`"))?;
    let format = OutputFormat::from_str(format.trim(), false).map_err(|_| {
        let names: Vec<_> = OutputFormat::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value())
            .map(|v| v.get_name().to_string())
            .collect();
        format!(
            "unknown format `{format}` (expected one of {})",
            names.join(", ")
        )
    })?;
    Ok((format, PathBuf::from(path)))
}

/// Most threads `--threads` accepts: each costs a stack and start-up
/// time, and far more threads than cores only adds switching.
const MAX_THREADS: usize = 1024;

/// Parses a thread count, 1 to [`MAX_THREADS`].
fn parse_threads(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(n) if (1..=MAX_THREADS).contains(&n) => Ok(n),
        _ => Err(format!(
            "expected a number from 1 to {MAX_THREADS}, got `{text}`"
        )),
    }
}

/// Parses a byte count with an optional K, M or G suffix (powers of 1024).
fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let (digits, shift) = match text.char_indices().last() {
        Some((at, 'k' | 'K')) => (&text[..at], 10),
        Some((at, 'm' | 'M')) => (&text[..at], 20),
        Some((at, 'g' | 'G')) => (&text[..at], 30),
        _ => (text, 0),
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(1 << shift))
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("expected a size such as 64M or 200000, got `{text}`"))
}

#[derive(Debug, Args)]
pub struct DocumentArgs {
    /// The article file (.txt, .md, .html); `-` reads standard input.
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
    /// Output format: readable text, or JSON (the fields are documented in
    /// the README).
    #[arg(long, value_enum, default_value_t = DocumentFormat::Text)]
    pub format: DocumentFormat,
    /// Also list the regions of a page passed over, with the reason.
    #[arg(long)]
    pub skipped: bool,
    /// Name (and format, by extension) for text read from standard input.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
}

/// The files `newslint schema` describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaOf {
    /// A rule file.
    Rule,
    /// The configuration, newslint.yaml.
    Config,
}

/// Output formats of `document`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocumentFormat {
    /// Readable in a terminal.
    Text,
    /// One JSON object.
    Json,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Compiler-style diagnostics with source excerpts.
    Human,
    /// One JSON object (see the README for its fields).
    Json,
    /// JSON Lines: one finding per line, the JSON report's fields, streamed.
    Jsonl,
    /// `path:line:column: severity: message [rule]`, one finding per line,
    /// streamed; the column counts characters (bytes with --line-columns bytes).
    Line,
    /// GitHub Actions annotations, then the full report for the log (and a
    /// Markdown table in $GITHUB_STEP_SUMMARY when set).
    Github,
    /// SARIF 2.1.0, for code-scanning upload (columns: Unicode code points).
    Sarif,
    /// reviewdog's rdjson (columns: UTF-8 bytes), for `reviewdog -f=rdjson`.
    Rdjson,
}

/// Column units `--format line` can count in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LineColumns {
    /// Unicode scalar values.
    Chars,
    /// UTF-8 bytes.
    Bytes,
}

/// Colour choice for human output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when standard output is a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The severity from which findings fail the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Fail on errors.
    Error,
    /// Fail on warnings and errors.
    Warning,
    /// Fail on any finding.
    Info,
    /// Never fail because of findings.
    Never,
}
