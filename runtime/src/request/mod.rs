//! [`Request`]: one HTTP request of one operation, described without doing any I/O.
//!
//! Generated code builds a `Request<K>` from a [`Path`], parameters and options; `K`
//! (a [`ResponseKind`]) says how the response is read. [`Request::to_http`] turns it
//! into an [`http::Request`] that any HTTP stack can send, and
//! [`Request::parse_response`] reads what came back, so the same operation works with
//! the built-in `Client` (feature `client`) or with a caller's own transport.
//!
//! ```
//! use odata_runtime::http::{Method, Response};
//! use odata_runtime::serde_json::Value;
//! use odata_runtime::{Entity, GetOptions, Path, Request};
//!
//! let request: Request<Entity<Value>> =
//!     Request::new(Method::GET, Path::new("/users").key_segment("ada@contoso.com"))
//!         .options(Some(GetOptions::new().select(["id", "displayName"])));
//! assert_eq!(
//!     request.path_and_query(),
//!     "/users/ada@contoso.com?$select=id,displayName"
//! );
//! let http = request.to_http("https://graph.microsoft.com/v1.0")?;
//! assert_eq!(
//!     http.uri(),
//!     "https://graph.microsoft.com/v1.0/users/ada@contoso.com?$select=id,displayName"
//! );
//! // … send `http` with any HTTP client, then read what came back:
//! let response = Response::builder()
//!     .status(200)
//!     .body(br#"{"id":"1"}"#.to_vec())?;
//! let user = request.parse_response(response)?;
//! assert_eq!(user["id"], "1");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod literal;
mod options;
mod path;
mod response;

use std::fmt;
use std::marker::PhantomData;

use http::header::{ACCEPT, CONTENT_TYPE, HeaderName, HeaderValue};
use http::{HeaderMap, Method, StatusCode};
use percent_encoding::utf8_percent_encode;
use serde::ser::{Serialize, Serializer};

pub use literal::{Alias, EnumLiteral, Literal, RawLiteral};
pub use options::{CountOptions, GetOptions, ListOptions, Options, RequestOptions};
pub use path::Path;
pub use response::{Collection, Count, Entity, MaybeEntity, NoContent, Page, ResponseKind, Value};

use crate::error::{Error, ServiceError};
use crate::wire::{Wire, WireRef};

/// `client-request-id`: the id Graph logs with the request and echoes back, so a failed
/// call can be found in the service's logs (and by Microsoft support).
pub const CLIENT_REQUEST_ID: HeaderName = HeaderName::from_static("client-request-id");

const PREFER: HeaderName = HeaderName::from_static("prefer");
const JSON: HeaderValue = HeaderValue::from_static("application/json");

/// Where a request goes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    /// A path below the service root.
    Path(Path),
    /// A link the service sent (`@odata.nextLink`): absolute, or relative to the
    /// service root; already encoded.
    Link(String),
}

/// The body of a request.
#[derive(Clone)]
enum Body {
    None,
    /// A JSON value given whole.
    Json(Vec<u8>),
    /// An action's parameters: a JSON object built one member at a time.
    Parameters(Vec<u8>),
}

/// A description of one HTTP request for one operation; `K` says how to read its response.
///
/// Building never fails: a header or body that cannot be used is remembered and reported
/// by [`to_http`](Request::to_http) as [`Error::InvalidRequest`]. The request holds no
/// credentials (the client adds them when sending), so its `Debug` shows everything.
pub struct Request<K> {
    method: Method,
    target: Target,
    query: Vec<(String, String)>,
    headers: HeaderMap,
    body: Body,
    errors: Vec<String>,
    kind: PhantomData<fn() -> K>,
}

// Not derived: a derive would require `K: Clone`, and the kinds are bare markers.
impl<K> Clone for Request<K> {
    fn clone(&self) -> Self {
        Self {
            method: self.method.clone(),
            target: self.target.clone(),
            query: self.query.clone(),
            headers: self.headers.clone(),
            body: self.body.clone(),
            errors: self.errors.clone(),
            kind: PhantomData,
        }
    }
}

impl<K> fmt::Debug for Request<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let body = self
            .bytes()
            .map(|body| format!("{} bytes: {:?}", body.len(), String::from_utf8_lossy(body)));
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("target", &self.target)
            .field("query", &self.query)
            .field("headers", &self.headers)
            .field("body", &body)
            .field("errors", &self.errors)
            .finish()
    }
}

/// Serializes a slice through [`Wire`], as a JSON array.
struct WireSeq<'a, T>(&'a [T]);

impl<T: Wire> Serialize for WireSeq<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(WireRef))
    }
}

/// Whether `url` is absolute with an HTTP scheme.
fn is_absolute(url: &str) -> bool {
    ["http://", "https://"].iter().any(|scheme| {
        url.get(..scheme.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(scheme))
    })
}

impl<K> Request<K> {
    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The query options, decoded, in order.
    pub fn query(&self) -> &[(String, String)] {
        &self.query
    }

    /// The headers set so far (without the `client-request-id` that
    /// [`to_http`](Request::to_http) adds).
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body, if any.
    pub fn body(&self) -> Option<&[u8]> {
        self.bytes()
    }

    /// Path and query as sent, relative to the base URL: `/a/b?$top=5&$filter=x%20eq%201`.
    ///
    /// Canonical, so it can be compared: option names keep their `$`; values are
    /// percent-encoded with a space as `%20` (never `+`), and `+`, `&`, `=`, `#`, `%`
    /// escaped, while `'(),:/@*$` stay readable. A next-link target is given as sent
    /// (absolute links whole, relative ones with a leading `/`).
    pub fn path_and_query(&self) -> String {
        let mut out = match &self.target {
            Target::Path(path) => path.as_str().to_owned(),
            Target::Link(link) => {
                let link = utf8_percent_encode(link, path::LINK).to_string();
                if is_absolute(&link) || link.starts_with('/') {
                    link
                } else {
                    format!("/{link}")
                }
            }
        };
        let mut separator = if out.contains('?') { '&' } else { '?' };
        for (name, value) in &self.query {
            out.push(separator);
            out.extend(utf8_percent_encode(name, path::QUERY));
            out.push('=');
            out.extend(utf8_percent_encode(value, path::QUERY));
            separator = '&';
        }
        out
    }

    /// Builds the [`http::Request`] against a base URL such as
    /// `https://graph.microsoft.com/beta` (a trailing `/` is tolerated).
    ///
    /// Adds a fresh `client-request-id` (a UUID v4) unless one was set, so every attempt
    /// can be traced. A next-link target is used as is when absolute, else joined to the
    /// base URL (such links are relative to the service root). Fails with
    /// [`Error::InvalidRequest`] for a base URL that is not absolute HTTP(S), a URL or
    /// header that is not valid, or a body that did not serialize.
    pub fn to_http(&self, base_url: &str) -> Result<http::Request<Vec<u8>>, Error> {
        if let Some(error) = self.errors.first() {
            return Err(Error::InvalidRequest(error.clone()));
        }
        if !is_absolute(base_url) {
            return Err(Error::InvalidRequest(format!(
                "the base URL {base_url:?} is not an absolute http(s) URL"
            )));
        }
        let path_and_query = self.path_and_query();
        let url = if is_absolute(&path_and_query) {
            path_and_query
        } else {
            format!("{}{path_and_query}", base_url.trim_end_matches('/'))
        };
        let uri: http::Uri = url
            .parse()
            .map_err(|err| Error::InvalidRequest(format!("invalid URL {url:?}: {err}")))?;
        let mut headers = self.headers.clone();
        if !headers.contains_key(CLIENT_REQUEST_ID) {
            let id = uuid::Uuid::new_v4().hyphenated().to_string();
            let id = HeaderValue::try_from(id)
                .map_err(|err| Error::InvalidRequest(format!("client-request-id: {err}")))?;
            headers.insert(CLIENT_REQUEST_ID, id);
        }
        let mut request = http::Request::new(self.bytes().map(<[u8]>::to_vec).unwrap_or_default());
        *request.method_mut() = self.method.clone();
        *request.uri_mut() = uri;
        *request.headers_mut() = headers;
        Ok(request)
    }

    /// The next link this request targets, if it was made by [`Request::next_page`].
    #[cfg_attr(not(feature = "client"), allow(dead_code))]
    pub(crate) fn link(&self) -> Option<&str> {
        match &self.target {
            Target::Link(link) => Some(link),
            Target::Path(_) => None,
        }
    }

    fn bytes(&self) -> Option<&[u8]> {
        match &self.body {
            Body::None => None,
            Body::Json(bytes) | Body::Parameters(bytes) => Some(bytes),
        }
    }

    /// Sets a header; `Prefer` values are merged instead (RFC 7240 §2 allows one header
    /// listing several preferences, and the request may already carry some).
    fn set_header(&mut self, name: &str, value: &str) {
        let name = match HeaderName::try_from(name) {
            Ok(name) => name,
            Err(err) => return self.errors.push(format!("header name {name:?}: {err}")),
        };
        if name == PREFER {
            return self.prefer(value);
        }
        match HeaderValue::try_from(value) {
            Ok(value) => {
                self.headers.insert(name, value);
            }
            Err(err) => self.errors.push(format!("header {name}: {err}")),
        }
    }

    /// Adds preferences to `Prefer`, skipping those already there.
    fn prefer(&mut self, preferences: &str) {
        let mut all: Vec<String> = Vec::new();
        let existing = self.headers.get_all(PREFER).iter();
        let values = existing
            .filter_map(|value| value.to_str().ok())
            .chain([preferences]);
        for preference in values.flat_map(|value| value.split(',')) {
            let preference = preference.trim();
            if !preference.is_empty() && !all.iter().any(|seen| seen == preference) {
                all.push(preference.to_owned());
            }
        }
        match HeaderValue::try_from(all.join(", ")) {
            Ok(value) => {
                self.headers.insert(PREFER, value);
            }
            Err(err) => self.errors.push(format!("header prefer: {err}")),
        }
    }

    /// Appends `"name":<value>` to the parameter object, starting it if needed.
    fn push_parameter(mut self, name: &str, value: &impl Serialize) -> Self {
        let member = serde_json::to_vec(name).and_then(|mut member| {
            member.push(b':');
            serde_json::to_writer(&mut member, value)?;
            Ok(member)
        });
        let member = match member {
            Ok(member) => member,
            Err(err) => {
                self.errors.push(format!("parameter {name}: {err}"));
                return self;
            }
        };
        if matches!(self.body, Body::None) {
            self.body = Body::Parameters(b"{}".to_vec());
            self.headers.insert(CONTENT_TYPE, JSON);
        }
        match &mut self.body {
            Body::Parameters(object) => {
                object.pop(); // the closing brace
                if object.len() > 1 {
                    object.push(b',');
                }
                object.extend(member);
                object.push(b'}');
            }
            Body::Json(_) | Body::None => self
                .errors
                .push(format!("parameter {name}: the request already has a body")),
        }
        self
    }
}

impl<K: ResponseKind> Request<K> {
    /// A request without body or query, asking for `K`'s media type (`Accept`).
    pub fn new(method: Method, path: Path) -> Self {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static(K::ACCEPT));
        Self {
            method,
            target: Target::Path(path),
            query: Vec::new(),
            headers,
            body: Body::None,
            errors: Vec::new(),
            kind: PhantomData,
        }
    }

    /// A JSON body (`Content-Type: application/json`). A serialization error is kept
    /// and reported by [`to_http`](Request::to_http).
    pub fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => {
                self.body = Body::Json(bytes);
                self.headers.insert(CONTENT_TYPE, JSON);
            }
            Err(err) => self.errors.push(format!("body: {err}")),
        }
        self
    }

    /// Adds an action parameter to the JSON object body (OData JSON Format v4.01 §18:
    /// an action's parameters travel as members of one object), in call order, written
    /// through [`Wire`] so OData forms are used. The first call creates the `{}` body.
    pub fn parameter<T: Wire>(self, name: &str, value: &T) -> Self {
        self.push_parameter(name, &WireRef(value))
    }

    /// Adds a string parameter (generated functions take `&str` for `Edm.String`).
    pub fn parameter_str(self, name: &str, value: &str) -> Self {
        self.push_parameter(name, &value)
    }

    /// Adds a collection parameter, written as a JSON array through [`Wire`].
    pub fn parameter_seq<T: Wire>(self, name: &str, values: &[T]) -> Self {
        self.push_parameter(name, &WireSeq(values))
    }

    /// Adds a parameter whose value is `null` (a nullable parameter left unset).
    pub fn parameter_null(self, name: &str) -> Self {
        self.push_parameter(name, &())
    }

    /// Passes a function parameter by alias: adds the query option `@name=<JSON>`
    /// (OData URL Conventions v4.01 §5.1.1.14.1), the way complex and collection values
    /// reach a function. The path refers to it as `name=@name`
    /// ([`Alias`]).
    pub fn alias<T: Wire>(self, name: &str, value: &T) -> Self {
        self.push_alias(name, &WireRef(value))
    }

    /// A collection function parameter by alias: `@name=[...]`.
    pub fn alias_seq<T: Wire>(self, name: &str, values: &[T]) -> Self {
        self.push_alias(name, &WireSeq(values))
    }

    fn push_alias(mut self, name: &str, value: &impl Serialize) -> Self {
        match serde_json::to_string(value) {
            Ok(json) => self.query.push((format!("@{name}"), json)),
            Err(err) => self.errors.push(format!("parameter alias @{name}: {err}")),
        }
        self
    }

    /// Adds `Prefer: include-unknown-enum-members`: Graph then sends enum members added
    /// after `unknownFutureValue` instead of the sentinel.
    pub fn include_unknown_enum_members(mut self) -> Self {
        self.prefer("include-unknown-enum-members");
        self
    }

    /// Adds a header (replacing one of the same name; `Prefer` values are merged).
    /// An invalid name or value is reported by [`to_http`](Request::to_http).
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.set_header(name, value);
        self
    }

    /// Applies options (query options and extra headers); `None` leaves the defaults.
    pub fn options<O: RequestOptions>(mut self, options: Option<O>) -> Self {
        if let Some(options) = options {
            let mut headers = Vec::new();
            options.apply(&mut self.query, &mut headers);
            for (name, value) in headers {
                self.set_header(&name, &value);
            }
        }
        self
    }

    /// Reads the response: a 2xx status through `K`, anything else as
    /// [`Error::Service`] with the OData error of the body, if any.
    pub fn parse_response<B: AsRef<[u8]>>(
        &self,
        response: http::Response<B>,
    ) -> Result<K::Output, Error> {
        let (parts, body) = response.into_parts();
        parse::<K>(parts.status, parts.headers, body.as_ref())
    }
}

/// Reads a response of kind `K` from its parts.
pub(crate) fn parse<K: ResponseKind>(
    status: StatusCode,
    headers: HeaderMap,
    body: &[u8],
) -> Result<K::Output, Error> {
    if status.is_success() {
        K::parse(status, &headers, body)
    } else {
        Err(Error::Service(Box::new(ServiceError::new(
            status, headers, body,
        ))))
    }
}

impl<T> Request<Collection<T>> {
    /// The request for the page after `page`, targeting its next link with the same
    /// method and headers (so `Prefer` and `ConsistencyLevel` still apply); `None` on
    /// the last page. The query is not repeated: a next link carries every option
    /// (OData JSON Format v4.01 §4.5.5), and treating it as opaque is what the
    /// protocol asks.
    pub fn next_page(&self, page: &Page<T>) -> Option<Self> {
        let link = page.next_link.as_deref().filter(|link| !link.is_empty())?;
        Some(Self {
            method: self.method.clone(),
            target: Target::Link(link.to_owned()),
            query: Vec::new(),
            headers: self.headers.clone(),
            body: self.body.clone(),
            errors: self.errors.clone(),
            kind: PhantomData,
        })
    }
}
