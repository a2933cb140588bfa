//! `@odata.type` dispatch between a base type and its derived types.

mod common;

use common::Session;
use odata_runtime::serde::{Deserialize, Deserializer, Serialize, Serializer};
use odata_runtime::{buffer, from_object, resolve_type, serialize_structured};
use serde_json::{Map, Value, json};

const DERIVED: &str = "microsoft.graph.derivedSession";
const OTHER: &str = "microsoft.graph.otherSession";
const CANDIDATES: &[&str] = &[DERIVED, OTHER];

#[allow(clippy::panic)] // a test helper: panicking fails the test that called it
fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    }
}

#[test]
fn resolve_type_exact() {
    let obj = object(json!({"@odata.type": "#microsoft.graph.derivedSession"}));
    assert_eq!(resolve_type(&obj, CANDIDATES), Some(DERIVED));
    let obj = object(json!({"@odata.type": "microsoft.graph.otherSession"}));
    assert_eq!(resolve_type(&obj, CANDIDATES), Some(OTHER));
    let obj = object(json!({"@type": "#microsoft.graph.otherSession"}));
    assert_eq!(resolve_type(&obj, CANDIDATES), Some(OTHER));
}

#[test]
fn resolve_type_prefers_exact_over_case_insensitive() {
    let candidates: &[&'static str] = &["microsoft.graph.A", "microsoft.graph.a"];
    let obj = object(json!({"@odata.type": "#microsoft.graph.a"}));
    assert_eq!(resolve_type(&obj, candidates), Some("microsoft.graph.a"));
    let obj = object(json!({"@odata.type": "#Microsoft.Graph.DERIVEDSESSION"}));
    assert_eq!(resolve_type(&obj, CANDIDATES), Some(DERIVED));
}

#[test]
fn resolve_type_missing_or_unknown() {
    assert_eq!(resolve_type(&object(json!({"id": "1"})), CANDIDATES), None);
    let obj = object(json!({"@odata.type": "#microsoft.graph.unknownSession"}));
    assert_eq!(resolve_type(&obj, CANDIDATES), None);
    let obj = object(json!({"@odata.type": 5}));
    assert_eq!(resolve_type(&obj, CANDIDATES), None);
    let obj = object(json!({"@odata.type": "#microsoft.graph.derivedSession"}));
    assert_eq!(resolve_type(&obj, &[]), None);
}

/// What the generator emits for a base type with derived types (derived types reuse
/// `Session` here; only the dispatch matters).
#[derive(Debug, PartialEq)]
enum AnySession {
    Base(Session),
    Derived(Session),
    Other(Session),
}

impl<'de> Deserialize<'de> for AnySession {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let object = buffer(deserializer)?;
        match resolve_type(&object, CANDIDATES) {
            Some(DERIVED) => from_object::<_, D::Error>(object).map(AnySession::Derived),
            Some(OTHER) => from_object::<_, D::Error>(object).map(AnySession::Other),
            _ => from_object::<_, D::Error>(object).map(AnySession::Base),
        }
    }
}

impl Serialize for AnySession {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            AnySession::Base(value) => serialize_structured(value, serializer, None),
            AnySession::Derived(value) => serialize_structured(value, serializer, Some(DERIVED)),
            AnySession::Other(value) => serialize_structured(value, serializer, Some(OTHER)),
        }
    }
}

#[test]
fn dispatch_picks_the_derived_type() {
    let value: AnySession =
        serde_json::from_str(r##"{"@odata.type":"#microsoft.graph.otherSession","id":"1"}"##)
            .unwrap();
    let AnySession::Other(session) = &value else {
        panic!("wrong variant: {value:?}");
    };
    assert_eq!(session.id.as_deref(), Some("1"));
}

#[test]
fn unknown_type_falls_back_to_base_losing_nothing() {
    let input =
        json!({"@odata.type": "#microsoft.graph.newerSession", "id": "1", "newProp": [true]});
    let value: AnySession = serde_json::from_value(input.clone()).unwrap();
    let AnySession::Base(session) = &value else {
        panic!("wrong variant: {value:?}");
    };
    assert_eq!(
        session.control.type_name.as_deref(),
        Some("#microsoft.graph.newerSession")
    );
    assert_eq!(serde_json::to_value(&value).unwrap(), input);
}

#[test]
fn derived_value_built_in_code_names_its_type() {
    let session = Session {
        id: Some("1".to_owned()),
        ..Session::default()
    };
    let json = serde_json::to_string(&AnySession::Derived(session)).unwrap();
    assert_eq!(
        json,
        r##"{"@odata.type":"#microsoft.graph.derivedSession","id":"1"}"##
    );
}

#[test]
fn buffer_rejects_non_objects_and_errors_keep_their_message() {
    assert!(serde_json::from_str::<AnySession>("\"x\"").is_err());
    let err = serde_json::from_str::<AnySession>(
        r##"{"@odata.type":"#microsoft.graph.derivedSession","createdDateTime":"yesterday"}"##,
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.starts_with("createdDateTime: invalid Edm.DateTimeOffset \"yesterday\""),
        "{err}"
    );
}
