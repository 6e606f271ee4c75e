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
//! `<figcaption>` and `alt` text are captions. When the page has an
//! `<article>` or `<main>`, only what is inside it (plus the headline and
//! summary) counts as the article.
//!
//! lol_html does not build a tree, so the implied end tags HTML allows (an
//! open `<p>` closed by the next block, `<li>` by the next `<li>`) are
//! applied here, with the few rules of the HTML standard that matter for
//! block boundaries.

use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;

use lol_html::{doc_text, element, end_tag, HtmlRewriter, Settings};

use super::text::TextBuilder;
use super::{Block, BlockKind};

/// One token of the source, as lol_html reported it.
#[derive(Debug)]
enum Token {
    /// A start tag: lowercase name, source bytes of the whole tag.
    Start(String, Range<usize>),
    /// An explicit end tag: lowercase name.
    End(String),
    /// Raw text (entities undecoded).
    Text(Range<usize>),
}

/// Elements with no content and no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose content is not prose.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "pre", "code", "kbd", "samp", "svg", "math",
    "iframe", "object", "canvas", "select", "textarea", "head",
];

/// Elements that start and end a block of text.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "html",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "title",
    "tr",
    "ul",
];

/// Block elements that close an open `<p>` when they start (HTML standard,
/// "in body" insertion mode).
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
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
                on_element
                    .borrow_mut()
                    .push(Token::Start(name.clone(), range));
                if !VOID.contains(&name.as_str()) {
                    if let Some(handlers) = el.end_tag_handlers() {
                        let on_end = Rc::clone(&on_element);
                        handlers.push(end_tag!(move |end| {
                            on_end
                                .borrow_mut()
                                .push(Token::End(end.name().to_ascii_lowercase()));
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

/// A finished block and whether it lies inside `<article>`/`<main>`.
struct Collected<'a> {
    block: Block<'a>,
    in_article: bool,
}

/// The state machine from tokens to blocks.
struct Builder<'a> {
    source: &'a str,
    /// Open elements, outermost first.
    stack: Vec<String>,
    open: Option<Open>,
    blocks: Vec<Collected<'a>>,
    /// `alt` captions of images inside an open `<figure>`, kept until the
    /// figure ends: a figure with a `<figcaption>` shows that instead.
    figure_alts: Vec<Collected<'a>>,
    figure_has_caption: bool,
    seen_summary: bool,
    /// Whether any block other than the headline and summary exists yet.
    seen_body: bool,
}

impl<'a> Builder<'a> {
    fn skipping(&self) -> bool {
        let in_title = self.stack.iter().any(|e| e == "title");
        self.stack
            .iter()
            .any(|e| SKIPPED.contains(&e.as_str()) && !(e == "head" && in_title))
    }

    fn in_article(&self) -> bool {
        self.stack.iter().any(|e| e == "article" || e == "main")
    }

    /// The kind and level of text at the current position.
    fn context(&self) -> (BlockKind, u8) {
        for (depth, name) in self.stack.iter().enumerate().rev() {
            let kind = match name.as_str() {
                "title" => BlockKind::Title,
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                    return (BlockKind::Heading, name.as_bytes()[1] - b'0')
                }
                "figcaption" | "caption" => BlockKind::Caption,
                "summary" => BlockKind::Question,
                "tr" | "td" | "th" => BlockKind::TableRow,
                "li" => {
                    let lists = self.stack[..depth]
                        .iter()
                        .filter(|e| matches!(e.as_str(), "ul" | "ol" | "menu"))
                        .count();
                    return (BlockKind::ListItem, lists.clamp(1, 255) as u8);
                }
                "blockquote" => BlockKind::Quote,
                "details" => BlockKind::Answer,
                _ => continue,
            };
            return (kind, 0);
        }
        (BlockKind::Paragraph, 0)
    }

    fn flush(&mut self) {
        let Some(open) = self.open.take() else {
            return;
        };
        let in_article = self.in_article();
        if let Some(block) = self.finish(open) {
            self.push(block, in_article);
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
        }
        Some(Block {
            kind,
            range: open.start.min(span.start)..span.end,
            text,
            level,
            section: 0,
        })
    }

    fn push(&mut self, block: Block<'a>, in_article: bool) {
        match block.kind {
            BlockKind::Title => {}
            BlockKind::Summary => self.seen_summary = true,
            BlockKind::Caption if self.stack.iter().any(|e| e == "figure") => {
                self.figure_has_caption = true;
                self.seen_body = true;
            }
            _ => self.seen_body = true,
        }
        self.blocks.push(Collected { block, in_article });
    }

    /// Opens a block for the current context, flushing the previous one.
    fn start_block(&mut self, start: usize) {
        self.flush();
        let (kind, level) = self.context();
        self.open = Some(Open {
            kind,
            level,
            start,
            text: TextBuilder::new(),
        });
    }

    /// Pops open elements up to and including the last `name`, if open.
    fn pop_to(&mut self, name: &str) -> bool {
        match self.stack.iter().rposition(|e| e == name) {
            Some(at) => {
                self.stack.truncate(at);
                true
            }
            None => false,
        }
    }

    /// Whether `name` is open with none of `barriers` inside it.
    fn open_within(&self, name: &str, barriers: &[&str]) -> bool {
        for e in self.stack.iter().rev() {
            if e == name {
                return true;
            }
            if barriers.contains(&e.as_str()) {
                return false;
            }
        }
        false
    }

    /// Applies the end tags HTML implies when `name` starts.
    fn close_implied(&mut self, name: &str) {
        if CLOSES_P.contains(&name) && self.open_within("p", &["button"]) {
            self.pop_to("p");
        }
        let implied: Option<(&str, &[&str])> = match name {
            "li" => Some(("li", &["ul", "ol", "menu"])),
            "dt" | "dd" => Some(("dd", &["dl"])),
            "tr" => Some(("tr", &["table", "thead", "tbody", "tfoot"])),
            "td" | "th" => Some(("td", &["tr", "table"])),
            "thead" | "tbody" | "tfoot" => Some(("tr", &["table"])),
            _ => None,
        };
        if let Some((open, barriers)) = implied {
            for candidate in [open, if open == "dd" { "dt" } else { "th" }] {
                if self.open_within(candidate, barriers) {
                    self.pop_to(candidate);
                }
            }
        }
    }

    fn start_tag(&mut self, name: String, range: Range<usize>) {
        match name.as_str() {
            "meta" => return self.meta(range),
            "img" => return self.image(range),
            "br" => return self.line_break(range),
            "hr" => return self.flush(),
            _ => {}
        }
        if SKIPPED.contains(&name.as_str()) && name != "head" {
            // Keep words apart around inline code.
            if let Some(open) = self.open.as_mut() {
                if !open.text.is_empty() {
                    open.text.push_mapped(" ", range.start..range.start);
                }
            }
        }
        if matches!(name.as_str(), "td" | "th") {
            self.close_implied(&name);
            if let Some(open) = self.open.as_mut().filter(|o| o.kind == BlockKind::TableRow) {
                if !open.text.is_empty() {
                    open.text.push_mapped(" | ", range.start..range.start);
                }
            }
            self.stack.push(name);
            return;
        }
        if VOID.contains(&name.as_str()) {
            return;
        }
        let is_block = BLOCK.contains(&name.as_str());
        if is_block {
            self.close_implied(&name);
        }
        if name == "figure" {
            self.flush_figure();
        }
        self.stack.push(name);
        if is_block {
            self.start_block(range.start);
        }
    }

    fn end_tag(&mut self, name: &str) {
        if !self.stack.iter().any(|e| e == name) {
            return;
        }
        let is_block = BLOCK.contains(&name) || matches!(name, "td" | "th");
        if is_block && !matches!(name, "td" | "th") {
            self.flush();
        }
        self.pop_to(name);
        if name == "figure" {
            self.flush_figure();
        }
        if BLOCK.contains(&name) {
            // Text after the end tag belongs to the enclosing block.
            let (kind, level) = self.context();
            self.open = Some(Open {
                kind,
                level,
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
        let tag = &self.source[range.clone()];
        if let Some(value) = attribute(tag, "alt") {
            let in_figure = self.stack.iter().any(|e| e == "figure");
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
        let in_article = self.in_article();
        if defer {
            self.figure_alts.push(Collected { block, in_article });
        } else {
            self.push(block, in_article);
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
    let bytes = tag.as_bytes();
    // Skip `<` and the tag name.
    let mut i = 1 + tag[1..]
        .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .unwrap_or(tag.len() - 1);
    while i < bytes.len() {
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
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
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
        if attr.eq_ignore_ascii_case(name) {
            return Some(value);
        }
    }
    None
}

/// Parses an HTML document or fragment into blocks.
pub fn parse(source: &str) -> Vec<Block<'_>> {
    let mut builder = Builder {
        source,
        stack: Vec::new(),
        open: None,
        blocks: Vec::new(),
        figure_alts: Vec::new(),
        figure_has_caption: false,
        seen_summary: false,
        seen_body: false,
    };
    for token in tokenize(source) {
        match token {
            Token::Start(name, range) => builder.start_tag(name, range),
            Token::End(name) => builder.end_tag(&name),
            Token::Text(range) => builder.text(range),
        }
    }
    builder.flush();
    builder.flush_figure();
    let mut collected = builder.blocks;
    if collected.iter().any(|c| c.in_article) {
        collected.retain(|c| {
            c.in_article || matches!(c.block.kind, BlockKind::Title | BlockKind::Summary)
        });
    }
    let mut blocks: Vec<Block<'_>> = collected.into_iter().map(|c| c.block).collect();
    blocks.sort_by_key(|b| b.range.start);
    blocks
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
        let html = "<nav><ul><li>Home</li><li>News</li></ul></nav>\
            <article><h2>Inside</h2><p>Kept.</p></article><footer><p>Footer.</p></footer>";
        assert_eq!(
            summary(html),
            [(Heading, "Inside".into()), (Paragraph, "Kept.".into())]
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
