//! Decoding a page of 100 exchangeRestoreSessions (`odata_benches::sessions_page`, 98 KB)
//! three ways, from the same bytes as `serde_json::from_slice`, which is what
//! `odata_runtime::Collection` parses a response body with:
//!
//! - `generated`: `odata_runtime::Page<ExchangeRestoreSession>`, what a user of `generated/`
//!   gets from a list request (control information and unknown properties kept);
//! - `value`: `serde_json::Value`, the untyped alternative;
//! - `plain`: the floor, a `#[derive(Deserialize)]` struct with the same fields, no
//!   unknown-property map, no control information but `@odata.type`.
//!
//! `cargo bench -p odata-benches --bench decode`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "benchmarks fail loudly on bad fixtures"
)]

use std::sync::LazyLock;

use divan::counter::BytesCount;
use divan::{AllocProfiler, Bencher, black_box};
use msgraph_backup_restore_beta::microsoft_graph::ExchangeRestoreSession;
use odata_benches::{UNKNOWN_PROPERTIES, sessions_page};
use odata_runtime::Page;

#[global_allocator]
static ALLOC: AllocProfiler = AllocProfiler::system();

const ITEMS: usize = 100;

static PAGE: LazyLock<Vec<u8>> = LazyLock::new(|| sessions_page(ITEMS).into_bytes());

fn main() {
    check_fixture();
    divan::main();
}

/// Once, untimed: every way decodes all items, and the generated models kept the
/// properties the schema does not declare.
fn check_fixture() {
    let generated: Page<ExchangeRestoreSession> = serde_json::from_slice(&PAGE).unwrap();
    assert_eq!(generated.value.len(), ITEMS);
    for item in &generated.value {
        for unknown in UNKNOWN_PROPERTIES {
            assert!(
                item.additional_properties.contains_key(unknown),
                "{unknown}"
            );
        }
        assert!(item.odata.type_name.is_some());
    }
    let plain: plain::Page = serde_json::from_slice(&PAGE).unwrap();
    assert_eq!(plain.value.len(), ITEMS);
    let value: serde_json::Value = serde_json::from_slice(&PAGE).unwrap();
    assert_eq!(value["value"].as_array().map(Vec::len), Some(ITEMS));
}

#[divan::bench]
fn generated(bencher: Bencher) {
    bencher.counter(BytesCount::of_slice(&*PAGE)).bench(|| {
        serde_json::from_slice::<Page<ExchangeRestoreSession>>(black_box(&PAGE)).unwrap()
    });
}

#[divan::bench]
fn value(bencher: Bencher) {
    bencher
        .counter(BytesCount::of_slice(&*PAGE))
        .bench(|| serde_json::from_slice::<serde_json::Value>(black_box(&PAGE)).unwrap());
}

#[divan::bench]
fn plain(bencher: Bencher) {
    bencher
        .counter(BytesCount::of_slice(&*PAGE))
        .bench(|| serde_json::from_slice::<plain::Page>(black_box(&PAGE)).unwrap());
}

/// What a hand-written client would declare: serde's derive, nothing OData-specific.
#[allow(
    dead_code,
    reason = "fields are only written, by the decoder being measured"
)]
mod plain {
    use serde::Deserialize;
    use time::OffsetDateTime;

    #[derive(Deserialize)]
    pub struct Page {
        #[serde(rename = "@odata.context")]
        pub context: Option<String>,
        pub value: Vec<Session>,
        #[serde(rename = "@odata.nextLink")]
        pub next_link: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Session {
        #[serde(rename = "@odata.type")]
        pub odata_type: Option<String>,
        pub id: Option<String>,
        pub status: Option<Status>,
        pub restore_job_type: Option<JobType>,
        pub restore_session_artifact_count: Option<ArtifactCount>,
        pub created_by: Option<IdentitySet>,
        #[serde(default, with = "time::serde::rfc3339::option")]
        pub created_date_time: Option<OffsetDateTime>,
        pub last_modified_by: Option<IdentitySet>,
        #[serde(default, with = "time::serde::rfc3339::option")]
        pub last_modified_date_time: Option<OffsetDateTime>,
        #[serde(default, with = "time::serde::rfc3339::option")]
        pub completed_date_time: Option<OffsetDateTime>,
        pub error: Option<PublicError>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub enum Status {
        Draft,
        Activating,
        Active,
        CompletedWithError,
        Completed,
        UnknownFutureValue,
        Failed,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub enum JobType {
        Standard,
        Bulk,
        UnknownFutureValue,
        Granular,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct ArtifactCount {
        pub completed: Option<i32>,
        pub failed: Option<i32>,
        pub in_progress: Option<i32>,
        pub total: Option<i32>,
    }

    #[derive(Deserialize)]
    pub struct IdentitySet {
        pub application: Option<Identity>,
        pub device: Option<Identity>,
        pub user: Option<Identity>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Identity {
        pub display_name: Option<String>,
        pub id: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct PublicError {
        pub code: Option<String>,
        pub details: Option<Vec<ErrorDetail>>,
        pub inner_error: Option<InnerError>,
        pub message: Option<String>,
        pub target: Option<String>,
    }

    #[derive(Deserialize)]
    pub struct ErrorDetail {
        pub code: Option<String>,
        pub message: Option<String>,
        pub target: Option<String>,
    }

    #[derive(Deserialize)]
    pub struct InnerError {
        pub code: Option<String>,
        pub details: Option<Vec<ErrorDetail>>,
        pub message: Option<String>,
        pub target: Option<String>,
    }
}
