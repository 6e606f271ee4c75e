//! The one place newslint calls a YAML library.
//!
//! serde_yaml is deprecated upstream; keeping every call behind this module
//! means swapping it for a successor touches one file. Errors come back as
//! [`LoadError`]s that name the file, line and column.

use serde::de::DeserializeOwned;

use super::LoadError;

/// Deserializes `text` (the contents of `origin`) into `T`.
pub fn from_str<T: DeserializeOwned>(text: &str, origin: &str) -> Result<T, LoadError> {
    serde_yaml::from_str(text).map_err(|err| {
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
    })
}
