//! [`AzureCredential`]: Entra ID tokens from an `azure_identity` credential.

use std::fmt;
use std::sync::Arc;

use azure_core::credentials::TokenCredential;

use super::token::{AccessToken, TokenFuture, TokenProvider};
use crate::error::Error;

/// A [`TokenProvider`] backed by an Azure credential (any `azure_identity` credential,
/// e.g. `ClientSecretCredential`, `ManagedIdentityCredential`,
/// `DeveloperToolsCredential`), asking for Graph's scope by default.
///
/// `azure_identity`'s credentials cache their tokens and refresh them before they
/// expire, and the client asks before every attempt, so a long paging run or a retry
/// after a long `Retry-After` gets a valid token.
#[derive(Clone)]
pub struct AzureCredential {
    credential: Arc<dyn TokenCredential>,
    scopes: Vec<String>,
}

impl AzureCredential {
    /// Microsoft Graph's scope for application and delegated permissions already granted
    /// (`/.default`: "the permissions configured for the app").
    pub const GRAPH_SCOPE: &'static str = "https://graph.microsoft.com/.default";

    /// Tokens for [`GRAPH_SCOPE`](Self::GRAPH_SCOPE).
    pub fn new(credential: Arc<dyn TokenCredential>) -> Self {
        Self::with_scopes(credential, [Self::GRAPH_SCOPE])
    }

    /// Tokens for other scopes, e.g. a national cloud's
    /// `https://graph.microsoft.us/.default`.
    pub fn with_scopes(
        credential: Arc<dyn TokenCredential>,
        scopes: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        Self {
            credential,
            scopes: scopes.into_iter().map(Into::into).collect(),
        }
    }
}

/// Shows the scopes, and the credential only through its own `Debug` (which
/// `azure_core` requires to keep secrets out).
impl fmt::Debug for AzureCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AzureCredential")
            .field("credential", &self.credential)
            .field("scopes", &self.scopes)
            .finish()
    }
}

impl TokenProvider for AzureCredential {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(async move {
            let scopes: Vec<&str> = self.scopes.iter().map(String::as_str).collect();
            let token = self
                .credential
                .get_token(&scopes, None)
                .await
                .map_err(|err| Error::Token(Box::new(err)))?;
            Ok(AccessToken::new(token.token.secret()))
        })
    }
}
