//! `empty-section`: a heading with nothing under it before the next heading of the same or a
//! higher level, or the end of the posting.

use std::sync::{Arc, LazyLock};

use crate::pattern::Pattern;

use crate::document::{BlockKind, Document, Format};
use crate::rules::{Context, Rule};

/// What may sit between a heading and the next without being content: blank lines, HTML
/// comments, setext underlines and thematic breaks.
static FILLER: LazyLock<Pattern> = LazyLock::new(|| {
    crate::pattern::regex(r"\A(?:\s|<!--(?su:.)*?-->|^[ \t]*(?:=+|-{3,}|\*{3,}|_{3,})[ \t]*$)*\z")
        .expect("valid filler regex")
});

/// More separate runs of empty headings than this are reported as one finding.
const MAX_RUNS: usize = 5;

pub(crate) struct EmptySection;

impl EmptySection {
    pub(crate) fn build(options: &toml::Table) -> Result<Arc<dyn Rule>, String> {
        super::no_options(options)?;
        Ok(Arc::new(Self))
    }
}

/// Whether heading `i` has nothing under it.
fn is_empty(doc: &Document<'_>, i: usize) -> bool {
    let text = doc.text();
    let blocks = doc.blocks();
    let (block, next) = (&blocks[i], blocks.get(i + 1));
    let BlockKind::Heading(level) = block.kind else {
        return false;
    };
    // A deeper heading next makes this a parent section, which is fine; a heading made of
    // template tags is a rendered subtitle.
    match next.map(|b| b.kind) {
        Some(BlockKind::Heading(next_level)) if next_level > level => return false,
        Some(BlockKind::Heading(_)) | None => {}
        Some(_) => return false,
    }
    // The title heading with nothing after it is an empty posting, which the content rules
    // report as what is missing.
    if doc.is_non_prose(&block.span) || doc.title().is_some_and(|t| t.span == block.span) {
        return false;
    }
    let after = text[block.span.end..]
        .find('\n')
        .map_or(text.len(), |n| block.span.end + n);
    let until = next.map_or(text.len(), |b| {
        text[..b.span.start].rfind('\n').map_or(0, |n| n + 1)
    });
    after <= until && FILLER.is_match(&text[after..until])
}

impl Rule for EmptySection {
    fn prepare(&self) {
        crate::pattern::force(&[&FILLER]);
    }

    fn check(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        // Plain-text headings are guessed from short lines; a short line with nothing after it
        // is more often a stray line ("Visit Blog") than a section.
        if doc.format() != Format::Markdown {
            return;
        }
        let blocks = doc.blocks();
        // Runs of empty headings, as (first, count): a block of `#` lines is one run.
        let empty: Vec<bool> = (0..blocks.len()).map(|i| is_empty(doc, i)).collect();
        let mut runs: Vec<(usize, usize)> = Vec::new();
        for (i, &e) in empty.iter().enumerate() {
            match runs.last_mut() {
                Some((first, count)) if e && *first + *count == i => *count += 1,
                _ if e => runs.push((i, 1)),
                _ => {}
            }
        }
        // Many runs means the file is not what its headings say (YAML comments pasted outside
        // the front matter, say): one finding, not dozens.
        if runs.len() > MAX_RUNS {
            let total: usize = runs.iter().map(|r| r.1).sum();
            let name = doc.heading_text(runs[0].0).unwrap_or("").trim();
            cx.report(
                blocks[runs[0].0].span.clone(),
                format!("section `{name}` and {} more headings in this posting are empty", total - 1),
            )
            .label("first empty heading")
            .note("this many empty headings usually means `#` comment lines were pasted outside the front matter")
            .help("put the comments back inside the front matter, or delete them");
            return;
        }
        for (first, count) in runs {
            let name = doc.heading_text(first).unwrap_or("").trim();
            let message = match count {
                1 => format!("section `{name}` is empty"),
                n => format!(
                    "section `{name}` and the {} headings after it are empty",
                    n - 1
                ),
            };
            cx.report(blocks[first].span.clone(), message)
                .label("no content under this heading")
                .note("an empty section reads as an unfinished draft, and leaves readers without what the heading promises")
                .help("write the section or delete the heading");
        }
    }
}
