//! Output formats. Each reporter receives one file's sorted diagnostics at a time and writes
//! them whole, then a summary at the end; none of them decides what is reported.

pub mod concise;
pub mod human;
pub mod json;

use std::io;

use codespan_reporting::term::termcolor::WriteColor;

use crate::diagnostic::{Diagnostic, Level};
use crate::source::SourceFile;

/// The output formats of `jdlint check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Source snippets with labels, like rustc (default).
    Human,
    /// One line per finding: `path:line:col: level[rule-id] message`.
    Concise,
    /// JSON Lines: one object per finding, then a summary object.
    Json,
}

/// Counts for the closing line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files linted (read successfully).
    pub files: usize,
    /// Files that could not be read or decoded.
    pub unreadable: usize,
    /// Findings at level error.
    pub errors: usize,
    /// Findings at level warn.
    pub warnings: usize,
    /// Findings at level info.
    pub infos: usize,
}

impl Summary {
    /// Counts one file's diagnostics.
    pub fn add(&mut self, diagnostics: &[Diagnostic]) {
        self.files += 1;
        for d in diagnostics {
            match d.level {
                Level::Error => self.errors += 1,
                Level::Warn => self.warnings += 1,
                Level::Info => self.infos += 1,
                Level::Off => {}
            }
        }
    }

    /// The closing line: "3 postings checked: 2 errors, 5 warnings".
    pub fn line(&self) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut parts = Vec::new();
        if self.errors > 0 {
            parts.push(plural(self.errors, "error", "errors"));
        }
        if self.warnings > 0 {
            parts.push(plural(self.warnings, "warning", "warnings"));
        }
        if self.infos > 0 {
            parts.push(plural(self.infos, "info", "infos"));
        }
        let found = if parts.is_empty() {
            "no problems found".to_string()
        } else {
            parts.join(", ")
        };
        let mut line = format!(
            "{} checked: {found}",
            plural(self.files, "posting", "postings")
        );
        if self.unreadable > 0 {
            line.push_str("; ");
            line.push_str(&plural(self.unreadable, "file", "files"));
            line.push_str(" could not be read");
        }
        line
    }
}

/// A writer of one output format.
pub trait Reporter {
    /// Writes one file's findings.
    fn file(
        &mut self,
        out: &mut dyn WriteColor,
        file: &SourceFile,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()>;
    /// Writes the closing summary.
    fn finish(&mut self, out: &mut dyn WriteColor, summary: &Summary) -> io::Result<()>;
}

/// The reporter for a format.
pub fn reporter(format: Format) -> Box<dyn Reporter + Send> {
    match format {
        Format::Human => Box::new(human::Human),
        Format::Concise => Box::new(concise::Concise),
        Format::Json => Box::new(json::Json),
    }
}

/// Removes control characters that a posting could use to move the cursor or recolour a
/// terminal; tabs become spaces.
pub fn sanitize(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().all(|c| !c.is_control() || c == '\n') {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\t' => ' ',
                '\n' => '\n',
                c if c.is_control() => '\u{fffd}',
                c => c,
            })
            .collect(),
    )
}
