//! Request functions (docs/design.md §5): one per endpoint, sans-IO. Each builds an
//! `odata_runtime::Request` whose type parameter says how to parse the response, so the
//! same value serves our client, any other HTTP stack, and tests without a network.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::Context;
use super::docs::{describe, doc_attrs, inner_doc_attrs};
use crate::areas::Gate;
use crate::ir::{
    Body, Endpoint, EndpointKind, Primitive, QualifiedName, QueryOption, Response, Segment,
    TypeDef, TypeName, TypeRef,
};
use crate::naming::{BODY_PARAMETER, EndpointNames, OPTIONS_PARAMETER};

mod tree;

pub use tree::{Tree, module_files};

/// The request module at `path`: its child modules and a function per endpoint.
pub fn module(cx: &Context<'_>, tree: &Tree<'_>, path: &[String]) -> TokenStream {
    let doc = inner_doc_attrs(&module_doc(cx, tree, path));
    // What is compiled with fewer areas than its module gets a `#[cfg]`; the root module
    // is always compiled.
    let empty = BTreeSet::new();
    let gate = |path: &[String]| Gate::any(tree.gates.get(path).unwrap_or(&empty));
    let enclosing = if path.is_empty() {
        Gate::Always
    } else {
        gate(path)
    };
    let children = tree
        .children
        .get(path)
        .into_iter()
        .flatten()
        .map(|(child, ident)| {
            let cfg = cx.cfg_inside(gate(child), enclosing);
            let ident = format_ident!("{}", ident);
            quote! { #cfg pub mod #ident; }
        });
    let functions =
        tree.endpoints
            .get(path)
            .into_iter()
            .flatten()
            .map(|(endpoint, names, area)| {
                let area: BTreeSet<usize> = area.iter().copied().collect();
                function(
                    cx,
                    endpoint,
                    names,
                    cx.cfg_inside(Gate::any(&area), enclosing),
                )
            });
    let mut out = quote! {
        #doc
        #(#children)*
    };
    // Moved in, not interpolated: `#(#functions)*` would copy every function's tokens.
    out.extend(functions);
    out
}

fn module_doc(cx: &Context<'_>, tree: &Tree<'_>, path: &[String]) -> String {
    if path.is_empty() {
        return "Request functions, one per endpoint, in modules that mirror the URL paths.\n\n\
                Each returns an [`odata_runtime::Request`]: send it with `odata_runtime::Client`, or turn it into an \
                `http::Request` with `to_http` and parse the answer with `parse_response`."
            .to_owned();
    }
    // The path as far as this module reaches, written as in the endpoints' docs.
    let template = tree
        .first_below
        .get(path)
        .map(|&endpoint| {
            let mut statics = 0;
            let cut = endpoint
                .path
                .iter()
                .position(|s| {
                    if matches!(s, Segment::Static(_)) {
                        statics += 1;
                    }
                    statics == path.len()
                })
                .map_or(endpoint.path.len(), |i| i + 1);
            Endpoint::path_template(endpoint.path.get(..cut).unwrap_or_default(), cx.urls)
        })
        .unwrap_or_default();
    format!("Requests under `{template}`.")
}

fn function(
    cx: &Context<'_>,
    endpoint: &Endpoint,
    names: &EndpointNames,
    cfg: TokenStream,
) -> TokenStream {
    let ident = format_ident!("{}", names.function);
    let doc = doc_attrs(&function_doc(cx, endpoint));
    // The naming pass names every parameter; the fallback only keeps this total.
    let named = |map: &BTreeMap<String, String>, wire: &str| {
        let ident = map
            .get(wire)
            .cloned()
            .unwrap_or_else(|| crate::naming::snake_ident(wire));
        format_ident!("{}", ident)
    };
    let parameter = |wire: &str| named(&names.parameters, wire);

    let mut arguments = Vec::new();
    // A path parameter the URL uses twice (a key and a call argument of the same name, as
    // OpenAPI allows) is one argument.
    let mut declared = BTreeSet::new();
    let mut declare = |arguments: &mut Vec<TokenStream>, name: &Ident, ty: TokenStream| {
        if declared.insert(name.to_string()) {
            arguments.push(quote!(#name: #ty));
        }
    };
    // `Path::new` takes the leading static segments; later ones are pushed.
    // Segments are appended to one stream: interpolating the growing prefix into each
    // new segment (`quote!(#p.push(...))`) copied it, token by token, once per segment.
    let mut path = TokenStream::new();
    let mut started = false;
    let mut statics = String::new();
    let mut aliases = Vec::new();
    let flush = |path: &mut TokenStream, started: &mut bool, statics: &mut String| {
        let text = std::mem::take(statics);
        if !*started {
            path.extend(quote!(odata_runtime::Path::new(#text)));
            *started = true;
        } else if !text.is_empty() {
            path.extend(quote!(.push(#text)));
        }
    };
    for segment in &endpoint.path {
        match segment {
            Segment::Static(s) => {
                statics.push('/');
                statics.push_str(s);
            }
            Segment::Key(parts) => {
                flush(&mut path, &mut started, &mut statics);
                let mut pairs = Vec::new();
                for part in parts {
                    let name = parameter(&part.parameter);
                    let ty = url_type(cx, &part.ty, false);
                    declare(&mut arguments, &name, ty);
                    let literal = literal(cx, &part.ty, &name, false);
                    let property = &part.property;
                    pairs.push((quote!(#literal), property, argument(cx, &part.ty, &name)));
                }
                path.extend(match pairs.as_slice() {
                    [(_, _, value)] if cx.urls.key_as_segment => quote!(.key_segment(#value)),
                    [(_, _, value)] => quote!(.key(#value)),
                    _ => {
                        let pairs = pairs
                            .iter()
                            .map(|(literal, property, _)| quote!((#property, #literal)));
                        quote!(.composite_key(&[#(#pairs),*]))
                    }
                });
            }
            Segment::Call { name, parameters } => {
                flush(&mut path, &mut started, &mut statics);
                let mut pairs = Vec::new();
                for p in parameters {
                    let ident = parameter(&p.name);
                    let wire = &p.name;
                    if is_literal(cx, &p.ty) {
                        let ty = url_type(cx, &p.ty, p.nullable);
                        declare(&mut arguments, &ident, ty);
                        let literal = literal(cx, &p.ty, &ident, p.nullable);
                        pairs.push(quote!((#wire, #literal)));
                    } else {
                        // OData URL Conventions §5.1.1.14.1: complex and collection values
                        // travel as parameter aliases holding JSON.
                        let ty = body_type(cx, &p.ty, false);
                        declare(&mut arguments, &ident, ty);
                        pairs.push(quote!((#wire, &odata_runtime::Alias(#wire) as &dyn odata_runtime::Literal)));
                        let call = if p.ty.collection {
                            quote!(alias_seq)
                        } else {
                            quote!(alias)
                        };
                        aliases.push(quote!(.#call(#wire, #ident)));
                    }
                }
                path.extend(quote!(.call(#name, &[#(#pairs),*])));
            }
        }
    }
    flush(&mut path, &mut started, &mut statics);

    let mut body_steps = Vec::new();
    match &endpoint.body {
        Body::None => {}
        Body::Value(ty) => {
            let value = cx.crate_item_type(&ty.name);
            let body = format_ident!("{}", BODY_PARAMETER);
            arguments.push(quote!(#body: &#value));
            body_steps.push(quote!(let request = request.json(#body);));
        }
        Body::Parameters(parameters) => {
            for p in parameters {
                let ident = named(&names.body_parameters, &p.name);
                let wire = &p.name;
                let optional = p.nullable || p.optional;
                let ty = body_type(cx, &p.ty, optional);
                arguments.push(quote!(#ident: #ty));
                let set = |value: TokenStream| {
                    if p.ty.collection {
                        quote!(request.parameter_seq(#wire, #value))
                    } else if is_string(cx, &p.ty) {
                        quote!(request.parameter_str(#wire, #value))
                    } else {
                        quote!(request.parameter(#wire, #value))
                    }
                };
                if !optional {
                    let set = set(quote!(#ident));
                    body_steps.push(quote!(let request = #set;));
                } else {
                    let set_value = set(quote!(value));
                    // Core.OptionalParameter: leave it out; otherwise an explicit null.
                    let none = if p.optional {
                        quote!(request)
                    } else {
                        quote!(request.parameter_null(#wire))
                    };
                    body_steps.push(quote! {
                        let request = match #ident {
                            Some(value) => #set_value,
                            None => #none,
                        };
                    });
                }
            }
        }
    }

    let options_ty = options_type(endpoint);
    let options = format_ident!("{}", OPTIONS_PARAMETER);
    arguments.push(quote!(#options: Option<odata_runtime::#options_ty>));
    let kind = response_kind(cx, &endpoint.response);
    let method = format_ident!("{}", endpoint.method.as_str());
    let prefer =
        reaches_evolvable(cx, &endpoint.response).then(|| quote!(.include_unknown_enum_members()));
    // Clippy's limit is 7; a deep path has a key per level, and a positional argument per
    // path parameter is the point (docs/design.md §5).
    let allow = (arguments.len() > 7).then(|| {
        quote!(#[allow(clippy::too_many_arguments, reason = "one argument per path and operation parameter")])
    });
    quote! {
        #doc
        #cfg
        #allow
        pub fn #ident(#(#arguments),*) -> odata_runtime::Request<#kind> {
            let request = odata_runtime::Request::new(odata_runtime::http::Method::#method, #path) #prefer #(#aliases)*;
            #(#body_steps)*
            request.options(#options)
        }
    }
}

fn function_doc(cx: &Context<'_>, endpoint: &Endpoint) -> String {
    let target = endpoint
        .response
        .ty()
        .or(match &endpoint.body {
            Body::Value(t) => Some(t),
            _ => None,
        })
        .map(|t| type_label(&t.name))
        .unwrap_or_default();
    let fallback = match &endpoint.kind {
        EndpointKind::List => format!("Lists the `{target}` entities of this collection."),
        EndpointKind::Create => format!("Creates one `{target}` in this collection."),
        EndpointKind::Count => "Counts the entities of this collection.".to_owned(),
        EndpointKind::Get => format!("Gets the `{target}`."),
        EndpointKind::Update => format!("Updates the `{target}`."),
        EndpointKind::Delete => "Deletes the entity.".to_owned(),
        EndpointKind::Action(q) => format!("Calls the action `{q}`."),
        EndpointKind::Function(q) => format!("Calls the function `{q}`."),
    };
    let mut doc = describe(&endpoint.description, &fallback);
    doc.push_str(&format!(
        "\n\n`{} {}`",
        endpoint.method.as_str(),
        endpoint.template(cx.urls)
    ));
    if let Some(id) = &endpoint.operation_id {
        doc.push_str(&format!(" (OpenAPI `operationId`: `{id}`)"));
    }
    if let Some(url) = &endpoint.docs {
        doc.push_str(&format!("\n\nDocumentation: <{url}>"));
    }
    let returns = match (&endpoint.kind, &endpoint.response) {
        (EndpointKind::Update, Response::Optional(_)) => {
            "Only the fields that are set are sent. The service answers with the updated entity or with `204 No Content` (`None`)."
        }
        (_, Response::Collection(_)) => {
            "Returns one page; `Request::next_page` or `Client::items` follow `@odata.nextLink`."
        }
        (_, Response::Count) => "Returns the count the service sends as `text/plain`.",
        _ => "",
    };
    if !returns.is_empty() {
        doc.push_str("\n\n");
        doc.push_str(returns);
    }
    let offered: &[QueryOption] = match options_name(endpoint) {
        "ListOptions" => &QueryOption::ALL,
        "GetOptions" => &[QueryOption::Select, QueryOption::Expand],
        "CountOptions" => &[QueryOption::Filter, QueryOption::Search],
        _ => &[],
    };
    let unsupported: Vec<String> = offered
        .iter()
        .filter(|q| !endpoint.query.contains(q))
        .map(|q| format!("`{}`", q.as_str()))
        .collect();
    if !unsupported.is_empty() {
        doc.push_str(&format!(
            "\n\nThe service does not support {} here (its metadata says so).",
            unsupported.join(", ")
        ));
    }
    doc
}

fn type_label(name: &TypeName) -> String {
    match name {
        TypeName::Named(q) => q.name.clone(),
        TypeName::Primitive(p) => format!("{p:?}"),
    }
}

fn options_name(endpoint: &Endpoint) -> &'static str {
    match (&endpoint.kind, &endpoint.response) {
        (EndpointKind::Count, _) => "CountOptions",
        (EndpointKind::List, _) | (EndpointKind::Function(_), Response::Collection(_)) => {
            "ListOptions"
        }
        (EndpointKind::Get, _) => "GetOptions",
        (EndpointKind::Function(_), _) if !endpoint.query.is_empty() => "GetOptions",
        _ => "Options",
    }
}

fn options_type(endpoint: &Endpoint) -> proc_macro2::Ident {
    format_ident!("{}", options_name(endpoint))
}

fn response_kind(cx: &Context<'_>, response: &Response) -> TokenStream {
    match response {
        Response::None => quote!(odata_runtime::NoContent),
        Response::Count => quote!(odata_runtime::Count),
        Response::Collection(ty) => {
            let item = cx.crate_item_type(&ty.name);
            quote!(odata_runtime::Collection<#item>)
        }
        Response::Single(ty) | Response::Optional(ty) => {
            let item = cx.crate_item_type(&ty.name);
            match (cx.model.is_structured(ty), response) {
                (true, Response::Optional(_)) => quote!(odata_runtime::MaybeEntity<#item>),
                (true, _) => quote!(odata_runtime::Entity<#item>),
                (false, _) => quote!(odata_runtime::Value<#item>),
            }
        }
    }
}

/// Graph sends enum members declared after `unknownFutureValue` only to clients that ask
/// (docs/design.md §5); ask wherever the response can hold one.
fn reaches_evolvable(cx: &Context<'_>, response: &Response) -> bool {
    matches!(response.ty().map(|t| &t.name), Some(TypeName::Named(n)) if cx.evolvable.contains(n))
}

/// A primitive behind a type definition is written like the primitive.
fn primitive_of(cx: &Context<'_>, ty: &TypeRef) -> Option<Primitive> {
    match &ty.name {
        TypeName::Primitive(p) => Some(*p),
        TypeName::Named(n) => match cx.model.types.get(n) {
            Some(TypeDef::Definition(d)) => Some(d.underlying),
            _ => None,
        },
    }
}

fn is_string(cx: &Context<'_>, ty: &TypeRef) -> bool {
    primitive_of(cx, ty) == Some(Primitive::String)
}

fn plain_enum<'c>(cx: &'c Context<'_>, ty: &TypeRef) -> Option<&'c QualifiedName> {
    match &ty.name {
        TypeName::Named(n) => match cx.model.types.get(n) {
            Some(TypeDef::Enum(e)) if !e.is_flags && cx.selection.contains(n) => Some(&e.name),
            _ => None,
        },
        TypeName::Primitive(_) => None,
    }
}

/// Whether a value can be written inline in a URL (a primitive literal or an enum member).
fn is_literal(cx: &Context<'_>, ty: &TypeRef) -> bool {
    !ty.collection
        && (plain_enum(cx, ty).is_some()
            || primitive_of(cx, ty).is_some_and(|p| {
                !matches!(p, Primitive::Stream | Primitive::Geo | Primitive::Untyped)
            }))
}

/// The Rust type of a key or inline function parameter: strings borrowed, small values by
/// value, the rest by reference.
fn url_type(cx: &Context<'_>, ty: &TypeRef, nullable: bool) -> TokenStream {
    let inner = if let Some(name) = plain_enum(cx, ty) {
        let path = cx.crate_item_type(&TypeName::Named(name.clone()));
        quote!(&#path)
    } else {
        match primitive_of(cx, ty) {
            Some(Primitive::String) => quote!(&str),
            Some(p @ (Primitive::Binary | Primitive::Decimal)) => {
                let t = super::types::primitive(p);
                quote!(&#t)
            }
            Some(p) => super::types::primitive(p),
            None => quote!(&str),
        }
    };
    if nullable {
        quote!(Option<#inner>)
    } else {
        inner
    }
}

/// How a URL parameter becomes a `&dyn Literal` (`Option`s write `null` when absent).
fn literal(
    cx: &Context<'_>,
    ty: &TypeRef,
    ident: &proc_macro2::Ident,
    nullable: bool,
) -> TokenStream {
    match plain_enum(cx, ty) {
        // OData 4.0 enum literal: `Namespace.Type'member'`.
        Some(name) => {
            let qualified = name.to_string();
            let member = |value: TokenStream| {
                quote!(odata_runtime::EnumLiteral {
                    qualified_type: #qualified,
                    member: odata_runtime::OpenEnum::as_str(#value),
                })
            };
            if nullable {
                let member = member(quote!(value));
                quote!(&#ident.map(|value| #member) as &dyn odata_runtime::Literal)
            } else {
                let member = member(quote!(#ident));
                quote!(&#member as &dyn odata_runtime::Literal)
            }
        }
        None => quote!(&#ident as &dyn odata_runtime::Literal),
    }
}

/// A single key value as `key`/`key_segment` take it (`&(impl Literal + ?Sized)`).
fn argument(cx: &Context<'_>, ty: &TypeRef, ident: &proc_macro2::Ident) -> TokenStream {
    let by_reference = plain_enum(cx, ty).is_none()
        && matches!(
            primitive_of(cx, ty),
            None | Some(Primitive::String | Primitive::Binary | Primitive::Decimal)
        );
    if plain_enum(cx, ty).is_some() {
        literal(cx, ty, ident, false)
    } else if by_reference {
        quote!(#ident)
    } else {
        quote!(&#ident)
    }
}

/// The Rust type of a body parameter or aliased function parameter.
fn body_type(cx: &Context<'_>, ty: &TypeRef, optional: bool) -> TokenStream {
    let item = cx.crate_item_type(&ty.name);
    let borrowed = if ty.collection {
        quote!(&[#item])
    } else if is_string(cx, ty) {
        quote!(&str)
    } else {
        quote!(&#item)
    };
    if optional {
        quote!(Option<#borrowed>)
    } else {
        borrowed
    }
}

/// Types whose values can hold an enum member after `unknownFutureValue`: the enums
/// themselves, and every selected structured type that reaches one through its fields
/// or its derived types. Types refer to each other in cycles, so this is a closure: it
/// spreads from the enums backwards along "is a field of" and "is derived from", each
/// type's fields read once (a fixpoint over all types re-read them every round).
pub fn evolvable_types(cx: &Context<'_>) -> BTreeSet<QualifiedName> {
    let mut found: BTreeSet<&QualifiedName> = cx
        .selection
        .types
        .iter()
        .filter(|n| matches!(cx.model.types.get(*n), Some(TypeDef::Enum(e)) if !e.evolvable_members().is_empty()))
        .collect();
    // What reaches a type: the selected structured types holding it in a field, and its
    // selected bases.
    let mut reached_from: BTreeMap<&QualifiedName, Vec<&QualifiedName>> = BTreeMap::new();
    for name in &cx.selection.types {
        let Some(ty) = cx.model.structured(name) else {
            continue;
        };
        for field in super::types::fields(cx.model, ty) {
            if let TypeName::Named(n) = &field.ty.name {
                reached_from.entry(n).or_default().push(name);
            }
        }
        for derived in cx.selection.derived_types(name) {
            reached_from.entry(derived).or_default().push(name);
        }
    }
    let mut pending: Vec<&QualifiedName> = found.iter().copied().collect();
    while let Some(name) = pending.pop() {
        for &holder in reached_from.get(name).into_iter().flatten() {
            if found.insert(holder) {
                pending.push(holder);
            }
        }
    }
    found.into_iter().cloned().collect()
}
