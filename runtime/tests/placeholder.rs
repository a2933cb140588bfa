//! Graph's `unknownFutureValue` sentinel is read like any member but never sent.

use odata_runtime::serde::de::MapAccess;
use odata_runtime::serde::ser::SerializeMap;
use odata_runtime::{
    ControlInformation, Model, Nullable, OpenEnum, Structured, WireRef, read_value, write_field,
};
use serde_json::{Map, Value, json};

/// An open enum as the generator emits it, with Graph's sentinel member.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Status {
    Active,
    UnknownFutureValue,
    Unrecognized(String),
}

impl OpenEnum for Status {
    fn as_str(&self) -> &str {
        match self {
            Self::Active => "active",
            Self::UnknownFutureValue => "unknownFutureValue",
            Self::Unrecognized(s) => s,
        }
    }

    fn from_wire(s: &str) -> Self {
        match s {
            "active" => Self::Active,
            "unknownFutureValue" => Self::UnknownFutureValue,
            _ => Self::Unrecognized(s.to_owned()),
        }
    }
}

odata_runtime::impl_open_enum_traits!(Status);

#[derive(Debug, Clone, Default, PartialEq)]
struct Item {
    odata: ControlInformation,
    additional_properties: Map<String, Value>,
    status: Option<Status>,
    previous: Nullable<Status>,
    boxed: Option<Box<Status>>,
}

impl Structured for Item {
    const QUALIFIED_NAME: &'static str = "microsoft.graph.item";

    fn read_property<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error> {
        match key {
            "status" => self.status = read_value(map, key)?,
            "previous" => self.previous = read_value(map, key)?,
            "boxed" => self.boxed = read_value(map, key)?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn write_properties<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        write_field(map, "status", &self.status)?;
        write_field(map, "previous", &self.previous)?;
        write_field(map, "boxed", &self.boxed)
    }
}

odata_runtime::impl_structured!(Item);

#[test]
fn the_sentinel_is_read_as_a_member() {
    let item: Item = serde_json::from_value(json!({
        "status": "unknownFutureValue",
        "previous": "unknownFutureValue"
    }))
    .unwrap();
    assert_eq!(item.status, Some(Status::UnknownFutureValue));
    assert_eq!(item.previous, Nullable::Value(Status::UnknownFutureValue));
}

#[test]
fn a_field_holding_the_sentinel_is_not_sent() {
    let item = Item {
        status: Some(Status::UnknownFutureValue),
        previous: Nullable::Value(Status::UnknownFutureValue),
        boxed: Some(Box::new(Status::UnknownFutureValue)),
        ..Item::default()
    };
    assert_eq!(serde_json::to_value(&item).unwrap(), json!({}));
}

#[test]
fn other_members_and_null_are_still_sent() {
    let item = Item {
        status: Some(Status::Active),
        previous: Nullable::Null,
        boxed: Some(Box::new(Status::Unrecognized("newMember".into()))),
        ..Item::default()
    };
    assert_eq!(
        serde_json::to_value(&item).unwrap(),
        json!({"status": "active", "previous": null, "boxed": "newMember"})
    );
}

#[test]
fn only_the_sentinel_is_a_placeholder() {
    assert!(Status::UnknownFutureValue.is_placeholder());
    assert!(!Status::Active.is_placeholder());
    assert!(!Status::Unrecognized("unknownfuturevalue".into()).is_placeholder());
    // Written on its own (not as a field), the value is what it is.
    assert_eq!(
        serde_json::to_string(&WireRef(&Status::UnknownFutureValue)).unwrap(),
        "\"unknownFutureValue\""
    );
}
