//! GitHub Actions workflow commands: one annotation per finding, shown on the pull request.
//!
//! `::warning file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=RULE-ID::MESSAGE`
//!
//! Escaping follows the runner's rules (actions/toolkit `command.ts`): in the message `%`, CR and
//! LF are percent-encoded; in properties `:` and `,` are too. Other control characters are
//! replaced, so a posting cannot smuggle a second command onto the line.

use std::io;

use codespan_reporting::term::termcolor::WriteColor;

use super::{Reporter, Summary};
use crate::diagnostic::{Diagnostic, Level};
use crate::source::SourceFile;

/// Writes workflow commands.
pub struct Github;

/// Escapes a command's message.
pub fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a command's property value.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

impl Reporter for Github {
    fn file(
        &mut self,
        out: &mut dyn WriteColor,
        file: &SourceFile,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        let path = escape_property(file.name());
        for d in diagnostics {
            let command = match d.level {
                Level::Error => "error",
                Level::Warn => "warning",
                Level::Info | Level::Off => "notice",
            };
            let start = file.location(d.span.start);
            let end = file.location(d.span.end);
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            writeln!(
                out,
                "::{command} file={path},line={},col={},endLine={},endColumn={},title={}::{}",
                start.line,
                start.column,
                end.line,
                end.column,
                escape_property(&d.rule),
                escape_data(&message),
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn WriteColor, summary: &Summary) -> io::Result<()> {
        writeln!(out, "{}", escape_data(&summary.line()))
    }

    fn file_error(
        &mut self,
        out: &mut dyn WriteColor,
        path: &str,
        message: &str,
    ) -> io::Result<()> {
        writeln!(
            out,
            "::error file={},title=jdlint::{}",
            escape_property(path),
            escape_data(message)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape_data("50% off\r\nnext"), "50%25 off%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
        assert_eq!(escape_data("bell\u{7}"), "bell\u{fffd}");
    }
}
