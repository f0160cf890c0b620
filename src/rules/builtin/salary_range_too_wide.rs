//! `salary-range-too-wide`: a pay range so wide it says little about the pay.

use std::sync::Arc;

use serde::Deserialize;

use crate::document::Document;
use crate::rules::{Context, Rule};
use crate::salary::{Bound, figure};

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    max_ratio: f64,
}

impl Default for Options {
    fn default() -> Self {
        Self { max_ratio: 2.0 }
    }
}

pub(crate) struct SalaryRangeTooWide {
    max_ratio: f64,
}

impl SalaryRangeTooWide {
    pub(crate) fn build(options: &toml::Table) -> Result<Arc<dyn Rule>, String> {
        let options: Options = super::options(options)?;
        if !options.max_ratio.is_finite() || options.max_ratio <= 1.0 {
            return Err(format!(
                "`max-ratio` must be a number above 1, not {}",
                options.max_ratio
            ));
        }
        Ok(Arc::new(Self {
            max_ratio: options.max_ratio,
        }))
    }
}

impl Rule for SalaryRangeTooWide {
    fn prepare(&self) {
        crate::salary::prepare();
    }

    fn check(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        for p in &doc.pay().statements {
            // A reversed range is `salary-min-above-max`'s finding.
            if p.bound != Bound::Range || p.min <= 0.0 || p.max <= p.min {
                continue;
            }
            let ratio = p.max / p.min;
            if ratio <= self.max_ratio {
                continue;
            }
            cx.report(
                p.span.clone(),
                format!(
                    "pay range {}–{} is {ratio:.1} times its minimum, wider than {} times",
                    figure(p.min),
                    figure(p.max),
                    self.max_ratio
                ),
            )
            .label("range too wide")
            .note("a very wide range tells applicants little about the pay, and in experiments made the posting less trusted and less attractive")
            .help("give the range you expect to pay for this role; if it spans levels, post one range per level");
        }
    }
}
