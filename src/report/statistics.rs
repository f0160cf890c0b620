//! `--statistics`: a count per rule instead of the findings, most frequent first.

use std::collections::BTreeMap;
use std::io;

use codespan_reporting::term::termcolor::WriteColor;
use serde::Serialize;

use crate::diagnostic::{Applicability, Diagnostic};
use crate::rules::Catalog;

/// Counts of findings per rule.
#[derive(Debug, Default)]
pub struct Statistics {
    /// Per rule id: its code (from the catalog that ran it, team rules included), the count and
    /// how many have a fix.
    counts: BTreeMap<String, (Option<String>, usize, usize)>,
}

#[derive(Serialize)]
struct Row<'a> {
    rule: &'a str,
    code: Option<&'a str>,
    count: usize,
    fixable: usize,
}

impl Statistics {
    /// Counts one file's findings; `catalog` is the one its rules came from.
    pub fn add(&mut self, diagnostics: &[Diagnostic], catalog: &Catalog) {
        for d in diagnostics {
            let entry = self
                .counts
                .entry(d.rule.clone())
                .or_insert_with(|| (catalog.get(&d.rule).and_then(|m| m.code.clone()), 0, 0));
            entry.1 += 1;
            if d.fix
                .as_ref()
                .is_some_and(|f| f.applicability != Applicability::DisplayOnly)
            {
                entry.2 += 1;
            }
        }
    }

    fn rows(&self) -> Vec<Row<'_>> {
        let mut rows: Vec<Row<'_>> = self
            .counts
            .iter()
            .map(|(rule, (code, count, fixable))| Row {
                rule,
                code: code.as_deref(),
                count: *count,
                fixable: *fixable,
            })
            .collect();
        rows.sort_by(|a, b| b.count.cmp(&a.count).then(a.rule.cmp(b.rule)));
        rows
    }

    /// Writes a table: count, code, rule id, and how many have a fix.
    pub fn write_text(&self, out: &mut dyn WriteColor) -> io::Result<()> {
        let rows = self.rows();
        let width = rows
            .iter()
            .map(|r| r.count.to_string().len())
            .max()
            .unwrap_or(1);
        for row in rows {
            write!(
                out,
                "{:>width$}  {:<6} {}",
                row.count,
                row.code.unwrap_or("-"),
                row.rule
            )?;
            if row.fixable > 0 {
                write!(out, " ({} fixable)", row.fixable)?;
            }
            writeln!(out)?;
        }
        Ok(())
    }

    /// Writes a JSON array of `{"rule","code","count","fixable"}`.
    pub fn write_json(&self, out: &mut dyn WriteColor) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &self.rows())?;
        writeln!(out)
    }
}
