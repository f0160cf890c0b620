//! The full lint with every place's pay law selected: no panic, and every span (primary,
//! secondary, fix) is inside the text on char boundaries.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use jdlint::RuleSet;
use libfuzzer_sys::fuzz_target;

static RULES: LazyLock<RuleSet> = LazyLock::new(RuleSet::recommended);

fuzz_target!(|input: (bool, &str)| {
    let (markdown, text) = input;
    let path = Path::new(if markdown { "p.md" } else { "p.txt" });
    let with_places = format!("---\njurisdictions: [us-co, us-ny-nyc, ca-on, eu, us-ca]\n---\n{text}");
    for text in [text, with_places.as_str()] {
        for d in jdlint::lint_str(path, text, &RULES).diagnostics {
            let spans = std::iter::once(d.span.clone())
                .chain(d.secondary.iter().map(|l| l.span.clone()))
                .chain(d.fix.iter().flat_map(|f| f.edits.iter().map(|e| e.span.clone())));
            for span in spans {
                assert!(span.start <= span.end && span.end <= text.len(), "{d:?}");
                assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            }
        }
    }
});
