//! The format-independent model of a posting that every rule reads.
//!
//! A [`Document`] is built once per file by [`markdown`] or [`plain`] and holds the front matter,
//! the title, and the leaf text blocks (headings, paragraphs, list items, table cells) in source
//! order, each with a byte span into the original text. Code, URLs, e-mail addresses, HTML and
//! template tags are recorded as non-prose ranges so that wording rules never fire inside them.

pub mod front_matter;
pub mod markdown;
pub mod plain;

use std::any::{Any, TypeId};
use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, LazyLock, Mutex, OnceLock};

use crate::pattern::{Needle, Pattern};

pub use front_matter::{Field, FieldValue, FrontMatter};

/// The two input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `CommonMark` with tables, optionally with YAML front matter.
    Markdown,
    /// Plain text, with headings found the way a reader finds them.
    PlainText,
}

impl Format {
    /// Picks the format from a file name: `.md`/`.markdown` (and a few Markdown cousins) are
    /// Markdown, everything else is plain text.
    pub fn from_path(path: &Path) -> Self {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("md" | "markdown" | "mdown" | "mkd" | "mdx") => Format::Markdown,
            _ => Format::PlainText,
        }
    }
}

/// What kind of leaf block a [`Block`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading, ATX/setext in Markdown or inferred in plain text. Level 1 to 6.
    Heading(u8),
    /// A paragraph of body text.
    Paragraph,
    /// The text of one list item (nested lists are their own items).
    ListItem,
    /// One table cell.
    TableCell,
}

/// A leaf block of text with its span in the original source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Byte range of the block's text, without heading or list markers.
    pub span: Range<usize>,
    /// Index into [`Document::blocks`] of the heading whose section holds this block.
    pub section: Option<usize>,
}

impl Block {
    /// Whether this block is a heading.
    pub fn is_heading(&self) -> bool {
        matches!(self.kind, BlockKind::Heading(_))
    }
}

/// Where the posting's title came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleSource {
    /// A `title`-like front-matter field.
    FrontMatter,
    /// The first heading.
    Heading,
}

/// The title of the role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    /// The title text, with markup removed.
    pub text: String,
    /// Where it stands in the source.
    pub span: Range<usize>,
    /// Where it came from.
    pub source: TitleSource,
}

/// Something in the input that could not be understood, such as broken front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseProblem {
    /// Where the problem is.
    pub span: Range<usize>,
    /// What is wrong, in the same style as diagnostic messages.
    pub message: String,
}

/// A section: a heading and the blocks up to the next heading of the same or a higher level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    /// Index of the heading block.
    pub heading: usize,
    /// Heading level.
    pub level: u8,
    /// Block indices of the body (may be empty).
    pub body: (usize, usize),
}

/// A parsed posting.
#[derive(Debug, Clone)]
pub struct Document<'s> {
    text: &'s str,
    format: Format,
    front_matter: Option<FrontMatter>,
    title: Option<Title>,
    blocks: Vec<Block>,
    heading_texts: Vec<(usize, String)>,
    non_prose: Vec<Range<usize>>,
    html: Vec<Range<usize>>,
    problems: Vec<ParseProblem>,
    pay: OnceLock<crate::salary::PayFacts>,
    memo: Memo,
}

/// Facts about a document that more than one rule needs (word counts, coded words), computed
/// on first use. A clone starts empty.
#[derive(Default)]
struct Memo(Mutex<Vec<(TypeId, Arc<dyn Any + Send + Sync>)>>);

impl Clone for Memo {
    fn clone(&self) -> Self {
        Memo::default()
    }
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memo")
    }
}

/// Titles may come from any of these front-matter fields, first match wins.
const TITLE_FIELDS: &[&str] = &["title", "job_title", "role_name", "position", "role"];

impl<'s> Document<'s> {
    /// Parses `text` in the given format.
    pub fn parse(text: &'s str, format: Format) -> Self {
        let mut builder = Builder::new(text, format);
        let body_start = builder.read_front_matter();
        match format {
            Format::Markdown => markdown::parse(&mut builder, body_start),
            Format::PlainText => plain::parse(&mut builder, body_start),
        }
        builder.finish()
    }

    /// What the posting says about pay, read on first use and then shared by every rule.
    pub fn pay(&self) -> &crate::salary::PayFacts {
        self.pay.get_or_init(|| crate::salary::PayFacts::read(self))
    }

    /// A fact about this document that several rules share, computed by `make` the first time
    /// any rule asks for a value of type `T`.
    pub fn memo<T: Any + Send + Sync>(&self, make: impl FnOnce(&Self) -> T) -> Arc<T> {
        let id = TypeId::of::<T>();
        let found = {
            let memo = self
                .memo
                .0
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            memo.iter()
                .find(|(t, _)| *t == id)
                .map(|(_, v)| Arc::clone(v))
        };
        if let Some(value) = found.and_then(|v| v.downcast::<T>().ok()) {
            return value;
        }
        // Computed outside the lock: `make` may ask for other facts.
        let value = Arc::new(make(self));
        let mut memo = self
            .memo
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        memo.push((id, value.clone() as Arc<dyn Any + Send + Sync>));
        value
    }

    /// The original text.
    pub fn text(&self) -> &'s str {
        self.text
    }

    /// The input format.
    pub fn format(&self) -> Format {
        self.format
    }

    /// The front matter, if the file has any that parsed.
    pub fn front_matter(&self) -> Option<&FrontMatter> {
        self.front_matter.as_ref()
    }

    /// The first front-matter field whose key is one of `names` (compared case-insensitively,
    /// with `-` and `_` treated alike) and whose value is not empty.
    pub fn field(&self, names: &[&str]) -> Option<&Field> {
        self.front_matter.as_ref()?.field(names)
    }

    /// The role's title: a front-matter title, else the first heading.
    pub fn title(&self) -> Option<&Title> {
        self.title.as_ref()
    }

    /// The title when it comes from front matter: the one part of front matter that is prose,
    /// and that rules reading titles check besides the blocks.
    pub fn front_matter_title(&self) -> Option<&Title> {
        self.title()
            .filter(|t| t.source == TitleSource::FrontMatter)
    }

    /// All leaf blocks, in source order.
    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// Problems found while parsing (broken front matter). The CLI reports them as errors.
    pub fn problems(&self) -> &[ParseProblem] {
        &self.problems
    }

    /// The source text of a span.
    pub fn slice(&self, span: Range<usize>) -> &'s str {
        &self.text[span]
    }

    /// The text of a heading block with markup removed, or `None` for other blocks.
    pub fn heading_text(&self, block: usize) -> Option<&str> {
        self.heading_texts
            .binary_search_by_key(&block, |(i, _)| *i)
            .ok()
            .map(|i| self.heading_texts[i].1.as_str())
    }

    /// Whether `span` overlaps code, a URL, HTML, a template tag or the front matter (but for its
    /// title, which is prose).
    pub fn is_non_prose(&self, span: &Range<usize>) -> bool {
        // Ranges are sorted and disjoint: find the first that ends after span.start.
        let i = self.non_prose.partition_point(|r| r.end <= span.start);
        self.non_prose
            .get(i)
            .is_some_and(|r| r.start < span.end.max(span.start + 1))
    }

    /// The non-prose ranges, sorted and merged.
    pub fn non_prose(&self) -> &[Range<usize>] {
        &self.non_prose
    }

    /// The number of words in `span` outside non-prose ranges.
    pub fn prose_words(&self, span: Range<usize>) -> usize {
        word_spans(&self.text[span.clone()])
            .filter(|w| !self.is_non_prose(&(span.start + w.start..span.start + w.end)))
            .count()
    }

    /// Every section, in source order.
    pub fn sections(&self) -> Vec<Section> {
        let mut sections = Vec::new();
        for (i, block) in self.blocks.iter().enumerate() {
            let BlockKind::Heading(level) = block.kind else {
                continue;
            };
            let end = self.blocks[i + 1..]
                .iter()
                .position(|b| matches!(b.kind, BlockKind::Heading(l) if l <= level))
                .map_or(self.blocks.len(), |p| i + 1 + p);
            sections.push(Section {
                heading: i,
                level,
                body: (i + 1, end),
            });
        }
        sections
    }

    /// The first section whose heading text, without the punctuation at its ends
    /// ([`trim_non_word`](crate::pattern::trim_non_word)), matches `pattern`.
    pub(crate) fn find_section(&self, pattern: &Pattern) -> Option<Section> {
        self.sections().into_iter().find(|s| {
            self.heading_text(s.heading)
                .is_some_and(|text| pattern.is_match(crate::pattern::trim_non_word(text)))
        })
    }

    /// The blocks of a section's body.
    pub fn section_body(&self, section: &Section) -> &[Block] {
        &self.blocks[section.body.0..section.body.1]
    }

    /// Where the first heading starts, or the end of the text when there is none.
    pub fn first_heading_start(&self) -> usize {
        self.blocks
            .iter()
            .find(|b| b.is_heading() && self.title_block() != Some(b.span.clone()))
            .map_or(self.text.len(), |b| b.span.start)
    }

    /// The heading that is the title: the one the title came from, or, when the title comes
    /// from front matter, a first heading that repeats it (`title:` plus `# Title`).
    fn title_block(&self) -> Option<Range<usize>> {
        let title = self.title.as_ref()?;
        if title.source == TitleSource::Heading {
            return Some(title.span.clone());
        }
        let (index, text) = self.heading_texts.first()?;
        (*index == 0 && text.trim().eq_ignore_ascii_case(title.text.trim()))
            .then(|| self.blocks[*index].span.clone())
    }

    /// Raw HTML in a Markdown body (blocks and inline), in source order: where comments live.
    pub fn html(&self) -> &[Range<usize>] {
        &self.html
    }

    /// A span to point at when something is missing: the title, else the first line of text.
    pub fn anchor(&self) -> Range<usize> {
        if let Some(title) = &self.title {
            return title.span.clone();
        }
        if let Some(block) = self.blocks.first() {
            let line_end = self.text[block.span.clone()]
                .find('\n')
                .map_or(block.span.end, |i| block.span.start + i);
            return block.span.start..line_end;
        }
        0..0
    }
}

/// The words of `text`, as counted for length limits: a letter or digit, then any run of
/// letters, digits, `'`, `’` and `-`.
pub(crate) fn word_spans(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let start = loop {
            let (i, c) = chars.next()?;
            if c.is_alphanumeric() {
                break i;
            }
        };
        while let Some(&(i, c)) = chars.peek() {
            if !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')) {
                return Some(start..i);
            }
            chars.next();
        }
        Some(start..text.len())
    })
}

/// URLs, a kind of span inside prose that is not prose (see [`inline_non_prose`]).
static URLS: LazyLock<Pattern> =
    LazyLock::new(|| crate::pattern::regex(URL).expect("valid URL regex"));

/// E-mail addresses, the other kind (see [`inline_non_prose`]).
static EMAILS: LazyLock<Pattern> =
    LazyLock::new(|| crate::pattern::regex(EMAIL).expect("valid e-mail regex"));

const URL: &str = r"(?:https?|ftp)://(?u:[^\s<>()\[\]])+|www\.[a-zA-Z0-9-]+\.(?u:[^\s<>()\[\]])+";
const EMAIL: &str = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}";

/// Adds to `out`, left to right and moved by `offset`, the spans inside `prose` that are not
/// prose: URLs and e-mail addresses. These are the matches of `{URL}|{EMAIL}`, but a DFA for it reads every
/// byte (and every word, for the e-mail branch), where a URL holds `://` or `www.` and an
/// address an `@`, which memchr finds far faster: so each is looked for from those
/// ([`first_url`], [`first_email`]). Template tags are found by [`template_tags`], since a
/// bounded `.{0,400}?` would make a regex's automaton huge.
///
/// At each step the leftmost match of the two wins, a URL where both start at once, as the
/// alternation prefers; the next step starts where it ends.
fn inline_non_prose(prose: &str, offset: usize, out: &mut Vec<Range<usize>>) {
    let mut at = 0;
    // The leftmost URL at or after `at`, searched for again only once `at` is past its start.
    let mut url = first_url(prose, 0);
    while at < prose.len() {
        if url.as_ref().is_some_and(|u| u.start < at) {
            url = first_url(prose, at);
        }
        let before = url.as_ref().map_or(prose.len(), |u| u.start);
        let Some(next) = first_email(prose, at, before).or_else(|| url.clone()) else {
            return;
        };
        at = next.end;
        out.push(offset + next.start..offset + next.end);
    }
}

/// The leftmost match of [`URL`] in `prose` that starts at or after `from`. A match starts at
/// `www.` or at the `http`, `https` or `ftp` before a `://`, and runs to the next blank or
/// `<>()[]` at most; the pattern looks at nothing around the match, so it is searched for
/// from each such start up to there alone.
fn first_url(prose: &str, from: usize) -> Option<Range<usize>> {
    static SCHEME: Needle = Needle::new(|| memchr::memmem::Finder::new(b"://"));
    static WWW: Needle = Needle::new(|| memchr::memmem::Finder::new(b"www."));
    let bytes = prose.as_bytes();
    // Where the next scheme's `://` and the next `www.` at or after `at` start.
    let scheme = |at: usize| {
        SCHEME
            .find_iter(&bytes[at..])
            .map(|i| at + i)
            .find_map(|colon| {
                [&b"https"[..], b"http", b"ftp"]
                    .iter()
                    .find(|s| colon >= at + s.len() && bytes[..colon].ends_with(s))
                    .map(|s| colon - s.len())
            })
    };
    let www = |at: usize| WWW.find(&bytes[at..]).map(|i| at + i);
    let mut at = from;
    loop {
        let start = match (scheme(at), www(at)) {
            (Some(a), Some(b)) => a.min(b),
            (a, b) => a.or(b)?,
        };
        let run = prose[start..]
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '(' | ')' | '[' | ']'))
            .map_or(prose.len(), |i| start + i);
        if let Some(m) = URLS.find_at(&prose[..run], start) {
            return Some(m.start()..m.end());
        }
        // Nothing starts in the run: whatever began there was looked for in it.
        at = run;
    }
}

/// The leftmost match of [`EMAIL`] in `prose` that starts at or after `from` and before
/// `before`. A match holds one `@`, and the run of local-part characters before it back to
/// `from` can all be in it, so it starts where that run does; the pattern looks at nothing
/// around the match, so it is searched for in that run and the domain characters after the
/// `@` alone.
fn first_email(prose: &str, from: usize, before: usize) -> Option<Range<usize>> {
    let bytes = prose.as_bytes();
    let is_local =
        |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-');
    let is_domain = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-');
    for at in memchr::memchr_iter(b'@', &bytes[from..]).map(|i| from + i) {
        let start = at
            - bytes[from..at]
                .iter()
                .rev()
                .take_while(|&&b| is_local(b))
                .count();
        if start >= before {
            return None;
        }
        if start == at {
            continue;
        }
        let end = at
            + 1
            + bytes[at + 1..]
                .iter()
                .take_while(|&&b| is_domain(b))
                .count();
        if let Some(m) = EMAILS.find_at(&prose[..end], start) {
            return Some(m.start()..m.end());
        }
    }
    None
}

/// The longest template tag recognised, in bytes; an opener with no closer that near is text.
const MAX_TAG: usize = 400;

/// Template tags: `{{ ... }}`, `{% ... %}`, `{# ... #}`, `<% ... %>` (closed within
/// [`MAX_TAG`] bytes) and `${...}` (one line, 200 bytes), as byte ranges.
fn template_tags(text: &str, offset: usize, out: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i + 1 < bytes.len() {
        // Every opener starts with one of three bytes: skip to the next (SIMD memchr).
        match memchr::memchr3(b'{', b'<', b'$', &bytes[i..bytes.len() - 1]) {
            Some(at) => i += at,
            None => break,
        }
        let close: Option<&[u8]> = match (bytes[i], bytes[i + 1]) {
            (b'{', b'{') => Some(b"}}"),
            (b'{', b'%') => Some(b"%}"),
            (b'<', b'%') => Some(b"%>"),
            (b'{', b'#') => Some(b"#}"),
            (b'$', b'{') => Some(b"}"),
            _ => None,
        };
        let Some(close) = close else {
            i += 1;
            continue;
        };
        let limit = if close == b"}" { 200 } else { MAX_TAG };
        let window = &bytes[i + 2..bytes.len().min(i + 2 + limit + close.len())];
        let found = window.windows(close.len()).position(|w| w == close);
        let found = found.filter(|&at| close != b"}" || !window[..at].contains(&b'\n'));
        match found {
            Some(at) => {
                let end = i + 2 + at + close.len();
                out.push(offset + i..offset + end);
                i = end;
            }
            None => i += 1,
        }
    }
}

/// Collects blocks and non-prose ranges while a format parser walks the text.
pub(crate) struct Builder<'s> {
    pub(crate) text: &'s str,
    format: Format,
    front_matter: Option<FrontMatter>,
    pub(crate) blocks: Vec<Block>,
    pub(crate) heading_texts: Vec<(Range<usize>, String)>,
    pub(crate) non_prose: Vec<Range<usize>>,
    pub(crate) html: Vec<Range<usize>>,
    problems: Vec<ParseProblem>,
}

impl<'s> Builder<'s> {
    fn new(text: &'s str, format: Format) -> Self {
        Self {
            text,
            format,
            front_matter: None,
            blocks: Vec::new(),
            heading_texts: Vec::new(),
            non_prose: Vec::new(),
            html: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// Reads front matter at the top, if any, and returns where the body starts.
    fn read_front_matter(&mut self) -> usize {
        let bom = if self.text.starts_with('\u{feff}') {
            3
        } else {
            0
        };
        match front_matter::parse(self.text, bom) {
            front_matter::Outcome::None => bom,
            front_matter::Outcome::Parsed(fm) => {
                let end = fm.span.end;
                // Front matter is data, but for its title: people read that, and rules that
                // read titles check it as prose.
                match title_field(&fm).map(|(field, _)| field.value_span.clone()) {
                    Some(title) => {
                        self.non_prose.push(fm.span.start..title.start);
                        self.non_prose.push(title.end..fm.span.end);
                        self.find_inline_non_prose(title);
                    }
                    None => self.non_prose.push(fm.span.clone()),
                }
                self.front_matter = Some(fm);
                end
            }
            front_matter::Outcome::Broken { span, problem } => {
                let end = span.end;
                self.non_prose.push(span);
                self.problems.push(problem);
                end
            }
        }
    }

    /// Marks the URLs, e-mail addresses and template tags in the prose at `span` as non-prose.
    fn find_inline_non_prose(&mut self, span: Range<usize>) {
        let text = &self.text[span.clone()];
        inline_non_prose(text, span.start, &mut self.non_prose);
        template_tags(text, span.start, &mut self.non_prose);
    }

    pub(crate) fn push_block(&mut self, kind: BlockKind, span: Range<usize>) {
        if span.is_empty() {
            return;
        }
        self.blocks.push(Block {
            kind,
            span,
            section: None,
        });
    }

    pub(crate) fn push_heading(&mut self, level: u8, span: Range<usize>, text: String) {
        if span.is_empty() {
            return;
        }
        self.heading_texts.push((span.clone(), text));
        self.push_block(BlockKind::Heading(level), span);
    }

    fn finish(mut self) -> Document<'s> {
        // Markdown nesting emits outer list items after inner ones.
        self.blocks.sort_by_key(|b| (b.span.start, b.span.end));
        self.blocks.dedup_by(|a, b| a.span == b.span);
        let body = self.front_matter.as_ref().map_or(0, |fm| fm.span.end);
        self.find_inline_non_prose(body..self.text.len());
        self.non_prose.sort_by_key(|r| (r.start, r.end));
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(self.non_prose.len());
        for r in self.non_prose {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        let mut section = None;
        for (i, block) in self.blocks.iter_mut().enumerate() {
            if block.is_heading() {
                section = Some(i);
                block.section = None;
            } else {
                block.section = section;
            }
        }
        let mut heading_texts: Vec<(usize, String)> = Vec::new();
        for (span, text) in self.heading_texts {
            // Blocks are sorted by span, so a heading is found by binary search.
            if let Ok(i) = self
                .blocks
                .binary_search_by_key(&(span.start, span.end), |b| (b.span.start, b.span.end))
            {
                heading_texts.push((i, text));
            }
        }
        heading_texts.sort_by_key(|(i, _)| *i);
        heading_texts.dedup_by_key(|(i, _)| *i);
        let title = title_from(self.front_matter.as_ref(), &self.blocks, &heading_texts);
        Document {
            text: self.text,
            format: self.format,
            front_matter: self.front_matter,
            title,
            blocks: self.blocks,
            heading_texts,
            non_prose: merged,
            html: self.html,
            problems: self.problems,
            pay: OnceLock::new(),
            memo: Memo::default(),
        }
    }
}

/// The front-matter field that holds the title, and its text.
fn title_field(fm: &FrontMatter) -> Option<(&front_matter::Field, &str)> {
    let field = fm.field(TITLE_FIELDS)?;
    Some((field, field.value.as_str()?))
}

fn title_from(
    front_matter: Option<&FrontMatter>,
    blocks: &[Block],
    heading_texts: &[(usize, String)],
) -> Option<Title> {
    if let Some((field, text)) = front_matter.and_then(title_field) {
        return Some(Title {
            text: text.to_string(),
            span: field.value_span.clone(),
            source: TitleSource::FrontMatter,
        });
    }
    // The first heading is the title when it is a level-1 heading, or when it comes before any
    // body text (a posting that starts with `## Senior Engineer`).
    let first = blocks.first()?;
    let (index, text) = heading_texts.first()?;
    let heading = &blocks[*index];
    let is_title = matches!(heading.kind, BlockKind::Heading(1)) || *index == 0;
    (is_title && (*index == 0 || first.is_heading() || heading.kind == BlockKind::Heading(1))).then(
        || Title {
            text: text.clone(),
            span: heading.span.clone(),
            source: TitleSource::Heading,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_front_matter_title_is_prose_and_the_rest_is_not() {
        let text = "---\ntitle: Engineer {{ page.x }} https://x.io\nlevel: senior\n---\nBody\n";
        let doc = Document::parse(text, Format::Markdown);
        let at = |s: &str| {
            let i = text.find(s).expect("in the text");
            i..i + s.len()
        };
        assert!(!doc.is_non_prose(&at("Engineer")));
        assert!(doc.is_non_prose(&at("page.x")));
        assert!(doc.is_non_prose(&at("x.io")));
        assert!(doc.is_non_prose(&at("title")));
        assert!(doc.is_non_prose(&at("senior")));
        assert!(!doc.is_non_prose(&at("Body")));
    }

    #[test]
    fn urls_and_emails_are_the_matches_of_one_regex_over_both() {
        let both = crate::pattern::regex(&format!("{URL}|{EMAIL}")).expect("valid regex");
        let mut texts = crate::fixture_lines_and_texts();
        texts.extend(
            [
                "a@www.example.com and www.x.org/a@b.co then mail@x.io.",
                "https://x.com/a@b.com jobs@example.com,hr@example.org",
                "@x.com a@b @@ a@b.c a@b.co.uk. x.y-z+w%1@sub-d.example.travel",
                "www.foo@bar.com ftp://f@g.hi ab@cd.ef@gh.ij é@x.com aé@x.com",
                "no mail here at all",
                "",
                "@",
                "a@",
                "xhttps://a https:// x www.ab www.abhttps://x ftp:// httpS://x wwww.x.com",
                "<https://x.com>(http://y.org) [www.z.io] https://x\u{3000}y http://é.com",
                "://x ttps://x ps://x www.www.x.y https://https://x http://a.b/www.c.d e",
                "go to https://jobs.example.com/apply?id=1#x, or mail jobs@example.com.",
            ]
            .map(str::to_string),
        );
        let mut found = 0;
        for text in &texts {
            let mut spans = Vec::new();
            inline_non_prose(text, 0, &mut spans);
            let expected: Vec<Range<usize>> =
                both.find_iter(text).map(|m| m.start()..m.end()).collect();
            assert_eq!(spans, expected, "{text}");
            found += spans.len();
        }
        assert!(found > 50, "{found} URLs and e-mail addresses");
    }

    #[test]
    fn non_prose_lookup_handles_edges() {
        let doc = Document::parse(
            "See https://example.com/jobs and {{ page.x }} now.",
            Format::PlainText,
        );
        let text = doc.text();
        let url = text.find("https").unwrap();
        assert!(doc.is_non_prose(&(url..url + 5)));
        assert!(!doc.is_non_prose(&(0..3)));
        let tag = text.find("{{").unwrap();
        assert!(doc.is_non_prose(&(tag + 3..tag + 4)));
        let now = text.find("now").unwrap();
        assert!(!doc.is_non_prose(&(now..now + 3)));
    }

    #[test]
    fn words_are_letters_and_digits_joined_by_apostrophes_and_hyphens() {
        let text = "— You'll re-use 3.5 cafés’ naïve-ish ideas—twice! '42 -x";
        let words: Vec<&str> = word_spans(text).map(|w| &text[w]).collect();
        assert_eq!(
            words,
            [
                "You'll",
                "re-use",
                "3",
                "5",
                "cafés’",
                "naïve-ish",
                "ideas",
                "twice",
                "42",
                "x"
            ]
        );
        assert_eq!(word_spans("").count(), 0);
        assert_eq!(
            word_spans("end-").map(|w| &"end-"[w]).collect::<Vec<_>>(),
            ["end-"]
        );
    }

    #[test]
    fn format_from_extension() {
        assert_eq!(Format::from_path(Path::new("a/b.MD")), Format::Markdown);
        assert_eq!(Format::from_path(Path::new("b.txt")), Format::PlainText);
        assert_eq!(Format::from_path(Path::new("README")), Format::PlainText);
    }
}

#[cfg(test)]
mod template_tag_tests {
    use super::template_tags;

    #[test]
    fn tags_are_closed_nearby_or_ignored() {
        let text = "Pay {{ page.salary }} and {% if x %}, ${role} but {{ never closed, ${a\nb}";
        let mut found = Vec::new();
        template_tags(text, 10, &mut found);
        let tags: Vec<&str> = found
            .iter()
            .map(|r| &text[r.start - 10..r.end - 10])
            .collect();
        assert_eq!(tags, ["{{ page.salary }}", "{% if x %}", "${role}"]);
    }
}
