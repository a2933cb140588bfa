//! The generated crate as a consumer uses it: Graph JSON in, typed values out, and back.
//! Every case is real Graph JSON (the seed docs page) or the smallest variation of it
//! that shows one wire rule of docs/design.md §4.

use msgraph_backup_restore_beta::{
    AnyMailboxRestoreArtifact, AnyRestoreArtifactBase, AnyRestoreSessionBase, DestinationType,
    ExchangeRestoreSession, MailboxRestoreArtifact, RestorePoint, RestorePointTags,
    RestoreSessionStatus,
};
use odata_runtime::serde_json::{self, Value, json};
use odata_runtime::time::{Date, Month, OffsetDateTime};
use odata_runtime::{ControlInformation, Flags, Nullable};

const SEED_REQUEST: &str = include_str!("data/seed-create-request.json");
const SEED_RESPONSE: &str = include_str!("data/seed-create-response.json");

/// 2023-03-30T12:01:03.45Z, the seed's timestamp once corrected.
fn seed_timestamp() -> Result<OffsetDateTime, odata_runtime::time::error::ComponentRange> {
    Ok(Date::from_calendar_date(2023, Month::March, 30)?
        .with_hms_milli(12, 1, 3, 450)?
        .assume_utc())
}

fn restore_point_reference(id: &str) -> RestorePoint {
    RestorePoint {
        odata: ControlInformation {
            id: Some(id.to_owned()),
            ..ControlInformation::default()
        },
        ..RestorePoint::default()
    }
}

#[test]
fn seed_request_body_built_from_models_serializes_to_the_same_json() {
    let artifact = |restore_point: &str| -> AnyMailboxRestoreArtifact {
        MailboxRestoreArtifact {
            restore_point: Nullable::Value(restore_point_reference(restore_point)),
            destination_type: Nullable::Value(DestinationType::InPlace),
            ..MailboxRestoreArtifact::default()
        }
        .into()
    };
    let body = ExchangeRestoreSession {
        mailbox_restore_artifacts: Some(vec![
            artifact("1f1fccc3-a642-4f61-bf49-f37b9a888279"),
            artifact("1f1fccc3-a642-4f61-bf49-f37b9a888280"),
        ]),
        ..ExchangeRestoreSession::default()
    };

    let expected: Value = serde_json::from_str(SEED_REQUEST).unwrap();
    assert_eq!(serde_json::to_value(&body).unwrap(), expected);
}

/// The seed page's timestamps (`12-01-03.45Z`) are not RFC 3339. We fail, naming the
/// property and the value, rather than guess what a malformed timestamp meant.
#[test]
fn seed_response_with_invalid_timestamps_fails_naming_property_and_value() {
    let error = serde_json::from_str::<ExchangeRestoreSession>(SEED_RESPONSE)
        .unwrap_err()
        .to_string();
    assert!(error.contains("createdDateTime"), "{error}");
    assert!(error.contains("2023-03-30T12-01-03.45Z"), "{error}");
}

#[test]
fn seed_response_with_corrected_timestamps_parses_every_field() {
    let corrected = SEED_RESPONSE.replace("2023-03-30T12-01-03.45Z", "2023-03-30T12:01:03.45Z");
    let session: ExchangeRestoreSession = serde_json::from_str(&corrected).unwrap();

    assert_eq!(
        session.odata.context.as_deref(),
        Some("/solutions/backupRestore/$metadata#exchangeRestoreSessions/$entity")
    );
    assert_eq!(
        session.id.as_deref(),
        Some("959ba739-70b5-43c4-8c90-b2c22014f18b")
    );
    assert_eq!(session.status, Nullable::Value(RestoreSessionStatus::Draft));
    let created_by = session.created_by.value().unwrap();
    let application = created_by.application.value().unwrap();
    assert_eq!(
        application.id.value().map(String::as_str),
        Some("1fec8e78-bce4-4aaf-ab1b-5451cc387264")
    );
    assert_eq!(
        application.display_name.value().map(String::as_str),
        Some("Microsoft Enhanced Restore")
    );
    let user = created_by.user.value().unwrap();
    assert_eq!(user.display_name.value().map(String::as_str), Some("ABC"));
    assert_eq!(
        session.created_date_time,
        Nullable::Value(seed_timestamp().unwrap())
    );
    let modified_by = session.last_modified_by.value().unwrap();
    assert_eq!(
        modified_by
            .user
            .value()
            .unwrap()
            .display_name
            .value()
            .map(String::as_str),
        Some("DEF")
    );
    assert_eq!(
        session.last_modified_date_time,
        Nullable::Value(seed_timestamp().unwrap())
    );
    assert_eq!(session.error, Nullable::Null);
    assert!(
        session.additional_properties.is_empty(),
        "{:?}",
        session.additional_properties
    );

    let expected: Value = serde_json::from_str(&corrected).unwrap();
    assert_eq!(
        serde_json::to_value(&session).unwrap(),
        expected,
        "parse → serialize keeps the response"
    );
}

#[test]
fn evolvable_member_failed_parses_as_its_variant() {
    let session: ExchangeRestoreSession =
        serde_json::from_value(json!({"status": "failed"})).unwrap();
    assert_eq!(
        session.status,
        Nullable::Value(RestoreSessionStatus::Failed)
    );
    assert!(RestoreSessionStatus::Failed.is_evolvable());
    assert!(!RestoreSessionStatus::Completed.is_evolvable());
    assert_eq!(
        serde_json::to_value(&session).unwrap(),
        json!({"status": "failed"})
    );
}

#[test]
fn unknown_enum_member_round_trips_unchanged() {
    let session: ExchangeRestoreSession =
        serde_json::from_value(json!({"status": "somethingNew"})).unwrap();
    assert_eq!(
        session.status,
        Nullable::Value(RestoreSessionStatus::Unrecognized("somethingNew".into()))
    );
    assert_eq!(
        serde_json::to_value(&session).unwrap(),
        json!({"status": "somethingNew"})
    );
    assert_eq!(
        "somethingNew"
            .parse::<RestoreSessionStatus>()
            .unwrap()
            .to_string(),
        "somethingNew"
    );
    assert_eq!(
        RestoreSessionStatus::CompletedWithError.as_str(),
        "completedWithError"
    );
}

#[test]
fn unknown_property_round_trips_unchanged() {
    let sent = json!({
        "id": "s1",
        "futureProperty": {"nested": [1, 2, 3]},
        "extra@odata.type": "#Collection(Int32)",
    });
    let session: ExchangeRestoreSession = serde_json::from_value(sent.clone()).unwrap();
    assert_eq!(
        session.additional_properties.get("futureProperty"),
        Some(&json!({"nested": [1, 2, 3]}))
    );
    assert_eq!(serde_json::to_value(&session).unwrap(), sent);
}

#[test]
fn null_and_absent_stay_distinct() {
    let with_null: ExchangeRestoreSession =
        serde_json::from_value(json!({"error": null, "completedDateTime": null})).unwrap();
    let absent: ExchangeRestoreSession = serde_json::from_value(json!({})).unwrap();
    assert_eq!(with_null.error, Nullable::Null);
    assert_eq!(absent.error, Nullable::Absent);
    assert_eq!(with_null.completed_date_time, Nullable::Null);
    assert_ne!(with_null, absent);

    // A PATCH clearing `error` sends null; one leaving it alone sends nothing.
    assert_eq!(
        serde_json::to_value(&with_null).unwrap(),
        json!({"error": null, "completedDateTime": null})
    );
    assert_eq!(serde_json::to_value(&absent).unwrap(), json!({}));
}

/// Who created a session, through three nullable levels, written as with `Option`: the
/// result says whether a level was `null` or was not sent (`$select`).
#[test]
fn nested_nullable_properties_read_like_options_and_keep_the_state() {
    fn creator(session: &ExchangeRestoreSession) -> Nullable<&str> {
        session
            .created_by
            .as_ref()
            .and_then(|by| by.user.as_ref())
            .and_then(|user| user.display_name.as_deref())
    }
    let read = |value: Value| serde_json::from_value::<ExchangeRestoreSession>(value).unwrap();

    let named = read(json!({"createdBy": {"user": {"displayName": "ABC"}}}));
    assert_eq!(creator(&named), Nullable::Value("ABC"));
    assert_eq!(creator(&named).into_option(), Some("ABC"));
    let application_only = read(json!({"createdBy": {"application": {}, "user": null}}));
    assert_eq!(creator(&application_only), Nullable::Null);
    let not_selected = read(json!({"id": "x"}));
    assert_eq!(creator(&not_selected), Nullable::Absent);
    assert_eq!(creator(&not_selected).unwrap_or("unknown"), "unknown");
}

#[test]
fn derived_odata_type_dispatches_to_the_derived_type() {
    let sent = json!({
        "@odata.type": "#microsoft.graph.granularMailboxRestoreArtifact",
        "id": "a1",
        "artifactCount": 3,
        "searchResponseId": "search-1",
        "destinationType": "new",
    });
    let artifact: AnyRestoreArtifactBase = serde_json::from_value(sent.clone()).unwrap();
    let AnyRestoreArtifactBase::GranularMailboxRestoreArtifact(granular) = &artifact else {
        panic!("expected the granular artifact, got {artifact:?}");
    };
    assert_eq!(granular.artifact_count, Nullable::Value(3));
    assert_eq!(granular.search_response_id.as_deref(), Some("search-1"));
    assert_eq!(
        granular.destination_type,
        Nullable::Value(DestinationType::New)
    );
    assert_eq!(serde_json::to_value(&artifact).unwrap(), sent);
}

#[test]
fn odata_type_matches_case_insensitively_when_no_exact_match() {
    let artifact: AnyRestoreArtifactBase = serde_json::from_value(
        json!({"@odata.type": "#Microsoft.Graph.MailboxRestoreArtifact", "restoredFolderId": "f"}),
    )
    .unwrap();
    assert!(
        matches!(artifact, AnyRestoreArtifactBase::MailboxRestoreArtifact(_)),
        "{artifact:?}"
    );
}

#[test]
fn unknown_odata_type_falls_back_to_the_declared_type_keeping_all_data() {
    let sent = json!({
        "@odata.type": "#microsoft.graph.someFutureRestoreArtifact",
        "id": "a2",
        "status": "succeeded",
        "futureOnlyProperty": true,
    });
    let artifact: AnyRestoreArtifactBase = serde_json::from_value(sent.clone()).unwrap();
    let AnyRestoreArtifactBase::RestoreArtifactBase(base) = &artifact else {
        panic!("expected the base type, got {artifact:?}");
    };
    assert_eq!(
        base.odata.type_name.as_deref(),
        Some("#microsoft.graph.someFutureRestoreArtifact")
    );
    assert_eq!(
        base.additional_properties.get("futureOnlyProperty"),
        Some(&json!(true))
    );
    assert_eq!(serde_json::to_value(&artifact).unwrap(), sent);
}

#[test]
fn a_derived_value_built_in_code_is_sent_with_its_odata_type() {
    let session: AnyRestoreSessionBase = ExchangeRestoreSession::default().into();
    assert_eq!(
        serde_json::to_value(&session).unwrap(),
        json!({"@odata.type": "#microsoft.graph.exchangeRestoreSession"})
    );
}

#[test]
fn restore_point_tags_flags_round_trip() {
    let sent = json!({"tags": "fastRestore,includeNewerItems"});
    let point: RestorePoint = serde_json::from_value(sent.clone()).unwrap();
    let tags = point.tags.value().unwrap();
    assert!(tags.contains(&RestorePointTags::FastRestore));
    assert!(tags.contains(&RestorePointTags::IncludeNewerItems));
    assert!(!tags.contains(&RestorePointTags::None));
    assert_eq!(serde_json::to_value(&point).unwrap(), sent);

    let built: Flags<RestorePointTags> = [
        RestorePointTags::FastRestore,
        RestorePointTags::IncludeNewerItems,
    ]
    .into_iter()
    .collect();
    assert_eq!(built.to_string(), "fastRestore,includeNewerItems");
}

#[test]
fn a_collection_of_a_polymorphic_type_holds_each_items_own_type() {
    let session: ExchangeRestoreSession = serde_json::from_value(json!({
        "mailboxRestoreArtifacts": [
            {"id": "plain"},
            {"@odata.type": "#microsoft.graph.granularMailboxRestoreArtifact", "id": "granular", "artifactCount": 1},
        ]
    }))
    .unwrap();
    let artifacts = session.mailbox_restore_artifacts.unwrap();
    assert!(
        matches!(&artifacts[0], AnyMailboxRestoreArtifact::MailboxRestoreArtifact(a) if a.id.as_deref() == Some("plain"))
    );
    assert!(
        matches!(&artifacts[1], AnyMailboxRestoreArtifact::GranularMailboxRestoreArtifact(a) if a.artifact_count == Nullable::Value(1))
    );
}

/// Models are read in place (no copies of kilobyte structs on the way up), yet a property
/// that appears twice is replaced, not merged: the last one wins, as with any other value.
#[test]
fn a_repeated_object_property_replaces_the_first() -> Result<(), serde_json::Error> {
    let session: ExchangeRestoreSession = serde_json::from_str(
        r#"{"error": {"code": "a", "message": "first"}, "error": {"code": "b"}}"#,
    )?;
    let Nullable::Value(error) = &session.error else {
        panic!("expected an error value, got {:?}", session.error)
    };
    assert_eq!(error.code, Nullable::Value("b".to_owned()));
    assert_eq!(error.message, Nullable::Absent);
    let session: ExchangeRestoreSession =
        serde_json::from_str(r#"{"error": {"code": "a"}, "error": null}"#)?;
    assert_eq!(session.error, Nullable::Null);
    Ok(())
}
