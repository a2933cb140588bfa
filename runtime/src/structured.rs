//! [`Structured`]: entity and complex types, with their control information and the
//! properties this crate does not know.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};

use crate::wire::read_value;

/// OData JSON control information (OData JSON Format v4.01 §4.5): kept on every model.
///
/// Kept so that a value read from the service can be written back without losing its
/// identity (`@odata.id`), its concurrency token (`@odata.etag`, needed for `If-Match`)
/// or its actual type (`@odata.type`, which may name a type derived from the declared
/// one).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ControlInformation {
    /// `@odata.context` (§4.5.1): the context URL of the payload.
    pub context: Option<String>,
    /// `@odata.id` (§4.5.7): the entity id.
    pub id: Option<String>,
    /// `@odata.etag` (§4.5.8): the entity tag.
    pub etag: Option<String>,
    /// `@odata.type` (§4.5.3), exactly as sent, e.g. `#microsoft.graph.user`.
    pub type_name: Option<String>,
}

/// What every model holds besides its declared properties: the control information and
/// the properties the schema does not declare. Generated types get it from
/// [`impl_structured!`](crate::impl_structured), since it is the same for all of them.
pub trait StructuredParts {
    /// The control information read with the value.
    fn control(&self) -> &ControlInformation;

    /// The control information, mutably.
    fn control_mut(&mut self) -> &mut ControlInformation;

    /// Properties and annotations that are not declared, sorted by name (`serde_json::Map`
    /// without `preserve_order`).
    fn additional_properties(&self) -> &serde_json::Map<String, serde_json::Value>;

    /// The additional properties, mutably.
    fn additional_properties_mut(&mut self) -> &mut serde_json::Map<String, serde_json::Value>;
}

/// An entity or complex type as the generator emits it.
///
/// The generated type implements its declared properties; reading and writing the
/// object around them (control information, unknown properties, other annotations) is
/// shared in [`deserialize_structured`] and [`serialize_structured`].
pub trait Structured: Default + StructuredParts {
    /// The namespace-qualified type name, e.g. `"microsoft.graph.exchangeRestoreSession"`.
    const QUALIFIED_NAME: &'static str;

    /// Reads the value of `key` if it is a declared property; `Ok(false)` leaves it unread.
    fn read_property<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error>;

    /// Writes the declared properties that are present (not read-only ones).
    fn write_properties<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;
}

/// Deserializes a [`Structured`] value from a JSON object.
///
/// Control information goes to [`StructuredParts::control_mut`], in its OData 4.0 form
/// (`@odata.etag`) or the OData 4.01 short form (`@etag`, OData JSON Format v4.01 §4.5);
/// declared properties to [`Structured::read_property`]; everything else is kept as
/// JSON in [`StructuredParts::additional_properties_mut`], so that properties added to the
/// service after generation, and annotations such as `@odata.nextLink` or
/// `property@odata.type`, survive a round trip.
pub fn deserialize_structured<'de, T: Structured, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    let mut value = T::default();
    deserialize_structured_into(&mut value, deserializer)?;
    Ok(value)
}

/// Reads a JSON object into `value` where it lies, as [`deserialize_structured`] does into
/// a new one; properties not in the object keep what `value` held.
///
/// Models run to kilobytes (Graph's `exchangeRestoreSession` is about 2 KB); built on the
/// stack and moved through every `Nullable`, `Vec` and seed on the way up, the copies cost
/// more than the parsing. [`Wire::read_in_place`](crate::Wire::read_in_place) brings the
/// slot down instead.
pub fn deserialize_structured_into<'de, T: Structured, D: Deserializer<'de>>(
    value: &mut T,
    deserializer: D,
) -> Result<(), D::Error> {
    deserializer.deserialize_map(StructuredVisitor(value))
}

struct StructuredVisitor<'a, T>(&'a mut T);

impl<'de, T: Structured> Visitor<'de> for StructuredVisitor<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a JSON object for {}", T::QUALIFIED_NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let value = self.0;
        while let Some(key) = map.next_key::<Key<'de>>()? {
            let key = key.as_str();
            let slot = match key {
                "@odata.context" | "@context" => Some(&mut value.control_mut().context),
                "@odata.id" | "@id" => Some(&mut value.control_mut().id),
                "@odata.etag" | "@etag" => Some(&mut value.control_mut().etag),
                "@odata.type" | "@type" => Some(&mut value.control_mut().type_name),
                _ => None,
            };
            if let Some(slot) = slot {
                *slot = read_value(&mut map, key)?;
            } else if !value.read_property(key, &mut map)? {
                let unknown: serde_json::Value = read_value(&mut map, key)?;
                value
                    .additional_properties_mut()
                    .insert(key.to_owned(), unknown);
            }
        }
        Ok(())
    }
}

/// A map key, borrowed from the input when the input allows it (`serde_json::from_str`
/// and `from_slice` do, for keys without escapes), so reading a key costs no allocation.
enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(key) => key,
            Key::Owned(key) => key,
        }
    }
}

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a property name")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
        Ok(Key::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
        Ok(Key::Owned(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
        Ok(Key::Owned(v))
    }
}

/// Serializes a [`Structured`] value as a JSON object.
///
/// Control information comes first, as OData JSON Format v4.01 §4.5 requires of
/// `@odata.context`, `@odata.type`, `@odata.id` and `@odata.etag` (in that order). The
/// `@odata.type` written is the one read with the value if any, else `#type_name` when
/// given: a value held as its base type must tell the service which derived type it is
/// (§4.5.3). Then come the declared properties, then the additional ones (sorted by name).
pub fn serialize_structured<T: Structured, S: Serializer>(
    value: &T,
    serializer: S,
    type_name: Option<&str>,
) -> Result<S::Ok, S::Error> {
    let control = value.control();
    let mut map = serializer.serialize_map(None)?;
    if let Some(context) = &control.context {
        map.serialize_entry("@odata.context", context)?;
    }
    if let Some(type_name) = &control.type_name {
        map.serialize_entry("@odata.type", type_name)?;
    } else if let Some(type_name) = type_name {
        map.serialize_entry("@odata.type", &format_args!("#{type_name}"))?;
    }
    if let Some(id) = &control.id {
        map.serialize_entry("@odata.id", id)?;
    }
    if let Some(etag) = &control.etag {
        map.serialize_entry("@odata.etag", etag)?;
    }
    value.write_properties(&mut map)?;
    for (key, property) in value.additional_properties() {
        map.serialize_entry(key, property)?;
    }
    map.end()
}
