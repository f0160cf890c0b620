//! `missing-salary-range`: flags postings that never state pay in figures.

use std::sync::{Arc, LazyLock};

use crate::pattern::Pattern;

use crate::document::Document;
use crate::rules::{Context, Rule};
use crate::salary::VAGUE_PAY;

/// Headings under which a reader looks for pay.
pub(crate) static PAY_HEADING: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)(?-u:\b)(?:salary|salaries|compensation|pay|remuneration|wages?|benefits|perks|what we offer)(?-u:\b)")
        .expect("valid pay-heading regex")
});

pub(crate) struct MissingSalaryRange;

impl MissingSalaryRange {
    pub(crate) fn build(options: &toml::Table) -> Result<Arc<dyn Rule>, String> {
        super::no_options(options)?;
        Ok(Arc::new(Self))
    }
}

impl Rule for MissingSalaryRange {
    fn prepare(&self) {
        crate::salary::prepare();
        crate::pattern::force(&[&PAY_HEADING]);
    }

    fn check(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        let pay = doc.pay();
        if !pay.statements.is_empty() || pay.from_template {
            return;
        }
        let vague = doc.blocks().iter().find_map(|b| {
            VAGUE_PAY
                .find(doc.slice(b.span.clone()))
                .map(|m| b.span.start + m.start()..b.span.start + m.end())
                .filter(|span| !doc.is_non_prose(span))
        });
        if let Some(span) = vague {
            let words = doc.slice(span.clone()).to_string();
            cx.report(span, format!("pay is described as `{words}` with no figures"))
                .label("no pay range here")
                .note("postings that state pay get more applicants, and many places require a range by law")
                .help("state the range, e.g. `$90,000–$110,000 per year`");
            return;
        }
        let section = doc.find_section(&PAY_HEADING);
        let anchor = section.map_or_else(|| doc.anchor(), |s| doc.blocks()[s.heading].span.clone());
        let label = if section.is_some() {
            "this section states no pay range"
        } else {
            "no pay range for this role"
        };
        cx.report(anchor, "posting has no salary range")
            .document_level()
            .label(label)
            .note("postings that state pay get more applicants, and many places require a range by law")
            .help("add a line such as `Salary: $90,000–$110,000 per year`");
    }
}
