//! Literals that every match of a pattern must contain.
//!
//! The pattern check scans each block once with an Aho-Corasick automaton
//! over these literals and runs a rule's regex only where one of its
//! literals occurs. That keeps a run's cost flat in the number of rules and
//! avoids compiling hundreds of regexes at start-up (most never run on a
//! given article). The analysis walks the regex's syntax tree and returns
//! sets of literals such that any match contains a member of each set;
//! nothing when no useful set exists, and then the regex runs on every block.

use std::collections::{BTreeSet, HashSet};
use std::sync::LazyLock;

use regex_syntax::hir::{Class, Hir, HirKind};

/// Most strings a finite language or a required set may hold.
const MAX_SET: usize = 64;
/// Most characters in a class that still counts as a small alternation.
const MAX_CLASS_CHARS: usize = 4;
/// Most required sets kept for one pattern (the most selective ones).
pub const MAX_REQUIRED_SETS: usize = 4;
/// Sets weaker than this (see [`weight`]) are kept only when no better set
/// exists: two-letter words occur in nearly every paragraph, so they would
/// wake the pattern everywhere and cost scanning time.
const SELECTIVE_WEIGHT: usize = 3;

/// A string a match must contain.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Literal {
    /// The string; lowercased (ASCII) unless `exact_case`.
    pub text: String,
    /// Whether the pattern demands this exact case (`(?-i:AI)`), which makes
    /// a short literal far more selective ("AI" is rare, "ai" is in "said").
    pub exact_case: bool,
}

impl Literal {
    fn new(mut text: String, exact_case: bool) -> Literal {
        // Case only matters where there are ASCII letters to fold.
        let exact_case = exact_case && text.bytes().any(|b| b.is_ascii_alphabetic());
        if !exact_case {
            text.make_ascii_lowercase();
        }
        Literal { text, exact_case }
    }

    fn empty() -> Literal {
        Literal::new(String::new(), false)
    }

    /// Whether case means nothing here (no ASCII letters to fold).
    fn case_neutral(&self) -> bool {
        !self.text.bytes().any(|b| b.is_ascii_alphabetic())
    }

    /// The two literals one after the other; exact in case only if neither
    /// part has letters whose case is ignored.
    fn then(mut self, other: &Literal) -> Literal {
        let exact_case =
            (self.exact_case || self.case_neutral()) && (other.exact_case || other.case_neutral());
        self.text.push_str(&other.text);
        Literal::new(self.text, exact_case)
    }
}

/// The most frequent words of English news prose. As prefilter literals
/// they would wake a pattern in nearly every paragraph, so they weigh as
/// little as a single letter. (A property of the language, like the byte
/// frequency table a regex engine uses to pick its rarest byte; not a rule.)
const COMMON_WORDS: &[&str] = &[
    "the", "and", "that", "for", "with", "this", "from", "said", "says", "was", "were", "are",
    "have", "has", "had", "not", "but", "his", "her", "she", "they", "their", "them", "will",
    "would", "could", "can", "been", "more", "also", "about", "after", "one", "two", "its", "it's",
    "who", "which", "what", "when", "there", "all", "new", "year", "years", "out", "than", "into",
    "over", "some", "other", "our", "you", "your", "just", "like", "time", "people", "first",
    "last", "only", "most", "may", "should", "how", "there", "these", "those", "then", "because",
    "while", "where", "any", "such", "through", "before", "being", "very", "many", "much", "does",
    "did", "make", "made", "back", "well", "even", "still", "now", "get", "told", "him",
];

/// How much a literal narrows the search: letters and digits count one
/// (an upper-case letter whose case is exact two), common punctuation one,
/// rare symbols (`{`, `[`, `$`, `<`) three; a very common word counts one.
fn weight(literal: &Literal) -> usize {
    if is_common_word(literal.text.trim()) {
        return 1;
    }
    literal
        .text
        .chars()
        .map(|c| match c {
            'A'..='Z' if literal.exact_case => 2,
            c if c.is_alphanumeric() || c.is_whitespace() => 1,
            '\'' | '’' | '‘' | '"' | '“' | '”' | '.' | ',' | '-' => 1,
            ':' | ';' | '!' | '?' => 2,
            _ => 3,
        })
        .sum()
}

/// Whether `word` is one of [`COMMON_WORDS`], in any case.
fn is_common_word(word: &str) -> bool {
    static COMMON: LazyLock<HashSet<&str>> =
        LazyLock::new(|| COMMON_WORDS.iter().copied().collect());
    if word.len() > 7 {
        return false;
    }
    if word.bytes().any(|b| b.is_ascii_uppercase()) {
        COMMON.contains(word.to_ascii_lowercase().as_str())
    } else {
        COMMON.contains(word)
    }
}

/// A set of literals of which a match contains at least one.
type Set = BTreeSet<Literal>;

/// What is known about a sub-expression.
#[derive(Debug, Clone, Default)]
struct Info {
    /// Every string the sub-expression can match, if that is a small set.
    exact: Option<Set>,
    /// Useful sets that every match satisfies, all of them at once.
    required: Vec<Set>,
}

/// The required literal sets of a parsed regex: every match contains a
/// member of each set. Empty when the pattern has no selective literal.
pub fn required(hir: &Hir) -> Vec<Vec<Literal>> {
    let info = analyze(hir);
    let mut sets = info.required;
    if let Some(exact) = info.exact.filter(useful) {
        sets.push(exact);
    }
    keep_best(&mut sets);
    sets.into_iter().map(|s| s.into_iter().collect()).collect()
}

/// A set is usable when it is small and no member is a single letter, digit
/// or common punctuation mark (the prefilter ignores case, so even an
/// exact-case `I` would stop it at every `i`). A common word is weak too,
/// but a conjunction of such sets still narrows the search.
fn useful(set: &Set) -> bool {
    !set.is_empty()
        && set.len() <= MAX_SET
        && set
            .iter()
            .all(|m| m.text.chars().count() >= 2 || weight(m) >= 3)
}

/// How selective a set is: its weakest member, then fewer members.
fn score(set: &Set) -> (usize, usize) {
    let weakest = set.iter().map(weight).min().unwrap_or(0);
    (weakest, usize::MAX - set.len())
}

/// Deduplicates and keeps the most selective sets.
fn keep_best(sets: &mut Vec<Set>) {
    sets.sort_by_cached_key(|s| std::cmp::Reverse(score(s)));
    sets.dedup();
    if sets.first().is_some_and(|s| score(s).0 >= SELECTIVE_WEIGHT) {
        sets.retain(|s| score(s).0 >= SELECTIVE_WEIGHT);
    }
    sets.truncate(MAX_REQUIRED_SETS);
}

/// The single most selective set of an [`Info`], if any.
fn best_single(info: Info) -> Option<Set> {
    info.required
        .into_iter()
        .chain(info.exact.filter(useful))
        .max_by_key(score)
}

fn single(literal: Literal) -> Set {
    BTreeSet::from([literal])
}

/// The strings a small character class matches. A class that is one letter
/// in both cases (what `(?i)` makes of a letter) is that letter with its case
/// ignored.
fn class_strings(class: &Class) -> Option<Set> {
    let Class::Unicode(class) = class else {
        return None;
    };
    let mut chars = Vec::new();
    for range in class.ranges() {
        if chars.len() + (range.end() as usize) - (range.start() as usize) + 1 > MAX_CLASS_CHARS {
            return None;
        }
        chars.extend(range.start()..=range.end());
    }
    let ascii_letters: BTreeSet<char> = chars
        .iter()
        .filter(|c| c.is_ascii_alphabetic())
        .map(char::to_ascii_lowercase)
        .collect();
    // A case-folded ASCII letter also folds to a non-ASCII look-alike
    // (k → K KELVIN SIGN, s → ſ); the ASCII form is what text holds.
    let folded = ascii_letters.len() == 1
        && chars.iter().all(|c| {
            !c.is_ascii()
                || c.eq_ignore_ascii_case(&ascii_letters.iter().next().copied().unwrap_or(' '))
        });
    if folded {
        let letter = ascii_letters.into_iter().next().unwrap_or(' ');
        return Some(single(Literal::new(letter.to_string(), false)));
    }
    Some(
        chars
            .into_iter()
            .map(|c| Literal::new(c.to_string(), true))
            .collect(),
    )
}

/// All concatenations of one member of `a` with one member of `b`. The
/// common case, one suffix (the next letter of a word), extends `a`'s
/// strings in place, so a long literal costs time linear in its length.
fn product(a: Set, b: &Set) -> Set {
    match b.first() {
        Some(suffix) if b.len() == 1 => a.into_iter().map(|x| x.then(suffix)).collect(),
        _ => a
            .iter()
            .flat_map(|x| b.iter().map(move |y| x.clone().then(y)))
            .collect(),
    }
}

fn union(sets: impl IntoIterator<Item = Option<Set>>) -> Option<Set> {
    let mut out = BTreeSet::new();
    for set in sets {
        out.extend(set?);
        if out.len() > MAX_SET {
            return None;
        }
    }
    Some(out)
}

fn analyze(hir: &Hir) -> Info {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Info {
            exact: Some(single(Literal::empty())),
            required: Vec::new(),
        },
        HirKind::Literal(literal) => {
            let set = single(Literal::new(
                String::from_utf8_lossy(&literal.0).into_owned(),
                true,
            ));
            Info {
                required: useful(&set).then(|| set.clone()).into_iter().collect(),
                exact: Some(set),
            }
        }
        HirKind::Class(class) => {
            let exact = class_strings(class);
            Info {
                required: exact.clone().filter(useful).into_iter().collect(),
                exact,
            }
        }
        HirKind::Capture(capture) => analyze(&capture.sub),
        HirKind::Repetition(rep) => {
            let sub = analyze(&rep.sub);
            if rep.min == 1 && rep.max == Some(1) {
                return sub;
            }
            let exact = match (rep.min, rep.max) {
                (0, Some(1)) => sub.exact.clone().map(|mut e| {
                    e.insert(Literal::empty());
                    e
                }),
                _ => None,
            };
            let mut required = Vec::new();
            if rep.min >= 1 {
                required = sub.required;
                required.extend(sub.exact.filter(useful));
            }
            Info { exact, required }
        }
        HirKind::Concat(subs) => concat(subs),
        HirKind::Alternation(subs) => {
            let infos: Vec<Info> = subs.iter().map(analyze).collect();
            let exact = union(infos.iter().map(|i| i.exact.clone()));
            let required = union(infos.into_iter().map(best_single))
                .filter(useful)
                .into_iter()
                .collect();
            Info { exact, required }
        }
    }
}

/// A concatenation: runs of finite parts join into longer literals; every
/// useful run and every part's required sets are required together.
fn concat(subs: &[Hir]) -> Info {
    let mut required: Vec<Set> = Vec::new();
    let mut run = single(Literal::empty());
    // Whether `run` is still every string the concatenation can match.
    let mut whole = true;
    for sub in subs {
        let info = analyze(sub);
        required.extend(info.required);
        match info.exact {
            Some(exact) if run.len() * exact.len() <= MAX_SET => run = product(run, &exact),
            Some(exact) => {
                // Too many combinations: close the run, start anew.
                required.push(std::mem::replace(&mut run, exact));
                whole = false;
            }
            None => {
                required.push(std::mem::replace(&mut run, single(Literal::empty())));
                whole = false;
            }
        }
    }
    let exact = whole.then(|| run.clone());
    required.push(run);
    required.retain(useful);
    keep_best(&mut required);
    Info { exact, required }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(pattern: &str) -> Vec<Vec<Literal>> {
        let hir = regex_syntax::Parser::new().parse(pattern).unwrap();
        required(&hir)
    }

    /// Literals with their case ignored.
    fn any_case(items: &[&str]) -> Vec<Literal> {
        items
            .iter()
            .map(|s| Literal::new(s.to_string(), false))
            .collect()
    }

    /// Literals in exactly this case.
    fn this_case(items: &[&str]) -> Vec<Literal> {
        items
            .iter()
            .map(|s| Literal::new(s.to_string(), true))
            .collect()
    }

    #[test]
    fn phrases_require_every_selective_word() {
        assert_eq!(
            req(r"(?i)(?-u:\b)as\s+an\s+ai\s+language\s+model(?-u:\b)"),
            [any_case(&["language"]), any_case(&["model"])]
        );
    }

    #[test]
    fn case_insensitive_words_with_k_and_s_fold_to_ascii() {
        assert_eq!(
            req(r"(?i)skip\s+links"),
            [any_case(&["links"]), any_case(&["skip"])]
        );
        assert_eq!(req(r"(?i)kiss"), [any_case(&["kiss"])]);
    }

    #[test]
    fn exact_case_makes_short_words_selective() {
        assert_eq!(
            req(r"(?i)as\s+an\s+(?-i:AI)"),
            [this_case(&["AI"])],
            "`AI` in capitals is rarer than any three lower-case letters"
        );
        assert_eq!(req(r"Share this"), [this_case(&["Share this"])]);
    }

    #[test]
    fn alternations_require_one_of_their_branches() {
        assert_eq!(
            req(r"(?i)(?:continue|keep)\s+reading|read\s+more"),
            [any_case(&["read", "reading"])]
        );
        assert_eq!(
            req(r"(?i)(?:share|tweet)\s+this"),
            [any_case(&["share", "tweet"])],
            "`this` is too common to narrow the search"
        );
    }

    #[test]
    fn small_classes_expand_and_rare_symbols_count() {
        assert_eq!(
            req(r"isn['’]t"),
            [this_case(&["isn't", "isn’t"]), this_case(&["isn"])]
        );
        assert_eq!(
            req(r"\{\{[^}]*\}\}"),
            [this_case(&["{{"]), this_case(&["}}"])]
        );
        assert_eq!(req(r"[$€]\d"), [this_case(&["$", "€"])]);
        assert_eq!(
            req(r"\[\s*(?i:insert|placeholder)"),
            [any_case(&["insert", "placeholder"]), this_case(&["["])],
            "a rare symbol is kept beside a word set"
        );
    }

    #[test]
    fn patterns_without_a_selective_literal_have_none() {
        assert!(req(r"\w+\s+\d+").is_empty());
        assert!(req(r"(?i)a|b").is_empty());
        assert!(req(r"(?:foo)?b").is_empty());
        assert!(req(r"[A-Z][a-z]+[A-Z][a-z]+").is_empty());
        assert!(
            req(r"(?-i:I)\s+\d").is_empty(),
            "one letter, even in exact case, would wake the pattern at every `i`"
        );
        assert_eq!(
            req(r"(?:foo)?bar?"),
            [
                this_case(&["ba"]),
                this_case(&["ba", "bar", "fooba", "foobar"])
            ]
        );
        assert_eq!(
            req(r"as\s+an\s+it"),
            [this_case(&["as"]), this_case(&["an"]), this_case(&["it"])]
        );
    }

    #[test]
    fn anchored_patterns_use_inner_literals() {
        assert_eq!(
            req(r"(?i)^\W{0,3}(?:advertisement|sponsored)\W{0,3}$"),
            [any_case(&["advertisement", "sponsored"])]
        );
        assert_eq!(req(r"(?m)^\d+ min read$"), [this_case(&[" min read"])]);
    }
}
