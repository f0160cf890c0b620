//! Output formats. Each reporter receives one file's sorted diagnostics at a time and writes
//! them whole, then a summary at the end; none of them decides what is reported.

pub mod checkstyle;
pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod statistics;

use std::io;

use codespan_reporting::term::termcolor::WriteColor;

use crate::diagnostic::{Diagnostic, Level};
use crate::rules::RuleSet;
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
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// Checkstyle XML, as reviewdog and CI dashboards read it.
    Checkstyle,
    /// `JUnit` XML: one test case per posting, a failure per finding.
    Junit,
}

/// What some reporters need to know about the run.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Findings at or above this level fail the run (`JUnit` reports lower ones as output).
    pub fail_level: Level,
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
    /// Fixes applied (`--fix`).
    pub fixed: usize,
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
        if self.fixed > 0 {
            line.push_str("; ");
            line.push_str(&plural(self.fixed, "fix applied", "fixes applied"));
        }
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
    /// Learns the rules that apply to the next file (SARIF describes them).
    fn rules(&mut self, _rules: &RuleSet) {}
    /// Records a file that could not be read; the CLI has already told stderr.
    fn file_error(
        &mut self,
        _out: &mut dyn WriteColor,
        _path: &str,
        _message: &str,
    ) -> io::Result<()> {
        Ok(())
    }
}

/// The reporter for a format.
pub fn reporter(format: Format, options: Options) -> Box<dyn Reporter + Send> {
    match format {
        Format::Human => Box::new(human::Human),
        Format::Concise => Box::new(concise::Concise),
        Format::Json => Box::new(json::Json),
        Format::Sarif => Box::new(sarif::Sarif::default()),
        Format::Github => Box::new(github::Github),
        Format::Checkstyle => Box::new(checkstyle::Checkstyle::default()),
        Format::Junit => Box::new(junit::Junit::new(options.fail_level)),
    }
}

/// Escapes text for XML 1.0 attribute values and character data. Characters XML 1.0 cannot
/// carry even escaped (most C0 controls, U+FFFE, U+FFFF) become U+FFFD; line breaks and tabs are
/// written as character references so attribute values keep them.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c if c.is_control() && (c as u32) < 0x20 => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
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
