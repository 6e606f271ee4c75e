//! The `pattern` check: phrases and regexes inside the blocks a rule reads.
//!
//! Each block is scanned once by an Aho-Corasick automaton over the literals
//! every pattern requires (see `literals`), with its white space folded as
//! theirs is; only the patterns whose literals
//! occur, plus the few that have none, then run their regex for positions,
//! and only rules that hit evaluate their exceptions. Patterns anchored at
//! the start of a block (`^Advertisement$`, most page furniture) are decided
//! by the block's opening, not by words anywhere in it: they are compiled
//! together into one set, asked once per block which of them match, a search
//! that stops within the first few characters of nearly every block. The cost
//! of a run grows with the bytes read, not with the number of rules.
//!
//! The scan is the run's one: built by `kinds::build_checks` over every
//! rule's shared groups (a pattern rule's own, a `register` rule's strong
//! signals and cue gate), and run before any other check.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex};

use daachorse::DoubleArrayAhoCorasick;
use regex::{RegexSet, RegexSetBuilder};
use serde::Deserialize;

use super::{
    diagnostic, render_message, validate, Build, Check, Invalid, Kind, RuleMeta, Scope, ScopeName,
};
use crate::analyses::Article;
use crate::diagnostic::Diagnostic;
use crate::engine::dense::DenseAutomaton;
use crate::engine::literals;
use crate::engine::matcher::Matcher;
use crate::engine::runs;
use crate::engine::ListSpec;

/// The `pattern` kind: phrases and regexes matched inside blocks.
pub struct Pattern;

/// The keys of a `kind: pattern` rule file.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PatternParams {
    /// Groups of phrases and regexes.
    pub patterns: Vec<PatternGroupSpec>,
    /// Matches that cancel overlapping matches.
    #[serde(default)]
    pub exceptions: ListSpec,
}

/// A group of phrases and regexes sharing an optional message.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PatternGroupSpec {
    /// Message for matches of this group (default: the rule's message).
    #[serde(default)]
    pub message: Option<String>,
    /// Help for matches of this group (default: the rule's help).
    #[serde(default)]
    pub help: Option<String>,
    /// Literal phrases: case-insensitive, word-bounded, any white space between words.
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Regular expressions (Rust `regex` syntax), used as written.
    #[serde(default)]
    pub regexes: Vec<String>,
    /// Block kinds this group reads, within the rule's `scope` (default:
    /// all of the rule's): a credit run into a paragraph is furniture, the
    /// same credit closing a caption is not.
    #[serde(default)]
    pub scope: Vec<ScopeName>,
}

impl Kind for Pattern {
    const NAME: &'static str = "pattern";
    type Params = PatternParams;
    type Config = PatternConfig;

    fn compile(params: PatternParams) -> Result<PatternConfig, Invalid> {
        if params.patterns.is_empty() {
            return Err(Invalid::new(
                "`patterns` needs at least one group",
                Some("patterns:"),
            ));
        }
        let mut groups = Vec::with_capacity(params.patterns.len());
        for group in params.patterns {
            let list = ListSpec {
                phrases: group.phrases,
                regexes: group.regexes,
            };
            let matchers = validate::matchers(&list)?;
            if matchers.is_empty() {
                return Err(Invalid::new(
                    "every pattern group needs `phrases` or `regexes`",
                    Some("patterns:"),
                ));
            }
            groups.push(PatternGroup {
                message: group.message.map(|m| m.trim().to_string()),
                help: group.help.map(|h| h.trim().to_string()),
                matchers,
                scope: (!group.scope.is_empty()).then(|| Scope::from_names(&group.scope)),
            });
        }
        Ok(PatternConfig {
            groups,
            exceptions: validate::matchers(&params.exceptions)?,
        })
    }

    /// None of its own: a pattern rule's groups run in the shared scan.
    fn checks(_: Vec<(Arc<RuleMeta>, Arc<PatternConfig>)>, _: &Build) -> Vec<Box<dyn Check>> {
        Vec::new()
    }

    fn shared_patterns(
        meta: &Arc<RuleMeta>,
        config: &Arc<PatternConfig>,
    ) -> Vec<(Arc<RuleMeta>, Arc<PatternConfig>)> {
        vec![(meta.clone(), config.clone())]
    }
}

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
    /// Block kinds the group reads, within the rule's (none: the rule's).
    pub scope: Option<Scope>,
}

/// Where a pattern is used: one matcher of one group of one rule, and its
/// place in rule order (which decides which of two overlapping matches of
/// one rule is reported).
#[derive(Debug, Clone, Copy)]
struct Use {
    order: usize,
    rule: usize,
    group: usize,
}

/// One distinct pattern of the run, searched once per block however many
/// rules use it (a pack loaded twice, a phrase shared by two rules).
#[derive(Debug)]
struct Search {
    matcher: Matcher,
    uses: Vec<Use>,
}

/// All pattern rules of a run, with the shared literal prefilter.
#[derive(Debug)]
pub struct PatternCheck {
    rules: Vec<(Arc<RuleMeta>, Arc<PatternConfig>)>,
    /// The distinct patterns; "target" below means an index into these.
    searches: Vec<Search>,
    /// One automaton over every required literal in small letters,
    /// reading text as if lower-cased; literals whose case matters are
    /// confirmed on each hit.
    literals: Option<Automaton>,
    /// Per automaton pattern: the entries of `satisfies` it stands for.
    sharing: Vec<Range<u32>>,
    /// Per required literal: what finding it means.
    satisfies: Vec<LiteralEntry>,
    /// For each target, the bit mask of its required sets (0 = no literal).
    required_mask: Vec<u8>,
    /// Targets with no required literal: they run on every block in scope.
    unfiltered: Vec<usize>,
    /// Targets anchored at the start of the text, decided by `opening_set`.
    anchored: Vec<usize>,
    /// The anchored targets' patterns as one set (`None` when there are
    /// none, or the set exceeds the size limit: then each runs on every
    /// block).
    opening_set: Option<RegexSet>,
    /// Scratch spaces left by finished documents, one per thread at most.
    spare: Mutex<Vec<Scratch>>,
}

/// Compiled-size limit for the set of anchored patterns.
const OPENING_SET_SIZE_LIMIT: usize = 256 << 20;
/// Room for the states the anchored set's lazy DFA builds, per thread.
/// The regex crate's default (2 MiB) is too little for the pack's hundred
/// anchored patterns read together: the cache filled and was cleared over
/// and over, every few hundred blocks, and its states were built again
/// (a tenth of the instructions spent per megabyte of real news). 4 MiB
/// holds them; the cache grows only as states are built, so peak memory
/// does not move.
const OPENING_SET_DFA_LIMIT: usize = 4 << 20;
/// Most bytes of a dense automaton's table (the built-in pack's takes
/// about 5 MB); beyond it the literals go into a compact one.
const DENSE_BUDGET: usize = 16 << 20;

/// The anchored patterns as one set, or `None` when there are none or
/// they exceed the size limit.
fn opening_set(patterns: &[&str]) -> Option<RegexSet> {
    if patterns.is_empty() {
        return None;
    }
    RegexSetBuilder::new(patterns)
        .size_limit(OPENING_SET_SIZE_LIMIT)
        .dfa_size_limit(OPENING_SET_DFA_LIMIT)
        .build()
        .ok()
}

/// The prefilter's automaton: dense (fast) when its table fits the
/// budget, else a double array (compact, about half as fast).
enum Automaton {
    Dense(Box<DenseAutomaton>),
    Compact(DoubleArrayAhoCorasick<u32>),
}

impl Automaton {
    /// The automaton of `keys`, dense if its table fits `dense_budget`
    /// bytes, or `None` if none can hold them.
    fn new(keys: &[&str], dense_budget: usize) -> Option<Automaton> {
        if let Some(dense) = DenseAutomaton::new(keys, dense_budget) {
            return Some(Automaton::Dense(Box::new(dense)));
        }
        DoubleArrayAhoCorasick::new(keys)
            .ok()
            .map(Automaton::Compact)
    }

    /// Calls `hit(key, range)` for every occurrence of every key in
    /// `text` read in small letters, overlapping ones included (some may
    /// come twice).
    fn for_each_match(&self, text: &str, mut hit: impl FnMut(u32, Range<usize>)) {
        match self {
            Automaton::Dense(dense) => dense.for_each_match(text.as_bytes(), hit),
            Automaton::Compact(compact) => {
                let lowered = text.bytes().map(|b| b.to_ascii_lowercase());
                for found in compact.find_overlapping_iter_from_iter(lowered) {
                    hit(found.value(), found.start()..found.end());
                }
            }
        }
    }
}

impl std::fmt::Debug for Automaton {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Automaton::Dense(dense) => dense.fmt(f),
            Automaton::Compact(compact) => {
                write!(f, "Automaton({} bytes)", compact.heap_bytes())
            }
        }
    }
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

/// Scratch space for the prefilter, reused across blocks and documents.
#[derive(Debug)]
struct Scratch {
    /// The block being scanned (counts up from 1 across documents), to
    /// stamp literals already handled; 0 stamps nothing.
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
    /// The block with its white space folded, as the literals are: the
    /// text the automaton reads (in small letters) and where exact-case
    /// literals are confirmed.
    folded: String,
}

impl PatternCheck {
    /// Builds the prefilter for a set of pattern rules: the automaton and
    /// the set of anchored patterns side by side when `how` says so.
    pub fn new(rules: Vec<(Arc<RuleMeta>, Arc<PatternConfig>)>, how: &Build) -> PatternCheck {
        let mut searches: Vec<Search> = Vec::new();
        let mut by_pattern: HashMap<&str, usize> = HashMap::new();
        let mut literals: HashMap<(String, bool), SetRefs> = HashMap::new();
        let mut required_mask = Vec::new();
        let mut unfiltered = Vec::new();
        let mut anchored = Vec::new();
        let mut order = 0;
        for (r, (_, config)) in rules.iter().enumerate() {
            for (g, group) in config.groups.iter().enumerate() {
                for matcher in &group.matchers {
                    let using = Use {
                        order,
                        rule: r,
                        group: g,
                    };
                    order += 1;
                    if let Some(&t) = by_pattern.get(matcher.pattern()) {
                        searches[t].uses.push(using);
                        continue;
                    }
                    let t = searches.len();
                    by_pattern.insert(matcher.pattern(), t);
                    searches.push(Search {
                        matcher: matcher.clone(),
                        uses: vec![using],
                    });
                    let sets = if matcher.anchored_at_start() {
                        anchored.push(t);
                        &[][..]
                    } else {
                        if matcher.literals().is_empty() {
                            unfiltered.push(t);
                        }
                        matcher.literals()
                    };
                    debug_assert!(sets.len() <= 8, "at most 8 required sets fit a mask");
                    required_mask.push(((1u16 << sets.len()) - 1) as u8);
                    for (k, set) in sets.iter().enumerate() {
                        for literal in set {
                            literals
                                .entry((literal.text().to_string(), literal.exact_case))
                                .or_default()
                                .push((t, k as u8));
                        }
                    }
                }
            }
        }
        // Entries in order of their lower-cased text: the automaton holds
        // each such text once, and a hit on it stands for the run of
        // entries that share it (`AI` in exact case and `ai`).
        let mut entries: Vec<(String, (String, bool), SetRefs)> = literals
            .into_iter()
            .map(|(key, pairs)| (key.0.to_ascii_lowercase(), key, pairs))
            .collect();
        entries.sort();
        let mut keys: Vec<&str> = Vec::new();
        let mut sharing: Vec<Range<u32>> = Vec::new();
        for (i, (lower, _, _)) in entries.iter().enumerate() {
            if keys.last() == Some(&lower.as_str()) {
                sharing.last_mut().expect("a range per key").end += 1;
            } else {
                keys.push(lower);
                sharing.push(i as u32..i as u32 + 1);
            }
        }
        // The automaton reads text as if lower-cased, so it holds one
        // case of each letter.
        let opening: Vec<&str> = anchored
            .iter()
            .map(|&t| searches[t].matcher.pattern())
            .collect();
        let (automaton, opening_set) = how.join(
            || Automaton::new(&keys, DENSE_BUDGET),
            || opening_set(&opening),
        );
        let automaton = match automaton {
            Some(automaton) => Some(automaton),
            None if keys.is_empty() => None,
            None => {
                // Beyond the automaton's limits: every pattern runs on
                // every block, slower but with the same findings.
                unfiltered = (0..searches.len())
                    .filter(|t| !anchored.contains(t))
                    .collect();
                None
            }
        };
        let satisfies = entries
            .into_iter()
            .map(|(_, (text, exact_case), pairs)| LiteralEntry {
                exact: exact_case.then_some(text),
                pairs,
            })
            .collect();
        PatternCheck {
            rules,
            searches,
            literals: automaton,
            sharing,
            satisfies,
            required_mask,
            unfiltered,
            anchored,
            opening_set,
            spare: Mutex::new(Vec::new()),
        }
    }

    /// Scratch space for one document: a used one if a thread left one,
    /// so the per-literal and per-pattern tables are not allocated and
    /// filled again for every article.
    fn take_scratch(&self) -> Scratch {
        let spare = self.spare.lock().map(|mut s| s.pop()).unwrap_or(None);
        spare.unwrap_or_else(|| Scratch {
            block: 0,
            literal_block: vec![0; self.satisfies.len()],
            seen: vec![0; self.searches.len()],
            touched: Vec::new(),
            candidates: Vec::new(),
            folded: String::new(),
        })
    }

    /// Keeps `scratch` for the next document.
    fn put_back(&self, scratch: Scratch) {
        if let Ok(mut spare) = self.spare.lock() {
            spare.push(scratch);
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
        if scratch.block == 0 {
            // Stamps wrapped around: forget them all, start again at 1.
            scratch.literal_block.fill(0);
            scratch.block = 1;
        }
        let Some(automaton) = &self.literals else {
            return self.collect_candidates(text, scratch);
        };
        // The literals are folded to ASCII small letters; a case-insensitive
        // regex also reads `ſ` as `s` and the Kelvin sign as `k`.
        let untrapped;
        let read = if runs::has_case_trap(text) {
            untrapped = runs::untrapped(text);
            &untrapped
        } else {
            text
        };
        let folded = literals::fold_space_in(read, &mut scratch.folded);
        automaton.for_each_match(folded, |key, found| {
            let shared = self.sharing[key as usize].clone();
            for literal in shared.start as usize..shared.end as usize {
                if scratch.literal_block[literal] == scratch.block {
                    continue;
                }
                let LiteralEntry { exact, pairs } = &self.satisfies[literal];
                if exact
                    .as_deref()
                    .is_some_and(|e| e.as_bytes() != &folded.as_bytes()[found.clone()])
                {
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
        });
        self.collect_candidates(text, scratch);
    }

    /// Lists the targets to run after a scan, in target order: those whose
    /// required literals all occurred, those with none, and the anchored
    /// patterns that match at the start of `text`.
    fn collect_candidates(&self, text: &str, scratch: &mut Scratch) {
        scratch.candidates.clear();
        scratch.candidates.extend(
            scratch
                .touched
                .iter()
                .copied()
                .filter(|&t| scratch.seen[t] == self.required_mask[t]),
        );
        scratch.candidates.extend_from_slice(&self.unfiltered);
        if !self.anchored.is_empty() {
            match &self.opening_set {
                Some(set) => scratch
                    .candidates
                    .extend(set.matches(text).iter().map(|i| self.anchored[i])),
                None => scratch.candidates.extend_from_slice(&self.anchored),
            }
        }
        scratch.candidates.sort_unstable();
    }
}

/// Ranges already reported, or cancelled by exceptions, for one rule in one block.
///
/// Both are searched in O(log n) per match, so a block with many findings
/// (a minified page is one block) costs no more per finding than a short one.
#[derive(Default)]
struct RuleHits {
    /// Reported ranges (never overlapping each other), start to end.
    reported: std::collections::BTreeMap<usize, usize>,
    /// Exception matches by start, each with the largest end up to it.
    exceptions: Option<Vec<(Range<usize>, usize)>>,
}

impl RuleHits {
    /// Whether `range` overlaps a reported range: with disjoint ranges,
    /// only the last one starting before `range` ends can.
    fn overlaps_reported(&self, range: &Range<usize>) -> bool {
        self.reported
            .range(..range.end)
            .next_back()
            .is_some_and(|(_, &end)| end > range.start)
    }
}

/// Exception ranges sorted by start, each with the largest end so far.
fn exception_index(mut ranges: Vec<Range<usize>>) -> Vec<(Range<usize>, usize)> {
    ranges.sort_by_key(|r| r.start);
    let mut max_end = 0;
    ranges
        .into_iter()
        .map(|r| {
            max_end = max_end.max(r.end);
            (r, max_end)
        })
        .collect()
}

/// Whether `range` overlaps an exception: one of those starting before it
/// ends reaches past its start.
fn overlaps(exceptions: &[(Range<usize>, usize)], range: &Range<usize>) -> bool {
    let before = exceptions.partition_point(|(r, _)| r.start < range.end);
    before > 0 && exceptions[before - 1].1 > range.start
}

impl Check for PatternCheck {
    fn check(&self, doc: &Article<'_>, out: &mut Vec<Diagnostic>) {
        let mut scratch = self.take_scratch();
        let mut hits: HashMap<usize, RuleHits> = HashMap::new();
        // Per block: the matches of each pattern that matched, and its uses
        // in scope, put back in rule order.
        let mut matches: Vec<Vec<Range<usize>>> = Vec::new();
        let mut found_uses: Vec<(Use, usize)> = Vec::new();
        for block in doc.blocks() {
            let text = block.text();
            self.scan(text, &mut scratch);
            matches.clear();
            found_uses.clear();
            for &t in &scratch.candidates {
                let search = &self.searches[t];
                let in_scope = |u: &&Use| {
                    let (meta, config) = &self.rules[u.rule];
                    meta.scope.contains(block.kind)
                        && config.groups[u.group]
                            .scope
                            .is_none_or(|scope| scope.contains(block.kind))
                };
                if !search.uses.iter().any(|u| in_scope(&u)) {
                    continue;
                }
                let ranges = search.matcher.find_all(text);
                if ranges.is_empty() {
                    continue;
                }
                let at = matches.len();
                matches.push(ranges);
                found_uses.extend(search.uses.iter().filter(in_scope).map(|&u| (u, at)));
            }
            found_uses.sort_unstable_by_key(|(u, _)| u.order);
            hits.clear();
            for &(using, at) in &found_uses {
                let (meta, config) = &self.rules[using.rule];
                let group = &config.groups[using.group];
                for range in &matches[at] {
                    let state = hits.entry(using.rule).or_default();
                    if state.overlaps_reported(range) {
                        continue;
                    }
                    let exceptions = state.exceptions.get_or_insert_with(|| {
                        exception_index(
                            config
                                .exceptions
                                .iter()
                                .flat_map(|e| e.find_all(text))
                                .collect(),
                        )
                    });
                    if overlaps(exceptions, range) {
                        continue;
                    }
                    let template = group.message.as_deref().unwrap_or(&meta.message);
                    let message = render_message(template, &text[range.clone()]);
                    let mut found = diagnostic(meta, message, block.source_range(range.clone()));
                    if group.help.is_some() {
                        found.help = group.help.clone();
                    }
                    out.push(found);
                    state.reported.insert(range.start, range.end);
                }
            }
        }
        self.put_back(scratch);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::RuleSet;
    use crate::source::Source;
    use crate::{Format, Linter};

    const RULE: &str = r#"id: furniture
severity: warning
kind: pattern
summary: s
message: "m {match}"
description: d
why: w
patterns:
  - regexes: ['(?i)^advertisement$', '(?i)^(?:print|share)(?-u:\b)', 'sponsored']
examples:
  flag: [Advertisement]
  pass: [bar]
"#;

    #[test]
    fn anchored_patterns_match_only_where_a_block_opens() {
        let mut rules = RuleSet::empty();
        rules.add_str(RULE, "furniture.yaml").unwrap();
        let text =
            "Advertisement\n\nAn advertisement ran. Print it.\n\nShare this, sponsored by Acme.\n";
        let source = Source::new("t", text);
        let found = Linter::new(rules).lint(&source, Format::Markdown);
        let hits: Vec<&str> = found.iter().map(|d| &text[d.range.clone()]).collect();
        assert_eq!(hits, ["Advertisement", "Share", "sponsored"]);
    }

    #[test]
    fn a_group_reads_only_the_block_kinds_of_its_scope() {
        let rule = RULE.replace(
            "  - regexes: ['(?i)^advertisement$'",
            "  - regexes: ['Photo: [A-Z]']\n    scope: [paragraph]\n  - regexes: ['(?i)^advertisement$'",
        );
        let mut rules = RuleSet::empty();
        rules.add_str(&rule, "furniture.yaml").unwrap();
        let text = "<p>The quay reopened. Photo: Ann Lee</p>\n\
                    <figure><img src=\"q.jpg\"><figcaption>The quay. Photo: Ann Lee</figcaption></figure>\n";
        let source = Source::new("t", text);
        let found = Linter::new(rules).lint(&source, Format::Html);
        let at: Vec<usize> = found.iter().map(|d| d.range.start).collect();
        assert_eq!(at, [text.find("Photo").unwrap()]);
    }

    #[test]
    fn the_compact_automaton_finds_what_the_dense_one_finds() {
        use super::Automaton;
        let keys = ["as you", "requested", "ai", "per cent", "e th", "ed "];
        let text = "As you requested, the AI said 5 per cent. He thEN nodded. Moved on";
        let found = |automaton: &Automaton| {
            let mut hits = Vec::new();
            automaton.for_each_match(text, |key, range| hits.push((key, range.start, range.end)));
            hits.sort();
            hits.dedup();
            hits
        };
        let dense = Automaton::new(&keys, 1 << 20).unwrap();
        let compact = Automaton::new(&keys, 0).unwrap();
        assert!(matches!(dense, Automaton::Dense(_)));
        assert!(matches!(compact, Automaton::Compact(_)));
        let hits = found(&dense);
        let texts: Vec<&str> = hits.iter().map(|&(_, s, e)| &text[s..e]).collect();
        assert_eq!(
            texts,
            ["As you", "requested", "AI", "ai", "per cent", "e th", "ed "]
        );
        assert_eq!(found(&compact), hits);
    }

    #[test]
    fn phrases_are_found_across_any_white_space() {
        let rule = RULE.replace(
            r"['(?i)^advertisement$', '(?i)^(?:print|share)(?-u:\b)', 'sponsored']",
            r"['(?i)as\s+you\s+requested', 'per\s*cent']",
        );
        let mut rules = RuleSet::empty();
        rules.add_str(&rule, "furniture.yaml").unwrap();
        let text = "As  you\n requested, 5 per\u{a0}cent.\n\nAs\u{2003}you requested; 6 percent.\n";
        let source = Source::new("t", text);
        let found = Linter::new(rules).lint(&source, Format::Markdown);
        let hits: Vec<&str> = found.iter().map(|d| &text[d.range.clone()]).collect();
        assert_eq!(
            hits,
            [
                "As  you\n requested",
                "per\u{a0}cent",
                "As\u{2003}you requested",
                "percent"
            ]
        );
    }

    /// The differential test of the pattern engine: whatever the prefilter
    /// (literal sets read by the automaton, the set of anchored patterns)
    /// decides, a pattern that matches a text must be among the candidates
    /// the scan leaves, so the engine finds exactly what running every
    /// regex on every block finds. Checked on every pattern of the built-in
    /// pack and on generated patterns, over texts generated from the
    /// patterns themselves (rand_regex draws strings each pattern matches,
    /// look-arounds left out), set in generated context with white space,
    /// case and apostrophes varied.
    mod differential {
        use std::sync::Arc;

        use rand::rngs::StdRng;
        use rand::{RngExt, SeedableRng};
        use regex_syntax::hir::{self, Hir, HirKind};

        use super::super::{Build, PatternCheck, PatternConfig, PatternGroup};
        use crate::engine::matcher::Matcher;
        use crate::kinds::RuleMeta;
        use crate::rules::RuleSet;

        /// `hir` with its look-arounds (`\b`, `^`, `$`) taken out: what
        /// rand_regex can draw from. A drawn text set in context may then
        /// not match; only texts that do are held to the prefilter.
        fn without_looks(hir: &Hir) -> Hir {
            match hir.kind() {
                HirKind::Look(_) => Hir::empty(),
                HirKind::Concat(parts) => Hir::concat(parts.iter().map(without_looks).collect()),
                HirKind::Alternation(parts) => {
                    Hir::alternation(parts.iter().map(without_looks).collect())
                }
                HirKind::Repetition(rep) => Hir::repetition(hir::Repetition {
                    sub: Box::new(without_looks(&rep.sub)),
                    ..rep.clone()
                }),
                HirKind::Capture(capture) => Hir::capture(hir::Capture {
                    sub: Box::new(without_looks(&capture.sub)),
                    ..capture.clone()
                }),
                HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) => hir.clone(),
            }
        }

        /// Strings `pattern` matches, drawn at random (none when the
        /// pattern cannot be drawn from).
        fn witnesses(pattern: &str, rng: &mut StdRng, count: usize) -> Vec<String> {
            let Ok(hir) = regex_syntax::Parser::new().parse(pattern) else {
                return Vec::new();
            };
            let Ok(draw) = rand_regex::Regex::with_hir(without_looks(&hir), 3) else {
                return Vec::new();
            };
            (0..count)
                .filter_map(|_| rng.sample::<Result<String, _>, _>(&draw).ok())
                .collect()
        }

        /// Context and variation around a witness.
        const GLUE: &[&str] = &[
            " ", "\n", "\u{a0}", "\u{2003}", ". ", ", ", "“", "”", "’", "'", "(", ")", "—", "the ",
            "said ", "A", "x", "1", "\t", "",
        ];

        fn varied(rng: &mut StdRng, witness: &str) -> String {
            let mut text = String::new();
            for _ in 0..rng.random_range(0..3) {
                text.push_str(GLUE[rng.random_range(0..GLUE.len())]);
            }
            for c in witness.chars() {
                match rng.random_range(0..12) {
                    0 if c == ' ' => text.push_str("\n  "),
                    1 if c == '\'' => text.push('’'),
                    2 => text.extend(c.to_uppercase()),
                    _ => text.push(c),
                }
            }
            for _ in 0..rng.random_range(0..3) {
                text.push_str(GLUE[rng.random_range(0..GLUE.len())]);
            }
            text
        }

        /// Asserts the prefilter keeps every pattern of `check` that
        /// matches one of `texts`; returns how many (pattern, text) matches
        /// were held to it.
        fn assert_no_match_is_dropped(check: &PatternCheck, texts: &[String]) -> usize {
            let mut scratch = check.take_scratch();
            let mut held = 0;
            for text in texts {
                check.scan(text, &mut scratch);
                for (t, search) in check.searches.iter().enumerate() {
                    if search.matcher.find_all(text).is_empty() {
                        continue;
                    }
                    held += 1;
                    assert!(
                        scratch.candidates.binary_search(&t).is_ok(),
                        "the prefilter dropped `{}`, which matches {text:?}",
                        search.matcher.pattern()
                    );
                }
            }
            held
        }

        fn pack_check() -> PatternCheck {
            let rules = RuleSet::builtin().expect("the built-in pack loads");
            let pattern_rules: Vec<(Arc<RuleMeta>, Arc<PatternConfig>)> = rules
                .rules()
                .iter()
                .filter_map(|r| {
                    let config = r.config.clone().downcast::<PatternConfig>().ok()?;
                    Some((r.meta.clone(), config))
                })
                .collect();
            assert!(pattern_rules.len() >= 4, "the pack's pattern rules");
            PatternCheck::new(pattern_rules, &Build::sequential())
        }

        #[test]
        fn every_pack_pattern_is_found_where_it_matches() {
            let check = pack_check();
            let mut rng = StdRng::seed_from_u64(19);
            let mut texts = Vec::new();
            for search in &check.searches {
                for witness in witnesses(search.matcher.pattern(), &mut rng, 6) {
                    texts.push(varied(&mut rng, &witness));
                }
            }
            let held = assert_no_match_is_dropped(&check, &texts);
            // Most drawn texts match their pattern: the test reads what it
            // claims to, for hundreds of patterns.
            assert!(
                held > check.searches.len() * 2,
                "{held} matches held over {} patterns",
                check.searches.len()
            );
        }

        /// Words and pieces patterns are generated from.
        const WORDS: &[&str] = &[
            "as", "an", "ai", "language", "model", "provided", "share", "this", "sign", "up",
            "per", "cent", "it's", "don't", "read", "more", "{{", "}}", "[insert", "name]",
        ];

        /// A random regex over [`WORDS`]: alternations, optional parts,
        /// repetitions, white-space runs, classes, boundaries and anchors.
        fn random_pattern(rng: &mut StdRng, depth: usize) -> String {
            let word = |rng: &mut StdRng| regex::escape(WORDS[rng.random_range(0..WORDS.len())]);
            if depth == 0 {
                return word(rng);
            }
            match rng.random_range(0..9) {
                0 => format!(
                    "(?:{}|{})",
                    random_pattern(rng, depth - 1),
                    random_pattern(rng, depth - 1)
                ),
                1 => format!("{}\\s+{}", random_pattern(rng, depth - 1), word(rng)),
                2 => format!("(?:{})?{}", random_pattern(rng, depth - 1), word(rng)),
                3 => format!("(?i){}", random_pattern(rng, depth - 1)),
                4 => format!("\\b{}\\b", random_pattern(rng, depth - 1)),
                5 => format!("^\\s*{}", random_pattern(rng, depth - 1)),
                6 => format!("{}[0-9]{{1,3}}", word(rng)),
                7 => format!("{}(?:[,.]\\s*)?{}", word(rng), random_pattern(rng, depth - 1)),
                _ => format!("{} {}", word(rng), random_pattern(rng, depth - 1)),
            }
        }

        #[test]
        fn generated_patterns_are_found_where_they_match() {
            let mut rng = StdRng::seed_from_u64(23);
            let mut held = 0;
            for round in 0..40 {
                let mut matchers = Vec::new();
                for _ in 0..8 {
                    let pattern = random_pattern(&mut rng, 3);
                    let matcher = if round % 2 == 0 {
                        Matcher::regex(&pattern)
                    } else {
                        Matcher::phrase(&pattern.replace(['\\', '(', ')', '?', '|', '^', '[', ']'], " "))
                    };
                    if let Ok(m) = matcher {
                        if !m.matches_empty() {
                            matchers.push(m);
                        }
                    }
                }
                let config = Arc::new(PatternConfig {
                    groups: vec![PatternGroup {
                        message: None,
                        help: None,
                        matchers,
                        scope: None,
                    }],
                    exceptions: Vec::new(),
                });
                let meta = RuleSet::builtin_rule("template-leak").expect("a rule")
                    .rules()[0]
                    .meta
                    .clone();
                let check = PatternCheck::new(vec![(meta, config)], &Build::sequential());
                let mut texts = Vec::new();
                for search in &check.searches {
                    for witness in witnesses(search.matcher.pattern(), &mut rng, 4) {
                        texts.push(varied(&mut rng, &witness));
                    }
                }
                held += assert_no_match_is_dropped(&check, &texts);
            }
            assert!(held > 200, "{held} matches held");
        }
    }
}
