//! Precompiled automata for the built-in patterns.
//!
//! Compiling a regex is most of what linting one posting costs: parsing and translating the
//! pattern, building its NFA, and then, as the search goes, its lazy DFA. The built-in
//! patterns (the checks' own and the built-in data rules') never change between runs, so their
//! dense DFAs, forward and reverse, are built ahead and shipped in `builtin.dfa`, the way `bstr`
//! ships its segmenters' DFAs. Loading one is a validation pass over its bytes.
//!
//! The table is keyed by the exact pattern text and the way it is compiled ([`Kind`]): a
//! pattern that is not in it (a team rule, or a built-in one edited since the table was
//! generated) is compiled on the meta engine as before, with the same matches, only slower to
//! start. A DFA reports where a match is, not its groups: the meta engine for those is built
//! the first time a match's groups are asked for.
//!
//! A case-insensitive DFA tells `a` from `A` only because byte classes are ranges: it needs
//! twice the classes it would for one case, and up to twice the bytes. So where it comes out
//! smaller, a pattern that treats every ASCII letter's cases alike is built for lowercased
//! text instead ([`lowered`]), and searched in a lowercased copy of the posting that all its
//! searches share ([`lowercase_scope`]); offsets do not change.
//!
//! The table also holds the recommended preset's prefilter (one DFA over all its data rules,
//! reporting which match) and, per built-in data rule, literals one of which each of its
//! matches contains, which `RuleSet` uses to skip rules for the first postings of a run.
//!
//! `cargo test --lib automata::tests::regenerate -- --ignored --exact` writes the table anew;
//! `cargo test` fails while it is out of date, and checks that every precompiled automaton
//! finds what the meta engine finds.

use std::cell::RefCell;
use std::marker::PhantomData;
use std::ops::Range;
use std::rc::Rc;
use std::sync::OnceLock;

use regex_automata::dfa::{Automaton, dense};
use regex_automata::util::wire::AlignAs;
use regex_automata::{Input, meta};

/// A precompiled pattern: forward and reverse dense DFAs over the shipped bytes.
pub(crate) type Dfa = regex_automata::dfa::regex::Regex<Table>;

/// One DFA of the table, read in place.
pub(crate) type Table = dense::DFA<&'static [u32]>;

/// How a pattern is compiled, which is part of its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Kind {
    /// A built-in check's pattern ([`crate::pattern::regex`]).
    Builtin,
    /// A data rule's joined tokens, exceptions or `unless` patterns
    /// (`rules::kinds::token`).
    Token,
    /// The prefilter over a rule set's data rules: their patterns joined by NUL
    /// ([`prefilter_key`]); only the forward DFA is kept.
    Prefilter,
}

/// One precompiled pattern: byte ranges of its DFAs in [`BLOB`].
#[derive(Debug)]
struct Entry {
    kind: Kind,
    pattern: &'static str,
    forward: (usize, usize),
    reverse: (usize, usize),
    /// Whether the DFAs search ASCII-lowercased text ([`lowered`]).
    lower: bool,
}

/// The DFAs, little-endian, each starting on a 4-byte boundary.
static BLOB: &AlignAs<[u8], u32> = &AlignAs {
    _align: [],
    bytes: *include_bytes!("builtin.dfa"),
};

// `ENTRIES`, sorted by kind then pattern.
include!("index.rs");

/// A precompiled pattern. Loading a DFA validates all of its bytes, so the reverse DFA, which
/// only finds where a match starts, is loaded once there is a match: most patterns match
/// nothing in most postings.
#[derive(Debug, Clone)]
pub(crate) struct Precompiled {
    entry: &'static Entry,
    forward: Table,
    regex: OnceLock<Option<Dfa>>,
}

impl Precompiled {
    /// The table's copy of the pattern text.
    pub(crate) fn pattern(&self) -> &'static str {
        self.entry.pattern
    }

    /// Whether the pattern matches in `haystack` at or after `start` (the forward DFA alone).
    pub(crate) fn is_match(&self, haystack: &str, start: usize) -> bool {
        self.searched(haystack, |bytes| {
            self.forward
                .try_search_fwd(&Input::new(bytes).range(start..).earliest(true))
                .is_ok_and(|m| m.is_some())
        })
    }

    /// Whether [`Precompiled::regex`] has loaded both DFAs.
    pub(crate) fn loaded(&self) -> bool {
        self.regex.get().is_some_and(Option::is_some)
    }

    /// Where the leftmost-first match at or after `start` is, with both DFAs; an error if the
    /// reverse DFA cannot be loaded (the caller then uses the meta engine).
    pub(crate) fn find_at(
        &self,
        haystack: &str,
        start: usize,
    ) -> Result<Option<Range<usize>>, NoReverse> {
        let regex = self.regex().ok_or(NoReverse)?;
        Ok(self.searched(haystack, |bytes| {
            regex
                .find(Input::new(bytes).range(start..))
                .map(|m| m.range())
        }))
    }

    /// Every non-overlapping match in `haystack`, with both DFAs; an error if the reverse DFA
    /// cannot be loaded. The matches come as they are found, except for DFAs built for
    /// lowercased text, whose copy of the text the search would have to keep: those are found
    /// all at once.
    pub(crate) fn find_iter<'r, 'h>(
        &'r self,
        haystack: &'h str,
    ) -> Result<Matches<'r, 'h>, NoReverse> {
        let regex = self.regex().ok_or(NoReverse)?;
        Ok(if self.entry.lower {
            let all: Vec<Range<usize>> = regex
                .find_iter(&*lowered(haystack))
                .map(|m| m.range())
                .collect();
            Matches::Found(all.into_iter())
        } else {
            Matches::Searching(regex.find_iter(haystack.as_bytes()))
        })
    }

    /// `search` run on the bytes the DFAs read: `haystack`, or for DFAs built for lowercased
    /// text, its lowercased copy (same offsets).
    fn searched<T>(&self, haystack: &str, search: impl FnOnce(&[u8]) -> T) -> T {
        if self.entry.lower {
            search(&lowered(haystack))
        } else {
            search(haystack.as_bytes())
        }
    }

    /// Both DFAs, to find where matches start and end; `None` if the reverse DFA cannot be
    /// loaded.
    fn regex(&self) -> Option<&Dfa> {
        self.regex
            .get_or_init(|| {
                let reverse = load(self.entry.reverse)?;
                Some(
                    regex_automata::dfa::regex::Builder::new()
                        .build_from_dfas(self.forward.clone(), reverse),
                )
            })
            .as_ref()
    }
}

/// The matches of [`Precompiled::find_iter`], as byte ranges.
pub(crate) enum Matches<'r, 'h> {
    /// Found as the iterator goes.
    Searching(regex_automata::dfa::regex::FindMatches<'r, 'h, Table>),
    /// Found already.
    Found(std::vec::IntoIter<Range<usize>>),
}

impl Iterator for Matches<'_, '_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        match self {
            Matches::Searching(matches) => matches.next().map(|m| m.range()),
            Matches::Found(ranges) => ranges.next(),
        }
    }
}

/// A precompiled pattern's reverse DFA did not load (never, with the shipped table).
#[derive(Debug)]
pub(crate) struct NoReverse;

/// Text ASCII-lowercased, for DFAs built to search it: a case-insensitive pattern needs half
/// the byte classes then, and its DFA half the bytes to load. Lowercasing changes no offsets.
// Inline is the large one on purpose: it lives on the stack for one search, where boxing it
// would be the allocation it is there to avoid.
#[allow(clippy::large_enum_variant)]
pub(crate) enum Lowered {
    /// Part of the text of the current [`LowercaseScope`].
    Shared(Rc<[u8]>, Range<usize>),
    /// A short text (a heading, a list item) lowercased for this search, on the stack.
    Inline([u8; INLINE], usize),
    /// A longer one lowercased for this search.
    Owned(Vec<u8>),
}

/// The longest text [`Lowered::Inline`] holds.
const INLINE: usize = 256;

impl std::ops::Deref for Lowered {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Lowered::Shared(bytes, range) => &bytes[range.clone()],
            Lowered::Inline(bytes, len) => &bytes[..*len],
            Lowered::Owned(bytes) => bytes,
        }
    }
}

thread_local! {
    /// Where the text of the innermost [`LowercaseScope`] starts, and its lowercased copy.
    static SCOPE: RefCell<Option<(usize, Rc<[u8]>)>> = const { RefCell::new(None) };
}

/// While alive, searches of the text it was made for, or of any part of it, read one shared
/// lowercased copy instead of lowercasing their own. It borrows the text, so the text stays
/// where it is while registered.
pub(crate) struct LowercaseScope<'t> {
    previous: Option<(usize, Rc<[u8]>)>,
    _text: PhantomData<&'t str>,
}

/// Lowercases `text` once for the searches made while the scope returned is alive.
pub(crate) fn lowercase_scope(text: &str) -> LowercaseScope<'_> {
    // Copied once, into the shared allocation, and lowercased there.
    let mut copy: Rc<[u8]> = Rc::from(text.as_bytes());
    Rc::get_mut(&mut copy)
        .expect("a new Rc has no other owner")
        .make_ascii_lowercase();
    let previous = SCOPE.replace(Some((text.as_ptr().addr(), copy)));
    LowercaseScope {
        previous,
        _text: PhantomData,
    }
}

impl Drop for LowercaseScope<'_> {
    fn drop(&mut self) {
        SCOPE.set(self.previous.take());
    }
}

/// `haystack` ASCII-lowercased: the current scope's copy when `haystack` lies within its
/// text, else a fresh copy.
pub(crate) fn lowered(haystack: &str) -> Lowered {
    let at = haystack.as_ptr().addr();
    SCOPE
        .with_borrow(|scope| {
            let (base, bytes) = scope.as_ref()?;
            let start = at.checked_sub(*base)?;
            let end = start.checked_add(haystack.len())?;
            (end <= bytes.len()).then(|| Lowered::Shared(Rc::clone(bytes), start..end))
        })
        .unwrap_or_else(|| {
            let bytes = haystack.as_bytes();
            if bytes.len() <= INLINE {
                let mut inline = [0; INLINE];
                inline[..bytes.len()].copy_from_slice(bytes);
                inline[..bytes.len()].make_ascii_lowercase();
                Lowered::Inline(inline, bytes.len())
            } else {
                Lowered::Owned(bytes.to_ascii_lowercase())
            }
        })
}

/// The DFA at `(start, len)` in [`BLOB`].
fn load((start, len): (usize, usize)) -> Option<Table> {
    dense::DFA::from_bytes(BLOB.bytes.get(start..start + len)?)
        .ok()
        .map(|(dfa, _)| dfa)
}

/// The table's entry for `key` compiled as `kind`; `None` if there is none or the table cannot
/// be used here (it is little-endian).
fn entry(kind: Kind, key: &str) -> Option<&'static Entry> {
    if cfg!(target_endian = "big") {
        return None;
    }
    let at = ENTRIES
        .binary_search_by(|e| (e.kind, e.pattern).cmp(&(kind, key)))
        .ok()?;
    Some(&ENTRIES[at])
}

/// The precompiled automaton for `pattern` compiled as `kind` (not a prefilter: see
/// [`lookup_prefilter`]); `None` if it is not in the table or cannot be loaded here.
pub(crate) fn lookup(kind: Kind, pattern: &str) -> Option<Precompiled> {
    let entry = entry(kind, pattern).filter(|e| e.kind != Kind::Prefilter)?;
    Some(Precompiled {
        entry,
        forward: load(entry.forward)?,
        regex: OnceLock::new(),
    })
}

/// The key of the prefilter over data-rule `patterns` (in rule order) in the table.
pub(crate) fn prefilter_key(patterns: &[&str]) -> String {
    patterns.join("\0")
}

/// The precompiled prefilter (a multi-pattern DFA reporting every pattern that matches) for
/// the key of [`prefilter_key`], and whether it searches lowercased text ([`lowered`]).
pub(crate) fn lookup_prefilter(key: &str) -> Option<(Table, bool)> {
    let entry = entry(Kind::Prefilter, key)?;
    Some((load(entry.forward)?, entry.lower))
}

/// The precompiled prefilter over the most of `patterns`, for a set that has none of its own
/// (a preset with rules turned off, another preset, team rules): for each pattern, its pattern
/// in the prefilter, or `None` when it has none. `None` when no prefilter holds any of them.
pub(crate) fn covering_prefilter(patterns: &[&str]) -> Option<(Table, bool, Vec<Option<usize>>)> {
    if cfg!(target_endian = "big") {
        return None;
    }
    let (entry, ids) = ENTRIES
        .iter()
        .filter(|e| e.kind == Kind::Prefilter)
        .map(|e| {
            let held: std::collections::HashMap<&str, usize> = e
                .pattern
                .split('\0')
                .enumerate()
                .map(|(i, p)| (p, i))
                .collect();
            let ids: Vec<Option<usize>> = patterns.iter().map(|p| held.get(p).copied()).collect();
            (e, ids)
        })
        .max_by_key(|(_, ids)| ids.iter().flatten().count())?;
    if ids.iter().all(Option::is_none) {
        return None;
    }
    Some((load(entry.forward)?, entry.lower, ids))
}

/// Literals (or their first few bytes), ASCII letters lowercased, one of which every match of a
/// data rule's pattern (`rules::kinds::token`) contains: the pattern can match only where one of
/// them occurs, ignoring ASCII case. `None` when the pattern has no such finite set (or is not
/// in the table).
pub(crate) fn required_literals(pattern: &str) -> Option<&'static [&'static [u8]]> {
    let at = LITERALS.binary_search_by(|l| l.pattern.cmp(pattern)).ok()?;
    Some(LITERALS[at].literals)
}

/// The required literals of one data rule's pattern (see [`required_literals`]).
struct Literals {
    pattern: &'static str,
    literals: &'static [&'static [u8]],
}

/// The meta engine for `pattern`, compiled as `kind` compiles it when it is not precompiled.
pub(crate) fn meta_of(kind: Kind, pattern: &str) -> Result<meta::Regex, String> {
    match kind {
        Kind::Builtin => crate::pattern::builtin_meta(pattern),
        Kind::Token => crate::rules::kinds::compile_meta(pattern),
        Kind::Prefilter => Err("a prefilter has no meta engine of its own".to_string()),
    }
}

/// Every built-in check's pattern compiled so far in this test process.
#[cfg(test)]
static RECORDED: std::sync::Mutex<std::collections::BTreeSet<String>> =
    std::sync::Mutex::new(std::collections::BTreeSet::new());

/// Notes that `pattern` is a built-in check's pattern, for the table's generator and its
/// freshness test. (The data rules' patterns are read from the catalog.)
#[cfg(test)]
pub(crate) fn record(pattern: &str) {
    RECORDED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .insert(pattern.to_string());
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::fmt::Write as _;
    use std::path::Path;

    use regex_automata::PatternID;
    use regex_automata::dfa::dense;

    use super::{ENTRIES, Kind, RECORDED, lookup, meta_of, prefilter_key};
    use crate::rules::Catalog;

    /// The largest DFA the table holds; a pattern whose DFA would be larger stays on the meta
    /// engine.
    const DFA_LIMIT: usize = 1 << 20;

    /// Every built-in pattern: compiles everything each built-in rule uses and lints the
    /// fixtures and examples with every rule on, then reads what was compiled.
    fn builtin_patterns() -> BTreeSet<(Kind, String)> {
        Catalog::builtin().prepare();
        let all = crate::RuleSet::all();
        for (path, text) in crate::fixture_postings() {
            crate::lint_str(&path, &text, &all);
            let doc =
                crate::document::Document::parse(&text, crate::document::Format::from_path(&path));
            crate::metrics::Metrics::of(&doc);
        }
        let mut patterns: BTreeSet<(Kind, String)> = RECORDED
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .iter()
            .map(|p| (Kind::Builtin, p.clone()))
            .collect();
        // The data rules' patterns come from the catalog, not from what was compiled: a unit
        // test compiles a made-up rule the way built-in ones are compiled.
        for rule in Catalog::builtin().rules() {
            if let Some(tokens) = rule.token_rule() {
                for pattern in tokens.patterns() {
                    patterns.insert((Kind::Token, pattern.to_string()));
                }
            }
        }
        let recommended = recommended_data_patterns();
        let recommended: Vec<&str> = recommended.iter().map(String::as_str).collect();
        patterns.insert((Kind::Prefilter, prefilter_key(&recommended)));
        patterns
    }

    /// The patterns of the recommended preset's data rules, in rule order: what its prefilter
    /// is built over.
    fn recommended_data_patterns() -> Vec<String> {
        crate::RuleSet::recommended()
            .rules()
            .iter()
            .filter_map(|r| r.meta.token_rule().map(|t| t.pattern().to_string()))
            .collect()
    }

    /// The forward and reverse DFAs of `pattern`, compiled as `kind` compiles it on the meta
    /// engine, serialized, and whether they are for ASCII-lowercased text ([`lowercased`]):
    /// whichever is smaller, or whichever fits. `None` if a dense DFA cannot run it (a Unicode
    /// word boundary) or would be too large either way.
    fn build(kind: Kind, pattern: &str) -> Option<(Vec<u8>, Vec<u8>, bool)> {
        let plain = build_from_hirs(kind, pattern, false);
        let lowered = build_from_hirs(kind, pattern, true);
        // The lowered DFAs may fit where the plain ones are too large.
        match (plain, lowered) {
            (Some(plain), Some(lowered)) if lowered.0.len() >= plain.0.len() => {
                Some((plain.0, plain.1, false))
            }
            (_, Some((forward, reverse))) => Some((forward, reverse, true)),
            (Some((forward, reverse)), None) => Some((forward, reverse, false)),
            (None, None) => None,
        }
    }

    /// The syntax `pattern` is compiled in as `kind`, so that the DFAs and the meta engine find
    /// the same matches.
    fn syntax_of(kind: Kind, pattern: &str) -> Option<regex_automata::util::syntax::Config> {
        Some(match kind {
            Kind::Builtin => crate::pattern::builtin_meta_and_syntax(pattern).ok()?.1,
            Kind::Token | Kind::Prefilter => crate::rules::kinds::syntax_for(pattern.is_ascii()),
        })
    }

    /// [`build`]'s DFAs for `pattern` as written or, with `lower`, for lowercased text; `None`
    /// also when `lower` is asked for a pattern that [`lowercased`] cannot rewrite.
    fn build_from_hirs(kind: Kind, pattern: &str, lower: bool) -> Option<(Vec<u8>, Vec<u8>)> {
        use regex_automata::nfa::thompson;
        let bytes = |dfa: &dense::DFA<Vec<u32>>| {
            let (bytes, pad) = dfa.to_bytes_little_endian();
            bytes[pad..].to_vec()
        };
        let syntax = syntax_of(kind, pattern)?;
        let patterns: Vec<&str> = if kind == Kind::Prefilter {
            pattern.split('\0').collect()
        } else {
            vec![pattern]
        };
        let hirs = patterns
            .iter()
            .map(|p| {
                let hir = regex_automata::util::syntax::parse_with(p, &syntax).ok()?;
                if lower { lowercased(&hir) } else { Some(hir) }
            })
            .collect::<Option<Vec<_>>>()?;
        let nfa = |reverse: bool| {
            thompson::Compiler::new()
                .configure(
                    thompson::Config::new()
                        .which_captures(thompson::WhichCaptures::None)
                        .reverse(reverse),
                )
                .build_many_from_hir(&hirs)
                .ok()
        };
        if kind == Kind::Prefilter {
            // As `Prefilter::meta` compiles it: every pattern that matches, in one pass
            // (unanchored, as below).
            let dfa = dense::Builder::new()
                .configure(
                    dense::Config::new()
                        .match_kind(regex_automata::MatchKind::All)
                        .start_kind(regex_automata::dfa::StartKind::Unanchored)
                        .minimize(true)
                        .dfa_size_limit(Some(DFA_LIMIT * 8))
                        .determinize_size_limit(Some(DFA_LIMIT * 32)),
                )
                .build_from_nfa(&nfa(false)?)
                .ok()?;
            return Some((bytes(&dfa), Vec::new()));
        }
        // As `dfa::regex::Builder` builds the pair, with two differences:
        // - The forward DFA has only the unanchored start states. No search here is anchored,
        //   and the anchored ones' states made the table half as large again (10.9 MB against
        //   7.5 MB), all of it checked as each DFA loads.
        // - The builder gets eight times the limit to work in, and the minimized DFAs are held
        //   to it. The patterns for years of experience go over the limit while being built,
        //   but come to 182 KB and 246 KB once minimized.
        let config = dense::Config::new()
            .minimize(true)
            .dfa_size_limit(Some(DFA_LIMIT * 8))
            .determinize_size_limit(Some(DFA_LIMIT * 32));
        let forward = dense::Builder::new()
            .configure(
                config
                    .clone()
                    .start_kind(regex_automata::dfa::StartKind::Unanchored),
            )
            .build_from_nfa(&nfa(false)?)
            .ok()?;
        let reverse = dense::Builder::new()
            .configure(
                config
                    .prefilter(None)
                    .specialize_start_states(false)
                    .start_kind(regex_automata::dfa::StartKind::Anchored)
                    .match_kind(regex_automata::MatchKind::All),
            )
            .build_from_nfa(&nfa(true)?)
            .ok()?;
        let (forward, reverse) = (bytes(&forward), bytes(&reverse));
        (forward.len() <= DFA_LIMIT && reverse.len() <= DFA_LIMIT).then_some((forward, reverse))
    }

    /// `hir` for ASCII-lowercased text: every class without `A`-`Z`. A case-insensitive pattern
    /// then needs half the byte classes, and its DFA half the bytes. `None` if that would change
    /// what the pattern matches: if a literal or a class tells an ASCII letter's cases apart.
    fn lowercased(hir: &regex_syntax::hir::Hir) -> Option<regex_syntax::hir::Hir> {
        use regex_syntax::hir::{
            Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir,
            HirKind, Repetition,
        };
        let cased =
            |has: &dyn Fn(u8) -> bool| (b'a'..=b'z').all(|l| has(l) == has(l.to_ascii_uppercase()));
        Some(match hir.kind() {
            HirKind::Empty => Hir::empty(),
            HirKind::Literal(lit) => {
                if lit.0.iter().any(u8::is_ascii_alphabetic) {
                    return None;
                }
                hir.clone()
            }
            HirKind::Class(Class::Bytes(class)) => {
                let has = |b: u8| {
                    class
                        .ranges()
                        .iter()
                        .any(|r| r.start() <= b && b <= r.end())
                };
                if !cased(&has) {
                    return None;
                }
                let mut class = class.clone();
                class.difference(&ClassBytes::new([ClassBytesRange::new(b'A', b'Z')]));
                Hir::class(Class::Bytes(class))
            }
            HirKind::Class(Class::Unicode(class)) => {
                let has = |b: u8| {
                    let c = char::from(b);
                    class
                        .ranges()
                        .iter()
                        .any(|r| r.start() <= c && c <= r.end())
                };
                if !cased(&has) {
                    return None;
                }
                let mut class = class.clone();
                class.difference(&ClassUnicode::new([ClassUnicodeRange::new('A', 'Z')]));
                Hir::class(Class::Unicode(class))
            }
            HirKind::Look(_) => hir.clone(),
            HirKind::Repetition(rep) => Hir::repetition(Repetition {
                sub: Box::new(lowercased(&rep.sub)?),
                ..rep.clone()
            }),
            HirKind::Capture(cap) => Hir::capture(Capture {
                sub: Box::new(lowercased(&cap.sub)?),
                ..cap.clone()
            }),
            HirKind::Concat(subs) => {
                Hir::concat(subs.iter().map(lowercased).collect::<Option<_>>()?)
            }
            HirKind::Alternation(subs) => {
                Hir::alternation(subs.iter().map(lowercased).collect::<Option<_>>()?)
            }
        })
    }

    /// The longest literal kept: shorter literals keep the automaton built at start-up small,
    /// and still rule out most data rules for most postings.
    const PREFIX_LEN: usize = 24;

    /// Literals one of which every match of a data rule's pattern contains (see
    /// [`super::required_literals`]), read with case folding off (the search ignores ASCII case
    /// instead), cut to [`PREFIX_LEN`] bytes and lowercased. `None` for a pattern compiled in
    /// Unicode mode (where case folding is not ASCII's) or with no such finite set.
    fn required_of(pattern: &str) -> Option<Vec<Vec<u8>>> {
        if !pattern.is_ascii() {
            return None;
        }
        let sensitive = pattern.strip_prefix("(?i)").unwrap_or(pattern);
        let hir = regex_syntax::ParserBuilder::new()
            .unicode(false)
            .utf8(false)
            .build()
            .parse(sensitive)
            .ok()?;
        required(&hir)
    }

    /// Literals one of which every match of `hir` contains, chosen to occur as seldom as can
    /// be: for a sequence, the prefixes of the rest of it from whichever item gives the rarest
    /// set, or what one item requires; for alternatives, what each requires.
    fn required(hir: &regex_syntax::hir::Hir) -> Option<Vec<Vec<u8>>> {
        use regex_syntax::hir::{Hir, HirKind};
        match hir.kind() {
            HirKind::Concat(subs) => {
                let mut best: Option<(Vec<Vec<u8>>, Rarity)> = None;
                for i in 0..subs.len() {
                    let candidates = [
                        prefixes(&Hir::concat(subs[i..].to_vec())),
                        required(&subs[i]),
                    ];
                    for candidate in candidates.into_iter().flatten() {
                        let score = rarity(&candidate);
                        if best.as_ref().is_none_or(|(_, b)| score < *b) {
                            best = Some((candidate, score));
                        }
                    }
                }
                best.map(|(literals, _)| literals)
            }
            HirKind::Alternation(subs) => {
                let mut all = Vec::new();
                for sub in subs {
                    all.extend(required(sub)?);
                }
                tidy(&all)
            }
            HirKind::Repetition(rep) if rep.min >= 1 => required(&rep.sub),
            HirKind::Capture(cap) => required(&cap.sub),
            HirKind::Literal(_) | HirKind::Class(_) => prefixes(hir),
            _ => None,
        }
    }

    /// The prefix literals regex-syntax extracts from `hir`, tidied (see [`tidy`]).
    fn prefixes(hir: &regex_syntax::hir::Hir) -> Option<Vec<Vec<u8>>> {
        use regex_syntax::hir::literal::{ExtractKind, Extractor};
        let seq = Extractor::new().kind(ExtractKind::Prefix).extract(hir);
        let literals: Vec<Vec<u8>> = seq
            .literals()?
            .iter()
            .map(|l| l.as_bytes().to_vec())
            .collect();
        tidy(&literals)
    }

    /// `literals` cut to [`PREFIX_LEN`] bytes, lowercased, sorted, without any that another
    /// one starts; `None` if one is shorter than the two bytes the filter looks up.
    fn tidy(literals: &[Vec<u8>]) -> Option<Vec<Vec<u8>>> {
        let mut cut: Vec<Vec<u8>> = literals
            .iter()
            .map(|l| l[..l.len().min(PREFIX_LEN)].to_ascii_lowercase())
            .collect();
        if cut.iter().any(|l| l.len() < 2) {
            return None;
        }
        cut.sort();
        cut.dedup();
        // Sorted, a literal that another starts comes right after it (or after one it starts).
        let mut kept: Vec<Vec<u8>> = Vec::new();
        for l in cut {
            if !kept.last().is_some_and(|k| l.starts_with(k)) {
                kept.push(l);
            }
        }
        Some(kept)
    }

    /// What [`rarity`] says of a set of literals.
    type Rarity = (usize, usize, f64);

    /// How many of `literals` are shorter than four bytes (short ones turn up inside any
    /// word), how many of the repository's own postings (fixtures and examples, lowercased) hold
    /// one of them, then how often one would start at a given byte if letters were equally
    /// likely, counting each as if at most ten bytes long and at least one in 27 to the tenth:
    /// lower is rarer. Only the choice of literals rests on this, never whether a rule
    /// is checked; but a new fixture can change the choice, and then the table is regenerated
    /// like after a pattern edit. Without the postings, a corpus posting passed 3.6 rules
    /// instead of 1.5.
    fn rarity(literals: &[Vec<u8>]) -> Rarity {
        static POSTINGS: std::sync::LazyLock<Vec<Vec<u8>>> = std::sync::LazyLock::new(|| {
            crate::fixture_postings()
                .into_iter()
                .map(|(_, text)| text.to_ascii_lowercase().into_bytes())
                .collect()
        });
        let holding = POSTINGS
            .iter()
            .filter(|text| {
                literals
                    .iter()
                    .any(|l| memchr::memmem::find(text, l).is_some())
            })
            .count();
        let chance = literals
            .iter()
            // Past ten bytes a literal is as good as unique; each literal costs at least that
            // much, so that a set does not grow a hundredfold to gain little.
            .map(|l| 27f64.powi(-i32::try_from(l.len().min(10)).unwrap_or(10)) + 27f64.powi(-10))
            .sum();
        let short = literals.iter().filter(|l| l.len() < 4).count();
        (short, holding, chance)
    }

    /// A byte string as a Rust literal.
    fn byte_literal(bytes: &[u8]) -> String {
        let mut out = String::from("b\"");
        for &b in bytes {
            match b {
                b'"' | b'\\' => {
                    out.push('\\');
                    out.push(char::from(b));
                }
                0x20..=0x7e => out.push(char::from(b)),
                _ => write!(out, "\\x{b:02x}").expect("writing to a String"),
            }
        }
        out.push('"');
        out
    }

    /// The table's files for `patterns`: the blob and the index.
    fn generate(patterns: &BTreeSet<(Kind, String)>) -> (Vec<u8>, String) {
        let mut blob = Vec::new();
        let mut index = String::from(
            "// @generated by `cargo test --lib automata::tests::regenerate -- --ignored --exact`.\n\
             // Do not edit: see src/automata/mod.rs.\n\
             #[allow(clippy::unreadable_literal)]\n\
             static ENTRIES: &[Entry] = &[\n",
        );
        let put = |bytes: &[u8], blob: &mut Vec<u8>| {
            while blob.len() % 4 != 0 {
                blob.push(0);
            }
            let start = blob.len();
            blob.extend_from_slice(bytes);
            (start, bytes.len())
        };
        for (kind, pattern) in patterns {
            let Some((forward, reverse, lower)) = build(*kind, pattern) else {
                continue;
            };
            let forward = put(&forward, &mut blob);
            let reverse = put(&reverse, &mut blob);
            writeln!(
                index,
                "    Entry {{\n        kind: Kind::{kind:?},\n        pattern: {pattern:?},\n        \
                 forward: ({}, {}),\n        reverse: ({}, {}),\n        lower: {lower},\n    }},",
                forward.0, forward.1, reverse.0, reverse.1
            )
            .expect("writing to a String");
        }
        index.push_str("];\n\nstatic LITERALS: &[Literals] = &[\n");
        let mut rule_patterns: Vec<String> = Catalog::builtin()
            .rules()
            .iter()
            .filter_map(|r| r.token_rule().map(|t| t.pattern().to_string()))
            .collect();
        rule_patterns.sort();
        for pattern in rule_patterns {
            let Some(literals) = required_of(&pattern) else {
                continue;
            };
            let literals: Vec<String> = literals.iter().map(|p| byte_literal(p)).collect();
            writeln!(
                index,
                "    Literals {{\n        pattern: {pattern:?},\n        literals: &[{}],\n    }},",
                literals.join(", ")
            )
            .expect("writing to a String");
        }
        index.push_str("];\n");
        (blob, index)
    }

    fn table_path(name: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/automata")
            .join(name)
    }

    #[test]
    #[ignore = "writes src/automata/; run alone to regenerate the table"]
    fn regenerate() {
        let (blob, index) = generate(&builtin_patterns());
        std::fs::write(table_path("builtin.dfa"), blob).expect("write the blob");
        std::fs::write(table_path("index.rs"), index).expect("write the index");
    }

    #[test]
    fn table_is_current() {
        let patterns = builtin_patterns();
        let missing: Vec<_> = patterns
            .iter()
            .filter(|(kind, pattern)| {
                let in_table = ENTRIES
                    .binary_search_by(|e| (e.kind, e.pattern).cmp(&(*kind, pattern.as_str())))
                    .is_ok();
                !in_table && build(*kind, pattern).is_some()
            })
            .collect();
        assert!(
            missing.is_empty(),
            "built-in patterns missing from src/automata (regenerate it: \
             cargo test --lib automata::tests::regenerate -- --ignored --exact): {missing:#?}"
        );
        let (blob, index) = generate(&patterns);
        assert!(
            blob == super::BLOB.bytes && index == include_str!("index.rs"),
            "src/automata is out of date; regenerate it: \
             cargo test --lib automata::tests::regenerate -- --ignored --exact"
        );
    }

    /// The recommended preset's precompiled prefilter reports the rules the meta engine's
    /// prefilter reports, on every line of every fixture and example and on each whole.
    #[test]
    fn precompiled_prefilter_matches_meta() {
        let patterns = recommended_data_patterns();
        let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
        let (dfa, ids) =
            crate::rules::kinds::Prefilter::for_patterns(&patterns).expect("prefilter builds");
        assert!(
            matches!(dfa, crate::rules::kinds::Prefilter::Dfa(..)),
            "the recommended prefilter is precompiled"
        );
        assert!(
            ids.iter()
                .enumerate()
                .all(|(i, id)| *id == Some(PatternID::must(i)))
        );
        let meta = crate::rules::kinds::Prefilter::Meta(
            crate::rules::kinds::Prefilter::meta(&patterns).expect("meta prefilter builds"),
        );
        let mut matched = 0;
        for text in crate::fixture_lines_and_texts() {
            let by_dfa: Vec<_> = dfa.matching(&text).iter().collect();
            let by_meta: Vec<_> = meta.matching(&text).iter().collect();
            matched += by_meta.len();
            assert_eq!(by_dfa, by_meta, "{text}");
        }
        assert!(matched > 20, "rules matched: {matched}");
    }

    /// A set of data rules with no prefilter of its own (one rule off, one the preset lacks)
    /// gets the recommended one: each pattern it holds reports as the meta engine's prefilter
    /// over the set does, and the pattern it lacks is left out. A set it holds nothing of is
    /// left to the meta engine.
    #[test]
    fn a_set_without_its_own_prefilter_borrows_the_recommended_one() {
        use crate::rules::kinds::Prefilter;
        let recommended = recommended_data_patterns();
        let mut patterns: Vec<&str> = recommended.iter().map(String::as_str).collect();
        patterns.remove(3);
        let own = r"(?i)(?-u:\b)(?:remote|hybrid)(?-u:\b)";
        patterns.push(own);
        let (filter, ids) = Prefilter::for_patterns(&patterns).expect("prefilter builds");
        assert!(matches!(filter, Prefilter::Dfa(..)));
        assert_eq!(ids.last(), Some(&None));
        let meta = Prefilter::Meta(Prefilter::meta(&patterns).expect("meta prefilter builds"));
        let mut matched = 0;
        for text in crate::fixture_lines_and_texts() {
            let by_dfa = filter.matching(&text);
            let by_meta: Vec<usize> = meta
                .matching(&text)
                .iter()
                .map(|id| id.as_usize())
                .filter(|&i| ids[i].is_some())
                .collect();
            let borrowed: Vec<usize> = (0..patterns.len())
                .filter(|&i| ids[i].is_some_and(|id| by_dfa.contains(id)))
                .collect();
            matched += borrowed.len();
            assert_eq!(borrowed, by_meta, "{text}");
        }
        assert!(matched > 20, "rules matched: {matched}");
        let (alone, _) = Prefilter::for_patterns(&[own]).expect("prefilter builds");
        assert!(matches!(alone, Prefilter::Meta(..)));
    }

    #[test]
    fn lowercasing_keeps_what_a_pattern_matches() {
        let syntax = crate::rules::kinds::syntax_for(true);
        let hir = |p: &str| regex_automata::util::syntax::parse_with(p, &syntax).expect("parses");
        // Telling cases apart: a case-sensitive letter, a class of one case.
        for pattern in [
            r"(?i)young(?-i:X)",
            r"[A-Z]\w+",
            r"Inc\.",
            r"(?i)a(?-i:[^a])",
        ] {
            assert!(lowercased(&hir(pattern)).is_none(), "{pattern}");
        }
        let lowered = lowercased(&hir(r"(?i)(?-u:\b)young (?:and|&) [a-z]+\d")).expect("caseless");
        assert_eq!(
            lowered.to_string(),
            hir(r"(?-u:\b)young (?:and|&) [a-z]+\d").to_string()
        );
    }

    #[test]
    fn lowered_text_is_shared_within_a_scope() {
        let text = String::from("Young AND Dynamic");
        let part = &text[6..9];
        assert!(!matches!(super::lowered(part), super::Lowered::Shared(..)));
        {
            let _scope = super::lowercase_scope(&text);
            let found = super::lowered(part);
            assert!(matches!(found, super::Lowered::Shared(..)));
            assert_eq!(&*found, b"and");
            let other = String::from("ELSEWHERE");
            assert_eq!(&*super::lowered(&other), b"elsewhere");
            {
                let inner = String::from("Inner");
                let _nested = super::lowercase_scope(&inner);
                assert!(!matches!(super::lowered(part), super::Lowered::Shared(..)));
            }
            assert!(matches!(super::lowered(part), super::Lowered::Shared(..)));
        }
        assert!(!matches!(super::lowered(part), super::Lowered::Shared(..)));
        assert_eq!(&*super::lowered(part), b"and");
    }

    /// Every fixture and example.
    fn fixture_texts() -> Vec<String> {
        crate::fixture_postings()
            .into_iter()
            .map(|(_, text)| text)
            .collect()
    }

    /// Every precompiled automaton finds what the meta engine finds, on every fixture and
    /// example, searched whole and from each line start (where look-behind matters).
    #[test]
    fn precompiled_matches_meta() {
        let mut texts = fixture_texts();
        assert!(texts.len() > 50, "fixtures found: {}", texts.len());
        // Where engines could part: nothing at all, line endings, characters of every width,
        // a heading that is only punctuation, an unclosed tag.
        for edge in [
            "",
            "\n",
            "\r\n\r\n",
            "é—’€🙂 naïve Ünïcödé",
            "# ***\n\n---\n",
            "{{ page.salary_min",
            "[insert company name here](x) TBD $XXX,XXX",
            "YOUNG AND DYNAMIC Recent Graduates, ROCKSTAR Ninjas; Salary: USD 90K. CITIZENS ONLY",
        ] {
            texts.push(edge.to_string());
        }
        assert!(
            ENTRIES.len() > 50,
            "precompiled patterns: {}",
            ENTRIES.len()
        );
        for entry in ENTRIES.iter().filter(|e| e.kind != Kind::Prefilter) {
            let precompiled = lookup(entry.kind, entry.pattern).expect("every entry loads");
            let meta = meta_of(entry.kind, entry.pattern).expect("every entry compiles");
            for text in &texts {
                let by_dfa: Vec<_> = precompiled
                    .find_iter(text)
                    .expect("every reverse DFA loads")
                    .collect();
                let by_meta: Vec<_> = meta.find_iter(text.as_str()).map(|m| m.range()).collect();
                assert_eq!(by_dfa, by_meta, "pattern {:?}", entry.pattern);
                for (start, _) in text.match_indices('\n').step_by(7) {
                    let input = regex_automata::Input::new(text.as_str()).range(start + 1..);
                    let expected = meta.search(&input).map(|m| m.range());
                    assert_eq!(
                        precompiled.find_at(text, start + 1).expect("loads"),
                        expected,
                        "pattern {:?} from byte {}",
                        entry.pattern,
                        start + 1
                    );
                }
            }
        }
    }
}
