//! SARIF 2.1.0, the format GitHub code scanning (`github/codeql-action/upload-sarif`) and other
//! viewers read. One run; `tool.driver.rules` describes every rule of the catalogs used, from
//! the rule files; each result has a region with lines, columns (Unicode code points, as
//! `columnKind` says), byte offset and length, a fingerprint that survives edits elsewhere in
//! the file, and the rule's fix when it has one. Files that could not be read are tool
//! execution notifications.
//!
//! `tests/sarif.rs` writes sample logs that `.ci/run` validates against the official schema.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io;
use std::sync::Arc;

use codespan_reporting::term::termcolor::WriteColor;
use serde_json::{Value, json};

use super::{Reporter, Summary};
use crate::baseline::fingerprint;
use crate::diagnostic::{Applicability, Diagnostic, Level};
use crate::rules::{RuleMeta, RuleSet};
use crate::source::SourceFile;

/// Collects results and writes one SARIF log at the end.
#[derive(Default)]
pub struct Sarif {
    rules: BTreeMap<String, Arc<RuleMeta>>,
    results: Vec<(String, Value)>,
    notifications: Vec<Value>,
}

fn level(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warn => "warning",
        Level::Info => "note",
        Level::Off => "none",
    }
}

/// A relative path becomes a relative URI reference (resolved against `%SRCROOT%`), an absolute
/// one a `file://` URI; everything outside RFC 3986's unreserved set and `/` is percent-encoded.
pub fn path_uri(path: &str) -> (String, bool) {
    let path = path.replace('\\', "/");
    let absolute = path.starts_with('/');
    let mut uri = String::with_capacity(path.len() + 8);
    if absolute {
        uri.push_str("file://");
    }
    let trimmed = path.strip_prefix("./").unwrap_or(&path);
    for b in trimmed.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            uri.push(b as char);
        } else {
            let _ = write!(uri, "%{b:02X}");
        }
    }
    (uri, !absolute)
}

fn artifact(path: &str) -> Value {
    let (uri, relative) = path_uri(path);
    if relative {
        json!({ "uri": uri, "uriBaseId": "%SRCROOT%" })
    } else {
        json!({ "uri": uri })
    }
}

fn descriptor(meta: &RuleMeta) -> Value {
    let mut help = meta.doc().fix.clone();
    if !meta.doc().sources.is_empty() {
        help.push_str("\n\nSources:\n");
        for source in &meta.doc().sources {
            help.push_str("- ");
            help.push_str(source);
            help.push('\n');
        }
    }
    let mut rule = json!({
        "id": meta.id,
        "name": meta.id,
        "shortDescription": { "text": meta.doc().summary },
        "fullDescription": { "text": meta.doc().why },
        "help": { "text": help },
        "defaultConfiguration": { "level": level(meta.default_level), "enabled": meta.default_level != Level::Off },
        "properties": { "category": meta.category.as_str(), "tags": [meta.category.as_str()] },
    });
    if let Some(url) = &meta.doc().url {
        rule["helpUri"] = json!(url);
    }
    if let Some(code) = &meta.code {
        rule["properties"]["code"] = json!(code);
    }
    rule
}

fn region(file: &SourceFile, span: &std::ops::Range<usize>) -> Value {
    let start = file.location(span.start);
    let end = file.location(span.end);
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
        "byteOffset": span.start,
        "byteLength": span.end - span.start,
    })
}

impl Reporter for Sarif {
    fn rules(&mut self, rules: &RuleSet) {
        for meta in rules.catalog().rules() {
            self.rules
                .entry(meta.id.clone())
                .or_insert_with(|| meta.clone());
        }
    }

    fn file(
        &mut self,
        _out: &mut dyn WriteColor,
        file: &SourceFile,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        for d in diagnostics {
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            let mut result = json!({
                "ruleId": d.rule,
                "level": level(d.level),
                "message": { "text": message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": artifact(file.name()),
                        "region": region(file, &d.span),
                    }
                }],
                "partialFingerprints": {
                    "jdlint/v1": format!("{:016x}", fingerprint(&d.rule, file.text(), d)),
                },
            });
            if let Some(fix) = d
                .fix
                .as_ref()
                .filter(|f| f.applicability != Applicability::DisplayOnly)
            {
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| {
                        json!({
                            "deletedRegion": {
                                "byteOffset": e.span.start,
                                "byteLength": e.span.end - e.span.start,
                            },
                            "insertedContent": { "text": e.replacement },
                        })
                    })
                    .collect();
                let description = match fix.applicability {
                    Applicability::Safe => "safe fix",
                    _ => "unsafe fix: check the meaning is kept",
                };
                result["fixes"] = json!([{
                    "description": { "text": description },
                    "artifactChanges": [{
                        "artifactLocation": artifact(file.name()),
                        "replacements": replacements,
                    }],
                }]);
            }
            self.results.push((d.rule.clone(), result));
        }
        Ok(())
    }

    fn file_error(
        &mut self,
        _out: &mut dyn WriteColor,
        path: &str,
        message: &str,
    ) -> io::Result<()> {
        self.notifications.push(json!({
            "level": "error",
            "message": { "text": message },
            "locations": [{ "physicalLocation": { "artifactLocation": artifact(path) } }],
        }));
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn WriteColor, _summary: &Summary) -> io::Result<()> {
        let index: BTreeMap<&str, usize> = self
            .rules
            .keys()
            .enumerate()
            .map(|(i, id)| (id.as_str(), i))
            .collect();
        let results: Vec<Value> = self
            .results
            .drain(..)
            .map(|(rule, mut result)| {
                if let Some(i) = index.get(rule.as_str()) {
                    result["ruleIndex"] = json!(i);
                }
                result
            })
            .collect();
        let rules: Vec<Value> = self.rules.values().map(|m| descriptor(m)).collect();
        let log = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {
                    "driver": {
                        "name": "jdlint",
                        "semanticVersion": env!("CARGO_PKG_VERSION"),
                        "rules": rules,
                    }
                },
                "invocations": [{
                    "executionSuccessful": self.notifications.is_empty(),
                    "toolExecutionNotifications": self.notifications,
                }],
                "columnKind": "unicodeCodePoints",
                "originalUriBaseIds": { "%SRCROOT%": { "description": { "text": "the directory jdlint ran in" } } },
                "results": results,
            }]
        });
        serde_json::to_writer_pretty(&mut *out, &log)?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::path_uri;

    #[test]
    fn uris() {
        assert_eq!(
            path_uri("./postings/a b.md"),
            ("postings/a%20b.md".into(), true)
        );
        assert_eq!(
            path_uri("/tmp/x%.md"),
            ("file:///tmp/x%25.md".into(), false)
        );
        assert_eq!(path_uri("é.md").0, "%C3%A9.md");
    }
}
