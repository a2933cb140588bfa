//! Endpoints derived from an entity container by OData URL conventions (OData URL
//! Conventions §4; CSDL §13).
//!
//! Every entity set is a collection (list, create, `$count`) of addressable entities (get,
//! update, delete); every singleton is one entity (get, update). From an entity, a
//! contained navigation property (CSDL §8.1.5) continues the path, a collection one as a
//! new collection, a single-valued one as an entity; a non-contained one only reads its
//! targets, whose canonical paths live elsewhere. Actions and functions bound to a type
//! apply wherever a path reaches that type or one derived from it. Capabilities
//! restrictions remove what the service says it does not allow and describe the rest.

mod capabilities;

use std::collections::{BTreeMap, BTreeSet};

use capabilities::{Described, docs_link, operation_description};

use crate::ir::{
    Body, BodyParameter, CallParameter, Description, Endpoint, EndpointKind, KeyPart, Method,
    Model, Operation, OperationKind, QualifiedName, QueryOption, Response, Segment, StructuredType,
    TypeName, TypeRef, UrlConventions,
};

/// How far to follow containment.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// How many times a path may re-enter an entity type it already passed through
    /// (`/items/{id}/children/{id}/children/...`): recursive containment is infinite.
    pub recursion: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { recursion: 1 }
    }
}

/// The endpoints of every entity set, singleton and operation import of `model`, in
/// container order.
pub fn derive(model: &Model, urls: UrlConventions, limits: Limits) -> Vec<Endpoint> {
    let mut walk = Walk {
        model,
        urls,
        limits,
        bound: BTreeMap::new(),
        out: Vec::new(),
        seen: BTreeSet::new(),
    };
    for op in &model.operations {
        if let (true, Some(binding)) = (op.is_bound, op.parameters.first())
            && let TypeName::Named(ty) = &binding.ty.name
        {
            walk.bound
                .entry((ty.clone(), binding.ty.collection))
                .or_default()
                .push(op);
        }
    }
    for container in &model.containers {
        let root = container.name.to_string();
        for set in &container.entity_sets {
            let Some(ty) = model.structured(&set.entity_type) else {
                continue;
            };
            let described = Described::default()
                .path(model, &format!("{root}/{}", set.name))
                .annotations(&set.annotations);
            let place = Place {
                path: vec![Segment::Static(set.name.clone())],
                target: format!("{root}/{}", set.name),
                described,
                types: Vec::new(),
                fallback: &set.description,
            };
            walk.collection(&place, ty, true);
        }
        for singleton in &container.singletons {
            let Some(ty) = model.structured(&singleton.ty) else {
                continue;
            };
            let described = Described::default()
                .path(model, &format!("{root}/{}", singleton.name))
                .annotations(&singleton.annotations);
            let place = Place {
                path: vec![Segment::Static(singleton.name.clone())],
                target: format!("{root}/{}", singleton.name),
                described,
                types: Vec::new(),
                fallback: &singleton.description,
            };
            walk.entity(&place, ty, true);
        }
        for import in &container.action_imports {
            for op in model
                .operations
                .iter()
                .filter(|o| o.name == import.operation)
            {
                walk.operation(&[], op, &import.name, &[], false);
            }
        }
        for import in &container.function_imports {
            for op in model
                .operations
                .iter()
                .filter(|o| o.name == import.operation)
            {
                walk.operation(&[], op, &import.name, &[], false);
            }
        }
    }
    walk.out
}

struct Walk<'m> {
    model: &'m Model,
    urls: UrlConventions,
    limits: Limits,
    /// Bound operations by binding type and whether they bind to a collection of it.
    bound: BTreeMap<(QualifiedName, bool), Vec<&'m Operation>>,
    out: Vec<Endpoint>,
    /// Method and template of every endpoint so far. An operation bound to a type and
    /// redeclared for a derived type reaches the same path twice; the first, found from
    /// the most derived binding, wins, as OData's overload resolution picks it (§12.1.3).
    seen: BTreeSet<(Method, String)>,
}

/// Where the walk is: the path so far and what describes it.
struct Place<'m> {
    path: Vec<Segment>,
    /// The annotation target of this path: the container path with keys left out.
    target: String,
    described: Described<'m>,
    /// Entity types the path has passed through, to bound recursive containment.
    types: Vec<QualifiedName>,
    /// The entity set's or navigation property's own description, used when no
    /// restriction record describes an endpoint.
    fallback: &'m Description,
}

impl<'m> Walk<'m> {
    /// A collection of entities at `place`: list, `$count`, create (when contained or an
    /// entity set), and each entity by key.
    fn collection(&mut self, place: &Place<'m>, ty: &'m StructuredType, owned: bool) {
        let d = &place.described;
        let value = TypeRef {
            collection: false,
            name: TypeName::Named(ty.name.clone()),
        };
        if d.allows("ReadRestrictions", "Readable") {
            let mut query = QueryOption::ALL.to_vec();
            query.retain(|q| self.query_allowed(d, *q));
            self.push(
                place,
                Method::Get,
                vec![],
                EndpointKind::List,
                query,
                Body::None,
                Response::Collection(value.clone()),
                d.description("ReadRestrictions", None),
                d.docs("list"),
            );
        }
        if d.allows("CountRestrictions", "Countable") {
            let query = [QueryOption::Filter, QueryOption::Search]
                .into_iter()
                .filter(|q| self.query_allowed(d, *q))
                .collect();
            self.push(
                place,
                Method::Get,
                vec![Segment::Static("$count".to_owned())],
                EndpointKind::Count,
                query,
                Body::None,
                Response::Count,
                Description::default(),
                None,
            );
        }
        if owned && d.allows("InsertRestrictions", "Insertable") {
            self.push(
                place,
                Method::Post,
                vec![],
                EndpointKind::Create,
                vec![],
                Body::Value(value.clone()),
                Response::Single(value.clone()),
                d.description("InsertRestrictions", None),
                d.docs("create"),
            );
        }
        self.bound_operations(place, ty, true);

        let Some(key) = self.key(ty, &place.path) else {
            return;
        };
        let mut path = place.path.clone();
        path.push(key);
        let item = Place {
            path,
            target: place.target.clone(),
            described: d.clone(),
            types: place.types.clone(),
            fallback: place.fallback,
        };
        let readable = d
            .capability("ReadRestrictions")
            .and_then(|r| r.field("ReadByKeyRestrictions"))
            .map_or_else(
                || d.allows("ReadRestrictions", "Readable"),
                |r| {
                    !matches!(
                        r.field("Readable"),
                        Some(crate::ir::AnnotationValue::Bool(false))
                    )
                },
            );
        if readable {
            let query = self.entity_query(d);
            let description = d.description("ReadRestrictions", Some("ReadByKeyRestrictions"));
            self.push(
                &item,
                Method::Get,
                vec![],
                EndpointKind::Get,
                query,
                Body::None,
                Response::Single(value.clone()),
                description,
                d.docs("get"),
            );
        }
        if owned {
            self.update_and_delete(&item, &value, true);
        }
        self.entity(&item, ty, owned);
    }

    /// One entity at `place`: get and update (a singleton or single-valued navigation;
    /// items of collections get theirs in [`Walk::collection`]), its bound operations and
    /// its navigation properties.
    fn entity(&mut self, place: &Place<'m>, ty: &'m StructuredType, owned: bool) {
        let d = &place.described;
        let value = TypeRef {
            collection: false,
            name: TypeName::Named(ty.name.clone()),
        };
        let is_item = matches!(place.path.last(), Some(Segment::Key(_)));
        if !is_item {
            if d.allows("ReadRestrictions", "Readable") {
                let query = self.entity_query(d);
                self.push(
                    place,
                    Method::Get,
                    vec![],
                    EndpointKind::Get,
                    query,
                    Body::None,
                    Response::Single(value.clone()),
                    d.description("ReadRestrictions", None),
                    d.docs("get"),
                );
            }
            if owned {
                self.update_and_delete(place, &value, false);
            }
        }
        self.bound_operations(place, ty, false);
        // Only contained targets are continued: a non-contained target's own canonical
        // path (its entity set) already has everything else.
        if !owned {
            return;
        }
        let mut types = place.types.clone();
        types.push(ty.name.clone());
        let mut chain = self.model.base_chain(&ty.name);
        chain.reverse();
        chain.push(ty);
        for nav in chain.into_iter().flat_map(|t| &t.navigation) {
            let TypeName::Named(target_name) = &nav.ty.name else {
                continue;
            };
            let Some(target) = self.model.structured(target_name) else {
                continue;
            };
            let repeats = types.iter().filter(|t| *t == target_name).count();
            if nav.contains_target && repeats > self.limits.recursion {
                continue;
            }
            let described = Described::default()
                .path(self.model, &format!("{}/{}", place.target, nav.name))
                .restricted_by(d, &nav.name)
                .annotations(&nav.annotations);
            if described.is_unnavigable() {
                continue;
            }
            let mut path = place.path.clone();
            path.push(Segment::Static(nav.name.clone()));
            let next = Place {
                path,
                target: format!("{}/{}", place.target, nav.name),
                described,
                types: types.clone(),
                fallback: &nav.description,
            };
            match (nav.ty.collection, nav.contains_target) {
                (true, true) => self.collection(&next, target, true),
                (false, true) => self.entity(&next, target, true),
                (true, false) => self.collection(&next, target, false),
                (false, false) => {
                    if next.described.allows("ReadRestrictions", "Readable") {
                        let query = self.entity_query(&next.described);
                        let value = TypeRef {
                            collection: false,
                            name: TypeName::Named(target.name.clone()),
                        };
                        self.push(
                            &next,
                            Method::Get,
                            vec![],
                            EndpointKind::Get,
                            query,
                            Body::None,
                            Response::Single(value),
                            next.described.description("ReadRestrictions", None),
                            next.described.docs("get"),
                        );
                    }
                }
            }
        }
    }

    fn update_and_delete(&mut self, place: &Place<'m>, value: &TypeRef, deletable: bool) {
        let d = &place.described;
        if d.allows("UpdateRestrictions", "Updatable") {
            // Capabilities.UpdateRestrictions/UpdateMethod: PATCH unless the service says PUT.
            let put = d
                .capability("UpdateRestrictions")
                .and_then(|r| r.field("UpdateMethod"))
                .and_then(crate::ir::AnnotationValue::as_str)
                .is_some_and(|m| m.ends_with("PUT"));
            let method = if put { Method::Put } else { Method::Patch };
            self.push(
                place,
                method,
                vec![],
                EndpointKind::Update,
                vec![],
                Body::Value(value.clone()),
                Response::Optional(value.clone()),
                d.description("UpdateRestrictions", None),
                d.docs("update"),
            );
        }
        if deletable && d.allows("DeleteRestrictions", "Deletable") {
            self.push(
                place,
                Method::Delete,
                vec![],
                EndpointKind::Delete,
                vec![],
                Body::None,
                Response::None,
                d.description("DeleteRestrictions", None),
                d.docs("delete"),
            );
        }
    }

    /// Operations bound to `ty` or a type it derives from (an instance of a derived type is
    /// an instance of its base: CSDL §12.1.3), to the entity or to the collection.
    fn bound_operations(&mut self, place: &Place<'m>, ty: &'m StructuredType, collection: bool) {
        let mut candidates: Vec<&'m Operation> = Vec::new();
        let mut chain = vec![ty];
        chain.extend(self.model.base_chain(&ty.name));
        for t in chain {
            if let Some(ops) = self.bound.get(&(t.name.clone(), collection)) {
                candidates.extend(ops.iter().copied());
            }
        }
        for op in candidates {
            // Core.RequiresExplicitBinding: only where Core.ExplicitOperationBindings lists it.
            let explicit = op
                .annotations
                .iter()
                .any(|a| a.term == "Org.OData.Core.V1.RequiresExplicitBinding");
            if explicit && !place.described.explicitly_binds(&op.name.to_string()) {
                continue;
            }
            let name = if self.urls.unqualified_operations {
                op.name.name.clone()
            } else {
                op.name.to_string()
            };
            let params = op.parameters.get(1..).unwrap_or_default();
            self.operation(&place.path, op, &name, params, true);
        }
    }

    /// An action (POST, parameters in the body) or function (GET, parameters in the URL).
    fn operation(
        &mut self,
        base: &[Segment],
        op: &'m Operation,
        name: &str,
        params: &[crate::ir::Parameter],
        bound: bool,
    ) {
        let params = if bound { params } else { &op.parameters[..] };
        let response = match &op.return_type {
            None => Response::None,
            Some(r) if r.ty.collection => Response::Collection(r.ty.clone()),
            Some(r) if r.nullable == Some(true) => Response::Optional(r.ty.clone()),
            Some(r) => Response::Single(r.ty.clone()),
        };
        let description = operation_description(&op.description, &op.annotations);
        let mut path = base.to_vec();
        let (method, kind, body, query, rel) = match op.kind {
            OperationKind::Action => {
                path.push(Segment::Static(name.to_owned()));
                let body = if params.is_empty() {
                    Body::None
                } else {
                    Body::Parameters(
                        params
                            .iter()
                            .map(|p| BodyParameter {
                                name: p.name.clone(),
                                ty: p.ty.clone(),
                                nullable: p.nullable.unwrap_or(true),
                                optional: p.optional,
                            })
                            .collect(),
                    )
                };
                (
                    Method::Post,
                    EndpointKind::Action(op.name.clone()),
                    body,
                    vec![],
                    "action",
                )
            }
            OperationKind::Function => {
                path.push(Segment::Call {
                    name: name.to_owned(),
                    parameters: params
                        .iter()
                        .map(|p| CallParameter {
                            name: p.name.clone(),
                            ty: p.ty.clone(),
                            nullable: p.nullable.unwrap_or(true),
                        })
                        .collect(),
                });
                let query = match &response {
                    Response::Collection(_) => QueryOption::ALL.to_vec(),
                    Response::Single(t) | Response::Optional(t) if self.is_structured(t) => {
                        vec![QueryOption::Select, QueryOption::Expand]
                    }
                    _ => vec![],
                };
                (
                    Method::Get,
                    EndpointKind::Function(op.name.clone()),
                    Body::None,
                    query,
                    "function",
                )
            }
        };
        self.emit(Endpoint {
            method,
            path,
            kind,
            query,
            body,
            response,
            description,
            docs: docs_link(&op.annotations, rel),
        });
    }

    fn emit(&mut self, endpoint: Endpoint) {
        if self
            .seen
            .insert((endpoint.method, endpoint.template(self.urls)))
        {
            self.out.push(endpoint);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        place: &Place<'m>,
        method: Method,
        suffix: Vec<Segment>,
        kind: EndpointKind,
        query: Vec<QueryOption>,
        body: Body,
        response: Response,
        description: Description,
        docs: Option<String>,
    ) {
        let mut path = place.path.clone();
        path.extend(suffix);
        // The set's or navigation property's own description says what the collection or
        // the single entity is; it does not describe one item of a collection.
        let is_item = matches!(place.path.last(), Some(Segment::Key(_)));
        let describes = match kind {
            EndpointKind::List => true,
            EndpointKind::Get => !is_item,
            _ => false,
        };
        let description = if description.is_empty() && describes {
            place.fallback.clone()
        } else {
            description
        };
        self.emit(Endpoint {
            method,
            path,
            kind,
            query,
            body,
            response,
            description,
            docs,
        });
    }

    fn entity_query(&self, d: &Described<'m>) -> Vec<QueryOption> {
        [QueryOption::Select, QueryOption::Expand]
            .into_iter()
            .filter(|q| self.query_allowed(d, *q))
            .collect()
    }

    /// Capabilities: `SelectSupport/Supported`, `ExpandRestrictions/Expandable`, ...
    fn query_allowed(&self, d: &Described<'m>, option: QueryOption) -> bool {
        match option {
            QueryOption::Select => d.allows("SelectSupport", "Supported"),
            QueryOption::Expand => d.allows("ExpandRestrictions", "Expandable"),
            QueryOption::Filter => d.allows("FilterRestrictions", "Filterable"),
            QueryOption::Search => d.allows("SearchRestrictions", "Searchable"),
            QueryOption::OrderBy => d.allows("SortRestrictions", "Sortable"),
            QueryOption::Top => d.supports("TopSupported"),
            QueryOption::Skip => d.supports("SkipSupported"),
            QueryOption::Count => d.allows("CountRestrictions", "Countable"),
        }
    }

    fn is_structured(&self, ty: &TypeRef) -> bool {
        matches!(&ty.name, TypeName::Named(n) if self.model.structured(n).is_some())
    }

    /// The key segment for an entity of `ty`: one part per key property, its parameter named
    /// `{type}-{property}` as Microsoft's CSDL-to-OpenAPI converter names them, numbered
    /// when the same name already occurs earlier in the path.
    fn key(&self, entity: &'m StructuredType, path: &[Segment]) -> Option<Segment> {
        let mut chain = vec![entity];
        chain.extend(self.model.base_chain(&entity.name));
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
                    .map(|p| p.ty.clone())
                    .unwrap_or(TypeRef {
                        collection: false,
                        name: TypeName::Primitive(crate::ir::Primitive::String),
                    });
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
