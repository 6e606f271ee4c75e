//! The `pattern` check: phrases and regexes inside the blocks a rule reads.
//!
//! Each block is scanned once by an Aho-Corasick automaton over the literals
//! every pattern requires (see `literals`); only the patterns whose literals
//! occur, plus the few that have none, then run their regex for positions,
//! and only rules that hit evaluate their exceptions. The cost of a run grows
//! with the bytes read, not with the number of rules.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use super::matcher::Matcher;
use super::{diagnostic, render_message, Check};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::rules::RuleMeta;

/// A compiled `kind: pattern` rule.
#[derive(Debug, Clone)]
pub struct PatternConfig {
    /// Groups of matchers, each with an optional message.
    pub groups: Vec<PatternGroup>,
    /// Matches of these cancel overlapping matches of the groups.
    pub exceptions: Vec<Matcher>,
}

/// Matchers that share a message and help text.
#[derive(Debug, Clone)]
pub struct PatternGroup {
    /// Message override (else the rule's).
    pub message: Option<String>,
    /// Help override (else the rule's).
    pub help: Option<String>,
    /// The phrases and regexes.
    pub matchers: Vec<Matcher>,
}

/// One matcher of one group of one rule.
#[derive(Debug, Clone, Copy)]
struct Target {
    rule: usize,
    group: usize,
    matcher: usize,
}

/// All pattern rules of a run, with the shared literal prefilter.
#[derive(Debug)]
pub struct PatternCheck {
    rules: Vec<(Arc<RuleMeta>, PatternConfig)>,
    targets: Vec<Target>,
    /// One automaton over every required literal, ASCII case ignored;
    /// literals whose case matters are confirmed on each hit.
    literals: Option<AhoCorasick>,
    /// Per automaton pattern: what finding that literal means.
    satisfies: Vec<LiteralEntry>,
    /// For each target, the bit mask of its required sets (0 = no literal).
    required_mask: Vec<u8>,
    /// Targets with no required literal: they run on every block in scope.
    unfiltered: Vec<usize>,
}

/// (target, required set) pairs a literal satisfies.
type SetRefs = Vec<(usize, u8)>;

/// One literal of the prefilter automaton.
#[derive(Debug)]
struct LiteralEntry {
    /// The literal's exact text when its case matters (confirmed per hit).
    exact: Option<String>,
    /// The (target, required set) pairs it satisfies.
    pairs: SetRefs,
}

/// Per-block scratch space for the prefilter, reused across blocks.
struct Scratch {
    /// The block being scanned (counts up), to stamp literals already handled.
    block: u32,
    /// Per literal: the last block in which it was handled, so a word that
    /// occurs twenty times in a paragraph is handled once.
    literal_block: Vec<u32>,
    /// Bits of the required sets seen so far, per target.
    seen: Vec<u8>,
    /// Targets whose `seen` is non-zero.
    touched: Vec<usize>,
    /// Targets to run on the current block, in target order.
    candidates: Vec<usize>,
}

impl PatternCheck {
    /// Builds the prefilter for a set of pattern rules.
    pub fn new(rules: Vec<(Arc<RuleMeta>, PatternConfig)>) -> PatternCheck {
        let mut targets = Vec::new();
        let mut literals: HashMap<(String, bool), SetRefs> = HashMap::new();
        let mut required_mask = Vec::new();
        let mut unfiltered = Vec::new();
        for (r, (_, config)) in rules.iter().enumerate() {
            for (g, group) in config.groups.iter().enumerate() {
                for (m, matcher) in group.matchers.iter().enumerate() {
                    let t = targets.len();
                    targets.push(Target {
                        rule: r,
                        group: g,
                        matcher: m,
                    });
                    let sets = matcher.literals();
                    debug_assert!(sets.len() <= 8, "at most 8 required sets fit a mask");
                    required_mask.push(((1u16 << sets.len()) - 1) as u8);
                    if sets.is_empty() {
                        unfiltered.push(t);
                    }
                    for (k, set) in sets.iter().enumerate() {
                        for literal in set {
                            literals
                                .entry((literal.text.clone(), literal.exact_case))
                                .or_default()
                                .push((t, k as u8));
                        }
                    }
                }
            }
        }
        let mut entries: Vec<((String, bool), SetRefs)> = literals.into_iter().collect();
        entries.sort();
        let automaton = (!entries.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::DFA))
                .build(entries.iter().map(|((text, _), _)| text))
                .expect("literal sets are small")
        });
        let satisfies = entries
            .into_iter()
            .map(|((text, exact_case), pairs)| LiteralEntry {
                exact: exact_case.then_some(text),
                pairs,
            })
            .collect();
        PatternCheck {
            rules,
            targets,
            literals: automaton,
            satisfies,
            required_mask,
            unfiltered,
        }
    }

    /// Finds the targets that may match in `text`: those with a member of
    /// each of their required sets present, and those with none.
    fn scan(&self, text: &str, scratch: &mut Scratch) {
        for &t in &scratch.touched {
            scratch.seen[t] = 0;
        }
        scratch.touched.clear();
        scratch.block = scratch.block.wrapping_add(1);
        let Some(automaton) = &self.literals else {
            return self.collect_candidates(scratch);
        };
        for found in automaton.find_overlapping_iter(text) {
            let literal = found.pattern().as_usize();
            if scratch.literal_block[literal] == scratch.block {
                continue;
            }
            let LiteralEntry { exact, pairs } = &self.satisfies[literal];
            if exact.as_deref().is_some_and(|e| e != &text[found.range()]) {
                continue;
            }
            scratch.literal_block[literal] = scratch.block;
            for &(t, k) in pairs {
                if scratch.seen[t] == 0 {
                    scratch.touched.push(t);
                }
                scratch.seen[t] |= 1 << k;
            }
        }
        self.collect_candidates(scratch);
    }

    /// Lists the targets to run after a scan, in target order.
    fn collect_candidates(&self, scratch: &mut Scratch) {
        scratch.candidates.clear();
        scratch.candidates.extend(
            scratch
                .touched
                .iter()
                .copied()
                .filter(|&t| scratch.seen[t] == self.required_mask[t]),
        );
        scratch.candidates.extend_from_slice(&self.unfiltered);
        scratch.candidates.sort_unstable();
    }
}

/// Ranges already reported, or cancelled by exceptions, for one rule in one block.
#[derive(Default)]
struct RuleHits {
    reported: Vec<Range<usize>>,
    exceptions: Option<Vec<Range<usize>>>,
}

fn overlaps(ranges: &[Range<usize>], range: &Range<usize>) -> bool {
    ranges
        .iter()
        .any(|r| r.start < range.end && range.start < r.end)
}

impl Check for PatternCheck {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        let mut scratch = Scratch {
            block: 0,
            literal_block: vec![u32::MAX; self.satisfies.len()],
            seen: vec![0; self.targets.len()],
            touched: Vec::new(),
            candidates: Vec::new(),
        };
        let mut hits: HashMap<usize, RuleHits> = HashMap::new();
        for block in doc.blocks() {
            let text = block.text();
            self.scan(text, &mut scratch);
            hits.clear();
            for &t in &scratch.candidates {
                let target = self.targets[t];
                let (meta, config) = &self.rules[target.rule];
                if !meta.scope.contains(block.kind) {
                    continue;
                }
                let group = &config.groups[target.group];
                for range in group.matchers[target.matcher].find_all(text) {
                    let state = hits.entry(target.rule).or_default();
                    if overlaps(&state.reported, &range) {
                        continue;
                    }
                    let exceptions = state.exceptions.get_or_insert_with(|| {
                        config
                            .exceptions
                            .iter()
                            .flat_map(|e| e.find_all(text))
                            .collect()
                    });
                    if overlaps(exceptions, &range) {
                        continue;
                    }
                    let template = group.message.as_deref().unwrap_or(&meta.message);
                    let message = render_message(template, &text[range.clone()]);
                    let mut found = diagnostic(meta, message, block.source_range(range.clone()));
                    if group.help.is_some() {
                        found.help = group.help.clone();
                    }
                    out.push(found);
                    state.reported.push(range);
                }
            }
        }
    }
}
