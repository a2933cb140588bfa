//! What the `response` and `models` fuzz targets run on one input, shared with
//! `tests/fuzz_regressions.rs`, which replays the minimized crash inputs through the same
//! code (`fuzz/src/lib.rs` includes this file by path). A panic here is the finding:
//! generated code and the runtime must never panic on what a service sends.

#![allow(
    clippy::panic,
    clippy::unwrap_used,
    reason = "a panic is how a fuzz harness reports a broken invariant"
)]

use std::fmt::Debug;
use std::hint::black_box;

use msgraph_backup_restore_beta::requests::solutions::backup_restore::exchange_restore_sessions as sessions;
use msgraph_backup_restore_beta::requests::solutions::backup_restore::restore_sessions;
use msgraph_backup_restore_beta::*;
use odata_runtime::http::{self, HeaderValue, StatusCode, header};
use odata_runtime::serde::Serialize;
use odata_runtime::serde::de::DeserializeOwned;
use odata_runtime::serde_json;
use odata_runtime::{Collection, Request, ResponseKind};

use sessions::granular_mailbox_restore_artifacts as granular;
use sessions::mailbox_restore_artifacts as mailbox;
use sessions::mailbox_restore_artifacts_bulk_addition_requests as bulk;

/// Reads a response of one operation and uses what comes back as a caller would: the
/// value or the error, printed; for a page, the request of the next page.
fn read<K: ResponseKind>(request: Request<K>, response: http::Response<Vec<u8>>)
where
    K::Output: Debug,
{
    match request.parse_response(response) {
        Ok(value) => {
            black_box(format!("{value:?}"));
        }
        Err(error) => use_error(&error),
    }
}

/// [`read`] for a collection, which also follows `@odata.nextLink`.
fn read_page<T: odata_runtime::Wire + Debug>(
    request: Request<Collection<T>>,
    response: http::Response<Vec<u8>>,
) {
    match request.parse_response(response) {
        Ok(page) => {
            black_box(format!("{page:?}"));
            if let Some(next) = request.next_page(&page) {
                let _ = black_box(next.to_http("https://graph.microsoft.com/beta"));
            }
        }
        Err(error) => use_error(&error),
    }
}

fn use_error(error: &odata_runtime::Error) {
    black_box(error.to_string());
    black_box(format!("{error:?}"));
    if let odata_runtime::Error::Service(service) = error {
        black_box(service.retry_after());
        black_box(service.request_id());
        black_box(service.client_request_id());
        black_box(service.body_text());
    }
}

type Operation = (&'static str, fn(http::Response<Vec<u8>>));

/// Every request function in `generated/src/requests/`, by module path. `ID` is any key.
/// To re-check that none is missing: `grep -rc '^pub fn ' generated/src/requests` sums to
/// `OPERATIONS.len()`; `operations_are_all_listed` in `tests/fuzz_regressions.rs` checks
/// the names against the files, so a new endpoint fails `cargo test` until it is added here.
pub const OPERATIONS: &[Operation] = &[
    ("exchange_restore_sessions::list", |r| {
        read_page(sessions::list(None), r)
    }),
    ("exchange_restore_sessions::count", |r| {
        read(sessions::count(None), r)
    }),
    ("exchange_restore_sessions::create", |r| {
        read(sessions::create(&Default::default(), None), r);
    }),
    ("exchange_restore_sessions::get", |r| {
        read(sessions::get(ID, None), r)
    }),
    ("exchange_restore_sessions::update", |r| {
        read(sessions::update(ID, &Default::default(), None), r);
    }),
    ("exchange_restore_sessions::delete", |r| {
        read(sessions::delete(ID, None), r)
    }),
    ("exchange_restore_sessions::activate", |r| {
        read(sessions::activate(ID, None), r)
    }),
    (
        "exchange_restore_sessions::granular_mailbox_restore_artifacts::list",
        |r| {
            read_page(granular::list(ID, None), r);
        },
    ),
    (
        "exchange_restore_sessions::granular_mailbox_restore_artifacts::count",
        |r| {
            read(granular::count(ID, None), r);
        },
    ),
    (
        "exchange_restore_sessions::granular_mailbox_restore_artifacts::create",
        |r| {
            read(granular::create(ID, &Default::default(), None), r);
        },
    ),
    (
        "exchange_restore_sessions::granular_mailbox_restore_artifacts::get",
        |r| {
            read(granular::get(ID, ID, None), r);
        },
    ),
    (
        "exchange_restore_sessions::granular_mailbox_restore_artifacts::update",
        |r| {
            read(granular::update(ID, ID, &Default::default(), None), r);
        },
    ),
    (
        "exchange_restore_sessions::granular_mailbox_restore_artifacts::delete",
        |r| {
            read(granular::delete(ID, ID, None), r);
        },
    ),
    (
        "exchange_restore_sessions::granular_mailbox_restore_artifacts::restore_point::get",
        |r| {
            read(granular::restore_point::get(ID, ID, None), r);
        },
    ),
    (
        "exchange_restore_sessions::mailbox_restore_artifacts::list",
        |r| {
            read_page(mailbox::list(ID, None), r);
        },
    ),
    (
        "exchange_restore_sessions::mailbox_restore_artifacts::count",
        |r| {
            read(mailbox::count(ID, None), r);
        },
    ),
    (
        "exchange_restore_sessions::mailbox_restore_artifacts::create",
        |r| {
            read(
                mailbox::create(ID, &MailboxRestoreArtifact::default().into(), None),
                r,
            );
        },
    ),
    (
        "exchange_restore_sessions::mailbox_restore_artifacts::get",
        |r| {
            read(mailbox::get(ID, ID, None), r);
        },
    ),
    (
        "exchange_restore_sessions::mailbox_restore_artifacts::update",
        |r| {
            let body = MailboxRestoreArtifact::default().into();
            read(mailbox::update(ID, ID, &body, None), r);
        },
    ),
    (
        "exchange_restore_sessions::mailbox_restore_artifacts::delete",
        |r| {
            read(mailbox::delete(ID, ID, None), r);
        },
    ),
    (
        "exchange_restore_sessions::mailbox_restore_artifacts::restore_point::get",
        |r| {
            read(mailbox::restore_point::get(ID, ID, None), r);
        },
    ),
    (
        "exchange_restore_sessions::mailbox_restore_artifacts_bulk_addition_requests::list",
        |r| {
            read_page(bulk::list(ID, None), r);
        },
    ),
    (
        "exchange_restore_sessions::mailbox_restore_artifacts_bulk_addition_requests::count",
        |r| {
            read(bulk::count(ID, None), r);
        },
    ),
    (
        "exchange_restore_sessions::mailbox_restore_artifacts_bulk_addition_requests::create",
        |r| {
            read(bulk::create(ID, &Default::default(), None), r);
        },
    ),
    (
        "exchange_restore_sessions::mailbox_restore_artifacts_bulk_addition_requests::get",
        |r| {
            read(bulk::get(ID, ID, None), r);
        },
    ),
    (
        "exchange_restore_sessions::mailbox_restore_artifacts_bulk_addition_requests::update",
        |r| {
            read(bulk::update(ID, ID, &Default::default(), None), r);
        },
    ),
    (
        "exchange_restore_sessions::mailbox_restore_artifacts_bulk_addition_requests::delete",
        |r| {
            read(bulk::delete(ID, ID, None), r);
        },
    ),
    ("restore_sessions::activate", |r| {
        read(restore_sessions::activate(ID, None), r)
    }),
];

const ID: &str = "id-1";

/// The statuses worth a byte each: the successes the kinds tell apart, redirects, and the
/// errors Graph sends. A byte past the table takes any status from the next two bytes.
const STATUSES: &[u16] = &[
    200, 201, 202, 204, 206, 299, 301, 304, 400, 401, 403, 404, 409, 412, 429, 500, 503, 504,
];

/// Content types the kinds may look at (`Count` reads `text/plain`), and none at all.
const CONTENT_TYPES: &[Option<&str>] = &[
    None,
    Some("application/json"),
    Some("application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false"),
    Some("application/json; IEEE754Compatible=true"),
    Some("text/plain"),
    Some("text/plain; charset=utf-8"),
    Some("application/xml"),
    Some("application/octet-stream"),
];

/// `Retry-After` forms: seconds, an HTTP-date in the past and the future, and junk.
const RETRY_AFTER: &[&str] = &[
    "120",
    "0",
    "18446744073709551615",
    "99999999999999999999999",
    "-1",
    "Wed, 21 Oct 2015 07:28:00 GMT",
    "Fri, 31 Dec 9999 23:59:59 GMT",
    "soon",
];

/// The `response` target: byte 0 picks the operation, byte 1 the status, byte 2 the
/// content type (low 3 bits) and `Retry-After` and `request-id` headers (high bits); the
/// rest is the body.
pub fn response(data: &[u8]) {
    let [op, status, headers, rest @ ..] = data else {
        return;
    };
    let (_, run) = OPERATIONS[usize::from(*op) % OPERATIONS.len()];
    let (status, body) = match STATUSES.get(usize::from(*status)) {
        Some(status) => (*status, rest),
        None => match rest {
            [hi, lo, body @ ..] => (100 + u16::from_be_bytes([*hi, *lo]) % 900, body),
            _ => return,
        },
    };
    let mut response = http::Response::new(body.to_vec());
    // 100..=999 is exactly what StatusCode accepts.
    *response.status_mut() = StatusCode::from_u16(status).unwrap();
    let map = response.headers_mut();
    if let Some(Some(ty)) = CONTENT_TYPES.get(usize::from(headers & 7)) {
        map.insert(header::CONTENT_TYPE, HeaderValue::from_static(ty));
    }
    if headers & 8 != 0 {
        let value = RETRY_AFTER[usize::from(headers >> 4) % RETRY_AFTER.len()];
        map.insert(header::RETRY_AFTER, HeaderValue::from_static(value));
    }
    if headers & 0x80 != 0 {
        map.insert("request-id", HeaderValue::from_static("header-request-id"));
    }
    run(response);
}

/// One model type: its name, and the round trip of the `models` target through it.
type Model = (&'static str, fn(&[u8]));

macro_rules! models {
    ($($ty:ty),* $(,)?) => {
        &[$((stringify!($ty), round_trip::<$ty>)),*]
    };
}

/// Every model type of the crate (`pub use` in `src/microsoft_graph/mod.rs`), the `Any*`
/// dispatch enums too; `models_are_all_listed` in `tests/fuzz_regressions.rs` checks it.
pub const MODELS: &[Model] = models![
    ArtifactRestoreStatus,
    DestinationType,
    Entity,
    AnyEntity,
    ExchangeRestoreSession,
    GranularMailboxRestoreArtifact,
    Identity,
    IdentitySet,
    MailboxRestoreArtifact,
    AnyMailboxRestoreArtifact,
    MailboxRestoreArtifactsBulkAdditionRequest,
    ProtectionSource,
    ProtectionUnitBase,
    ProtectionUnitStatus,
    PublicError,
    PublicErrorDetail,
    PublicInnerError,
    RestoreArtifactBase,
    AnyRestoreArtifactBase,
    RestoreArtifactsBulkRequestBase,
    AnyRestoreArtifactsBulkRequestBase,
    RestoreArtifactsBulkRequestStatus,
    RestoreJobType,
    RestorePoint,
    RestorePointPreference,
    RestorePointTags,
    RestoreSessionArtifactCount,
    RestoreSessionBase,
    AnyRestoreSessionBase,
    RestoreSessionStatus,
    RetentionPeriodChange,
    RetentionPeriodChangeStatus,
    TimePeriod,
];

/// What a value read from JSON must do: be written, read back, and be the same value.
fn round_trip<T: DeserializeOwned + Serialize + PartialEq + Debug>(json: &[u8]) {
    let Ok(value) = serde_json::from_slice::<T>(json) else {
        return;
    };
    let written = match serde_json::to_vec(&value) {
        Ok(written) => written,
        Err(error) => panic!("{value:?} was read but does not write: {error}"),
    };
    let again = match serde_json::from_slice::<T>(&written) {
        Ok(again) => again,
        Err(error) => panic!(
            "{value:?} wrote {} which does not read back: {error}",
            String::from_utf8_lossy(&written)
        ),
    };
    if finer_than_ticks(json) || holds_placeholder(json) {
        return;
    }
    assert_eq!(
        value,
        again,
        "not the same after a round trip through {}",
        String::from_utf8_lossy(&written)
    );
}

/// Whether the JSON holds seconds with 8 or more digits after the point (`:05.123456789`,
/// `PT0.00000005S`): a date-time, time of day or duration finer than 100 ns. The runtime
/// reads those to the nanosecond but writes 7 digits (`runtime/src/wire/temporal.rs`: the
/// most Graph accepts; `runtime/tests/wire.rs` pins both), so they read back coarser by
/// design, and only the read-back is checked. Plain numbers (`0.123456789`) stay checked.
fn finer_than_ticks(json: &[u8]) -> bool {
    json.iter().enumerate().any(|(point, &byte)| {
        if byte != b'.' {
            return false;
        }
        let digits = json[point + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let clock = point >= 3
            && json[point - 3] == b':'
            && json[point - 2..point].iter().all(u8::is_ascii_digit);
        let duration = json.get(point + 1 + digits) == Some(&b'S');
        digits >= 8 && (clock || duration)
    })
}

/// Whether the JSON names the `unknownFutureValue` sentinel, which is read but never written
/// (`odata_runtime::Model::is_placeholder`: Graph rejects it in a request body), so the
/// property it was in reads back absent by design. Any spelling counts: a case-insensitive
/// enum match would read it too.
fn holds_placeholder(json: &[u8]) -> bool {
    const SENTINEL: &[u8] = b"unknownfuturevalue";
    json.windows(SENTINEL.len())
        .any(|w| w.eq_ignore_ascii_case(SENTINEL))
}

/// The `models` target: byte 0 picks the type, the rest is its JSON.
pub fn models(data: &[u8]) {
    let [pick, json @ ..] = data else {
        return;
    };
    let (_, run) = MODELS[usize::from(*pick) % MODELS.len()];
    run(json);
}
