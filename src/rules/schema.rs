//! The JSON Schema of a rule file, generated from the types the loader
//! reads it with (the shared keys and each kind's parameters), so a YAML
//! editor can complete and check a house rule and the schema never drifts
//! from the loader. `newslint schema rule` prints it.
//!
//! A rule file is one mapping of the shared keys and its kind's own keys,
//! so the schema is one object per kind (`kind` fixed to the kind's names),
//! each rejecting keys it does not know, as the loader does.

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, SchemaGenerator};
use serde_json::{json, Map, Value};

use super::spec::HeaderSpec;
use crate::kinds::{self, Kind, KindVisitor};

/// The schema of a rule file, as a JSON value.
pub fn rule() -> Value {
    let mut generator = SchemaSettings::draft2020_12().into_generator();
    let header = Value::from(HeaderSpec::json_schema(&mut generator));
    let variants: Vec<Value> = kinds::NAMES
        .iter()
        .map(|name| {
            let (params, aliases) = kinds::visit(name, Params(&mut generator))
                .expect("a name of the table is in the table");
            let mut properties = field(&header, "properties");
            properties.extend(field(&params, "properties"));
            let names: Vec<&str> = std::iter::once(*name)
                .chain(aliases.iter().copied())
                .collect();
            properties.insert(
                "kind".into(),
                json!({"description": "The check kind.", "enum": names}),
            );
            let mut required: Vec<Value> = list(&header, "required");
            for key in list(&params, "required") {
                if !required.contains(&key) {
                    required.push(key);
                }
            }
            json!({
                "title": format!("a `{name}` rule"),
                "type": "object",
                "properties": properties,
                "required": required,
                "additionalProperties": false,
            })
        })
        .collect();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "newslint rule file",
        "description": "One rule: the keys every rule shares, and its kind's parameters.",
        "oneOf": variants,
        "$defs": generator.take_definitions(true),
    })
}

/// A kind's parameters' schema, and the kind's earlier names.
struct Params<'g>(&'g mut SchemaGenerator);

impl KindVisitor for Params<'_> {
    type Output = (Value, &'static [&'static str]);

    fn visit<K: Kind>(self) -> Self::Output {
        (Value::from(K::Params::json_schema(self.0)), K::ALIASES)
    }
}

/// The object under `key` of a schema (empty when absent).
fn field(schema: &Value, key: &str) -> Map<String, Value> {
    schema
        .get(key)
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

/// The list under `key` of a schema (empty when absent).
fn list(schema: &Value, key: &str) -> Vec<Value> {
    schema
        .get(key)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}
