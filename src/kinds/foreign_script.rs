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

use serde::Deserialize;

use super::validate::{matchers, positive};
use super::{any_match, diagnostic, render_message, Build, Check, Invalid, Kind, RuleMeta};
use crate::analyses::Article;
use crate::diagnostic::Diagnostic;
use crate::document::Block;
use crate::engine::chars::HIGH;
use crate::engine::matcher::Matcher;
use crate::engine::ListSpec;

/// The `foreign-script` kind.
pub struct ForeignScript;

/// The keys of a `kind: foreign-script` rule file.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ForeignScriptParams {
    /// Fewest letters a run needs; shorter runs (a name in its own
    /// script) are allowed.
    pub min_letters: usize,
    /// Fewest words a run needs.
    pub min_words: usize,
    /// Scripts that are written together (Unicode script names, e.g.
    /// `[Han, Hiragana, Katakana]`): none is foreign beside the others.
    #[serde(default)]
    pub compatible: Vec<Vec<String>>,
    /// A block that follows a block matching one of these (a line that
    /// ends with a colon: "The sign read:") quotes its text in the
    /// original script on purpose.
    #[serde(default)]
    pub introducers: ListSpec,
    /// Scripts written without spaces between words (Han, Thai, ...):
    /// there every letter counts as a word.
    #[serde(default)]
    pub unspaced: Vec<String>,
    /// Most words of a line that is a language menu: in a block this
    /// short, runs in two or more foreign scripts count together
    /// ("한어Русский языкEnglishFrançais日本語Deutsch", each language's name
    /// in its own script, none long enough alone). 0 turns it off.
    #[serde(default)]
    pub menu_max_words: usize,
}

impl Kind for ForeignScript {
    const NAME: &'static str = "foreign-script";
    type Params = ForeignScriptParams;
    type Config = ForeignScriptConfig;

    fn compile(params: ForeignScriptParams) -> Result<ForeignScriptConfig, Invalid> {
        let compatible = params
            .compatible
            .iter()
            .map(|group| scripts(group))
            .collect::<Result<_, _>>()?;
        Ok(ForeignScriptConfig {
            min_letters: positive(params.min_letters, "min_letters")?,
            min_words: positive(params.min_words, "min_words")?,
            compatible,
            introducers: matchers(&params.introducers)?,
            unspaced: scripts(&params.unspaced)?,
            menu_max_words: params.menu_max_words,
        })
    }

    fn checks(rules: Vec<(Arc<RuleMeta>, Arc<ForeignScriptConfig>)>, _: &Build) -> Vec<Box<dyn Check>> {
        rules
            .into_iter()
            .map(|(meta, config)| Box::new(ForeignScriptCheck::new(meta, config)) as Box<dyn Check>)
            .collect()
    }
}

/// Unicode scripts by their full names.
fn scripts(names: &[String]) -> Result<Vec<Script>, Invalid> {
    names
        .iter()
        .map(|name| {
            Script::from_full_name(name.trim()).ok_or_else(|| {
                Invalid::new(
                    format!(
                        "unknown script `{name}` (use Unicode script names: Latin, Cyrillic, Han, ...)"
                    ),
                    Some(name),
                )
            })
        })
        .collect()
}

/// A compiled `kind: foreign-script` rule.
#[derive(Debug, Clone)]
pub struct ForeignScriptConfig {
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
    /// Most words of a block read as a language menu (0: never).
    pub menu_max_words: usize,
}

/// One `foreign-script` rule at run time.
#[derive(Debug)]
pub struct ForeignScriptCheck {
    meta: Arc<RuleMeta>,
    config: Arc<ForeignScriptConfig>,
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
    /// Whether letters of another script joined the run: a Japanese
    /// sentence (Han, Hiragana, Katakana), or scripts run together with
    /// nothing between them ("한국어Русский日本語", a language menu).
    mixed: bool,
}


/// Offset of the first byte outside ASCII in `bytes` at or after `from`,
/// eight bytes at a time.
fn next_non_ascii(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(group) = bytes.get(i..i + 8) {
        let word = u64::from_le_bytes(group.try_into().expect("eight bytes"));
        if word & HIGH != 0 {
            return Some(i + (word & HIGH).trailing_zeros() as usize / 8);
        }
        i += 8;
    }
    bytes[i.min(bytes.len())..]
        .iter()
        .position(|&b| !b.is_ascii())
        .map(|p| i + p)
}

/// A piece of a text: a stretch of ASCII, or one character outside it
/// with its offset.
enum Piece<'t> {
    Ascii(&'t [u8]),
    Other(usize, char),
}

/// The pieces of `text`, in order. News copy in a Latin script is nearly
/// all ASCII, which is then read eight bytes at a time.
fn pieces(text: &str) -> impl Iterator<Item = Piece<'_>> {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut pending: Option<Piece<'_>> = None;
    std::iter::from_fn(move || {
        if let Some(piece) = pending.take() {
            return Some(piece);
        }
        if i >= bytes.len() {
            return None;
        }
        let next = next_non_ascii(bytes, i).unwrap_or(bytes.len());
        let ascii = &bytes[i..next];
        let c = text[next..].chars().next();
        i = next + c.map_or(0, char::len_utf8);
        let other = c.map(|c| Piece::Other(next, c));
        if ascii.is_empty() {
            other
        } else {
            pending = other;
            Some(Piece::Ascii(ascii))
        }
    })
}

/// ASCII letters in a stretch of ASCII.
fn ascii_letters(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| b.is_ascii_alphabetic()).count()
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

/// Whether the block before the one at hand introduced a quotation: known,
/// or to be read from that block's text when it matters.
#[derive(Debug, Clone, Copy)]
enum Quoting {
    Known(bool),
    /// Whether the block at this index matches an introducer.
    Introduced(usize),
}

impl ForeignScriptCheck {
    /// A short line of language names, each in its own script: runs in
    /// two or more foreign scripts that together have the letters one run
    /// needs, in a block of at most `menu_max_words` words. Returns the
    /// script with the most letters and the span from the first run to the
    /// last.
    fn language_menu(&self, text: &str, runs: &[Run]) -> Option<(Script, Range<usize>)> {
        let max_words = self.config.menu_max_words;
        let (first, last) = (runs.first()?, runs.last()?);
        if max_words == 0 || text.split_whitespace().nth(max_words).is_some() {
            return None;
        }
        let letters: usize = runs.iter().map(|r| r.letters).sum();
        let mut by_script: Vec<(Script, usize)> = Vec::new();
        for run in runs {
            match by_script.iter_mut().find(|(s, _)| *s == run.script) {
                Some((_, n)) => *n += run.letters,
                None => by_script.push((run.script, run.letters)),
            }
        }
        if by_script.len() < 2 || letters < self.config.min_letters {
            return None;
        }
        let (script, _) = by_script.iter().max_by_key(|(_, n)| *n)?;
        Some((*script, first.range.start..last.range.end))
    }

    /// A check for one rule.
    pub fn new(meta: Arc<RuleMeta>, config: Arc<ForeignScriptConfig>) -> ForeignScriptCheck {
        ForeignScriptCheck { meta, config }
    }

    /// The script most of the document's letters are written in (of
    /// scripts with as many letters, the one that appears last).
    fn dominant(&self, doc: &Article<'_>) -> Option<Script> {
        // Letters outside ASCII are few and found quickly: when none is of
        // another script than Latin, Latin is the only one with letters,
        // and the ASCII letters need no counting.
        let blocks = doc.blocks();
        let other_letters = |block: &Block| {
            pieces(block.text()).any(|piece| match piece {
                Piece::Ascii(_) => false,
                Piece::Other(_, c) => letter_script(c).is_some_and(|s| s != Script::Latin),
            })
        };
        if !blocks.iter().any(other_letters) {
            let has_letter = |block: &Block| {
                pieces(block.text()).any(|piece| match piece {
                    Piece::Ascii(ascii) => ascii.iter().any(u8::is_ascii_alphabetic),
                    Piece::Other(_, c) => letter_script(c).is_some(),
                })
            };
            return blocks.iter().any(has_letter).then_some(Script::Latin);
        }
        // Scripts in order of first appearance, with their letters.
        let mut counts: Vec<(Script, usize)> = Vec::new();
        let mut add = |script: Script, n: usize| match counts.iter_mut().find(|(s, _)| *s == script)
        {
            Some((_, count)) => *count += n,
            None => counts.push((script, n)),
        };
        for block in doc.blocks() {
            for piece in pieces(block.text()) {
                match piece {
                    Piece::Ascii(ascii) => {
                        let letters = ascii_letters(ascii);
                        if letters > 0 {
                            add(Script::Latin, letters);
                        }
                    }
                    Piece::Other(_, c) => {
                        if let Some(script) = letter_script(c) {
                            add(script, 1);
                        }
                    }
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
    /// their own extend a run, and so do letters of a script written
    /// together with the run's (Hiragana in a Han run) or glued to it with
    /// nothing between; a letter of another script ends it.
    fn runs(&self, text: &str, home: Script, latin_foreign: bool) -> Vec<Run> {
        let mut runs = Runs::default();
        if !latin_foreign && text.is_ascii() {
            // ASCII letters are at home and nothing else has a script.
            return runs.done;
        }
        let together = |a: Script, b: Script| {
            self.config
                .compatible
                .iter()
                .any(|group| group.contains(&a) && group.contains(&b))
        };
        let letter = |runs: &mut Runs, i: usize, c: char| {
            if let Some(script) = letter_script(c) {
                let foreign = self.is_foreign(script, home);
                runs.letter(i..i + c.len_utf8(), script, foreign, together);
            }
        };
        if latin_foreign {
            for (i, c) in text.char_indices() {
                letter(&mut runs, i, c);
            }
        } else {
            // ASCII letters are at home: a stretch of ASCII with a letter
            // ends the run, and is otherwise passed over.
            for piece in pieces(text) {
                match piece {
                    Piece::Ascii(ascii) => {
                        if ascii.iter().any(u8::is_ascii_alphabetic) {
                            runs.end();
                        }
                    }
                    Piece::Other(i, c) => letter(&mut runs, i, c),
                }
            }
        }
        runs.end();
        runs.done
    }
}

/// Runs being collected over a block.
#[derive(Default)]
struct Runs {
    done: Vec<Run>,
    current: Option<Run>,
}

impl Runs {
    /// A letter of `script` at `range`; `together` tells whether two
    /// scripts are written together (one writing system).
    fn letter(
        &mut self,
        range: Range<usize>,
        script: Script,
        foreign: bool,
        together: impl Fn(Script, Script) -> bool,
    ) {
        if !foreign {
            self.end();
            return;
        }
        match self.current.as_mut() {
            Some(run)
                if run.script == script
                    || run.range.end == range.start
                    || together(run.script, script) =>
            {
                run.mixed |= run.script != script;
                run.range.end = range.end;
                run.letters += 1;
            }
            _ => {
                self.end();
                self.current = Some(Run {
                    script,
                    range,
                    letters: 1,
                    mixed: false,
                });
            }
        }
    }

    /// Ends the current run, if any.
    fn end(&mut self) {
        self.done.extend(self.current.take());
    }
}

impl Check for ForeignScriptCheck {
    fn check(&self, doc: &Article<'_>, out: &mut Vec<Diagnostic>) {
        let Some(home) = self.dominant(doc) else {
            return;
        };
        let latin_foreign = self.is_foreign(Script::Latin, home);
        // Whether the block at hand continues a quotation that an
        // introducing line ("The sign read:") opened: it does when the
        // block before matches an introducer, or continues a quotation
        // itself and has foreign runs. Introducers are only matched when a
        // block with runs asks.
        let mut quoting = Quoting::Known(false);
        let blocks = doc.blocks();
        for (index, block) in blocks.iter().enumerate() {
            let text = block.text();
            let runs = self.runs(text, home, latin_foreign);
            if runs.is_empty() {
                quoting = Quoting::Introduced(index);
                continue;
            }
            let quoted = match quoting {
                Quoting::Known(known) => known,
                Quoting::Introduced(before) => {
                    any_match(&self.config.introducers, blocks[before].text())
                }
            };
            quoting = if quoted {
                Quoting::Known(true)
            } else {
                Quoting::Introduced(index)
            };
            if quoted || !self.meta.scope.contains(block.kind) {
                continue;
            }
            let report = |script: Script, range: Range<usize>, out: &mut Vec<Diagnostic>| {
                let template = self
                    .meta
                    .message
                    .replace("{script}", script.full_name())
                    .replace("{home}", home.full_name());
                let message = render_message(&template, &text[range.clone()]);
                out.push(diagnostic(&self.meta, message, block.source_range(range)));
            };
            let before = out.len();
            for run in &runs {
                // Scripts run together are not words apart either.
                let words = if run.mixed || self.config.unspaced.contains(&run.script) {
                    run.letters
                } else {
                    prose_words(&text[run.range.clone()])
                };
                if run.letters < self.config.min_letters || words < self.config.min_words {
                    continue;
                }
                report(run.script, run.range.clone(), out);
            }
            if out.len() == before {
                if let Some((script, range)) = self.language_menu(text, &runs) {
                    report(script, range, out);
                }
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

    fn foreign(text: &str) -> Vec<String> {
        let (source, found) =
            crate::kinds::testing::lint_with_builtin("foreign-script", text, crate::Format::Plain);
        found
            .iter()
            .map(|d| source.text()[d.range.clone()].to_string())
            .collect()
    }

    #[test]
    fn the_home_script_is_the_one_with_most_letters() {
        // Only Latin letters outside ASCII: Latin is home, nothing to report.
        assert!(foreign("The café’s owner, Zoë Müller, said “señor” twice.\n").is_empty());
        // A Cyrillic caption in an English article is foreign...
        let caption = "Фото: вулиця після дощу в центрі міста вночі";
        let english = format!(
            "The storm passed over the city at night. Streets flooded near the river \
             and the mayor closed two bridges until the morning.\n\n{caption}\n"
        );
        assert_eq!(foreign(&english), [caption]);
        // ...and an English line in a Cyrillic article is what stands out.
        let line = "Photo by the city press office team";
        let cyrillic = format!("{caption}. {caption}. {caption}.\n\n{line}\n");
        assert_eq!(foreign(&cyrillic), [line]);
        // No letters at all: no home, nothing to report.
        assert!(foreign("12:30 — 14:45\n").is_empty());
    }

    /// A paragraph of English prose: the home script of the tests below.
    const ENGLISH: &str = "The ferry service to the islands resumed on Monday after the storm \
                           passed and the harbour reopened.";

    #[test]
    fn scripts_written_or_glued_together_make_one_run() {
        let english = ENGLISH;
        let japanese = "フェリーは月曜日に運航を再開しました";
        assert_eq!(foreign(&format!("{english}\n\n{japanese}。\n")), [japanese]);
        let menu = "한국어Русский日本語";
        assert_eq!(
            foreign(&format!("{english}\n\nEditions: {menu}Deutsch\n")),
            [menu]
        );
        // Scripts apart, each a short name: nothing to report.
        assert!(foreign(&format!("{english}\n\nSeoul (서울) and Kyiv (Київ).\n")).is_empty());
    }

    #[test]
    fn a_short_line_of_names_in_several_scripts_is_a_language_menu() {
        let english = ENGLISH;
        // No run long enough alone; together, in three scripts, on a short line.
        let menu = "한국어 English Русский Français 日本語 Ελληνικά";
        assert_eq!(foreign(&format!("{english}\n\n{menu}\n")), [menu]);
        // The same names in a sentence of prose are names.
        let prose = format!(
            "{english} The sign at the quay greets passengers in several languages, \
             from 한국어 and Русский to 日本語, and the crew say visitors like it.\n"
        );
        assert!(foreign(&prose).is_empty());
        // One foreign script: its runs are judged alone.
        assert!(foreign(&format!("{english}\n\nKyiv Київ Lviv Львів\n")).is_empty());
    }
}
