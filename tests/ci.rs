//! The CI side of the binary: every output format (with hostile text in paths and messages),
//! `--statistics`, suppression comments and baselines.
//!
//! SARIF, Checkstyle and `JUnit` samples are also written to `target/tmp/samples/`, where
//! `.ci/run` validates them with real parsers (the official SARIF schema, Python's XML parser).

// JSON numbers in these tests are small offsets and counts.
#![allow(clippy::cast_possible_truncation)]

mod common;

use std::path::{Path, PathBuf};

use common::{jdlint, run, scratch, stdout_of};

/// A plain-text posting and a team rule whose message quotes text full of characters that every
/// format must escape: quotes, `<`, `&`, `%`, a newline, emoji and CJK. The file name has them
/// too.
fn hostile_repo(name: &str) -> (PathBuf, &'static str) {
    let dir = scratch(name);
    std::fs::create_dir_all(dir.join("team")).expect("scratch files can be written");
    std::fs::write(
        dir.join("jdlint.toml"),
        "[lint]\nrule-paths = [\"team\"]\n\n[rules]\nhostile-text = \"warn\"\n",
    )
    .expect("scratch files can be written");
    std::fs::write(
        dir.join("team/hostile-text.toml"),
        r#"id = "hostile-text"
category = "hygiene"
default-level = "warn"
kind = "existence"
tokens = ['Save 50%\s+"off", & <more> today']
message = "`{match}` is 100% \"quoted\" & <tagged> 🎉"

[doc]
summary = "test rule"
why = "test"
bad = "x"
good = "y"
fix = "z"
"#,
    )
    .expect("scratch files can be written");
    let file = "a \"q\" <&> 50%, x:y 中文 🎉.txt";
    std::fs::write(
        dir.join(file),
        "Rockstar Developer 🎉\n\nWe are glad to say that you can Save 50%\n\"off\", & <more> today, 中文 text.\n",
    )
    .expect("scratch files can be written");
    (dir, file)
}

fn samples() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("samples");
    std::fs::create_dir_all(&dir).expect("scratch files can be written");
    dir
}

fn format_output(dir: &Path, file: &str, format: &str) -> String {
    stdout_of(
        jdlint()
            .current_dir(dir)
            .args(["check", "--format", format, file]),
        1,
    )
}

#[test]
fn sarif_describes_rules_and_regions() {
    let (dir, file) = hostile_repo("sarif-hostile");
    let out = format_output(&dir, file, "sarif");
    std::fs::write(samples().join("hostile.sarif"), &out).unwrap();
    let log: serde_json::Value = serde_json::from_str(&out).expect("SARIF is JSON");
    let run = &log["runs"][0];
    assert_eq!(log["version"], "2.1.0");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().any(|r| {
        r["id"] == "missing-salary-range"
            && r["shortDescription"]["text"]
                .as_str()
                .unwrap()
                .contains("pay")
    }));
    assert!(
        rules.iter().any(|r| r["id"] == "hostile-text"),
        "team rules are described"
    );
    let results = run["results"].as_array().unwrap();
    let hostile = results
        .iter()
        .find(|r| r["ruleId"] == "hostile-text")
        .unwrap();
    let message = hostile["message"]["text"].as_str().unwrap();
    assert!(
        message.starts_with("`Save 50%\n\"off\", & <more> today` is 100% \"quoted\" & <tagged> 🎉")
    );
    let index = hostile["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "hostile-text");
    let location = &hostile["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "a%20%22q%22%20%3C%26%3E%2050%25%2C%20x%3Ay%20%E4%B8%AD%E6%96%87%20%F0%9F%8E%89.txt"
    );
    let region = &location["region"];
    // "Save 50%" is line 3; the match starts at column 33 and ends on line 4.
    assert_eq!(
        (
            region["startLine"].as_u64(),
            region["startColumn"].as_u64(),
            region["endLine"].as_u64()
        ),
        (Some(3), Some(33), Some(4))
    );
    let text = std::fs::read_to_string(dir.join(file)).unwrap();
    let offset = region["byteOffset"].as_u64().unwrap() as usize;
    let length = region["byteLength"].as_u64().unwrap() as usize;
    assert_eq!(
        &text[offset..offset + length],
        "Save 50%\n\"off\", & <more> today"
    );
    assert!(hostile["partialFingerprints"]["jdlint/v1"].is_string());
    insta::assert_snapshot!(
        "sarif_results",
        serde_json::to_string_pretty(&run["results"]).unwrap()
    );

    // A fixable finding carries its fix; the examples also go to the schema check.
    let out = stdout_of(
        jdlint().args(["check", "--isolated", "--format", "sarif", "examples"]),
        1,
    );
    std::fs::write(samples().join("examples.sarif"), &out).unwrap();
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    let fixed = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "gendered-job-title")
        .expect("the examples have a gendered title");
    let replacement = &fixed["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["insertedContent"]["text"], "Salesperson");
}

#[test]
fn sarif_reports_unreadable_files_as_notifications() {
    let dir = scratch("sarif-unreadable");
    std::fs::write(dir.join("bin.md"), b"\x00\x01binary").unwrap();
    let out = stdout_of(
        jdlint()
            .current_dir(&dir)
            .args(["check", "--isolated", "--format", "sarif", "bin.md"]),
        2,
    );
    std::fs::write(samples().join("unreadable.sarif"), &out).unwrap();
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let note = &invocation["toolExecutionNotifications"][0];
    assert!(note["message"]["text"].as_str().unwrap().contains("binary"));
}

#[test]
fn github_annotations_escape_every_property() {
    let (dir, file) = hostile_repo("github-hostile");
    let out = format_output(&dir, file, "github");
    let lines: Vec<&str> = out.lines().collect();
    // One line per finding and a summary: no text from the posting starts a new command.
    let commands: Vec<&&str> = lines.iter().filter(|l| l.starts_with("::")).collect();
    assert_eq!(commands.len(), lines.len() - 1, "{out}");
    let hostile = commands
        .iter()
        .find(|l| l.contains("title=hostile-text"))
        .expect("the hostile finding is annotated");
    assert_eq!(
        **hostile,
        "::warning file=a \"q\" <&> 50%25%2C x%3Ay 中文 🎉.txt,line=3,col=33,endLine=4,endColumn=22,\
         title=hostile-text::`Save 50%25%0A\"off\", & <more> today` is 100%25 \"quoted\" & <tagged> 🎉"
    );
    insta::assert_snapshot!(out);
}

#[test]
fn checkstyle_and_junit_are_well_formed() {
    let (dir, file) = hostile_repo("xml-hostile");
    let checkstyle = format_output(&dir, file, "checkstyle");
    std::fs::write(samples().join("hostile.checkstyle.xml"), &checkstyle).unwrap();
    assert!(
        checkstyle.contains("<file name=\"a &quot;q&quot; &lt;&amp;&gt; 50%, x:y 中文 🎉.txt\">")
    );
    assert!(checkstyle.contains(
        "message=\"`Save 50%&#10;&quot;off&quot;, &amp; &lt;more&gt; today` is 100% &quot;quoted&quot; &amp; &lt;tagged&gt; 🎉\""
    ));
    insta::assert_snapshot!("checkstyle", checkstyle);

    let junit = format_output(&dir, file, "junit");
    std::fs::write(samples().join("hostile.junit.xml"), &junit).unwrap();
    assert!(junit.contains("<testsuite name=\"jdlint\" tests=\"1\" failures=\"1\" errors=\"0\">"));
    assert_eq!(junit.matches("<failure ").count(), 6, "{junit}");
    insta::assert_snapshot!("junit", junit);

    // Below the fail level, findings are output rather than failures.
    let out = stdout_of(
        jdlint().current_dir(&dir).args([
            "check",
            "--format",
            "junit",
            "--fail-level",
            "error",
            file,
        ]),
        0,
    );
    assert!(out.contains("failures=\"0\""), "{out}");
    assert!(out.contains("<system-out>"), "{out}");
}

#[test]
fn json_lines_carry_hostile_text_intact() {
    let (dir, file) = hostile_repo("json-hostile");
    let out = format_output(&dir, file, "json");
    let records: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    let hostile = records
        .iter()
        .find(|r| r["rule"] == "hostile-text")
        .unwrap();
    assert_eq!(hostile["path"], file);
    assert_eq!(
        hostile["message"],
        "`Save 50%\n\"off\", & <more> today` is 100% \"quoted\" & <tagged> 🎉"
    );
}

#[test]
fn terminal_formats_strip_control_characters() {
    let dir = scratch("terminal-escapes");
    std::fs::write(
        dir.join("a.txt"),
        "Rockstar Developer\u{1b}[31m\n\nWe need a rockstar developer.\u{1b}]0;pwned\u{7}\n",
    )
    .unwrap();
    for format in ["human", "concise", "github"] {
        let out = stdout_of(
            jdlint()
                .current_dir(&dir)
                .args(["check", "--isolated", "--format", format, "a.txt"]),
            1,
        );
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}'),
            "{format}: {out:?}"
        );
    }
}

#[test]
fn statistics_count_per_rule() {
    let out = stdout_of(
        jdlint().args(["check", "--isolated", "--statistics", "examples"]),
        1,
    );
    insta::assert_snapshot!(out);
    let json = stdout_of(
        jdlint().args([
            "check",
            "--isolated",
            "--statistics",
            "--format",
            "json",
            "examples",
        ]),
        1,
    );
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let total: u64 = rows.iter().map(|r| r["count"].as_u64().unwrap()).sum();
    let findings = stdout_of(
        jdlint().args(["check", "--isolated", "--format", "json", "-q", "examples"]),
        1,
    );
    assert_eq!(total as usize, findings.lines().count());
}

#[test]
fn suppression_comments() {
    let out = stdout_of(
        jdlint().args(["check", "--format", "concise", "fixtures/suppression"]),
        1,
    );
    insta::assert_snapshot!(out);
    // Every fixture's expectations, spelled out.
    assert!(
        !out.contains("document-level.md"),
        "an open disable silences the missing range"
    );
    assert!(
        out.contains("closed-block-keeps-document-findings.md:1:3: warn[missing-salary-range]")
    );
    assert!(out.contains("block.md:9:21: warn[hero-job-title]"));
    assert!(!out.contains("block.md:6:"));
    assert!(out.contains("names an unknown rule `hero-title`"));
    assert!(out.contains("all-rules.md:8:35: warn[hero-job-title]"));
    assert!(!out.contains("gendered-job-title] `salesmen`"));
    assert!(out.contains("next-line.md:7:40: warn[hero-job-title]"));
    assert!(!out.contains("next-line.md:6:"));
    assert!(out.contains("comment-problems.md:5:1: warn[missing-suppression-reason]"));
}

#[test]
fn baseline_reports_only_new_findings() {
    let dir = scratch("baseline");
    std::fs::create_dir_all(dir.join("postings")).unwrap();
    let old = "# Rockstar Developer\n\nWe build clinic software with nurses every day, in Leeds.\n";
    std::fs::write(dir.join("postings/old.md"), old).unwrap();
    let (_, err) = run(
        jdlint().current_dir(&dir).args([
            "check",
            "--isolated",
            "--write-baseline",
            "jdlint-baseline.json",
            "postings",
        ]),
        0,
    );
    assert!(err.contains("wrote 1 posting checked"), "{err}");
    let baseline = std::fs::read_to_string(dir.join("jdlint-baseline.json")).unwrap();
    assert!(
        baseline.contains("\"path\": \"postings/old.md\""),
        "{baseline}"
    );

    // Edits elsewhere in the file do not bring old findings back.
    std::fs::write(
        dir.join("postings/old.md"),
        format!("{old}\nA new paragraph about our team in Leeds and Bristol.\n"),
    )
    .unwrap();
    let out = stdout_of(
        jdlint().current_dir(&dir).args([
            "check",
            "--isolated",
            "--baseline",
            "jdlint-baseline.json",
            "--format",
            "concise",
            "postings",
        ]),
        0,
    );
    assert_eq!(out, "1 posting checked: no problems found\n");

    // A new posting and a new phrase are reported.
    std::fs::write(
        dir.join("postings/old.md"),
        format!("{old}\nJoin our ninja developers.\n"),
    )
    .unwrap();
    std::fs::write(dir.join("postings/new.md"), "# Rockstar Developer\n").unwrap();
    let out = stdout_of(
        jdlint().current_dir(&dir).args([
            "check",
            "--isolated",
            "--baseline",
            "jdlint-baseline.json",
            "--format",
            "concise",
            "-q",
            "postings",
        ]),
        1,
    );
    insta::assert_snapshot!(out);

    // A broken baseline is an error that names the file and the place.
    std::fs::write(
        dir.join("broken.json"),
        "{\"version\": 1,\n \"findings\": [}",
    )
    .unwrap();
    let (_, err) = run(
        jdlint()
            .current_dir(&dir)
            .args(["check", "--baseline", "broken.json", "postings"]),
        2,
    );
    assert!(err.contains("broken.json:2:"), "{err}");
}
