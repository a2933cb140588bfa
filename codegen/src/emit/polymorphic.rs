//! The enum of a polymorphic base: a value declared as the base may be any derived type,
//! and `@odata.type` says which (design.md §4). Dispatch tries an exact match, then a
//! case-insensitive one; an unknown or missing type falls back to the base, which keeps the
//! type name and every property, so nothing is lost. Every variant is boxed: derived types
//! differ in size by kilobytes in Graph, and an unboxed enum would make every value (and every
//! item of a `Vec`) as large as the largest derived type (`clippy::large_enum_variant`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::Context;
use super::docs::doc_attrs;
use crate::ir::StructuredType;
use crate::naming::{Polymorphic, TypeNames};

pub fn any_enum(
    cx: &Context<'_>,
    base: &StructuredType,
    names: &TypeNames,
    any: &Polymorphic,
) -> TokenStream {
    let ident = format_ident!("{}", any.ident);
    let base_ident = format_ident!("{}", names.ident);
    let base_variant = any
        .variants
        .first()
        .map(|(_, v)| format_ident!("{}", v))
        .unwrap_or_else(|| base_ident.clone());

    let mut variants = Vec::new();
    let mut from_impls = Vec::new();
    let mut serialize_arms = Vec::new();
    let mut dispatch_arms = Vec::new();
    let mut candidates = Vec::new();
    for (i, (member, variant)) in any.variants.iter().enumerate() {
        let Some(member_names) = cx.names.of(member) else {
            continue;
        };
        let variant = format_ident!("{}", variant);
        let path = cx.path_to(
            &base.name.namespace,
            &member_names.module,
            &member_names.ident,
        );
        let doc = if i == 0 {
            format!(
                "`{member}` itself, or a derived type this crate does not know: its `@odata.type` and properties are kept."
            )
        } else {
            format!("`{member}`.")
        };
        let doc = doc_attrs(&doc);
        variants.push(quote! { #doc #variant(Box<#path>), });
        from_impls.push(quote! {
            impl From<#path> for #ident {
                fn from(value: #path) -> Self {
                    Self::#variant(Box::new(value))
                }
            }
        });
        if i == 0 {
            serialize_arms.push(quote! { Self::#variant(value) => odata_runtime::serde::Serialize::serialize(value, serializer),});
        } else {
            let qualified = member.to_string();
            serialize_arms.push(quote! {
                Self::#variant(value) => odata_runtime::serialize_structured(value.as_ref(), serializer, Some(#qualified)),
            });
            dispatch_arms.push(quote! {
                Some(#qualified) => Self::#variant(Box::new(odata_runtime::polymorphic::from_object(object)?)),
            });
            candidates.push(qualified);
        }
    }

    let doc = doc_attrs(&format!(
        "A `{}` or any type derived from it; `@odata.type` says which.\n\nDeserializing dispatches on `@odata.type` (exact match first, then case-insensitive); an unknown or missing type becomes [`{}::{}`] with nothing lost.",
        base.name, any.ident, base_variant
    ));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        pub enum #ident {
            #(#variants)*
        }

        impl Default for #ident {
            fn default() -> Self {
                Self::#base_variant(Default::default())
            }
        }

        #(#from_impls)*

        impl odata_runtime::serde::Serialize for #ident {
            fn serialize<S: odata_runtime::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#serialize_arms)*
                }
            }
        }

        impl<'de> odata_runtime::serde::Deserialize<'de> for #ident {
            fn deserialize<D: odata_runtime::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let object = odata_runtime::polymorphic::buffer(deserializer)?;
                Ok(match odata_runtime::polymorphic::resolve_type(&object, &[#(#candidates),*]) {
                    #(#dispatch_arms)*
                    _ => Self::#base_variant(Box::new(odata_runtime::polymorphic::from_object(object)?)),
                })
            }
        }

        impl odata_runtime::Model for #ident {}
    }
}
