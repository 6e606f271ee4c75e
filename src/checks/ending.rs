//! The `truncated-ending` check: the article's prose stops mid-sentence.
//!
//! Generation pipelines cut copy at a token or character budget, so the
//! article ends on half a word ("…to Western businesses via A"), a function
//! word, an open quote. What ends a page is rarely the prose, though: credit
//! lines, datelines, share prompts, embedded-post signatures and link lists
//! follow it. The check walks back from the end past every block the rule's
//! `skip` lists say is not prose, and past blocks too short to be prose, and
//! reads only the last prose block. A second, gentler signal covers
//! summaries and quoted briefs that trail off with an ellipsis mid-sentence.

use std::collections::HashSet;
use std::sync::Arc;

use super::matcher::Matcher;
use super::{any_match, diagnostic, last_words, render_message, Check};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{BlockKind, Document};
use crate::rules::{RuleMeta, Scope};

/// Marks that end a sentence.
const STOPS: &[char] = &['.', '!', '?', '…', ':'];
/// Closing quotes and brackets that may follow a stop.
const CLOSERS: &[char] = &['"', '”', '’', '\'', ')', ']', '»'];
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
pub struct EndingConfig {
    /// Fewest words the closing prose block has.
    pub min_prose_words: usize,
    /// Blocks at the end that are not prose.
    pub skip: Vec<Matcher>,
    /// Embedded-post signatures (skipped with the post before them).
    pub embed_signatures: Vec<Matcher>,
    /// Last words that end a block on purpose without a stop.
    pub complete_endings: Vec<Matcher>,
    /// Words no sentence ends on, lowercase.
    pub dangling_words: HashSet<String>,
    /// Words in an unstopped last sentence that make it cut off.
    pub open_sentence_words: usize,
    /// Messages per signal.
    pub messages: EndingMessages,
    /// Summaries that trail off with an ellipsis.
    pub ellipsis: EllipsisConfig,
}

/// One `truncated-ending` rule at run time.
#[derive(Debug)]
pub struct EndingCheck {
    meta: Arc<RuleMeta>,
    config: EndingConfig,
}

impl EndingCheck {
    /// A check for one rule.
    pub fn new(meta: Arc<RuleMeta>, config: EndingConfig) -> EndingCheck {
        EndingCheck { meta, config }
    }

    /// Index of the last block that is the article's prose, if any.
    fn closing_prose(&self, doc: &Document<'_>) -> Option<usize> {
        let blocks = doc.blocks();
        let mut index = blocks.len();
        while index > 0 {
            index -= 1;
            let block = &blocks[index];
            if !matches!(
                block.kind,
                BlockKind::Paragraph | BlockKind::ListItem | BlockKind::Answer | BlockKind::Quote
            ) || !self.meta.scope.contains(block.kind)
            {
                continue;
            }
            let text = block.text();
            if any_match(&self.config.embed_signatures, text) {
                // The post the signature closes is not the article's prose.
                index = index.saturating_sub(1);
                continue;
            }
            if any_match(&self.config.skip, text)
                || text.split_whitespace().count() < self.config.min_prose_words
            {
                continue;
            }
            return Some(index);
        }
        None
    }

    /// What is wrong with the end of a prose block, if anything: the
    /// message template and the range of block text to point at.
    fn cut_off(&self, doc: &Document<'_>, index: usize) -> Option<(&str, std::ops::Range<usize>)> {
        let block = &doc.blocks()[index];
        let text = block.text().trim_end();
        if ends_stopped(text) {
            return None;
        }
        let last = last_words(text, 1);
        if last.is_empty() {
            return None;
        }
        let word = text[last.clone()].trim_end_matches(OPEN_ENDERS);
        if any_match(&self.config.complete_endings, &text[last.clone()]) {
            return None;
        }
        let messages = &self.config.messages;
        let mut letters = word.chars();
        let lone_letter = match (letters.next(), letters.next()) {
            (Some(c), None) => c.is_uppercase() && c != 'I',
            _ => false,
        };
        if lone_letter {
            return Some((&messages.mid_word, last_words(text, 2)));
        }
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        if text.ends_with(OPEN_ENDERS) || self.config.dangling_words.contains(&bare.to_lowercase())
        {
            return Some((&messages.dangling, last_words(text, 2)));
        }
        let sentences = doc.sentences(index);
        let last_sentence = sentences.last()?;
        let sentence = &block.text()[last_sentence.clone()];
        // The weaker signals need a complete sentence before the last one:
        // a single unstopped line is more often a list entry or a label.
        if sentences.len() < 2 {
            return None;
        }
        if leaves_open(sentence) {
            return Some((&messages.open_quote, last_words(text, 3)));
        }
        // A sentence that ends on a capitalised word ends on a name or a
        // title more often than mid-word.
        let capitalised = bare.chars().next().is_some_and(char::is_uppercase);
        let words = sentence.split_whitespace().count();
        if !capitalised && words >= self.config.open_sentence_words {
            return Some((&messages.no_stop, last_words(text, 3)));
        }
        None
    }

    /// Summaries and quoted briefs that trail off with an ellipsis.
    fn trailing_ellipsis(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        let ellipsis = &self.config.ellipsis;
        for (index, block) in doc.blocks().iter().enumerate() {
            let text = block.text();
            let is_summary = ellipsis.scope.contains(block.kind)
                || ellipsis
                    .labels
                    .iter()
                    .any(|m| m.find_all(text).first().is_some_and(|r| r.start == 0));
            if !is_summary {
                continue;
            }
            let trimmed = text.trim_end().trim_end_matches(CLOSERS);
            let Some(before) = trimmed
                .strip_suffix('…')
                .or_else(|| trimmed.strip_suffix("..."))
            else {
                continue;
            };
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

impl Check for EndingCheck {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        if let Some(index) = self.closing_prose(doc) {
            let block = &doc.blocks()[index];
            if let Some((template, range)) = self.cut_off(doc, index) {
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

    #[test]
    fn stops_and_open_quotes() {
        assert!(ends_stopped("It ended.”"));
        assert!(ends_stopped("Really?)"));
        assert!(!ends_stopped("It ended"));
        assert!(leaves_open("He said “we will"));
        assert!(leaves_open("The plan (announced"));
        assert!(!leaves_open("He said “yes” and left"));
    }
}
