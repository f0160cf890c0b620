//! `template-placeholder`: template residue a posting was published with: `[Company Name]`,
//! `<insert salary>`, `TBD`, `XXX`, `$XX,XXX`, "Lorem ipsum", and (when asked) unrendered
//! template tags such as `{{salary}}`.
//!
//! Template tags are how many postings repos fill in data, so the core treats them as non-prose
//! and this rule leaves them alone unless `flag-template-tags = true` (for repos that publish
//! Markdown as written).

use std::ops::Range;
use std::sync::{Arc, LazyLock};

use regex::Regex;
use serde::Deserialize;

use crate::document::Document;
use crate::rules::{Context, Rule};

/// Bracketed or angle-bracketed placeholders, and stand-in figures and text.
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(concat!(
        r"(?i:\[\s*(?:insert|add|enter|company|client|your|job|role|team|hiring\s+manager|location|city",
        r"|salary|pay|date|deadline|name|position|title|department|link|url|email)[^\]\n]{0,40}\])",
        r"|(?i:<\s*insert[^>\n]{0,40}>)",
        r"|(?-u:\b)(?:TBD|TBC|XXX+)(?-u:\b)",
        r"|[$€£]\s?X{1,3}(?:[,.]X{3})+|[$€£]\s?XX+(?-u:\b)K?",
        r"|(?i:(?-u:\b)lorem\s+ipsum(?-u:\b))",
    ))
    .expect("valid placeholder regex")
});

/// A template tag: `{{ ... }}` or `{% ... %}`.
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"\{\{[^{}\n]{1,200}\}\}|\{%[^%\n]{1,200}%\}").expect("valid tag regex")
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
            for m in PLACEHOLDER.find_iter(block) {
                let hit = span.start + m.start()..span.start + m.end();
                // `[Company Name](https://…)` is a link, not a placeholder.
                if m.as_str().starts_with('[') && text[hit.end..].starts_with(['(', '[', ':']) {
                    continue;
                }
                // Code shows placeholders on purpose and template tags are data (`{% if
                // page.opens == 'TBD' %}`); `<insert …>` is raw HTML to the Markdown parser, so
                // for it only code counts as a reason to skip.
                let skip = if m.as_str().starts_with('<') {
                    in_code(doc, &hit)
                } else {
                    fm_title.as_ref() != Some(&span) && doc.is_non_prose(&hit)
                };
                if skip {
                    continue;
                }
                cx.report(hit, format!("`{}` looks like a placeholder left from a template", m.as_str()))
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
