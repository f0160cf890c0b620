//! Byte offsets to and from LSP positions, in the encoding negotiated with the client.
//!
//! LSP counts a line's characters in UTF-16 code units unless client and server agree on UTF-8
//! (LSP 3.17 `positionEncoding`). jdlint's spans are byte offsets, so every range sent or received
//! goes through a [`LineIndex`].

use std::ops::Range;

use lsp_types::Position;

/// How a line's characters are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Bytes of UTF-8.
    Utf8,
    /// UTF-16 code units (the LSP default).
    Utf16,
}

/// Where each line of a text starts.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    /// Indexes `text`; lines end at `\n` (a preceding `\r` belongs to the line break).
    pub fn new(text: &str) -> Self {
        Self {
            starts: crate::source::line_starts(text),
            len: text.len(),
        }
    }

    /// The position of byte `offset` (clamped to the text and to a char boundary).
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        };
        let prefix = &text[self.starts[line]..offset];
        let character = match encoding {
            Encoding::Utf8 => prefix.len(),
            Encoding::Utf16 => prefix.chars().map(char::len_utf16).sum(),
        };
        Position {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            character: u32::try_from(character).unwrap_or(u32::MAX),
        }
    }

    /// The byte offset of `position`; past the end of a line means its end, past the last line
    /// the end of the text, and inside a character its start.
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let line = position.line as usize;
        let Some(&start) = self.starts.get(line) else {
            return self.len;
        };
        let end = self.starts.get(line + 1).map_or(self.len, |&next| next - 1);
        let line_text = text[start..end]
            .strip_suffix('\r')
            .unwrap_or(&text[start..end]);
        let wanted = position.character as usize;
        let mut units = 0;
        for (i, c) in line_text.char_indices() {
            if units >= wanted {
                return start + i;
            }
            units += match encoding {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            };
            if units > wanted {
                return start + i;
            }
        }
        start + line_text.len()
    }

    /// An LSP range for a byte range.
    pub fn range(&self, text: &str, span: &Range<usize>, encoding: Encoding) -> lsp_types::Range {
        lsp_types::Range {
            start: self.position(text, span.start, encoding),
            end: self.position(text, span.end, encoding),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_round_trip_with_non_ascii_text() {
        let text = "café — 日本\r\nemoji 🎉 here\nlast";
        let index = LineIndex::new(text);
        let emoji = text.find('🎉').unwrap();
        let after = emoji + '🎉'.len_utf8();
        assert_eq!(
            index.position(text, emoji, Encoding::Utf16),
            Position::new(1, 6)
        );
        assert_eq!(
            index.position(text, after, Encoding::Utf16),
            Position::new(1, 8)
        );
        assert_eq!(
            index.position(text, after, Encoding::Utf8),
            Position::new(1, 10)
        );
        let dash = text.find('—').unwrap();
        assert_eq!(
            index.position(text, dash, Encoding::Utf16),
            Position::new(0, 5)
        );
        assert_eq!(
            index.position(text, dash, Encoding::Utf8),
            Position::new(0, 6)
        );
        for offset in [0, dash, emoji, after, text.len()] {
            for encoding in [Encoding::Utf8, Encoding::Utf16] {
                let p = index.position(text, offset, encoding);
                assert_eq!(
                    index.offset(text, p, encoding),
                    offset,
                    "{offset} {encoding:?}"
                );
            }
        }
        // Past the end of a line: its end, before the CRLF.
        assert_eq!(
            index.offset(text, Position::new(0, 99), Encoding::Utf16),
            text.find('\r').unwrap()
        );
        assert_eq!(
            index.offset(text, Position::new(9, 0), Encoding::Utf16),
            text.len()
        );
        // Inside the emoji's surrogate pair: its start.
        assert_eq!(
            index.offset(text, Position::new(1, 7), Encoding::Utf16),
            emoji
        );
    }
}
