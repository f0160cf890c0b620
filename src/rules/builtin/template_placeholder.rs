//! `template-placeholder`: template residue a posting was published with: `[Company Name]`,
//! `<insert salary>`, `TBD`, `XXX`, `$XX,XXX`, "Lorem ipsum", and (when asked) unrendered
//! template tags such as `{{salary}}`.
//!
//! Template tags are how many postings repos fill in data, so the core treats them as non-prose
//! and this rule leaves them alone unless `flag-template-tags = true` (for repos that publish
//! Markdown as written).

use std::ops::Range;
use std::sync::{Arc, LazyLock};

use crate::pattern::Pattern;
use serde::Deserialize;

use crate::document::Document;
use crate::rules::{Context, Rule};

/// Bracketed or angle-bracketed placeholders, and stand-in figures and text. The text after the
/// keyword in brackets may run to [`MAX_BRACKET_TAIL`] characters; the limit is checked in Rust,
/// since a bounded repetition of a Unicode class makes the automaton slow to build.
static PLACEHOLDER: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(concat!(
        r"(?i:\[\s*(?:insert|add|enter|company|client|your|job|role|team|hiring\s+manager|location|city",
        r"|salary|pay|date|deadline|name|position|title|department|link|url|email))(?P<tail>(?u:[^\]\n])*)\]",
        r"|(?i:<\s*insert)(?P<angle_tail>(?u:[^>\n])*)>",
        r"|(?-u:\b)(?:TBD|TBC|XXX+)(?-u:\b)",
        r"|(?:\$|€|£)\s?X{1,3}(?:[,.]X{3})+|(?:\$|€|£)\s?XX+(?-u:\b)K?",
        r"|(?i:(?-u:\b)lorem\s+ipsum(?-u:\b))",
    ))
    .expect("valid placeholder regex")
});

/// The most characters between a bracketed placeholder's keyword and its closing bracket.
const MAX_BRACKET_TAIL: usize = 40;

/// The placeholders in `text`, left to right, as [`PLACEHOLDER`] finds them with brackets no
/// longer than [`MAX_BRACKET_TAIL`] allows. A bracket too long is passed over, and the search
/// goes on inside it.
fn placeholders(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        while let Some(m) = PLACEHOLDER.find_at(text, at) {
            // Only a bracket has a tail to measure; the groups cost a second search.
            let tail_too_long = m.as_str().starts_with(['[', '<'])
                && PLACEHOLDER
                    .captures_at(text, m.start())
                    .is_some_and(|caps| {
                        caps.name("tail")
                            .or_else(|| caps.name("angle_tail"))
                            .is_some_and(|t| t.as_str().chars().count() > MAX_BRACKET_TAIL)
                    });
            if tail_too_long {
                at = m.start() + 1;
                continue;
            }
            at = m.end().max(m.start() + 1);
            return Some(m.range());
        }
        None
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
        crate::pattern::force(&[&PLACEHOLDER]);
    }

    fn check(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        let mut spans: Vec<Range<usize>> = doc.blocks().iter().map(|b| b.span.clone()).collect();
        // A title from front matter is checked too, though front matter is not prose.
        let fm_title = doc
            .title()
            .filter(|t| t.source == crate::document::TitleSource::FrontMatter)
            .map(|t| t.span.clone());
        spans.extend(fm_title.clone());
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
                    fm_title.as_ref() != Some(&span) && doc.is_non_prose(&hit)
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
    use super::placeholders;

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
