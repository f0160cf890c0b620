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
    while offset < text.len() {
        let line_len = text[offset..]
            .find('\n')
            .map_or(text.len() - offset, |i| i + 1);
        if delimiter_line(&text[offset..], &["---", "..."]).is_some() {
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
        Some(Event::Scalar(s, ..)) => {
            let value = if s == "~" || s.eq_ignore_ascii_case("null") {
                FieldValue::Null
            } else {
                FieldValue::Scalar(s.clone())
            };
            (value, i + 1)
        }
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
/// reported in bug-ops/deps-lsp#880). The line and column are reset at each line break.
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
