//! jdlint: a linter for job postings written in Markdown or plain text.
//!
//! The library parses a posting into a [`Document`], runs a
//! [`RuleSet`] over it, and returns [`Diagnostic`]s with byte spans into the
//! original text. It never prints: the CLI, the reporters and the tests all call [`lint_str`].

pub(crate) mod automata;
pub mod baseline;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod fix;
pub mod jurisdiction;
pub mod metrics;
pub(crate) mod pattern;
pub mod report;
pub mod rules;
pub mod salary;
pub(crate) mod scan;
pub mod server;
pub mod source;
pub mod suppression;

use std::path::Path;

pub use diagnostic::{Diagnostic, Level};
pub use rules::RuleSet;

use document::{Document, Format};
use rules::{ActiveRule, Catalog};

/// Every fixture and example posting, with its path, for unit tests that compare two ways of
/// doing one thing on real inputs.
#[cfg(test)]
pub(crate) fn fixture_postings() -> Vec<(std::path::PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    let mut stack = vec![root.join("fixtures"), root.join("examples")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("fixture folder") {
            let path = entry.expect("fixture entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                found.push((path, text));
            }
        }
    }
    found.sort();
    found
}

/// The text of every fixture and example posting, for tests that add cases of their own.
#[cfg(test)]
pub(crate) fn fixture_texts() -> Vec<String> {
    fixture_postings()
        .into_iter()
        .map(|(_, text)| text)
        .collect()
}

/// Every line of every fixture and example posting, then each posting whole: for tests of
/// patterns, where a match may depend on a line start or on what is around it.
#[cfg(test)]
pub(crate) fn fixture_lines_and_texts() -> Vec<String> {
    fixture_postings()
        .into_iter()
        .flat_map(|(_, text)| {
            let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
            lines.push(text);
            lines
        })
        .collect()
}

/// Every string of up to `len` of `pieces`, the empty one first: for tests that check a fast
/// path against its pattern on every short string over the characters that matter.
#[cfg(test)]
pub(crate) fn strings_over(pieces: &[&str], len: usize) -> Vec<String> {
    let mut level = vec![String::new()];
    let mut all = level.clone();
    for _ in 0..len {
        level = level
            .iter()
            .flat_map(|s| pieces.iter().map(move |p| format!("{s}{p}")))
            .collect();
        all.extend(level.iter().cloned());
    }
    all
}

/// The rule id under which problems in the input itself (broken front matter) are reported.
pub const INPUT_ERROR_RULE: &str = "invalid-front-matter";

/// What linting one text found.
#[derive(Debug, Clone, Default)]
pub struct LintResult {
    /// Findings, sorted by position then rule id.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the input itself had a problem (reported as an error diagnostic); the CLI exits 2.
    pub input_error: bool,
}

/// Lints `text`; the format is chosen from `path`'s extension.
///
/// Suppression comments are applied (Markdown only) and problems with the input itself are
/// reported under [`INPUT_ERROR_RULE`] unless that rule is turned off.
pub fn lint_str(path: &Path, text: &str, rules: &RuleSet) -> LintResult {
    // Searches of the text (the whole or a block) share one lowercased copy.
    let _lowered = automata::lowercase_scope(text);
    let doc = Document::parse(text, Format::from_path(path));
    let mut diagnostics = rules.check(&doc);
    let input_level = rules.level_of(INPUT_ERROR_RULE);
    if let Some(level) = input_level {
        for problem in doc.problems() {
            diagnostics.push(Diagnostic {
                rule: INPUT_ERROR_RULE.to_string(),
                level,
                message: problem.message.clone(),
                span: problem.span.clone(),
                label: "here".to_string(),
                secondary: Vec::new(),
                note: Some(
                    "the rest of the posting was checked as if it had no front matter".to_string(),
                ),
                help: Some("fix the YAML between the `---` lines".to_string()),
                fix: None,
                document_level: false,
            });
        }
    }
    suppression::apply(&doc, rules, &mut diagnostics);
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    LintResult {
        input_error: input_level.is_some() && !doc.problems().is_empty(),
        diagnostics,
    }
}

impl RuleSet {
    /// Only the rule `id` (built-in), at its default level or `warn` if that is `off`, with
    /// default options. Used by fixture tests. The rules about suppression comments come with
    /// the two wording rules, so their examples have findings to silence.
    pub fn only(id: &str) -> Option<RuleSet> {
        let build = |id: &str| -> Option<ActiveRule> {
            let meta = Catalog::builtin().get(id)?.clone();
            let level = match meta.default_level {
                Level::Off => Level::Warn,
                l => l,
            };
            let check = meta.build(&toml::Table::new()).ok()?;
            Some(ActiveRule { meta, level, check })
        };
        let mut rules = vec![build(id)?];
        if suppression::is_engine_rule(id) {
            rules.push(build("gendered-job-title")?);
            rules.push(build("hero-job-title")?);
        }
        Some(RuleSet::new(rules))
    }

    /// The `recommended` preset with default options.
    pub fn recommended() -> RuleSet {
        let config = config::Config::default_at(Path::new("."));
        config
            .rule_set_for(Path::new("posting.md"))
            .map(|set| (*set).clone())
            .expect("built-in rules build with default options")
    }

    /// Every rule, preview ones too, with default options: for unit tests that must see every
    /// pattern.
    #[cfg(test)]
    pub(crate) fn all() -> RuleSet {
        config::Config::parse(Path::new("jdlint.toml"), "[lint]\npreset = \"all\"\n")
            .expect("preset all")
            .rule_set_for(Path::new("posting.md"))
            .map(|set| (*set).clone())
            .expect("all rules build")
    }
}
