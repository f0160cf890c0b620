//! Numbers about a posting that the metric rules judge, reported as they are: length, reading
//! grade, must-haves and nice-to-haves, "you" against "the candidate", coded words.
//! `jdlint metrics` prints them; the rules `posting-length`, `readability-grade`,
//! `requirement-count`, `candidate-voice` and `gender-coded-balance` warn past thresholds.

use std::sync::LazyLock;

use crate::pattern::Pattern;
use serde::Serialize;

use crate::document::Document;
use crate::rules::{Catalog, Context, Rule, builtin};

/// The metrics of one posting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metrics {
    /// Prose words in paragraphs and list items.
    pub words: usize,
    /// Sentences (a list item counts as one at least).
    pub sentences: usize,
    /// Flesch–Kincaid grade level, `None` without words.
    pub grade: Option<f64>,
    /// List items under requirement headings that are must-haves.
    pub required: usize,
    /// List items under requirement headings that are nice-to-haves.
    pub nice_to_have: usize,
    /// "You", "your", "you'll"... in prose.
    pub you: usize,
    /// "The ideal candidate", "the successful applicant"... as `candidate-voice` finds them.
    pub third_person: usize,
    /// Masculine-coded words (Gaucher, Friesen & Kay 2011).
    pub masculine_coded: usize,
    /// Feminine-coded words.
    pub feminine_coded: usize,
}

static YOU: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)\b(?:you|your|yours|yourself|you'll|you're|you've|you'd)\b")
        .expect("valid you regex")
});

/// Third-person phrasing, counted by the `candidate-voice` rule itself (its tokens, exceptions
/// and scope), so the number and the rule's findings agree.
fn third_person(doc: &Document<'_>) -> usize {
    let Some(rule) = Catalog::builtin()
        .get("candidate-voice")
        .and_then(|m| m.token_rule())
    else {
        return 0;
    };
    let mut found = Vec::new();
    rule.check(doc, &mut Context::new("candidate-voice", &mut found));
    found.len()
}

impl Metrics {
    /// Measures `doc`.
    pub fn of(doc: &Document<'_>) -> Metrics {
        let counts = builtin::prose_counts(doc);
        let requirements = builtin::requirement_counts(doc);
        let (masculine_coded, feminine_coded) = builtin::coded_counts(doc);
        let mut you = 0;
        for block in doc.blocks() {
            let text = doc.slice(block.span.clone());
            you += YOU
                .find_iter(text)
                .filter(|m| {
                    !doc.is_non_prose(&(block.span.start + m.start()..block.span.start + m.end()))
                })
                .count();
        }
        Metrics {
            words: counts.words,
            sentences: counts.sentences,
            grade: counts.grade().map(|g| (g * 10.0).round() / 10.0),
            required: requirements.required,
            nice_to_have: requirements.nice,
            you,
            third_person: third_person(doc),
            masculine_coded,
            feminine_coded,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Metrics;
    use crate::document::{Document, Format};

    #[test]
    fn measures_a_posting() {
        let text = "# Engineer\n\nYou will fix bugs. The ideal candidate is driven and competitive.\n\n## Requirements\n\n- Go\n- Rust is a plus\n\n## Nice to have\n\n- Elixir\n\n```\nyou you you\n```\n";
        let m = Metrics::of(&Document::parse(text, Format::Markdown));
        assert_eq!((m.words, m.sentences), (17, 5));
        assert_eq!((m.required, m.nice_to_have), (1, 2));
        assert_eq!((m.you, m.third_person), (1, 1));
        assert_eq!((m.masculine_coded, m.feminine_coded), (2, 0));
        assert!(m.grade.is_some());
    }

    #[test]
    fn third_person_agrees_with_candidate_voice() {
        // "You're the right person" is an exception of the rule, so it is not counted here.
        let text =
            "# Engineer\n\nYou're the right person if you like Go. The ideal candidate has Go.\n";
        let m = Metrics::of(&Document::parse(text, Format::Markdown));
        assert_eq!(m.third_person, 1);
    }
}
