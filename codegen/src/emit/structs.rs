//! A struct per entity or complex type, with its base types' properties copied in, and the
//! `Structured` impl that reads and writes it (docs/design.md §4: no `#[serde(flatten)]`, unknown
//! properties kept, read-only properties never sent).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::Context;
use super::docs::{describe, doc_attrs};
use super::types::fields;
use crate::ir::{StructuredKind, StructuredType, TypeName};
use crate::naming::{ADDITIONAL_FIELD, CONTROL_FIELD, TypeNames};

pub fn structured(cx: &Context<'_>, ty: &StructuredType, names: &TypeNames) -> TokenStream {
    let ident = format_ident!("{}", names.ident);
    let qualified = ty.name.to_string();
    let fields = fields(cx.model, ty);

    let mut declarations = Vec::new();
    let mut reads = Vec::new();
    // Reads of fields that exist only under some features: `#[cfg]` is stable on statements,
    // and a match whose every arm is configured away would not type-check.
    let mut gated_reads = Vec::new();
    let mut writes = Vec::new();
    let mut gated = false;
    for field in &fields {
        let Some(field_ident) = names.fields.get(field.wire) else {
            continue;
        };
        let field_ident = format_ident!("{}", field_ident);
        let wire = field.wire;
        let rust_type = cx.field_type(&ty.name, field);
        let kind = if field.is_navigation {
            "navigation property"
        } else {
            "property"
        };
        let mut doc = describe(field.description, &format!("The `{wire}` {kind}."));
        if field.read_only {
            doc.push_str("\n\nRead-only: the service sets it; it is never serialized.");
        }
        if field.is_navigation
            && !field.ty.collection
            && cx.selection.contains_named(&field.ty.name)
        {
            doc.push_str("\n\nA navigation property: present when expanded (`$expand`), or as a reference (`@odata.id`) in request bodies.");
        } else if field.is_navigation && !cx.selection.contains_named(&field.ty.name) {
            doc.push_str(
                "\n\nA navigation property whose target type is not generated: kept as raw JSON.",
            );
        }
        let doc = doc_attrs(&doc);
        // A navigation field exists only while its target type is compiled (see `areas`).
        let cfg = match &field.ty.name {
            TypeName::Named(target) if cx.selection.contains(target) => {
                cx.cfg_within(target, &ty.name)
            }
            _ => TokenStream::new(),
        };
        declarations.push(quote! { #doc #cfg pub #field_ident: #rust_type, });
        if cfg.is_empty() {
            reads.push(
                quote! { #wire => odata_runtime::read_into(map, key, &mut self.#field_ident), },
            );
        } else {
            gated = true;
            gated_reads.push(quote! {
                #cfg
                if key == #wire {
                    odata_runtime::read_into(map, key, &mut self.#field_ident)?;
                    return Ok(true);
                }
            });
        }
        if !field.read_only {
            let write = quote! { odata_runtime::write_field(map, #wire, &self.#field_ident)?; };
            // A block, so the attribute sits on its own line in the formatted file.
            writes.push(if cfg.is_empty() {
                write
            } else {
                quote! { #cfg { #write } }
            });
        }
    }

    let doc = doc_attrs(&type_doc(cx, ty));
    let read_body = if reads.is_empty() {
        quote! { #(#gated_reads)* let _ = (key, map); Ok(false) }
    } else {
        quote! {
            #(#gated_reads)*
            match key {
                #(#reads)*
                _ => return Ok(false),
            }?;
            Ok(true)
        }
    };
    // With gated fields, every write may be configured away.
    let unused = (writes.is_empty() || gated).then(|| quote! { let _ = map; });
    let write_body = quote! { #(#writes)* #unused Ok(()) };

    let control = format_ident!("{}", CONTROL_FIELD);
    let additional = format_ident!("{}", ADDITIONAL_FIELD);
    quote! {
        #doc
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct #ident {
            #(#declarations)*
            /// OData control information: `@odata.type`, `@odata.id`, `@odata.etag`, `@odata.context`.
            pub #control: odata_runtime::ControlInformation,
            /// Properties the schema does not declare, kept as received and sent back unchanged.
            pub #additional: odata_runtime::serde_json::Map<String, odata_runtime::serde_json::Value>,
        }

        impl odata_runtime::Structured for #ident {
            const QUALIFIED_NAME: &'static str = #qualified;

            fn read_property<'de, A: odata_runtime::serde::de::MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
                #read_body
            }

            fn write_properties<M: odata_runtime::serde::ser::SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
                #write_body
            }
        }

        odata_runtime::impl_structured!(#ident);
    }
}

/// The type's description, then what OData says about it that a user needs.
fn type_doc(cx: &Context<'_>, ty: &StructuredType) -> String {
    let kind = match ty.kind {
        StructuredKind::Entity => "entity type",
        StructuredKind::Complex => "complex type",
    };
    let mut facts = format!("OData {kind} `{}`", ty.name);
    if let Some(base) = &ty.base {
        facts.push_str(&format!(", derived from `{base}`"));
    }
    facts.push('.');
    if ty.is_abstract {
        facts.push_str(
            " Abstract: values are always of a derived type; this struct holds what they share.",
        );
    }
    if ty.is_open {
        facts.push_str(" Open: dynamic properties land in `additional_properties`.");
    }
    if let Some(any) = cx.names.of(&ty.name).and_then(|n| n.polymorphic.as_ref()) {
        facts.push_str(&format!(
            " Where a value may also be a derived type, it is an [`{}`].",
            any.ident
        ));
    }
    let description = describe(&ty.description, "");
    if description.is_empty() {
        facts
    } else {
        format!("{description}\n\n{facts}")
    }
}
