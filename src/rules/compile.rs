//! Rule files to validated rules (the second layer).
//!
//! Parsing proves a file has the right keys and types; this layer checks what
//! types cannot (ids in kebab-case, regexes that compile, non-empty pattern
//! groups) and builds each kind's check configuration once, so nothing is
//! compiled per document.

use std::sync::Arc;

use super::spec::claims::{FigureAttributionFile, HedgingFile, VagueAttributionFile};
use super::spec::{
    DuplicateBlockFile, EmptySectionFile, ExceptionSpec, ForeignScriptFile, HeaderSpec, KindName,
    KindProbe, PatternFile, PatternGroupSpec, SuppressionFile, TruncatedEndingFile,
};
use super::structure;
use super::{yaml, Examples, LoadError, Rule, RuleMeta, Scope};
use crate::checks::claims::{hedging, unsourced, vague, ConfigError};
use crate::checks::matcher::Matcher;
use crate::checks::pattern::{PatternConfig, PatternGroup};
use crate::checks::CheckConfig;
use crate::suppress::SuppressionConfig;

/// Parses, validates and compiles one rule file.
pub fn rule_from_str(text: &str, origin: &str) -> Result<Rule, LoadError> {
    let probe: KindProbe = yaml::from_str(text, origin)?;
    let (header, config) = match probe.kind {
        KindName::Pattern => {
            let (header, params) = yaml::from_str::<PatternFile>(text, origin)?.split();
            let config = compile_pattern(params.patterns, params.exceptions)
                .map_err(|e| e.locate(text, origin, &header.id))?;
            (header, CheckConfig::Pattern(config))
        }
        KindName::Suppression => {
            let (header, params) = yaml::from_str::<SuppressionFile>(text, origin)?.split();
            let config = SuppressionConfig {
                unknown_rule: params.unknown_rule.trim().to_string(),
                unknown_directive: params.unknown_directive.trim().to_string(),
            };
            (header, CheckConfig::Suppression(config))
        }
        KindName::TruncatedEnding => {
            let (header, params) = yaml::from_str::<TruncatedEndingFile>(text, origin)?.split();
            let config = structure::truncated_ending(params)
                .map_err(|e| e.locate(text, origin, &header.id))?;
            (header, CheckConfig::TruncatedEnding(Box::new(config)))
        }
        KindName::EmptySection => {
            let (header, params) = yaml::from_str::<EmptySectionFile>(text, origin)?.split();
            let config =
                structure::empty_section(params).map_err(|e| e.locate(text, origin, &header.id))?;
            (header, CheckConfig::EmptySection(config))
        }
        KindName::DuplicateBlock => {
            let (header, params) = yaml::from_str::<DuplicateBlockFile>(text, origin)?.split();
            let config = structure::duplicate_block(params)
                .map_err(|e| e.locate(text, origin, &header.id))?;
            (header, CheckConfig::DuplicateBlock(config))
        }
        KindName::ForeignScript => {
            let (header, params) = yaml::from_str::<ForeignScriptFile>(text, origin)?.split();
            let config = structure::foreign_script(params)
                .map_err(|e| e.locate(text, origin, &header.id))?;
            (header, CheckConfig::ForeignScript(config))
        }
        KindName::FigureAttribution => {
            let (header, params) = yaml::from_str::<FigureAttributionFile>(text, origin)?.split();
            let config = unsourced::UnsourcedConfig::new(params)
                .map_err(|e| invalid(e).locate(text, origin, &header.id))?;
            (header, CheckConfig::FigureAttribution(Arc::new(config)))
        }
        KindName::Hedging => {
            let (header, params) = yaml::from_str::<HedgingFile>(text, origin)?.split();
            let config = hedging::HedgingConfig::new(params)
                .map_err(|e| invalid(e).locate(text, origin, &header.id))?;
            (header, CheckConfig::Hedging(Arc::new(config)))
        }
        KindName::VagueAttribution => {
            let (header, params) = yaml::from_str::<VagueAttributionFile>(text, origin)?.split();
            let config = vague::VagueConfig::new(params)
                .map_err(|e| invalid(e).locate(text, origin, &header.id))?;
            (header, CheckConfig::VagueAttribution(Arc::new(config)))
        }
    };
    let meta = rule_meta(header, origin).map_err(|e| e.locate(text, origin, ""))?;
    Ok(Rule {
        meta: Arc::new(meta),
        config,
        text: Arc::from(text),
    })
}

/// Recompiles `rule` with some of its kind parameters replaced (from a
/// project configuration), validated exactly like the rule file itself.
pub fn rule_with_params(rule: &Rule, params: &[(&str, &yaml::Value)]) -> Result<Rule, LoadError> {
    let origin = &rule.meta.origin;
    for (key, _) in params {
        if HEADER_KEYS.contains(key) {
            return Err(LoadError {
                file: origin.clone(),
                line: None,
                column: None,
                message: format!(
                    "`{key}` is not a parameter of rule `{}` (set `severity` in the configuration's `severity:` map; the other shared keys cannot be changed)",
                    rule.meta.id
                ),
            });
        }
    }
    let text = yaml::overlay(&rule.text, origin, params)?;
    let mut compiled = rule_from_str(&text, origin)?;
    // A re-graded severity survives re-compilation.
    Arc::make_mut(&mut compiled.meta).severity = rule.meta.severity;
    Ok(compiled)
}

/// Keys every rule file shares; a configuration cannot override them as parameters.
const HEADER_KEYS: &[&str] = &[
    "id",
    "severity",
    "kind",
    "summary",
    "message",
    "description",
    "why",
    "help",
    "scope",
    "examples",
    "fix",
];

/// A claim check's configuration error as a validation problem.
fn invalid(error: ConfigError) -> Invalid {
    Invalid::new(error.message, error.near.as_deref())
}

/// A validation problem, with the snippet of the file it is about.
pub(super) struct Invalid {
    message: String,
    /// Text to look for in the file to report a line (a regex, a key).
    near: Option<String>,
}

impl Invalid {
    pub(super) fn new(message: impl Into<String>, near: Option<&str>) -> Invalid {
        Invalid {
            message: message.into(),
            near: near.map(str::to_string),
        }
    }

    /// Turns the problem into a [`LoadError`] naming the rule and, when the
    /// offending text appears verbatim in the file, its line and column.
    fn locate(self, text: &str, origin: &str, rule_id: &str) -> LoadError {
        let position = self.near.as_deref().and_then(|near| {
            let at = text.find(near)?;
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let line = text[..at].matches('\n').count() + 1;
            Some((line, text[line_start..at].chars().count() + 1))
        });
        let message = if rule_id.is_empty() {
            self.message
        } else {
            format!("rule `{rule_id}`: {}", self.message)
        };
        LoadError {
            file: origin.to_string(),
            line: position.map(|p| p.0),
            column: position.map(|p| p.1),
            message,
        }
    }
}

fn rule_meta(header: HeaderSpec, origin: &str) -> Result<RuleMeta, Invalid> {
    let id = header.id.trim();
    let valid_id = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-');
    if !valid_id {
        return Err(Invalid::new(
            format!("rule id `{id}` must be kebab-case: lowercase letters, digits and `-`"),
            Some(&header.id),
        ));
    }
    for (key, value) in [
        ("summary", &header.summary),
        ("message", &header.message),
        ("description", &header.description),
        ("why", &header.why),
    ] {
        if value.trim().is_empty() {
            return Err(Invalid::new(
                format!("rule `{id}`: `{key}` must not be empty"),
                Some(&format!("{key}:")),
            ));
        }
    }
    let scope = header
        .scope
        .as_deref()
        .map_or(Scope::ALL, Scope::from_names);
    let fix = header
        .fix
        .as_ref()
        .map(crate::fix::FixRule::compile)
        .transpose()
        .map_err(|e| Invalid::new(format!("rule `{id}`: {e}"), Some("fix:")))?;
    Ok(RuleMeta {
        id: Arc::from(id),
        severity: header.severity,
        kind: match header.kind {
            KindName::Pattern => "pattern",
            KindName::Suppression => "suppression",
            KindName::TruncatedEnding => "truncated-ending",
            KindName::EmptySection => "empty-section",
            KindName::DuplicateBlock => "duplicate-block",
            KindName::ForeignScript => "foreign-script",
            KindName::FigureAttribution => "figure-attribution",
            KindName::Hedging => "hedging",
            KindName::VagueAttribution => "vague-attribution",
        },
        summary: header.summary.trim().to_string(),
        message: header.message.trim().to_string(),
        description: header.description.trim().to_string(),
        why: header.why.trim().to_string(),
        help: header.help.map(|h| h.trim().to_string()),
        scope,
        examples: Examples {
            flag: header.examples.flag,
            pass: header.examples.pass,
        },
        origin: origin.to_string(),
        fix,
    })
}

pub(super) fn compile_matchers(
    phrases: &[String],
    regexes: &[String],
) -> Result<Vec<Matcher>, Invalid> {
    let mut matchers = Vec::with_capacity(phrases.len() + regexes.len());
    for phrase in phrases {
        if phrase.trim().is_empty() {
            return Err(Invalid::new("empty phrase", None));
        }
        let matcher = Matcher::phrase(phrase).map_err(|e| {
            Invalid::new(
                format!("phrase `{phrase}` does not compile: {e}"),
                Some(phrase),
            )
        })?;
        matchers.push(matcher);
    }
    for regex in regexes {
        let matcher = Matcher::regex(regex)
            .map_err(|e| Invalid::new(format!("invalid regex `{regex}`:\n{e}"), Some(regex)))?;
        if matcher.matches_empty() {
            return Err(Invalid::new(
                format!("regex `{regex}` matches the empty string"),
                Some(regex),
            ));
        }
        matchers.push(matcher);
    }
    Ok(matchers)
}

fn compile_pattern(
    groups: Vec<PatternGroupSpec>,
    exceptions: ExceptionSpec,
) -> Result<PatternConfig, Invalid> {
    if groups.is_empty() {
        return Err(Invalid::new(
            "`patterns` needs at least one group",
            Some("patterns:"),
        ));
    }
    let mut compiled = Vec::with_capacity(groups.len());
    for group in groups {
        let matchers = compile_matchers(&group.phrases, &group.regexes)?;
        if matchers.is_empty() {
            return Err(Invalid::new(
                "every pattern group needs `phrases` or `regexes`",
                Some("patterns:"),
            ));
        }
        compiled.push(PatternGroup {
            message: group.message.map(|m| m.trim().to_string()),
            help: group.help.map(|h| h.trim().to_string()),
            matchers,
        });
    }
    Ok(PatternConfig {
        groups: compiled,
        exceptions: compile_matchers(&exceptions.phrases, &exceptions.regexes)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "id: my-rule\nseverity: warning\nkind: pattern\nsummary: s\nmessage: m {match}\ndescription: d\nwhy: w\npatterns:\n  - phrases: [foo]\nexamples:\n  flag: [foo]\n  pass: [bar]\n";

    #[test]
    fn a_good_rule_compiles() {
        let rule = rule_from_str(GOOD, "x.yaml").unwrap();
        assert_eq!(&*rule.meta.id, "my-rule");
        assert_eq!(rule.meta.kind, "pattern");
        assert_eq!(rule.meta.scope, Scope::ALL);
    }

    #[test]
    fn unknown_keys_name_line_and_column() {
        let text = GOOD.replace("why: w\n", "why: w\nsevrity: error\n");
        let err = rule_from_str(&text, "x.yaml").unwrap_err();
        assert_eq!((err.line, err.column), (Some(8), Some(1)));
        assert!(
            err.message.contains("unknown field `sevrity`"),
            "{}",
            err.message
        );
        assert!(err.to_string().starts_with("x.yaml:8:1: "));
    }

    #[test]
    fn unknown_kind_and_bad_severity_are_located() {
        let err =
            rule_from_str(&GOOD.replace("kind: pattern", "kind: magic"), "x.yaml").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("magic"));
        let err = rule_from_str(
            &GOOD.replace("severity: warning", "severity: loud"),
            "x.yaml",
        )
        .unwrap_err();
        assert_eq!(err.line, Some(2));
    }

    #[test]
    fn invalid_regex_names_the_rule_and_line() {
        let text = GOOD.replace("phrases: [foo]", "regexes: ['a(b']");
        let err = rule_from_str(&text, "x.yaml").unwrap_err();
        assert!(err
            .message
            .starts_with("rule `my-rule`: invalid regex `a(b`"));
        assert_eq!(err.line, Some(9));
    }

    #[test]
    fn ids_must_be_kebab_case_and_groups_non_empty() {
        assert!(rule_from_str(&GOOD.replace("my-rule", "My Rule"), "x").is_err());
        let err = rule_from_str(&GOOD.replace("phrases: [foo]", "message: x"), "x").unwrap_err();
        assert!(err.message.contains("needs `phrases` or `regexes`"));
        let err =
            rule_from_str(&GOOD.replace("phrases: [foo]", "regexes: ['x*']"), "x").unwrap_err();
        assert!(err.message.contains("empty string"));
    }
}
