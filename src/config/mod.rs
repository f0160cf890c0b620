//! `jdlint.toml`: the schema, discovery by walking up from each file, and resolution into the
//! [`RuleSet`] that applies to one path.
//!
//! The schema is strict: an unknown key, rule id, level or option is a [`ConfigError`] that
//! points at its span in the file and suggests the closest valid name.

mod cache;

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use globset::{Candidate, Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

pub use cache::Configs;

use crate::diagnostic::Level;
use crate::rules::{ActiveRule, Catalog, RuleSet, Status, closest};

/// Names of config files, in the order they are looked for in each directory.
pub const CONFIG_NAMES: &[&str] = &["jdlint.toml", ".jdlint.toml"];

/// File names linted when a directory is walked, unless `[files] include` says otherwise.
pub const DEFAULT_INCLUDE: &[&str] = &["*.md", "*.markdown", "*.txt"];

/// A config file that could not be used, with where in it the problem is.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}: {message}", path.display())]
pub struct ConfigError {
    /// The config file (or rule file) at fault.
    pub path: PathBuf,
    /// Its text, for rendering the error with a snippet; empty if it could not be read.
    pub text: String,
    /// Where in the text.
    pub span: Option<Range<usize>>,
    /// What is wrong.
    pub message: String,
    /// What to do, such as the closest valid name.
    pub help: Option<String>,
}

/// A named starting set of rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// Stable rules at their default levels.
    Recommended,
    /// Every stable rule, opinionated ones and those off by default included.
    Strict,
    /// Every rule, preview ones included.
    All,
    /// No rules; enable them one by one in `[rules]`.
    None,
}

impl Preset {
    const NAMES: [&'static str; 4] = ["recommended", "strict", "all", "none"];

    fn parse(name: &str) -> Option<Self> {
        match name {
            "recommended" => Some(Preset::Recommended),
            "strict" => Some(Preset::Strict),
            "all" => Some(Preset::All),
            "none" => Some(Preset::None),
            _ => None,
        }
    }

    /// The name used in config files.
    pub fn as_str(self) -> &'static str {
        match self {
            Preset::Recommended => "recommended",
            Preset::Strict => "strict",
            Preset::All => "all",
            Preset::None => "none",
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    #[serde(default)]
    lint: RawLint,
    #[serde(default)]
    files: RawFiles,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    #[serde(default)]
    overrides: Vec<RawOverride>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawLint {
    preset: Option<Spanned<String>>,
    #[serde(default)]
    rule_paths: Vec<Spanned<String>>,
    jurisdictions: Option<Vec<Spanned<String>>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawFiles {
    include: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawOverride {
    files: Vec<Spanned<String>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    jurisdictions: Option<Vec<Spanned<String>>>,
}

/// What a config says about one rule.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleSetting {
    /// The canonical rule id (aliases and codes resolved).
    pub id: String,
    /// The level, if set.
    pub level: Option<Level>,
    /// Options, if any.
    pub options: toml::Table,
}

#[derive(Debug)]
struct Override {
    globs: GlobSet,
    rules: Vec<RuleSetting>,
    jurisdictions: Option<Vec<String>>,
}

/// A loaded, validated configuration (or the defaults when there is no file).
#[derive(Debug)]
pub struct Config {
    path: Option<PathBuf>,
    root: PathBuf,
    catalog: Arc<Catalog>,
    preset: Preset,
    rules: Vec<RuleSetting>,
    jurisdictions: Vec<String>,
    extra_jurisdictions: Vec<String>,
    overrides: Vec<Override>,
    include: GlobSet,
    include_patterns: Vec<String>,
    exclude: GlobSet,
    exclude_patterns: Vec<String>,
    cache: Mutex<HashMap<Vec<usize>, Arc<RuleSet>>>,
}

impl Config {
    /// The defaults: the recommended preset, no overrides, rooted at `root`.
    pub fn default_at(root: &Path) -> Config {
        Config {
            path: None,
            root: root.to_path_buf(),
            catalog: Arc::new(Catalog::builtin().clone()),
            preset: Preset::Recommended,
            rules: Vec::new(),
            jurisdictions: Vec::new(),
            extra_jurisdictions: Vec::new(),
            overrides: Vec::new(),
            include: glob_set(DEFAULT_INCLUDE).expect("default globs are valid"),
            include_patterns: DEFAULT_INCLUDE.iter().map(ToString::to_string).collect(),
            exclude: GlobSet::empty(),
            exclude_patterns: Vec::new(),
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// Reads and validates a config file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: path.to_path_buf(),
            text: String::new(),
            span: None,
            message: format!("cannot read the config file: {e}"),
            help: None,
        })?;
        Self::parse(path, &text)
    }

    /// Parses and validates config text as if read from `path`.
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let error =
            |span: Option<Range<usize>>, message: String, help: Option<String>| ConfigError {
                path: path.to_path_buf(),
                text: text.to_string(),
                span,
                message,
                help,
            };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let message = e.message().trim().to_string();
            let help = unknown_field_help(&message);
            error(e.span(), message, help)
        })?;
        let root = path
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let preset = match &raw.lint.preset {
            None => Preset::Recommended,
            Some(name) => Preset::parse(name.get_ref()).ok_or_else(|| {
                error(
                    Some(name.span()),
                    format!("unknown preset `{}`", name.get_ref()),
                    Some(suggestion(name.get_ref(), Preset::NAMES, "presets")),
                )
            })?,
        };
        let rule_dirs: Vec<PathBuf> = raw
            .lint
            .rule_paths
            .iter()
            .map(|p| root.join(p.get_ref()))
            .collect();
        for (dir, raw_path) in rule_dirs.iter().zip(&raw.lint.rule_paths) {
            if !dir.is_dir() {
                return Err(error(
                    Some(raw_path.span()),
                    format!("rule folder `{}` does not exist", raw_path.get_ref()),
                    Some("`rule-paths` are relative to the folder of this config file".into()),
                ));
            }
        }
        let catalog = if rule_dirs.is_empty() {
            Catalog::builtin().clone()
        } else {
            Catalog::with_custom(&rule_dirs).map_err(|e| ConfigError {
                path: e.path,
                text: e.text,
                span: e.span,
                message: e.message,
                help: None,
            })?
        };
        let rules = read_rule_settings(&catalog, &raw.rules)
            .map_err(|(span, msg, help)| error(Some(span), msg, help))?;
        let jurisdictions =
            read_jurisdictions(raw.lint.jurisdictions.as_deref().unwrap_or_default())
                .map_err(|(span, msg, help)| error(Some(span), msg, help))?;
        let mut overrides = Vec::new();
        for o in &raw.overrides {
            let (globs, _) =
                spanned_globs(&o.files).map_err(|(span, msg)| error(Some(span), msg, None))?;
            let rules = read_rule_settings(&catalog, &o.rules)
                .map_err(|(span, msg, help)| error(Some(span), msg, help))?;
            let jurisdictions = o
                .jurisdictions
                .as_deref()
                .map(read_jurisdictions)
                .transpose()
                .map_err(|(span, msg, help)| error(Some(span), msg, help))?;
            overrides.push(Override {
                globs,
                rules,
                jurisdictions,
            });
        }
        let (include, include_patterns) = match &raw.files.include {
            Some(globs) => {
                spanned_globs(globs).map_err(|(span, msg)| error(Some(span), msg, None))?
            }
            None => (
                glob_set(DEFAULT_INCLUDE).expect("default globs are valid"),
                DEFAULT_INCLUDE.iter().map(ToString::to_string).collect(),
            ),
        };
        let (exclude, exclude_patterns) = spanned_globs(&raw.files.exclude)
            .map_err(|(span, msg)| error(Some(span), msg, None))?;
        Ok(Config {
            path: Some(path.to_path_buf()),
            root,
            catalog: Arc::new(catalog),
            preset,
            rules,
            jurisdictions,
            extra_jurisdictions: Vec::new(),
            overrides,
            include,
            include_patterns,
            exclude,
            exclude_patterns,
            cache: Mutex::new(HashMap::new()),
        })
    }

    /// The config file, if this is not the defaults.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The rule catalog, team rules included.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The catalog, shared (for holders that outlive a borrow, like the language server's
    /// open documents).
    pub fn shared_catalog(&self) -> Arc<Catalog> {
        self.catalog.clone()
    }

    /// The preset.
    pub fn preset(&self) -> Preset {
        self.preset
    }

    /// The include globs, as written.
    pub fn include_patterns(&self) -> &[String] {
        &self.include_patterns
    }

    /// The exclude globs, as written.
    pub fn exclude_patterns(&self) -> &[String] {
        &self.exclude_patterns
    }

    fn relative<'p>(&self, path: &'p Path) -> &'p Path {
        path.strip_prefix(&self.root)
            .or_else(|_| path.strip_prefix(self.root.strip_prefix(".").unwrap_or(&self.root)))
            .unwrap_or(path)
    }

    /// Whether a file found by walking a directory should be linted.
    pub fn is_included(&self, path: &Path) -> bool {
        self.is_included_in(path, self.excludes_folder_of(path))
    }

    /// [`Config::is_included`], told whether [`Config::excludes_folder_of`] holds for `path`:
    /// the same for every file of a folder, so a walk asks it once a folder.
    pub fn is_included_in(&self, path: &Path, folder_excluded: bool) -> bool {
        // The path and its name are each prepared for matching once, for both glob sets.
        let rel = Candidate::new(self.relative(path));
        let name = path.file_name().map(Candidate::new);
        let included = name
            .as_ref()
            .is_some_and(|name| self.include.is_match_candidate(name))
            || self.include.is_match_candidate(&rel);
        included && !folder_excluded && !self.excludes_itself(&rel, name.as_ref())
    }

    /// Whether a path matches an exclude glob: itself, its name, or a folder above it.
    pub fn is_excluded(&self, path: &Path) -> bool {
        let name = path.file_name().map(Candidate::new);
        self.excludes_itself(&Candidate::new(self.relative(path)), name.as_ref())
            || self.excludes_folder_of(path)
    }

    /// Whether an exclude glob matches a path (relative to the config's folder) or its name.
    fn excludes_itself(&self, rel: &Candidate<'_>, name: Option<&Candidate<'_>>) -> bool {
        !self.exclude.is_empty()
            && (self.exclude.is_match_candidate(rel)
                || name.is_some_and(|name| self.exclude.is_match_candidate(name)))
    }

    /// Whether an exclude glob matches a folder above `path` (below the config's folder).
    pub fn excludes_folder_of(&self, path: &Path) -> bool {
        !self.exclude.is_empty()
            && self
                .relative(path)
                .ancestors()
                .skip(1)
                .any(|a| !a.as_os_str().is_empty() && self.exclude.is_match(a))
    }

    /// The settings for every rule that applies to `path`, after overrides.
    pub fn settings_for(&self, path: &Path) -> Vec<(String, Level, toml::Table)> {
        let matched = self.matched_overrides(path);
        self.resolve(&matched)
            .into_iter()
            .map(|(meta, level, options)| (meta.id.clone(), level, options))
            .collect()
    }

    fn matched_overrides(&self, path: &Path) -> Vec<usize> {
        let rel = self.relative(path);
        self.overrides
            .iter()
            .enumerate()
            .filter(|(_, o)| o.globs.is_match(rel))
            .map(|(i, _)| i)
            .collect()
    }

    fn resolve(
        &self,
        overrides: &[usize],
    ) -> Vec<(Arc<crate::rules::RuleMeta>, Level, toml::Table)> {
        let mut out = Vec::new();
        for meta in self.catalog.rules() {
            let mut level = match (self.preset, meta.status) {
                (Preset::Recommended, Status::Stable)
                    if meta.preset == crate::rules::RulePreset::Recommended =>
                {
                    meta.default_level
                }
                (Preset::Strict, Status::Stable) | (Preset::All, _) => match meta.default_level {
                    Level::Off => Level::Warn,
                    level => level,
                },
                _ => Level::Off,
            };
            let mut options = toml::Table::new();
            if PAY_LAW_RULES.contains(&meta.id.as_str()) {
                self.jurisdiction_options(overrides, &mut options);
            }
            let layers = std::iter::once(&self.rules)
                .chain(overrides.iter().map(|&i| &self.overrides[i].rules));
            for settings in layers {
                for s in settings.iter().filter(|s| s.id == meta.id) {
                    if let Some(l) = s.level {
                        level = l;
                    } else if level == Level::Off && !s.options.is_empty() {
                        // Giving options to a rule that is off turns it on at its default level.
                        level = match meta.default_level {
                            Level::Off => Level::Warn,
                            l => l,
                        };
                    }
                    options.extend(s.options.clone());
                }
            }
            if level != Level::Off {
                out.push((meta.clone(), level, options));
            }
        }
        out
    }

    /// Adds places from the command line (`--jurisdiction`), checked by the caller.
    pub fn add_jurisdictions(&mut self, ids: &[String]) {
        self.extra_jurisdictions.extend(ids.iter().cloned());
    }

    /// The places selected for `path` by this config and the command line.
    pub fn jurisdictions_for(&self, path: &Path) -> Vec<String> {
        let mut options = toml::Table::new();
        self.jurisdiction_options(&self.matched_overrides(path), &mut options);
        options
            .values()
            .filter_map(toml::Value::as_array)
            .flatten()
            .filter_map(|v| v.as_str().map(ToString::to_string))
            .collect()
    }

    /// `jurisdictions` (the last matching override's list replaces the base list) and
    /// `extra-jurisdictions`, as rule options.
    fn jurisdiction_options(&self, overrides: &[usize], options: &mut toml::Table) {
        let list = overrides
            .iter()
            .rev()
            .find_map(|&i| self.overrides[i].jurisdictions.as_ref())
            .unwrap_or(&self.jurisdictions);
        let array = |ids: &[String]| {
            toml::Value::Array(ids.iter().cloned().map(toml::Value::String).collect())
        };
        if !list.is_empty() {
            options.insert("jurisdictions".into(), array(list));
        }
        if !self.extra_jurisdictions.is_empty() {
            options.insert(
                "extra-jurisdictions".into(),
                array(&self.extra_jurisdictions),
            );
        }
    }

    /// The compiled rules for `path`, built once per combination of matching overrides.
    pub fn rule_set_for(&self, path: &Path) -> Result<Arc<RuleSet>, String> {
        let matched = self.matched_overrides(path);
        if let Some(set) = self.cache.lock().expect("cache lock").get(&matched) {
            return Ok(set.clone());
        }
        let mut active = Vec::new();
        for (meta, level, options) in self.resolve(&matched) {
            let check = meta.build(&options)?;
            active.push(ActiveRule { meta, level, check });
        }
        let set = Arc::new(RuleSet::new(active).with_catalog(self.catalog.clone()));
        self.cache
            .lock()
            .expect("cache lock")
            .insert(matched, set.clone());
        Ok(set)
    }
}

type SettingError = (Range<usize>, String, Option<String>);

/// The rules that `jurisdictions` settings feed.
const PAY_LAW_RULES: [&str; 2] = ["pay-transparency-law", "pay-transparency-advice"];

/// Checks jurisdiction ids, pointing at an unknown one with the closest id.
fn read_jurisdictions(list: &[Spanned<String>]) -> Result<Vec<String>, SettingError> {
    list.iter()
        .map(|id| {
            let name = id.get_ref();
            if crate::jurisdiction::get(name).is_some() {
                Ok(name.clone())
            } else {
                let help = crate::jurisdiction::suggest(name).map_or_else(
                    || "run `jdlint jurisdictions` to list the ids".to_string(),
                    |s| format!("did you mean `{s}`?"),
                );
                Err((
                    id.span(),
                    format!("unknown jurisdiction `{name}`"),
                    Some(help),
                ))
            }
        })
        .collect()
}

fn read_rule_settings(
    catalog: &Catalog,
    raw: &BTreeMap<Spanned<String>, Spanned<toml::Value>>,
) -> Result<Vec<RuleSetting>, SettingError> {
    let mut settings = Vec::new();
    for (key, value) in raw {
        let name = key.get_ref();
        let Some(meta) = catalog.get(name) else {
            let help = catalog.suggest(name).map_or_else(
                || "run `jdlint rules` to list every rule".to_string(),
                |s| format!("did you mean `{s}`?"),
            );
            return Err((key.span(), format!("unknown rule `{name}`"), Some(help)));
        };
        let (level, options) = match value.get_ref() {
            toml::Value::String(level) => {
                (Some(parse_level(level, value.span())?), toml::Table::new())
            }
            toml::Value::Table(table) => {
                let mut options = table.clone();
                let level = match options.remove("level") {
                    None => None,
                    Some(toml::Value::String(level)) => Some(parse_level(&level, value.span())?),
                    Some(_) => {
                        return Err((
                            value.span(),
                            "`level` must be a string".into(),
                            Some(level_help()),
                        ));
                    }
                };
                (level, options)
            }
            _ => {
                return Err((
                    value.span(),
                    format!("rule `{name}` takes a level or a table of options"),
                    Some(format!(
                        "write `{name} = \"warn\"` or `{name} = {{ level = \"warn\" }}`"
                    )),
                ));
            }
        };
        // Validate the options now, so the error points at this line.
        if !options.is_empty() {
            meta.build(&options).map_err(|msg| {
                let names: Vec<&str> = meta.options.iter().map(|o| o.name.as_str()).collect();
                let help = if names.is_empty() {
                    None
                } else {
                    Some(format!("options of `{}`: {}", meta.id, names.join(", ")))
                };
                (
                    value.span(),
                    format!("invalid options for `{}`: {msg}", meta.id),
                    help,
                )
            })?;
        }
        settings.push(RuleSetting {
            id: meta.id.clone(),
            level,
            options,
        });
    }
    Ok(settings)
}

fn parse_level(level: &str, span: Range<usize>) -> Result<Level, SettingError> {
    level.parse().map_err(|()| {
        (
            span,
            format!("unknown level `{level}`"),
            Some(suggestion(level, Level::NAMES, "levels")),
        )
    })
}

fn level_help() -> String {
    format!("levels: {}", Level::NAMES.join(", "))
}

fn suggestion<const N: usize>(input: &str, names: [&str; N], what: &str) -> String {
    // "warning" is the likeliest slip for "warn"; a prefix match catches it.
    let close = names
        .iter()
        .find(|n| input.starts_with(**n) && n.len() >= 3)
        .copied()
        .or_else(|| closest(input, names));
    match close {
        Some(c) => format!("did you mean `{c}`? {what}: {}", names.join(", ")),
        None => format!("{what}: {}", names.join(", ")),
    }
}

/// Adds "did you mean" to serde's "unknown field `x`, expected one of `a`, `b`".
fn unknown_field_help(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    closest(field, expected.iter().copied()).map(|c| format!("did you mean `{c}`?"))
}

fn glob_set(patterns: &[&str]) -> Result<GlobSet, globset::Error> {
    let mut builder = GlobSetBuilder::new();
    for p in patterns {
        builder.add(Glob::new(p)?);
    }
    builder.build()
}

fn spanned_globs(
    patterns: &[Spanned<String>],
) -> Result<(GlobSet, Vec<String>), (Range<usize>, String)> {
    let mut builder = GlobSetBuilder::new();
    for p in patterns {
        let glob = Glob::new(p.get_ref())
            .map_err(|e| (p.span(), format!("invalid glob: {}", e.kind())))?;
        builder.add(glob);
    }
    let set = builder
        .build()
        .map_err(|e| (patterns.first().map_or(0..0, Spanned::span), e.to_string()))?;
    Ok((set, patterns.iter().map(|p| p.get_ref().clone()).collect()))
}

/// Finds the config file that governs `dir`: the nearest `jdlint.toml` or `.jdlint.toml` in it
/// or a parent.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    dir.ancestors().find_map(|d| {
        CONFIG_NAMES
            .iter()
            .map(|name| d.join(name))
            .find(|p| p.is_file())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> ConfigError {
        Config::parse(Path::new("jdlint.toml"), text).expect_err("should fail")
    }

    #[test]
    fn unknown_rule_suggests_closest() {
        let text = "[rules]\nmissing-salary = \"error\"\n";
        let e = err(text);
        assert_eq!(e.message, "unknown rule `missing-salary`");
        assert_eq!(&text[e.span.unwrap()], "missing-salary");
        assert_eq!(
            e.help.as_deref(),
            Some("did you mean `missing-salary-range`?")
        );
    }

    #[test]
    fn unknown_level_and_key() {
        let e = err("[rules]\nmissing-summary = \"warning\"\n");
        assert_eq!(e.message, "unknown level `warning`");
        assert!(e.help.unwrap().starts_with("did you mean `warn`?"));
        let e = err("[rulez]\n");
        assert!(
            e.message.starts_with("unknown field `rulez`"),
            "{}",
            e.message
        );
        assert_eq!(e.help.as_deref(), Some("did you mean `rules`?"));
    }

    #[test]
    fn bad_option_points_at_rule() {
        let text = "[rules]\nmissing-summary = { level = \"warn\", max-word = 120 }\n";
        let e = err(text);
        assert!(e.message.contains("max-word"), "{}", e.message);
        assert!(text[e.span.unwrap()].starts_with('{'));
    }

    #[test]
    fn overrides_and_options_resolve() {
        let text = r#"
[rules]
missing-summary = { level = "error", max-words = 50 }
hero-job-title = "off"

[[overrides]]
files = ["internships/**"]
rules = { missing-salary-range = "off", missing-summary = "info" }
"#;
        let config = Config::parse(Path::new("/repo/jdlint.toml"), text).unwrap();
        let get = |path: &str, id: &str| {
            config
                .settings_for(Path::new(path))
                .into_iter()
                .find(|(rule, ..)| rule == id)
        };
        let (_, level, options) = get("/repo/a.md", "missing-summary").unwrap();
        assert_eq!(level, Level::Error);
        assert_eq!(options.get("max-words"), Some(&toml::Value::Integer(50)));
        assert!(get("/repo/a.md", "hero-job-title").is_none());
        assert!(get("/repo/internships/x.md", "missing-salary-range").is_none());
        assert_eq!(
            get("/repo/internships/x.md", "missing-summary").unwrap().1,
            Level::Info
        );
        assert!(get("/repo/a.md", "missing-salary-range").is_some());
    }

    #[test]
    fn presets_choose_rules() {
        let level = |preset: &str, id: &str| {
            let text = format!("[lint]\npreset = \"{preset}\"\n");
            let config = Config::parse(Path::new("/repo/jdlint.toml"), &text).unwrap();
            config
                .settings_for(Path::new("/repo/a.md"))
                .into_iter()
                .find(|(rule, ..)| rule == id)
                .map(|(_, level, _)| level)
        };
        // Stable, recommended rules keep their default level everywhere but `none`.
        assert_eq!(level("recommended", "hero-job-title"), Some(Level::Warn));
        assert_eq!(level("strict", "hero-job-title"), Some(Level::Warn));
        assert_eq!(level("none", "hero-job-title"), None);
        // Strict-preset rules come with `strict` and `all` only.
        assert_eq!(level("recommended", "jargon"), None);
        assert_eq!(level("strict", "jargon"), Some(Level::Info));
        assert_eq!(level("all", "gender-coded-word"), Some(Level::Info));
        // Rules off by default are turned on at `warn` by `strict`.
        assert_eq!(level("recommended", "missing-suppression-reason"), None);
        assert_eq!(
            level("strict", "missing-suppression-reason"),
            Some(Level::Warn)
        );
        let e = err("[lint]\npreset = \"strikt\"\n");
        assert_eq!(e.message, "unknown preset `strikt`");
    }
}
