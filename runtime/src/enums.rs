//! [`OpenEnum`]: enumerations that accept members they do not know.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::ser::Serializer;

/// An enumeration whose wire form is a string and which accepts unknown members.
///
/// Microsoft Graph adds enum members over time (and marks the boundary with an
/// `unknownFutureValue` member); a client built against an older schema must still read
/// responses that use newer members. Generated enums therefore keep a catch-all variant
/// holding the string, so [`from_wire`](OpenEnum::from_wire) never fails and writing the
/// value back sends exactly what was received.
pub trait OpenEnum: Sized {
    /// The member name as it appears on the wire (OData JSON Format v4.01 §7.1: enum
    /// values are JSON strings holding the member name).
    fn as_str(&self) -> &str;

    /// The member named `s`, or the catch-all variant holding `s`.
    fn from_wire(s: &str) -> Self;
}

/// Serializes an [`OpenEnum`] as its wire string; for `#[serde(serialize_with)]` or a
/// hand-written `Serialize` impl.
pub fn serialize_enum<T: OpenEnum, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value.as_str())
}

/// Deserializes an [`OpenEnum`] from a string (borrowed or owned); anything else is an
/// error saying a string was expected.
pub fn deserialize_enum<'de, T: OpenEnum, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    d.deserialize_str(EnumVisitor(std::marker::PhantomData))
}

struct EnumVisitor<T>(std::marker::PhantomData<T>);

impl<T: OpenEnum> Visitor<'_> for EnumVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string naming an enumeration member")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        Ok(T::from_wire(v))
    }
}
