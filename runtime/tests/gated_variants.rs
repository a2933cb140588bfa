//! A derived variant configured away (its area's cargo feature is off) is not a variant:
//! values of that type read as the base, losing nothing, like any unknown derived type.

#![allow(clippy::unwrap_used, reason = "a failed step is a failed test")]

use odata_runtime::serde::de::MapAccess;
use odata_runtime::serde::ser::SerializeMap;
use odata_runtime::{ControlInformation, Structured, read_into, write_field};
use serde_json::{Map, Value, json};

macro_rules! model {
    ($ty:ident, $name:literal, $($field:ident: $wire:literal),*) => {
        #[derive(Debug, Clone, Default, PartialEq)]
        struct $ty {
            $($field: Option<String>,)*
            odata: ControlInformation,
            additional_properties: Map<String, Value>,
        }

        impl Structured for $ty {
            const QUALIFIED_NAME: &'static str = $name;

            fn read_property<'de, A: MapAccess<'de>>(
                &mut self,
                key: &str,
                map: &mut A,
            ) -> Result<bool, A::Error> {
                match key {
                    $($wire => read_into(map, key, &mut self.$field),)*
                    _ => return Ok(false),
                }?;
                Ok(true)
            }

            fn write_properties<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
                $(write_field(map, $wire, &self.$field)?;)*
                Ok(())
            }
        }

        odata_runtime::impl_structured!($ty);
    };
}

model!(Room, "office.room", name: "name");
model!(MeetingRoom, "office.meetingRoom", name: "name", capacity: "capacity");
model!(Desk, "office.desk", name: "name", floor: "floor");

#[derive(Debug, Clone, PartialEq)]
enum AnyRoom {
    Room(Box<Room>),
    MeetingRoom(Box<MeetingRoom>),
    // As the generator writes a variant whose area is off; `any()` is never true.
    #[cfg(any())]
    Desk(Box<Desk>),
}

odata_runtime::impl_polymorphic!(
    AnyRoom,
    Room(Room),
    MeetingRoom(MeetingRoom) = "office.meetingRoom",
    #[cfg(any())]
    Desk(Desk) = "office.desk",
);

#[test]
fn a_compiled_variant_is_dispatched_to() {
    let room: AnyRoom = serde_json::from_value(
        json!({"@odata.type": "#office.meetingRoom", "name": "Aurora", "capacity": "12"}),
    )
    .unwrap();
    let AnyRoom::MeetingRoom(room) = room else {
        panic!("expected a meeting room, got {room:?}")
    };
    assert_eq!(room.capacity.as_deref(), Some("12"));
}

#[test]
fn a_configured_away_variant_reads_as_the_base_keeping_everything() {
    let input = json!({"@odata.type": "#office.desk", "name": "D-12", "floor": "3"});
    let room: AnyRoom = serde_json::from_value(input.clone()).unwrap();
    let AnyRoom::Room(room) = &room else {
        panic!("expected the base, got {room:?}")
    };
    assert_eq!(room.name.as_deref(), Some("D-12"));
    assert_eq!(room.additional_properties["floor"], json!("3"));
    assert_eq!(room.odata.type_name.as_deref(), Some("#office.desk"));
    assert_eq!(serde_json::to_value(room).unwrap(), input);
    // With the feature on, the same JSON would have been a `Desk`.
    let desk: Desk = serde_json::from_value(input.clone()).unwrap();
    assert_eq!(desk.floor.as_deref(), Some("3"));
    assert_eq!(serde_json::to_value(&desk).unwrap(), input);
}
