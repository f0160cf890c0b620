//! `gender-coded-word` and `gender-coded-balance`: the masculine- and feminine-coded word lists
//! of Gaucher, Friesen & Kay (2011), as gender-decoder ships them (MIT licence, © 2016
//! lovedaybrooke), matched as word prefixes the way the decoder does, minus the prefix matches
//! that are not the coded trait: "responsible" is not "responsive", "leadership" and "analyst"
//! name roles, a "committee" is not commitment.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::{Arc, LazyLock};

use serde::Deserialize;

use super::prose::char_at;
use crate::document::Document;
use crate::rules::{Context, Rule};

/// gender-decoder's masculine-coded stems (app/wordlists.py @ 73724e6).
const MASCULINE: &[&str] = &[
    "active",
    "adventurous",
    "aggress",
    "ambitio",
    "analy",
    "assert",
    "athlet",
    "autonom",
    "battle",
    "boast",
    "challeng",
    "champion",
    "compet",
    "confident",
    "courag",
    "decid",
    "decision",
    "decisive",
    "defend",
    "determin",
    "domina",
    "dominant",
    "driven",
    "fearless",
    "fight",
    "force",
    "greedy",
    "head-strong",
    "headstrong",
    "hierarch",
    "hostil",
    "impulsive",
    "independen",
    "individual",
    "intellect",
    "lead",
    "logic",
    "objective",
    "opinion",
    "outspoken",
    "persist",
    "principle",
    "reckless",
    "self-confiden",
    "self-relian",
    "self-sufficien",
    "selfconfiden",
    "selfrelian",
    "selfsufficien",
    "stubborn",
    "superior",
    "unreasonab",
];

/// gender-decoder's feminine-coded stems.
const FEMININE: &[&str] = &[
    "agree",
    "affectionate",
    "child",
    "cheer",
    "collab",
    "commit",
    "communal",
    "compassion",
    "connect",
    "considerate",
    "cooperat",
    "co-operat",
    "depend",
    "emotiona",
    "empath",
    "feel",
    "flatterable",
    "gentle",
    "honest",
    "interpersonal",
    "interdependen",
    "interpersona",
    "inter-personal",
    "inter-dependen",
    "inter-persona",
    "kind",
    "kinship",
    "loyal",
    "modesty",
    "nag",
    "nurtur",
    "pleasant",
    "polite",
    "quiet",
    "respon",
    "sensitiv",
    "submissive",
    "support",
    "sympath",
    "tender",
    "together",
    "trust",
    "understand",
    "warm",
    "whin",
    "enthusias",
    "inclusive",
    "yield",
    "share",
    "sharin",
];

/// Words a stem matches that do not carry the coded trait: roles, plural nouns, documents,
/// tools. Checked as whole lowercase words or, ending in `*`, as prefixes.
const NOT_CODED: &[&str] = &[
    // respon-: "responsive" is the trait; duties are not.
    "responsib*",
    "respond*",
    "response",
    "responses",
    // lead-: a leadership team, a sales lead.
    "leadership",
    "leads",
    // analy-: analysts, analytics and analysis are work, "analytical" is the trait.
    "analyst",
    "analysts",
    "analytics",
    "analysis",
    "analyses",
    "analyze",
    "analyse",
    "analyzing",
    "analysing",
    // commit-: committees, and git commits.
    "committee*",
    "commits",
    "committer*",
    // individual-: "individuals" is a plural noun.
    "individuals",
    // depend-: dependencies and dependants are not dependability.
    "dependenc*",
    "dependent*",
    "dependant*",
    "depending",
    "depends",
    // force: "workforce" never matched; "forced", "forces" are not forcefulness.
    "force",
    "forces",
    "forced",
    // kind-: "kinds", "kind of".
    "kinds",
    // agree-: agreements are documents.
    "agreement*",
    // share-: shareholders, SharePoint.
    "shareholder*",
    "sharepoint",
    "shared",
    // child-: childcare is a benefit.
    "childcare",
    "child-care",
    // connect-: connectors and connectivity.
    "connector*",
    "connectivity",
    "connection*",
    // objective-, principle-: plural nouns.
    "objectives",
    "principles",
    // compet-: competence is a skill; a competitive salary is pay.
    "competen*",
    // determin-: to determine is not determination.
    "determine",
    "determines",
    "determining",
    // confident-: confidential is secrecy, not confidence.
    "confidential*",
    // commit-, determin-: plural nouns for promises and rulings.
    "commitments",
    "determinations",
];

/// English and French function words, to skip French blocks in bilingual postings: the lists
/// are English stems, and "logiciels" or "activement" only look like "logic" and "active".
const ENGLISH: &[&str] = &[
    "the", "and", "of", "to", "a", "in", "is", "for", "you", "we", "with", "our",
];
const FRENCH: &[&str] = &[
    "le", "la", "les", "des", "du", "et", "est", "une", "pour", "nous", "vous", "avec", "dans",
    "sur", "aux",
];
/// The longest word on either list, in bytes.
const FUNCTION_WORD_MAX: usize = 4;

/// Which list a word is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Coding {
    Masculine,
    Feminine,
}

/// One coded word.
struct Hit {
    span: Range<usize>,
    coding: Coding,
}

fn not_coded(word: &str) -> bool {
    // Every entry is a word or a prefix of one (none empty), so an entry whose first letter is
    // not the word's cannot match it: that one comparison rules out most entries.
    let first = word.as_bytes().first();
    NOT_CODED.iter().any(|n| {
        n.as_bytes().first() == first
            && match n.strip_suffix('*') {
                Some(prefix) => word.starts_with(prefix),
                None => word == *n,
            }
    })
}

/// Whether a hit is part of a phrase that is not the trait, given the words before and after
/// it, lowercased.
type Exemption = fn(previous: &str, next: &str) -> bool;

/// The phrases that exempt `word`, a hit lowercased: "feel free", "kind of", "competitive
/// salary", "support engineer", "Active Directory", "determined by", "child care", "individual
/// contributor", "key objective". `None` for a word that no phrase exempts, whose neighbours
/// then need not be read.
fn phrase_exemption(word: &str) -> Option<Exemption> {
    Some(match word {
        "determined" => |previous, next| {
            matches!(next, "by" | "upon")
                || matches!(
                    previous,
                    "be" | "been" | "is" | "are" | "was" | "were" | "being"
                )
        },
        "child" => |_, next| next == "care" || next == "benefits",
        // The noun ("the individual's duty location") and the adjective for "separate"
        // ("individual differences") are not individualism.
        "individual" => |previous, next| {
            matches!(next, "contributor" | "development" | "plan" | "basis" | "s")
                || matches!(previous, "the" | "an" | "each" | "every" | "any" | "per")
                || (next.len() > 3 && next.ends_with('s'))
        },
        "objective" => |previous, _| {
            matches!(
                previous,
                "key"
                    | "main"
                    | "primary"
                    | "an"
                    | "the"
                    | "our"
                    | "your"
                    | "this"
                    | "each"
                    | "business"
                    | "project"
                    | "learning"
            )
        },
        "feel" => |_, next| next == "free",
        "kind" => |_, next| next == "of",
        "competitive" => |_, next| {
            matches!(
                next,
                "salary"
                    | "salaries"
                    | "pay"
                    | "compensation"
                    | "benefits"
                    | "rates"
                    | "wages"
                    | "package"
                    | "total"
            )
        },
        "support" => |_, next| {
            matches!(
                next,
                "engineer"
                    | "engineers"
                    | "team"
                    | "teams"
                    | "ticket"
                    | "tickets"
                    | "specialist"
                    | "agent"
                    | "agents"
                    | "desk"
                    | "role"
                    | "staff"
                    | "queue"
                    | "rota"
                    | "case"
                    | "cases"
                    | "lead"
                    | "manager"
            )
        },
        "active" => |_, next| next == "directory",
        // "Lead the migration" names a task; "a natural leader" or "lead" alone is the trait.
        "lead" => |_, next| {
            matches!(
                next,
                "the" | "a" | "an" | "our" | "this" | "their" | "your" | "its"
            )
        },
        _ => return None,
    })
}

/// A stem, with its first eight bytes (or fewer, padded with zeros) as one number and a mask
/// of the bytes that are its own, so a word's first eight bytes compare with it at once.
struct Stem {
    text: &'static str,
    coding: Coding,
    head: u64,
    mask: u64,
}

/// The stems by their first two letters, masculine first, so a word is compared with a
/// handful and the first stem that fits gives its list.
static STEMS: LazyLock<Vec<Vec<Stem>>> = LazyLock::new(|| {
    let mut buckets: Vec<Vec<Stem>> = std::iter::repeat_with(Vec::new).take(26 * 26).collect();
    let lists = [(MASCULINE, Coding::Masculine), (FEMININE, Coding::Feminine)];
    for (list, coding) in lists {
        for text in list {
            let key = bucket_of(text.as_bytes()).expect("stems start with two letters");
            let own = text.len().min(8);
            buckets[key].push(Stem {
                text,
                coding,
                head: crate::scan::first_eight(text.as_bytes()),
                mask: u64::MAX >> (8 * (8 - own)),
            });
        }
    }
    buckets
});

/// The bucket of a word by its first two letters, ignoring case.
fn bucket_of(word: &[u8]) -> Option<usize> {
    let [a, b, ..] = word else { return None };
    let (a, b) = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
    (a.is_ascii_lowercase() && b.is_ascii_lowercase())
        .then(|| usize::from(a - b'a') * 26 + usize::from(b - b'a'))
}

/// The first stem on either list that `text` starts with, ignoring ASCII case; masculine first,
/// as the decoder checks. Its first eight bytes, lowercased, are read as one number: most
/// words are ruled out by [`STARTS`], and the stems of the rest's bucket compare at once.
#[inline]
fn stem_of(text: &[u8]) -> Option<&'static Stem> {
    let head = crate::scan::lowercase_letters(crate::scan::first_eight(text));
    if may_start_a_stem(head) {
        bucket_stem(head, text)
    } else {
        None
    }
}

/// [`stem_of`] past the filter. Apart, so that the scan of every word start inlines only the
/// filter (about 6 M fewer instructions over the 487 corpus postings than inlining it all).
#[inline(never)]
fn bucket_stem(head: u64, text: &[u8]) -> Option<&'static Stem> {
    STEMS[bucket_of(text)?].iter().find(|stem| {
        head & stem.mask == stem.head
            && (stem.text.len() <= 8
                || text
                    .get(8..stem.text.len())
                    .is_some_and(|tail| tail.eq_ignore_ascii_case(&stem.text.as_bytes()[8..])))
    })
}

/// Whether a text whose first eight bytes, lowercased, are `head` may start with a stem: its
/// first four bytes' bit in [`STARTS`] is set.
fn may_start_a_stem(head: u64) -> bool {
    let bit = start_bit(head);
    STARTS[bit / 64] & (1 << (bit % 64)) != 0
}

/// The bit of [`STARTS`] for a text whose first four bytes, lowercased, are the low four of
/// `head`.
const fn start_bit(head: u64) -> usize {
    ((head & 0xffff_ffff).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - 16)) as usize
}

/// Every stem's first four bytes, hashed to one bit of 2^16: a word whose first four bytes'
/// bit is clear starts with no stem. A stem of three letters (`nag`) sets the bit of each
/// fourth byte. In the corpus's prose, 50,748 of about 528,000 word starts pass, where 83,198
/// passed a filter on three bytes ("company" starts as "compet" does).
static STARTS: [u64; (1 << 16) / 64] = {
    let mut bits = [0u64; (1 << 16) / 64];
    let lists = [MASCULINE, FEMININE];
    let mut l = 0;
    while l < lists.len() {
        let mut i = 0;
        while i < lists[l].len() {
            let b = lists[l][i].as_bytes();
            let three = b[0] as u64 | (b[1] as u64) << 8 | (b[2] as u64) << 16;
            let (mut fourth, last) = if b.len() > 3 { (b[3], b[3]) } else { (0, 255) };
            loop {
                let bit = start_bit(three | (fourth as u64) << 24);
                bits[bit / 64] |= 1 << (bit % 64);
                if fourth == last {
                    break;
                }
                fourth += 1;
            }
            i += 1;
        }
        l += 1;
    }
    bits
};

/// The list an ASCII word's stem is on, ignoring case.
fn coding_of(word: &str) -> Option<Coding> {
    stem_of(word.as_bytes()).map(|stem| stem.coding)
}

/// The words of a block: runs of letters and hyphens with a letter at each end, as byte
/// ranges, found in one pass that decodes only non-ASCII characters.
fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            // To the next letter: a word starts at one.
            if bytes[i].is_ascii() {
                if !bytes[i].is_ascii_alphabetic() {
                    i += 1;
                    continue;
                }
            } else {
                let c = char_at(text, i).expect("i is on a character boundary");
                if !c.is_alphabetic() {
                    i += c.len_utf8();
                    continue;
                }
            }
            let start = i;
            let mut end = i;
            while i < bytes.len() {
                let b = bytes[i];
                if b.is_ascii_alphabetic() {
                    i += 1;
                    end = i;
                } else if b == b'-' {
                    i += 1;
                } else if b.is_ascii() {
                    break;
                } else {
                    let c = char_at(text, i).expect("i is on a character boundary");
                    if !c.is_alphabetic() {
                        break;
                    }
                    i += c.len_utf8();
                    end = i;
                }
            }
            return Some(start..end);
        }
        None
    })
}

/// [`words`] read character by character, as the rule first did: the oracle its tests compare
/// with.
#[cfg(test)]
fn words_char_by_char(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = None;
    let mut last_letter_end = 0;
    let mut i = 0;
    while i < bytes.len() {
        // ASCII is most of the text: decode a character only when it is not.
        let (letter, len) = if bytes[i].is_ascii() {
            (bytes[i].is_ascii_alphabetic(), 1)
        } else {
            let c = text[i..]
                .chars()
                .next()
                .expect("i is on a character boundary");
            (c.is_alphabetic(), c.len_utf8())
        };
        if letter {
            start.get_or_insert(i);
            last_letter_end = i + len;
        } else if bytes[i] == b'-' && start.is_some() {
            // A hyphen stays inside the word only if a letter follows; checked at the next char.
        } else if let Some(s) = start.take() {
            out.push(s..last_letter_end);
        }
        i += len;
    }
    if let Some(s) = start {
        out.push(s..last_letter_end);
    }
    out
}

/// How many masculine- and feminine-coded words the posting has.
pub(crate) fn counts(doc: &Document<'_>) -> (usize, usize) {
    let hits = hits(doc);
    let masculine = hits
        .iter()
        .filter(|h| h.coding == Coding::Masculine)
        .count();
    (masculine, hits.len() - masculine)
}

/// Every coded word in the posting's prose, computed once per document.
fn hits(doc: &Document<'_>) -> Arc<Vec<Hit>> {
    doc.memo(find_hits)
}

fn find_hits(doc: &Document<'_>) -> Vec<Hit> {
    let mut out = Vec::new();
    // Headings are labels ("Key Objectives", "Leadership"), not descriptions of the person.
    for block in doc.blocks().iter().filter(|b| !b.is_heading()) {
        let text = doc.slice(block.span.clone());
        let bytes = text.as_bytes();
        let mut found = Vec::new();
        let mut from = 0;
        // A coded word, or a part of a hyphenated one, starts with a stem, and each starts
        // where a run of ASCII letters does: only those places are read, and only the words
        // whose run starts with a stem (few) are read whole.
        for at in crate::scan::ascii_letter_runs(bytes) {
            if at < from {
                continue;
            }
            if stem_of(&bytes[at..]).is_none() {
                continue;
            }
            let word = word_around(text, at);
            from = word.end;
            // The words around it are read only for a word on a list, which few are.
            let neighbours = || (word_before(text, word.start), word_after(text, word.end));
            word_hits(doc, block.span.start, text, &word, neighbours, &mut found);
        }
        let french = || may_be_french(bytes) && is_french_block(text);
        if !found.is_empty() && !french() {
            out.extend(found);
        }
    }
    out
}

/// The coded words in one word of a block (more than one if it is hyphenated), given how to
/// find the words before and after it.
fn word_hits(
    doc: &Document<'_>,
    offset: usize,
    text: &str,
    w: &Range<usize>,
    neighbours: impl Fn() -> (Option<Range<usize>>, Option<Range<usize>>),
    found: &mut Vec<Hit>,
) {
    let word = &text[w.clone()];
    if !word.is_ascii() || !word.as_bytes()[0].is_ascii_alphabetic() {
        return;
    }
    // Most words are on neither list: find out before lowercasing anything.
    let hyphenated = word.contains('-');
    if !hyphenated && coding_of(word).is_none() {
        return;
    }
    let mut buffers = [[0u8; SHORT_WORD]; 3];
    let [word_buffer, previous_buffer, next_buffer] = &mut buffers;
    let lowered = lowercase(word, word_buffer);
    // Hyphenated words count by their parts unless a hyphenated stem covers them.
    let whole = !hyphenated || starts_with_hyphenated_stem(&lowered);
    // The words around it, lowercased, read only for a part that a phrase may exempt.
    let mut around: Option<(Cow<'_, str>, Cow<'_, str>)> = None;
    let mut at = 0;
    for part in lowered.split(|c| !whole && c == '-') {
        let part_start = at;
        at += part.len() + 1;
        let Some(coding) = coding_of(part) else {
            continue;
        };
        if not_coded(part) {
            continue;
        }
        if let Some(exempt) = phrase_exemption(part) {
            if around.is_none() {
                let (previous, next) = neighbours();
                around = Some((
                    previous.map_or(Cow::Borrowed(""), |r| lowercase(&text[r], previous_buffer)),
                    next.map_or(Cow::Borrowed(""), |r| lowercase(&text[r], next_buffer)),
                ));
            }
            let (previous, next) = around.as_ref().expect("read above");
            if exempt(previous, next) {
                continue;
            }
        }
        let start = offset + w.start + part_start;
        let span = start..start + part.len();
        if !doc.is_non_prose(&span) {
            found.push(Hit { span, coding });
        }
    }
}

/// The longest word [`lowercase`] lowercases in place: longer than any on the lists.
const SHORT_WORD: usize = 32;

/// `text` ASCII-lowercased: in `buffer` when it fits, as every word the lists and phrases name
/// does, else a copy of its own.
fn lowercase<'b>(text: &str, buffer: &'b mut [u8; SHORT_WORD]) -> Cow<'b, str> {
    match buffer.get_mut(..text.len()) {
        Some(short) => {
            short.copy_from_slice(text.as_bytes());
            short.make_ascii_lowercase();
            let short: &'b [u8] = short;
            Cow::Borrowed(std::str::from_utf8(short).expect("lowercasing ASCII keeps UTF-8"))
        }
        None => Cow::Owned(text.to_ascii_lowercase()),
    }
}

/// Whether `c` can be inside a word: a letter, or a hyphen between letters.
fn in_word(c: char) -> bool {
    c == '-' || c.is_alphabetic()
}

/// The word (as [`words`] splits them) holding the letter at byte `at`: the run of letters and
/// hyphens around it, without hyphens at either end.
///
/// Read a byte at a time while the run and the bytes that end it are ASCII (nearly always);
/// where a byte beyond ASCII ends it, that may be a letter, and the run is read again a
/// character at a time.
fn word_around(text: &str, at: usize) -> Range<usize> {
    let bytes = text.as_bytes();
    // [`in_word`] for a byte that is a whole character; a byte beyond ASCII ends the run.
    let in_ascii_word = |b: &u8| b.is_ascii() && in_word(char::from(*b));
    let start = bytes[..at]
        .iter()
        .rposition(|b| !in_ascii_word(b))
        .map_or(0, |i| i + 1);
    let end = bytes[at..]
        .iter()
        .position(|b| !in_ascii_word(b))
        .map_or(bytes.len(), |i| at + i);
    let ends_ascii = |i: Option<usize>| i.and_then(|i| bytes.get(i)).is_none_or(u8::is_ascii);
    if !(ends_ascii(start.checked_sub(1)) && ends_ascii(Some(end))) {
        return word_around_by_char(text, at);
    }
    let run = &bytes[start..end];
    let leading = run.iter().take_while(|&&b| b == b'-').count();
    let trailing = run[leading..]
        .iter()
        .rev()
        .take_while(|&&b| b == b'-')
        .count();
    start + leading..end - trailing
}

/// [`word_around`] a character at a time.
fn word_around_by_char(text: &str, at: usize) -> Range<usize> {
    let start = text[..at]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| in_word(c))
        .last()
        .map_or(at, |(i, _)| i);
    let end = text[at..]
        .char_indices()
        .find(|&(_, c)| !in_word(c))
        .map_or(text.len(), |(i, _)| at + i);
    let run = &text[start..end];
    let trimmed_start = run.len() - run.trim_start_matches('-').len();
    let trimmed = run.trim_end_matches('-');
    start + trimmed_start..start + trimmed.len()
}

/// The word before the run of letters and hyphens that holds the word starting at `start`.
fn word_before(text: &str, start: usize) -> Option<Range<usize>> {
    let run_start = text[..start]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c == '-')
        .last()
        .map_or(start, |(i, _)| i);
    let (letter, _) = text[..run_start]
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_alphabetic())?;
    Some(word_around(text, letter))
}

/// The word after the run of letters and hyphens that holds the word ending at `end`.
fn word_after(text: &str, end: usize) -> Option<Range<usize>> {
    let run_end = text[end..]
        .char_indices()
        .find(|&(_, c)| c != '-')
        .map_or(text.len(), |(i, _)| end + i);
    let (letter, _) = text[run_end..]
        .char_indices()
        .find(|&(_, c)| c.is_alphabetic())?;
    Some(word_around(text, run_end + letter))
}

/// Whether `text` may hold a French function word as [`words`] splits them: a run of ASCII
/// letters that is one. Every word on the list is ASCII letters, so it is such a run (with a
/// letter beyond ASCII beside it, `words` reads a longer word, which this lets through): a
/// block where this finds none is not French. It reads only where runs of letters start, and
/// a run's first eight bytes at once.
fn may_be_french(text: &[u8]) -> bool {
    crate::scan::ascii_letter_runs(text).any(|at| {
        let head = crate::scan::first_eight(&text[at..]);
        let len = crate::scan::leading_letters(head);
        if !(2..=FUNCTION_WORD_MAX).contains(&len) {
            return false;
        }
        // The run's letters, lowercased and padded with zeros: a function word's key.
        let key = crate::scan::lowercase_letters(head) & (u64::MAX >> (64 - 8 * len));
        u32::try_from(key).is_ok_and(|k| FRENCH_KEYS.contains(&k))
    })
}

/// Whether a block reads as French: more French function words than English ones (the words
/// read one by one, not collected: this runs on every block with a coded word).
fn is_french_block(text: &str) -> bool {
    let (mut french, mut english) = (0, 0);
    for word in words(text) {
        match function_word(&text[word]) {
            Some(true) => french += 1,
            Some(false) => english += 1,
            None => {}
        }
    }
    french >= 2 && french > english
}

/// Whether `word` is a French (`true`) or English (`false`) function word.
fn function_word(word: &str) -> Option<bool> {
    // The function words are all short: most words need no comparing, and the others compare
    // as one number each.
    let key = function_word_key(word.as_bytes())?;
    if FRENCH_KEYS.contains(&key) {
        Some(true)
    } else if ENGLISH_KEYS.contains(&key) {
        Some(false)
    } else {
        None
    }
}

/// A word of up to [`FUNCTION_WORD_MAX`] bytes as one number: its bytes, ASCII letters
/// lowercased, padded with zeros (which no word holds). `None` for longer words.
const fn function_word_key(word: &[u8]) -> Option<u32> {
    if word.len() > FUNCTION_WORD_MAX {
        return None;
    }
    let mut key = [0u8; FUNCTION_WORD_MAX];
    let mut i = 0;
    while i < word.len() {
        key[i] = word[i].to_ascii_lowercase();
        i += 1;
    }
    Some(u32::from_le_bytes(key))
}

/// [`function_word_key`] of every word of `words`; a word too long fails the build.
const fn function_word_keys<const N: usize>(words: &[&str]) -> [u32; N] {
    let mut keys = [0; N];
    let mut i = 0;
    while i < N {
        keys[i] = match function_word_key(words[i].as_bytes()) {
            Some(key) => key,
            None => panic!("a function word is longer than FUNCTION_WORD_MAX"),
        };
        i += 1;
    }
    keys
}

const FRENCH_KEYS: [u32; FRENCH.len()] = function_word_keys(FRENCH);
const ENGLISH_KEYS: [u32; ENGLISH.len()] = function_word_keys(ENGLISH);

/// [`is_french_block`] over words already split.
#[cfg(test)]
fn is_french(text: &str, words: &[Range<usize>]) -> bool {
    let (mut french, mut english) = (0, 0);
    for w in words {
        let word = &text[w.clone()];
        // The function words are all short: most words need no comparing.
        if word.len() > FUNCTION_WORD_MAX {
            continue;
        }
        if FRENCH.iter().any(|l| word.eq_ignore_ascii_case(l)) {
            french += 1;
        } else if ENGLISH.iter().any(|l| word.eq_ignore_ascii_case(l)) {
            english += 1;
        }
    }
    french >= 2 && french > english
}

fn starts_with_hyphenated_stem(word: &str) -> bool {
    MASCULINE
        .iter()
        .chain(FEMININE)
        .any(|s| s.contains('-') && word.starts_with(s))
}

const CITATION: &str = "Gaucher, Friesen & Kay (2011)";

pub(crate) struct GenderCodedWord;

impl GenderCodedWord {
    pub(crate) fn build(options: &toml::Table) -> Result<Arc<dyn Rule>, String> {
        super::no_options(options)?;
        Ok(Arc::new(Self))
    }
}

impl Rule for GenderCodedWord {
    fn prepare(&self) {
        LazyLock::force(&STEMS);
    }

    fn check(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        for hit in hits(doc).iter() {
            let word = doc.slice(hit.span.clone());
            let (coding, other) = match hit.coding {
                Coding::Masculine => ("masculine", "feminine"),
                Coding::Feminine => ("feminine", "masculine"),
            };
            cx.report(hit.span.clone(), format!("`{word}` is {coding}-coded"))
                .label(format!("{coding}-coded"))
                .note(format!("{CITATION} found {coding}-coded wording shifts who feels they belong; field evidence since is weak (Castilla & Rho 2023)"))
                .help(format!("keep it if it is the right word; balance the posting with {other}-coded or neutral wording if it leans one way"));
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct BalanceOptions {
    /// How many more words one list must have than the other.
    threshold: usize,
    /// Which lean to report.
    direction: Direction,
}

/// Which lean `gender-coded-balance` reports. The paper found an effect of masculine-coded
/// wording on women; feminine-coded wording had only a slight effect on men.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Direction {
    Masculine,
    Both,
}

impl Default for BalanceOptions {
    fn default() -> Self {
        Self {
            threshold: 4,
            direction: Direction::Masculine,
        }
    }
}

pub(crate) struct GenderCodedBalance {
    threshold: usize,
    direction: Direction,
}

impl GenderCodedBalance {
    pub(crate) fn build(options: &toml::Table) -> Result<Arc<dyn Rule>, String> {
        let options: BalanceOptions = super::options(options)?;
        if options.threshold == 0 {
            return Err("`threshold` must be at least 1".into());
        }
        Ok(Arc::new(Self {
            threshold: options.threshold,
            direction: options.direction,
        }))
    }
}

impl Rule for GenderCodedBalance {
    fn prepare(&self) {
        LazyLock::force(&STEMS);
    }

    fn check(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        let hits = hits(doc);
        let masculine: Vec<&Hit> = hits
            .iter()
            .filter(|h| h.coding == Coding::Masculine)
            .collect();
        let feminine: Vec<&Hit> = hits
            .iter()
            .filter(|h| h.coding == Coding::Feminine)
            .collect();
        let (leaning, lean, other, other_name) =
            if masculine.len() >= feminine.len() + self.threshold {
                (&masculine, "masculine", feminine.len(), "feminine")
            } else if self.direction == Direction::Both
                && feminine.len() >= masculine.len() + self.threshold
            {
                (&feminine, "feminine", masculine.len(), "masculine")
            } else {
                return;
            };
        let mut words: Vec<String> = Vec::new();
        for h in leaning {
            let w = doc.slice(h.span.clone()).to_ascii_lowercase();
            if !words.contains(&w) {
                words.push(w);
            }
        }
        let shown: Vec<String> = words.iter().take(6).map(|w| format!("`{w}`")).collect();
        let more = if words.len() > 6 { ", ..." } else { "" };
        let mut report = cx
            .report(
                doc.anchor(),
                format!(
                    "the wording leans {lean}-coded: {} {lean}-coded words to {other} {other_name}-coded",
                    leaning.len()
                ),
            )
            .label(format!("{lean}-coded overall"))
            .document_level()
            .note(format!(
                "{CITATION} found {lean}-coded postings less appealing to the other gender in lab studies; a large field experiment found negligible effects (Castilla & Rho 2023); words: {}{more}",
                shown.join(", ")
            ))
            .help(format!("where a {lean}-coded word is not essential, use a neutral one"));
        for h in leaning.iter().take(3) {
            report = report.secondary(h.span.clone(), format!("{lean}-coded"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{
        Coding, ENGLISH, FRENCH, FUNCTION_WORD_MAX, Hit, find_hits, function_word, hits, is_french,
        is_french_block, word_hits, words, words_char_by_char,
    };
    use crate::document::{Document, Format};
    use std::ops::Range;

    /// The word-by-word reading that `find_hits` replaced: every word of every block, with the
    /// words before and after it and the French check from one split (what each word holds is
    /// `word_hits`, shared). `find_hits` must find the same.
    fn find_hits_word_by_word(doc: &Document<'_>) -> Vec<Hit> {
        let mut out = Vec::new();
        for block in doc.blocks().iter().filter(|b| !b.is_heading()) {
            let text = doc.slice(block.span.clone());
            let words = words_char_by_char(text);
            let mut found = Vec::new();
            for (i, w) in words.iter().enumerate() {
                let previous = i.checked_sub(1).map(|p| words[p].clone());
                let next = words.get(i + 1).cloned();
                let neighbours = || (previous.clone(), next.clone());
                word_hits(doc, block.span.start, text, w, neighbours, &mut found);
            }
            if !found.is_empty() && !is_french(text, &words) {
                out.extend(found);
            }
        }
        out
    }

    /// The word around each letter of every fixture and of edge cases (hyphens at the ends,
    /// letters beyond ASCII beside the run or in it) is the one read a character at a time.
    #[test]
    fn word_around_by_byte_is_word_around_by_char() {
        let mut texts = crate::fixture_texts();
        texts.extend(
            [
                "-lead- x--y é-lead leadé naïve-lead lead-é 1lead_ --a-- a",
                "Ça l'école, self-confident—and “bold” ÉQUIPE-lead",
                "\u{212a}elvin lead\u{2010}er -",
            ]
            .map(String::from),
        );
        let mut checked = 0;
        for text in &texts {
            let letters = text.char_indices().filter(|(_, c)| c.is_alphabetic());
            for at in letters.map(|(at, _)| at) {
                assert_eq!(
                    super::word_around(text, at),
                    super::word_around_by_char(text, at),
                    "{text:?} at {at}"
                );
                checked += 1;
            }
        }
        assert!(checked > 10_000, "letters checked: {checked}");
    }

    #[test]
    fn words_in_one_pass_are_the_words_char_by_char() {
        let edge = "le-la et--est -une pour- nous_vous avec1dans — Ça l'école naïve-lead-- -x- a";
        let mut texts = crate::fixture_texts();
        texts.push(edge.to_string());
        for text in &texts {
            assert_eq!(words(text).collect::<Vec<_>>(), words_char_by_char(text));
        }
    }

    /// Wherever the words hold a French function word, the one-pass gate finds one: over
    /// every sequence of up to five pieces (function words in both cases, neighbours of every
    /// kind), and every fixture line and whole fixture.
    #[test]
    fn the_french_gate_finds_every_french_function_word() {
        let pieces = [
            "le", "LA", "Est", " ", "-", "1", "_", "é", "x", "’", "\u{212a}",
        ];
        let mut texts = crate::fixture_lines_and_texts();
        texts.extend(crate::strings_over(&pieces, 5));
        let mut french = 0;
        for text in &texts {
            let has = words(text).any(|w| function_word(&text[w]) == Some(true));
            french += usize::from(has);
            assert!(!has || super::may_be_french(text.as_bytes()), "{text:?}");
        }
        assert!(french > 1000, "texts with a French function word: {french}");
    }

    #[test]
    fn french_blocks_read_in_one_pass_as_from_split_words() {
        for text in [
            "Nous développons des logiciels et nous travaillons activement.",
            "le-la et--est -une pour- nous_vous avec1dans sur aux",
            "The team and the lead, with le and la and et.",
            "Ça va? À l'école, la classe et la prof — du café, des crêpes.",
            "",
        ] {
            assert_eq!(
                is_french_block(text),
                is_french(text, &words_char_by_char(text)),
                "{text}"
            );
        }
        assert!(is_french_block(
            "Nous développons des logiciels et nous travaillons."
        ));
        assert!(!is_french_block(
            "We build tools for the team and the public."
        ));
    }

    #[test]
    fn function_words_are_found_by_key_as_by_list() {
        let by_list = |word: &str| {
            if FRENCH.iter().any(|l| word.eq_ignore_ascii_case(l)) {
                Some(true)
            } else if ENGLISH.iter().any(|l| word.eq_ignore_ascii_case(l)) {
                Some(false)
            } else {
                None
            }
        };
        let mut texts = crate::fixture_texts();
        texts.push("LE La lES The AND a A an é És aux AUX avec avecs th we WE wE".to_string());
        let mut seen = [0; 3];
        for text in &texts {
            for word in words(text) {
                let word = &text[word];
                let found = function_word(word);
                assert_eq!(found, by_list(word), "{word:?}");
                seen[found.map_or(2, usize::from)] += 1;
            }
        }
        assert!(seen.iter().all(|&n| n > 0), "{seen:?}");
    }

    #[test]
    fn candidates_find_what_reading_every_word_finds() {
        let mut texts = crate::fixture_postings();
        let edge_cases = [
            "A self-confident, co-operative, values--driven lead-- and -lead leader.",
            "3active _lead x-y-support über-driven décisive leadé naïve-lead, well- lead",
            "Lead the way. Lead. Be determined by nobody; feel free to be kind of loyal.",
            "An individual contributor with objective-driven, child care—support engineers.",
            "--- -- - a-",
            "Nous développons des logiciels et nous travaillons activement avec le leadership.",
            "Le rendez-vous est à l'équipe: la-bas, les-- et -du aux; we lead the support.",
            "Vous êtes un leader actif et loyal dans une équipe, et nous aussi.",
        ];
        for text in edge_cases {
            texts.push(("edge.md".into(), text.to_string()));
        }
        let mut compared = 0;
        for (path, text) in &texts {
            let doc = Document::parse(text, Format::from_path(path));
            let spans = |hits: Vec<Hit>| -> Vec<(Range<usize>, Coding)> {
                hits.into_iter().map(|h| (h.span, h.coding)).collect()
            };
            let old = spans(find_hits_word_by_word(&doc));
            compared += old.len();
            assert_eq!(spans(find_hits(&doc)), old, "{}", path.display());
        }
        assert!(compared > 50, "coded words compared: {compared}");
    }

    /// Every stem, in any case, alone or with more after it, passes the first-four-bytes filter
    /// and is found by its head; and the filter rules out most words of real prose, or it would
    /// filter in name only.
    #[test]
    fn the_start_filter_keeps_every_stem_and_drops_most_words() {
        use super::{FEMININE, MASCULINE, may_start_a_stem, stem_of};
        let kept = |word: &str| {
            may_start_a_stem(crate::scan::lowercase_letters(crate::scan::first_eight(
                word.as_bytes(),
            )))
        };
        for stem in MASCULINE.iter().chain(FEMININE) {
            let mut capital = stem.to_string();
            capital[..1].make_ascii_uppercase();
            for form in [stem.to_string(), capital, stem.to_ascii_uppercase()] {
                for after in ["", "ing", ".", " x", "-y", "\u{e9}"] {
                    let word = format!("{form}{after}");
                    assert!(kept(&word), "{word}");
                    assert!(stem_of(word.as_bytes()).is_some(), "{word}");
                }
            }
        }
        let (mut seen, mut passed) = (0, 0);
        for (_, text) in crate::fixture_postings() {
            for word in words(&text) {
                seen += 1;
                passed += usize::from(kept(&text[word]));
            }
        }
        assert!(seen > 5_000, "words: {seen}");
        assert!(passed * 5 < seen, "{passed} of {seen} words pass");
    }

    #[test]
    fn function_words_fit_the_length_filter() {
        let longest = ENGLISH.iter().chain(FRENCH).map(|w| w.len()).max();
        assert_eq!(longest, Some(FUNCTION_WORD_MAX));
    }

    fn coded(text: &str) -> Vec<(String, Coding)> {
        let doc = Document::parse(text, Format::Markdown);
        hits(&doc)
            .iter()
            .map(|h| (text[h.span.clone()].to_string(), h.coding))
            .collect()
    }

    #[test]
    fn prefix_false_positives_are_gone() {
        let text = "You are responsible for our leadership committee and analytics; feel free to ask. Our support engineers own the competitive salary bands, determined by a panel. Key objective: confidential data.";
        assert_eq!(coded(text), Vec::new());
    }

    #[test]
    fn traits_still_count() {
        let text = "A responsive, analytical, committed and self-confident lead.";
        let got: Vec<String> = coded(text).into_iter().map(|(w, _)| w).collect();
        assert_eq!(
            got,
            [
                "responsive",
                "analytical",
                "committed",
                "self-confident",
                "lead"
            ]
        );
    }

    #[test]
    fn hyphenated_words_count_by_their_parts() {
        let got: Vec<String> = coded("Build values-driven, co-operative teams.")
            .into_iter()
            .map(|(w, _)| w)
            .collect();
        assert_eq!(got, ["driven", "co-operative"]);
    }

    #[test]
    fn french_blocks_are_skipped() {
        assert_eq!(
            coded("Nous développons des logiciels et nous travaillons activement."),
            Vec::new()
        );
        assert_eq!(
            coded("We are an active team."),
            [("active".to_string(), Coding::Masculine)]
        );
    }
}
