//! One view of a schema, whichever way openapiv3 parsed it.
//!
//! openapiv3 splits schemas into `type`-tagged variants, bare `allOf`/`oneOf`/`anyOf`, and a
//! catch-all for mixtures (`type: object` next to `allOf`, which Graph writes for every
//! collection response). The reader asks the same questions of all of them, so it reads
//! them through [`Shape`].

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type, VariantOrUnknownOrEmpty,
};
use serde_json::Value;

pub(super) type Properties = IndexMap<String, ReferenceOr<Box<Schema>>>;

/// A schema or a reference to one, whether openapiv3 boxed it or not.
#[derive(Clone, Copy)]
pub(super) enum SchemaRef<'a> {
    Ref(&'a str),
    Item(&'a Schema),
}

impl<'a> From<&'a ReferenceOr<Schema>> for SchemaRef<'a> {
    fn from(r: &'a ReferenceOr<Schema>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(s) => SchemaRef::Item(s),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for SchemaRef<'a> {
    fn from(r: &'a ReferenceOr<Box<Schema>>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(s) => SchemaRef::Item(s),
        }
    }
}

#[derive(Default)]
pub(super) struct Shape<'a> {
    pub typ: Option<&'a str>,
    pub format: Option<String>,
    pub properties: Option<&'a Properties>,
    pub required: &'a [String],
    pub additional: Option<&'a AdditionalProperties>,
    pub items: Option<&'a ReferenceOr<Box<Schema>>>,
    /// `enum` values, `null` included when written.
    pub enumeration: Vec<Value>,
    pub all_of: &'a [ReferenceOr<Schema>],
    /// `oneOf` and `anyOf` alike: the reader treats both as "one of these".
    pub one_of: &'a [ReferenceOr<Schema>],
    pub max_length: Option<usize>,
}

impl<'a> Shape<'a> {
    pub(super) fn of(schema: &'a Schema) -> Self {
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => Shape {
                typ: Some("string"),
                format: format(&s.format),
                enumeration: values(&s.enumeration),
                max_length: s.max_length,
                ..Shape::default()
            },
            SchemaKind::Type(Type::Number(n)) => Shape {
                typ: Some("number"),
                format: format(&n.format),
                enumeration: values(&n.enumeration),
                ..Shape::default()
            },
            SchemaKind::Type(Type::Integer(n)) => Shape {
                typ: Some("integer"),
                format: format(&n.format),
                enumeration: values(&n.enumeration),
                ..Shape::default()
            },
            SchemaKind::Type(Type::Boolean(b)) => Shape {
                typ: Some("boolean"),
                enumeration: values(&b.enumeration),
                ..Shape::default()
            },
            SchemaKind::Type(Type::Object(o)) => Shape {
                typ: Some("object"),
                properties: Some(&o.properties),
                required: &o.required,
                additional: o.additional_properties.as_ref(),
                ..Shape::default()
            },
            SchemaKind::Type(Type::Array(a)) => Shape {
                typ: Some("array"),
                items: a.items.as_ref(),
                ..Shape::default()
            },
            SchemaKind::AllOf { all_of } => Shape {
                all_of,
                ..Shape::default()
            },
            SchemaKind::OneOf { one_of } => Shape {
                one_of,
                ..Shape::default()
            },
            SchemaKind::AnyOf { any_of } => Shape {
                one_of: any_of,
                ..Shape::default()
            },
            SchemaKind::Not { .. } => Shape::default(),
            SchemaKind::Any(any) => Shape {
                typ: any.typ.as_deref(),
                format: any.format.clone(),
                properties: Some(&any.properties),
                required: &any.required,
                additional: any.additional_properties.as_ref(),
                items: any.items.as_ref(),
                enumeration: any.enumeration.clone(),
                all_of: &any.all_of,
                one_of: if any.one_of.is_empty() {
                    &any.any_of
                } else {
                    &any.one_of
                },
                max_length: any.max_length,
            },
        }
    }

    /// Declares properties of its own (not counting those of `allOf` parts).
    pub(super) fn has_properties(&self) -> bool {
        self.properties.is_some_and(|p| !p.is_empty())
    }

    /// An object: has properties or parts, or says `type: object`.
    pub(super) fn is_object(&self) -> bool {
        self.typ == Some("object") || self.has_properties() || !self.all_of.is_empty()
    }

    /// Accepts properties it does not declare: `additionalProperties` is `true` or a schema.
    pub(super) fn is_open(&self) -> bool {
        !matches!(
            self.additional,
            None | Some(AdditionalProperties::Any(false))
        )
    }
}

/// `enum` values as JSON, `null` where the document wrote one.
fn values<T: Clone + Into<Value>>(list: &[Option<T>]) -> Vec<Value> {
    list.iter()
        .map(|v| v.clone().map_or(Value::Null, Into::into))
        .collect()
}

fn format<T: serde::Serialize>(f: &VariantOrUnknownOrEmpty<T>) -> Option<String> {
    match f {
        // Known formats serialize to the name they were read from (`date-time`).
        VariantOrUnknownOrEmpty::Item(item) => match serde_json::to_value(item) {
            Ok(Value::String(s)) => Some(s),
            _ => None,
        },
        VariantOrUnknownOrEmpty::Unknown(s) => Some(s.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}
