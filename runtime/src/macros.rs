//! The trait impls every generated type has, written once here so generated files hold only
//! what differs between types (and the compiler parses less of the same code again).

/// Implements `Serialize`, `Deserialize` and [`Model`](crate::Model) for a generated
/// [`Structured`](crate::Structured) type, through
/// [`serialize_structured`](crate::serialize_structured) and
/// [`deserialize_structured`](crate::deserialize_structured).
#[macro_export]
macro_rules! impl_structured_serde {
    ($ty:ty) => {
        impl $crate::serde::Serialize for $ty {
            fn serialize<S: $crate::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::serialize_structured(self, serializer, ::core::option::Option::None)
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::deserialize_structured(deserializer)
            }
        }

        impl $crate::Model for $ty {}
    };
}

/// Implements `FromStr` (never failing), `Display`, `Serialize`, `Deserialize` and
/// [`Model`](crate::Model) for a generated [`OpenEnum`](crate::OpenEnum): all of them go
/// through its wire string.
#[macro_export]
macro_rules! impl_open_enum_traits {
    ($ty:ty) => {
        impl ::core::str::FromStr for $ty {
            type Err = ::core::convert::Infallible;

            fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                ::core::result::Result::Ok(<$ty as $crate::OpenEnum>::from_wire(value))
            }
        }

        impl ::core::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str($crate::OpenEnum::as_str(self))
            }
        }

        impl $crate::serde::Serialize for $ty {
            fn serialize<S: $crate::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::serialize_enum(self, serializer)
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::deserialize_enum(deserializer)
            }
        }

        impl $crate::Model for $ty {}
    };
}
