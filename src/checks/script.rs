//! The `foreign-script` check: a run of text in another writing system.
//!
//! Pipelines that translate or caption in several languages leak one into
//! another: a Ukrainian image caption in an English article. The check first
//! finds the article's own script (the one most of its letters are written
//! in, so a Russian or Japanese article is at home in Cyrillic or Han), then
//! reports runs of letters in a script that is neither that one nor written
//! together with it (Japanese mixes Han, Hiragana and Katakana). Only
//! letters with a script of their own count: symbols, emoji, arrows,
//! mathematical letters (`𝕏`), guillemets, digits and currency signs are in
//! Unicode's Common script and never make or break a run. Short runs (a
//! name in its own script) are allowed, and so is a quotation that a line
//! ending with a colon introduces ("The inscription reads:"), over as many
//! blocks as it runs.

use std::ops::Range;
use std::sync::Arc;

use unicode_script::{Script, UnicodeScript};

use super::matcher::Matcher;
use super::{any_match, diagnostic, render_message, Check};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::rules::RuleMeta;

/// A compiled `kind: foreign-script` rule.
#[derive(Debug, Clone)]
pub struct ScriptConfig {
    /// Fewest letters a reported run has.
    pub min_letters: usize,
    /// Fewest words a reported run has.
    pub min_words: usize,
    /// Groups of scripts written together.
    pub compatible: Vec<Vec<Script>>,
    /// Blocks after a block matching these quote in the original script.
    pub introducers: Vec<Matcher>,
    /// Scripts written without spaces, where each letter counts as a word.
    pub unspaced: Vec<Script>,
}

/// One `foreign-script` rule at run time.
#[derive(Debug)]
pub struct ScriptCheck {
    meta: Arc<RuleMeta>,
    config: ScriptConfig,
}

/// The script of a letter, or `None` for characters that belong to no
/// particular script (punctuation, symbols, digits, marks, math letters).
fn letter_script(c: char) -> Option<Script> {
    if !c.is_alphabetic() {
        return None;
    }
    match c.script() {
        Script::Common | Script::Inherited | Script::Unknown => None,
        script => Some(script),
    }
}

/// A run of letters in one foreign script inside a block.
struct Run {
    script: Script,
    range: Range<usize>,
    letters: usize,
}

/// Words of prose in a run: tokens made of letters (apostrophes and hyphens
/// inside allowed); identifiers, file names and URLs (`player.setav`) are
/// not words.
fn prose_words(run: &str) -> usize {
    run.split_whitespace()
        .map(|token| token.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|word| {
            word.chars().any(char::is_alphabetic)
                && word.chars().all(|c| {
                    c.is_alphabetic()
                        || matches!(c, '\'' | '’' | '-')
                        || !c.is_ascii() && letter_script(c).is_none()
                })
        })
        .count()
}

impl ScriptCheck {
    /// A check for one rule.
    pub fn new(meta: Arc<RuleMeta>, config: ScriptConfig) -> ScriptCheck {
        ScriptCheck { meta, config }
    }

    /// The script most of the document's letters are written in.
    fn dominant(&self, doc: &Document<'_>) -> Option<Script> {
        let mut counts: Vec<(Script, usize)> = Vec::new();
        for block in doc.blocks() {
            for script in block.text().chars().filter_map(letter_script) {
                match counts.iter_mut().find(|(s, _)| *s == script) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((script, 1)),
                }
            }
        }
        counts.into_iter().max_by_key(|&(_, n)| n).map(|(s, _)| s)
    }

    fn is_foreign(&self, script: Script, home: Script) -> bool {
        script != home
            && !self
                .config
                .compatible
                .iter()
                .any(|group| group.contains(&script) && group.contains(&home))
    }

    /// Runs of foreign letters in `text`; characters with no script of
    /// their own extend a run, a letter of another script ends it.
    fn runs(&self, text: &str, home: Script) -> Vec<Run> {
        let mut runs = Vec::new();
        let mut current: Option<Run> = None;
        for (i, c) in text.char_indices() {
            let Some(script) = letter_script(c) else {
                continue;
            };
            if !self.is_foreign(script, home) {
                runs.extend(current.take());
                continue;
            }
            let end = i + c.len_utf8();
            match current.as_mut() {
                Some(run) if run.script == script => {
                    run.range.end = end;
                    run.letters += 1;
                }
                _ => {
                    runs.extend(current.take());
                    current = Some(Run {
                        script,
                        range: i..end,
                        letters: 1,
                    });
                }
            }
        }
        runs.extend(current);
        runs
    }
}

impl Check for ScriptCheck {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        let Some(home) = self.dominant(doc) else {
            return;
        };
        // Whether the block at hand continues a quotation that an
        // introducing line ("The sign read:") opened.
        let mut quoting = false;
        for block in doc.blocks() {
            let text = block.text();
            let runs = self.runs(text, home);
            let quoted = quoting;
            quoting = any_match(&self.config.introducers, text) || (quoted && !runs.is_empty());
            if quoted || !self.meta.scope.contains(block.kind) {
                continue;
            }
            for run in runs {
                let words = if self.config.unspaced.contains(&run.script) {
                    run.letters
                } else {
                    prose_words(&text[run.range.clone()])
                };
                if run.letters < self.config.min_letters || words < self.config.min_words {
                    continue;
                }
                let template = self
                    .meta
                    .message
                    .replace("{script}", run.script.full_name())
                    .replace("{home}", home.full_name());
                let message = render_message(&template, &text[run.range.clone()]);
                out.push(diagnostic(
                    &self.meta,
                    message,
                    block.source_range(run.range),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_have_no_script() {
        for c in ['𝕏', '▲', '🔴', '→', '«', '»', '€', '5', '·'] {
            assert_eq!(letter_script(c), None, "{c}");
        }
        assert_eq!(letter_script('я'), Some(Script::Cyrillic));
        assert_eq!(letter_script('a'), Some(Script::Latin));
    }
}
