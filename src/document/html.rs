//! Structure of HTML articles: CMS body fragments and saved pages.
//!
//! lol_html tokenizes the source and reports the byte range of every start
//! tag, end tag and text chunk; a small state machine here turns that token
//! stream into blocks. Block elements (`p`, `h1`–`h6`, `li`, `tr`,
//! `blockquote`, `figcaption`, ...) delimit blocks, inline markup is dropped,
//! and entities are decoded for matching while every piece of text keeps its
//! place in the source (see [`TextBuilder::push_mapped`]). `<title>` and
//! `<meta name="description">` become the headline and summary; script,
//! style, code, pre, noscript, templates, SVG and comments are not prose;
//! `<figcaption>` and `alt` text are captions.
//!
//! A whole page (one with `<html>` or `<body>`) is read in two passes over
//! the same tokens: `page` lays the page out and decides which elements
//! hold the article and which of the site's widgets inside it to pass over;
//! the blocks are then built from what it kept. A fragment (a CMS body) is
//! the article, taken whole. lol_html does not build a tree, so both passes
//! keep the open elements, with the end tags HTML implies, in `open`.

mod open;
mod page;

use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;

use lol_html::{doc_text, element, end_tag, HtmlRewriter, Settings};

use super::text::TextBuilder;
use super::{Block, BlockKind};
use open::OpenElements;
use page::{Layout, Verdict};

pub use page::{PassedOver, Reason};

/// One token of the source, as lol_html reported it.
#[derive(Debug)]
enum Token {
    /// A start tag: lowercase name, source bytes of the whole tag.
    Start(String, Range<usize>),
    /// An explicit end tag: lowercase name, source bytes of the tag.
    End(String, Range<usize>),
    /// Raw text (entities undecoded).
    Text(Range<usize>),
}

/// Elements whose content is not prose.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "pre", "code", "kbd", "samp", "svg", "math",
    "iframe", "object", "canvas", "select", "textarea", "head",
];

/// `<meta name=...>` values whose `content` is the article's summary, in
/// order of preference.
const SUMMARY_META: &[&str] = &["description", "og:description", "twitter:description"];

/// Tokenizes `source` with lol_html. A tokenizer error (which lol_html only
/// raises for resource limits) ends the stream early rather than failing.
fn tokenize(source: &str) -> Vec<Token> {
    let tokens = Rc::new(RefCell::new(Vec::new()));
    let on_element = Rc::clone(&tokens);
    let on_text = Rc::clone(&tokens);
    let mut rewriter = HtmlRewriter::new(
        Settings::new()
            .append_element_content_handler(element!("*", move |el| {
                let name = el.tag_name();
                let range = el.source_location().bytes();
                let void = open::VOID.contains(&name.as_str());
                on_element.borrow_mut().push(Token::Start(name, range));
                if !void {
                    if let Some(handlers) = el.end_tag_handlers() {
                        let on_end = Rc::clone(&on_element);
                        handlers.push(end_tag!(move |end| {
                            let range = end.source_location().bytes();
                            on_end
                                .borrow_mut()
                                .push(Token::End(end.name().to_ascii_lowercase(), range));
                            Ok(())
                        }));
                    }
                }
                Ok(())
            }))
            .append_document_content_handler(doc_text!(move |chunk| {
                let range = chunk.source_location().bytes();
                if !range.is_empty() {
                    on_text.borrow_mut().push(Token::Text(range));
                }
                Ok(())
            })),
        |_: &[u8]| {},
    );
    let _ = rewriter
        .write(source.as_bytes())
        .and_then(|()| rewriter.end());
    Rc::try_unwrap(tokens)
        .map(RefCell::into_inner)
        .unwrap_or_else(|shared| std::mem::take(&mut *shared.borrow_mut()))
}

/// A block being collected.
struct Open {
    kind: BlockKind,
    level: u8,
    start: usize,
    text: TextBuilder,
}

/// What the builder knows about an open element, computed from its
/// parent's frame when it opens.
#[derive(Debug, Clone, Copy)]
struct Frame {
    /// The kind of block text inside it has, and its level.
    kind: BlockKind,
    level: u8,
    /// Lists (`ul`, `ol`, `menu`) open around and including it.
    lists: u8,
    /// Inside an element whose content is not prose (`head` aside).
    skip: bool,
    /// Inside `<head>`, `<title>`, `<figure>`.
    head: bool,
    title: bool,
    figure: bool,
    /// Passed over as not part of the article (a page's site furniture).
    dropped: bool,
}

impl Frame {
    /// The frame of the document itself: whether a page's content is
    /// dropped unless its layout takes it.
    fn root(dropped: bool) -> Frame {
        Frame {
            kind: BlockKind::Paragraph,
            level: 0,
            lists: 0,
            skip: false,
            head: false,
            title: false,
            figure: false,
            dropped,
        }
    }

    /// The frame of an element `name` opened inside `self`.
    fn child(&self, name: &str, verdict: Verdict) -> Frame {
        let mut frame = *self;
        let lists = self.lists;
        match name {
            "title" => (frame.kind, frame.level) = (BlockKind::Title, 0),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                (frame.kind, frame.level) = (BlockKind::Heading, name.as_bytes()[1] - b'0')
            }
            "figcaption" | "caption" => (frame.kind, frame.level) = (BlockKind::Caption, 0),
            "summary" => (frame.kind, frame.level) = (BlockKind::Question, 0),
            "tr" | "td" | "th" => (frame.kind, frame.level) = (BlockKind::TableRow, 0),
            "li" => (frame.kind, frame.level) = (BlockKind::ListItem, lists.max(1)),
            "blockquote" => (frame.kind, frame.level) = (BlockKind::Quote, 0),
            "details" => (frame.kind, frame.level) = (BlockKind::Answer, 0),
            "ul" | "ol" | "menu" => frame.lists = lists.saturating_add(1),
            _ => {}
        }
        frame.skip |= name != "head" && SKIPPED.contains(&name);
        frame.head |= name == "head";
        frame.title |= name == "title";
        frame.figure |= name == "figure";
        frame.dropped = match verdict {
            Verdict::Inherit => self.dropped,
            Verdict::Take => false,
            Verdict::Drop => true,
        };
        if name == "title" && self.head {
            // The page's headline, wherever the article is.
            frame.dropped = false;
        }
        frame
    }

    /// Whether text here is not the article's prose.
    fn skipping(&self) -> bool {
        self.skip || (self.head && !self.title) || self.dropped
    }
}

/// The state machine from tokens to blocks.
struct Builder<'a> {
    source: &'a str,
    /// Open elements with their frames.
    stack: OpenElements<Frame>,
    /// The frame outside every element.
    root: Frame,
    /// What a page's layout decided for each element, by the order the
    /// elements open in; empty for a fragment (every element inherits).
    verdicts: Vec<Verdict>,
    /// Elements opened so far.
    opened: usize,
    /// Whether the source is a whole page, not a fragment.
    page: bool,
    /// Where the headlines read from `<title>` start, and whether a leading
    /// `<h1>` gave one: the article's own headline, which the page's
    /// `<title>` (often with the site's name) then only repeats.
    title_elements: Vec<usize>,
    h1_headline: bool,
    open: Option<Open>,
    blocks: Vec<Block<'a>>,
    /// `alt` captions of images inside an open `<figure>`, kept until the
    /// figure ends: a figure with a `<figcaption>` shows that instead.
    figure_alts: Vec<Block<'a>>,
    figure_has_caption: bool,
    seen_summary: bool,
    /// Whether any block other than the headline and summary exists yet.
    seen_body: bool,
}

impl<'a> Builder<'a> {
    /// The innermost open element's frame.
    fn frame(&self) -> Frame {
        self.stack.top().copied().unwrap_or(self.root)
    }

    fn skipping(&self) -> bool {
        self.frame().skipping()
    }

    fn flush(&mut self) {
        let Some(open) = self.open.take() else {
            return;
        };
        if let Some(block) = self.finish(open) {
            self.push(block);
        }
    }

    fn finish(&mut self, open: Open) -> Option<Block<'a>> {
        let span = open.text.source_span()?;
        let text = open.text.finish()?;
        let mut kind = open.kind;
        let mut level = open.level;
        if kind == BlockKind::Heading && level == 1 && !self.seen_body {
            // A leading `<h1>` is the headline.
            kind = BlockKind::Title;
            level = 0;
            self.h1_headline = true;
        } else if kind == BlockKind::Title {
            self.title_elements.push(open.start.min(span.start));
        }
        Some(Block {
            kind,
            range: open.start.min(span.start)..span.end,
            text,
            level,
            section: 0,
        })
    }

    fn push(&mut self, block: Block<'a>) {
        match block.kind {
            BlockKind::Title => {}
            BlockKind::Summary => self.seen_summary = true,
            BlockKind::Caption if self.frame().figure => {
                self.figure_has_caption = true;
                self.seen_body = true;
            }
            _ => self.seen_body = true,
        }
        self.blocks.push(block);
    }

    /// Opens a block for the current context, flushing the previous one.
    fn start_block(&mut self, start: usize) {
        self.flush();
        let frame = self.frame();
        self.open = Some(Open {
            kind: frame.kind,
            level: frame.level,
            start,
            text: TextBuilder::new(),
        });
    }

    /// Opens element `name` on the stack with its frame.
    fn open_element(&mut self, name: &str) {
        let verdict = self
            .verdicts
            .get(self.opened)
            .copied()
            .unwrap_or(Verdict::Inherit);
        let root = self.root;
        let opened = self.stack.start(name, &mut |_| {}, |parent| {
            parent.unwrap_or(&root).child(name, verdict)
        });
        self.opened += usize::from(opened);
    }

    fn start_tag(&mut self, name: &str, range: Range<usize>) {
        match name {
            "meta" => return self.meta(range),
            "img" => return self.image(range),
            "br" => return self.line_break(range),
            "hr" => return self.flush(),
            _ => {}
        }
        if SKIPPED.contains(&name) && name != "head" {
            // Keep words apart around inline code.
            if let Some(open) = self.open.as_mut() {
                if !open.text.is_empty() {
                    open.text.push_mapped(" ", range.start..range.start);
                }
            }
        }
        if matches!(name, "td" | "th") {
            self.open_element(name);
            if let Some(open) = self.open.as_mut().filter(|o| o.kind == BlockKind::TableRow) {
                if !open.text.is_empty() {
                    open.text.push_mapped(" | ", range.start..range.start);
                }
            }
            return;
        }
        if open::VOID.contains(&name) {
            return;
        }
        let is_block = open::BLOCK.contains(&name);
        if is_block {
            // The block before ends here, in the context it was read in.
            self.flush();
        }
        if name == "q" {
            self.quotation_mark("\u{201c}", range.clone());
        }
        if name == "figure" {
            // A figure that a new figure implies closed shows its alt texts.
            self.flush_figure();
        }
        self.open_element(name);
        if is_block {
            self.start_block(range.start);
        }
    }

    fn end_tag(&mut self, name: &str, range: Range<usize>) {
        if !self.stack.is_open(name) {
            return;
        }
        if name == "q" {
            self.quotation_mark("\u{201d}", range);
        }
        let is_block = open::BLOCK.contains(&name);
        if is_block {
            self.flush();
        }
        self.stack.end(name, &mut |_| {});
        if name == "figure" {
            self.flush_figure();
        }
        if is_block {
            // Text after the end tag belongs to the enclosing block.
            let frame = self.frame();
            self.open = Some(Open {
                kind: frame.kind,
                level: frame.level,
                start: usize::MAX,
                text: TextBuilder::new(),
            });
        }
    }

    /// Emits the `alt` captions of a figure that had no `<figcaption>`.
    fn flush_figure(&mut self) {
        let alts = std::mem::take(&mut self.figure_alts);
        if !self.figure_has_caption {
            self.seen_body |= !alts.is_empty();
            self.blocks.extend(alts);
        }
        self.figure_has_caption = false;
    }

    fn text(&mut self, range: Range<usize>) {
        if self.skipping() {
            return;
        }
        if self.open.is_none() {
            self.start_block(range.start);
        }
        let source = self.source;
        let open = self.open.as_mut().expect("opened above");
        let mut slice = &source[range.clone()];
        let mut start = range.start;
        if open.text.is_empty() {
            let trimmed = slice.trim_start();
            start += slice.len() - trimmed.len();
            slice = trimmed;
            if slice.is_empty() {
                return;
            }
        }
        push_decoded(&mut open.text, slice, start);
    }

    /// The quotation mark a browser draws at a `<q>` tag (`range`): the
    /// quotation is quoted speech in the text the checks read, as it is
    /// on the screen.
    fn quotation_mark(&mut self, mark: &str, range: Range<usize>) {
        if self.skipping() {
            return;
        }
        if self.open.is_none() {
            self.start_block(range.start);
        }
        let open = self.open.as_mut().expect("opened above");
        open.text.push_mapped(mark, range);
    }

    fn line_break(&mut self, range: Range<usize>) {
        if self.skipping() {
            return;
        }
        let Some(open) = self.open.as_mut() else {
            return;
        };
        if open.text.is_empty() {
            return;
        }
        if open
            .text
            .as_str()
            .trim_end_matches([' ', '\t'])
            .ends_with('\n')
        {
            // Two line breaks in a row separate paragraphs.
            let start = range.end;
            self.start_block(start);
        } else {
            open.text.push_mapped("\n", range);
        }
    }

    /// A `<meta name="description" content="...">` is the summary.
    fn meta(&mut self, range: Range<usize>) {
        if self.seen_summary {
            return;
        }
        let tag = &self.source[range.clone()];
        let name = attribute(tag, "name").or_else(|| attribute(tag, "property"));
        let is_summary = name.is_some_and(|r| {
            let value = tag[r].trim();
            SUMMARY_META.iter().any(|m| value.eq_ignore_ascii_case(m))
        });
        if !is_summary {
            return;
        }
        if let Some(value) = attribute(tag, "content") {
            self.attribute_block(BlockKind::Summary, range.start, value, false);
        }
    }

    /// An image's `alt` text is a caption.
    fn image(&mut self, range: Range<usize>) {
        if self.skipping() {
            return;
        }
        let in_figure = self.frame().figure;
        if self.page && !in_figure {
            // On a whole page, alt text outside a figure is the site's:
            // teaser thumbnails, logos, lazy-loading copies of one picture.
            return;
        }
        let tag = &self.source[range.clone()];
        if let Some(value) = attribute(tag, "alt") {
            self.attribute_block(BlockKind::Caption, range.start, value, in_figure);
        }
    }

    fn attribute_block(
        &mut self,
        kind: BlockKind,
        tag_start: usize,
        value: Range<usize>,
        defer: bool,
    ) {
        let start = tag_start + value.start;
        let mut text = TextBuilder::new();
        let raw = &self.source[start..tag_start + value.end];
        let trimmed = raw.trim_start();
        push_decoded(&mut text, trimmed, start + raw.len() - trimmed.len());
        let Some(span) = text.source_span() else {
            return;
        };
        let Some(text) = text.finish() else {
            return;
        };
        let block = Block {
            kind,
            range: span,
            text,
            level: 0,
            section: 0,
        };
        if defer {
            self.figure_alts.push(block);
        } else {
            self.push(block);
        }
    }
}

/// Appends raw HTML text, decoding character references; each reference maps
/// to its whole source span, the rest maps byte for byte.
fn push_decoded(text: &mut TextBuilder, raw: &str, start: usize) {
    let mut done = 0;
    let mut search = 0;
    while let Some(found) = raw[search..].find('&') {
        let at = search + found;
        search = at + 1;
        let Some(len) = reference_len(&raw[at..]) else {
            continue;
        };
        let reference = &raw[at..at + len];
        let decoded = html_escape::decode_html_entities(reference);
        if decoded == reference {
            continue;
        }
        text.push_verbatim(&raw[done..at], start + done);
        let decoded = if decoded == "\u{a0}" { " " } else { &decoded };
        text.push_mapped(decoded, start + at..start + at + len);
        done = at + len;
        search = done;
    }
    text.push_verbatim(&raw[done..], start + done);
}

/// Length of a character reference at the start of `text` (`&amp;`,
/// `&#8217;`, `&#x2019;`), terminated by `;`.
fn reference_len(text: &str) -> Option<usize> {
    let body = text.strip_prefix('&')?;
    let (digits, offset) = if let Some(hex) = body.strip_prefix("#x").or(body.strip_prefix("#X")) {
        (hex.bytes().take_while(u8::is_ascii_hexdigit).count(), 3)
    } else if let Some(dec) = body.strip_prefix('#') {
        (dec.bytes().take_while(u8::is_ascii_digit).count(), 2)
    } else {
        let name = body.bytes().take_while(u8::is_ascii_alphanumeric).count();
        (name, 1)
    };
    let len = offset + digits;
    (digits > 0 && digits <= 32 && text.as_bytes().get(len) == Some(&b';')).then_some(len + 1)
}

/// Byte range (within `tag`) of the value of attribute `name` in a start tag's
/// source text, quotes excluded.
fn attribute(tag: &str, name: &str) -> Option<Range<usize>> {
    attributes(tag)
        .find(|(attr, _)| attr.eq_ignore_ascii_case(name))
        .and_then(|(_, value)| value)
}

/// The attributes of a start tag's source text, in order: each name, and
/// the byte range (within `tag`) of its value, quotes excluded, when it has
/// one (`hidden` has none).
fn attributes(tag: &str) -> impl Iterator<Item = (&str, Option<Range<usize>>)> {
    let bytes = tag.as_bytes();
    // Skip `<` and the tag name.
    let mut i = 1 + tag
        .get(1..)
        .and_then(|rest| rest.find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>'))
        .unwrap_or(tag.len().saturating_sub(1));
    std::iter::from_fn(move || {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] == b'>' {
            return None;
        }
        let name_start = i;
        while i < bytes.len()
            && !matches!(bytes[i], b'=' | b'>' | b'/')
            && !bytes[i].is_ascii_whitespace()
        {
            i += 1;
        }
        let attr = &tag[name_start..i];
        let mut j = i;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        if bytes.get(j) != Some(&b'=') {
            return Some((attr, None));
        }
        i = j + 1;
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let value = match bytes.get(i) {
            Some(&q) if q == b'"' || q == b'\'' => {
                let end = tag[i + 1..]
                    .find(q as char)
                    .map_or(tag.len(), |e| i + 1 + e);
                let value = i + 1..end;
                i = end + 1;
                value
            }
            _ => {
                let end = tag[i..]
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .map_or(tag.len(), |e| i + e);
                let value = i..end;
                i = end;
                value
            }
        };
        Some((attr, Some(value)))
    })
}

/// Most open-element stack steps either pass may take per token: an
/// element is pushed and popped once, and a tag looks up a few names.
const STEPS_PER_TOKEN: u64 = 16;

/// Parses an HTML document or fragment into blocks: on a whole page, the
/// article's blocks (plus the page's headline and summary).
pub fn parse(source: &str) -> Vec<Block<'_>> {
    parse_counting(source).0
}

/// [`parse`], with the steps both passes' open-element stacks took.
fn parse_counting(source: &str) -> (Vec<Block<'_>>, u64) {
    let tokens = tokenize(source);
    let layout = Layout::of(source, &tokens);
    let (blocks, steps) = build(source, &tokens, &layout);
    let steps = steps + layout.steps();
    debug_assert!(
        steps <= 2 * STEPS_PER_TOKEN * (tokens.len() as u64 + 1),
        "{steps} stack steps for {} tokens",
        tokens.len()
    );
    (blocks, steps)
}

/// The regions of a whole page the reader passed over, in source order,
/// each with the reason; empty for a fragment, which is read whole.
pub fn passed_over(source: &str) -> Vec<PassedOver> {
    let tokens = tokenize(source);
    let layout = Layout::of(source, &tokens);
    let mut regions = layout.passed_over();
    if layout.is_page() {
        let mut builder_blocks = build_blocks(source, &tokens, &layout).0;
        builder_blocks.retain(|b| is_shortcode_widget(b));
        regions.extend(builder_blocks.into_iter().map(|b| PassedOver {
            range: b.range,
            reason: Reason::Shortcode,
        }));
        regions.sort_by_key(|r| r.range.start);
    }
    regions
}

/// Builds the blocks of what `layout` keeps of the page; also returns the
/// steps its open-element stack took.
fn build<'a>(source: &'a str, tokens: &[Token], layout: &Layout) -> (Vec<Block<'a>>, u64) {
    let (mut blocks, steps) = build_blocks(source, tokens, layout);
    if layout.is_page() {
        blocks.retain(|b| !is_shortcode_widget(b));
    }
    (blocks, steps)
}

/// [`build`] before shortcode widgets are passed over.
fn build_blocks<'a>(source: &'a str, tokens: &[Token], layout: &Layout) -> (Vec<Block<'a>>, u64) {
    let mut builder = Builder {
        source,
        stack: OpenElements::new(),
        root: Frame::root(layout.is_page()),
        verdicts: layout.verdicts().to_vec(),
        opened: 0,
        page: layout.is_page(),
        title_elements: Vec::new(),
        h1_headline: false,
        open: None,
        blocks: Vec::new(),
        figure_alts: Vec::new(),
        figure_has_caption: false,
        seen_summary: false,
        seen_body: false,
    };
    for token in tokens {
        match token {
            Token::Start(name, range) => builder.start_tag(name, range.clone()),
            Token::End(name, range) => builder.end_tag(name, range.clone()),
            Token::Text(range) => builder.text(range.clone()),
        }
    }
    builder.flush();
    builder.flush_figure();
    let steps = builder.stack.work();
    let mut blocks = builder.blocks;
    if builder.h1_headline {
        // One headline, checked once: the `<h1>`'s.
        let mut titles = builder.title_elements;
        titles.sort_unstable();
        blocks.retain(|b| {
            b.kind != BlockKind::Title || titles.binary_search(&b.range.start).is_err()
        });
    }
    blocks.sort_by_key(|b| b.range.start);
    if layout.is_page() {
        drop_excerpt_summary(&mut blocks);
        drop_widget_headings(&mut blocks, &layout.dropped());
    }
    (blocks, steps)
}

/// Most characters of a shortcode widget's label (`[button …]Send us your
/// review[/button]`): a button's or a link's words, not a passage.
const SHORTCODE_LABEL_CHARS: usize = 200;

/// Whether a page's paragraph is nothing but one CMS shortcode: an opening
/// tag `[name attr=…]` (lower-case name) and either its closing `[/name]`
/// around a short label, or, alone, attributes of its own. The site printed
/// a plugin's markup it could not render (a button, a gallery, a form): a
/// broken widget of the site, as the page's other widgets are the site's.
/// A lone bracketed word (`[source]`, `[add quote]`) is an editor's or a
/// template's placeholder, and shortcodes inside prose are the text's own:
/// both stay for template-leak.
fn is_shortcode_widget(block: &Block<'_>) -> bool {
    if block.kind != BlockKind::Paragraph {
        return false;
    }
    let text = block.text().trim();
    let Some(rest) = text.strip_prefix('[') else {
        return false;
    };
    let name_len = rest
        .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    let name = &rest[..name_len];
    if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        return false;
    }
    let Some(close) = rest.find(']') else {
        return false;
    };
    let attributes = &rest[name_len..close];
    if !(attributes.is_empty() || attributes.starts_with(char::is_whitespace))
        || attributes.contains(['[', '\n'])
    {
        return false;
    }
    let after = &rest[close + 1..];
    if after.is_empty() {
        return attributes.contains('=');
    }
    after
        .strip_suffix(']')
        .and_then(|a| a.strip_suffix(name))
        .and_then(|a| a.strip_suffix("[/"))
        .is_some_and(|label| {
            !label.contains(['[', ']']) && label.chars().count() <= SHORTCODE_LABEL_CHARS
        })
}

/// Lines under a widget's heading, before the widget, that go with it.
const WIDGET_LABELS: usize = 2;

/// Characters from which a line is prose, not a label (the page reader's
/// own threshold for a paragraph that scores its container).
const PROSE_CHARS: usize = 25;

/// Removes the headings of widgets passed over inside a page's article: a
/// heading ("You may also like", "Tell us what you think") followed by a
/// dropped widget, perhaps after a line or two too short to be prose (the
/// widget's "12 comments" counter), and then by a heading of its level or
/// above, or by nothing, titled the widget; its short lines go with it. A
/// heading with nothing under it and no widget after it stays (an empty
/// "Sources" section is a finding).
fn drop_widget_headings(blocks: &mut Vec<Block<'_>>, dropped: &[Range<usize>]) {
    if dropped.is_empty() {
        return;
    }
    let widget_after = |at: usize, until: usize| {
        let first = dropped.partition_point(|r| r.start < at);
        dropped.get(first).is_some_and(|r| r.start < until)
    };
    let mut keep = vec![true; blocks.len()];
    for (i, block) in blocks.iter().enumerate() {
        if block.kind != BlockKind::Heading {
            continue;
        }
        // Under the heading: at most a line or two too short to be prose
        // (a "12 comments" counter, a "Share:" label), then the widget.
        let mut under = blocks[i + 1..]
            .iter()
            .enumerate()
            .filter(|(_, b)| !matches!(b.kind, BlockKind::Title | BlockKind::Summary));
        let mut labels = Vec::new();
        let next = loop {
            match under.next() {
                Some((j, b))
                    if b.kind != BlockKind::Heading
                        && labels.len() < WIDGET_LABELS
                        && b.text().trim().chars().count() < PROSE_CHARS =>
                {
                    labels.push(i + 1 + j)
                }
                other => break other.map(|(_, b)| b),
            }
        };
        let closes_section =
            next.is_none_or(|n| n.kind == BlockKind::Heading && n.level <= block.level);
        let until = next.map_or(usize::MAX, |n| n.range.start);
        let from = labels
            .last()
            .map_or(block.range.end, |&j| blocks[j].range.end);
        if closes_section && widget_after(from, until) {
            keep[i] = false;
            for j in labels {
                keep[j] = false;
            }
        }
    }
    let mut index = 0;
    blocks.retain(|_| {
        index += 1;
        keep[index - 1]
    });
}

/// Ellipses a content system puts at the end of an excerpt.
const ELLIPSES: &[&str] = &["[…]", "[...]", "…", "..."];

/// Removes a page's summary when it is an excerpt of the article cut off by
/// the site (`The council voted on Tuesday to …` where the body says the
/// whole sentence: the last 40 letters before the ellipsis are found in the
/// body): the article itself is complete, and a summary that is its first
/// words adds nothing to check. A summary that trails off and is not the
/// body's own words is kept, and reported.
fn drop_excerpt_summary(blocks: &mut Vec<Block<'_>>) {
    let letters = |text: &str| -> String {
        text.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let excerpt = |block: &Block<'_>| -> Option<String> {
        let text = block.text().trim_end();
        let cut = ELLIPSES.iter().find_map(|e| text.strip_suffix(e))?;
        let words = letters(cut);
        (words.len() >= 20).then_some(words)
    };
    let Some(at) = blocks
        .iter()
        .position(|b| b.kind == BlockKind::Summary && excerpt(b).is_some())
    else {
        return;
    };
    let body: String = blocks
        .iter()
        .filter(|b| !matches!(b.kind, BlockKind::Title | BlockKind::Summary))
        .map(|b| letters(b.text()))
        .collect();
    // The last words before the ellipsis, without a prefix the site may
    // add (`Site name - `).
    let cut_words = |words: String| -> String {
        let keep = words.char_indices().rev().nth(39).map_or(0, |(i, _)| i);
        words[keep..].to_string()
    };
    if excerpt(&blocks[at]).is_some_and(|words| body.contains(&cut_words(words))) {
        blocks.remove(at);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use BlockKind::*;

    fn summary(html: &str) -> Vec<(BlockKind, String)> {
        parse(html)
            .into_iter()
            .map(|b| (b.kind, b.text().to_string()))
            .collect()
    }

    #[test]
    fn page_head_gives_title_and_summary() {
        let html = "<!doctype html><html><head><title>Rates rise &amp; fall</title>\
            <meta name=\"description\" content=\"The bank moved.\"><script>var x = 1;</script>\
            </head><body><p>Body text.</p></body></html>";
        assert_eq!(
            summary(html),
            [
                (Title, "Rates rise & fall".into()),
                (Summary, "The bank moved.".into()),
                (Paragraph, "Body text.".into()),
            ]
        );
    }

    #[test]
    fn article_is_preferred_over_page_chrome() {
        let html = "<body><nav><ul><li>Home</li><li>News</li></ul></nav>\
            <article><h2>Inside</h2><p>Kept, a paragraph long enough to be prose.</p></article>\
            <footer><p>Footer.</p></footer></body>";
        assert_eq!(
            summary(html),
            [
                (Heading, "Inside".into()),
                (
                    Paragraph,
                    "Kept, a paragraph long enough to be prose.".into()
                )
            ]
        );
    }

    #[test]
    fn lists_quotes_tables_figures_and_faq() {
        let html = "<ul><li>One<li><p>Two</p></ul><blockquote><p>Said.</p></blockquote>\
            <table><tr><th>A<th>B<tr><td>1</td><td>2</td></table>\
            <figure><img src=x alt='Alt text'><figcaption>Shown caption</figcaption></figure>\
            <p>Inline <img alt=\"Lone alt\"> image.</p>\
            <details><summary>Why?</summary><p>Because.</p></details>";
        assert_eq!(
            summary(html),
            [
                (ListItem, "One".into()),
                (ListItem, "Two".into()),
                (Quote, "Said.".into()),
                (TableRow, "A | B".into()),
                (TableRow, "1 | 2".into()),
                (Caption, "Shown caption".into()),
                (Paragraph, "Inline  image.".into()),
                (Caption, "Lone alt".into()),
                (Question, "Why?".into()),
                (Answer, "Because.".into()),
            ]
        );
    }

    #[test]
    fn implied_paragraph_ends_and_line_breaks() {
        let html = "<h1>Head</h1><p>First<p>Second line<br>wraps<br><br>Third<div>Div text</div>";
        assert_eq!(
            summary(html),
            [
                (Title, "Head".into()),
                (Paragraph, "First".into()),
                (Paragraph, "Second line\nwraps".into()),
                (Paragraph, "Third".into()),
                (Paragraph, "Div text".into()),
            ]
        );
    }

    #[test]
    fn a_q_element_reads_as_a_quotation_mapped_to_its_tags() {
        let html = "<p>She said <q cite=x>we <em>will</em> go</q>.</p>";
        let blocks = parse(html);
        let b = &blocks[0];
        assert_eq!(b.text(), "She said \u{201c}we will go\u{201d}.");
        let open = b.text().find('\u{201c}').unwrap();
        assert_eq!(&html[b.source_range(open..open + 3)], "<q cite=x>");
        let close = b.text().find('\u{201d}').unwrap();
        assert_eq!(&html[b.source_range(close..close + 3)], "</q>");
        // Hidden or skipped text draws no marks.
        let skipped = &summary("<p>A<script><q>x</q></script> b</p>")[0].1;
        assert!(!skipped.contains(['\u{201c}', '\u{201d}']), "{skipped}");
    }

    #[test]
    fn entities_decode_and_map_to_their_source_span() {
        let html = "<p>It&#8217;s here &amp; now, <code>x()</code> done.</p><!-- not prose -->";
        let blocks = parse(html);
        assert_eq!(blocks.len(), 1);
        let b = &blocks[0];
        assert_eq!(b.text(), "It’s here & now,   done.");
        let apostrophe = b.text().find('’').unwrap();
        assert_eq!(&html[b.source_range(apostrophe..apostrophe + 3)], "&#8217;");
        let now = b.text().find("now").unwrap();
        assert_eq!(&html[b.source_range(now..now + 3)], "now");
        let amp = b.text().find('&').unwrap();
        assert_eq!(&html[b.source_range(amp..amp + 5)], "&amp; now");
    }

    #[test]
    fn attribute_values_are_located_in_the_tag() {
        let tag = "<img src=\"a.jpg\" data-x = 'y' ALT=\"Photo &amp; more\">";
        let r = attribute(tag, "alt").unwrap();
        assert_eq!(&tag[r], "Photo &amp; more");
        assert_eq!(&tag[attribute(tag, "data-x").unwrap()], "y");
        assert!(attribute(tag, "title").is_none());
        assert!(attribute("<br>", "alt").is_none());
    }

    /// Deep nesting, stray end tags and a 2 MB page: both passes take a
    /// bounded number of stack steps per token (the reader was quadratic
    /// in nesting depth: 20 s for 100,000 nested `<div>`s).
    #[test]
    fn reading_is_linear_in_depth_and_size() {
        let depth = 100_000;
        let paragraph =
            "<p>The council met on Tuesday, and the vote was close, said the clerk.</p>\n";
        let cases = [
            format!(
                "<body>{}deep text{}</body>",
                "<div>".repeat(depth),
                "</div>".repeat(depth)
            ),
            format!("<body>{}deep item", "<ul><li>".repeat(depth)),
            format!(
                "<body>{}<p>x{}",
                "<div><p>".repeat(depth),
                "</span>".repeat(depth)
            ),
            format!(
                "<body><article>{}</article></body>",
                paragraph.repeat(2_000_000 / paragraph.len())
            ),
        ];
        for html in &cases {
            let tokens = tokenize(html).len() as u64;
            let (blocks, steps) = parse_counting(html);
            assert!(!blocks.is_empty());
            assert!(
                steps <= 2 * STEPS_PER_TOKEN * tokens,
                "{steps} steps for {tokens} tokens"
            );
        }
    }

    #[test]
    fn a_page_passes_over_the_site_around_and_inside_its_article() {
        let prose = "The harbour council voted on Tuesday to add two ferry routes, \
            and residents of the outer islands, who had asked for them for years, welcomed it.";
        let html = format!(
            "<html><body><nav class=menu><a href=/>Home</a> <a href=/news>News</a></nav>\
            <div class=\"cookie-banner\"><p>We use cookies to improve your experience here.</p></div>\
            <div class=story><article><div class=\"share-bar\"><a href=#>Share</a></div>\
            <p>{prose}</p><p>{prose}</p><p hidden>A hidden template paragraph, never shown.</p>\
            <template><p>%d bloggers like this paragraph.</p></template>\
            <div class=\"author-bio\"><p>The reporter covers the islands for the paper.</p></div>\
            <ul class=links><li><a href=/a>Another story about ferries and buses</a></li>\
            <li><a href=/b>Yet another story about the harbour</a></li></ul>\
            <p>Read more: <a href=/c>the council's papers on the routes</a></p>\
            </article></div><aside><p>Most popular stories of the day on this site.</p></aside>\
            <footer><p>Copyright the newspaper, all rights reserved.</p></footer></body></html>"
        );
        let texts: Vec<String> = parse(&html).iter().map(|b| b.text().to_string()).collect();
        assert_eq!(
            texts,
            [prose, prose],
            "only the article's own prose: a line that is mostly a link is the site's"
        );
        let passed: Vec<(String, String)> = passed_over(&html)
            .iter()
            .map(|p| {
                (
                    html[p.range.clone()].chars().take(24).collect(),
                    p.reason.to_string(),
                )
            })
            .collect();
        let reason = |start: &str| {
            passed
                .iter()
                .find(|(s, _)| s.starts_with(start))
                .map(|(_, r)| r.as_str())
                .unwrap_or_else(|| panic!("{start} not passed over: {passed:?}"))
        };
        assert_eq!(reason("<nav"), "outside the article");
        assert_eq!(reason("<div class=\"cookie"), "outside the article");
        assert!(reason("<div class=\"share").contains("\"share\""));
        assert_eq!(reason("<p hidden"), "hidden");
        assert!(reason("<div class=\"author-bio").contains("author"));
        assert_eq!(reason("<ul class=links"), "mostly links");
        assert_eq!(reason("<aside"), "outside the article");
        for (start, _) in &passed {
            assert!(!start.starts_with("<p>The harbour"), "{passed:?}");
        }
    }

    #[test]
    fn the_densest_prose_wins_over_teasers_and_its_parts_merge() {
        let para = |n: usize| {
            format!("<p>Paragraph {n} of the story, with a clause, another clause, and a full stop at the end.</p>")
        };
        let body: String = (0..6).map(para).collect();
        let teaser = "<div class=card><h3><a href=/x>A teaser headline that links away</a></h3>\
            <p>Short teaser text.</p></div>";
        let html = format!(
            "<body><div class=grid>{}</div><div class=main-column><h1>Headline</h1>\
             <div class=part>{body}</div><div class=ad-slot>Advertisement</div>\
             <div class=part>{body}</div><div class=part>{body}</div></div></body>",
            teaser.repeat(8)
        );
        let blocks = parse(&html);
        let paragraphs = blocks
            .iter()
            .filter(|b| b.text().starts_with("Paragraph"))
            .count();
        assert_eq!(paragraphs, 18, "all three parts of the article");
        assert!(
            blocks
                .iter()
                .all(|b| !b.text().contains("teaser") && !b.text().contains("Advertisement")),
            "{:?}",
            blocks.iter().map(|b| b.text()).collect::<Vec<_>>()
        );
        assert_eq!(blocks[0].kind, Title);
    }

    #[test]
    fn widget_headings_go_with_their_widgets_and_empty_sections_stay() {
        let prose =
            "<p>The ferry council voted on Tuesday, after a long debate, to add two routes.</p>";
        let html = format!(
            "<body><article>{prose}{prose}<h3>You may also like</h3>\
             <ul class=related-posts><li><a href=/a>Another ferry story</a></li></ul>\
             <h2>Sources</h2></article></body>"
        );
        let headings: Vec<String> = parse(&html)
            .iter()
            .filter(|b| b.kind == Heading)
            .map(|b| b.text().to_string())
            .collect();
        assert_eq!(headings, ["Sources"]);
        // A counter line too short to be prose goes with the heading above
        // the comment widget; a short line under "Sources" with no widget
        // after it stays, and so does its heading.
        let html = format!(
            "<body><article>{prose}{prose}<h3>Tell us what you think</h3>\
             <p><comments-count></comments-count> 12 comments</p><div class=fb-comments></div>\
             <h2>Sources</h2><p>City records.</p></article></body>"
        );
        let texts: Vec<String> = parse(&html)
            .iter()
            .map(|b| b.text().to_string())
            .skip(2)
            .collect();
        assert_eq!(texts, ["Sources", "City records."]);
    }

    #[test]
    fn a_line_that_is_mostly_a_link_is_the_site_s_on_a_page_and_kept_in_a_fragment() {
        let prose =
            "<p>The ferry council voted on Tuesday, after a long debate, to add two routes.</p>";
        let link =
            "<p><strong>Read more:</strong> <a href=/c>Council papers on the new routes</a></p>";
        let page = format!("<html><body><article>{prose}{link}{prose}</article></body></html>");
        let fragment = format!("{prose}{link}{prose}");
        let read_more = |html: &str| {
            parse(html)
                .iter()
                .any(|b| b.text().starts_with("Read more:"))
        };
        assert!(!read_more(&page));
        assert!(read_more(&fragment));
        // A list whose every item leads in with words and links out is a
        // teaser list; a list of the article's own points stays.
        let teasers = "<ul><li>Ferries must unionize, <a href=/a>the crews say</a></li>\
                       <li>Buses are not the problem. <a href=/b>Our roads are</a></li></ul>";
        let points = "<ul><li>Two new routes open in May.</li><li>Fares stay the same.</li></ul>";
        let page =
            format!("<html><body><article>{prose}{teasers}{points}{prose}</article></body></html>");
        let items: Vec<String> = parse(&page)
            .iter()
            .filter(|b| b.kind == ListItem)
            .map(|b| b.text().to_string())
            .collect();
        assert_eq!(
            items,
            ["Two new routes open in May.", "Fares stay the same."]
        );
    }

    #[test]
    fn a_shortcode_the_site_left_unrendered_is_its_widget_on_a_page() {
        let prose =
            "<p>The ferry council voted on Tuesday, after a long debate, to add two routes.</p>";
        let widgets = [
            "<p>[button link=\"/review\" type=\"big\"] Send us your review[/button]</p>",
            "<p>[contact-form-7 id=\"42\" title=\"Tips\"]</p>",
        ];
        // Shortcodes in the article's own words, and bracketed placeholders,
        // are the text's: template-leak reads them.
        let kept = [
            "<p>Tap [button link=\"/r\"]here[/button] to send us your review.</p>",
            "<p>[source]</p>",
            "<p>[gallery]</p>",
            "<p>[caption id=\"1\"]One[/caption] and [caption id=\"2\"]two[/caption]</p>",
        ];
        let body = format!("{prose}{}{}{prose}", widgets.concat(), kept.concat());
        let page = format!("<html><body><article>{body}</article></body></html>");
        let texts = |html: &str| -> Vec<String> {
            parse(html).iter().map(|b| b.text().to_string()).collect()
        };
        let read = texts(&page);
        assert!(!read
            .iter()
            .any(|t| t.contains("Send us") || t.contains("contact-form")));
        for k in ["Tap [button", "[source]", "[gallery]", "[caption id"] {
            assert!(read.iter().any(|t| t.starts_with(k)), "{k} dropped");
        }
        let skipped: Vec<&str> = passed_over(&page)
            .into_iter()
            .filter(|r| r.reason == Reason::Shortcode)
            .map(|r| &page[r.range])
            .collect();
        // A block's source runs from its start tag to its text's end.
        let widget_blocks: Vec<&str> = widgets.iter().map(|w| &w[..w.len() - 4]).collect();
        assert_eq!(skipped, widget_blocks);
        // A fragment is the article, taken whole.
        assert!(texts(&body)
            .iter()
            .any(|t| t.contains("Send us your review")));
    }

    #[test]
    fn a_summary_cut_from_the_body_by_the_site_is_not_the_article_s() {
        let body = "<p>The harbour council voted on Tuesday to add two ferry routes to the outer islands.</p>";
        let excerpt =
            "Site News - The harbour council voted on Tuesday to add two ferry [&hellip;]";
        let own = "Two routes are coming to the outer islands, and the council says the timetable will\u{2026}";
        for (summary, kept) in [(excerpt, false), (own, true)] {
            let html = format!(
                "<html><head><meta name=description content=\"{summary}\"></head><body>{body}{body}</body></html>"
            );
            let has_summary = parse(&html).iter().any(|b| b.kind == Summary);
            assert_eq!(has_summary, kept, "{summary}");
        }
    }

    #[test]
    fn a_leading_h1_is_the_one_headline() {
        let html = "<html><head><title>Rates rise | The Paper</title></head><body>\
            <h1>Rates rise</h1><p>The bank moved its rate on Tuesday.</p></body></html>";
        let titles: Vec<(BlockKind, String)> = summary(html)
            .into_iter()
            .filter(|(kind, _)| *kind == Title)
            .collect();
        assert_eq!(titles, [(Title, "Rates rise".into())]);
        let no_h1 = "<html><head><title>Rates rise | The Paper</title></head><body>\
            <p>The bank moved its rate on Tuesday.</p></body></html>";
        assert_eq!(summary(no_h1)[0], (Title, "Rates rise | The Paper".into()));
    }

    #[test]
    fn bad_input_never_panics() {
        for html in [
            "",
            "<",
            "<p",
            "</p></div>",
            "<img alt=",
            "&#xZZ;&",
            "<title>x",
        ] {
            let _ = parse(html);
        }
    }
}
