//! The command line, declared with clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use newslint::Severity;

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
    /// Explain one rule: what it catches, why it matters, and its examples.
    Explain {
        /// The rule id, e.g. template-leak.
        id: String,
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
    /// Show an article as newslint reads it: its format, headline, summary
    /// and blocks (kind, section, line:column, text); on a saved page, only
    /// the article's blocks, and with --skipped the regions passed over.
    Document(DocumentArgs),
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
    /// Re-grade a rule everywhere: RULE=error|warning|info (repeatable, or comma-separated).
    #[arg(long, value_name = "RULE=LEVEL", value_delimiter = ',', value_parser = parse_severity)]
    pub severity: Vec<(String, Severity)>,
}

fn parse_severity(text: &str) -> Result<(String, Severity), String> {
    let (id, level) = text
        .split_once('=')
        .ok_or_else(|| format!("expected RULE=LEVEL, got `{text}`"))?;
    Ok((id.trim().to_string(), level.trim().parse()?))
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files and directories to lint; `-` reads standard input.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format. Columns count characters (Unicode scalar values) in
    /// every format except rdjson, which counts UTF-8 bytes as reviewdog
    /// expects; lines and columns are 1-based.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
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
    /// Number of files linted in parallel (default: one per CPU).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    #[command(flatten)]
    pub rules: RuleArgs,
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
    /// streamed; the column counts characters (Vim: use %v, not %c).
    Line,
    /// GitHub Actions annotations, then the full report for the log (and a
    /// Markdown table in $GITHUB_STEP_SUMMARY when set).
    Github,
    /// SARIF 2.1.0, for code-scanning upload (columns: Unicode code points).
    Sarif,
    /// reviewdog's rdjson (columns: UTF-8 bytes), for `reviewdog -f=rdjson`.
    Rdjson,
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
