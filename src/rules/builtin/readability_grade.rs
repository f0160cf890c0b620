//! `readability-grade`: postings whose Flesch–Kincaid grade is past a high threshold.

use std::sync::Arc;

use serde::Deserialize;

use super::prose::Counts;
use crate::document::Document;
use crate::rules::{Context, Rule};

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    max_grade: f64,
    min_words: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            max_grade: 16.0,
            min_words: 100,
        }
    }
}

pub(crate) struct ReadabilityGrade {
    options: Options,
}

impl ReadabilityGrade {
    pub(crate) fn build(options: &toml::Table) -> Result<Arc<dyn Rule>, String> {
        let options: Options = super::options(options)?;
        if !options.max_grade.is_finite() || options.max_grade < 0.0 {
            return Err(format!(
                "`max-grade` must be a positive number, not {}",
                options.max_grade
            ));
        }
        Ok(Arc::new(Self { options }))
    }
}

impl Rule for ReadabilityGrade {
    fn check(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        let counts = Counts::of(doc);
        // Short texts give unstable grades.
        if counts.words < self.options.min_words {
            return;
        }
        let Some(grade) = counts.grade() else {
            return;
        };
        if grade <= self.options.max_grade {
            return;
        }
        #[allow(clippy::cast_precision_loss)]
        let per_sentence = counts.words as f64 / counts.sentences as f64;
        cx.report(
            doc.anchor(),
            format!(
                "posting reads at grade {grade:.1} (Flesch–Kincaid), above {:.0}",
                self.options.max_grade
            ),
        )
        .label("hard to read")
        .document_level()
        .note(format!(
            "{} words in {} sentences: {per_sentence:.0} words per sentence on average; long sentences and long words shut out readers who skim or read in a second language",
            counts.words, counts.sentences
        ))
        .help("split long sentences, prefer short words, and turn lists of duties into bullets");
    }
}
