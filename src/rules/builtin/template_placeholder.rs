//! `template-placeholder`: template residue a posting was published with: `[Company Name]`,
//! `<insert salary>`, `TBD`, `XXX`, `$XX,XXX`, "Lorem ipsum", and (when asked) unrendered
//! template tags such as `{{salary}}`.
//!
//! Template tags are how many postings repos fill in data, so the core treats them as non-prose
//! and this rule leaves them alone unless `flag-template-tags = true` (for repos that publish
//! Markdown as written).

use std::ops::Range;
use std::sync::{Arc, LazyLock};

use crate::pattern::{Needle, Pattern};
use serde::Deserialize;

use crate::document::Document;
use crate::rules::{Context, Rule};

/// Bracketed and angle-bracketed placeholders: half of the half of the placeholders that
/// ignores case, "lorem ipsum" ([`LOREM`]) being the other. A match starts at a `[` or `<` and
/// ends at the first `]` or `>` after it ([`first_bracketed`]). The text after the keyword may
/// run to [`MAX_BRACKET_TAIL`] characters; the limit is checked in Rust, since a bounded
/// repetition of a Unicode class makes the automaton slow to build.
static BRACKETED: LazyLock<Pattern> =
    LazyLock::new(|| crate::pattern::regex(BRACKETED_PATTERN).expect("valid placeholder regex"));

const BRACKETED_PATTERN: &str = concat!(
    r"(?i:\[\s*(?:insert|add|enter|company|client|your|job|role|team|hiring\s+manager|location|city",
    r"|salary|pay|date|deadline|name|position|title|department|link|url|email))(?P<tail>(?u:[^\]\n])*)\]",
    r"|(?i:<\s*insert)(?P<angle_tail>(?u:[^>\n])*)>",
);

/// "Lorem ipsum", searched for only in a text that holds `lorem` in some case.
static LOREM: LazyLock<Pattern> =
    LazyLock::new(|| crate::pattern::regex(LOREM_PATTERN).expect("valid placeholder regex"));

const LOREM_PATTERN: &str = r"(?i:(?-u:\b)lorem\s+ipsum(?-u:\b))";

/// `TBD`, `TBC`, `XXX` and stand-in figures (`$XX,XXX`): the half that tells cases apart. Every
/// match holds `TB` or `XX`, so a text with neither is not searched. One automaton for both
/// halves would be four times the size of the two, since it tracks every pairing of their
/// states; and their matches cannot start at the same place (they start with different
/// characters), so the leftmost of the two is the one a single pattern would find.
static CASED: LazyLock<Pattern> =
    LazyLock::new(|| crate::pattern::regex(CASED_PATTERN).expect("valid placeholder regex"));

const CASED_PATTERN: &str = concat!(
    r"(?-u:\b)(?:TBD|TBC|XXX+)(?-u:\b)",
    r"|(?:\$|€|£)\s?X{1,3}(?:[,.]X{3})+|(?:\$|€|£)\s?XX+(?-u:\b)K?",
);

/// The most characters between a bracketed placeholder's keyword and its closing bracket.
const MAX_BRACKET_TAIL: usize = 40;

/// The placeholders in `text`, left to right: the leftmost match of the three parts
/// ([`BRACKETED`], [`LOREM`], [`CASED`]), with brackets no longer than [`MAX_BRACKET_TAIL`]
/// allows. A bracket too long is passed over, and the search goes on inside it. The parts'
/// matches start with different characters, so the leftmost of them is what one pattern over
/// all three would find.
fn placeholders(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    static LOREM_WORD: Needle = Needle::new(|| memchr::memmem::Finder::new(b"lorem"));
    // `TB` or `XX`, found in one pass over the capital Ts and Xs. (`regex_holding` does this
    // for one caseless literal on the meta engine; CASED is precompiled and tells cases apart.)
    let bytes = text.as_bytes();
    let cased = memchr::memchr2_iter(b'T', b'X', bytes).any(|i| {
        matches!(
            (bytes[i], bytes.get(i + 1)),
            (b'T', Some(b'B')) | (b'X', Some(b'X'))
        )
    });
    let lorem = LOREM_WORD.find(&crate::automata::lowered(text)).is_some();
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            // Every part is searched again after each placeholder; placeholders are rare.
            let bracketed = first_bracketed(text, at);
            let lorem = if lorem {
                LOREM.find_at(text, at).map(|m| m.range())
            } else {
                None
            };
            let worded = match (bracketed, lorem) {
                (Some(b), Some(l)) if l.start < b.start => Some(l),
                (b, l) => b.or(l),
            };
            let cased = if cased {
                CASED.find_at(text, at).map(|m| m.range())
            } else {
                None
            };
            let m = match (worded, cased) {
                (Some(w), Some(c)) if c.start < w.start => c,
                (w, c) => w.or(c)?,
            };
            // Only a bracket has a tail to measure; the groups cost a second search.
            let tail_too_long = text[m.clone()].starts_with(['[', '<'])
                && BRACKETED.captures_at(text, m.start).is_some_and(|caps| {
                    caps.name("tail")
                        .or_else(|| caps.name("angle_tail"))
                        .is_some_and(|t| t.as_str().chars().count() > MAX_BRACKET_TAIL)
                });
            if tail_too_long {
                at = m.start + 1;
                continue;
            }
            at = m.end.max(m.start + 1);
            return Some(m);
        }
    })
}

/// The leftmost match of [`BRACKETED`] in `text` at or after `at`. A match starts at a `[` or
/// `<` and ends at the first `]` or `>` after it, and the pattern looks at nothing around it: so
/// it is searched for from each `[` and `<`, up to there alone, and not over the whole text.
fn first_bracketed(text: &str, at: usize) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'[', b'<', &bytes[at..])
        .map(|i| at + i)
        .find_map(|open| {
            let close = if bytes[open] == b'[' { b']' } else { b'>' };
            let end = open + memchr::memchr(close, &bytes[open..])? + 1;
            BRACKETED.find_at(&text[..end], open).map(|m| m.range())
        })
}

/// A template tag: `{{ ... }}` or `{% ... %}`.
static TAG: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(r"\{\{(?u:[^{}\n]){1,200}\}\}|\{%(?u:[^%\n]){1,200}%\}")
        .expect("valid tag regex")
});

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    flag_template_tags: bool,
}

pub(crate) struct TemplatePlaceholder {
    flag_template_tags: bool,
}

impl TemplatePlaceholder {
    pub(crate) fn build(options: &toml::Table) -> Result<Arc<dyn Rule>, String> {
        let options: Options = super::options(options)?;
        Ok(Arc::new(Self {
            flag_template_tags: options.flag_template_tags,
        }))
    }
}

impl Rule for TemplatePlaceholder {
    fn prepare(&self) {
        crate::pattern::force(&[&BRACKETED, &LOREM, &CASED]);
    }

    fn check(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        let mut spans: Vec<Range<usize>> = doc.blocks().iter().map(|b| b.span.clone()).collect();
        // A title from front matter is checked too (it is the one part of front matter that
        // is prose).
        spans.extend(doc.front_matter_title().map(|t| t.span.clone()));
        spans.sort_by_key(|s| (s.start, s.end));
        spans.dedup();
        let text = doc.text();
        for span in spans {
            let block = &text[span.clone()];
            for m in placeholders(block) {
                let matched = &block[m.clone()];
                let hit = span.start + m.start..span.start + m.end;
                // `[Company Name](https://…)` is a link, not a placeholder.
                if matched.starts_with('[') && text[hit.end..].starts_with(['(', '[', ':']) {
                    continue;
                }
                // Code shows placeholders on purpose and template tags are data (`{% if
                // page.opens == 'TBD' %}`); `<insert …>` is raw HTML to the Markdown parser, so
                // for it only code counts as a reason to skip.
                let skip = if matched.starts_with('<') {
                    in_code(doc, &hit)
                } else {
                    doc.is_non_prose(&hit)
                };
                if skip {
                    continue;
                }
                cx.report(hit, format!("`{matched}` looks like a placeholder left from a template"))
                    .label("placeholder")
                    .note("a published posting with template text in it looks unfinished and hides what the reader needs")
                    .help("replace it with the real text, or delete it");
            }
            if self.flag_template_tags {
                for m in TAG.find_iter(block) {
                    let hit = span.start + m.start()..span.start + m.end();
                    cx.report(hit, format!("`{}` is an unrendered template tag", m.as_str()))
                        .label("template tag")
                        .note("`flag-template-tags` is on: this repository publishes its Markdown as written")
                        .help("replace the tag with its value");
                }
            }
        }
    }
}

/// Whether `span` is inside inline code: a backtick before it on its line and after it.
fn in_code(doc: &Document<'_>, span: &Range<usize>) -> bool {
    let text = doc.text();
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    let before = text[line_start..span.start].matches('`').count();
    before % 2 == 1 && text[span.end..line_end].contains('`')
}

#[cfg(test)]
mod tests {
    use super::{MAX_BRACKET_TAIL, placeholders};

    /// The placeholders as one pattern over all three parts finds them: what reading the parts
    /// side by side must find.
    fn placeholders_in_one_pattern(text: &str) -> Vec<std::ops::Range<usize>> {
        let one = crate::pattern::builtin_meta(&format!(
            "{}|{}|{}",
            super::BRACKETED_PATTERN,
            super::LOREM_PATTERN,
            super::CASED_PATTERN
        ))
        .expect("compiles");
        let tail = |caps: &regex_automata::util::captures::Captures, name: &str| {
            caps.get_group_by_name(name)
                .map(|span| text[span.range()].chars().count())
        };
        let mut found = Vec::new();
        let mut at = 0;
        while let Some(m) = one.search(&regex_automata::Input::new(text).range(at..)) {
            let mut caps = one.create_captures();
            one.search_captures(
                &regex_automata::Input::new(text).range(m.start()..),
                &mut caps,
            );
            let long = tail(&caps, "tail")
                .or_else(|| tail(&caps, "angle_tail"))
                .is_some_and(|n| n > MAX_BRACKET_TAIL);
            if long {
                at = m.start() + 1;
                continue;
            }
            at = m.end().max(m.start() + 1);
            found.push(m.range());
        }
        found
    }

    #[test]
    fn the_parts_find_what_one_pattern_finds() {
        let mut texts: Vec<String> = crate::fixture_lines_and_texts();
        let long = "x".repeat(45);
        texts.extend([
            "TBD [insert TBD here] $XX,XXX <insert TBC> Lorem ipsum XXXX €XXK".to_string(),
            format!("[insert {long} TBD] <insert {long} XXX> [insert] TBDX xTBD $ XXX.XXX"),
            "[Insert name]TBD<insert>$XX lorem  ipsum, TBC.".to_string(),
            "ATBD TB XX £ XX [insert\nTBD] tbd xxx".to_string(),
            "[a <insert x> b] [ \n insert x] <insert x ] y> [[insert]] <<insert>> [insert x"
                .to_string(),
            "[link](https://x.y) [Insert name] LOREM IPSUM lorem-ipsum Lorem\nIpsum <insert"
                .to_string(),
        ]);
        let mut found = 0;
        for text in &texts {
            let expected = placeholders_in_one_pattern(text);
            found += expected.len();
            assert_eq!(placeholders(text).collect::<Vec<_>>(), expected, "{text:?}");
        }
        assert!(found > 20, "placeholders found: {found}");
    }

    #[test]
    fn long_brackets_are_passed_over_and_searched_inside() {
        let text = "[Insert São Paulo office] then [insert a whole paragraph about the company and its \
                    long history, TBD] and <insert año>";
        let found: Vec<&str> = placeholders(text).map(|r| &text[r]).collect();
        assert_eq!(found, ["[Insert São Paulo office]", "TBD", "<insert año>"]);
        // Forty characters after the keyword are allowed, forty-one are not.
        let at_limit = format!("[insert{}]", "é".repeat(40));
        assert_eq!(placeholders(&at_limit).count(), 1);
        assert_eq!(
            placeholders(&format!("[insert{}]", "é".repeat(41))).count(),
            0
        );
    }
}
