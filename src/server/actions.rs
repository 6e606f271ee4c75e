//! Code actions and hovers: what an editor offers at a finding.
//!
//! At a finding: apply its fix, disable its rule on this line or in this
//! file; anywhere in a file with safe fixes: apply them all (the same
//! fixing loop as `check --fix`). Hovering a finding shows its rule's
//! explanation. Every edit is computed on the text the finding was found
//! in, and converted to the client's position encoding.

use std::collections::HashMap;
use std::ops::Range;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Hover, HoverContents, MarkupContent,
    MarkupKind, TextEdit, Uri, WorkspaceEdit,
};

use super::convert::Encoding;
use super::suppressions;
use super::workspace::Linted;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::document::Format;
use crate::source::Source;

/// The kind of the "apply every safe fix" action.
pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.newslint")
}

/// The actions for the findings that touch `range`, and the fix-all action.
pub fn code_actions(
    linted: &Linted,
    uri: &Uri,
    format: Format,
    encoding: Encoding,
    range: Range<usize>,
    only: Option<&[CodeActionKind]>,
) -> Vec<CodeActionOrCommand> {
    let wants = |kind: &CodeActionKind| {
        only.is_none_or(|only| {
            only.iter().any(|o| {
                kind.as_str() == o.as_str()
                    || kind.as_str().starts_with(&format!("{}.", o.as_str()))
            })
        })
    };
    let source = &linted.source;
    let edit = |edits: Vec<(Range<usize>, String)>| {
        let edits = edits
            .into_iter()
            .map(|(r, new_text)| TextEdit {
                range: encoding.range(source, &r),
                new_text,
            })
            .collect();
        WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        }
    };
    let mut actions = Vec::new();
    let touching = linted
        .diagnostics
        .iter()
        .filter(|d| d.range.start <= range.end && range.start <= d.range.end);
    if wants(&CodeActionKind::QUICKFIX) {
        for d in touching {
            let lsp = vec![encoding.diagnostic(source, uri, d)];
            let action = |title: String, edits, preferred: bool| {
                CodeActionOrCommand::CodeAction(CodeAction {
                    title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(lsp.clone()),
                    edit: Some(edit(edits)),
                    is_preferred: preferred.then_some(true),
                    ..CodeAction::default()
                })
            };
            if let Some(fix) = &d.fix {
                let safe = fix.applicability == Applicability::Safe;
                let title = format!("{} ({})", describe(source, d), fix.applicability.as_str());
                actions.push(action(
                    title,
                    vec![(fix.range.clone(), fix.replacement.clone())],
                    safe,
                ));
            }
            if let Some(edit) =
                suppressions::disable_on_line(source, format, &d.rule, d.range.start)
            {
                actions.push(action(
                    format!("Disable {} on this line", d.rule),
                    vec![edit],
                    false,
                ));
            }
            let edit = suppressions::disable_in_file(source, format, &d.rule);
            actions.push(action(
                format!("Disable {} in this file", d.rule),
                vec![edit],
                false,
            ));
        }
    }
    let kind = fix_all_kind();
    let any_safe = linted.diagnostics.iter().any(|d| {
        d.fix
            .as_ref()
            .is_some_and(|f| f.applicability == Applicability::Safe)
    });
    if any_safe && wants(&kind) {
        if let Some(fixed) = linted.fixed(format, Applicability::Safe) {
            if fixed.applied > 0 {
                let whole = 0..source.text().len();
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("Apply every safe newslint fix ({})", fixed.applied),
                    kind: Some(kind),
                    edit: Some(edit(vec![(whole, fixed.source.text().to_string())])),
                    ..CodeAction::default()
                }));
            }
        }
    }
    actions
}

/// The title of a finding's fix: what it does, with the text it touches.
fn describe(source: &Source, d: &Diagnostic) -> String {
    let Some(fix) = &d.fix else {
        return String::new();
    };
    let old = excerpt(&source.text()[fix.range.clone()]);
    if fix.replacement.is_empty() {
        format!("Delete “{old}”")
    } else {
        format!("Replace “{old}” with “{}”", excerpt(&fix.replacement))
    }
}

/// A text shortened for a title: one line, at most 40 characters.
fn excerpt(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let joined = words.join(" ");
    if joined.chars().count() <= 40 {
        joined
    } else {
        let cut: String = joined.chars().take(39).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The explanation of the rules of the findings at byte `offset`.
pub fn hover(linted: &Linted, encoding: Encoding, offset: usize) -> Option<Hover> {
    let resolved = linted.resolved.as_ref()?;
    let here: Vec<&Diagnostic> = linted
        .diagnostics
        .iter()
        .filter(|d| d.range.contains(&offset) || d.range.start == offset)
        .collect();
    let first = here.first()?;
    let mut parts = Vec::new();
    let mut seen = Vec::new();
    for d in &here {
        if seen.contains(&&*d.rule) {
            continue;
        }
        seen.push(&*d.rule);
        let Some(rule) = resolved.all_rules().get(&d.rule) else {
            continue;
        };
        let meta = &rule.meta;
        let mut text = format!(
            "**{}** ({}): {}\n\n{}\n\n**Why it matters.** {}",
            meta.id, d.severity, meta.summary, meta.description, meta.why
        );
        if let Some(help) = &meta.help {
            text.push_str(&format!("\n\n**What to do.** {help}"));
        }
        parts.push(text);
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range: Some(encoding.range(&linted.source, &first.range)),
    })
}
