//! `jdlint rules` and `jdlint rule <id>`.

use std::io;

use codespan_reporting::term::termcolor::WriteColor;

use super::exit;
use crate::rules::{Catalog, Kind, RuleMeta};

/// Prints every rule on one line each.
pub(super) fn list(out: &mut dyn WriteColor) -> io::Result<u8> {
    let catalog = Catalog::builtin();
    let width = catalog
        .rules()
        .iter()
        .map(|r| r.id.len())
        .max()
        .unwrap_or(0);
    writeln!(
        out,
        "{:width$}  {:5}  {:12}  {:5}  {:7}  {:11}  SUMMARY",
        "ID", "CODE", "CATEGORY", "LEVEL", "FIX", "PRESET"
    )?;
    for rule in catalog.rules() {
        writeln!(
            out,
            "{:width$}  {:5}  {:12}  {:5}  {:7}  {:11}  {}",
            rule.id,
            rule.code.as_deref().unwrap_or("-"),
            rule.category.as_str(),
            rule.default_level.as_str(),
            fix_label(rule),
            preset_label(rule),
            rule.doc().summary,
        )?;
    }
    Ok(exit::OK)
}

/// The smallest preset that turns the rule on: `preview` rules only come with `all`.
fn preset_label(rule: &RuleMeta) -> &'static str {
    match rule.status {
        crate::rules::Status::Preview => "all",
        crate::rules::Status::Stable => rule.preset.as_str(),
    }
}

fn fix_label(rule: &RuleMeta) -> &'static str {
    match rule.fix {
        Some(crate::diagnostic::Applicability::Safe) => "safe",
        Some(crate::diagnostic::Applicability::Unsafe) => "unsafe",
        Some(crate::diagnostic::Applicability::DisplayOnly) => "display",
        None => "-",
    }
}

/// Prints one rule's documentation.
pub(super) fn show(id: &str, out: &mut dyn WriteColor, err: &mut dyn WriteColor) -> io::Result<u8> {
    let catalog = Catalog::builtin();
    let Some(rule) = catalog.get(id) else {
        write!(err, "error: unknown rule `{id}`")?;
        match catalog.suggest(id) {
            Some(s) => writeln!(err, "; did you mean `{s}`?")?,
            None => writeln!(err, "; run `jdlint rules` to list every rule")?,
        }
        return Ok(exit::ERROR);
    };
    write!(out, "{}", render_doc(rule))?;
    Ok(exit::OK)
}

/// The documentation of a rule as Markdown: what, why, example, fix, options, metadata.
pub(crate) fn render_doc(rule: &RuleMeta) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let doc = rule.doc();
    let _ = writeln!(s, "# {}\n", rule.id);
    let _ = writeln!(s, "## What it does\n\nFlags {}.\n", doc.summary);
    let _ = writeln!(s, "## Why is this bad?\n\n{}\n", doc.why.trim());
    let _ = writeln!(
        s,
        "## Example\n\n```markdown\n{}\n```\n\nUse instead:\n\n```markdown\n{}\n```\n",
        doc.bad.trim_end(),
        doc.good.trim_end()
    );
    let _ = writeln!(s, "## How to fix\n\n{}\n", doc.fix.trim());
    if !rule.options.is_empty() {
        let _ = writeln!(s, "## Options\n");
        for o in &rule.options {
            let _ = writeln!(
                s,
                "- `{}` (default `{}`): {}",
                o.name, o.default, o.description
            );
        }
        let _ = writeln!(s);
    }
    if !doc.sources.is_empty() {
        let _ = writeln!(s, "## Sources\n");
        for source in &doc.sources {
            let _ = writeln!(s, "- {source}");
        }
        let _ = writeln!(s);
    }
    let kind = match rule.kind {
        Kind::Existence => "existence (data rule)",
        Kind::Substitution => "substitution (data rule)",
        Kind::Builtin => "built-in",
    };
    let _ = writeln!(
        s,
        "code: {} · category: {} · default level: {} · status: {} · preset: {} · kind: {kind} · fix: {}",
        rule.code.as_deref().unwrap_or("-"),
        rule.category.as_str(),
        rule.default_level,
        match rule.status {
            crate::rules::Status::Stable => "stable",
            crate::rules::Status::Preview => "preview",
        },
        preset_label(rule),
        fix_label(rule),
    );
    s
}
