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
mod operations;

use std::collections::{BTreeMap, BTreeSet};

use capabilities::Described;

use crate::ir::{
    Body, Description, Endpoint, EndpointKind, Method, Model, Operation, QualifiedName,
    QueryOption, Response, Segment, StructuredType, TypeName, TypeRef, UrlConventions,
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
                .entry((ty, binding.ty.collection))
                .or_default()
                .push(op);
        }
    }
    for container in &model.containers {
        let root = container.name.to_string();
        for set in &container.entity_sets {
            if let Some(ty) = model.structured(&set.entity_type) {
                let place = Place::top(model, &root, &set.name, &set.annotations, &set.description);
                walk.collection(&place, ty, true);
            }
        }
        for singleton in &container.singletons {
            if let Some(ty) = model.structured(&singleton.ty) {
                let place = Place::top(
                    model,
                    &root,
                    &singleton.name,
                    &singleton.annotations,
                    &singleton.description,
                );
                walk.entity(&place, ty, true);
            }
        }
        let imports = container
            .action_imports
            .iter()
            .chain(&container.function_imports);
        for import in imports {
            let overloads = model
                .operations
                .iter()
                .filter(|o| o.name == import.operation);
            for op in overloads {
                walk.operation(&[], op, &import.name, &op.parameters);
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
    bound: BTreeMap<(&'m QualifiedName, bool), Vec<&'m Operation>>,
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

impl<'m> Place<'m> {
    /// An entity set or singleton of the container named `root`.
    fn top(
        model: &'m Model,
        root: &str,
        name: &str,
        annotations: &'m [crate::ir::Annotation],
        description: &'m Description,
    ) -> Self {
        let target = format!("{root}/{name}");
        Place {
            path: vec![Segment::Static(name.to_owned())],
            described: Described::default()
                .path(model, &target)
                .annotations(annotations),
            target,
            types: Vec::new(),
            fallback: description,
        }
    }
}

impl<'m> Walk<'m> {
    /// A collection of entities at `place`: list, `$count`, create (when contained or an
    /// entity set), and each entity by key.
    fn collection(&mut self, place: &Place<'m>, ty: &'m StructuredType, owned: bool) {
        let d = &place.described;
        let value = named(&ty.name);
        if d.allows("ReadRestrictions", "Readable") {
            self.add(
                place,
                Endpoint {
                    query: self.query(d, &QueryOption::ALL),
                    response: Response::Collection(value.clone()),
                    description: d.description("ReadRestrictions", None),
                    docs: d.docs("list"),
                    ..Endpoint::new(&place.path, Method::Get, EndpointKind::List)
                },
            );
        }
        if d.allows("CountRestrictions", "Countable") {
            let mut path = place.path.clone();
            path.push(Segment::Static("$count".to_owned()));
            self.add(
                place,
                Endpoint {
                    query: self.query(d, &[QueryOption::Filter, QueryOption::Search]),
                    response: Response::Count,
                    ..Endpoint::new(&path, Method::Get, EndpointKind::Count)
                },
            );
        }
        if owned && d.allows("InsertRestrictions", "Insertable") {
            self.add(
                place,
                Endpoint {
                    body: Body::Value(value.clone()),
                    response: Response::Single(value.clone()),
                    description: d.description("InsertRestrictions", None),
                    docs: d.docs("create"),
                    ..Endpoint::new(&place.path, Method::Post, EndpointKind::Create)
                },
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
        if d.readable_by_key() {
            self.add(
                &item,
                Endpoint {
                    query: self.query(d, &[QueryOption::Select, QueryOption::Expand]),
                    response: Response::Single(value.clone()),
                    description: d.description("ReadRestrictions", Some("ReadByKeyRestrictions")),
                    docs: d.docs("get"),
                    ..Endpoint::new(&item.path, Method::Get, EndpointKind::Get)
                },
            );
        }
        if owned {
            self.update(&item, &value);
            if d.allows("DeleteRestrictions", "Deletable") {
                self.add(
                    &item,
                    Endpoint {
                        description: d.description("DeleteRestrictions", None),
                        docs: d.docs("delete"),
                        ..Endpoint::new(&item.path, Method::Delete, EndpointKind::Delete)
                    },
                );
            }
        }
        self.entity(&item, ty, owned);
    }

    /// One entity at `place`: get and update (a singleton or single-valued navigation;
    /// items of collections get theirs in [`Walk::collection`]), its bound operations and
    /// its navigation properties.
    fn entity(&mut self, place: &Place<'m>, ty: &'m StructuredType, owned: bool) {
        let is_item = matches!(place.path.last(), Some(Segment::Key(_)));
        if !is_item {
            self.get(place, ty);
            if owned {
                self.update(place, &named(&ty.name));
            }
        }
        self.bound_operations(place, ty, false);
        // Only contained targets are continued: a non-contained target's own canonical
        // path (its entity set) already has everything else.
        if owned {
            self.navigation(place, ty);
        }
    }

    fn navigation(&mut self, place: &Place<'m>, ty: &'m StructuredType) {
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
            let target_path = format!("{}/{}", place.target, nav.name);
            let described = Described::default()
                .path(self.model, &target_path)
                .restricted_by(&place.described, &nav.name)
                .annotations(&nav.annotations);
            if described.is_unnavigable() {
                continue;
            }
            let mut path = place.path.clone();
            path.push(Segment::Static(nav.name.clone()));
            let next = Place {
                path,
                target: target_path,
                described,
                types: types.clone(),
                fallback: &nav.description,
            };
            match (nav.ty.collection, nav.contains_target) {
                (true, contained) => self.collection(&next, target, contained),
                (false, true) => self.entity(&next, target, true),
                (false, false) => self.get(&next, target),
            }
        }
    }

    fn get(&mut self, place: &Place<'m>, ty: &'m StructuredType) {
        let d = &place.described;
        if d.allows("ReadRestrictions", "Readable") {
            self.add(
                place,
                Endpoint {
                    query: self.query(d, &[QueryOption::Select, QueryOption::Expand]),
                    response: Response::Single(named(&ty.name)),
                    description: d.description("ReadRestrictions", None),
                    docs: d.docs("get"),
                    ..Endpoint::new(&place.path, Method::Get, EndpointKind::Get)
                },
            );
        }
    }

    /// Capabilities.UpdateRestrictions: PATCH unless `UpdateMethod` says PUT.
    fn update(&mut self, place: &Place<'m>, value: &TypeRef) {
        let d = &place.described;
        if !d.allows("UpdateRestrictions", "Updatable") {
            return;
        }
        let put = d
            .capability("UpdateRestrictions")
            .and_then(|r| r.field("UpdateMethod"))
            .and_then(crate::ir::AnnotationValue::as_str)
            .is_some_and(|m| m.ends_with("PUT"));
        let method = if put { Method::Put } else { Method::Patch };
        self.add(
            place,
            Endpoint {
                body: Body::Value(value.clone()),
                response: Response::Optional(value.clone()),
                description: d.description("UpdateRestrictions", None),
                docs: d.docs("update"),
                ..Endpoint::new(&place.path, method, EndpointKind::Update)
            },
        );
    }

    /// Adds an endpoint of the navigation source at `place`. The set's or navigation
    /// property's own description says what the collection or the single entity is, so it
    /// describes a list or a get that no restriction record describes, but never one item
    /// of a collection.
    fn add(&mut self, place: &Place<'m>, mut endpoint: Endpoint) {
        let is_item = matches!(place.path.last(), Some(Segment::Key(_)));
        let describes = match endpoint.kind {
            EndpointKind::List => true,
            EndpointKind::Get => !is_item,
            _ => false,
        };
        if endpoint.description.is_empty() && describes {
            endpoint.description = place.fallback.clone();
        }
        self.emit(endpoint);
    }

    fn emit(&mut self, endpoint: Endpoint) {
        if self
            .seen
            .insert((endpoint.method, endpoint.template(self.urls)))
        {
            self.out.push(endpoint);
        }
    }

    /// The options of `offered` that Capabilities restrictions leave allowed.
    fn query(&self, d: &Described<'m>, offered: &[QueryOption]) -> Vec<QueryOption> {
        offered
            .iter()
            .copied()
            .filter(|option| match option {
                QueryOption::Select => d.allows("SelectSupport", "Supported"),
                QueryOption::Expand => d.allows("ExpandRestrictions", "Expandable"),
                QueryOption::Filter => d.allows("FilterRestrictions", "Filterable"),
                QueryOption::Search => d.allows("SearchRestrictions", "Searchable"),
                QueryOption::OrderBy => d.allows("SortRestrictions", "Sortable"),
                QueryOption::Top => d.supports("TopSupported"),
                QueryOption::Skip => d.supports("SkipSupported"),
                QueryOption::Count => d.allows("CountRestrictions", "Countable"),
            })
            .collect()
    }
}

fn named(name: &QualifiedName) -> TypeRef {
    TypeRef {
        collection: false,
        name: TypeName::Named(name.clone()),
    }
}
