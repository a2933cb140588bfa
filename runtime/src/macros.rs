//! The trait impls every generated type has, written once here so generated files hold only
//! what differs between types (and the compiler parses less of the same code again).

/// Implements [`StructuredParts`](crate::StructuredParts), `Serialize`, `Deserialize` and
/// [`Model`](crate::Model) for a generated [`Structured`](crate::Structured) type, through
/// [`serialize_structured`](crate::serialize_structured) and
/// [`deserialize_structured`](crate::deserialize_structured); as a field or an item it is
/// read in place ([`deserialize_structured_into`](crate::deserialize_structured_into)).
///
/// The type must have the fields every generated model has: `odata`
/// ([`ControlInformation`](crate::ControlInformation)) and `additional_properties`.
#[macro_export]
macro_rules! impl_structured {
    ($ty:ty) => {
        impl $crate::StructuredParts for $ty {
            fn control(&self) -> &$crate::ControlInformation {
                &self.odata
            }

            fn control_mut(&mut self) -> &mut $crate::ControlInformation {
                &mut self.odata
            }

            fn additional_properties(
                &self,
            ) -> &$crate::serde_json::Map<::std::string::String, $crate::serde_json::Value> {
                &self.additional_properties
            }

            fn additional_properties_mut(
                &mut self,
            ) -> &mut $crate::serde_json::Map<::std::string::String, $crate::serde_json::Value>
            {
                &mut self.additional_properties
            }
        }

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

        impl $crate::Model for $ty {
            fn read_in_place<'de, D: $crate::serde::Deserializer<'de>>(
                place: &mut Self,
                deserializer: D,
            ) -> ::core::result::Result<(), D::Error> {
                $crate::deserialize_structured_into(place, deserializer)
            }

            fn fresh() -> ::core::option::Option<Self> {
                ::core::option::Option::Some(::core::default::Default::default())
            }
        }
    };
}

/// Implements `Default`, `From` for each member type, `Serialize`, `Deserialize` and
/// [`Model`](crate::Model) for a generated polymorphic enum: one boxed variant for the
/// declared base type, then one per derived type with its qualified name.
///
/// Deserializing buffers the object, resolves `@odata.type` among the derived names
/// ([`resolve_type`](crate::resolve_type): exact, then case-insensitive) and falls back to
/// the base, which keeps the type name and every property. Serializing a derived variant
/// writes its `@odata.type`, so the service can tell which type it is.
///
/// A derived variant may carry attributes (`#[cfg(feature = "...")]`): they apply to its
/// `From` impl and match arms. A configured-away variant's name still takes part in
/// resolving `@odata.type`, and then falls back to the base like any unknown type.
#[macro_export]
macro_rules! impl_polymorphic {
    ($any:ty, $base_variant:ident($base:ty) $(, $(#[$attr:meta])* $variant:ident($derived:ty) = $name:literal)* $(,)?) => {
        impl ::core::default::Default for $any {
            fn default() -> Self {
                Self::$base_variant(::core::default::Default::default())
            }
        }

        impl ::core::convert::From<$base> for $any {
            fn from(value: $base) -> Self {
                Self::$base_variant(::std::boxed::Box::new(value))
            }
        }

        $(
            $(#[$attr])*
            impl ::core::convert::From<$derived> for $any {
                fn from(value: $derived) -> Self {
                    Self::$variant(::std::boxed::Box::new(value))
                }
            }
        )*

        impl $crate::serde::Serialize for $any {
            fn serialize<S: $crate::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                match self {
                    Self::$base_variant(value) => $crate::serde::Serialize::serialize(&**value, serializer),
                    $(
                        $(#[$attr])*
                        Self::$variant(value) => $crate::serialize_structured(
                            &**value,
                            serializer,
                            ::core::option::Option::Some($name),
                        ),
                    )*
                }
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $any {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                let object = $crate::polymorphic::buffer(deserializer)?;
                ::core::result::Result::Ok(match $crate::polymorphic::resolve_type(&object, &[$($name),*]) {
                    $(
                        $(#[$attr])*
                        ::core::option::Option::Some($name) => Self::$variant(::std::boxed::Box::new(
                            $crate::polymorphic::from_object(object)?,
                        )),
                    )*
                    _ => Self::$base_variant(::std::boxed::Box::new($crate::polymorphic::from_object(object)?)),
                })
            }
        }

        impl $crate::Model for $any {}
    };
}

/// Implements `FromStr` (never failing), `Display`, `Serialize`, `Deserialize` and
/// [`Model`](crate::Model) for a generated [`OpenEnum`](crate::OpenEnum): all of them go
/// through its wire string.
///
/// The member `unknownFutureValue` (Graph's evolvable-enum sentinel) is a
/// [placeholder](crate::Model::is_placeholder): a struct field holding it is not sent.
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

        impl $crate::Model for $ty {
            fn is_placeholder(&self) -> bool {
                $crate::OpenEnum::as_str(self) == "unknownFutureValue"
            }
        }
    };
}
