//! `duplicate-bullet`: the same item twice in one list, as copy-paste leaves it. Items are
//! compared within a run of list items with no paragraph or heading between: the same bullet
//! under "GS-13 objectives" and again under "GS-14 objectives" is two lists, not a slip.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::ops::Range;
use std::sync::Arc;

use crate::diagnostic::Applicability;
use crate::document::{BlockKind, Document};
use crate::rules::{Context, Rule};
use crate::scan::hash_lowercased;

pub(crate) struct DuplicateBullet;

impl DuplicateBullet {
    pub(crate) fn build(options: &toml::Table) -> Result<Arc<dyn Rule>, String> {
        super::no_options(options)?;
        Ok(Arc::new(Self))
    }
}

/// [`normalise_into`] a new string.
#[cfg(test)]
fn normalise(text: &str) -> String {
    let mut out = String::new();
    normalise_into(text, &mut out);
    out
}

/// The item's text for comparison, into `out` (cleared first, so one buffer serves every
/// item): lowercase, spaces collapsed, no closing punctuation.
///
/// The same as collapsing with `split_whitespace`, trimming and calling `to_lowercase`, in as
/// few passes as can be: an item with nothing to collapse is only lowercased, and any other is
/// read once, ASCII a run of non-blank bytes at a time. Text with a `Σ` goes the long way,
/// because `to_lowercase` makes it `ς` at the end of a word, which a character at a time cannot
/// see.
fn normalise_into(text: &str, out: &mut String) {
    out.clear();
    let sigma = SIGMA.find(text.as_bytes()).is_some();
    // Most items have single spaces between words and none at either end: collapsing leaves
    // those as they are, so they need only lowercasing.
    if is_collapsed(text) {
        if sigma {
            out.push_str(&text.to_lowercase());
        } else {
            lowercase_into(text, out);
        }
    } else if sigma {
        let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
        out.push_str(&collapsed.to_lowercase());
    } else {
        collapse_lowercase_into(text, out);
    }
    // Lowercasing makes no letter into closing punctuation, so trimming after it is the same.
    let kept = out.trim_end_matches(CLOSING).len();
    out.truncate(kept);
}

/// `text` with its white space collapsed and trimmed, lowercased, pushed onto `out`; for text
/// without `Σ`.
fn collapse_lowercase_into(text: &str, out: &mut String) {
    let start = out.len();
    let bytes = text.as_bytes();
    let mut space = false;
    let mut i = 0;
    while i < bytes.len() {
        // What `char::is_whitespace` holds in ASCII: space, `\t`, `\n`, `\x0B`, `\x0C`, `\r`.
        let run = bytes[i..]
            .iter()
            .position(|&b| !b.is_ascii() || matches!(b, b' ' | b'\t'..=b'\r'))
            .unwrap_or(bytes.len() - i);
        if run > 0 {
            if space {
                out.push(' ');
                space = false;
            }
            let at = out.len();
            out.push_str(&text[i..i + run]);
            out[at..].make_ascii_lowercase();
            i += run;
            continue;
        }
        if bytes[i].is_ascii() {
            space = out.len() > start;
            i += 1;
            continue;
        }
        let c = super::prose::char_at(text, i).expect("i is on a character boundary");
        i += c.len_utf8();
        if c.is_whitespace() {
            space = out.len() > start;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        push_lowercase(c, out);
    }
}

/// `text.to_lowercase()` pushed onto `out`, for text without `Σ`: its ASCII a run at a time,
/// where `to_lowercase` goes a character at a time from the first character beyond ASCII on
/// (an item with a `’` early on is lowercased at about 50 instructions a byte).
fn lowercase_into(text: &str, out: &mut String) {
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let start = out.len();
        out.push_str(&rest[..ascii]);
        out[start..].make_ascii_lowercase();
        rest = &rest[ascii..];
        if let Some(c) = rest.chars().next() {
            push_lowercase(c, out);
            rest = &rest[c.len_utf8()..];
        }
    }
}

/// `c.to_lowercase()` pushed onto `out`, answered at once for the characters beyond ASCII
/// that items hold most: the letters of Latin-1 (`É`, `é`) and general punctuation (`’`, `—`),
/// which the standard library looks up in its tables.
fn push_lowercase(c: char, out: &mut String) {
    match c {
        // `À` to `Þ` but `×`: their lowercase is 32 code points on.
        '\u{c0}'..='\u{de}' if c != '×' => {
            out.push(char::from_u32(u32::from(c) + 0x20).expect("a Latin-1 letter"));
        }
        // `ß` to `ÿ` are lowercase already, and `×`, `÷` and general punctuation have no case.
        '×' | '\u{df}'..='\u{ff}' | '\u{2000}'..='\u{206f}' => out.push(c),
        _ => out.extend(c.to_lowercase()),
    }
}

/// `Σ` in UTF-8: the one letter whose lowercase depends on where it is in a word.
static SIGMA: crate::pattern::Needle =
    crate::pattern::Needle::new(|| memchr::memmem::Finder::new("Σ".as_bytes()));

static TWO_SPACES: crate::pattern::Needle =
    crate::pattern::Needle::new(|| memchr::memmem::Finder::new(b"  "));

/// Whether collapsing white space leaves `text` as it is: its only white space is single
/// ASCII spaces between other characters. Read in passes the compiler vectorizes (a byte loop
/// with no early exit, `memchr`), decoding only characters that may be white space.
fn is_collapsed(text: &str) -> bool {
    let bytes = text.as_bytes();
    let spaced = |b: Option<&u8>| b.is_none_or(|&b| b == b' ');
    if spaced(bytes.first())
        || spaced(bytes.last())
        || bytes
            .iter()
            .fold(false, |any, b| any | matches!(b, b'\t'..=b'\r'))
        || TWO_SPACES.find(bytes).is_some()
    {
        return false;
    }
    // The white space beyond ASCII starts with one of these bytes (U+0085, U+00A0, U+1680,
    // U+2000 to U+205F, U+3000).
    let white = |i: usize| super::prose::char_at(text, i).is_some_and(char::is_whitespace);
    !(memchr::memchr3_iter(0xC2, 0xE2, 0xE3, bytes).any(white)
        || memchr::memchr_iter(0xE1, bytes).any(white))
}

/// The punctuation that ends an item without changing it.
const CLOSING: [char; 5] = ['.', ';', ',', ':', '!'];

/// The edit that deletes the item's whole line, when the item is one line and nothing nested
/// under it would be left orphaned.
fn line_removal(text: &str, span: &Range<usize>) -> Option<Range<usize>> {
    if text[span.clone()].contains('\n') {
        return None;
    }
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    if !text[span.end..line_end].trim().is_empty() {
        return None;
    }
    let indent = |line: &str| line.len() - line.trim_start().len();
    let this_indent = indent(&text[line_start..span.start]);
    if line_end < text.len() {
        let next = text[line_end + 1..].lines().next().unwrap_or("");
        // A more indented next line belongs to this item (a nested list or a continuation).
        if !next.trim().is_empty() && indent(next) > this_indent {
            return None;
        }
        return Some(line_start..line_end + 1);
    }
    Some(line_start..line_end)
}

/// The hash of the normalised text of `text` ([`normalise_into`], [`hash_lowercased`]), or
/// `None` where that is empty; `buffer` is for the normalised text. An item of ASCII with
/// nothing to collapse (most items) is hashed as it stands, without building the normalised
/// text: that is the item lowercased, less its closing punctuation, and `hash_lowercased`
/// lowercases as it reads.
fn key_hash(text: &str, buffer: &mut String) -> Option<u64> {
    if text.is_ascii() && is_collapsed(text) {
        let kept = text.trim_end_matches(CLOSING);
        return (!kept.is_empty()).then(|| hash_lowercased(kept.as_bytes()));
    }
    normalise_into(text, buffer);
    (!buffer.is_empty()).then(|| hash_lowercased(buffer.as_bytes()))
}

/// The items seen so far in the current list, by parent item (nested lists under two
/// different items are two lists) and the hash of their normalised text.
#[derive(Default)]
struct Seen {
    // Hashed again with foldhash: SipHash spent more on the keys than normalising did.
    first: HashMap<(Option<usize>, u64), Range<usize>, foldhash::fast::RandomState>,
    /// Items whose hash an earlier, different item has: compared by their text.
    collided: Vec<(Option<usize>, String, Range<usize>)>,
}

impl Seen {
    /// Records the item at `span` of `text` (normalised text hashing to `hash`); where an
    /// earlier item of the same list normalises the same, returns that one's span.
    fn first_of(
        &mut self,
        text: &str,
        parent: Option<usize>,
        hash: u64,
        span: &Range<usize>,
    ) -> Option<Range<usize>> {
        let first = match self.first.entry((parent, hash)) {
            Entry::Vacant(entry) => {
                entry.insert(span.clone());
                return None;
            }
            Entry::Occupied(entry) => entry.get().clone(),
        };
        // Equal hashes: the texts decide (repeats are rare, so this is seldom run).
        let (mut normalised, mut earlier) = (String::new(), String::new());
        normalise_into(&text[span.clone()], &mut normalised);
        normalise_into(&text[first.clone()], &mut earlier);
        if earlier == normalised {
            return Some(first);
        }
        let same =
            |(p, t, _): &&(Option<usize>, String, Range<usize>)| *p == parent && *t == normalised;
        if let Some((.., earlier)) = self.collided.iter().find(same) {
            return Some(earlier.clone());
        }
        self.collided.push((parent, normalised, span.clone()));
        None
    }

    fn clear(&mut self) {
        self.first.clear();
        self.collided.clear();
    }
}

impl Rule for DuplicateBullet {
    fn check(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        let text = doc.text();
        let mut seen = Seen::default();
        // For the normalised text of each item that is not hashed as it stands.
        let mut buffer = String::new();
        // The open items as (indentation, block index), outermost first.
        let mut parents: Vec<(usize, usize)> = Vec::new();
        for (i, block) in doc.blocks().iter().enumerate() {
            if block.kind != BlockKind::ListItem {
                seen.clear();
                parents.clear();
                continue;
            }
            let line_start = text[..block.span.start].rfind('\n').map_or(0, |n| n + 1);
            let indent = text[line_start..block.span.start].len()
                - text[line_start..block.span.start].trim_start().len();
            while parents.last().is_some_and(|&(d, _)| d >= indent) {
                parents.pop();
            }
            let parent = parents.last().map(|&(_, p)| p);
            parents.push((indent, i));
            let Some(hash) = key_hash(&text[block.span.clone()], &mut buffer) else {
                continue;
            };
            let Some(first) = seen.first_of(text, parent, hash, &block.span) else {
                continue;
            };
            let report = cx
                .report(block.span.clone(), "list item repeats an earlier one in this list")
                .label("duplicate")
                .secondary(first, "first here")
                .note("a repeated bullet reads as a copy-paste slip and makes the list look longer than it is")
                .help("delete one of them");
            if let Some(line) = line_removal(doc.text(), &block.span) {
                report.edit(line, String::new(), Applicability::Safe);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Seen, key_hash, normalise, push_lowercase};
    use crate::scan::hash_lowercased;

    /// Item texts: every line of the fixtures, and edge cases of white space and case.
    fn item_texts() -> Vec<String> {
        let mut texts: Vec<String> = crate::fixture_postings()
            .into_iter()
            .flat_map(|(_, t)| t.lines().map(str::to_string).collect::<Vec<_>>())
            .collect();
        texts.extend(
            [
                "",
                " ",
                "\x0b\x0cA\r\n\tB \x1c",
                "Wait... ",
                ".;",
                "x .",
                "a\u{a0}b\u{2003}C\u{85}",
                "Équipe\u{3000}Agile",
                "ogham\u{1680}space’s",
                "narrow\u{202f}no-break — dash",
                "\u{2029}Paragraph",
                "Tab\tbetween",
                "double  space",
                " lead",
                "  Lead\n  the TEAM!!",
                "İSTANBUL Ünïcode ÆSIR",
                "ΟΔΥΣΣΕΥΣ ΣΑΣ",
                "ǅemal ẞ",
                "Don’t Repeat YOURSELF’S Code",
                "Ⅻ ÀÉÎ naïve Ω-Café ǈ",
                "× ÷ Þorn ÿ",
            ]
            .map(str::to_string),
        );
        texts
    }

    #[test]
    fn items_compare_by_words_case_and_closing_punctuation() {
        assert_eq!(
            normalise("  Training and\n  development. "),
            "training and development"
        );
        assert_eq!(normalise("ÉQUIPE  Agile;"), "équipe agile");
        assert_eq!(normalise(" .;"), "");
        assert_eq!(normalise("Wait..."), "wait");
    }

    #[test]
    fn items_normalise_as_collapsed_and_lowercased() {
        // What `normalise` reads in one pass: collapse the white space, trim, lowercase.
        let general = |text: &str| {
            let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
            joined.trim_end_matches(super::CLOSING).to_lowercase()
        };
        for text in &item_texts() {
            assert_eq!(normalise(text), general(text), "{text:?}");
        }
    }

    #[test]
    fn quick_lowercase_is_the_standard_one() {
        for c in ('\u{80}'..='\u{3ff}').chain('\u{1f00}'..='\u{20ff}') {
            let mut quick = String::new();
            push_lowercase(c, &mut quick);
            assert_eq!(
                quick,
                c.to_lowercase().to_string(),
                "{c:?} (U+{:04X})",
                u32::from(c)
            );
        }
    }

    /// The hash an item is filed under is the hash of its normalised text, whichever way it is
    /// computed, and there is none for an item that normalises to nothing.
    #[test]
    fn items_hash_as_their_normalised_text() {
        let mut buffer = String::new();
        for text in &item_texts() {
            let normalised = normalise(text);
            let want = (!normalised.is_empty()).then(|| hash_lowercased(normalised.as_bytes()));
            assert_eq!(key_hash(text, &mut buffer), want, "{text:?}");
        }
        // Texts that normalise alike hash alike, and others (here) do not.
        let hash = |t: &str| key_hash(t, &mut String::new());
        assert_eq!(hash("Lead the TEAM."), hash("  lead\n the team"));
        assert_eq!(hash("Équipe agile"), hash("ÉQUIPE  AGILE;"));
        assert_ne!(hash("Lead the team"), hash("Lead the teams"));
        assert_ne!(hash("lead the team"), hash("lead the team\u{a0}x"));
    }

    /// Items that share a hash but not their text are told apart: with every hash made the
    /// same, only true repeats are found, each against its own first occurrence.
    #[test]
    fn equal_hashes_are_confirmed_by_the_text() {
        let text = "Go\nRust\nrust.\nGo!\nZig\nGO";
        let mut items = Vec::new();
        let mut at = 0;
        for line in text.split('\n') {
            items.push(at..at + line.len());
            at += line.len() + 1;
        }
        let mut seen = Seen::default();
        let firsts: Vec<Option<&str>> = items
            .iter()
            .map(|span| seen.first_of(text, None, 7, span))
            .map(|first| first.map(|r| &text[r]))
            .collect();
        assert_eq!(
            firsts,
            [None, None, Some("Rust"), Some("Go"), None, Some("Go")]
        );
        // Another parent's list is another list.
        assert_eq!(seen.first_of(text, Some(0), 7, &items[0]), None);
    }
}
