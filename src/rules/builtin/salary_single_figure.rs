//! `salary-single-figure`: flags pay given as one figure where a range is expected.

use std::sync::Arc;

use crate::document::Document;
use crate::rules::{Context, Rule};
use crate::salary::Bound;

pub(crate) struct SalarySingleFigure;

impl SalarySingleFigure {
    pub(crate) fn build(options: &toml::Table) -> Result<Arc<dyn Rule>, String> {
        super::no_options(options)?;
        Ok(Arc::new(Self))
    }
}

impl Rule for SalarySingleFigure {
    fn prepare(&self) {
        crate::salary::prepare();
    }

    fn check(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        let pay = doc.pay();
        // A range anywhere, or one rendered by a template, answers the question.
        if pay.has_range() {
            return;
        }
        for p in pay.statements.iter().filter(|p| p.bound == Bound::Single) {
            cx.report(p.span.clone(), "pay is a single figure, not a range")
                .label("one figure")
                .note("a range tells applicants where they could land; several pay-transparency laws require a minimum and a maximum")
                .help("give the lowest and highest pay you would offer, or say that the pay is fixed");
        }
    }
}
