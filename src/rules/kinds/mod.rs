//! Data-rule kinds: rules written as TOML files with no Rust, as in Vale's `extends`.
//!
//! `existence` flags any of a list of tokens; `substitution` flags tokens and suggests a
//! replacement for each. Both join their tokens into one regex: a team rule's is compiled when
//! it loads (so a mistake is reported at once), a built-in rule's comes precompiled
//! (`src/automata/`) and is loaded when a posting first needs it.

mod token;

pub use token::TokenRule;
#[cfg(test)]
pub(crate) use token::syntax_for;
pub(crate) use token::{Prefilter, compile_meta, match_case, texts_read};
