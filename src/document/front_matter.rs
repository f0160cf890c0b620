//! YAML front matter: the `---` block at the top of a Markdown posting.
//!
//! Only the top level matters to rules (`salary_min`, `title`, `apply_url`...), so this keeps
//! each top-level key with the span of its key and of its value, and the value as a string, a
//! list of strings, or the `key: value` pairs of a nested mapping. `yaml-rust2`'s event parser
//! gives the positions as lines and columns of characters, which are turned into byte offsets
//! here (see `Offsets`).

use std::ops::Range;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use super::ParseProblem;

/// The parsed front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    /// The whole block, delimiters included.
    pub span: Range<usize>,
    /// The top-level fields, in source order.
    pub fields: Vec<Field>,
}

/// One top-level field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The key as written.
    pub key: String,
    /// Where the key stands.
    pub key_span: Range<usize>,
    /// The value.
    pub value: FieldValue,
    /// Where the value stands (trailing comments and blank lines excluded).
    pub value_span: Range<usize>,
}

/// A field's value, reduced to what rules need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldValue {
    /// A scalar, as text (numbers and booleans too).
    Scalar(String),
    /// A list of scalars (nested collections are skipped).
    List(Vec<String>),
    /// A nested mapping: its direct `key: scalar` children (deeper levels are skipped).
    Map(Vec<(String, String)>),
    /// `~`, `null` or nothing.
    Null,
}

impl FieldValue {
    /// The scalar text, if this is a non-empty scalar.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            FieldValue::Scalar(s) if !s.trim().is_empty() => Some(s),
            _ => None,
        }
    }

    /// Every piece of text in the value, joined by newlines.
    pub fn text(&self) -> String {
        match self {
            FieldValue::Scalar(s) => s.clone(),
            FieldValue::Map(pairs) => pairs
                .iter()
                .map(|(k, v)| format!("{k}: {v}"))
                .collect::<Vec<_>>()
                .join("\n"),
            FieldValue::List(items) => items.join("\n"),
            FieldValue::Null => String::new(),
        }
    }

    /// Whether the value says nothing: null, blank, an empty list, or a placeholder like `tbd`.
    pub fn is_empty(&self) -> bool {
        match self {
            FieldValue::Scalar(s) => {
                let s = s.trim();
                s.is_empty() || s.eq_ignore_ascii_case("null") || s == "~"
            }
            FieldValue::Map(pairs) => pairs.is_empty(),
            FieldValue::List(items) => items.iter().all(|i| i.trim().is_empty()),
            FieldValue::Null => true,
        }
    }
}

impl FrontMatter {
    /// The first field named like one of `names` with a non-empty value.
    pub fn field(&self, names: &[&str]) -> Option<&Field> {
        names.iter().find_map(|name| {
            self.fields
                .iter()
                .find(|f| same_key(&f.key, name) && !f.value.is_empty())
        })
    }
}

/// Whether two keys are equal once trimmed, lowercased and with `-` and spaces read as `_`,
/// without allocating.
fn same_key(a: &str, b: &str) -> bool {
    let norm = |c: char| match c {
        '-' | ' ' => '_',
        c => c.to_ascii_lowercase(),
    };
    let (a, b) = (trim_key(a), trim_key(b));
    if a.len() != b.len() {
        return false;
    }
    // Keys and names are ASCII nearly always: compare them a byte at a time.
    if a.is_ascii() && b.is_ascii() {
        let norm = |b: u8| match b {
            b'-' | b' ' => b'_',
            b => b.to_ascii_lowercase(),
        };
        return a.bytes().map(norm).eq(b.bytes().map(norm));
    }
    a.chars().map(norm).eq(b.chars().map(norm))
}

/// `key` trimmed; keys seldom have blanks around them, so only those that may are trimmed.
fn trim_key(key: &str) -> &str {
    match (key.as_bytes().first(), key.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => key,
        _ => key.trim(),
    }
}

/// What the top of a file holds.
pub(crate) enum Outcome {
    /// No front matter.
    None,
    /// Front matter that parsed.
    Parsed(FrontMatter),
    /// Front matter that is there but broken; `span` is what to skip.
    Broken {
        span: Range<usize>,
        problem: ParseProblem,
    },
}

/// Looks for front matter starting at `start` (after a byte-order mark, if any).
pub(crate) fn parse(text: &str, start: usize) -> Outcome {
    let rest = &text[start..];
    let Some(first_line_len) = delimiter_line(rest, &["---"]) else {
        return Outcome::None;
    };
    let body_start = start + first_line_len;
    // Find the closing `---` or `...` line.
    let mut offset = body_start;
    let mut closing = None;
    let bytes = text.as_bytes();
    while offset < text.len() {
        let line_len =
            memchr::memchr(b'\n', &bytes[offset..]).map_or(text.len() - offset, |i| i + 1);
        if matches!(bytes[offset], b'-' | b'.')
            && delimiter_line(&text[offset..], &["---", "..."]).is_some()
        {
            closing = Some((offset, offset + line_len));
            break;
        }
        offset += line_len;
    }
    let Some((body_end, block_end)) = closing else {
        let opening = start..start + first_line_len.min(3);
        return Outcome::Broken {
            span: start..body_start,
            problem: ParseProblem {
                span: opening,
                message: "front matter is not closed: no `---` line ends it".to_string(),
            },
        };
    };
    let yaml = &text[body_start..body_end];
    match read_fields(yaml, body_start) {
        Ok(fields) => Outcome::Parsed(FrontMatter {
            span: start..block_end,
            fields,
        }),
        Err(problem) => Outcome::Broken {
            span: start..block_end,
            problem,
        },
    }
}

/// If `text` starts with a line that is exactly one of `delimiters` (trailing blanks allowed),
/// the length of that line including its newline.
fn delimiter_line(text: &str, delimiters: &[&str]) -> Option<usize> {
    let line_len = text.find('\n').map_or(text.len(), |i| i + 1);
    let line = text[..line_len].trim_end_matches(['\n', '\r', ' ', '\t']);
    delimiters.contains(&line).then_some(line_len)
}

#[derive(Default)]
struct Sink {
    events: Vec<(Event, Marker)>,
}

impl MarkedEventReceiver for Sink {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        self.events.push((ev, mark));
    }
}

fn read_fields(yaml: &str, base: usize) -> Result<Vec<Field>, ParseProblem> {
    match read_fields_apart(yaml, base) {
        Some(fields) => Ok(fields),
        None => read_yaml_fields(yaml, base),
    }
}

/// Reads front matter one top-level field at a time, where it is a mapping whose keys each
/// start a line (nearly all front matter). A field on one line with a plain, quoted or
/// flow-list value is read here by hand ([`simple_line`]); any other field, with its
/// indented lines, is read alone by [`read_yaml_fields`]. (The parser read the whole of the
/// corpus's front matter, comment blocks included, at about 60 instructions a byte.) `None`
/// for front matter that is not such a mapping, or where the parser fails on a field: the
/// whole is then read by the parser, for its error. Where it gives fields, they are the ones
/// the parser gives.
fn read_fields_apart(yaml: &str, base: usize) -> Option<Vec<Field>> {
    let bytes = yaml.as_bytes();
    // Control characters (but tabs) are left to the parser, and so are the few characters
    // other than `\n` that it does not read as text (C1 controls, U+2028, U+2029, U+FEFF).
    // A fold rather than `any`, so that the compiler can test many bytes at a time.
    let control = bytes.iter().fold(0u8, |found, &b| {
        found | u8::from(b < b' ' && b != b'\n' && b != b'\t') | u8::from(b == 0x7F)
    }) != 0;
    let special = memchr::memchr3_iter(0xC2, 0xE2, 0xEF, bytes).any(|i| {
        matches!(
            (bytes[i], bytes.get(i + 1), bytes.get(i + 2)),
            (0xC2, Some(0x80..=0x9F), _)
                | (0xE2, Some(0x80), Some(0xA8 | 0xA9))
                | (0xEF, Some(0xBB), Some(0xBF))
        )
    });
    if control || special {
        return None;
    }
    // Each field's first line, and whether more of it follows on indented or `- ` lines.
    let mut heads: Vec<(usize, usize, bool)> = Vec::new();
    let mut start = 0;
    while start < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        let line = &bytes[start..end];
        match line.first() {
            None | Some(b'#') => {}
            Some(b' ') if line.iter().all(|&b| b == b' ') => {}
            Some(b' ' | b'\t' | b'-') => heads.last_mut()?.2 = true,
            Some(_) if key_length(line).is_some() => heads.push((start, end, false)),
            Some(_) => return None,
        }
        start = end + 1;
    }
    let mut fields = Vec::with_capacity(heads.len());
    for (i, &(start, line_end, more)) in heads.iter().enumerate() {
        let end = heads.get(i + 1).map_or(yaml.len(), |next| next.0);
        let by_hand = if more {
            block_scalar(yaml, start, line_end, end)
                .or_else(|| block_list(yaml, start, line_end, end))
        } else {
            simple_line(yaml, start, line_end).or_else(|| empty_field(yaml, start, line_end, end))
        };
        if let Some(line) = by_hand {
            let value_span = trim_value(yaml, line.value_start, end);
            fields.push(Field {
                key: yaml[line.key.clone()].to_string(),
                key_span: base + line.key.start..base + line.key.end,
                value: line.value,
                value_span: base + value_span.start..base + value_span.end,
            });
            continue;
        }
        // With the next field's first line: where the parser marks a value can depend on
        // what follows it (an empty block scalar is marked at the next key).
        let (with_next, expected) = heads.get(i + 1).map_or((end, 1), |next| (next.1, 2));
        let mut read = read_yaml_fields(&yaml[start..with_next], base + start).ok()?;
        if read.len() != expected {
            return None;
        }
        read.truncate(1);
        fields.append(&mut read);
    }
    Some(fields)
}

/// A byte of the plain words read by hand, in keys and in flow lists: an ASCII letter or
/// digit, `_`, `-` or `.`.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')
}

/// The length of the key that starts `line`, when it is a plain key of word bytes
/// ([`is_word_byte`]) and inner spaces, starting with a letter, digit or `_`, followed by `:`
/// and a blank or the end of the line.
fn key_length(line: &[u8]) -> Option<usize> {
    let first = *line.first()?;
    if !first.is_ascii_alphanumeric() && first != b'_' {
        return None;
    }
    let mut len = 1;
    while let Some(&b) = line.get(len) {
        match b {
            b':' => break,
            b' ' if line.get(len + 1).copied().is_some_and(is_word_byte) => len += 1,
            b if is_word_byte(b) => len += 1,
            _ => return None,
        }
    }
    matches!(line.get(len), Some(b':')).then_some(())?;
    matches!(line.get(len + 1), None | Some(b' ')).then_some(len)
}

/// A `key: value` line read by [`simple_line`].
struct Line {
    key: Range<usize>,
    value_start: usize,
    value: FieldValue,
}

/// Reads the line `yaml[start..end]` as `key: value` with a simple key and a value the YAML
/// parser would read the same way; `None` if it is anything else.
fn simple_line(yaml: &str, start: usize, end: usize) -> Option<Line> {
    let line = &yaml.as_bytes()[start..end];
    if line.contains(&b'\t') {
        return None;
    }
    let key_len = key_length(line)?;
    let after = key_len + 1;
    let blanks = line[after..].iter().take_while(|&&b| b == b' ').count();
    let value_at = after + blanks;
    let rest = &yaml[start + value_at..end];
    let value = match *rest.as_bytes().first()? {
        b'[' => {
            // A flow list of plain words: `[us-co, us-ny-nyc]`.
            let close = rest.find(']')?;
            ends_cleanly(&rest[close + 1..])?;
            let inner = &rest[1..close];
            let items: Vec<String> = if inner.bytes().all(|b| b == b' ') {
                Vec::new()
            } else {
                inner
                    .split(',')
                    .map(|item| {
                        let item = item.trim_matches(' ');
                        let plain = item
                            .bytes()
                            .next()
                            .is_some_and(|b| b.is_ascii_alphanumeric())
                            && item.bytes().all(|b| is_word_byte(b) || b == b' ');
                        plain.then(|| item.to_string())
                    })
                    .collect::<Option<_>>()?
            };
            return Some(Line {
                key: start..start + key_len,
                value_start: start + value_at,
                value: FieldValue::List(items),
            });
        }
        b'\'' => {
            let close = closing_quote(&rest[1..], '\'')?;
            ends_cleanly(&rest[close + 2..])?;
            rest[1..=close].replace("''", "'")
        }
        b'"' => {
            let close = rest[1..].find('"')?;
            if rest[1..=close].contains('\\') {
                return None;
            }
            ends_cleanly(&rest[close + 2..])?;
            rest[1..=close].to_string()
        }
        b if b.is_ascii_alphanumeric()
            || b >= 0x80
            || matches!(b, b'(' | b'$' | b'/' | b'.' | b'_' | b'+' | b'~') =>
        {
            // A comment starts at a `#` after a blank; a `:` before a blank or the end would
            // start a nested mapping.
            let text = rest
                .find(" #")
                .map_or(rest, |i| &rest[..i])
                .trim_end_matches(' ');
            if text.contains(": ") || text.ends_with(':') {
                return None;
            }
            text.to_string()
        }
        _ => return None,
    };
    Some(Line {
        key: start..start + key_len,
        value_start: start + value_at,
        value: scalar_value(value),
    })
}

/// Reads the field `yaml[start..end]`, whose first line ends at `line_end`, as `key:` and
/// nothing more but blank lines and comments (18F's `key objectives:` left empty): the parser
/// reads an empty value, and marks it where the next field starts.
fn empty_field(yaml: &str, start: usize, line_end: usize, end: usize) -> Option<Line> {
    let key_len = bare_key(&yaml.as_bytes()[start..line_end])?;
    Some(Line {
        key: start..start + key_len,
        value_start: end,
        value: FieldValue::Scalar(String::new()),
    })
}

/// The length of the key of a line that is `key:` and blanks ([`key_length`]), nothing more.
fn bare_key(line: &[u8]) -> Option<usize> {
    let key_len = key_length(line)?;
    line[key_len + 1..]
        .iter()
        .all(|&b| b == b' ')
        .then_some(key_len)
}

/// Reads the field `yaml[start..end]`, whose first line ends at `line_end`, as a block
/// scalar of the plainest kind (each cds-snc posting's `description: >-`): `key: >-`, `>`,
/// `|-` or `|`, then lines indented alike, none blank, more indented or ending in a blank,
/// then perhaps empty and comment lines. `None` if it is anything else.
fn block_scalar(yaml: &str, start: usize, line_end: usize, end: usize) -> Option<Line> {
    let bytes = yaml.as_bytes();
    if bytes[start..end].iter().any(|&b| b == b'\t' || b == b'\r') {
        return None;
    }
    let key_len = key_length(&bytes[start..line_end])?;
    let (folded, strip) = match yaml[start + key_len + 1..line_end].trim_matches(' ') {
        ">-" => (true, true),
        ">" => (true, false),
        "|-" => (false, true),
        "|" => (false, false),
        _ => return None,
    };
    let body = yaml.get(line_end + 1..end)?;
    let indent = body.bytes().take_while(|&b| b == b' ').count();
    let mut lines = Vec::new();
    let mut after = false;
    for line in body.split('\n') {
        if line.is_empty() || line.starts_with('#') {
            after = true;
            continue;
        }
        let text = line.get(indent..)?;
        let indented = line.as_bytes()[..indent].iter().all(|&b| b == b' ');
        if after || indent == 0 || !indented || text.is_empty() {
            return None;
        }
        if text.starts_with(' ') || text.ends_with(' ') {
            return None;
        }
        lines.push(text);
    }
    if lines.is_empty() {
        return None;
    }
    let mut value = lines.join(if folded { " " } else { "\n" });
    if !strip {
        value.push('\n');
    }
    Some(Line {
        key: start..start + key_len,
        value_start: line_end + 1 + indent,
        value: scalar_value(value),
    })
}

/// Reads the field `yaml[start..end]`, whose first line ends at `line_end`, as a list of plain
/// scalars (18F's `key objectives:`): `key:`, then items `- text` indented alike, each perhaps
/// running on over lines indented deeper, with blank lines between, then perhaps empty and
/// comment lines. Nothing in the text may start a comment, a mapping or another kind of
/// node. `None` if it is anything else.
fn block_list(yaml: &str, start: usize, line_end: usize, end: usize) -> Option<Line> {
    let bytes = yaml.as_bytes();
    if bytes[start..end].iter().any(|&b| b == b'\t' || b == b'\r') {
        return None;
    }
    let key_len = bare_key(&bytes[start..line_end])?;
    let body = yaml.get(line_end + 1..end)?;
    let indent = body.bytes().take_while(|&b| b == b' ').count();
    // A list not indented under its key is left to the parser: it marks such a list where its
    // first item's text starts.
    if indent == 0 || body.as_bytes().get(indent) != Some(&b'-') {
        return None;
    }
    // Each item's lines, and the blank lines within it (a blank line between two of its
    // lines is a line break; lines are otherwise joined by a space).
    let mut items: Vec<String> = Vec::new();
    let mut blanks = 0;
    let mut after = false;
    for line in body.split('\n') {
        let text = line.trim_start_matches(' ');
        if text.is_empty() {
            blanks += 1;
            continue;
        }
        if line.starts_with('#') {
            after = true;
            continue;
        }
        let depth = line.len() - text.len();
        if after || text.starts_with('#') || text.contains(" #") {
            return None;
        }
        let text = text.trim_end_matches(' ');
        if text.contains(": ") || text.ends_with(':') {
            return None;
        }
        if depth == indent {
            let first = text.strip_prefix("- ")?.trim_start_matches(' ');
            let &plain = first.as_bytes().first()?;
            if !(plain.is_ascii_alphanumeric()
                || plain >= 0x80
                || matches!(plain, b'(' | b'$' | b'/' | b'.' | b'_' | b'+' | b'~'))
            {
                return None;
            }
            items.push(first.to_string());
        } else {
            let item = items.last_mut().filter(|_| depth > indent)?;
            if blanks == 0 {
                item.push(' ');
            }
            for _ in 0..blanks {
                item.push('\n');
            }
            item.push_str(text);
        }
        blanks = 0;
    }
    if items.is_empty() {
        return None;
    }
    Some(Line {
        key: start..start + key_len,
        value_start: line_end + 1 + indent,
        value: FieldValue::List(items),
    })
}

/// `Some` if what follows a quoted value on its line is blanks, then perhaps a comment.
fn ends_cleanly(tail: &str) -> Option<()> {
    let trimmed = tail.trim_start_matches(' ');
    (trimmed.is_empty() || (trimmed.starts_with('#') && trimmed.len() < tail.len())).then_some(())
}

/// A scalar value as rules see it: `~` and `null` are nothing.
fn scalar_value(s: String) -> FieldValue {
    if s == "~" || s.eq_ignore_ascii_case("null") {
        FieldValue::Null
    } else {
        FieldValue::Scalar(s)
    }
}

/// The fields as `yaml-rust2`'s event parser reads them.
fn read_yaml_fields(yaml: &str, base: usize) -> Result<Vec<Field>, ParseProblem> {
    let offsets = Offsets::new(yaml);
    let mut sink = Sink::default();
    let mut parser = Parser::new_from_str(yaml);
    if let Err(err) = parser.load(&mut sink, false) {
        let at = base + offsets.of(*err.marker());
        let end = yaml[at - base..]
            .chars()
            .next()
            .map_or(at, |c| at + c.len_utf8());
        return Err(ParseProblem {
            span: at..end,
            message: format!("front matter is not valid YAML: {}", err.info()),
        });
    }
    let events = sink.events;
    // Skip StreamStart and DocumentStart; an empty document has neither a mapping nor a value.
    let mut i = events
        .iter()
        .position(|(e, _)| !matches!(e, Event::StreamStart | Event::DocumentStart))
        .unwrap_or(events.len());
    match events.get(i).map(|(e, _)| e) {
        None | Some(Event::DocumentEnd | Event::StreamEnd) => return Ok(Vec::new()),
        Some(Event::Scalar(s, ..)) if s.trim().is_empty() => return Ok(Vec::new()),
        Some(Event::MappingStart(..)) => i += 1,
        Some(_) => {
            let at = base + offsets.of(events[i].1);
            return Err(ParseProblem {
                span: at..at + 1,
                message: "front matter is not a mapping of `key: value` fields".to_string(),
            });
        }
    }
    let mut fields = Vec::new();
    while let Some((Event::Scalar(key, ..), key_mark)) = events.get(i) {
        let key_start = offsets.of(*key_mark);
        let key_end = key_start + yaml[key_start..].find(':').unwrap_or(key.len());
        let value_index = i + 1;
        let (value, next) = read_value(&events, value_index);
        let value_start = events
            .get(value_index)
            .map_or(key_end, |(_, m)| offsets.of(*m));
        let value_end = events.get(next).map_or(yaml.len(), |(_, m)| offsets.of(*m));
        let value_span = trim_value(yaml, value_start.max(key_end + 1).min(value_end), value_end);
        fields.push(Field {
            key: key.clone(),
            key_span: base + key_start..base + key_end.max(key_start),
            value,
            value_span: base + value_span.start..base + value_span.end,
        });
        i = next;
    }
    Ok(fields)
}

/// Reads the value starting at event `i`; returns it and the index of the event after it.
fn read_value(events: &[(Event, Marker)], i: usize) -> (FieldValue, usize) {
    match events.get(i).map(|(e, _)| e) {
        Some(Event::Scalar(s, ..)) => (scalar_value(s.clone()), i + 1),
        Some(Event::SequenceStart(..) | Event::MappingStart(..)) => {
            let is_list = matches!(events[i].0, Event::SequenceStart(..));
            let mut depth = 0usize;
            // Scalars directly inside the collection, with a flag for "at depth 1".
            let mut scalars = Vec::new();
            let mut j = i;
            while let Some((event, _)) = events.get(j) {
                match event {
                    Event::SequenceStart(..) | Event::MappingStart(..) => {
                        // A nested collection stands in the mapping as an empty value.
                        if depth == 1 {
                            scalars.push((1, String::new()));
                        }
                        depth += 1;
                    }
                    Event::SequenceEnd | Event::MappingEnd => {
                        depth -= 1;
                        if depth == 0 {
                            j += 1;
                            break;
                        }
                    }
                    Event::Scalar(s, ..) => scalars.push((depth, s.clone())),
                    _ => {}
                }
                j += 1;
            }
            let value = if is_list {
                FieldValue::List(
                    scalars
                        .into_iter()
                        .map(|(_, s)| s)
                        .filter(|s| !s.is_empty())
                        .collect(),
                )
            } else {
                // Pair up key and value scalars at the top level of the mapping.
                let top: Vec<String> = scalars
                    .into_iter()
                    .filter(|(d, _)| *d == 1)
                    .map(|(_, s)| s)
                    .collect();
                FieldValue::Map(
                    top.chunks(2)
                        .filter_map(|kv| match kv {
                            [k, v] => Some((k.clone(), v.clone())),
                            _ => None,
                        })
                        .collect(),
                )
            };
            (value, j)
        }
        // Aliases and anything unexpected carry no text we use.
        Some(_) => (FieldValue::Null, i + 1),
        None => (FieldValue::Null, i),
    }
}

/// Shrinks a value's span so that it ends at its last non-blank, non-comment line.
fn trim_value(yaml: &str, start: usize, end: usize) -> Range<usize> {
    let mut end = end;
    loop {
        let slice = &yaml[start..end];
        let trimmed = slice.trim_end();
        end = start + trimmed.len();
        // Drop a trailing comment line (the 18F front matter has blocks of them between fields).
        match trimmed.rfind('\n') {
            Some(nl) if trimmed[nl + 1..].trim_start().starts_with('#') => end = start + nl,
            _ => break,
        }
    }
    // A trailing ` # comment` on the value's own line; a quoted value ends at its closing quote.
    let slice = &yaml[start..end];
    if let Some(quote) = slice.chars().next().filter(|c| matches!(c, '"' | '\''))
        && let Some(close) = closing_quote(&slice[1..], quote)
    {
        end = start + 1 + close + 1;
    } else if !slice.contains('\n')
        && let Some(hash) = slice.find(" #")
    {
        end = start + slice[..hash].trim_end().len();
    }
    start..end.max(start)
}

/// The offset of the quote that closes a quoted YAML scalar (`''` and `\"` are escapes).
fn closing_quote(rest: &str, quote: char) -> Option<usize> {
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if quote == '"' && c == '\\' {
            chars.next();
        } else if c == quote {
            if quote == '\'' && chars.peek().is_some_and(|(_, n)| *n == '\'') {
                chars.next();
                continue;
            }
            return Some(i);
        }
    }
    None
}

/// Turns `yaml-rust2`'s markers into byte offsets, from their line and column.
///
/// Its character index (`Marker::index`) cannot be used: after a block scalar line with a
/// character of more than one byte it runs ahead, for the rest of the text, because
/// yaml-rust2 0.13 counts such a line's bytes as characters (`scan_block_scalar_content_line`;
/// reported in bug-ops/deps-lsp#880). The line and column are reset at each line break. Its
/// lines are not [`crate::source::line_starts`]'s: a lone `\r` ends one too.
struct Offsets<'a> {
    text: &'a str,
    /// Where each line starts; a line ends at `\n`, `\r\n` or a lone `\r`, as for yaml-rust2.
    lines: Vec<usize>,
}

impl<'a> Offsets<'a> {
    fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut lines = vec![0];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if !(bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n')) {
                lines.push(i + 1);
            }
        }
        Self { text, lines }
    }

    fn of(&self, mark: Marker) -> usize {
        self.byte(mark.line(), mark.col())
    }

    /// The byte offset of character `col` (from 0) of line `line` (from 1), or of the end of the
    /// line or text where it is past them.
    fn byte(&self, line: usize, col: usize) -> usize {
        let Some(&start) = self.lines.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let end = self.lines.get(line).map_or(self.text.len(), |&next| next);
        let text = &self.text[start..end];
        if text.is_ascii() {
            return start + col.min(text.len());
        }
        text.char_indices().nth(col).map_or(end, |(i, _)| start + i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_map_to_byte_offsets() {
        let text = "ab\naé b\r\n日本語 x\rlast🙂";
        let offsets = Offsets::new(text);
        for (line, col, byte) in [
            (1, 0, 0),
            (1, 2, 2),
            (1, 9, 3),
            (2, 0, 3),
            (2, 2, 6),
            (2, 4, 8),
            (2, 5, 9),
            (3, 0, 10),
            (3, 4, 20),
            (4, 0, 22),
            (4, 4, 26),
            (4, 5, 30),
            (5, 0, 30),
        ] {
            assert_eq!(offsets.byte(line, col), byte, "line {line} column {col}");
        }
    }

    #[test]
    fn fields_after_a_block_scalar_with_wide_characters_keep_their_spans() {
        // yaml-rust2's character index runs ahead after the long folded line with `…` and `é`.
        let text = "---\ndescription: >-\n  A long line that fills the scanner's look-ahead, with an ellipsis… and café.\n\ntitle: 'Señor: x'\nlevel: senior\n---\n";
        let fm = parsed(text);
        let spans: Vec<(&str, &str)> = fm
            .fields
            .iter()
            .map(|f| (&text[f.key_span.clone()], &text[f.value_span.clone()]))
            .collect();
        assert_eq!(
            spans,
            [
                (
                    "description",
                    "A long line that fills the scanner's look-ahead, with an ellipsis… and café."
                ),
                ("title", "'Señor: x'"),
                ("level", "senior"),
            ]
        );
    }

    fn parsed(text: &str) -> FrontMatter {
        match parse(text, 0) {
            Outcome::Parsed(fm) => fm,
            Outcome::None => panic!("no front matter"),
            Outcome::Broken { problem, .. } => panic!("broken: {}", problem.message),
        }
    }

    #[test]
    fn fields_have_spans_of_key_and_value() {
        let text = "---\ntitle: 'Señor Engineer' # the role\nsalary_min: 90,000\n# note\n\ntags:\n  - a\n  - b\n---\nBody";
        let fm = parsed(text);
        let title = &fm.fields[0];
        assert_eq!(&text[title.key_span.clone()], "title");
        assert_eq!(&text[title.value_span.clone()], "'Señor Engineer'");
        assert_eq!(title.value.as_str(), Some("Señor Engineer"));
        let salary = &fm.fields[1];
        assert_eq!(&text[salary.value_span.clone()], "90,000");
        let tags = &fm.fields[2];
        assert_eq!(
            tags.value,
            FieldValue::List(vec!["a".to_string(), "b".to_string()])
        );
        assert_eq!(&text[tags.value_span.clone()], "- a\n  - b");
        assert_eq!(fm.span.end, text.len() - 4);
    }

    #[test]
    fn broken_front_matter_is_reported_with_position() {
        let text = "---\ntitle: [unclosed\n---\nBody";
        let Outcome::Broken { problem, span } = parse(text, 0) else {
            panic!("expected broken")
        };
        assert!(
            problem.message.contains("not valid YAML"),
            "{}",
            problem.message
        );
        assert_eq!(span, 0..25);
        assert!(problem.span.start >= 4 && problem.span.end <= 25);
    }

    #[test]
    fn unterminated_and_list_front_matter() {
        assert!(matches!(
            parse("---\ntitle: x\nno end", 0),
            Outcome::Broken { span, .. } if span == (0..4)
        ));
        assert!(matches!(
            parse("---\n- a\n- b\n---\n", 0),
            Outcome::Broken { problem, .. } if problem.message.contains("mapping")
        ));
        assert!(matches!(parse("title: x\n", 0), Outcome::None));
        assert!(matches!(parse("---\n---\nbody", 0), Outcome::Parsed(fm) if fm.fields.is_empty()));
    }

    #[test]
    fn keys_compare_trimmed_caseless_with_dashes_and_spaces_as_underscores() {
        for (a, b) in [
            ("salary_min", "salary_min"),
            ("Salary-Min", "salary_min"),
            ("salary min", "SALARY_MIN"),
            (" title\t", "title"),
            ("\u{a0}title\u{3000}", "title"),
            ("Niveau-É", "niveau_É"),
        ] {
            assert!(same_key(a, b), "{a:?} {b:?}");
        }
        for (a, b) in [
            ("title", "titles"),
            ("salary_min", "salary_max"),
            ("t itle", "title"),
            ("niveau_é", "niveau_É"),
            ("", "x"),
            ("x.", "x"),
        ] {
            assert!(!same_key(a, b), "{a:?} {b:?}");
        }
        assert!(same_key("", " "));
    }

    /// Checks that reading `yaml` a field at a time gives what the YAML parser gives, or
    /// nothing; returns whether it gave fields.
    fn read_apart_agrees(yaml: &str) -> bool {
        let whole = read_yaml_fields(yaml, 7);
        match read_fields_apart(yaml, 7) {
            Some(apart) => {
                assert_eq!(Ok(&apart), whole.as_ref(), "{yaml:?}");
                true
            }
            None => false,
        }
    }

    /// Where the first line of `yaml` ends, and where its first field ends: at the next line
    /// that starts with a letter.
    fn first_field(yaml: &str) -> (usize, usize) {
        let line_end = yaml.find('\n').unwrap_or(yaml.len());
        let end = (line_end..yaml.len())
            .find(|&i| {
                yaml.as_bytes()[i] == b'\n' && yaml[i + 1..].starts_with(char::is_alphabetic)
            })
            .map_or(yaml.len(), |i| i + 1);
        (line_end, end)
    }

    #[test]
    fn front_matter_read_a_field_at_a_time_is_what_the_yaml_parser_reads() {
        // Read by hand, every line of them.
        let by_hand = [
            "title: Engineer\n",
            "title: Engineer",
            "",
            "\n\n# only a comment\n",
            "title:   Engineer   \n\n# comment\n\nlevel: 3 # a comment\n  \n",
            "a: 'it''s' # c\nb: \"Señor: x\"\nc: x#y\nd: https://x.y/z?a=b#c\n",
            "a: ~\nb: null\nc: 'NULL'\nd: a:b\ne: 1,000\nf: (x) $5 ~x\n",
            "key.with-dots_1: x\n_k: y\nmax applications: 0\n# trailing\n",
            "a: 'x'\n# c\n\n",
            "a: \"\"\nb: ''\n",
            "a: x\na: y\n",
            "a: [us-co, us-ny-nyc]\nb: []\nc: [ x , y z ]  # c\nd: [ ]\n",
            "salary: £11.50–£12.00 an hour\ntitle: Développeur·se\n",
        ];
        // Block scalars read by hand: one line or several, each header, lines that would
        // mean something else outside one, the empty lines after.
        let blocks = [
            "description: >-\n  Do you like\n  logistics?\nlayout: x\n",
            "a: >\n  x: y # z\n  - item\n\n\nb: |\n    one\n    'two'\nc: |-\n  # not a comment\n",
            "a: >-\n  \"quoted\" then more\n# comment\nb: 1\n",
            "a:   |  \n   ---\n   ~\nb: >-\n  ~\n",
            "a: >-\n  Été à Montréal — 50 %\n",
        ];
        for yaml in blocks {
            assert!(read_apart_agrees(yaml), "not read apart: {yaml:?}");
            let (line_end, end) = first_field(yaml);
            assert!(block_scalar(yaml, 0, line_end, end).is_some(), "{yaml:?}");
        }
        for yaml in by_hand {
            assert!(read_apart_agrees(yaml), "not read apart: {yaml:?}");
            for line in yaml
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            {
                assert!(simple_line(line, 0, line.len()).is_some(), "{line:?}");
            }
        }
        // Lists of plain text and empty values read by hand: items running on over deeper
        // lines (one looking like an item), blank lines within and after items, comments
        // after the list.
        let lists = [
            "a:\n  - x\n",
            "a:\n  - Own the\n    - vision\n  -  Lead\n    teams\n\n    well\n   \n  - x.\n# c\n\nb: y\n",
            "a: \n    - é ~ (x) $5\n    - q 'q' [x]\n",
            "a:\n",
            "a:\nb: x\n",
            "a:   \n  \n\n# c\n#\nb: x\n",
        ];
        for yaml in lists {
            assert!(read_apart_agrees(yaml), "not read apart: {yaml:?}");
            let (line_end, end) = first_field(yaml);
            let list = block_list(yaml, 0, line_end, end);
            assert!(
                list.or_else(|| empty_field(yaml, 0, line_end, end))
                    .is_some(),
                "{yaml:?}"
            );
        }
        // Fields the parser reads alone.
        let by_parser = [
            "a:\n- x\n- y\nb: z\n",
            "a:\n\n  - x\n",
            "a:\n  - x: y\n",
            "a:\n  - x #c\n",
            "a:\n  - x\n    #c\n",
            "a:\n  - x\n# c\n  - y\n",
            "a:\n  - 'x'\n",
            "a:\n  -\n",
            "a:\n  - - x\n",
            "a: x\n  more\nb: y\n",
            "a: |\n  x\n\n# c\nb: >-\n  y\n  z  \n",
            "a: >-\n  x\n\n  y\n",
            "a: >-\n  x\n    deeper\n",
            "a: >+\n  x\n\nb: y\n",
            "a: >2\n   x\n",
            "a: > # c\n  x\n",
            "a: >-\n  x\n  \n  y\n",
            "a: 'open\n  close'\n",
            "a: \"esc\\\"aped\"\n",
            "a: !tag x\n",
            "a: {x: y}\n",
            "a: -1\n",
            "a: # nothing\n",
            "a: x\n  # indented comment\n",
            "a: [x,]\n",
            "a: [x, 'y']\n",
            "a: [x, [y]]\n",
            "a: [x,\n  y]\n",
            "a: [x: y]\n",
            "a:\n  b: c\n  d:\n    - e\n",
        ];
        for yaml in by_parser {
            assert!(read_apart_agrees(yaml), "not read apart: {yaml:?}");
            let first = yaml.lines().next().unwrap_or("");
            let alone = yaml.lines().count() == 1;
            assert!(
                !alone || simple_line(first, 0, first.len()).is_none(),
                "{yaml:?}"
            );
            let (line_end, end) = first_field(yaml);
            assert!(block_list(yaml, 0, line_end, end).is_none(), "{yaml:?}");
        }
        // Front matter left whole to the parser: broken, not a mapping of plain keys, or with an
        // alias to another field's anchor.
        let whole = [
            "a: &anchor x\nb: *anchor\n",
            "a: b: c\n",
            "a: b:\n",
            "a: 'x' y\n",
            "a: 'x'#y\n",
            "a: [x] y\n",
            "a: [x\n",
            "a: @x\n",
            "a: `x`\n",
            "a: x\r\n",
            "a:\tx\n",
            "a: x\u{85}y\n",
            "a: x\u{feff}\n",
            "a: x\u{2029}\n",
            "# \u{2028} in a comment\na: x\n",
            "%YAML 1.2\n---\na: x\n",
            "é: x\n",
            "\"a\": x\n",
            "a:x\n",
            "  # indented comment\na: x\n",
            "- a\n",
            "? a\n: b\n",
            "a: x\n-b\n",
            "a: >-\n    x\n  y\n",
            "a:\n  - x\n y\n",
            "a:\n  - x\n  y\n",
            "just text\n",
        ];
        for yaml in whole {
            assert!(!read_apart_agrees(yaml), "read apart: {yaml:?}");
        }
    }

    #[test]
    fn fixture_front_matter_is_read_as_the_yaml_parser_reads_it() {
        let mut fast = 0;
        let postings = crate::fixture_postings();
        for (_, text) in &postings {
            let Some(rest) = text.strip_prefix("---\n") else {
                continue;
            };
            let Some(end) = rest.find("\n---") else {
                continue;
            };
            fast += usize::from(read_apart_agrees(&rest[..=end]));
        }
        // Most fixtures have front matter the fast path reads; the test is not vacuous.
        assert!(fast >= 20, "only {fast} of {} read fast", postings.len());
    }

    /// Every field `a:` followed by up to four lines of list-shaped pieces (items at two
    /// indents, deeper lines, blank and comment lines, and lines that are something else), then
    /// another field: what the hand reading of lists and empty values gives is what the parser
    /// gives.
    #[test]
    fn lists_read_by_hand_are_what_the_yaml_parser_reads() {
        let pieces = [
            "  - x y\n",
            "  -  z\n",
            "    - deeper\n",
            "    more\n",
            "   \n",
            "\n",
            "# c\n",
            "  - k: v\n",
            "  - 'q'\n",
            "  -\n",
            " - odd\n",
            "  - x #c\n",
        ];
        let mut by_hand = 0;
        for lines in crate::strings_over(&pieces, 4) {
            let yaml = format!("a:\n{lines}b: 1\n");
            let end = yaml.len() - "b: 1\n".len();
            let hand = block_list(&yaml, 0, 2, end).or_else(|| empty_field(&yaml, 0, 2, end));
            if read_apart_agrees(&yaml) && hand.is_some() {
                by_hand += 1;
            }
        }
        // Of the 22,621 fields, 12,973 are read by hand: the test is not vacuous.
        assert!(by_hand > 10_000, "only {by_hand} read by hand");
    }

    /// Lines front matter is made of, the awkward ones included.
    fn yaml_line() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let key = prop_oneof![
            Just("title"),
            Just("max applications"),
            Just("a.b-c_d"),
            Just("- x"),
            Just("'q'"),
            Just("é"),
            Just("# note"),
            Just(""),
            Just("  "),
        ];
        let value = prop_oneof![
            Just(": Engineer"),
            Just(":   x   # c"),
            Just(": 'it''s'"),
            Just(": \"Señor: x\""),
            Just(": 'open"),
            Just(": [us-co, x y]"),
            Just(": [a, [b]]"),
            Just(": >-"),
            Just(": >"),
            Just(": |-"),
            Just(": |"),
            Just(": >+"),
            Just(": ~"),
            Just(": a: b"),
            Just(": &a x"),
            Just(": *a"),
            Just(":"),
            Just(":x"),
            Just(""),
        ];
        let tail = prop_oneof![
            Just(""),
            Just("…"),
            Just("\t"),
            Just(" #"),
            Just(":"),
            Just("'")
        ];
        prop_oneof![
            4 => (key, value, tail).prop_map(|(k, v, t)| format!("{k}{v}{t}")),
            2 => prop_oneof![
                Just("  - item"),
                Just("  -  item"),
                Just("    - deeper item"),
                Just("   - odd"),
                Just("  - x: y"),
                Just("  - *a"),
                Just("  -"),
                Just("  - [x]"),
                Just("  - x #c"),
                Just("  - é ~"),
                Just("  # indented"),
                Just("  more …"),
                Just("  b: c"),
                Just("- x"),
                Just("  x # y"),
                Just("    deeper"),
                Just("  'q"),
                Just("  end  "),
                Just("  "),
            ]
            .prop_map(str::to_string),
        ]
    }

    proptest::proptest! {
        #[test]
        fn generated_front_matter_read_apart_is_what_the_yaml_parser_reads(
            lines in proptest::collection::vec(yaml_line(), 0..8)
        ) {
            read_apart_agrees(&lines.join("\n"));
        }
    }

    /// An exploratory check over real postings that the repository does not hold:
    /// `JDLINT_POSTINGS=../shared/corpus cargo test --lib read_apart_on_postings -- --ignored`.
    #[test]
    #[ignore = "needs JDLINT_POSTINGS, a folder of postings"]
    fn read_apart_on_postings() {
        let root = std::env::var("JDLINT_POSTINGS").expect("JDLINT_POSTINGS");
        let (mut front_matters, mut apart) = (0, 0);
        for entry in ignore::Walk::new(root).flatten() {
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            if let Some(yaml) = text
                .strip_prefix("---\n")
                .and_then(|rest| rest.find("\n---").map(|end| &rest[..=end]))
            {
                front_matters += 1;
                apart += usize::from(read_apart_agrees(yaml));
            }
        }
        eprintln!("{apart} of {front_matters} front matters read a field at a time");
    }

    #[test]
    fn folded_description_is_one_value() {
        let text = "---\ndescription: >-\n  Do you like\n  logistics?\nlayout: x\n---\n";
        let fm = parsed(text);
        assert_eq!(
            fm.field(&["description"]).unwrap().value.as_str(),
            Some("Do you like logistics?")
        );
        assert_eq!(
            &text[fm.fields[0].value_span.clone()],
            "Do you like\n  logistics?"
        );
    }
}
