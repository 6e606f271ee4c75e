//! The `truncated-ending` check: the article's prose stops mid-sentence.
//!
//! Generation pipelines cut copy at a token or character budget, so the
//! article ends on half a word ("…to Western businesses via A"), a function
//! word, an open quote. What ends a page is rarely the prose, though: credit
//! lines, datelines, share prompts, embedded-post signatures and link lists
//! follow it. The check walks back from the end past every block the rule's
//! `skip` lists say is not prose, past blocks under a link-list heading
//! ("Related", "Story Timeline"), and past blocks too short to be prose, and
//! reads only the last prose block. A second, gentler signal covers
//! summaries and quoted briefs that trail off with an ellipsis mid-sentence.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;

use super::validate::{matchers, not_empty, positive, share};
use super::{any_match, diagnostic, last_words, render_message};
use super::{Build, Check, Invalid, Kind, RuleMeta, Scope, ScopeName};
use crate::analyses::Article;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::BlockKind;
use crate::engine::chars::CLOSERS;
use crate::engine::gate::{self, Gate};
use crate::engine::matcher::Matcher;
use crate::engine::ListSpec;
use crate::language::{is_cut_word, is_word};

/// The `truncated-ending` kind.
pub struct TruncatedEnding;

/// The keys of a `kind: truncated-ending` rule file.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TruncatedEndingParams {
    /// Fewest words a block needs to be taken for the closing prose;
    /// shorter blocks at the end are page furniture or headings.
    pub min_prose_words: usize,
    /// Blocks at the end that are not prose: credit lines, datelines,
    /// bylines, separators, calls to action, link lists.
    pub skip: ListSpec,
    /// Headings of closing link lists ("Related", "Story Timeline"):
    /// the blocks under them are not prose.
    pub skip_sections: ListSpec,
    /// Words a last sentence with no complete sentence before it in its
    /// block needs to be taken for cut off (link titles and captions
    /// are shorter).
    pub lone_sentence_words: usize,
    /// Share of an article's prose blocks that end with a stop above
    /// which a lone long unstopped last sentence is cut off even with no
    /// complete sentence before it in its block.
    pub min_stop_share: f64,
    /// Signatures of embedded posts ("— Name (@handle) May 1, 2024"):
    /// the signature and the post before it are skipped.
    pub embed_signatures: ListSpec,
    /// Last words that end a block on purpose without a stop (a URL, a
    /// handle, a hashtag, an email address).
    pub complete_endings: ListSpec,
    /// Words no sentence ends on (lowercase).
    pub dangling_words: Vec<String>,
    /// Words that, ending a fragment after the closing prose (a sentence
    /// begun after a credit line: "© 2024 Agency. All rights reserved.
    /// The"), show it is a sentence cut off and not a label: articles,
    /// conjunctions, auxiliaries (lowercase). Prepositions are left out:
    /// labels end on them ("Follow us on", "Photo by").
    pub fragment_words: Vec<String>,
    /// Words after which a capitalised last word is a name, not a word
    /// cut short ("said Chris", "with Dan"), lowercase.
    pub name_cues: Vec<String>,
    /// A last sentence with no stop is cut off when it has at least this
    /// many words and follows a complete sentence in the same block.
    pub open_sentence_words: usize,
    /// Messages per signal.
    pub messages: MessagesSpec,
    /// Summaries and quoted briefs that trail off with an ellipsis.
    pub ellipsis: EllipsisSpec,
}

/// Messages of the `truncated-ending` kind, one per signal; `{match}` is the
/// last words of the article.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MessagesSpec {
    /// The last word is cut short (a lone letter: "via A").
    pub mid_word: String,
    /// The last word is one no sentence ends on ("of", "the", "via").
    pub dangling: String,
    /// A quote or bracket opened in the last sentence is never closed.
    pub open_quote: String,
    /// A long last sentence has no closing punctuation.
    pub no_stop: String,
}

/// The summary-trails-off-with-an-ellipsis case of `truncated-ending`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EllipsisSpec {
    /// Severity of these findings (never above the rule's own).
    pub severity: Severity,
    /// Message; `{match}` is the words before the ellipsis.
    pub message: String,
    /// Block kinds that are summaries by position (`summary`, `title`, ...).
    #[serde(default)]
    pub scope: Vec<ScopeName>,
    /// Labels that make any block a summary or quoted brief ("Original brief:").
    #[serde(default)]
    pub labels: ListSpec,
    /// Fewest words before the ellipsis for it to be a trailing-off sentence.
    pub min_words: usize,
}

impl Kind for TruncatedEnding {
    const NAME: &'static str = "truncated-ending";
    type Params = TruncatedEndingParams;
    type Config = TruncatedEndingConfig;

    fn compile(params: TruncatedEndingParams) -> Result<TruncatedEndingConfig, Invalid> {
        let dangling_words = word_set(params.dangling_words, "dangling_words")?;
        let fragment_words = word_set(params.fragment_words, "fragment_words")?;
        let name_cues = word_set(params.name_cues, "name_cues")?;
        let messages = params.messages;
        let ellipsis = params.ellipsis;
        Ok(TruncatedEndingConfig {
            min_prose_words: positive(params.min_prose_words, "min_prose_words")?,
            skip: matchers(&params.skip)?,
            skip_sections: matchers(&params.skip_sections)?,
            lone_sentence_words: positive(params.lone_sentence_words, "lone_sentence_words")?,
            min_stop_share: share(params.min_stop_share, "min_stop_share")?,
            embed_signatures: matchers(&params.embed_signatures)?,
            complete_endings: matchers(&params.complete_endings)?,
            dangling_words,
            fragment_words,
            name_cues,
            open_sentence_words: positive(params.open_sentence_words, "open_sentence_words")?,
            messages: EndingMessages {
                mid_word: not_empty(messages.mid_word, "mid_word")?,
                dangling: not_empty(messages.dangling, "dangling")?,
                open_quote: not_empty(messages.open_quote, "open_quote")?,
                no_stop: not_empty(messages.no_stop, "no_stop")?,
            },
            ellipsis: EllipsisConfig {
                severity: ellipsis.severity,
                message: not_empty(ellipsis.message, "message")?,
                scope: Scope::from_names(&ellipsis.scope),
                labels: matchers(&ellipsis.labels)?,
                min_words: positive(ellipsis.min_words, "min_words")?,
            },
        })
    }

    fn checks(
        rules: Vec<(Arc<RuleMeta>, Arc<TruncatedEndingConfig>)>,
        _: &Build,
    ) -> Vec<Box<dyn Check>> {
        rules
            .into_iter()
            .map(|(meta, config)| Box::new(TruncatedEndingCheck::new(meta, config)) as Box<dyn Check>)
            .collect()
    }
}

/// A list of single words, in small letters; `key` names the list in errors.
fn word_set(words: Vec<String>, key: &str) -> Result<HashSet<String>, Invalid> {
    let mut set = HashSet::new();
    for word in words {
        let word = word.trim().to_lowercase();
        if word.is_empty() || word.contains(char::is_whitespace) {
            return Err(Invalid::new(
                format!("`{word}` in {key} must be one word"),
                Some(&format!("{key}:")),
            ));
        }
        set.insert(word);
    }
    Ok(set)
}

/// Fewest words of a heading under a link-list heading for it to be an
/// entry's headline rather than a section heading of the article.
const ENTRY_HEADLINE_WORDS: usize = 4;

/// Marks that end a sentence.
const STOPS: &[char] = &['.', '!', '?', '…', ':'];
/// Punctuation that leaves a sentence open when it ends a block.
const OPEN_ENDERS: &[char] = &[',', ';', '-', '–', '—', '/', '&', '(', '“', '‘', '['];

/// Messages per signal (`{match}`: the article's last words).
#[derive(Debug, Clone)]
pub struct EndingMessages {
    /// The last word is cut short.
    pub mid_word: String,
    /// The last word cannot end a sentence.
    pub dangling: String,
    /// A quote or bracket is left open.
    pub open_quote: String,
    /// A long last sentence has no stop.
    pub no_stop: String,
}

/// The ellipsis signal's parameters.
#[derive(Debug, Clone)]
pub struct EllipsisConfig {
    /// Severity of these findings (capped at the rule's).
    pub severity: Severity,
    /// Message (`{match}`: the words before the ellipsis).
    pub message: String,
    /// Block kinds that are summaries by position.
    pub scope: Scope,
    /// Labels that make a block a summary or quoted brief.
    pub labels: Vec<Matcher>,
    /// Fewest words in the trailing-off sentence.
    pub min_words: usize,
}

/// A compiled `kind: truncated-ending` rule.
#[derive(Debug, Clone)]
pub struct TruncatedEndingConfig {
    /// Fewest words the closing prose block has.
    pub min_prose_words: usize,
    /// Blocks at the end that are not prose.
    pub skip: Vec<Matcher>,
    /// Headings of closing link lists; blocks under them are not prose.
    pub skip_sections: Vec<Matcher>,
    /// Words a lone unstopped sentence (no complete sentence before it in
    /// its block) needs to be taken for cut off.
    pub lone_sentence_words: usize,
    /// Share of prose blocks ending with a stop above which an article
    /// ends its paragraphs with a stop as a rule.
    pub min_stop_share: f64,
    /// Embedded-post signatures (skipped with the post before them).
    pub embed_signatures: Vec<Matcher>,
    /// Last words that end a block on purpose without a stop.
    pub complete_endings: Vec<Matcher>,
    /// Words no sentence ends on, lowercase.
    pub dangling_words: HashSet<String>,
    /// Words that end a cut-off fragment after the closing prose, lowercase.
    pub fragment_words: HashSet<String>,
    /// Words after which a capitalised last word is a name, lowercase.
    pub name_cues: HashSet<String>,
    /// Words in an unstopped last sentence that make it cut off.
    pub open_sentence_words: usize,
    /// Messages per signal.
    pub messages: EndingMessages,
    /// Summaries that trail off with an ellipsis.
    pub ellipsis: EllipsisConfig,
}

/// One `truncated-ending` rule at run time.
#[derive(Debug)]
pub struct TruncatedEndingCheck {
    meta: Arc<RuleMeta>,
    config: Arc<TruncatedEndingConfig>,
    /// Gates of the `skip`, `skip_sections` and `embed_signatures` matchers.
    skip_gates: Vec<Gate>,
    skip_section_gates: Vec<Gate>,
    embed_gates: Vec<Gate>,
}

impl TruncatedEndingCheck {
    /// A check for one rule.
    pub fn new(meta: Arc<RuleMeta>, config: Arc<TruncatedEndingConfig>) -> TruncatedEndingCheck {
        TruncatedEndingCheck {
            skip_gates: gate::gates(&config.skip),
            skip_section_gates: gate::gates(&config.skip_sections),
            embed_gates: gate::gates(&config.embed_signatures),
            meta,
            config,
        }
    }

    /// Whether a block may be prose by its kind and length alone (the
    /// cheap half of [`TruncatedEndingCheck::is_prose`]).
    fn may_be_prose(&self, doc: &Article<'_>, index: usize) -> bool {
        let block = &doc.blocks()[index];
        let min_words = self.config.min_prose_words;
        matches!(
            block.kind,
            BlockKind::Paragraph | BlockKind::ListItem | BlockKind::Answer | BlockKind::Quote
        ) && self.meta.scope.contains(block.kind)
            && block.text().split_whitespace().take(min_words).count() >= min_words
    }

    /// Whether a block can be the article's closing prose: body text, not
    /// furniture the rule's lists name, not an entry of a closing link list.
    fn is_prose(&self, doc: &Article<'_>, index: usize) -> bool {
        let block = &doc.blocks()[index];
        self.may_be_prose(doc, index)
            && !gate::any_match(&self.config.skip, &self.skip_gates, block.text())
            && !doc.section_heading(block.section).is_some_and(|h| {
                gate::any_match(
                    &self.config.skip_sections,
                    &self.skip_section_gates,
                    h.text(),
                )
            })
    }

    /// Index of the last block that is the article's prose, if any.
    fn closing_prose(&self, doc: &Article<'_>) -> Option<usize> {
        // Everything under a link-list heading is its list, entries set
        // as headings too ("Story Timeline" / an entry's headline / its
        // dek); a short heading after it ("Background") opens a section of
        // the article again.
        let blocks = doc.blocks();
        let list = blocks.iter().rposition(|b| {
            b.kind == BlockKind::Heading
                && gate::any_match(
                    &self.config.skip_sections,
                    &self.skip_section_gates,
                    b.text(),
                )
        });
        let mut index = list
            .filter(|&at| {
                blocks[at + 1..].iter().all(|b| {
                    b.kind != BlockKind::Heading
                        || b.text().split_whitespace().nth(ENTRY_HEADLINE_WORDS - 1).is_some()
                })
            })
            .unwrap_or(blocks.len());
        while index > 0 {
            index -= 1;
            let text = blocks[index].text();
            if gate::any_match(&self.config.embed_signatures, &self.embed_gates, text) {
                // The post the signature closes is not the article's prose.
                index = index.saturating_sub(1);
                continue;
            }
            if self.is_prose(doc, index) {
                return Some(index);
            }
        }
        None
    }

    /// Whether the article ends its paragraphs with a stop as a rule, so
    /// that one long unstopped sentence at the end stands out: more than
    /// one prose block, and at least `min_stop_share` of all but one of
    /// them end with a stop.
    fn habitually_stopped(&self, doc: &Article<'_>) -> bool {
        // The skip lists are the costly part of `is_prose`. Unstopped
        // candidates are few, so they are all read; stopped ones only until
        // the answer is settled, which it is as soon as it holds with the
        // stopped prose found so far, or fails with all the rest counted
        // in (the condition only grows with the stopped prose).
        let share = self.config.min_stop_share;
        let holds = |prose: usize, stopped: usize| {
            prose > 1 && stopped as f64 >= share * (prose - 1) as f64
        };
        let (mut stopped, mut unstopped) = (Vec::new(), 0usize);
        for index in 0..doc.blocks().len() {
            if !self.may_be_prose(doc, index) {
                continue;
            }
            if ends_stopped(doc.blocks()[index].text().trim_end()) {
                stopped.push(index);
            } else if self.is_prose(doc, index) {
                unstopped += 1;
            }
        }
        let mut found = 0;
        for (seen, &index) in stopped.iter().enumerate() {
            if holds(found + unstopped, found) {
                return true;
            }
            let rest = stopped.len() - seen;
            if !holds(found + rest + unstopped, found + rest) {
                return false;
            }
            found += usize::from(self.is_prose(doc, index));
        }
        holds(found + unstopped, found)
    }

    /// What is wrong with the end of a prose block, if anything: the
    /// message template and the range of block text to point at.
    fn cut_off(&self, doc: &Article<'_>, index: usize) -> Option<(&str, Range<usize>)> {
        let block = &doc.blocks()[index];
        let full = block.text().trim_end();
        let text = before_ellipsis(full);
        let trailing_ellipsis = text.len() < full.len();
        if ends_complete(text) {
            return None;
        }
        let last = last_words(text, 1);
        if any_match(&self.config.complete_endings, &text[last.clone()]) {
            return None;
        }
        let word = text[last].trim_end_matches(OPEN_ENDERS);
        let messages = &self.config.messages;
        let mut letters = word.chars();
        let lone_letter = matches!(
            (letters.next(), letters.next()),
            (Some(c), None) if c.is_uppercase() && c != 'I'
        );
        let to = |n: usize| last_words(full, n);
        if lone_letter {
            return Some((&messages.mid_word, to(2)));
        }
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        if text.ends_with(OPEN_ENDERS) || self.config.dangling_words.contains(&bare.to_lowercase())
        {
            return Some((&messages.dangling, to(2)));
        }
        let sentences = doc.sentences(index);
        let sentence = &block.text()[sentences.last()?.clone()];
        let words = sentence.split_whitespace().count();
        // A last word that is no English word but begins one ("the late
        // nineteenth cen", "opens in Septem"), and that the article uses
        // nowhere else (a coinage or a brand it does), is a word cut short;
        // a capitalised one only where it does not read as a name.
        if words >= self.config.open_sentence_words
            && (cut_word(doc, bare)
                || (cut_capitalised(bare) && !self.named(text) && unused(doc, bare)))
        {
            return Some((&messages.mid_word, to(2)));
        }
        if trailing_ellipsis {
            return None;
        }
        // The weaker signals need evidence that the article finishes its
        // sentences: a complete sentence before the last one in the block,
        // or a long sentence in an article that ends its paragraphs with a
        // stop as a rule. A short lone unstopped line is a link title, a
        // list entry or a label.
        let lone = sentences.len() < 2;
        if lone
            && (words < self.config.lone_sentence_words
                || titled(sentence)
                || !self.habitually_stopped(doc))
        {
            return None;
        }
        if leaves_open(sentence) {
            return Some((&messages.open_quote, to(3)));
        }
        // A sentence that ends on a capitalised word ("... [ Bloomberg ]")
        // ends on a name or a title more often than mid-word.
        let capitalised = text
            .split_whitespace()
            .rev()
            .find_map(|w| w.chars().find(|c| c.is_alphanumeric()))
            .is_some_and(char::is_uppercase);
        if !capitalised && words >= self.config.open_sentence_words {
            return Some((&messages.no_stop, to(3)));
        }
        None
    }

    /// Whether the last word of `text` reads as a name by what comes
    /// before it: a capitalised word ("Jane Smi"), a comma ("the mayor,
    /// Chris"), one of `name_cues` ("said Dan"), or nothing at all.
    fn named(&self, text: &str) -> bool {
        let before = text[..last_words(text, 1).start].trim_end();
        let Some(word) = before.split_whitespace().next_back() else {
            return true;
        };
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        word.ends_with([',', ';', ':', '(', '—', '–'])
            || bare.chars().next().is_none_or(|c| !c.is_lowercase())
            || self.config.name_cues.contains(&bare.to_lowercase())
    }

    /// A fragment cut off after the closing prose: the article's last
    /// block, passed over as furniture (a credit line, a call to action)
    /// or as too short to be prose, ends on one of `fragment_words` or on
    /// a word cut short (a capitalised one at the end of a sentence of
    /// `open_sentence_words`), as no label or link title does. Returns the
    /// block and the range of its text to point at.
    fn cut_fragment(&self, doc: &Article<'_>, prose: Option<usize>) -> Option<(usize, Range<usize>)> {
        let index = doc.blocks().len().checked_sub(1)?;
        let block = &doc.blocks()[index];
        let text = block.text().trim_end();
        if prose == Some(index)
            || !matches!(
                block.kind,
                BlockKind::Paragraph | BlockKind::ListItem | BlockKind::Answer | BlockKind::Quote
            )
            || !self.meta.scope.contains(block.kind)
            || ends_complete(text)
            || text.ends_with(OPEN_ENDERS)
        {
            return None;
        }
        let last = last_words(text, 1);
        let word = text[last].trim_matches(|c: char| !c.is_alphanumeric());
        // A capitalised word cut short only ends a sentence begun after
        // the credit, long enough not to be a label ("Reporting by Dan").
        let sentence_words = doc
            .sentences(index)
            .last()
            .map_or(0, |r| block.text()[r.clone()].split_whitespace().count());
        let capitalised_cut = sentence_words >= self.config.open_sentence_words
            && cut_capitalised(word)
            && !self.named(text)
            && unused(doc, word);
        (self.config.fragment_words.contains(&word.to_lowercase())
            || cut_word(doc, word)
            || capitalised_cut)
            .then(|| (index, last_words(text, 2)))
    }

    /// Summaries and quoted briefs that trail off with an ellipsis.
    fn trailing_ellipsis(&self, doc: &Article<'_>, out: &mut Vec<Diagnostic>) {
        let ellipsis = &self.config.ellipsis;
        for (index, block) in doc.blocks().iter().enumerate() {
            let text = block.text();
            // The ending first: it is cheap, and few blocks trail off.
            let trimmed = text.trim_end().trim_end_matches(CLOSERS);
            let Some(before) = trimmed
                .strip_suffix('…')
                .or_else(|| trimmed.strip_suffix("..."))
            else {
                continue;
            };
            let is_summary = ellipsis.scope.contains(block.kind)
                || ellipsis
                    .labels
                    .iter()
                    .any(|m| m.find_all(text).first().is_some_and(|r| r.start == 0));
            if !is_summary {
                continue;
            }
            let before = before.trim_end();
            if ends_stopped(before) {
                continue;
            }
            let sentence = doc
                .sentences(index)
                .iter()
                .rev()
                .find(|r| r.start < before.len())
                .map_or(before, |r| &text[r.start..before.len()]);
            if sentence.split_whitespace().count() < ellipsis.min_words {
                continue;
            }
            let range = last_words(text, 3);
            let message = render_message(&ellipsis.message, &text[range.clone()]);
            let mut found = diagnostic(&self.meta, message, block.source_range(range));
            found.severity = ellipsis.severity.min(self.meta.severity);
            out.push(found);
        }
    }
}

/// Whether `word`, the article's last word, is a word cut short:
/// small letters only, no word of the English list but the beginning of
/// one, and not used whole anywhere else in the article.
fn cut_word(doc: &Article<'_>, word: &str) -> bool {
    !word.is_empty()
        && word.bytes().all(|b| b.is_ascii_lowercase())
        && is_cut_word(word)
        && unused(doc, word)
}

/// Endings that make an adjective of a place or a person's name
/// ("America" → "american", "Christ" → "christian"): a capitalised word
/// the list knows only with one of them is that name, not a word cut short.
const NAME_ADJECTIVE_ENDINGS: &[&str] = &["n", "an", "ian", "ese", "ish", "i", "ic"];

/// Whether `word` is a capitalised word cut short by its letters: a
/// capital and at least two small letters ("Cen", "Septem"; not an
/// acronym), no word of the English list but the beginning of one (the
/// list holds months, weekdays and holidays in small letters), and not a
/// name the list knows an adjective of.
fn cut_capitalised(word: &str) -> bool {
    let mut bytes = word.bytes();
    if word.len() < 3
        || !bytes.next().is_some_and(|b| b.is_ascii_uppercase())
        || !bytes.all(|b| b.is_ascii_lowercase())
    {
        return false;
    }
    let lower = word.to_ascii_lowercase();
    is_cut_word(&lower)
        && !NAME_ADJECTIVE_ENDINGS
            .iter()
            .any(|ending| is_word(&format!("{lower}{ending}")))
}

/// Whether the article uses `word`, its last word, nowhere else (in any
/// letter case): a word it uses twice is a coinage, a brand or a name of
/// its own, not a word cut short.
fn unused(doc: &Article<'_>, word: &str) -> bool {
    let used = |text: &str| {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.eq_ignore_ascii_case(word))
            .count()
    };
    // The last word itself is one use.
    doc.blocks().iter().map(|b| used(b.text())).sum::<usize>() < 2
}

/// Whether a lone unstopped line reads as a title, a caption or a label
/// rather than a sentence: set in brackets ("(Graphic: ...)"), with a tag
/// after a spaced dash or bar ("... Light Festival – previews", "... |
/// Reuters"), or a short label before a list ("Keywords: a, b, c").
fn titled(line: &str) -> bool {
    let line = line.trim();
    let labelled_list = line.split_once(':').is_some_and(|(label, list)| {
        label.split_whitespace().count() <= 3 && list.matches(',').count() >= 2
    });
    labelled_list
        || line.starts_with(['(', '['])
        || [" – ", " — ", " | ", " - "].iter().any(|d| line.contains(d))
}

/// `text` (trimmed at its end) without a trailing ellipsis: "…said it
/// would add crossings to the…" is read as ending on "the", as an ellipsis
/// does not complete a sentence cut on a dangling word.
fn before_ellipsis(text: &str) -> &str {
    text.strip_suffix('…')
        .or_else(|| text.strip_suffix("..."))
        .map_or(text, str::trim_end)
}

/// Whether a block's text, read without its trailing ellipsis, ends as a
/// complete text does (with a stop) or holds nothing: such an ending is
/// never cut off.
fn ends_complete(text: &str) -> bool {
    text.is_empty() || ends_stopped(text)
}

/// Whether text ends with a stop, possibly inside closing quotes or brackets.
fn ends_stopped(text: &str) -> bool {
    text.trim_end_matches(CLOSERS).ends_with(STOPS)
}

/// Whether a sentence opens a quote or bracket it never closes.
fn leaves_open(sentence: &str) -> bool {
    let count = |c: char| sentence.chars().filter(|&x| x == c).count();
    count('“') > count('”')
        || count('(') > count(')')
        || count('[') > count(']')
        || count('"') % 2 == 1
}

impl Check for TruncatedEndingCheck {
    fn check(&self, doc: &Article<'_>, out: &mut Vec<Diagnostic>) {
        // Whichever block is the closing prose, an ending that is complete
        // reports nothing: when every block that may be prose ends so, the
        // skip lists (the costly part of finding it) need not be read.
        // The same holds for a fragment after the prose, which can only be
        // the last block.
        let may_be_cut = (0..doc.blocks().len()).any(|index| {
            self.may_be_prose(doc, index)
                && !ends_complete(before_ellipsis(doc.blocks()[index].text().trim_end()))
        }) || doc
            .blocks()
            .last()
            .is_some_and(|b| !ends_complete(b.text().trim_end()));
        if may_be_cut {
            let prose = self.closing_prose(doc);
            let found = prose
                .and_then(|index| Some((index, self.cut_off(doc, index)?)))
                .or_else(|| {
                    let (index, range) = self.cut_fragment(doc, prose)?;
                    Some((index, (self.config.messages.dangling.as_str(), range)))
                });
            if let Some((index, (template, range))) = found {
                let block = &doc.blocks()[index];
                let message = render_message(template, &block.text()[range.clone()]);
                out.push(diagnostic(&self.meta, message, block.source_range(range)));
            }
        }
        self.trailing_ellipsis(doc, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::kinds::testing::lint_with_builtin;

    /// (line, column, message) of what the built-in rule reports in `text`.
    fn endings(text: &str) -> Vec<(usize, usize, String)> {
        let (source, found) = lint_with_builtin("truncated-ending", text, Format::Plain);
        found
            .iter()
            .map(|d| {
                let at = source.position(d.range.start);
                (at.line, at.column, d.message.clone())
            })
            .collect()
    }

    #[test]
    fn capitalised_words_cut_short() {
        let lead = "The old quay closed last winter. It cost £40 million.\n\n";
        let found = endings(&format!(
            "{lead}The new terminal is due to open to foot passengers in Septem\n"
        ));
        assert_eq!(
            found,
            [(3, 52, "the article ends mid-word: \"in Septem\"".to_string())]
        );
        let found = endings(&format!(
            "{lead}Most of its cottages were built in the late nineteenth Cen\n"
        ));
        assert_eq!(found.len(), 1);
        assert!(found[0].2.contains("mid-word"), "{found:?}");
    }

    #[test]
    fn a_capitalised_word_cut_short_after_a_credit_line() {
        let lead = "The council approved the harbour plan on Thursday after a long debate.\n\n";
        let found = endings(&format!(
            "{lead}© 2026 Harbour Wire. All rights reserved. The new terminal opens in Septem\n"
        ));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, 3);
        // a credit naming someone is a label, not a sentence cut short
        assert_eq!(endings(&format!("{lead}(Reporting by Dan)\n")), []);
        assert_eq!(endings(&format!("{lead}Additional reporting by Chris\n")), []);
    }

    #[test]
    fn names_are_not_words_cut_short() {
        let lead = "The old quay closed last winter. It cost £40 million.\n\n";
        for end in [
            "The first ticket was sold to a retired ferryman from the island, Chris",
            "Tickets were handed out on the quay by the harbour master, Jane Smith",
            "Among the first passengers were a family of four visiting from America",
            "The new timetable was drawn up over the winter, said Tim",
            // a word the article uses elsewhere is its own, not cut short
            "The quay was renamed after the ferry Cen in honour of the captain of Cen",
            // an acronym
            "The plan was approved last year by the UN",
        ] {
            let found = endings(&format!("{lead}{end}\n"));
            assert!(
                found.iter().all(|(_, _, m)| !m.contains("mid-word")),
                "{end}: {found:?}"
            );
        }
        assert!(cut_capitalised("Septem") && cut_capitalised("Cen"));
        assert!(!cut_capitalised("America") && !cut_capitalised("Christ"));
        assert!(!cut_capitalised("September") && !cut_capitalised("NAS"));
    }

    #[test]
    fn stops_and_open_quotes() {
        assert!(ends_stopped("It ended.”"));
        assert!(ends_stopped("Really?)"));
        assert!(!ends_stopped("It ended"));
        assert!(leaves_open("He said “we will"));
        assert!(leaves_open("The plan (announced"));
        assert!(!leaves_open("He said “yes” and left"));
    }

    #[test]
    fn titles_and_captions() {
        assert!(titled("(Graphic: Emerging markets in 2024 - here)"));
        assert!(titled("Lanterns on show along the quay – gallery"));
        assert!(titled("Tags: ferries, harbour, island life, timetables"));
        assert!(!titled("A spokesperson said a decision was expected before the end"));
    }
}
