//! Graph JSON through the generated models and back, as a table of cases that needs nothing
//! but the model types. It runs here, against the crate built from the CSDL, and — copied
//! verbatim — against the crate `cargo xtask generate` builds from the OpenAPI excerpt
//! (`xtask/tests/fixtures_compile.rs`): both readers must give models that read and write
//! the same wire JSON.

use msgraph_backup_restore_beta::microsoft_graph::{
    AnyMailboxRestoreArtifact, AnyRestoreArtifactBase, AnyRestoreSessionBase,
};
use msgraph_backup_restore_beta::microsoft_graph::{
    ExchangeRestoreSession, IdentitySet, RestorePoint, RestoreSessionBase,
};
use odata_runtime::serde::{Serialize, de::DeserializeOwned};
use odata_runtime::serde_json::{self, Value, json};

const SEED_REQUEST: &str = include_str!("data/seed-create-request.json");
const SEED_RESPONSE: &str = include_str!("data/seed-create-response.json");

/// Reads `input` as a `T` and writes it back.
fn round_trip<T: DeserializeOwned + Serialize>(input: &Value) -> Result<Value, String> {
    let value: T = serde_json::from_value(input.clone()).map_err(|e| e.to_string())?;
    serde_json::to_value(&value).map_err(|e| e.to_string())
}

/// What a case expects back.
enum Expect {
    /// The input, unchanged.
    Same,
    /// This JSON.
    Json(Value),
    /// An error whose message contains each of these.
    Error(&'static [&'static str]),
}

struct Case {
    what: &'static str,
    run: fn(&Value) -> Result<Value, String>,
    input: Value,
    expect: Expect,
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| Value::String(format!("bad test data: {e}")))
}

fn cases() -> Vec<Case> {
    let corrected = SEED_RESPONSE.replace("2023-03-30T12-01-03.45Z", "2023-03-30T12:01:03.45Z");
    vec![
        Case {
            what: "the seed page's create request body",
            run: round_trip::<ExchangeRestoreSession>,
            input: parse(SEED_REQUEST),
            expect: Expect::Same,
        },
        Case {
            what: "the seed page's response with its timestamps corrected",
            run: round_trip::<ExchangeRestoreSession>,
            input: parse(&corrected),
            expect: Expect::Same,
        },
        Case {
            what: "the seed page's response as published: invalid RFC 3339 timestamps",
            run: round_trip::<ExchangeRestoreSession>,
            input: parse(SEED_RESPONSE),
            expect: Expect::Error(&["createdDateTime", "2023-03-30T12-01-03.45Z"]),
        },
        Case {
            what: "an evolvable member after unknownFutureValue",
            run: round_trip::<ExchangeRestoreSession>,
            input: json!({"status": "failed", "restoreJobType": "granular"}),
            expect: Expect::Same,
        },
        Case {
            what: "an enum member the metadata does not know yet",
            run: round_trip::<ExchangeRestoreSession>,
            input: json!({"status": "somethingNew"}),
            expect: Expect::Same,
        },
        Case {
            what: "an enum value that is not a string",
            run: round_trip::<ExchangeRestoreSession>,
            input: json!({"status": 5}),
            expect: Expect::Error(&["status"]),
        },
        Case {
            what: "flags, including a member newer than the excerpt",
            run: round_trip::<RestorePoint>,
            input: json!({"tags": "fastRestore,includeNewerItems"}),
            expect: Expect::Same,
        },
        Case {
            what: "properties the metadata does not declare",
            run: round_trip::<ExchangeRestoreSession>,
            input: json!({"id": "s1", "futureProperty": {"nested": [1, 2, 3]}, "extra@odata.type": "#Collection(Int32)"}),
            expect: Expect::Same,
        },
        Case {
            what: "null stays null",
            run: round_trip::<ExchangeRestoreSession>,
            input: json!({"error": null, "completedDateTime": null, "createdBy": null}),
            expect: Expect::Same,
        },
        Case {
            what: "absent stays absent",
            run: round_trip::<ExchangeRestoreSession>,
            input: json!({}),
            expect: Expect::Same,
        },
        Case {
            what: "an open complex type keeps its dynamic properties",
            run: round_trip::<IdentitySet>,
            input: json!({"user": {"id": "u1", "email": "a@example.com"}, "phone": {"id": "p"}}),
            expect: Expect::Same,
        },
        Case {
            what: "Int32 sent as a string (IEEE754Compatible) is read as a number",
            run: round_trip::<ExchangeRestoreSession>,
            input: json!({"restoreSessionArtifactCount": {"total": "3", "completed": 1}}),
            expect: Expect::Json(
                json!({"restoreSessionArtifactCount": {"total": 3, "completed": 1}}),
            ),
        },
        Case {
            what: "@odata.type dispatches to the derived type",
            run: round_trip::<AnyRestoreArtifactBase>,
            input: json!({"@odata.type": "#microsoft.graph.granularMailboxRestoreArtifact", "id": "a1", "artifactCount": 3, "searchResponseId": "s", "destinationType": "new"}),
            expect: Expect::Same,
        },
        Case {
            what: "@odata.type matches case-insensitively, and is written back as it came",
            run: round_trip::<AnyRestoreArtifactBase>,
            input: json!({"@odata.type": "#Microsoft.Graph.MailboxRestoreArtifact", "restoredFolderId": "f"}),
            expect: Expect::Same,
        },
        Case {
            what: "an unknown @odata.type falls back to the declared type, losing nothing",
            run: round_trip::<AnyRestoreArtifactBase>,
            input: json!({"@odata.type": "#microsoft.graph.someFutureRestoreArtifact", "id": "a2", "status": "succeeded", "futureOnlyProperty": true}),
            expect: Expect::Same,
        },
        Case {
            what: "a collection holds each item's own type",
            run: round_trip::<ExchangeRestoreSession>,
            input: json!({"mailboxRestoreArtifacts": [
                {"id": "plain"},
                {"@odata.type": "#microsoft.graph.granularMailboxRestoreArtifact", "id": "granular", "artifactCount": 1},
            ]}),
            expect: Expect::Same,
        },
        Case {
            what: "a base-typed value of the derived type",
            run: round_trip::<AnyRestoreSessionBase>,
            input: json!({"@odata.type": "#microsoft.graph.exchangeRestoreSession", "id": "s", "mailboxRestoreArtifacts": []}),
            expect: Expect::Same,
        },
        Case {
            what: "the base type as itself",
            run: round_trip::<RestoreSessionBase>,
            input: json!({"id": "s", "status": "draft", "lastModifiedDateTime": "2024-01-02T03:04:05.1234567Z"}),
            expect: Expect::Same,
        },
        Case {
            what: "a timestamp keeps its offset",
            run: round_trip::<RestoreSessionBase>,
            input: json!({"createdDateTime": "2024-01-02T03:04:05+02:00"}),
            expect: Expect::Same,
        },
        Case {
            what: "a restore point reference inside an artifact",
            run: round_trip::<AnyMailboxRestoreArtifact>,
            input: json!({"restorePoint": {"@odata.id": "rp1"}, "destinationType": "inPlace"}),
            expect: Expect::Same,
        },
    ]
}

#[test]
fn graph_json_reads_and_writes_back_as_each_case_expects() {
    let mut failures = Vec::new();
    for case in cases() {
        let got = (case.run)(&case.input);
        let ok = match (&case.expect, &got) {
            (Expect::Same, Ok(out)) => out == &case.input,
            (Expect::Json(want), Ok(out)) => out == want,
            (Expect::Error(parts), Err(message)) => parts.iter().all(|p| message.contains(p)),
            _ => false,
        };
        if !ok {
            failures.push(format!("{}: got {got:?}", case.what));
        }
    }
    assert!(
        failures.is_empty(),
        "{} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
