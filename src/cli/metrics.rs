//! `jdlint metrics`: the numbers behind the metric rules, per posting.

use std::io;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use codespan_reporting::term::termcolor::WriteColor;

use super::exit;
use crate::document::{Document, Format};
use crate::metrics::Metrics;

/// How to print the metrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum MetricsFormat {
    /// One aligned row per posting.
    Text,
    /// JSON Lines: one object per posting.
    Json,
}

/// Arguments of `jdlint metrics`.
#[derive(Debug, Args)]
pub(super) struct MetricsArgs {
    /// Files or directories (Markdown and plain-text postings; `.gitignore` respected).
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = MetricsFormat::Text)]
    format: MetricsFormat,
}

const MAX_BYTES: u64 = 10 * 1024 * 1024;

fn postings(path: &Path) -> Vec<Result<PathBuf, String>> {
    if !path.is_dir() {
        return vec![Ok(path.to_path_buf())];
    }
    super::check::walker(path)
        .filter_map(|entry| match entry {
            Err(e) => Some(Err(e.to_string())),
            Ok(e) => {
                let p = e.into_path();
                let posting = p.is_file()
                    && p.extension()
                        .and_then(|x| x.to_str())
                        .is_some_and(|x| matches!(x, "md" | "markdown" | "txt"));
                posting.then_some(Ok(p))
            }
        })
        .collect()
}

/// Prints the metrics of every posting under `args.paths`; unreadable files are reported on
/// `err` and make the exit code 2, the others are still measured.
pub(super) fn run(
    args: &MetricsArgs,
    out: &mut dyn WriteColor,
    err: &mut dyn WriteColor,
) -> io::Result<u8> {
    let mut code = exit::OK;
    if args.format == MetricsFormat::Text {
        writeln!(
            out,
            "{:>6} {:>9} {:>5} {:>8} {:>4} {:>4} {:>12} {:>4} {:>4}  PATH",
            "WORDS", "SENTENCES", "GRADE", "REQUIRED", "NICE", "YOU", "THIRD-PERSON", "MASC", "FEM"
        )?;
    }
    for path in &args.paths {
        for posting in postings(path) {
            let path = match posting {
                Ok(p) => p,
                Err(e) => {
                    writeln!(err, "error: {}", crate::report::sanitize(&e))?;
                    code = exit::ERROR;
                    continue;
                }
            };
            let text = match super::check::read_file(&path, MAX_BYTES) {
                Ok(t) => t,
                Err(e) => {
                    writeln!(
                        err,
                        "error: {}: {}",
                        crate::report::sanitize(&path.display().to_string()),
                        e
                    )?;
                    code = exit::ERROR;
                    continue;
                }
            };
            let m = Metrics::of(&Document::parse(&text, Format::from_path(&path)));
            let display = path.display().to_string();
            let shown = crate::report::sanitize(&display);
            match args.format {
                MetricsFormat::Json => {
                    let mut value = serde_json::to_value(&m).map_err(io::Error::other)?;
                    value["path"] = serde_json::Value::String(path.display().to_string());
                    writeln!(out, "{value}")?;
                }
                MetricsFormat::Text => writeln!(
                    out,
                    "{:>6} {:>9} {:>5} {:>8} {:>4} {:>4} {:>12} {:>4} {:>4}  {shown}",
                    m.words,
                    m.sentences,
                    m.grade
                        .map_or_else(|| "-".to_string(), |g| format!("{g:.1}")),
                    m.required,
                    m.nice_to_have,
                    m.you,
                    m.third_person,
                    m.masculine_coded,
                    m.feminine_coded,
                )?,
            }
        }
    }
    Ok(code)
}
