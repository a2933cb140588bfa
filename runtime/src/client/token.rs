//! Bearer tokens: [`TokenProvider`] and its two simple implementations.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

use crate::error::Error;

/// A boxed future of a token, the return type of [`TokenProvider::token`].
pub type TokenFuture<'a> = Pin<Box<dyn Future<Output = Result<AccessToken, Error>> + Send + 'a>>;

/// Supplies bearer tokens to the [`Client`](super::Client).
///
/// Called before every attempt, retries included, so a provider that refreshes an
/// expiring token (e.g. through a credential library) is used as it should be; caching
/// is the provider's business.
pub trait TokenProvider: Send + Sync {
    /// A token for the next attempt.
    fn token(&self) -> TokenFuture<'_>;
}

/// A secret bearer token. Its `Debug` and `Display` print `AccessToken(***)`, so it
/// cannot leak into logs; [`secret`](AccessToken::secret) is the only way to the text.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken(String);

impl AccessToken {
    /// Wraps the token text (without the `Bearer ` prefix).
    pub fn new(secret: impl Into<String>) -> Self {
        Self(secret.into())
    }

    /// The token text.
    pub fn secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken(***)")
    }
}

impl fmt::Display for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken(***)")
    }
}

/// A fixed token, e.g. one taken from the environment for a script or a test.
#[derive(Clone, Debug)]
pub struct StaticToken(AccessToken);

impl StaticToken {
    /// A provider that always answers `secret`.
    pub fn new(secret: impl Into<String>) -> Self {
        Self(AccessToken::new(secret))
    }
}

impl TokenProvider for StaticToken {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(std::future::ready(Ok(self.0.clone())))
    }
}

/// A provider from an async closure:
/// `TokenFn::new(|| async { Ok(AccessToken::new(fetch().await?)) })`.
#[derive(Clone)]
pub struct TokenFn<F>(F);

impl<F> TokenFn<F> {
    /// Wraps the closure.
    pub fn new(f: F) -> Self {
        Self(f)
    }
}

impl<F> fmt::Debug for TokenFn<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TokenFn(..)")
    }
}

impl<F, Fut> TokenProvider for TokenFn<F>
where
    F: Fn() -> Fut + Send + Sync,
    Fut: Future<Output = Result<AccessToken, Error>> + Send + 'static,
{
    fn token(&self) -> TokenFuture<'_> {
        Box::pin((self.0)())
    }
}
