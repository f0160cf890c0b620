//! The Markdown, front-matter and plain-text parsers: any text parses, and every block span is
//! inside the text on char boundaries.
#![no_main]

use jdlint::document::{Document, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for format in [Format::Markdown, Format::PlainText] {
        let doc = Document::parse(text, format);
        for block in doc.blocks() {
            assert!(block.span.end <= text.len());
            assert!(text.is_char_boundary(block.span.start) && text.is_char_boundary(block.span.end));
        }
        let _ = doc.pay();
    }
});
