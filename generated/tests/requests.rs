//! Protocol tests (smithy style): the request every operation builds, without a network.
//! One row per operation: method, path and query, the headers Graph conventions ask for,
//! and the JSON body.

use msgraph_backup_restore_beta::requests::solutions::backup_restore::exchange_restore_sessions as sessions;
use msgraph_backup_restore_beta::requests::solutions::backup_restore::restore_sessions;
use msgraph_backup_restore_beta::{
    DestinationType, ExchangeRestoreSession, MailboxRestoreArtifact,
    MailboxRestoreArtifactsBulkAdditionRequest, RestorePoint, RestoreSessionStatus,
};
use odata_runtime::http::header;
use odata_runtime::serde_json::{Value, json};
use odata_runtime::{
    CLIENT_REQUEST_ID, CountOptions, GetOptions, ListOptions, Nullable, Options, Request,
};

const BASE: &str = "https://graph.microsoft.com/beta";
const SESSIONS: &str = "/solutions/backupRestore/exchangeRestoreSessions";

/// What a row checks: everything of the request but the fresh `client-request-id`.
#[derive(Debug, PartialEq)]
struct Built {
    method: String,
    target: String,
    accept: String,
    content_type: Option<String>,
    prefer: Option<String>,
    body: Option<Value>,
}

fn built<K>(request: &Request<K>) -> Built {
    let header = |name| {
        request
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    Built {
        method: request.method().to_string(),
        target: request.path_and_query(),
        accept: header(header::ACCEPT).unwrap_or_default(),
        content_type: header(header::CONTENT_TYPE),
        prefer: header(header::HeaderName::from_static("prefer")),
        body: request
            .body()
            .map(|b| odata_runtime::serde_json::from_slice(b).unwrap_or(Value::Null)),
    }
}

/// The expected request: JSON in and out, with Graph's `Prefer` where the response can
/// hold an evolvable enum member.
fn expect(method: &str, target: &str, prefer: bool, body: Option<Value>) -> Built {
    Built {
        method: method.to_owned(),
        target: target.to_owned(),
        accept: if target.contains("/$count") {
            "text/plain"
        } else {
            "application/json"
        }
        .to_owned(),
        content_type: body.as_ref().map(|_| "application/json".to_owned()),
        prefer: prefer.then(|| "include-unknown-enum-members".to_owned()),
        body,
    }
}

fn artifact(restore_point_id: &str) -> MailboxRestoreArtifact {
    MailboxRestoreArtifact {
        restore_point: Nullable::Value(RestorePoint {
            id: Some(restore_point_id.to_owned()),
            ..RestorePoint::default()
        }),
        destination_type: Nullable::Value(DestinationType::InPlace),
        ..MailboxRestoreArtifact::default()
    }
}

#[test]
fn every_operation_builds_the_documented_request() {
    let session = ExchangeRestoreSession {
        mailbox_restore_artifacts: Some(vec![artifact("rp-1").into(), artifact("rp-2").into()]),
        ..ExchangeRestoreSession::default()
    };
    let session_json = json!({"mailboxRestoreArtifacts": [
        {"destinationType": "inPlace", "restorePoint": {"id": "rp-1"}},
        {"destinationType": "inPlace", "restorePoint": {"id": "rp-2"}},
    ]});
    // PATCH sends only what is set; `null` clears, absence leaves alone.
    let change = ExchangeRestoreSession {
        status: Nullable::Value(RestoreSessionStatus::Draft),
        error: Nullable::Null,
        ..ExchangeRestoreSession::default()
    };
    let bulk = MailboxRestoreArtifactsBulkAdditionRequest {
        display_name: Nullable::Value("bulk".to_owned()),
        mailboxes: Some(vec!["a@contoso.com".to_owned()]),
        ..MailboxRestoreArtifactsBulkAdditionRequest::default()
    };
    let s = format!("{SESSIONS}/s1");
    let a = format!("{s}/mailboxRestoreArtifacts");
    let g = format!("{s}/granularMailboxRestoreArtifacts");
    let b = format!("{s}/mailboxRestoreArtifactsBulkAdditionRequests");
    let artifact_json = json!({"destinationType": "inPlace", "restorePoint": {"id": "rp-1"}});
    let granular = msgraph_backup_restore_beta::GranularMailboxRestoreArtifact {
        search_response_id: Some("search-1".to_owned()),
        ..Default::default()
    };
    let list_options = || {
        Some(
            ListOptions::new()
                .filter("status eq 'active'")
                .top(5)
                .select(["id", "status"]),
        )
    };

    let rows: Vec<(&str, Built, Built)> = vec![
        (
            "list sessions",
            built(&sessions::list(None)),
            expect("GET", SESSIONS, true, None),
        ),
        (
            "list sessions with query options",
            built(&sessions::list(list_options())),
            expect(
                "GET",
                &format!("{SESSIONS}?$select=id,status&$filter=status%20eq%20'active'&$top=5"),
                true,
                None,
            ),
        ),
        (
            "count sessions",
            built(&sessions::count(None)),
            expect("GET", &format!("{SESSIONS}/$count"), false, None),
        ),
        (
            "count sessions with a search",
            built(&sessions::count(Some(
                CountOptions::new().search("mail box"),
            ))),
            expect(
                "GET",
                &format!("{SESSIONS}/$count?$search=%22mail%20box%22"),
                false,
                None,
            ),
        ),
        (
            "create a session",
            built(&sessions::create(&session, None)),
            expect("POST", SESSIONS, true, Some(session_json.clone())),
        ),
        (
            "get a session",
            built(&sessions::get("s1", None)),
            expect("GET", &s, true, None),
        ),
        (
            "get a session, expanded",
            built(&sessions::get(
                "s1",
                Some(GetOptions::new().expand(["mailboxRestoreArtifacts"])),
            )),
            expect(
                "GET",
                &format!("{s}?$expand=mailboxRestoreArtifacts"),
                true,
                None,
            ),
        ),
        (
            "update a session",
            built(&sessions::update("s1", &change, None)),
            expect(
                "PATCH",
                &s,
                true,
                Some(json!({"error": null, "status": "draft"})),
            ),
        ),
        (
            "delete a session",
            built(&sessions::delete("s1", None)),
            expect("DELETE", &s, false, None),
        ),
        (
            "activate through the session",
            built(&sessions::activate("s1", None)),
            expect("POST", &format!("{s}/activate"), true, None),
        ),
        (
            "activate through restoreSessions",
            built(&restore_sessions::activate("s1", None)),
            expect(
                "POST",
                "/solutions/backupRestore/restoreSessions/s1/activate",
                true,
                None,
            ),
        ),
        (
            "list artifacts",
            built(&sessions::mailbox_restore_artifacts::list("s1", None)),
            expect("GET", &a, true, None),
        ),
        (
            "count artifacts",
            built(&sessions::mailbox_restore_artifacts::count("s1", None)),
            expect("GET", &format!("{a}/$count"), false, None),
        ),
        (
            "create an artifact",
            built(&sessions::mailbox_restore_artifacts::create(
                "s1",
                &artifact("rp-1").into(),
                None,
            )),
            expect("POST", &a, true, Some(artifact_json.clone())),
        ),
        (
            "get an artifact",
            built(&sessions::mailbox_restore_artifacts::get("s1", "a1", None)),
            expect("GET", &format!("{a}/a1"), true, None),
        ),
        (
            "update an artifact",
            built(&sessions::mailbox_restore_artifacts::update(
                "s1",
                "a1",
                &artifact("rp-1").into(),
                None,
            )),
            expect(
                "PATCH",
                &format!("{a}/a1"),
                true,
                Some(artifact_json.clone()),
            ),
        ),
        (
            "delete an artifact",
            built(&sessions::mailbox_restore_artifacts::delete(
                "s1", "a1", None,
            )),
            expect("DELETE", &format!("{a}/a1"), false, None),
        ),
        (
            "get an artifact's restore point",
            built(&sessions::mailbox_restore_artifacts::restore_point::get(
                "s1", "a1", None,
            )),
            expect("GET", &format!("{a}/a1/restorePoint"), true, None),
        ),
        (
            "list granular artifacts",
            built(&sessions::granular_mailbox_restore_artifacts::list(
                "s1", None,
            )),
            expect("GET", &g, true, None),
        ),
        (
            "count granular artifacts",
            built(&sessions::granular_mailbox_restore_artifacts::count(
                "s1", None,
            )),
            expect("GET", &format!("{g}/$count"), false, None),
        ),
        (
            "create a granular artifact",
            built(&sessions::granular_mailbox_restore_artifacts::create(
                "s1", &granular, None,
            )),
            expect(
                "POST",
                &g,
                true,
                Some(json!({"searchResponseId": "search-1"})),
            ),
        ),
        (
            "get a granular artifact",
            built(&sessions::granular_mailbox_restore_artifacts::get(
                "s1", "g1", None,
            )),
            expect("GET", &format!("{g}/g1"), true, None),
        ),
        (
            "update a granular artifact",
            built(&sessions::granular_mailbox_restore_artifacts::update(
                "s1", "g1", &granular, None,
            )),
            expect(
                "PATCH",
                &format!("{g}/g1"),
                true,
                Some(json!({"searchResponseId": "search-1"})),
            ),
        ),
        (
            "delete a granular artifact",
            built(&sessions::granular_mailbox_restore_artifacts::delete(
                "s1", "g1", None,
            )),
            expect("DELETE", &format!("{g}/g1"), false, None),
        ),
        (
            "get a granular artifact's restore point",
            built(
                &sessions::granular_mailbox_restore_artifacts::restore_point::get("s1", "g1", None),
            ),
            expect("GET", &format!("{g}/g1/restorePoint"), true, None),
        ),
        (
            "list bulk addition requests",
            built(&sessions::mailbox_restore_artifacts_bulk_addition_requests::list("s1", None)),
            expect("GET", &b, true, None),
        ),
        (
            "count bulk addition requests",
            built(&sessions::mailbox_restore_artifacts_bulk_addition_requests::count("s1", None)),
            expect("GET", &format!("{b}/$count"), false, None),
        ),
        (
            "create a bulk addition request",
            built(
                &sessions::mailbox_restore_artifacts_bulk_addition_requests::create(
                    "s1", &bulk, None,
                ),
            ),
            expect(
                "POST",
                &b,
                true,
                Some(json!({"displayName": "bulk", "mailboxes": ["a@contoso.com"]})),
            ),
        ),
        (
            "get a bulk addition request",
            built(
                &sessions::mailbox_restore_artifacts_bulk_addition_requests::get("s1", "b1", None),
            ),
            expect("GET", &format!("{b}/b1"), true, None),
        ),
        (
            "update a bulk addition request",
            built(
                &sessions::mailbox_restore_artifacts_bulk_addition_requests::update(
                    "s1", "b1", &bulk, None,
                ),
            ),
            expect(
                "PATCH",
                &format!("{b}/b1"),
                true,
                Some(json!({"displayName": "bulk", "mailboxes": ["a@contoso.com"]})),
            ),
        ),
        (
            "delete a bulk addition request",
            built(
                &sessions::mailbox_restore_artifacts_bulk_addition_requests::delete(
                    "s1", "b1", None,
                ),
            ),
            expect("DELETE", &format!("{b}/b1"), false, None),
        ),
        (
            "a key that needs encoding",
            built(&sessions::get("a/b c?#%", None)),
            expect("GET", &format!("{SESSIONS}/a%2Fb%20c%3F%23%25"), true, None),
        ),
    ];
    let failures: Vec<String> = rows
        .iter()
        .filter(|(_, actual, expected)| actual != expected)
        .map(|(name, actual, expected)| {
            format!("{name}:\n  built    {actual:?}\n  expected {expected:?}")
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} rows differ:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

#[test]
fn unknown_future_value_is_never_sent() {
    let change = ExchangeRestoreSession {
        status: Nullable::Value(RestoreSessionStatus::UnknownFutureValue),
        ..ExchangeRestoreSession::default()
    };
    let request = sessions::update("s1", &change, None);
    assert_eq!(built(&request).body, Some(json!({})));
}

#[test]
fn extra_headers_are_sent_and_every_http_request_gets_a_fresh_client_request_id() {
    let request = sessions::get(
        "s1",
        Some(GetOptions::new().header("ConsistencyLevel", "eventual")),
    );
    let first = request.to_http(BASE).unwrap();
    let second = request.to_http(BASE).unwrap();
    assert_eq!(
        first.uri().to_string(),
        "https://graph.microsoft.com/beta/solutions/backupRestore/exchangeRestoreSessions/s1"
    );
    assert_eq!(first.headers()["consistencylevel"], "eventual");
    let id = |r: &odata_runtime::http::Request<Vec<u8>>| {
        r.headers()[CLIENT_REQUEST_ID].to_str().unwrap().to_owned()
    };
    assert_ne!(id(&first), id(&second));
    assert!(odata_runtime::uuid::Uuid::parse_str(&id(&first)).is_ok());
}

#[test]
fn a_client_request_id_set_by_the_caller_is_kept() {
    let request = sessions::delete(
        "s1",
        Some(Options::new().header("client-request-id", "mine")),
    );
    assert_eq!(
        request.to_http(BASE).unwrap().headers()[CLIENT_REQUEST_ID],
        "mine"
    );
}

/// Without our client: any HTTP stack sends the `http::Request`, the request parses the
/// `http::Response` it gets back.
#[test]
fn responses_parse_without_the_client() {
    let request = restore_sessions::activate("s1", None);
    let http = request.to_http(BASE).unwrap();
    assert_eq!(http.method(), "POST");
    let response = odata_runtime::http::Response::builder()
        .status(200)
        .body(br##"{"@odata.type":"#microsoft.graph.exchangeRestoreSession","id":"s1","status":"activating"}"##.to_vec())
        .unwrap();
    let session = request.parse_response(response).unwrap();
    assert!(matches!(
        session,
        msgraph_backup_restore_beta::AnyRestoreSessionBase::ExchangeRestoreSession(s) if s.status == Nullable::Value(RestoreSessionStatus::Activating)
    ));

    let forbidden = odata_runtime::http::Response::builder()
        .status(403)
        .body(
            br#"{"error":{"code":"RestoreSessionActionNotAllowed","message":"not a draft"}}"#
                .to_vec(),
        )
        .unwrap();
    let error = request.parse_response(forbidden).unwrap_err();
    assert!(
        error.to_string().contains("RestoreSessionActionNotAllowed"),
        "{error}"
    );
}
