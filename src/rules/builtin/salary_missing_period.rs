//! `salary-missing-period`: flags pay figures that do not say per hour, month or year.

use std::sync::Arc;

use serde::Deserialize;

use crate::document::Document;
use crate::rules::{Context, Rule};

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    /// Figures at or above this are read as yearly pay when no period is given; `0` requires
    /// a period on every figure.
    assume_yearly_above: f64,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            assume_yearly_above: 10_000.0,
        }
    }
}

pub(crate) struct SalaryMissingPeriod {
    options: Options,
}

impl SalaryMissingPeriod {
    pub(crate) fn build(options: &toml::Table) -> Result<Arc<dyn Rule>, String> {
        Ok(Arc::new(Self {
            options: super::options(options)?,
        }))
    }
}

impl Rule for SalaryMissingPeriod {
    fn prepare(&self) {
        crate::salary::prepare();
    }

    fn check(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        let threshold = self.options.assume_yearly_above;
        for p in &doc.pay().statements {
            if p.period.is_some() || (threshold > 0.0 && p.min >= threshold) {
                continue;
            }
            cx.report(p.span.clone(), "pay does not say what period it is for")
                .label("per hour, month or year?")
                .note("the same figures mean very different pay per hour, per month or per year")
                .help("add the period, e.g. `per hour` or `per year`");
        }
    }
}
