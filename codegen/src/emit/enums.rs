//! Open enums (docs/design.md §4): every member a variant, the `unknownFutureValue` sentinel and
//! the evolvable members after it included, plus one variant that keeps any other string,
//! so a member Graph adds tomorrow never fails deserialization. Flags enums use the same
//! type for their members; fields hold them as `odata_runtime::Flags`, the `"a,b"` form.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::{describe, doc_attrs};
use super::types::primitive;
use crate::ir::{EnumType, TypeDefinition};
use crate::naming::TypeNames;

pub fn open_enum(ty: &EnumType, names: &TypeNames) -> TokenStream {
    let ident = format_ident!("{}", names.ident);
    let fallback = format_ident!("{}", names.fallback_variant);
    let sentinel = ty.sentinel();

    let mut variants = Vec::new();
    let mut as_str_arms = Vec::new();
    let mut from_arms = Vec::new();
    let mut evolvable = Vec::new();
    for (i, member) in ty.members.iter().enumerate() {
        let Some(variant) = names.variants.get(&member.name) else {
            continue;
        };
        let variant = format_ident!("{}", variant);
        let wire = member.name.as_str();
        let mut doc = describe(&member.description, &format!("`{wire}`"));
        if Some(i) == sentinel {
            doc.push_str("\n\nThe evolvable-enum sentinel: members after it are sent only to requests with `Prefer: include-unknown-enum-members`; other requests get this value instead. Never send it.");
        } else if sentinel.is_some_and(|s| i > s) {
            doc.push_str("\n\nEvolvable: sent only to requests with `Prefer: include-unknown-enum-members`; other requests get `unknownFutureValue` instead.");
            evolvable.push(quote!(Self::#variant));
        }
        let doc = doc_attrs(&doc);
        variants.push(quote! { #doc #variant, });
        as_str_arms.push(quote! { Self::#variant => #wire, });
        from_arms.push(quote! { #wire => Self::#variant, });
    }

    let flags = if ty.is_flags {
        " A flags enum: properties of this type hold a set of members (`odata_runtime::Flags`), written `\"a,b\"`."
    } else {
        ""
    };
    let doc = doc_attrs(&format!(
        "{}\n\nOData enum type `{}`.{flags}",
        describe(
            &ty.description,
            &format!("The `{}` enumeration.", ty.name.name)
        ),
        ty.name
    ));
    // An enum without members (legal CSDL) keeps every value; a one-arm match would be lint.
    let from_wire = if from_arms.is_empty() {
        quote! { Self::#fallback(value.to_owned()) }
    } else {
        quote! {
            match value {
                #(#from_arms)*
                other => Self::#fallback(other.to_owned()),
            }
        }
    };
    let is_evolvable = (!evolvable.is_empty()).then(|| {
        quote! {
            /// Whether Graph sends this member only to requests with `Prefer: include-unknown-enum-members`.
            pub fn is_evolvable(&self) -> bool {
                matches!(self, #(#evolvable)|*)
            }
        }
    });

    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #ident {
            #(#variants)*
            /// A member this version of the crate does not know, kept exactly as received.
            #fallback(String),
        }

        impl #ident {
            /// The member's name on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#as_str_arms)*
                    Self::#fallback(other) => other,
                }
            }

            #is_evolvable
        }

        impl odata_runtime::OpenEnum for #ident {
            fn as_str(&self) -> &str {
                self.as_str()
            }

            fn from_wire(value: &str) -> Self {
                #from_wire
            }
        }

        odata_runtime::impl_open_enum_traits!(#ident);
    }
}

/// A type definition is an alias: the wire form is the underlying primitive's.
pub fn type_definition(def: &TypeDefinition, names: &TypeNames) -> TokenStream {
    let ident = format_ident!("{}", names.ident);
    let underlying = primitive(def.underlying);
    let doc = doc_attrs(&format!(
        "{}\n\nOData type definition `{}`.",
        describe(
            &def.description,
            &format!("The `{}` type definition.", def.name.name)
        ),
        def.name
    ));
    quote! {
        #doc
        pub type #ident = #underlying;
    }
}
