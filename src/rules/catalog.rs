//! The rule catalog: one TOML file per rule in `rules/`, embedded in the binary, plus any folders
//! of team rules named in the config.
//!
//! The same metadata feeds `jdlint rules`, `jdlint rule <id>`, config validation and (later)
//! SARIF rule descriptions and LSP hovers.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, OnceLock};

use serde::Deserialize;

/// Each built-in rule file's text before its `[doc]` table, with what `toml` parses it into
/// (generated: see [`parse_builtin`]).
mod heads {
    include!("catalog/heads.rs");
}

use super::kinds::TokenRule;
use super::{Rule, builtin, closest};
use crate::diagnostic::{Applicability, Level};

/// Every built-in rule file, embedded. `tests/catalog.rs` checks that none in `rules/` is missing.
pub const BUILTIN_FILES: &[(&str, &str)] = &[
    (
        "ableist-wording",
        include_str!("../../rules/ableist-wording.toml"),
    ),
    ("age-coded", include_str!("../../rules/age-coded.toml")),
    (
        "age-coded-mild",
        include_str!("../../rules/age-coded-mild.toml"),
    ),
    ("bro-culture", include_str!("../../rules/bro-culture.toml")),
    (
        "candidate-voice",
        include_str!("../../rules/candidate-voice.toml"),
    ),
    (
        "citizenship-only",
        include_str!("../../rules/citizenship-only.toml"),
    ),
    (
        "competitive-culture",
        include_str!("../../rules/competitive-culture.toml"),
    ),
    (
        "degree-required",
        include_str!("../../rules/degree-required.toml"),
    ),
    (
        "duplicate-bullet",
        include_str!("../../rules/duplicate-bullet.toml"),
    ),
    (
        "empty-section",
        include_str!("../../rules/empty-section.toml"),
    ),
    (
        "gender-coded-balance",
        include_str!("../../rules/gender-coded-balance.toml"),
    ),
    (
        "gender-coded-word",
        include_str!("../../rules/gender-coded-word.toml"),
    ),
    (
        "gendered-job-title",
        include_str!("../../rules/gendered-job-title.toml"),
    ),
    (
        "gendered-pronoun",
        include_str!("../../rules/gendered-pronoun.toml"),
    ),
    (
        "gendered-wording",
        include_str!("../../rules/gendered-wording.toml"),
    ),
    (
        "hero-job-title",
        include_str!("../../rules/hero-job-title.toml"),
    ),
    (
        "hollow-perks",
        include_str!("../../rules/hollow-perks.toml"),
    ),
    (
        "invalid-front-matter",
        include_str!("../../rules/invalid-front-matter.toml"),
    ),
    ("jargon", include_str!("../../rules/jargon.toml")),
    (
        "missing-how-to-apply",
        include_str!("../../rules/missing-how-to-apply.toml"),
    ),
    (
        "missing-salary-range",
        include_str!("../../rules/missing-salary-range.toml"),
    ),
    (
        "missing-seniority-level",
        include_str!("../../rules/missing-seniority-level.toml"),
    ),
    (
        "missing-summary",
        include_str!("../../rules/missing-summary.toml"),
    ),
    (
        "missing-suppression-reason",
        include_str!("../../rules/missing-suppression-reason.toml"),
    ),
    (
        "native-speaker",
        include_str!("../../rules/native-speaker.toml"),
    ),
    (
        "pay-mismatch",
        include_str!("../../rules/pay-mismatch.toml"),
    ),
    (
        "pay-transparency-advice",
        include_str!("../../rules/pay-transparency-advice.toml"),
    ),
    (
        "pay-transparency-law",
        include_str!("../../rules/pay-transparency-law.toml"),
    ),
    (
        "physical-requirement",
        include_str!("../../rules/physical-requirement.toml"),
    ),
    (
        "posting-length",
        include_str!("../../rules/posting-length.toml"),
    ),
    ("profanity", include_str!("../../rules/profanity.toml")),
    (
        "readability-grade",
        include_str!("../../rules/readability-grade.toml"),
    ),
    (
        "requirement-count",
        include_str!("../../rules/requirement-count.toml"),
    ),
    (
        "salary-min-above-max",
        include_str!("../../rules/salary-min-above-max.toml"),
    ),
    (
        "salary-missing-period",
        include_str!("../../rules/salary-missing-period.toml"),
    ),
    (
        "salary-open-ended",
        include_str!("../../rules/salary-open-ended.toml"),
    ),
    (
        "salary-range-too-wide",
        include_str!("../../rules/salary-range-too-wide.toml"),
    ),
    (
        "salary-single-figure",
        include_str!("../../rules/salary-single-figure.toml"),
    ),
    (
        "scraped-page-noise",
        include_str!("../../rules/scraped-page-noise.toml"),
    ),
    (
        "seniority-mismatch",
        include_str!("../../rules/seniority-mismatch.toml"),
    ),
    (
        "tech-name-spelling",
        include_str!("../../rules/tech-name-spelling.toml"),
    ),
    (
        "template-placeholder",
        include_str!("../../rules/template-placeholder.toml"),
    ),
    (
        "unknown-rule",
        include_str!("../../rules/unknown-rule.toml"),
    ),
    (
        "unrealistic-expectations",
        include_str!("../../rules/unrealistic-expectations.toml"),
    ),
    (
        "unused-suppression",
        include_str!("../../rules/unused-suppression.toml"),
    ),
];

/// What a rule is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Content a posting needs (summary, level, how to apply).
    Structure,
    /// Wording that excludes or discourages applicants.
    Inclusive,
    /// Pay and pay-transparency.
    Transparency,
    /// Clarity and style.
    Clarity,
    /// Leftovers and noise.
    Hygiene,
    /// Parts of a posting that contradict each other.
    Consistency,
    /// The input file and jdlint's own comments.
    Meta,
}

impl Category {
    /// The name used in docs and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Structure => "structure",
            Category::Inclusive => "inclusive",
            Category::Transparency => "transparency",
            Category::Clarity => "clarity",
            Category::Hygiene => "hygiene",
            Category::Consistency => "consistency",
            Category::Meta => "meta",
        }
    }
}

/// How settled a rule is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// In the `recommended` preset.
    Stable,
    /// Off unless selected or the `all` preset is used.
    Preview,
}

/// The smallest preset a stable rule belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RulePreset {
    /// Precise enough to run on every posting: in `recommended`, `strict` and `all`.
    Recommended,
    /// Opinionated or noisier: in `strict` and `all` only.
    Strict,
}

impl RulePreset {
    /// The name used in rule files and listings.
    pub fn as_str(self) -> &'static str {
        match self {
            RulePreset::Recommended => "recommended",
            RulePreset::Strict => "strict",
        }
    }
}

/// How the rule is implemented.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Flags tokens from a list.
    Existence,
    /// Flags tokens and suggests a replacement for each.
    Substitution,
    /// Written in Rust (`src/rules/builtin/`).
    Builtin,
}

/// Where a data rule looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// Headings.
    Heading,
    /// Paragraphs.
    Paragraph,
    /// List items.
    ListItem,
    /// Table cells.
    TableCell,
    /// The front-matter title.
    Title,
}

/// The documentation block of a rule file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleDoc {
    /// One line: shown in the rule list.
    pub summary: String,
    /// Why it matters.
    pub why: String,
    /// A posting excerpt that triggers the rule.
    pub bad: String,
    /// The same excerpt, fixed.
    pub good: String,
    /// How to fix it.
    pub fix: String,
    /// Sources for the rule's claims.
    #[serde(default)]
    pub sources: Vec<String>,
    /// A page with more detail.
    #[serde(default)]
    pub url: Option<String>,
}

/// A documented rule option.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct OptionDoc {
    /// The option key, kebab-case.
    pub name: String,
    /// Its default value.
    pub default: toml::Value,
    /// What it does.
    pub description: String,
}

/// A rule file as written; data-rule kinds compile their fields.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RuleFile {
    pub(crate) id: toml::Spanned<String>,
    #[serde(default)]
    pub(crate) code: Option<String>,
    #[serde(default)]
    pub(crate) aliases: Vec<String>,
    pub(crate) category: Category,
    #[serde(default = "stable")]
    pub(crate) status: Status,
    #[serde(default = "recommended")]
    pub(crate) preset: RulePreset,
    pub(crate) default_level: Level,
    pub(crate) kind: Kind,
    #[serde(default)]
    pub(crate) fix_applicability: Option<Applicability>,
    #[serde(default)]
    pub(crate) scope: Option<Vec<Scope>>,
    #[serde(default = "yes")]
    pub(crate) ignore_case: bool,
    #[serde(default)]
    pub(crate) tokens: Vec<toml::Spanned<String>>,
    #[serde(default)]
    pub(crate) swap: BTreeMap<toml::Spanned<String>, String>,
    #[serde(default)]
    pub(crate) exceptions: Vec<toml::Spanned<String>>,
    #[serde(default)]
    pub(crate) unless: Vec<toml::Spanned<String>>,
    #[serde(default)]
    pub(crate) message: Option<String>,
    #[serde(default)]
    pub(crate) label: Option<String>,
    #[serde(default)]
    pub(crate) note: Option<String>,
    #[serde(default)]
    pub(crate) help: Option<String>,
    #[serde(default)]
    pub(crate) options: Vec<OptionDoc>,
    /// Required; optional here because built-in files have theirs read on first use.
    #[serde(default)]
    pub(crate) doc: Option<RuleDoc>,
}

/// The `[doc]` table of a built-in rule file, read on first use.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocSection {
    doc: RuleDoc,
}

/// A rule's docs: read with the rule, or (built-in rules) from the `[doc]` table the first time
/// they are asked for. A lint run never shows docs, and they are two thirds of the built-in
/// files' text.
struct Docs {
    text: Option<&'static str>,
    parsed: OnceLock<RuleDoc>,
}

impl Docs {
    fn get(&self) -> &RuleDoc {
        self.parsed.get_or_init(|| {
            let text = self
                .text
                .expect("docs without text are parsed with the rule");
            // The test suite reads every built-in rule's docs (`tests/catalog.rs`).
            toml::from_str::<DocSection>(text)
                .unwrap_or_else(|e| panic!("a built-in rule's [doc] table is invalid: {e}"))
                .doc
        })
    }
}

fn stable() -> Status {
    Status::Stable
}

fn recommended() -> RulePreset {
    RulePreset::Recommended
}

fn yes() -> bool {
    true
}

/// A rule's identity, docs and defaults, with its data compiled if it is a data rule.
pub struct RuleMeta {
    /// The kebab-case id.
    pub id: String,
    /// The optional short code (`JD201`).
    pub code: Option<String>,
    /// Former ids that still select this rule.
    pub aliases: Vec<String>,
    /// What it is about.
    pub category: Category,
    /// Stable or preview.
    pub status: Status,
    /// The smallest preset a stable rule is in.
    pub preset: RulePreset,
    /// The level when the config says nothing.
    pub default_level: Level,
    /// How it is implemented.
    pub kind: Kind,
    /// Whether it can offer a fix, and how safe.
    pub fix: Option<Applicability>,
    /// Documented options (built-in rules).
    pub options: Vec<OptionDoc>,
    docs: Docs,
    /// Where the rule was loaded from (`None` for built-in rules).
    pub path: Option<PathBuf>,
    tokens: Option<Arc<TokenRule>>,
}

impl std::fmt::Debug for RuleMeta {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuleMeta")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl RuleMeta {
    /// The docs.
    pub fn doc(&self) -> &RuleDoc {
        self.docs.get()
    }

    /// The compiled token list of a data rule.
    pub fn token_rule(&self) -> Option<&TokenRule> {
        self.tokens.as_deref()
    }

    /// Builds the check with the given options (an empty table for the defaults).
    pub fn build(&self, options: &toml::Table) -> Result<Arc<dyn Rule>, String> {
        match (&self.tokens, self.kind) {
            (Some(tokens), _) => {
                if let Some(key) = options.keys().next() {
                    return Err(format!("rule `{}` has no option `{key}`", self.id));
                }
                Ok(tokens.clone())
            }
            (None, _) => builtin::build(&self.id, options).unwrap_or_else(|| {
                Err(format!("no built-in check is registered for `{}`", self.id))
            }),
        }
    }
}

/// An error in a rule file, with the span in that file where it is.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}: {message}", path.display())]
pub struct RuleFileError {
    /// The rule file.
    pub path: PathBuf,
    /// Its text, for rendering the error.
    pub text: String,
    /// Where in the file.
    pub span: Option<Range<usize>>,
    /// What is wrong.
    pub message: String,
}

/// The set of rules known to one run: the built-in ones and any team rules.
#[derive(Debug, Clone)]
pub struct Catalog {
    rules: Vec<Arc<RuleMeta>>,
}

static BUILTIN: LazyLock<Catalog> = LazyLock::new(|| {
    let rules = BUILTIN_FILES
        .iter()
        .map(|(name, text)| {
            // The test suite checks and compiles every built-in rule (`tests/catalog.rs`).
            let meta = parse_builtin(text).unwrap_or_else(|e| {
                panic!("built-in rule file {name}.toml is invalid: {}", e.message)
            });
            Arc::new(meta)
        })
        .collect();
    Catalog { rules }
});

impl Catalog {
    /// The built-in catalog, parsed once.
    pub fn builtin() -> &'static Catalog {
        &BUILTIN
    }

    /// The built-in rules plus every `*.toml` rule file in `dirs`.
    pub fn with_custom(dirs: &[PathBuf]) -> Result<Catalog, RuleFileError> {
        let mut rules = Catalog::builtin().rules.clone();
        for dir in dirs {
            let entries = std::fs::read_dir(dir).map_err(|e| RuleFileError {
                path: dir.clone(),
                text: String::new(),
                span: None,
                message: format!("cannot read the rule folder: {e}"),
            })?;
            let mut paths: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect();
            paths.sort();
            for path in paths {
                let text = std::fs::read_to_string(&path).map_err(|e| RuleFileError {
                    path: path.clone(),
                    text: String::new(),
                    span: None,
                    message: format!("cannot read the rule file: {e}"),
                })?;
                let meta = parse_rule(&text, Some(&path))?;
                if meta.kind == Kind::Builtin {
                    return Err(RuleFileError {
                        path: path.clone(),
                        span: None,
                        message: "team rules must be of kind `existence` or `substitution`".into(),
                        text,
                    });
                }
                if rules.iter().any(|r| r.id == meta.id) {
                    return Err(RuleFileError {
                        path: path.clone(),
                        span: None,
                        message: format!("a rule with id `{}` already exists", meta.id),
                        text,
                    });
                }
                rules.push(Arc::new(meta));
            }
        }
        Ok(Catalog { rules })
    }

    /// Every rule, built-in first, in id order within each group.
    pub fn rules(&self) -> &[Arc<RuleMeta>] {
        &self.rules
    }

    /// The rule with this id, code or alias.
    pub fn get(&self, name: &str) -> Option<&Arc<RuleMeta>> {
        self.rules.iter().find(|r| {
            r.id == name || r.code.as_deref() == Some(name) || r.aliases.iter().any(|a| a == name)
        })
    }

    /// Builds what every rule builds on first use (see [`Rule::prepare`]), with default
    /// options: for a long-running process (the language server) to call on a spare thread at
    /// start, so the first posting opened does not wait for it.
    pub fn prepare(&self) {
        for rule in &self.rules {
            if let Ok(check) = rule.build(&toml::Table::new()) {
                check.prepare();
            }
        }
    }

    /// The closest known id to a misspelt one.
    pub fn suggest(&self, name: &str) -> Option<&str> {
        closest(name, self.rules.iter().map(|r| r.id.as_str()))
    }
}

/// Parses, checks and compiles one rule file.
pub fn parse_rule(text: &str, path: Option<&Path>) -> Result<RuleMeta, RuleFileError> {
    parse(text, path, true)
}

/// Parses one rule file; with `check`, checks every pattern and compiles the rule now.
pub(crate) fn parse(
    text: &str,
    path: Option<&Path>,
    check: bool,
) -> Result<RuleMeta, RuleFileError> {
    parse_with_docs(text, path, check, None)
}

/// Parses a built-in rule file, leaving its `[doc]` table (the last table in every built-in
/// file) to be read when the docs are first asked for. The rest comes ready-made from
/// [`heads`] when that was generated from this very text, so a run does not spend its first
/// milliseconds parsing TOML.
fn parse_builtin(text: &'static str) -> Result<RuleMeta, RuleFileError> {
    match text.find("\n[doc]\n") {
        // Only when nothing else follows the docs.
        Some(at) if !text[at + 1..].contains("\n[") => {
            let (head, docs) = (&text[..=at], &text[at + 1..]);
            match heads::HEADS
                .iter()
                .find(|(generated_from, _)| *generated_from == head)
            {
                Some((_, build)) => from_file(build(), head, None, false, Some(docs)),
                None => parse_with_docs(head, None, false, Some(docs)),
            }
        }
        _ => parse(text, None, false),
    }
}

/// Parses one rule file whose `[doc]` table, if `docs` is given, is that text instead.
fn parse_with_docs(
    text: &str,
    path: Option<&Path>,
    check: bool,
    docs: Option<&'static str>,
) -> Result<RuleMeta, RuleFileError> {
    let file: RuleFile = toml::from_str(text).map_err(|e| RuleFileError {
        path: path.map_or_else(|| PathBuf::from("<built-in>"), Path::to_path_buf),
        text: text.to_string(),
        span: e.span(),
        message: e.message().to_string(),
    })?;
    from_file(file, text, path, check, docs)
}

/// Checks and compiles one parsed rule file (`text` is what it was parsed from).
fn from_file(
    file: RuleFile,
    text: &str,
    path: Option<&Path>,
    check: bool,
    docs: Option<&'static str>,
) -> Result<RuleMeta, RuleFileError> {
    let path_buf = path.map_or_else(|| PathBuf::from("<built-in>"), Path::to_path_buf);
    let error = |span: Option<Range<usize>>, message: String| RuleFileError {
        path: path_buf.clone(),
        text: text.to_string(),
        span,
        message,
    };
    let id = file.id.get_ref().clone();
    if !is_kebab_case(&id) {
        return Err(error(
            Some(file.id.span()),
            format!("rule id `{id}` must be kebab-case (lowercase words joined by `-`)"),
        ));
    }
    if let Some(stem) = path.and_then(Path::file_stem).and_then(|s| s.to_str())
        && stem != id
    {
        return Err(error(
            Some(file.id.span()),
            format!("rule id `{id}` does not match the file name `{stem}.toml`"),
        ));
    }
    let tokens = match file.kind {
        Kind::Builtin => None,
        Kind::Existence | Kind::Substitution => Some(Arc::new(
            TokenRule::new(&id, &file, check).map_err(|(span, msg)| error(span, msg))?,
        )),
    };
    let fix = match file.kind {
        Kind::Substitution => Some(file.fix_applicability.unwrap_or(Applicability::Unsafe)),
        _ => file.fix_applicability,
    };
    let docs = match (file.doc, docs) {
        (Some(doc), _) => Docs {
            text: None,
            parsed: OnceLock::from(doc),
        },
        (None, Some(text)) => Docs {
            text: Some(text),
            parsed: OnceLock::new(),
        },
        (None, None) => return Err(error(None, "missing field `doc`".to_string())),
    };
    Ok(RuleMeta {
        id,
        code: file.code,
        aliases: file.aliases,
        category: file.category,
        status: file.status,
        preset: file.preset,
        default_level: file.default_level,
        kind: file.kind,
        fix,
        options: file.options,
        docs,
        path: path.map(Path::to_path_buf),
        tokens,
    })
}

fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::{BUILTIN_FILES, RuleFile};

    /// The text of a built-in file before its `[doc]` table: what `parse_builtin` parses.
    fn head(text: &str) -> Option<&str> {
        let at = text.find("\n[doc]\n")?;
        (!text[at + 1..].contains("\n[")).then(|| &text[..=at])
    }

    fn parsed(head: &str) -> RuleFile {
        toml::from_str(head).expect("built-in rule files parse")
    }

    /// A Rust expression for a TOML value.
    fn value(v: &toml::Value) -> String {
        match v {
            toml::Value::String(s) => format!("toml::Value::String(s({s:?}))"),
            toml::Value::Integer(i) => format!("toml::Value::Integer({i})"),
            toml::Value::Float(f) => format!("toml::Value::Float({f:?})"),
            toml::Value::Boolean(b) => format!("toml::Value::Boolean({b})"),
            toml::Value::Array(items) => format!(
                "toml::Value::Array(vec![{}])",
                items.iter().map(value).collect::<Vec<_>>().join(", ")
            ),
            other => panic!("no generated form for option default {other:?}"),
        }
    }

    fn spanned(v: &toml::Spanned<String>) -> String {
        format!(
            "sp({}, {}, {:?})",
            v.span().start,
            v.span().end,
            v.get_ref()
        )
    }

    fn list<T>(items: &[T], item: impl Fn(&T) -> String) -> String {
        format!(
            "vec![{}]",
            items.iter().map(item).collect::<Vec<_>>().join(", ")
        )
    }

    fn option<T>(v: Option<&T>, item: impl Fn(&T) -> String) -> String {
        v.map_or_else(|| "None".to_string(), |v| format!("Some({})", item(v)))
    }

    /// A Rust expression that builds `file`.
    fn rule_file(file: &RuleFile) -> String {
        assert!(file.doc.is_none(), "a head has no [doc] table");
        let string = |s: &String| format!("s({s:?})");
        let swap = file
            .swap
            .iter()
            .map(|(k, v)| format!("({}, s({v:?}))", spanned(k)))
            .collect::<Vec<_>>()
            .join(", ");
        let options = list(&file.options, |o| {
            format!(
                "OptionDoc {{ name: s({:?}), default: {}, description: s({:?}) }}",
                o.name,
                value(&o.default),
                o.description
            )
        });
        format!(
            "RuleFile {{\n        id: {},\n        code: {},\n        aliases: {},\n        \
             category: Category::{:?},\n        status: Status::{:?},\n        \
             preset: RulePreset::{:?},\n        default_level: Level::{:?},\n        \
             kind: Kind::{:?},\n        fix_applicability: {},\n        scope: {},\n        \
             ignore_case: {},\n        tokens: {},\n        swap: BTreeMap::from([{swap}]),\n        \
             exceptions: {},\n        unless: {},\n        message: {},\n        label: {},\n        \
             note: {},\n        help: {},\n        options: {options},\n        doc: None,\n    }}",
            spanned(&file.id),
            option(file.code.as_ref(), string),
            list(&file.aliases, string),
            file.category,
            file.status,
            file.preset,
            file.default_level,
            file.kind,
            option(file.fix_applicability.as_ref(), |a| format!(
                "Applicability::{a:?}"
            )),
            option(file.scope.as_ref(), |v| list(v, |s| format!(
                "Scope::{s:?}"
            ))),
            file.ignore_case,
            list(&file.tokens, spanned),
            list(&file.exceptions, spanned),
            list(&file.unless, spanned),
            option(file.message.as_ref(), string),
            option(file.label.as_ref(), string),
            option(file.note.as_ref(), string),
            option(file.help.as_ref(), string),
        )
    }

    /// The generated `heads.rs` for the built-in files as they are now.
    fn generate() -> String {
        let mut out = String::from(
            "// @generated by `cargo test --lib rules::catalog::tests::regenerate_heads -- --ignored \
             --exact`.\n// Do not edit: see `parse_builtin` in src/rules/catalog.rs.\n\n\
             use std::collections::BTreeMap;\n\n\
             use toml::Spanned;\n\n\
             use super::{Category, Kind, OptionDoc, RuleFile, RulePreset, Scope, Status};\n\
             #[allow(unused_imports)]\n\
             use crate::diagnostic::{Applicability, Level};\n\n\
             /// A head's text, and a function building the rule file it parses into.\n\
             type Head = (&'static str, fn() -> RuleFile);\n\n\
             pub(super) static HEADS: &[Head] = &[\n",
        );
        let heads: Vec<&str> = BUILTIN_FILES.iter().filter_map(|(_, t)| head(t)).collect();
        for (i, text) in heads.iter().enumerate() {
            writeln!(out, "    ({text:?}, head_{i}),").expect("writing to a String");
        }
        out.push_str(
            "];\n\nfn s(text: &str) -> String {\n    text.to_string()\n}\n\n\
             fn sp(start: usize, end: usize, text: &str) -> Spanned<String> {\n    \
             Spanned::new(start..end, text.to_string())\n}\n",
        );
        for (i, text) in heads.iter().enumerate() {
            write!(
                out,
                "\n#[allow(clippy::too_many_lines)]\nfn head_{i}() -> RuleFile {{\n    {}\n}}\n",
                rule_file(&parsed(text))
            )
            .expect("writing to a String");
        }
        out
    }

    fn heads_path() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules/catalog/heads.rs")
    }

    #[test]
    #[ignore = "writes src/rules/catalog/heads.rs; run alone to regenerate it"]
    fn regenerate_heads() {
        std::fs::write(heads_path(), generate()).expect("write heads.rs");
    }

    /// A built-in file whose text is not the one a head was generated from is parsed from its
    /// TOML, so an edit takes effect before the table is regenerated.
    #[test]
    fn an_edited_rule_file_is_read_as_written() {
        let (_, text) = BUILTIN_FILES
            .iter()
            .find(|(name, _)| *name == "ableist-wording")
            .expect("a built-in rule");
        let ready = super::parse_builtin(text).expect("parses");
        assert_eq!(ready.default_level, crate::diagnostic::Level::Warn);
        let edited: &'static str = Box::leak(
            text.replacen("default-level = \"warn\"", "default-level = \"error\"", 1)
                .into_boxed_str(),
        );
        assert_ne!(edited, *text, "the edit applies");
        let read = super::parse_builtin(edited).expect("parses");
        assert_eq!(read.default_level, crate::diagnostic::Level::Error);
        assert_eq!(read.id, ready.id);
    }

    /// Every built-in file's head is in the table as it is now, and builds what `toml` parses
    /// it into.
    #[test]
    fn heads_are_current() {
        let mut checked = 0;
        for (name, text) in BUILTIN_FILES {
            let Some(head) = head(text) else { continue };
            let built = super::heads::HEADS
                .iter()
                .find(|(from, _)| *from == head)
                .unwrap_or_else(|| {
                    panic!(
                        "rules/{name}.toml changed since src/rules/catalog/heads.rs was \
                         generated: run `cargo test --lib rules::catalog::tests::regenerate_heads \
                         -- --ignored --exact`"
                    )
                });
            assert_eq!(
                format!("{:?}", (built.1)()),
                format!("{:?}", parsed(head)),
                "rules/{name}.toml"
            );
            checked += 1;
        }
        assert!(checked > 40, "heads checked: {checked}");
        assert_eq!(
            super::heads::HEADS.len(),
            checked,
            "no head for a file that is gone"
        );
        let file = std::fs::read_to_string(heads_path()).expect("read heads.rs");
        assert!(
            file == generate(),
            "heads.rs is not what the generator writes now"
        );
    }
}
