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
use super::{MAX_REF_HOPS, Reader, SCHEMAS, component_name, describe, extension, is_true};
use crate::ir::{
    EnumMember, EnumType, NavigationProperty, Primitive, Property, QualifiedName, Reference,
    StructuredKind, StructuredType, TypeDef, TypeDefinition, TypeName, TypeRef,
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
    fn unresolved(&mut self, name: &QualifiedName, reference: &str, pointer: &str) {
        let pos = self.pos(pointer);
        self.model
            .unresolved
            .entry(name.clone())
            .or_insert_with(|| Reference {
                written: reference.to_owned(),
                pos,
            });
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

    fn structured(&mut self, name: QualifiedName, s: &'d Schema, pointer: &str) {
        let shape = Shape::of(s);
        let mut ty = StructuredType {
            name: name.clone(),
            kind: StructuredKind::Complex,
            base: None,
            is_abstract: false,
            is_open: shape.is_open(),
            key: Vec::new(),
            properties: Vec::new(),
            navigation: Vec::new(),
            description: describe(s.schema_data.description.as_ref()),
            pos: self.pos(pointer),
        };
        // Registered before its members so a self-reference inside finds the name taken.
        self.model
            .types
            .insert(name.clone(), TypeDef::Structured(ty.clone()));
        self.discriminator(s, &name, pointer);
        self.members(&mut ty, &shape, pointer);
        for (i, part) in shape.all_of.iter().enumerate() {
            let at = child(&child(pointer, "allOf"), &i.to_string());
            match part {
                ReferenceOr::Reference { reference } if ty.base.is_none() => {
                    let base = match self.schema_ref(reference) {
                        Some((base, _)) => self.qualified(base),
                        None => {
                            let base = component_name(reference, SCHEMAS)
                                .map(|n| self.qualified(&n))
                                .unwrap_or_else(|| {
                                    QualifiedName::new(self.namespace.clone(), reference.as_str())
                                });
                            self.unresolved(&base, reference, &at);
                            base
                        }
                    };
                    ty.base = Some(base);
                }
                ReferenceOr::Reference { reference } => {
                    self.warn(
                        &at,
                        format!(
                            "`allOf` names a second `$ref` (`{reference}`): the IR has single inheritance, so its properties are copied in"
                        ),
                    );
                    if let Some((_, mixin)) = self.schema_ref(reference) {
                        let mixin_shape = Shape::of(mixin);
                        self.members(&mut ty, &mixin_shape, &at);
                    }
                }
                ReferenceOr::Item(part) => {
                    let part_shape = Shape::of(part);
                    ty.is_open |= part_shape.is_open();
                    if ty.description.is_empty() {
                        ty.description = describe(part.schema_data.description.as_ref());
                    }
                    self.discriminator(part, &name, &at);
                    self.members(&mut ty, &part_shape, &at);
                    if !part_shape.all_of.is_empty() || !part_shape.one_of.is_empty() {
                        self.warn(
                            &at,
                            "nested `allOf`/`anyOf`/`oneOf` inside `allOf` is not read",
                        );
                    }
                }
            }
        }
        self.model.types.insert(name, TypeDef::Structured(ty));
    }

    fn members(&mut self, ty: &mut StructuredType, shape: &Shape<'d>, pointer: &str) {
        let Some(properties) = shape.properties else {
            return;
        };
        for (name, schema) in properties {
            let at = child(&child(pointer, "properties"), name);
            // Control information (`@odata.type`, `@odata.nextLink`) is the runtime's.
            if name.starts_with('@') {
                continue;
            }
            if ty.properties.iter().any(|p| &p.name == name)
                || ty.navigation.iter().any(|n| &n.name == name)
            {
                self.warn(
                    &at,
                    format!("property `{name}` is declared twice: the first is kept"),
                );
                continue;
            }
            let synth = QualifiedName::new(
                ty.name.namespace.clone(),
                format!("{}_{name}", ty.name.name),
            );
            let typed = self.typed(schema.into(), &at, &synth, 0);
            let data = match schema {
                ReferenceOr::Item(s) => Some(&s.schema_data),
                ReferenceOr::Reference { .. } => None,
            };
            let description = describe(data.and_then(|d| d.description.as_ref()));
            let read_only = data.is_some_and(|d| d.read_only);
            if data.is_some_and(|d| is_true(&d.extensions, "x-ms-navigationProperty")) {
                if let TypeName::Named(target) = &typed.ty.name {
                    self.navigation_targets.push(target.clone());
                }
                ty.navigation.push(NavigationProperty {
                    name: name.clone(),
                    ty: typed.ty,
                    nullable: typed.nullable,
                    contains_target: false,
                    partner: None,
                    read_only,
                    description,
                    annotations: Vec::new(),
                    pos: self.pos(&at),
                });
                continue;
            }
            let max_length = match schema {
                ReferenceOr::Item(s) => Shape::of(s).max_length.map(|n| n.to_string()),
                ReferenceOr::Reference { .. } => None,
            };
            ty.properties.push(Property {
                name: name.clone(),
                ty: typed.ty,
                nullable: typed.nullable,
                read_only,
                default_value: data.and_then(|d| d.default.as_ref()).map(|v| match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                }),
                max_length,
                precision: None,
                scale: None,
                description,
                pos: self.pos(&at),
            });
        }
    }

    /// The runtime tells derived types apart by `@odata.type` holding `#` and the
    /// qualified name; say so where a document asks for something else.
    fn discriminator(&mut self, s: &'d Schema, owner: &QualifiedName, pointer: &str) {
        if let Some(d) = &s.schema_data.discriminator {
            let at = child(pointer, "discriminator");
            if d.property_name != "@odata.type" {
                self.warn(
                    &at,
                    format!(
                        "discriminator `{}` is not `@odata.type`: derived types of `{owner}` are told apart by `@odata.type` only",
                        d.property_name
                    ),
                );
            }
            for (value, target) in &d.mapping {
                let expected =
                    component_name(target, SCHEMAS).map(|n| format!("#{}", self.qualified(&n)));
                if expected.as_deref() != Some(value.as_str()) {
                    self.warn(
                        &child(&at, "mapping"),
                        format!(
                            "discriminator value `{value}` → `{target}`: the runtime expects `@odata.type` to be `#` and the qualified name, so this value is not recognised"
                        ),
                    );
                }
            }
        }
        if let Some(value) =
            extension(&s.schema_data.extensions, "x-ms-discriminator-value").and_then(Value::as_str)
            && value.trim_start_matches('#') != owner.to_string()
        {
            self.warn(
                pointer,
                format!(
                    "`x-ms-discriminator-value: {value}` differs from `#{owner}`, the `@odata.type` the runtime writes and recognises"
                ),
            );
        }
    }

    /// `allOf` may loop (`a` → `b` → `a`); later passes assume it does not.
    fn check_bases(&mut self) {
        let mut cycles = Vec::new();
        for ty in self.model.types.values() {
            let TypeDef::Structured(start) = ty else {
                continue;
            };
            let mut seen = vec![&start.name];
            let mut next = start.base.as_ref();
            while let Some(base) = next {
                if base == &start.name {
                    let chain: Vec<String> = seen.iter().map(|n| n.to_string()).collect();
                    cycles.push((
                        start.pos,
                        format!("`allOf` inheritance loops: {} → {base}", chain.join(" → ")),
                    ));
                    break;
                }
                if seen.contains(&base) {
                    break;
                }
                seen.push(base);
                next = self.model.structured(base).and_then(|t| t.base.as_ref());
            }
        }
        for (pos, message) in cycles {
            self.errors
                .push(crate::Diagnostic::error(self.file, Some(pos), message));
        }
    }
}
