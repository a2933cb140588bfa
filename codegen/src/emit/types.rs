//! Rust types of fields: the Edm mapping (README's table), optionality, and boxing.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::Context;
use crate::ir::{Model, Primitive, QualifiedName, StructuredType, TypeDef, TypeName, TypeRef};
use crate::select::Selection;

/// One field of a generated struct: a structural or navigation property, inherited ones
/// included, in the order the struct declares them.
pub struct Field<'m> {
    pub wire: &'m str,
    pub ty: &'m TypeRef,
    pub nullable: Option<bool>,
    pub read_only: bool,
    pub description: &'m crate::ir::Description,
    pub is_navigation: bool,
}

/// The fields of `ty`: base-most type's first, structural before navigation properties; a
/// property redeclared by a derived type (invalid CSDL, but seen) is kept once.
pub fn fields<'m>(model: &'m Model, ty: &'m StructuredType) -> Vec<Field<'m>> {
    let mut chain = model.base_chain(&ty.name);
    chain.reverse();
    chain.push(ty);
    let mut seen = BTreeSet::new();
    let mut fields = Vec::new();
    for t in chain {
        let structural = t.properties.iter().map(|p| Field {
            wire: &p.name,
            ty: &p.ty,
            nullable: p.nullable,
            read_only: p.read_only,
            description: &p.description,
            is_navigation: false,
        });
        let navigation = t.navigation.iter().map(|n| Field {
            wire: &n.name,
            ty: &n.ty,
            nullable: n.nullable,
            read_only: n.read_only,
            description: &n.description,
            is_navigation: true,
        });
        for field in structural.chain(navigation) {
            if seen.insert(field.wire) {
                fields.push(field);
            }
        }
    }
    fields
}

/// Which single-valued fields must be boxed so that recursive types have a size.
#[derive(Debug, Default)]
pub struct Layout {
    boxed: BTreeSet<(QualifiedName, String)>,
}

impl Layout {
    /// A field of `T` holding a `U` inline is boxed when `T` is reachable from `U` through
    /// inline (single-valued) fields. `Vec` already breaks a cycle, and so does a polymorphic
    /// type, held through its `Any` enum whose variants are boxed.
    pub fn compute(model: &Model, selection: &Selection) -> Self {
        let inline = |ty: &StructuredType| -> Vec<(String, QualifiedName)> {
            fields(model, ty)
                .into_iter()
                .filter(|f| !f.ty.collection)
                .filter_map(|f| match &f.ty.name {
                    TypeName::Named(n)
                        if model.structured(n).is_some()
                            && selection.contains(n)
                            && selection.derived_types(n).is_empty() =>
                    {
                        Some((f.wire.to_owned(), n.clone()))
                    }
                    _ => None,
                })
                .collect()
        };
        let edges: BTreeMap<&QualifiedName, Vec<(String, QualifiedName)>> = selection
            .types
            .iter()
            .filter_map(|n| model.structured(n))
            .map(|t| (&t.name, inline(t)))
            .collect();
        let reaches = |from: &QualifiedName, to: &QualifiedName| -> bool {
            let mut stack = vec![from];
            let mut seen = BTreeSet::new();
            while let Some(next) = stack.pop() {
                if next == to {
                    return true;
                }
                if seen.insert(next) {
                    stack.extend(edges.get(next).into_iter().flatten().map(|(_, t)| t));
                }
            }
            false
        };
        let boxed = edges
            .iter()
            .flat_map(|(owner, fields)| {
                fields
                    .iter()
                    .map(move |(wire, target)| (*owner, wire, target))
            })
            .filter(|(owner, _, target)| reaches(target, owner))
            .map(|(owner, wire, _)| (owner.clone(), wire.clone()))
            .collect();
        Layout { boxed }
    }

    pub fn is_boxed(&self, owner: &QualifiedName, wire: &str) -> bool {
        self.boxed.contains(&(owner.clone(), wire.to_owned()))
    }
}

impl Context<'_> {
    /// The Rust type of a field of `owner` (generated into `owner`'s namespace module).
    pub fn field_type(&self, owner: &QualifiedName, field: &Field<'_>) -> TokenStream {
        let item = self.item_type(&owner.namespace, &field.ty.name);
        let item = if self.layout.is_boxed(owner, field.wire) {
            quote!(Box<#item>)
        } else {
            item
        };
        if field.ty.collection {
            // CSDL: on a collection, Nullable is about its items; the collection itself is
            // never null. Items are only optional where the schema says so explicitly, since
            // Graph leaves the attribute off nearly everywhere and never sends null items.
            if field.nullable == Some(true) {
                quote!(Option<Vec<Option<#item>>>)
            } else {
                quote!(Option<Vec<#item>>)
            }
        } else if field.nullable.unwrap_or(true) {
            quote!(odata_runtime::Nullable<#item>)
        } else {
            quote!(Option<#item>)
        }
    }

    /// The Rust type of one value of `name`, as seen from the module of `namespace`.
    pub fn item_type(&self, namespace: &str, name: &TypeName) -> TokenStream {
        let name = match name {
            TypeName::Primitive(p) => return primitive(*p),
            TypeName::Named(name) => name,
        };
        let Some(names) = self
            .names
            .of(name)
            .filter(|_| self.selection.contains(name))
        else {
            // A navigation target beyond the selection bound: kept whole as JSON.
            return quote!(odata_runtime::serde_json::Value);
        };
        match (self.model.types.get(name), &names.polymorphic) {
            (Some(TypeDef::Enum(e)), _) if e.is_flags => {
                let path = self.path_to(namespace, &names.module, &names.ident);
                quote!(odata_runtime::Flags<#path>)
            }
            (Some(TypeDef::Structured(_)), Some(any)) => {
                self.path_to(namespace, &names.module, &any.ident)
            }
            _ => self.path_to(namespace, &names.module, &names.ident),
        }
    }

    /// The Rust type of one value of `name`, as seen from outside the namespace modules
    /// (the request functions): always a `crate::` path.
    pub fn crate_item_type(&self, name: &TypeName) -> TokenStream {
        // No namespace is empty (`QualifiedName::parse` refuses it), so no path is `super::`.
        self.item_type("", name)
    }

    /// The path to a generated item from a type file of `namespace`'s module: `super::X`
    /// within the namespace, `crate::module::X` across namespaces.
    pub fn path_to(&self, namespace: &str, module: &str, ident: &str) -> TokenStream {
        let ident = format_ident!("{}", ident);
        if self
            .names
            .modules
            .get(namespace)
            .is_some_and(|m| m == module)
        {
            quote!(super::#ident)
        } else {
            let module = format_ident!("{}", module);
            quote!(crate::#module::#ident)
        }
    }
}

/// The Edm mapping; README documents each choice.
pub fn primitive(p: Primitive) -> TokenStream {
    match p {
        Primitive::Binary => quote!(odata_runtime::Binary),
        Primitive::Boolean => quote!(bool),
        Primitive::Byte => quote!(u8),
        Primitive::Date => quote!(odata_runtime::time::Date),
        Primitive::DateTimeOffset => quote!(odata_runtime::time::OffsetDateTime),
        Primitive::Decimal => quote!(odata_runtime::Decimal),
        Primitive::Double => quote!(f64),
        Primitive::Duration => quote!(odata_runtime::time::Duration),
        Primitive::Guid => quote!(odata_runtime::uuid::Uuid),
        Primitive::Int16 => quote!(i16),
        Primitive::Int32 => quote!(i32),
        Primitive::Int64 => quote!(i64),
        Primitive::SByte => quote!(i8),
        Primitive::Single => quote!(f32),
        Primitive::String => quote!(String),
        Primitive::TimeOfDay => quote!(odata_runtime::time::Time),
        // Stream values are links (`@odata.mediaReadLink`), geo values GeoJSON, untyped
        // values anything: JSON keeps them whole.
        Primitive::Stream | Primitive::Geo | Primitive::Untyped => {
            quote!(odata_runtime::serde_json::Value)
        }
    }
}
