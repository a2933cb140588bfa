//! [`Client`]: sends [`Request`]s with reqwest, with bearer tokens, retries and paging.
//!
//! The client adds what a description of a request leaves out: the base URL, the
//! `Authorization` header, retries of throttled requests, and following
//! `@odata.nextLink`. Everything else (URL, headers, body, parsing) is the request's, so
//! the same operations can go through another transport with
//! [`Request::to_http`] and [`Request::parse_response`].
//!
//! ```no_run
//! # async fn run() -> Result<(), odata_runtime::Error> {
//! use odata_runtime::http::Method;
//! use odata_runtime::prelude::*;
//! use odata_runtime::serde_json::Value;
//! use odata_runtime::{Collection, Path, Request};
//!
//! let client = Client::new(StaticToken::new(std::env::var("GRAPH_TOKEN").unwrap_or_default()))?;
//! let request: Request<Collection<Value>> = Request::new(Method::GET, Path::new("/users"))
//!     .options(Some(ListOptions::new().select(["id"]).top(100)));
//! let users: Vec<Value> = client.items(request).try_collect().await?;
//! # Ok(())
//! # }
//! ```

#[cfg(feature = "azure-identity")]
mod azure;
mod paging;
mod retry;
mod token;

use std::fmt;
use std::sync::Arc;

use http::header::{AUTHORIZATION, HeaderName, HeaderValue, USER_AGENT};
use http::{HeaderMap, StatusCode};

#[cfg(feature = "azure-identity")]
pub use azure::AzureCredential;
pub use paging::{Items, Pages};
pub use retry::RetryPolicy;
pub use token::{AccessToken, StaticToken, TokenFn, TokenFuture, TokenProvider};

use crate::error::{Error, MAX_ERROR_BODY, retry_after};
use crate::request::{Request, ResponseKind, parse};

/// Microsoft Graph's beta endpoint, the service the generated crates describe.
pub const DEFAULT_BASE_URL: &str = "https://graph.microsoft.com/beta";

/// The `User-Agent` of the default HTTP client.
pub const DEFAULT_USER_AGENT: &str = concat!("odata-runtime/", env!("CARGO_PKG_VERSION"));

/// `Retry-Attempt`: the retry number, sent on retries as Graph's own SDKs do, so the
/// service can tell a retry from a new request.
const RETRY_ATTEMPT: HeaderName = HeaderName::from_static("retry-attempt");

/// An async client for an OData service: cheap to clone (the connection pool and token
/// provider are shared).
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base_url: String,
    token: Arc<dyn TokenProvider>,
    retry: RetryPolicy,
    user_agent: Option<HeaderValue>,
}

/// Never shows the token provider, which may hold a secret.
impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url)
            .field("retry", &self.retry)
            .field("user_agent", &self.user_agent)
            .field("token", &format_args!("***"))
            .finish_non_exhaustive()
    }
}

/// What one attempt produced, before it is judged.
enum Outcome {
    Response(StatusCode, HeaderMap, Vec<u8>),
    Transport(reqwest::Error),
}

impl Client {
    /// A client for [`DEFAULT_BASE_URL`] with the default [`RetryPolicy`].
    pub fn new(token: impl TokenProvider + 'static) -> Result<Self, Error> {
        Self::builder(token).build()
    }

    /// A builder for a client with another base URL, retry policy or HTTP client.
    pub fn builder(token: impl TokenProvider + 'static) -> ClientBuilder {
        ClientBuilder {
            token: Arc::new(token),
            base_url: DEFAULT_BASE_URL.to_owned(),
            retry: RetryPolicy::new(),
            http: None,
            user_agent: None,
        }
    }

    /// The service root requests are sent to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Sends one request and reads its response: adds `Authorization: Bearer <token>`
    /// (marked sensitive, so it is not logged), retries per the [`RetryPolicy`], and
    /// parses with the request's [`ResponseKind`].
    ///
    /// Every attempt asks the token provider again and carries the same
    /// `client-request-id`, so a refreshed token is used and the attempts can be
    /// correlated.
    pub async fn send<K: ResponseKind>(&self, request: &Request<K>) -> Result<K::Output, Error> {
        let (parts, body) = request.to_http(&self.base_url)?.into_parts();
        let url = reqwest::Url::parse(&parts.uri.to_string())
            .map_err(|err| Error::InvalidRequest(format!("invalid URL {}: {err}", parts.uri)))?;
        let mut retry = 0;
        loop {
            let token = self.token.token().await?;
            let mut attempt = reqwest::Request::new(parts.method.clone(), url.clone());
            *attempt.headers_mut() = self.headers(&parts.headers, &token, retry)?;
            if !body.is_empty() {
                *attempt.body_mut() = Some(body.clone().into());
            }
            let outcome = self.attempt(attempt).await;
            let delay = if retry < self.retry.retries() {
                match &outcome {
                    Outcome::Response(status, headers, _)
                        if self.retry.retries_status(&parts.method, *status) =>
                    {
                        self.retry.delay(retry, retry_after(headers))
                    }
                    Outcome::Transport(err)
                        if retry::is_idempotent(&parts.method)
                            && (err.is_connect() || err.is_timeout()) =>
                    {
                        self.retry.delay(retry, None)
                    }
                    _ => None,
                }
            } else {
                None
            };
            match (delay, outcome) {
                (Some(delay), _) => {
                    tokio::time::sleep(delay).await;
                    retry += 1;
                }
                (None, Outcome::Response(status, headers, body)) => {
                    return parse::<K>(status, headers, &body);
                }
                (None, Outcome::Transport(err)) => return Err(Error::Transport(Box::new(err))),
            }
        }
    }

    /// The headers of one attempt: the request's, the token, the retry number.
    fn headers(
        &self,
        request: &HeaderMap,
        token: &AccessToken,
        retry: u32,
    ) -> Result<HeaderMap, Error> {
        let mut headers = request.clone();
        let mut authorization = HeaderValue::try_from(format!("Bearer {}", token.secret()))
            // The message must not quote the token.
            .map_err(|_| Error::Token("the token is not a valid header value".into()))?;
        authorization.set_sensitive(true);
        headers.insert(AUTHORIZATION, authorization);
        if let Some(user_agent) = &self.user_agent {
            headers.insert(USER_AGENT, user_agent.clone());
        }
        if retry > 0 {
            headers.insert(RETRY_ATTEMPT, HeaderValue::from(retry));
        }
        Ok(headers)
    }

    /// Sends one attempt and reads the whole body (an error body only up to
    /// [`MAX_ERROR_BODY`], which is all an error keeps).
    async fn attempt(&self, request: reqwest::Request) -> Outcome {
        let read = async {
            let mut response = self.http.execute(request).await?;
            let status = response.status();
            let headers = std::mem::take(response.headers_mut());
            let body = if status.is_success() {
                response.bytes().await?.to_vec()
            } else {
                let mut body = Vec::new();
                while let Some(chunk) = response.chunk().await? {
                    body.extend_from_slice(&chunk);
                    if body.len() > MAX_ERROR_BODY {
                        break;
                    }
                }
                body
            };
            Ok((status, headers, body))
        };
        match read.await {
            Ok((status, headers, body)) => Outcome::Response(status, headers, body),
            Err(err) => Outcome::Transport(err),
        }
    }
}

/// Builds a [`Client`]; see [`Client::builder`].
pub struct ClientBuilder {
    token: Arc<dyn TokenProvider>,
    base_url: String,
    retry: RetryPolicy,
    http: Option<reqwest::Client>,
    user_agent: Option<String>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("retry", &self.retry)
            .field("user_agent", &self.user_agent)
            .field("token", &format_args!("***"))
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// The service root, e.g. `https://graph.microsoft.com/v1.0` (a trailing `/` is
    /// tolerated).
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// The retry policy (default [`RetryPolicy::new`]).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The reqwest client to send with, e.g. one with timeouts or a proxy. The default
    /// has a 30 s connect timeout and no overall timeout (downloads may be long).
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// The `User-Agent` of every request (default [`DEFAULT_USER_AGENT`]).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Builds the client. Fails on a base URL that is not absolute HTTP(S) or a
    /// `User-Agent` that is not a valid header value ([`Error::InvalidRequest`]), or if
    /// the default HTTP client cannot be built, e.g. without TLS roots
    /// ([`Error::Transport`]).
    pub fn build(self) -> Result<Client, Error> {
        let url = reqwest::Url::parse(&self.base_url).map_err(|err| {
            Error::InvalidRequest(format!("invalid base URL {:?}: {err}", self.base_url))
        })?;
        if !matches!(url.scheme(), "http" | "https") || url.cannot_be_a_base() {
            return Err(Error::InvalidRequest(format!(
                "the base URL {:?} is not an http(s) URL",
                self.base_url
            )));
        }
        let user_agent = self
            .user_agent
            .map(|agent| {
                HeaderValue::try_from(agent)
                    .map_err(|err| Error::InvalidRequest(format!("user agent: {err}")))
            })
            .transpose()?;
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .user_agent(DEFAULT_USER_AGENT)
                .connect_timeout(std::time::Duration::from_secs(30))
                .build()
                .map_err(|err| Error::Transport(Box::new(err)))?,
        };
        Ok(Client {
            http,
            base_url: self.base_url.trim_end_matches('/').to_owned(),
            token: self.token,
            retry: self.retry,
            user_agent,
        })
    }
}
