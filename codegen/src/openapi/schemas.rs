//! `components.schemas` (and schemas inline in them) → IR types.
//!
//! - `allOf: [{$ref: base}, {properties}]` is inheritance: the first `$ref` is the base.
//! - `enum` of strings is an enumeration (`x-ms-enum` describes members, `x-ms-enum-flags`
//!   makes it flags); any other `enum` only constrains its primitive.
//! - `anyOf`/`oneOf` collapse when one branch is left after dropping a null branch
//!   (`{type: object, nullable: true}`) and, next to a number, the string forms
//!   `IEEE754Compatible` allows (`type: string`, Graph's `ReferenceNumeric`). Other unions
//!   are untyped JSON, with a warning.
//! - Objects whose only properties are `value` and `@odata.*` annotations are response
//!   envelopes (`*CollectionResponse`), read by the runtime rather than generated.
//! - Inline objects and enums become types named after where they sit (`pet_status`).

use openapiv3::{ReferenceOr, Schema};
use serde_json::Value;

use super::pointer_child as child;
use super::shape::{SchemaRef, Shape};
use super::{MAX_REF_HOPS, Reader, SCHEMAS, component_name, describe, extension};
use crate::ir::{
    EnumMember, EnumType, Primitive, QualifiedName, Reference, TypeDef, TypeDefinition, TypeName,
    TypeRef,
};

/// A type and whether its values may be null, as the schema says (`None`: it does not say,
/// which is all a plain `$ref` can do in OpenAPI 3.0).
pub(super) struct Typed {
    pub ty: TypeRef,
    pub nullable: Option<bool>,
}

/// What a schema lowers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Enum,
    Structured,
    /// `{value, @odata.*}` or only `@odata.*`: wire framing, not a type.
    Envelope,
    Primitive(Primitive),
    Array,
    /// Unions, free-form objects, schemas that say nothing: untyped JSON.
    Other,
}

fn classify(schema: &Schema, named: bool) -> Kind {
    let shape = Shape::of(schema);
    if !shape.one_of.is_empty() {
        return Kind::Other;
    }
    if shape.enumeration.iter().any(Value::is_string) {
        return Kind::Enum;
    }
    if let Some(p) = primitive(shape.typ, shape.format.as_deref()) {
        return Kind::Primitive(p);
    }
    if shape.typ == Some("array") {
        return Kind::Array;
    }
    if shape.is_object() {
        let names: Vec<&String> = shape
            .properties
            .map(|p| p.keys().collect())
            .unwrap_or_default();
        let annotations = names.iter().filter(|n| n.starts_with('@')).count();
        let value = names.iter().any(|n| n.as_str() == "value");
        // `@odata.type` or a discriminator marks a (possibly property-less) base type:
        // envelopes carry `@odata.nextLink`/`@odata.count`, never a type to dispatch on.
        let typed = names.iter().any(|n| n.as_str() == "@odata.type")
            || schema.schema_data.discriminator.is_some();
        if !typed && annotations > 0 && annotations + usize::from(value) == names.len() {
            return Kind::Envelope;
        }
        if named || shape.has_properties() || !shape.all_of.is_empty() {
            return Kind::Structured;
        }
    }
    Kind::Other
}

/// OpenAPI `type` and `format` (with the formats Microsoft's converter adds) → `Edm`.
pub(super) fn primitive(typ: Option<&str>, format: Option<&str>) -> Option<Primitive> {
    use Primitive::*;
    Some(match (typ?, format.unwrap_or("")) {
        ("string", "date-time") => DateTimeOffset,
        ("string", "date") => Date,
        ("string", "time") => TimeOfDay,
        ("string", "duration") => Duration,
        ("string", "uuid") => Guid,
        ("string", "byte" | "base64url") => Binary,
        ("string", "binary") => Stream,
        ("string", _) => String,
        ("integer" | "number", "int8") => SByte,
        ("integer" | "number", "uint8") => Byte,
        ("integer" | "number", "int16") => Int16,
        ("integer" | "number", "int32") => Int32,
        ("integer" | "number", "int64") => Int64,
        ("integer", _) => Int64,
        ("number", "float") => Single,
        ("number", "decimal") => Decimal,
        ("number", _) => Double,
        ("boolean", _) => Boolean,
        _ => return None,
    })
}

pub(super) fn named(name: QualifiedName) -> TypeRef {
    TypeRef {
        collection: false,
        name: TypeName::Named(name),
    }
}

pub(super) fn untyped() -> TypeRef {
    TypeRef {
        collection: false,
        name: TypeName::Primitive(Primitive::Untyped),
    }
}

fn primitive_ref(p: Primitive) -> TypeRef {
    TypeRef {
        collection: false,
        name: TypeName::Primitive(p),
    }
}

impl<'d> Reader<'d> {
    pub(super) fn schemas(&mut self) {
        let Some(components) = self.components else {
            return;
        };
        for (name, schema) in &components.schemas {
            // A schema that is only a `$ref` is an alias: references to it follow through.
            let ReferenceOr::Item(schema) = schema else {
                continue;
            };
            let pointer = child("/components/schemas", name);
            let qualified = self.qualified(name);
            if self.model.types.contains_key(&qualified) {
                self.error(
                    &pointer,
                    format!("schema `{name}` has the same qualified name as an earlier one"),
                );
                continue;
            }
            match self.classify_named(schema) {
                Kind::Enum => self.enumeration(qualified, schema, &pointer),
                Kind::Structured => self.structured(qualified, schema, &pointer),
                Kind::Primitive(p) => {
                    let definition = TypeDefinition {
                        name: qualified.clone(),
                        underlying: p,
                        description: describe(schema.schema_data.description.as_ref()),
                        pos: self.pos(&pointer),
                    };
                    self.model
                        .types
                        .insert(qualified, TypeDef::Definition(definition));
                }
                // Envelopes are the runtime's; arrays and unions are inlined where used.
                Kind::Envelope | Kind::Array | Kind::Other => {}
            }
        }
        self.check_bases();
    }

    /// What a component schema lowers to. Graph writes collection responses as
    /// `allOf: [{$ref: BaseCollectionPaginationCountResponse}, {properties: {value}}]`:
    /// framing assembled from parts is an envelope too, not a type whose base is framing.
    fn classify_named(&self, schema: &'d Schema) -> Kind {
        match classify(schema, true) {
            Kind::Structured
                if !Shape::of(schema).all_of.is_empty()
                    && self.envelope(SchemaRef::Item(schema)).is_some() =>
            {
                Kind::Envelope
            }
            kind => kind,
        }
    }

    /// The type a schema or reference stands for where it is used. `synth` names the type
    /// an inline object or enum becomes.
    pub(super) fn typed(
        &mut self,
        schema: SchemaRef<'d>,
        pointer: &str,
        synth: &QualifiedName,
        depth: usize,
    ) -> Typed {
        if depth > MAX_REF_HOPS {
            self.warn(
                pointer,
                "schema nests too deep through `$ref`s: read as untyped JSON",
            );
            return Typed {
                ty: untyped(),
                nullable: None,
            };
        }
        let reference = match schema {
            SchemaRef::Item(s) => return self.inline(s, pointer, synth, depth),
            SchemaRef::Ref(r) => r,
        };
        let Some((name, target)) = self.schema_ref(reference) else {
            let name = component_name(reference, SCHEMAS)
                .map(|n| self.qualified(&n))
                .unwrap_or_else(|| QualifiedName::new(self.namespace.clone(), reference));
            self.unresolved(&name, reference, pointer);
            return Typed {
                ty: named(name),
                nullable: None,
            };
        };
        match self.classify_named(target) {
            Kind::Enum | Kind::Structured | Kind::Primitive(_) => Typed {
                ty: named(self.qualified(name)),
                nullable: None,
            },
            _ => {
                let at = child("/components/schemas", name);
                let synth = self.qualified(name);
                self.inline(target, &at, &synth, depth + 1)
            }
        }
    }

    fn inline(
        &mut self,
        s: &'d Schema,
        pointer: &str,
        synth: &QualifiedName,
        depth: usize,
    ) -> Typed {
        let shape = Shape::of(s);
        let nullable = Some(s.schema_data.nullable);
        if !shape.one_of.is_empty() {
            return self.union(s, &shape, pointer, synth, depth);
        }
        // `allOf: [{$ref}]` alone wraps a reference to give it a description or `nullable`.
        if let ([only], false) = (shape.all_of, shape.has_properties()) {
            let mut typed = self.typed(only.into(), &child(pointer, "allOf"), synth, depth + 1);
            if s.schema_data.nullable {
                typed.nullable = Some(true);
            }
            return typed;
        }
        let ty = match classify(s, false) {
            Kind::Enum => {
                let name = self.synthesize(synth);
                self.enumeration(name.clone(), s, pointer);
                named(name)
            }
            Kind::Structured | Kind::Envelope => {
                let name = self.synthesize(synth);
                self.structured(name.clone(), s, pointer);
                named(name)
            }
            Kind::Primitive(p) => primitive_ref(p),
            Kind::Array => {
                let Some(items) = shape.items else {
                    return Typed {
                        ty: TypeRef {
                            collection: true,
                            ..untyped()
                        },
                        nullable: None,
                    };
                };
                let at = child(pointer, "items");
                let item = self.typed(items.into(), &at, synth, depth + 1);
                if item.ty.collection {
                    self.warn(
                        &at,
                        "an array of arrays is read as an array of untyped JSON",
                    );
                }
                let name = if item.ty.collection {
                    untyped().name
                } else {
                    item.ty.name
                };
                return Typed {
                    ty: TypeRef {
                        collection: true,
                        name,
                    },
                    nullable: item.nullable,
                };
            }
            Kind::Other => untyped(),
        };
        Typed { ty, nullable }
    }

    /// `anyOf`/`oneOf`: one real branch after dropping null and IEEE754 string forms.
    fn union(
        &mut self,
        s: &'d Schema,
        shape: &Shape<'d>,
        pointer: &str,
        synth: &QualifiedName,
        depth: usize,
    ) -> Typed {
        let branches: Vec<SchemaRef<'d>> = shape.one_of.iter().map(SchemaRef::from).collect();
        let numeric = branches.iter().any(|b| self.is_numeric(*b));
        let mut null_branch = false;
        let mut kept = Vec::new();
        for branch in branches {
            if self.is_null(branch) {
                null_branch = true;
            } else if !(numeric && self.is_number_as_string(branch)) {
                kept.push(branch);
            }
        }
        let [only] = kept.as_slice() else {
            self.warn(
                pointer,
                format!(
                    "a union of {} schemas has no Rust type yet: read as untyped JSON",
                    kept.len()
                ),
            );
            return Typed {
                ty: untyped(),
                nullable: Some(true),
            };
        };
        let mut typed = self.typed(*only, pointer, synth, depth + 1);
        if null_branch || s.schema_data.nullable {
            typed.nullable = Some(true);
        }
        typed
    }

    fn is_null(&self, branch: SchemaRef<'d>) -> bool {
        let SchemaRef::Item(s) = branch else {
            return false;
        };
        let shape = Shape::of(s);
        s.schema_data.nullable
            && !shape.has_properties()
            && shape.all_of.is_empty()
            && shape.one_of.is_empty()
            && shape.items.is_none()
            && matches!(shape.typ, None | Some("object"))
    }

    fn is_numeric(&self, branch: SchemaRef<'d>) -> bool {
        self.deref(branch)
            .is_some_and(|(_, s)| matches!(Shape::of(s).typ, Some("number" | "integer")))
    }

    /// `type: string` with no format, or an enum of `INF`/`-INF`/`NaN` (Graph's
    /// `ReferenceNumeric`): how `IEEE754Compatible=true` writes numbers.
    fn is_number_as_string(&self, branch: SchemaRef<'d>) -> bool {
        let Some((_, s)) = self.deref(branch) else {
            return false;
        };
        let shape = Shape::of(s);
        let special = |v: &Value| v.is_null() || matches!(v.as_str(), Some("INF" | "-INF" | "NaN"));
        shape.typ == Some("string")
            && shape.format.is_none()
            && shape.enumeration.iter().all(special)
    }

    /// Remembers the first place a name is referenced without being defined.
    pub(super) fn unresolved(&mut self, name: &QualifiedName, reference: &str, pointer: &str) {
        if self.model.unresolved.contains_key(name) {
            return;
        }
        let reference = Reference {
            written: reference.to_owned(),
            pos: self.pos(pointer),
            cycle: self.ref_cycle(reference),
        };
        self.model.unresolved.insert(name.clone(), reference);
    }

    /// A fresh name for an inline type, numbered past the names already taken.
    fn synthesize(&self, base: &QualifiedName) -> QualifiedName {
        let taken = |n: &QualifiedName| {
            self.model.types.contains_key(n)
                || self
                    .components
                    .is_some_and(|c| c.schemas.keys().any(|k| self.qualified(k) == *n))
        };
        if !taken(base) {
            return base.clone();
        }
        (2..)
            .map(|i| QualifiedName::new(base.namespace.clone(), format!("{}_{i}", base.name)))
            .find(|n| !taken(n))
            .unwrap_or_else(|| base.clone())
    }

    fn enumeration(&mut self, name: QualifiedName, s: &'d Schema, pointer: &str) {
        let shape = Shape::of(s);
        let ext = &s.schema_data.extensions;
        let described = |value: &str| -> Option<String> {
            extension(ext, "x-ms-enum")?
                .get("values")?
                .as_array()?
                .iter()
                .find(|v| v.get("value").and_then(Value::as_str) == Some(value))?
                .get("description")?
                .as_str()
                .map(str::to_owned)
        };
        let is_flags = extension(ext, "x-ms-enum-flags")
            .and_then(|f| f.get("isFlags"))
            .and_then(Value::as_bool)
            == Some(true);
        let mut members: Vec<EnumMember> = Vec::new();
        for (i, value) in shape.enumeration.iter().enumerate() {
            let Some(value) = value.as_str() else {
                continue;
            };
            let at = child(&child(pointer, "enum"), &i.to_string());
            if value.is_empty() || members.iter().any(|m| m.name == value) {
                self.warn(
                    &at,
                    format!("enum value `{value}` is empty or repeated: left out"),
                );
                continue;
            }
            members.push(EnumMember {
                name: value.to_owned(),
                // OData numbers members from 0 in order; OpenAPI carries no values.
                value: i64::try_from(members.len()).unwrap_or(i64::MAX),
                description: describe(described(value).as_ref()),
                pos: self.pos(&at),
            });
        }
        let ty = EnumType {
            name: name.clone(),
            underlying: Primitive::Int32,
            is_flags,
            members,
            description: describe(s.schema_data.description.as_ref()),
            pos: self.pos(pointer),
        };
        self.model.types.insert(name, TypeDef::Enum(ty));
    }
}
