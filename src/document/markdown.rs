//! Structure of Markdown articles, read with pulldown-cmark's offset iterator.
//!
//! Headings, paragraphs, list items, table rows, block quotes and image alt
//! text become blocks; code, raw HTML and link targets are not prose and are
//! left out. Text events map back to the source piece by piece, so escapes
//! and line breaks never shift a diagnostic. Front matter is read first (see
//! `front_matter`) and the Markdown body is parsed after it.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::front_matter;
use super::text::TextBuilder;
use super::{Block, BlockKind};

/// A block being collected while its events stream past.
struct Open {
    kind: BlockKind,
    level: u8,
    start: usize,
    text: TextBuilder,
}

/// Walks pulldown-cmark events and collects blocks.
struct Collector<'t> {
    source: &'t str,
    blocks: Vec<Block<'t>>,
    open: Option<Open>,
    /// An image's alt text, collected apart from the surrounding paragraph.
    caption: Option<Open>,
    list_depth: u8,
    quote_depth: u8,
    /// Inside code blocks and raw HTML blocks nothing is prose.
    skip_depth: u32,
}

impl<'t> Collector<'t> {
    fn start_block(&mut self, kind: BlockKind, level: u8, start: usize) {
        self.flush();
        self.open = Some(Open {
            kind,
            level,
            start,
            text: TextBuilder::new(),
        });
    }

    fn flush(&mut self) {
        if let Some(open) = self.open.take() {
            push_block(&mut self.blocks, open);
        }
    }

    fn push_text(&mut self, text: &str, range: Range<usize>) {
        if self.skip_depth > 0 {
            return;
        }
        let target = match (&mut self.caption, &mut self.open) {
            (Some(caption), _) => caption,
            (None, Some(open)) => open,
            (None, None) => {
                // Text outside any block (e.g. in a tight list item after a
                // nested list): give it a paragraph of its own.
                let kind = if self.list_depth > 0 {
                    BlockKind::ListItem
                } else {
                    BlockKind::Paragraph
                };
                self.start_block(kind, self.list_depth, range.start);
                self.open.as_mut().expect("just opened")
            }
        };
        target.text.push(text, self.source, range);
    }

    fn paragraph_kind(&self) -> BlockKind {
        if self.quote_depth > 0 {
            BlockKind::Quote
        } else if self.list_depth > 0 {
            BlockKind::ListItem
        } else {
            BlockKind::Paragraph
        }
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.push_text(&text, range),
            Event::SoftBreak | Event::HardBreak => {
                let src = &self.source[range.clone()];
                if src == "\n" {
                    self.push_text("\n", range);
                } else if self.skip_depth == 0 {
                    if let Some(open) = self.caption.as_mut().or(self.open.as_mut()) {
                        open.text.push_mapped("\n", range);
                    }
                }
            }
            Event::Code(_) => {
                // Inline code is not prose; keep a space so words stay apart.
                if let Some(open) = self.open.as_mut() {
                    open.text.push_mapped(" ", range);
                }
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Heading { level, .. } => {
                self.start_block(BlockKind::Heading, level as u8, range.start)
            }
            Tag::Paragraph => {
                let continuing_item = self.open.as_ref().is_some_and(|o| {
                    o.kind == BlockKind::ListItem && o.text.is_empty() && self.quote_depth == 0
                });
                if !continuing_item {
                    self.start_block(self.paragraph_kind(), self.list_depth, range.start);
                }
            }
            Tag::Item => self.start_block(BlockKind::ListItem, self.list_depth, range.start),
            Tag::List(_) => {
                self.flush();
                self.list_depth += 1;
            }
            Tag::BlockQuote(_) => {
                self.flush();
                self.quote_depth += 1;
            }
            Tag::TableHead | Tag::TableRow => self.start_block(BlockKind::TableRow, 0, range.start),
            Tag::TableCell => {
                if let Some(open) = self.open.as_mut() {
                    if !open.text.is_empty() {
                        open.text.push_mapped(" | ", range.start..range.start);
                    }
                }
            }
            Tag::Image { .. } => {
                self.caption = Some(Open {
                    kind: BlockKind::Caption,
                    level: 0,
                    start: range.start,
                    text: TextBuilder::new(),
                });
            }
            Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) => {
                self.flush();
                self.skip_depth += 1;
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item | TagEnd::TableRow => {
                self.flush()
            }
            TagEnd::TableHead => self.flush(),
            TagEnd::List(_) => {
                self.flush();
                self.list_depth = self.list_depth.saturating_sub(1);
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            TagEnd::Image => {
                if let Some(caption) = self.caption.take() {
                    push_block(&mut self.blocks, caption);
                }
            }
            TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) => {
                self.skip_depth = self.skip_depth.saturating_sub(1);
            }
            _ => {}
        }
    }
}

/// Turns a collected block into a [`Block`] unless it holds no text.
fn push_block<'t>(blocks: &mut Vec<Block<'t>>, open: Open) {
    let Some(span) = open.text.source_span() else {
        return;
    };
    let Some(text) = open.text.finish() else {
        return;
    };
    blocks.push(Block {
        kind: open.kind,
        range: open.start.min(span.start)..span.end,
        text,
        level: open.level,
        section: 0,
    });
}

/// Parses a Markdown text (with optional front matter) into blocks.
pub fn parse(source: &str) -> Vec<Block<'_>> {
    let front = front_matter::parse(source);
    let body_start = front.body_start;
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut collector = Collector {
        source,
        blocks: front.blocks,
        open: None,
        caption: None,
        list_depth: 0,
        quote_depth: 0,
        skip_depth: 0,
    };
    let body = &source[body_start..];
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let shifted = range.start + body_start..range.end + body_start;
        collector.event(event, shifted);
    }
    collector.flush();
    let mut blocks = collector.blocks;
    // Captions are collected beside their paragraph; restore source order.
    blocks.sort_by_key(|b| b.range.start);
    promote_leading_h1(&mut blocks);
    // An interview's "Q:"/"A:" paragraphs are its questions and answers,
    // as in plain text.
    for block in &mut blocks {
        if block.kind == BlockKind::Paragraph {
            if let Some((kind, _)) = super::plain::interview_marker(block.text()) {
                block.kind = kind;
            }
        }
    }
    blocks
}

/// A level-1 heading before any body block is the headline, as a CMS prints
/// it (with or without a front-matter title).
fn promote_leading_h1(blocks: &mut [Block<'_>]) {
    let first_body = blocks
        .iter_mut()
        .find(|b| !matches!(b.kind, BlockKind::Title | BlockKind::Summary));
    if let Some(block) = first_body {
        if block.kind == BlockKind::Heading && block.level == 1 {
            block.kind = BlockKind::Title;
            block.level = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use BlockKind::*;

    fn summary(text: &str) -> Vec<(BlockKind, String)> {
        parse(text)
            .into_iter()
            .map(|b| (b.kind, b.text().to_string()))
            .collect()
    }

    #[test]
    fn front_matter_headings_lists_and_quotes() {
        let text = "---\ntitle: Big news\ndescription: It happened.\n---\n# Head\n\nSome *emphasis* here.\n\n- one\n- two\n\n> quoted\n";
        assert_eq!(
            summary(text),
            [
                (Title, "Big news".into()),
                (Summary, "It happened.".into()),
                (Title, "Head".into()),
                (Paragraph, "Some emphasis here.".into()),
                (ListItem, "one".into()),
                (ListItem, "two".into()),
                (Quote, "quoted".into()),
            ]
        );
    }

    #[test]
    fn text_maps_back_to_exact_source_bytes() {
        let text = "Intro with **bold words** and `code`.\n";
        let blocks = parse(text);
        let b = &blocks[0];
        let at = b.text().find("words").unwrap();
        let r = b.source_range(at..at + 5);
        assert_eq!(&text[r], "words");
        assert_eq!(b.text(), "Intro with bold words and  .");
    }

    #[test]
    fn interview_questions_and_answers_are_read_as_such() {
        let text = "Intro.\n\n**Q: Why now?**\n\n**A:** Because the ferry was late.\n\nQuestion: And then?\n";
        let kinds: Vec<BlockKind> = summary(text).into_iter().map(|(k, _)| k).collect();
        assert_eq!(kinds, [Paragraph, Question, Answer, Question]);
    }

    #[test]
    fn leading_h1_is_the_headline() {
        let text = "# Big news\n\nBody.\n\n# Later\n";
        assert_eq!(
            summary(text),
            [
                (Title, "Big news".into()),
                (Paragraph, "Body.".into()),
                (Heading, "Later".into()),
            ]
        );
    }

    #[test]
    fn tables_images_and_code() {
        let text = "| A | B |\n|---|---|\n| x | y |\n\n![A photo caption](p.jpg)\n\n```\n{{ not prose }}\n```\n";
        assert_eq!(
            summary(text),
            [
                (TableRow, "A | B".into()),
                (TableRow, "x | y".into()),
                (Caption, "A photo caption".into()),
            ]
        );
    }

    #[test]
    fn crlf_soft_breaks_map_as_units() {
        let text = "one\r\ntwo\r\n";
        let blocks = parse(text);
        assert_eq!(blocks[0].text(), "one\ntwo");
        let r = blocks[0].source_range(0..7);
        assert_eq!(&text[r], "one\r\ntwo");
    }
}
