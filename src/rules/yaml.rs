//! The one place newslint calls a YAML library.
//!
//! serde_yaml is deprecated upstream; keeping every call behind this module
//! means swapping it for a successor touches one file. Errors come back as
//! [`LoadError`]s that name the file, line and column. Rule files and the
//! project configuration (`newslint.yaml`) are both read through here.

use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess};
use serde::{Deserialize, Deserializer, Serialize};

use super::LoadError;

/// Deserializes `text` (the contents of `origin`) into `T`.
pub fn from_str<T: DeserializeOwned>(text: &str, origin: &str) -> Result<T, LoadError> {
    serde_yaml::from_str(text).map_err(|err| load_error(err, origin))
}

/// Serializes `value` as a YAML document.
pub fn to_string<T: Serialize>(value: &T) -> String {
    serde_yaml::to_string(value).unwrap_or_else(|e| format!("# cannot show as YAML: {e}\n"))
}

fn load_error(err: serde_yaml::Error, origin: &str) -> LoadError {
    let location = err.location();
    let full = err.to_string();
    // serde_yaml appends " at line L column C"; we report those apart.
    let message = match full.rfind(" at line ") {
        Some(at) if location.is_some() => full[..at].to_string(),
        _ => full,
    };
    LoadError {
        file: origin.to_string(),
        line: location.as_ref().map(|l| l.line()),
        column: location.as_ref().map(|l| l.column()),
        message,
    }
}

/// Any YAML value, kept as written for later use (rule parameters set in a
/// configuration file, applied when the rule is compiled).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(transparent)]
pub struct Value(serde_yaml::Value);

/// Replaces top-level keys of the YAML mapping in `text` (a rule file) with
/// `entries`, in order, and returns the new document's text.
pub fn overlay(text: &str, origin: &str, entries: &[(&str, &Value)]) -> Result<String, LoadError> {
    let mut doc: serde_yaml::Mapping = from_str(text, origin)?;
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
    let found = Locator { path }.deserialize(serde_yaml::Deserializer::from_str(text));
    match found {
        Err(err) if err.to_string().contains(FOUND) => {
            err.location().map(|l| (l.line(), l.column()))
        }
        _ => None,
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
    fn overlay_replaces_top_level_keys() {
        let value: Value = from_str("[a, b]", "x").unwrap();
        let text = overlay("id: x\nlist: [c]\nn: 1\n", "x", &[("list", &value)]).unwrap();
        let back: serde_yaml::Mapping = from_str(&text, "x").unwrap();
        assert_eq!(back.get("list"), Some(&value.0));
        assert_eq!(back.get("n"), Some(&serde_yaml::Value::from(1)));
    }
}
