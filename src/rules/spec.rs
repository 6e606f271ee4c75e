//! The shape of a rule file, exactly as written in YAML (the first layer).
//!
//! A rule file is one mapping: the keys every rule shares ([`HeaderSpec`])
//! and its kind's own parameters (the kind's `Params`, declared in its file
//! under `crate::kinds`). [`RuleFile`] reads both from the same mapping in
//! one pass, handing each key to the header or to the kind's parameters, so
//! unknown keys are still rejected with the line and column of the key, and
//! the parameters' error lists only the kind's own keys. (serde cannot
//! combine `flatten` with `deny_unknown_fields`, nor keep error locations
//! through it.) Validation and compilation happen in `compile`.

use std::fmt;
use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::diagnostic::Severity;
use crate::kinds::{self, FixSpec, InQuotes, ScopeName};

/// Example texts every rule carries; `newslint test` runs them.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExamplesSpec {
    /// Texts the rule must report.
    #[serde(default)]
    pub flag: Vec<String>,
    /// Texts the rule must not report.
    #[serde(default)]
    pub pass: Vec<String>,
}

/// The keys every rule file has, whatever its kind. (Read by hand, below;
/// the derived schema describes the same keys for YAML editors.)
#[derive(Debug, Clone, schemars::JsonSchema)]
pub struct HeaderSpec {
    /// Unique rule id (`template-leak`).
    pub id: String,
    /// Default severity.
    pub severity: Severity,
    /// The check kind, by its current name in the kind table.
    pub kind: &'static str,
    /// One line for `newslint rules`.
    pub summary: String,
    /// Diagnostic message; `{match}` is replaced by the matched text.
    pub message: String,
    /// What the rule catches.
    pub description: String,
    /// Why it matters.
    pub why: String,
    /// Advice shown under each finding.
    pub help: Option<String>,
    /// Blocks the rule reads (default: all).
    pub scope: Option<Vec<ScopeName>>,
    /// Examples to flag and to pass.
    pub examples: ExamplesSpec,
    /// What fixing a finding means, if the rule can be fixed.
    pub fix: Option<FixSpec>,
    /// What becomes of a finding inside attributed quoted speech (default:
    /// reported).
    #[serde(default)]
    pub in_quotes: InQuotes,
}

/// Keys every rule file shares; a configuration cannot override them as
/// parameters.
pub const HEADER_KEYS: &[&str] = &[
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
    "in_quotes",
];

/// A `kind:` value: the name of a kind in the table (or an earlier name of
/// one), read as its current name. An unknown name is an error at the value.
#[derive(Debug, Clone, Copy)]
pub struct KindName(pub &'static str);

impl<'de> Deserialize<'de> for KindName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Names;
        impl Visitor<'_> for Names {
            type Value = KindName;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a check kind")
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<KindName, E> {
                kinds::canonical(name)
                    .map(KindName)
                    .ok_or_else(|| E::unknown_variant(name, kinds::NAMES))
            }
        }
        deserializer.deserialize_str(Names)
    }
}

/// Reads only `kind:`, to know which kind's parameters to read the file with.
#[derive(Debug, Deserialize)]
pub struct KindProbe {
    /// The check kind.
    pub kind: KindName,
}

/// A whole rule file: the shared keys and the parameters `P` of its kind.
#[derive(Debug)]
pub struct RuleFile<P> {
    /// The keys every rule shares.
    pub header: HeaderSpec,
    /// The kind's own keys.
    pub params: P,
}

impl<'de, P: Deserialize<'de>> Deserialize<'de> for RuleFile<P> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(FileVisitor(PhantomData))
    }
}

struct FileVisitor<P>(PhantomData<P>);

impl<'de, P: Deserialize<'de>> Visitor<'de> for FileVisitor<P> {
    type Value = RuleFile<P>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a rule file (a mapping of keys)")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RuleFile<P>, A::Error> {
        let mut header = HeaderFields::default();
        let params = P::deserialize(de::value::MapAccessDeserializer::new(ParamsOnly {
            map,
            header: &mut header,
        }))?;
        Ok(RuleFile {
            header: header.finish()?,
            params,
        })
    }
}

/// The map of a rule file as the kind's parameters see it: header keys are
/// read into `header` on the way and never reach the parameters.
struct ParamsOnly<'h, A> {
    map: A,
    header: &'h mut HeaderFields,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for ParamsOnly<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let mut seed = seed;
        loop {
            match self.map.next_key_seed(Route(seed))? {
                None => return Ok(None),
                Some(Routed::Param(key)) => return Ok(Some(key)),
                Some(Routed::Header(key, unused)) => {
                    self.header.read(key, &mut self.map)?;
                    seed = unused;
                }
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}

/// A key of the file: a header key, with the parameters' key seed handed
/// back unused, or a key the parameters read.
enum Routed<K, V> {
    Header(&'static str, K),
    Param(V),
}

/// Reads a key and routes it. The parameters' seed reads its key inside
/// the YAML reader's own call, so an unknown key is reported at its place.
struct Route<K>(K);

impl<'de, K: DeserializeSeed<'de>> DeserializeSeed<'de> for Route<K> {
    type Value = Routed<K, K::Value>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de, K: DeserializeSeed<'de>> Visitor<'de> for Route<K> {
    type Value = Routed<K, K::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        match HEADER_KEYS.iter().find(|k| **k == key) {
            Some(header) => Ok(Routed::Header(header, self.0)),
            None => self
                .0
                .deserialize(key.into_deserializer())
                .map(Routed::Param),
        }
    }
}

/// The header keys read so far.
#[derive(Default)]
struct HeaderFields {
    id: Option<String>,
    severity: Option<Severity>,
    kind: Option<KindName>,
    summary: Option<String>,
    message: Option<String>,
    description: Option<String>,
    why: Option<String>,
    help: Option<Option<String>>,
    scope: Option<Option<Vec<ScopeName>>>,
    examples: Option<ExamplesSpec>,
    fix: Option<Option<FixSpec>>,
    in_quotes: Option<InQuotes>,
}

/// Stores a header value, refusing a key given twice.
fn set<T, E: de::Error>(slot: &mut Option<T>, value: T, key: &'static str) -> Result<(), E> {
    if slot.is_some() {
        return Err(E::duplicate_field(key));
    }
    *slot = Some(value);
    Ok(())
}

/// The value of a required header key.
fn required<T, E: de::Error>(slot: Option<T>, key: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(key))
}

impl HeaderFields {
    /// Reads the value of header key `key` from `map`.
    fn read<'de, A: MapAccess<'de>>(
        &mut self,
        key: &'static str,
        map: &mut A,
    ) -> Result<(), A::Error> {
        match key {
            "id" => set(&mut self.id, map.next_value()?, key),
            "severity" => set(&mut self.severity, map.next_value()?, key),
            "kind" => set(&mut self.kind, map.next_value()?, key),
            "summary" => set(&mut self.summary, map.next_value()?, key),
            "message" => set(&mut self.message, map.next_value()?, key),
            "description" => set(&mut self.description, map.next_value()?, key),
            "why" => set(&mut self.why, map.next_value()?, key),
            "help" => set(&mut self.help, map.next_value()?, key),
            "scope" => set(&mut self.scope, map.next_value()?, key),
            "examples" => set(&mut self.examples, map.next_value()?, key),
            "fix" => set(&mut self.fix, map.next_value()?, key),
            "in_quotes" => set(&mut self.in_quotes, map.next_value()?, key),
            _ => unreachable!("`{key}` is in HEADER_KEYS and read here"),
        }
    }

    fn finish<E: de::Error>(self) -> Result<HeaderSpec, E> {
        Ok(HeaderSpec {
            id: required(self.id, "id")?,
            severity: required(self.severity, "severity")?,
            kind: required(self.kind, "kind")?.0,
            summary: required(self.summary, "summary")?,
            message: required(self.message, "message")?,
            description: required(self.description, "description")?,
            why: required(self.why, "why")?,
            help: self.help.flatten(),
            scope: self.scope.flatten(),
            examples: required(self.examples, "examples")?,
            fix: self.fix.flatten(),
            in_quotes: self.in_quotes.unwrap_or_default(),
        })
    }
}

/// The keys of a struct that serde's derive deserializes, in declaration
/// order. The derive names them when it asks a deserializer for a struct,
/// so a deserializer that only listens to that request learns them, and
/// the kinds need no list of their own to keep in step.
pub fn struct_keys<P: DeserializeOwned>() -> &'static [&'static str] {
    match P::deserialize(KeyListener) {
        Err(Heard(keys)) => keys,
        Ok(_) => &[],
    }
}

/// A deserializer that answers every request with [`Heard`]: the fields of
/// a struct request, else none.
struct KeyListener;

/// What [`KeyListener`] heard.
#[derive(Debug)]
struct Heard(&'static [&'static str]);

impl fmt::Display for Heard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "keys: {}", self.0.join(", "))
    }
}

impl std::error::Error for Heard {}

impl de::Error for Heard {
    fn custom<T: fmt::Display>(_: T) -> Heard {
        Heard(&[])
    }
}

impl<'de> Deserializer<'de> for KeyListener {
    type Error = Heard;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Heard> {
        Err(Heard(&[]))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Heard> {
        Err(Heard(fields))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}
