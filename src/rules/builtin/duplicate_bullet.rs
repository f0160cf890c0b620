//! `duplicate-bullet`: the same item twice in one list, as copy-paste leaves it. Items are
//! compared within a run of list items with no paragraph or heading between: the same bullet
//! under "GS-13 objectives" and again under "GS-14 objectives" is two lists, not a slip.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use crate::diagnostic::Applicability;
use crate::document::{BlockKind, Document};
use crate::rules::{Context, Rule};

pub(crate) struct DuplicateBullet;

impl DuplicateBullet {
    pub(crate) fn build(options: &toml::Table) -> Result<Arc<dyn Rule>, String> {
        super::no_options(options)?;
        Ok(Arc::new(Self))
    }
}

/// The item's text for comparison: lowercase, spaces collapsed, no closing punctuation.
///
/// The same as collapsing with `split_whitespace`, trimming and calling `to_lowercase`, in as
/// few passes as can be: an item with nothing to collapse is only lowercased, and any other is
/// read once, ASCII a byte at a time. Text with a `Σ` goes the long way, because
/// `to_lowercase` makes it `ς` at the end of a word, which a character at a time cannot see.
fn normalise(text: &str) -> String {
    // Most items have single spaces between words and none at either end: collapsing leaves
    // those as they are, so they need only lowercasing.
    let sigma = SIGMA.find(text.as_bytes()).is_some();
    if is_collapsed(text) {
        let mut out = if sigma {
            text.to_lowercase()
        } else {
            lowercase(text)
        };
        out.truncate(out.trim_end_matches(CLOSING).len());
        return out;
    }
    if sigma {
        let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
        return collapsed.trim_end_matches(CLOSING).to_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let c = if b.is_ascii() {
            i += 1;
            // What `char::is_whitespace` holds in ASCII: space, `\t`, `\n`, `\x0B`, `\x0C`, `\r`.
            if matches!(b, b' ' | b'\t'..=b'\r') {
                space = !out.is_empty();
                continue;
            }
            None
        } else {
            let c = super::prose::char_at(text, i).expect("i is on a character boundary");
            i += c.len_utf8();
            if c.is_whitespace() {
                space = !out.is_empty();
                continue;
            }
            Some(c)
        };
        if space {
            out.push(' ');
            space = false;
        }
        match c {
            None => out.push(char::from(b.to_ascii_lowercase())),
            Some(c) => out.extend(c.to_lowercase()),
        }
    }
    // Lowercasing makes no letter into closing punctuation, so trimming after it is the same.
    let kept = out.trim_end_matches(CLOSING).len();
    out.truncate(kept);
    out
}

/// `text.to_lowercase()` for text without `Σ`: its ASCII a run at a time, where `to_lowercase`
/// goes a character at a time from the first character beyond ASCII on (an item with a `’`
/// early on is lowercased at about 50 instructions a byte).
fn lowercase(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
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
            out.extend(c.to_lowercase());
            rest = &rest[c.len_utf8()..];
        }
    }
    out
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

impl Rule for DuplicateBullet {
    fn check(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        // First occurrence of each item text in the current list, by parent item: nested
        // lists under two different items are two lists.
        let text = doc.text();
        // Hashed with foldhash: SipHash spent more on the items than normalising them did.
        let mut seen: HashMap<(Option<usize>, String), Range<usize>, foldhash::fast::RandomState> =
            HashMap::default();
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
            let raw = doc.slice(block.span.clone());
            let key = (parent, normalise(raw));
            if key.1.is_empty() {
                continue;
            }
            let Some(first) = seen.get(&key) else {
                seen.insert(key, block.span.clone());
                continue;
            };
            let report = cx
                .report(block.span.clone(), "list item repeats an earlier one in this list")
                .label("duplicate")
                .secondary(first.clone(), "first here")
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
    use super::normalise;

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
            ]
            .map(str::to_string),
        );
        for text in &texts {
            assert_eq!(normalise(text), general(text), "{text:?}");
        }
    }
}
