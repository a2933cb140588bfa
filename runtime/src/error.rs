//! [`Error`]: everything that can go wrong between describing a request and holding its
//! result, and [`ODataError`], the error body an OData service sends.

use std::borrow::Cow;
use std::fmt;
use std::time::{Duration, SystemTime};

use http::{HeaderMap, StatusCode};
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

/// The most bytes of a response body kept in an error (1 MiB).
///
/// Error bodies are kept so a caller can see what the service said even when it is not
/// an OData error (an HTML page from a gateway), but an error must not pin an unbounded
/// download in memory.
pub const MAX_ERROR_BODY: usize = 1024 * 1024;

/// The error of a request.
#[non_exhaustive]
#[derive(Debug)]
pub enum Error {
    /// The service answered with a non-success status.
    Service(Box<ServiceError>),
    /// A success status whose body did not parse as the operation's result.
    Decode(Box<DecodeError>),
    /// The request could not be built (bad base URL, header, or body serialization).
    InvalidRequest(String),
    /// The transport failed: connecting, sending, or reading the response.
    Transport(Box<dyn std::error::Error + Send + Sync>),
    /// The token provider failed.
    Token(Box<dyn std::error::Error + Send + Sync>),
}

impl Error {
    /// A [`Error::Decode`] for a success response whose body is not what was expected.
    pub fn decode(
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
        message: impl Into<String>,
    ) -> Self {
        let (body, body_truncated) = cap(body);
        Self::Decode(Box::new(DecodeError {
            status,
            headers: headers.clone(),
            body,
            body_truncated,
            message: message.into(),
        }))
    }

    /// The service error, if the service answered with a non-success status.
    pub fn service(&self) -> Option<&ServiceError> {
        match self {
            Self::Service(error) => Some(error),
            _ => None,
        }
    }

    /// The HTTP status of the response, if there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Service(error) => Some(error.status),
            Self::Decode(error) => Some(error.status),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Service(error) => error.fmt(f),
            Self::Decode(error) => error.fmt(f),
            Self::InvalidRequest(message) => write!(f, "invalid request: {message}"),
            Self::Transport(error) => write!(f, "transport error: {error}"),
            Self::Token(error) => write!(f, "the token provider failed: {error}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Transport(error) | Self::Token(error) => Some(&**error),
            Self::Service(_) | Self::Decode(_) | Self::InvalidRequest(_) => None,
        }
    }
}

/// Keeps at most [`MAX_ERROR_BODY`] bytes; says whether some were dropped.
fn cap(body: &[u8]) -> (Vec<u8>, bool) {
    match body.get(..MAX_ERROR_BODY) {
        Some(kept) if body.len() > MAX_ERROR_BODY => (kept.to_vec(), true),
        _ => (body.to_vec(), false),
    }
}

/// Writes a body for `Debug`: its length and the start of its text, not kilobytes of bytes.
fn debug_body(body: &[u8], truncated: bool) -> String {
    const SHOWN: usize = 512;
    let text = String::from_utf8_lossy(body.get(..SHOWN).unwrap_or(body));
    let more = if body.len() > SHOWN || truncated {
        "…"
    } else {
        ""
    };
    format!("{} bytes: {text:?}{more}", body.len())
}

/// A non-success response: its status, headers and body, and the OData error in the body.
#[non_exhaustive]
pub struct ServiceError {
    /// The status code.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The body as received (at most [`MAX_ERROR_BODY`] bytes), whatever its format.
    pub body: Vec<u8>,
    /// Whether the body was longer than [`MAX_ERROR_BODY`] and cut.
    pub body_truncated: bool,
    /// The OData error in the body, when the body is one.
    pub error: Option<ODataError>,
}

impl ServiceError {
    /// Reads a non-success response. The body is kept whatever it holds; the OData error
    /// is parsed from it when it is one.
    pub fn new(status: StatusCode, headers: HeaderMap, body: &[u8]) -> Self {
        let (body, body_truncated) = cap(body);
        let error = ODataError::from_body(&body);
        Self {
            status,
            headers,
            body,
            body_truncated,
            error,
        }
    }

    /// The error code of the OData error (e.g. `Request_ResourceNotFound`).
    pub fn code(&self) -> Option<&str> {
        self.error
            .as_ref()
            .map(|error| error.code.as_str())
            .filter(|code| !code.is_empty())
    }

    /// The message of the OData error.
    pub fn message(&self) -> Option<&str> {
        self.error
            .as_ref()
            .map(|error| error.message.as_str())
            .filter(|message| !message.is_empty())
    }

    /// The id the service gave the request: Graph's `innerError.request-id`, else the
    /// `request-id` response header. Microsoft support asks for it.
    pub fn request_id(&self) -> Option<&str> {
        self.inner()
            .and_then(|inner| inner.request_id.as_deref())
            .or_else(|| self.header("request-id"))
    }

    /// The `client-request-id` the request was sent with, as echoed by the service.
    pub fn client_request_id(&self) -> Option<&str> {
        self.inner()
            .and_then(|inner| inner.client_request_id.as_deref())
            .or_else(|| self.header("client-request-id"))
    }

    /// How long the service asks to wait before trying again (`Retry-After`, RFC 9110
    /// §10.2.3: delay-seconds or an HTTP-date; a date in the past is zero).
    pub fn retry_after(&self) -> Option<Duration> {
        retry_after(&self.headers)
    }

    /// The body as text (invalid UTF-8 replaced).
    pub fn body_text(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.body)
    }

    fn inner(&self) -> Option<&InnerError> {
        self.error.as_ref()?.inner_error.as_ref()
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)?.to_str().ok()
    }
}

/// Reads `Retry-After` from response headers: delay-seconds or an HTTP-date.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers
        .get(http::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(
        date.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

impl fmt::Debug for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServiceError")
            .field("status", &self.status)
            .field("error", &self.error)
            .field("headers", &self.headers)
            .field("body", &debug_body(&self.body, self.body_truncated))
            .finish()
    }
}

/// `HTTP 403 Forbidden: Code: message (request-id: …, client-request-id: …)`.
impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status)?;
        match (self.code(), self.message()) {
            (Some(code), Some(message)) => write!(f, ": {code}: {message}")?,
            (Some(text), None) | (None, Some(text)) => write!(f, ": {text}")?,
            (None, None) => {}
        }
        let ids = [
            ("request-id", self.request_id()),
            ("client-request-id", self.client_request_id()),
        ];
        let mut first = true;
        for (name, value) in ids {
            if let Some(value) = value {
                f.write_str(if first { " (" } else { ", " })?;
                write!(f, "{name}: {value}")?;
                first = false;
            }
        }
        if !first {
            f.write_str(")")?;
        }
        Ok(())
    }
}

/// A success response whose body is not the operation's result.
#[non_exhaustive]
pub struct DecodeError {
    /// The status code.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The body as received (at most [`MAX_ERROR_BODY`] bytes).
    pub body: Vec<u8>,
    /// Whether the body was longer than [`MAX_ERROR_BODY`] and cut.
    pub body_truncated: bool,
    /// What was wrong with it.
    pub message: String,
}

impl DecodeError {
    /// The body as text (invalid UTF-8 replaced).
    pub fn body_text(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.body)
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("status", &self.status)
            .field("message", &self.message)
            .field("headers", &self.headers)
            .field("body", &debug_body(&self.body, self.body_truncated))
            .finish()
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unexpected body in the HTTP {} response: {}",
            self.status, self.message
        )
    }
}

/// The OData JSON error body `{"error": {...}}` (OData JSON Format v4.01 §21), in the
/// shape Microsoft Graph sends.
///
/// Read leniently, since it is read when something already went wrong: missing fields
/// are empty, `details` may be absent or `null`, a `code` or `message` that is a number
/// is kept as text, and a `message` object `{"value": "…"}` (the OData 3 form) gives
/// its value.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct ODataError {
    /// A service-defined error code, e.g. `Request_ResourceNotFound`.
    pub code: String,
    /// A human-readable message.
    pub message: String,
    /// The target of the error (e.g. the property in error).
    pub target: Option<String>,
    /// Further errors, e.g. one per invalid property.
    pub details: Vec<ErrorDetail>,
    /// Service-specific details. Graph writes `innerError`; other services `innererror`:
    /// both are read.
    pub inner_error: Option<InnerError>,
}

/// One entry of [`ODataError::details`].
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct ErrorDetail {
    /// The error code.
    pub code: String,
    /// The message.
    pub message: String,
    /// The target of the error.
    pub target: Option<String>,
}

/// [`ODataError::inner_error`]: in Graph, the request's ids and the time of the error.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct InnerError {
    /// `request-id`: the id the service gave the request.
    pub request_id: Option<String>,
    /// `client-request-id`: the id the client sent.
    pub client_request_id: Option<String>,
    /// `date`: when the error happened, as sent.
    pub date: Option<String>,
    /// `code`: a more specific error code.
    pub code: Option<String>,
    /// Every other member, including a nested `innerError`.
    pub additional: Map<String, Value>,
}

impl ODataError {
    /// Reads the error from a response body; `None` when the body is not an OData error.
    pub fn from_body(body: &[u8]) -> Option<Self> {
        let value: Value = serde_json::from_slice(body).ok()?;
        Self::from_json(&value)
    }

    /// Reads the error from a parsed body `{"error": {...}}` (or OData 3's
    /// `{"odata.error": {...}}`).
    pub fn from_json(value: &Value) -> Option<Self> {
        let error = value.get("error").or_else(|| value.get("odata.error"))?;
        Self::from_object(error)
    }

    /// Reads the inside of `"error"`.
    fn from_object(error: &Value) -> Option<Self> {
        let object = error.as_object()?;
        let details = match object.get("details") {
            Some(Value::Array(items)) => items.iter().filter_map(ErrorDetail::from_json).collect(),
            _ => Vec::new(),
        };
        let inner_error = object
            .get("innerError")
            .or_else(|| object.get("innererror"))
            .and_then(InnerError::from_json);
        Some(Self {
            code: text(object.get("code")).unwrap_or_default(),
            message: text(object.get("message")).unwrap_or_default(),
            target: text(object.get("target")),
            details,
            inner_error,
        })
    }
}

impl ErrorDetail {
    fn from_json(value: &Value) -> Option<Self> {
        let object = value.as_object()?;
        Some(Self {
            code: text(object.get("code")).unwrap_or_default(),
            message: text(object.get("message")).unwrap_or_default(),
            target: text(object.get("target")),
        })
    }
}

impl InnerError {
    fn from_json(value: &Value) -> Option<Self> {
        let mut additional = value.as_object()?.clone();
        let mut take = |key: &str| additional.remove(key).and_then(|v| text(Some(&v)));
        Some(Self {
            request_id: take("request-id"),
            client_request_id: take("client-request-id"),
            date: take("date"),
            code: take("code"),
            additional,
        })
    }
}

/// The text of a member: a string as is, a number or boolean written out, OData 3's
/// `{"lang": …, "value": "…"}` message as its value; anything else (null, arrays) none.
fn text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Object(object) => object.get("value").and_then(|v| text(Some(v))),
        Value::Null | Value::Array(_) => None,
    }
}

/// Reads `{"error": {...}}` leniently (see [`ODataError`]); a body without `error` fails.
impl<'de> Deserialize<'de> for ODataError {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Self::from_json(&value)
            .ok_or_else(|| serde::de::Error::custom("expected an OData error {\"error\": {...}}"))
    }
}
