//! Finds and parses statements of pay: "$90,000–$120,000 per year", "USD 120-150K",
//! "90 000 – 110 000 EUR", "£45,000 to £55,000 per annum", "€60–70k", "$45-$60/hr", "up to $X".
//!
//! The salary rules and the pay-transparency checks all read pay through [`find_pay`] and
//! [`pay_from_front_matter`], so what counts as a salary is decided here once.

use std::ops::Range;
use std::sync::LazyLock;

use crate::pattern::Pattern;

use crate::document::{Document, FieldValue};

/// The unit of time a pay figure is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Per hour.
    Hour,
    /// Per day.
    Day,
    /// Per week.
    Week,
    /// Per month.
    Month,
    /// Per year.
    Year,
}

/// How a pay statement is bounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// A minimum and a maximum.
    Range,
    /// One figure.
    Single,
    /// Only a maximum ("up to $X").
    UpTo,
    /// Only a minimum ("from $X", "$X+", "starting at $X").
    From,
}

/// One statement of pay.
#[derive(Debug, Clone, PartialEq)]
pub struct Pay {
    /// Byte range in the document (for front matter, the value of the field).
    pub span: Range<usize>,
    /// The lower figure (the only figure for a single or open-ended statement).
    pub min: f64,
    /// The upper figure; equal to `min` unless this is a range.
    pub max: f64,
    /// Currency as written (`$`, `EUR`...), if any.
    pub currency: Option<String>,
    /// The pay period, if stated next to the figures or in the same block.
    pub period: Option<Period>,
    /// How the statement is bounded.
    pub bound: Bound,
    /// Whether it came from front matter.
    pub from_front_matter: bool,
}

const CURRENCY_CODES: &str =
    "USD|EUR|GBP|CAD|AUD|NZD|CHF|SEK|NOK|DKK|PLN|INR|JPY|SGD|HKD|ZAR|BRL|MXN";

/// A figure with what may come before and after it. [`split_amount`] reads its groups by hand
/// and must follow it: a change here that it does not follow makes it give up (the meta
/// engine's captures are used) or fails `split_amount_reads_the_groups_the_regex_captures`.
static AMOUNT: LazyLock<Pattern> = LazyLock::new(|| {
    let pattern = format!(
        concat!(
            r"(?P<pre>(?:US|CA|AU|NZ|C|A)?\$|£|€|¥|₹|\b(?:{codes})\b)?(?: |{nbsp})?",
            r"(?P<num>\d{{1,3}}(?:(?:[,. ]|{nbsp}|{nnbsp})\d{{3}})+(?:[.,]\d{{1,2}})?|\d+(?:\.\d{{1,2}})?)",
            r"(?P<k>(?: |{nbsp})?(?:[kK]\b|thousand\b))?",
            r"(?P<big>(?: |{nbsp})?(?:[mM]\b|mm\b|[bB]\b|bn\b|million\b|billion\b))?",
            r"(?P<post>(?: |{nbsp})?(?:£|€|\$|\b(?:{codes})\b|\b(?:dollars|euros|pounds)\b))?",
        ),
        codes = CURRENCY_CODES,
        nbsp = '\u{a0}',
        nnbsp = '\u{202f}',
    );
    crate::pattern::regex(&pattern).expect("valid amount regex")
});

/// One match of [`AMOUNT`] with its groups, as byte ranges in the text searched.
#[derive(Debug, Clone, PartialEq, Eq)]
struct AmountMatch {
    whole: Range<usize>,
    pre: Option<Range<usize>>,
    num: Range<usize>,
    k: bool,
    big: bool,
    post: Option<Range<usize>>,
}

/// Every match of [`AMOUNT`] in `text`, with its groups. The precompiled DFA finds where each
/// match is and [`split_amount`] reads its groups, so no capturing engine is built; should the
/// two ever disagree on where a match ends, the meta engine's captures are used instead.
fn amount_matches(text: &str) -> Vec<AmountMatch> {
    let split: Option<Vec<AmountMatch>> = AMOUNT
        .find_iter(text)
        .map(|m| split_amount(text, m.start()).filter(|a| a.whole.end == m.end()))
        .collect();
    split.unwrap_or_else(|| amount_captures(text))
}

/// [`amount_matches`] read with the meta engine's captures.
fn amount_captures(text: &str) -> Vec<AmountMatch> {
    AMOUNT
        .captures_iter(text)
        .filter_map(|caps| {
            let range = |name: &str| caps.name(name).map(|m| m.start()..m.end());
            Some(AmountMatch {
                whole: caps.get(0).map(|m| m.start()..m.end())?,
                pre: range("pre"),
                num: range("num")?,
                k: caps.name("k").is_some(),
                big: caps.name("big").is_some(),
                post: range("post"),
            })
        })
        .collect()
}

/// The groups of the [`AMOUNT`] match that starts at `start`, read the way the regex's
/// leftmost-first search reads them: each group's alternatives in order, optional groups
/// taken when they can be. `None` if no match starts there.
fn split_amount(text: &str, start: usize) -> Option<AmountMatch> {
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let word = |i: usize| {
        b.get(i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
    };
    // `\b` in ASCII mode, between `i - 1` and `i`.
    let boundary = |i: usize| (i > 0 && word(i - 1)) != word(i);
    let at = |i: usize, s: &str| b.get(i..i + s.len()) == Some(s.as_bytes());
    // `(?: |{nbsp})`.
    let space = |i: usize| {
        if at(i, " ") {
            Some(i + 1)
        } else if at(i, "\u{a0}") {
            Some(i + 2)
        } else {
            None
        }
    };
    // Every code is three capital letters: most places are ruled out before the list is read.
    let code = |i: usize| {
        if !b.get(i).is_some_and(u8::is_ascii_uppercase) {
            return None;
        }
        CURRENCY_CODES
            .split('|')
            .find(|c| at(i, c) && boundary(i) && boundary(i + c.len()))
            .map(|c| i + c.len())
    };
    // `(?:(?: |{nbsp})?(?:alt|...))?`: the first alternative after a space, else without one.
    let after_space =
        |i: usize, alt: &dyn Fn(usize) -> Option<usize>| space(i).and_then(alt).or_else(|| alt(i));
    // The number: `\d{1,3}(?:(?:[,. ]|{nbsp}|{nnbsp})\d{3})+(?:[.,]\d{1,2})?`, else
    // `\d+(?:\.\d{1,2})?`.
    let number = |i: usize| -> Option<usize> {
        let sep = |j: usize| match b.get(j) {
            Some(b',' | b'.' | b' ') => Some(j + 1),
            _ if at(j, "\u{a0}") => Some(j + 2),
            _ if at(j, "\u{202f}") => Some(j + 3),
            _ => None,
        };
        let decimals = |j: usize, seps: &[u8]| match b.get(j) {
            Some(c) if seps.contains(c) && digit(j + 1) => j + 2 + usize::from(digit(j + 2)),
            _ => j,
        };
        // `\d{1,3}` gives back digits only to be followed by a separator, which a digit is not:
        // the first alternative matches with as many as there are, or not at all.
        let lead = (0..3).take_while(|&n| digit(i + n)).count();
        let mut end = i + lead;
        let mut groups = 0;
        while let Some(j) = sep(end).filter(|&j| (j..j + 3).all(digit)) {
            end = j + 3;
            groups += 1;
        }
        if lead > 0 && groups > 0 {
            return Some(decimals(end, b",."));
        }
        let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        (digits > 0).then(|| decimals(i + digits, b"."))
    };
    let word_end = |i: usize, words: &[&str]| {
        words
            .iter()
            .find(|w| at(i, w) && boundary(i + w.len()))
            .map(|w| i + w.len())
    };
    let pre_alternatives = |i: usize| -> Vec<usize> {
        let mut ends = Vec::new();
        if let Some(p) = ["US", "CA", "AU", "NZ", "C", "A"]
            .iter()
            .find(|p| at(i, p) && at(i + p.len(), "$"))
        {
            ends.push(i + p.len() + 1);
        }
        if at(i, "$") {
            ends.push(i + 1);
        }
        for symbol in ["£", "€", "¥", "₹"] {
            if at(i, symbol) {
                ends.push(i + symbol.len());
            }
        }
        ends.extend(code(i));
        ends
    };
    // The prefix (and the space after it) that a number follows, in the order the regex tries.
    let (pre, num_start) = pre_alternatives(start)
        .into_iter()
        .find_map(|end| {
            [space(end), Some(end)]
                .into_iter()
                .flatten()
                .find(|&n| digit(n))
                .map(|n| (Some(start..end), n))
        })
        .or_else(|| {
            [space(start), Some(start)]
                .into_iter()
                .flatten()
                .find(|&n| digit(n))
                .map(|n| (None, n))
        })?;
    let num_end = number(num_start)?;
    let mut end = num_end;
    let k = after_space(end, &|i| word_end(i, &["k", "K", "thousand"]));
    if let Some(e) = k {
        end = e;
    }
    let big = after_space(end, &|i| {
        word_end(i, &["m", "M", "mm", "b", "B", "bn", "million", "billion"])
    });
    if let Some(e) = big {
        end = e;
    }
    let post_start = end;
    let post = after_space(end, &|i| {
        ["£", "€", "$"]
            .iter()
            .find(|s| at(i, s))
            .map(|s| i + s.len())
            .or_else(|| code(i))
            .or_else(|| {
                boundary(i)
                    .then(|| word_end(i, &["dollars", "euros", "pounds"]))
                    .flatten()
            })
    });
    if let Some(e) = post {
        end = e;
    }
    Some(AmountMatch {
        whole: start..end,
        pre,
        num: num_start..num_end,
        k: k.is_some(),
        big: big.is_some(),
        post: post.map(|e| post_start..e),
    })
}

/// Whether the text between two amounts joins them into a range: a dash, "to", "through".
fn joins_range(gap: &str) -> bool {
    matches!(
        gap.trim(),
        "-" | "–" | "—" | "‒" | "to" | "through" | "bis" | "à"
    )
}

/// "between $X and $Y": `and` joins a range only after `between`.
static BETWEEN: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)(?-u:\b)between\s*$").expect("valid between regex")
});

/// Words that make a figure a statistic or an estimate rather than the pay for this role:
/// "an hourly wage of approximately $57.55", "hire for around $9,000 per year".
static HEDGE: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(concat!(
        r"(?i)(?-u:\b)(?:around|approximately|approx\.?|roughly|average|averages|median|mean|estimated|typically",
        r"|national|nationwide|industry|market\s+data|translates\s+to|according\s+to|survey)(?-u:\b)",
    ))
    .expect("valid hedge regex")
});

static UP_TO: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(
        r"(?i)(?-u:\b)(?:up\s+to|upto|maximum(?:\s+of)?|max\.?|as\s+much\s+as|not\s+to\s+exceed)\s*$",
    )
    .expect("valid up-to regex")
});

static FROM: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(
        r"(?i)(?-u:\b)(?:from|starting(?:\s+(?:at|from))?|starts\s+at|minimum(?:\s+of)?|min\.?|at\s+least|no\s+less\s+than|in\s+excess\s+of|over)\s*$",
    )
    .expect("valid from regex")
});

static PLUS_AFTER: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(
        r"(?i)^(?:\+|\s*(?:and|or)\s+(?:up|above|more|higher)(?-u:\b)|\s*plus(?-u:\b))",
    )
    .expect("valid plus regex")
});

static PERIOD_AFTER: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(concat!(
        r"(?i)^\s*(?:/\s*|per\s+|an?\s+|each\s+|,\s*)?",
        r"(?P<p>hour|hr|h|day|week|wk|month|mo|year|yr|annum|annually|yearly|hourly|daily|weekly|monthly|p\.?\s?a\.?)(?-u:\b)",
    ))
    .expect("valid period regex")
});

static PERIOD_NEAR: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(concat!(
        r"(?i)(?-u:\b)(?:per\s+(?P<p1>hour|day|week|month|year|annum)|(?P<p2>annual|annually|yearly|hourly|daily|weekly|monthly|biweekly)",
        r"|/\s?(?P<p3>hr|hour|yr|year|mo|month)(?-u:\b)|(?P<p4>p\.a\.))",
    ))
    .expect("valid period-near regex")
});

/// Words that show a figure is about pay, in the block or in its section heading.
static PAY_CONTEXT: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(concat!(
        r"(?i)(?-u:\b)(?:salary|salaries|pay|paid|compensation|wages?|rate|remuneration|earn(?:ings?)?|OTE",
        r"|stipend|income|hourly|annual(?:ly)?|per\s+(?:hour|year|annum|month|week|day)|p\.a|package|gross",
        r"|brutto|base|range|total\s+comp|TC|grade|band)(?-u:\b)",
    ))
    .expect("valid pay-context regex")
});

/// Pay wording without figures.
pub(crate) static VAGUE_PAY: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(concat!(
        r"(?i)(?-u:\b)(?:competitive\s+(?:salary|pay|compensation|wages?|rates?|package|base|remuneration)",
        r"|attractive\s+(?:salary|pay|compensation|package|remuneration)",
        r"|(?:salary|pay|compensation|rate)\s*(?::|is|are)?\s*(?:DOE|DOQ|TBD|TBC|negotiable|commensurate)",
        r"|(?:depending|dependent|based)\s+on\s+(?:experience|qualifications)",
        r"|commensurate\s+with\s+(?:experience|qualifications|skills)",
        r"|D\.?O\.?E\.?(?-u:\b)|market[\s-]+rate)",
    ))
    .expect("valid vague-pay regex")
});

#[derive(Debug, Clone)]
struct Amount {
    span: Range<usize>,
    value: f64,
    thousands: bool,
    currency: Option<String>,
}

/// What a posting says about pay, read once per document (see [`Document::pay`]) and shared by
/// every rule that needs it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PayFacts {
    /// Every pay statement in prose and front matter.
    pub statements: Vec<Pay>,
    /// Whether a template tag renders pay from data; see [`template_states_pay`].
    pub from_template: bool,
}

impl PayFacts {
    /// Reads the pay in `doc`.
    pub fn read(doc: &Document<'_>) -> Self {
        Self {
            statements: find_pay(doc),
            from_template: template_states_pay(doc),
        }
    }

    /// Whether the posting states a closed range, in figures or through a template.
    pub fn has_range(&self) -> bool {
        self.from_template || self.statements.iter().any(|p| p.bound == Bound::Range)
    }
}

/// A figure for messages: whole amounts with thousands grouped (`120,000`), others with cents.
pub(crate) fn figure(value: f64) -> String {
    if value.fract() != 0.0 {
        return format!("{value:.2}");
    }
    let digits = format!("{value:.0}");
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Every pay statement in the document's prose and front matter.
pub fn find_pay(doc: &Document<'_>) -> Vec<Pay> {
    let mut found = pay_from_front_matter(doc);
    for (i, block) in doc.blocks().iter().enumerate() {
        let text = doc.slice(block.span.clone());
        if !has_digit(text) {
            continue;
        }
        let heading = block
            .section
            .and_then(|h| doc.heading_text(h))
            .or_else(|| doc.heading_text(i))
            .unwrap_or("");
        // Figures are pay only where the block or its section talks about pay; this keeps
        // "$40 billion market" and "$5 lunch stipend"-free prose out.
        if !(PAY_CONTEXT.is_match(text) || PAY_CONTEXT.is_match(heading)) {
            continue;
        }
        for mut pay in parse_text(text) {
            let span = block.span.start + pay.span.start..block.span.start + pay.span.end;
            if doc.is_non_prose(&span) {
                continue;
            }
            pay.span = span;
            found.push(pay);
        }
    }
    found
}

/// A template tag that renders pay: see [`template_states_pay`].
static TEMPLATE_PAY: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)(?:\{\{|\{%)(?u-i:[^}])*(?:salary|pay_?(?:range|min|max|scale)|compensation|wage)(?u-i:[^}])*(?:\}\}|%\})")
        .expect("valid template-pay regex")
});

/// Compiles the patterns that finding pay statements uses, for the salary rules'
/// [`Rule::prepare`](crate::rules::Rule::prepare).
pub(crate) fn prepare() {
    crate::pattern::force(&[
        &AMOUNT,
        &BETWEEN,
        &HEDGE,
        &UP_TO,
        &FROM,
        &PLUS_AFTER,
        &PERIOD_AFTER,
        &PERIOD_NEAR,
        &PAY_CONTEXT,
        &VAGUE_PAY,
        &TEMPLATE_PAY,
    ]);
}

/// Whether a template tag renders pay from data, as postings repos do with
/// `{{ page.salary_min }}` or `{% include salary_range.html %}`: the published posting states
/// pay even though the source has no figures.
pub fn template_states_pay(doc: &Document<'_>) -> bool {
    let body = doc.front_matter().map_or(0, |fm| fm.span.end);
    TEMPLATE_PAY.is_match(&doc.text()[body..])
}

/// Pay stated in front-matter fields such as `salary_min`/`salary_max` or `salary`.
pub fn pay_from_front_matter(doc: &Document<'_>) -> Vec<Pay> {
    let Some(fm) = doc.front_matter() else {
        return Vec::new();
    };
    let period = fm
        .field(&[
            "salary_period",
            "pay_period",
            "salary_unit",
            "pay_unit",
            "period",
        ])
        .and_then(|f| f.value.as_str())
        .and_then(period_from_word);
    let currency = fm
        .field(&["salary_currency", "currency", "pay_currency"])
        .and_then(|f| f.value.as_str())
        .map(str::to_string);
    let min = fm.field(&[
        "salary_min",
        "min_salary",
        "salary_from",
        "pay_min",
        "min_pay",
        "salary_low",
    ]);
    let max = fm.field(&[
        "salary_max",
        "max_salary",
        "salary_to",
        "pay_max",
        "max_pay",
        "salary_high",
    ]);
    let mut found = Vec::new();
    let number = |f: &crate::document::Field| f.value.as_str().and_then(parse_loose_number);
    match (
        min.and_then(|f| number(f).map(|n| (f, n))),
        max.and_then(|f| number(f).map(|n| (f, n))),
    ) {
        (Some((fmin, a)), Some((fmax, b))) => found.push(Pay {
            span: fmin.value_span.start.min(fmax.value_span.start)
                ..fmin.value_span.end.max(fmax.value_span.end),
            min: a,
            max: b,
            currency: currency.clone(),
            period,
            bound: Bound::Range,
            from_front_matter: true,
        }),
        (Some((f, a)), None) => found.push(front_matter_pay(
            f,
            a,
            Bound::From,
            currency.clone(),
            period,
        )),
        (None, Some((f, b))) => found.push(front_matter_pay(
            f,
            b,
            Bound::UpTo,
            currency.clone(),
            period,
        )),
        (None, None) => {}
    }
    if let Some(field) = fm.field(&[
        "salary",
        "compensation",
        "pay",
        "salary_range",
        "pay_range",
        "base_salary",
        "wage",
    ]) {
        match &field.value {
            FieldValue::Map(pairs) => {
                let get = |names: &[&str]| {
                    pairs
                        .iter()
                        .find(|(k, _)| names.contains(&k.to_ascii_lowercase().as_str()))
                        .map(|(_, v)| v.as_str())
                };
                let lo = get(&["min", "minimum", "from", "low", "min_value", "minvalue"])
                    .and_then(parse_loose_number);
                let hi = get(&["max", "maximum", "to", "high", "max_value", "maxvalue"])
                    .and_then(parse_loose_number);
                let single = get(&["value", "amount"]).and_then(parse_loose_number);
                let period = get(&["period", "unit", "per", "unittext", "unit_text"])
                    .and_then(period_from_word)
                    .or(period);
                let currency = get(&["currency"]).map(str::to_string).or(currency.clone());
                let (min, max, bound) = match (lo, hi, single) {
                    (Some(a), Some(b), _) => (a, b, Bound::Range),
                    (Some(a), None, _) => (a, a, Bound::From),
                    (None, Some(b), _) => (b, b, Bound::UpTo),
                    (None, None, Some(v)) => (v, v, Bound::Single),
                    (None, None, None) => return found,
                };
                found.push(Pay {
                    span: field.value_span.clone(),
                    min,
                    max,
                    currency,
                    period,
                    bound,
                    from_front_matter: true,
                });
            }
            value => {
                let text = value.text();
                for mut pay in parse_text(&text) {
                    // Positions inside a YAML value need not match the source (quotes, folding).
                    pay.span = field.value_span.clone();
                    pay.from_front_matter = true;
                    pay.period = pay.period.or(period);
                    if pay.currency.is_none() {
                        pay.currency.clone_from(&currency);
                    }
                    found.push(pay);
                }
            }
        }
    }
    found
}

fn front_matter_pay(
    field: &crate::document::Field,
    value: f64,
    bound: Bound,
    currency: Option<String>,
    period: Option<Period>,
) -> Pay {
    Pay {
        span: field.value_span.clone(),
        min: value,
        max: value,
        currency,
        period,
        bound,
        from_front_matter: true,
    }
}

/// Whether `text` holds an ASCII digit. Most blocks hold none and are read to the end, so
/// the bytes are tested 32 at a time, in a fold the compiler turns into vector instructions.
fn has_digit(text: &str) -> bool {
    text.as_bytes().chunks(32).any(|chunk| {
        chunk
            .iter()
            .fold(0u8, |found, &b| found | u8::from(b.is_ascii_digit()))
            != 0
    })
}

/// Parses pay statements in one piece of text; spans are relative to `text`.
pub fn parse_text(text: &str) -> Vec<Pay> {
    // Every figure has a digit; most blocks of a posting have none.
    if !has_digit(text) {
        return Vec::new();
    }
    let amounts: Vec<Amount> = amount_matches(text)
        .into_iter()
        .filter_map(|caps| {
            let whole = caps.whole.clone();
            if caps.big {
                return None;
            }
            // Not part of a longer token such as a version number or a phone number.
            let before = text[..whole.start].chars().next_back();
            let after = text[whole.end..].chars().next();
            // A bare number glued to a code ("GS-15", "v2/3") is not a figure; "$45-$60" is.
            let glued = caps.pre.is_none()
                && matches!(before, Some('-' | '/'))
                && is_code_prefix(&text[..whole.start - 1]);
            if glued
                || before.is_some_and(|c| c.is_alphanumeric() || c == '.')
                || after.is_some_and(|c| c.is_alphanumeric() || c == '%')
            {
                return None;
            }
            let value = parse_number(&text[caps.num])?;
            let currency = caps.pre.or(caps.post).map(|r| text[r].trim().to_string());
            // A trailing space matched by an optional group is not part of the amount.
            let end = whole.start + text[whole.clone()].trim_end().len();
            Some(Amount {
                span: whole.start..end,
                value,
                thousands: caps.k,
                currency,
            })
        })
        .collect();

    let mut found = Vec::new();
    let mut i = 0;
    while i < amounts.len() {
        let a = &amounts[i];
        let pair = amounts.get(i + 1).filter(|b| {
            let gap = &text[a.span.end..b.span.start];
            let joined = joins_range(gap)
                || (gap.trim() == "and" && BETWEEN.is_match(&text[..a.span.start]));
            joined && (a.currency.is_some() || b.currency.is_some() || a.thousands || b.thousands)
        });
        let (span, min, max, currency, bound, thousands) = if let Some(b) = pair {
            i += 2;
            let k_a = a.thousands || (b.thousands && a.value < 1000.0);
            let min = a.value * if k_a { 1000.0 } else { 1.0 };
            let max = b.value * if b.thousands { 1000.0 } else { 1.0 };
            (
                a.span.start..b.span.end,
                min,
                max,
                a.currency.clone().or(b.currency.clone()),
                Bound::Range,
                k_a || b.thousands,
            )
        } else {
            i += 1;
            if a.currency.is_none() && !a.thousands {
                continue;
            }
            let value = a.value * if a.thousands { 1000.0 } else { 1.0 };
            let before = &text[..a.span.start];
            let after = &text[a.span.end..];
            let bound = if UP_TO.is_match(before) {
                Bound::UpTo
            } else if FROM.is_match(before) || PLUS_AFTER.is_match(after) {
                Bound::From
            } else {
                Bound::Single
            };
            (
                a.span.clone(),
                value,
                value,
                a.currency.clone(),
                bound,
                a.thousands,
            )
        };
        if currency.is_none() && !thousands {
            continue;
        }
        if HEDGE.is_match(sentence_before(text, span.start)) {
            continue;
        }
        let mut end = span.end;
        if bound == Bound::From && text[end..].starts_with('+') {
            end += 1;
        }
        let period = period_after(&text[end..]).or_else(|| period_near(text));
        found.push(Pay {
            span: span.start..end,
            min,
            max,
            currency,
            period,
            bound,
            from_front_matter: false,
        });
    }
    found
}

/// Whether `text` ends in letters that are a code ("GS", "IT"), not a figure's suffix ("90k").
fn is_code_prefix(text: &str) -> bool {
    let letters = text.trim_end_matches(char::is_alphabetic);
    letters.len() < text.len() && !letters.ends_with(|c: char| c.is_ascii_digit())
}

/// The text from the start of the sentence that holds `offset` up to `offset`.
fn sentence_before(text: &str, offset: usize) -> &str {
    let before = &text[..offset];
    let start = before
        .rmatch_indices(['\n', '!', '?', ';'])
        .map(|(i, _)| i + 1)
        .chain(before.rmatch_indices(". ").map(|(i, _)| i + 2))
        .max()
        .unwrap_or(0);
    &before[start..]
}

fn period_after(text: &str) -> Option<Period> {
    let window: String = text.chars().take(24).collect();
    PERIOD_AFTER
        .captures(&window)
        .and_then(|c| c.name("p"))
        .and_then(|m| period_from_word(m.as_str()))
}

fn period_near(text: &str) -> Option<Period> {
    PERIOD_NEAR.captures(text).and_then(|c| {
        ["p1", "p2", "p3", "p4"]
            .iter()
            .find_map(|n| c.name(n))
            .and_then(|m| period_from_word(m.as_str()))
    })
}

/// Maps a word such as `hour`, `annually` or `YEAR` to a period.
pub fn period_from_word(word: &str) -> Option<Period> {
    let w = word.trim().to_ascii_lowercase().replace([' ', '.'], "");
    Some(match w.as_str() {
        "hour" | "hr" | "h" | "hourly" | "hours" => Period::Hour,
        "day" | "daily" | "days" => Period::Day,
        "week" | "wk" | "weekly" | "weeks" | "biweekly" => Period::Week,
        "month" | "mo" | "monthly" | "months" => Period::Month,
        "year" | "yr" | "annum" | "annually" | "yearly" | "annual" | "pa" | "years" => Period::Year,
        _ => return None,
    })
}

/// Parses a number written with `,`, `.` or spaces as thousands separators.
fn parse_number(raw: &str) -> Option<f64> {
    let raw: String = raw
        .chars()
        .map(|c| {
            if c == '\u{a0}' || c == '\u{202f}' {
                ' '
            } else {
                c
            }
        })
        .collect();
    let seps: Vec<(usize, char)> = raw
        .char_indices()
        .filter(|(_, c)| matches!(c, ',' | '.' | ' '))
        .collect();
    let Some(&(_, first_sep)) = seps.first() else {
        return raw.parse().ok();
    };
    let (last_at, last_sep) = *seps.last().expect("non-empty");
    let decimals = raw.len() - last_at - 1;
    // A final separator that differs from the thousands separator, followed by 1-2 digits, is the
    // decimal point: "1,234.56" or "1.234,56".
    let (int_part, frac) = if (last_sep != first_sep || seps.len() == 1) && decimals <= 2 {
        (&raw[..last_at], Some(&raw[last_at + 1..]))
    } else {
        (raw.as_str(), None)
    };
    let digits: String = int_part.chars().filter(char::is_ascii_digit).collect();
    let mut value: f64 = digits.parse().ok()?;
    if let Some(frac) = frac {
        value += format!("0.{frac}").parse::<f64>().ok()?;
    }
    Some(value)
}

/// Parses a front-matter figure: "132,552", "90000", "$120k".
fn parse_loose_number(text: &str) -> Option<f64> {
    let trimmed = text
        .trim()
        .trim_start_matches(|c: char| !c.is_ascii_digit());
    let k = trimmed.trim_end().ends_with(['k', 'K']);
    let digits = trimmed.trim_end_matches(|c: char| !c.is_ascii_digit());
    let value = parse_number(digits)?;
    Some(if k { value * 1000.0 } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `split_amount` rules out a place for a currency code unless it holds a capital letter.
    #[test]
    fn currency_codes_are_three_capital_letters() {
        for code in CURRENCY_CODES.split('|') {
            assert!(
                code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()),
                "{code}"
            );
        }
    }

    #[test]
    fn has_digit_is_any_ascii_digit() {
        let mut texts = crate::fixture_lines_and_texts();
        for n in [0, 1, 31, 32, 33, 64, 65] {
            texts.push("x".repeat(n));
            texts.push(format!("{}7", "x".repeat(n)));
            texts.push(format!("7{}", "é".repeat(n)));
        }
        texts.push("٣ ३ ３".to_string());
        for text in &texts {
            assert_eq!(
                has_digit(text),
                text.bytes().any(|b| b.is_ascii_digit()),
                "{text:?}"
            );
        }
    }

    /// The groups `split_amount` reads for each match the DFA finds, without the fallback.
    fn split_only(text: &str) -> Vec<Option<AmountMatch>> {
        AMOUNT
            .find_iter(text)
            .map(|m| split_amount(text, m.start()).filter(|a| a.whole.end == m.end()))
            .collect()
    }

    #[test]
    fn split_amount_reads_the_groups_the_regex_captures() {
        let prefixes = [
            "",
            "US$",
            "CA$",
            "C$",
            "A$",
            "NZ$",
            "$",
            "£",
            "€",
            "¥",
            "₹",
            "USD ",
            "USD",
            "EUR\u{a0}",
            "xUSD",
            "GBP",
            "US",
            "$ ",
            "CA",
        ];
        let numbers = [
            "1",
            "12",
            "123",
            "1234",
            "1,234",
            "12,345.67",
            "1.234,5",
            "1 234",
            "1\u{a0}234",
            "1\u{202f}234",
            "1234,567",
            "123,45",
            "1.5",
            "0.123",
            "12,3456",
            "1,234,567.891",
            "99.",
            "7,",
            "1 23",
            "12 345 678",
        ];
        let suffixes = [
            "",
            "k",
            "K",
            " k",
            "\u{a0}k",
            "kb",
            " thousand",
            "thousands",
            "m",
            "mm",
            " million",
            "bn",
            "B",
            " USD",
            "USD",
            " dollars",
            "dollarsx",
            "€",
            " €",
            "$",
            "k USD",
            "k$",
            "K EUR",
            "%",
            "-",
            " euros.",
            "k mm",
            " per year",
        ];
        let mut texts = crate::fixture_texts();
        for before in ["", " ", "(", "a", "-", "/", "é"] {
            for pre in prefixes {
                for num in numbers {
                    for suffix in suffixes {
                        texts.push(format!("{before}{pre}{num}{suffix} and 5"));
                    }
                }
            }
        }
        let mut matches = 0;
        for text in &texts {
            let split = split_only(text);
            let captured: Vec<Option<AmountMatch>> =
                amount_captures(text).into_iter().map(Some).collect();
            assert_eq!(split, captured, "{text:?}");
            matches += split.len();
        }
        assert!(matches > 50_000, "{matches} matches");
    }

    fn one(text: &str) -> Pay {
        let found = parse_text(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn ranges_in_the_forms_postings_use() {
        let cases: &[(&str, f64, f64, Option<Period>)] = &[
            ("$90,000–$120,000", 90_000.0, 120_000.0, None),
            ("$90k-120k", 90_000.0, 120_000.0, None),
            ("USD 120-150K", 120_000.0, 150_000.0, None),
            ("90 000 – 110 000 EUR", 90_000.0, 110_000.0, None),
            (
                "£45,000 to £55,000 per annum",
                45_000.0,
                55_000.0,
                Some(Period::Year),
            ),
            ("€60–70k", 60_000.0, 70_000.0, None),
            ("$45-$60/hr", 45.0, 60.0, Some(Period::Hour)),
            (
                "€60.000 - €75.000 brutto per year",
                60_000.0,
                75_000.0,
                Some(Period::Year),
            ),
            (
                "CA$80,000 — CA$95,500 annually",
                80_000.0,
                95_500.0,
                Some(Period::Year),
            ),
            ("$22.50 – $25.75 an hour", 22.5, 25.75, Some(Period::Hour)),
        ];
        for (text, min, max, period) in cases {
            let pay = one(text);
            assert_eq!(pay.bound, Bound::Range, "{text}");
            assert_eq!((pay.min, pay.max), (*min, *max), "{text}");
            assert_eq!(pay.period, *period, "{text}");
            let slice = &text[pay.span.clone()];
            assert_eq!(slice.trim_end(), slice, "{text}");
        }
    }

    #[test]
    fn open_ended_and_single_figures() {
        assert_eq!(one("up to $120,000 a year").bound, Bound::UpTo);
        assert_eq!(one("starting at $50,000").bound, Bound::From);
        let plus = one("$80k+ base");
        assert_eq!(plus.bound, Bound::From);
        assert_eq!(plus.span, 0..5);
        assert_eq!(one("$95,000 per year").bound, Bound::Single);
        assert_eq!(one("between $70,000 and $80,000").bound, Bound::Range);
        let gs = one("Base salary GS-15 - $105,123 to $136,659");
        assert_eq!((gs.min, gs.max), (105_123.0, 136_659.0));
    }

    #[test]
    fn not_pay() {
        for text in [
            "3-5 years of experience",
            "from 2019 to 2023",
            "we raised $40M in 2022",
            "a $2 billion market",
            "Python 3.11 to 3.12",
            "call 555-123-4567",
            "10-15 people",
            "Base salary GS-15",
            "hire talent for around $9,000 USD per year",
            "an hourly wage of approximately $57.55 or a weekly and monthly income of $2,302 and $9,975",
            "The median salary is $120,000 a year.",
        ] {
            assert!(
                parse_text(text).is_empty(),
                "{text}: {:?}",
                parse_text(text)
            );
        }
    }

    #[test]
    fn numbers_with_separators() {
        assert_eq!(parse_number("1,234.56"), Some(1234.56));
        assert_eq!(parse_number("1.234,56"), Some(1234.56));
        assert_eq!(parse_number("90 000"), Some(90_000.0));
        assert_eq!(parse_number("132,552"), Some(132_552.0));
        assert_eq!(parse_number("45.50"), Some(45.5));
        assert_eq!(parse_loose_number("'132,552' "), Some(132_552.0));
    }
}
