//! `missing-how-to-apply`: flags postings that never tell the reader how to apply, and apply
//! sections that give no link, address or instruction.

use std::ops::Range;
use std::sync::{Arc, LazyLock};

use crate::pattern::Pattern;
use serde::Deserialize;

use crate::document::Document;
use crate::rules::{Context, Rule};

/// Headings of an apply section (without the punctuation at their ends). "Who may apply" is
/// about eligibility and does not count.
static APPLY_HEADING: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(concat!(
        r"(?i)^(?:how\s+(?:to|do\s+i|can\s+i)\s+apply|to\s+apply|apply(?:ing)?(?:\s+(?:now|today|here|for\s+this\s+(?:\w|(?u:[^\x00-\x7F]))+))?",
        r"|application(?:\s+(?:process|instructions|procedure|details))?|how\s+to\s+submit|next\s+steps",
        r"|interested|ready\s+to\s+apply|sound\s+like\s+you|think\s+you(?:'re|’re|\s+are)\s+a\s+fit)$",
    ))
    .expect("valid apply-heading regex")
});

/// A verb of applying.
static APPLY_VERB: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)(?-u:\b)(?:apply|applications?|send|e-?mail|submit|upload|forward|contact|reach\s+out|write\s+to|click)(?-u:\b)")
        .expect("valid apply-verb regex")
});

/// A place to apply without a link in the text.
static CHANNEL: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(concat!(
        r"(?i)(?-u:\b)(?:careers?\s+(?:page|site|portal|website)|job\s+(?:portal|board|page)|applicant\s+portal|portal",
        r"|application\s+form|online\s+form|form\s+(?:below|above)|USAJOBS|Greenhouse|Lever|Workday|Workable",
        r"|SmartRecruiters|Ashby|BambooHR|Teamtailor|our\s+website|(?:apply|application)\s+button",
        r"|(?:button|link)\s+(?:below|above)|in\s+person\s+at|by\s+(?:post|mail)\s+to)(?-u:\b)",
    ))
    .expect("valid channel regex")
});

/// A link, an e-mail address, a Markdown link target or a template's apply link: the
/// alternatives of `LINK_OR_ADDRESS_PATTERN` (in the tests), each its own pattern. Together their DFA is over
/// the table's limit, so the whole was compiled on the meta engine in four postings of ten (1.5 M
/// instructions, more than linting an 18 KB posting otherwise costs); apart, each is
/// precompiled. Only whether any matches is asked.
static LINK: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)https?://(?u:\S)|www\.(?u:\S)|\]\(").expect("valid link regex")
});

static ADDRESS: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(
        r"(?i)(?:[\w.%+-]|(?u:[^\x00-\x7F]))+@(?:[\w.-]|(?u:[^\x00-\x7F]))+\.[a-z]{2,}",
    )
    .expect("valid address regex")
});

static TEMPLATE_LINK: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)\{\{(?u-i:[^}])*(?:apply|url|email|link)(?u-i:[^}])*\}\}|\{%(?u-i:[^%])*apply(?u-i:[^%])*%\}")
        .expect("valid template-link regex")
});

/// What [`link_or_address`] finds, as one pattern.
#[cfg(test)]
const LINK_OR_ADDRESS_PATTERN: &str = r"(?i)https?://(?u:\S)|www\.(?u:\S)|(?:[\w.%+-]|(?u:[^\x00-\x7F]))+@(?:[\w.-]|(?u:[^\x00-\x7F]))+\.[a-z]{2,}|\]\(|\{\{(?u-i:[^}])*(?:apply|url|email|link)(?u-i:[^}])*\}\}|\{%(?u-i:[^%])*apply(?u-i:[^%])*%\}";

/// Whether `text` holds a link or an address to apply at.
fn link_or_address(text: &str) -> bool {
    LINK.is_match(text) || ADDRESS.is_match(text) || TEMPLATE_LINK.is_match(text)
}

/// Front-matter fields that state how to apply, or that name a posting in an applicant
/// tracking system whose apply form the site's layout renders (`leverId` in Hugo sites).
const APPLY_FIELDS: &[&str] = &[
    "lever_id",
    "leverid",
    "greenhouse_id",
    "gh_jid",
    "ashby_id",
    "workable_id",
    "smartrecruiters_id",
    "apply_url",
    "apply_link",
    "apply_email",
    "application_url",
    "application_link",
    "application_email",
    "how_to_apply",
    "apply",
    "apply_to",
];

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    /// More front-matter fields that mean the site renders an apply link or form.
    extend_fields: Vec<String>,
}

pub(crate) struct MissingHowToApply {
    fields: Vec<String>,
}

impl MissingHowToApply {
    pub(crate) fn build(options: &toml::Table) -> Result<Arc<dyn Rule>, String> {
        let options: Options = super::options(options)?;
        let fields = APPLY_FIELDS
            .iter()
            .map(ToString::to_string)
            .chain(options.extend_fields)
            .collect();
        Ok(Arc::new(Self { fields }))
    }
}

/// Whether a piece of text tells the reader how to apply.
fn is_actionable(text: &str) -> bool {
    APPLY_VERB.is_match(text) && (link_or_address(text) || CHANNEL.is_match(text))
}

/// Whether the posting says how to apply, with the built-in front-matter fields: an apply field,
/// an apply section with a link, address or channel, or an actionable sentence anywhere.
pub(crate) fn says_how_to_apply(doc: &Document<'_>) -> bool {
    if doc.field(APPLY_FIELDS).is_some() {
        return true;
    }
    if let Some(section) = doc.find_section(&APPLY_HEADING) {
        return doc.section_body(&section).iter().any(|b| {
            let t = doc.slice(b.span.clone());
            link_or_address(t) || CHANNEL.is_match(t) || is_actionable(t)
        });
    }
    doc.blocks()
        .iter()
        .any(|b| is_actionable(doc.slice(b.span.clone())))
}

impl Rule for MissingHowToApply {
    fn prepare(&self) {
        crate::pattern::force(&[
            &APPLY_HEADING,
            &APPLY_VERB,
            &CHANNEL,
            &LINK,
            &ADDRESS,
            &TEMPLATE_LINK,
        ]);
    }

    fn check(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        let fields: Vec<&str> = self.fields.iter().map(String::as_str).collect();
        let from_front_matter = doc.field(&fields).is_some();
        let section = doc.find_section(&APPLY_HEADING);
        if let Some(section) = section {
            let body = doc.section_body(&section);
            let body_text: Vec<&str> = body.iter().map(|b| doc.slice(b.span.clone())).collect();
            // In an apply section, a link, an address or a channel alone is enough.
            if body_text
                .iter()
                .any(|t| link_or_address(t) || CHANNEL.is_match(t) || is_actionable(t))
                || from_front_matter
            {
                return;
            }
            let heading: Range<usize> = doc.blocks()[section.heading].span.clone();
            cx.report(heading, "apply section does not say how to apply")
                .label("no link, address or steps here")
                .note("a reader who has decided to apply must not have to search for how")
                .help("give the link or address to apply at and what to send, e.g. `Send your CV to jobs@example.com`");
            return;
        }
        if from_front_matter {
            return;
        }
        if doc
            .blocks()
            .iter()
            .any(|b| is_actionable(doc.slice(b.span.clone())))
        {
            return;
        }
        cx.report(doc.anchor(), "posting does not say how to apply")
            .document_level()
            .label("no way to apply for this role")
            .note("a reader who has decided to apply must not have to search for how")
            .help("add a `How to apply` section with the link or address and what to send");
    }
}

#[cfg(test)]
mod tests {
    use super::{APPLY_HEADING, LINK_OR_ADDRESS_PATTERN, link_or_address};
    use crate::pattern::trim_non_word;

    #[test]
    fn addresses_and_headings_with_accented_letters() {
        assert!(link_or_address("Écrivez à andré.müller@exemple.fr"));
        assert!(link_or_address("send it to jobs@acme.com"));
        assert!(!link_or_address("we meet @ the café"));
        assert!(APPLY_HEADING.is_match(trim_non_word("**Apply for this rôle:**")));
        assert!(!APPLY_HEADING.is_match(trim_non_word("Who may apply")));
    }

    /// The three patterns find a link or an address exactly where the one they were split
    /// from does: on every line and whole text of every fixture, and on edge cases.
    #[test]
    fn split_patterns_agree_with_the_whole() {
        let whole = crate::pattern::builtin_meta(LINK_OR_ADDRESS_PATTERN).unwrap();
        let edge_cases = [
            "see https://example.com/jobs",
            "HTTP://EXAMPLE.COM",
            "https:// example.com",
            "http://",
            "go to WWW.example.org",
            "www. example",
            "mail JOBS@ACME.IO today",
            "jobs@acme.c",
            "jobs@acme.co",
            "@acme.com",
            "a@.co",
            "a@b.co",
            "a@b..co",
            "é@ü.fr",
            "x@y.Z9",
            "[apply](/jobs)",
            "](",
            "{{ apply_url }}",
            "{{ site.URL }}",
            "{{ title }}",
            "{{ apply } }}",
            "{% include apply.html %}",
            "{% include APPLY.html %}",
            "{% include form.html %}",
            "{% apply %",
            "",
        ];
        let texts = crate::fixture_lines_and_texts();
        for text in texts.iter().map(String::as_str).chain(edge_cases) {
            assert_eq!(link_or_address(text), whole.is_match(text), "{text:?}");
        }
    }
}
