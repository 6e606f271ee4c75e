//! Validation and compilation of the structural check kinds'
//! parameters: `truncated-ending`, `empty-section`, `duplicate-block` and
//! `foreign-script` (the second layer, as `compile` is for `pattern`).

use unicode_script::Script;

use super::compile::{compile_matchers, Invalid};
use super::spec::{
    DuplicateBlockParams, EmptySectionParams, ForeignScriptParams, MatchListSpec,
    TruncatedEndingParams,
};
use super::Scope;
use crate::checks::ending::{EllipsisConfig, EndingConfig, EndingMessages};
use crate::checks::matcher::Matcher;
use crate::checks::repetition::RepetitionConfig;
use crate::checks::script::ScriptConfig;
use crate::checks::sections::{SectionsConfig, HEADING_PLACEHOLDER};

fn matchers(list: &MatchListSpec) -> Result<Vec<Matcher>, Invalid> {
    compile_matchers(&list.phrases, &list.regexes)
}

fn positive(value: usize, key: &str) -> Result<usize, Invalid> {
    if value == 0 {
        return Err(Invalid::new(
            format!("`{key}` must be at least 1"),
            Some(&format!("{key}:")),
        ));
    }
    Ok(value)
}

fn share(value: f64, key: &str) -> Result<f64, Invalid> {
    if !(0.0..=1.0).contains(&value) {
        return Err(Invalid::new(
            format!("`{key}` must be between 0 and 1"),
            Some(&format!("{key}:")),
        ));
    }
    Ok(value)
}

fn not_empty(value: String, key: &str) -> Result<String, Invalid> {
    if value.trim().is_empty() {
        return Err(Invalid::new(
            format!("`{key}` must not be empty"),
            Some(&format!("{key}:")),
        ));
    }
    Ok(value.trim().to_string())
}

/// Compiles a `kind: truncated-ending` rule's parameters.
pub fn truncated_ending(params: TruncatedEndingParams) -> Result<EndingConfig, Invalid> {
    let mut dangling_words = std::collections::HashSet::new();
    for word in params.dangling_words {
        let word = word.trim().to_lowercase();
        if word.is_empty() || word.contains(char::is_whitespace) {
            return Err(Invalid::new(
                format!("dangling word `{word}` must be one word"),
                Some("dangling_words:"),
            ));
        }
        dangling_words.insert(word);
    }
    let messages = params.messages;
    let ellipsis = params.ellipsis;
    Ok(EndingConfig {
        min_prose_words: positive(params.min_prose_words, "min_prose_words")?,
        skip: matchers(&params.skip)?,
        skip_sections: matchers(&params.skip_sections)?,
        lone_sentence_words: positive(params.lone_sentence_words, "lone_sentence_words")?,
        min_stop_share: share(params.min_stop_share, "min_stop_share")?,
        embed_signatures: matchers(&params.embed_signatures)?,
        complete_endings: matchers(&params.complete_endings)?,
        dangling_words,
        open_sentence_words: positive(params.open_sentence_words, "open_sentence_words")?,
        messages: EndingMessages {
            mid_word: not_empty(messages.mid_word, "mid_word")?,
            dangling: not_empty(messages.dangling, "dangling")?,
            open_quote: not_empty(messages.open_quote, "open_quote")?,
            no_stop: not_empty(messages.no_stop, "no_stop")?,
        },
        ellipsis: EllipsisConfig {
            severity: ellipsis.severity,
            message: not_empty(ellipsis.message, "message")?,
            scope: Scope::from_names(&ellipsis.scope),
            labels: matchers(&ellipsis.labels)?,
            min_words: positive(ellipsis.min_words, "min_words")?,
        },
    })
}

/// Compiles a `kind: empty-section` rule's parameters.
pub fn empty_section(params: EmptySectionParams) -> Result<SectionsConfig, Invalid> {
    for template in &params.references {
        if !template.contains(HEADING_PLACEHOLDER) {
            return Err(Invalid::new(
                format!("reference `{template}` must contain {HEADING_PLACEHOLDER}"),
                Some(template),
            ));
        }
        let sample = template.replace(HEADING_PLACEHOLDER, "Sources");
        regex::Regex::new(&sample).map_err(|e| {
            Invalid::new(
                format!("invalid reference regex `{template}`:\n{e}"),
                Some(template),
            )
        })?;
    }
    Ok(SectionsConfig {
        ignore: matchers(&params.ignore)?,
        section_names: matchers(&params.section_names)?,
        references: params.references,
        reference_label: not_empty(params.reference_label, "reference_label")?,
    })
}

/// Compiles a `kind: duplicate-block` rule's parameters.
pub fn duplicate_block(params: DuplicateBlockParams) -> Result<RepetitionConfig, Invalid> {
    Ok(RepetitionConfig {
        min_words: positive(params.min_words, "min_words")?,
        strip: matchers(&params.strip)?,
        max_number_share: share(params.max_number_share, "max_number_share")?,
        unstopped_kinds: Scope::from_names(&params.unstopped_kinds),
        pull_quote_kinds: Scope::from_names(&params.pull_quote_kinds),
        sentence_message: not_empty(params.sentence_message, "sentence_message")?,
        first_label: not_empty(params.first_label, "first_label")?,
    })
}

/// Compiles a `kind: foreign-script` rule's parameters.
pub fn foreign_script(params: ForeignScriptParams) -> Result<ScriptConfig, Invalid> {
    let compatible = params
        .compatible
        .iter()
        .map(|group| scripts(group))
        .collect::<Result<_, _>>()?;
    Ok(ScriptConfig {
        min_letters: positive(params.min_letters, "min_letters")?,
        min_words: positive(params.min_words, "min_words")?,
        compatible,
        introducers: matchers(&params.introducers)?,
        unspaced: scripts(&params.unspaced)?,
    })
}

/// Unicode scripts by their full names.
fn scripts(names: &[String]) -> Result<Vec<Script>, Invalid> {
    names
        .iter()
        .map(|name| {
            Script::from_full_name(name.trim()).ok_or_else(|| {
                Invalid::new(
                    format!(
                        "unknown script `{name}` (use Unicode script names: Latin, Cyrillic, Han, ...)"
                    ),
                    Some(name),
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::compile::rule_from_str;

    const HEADER: &str =
        "id: x\nseverity: warning\nsummary: s\nmessage: m\ndescription: d\nwhy: w\nexamples: {}\n";

    #[test]
    fn unknown_scripts_and_bad_templates_are_located() {
        let text = format!(
            "{HEADER}kind: foreign-script\nmin_letters: 5\nmin_words: 2\ncompatible:\n  - [Han, Klingon]\n"
        );
        let err = rule_from_str(&text, "x.yaml").unwrap_err();
        assert!(
            err.message.contains("unknown script `Klingon`"),
            "{}",
            err.message
        );
        assert_eq!(err.line, Some(12));
        let text = format!(
            "{HEADER}kind: empty-section\nignore: {{}}\nsection_names: {{}}\nreferences: ['in the section']\nreference_label: l\n"
        );
        let err = rule_from_str(&text, "x.yaml").unwrap_err();
        assert!(
            err.message.contains("must contain {heading}"),
            "{}",
            err.message
        );
    }

    #[test]
    fn thresholds_must_be_positive() {
        let text = format!(
            "{HEADER}kind: duplicate-block\nmin_words: 0\nmax_number_share: 0.2\nstrip: {{}}\nsentence_message: s\nfirst_label: f\n"
        );
        let err = rule_from_str(&text, "x.yaml").unwrap_err();
        assert!(
            err.message.contains("`min_words` must be at least 1"),
            "{}",
            err.message
        );
        assert_eq!(err.line, Some(9));
    }
}
