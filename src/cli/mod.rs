//! The command line: clap arguments and one module per subcommand. Everything here writes to
//! the writers it is given, so `main.rs` stays thin and tests can capture output.

mod check;
mod config;
mod jurisdictions;
mod metrics;
mod rules;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::WriteColor;

use crate::diagnostic::Level;
use crate::report;

/// A linter for job postings in Markdown or plain text.
#[derive(Debug, Parser)]
#[command(name = "jdlint", version, about, long_about = None)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Lint postings: files, directories (recursive, .gitignore respected), or `-` for stdin.
    Check(CheckArgs),
    /// List every rule: id, code, category, default level, fix, summary.
    Rules,
    /// Show one rule's documentation.
    Rule {
        /// Rule id, code or alias.
        id: String,
    },
    /// Show the settings that apply to a file.
    Config(ConfigArgs),
    /// List the places whose pay-transparency laws jdlint checks (not legal advice).
    Jurisdictions,
    /// Print each posting's numbers: words, reading grade, must-haves, "you", coded words.
    Metrics(metrics::MetricsArgs),
    /// Run the language server on stdin and stdout (for editors).
    Server,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless `NO_COLOR` is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// The level at or above which findings fail the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailLevel {
    /// Any finding fails.
    Info,
    /// Warnings and errors fail (default).
    Warn,
    /// Only errors fail.
    Error,
}

impl From<FailLevel> for Level {
    fn from(level: FailLevel) -> Self {
        match level {
            FailLevel::Info => Level::Info,
            FailLevel::Warn => Level::Warn,
            FailLevel::Error => Level::Error,
        }
    }
}

#[derive(Debug, clap::Args)]
struct ConfigSource {
    /// Use this config file instead of discovering `jdlint.toml` from each file.
    #[arg(long, value_name = "PATH")]
    config: Option<PathBuf>,
    /// Ignore all config files; use the defaults.
    #[arg(long, conflicts_with = "config")]
    isolated: bool,
}

// Command-line flags are bools by nature.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// Files or directories to lint; `-` reads stdin. Defaults to the current directory.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = report::Format::Human)]
    format: report::Format,
    /// Exit 1 when a finding is at or above this level.
    #[arg(long, value_enum, default_value_t = FailLevel::Warn)]
    fail_level: FailLevel,
    /// The file name to use for stdin: picks the format and the config that applies.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
    /// Apply exclude globs to paths named on the command line too (for pre-commit).
    #[arg(long)]
    force_exclude: bool,
    /// Skip files larger than this many bytes, with an error.
    #[arg(long, value_name = "BYTES", default_value_t = 10 * 1024 * 1024)]
    max_file_size: u64,
    /// Print findings only, no summary line.
    #[arg(long, short)]
    quiet: bool,
    /// Apply safe fixes to the files (through a temporary file and a rename), then report what
    /// is left. With `-`, print the fixed text instead.
    #[arg(long)]
    fix: bool,
    /// With `--fix` or `--diff`, also apply unsafe fixes (rewording that may change meaning).
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them; exit 1 if there are any.
    #[arg(long, conflicts_with = "fix")]
    diff: bool,
    /// Check the pay-transparency law of this place too (repeatable); see `jdlint jurisdictions`.
    #[arg(long = "jurisdiction", value_name = "ID")]
    jurisdictions: Vec<String>,
    /// Print a count per rule instead of the findings (as a JSON array with `--format json`).
    #[arg(long)]
    statistics: bool,
    /// Report only findings that are not recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record every finding in this baseline file (written atomically) and exit 0 unless a file
    /// could not be read.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
    #[command(flatten)]
    source: ConfigSource,
}

#[derive(Debug, clap::Args)]
struct ConfigArgs {
    /// The file whose settings to show.
    path: PathBuf,
    #[command(flatten)]
    source: ConfigSource,
}

/// Exit codes, as documented in the README.
pub mod exit {
    /// Nothing at or above the fail level.
    pub const OK: u8 = 0;
    /// Findings at or above the fail level.
    pub const FINDINGS: u8 = 1;
    /// A usage, config or I/O error.
    pub const ERROR: u8 = 2;
}

/// Whether `color` asks for colour on a stream, given whether it is a terminal.
pub fn use_color(color: ColorWhen, is_terminal: bool) -> bool {
    match color {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

/// The colour setting of the command, if it has one (for `main` to build its writers).
pub fn color_of(args: &Args) -> ColorWhen {
    match &args.command {
        Command::Check(check) => check.color,
        _ => ColorWhen::Auto,
    }
}

/// Runs a parsed command line and returns the exit code.
pub fn run(
    args: Args,
    stdin: &mut dyn std::io::Read,
    out: &mut dyn WriteColor,
    err: &mut dyn WriteColor,
) -> std::io::Result<u8> {
    match args.command {
        Command::Check(check) => check::run(&check, stdin, out, err),
        Command::Rules => rules::list(out),
        Command::Rule { id } => rules::show(&id, out, err),
        Command::Config(config) => config::run(&config, out, err),
        Command::Jurisdictions => jurisdictions::list(out),
        Command::Metrics(metrics) => metrics::run(&metrics, out, err),
        Command::Server => crate::server::run(&mut std::io::BufReader::new(stdin), out),
    }
}
