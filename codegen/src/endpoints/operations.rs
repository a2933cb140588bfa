//! Bound and imported actions and functions, and key segments.

use super::{Place, Walk};
use crate::ir::{
    Body, BodyParameter, CallParameter, Endpoint, EndpointKind, KeyPart, Method, Operation,
    OperationKind, Parameter, Primitive, QueryOption, Response, Segment, StructuredType, TypeName,
    TypeRef,
};

const REQUIRES_EXPLICIT_BINDING: &str = "Org.OData.Core.V1.RequiresExplicitBinding";

impl<'m> Walk<'m> {
    /// Operations bound to `ty` or a type it derives from (an instance of a derived type is
    /// an instance of its base: CSDL §12.1.3), to the entity or to the collection.
    pub(super) fn bound_operations(
        &mut self,
        place: &Place<'m>,
        ty: &'m StructuredType,
        collection: bool,
    ) {
        let mut candidates: Vec<&'m Operation> = Vec::new();
        let mut chain = vec![ty];
        chain.extend(self.model.base_chain(&ty.name));
        for t in chain {
            if let Some(ops) = self.bound.get(&(&t.name, collection)) {
                candidates.extend(ops.iter().copied());
            }
        }
        for op in candidates {
            // Core.RequiresExplicitBinding: only where Core.ExplicitOperationBindings lists it.
            let explicit = op
                .annotations
                .iter()
                .any(|a| a.term == REQUIRES_EXPLICIT_BINDING);
            if explicit && !place.described.explicitly_binds(&op.name.to_string()) {
                continue;
            }
            let name = if self.urls.unqualified_operations {
                op.name.name.clone()
            } else {
                op.name.to_string()
            };
            // The first parameter of a bound operation is the binding parameter.
            let parameters = op.parameters.get(1..).unwrap_or_default();
            self.operation(&place.path, op, &name, parameters);
        }
    }

    /// An action (POST, parameters in the body) or function (GET, parameters in the URL),
    /// called as `name` after `base`.
    pub(super) fn operation(
        &mut self,
        base: &[Segment],
        op: &'m Operation,
        name: &str,
        parameters: &[Parameter],
    ) {
        let response = match &op.return_type {
            None => Response::None,
            Some(r) if r.ty.collection => Response::Collection(r.ty.clone()),
            // CSDL's default is nullable, and Graph never says; only an explicit
            // `Nullable="true"` makes the result optional (an action that may answer 204).
            Some(r) if r.nullable == Some(true) => Response::Optional(r.ty.clone()),
            Some(r) => Response::Single(r.ty.clone()),
        };
        let mut path = base.to_vec();
        let draft = match op.kind {
            OperationKind::Action => {
                path.push(Segment::Static(name.to_owned()));
                let body = if parameters.is_empty() {
                    Body::None
                } else {
                    Body::Parameters(parameters.iter().map(body_parameter).collect())
                };
                Endpoint {
                    body,
                    docs: super::capabilities::docs_link(&op.annotations, "action"),
                    ..Endpoint::new(&path, Method::Post, EndpointKind::Action(op.name.clone()))
                }
            }
            OperationKind::Function => {
                path.push(Segment::Call {
                    name: name.to_owned(),
                    parameters: parameters.iter().map(call_parameter).collect(),
                });
                // Query options apply to what a function returns.
                let query = match &response {
                    Response::Collection(_) => QueryOption::ALL.to_vec(),
                    Response::Single(t) | Response::Optional(t) if self.model.is_structured(t) => {
                        vec![QueryOption::Select, QueryOption::Expand]
                    }
                    _ => Vec::new(),
                };
                Endpoint {
                    query,
                    docs: super::capabilities::docs_link(&op.annotations, "function"),
                    ..Endpoint::new(&path, Method::Get, EndpointKind::Function(op.name.clone()))
                }
            }
        };
        self.emit(Endpoint {
            response,
            description: super::capabilities::operation_description(
                &op.description,
                &op.annotations,
            ),
            ..draft
        });
    }

    /// The key segment for an entity of `entity`: one part per key property, its parameter
    /// named `{type}-{property}` as Microsoft's CSDL-to-OpenAPI converter names them,
    /// numbered when the same name already occurs earlier in the path.
    pub(super) fn key(&self, entity: &'m StructuredType, path: &[Segment]) -> Option<Segment> {
        let mut chain = vec![entity];
        chain.extend(self.model.base_chain(&entity.name));
        // CSDL §8.2: a derived type inherits its base's key.
        let owner = chain.iter().find(|t| !t.key.is_empty())?;
        let taken: Vec<&str> = path
            .iter()
            .flat_map(|s| match s {
                Segment::Key(parts) => parts.iter().map(|p| p.parameter.as_str()).collect(),
                _ => Vec::new(),
            })
            .collect();
        let parts = owner
            .key
            .iter()
            .map(|property| {
                let ty = chain
                    .iter()
                    .flat_map(|t| &t.properties)
                    .find(|p| &p.name == property)
                    .map_or(
                        TypeRef {
                            collection: false,
                            name: TypeName::Primitive(Primitive::String),
                        },
                        |p| p.ty.clone(),
                    );
                let base = format!("{}-{property}", entity.name.name);
                let mut parameter = base.clone();
                let mut n = 1;
                while taken.contains(&parameter.as_str()) {
                    parameter = format!("{base}{n}");
                    n += 1;
                }
                KeyPart {
                    property: property.clone(),
                    parameter,
                    ty,
                }
            })
            .collect();
        Some(Segment::Key(parts))
    }
}

fn body_parameter(p: &Parameter) -> BodyParameter {
    BodyParameter {
        name: p.name.clone(),
        ty: p.ty.clone(),
        nullable: p.nullable.unwrap_or(true),
        optional: p.optional,
    }
}

fn call_parameter(p: &Parameter) -> CallParameter {
    CallParameter {
        name: p.name.clone(),
        ty: p.ty.clone(),
        nullable: p.nullable.unwrap_or(true),
    }
}
