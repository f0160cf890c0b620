//! Source text and the arithmetic between byte offsets and line/column positions.
//!
//! Every span in jdlint is a byte range into the original text. This module turns those offsets
//! into 1-based lines and columns (columns counted in Unicode scalar values, as codespan does) for
//! every output format, and is the one place where that conversion lives.

use std::ops::Range;

/// One input: its display name and its full text, with line starts precomputed.
#[derive(Debug, Clone)]
pub struct SourceFile {
    name: String,
    text: String,
    /// Where each line starts, found when first asked for: a file with no findings never is.
    line_starts: std::cell::OnceCell<Vec<usize>>,
    /// The last location asked for: a char boundary and the chars between its line's start and
    /// it. Reporters ask in source order, so columns on a 5 MB line cost linear time, not
    /// quadratic.
    last: std::cell::Cell<(usize, usize)>,
}

/// A 1-based line and column; the column counts Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in Unicode scalar values.
    pub column: usize,
}

impl SourceFile {
    /// Builds a source file, computing where each line starts.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            text: text.into(),
            line_starts: std::cell::OnceCell::new(),
            last: std::cell::Cell::new((0, 0)),
        }
    }

    /// The name shown in reports (a path, or the `--stdin-filename`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The full original text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Byte offsets at which each line starts; the first is always 0.
    pub fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| line_starts(&self.text))
    }

    /// The 0-based index of the line that holds `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        match self.line_starts().binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// The byte range of a 0-based line, without its line terminator.
    pub fn line_range(&self, line_index: usize) -> Range<usize> {
        let start = self.line_starts()[line_index];
        let end = self
            .line_starts()
            .get(line_index + 1)
            .copied()
            .unwrap_or(self.text.len());
        let line = &self.text[start..end];
        let trimmed = line
            .strip_suffix('\n')
            .map_or(line, |l| l.strip_suffix('\r').unwrap_or(l));
        start..start + trimmed.len()
    }

    /// The 1-based line and column of a byte offset. Offsets past the end are clamped, and an
    /// offset inside a multi-byte character counts as that character.
    pub fn location(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.text.len());
        let line = self.line_index(offset);
        let start = self.line_starts()[line];
        let mut floor = offset;
        while !self.text.is_char_boundary(floor) {
            floor -= 1;
        }
        let (cached, cached_chars) = self.last.get();
        let (from, base) = if (start..=floor).contains(&cached) {
            (cached, cached_chars)
        } else {
            (start, 0)
        };
        let chars_before = base + self.text[from..floor].chars().count();
        self.last.set((floor, chars_before));
        // Editors do not show a byte-order mark, so it takes no column.
        let bom = usize::from(line == 0 && floor >= 3 && self.text.starts_with('\u{feff}'));
        LineCol {
            line: line + 1,
            column: chars_before + usize::from(floor < offset) + 1 - bom,
        }
    }
}

/// Byte offsets at which each line of `text` starts; the first is always 0.
pub(crate) fn line_starts(text: &str) -> Vec<usize> {
    // Counted first, so that the vector is allocated once.
    let mut starts = Vec::with_capacity(1 + memchr_newlines(text).count());
    starts.push(0);
    starts.extend(memchr_newlines(text).map(|i| i + 1));
    starts
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_count_chars_not_bytes() {
        let file = SourceFile::new("a.md", "é – x\nsecond\r\nthird");
        assert_eq!(file.location(0), LineCol { line: 1, column: 1 });
        // `x` is after `é` (2 bytes), a space, `–` (3 bytes) and a space.
        assert_eq!(file.location(7), LineCol { line: 1, column: 5 });
        assert_eq!(file.location(9), LineCol { line: 2, column: 1 });
        assert_eq!(file.line_range(1), 9..15);
        assert_eq!(file.location(1000), LineCol { line: 3, column: 6 });
        // Asking out of order, and inside a character, gives the same answers.
        assert_eq!(file.location(4), LineCol { line: 1, column: 4 });
        assert_eq!(file.location(1), LineCol { line: 1, column: 2 });
        assert_eq!(file.location(7), LineCol { line: 1, column: 5 });
    }

    #[test]
    fn a_byte_order_mark_takes_no_column() {
        let file = SourceFile::new("b.md", "\u{feff}# Title");
        assert_eq!(file.location(3), LineCol { line: 1, column: 1 });
        assert_eq!(file.location(5), LineCol { line: 1, column: 3 });
    }

    #[test]
    fn empty_text_has_one_line() {
        let file = SourceFile::new("e.md", "");
        assert_eq!(file.line_starts(), &[0]);
        assert_eq!(file.location(0), LineCol { line: 1, column: 1 });
    }
}
