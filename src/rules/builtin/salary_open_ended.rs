//! `salary-open-ended`: flags "up to $X", "from $X", "$X+" instead of a closed range.

use std::sync::Arc;

use crate::document::Document;
use crate::rules::{Context, Rule};
use crate::salary::Bound;

pub(crate) struct SalaryOpenEnded;

impl SalaryOpenEnded {
    pub(crate) fn build(options: &toml::Table) -> Result<Arc<dyn Rule>, String> {
        super::no_options(options)?;
        Ok(Arc::new(Self))
    }
}

impl Rule for SalaryOpenEnded {
    fn prepare(&self) {
        crate::salary::prepare();
    }

    fn check(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        let pay = doc.pay();
        // A range anywhere, or one rendered by a template, answers the question.
        if pay.has_range() {
            return;
        }
        for p in &pay.statements {
            let (message, label, help) = match p.bound {
                Bound::UpTo => (
                    "pay gives only a maximum",
                    "no minimum",
                    "state the lowest pay you would offer as well",
                ),
                Bound::From => (
                    "pay gives only a minimum",
                    "no maximum",
                    "state the highest pay you would offer as well",
                ),
                Bound::Range | Bound::Single => continue,
            };
            cx.report(p.span.clone(), message)
                .label(label)
                .note("open-ended pay such as `up to $X` or `$X+` does not comply with laws that require a range (e.g. New York City, British Columbia)")
                .help(help);
        }
    }
}
