//! The azure_identity adapter asks a credential for Graph's scope.
#![cfg(feature = "azure-identity")]

use std::sync::{Arc, Mutex};

use azure_core::credentials::{AccessToken, TokenCredential, TokenRequestOptions};
use odata_runtime::client::TokenProvider;
use odata_runtime::{AzureCredential, Error};

#[derive(Debug, Default)]
struct Fake {
    scopes: Mutex<Vec<String>>,
    fail: bool,
}

#[allow(clippy::unwrap_used)] // a test double: panicking fails the test that called it
#[async_trait::async_trait]
impl TokenCredential for Fake {
    async fn get_token(
        &self,
        scopes: &[&str],
        _: Option<TokenRequestOptions<'_>>,
    ) -> azure_core::Result<AccessToken> {
        self.scopes
            .lock()
            .unwrap()
            .extend(scopes.iter().map(|s| (*s).to_owned()));
        if self.fail {
            return Err(azure_core::Error::with_message(
                azure_core::error::ErrorKind::Credential,
                "no credential",
            ));
        }
        Ok(AccessToken::new(
            "entra-token",
            time::OffsetDateTime::now_utc() + time::Duration::hours(1),
        ))
    }
}

#[tokio::test]
async fn tokens_come_from_the_credential_for_the_graph_scope() {
    let fake = Arc::new(Fake::default());
    let provider = AzureCredential::new(fake.clone());
    let token = provider.token().await.unwrap();
    assert_eq!(token.secret(), "entra-token");
    assert_eq!(
        *fake.scopes.lock().unwrap(),
        ["https://graph.microsoft.com/.default"]
    );
    assert!(!format!("{provider:?}").contains("entra-token"));
}

#[tokio::test]
async fn other_scopes_and_failures() {
    let fake = Arc::new(Fake {
        fail: true,
        ..Fake::default()
    });
    let provider =
        AzureCredential::with_scopes(fake.clone(), ["https://graph.microsoft.us/.default"]);
    let err = provider.token().await.unwrap_err();
    assert!(matches!(err, Error::Token(_)), "{err:?}");
    assert_eq!(
        *fake.scopes.lock().unwrap(),
        ["https://graph.microsoft.us/.default"]
    );
}
