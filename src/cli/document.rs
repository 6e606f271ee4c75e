//! `newslint document`: an article as newslint reads it, so a user can see
//! why a finding points where it does and what a saved page's reader passed
//! over. The JSON form is a fixed contract (see the README): the path, the
//! format, the headline, the summary, and the article's blocks in order,
//! each with its kind, section, position and text.

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use newslint::document::html::{self, PassedOver};
use newslint::document::{Block, BlockKind};
use newslint::{Document, Format, Source};

use super::args::{DocumentArgs, DocumentFormat};
use super::inputs::Input;
use super::{write_stdout, Failure, EXIT_CLEAN};

/// The JSON report of `document`.
#[derive(Serialize)]
struct Report<'a> {
    path: &'a str,
    format: &'static str,
    title: Option<&'a str>,
    summary: Option<&'a str>,
    blocks: Vec<BlockView<'a>>,
    /// Only with `--skipped`.
    #[serde(skip_serializing_if = "Option::is_none")]
    skipped: Option<Vec<SkippedView>>,
}

/// One block of the JSON report.
#[derive(Serialize)]
struct BlockView<'a> {
    kind: &'static str,
    section: Option<&'a str>,
    line: usize,
    column: usize,
    byte_start: usize,
    byte_end: usize,
    text: &'a str,
}

/// One region passed over, in the JSON report.
#[derive(Serialize)]
struct SkippedView {
    reason: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    byte_start: usize,
    byte_end: usize,
}

/// The format's name in the JSON report.
fn format_name(format: Format) -> &'static str {
    match format {
        Format::Plain => "plain",
        Format::Markdown => "markdown",
        Format::Html => "html",
    }
}

/// Runs `newslint document`.
pub(super) fn show(args: &DocumentArgs) -> Result<u8, Failure> {
    let input = if args.path.as_os_str() == "-" {
        let name = args.stdin_filename.as_deref().unwrap_or("<stdin>");
        Input::Stdin {
            name: name.to_string(),
            format: Format::for_path(Path::new(name)),
        }
    } else {
        if args.path.is_dir() {
            return Err(Failure(format!(
                "{} is a folder; `document` shows one article file",
                args.path.display()
            )));
        }
        Input::File {
            path: args.path.clone(),
            name: args.path.display().to_string(),
            format: Format::for_path(&args.path),
        }
    };
    let source = input
        .read(newslint::read::DEFAULT_ARTICLE_LIMIT)
        .map_err(Failure)?;
    let format = input.format();
    let document = Document::parse(&source, format);
    let skipped =
        (args.skipped && format == Format::Html).then(|| html::passed_over(source.text()));
    let skipped = args.skipped.then(|| skipped.unwrap_or_default());
    write_stdout(|out| match args.format {
        DocumentFormat::Json => json(out, &source, &document, skipped.as_deref()),
        DocumentFormat::Text => text(out, &source, &document, skipped.as_deref()),
    })?;
    Ok(EXIT_CLEAN)
}

/// Whether a block is part of the article's body (not its headline or
/// summary, which the report shows on their own).
fn in_body(block: &Block<'_>) -> bool {
    !matches!(block.kind, BlockKind::Title | BlockKind::Summary)
}

/// The headline: the last title block (a page's `<h1>` comes after its
/// `<title>`, and names the article without the site).
fn title<'a>(document: &'a Document<'_>) -> Option<&'a str> {
    document
        .blocks()
        .iter()
        .rev()
        .find(|b| b.kind == BlockKind::Title)
        .map(Block::text)
}

fn summary<'a>(document: &'a Document<'_>) -> Option<&'a str> {
    document
        .blocks()
        .iter()
        .find(|b| b.kind == BlockKind::Summary)
        .map(Block::text)
}

/// The heading text of the section a block is in.
fn section<'a>(document: &'a Document<'_>, block: &Block<'_>) -> Option<&'a str> {
    document.section_heading(block.section).map(Block::text)
}

fn json(
    out: &mut dyn Write,
    source: &Source,
    document: &Document<'_>,
    skipped: Option<&[PassedOver]>,
) -> io::Result<()> {
    let blocks = document
        .blocks()
        .iter()
        .filter(|b| in_body(b))
        .map(|b| {
            let at = source.position(b.range.start);
            BlockView {
                kind: b.kind.name(),
                section: section(document, b),
                line: at.line,
                column: at.column,
                byte_start: b.range.start,
                byte_end: b.range.end,
                text: b.text(),
            }
        })
        .collect();
    let skipped = skipped.map(|regions| {
        regions
            .iter()
            .map(|r| {
                let (start, end) = (source.position(r.range.start), source.position(r.range.end));
                SkippedView {
                    reason: r.reason.to_string(),
                    line: start.line,
                    column: start.column,
                    end_line: end.line,
                    end_column: end.column,
                    byte_start: r.range.start,
                    byte_end: r.range.end,
                }
            })
            .collect()
    });
    let report = Report {
        path: source.name(),
        format: format_name(document.format()),
        title: title(document),
        summary: summary(document),
        blocks,
        skipped,
    };
    serde_json::to_writer(&mut *out, &report)?;
    writeln!(out)
}

/// Text for a terminal: control characters (which could move the cursor or
/// recolour it) are shown escaped.
fn printable(text: &str) -> String {
    let mut shown = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() && c != '\n' {
            shown.push_str(&c.escape_unicode().to_string());
        } else {
            shown.push(c);
        }
    }
    shown
}

fn text(
    out: &mut dyn Write,
    source: &Source,
    document: &Document<'_>,
    skipped: Option<&[PassedOver]>,
) -> io::Result<()> {
    writeln!(
        out,
        "{} ({})",
        printable(source.name()),
        document.format().as_str()
    )?;
    writeln!(
        out,
        "title:   {}",
        printable(title(document).unwrap_or("-"))
    )?;
    writeln!(
        out,
        "summary: {}",
        printable(summary(document).unwrap_or("-"))
    )?;
    let mut last_section = None;
    for block in document.blocks().iter().filter(|b| in_body(b)) {
        if block.kind != BlockKind::Heading && last_section != Some(block.section) {
            if let Some(heading) = section(document, block) {
                writeln!(out, "\n[section: {}]", printable(heading))?;
            }
        }
        last_section = Some(block.section);
        let at = source.position(block.range.start);
        writeln!(out, "\n{}:{} {}", at.line, at.column, block.kind.name())?;
        for line in block.text().lines() {
            writeln!(out, "    {}", printable(line))?;
        }
    }
    if let Some(regions) = skipped {
        writeln!(out, "\npassed over: {} regions", regions.len())?;
        for region in regions {
            let (start, end) = (
                source.position(region.range.start),
                source.position(region.range.end),
            );
            writeln!(
                out,
                "  {}:{}-{}:{} {}: {}",
                start.line,
                start.column,
                end.line,
                end.column,
                region.reason,
                printable(&html_escape::decode_html_entities(&preview(
                    &source.text()[region.range.clone()]
                )))
            )?;
        }
    }
    Ok(())
}

/// The first words of an HTML region's visible text, tags left out.
fn preview(html: &str) -> String {
    const WIDTH: usize = 60;
    let mut words = String::new();
    let mut in_tag = false;
    let mut space = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                space = true;
            }
            _ if in_tag => {}
            c if c.is_whitespace() => space = true,
            c => {
                if space && !words.is_empty() {
                    words.push(' ');
                }
                space = false;
                words.push(c);
                if words.chars().count() >= WIDTH {
                    words.push('…');
                    break;
                }
            }
        }
    }
    words
}
