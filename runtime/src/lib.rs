//! Support for Rust code generated from OData CSDL (Microsoft Graph) by `odata-codegen`.
//!
//! Generated models call into this crate for everything that is the same across types:
//!
//! - [`Nullable`]: the absent / `null` / value states of a property in a PATCH body;
//! - [`OpenEnum`] and [`Flags`]: enumerations that keep members they do not know;
//! - [`Wire`]: the OData JSON wire forms of primitive values (OData JSON Format v4.01
//!   §7.1), with [`read_value`], [`read_into`] and [`write_field`] for generated serde impls;
//! - [`Structured`]: control information (`@odata.*`) and unknown properties;
//! - [`resolve_type`] and friends: `@odata.type` dispatch for derived types;
//! - [`impl_structured!`], [`impl_polymorphic!`] and [`impl_open_enum_traits!`]: the trait
//!   impls every generated type shares;
//! - [`request`]: one operation as a sans-IO [`Request`] — a [`Path`] with [`Literal`]
//!   keys and function parameters, query [`ListOptions`] and friends, a body of action
//!   parameters — that becomes an [`http::Request`], and whose response a
//!   [`ResponseKind`] ([`Entity`], [`Collection`] of [`Page`]s, [`Count`], …) reads;
//! - [`error`]: [`Error`], with the service's [`ODataError`] body;
//! - `client` (feature `client`, on by default): an async `Client` on reqwest (rustls)
//!   that adds bearer tokens from a `TokenProvider`, retries throttled requests per a
//!   `RetryPolicy`, and streams the pages or items of a collection; feature
//!   `azure-identity` adds `AzureCredential`, a token provider for `azure_identity`'s
//!   credentials;
//! - [`prelude`]: what a program using a generated crate needs in scope, the methods of the
//!   client's streams included.
//!
//! The crates generated code needs are re-exported, so it can name them through this
//! one dependency.
#![warn(missing_docs)]

#[cfg(feature = "client")]
pub mod client;
pub mod enums;
pub mod error;
pub mod flags;
mod macros;
pub mod nullable;
pub mod polymorphic;
pub mod prelude;
pub mod request;
pub mod structured;
pub mod wire;

pub use http;
pub use serde;
pub use serde_json;
pub use time;
pub use uuid;

#[cfg(feature = "azure-identity")]
pub use client::AzureCredential;
#[cfg(feature = "client")]
pub use client::{
    AccessToken, Client, ClientBuilder, DEFAULT_BASE_URL, Items, Pages, RetryPolicy, StaticToken,
    TokenFn, TokenProvider,
};
pub use enums::{OpenEnum, deserialize_enum, serialize_enum};
pub use error::{
    DecodeError, Error, ErrorDetail, InnerError, MAX_ERROR_BODY, ODataError, ServiceError,
};
pub use flags::Flags;
pub use nullable::Nullable;
pub use polymorphic::{buffer, from_object, resolve_type};
pub use request::{
    Alias, CLIENT_REQUEST_ID, Collection, Count, CountOptions, Entity, EnumLiteral, GetOptions,
    ListOptions, Literal, MaybeEntity, NoContent, Options, Page, Path, RawLiteral, Request,
    RequestOptions, ResponseKind, Value,
};
pub use structured::{
    ControlInformation, Structured, StructuredParts, deserialize_structured,
    deserialize_structured_into, serialize_structured,
};
pub use wire::{
    Binary, Decimal, Model, ParseDecimalError, Wire, WireRef, WireValue, read_into, read_value,
    write_field,
};
