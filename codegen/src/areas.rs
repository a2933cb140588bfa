//! Cargo features per area, so that a user of a large service compiles only what they call.
//!
//! An *area* is the first segment of the endpoints' paths (`users`, `groups`, `solutions`):
//! the unit Graph's documentation and users think in. Its feature enables its request
//! functions and every type they need. Needing is narrower than selection's closure, or
//! every area would be all of Graph:
//!
//! - a type needs its base types and the types of its structural properties;
//! - it does not need its navigation targets: a navigation field exists only while its
//!   target is compiled (otherwise the property is kept as an unknown property, losing
//!   nothing);
//! - it does not need its derived types that some endpoint names (`user` for
//!   `directoryObject`): those are variants of the base's enum only while their own area is
//!   on, and a value of that type reads as the base, keeping every property;
//! - derived types that no endpoint names (`fileAttachment`) can only ever arrive as a
//!   value of their base, so they come with it.
//!
//! A type that no area needs is compiled with the `full` feature, which also enables
//! every area. A selection with fewer than two areas gets no area features at all.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::ir::{Endpoint, Model, QualifiedName, Segment, TypeDef, TypeName};
use crate::select::{Selection, endpoint_types};

/// Which features compile what.
#[derive(Debug, Clone, Default)]
pub struct Areas {
    /// Each area by the first segment of its endpoints' paths, in name order.
    pub keys: Vec<String>,
    /// The areas that need each type; a type missing here is compiled with `full` only.
    types: BTreeMap<QualifiedName, BTreeSet<usize>>,
    /// The area of each selected endpoint, in the order of `Selection::endpoints`.
    endpoints: Vec<usize>,
}

/// When an item is compiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate<'a> {
    /// Always: the crate has no area features.
    Always,
    /// With any of these areas (indices into [`Areas::keys`]).
    Any(&'a BTreeSet<usize>),
    /// With the `full` feature only.
    Full,
}

impl<'a> Gate<'a> {
    /// With any of `areas`; always when there are none (a crate without area features).
    pub fn any(areas: &'a BTreeSet<usize>) -> Self {
        if areas.is_empty() {
            Gate::Always
        } else {
            Gate::Any(areas)
        }
    }

    /// Whether this item is compiled whenever `inner` is, so `inner` may use it freely.
    pub fn covers(self, inner: Gate<'_>) -> bool {
        match (self, inner) {
            (Gate::Always, _) | (Gate::Full, Gate::Full) => true,
            // `full` enables every area.
            (Gate::Any(_), Gate::Full) => true,
            (Gate::Any(outer), Gate::Any(inner)) => inner.is_subset(outer),
            (Gate::Any(_) | Gate::Full, Gate::Always) | (Gate::Full, Gate::Any(_)) => false,
        }
    }
}

impl Areas {
    /// The areas of a selection; none when it spans fewer than two.
    pub fn assign(model: &Model, selection: &Selection) -> Self {
        let keys: BTreeSet<&str> = selection.endpoints.iter().filter_map(area_key).collect();
        if keys.len() < 2 {
            return Areas::default();
        }
        let keys: Vec<String> = keys.into_iter().map(str::to_owned).collect();
        let index = |key: &str| keys.binary_search_by(|k| k.as_str().cmp(key)).ok();
        let endpoints: Vec<usize> = selection
            .endpoints
            .iter()
            .map(|e| area_key(e).and_then(index).unwrap_or(0))
            .collect();

        // Types by index in name order: the walks below run once per area (70 on Graph
        // v1.0), so they touch integers, not names.
        let order: Vec<&QualifiedName> = selection.types.iter().collect();
        let position: HashMap<&QualifiedName, usize> =
            order.iter().enumerate().map(|(i, n)| (*n, i)).collect();
        let mut roots: Vec<Vec<usize>> = vec![Vec::new(); keys.len()];
        for (endpoint, &area) in selection.endpoints.iter().zip(&endpoints) {
            roots[area].extend(endpoint_types(endpoint).filter_map(|t| match &t.name {
                TypeName::Named(name) => position.get(name).copied(),
                TypeName::Primitive(_) => None,
            }));
        }
        let mut addressable = vec![false; order.len()];
        for &i in roots.iter().flatten() {
            addressable[i] = true;
        }
        let needs = needs(model, &order, &position, &addressable);

        let mut membership: Vec<Vec<usize>> = vec![Vec::new(); order.len()];
        let mut queue = Vec::new();
        for (area, roots) in roots.iter().enumerate() {
            queue.extend_from_slice(roots);
            while let Some(i) = queue.pop() {
                if membership[i].last() != Some(&area) {
                    membership[i].push(area);
                    queue.extend_from_slice(&needs[i]);
                }
            }
        }
        let types = order
            .iter()
            .zip(membership)
            .filter(|(_, areas)| !areas.is_empty())
            .map(|(name, areas)| ((*name).clone(), areas.into_iter().collect()))
            .collect();
        Areas {
            keys,
            types,
            endpoints,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    pub fn of_type(&self, name: &QualifiedName) -> Gate<'_> {
        if self.is_empty() {
            return Gate::Always;
        }
        self.types.get(name).map_or(Gate::Full, Gate::Any)
    }

    /// The area of the `i`th selected endpoint, if the crate has areas.
    pub fn of_endpoint(&self, i: usize) -> Option<usize> {
        self.endpoints.get(i).copied().filter(|_| !self.is_empty())
    }

    /// How many selected types and endpoints each area compiles, for the crate's docs.
    pub fn sizes(&self) -> Vec<(usize, usize)> {
        let mut sizes = vec![(0, 0); self.keys.len()];
        for area in self.types.values().flatten() {
            if let Some(size) = sizes.get_mut(*area) {
                size.0 += 1;
            }
        }
        for area in &self.endpoints {
            if let Some(size) = sizes.get_mut(*area) {
                size.1 += 1;
            }
        }
        sizes
    }
}

/// The first segment of an endpoint's path: an entity set, a singleton or an import.
fn area_key(endpoint: &Endpoint) -> Option<&str> {
    match endpoint.path.first()? {
        Segment::Static(name) => Some(name),
        Segment::Call { name, .. } => Some(name),
        Segment::Key(_) => None,
    }
}

/// What each selected type needs compiled with it (the module docs say why these edges), by
/// index into `order`.
fn needs(
    model: &Model,
    order: &[&QualifiedName],
    position: &HashMap<&QualifiedName, usize>,
    addressable: &[bool],
) -> Vec<Vec<usize>> {
    let mut needs: Vec<Vec<usize>> = vec![Vec::new(); order.len()];
    for (i, name) in order.iter().enumerate() {
        let Some(TypeDef::Structured(ty)) = model.types.get(*name) else {
            continue;
        };
        for property in &ty.properties {
            if let TypeName::Named(target) = &property.ty.name {
                needs[i].extend(position.get(target));
            }
        }
        if let Some(&base) = ty.base.as_ref().and_then(|b| position.get(b)) {
            needs[i].push(base);
            if !addressable[i] {
                needs[base].push(i);
            }
        }
    }
    needs
}
