//! Rules the engine reports itself rather than a check: problems in the input
//! (`invalid-front-matter`, see [`crate::lint_str`]) and in suppression comments
//! (`unknown-rule`, `unused-suppression`, `missing-suppression-reason`, see
//! [`crate::suppression`]). They are in the catalog so they have docs and can be configured.

use std::sync::Arc;

use super::no_options;
use crate::document::Document;
use crate::rules::{Context, Rule};

/// The check of an engine-reported rule: it finds nothing by itself.
pub(crate) struct Engine;

impl Engine {
    pub(crate) fn build(options: &toml::Table) -> Result<Arc<dyn Rule>, String> {
        no_options(options)?;
        Ok(Arc::new(Engine))
    }
}

impl Rule for Engine {
    fn check(&self, _doc: &Document<'_>, _cx: &mut Context<'_>) {}
}
