//! `missing-seniority-level`: flags postings that never say how senior the role is.
//!
//! The level counts when it is in the title, in a front-matter field, in a sentence about the
//! role itself ("we're hiring a senior engineer", "this is a mid-level role", "Level: Staff"),
//! as a grade (GS-13, IT-03), or as years of experience. A level word about other people
//! ("you'll work with senior engineers") does not count.

use std::ops::Range;
use std::sync::{Arc, LazyLock};

use crate::pattern::Pattern;
use crate::rules::builtin::prose::char_at;

use crate::document::Document;
use crate::rules::{Context, Rule};

const LEVEL_WORDS: &str = concat!(
    r"intern(?:ship)?|junior|jr\.?|entry[\s-]level|graduate|new[\s-]grad(?:uate)?|apprentice(?:ship)?|trainee",
    r"|associate|mid[\s-]?level|mid[\s-]senior|intermediate|senior|sr\.?|staff|principal|lead|head\s+of",
    r"|director|vice\s+president|vp|svp|evp|chief|c[teofi]o|executive|distinguished|fellow",
    r"|co-?op|student|working\s+student|summer\s+student|experienced",
    // French: the corpus has bilingual postings.
    // `(?i)` folds ASCII letters only, so accented capitals are spelt out.
    r"|stagiaire|d(?:é|É)butante?|chef|directeur|directrice|principale?",
);

/// French level words that start or end with a non-ASCII letter, matched without the ASCII word
/// boundaries that keep the other patterns fast.
const FRENCH_LEVEL_WORDS: &str = r"(?:é|É)tudiante?|exp(?:é|É)riment(?:é|É)e?s?";

static TITLE_LEVEL: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(&format!(
        r"(?i)(?-u:\b)(?:{LEVEL_WORDS}|level\s+(?:[ivx]+|\d)|[a-z]+\s+(?:i{{1,3}}|iv|v)|[a-z]+\s+[1-5])(?-u:\b)|(?-u:\b)[a-z]{{2,3}}-?\d{{1,2}}(?-u:\b)|{FRENCH_LEVEL_WORDS}"
    ))
    .expect("valid title-level regex")
});

/// A grade or classification anywhere: GS-13, ES-0340 is a series so not here, IT-03, EC-05.
static GRADE: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(
        r"(?-u:\b)(?:GS-?\s?\d{1,2}|(?:IT|EC|CS|AS|PE|PM|CO|FI|EX|IS|CR|PG|AU|EN|SE)-0\d)(?-u:\b)",
    )
    .expect("valid grade regex")
});

/// A level word in a sentence about the role itself.
static ROLE_LEVEL: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(&format!(
        concat!(
            r"(?i)(?-u:\b)(?:(?:we(?:'re|’re|\s+are)\s+)?(?:hiring|looking\s+for|seeking|searching\s+for|recruiting)",
            r"|join\s+(?:us|our\s+(?-u:\w)+(?:\s+team)?)\s+as|you(?:'ll|’ll|\s+will)\s+(?:join\s+(?-u:\w)+\s+)?(?:be|join\s+as)",
            r"|this\s+(?:is\s+an?|role\s+is\s+an?|position\s+is\s+an?|job\s+is\s+an?)|the\s+(?:role|position|job)\s+is\s+an?",
            // Between the frame and the level word: an article and up to two longer words, so
            // "you will be a senior engineer" counts and "you will be able to lead" does not.
            r"|as\s+(?:an?|our))\s+(?:(?:an?|the|our)\s+)?(?:[0-9A-Za-z_&-]{{3,}}\s+){{0,2}}?(?:(?:{words})(?-u:\b)|{french})",
            r"|(?-u:\b)(?-u:\w)+[\s-]+level\s+(?:hires?|roles?|positions?|candidates?)(?-u:\b)",
        ),
        words = LEVEL_WORDS,
        french = FRENCH_LEVEL_WORDS
    ))
    .expect("valid role-level regex")
});

/// A line that states the level: "Level: Senior", "- **Seniority:** mid". Found as
/// [`LEVEL_LINE_PATTERN`] finds it, from each [`LEVEL_STATEMENT`] ([`level_lines`]).
#[cfg(test)]
const LEVEL_LINE_PATTERN: &str = r"(?im)^(?u-i:\W)*(?:level|seniority|grade|classification|career\s+level|job\s+level)\s*(?::|-|–)\s*\w";

/// What states the level on a line, without what may come before it there.
static LEVEL_STATEMENT: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(
        r"(?i)(?:level|seniority|grade|classification|career\s+level|job\s+level)\s*(?::|-|–)\s*\w",
    )
    .expect("valid level-statement regex")
});

/// The matches of `LEVEL_LINE_PATTERN` (in the tests) in `text`, left to right: a line start, characters
/// that are not word characters (line breaks among them), then a [`LEVEL_STATEMENT`]. Found
/// from each statement, looking back for the line start: the leading non-word characters make
/// the whole pattern's DFA 745 KB against the statement's 24 KB, and loading a DFA checks
/// every byte of it. A statement with no line start before it is passed over, and the search
/// goes on inside it, as the whole pattern's would.
fn level_lines(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(m) = LEVEL_STATEMENT.find_at(text, from) {
            let run_start = text[..m.start()]
                .char_indices()
                .rev()
                .take_while(|&(_, c)| !regex_syntax::is_word_character(c))
                .last()
                .map_or(m.start(), |(i, _)| i);
            // The first line start in the run: where the text starts, or after its first line
            // break. (The run never reaches back past `from`: a word character ends each match
            // and starts each statement passed over.)
            let line_start = if run_start == 0 {
                Some(0)
            } else {
                text[run_start..m.start()]
                    .find('\n')
                    .map(|i| run_start + i + 1)
            };
            if let Some(start) = line_start {
                from = m.end();
                return Some(start..m.end());
            }
            from = m.start() + char_at(text, m.start()).map_or(1, char::len_utf8);
        }
        None
    })
}

/// Years of experience: "5+ years of experience", "3-5 years' professional experience". Too
/// large to precompile, so a block is searched only if it says "year".
static YEARS: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex_holding(concat!(
        r"(?i)(?-u:\b)(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|fifteen)\s*\+?\s*",
        r"(?:(?:-|–|to|or)\s*(?:\d{1,2}|two|three|four|five|six|seven|eight|ten)\s*\+?\s*)?(?:or\s+more\s+)?",
        r"years?(?:'|’)?\s+(?:of\s+)?(?:[0-9A-Za-z_-]+[\s,]+){0,5}?(?:experience|exp(?:é|É)rience)(?-u:\b)",
        r"|(?-u:\b)experience\s*(?:of|:)\s*\d{1,2}\+?\s*years?",
    ), b"year")
    .expect("valid years regex")
});

const LEVEL_FIELDS: &[&str] = &[
    "level",
    "seniority",
    "seniority_level",
    "job_level",
    "career_level",
    "experience_level",
    "gs_level",
    "grade",
    "pay_grade",
    "classification",
];

pub(crate) struct MissingSeniorityLevel;

impl MissingSeniorityLevel {
    pub(crate) fn build(options: &toml::Table) -> Result<Arc<dyn Rule>, String> {
        super::no_options(options)?;
        Ok(Arc::new(Self))
    }
}

impl Rule for MissingSeniorityLevel {
    fn prepare(&self) {
        crate::pattern::force(&[&TITLE_LEVEL, &GRADE, &ROLE_LEVEL, &LEVEL_STATEMENT, &YEARS]);
    }

    fn check(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        if doc.field(LEVEL_FIELDS).is_some() {
            return;
        }
        if doc.title().is_some_and(|t| TITLE_LEVEL.is_match(&t.text)) {
            return;
        }
        let stated = doc.blocks().iter().any(|b| {
            let text = doc.slice(b.span.clone());
            let in_prose = |r: Range<usize>| {
                !doc.is_non_prose(&(b.span.start + r.start..b.span.start + r.end))
            };
            let found = |re: &Pattern| re.find_iter(text).any(|m| in_prose(m.range()));
            found(&GRADE) || found(&ROLE_LEVEL) || level_lines(text).any(in_prose) || found(&YEARS)
        });
        if stated {
            return;
        }
        cx.report(doc.anchor(), "posting does not state the seniority level")
            .document_level()
            .label("how senior is this role?")
            .note("applicants decide in seconds whether a role fits their career stage")
            .help("put the level in the title (e.g. `Senior Backend Engineer`), add `level:` to the front matter, or state the years of experience you expect");
    }
}

#[cfg(test)]
mod tests {
    /// `level_lines` finds what the whole pattern finds, match for match: on every fixture line
    /// and whole fixture, and on every string of up to four pieces (statements at and after a
    /// line start, words that hold one, bullets and marks before them, other scripts).
    #[test]
    fn level_lines_are_what_the_whole_pattern_finds() {
        let whole = crate::pattern::builtin_meta(super::LEVEL_LINE_PATTERN).expect("compiles");
        let pieces = [
            "Level: x",
            "high-level-",
            "\n",
            "- ",
            "x",
            " ",
            "•",
            "Grade:",
            "\u{a0}",
            "Job Level – A",
            "é",
        ];
        let mut texts = crate::fixture_lines_and_texts();
        texts.extend(crate::strings_over(&pieces, 4));
        let mut found = 0;
        for text in &texts {
            let want: Vec<_> = whole.find_iter(text.as_str()).map(|m| m.range()).collect();
            let got: Vec<_> = super::level_lines(text).collect();
            assert_eq!(got, want, "{text:?}");
            found += got.len();
        }
        assert!(found > 1_000, "only {found} level lines found");
    }
}
