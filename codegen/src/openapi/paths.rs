//! `paths` → IR endpoints, and what the paths reveal about the types.
//!
//! A path is read back into OData segments: `{id}` alone (or `(...)` whose parameters carry
//! `x-ms-docs-key-type`) is a key, `name(p='{p}')` a function call, `$count` a count, the
//! rest static. `x-ms-docs-operation-type` tells actions and functions from entity access;
//! without it the method and the response decide. Success responses are `200`-`299` or
//! `2XX`; `4XX`, `5XX` and `default` are OData errors, which the runtime reads for every
//! endpoint. Anything the IR cannot call yet (a required custom query or header parameter,
//! a non-JSON body, a bare JSON array or primitive response) leaves the endpoint out with a
//! warning saying why; the types stay.

use openapiv3::{
    Operation, Parameter, ParameterData, ParameterSchemaOrContent, ReferenceOr, StatusCode,
};

use super::pointer_child as child;
use super::schemas::{Typed, untyped};
use super::shape::{SchemaRef, Shape};
use super::{Reader, extension};
use crate::ir::{
    Body, BodyParameter, CallParameter, Endpoint, EndpointKind, KeyPart, Method, QualifiedName,
    QueryOption, Response, Segment, TypeName, TypeRef, UrlConventions,
};

/// Why an endpoint is left out.
type Skip = String;

impl<'d> Reader<'d> {
    pub(super) fn paths(&mut self) {
        let doc = self.doc;
        // (endpoint, where it is, whether it writes a single key in parentheses)
        let mut read: Vec<(Endpoint, String, bool)> = Vec::new();
        for (template, item) in &doc.paths.paths {
            let at = child("/paths", template);
            let ReferenceOr::Item(item) = item else {
                self.warn(
                    &at,
                    format!("path item `{template}` is a `$ref`, which is not read yet: left out"),
                );
                continue;
            };
            for (method, op) in item.iter() {
                let op_at = child(&at, method);
                let Some(method) = method_of(method) else {
                    self.warn(
                        &op_at,
                        format!("`{method}` operations are not generated: left out"),
                    );
                    continue;
                };
                let mut parameters: Vec<(String, &'d ReferenceOr<Parameter>)> = Vec::new();
                for (i, p) in item.parameters.iter().enumerate() {
                    parameters.push((child(&child(&at, "parameters"), &i.to_string()), p));
                }
                for (i, p) in op.parameters.iter().enumerate() {
                    parameters.push((child(&child(&op_at, "parameters"), &i.to_string()), p));
                }
                match self.endpoint(template, method, op, &parameters, &op_at) {
                    Ok(endpoint) => {
                        let parenthesized = endpoint.path.iter().any(|s| {
                            matches!(s, Segment::Key(parts) if parts.len() == 1 && !is_whole_segment_key(template, parts))
                        });
                        read.push((endpoint, op_at, parenthesized));
                    }
                    Err(Some(why)) => self.warn(
                        &op_at,
                        format!("{} {template}: {why}: left out", method.as_str()),
                    ),
                    Err(None) => {}
                }
            }
        }
        let segment_keys = read.iter().any(|(e, _, parenthesized)| {
            !parenthesized
                && e.path
                    .iter()
                    .any(|s| matches!(s, Segment::Key(parts) if parts.len() == 1))
        });
        for (endpoint, at, parenthesized) in read {
            // One key convention per crate: where keys are segments, a `(key)` path would
            // be called the other way. Leave it out rather than call the wrong URL.
            if segment_keys && parenthesized {
                self.warn(&at, "this path writes a key in parentheses where others write keys as segments; one style per document is supported: left out");
            } else {
                self.model.endpoints.push(endpoint);
            }
        }
        self.model.urls = Some(UrlConventions {
            key_as_segment: segment_keys,
            unqualified_operations: false,
        });
    }

    /// One operation; `Err(None)` when the error is already reported.
    fn endpoint(
        &mut self,
        template: &str,
        method: Method,
        op: &'d Operation,
        parameters: &[(String, &'d ReferenceOr<Parameter>)],
        at: &str,
    ) -> Result<Endpoint, Option<Skip>> {
        let mut path_params: Vec<&'d ParameterData> = Vec::new();
        let mut query = Vec::new();
        // Said only once the endpoint is kept: one left out says why once.
        let mut left_out: Vec<(&str, String)> = Vec::new();
        for (p_at, p) in parameters {
            let p = self
                .resolve(p, |c| &c.parameters, "#/components/parameters/", p_at)
                .ok_or(None)?;
            match p {
                Parameter::Path { parameter_data, .. } => path_params.push(parameter_data),
                Parameter::Query { parameter_data, .. } => {
                    match QueryOption::ALL
                        .into_iter()
                        .find(|o| o.as_str() == parameter_data.name)
                    {
                        Some(option) if !query.contains(&option) => query.push(option),
                        Some(_) => {}
                        None if parameter_data.required => {
                            return Err(Some(format!(
                                "required query parameter `{}` is not supported yet",
                                parameter_data.name
                            )));
                        }
                        None => left_out.push((
                            p_at.as_str(),
                            format!(
                                "query parameter `{}` is not supported yet: the function leaves it out",
                                parameter_data.name
                            ),
                        )),
                    }
                }
                // Optional headers (`If-Match`, `ConsistencyLevel`) are set on the request
                // by the caller; the function cannot supply required ones yet.
                Parameter::Header { parameter_data, .. }
                | Parameter::Cookie { parameter_data, .. }
                    if parameter_data.required =>
                {
                    return Err(Some(format!(
                        "required parameter `{}` outside the path and query is not supported yet",
                        parameter_data.name
                    )));
                }
                Parameter::Header { .. } | Parameter::Cookie { .. } => {}
            }
        }
        query.sort();
        let path = self.segments(template, &path_params, at)?;
        let operation_type = extension(&op.extensions, "x-ms-docs-operation-type")
            .and_then(|v| v.as_str())
            .unwrap_or("");
        let last = path.last();
        let is_count = matches!(last, Some(Segment::Static(s)) if s == "$count");
        let synth = QualifiedName::new(
            self.namespace.clone(),
            op.operation_id
                .clone()
                .unwrap_or_else(|| format!("{}{template}", method.as_str())),
        );
        if let Some(next) = extension(&op.extensions, "x-ms-pageable")
            .and_then(|p| p.get("nextLinkName"))
            .and_then(|n| n.as_str())
            .filter(|n| *n != "@odata.nextLink")
        {
            self.warn(
                at,
                format!(
                    "`x-ms-pageable` names `{next}`: pages are followed by `@odata.nextLink` only"
                ),
            );
        }
        let body = self.body(op, operation_type, &synth, at)?;
        let response = if is_count {
            Response::Count
        } else {
            self.response(method, op, &synth, at)?
        };
        let operation_name = || -> Option<QualifiedName> {
            let name = match last? {
                Segment::Static(s) => s,
                Segment::Call { name, .. } => name,
                Segment::Key(_) => return None,
            };
            Some(
                QualifiedName::parse(name)
                    .unwrap_or_else(|| QualifiedName::new(self.namespace.clone(), name.as_str())),
            )
        };
        let kind = match (operation_type, method) {
            _ if is_count => EndpointKind::Count,
            ("action", _) => EndpointKind::Action(
                operation_name().ok_or(Some("an action must end in its name".to_owned()))?,
            ),
            ("function", _) => EndpointKind::Function(
                operation_name().ok_or(Some("a function must end in its name".to_owned()))?,
            ),
            (_, Method::Get) if matches!(last, Some(Segment::Call { .. })) => {
                EndpointKind::Function(operation_name().ok_or(None)?)
            }
            (_, Method::Get) if matches!(response, Response::Collection(_)) => EndpointKind::List,
            (_, Method::Get) => EndpointKind::Get,
            (_, Method::Post)
                if matches!(body, Body::Value(_)) && !matches!(last, Some(Segment::Key(_))) =>
            {
                EndpointKind::Create
            }
            (_, Method::Post) => EndpointKind::Action(
                operation_name().ok_or(Some("a POST must end in a name".to_owned()))?,
            ),
            (_, Method::Put | Method::Patch) => EndpointKind::Update,
            (_, Method::Delete) => EndpointKind::Delete,
        };
        for (p_at, message) in left_out {
            self.warn(p_at, message);
        }
        Ok(Endpoint {
            query,
            body,
            response,
            description: crate::ir::Description {
                summary: op.summary.clone().filter(|s| !s.trim().is_empty()),
                long: op.description.clone().filter(|s| !s.trim().is_empty()),
            },
            docs: op.external_docs.as_ref().map(|d| d.url.clone()),
            operation_id: op.operation_id.clone(),
            ..Endpoint::new(&path, method, kind)
        })
    }

    fn segments(
        &mut self,
        template: &str,
        params: &[&'d ParameterData],
        at: &str,
    ) -> Result<Vec<Segment>, Option<Skip>> {
        let mut path = Vec::new();
        for text in template.split('/').filter(|s| !s.is_empty()) {
            if !text.contains(['{', '(']) {
                path.push(Segment::Static(text.to_owned()));
                continue;
            }
            if let Some(name) = text.strip_prefix('{').and_then(|t| t.strip_suffix('}'))
                && !name.contains(['{', '}'])
            {
                path.push(Segment::Key(vec![self.key_part(name, params, at)?]));
                continue;
            }
            let Some((name, inner)) = text
                .strip_suffix(')')
                .and_then(|t| t.split_once('('))
                .filter(|(name, _)| !name.contains(['{', '}']))
            else {
                return Err(Some(format!(
                    "path segment `{text}` is not an OData segment"
                )));
            };
            let mut pairs = Vec::new();
            for arg in inner.split(',').filter(|a| !a.is_empty()) {
                let (key, value) = match arg.split_once('=') {
                    Some((k, v)) => (Some(k), v),
                    None => (None, arg),
                };
                let value = value.trim_matches('\'');
                let Some(param) = value.strip_prefix('{').and_then(|v| v.strip_suffix('}')) else {
                    return Err(Some(format!(
                        "`{arg}` in `{text}` is not a `{{parameter}}` (aliases are not supported yet)"
                    )));
                };
                pairs.push((key, param));
            }
            let is_key = !pairs.is_empty()
                && pairs.iter().all(|(_, p)| {
                    find(params, p).is_some_and(|d| d.extensions.contains_key("x-ms-docs-key-type"))
                });
            if !name.is_empty() {
                if is_key {
                    path.push(Segment::Static(name.to_owned()));
                } else {
                    let mut parameters = Vec::new();
                    for (key, param) in &pairs {
                        let typed = self.param_type(param, params, at)?;
                        parameters.push(CallParameter {
                            name: key.unwrap_or(param).to_owned(),
                            ty: typed.ty,
                            nullable: typed.nullable == Some(true),
                        });
                    }
                    path.push(Segment::Call {
                        name: name.to_owned(),
                        parameters,
                    });
                    continue;
                }
            }
            let mut parts = Vec::new();
            for (key, param) in pairs {
                let mut part = self.key_part(param, params, at)?;
                if let Some(key) = key {
                    part.property = key.to_owned();
                }
                parts.push(part);
            }
            path.push(Segment::Key(parts));
        }
        Ok(path)
    }

    fn param_type(
        &mut self,
        name: &str,
        params: &[&'d ParameterData],
        at: &str,
    ) -> Result<Typed, Option<Skip>> {
        let data = find(params, name)
            .ok_or_else(|| Some(format!("path parameter `{name}` is not declared")))?;
        let synth = QualifiedName::new(self.namespace.clone(), name);
        Ok(match &data.format {
            ParameterSchemaOrContent::Schema(schema) => self.typed(schema.into(), at, &synth, 0),
            ParameterSchemaOrContent::Content(_) => Typed {
                ty: untyped(),
                nullable: None,
            },
        })
    }

    /// A key's path parameter. The converter names it `{type}-{property}` and says the
    /// type in `x-ms-docs-key-type`, which gives back the key property (numbered `-id1`
    /// when a path repeats a type).
    fn key_part(
        &mut self,
        param: &str,
        params: &[&'d ParameterData],
        at: &str,
    ) -> Result<KeyPart, Option<Skip>> {
        let typed = self.param_type(param, params, at)?;
        let key_type = find(params, param)
            .and_then(|d| extension(&d.extensions, "x-ms-docs-key-type"))
            .and_then(|v| v.as_str());
        let property = key_type
            .and_then(|t| param.strip_prefix(t)?.strip_prefix('-'))
            .map(|p| p.trim_end_matches(|c: char| c.is_ascii_digit()))
            .filter(|p| !p.is_empty())
            .unwrap_or(param);
        Ok(KeyPart {
            property: property.to_owned(),
            parameter: param.to_owned(),
            ty: typed.ty,
        })
    }

    fn body(
        &mut self,
        op: &'d Operation,
        operation_type: &str,
        synth: &QualifiedName,
        at: &str,
    ) -> Result<Body, Option<Skip>> {
        let Some(body) = &op.request_body else {
            return Ok(Body::None);
        };
        let body_at = child(at, "requestBody");
        let body = self
            .resolve(
                body,
                |c| &c.request_bodies,
                "#/components/requestBodies/",
                &body_at,
            )
            .ok_or(None)?;
        let Some((media, content)) = body.content.iter().find(|(m, _)| is_json(m)) else {
            let types: Vec<&str> = body.content.keys().map(String::as_str).collect();
            return Err(Some(format!(
                "a request body of `{}` is not supported yet",
                types.join("`, `")
            )));
        };
        let at = child(&child(&body_at, "content"), media);
        let Some(schema) = &content.schema else {
            return Ok(Body::Value(untyped()));
        };
        let schema_at = child(&at, "schema");
        // An action's parameters travel as one object (OData JSON Format §18).
        if operation_type == "action"
            && let ReferenceOr::Item(s) = schema
        {
            let shape = Shape::of(s);
            if let Some(properties) = shape.properties.filter(|_| shape.all_of.is_empty()) {
                let mut parameters = Vec::new();
                for (name, p) in properties {
                    let p_at = child(&child(&schema_at, "properties"), name);
                    let synth = QualifiedName::new(
                        synth.namespace.clone(),
                        format!("{}_{name}", synth.name),
                    );
                    let typed = self.typed(p.into(), &p_at, &synth, 0);
                    parameters.push(BodyParameter {
                        name: name.clone(),
                        ty: typed.ty,
                        nullable: typed.nullable == Some(true),
                        optional: !shape.required.contains(name),
                    });
                }
                return Ok(Body::Parameters(parameters));
            }
        }
        let synth = QualifiedName::new(synth.namespace.clone(), format!("{}_body", synth.name));
        Ok(Body::Value(
            self.typed(schema.into(), &schema_at, &synth, 0).ty,
        ))
    }

    fn response(
        &mut self,
        method: Method,
        op: &'d Operation,
        synth: &QualifiedName,
        at: &str,
    ) -> Result<Response, Option<Skip>> {
        let success = op
            .responses
            .responses
            .iter()
            .filter(|(code, _)| match code {
                StatusCode::Code(c) => (200..300).contains(c),
                StatusCode::Range(r) => *r == 2,
            });
        // A range (`2XX`) or a listed 204 lets the service answer without a body.
        let mut may_be_empty = false;
        let mut found = None;
        for (code, response) in success {
            let r_at = child(&child(at, "responses"), &code.to_string());
            let response = self
                .resolve(response, |c| &c.responses, "#/components/responses/", &r_at)
                .ok_or(None)?;
            may_be_empty |= matches!(code, StatusCode::Range(_) | StatusCode::Code(204));
            if found.is_none()
                && let Some((media, content)) = response.content.iter().find(|(m, _)| is_json(m))
                && let Some(schema) = &content.schema
            {
                found = Some((
                    schema,
                    child(&child(&child(&r_at, "content"), media), "schema"),
                ));
            }
        }
        let Some((schema, schema_at)) = found else {
            return Ok(Response::None);
        };
        if let Some(value) = self.envelope(schema.into()) {
            let synth =
                QualifiedName::new(synth.namespace.clone(), format!("{}_value", synth.name));
            let typed = self.typed(value, &schema_at, &synth, 0);
            return Ok(if typed.ty.collection {
                Response::Collection(TypeRef {
                    collection: false,
                    ..typed.ty
                })
            } else {
                Response::Single(typed.ty)
            });
        }
        let synth = QualifiedName::new(synth.namespace.clone(), format!("{}_response", synth.name));
        let typed = self.typed(schema.into(), &schema_at, &synth, 0);
        if typed.ty.collection || !self.model_is_structured(&typed.ty) {
            return Err(Some(
                "a response that is a bare JSON array or primitive (not OData's `{\"value\": ...}`) is not supported yet".to_owned(),
            ));
        }
        Ok(match method {
            Method::Patch | Method::Put if may_be_empty => Response::Optional(typed.ty),
            _ => Response::Single(typed.ty),
        })
    }

    /// A structured value, or a reference that does not resolve: selection reports that
    /// if it matters, so the endpoint is kept.
    fn model_is_structured(&self, ty: &TypeRef) -> bool {
        self.model.is_structured(ty)
            || matches!(&ty.name, TypeName::Named(n) if self.model.unresolved.contains_key(n))
    }

    /// The `value` of an OData response envelope: an object whose properties are `value`
    /// and `@odata.*` annotations (a `*CollectionResponse`, or `{value}` around an action's
    /// primitive result), looking through `allOf` parts.
    pub(super) fn envelope(&self, schema: SchemaRef<'d>) -> Option<SchemaRef<'d>> {
        let mut value = None;
        let mut others = 0;
        let mut pending = vec![schema];
        let mut hops = 0;
        while let Some(next) = pending.pop() {
            hops += 1;
            if hops > super::MAX_REF_HOPS {
                return None;
            }
            let (_, s) = self.deref(next)?;
            let shape = Shape::of(s);
            // As in `classify`: `@odata.type` or a discriminator marks a type, not framing.
            if !shape.is_object() || s.schema_data.discriminator.is_some() {
                return None;
            }
            for (name, p) in shape.properties.into_iter().flatten() {
                if name == "@odata.type" {
                    return None;
                } else if name == "value" {
                    value = Some(SchemaRef::from(p));
                } else if !name.starts_with('@') {
                    others += 1;
                }
            }
            pending.extend(shape.all_of.iter().map(SchemaRef::from));
        }
        value.filter(|_| others == 0)
    }
}

fn find<'a>(params: &[&'a ParameterData], name: &str) -> Option<&'a ParameterData> {
    params.iter().rev().find(|p| p.name == name).copied()
}

fn method_of(method: &str) -> Option<Method> {
    Some(match method {
        "get" => Method::Get,
        "put" => Method::Put,
        "post" => Method::Post,
        "patch" => Method::Patch,
        "delete" => Method::Delete,
        _ => return None,
    })
}

fn is_json(media: &str) -> bool {
    let essence = media.split(';').next().unwrap_or("").trim();
    essence.eq_ignore_ascii_case("application/json") || essence.ends_with("+json")
}

fn is_whole_segment_key(template: &str, parts: &[KeyPart]) -> bool {
    matches!(parts, [part] if template.split('/').any(|s| s == format!("{{{}}}", part.parameter)))
}
