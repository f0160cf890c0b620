//! The default format: codespan-reporting snippets, like rustc. Our diagnostic types become
//! codespan types here and nowhere else.

use std::io;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config, termcolor::WriteColor};

use super::{Reporter, Summary, sanitize};
use crate::diagnostic::{Diagnostic, Level};
use crate::source::SourceFile;

/// Writes codespan snippets.
pub struct Human;

impl From<Level> for Severity {
    fn from(level: Level) -> Self {
        match level {
            Level::Error => Severity::Error,
            Level::Warn => Severity::Warning,
            Level::Info | Level::Off => Severity::Note,
        }
    }
}

impl Reporter for Human {
    fn file(
        &mut self,
        out: &mut dyn WriteColor,
        file: &SourceFile,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        let name = sanitize(file.name()).into_owned();
        let text = sanitize(file.text());
        let files = SimpleFile::new(name.clone(), text.as_ref());
        let config = Config::default();
        for d in diagnostics {
            let line = file.line_range(file.line_index(d.span.start));
            if line.len() > MAX_SNIPPET_LINE {
                // A snippet would print the whole line (a 5 MB line once per finding).
                let at = file.location(d.span.start);
                let mut short = d.clone();
                short.note = Some(format!(
                    "at {}:{}:{} (the line is too long to show){}",
                    name,
                    at.line,
                    at.column,
                    d.note
                        .as_deref()
                        .map(|n| format!("; {n}"))
                        .unwrap_or_default()
                ));
                emit(out, &config, &files, &short, false)?;
            } else {
                emit(out, &config, &files, d, true)?;
            }
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn WriteColor, summary: &Summary) -> io::Result<()> {
        writeln!(out, "{}", summary.line())
    }
}

/// Lines longer than this many bytes are not shown in snippets.
pub const MAX_SNIPPET_LINE: usize = 1000;

/// Renders one diagnostic against one file, with a snippet of the source or (for lines too long
/// to show) without.
pub fn emit(
    out: &mut dyn WriteColor,
    config: &Config,
    files: &SimpleFile<String, &str>,
    d: &Diagnostic,
    snippet: bool,
) -> io::Result<()> {
    let mut labels = Vec::new();
    if snippet {
        labels.push(Label::primary((), d.span.clone()).with_message(sanitize(&d.label)));
        labels.extend(
            d.secondary
                .iter()
                .map(|l| Label::secondary((), l.span.clone()).with_message(sanitize(&l.message))),
        );
    }
    let notes = d
        .note
        .iter()
        .map(|n| sanitize(n).into_owned())
        .chain(d.help.iter().map(|h| format!("help: {}", sanitize(h))))
        .collect();
    let cs = CsDiagnostic::new(d.level.into())
        .with_code(d.rule.clone())
        .with_message(sanitize(&d.message))
        .with_labels(labels)
        .with_notes(notes);
    term::emit_to_write_style(out, config, files, &cs).map_err(|e| match e {
        codespan_reporting::files::Error::Io(e) => e,
        other => io::Error::other(other.to_string()),
    })
}

/// Renders diagnostics as plain text (no colour), as the fixture tests snapshot them.
pub fn render_plain(file: &SourceFile, diagnostics: &[Diagnostic]) -> String {
    let mut buffer = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
    Human
        .file(&mut buffer, file, diagnostics)
        .expect("writing to memory cannot fail");
    String::from_utf8_lossy(&buffer.into_inner()).into_owned()
}

/// Renders an error with an optional snippet of the file it is about (a config file, say).
pub fn emit_error(
    out: &mut dyn WriteColor,
    name: &str,
    text: &str,
    span: Option<std::ops::Range<usize>>,
    message: &str,
    help: Option<&str>,
) -> io::Result<()> {
    let files = SimpleFile::new(sanitize(name).into_owned(), text);
    let mut cs = CsDiagnostic::error().with_message(sanitize(message));
    match span {
        Some(span) if span.end <= text.len() => {
            cs = cs.with_labels(vec![Label::primary((), span)]);
        }
        _ => cs = cs.with_message(format!("{}: {}", sanitize(name), sanitize(message))),
    }
    if let Some(help) = help {
        cs = cs.with_notes(vec![format!("help: {}", sanitize(help))]);
    }
    term::emit_to_write_style(out, &Config::default(), &files, &cs).map_err(|e| match e {
        codespan_reporting::files::Error::Io(e) => e,
        other => io::Error::other(other.to_string()),
    })
}
