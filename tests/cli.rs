//! End-to-end tests of the binary: exit codes, formats, stdin, config errors and bad input.

// JSON numbers in these tests are small offsets and counts.
#![allow(clippy::cast_possible_truncation)]

mod common;

use common::{jdlint, run, scratch, stderr_of, stdout_of};

#[test]
fn clean_posting_exits_zero() {
    let out = stdout_of(
        jdlint().args(["check", "--isolated", "examples/senior-data-engineer.md"]),
        0,
    );
    assert_eq!(out, "1 posting checked: no problems found\n");
}

#[test]
fn findings_exit_one_and_concise_format_is_one_line_each() {
    let out = stdout_of(
        jdlint().args([
            "check",
            "--isolated",
            "--format",
            "concise",
            "examples/rockstar-salesman.md",
        ]),
        1,
    );
    insta::assert_snapshot!(out);
}

#[test]
fn fail_level_error_ignores_warnings() {
    jdlint()
        .args([
            "check",
            "--isolated",
            "--fail-level",
            "error",
            "examples/rockstar-salesman.md",
        ])
        .assert()
        .code(0);
}

#[test]
fn human_format_has_snippets_and_summary() {
    let out = stdout_of(
        jdlint().args(["check", "--isolated", "examples/warehouse-lead.txt"]),
        1,
    );
    insta::assert_snapshot!(out);
}

#[test]
fn json_lines_are_valid_and_positions_agree() {
    let out = stdout_of(
        jdlint().args([
            "check",
            "--isolated",
            "--format",
            "json",
            "examples/rockstar-salesman.md",
        ]),
        1,
    );
    let text = std::fs::read_to_string("examples/rockstar-salesman.md").unwrap();
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let (summary, findings) = lines.split_last().unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["files"], 1);
    let counted: u64 = ["errors", "warnings", "infos"]
        .iter()
        .map(|k| summary[k].as_u64().unwrap())
        .sum();
    assert_eq!(counted as usize, findings.len());
    assert!(summary["infos"].as_u64().unwrap() > 0);
    for f in findings {
        assert_eq!(f["type"], "diagnostic");
        assert_eq!(f["path"], "examples/rockstar-salesman.md");
        let start = f["span"]["start"].as_u64().unwrap() as usize;
        let line = text[..start].matches('\n').count() + 1;
        assert_eq!(f["start"]["line"].as_u64().unwrap() as usize, line);
        for key in ["rule", "level", "message", "help"] {
            assert!(f[key].is_string(), "{key} missing in {f}");
        }
    }
    assert!(findings.iter().any(|f| f["rule"] == "gendered-job-title"
        && f["fix"]["edits"][0]["replacement"] == "Salesperson"));
}

#[test]
fn stdin_uses_the_stdin_filename() {
    let dir = scratch("stdin");
    std::fs::write(
        dir.join("jdlint.toml"),
        "[rules]\nmissing-seniority-level = \"off\"\n",
    )
    .unwrap();
    let out = stdout_of(
        jdlint()
            .current_dir(&dir)
            .args([
                "check",
                "--format",
                "concise",
                "--stdin-filename",
                "drafts/cook.md",
                "-",
            ])
            .write_stdin(
                "# Cook\n\nWe cook for a school of 400 children and need one more cook.\n",
            ),
        1,
    );
    assert!(
        out.contains(
            "\ndrafts/cook.md:1:3: warn[missing-salary-range] posting has no salary range\n"
        ),
        "{out}"
    );
    assert!(
        !out.contains("missing-seniority-level"),
        "the config in the folder applies: {out}"
    );
}

#[test]
fn config_error_points_at_the_line_and_suggests() {
    let dir = scratch("config-error");
    std::fs::write(
        dir.join("jdlint.toml"),
        "[rules]\nmissing-salary = \"error\"\n",
    )
    .unwrap();
    std::fs::write(dir.join("a.md"), "# Cook\n").unwrap();
    let err = stderr_of(jdlint().current_dir(&dir).args(["check", "a.md"]), 2);
    assert!(err.contains("unknown rule `missing-salary`"), "{err}");
    assert!(err.contains("jdlint.toml:2:1"), "{err}");
    assert!(
        err.contains("did you mean `missing-salary-range`?"),
        "{err}"
    );
}

#[test]
fn misspelt_rule_id_in_rule_command() {
    let err = stderr_of(jdlint().args(["rule", "missing-sumary"]), 2);
    assert!(err.contains("did you mean `missing-summary`?"), "{err}");
    let out = stdout_of(jdlint().args(["rule", "JD202"]), 0);
    assert!(out.starts_with("# gendered-job-title\n"), "{out}");
    assert!(out.contains("## Why is this bad?"));
}

#[test]
fn bad_files_are_reported_and_the_run_goes_on() {
    let dir = scratch("bad-input");
    std::fs::write(dir.join("a-latin1.md"), b"# Caf\xe9 manager\n").unwrap();
    std::fs::write(dir.join("b-binary.md"), b"\x89PNG\r\n\x1a\n\0\0\0").unwrap();
    std::fs::write(dir.join("c-empty.md"), b"").unwrap();
    std::fs::write(dir.join("d-broken.md"), "---\ntitle: [oops\n---\n# Cook\n").unwrap();
    std::fs::copy("examples/senior-data-engineer.md", dir.join("e-good.md")).unwrap();
    let (stdout, stderr) = run(
        jdlint()
            .args(["check", "--isolated", "--format", "concise"])
            .arg(&dir),
        2,
    );
    assert!(
        stderr.contains("a-latin1.md: not valid UTF-8 (byte offset 5, line 1)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("b-binary.md: looks like a binary file"),
        "{stderr}"
    );
    assert!(
        stdout.contains("d-broken.md:3:1: error[invalid-front-matter]"),
        "{stdout}"
    );
    assert!(
        stdout.contains("c-empty.md:1:1: warn[missing-salary-range]"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("3 postings checked: 1 error, 8 warnings; 2 files could not be read\n"),
        "{stdout}"
    );
    let missing = stderr_of(jdlint().args(["check", "--isolated", "no/such/file.md"]), 2);
    assert!(missing.contains("no/such/file.md: no such file or directory"));
}

#[test]
fn walks_directories_respecting_ignores_and_excludes() {
    let dir = scratch("walk");
    for folder in ["archive", "drafts", "team/old", "team/older"] {
        std::fs::create_dir_all(dir.join(folder)).unwrap();
    }
    // `old` names a folder: what is in it is excluded, not what is in `older` beside it.
    std::fs::write(
        dir.join("jdlint.toml"),
        "[files]\nexclude = [\"archive/**\", \"team/old\"]\n",
    )
    .unwrap();
    std::fs::write(dir.join(".jdlintignore"), "drafts/\n").unwrap();
    for p in [
        "a.md",
        "archive/old.md",
        "drafts/wip.md",
        "notes.json",
        "team/old/x.md",
        "team/old/y.md",
        "team/older/z.md",
    ] {
        std::fs::write(dir.join(p), "# Cook\n").unwrap();
    }
    let out = stdout_of(
        jdlint()
            .current_dir(&dir)
            .args(["check", "--format", "concise", "."]),
        1,
    );
    assert!(out.contains("./a.md:"), "{out}");
    assert!(out.contains("./team/older/z.md:"), "{out}");
    assert!(
        !out.contains("archive")
            && !out.contains("drafts")
            && !out.contains("notes")
            && !out.contains("team/old/"),
        "{out}"
    );
    assert!(out.ends_with("2 postings checked: 8 warnings\n"), "{out}");
    // Named explicitly, an excluded file is linted unless --force-exclude is given.
    stdout_of(
        jdlint().current_dir(&dir).args(["check", "archive/old.md"]),
        1,
    );
    let out = stdout_of(
        jdlint()
            .current_dir(&dir)
            .args(["check", "--force-exclude", "archive/old.md"]),
        0,
    );
    assert_eq!(out, "0 postings checked: no problems found\n");
}

/// A folder is read in name order, a subfolder where its name sorts, whatever order the file
/// system lists them in.
#[test]
fn walked_files_are_reported_in_name_order() {
    let dir = scratch("walk-order");
    std::fs::create_dir_all(dir.join("a")).unwrap();
    for p in ["b.md", "ab.md", "a/z.md", "a.md", "a-b.md", "B.md"] {
        std::fs::write(dir.join(p), "# Cook\n").unwrap();
    }
    let out = stdout_of(
        jdlint()
            .current_dir(&dir)
            .args(["check", "--format", "concise", "."]),
        1,
    );
    let mut files: Vec<&str> = out
        .lines()
        .filter_map(|l| l.split_once(".md:").map(|(path, _)| path))
        .collect();
    files.dedup();
    assert_eq!(
        files,
        ["./B", "./a/z", "./a-b", "./a", "./ab", "./b"],
        "{out}"
    );
}

#[test]
fn rules_list_and_config_show() {
    let out = stdout_of(jdlint().arg("rules"), 0);
    assert!(
        out.lines()
            .any(|l| l.starts_with("gendered-job-title") && l.contains("unsafe")),
        "{out}"
    );
    let dir = scratch("config-show");
    std::fs::write(
        dir.join("jdlint.toml"),
        "[rules]\nmissing-summary = { level = \"error\", max-words = 80 }\n[[overrides]]\nfiles = [\"interns/**\"]\nrules = { missing-salary-range = \"off\" }\n",
    )
    .unwrap();
    let out = stdout_of(
        jdlint().current_dir(&dir).args(["config", "interns/a.md"]),
        0,
    );
    assert!(
        out.contains("missing-summary = { level = \"error\", max-words = 80 }"),
        "{out}"
    );
    assert!(!out.contains("missing-salary-range"), "{out}");
}

#[test]
fn team_rules_load_and_bad_patterns_point_at_their_line() {
    let dir = scratch("team-rules");
    std::fs::create_dir_all(dir.join("team")).unwrap();
    std::fs::write(dir.join("jdlint.toml"), "[lint]\nrule-paths = [\"team\"]\n").unwrap();
    let rule = "id = \"unpaid-trial-work\"\ncategory = \"clarity\"\ndefault-level = \"warn\"\nkind = \"existence\"\ntokens = [\"unpaid (?:trial|test) days?\"]\nmessage = \"`{match}` asks for unpaid work\"\n[doc]\nsummary = \"unpaid trials\"\nwhy = \"w\"\nbad = \"b\"\ngood = \"g\"\nfix = \"f\"\n";
    std::fs::write(dir.join("team/unpaid-trial-work.toml"), rule).unwrap();
    std::fs::write(
        dir.join("a.md"),
        "# Cook\n\nThe process ends with an unpaid trial day.\n",
    )
    .unwrap();
    let out = stdout_of(
        jdlint()
            .current_dir(&dir)
            .args(["check", "--format", "concise", "a.md"]),
        1,
    );
    assert!(
        out.contains("a.md:3:26: warn[unpaid-trial-work] `unpaid trial day` asks for unpaid work"),
        "{out}"
    );
    std::fs::write(
        dir.join("team/unpaid-trial-work.toml"),
        rule.replace("days?", "days?("),
    )
    .unwrap();
    let err = stderr_of(jdlint().current_dir(&dir).args(["check", "a.md"]), 2);
    assert!(err.contains("invalid pattern"), "{err}");
    assert!(err.contains("unpaid-trial-work.toml:5:"), "{err}");
}

#[test]
fn jurisdictions_list_is_complete_and_says_not_legal_advice() {
    let out = stdout_of(jdlint().arg("jurisdictions"), 0);
    for id in [
        "us-co",
        "us-ny-nyc",
        "us-ny",
        "us-ca",
        "us-wa",
        "us-il",
        "us-md",
        "us-hi",
        "us-mn",
        "us-vt",
        "us-ma",
        "us-nj",
        "us-nj-jersey-city",
        "us-dc",
        "us-de",
        "us-oh-cleveland",
        "us-oh-columbus",
        "ca-bc",
        "ca-on",
        "eu",
    ] {
        assert!(
            out.contains(&format!("\n{id}  ")) || out.starts_with(&format!("{id}  ")),
            "{id}"
        );
    }
    assert!(out.contains("Not legal advice"));
    insta::assert_snapshot!(out);
}

#[test]
fn jurisdictions_from_config_overrides_and_command_line() {
    let dir = scratch("jurisdictions");
    std::fs::create_dir_all(dir.join("nyc")).unwrap();
    std::fs::write(
        dir.join("jdlint.toml"),
        "[lint]\njurisdictions = [\"us-co\"]\n\n[[overrides]]\nfiles = [\"nyc/**\"]\njurisdictions = [\"us-ny-nyc\"]\n",
    )
    .unwrap();
    let posting = "---\ntitle: Senior Support Engineer\n---\n\nYou will help our clinic customers get the most from the booking system, by phone and e-mail.\n\nSalary: up to $95,000 per year, plus health insurance and an annual bonus.\n\nSend your CV to jobs@example.com. We accept applications on an ongoing basis.\n";
    std::fs::write(dir.join("denver.md"), posting).unwrap();
    std::fs::write(dir.join("nyc/manhattan.md"), posting).unwrap();
    let out = stdout_of(
        jdlint()
            .current_dir(&dir)
            .args(["check", "--format", "concise", "-q", "denver.md", "nyc"]),
        1,
    );
    // Colorado accepts an open-ended figure; New York City does not.
    assert!(
        !out.contains("denver.md:7:15: error[pay-transparency-law]"),
        "{out}"
    );
    assert!(
        out.contains("nyc/manhattan.md:7:15: error[pay-transparency-law] New York City Local Law 32 does not allow open-ended pay"),
        "{out}"
    );
    // `--jurisdiction` adds a place everywhere.
    let out = stdout_of(
        jdlint().current_dir(&dir).args([
            "check",
            "--format",
            "concise",
            "-q",
            "--jurisdiction",
            "ca-bc",
            "denver.md",
        ]),
        1,
    );
    assert!(
        out.contains("British Columbia's Pay Transparency Act does not allow open-ended pay"),
        "{out}"
    );
    let config = stdout_of(
        jdlint()
            .current_dir(&dir)
            .args(["config", "nyc/manhattan.md"]),
        0,
    );
    assert!(config.contains("jurisdictions: us-ny-nyc"), "{config}");

    let err = stderr_of(
        jdlint()
            .current_dir(&dir)
            .args(["check", "--jurisdiction", "us-nyc", "denver.md"]),
        2,
    );
    assert!(err.contains("unknown jurisdiction `us-nyc`"), "{err}");
    assert!(err.contains("did you mean `us-ny`?"), "{err}");

    std::fs::write(
        dir.join("jdlint.toml"),
        "[lint]\njurisdictions = [\"us-co\", \"ca-ont\"]\n",
    )
    .unwrap();
    let err = stderr_of(jdlint().current_dir(&dir).args(["check", "denver.md"]), 2);
    assert!(err.contains("unknown jurisdiction `ca-ont`"), "{err}");
    assert!(err.contains("jdlint.toml:2:"), "{err}");
    assert!(err.contains("did you mean `ca-on`?"), "{err}");
}

#[test]
fn proposed_rules_are_reported_only_when_asked() {
    let dir = scratch("proposed");
    let posting = "---\ntitle: Senior Support Engineer\njurisdictions: [us-nj]\n---\n\nYou will help our clinic customers get the most from the booking system, by phone and e-mail. You will work four days a week from our Newark office and one day at home, in a support team of six people.\n\nSalary: $60,000–$110,000 per year, plus health insurance and an annual bonus.\n\nSend your CV to jobs@example.com.\n";
    std::fs::write(dir.join("a.md"), posting).unwrap();
    let out = stdout_of(
        jdlint().current_dir(&dir).args([
            "check",
            "--isolated",
            "--format",
            "concise",
            "-q",
            "a.md",
        ]),
        0,
    );
    assert_eq!(out, "");
    std::fs::write(
        dir.join("jdlint.toml"),
        "[rules.pay-transparency-advice]\ninclude-proposed = true\n",
    )
    .unwrap();
    let out = stdout_of(
        jdlint()
            .current_dir(&dir)
            .args(["check", "--format", "concise", "-q", "a.md"]),
        0,
    );
    assert!(
        out.contains("info[pay-transparency-advice] proposed rules under the New Jersey Pay Transparency Act would cap a range at 60% of its minimum: `$60,000–$110,000` is 83% wide"),
        "{out}"
    );
}

#[test]
fn fix_writes_safely_and_diff_only_shows() {
    let dir = scratch("fix");
    let text = "# Senior Salesman\r\n\r\nOur foreman will train you.\r\n";
    let path = dir.join("a.md");
    std::fs::write(&path, text).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    // Rewording is unsafe: plain --fix changes nothing.
    run(
        jdlint()
            .current_dir(&dir)
            .args(["check", "--isolated", "--fix", "a.md"]),
        1,
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    // --diff shows the change and writes nothing.
    let out = stdout_of(
        jdlint().current_dir(&dir).args([
            "check",
            "--isolated",
            "--diff",
            "--unsafe-fixes",
            "a.md",
        ]),
        1,
    );
    assert!(
        out.contains("-# Senior Salesman\n+# Senior Salesperson\n"),
        "{out}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    // --fix --unsafe-fixes writes, keeping CRLF and permissions, and reports what is left.
    let fix_all = || {
        let mut cmd = jdlint();
        cmd.current_dir(&dir).args([
            "check",
            "--isolated",
            "--fix",
            "--unsafe-fixes",
            "--format",
            "concise",
            "a.md",
        ]);
        cmd
    };
    let out = stdout_of(&mut fix_all(), 1);
    assert!(out.ends_with("2 fixes applied\n"), "{out}");
    assert!(!out.contains("gendered-job-title"), "{out}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "# Senior Salesperson\r\n\r\nOur supervisor will train you.\r\n"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
    // Running it again changes nothing.
    let out = stdout_of(&mut fix_all(), 1);
    assert!(!out.contains("fixes applied"), "{out}");
    // On stdin, the fixed text goes to stdout.
    let out = stdout_of(
        jdlint()
            .args(["check", "--isolated", "--fix", "--unsafe-fixes", "-"])
            .write_stdin("# Senior Salesman\n"),
        0,
    );
    assert_eq!(out, "# Senior Salesperson\n");
}

#[test]
fn metrics_report_the_numbers_the_rules_judge() {
    let out = stdout_of(
        jdlint().args([
            "metrics",
            "--format",
            "json",
            "examples/senior-data-engineer.md",
        ]),
        0,
    );
    let m: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(m["path"], "examples/senior-data-engineer.md");
    // The example posting: 90 prose words, two listed requirements, written to "you".
    assert_eq!(m["words"], 90);
    assert_eq!(m["required"], 2);
    assert!(m["you"].as_u64().unwrap() > 0);
    assert_eq!(m["third_person"], 0);
    let grade = m["grade"].as_f64().unwrap();
    assert!((0.0..16.0).contains(&grade), "{grade}");

    // A text table, one row per posting; an unreadable path is an error, the rest still print.
    let (out, err) = run(
        jdlint().args(["metrics", "examples", "no-such-posting.md"]),
        2,
    );
    assert_eq!(out.lines().count(), 4, "{out}");
    assert!(out.contains("examples/warehouse-lead.txt"));
    assert!(
        err.contains("no-such-posting.md: no such file or directory"),
        "{err}"
    );
}

/// `build.rs` links the Linux binary position-dependent unless `JDLINT_PIE` was set for the
/// build: the ELF header's type is `ET_EXEC` (2), not `ET_DYN` (3).
#[cfg(target_os = "linux")]
#[test]
fn linux_binary_is_position_dependent() {
    if option_env!("JDLINT_PIE").is_some_and(|v| !v.is_empty() && v != "0") {
        return;
    }
    let mut bytes = [0u8; 18];
    std::io::Read::read_exact(
        &mut std::fs::File::open(env!("CARGO_BIN_EXE_jdlint")).unwrap(),
        &mut bytes,
    )
    .unwrap();
    assert_eq!(&bytes[..4], b"\x7fELF");
    let e_type = u16::from_le_bytes([bytes[16], bytes[17]]);
    assert_eq!(
        e_type, 2,
        "ELF type {e_type}: a PIE (3) is relocated at each start"
    );
}
