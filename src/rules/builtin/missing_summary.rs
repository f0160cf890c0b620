//! `missing-summary`: flags postings with no short summary of the role, or one outside the
//! configured word bounds.
//!
//! A summary is a Summary/Overview/About-the-role section, a front-matter `description`, or the
//! opening paragraph before the first section.

use std::ops::Range;
use std::sync::{Arc, LazyLock};

use crate::pattern::Pattern;
use serde::Deserialize;

use crate::document::{BlockKind, Document, word_spans};
use crate::rules::{Context, Rule};

/// Headings of a summary section, without the punctuation at their ends.
static SUMMARY_HEADING: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(concat!(
        r"(?i)^(?:(?:role|job|position)\s+(?:summary|overview|description)|summary|overview|introduction",
        r"|about\s+(?:the|this)\s+(?:role|job|position|opportunity)|the\s+(?:role|opportunity|job|position)",
        r"|what\s+(?:is\s+)?(?:this|the)\s+(?:role|job)|your\s+role|the\s+gist|tl;?dr)$",
    ))
    .expect("valid summary-heading regex")
});

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    min_words: usize,
    max_words: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            min_words: 10,
            max_words: 150,
        }
    }
}

pub(crate) struct MissingSummary {
    options: Options,
}

impl MissingSummary {
    pub(crate) fn build(options: &toml::Table) -> Result<Arc<dyn Rule>, String> {
        let options: Options = super::options(options)?;
        super::word_bounds(options.min_words, options.max_words)?;
        Ok(Arc::new(Self { options }))
    }
}

impl Rule for MissingSummary {
    fn prepare(&self) {
        crate::pattern::force(&[&SUMMARY_HEADING]);
    }

    fn check(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        let (min, max) = (self.options.min_words, self.options.max_words);
        let fits = |words: usize| (min..=max).contains(&words);
        // The places a summary may be, in order: the first of them is reported unless one of
        // them fits, and the search stops at the first that does.
        let mut first: Option<(Range<usize>, usize)> = None;
        if let Some(section) = doc.find_section(&SUMMARY_HEADING) {
            // The first block of the section with any prose, and its word count.
            let block = doc.section_body(&section).iter().find_map(|b| {
                let words = if b.is_heading() {
                    0
                } else {
                    doc.prose_words(b.span.clone())
                };
                (words > 0).then(|| (b.span.clone(), words))
            });
            let Some(block) = block else {
                cx.report(
                    doc.blocks()[section.heading].span.clone(),
                    "summary section is empty",
                )
                .label("nothing under this heading")
                .note("the summary is what most readers read before deciding to go on")
                .help("write two or three sentences on what the role is and why it matters");
                return;
            };
            if fits(block.1) {
                return;
            }
            first = Some(block);
        }
        if let Some(field) = doc.field(&["description", "summary", "excerpt", "intro", "lede"]) {
            let words = word_spans(&field.value.text()).count();
            if fits(words) {
                return;
            }
            first = first.or(Some((field.value_span.clone(), words)));
        }
        let first_heading = doc.first_heading_start();
        let opening = doc
            .blocks()
            .iter()
            .take_while(|b| b.span.start < first_heading)
            .filter(|b| b.kind == BlockKind::Paragraph)
            .map(|b| (b.span.clone(), doc.prose_words(b.span.clone())))
            .find(|(_, words)| *words > 0);
        if let Some(opening) = opening {
            if fits(opening.1) {
                return;
            }
            first = first.or(Some(opening));
        }
        let Some((span, words)) = first else {
            cx.report(doc.anchor(), "posting has no summary of the role")
            .document_level()
                .label("no summary for this role")
                .note("the summary is what most readers read before deciding to go on")
                .help("open with a short paragraph on what the role is and why it matters, or add a `description` to the front matter");
            return;
        };
        let (message, help) = if words < min {
            (
                format!("summary is too short: {words} words, at least {min} expected"),
                "say what the role is, who it works with and why it matters".to_string(),
            )
        } else {
            (
                format!("summary is too long: {words} words, at most {max} expected"),
                "keep the summary to a few sentences and move details into their own sections"
                    .to_string(),
            )
        };
        let span = first_line(doc, span);
        cx.report(span, message)
            .label("this summary")
            .note("the summary is what most readers read before deciding to go on")
            .help(help);
    }
}

/// The first line of a span, so a long paragraph is not quoted whole.
fn first_line(doc: &Document<'_>, span: Range<usize>) -> Range<usize> {
    let text = doc.slice(span.clone());
    text.find('\n').map_or(span.clone(), |i| {
        span.start..span.start + text[..i].trim_end().len()
    })
}
