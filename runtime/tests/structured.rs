//! Structured values: control information, unknown properties, null vs absent.

mod common;

use common::{Color, Session};
use odata_runtime::{Flags, Nullable};
use serde_json::{Value, json};
use time::macros::datetime;

#[allow(clippy::unwrap_used)] // a test helper: panicking fails the test that called it
fn parse(json: &str) -> Session {
    serde_json::from_str(json).unwrap()
}

#[allow(clippy::unwrap_used)] // a test helper: panicking fails the test that called it
fn to_json(session: &Session) -> Value {
    serde_json::to_value(session).unwrap()
}

#[test]
fn unknown_properties_round_trip() {
    let input = json!({
        "id": "1",
        "newProperty": {"nested": [1, 2]},
        "createdDateTime@odata.type": "#DateTimeOffset",
        "@odata.nextLink": "https://graph.microsoft.com/next",
        "@Custom.annotation": true
    });
    let session: Session = serde_json::from_value(input.clone()).unwrap();
    assert_eq!(session.id.as_deref(), Some("1"));
    assert_eq!(session.additional.len(), 4);
    assert_eq!(session.additional["newProperty"], json!({"nested": [1, 2]}));
    assert_eq!(to_json(&session), input);
}

#[test]
fn null_absent_and_value_are_distinct() {
    let absent = parse(r#"{"id":"1"}"#);
    let null = parse(r#"{"id":"1","createdDateTime":null}"#);
    let value = parse(r#"{"id":"1","createdDateTime":"2023-03-30T12:01:03Z"}"#);
    assert_eq!(absent.created, Nullable::Absent);
    assert_eq!(null.created, Nullable::Null);
    assert_eq!(
        value.created,
        Nullable::Value(datetime!(2023-03-30 12:01:03 UTC))
    );
    assert_eq!(serde_json::to_string(&absent).unwrap(), r#"{"id":"1"}"#);
    assert_eq!(
        serde_json::to_string(&null).unwrap(),
        r#"{"id":"1","createdDateTime":null}"#
    );
    assert_eq!(
        serde_json::to_string(&value).unwrap(),
        r#"{"id":"1","createdDateTime":"2023-03-30T12:01:03Z"}"#
    );
    // An Option property that is null is read as None and then left out.
    let score_null = parse(r#"{"score":null}"#);
    assert_eq!(score_null.score, None);
    assert_eq!(serde_json::to_string(&score_null).unwrap(), "{}");
}

#[test]
fn control_information_round_trips() {
    let input = r##"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#sessions/$entity","@odata.type":"#microsoft.graph.session","@odata.id":"sessions('1')","@odata.etag":"W/\"abc\"","id":"1"}"##;
    let session = parse(input);
    assert_eq!(
        session.control.type_name.as_deref(),
        Some("#microsoft.graph.session")
    );
    assert_eq!(session.control.etag.as_deref(), Some("W/\"abc\""));
    assert_eq!(session.control.id.as_deref(), Some("sessions('1')"));
    assert!(session.additional.is_empty());
    assert_eq!(serde_json::to_string(&session).unwrap(), input);
}

#[test]
fn short_control_forms_are_read_and_written_long() {
    let session =
        parse(r##"{"@type":"#microsoft.graph.session","@etag":"1","@context":"c","@id":"i"}"##);
    assert_eq!(
        session.control.type_name.as_deref(),
        Some("#microsoft.graph.session")
    );
    assert_eq!(session.control.etag.as_deref(), Some("1"));
    assert_eq!(
        serde_json::to_string(&session).unwrap(),
        r##"{"@odata.context":"c","@odata.type":"#microsoft.graph.session","@odata.id":"i","@odata.etag":"1"}"##
    );
}

#[test]
fn type_name_argument_is_written_when_none_was_read() {
    let session = Session::default();
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::new(&mut out);
    odata_runtime::serialize_structured(&session, &mut serializer, Some("microsoft.graph.derived"))
        .unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.derived"}"##
    );
    let read = parse(r##"{"@odata.type":"#microsoft.graph.other"}"##);
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::new(&mut out);
    odata_runtime::serialize_structured(&read, &mut serializer, Some("microsoft.graph.derived"))
        .unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.other"}"##
    );
}

#[test]
fn special_doubles_in_a_model() {
    let nan = parse(r#"{"score":"NaN"}"#);
    assert!(nan.score.unwrap().is_nan());
    assert_eq!(serde_json::to_string(&nan).unwrap(), r#"{"score":"NaN"}"#);
    let inf = parse(r#"{"score":"INF"}"#);
    assert_eq!(inf.score, Some(f64::INFINITY));
    assert_eq!(serde_json::to_string(&inf).unwrap(), r#"{"score":"INF"}"#);
    let plain = parse(r#"{"score":0.25}"#);
    assert_eq!(serde_json::to_string(&plain).unwrap(), r#"{"score":0.25}"#);
}

#[test]
fn date_time_with_seven_digits_and_offset_round_trips() {
    let input = r#"{"createdDateTime":"2023-03-30T12:01:03.1234567-07:00"}"#;
    let session = parse(input);
    assert_eq!(
        session.created,
        Nullable::Value(datetime!(2023-03-30 12:01:03.1234567 -07:00))
    );
    assert_eq!(serde_json::to_string(&session).unwrap(), input);
}

#[test]
fn invalid_date_time_error_names_key_and_value() {
    let err = serde_json::from_str::<Session>(
        r#"{"id":"1","createdDateTime":"2023-03-30T12-01-03.45Z"}"#,
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.starts_with(
            "createdDateTime: invalid Edm.DateTimeOffset \"2023-03-30T12-01-03.45Z\": expected an RFC 3339 date-time such as 2023-03-30T12:01:03.45Z"
        ),
        "{err}"
    );
}

#[test]
fn nested_error_names_the_property_path() {
    let err = serde_json::from_str::<Session>(r#"{"parent":{"score":"infinite"}}"#)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("parent: score: invalid Edm.Double \"infinite\""),
        "{err}"
    );
}

#[test]
fn nested_model_round_trips() {
    let input = r##"{"id":"child","parent":{"@odata.type":"#microsoft.graph.session","id":"root","extra":1}}"##;
    let session = parse(input);
    let parent = session.parent.as_deref().unwrap();
    assert_eq!(parent.id.as_deref(), Some("root"));
    assert_eq!(parent.additional["extra"], json!(1));
    assert_eq!(serde_json::to_string(&session).unwrap(), input);
}

#[test]
fn flags_property_keeps_unknown_members() {
    let session = parse(r#"{"tags":"red,purple, green"}"#);
    let tags = session.tags.as_ref().unwrap();
    assert!(tags.contains(&Color::Red));
    assert!(tags.contains(&Color::Unrecognized("purple".to_owned())));
    assert_eq!(tags.len(), 3);
    assert_eq!(
        serde_json::to_string(&session).unwrap(),
        r#"{"tags":"red,purple,green"}"#
    );
    let empty = parse(r#"{"tags":""}"#);
    assert_eq!(empty.tags, Some(Flags::new()));
}

#[test]
fn non_objects_are_rejected_with_the_type_name() {
    let err = serde_json::from_str::<Session>("[1]")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("a JSON object for microsoft.graph.session"),
        "{err}"
    );
    let err = serde_json::from_str::<Session>(r#"{"id":5}"#)
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("id: invalid type: integer `5`"), "{err}");
}

#[test]
fn keys_with_escapes_are_read() {
    // Escaped keys cannot be borrowed from the input; they must still match.
    let session = parse(r#"{"\u0069d":"1","\u0040odata.etag":"e"}"#);
    assert_eq!(session.id.as_deref(), Some("1"));
    assert_eq!(session.control.etag.as_deref(), Some("e"));
    let from_reader: Session = serde_json::from_reader(r#"{"id":"2"}"#.as_bytes()).unwrap();
    assert_eq!(from_reader.id.as_deref(), Some("2"));
}
