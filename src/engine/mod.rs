//! The matching engine: every phrase list and regex a rule names is
//! compiled and matched here, so a phrase means the same thing in every
//! check and the fast paths are chosen in one place.
//!
//! A [`matcher::Matcher`] is one phrase or regex (case, apostrophe and
//! white-space folding, word edges; see its docs). What a match must contain
//! is worked out from the regex's syntax tree by [`literals`] (literal sets
//! for the multi-pattern prefilter, read by a [`dense`] automaton) and by
//! [`gate`] (the characters a match can begin or end with, for patterns
//! applied to every block and sentence). Word lists read token by token
//! ([`lexicon`], [`phrases`]) walk the [`runs`] of ASCII word bytes of a
//! text, found once per block, and [`words`] splits a sentence into words.
//! Nothing here knows about documents, rules or diagnostics.

pub mod chars;
pub mod dense;
pub mod gate;
pub mod lexicon;
pub mod literals;
pub mod matcher;
pub mod phrases;
pub mod runs;
pub mod words;

use serde::Deserialize;

use matcher::Matcher;

/// A list of phrases and regexes as a rule file writes it (`phrases:`,
/// `regexes:`): the one shape of every word list, exception list and skip
/// list of the pack.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListSpec {
    /// Literal phrases: case-insensitive, word-bounded, any white space
    /// between words, either apostrophe (see [`Matcher::phrase`]).
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Regular expressions (Rust `regex` syntax), used as written.
    #[serde(default)]
    pub regexes: Vec<String>,
}

/// A phrase or regex of a list that cannot be used, with the pattern as
/// written (to point at it in the rule file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// What is wrong.
    pub message: String,
    /// The list it is in: `phrases` or `regexes`.
    pub list: &'static str,
    /// The phrase or regex as written.
    pub pattern: String,
}

impl ListSpec {
    /// Whether the list has no phrase and no regex.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty() && self.regexes.is_empty()
    }

    /// Compiles the phrases, then the regexes, in order. An empty phrase,
    /// a pattern that does not compile and a regex that matches the empty
    /// string (empty matches are never reported, so it is a mistake) are
    /// errors.
    pub fn compile(&self) -> Result<Vec<Matcher>, PatternError> {
        let mut matchers = Vec::with_capacity(self.phrases.len() + self.regexes.len());
        for phrase in &self.phrases {
            if phrase.trim().is_empty() {
                return Err(PatternError {
                    message: "empty phrase".to_string(),
                    list: "phrases",
                    pattern: phrase.clone(),
                });
            }
            let matcher = Matcher::phrase(phrase).map_err(|e| PatternError {
                message: format!("phrase `{phrase}` does not compile: {e}"),
                list: "phrases",
                pattern: phrase.clone(),
            })?;
            matchers.push(matcher);
        }
        for regex in &self.regexes {
            let matcher = Matcher::regex(regex).map_err(|e| PatternError {
                message: format!("invalid regex `{regex}`:\n{e}"),
                list: "regexes",
                pattern: regex.clone(),
            })?;
            if matcher.matches_empty() {
                return Err(PatternError {
                    message: format!("regex `{regex}` matches the empty string"),
                    list: "regexes",
                    pattern: regex.clone(),
                });
            }
            matchers.push(matcher);
        }
        Ok(matchers)
    }
}

/// Support shared by the randomized tests that hold a fast reading to its
/// reference.
#[cfg(test)]
pub(crate) mod testing {
    /// A text of fewer than `most` pieces drawn at random from `pieces`.
    pub fn random_text(rng: &mut fastrand::Rng, pieces: &[&str], most: usize) -> String {
        (0..rng.usize(0..most))
            .map(|_| pieces[rng.usize(..pieces.len())])
            .collect()
    }
}
