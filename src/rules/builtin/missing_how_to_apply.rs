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

static LINK_OR_ADDRESS: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)https?://(?u:\S)|www\.(?u:\S)|(?:[\w.%+-]|(?u:[^\x00-\x7F]))+@(?:[\w.-]|(?u:[^\x00-\x7F]))+\.[a-z]{2,}|\]\(|\{\{(?u-i:[^}])*(?:apply|url|email|link)(?u-i:[^}])*\}\}|\{%(?u-i:[^%])*apply(?u-i:[^%])*%\}")
        .expect("valid link regex")
});

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
    APPLY_VERB.is_match(text) && (LINK_OR_ADDRESS.is_match(text) || CHANNEL.is_match(text))
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
            LINK_OR_ADDRESS.is_match(t) || CHANNEL.is_match(t) || is_actionable(t)
        });
    }
    doc.blocks()
        .iter()
        .any(|b| is_actionable(doc.slice(b.span.clone())))
}

impl Rule for MissingHowToApply {
    fn prepare(&self) {
        crate::pattern::force(&[&APPLY_HEADING, &APPLY_VERB, &CHANNEL, &LINK_OR_ADDRESS]);
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
                .any(|t| LINK_OR_ADDRESS.is_match(t) || CHANNEL.is_match(t) || is_actionable(t))
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
    use super::{APPLY_HEADING, LINK_OR_ADDRESS};
    use crate::pattern::trim_non_word;

    #[test]
    fn addresses_and_headings_with_accented_letters() {
        assert!(LINK_OR_ADDRESS.is_match("Écrivez à andré.müller@exemple.fr"));
        assert!(LINK_OR_ADDRESS.is_match("send it to jobs@acme.com"));
        assert!(!LINK_OR_ADDRESS.is_match("we meet @ the café"));
        assert!(APPLY_HEADING.is_match(trim_non_word("**Apply for this rôle:**")));
        assert!(!APPLY_HEADING.is_match(trim_non_word("Who may apply")));
    }
}
