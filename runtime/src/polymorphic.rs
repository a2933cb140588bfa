//! Reading a value declared as a base type that may be any derived type.
//!
//! OData JSON Format v4.01 §4.5.3: a value whose type is not the declared one carries
//! `@odata.type`. A generated polymorphic enum reads the object into a buffer, picks
//! the variant with [`resolve_type`], and reads the buffer as that type with
//! [`from_object`]; with no match it falls back to the declared type, which loses
//! nothing, because the base keeps both the type name and the unknown properties.

use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer, Error};

/// Reads a JSON object into a buffer (anything else is an error).
pub fn buffer<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<serde_json::Map<String, serde_json::Value>, D::Error> {
    serde_json::Map::deserialize(d)
}

/// The candidate named by the object's `@odata.type` (or the OData 4.01 short form
/// `@type`), ignoring a leading `#`: the exact match if there is one, else the first
/// match ignoring ASCII case (type names are case-sensitive, but a looser match beats
/// falling back to the base type), else `None`.
pub fn resolve_type(
    object: &serde_json::Map<String, serde_json::Value>,
    candidates: &[&'static str],
) -> Option<&'static str> {
    let name = object
        .get("@odata.type")
        .or_else(|| object.get("@type"))?
        .as_str()?;
    let name = name.strip_prefix('#').unwrap_or(name);
    candidates
        .iter()
        .find(|candidate| **candidate == name)
        .or_else(|| {
            candidates
                .iter()
                .find(|candidate| candidate.eq_ignore_ascii_case(name))
        })
        .copied()
}

/// Reads a buffered object as `T`, reporting failure as the caller's error type `E`.
pub fn from_object<T: DeserializeOwned, E: Error>(
    object: serde_json::Map<String, serde_json::Value>,
) -> Result<T, E> {
    T::deserialize(serde_json::Value::Object(object)).map_err(E::custom)
}
