//! Small helpers for rules that read prose: sentences, words and syllables.

use std::ops::Range;

use std::sync::Arc;

use crate::document::{BlockKind, Document};

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

/// Counts for the body of a posting: prose words, sentences and syllables in paragraphs and list
/// items (headings and table cells are labels, code and links are not prose).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    pub(crate) words: usize,
    pub(crate) sentences: usize,
    pub(crate) syllables: usize,
}

impl Counts {
    /// The counts of `doc`, computed once per document and shared by the rules that use them.
    pub(crate) fn of(doc: &Document<'_>) -> Arc<Counts> {
        doc.memo(Self::count)
    }

    /// One pass over the characters of each paragraph and list item, skipping non-prose
    /// ranges. A word is a run of letters and digits (with inner `'`, `’` or `-`); a sentence
    /// ends at `.`, `!` or `?` before white space, unless the word before is a single letter
    /// (`U.S.`, `e.g.`); a block with words ends a sentence too.
    fn count(doc: &Document<'_>) -> Counts {
        let mut counts = Counts::default();
        let non_prose = doc.non_prose();
        let text = doc.text();
        for block in doc.blocks() {
            if !matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem) {
                continue;
            }
            let mut next_np = non_prose.partition_point(|r| r.end <= block.span.start);
            let mut words_in_sentence = 0;
            let mut word = Word::default();
            let body = &text[block.span.clone()];
            let bytes = body.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                let at = block.span.start + i;
                while non_prose.get(next_np).is_some_and(|np| np.end <= at) {
                    next_np += 1;
                }
                // The prose runs to the next non-prose range, which is skipped whole (it ends
                // on a character boundary).
                let limit = match non_prose.get(next_np) {
                    Some(np) if np.start <= at => {
                        word.end(bytes, i, &mut counts, &mut words_in_sentence);
                        i = np.end - block.span.start;
                        continue;
                    }
                    Some(np) => (np.start - block.span.start).min(bytes.len()),
                    None => bytes.len(),
                };
                while i < limit {
                    let b = bytes[i];
                    // Letters and digits are most of the text: no decoding for them, and one
                    // table look-up a byte says what it is.
                    if ASCII_CLASS[usize::from(b)] != 0 {
                        i = word.push_ascii(&bytes[..limit], i);
                        continue;
                    }
                    // White space only ends a word (it joins nothing and ends no sentence).
                    if b.is_ascii_whitespace() {
                        word.end(bytes, i, &mut counts, &mut words_in_sentence);
                        i += 1;
                        continue;
                    }
                    let c = char_at(body, i).expect("i is on a character boundary");
                    if is_alphanumeric(c) {
                        word.push_other(i);
                        i += c.len_utf8();
                        continue;
                    }
                    i += c.len_utf8();
                    let next = char_at(body, i);
                    let joins = matches!(c, '\'' | '’' | '-')
                        && word.len > 0
                        && next.is_some_and(is_alphanumeric);
                    if joins {
                        continue;
                    }
                    let single_letter = word.len == 1;
                    word.end(bytes, i, &mut counts, &mut words_in_sentence);
                    let ends = matches!(c, '.' | '!' | '?') && next.is_none_or(char::is_whitespace);
                    if ends && !(c == '.' && single_letter) && words_in_sentence > 0 {
                        counts.sentences += 1;
                        words_in_sentence = 0;
                    }
                }
            }
            word.end(bytes, bytes.len(), &mut counts, &mut words_in_sentence);
            if words_in_sentence > 0 {
                counts.sentences += 1;
            }
        }
        counts
    }

    /// The Flesch–Kincaid grade level: 0.39 × words per sentence + 11.8 × syllables per word
    /// − 15.59. `None` with no words.
    #[allow(clippy::cast_precision_loss)]
    pub(crate) fn grade(&self) -> Option<f64> {
        if self.words == 0 || self.sentences == 0 {
            return None;
        }
        let words = self.words as f64;
        Some(0.39 * words / self.sentences as f64 + 11.8 * self.syllables as f64 / words - 15.59)
    }
}

/// [`char::is_alphanumeric`], answered at once for the characters beyond ASCII that postings
/// hold most: the letters of Latin-1 (`é`, `à`, `ç`) and general punctuation (`’`, `—`, `“`).
/// The standard library looks every character beyond ASCII up in its tables.
fn is_alphanumeric(c: char) -> bool {
    match c {
        '\u{c0}'..='\u{ff}' => c != '×' && c != '÷',
        '\u{2000}'..='\u{206f}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// The character at byte `i` of `text` (a character boundary), decoded only when not ASCII.
pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii() {
        Some(char::from(b))
    } else {
        text[i..].chars().next()
    }
}

/// A word being read, with its vowel groups counted as it goes (see `syllables`, in the tests); its last
/// letters are read at its end.
#[derive(Default)]
struct Word {
    /// Letters and digits so far.
    len: usize,
    /// Where its first letter or digit is.
    start: usize,
    groups: usize,
    /// Whether the last ASCII letter was a vowel.
    previous_vowel: bool,
}

impl Word {
    /// Adds the letter or digit beyond ASCII at byte `at`.
    fn push_other(&mut self, at: usize) {
        if self.len == 0 {
            self.start = at;
        }
        self.len += 1;
    }

    /// Adds the run of ASCII letters and digits at byte `at` of `bytes`; returns where it ends.
    /// The word's state stays in registers over the run.
    fn push_ascii(&mut self, bytes: &[u8], at: usize) -> usize {
        if self.len == 0 {
            self.start = at;
        }
        let (mut groups, mut previous_vowel) = (self.groups, u8::from(self.previous_vowel));
        let mut end = at;
        for &b in &bytes[at..] {
            let class = ASCII_CLASS[usize::from(b)];
            if class == 0 {
                break;
            }
            // Without branches: a vowel starts a group after anything but a vowel; a digit
            // keeps what the last letter was.
            let vowel = (class & VOWEL) >> 2;
            groups += usize::from(vowel & !previous_vowel & 1);
            previous_vowel = vowel | (previous_vowel & class & DIGIT);
            end += 1;
        }
        self.len += end - at;
        (self.groups, self.previous_vowel) = (groups, previous_vowel != 0);
        end
    }

    /// Ends the word, which lies before byte `end` of `bytes`, and counts it. A silent final
    /// `e` (after a consonant other than `l`, in a word of three ASCII letters or more) is no
    /// syllable: the word's last ASCII letters are read back from its end.
    fn end(
        &mut self,
        bytes: &[u8],
        end: usize,
        counts: &mut Counts,
        words_in_sentence: &mut usize,
    ) {
        if self.len == 0 {
            return;
        }
        let mut syllables = self.groups;
        let mut letters = bytes[self.start..end]
            .iter()
            .rev()
            .filter(|&&b| ASCII_CLASS[usize::from(b)] & LETTER != 0);
        if letters
            .next()
            .is_some_and(|b| b.eq_ignore_ascii_case(&b'e'))
            && let Some(&before) = letters.next()
            && letters.next().is_some()
        {
            let before = before.to_ascii_lowercase();
            if !is_vowel(before) && before != b'l' {
                syllables -= 1;
            }
        }
        counts.words += 1;
        counts.syllables += syllables.max(1);
        *words_in_sentence += 1;
        *self = Word::default();
    }
}

const fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// [`ASCII_CLASS`] bits: a digit, a letter, a vowel (every non-zero class is a letter or
/// digit). `DIGIT` is bit 0 and `VOWEL` bit 2: the counting loop relies on both.
const DIGIT: u8 = 1;
const LETTER: u8 = 2;
const VOWEL: u8 = 4;

/// What each byte is, for the counting loop: 0 for everything but ASCII letters and digits.
static ASCII_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut c: u8 = 0;
    while c < 128 {
        table[c as usize] = if c.is_ascii_digit() {
            DIGIT
        } else if c.is_ascii_alphabetic() {
            if is_vowel(c.to_ascii_lowercase()) {
                LETTER | VOWEL
            } else {
                LETTER
            }
        } else {
            0
        };
        c += 1;
    }
    table
};

/// Syllables in an English word, by vowel groups: a silent final `e` does not count, and every
/// word has at least one. The usual estimate for Flesch–Kincaid; good to a syllable or so.
#[cfg(test)]
fn syllables(word: &str) -> usize {
    let (bytes, mut w, mut i) = (word.as_bytes(), Word::default(), 0);
    while i < bytes.len() {
        if ASCII_CLASS[usize::from(bytes[i])] != 0 {
            i = w.push_ascii(bytes, i);
        } else {
            w.push_other(i);
            i += char_at(word, i).map_or(1, char::len_utf8);
        }
    }
    let mut counts = Counts::default();
    w.end(bytes, bytes.len(), &mut counts, &mut 0);
    counts.syllables
}

#[cfg(test)]
mod tests {
    use super::{Counts, sentences, syllables};
    use crate::document::{BlockKind, Document, Format};

    /// The counts as the doc comment of `Counts::count` states them, one character at a time
    /// and nothing fast: the oracle for the counting loop.
    fn reference(doc: &Document<'_>) -> Counts {
        let mut counts = Counts::default();
        for block in doc.blocks() {
            if !matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem) {
                continue;
            }
            let chars: Vec<(usize, char)> = doc.slice(block.span.clone()).char_indices().collect();
            let prose = |k: usize| {
                let at = block.span.start + chars[k].0;
                !doc.is_non_prose(&(at..at + 1))
            };
            let mut word: Vec<char> = Vec::new();
            let mut in_sentence = false;
            let end_word = |word: &mut Vec<char>, in_sentence: &mut bool, counts: &mut Counts| {
                if word.is_empty() {
                    return;
                }
                let ascii: Vec<char> = word
                    .iter()
                    .copied()
                    .filter(char::is_ascii_alphabetic)
                    .collect();
                let vowel = |c: &char| "aeiouy".contains(c.to_ascii_lowercase());
                let mut groups = ascii
                    .iter()
                    .enumerate()
                    .filter(|&(k, c)| vowel(c) && (k == 0 || !vowel(&ascii[k - 1])))
                    .count();
                if let [.., _, before, 'e' | 'E'] = ascii[..]
                    && !vowel(&before)
                    && !before.eq_ignore_ascii_case(&'l')
                {
                    groups -= 1;
                }
                counts.words += 1;
                counts.syllables += groups.max(1);
                *in_sentence = true;
                word.clear();
            };
            for k in 0..chars.len() {
                let c = chars[k].1;
                let next = chars.get(k + 1).map(|&(_, c)| c);
                if !prose(k) || c.is_whitespace() {
                    end_word(&mut word, &mut in_sentence, &mut counts);
                } else if c.is_alphanumeric() {
                    word.push(c);
                } else if matches!(c, '\'' | '’' | '-')
                    && !word.is_empty()
                    && next.is_some_and(char::is_alphanumeric)
                {
                    // Joins the word: neither a letter of it nor its end.
                } else {
                    let single_letter = word.len() == 1;
                    end_word(&mut word, &mut in_sentence, &mut counts);
                    let ends = matches!(c, '.' | '!' | '?') && next.is_none_or(char::is_whitespace);
                    if ends && !(c == '.' && single_letter) && in_sentence {
                        counts.sentences += 1;
                        in_sentence = false;
                    }
                }
            }
            end_word(&mut word, &mut in_sentence, &mut counts);
            if in_sentence {
                counts.sentences += 1;
            }
        }
        counts
    }

    /// The counting loop agrees with the reference on every fixture and example, and on
    /// every text of up to four pieces chosen where the loop takes its shortcuts: words that
    /// end in `e` or in a digit, letters beyond ASCII, joiners, sentence ends, abbreviations,
    /// code and links, which are not prose.
    /// The pieces of the generated texts.
    const PIECES: [&str; 16] = [
        "make",
        "Table",
        "ax3",
        "naïve",
        "é",
        "’s",
        "-",
        "e.",
        "U.S.",
        "!",
        " ",
        "\n\n",
        "`x`",
        "https://example.com/jobs.",
        "aeiou",
        "9e",
    ];

    #[test]
    fn counts_agree_with_the_reference() {
        let mut texts = crate::fixture_texts();
        assert!(texts.len() > 50, "fixtures found: {}", texts.len());

        let n = PIECES.len();
        for len in 1..=4u32 {
            for mut code in 0..n.pow(len) {
                let mut text = String::new();
                for _ in 0..len {
                    text.push_str(PIECES[code % n]);
                    code /= n;
                }
                texts.push(text);
            }
        }
        for text in &texts {
            for format in [Format::Markdown, Format::PlainText] {
                let doc = Document::parse(text, format);
                assert_eq!(Counts::count(&doc), reference(&doc), "{format:?} {text:?}");
            }
        }
    }

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
    fn quick_alphanumeric_is_the_standard_one() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(super::is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
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
