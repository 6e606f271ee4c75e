//! The figure recognizer: finds the statistics in a text and normalises them.
//!
//! A figure is a number a reader would want a source for: a sum of money
//! (`$1 billion`, `US$1bn`, `>US$1 billion/year`, `€3.2m`, `billion-dollar`),
//! a percentage or points (`~1.5%`, `12 percent`, `3 percentage points`), a
//! multiplier (`tripled`, `threefold`, `3x`, `three times more`) or a large
//! count of something (`10,000 jobs`, `2.3 million users`). Numbers that are
//! part of something else are not figures: dates and years, times, ranges and
//! scores (`6-2`), phone numbers, addresses, ordinals, and the digits of names
//! (`GPT-4`, `R1`, `21Vianet`, `Microsoft 365`, `iPhone 15`). Small sums are
//! prices, not statistics.
//!
//! Every word the recognizer knows (currencies, magnitudes, units,
//! multiplier verbs, exceptions) comes from the rule file; this module holds
//! only the grammar. Each figure gets a [`FigureKey`] so that `$1 billion`,
//! `US$1 billion`, `>US$1 billion/year` and `billion-dollar` compare equal.

use std::ops::Range;
use std::rc::Rc;
use std::sync::Arc;

use regex::Regex;

use std::collections::BTreeMap;

use serde::Deserialize;

use super::Article;
use crate::engine::lexicon::{fold, is_word_char, with_folded, Lexicon, WordMap, WordSet};
use crate::engine::runs::Runs;
use crate::engine::words;
use crate::engine::ListSpec;

/// How figures are written: the grammar of the figure recognizer.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FigureGrammarSpec {
    /// Currency signs and codes written before (or, for signs, after) a
    /// number, mapped to a currency code: `US$: USD`.
    pub currency_symbols: BTreeMap<String, String>,
    /// Currency names written after a number or magnitude: `dollars: USD`.
    pub currency_words: BTreeMap<String, String>,
    /// Magnitude words after a number: `billion: 1000000000`.
    pub magnitude_words: BTreeMap<String, f64>,
    /// Magnitude suffixes glued to a number after a currency: `bn`, `m`.
    pub magnitude_suffixes: BTreeMap<String, f64>,
    /// Number words that can carry a magnitude or a multiplier: `three: 3`.
    pub number_words: BTreeMap<String, f64>,
    /// Units that make a number a percentage or points: `%`, `percent`.
    pub percent_units: Vec<String>,
    /// Verbs that state a multiplier: `tripled: 3`.
    pub multiplier_words: BTreeMap<String, f64>,
    /// Suffixes that make a number a multiplier: `fold` (threefold, 3-fold).
    pub fold_suffixes: Vec<String>,
    /// Words after a number that make it a multiplier when a comparison
    /// follows (`three times more`).
    pub times_words: Vec<String>,
    /// Words after `times` that make it a comparison.
    pub times_followers: Vec<String>,
    /// Signs glued before a figure that belong to it (`~`, `>`).
    pub span_prefixes: Vec<String>,
    /// Rate suffixes glued after a figure that belong to it (`/year`).
    pub rate_suffixes: Vec<String>,
    /// Smallest sum of money that counts as a statistic (smaller is a price).
    pub min_money: f64,
    /// Smallest count that counts as a statistic.
    pub min_count: f64,
    /// Largest `3x`-style multiplier (larger is a model name: `777x`).
    pub max_multiplier: f64,
    /// Words that cannot be what a bare number counts (`in`, `of`, `and`).
    pub function_words: Vec<String>,
    /// Units that make a number a measurement, not a count (`years`, `miles`).
    pub measure_units: Vec<String>,
    /// Matches that cancel the figures they overlap (`doubled down`).
    #[serde(default)]
    pub exceptions: ListSpec,
    /// Shares and changes written as fractions or ratios in words ("nearly
    /// half of voters", "one in five adults", "fell by a third"): each
    /// match is a figure, the same figure wherever the same words stand.
    #[serde(default)]
    pub shares: ListSpec,
}

/// What a figure measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FigureKind {
    /// A sum of money.
    Money,
    /// A percentage, or percentage or basis points.
    Percent,
    /// A ratio of change: doubled, threefold, 3x.
    Multiplier,
    /// A large count of things.
    Count,
    /// A share or a change written as a fraction or a ratio in words
    /// ("nearly half of", "one in five adults", "fell by a third").
    Share,
}

/// A statistic found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Byte range in the text, qualifiers such as `~` and `/year` included.
    pub range: Range<usize>,
    /// What it measures.
    pub kind: FigureKind,
    /// Its value (money in currency units, percentages in percent).
    pub value: f64,
    /// The currency of a sum of money (an index into the grammar's codes).
    pub currency: Option<u16>,
}

/// A figure's normalised identity: kind, currency and value to three
/// significant digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FigureKey {
    kind: FigureKind,
    currency: Option<u16>,
    milli: i64,
}

impl Figure {
    /// The key two mentions of the same figure share.
    pub fn key(&self) -> FigureKey {
        let milli = match self.kind {
            // A share's value is the hash of its words, kept whole.
            FigureKind::Share => self.value as i64,
            _ => (round_significant(self.value, 3) * 1000.0).round() as i64,
        };
        FigureKey {
            kind: self.kind,
            currency: self.currency,
            milli,
        }
    }
}

/// The value of a share written in words: a hash of its lower-cased words
/// (52 bits, exact in an `f64`), so that the same words make the same key.
fn share_value(text: &str) -> f64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = rustc_hash::FxHasher::default();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        word.to_lowercase().hash(&mut hasher);
    }
    (hasher.finish() & ((1 << 52) - 1)) as f64
}

fn round_significant(value: f64, digits: i32) -> f64 {
    if value == 0.0 || !value.is_finite() {
        return 0.0;
    }
    let scale = 10f64.powi(value.abs().log10().floor() as i32 - (digits - 1));
    (value / scale).round() * scale
}

/// A currency sign or code, with what the search asks of it worked out
/// once: symbols are tried before every number.
#[derive(Debug, Clone)]
struct CurrencySymbol {
    text: String,
    /// Its currency index.
    currency: u16,
    /// Its last byte.
    last: u8,
    /// Whether it ends with a letter (a code: `USD 5` may have a space).
    alphabetic_end: bool,
    /// Whether it starts with a letter or digit (then it must not be glued
    /// to a word before it).
    alphanumeric_start: bool,
    /// Whether it is a sign, with no letter or digit at all.
    sign: bool,
}

impl CurrencySymbol {
    /// A symbol from its (trimmed, non-empty) text.
    fn new(text: &str, currency: u16) -> CurrencySymbol {
        CurrencySymbol {
            text: text.to_string(),
            currency,
            last: text.bytes().last().unwrap_or(0),
            alphabetic_end: text.chars().next_back().is_some_and(char::is_alphabetic),
            alphanumeric_start: text.chars().next().is_some_and(char::is_alphanumeric),
            sign: !text.chars().any(char::is_alphanumeric),
        }
    }
}

/// The compiled grammar of figures.
#[derive(Debug, Clone)]
pub struct FigureGrammar {
    /// Currency signs and codes, longest first.
    symbols: Vec<CurrencySymbol>,
    /// Bytes a currency sign or code can end with.
    symbol_last: ByteSet,
    /// Whether a currency code ends with a letter (`USD 5` may have a space).
    symbol_alphabetic_end: bool,
    /// Bytes a currency sign (not a code) can start with.
    sign_first: ByteSet,
    currency_words: WordMap<u16>,
    /// Currency names of several words (`Hong Kong dollars`), longest first.
    currency_phrases: Vec<(Vec<String>, u16)>,
    /// Bytes (either case) a currency name of several words can start with.
    phrase_first: ByteSet,
    magnitude_words: WordMap<f64>,
    magnitude_suffixes: WordMap<f64>,
    number_words: WordMap<f64>,
    /// Percent units as lists of folded words (or signs), longest first.
    percent_units: Vec<Vec<String>>,
    /// Bytes (either case) a percent unit can start with.
    unit_first: ByteSet,
    multiplier_words: WordMap<f64>,
    fold_suffixes: Vec<String>,
    times_words: WordSet,
    times_followers: WordSet,
    span_prefixes: Vec<String>,
    rate_suffixes: Vec<String>,
    /// Bytes (either case) a rate suffix can start with.
    rate_first: ByteSet,
    min_money: f64,
    min_count: f64,
    max_multiplier: f64,
    function_words: WordSet,
    measure_units: WordSet,
    exceptions: Lexicon,
    /// Shares and changes written in words.
    shares: Lexicon,
    /// Words without which a text has no figure written in words
    /// (multipliers, magnitudes, `times`): a cheap first scan.
    worded_cues: Lexicon,
    /// The fold suffixes at the end of a word (`fold` in `threefold`), the
    /// other cue for figures written in words; the letter or hyphen before
    /// them is checked in code, which leaves the regex a literal prefix to
    /// search for (a leading `[\w-]` class would have it read every byte).
    fold_cue: Option<Regex>,
    /// The openings of the words a figure written in words starts with
    /// (numbers, multipliers, magnitudes): every other word of a block is
    /// passed over at a glance.
    openings: Openings,
    /// What the grammar was compiled from, to tell equal grammars apart
    /// from different ones (see [`FigureGrammar::same_as`]).
    spec: FigureGrammarSpec,
}

impl FigureGrammar {
    /// Compiles a rule file's figure grammar.
    pub fn new(spec: &FigureGrammarSpec) -> Result<FigureGrammar, String> {
        let mut codes: Vec<String> = Vec::new();
        let mut code_index = |code: &str| -> u16 {
            let code = code.trim().to_ascii_uppercase();
            match codes.iter().position(|c| *c == code) {
                Some(i) => i as u16,
                None => {
                    codes.push(code);
                    (codes.len() - 1) as u16
                }
            }
        };
        let mut symbols: Vec<CurrencySymbol> = Vec::new();
        for (symbol, code) in &spec.currency_symbols {
            if symbol.trim().is_empty() {
                return Err("empty currency symbol".into());
            }
            symbols.push(CurrencySymbol::new(symbol.trim(), code_index(code)));
        }
        symbols.sort_by_key(|s| std::cmp::Reverse(s.text.len()));
        let mut currency_words = WordMap::default();
        let mut currency_phrases = Vec::new();
        for (name, code) in &spec.currency_words {
            let words: Vec<String> = name.split_whitespace().map(fold).collect();
            let code = code_index(code);
            match words.len() {
                0 => return Err("empty currency word".into()),
                1 => {
                    currency_words.insert(&words[0], code);
                }
                _ => currency_phrases.push((words, code)),
            }
        }
        currency_phrases.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        let folded = |map: &std::collections::BTreeMap<String, f64>, what: &str| {
            map.iter()
                .map(|(k, v)| {
                    if *v > 0.0 && v.is_finite() {
                        Ok((fold(k), *v))
                    } else {
                        Err(format!("{what} `{k}` needs a positive value"))
                    }
                })
                .collect::<Result<WordMap<_>, _>>()
        };
        let mut percent_units: Vec<Vec<String>> = spec
            .percent_units
            .iter()
            .map(|u| u.split_whitespace().map(fold).collect::<Vec<_>>())
            .filter(|u: &Vec<String>| !u.is_empty())
            .collect();
        percent_units.sort_by_key(|u| std::cmp::Reverse(u.iter().map(String::len).sum::<usize>()));
        let mut span_prefixes: Vec<String> = spec.span_prefixes.clone();
        span_prefixes.sort_by_key(|p| std::cmp::Reverse(p.len()));
        let mut rate_suffixes: Vec<String> = spec.rate_suffixes.iter().map(|s| fold(s)).collect();
        rate_suffixes.sort_by_key(|p| std::cmp::Reverse(p.len()));
        let symbol_last = ByteSet::of(symbols.iter().map(|s| s.last));
        let symbol_alphabetic_end = symbols.iter().any(|s| s.alphabetic_end);
        let sign_first = ByteSet::of(
            symbols
                .iter()
                .filter(|s| s.sign)
                .filter_map(|s| s.text.bytes().next()),
        );
        let first_bytes = |lists: &mut dyn Iterator<Item = &String>| {
            ByteSet::either_case(lists.filter_map(|w| w.bytes().next()))
        };
        Ok(FigureGrammar {
            symbols,
            symbol_last,
            symbol_alphabetic_end,
            sign_first,
            currency_words,
            phrase_first: first_bytes(&mut currency_phrases.iter().filter_map(|(w, _)| w.first())),
            unit_first: first_bytes(&mut percent_units.iter().filter_map(|u| u.first())),
            rate_first: first_bytes(&mut rate_suffixes.iter()),
            currency_phrases,
            magnitude_words: folded(&spec.magnitude_words, "magnitude word")?,
            magnitude_suffixes: folded(&spec.magnitude_suffixes, "magnitude suffix")?,
            number_words: folded(&spec.number_words, "number word")?,
            percent_units,
            multiplier_words: folded(&spec.multiplier_words, "multiplier word")?,
            fold_suffixes: spec.fold_suffixes.iter().map(|s| fold(s)).collect(),
            times_words: WordSet::new(&spec.times_words),
            times_followers: WordSet::new(&spec.times_followers),
            span_prefixes,
            rate_suffixes,
            min_money: spec.min_money,
            min_count: spec.min_count,
            max_multiplier: spec.max_multiplier,
            function_words: WordSet::new(&spec.function_words),
            measure_units: WordSet::new(&spec.measure_units),
            exceptions: Lexicon::new(&spec.exceptions.phrases, &spec.exceptions.regexes)?,
            shares: Lexicon::new(&spec.shares.phrases, &spec.shares.regexes)?,
            worded_cues: Self::worded_cues(spec)?,
            fold_cue: Self::fold_cue(spec)?,
            openings: Openings::new(
                (spec.number_words.keys())
                    .chain(spec.multiplier_words.keys())
                    .chain(spec.magnitude_words.keys())
                    .map(|w| fold(w)),
            ),
            spec: spec.clone(),
        })
    }

    /// The first-scan lexicon of [`FigureGrammar::worded`].
    fn worded_cues(spec: &FigureGrammarSpec) -> Result<Lexicon, String> {
        let mut cues: Vec<String> = spec.multiplier_words.keys().cloned().collect();
        cues.extend(spec.magnitude_words.keys().cloned());
        cues.extend(spec.times_words.iter().cloned());
        Lexicon::new(&cues, &[])
    }

    /// The regex of [`FigureGrammar::fold_cue`], if there are fold suffixes.
    fn fold_cue(spec: &FigureGrammarSpec) -> Result<Option<Regex>, String> {
        let suffixes: Vec<String> = spec
            .fold_suffixes
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .map(regex::escape)
            .collect();
        if suffixes.is_empty() {
            return Ok(None);
        }
        let pattern = format!(r"(?i)(?:{})(?-u:\b)", suffixes.join("|"));
        Regex::new(&pattern)
            .map(Some)
            .map_err(|e| format!("invalid fold suffix: {e}"))
    }

    /// Whether `text` has a word ending in a fold suffix after a letter,
    /// digit or hyphen (`threefold`, `3-fold`).
    fn has_fold_cue(&self, text: &str) -> bool {
        self.fold_cue.as_ref().is_some_and(|regex| {
            regex.find_iter(text).any(|m| {
                text[..m.start()]
                    .chars()
                    .next_back()
                    .is_some_and(|c| is_word_char(c) || matches!(c, '-' | '‑'))
            })
        })
    }

    /// Whether `other` was compiled from the same grammar, so that the two
    /// find the same figures in every text.
    pub fn same_as(&self, other: &FigureGrammar) -> bool {
        self.spec == other.spec
    }

    /// The figures of block `index` of `doc`, found once per document for
    /// every check that reads them with this grammar (`unsourced-figure`
    /// and `hedging-mismatch` share one when their rule files write it
    /// alike: see `crate::kinds::Build::figure_grammar`).
    pub fn block_figures(self: &Arc<Self>, doc: &Article<'_>, index: usize) -> Rc<Vec<Figure>> {
        doc.figures(self, index)
    }

    /// Every figure in `text`, in order of position.
    pub fn find(&self, text: &str) -> Vec<Figure> {
        self.find_in(text, &Runs::of(text))
    }

    /// [`FigureGrammar::find`], given the runs of `text`.
    pub fn find_in(&self, text: &str, runs: &Runs) -> Vec<Figure> {
        let mut found = Vec::new();
        let bytes = text.as_bytes();
        let mut at = 0;
        while let Some(digits) = next_number(bytes, at) {
            at = digits.end;
            if let Some(figure) = self.numeric(text, digits) {
                found.push(figure);
            }
        }
        self.worded(text, runs, &mut found);
        for range in self.shares.find_in(text, runs, 0..text.len()) {
            found.push(Figure {
                value: share_value(&text[range.clone()]),
                range,
                kind: FigureKind::Share,
                currency: None,
            });
        }
        if found.is_empty() {
            return found;
        }
        found.sort_by_key(|f| f.range.start);
        found.dedup_by(|b, a| b.range.start < a.range.end);
        let exceptions = self.exceptions.find_in(text, runs, 0..text.len());
        found.retain(|f| {
            !exceptions
                .iter()
                .any(|e| e.start < f.range.end && f.range.start < e.end)
        });
        found
    }

    /// A figure built around the digits at `digits`, if they make one.
    fn numeric(&self, text: &str, digits: Range<usize>) -> Option<Figure> {
        let raw = &text[digits.clone()];
        let mut value = parse_number(raw)?;
        let currency_before = self.symbol_before(text, digits.start);
        if currency_before.is_none() && glued_before(text, digits.start) {
            return None;
        }
        let mut start = currency_before.map_or(digits.start, |(s, _)| s);
        let mut currency = currency_before.map(|(_, c)| c);
        let mut end = digits.end;
        let mut kind = None;
        let mut magnitude = false;
        // What is glued on the right: a suffix, a compound, a range.
        let mut rest = text[end..].chars();
        match rest.next() {
            Some(c) if c.is_alphabetic() => {
                let word_end = end + letters_len(&text[end..]);
                if text[word_end..].chars().next().is_some_and(is_word_char) {
                    return None;
                }
                let glued = with_folded(&text[end..word_end], |suffix| {
                    if let Some(m) = self.magnitude_words.get_folded(suffix).or_else(|| {
                        currency
                            .is_some()
                            .then(|| self.magnitude_suffixes.get_folded(suffix))
                            .flatten()
                    }) {
                        Some(Some(*m))
                    } else if suffix == "x" && currency.is_none() && value <= self.max_multiplier
                        || self.fold_suffixes.iter().any(|s| s == suffix)
                    {
                        Some(None)
                    } else {
                        None
                    }
                });
                match glued {
                    Some(Some(m)) => {
                        value *= m;
                        magnitude = true;
                    }
                    Some(None) => kind = Some(FigureKind::Multiplier),
                    // An ordinal, a model or product name, a unit symbol.
                    None => return None,
                }
                end = word_end;
            }
            Some('-' | '‑' | '–' | '/' | ':' | ',' | '.')
                if rest.next().is_some_and(|n| n.is_ascii_digit()) =>
            {
                // A range, score, date, time, phone number or version.
                return None;
            }
            Some(hyphen @ ('-' | '‑')) => {
                let word_start = end + hyphen.len_utf8();
                let word_end = word_start + letters_len(&text[word_start..]);
                let glued = with_folded(&text[word_start..word_end], |word| {
                    if self.fold_suffixes.iter().any(|s| s == word) {
                        Some(None)
                    } else {
                        self.magnitude_words.get_folded(word).map(|m| Some(*m))
                    }
                });
                match glued {
                    Some(None) => kind = Some(FigureKind::Multiplier),
                    Some(Some(m)) => {
                        value *= m;
                        magnitude = true;
                    }
                    None if self.unit_at(text, word_start).is_some() => {
                        kind = Some(FigureKind::Percent);
                    }
                    // A compound modifier: a 5-year plan, a 2,812-piece set.
                    None => return None,
                }
                end = word_end;
                if let Some(hyphen) = text[end..]
                    .chars()
                    .next()
                    .filter(|c| matches!(c, '-' | '‑'))
                {
                    // "$1-billion-dollar" keeps going; "13.8-billion-year" is a compound.
                    let next_start = end + hyphen.len_utf8();
                    let next_end = next_start + letters_len(&text[next_start..]);
                    match self.currency_words.get(&text[next_start..next_end]) {
                        Some(&c) => {
                            currency = Some(c);
                            end = next_end;
                        }
                        None => return None,
                    }
                }
            }
            _ => {}
        }
        if kind.is_none() && !text[end..].starts_with(['-', '‑']) {
            if !magnitude {
                if let Some((word, m)) = self.word_after(text, end, &self.magnitude_words) {
                    value *= m;
                    magnitude = true;
                    end = word.end;
                }
            }
            if let Some((currency_end, c)) = self.currency_after(text, end) {
                currency = Some(c);
                end = currency_end;
            } else if let Some((sym_end, c)) = self.symbol_after(text, end) {
                currency = Some(c);
                end = sym_end;
            }
            if currency.is_none() {
                if let Some(unit_end) = self.unit_at(text, skip_spaces(text, end)) {
                    kind = Some(FigureKind::Percent);
                    end = unit_end;
                } else if let Some(times) = self.times_after(text, end) {
                    kind = Some(FigureKind::Multiplier);
                    end = times;
                }
            }
        }
        let kind = match (kind, currency) {
            (Some(kind), None) => kind,
            (Some(_), Some(_)) => return None,
            (None, Some(_)) if value >= self.min_money => FigureKind::Money,
            (None, Some(_)) => return None,
            (None, None) => {
                if value < self.min_count {
                    return None;
                }
                end = self.count_end(text, raw, end, magnitude)?;
                FigureKind::Count
            }
        };
        start = self.prefix_start(text, start);
        end = self.rate_end(text, end);
        Some(Figure {
            range: start..end,
            kind,
            value,
            currency: (kind == FigureKind::Money).then_some(currency).flatten(),
        })
    }

    /// Whether a large number without a unit sign is a count of something,
    /// and where its span ends (the thing counted included): with a
    /// magnitude word (`2.3 million`) unless a measure follows; bare digits
    /// only when written with thousands separators or five digits or more
    /// (so not a year), and followed by the thing counted.
    fn count_end(&self, text: &str, raw: &str, end: usize, magnitude: bool) -> Option<usize> {
        let next = next_word(text, end);
        let unit = next.filter(|w| !self.function_words.contains(w.text));
        // A measure right after the number, or after one modifier
        // ("20,800 user reviews", "13.8 billion light-years").
        let second = unit.and_then(|w| next_word(text, w.end()));
        if [next, second]
            .iter()
            .flatten()
            .any(|w| self.measure_units.contains(w.text))
        {
            return None;
        }
        if magnitude {
            return Some(
                unit.filter(|w| !w.is_capitalized())
                    .map_or(end, |w| w.end()),
            );
        }
        let grouped = raw.contains(',');
        if !(grouped || (!raw.contains('.') && raw.len() >= 5)) {
            return None;
        }
        unit.filter(|w| grouped || !w.is_capitalized())
            .map(|w| w.end())
    }

    /// Figures written in words: multiplier verbs, `threefold`, `three times
    /// more`, `three million users`, `billion-dollar`.
    fn worded(&self, text: &str, runs: &Runs, out: &mut Vec<Figure>) {
        if !self.worded_cues.is_match_in(text, runs, 0..text.len()) && !self.has_fold_cue(text) {
            return;
        }
        let words = words::split(text);
        for (i, word) in words.iter().enumerate() {
            if word.is_numeric() || !self.openings.admits(word.text) {
                continue;
            }
            with_folded(word.text, |lower| {
                self.worded_at(text, &words, i, lower, out)
            });
        }
    }

    /// The figure written in words that starts at word `i` (folded:
    /// `lower`), if any.
    fn worded_at(
        &self,
        text: &str,
        words: &[words::Word<'_>],
        i: usize,
        lower: &str,
        out: &mut Vec<Figure>,
    ) {
        let word = &words[i];
        let figure = |range: Range<usize>, kind, value, currency| Figure {
            range,
            kind,
            value,
            currency,
        };
        if let Some(&v) = self.multiplier_words.get_folded(lower) {
            out.push(figure(word.range(), FigureKind::Multiplier, v, None));
            return;
        }
        if let Some(v) = self.fold_suffixes.iter().find_map(|s| {
            let stem = lower.strip_suffix(s.as_str())?;
            self.number_words
                .get_folded(stem.trim_end_matches(['-', '‑']))
                .copied()
        }) {
            out.push(figure(word.range(), FigureKind::Multiplier, v, None));
            return;
        }
        let mut parts = lower.split(['-', '‑']);
        if let (Some(magnitude), Some(currency), None) = (parts.next(), parts.next(), parts.next())
        {
            if let (Some(m), Some(&c)) = (
                self.magnitude_words.get_folded(magnitude),
                self.currency_words.get_folded(currency),
            ) {
                if *m >= self.min_money {
                    out.push(figure(word.range(), FigureKind::Money, *m, Some(c)));
                }
                return;
            }
        }
        let Some(&n) = self.number_words.get_folded(lower) else {
            return;
        };
        let next = words
            .get(i + 1)
            .filter(|w| !words::punctuated(text, word, w));
        let Some(next) = next else { return };
        if let Some(m) = self.magnitude_words.get(next.text) {
            let mut end = next.end();
            let value = n * m;
            let currency = self.currency_after(text, end);
            if let Some((currency_end, _)) = currency {
                end = currency_end;
            }
            match currency {
                Some((_, c)) if value >= self.min_money => {
                    out.push(figure(word.start..end, FigureKind::Money, value, Some(c)))
                }
                None if value >= self.min_count => {
                    if let Some(end) = self.count_end(text, "", end, true) {
                        out.push(figure(word.start..end, FigureKind::Count, value, None))
                    }
                }
                _ => {}
            }
        } else if let Some(end) = self.times_after(text, word.end()) {
            out.push(figure(word.start..end, FigureKind::Multiplier, n, None));
        }
    }

    /// A currency sign or code just before `at` (codes may have one space
    /// before the number): its start and currency.
    fn symbol_before(&self, text: &str, at: usize) -> Option<(usize, u16)> {
        let last = *text.as_bytes().get(at.checked_sub(1)?)?;
        if !(self.symbol_last.contains(last) || last == b' ' && self.symbol_alphabetic_end) {
            return None;
        }
        let before = &text[..at];
        for symbol in &self.symbols {
            // Symbols never end with a space: one right before `at` is
            // the space allowed after a code.
            let start = if last == b' ' {
                if !symbol.alphabetic_end || !before[..at - 1].ends_with(symbol.text.as_str()) {
                    continue;
                }
                at - 1 - symbol.text.len()
            } else {
                if symbol.last != last || !before.ends_with(symbol.text.as_str()) {
                    continue;
                }
                at - symbol.text.len()
            };
            let glued = text[..start].chars().next_back().is_some_and(is_word_char);
            if symbol.alphanumeric_start && glued {
                continue;
            }
            return Some((start, symbol.currency));
        }
        None
    }

    /// A currency sign (not a code) just after `at`, glued or after a space.
    fn symbol_after(&self, text: &str, at: usize) -> Option<(usize, u16)> {
        let rest = &text[at..];
        let (rest, offset) = match rest.strip_prefix(' ') {
            Some(r) => (r, at + 1),
            None => (rest, at),
        };
        if !rest
            .bytes()
            .next()
            .is_some_and(|b| self.sign_first.contains(b))
        {
            return None;
        }
        self.symbols.iter().find_map(|symbol| {
            (symbol.sign && rest.starts_with(symbol.text.as_str()))
                .then(|| (offset + symbol.text.len(), symbol.currency))
        })
    }

    /// The next word after `at` (past spaces), if it is a key of `map`.
    fn word_after<V: Copy>(&self, text: &str, at: usize, map: &WordMap<V>) -> Option<(Span, V)> {
        let word = next_word(text, at)?;
        let value = map.get(word.text)?;
        Some((
            Span {
                end: word.start + word.text.len(),
            },
            *value,
        ))
    }

    /// A currency name after `at` (past spaces): its end and currency.
    fn currency_after(&self, text: &str, at: usize) -> Option<(usize, u16)> {
        let start = skip_spaces(text, at);
        let phrase = if self.phrase_first.contains_at(text, start) {
            self.currency_phrases
                .iter()
                .find_map(|(words, c)| Some((match_words_at(text, start, words)?, *c)))
        } else {
            None
        };
        phrase.or_else(|| {
            self.word_after(text, at, &self.currency_words)
                .map(|(word, c)| (word.end, c))
        })
    }

    /// The end of a percent unit starting exactly at `at`.
    fn unit_at(&self, text: &str, at: usize) -> Option<usize> {
        if !self.unit_first.contains_at(text, at) {
            return None;
        }
        self.percent_units
            .iter()
            .find_map(|unit| match_words_at(text, at, unit))
    }

    /// The end of `times` after `at` when a comparison follows it.
    fn times_after(&self, text: &str, at: usize) -> Option<usize> {
        let times = next_word(text, at)?;
        if !self.times_words.contains(times.text) {
            return None;
        }
        let end = times.start + times.text.len();
        let follower = next_word(text, end)?;
        self.times_followers.contains(follower.text).then_some(end)
    }

    /// `start` moved back over a glued qualifier sign (`~`, `>`).
    fn prefix_start(&self, text: &str, start: usize) -> usize {
        let before = &text[..start];
        self.span_prefixes
            .iter()
            .find(|p| before.ends_with(p.as_str()))
            .map_or(start, |p| start - p.len())
    }

    /// `end` moved past a glued rate suffix (`/year`).
    fn rate_end(&self, text: &str, end: usize) -> usize {
        if !self.rate_first.contains_at(text, end) {
            return end;
        }
        let rest = &text[end..];
        for suffix in &self.rate_suffixes {
            let Some(head) = rest.get(..suffix.len()) else {
                continue;
            };
            if head.eq_ignore_ascii_case(suffix)
                && !rest[suffix.len()..]
                    .chars()
                    .next()
                    .is_some_and(is_word_char)
            {
                return end + suffix.len();
            }
        }
        end
    }
}

/// A set of bytes, for first-byte tests that skip a list scan.
#[derive(Debug, Clone)]
struct ByteSet([bool; 256]);

impl ByteSet {
    /// The set of these bytes.
    fn of(bytes: impl Iterator<Item = u8>) -> ByteSet {
        let mut set = [false; 256];
        for b in bytes {
            set[b as usize] = true;
        }
        ByteSet(set)
    }

    /// The set of these bytes in both ASCII cases; every byte outside ASCII
    /// is in it as soon as one is (case folding may reach them).
    fn either_case(bytes: impl Iterator<Item = u8>) -> ByteSet {
        let mut set = [false; 256];
        for b in bytes {
            if b.is_ascii() {
                set[b.to_ascii_lowercase() as usize] = true;
                set[b.to_ascii_uppercase() as usize] = true;
            } else {
                set[0x80..].fill(true);
            }
        }
        ByteSet(set)
    }

    fn contains(&self, b: u8) -> bool {
        self.0[b as usize]
    }

    /// Whether the byte at `at` of `text` is in the set.
    fn contains_at(&self, text: &str, at: usize) -> bool {
        text.as_bytes().get(at).is_some_and(|&b| self.contains(b))
    }
}

/// The next run of digits at or after `from` as the regex
/// `[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?` finds it: thousands groups and a
/// decimal part included.
fn next_number(bytes: &[u8], from: usize) -> Option<Range<usize>> {
    let start = from + find_digit(&bytes[from..])?;
    let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let mut i = start;
    while digit(i) {
        i += 1;
    }
    while bytes.get(i) == Some(&b',') && digit(i + 1) && digit(i + 2) && digit(i + 3) {
        i += 4;
    }
    if bytes.get(i) == Some(&b'.') && digit(i + 1) {
        i += 1;
        while digit(i) {
            i += 1;
        }
    }
    Some(start..i)
}

/// The offset of the first ASCII digit in `bytes`, eight bytes at a time.
fn find_digit(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut i = 0;
    while i + 8 <= bytes.len() {
        let word = u64::from_le_bytes(bytes[i..i + 8].try_into().expect("8 bytes"));
        // Digits become 0..=9 and nothing else does; then flag bytes below
        // 10. The lowest flag is always a true one.
        let x = word ^ (0x30 * ONES);
        let flags = x.wrapping_sub(10 * ONES) & !x & (0x80 * ONES);
        if flags != 0 {
            return Some(i + (flags.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    bytes[i..]
        .iter()
        .position(u8::is_ascii_digit)
        .map(|p| i + p)
}

/// The value of digits with thousands separators, without allocating.
fn parse_number(raw: &str) -> Option<f64> {
    if !raw.contains(',') {
        return raw.parse().ok();
    }
    let mut buf = [0u8; 64];
    let mut len = 0;
    for b in raw.bytes().filter(|&b| b != b',') {
        if len == buf.len() {
            return raw.replace(',', "").parse().ok();
        }
        buf[len] = b;
        len += 1;
    }
    std::str::from_utf8(&buf[..len]).ok()?.parse().ok()
}

/// The end of a matched word (kept small so lookups return it by value).
#[derive(Debug, Clone, Copy)]
struct Span {
    end: usize,
}

/// Whether the digits at `at` are glued to a word or number before them
/// (`GPT-4`, `FY2024`, `R1`, the `2` of `6-2`, the `30` of `10:30`).
fn glued_before(text: &str, at: usize) -> bool {
    let mut before = text[..at].chars().rev();
    match before.next() {
        Some(c) if is_word_char(c) => true,
        Some('-' | '‑' | '–' | '/' | ':' | '.') => before.next().is_some_and(is_word_char),
        Some('#') => true,
        _ => false,
    }
}

/// Bytes of the run of letters at the start of `text`.
fn letters_len(text: &str) -> usize {
    text.char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(text.len(), |(i, _)| i)
}

fn skip_spaces(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    at + (rest.len() - rest.trim_start_matches([' ', '\u{a0}', '\t']).len())
}

/// The word right after `at`, past spaces only (no punctuation between);
/// inner apostrophes and hyphens are part of it (`light-years`).
fn next_word(text: &str, at: usize) -> Option<words::Word<'_>> {
    let start = skip_spaces(text, at);
    let rest = &text[start..];
    let mut len = 0;
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let joiner = matches!(c, '\'' | '’' | '-' | '‑');
        let next_letter = chars.peek().is_some_and(|(_, n)| n.is_alphabetic());
        if !(c.is_alphabetic() || joiner && len > 0 && next_letter) {
            break;
        }
        len = i + c.len_utf8();
    }
    (len > 0).then(|| words::Word {
        text: &text[start..start + len],
        start,
    })
}

/// The end of the words of `unit` (signs or words) matched at `at`, any case,
/// any spaces between words, whole words only.
fn match_words_at(text: &str, at: usize, unit: &[String]) -> Option<usize> {
    let mut pos = at;
    for (i, part) in unit.iter().enumerate() {
        if i > 0 {
            let next = skip_spaces(text, pos);
            if next == pos {
                return None;
            }
            pos = next;
        }
        let head = text.get(pos..pos + part.len())?;
        if !folds_equal(head, part) {
            return None;
        }
        pos += part.len();
    }
    let last_is_word = unit.last()?.chars().next_back().is_some_and(is_word_char);
    if last_is_word && text[pos..].chars().next().is_some_and(is_word_char) {
        return None;
    }
    Some(pos)
}

/// Whether `fold(head) == part` for a `part` already folded. When `part` is
/// ASCII, no other byte string of its length folds to it but its ASCII case
/// variants (folding only shortens the other characters that reach ASCII,
/// and `part` holds no white space for the trim to remove).
fn folds_equal(head: &str, part: &str) -> bool {
    if part.is_ascii() {
        head.as_bytes().eq_ignore_ascii_case(part.as_bytes())
    } else {
        fold(head) == part
    }
}

/// The first two bytes of a set of folded words, as a bit map: whether a
/// word (any case) may be one of them or begin with one, at a glance. Words
/// that open with a byte outside ASCII are always admitted (their folded
/// form is not their bytes lower-cased).
#[derive(Debug, Clone)]
struct Openings(Box<[u64; 1024]>);

impl Openings {
    /// The openings of `words`, each in folded form.
    fn new(words: impl Iterator<Item = String>) -> Openings {
        let mut bits = Box::new([0u64; 1024]);
        let mut set = |pair: usize| bits[pair / 64] |= 1 << (pair % 64);
        for word in words {
            match *word.as_bytes() {
                [first, second, ..] => set(usize::from(first) << 8 | usize::from(second)),
                // A one-letter word opens every word with that letter.
                [first] => (0..256).for_each(|second| set(usize::from(first) << 8 | second)),
                [] => {}
            }
        }
        Openings(bits)
    }

    /// Whether `word` may be a word of the set or begin with one.
    fn admits(&self, word: &str) -> bool {
        let bytes = word.as_bytes();
        let first = bytes.first().copied().unwrap_or(0);
        let second = bytes.get(1).copied().unwrap_or(0);
        if !first.is_ascii() || !second.is_ascii() {
            return true;
        }
        let pair =
            usize::from(first.to_ascii_lowercase()) << 8 | usize::from(second.to_ascii_lowercase());
        self.0[pair / 64] & (1 << (pair % 64)) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    #[test]
    fn openings_admit_words_that_begin_like_a_listed_word() {
        let words = ["a", "three", "twenty", "half"].map(String::from);
        let openings = Openings::new(words.into_iter());
        for word in [
            "A",
            "about",
            "Three",
            "THREEFOLD",
            "tw",
            "twelve",
            "Half-million",
            "Über",
        ] {
            assert!(openings.admits(word), "{word}");
        }
        for word in ["of", "said", "t", "Hello", "", "fifty"] {
            assert!(!openings.admits(word), "{word}");
        }
    }

    /// The grammar of the built-in unsourced-figure rule.
    fn grammar() -> FigureGrammar {
        let set = RuleSet::builtin_rule("unsourced-figure").expect("the rule loads");
        let config = set.rules()[0].config.clone();
        let config = config
            .downcast::<crate::kinds::unsourced_figure::UnsourcedFigureConfig>()
            .expect("an unsourced-figure rule");
        (*config.grammar).clone()
    }

    fn figures(g: &FigureGrammar, text: &str) -> Vec<String> {
        g.find(text)
            .into_iter()
            .map(|f| text[f.range].to_string())
            .collect()
    }

    #[test]
    fn recognizes_statistics() {
        let g = grammar();
        let cases: &[(&str, &str)] = &[
            ("The firm spent $1 billion on chips.", "$1 billion"),
            ("It raised US$1bn last spring.", "US$1bn"),
            (
                "On track to spend >US$1 billion/year on cloud.",
                ">US$1 billion/year",
            ),
            ("The grant was €3.2m in total.", "€3.2m"),
            ("a billion-dollar bet on robots", "billion-dollar"),
            ("margins near ~1.5% of sales", "~1.5%"),
            ("Sales rose 400% in a year.", "400%"),
            ("Prices climbed 12 percent.", "12 percent"),
            ("Turnout fell 3 percentage points.", "3 percentage points"),
            ("The cost per unit doubled.", "doubled"),
            ("Revenue tripled after the deal.", "tripled"),
            ("a threefold rise in claims", "threefold"),
            ("The model is 3x faster.", "3x"),
            ("The plant will add 10,000 jobs.", "10,000 jobs"),
            (
                "Delhi has 10 million vehicles on its roads.",
                "10 million vehicles",
            ),
            ("The app has 2.3 million users.", "2.3 million users"),
            ("The city has 2.3 million in reserve.", "2.3 million"),
            ("Its debt is £71.6million now.", "£71.6million"),
            ("The fund holds $300M in cash.", "$300M"),
            ("They paid 5 million dollars.", "5 million dollars"),
            (
                "The city spent three million dollars.",
                "three million dollars",
            ),
            ("Three million people voted.", "Three million people"),
            ("Output is four times higher than in 2019.", "four times"),
            ("Demand grew 10 times more than forecast.", "10 times"),
            ("a 10-fold increase in orders", "10-fold"),
            ("a two-fold jump", "two-fold"),
            ("Wages rose 2.5 per cent.", "2.5 per cent"),
            ("The rate was cut by 25 basis points.", "25 basis points"),
            ("Shares fell 0.36%.", "0.36%"),
            ("The deal is worth $8.8 billion.", "$8.8 billion"),
            ("Costs reached USD 5 million.", "USD 5 million"),
            ("About 600,000 Israelis live there.", "600,000 Israelis"),
            ("The payout was 71,350,000 euro.", "71,350,000 euro"),
            (
                "It raised 88 billion Hong Kong dollars.",
                "88 billion Hong Kong dollars",
            ),
            ("a $1.5 trillion budget", "$1.5 trillion"),
            ("The profit was ¥2 billion.", "¥2 billion"),
            (
                "Costs of ₹500 crore were met with ₹3 billion.",
                "₹3 billion",
            ),
            ("Subscriptions quadrupled.", "quadrupled"),
            ("The firm doubles its revenue every year.", "doubles"),
            ("Waiting times halved since May.", "halved"),
            ("It sold 12,000 tickets.", "12,000 tickets"),
            ("Over 50,000 residents left.", "50,000 residents"),
            ("The trial enrolled 505,796 people.", "505,796 people"),
            ("Growth was 7% a year.", "7%"),
            ("A trillion-dollar market is forming.", "trillion-dollar"),
            ("a 5-percent cut", "5-percent"),
            ("Inflation hit 10 %.", "10 %"),
            ("He owes $2.5bn.", "$2.5bn"),
        ];
        for (text, want) in cases {
            assert_eq!(figures(&g, text), [*want], "in {text:?}");
        }
        assert!(cases.len() >= 40);
    }

    #[test]
    fn ignores_numbers_that_are_not_statistics() {
        let g = grammar();
        let cases: &[&str] = &[
            "Published June 2025 in print.",
            "Posted 2026-06-18 at noon.",
            "Results for FY2024 are due.",
            "Results for FY 2024 are due.",
            "The talk starts at 10:30 a.m. sharp.",
            "· 2026-06-21 · 3 min read",
            "She finished 21st overall.",
            "He came 3rd in the race.",
            "The update ships with GPT-4 support.",
            "DeepSeek's R1 and its V4 model.",
            "It bundles Microsoft 365 and Teams.",
            "Its partner 21Vianet runs the cloud.",
            "The iPhone 15 launched in September.",
            "Nadal won 6-2, 7-5 on clay.",
            "They lost 7-6 (5), 6-3 in Madrid.",
            "Call 555-0199 for tickets.",
            "Call (212) 555-0100 today.",
            "Call +44 20 7946 0958 today.",
            "The office is at 1600 Pennsylvania Avenue.",
            "Send mail to 10250 Santa Monica Blvd.",
            "Version 2.1.3 fixes the bug.",
            "A 4K screen and 5G modem.",
            "Open 24/7 since 1965.",
            "The 1990s were different.",
            "The 30-year bond yield rose 29/32 in price.",
            "It runs Windows 10 on a PS4.",
            "The case cost $39.99 on sale.",
            "A laptop for $2,400 is pricey.",
            "The fine was up to $250,000.",
            "Brazil star Neymar was among the more than 12,000 in attendance.",
            "It took 15,000 years to form.",
            "The router has 20,800 user reviews.",
            "The plane climbed to 20,000 feet.",
            "The galaxy is 230 million light-years wide.",
            "a 2,812-piece set of bricks",
            "a 13.8-billion-year period",
            "Democrats doubled down on the message.",
            "He doubled to left field in the fifth.",
            "The garage doubles as a studio.",
            "Emirates cut its order of 777x jets.",
            "Section 230 and Article 5 apply.",
            "Flight 370 vanished in 2014.",
            "He is No. 1 in the Top 10.",
            "Boeing 737 jets were grounded.",
            "COVID-19 cases in ward 12.",
            "The score was 2-1 after 90 minutes.",
            "See page 1,204 of the report.",
            "Zip code 90210 is famous.",
            "They tripled down on it.",
            "She won the mixed doubles title in Paris.",
            "He hit two triples and a home run.",
            "Billions of dollars were spent.",
            "a multibillion-dollar deal",
            "He wants a million-dollar question answered.",
        ];
        for text in cases {
            assert_eq!(figures(&g, text), Vec::<String>::new(), "in {text:?}");
        }
        assert!(cases.len() >= 40);
    }

    #[test]
    fn keys_normalise_written_forms() {
        let g = grammar();
        let key = |text: &str| g.find(text)[0].key();
        let billion = key("$1 billion");
        for text in [
            "US$1 billion",
            ">US$1 billion/year",
            "a billion-dollar spend",
            "US$1bn",
            "$1,000 million",
            "1 billion dollars",
            "a billion dollars",
        ] {
            assert_eq!(key(text), billion, "{text}");
        }
        assert_eq!(key("tripled"), key("3x"));
        assert_eq!(key("threefold"), key("three times more"));
        assert_eq!(key("~1.5%"), key("1.5 percent"));
        assert_ne!(key("€1 billion"), billion);
        assert_ne!(key("1.5%"), key("1.6%"));
        assert_eq!(key("nearly half of voters"), key("Nearly half of voters"));
        assert_ne!(key("nearly half of voters"), key("nearly half of adults"));
    }

    #[test]
    fn shares_in_words_are_figures_and_other_fractions_are_not() {
        let g = grammar();
        for (text, share) in [
            (
                "Nearly half of residents use the ferry.",
                "Nearly half of residents",
            ),
            ("One in five adults smoke.", "One in five adults"),
            ("3 out of 4 young voters agreed.", "3 out of 4 young voters"),
            ("Crime fell by a third last year.", "fell by a third"),
            ("Sales dropped by nearly half.", "dropped by nearly half"),
        ] {
            assert_eq!(figures(&g, text), [share], "{text}");
        }
        for text in [
            "He scored in the second half of the game.",
            "Half of the money went to the school.",
            "She scored 2 in 10 minutes.",
            "The team won two of three games.",
        ] {
            assert!(figures(&g, text).is_empty(), "{text}");
        }
    }
}

#[cfg(test)]
mod grammar_tests {
    /// The lines of the `figures:` section of a rule file, up to the next
    /// top-level key.
    fn figures_section(text: &str) -> Vec<&str> {
        text.lines()
            .skip_while(|l| *l != "figures:")
            .skip(1)
            .take_while(|l| l.is_empty() || l.starts_with([' ', '#']))
            .collect()
    }

    #[test]
    fn both_claim_rules_share_one_figure_grammar() {
        let unsourced = include_str!("../../rules/unsourced-figure.yaml");
        let hedging = include_str!("../../rules/hedging-mismatch.yaml");
        let a = figures_section(unsourced);
        assert!(a.len() > 50 && a.contains(&"  currency_symbols:"));
        assert_eq!(
            a,
            figures_section(hedging),
            "keep the figure grammars identical"
        );
    }
}
