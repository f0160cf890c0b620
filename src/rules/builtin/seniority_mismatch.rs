//! `seniority-mismatch`: the level in the title disagrees with the experience the text asks
//! for ("Junior" with "7+ years", "Senior" with "no experience needed"), or with a `level`
//! field in the front matter.

use std::ops::Range;
use std::sync::{Arc, LazyLock};

use crate::pattern::Pattern;
use serde::Deserialize;

use crate::document::{Document, TitleSource};
use crate::rules::{Context, Rule};

static JUNIOR: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(
        r"(?i)(?-u:\b)(?:junior|jr\.?|entry[- ]level|new[- ]grad|apprentice|trainee)(?-u:\b)",
    )
    .expect("valid junior regex")
});

/// "Graduate" and "intern" name the hire in "Graduate Engineer" but the audience in "Graduate
/// Recruiter" or "Internship Programme Manager".
static STUDENT: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)(?-u:\b)(?:graduate|intern(?:ship)?)(?-u:\b)")
        .expect("valid student regex")
});

static AUDIENCE: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)(?-u:\b)(?:recruit(?:er|ment|ing)|coordinator|manager|program(?:me)?|advis[eo]r|officer|partner|lead|specialist)(?-u:\b)")
        .expect("valid audience regex")
});

static SENIOR: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)(?-u:\b)(?:senior|sr\.?|staff|principal|head of|director|vice president|vp|chief)(?-u:\b)")
        .expect("valid senior regex")
});

const NUMBER: &str = r"\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen";

/// Years of experience asked for: "7+ years of experience", "5-8 years' professional
/// experience", "at least ten years in", with the lower figure captured. Too large to
/// precompile, so a block is searched only if it says "year".
static YEARS: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex_holding(&format!(
        concat!(
            r"(?i)(?-u:\b)(?P<low>{n})\s*\+?\s*(?:(?:-|–|to)\s*(?P<high>{n})\s*\+?\s*)?(?:or more\s+)?",
            r"years?(?:'|’)?\s+(?:of\s+)?(?:(?:[\w-]|(?u:[^\x00-\x7F]))+[\s,]+){{0,4}}?experience(?-u:\b)",
        ),
        n = NUMBER
    ), b"year")
    .expect("valid years regex")
});

static NO_EXPERIENCE: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)(?-u:\b)(?:no (?:prior |previous )?experience (?:is )?(?:required|needed|necessary)|(?:0|zero)\s*(?:-|–|to)\s*[12] years?)(?-u:\b)")
        .expect("valid no-experience regex")
});

/// Years that belong to other people: "our analysts, who have 10+ years of experience between
/// them", "a team with 50 years of combined experience".
static OTHERS: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)(?-u:\b)(?:who have|who has|between them|combined|collectively|their|the team has|our team has)(?-u:\b)")
        .expect("valid others regex")
});

const LEVEL_FIELDS: &[&str] = &[
    "level",
    "seniority",
    "seniority_level",
    "job_level",
    "experience_level",
];

#[cfg(test)]
mod tests {
    use super::{Side, YEARS, side};

    #[test]
    fn years_with_accented_words_between() {
        let caps = YEARS
            .captures("at least 5 years of développement logiciel experience")
            .unwrap();
        assert_eq!(caps.name("low").unwrap().as_str(), "5");
        assert!(!YEARS.is_match("5 years at a café, then some experience of life elsewhere"));
    }

    #[test]
    fn sides_of_titles() {
        assert_eq!(side("Junior Backend Engineer"), Some(Side::Junior));
        assert_eq!(side("Graduate Software Engineer"), Some(Side::Junior));
        assert_eq!(side("Graduate Recruiter"), None);
        assert_eq!(side("Internship Programme Manager"), None);
        assert_eq!(side("Senior Designer"), Some(Side::Senior));
        assert_eq!(side("Senior Graduate Recruiter"), Some(Side::Senior));
        assert_eq!(side("Director of Apprenticeships"), Some(Side::Senior));
        assert_eq!(side("Backend Engineer"), None);
    }
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    junior_max_years: u32,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            junior_max_years: 3,
        }
    }
}

pub(crate) struct SeniorityMismatch {
    junior_max_years: u32,
}

impl SeniorityMismatch {
    pub(crate) fn build(options: &toml::Table) -> Result<Arc<dyn Rule>, String> {
        let options: Options = super::options(options)?;
        Ok(Arc::new(Self {
            junior_max_years: options.junior_max_years,
        }))
    }
}

fn number(word: &str) -> Option<u32> {
    word.parse().ok().or_else(|| {
        let n = match word.to_ascii_lowercase().as_str() {
            "one" => 1,
            "two" => 2,
            "three" => 3,
            "four" => 4,
            "five" => 5,
            "six" => 6,
            "seven" => 7,
            "eight" => 8,
            "nine" => 9,
            "ten" => 10,
            "twelve" => 12,
            "fifteen" => 15,
            _ => return None,
        };
        Some(n)
    })
}

/// The level a title or field names, if it names one side clearly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Junior,
    Senior,
}

fn side(text: &str) -> Option<Side> {
    let junior = JUNIOR.is_match(text) || (STUDENT.is_match(text) && !AUDIENCE.is_match(text));
    match (junior, SENIOR.is_match(text)) {
        (true, false) => Some(Side::Junior),
        (false, true) => Some(Side::Senior),
        // "Senior Graduate Recruiter", "Director of Internships": names both, says neither.
        _ => None,
    }
}

impl Rule for SeniorityMismatch {
    fn prepare(&self) {
        crate::pattern::force(&[
            &JUNIOR,
            &STUDENT,
            &AUDIENCE,
            &SENIOR,
            &YEARS,
            &NO_EXPERIENCE,
            &OTHERS,
        ]);
    }

    fn check(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        let Some(title) = doc.title() else {
            return;
        };
        let Some(title_side) = side(&title.text) else {
            return;
        };
        let title_span = title.span.clone();
        // The front-matter level against the title.
        if let Some(field) = doc.field(LEVEL_FIELDS)
            && let Some(value) = field.value.as_str()
            && let Some(field_side) = side(value)
            && field_side != title_side
        {
            cx.report(
                field.value_span.clone(),
                format!("level `{value}` disagrees with the title `{}`", title.text),
            )
            .label("level in the front matter")
            .secondary(title_span.clone(), "title")
            .note("job boards file the posting under the field's level; readers go by the title")
            .help("make the title and the level field say the same");
        }
        let body_start = match title.source {
            TitleSource::FrontMatter => doc.front_matter().map_or(0, |fm| fm.span.end),
            TitleSource::Heading => title.span.end,
        };
        for block in doc.blocks() {
            if block.span.start < body_start {
                continue;
            }
            let text = doc.slice(block.span.clone());
            match title_side {
                Side::Junior => {
                    // Split into sentences only for a block that asks for years at all.
                    let mut sentences = None;
                    for caps in YEARS.captures_iter(text) {
                        let m = caps.get(0).expect("group 0 always matches");
                        let span = block.span.start + m.start()..block.span.start + m.end();
                        let Some(low) = caps.name("low").and_then(|l| number(l.as_str())) else {
                            continue;
                        };
                        if low <= self.junior_max_years || doc.is_non_prose(&span) {
                            continue;
                        }
                        let sentence = sentences
                            .get_or_insert_with(|| super::prose::sentences(text))
                            .iter()
                            .find(|s| s.start <= m.start() && m.start() < s.end)
                            .map_or(text, |s| &text[s.clone()]);
                        if OTHERS.is_match(sentence) {
                            continue;
                        }
                        self.report_junior(cx, span, m.as_str(), &title.text, title_span.clone());
                    }
                }
                Side::Senior => {
                    for m in NO_EXPERIENCE.find_iter(text) {
                        let span = block.span.start + m.start()..block.span.start + m.end();
                        if doc.is_non_prose(&span) {
                            continue;
                        }
                        cx.report(
                            span,
                            format!("`{}` in a posting titled `{}`", m.as_str(), title.text),
                        )
                        .label("asks for little experience")
                        .secondary(title_span.clone(), "senior title")
                        .note("a senior title with an entry-level experience bar confuses both the people it suits and the people it does not")
                        .help("fix the title or the experience so they describe the same level");
                    }
                }
            }
        }
    }
}

impl SeniorityMismatch {
    fn report_junior(
        &self,
        cx: &mut Context<'_>,
        span: Range<usize>,
        asked: &str,
        title: &str,
        title_span: Range<usize>,
    ) {
        cx.report(span, format!("`{asked}` in a posting titled `{title}`"))
            .label(format!("more than {} years", self.junior_max_years))
            .secondary(title_span, "junior title")
            .note("junior applicants read the years as a bar they cannot clear, and experienced ones skip a junior title")
            .help("lower the experience to what a junior hire brings, or retitle the role at its real level");
    }
}
