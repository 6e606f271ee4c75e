//! An article as checks see it: blocks of prose with exact source ranges,
//! grouped into sections under their headings (what checks compute from
//! them is in `crate::analyses`).
//!
//! Every input format (plain text, Markdown, HTML) is turned into the same
//! model, so every check works on all of them. The model never alters the
//! source: each block keeps its byte range and a [`BlockText`] that maps the
//! clean text checks read back to the original bytes.

mod front_matter;
pub mod html;
mod markdown;
mod plain;
mod text;

use std::ops::Range;
use std::path::Path;

pub use text::{BlockText, TextBuilder};

use crate::source::Source;

/// The syntax an input is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Text as scraped or exported: one paragraph a line, bare headings.
    Plain,
    /// CommonMark with an optional YAML front-matter block.
    Markdown,
    /// An HTML page or a CMS body fragment.
    Html,
}

impl Format {
    /// The format implied by a file name's extension, if it is one newslint
    /// picks up when walking a directory.
    pub fn from_extension(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Plain),
            "md" | "markdown" | "mdown" | "mkd" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            _ => None,
        }
    }

    /// The format for a path named explicitly: by extension, else plain text.
    pub fn for_path(path: &Path) -> Format {
        Format::from_extension(path).unwrap_or(Format::Plain)
    }

    /// The lowercase name used in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Plain => "plain text",
            Format::Markdown => "Markdown",
            Format::Html => "HTML",
        }
    }
}

/// What a block is, as far as the article's structure goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BlockKind {
    /// The headline (front-matter `title`, `<title>`, a leading `# H1`).
    Title,
    /// The summary or dek (front-matter `description`/`summary`, meta description).
    Summary,
    /// A section heading.
    Heading,
    /// A paragraph of body prose.
    Paragraph,
    /// One item of a bulleted or numbered list.
    ListItem,
    /// One row of a table (cells joined with ` | `).
    TableRow,
    /// An image caption or alt text.
    Caption,
    /// A question of a FAQ or Q&A.
    Question,
    /// The answer to a FAQ question.
    Answer,
    /// A block quotation.
    Quote,
}

impl BlockKind {
    /// Every kind, in declaration order.
    pub const ALL: [BlockKind; 10] = [
        BlockKind::Title,
        BlockKind::Summary,
        BlockKind::Heading,
        BlockKind::Paragraph,
        BlockKind::ListItem,
        BlockKind::TableRow,
        BlockKind::Caption,
        BlockKind::Question,
        BlockKind::Answer,
        BlockKind::Quote,
    ];

    /// The name rule files use for this kind in `scope`.
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Title => "title",
            BlockKind::Summary => "summary",
            BlockKind::Heading => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::ListItem => "list-item",
            BlockKind::TableRow => "table-row",
            BlockKind::Caption => "caption",
            BlockKind::Question => "question",
            BlockKind::Answer => "answer",
            BlockKind::Quote => "quote",
        }
    }

    /// A bit for this kind, for scope sets.
    pub fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// One block of the article.
#[derive(Debug, Clone)]
pub struct Block<'a> {
    /// What the block is.
    pub kind: BlockKind,
    /// Source bytes the block occupies, markup included.
    pub range: Range<usize>,
    /// The clean text checks read, mapped back to the source.
    pub text: BlockText<'a>,
    /// Heading level (1–6) for headings; list depth for list items (1 = top); 0 otherwise.
    pub level: u8,
    /// Index into [`Document::sections`] of the section this block is in.
    pub section: usize,
}

impl Block<'_> {
    /// The block's clean text.
    pub fn text(&self) -> &str {
        self.text.as_str()
    }

    /// Source range of a byte range of the block's clean text.
    pub fn source_range(&self, range: Range<usize>) -> Range<usize> {
        self.text.source_range(range)
    }

    /// Source range of a label the parser split off the front of the block
    /// ("TL;DR:", "Summary:", "Q:"), if there is one: checks that care what a
    /// block was called can still read it.
    pub fn split_label(&self, source: &str) -> Option<Range<usize>> {
        let text_start = self.text.source_range(0..0).start;
        let prefix = source.get(self.range.start..text_start)?;
        let label = prefix.trim();
        if !label.ends_with(':') {
            return None;
        }
        let start = self.range.start + (prefix.len() - prefix.trim_start().len());
        Some(start..start + label.len())
    }
}

/// A heading and the blocks under it, up to the next heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Index of the heading block (`None` for the text before the first heading).
    pub heading: Option<usize>,
    /// Indices of the blocks in the section, heading excluded.
    pub blocks: Range<usize>,
}

/// An article parsed into blocks and sections.
#[derive(Debug)]
pub struct Document<'a> {
    source: &'a Source,
    format: Format,
    blocks: Vec<Block<'a>>,
    sections: Vec<Section>,
}

impl<'a> Document<'a> {
    /// Parses a source in the given format.
    pub fn parse(source: &'a Source, format: Format) -> Document<'a> {
        let blocks = match format {
            Format::Plain => plain::parse(source.text()),
            Format::Markdown => markdown::parse(source.text()),
            Format::Html => html::parse(source.text()),
        };
        Document::from_blocks(source, format, blocks)
    }

    /// Builds a document from blocks in source order, deriving the sections.
    pub fn from_blocks(source: &'a Source, format: Format, mut blocks: Vec<Block<'a>>) -> Self {
        let mut sections = vec![Section {
            heading: None,
            blocks: 0..0,
        }];
        for (index, block) in blocks.iter_mut().enumerate() {
            if block.kind == BlockKind::Heading {
                sections.last_mut().expect("one section").blocks.end = index;
                sections.push(Section {
                    heading: Some(index),
                    blocks: index + 1..index + 1,
                });
            }
            block.section = sections.len() - 1;
        }
        sections.last_mut().expect("one section").blocks.end = blocks.len();
        Document {
            source,
            format,
            blocks,
            sections,
        }
    }

    /// The source this document was parsed from.
    pub fn source(&self) -> &'a Source {
        self.source
    }

    /// The input format.
    pub fn format(&self) -> Format {
        self.format
    }

    /// All blocks in source order.
    pub fn blocks(&self) -> &[Block<'a>] {
        &self.blocks
    }

    /// All sections in source order; the first holds the blocks before any heading.
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    /// The heading block of a section, if it has one.
    pub fn section_heading(&self, section: usize) -> Option<&Block<'a>> {
        self.sections[section].heading.map(|i| &self.blocks[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_group_blocks_under_headings() {
        let source = Source::new("a.md", "Intro.\n\n## One\n\nA.\n\nB.\n\n## Two\n");
        let doc = Document::parse(&source, Format::Markdown);
        let kinds: Vec<_> = doc.blocks().iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Paragraph,
                BlockKind::Heading,
                BlockKind::Paragraph,
                BlockKind::Paragraph,
                BlockKind::Heading
            ]
        );
        assert_eq!(doc.sections().len(), 3);
        assert_eq!(doc.sections()[1].blocks, 2..4);
        assert_eq!(doc.sections()[2].blocks, 5..5);
        assert_eq!(doc.blocks()[3].section, 1);
        assert_eq!(doc.section_heading(2).unwrap().text(), "Two");
    }

    #[test]
    fn split_labels_are_found_before_the_block_text() {
        let source = Source::new(
            "a.txt",
            "Headline here

Summary: It rose.

• A point.",
        );
        let doc = Document::parse(&source, Format::Plain);
        let labels: Vec<Option<&str>> = doc
            .blocks()
            .iter()
            .map(|b| b.split_label(source.text()).map(|r| &source.text()[r]))
            .collect();
        assert_eq!(labels, [None, Some("Summary:"), None]);
    }

    #[test]
    fn formats_by_extension() {
        assert_eq!(
            Format::from_extension(Path::new("a/b.MD")),
            Some(Format::Markdown)
        );
        assert_eq!(
            Format::from_extension(Path::new("x.htm")),
            Some(Format::Html)
        );
        assert_eq!(Format::from_extension(Path::new("x.rs")), None);
        assert_eq!(Format::for_path(Path::new("README")), Format::Plain);
    }
}
