//! Builds a [`Document`](super::Document) from plain text, finding headings as a reader does.
//!
//! A line is a heading when it ends in a colon ("Overview:"), is in capitals ("REQUIREMENTS"), or
//! is a short line without closing punctuation that starts a block and is followed by body text.
//! The first such line of the file is the title (level 1); the others are level 2. Lines starting
//! with a bullet or a number are list items; other runs of lines are paragraphs.

use std::ops::Range;

use super::{BlockKind, Builder};

#[derive(Debug, Clone, PartialEq, Eq)]
enum Line {
    Blank,
    Item(Range<usize>),
    Text(Range<usize>),
}

/// Parses plain text starting at `body_start`.
pub(crate) fn parse(builder: &mut Builder<'_>, body_start: usize) {
    let text = builder.text;
    let lines = split_lines(text, body_start);
    let mut paragraph: Option<Range<usize>> = None;
    let mut item: Option<Range<usize>> = None;
    let mut seen_text = false;
    let mut prev_ends_block = true;
    for (i, line) in lines.iter().enumerate() {
        match line {
            Line::Blank => {
                flush(builder, &mut paragraph, BlockKind::Paragraph);
                flush(builder, &mut item, BlockKind::ListItem);
                prev_ends_block = true;
            }
            Line::Item(range) => {
                flush(builder, &mut paragraph, BlockKind::Paragraph);
                flush(builder, &mut item, BlockKind::ListItem);
                item = Some(range.clone());
                seen_text = true;
                prev_ends_block = true;
            }
            Line::Text(range) => {
                let line_text = &text[range.clone()];
                let indented = text[..range.start]
                    .rsplit('\n')
                    .next()
                    .is_some_and(|lead| !lead.is_empty());
                if let Some(current) = item.as_mut().filter(|_| indented) {
                    current.end = range.end;
                    continue;
                }
                let starts_block = prev_ends_block || paragraph.is_none();
                // The first line of a file, short and on its own, is the title.
                let is_title = !seen_text
                    && line_text.split_whitespace().count() <= 12
                    && !line_text.ends_with(['.', ','])
                    && matches!(lines.get(i + 1), Some(Line::Blank) | None);
                if starts_block
                    && (is_title || is_heading(line_text, &next_content(&lines, i + 1, text)))
                {
                    flush(builder, &mut paragraph, BlockKind::Paragraph);
                    flush(builder, &mut item, BlockKind::ListItem);
                    let level = if seen_text { 2 } else { 1 };
                    let title = line_text.trim().trim_end_matches(':').trim().to_string();
                    builder.push_heading(level, range.clone(), title);
                    seen_text = true;
                    prev_ends_block = true;
                    continue;
                }
                flush(builder, &mut item, BlockKind::ListItem);
                match paragraph.as_mut() {
                    Some(p) => p.end = range.end,
                    None => paragraph = Some(range.clone()),
                }
                seen_text = true;
                prev_ends_block = line_text.trim_end().ends_with(['.', '!', '?', ':']);
            }
        }
    }
    flush(builder, &mut paragraph, BlockKind::Paragraph);
    flush(builder, &mut item, BlockKind::ListItem);
}

fn flush(builder: &mut Builder<'_>, open: &mut Option<Range<usize>>, kind: BlockKind) {
    if let Some(range) = open.take() {
        builder.push_block(kind, range);
    }
}

fn split_lines(text: &str, start: usize) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut offset = start;
    for raw in text[start..].split_inclusive('\n') {
        let content = raw.trim_end_matches(['\n', '\r']);
        let lead = content.len() - content.trim_start().len();
        let trimmed = content.trim();
        let begin = offset + lead;
        let end = begin + trimmed.len();
        lines.push(if trimmed.is_empty() {
            Line::Blank
        } else if let Some(marker) = list_marker_len(trimmed) {
            let rest = &trimmed[marker..];
            let skip = rest.len() - rest.trim_start().len();
            Line::Item(begin + marker + skip..end)
        } else {
            Line::Text(begin..end)
        });
        offset += raw.len();
    }
    lines
}

/// The length of a bullet or number marker and the space after it, if `line` starts with one.
fn list_marker_len(line: &str) -> Option<usize> {
    let mut chars = line.char_indices();
    let (_, first) = chars.next()?;
    if matches!(
        first,
        '-' | '*' | '+' | '•' | '·' | '▪' | '◦' | '‣' | '–' | '○' | '●'
    ) {
        let after = first.len_utf8();
        return line[after..].starts_with([' ', '\t']).then_some(after + 1);
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &line[digits..];
        if (rest.starts_with(". ") || rest.starts_with(") ")) && rest.len() > 2 {
            return Some(digits + 2);
        }
    }
    None
}

enum Next<'a> {
    None,
    Item,
    Text(&'a str),
}

fn next_content<'a>(lines: &[Line], from: usize, text: &'a str) -> Next<'a> {
    for line in &lines[from..] {
        match line {
            Line::Blank => {}
            Line::Item(_) => return Next::Item,
            Line::Text(r) => return Next::Text(&text[r.clone()]),
        }
    }
    Next::None
}

fn is_heading(line: &str, next: &Next<'_>) -> bool {
    let line = line.trim();
    let words = line.split_whitespace().count();
    if words == 0 || words > 12 || line.chars().count() > 90 {
        return false;
    }
    let Some(first) = line.chars().next() else {
        return false;
    };
    if !(first.is_uppercase() || first.is_numeric()) {
        return false;
    }
    let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 2 {
        return false;
    }
    if matches!(*next, Next::None) {
        return false;
    }
    if line.ends_with(':') {
        return words <= 8;
    }
    if letters.iter().all(|c| !c.is_lowercase()) && letters.len() >= 3 {
        return true;
    }
    if line.ends_with(['.', ',', ';', '!', '"', '”', ')']) || words > 10 {
        return false;
    }
    match *next {
        Next::Item => true,
        Next::Text(body) => {
            let body_words = body.split_whitespace().count();
            body_words > words && (body_words >= 8 || body.trim_end().ends_with(['.', '!', '?']))
        }
        Next::None => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::document::{BlockKind, Document, Format};

    fn outline(text: &str) -> Vec<(BlockKind, &str)> {
        let doc = Document::parse(text, Format::PlainText);
        doc.blocks()
            .iter()
            .map(|b| (b.kind, &text[b.span.clone()]))
            .collect()
    }

    #[test]
    fn headings_as_a_reader_sees_them() {
        let text = "Backend Engineer\n\nWe are a small team that builds tools for clinics.\n\nResponsibilities:\n  • Build the API\n  • Review code written by\n    the rest of the team\n\nREQUIREMENTS\n- Rust\n\nDesign the data model\nYou will own the schema and the migrations from day one.\n";
        assert_eq!(
            outline(text),
            vec![
                (BlockKind::Heading(1), "Backend Engineer"),
                (
                    BlockKind::Paragraph,
                    "We are a small team that builds tools for clinics."
                ),
                (BlockKind::Heading(2), "Responsibilities:"),
                (BlockKind::ListItem, "Build the API"),
                (
                    BlockKind::ListItem,
                    "Review code written by\n    the rest of the team"
                ),
                (BlockKind::Heading(2), "REQUIREMENTS"),
                (BlockKind::ListItem, "Rust"),
                (BlockKind::Heading(2), "Design the data model"),
                (
                    BlockKind::Paragraph,
                    "You will own the schema and the migrations from day one."
                ),
            ]
        );
    }

    #[test]
    fn wrapped_lines_stay_in_their_paragraph() {
        let text =
            "We ship software to hospitals and\nTheir Staff Use It Daily\nwhich is why we care.\n";
        assert_eq!(outline(text), vec![(BlockKind::Paragraph, text.trim_end())]);
    }

    #[test]
    fn crlf_spans_exclude_carriage_returns() {
        let text = "Title Here\r\n\r\nBody text that is long enough to be a paragraph.\r\n";
        let blocks = outline(text);
        assert_eq!(blocks[0], (BlockKind::Heading(1), "Title Here"));
        assert_eq!(
            blocks[1].1,
            "Body text that is long enough to be a paragraph."
        );
    }
}
