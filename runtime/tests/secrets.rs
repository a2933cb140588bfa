//! The bearer token never leaves the `Authorization` header: not in a log or tracing line of
//! the whole client stack (ours, reqwest, hyper, h2), not in any `Debug` or `Display` of
//! the client, a request or an error, whatever the service answers. And what a hostile
//! service can make the client hold or wait for is bounded.
#![cfg(feature = "client")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step is a failed test"
)]

use std::io;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use futures_util::StreamExt as _;
use odata_runtime::http::Method;
use odata_runtime::{
    AccessToken, Client, Collection, Entity, Error, MAX_ERROR_BODY, Path, Request, RetryPolicy,
    StaticToken, TokenFn,
};
use serde_json::{Value, json};
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

const SECRET: &str = "s3cr3t-t0ken-7f3a";

/// Every line any `log` or `tracing` call in this process writes, at every level.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Capture {
    fn take(&self) -> String {
        let mut lines = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        String::from_utf8_lossy(&std::mem::take(&mut *lines)).into_owned()
    }
}

impl io::Write for Capture {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut lines = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        lines.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn client(base: &str, token: &str) -> Client {
    Client::builder(StaticToken::new(token))
        .base_url(base)
        .retry(
            RetryPolicy::new()
                .max_retries(1)
                .initial_backoff(Duration::from_millis(5)),
        )
        .build()
        .unwrap()
}

/// One test, so that one global subscriber sees everything in order and nothing from
/// another test interleaves.
#[tokio::test]
async fn no_log_line_debug_or_display_carries_the_token() {
    let capture = Capture::default();
    let writer = capture.clone();
    // `tracing-log` routes the `log` records of reqwest and rustls into the same subscriber.
    tracing_subscriber::fmt()
        .with_max_level(tracing_subscriber::filter::LevelFilter::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .try_init()
        .expect("the only subscriber of this test binary");

    let server = MockServer::start().await;
    Mock::given(path("/beta/ok"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "1"})))
        .mount(&server)
        .await;
    Mock::given(path("/beta/denied"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "error": {"code": "InvalidAuthenticationToken", "message": "Access token is empty."}
        })))
        .mount(&server)
        .await;
    Mock::given(path("/beta/throttled"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "0"))
        .mount(&server)
        .await;
    Mock::given(path("/beta/list"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "value": [{"id": "1"}], "@odata.nextLink": format!("{}/beta/denied", server.uri())
        })))
        .mount(&server)
        .await;
    let base = format!("{}/beta", server.uri());
    let graph = client(&base, SECRET);

    let ok: Request<Entity<Value>> = Request::new(Method::GET, Path::new("/ok"));
    let denied: Request<Entity<Value>> = Request::new(Method::GET, Path::new("/denied"));
    let throttled: Request<Entity<Value>> = Request::new(Method::POST, Path::new("/throttled"));
    let list: Request<Collection<Value>> = Request::new(Method::GET, Path::new("/list"));
    let mut shown = vec![
        format!("{graph:?}"),
        format!("{ok:?}"),
        format!("{:?}", ok.to_http(&base).unwrap()),
        format!("{:?}", graph.send(&ok).await.unwrap()),
    ];
    for failed in [graph.send(&denied).await, graph.send(&throttled).await] {
        let err = failed.unwrap_err();
        shown.extend([format!("{err:?}"), format!("{err}")]);
    }
    for page in graph.pages(list).collect::<Vec<_>>().await {
        shown.push(format!("{page:?}"));
    }
    // Nothing listens on port 9 (discard): a transport error, retried once.
    let refused = client("http://127.0.0.1:9/beta", SECRET).send(&ok).await;
    let err = refused.unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    shown.extend([format!("{err:?}"), format!("{err}")]);
    // A token that cannot be a header value is refused without being quoted.
    let broken = client(&base, &format!("{SECRET}\n")).send(&ok).await;
    let err = broken.unwrap_err();
    assert!(matches!(err, Error::Token(_)), "{err:?}");
    shown.extend([format!("{err:?}"), format!("{err}")]);
    let provider = TokenFn::new(|| async { Ok::<_, Error>(AccessToken::new(SECRET)) });
    shown.extend([
        format!("{provider:?}"),
        format!("{:?}", StaticToken::new(SECRET)),
        format!("{:?}", Client::builder(StaticToken::new(SECRET))),
    ]);

    for text in &shown {
        assert!(!text.contains(SECRET), "the token shows in: {text}");
    }
    let logged = capture.take();
    // The capture must have seen the stack at work, or its silence proves nothing.
    assert!(
        logged.contains("127.0.0.1"),
        "no connection was logged:\n{logged}"
    );
    assert!(!logged.contains(SECRET), "the token is logged:\n{logged}");

    // The capture would catch a leak: reqwest's opt-in wire log (an `http_client` of the
    // user's own) writes raw headers, token included.
    let verbose = reqwest::Client::builder()
        .connection_verbose(true)
        .build()
        .unwrap();
    let control = Client::builder(StaticToken::new("control-token"))
        .base_url(&base)
        .http_client(verbose)
        .build()
        .unwrap();
    control.send(&ok).await.unwrap();
    assert!(capture.take().contains("control-token"));
}

/// An error body is what a service chooses to send; the client keeps at most
/// [`MAX_ERROR_BODY`] of it and stops reading there.
#[tokio::test]
async fn an_endless_error_body_is_cut_at_the_cap() {
    let server = MockServer::start().await;
    Mock::given(path("/beta/huge"))
        .respond_with(ResponseTemplate::new(500).set_body_bytes(vec![b'x'; 4 * MAX_ERROR_BODY]))
        .mount(&server)
        .await;
    let graph = client(&format!("{}/beta", server.uri()), SECRET);
    let huge: Request<Entity<Value>> = Request::new(Method::GET, Path::new("/huge"));
    let err = graph.send(&huge).await.unwrap_err();
    let service = err.service().expect("a service error");
    assert_eq!(service.body.len(), MAX_ERROR_BODY);
    assert!(service.body_truncated);
    assert!(format!("{err}").len() < 4096, "Display stays short");
}

/// However a policy is configured, the retries end: a count and a wait that are capped,
/// and a `Retry-After` beyond the cap is returned to the caller, not slept on.
#[test]
fn retry_bounds_cannot_be_configured_to_infinity() {
    let policy = RetryPolicy::new()
        .max_retries(u32::MAX)
        .initial_backoff(Duration::MAX)
        .max_backoff(Duration::MAX);
    assert_eq!(policy.retries(), RetryPolicy::MAX_RETRIES_LIMIT);
    let worst: Duration = (0..policy.retries())
        .map(|retry| policy.delay(retry, None).unwrap())
        .sum();
    assert!(worst <= RetryPolicy::MAX_BACKOFF_LIMIT * RetryPolicy::MAX_RETRIES_LIMIT);
    assert_eq!(policy.delay(0, Some(Duration::MAX)), None);
}
