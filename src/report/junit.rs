//! `JUnit` XML, for CI systems that show test reports (GitLab's `artifacts:reports:junit`,
//! Jenkins, Azure Pipelines). Each posting is a test case; each finding at or above the fail
//! level is a `<failure>`; findings below it go to the case's `<system-out>`; a file that could
//! not be read is an `<error>`.

use std::fmt::Write as _;
use std::io;

use codespan_reporting::term::termcolor::WriteColor;

use super::{Reporter, Summary, xml_escape};
use crate::diagnostic::{Diagnostic, Level};
use crate::source::SourceFile;

/// Writes `JUnit` XML. The document is written whole at the end, since the suite's counts come
/// first.
pub struct Junit {
    fail_level: Level,
    cases: String,
    tests: usize,
    failures: usize,
    errors: usize,
}

impl Junit {
    /// A reporter that fails test cases on findings at or above `fail_level`.
    pub fn new(fail_level: Level) -> Self {
        Self {
            fail_level,
            cases: String::new(),
            tests: 0,
            failures: 0,
            errors: 0,
        }
    }
}

impl Reporter for Junit {
    fn file(
        &mut self,
        _out: &mut dyn WriteColor,
        file: &SourceFile,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        self.tests += 1;
        let name = xml_escape(file.name());
        let (failing, other): (Vec<_>, Vec<_>) =
            diagnostics.iter().partition(|d| d.level >= self.fail_level);
        if !failing.is_empty() {
            self.failures += 1;
        }
        let _ = write!(
            self.cases,
            "    <testcase name=\"{name}\" classname=\"jdlint\""
        );
        if diagnostics.is_empty() {
            self.cases.push_str("/>\n");
            return Ok(());
        }
        self.cases.push_str(">\n");
        let line = |d: &Diagnostic| {
            let at = file.location(d.span.start);
            let mut text = format!(
                "{}:{}:{}: {}[{}] {}",
                file.name(),
                at.line,
                at.column,
                d.level,
                d.rule,
                d.message
            );
            if let Some(help) = &d.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            text
        };
        for d in &failing {
            let _ = writeln!(
                self.cases,
                "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                xml_escape(&d.message),
                xml_escape(&d.rule),
                xml_escape(&line(d)),
            );
        }
        if !other.is_empty() {
            let text: Vec<String> = other.iter().map(|d| line(d)).collect();
            let _ = writeln!(
                self.cases,
                "      <system-out>{}</system-out>",
                xml_escape(&text.join("\n"))
            );
        }
        self.cases.push_str("    </testcase>\n");
        Ok(())
    }

    fn file_error(
        &mut self,
        _out: &mut dyn WriteColor,
        path: &str,
        message: &str,
    ) -> io::Result<()> {
        self.tests += 1;
        self.errors += 1;
        let _ = writeln!(
            self.cases,
            "    <testcase name=\"{}\" classname=\"jdlint\">\n      <error message=\"{}\" type=\"io\"/>\n    </testcase>",
            xml_escape(path),
            xml_escape(message)
        );
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn WriteColor, _summary: &Summary) -> io::Result<()> {
        write!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"jdlint\" tests=\"{t}\" failures=\"{f}\" errors=\"{e}\">\n  <testsuite name=\"jdlint\" tests=\"{t}\" failures=\"{f}\" errors=\"{e}\">\n{}  </testsuite>\n</testsuites>\n",
            self.cases,
            t = self.tests,
            f = self.failures,
            e = self.errors,
        )
    }
}
