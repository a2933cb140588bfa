//! Responses: each kind's parser, pages, and the service's errors.

use std::time::Duration;

use odata_runtime::http::{HeaderMap, Method, Response, StatusCode};
use odata_runtime::{
    Collection, Count, Entity, Error, MAX_ERROR_BODY, MaybeEntity, NoContent, ODataError, Page,
    Path, Request, ResponseKind, ServiceError, Value,
};
use serde_json::json;

fn respond<K: ResponseKind>(status: u16, body: &str) -> Result<K::Output, Error> {
    respond_with::<K>(status, &[], body.as_bytes())
}

#[allow(clippy::unwrap_used)] // a test helper: panicking fails the test that called it
fn respond_with<K: ResponseKind>(
    status: u16,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Result<K::Output, Error> {
    let mut builder = Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    let request: Request<K> = Request::new(Method::GET, Path::new("/x"));
    request.parse_response(builder.body(body.to_vec()).unwrap())
}

#[allow(clippy::panic)] // a test helper: panicking fails the test that called it
fn service_error(result: Result<impl std::fmt::Debug, Error>) -> Box<ServiceError> {
    match result {
        Err(Error::Service(error)) => error,
        other => panic!("expected a service error, got {other:?}"),
    }
}

fn is_decode<T>(result: &Result<T, Error>) -> bool {
    matches!(result, Err(Error::Decode(_)))
}

#[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct User {
    id: String,
}

/// Results are read through `Wire`; a serde type opts in as a `Model`, as generated ones do.
impl odata_runtime::Model for User {}

#[test]
fn count_is_a_plain_integer() {
    assert_eq!(respond::<Count>(200, "42").unwrap(), 42);
    assert_eq!(respond::<Count>(200, " 42\n").unwrap(), 42);
    assert_eq!(respond::<Count>(200, "\u{feff}42\r\n").unwrap(), 42);
    for garbage in ["", "  ", "4 2", "-1", "+1", "forty-two", "42.0", "\u{feff}"] {
        assert!(is_decode(&respond::<Count>(200, garbage)), "{garbage:?}");
    }
    assert!(is_decode(&respond_with::<Count>(200, &[], b"\xff42")));
}

#[test]
fn entity_needs_a_json_body() {
    assert_eq!(
        respond::<Entity<User>>(200, r#"{"id":"1","extra":true}"#).unwrap(),
        User { id: "1".into() }
    );
    assert!(is_decode(&respond::<Entity<User>>(204, "")));
    assert!(is_decode(&respond::<Entity<User>>(200, "")));
    let err = respond::<Entity<User>>(200, r#"{"name":"x"}"#).unwrap_err();
    let Error::Decode(decode) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(decode.status, StatusCode::OK);
    assert_eq!(decode.body, br#"{"name":"x"}"#);
    assert!(err.to_string().contains("missing field `id`"), "{err}");
}

#[test]
fn maybe_entity_is_none_for_no_content() {
    assert_eq!(
        respond::<MaybeEntity<User>>(200, r#"{"id":"1"}"#).unwrap(),
        Some(User { id: "1".into() })
    );
    assert_eq!(
        respond::<MaybeEntity<User>>(201, r#"{"id":"2"}"#).unwrap(),
        Some(User { id: "2".into() })
    );
    assert_eq!(respond::<MaybeEntity<User>>(204, "").unwrap(), None);
    assert_eq!(respond::<MaybeEntity<User>>(200, "").unwrap(), None);
    assert!(is_decode(&respond::<MaybeEntity<User>>(200, "<html>")));
}

#[test]
fn no_content_ignores_the_body() {
    respond::<NoContent>(204, "").unwrap();
    respond::<NoContent>(200, "not json").unwrap();
}

#[test]
fn value_unwraps_primitives_through_their_wire_forms() {
    assert_eq!(
        respond::<Value<i64>>(200, r#"{"@odata.context":"x","value":"9007199254740993"}"#).unwrap(),
        9_007_199_254_740_993
    );
    assert_eq!(
        respond::<Value<time::Date>>(200, r#"{"value":"2024-01-31"}"#).unwrap(),
        time::macros::date!(2024 - 01 - 31)
    );
    assert_eq!(
        respond::<Value<Vec<f64>>>(200, r#"{"value":[1.5,"INF"]}"#).unwrap(),
        vec![1.5, f64::INFINITY]
    );
    assert_eq!(respond::<Value<Option<String>>>(204, "").unwrap(), None);
    assert_eq!(
        respond::<Value<Option<String>>>(200, r#"{"value":null}"#).unwrap(),
        None
    );
    assert!(is_decode(&respond::<Value<String>>(204, "")));
    assert!(is_decode(&respond::<Value<String>>(200, r#"{"other":1}"#)));
}

#[test]
fn a_page_has_items_and_control_information() {
    let page = respond::<Collection<User>>(
        200,
        r#"{"@odata.context":"ctx","@odata.count":3,"value":[{"id":"1"},{"id":"2"}],
            "@odata.nextLink":"https://graph.microsoft.com/beta/users?$skiptoken=a","@odata.deltaLink":"ignored"}"#,
    )
    .unwrap();
    assert_eq!(page.value.len(), 2);
    assert_eq!(page.count, Some(3));
    assert_eq!(page.context.as_deref(), Some("ctx"));
    assert_eq!(
        page.next_link.as_deref(),
        Some("https://graph.microsoft.com/beta/users?$skiptoken=a")
    );
}

#[test]
fn a_page_reads_the_odata_4_01_short_names() {
    let page = respond::<Collection<User>>(
        200,
        r#"{"@context":"ctx","@count":"7","@nextLink":"users?$skiptoken=b","value":[]}"#,
    )
    .unwrap();
    assert_eq!(page.count, Some(7));
    assert_eq!(page.next_link.as_deref(), Some("users?$skiptoken=b"));
    assert_eq!(page.context.as_deref(), Some("ctx"));
}

#[test]
fn an_empty_last_page() {
    let page = respond::<Collection<User>>(200, r#"{"value":[]}"#).unwrap();
    assert_eq!(page, Page::default());
    assert!(is_decode(&respond::<Collection<User>>(
        200,
        r#"{"items":[]}"#
    )));
    assert!(is_decode(&respond::<Collection<User>>(
        200,
        r#"{"value":[],"@odata.count":-1}"#
    )));
}

const GRAPH_ERROR: &str = r#"{"error":{
    "code":"RestoreSessionActionNotAllowed",
    "message":"The restore session cannot be activated.",
    "details":[{"code":"Detail","message":"more","target":"status"}],
    "innerError":{"date":"2024-01-31T12:00:00","request-id":"8f2c-req","client-request-id":"77-client",
                  "code":"inner","innerError":{"nested":true}}}}"#;

#[test]
fn a_graph_error_is_parsed_with_its_inner_error() {
    let error = service_error(respond::<Entity<User>>(403, GRAPH_ERROR));
    assert_eq!(error.status, StatusCode::FORBIDDEN);
    assert_eq!(error.code(), Some("RestoreSessionActionNotAllowed"));
    assert_eq!(
        error.message(),
        Some("The restore session cannot be activated.")
    );
    assert_eq!(error.request_id(), Some("8f2c-req"));
    assert_eq!(error.client_request_id(), Some("77-client"));
    let odata = error.error.as_ref().unwrap();
    assert_eq!(odata.details[0].target.as_deref(), Some("status"));
    let inner = odata.inner_error.as_ref().unwrap();
    assert_eq!(inner.date.as_deref(), Some("2024-01-31T12:00:00"));
    assert_eq!(inner.code.as_deref(), Some("inner"));
    assert_eq!(inner.additional["innerError"], json!({"nested": true}));
    assert_eq!(error.body, GRAPH_ERROR.as_bytes());
}

#[test]
fn display_shows_status_code_message_and_ids() {
    let err = respond::<Entity<User>>(403, GRAPH_ERROR).unwrap_err();
    assert_eq!(
        err.to_string(),
        "HTTP 403 Forbidden: RestoreSessionActionNotAllowed: The restore session cannot be \
         activated. (request-id: 8f2c-req, client-request-id: 77-client)"
    );
    assert_eq!(err.status(), Some(StatusCode::FORBIDDEN));
}

#[test]
fn the_request_id_falls_back_to_the_header() {
    let err = respond_with::<NoContent>(
        404,
        &[("request-id", "from-header")],
        br#"{"error":{"code":"NotFound","message":"gone"}}"#,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "HTTP 404 Not Found: NotFound: gone (request-id: from-header)"
    );
}

#[test]
fn other_services_write_innererror_and_odd_types() {
    let body = r#"{"error":{"code":500,"message":{"lang":"en","value":"boom"},"details":null,
        "innererror":{"message":"stack","type":"System.Exception","request-id":"r"}}}"#;
    let error = service_error(respond::<NoContent>(500, body));
    assert_eq!(error.code(), Some("500"));
    assert_eq!(error.message(), Some("boom"));
    let odata = error.error.as_ref().unwrap();
    assert!(odata.details.is_empty());
    let inner = odata.inner_error.as_ref().unwrap();
    assert_eq!(inner.request_id.as_deref(), Some("r"));
    assert_eq!(inner.additional["type"], "System.Exception");
    let parsed: ODataError = serde_json::from_str(r#"{"error":{}}"#).unwrap();
    assert_eq!(parsed, ODataError::default());
    assert!(serde_json::from_str::<ODataError>(r#"{"message":"x"}"#).is_err());
}

#[test]
fn a_non_json_error_body_is_kept() {
    let html = "<html><body>502 Bad Gateway</body></html>";
    let error = service_error(respond::<NoContent>(502, html));
    assert!(error.error.is_none());
    assert_eq!(error.body_text(), html);
    assert_eq!(error.to_string(), "HTTP 502 Bad Gateway");
    assert!(format!("{error:?}").contains("502 Bad Gateway"));
}

#[test]
fn error_bodies_are_capped() {
    let body = vec![b'x'; MAX_ERROR_BODY + 10];
    let error = service_error(respond_with::<NoContent>(500, &[], &body));
    assert_eq!(error.body.len(), MAX_ERROR_BODY);
    assert!(error.body_truncated);
    let debug = format!("{error:?}");
    assert!(debug.len() < 4096, "{}", debug.len());
    let small = service_error(respond::<NoContent>(500, "x"));
    assert!(!small.body_truncated);
}

#[test]
fn retry_after_reads_seconds_or_a_date() {
    let with = |value: &str| {
        let mut headers = HeaderMap::new();
        headers.insert("retry-after", value.parse().unwrap());
        ServiceError::new(StatusCode::TOO_MANY_REQUESTS, headers, b"").retry_after()
    };
    assert_eq!(with("7"), Some(Duration::from_secs(7)));
    assert_eq!(with("Wed, 21 Oct 2015 07:28:00 GMT"), Some(Duration::ZERO));
    let later = std::time::SystemTime::now() + Duration::from_secs(120);
    let waited = with(&httpdate::fmt_http_date(later)).unwrap();
    assert!(waited > Duration::from_secs(100) && waited <= Duration::from_secs(120));
    assert_eq!(with("soon"), None);
    assert_eq!(
        ServiceError::new(StatusCode::TOO_MANY_REQUESTS, HeaderMap::new(), b"").retry_after(),
        None
    );
}

#[test]
fn errors_are_std_errors() {
    fn assert_error<E: std::error::Error + Send + Sync + 'static>() {}
    assert_error::<Error>();
    let err = Error::Token("expired".into());
    assert_eq!(err.to_string(), "the token provider failed: expired");
    assert!(std::error::Error::source(&err).is_some());
}

#[test]
fn collection_items_have_their_odata_wire_forms() {
    let page = respond::<Collection<i64>>(200, r#"{"value":["9007199254740993",2]}"#).unwrap();
    assert_eq!(page.value, [9_007_199_254_740_993, 2]);
    let page = respond::<Collection<time::OffsetDateTime>>(
        200,
        r#"{"value":["2024-01-31T12:00:00.1234567Z"]}"#,
    )
    .unwrap();
    assert_eq!(page.value[0].nanosecond(), 123_456_700);
}
