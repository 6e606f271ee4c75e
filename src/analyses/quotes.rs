//! Quoted speech: the stretches of a text inside quotation marks, and
//! which of them are someone's reported words.
//!
//! Quoted speech is someone else's words. A figure inside a quotation is
//! attributed to its speaker; a hedge inside one is the speaker's, not the
//! article's; a vague source inside one is the speaker's wording. Checks
//! ask whether a match lies inside a quotation with [`inside`].
//!
//! A quotation mark alone does not make words someone else's: a chatbot
//! reply pasted as copy may quote its own prompt. A human story that quotes
//! a chatbot's leaked line *and says who said it* is reporting; the same
//! line printed as copy is a leak. [`Speech`] is the stricter reading: a
//! quotation counts when an attribution word of the language data
//! ([`crate::language::ATTRIBUTION`]: "said", "replied", "the label read",
//! "according to") stands near it outside any quote; a quotation left open
//! at the end of a paragraph and taken up by an opening mark at the start
//! of the next is one quotation, attributed once; a block quotation is
//! speech as a whole when it, or the block introducing it, attributes it
//! (or that block ends with a colon).

use std::ops::Range;
use std::sync::LazyLock;

use crate::document::{BlockKind, Document};
use crate::engine::lexicon::Lexicon;
use crate::engine::runs::Runs;
use crate::language::ATTRIBUTION;

/// The stretches of `text` inside quotation marks (“…”, "…", «…»). A quote
/// left open runs to the end of the text, as a quotation continued into the
/// next paragraph does.
pub fn quote_spans(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    // Every quotation mark starts with one of these bytes.
    for i in memchr::memchr3_iter(b'"', 0xE2, 0xC2, bytes) {
        let c = match &bytes[i..] {
            [b'"', ..] => '"',
            [0xE2, 0x80, 0x9C, ..] => '“',
            [0xE2, 0x80, 0x9D, ..] => '”',
            [0xE2, 0x80, 0x9E, ..] => '„',
            [0xC2, 0xAB, ..] => '«',
            [0xC2, 0xBB, ..] => '»',
            _ => continue,
        };
        match (c, open) {
            ('“' | '«' | '„', None) => open = Some(i + c.len_utf8()),
            ('”' | '»', Some(start)) => {
                spans.push(start..i);
                open = None;
            }
            ('"', None) => open = Some(i + 1),
            ('"', Some(start)) => {
                spans.push(start..i);
                open = None;
            }
            _ => {}
        }
    }
    if let Some(start) = open {
        spans.push(start..text.len());
    }
    spans
}

/// Whether `range` lies inside one of `spans` (in order, not
/// overlapping, as [`quote_spans`] gives them).
pub fn inside(spans: &[Range<usize>], range: &Range<usize>) -> bool {
    // Only the last span starting at or before `range` can hold it.
    let after = spans.partition_point(|s| s.start <= range.start);
    after > 0 && range.end <= spans[after - 1].end
}

/// The stretches inside single curly quotes ‘…’. The closing mark is also
/// the apostrophe, so a quote closes at the first ’ not between two
/// letters ("don’t" does not close it); an opening ‘ must not follow a
/// letter. A quote left open runs to the end of the text.
pub fn single_quote_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    let mut prev: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        match (c, open) {
            ('‘', None) if !prev.is_some_and(char::is_alphanumeric) => {
                open = Some(i + c.len_utf8())
            }
            ('’', Some(start))
                if !(prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric)) =>
            {
                spans.push(start..i);
                open = None;
            }
            _ => {}
        }
        prev = Some(c);
    }
    if let Some(start) = open {
        spans.push(start..text.len());
    }
    spans
}

/// Every quoted stretch of `text`: double quotes and guillemets, and single
/// curly quotes outside them, in order; a span nested in another dropped.
pub fn all_quote_spans(text: &str) -> Vec<Range<usize>> {
    let mut quotes = quote_spans(text);
    // Single curly quotes need a ‘ (E2 80 98) to open.
    if !text.contains('‘') {
        return quotes;
    }
    quotes.extend(single_quote_spans(text));
    quotes.sort_by_key(|q| (q.start, std::cmp::Reverse(q.end)));
    let mut kept: Vec<Range<usize>> = Vec::with_capacity(quotes.len());
    for q in quotes {
        if kept.last().is_none_or(|k| q.start >= k.end) {
            kept.push(q);
        }
    }
    kept
}

/// Whether a quotation holds nothing but a bracketed slot ("[INSERT
/// QUOTE],"): a template's stand-in for someone's words, not their words.
fn is_slot(quoted: &str) -> bool {
    let core = quoted.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '.' | '!' | '?' | ';' | ':')
    });
    let bracketed = |open: char, close: char| {
        core.starts_with(open)
            && core.ends_with(close)
            && core[1..].find(close) == Some(core.len() - 2)
    };
    core.len() > 2 && (bracketed('[', ']') || bracketed('{', '}'))
}

/// Most bytes between a quotation and the attribution word that makes it
/// someone's speech, before or after it ("“…,” the chatbot replied").
pub const ATTRIBUTION_WINDOW: usize = 60;

/// The attribution words as one list, compiled on first use.
static ATTRIBUTION_WORDS: LazyLock<Lexicon> = LazyLock::new(|| {
    let words: Vec<String> = ATTRIBUTION.iter().map(|w| w.to_string()).collect();
    Lexicon::new(&words, &[]).expect("the language data's attribution words compile")
});

/// The attributed quoted speech of a document: per block, the spans (in
/// offsets of its clean text, in order) that are someone's reported words,
/// and the same spans in source offsets, in order over the document.
#[derive(Debug, Default)]
pub struct Speech {
    blocks: Vec<Vec<Range<usize>>>,
    source: Vec<Range<usize>>,
}

impl Speech {
    /// Finds the attributed quoted speech of `doc`, given each block's
    /// word runs.
    pub fn of<'r>(doc: &Document<'_>, runs: impl Fn(usize) -> &'r Runs) -> Speech {
        let attribution = &*ATTRIBUTION_WORDS;
        let blocks = doc.blocks();
        let mut spans_of = Vec::with_capacity(blocks.len());
        let mut source = Vec::new();
        // Whether the previous block ended inside an attributed quote.
        let mut carried = false;
        for (b, block) in blocks.iter().enumerate() {
            let text = block.text();
            let mut spans = Vec::new();
            if block.kind == BlockKind::Quote {
                let introduced = b.checked_sub(1).is_some_and(|p| {
                    let before = blocks[p].text();
                    blocks[p].kind != BlockKind::Quote
                        && (before.trim_end().ends_with(':')
                            || attribution.is_match_in(before, runs(p), 0..before.len()))
                });
                if introduced || attribution.is_match_in(text, runs(b), 0..text.len()) {
                    spans.push(0..text.len());
                }
                carried = false;
            } else {
                let quotes = all_quote_spans(text);
                let mut next_carried = false;
                if !quotes.is_empty() {
                    let cues: Vec<Range<usize>> = attribution
                        .find_in(text, runs(b), 0..text.len())
                        .into_iter()
                        .filter(|c| !quotes.iter().any(|q| q.start < c.end && c.start < q.end))
                        .collect();
                    let opens_quoted = text.trim_start().starts_with(['"', '“', '„', '«', '‘']);
                    for (i, q) in quotes.iter().enumerate() {
                        if is_slot(&text[q.clone()]) {
                            continue;
                        }
                        let near = cues.iter().any(|c| {
                            c.end + ATTRIBUTION_WINDOW >= q.start
                                && c.start <= q.end + ATTRIBUTION_WINDOW
                        });
                        if near || (i == 0 && carried && opens_quoted) {
                            spans.push(q.clone());
                            next_carried = q.end == text.len();
                        }
                    }
                }
                carried = next_carried;
            }
            source.extend(spans.iter().map(|s| block.source_range(s.clone())));
            spans_of.push(spans);
        }
        Speech {
            blocks: spans_of,
            source,
        }
    }

    /// The attributed speech spans of block `block`, in its text's offsets.
    pub fn spans(&self, block: usize) -> &[Range<usize>] {
        self.blocks.get(block).map_or(&[], Vec::as_slice)
    }

    /// Whether `range` of block `block`'s text lies inside attributed speech.
    pub fn holds(&self, block: usize, range: &Range<usize>) -> bool {
        inside(self.spans(block), range)
    }

    /// Whether the source range `range` lies inside attributed speech.
    pub fn holds_source(&self, range: &Range<usize>) -> bool {
        inside(&self.source, range)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::source::Source;

    /// The attributed speech of each block of `text` read as Markdown.
    fn speech(text: &str) -> Vec<Vec<String>> {
        let source = Source::new("t.md", text);
        let doc = Document::parse(&source, Format::Markdown);
        let runs: Vec<Runs> = doc.blocks().iter().map(|b| Runs::of(b.text())).collect();
        let speech = Speech::of(&doc, |b| &runs[b]);
        (0..doc.blocks().len())
            .map(|b| {
                let block = doc.blocks()[b].text();
                let spans = speech.spans(b);
                for s in spans {
                    let from_source = &text[doc.blocks()[b].source_range(s.clone())];
                    assert!(speech.holds_source(&doc.blocks()[b].source_range(s.clone())));
                    assert_eq!(from_source, &block[s.clone()]);
                }
                spans.iter().map(|s| block[s.clone()].to_string()).collect()
            })
            .collect()
    }

    #[test]
    fn only_attributed_quotes_are_speech() {
        assert_eq!(
            speech("“I cannot help,” the bot replied. Much later on, after the long storm and the flood had passed, “sure” came.\n"),
            [vec!["I cannot help,".to_string()]]
        );
        assert_eq!(speech("He wrote it in “I cannot help” mode.\n")[0].len(), 1);
        assert!(speech("Here is “the river cleanup” story you wanted.\n")[0].is_empty());
        assert!(
            speech("“[INSERT QUOTE],” the mayor said.\n")[0].is_empty(),
            "a slot is no one's words"
        );
        assert_eq!(
            speech("The email began “Dear [FIRST_NAME],” she said.\n")[0],
            ["Dear [FIRST_NAME],"]
        );
    }

    #[test]
    fn a_quote_continued_into_the_next_paragraph_stays_attributed() {
        let found =
            speech("She said: “We start now.\n\n“And we finish in May.”\n\n“Free,” a sign.\n");
        assert_eq!(found[0], ["We start now."]);
        assert_eq!(found[1], ["And we finish in May."]);
        assert!(found[2].is_empty());
    }

    #[test]
    fn block_quotations_are_speech_when_introduced() {
        assert!(speech("> I am sorry.\n")[0].is_empty(), "not attributed");
        assert_eq!(
            speech("The bot replied:\n\n> I am sorry.\n")[1],
            ["I am sorry."]
        );
        assert_eq!(speech("It went on\n\n> I am sorry.\n")[1].len(), 0);
    }

    #[test]
    fn single_quotes_skip_apostrophes() {
        let text = "‘Don’t go,’ she said, in the ’90s.";
        let spans: Vec<&str> = single_quote_spans(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(spans, ["Don’t go,"]);
        let text = "“Yes,” he said, ‘no’ inside “a ‘b’ c”.";
        let all: Vec<&str> = all_quote_spans(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(all, ["Yes,", "no", "a ‘b’ c"]);
    }

    #[test]
    fn quotes_cover_their_text_and_run_on_when_open() {
        let text = "He said “up 5%” and \"down 2%\" then “more";
        let spans: Vec<&str> = quote_spans(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(spans, ["up 5%", "down 2%", "more"]);
    }
}
