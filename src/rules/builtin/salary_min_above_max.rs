//! `salary-min-above-max`: flags a pay range whose minimum is above its maximum.

use std::sync::Arc;

use crate::document::Document;
use crate::rules::{Context, Rule};
use crate::salary::Bound;

pub(crate) struct SalaryMinAboveMax;

impl SalaryMinAboveMax {
    pub(crate) fn build(options: &toml::Table) -> Result<Arc<dyn Rule>, String> {
        super::no_options(options)?;
        Ok(Arc::new(Self))
    }
}

impl Rule for SalaryMinAboveMax {
    fn prepare(&self) {
        crate::salary::prepare();
    }

    fn check(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        for p in &doc.pay().statements {
            if p.bound == Bound::Range && p.min > p.max {
                cx.report(
                    p.span.clone(),
                    format!(
                        "pay range minimum {} is above its maximum {}",
                        crate::salary::figure(p.min),
                        crate::salary::figure(p.max)
                    ),
                )
                .label("minimum above maximum")
                .note("readers cannot tell which figure is right, and a reversed range may be a typo in one of them")
                .help("check both figures and write the lower one first");
            }
        }
    }
}
