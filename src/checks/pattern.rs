//! The `pattern` check: phrases and regexes inside the blocks a rule reads.
//!
//! Every pattern of every pattern rule goes into one `RegexSet` per distinct
//! scope, so each block is scanned once whatever the number of rules; only the
//! patterns the set reports as present are then run for their positions, and
//! only the rules that hit evaluate their exceptions.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use regex::{RegexSet, RegexSetBuilder};

use super::matcher::Matcher;
use super::{diagnostic, render_message, Check};
use crate::diagnostic::Diagnostic;
use crate::document::{BlockKind, Document};
use crate::rules::RuleMeta;

/// Size limit for the compiled prefilter (the default suits single regexes).
const PREFILTER_SIZE_LIMIT: usize = 256 << 20;

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

/// Which matcher a prefilter pattern stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Target {
    rule: usize,
    group: usize,
    matcher: usize,
}

/// One multi-pattern scan for the block kinds that share a set of patterns.
#[derive(Debug)]
struct Prefilter {
    set: RegexSet,
    targets: Vec<Target>,
}

/// All pattern rules of a run, compiled into per-scope prefilters.
#[derive(Debug)]
pub struct PatternCheck {
    rules: Vec<(Arc<RuleMeta>, PatternConfig)>,
    prefilters: Vec<Prefilter>,
    /// For each [`BlockKind`] (by discriminant), its prefilter.
    prefilter_of_kind: Vec<usize>,
}

impl PatternCheck {
    /// Compiles the prefilters for a set of pattern rules.
    pub fn new(rules: Vec<(Arc<RuleMeta>, PatternConfig)>) -> PatternCheck {
        let mut prefilters: Vec<Prefilter> = Vec::new();
        let mut by_targets: HashMap<Vec<Target>, usize> = HashMap::new();
        let mut prefilter_of_kind = Vec::with_capacity(BlockKind::ALL.len());
        for kind in BlockKind::ALL {
            let mut targets = Vec::new();
            for (r, (meta, config)) in rules.iter().enumerate() {
                if !meta.scope.contains(kind) {
                    continue;
                }
                for (g, group) in config.groups.iter().enumerate() {
                    for m in 0..group.matchers.len() {
                        targets.push(Target {
                            rule: r,
                            group: g,
                            matcher: m,
                        });
                    }
                }
            }
            let index = *by_targets.entry(targets.clone()).or_insert_with(|| {
                let patterns = targets
                    .iter()
                    .map(|t| rules[t.rule].1.groups[t.group].matchers[t.matcher].pattern());
                let set = RegexSetBuilder::new(patterns)
                    .size_limit(PREFILTER_SIZE_LIMIT)
                    .dfa_size_limit(PREFILTER_SIZE_LIMIT)
                    .build()
                    .expect("each pattern compiled alone, so the set compiles");
                prefilters.push(Prefilter { set, targets });
                prefilters.len() - 1
            });
            prefilter_of_kind.push(index);
        }
        PatternCheck {
            rules,
            prefilters,
            prefilter_of_kind,
        }
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
        let mut hits: HashMap<usize, RuleHits> = HashMap::new();
        for block in doc.blocks() {
            let prefilter = &self.prefilters[self.prefilter_of_kind[block.kind as usize]];
            if prefilter.targets.is_empty() {
                continue;
            }
            let text = block.text();
            let matched = prefilter.set.matches(text);
            if !matched.matched_any() {
                continue;
            }
            hits.clear();
            for index in matched.iter() {
                let target = prefilter.targets[index];
                let (meta, config) = &self.rules[target.rule];
                let group = &config.groups[target.group];
                let state = hits.entry(target.rule).or_default();
                for range in group.matchers[target.matcher].find_all(text) {
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
