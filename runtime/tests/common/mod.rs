//! Hand-written models shaped like the generator's output.

use odata_runtime::serde::de::{Deserialize, Deserializer, MapAccess};
use odata_runtime::serde::ser::{Serialize, SerializeMap, Serializer};
use odata_runtime::{
    ControlInformation, Flags, Model, Nullable, OpenEnum, Structured, StructuredParts,
    deserialize_enum, deserialize_structured, read_value, serialize_enum, serialize_structured,
    write_field,
};
use serde_json::{Map, Value};
use time::OffsetDateTime;

/// An open enum with a catch-all variant.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Color {
    Red,
    Green,
    Unrecognized(String),
}

impl OpenEnum for Color {
    fn as_str(&self) -> &str {
        match self {
            Self::Red => "red",
            Self::Green => "green",
            Self::Unrecognized(s) => s,
        }
    }

    fn from_wire(s: &str) -> Self {
        match s {
            "red" => Self::Red,
            "green" => Self::Green,
            _ => Self::Unrecognized(s.to_owned()),
        }
    }
}

impl Serialize for Color {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_enum(self, serializer)
    }
}

impl<'de> Deserialize<'de> for Color {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_enum(deserializer)
    }
}

impl Model for Color {}

/// An entity type as the generator would emit it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Session {
    pub control: ControlInformation,
    pub additional: Map<String, Value>,
    pub id: Option<String>,
    pub created: Nullable<OffsetDateTime>,
    pub score: Option<f64>,
    pub tags: Option<Flags<Color>>,
    pub parent: Option<Box<Session>>,
}

impl StructuredParts for Session {
    fn control(&self) -> &ControlInformation {
        &self.control
    }

    fn control_mut(&mut self) -> &mut ControlInformation {
        &mut self.control
    }

    fn additional_properties(&self) -> &Map<String, Value> {
        &self.additional
    }

    fn additional_properties_mut(&mut self) -> &mut Map<String, Value> {
        &mut self.additional
    }
}

impl Structured for Session {
    const QUALIFIED_NAME: &'static str = "microsoft.graph.session";

    fn read_property<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error> {
        match key {
            "id" => self.id = read_value(map, key)?,
            "createdDateTime" => self.created = read_value(map, key)?,
            "score" => self.score = read_value(map, key)?,
            "tags" => self.tags = read_value(map, key)?,
            "parent" => self.parent = read_value(map, key)?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn write_properties<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        write_field(map, "id", &self.id)?;
        write_field(map, "createdDateTime", &self.created)?;
        write_field(map, "score", &self.score)?;
        write_field(map, "tags", &self.tags)?;
        write_field(map, "parent", &self.parent)
    }
}

impl Serialize for Session {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_structured(self, serializer, None)
    }
}

impl<'de> Deserialize<'de> for Session {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_structured(deserializer)
    }
}

impl Model for Session {}
