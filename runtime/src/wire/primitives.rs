//! Wire forms of Edm.String, Edm.Boolean, the integer types, Edm.Single/Double and
//! Edm.Guid.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Visitor};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

use super::{Wire, invalid};

impl Wire for String {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer)
    }

    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }
}

impl Wire for bool {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        bool::deserialize(deserializer)
    }

    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bool(*self)
    }
}

/// An integer type together with its Edm name.
trait EdmInt: Sized + Copy + TryFrom<i64> + TryFrom<u64> + std::str::FromStr + Serialize {
    const EDM: &'static str;
    const MIN: i64;
    const MAX: u64;
}

macro_rules! edm_int {
    ($($t:ty => $edm:literal),* $(,)?) => {$(
        impl EdmInt for $t {
            const EDM: &'static str = $edm;
            const MIN: i64 = <$t>::MIN as i64;
            const MAX: u64 = <$t>::MAX as u64;
        }

        /// Accepts a JSON number or a numeric string: with `IEEE754Compatible=true`
        /// (OData JSON Format v4.01 §3.2) Int64 values arrive as strings, and accepting
        /// strings for every width costs nothing. Written as a JSON number.
        impl Wire for $t {
            fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_any(IntVisitor(PhantomData))
            }

            fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.serialize(serializer)
            }
        }
    )*};
}

edm_int!(u8 => "Edm.Byte", i8 => "Edm.SByte", i16 => "Edm.Int16", i32 => "Edm.Int32", i64 => "Edm.Int64");

struct IntVisitor<T>(PhantomData<T>);

impl<T: EdmInt> IntVisitor<T> {
    fn out_of_range<E: de::Error>(value: &dyn fmt::Debug) -> E {
        let expected = format!("an integer from {} to {}", T::MIN, T::MAX);
        invalid(T::EDM, value, &expected)
    }
}

impl<T: EdmInt> Visitor<'_> for IntVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} as a JSON number or numeric string", T::EDM)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        T::try_from(v).map_err(|_| Self::out_of_range(&v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        T::try_from(v).map_err(|_| Self::out_of_range(&v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        Err(invalid(T::EDM, &v, "an integer"))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        v.parse().map_err(|_| Self::out_of_range(&v))
    }
}

/// A floating-point type together with its Edm name.
trait EdmFloat: Sized + Copy + std::str::FromStr {
    const EDM: &'static str;
    const NAN: Self;
    const INFINITY: Self;
    const NEG_INFINITY: Self;
    fn from_f64(v: f64) -> Self;
}

macro_rules! edm_float {
    ($($t:ident => $edm:literal),* $(,)?) => {$(
        impl EdmFloat for $t {
            const EDM: &'static str = $edm;
            const NAN: Self = $t::NAN;
            const INFINITY: Self = $t::INFINITY;
            const NEG_INFINITY: Self = $t::NEG_INFINITY;
            #[allow(clippy::cast_possible_truncation, trivial_numeric_casts)]
            fn from_f64(v: f64) -> Self {
                v as $t
            }
        }

        /// JSON has no NaN or infinities, so OData JSON Format v4.01 §7.1 writes them
        /// as the strings `"NaN"`, `"INF"` and `"-INF"`; finite values are numbers.
        /// Numeric strings are accepted too (IEEE754Compatible clients send them).
        impl Wire for $t {
            fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_any(FloatVisitor(PhantomData))
            }

            fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                if self.is_nan() {
                    serializer.serialize_str("NaN")
                } else if self.is_infinite() {
                    serializer.serialize_str(if *self > 0.0 { "INF" } else { "-INF" })
                } else {
                    self.serialize(serializer)
                }
            }
        }
    )*};
}

edm_float!(f32 => "Edm.Single", f64 => "Edm.Double");

struct FloatVisitor<T>(PhantomData<T>);

impl<T: EdmFloat> Visitor<'_> for FloatVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} as a JSON number, \"NaN\", \"INF\" or \"-INF\"",
            T::EDM
        )
    }

    #[allow(clippy::cast_precision_loss)]
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        Ok(T::from_f64(v as f64))
    }

    #[allow(clippy::cast_precision_loss)]
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        Ok(T::from_f64(v as f64))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        Ok(T::from_f64(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        match v {
            "NaN" => Ok(T::NAN),
            "INF" => Ok(T::INFINITY),
            "-INF" => Ok(T::NEG_INFINITY),
            // Rust's parser also takes "inf", "infinity" and "nan" in any case, which
            // are not OData; only plain decimal notation gets that far.
            _ if !v.is_empty() && v.bytes().all(|b| b"0123456789+-.eE".contains(&b)) => v
                .parse()
                .map_err(|_| invalid(T::EDM, &v, "a number, \"NaN\", \"INF\" or \"-INF\"")),
            _ => Err(invalid(
                T::EDM,
                &v,
                "a number, \"NaN\", \"INF\" or \"-INF\"",
            )),
        }
    }
}

/// Edm.Guid: read in any form `uuid` parses (the canonical form is
/// `8-4-4-4-12` hex digits), written hyphenated in lowercase as Graph does.
impl Wire for uuid::Uuid {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(GuidVisitor)
    }

    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut buffer = uuid::Uuid::encode_buffer();
        serializer.serialize_str(self.hyphenated().encode_lower(&mut buffer))
    }
}

struct GuidVisitor;

impl Visitor<'_> for GuidVisitor {
    type Value = uuid::Uuid;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Edm.Guid as a string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<uuid::Uuid, E> {
        uuid::Uuid::try_parse(v).map_err(|_| {
            invalid(
                "Edm.Guid",
                &v,
                "a GUID such as 01234567-89ab-cdef-0123-456789abcdef",
            )
        })
    }
}
