//! `pay-transparency-law` and `pay-transparency-advice`: what the pay-transparency laws of the
//! selected places require, and what they recommend or would require under proposed rules.
//! The places and their requirements are data (`rules/jurisdictions/places.toml`); the checks
//! are in [`crate::jurisdiction`].

use std::sync::Arc;

use serde::Deserialize;

use crate::document::Document;
use crate::jurisdiction::{self, Date, Strength};
use crate::rules::{Context, Rule};

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    /// Places from the config (`[lint] jurisdictions`, overrides).
    jurisdictions: Vec<String>,
    /// Places from `--jurisdiction`.
    extra_jurisdictions: Vec<String>,
    /// Advice only: report what proposed rules would require.
    include_proposed: bool,
}

/// Which findings a rule reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Law,
    Advice { include_proposed: bool },
}

pub(crate) struct PayTransparency {
    mode: Mode,
    configured: Vec<String>,
    today: Date,
}

fn parse(options: &toml::Table) -> Result<Options, String> {
    let options: Options = super::options(options)?;
    for id in options
        .jurisdictions
        .iter()
        .chain(&options.extra_jurisdictions)
    {
        if jurisdiction::get(id).is_none() {
            return Err(match jurisdiction::suggest(id) {
                Some(s) => format!("unknown jurisdiction `{id}`; did you mean `{s}`?"),
                None => {
                    format!("unknown jurisdiction `{id}`; run `jdlint jurisdictions` to list them")
                }
            });
        }
    }
    Ok(options)
}

impl PayTransparency {
    pub(crate) fn build_law(options: &toml::Table) -> Result<Arc<dyn Rule>, String> {
        let o = parse(options)?;
        if o.include_proposed {
            return Err("`include-proposed` is an option of `pay-transparency-advice`".into());
        }
        Ok(Arc::new(Self {
            mode: Mode::Law,
            configured: [o.jurisdictions, o.extra_jurisdictions].concat(),
            today: Date::today(),
        }))
    }

    pub(crate) fn build_advice(options: &toml::Table) -> Result<Arc<dyn Rule>, String> {
        let o = parse(options)?;
        Ok(Arc::new(Self {
            mode: Mode::Advice {
                include_proposed: o.include_proposed,
            },
            configured: [o.jurisdictions, o.extra_jurisdictions].concat(),
            today: Date::today(),
        }))
    }
}

impl Rule for PayTransparency {
    fn check(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        let (places, unknown) = jurisdiction::selected(doc, &self.configured);
        if self.mode == Mode::Law {
            for (id, span) in unknown {
                let help = jurisdiction::suggest(&id).map_or_else(
                    || "run `jdlint jurisdictions` to list the ids".to_string(),
                    |s| format!("did you mean `{s}`?"),
                );
                cx.report(span, format!("unknown jurisdiction `{id}`"))
                    .label("no place has this id")
                    .note("no pay-transparency law is checked for it")
                    .help(help);
            }
        }
        if places.is_empty() {
            return;
        }
        let date = jurisdiction::posting_date(doc).unwrap_or(self.today);
        for finding in jurisdiction::check(doc, &places, date) {
            let wanted = match (self.mode, finding.strength) {
                (Mode::Law, Strength::Required) | (Mode::Advice { .. }, Strength::Recommended) => {
                    true
                }
                (Mode::Advice { include_proposed }, Strength::Proposed) => include_proposed,
                _ => false,
            };
            if !wanted {
                continue;
            }
            let place = finding.place;
            let label = match finding.strength {
                Strength::Required => format!("required in {}", place.name),
                Strength::Recommended => format!("recommended in {}", place.name),
                Strength::Proposed => format!("proposed in {}", place.name),
            };
            let mut report = cx
                .report(finding.span, finding.message)
                .label(label)
                .note(format!(
                    "{}, in effect from {}; source: {} (not legal advice)",
                    place.law, place.effective, place.source
                ))
                .help(finding.help);
            if finding.document_level {
                report = report.document_level();
            }
            let _ = report;
        }
    }
}
