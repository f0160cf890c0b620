//! Config and team-rule files: any text is accepted or rejected with an error whose span is
//! inside the text, never a panic.
#![no_main]

use std::path::Path;

use jdlint::config::Config;
use jdlint::rules::catalog::parse_rule;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Err(e) = Config::parse(Path::new("/nonexistent/jdlint.toml"), text) {
        if let Some(span) = e.span {
            assert!(span.start <= span.end && span.end <= text.len());
        }
    }
    if let Err(e) = parse_rule(text, None) {
        if let Some(span) = e.span {
            assert!(span.start <= span.end && span.end <= text.len());
        }
    }
});
