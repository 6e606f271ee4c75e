//! The one place newslint calls a YAML library.
//!
//! serde_yaml is deprecated upstream; keeping every call behind this module
//! means swapping it for a successor touches one file. Errors come back as
//! [`LoadError`]s that name the file, line and column. Rule files and the
//! project configuration (`newslint.yaml`) are both read through here.
//!
//! Two guards sit in front of the parser. A leading byte order mark is
//! dropped (editors hide it; left in, it becomes part of the first key).
//! And a document with aliases is first walked once with a budget, since
//! serde_yaml limits how many alias jumps it takes but not what they
//! expand to: a 16 KB file of a thousand aliases to a thousand-item list
//! would otherwise build a million strings.

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess};
use serde::{Deserialize, Deserializer, Serialize};

use super::LoadError;

/// Most bytes a document with aliases may expand to, beyond four times its
/// own length: every scalar's bytes plus [`NODE_COST`] per node.
const EXPANSION_SLACK: usize = 1 << 20;
/// What one node counts for in the expansion budget.
const NODE_COST: usize = 8;

/// Deserializes `text` (the contents of `origin`) into `T`.
pub fn from_str<T: DeserializeOwned>(text: &str, origin: &str) -> Result<T, LoadError> {
    let text = without_bom(text);
    check_expansion(text).map_err(|err| load_error(err, text, origin))?;
    serde_yaml::from_str(text).map_err(|err| load_error(err, text, origin))
}

/// The text after a leading UTF-8 byte order mark.
fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Fails, at the node where the budget runs out, when the document's
/// aliases expand it past [`EXPANSION_SLACK`] plus four times its length.
/// A document without an alias expands to what it says and is not walked;
/// nor is one without an anchor (`&name` where a YAML token may start: at
/// a line's start or after a space, a tab, `[`, `{` or `,`), since an alias
/// names an anchor (the `*` of a regex is no alias).
fn check_expansion(text: &str) -> Result<(), serde_yaml::Error> {
    if !text.contains('*') || !has_anchor(text) {
        return Ok(());
    }
    let budget = Cell::new(text.len().saturating_mul(4) + EXPANSION_SLACK);
    Budget(&budget).deserialize(serde_yaml::Deserializer::from_str(text))
}

/// Whether `text` may hold a YAML anchor: an `&` where a token may start.
/// (One inside a quoted scalar counts too: the walk is then made for
/// nothing, never skipped wrongly.)
fn has_anchor(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'&', bytes).any(|i| {
        i == 0
            || matches!(
                bytes[i - 1],
                b' ' | b'\t' | b'\n' | b'\r' | b'[' | b'{' | b','
            )
    })
}

/// Walks every node (aliases expanded), spending from the budget.
struct Budget<'b>(&'b Cell<usize>);

impl Budget<'_> {
    fn spend<E: de::Error>(&self, bytes: usize) -> Result<(), E> {
        match self.0.get().checked_sub(bytes + NODE_COST) {
            Some(left) => {
                self.0.set(left);
                Ok(())
            }
            None => Err(E::custom(
                "the document's aliases (`*name`) expand it far past its own size; \
                 write the repeated lists out, or share fewer copies",
            )),
        }
    }
}

impl<'de> DeserializeSeed<'de> for Budget<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> de::Visitor<'de> for Budget<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "any value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.spend(0)?;
        while map.next_key_seed(Budget(self.0))?.is_some() {
            map.next_value_seed(Budget(self.0))?;
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.spend(0)?;
        while seq.next_element_seed(Budget(self.0))?.is_some() {}
        Ok(())
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        use de::VariantAccess;
        self.spend(0)?;
        let ((), variant) = data.variant_seed(Budget(self.0))?;
        variant.newtype_variant_seed(Budget(self.0))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.spend(v.len())
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.spend(0)
    }
}

/// Serializes `value` as a YAML document.
pub fn to_string<T: Serialize>(value: &T) -> String {
    serde_yaml::to_string(value).unwrap_or_else(|e| format!("# cannot show as YAML: {e}\n"))
}

fn load_error(err: serde_yaml::Error, text: &str, origin: &str) -> LoadError {
    let location = err.location();
    let full = err.to_string();
    // serde_yaml appends " at line L column C"; we report those apart.
    let message = match full.rfind(" at line ") {
        Some(at) if location.is_some() => full[..at].to_string(),
        _ => full,
    };
    // serde's derive notices a repeated field only when the mapping ends,
    // so serde_yaml places the error at the mapping's start: find the
    // repeated key itself.
    let position = match message.starts_with("duplicate field") {
        true => locate_duplicate_key(text),
        false => None,
    }
    .or(location.as_ref().map(|l| (l.line(), l.column())));
    LoadError {
        file: origin.to_string(),
        line: position.map(|p| p.0),
        column: position.map(|p| p.1),
        message,
    }
}

/// Any YAML value, kept as written for later use (rule parameters set in a
/// configuration file, applied when the rule is compiled).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(transparent)]
pub struct Value(serde_yaml::Value);

impl schemars::JsonSchema for Value {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Value".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "description": "Any YAML value, checked by the rule's kind." })
    }
}

impl Value {
    /// The value in one line when it is short (YAML flow style, which reads
    /// back as the same value), else an outline: a list's length, a
    /// mapping's keys with their outlines.
    pub fn brief(&self) -> String {
        const SHORT: usize = 72;
        let line = flow(&self.0);
        if line.chars().count() <= SHORT {
            return line;
        }
        match &self.0 {
            serde_yaml::Value::Sequence(items) if items.len() == 1 => "a list of 1 item".into(),
            serde_yaml::Value::Sequence(items) => format!("a list of {} items", items.len()),
            serde_yaml::Value::Mapping(map) => {
                let keys: Vec<String> = map
                    .iter()
                    .map(|(k, v)| format!("{}: {}", flow(k), Value(v.clone()).brief()))
                    .collect();
                format!("{{{}}}", keys.join(", "))
            }
            _ => {
                let cut: String = line.chars().take(SHORT - 1).collect();
                format!("{cut}…")
            }
        }
    }
}

/// A value in YAML flow style, on one line: strings bare when YAML reads
/// them back as the same string, else double-quoted.
fn flow(value: &serde_yaml::Value) -> String {
    use serde_yaml::Value as V;
    match value {
        V::Null => "null".into(),
        V::Bool(b) => b.to_string(),
        V::Number(n) => n.to_string(),
        V::String(s) => {
            let bare = s.chars().next().is_some_and(char::is_alphabetic)
                && s.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.'))
                && !s.ends_with(' ')
                && serde_yaml::from_str::<V>(s).ok().as_ref() == Some(value);
            if bare {
                s.clone()
            } else {
                serde_json::to_string(s).unwrap_or_default()
            }
        }
        V::Sequence(items) => {
            let items: Vec<String> = items.iter().map(flow).collect();
            format!("[{}]", items.join(", "))
        }
        V::Mapping(map) => {
            let entries: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", flow(k), flow(v)))
                .collect();
            format!("{{{}}}", entries.join(", "))
        }
        V::Tagged(tagged) => format!("{} {}", tagged.tag, flow(&tagged.value)),
    }
}

/// The top-level keys of a YAML mapping and their values; empty when the
/// text is not one (a rule's text always is: it compiled).
pub fn mapping(text: &str) -> std::collections::HashMap<String, Value> {
    serde_yaml::from_str::<serde_yaml::Mapping>(without_bom(text))
        .map(|map| {
            map.into_iter()
                .filter_map(|(k, v)| Some((k.as_str()?.to_string(), Value(v))))
                .collect()
        })
        .unwrap_or_default()
}

/// Replaces top-level keys of the YAML mapping in `text` (a rule file) with
/// `entries`, in order, and returns the new document's text.
pub fn overlay(text: &str, origin: &str, entries: &[(&str, &Value)]) -> Result<String, LoadError> {
    let mut doc: serde_yaml::Mapping = from_str(without_bom(text), origin)?;
    for (key, value) in entries {
        doc.insert(serde_yaml::Value::from(*key), value.0.clone());
    }
    Ok(to_string(&doc))
}

/// One step of a path into a YAML document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    /// The value under a mapping key.
    Value(&'a str),
    /// A mapping key itself (the last step only).
    Key(&'a str),
    /// An item of a sequence.
    Item(usize),
}

impl fmt::Display for Step<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Step::Value(key) | Step::Key(key) => write!(f, ".{key}"),
            Step::Item(index) => write!(f, "[{index}]"),
        }
    }
}

/// The 1-based line and column of the node at `path` in `text`, for errors
/// about values that parsed but mean nothing (an unknown rule id, a bad glob).
///
/// It walks the document and raises an error at the target node, so the
/// position is the parser's own, never a guess from searching the text.
pub fn locate(text: &str, path: &[Step<'_>]) -> Option<(usize, usize)> {
    let text = without_bom(text);
    check_expansion(text).ok()?;
    let found = Locator { path }.deserialize(serde_yaml::Deserializer::from_str(text));
    found_at(found)
}

/// The position of the marker error, if that is what `result` holds.
fn found_at(result: Result<(), serde_yaml::Error>) -> Option<(usize, usize)> {
    match result {
        Err(err) if err.to_string().contains(FOUND) => {
            err.location().map(|l| (l.line(), l.column()))
        }
        _ => None,
    }
}

/// The 1-based line and column of the first item equal to `value` in a
/// sequence under a mapping key named `key`, anywhere in `text`: where a
/// bad phrase or regex is (`regexes: ['']` included), from the parser.
pub fn locate_item(text: &str, key: &str, value: &str) -> Option<(usize, usize)> {
    let text = without_bom(text);
    check_expansion(text).ok()?;
    let seek = Seek {
        want: Want::Item { key, value },
        under: None,
        in_list_of: None,
    };
    found_at(seek.deserialize(serde_yaml::Deserializer::from_str(text)))
}

/// The 1-based line and column of the first key repeated in one mapping.
pub fn locate_duplicate_key(text: &str) -> Option<(usize, usize)> {
    let text = without_bom(text);
    check_expansion(text).ok()?;
    let seek = Seek {
        want: Want::DuplicateKey,
        under: None,
        in_list_of: None,
    };
    found_at(seek.deserialize(serde_yaml::Deserializer::from_str(text)))
}

/// What [`Seek`] looks for.
#[derive(Clone, Copy)]
enum Want<'a> {
    /// A string item equal to `value` in a sequence under the key `key`.
    Item { key: &'a str, value: &'a str },
    /// A key seen before in the same mapping.
    DuplicateKey,
}

/// Walks a whole document and raises the marker error at what it wants.
#[derive(Clone, Copy)]
struct Seek<'a> {
    want: Want<'a>,
    /// The mapping key this node is the value of, if a string.
    under: Option<&'a str>,
    /// The key of the sequence this node is an item of, if a string: an
    /// item of the wanted key's list is where the wanted value may be.
    in_list_of: Option<&'a str>,
}

impl<'de> DeserializeSeed<'de> for Seek<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> de::Visitor<'de> for Seek<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "any value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = std::collections::HashSet::new();
        while let Some(key) = map.next_key_seed(KeyText {
            duplicate_of: match self.want {
                Want::DuplicateKey => Some(&seen),
                Want::Item { .. } => None,
            },
        })? {
            let under = match (self.want, key.as_deref()) {
                (Want::Item { key: wanted, .. }, Some(key)) if key == wanted => Some(wanted),
                _ => None,
            };
            map.next_value_seed(Seek {
                want: self.want,
                under,
                in_list_of: None,
            })?;
            if let Some(key) = key {
                seen.insert(key);
            }
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq
            .next_element_seed(Seek {
                want: self.want,
                under: None,
                in_list_of: self.under,
            })?
            .is_some()
        {}
        Ok(())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        match (self.want, self.in_list_of) {
            (Want::Item { value, .. }, Some(_)) if v == value => Err(E::custom(FOUND)),
            _ => Ok(()),
        }
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
}

/// Reads a mapping key as text (`None` when not a string); fails on it
/// when it is in `duplicate_of`.
struct KeyText<'s> {
    duplicate_of: Option<&'s std::collections::HashSet<String>>,
}

impl<'de> DeserializeSeed<'de> for KeyText<'_> {
    type Value = Option<String>;

    fn deserialize<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Option<String>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> de::Visitor<'de> for KeyText<'_> {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a key")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<String>, E> {
        if self.duplicate_of.is_some_and(|seen| seen.contains(v)) {
            return Err(E::custom(FOUND));
        }
        Ok(Some(v.to_string()))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Option<String>, E> {
        Ok(None)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Option<String>, E> {
        Ok(None)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Option<String>, E> {
        Ok(None)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Option<String>, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<String>, E> {
        Ok(None)
    }
}

/// The marker error [`locate`] raises at its target.
const FOUND: &str = "newslint-locate-target";

/// Walks one step of a path; everything off the path is skipped.
struct Locator<'p, 'a> {
    path: &'p [Step<'a>],
}

impl<'de> DeserializeSeed<'de> for Locator<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        if self.path.is_empty() {
            // Fail inside the node's own visit, so the parser marks the node.
            return deserializer.deserialize_any(Target(None)).map(|_| ());
        }
        deserializer.deserialize_any(self)
    }
}

impl<'de> de::Visitor<'de> for Locator<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a mapping or sequence")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key_seed(KeySeed(self.path[0]))? {
            match key {
                Some(()) => {
                    return map.next_value_seed(Locator {
                        path: &self.path[1..],
                    })
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        loop {
            let step = match self.path[0] {
                Step::Item(i) if i == index => Some(Locator {
                    path: &self.path[1..],
                }),
                _ => None,
            };
            let more = match step {
                Some(locator) => seq.next_element_seed(locator)?.is_some(),
                None => seq.next_element::<IgnoredAny>()?.is_some(),
            };
            if !more {
                return Ok(());
            }
            index += 1;
        }
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
}

/// Reads a mapping key: `Some(())` when it is the step's key, `None` when
/// not; fails on the key itself for [`Step::Key`].
struct KeySeed<'a>(Step<'a>);

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Option<()>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<()>, D::Error> {
        match self.0 {
            Step::Key(wanted) => deserializer.deserialize_any(Target(Some(wanted))),
            Step::Value(wanted) => Ok((String::deserialize(deserializer)? == wanted).then_some(())),
            Step::Item(_) => String::deserialize(deserializer).map(|_| None),
        }
    }
}

/// Fails with the marker error while visiting a node, so that the parser
/// records the node's position: any node (`None`), or a key equal to the
/// given string (other keys pass).
struct Target<'a>(Option<&'a str>);

impl Target<'_> {
    fn hit<T, E: de::Error>(&self, key: Option<&str>) -> Result<Option<T>, E> {
        match (self.0, key) {
            (Some(wanted), Some(key)) if wanted != key => Ok(None),
            _ => Err(E::custom(FOUND)),
        }
    }
}

impl<'de> de::Visitor<'de> for Target<'_> {
    type Value = Option<()>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "any value")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<()>, E> {
        self.hit(Some(v))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Option<()>, E> {
        self.hit(None)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Option<()>, E> {
        self.hit(None)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Option<()>, E> {
        self.hit(None)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Option<()>, E> {
        self.hit(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<()>, E> {
        self.hit(None)
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Option<()>, A::Error> {
        self.hit(None)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Option<()>, A::Error> {
        self.hit(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str =
        "a: 1\nlist:\n  - x\n  - name: y\n    deep: {k: v}\nrules:\n  my-rule:\n    limit: 3\n";

    #[test]
    fn locate_finds_values_keys_and_items() {
        assert_eq!(locate(DOC, &[Step::Value("a")]), Some((1, 4)));
        assert_eq!(locate(DOC, &[Step::Key("list")]), Some((2, 1)));
        assert_eq!(
            locate(
                DOC,
                &[Step::Value("list"), Step::Item(1), Step::Key("deep")]
            ),
            Some((5, 5))
        );
        assert_eq!(
            locate(DOC, &[Step::Value("list"), Step::Item(0)]),
            Some((3, 5))
        );
        assert_eq!(
            locate(
                DOC,
                &[
                    Step::Value("rules"),
                    Step::Value("my-rule"),
                    Step::Key("limit")
                ]
            ),
            Some((8, 5))
        );
        assert_eq!(locate(DOC, &[Step::Value("missing")]), None);
    }

    #[test]
    fn a_bom_is_not_part_of_the_first_key() {
        let map: serde_yaml::Mapping = from_str("\u{feff}id: x\n", "x").unwrap();
        assert_eq!(map.get("id"), Some(&serde_yaml::Value::from("x")));
        assert_eq!(locate("\u{feff}a: 1\n", &[Step::Value("a")]), Some((1, 4)));
    }

    #[test]
    fn only_a_document_with_an_anchor_is_walked_for_its_aliases() {
        for anchored in [
            "a: &l [1]\nb: *l\n",
            "- &x 1\n- *x\n",
            "[&x 1, *x]",
            "&top\na: 1",
        ] {
            assert!(has_anchor(anchored), "{anchored}");
        }
        for plain in ["regexes: ['[[:alnum:]_&-]*']\n", "a: 'x&y*'\n", "a: b\n"] {
            assert!(!has_anchor(plain), "{plain}");
        }
    }

    #[test]
    fn aliases_cannot_expand_past_the_budget() {
        // 64 copies of a 64-item list are fine; 2,000 copies of a
        // 1,000-item list (2 million strings, from 24 KB) are not.
        let small = format!(
            "a: &l [{}]\nb: [{}]\n",
            vec!["word"; 64].join(", "),
            vec!["*l"; 64].join(", ")
        );
        let value: serde_yaml::Value = from_str(&small, "x").unwrap();
        assert_eq!(value["b"].as_sequence().unwrap().len(), 64);
        let large = format!(
            "a: &l [{}]\nb: [{}]\n",
            vec!["word"; 1000].join(", "),
            vec!["*l"; 2000].join(", ")
        );
        let err = from_str::<serde_yaml::Value>(&large, "x").unwrap_err();
        assert!(err.message.contains("aliases"), "{err}");
        assert!(err.line.is_some(), "{err}");
    }

    #[test]
    fn items_and_repeated_keys_are_located_by_the_parser() {
        let text = "a:\n  regexes: ['x', '']\n  phrases: ['', y]\n";
        assert_eq!(locate_item(text, "regexes", ""), Some((2, 18)));
        assert_eq!(locate_item(text, "phrases", ""), Some((3, 13)));
        assert_eq!(locate_item(text, "phrases", "z"), None);
        assert_eq!(
            locate_duplicate_key("a: 1\nb:\n  c: 1\n  c: 2\n"),
            Some((4, 3))
        );
        assert_eq!(locate_duplicate_key("a: 1\nb: 2\n"), None);
    }

    #[test]
    fn overlay_replaces_top_level_keys() {
        let value: Value = from_str("[a, b]", "x").unwrap();
        let text = overlay("id: x\nlist: [c]\nn: 1\n", "x", &[("list", &value)]).unwrap();
        let back: serde_yaml::Mapping = from_str(&text, "x").unwrap();
        assert_eq!(back.get("list"), Some(&value.0));
        assert_eq!(back.get("n"), Some(&serde_yaml::Value::from(1)));
    }
}
