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
    /// Literal automaton; literal `i` satisfies the (target, set) pairs in
    /// `literal_sets[i]`.
    literals: Option<AhoCorasick>,
    literal_sets: Vec<Vec<(usize, u8)>>,
    /// For each target, the bit mask of its required sets (0 = no literal).
    required_mask: Vec<u8>,
    /// Targets with no required literal: they run on every block in scope.
    unfiltered: Vec<usize>,
}

/// Per-block scratch space for the prefilter, reused across blocks.
struct Scratch {
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
        let mut literal_ids: HashMap<String, usize> = HashMap::new();
        let mut literal_sets: Vec<Vec<(usize, u8)>> = Vec::new();
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
                            let id = *literal_ids.entry(literal.clone()).or_insert_with(|| {
                                literal_sets.push(Vec::new());
                                literal_sets.len() - 1
                            });
                            literal_sets[id].push((t, k as u8));
                        }
                    }
                }
            }
        }
        let mut patterns = vec![String::new(); literal_sets.len()];
        for (literal, id) in literal_ids {
            patterns[id] = literal;
        }
        let literals = (!patterns.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&patterns)
                .expect("literal sets are small")
        });
        PatternCheck {
            rules,
            targets,
            literals,
            literal_sets,
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
        if let Some(automaton) = &self.literals {
            for found in automaton.find_overlapping_iter(text) {
                for &(t, k) in &self.literal_sets[found.pattern().as_usize()] {
                    if scratch.seen[t] == 0 {
                        scratch.touched.push(t);
                    }
                    scratch.seen[t] |= 1 << k;
                }
            }
        }
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
