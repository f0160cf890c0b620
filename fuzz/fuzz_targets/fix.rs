//! Applying every fix: no panic, and afterwards nothing fixable is left.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use jdlint::RuleSet;
use jdlint::fix::{self, Mode};
use libfuzzer_sys::fuzz_target;

static RULES: LazyLock<RuleSet> = LazyLock::new(RuleSet::recommended);

fuzz_target!(|text: &str| {
    let path = Path::new("p.md");
    let (fixed, _) = fix::fix_all(path, text, &RULES, Mode::Unsafe);
    let (again, count) = fix::fix_all(path, &fixed, &RULES, Mode::Unsafe);
    assert_eq!(count, 0, "fixing twice changed {fixed:?}");
    assert_eq!(again, fixed);
});
