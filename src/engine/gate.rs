//! Cheap necessary conditions for a matcher to match a text, checked
//! before its regex runs.
//!
//! Structural checks apply small lists of patterns (decorations to strip,
//! furniture to skip) to every block and sentence. Most of those patterns
//! are anchored at the start or the end of the text (`^\s*Q:`, `▾\s*$`), so
//! whether they can match at all is decided by the text's first or last
//! character: a [`Gate`] reads the pattern's syntax tree once, works out the
//! characters a match can begin or end with, and answers from those without
//! running the regex. For a pattern anchored at neither end, the gate keeps
//! the pattern without its anchors: a text that holds no match of it holds
//! none in any of its parts, so one search over a block answers for all its
//! sentences.
//!
//! Every test is a necessary condition for a non-empty match (the only
//! kind a matcher reports), so a gate never changes what a matcher finds;
//! it only skips searches that cannot succeed.

use std::sync::OnceLock;

use regex::Regex;
use regex_syntax::hir::{Class, Hir, HirKind, Look};

use super::matcher::Matcher;

/// Most characters an edge may hold to be worth testing: `\s`, `\d` and
/// case-insensitive letters are far below it, `.` and `\S` far above.
const MAX_EDGE_CHARS: u32 = 4096;

/// The characters a match can begin (or end) with.
#[derive(Debug, Clone)]
struct Edge {
    /// Bit `b` is set when ASCII character `b` is one of them.
    ascii: u128,
    /// Sorted, non-overlapping ranges of the characters.
    ranges: Vec<(char, char)>,
    /// The class as a regex, to find where a match can start.
    pattern: String,
}

/// Which end of a match an [`Edge`] describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Start,
    End,
}

/// What is known about the characters at one end of a sub-expression's
/// matches: the characters, and whether it can match the empty string
/// (then what follows it can supply the edge character too).
struct EdgeInfo {
    class: regex_syntax::hir::ClassUnicode,
    nullable: bool,
}

impl Edge {
    /// The edge of every match of `hir`, if no match can be empty, the
    /// pattern reads characters (not raw bytes) and the edge is selective
    /// (`.*$` can end with anything).
    fn of(hir: &Hir, side: Side) -> Option<Edge> {
        let info = edge_info(hir, side)?;
        if info.nullable {
            return None;
        }
        let ranges: Vec<(char, char)> = info.class.iter().map(|r| (r.start(), r.end())).collect();
        let size: u32 = ranges
            .iter()
            .map(|&(a, b)| u32::from(b) - u32::from(a) + 1)
            .sum();
        if size > MAX_EDGE_CHARS {
            return None;
        }
        let ascii = (0..128u8)
            .filter(|&b| {
                info.class
                    .iter()
                    .any(|r| r.start() <= char::from(b) && char::from(b) <= r.end())
            })
            .fold(0u128, |bits, b| bits | (1 << b));
        let pattern = Hir::class(Class::Unicode(info.class)).to_string();
        Some(Edge {
            ascii,
            ranges,
            pattern,
        })
    }

    fn contains(&self, c: char) -> bool {
        if c.is_ascii() {
            return self.ascii & (1 << u32::from(c)) != 0;
        }
        let index = self.ranges.partition_point(|&(_, end)| end < c);
        self.ranges.get(index).is_some_and(|&(start, _)| start <= c)
    }
}

/// The characters at one end of the matches of `hir`; `None` for byte-level
/// patterns, which this analysis does not cover.
fn edge_info(hir: &Hir, side: Side) -> Option<EdgeInfo> {
    use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};
    let empty = || EdgeInfo {
        class: ClassUnicode::empty(),
        nullable: true,
    };
    Some(match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => empty(),
        HirKind::Literal(literal) => {
            let text = std::str::from_utf8(&literal.0).ok()?;
            let c = match side {
                Side::Start => text.chars().next(),
                Side::End => text.chars().next_back(),
            };
            match c {
                Some(c) => EdgeInfo {
                    class: ClassUnicode::new([ClassUnicodeRange::new(c, c)]),
                    nullable: false,
                },
                None => empty(),
            }
        }
        HirKind::Class(Class::Unicode(class)) => EdgeInfo {
            class: class.clone(),
            nullable: false,
        },
        HirKind::Class(Class::Bytes(_)) => return None,
        HirKind::Repetition(rep) => {
            let mut info = edge_info(&rep.sub, side)?;
            info.nullable |= rep.min == 0;
            info
        }
        HirKind::Capture(capture) => edge_info(&capture.sub, side)?,
        HirKind::Concat(parts) => {
            let mut info = empty();
            let ordered: Box<dyn Iterator<Item = &Hir>> = match side {
                Side::Start => Box::new(parts.iter()),
                Side::End => Box::new(parts.iter().rev()),
            };
            for part in ordered {
                let next = edge_info(part, side)?;
                info.class.union(&next.class);
                if !next.nullable {
                    info.nullable = false;
                    break;
                }
            }
            info
        }
        HirKind::Alternation(branches) => {
            let mut info = EdgeInfo {
                class: ClassUnicode::empty(),
                nullable: false,
            };
            for branch in branches {
                let next = edge_info(branch, side)?;
                info.class.union(&next.class);
                info.nullable |= next.nullable;
            }
            info
        }
    })
}

/// What can be known about a matcher without running it.
#[derive(Debug)]
pub struct Gate {
    /// For a pattern anchored at the start: the characters a match begins with.
    start: Option<Edge>,
    /// For a pattern anchored at the end: the characters a match ends with.
    end: Option<Edge>,
    /// What must occur in a text for the pattern to match in some part of
    /// it (see [`unanchored`]), when that is known.
    core: Option<Core>,
    /// For a pattern anchored at both ends (it matches whole texts): the
    /// most runs of white space such a text can hold, when that is bounded
    /// (`^(?:\S+\s+){0,30}?…$` allows about 30). A long paragraph is ruled
    /// out by counting, before a regex whose counted repetitions make a
    /// large lazy DFA reads it.
    space_runs: Option<usize>,
}

/// A pattern without its anchors, and the characters its matches begin
/// with, as regexes compiled on first use.
#[derive(Debug)]
struct Core {
    pattern: String,
    /// The class of first characters, when it is selective: searching for
    /// it is much cheaper than for the pattern, and finds where to start.
    lead: Option<String>,
    compiled: OnceLock<Option<(Regex, Option<Regex>)>>,
}

impl Gate {
    /// Reads a matcher's pattern. A pattern the syntax parser rejects (it
    /// was validated at load time, so none does) gets a gate that admits
    /// every text.
    pub fn new(matcher: &Matcher) -> Gate {
        let Ok(hir) = regex_syntax::Parser::new().parse(matcher.pattern()) else {
            return Gate {
                start: None,
                end: None,
                core: None,
                space_runs: None,
            };
        };
        let props = hir.properties();
        let start = props
            .look_set_prefix()
            .contains(Look::Start)
            .then(|| Edge::of(&hir, Side::Start))
            .flatten();
        let end = props
            .look_set_suffix()
            .contains(Look::End)
            .then(|| Edge::of(&hir, Side::End))
            .flatten();
        let core = unanchored(&hir)
            .filter(|core| core.properties().look_set().is_empty())
            .map(|core| Core {
                pattern: core.to_string(),
                lead: Edge::of(&core, Side::Start).map(|edge| edge.pattern),
                compiled: OnceLock::new(),
            });
        let whole = props.look_set_prefix().contains(Look::Start)
            && props.look_set_suffix().contains(Look::End);
        let space_runs = whole.then(|| most_space_runs(&hir)).flatten();
        Gate {
            start,
            end,
            core,
            space_runs,
        }
    }

    /// Whether the pattern is anchored at an end of the text with a known
    /// set of affixes, so that [`Gate::admits`] decides from a few bytes.
    pub fn is_anchored(&self) -> bool {
        self.start.is_some() || self.end.is_some()
    }

    /// Whether the text's first and last bytes (and, for a pattern that
    /// matches whole texts, its runs of white space) allow a match; `false`
    /// means the matcher finds nothing in `text`.
    pub fn admits(&self, text: &str) -> bool {
        let fits = |edge: &Option<Edge>, c: Option<char>| {
            edge.as_ref()
                .is_none_or(|edge| c.is_some_and(|c| edge.contains(c)))
        };
        let bytes = text.as_bytes();
        let first = match bytes.first() {
            Some(&b) if b.is_ascii() => Some(char::from(b)),
            _ => text.chars().next(),
        };
        let last = match bytes.last() {
            Some(&b) if b.is_ascii() => Some(char::from(b)),
            _ => text.chars().next_back(),
        };
        fits(&self.start, first)
            && fits(&self.end, last)
            && self
                .space_runs
                .is_none_or(|most| space_runs(text, most) <= most)
    }

    /// Whether `text` may hold a match in some part of it: `false` means the
    /// matcher finds nothing in `text` nor in any slice of it.
    pub fn admits_parts(&self, text: &str) -> bool {
        let Some(core) = &self.core else {
            return true;
        };
        let compiled = core.compiled.get_or_init(|| {
            let pattern = Regex::new(&core.pattern).ok()?;
            let lead = core.lead.as_deref().and_then(|lead| Regex::new(lead).ok());
            Some((pattern, lead))
        });
        match compiled {
            None => true,
            Some((pattern, None)) => pattern.is_match(text),
            Some((pattern, Some(lead))) => lead
                .find(text)
                .is_some_and(|m| pattern.is_match_at(text, m.start())),
        }
    }
}

/// Gates for a list of matchers, in the same order.
pub fn gates(matchers: &[Matcher]) -> Vec<Gate> {
    matchers.iter().map(Gate::new).collect()
}

/// Whether any of `matchers` matches somewhere in `text` (as
/// `crate::kinds::any_match`), running only those whose gate admits the text.
pub fn any_match(matchers: &[Matcher], gates: &[Gate], text: &str) -> bool {
    matchers
        .iter()
        .zip(gates)
        .any(|(m, gate)| gate.admits(text) && !m.find_all(text).is_empty())
}

/// The pattern of a matcher anchored at both ends of the text: it matches
/// a text whenever the matcher finds the whole text (and sometimes when it
/// does not), so a set of them rules texts out before any matcher runs.
pub fn whole_text_pattern(matcher: &Matcher) -> Option<String> {
    let hir = regex_syntax::Parser::new().parse(matcher.pattern()).ok()?;
    let anchored = Hir::concat(vec![Hir::look(Look::Start), hir, Hir::look(Look::End)]);
    Some(anchored.to_string())
}

/// The white-space characters (Unicode's `White_Space`, what `\s` and
/// `char::is_whitespace` mean).
const WHITE_SPACE: [char; 25] = [
    '\t', '\n', '\u{b}', '\u{c}', '\r', ' ', '\u{85}', '\u{a0}', '\u{1680}', '\u{2000}',
    '\u{2001}', '\u{2002}', '\u{2003}', '\u{2004}', '\u{2005}', '\u{2006}', '\u{2007}', '\u{2008}',
    '\u{2009}', '\u{200a}', '\u{2028}', '\u{2029}', '\u{202f}', '\u{205f}', '\u{3000}',
];

/// The most runs of white space (as `\s` and `char::is_whitespace` mean
/// it) a match of `hir` can hold, or `None` when that is unbounded. A part
/// that matches only white space makes one run however often it repeats.
fn most_space_runs(hir: &Hir) -> Option<usize> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(0),
        HirKind::Literal(literal) => {
            let text = std::str::from_utf8(&literal.0).ok()?;
            Some(space_runs(text, usize::MAX))
        }
        HirKind::Class(Class::Unicode(class)) => {
            Some(usize::from(WHITE_SPACE.iter().any(|&c| {
                class.iter().any(|r| r.start() <= c && c <= r.end())
            })))
        }
        // Bytes outside ASCII may be part of a wide space.
        HirKind::Class(Class::Bytes(class)) => Some(usize::from(class.iter().any(|r| {
            (r.start()..=r.end()).any(|b| b >= 0x80 || b.is_ascii_whitespace() || b == 0x0b)
        }))),
        HirKind::Repetition(rep) => {
            let each = most_space_runs(&rep.sub)?;
            if each == 0 {
                Some(0)
            } else if only_space(&rep.sub) {
                Some(1)
            } else {
                each.checked_mul(usize::try_from(rep.max?).ok()?)
            }
        }
        HirKind::Capture(capture) => most_space_runs(&capture.sub),
        HirKind::Concat(parts) => parts
            .iter()
            .try_fold(0usize, |sum, part| sum.checked_add(most_space_runs(part)?)),
        HirKind::Alternation(branches) => branches.iter().try_fold(0usize, |most, branch| {
            Some(most.max(most_space_runs(branch)?))
        }),
    }
}

/// Whether every character a match of `hir` can hold is white space.
fn only_space(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Literal(literal) => {
            std::str::from_utf8(&literal.0).is_ok_and(|t| t.chars().all(char::is_whitespace))
        }
        HirKind::Class(Class::Unicode(class)) => {
            let size: u32 = class
                .iter()
                .map(|r| u32::from(r.end()) - u32::from(r.start()) + 1)
                .sum();
            size as usize <= WHITE_SPACE.len()
                && class
                    .iter()
                    .all(|r| (r.start()..=r.end()).all(char::is_whitespace))
        }
        HirKind::Class(Class::Bytes(_)) => false,
        HirKind::Repetition(rep) => only_space(&rep.sub),
        HirKind::Capture(capture) => only_space(&capture.sub),
        HirKind::Concat(parts) => parts.iter().all(only_space),
        HirKind::Alternation(branches) => branches.iter().all(only_space),
    }
}

/// The number of runs of white space in `text`, counted no further than
/// the run that makes it more than `most`.
fn space_runs(text: &str, most: usize) -> usize {
    let mut runs = 0;
    let mut in_space = false;
    for c in text.chars() {
        let space = c.is_whitespace();
        if space && !in_space {
            runs += 1;
            if runs > most {
                break;
            }
        }
        in_space = space;
    }
    runs
}

/// What must occur somewhere in a text for `hir` to match in it: `hir`
/// without a leading start-of-text and a trailing end-of-text assertion,
/// and without the parts at either end that can match the empty string
/// (`\s*` before, `.*` after). Those parts never decide whether a match
/// exists, and without them the regex engine can start from a literal.
fn unanchored(hir: &Hir) -> Option<Hir> {
    let HirKind::Concat(parts) = hir.kind() else {
        return match hir.kind() {
            HirKind::Look(Look::Start | Look::End) => None,
            _ => Some(hir.clone()),
        };
    };
    let mut parts = parts.as_slice();
    if let Some(HirKind::Look(Look::Start)) = parts.first().map(Hir::kind) {
        parts = &parts[1..];
    }
    if let Some(HirKind::Look(Look::End)) = parts.last().map(Hir::kind) {
        parts = &parts[..parts.len() - 1];
    }
    let optional = |part: &Hir| {
        part.properties().minimum_len() == Some(0) && part.properties().look_set().is_empty()
    };
    while parts.len() > 1 && optional(&parts[0]) {
        parts = &parts[1..];
    }
    while parts.len() > 1 && optional(&parts[parts.len() - 1]) {
        parts = &parts[..parts.len() - 1];
    }
    Some(Hir::concat(parts.to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gate(pattern: &str) -> Gate {
        Gate::new(&Matcher::regex(pattern).unwrap())
    }

    #[test]
    fn start_anchored_patterns_are_decided_by_the_first_bytes() {
        let g = gate(r"(?i)^\s*(?:q|a|question|answer)\s*[:.)-]\s*");
        assert!(g.is_anchored());
        assert!(g.admits("Q: why?"));
        assert!(g.admits("  answer: yes"));
        assert!(g.admits("A man said."));
        assert!(!g.admits("The man said."));
        assert!(!g.admits("“Quite,” he said."));
        assert!(!g.admits(""));
    }

    #[test]
    fn whole_text_patterns_rule_out_texts_with_too_many_runs_of_space() {
        let pattern =
            r"(?i)^(?:\S+\s+){0,3}?\S*?(?-u:\b)(?:sign up|subscribe)(?-u:\b)\S*(?:\s+\S+){0,2}\s*$";
        let g = gate(pattern);
        assert_eq!(g.space_runs, Some(3 + 1 + 2 + 1));
        let regex = Regex::new(pattern).unwrap();
        let mut rng = fastrand::Rng::with_seed(5);
        let words = [
            "sign",
            "up",
            "subscribe",
            "now",
            "to",
            "our",
            "\u{a0}",
            "\n\n",
            " ",
            "x.",
        ];
        let mut ruled_out = 0;
        for _ in 0..3000 {
            let text: String = (0..rng.usize(0..16))
                .map(|_| words[rng.usize(..words.len())])
                .collect::<Vec<_>>()
                .join(if rng.bool() { " " } else { "\t " });
            if !g.admits(&text) {
                ruled_out += 1;
                assert!(!regex.is_match(&text), "{text:?}");
            }
        }
        assert!(ruled_out > 500, "{ruled_out}");
        assert_eq!(gate(r"^\s*(?:\S+\s+)*end$").space_runs, None);
        assert_eq!(
            gate(r"(?:\S+\s+){0,3}end$").space_runs,
            None,
            "not anchored at the start"
        );
    }

    #[test]
    fn end_anchored_patterns_are_decided_by_the_last_bytes() {
        let g = gate(r"\s*[▾▸▼►⌄]\s*$");
        assert!(g.admits("Why? ▾"));
        assert!(!g.admits("Why?"));
        let g = gate(r"(?i)\s*\((?:photo|image)s?\s*:?[^)]*\)\s*$");
        assert!(g.admits("A bridge (Photo: X)"));
        assert!(!g.admits("A bridge."));
    }

    #[test]
    fn unanchored_patterns_are_decided_by_a_search_of_the_whole() {
        let g = gate(r"(?i)\s*[·|•–—-]\s*(?:image|photo)s?\s*:?\s+\S.*$");
        assert!(!g.is_anchored());
        assert!(g.admits("anything at all"));
        assert!(!g.admits_parts("A caption. Another sentence."));
        assert!(g.admits_parts("A caption · Photo: X. Another sentence."));
    }

    #[test]
    fn other_look_arounds_disable_the_whole_text_search() {
        let g = Gate::new(&Matcher::phrase("read more").unwrap());
        assert!(!g.is_anchored());
        assert!(g.admits_parts("nothing here"));
        let g = gate(r"(?m)^Q:");
        assert!(!g.is_anchored());
        assert!(g.admits("x\nQ: y"));
    }

    #[test]
    fn patterns_with_optional_edges_have_no_affix_test() {
        let g = gate(r"^\s*");
        assert!(!g.is_anchored());
        let g = gate(r"^(?:[a-z]+|)x");
        assert!(g.admits("x"));
        assert!(g.admits("bx"));
        assert!(!g.admits("Bx"));
    }
}
