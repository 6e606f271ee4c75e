//! Any bytes, read as each input format, linted by the built-in pack and
//! written by every renderer: no panic, and every span in bounds and on
//! character boundaries. The first byte picks the format.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use newslint::report::github::GithubRenderer;
use newslint::report::human::HumanRenderer;
use newslint::report::json::JsonRenderer;
use newslint::report::jsonl::JsonlRenderer;
use newslint::report::line::LineRenderer;
use newslint::report::rdjson::RdjsonRenderer;
use newslint::report::sarif::SarifRenderer;
use newslint::report::{FileReport, Renderer, Summary};
use newslint::source::ColumnUnit;
use newslint::{Format, Linter, RuleSet, Source};

static LINTER: LazyLock<Linter> =
    LazyLock::new(|| Linter::new(RuleSet::builtin().expect("the built-in pack loads")));

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let format = match pick % 3 {
        0 => Format::Plain,
        1 => Format::Markdown,
        _ => Format::Html,
    };
    let Ok(source) = Source::from_bytes("fuzz.txt", rest.to_vec()) else {
        return;
    };
    let diagnostics = LINTER.lint(&source, format);
    let text = source.text();
    for d in &diagnostics {
        for range in std::iter::once(&d.range).chain(d.labels.iter().map(|l| &l.range)) {
            assert!(
                range.start <= range.end && range.end <= text.len(),
                "{range:?}"
            );
            assert!(text.is_char_boundary(range.start), "{range:?}");
            assert!(text.is_char_boundary(range.end), "{range:?}");
            let (start, end) = newslint::report::span(&source, range);
            assert!(start.line <= end.line && end.line <= source.line_count());
        }
    }
    let rules = LINTER.rules().rules().iter().map(|r| r.meta.clone());
    let renderers: Vec<Box<dyn Renderer>> = vec![
        Box::new(HumanRenderer::new(pick & 4 != 0)),
        Box::new(JsonRenderer::default()),
        Box::new(JsonlRenderer),
        Box::new(LineRenderer::new(if pick & 8 != 0 {
            ColumnUnit::Bytes
        } else {
            ColumnUnit::Chars
        })),
        Box::new(RdjsonRenderer::default()),
        Box::new(SarifRenderer::new(rules)),
        Box::new(GithubRenderer::new(Some(Box::new(Vec::new())))),
    ];
    let mut summary = Summary::default();
    summary.add_file(&diagnostics);
    for mut renderer in renderers {
        let mut out = Vec::new();
        let file = FileReport {
            source: &source,
            diagnostics: &diagnostics,
        };
        renderer.file(&mut out, file).expect("writing to memory");
        renderer
            .finish(&mut out, &summary)
            .expect("writing to memory");
    }
});
