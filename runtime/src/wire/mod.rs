//! [`Wire`]: how a Rust value travels in OData JSON.
//!
//! Generated structs give their fields plain Rust types (`time::OffsetDateTime`, `f64`,
//! `i64`) rather than wrapper types, yet those values have OData-specific wire forms
//! (`"INF"` for an infinite double, Int64 sent as a string, 7-digit fractional seconds).
//! The generated `Serialize`/`Deserialize` impls therefore read and write each field
//! through this trait ([`read_value`], [`write_field`]) instead of through serde
//! directly.

mod binary;
mod decimal;
mod duration;
mod primitives;
mod temporal;

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

pub use binary::Binary;
pub use decimal::{Decimal, ParseDecimalError};
// The URL literals of crate::request write the same forms.
pub(crate) use duration::format_duration;
pub(crate) use temporal::{format_date_time, write_date, write_time};

use crate::enums::OpenEnum;
use crate::flags::Flags;
use crate::nullable::Nullable;

/// How a value is read from and written to OData JSON.
pub trait Wire: Sized {
    /// Reads a value in its OData JSON form.
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;

    /// Writes the value in its OData JSON form.
    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;

    /// Whether the value stands for "not present" (skipped when serializing an object).
    fn is_absent(&self) -> bool {
        false
    }

    /// Reads a value into `place`. By default a new value is read and moved in; generated
    /// models instead fill the value where it lies (see
    /// [`deserialize_structured_into`](crate::deserialize_structured_into)), so `place`
    /// must hold a value made by [`Wire::fresh`] or one to be updated.
    fn read_in_place<'de, D: Deserializer<'de>>(
        place: &mut Self,
        deserializer: D,
    ) -> Result<(), D::Error> {
        *place = Self::read(deserializer)?;
        Ok(())
    }

    /// An empty value to read into in place, for the types that read in place (generated
    /// models); `None` for the rest, which are read and moved.
    fn fresh() -> Option<Self> {
        None
    }
}

/// Marker for generated structs and enums: they carry their own serde impls, which
/// already produce the OData JSON form, so [`Wire`] just delegates to serde.
pub trait Model: Serialize + DeserializeOwned {
    /// Whether the value is a placeholder that must never be sent, so a property holding
    /// it is left out of the object as if absent.
    ///
    /// Microsoft Graph's open enums end their known members with the sentinel
    /// `unknownFutureValue`: a server sends it in place of members newer than the
    /// client's request (unless asked for them with `Prefer:
    /// include-unknown-enum-members`), and rejects it in a request body. Writing it back
    /// would turn a read-modify-write into an error, so
    /// [`impl_open_enum_traits!`](crate::impl_open_enum_traits) answers `true` for it.
    fn is_placeholder(&self) -> bool {
        false
    }

    /// [`Wire::read_in_place`] for models; [`impl_structured!`](crate::impl_structured)
    /// fills structs in place.
    fn read_in_place<'de, D: Deserializer<'de>>(
        place: &mut Self,
        deserializer: D,
    ) -> Result<(), D::Error> {
        *place = Self::deserialize(deserializer)?;
        Ok(())
    }

    /// [`Wire::fresh`] for models: structs answer their default.
    fn fresh() -> Option<Self> {
        None
    }
}

impl<T: Model> Wire for T {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer)
    }

    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.serialize(serializer)
    }

    fn is_absent(&self) -> bool {
        self.is_placeholder()
    }

    fn read_in_place<'de, D: Deserializer<'de>>(
        place: &mut Self,
        deserializer: D,
    ) -> Result<(), D::Error> {
        T::read_in_place(place, deserializer)
    }

    fn fresh() -> Option<Self> {
        <T as Model>::fresh()
    }
}

// `Box<T: Wire>` cannot have its own `Wire` impl: `Box` is a fundamental type, so a
// downstream crate could implement `Model` for `Box<Local>` and the impl would overlap
// the blanket one above (E0119). Boxes are only needed to break recursion between
// generated models, so boxed models go through the blanket impl instead.
impl<T: Model> Model for Box<T> {
    fn is_placeholder(&self) -> bool {
        (**self).is_placeholder()
    }
}

/// A borrowed value that serializes through [`Wire::write`], for use in serde contexts
/// (e.g. `serialize_entry`, `collect_seq`).
#[derive(Debug, Clone, Copy)]
pub struct WireRef<'a, T>(pub &'a T);

impl<T: Wire> Serialize for WireRef<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.write(serializer)
    }
}

/// An owned value that deserializes through [`Wire::read`], for use in serde contexts
/// (e.g. `next_element::<WireValue<T>>()`).
#[derive(Debug, Clone, PartialEq)]
pub struct WireValue<T>(pub T);

impl<'de, T: Wire> Deserialize<'de> for WireValue<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::read(deserializer).map(WireValue)
    }
}

/// Seed that reads a `T` through [`Wire::read`].
struct WireSeed<T>(PhantomData<T>);

impl<'de, T: Wire> DeserializeSeed<'de> for WireSeed<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        T::read(deserializer)
    }
}

/// Reads the value of the property `key` (whose key has just been read from `map`).
///
/// An error is prefixed with `key`, so that nested failures name the property path, e.g.
/// `createdDateTime: invalid Edm.DateTimeOffset "…": expected …`.
pub fn read_value<'de, A: MapAccess<'de>, T: Wire>(map: &mut A, key: &str) -> Result<T, A::Error> {
    map.next_value_seed(WireSeed(PhantomData))
        .map_err(|err| <A::Error as de::Error>::custom(format!("{key}: {err}")))
}

/// Reads the value of the property `key` into `slot`, in place where the type allows
/// ([`Wire::read_in_place`]): the generated `Structured::read_property` arms call this.
///
/// One generic call per property with the field as an argument, instead of an assignment
/// and a `?` per arm, is also what keeps a crate of thousands of models cheap to check
/// (Graph v1.0: about 10% less memory for `cargo check`).
pub fn read_into<'de, A: MapAccess<'de>, T: Wire>(
    map: &mut A,
    key: &str,
    slot: &mut T,
) -> Result<(), A::Error> {
    map.next_value_seed(InPlaceSeed(slot))
        .map_err(|err| <A::Error as de::Error>::custom(format!("{key}: {err}")))
}

/// Seed that reads into a slot through [`Wire::read_in_place`].
struct InPlaceSeed<'a, T>(&'a mut T);

impl<'de, T: Wire> DeserializeSeed<'de> for InPlaceSeed<'_, T> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        T::read_in_place(self.0, deserializer)
    }
}

/// Writes the property `key` unless the value is absent ([`Wire::is_absent`]): absent
/// properties are left out of the object, which in a PATCH body means "unchanged".
pub fn write_field<M: SerializeMap, T: Wire>(
    map: &mut M,
    key: &str,
    value: &T,
) -> Result<(), M::Error> {
    if value.is_absent() {
        Ok(())
    } else {
        map.serialize_entry(key, &WireRef(value))
    }
}

/// `null` reads as `None`; `None` is absent, so a field of this type is left out when
/// `None` (a non-nullable optional property, e.g. one the server fills in).
impl<T: Wire> Wire for Option<T> {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_option(OptionVisitor(PhantomData))
    }

    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(value) => value.write(serializer),
            None => serializer.serialize_none(),
        }
    }

    fn is_absent(&self) -> bool {
        // `Some(placeholder)` is left out too: the placeholder is never sent.
        self.as_ref().is_none_or(Wire::is_absent)
    }

    fn read_in_place<'de, D: Deserializer<'de>>(
        place: &mut Self,
        deserializer: D,
    ) -> Result<(), D::Error> {
        deserializer.deserialize_option(InPlaceNullable(place, PhantomData))
    }
}

/// `null` reads as `Null`; only `Absent` is left out of an object.
impl<T: Wire> Wire for Nullable<T> {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = deserializer.deserialize_option(OptionVisitor(PhantomData))?;
        Ok(value.map_or(Nullable::Null, Nullable::Value))
    }

    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Value(value) => value.write(serializer),
            // `Absent` only gets here inside a collection, where `null` is all there is.
            Nullable::Null | Nullable::Absent => serializer.serialize_none(),
        }
    }

    fn is_absent(&self) -> bool {
        match self {
            Nullable::Absent => true,
            Nullable::Null => false,
            // A placeholder value is left out, not turned into `null`.
            Nullable::Value(value) => value.is_absent(),
        }
    }

    fn read_in_place<'de, D: Deserializer<'de>>(
        place: &mut Self,
        deserializer: D,
    ) -> Result<(), D::Error> {
        deserializer.deserialize_option(InPlaceNullable(place, PhantomData))
    }
}

struct OptionVisitor<T>(PhantomData<T>);

impl<'de, T: Wire> Visitor<'de> for OptionVisitor<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        T::read(deserializer).map(Some)
    }
}

/// Where `null` or a value goes when `Option<T>` or `Nullable<T>` is read in place.
trait NullSlot<T> {
    fn set_null(&mut self);
    /// Stores a value and lends it back to be filled.
    fn put(&mut self, value: T) -> Option<&mut T>;
}

impl<T> NullSlot<T> for Option<T> {
    fn set_null(&mut self) {
        *self = None;
    }

    fn put(&mut self, value: T) -> Option<&mut T> {
        Some(self.insert(value))
    }
}

impl<T> NullSlot<T> for Nullable<T> {
    fn set_null(&mut self) {
        *self = Nullable::Null;
    }

    fn put(&mut self, value: T) -> Option<&mut T> {
        *self = Nullable::Value(value);
        match self {
            Nullable::Value(value) => Some(value),
            Nullable::Null | Nullable::Absent => None,
        }
    }
}

/// Reads `null` or a value into a [`NullSlot`]: the value replaces what was there, read into
/// a fresh `T` where it lies when `T` reads in place.
struct InPlaceNullable<'a, S, T>(&'a mut S, PhantomData<T>);

impl<'de, S: NullSlot<T>, T: Wire> Visitor<'de> for InPlaceNullable<'_, S, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.0.set_null();
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        match T::fresh() {
            Some(fresh) => match self.0.put(fresh) {
                Some(value) => T::read_in_place(value, deserializer),
                None => Ok(()),
            },
            None => {
                self.0.put(T::read(deserializer)?);
                Ok(())
            }
        }
    }
}

/// A collection is a JSON array (OData JSON Format v4.01 §7.3).
impl<T: Wire> Wire for Vec<T> {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(VecVisitor(PhantomData))
    }

    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter().map(WireRef))
    }
}

struct VecVisitor<T>(PhantomData<T>);

impl<'de, T: Wire> Visitor<'de> for VecVisitor<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON array")
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        // Capped: the hint comes from the input and must not drive a huge allocation.
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        // Items that read in place are pushed empty and filled where they lie.
        while let Some(fresh) = T::fresh() {
            items.push(fresh);
            let filled = match items.last_mut() {
                Some(slot) => seq.next_element_seed(InPlaceSeed(slot))?,
                None => None,
            };
            if filled.is_none() {
                items.pop();
                return Ok(items);
            }
        }
        while let Some(item) = seq.next_element_seed(WireSeed(PhantomData))? {
            items.push(item);
        }
        Ok(items)
    }
}

/// The comma-separated string of OData JSON Format v4.01 §7.1.
impl<T: OpenEnum> Wire for Flags<T> {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Flags::deserialize(deserializer)
    }

    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.serialize(serializer)
    }
}

/// Edm.Untyped, Edm.Geography*, Edm.Geometry* (GeoJSON) and Edm.Stream values are kept
/// as the JSON that was sent.
impl Wire for serde_json::Value {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde_json::Value::deserialize(deserializer)
    }

    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.serialize(serializer)
    }
}

/// Builds the error for a value that has the right JSON type but not the right form,
/// e.g. `invalid Edm.Date "2023-13-01": expected a date such as 2023-03-30`.
pub(crate) fn invalid<E: de::Error>(edm: &str, value: &dyn fmt::Debug, expected: &str) -> E {
    // Long values (base64 of a file) are cut so the message stays readable.
    const MAX: usize = 120;
    let mut shown = format!("{value:?}");
    if shown.len() > MAX {
        let mut end = MAX;
        while !shown.is_char_boundary(end) {
            end -= 1;
        }
        shown.truncate(end);
        shown.push('…');
    }
    E::custom(format_args!("invalid {edm} {shown}: expected {expected}"))
}
