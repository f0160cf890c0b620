//! Small helpers for rules that read prose: sentences, words and syllables.

use std::ops::Range;

use crate::document::{BlockKind, Document, WORD};

/// Byte ranges of the sentences in `text`: split after `.`, `!` or `?` followed by white space,
/// except after a single letter (`U.S. citizens`, `e.g. Go`) or a common abbreviation.
pub(crate) fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let end_mark = matches!(b, b'.' | b'!' | b'?');
        let next_space = bytes.get(i + 1).is_none_or(u8::is_ascii_whitespace);
        if !(end_mark && next_space) || (b == b'.' && is_abbreviation(&text[start..i])) {
            if b == b'\n' && bytes.get(i + 1) == Some(&b'\n') {
                push_trimmed(text, start..i, &mut out);
                start = i + 1;
            }
            continue;
        }
        push_trimmed(text, start..i + 1, &mut out);
        start = i + 1;
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, span: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[span.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(span.start + lead..span.end - trail);
    }
}

/// Whether the text before a full stop ends in a single letter or a common abbreviation.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let letters = word.trim_end_matches('.');
    letters.chars().count() == 1
        || letters.contains('.')
        || matches!(
            letters.to_ascii_lowercase().as_str(),
            "e.g"
                | "i.e"
                | "etc"
                | "vs"
                | "mr"
                | "mrs"
                | "ms"
                | "dr"
                | "jr"
                | "sr"
                | "inc"
                | "st"
                | "no"
        )
}

/// Syllables in an English word, by vowel groups: a silent final `e` does not count, and every
/// word has at least one. The usual estimate for Flesch–Kincaid; good to a syllable or so.
pub(crate) fn syllables(word: &str) -> usize {
    let lower: Vec<char> = word
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if lower.is_empty() {
        return 1;
    }
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut count = 0;
    let mut previous = false;
    for &c in &lower {
        let v = vowel(c);
        if v && !previous {
            count += 1;
        }
        previous = v;
    }
    let n = lower.len();
    if n > 2 && lower[n - 1] == 'e' && !vowel(lower[n - 2]) && lower[n - 2] != 'l' {
        count -= 1;
    }
    count.max(1)
}

/// Counts for the body of a posting: prose words, sentences and syllables in paragraphs and list
/// items (headings and table cells are labels, code and links are not prose).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    pub(crate) words: usize,
    pub(crate) sentences: usize,
    pub(crate) syllables: usize,
}

impl Counts {
    /// Reads the counts of `doc`.
    pub(crate) fn of(doc: &Document<'_>) -> Self {
        let mut counts = Counts::default();
        for block in doc.blocks() {
            if !matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem) {
                continue;
            }
            let text = doc.slice(block.span.clone());
            for sentence in sentences(text) {
                let mut words = 0;
                for m in WORD.find_iter(&text[sentence.clone()]) {
                    let at = block.span.start + sentence.start + m.start();
                    if doc.is_non_prose(&(at..at + m.len())) {
                        continue;
                    }
                    words += 1;
                    counts.syllables += syllables(m.as_str());
                }
                if words > 0 {
                    counts.words += words;
                    counts.sentences += 1;
                }
            }
        }
        counts
    }

    /// The Flesch–Kincaid grade level: 0.39 × words per sentence + 11.8 × syllables per word
    /// − 15.59. `None` with no words.
    #[allow(clippy::cast_precision_loss)]
    pub(crate) fn grade(self) -> Option<f64> {
        if self.words == 0 || self.sentences == 0 {
            return None;
        }
        let words = self.words as f64;
        Some(0.39 * words / self.sentences as f64 + 11.8 * self.syllables as f64 / words - 15.59)
    }
}

#[cfg(test)]
mod tests {
    use super::{Counts, sentences, syllables};
    use crate::document::{Document, Format};

    #[test]
    fn splits_sentences_but_not_abbreviations() {
        let text = "You must be a U.S. citizen. We use Go, e.g. for tools! Why? Because.";
        let got: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            got,
            [
                "You must be a U.S. citizen.",
                "We use Go, e.g. for tools!",
                "Why?",
                "Because."
            ]
        );
    }

    #[test]
    fn grade_of_plain_and_dense_text() {
        let plain = Document::parse(
            "# Job\n\nYou fix bugs. You ship code. We pay well.\n",
            Format::Markdown,
        );
        let dense = Document::parse(
            "# Job\n\nThe incumbent operationalizes organizational transformation initiatives, institutionalizing interdisciplinary methodologies across heterogeneous administrative environments.\n",
            Format::Markdown,
        );
        let plain = Counts::of(&plain);
        assert_eq!((plain.words, plain.sentences), (9, 3));
        assert!(plain.grade().unwrap() < 2.0, "{plain:?}");
        assert!(Counts::of(&dense).grade().unwrap() > 20.0);
    }

    #[test]
    fn counts_syllables() {
        assert_eq!(syllables("cat"), 1);
        assert_eq!(syllables("make"), 1);
        assert_eq!(syllables("table"), 2);
        assert_eq!(syllables("engineering"), 4);
        assert_eq!(syllables("you"), 1);
        assert_eq!(syllables("responsibilities"), 6);
    }
}
