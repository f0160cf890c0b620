//! Builds a [`Document`](super::Document) from Markdown with pulldown-cmark's offset iterator.
//!
//! Every block span comes from the event ranges, offset by where the body starts after the front
//! matter, so spans are byte offsets into the original text even where an event's text differs
//! from the source (entities, escapes, joined lines).

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::{BlockKind, Builder};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FrameKind {
    Heading(u8),
    Paragraph,
    Item,
    TableCell,
    Other,
}

struct Frame {
    kind: FrameKind,
    content: Option<Range<usize>>,
    /// The heading's text as rendered (only headings keep it).
    text: String,
}

/// Parses the Markdown body starting at `body_start`.
pub(crate) fn parse(builder: &mut Builder<'_>, body_start: usize) {
    let body = &builder.text[body_start..];
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let mut stack: Vec<Frame> = Vec::new();
    // For each open link: where the last text inside it ended.
    let mut links: Vec<(Range<usize>, usize)> = Vec::new();
    let mut image_depth = 0usize;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let range = body_start + range.start..body_start + range.end;
        match event {
            Event::Start(tag) => {
                let kind = match tag {
                    Tag::Heading { level, .. } => FrameKind::Heading(level as u8),
                    Tag::Paragraph => FrameKind::Paragraph,
                    Tag::Item => FrameKind::Item,
                    Tag::TableCell => FrameKind::TableCell,
                    Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) => {
                        builder.non_prose.push(range);
                        FrameKind::Other
                    }
                    Tag::Link { .. } => {
                        extend(&mut stack, &range);
                        links.push((range.clone(), range.start + 1));
                        continue;
                    }
                    Tag::Image { .. } => {
                        image_depth += 1;
                        builder.non_prose.push(range);
                        continue;
                    }
                    Tag::Emphasis
                    | Tag::Strong
                    | Tag::Strikethrough
                    | Tag::Superscript
                    | Tag::Subscript => {
                        extend(&mut stack, &range);
                        continue;
                    }
                    _ => FrameKind::Other,
                };
                stack.push(Frame {
                    kind,
                    content: None,
                    text: String::new(),
                });
            }
            Event::End(end) => match end {
                TagEnd::Link => {
                    if let Some((link, inner_end)) = links.pop() {
                        // `](destination "title")` is not prose.
                        if inner_end < link.end {
                            builder.non_prose.push(inner_end..link.end);
                        }
                    }
                }
                TagEnd::Image => image_depth = image_depth.saturating_sub(1),
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript => {}
                _ => {
                    let Some(frame) = stack.pop() else { continue };
                    let parent_is_item = stack.last().is_some_and(|f| f.kind == FrameKind::Item);
                    let Some(content) = frame.content else {
                        continue;
                    };
                    match frame.kind {
                        FrameKind::Heading(level) => {
                            builder.push_heading(level, content, frame.text.trim().to_string());
                        }
                        FrameKind::Paragraph if parent_is_item => {
                            builder.push_block(BlockKind::ListItem, content);
                        }
                        FrameKind::Paragraph => builder.push_block(BlockKind::Paragraph, content),
                        FrameKind::Item => builder.push_block(BlockKind::ListItem, content),
                        FrameKind::TableCell => builder.push_block(BlockKind::TableCell, content),
                        FrameKind::Other => {}
                    }
                }
            },
            Event::Text(text) => {
                if image_depth > 0 {
                    continue;
                }
                if let Some((_, inner_end)) = links.last_mut() {
                    *inner_end = range.end;
                }
                if let Some(frame) = heading(&mut stack) {
                    frame.text.push_str(&text);
                }
                extend(&mut stack, &range);
            }
            Event::Code(code) => {
                if let Some((_, inner_end)) = links.last_mut() {
                    *inner_end = range.end;
                }
                if let Some(frame) = heading(&mut stack) {
                    frame.text.push_str(&code);
                }
                extend(&mut stack, &range);
                builder.non_prose.push(range);
            }
            Event::InlineHtml(_) | Event::Html(_) => {
                extend(&mut stack, &range);
                builder.html.push(range.clone());
                builder.non_prose.push(range);
            }
            Event::InlineMath(_) | Event::DisplayMath(_) | Event::FootnoteReference(_) => {
                extend(&mut stack, &range);
                builder.non_prose.push(range);
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(frame) = heading(&mut stack) {
                    frame.text.push(' ');
                }
            }
            Event::Rule | Event::TaskListMarker(_) => {}
        }
    }
}

/// The innermost frame if it is a heading: only headings keep their text.
fn heading(stack: &mut [Frame]) -> Option<&mut Frame> {
    stack
        .last_mut()
        .filter(|f| matches!(f.kind, FrameKind::Heading(_)))
}

/// Grows the innermost text-holding frame to cover `range`.
fn extend(stack: &mut [Frame], range: &Range<usize>) {
    let Some(frame) = stack.last_mut() else {
        return;
    };
    if frame.kind == FrameKind::Other {
        return;
    }
    frame.content = Some(match frame.content.take() {
        None => range.clone(),
        Some(c) => c.start.min(range.start)..c.end.max(range.end),
    });
}

#[cfg(test)]
mod tests {
    use crate::document::{BlockKind, Document, Format, TitleSource};

    #[test]
    fn blocks_and_spans() {
        let text = "# Senior *Engineer*\n\nWe build [tools](https://x.io \"t\").\n\n## What you'll do\n\n- Ship `code`\n- Review\n  - nested item\n\n| a | b |\n|---|---|\n| c | d |\n";
        let doc = Document::parse(text, Format::Markdown);
        let kinds: Vec<_> = doc
            .blocks()
            .iter()
            .map(|b| (b.kind, doc.slice(b.span.clone())))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (BlockKind::Heading(1), "Senior *Engineer*"),
                (
                    BlockKind::Paragraph,
                    "We build [tools](https://x.io \"t\")."
                ),
                (BlockKind::Heading(2), "What you'll do"),
                (BlockKind::ListItem, "Ship `code`"),
                (BlockKind::ListItem, "Review"),
                (BlockKind::ListItem, "nested item"),
                (BlockKind::TableCell, "a"),
                (BlockKind::TableCell, "b"),
                (BlockKind::TableCell, "c"),
                (BlockKind::TableCell, "d"),
            ]
        );
        let title = doc.title().unwrap();
        assert_eq!(title.text, "Senior Engineer");
        assert_eq!(title.source, TitleSource::Heading);
        // The link destination and inline code are not prose; the link text is.
        let dest = text.find("https").unwrap();
        assert!(doc.is_non_prose(&(dest..dest + 4)));
        let tools = text.find("tools").unwrap();
        assert!(!doc.is_non_prose(&(tools..tools + 5)));
        let code = text.find("`code`").unwrap();
        assert!(doc.is_non_prose(&(code + 1..code + 2)));
        assert_eq!(doc.heading_text(2), Some("What you'll do"));
        assert_eq!(doc.blocks()[3].section, Some(2));
    }

    #[test]
    fn front_matter_offsets_are_kept() {
        let text = "---\ntitle: Staff Writer\n---\n\nIntro <!-- hidden --> text.\n";
        let doc = Document::parse(text, Format::Markdown);
        assert_eq!(doc.title().unwrap().text, "Staff Writer");
        let block = &doc.blocks()[0];
        assert_eq!(doc.slice(block.span.clone()), "Intro <!-- hidden --> text.");
        let comment = text.find("<!--").unwrap();
        assert!(doc.is_non_prose(&(comment + 5..comment + 11)));
        assert!(doc.is_non_prose(&(5..10)), "front matter is not prose");
    }
}
