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
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    let kept = out.trim_end_matches(['.', ';', ',', ':', '!']).len();
    out.truncate(kept);
    if out.is_ascii() {
        out.make_ascii_lowercase();
        out
    } else {
        out.to_lowercase()
    }
}

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
        let mut seen: HashMap<(Option<usize>, String), Range<usize>> = HashMap::new();
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
}
