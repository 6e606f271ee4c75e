//! The `vague-attribution` check (rule `unnamed-source`): claims credited
//! to nobody in particular ("industry analysts believe", "experts say",
//! "reports indicate", "it is widely believed").
//!
//! A small parser over the words of each sentence. A vague subject is a
//! source noun from the rule's lists (`analysts`, `an insider`, `some
//! people`, `the reporting`) followed, within a few words, by a verb of
//! saying or believing; or the same noun after an inverted verb (", said
//! analysts", "according to experts"). The subject is *named*, and not
//! reported, when a capitalised modifier or a possessive stands before the
//! noun ("Morgan Stanley analysts", "Bloomberg's reporting"), when a naming
//! link after it introduces a capitalised name ("analysts at Morgan
//! Stanley", "economists polled by Reuters", "critics, including Senator
//! Jane Doe,"), or when the noun is an appositive to a name ("Jane Smith, an
//! analyst at Morningstar, said"). Definite plurals ("the analysts") refer
//! back to a source already named. The verb must agree with the noun
//! ("critics of the territorial claims" has no verb: `claims` is a noun
//! there), and a bare quantifier is vague only with a present-tense verb
//! ("some say", not "some said", which reports on people just mentioned).
//! Impersonal constructions ("it is widely believed") are vague as a
//! whole. Wording inside a quotation is the speaker's; a sentence that
//! names the outlet carrying the claim ("sources told Reuters", "as
//! reported by the Independent") or cites a numbered reference ("(12)") is
//! sourced. Repeats of the same wording in an article are labels of its
//! first finding.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use super::attribution::{inside, quote_spans};
use super::lexicon::{fold, fold_cow, Lexicon, WordSet};
use super::words::{self, Word};
use super::ConfigError;
use crate::checks::{diagnostic, render_message, Check};
use crate::diagnostic::{Diagnostic, Label};
use crate::document::Document;
use crate::rules::spec::claims::VagueAttributionParams;
use crate::rules::RuleMeta;

/// A compiled `vague-attribution` rule.
#[derive(Debug, Clone)]
pub struct VagueConfig {
    nouns: WordSet,
    singular_nouns: WordSet,
    text_nouns: WordSet,
    quantifiers: WordSet,
    quantified_nouns: WordSet,
    indefinite: WordSet,
    definite: WordSet,
    generic_modifiers: WordSet,
    verbs: WordSet,
    inverted_verbs: WordSet,
    naming_links: WordSet,
    gap_words: WordSet,
    prepositions: WordSet,
    max_gap_words: usize,
    impersonal: Lexicon,
    citations: Lexicon,
    outlets: Lexicon,
    repeat_label: String,
    /// Every source noun and quantifier: sentences without one are not parsed.
    subjects: Lexicon,
}

impl VagueConfig {
    /// Compiles a rule file's parameters.
    pub fn new(p: VagueAttributionParams) -> Result<VagueConfig, ConfigError> {
        Ok(VagueConfig {
            nouns: WordSet::new(&p.nouns),
            singular_nouns: WordSet::new(&p.singular_nouns),
            text_nouns: WordSet::new(&p.text_nouns),
            quantifiers: WordSet::new(&p.quantifiers),
            quantified_nouns: WordSet::new(&p.quantified_nouns),
            indefinite: WordSet::new(&p.indefinite_determiners),
            definite: WordSet::new(&p.definite_determiners),
            generic_modifiers: WordSet::new(&p.generic_modifiers),
            verbs: WordSet::new(&p.verbs),
            inverted_verbs: WordSet::new(&p.inverted_verbs),
            naming_links: WordSet::new(&p.naming_links),
            gap_words: WordSet::new(&p.gap_words),
            prepositions: WordSet::new(&p.prepositions),
            max_gap_words: p.max_gap_words,
            impersonal: Lexicon::new(&p.impersonal.phrases, &p.impersonal.regexes)
                .map_err(ConfigError::near("impersonal:"))?,
            citations: Lexicon::new(&p.citations.phrases, &p.citations.regexes)
                .map_err(ConfigError::near("citations:"))?,
            outlets: Lexicon::new(&p.outlets.phrases, &p.outlets.regexes)
                .map_err(ConfigError::near("outlets:"))?,
            repeat_label: p.repeat_label.trim().to_string(),
            subjects: Lexicon::new(
                &[
                    &p.nouns[..],
                    &p.singular_nouns,
                    &p.text_nouns,
                    &p.quantifiers,
                    &p.quantified_nouns,
                ]
                .concat(),
                &[],
            )
            .map_err(ConfigError::near("nouns:"))?,
        })
    }
}

/// The runtime check of one `vague-attribution` rule.
#[derive(Debug)]
pub struct VagueCheck {
    meta: Arc<RuleMeta>,
    config: Arc<VagueConfig>,
}

impl VagueCheck {
    /// The check for one rule.
    pub fn new(meta: Arc<RuleMeta>, config: Arc<VagueConfig>) -> VagueCheck {
        VagueCheck { meta, config }
    }
}

/// What sort of source noun a word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Noun {
    /// `analysts`: vague unless named or definite.
    Plural,
    /// `analyst`: vague after an indefinite determiner.
    Singular,
    /// `reporting`: vague unless named, even after `the`.
    Text,
    /// `people`: vague after a quantifier.
    Quantified,
    /// `some`, `many` standing alone as the subject.
    Quantifier,
}

/// The noun phrase in front of a source noun.
struct Left {
    /// Index of its first word.
    first: usize,
    /// Its determiner or quantifier, folded.
    determiner: Option<String>,
    /// Whether a capitalised modifier or a possessive names the source.
    named: bool,
}

impl VagueConfig {
    fn noun(&self, word: &str) -> Option<Noun> {
        if self.nouns.contains(word) {
            Some(Noun::Plural)
        } else if self.text_nouns.contains(word) {
            Some(Noun::Text)
        } else if self.singular_nouns.contains(word) {
            Some(Noun::Singular)
        } else if self.quantified_nouns.contains(word) {
            Some(Noun::Quantified)
        } else if self.quantifiers.contains(word) {
            Some(Noun::Quantifier)
        } else {
            None
        }
    }

    fn is_determiner(&self, word: &str) -> bool {
        self.definite.contains(word)
            || self.indefinite.contains(word)
            || self.quantifiers.contains(word)
    }

    /// Walks left from the noun at `i` over its modifiers.
    fn left(&self, text: &str, words: &[Word<'_>], i: usize) -> Left {
        let mut first = i;
        while first > 0 {
            let prev = &words[first - 1];
            if words::punctuated(text, prev, &words[first]) {
                break;
            }
            let folded = fold_cow(prev.text);
            if self.is_determiner(&folded) {
                return Left {
                    first: first - 1,
                    determiner: Some(folded.into_owned()),
                    named: false,
                };
            }
            if self.generic_modifiers.contains(&folded) {
                first -= 1;
                continue;
            }
            let named = prev.is_possessive() || prev.is_capitalized();
            return Left {
                first: if named { first - 1 } else { first },
                determiner: None,
                named,
            };
        }
        Left {
            first,
            determiner: None,
            named: false,
        }
    }

    /// Whether the word at `k` (or it and the next) is a naming link.
    fn link_at(&self, text: &str, words: &[Word<'_>], k: usize) -> bool {
        let word = fold_cow(words[k].text);
        if self.naming_links.contains(&word) {
            return true;
        }
        words.get(k + 1).is_some_and(|next| {
            !words::punctuated(text, &words[k], next)
                && self
                    .naming_links
                    .contains(&format!("{word} {}", fold(next.text)))
        })
    }

    /// Whether `verb` agrees with a subject that is plural (or not). The
    /// verb list itself gives the forms: `says` is the `-s` form of `say`,
    /// `say` the base form of `says`.
    fn agrees(&self, verb: &str, plural: bool) -> bool {
        let listed = |w: String| self.verbs.contains(&w);
        if plural {
            let s_form = verb.strip_suffix('s').is_some_and(|stem| {
                listed(stem.to_string())
                    || verb.ends_with("ies") && listed(format!("{}y", &verb[..verb.len() - 3]))
            });
            !s_form
        } else {
            let base = listed(format!("{verb}s"))
                || listed(format!("{verb}es"))
                || verb
                    .strip_suffix('y')
                    .is_some_and(|stem| listed(format!("{stem}ies")));
            !base
        }
    }

    /// Scans right from the noun at `i` for a verb agreeing with it; returns
    /// the verb's index and whether a naming link named the source on the way.
    fn verb_after(
        &self,
        text: &str,
        words: &[Word<'_>],
        i: usize,
        plural: bool,
    ) -> Option<(usize, bool)> {
        let mut named = false;
        let mut linked = false;
        let mut in_phrase = false;
        let mut parenthetical = false;
        for (gap, k) in (i + 1..words.len()).enumerate() {
            let word = &words[k];
            let folded = fold_cow(word.text);
            let between = &text[words[k - 1].end()..word.start];
            if between.chars().any(|c| !c.is_whitespace() && c != ',') {
                return None;
            }
            let is_verb = self.verbs.contains(&folded) && self.agrees(&folded, plural);
            let is_link = self.link_at(text, words, k);
            let is_gap = self.gap_words.contains(&folded);
            if between.contains(',') {
                if is_gap || is_link {
                    parenthetical = true;
                } else if is_verb && parenthetical || linked {
                    // A comma closes an aside: "critics, including X, say".
                    linked = false;
                    in_phrase = false;
                    parenthetical = false;
                } else {
                    return None;
                }
            }
            if is_verb {
                return Some((k, named));
            }
            if gap >= self.max_gap_words {
                return None;
            }
            if is_link {
                linked = true;
                in_phrase = true;
            } else if linked && word.is_capitalized() {
                named = true;
            } else if self.prepositions.contains(&folded) {
                in_phrase = true;
            } else if !(in_phrase || is_gap || folded.len() > 4 && folded.ends_with("ly")) {
                return None;
            }
        }
        None
    }

    /// Whether a naming link after the noun at `i` introduces a name.
    fn named_after(&self, text: &str, words: &[Word<'_>], i: usize) -> bool {
        let mut linked = false;
        for k in i + 1..words.len().min(i + 2 + self.max_gap_words) {
            if text[words[k - 1].end()..words[k].start]
                .chars()
                .any(|c| !c.is_whitespace())
            {
                return false;
            }
            if self.link_at(text, words, k) {
                linked = true;
            } else if linked && words[k].is_capitalized() {
                return true;
            } else if !linked {
                return false;
            }
        }
        false
    }

    /// The byte range of a vague attribution around the source noun at
    /// `i`, if it is one.
    fn vague_at(&self, text: &str, words: &[Word<'_>], i: usize) -> Option<Range<usize>> {
        let noun = self.noun(words[i].text)?;
        let left = if noun == Noun::Quantifier {
            Left {
                first: i,
                determiner: None,
                named: false,
            }
        } else {
            self.left(text, words, i)
        };
        if left.named {
            return None;
        }
        let determiner = left.determiner.as_deref();
        let fits = match noun {
            Noun::Plural => !determiner.is_some_and(|d| self.definite.contains(d)),
            Noun::Singular => determiner.is_some_and(|d| self.indefinite.contains(d)),
            Noun::Text => true,
            Noun::Quantified => determiner.is_some_and(|d| self.quantifiers.contains(d)),
            Noun::Quantifier => i == 0 || words::punctuated(text, &words[i - 1], &words[i]),
        };
        if !fits {
            return None;
        }
        if noun == Noun::Singular && left.first > 0 {
            // An appositive: "Jane Smith, an analyst at Morningstar".
            let before = &words[left.first - 1];
            let gap = &text[before.end()..words[left.first].start];
            if gap.contains(',') && before.is_capitalized() {
                return None;
            }
        }
        let plural = match noun {
            Noun::Plural | Noun::Quantified | Noun::Quantifier => true,
            Noun::Text => words[i].text.ends_with('s'),
            Noun::Singular => false,
        };
        if let Some((verb, named)) = self.verb_after(text, words, i, plural) {
            if noun == Noun::Quantifier {
                // "Some say" is a generic claim; "some said" reports on
                // people just mentioned. Only gap words may stand between.
                let verb_word = fold(words[verb].text);
                let past = verb_word.ends_with('d') || verb_word.ends_with('t');
                let bare = words[i + 1..verb]
                    .iter()
                    .all(|w| self.gap_words.contains(w.text));
                if past || !bare {
                    return None;
                }
            }
            return (!named).then(|| words[left.first].start..words[verb].end());
        }
        if noun == Noun::Quantifier || left.first == 0 || self.named_after(text, words, i) {
            return None;
        }
        self.inverted(text, words, left.first, i)
    }

    /// The range of an inverted attribution whose subject runs from word
    /// `first` to the noun at `noun`: ", said analysts", "according to
    /// experts". Single verbs must open their clause (after punctuation or
    /// at the start), so "he said analysts expect" is left to the forward
    /// reading.
    fn inverted(
        &self,
        text: &str,
        words: &[Word<'_>],
        first: usize,
        noun: usize,
    ) -> Option<Range<usize>> {
        let verb = &words[first - 1];
        let folded = fold(verb.text);
        let before = first.checked_sub(2).map(|j| &words[j]);
        if let Some(opener) = before {
            let pair = format!("{} {folded}", fold(opener.text));
            if self.inverted_verbs.contains(&pair) && !words::punctuated(text, opener, verb) {
                return Some(opener.start..words[noun].end());
            }
        }
        let opens_clause = before.is_none_or(|w| words::punctuated(text, w, verb));
        (self.inverted_verbs.contains(&folded) && opens_clause)
            .then(|| verb.start..words[noun].end())
    }
}

impl Check for VagueCheck {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        let config = &self.config;
        // The first finding of each source word ("experts", or the whole
        // wording of an impersonal phrase), by index into `out`: an article
        // that leans on "experts say" three times gets one finding with the
        // repeats as labels.
        let mut first_of: HashMap<String, usize> = HashMap::new();
        for (index, block) in doc.blocks().iter().enumerate() {
            if !self.meta.scope.contains(block.kind) {
                continue;
            }
            let text = block.text();
            let quotes = quote_spans(text);
            let mut found: Vec<(Range<usize>, String)> = Vec::new();
            let subjects = config.subjects.find_all(text);
            for sentence in doc.sentences(index) {
                let sentence_text = &text[sentence.clone()];
                if config.citations.is_match(sentence_text)
                    || config.outlets.is_match(sentence_text)
                {
                    continue;
                }
                found.extend(
                    config
                        .impersonal
                        .find_all(sentence_text)
                        .into_iter()
                        .map(|r| {
                            let wording = words::split(&sentence_text[r.clone()])
                                .iter()
                                .map(|w| fold(w.text))
                                .collect::<Vec<_>>()
                                .join(" ");
                            (r.start + sentence.start..r.end + sentence.start, wording)
                        }),
                );
                if !subjects
                    .iter()
                    .any(|r| sentence.start <= r.start && r.start < sentence.end)
                {
                    continue;
                }
                let words: Vec<Word<'_>> = words::split(sentence_text)
                    .into_iter()
                    .map(|w| Word {
                        text: w.text,
                        start: w.start + sentence.start,
                    })
                    .collect();
                let mut i = 0;
                while i < words.len() {
                    match config.vague_at(text, &words, i) {
                        Some(range) => {
                            found.push((range.clone(), fold(words[i].text)));
                            i = words.partition_point(|w| w.start < range.end);
                        }
                        None => i += 1,
                    }
                }
            }
            found.sort_by_key(|(r, _)| r.start);
            let mut last_end = 0;
            for (range, wording) in found {
                if range.start < last_end || inside(&quotes, &range) {
                    continue;
                }
                last_end = range.end;
                let matched = &text[range.clone()];
                let source = block.source_range(range);
                if let Some(&at) = first_of.get(&wording) {
                    out[at].labels.push(Label {
                        range: source,
                        message: render_message(&config.repeat_label, matched),
                    });
                    continue;
                }
                first_of.insert(wording, out.len());
                out.push(diagnostic(
                    &self.meta,
                    render_message(&self.meta.message, matched),
                    source,
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::RuleSet;
    use crate::source::Source;
    use crate::{Format, Linter};

    /// The texts the built-in unnamed-source rule reports in `text`.
    fn vague(text: &str) -> Vec<String> {
        let mut rules = RuleSet::builtin().expect("built-in rules load");
        rules.retain(|r| &*r.meta.id == "unnamed-source");
        let source = Source::new("t.txt", text);
        Linter::new(rules)
            .lint(&source, Format::Plain)
            .iter()
            .map(|d| source.text()[d.range.clone()].to_string())
            .collect()
    }

    #[test]
    fn vague_subjects_before_and_after_their_verbs() {
        assert_eq!(
            vague("Industry analysts believe the deal will fail."),
            ["Industry analysts believe"]
        );
        assert_eq!(
            vague("The plan, critics argue, is too costly."),
            ["critics argue"]
        );
        assert_eq!(
            vague("“It is over,” said one insider."),
            ["said one insider"]
        );
        assert_eq!(
            vague("Analysts, however, argue that it is cheap."),
            ["Analysts, however, argue"]
        );
        assert_eq!(vague("Some say the plan is late."), ["Some say"]);
        assert_eq!(
            vague("It is widely believed that he will go."),
            ["It is widely believed that"]
        );
    }

    #[test]
    fn named_definite_or_quoted_sources_pass() {
        for text in [
            "Analysts at Morgan Stanley said the deal will fail.",
            "Morgan Stanley analysts said the deal will fail.",
            "Jane Smith, an analyst at Morningstar, said the shares were cheap.",
            "Critics, including Senator Jane Doe, say the plan is too costly.",
            "The analysts said the risks were small.",
            "“Experts say it is safe,” the mayor said.",
            "Sources told Reuters the deal was close.",
            "Some said they felt cheated.",
            "Vietnam is among the critics of China’s territorial claims.",
            "Studies show that fibre helps (12).",
        ] {
            assert_eq!(vague(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn repeats_of_one_source_are_labels_of_the_first() {
        let mut rules = RuleSet::builtin().expect("built-in rules load");
        rules.retain(|r| &*r.meta.id == "unnamed-source");
        let source = Source::new(
            "t.txt",
            "Experts say it is late.\nIt is cheap, experts say.\n",
        );
        let found = Linter::new(rules).lint(&source, Format::Plain);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].labels.len(), 1);
    }
}
