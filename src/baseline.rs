//! Baselines: record today's findings, then report only new ones.
//!
//! A finding is matched by its path (relative to the baseline file's folder), its rule and a
//! fingerprint of the text it points at, never by line number, so edits elsewhere in the file do
//! not bring it back. Findings about the posting as a whole (a missing salary range) are matched
//! by path and rule alone. Each key keeps a count: a phrase flagged twice in the baseline hides
//! two findings, and a third occurrence is new.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;

/// The version written to and expected in baseline files.
const VERSION: u32 = 1;

/// A 64-bit FNV-1a hash of the rule id and the flagged text with runs of whitespace collapsed:
/// stable across runs, platforms and Rust versions.
pub fn fingerprint(rule: &str, text: &str, d: &Diagnostic) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    feed(rule.as_bytes());
    feed(&[0]);
    if !d.document_level {
        let span = d.span.start.min(text.len())..d.span.end.min(text.len());
        let flagged = text.get(span.clone()).unwrap_or_default();
        // An empty span (where something should be inserted) is identified by its line.
        let flagged = if flagged.trim().is_empty() {
            let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
            let end = text[span.start..]
                .find('\n')
                .map_or(text.len(), |i| span.start + i);
            &text[start..end]
        } else {
            flagged
        };
        for (i, word) in flagged.split_whitespace().enumerate() {
            if i > 0 {
                feed(b" ");
            }
            feed(word.as_bytes());
        }
    }
    hash
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    path: String,
    rule: String,
    fingerprint: String,
    count: usize,
    /// For people reading the file; not used for matching.
    message: String,
}

type Key = (String, String, u64);

/// Recorded findings, keyed by path, rule and fingerprint.
#[derive(Debug)]
pub struct Baseline {
    root: PathBuf,
    entries: BTreeMap<Key, (usize, String)>,
}

impl Baseline {
    /// An empty baseline to be written to `file`.
    pub fn new(file: &Path) -> Self {
        Self {
            root: root_of(file),
            entries: BTreeMap::new(),
        }
    }

    /// Reads a baseline file.
    pub fn load(file: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(file)
            .map_err(|e| format!("{}: cannot read the baseline: {e}", file.display()))?;
        let parsed: File = serde_json::from_str(&text).map_err(|e| {
            format!(
                "{}:{}:{}: not a jdlint baseline: {e}",
                file.display(),
                e.line(),
                e.column()
            )
        })?;
        if parsed.version != VERSION {
            return Err(format!(
                "{}: baseline version {} is not supported (expected {VERSION}); write it again with --write-baseline",
                file.display(),
                parsed.version
            ));
        }
        let mut entries = BTreeMap::new();
        for e in parsed.findings {
            let hash = u64::from_str_radix(&e.fingerprint, 16).map_err(|_| {
                format!(
                    "{}: fingerprint `{}` is not hexadecimal",
                    file.display(),
                    e.fingerprint
                )
            })?;
            entries.insert((e.path, e.rule, hash), (e.count, e.message));
        }
        Ok(Self {
            root: root_of(file),
            entries,
        })
    }

    fn key_path(&self, path: &Path) -> String {
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let rel = abs.strip_prefix(&self.root).unwrap_or(&abs);
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }

    /// Records a file's findings.
    pub fn record(&mut self, path: &Path, text: &str, diagnostics: &[Diagnostic]) {
        let path = self.key_path(path);
        for d in diagnostics {
            let key = (path.clone(), d.rule.clone(), fingerprint(&d.rule, text, d));
            let entry = self.entries.entry(key).or_insert((0, d.message.clone()));
            entry.0 += 1;
        }
    }

    /// Removes the findings the baseline records, and returns how many it removed.
    pub fn filter(&mut self, path: &Path, text: &str, diagnostics: &mut Vec<Diagnostic>) -> usize {
        let path = self.key_path(path);
        let before = diagnostics.len();
        diagnostics.retain(|d| {
            let key = (path.clone(), d.rule.clone(), fingerprint(&d.rule, text, d));
            match self.entries.get_mut(&key) {
                Some((count, _)) if *count > 0 => {
                    *count -= 1;
                    false
                }
                _ => true,
            }
        });
        before - diagnostics.len()
    }

    /// The baseline file's text: sorted, one finding per entry, stable across runs.
    pub fn to_json(&self) -> String {
        let findings = self
            .entries
            .iter()
            .map(|((path, rule, hash), (count, message))| Entry {
                path: path.clone(),
                rule: rule.clone(),
                fingerprint: format!("{hash:016x}"),
                count: *count,
                message: message.clone(),
            })
            .collect();
        let mut text = serde_json::to_string_pretty(&File {
            version: VERSION,
            findings,
        })
        .expect("baseline serializes");
        text.push('\n');
        text
    }
}

fn root_of(file: &Path) -> PathBuf {
    let abs = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    abs.parent()
        .map_or_else(|| PathBuf::from("/"), Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RuleSet;

    #[test]
    fn edits_elsewhere_keep_findings_matched() {
        let rules = RuleSet::recommended();
        let before =
            "# Rockstar Developer\n\nWe build clinic software with nurses every day, in Leeds.\n";
        let after = "\n# Rockstar Developer\n\nWe build clinic software with nurses every day, in Leeds.\n\n## Team\n\nSix engineers.\n";
        let path = Path::new("/repo/postings/a.md");
        let mut baseline = Baseline::new(Path::new("/repo/jdlint-baseline.json"));
        let found = crate::lint_str(path, before, &rules).diagnostics;
        assert!(!found.is_empty());
        baseline.record(path, before, &found);
        let reloaded: File = serde_json::from_str(&baseline.to_json()).unwrap();
        assert!(reloaded.findings.iter().all(|e| e.path == "postings/a.md"));
        let mut again = crate::lint_str(path, after, &rules).diagnostics;
        assert_eq!(baseline.filter(path, after, &mut again), found.len());
        assert!(again.is_empty(), "{again:?}");
        // A second hero title is new.
        let more = format!("{after}\nJoin our rockstar engineers.\n");
        let mut third = crate::lint_str(path, &more, &rules).diagnostics;
        let mut fresh = Baseline::new(Path::new("/repo/jdlint-baseline.json"));
        fresh.record(path, before, &found);
        fresh.filter(path, &more, &mut third);
        assert_eq!(third.len(), 1, "{third:?}");
        assert_eq!(third[0].rule, "hero-job-title");
    }
}
