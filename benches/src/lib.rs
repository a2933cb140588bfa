//! Fixtures for the benchmarks in `benches/`: Graph JSON built in code, so nothing large
//! is checked in.
//!
//! This is its own workspace member rather than part of `odata-codegen`'s dev-dependencies:
//! there the generator's tests would only build when the crate it generated (`generated/`)
//! compiles, and `cargo test -p odata-codegen` would build the runtime and that crate too.

use std::fmt::Write as _;

/// The `ExchangeRestoreSession` status values of a list, in rotation.
const STATUSES: [&str; 6] = [
    "draft",
    "activating",
    "active",
    "completed",
    "completedWithError",
    "failed",
];

/// Properties that the schema of `generated/` does not declare, on every item.
pub const UNKNOWN_PROPERTIES: [&str; 2] = ["restoreSessionTags", "estimatedCompletionDateTime"];

/// A page of `GET /solutions/backupRestore/exchangeRestoreSessions` with `items` sessions:
/// the shape of the seed response in `generated/tests/data` (identity sets of an
/// application and a user, timestamps, `error`), with what a list adds (`@odata.type` on
/// each item, the artifact counts, `@odata.nextLink`), valid RFC 3339 timestamps with 0, 2
/// and 7 fractional digits, varied ids, statuses and errors, and [`UNKNOWN_PROPERTIES`].
pub fn sessions_page(items: usize) -> String {
    let mut out = String::with_capacity(items * 1400 + 400);
    out.push_str(concat!(
        "{\"@odata.context\":\"https://graph.microsoft.com/beta/$metadata",
        "#solutions/backupRestore/exchangeRestoreSessions\",\"value\":["
    ));
    for i in 0..items {
        if i > 0 {
            out.push(',');
        }
        session(&mut out, i);
    }
    out.push_str(concat!(
        "],\"@odata.nextLink\":\"https://graph.microsoft.com/beta/solutions/backupRestore/",
        "exchangeRestoreSessions?$skiptoken=RFNwdAIAAQAAABg6ZXhjaGFuZ2VSZXN0b3JlU2Vzc2lvbnM\"}"
    ));
    out
}

fn session(out: &mut String, i: usize) {
    let status = STATUSES[i % STATUSES.len()];
    let finished = matches!(status, "completed" | "completedWithError" | "failed");
    let created = timestamp(i, 0);
    let modified = timestamp(i, 3);
    let completed = if finished {
        format!("\"{}\"", timestamp(i, 5))
    } else {
        "null".to_owned()
    };
    let total = 2 + i % 9;
    let failed = match status {
        "failed" => total,
        "completedWithError" => 1,
        _ => 0,
    };
    let done = if finished { total - failed } else { i % total };
    let in_progress = total - done - failed;
    let job = if i.is_multiple_of(7) {
        "bulk"
    } else {
        "standard"
    };
    // `write!` to a String cannot fail.
    let _ = write!(
        out,
        concat!(
            "{{\"@odata.type\":\"#microsoft.graph.exchangeRestoreSession\",",
            "\"id\":\"{id}\",\"status\":\"{status}\",\"restoreJobType\":\"{job}\",",
            "\"restoreSessionArtifactCount\":{{\"total\":{total},\"completed\":{done},",
            "\"inProgress\":{in_progress},\"failed\":{failed}}},",
            "\"createdBy\":{created_by},\"createdDateTime\":\"{created}\",",
            "\"lastModifiedBy\":{modified_by},\"lastModifiedDateTime\":\"{modified}\",",
            "\"completedDateTime\":{completed},\"error\":{error},",
            "\"restoreSessionTags\":[\"quarterly\",\"mailbox-{n}\"],",
            "\"estimatedCompletionDateTime\":\"{estimate}\"}}"
        ),
        id = guid(i, 0x959b_a739),
        status = status,
        job = job,
        total = total,
        done = done,
        in_progress = in_progress,
        failed = failed,
        created_by = identity_set(i, "ABC"),
        created = created,
        modified_by = identity_set(i + 1, "DEF"),
        modified = modified,
        completed = completed,
        error = error(status, i),
        n = i % 13,
        estimate = timestamp(i, 6),
    );
}

/// A GUID-shaped id, different for each `i` and `seed`.
fn guid(i: usize, seed: u32) -> String {
    let mixed = (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ u64::from(seed);
    format!(
        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        seed.wrapping_add(i as u32),
        (mixed >> 48) & 0xffff,
        (mixed >> 36) & 0xfff,
        (mixed >> 24) & 0xfff,
        mixed & 0xffff_ffff_ffff
    )
}

/// A valid RFC 3339 time `hours_later` after item `i` was created.
fn timestamp(i: usize, hours_later: usize) -> String {
    let day = 1 + i % 28;
    let hour = (i * 5 + hours_later) % 24;
    let (minute, second) = ((i * 7) % 60, (i * 13) % 60);
    let fraction = match i % 3 {
        0 => "",
        1 => ".45",
        _ => ".1234567",
    };
    format!("2024-04-{day:02}T{hour:02}:{minute:02}:{second:02}{fraction}Z")
}

fn identity_set(i: usize, user: &str) -> String {
    format!(
        concat!(
            "{{\"application\":{{\"id\":\"1fec8e78-bce4-4aaf-ab1b-5451cc387264\",",
            "\"displayName\":\"Microsoft Enhanced Restore\"}},",
            "\"user\":{{\"id\":\"{id}\",\"displayName\":\"{user} {n}\"}}}}"
        ),
        id = guid(i % 17, 0x8454_57dc),
        user = user,
        n = i % 17,
    )
}

fn error(status: &str, i: usize) -> String {
    if !matches!(status, "completedWithError" | "failed") {
        return "null".to_owned();
    }
    format!(
        concat!(
            "{{\"code\":\"RestoreFailed\",\"message\":\"Restore of {failed} artifacts failed.\",",
            "\"target\":null,\"details\":[{{\"code\":\"MailboxNotFound\",",
            "\"message\":\"The mailbox was not found.\",\"target\":\"{mailbox}\"}}],",
            "\"innerError\":{{\"code\":\"E_NOTFOUND\",\"message\":\"Not found.\",",
            "\"target\":\"{mailbox}\",\"details\":[]}}}}"
        ),
        failed = if status == "failed" { "all" } else { "some" },
        mailbox = guid(i, 0x1f1f_ccc3),
    )
}

#[cfg(test)]
mod tests {
    use msgraph_backup_restore_beta::{ExchangeRestoreSession, RestoreSessionStatus};
    use odata_runtime::{Nullable, Page};

    use super::*;

    #[test]
    fn the_page_decodes_into_the_generated_models_keeping_unknown_properties() {
        let json = sessions_page(100);
        let page: Page<ExchangeRestoreSession> = serde_json::from_str(&json).unwrap();
        assert_eq!(page.value.len(), 100);
        assert!(page.next_link.is_some() && page.context.is_some());
        for item in &page.value {
            let keys: Vec<&str> = item
                .additional_properties
                .keys()
                .map(String::as_str)
                .collect();
            assert_eq!(keys, ["estimatedCompletionDateTime", "restoreSessionTags"]);
            assert!(item.odata.type_name.is_some());
            assert!(matches!(item.created_date_time, Nullable::Value(_)));
            assert!(matches!(item.created_by, Nullable::Value(_)));
        }
        let failed = &page.value[5];
        assert_eq!(failed.status, Nullable::Value(RestoreSessionStatus::Failed));
        assert!(matches!(failed.error, Nullable::Value(_)));
        assert_eq!(page.value[0].error, Nullable::Null);
    }

    #[test]
    fn ids_differ() {
        let ids: std::collections::BTreeSet<String> = (0..100).map(|i| guid(i, 1)).collect();
        assert_eq!(ids.len(), 100);
    }
}
