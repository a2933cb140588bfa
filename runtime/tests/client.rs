//! The client against a local mock server: tokens, retries, paging, and no leaked secrets.
#![cfg(feature = "client")]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use futures_util::TryStreamExt as _;
use odata_runtime::http::Method;
use odata_runtime::{
    AccessToken, Client, Collection, Entity, Error, ListOptions, NoContent, Path, Request,
    RetryPolicy, StaticToken, TokenFn,
};
use serde_json::{Value, json};
use wiremock::matchers::{header, header_exists, method, path, query_param};
use wiremock::{Mock, MockServer, Request as Received, ResponseTemplate};

const SECRET: &str = "s3cr3t-t0ken";

fn fast_retries() -> RetryPolicy {
    RetryPolicy::new()
        .max_retries(2)
        .initial_backoff(Duration::from_millis(10))
        .max_backoff(Duration::from_secs(2))
}

#[allow(clippy::unwrap_used)] // a test helper: panicking fails the test that called it
fn client(server: &MockServer) -> Client {
    Client::builder(StaticToken::new(SECRET))
        .base_url(format!("{}/beta/", server.uri()))
        .retry(fast_retries())
        .build()
        .unwrap()
}

fn get(p: &str) -> Request<Entity<Value>> {
    Request::new(Method::GET, Path::new(p))
}

fn graph_error(code: &str) -> Value {
    json!({"error": {"code": code, "message": "slow down", "innerError": {"request-id": "rid"}}})
}

#[tokio::test]
async fn the_bearer_token_and_request_headers_are_sent() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/beta/me"))
        .and(header("authorization", format!("Bearer {SECRET}").as_str()))
        .and(header("accept", "application/json"))
        .and(header_exists("client-request-id"))
        .and(header("user-agent", "tests/1.0"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "1"})))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder(StaticToken::new(SECRET))
        .base_url(format!("{}/beta", server.uri()))
        .user_agent("tests/1.0")
        .build()
        .unwrap();
    let me = client.send(&get("/me")).await.unwrap();
    assert_eq!(me, json!({"id": "1"}));
}

#[tokio::test]
async fn a_token_is_asked_for_on_every_attempt() {
    let server = MockServer::start().await;
    Mock::given(path("/beta/x"))
        .and(header("authorization", "Bearer first"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    Mock::given(path("/beta/x"))
        .and(header("authorization", "Bearer second"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&calls);
    let provider = TokenFn::new(move || {
        let n = counter.fetch_add(1, Ordering::SeqCst);
        async move { Ok(AccessToken::new(if n == 0 { "first" } else { "second" })) }
    });
    let client = Client::builder(provider)
        .base_url(format!("{}/beta", server.uri()))
        .retry(fast_retries())
        .build()
        .unwrap();
    let request: Request<NoContent> = Request::new(Method::DELETE, Path::new("/x"));
    client.send(&request).await.unwrap();
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_failing_token_provider_is_a_token_error() {
    let provider = TokenFn::new(|| async { Err(Error::Token("no credentials".into())) });
    let client = Client::builder(provider)
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap();
    let err = client.send(&get("/me")).await.unwrap_err();
    assert!(matches!(err, Error::Token(_)), "{err:?}");
}

#[tokio::test]
async fn throttling_with_retry_after_is_retried_once_then_succeeds() {
    let server = MockServer::start().await;
    Mock::given(path("/beta/users/1"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "1")
                .set_body_json(graph_error("TooManyRequests")),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(path("/beta/users/1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "1"})))
        .mount(&server)
        .await;
    let started = std::time::Instant::now();
    let user = client(&server).send(&get("/users/1")).await.unwrap();
    assert_eq!(user["id"], "1");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After was honoured"
    );
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 2);
    let ids: Vec<_> = received
        .iter()
        .map(|r| &r.headers["client-request-id"])
        .collect();
    assert_eq!(ids[0], ids[1], "one client-request-id for all attempts");
    assert_eq!(received[1].headers["retry-attempt"], "1");
}

#[tokio::test]
async fn unavailable_forever_stops_after_the_bound_with_the_last_error() {
    let server = MockServer::start().await;
    Mock::given(path("/beta/x"))
        .respond_with(ResponseTemplate::new(503).set_body_json(graph_error("ServiceUnavailable")))
        .mount(&server)
        .await;
    // POST: 503 means the request was not processed, so even an action is retried.
    let request: Request<NoContent> =
        Request::new(Method::POST, Path::new("/x")).parameter("a", &1_i32);
    let err = client(&server).send(&request).await.unwrap_err();
    let Error::Service(error) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(error.status, 503);
    assert_eq!(error.code(), Some("ServiceUnavailable"));
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
    assert!(received_bodies_equal(
        &server.received_requests().await.unwrap()
    ));
}

fn received_bodies_equal(received: &[Received]) -> bool {
    received.windows(2).all(|w| w[0].body == w[1].body) && !received[0].body.is_empty()
}

#[tokio::test]
async fn a_gateway_timeout_is_retried_for_get_but_not_for_post() {
    let server = MockServer::start().await;
    Mock::given(path("/beta/x"))
        .respond_with(ResponseTemplate::new(504))
        .mount(&server)
        .await;
    let post: Request<NoContent> = Request::new(Method::POST, Path::new("/x"));
    let err = client(&server).send(&post).await.unwrap_err();
    assert_eq!(
        err.status(),
        Some(odata_runtime::http::StatusCode::GATEWAY_TIMEOUT)
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 1);

    let err = client(&server).send(&get("/x")).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(504));
    assert_eq!(server.received_requests().await.unwrap().len(), 1 + 3);
}

#[tokio::test]
async fn a_retry_after_beyond_the_maximum_backoff_is_not_waited_for() {
    let server = MockServer::start().await;
    Mock::given(path("/beta/x"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "3600"))
        .mount(&server)
        .await;
    let err = client(&server).send(&get("/x")).await.unwrap_err();
    let retry_after = err.service().and_then(|e| e.retry_after());
    assert_eq!(retry_after, Some(Duration::from_secs(3600)));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn other_errors_are_not_retried() {
    let server = MockServer::start().await;
    Mock::given(path("/beta/x"))
        .respond_with(ResponseTemplate::new(500).set_body_string("<html>oops</html>"))
        .mount(&server)
        .await;
    let err = client(&server).send(&get("/x")).await.unwrap_err();
    assert_eq!(err.service().unwrap().body_text(), "<html>oops</html>");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn connection_failures_are_transport_errors() {
    // Nothing listens on the discard port of the loopback address.
    let client = Client::builder(StaticToken::new(SECRET))
        .base_url("http://127.0.0.1:9/beta")
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let err = client.send(&get("/x")).await.unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert!(std::error::Error::source(&err).is_some());
    assert!(!format!("{err:?}").contains(SECRET));
}

#[tokio::test]
async fn items_follow_absolute_then_relative_next_links_to_an_empty_last_page() {
    let server = MockServer::start().await;
    let base = format!("{}/beta", server.uri());
    Mock::given(path("/beta/users"))
        .and(query_param("$top", "2"))
        .and(header("consistencylevel", "eventual"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "value": [{"id": "1"}, {"id": "2"}],
            "@odata.count": 3,
            "@odata.nextLink": format!("{base}/users?$skiptoken=page2"),
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path("/beta/users"))
        .and(query_param("$skiptoken", "page2"))
        .and(header("consistencylevel", "eventual"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "value": [{"id": "3"}],
            "@odata.nextLink": "users?$skiptoken=page3",
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path("/beta/users"))
        .and(query_param("$skiptoken", "page3"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": []})))
        .expect(1)
        .mount(&server)
        .await;
    let request: Request<Collection<Value>> = Request::new(Method::GET, Path::new("/users"))
        .options(Some(
            ListOptions::new()
                .top(2)
                .count(true)
                .consistency_level_eventual(),
        ));
    let client = client(&server);
    let items: Vec<Value> = client.items(request.clone()).try_collect().await.unwrap();
    let ids: Vec<&str> = items
        .iter()
        .filter_map(|item| item["id"].as_str())
        .collect();
    assert_eq!(ids, ["1", "2", "3"]);

    server.reset().await;
    Mock::given(path("/beta/users"))
        .respond_with(ResponseTemplate::new(403).set_body_json(graph_error("Forbidden")))
        .mount(&server)
        .await;
    let pages: Vec<_> = futures_util::StreamExt::collect(client.pages(request)).await;
    assert_eq!(pages.len(), 1, "an error ends the stream");
    assert!(matches!(pages[0], Err(Error::Service(_))));
}

#[tokio::test]
async fn the_token_never_shows_in_debug_output() {
    let server = MockServer::start().await;
    Mock::given(path("/beta/x"))
        .respond_with(
            ResponseTemplate::new(401).set_body_json(graph_error("InvalidAuthenticationToken")),
        )
        .mount(&server)
        .await;
    let client = client(&server);
    let request = get("/x");
    let err = client.send(&request).await.unwrap_err();
    for shown in [
        format!("{client:?}"),
        format!("{request:?}"),
        format!("{err:?}"),
        format!("{err}"),
        format!("{:?}", AccessToken::new(SECRET)),
        format!("{}", AccessToken::new(SECRET)),
        format!("{:?}", StaticToken::new(SECRET)),
        format!("{:?}", Client::builder(StaticToken::new(SECRET))),
    ] {
        assert!(!shown.contains(SECRET), "{shown}");
    }
    assert_eq!(
        format!("{:?}", AccessToken::new(SECRET)),
        "AccessToken(***)"
    );
}

#[tokio::test]
async fn bad_configuration_is_reported_by_build() {
    for base in ["graph.microsoft.com/beta", "ftp://example.com", "not a url"] {
        let built = Client::builder(StaticToken::new(SECRET))
            .base_url(base)
            .build();
        assert!(matches!(built, Err(Error::InvalidRequest(_))), "{base}");
    }
    let built = Client::builder(StaticToken::new(SECRET))
        .user_agent("bad\nagent")
        .build();
    assert!(matches!(built, Err(Error::InvalidRequest(_))));
    let client = Client::new(StaticToken::new(SECRET)).unwrap();
    assert_eq!(client.base_url(), odata_runtime::DEFAULT_BASE_URL);
}

#[tokio::test]
async fn a_repeated_next_link_ends_the_stream_with_an_error() {
    let server = MockServer::start().await;
    let again = format!("{}/beta/users?$skiptoken=same", server.uri());
    Mock::given(path("/beta/users"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "value": [{"id": "1"}],
            "@odata.nextLink": again,
        })))
        .mount(&server)
        .await;
    let request: Request<Collection<Value>> = Request::new(Method::GET, Path::new("/users"));
    let client = client(&server);
    let pages: Vec<_> = futures_util::StreamExt::collect(client.pages(request)).await;
    assert_eq!(pages.len(), 3, "two pages, then the error");
    assert!(pages[0].is_ok() && pages[1].is_ok());
    assert!(matches!(pages[2], Err(Error::Decode(_))));
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}
