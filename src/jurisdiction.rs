//! Pay-transparency laws: the places in `rules/jurisdictions/places.toml` and what each requires
//! of a posting.
//!
//! A place is selected by `jurisdictions` in `jdlint.toml` (also per override), a
//! `jurisdictions:` list in a posting's front matter, or `--jurisdiction ID`. Its law applies from
//! its effective date, judged against the posting's date (front matter `date`, `date_posted`,
//! `opens`...) or today. [`check`] returns what a posting lacks under each selected law; the
//! rules `pay-transparency-law` and `pay-transparency-advice` report it.
//!
//! None of this is legal advice: thresholds such as employer size and where the work is done
//! decide whether a law applies at all, and laws change.

use std::ops::Range;
use std::sync::LazyLock;

use crate::pattern::Pattern;
use serde::Deserialize;

use crate::document::{Document, FieldValue};
use crate::rules::Catalog;
use crate::salary::{Bound, Pay, Period, figure};

/// The embedded data file.
pub const PLACES_FILE: &str = include_str!("../rules/jurisdictions/places.toml");

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day, 1–31.
    pub day: u32,
}

impl Date {
    /// Parses `YYYY-MM-DD` at the start of `text` (a time may follow).
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        let bytes = text.as_bytes();
        if bytes.len() < 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        if bytes.len() > 10 && !matches!(bytes[10], b'T' | b't' | b' ') {
            return None;
        }
        let year = text.get(0..4)?.parse().ok()?;
        let month = text.get(5..7)?.parse().ok()?;
        let day = text.get(8..10)?.parse().ok()?;
        ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(Date { year, month, day })
    }

    /// Today in UTC, from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days(i64::try_from(secs / 86_400).unwrap_or(0))
    }

    /// The date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date {
            year: i32::try_from(year).unwrap_or(i32::MAX),
            month: u32::try_from(month).unwrap_or(1),
            day: u32::try_from(day).unwrap_or(1),
        }
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Something a law asks of a posting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Requirement {
    /// Pay in figures.
    Pay,
    /// A minimum and a maximum.
    MinAndMax,
    /// No open-ended pay.
    ClosedRange,
    /// The pay period.
    Period,
    /// The pay in the posting, not behind a link.
    InPosting,
    /// A general description of benefits.
    Benefits,
    /// A general description of other compensation.
    OtherCompensation,
    /// An application deadline or "ongoing basis".
    Deadline,
    /// How to apply.
    HowToApply,
    /// A cap on the range's width per year.
    RangeWidth,
    /// A cap on the range's width as a share of its minimum.
    RangeWidthPercent,
    /// Whether the vacancy exists.
    ExistingVacancy,
    /// Whether AI is used in hiring.
    AiDisclosure,
    /// No "Canadian experience" requirement.
    NoCanadianExperience,
    /// A gender-neutral job title.
    GenderNeutralTitle,
}

/// One jurisdiction and its law.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Place {
    /// The id used in configs (`us-ny-nyc`).
    pub id: String,
    /// The place's name.
    pub name: String,
    /// The law's full name.
    pub law: String,
    /// A short name for messages.
    pub short: String,
    /// The date from which the law applies, `YYYY-MM-DD`.
    pub effective: String,
    /// What the law requires.
    #[serde(default)]
    pub requires: Vec<Requirement>,
    /// What the law recommends (reported at info).
    #[serde(default)]
    pub recommends: Vec<Requirement>,
    /// What proposed rules would add (off unless asked for).
    #[serde(default)]
    pub proposed: Vec<Requirement>,
    /// Whether one fixed figure satisfies `pay` and `min-and-max`.
    #[serde(default)]
    pub single_figure_ok: bool,
    /// Whether a link to a page stating pay and benefits satisfies them.
    #[serde(default)]
    pub link_ok: bool,
    /// `range-width`: the widest range allowed, per year.
    #[serde(default)]
    pub max_width: Option<f64>,
    /// `range-width`: ranges whose top is above this are exempt.
    #[serde(default)]
    pub exempt_above: Option<f64>,
    /// `range-width-percent`: the widest range allowed, as a percentage of the minimum.
    #[serde(default)]
    pub max_width_percent: Option<f64>,
    /// What the law requires, in a sentence.
    pub summary: String,
    /// Where the facts come from.
    pub source: String,
}

impl Place {
    /// The effective date.
    pub fn effective_date(&self) -> Date {
        Date::parse(&self.effective).expect("effective dates are checked when the file loads")
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlacesFile {
    place: Vec<Place>,
}

static PLACES: LazyLock<Vec<Place>> = LazyLock::new(|| {
    let file: PlacesFile = toml::from_str(PLACES_FILE).expect("places.toml is valid");
    for place in &file.place {
        assert!(
            Date::parse(&place.effective).is_some(),
            "{}: effective date `{}` is not YYYY-MM-DD",
            place.id,
            place.effective
        );
    }
    file.place
});

/// Every known place, in file order.
pub fn places() -> &'static [Place] {
    &PLACES
}

/// The place with this id.
pub fn get(id: &str) -> Option<&'static Place> {
    places().iter().find(|p| p.id == id)
}

/// The closest known id to a misspelt one.
pub fn suggest(id: &str) -> Option<&'static str> {
    crate::rules::closest(id, places().iter().map(|p| p.id.as_str()))
}

/// Whether a finding is a legal requirement, a recommendation, or from proposed rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    /// The law requires it.
    Required,
    /// The law recommends it or allows another way.
    Recommended,
    /// Proposed rules, not in force.
    Proposed,
}

/// One thing a posting lacks under one law.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The place whose law it is.
    pub place: &'static Place,
    /// What is required.
    pub requirement: Requirement,
    /// How strong the duty is.
    pub strength: Strength,
    /// Where: the offending text, or the posting's anchor when something is missing.
    pub span: Range<usize>,
    /// Whether the finding is about something missing from the whole posting.
    pub document_level: bool,
    /// The message, naming the law.
    pub message: String,
    /// What to do.
    pub help: String,
}

/// Front-matter fields that give the posting's date.
const DATE_FIELDS: &[&str] = &[
    "date_posted",
    "dateposted",
    "posted",
    "posted_on",
    "opens",
    "open_date",
    "published",
    "date",
];

const DEADLINE_FIELDS: &[&str] = &[
    "deadline",
    "closes",
    "closing_date",
    "close_date",
    "valid_through",
    "validthrough",
    "apply_by",
    "application_deadline",
];

static BENEFITS: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(concat!(
        r"(?i)(?-u:\b)(?:benefits?|perks|health (?:insurance|care|coverage|plan)|healthcare|medical|dental",
        r"|vision (?:insurance|coverage|plan)|401\(?k\)?|pension|retirement (?:plan|savings|contributions?|benefits?)",
        r"|paid (?:time off|leave|holidays?|vacation|sick)|PTO|parental leave|sick (?:leave|days|time)",
        r"|vacation days|annual leave|holiday allowance|life insurance)(?-u:\b)",
    ))
    .expect("valid benefits regex")
});

static OTHER_COMPENSATION: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(concat!(
        r"(?i)(?-u:\b)(?:bonus(?:es)?|commissions?|equity|stock (?:options?|grants?|awards?|units?)|RSUs?",
        r"|shares|incentive (?:pay|plan|compensation)|profit[- ]sharing|tips|overtime pay",
        r"|no (?:other|additional) (?:compensation|pay))(?-u:\b)",
    ))
    .expect("valid compensation regex")
});

static DEADLINE: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(concat!(
        r"(?i)(?-u:\b)(?:apply by|applications? (?:close|closes|closing|are due|due|deadline|will be accepted (?:until|through)|accepted (?:until|through))",
        r"|closing (?:date|period)|application (?:period|window)|deadline|ongoing basis|rolling basis",
        r"|until the (?:position|role|job) is filled",
        r"|(?:apply|send|submit)(?-u:\b)(?:(?u-i:[^.\n])|\.(?u:\S)){0,80}(?-u:\b)(?:by|before) (?:\d+|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*(?-u:\b)",
        r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day(?-u:\b)|the end of)",
        r"|open until filled)(?-u:\b)",
    ))
    .expect("valid deadline regex")
});

static PAY_LINK_WORDS: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)salar|pay|compensation|wage|benefit").expect("valid pay-link regex")
});

static LINK: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(r"https?://(?u:[^\s<>()\[\]])+").expect("valid link regex")
});

static EXISTING_VACANCY: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(concat!(
        r"(?i)(?-u:\b)(?:existing (?:vacancy|position|role|opening)|(?:is|for) an? (?:new|newly created|current|open) (?:position|role|vacancy)",
        r"|(?:is|for) a (?:backfill|replacement)|vacancy (?:exists|is open)|not (?:for )?an existing (?:vacancy|position|role)",
        r"|future (?:vacanc(?:y|ies)|opportunit(?:y|ies)|openings?)|talent (?:pool|pipeline|community))(?-u:\b)",
    ))
    .expect("valid vacancy regex")
});

static AI_DISCLOSURE: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(concat!(
        r"(?i)(?:(?-u:\b)AI(?-u:\b)|(?-u:\b)artificial intelligence(?-u:\b)|(?-u:\b)automated (?:decision|screening|hiring|tools?|systems?)(?-u:\b)",
        r"|(?-u:\b)machine learning(?-u:\b))",
    ))
    .expect("valid AI regex")
});

static CANADIAN_EXPERIENCE: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(
        r"(?i)(?-u:\b)Canadian (?:work |job |workplace |professional )?experience(?-u:\b)",
    )
    .expect("valid Canadian-experience regex")
});

static NOT_REQUIRED: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(
        r"(?i)^(?u-i:\W){0,3}(?:is |are )?(?:not|never) (?:required|necessary|needed|a requirement)",
    )
    .expect("valid negation regex")
});

/// Title suffixes that make a gendered title neutral in EU postings: "(m/w/d)", "(f/m/x)"...
static GENDER_SUFFIX: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)\((?:[mwfdx*]\s*/\s*){2,}[mwfdx*]\)|\(all genders\)|\(gn\)")
        .expect("valid gender-suffix regex")
});

/// The places selected for a posting: configured ones plus its front matter's `jurisdictions`.
/// Unknown ids in front matter are returned with their spans.
pub fn selected(
    doc: &Document<'_>,
    configured: &[String],
) -> (Vec<&'static Place>, Vec<(String, Range<usize>)>) {
    let mut chosen: Vec<&'static Place> = Vec::new();
    let mut unknown = Vec::new();
    let mut add = |id: &str, span: Option<Range<usize>>| match get(id.trim()) {
        Some(place) => {
            if !chosen.iter().any(|p| p.id == place.id) {
                chosen.push(place);
            }
        }
        None => {
            if let Some(span) = span {
                unknown.push((id.trim().to_string(), span));
            }
        }
    };
    for id in configured {
        add(id, None);
    }
    if let Some(field) = doc.field(&["jurisdictions", "jurisdiction"]) {
        match &field.value {
            FieldValue::Scalar(s) => {
                for id in s.split(',') {
                    add(id, Some(span_of(doc, &field.value_span, id.trim())));
                }
            }
            FieldValue::List(items) => {
                for item in items {
                    add(item, Some(span_of(doc, &field.value_span, item.trim())));
                }
            }
            FieldValue::Map(_) | FieldValue::Null => {}
        }
    }
    (chosen, unknown)
}

/// Where `item` is written inside a front-matter value, or the whole value.
fn span_of(doc: &Document<'_>, value: &Range<usize>, item: &str) -> Range<usize> {
    doc.slice(value.clone())
        .find(item)
        .filter(|_| !item.is_empty())
        .map_or_else(
            || value.clone(),
            |i| value.start + i..value.start + i + item.len(),
        )
}

/// The posting's date from its front matter, if it gives one.
pub fn posting_date(doc: &Document<'_>) -> Option<Date> {
    doc.field(DATE_FIELDS)
        .and_then(|f| f.value.as_str())
        .and_then(Date::parse)
}

/// Everything the posting lacks under the laws of `places` that are in effect on `date`.
pub fn check(doc: &Document<'_>, places: &[&'static Place], date: Date) -> Vec<Finding> {
    let mut out = Vec::new();
    for &place in places {
        if date < place.effective_date() {
            continue;
        }
        let lists = [
            (&place.requires, Strength::Required),
            (&place.recommends, Strength::Recommended),
            (&place.proposed, Strength::Proposed),
        ];
        for (list, strength) in lists {
            for &requirement in list {
                check_one(doc, place, requirement, strength, &mut out);
            }
        }
    }
    out
}

/// The text of every prose block, with its span.
fn prose<'d>(doc: &'d Document<'_>) -> impl Iterator<Item = (Range<usize>, &'d str)> {
    doc.blocks()
        .iter()
        .map(move |b| (b.span.clone(), doc.slice(b.span.clone())))
}

/// The first match of `regex` in prose, outside code and links.
fn find_in_prose(doc: &Document<'_>, regex: &Pattern) -> Option<Range<usize>> {
    prose(doc).find_map(|(span, text)| {
        regex
            .find_iter(text)
            .map(|m| span.start + m.start()..span.start + m.end())
            // A sentence may hold an address or a link; only where it starts must be prose.
            .find(|hit| !doc.is_non_prose(&(hit.start..hit.start + 1)))
    })
}

/// A link whose text or address is about pay or benefits.
fn pay_link(doc: &Document<'_>) -> Option<Range<usize>> {
    prose(doc).find_map(|(span, text)| {
        LINK.find_iter(text).find_map(|m| {
            let line_start = text[..m.start()].rfind('\n').map_or(0, |i| i + 1);
            let context = &text[line_start..m.end()];
            PAY_LINK_WORDS
                .is_match(context)
                .then(|| span.start + m.start()..span.start + m.end())
        })
    })
}

/// Pay per year, for width limits; `None` when the period is unknown and the figure is small.
fn yearly(figure: f64, period: Option<Period>) -> Option<f64> {
    Some(match period {
        Some(Period::Hour) => figure * 2080.0,
        Some(Period::Day) => figure * 260.0,
        Some(Period::Week) => figure * 52.0,
        Some(Period::Month) => figure * 12.0,
        Some(Period::Year) => figure,
        None if figure >= 10_000.0 => figure,
        None => return None,
    })
}

fn check_one(
    doc: &Document<'_>,
    place: &'static Place,
    requirement: Requirement,
    strength: Strength,
    out: &mut Vec<Finding>,
) {
    let law = &place.short;
    let pay = doc.pay();
    let statements: Vec<&Pay> = pay.statements.iter().collect();
    let stated = !statements.is_empty() || pay.from_template;
    let mut push = |span: Range<usize>, document_level: bool, message: String, help: &str| {
        out.push(Finding {
            place,
            requirement,
            strength,
            span,
            document_level,
            message,
            help: help.to_string(),
        });
    };
    let missing = |what: &str| format!("{law} requires {what}");
    match requirement {
        Requirement::Pay | Requirement::MinAndMax => {
            if !stated {
                if (place.link_ok || place.requires.contains(&Requirement::InPosting))
                    && pay_link(doc).is_some()
                {
                    // Where a link is allowed it is enough; where it is not, `in-posting` says so.
                    return;
                }
                let what = if requirement == Requirement::Pay {
                    "the pay in figures"
                } else {
                    "a minimum and a maximum pay"
                };
                let verb = if strength == Strength::Recommended {
                    format!(
                        "{law} entitles applicants to the pay or its range; stating it in the posting is the simplest way"
                    )
                } else {
                    format!("{law} requires {what}: the posting states none")
                };
                push(
                    doc.anchor(),
                    true,
                    verb,
                    "state the pay range with both ends and the period, e.g. `90,000–110,000 per year`",
                );
                return;
            }
            if pay.has_range() {
                return;
            }
            if let Some(single) = statements.iter().find(|p| p.bound == Bound::Single) {
                if place.single_figure_ok || requirement == Requirement::Pay {
                    return;
                }
                push(
                    single.span.clone(),
                    false,
                    format!(
                        "{law} requires a minimum and a maximum: `{}` is one figure",
                        doc.slice(single.span.clone()).trim()
                    ),
                    "give the range, e.g. `$90,000–$110,000 per year`",
                );
                return;
            }
            // Where open-ended pay is forbidden outright, `closed-range` reports it once.
            if requirement == Requirement::MinAndMax
                && !place.requires.contains(&Requirement::ClosedRange)
                && let Some(open) = statements.first()
            {
                let side = if open.bound == Bound::UpTo {
                    "only a maximum"
                } else {
                    "only a minimum"
                };
                push(
                    open.span.clone(),
                    false,
                    format!(
                        "{law} requires a minimum and a maximum: `{}` gives {side}",
                        doc.slice(open.span.clone()).trim()
                    ),
                    "give both ends of the range",
                );
            }
        }
        Requirement::ClosedRange => {
            for open in statements
                .iter()
                .filter(|p| matches!(p.bound, Bound::UpTo | Bound::From))
            {
                let side = if open.bound == Bound::UpTo {
                    "a maximum"
                } else {
                    "a minimum"
                };
                push(
                    open.span.clone(),
                    false,
                    format!(
                        "{law} does not allow open-ended pay: `{}` is only {side}",
                        doc.slice(open.span.clone()).trim()
                    ),
                    "give both ends of the range, e.g. `$90,000–$110,000 per year`",
                );
            }
        }
        Requirement::Period => {
            if let Some(p) = statements
                .iter()
                .find(|p| p.period.is_none() && !p.from_front_matter && p.max < 10_000.0)
            {
                push(
                    p.span.clone(),
                    false,
                    format!(
                        "{law} asks for an annual salary or an hourly wage: `{}` has no period",
                        doc.slice(p.span.clone()).trim()
                    ),
                    "add the period, e.g. `per hour` or `per year`",
                );
            }
        }
        Requirement::InPosting => {
            if stated {
                return;
            }
            if let Some(link) = pay_link(doc) {
                push(
                    link,
                    false,
                    format!(
                        "{law} requires the pay scale in the posting itself: a link is not enough"
                    ),
                    "copy the range into the posting",
                );
            }
        }
        Requirement::Benefits => {
            if doc.field(&["benefits"]).is_some()
                || find_in_prose(doc, &BENEFITS).is_some()
                || (place.link_ok && pay_link(doc).is_some())
            {
                return;
            }
            push(
                doc.anchor(),
                true,
                missing("a general description of benefits"),
                "add a `Benefits` section: health insurance, retirement plan, paid time off...",
            );
        }
        Requirement::OtherCompensation => {
            if doc
                .field(&["bonus", "equity", "commission", "other_compensation"])
                .is_some()
                || find_in_prose(doc, &OTHER_COMPENSATION).is_some()
                || (place.link_ok && pay_link(doc).is_some())
            {
                return;
            }
            push(
                doc.anchor(),
                true,
                missing(
                    "a general description of other compensation such as bonuses, commissions or equity",
                ),
                "say what else the role pays (bonus, commission, equity), or that it pays nothing else",
            );
        }
        Requirement::Deadline => {
            if doc.field(DEADLINE_FIELDS).is_some() || find_in_prose(doc, &DEADLINE).is_some() {
                return;
            }
            push(
                doc.anchor(),
                true,
                missing(
                    "the application deadline, or a statement that applications are accepted on an ongoing basis",
                ),
                "add e.g. `Apply by 2026-03-01` or `We accept applications on an ongoing basis`",
            );
        }
        Requirement::HowToApply => {
            if !crate::rules::builtin::missing_how_to_apply::says_how_to_apply(doc) {
                push(
                    doc.anchor(),
                    true,
                    missing("how to apply"),
                    "add a `How to apply` section with the link or address and what to send",
                );
            }
        }
        Requirement::RangeWidth => {
            let (Some(cap), exempt) = (place.max_width, place.exempt_above) else {
                return;
            };
            for p in statements.iter().filter(|p| p.bound == Bound::Range) {
                let (Some(lo), Some(hi)) = (yearly(p.min, p.period), yearly(p.max, p.period))
                else {
                    continue;
                };
                if exempt.is_some_and(|e| hi > e) || hi - lo <= cap {
                    continue;
                }
                push(
                    p.span.clone(),
                    false,
                    format!(
                        "{law} caps a pay range at {} a year wide: `{}` spans {}",
                        figure(cap.round()),
                        doc.slice(p.span.clone()).trim(),
                        figure((hi - lo).round())
                    ),
                    "narrow the range",
                );
            }
        }
        Requirement::RangeWidthPercent => {
            let Some(cap) = place.max_width_percent else {
                return;
            };
            for p in statements
                .iter()
                .filter(|p| p.bound == Bound::Range && p.min > 0.0)
            {
                let width = (p.max - p.min) / p.min * 100.0;
                if width <= cap {
                    continue;
                }
                push(
                    p.span.clone(),
                    false,
                    format!(
                        "proposed rules under {law} would cap a range at {cap:.0}% of its minimum: `{}` is {width:.0}% wide",
                        doc.slice(p.span.clone()).trim()
                    ),
                    "narrow the range",
                );
            }
        }
        Requirement::ExistingVacancy => {
            if find_in_prose(doc, &EXISTING_VACANCY).is_none() {
                push(
                    doc.anchor(),
                    true,
                    missing("a statement of whether the posting is for an existing vacancy"),
                    "add e.g. `This posting is for an existing vacancy.`",
                );
            }
        }
        Requirement::AiDisclosure => {
            if find_in_prose(doc, &AI_DISCLOSURE).is_none() {
                push(
                    doc.anchor(),
                    true,
                    missing(
                        "a statement of whether AI is used to screen, assess or select applicants",
                    ),
                    "add e.g. `We do not use AI to screen, assess or select applicants.`",
                );
            }
        }
        Requirement::NoCanadianExperience => {
            for (span, text) in prose(doc) {
                for m in CANADIAN_EXPERIENCE.find_iter(text) {
                    let hit = span.start + m.start()..span.start + m.end();
                    let before = &text[..m.start()];
                    if doc.is_non_prose(&hit)
                        || NOT_REQUIRED.is_match(&text[m.end()..])
                        || before.trim_end().to_lowercase().ends_with("no")
                    {
                        continue;
                    }
                    push(
                        hit,
                        false,
                        format!("{law} forbids requiring Canadian experience"),
                        "ask for the skills the job needs, wherever they were gained",
                    );
                }
            }
        }
        Requirement::GenderNeutralTitle => {
            let Some(title) = doc.title() else { return };
            if GENDER_SUFFIX.is_match(&title.text) {
                return;
            }
            let Some(rule) = Catalog::builtin()
                .get("gendered-job-title")
                .and_then(|m| m.token_rule())
            else {
                return;
            };
            if let Some((range, replacement)) = rule.first_match(&title.text) {
                let word = &title.text[range];
                let help = replacement.map_or_else(
                    || "use a gender-neutral title".to_string(),
                    |r| format!("use a gender-neutral title, e.g. `{r}`"),
                );
                push(
                    title.span.clone(),
                    false,
                    format!("{law} requires gender-neutral job titles: `{word}` is gendered"),
                    &help,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days(20_414).to_string(), "2025-11-22");
        assert_eq!(
            Date::parse("2024-03-01T09:00:00Z").unwrap().to_string(),
            "2024-03-01"
        );
        assert_eq!(Date::parse("2024-13-01"), None);
        assert_eq!(Date::parse("March 2024"), None);
    }

    #[test]
    fn every_place_loads() {
        assert_eq!(places().len(), 20);
        assert_eq!(suggest("us-nyc"), Some("us-ny"));
        assert_eq!(suggest("ca-ont"), Some("ca-on"));
    }
}
