//! The example in `examples/create_activate_poll.rs`, run against a local server that
//! plays Graph: create (201), activate (200), then `activating`, `active`, `completed`.
#![cfg(feature = "client")]

use std::time::Duration;

use msgraph_backup_restore_beta::RestoreSessionStatus;
use odata_runtime::serde_json::json;
use odata_runtime::{Client, Nullable, StaticToken};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[allow(dead_code)] // its `main` is for `cargo run --example`
#[path = "../examples/create_activate_poll.rs"]
mod example;

const SESSIONS: &str = "/beta/solutions/backupRestore/exchangeRestoreSessions";

#[tokio::test]
async fn creates_activates_and_polls_until_completed() {
    let server = MockServer::start().await;
    let create = json!({"mailboxRestoreArtifacts": [
        {"destinationType": "inPlace", "restorePoint": {"id": "rp-1"}},
        {"destinationType": "inPlace", "restorePoint": {"id": "rp-2"}},
    ]});
    Mock::given(method("POST"))
        .and(path(SESSIONS))
        .and(body_json(create))
        .respond_with(
            ResponseTemplate::new(201).set_body_json(json!({"id": "s1", "status": "draft"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("{SESSIONS}/s1/activate")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "@odata.type": "#microsoft.graph.exchangeRestoreSession", "id": "s1", "status": "activating"
        })))
        .expect(1)
        .mount(&server)
        .await;
    for (priority, status) in [(1, "activating"), (2, "active")] {
        Mock::given(method("GET"))
            .and(path(format!("{SESSIONS}/s1")))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(json!({"id": "s1", "status": status})),
            )
            .up_to_n_times(1)
            .with_priority(priority)
            .mount(&server)
            .await;
    }
    Mock::given(method("GET"))
        .and(path(format!("{SESSIONS}/s1")))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"id": "s1", "status": "completed"})),
        )
        .with_priority(3)
        .mount(&server)
        .await;

    let client = Client::builder(StaticToken::new("token"))
        .base_url(format!("{}/beta", server.uri()))
        .build()
        .unwrap();
    let session =
        example::create_activate_poll(&client, ["rp-1", "rp-2"], Duration::from_millis(1), 10)
            .await
            .unwrap();
    assert_eq!(
        session.status,
        Nullable::Value(RestoreSessionStatus::Completed)
    );
    let gets = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.method.as_str() == "GET")
        .count();
    assert_eq!(gets, 3, "activating, active, completed");
}
