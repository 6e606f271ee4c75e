//! The `empty-section` check: a heading with nothing under it.
//!
//! Templates print their section headings whether or not the model filled
//! them: "Related coverage" followed straight by the next heading, a
//! "Sources" heading with no links. A heading is empty when no block follows
//! it before the next heading of the same or a higher level (a heading
//! followed by its own subsections is not empty). Plain text cannot show a
//! heading at the very end, so a bare last line naming a closing section
//! ("Sources") counts too. When the text elsewhere points at the empty
//! section ("links are in the Sources section"), that sentence is attached
//! as evidence.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use daachorse::DoubleArrayAhoCorasick;
use regex::{Regex, RegexSet};

use serde::Deserialize;

use super::validate::{matchers, not_empty};
use super::{diagnostic, render_message, Build, Check, Invalid, Kind, RuleMeta};
use crate::analyses::Article;
use crate::diagnostic::{Diagnostic, Label};
use crate::document::{Block, BlockKind, Format};
use crate::engine::gate::{self, Gate};
use crate::engine::matcher::Matcher;
use crate::engine::ListSpec;

/// The `empty-section` kind.
pub struct EmptySection;

/// The keys of a `kind: empty-section` rule file.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EmptySectionParams {
    /// Headings that are page furniture rather than article sections
    /// (comment widgets, share bars); never reported here.
    pub ignore: ListSpec,
    /// Names of the sections article templates print. Plain text shows
    /// no heading levels (a bare line over a bare line may be a heading
    /// over its subheading, or a list), so there only headings with
    /// these names are reported; and a bare last line with one of these
    /// names is an empty section in any format.
    pub section_names: ListSpec,
    /// Regexes for a sentence that points at a section; `{heading}`
    /// stands for the heading's text (escaped, case-insensitive).
    pub references: Vec<String>,
    /// Message of the secondary label on such a sentence.
    pub reference_label: String,
}

impl Kind for EmptySection {
    const NAME: &'static str = "empty-section";
    type Params = EmptySectionParams;
    type Config = EmptySectionConfig;

    fn compile(params: EmptySectionParams) -> Result<EmptySectionConfig, Invalid> {
        for template in &params.references {
            if !template.contains(HEADING_PLACEHOLDER) {
                return Err(Invalid::new(
                    format!("reference `{template}` must contain {HEADING_PLACEHOLDER}"),
                    Some(template),
                ));
            }
            let sample = template.replace(HEADING_PLACEHOLDER, "Sources");
            regex::Regex::new(&sample).map_err(|e| {
                Invalid::new(
                    format!("invalid reference regex `{template}`:\n{e}"),
                    Some(template),
                )
            })?;
        }
        Ok(EmptySectionConfig {
            ignore: matchers(&params.ignore)?,
            section_names: matchers(&params.section_names)?,
            references: params.references,
            reference_label: not_empty(params.reference_label, "reference_label")?,
        })
    }

    fn checks(rules: Vec<(Arc<RuleMeta>, Arc<EmptySectionConfig>)>, _: &Build) -> Vec<Box<dyn Check>> {
        rules
            .into_iter()
            .map(|(meta, config)| Box::new(EmptySectionCheck::new(meta, config)) as Box<dyn Check>)
            .collect()
    }
}

/// A compiled `kind: empty-section` rule.
#[derive(Debug, Clone)]
pub struct EmptySectionConfig {
    /// Furniture headings never reported.
    pub ignore: Vec<Matcher>,
    /// Template section names: the only headings reported in plain text,
    /// and the names a bare last line may have to count as a heading.
    pub section_names: Vec<Matcher>,
    /// Reference templates; `{heading}` stands for the heading text.
    pub references: Vec<String>,
    /// Message of the label on a referring sentence.
    pub reference_label: String,
}

/// Placeholder for the heading text in reference templates.
pub const HEADING_PLACEHOLDER: &str = "{heading}";

/// One `empty-section` rule at run time.
#[derive(Debug)]
pub struct EmptySectionCheck {
    meta: Arc<RuleMeta>,
    config: Arc<EmptySectionConfig>,
    ignore_gates: Vec<Gate>,
    /// Every section name anchored at both ends, compiled on first use: a
    /// text none of them matches whole is no section name, and most last
    /// blocks (long paragraphs) are ruled out after a few bytes.
    whole_names: OnceLock<Option<RegexSet>>,
    /// Compiled reference patterns by lower-cased heading name.
    reference_cache: Mutex<HashMap<String, Arc<Regex>>>,
}

/// Most heading names whose reference patterns are kept compiled.
const REFERENCE_CACHE_SIZE: usize = 512;

impl EmptySectionCheck {
    /// A check for one rule.
    pub fn new(meta: Arc<RuleMeta>, config: Arc<EmptySectionConfig>) -> EmptySectionCheck {
        EmptySectionCheck {
            ignore_gates: gate::gates(&config.ignore),
            meta,
            config,
            whole_names: OnceLock::new(),
            reference_cache: Mutex::new(HashMap::new()),
        }
    }

    /// Indices of the blocks that head an empty section.
    fn empty_headings(&self, doc: &Article<'_>) -> Vec<usize> {
        let blocks = doc.blocks();
        let mut found = Vec::new();
        for section in doc.sections() {
            let Some(heading) = section.heading else {
                continue;
            };
            if !section.blocks.is_empty() {
                continue;
            }
            let level = blocks[heading].level;
            let subsection = blocks
                .get(section.blocks.end)
                .is_some_and(|next| next.kind == BlockKind::Heading && next.level > level);
            if !subsection {
                found.push(heading);
            }
        }
        // A bare closing line that names a section ("Sources").
        if let Some(last) = blocks.len().checked_sub(1) {
            if blocks[last].kind == BlockKind::Paragraph && self.is_section_name(&blocks[last]) {
                found.push(last);
            }
        }
        if doc.format() == Format::Plain {
            // Either the empty heading has a template section's name, or
            // the heading after it has one: a template's sections are
            // siblings, so the line above a "Background" heading is not
            // its title (the article's first line may be: it is left out).
            let sibling = |i: usize| {
                i > 0
                    && blocks
                        .get(i + 1)
                        .is_some_and(|next| next.kind == BlockKind::Heading && self.is_section_name(next))
            };
            found.retain(|&i| self.is_section_name(&blocks[i]) || sibling(i));
        }
        found.retain(|&i| {
            self.meta.scope.contains(blocks[i].kind)
                && !gate::any_match(&self.config.ignore, &self.ignore_gates, blocks[i].text())
        });
        found
    }

    /// Whether a block's whole text is a template section name.
    fn is_section_name(&self, block: &Block<'_>) -> bool {
        let name = block.text().trim_end_matches([':', ' ']);
        let whole_names = self.whole_names.get_or_init(|| {
            let patterns: Option<Vec<String>> = self
                .config
                .section_names
                .iter()
                .map(gate::whole_text_pattern)
                .collect();
            RegexSet::new(patterns?).ok()
        });
        if whole_names.as_ref().is_some_and(|set| !set.is_match(name)) {
            return false;
        }
        self.config
            .section_names
            .iter()
            .any(|m| m.find_all(name).first() == Some(&(0..name.len())))
    }

    /// The reference pattern for one heading: every template with the
    /// heading's words in place of the placeholder.
    fn reference_pattern(&self, heading: &Block<'_>) -> String {
        let name = heading.text().trim_end_matches([':', ' ']);
        let escaped = name
            .split_whitespace()
            .map(regex::escape)
            .collect::<Vec<_>>()
            .join(r"\s+");
        let alternatives: Vec<String> = self
            .config
            .references
            .iter()
            .map(|t| format!("(?:{})", t.replace(HEADING_PLACEHOLDER, &escaped)))
            .collect();
        format!("(?i){}", alternatives.join("|"))
    }

    /// The compiled reference pattern for one heading. Archives repeat the
    /// same few empty headings ("Sources", "Related coverage"), so patterns
    /// are kept by heading name (up to [`REFERENCE_CACHE_SIZE`] of them)
    /// instead of being compiled again for every article.
    fn reference_regex(&self, heading: &Block<'_>) -> Option<Arc<Regex>> {
        let key = heading.text().to_lowercase();
        let mut cache = self
            .reference_cache
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(regex) = cache.get(&key) {
            return Some(Arc::clone(regex));
        }
        // Templates were compiled with a sample heading at load time.
        let regex = Arc::new(Regex::new(&self.reference_pattern(heading)).ok()?);
        if cache.len() < REFERENCE_CACHE_SIZE {
            cache.insert(key, Arc::clone(&regex));
        }
        Some(regex)
    }

    /// For each empty heading, the first sentence elsewhere that points at
    /// it; one pass over the document for all of them.
    ///
    /// A reference holds the heading's words, so a block is tried only
    /// against the headings whose name it contains (found for all names at
    /// once by one Aho-Corasick pass over the block, lower-cased with its
    /// spaces collapsed), and headings of one name share their search. The
    /// work is linear in the text however many empty headings there are,
    /// and a heading no other block names costs no regex at all. The
    /// automaton is daachorse's double array: the `aho-corasick` crate's
    /// builder reorders its states by pairwise swaps whose bookkeeping is
    /// quadratic when most states are matches, as they are for numbered
    /// headings (180,000 empty "Section number N" headings took 7.6 s,
    /// 45,000 of them 0.9 s).
    fn references(&self, doc: &Article<'_>, headings: &[usize]) -> Vec<Option<Label>> {
        let mut labels = vec![None; headings.len()];
        if self.config.references.is_empty() || headings.is_empty() {
            return labels;
        }
        let blocks = doc.blocks();
        // Headings by name: names[n] is a name, owners[n] its headings.
        let mut by_name: HashMap<String, usize> = HashMap::new();
        let mut names: Vec<String> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        for (which, &h) in headings.iter().enumerate() {
            let name = folded(blocks[h].text().trim_end_matches([':', ' ']));
            if name.is_empty() {
                continue;
            }
            let n = *by_name.entry(name.clone()).or_insert_with(|| {
                names.push(name);
                owners.push(Vec::new());
                names.len() - 1
            });
            owners[n].push(which);
        }
        let Ok(finder) = DoubleArrayAhoCorasick::<u32>::new(&names) else {
            return labels;
        };
        let mut regexes: Vec<Option<Option<Arc<Regex>>>> = vec![None; names.len()];
        let mut open = headings.len();
        let mut candidates: Vec<usize> = Vec::new();
        for (index, block) in blocks.iter().enumerate() {
            if open == 0 {
                break;
            }
            candidates.clear();
            let text = folded(block.text());
            // Whole words only: "section 1" is not named by "section 10".
            let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            candidates.extend(
                finder
                    .find_overlapping_iter(&text)
                    .filter(|m| {
                        let name = &text[m.start()..m.end()];
                        let before = text[..m.start()].chars().next_back();
                        let after = text[m.end()..].chars().next();
                        !(alnum(name.chars().next()) && alnum(before)
                            || alnum(name.chars().next_back()) && alnum(after))
                    })
                    .map(|m| m.value() as usize),
            );
            candidates.sort_unstable();
            candidates.dedup();
            for &n in &candidates {
                let waiting = |which: &usize| labels[*which].is_none() && headings[*which] != index;
                if !owners[n].iter().any(waiting) {
                    continue;
                }
                let first = owners[n][0];
                let regex = regexes[n]
                    .get_or_insert_with(|| self.reference_regex(&blocks[headings[first]]));
                let Some(regex) = regex else { continue };
                if !regex.is_match(block.text()) {
                    continue;
                }
                let sentence = doc
                    .sentences(index)
                    .iter()
                    .find(|s| regex.is_match(&block.text()[(*s).clone()]));
                if let Some(sentence) = sentence {
                    for &which in &owners[n] {
                        if labels[which].is_none() && headings[which] != index {
                            labels[which] = Some(Label {
                                range: block.source_range(sentence.clone()),
                                message: self.config.reference_label.clone(),
                            });
                            open -= 1;
                        }
                    }
                }
            }
        }
        labels
    }
}

/// Text lower-cased with each run of whitespace made one space: the form in
/// which a heading's name is looked for in a block.
fn folded(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

impl Check for EmptySectionCheck {
    fn check(&self, doc: &Article<'_>, out: &mut Vec<Diagnostic>) {
        let headings = self.empty_headings(doc);
        let labels = self.references(doc, &headings);
        for (heading, label) in headings.into_iter().zip(labels) {
            let block = &doc.blocks()[heading];
            let range = 0..block.text().len();
            let message = render_message(&self.meta.message, block.text());
            let mut found = diagnostic(&self.meta, message, block.source_range(range));
            found.labels.extend(label);
            out.push(found);
        }
    }
}
