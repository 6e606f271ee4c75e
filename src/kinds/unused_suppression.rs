//! The `unused-suppression` kind: the messages of the inline-suppression
//! checker.
//!
//! Suppressions are applied after every other check (see `crate::suppress`),
//! so this kind runs no check of its own over the document: its rule file
//! holds the messages for a suppression that silences nothing (the rule's
//! `message`), names a rule nobody defines, or is no known directive, and
//! the suppression pass reports with them.

use std::sync::Arc;

use serde::Deserialize;

use super::{validate, Build, Check, Invalid, Kind, RuleMeta};

/// The `unused-suppression` kind.
pub struct UnusedSuppression;

/// The keys of a `kind: unused-suppression` rule file.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnusedSuppressionParams {
    /// Message for a suppression naming a rule nobody defines; `{match}` is the id.
    pub unknown_rule: String,
    /// Message for a `newslint-…` comment that is no known directive.
    pub unknown_directive: String,
}

/// The compiled messages of the suppression checker.
#[derive(Debug, Clone)]
pub struct UnusedSuppressionConfig {
    /// Message for an id that names no rule; `{match}` is the id.
    pub unknown_rule: String,
    /// Message for an unknown `newslint-…` directive; `{match}` is its name.
    pub unknown_directive: String,
}

impl Kind for UnusedSuppression {
    const NAME: &'static str = "unused-suppression";
    const ALIASES: &'static [&'static str] = &["suppression"];
    type Params = UnusedSuppressionParams;
    type Config = UnusedSuppressionConfig;

    fn compile(params: UnusedSuppressionParams) -> Result<UnusedSuppressionConfig, Invalid> {
        Ok(UnusedSuppressionConfig {
            unknown_rule: validate::not_empty(params.unknown_rule, "unknown_rule")?,
            unknown_directive: validate::not_empty(params.unknown_directive, "unknown_directive")?,
        })
    }

    fn checks(_: Vec<(Arc<RuleMeta>, Arc<UnusedSuppressionConfig>)>, _: &Build) -> Vec<Box<dyn Check>> {
        Vec::new()
    }
}
