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
//! The table also holds the recommended preset's prefilter (one DFA over all its data rules,
//! reporting which match) and, per built-in data rule, the literal prefixes its matches start
//! with, which `RuleSet` uses to skip rules for the first postings of a run.
//!
//! `cargo test --lib automata::tests::regenerate -- --ignored --exact` writes the table anew;
//! `cargo test` fails while it is out of date, and checks that every precompiled automaton
//! finds what the meta engine finds.

use std::sync::OnceLock;

use regex_automata::dfa::{Automaton, dense};
use regex_automata::util::wire::AlignAs;
use regex_automata::{Input, meta};

/// A precompiled pattern: forward and reverse dense DFAs over the shipped bytes.
pub(crate) type Dfa = regex_automata::dfa::regex::Regex<dense::DFA<&'static [u32]>>;

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
    forward: dense::DFA<&'static [u32]>,
    regex: OnceLock<Option<Dfa>>,
}

impl Precompiled {
    /// The table's copy of the pattern text.
    pub(crate) fn pattern(&self) -> &'static str {
        self.entry.pattern
    }

    /// Whether the pattern matches in `input` (the forward DFA alone).
    pub(crate) fn is_match(&self, input: &Input<'_>) -> bool {
        self.forward
            .try_search_fwd(&input.clone().earliest(true))
            .is_ok_and(|m| m.is_some())
    }

    /// Where the leftmost-first match in `input` ends (the forward DFA alone).
    pub(crate) fn find_end(&self, input: &Input<'_>) -> Option<usize> {
        self.forward
            .try_search_fwd(input)
            .ok()
            .flatten()
            .map(|m| m.offset())
    }

    /// Both DFAs, if [`Precompiled::regex`] has loaded them.
    pub(crate) fn loaded(&self) -> Option<&Dfa> {
        self.regex.get().and_then(Option::as_ref)
    }

    /// Both DFAs, to find where matches start and end; `None` if the reverse DFA cannot be
    /// loaded (the caller then uses the meta engine).
    pub(crate) fn regex(&self) -> Option<&Dfa> {
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

/// The DFA at `(start, len)` in [`BLOB`].
fn load((start, len): (usize, usize)) -> Option<dense::DFA<&'static [u32]>> {
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
/// the key of [`prefilter_key`].
pub(crate) fn lookup_prefilter(key: &str) -> Option<dense::DFA<&'static [u32]>> {
    load(entry(Kind::Prefilter, key)?.forward)
}

/// Prefixes of the literals every match of a data rule's pattern (`rules::kinds::token`) starts
/// with, ASCII letters lowercased: a match is possible only where one of them occurs, ignoring
/// ASCII case. `None` when the pattern has no such finite set (or is not in the table).
pub(crate) fn literal_prefixes(pattern: &str) -> Option<&'static [&'static [u8]]> {
    let at = LITERALS.binary_search_by(|l| l.pattern.cmp(pattern)).ok()?;
    Some(LITERALS[at].prefixes)
}

/// The literal prefixes of one data rule's pattern (see [`literal_prefixes`]).
struct Literals {
    pattern: &'static str,
    prefixes: &'static [&'static [u8]],
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
    /// engine, serialized; `None` if a dense DFA cannot run it (a Unicode word boundary) or
    /// would be too large.
    fn build(kind: Kind, pattern: &str) -> Option<(Vec<u8>, Vec<u8>)> {
        let bytes = |dfa: &dense::DFA<Vec<u32>>| {
            let (bytes, pad) = dfa.to_bytes_little_endian();
            bytes[pad..].to_vec()
        };
        if kind == Kind::Prefilter {
            // As `Prefilter::meta` compiles it: every pattern that matches, in one pass.
            let patterns: Vec<&str> = pattern.split('\0').collect();
            let dfa = dense::Builder::new()
                .syntax(crate::rules::kinds::syntax_for(pattern.is_ascii()))
                .configure(
                    dense::Config::new()
                        .match_kind(regex_automata::MatchKind::All)
                        .dfa_size_limit(Some(DFA_LIMIT * 8))
                        .determinize_size_limit(Some(DFA_LIMIT * 32)),
                )
                .build_many(&patterns)
                .ok()?;
            return Some((bytes(&dfa), Vec::new()));
        }
        // The syntax the meta engine compiles the pattern in, so both find the same matches.
        let syntax = match kind {
            Kind::Builtin => crate::pattern::builtin_meta_and_syntax(pattern).ok()?.1,
            Kind::Token | Kind::Prefilter => crate::rules::kinds::syntax_for(pattern.is_ascii()),
        };
        let regex = regex_automata::dfa::regex::Builder::new()
            .syntax(syntax)
            .dense(
                dense::Config::new()
                    .minimize(true)
                    .dfa_size_limit(Some(DFA_LIMIT))
                    .determinize_size_limit(Some(DFA_LIMIT * 4)),
            )
            .build(pattern)
            .ok()?;
        Some((bytes(regex.forward()), bytes(regex.reverse())))
    }

    /// The longest literal prefix kept: shorter prefixes keep the automaton built at start-up
    /// small, and still rule out most data rules for most postings.
    const PREFIX_LEN: usize = 8;

    /// The literal prefixes of a data rule's pattern (see [`super::literal_prefixes`]): the
    /// prefix literals regex-syntax extracts from it, read with case folding off (the search
    /// ignores ASCII case instead), cut to [`PREFIX_LEN`] bytes, lowercased, and without any
    /// that another one starts. `None` for a pattern compiled in Unicode mode (where case
    /// folding is not ASCII's) or with no finite set.
    fn prefixes_of(pattern: &str) -> Option<Vec<Vec<u8>>> {
        use regex_syntax::hir::literal::{ExtractKind, Extractor};
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
        let seq = Extractor::new().kind(ExtractKind::Prefix).extract(&hir);
        let mut prefixes: Vec<Vec<u8>> = seq
            .literals()?
            .iter()
            .map(|l| {
                let bytes = l.as_bytes();
                bytes[..bytes.len().min(PREFIX_LEN)].to_ascii_lowercase()
            })
            .collect();
        if prefixes.iter().any(Vec::is_empty) {
            return None;
        }
        prefixes.sort();
        prefixes.dedup();
        // Sorted, a literal that another starts comes right after it (or after one it starts).
        let mut kept: Vec<Vec<u8>> = Vec::new();
        for p in prefixes {
            if !kept.last().is_some_and(|k| p.starts_with(k)) {
                kept.push(p);
            }
        }
        Some(kept)
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
            let Some((forward, reverse)) = build(*kind, pattern) else {
                continue;
            };
            let forward = put(&forward, &mut blob);
            let reverse = put(&reverse, &mut blob);
            writeln!(
                index,
                "    Entry {{\n        kind: Kind::{kind:?},\n        pattern: {pattern:?},\n        \
                 forward: ({}, {}),\n        reverse: ({}, {}),\n    }},",
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
            let Some(prefixes) = prefixes_of(&pattern) else {
                continue;
            };
            let prefixes: Vec<String> = prefixes.iter().map(|p| byte_literal(p)).collect();
            writeln!(
                index,
                "    Literals {{\n        pattern: {pattern:?},\n        prefixes: &[{}],\n    }},",
                prefixes.join(", ")
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
    /// prefilter reports, on every fixture and example.
    #[test]
    fn precompiled_prefilter_matches_meta() {
        let patterns = recommended_data_patterns();
        let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
        let dfa = crate::rules::kinds::Prefilter::new(&patterns).expect("prefilter builds");
        assert!(
            matches!(dfa, crate::rules::kinds::Prefilter::Dfa(_)),
            "the recommended prefilter is precompiled"
        );
        let meta = crate::rules::kinds::Prefilter::Meta(
            crate::rules::kinds::Prefilter::meta(&patterns).expect("meta prefilter builds"),
        );
        let mut matched = 0;
        for text in fixture_texts() {
            let by_dfa: Vec<_> = dfa.matching(&text).iter().collect();
            let by_meta: Vec<_> = meta.matching(&text).iter().collect();
            matched += by_meta.len();
            assert_eq!(by_dfa, by_meta, "{text}");
        }
        assert!(matched > 20, "rules matched: {matched}");
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
            let dfa = precompiled.regex().expect("every reverse DFA loads");
            let meta = meta_of(entry.kind, entry.pattern).expect("every entry compiles");
            for text in &texts {
                let by_dfa: Vec<_> = dfa.find_iter(text.as_str()).map(|m| m.range()).collect();
                let by_meta: Vec<_> = meta.find_iter(text.as_str()).map(|m| m.range()).collect();
                assert_eq!(by_dfa, by_meta, "pattern {:?}", entry.pattern);
                for (start, _) in text.match_indices('\n').step_by(7) {
                    let input = regex_automata::Input::new(text.as_str()).range(start + 1..);
                    assert_eq!(
                        dfa.find(input.clone()).map(|m| m.range()),
                        meta.search(&input).map(|m| m.range()),
                        "pattern {:?} from byte {}",
                        entry.pattern,
                        start + 1
                    );
                }
            }
        }
    }
}
