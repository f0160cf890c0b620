//! `gendered-pronoun`: pronouns that assume the applicant's gender.
//!
//! Two cases. Paired forms (`he/she`, `s/he`, `his or her`) are flagged wherever they stand:
//! they are written about a hypothetical person, and leave out people who are neither. A lone
//! `he`, `she`, `his`, `him` or `her` is flagged only when it refers to the applicant: a
//! candidate noun ("the candidate", "the successful applicant", "the new hire") comes before it
//! in the same or the previous sentence, and no other person (a name, a title such as "the
//! CTO", a role noun such as "your manager") stands between them. "Our founder, Ana, says she
//! hires for curiosity" stays silent.

use std::ops::Range;
use std::sync::{Arc, LazyLock};

use crate::pattern::{Needle, Pattern};

use super::prose::sentences;
use crate::diagnostic::Applicability;
use crate::document::Document;
use crate::rules::kinds::match_case;
use crate::rules::{Context, Rule};

static PAIRED: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(concat!(
        r"(?i)(?-u:\b)(?:he\s*/\s*she|she\s*/\s*he|s/he|he or she|she or he",
        r"|his\s*/\s*hers?|hers?\s*/\s*his|his or hers?|hers? or his",
        r"|him\s*/\s*her|her\s*/\s*him|him or her|her or him",
        r"|himself\s*/\s*herself|herself\s*/\s*himself|himself or herself|herself or himself)(?-u:\b)",
        r"|\(s\)he(?-u:\b)",
    ))
    .expect("valid paired-pronoun regex")
});

static LONE: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)(?-u:\b)(?:he|she|him|his|her|hers|himself|herself)(?-u:\b)")
        .expect("valid pronoun regex")
});

/// Nouns that name the person the posting is hiring.
static CANDIDATE: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(concat!(
        r"(?i)(?-u:\b)(?:candidates?|applicants?|new hires?|the hire|incumbents?|jobholders?|job holders?",
        r"|role holders?|postholders?|post holders?|the (?:ideal|successful|right|selected|chosen) (?:person|individual|one)",
        r"|this person|the person in this role|the employee)(?-u:\b)",
    ))
    .expect("valid candidate regex")
});

/// Someone else a pronoun could refer to.
static OTHER_PERSON: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(concat!(
        r"(?i)(?-u:\b)(?:manager|supervisor|boss|lead|director|founder|head|chief|ceo|cto|cfo|coo|vp|president",
        r"|mentor|colleague|teammate|customer|client|patient|student|child|user|owner|partner|chair|recruiter)s?(?-u:\b)",
    ))
    .expect("valid person regex")
});

/// A capitalised word that is not the first of its sentence: maybe a name.
static CAPITALISED: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(r"(?-u:\b)\p{Lu}\p{Ll}+(?-u:\b)").expect("valid capitalised-word regex")
});

pub(crate) struct GenderedPronoun;

impl GenderedPronoun {
    pub(crate) fn build(options: &toml::Table) -> Result<Arc<dyn Rule>, String> {
        super::no_options(options)?;
        Ok(Arc::new(Self))
    }
}

impl Rule for GenderedPronoun {
    fn prepare(&self) {
        crate::pattern::force(&[&PAIRED, &LONE, &CANDIDATE, &OTHER_PERSON, &CAPITALISED]);
    }

    fn check(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        for block in doc.blocks() {
            let text = doc.slice(block.span.clone());
            // Every paired form holds a lone pronoun (`(s)he` holds `he`).
            if !has_lone_pronoun(text) {
                continue;
            }
            let base = block.span.start;
            let mut paired = Vec::new();
            for m in may_hold_paired(text)
                .then(|| PAIRED.find_iter(text))
                .into_iter()
                .flatten()
            {
                let span = base + m.start()..base + m.end();
                paired.push(m.range());
                if doc.is_non_prose(&span) {
                    continue;
                }
                let neutral = neutral_form(m.as_str());
                cx.report(span, format!("`{}` assumes there are two genders", m.as_str()))
                    .label("paired pronoun")
                    .note("paired pronouns leave out applicants who are neither, and read as a form letter")
                    .help(format!("write to the reader as `you`, or use `{neutral}`"))
                    .replace(neutral, Applicability::Unsafe);
            }
            let sentences = sentences(text);
            for m in LONE.find_iter(text) {
                if paired
                    .iter()
                    .any(|p| p.start <= m.start() && m.end() <= p.end)
                {
                    continue;
                }
                let span = base + m.start()..base + m.end();
                if doc.is_non_prose(&span) || !refers_to_applicant(text, &sentences, m.range()) {
                    continue;
                }
                let mut report = cx
                    .report(span, format!("`{}` assumes the applicant's gender", m.as_str()))
                    .label("refers to the applicant")
                    .note("a gendered pronoun for the person you are hiring tells everyone else the job is not for them");
                match lone_neutral(m.as_str()) {
                    Some(neutral) => {
                        report = report.help(format!(
                            "write to the reader as `you`, or use `{neutral}` (check the verb agrees)"
                        ));
                        report.replace(neutral, Applicability::Unsafe);
                    }
                    None => {
                        report
                            .help("write to the reader as `you`, or use `they`, `them` or `their`");
                    }
                }
            }
        }
    }
}

/// Whether [`LONE`] matches in `text`, found from each `h` (memchr) instead of by a DFA pass:
/// every pronoun has one, at its start or after the `s` of `she` (or `ſ`, which the pattern's
/// case folding matches), and `h` is far rarer than the bytes the DFA reads. The boundaries are
/// ASCII ones, as in the pattern.
fn has_lone_pronoun(text: &str) -> bool {
    const FROM_H: [&[u8]; 7] = [
        b"he", b"her", b"hers", b"herself", b"him", b"himself", b"his",
    ];
    let bytes = text.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let starts_word = |at: usize| at == 0 || !word(bytes[at - 1]);
    memchr::memchr2_iter(b'h', b'H', bytes).any(|h| {
        let start = match h.checked_sub(1).map(|i| bytes[i].to_ascii_lowercase()) {
            Some(b's') => Some(h - 1),
            // `ſ` is 0xC5 0xBF.
            Some(0xBF) if h >= 2 && bytes[h - 2] == 0xC5 => Some(h - 2),
            _ => None,
        };
        let ends_at = |end: usize| bytes.get(end).is_none_or(|&b| !word(b));
        // `she`: an `s` before the `h` starts the word, and `e` ends it.
        let she = start.is_some_and(|s| {
            starts_word(s)
                && bytes
                    .get(h + 1)
                    .is_some_and(|b| b.eq_ignore_ascii_case(&b'e'))
                && ends_at(h + 2)
        });
        she || (starts_word(h)
            && FROM_H.iter().any(|w| {
                bytes.len() >= h + w.len()
                    && bytes[h..h + w.len()].eq_ignore_ascii_case(w)
                    && ends_at(h + w.len())
            }))
    })
}

/// Whether `text` may hold a paired form: each holds `/`, ` or ` or `(s)`, and the pattern
/// matches no other character for these (no case folds to `/`, `)`, ` `, `o` or `r`).
fn may_hold_paired(text: &str) -> bool {
    static OR: Needle = Needle::new(|| memchr::memmem::Finder::new(b" or "));
    memchr::memchr2(b'/', b')', text.as_bytes()).is_some()
        || OR.find(&crate::automata::lowered(text)).is_some()
}

/// Whether the pronoun at `at` refers to the applicant: a candidate noun comes before it in the
/// same or the previous sentence, with no other person in between.
fn refers_to_applicant(text: &str, sentences: &[Range<usize>], at: Range<usize>) -> bool {
    let Some(current) = sentences
        .iter()
        .position(|s| s.start <= at.start && at.end <= s.end)
    else {
        return false;
    };
    let window_start = sentences[current.saturating_sub(1)].start;
    let window = &text[window_start..at.start];
    let Some(antecedent) = CANDIDATE.find_iter(window).last() else {
        return false;
    };
    // "She coaches every new hire herself": a person named earlier in the antecedent's own
    // sentence is the subject the pronoun refers to.
    let antecedent_start = window_start + antecedent.start();
    let own_sentence = sentences
        .iter()
        .find(|s| s.start <= antecedent_start && antecedent_start < s.end)
        .map_or(antecedent_start, |s| s.start);
    let before = &text[own_sentence..antecedent_start];
    if LONE.is_match(before) || OTHER_PERSON.is_match(before) {
        return false;
    }
    let between_start = window_start + antecedent.end();
    let between = &text[between_start..at.start];
    if OTHER_PERSON.is_match(between) {
        return false;
    }
    // A capitalised word that does not start a sentence may be a name ("Ana", "Priya").
    !CAPITALISED.find_iter(between).any(|w| {
        let absolute = between_start + w.start();
        !sentences.iter().any(|s| s.start == absolute)
    })
}

/// The neutral form of a paired pronoun, keeping the capital of the first letter.
fn neutral_form(paired: &str) -> String {
    let lower = paired.to_ascii_lowercase();
    let neutral = if lower.starts_with("himself") || lower.starts_with("herself") {
        "themselves"
    } else if lower.contains("hers") {
        "theirs"
    } else if lower.starts_with("his") || lower.starts_with("her") && lower.contains("his") {
        "their"
    } else if lower.starts_with("him") || lower.starts_with("her") {
        "them"
    } else {
        "they"
    };
    match_case(paired, neutral)
}

/// The neutral form of a lone pronoun, or `None` when it depends on the sentence (`her` is
/// `them` or `their`).
fn lone_neutral(pronoun: &str) -> Option<String> {
    let neutral = match pronoun.to_ascii_lowercase().as_str() {
        "he" | "she" => "they",
        "him" => "them",
        "his" => "their",
        "hers" => "theirs",
        "himself" | "herself" => "themselves",
        _ => return None,
    };
    Some(match_case(pronoun, neutral))
}

#[cfg(test)]
mod tests {
    use super::{lone_neutral, neutral_form};

    #[test]
    fn lone_pronouns_found_from_each_h_are_the_pattern_s() {
        let mut texts = crate::fixture_lines_and_texts();
        texts.extend(
            [
                "He",
                "she",
                "SHE",
                "ſhe",
                "xſhe",
                "éhe",
                "_he",
                "he_",
                "he1",
                "the",
                "hers.",
                "Herself!",
                "himselfish",
                "s he",
                "shell",
                "h",
                "",
                "his/her",
                "(s)he",
                "hi",
                "theirs",
                "1she",
                "é she",
                "she's",
                "her-self",
                "herſ",
                "Hıs",
            ]
            .map(str::to_string),
        );
        // Every short string over the letters that matter.
        let alphabet = ["h", "H", "e", "s", "S", "ſ", "r", "i", "m", " ", "_", "é"];
        texts.extend(crate::strings_over(&alphabet, 4));
        let mut found = 0;
        for text in &texts {
            let expected = super::LONE.is_match(text);
            found += usize::from(expected);
            assert_eq!(super::has_lone_pronoun(text), expected, "{text:?}");
        }
        assert!(found > 150, "{found} texts with a pronoun");
    }

    #[test]
    fn a_text_with_a_paired_form_may_hold_one() {
        let mut texts = crate::fixture_lines_and_texts();
        texts.extend(
            [
                "He/She",
                "HIS OR HER",
                "(S)he",
                "s/he",
                "him or her",
                "Himself / Herself",
            ]
            .map(str::to_string),
        );
        let mut paired = 0;
        for text in &texts {
            if super::PAIRED.is_match(text) {
                paired += 1;
                assert!(super::may_hold_paired(text), "{text}");
            }
        }
        assert!(paired > 6, "{paired} texts with a paired form");
    }

    #[test]
    fn neutral_forms() {
        assert_eq!(neutral_form("he/she"), "they");
        assert_eq!(neutral_form("He or she"), "They");
        assert_eq!(neutral_form("his/her"), "their");
        assert_eq!(neutral_form("her/his"), "their");
        assert_eq!(neutral_form("him or her"), "them");
        assert_eq!(neutral_form("his/hers"), "theirs");
        assert_eq!(neutral_form("himself or herself"), "themselves");
        assert_eq!(neutral_form("(s)he"), "they");
        assert_eq!(lone_neutral("His").as_deref(), Some("Their"));
        assert_eq!(lone_neutral("her"), None);
    }
}
