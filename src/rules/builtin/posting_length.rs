//! `posting-length`: postings too short to say what the job is, or too long to read on a phone.

use std::sync::Arc;

use serde::Deserialize;

use super::prose::Counts;
use crate::document::Document;
use crate::rules::{Context, Rule};

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    min_words: usize,
    max_words: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            min_words: 50,
            max_words: 2000,
        }
    }
}

pub(crate) struct PostingLength {
    options: Options,
}

impl PostingLength {
    pub(crate) fn build(options: &toml::Table) -> Result<Arc<dyn Rule>, String> {
        let options: Options = super::options(options)?;
        super::word_bounds(options.min_words, options.max_words)?;
        Ok(Arc::new(Self { options }))
    }
}

impl Rule for PostingLength {
    fn check(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        let words = Counts::of(doc).words;
        // An empty posting is another problem, reported by the content rules.
        if words == 0 {
            return;
        }
        let Options {
            min_words,
            max_words,
        } = self.options;
        if words < min_words {
            cx.report(
                doc.anchor(),
                format!("posting is {words} words long, under {min_words}"),
            )
            .label("too short")
            .document_level()
            .note("a posting this short rarely says what the work is, who it suits, what it pays and how to apply")
            .help("add what the person will do, what they need, the pay and how to apply");
        } else if words > max_words {
            cx.report(
                doc.anchor(),
                format!("posting is {words} words long, over {max_words}"),
            )
            .label("too long")
            .document_level()
            .note("most job views are on phones, and applications fall off on very long postings")
            .help("cut boilerplate, merge repeated sections, and move long benefit or legal text behind a link");
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::RuleSet;
    use crate::diagnostic::Level;
    use crate::rules::{ActiveRule, Catalog};

    fn findings(text: &str, max_words: i64) -> Vec<String> {
        let meta = Catalog::builtin().get("posting-length").unwrap().clone();
        let mut options = toml::Table::new();
        options.insert("min-words".into(), 1.into());
        options.insert("max-words".into(), max_words.into());
        let check = meta.build(&options).unwrap();
        let rules = RuleSet::new(vec![ActiveRule {
            meta,
            level: Level::Warn,
            check,
        }]);
        crate::lint_str(Path::new("p.md"), text, &rules)
            .diagnostics
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn long_postings_are_reported_over_the_bound() {
        let text = "# Porter\n\nCarry bags to rooms. Greet guests at the door.\n\n```\ncode words are not counted at all\n```\n";
        assert_eq!(findings(text, 9), Vec::<String>::new());
        assert_eq!(findings(text, 8), ["posting is 9 words long, over 8"]);
    }
}
