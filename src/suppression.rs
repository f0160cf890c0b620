//! Suppression comments in Markdown: HTML comments that do not render.
//!
//! ```markdown
//! <!-- jdlint-disable hero-job-title -- the client's own title, agreed with legal -->
//! ...
//! <!-- jdlint-enable hero-job-title -->
//! <!-- jdlint-disable-next-line gendered-job-title -->
//! ```
//!
//! With no rule id a comment covers every rule. A `jdlint-disable` that is never re-enabled also
//! silences findings about the posting as a whole (a missing salary range), wherever they point.
//! Comments are only read where pulldown-cmark found raw HTML, so an example inside a code block
//! is not a directive. Plain text has no comments; per-path overrides serve it.
//!
//! The engine reports problems with the comments themselves: `unknown-rule` (with the closest
//! id), `unused-suppression` (with a safe fix that removes it) and, when enabled,
//! `missing-suppression-reason`.

use std::ops::Range;
use std::sync::LazyLock;

use crate::pattern::Pattern;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::rules::RuleSet;

/// Rule id for a comment naming a rule that does not exist.
pub const UNKNOWN_RULE: &str = "unknown-rule";
/// Rule id for a comment that silences nothing.
pub const UNUSED_SUPPRESSION: &str = "unused-suppression";
/// Rule id for a comment without a `-- reason`.
pub const MISSING_REASON: &str = "missing-suppression-reason";

static DIRECTIVE: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(
        r"<!--[ \t\r\n]*jdlint-(disable-next-line|disable|enable)((?:[ \t\r\n](?su:.)*?)?)-->",
    )
    .expect("valid directive regex")
});

static REASON_SEPARATOR: LazyLock<Pattern> =
    LazyLock::new(|| crate::pattern::regex(r"(?:^|\s)--(?:\s|$)").expect("valid separator regex"));

static RULE_NAME: LazyLock<Pattern> =
    LazyLock::new(|| crate::pattern::regex(r"(?u:[^\s,])+").expect("valid rule-name regex"));

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Disable,
    Enable,
    DisableNextLine,
}

impl Action {
    fn keyword(self) -> &'static str {
        match self {
            Action::Disable => "jdlint-disable",
            Action::Enable => "jdlint-enable",
            Action::DisableNextLine => "jdlint-disable-next-line",
        }
    }
}

#[derive(Debug)]
struct Name {
    span: Range<usize>,
    /// The canonical rule id, when the name is known.
    id: Option<String>,
    used: bool,
}

#[derive(Debug)]
struct Directive {
    action: Action,
    span: Range<usize>,
    names: Vec<Name>,
    has_reason: bool,
    /// For comments with no rule id: whether they silenced anything.
    used: bool,
}

/// A stretch of text where a rule (or every rule, `rule: None`) is silenced.
#[derive(Debug)]
struct Region {
    rule: Option<String>,
    range: Range<usize>,
    /// Never re-enabled: also covers findings about the whole posting.
    to_end: bool,
    /// Where it came from: directive index and name index (`None` for a no-id comment).
    origin: Origin,
    /// Whether this region silences (`false`) or re-enables inside an all-rules region (`true`).
    carve_out: bool,
}

/// Whether `id` is one of the rules about suppression comments themselves.
pub fn is_engine_rule(id: &str) -> bool {
    matches!(id, UNKNOWN_RULE | UNUSED_SUPPRESSION | MISSING_REASON)
}

/// Removes findings that comments silence, and reports problems with the comments.
pub fn apply(doc: &Document<'_>, rules: &RuleSet, diagnostics: &mut Vec<Diagnostic>) {
    let mut directives = parse(doc, rules);
    if directives.is_empty() {
        return;
    }
    let regions = regions(doc, &mut directives);
    diagnostics.retain(|d| {
        if is_engine_rule(&d.rule) {
            return true;
        }
        let covers = |r: &Region| {
            r.range.contains(&d.span.start)
                || (r.range.start == d.span.start && r.range.is_empty())
                || (d.document_level && r.to_end)
        };
        let carved = regions.iter().any(|r| {
            r.carve_out
                && r.rule.as_deref() == Some(d.rule.as_str())
                && r.range.contains(&d.span.start)
        });
        let mut silenced = false;
        for r in &regions {
            if r.carve_out || !covers(r) {
                continue;
            }
            match &r.rule {
                Some(rule) if *rule == d.rule => {}
                None if !carved => {}
                _ => continue,
            }
            silenced = true;
            let (index, name) = r.origin;
            match name {
                Some(n) => directives[index].names[n].used = true,
                None => directives[index].used = true,
            }
        }
        !silenced
    });
    report(doc, rules, &directives, diagnostics);
}

fn parse(doc: &Document<'_>, rules: &RuleSet) -> Vec<Directive> {
    let text = doc.text();
    let mut directives = Vec::new();
    for html in doc.html() {
        for m in DIRECTIVE.captures_iter(&text[html.clone()]) {
            let whole = m.get(0).expect("group 0");
            let action = match m.get(1).expect("group 1").as_str() {
                "disable" => Action::Disable,
                "enable" => Action::Enable,
                _ => Action::DisableNextLine,
            };
            let body = m.get(2).expect("group 2");
            let body_start = html.start + body.start();
            let (names_text, has_reason) = match REASON_SEPARATOR.find(body.as_str()) {
                Some(sep) => (
                    &body.as_str()[..sep.start()],
                    !body.as_str()[sep.end()..].trim().is_empty(),
                ),
                None => (body.as_str(), false),
            };
            let names = RULE_NAME
                .find_iter(names_text)
                .map(|n| Name {
                    span: body_start + n.start()..body_start + n.end(),
                    id: rules.catalog().get(n.as_str()).map(|meta| meta.id.clone()),
                    used: false,
                })
                .collect();
            directives.push(Directive {
                action,
                span: html.start + whole.start()..html.start + whole.end(),
                names,
                has_reason,
                used: false,
            });
        }
    }
    directives
}

/// Where a region came from: directive index and name index (`None` for a no-id comment).
type Origin = (usize, Option<usize>);

/// Turns the directives, in order, into regions.
fn regions(doc: &Document<'_>, directives: &mut [Directive]) -> Vec<Region> {
    let end = doc.text().len();
    let mut regions = Vec::new();
    // Open disables: (rule, start, origin).
    let mut open: Vec<(Option<String>, usize, Origin)> = Vec::new();
    // Open carve-outs inside an all-rules disable.
    let mut carved: Vec<(String, usize, Origin)> = Vec::new();
    let close = |regions: &mut Vec<Region>, rule, start, at, origin, carve_out| {
        regions.push(Region {
            rule,
            range: start..at,
            to_end: false,
            origin,
            carve_out,
        });
    };
    for (index, directive) in directives.iter_mut().enumerate() {
        let at = directive.span.start;
        let after = directive.span.end;
        let known: Vec<(usize, String)> = directive
            .names
            .iter()
            .enumerate()
            .filter_map(|(i, n)| n.id.clone().map(|id| (i, id)))
            .collect();
        let unknown_only = known.is_empty() && !directive.names.is_empty();
        match directive.action {
            Action::DisableNextLine => {
                let line = next_line(doc.text(), after);
                if directive.names.is_empty() {
                    regions.push(Region {
                        rule: None,
                        range: line.clone(),
                        to_end: false,
                        origin: (index, None),
                        carve_out: false,
                    });
                }
                for (i, id) in known {
                    regions.push(Region {
                        rule: Some(id),
                        range: line.clone(),
                        to_end: false,
                        origin: (index, Some(i)),
                        carve_out: false,
                    });
                }
            }
            Action::Disable => {
                if directive.names.is_empty() {
                    if !open.iter().any(|(r, ..)| r.is_none()) {
                        open.push((None, after, (index, None)));
                    }
                    continue;
                }
                for (i, id) in known {
                    if let Some(pos) = carved.iter().position(|(r, ..)| *r == id) {
                        let (rule, start, origin) = carved.remove(pos);
                        close(&mut regions, Some(rule), start, at, origin, true);
                        directive.names[i].used = true;
                    } else if !open.iter().any(|(r, ..)| r.as_deref() == Some(&id)) {
                        open.push((Some(id), after, (index, Some(i))));
                    }
                }
            }
            Action::Enable => {
                if unknown_only {
                    continue;
                }
                if directive.names.is_empty() {
                    directive.used = !open.is_empty();
                    for (rule, start, origin) in open.drain(..) {
                        close(&mut regions, rule, start, at, origin, false);
                    }
                    for (rule, start, origin) in carved.drain(..) {
                        close(&mut regions, Some(rule), start, at, origin, true);
                    }
                    continue;
                }
                for (i, id) in known {
                    if let Some(pos) = open.iter().position(|(r, ..)| r.as_deref() == Some(&id)) {
                        let (rule, start, origin) = open.remove(pos);
                        close(&mut regions, rule, start, at, origin, false);
                        directive.names[i].used = true;
                    } else if open.iter().any(|(r, ..)| r.is_none()) {
                        carved.push((id, after, (index, Some(i))));
                        directive.names[i].used = true;
                    }
                }
            }
        }
    }
    for (rule, start, origin) in open {
        regions.push(Region {
            rule,
            range: start..end,
            to_end: true,
            origin,
            carve_out: false,
        });
    }
    for (rule, start, origin) in carved {
        close(&mut regions, Some(rule), start, end, origin, true);
    }
    regions
}

/// The line after the one holding `offset`, without its line break.
fn next_line(text: &str, offset: usize) -> Range<usize> {
    let Some(newline) = text[offset..].find('\n') else {
        return text.len()..text.len();
    };
    let start = offset + newline + 1;
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    start..end
}

fn report(
    doc: &Document<'_>,
    rules: &RuleSet,
    directives: &[Directive],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let text = doc.text();
    let catalog = rules.catalog();
    let unknown_level = rules.level_of(UNKNOWN_RULE);
    let unused_level = rules.level_of(UNUSED_SUPPRESSION);
    let reason_level = rules.level_of(MISSING_REASON);
    let push = |diagnostics: &mut Vec<Diagnostic>, d: Diagnostic| diagnostics.push(d);
    for directive in directives {
        let keyword = directive.action.keyword();
        if let Some(level) = unknown_level {
            for name in directive.names.iter().filter(|n| n.id.is_none()) {
                let given = &text[name.span.clone()];
                let help = catalog.suggest(given).map_or_else(
                    || "run `jdlint rules` to list the rule ids".to_string(),
                    |s| format!("did you mean `{s}`?"),
                );
                push(
                    diagnostics,
                    Diagnostic {
                        rule: UNKNOWN_RULE.into(),
                        level,
                        message: format!("`{keyword}` names an unknown rule `{given}`"),
                        span: name.span.clone(),
                        label: "no rule has this id".into(),
                        secondary: Vec::new(),
                        note: Some("a comment naming an unknown rule silences nothing".into()),
                        help: Some(help),
                        fix: None,
                        document_level: false,
                    },
                );
            }
        }
        if let Some(level) = unused_level {
            // Names of rules that are off for this file are expected to silence nothing.
            let unused: Vec<&Name> = directive
                .names
                .iter()
                .filter(|n| {
                    !n.used
                        && n.id
                            .as_deref()
                            .is_some_and(|id| rules.level_of(id).is_some())
                })
                .collect();
            let whole_unused = if directive.names.is_empty() {
                !directive.used
            } else {
                !unused.is_empty() && unused.len() == directive.names.len()
            };
            if whole_unused {
                push(
                    diagnostics,
                    unused_diagnostic(
                        level,
                        format!("`{keyword}` comment silences nothing"),
                        directive.span.clone(),
                        remove_line_edit(text, directive.span.clone()),
                    ),
                );
            } else {
                for name in unused {
                    let id = name.id.as_deref().unwrap_or_default();
                    let index = directive
                        .names
                        .iter()
                        .position(|n| n.span == name.span)
                        .unwrap_or_default();
                    // Remove the id with the separator before it, or, for the first id, with the
                    // separator after it.
                    let span = if index > 0 {
                        directive.names[index - 1].span.end..name.span.end
                    } else {
                        name.span.start..directive.names[1].span.start
                    };
                    push(
                        diagnostics,
                        unused_diagnostic(
                            level,
                            format!("`{keyword} {id}` silences nothing"),
                            name.span.clone(),
                            Edit {
                                span,
                                replacement: String::new(),
                            },
                        ),
                    );
                }
            }
        }
        if let Some(level) = reason_level
            && directive.action != Action::Enable
            && !directive.has_reason
        {
            push(
                diagnostics,
                Diagnostic {
                    rule: MISSING_REASON.into(),
                    level,
                    message: format!("`{keyword}` comment gives no reason"),
                    span: directive.span.clone(),
                    label: "add `-- reason` before `-->`".into(),
                    secondary: Vec::new(),
                    note: Some(
                        "a reason tells the next editor why the finding was silenced on purpose"
                            .into(),
                    ),
                    help: Some(format!(
                        "write e.g. `<!-- {keyword} hero-job-title -- the client's registered title -->`"
                    )),
                    fix: None,
                    document_level: false,
                },
            );
        }
    }
}

fn unused_diagnostic(
    level: crate::Level,
    message: String,
    span: Range<usize>,
    edit: Edit,
) -> Diagnostic {
    Diagnostic {
        rule: UNUSED_SUPPRESSION.into(),
        level,
        message,
        span,
        label: "nothing to silence here".into(),
        secondary: Vec::new(),
        note: Some("a stale suppression would hide a real finding if one came back later".into()),
        help: Some("remove it".into()),
        fix: Some(Fix {
            edits: vec![edit],
            applicability: Applicability::Safe,
        }),
        document_level: false,
    }
}

/// Removes a comment, and its whole line when nothing else is on it.
fn remove_line_edit(text: &str, span: Range<usize>) -> Edit {
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    let alone = text[line_start..span.start].trim().is_empty()
        && text[span.end..line_end].trim().is_empty();
    let span = if alone {
        let end = if line_end < text.len() {
            line_end + 1
        } else {
            line_end
        };
        line_start..end
    } else {
        span
    };
    Edit {
        span,
        replacement: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::RuleSet;

    fn apply_fixes(text: &str) -> String {
        let rules = RuleSet::only("unused-suppression").unwrap();
        let found = crate::lint_str(Path::new("a.md"), text, &rules).diagnostics;
        let mut edits: Vec<_> = found
            .iter()
            .filter(|d| d.rule == super::UNUSED_SUPPRESSION)
            .flat_map(|d| d.fix.clone().unwrap().edits)
            .collect();
        edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
        let mut out = text.to_string();
        for e in edits {
            out.replace_range(e.span, &e.replacement);
        }
        out
    }

    #[test]
    fn unused_fix_removes_the_comment_line_or_the_id() {
        let text =
            "# Engineer\n\n<!-- jdlint-disable-next-line hero-job-title -->\nA backend engineer.\n";
        assert_eq!(apply_fixes(text), "# Engineer\n\nA backend engineer.\n");
        let text = "# Engineer\n\n<!-- jdlint-disable-next-line gendered-job-title, hero-job-title -->\nA rockstar developer.\n";
        assert_eq!(
            apply_fixes(text),
            "# Engineer\n\n<!-- jdlint-disable-next-line hero-job-title -->\nA rockstar developer.\n"
        );
        let text =
            "# Engineer\n\nText <!-- jdlint-disable-next-line --> here.\nA backend engineer.\n";
        assert_eq!(
            apply_fixes(text),
            "# Engineer\n\nText  here.\nA backend engineer.\n"
        );
    }
}
