//! `missing-seniority-level`: flags postings that never say how senior the role is.
//!
//! The level counts when it is in the title, in a front-matter field, in a sentence about the
//! role itself ("we're hiring a senior engineer", "this is a mid-level role", "Level: Staff"),
//! as a grade (GS-13, IT-03), or as years of experience. A level word about other people
//! ("you'll work with senior engineers") does not count.

use std::sync::{Arc, LazyLock};

use crate::pattern::Pattern;

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

/// A line that states the level: "Level: Senior", "Seniority: mid".
static LEVEL_LINE: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(r"(?im)^(?u-i:\W)*(?:level|seniority|grade|classification|career\s+level|job\s+level)\s*(?::|-|–)\s*\w")
        .expect("valid level-line regex")
});

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
        crate::pattern::force(&[&TITLE_LEVEL, &GRADE, &ROLE_LEVEL, &LEVEL_LINE, &YEARS]);
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
            [&*GRADE, &*ROLE_LEVEL, &*LEVEL_LINE, &*YEARS]
                .iter()
                .any(|re| {
                    re.find_iter(text).any(|m| {
                        !doc.is_non_prose(&(b.span.start + m.start()..b.span.start + m.end()))
                    })
                })
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
