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
    fn check(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        for p in &doc.pay().statements {
            if p.bound == Bound::Range && p.min > p.max {
                cx.report(
                    p.span.clone(),
                    format!(
                        "pay range minimum {} is above its maximum {}",
                        figure(p.min),
                        figure(p.max)
                    ),
                )
                .label("minimum above maximum")
                .note("readers cannot tell which figure is right, and a reversed range may be a typo in one of them")
                .help("check both figures and write the lower one first");
            }
        }
    }
}

fn figure(value: f64) -> String {
    if value.fract() == 0.0 {
        // Group thousands for readability: 120000 → 120,000.
        let digits = format!("{value:.0}");
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        out
    } else {
        format!("{value:.2}")
    }
}
