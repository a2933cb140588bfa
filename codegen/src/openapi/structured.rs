//! Object schemas → structured types: `allOf` inheritance, properties and navigation
//! properties, and the checks the runtime's `@odata.type` dispatch needs.

use openapiv3::{ReferenceOr, Schema};
use serde_json::Value;

use super::pointer_child as child;
use super::shape::Shape;
use super::{Reader, SCHEMAS, component_name, describe, extension, is_true};
use crate::ir::{
    NavigationProperty, Property, QualifiedName, StructuredKind, StructuredType, TypeDef, TypeName,
};

impl<'d> Reader<'d> {
    pub(super) fn structured(&mut self, name: QualifiedName, s: &'d Schema, pointer: &str) {
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
    pub(super) fn check_bases(&mut self) {
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
