//! What the paths say about the types that OpenAPI cannot say itself: which are entities,
//! their keys, and which navigation properties contain their targets.

use super::Reader;
use crate::ir::{
    Body, Endpoint, EndpointKind, QualifiedName, Response, Segment, StructuredKind, TypeDef,
    TypeName,
};

impl Reader<'_> {
    /// After the paths: which types are entities, and their keys. A type read or written
    /// by key is an entity, its key property is declared by the topmost base that has it,
    /// and every type in that hierarchy is an entity. Navigation targets are entities too.
    pub(super) fn infer_entities(&mut self) {
        // Composite keys (`(a='{a}',b='{b}')`) count too: every part names a key property.
        let mut keyed: Vec<(QualifiedName, Vec<String>)> = Vec::new();
        for endpoint in &self.model.endpoints {
            if let (Some(Segment::Key(parts)), Some(ty)) =
                (endpoint.path.last(), endpoint_type(endpoint))
            {
                keyed.push((ty, parts.iter().map(|p| p.property.clone()).collect()));
            }
        }
        let mut roots = Vec::new();
        for (ty, key) in keyed {
            let chain = self.chain(&ty);
            let declares_key = |t: &crate::ir::StructuredType| {
                key.iter()
                    .all(|k| t.properties.iter().any(|p| &p.name == k))
            };
            let owner = chain
                .iter()
                .rev()
                .find(|n| self.model.structured(n).is_some_and(declares_key))
                .cloned()
                .unwrap_or_else(|| ty.clone());
            if let Some(TypeDef::Structured(t)) = self.model.types.get_mut(&owner)
                && t.key.is_empty()
            {
                t.key = key;
            }
            roots.extend(chain.last().cloned());
        }
        for target in &self.navigation_targets {
            roots.extend(self.chain(target).last().cloned());
        }
        let entities: Vec<QualifiedName> = self
            .model
            .types
            .keys()
            .filter(|n| {
                self.chain(n)
                    .last()
                    .is_some_and(|root| roots.contains(root))
            })
            .cloned()
            .collect();
        for name in entities {
            if let Some(TypeDef::Structured(t)) = self.model.types.get_mut(&name) {
                t.kind = StructuredKind::Entity;
            }
        }
        self.infer_containment();
    }

    /// A navigation property contains its targets when the document creates them through
    /// it: a POST on a path ending in the property's name whose body is of its target type
    /// (or derived from it). Non-contained ones are linked by `$ref` paths instead.
    fn infer_containment(&mut self) {
        let created: Vec<(String, Vec<QualifiedName>)> = self
            .model
            .endpoints
            .iter()
            .filter(|e| e.kind == EndpointKind::Create)
            .filter_map(|e| match (e.path.last(), endpoint_type(e)) {
                (Some(Segment::Static(name)), Some(ty)) => Some((name.clone(), self.chain(&ty))),
                _ => None,
            })
            .collect();
        for ty in self.model.types.values_mut() {
            if let TypeDef::Structured(t) = ty {
                for nav in &mut t.navigation {
                    let TypeName::Named(target) = &nav.ty.name else {
                        continue;
                    };
                    nav.contains_target = created
                        .iter()
                        .any(|(name, chain)| name == &nav.name && chain.contains(target));
                }
            }
        }
    }

    /// A type and its bases, nearest first (itself included), stopping at a loop.
    fn chain(&self, name: &QualifiedName) -> Vec<QualifiedName> {
        let mut chain = vec![name.clone()];
        let mut next = self.model.structured(name).and_then(|t| t.base.clone());
        while let Some(base) = next {
            if chain.contains(&base) || self.model.structured(&base).is_none() {
                break;
            }
            next = self.model.structured(&base).and_then(|t| t.base.clone());
            chain.push(base);
        }
        chain
    }
}

/// The entity type an endpoint on a keyed path reads or writes.
fn endpoint_type(endpoint: &Endpoint) -> Option<QualifiedName> {
    let ty = match (&endpoint.response, &endpoint.body) {
        (Response::Single(t) | Response::Optional(t), _) => t,
        (_, Body::Value(t)) => t,
        _ => return None,
    };
    match &ty.name {
        TypeName::Named(n) if !ty.collection => Some(n.clone()),
        _ => None,
    }
}
