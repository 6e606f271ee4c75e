//! The `register` kind: who a sentence is spoken by and to.
//!
//! Phrase lists catch the phrasings someone thought of; a pipeline that
//! talks to its operator writes new ones every week, but the register gives
//! it away: the writer as "I" and the reader as "you" in one sentence, words
//! of the writing task (the text, the prompt, your request), refusal frames,
//! requests for input, policy and training talk, offers of another version.
//! So a `register` rule has two layers, both from its YAML:
//!
//! - strong signals, phrase and regex groups written as a `pattern` rule
//!   writes them: each match is a finding (they run in the run's one shared
//!   pattern scan, [`super::pattern::PatternCheck`], like a pattern rule's);
//! - weak cues with weights: the weights of the distinct cues a sentence
//!   holds are added up, and a sentence reaching the threshold is a
//!   finding whose message names what was seen. A sentence a strong signal
//!   already reported is left to it; cue matches overlapping the rule's
//!   `not_cues` ("your article" in a letter to the editor) count for
//!   nothing; blocks of the `conversation_blocks` kinds (the questions and
//!   answers of an interview) are not read for cues. The cues' words run
//!   in the shared scan too, as a gate: only blocks where one of them (a
//!   `common` cue aside) occurs are read for cues.
//!
//! Quoted speech: a cue inside attributed quoted speech (see
//! [`crate::analyses::quotes::Speech`]) counts as the rule's shared
//! `in_quotes:` key says: not at all (`skip`), towards an `info` finding
//! (`info`), or like any other (`report`). Strong findings inside such
//! speech are settled by the linter, as for every rule.

use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;

use super::pattern::{Pattern, PatternConfig, PatternGroup, PatternGroupSpec, PatternParams};
use super::{diagnostic, validate, Build, Check, InQuotes, Invalid, Kind, RuleMeta, Scope, ScopeName};
use crate::analyses::Article;
use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::lexicon::Lexicon;
use crate::engine::matcher::Matcher;
use crate::engine::runs::Runs;
use crate::engine::ListSpec;

/// The `register` kind.
pub struct Register;

/// The keys of a `kind: register` rule file.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterParams {
    /// Strong signals: each match is a finding.
    pub patterns: Vec<PatternGroupSpec>,
    /// Matches that cancel overlapping strong matches.
    #[serde(default)]
    pub exceptions: ListSpec,
    /// Weak signals, added up per sentence.
    #[serde(default)]
    pub cues: Vec<CueSpec>,
    /// Matches that count for no cue ("I can't help but wonder", "your
    /// article" in a letter to the editor).
    #[serde(default)]
    pub not_cues: ListSpec,
    /// Score a sentence needs to be a finding (default 2).
    #[serde(default = "two")]
    pub threshold: u32,
    /// Message of a cue finding; `{signals}` names the cues seen.
    #[serde(default)]
    pub cue_message: Option<String>,
    /// Block kinds that are a conversation on the page (the questions and
    /// answers of an interview): cues are not counted there, strong signals
    /// still are.
    #[serde(default)]
    pub conversation_blocks: Vec<ScopeName>,
}

/// One weak signal: a word list whose matches in a sentence add `weight`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CueSpec {
    /// What the cue is, as the finding's message names it ("a request for input").
    pub name: String,
    /// What a sentence holding the cue adds to its score (default 1).
    #[serde(default = "one")]
    pub weight: u32,
    /// Phrases: case-insensitive, whole words, any white space between words.
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Regular expressions, used as written.
    #[serde(default)]
    pub regexes: Vec<String>,
    /// A second list the same sentence must also match for the cue to count
    /// (the writer as "I" together with the reader as "you").
    #[serde(default)]
    pub with: Option<ListSpec>,
    /// Words so common that a sentence must hold some other cue as well:
    /// the weights of all common cues together stay below the threshold,
    /// and a block is read for cues only where an uncommon one occurs.
    #[serde(default)]
    pub common: bool,
}

fn one() -> u32 {
    1
}

fn two() -> u32 {
    2
}

/// Most cues of a rule: a sentence's cues are counted in a 64-bit set.
const MAX_CUES: usize = 64;

/// A compiled `kind: register` rule.
#[derive(Debug)]
pub struct RegisterConfig {
    /// Strong signals and their exceptions.
    strong: Arc<PatternConfig>,
    /// Weak cues.
    cues: Vec<Cue>,
    /// Matches that count for no cue.
    not_cues: Option<Lexicon>,
    /// Score a sentence needs.
    threshold: u32,
    /// Message of a cue finding; `{signals}` names the cues seen.
    cue_message: String,
    /// Block kinds where cues are not counted.
    conversation: Scope,
    /// The words of the cues that are not `common`, as one group of the
    /// shared scan (`None` without cues): a block where none occurs cannot
    /// reach the threshold.
    gate: Option<Arc<PatternConfig>>,
}

/// One weak cue, compiled.
#[derive(Debug)]
struct Cue {
    /// How the message names it.
    name: String,
    /// What it adds to a sentence's score.
    weight: u32,
    /// Its words.
    words: Lexicon,
    /// Words the same sentence must also hold.
    with: Option<Lexicon>,
    /// Too common to open a block for cues.
    common: bool,
}

/// A list as a [`Lexicon`], `None` when it is empty.
fn lexicon(list: &ListSpec, key: &'static str) -> Result<Option<Lexicon>, Invalid> {
    Ok(lexicon_and_matchers(list, key)?.map(|(lexicon, _)| lexicon))
}

/// A list as a [`Lexicon`] and as the pattern engine's matchers (which
/// validate it item by item), `None` when it is empty.
fn lexicon_and_matchers(
    list: &ListSpec,
    key: &'static str,
) -> Result<Option<(Lexicon, Vec<Matcher>)>, Invalid> {
    if list.is_empty() {
        return Ok(None);
    }
    let matchers = validate::matchers(list)?;
    let lexicon = Lexicon::new(&list.phrases, &list.regexes).map_err(Invalid::near(key))?;
    Ok(Some((lexicon, matchers)))
}

impl Kind for Register {
    const NAME: &'static str = "register";
    type Params = RegisterParams;
    type Config = RegisterConfig;

    fn compile(params: RegisterParams) -> Result<RegisterConfig, Invalid> {
        let strong = Pattern::compile(PatternParams {
            patterns: params.patterns,
            exceptions: params.exceptions,
        })?;
        if params.cues.len() > MAX_CUES {
            return Err(Invalid::new(
                format!("a `register` rule has at most {MAX_CUES} cues"),
                Some("cues:"),
            ));
        }
        let mut cues = Vec::with_capacity(params.cues.len());
        let mut gate = Vec::new();
        for cue in &params.cues {
            let name = validate::not_empty(cue.name.clone(), "name")?;
            if cue.weight == 0 {
                return Err(Invalid::new(
                    format!("cue `{name}`: `weight` must be at least 1"),
                    Some(&name),
                ));
            }
            let list = ListSpec {
                phrases: cue.phrases.clone(),
                regexes: cue.regexes.clone(),
            };
            let (words, matchers) = lexicon_and_matchers(&list, "cues:")?.ok_or_else(|| {
                Invalid::new(format!("cue `{name}` needs `phrases` or `regexes`"), Some(&name))
            })?;
            if !cue.common {
                gate.extend(matchers);
            }
            let with = match &cue.with {
                Some(list) => Some(lexicon(list, "with:")?.ok_or_else(|| {
                    Invalid::new(
                        format!("cue `{name}`: `with` needs `phrases` or `regexes`"),
                        Some(&name),
                    )
                })?),
                None => None,
            };
            cues.push(Cue {
                name,
                weight: cue.weight,
                words,
                with,
                common: cue.common,
            });
        }
        let threshold = validate::positive(params.threshold as usize, "threshold")? as u32;
        let cue_message = match params.cue_message {
            Some(message) if message.contains("{signals}") => message.trim().to_string(),
            Some(_) => {
                return Err(Invalid::new(
                    "`cue_message` must name the signals with `{signals}`",
                    Some("cue_message:"),
                ))
            }
            None if cues.is_empty() => String::new(),
            None => {
                return Err(Invalid::new(
                    "a rule with `cues` needs a `cue_message`",
                    Some("cues:"),
                ))
            }
        };
        // A finding needs cues of `threshold` weight; the common cues
        // together stay below it, so every finding holds an uncommon cue,
        // and the gate reads only those.
        let common: u32 = params
            .cues
            .iter()
            .filter(|c| c.common)
            .map(|c| c.weight)
            .sum();
        if common >= threshold {
            return Err(Invalid::new(
                format!("the `common` cues weigh {common} together: they must stay below the threshold ({threshold})"),
                Some("common:"),
            ));
        }
        let gate = (!gate.is_empty()).then(|| {
            Arc::new(PatternConfig {
                groups: vec![PatternGroup {
                    message: None,
                    help: None,
                    matchers: gate,
                    scope: None,
                }],
                exceptions: Vec::new(),
            })
        });
        Ok(RegisterConfig {
            strong: Arc::new(strong),
            cues,
            not_cues: lexicon(&params.not_cues, "not_cues:")?,
            threshold,
            cue_message,
            conversation: Scope::from_names(&params.conversation_blocks),
            gate,
        })
    }

    fn shared_patterns(
        meta: &Arc<RuleMeta>,
        config: &Arc<RegisterConfig>,
    ) -> Vec<(Arc<RuleMeta>, Arc<PatternConfig>)> {
        let mut shared = vec![(meta.clone(), config.strong.clone())];
        if let Some(gate) = &config.gate {
            let gate_meta = RuleMeta {
                id: gate_id(meta).into(),
                ..RuleMeta::clone(meta)
            };
            shared.push((Arc::new(gate_meta), gate.clone()));
        }
        shared
    }

    fn checks(rules: Vec<(Arc<RuleMeta>, Arc<RegisterConfig>)>, _: &Build) -> Vec<Box<dyn Check>> {
        let gates = rules.iter().map(|(meta, _)| gate_id(meta)).collect();
        vec![Box::new(RegisterCheck { rules, gates })]
    }
    fn explain(config: &RegisterConfig) -> Vec<String> {
        let strong: usize = config.strong.groups.iter().map(|g| g.matchers.len()).sum();
        let mut lines = vec![
            format!("Strong signals: {strong} phrases and patterns, each match a finding."),
            format!(
                "Weak signals, added up per sentence (each once); a sentence reaching {} is a finding:",
                config.threshold
            ),
        ];
        for cue in &config.cues {
            let paired = if cue.with.is_some() {
                ", only beside its companion words"
            } else {
                ""
            };
            let common = if cue.common { ", never alone" } else { "" };
            lines.push(format!("  - {} (weight {}{paired}{common})", cue.name, cue.weight));
        }
        if !config.conversation.names().is_empty() {
            lines.push(format!(
                "Not read for weak signals: {} blocks.",
                config.conversation.names().join(", ")
            ));
        }
        lines
    }
}

/// The id under which the shared scan reports a rule's cue gate: never a
/// rule id (a rule id is kebab-case), and taken out of the findings by the
/// rule's check before anything else reads them.
fn gate_id(meta: &RuleMeta) -> String {
    format!("{} cue gate", meta.id)
}

/// Every `register` rule of a run: each rule's cues, in the blocks its gate
/// opened (its strong findings are the shared scan's).
struct RegisterCheck {
    rules: Vec<(Arc<RuleMeta>, Arc<RegisterConfig>)>,
    /// Per rule, its gate's id.
    gates: Vec<String>,
}

/// A cue seen in a block: which cue, where (in the block's text), and
/// whether inside attributed speech.
struct Seen {
    cue: usize,
    range: Range<usize>,
    quoted: bool,
}

impl Check for RegisterCheck {
    fn check(&self, doc: &Article<'_>, out: &mut Vec<Diagnostic>) {
        let blocks = doc.blocks();
        // The gates' hits, taken out of the findings: per rule, the blocks
        // where a cue may be.
        let mut opened: Vec<Vec<usize>> = vec![Vec::new(); self.rules.len()];
        let mut i = 0;
        while i < out.len() {
            match self.gates.iter().position(|g| *out[i].rule == **g) {
                Some(r) => {
                    let hit = out.swap_remove(i);
                    let b = blocks
                        .partition_point(|block| block.range.start <= hit.range.start)
                        .saturating_sub(1);
                    opened[r].push(b);
                }
                None => i += 1,
            }
        }
        for ((meta, config), mut opened) in self.rules.iter().zip(opened) {
            if opened.is_empty() {
                continue;
            }
            opened.sort_unstable();
            opened.dedup();
            // Source ranges the rule's strong signals reported.
            let taken: Vec<Range<usize>> = out
                .iter()
                .filter(|d| d.rule == meta.id)
                .map(|d| d.range.clone())
                .collect();
            for b in opened {
                let kind = blocks[b].kind;
                if meta.scope.contains(kind) && !config.conversation.contains(kind) {
                    cue_findings(doc, b, meta, config, &taken, out);
                }
            }
        }
    }
}

/// The cue findings of one rule in block `b`, which its gate let through.
fn cue_findings(
    doc: &Article<'_>,
    b: usize,
    meta: &Arc<RuleMeta>,
    config: &RegisterConfig,
    taken: &[Range<usize>],
    out: &mut Vec<Diagnostic>,
) {
    let block = &doc.blocks()[b];
    let text = block.text();
    let runs = doc.word_runs(b);
    let all = 0..text.len();
    let mut seen: Vec<Seen> = Vec::new();
    for (c, cue) in config.cues.iter().enumerate() {
        for range in cue.words.find_in(text, runs, all.clone()) {
            seen.push(Seen {
                cue: c,
                range,
                quoted: false,
            });
        }
    }
    if distinct_weight(config, seen.iter()) < config.threshold {
        return;
    }
    if let Some(not_cues) = &config.not_cues {
        let cancel = not_cues.find_in(text, runs, all);
        seen.retain(|s| {
            !cancel
                .iter()
                .any(|c| c.start < s.range.end && s.range.start < c.end)
        });
    }
    if meta.in_quotes != InQuotes::Report {
        let speech = doc.speech();
        for s in &mut seen {
            s.quoted = speech.holds(b, &s.range);
        }
    }
    for sentence in doc.sentences(b) {
        let here: Vec<&Seen> = seen
            .iter()
            .filter(|s| sentence.start <= s.range.start && s.range.end <= sentence.end)
            .filter(|s| with_holds(config, s.cue, text, runs, sentence))
            .collect();
        let unquoted = || here.iter().copied().filter(|s| !s.quoted);
        let severity = match meta.in_quotes {
            InQuotes::Report => (distinct_weight(config, here.iter().copied())
                >= config.threshold)
                .then_some(meta.severity),
            _ if distinct_weight(config, unquoted()) >= config.threshold => Some(meta.severity),
            InQuotes::Info
                if distinct_weight(config, here.iter().copied()) >= config.threshold =>
            {
                Some(Severity::Info)
            }
            _ => None,
        };
        let Some(severity) = severity else {
            continue;
        };
        let range = trimmed(text, sentence.clone());
        let source = block.source_range(range);
        if taken
            .iter()
            .any(|t| t.start < source.end && source.start < t.end)
        {
            continue;
        }
        // An `info` finding names the quoted cues that made it.
        let quoted_too = meta.in_quotes == InQuotes::Report || severity == Severity::Info;
        let shown = here.iter().copied().filter(|s| quoted_too || !s.quoted);
        let message = config
            .cue_message
            .replace("{signals}", &signals(config, text, shown));
        let mut found = diagnostic(meta, message, source);
        found.severity = severity.min(meta.severity);
        out.push(found);
    }
}

/// The summed weight of the distinct cues among `seen`.
fn distinct_weight<'s>(config: &RegisterConfig, seen: impl Iterator<Item = &'s Seen>) -> u32 {
    let mut counted = 0u64;
    let mut weight = 0;
    for s in seen {
        let bit = 1u64 << s.cue;
        if counted & bit == 0 {
            counted |= bit;
            weight += config.cues[s.cue].weight;
        }
    }
    weight
}

/// Whether cue `cue`'s companion list (if any) matches in `sentence`.
fn with_holds(
    config: &RegisterConfig,
    cue: usize,
    text: &str,
    runs: &Runs,
    sentence: &Range<usize>,
) -> bool {
    config.cues[cue]
        .with
        .as_ref()
        .is_none_or(|with| with.is_match_in(text, runs, sentence.clone()))
}

/// The cues seen, each named with its first match: "a request for input
/// (`please provide`), …", in cue order.
fn signals<'s>(config: &RegisterConfig, text: &str, seen: impl Iterator<Item = &'s Seen>) -> String {
    let mut first: Vec<Option<Range<usize>>> = vec![None; config.cues.len()];
    for s in seen {
        first[s.cue].get_or_insert_with(|| s.range.clone());
    }
    first
        .iter()
        .enumerate()
        .filter_map(|(c, range)| {
            let words = text[range.clone()?].split_whitespace().collect::<Vec<_>>();
            Some(format!("{} (`{}`)", config.cues[c].name, words.join(" ")))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `range` of `text` without the white space at its ends.
fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.start + slice.trim_end().len();
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::testing::lint_with_builtin;
    use crate::Format;

    /// The prompt-leak findings on `text`: (line, column, severity, message).
    fn leaks(text: &str) -> Vec<(usize, usize, Severity, String)> {
        let (source, found) = lint_with_builtin("prompt-leak", text, Format::Plain);
        found
            .iter()
            .map(|d| {
                assert_eq!(&*d.rule, "prompt-leak");
                let at = source.position(d.range.start);
                (at.line, at.column, d.severity, d.message.clone())
            })
            .collect()
    }

    #[test]
    fn two_weak_cues_in_one_sentence_make_a_finding_that_names_them() {
        let found = leaks("The vote is on Monday.\n\nCould you share the text so the story can be finished?\n");
        assert_eq!(found.len(), 1, "{found:?}");
        let (line, column, severity, message) = &found[0];
        assert_eq!((*line, *column, *severity), (3, 1, Severity::Error));
        assert!(message.contains("a request for input (`Could you share`)"), "{message}");
        assert!(message.contains("a word of the writing task (`the text`)"), "{message}");
    }

    #[test]
    fn one_weak_cue_alone_is_no_finding() {
        assert!(leaks("The text of the bill runs to 400 pages.\n").is_empty());
        assert!(leaks("I asked the minister whether you would pay.\n").is_empty());
    }

    #[test]
    fn attributed_quotes_are_skipped_and_unattributed_ones_are_not() {
        assert!(
            leaks("“I cannot complete this request,” the chatbot replied on Tuesday.\n").is_empty()
        );
        let found = leaks("“I cannot complete this request without the text.”\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].0, found[0].1), (1, 1));
    }

    #[test]
    fn markdown_interview_answers_are_not_read_for_cues() {
        let text = "**Q: Would you like me to explain the delay?**\n\n\
                    **A:** Please send me the text of the complaint first.\n";
        let (_, found) = lint_with_builtin("prompt-leak", text, Format::Markdown);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn an_attributed_html_q_quotation_is_reporting() {
        let html = "<p>The chatbot replied <q>I cannot help with that request.</q> \
                    and the firm apologised.</p>";
        let (_, found) = lint_with_builtin("prompt-leak", html, Format::Html);
        assert!(found.is_empty(), "{found:?}");
        let bare = "<p>The chatbot replied. I cannot help with that request.</p>";
        let (_, found) = lint_with_builtin("prompt-leak", bare, Format::Html);
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn interview_answers_are_not_read_for_cues() {
        let text = "Q: Would you like me to say it again?\nA: Please send the text to my office.\n";
        let (_, found) = lint_with_builtin("prompt-leak", text, Format::Plain);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_sentence_a_strong_signal_reported_is_not_reported_again() {
        let found = leaks("As an AI language model, I cannot write your article on this topic.\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].3.contains("talking about itself"), "{found:?}");
    }

    #[test]
    fn explain_lists_the_signals_and_their_weights() {
        let rules = crate::RuleSet::builtin_rule("prompt-leak").unwrap();
        let rule = &rules.rules()[0];
        let lines = crate::kinds::explain(rule.meta.kind, &rule.config);
        assert!(lines[1].contains("reaching 2"), "{lines:?}");
        assert!(
            lines.contains(&"  - a request for input (weight 1)".to_string()),
            "{lines:?}"
        );
        assert!(lines.iter().any(|l| l.contains("only beside its companion words")));
        assert_eq!(lines.last().unwrap(), "Not read for weak signals: question, answer blocks.");
    }

    #[test]
    fn a_cue_list_without_words_is_refused() {
        let params: RegisterParams = serde_yaml::from_str(
            "patterns: [{phrases: [x]}]\ncues: [{name: empty}]\ncue_message: '{signals}'\n",
        )
        .unwrap();
        let error = Register::compile(params).unwrap_err();
        assert!(error.message.contains("needs `phrases` or `regexes`"), "{error:?}");
        let params: RegisterParams = serde_yaml::from_str(
            "patterns: [{phrases: [x]}]\ncues: [{name: c, phrases: [y]}]\ncue_message: none\n",
        )
        .unwrap();
        let error = Register::compile(params).unwrap_err();
        assert!(error.message.contains("{signals}"), "{error:?}");
    }
}
