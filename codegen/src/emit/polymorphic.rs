//! The enum of a polymorphic base: a value declared as the base may be any derived type,
//! and `@odata.type` says which (docs/design.md §4). Dispatch tries an exact match, then a
//! case-insensitive one; an unknown or missing type falls back to the base, which keeps the
//! type name and every property, so nothing is lost. The dispatch itself is the runtime's
//! `impl_polymorphic!`; this emits the enum and the table it dispatches on. Every variant is boxed: derived types
//! differ in size by kilobytes in Graph, and an unboxed enum would make every value (and every
//! item of a `Vec`) as large as the largest derived type (`clippy::large_enum_variant`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::Context;
use super::docs::doc_attrs;
use crate::ir::StructuredType;
use crate::naming::Polymorphic;

pub fn any_enum(cx: &Context<'_>, base: &StructuredType, any: &Polymorphic) -> TokenStream {
    let ident = format_ident!("{}", any.ident);
    let mut variants = Vec::new();
    let mut members = Vec::new();
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
        // A derived type whose area is off is not a variant: its values read as the base.
        let cfg = cx.cfg_within(member, &base.name);
        variants.push(quote! { #doc #cfg #variant(Box<#path>), });
        // The base comes first and has no name to dispatch on; derived types carry theirs.
        let qualified = member.to_string();
        members.push(if i == 0 {
            quote!(#variant(#path))
        } else {
            quote!(#cfg #variant(#path) = #qualified)
        });
    }
    let base_variant = any
        .variants
        .first()
        .map_or(String::new(), |(_, v)| v.clone());
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

        odata_runtime::impl_polymorphic!(#ident, #(#members),*);
    }
}
