//! Rule files to validated rules (the second layer).
//!
//! Parsing proves a file has the right keys and types; this layer checks what
//! types cannot (ids in kebab-case, non-empty texts) and has the rule's kind
//! compile its parameters once (regexes compiled, thresholds checked), so
//! nothing is compiled per document. It is generic over the kind table:
//! nothing here names a kind.

use std::sync::Arc;

use super::spec::{HeaderSpec, KindProbe, RuleFile, HEADER_KEYS};
use super::{yaml, LoadError, Rule};
use crate::kinds::{
    self, AnyConfig, Examples, FixRule, Invalid, Kind, KindVisitor, RuleMeta, Scope,
};

/// Parses, validates and compiles one rule file.
pub fn rule_from_str(text: &str, origin: &str) -> Result<Rule, LoadError> {
    let probe: KindProbe = yaml::from_str(text, origin)?;
    let compiler = Compiler { text, origin };
    let (header, config) =
        kinds::visit(probe.kind.0, compiler).expect("a probed kind is in the table")?;
    let meta = rule_meta(header, origin).map_err(|e| locate(e, text, origin, ""))?;
    let text: Arc<str> = Arc::from(text);
    Ok(Rule {
        meta: Arc::new(meta),
        config,
        written: text.clone(),
        text,
        builtin: false,
    })
}

/// The parameter keys of kind `kind` (a current name), in declaration order.
pub fn parameter_keys(kind: &str) -> &'static [&'static str] {
    struct Keys;
    impl KindVisitor for Keys {
        type Output = &'static [&'static str];
        fn visit<K: Kind>(self) -> Self::Output {
            super::spec::struct_keys::<K::Params>()
        }
    }
    kinds::visit(kind, Keys).unwrap_or_default()
}

/// Reads a rule file with the parameters of the kind it is visited with.
struct Compiler<'t> {
    text: &'t str,
    origin: &'t str,
}

impl KindVisitor for Compiler<'_> {
    type Output = Result<(HeaderSpec, AnyConfig), LoadError>;

    fn visit<K: Kind>(self) -> Self::Output {
        let file: RuleFile<K::Params> = yaml::from_str(self.text, self.origin)?;
        let config = K::compile(file.params)
            .map_err(|e| locate(e, self.text, self.origin, &file.header.id))?;
        Ok((file.header, Arc::new(config)))
    }
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
    // A re-graded severity, the file as written and where it comes from
    // survive re-compilation.
    Arc::make_mut(&mut compiled.meta).severity = rule.meta.severity;
    compiled.written = rule.written.clone();
    compiled.builtin = rule.builtin;
    Ok(compiled)
}

/// Turns a validation problem into a [`LoadError`] naming the rule and,
/// when the offending text appears verbatim in the file, its line and column.
fn locate(problem: Invalid, text: &str, origin: &str, rule_id: &str) -> LoadError {
    let item = problem
        .item
        .as_ref()
        .and_then(|(key, value)| yaml::locate_item(text, key, value));
    let position = item.or_else(|| {
        let near = problem.near.as_deref().filter(|near| !near.is_empty())?;
        let at = text.find(near)?;
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line = text[..at].matches('\n').count() + 1;
        Some((line, text[line_start..at].chars().count() + 1))
    });
    let message = if rule_id.is_empty() {
        problem.message
    } else {
        format!("rule `{rule_id}`: {}", problem.message)
    };
    LoadError {
        file: origin.to_string(),
        line: position.map(|p| p.0),
        column: position.map(|p| p.1),
        message,
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
        .map(FixRule::compile)
        .transpose()
        .map_err(|e| Invalid::new(format!("rule `{id}`: {e}"), Some("fix:")))?;
    Ok(RuleMeta {
        id: Arc::from(id),
        severity: header.severity,
        kind: header.kind,
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
        in_quotes: header.in_quotes,
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
