//! Rules written in Rust: those about structure, absence and numbers, which data cannot express.
//!
//! Each rule's id, docs and default level live in `rules/<id>.toml` with `kind = "builtin"`;
//! this module registers the check for each id. `tests/catalog.rs` checks the two agree.

mod duplicate_bullet;
mod empty_section;
mod engine;
mod gender_coded;
mod gendered_pronoun;
pub(crate) mod missing_how_to_apply;
mod missing_salary_range;
mod missing_seniority_level;
mod missing_summary;
mod pay_mismatch;
mod pay_transparency_law;
mod posting_length;
mod prose;
mod readability_grade;
mod requirement_count;
mod salary_min_above_max;
mod salary_missing_period;
mod salary_open_ended;
mod salary_range_too_wide;
mod salary_single_figure;
mod scraped_page_noise;
mod seniority_mismatch;
mod template_placeholder;

use std::sync::Arc;

use serde::de::DeserializeOwned;

use super::Rule;

type Builder = fn(&toml::Table) -> Result<Arc<dyn Rule>, String>;

/// Every built-in check, by rule id.
pub const REGISTRY: &[(&str, Builder)] = &[
    ("duplicate-bullet", duplicate_bullet::DuplicateBullet::build),
    ("empty-section", empty_section::EmptySection::build),
    ("pay-mismatch", pay_mismatch::PayMismatch::build),
    (
        "salary-range-too-wide",
        salary_range_too_wide::SalaryRangeTooWide::build,
    ),
    (
        "seniority-mismatch",
        seniority_mismatch::SeniorityMismatch::build,
    ),
    ("invalid-front-matter", engine::Engine::build),
    ("missing-suppression-reason", engine::Engine::build),
    ("unknown-rule", engine::Engine::build),
    ("unused-suppression", engine::Engine::build),
    ("gender-coded-word", gender_coded::GenderCodedWord::build),
    (
        "gender-coded-balance",
        gender_coded::GenderCodedBalance::build,
    ),
    ("gendered-pronoun", gendered_pronoun::GenderedPronoun::build),
    (
        "missing-how-to-apply",
        missing_how_to_apply::MissingHowToApply::build,
    ),
    (
        "missing-salary-range",
        missing_salary_range::MissingSalaryRange::build,
    ),
    (
        "missing-seniority-level",
        missing_seniority_level::MissingSeniorityLevel::build,
    ),
    ("missing-summary", missing_summary::MissingSummary::build),
    (
        "pay-transparency-advice",
        pay_transparency_law::PayTransparency::build_advice,
    ),
    (
        "pay-transparency-law",
        pay_transparency_law::PayTransparency::build_law,
    ),
    ("posting-length", posting_length::PostingLength::build),
    (
        "readability-grade",
        readability_grade::ReadabilityGrade::build,
    ),
    (
        "requirement-count",
        requirement_count::RequirementCount::build,
    ),
    (
        "salary-min-above-max",
        salary_min_above_max::SalaryMinAboveMax::build,
    ),
    (
        "salary-missing-period",
        salary_missing_period::SalaryMissingPeriod::build,
    ),
    (
        "salary-open-ended",
        salary_open_ended::SalaryOpenEnded::build,
    ),
    (
        "scraped-page-noise",
        scraped_page_noise::ScrapedPageNoise::build,
    ),
    (
        "template-placeholder",
        template_placeholder::TemplatePlaceholder::build,
    ),
    (
        "salary-single-figure",
        salary_single_figure::SalarySingleFigure::build,
    ),
];

/// Word, sentence and syllable counts (shared with `posting-length` and `readability-grade`).
pub(crate) fn prose_counts(doc: &crate::document::Document<'_>) -> Arc<prose::Counts> {
    prose::Counts::of(doc)
}

/// Must-have and nice-to-have counts, as `requirement-count` reads them.
pub(crate) fn requirement_counts(
    doc: &crate::document::Document<'_>,
) -> requirement_count::Requirements {
    requirement_count::count(doc)
}

/// Masculine- and feminine-coded word counts, as `gender-coded-balance` reads them.
pub(crate) fn coded_counts(doc: &crate::document::Document<'_>) -> (usize, usize) {
    gender_coded::counts(doc)
}

/// Builds the built-in check for `id` with `options`, or `None` if no such check exists.
pub fn build(id: &str, options: &toml::Table) -> Option<Result<Arc<dyn Rule>, String>> {
    REGISTRY
        .iter()
        .find(|(name, _)| *name == id)
        .map(|(_, build)| build(options))
}

/// Deserializes a rule's options, naming the rule in the error.
pub(crate) fn options<T: DeserializeOwned>(table: &toml::Table) -> Result<T, String> {
    toml::Value::Table(table.clone())
        .try_into()
        .map_err(|e: toml::de::Error| e.message().trim().to_string())
}

/// Checks a pair of `min-words`/`max-words` options.
pub(crate) fn word_bounds(min_words: usize, max_words: usize) -> Result<(), String> {
    if min_words > max_words {
        return Err(format!(
            "`min-words` ({min_words}) is above `max-words` ({max_words})"
        ));
    }
    Ok(())
}

/// Rules without options accept only an empty table.
pub(crate) fn no_options(table: &toml::Table) -> Result<(), String> {
    match table.keys().next() {
        Some(key) => Err(format!("unknown option `{key}`: this rule has no options")),
        None => Ok(()),
    }
}
