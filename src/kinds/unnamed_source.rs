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

use serde::Deserialize;

use super::{diagnostic, render_message, Build, Check, Invalid, Kind, RuleMeta};
use crate::analyses::quotes::{inside, quote_spans};
use crate::analyses::Article;
use crate::diagnostic::{Diagnostic, Label};
use crate::engine::lexicon::{fold, with_folded, Lexicon, WordMap};
use crate::engine::words::{self, Word};
use crate::engine::ListSpec;

/// The `unnamed-source` kind.
pub struct UnnamedSource;

/// The keys of a `kind: unnamed-source` rule file.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnnamedSourceParams {
    /// Plural nouns for sources that are vague unless named (`analysts`).
    pub nouns: Vec<String>,
    /// Singular forms, vague after an indefinite determiner (`an analyst`).
    pub singular_nouns: Vec<String>,
    /// Nouns for texts that are vague even after `the` (`the reporting`).
    pub text_nouns: Vec<String>,
    /// Quantifiers that make a subject vague alone or before a
    /// quantified noun (`some`, `many`).
    pub quantifiers: Vec<String>,
    /// Nouns vague only after a quantifier (`some people`).
    pub quantified_nouns: Vec<String>,
    /// Determiners that make a singular noun indefinite (`a`, `one`).
    pub indefinite_determiners: Vec<String>,
    /// Determiners that refer back to a source already named (`the`, `these`).
    pub definite_determiners: Vec<String>,
    /// Modifiers that name nobody, even capitalised at a sentence start
    /// (`industry`, `independent`).
    pub generic_modifiers: Vec<String>,
    /// Verbs of saying and believing that follow the vague subject.
    pub verbs: Vec<String>,
    /// Verbs (and `according to`) that come before the vague subject.
    pub inverted_verbs: Vec<String>,
    /// Words after the subject that introduce a name (`at`, `including`).
    pub naming_links: Vec<String>,
    /// Words that may stand between subject and verb (`have`, `widely`).
    pub gap_words: Vec<String>,
    /// Prepositions that may open a phrase between subject and verb.
    pub prepositions: Vec<String>,
    /// Most words between the subject and its verb.
    pub max_gap_words: usize,
    /// Impersonal constructions that are vague as a whole (`it is widely believed`).
    pub impersonal: ListSpec,
    /// Citation markers (`(12)`, `[3]`) that source a sentence by reference.
    pub citations: ListSpec,
    /// Phrases that name the outlet carrying a sentence's claim
    /// (`told Reuters`, `as reported by the Independent`).
    pub outlets: ListSpec,
    /// Label for a repeat of the same vague wording; `{match}` is the repeat.
    pub repeat_label: String,
}

impl Kind for UnnamedSource {
    const NAME: &'static str = "unnamed-source";
    const ALIASES: &'static [&'static str] = &["vague-attribution"];
    type Params = UnnamedSourceParams;
    type Config = UnnamedSourceConfig;

    fn compile(params: UnnamedSourceParams) -> Result<UnnamedSourceConfig, Invalid> {
        UnnamedSourceConfig::new(params)
    }

    fn checks(rules: Vec<(Arc<RuleMeta>, Arc<UnnamedSourceConfig>)>, _: &Build) -> Vec<Box<dyn Check>> {
        rules
            .into_iter()
            .map(|(meta, config)| Box::new(UnnamedSourceCheck::new(meta, config)) as Box<dyn Check>)
            .collect()
    }
}

/// Which of the rule's word lists a word is in, as bits.
type Lists = u32;
const PLURAL: Lists = 1 << 0;
const SINGULAR: Lists = 1 << 1;
const TEXT_NOUN: Lists = 1 << 2;
const QUANTIFIER: Lists = 1 << 3;
const QUANTIFIED: Lists = 1 << 4;
const INDEFINITE: Lists = 1 << 5;
const DEFINITE: Lists = 1 << 6;
const GENERIC: Lists = 1 << 7;
const VERB: Lists = 1 << 8;
const INVERTED: Lists = 1 << 9;
const LINK: Lists = 1 << 10;
const GAP: Lists = 1 << 11;
const PREPOSITION: Lists = 1 << 12;
/// The first word of a two-word naming link (`polled by`).
const LINK_HEAD: Lists = 1 << 13;
/// The first word of a two-word inverted verb (`according to`).
const INVERTED_HEAD: Lists = 1 << 14;

/// A compiled `unnamed-source` rule.
#[derive(Debug, Clone)]
pub struct UnnamedSourceConfig {
    /// Every listed word (and two-word entry), folded, with its lists.
    vocabulary: WordMap<Lists>,
    max_gap_words: usize,
    impersonal: Lexicon,
    citations: Lexicon,
    outlets: Lexicon,
    repeat_label: String,
    /// Every source noun and quantifier: sentences without one are not parsed.
    subjects: Lexicon,
    /// The shapes of the source nouns and quantifiers (see [`shape`]):
    /// an ASCII word of another shape is none of them.
    noun_shapes: [u32; 32],
}

/// A word's shape: its byte length (up to 31) and the low five bits of its
/// first byte in small letters. An ASCII word folds to a listed word only
/// if the two have one shape.
fn shape(word: &str) -> (usize, u32) {
    let first = word.as_bytes().first().map_or(0, |&b| b | 0x20);
    (word.len().min(31), u32::from(first & 31))
}

impl UnnamedSourceConfig {
    /// Compiles a rule file's parameters.
    pub fn new(p: UnnamedSourceParams) -> Result<UnnamedSourceConfig, Invalid> {
        let mut vocabulary: WordMap<Lists> = WordMap::default();
        for (list, bit) in [
            (&p.nouns, PLURAL),
            (&p.singular_nouns, SINGULAR),
            (&p.text_nouns, TEXT_NOUN),
            (&p.quantifiers, QUANTIFIER),
            (&p.quantified_nouns, QUANTIFIED),
            (&p.indefinite_determiners, INDEFINITE),
            (&p.definite_determiners, DEFINITE),
            (&p.generic_modifiers, GENERIC),
            (&p.verbs, VERB),
            (&p.inverted_verbs, INVERTED),
            (&p.naming_links, LINK),
            (&p.gap_words, GAP),
            (&p.prepositions, PREPOSITION),
        ] {
            for word in list {
                *vocabulary.entry(word) |= bit;
                let head_bit = match bit {
                    LINK => LINK_HEAD,
                    INVERTED => INVERTED_HEAD,
                    _ => continue,
                };
                let folded = fold(word);
                if let Some((head, _)) = folded.split_once(' ') {
                    *vocabulary.entry(head) |= head_bit;
                }
            }
        }
        let nouns = [
            &p.nouns[..],
            &p.singular_nouns,
            &p.text_nouns,
            &p.quantifiers,
            &p.quantified_nouns,
        ]
        .concat();
        let mut noun_shapes = [0u32; 32];
        for noun in &nouns {
            let (len, bit) = shape(&fold(noun));
            noun_shapes[len] |= 1 << bit;
        }
        Ok(UnnamedSourceConfig {
            vocabulary,
            noun_shapes,
            max_gap_words: p.max_gap_words,
            impersonal: Lexicon::new(&p.impersonal.phrases, &p.impersonal.regexes)
                .map_err(Invalid::near("impersonal:"))?,
            citations: Lexicon::new(&p.citations.phrases, &p.citations.regexes)
                .map_err(Invalid::near("citations:"))?,
            outlets: Lexicon::new(&p.outlets.phrases, &p.outlets.regexes)
                .map_err(Invalid::near("outlets:"))?,
            repeat_label: p.repeat_label.trim().to_string(),
            subjects: Lexicon::new(&nouns, &[]).map_err(Invalid::near("nouns:"))?,
        })
    }
}

/// The runtime check of one `unnamed-source` rule.
#[derive(Debug)]
pub struct UnnamedSourceCheck {
    meta: Arc<RuleMeta>,
    config: Arc<UnnamedSourceConfig>,
}

impl UnnamedSourceCheck {
    /// The check for one rule.
    pub fn new(meta: Arc<RuleMeta>, config: Arc<UnnamedSourceConfig>) -> UnnamedSourceCheck {
        UnnamedSourceCheck { meta, config }
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
    /// The lists of its determiner or quantifier, if it has one.
    determiner: Option<Lists>,
    /// Whether a capitalised modifier or a possessive names the source.
    named: bool,
}

/// Longest two-word entry looked up on the stack.
const STACK_PAIR: usize = 64;

impl UnnamedSourceConfig {
    /// Whether `word` may be a source noun or quantifier: not ASCII, or
    /// of the shape of one. Most words are turned away without a look at
    /// the vocabulary.
    fn may_be_noun(&self, word: &str) -> bool {
        let (len, bit) = shape(word);
        !word.is_ascii() || self.noun_shapes[len] >> bit & 1 == 1
    }

    /// The lists `word` (any case) is in.
    fn lists(&self, word: &str) -> Lists {
        self.vocabulary.get(word).copied().unwrap_or(0)
    }

    /// The lists of the entry `first second` (both folded).
    fn pair_lists(&self, first: &str, second: &str) -> Lists {
        let len = first.len() + 1 + second.len();
        if len > STACK_PAIR {
            return self.lists(&format!("{first} {second}"));
        }
        let mut buf = [0u8; STACK_PAIR];
        buf[..first.len()].copy_from_slice(first.as_bytes());
        buf[first.len()] = b' ';
        buf[first.len() + 1..len].copy_from_slice(second.as_bytes());
        let pair = std::str::from_utf8(&buf[..len]).expect("two strings and a space");
        self.vocabulary.get_folded(pair).copied().unwrap_or(0)
    }

    /// Whether the entry made of `stem` and `suffix` (folded) is a verb.
    fn listed_verb(&self, stem: &str, suffix: &str) -> bool {
        self.pair_lists_joined(stem, suffix) & VERB != 0
    }

    /// The lists of `stem` followed directly by `suffix` (both folded).
    fn pair_lists_joined(&self, stem: &str, suffix: &str) -> Lists {
        let len = stem.len() + suffix.len();
        if len > STACK_PAIR {
            return self.lists(&format!("{stem}{suffix}"));
        }
        let mut buf = [0u8; STACK_PAIR];
        buf[..stem.len()].copy_from_slice(stem.as_bytes());
        buf[stem.len()..len].copy_from_slice(suffix.as_bytes());
        let word = std::str::from_utf8(&buf[..len]).expect("two strings");
        self.vocabulary.get_folded(word).copied().unwrap_or(0)
    }

    fn noun(&self, lists: Lists) -> Option<Noun> {
        if lists & PLURAL != 0 {
            Some(Noun::Plural)
        } else if lists & TEXT_NOUN != 0 {
            Some(Noun::Text)
        } else if lists & SINGULAR != 0 {
            Some(Noun::Singular)
        } else if lists & QUANTIFIED != 0 {
            Some(Noun::Quantified)
        } else if lists & QUANTIFIER != 0 {
            Some(Noun::Quantifier)
        } else {
            None
        }
    }

    /// Walks left from the noun at `i` over its modifiers.
    fn left(&self, text: &str, words: &[Word<'_>], i: usize) -> Left {
        let mut first = i;
        while first > 0 {
            let prev = &words[first - 1];
            if words::punctuated(text, prev, &words[first]) {
                break;
            }
            let lists = self.lists(prev.text);
            if lists & (DEFINITE | INDEFINITE | QUANTIFIER) != 0 {
                return Left {
                    first: first - 1,
                    determiner: Some(lists),
                    named: false,
                };
            }
            if lists & GENERIC != 0 {
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

    /// Whether the word at `k` (with lists `lists`), or it and the next, is
    /// a naming link.
    fn link_at(&self, text: &str, words: &[Word<'_>], k: usize, lists: Lists) -> bool {
        if lists & LINK != 0 {
            return true;
        }
        if lists & LINK_HEAD == 0 {
            return false;
        }
        words.get(k + 1).is_some_and(|next| {
            !words::punctuated(text, &words[k], next)
                && with_folded(words[k].text, |word| {
                    with_folded(next.text, |next| self.pair_lists(word, next) & LINK != 0)
                })
        })
    }

    /// Whether `verb` (folded) agrees with a subject that is plural (or
    /// not). The verb list itself gives the forms: `says` is the `-s` form
    /// of `say`, `say` the base form of `says`.
    fn agrees(&self, verb: &str, plural: bool) -> bool {
        if plural {
            let s_form = verb.strip_suffix('s').is_some_and(|stem| {
                self.listed_verb(stem, "")
                    || verb.ends_with("ies") && self.listed_verb(&verb[..verb.len() - 3], "y")
            });
            !s_form
        } else {
            let base = self.listed_verb(verb, "s")
                || self.listed_verb(verb, "es")
                || verb
                    .strip_suffix('y')
                    .is_some_and(|stem| self.listed_verb(stem, "ies"));
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
            let between = &text[words[k - 1].end()..word.start];
            if between.chars().any(|c| !c.is_whitespace() && c != ',') {
                return None;
            }
            let (lists, is_verb, adverb) = with_folded(word.text, |folded| {
                let lists = self.vocabulary.get_folded(folded).copied().unwrap_or(0);
                let is_verb = lists & VERB != 0 && self.agrees(folded, plural);
                (lists, is_verb, words::is_ly_adverb(folded))
            });
            let is_link = self.link_at(text, words, k, lists);
            let is_gap = lists & GAP != 0;
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
            } else if lists & PREPOSITION != 0 {
                in_phrase = true;
            } else if !(in_phrase || is_gap || adverb) {
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
            if self.link_at(text, words, k, self.lists(words[k].text)) {
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
    /// `i` (with lists `lists`), if it is one.
    fn vague_at(
        &self,
        text: &str,
        words: &[Word<'_>],
        i: usize,
        lists: Lists,
    ) -> Option<Range<usize>> {
        let noun = self.noun(lists)?;
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
        let determiner = left.determiner;
        let fits = match noun {
            Noun::Plural => determiner.is_none_or(|d| d & DEFINITE == 0),
            Noun::Singular => determiner.is_some_and(|d| d & INDEFINITE != 0),
            Noun::Text => true,
            Noun::Quantified => determiner.is_some_and(|d| d & QUANTIFIER != 0),
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
                // "Some have argued" is as generic as "some argue".
                let between = &words[i + 1..verb];
                let perfect = between
                    .iter()
                    .any(|w| with_folded(w.text, |f| f == "have" || f == "has"));
                let past = !perfect
                    && with_folded(words[verb].text, |v| v.ends_with('d') || v.ends_with('t'));
                let bare = between.iter().all(|w| self.lists(w.text) & GAP != 0);
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
        let before = first.checked_sub(2).map(|j| &words[j]);
        if let Some(opener) = before {
            let paired = self.lists(opener.text) & INVERTED_HEAD != 0
                && with_folded(opener.text, |o| {
                    with_folded(verb.text, |v| self.pair_lists(o, v) & INVERTED != 0)
                });
            if paired && !words::punctuated(text, opener, verb) {
                return Some(opener.start..words[noun].end());
            }
        }
        let opens_clause = before.is_none_or(|w| words::punctuated(text, w, verb));
        (self.lists(verb.text) & INVERTED != 0 && opens_clause)
            .then(|| verb.start..words[noun].end())
    }
}

impl Check for UnnamedSourceCheck {
    fn check(&self, doc: &Article<'_>, out: &mut Vec<Diagnostic>) {
        let config = &self.config;
        // The first finding of each source word ("experts", or the whole
        // wording of an impersonal phrase), by index into `out`: an article
        // that leans on "experts say" three times gets one finding with the
        // repeats as labels.
        let mut first_of: HashMap<String, usize> = HashMap::new();
        let mut found: Vec<(Range<usize>, String)> = Vec::new();
        let mut words: Vec<Word<'_>> = Vec::new();
        for (index, block) in doc.blocks().iter().enumerate() {
            if !self.meta.scope.contains(block.kind) {
                continue;
            }
            let text = block.text();
            found.clear();
            let runs = doc.word_runs(index);
            let subjects = config.subjects.find_in(text, runs, 0..text.len());
            let mut subjects = subjects.iter().map(|r| r.start).peekable();
            let impersonal_guard = config.impersonal.slice_guard(text, runs);
            for sentence in doc.sentences(index) {
                while subjects.next_if(|&s| s < sentence.start).is_some() {}
                let has_subject = subjects.peek().is_some_and(|&s| s < sentence.end);
                let impersonal =
                    config
                        .impersonal
                        .find_guarded(text, runs, sentence.clone(), impersonal_guard);
                if impersonal.is_empty() && !has_subject {
                    continue;
                }
                let sentence_text = &text[sentence.clone()];
                let before = found.len();
                found.extend(impersonal.into_iter().map(|r| {
                    let wording = words::split(&sentence_text[r.clone()])
                        .iter()
                        .map(|w| fold(w.text))
                        .collect::<Vec<_>>()
                        .join(" ");
                    (r.start + sentence.start..r.end + sentence.start, wording)
                }));
                if has_subject {
                    words.clear();
                    words::split_into(sentence_text, &mut words);
                    for w in &mut words {
                        w.start += sentence.start;
                    }
                    let mut i = 0;
                    while i < words.len() {
                        if !config.may_be_noun(words[i].text) {
                            i += 1;
                            continue;
                        }
                        let lists = self.config.lists(words[i].text);
                        match config.vague_at(text, &words, i, lists) {
                            Some(range) => {
                                found.push((range.clone(), fold(words[i].text)));
                                i = words.partition_point(|w| w.start < range.end);
                            }
                            None => i += 1,
                        }
                    }
                }
                // A sentence that names its outlet or cites a reference is
                // sourced: it reports nothing (asked only when it would).
                if found.len() > before
                    && (config.citations.is_match_in(text, runs, sentence.clone())
                        || config.outlets.is_match_in(text, runs, sentence.clone()))
                {
                    found.truncate(before);
                }
            }
            if found.is_empty() {
                continue;
            }
            found.sort_by_key(|(r, _)| r.start);
            let quotes = quote_spans(text);
            let mut last_end = 0;
            for (range, wording) in found.drain(..) {
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
    use crate::kinds::testing::lint_with_builtin;
    use crate::Format;

    #[test]
    fn word_shapes_turn_away_only_words_that_are_no_noun() {
        let p: super::UnnamedSourceParams = serde_yaml::from_str(
            "nouns: [analysts, experts]\nsingular_nouns: [insider]\nquantifiers: [some]\n\
             quantified_nouns: [people]\ntext_nouns: [reporting]\n\
             indefinite_determiners: [a]\ndefinite_determiners: [the]\n\
             generic_modifiers: []\nverbs: [say]\ninverted_verbs: []\nnaming_links: []\n\
             gap_words: []\nprepositions: []\nmax_gap_words: 3\nimpersonal: {}\n\
             citations: {}\noutlets: {}\nrepeat_label: again",
        )
        .unwrap();
        let config = super::UnnamedSourceConfig::new(p).unwrap();
        for noun in [
            "analysts",
            "Experts",
            "INSIDER",
            "some",
            "People",
            "reporting",
        ] {
            assert!(config.may_be_noun(noun), "{noun}");
        }
        for other in ["the", "say", "analyst", "expert", "report", "peoples"] {
            assert!(!config.may_be_noun(other), "{other}");
        }
        assert!(
            config.may_be_noun("expérts"),
            "words past ASCII are looked up"
        );
    }

    /// The texts the built-in unnamed-source rule reports in `text`.
    fn vague(text: &str) -> Vec<String> {
        let (source, found) = lint_with_builtin("unnamed-source", text, Format::Plain);
        found
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
        let (_, found) = lint_with_builtin(
            "unnamed-source",
            "Experts say it is late.\nIt is cheap, experts say.\n",
            Format::Plain,
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].labels.len(), 1);
    }
}
