//! `pay-mismatch`: the pay in the front matter and the pay in the text disagree.
//!
//! Postings repos often keep `salary_min`/`salary_max` in front matter for the job board and
//! repeat the range in the text; when one is edited and the other is not, readers and the board
//! see different pay.

use std::sync::Arc;

use crate::document::Document;
use crate::rules::{Context, Rule};
use crate::salary::{Bound, Pay, figure};

pub(crate) struct PayMismatch;

impl PayMismatch {
    pub(crate) fn build(options: &toml::Table) -> Result<Arc<dyn Rule>, String> {
        super::no_options(options)?;
        Ok(Arc::new(Self))
    }
}

/// Whether two statements could describe the same pay: figures within half a percent, and no
/// clash of period or currency when both say one.
fn agree(a: &Pay, b: &Pay) -> bool {
    let close = |x: f64, y: f64| (x - y).abs() <= 0.005 * x.abs().max(y.abs());
    close(a.min, b.min) && close(a.max, b.max)
}

/// A currency as an ISO code; a bare `$` could be any dollar, so it is `None` and matches all.
fn currency_code(written: Option<&str>) -> Option<String> {
    let code = match written?.trim() {
        "$" => return None,
        "US$" => "USD",
        "C$" | "CA$" => "CAD",
        "A$" | "AU$" => "AUD",
        "NZ$" => "NZD",
        "€" => "EUR",
        "£" => "GBP",
        "¥" => "JPY",
        "₹" => "INR",
        other => return Some(other.to_ascii_uppercase()),
    };
    Some(code.to_string())
}

/// Whether the two can be compared: same period and currency, or one of them unstated.
fn comparable(a: &Pay, b: &Pay) -> bool {
    let (x, y) = (
        currency_code(a.currency.as_deref()),
        currency_code(b.currency.as_deref()),
    );
    let currency = x.is_none() || y.is_none() || x == y;
    let period = a.period.is_none() || b.period.is_none() || a.period == b.period;
    period && currency
}

fn describe(p: &Pay) -> String {
    if (p.min - p.max).abs() < f64::EPSILON {
        figure(p.min)
    } else {
        format!("{}–{}", figure(p.min), figure(p.max))
    }
}

impl Rule for PayMismatch {
    fn prepare(&self) {
        crate::salary::prepare();
    }

    fn check(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        let statements = &doc.pay().statements;
        let Some(front) = statements
            .iter()
            .find(|p| p.from_front_matter && p.bound == Bound::Range)
        else {
            return;
        };
        let body: Vec<&Pay> = statements
            .iter()
            // Single figures in the text are often caps, bonuses or stipends ("the maximum
            // salary for the GS pay system is $172,500"); only ranges are compared.
            .filter(|p| !p.from_front_matter && p.bound == Bound::Range && comparable(front, p))
            .collect();
        // One body statement that agrees is enough: the others may be other levels or bonuses.
        if body.is_empty() || body.iter().any(|p| agree(front, p)) {
            return;
        }
        let first = body[0];
        cx.report(
            first.span.clone(),
            format!(
                "pay in the text ({}) differs from the front matter ({})",
                describe(first),
                describe(front)
            ),
        )
        .label("pay in the text")
        .secondary(front.span.clone(), "pay in the front matter")
        .note("job boards read the front matter and applicants read the text: they will see different pay")
        .help("update whichever one is out of date so both state the same range");
    }
}
