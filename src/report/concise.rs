//! One line per finding, `path:line:col: level[rule-id] message`, for editors' error parsers
//! (vim's errorformat, Emacs compile mode) and for grep.

use std::io;

use codespan_reporting::term::termcolor::WriteColor;

use super::{Reporter, Summary, sanitize};
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

/// Writes one line per finding.
pub struct Concise;

impl Reporter for Concise {
    fn file(
        &mut self,
        out: &mut dyn WriteColor,
        file: &SourceFile,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        let name = one_line(file.name());
        for d in diagnostics {
            let at = file.location(d.span.start);
            writeln!(
                out,
                "{name}:{}:{}: {}[{}] {}",
                at.line,
                at.column,
                d.level,
                d.rule,
                one_line(&d.message)
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn WriteColor, summary: &Summary) -> io::Result<()> {
        writeln!(out, "{}", summary.line())
    }
}

fn one_line(text: &str) -> String {
    sanitize(text).replace(['\n', '\r'], " ")
}
