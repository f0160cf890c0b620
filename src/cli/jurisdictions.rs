//! `jdlint jurisdictions`: every place with a pay-transparency law jdlint checks.

use std::io;

use codespan_reporting::term::termcolor::WriteColor;

use super::exit;
use crate::jurisdiction::{Requirement, places};

/// The disclaimer printed with the list and in the README.
pub(super) const NOT_LEGAL_ADVICE: &str = "Not legal advice: employer size, where the work is done and \
later amendments decide whether and how a law applies to a posting. Check with counsel.";

fn requirement_name(r: Requirement) -> &'static str {
    match r {
        Requirement::Pay => "pay",
        Requirement::MinAndMax => "min-and-max",
        Requirement::ClosedRange => "closed-range",
        Requirement::Period => "period",
        Requirement::InPosting => "in-posting",
        Requirement::Benefits => "benefits",
        Requirement::OtherCompensation => "other-compensation",
        Requirement::Deadline => "deadline",
        Requirement::HowToApply => "how-to-apply",
        Requirement::RangeWidth => "range-width",
        Requirement::RangeWidthPercent => "range-width-percent",
        Requirement::ExistingVacancy => "existing-vacancy",
        Requirement::AiDisclosure => "ai-disclosure",
        Requirement::NoCanadianExperience => "no-canadian-experience",
        Requirement::GenderNeutralTitle => "gender-neutral-title",
    }
}

fn names(list: &[Requirement]) -> String {
    list.iter()
        .map(|r| requirement_name(*r))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Prints every place: id, name, effective date, law, what it requires, and the source.
pub(super) fn list(out: &mut dyn WriteColor) -> io::Result<u8> {
    for place in places() {
        writeln!(
            out,
            "{}  {}  (from {})",
            place.id, place.name, place.effective
        )?;
        writeln!(out, "    law:       {}", place.law)?;
        writeln!(out, "    requires:  {}", names(&place.requires))?;
        if !place.recommends.is_empty() {
            writeln!(out, "    recommends: {}", names(&place.recommends))?;
        }
        if !place.proposed.is_empty() {
            writeln!(
                out,
                "    proposed:  {} (off unless `include-proposed`)",
                names(&place.proposed)
            )?;
        }
        writeln!(out, "    in short:  {}", place.summary)?;
        writeln!(out, "    source:    {}", place.source)?;
        writeln!(out)?;
    }
    writeln!(out, "{NOT_LEGAL_ADVICE}")?;
    Ok(exit::OK)
}
