//! Attribution: does a sentence say where its facts come from?
//!
//! Two kinds of cue, both from the rule file. Phrases such as `according to`,
//! `data from` or `citing` attribute wherever they stand. Reporting verbs
//! (`said`, `told`, `estimates`, `filings show`) attribute only when they
//! have a subject: `is said to`, `was reported` and `the reported figure`
//! are hedges or adjectives, not sources. Quoted speech is attributed to its
//! speaker, so [`quote_spans`] finds the quoted stretches of a text.

use std::ops::Range;

use super::lexicon::{with_folded, Lexicon, WordSet};
use crate::document::runs::Runs;
use crate::rules::spec::claims::AttributionSpec;

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
                    folded.len() > 4 && folded.ends_with("ly"),
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

/// The stretches of `text` inside quotation marks (“…”, "…", «…»). A quote
/// left open runs to the end of the text, as a quotation continued into the
/// next paragraph does.
pub fn quote_spans(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    // Every quotation mark starts with one of these bytes.
    for i in memchr::memchr3_iter(b'"', 0xE2, 0xC2, bytes) {
        let c = match &bytes[i..] {
            [b'"', ..] => '"',
            [0xE2, 0x80, 0x9C, ..] => '“',
            [0xE2, 0x80, 0x9D, ..] => '”',
            [0xE2, 0x80, 0x9E, ..] => '„',
            [0xC2, 0xAB, ..] => '«',
            [0xC2, 0xBB, ..] => '»',
            _ => continue,
        };
        match (c, open) {
            ('“' | '«' | '„', None) => open = Some(i + c.len_utf8()),
            ('”' | '»', Some(start)) => {
                spans.push(start..i);
                open = None;
            }
            ('"', None) => open = Some(i + 1),
            ('"', Some(start)) => {
                spans.push(start..i);
                open = None;
            }
            _ => {}
        }
    }
    if let Some(start) = open {
        spans.push(start..text.len());
    }
    spans
}

/// Whether `range` lies inside one of `spans` (in order, not
/// overlapping, as [`quote_spans`] gives them).
pub fn inside(spans: &[Range<usize>], range: &Range<usize>) -> bool {
    // Only the last span starting at or before `range` can hold it.
    let after = spans.partition_point(|s| s.start <= range.start);
    after > 0 && range.end <= spans[after - 1].end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::spec::claims::WordListSpec;

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn attribution() -> Attribution {
        Attribution::new(&AttributionSpec {
            cues: WordListSpec {
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

    #[test]
    fn quotes_cover_their_text_and_run_on_when_open() {
        let text = "He said “up 5%” and \"down 2%\" then “more";
        let spans: Vec<&str> = quote_spans(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(spans, ["up 5%", "down 2%", "more"]);
    }
}
