//! jdlint's own diagnostic type: what a rule found, where, why it matters and what to do.
//!
//! Rules build these through [`crate::rules::Context`]; the engine attaches the configured
//! [`Level`]; the reporters in [`crate::report`] turn them into text, JSON or codespan output.
//! No codespan type appears here.

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// How serious a finding is, as configured. `Off` disables a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The rule does not run.
    Off,
    /// Worth knowing; never fails a run unless `--fail-level info`.
    Info,
    /// Should be fixed; fails a run at the default `--fail-level`.
    Warn,
    /// Must be fixed.
    Error,
}

impl Level {
    /// Every level, in the order users see them in docs and error messages.
    pub const NAMES: [&'static str; 4] = ["off", "info", "warn", "error"];

    /// The name used in config files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::Info => "info",
            Level::Warn => "warn",
            Level::Error => "error",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Level {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "off" => Ok(Level::Off),
            "info" => Ok(Level::Info),
            "warn" => Ok(Level::Warn),
            "error" => Ok(Level::Error),
            _ => Err(()),
        }
    }
}

/// A secondary label: context for the primary span, such as the heading of the section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    /// Byte range into the original text.
    pub span: Range<usize>,
    /// Short text shown next to the span.
    pub message: String,
}

/// Whether a fix can be applied without a human reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Keeps the meaning; applied by `--fix`.
    Safe,
    /// May change meaning (most rewording); applied only with `--unsafe-fixes`.
    Unsafe,
    /// Shown as a suggestion, never applied.
    DisplayOnly,
}

/// One replacement of a byte range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// Byte range into the original text to replace (empty for an insertion).
    pub span: Range<usize>,
    /// The new text.
    pub replacement: String,
}

/// A fix a rule offers: edits that never overlap, and how safe they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// The edits, in source order.
    pub edits: Vec<Edit>,
    /// How safe applying them is.
    pub applicability: Applicability,
}

/// One finding in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule's kebab-case id.
    pub rule: String,
    /// The configured level; never `Off` in a report.
    pub level: Level,
    /// What is wrong: lowercase, no full stop, quoted text in backticks.
    pub message: String,
    /// The primary span: the exact words, or where missing content belongs.
    pub span: Range<usize>,
    /// Text next to the primary span.
    pub label: String,
    /// Context spans.
    pub secondary: Vec<Label>,
    /// Why it matters.
    pub note: Option<String>,
    /// What to do.
    pub help: Option<String>,
    /// An edit that resolves the finding, where one is known.
    pub fix: Option<Fix>,
    /// Whether the finding is about the posting as a whole (something missing) rather than the
    /// text at its span; such findings are silenced by a `jdlint-disable` anywhere before the
    /// end of the posting that is never re-enabled.
    pub document_level: bool,
}

impl Diagnostic {
    /// The ordering every reporter relies on: by position, then rule id.
    pub fn sort_key(&self) -> (usize, usize, &str) {
        (self.span.start, self.span.end, &self.rule)
    }
}
