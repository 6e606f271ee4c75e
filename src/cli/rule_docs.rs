//! `newslint rules` and `newslint explain`: the rule pack as documentation.

use std::io::{self, Write};

use newslint::kinds::InQuotes;
use newslint::rules::{Rule, RuleSet};

/// One line per rule: id, severity, kind, summary, in aligned columns.
pub fn list(out: &mut dyn Write, rules: &RuleSet) -> io::Result<()> {
    let id_width = rules
        .rules()
        .iter()
        .map(|r| r.meta.id.len())
        .max()
        .unwrap_or(2)
        .max(2);
    let kind_width = rules
        .rules()
        .iter()
        .map(|r| r.meta.kind.len())
        .max()
        .unwrap_or(4)
        .max(4);
    writeln!(
        out,
        "{:id_width$}  {:8}  {:kind_width$}  SUMMARY",
        "ID", "SEVERITY", "KIND"
    )?;
    for rule in rules.rules() {
        let m = &rule.meta;
        writeln!(
            out,
            "{:id_width$}  {:8}  {:kind_width$}  {}",
            m.id, m.severity, m.kind, m.summary
        )?;
    }
    writeln!(
        out,
        "\n{} rules. `newslint explain ID` tells more.",
        rules.rules().len()
    )
}

/// Writes a paragraph indented by two spaces, keeping its line breaks.
fn indented(out: &mut dyn Write, text: &str) -> io::Result<()> {
    for line in text.lines() {
        if line.trim().is_empty() {
            writeln!(out)?;
        } else {
            writeln!(out, "  {line}")?;
        }
    }
    Ok(())
}

/// A rule's parameters: the keys of its kind, each with its value, and
/// where the configuration changed it, the rule file's value.
fn parameters(out: &mut dyn Write, rule: &Rule) -> io::Result<()> {
    let parameters = rule.parameters();
    if parameters.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "\nParameters (kind {}; newslint.yaml sets them under `rules: {{{}: {{KEY: VALUE}}}}`):",
        rule.meta.kind, rule.meta.id
    )?;
    let width = parameters.iter().map(|p| p.key.len()).max().unwrap_or(0);
    for p in parameters {
        let value = p.value.as_deref().unwrap_or("(the kind's default)");
        let default = p.written.as_deref().unwrap_or("the kind's default");
        if p.configured {
            writeln!(
                out,
                "  {:width$}  {value}  [configured; default: {default}]",
                p.key
            )?;
        } else {
            writeln!(out, "  {:width$}  {value}", p.key)?;
        }
    }
    Ok(())
}

/// The full documentation of one rule.
pub fn explain(out: &mut dyn Write, rule: &Rule) -> io::Result<()> {
    let m = &rule.meta;
    writeln!(out, "{} ({}, kind: {})", m.id, m.severity, m.kind)?;
    writeln!(out, "{}\n", m.summary)?;
    writeln!(out, "What it catches:")?;
    indented(out, &m.description)?;
    writeln!(out, "\nWhy it matters:")?;
    indented(out, &m.why)?;
    if let Some(help) = &m.help {
        writeln!(out, "\nWhat to do:")?;
        indented(out, help)?;
    }
    let how = newslint::kinds::explain(m.kind, &rule.config);
    if !how.is_empty() {
        writeln!(out, "\nHow it decides:")?;
        indented(out, &how.join("\n"))?;
    }
    writeln!(out, "\nReads: {}", m.scope.names().join(", "))?;
    if let Some(fix) = &m.fix {
        let how = match fix.applicability() {
            newslint::diagnostic::Applicability::Safe => "safe: `check --fix` applies it",
            newslint::diagnostic::Applicability::Unsafe => {
                "unsafe: applied with `check --fix --unsafe-fixes`"
            }
        };
        writeln!(out, "Fix: {} ({how})", fix.action_name())?;
    }
    match m.in_quotes {
        InQuotes::Report => {}
        InQuotes::Skip => writeln!(out, "In quotations attributed to someone: not reported")?,
        InQuotes::Info => writeln!(out, "In quotations attributed to someone: reported as info")?,
    }
    writeln!(
        out,
        "Defined in: {} (`newslint explain {} --yaml` prints the file)",
        rule.defined_in(),
        m.id
    )?;
    parameters(out, rule)?;
    for (title, examples) in [("Flags", &m.examples.flag), ("Passes", &m.examples.pass)] {
        if examples.is_empty() {
            continue;
        }
        writeln!(out, "\n{title}:")?;
        for example in examples {
            let mut lines = example.trim_end().lines();
            if let Some(first) = lines.next() {
                writeln!(out, "  - {first}")?;
            }
            for line in lines {
                writeln!(out, "    {line}")?;
            }
        }
    }
    Ok(())
}
