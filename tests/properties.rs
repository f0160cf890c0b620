//! Invariants checked on generated postings on every `cargo test`: spans are inside the text and
//! on char boundaries; line and column agree with the byte offset; fixes change no byte outside
//! their spans; fixing everything and linting again leaves nothing fixable.

use std::path::Path;

use jdlint::RuleSet;
use jdlint::fix::{self, Mode};
use jdlint::source::SourceFile;
use proptest::prelude::*;

/// Pieces postings are made of, including the awkward ones: CRLF, emoji, CJK, front matter,
/// comments, template tags, pay figures, words rules look for.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("# Senior Salesman\n".to_string()),
        Just("## How to apply\n".to_string()),
        Just("Salary: $90,000–$110,000 per year.\n".to_string()),
        Just("up to $95k\n".to_string()),
        Just("We want a rockstar developer and a foreman.\r\n".to_string()),
        Just("- chairman 🎉 日本語 — item\n".to_string()),
        Just("<!-- jdlint-disable-next-line gendered-job-title -->\n".to_string()),
        Just("<!-- jdlint-disable-next-line hero-job-title -- why -->\n".to_string()),
        Just("<!-- jdlint-disable -->\n".to_string()),
        Just("{{ page.salary_min }} {% if x %}\n".to_string()),
        Just("```\nsalesman in code\n```\n".to_string()),
        Just("---\ntitle: Salesman\n---\n".to_string()),
        Just("\n".to_string()),
        Just("Send your CV to jobs@example.com by 2027-01-15.\n".to_string()),
        Just("- Training and development\n".to_string()),
        Just("- Javascript and Github, hey guys\r\n".to_string()),
        Just("  - nested Training and development\n".to_string()),
        Just("The candidate will ship, and he will report to his/her lead.\n".to_string()),
        "[a-zA-Z ,.é🎉\r\n-]{0,40}",
    ]
}

fn posting() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..12).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn spans_are_valid_and_positions_agree(text in posting(), markdown in any::<bool>()) {
        let path = if markdown { "p.md" } else { "p.txt" };
        let rules = RuleSet::recommended();
        let result = jdlint::lint_str(Path::new(path), &text, &rules);
        let file = SourceFile::new(path, text.clone());
        for d in &result.diagnostics {
            let spans = std::iter::once(&d.span)
                .chain(d.secondary.iter().map(|l| &l.span))
                .chain(d.fix.iter().flat_map(|f| f.edits.iter().map(|e| &e.span)));
            for span in spans {
                prop_assert!(span.start <= span.end && span.end <= text.len(), "{d:?}");
                prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
                let at = file.location(span.start);
                let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
                prop_assert_eq!(at.line, text[..span.start].matches('\n').count() + 1);
                prop_assert_eq!(at.column, text[line_start..span.start].chars().count() + 1);
            }
        }
    }

    #[test]
    fn fixes_touch_only_their_spans(text in posting()) {
        let rules = RuleSet::recommended();
        let found = jdlint::lint_str(Path::new("p.md"), &text, &rules).diagnostics;
        let pass = fix::apply(&text, &found, Mode::Unsafe);
        // Walk the applied edits: every byte between them is the original text, in order.
        let mut old_at = 0;
        let mut new_at = 0;
        for e in &pass.edits {
            let kept = &text[old_at..e.span.start];
            prop_assert_eq!(&pass.text[new_at..new_at + kept.len()], kept);
            new_at += kept.len();
            prop_assert_eq!(&pass.text[new_at..new_at + e.replacement.len()], e.replacement.as_str());
            new_at += e.replacement.len();
            old_at = e.span.end;
        }
        prop_assert_eq!(&pass.text[new_at..], &text[old_at..]);
    }

    #[test]
    fn fixing_leaves_nothing_fixable(text in posting()) {
        let rules = RuleSet::recommended();
        let (fixed, _) = fix::fix_all(Path::new("p.md"), &text, &rules, Mode::Unsafe);
        let left = jdlint::lint_str(Path::new("p.md"), &fixed, &rules).diagnostics;
        let fixable: Vec<_> = left
            .iter()
            .filter(|d| d.fix.as_ref().is_some_and(|f| Mode::Unsafe.allows(f.applicability)))
            .collect();
        prop_assert!(fixable.is_empty(), "{fixed:?}: {fixable:?}");
        let (again, count) = fix::fix_all(Path::new("p.md"), &fixed, &rules, Mode::Unsafe);
        prop_assert_eq!(count, 0);
        prop_assert_eq!(again, fixed);
    }
}
