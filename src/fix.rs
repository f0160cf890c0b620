//! Applying fixes: the edits rules offer, never touching a byte outside their spans.
//!
//! A fix is applied whole or not at all; one that overlaps a fix already taken in the same pass
//! waits for the next pass. [`fix_all`] lints, applies and lints again until nothing fixable is
//! left (or a pass limit is hit, in case two rules undo each other), like ruff's `--fix`.

use std::ops::Range;
use std::path::Path;

use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::rules::RuleSet;

/// Which fixes to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Only fixes that keep the meaning.
    Safe,
    /// Safe and unsafe fixes (rewording); never display-only ones.
    Unsafe,
}

impl Mode {
    /// Whether a fix of this applicability is applied.
    pub fn allows(self, applicability: Applicability) -> bool {
        match applicability {
            Applicability::Safe => true,
            Applicability::Unsafe => self == Mode::Unsafe,
            Applicability::DisplayOnly => false,
        }
    }
}

/// The result of one pass: the new text and the edits applied, in source order, with spans into
/// the text before the pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pass {
    /// The text after the pass.
    pub text: String,
    /// The edits applied.
    pub edits: Vec<Edit>,
    /// How many fixes (findings) were applied.
    pub fixes: usize,
}

/// Applies, in one pass, every allowed fix that overlaps no fix taken before it.
pub fn apply(text: &str, diagnostics: &[Diagnostic], mode: Mode) -> Pass {
    let mut fixes: Vec<&[Edit]> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| mode.allows(f.applicability) && !f.edits.is_empty())
        .map(|f| f.edits.as_slice())
        .collect();
    fixes.sort_by_key(|edits| edits.iter().map(|e| e.span.start).min().unwrap_or(0));
    let mut taken: Vec<Range<usize>> = Vec::new();
    let mut edits: Vec<Edit> = Vec::new();
    let mut count = 0;
    for fix in fixes {
        let valid = fix.iter().all(|e| {
            e.span.start <= e.span.end
                && e.span.end <= text.len()
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        });
        let overlaps = fix.iter().any(|e| {
            taken
                .iter()
                .any(|t| (e.span.start < t.end && t.start < e.span.end) || e.span.start == t.start)
        });
        if !valid || overlaps {
            continue;
        }
        taken.extend(fix.iter().map(|e| e.span.clone()));
        edits.extend(fix.iter().cloned());
        count += 1;
    }
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for e in &edits {
        out.push_str(&text[cursor..e.span.start]);
        out.push_str(&e.replacement);
        cursor = e.span.end;
    }
    out.push_str(&text[cursor..]);
    Pass {
        text: out,
        edits,
        fixes: count,
    }
}

/// The most passes [`fix_all`] makes.
pub const MAX_PASSES: usize = 10;

/// Lints and fixes until nothing fixable is left; returns the fixed text and how many fixes were
/// applied in all.
pub fn fix_all(path: &Path, text: &str, rules: &RuleSet, mode: Mode) -> (String, usize) {
    let mut current = text.to_string();
    let mut total = 0;
    for _ in 0..MAX_PASSES {
        let found = crate::lint_str(path, &current, rules).diagnostics;
        let pass = apply(&current, &found, mode);
        if pass.fixes == 0 || pass.text == current {
            break;
        }
        total += pass.fixes;
        current = pass.text;
    }
    (current, total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Fix;

    fn finding(span: Range<usize>, replacement: &str, applicability: Applicability) -> Diagnostic {
        Diagnostic {
            rule: "r".into(),
            level: crate::Level::Warn,
            message: String::new(),
            span: span.clone(),
            label: String::new(),
            secondary: Vec::new(),
            note: None,
            help: None,
            fix: Some(Fix {
                edits: vec![Edit {
                    span,
                    replacement: replacement.into(),
                }],
                applicability,
            }),
            document_level: false,
        }
    }

    #[test]
    fn overlapping_and_unsafe_fixes_wait() {
        let text = "a salesman and a chairman\r\n";
        let found = [
            finding(2..10, "salesperson", Applicability::Safe),
            finding(4..8, "XX", Applicability::Safe),
            finding(17..25, "chair", Applicability::Unsafe),
        ];
        let pass = apply(text, &found, Mode::Safe);
        assert_eq!(pass.text, "a salesperson and a chairman\r\n");
        assert_eq!(pass.fixes, 1);
        let pass = apply(text, &found, Mode::Unsafe);
        assert_eq!(pass.text, "a salesperson and a chair\r\n");
    }

    #[test]
    fn fixing_twice_changes_nothing() {
        let rules = RuleSet::recommended();
        let text = "# Senior Salesman\n\nOur foreman and salesmen meet daily.\n";
        let (fixed, n) = fix_all(Path::new("a.md"), text, &rules, Mode::Unsafe);
        assert!(n >= 3, "{fixed}");
        assert!(!fixed.to_lowercase().contains("salesman"), "{fixed}");
        let (again, m) = fix_all(Path::new("a.md"), &fixed, &rules, Mode::Unsafe);
        assert_eq!((again.as_str(), m), (fixed.as_str(), 0));
    }
}
