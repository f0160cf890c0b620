//! A battery of hostile input: every file gets a clear message or a normal result, never a
//! panic, a hang or a signal, and the other files in the run are still linted. Exit codes stay
//! as documented: 2 when any file could not be read, and the message names it.

mod common;

use std::time::Duration;

use common::{jdlint, scratch};
use serde_json::Value;

/// Runs `jdlint check --format json` and returns (exit code, JSON records, stderr). A run that
/// does not finish in a minute is a hang, not a slow run.
fn check_json(dir: &std::path::Path, args: &[&str]) -> (i32, Vec<Value>, String) {
    let out = jdlint()
        .current_dir(dir)
        .args(["check", "--isolated", "--format", "json"])
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .expect("jdlint runs");
    let code = out
        .status
        .code()
        .expect("jdlint exits normally, not by a signal");
    let records = String::from_utf8(out.stdout)
        .expect("stdout is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    (
        code,
        records,
        String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    )
}

fn findings<'a>(records: &'a [Value], path: &str) -> Vec<&'a Value> {
    records
        .iter()
        .filter(|r| r["type"] == "diagnostic" && r["path"] == path)
        .collect()
}

#[test]
fn hostile_files_are_reported_and_the_rest_is_linted() {
    let dir = scratch("hostile");
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap();
    // Unreadable as postings: each must be named on stderr.
    write("latin1.md", b"# Caf\xe9 manager\n\nWe pay well.\n");
    write("binary.md", b"\x7fELF\x02\x01\x01\x00\x00\x00binary");
    write("nul.txt", b"Senior engineer\x00 wanted\n");
    let huge = "We are hiring. ".repeat(20 * 1024 * 1024 / 15 + 1);
    write("huge.md", huge.as_bytes());
    // Odd but readable: each must be linted normally.
    write("empty.md", b"");
    write("blank.md", b"   \n\n\t\n");
    write(
        "crlf.md",
        b"# Senior Rockstar Developer\r\n\r\nWe want a rockstar developer.\r\nMixed\nendings\r\n",
    );
    write("bom.md", "\u{feff}# Senior Rockstar Developer\n".as_bytes());
    write(
        "unterminated.md",
        b"---\ntitle: Senior Engineer\n\n# Body without a closing fence\n",
    );
    write(
        "invalid-yaml.md",
        b"---\ntitle: [unclosed\n---\n# Senior Engineer\n",
    );
    write("fm-list.md", b"---\n- a\n- b\n---\n# Senior Engineer\n");
    write("fm-anchors.md", b"---\nbase: &b {title: Senior Engineer}\nother: *b\ntagged: !custom value\n---\n# Senior Engineer\n");
    let deep_yaml = format!(
        "---\nx: {}{}\n---\n# Senior Engineer\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    write("fm-deep.md", deep_yaml.as_bytes());
    let quotes = format!("# Senior Engineer\n\n{} deep\n", "> ".repeat(5000));
    write("deep-quotes.md", quotes.as_bytes());
    let lists = format!("# Senior Engineer\n\n{}item\n", "- ".repeat(5000));
    write("deep-lists.md", lists.as_bytes());
    let mut headings = String::new();
    for i in 0..100_000 {
        headings.push_str("## Heading ");
        headings.push_str(&i.to_string());
        headings.push('\n');
    }
    write("headings.md", headings.as_bytes());
    let line = "rockstar developer ".repeat(5 * 1024 * 1024 / 19);
    write("long-line.txt", line.as_bytes());
    write(
        "emoji.md",
        "# Senior 🎉 Engineer 日本語\n\n東京で働く rockstar developer 🚀 を募集\n".as_bytes(),
    );
    write(
        "open-comment.md",
        b"# Senior Engineer\n\n<!-- jdlint-disable hero-job-title\n\nA rockstar developer.\n",
    );
    write(
        "templates.md",
        b"# {{ page.title }}\n\n{% if page.open %}Apply at {{ page.apply_url }}{% endif %}\n",
    );

    let (code, records, stderr) = check_json(&dir, &["."]);
    assert_eq!(code, 2, "{stderr}");
    for (file, why) in [
        ("latin1.md", "not valid UTF-8 (byte offset 5, line 1)"),
        ("binary.md", "looks like a binary file"),
        ("nul.txt", "NUL byte at offset 15"),
        ("huge.md", "larger than --max-file-size"),
    ] {
        assert!(
            stderr.lines().any(|l| l.contains(file) && l.contains(why)),
            "{file}: {stderr}"
        );
    }
    let summary = records.last().expect("a summary");
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["unreadable"], 4);
    assert_eq!(summary["files"], 16, "{summary}");

    // Spans and columns stay right with CRLF, a BOM, emoji and CJK.
    let crlf = findings(&records, "./crlf.md");
    let hero = crlf
        .iter()
        .find(|r| r["rule"] == "hero-job-title" && r["start"]["line"] == 3)
        .unwrap();
    assert_eq!(hero["start"]["column"], 11);
    let bom = findings(&records, "./bom.md");
    assert!(
        bom.iter()
            .any(|r| r["rule"] == "hero-job-title" && r["start"]["column"] == 10),
        "{bom:?}"
    );
    let emoji = findings(&records, "./emoji.md");
    let hero = emoji
        .iter()
        .find(|r| r["rule"] == "hero-job-title")
        .unwrap();
    assert_eq!(hero["start"], serde_json::json!({"line": 3, "column": 7}));
    // Broken front matter is an error finding at its place, and the body is still checked.
    let broken = findings(&records, "./invalid-yaml.md");
    assert!(broken.iter().any(|r| r["rule"] == "invalid-front-matter"
        && r["message"].as_str().unwrap().contains("not valid YAML")));
    let deep = findings(&records, "./fm-deep.md");
    assert!(
        deep.iter()
            .any(|r| r["message"].as_str().unwrap().contains("recursion limit"))
    );
    let list = findings(&records, "./fm-list.md");
    assert!(
        list.iter()
            .any(|r| r["message"].as_str().unwrap().contains("not a mapping"))
    );
    assert!(
        !findings(&records, "./fm-anchors.md")
            .iter()
            .any(|r| r["rule"] == "invalid-front-matter")
    );
    assert!(
        findings(&records, "./unterminated.md")
            .iter()
            .any(|r| r["rule"] == "invalid-front-matter")
    );
    // An unterminated comment runs to the end (CommonMark): what follows does not render, so it
    // is not prose, and the comment is no directive either.
    let open = findings(&records, "./open-comment.md");
    assert!(
        !open
            .iter()
            .any(|r| r["rule"] == "hero-job-title" || r["rule"] == "unused-suppression")
    );
    assert!(open.iter().any(|r| r["rule"] == "missing-salary-range"));
    // Template tags are not prose.
    assert!(
        !findings(&records, "./templates.md")
            .iter()
            .any(|r| r["rule"] == "missing-how-to-apply")
    );
    // The 5 MB line is linted: a hero title on it is found.
    assert!(
        findings(&records, "./long-line.txt")
            .iter()
            .any(|r| r["rule"] == "hero-job-title")
    );
}

#[test]
fn symlink_loops_missing_paths_and_empty_folders() {
    let dir = scratch("hostile-paths");
    std::fs::create_dir_all(dir.join("postings")).unwrap();
    std::fs::write(dir.join("postings/ok.md"), "# Senior Engineer\n").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("loop", dir.join("postings/loop")).unwrap();
        std::os::unix::fs::symlink("..", dir.join("postings/up")).unwrap();
    }
    // Inside a folder, links are not followed: the loop is skipped and `ok.md` linted once.
    let (code, records, stderr) = check_json(&dir, &["postings"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(records.last().unwrap()["files"], 1);
    // Named on the command line, the loop and a missing path are errors that name them.
    let (code, records, stderr) =
        check_json(&dir, &["postings/loop", "missing.md", "postings/ok.md"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("postings/loop: cannot read"), "{stderr}");
    assert!(
        stderr.contains("missing.md: no such file or directory"),
        "{stderr}"
    );
    assert_eq!(records.last().unwrap()["files"], 1);
    // A folder with no postings is not an error.
    std::fs::create_dir_all(dir.join("empty")).unwrap();
    let (code, records, _) = check_json(&dir, &["empty"]);
    assert_eq!(code, 0);
    assert_eq!(records.last().unwrap()["files"], 0);
}

/// A config case: jdlint.toml, team rule files, and what the error must say.
type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a str);

#[test]
fn hostile_configs_point_at_the_problem() {
    let dir = scratch("hostile-config");
    std::fs::write(dir.join("a.md"), "# Senior Engineer\n").unwrap();
    let cases: [Case<'_>; 6] = [
        ("[rules\nx = 1\n", &[], "jdlint.toml:1:"),
        ("[lint]\nspeed = 3\n", &[], "unknown field `speed`"),
        (
            "[rules]\nhero-job-title = \"loud\"\n",
            &[],
            "jdlint.toml:2:",
        ),
        (
            "[lint]\nrule-paths = [\"nowhere\"]\n",
            &[],
            "rule folder `nowhere` does not exist",
        ),
        (
            "[lint]\nrule-paths = [\"team\"]\n",
            &[(
                "team/bad-regex.toml",
                "id = \"bad-regex\"\ncategory = \"hygiene\"\ndefault-level = \"warn\"\nkind = \"existence\"\ntokens = [\"(unclosed\"]\n[doc]\nsummary = \"s\"\nwhy = \"w\"\nbad = \"b\"\ngood = \"g\"\nfix = \"f\"\n",
            )],
            "bad-regex.toml:5:",
        ),
        (
            "[lint]\nrule-paths = [\"team\"]\n",
            &[(
                "team/huge-regex.toml",
                "id = \"huge-regex\"\ncategory = \"hygiene\"\ndefault-level = \"warn\"\nkind = \"existence\"\ntokens = [\"(?:\\\\w{100}){1000}\"]\n[doc]\nsummary = \"s\"\nwhy = \"w\"\nbad = \"b\"\ngood = \"g\"\nfix = \"f\"\n",
            )],
            "huge-regex.toml:5:",
        ),
    ];
    for (config, files, expected) in cases {
        let _ = std::fs::remove_dir_all(dir.join("team"));
        std::fs::create_dir_all(dir.join("team")).unwrap();
        for (name, text) in files {
            std::fs::write(dir.join(name), text).unwrap();
        }
        std::fs::write(dir.join("jdlint.toml"), config).unwrap();
        let out = jdlint()
            .current_dir(&dir)
            .args(["check", "a.md"])
            .timeout(Duration::from_secs(60))
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{config}: {stderr}");
        assert!(
            stderr.contains(expected),
            "{config}: expected {expected:?} in {stderr}"
        );
    }
}
