//! Paging as a user writes it: one `use` of the crate's prelude, no `futures` dependency
//! and no `pin_mut!`. This file names nothing from `futures_util` on purpose.
#![cfg(feature = "client")]

use msgraph_backup_restore_beta::prelude::*;
use msgraph_backup_restore_beta::requests::solutions::backup_restore::exchange_restore_sessions as sessions;
use odata_runtime::serde_json::json;
use wiremock::matchers::{method, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Two pages of sessions: `s1` then `s2`, linked by `@odata.nextLink`.
async fn two_pages() -> MockServer {
    let server = MockServer::start().await;
    let next = "solutions/backupRestore/exchangeRestoreSessions?$skiptoken=2";
    Mock::given(method("GET"))
        .and(query_param_is_missing("$skiptoken"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"value": [{"id": "s1", "status": "draft"}], "@odata.nextLink": next}),
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("$skiptoken", "2"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"value": [{"id": "s2", "status": "active"}]})),
        )
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> Result<Client, BoxError> {
    let base_url = format!("{}/beta", server.uri());
    Ok(Client::builder(StaticToken::new("token"))
        .base_url(base_url)
        .build()?)
}

#[tokio::test]
async fn items_are_read_with_try_next_in_a_while_loop() -> Result<(), BoxError> {
    let server = two_pages().await;
    let client = client(&server)?;

    let mut items = client.items(sessions::list(Some(ListOptions::new().top(1))));
    let mut ids = Vec::new();
    while let Some(session) = items.try_next().await? {
        ids.push(session.id.ok_or("no id")?);
    }
    assert_eq!(ids, ["s1", "s2"]);
    Ok(())
}

#[tokio::test]
async fn pages_are_read_with_next_and_outlive_the_client() -> Result<(), BoxError> {
    let server = two_pages().await;
    let mut pages = client(&server)?.pages(sessions::list(None));

    let mut sizes = Vec::new();
    while let Some(page) = pages.next().await {
        sizes.push(page?.value.len());
    }
    assert_eq!(sizes, [1, 1]);
    Ok(())
}

/// A stream can be moved into a task: `Send`, `'static` (it holds its own handle on the
/// client) and `Unpin`.
#[tokio::test]
async fn a_stream_can_be_spawned() -> Result<(), BoxError> {
    let server = two_pages().await;
    let items = client(&server)?.items(sessions::list(None));
    fn spawnable<S: Send + Unpin + 'static>(stream: S) -> S {
        stream
    }
    let ids = tokio::spawn(spawnable(items).map_ok(|session| session.id).try_collect())
        .await?
        .map(|ids: Vec<Option<String>>| ids.into_iter().flatten().collect::<Vec<_>>())?;
    assert_eq!(ids, ["s1", "s2"]);
    Ok(())
}
