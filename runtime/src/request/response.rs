//! [`ResponseKind`]: how the success response of an operation is read, and [`Page`].

use std::fmt;
use std::marker::PhantomData;

use http::{HeaderMap, StatusCode};
use serde::de::{self, DeserializeOwned, Deserializer, IgnoredAny, MapAccess, Visitor};

use crate::error::Error;
use crate::wire::{Wire, WireValue};

/// What a successful response contains; implemented by the marker types below, which a
/// [`Request`](super::Request) carries as its type parameter.
pub trait ResponseKind {
    /// What the parser returns.
    type Output;

    /// The `Accept` header this kind asks for.
    const ACCEPT: &'static str;

    /// Parses a 2xx response; a body that is not the expected result is an
    /// [`Error::Decode`].
    fn parse(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<Self::Output, Error>;
}

const JSON: &str = "application/json";

/// Whether a body carries no content: nothing but whitespace.
fn is_empty(body: &[u8]) -> bool {
    body.iter().all(u8::is_ascii_whitespace)
}

/// Reads JSON, turning a failure into [`Error::Decode`].
fn from_json<T: DeserializeOwned>(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<T, Error> {
    serde_json::from_slice(body)
        .map_err(|err| Error::decode(status, headers, body, err.to_string()))
}

/// An entity or complex value as the JSON object body (OData JSON Format v4.01 §5).
/// An empty body (e.g. `204 No Content`) is an error: the operation promised a value.
pub struct Entity<T>(PhantomData<fn() -> T>);

// Results are read through `Wire`, like the fields of a model, so a primitive result
// (`Edm.Int64` as a string, `Edm.DateTimeOffset`, `INF`) has its OData form too.
impl<T: Wire> ResponseKind for Entity<T> {
    type Output = T;
    const ACCEPT: &'static str = JSON;

    fn parse(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<T, Error> {
        if status == StatusCode::NO_CONTENT || is_empty(body) {
            return Err(Error::decode(
                status,
                headers,
                body,
                "expected a JSON body, got none",
            ));
        }
        from_json::<WireValue<T>>(status, headers, body).map(|v| v.0)
    }
}

/// A value that may be absent: `Some` from a JSON body, `None` from `204 No Content` or
/// an empty body. For PATCH (which answers 204 unless `Prefer: return=representation`)
/// and actions whose result is nullable.
pub struct MaybeEntity<T>(PhantomData<fn() -> T>);

impl<T: Wire> ResponseKind for MaybeEntity<T> {
    type Output = Option<T>;
    const ACCEPT: &'static str = JSON;

    fn parse(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<Option<T>, Error> {
        if status == StatusCode::NO_CONTENT || is_empty(body) {
            return Ok(None);
        }
        from_json::<WireValue<T>>(status, headers, body).map(|v| Some(v.0))
    }
}

/// Any success, body ignored: DELETE, and actions without a result.
pub struct NoContent;

impl ResponseKind for NoContent {
    type Output = ();
    const ACCEPT: &'static str = JSON;

    fn parse(_: StatusCode, _: &HeaderMap, _: &[u8]) -> Result<(), Error> {
        Ok(())
    }
}

/// A collection of entities or complex values, one [`Page`] per response.
pub struct Collection<T>(PhantomData<fn() -> T>);

impl<T: Wire> ResponseKind for Collection<T> {
    type Output = Page<T>;
    const ACCEPT: &'static str = JSON;

    fn parse(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<Page<T>, Error> {
        from_json(status, headers, body)
    }
}

/// A primitive, enum or collection-of-primitive result, which OData JSON Format v4.01
/// §7.1 wraps as `{"value": …}`. Read through [`Wire`], so `Value<time::Date>` or
/// `Value<Vec<i64>>` use the OData forms. An empty body reads as `null`: `Value<Option<T>>`
/// gives `None` for a `204 No Content`, other types an error.
pub struct Value<T>(PhantomData<fn() -> T>);

impl<T: Wire> ResponseKind for Value<T> {
    type Output = T;
    const ACCEPT: &'static str = JSON;

    fn parse(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<T, Error> {
        if status == StatusCode::NO_CONTENT || is_empty(body) {
            return serde_json::from_str::<WireValue<T>>("null")
                .map(|value| value.0)
                .map_err(|_| {
                    Error::decode(status, headers, body, "expected a JSON body, got none")
                });
        }
        from_json::<Wrapped<T>>(status, headers, body).map(|wrapped| wrapped.0)
    }
}

/// `{"value": T}`, other members (`@odata.context`) ignored.
struct Wrapped<T>(T);

impl<'de, T: Wire> de::Deserialize<'de> for Wrapped<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(WrappedVisitor(PhantomData))
    }
}

struct WrappedVisitor<T>(PhantomData<T>);

impl<'de, T: Wire> Visitor<'de> for WrappedVisitor<T> {
    type Value = Wrapped<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object with a \"value\" member")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut value = None;
        while let Some(key) = map.next_key::<String>()? {
            if key == "value" {
                value = Some(crate::wire::read_value::<A, T>(&mut map, &key)?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        value
            .map(Wrapped)
            .ok_or_else(|| de::Error::missing_field("value"))
    }
}

/// The count of a collection, `/$count` (OData URL Conventions v4.01 §4.8): a
/// `text/plain` integer.
pub struct Count;

impl ResponseKind for Count {
    type Output = u64;
    const ACCEPT: &'static str = "text/plain";

    fn parse(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<u64, Error> {
        // Some servers start text with a UTF-8 byte order mark, and end it with a newline.
        let text = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
        std::str::from_utf8(text)
            .ok()
            .map(str::trim_ascii)
            .filter(|text| !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|text| text.parse().ok())
            .ok_or_else(|| Error::decode(status, headers, body, "expected a non-negative integer"))
    }
}

/// One page of a collection (OData JSON Format v4.01 §12).
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The items of this page.
    pub value: Vec<T>,
    /// `@odata.nextLink` as sent: absolute, or relative to the service root. `None` on
    /// the last page.
    pub next_link: Option<String>,
    /// `@odata.count`, present when `$count=true` was asked: the size of the whole
    /// collection, not of the page.
    pub count: Option<u64>,
    /// `@odata.context`, the context URL.
    pub context: Option<String>,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Self {
            value: Vec::new(),
            next_link: None,
            count: None,
            context: None,
        }
    }
}

/// Reads `{"value": [...]}` with the control information in its OData 4.0 form
/// (`@odata.nextLink`) or 4.01 form (`@nextLink`, §4.5); other members are ignored.
impl<'de, T: Wire> de::Deserialize<'de> for Page<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(PageVisitor(PhantomData))
    }
}

struct PageVisitor<T>(PhantomData<T>);

impl<'de, T: Wire> Visitor<'de> for PageVisitor<T> {
    type Value = Page<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object with a \"value\" array")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Page<T>, A::Error> {
        let mut page = Page::default();
        let mut has_value = false;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "value" => {
                    page.value = map.next_value::<WireValue<Vec<T>>>()?.0;
                    has_value = true;
                }
                "@odata.nextLink" | "@nextLink" => page.next_link = map.next_value()?,
                // With IEEE754Compatible=true the count (an Int64) arrives as a string.
                "@odata.count" | "@count" => {
                    page.count = crate::wire::read_value::<A, Option<i64>>(&mut map, &key)?
                        .map(|count| u64::try_from(count).map_err(de::Error::custom))
                        .transpose()?;
                }
                "@odata.context" | "@context" => page.context = map.next_value()?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if !has_value {
            return Err(de::Error::missing_field("value"));
        }
        Ok(page)
    }
}
