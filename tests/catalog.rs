//! The rule catalog is consistent: every file in `rules/` is embedded and passes the checks team
//! rules get, ids match file names,
//! ids and codes are unique, built-in rules have a check, every rule has fixtures, and each
//! rule's documented examples behave as documented.

use std::collections::HashSet;
use std::path::Path;

use jdlint::RuleSet;
use jdlint::rules::catalog::BUILTIN_FILES;
use jdlint::rules::{Catalog, Kind, Rule, builtin};

#[test]
fn every_rule_file_is_embedded() {
    let mut on_disk: Vec<String> = std::fs::read_dir("rules")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| p.file_stem().unwrap().to_str().unwrap().to_string())
        .collect();
    on_disk.sort();
    let embedded: Vec<String> = BUILTIN_FILES
        .iter()
        .map(|(n, _)| (*n).to_string())
        .collect();
    assert_eq!(on_disk, embedded, "rules/ and BUILTIN_FILES differ");
    for (name, text) in BUILTIN_FILES {
        let on_disk = std::fs::read_to_string(format!("rules/{name}.toml")).unwrap();
        assert_eq!(&on_disk, text);
    }
}

/// The built-in catalog skips the checks team rules get and compiles its data rules on first
/// use, to start fast; here every built-in file gets the full checks, and the catalog's own
/// rule is compiled (`prepare` panics, naming the pattern, if it does not compile).
#[test]
fn builtin_rules_pass_the_team_rule_checks() {
    for (name, text) in BUILTIN_FILES {
        let meta =
            jdlint::rules::catalog::parse_rule(text, Some(Path::new(&format!("{name}.toml"))))
                .unwrap_or_else(|e| panic!("{name}: {}", e.message));
        if let Some(tokens) = Catalog::builtin().get(name).unwrap().token_rule() {
            assert!(meta.token_rule().is_some(), "{name}");
            tokens.prepare();
        }
    }
}

#[test]
fn ids_codes_and_checks_are_consistent() {
    let catalog = Catalog::builtin();
    let mut names = HashSet::new();
    for rule in catalog.rules() {
        assert!(names.insert(rule.id.clone()), "duplicate id {}", rule.id);
        if let Some(code) = &rule.code {
            assert!(names.insert(code.clone()), "duplicate code {code}");
        }
        for alias in &rule.aliases {
            assert!(names.insert(alias.clone()), "duplicate alias {alias}");
        }
        let registered = builtin::REGISTRY.iter().any(|(id, _)| *id == rule.id);
        assert_eq!(
            rule.kind == Kind::Builtin,
            registered,
            "{}: kind and registry disagree",
            rule.id
        );
        let dir = Path::new("fixtures/rules").join(&rule.id);
        let files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|_| panic!("no fixtures for {}", rule.id))
            .map(|e| e.unwrap().file_name().to_str().unwrap().to_string())
            .collect();
        assert!(
            files.iter().any(|f| f.starts_with("bad")),
            "{}: no bad fixture",
            rule.id
        );
        assert!(
            files.iter().any(|f| f.starts_with("good")),
            "{}: no good fixture",
            rule.id
        );
        assert!(!rule.doc().sources.is_empty(), "{}: cite a source", rule.id);
    }
    for (id, _) in builtin::REGISTRY {
        assert!(
            catalog.get(id).is_some(),
            "registered check {id} has no rule file"
        );
    }
}

#[test]
fn documented_examples_behave() {
    for rule in Catalog::builtin().rules() {
        let rules = RuleSet::only(&rule.id).unwrap();
        let bad = jdlint::lint_str(Path::new("bad.md"), &rule.doc().bad, &rules);
        assert_eq!(
            bad.diagnostics.len(),
            1,
            "{}: doc.bad should give exactly one finding: {:?}",
            rule.id,
            bad.diagnostics
        );
        let good = jdlint::lint_str(Path::new("good.md"), &rule.doc().good, &rules);
        assert!(
            good.diagnostics.is_empty(),
            "{}: doc.good gave {:?}",
            rule.id,
            good.diagnostics
        );
    }
}

#[test]
fn documented_option_defaults_are_accepted() {
    for rule in Catalog::builtin().rules() {
        let mut table = toml::Table::new();
        for option in &rule.options {
            table.insert(option.name.clone(), option.default.clone());
        }
        if let Err(e) = rule.build(&table) {
            panic!("{}: documented defaults rejected: {e}", rule.id);
        }
    }
}

/// The README's rule table has one row per rule, with the catalog's code, category, default
/// level, fix and preset.
#[test]
fn readme_lists_every_rule() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    for rule in Catalog::builtin().rules() {
        let prefix = format!("| `{}` |", rule.id);
        let row = readme
            .lines()
            .find(|l| l.starts_with(&prefix))
            .unwrap_or_else(|| panic!("README has no row for {}", rule.id));
        let cells: Vec<&str> = row.split(" | ").map(str::trim).collect();
        let fix = match rule.fix {
            Some(jdlint::diagnostic::Applicability::Safe) => "safe",
            Some(jdlint::diagnostic::Applicability::Unsafe) => "unsafe",
            _ => "-",
        };
        let preset = match rule.status {
            jdlint::rules::Status::Preview => "all",
            jdlint::rules::Status::Stable => rule.preset.as_str(),
        };
        assert_eq!(
            &cells[1..6],
            &[
                rule.code.as_deref().unwrap_or("-"),
                rule.category.as_str(),
                rule.default_level.as_str(),
                fix,
                preset
            ],
            "README row for {}",
            rule.id
        );
    }
}

/// The defaults a rule file documents are the ones the check uses: linting every fixture with
/// no options and with the documented defaults spelled out gives the same findings.
#[test]
fn documented_option_defaults_are_the_real_ones() {
    use jdlint::diagnostic::Level;
    use jdlint::rules::ActiveRule;
    let fixtures: Vec<(std::path::PathBuf, String)> = std::fs::read_dir("fixtures/rules")
        .unwrap()
        .flat_map(|d| std::fs::read_dir(d.unwrap().path()).unwrap())
        .map(|f| f.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "txt"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect();
    // Postings around the length bounds, where a wrong documented default would show.
    let mut fixtures = fixtures;
    for words in [40, 60, 1190, 1210, 1490, 1510, 1990, 2010] {
        let body = vec!["Ship the booking app."; words / 4].join(" ");
        fixtures.push((
            format!("{words}.md").into(),
            format!("# Engineer\n\n{body}\n"),
        ));
    }
    for meta in Catalog::builtin().rules() {
        if meta.options.is_empty() {
            continue;
        }
        let mut documented = toml::Table::new();
        for option in &meta.options {
            documented.insert(option.name.clone(), option.default.clone());
        }
        let set = |options: &toml::Table| {
            RuleSet::new(vec![ActiveRule {
                meta: meta.clone(),
                level: Level::Warn,
                check: meta.build(options).unwrap(),
            }])
        };
        let (implicit, explicit) = (set(&toml::Table::new()), set(&documented));
        for (path, text) in &fixtures {
            let a = jdlint::lint_str(path, text, &implicit).diagnostics;
            let b = jdlint::lint_str(path, text, &explicit).diagnostics;
            assert_eq!(
                a,
                b,
                "{}: documented defaults differ on {}",
                meta.id,
                path.display()
            );
        }
    }
}
