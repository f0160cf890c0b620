//! JSON Lines, a public and stable format: fields are only ever added.
//!
//! One object per finding:
//!
//! ```json
//! {"type":"diagnostic","path":"postings/a.md","rule":"missing-salary-range","level":"warn",
//!  "message":"posting has no salary range","label":"…","note":"…","help":"…",
//!  "span":{"start":2,"end":20},"start":{"line":1,"column":3},"end":{"line":1,"column":21},
//!  "fix":null}
//! ```
//!
//! `span` is in bytes into the file as read; lines and columns are 1-based, columns counted in
//! Unicode scalar values; `end` is exclusive. `fix`, when present, is `{"applicability":
//! "safe"|"unsafe"|"display-only","edits":[{"span":{"start":…,"end":…},"replacement":"…"}]}`.
//! After all findings comes one summary object:
//! `{"type":"summary","files":3,"unreadable":0,"errors":0,"warnings":5,"infos":1}`.

use std::io;

use codespan_reporting::term::termcolor::WriteColor;
use serde::Serialize;

use super::{Reporter, Summary};
use crate::diagnostic::{Diagnostic, Fix, Level};
use crate::source::{LineCol, SourceFile};

/// Writes JSON Lines.
pub struct Json;

#[derive(Serialize)]
struct Span {
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct Position {
    line: usize,
    column: usize,
}

impl From<LineCol> for Position {
    fn from(at: LineCol) -> Self {
        Position {
            line: at.line,
            column: at.column,
        }
    }
}

#[derive(Serialize)]
struct Record<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    path: &'a str,
    rule: &'a str,
    level: Level,
    message: &'a str,
    label: &'a str,
    note: Option<&'a str>,
    help: Option<&'a str>,
    span: Span,
    start: Position,
    end: Position,
    fix: Option<&'a Fix>,
}

#[derive(Serialize)]
struct SummaryRecord {
    #[serde(rename = "type")]
    kind: &'static str,
    files: usize,
    unreadable: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

impl Reporter for Json {
    fn file(
        &mut self,
        out: &mut dyn WriteColor,
        file: &SourceFile,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        for d in diagnostics {
            let record = Record {
                kind: "diagnostic",
                path: file.name(),
                rule: &d.rule,
                level: d.level,
                message: &d.message,
                label: &d.label,
                note: d.note.as_deref(),
                help: d.help.as_deref(),
                span: Span {
                    start: d.span.start,
                    end: d.span.end,
                },
                start: file.location(d.span.start).into(),
                end: file.location(d.span.end).into(),
                fix: d.fix.as_ref(),
            };
            serde_json::to_writer(&mut *out, &record)?;
            writeln!(out)?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn WriteColor, summary: &Summary) -> io::Result<()> {
        serde_json::to_writer(
            &mut *out,
            &SummaryRecord {
                kind: "summary",
                files: summary.files,
                unreadable: summary.unreadable,
                errors: summary.errors,
                warnings: summary.warnings,
                infos: summary.infos,
            },
        )?;
        writeln!(out)
    }
}
