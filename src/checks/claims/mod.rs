//! Claim checks: the statistics, hedges and sources of an article's claims.
//!
//! Three rules share this machinery: `unsourced-figure` (a statistic with no
//! attribution nearby), `hedging-mismatch` (a hedge inside a "What we know"
//! block, or a claim hedged in the body but flat in the summary) and
//! `unnamed-source` (vague attribution with nobody named). The pieces are
//! small and separate: [`figures`] recognises and normalises statistics,
//! [`attribution`] finds sourcing cues and quotations, [`positions`] finds
//! summary positions and certainty frames, [`align`] pairs claims that say
//! the same thing, and one module per rule kind runs the check. Every word
//! list comes from the rules' YAML.

pub mod align;
pub mod attribution;
pub mod figures;
pub mod hedging;
pub mod lexicon;
pub mod phrases;
pub mod positions;
pub mod unsourced;
pub mod vague;
pub mod words;

/// A rule file whose parameters do not compile, with the key to point at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// What is wrong.
    pub message: String,
    /// Text to look for in the rule file to report a line.
    pub near: Option<String>,
}

impl ConfigError {
    /// Wraps a message as an error located near `key` in the rule file.
    pub fn near(key: &'static str) -> impl Fn(String) -> ConfigError {
        move |message| ConfigError {
            message,
            near: Some(key.to_string()),
        }
    }
}
