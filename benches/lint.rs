//! `cargo bench`: parse and lint postings of three sizes, and re-lint an 18 KB posting in the
//! language server after a one-character edit (the cost of a keystroke in an editor).
//!
//! The postings come from `../shared/corpus` (or `$JDLINT_CORPUS`): real postings that are not
//! copied into this repository. Without them the benches say so and measure nothing.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use divan::Bencher;
use jdlint::RuleSet;
use jdlint::document::{Document, Format};
use lsp_server::{Message, Notification};
use serde_json::json;

#[allow(clippy::print_stderr)] // A bench binary reports to its user.
fn main() {
    if POSTINGS.is_empty() {
        eprintln!(
            "no corpus at {}: set JDLINT_CORPUS to a folder of postings",
            corpus_dir().display()
        );
        return;
    }
    divan::main();
}

fn corpus_dir() -> PathBuf {
    std::env::var_os("JDLINT_CORPUS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
        PathBuf::from,
    )
}

/// Every posting in the corpus, smallest first.
static POSTINGS: LazyLock<Vec<(PathBuf, String)>> = LazyLock::new(|| {
    let mut found = Vec::new();
    let mut stack = vec![corpus_dir()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md")
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                found.push((path, text));
            }
        }
    }
    found.sort_by_key(|(path, text)| (text.len(), path.clone()));
    found
});

/// The posting nearest `bytes` in size.
fn near(bytes: usize) -> &'static (PathBuf, String) {
    POSTINGS
        .iter()
        .min_by_key(|(_, text)| text.len().abs_diff(bytes))
        .expect("the corpus is not empty")
}

const SIZES: [(&str, usize); 3] = [
    ("small_2k", 2_000),
    ("median_18k", 18_000),
    ("large_25k", 25_700),
];

#[divan::bench(args = SIZES)]
fn parse(bencher: Bencher<'_, '_>, size: (&str, usize)) {
    let (path, text) = near(size.1);
    let format = Format::from_path(path);
    bencher.bench(|| {
        Document::parse(divan::black_box(text), format)
            .blocks()
            .len()
    });
}

#[divan::bench(args = SIZES)]
fn lint_recommended(bencher: Bencher<'_, '_>, size: (&str, usize)) {
    let rules = RuleSet::recommended();
    let (path, text) = near(size.1);
    bencher.bench(|| {
        jdlint::lint_str(path, divan::black_box(text), &rules)
            .diagnostics
            .len()
    });
}

/// Each rule alone on the 18 KB posting, to see where the time goes.
#[divan::bench(args = RULES)]
fn rule_alone(bencher: Bencher<'_, '_>, id: &str) {
    let rules = RuleSet::only(id).expect("a built-in rule");
    let (path, text) = near(18_000);
    bencher.bench(|| {
        jdlint::lint_str(path, divan::black_box(text), &rules)
            .diagnostics
            .len()
    });
}

const RULES: &[&str] = &[
    "gendered-job-title",
    "hero-job-title",
    "missing-how-to-apply",
    "missing-salary-range",
    "missing-seniority-level",
    "missing-summary",
    "salary-open-ended",
    "pay-transparency-law",
];

/// didChange with one inserted character in the middle of an 18 KB posting: apply the edit,
/// re-lint, and write the diagnostics notification, as the server does for each keystroke.
#[divan::bench]
fn server_relint_after_keystroke(bencher: Bencher<'_, '_>) {
    let (path, text) = near(18_000);
    let uri = format!("file://{}", path.display());
    let mut server = jdlint::server::Server::new(std::io::sink());
    let initialize = lsp_server::Request::new(
        1.into(),
        "initialize".into(),
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    server
        .handle(Message::Request(initialize))
        .expect("initialize");
    let open = Notification::new(
        "textDocument/didOpen".into(),
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    server.handle(Message::Notification(open)).expect("didOpen");
    let line = u32::try_from(text.lines().count() / 2).unwrap_or(0);
    let mut version = 1;
    bencher.bench_local(|| {
        version += 1;
        let change = Notification::new(
            "textDocument/didChange".into(),
            json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{
                    "range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}},
                    "text": "x",
                }],
            }),
        );
        server.handle(Message::Notification(change)).expect("didChange")
    });
}
