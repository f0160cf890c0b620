//! Fixture tests: each rule runs alone over `fixtures/rules/<id>/`. Files named `bad*` must give
//! findings, snapshotted as the human output; files named `good*` hold near-misses and must
//! give none.

use std::path::Path;

use jdlint::RuleSet;
use jdlint::report::human::render_plain;
use jdlint::source::SourceFile;

#[test]
fn rule_fixtures() {
    insta::glob!("../fixtures", "rules/*/*.{md,txt}", |path| {
        let (rule, name) = fixture_names(path, "rules");
        let rule = rule.as_str();
        let rules = RuleSet::only(rule).unwrap_or_else(|| panic!("no rule `{rule}`"));
        let text = std::fs::read_to_string(path).unwrap();
        let result = jdlint::lint_str(path, &text, &rules);
        let rendered = render_plain(&SourceFile::new(name, text), &result.diagnostics);
        let stem = path.file_stem().unwrap().to_str().unwrap();
        if stem.starts_with("good") {
            assert!(
                result.diagnostics.is_empty(),
                "{}:\n{rendered}",
                path.display()
            );
        } else {
            assert!(
                !result.diagnostics.is_empty(),
                "{} gave no finding",
                path.display()
            );
            insta::assert_snapshot!(rendered);
        }
    });
}

/// Every finding of every rule on every fixture has a span on char boundaries inside the text,
/// and the line/column every format prints agrees with the byte offset.
#[test]
fn spans_are_valid_everywhere() {
    let rules = RuleSet::recommended();
    for entry in walk(Path::new("fixtures")) {
        let text = std::fs::read_to_string(&entry).unwrap();
        let result = jdlint::lint_str(&entry, &text, &rules);
        let file = SourceFile::new(entry.display().to_string(), text.clone());
        for d in &result.diagnostics {
            for span in std::iter::once(&d.span).chain(d.secondary.iter().map(|l| &l.span)) {
                assert!(
                    span.start <= span.end && span.end <= text.len(),
                    "{}: {d:?}",
                    entry.display()
                );
                assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
                let at = file.location(span.start);
                let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
                assert_eq!(at.line, text[..span.start].matches('\n').count() + 1);
                assert_eq!(at.column, text[line_start..span.start].chars().count() + 1);
            }
            if let Some(fix) = &d.fix {
                for edit in &fix.edits {
                    assert!(
                        text.is_char_boundary(edit.span.start)
                            && text.is_char_boundary(edit.span.end)
                    );
                }
            }
        }
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("fixture folder is readable") {
        let path = entry.expect("fixture entry is readable").path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "md" || e == "txt") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// Pay-transparency fixtures: `fixtures/jurisdictions/<id>/`. Each posting selects its place in
/// front matter and is linted with the recommended rules. `bad*` postings break that place's
/// law (snapshotted, and every finding names the law); `good*` postings comply and get no
/// pay-transparency finding at all, so selecting the place adds nothing to their findings.
#[test]
fn jurisdiction_fixtures() {
    let rules = RuleSet::recommended();
    insta::glob!("../fixtures", "jurisdictions/*/*.md", |path| {
        let (id, name) = fixture_names(path, "jurisdictions");
        let id = id.as_str();
        let place = jdlint::jurisdiction::get(id).unwrap_or_else(|| panic!("no place `{id}`"));
        let text = std::fs::read_to_string(path).unwrap();
        let law: Vec<_> = jdlint::lint_str(path, &text, &rules)
            .diagnostics
            .into_iter()
            .filter(|d| d.rule.starts_with("pay-transparency"))
            .collect();
        let rendered = render_plain(&SourceFile::new(name, text), &law);
        let stem = path.file_stem().unwrap().to_str().unwrap();
        if stem.starts_with("good") {
            assert!(law.is_empty(), "{}:\n{rendered}", path.display());
        } else {
            assert!(!law.is_empty(), "{} gave no finding", path.display());
            for d in &law {
                assert!(d.message.contains(&place.short), "{d:?}");
            }
            insta::assert_snapshot!(rendered);
        }
    });
}

/// For `fixtures/<kind>/<folder>/<file>`: the folder's name (a rule id or a place id) and the
/// path shown in snapshots, the same on every machine.
fn fixture_names(path: &Path, kind: &str) -> (String, String) {
    let folder = path
        .parent()
        .and_then(Path::file_name)
        .and_then(|n| n.to_str())
        .expect("fixtures live in a named folder")
        .to_string();
    let file = path
        .file_name()
        .and_then(|n| n.to_str())
        .expect("fixture names are UTF-8");
    let shown = format!("fixtures/{kind}/{folder}/{file}");
    (folder, shown)
}

/// A data rule with the `title` scope checks a title from front matter (which is not prose, as
/// front matter is not), before the rule set builds its prefilter and after.
#[test]
fn a_title_from_front_matter_is_checked_before_and_after_the_prefilter() {
    let rules = jdlint::config::Config::parse(Path::new("jdlint.toml"), "")
        .unwrap()
        .rule_set_for(Path::new("posting.md"))
        .unwrap();
    let text = "---\ntitle: Rockstar Developer\n---\n\nWe build tools for clinics.\n";
    let path = Path::new("posting.md");
    for _ in 0..20 {
        let found = jdlint::lint_str(path, text, &rules).diagnostics;
        assert!(
            found.iter().any(|d| d.rule == "hero-job-title"),
            "{found:#?}"
        );
    }
}

/// A rule set that has linted enough postings builds one prefilter over its data rules and
/// skips the rules it rules out; findings must not change. Every fixture is linted with a
/// fresh set (no prefilter) and with one set used over and over (prefilter built), for each
/// way the prefilter is made:
/// - the recommended preset: the DFA precompiled for exactly its rules;
/// - the `all` preset, and the recommended one with a data rule off and a strict one on: the
///   precompiled DFA over the rules it holds, the literal filter for the others;
/// - a team data rule beside the recommended preset: the same, the team rule unfiltered;
/// - a team data rule and no built-in data rule: a prefilter built on the meta engine.
#[test]
fn data_rule_prefilter_changes_nothing() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("prefilter-configs");
    std::fs::create_dir_all(dir.join("team")).unwrap();
    std::fs::write(
        dir.join("team/remote-work.toml"),
        r#"id = "remote-work"
category = "clarity"
default-level = "info"
kind = "existence"
tokens = ["remote", "on-site", "hybrid"]
message = "`{match}`: say where the work is"

[doc]
summary = "test rule"
why = "test"
bad = "remote"
good = "office"
fix = "say where"
"#,
    )
    .unwrap();
    let builtin_data_rules_off: String = jdlint::rules::Catalog::builtin()
        .rules()
        .iter()
        .filter(|r| r.token_rule().is_some())
        .fold(String::new(), |all, r| all + &r.id + " = \"off\"\n");
    let team = "[lint]\nrule-paths = [\"team\"]\n\n[rules]\nremote-work = \"warn\"\n";
    let configs = [
        "[lint]\npreset = \"recommended\"\n".to_string(),
        "[lint]\npreset = \"all\"\n".to_string(),
        "[rules]\nhero-job-title = \"off\"\njargon = \"warn\"\n".to_string(),
        team.to_string(),
        format!("{team}{builtin_data_rules_off}"),
    ];
    let files = walk(Path::new("fixtures"));
    for config in &configs {
        // A config caches its rule sets, so a fresh set needs a fresh config.
        let fresh = || {
            jdlint::config::Config::parse(&dir.join("jdlint.toml"), config)
                .unwrap()
                .rule_set_for(&dir.join("posting.md"))
                .unwrap()
        };
        let shared = fresh();
        // Warm the shared set past the point where it builds its prefilter.
        for path in &files {
            let text = std::fs::read_to_string(path).unwrap();
            jdlint::lint_str(path, &text, &shared);
        }
        let mut found = 0;
        for path in &files {
            let text = std::fs::read_to_string(path).unwrap();
            let alone = jdlint::lint_str(path, &text, &fresh()).diagnostics;
            let filtered = jdlint::lint_str(path, &text, &shared).diagnostics;
            assert_eq!(alone, filtered, "{config}: {}", path.display());
            found += alone.len();
        }
        assert!(found > 0, "{config}: the fixtures have findings");
    }
}
