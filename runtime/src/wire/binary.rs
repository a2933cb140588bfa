//! [`Binary`]: Edm.Binary.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::{
    STANDARD, STANDARD_PAD_INDIFFERENT, URL_SAFE_PAD_INDIFFERENT,
};
use serde::de::{self, Deserializer, Visitor};
use serde::ser::Serializer;

use super::{Wire, invalid};

/// An Edm.Binary value: bytes that travel as base64 text.
///
/// OData JSON Format v4.01 §7.1 specifies base64url (RFC 4648 §5), but Microsoft Graph
/// sends and expects the standard alphabet with padding (e.g. `contentBytes` of file
/// attachments). Reading therefore accepts both alphabets, padded or not; writing uses
/// standard base64 with padding.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Binary(pub Vec<u8>);

impl Binary {
    /// Decodes base64 text in either alphabet, with or without padding.
    pub fn from_base64(text: &str) -> Option<Self> {
        // One engine per alphabet: a text in either alphabet may use only the 62
        // characters they share, so the order only matters for invalid input.
        STANDARD_PAD_INDIFFERENT
            .decode(text)
            .or_else(|_| URL_SAFE_PAD_INDIFFERENT.decode(text))
            .ok()
            .map(Self)
    }

    /// Encodes as standard base64 with padding.
    pub fn to_base64(&self) -> String {
        STANDARD.encode(&self.0)
    }
}

impl From<Vec<u8>> for Binary {
    fn from(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }
}

impl AsRef<[u8]> for Binary {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl Wire for Binary {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(BinaryVisitor)
    }

    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_base64())
    }
}

struct BinaryVisitor;

impl Visitor<'_> for BinaryVisitor {
    type Value = Binary;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Edm.Binary as a base64 string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Binary, E> {
        Binary::from_base64(v).ok_or_else(|| invalid("Edm.Binary", &v, "base64 text"))
    }
}
