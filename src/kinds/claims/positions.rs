//! Summary positions and certainty frames: where an article states its
//! claims in brief, and where it presents them as established fact.
//!
//! Summary positions are the headline, the dek or first paragraph before the
//! first heading, the front-matter description, FAQ answers, paragraphs
//! opened by a summary label ("Summary:", "TL;DR:"), and the items, rows and
//! paragraphs of sections whose heading names a summary ("TL;DR", "Key
//! takeaways", "Key data"). Certainty frames are sections (or labelled
//! paragraphs) whose heading presents facts ("What we know", "Key facts",
//! "Confirmed"); they are summary positions too.
//!
//! Everything is derived from block kinds, section headings and block
//! order, so it works on any parser's output: when a parser marks the
//! headline as [`BlockKind::Title`] it is used; when it does not, a first
//! line parsed as a bare heading, or a short first paragraph, is taken as
//! the headline and the paragraph after it as the dek.

use std::ops::Range;

use crate::document::{BlockKind, Document};
use crate::engine::lexicon::{fold, WordSet};
use crate::engine::words;
use serde::Deserialize;

/// Where the article states its claims in brief.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PositionsSpec {
    /// Headings whose section presents established facts ("What we know");
    /// every hedge counts there, bare modals included.
    pub certainty_frames: Vec<String>,
    /// Headings of summaries presented as fact ("TL;DR", "Key data"); only
    /// strong hedges count there.
    pub summary_frames: Vec<String>,
    /// Words of a block in the first or second person ("I guess", "you
    /// should"): such a block is opinion or advice, not a list of facts, and
    /// frames do not read it.
    pub personal_words: Vec<String>,
    /// Headings whose section summarises the article ("TL;DR", "Key data").
    pub summary_sections: Vec<String>,
    /// Labels that open a summary paragraph ("Summary:", "TL;DR:").
    pub summary_labels: Vec<String>,
    /// A first block of at most this many words, in an article whose parser
    /// found no headline, is taken as the headline.
    pub headline_max_words: usize,
}

/// Longest prefix, in bytes, searched for a summary label such as "TL;DR:".
const MAX_LABEL_BYTES: usize = 40;

/// Where a certainty frame comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrameSource {
    /// The section heading at this block index.
    Heading(usize),
    /// A label at the start of the block itself (a range of its text).
    Label(Range<usize>),
    /// A label the parser split off the front of the block (a source range).
    SplitLabel(Range<usize>),
}

/// A certainty frame a block stands in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// The heading or label that sets it up.
    pub source: FrameSource,
    /// Whether every hedge counts (a fact box), or only strong ones (a
    /// summary presented as fact).
    pub strict: bool,
}

/// The role each block plays in the article's structure.
#[derive(Debug, Clone, Default)]
pub struct Roles {
    /// Whether each block is a summary position.
    pub summary: Vec<bool>,
    /// The certainty frame each block is in, if any (whatever person it
    /// speaks in: see [`Positions::is_personal`]).
    pub frame: Vec<Option<Frame>>,
}

/// Compiled heading and label names.
#[derive(Debug, Clone)]
pub struct Positions {
    certainty_frames: Vec<String>,
    summary_frames: Vec<String>,
    personal_words: WordSet,
    summary_sections: Vec<String>,
    summary_labels: Vec<String>,
    /// The first word of every name above: a heading or label whose first
    /// word is none of these names nothing, and is not normalized.
    first_words: WordSet,
    headline_max_words: usize,
}

/// Which list a heading or label name belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Name {
    /// A certainty frame; strict or not.
    Frame(bool),
    Summary,
}

impl Positions {
    /// Compiles a rule file's names.
    pub fn new(spec: &PositionsSpec) -> Positions {
        let names = |list: &[String]| list.iter().map(|n| normalize(n)).collect::<Vec<_>>();
        let certainty_frames = names(&spec.certainty_frames);
        let summary_frames = names(&spec.summary_frames);
        let summary_sections = names(&spec.summary_sections);
        let summary_labels = names(&spec.summary_labels);
        let first_words: Vec<String> = [
            &certainty_frames,
            &summary_frames,
            &summary_sections,
            &summary_labels,
        ]
        .into_iter()
        .flatten()
        .filter_map(|n| n.split(' ').next())
        .map(str::to_string)
        .collect();
        Positions {
            certainty_frames,
            summary_frames,
            personal_words: WordSet::new(&spec.personal_words),
            summary_sections,
            summary_labels,
            first_words: WordSet::new(&first_words),
            headline_max_words: spec.headline_max_words,
        }
    }

    /// The role of every block of `doc`.
    pub fn roles(&self, doc: &Document<'_>) -> Roles {
        let blocks = doc.blocks();
        let mut roles = Roles {
            summary: vec![false; blocks.len()],
            frame: vec![None; blocks.len()],
        };
        for (i, block) in blocks.iter().enumerate() {
            if matches!(
                block.kind,
                BlockKind::Title | BlockKind::Summary | BlockKind::Answer
            ) {
                roles.summary[i] = true;
            }
        }
        self.lead(doc, &mut roles);
        for (s, section) in doc.sections().iter().enumerate() {
            let Some(heading) = doc.section_heading(s) else {
                continue;
            };
            let name = self.heading_name(heading.text());
            // A list or table under the heading is what it introduces; prose
            // after it (with no heading between, as in plain text) is body.
            let first_kind = section.blocks.clone().next().map(|i| blocks[i].kind);
            let list_like = matches!(first_kind, Some(BlockKind::ListItem | BlockKind::TableRow));
            for i in section.blocks.clone() {
                let kind = blocks[i].kind;
                if list_like && Some(kind) != first_kind {
                    break;
                }
                if !matches!(
                    kind,
                    BlockKind::Paragraph | BlockKind::ListItem | BlockKind::TableRow
                ) {
                    continue;
                }
                match name {
                    Some(Name::Frame(strict)) => {
                        roles.summary[i] = true;
                        roles.frame[i] = section.heading.map(|h| Frame {
                            source: FrameSource::Heading(h),
                            strict,
                        });
                    }
                    Some(Name::Summary) => roles.summary[i] = true,
                    None => {}
                }
            }
        }
        let source = doc.source().text();
        for (i, block) in blocks.iter().enumerate() {
            if let Some(split) = block.split_label(source) {
                if let Some((_, name)) = self.label(&source[split.clone()]) {
                    roles.summary[i] = true;
                    if let Name::Frame(strict) = name {
                        roles.frame[i] = Some(Frame {
                            source: FrameSource::SplitLabel(split),
                            strict,
                        });
                    }
                }
            }
            if !matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem) {
                continue;
            }
            if let Some((label, name)) = self.label(block.text()) {
                roles.summary[i] = true;
                if let Name::Frame(strict) = name {
                    roles.frame[i] = Some(Frame {
                        source: FrameSource::Label(label),
                        strict,
                    });
                }
            }
        }
        roles
    }

    /// Whether a text speaks in the first or second person: advice or
    /// opinion ("You should go"), not a statement of fact, so a frame
    /// does not hold it to certainty. Asked only of framed blocks with a
    /// hedge to report, as reading every word of every framed block is
    /// costly.
    pub fn is_personal(&self, text: &str) -> bool {
        words::any(text, |w| self.personal_words.contains(w))
    }

    /// Marks the headline and dek. The headline is the parser's title; or,
    /// without one, a first block that is a bare heading line or a short
    /// paragraph. The lead is the first paragraph before any later heading,
    /// and after a short headline paragraph the next one is its dek.
    fn lead(&self, doc: &Document<'_>, roles: &mut Roles) {
        let blocks = doc.blocks();
        let has_title = blocks.iter().any(|b| b.kind == BlockKind::Title);
        let heading_headline =
            !has_title && blocks.first().is_some_and(|b| b.kind == BlockKind::Heading);
        if heading_headline {
            roles.summary[0] = true;
        }
        let skip = usize::from(heading_headline);
        let mut paragraphs = blocks
            .iter()
            .enumerate()
            .skip(skip)
            .take_while(|(_, b)| b.kind != BlockKind::Heading)
            .filter(|(_, b)| b.kind == BlockKind::Paragraph)
            .map(|(i, _)| i);
        let Some(first) = paragraphs.next() else {
            return;
        };
        roles.summary[first] = true;
        let headline_like =
            blocks[first].text().split_whitespace().count() <= self.headline_max_words;
        if !has_title && !heading_headline && headline_like {
            if let Some(dek) = paragraphs.next() {
                roles.summary[dek] = true;
            }
        }
    }

    /// Which list a heading's text names, if any. Multi-word names also
    /// match as the start of a longer heading ("What we know about the fire").
    fn heading_name(&self, heading: &str) -> Option<Name> {
        if !self.may_name(heading) {
            return None;
        }
        self.name_of(&normalize(heading))
    }

    /// Whether `text` may be a name of some list: the first word of its
    /// [`normalize`]d form is the first word of a name (a text with no
    /// word is left to the full comparison).
    fn may_name(&self, text: &str) -> bool {
        let trimmed = text.trim_matches(|c: char| !c.is_alphanumeric());
        trimmed
            .split_whitespace()
            .next()
            .is_none_or(|first| self.first_words.contains(first))
    }

    /// [`Positions::heading_name`] of an already normalized heading.
    fn name_of(&self, heading: &str) -> Option<Name> {
        let matches = |names: &[String]| {
            names.iter().any(|n| {
                heading == *n
                    || n.contains(' ')
                        && heading.starts_with(n.as_str())
                        && heading[n.len()..].starts_with(' ')
            })
        };
        if matches(&self.certainty_frames) {
            Some(Name::Frame(true))
        } else if matches(&self.summary_frames) {
            Some(Name::Frame(false))
        } else if matches(&self.summary_sections) {
            Some(Name::Summary)
        } else {
            None
        }
    }

    /// A label ending in `:` that opens a block ("TL;DR:", "What we know:"),
    /// with its range and which list names it.
    fn label(&self, text: &str) -> Option<(Range<usize>, Name)> {
        let head = text.get(..MAX_LABEL_BYTES.min(text.len())).unwrap_or(text);
        let colon = head.find(':')?;
        if !self.may_name(&text[..colon]) {
            return None;
        }
        let name = normalize(&text[..colon]);
        match self.name_of(&name) {
            Some(frame @ Name::Frame(_)) => Some((0..colon + 1, frame)),
            _ => self
                .summary_labels
                .contains(&name)
                .then_some((0..colon + 1, Name::Summary)),
        }
    }
}

/// A heading or label as compared with the names: lower case, straight
/// apostrophes, single spaces, no markup or punctuation at either end.
pub fn normalize(text: &str) -> String {
    let trimmed = text.trim_matches(|c: char| !c.is_alphanumeric());
    fold(trimmed)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;
    use crate::Format;

    fn positions() -> Positions {
        let list = |l: &[&str]| l.iter().map(|s| s.to_string()).collect();
        Positions::new(&PositionsSpec {
            certainty_frames: list(&["what we know", "key facts"]),
            summary_frames: list(&["tl;dr"]),
            personal_words: list(&["i", "you"]),
            summary_sections: list(&["key takeaways", "summary"]),
            summary_labels: list(&["summary", "tl;dr"]),
            headline_max_words: 12,
        })
    }

    fn roles(text: &str) -> (Vec<String>, Roles) {
        let source = Source::new("a.md", text);
        let doc = Document::parse(&source, Format::Markdown);
        let texts = doc.blocks().iter().map(|b| b.text().to_string()).collect();
        (texts, positions().roles(&doc))
    }

    #[test]
    fn headline_dek_and_summary_sections() {
        let (texts, roles) = roles(
            "Short headline here\n\nThe dek says the thing.\n\nBody one.\n\n## Key Takeaways:\n\n- A point.\n\n## More\n\nBody two.\n",
        );
        let summary: Vec<&str> = texts
            .iter()
            .zip(&roles.summary)
            .filter(|(_, s)| **s)
            .map(|(t, _)| t.as_str())
            .collect();
        assert_eq!(
            summary,
            ["Short headline here", "The dek says the thing.", "A point."]
        );
    }

    #[test]
    fn a_long_first_paragraph_is_the_only_lead() {
        let (_, roles) = roles(
            "A first paragraph that is long enough to be a lede and not a headline at all, surely.\n\nSecond.\n",
        );
        assert_eq!(roles.summary, [true, false]);
    }

    #[test]
    fn certainty_frames_by_heading_and_label() {
        let (_, roles) = roles(
            "# Title\n\n## What We Know About the Fire\n\n- It started at noon.\n\nTL;DR: it is out.\n\n## Background\n\nOld news.\n",
        );
        let frame = |source, strict| Some(Frame { source, strict });
        assert_eq!(roles.frame[2], frame(FrameSource::Heading(1), true));
        assert_eq!(roles.frame[3], frame(FrameSource::Label(0..6), false));
        assert_eq!(roles.frame[5], None);
        assert!(!roles.summary[5]);
    }

    #[test]
    fn a_frame_over_a_list_ends_where_prose_resumes() {
        let source = Source::new(
            "a.txt",
            "Key Facts
• It opened today.
• It may close.

The mayor said it would stay open.",
        );
        let doc = Document::parse(&source, Format::Plain);
        let roles = positions().roles(&doc);
        let framed: Vec<bool> = roles.frame.iter().map(Option::is_some).collect();
        assert_eq!(framed, [false, true, true, false]);
    }

    #[test]
    fn a_label_the_parser_split_off_still_frames_its_block() {
        let source = Source::new(
            "a.txt",
            "Title line here

TL;DR: The merger is expected to close.

Body text.",
        );
        let doc = Document::parse(&source, Format::Plain);
        let roles = positions().roles(&doc);
        let framed = doc
            .blocks()
            .iter()
            .zip(&roles.frame)
            .find(|(_, f)| f.is_some());
        let (block, frame) = framed.expect("the TL;DR block is framed");
        assert_eq!(block.text(), "The merger is expected to close.");
        let Some(Frame {
            source: FrameSource::SplitLabel(label),
            strict: false,
        }) = frame
        else {
            panic!("{frame:?}");
        };
        assert_eq!(&source.text()[label.clone()], "TL;DR:");
    }

    #[test]
    fn blocks_in_the_first_or_second_person_are_personal() {
        let positions = positions();
        assert!(positions.is_personal("You should go."));
        assert!(positions.is_personal("Then I left"));
        assert!(!positions.is_personal("It opens today; yours truly, Iain."));
    }
}
