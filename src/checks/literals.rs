//! Literals that every match of a pattern must contain.
//!
//! The pattern check scans each block once with an Aho-Corasick automaton
//! over these literals and runs a rule's regex only where one of its
//! literals occurs. That keeps a run's cost flat in the number of rules and
//! avoids compiling hundreds of regexes at start-up (most never run on a
//! given article). The analysis walks the regex's syntax tree and returns a
//! set of strings such that any match contains at least one of them, ASCII
//! case ignored; `None` means no useful set exists and the regex must run on
//! every block.

use std::collections::BTreeSet;

use regex_syntax::hir::{Class, Hir, HirKind};

/// Most strings a finite language or a required set may hold.
const MAX_SET: usize = 64;
/// Most characters in a class that still counts as a small alternation.
const MAX_CLASS_CHARS: usize = 4;
/// Most required sets kept for one pattern (the most selective ones).
pub const MAX_REQUIRED_SETS: usize = 4;
/// Sets whose shortest member is shorter than this are kept only when no
/// better set exists: two-letter words occur in nearly every paragraph, so
/// they would wake the pattern everywhere and cost scanning time.
const SELECTIVE_CHARS: usize = 3;

/// A set of strings of which a match contains at least one.
type Set = BTreeSet<String>;

/// What is known about a sub-expression.
#[derive(Debug, Clone, Default)]
struct Info {
    /// Every string the sub-expression can match, if that is a small set.
    exact: Option<Set>,
    /// Useful sets that every match satisfies, all of them at once.
    required: Vec<Set>,
}

/// The required literal sets of a parsed regex: every match contains a
/// member of each set (ASCII case ignored; members lowercased). Empty when
/// the pattern has no selective literal.
pub fn required(hir: &Hir) -> Vec<Vec<String>> {
    let info = analyze(hir);
    let mut sets = info.required;
    if let Some(exact) = info.exact.filter(useful) {
        sets.push(exact);
    }
    keep_best(&mut sets);
    sets.into_iter().map(|s| s.into_iter().collect()).collect()
}

/// A set is useful when no member is empty and it is selective enough:
/// members of two or more characters, or single rare symbols (`$`, `{`).
fn useful(set: &Set) -> bool {
    !set.is_empty()
        && set.len() <= MAX_SET
        && set.iter().all(|s| {
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (None, _) => false,
                (Some(c), None) => !c.is_alphanumeric() && !c.is_whitespace(),
                _ => true,
            }
        })
}

/// How selective a set is: a longer shortest member, then fewer members.
fn score(set: &Set) -> (usize, usize) {
    let shortest = set.iter().map(|m| m.chars().count()).min().unwrap_or(0);
    (shortest, usize::MAX - set.len())
}

/// Deduplicates and keeps the most selective sets.
fn keep_best(sets: &mut Vec<Set>) {
    sets.sort_by_key(|s| std::cmp::Reverse(score(s)));
    sets.dedup();
    if sets.first().is_some_and(|s| score(s).0 >= SELECTIVE_CHARS) {
        sets.retain(|s| score(s).0 >= SELECTIVE_CHARS);
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

fn lower(s: &str) -> String {
    s.to_ascii_lowercase()
}

fn single(s: String) -> Set {
    BTreeSet::from([s])
}

/// The strings a small character class matches, lowercased and deduplicated.
fn class_strings(class: &Class) -> Option<Set> {
    let Class::Unicode(class) = class else {
        return None;
    };
    let mut out = BTreeSet::new();
    let mut total = 0usize;
    for range in class.ranges() {
        total += (range.end() as usize) - (range.start() as usize) + 1;
        if total > MAX_CLASS_CHARS {
            return None;
        }
        for c in range.start()..=range.end() {
            out.insert(lower(c.encode_utf8(&mut [0; 4])));
        }
    }
    // A case-folded ASCII letter also folds to a non-ASCII look-alike
    // (k → K KELVIN SIGN, s → ſ); the ASCII form is what text holds.
    let ascii_letter = |s: &String| s.len() == 1 && s.as_bytes()[0].is_ascii_alphabetic();
    if out.len() > 1 && out.iter().any(ascii_letter) {
        out.retain(ascii_letter);
    }
    Some(out)
}

/// All concatenations of one member of `a` with one member of `b`, if small.
fn product(a: &Set, b: &Set) -> Option<Set> {
    if a.len() * b.len() > MAX_SET {
        return None;
    }
    Some(
        a.iter()
            .flat_map(|x| b.iter().map(move |y| format!("{x}{y}")))
            .collect(),
    )
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
            exact: Some(single(String::new())),
            required: Vec::new(),
        },
        HirKind::Literal(literal) => {
            let set = single(lower(&String::from_utf8_lossy(&literal.0)));
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
                    e.insert(String::new());
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
    let mut run = single(String::new());
    let mut whole = Some(single(String::new()));
    for sub in subs {
        let info = analyze(sub);
        required.extend(info.required);
        match info.exact {
            Some(exact) => {
                run = product(&run, &exact).unwrap_or_else(|| {
                    // Too many combinations: close the run, start anew.
                    required.push(std::mem::take(&mut run));
                    exact.clone()
                });
                whole = whole.and_then(|w| product(&w, &exact));
            }
            None => {
                required.push(std::mem::replace(&mut run, single(String::new())));
                whole = None;
            }
        }
    }
    required.push(run);
    required.retain(useful);
    keep_best(&mut required);
    Info {
        exact: whole,
        required,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(pattern: &str) -> Vec<Vec<String>> {
        let hir = regex_syntax::Parser::new().parse(pattern).unwrap();
        required(&hir)
    }

    fn set(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn phrases_require_every_selective_word() {
        assert_eq!(
            req(r"(?i)(?-u:\b)as\s+an\s+ai\s+language\s+model(?-u:\b)"),
            [set(&["language"]), set(&["model"])]
        );
    }

    #[test]
    fn case_insensitive_words_with_k_and_s_fold_to_ascii() {
        assert_eq!(req(r"(?i)skip\s+links"), [set(&["links"]), set(&["skip"])]);
        assert_eq!(req(r"(?i)kiss"), [set(&["kiss"])]);
    }

    #[test]
    fn alternations_require_one_of_their_branches() {
        assert_eq!(
            req(r"(?i)(?:continue|keep)\s+reading|read\s+more"),
            [set(&["more", "reading"])]
        );
        assert_eq!(
            req(r"(?i)(?:share|tweet)\s+this"),
            [set(&["share", "tweet"]), set(&["this"])]
        );
    }

    #[test]
    fn small_classes_expand_and_rare_symbols_count() {
        assert_eq!(req(r"isn['’]t"), [set(&["isn't", "isn’t"]), set(&["isn"])]);
        assert_eq!(req(r"\{\{[^}]*\}\}"), [set(&["{{"]), set(&["}}"])]);
        assert_eq!(req(r"[$€]\d"), [set(&["$", "€"])]);
        assert_eq!(req(r"\$\{\w+\}"), [set(&["${"]), set(&["}"])]);
    }

    #[test]
    fn patterns_without_a_selective_literal_have_none() {
        assert!(req(r"\w+\s+\d+").is_empty());
        assert!(req(r"(?i)a|b").is_empty());
        assert!(req(r"(?:foo)?b").is_empty());
        assert!(req(r"[A-Z][a-z]+[A-Z][a-z]+").is_empty());
        assert_eq!(
            req(r"(?:foo)?bar?"),
            [set(&["ba"]), set(&["ba", "bar", "fooba", "foobar"])]
        );
        assert_eq!(
            req(r"as\s+an\s+AI"),
            [set(&["as"]), set(&["an"]), set(&["ai"])]
        );
    }

    #[test]
    fn anchored_patterns_use_inner_literals() {
        assert_eq!(
            req(r"(?i)^\W{0,3}(?:advertisement|sponsored)\W{0,3}$"),
            [set(&["advertisement", "sponsored"])]
        );
        assert_eq!(req(r"(?m)^\d+ min read$"), [set(&[" min read"])]);
    }
}
