//! Regexes for the built-in checks, compiled for start-up speed.
//!
//! Every run needs every built-in pattern once, and for a single posting (an editor on save,
//! a pre-commit hook on one file) compiling them would be most of the time spent. So the
//! built-in patterns come precompiled as dense DFAs ([`crate::automata`]), and only a pattern
//! whose groups are asked for, once it has matched, is compiled on the meta engine. The meta
//! engine also runs patterns the table does not hold, and two things make compiling cheap:
//!
//! - The meta engine is built [`lean`], as for the data rules (`rules::kinds::token`).
//!   `regex::Regex` offers no such knobs, and builds each built-in pattern in about seven times
//!   the time.
//! - A pattern that can be compiled with Unicode mode off is (`(?i)`, `\w`, `\s`, `\d` and `\b`
//!   then stay ASCII, which is what these patterns mean). Unicode mode costs up to ten times as
//!   much to build. Non-ASCII characters still match as themselves, but `(?i)` does not fold
//!   them, so patterns spell out accented capitals: `(?:é|É)tudiant`. Patterns that could match
//!   part of a character without Unicode mode (`.`, `\W`, negated classes, classes holding
//!   non-ASCII characters) keep it; the syntax stays UTF-8-only either way, so no match splits a
//!   character. This is why negated classes are written `(?u:[^...])` (`(?u-i:[^...])` under
//!   `(?i)`), which keeps Unicode mode to that class, why `’` is written `(?:'|’)` rather than
//!   `['’]`, and why the checks strip punctuation at the ends of a heading in Rust
//!   ([`trim_non_word`]) rather than with `^\W*`. Where a word may hold accented letters
//!   ("développement", "josé@…"), `(?:\w|(?u:[^\x00-\x7F]))` counts any non-ASCII character
//!   as a word character: a Unicode `(?u:\w)` costs six times as much to build.

use std::ops::Range;
use std::sync::OnceLock;

use regex_automata::util::captures;
use regex_automata::util::syntax;
use regex_automata::{Input, meta};

use crate::automata;

/// A `memmem` searcher kept in a static and built at first use
/// (`static X: Needle = Needle::new(|| Finder::new(b"..."))`): building one costs more than
/// searching a block of a few hundred bytes, which is what most searches read.
pub(crate) type Needle = std::sync::LazyLock<memchr::memmem::Finder<'static>>;

/// A compiled pattern: the subset of `regex::Regex` the checks use. Built-in patterns come
/// precompiled ([`crate::automata`]): a search runs on a ready dense DFA, and the meta engine
/// is built only when the groups of a match are asked for. Others are built with the meta
/// engine at once.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    engine: Engine,
    /// A literal (lowercase ASCII) that every match holds in some ASCII case, ready to be
    /// searched for: see [`regex_holding`].
    holds: Option<memchr::memmem::Finder<'static>>,
}

#[derive(Debug, Clone)]
enum Engine {
    Meta(meta::Regex),
    Dfa {
        dfa: Box<automata::Precompiled>,
        /// The same pattern on the meta engine, for groups.
        groups: OnceLock<meta::Regex>,
        kind: automata::Kind,
    },
}

/// What finds a pattern's matches: see [`Pattern::finder`].
enum Finder<'p> {
    Meta(&'p meta::Regex),
    Dfa(&'p automata::Precompiled),
}

/// The meta engine as jdlint builds it, for built-in patterns and data rules alike: no literal
/// prefilter, one-pass DFA or full DFA, which cost more to build than they save on postings.
/// The lazy DFA finds matches; the bounded backtracker (free to build) or the `PikeVM` reports
/// their groups.
pub(crate) fn lean() -> meta::Config {
    meta::Config::new()
        .auto_prefilter(false)
        .onepass(false)
        .backtrack(true)
        .dfa(false)
}

/// Compiles a built-in check's `pattern`, in ASCII mode when it can be (when it cannot match
/// part of a character); precompiled when [`crate::automata`] has it.
pub(crate) fn regex(pattern: &str) -> Result<Pattern, String> {
    #[cfg(test)]
    automata::record(pattern);
    if let Some(pattern) = Pattern::precompiled(automata::Kind::Builtin, pattern) {
        return Ok(pattern);
    }
    builtin_meta(pattern).map(Pattern::from)
}

/// [`regex`], for a pattern every match of which holds `literal` (lowercase ASCII) in some
/// ASCII case: a text without it is not searched, which is a `memchr` pass over the posting's
/// shared lowercased copy ([`automata::lowered`]). For patterns too large to precompile: the
/// test is made only while the pattern runs on the meta engine. Another test checks on the
/// fixtures that every match holds the literal.
pub(crate) fn regex_holding(pattern: &str, literal: &'static [u8]) -> Result<Pattern, String> {
    #[cfg(test)]
    HOLDING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .push((pattern.to_string(), literal));
    let mut compiled = regex(pattern)?;
    compiled.holds = Some(memchr::memmem::Finder::new(literal));
    Ok(compiled)
}

/// The patterns compiled with [`regex_holding`] in this test process, with their literals.
#[cfg(test)]
static HOLDING: std::sync::Mutex<Vec<(String, &'static [u8])>> = std::sync::Mutex::new(Vec::new());

/// The meta engine for a built-in check's pattern: ASCII mode when it compiles in it.
pub(crate) fn builtin_meta(pattern: &str) -> Result<meta::Regex, String> {
    builtin_meta_and_syntax(pattern).map(|(regex, _)| regex)
}

/// [`builtin_meta`], with the syntax it compiled the pattern in (which the precompiled DFAs
/// must be built in too).
pub(crate) fn builtin_meta_and_syntax(
    pattern: &str,
) -> Result<(meta::Regex, syntax::Config), String> {
    let compile = |unicode: bool| {
        let syntax = syntax::Config::new().unicode(unicode);
        meta::Builder::new()
            .configure(lean())
            .syntax(syntax)
            .build(pattern)
            .map(|regex| (regex, syntax))
            .map_err(|e| e.to_string())
    };
    compile(false).or_else(|_| compile(true))
}

/// Compiles `patterns` now if they have not been: for [`Rule::prepare`](crate::rules::Rule).
pub(crate) fn force(patterns: &[&std::sync::LazyLock<Pattern>]) {
    for pattern in patterns {
        std::sync::LazyLock::force(pattern);
    }
}

/// `text` without the characters that are not part of words at either end (what `^\W*` and
/// `\W*$` would skip): "**How to apply:**" becomes "How to apply".
pub(crate) fn trim_non_word(text: &str) -> &str {
    text.trim_matches(|c: char| !(c.is_alphanumeric() || c == '_'))
}

impl From<meta::Regex> for Pattern {
    fn from(regex: meta::Regex) -> Self {
        Pattern {
            engine: Engine::Meta(regex),
            holds: None,
        }
    }
}

impl Pattern {
    /// The precompiled automaton of `pattern` as `kind` compiles it, if there is one.
    pub(crate) fn precompiled(kind: automata::Kind, pattern: &str) -> Option<Pattern> {
        let dfa = automata::lookup(kind, pattern)?;
        Some(Pattern {
            engine: Engine::Dfa {
                dfa: Box::new(dfa),
                groups: OnceLock::new(),
                kind,
            },
            holds: None,
        })
    }

    /// The meta engine, which reports groups (built now if it has not been).
    fn groups(&self) -> &meta::Regex {
        match &self.engine {
            Engine::Meta(regex) => regex,
            Engine::Dfa { dfa, groups, kind } => groups.get_or_init(|| {
                let pattern = dfa.pattern();
                automata::meta_of(*kind, pattern)
                    .unwrap_or_else(|e| panic!("precompiled pattern `{pattern}` compiles: {e}"))
            }),
        }
    }

    /// Whether `haystack` lacks the literal every match holds ([`regex_holding`]). Asked only
    /// on the meta engine, the one such patterns run on: asking it on every search of every
    /// pattern cost 6 M more instructions on the 487 corpus postings than it saved.
    fn cannot_match(&self, haystack: &str) -> bool {
        self.holds
            .as_ref()
            .is_some_and(|literal| literal.find(&automata::lowered(haystack)).is_none())
    }

    /// The meta engine when some match may have groups to report: `None` when the pattern
    /// matches nowhere in `haystack` from `start` (no meta engine is built for that).
    fn groups_if_match(&self, haystack: &str, start: usize) -> Option<&meta::Regex> {
        match &self.engine {
            Engine::Meta(regex) => (!self.cannot_match(haystack)).then_some(regex),
            Engine::Dfa { dfa, .. } => dfa.is_match(haystack, start).then(|| self.groups()),
        }
    }

    /// What finds where matches start and end in `haystack` from `start`: `None` when the
    /// pattern matches nowhere there. A precompiled pattern answers that with its forward DFA
    /// alone until it has matched once (so one that never matches never loads its reverse
    /// DFA); from then on the pair searches directly, without the extra scan.
    fn finder(&self, haystack: &str, start: usize) -> Option<Finder<'_>> {
        let Engine::Dfa { dfa, .. } = &self.engine else {
            return (!self.cannot_match(haystack)).then(|| Finder::Meta(self.groups()));
        };
        if !dfa.loaded() && !dfa.is_match(haystack, start) {
            return None;
        }
        Some(Finder::Dfa(dfa))
    }

    /// Whether the pattern matches anywhere in `haystack`.
    pub(crate) fn is_match(&self, haystack: &str) -> bool {
        match &self.engine {
            Engine::Meta(regex) => !self.cannot_match(haystack) && regex.is_match(haystack),
            Engine::Dfa { dfa, .. } => dfa.is_match(haystack, 0),
        }
    }

    /// The leftmost-first match.
    pub(crate) fn find<'h>(&self, haystack: &'h str) -> Option<Match<'h>> {
        self.find_at(haystack, 0)
    }

    /// Every non-overlapping match, left to right.
    pub(crate) fn find_iter<'r, 'h>(
        &'r self,
        haystack: &'h str,
    ) -> impl Iterator<Item = Match<'h>> + use<'r, 'h> {
        let (meta, dfa) = match self.finder(haystack, 0) {
            None => (None, None),
            Some(Finder::Meta(regex)) => (Some(regex.find_iter(haystack)), None),
            Some(Finder::Dfa(dfa)) => match dfa.find_iter(haystack) {
                Ok(matches) => (None, Some(matches)),
                Err(automata::NoReverse) => (Some(self.groups().find_iter(haystack)), None),
            },
        };
        meta.into_iter()
            .flatten()
            .map(|m| m.range())
            .chain(dfa.into_iter().flatten())
            .map(move |range| Match::new(haystack, range))
    }

    /// The groups of the leftmost-first match.
    pub(crate) fn captures<'h>(&self, haystack: &'h str) -> Option<Captures<'h>> {
        self.captures_at(haystack, 0)
    }

    /// The leftmost-first match that starts at or after `start`; look-around assertions (`\b`)
    /// still see the text before `start`.
    pub(crate) fn find_at<'h>(&self, haystack: &'h str, start: usize) -> Option<Match<'h>> {
        let found = match self.finder(haystack, start)? {
            Finder::Meta(regex) => regex
                .search(&Input::new(haystack).range(start..))
                .map(|m| m.range()),
            Finder::Dfa(dfa) => dfa.find_at(haystack, start).unwrap_or_else(|_| {
                self.groups()
                    .search(&Input::new(haystack).range(start..))
                    .map(|m| m.range())
            }),
        };
        found.map(|range| Match::new(haystack, range))
    }

    /// The groups of the leftmost-first match that starts at or after `start`; look-around
    /// assertions (`\b`) still see the text before `start`.
    pub(crate) fn captures_at<'h>(&self, haystack: &'h str, start: usize) -> Option<Captures<'h>> {
        let regex = self.groups_if_match(haystack, start)?;
        let input = Input::new(haystack).range(start..);
        let mut caps = regex.create_captures();
        regex.search_captures(&input, &mut caps);
        caps.is_match().then_some(Captures { haystack, caps })
    }

    /// The groups of every non-overlapping match, left to right.
    pub(crate) fn captures_iter<'r, 'h>(
        &'r self,
        haystack: &'h str,
    ) -> impl Iterator<Item = Captures<'h>> + use<'r, 'h> {
        self.groups_if_match(haystack, 0)
            .into_iter()
            .flat_map(move |regex| regex.captures_iter(haystack))
            .map(move |caps| Captures { haystack, caps })
    }
}

/// One match: where it is and what it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Match<'h> {
    haystack: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    fn new(haystack: &'h str, range: Range<usize>) -> Self {
        Match {
            haystack,
            start: range.start,
            end: range.end,
        }
    }

    pub(crate) fn start(&self) -> usize {
        self.start
    }

    pub(crate) fn end(&self) -> usize {
        self.end
    }

    pub(crate) fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    pub(crate) fn as_str(&self) -> &'h str {
        &self.haystack[self.start..self.end]
    }
}

/// The groups of one match.
#[derive(Debug, Clone)]
pub(crate) struct Captures<'h> {
    haystack: &'h str,
    caps: captures::Captures,
}

impl<'h> Captures<'h> {
    /// Group `index`; 0 is the whole match.
    pub(crate) fn get(&self, index: usize) -> Option<Match<'h>> {
        self.caps
            .get_group(index)
            .map(|span| Match::new(self.haystack, span.range()))
    }

    /// The number of groups, the whole match (group 0) included.
    pub(crate) fn len(&self) -> usize {
        self.caps.group_len()
    }

    /// The group called `name`, if it took part in the match.
    pub(crate) fn name(&self, name: &str) -> Option<Match<'h>> {
        self.caps
            .get_group_by_name(name)
            .map(|span| Match::new(self.haystack, span.range()))
    }
}

#[cfg(test)]
mod tests {
    use super::{HOLDING, Pattern, builtin_meta};

    /// Every pattern compiled with [`super::regex_holding`] matches, on every fixture and
    /// example (whole and line by line), only text that holds its literal; and a text without
    /// the literal is not searched.
    #[test]
    fn patterns_holding_a_literal_match_only_where_it_is() {
        crate::rules::Catalog::builtin().prepare();
        let holding = HOLDING
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone();
        assert!(
            holding.len() >= 2,
            "patterns holding a literal: {holding:?}"
        );
        let mut texts: Vec<String> = crate::fixture_lines_and_texts();
        texts.push("TEN YEARS’ Experience; 3–5 Years of hands-on experience".to_string());
        for (pattern, literal) in &holding {
            let meta = builtin_meta(pattern).expect("compiles");
            let literal = std::str::from_utf8(literal).expect("ASCII");
            let mut matched = 0;
            for text in &texts {
                for m in meta.find_iter(text.as_str()) {
                    let found = text[m.range()].to_ascii_lowercase();
                    assert!(
                        found.contains(literal),
                        "{found:?} lacks {literal:?}: {pattern}"
                    );
                    matched += 1;
                }
            }
            assert!(matched > 5, "{pattern} matched {matched} times");
        }
        // Built by hand, so that the table's generator does not take it for a built-in one.
        let mut years = regex(r"(?i)\d+ years?").expect("compiles");
        years.holds = Some(memchr::memmem::Finder::new(b"year"));
        assert!(years.is_match("5 YEARS"));
        // Were it searched, the pattern would match: the literal alone rules it out.
        years.holds = Some(memchr::memmem::Finder::new(b"month"));
        assert!(!years.is_match("5 years"));
        assert!(years.find_iter("5 years").next().is_none());
        assert!(years.captures("5 years").is_none());
    }

    /// Compiles on the meta engine, as [`super::regex`] does for patterns it has not
    /// precompiled (and without recording these test patterns as built-in ones).
    fn regex(pattern: &str) -> Result<Pattern, String> {
        builtin_meta(pattern).map(Pattern::from)
    }

    #[test]
    fn ascii_patterns_compile_either_way() {
        // ASCII: compiled without Unicode; same matches on ASCII text.
        assert!(regex(r"(?i)\bsenior\b").unwrap().is_match("A Senior role"));
        // `.` could match invalid UTF-8 without Unicode, so this one keeps Unicode mode.
        let dot = regex(r"a.c").unwrap();
        assert_eq!(dot.find("xaéc").unwrap().as_str(), "aéc");
        // Non-ASCII letters match as written: `(?i)` folds ASCII only.
        let french = regex(r"(?i)(?:é|É)tudiant").unwrap();
        assert!(french.is_match("Étudiant") && french.is_match("ÉTUDIANT"));
        assert!(!regex(r"(?i)étudiant").unwrap().is_match("Étudiant"));
        // A negated class keeps Unicode mode to itself.
        let bracket = regex(r"(?i)\[insert(?u:[^\]]){0,5}\]").unwrap();
        assert_eq!(bracket.find("[INSERT né]").unwrap().as_str(), "[INSERT né]");
    }

    #[test]
    fn groups_by_index_and_name() {
        let re = regex(r"(?P<num>\d+)\s*(?P<unit>k)?").unwrap();
        let all: Vec<_> = re
            .captures_iter("12k and 7")
            .map(|c| {
                (
                    c.get(0).unwrap().range(),
                    c.name("num").unwrap().as_str(),
                    c.name("unit").map(|m| m.as_str()),
                )
            })
            .collect();
        assert_eq!(all, [(0..3, "12", Some("k")), (8..9, "7", None)]);
        assert!(re.captures("none").is_none());
        assert_eq!(re.captures("x 40").unwrap().get(1).unwrap().start(), 2);
    }
}
