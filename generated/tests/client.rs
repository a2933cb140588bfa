//! End to end against a local HTTP server: every operation's round trip through the
//! generated request functions and `odata_runtime::Client`, Graph's error bodies,
//! throttling, paging, and no leaked token.
#![cfg(feature = "client")]

use std::time::Duration;

use futures_util::TryStreamExt as _;
use msgraph_backup_restore_beta::requests::solutions::backup_restore::exchange_restore_sessions as sessions;
use msgraph_backup_restore_beta::requests::solutions::backup_restore::restore_sessions;
use msgraph_backup_restore_beta::{
    AnyMailboxRestoreArtifact, AnyRestoreSessionBase, ExchangeRestoreSession,
    MailboxRestoreArtifactsBulkAdditionRequest, RestoreSessionStatus,
};
use odata_runtime::serde_json::{Value, json};
use odata_runtime::{Client, Error, Nullable, RetryPolicy, StaticToken};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.secret-part";
const SESSIONS: &str = "/beta/solutions/backupRestore/exchangeRestoreSessions";

#[allow(clippy::unwrap_used)] // a test helper: panicking fails the test that called it
fn client(server: &MockServer) -> Client {
    Client::builder(StaticToken::new(TOKEN))
        .base_url(format!("{}/beta", server.uri()))
        .retry(
            RetryPolicy::new()
                .max_retries(3)
                .initial_backoff(Duration::from_millis(5))
                .max_backoff(Duration::from_secs(2)),
        )
        .build()
        .unwrap()
}

fn session_json(id: &str, status: &str) -> Value {
    json!({
        "@odata.context": "https://graph.microsoft.com/beta/$metadata#solutions/backupRestore/exchangeRestoreSessions/$entity",
        "id": id,
        "status": status,
        "createdDateTime": "2023-03-30T12:01:03.45Z",
        "restoreSessionArtifactCount": {"total": 2, "completed": 0, "failed": 0, "inProgress": 2},
    })
}

async fn mount(server: &MockServer, verb: &str, route: &str, status: u16, body: Option<Value>) {
    let response = match body {
        Some(body) => ResponseTemplate::new(status).set_body_json(body),
        None => ResponseTemplate::new(status),
    };
    Mock::given(method(verb))
        .and(path(route))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(response)
        .expect(1)
        .mount(server)
        .await;
}

#[tokio::test]
async fn sessions_round_trip() {
    let server = MockServer::start().await;
    let client = client(&server);
    let s1 = format!("{SESSIONS}/s1");
    let page = json!({"value": [session_json("s1", "draft")], "@odata.count": 1});
    mount(&server, "GET", SESSIONS, 200, Some(page)).await;
    mount(&server, "GET", &format!("{SESSIONS}/$count"), 200, None).await;
    mount(
        &server,
        "POST",
        SESSIONS,
        201,
        Some(session_json("s1", "draft")),
    )
    .await;
    mount(&server, "GET", &s1, 200, Some(session_json("s1", "failed"))).await;
    mount(&server, "PATCH", &s1, 204, None).await;
    mount(&server, "DELETE", &s1, 204, None).await;
    let activated = json!({"@odata.type": "#microsoft.graph.exchangeRestoreSession", "id": "s1", "status": "activating"});
    mount(
        &server,
        "POST",
        &format!("{s1}/activate"),
        200,
        Some(activated.clone()),
    )
    .await;
    mount(
        &server,
        "POST",
        "/beta/solutions/backupRestore/restoreSessions/s1/activate",
        200,
        Some(activated),
    )
    .await;

    let page = client.send(&sessions::list(None)).await.unwrap();
    assert_eq!(page.count, Some(1));
    assert_eq!(page.value[0].id.as_deref(), Some("s1"));
    // `$count` answers text/plain; the mock's empty body is not a number.
    assert!(matches!(
        client.send(&sessions::count(None)).await,
        Err(Error::Decode(_))
    ));
    let created = client
        .send(&sessions::create(&ExchangeRestoreSession::default(), None))
        .await
        .unwrap();
    assert_eq!(created.status, Nullable::Value(RestoreSessionStatus::Draft));
    let got = client.send(&sessions::get("s1", None)).await.unwrap();
    // `failed` sits after unknownFutureValue: it only arrives because we asked.
    assert_eq!(got.status, Nullable::Value(RestoreSessionStatus::Failed));
    let updated = client
        .send(&sessions::update(
            "s1",
            &ExchangeRestoreSession::default(),
            None,
        ))
        .await
        .unwrap();
    assert_eq!(updated, None, "204 No Content");
    client.send(&sessions::delete("s1", None)).await.unwrap();
    for request in [
        sessions::activate("s1", None),
        restore_sessions::activate("s1", None),
    ] {
        match client.send(&request).await.unwrap() {
            AnyRestoreSessionBase::ExchangeRestoreSession(session) => {
                assert_eq!(
                    session.status,
                    Nullable::Value(RestoreSessionStatus::Activating)
                );
            }
            other => panic!("expected an exchangeRestoreSession, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn count_is_read_from_text_plain() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("{SESSIONS}/$count")))
        .and(header("accept", "text/plain"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("42", "text/plain"))
        .mount(&server)
        .await;
    assert_eq!(
        client(&server).send(&sessions::count(None)).await.unwrap(),
        42
    );
}

#[tokio::test]
async fn child_collections_round_trip() {
    let server = MockServer::start().await;
    let client = client(&server);
    let a = format!("{SESSIONS}/s1/mailboxRestoreArtifacts");
    let artifact = json!({"id": "a1", "destinationType": "inPlace", "status": "added", "restoredFolderName": "x"});
    mount(
        &server,
        "GET",
        &a,
        200,
        Some(json!({"value": [artifact.clone()]})),
    )
    .await;
    mount(&server, "POST", &a, 201, Some(artifact.clone())).await;
    mount(
        &server,
        "GET",
        &format!("{a}/a1"),
        200,
        Some(artifact.clone()),
    )
    .await;
    mount(
        &server,
        "PATCH",
        &format!("{a}/a1"),
        200,
        Some(artifact.clone()),
    )
    .await;
    mount(&server, "DELETE", &format!("{a}/a1"), 204, None).await;
    let point = json!({"id": "rp-1", "protectionDateTime": "2024-01-01T00:00:00Z", "tags": "fastRestore,includeNewerItems"});
    mount(
        &server,
        "GET",
        &format!("{a}/a1/restorePoint"),
        200,
        Some(point),
    )
    .await;
    let g = format!("{SESSIONS}/s1/granularMailboxRestoreArtifacts");
    mount(&server, "GET", &g, 200, Some(json!({"value": []}))).await;
    mount(
        &server,
        "POST",
        &g,
        201,
        Some(json!({"id": "g1", "searchResponseId": "q"})),
    )
    .await;
    let b = format!("{SESSIONS}/s1/mailboxRestoreArtifactsBulkAdditionRequests");
    mount(
        &server,
        "GET",
        &b,
        200,
        Some(json!({"value": [{"id": "b1", "status": "active"}]})),
    )
    .await;
    mount(
        &server,
        "POST",
        &b,
        201,
        Some(json!({"id": "b1", "displayName": "bulk"})),
    )
    .await;

    let artifacts = sessions::mailbox_restore_artifacts::list("s1", None);
    assert_eq!(client.send(&artifacts).await.unwrap().value.len(), 1);
    let body = AnyMailboxRestoreArtifact::default();
    let id = |a: &AnyMailboxRestoreArtifact| match a {
        AnyMailboxRestoreArtifact::MailboxRestoreArtifact(a) => a.id.clone(),
        AnyMailboxRestoreArtifact::GranularMailboxRestoreArtifact(a) => a.id.clone(),
    };
    let created = client
        .send(&sessions::mailbox_restore_artifacts::create(
            "s1", &body, None,
        ))
        .await
        .unwrap();
    assert_eq!(id(&created).as_deref(), Some("a1"));
    let got = client
        .send(&sessions::mailbox_restore_artifacts::get("s1", "a1", None))
        .await
        .unwrap();
    assert_eq!(id(&got).as_deref(), Some("a1"));
    let updated = client
        .send(&sessions::mailbox_restore_artifacts::update(
            "s1", "a1", &body, None,
        ))
        .await
        .unwrap();
    assert_eq!(
        updated.as_ref().and_then(id).as_deref(),
        Some("a1"),
        "200 with the entity"
    );
    client
        .send(&sessions::mailbox_restore_artifacts::delete(
            "s1", "a1", None,
        ))
        .await
        .unwrap();
    let point = client
        .send(&sessions::mailbox_restore_artifacts::restore_point::get(
            "s1", "a1", None,
        ))
        .await
        .unwrap();
    assert_eq!(point.id.as_deref(), Some("rp-1"));
    assert!(
        client
            .send(&sessions::granular_mailbox_restore_artifacts::list(
                "s1", None
            ))
            .await
            .unwrap()
            .value
            .is_empty()
    );
    let granular = client
        .send(&sessions::granular_mailbox_restore_artifacts::create(
            "s1",
            &Default::default(),
            None,
        ))
        .await
        .unwrap();
    assert_eq!(granular.search_response_id.as_deref(), Some("q"));
    let bulk = MailboxRestoreArtifactsBulkAdditionRequest::default();
    assert_eq!(
        client
            .send(&sessions::mailbox_restore_artifacts_bulk_addition_requests::list("s1", None))
            .await
            .unwrap()
            .value
            .len(),
        1
    );
    let created = client
        .send(
            &sessions::mailbox_restore_artifacts_bulk_addition_requests::create("s1", &bulk, None),
        )
        .await
        .unwrap();
    assert_eq!(created.display_name, Nullable::Value("bulk".to_owned()));
}

#[tokio::test]
async fn graph_error_bodies_become_typed_errors() {
    let cases = [
        (400, "BadRequest", "Invalid filter clause"),
        (
            403,
            "RestoreSessionActionNotAllowed",
            "Restore session is not in draft state.",
        ),
        (404, "ResourceNotFound", "Resource not found"),
        (500, "InternalServerError", "Something went wrong"),
    ];
    for (status, code, message) in cases {
        let server = MockServer::start().await;
        let body = json!({"error": {
            "code": code,
            "message": message,
            "innerError": {"date": "2024-05-01T10:00:00", "request-id": "req-1", "client-request-id": "cli-1"}
        }});
        Mock::given(method("POST"))
            .and(path(format!("{SESSIONS}/s1/activate")))
            .respond_with(
                ResponseTemplate::new(status)
                    .set_body_json(body)
                    .insert_header("request-id", "req-1"),
            )
            .mount(&server)
            .await;
        let error = client(&server)
            .send(&sessions::activate("s1", None))
            .await
            .unwrap_err();
        let Error::Service(service) = &error else {
            panic!("{status}: expected a service error, got {error:?}");
        };
        assert_eq!(service.status.as_u16(), status);
        assert_eq!(service.code(), Some(code));
        assert_eq!(service.message(), Some(message));
        assert_eq!(service.request_id(), Some("req-1"));
        let inner = service
            .error
            .as_ref()
            .and_then(|e| e.inner_error.as_ref())
            .unwrap();
        assert_eq!(inner.client_request_id.as_deref(), Some("cli-1"));
        assert_eq!(inner.date.as_deref(), Some("2024-05-01T10:00:00"));
        let shown = error.to_string();
        for part in [&status.to_string(), code, message, "req-1"] {
            assert!(shown.contains(part), "{shown:?} lacks {part:?}");
        }
        assert!(!format!("{error:?}").contains(TOKEN));
    }
}

#[tokio::test]
async fn a_non_json_error_body_is_kept() {
    let server = MockServer::start().await;
    let html = "<html><body>502 Bad Gateway</body></html>";
    Mock::given(method("GET"))
        .and(path(format!("{SESSIONS}/s1")))
        .respond_with(ResponseTemplate::new(502).set_body_raw(html, "text/html"))
        .mount(&server)
        .await;
    let Err(Error::Service(service)) = client(&server).send(&sessions::get("s1", None)).await
    else {
        panic!("expected a service error");
    };
    assert_eq!(service.status.as_u16(), 502);
    assert_eq!(service.error, None);
    assert_eq!(service.body, html.as_bytes());
    assert_eq!(service.headers["content-type"], "text/html");
}

#[tokio::test]
async fn throttling_is_retried_after_the_delay_the_service_asks_for() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(SESSIONS))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "1"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(SESSIONS))
        .and(body_json(json!({"status": "draft"})))
        .respond_with(ResponseTemplate::new(201).set_body_json(session_json("s1", "draft")))
        .with_priority(2)
        .mount(&server)
        .await;
    let body = ExchangeRestoreSession {
        status: Nullable::Value(RestoreSessionStatus::Draft),
        ..ExchangeRestoreSession::default()
    };
    let started = std::time::Instant::now();
    let created = client(&server)
        .send(&sessions::create(&body, None))
        .await
        .unwrap();
    assert_eq!(created.id.as_deref(), Some("s1"));
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After: 1 was honoured"
    );
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 2, "one throttled attempt, one retry");
    // The retry is the same request: same client-request-id, same body.
    assert_eq!(
        received[0].headers["client-request-id"],
        received[1].headers["client-request-id"]
    );
    assert_eq!(received[0].body, received[1].body);
}

#[tokio::test]
async fn unavailable_forever_stops_after_the_bound_with_the_last_error() {
    let server = MockServer::start().await;
    let body = json!({"error": {"code": "serviceNotAvailable", "message": "try later"}});
    Mock::given(method("GET"))
        .and(path(SESSIONS))
        .respond_with(ResponseTemplate::new(503).set_body_json(body))
        .mount(&server)
        .await;
    let error = client(&server)
        .send(&sessions::list(None))
        .await
        .unwrap_err();
    let Error::Service(service) = error else {
        panic!("expected the last 503");
    };
    assert_eq!(service.status.as_u16(), 503);
    assert_eq!(service.code(), Some("serviceNotAvailable"));
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        4,
        "the first try and 3 retries"
    );
}

#[tokio::test]
async fn items_follow_absolute_then_relative_next_links_to_an_empty_last_page() {
    let server = MockServer::start().await;
    let absolute = format!(
        "{}/beta/solutions/backupRestore/exchangeRestoreSessions?$skiptoken=2",
        server.uri()
    );
    let pages = [
        (
            None,
            json!({"value": [session_json("s1", "draft")], "@odata.nextLink": absolute}),
        ),
        (
            Some("2"),
            json!({"value": [session_json("s2", "active")], "@odata.nextLink": "solutions/backupRestore/exchangeRestoreSessions?$skiptoken=3"}),
        ),
        (Some("3"), json!({"value": []})),
    ];
    for (token, body) in pages {
        let mut mock = Mock::given(method("GET")).and(path(SESSIONS));
        mock = match token {
            Some(token) => mock.and(wiremock::matchers::query_param("$skiptoken", token)),
            None => mock.and(wiremock::matchers::query_param_is_missing("$skiptoken")),
        };
        mock.and(header("prefer", "include-unknown-enum-members"))
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = client(&server);
    let ids: Vec<Option<String>> = client
        .items(sessions::list(None))
        .map_ok(|s| s.id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids, [Some("s1".to_owned()), Some("s2".to_owned())]);
}

#[tokio::test]
async fn the_token_never_shows_in_debug_output() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401).set_body_json(
            json!({"error": {"code": "InvalidAuthenticationToken", "message": "expired"}}),
        ))
        .mount(&server)
        .await;
    let client = client(&server);
    let request = sessions::get("s1", None);
    let error = client.send(&request).await.unwrap_err();
    for shown in [
        format!("{client:?}"),
        format!("{request:?}"),
        format!("{error:?}"),
        error.to_string(),
    ] {
        assert!(
            !shown.contains(TOKEN) && !shown.contains("secret-part"),
            "{shown}"
        );
    }
}
