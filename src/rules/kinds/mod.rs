//! Data-rule kinds: rules written as TOML files with no Rust, as in Vale's `extends`.
//!
//! `existence` flags any of a list of tokens; `substitution` flags tokens and suggests a
//! replacement for each. Both compile to one regex when the catalog loads.

mod token;

pub use token::TokenRule;
pub(crate) use token::{Prefilter, compile_meta, match_case};
