//! `scraped-page-noise`: text that came along when a posting was copied from a web page:
//! navigation ("Back to top"), site widgets ("Recent Articles", "Share this job"), cookie
//! banners, a hiring service's advert, and contact blocks of phone numbers.
//!
//! Precision first: a phrase counts only when it is a whole block or line on its own, which is
//! how page chrome lands in a copied posting; the same words inside a sentence are left alone.
//! Phone numbers count only as a block of three or more international numbers close together.

use std::ops::Range;
use std::sync::{Arc, LazyLock};

use crate::pattern::{Pattern, trim_non_word};

use crate::document::Document;
use crate::rules::{Context, Rule};

/// A line that is nothing but page chrome, once [`trim_non_word`] has taken the punctuation and
/// bullets off its ends.
static NOISE_LINE: LazyLock<Pattern> =
    LazyLock::new(|| crate::pattern::regex(NOISE_LINE_PATTERN).expect("valid noise-line regex"));

const NOISE_LINE_PATTERN: &str = concat!(
    r"(?i)^(?:back to top|scroll to top|share this (?:job|post|posting|article|page)",
    r"|recent (?:articles|posts|news)|related (?:jobs|articles|posts)|more jobs like this",
    r"|start hiring for free|hire (?:talent|developers) (?:now|today)|visit (?:our )?blog",
    r"|drop us a line|drop a line|skip to (?:main )?content|accept (?:all )?cookies",
    r"|cookie (?:settings|policy|preferences)|subscribe to our newsletter|sign up for job alerts",
    r"|all rights reserved|read more|load more",
    r"|previous (?:post|article)|next (?:post|article)|categories|follow us)$",
);

/// The start of a chrome line that runs on ("We use cookies to…", "Copyright © 2024 Acme"),
/// after the punctuation and bullets at its start. "© 2024" is matched in Rust, since `©` is
/// itself punctuation.
static NOISE_START: LazyLock<Pattern> =
    LazyLock::new(|| crate::pattern::regex(NOISE_START_PATTERN).expect("valid noise-start regex"));

const NOISE_START_PATTERN: &str = r"(?i)^(?:we use cookies|copyright\s+©?\s*\d{4}|follow us on\s)";

/// The letters [`NOISE_LINE`]'s phrases start with.
const NOISE_LINE_FIRSTS: &[u8] = b"abcdfhlmnprsv";

/// The letters [`NOISE_START`]'s phrases start with.
const NOISE_START_FIRSTS: &[u8] = b"cfw";

/// Whether `text` can start with a letter of `firsts` (lowercase), ignoring case as the
/// patterns do: its first byte is one of them in either case, or starts a character that is not
/// ASCII (`ſ` matches `s` then). Most lines start otherwise, and skip the regex.
fn may_start_with(text: &str, firsts: &[u8]) -> bool {
    text.as_bytes()
        .first()
        .is_some_and(|&b| !b.is_ascii() || firsts.contains(&b.to_ascii_lowercase()))
}

/// Whether `line` (one line, no line break) is page chrome.
fn is_noise(line: &str) -> bool {
    let phrase = trim_non_word(line);
    if may_start_with(phrase, NOISE_LINE_FIRSTS) && NOISE_LINE.is_match(phrase) {
        return true;
    }
    let rest = line.trim_start_matches(|c: char| !(c.is_alphanumeric() || c == '_'));
    let lead = &line[..line.len() - rest.len()];
    (may_start_with(rest, NOISE_START_FIRSTS) && NOISE_START.is_match(rest))
        || (lead.trim_end().ends_with('©')
            && rest.len() >= 4
            && rest.as_bytes()[..4].iter().all(u8::is_ascii_digit))
}

/// An international phone number: `+1 (415) 799-11-13`, `+32 466 90 10 63`.
static PHONE: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(r"\+\d{1,3}[\s.-]*\(?\d{2,4}\)?(?:[\s.-]*\d{2,4}){2,3}")
        .expect("valid phone regex")
});

/// Phone numbers this close together form a contact block.
const PHONE_BLOCK_GAP: usize = 200;

pub(crate) struct ScrapedPageNoise;

impl ScrapedPageNoise {
    pub(crate) fn build(options: &toml::Table) -> Result<Arc<dyn Rule>, String> {
        super::no_options(options)?;
        Ok(Arc::new(Self))
    }
}

impl Rule for ScrapedPageNoise {
    fn prepare(&self) {
        crate::pattern::force(&[&NOISE_LINE, &NOISE_START, &PHONE]);
    }

    fn check(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        for block in doc.blocks() {
            let text = doc.slice(block.span.clone());
            // Lines found with the vectorised `memchr`: `split_inclusive` looks for each line
            // break afresh, which cost a third of this rule's time.
            let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
            let mut offset = 0;
            for end in ends {
                let line = &text[offset..end];
                let start = block.span.start + offset;
                offset = end + 1;
                let trimmed = line.trim_end();
                if trimmed.len() > 120 || !is_noise(trimmed) {
                    continue;
                }
                let lead = trimmed.len() - trimmed.trim_start().len();
                let span = start + lead..start + trimmed.len();
                if doc.is_non_prose(&span) {
                    continue;
                }
                let words = doc.slice(span.clone()).to_string();
                cx.report(span, format!("`{words}` looks like text from the web page the posting was copied from"))
                    .label("page chrome, not posting")
                    .note("navigation, widgets and adverts copied along with a posting confuse readers and job boards")
                    .help("delete it");
            }
        }
        for span in phone_blocks(doc) {
            cx.report(span, "a block of phone numbers looks like a contact section copied from a web page")
                .label("contact block")
                .note("a posting says how to apply; a company's list of office phone numbers is page chrome")
                .help("delete it, and say how to apply instead");
        }
    }
}

/// Runs of three or more international phone numbers in prose, each within
/// [`PHONE_BLOCK_GAP`] bytes of the last.
fn phone_blocks(doc: &Document<'_>) -> Vec<Range<usize>> {
    let text = doc.text();
    let numbers: Vec<Range<usize>> = PHONE
        .find_iter(text)
        .map(|m| m.range())
        .filter(|r| !doc.is_non_prose(r))
        .collect();
    let mut blocks = Vec::new();
    let mut run: Vec<&Range<usize>> = Vec::new();
    for number in &numbers {
        if run
            .last()
            .is_some_and(|last| number.start > last.end + PHONE_BLOCK_GAP)
        {
            if run.len() >= 3 {
                blocks.push(run[0].start..run[run.len() - 1].end);
            }
            run.clear();
        }
        run.push(number);
    }
    if run.len() >= 3 {
        blocks.push(run[0].start..run[run.len() - 1].end);
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first bytes `pattern` can match, ASCII letters lowercased.
    fn first_bytes(pattern: &str) -> Vec<u8> {
        use regex_syntax::hir::literal::{ExtractKind, Extractor};
        let hir = regex_syntax::parse(pattern).expect("parses");
        let mut extractor = Extractor::new();
        extractor.kind(ExtractKind::Prefix).limit_literal_len(1);
        let literals = extractor.extract(&hir);
        let mut firsts: Vec<u8> = literals
            .literals()
            .expect("a finite set of first bytes")
            .iter()
            .map(|l| l.as_bytes()[0].to_ascii_lowercase())
            .collect();
        firsts.sort_unstable();
        firsts.dedup();
        firsts
    }

    #[test]
    fn the_first_letters_are_those_the_patterns_start_with() {
        for (pattern, firsts) in [
            (NOISE_LINE_PATTERN, NOISE_LINE_FIRSTS),
            (NOISE_START_PATTERN, NOISE_START_FIRSTS),
        ] {
            let ascii: Vec<u8> = first_bytes(pattern)
                .into_iter()
                .filter(u8::is_ascii)
                .collect();
            assert_eq!(ascii, firsts, "{pattern}");
        }
        assert!(may_start_with("ſhare this job", NOISE_LINE_FIRSTS));
        assert!(may_start_with("Back to top", NOISE_LINE_FIRSTS));
        assert!(!may_start_with("Experience with Go", NOISE_LINE_FIRSTS));
        assert!(!may_start_with("", NOISE_START_FIRSTS));
    }
}
