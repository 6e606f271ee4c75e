//! Attribution: does a sentence say where its facts come from?
//!
//! Two kinds of cue, both from the rule file. Phrases such as `according to`,
//! `data from` or `citing` attribute wherever they stand. Reporting verbs
//! (`said`, `told`, `estimates`, `filings show`) attribute only when they
//! have a subject: `is said to`, `was reported` and `the reported figure`
//! are hedges or adjectives, not sources. (Quoted speech is attributed to
//! its speaker: see `crate::analyses::quotes`.)

use std::ops::Range;

use serde::Deserialize;

use crate::engine::lexicon::{with_folded, Lexicon, WordSet};
use crate::engine::runs::Runs;
use crate::engine::words::is_ly_adverb;
use crate::engine::ListSpec;

/// Cues that a sentence names where its facts come from.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AttributionSpec {
    /// Phrases that attribute wherever they stand (`according to`).
    pub cues: ListSpec,
    /// Reporting verbs that attribute when they have a subject (`said`).
    pub verbs: Vec<String>,
    /// Words that, just before a reporting verb, make it passive or an
    /// adjective rather than an attribution (`is said to`, `the reported`).
    pub passive_markers: Vec<String>,
}

/// Most adverbs skipped between a reporting verb and the word that decides
/// whether it is passive (`was widely reported`).
const MAX_ADVERBS: usize = 2;

/// Compiled attribution cues.
#[derive(Debug, Clone)]
pub struct Attribution {
    cues: Lexicon,
    verbs: Lexicon,
    passive_markers: WordSet,
}

impl Attribution {
    /// Compiles a rule file's attribution cues.
    pub fn new(spec: &AttributionSpec) -> Result<Attribution, String> {
        Ok(Attribution {
            cues: Lexicon::new(&spec.cues.phrases, &spec.cues.regexes)?,
            verbs: Lexicon::new(&spec.verbs, &[])?,
            passive_markers: WordSet::new(&spec.passive_markers),
        })
    }

    /// Byte ranges of the attribution cues in `text`, in order.
    pub fn find(&self, text: &str) -> Vec<Range<usize>> {
        self.find_in(text, &Runs::of(text), 0..text.len())
    }

    /// [`Attribution::find`] of `text[range]`, given the runs of `text`:
    /// ranges in offsets of the slice.
    pub fn find_in(&self, text: &str, runs: &Runs, range: Range<usize>) -> Vec<Range<usize>> {
        let slice = &text[range.clone()];
        let mut found = self.cues.find_in(text, runs, range.clone());
        found.extend(
            self.verbs
                .find_in(text, runs, range)
                .into_iter()
                .filter(|r| self.has_subject(slice, r.start)),
        );
        found.sort_by_key(|r| r.start);
        found
    }

    /// Whether `text` carries an attribution cue.
    pub fn is_match(&self, text: &str) -> bool {
        let runs = Runs::of(text);
        let all = 0..text.len();
        self.cues.is_match_in(text, &runs, all.clone())
            || self
                .verbs
                .find_in(text, &runs, all)
                .into_iter()
                .any(|r| self.has_subject(text, r.start))
    }

    /// Whether the reporting verb at `at` is active: the word before it
    /// (past a few `-ly` adverbs) is not a passive auxiliary, a determiner
    /// or a possessive.
    fn has_subject(&self, text: &str, at: usize) -> bool {
        let mut pos = at;
        for _ in 0..=MAX_ADVERBS {
            let Some(word) = word_before(text, pos) else {
                return true;
            };
            let (adverb, passive) = with_folded(&text[word.clone()], |folded| {
                (
                    is_ly_adverb(folded),
                    self.passive_markers.contains_folded(folded) || folded.ends_with("'s"),
                )
            });
            if adverb {
                pos = word.start;
                continue;
            }
            return !passive;
        }
        true
    }
}

/// The word just before `at`, if only spaces separate them.
fn word_before(text: &str, at: usize) -> Option<Range<usize>> {
    let before = text[..at].trim_end();
    let end = before.len();
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-'))
        .last()
        .map(|(i, _)| i)?;
    Some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::ListSpec;

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn attribution() -> Attribution {
        Attribution::new(&AttributionSpec {
            cues: ListSpec {
                phrases: strings(&["according to"]),
                regexes: vec![],
            },
            verbs: strings(&["said", "reported", "estimates"]),
            passive_markers: strings(&["is", "was", "the", "been"]),
        })
        .unwrap()
    }

    fn cues(text: &str) -> Vec<&str> {
        attribution()
            .find(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn verbs_need_a_subject() {
        assert_eq!(cues("Sales rose, the company said."), ["said"]);
        assert_eq!(cues("He is said to earn more."), Vec::<&str>::new());
        assert_eq!(cues("It was widely reported."), Vec::<&str>::new());
        assert_eq!(cues("the reported figure"), Vec::<&str>::new());
        assert_eq!(cues("the firm's estimates rose"), Vec::<&str>::new());
        assert_eq!(
            cues("IDC estimates growth, according to Reuters"),
            ["estimates", "according to"]
        );
        assert_eq!(cues("“It grew,” said Ms. Lee."), ["said"]);
        assert_eq!(cues("He left."), Vec::<&str>::new());
    }
}
