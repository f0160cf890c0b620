//! Checkstyle XML, the format reviewdog (`-f=checkstyle`), Jenkins' warnings plugin and many CI
//! dashboards read. Every checked file gets a `<file>` element, with one `<error>` per finding.
//!
//! ```xml
//! <?xml version="1.0" encoding="UTF-8"?>
//! <checkstyle version="4.3">
//!   <file name="postings/a.md">
//!     <error line="1" column="3" severity="warning" message="…" source="jdlint.missing-salary-range"/>
//!   </file>
//! </checkstyle>
//! ```

use std::fmt::Write as _;
use std::io;

use codespan_reporting::term::termcolor::WriteColor;

use super::{Reporter, Summary, xml_escape};
use crate::diagnostic::{Diagnostic, Level};
use crate::source::SourceFile;

/// Writes Checkstyle XML. The document is written whole at the end.
#[derive(Default)]
pub struct Checkstyle {
    body: String,
}

fn severity(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warn => "warning",
        Level::Info | Level::Off => "info",
    }
}

impl Reporter for Checkstyle {
    fn file(
        &mut self,
        _out: &mut dyn WriteColor,
        file: &SourceFile,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        let _ = writeln!(self.body, "  <file name=\"{}\">", xml_escape(file.name()));
        for d in diagnostics {
            let at = file.location(d.span.start);
            let _ = writeln!(
                self.body,
                "    <error line=\"{}\" column=\"{}\" severity=\"{}\" message=\"{}\" source=\"jdlint.{}\"/>",
                at.line,
                at.column,
                severity(d.level),
                xml_escape(&d.message),
                xml_escape(&d.rule),
            );
        }
        self.body.push_str("  </file>\n");
        Ok(())
    }

    fn file_error(
        &mut self,
        _out: &mut dyn WriteColor,
        path: &str,
        message: &str,
    ) -> io::Result<()> {
        let _ = writeln!(
            self.body,
            "  <file name=\"{}\">\n    <error line=\"1\" column=\"1\" severity=\"error\" message=\"{}\" source=\"jdlint.io\"/>\n  </file>",
            xml_escape(path),
            xml_escape(message)
        );
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn WriteColor, _summary: &Summary) -> io::Result<()> {
        write!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n{}</checkstyle>\n",
            self.body
        )
    }
}
