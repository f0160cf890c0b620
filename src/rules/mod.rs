//! The rule engine's vocabulary: the [`Rule`] trait, the [`Context`] rules report into, rule
//! metadata, and the compiled [`RuleSet`] that the engine runs.
//!
//! A rule decides *whether* and *where* something is wrong; it never decides severity. The
//! engine attaches the configured [`Level`] afterwards.

pub mod builtin;
pub mod catalog;
pub mod kinds;

use std::ops::Range;
use std::sync::Arc;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, Level};
use crate::document::Document;

pub use catalog::{Catalog, Category, Kind, RuleMeta, RulePreset, Status};

/// A check over a whole document.
pub trait Rule: Send + Sync {
    /// Reports every problem in `doc` through `cx`.
    fn check(&self, doc: &Document<'_>, cx: &mut Context<'_>);

    /// Builds now what `check` would build on first use (compiled patterns). The default does
    /// nothing.
    fn prepare(&self) {}
}

/// Collects the findings of one rule on one document.
pub struct Context<'a> {
    rule: &'a str,
    found: &'a mut Vec<Diagnostic>,
}

impl<'a> Context<'a> {
    /// A context that appends findings of `rule` to `found`.
    pub fn new(rule: &'a str, found: &'a mut Vec<Diagnostic>) -> Self {
        Self { rule, found }
    }

    /// Reports a problem at `span`; chain the returned builder to add a label, note, help or fix.
    pub fn report(&mut self, span: Range<usize>, message: impl Into<String>) -> Report<'_> {
        self.found.push(Diagnostic {
            rule: self.rule.to_string(),
            level: Level::Warn,
            message: message.into(),
            span,
            label: String::new(),
            secondary: Vec::new(),
            note: None,
            help: None,
            fix: None,
            document_level: false,
        });
        Report(self.found.last_mut().expect("just pushed"))
    }
}

/// Builder for the diagnostic just reported.
pub struct Report<'a>(&'a mut Diagnostic);

// The diagnostic is already recorded when the builder is made, so dropping it early is fine.
#[allow(clippy::return_self_not_must_use)]
impl Report<'_> {
    /// Sets the text next to the primary span.
    pub fn label(self, label: impl Into<String>) -> Self {
        self.0.label = label.into();
        self
    }

    /// Adds a secondary span with a short message.
    pub fn secondary(self, span: Range<usize>, message: impl Into<String>) -> Self {
        self.0.secondary.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// Sets why it matters.
    pub fn note(self, note: impl Into<String>) -> Self {
        self.0.note = Some(note.into());
        self
    }

    /// Sets what to do.
    pub fn help(self, help: impl Into<String>) -> Self {
        self.0.help = Some(help.into());
        self
    }

    /// Marks the finding as about the posting as a whole (something missing from it).
    pub fn document_level(self) -> Self {
        self.0.document_level = true;
        self
    }

    /// Offers replacing `span` (not necessarily the primary one) with `replacement`.
    pub fn edit(
        self,
        span: Range<usize>,
        replacement: impl Into<String>,
        applicability: Applicability,
    ) -> Self {
        self.0.fix = Some(Fix {
            edits: vec![Edit {
                span,
                replacement: replacement.into(),
            }],
            applicability,
        });
        self
    }

    /// Offers replacing the primary span with `replacement`.
    pub fn replace(self, replacement: impl Into<String>, applicability: Applicability) -> Self {
        let span = self.0.span.clone();
        self.edit(span, replacement, applicability)
    }
}

impl RuleSet {
    /// The literal filter for the documents linted before the prefilter is built.
    fn literal_filter(&self) -> Option<&LiteralFilter> {
        self.prefilter
            .literals
            .get_or_init(|| LiteralFilter::new(&self.rules, |_| true))
            .as_ref()
    }

    /// The data rules' prefilter; `None` for the first documents, when there is no data rule,
    /// or when it cannot be built.
    fn prefilter(&self) -> Option<&Prefiltered> {
        let slot = &self.prefilter;
        if let Some(built) = slot.built.get() {
            return built.as_ref();
        }
        if slot.seen.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < PREFILTER_AFTER {
            return None;
        }
        // One thread builds it; the others go on with the literal filter meanwhile, rather
        // than wait (loading the precompiled one takes about 10 M instructions).
        if slot
            .building
            .swap(true, std::sync::atomic::Ordering::AcqRel)
        {
            return slot.built.get().and_then(Option::as_ref);
        }
        slot.built
            .get_or_init(|| {
                let data: Vec<(usize, &str)> = (self.rules.iter().enumerate())
                    .filter_map(|(i, r)| r.meta.token_rule().map(|t| (i, t.pattern())))
                    .collect();
                if data.is_empty() {
                    return None;
                }
                let patterns: Vec<&str> = data.iter().map(|&(_, p)| p).collect();
                let (filter, pattern_ids) = kinds::Prefilter::for_patterns(&patterns)?;
                let mut ids = vec![None; self.rules.len()];
                for (&(rule, _), id) in data.iter().zip(pattern_ids) {
                    ids[rule] = id;
                }
                // The data rules the prefilter leaves out keep the literal filter.
                let left_out =
                    |i: usize| self.rules[i].meta.token_rule().is_some() && ids[i].is_none();
                let rest = LiteralFilter::new(&self.rules, left_out);
                Some(Prefiltered { filter, ids, rest })
            })
            .as_ref()
    }
}

/// A rule ready to run: its metadata, its configured level, and its compiled check.
#[derive(Clone)]
pub struct ActiveRule {
    /// Id, docs and defaults.
    pub meta: Arc<RuleMeta>,
    /// The configured level (never `Off`).
    pub level: Level,
    /// The check, built with the configured options.
    pub check: Arc<dyn Rule>,
}

/// The rules that apply to one file, in catalog order.
#[derive(Clone, Default)]
pub struct RuleSet {
    rules: Vec<ActiveRule>,
    catalog: Option<Arc<Catalog>>,
    prefilter: Arc<PrefilterSlot>,
}

/// The data rules' shared prefilter, built once the set has linted enough documents for it to
/// pay off (loading or building it costs a few milliseconds: too much for a single file on
/// save). Until then, a cheaper [`LiteralFilter`] rules out most data rules.
#[derive(Default)]
struct PrefilterSlot {
    seen: std::sync::atomic::AtomicUsize,
    /// Whether a thread has started building it.
    building: std::sync::atomic::AtomicBool,
    built: std::sync::OnceLock<Option<Prefiltered>>,
    literals: std::sync::OnceLock<Option<LiteralFilter>>,
}

/// A built prefilter with, for each rule, its pattern in the prefilter (`None` for built-in
/// rules and for data rules the prefilter leaves out), and a literal filter for those it leaves
/// out.
struct Prefiltered {
    filter: kinds::Prefilter,
    ids: Vec<Option<regex_automata::PatternID>>,
    rest: Option<LiteralFilter>,
}

/// For the first documents: literals one of which every match of each built-in data rule
/// contains ([`crate::automata::required_literals`]), looked up at each position of the
/// lowercased text by its next four bytes (two, for the few shorter literals). A rule none of
/// whose literals occur (ignoring ASCII case) cannot match, so its automaton is never loaded.
/// Building it takes microseconds, where loading a rule's DFA or building an Aho-Corasick
/// automaton over the literals takes far longer.
struct LiteralFilter {
    /// Literals of four bytes or more, keyed by their first four.
    long: Literals<u32>,
    /// Literals of two or three bytes, keyed by their first two.
    short: Literals<u16>,
    /// Which rules the filter can rule out (data rules with literals).
    filtered: Vec<bool>,
}

/// Literals, with the rule each belongs to, by a key of their first bytes. A key has a bit of
/// [`Literals::bits`] ([`Key::bit`]); the literals are grouped by the `u64` that bit is in, so
/// a look-up tests one bit and then reads a bucket of a few literals.
struct Literals<K> {
    /// `(key, literal, rule)`, bucket after bucket.
    entries: Vec<(K, &'static [u8], usize)>,
    /// Where each bucket starts in `entries`, and where the last ends.
    starts: Vec<u32>,
    /// Which bits some key has, 65,536 in all.
    bits: Vec<u64>,
}

/// A literal's first bytes, by which [`Literals`] finds it.
trait Key: Copy + Eq {
    /// The key's bit of [`Literals::bits`], one of 65,536.
    fn bit(self) -> usize;
}

/// Four bytes, hashed.
impl Key for u32 {
    fn bit(self) -> usize {
        (self.wrapping_mul(0x9E37_79B1) >> 16) as usize
    }
}

/// Two bytes, as they are.
impl Key for u16 {
    fn bit(self) -> usize {
        usize::from(self)
    }
}

impl<K: Key> Literals<K> {
    /// Groups `entries` by bucket (a counting sort: sorting them by key cost more than the rest
    /// of building the filter), keeping their order within each.
    fn new(entries: Vec<(K, &'static [u8], usize)>) -> Self {
        const WORDS: usize = 1 << 10;
        let mut bits = vec![0u64; WORDS];
        let mut starts = vec![0u32; WORDS + 1];
        for &(key, ..) in &entries {
            let b = key.bit();
            bits[b >> 6] |= 1 << (b & 63);
            starts[(b >> 6) + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut next = starts.clone();
        let mut grouped = entries.clone();
        for entry in entries {
            let at = &mut next[entry.0.bit() >> 6];
            grouped[*at as usize] = entry;
            *at += 1;
        }
        Literals {
            entries: grouped,
            starts,
            bits,
        }
    }

    /// The literals whose key is `key`.
    fn find(&self, key: K) -> impl Iterator<Item = (&'static [u8], usize)> + '_ {
        let b = key.bit();
        let word = b >> 6;
        let bucket = if self.bits[word] & (1 << (b & 63)) == 0 {
            &[][..]
        } else {
            &self.entries[self.starts[word] as usize..self.starts[word + 1] as usize]
        };
        bucket
            .iter()
            .filter(move |e| e.0 == key)
            .map(|&(_, literal, rule)| (literal, rule))
    }
}

impl LiteralFilter {
    /// The filter for the data rules of `rules` that `include` takes (by index); the others
    /// always pass.
    fn new(rules: &[ActiveRule], include: impl Fn(usize) -> bool) -> Option<LiteralFilter> {
        let (mut long, mut short) = (Vec::new(), Vec::new());
        let filtered: Vec<bool> = rules
            .iter()
            .enumerate()
            .map(|(i, rule)| {
                let required = (rule.meta.token_rule())
                    .filter(|_| include(i))
                    .and_then(|t| crate::automata::required_literals(t.pattern()))
                    .filter(|p| p.iter().all(|l| l.len() >= 2));
                for &literal in required.unwrap_or_default() {
                    match literal.first_chunk::<4>() {
                        Some(four) => long.push((u32::from_le_bytes(*four), literal, i)),
                        None => {
                            short.push((u16::from_le_bytes([literal[0], literal[1]]), literal, i));
                        }
                    }
                }
                required.is_some()
            })
            .collect();
        if long.is_empty() && short.is_empty() {
            return None;
        }
        Some(LiteralFilter {
            long: Literals::new(long),
            short: Literals::new(short),
            filtered,
        })
    }

    /// For each rule, whether it may match in `text`.
    fn passing(&self, text: &str) -> Vec<bool> {
        let mut pass: Vec<bool> = self.filtered.iter().map(|f| !f).collect();
        let mut left = self.filtered.iter().filter(|f| **f).count();
        // The literals are lowercase: so is the copy searched.
        let lowered = crate::automata::lowered(text);
        let bytes: &[u8] = &lowered;
        let mut seen = |literal: &[u8], rule: usize, at: usize| {
            if !pass[rule] && bytes[at..].starts_with(literal) {
                pass[rule] = true;
                left -= 1;
            }
            left == 0
        };
        for i in 0..bytes.len().saturating_sub(1) {
            if let Some(four) = bytes[i..].first_chunk::<4>() {
                let word = u32::from_le_bytes(*four);
                for (literal, rule) in self.long.find(word) {
                    if seen(literal, rule, i) {
                        return pass;
                    }
                }
            }
            if !self.short.entries.is_empty() {
                let pair = u16::from_le_bytes([bytes[i], bytes[i + 1]]);
                for (literal, rule) in self.short.find(pair) {
                    if seen(literal, rule, i) {
                        return pass;
                    }
                }
            }
        }
        pass
    }
}

/// Documents linted before the prefilter is built.
const PREFILTER_AFTER: usize = 8;

impl std::fmt::Debug for RuleSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.rules.iter().map(|r| (&r.meta.id, r.level)))
            .finish()
    }
}

impl RuleSet {
    /// A set from already-built rules.
    pub fn new(rules: Vec<ActiveRule>) -> Self {
        Self {
            rules,
            catalog: None,
            prefilter: Arc::default(),
        }
    }

    /// Sets the catalog the rules came from (built-in plus team rules), which suppression
    /// comments are checked against.
    #[must_use]
    pub fn with_catalog(mut self, catalog: Arc<Catalog>) -> Self {
        self.catalog = Some(catalog);
        self
    }

    /// The catalog the rules came from; the built-in one unless set.
    pub fn catalog(&self) -> &Catalog {
        self.catalog
            .as_deref()
            .unwrap_or_else(|| Catalog::builtin())
    }

    /// The configured level of rule `id`, or `None` when it is not active.
    pub fn level_of(&self, id: &str) -> Option<Level> {
        self.rules.iter().find(|r| r.meta.id == id).map(|r| r.level)
    }

    /// The active rules.
    pub fn rules(&self) -> &[ActiveRule] {
        &self.rules
    }

    /// Runs every rule over `doc` and returns the findings, levelled and sorted.
    pub fn check(&self, doc: &Document<'_>) -> Vec<Diagnostic> {
        let mut all = Vec::new();
        // The prefilter looks where data rules report, not at the rest (front matter, HTML,
        // code).
        let prefiltered = self.prefilter();
        let matching = prefiltered.map(|p| (p.filter.matching_in(kinds::texts_read(doc)), &p.ids));
        let passing = match prefiltered {
            Some(p) => p.rest.as_ref(),
            None => self.literal_filter(),
        }
        .map(|f| f.passing(doc.text()));
        for (i, rule) in self.rules.iter().enumerate() {
            // A data rule whose pattern matches in no block (nor the title) has nothing to
            // report.
            if let Some((set, ids)) = &matching
                && let Some(id) = ids[i]
                && !set.contains(id)
            {
                continue;
            }
            if passing.as_ref().is_some_and(|p| !p[i]) {
                continue;
            }
            let start = all.len();
            rule.check
                .check(doc, &mut Context::new(&rule.meta.id, &mut all));
            for d in &mut all[start..] {
                d.level = rule.level;
            }
        }
        all.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        all
    }
}

/// The Levenshtein distance between two strings, for "did you mean" suggestions.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The candidate closest to `input`, if it is close enough to be a plausible typo.
pub fn closest<'c>(input: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    candidates
        .into_iter()
        .map(|c| {
            // A prefix ("missing-salary" for "missing-salary-range") is a strong hint.
            let d = if c.starts_with(input) && input.len() >= 4 {
                0
            } else {
                edit_distance(input, c)
            };
            (d, c)
        })
        .filter(|(d, c)| *d <= (c.len().max(input.len()) / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The literal filter never rules out a data rule whose pattern matches, and rules out
    /// most of them for most postings (else it would be a filter in name only).
    #[test]
    fn literal_filter_keeps_every_rule_that_matches() {
        let all = crate::RuleSet::all();
        let filter =
            LiteralFilter::new(all.rules(), |_| true).expect("built-in data rules have literals");
        let (mut checked, mut ruled_out) = (0, 0);
        for (path, text) in crate::fixture_postings() {
            let passing = filter.passing(&text);
            for (i, rule) in all.rules().iter().enumerate() {
                let Some(tokens) = rule.meta.token_rule() else {
                    continue;
                };
                let matches = kinds::compile_meta(tokens.pattern())
                    .expect("built-in patterns compile")
                    .is_match(&text);
                assert!(
                    passing[i] || !matches,
                    "{} matches {} but was ruled out",
                    rule.meta.id,
                    path.display()
                );
                checked += 1;
                ruled_out += usize::from(!passing[i]);
            }
        }
        // The rules' own bad fixtures match them: at 8-byte prefixes 89% were ruled out.
        assert!(
            ruled_out * 100 > checked * 95,
            "ruled out {ruled_out} of {checked} rule checks"
        );
    }

    #[test]
    fn suggestions() {
        let ids = [
            "missing-salary-range",
            "missing-summary",
            "gendered-job-title",
        ];
        assert_eq!(closest("missing-salary", ids), Some("missing-salary-range"));
        assert_eq!(closest("missing-sumary", ids), Some("missing-summary"));
        assert_eq!(closest("gendered-title", ids), Some("gendered-job-title"));
        assert_eq!(closest("zzz", ids), None);
        assert_eq!(edit_distance("warning", "warn"), 3);
    }
}
