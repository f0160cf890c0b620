//! `requirement-count`: more required qualifications than applicants take at face value.
//!
//! Counts the list items under requirement-like headings ("Requirements", "What you bring",
//! "Qualifications", "You have"), and tells must-haves from nice-to-haves: an item is a
//! nice-to-have under a heading such as "Nice to have", "Bonus" or "Preferred", or when it says
//! so itself ("Go is a plus", "Bonus: Rust").

use std::sync::{Arc, LazyLock};

use crate::pattern::{Pattern, trim_non_word};
use serde::Deserialize;

use crate::document::{BlockKind, Document};
use crate::rules::{Context, Rule};

static REQUIRED_HEADING: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(concat!(
        r"(?i)(?-u:\b)(?:requirements?|qualifications?|must[- ]haves?|skills|experience|about you|who you are",
        r"|what you(?:'ll|’ll| will)? (?:bring|need|have)|you (?:have|bring|are|will have|should have)",
        r"|what we(?:'re|’re| are) looking for|we(?:'re|’re| are) looking for|what (?:we|you) need|ideal candidate)(?-u:\b)",
    ))
    .expect("valid requirement-heading regex")
});

/// Requirement-like headings that are about conditions of employment or systems, not the
/// person's qualifications.
static NOT_QUALIFICATIONS: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)(?-u:\b)(?:employment requirements|key requirements|conditions of employment|(?:technical|system|security|legal|application|travel) requirements|requirements? to apply|how to apply)(?-u:\b)")
        .expect("valid not-qualifications regex")
});

static NICE_HEADING: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(concat!(
        r"(?i)(?-u:\b)(?:nice[- ]to[- ]haves?|bonus(?:es)?|bonus points|preferred|desirable|desired|pluses",
        r"|a plus|ideally|extra credit|would be (?:great|nice)|optional|assets?|not required|even better)(?-u:\b)",
    ))
    .expect("valid nice-heading regex")
});

/// A list item that says it is optional, at its start or end (punctuation at the ends taken off).
static NICE_ITEM: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(concat!(
        r"(?i)^(?:bonus|nice[- ]to[- ]have|preferred|plus|ideally|optional)(?-u:\b)",
        r"|(?-u:\b)(?:is|are|would be|a) (?:a )?(?:plus|bonus|nice[- ]to[- ]have|big plus|huge plus)$",
        r"|(?-u:\b)(?:preferred|desirable|not required|nice[- ]to[- ]have|an asset)$",
    ))
    .expect("valid nice-item regex")
});

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    max_required: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self { max_required: 15 }
    }
}

pub(crate) struct RequirementCount {
    max_required: usize,
}

impl RequirementCount {
    pub(crate) fn build(options: &toml::Table) -> Result<Arc<dyn Rule>, String> {
        let options: Options = super::options(options)?;
        Ok(Arc::new(Self {
            max_required: options.max_required,
        }))
    }
}

/// What the headings above a list item make it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Required,
    Nice,
    Other,
}

/// The requirement counts of a posting, and the heading of the first required item.
pub(crate) struct Requirements {
    pub(crate) required: usize,
    pub(crate) nice: usize,
    pub(crate) heading: Option<usize>,
}

/// Which of the heading patterns a heading matches.
#[derive(Debug, Clone, Copy)]
struct HeadingSays {
    nice: bool,
    not_qualifications: bool,
    required: bool,
}

impl HeadingSays {
    fn of(text: &str) -> Self {
        HeadingSays {
            nice: NICE_HEADING.is_match(text),
            not_qualifications: NOT_QUALIFICATIONS.is_match(text),
            required: REQUIRED_HEADING.is_match(text),
        }
    }
}

/// Counts the required and nice-to-have items in `doc`.
pub(crate) fn count(doc: &Document<'_>) -> Requirements {
    let blocks = doc.blocks();
    let mut counts = Requirements {
        required: 0,
        nice: 0,
        heading: None,
    };
    // The heading path above the current block, as (level, block index, what the heading
    // says), each heading read once however many items are under it.
    let mut path: Vec<(u8, usize, HeadingSays)> = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        match block.kind {
            BlockKind::Heading(level) => {
                path.retain(|&(l, ..)| l < level);
                path.push((level, i, HeadingSays::of(doc.heading_text(i).unwrap_or(""))));
            }
            BlockKind::ListItem => {
                let mut kind = Kind::Other;
                let mut required_at = None;
                for &(_, h, says) in path.iter().rev() {
                    if says.nice {
                        kind = Kind::Nice;
                        break;
                    }
                    if says.not_qualifications {
                        break;
                    }
                    if says.required && kind == Kind::Other {
                        kind = Kind::Required;
                        required_at = Some(h);
                    }
                }
                if kind == Kind::Required
                    && NICE_ITEM.is_match(trim_non_word(doc.slice(block.span.clone())))
                {
                    kind = Kind::Nice;
                }
                match kind {
                    Kind::Required => {
                        counts.required += 1;
                        counts.heading = counts.heading.or(required_at);
                    }
                    Kind::Nice => counts.nice += 1,
                    Kind::Other => {}
                }
            }
            _ => {}
        }
    }
    counts
}

impl Rule for RequirementCount {
    fn prepare(&self) {
        crate::pattern::force(&[
            &REQUIRED_HEADING,
            &NOT_QUALIFICATIONS,
            &NICE_HEADING,
            &NICE_ITEM,
        ]);
    }

    fn check(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        let counts = count(doc);
        if counts.required <= self.max_required {
            return;
        }
        let Some(heading) = counts.heading else {
            return;
        };
        let nice = match counts.nice {
            0 => "and no nice-to-haves".to_string(),
            1 => "and 1 nice-to-have".to_string(),
            n => format!("and {n} nice-to-haves"),
        };
        cx.report(
            doc.blocks()[heading].span.clone(),
            format!(
                "{} required qualifications, over {}, {nice}",
                counts.required, self.max_required
            ),
        )
        .label("long list of requirements")
        .note("applicants, women more than men, read every listed requirement as a bar and skip postings where they miss one")
        .help("keep the must-haves the job cannot do without, and move the rest under a `Nice to have` heading");
    }
}
