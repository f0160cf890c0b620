//! The `existence` and `substitution` kinds.
//!
//! Tokens are regex fragments. They are joined into one alternation wrapped in word boundaries
//! (ASCII ones when the tokens are ASCII, which keeps matching on the DFA engines), `\b(?:...)\b`
//! (with `(?i)` when `ignore-case`), each substitution key in its own capture group so the match
//! tells which replacement applies. `exceptions` are phrases that, when they contain a match,
//! silence it ("talent pool" for a rule about "pool"): the `regex` crate has no look-around, and
//! this keeps the near-misses readable in the rule file. `unless` patterns silence the whole rule
//! for a document that matches one anywhere: physical demands are fine once the posting ties
//! them to essential functions and offers reasonable accommodation.

use std::ops::Range;
use std::sync::OnceLock;

use regex_automata::meta;
use regex_automata::util::syntax;

use crate::automata;
use crate::diagnostic::Applicability;
use crate::document::{BlockKind, Document};
use crate::pattern::Pattern;
use crate::rules::catalog::{Kind, RuleFile, Scope};
use crate::rules::{Context, Rule};

/// The largest compiled program a team rule may produce; larger patterns are rejected.
const SIZE_LIMIT: usize = 2 * 1024 * 1024;

/// A data rule. Team rules are checked and compiled when they are loaded, so a mistake is
/// reported at once; built-in rules (checked by the test suite) compile on first use, so a run
/// pays only for the rules it uses.
pub struct TokenRule {
    pattern: String,
    exceptions_pattern: Option<String>,
    unless_pattern: Option<String>,
    compiled: OnceLock<Compiled>,
    replacements: Vec<String>,
    scope: Vec<Scope>,
    message: String,
    label: String,
    note: Option<String>,
    help: Option<String>,
    fix: Applicability,
}

/// A rule's automata. The exceptions are only needed once the rule matches, which it does in
/// few postings, so they wait for that.
struct Compiled {
    regex: Pattern,
    exceptions: OnceLock<Option<Pattern>>,
    unless: OnceLock<Option<Pattern>>,
}

type CompileError = (Option<Range<usize>>, String);

/// The error for a list of phrases that does not compile.
fn phrase_error(what: &'static str) -> impl Fn(String) -> CompileError {
    move |e| (None, format!("the {what} do not compile together: {e}"))
}

impl TokenRule {
    /// Builds the rule from its file. With `check`, every fragment is checked and the rule
    /// compiled now, and errors point at the fragment to blame; without, compiling waits for
    /// the first document.
    pub(crate) fn new(id: &str, file: &RuleFile, check: bool) -> Result<Self, CompileError> {
        let flags = if file.ignore_case { "(?i)" } else { "" };
        // The tokens joined as `(?:a)|(?:b)` (a swap table's keys as groups), written into one
        // string: formatting each apart and joining them was most of what building the
        // catalog cost a run.
        let mut joined = String::new();
        let mut replacements = Vec::new();
        match file.kind {
            Kind::Existence => {
                if file.tokens.is_empty() {
                    return Err((None, format!("existence rule `{id}` needs `tokens`")));
                }
                for token in &file.tokens {
                    if check {
                        check_fragment(token)?;
                    }
                    push_alternative(&mut joined, "(?:", token.get_ref());
                }
            }
            Kind::Substitution => {
                if file.swap.is_empty() {
                    return Err((
                        None,
                        format!("substitution rule `{id}` needs a `swap` table"),
                    ));
                }
                for (key, replacement) in &file.swap {
                    if check {
                        check_fragment(key)?;
                    }
                    push_alternative(&mut joined, "(", key.get_ref());
                    replacements.push(replacement.clone());
                }
            }
            Kind::Builtin => return Err((None, format!("built-in rule `{id}` has no tokens"))),
        }
        let pattern = format!(r"{flags}{b}(?:{joined}){b}", b = boundary(&joined));
        let exceptions_pattern = phrases(&file.exceptions, flags, check)?;
        let unless_pattern = phrases(&file.unless, flags, check)?;
        let compiled = OnceLock::new();
        if check {
            let fragments: Vec<&toml::Spanned<String>> = match file.kind {
                Kind::Substitution => file.swap.keys().collect(),
                _ => file.tokens.iter().collect(),
            };
            let regex = compile(&pattern).map_err(|e| {
                locate_compile_error(&fragments, &compile).unwrap_or_else(|| {
                    (
                        None,
                        format!("the rule's tokens do not compile together: {e}"),
                    )
                })
            })?;
            let exceptions = exceptions_pattern
                .as_deref()
                .map(compile)
                .transpose()
                .map_err(phrase_error("exceptions"))?;
            let unless = unless_pattern
                .as_deref()
                .map(compile)
                .transpose()
                .map_err(phrase_error("`unless` patterns"))?;
            let _ = compiled.set(Compiled {
                regex,
                exceptions: OnceLock::from(exceptions),
                unless: OnceLock::from(unless),
            });
        }
        let message = file
            .message
            .clone()
            .ok_or_else(|| (None, format!("data rule `{id}` needs a `message`")))?;
        Ok(Self {
            pattern,
            exceptions_pattern,
            unless_pattern,
            compiled,
            replacements,
            scope: file.scope.as_deref().map_or_else(
                || {
                    vec![
                        Scope::Heading,
                        Scope::Paragraph,
                        Scope::ListItem,
                        Scope::TableCell,
                        Scope::Title,
                    ]
                },
                <[Scope]>::to_vec,
            ),
            message,
            label: file.label.clone().unwrap_or_else(|| "here".to_string()),
            note: file.note.clone(),
            help: file.help.clone(),
            fix: file.fix_applicability.unwrap_or(Applicability::Unsafe),
        })
    }

    /// The joined pattern, for the prefilter a rule set builds over all its data rules.
    pub(crate) fn pattern(&self) -> &str {
        &self.pattern
    }

    /// Every pattern the rule compiles: its tokens, exceptions and `unless` patterns.
    #[cfg(test)]
    pub(crate) fn patterns(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.pattern.as_str())
            .chain(self.exceptions_pattern.as_deref())
            .chain(self.unless_pattern.as_deref())
    }

    /// The automata, compiled on first use.
    fn compiled(&self) -> &Compiled {
        self.compiled.get_or_init(|| Compiled {
            regex: compile_builtin(&self.pattern),
            exceptions: OnceLock::new(),
            unless: OnceLock::new(),
        })
    }

    /// The exceptions' automaton, compiled on first use.
    fn exceptions(&self) -> Option<&Pattern> {
        self.compiled()
            .exceptions
            .get_or_init(|| self.exceptions_pattern.as_deref().map(compile_builtin))
            .as_ref()
    }

    /// The `unless` patterns' automaton, compiled on first use: only a posting the tokens match
    /// in needs it.
    fn unless(&self) -> Option<&Pattern> {
        self.compiled()
            .unless
            .get_or_init(|| self.unless_pattern.as_deref().map(compile_builtin))
            .as_ref()
    }

    /// Where the exceptions cover `text`.
    fn exception_spans(&self, text: &str) -> Vec<Range<usize>> {
        self.exceptions()
            .map(|e| e.find_iter(text).map(|m| m.range()).collect())
            .unwrap_or_default()
    }

    /// The first match in `text` that no exception covers, with its replacement if the rule
    /// has one. Used by checks that reuse a rule's list (gender-neutral titles under EU law).
    pub fn first_match(&self, text: &str) -> Option<(Range<usize>, Option<String>)> {
        let mut exceptions = None;
        self.matches(text).find_map(|(m, replacement)| {
            if exceptions
                .get_or_insert_with(|| self.exception_spans(text))
                .iter()
                .any(|e| e.start <= m.start && m.end <= e.end)
            {
                return None;
            }
            let replacement = replacement.map(|r| match_case(&text[m.clone()], r));
            Some((m, replacement))
        })
    }

    /// Every match in `text`, with the replacement of the substitution key that matched. An
    /// existence rule needs no groups, so it searches without them.
    fn matches<'t>(
        &'t self,
        text: &'t str,
    ) -> Box<dyn Iterator<Item = (Range<usize>, Option<&'t str>)> + 't> {
        let regex = &self.compiled().regex;
        if self.replacements.is_empty() {
            return Box::new(regex.find_iter(text).map(|m| (m.range(), None)));
        }
        Box::new(regex.captures_iter(text).map(|caps| {
            let m = caps.get(0).expect("group 0 is the match").range();
            (m, self.replacement_of(&caps))
        }))
    }

    /// The replacement of the substitution key whose group took part in the match.
    fn replacement_of(&self, caps: &crate::pattern::Captures<'_>) -> Option<&str> {
        (1..caps.len())
            .find(|&g| caps.get(g).is_some())
            .and_then(|g| self.replacements.get(g - 1))
            .map(String::as_str)
    }

    fn in_scope(&self, kind: BlockKind) -> bool {
        let scope = match kind {
            BlockKind::Heading(_) => Scope::Heading,
            BlockKind::Paragraph => Scope::Paragraph,
            BlockKind::ListItem => Scope::ListItem,
            BlockKind::TableCell => Scope::TableCell,
        };
        self.scope.contains(&scope)
    }

    fn check_text(&self, doc: &Document<'_>, span: Range<usize>, cx: &mut Context<'_>) {
        let text = doc.slice(span.clone());
        let compiled = self.compiled();
        // Most blocks match nothing: look for a match before paying for captures or exceptions.
        if !compiled.regex.is_match(text) {
            return;
        }
        let exceptions = self.exception_spans(text);
        for (m, replacement) in self.matches(text) {
            let hit = span.start + m.start..span.start + m.end;
            if doc.is_non_prose(&hit)
                || exceptions
                    .iter()
                    .any(|e| e.start <= m.start && m.end <= e.end)
            {
                continue;
            }
            let matched = &text[m.clone()];
            let replacement = replacement.map(|r| match_case(matched, r));
            let fill = |template: &str| {
                let filled = template.replace("{match}", matched);
                match &replacement {
                    Some(r) => filled.replace("{replacement}", r),
                    None => filled,
                }
            };
            let mut report = cx.report(hit, fill(&self.message)).label(fill(&self.label));
            if let Some(note) = &self.note {
                report = report.note(fill(note));
            }
            if let Some(help) = &self.help {
                report = report.help(fill(help));
            }
            if let Some(r) = replacement {
                report.replace(r, self.fix);
            }
        }
    }
}

impl Rule for TokenRule {
    fn prepare(&self) {
        self.exceptions();
        self.unless();
    }

    fn check(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        let compiled = self.compiled();
        // A rule with `unless` looks for its tokens first, where they match nowhere there is
        // nothing to silence. `is_match` runs on the forward DFA alone: a rule that `unless`
        // then silences (citizenship-only on federal postings) never loads its reverse DFA, as
        // the search below would. Other rules go straight to the search, which starts with the
        // same forward scan; asking first would scan the text up to the first match twice.
        if let Some(unless) = self.unless()
            && (!compiled.regex.is_match(doc.text()) || unless.is_match(doc.text()))
        {
            return;
        }
        // A title from a heading is checked with the headings; one from front matter here.
        if self.scope.contains(&Scope::Title)
            && let Some(title) = doc.front_matter_title()
        {
            self.check_text(doc, title.span.clone(), cx);
        }
        // One search over the whole text finds where matches may be; only the blocks they touch
        // are checked one by one (most postings have none). Blocks are sorted by start.
        let text = doc.text();
        let blocks = doc.blocks();
        let mut checked_up_to = 0;
        for m in compiled.regex.find_iter(text) {
            // The first block that could hold the match: step back over blocks ending after it.
            let mut first = blocks.partition_point(|b| b.span.start <= m.start());
            while first > 0 && blocks[first - 1].span.end > m.start() {
                first -= 1;
            }
            for (i, block) in blocks.iter().enumerate().skip(first.max(checked_up_to)) {
                if block.span.start >= m.end().max(m.start() + 1) {
                    break;
                }
                checked_up_to = i + 1;
                if self.in_scope(block.kind) {
                    self.check_text(doc, block.span.clone(), cx);
                }
            }
        }
    }
}

/// The texts a data rule reports in, each searched on its own: the blocks, and a title from
/// front matter ([`TokenRule`]'s `check`).
pub(crate) fn texts_read<'d>(doc: &'d Document<'_>) -> impl Iterator<Item = &'d str> {
    let title = doc.front_matter_title().map(|t| doc.slice(t.span.clone()));
    let blocks = doc.blocks().iter().map(|b| doc.slice(b.span.clone()));
    title.into_iter().chain(blocks)
}

/// Compiles a built-in rule's pattern, which the test suite has checked compiles: precompiled
/// when [`crate::automata`] has it.
fn compile_builtin(pattern: &str) -> Pattern {
    compile(pattern)
        .unwrap_or_else(|e| panic!("built-in data rule pattern `{pattern}` does not compile: {e}"))
}

/// Joins a list of phrases (`exceptions`, `unless`) into one whole-word alternation, or `None`
/// for an empty list. With `check`, each phrase is checked first.
fn phrases(
    list: &[toml::Spanned<String>],
    flags: &str,
    check: bool,
) -> Result<Option<String>, CompileError> {
    if list.is_empty() {
        return Ok(None);
    }
    if check {
        for phrase in list {
            check_fragment(phrase)?;
        }
    }
    let mut joined = String::new();
    for phrase in list {
        push_alternative(&mut joined, "(?:", phrase.get_ref());
    }
    Ok(Some(format!(
        r"{flags}{b}(?:{joined}){b}",
        b = boundary(&joined)
    )))
}

/// Checks one token's syntax, cheaply (parsing, not compiling), and that it has no capturing
/// group.
fn check_fragment(fragment: &toml::Spanned<String>) -> Result<(), CompileError> {
    let hir = regex_syntax::Parser::new()
        .parse(fragment.get_ref())
        .map_err(|e| {
            (
                Some(fragment.span()),
                format!(
                    "invalid pattern `{}`: {}",
                    fragment.get_ref(),
                    first_line(&e.to_string())
                ),
            )
        })?;
    if hir.properties().explicit_captures_len() > 0 {
        return Err((
            Some(fragment.span()),
            format!(
                "pattern `{}` has a capturing group; use `(?:...)` instead",
                fragment.get_ref()
            ),
        ));
    }
    Ok(())
}

/// Compiles a rule pattern for start-up speed: the precompiled DFAs when
/// [`crate::automata`] has the pattern (the built-in rules' patterns), else
/// [`compile_meta`].
fn compile(pattern: &str) -> Result<Pattern, String> {
    if let Some(precompiled) = Pattern::precompiled(automata::Kind::Token, pattern) {
        return Ok(precompiled);
    }
    compile_meta(pattern).map(Pattern::from)
}

/// Compiles a rule pattern on the [`lean`](crate::pattern::lean) meta engine, with ASCII
/// patterns in ASCII mode, which makes `(?i)` and `\w` small. ASCII patterns are wrapped in
/// ASCII word boundaries, which never fall inside a character, so their matches do not split
/// one even though the syntax allows bytes.
pub(crate) fn compile_meta(pattern: &str) -> Result<meta::Regex, String> {
    meta::Builder::new()
        .configure(
            crate::pattern::lean()
                .nfa_size_limit(Some(SIZE_LIMIT))
                .hybrid_cache_capacity(SIZE_LIMIT),
        )
        .syntax(syntax_for(pattern.is_ascii()))
        .build(pattern)
        .map_err(|e| {
            // The meta error says only which stage failed; its source says why.
            let mut message = e.to_string();
            let mut source = std::error::Error::source(&e);
            while let Some(s) = source {
                message = format!("{message}: {s}");
                source = s.source();
            }
            message
        })
}

/// The syntax data-rule patterns compile in: ASCII mode (and bytes) for ASCII patterns, whose
/// ASCII word boundaries keep matches on characters. The meta engine and the precompiled DFAs
/// (`src/automata/`) both use it.
pub(crate) fn syntax_for(ascii: bool) -> syntax::Config {
    syntax::Config::new().unicode(!ascii).utf8(!ascii)
}

/// One automaton over the patterns of many data rules, telling in a single pass over a
/// document which of them match anywhere: the others need not look at it at all. The built-in
/// rules of the recommended preset have theirs precompiled ([`crate::automata`]).
pub(crate) enum Prefilter {
    Meta(meta::Regex),
    /// A precompiled one, and whether it searches lowercased text ([`automata::lowered`]).
    Dfa(Box<automata::Table>, bool),
}

impl Prefilter {
    /// A prefilter for `patterns` and, for each, its pattern in the prefilter (`None` for one
    /// it leaves out). The one precompiled for exactly these patterns if there is one; else a
    /// precompiled one over some of them, which leaves the others out (a preset with a rule
    /// turned off or another added would otherwise build its own on the meta engine, at
    /// hundreds of millions of instructions); else one built over all of them.
    pub(crate) fn for_patterns(
        patterns: &[&str],
    ) -> Option<(Prefilter, Vec<Option<regex_automata::PatternID>>)> {
        let id = regex_automata::PatternID::new_unchecked;
        let all = || (0..patterns.len()).map(|i| Some(id(i))).collect();
        if let Some((dfa, lower)) = automata::lookup_prefilter(&automata::prefilter_key(patterns)) {
            return Some((Prefilter::Dfa(Box::new(dfa), lower), all()));
        }
        if let Some((dfa, lower, ids)) = automata::covering_prefilter(patterns) {
            let ids = ids.into_iter().map(|i| i.map(id)).collect();
            return Some((Prefilter::Dfa(Box::new(dfa), lower), ids));
        }
        Self::meta(patterns).map(|m| (Prefilter::Meta(m), all()))
    }

    /// The prefilter over `patterns` on the meta engine.
    pub(crate) fn meta(patterns: &[&str]) -> Option<meta::Regex> {
        meta::Builder::new()
            .configure(
                crate::pattern::lean()
                    .match_kind(regex_automata::MatchKind::All)
                    .nfa_size_limit(Some(SIZE_LIMIT * 8))
                    .hybrid_cache_capacity(SIZE_LIMIT * 4),
            )
            .syntax(syntax_for(patterns.iter().all(|p| p.is_ascii())))
            .build_many(patterns)
            .ok()
    }

    /// Which patterns match somewhere in `text`.
    #[cfg(test)]
    pub(crate) fn matching(&self, text: &str) -> regex_automata::PatternSet {
        self.matching_in([text])
    }

    /// Which patterns match within one of `texts`, each searched on its own.
    pub(crate) fn matching_in<'t>(
        &self,
        texts: impl IntoIterator<Item = &'t str>,
    ) -> regex_automata::PatternSet {
        match self {
            Prefilter::Meta(regex) => {
                let mut set = regex_automata::PatternSet::new(regex.pattern_len());
                for text in texts {
                    regex.which_overlapping_matches(&regex_automata::Input::new(text), &mut set);
                }
                set
            }
            Prefilter::Dfa(dfa, lower) => {
                use regex_automata::dfa::Automaton;
                let mut set = regex_automata::PatternSet::new(dfa.pattern_len());
                for text in texts {
                    let lowered;
                    let input = if *lower {
                        lowered = automata::lowered(text);
                        regex_automata::Input::new(&*lowered)
                    } else {
                        regex_automata::Input::new(text)
                    };
                    // The DFA has no quit bytes, so the walk cannot fail; if it did, every
                    // rule would look for itself.
                    if walk_all_matches(dfa, &input, &mut set).is_none() {
                        for id in 0..dfa.pattern_len() {
                            set.insert(regex_automata::PatternID::new_unchecked(id));
                        }
                        break;
                    }
                }
                set
            }
        }
    }
}

/// Adds to `set` every pattern of `dfa` (built with `MatchKind::All`) that matches somewhere in
/// `input`: what `try_which_overlapping_matches` gives, with a fifth fewer instructions. It
/// walks the whole text one transition a byte and reads the patterns of each match state it
/// enters, where the overlapping search also keeps and reports each match's position. `None`
/// if the DFA gives up (a quit byte).
fn walk_all_matches(
    dfa: &automata::Table,
    input: &regex_automata::Input<'_>,
    set: &mut regex_automata::PatternSet,
) -> Option<()> {
    use regex_automata::dfa::Automaton;
    use regex_automata::util::primitives::StateID;
    let add = |sid: StateID, set: &mut regex_automata::PatternSet| {
        for i in 0..dfa.match_len(sid) {
            set.insert(dfa.match_pattern(sid, i));
        }
    };
    // A transition a byte, with the patterns of each match state entered. `Err` once the walk
    // is over: `Some` at a dead state, `None` at a quit byte.
    let walk = |mut sid: StateID, bytes: &[u8], set: &mut regex_automata::PatternSet| {
        for &byte in bytes {
            sid = dfa.next_state(sid, byte);
            if dfa.is_special_state(sid) {
                if dfa.is_match_state(sid) {
                    add(sid, set);
                } else if dfa.is_dead_state(sid) {
                    return Err(Some(()));
                } else if dfa.is_quit_state(sid) {
                    return Err(None);
                }
            }
        }
        Ok(sid)
    };
    let mut sid = dfa.start_state_forward(input).ok()?;
    // Eight bytes at a time, asking once whether any of them entered a special state (match,
    // dead, quit, accelerated: few do); those eight are walked again one at a time. On the
    // 487 corpus postings this runs 2% fewer instructions than a byte at a time (four at a
    // time does as well, sixteen worse).
    let mut chunks = input.haystack().chunks_exact(8);
    for chunk in &mut chunks {
        let mut s = sid;
        let mut special = false;
        for &b in chunk {
            s = dfa.next_state(s, b);
            special |= dfa.is_special_state(s);
        }
        sid = if special {
            match walk(sid, chunk, set) {
                Ok(next) => next,
                Err(done) => return done,
            }
        } else {
            s
        };
    }
    sid = match walk(sid, chunks.remainder(), set) {
        Ok(next) => next,
        Err(done) => return done,
    };
    sid = dfa.next_eoi_state(sid);
    if dfa.is_match_state(sid) {
        add(sid, set);
    }
    Some(())
}

/// When the joined pattern does not compile (too large, say), the token that is to blame.
fn locate_compile_error(
    fragments: &[&toml::Spanned<String>],
    compile: &impl Fn(&str) -> Result<Pattern, String>,
) -> Option<CompileError> {
    fragments.iter().find_map(|f| {
        compile(f.get_ref()).err().map(|e| {
            (
                Some(f.span()),
                format!("invalid pattern `{}`: {}", f.get_ref(), first_line(&e)),
            )
        })
    })
}

/// Appends `fragment` to an alternation, as a group opened with `open` (`(` or `(?:`).
fn push_alternative(joined: &mut String, open: &str, fragment: &str) {
    if !joined.is_empty() {
        joined.push('|');
    }
    joined.push_str(open);
    joined.push_str(fragment);
    joined.push(')');
}

/// The word boundary to wrap tokens in. An ASCII boundary keeps the regex on the fast DFA
/// engines whatever the text holds; tokens with non-ASCII letters (`débutant`) need Unicode's.
fn boundary(pattern: &str) -> &'static str {
    if pattern.is_ascii() {
        r"(?-u:\b)"
    } else {
        r"\b"
    }
}

fn first_line(s: &str) -> String {
    s.lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or(s)
        .trim()
        .to_string()
}

/// Gives `replacement` the capitalisation of `original`: "Salesman" → "Salesperson".
pub(crate) fn match_case(original: &str, replacement: &str) -> String {
    let letters: Vec<char> = original.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return replacement.to_uppercase();
    }
    if original.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = replacement.chars();
        return chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
    }
    replacement.to_string()
}

#[cfg(test)]
mod tests {
    use super::{TokenRule, match_case};
    use crate::document::{Document, Format};
    use crate::rules::{Context, Rule};

    #[test]
    fn unchecked_rules_compile_when_prepared_or_first_used() {
        let text = r#"id = "no-synergy"
category = "clarity"
default-level = "warn"
kind = "existence"
tokens = ["synergy"]
exceptions = ["synergy bonus"]
message = "m"

[doc]
summary = "test rule"
why = "test"
bad = "x"
good = "y"
fix = "z"
"#;
        let meta = |check: bool| crate::rules::catalog::parse(text, None, check).unwrap();
        let exceptions_built =
            |rule: &TokenRule| rule.compiled.get().unwrap().exceptions.get().is_some();
        // Team rules are checked and compiled when loaded.
        let team = meta(true);
        assert!(exceptions_built(team.token_rule().unwrap()));
        // Built-in rules wait until prepared or used.
        let prepared = meta(false);
        let prepared = prepared.token_rule().unwrap();
        assert!(prepared.compiled.get().is_none());
        prepared.prepare();
        assert!(exceptions_built(prepared));
        // In use, the exceptions wait for a match.
        let used = meta(false);
        let used = used.token_rule().unwrap();
        let mut found = Vec::new();
        let check = |text: &str, found: &mut Vec<_>| {
            let doc = Document::parse(text, Format::PlainText);
            used.check(&doc, &mut Context::new("no-synergy", found));
        };
        check("Nothing to see.", &mut found);
        assert!(used.compiled.get().is_some() && !exceptions_built(used));
        check("A synergy bonus, and synergy.", &mut found);
        assert!(exceptions_built(used));
        let spans: Vec<(usize, usize)> = found.iter().map(|d| (d.span.start, d.span.end)).collect();
        assert_eq!(spans, [(21, 28)]);
    }

    #[test]
    fn replacement_keeps_case() {
        assert_eq!(match_case("salesman", "salesperson"), "salesperson");
        assert_eq!(match_case("Salesman", "salesperson"), "Salesperson");
        assert_eq!(match_case("SALESMAN", "salesperson"), "SALESPERSON");
    }
}
