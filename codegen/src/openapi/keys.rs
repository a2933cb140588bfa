//! A first pass over the document's mappings, before openapiv3 reads it: a key written
//! twice is an error, where serde still knows the line.
//!
//! openapiv3's `ReferenceOr` reads a node twice when it is neither a `$ref` nor a valid
//! item: once from serde's buffer of the input, and again from a `serde_json::Value` of it,
//! for a better message, and it `expect`s the second read to fail too. With a key written
//! twice they disagree (found by fuzzing): the buffer keeps both and the item refuses the
//! second ("duplicate field"), the `Value` keeps the last, which reads, and the reader
//! panicked. JSON (RFC 8259) and YAML both say keys should be unique, and OpenAPI that
//! they are strings, so keys compare as text: YAML `1:` and `'1':` are the same key.

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, EnumAccess, IgnoredAny, MapAccess, SeqAccess};
use serde::de::{VariantAccess, Visitor};

/// A node read only to check the mappings in it.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Scan;

impl<'de> Deserialize<'de> for Scan {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ScanVisitor)
    }
}

struct ScanVisitor;

impl<'de> Visitor<'de> for ScanVisitor {
    type Value = Scan;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML or JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Scan, E> {
        Ok(Scan)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Scan, E> {
        Ok(Scan)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Scan, E> {
        Ok(Scan)
    }
    fn visit_i128<E>(self, _: i128) -> Result<Scan, E> {
        Ok(Scan)
    }
    fn visit_u128<E>(self, _: u128) -> Result<Scan, E> {
        Ok(Scan)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Scan, E> {
        Ok(Scan)
    }
    fn visit_str<E>(self, _: &str) -> Result<Scan, E> {
        Ok(Scan)
    }
    fn visit_bytes<E>(self, _: &[u8]) -> Result<Scan, E> {
        Ok(Scan)
    }
    fn visit_unit<E>(self) -> Result<Scan, E> {
        Ok(Scan)
    }
    fn visit_none<E>(self) -> Result<Scan, E> {
        Ok(Scan)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Scan, D::Error> {
        Scan::deserialize(deserializer)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Scan, D::Error> {
        Scan::deserialize(d)
    }

    /// A YAML tag (`!thing value`) arrives as an enum: look at the value under it.
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Scan, A::Error> {
        let (IgnoredAny, variant) = data.variant()?;
        variant.newtype_variant()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scan, A::Error> {
        while seq.next_element::<Scan>()?.is_some() {}
        Ok(Scan)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scan, A::Error> {
        let mut seen = HashSet::new();
        while let Some(Key(key)) = map.next_key::<Key>()? {
            if let Some(key) = seen.replace(key) {
                // serde adds where: the mapping's line in YAML, the key's in JSON.
                return Err(de::Error::custom(format_args!("duplicate key `{key}`")));
            }
            map.next_value::<Scan>()?;
        }
        Ok(Scan)
    }
}

/// A mapping key as text: a string, or a YAML number, boolean or null written out.
struct Key(String);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(KeyVisitor)
    }
}

struct KeyVisitor;

impl KeyVisitor {
    fn other<E>(text: impl ToString) -> Result<Key, E> {
        Ok(Key(text.to_string()))
    }
}

/// Scalars only: a mapping or sequence as a key (YAML `? [a, b]`) is refused by the
/// serde default, as openapiv3 would refuse it.
impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a mapping key")
    }

    fn visit_str<E>(self, text: &str) -> Result<Key, E> {
        Ok(Key(text.to_owned()))
    }
    fn visit_string<E>(self, text: String) -> Result<Key, E> {
        Ok(Key(text))
    }
    fn visit_bool<E>(self, v: bool) -> Result<Key, E> {
        Self::other(v)
    }
    fn visit_i64<E>(self, v: i64) -> Result<Key, E> {
        Self::other(v)
    }
    fn visit_u64<E>(self, v: u64) -> Result<Key, E> {
        Self::other(v)
    }
    fn visit_i128<E>(self, v: i128) -> Result<Key, E> {
        Self::other(v)
    }
    fn visit_u128<E>(self, v: u128) -> Result<Key, E> {
        Self::other(v)
    }
    fn visit_f64<E>(self, v: f64) -> Result<Key, E> {
        Self::other(v)
    }
    fn visit_unit<E>(self) -> Result<Key, E> {
        Self::other("null")
    }
    fn visit_none<E>(self) -> Result<Key, E> {
        Self::other("null")
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        Key::deserialize(deserializer)
    }
    /// A tagged key (`!thing key`): the key under the tag.
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Key, A::Error> {
        let (IgnoredAny, variant) = data.variant()?;
        variant.newtype_variant()
    }
}
