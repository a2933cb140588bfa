//! Out-of-line annotations (CSDL §14.2): resolving `Target` paths (§14.1.1) and applying
//! what they say to the model element they name.

use roxmltree::Node;

use super::annotations::{Effects, kept, read_annotation};
use super::{Ctx, edm_children, is_edm};
use crate::ir::{
    Annotation, Model, Operation, QualifiedName, StructuredType, TypeDef, TypeName, TypeRef,
};

/// What a `Target` names, once resolved against the model.
enum Target {
    Type(QualifiedName),
    /// A property or navigation property of a structured type, or a member of an enum.
    Member(QualifiedName, String),
    /// Every overload of an operation, or those matching a parenthesized signature.
    Operations(QualifiedName, Option<Vec<TypeRef>>),
    /// An entity set or singleton: container index and child name.
    ContainerChild(usize, String),
    /// A path through a container beyond its direct children, aliases resolved.
    Path(String),
}

pub(crate) fn apply_annotations(ctx: &mut Ctx<'_, '_>, model: &mut Model, node: Node<'_, '_>) {
    let Some(target) = ctx.required_attr(node, "Target") else {
        return;
    };
    let qualifier = node.attribute("Qualifier");
    let annotations: Vec<Annotation> = edm_children(node)
        .filter(|c| is_edm(*c, "Annotation"))
        .filter_map(|a| read_annotation(ctx, a, qualifier))
        .collect();
    if annotations.is_empty() {
        return;
    }
    // Real metadata (Graph's among it) targets elements that do not exist; such annotations
    // describe nothing we generate, so they are dropped rather than reported.
    let Some(resolved) = resolve(ctx, model, &target) else {
        return;
    };
    match resolved {
        Target::Type(q) => {
            let effects = Effects::of(&annotations);
            match model.types.get_mut(&q) {
                Some(TypeDef::Structured(t)) => effects.apply(&mut t.description, None),
                Some(TypeDef::Enum(t)) => effects.apply(&mut t.description, None),
                Some(TypeDef::Definition(t)) => effects.apply(&mut t.description, None),
                None => {}
            }
        }
        Target::Member(q, member) => apply_member(model, &q, &member, annotations),
        Target::Operations(q, signature) => {
            for op in model.operations.iter_mut().filter(|o| o.name == q) {
                if signature
                    .as_deref()
                    .is_none_or(|s| matches_signature(op, s))
                {
                    Effects::of(&annotations).apply(&mut op.description, None);
                    op.annotations.extend(kept(annotations.clone()));
                }
            }
        }
        Target::ContainerChild(index, child) => {
            let Some(container) = model.containers.get_mut(index) else {
                return;
            };
            if let Some(set) = container.entity_sets.iter_mut().find(|s| s.name == child) {
                Effects::of(&annotations).apply(&mut set.description, None);
                set.annotations.extend(kept(annotations));
            } else if let Some(singleton) =
                container.singletons.iter_mut().find(|s| s.name == child)
            {
                Effects::of(&annotations).apply(&mut singleton.description, None);
                singleton.annotations.extend(kept(annotations));
            }
        }
        Target::Path(key) => model
            .path_annotations
            .entry(key)
            .or_default()
            .extend(annotations),
    }
}

fn apply_member(model: &mut Model, q: &QualifiedName, member: &str, annotations: Vec<Annotation>) {
    let effects = Effects::of(&annotations);
    match model.types.get_mut(q) {
        Some(TypeDef::Structured(t)) => {
            if let Some(p) = t.properties.iter_mut().find(|p| p.name == member) {
                effects.apply(&mut p.description, Some(&mut p.read_only));
            } else if let Some(n) = t.navigation.iter_mut().find(|n| n.name == member) {
                effects.apply(&mut n.description, Some(&mut n.read_only));
                n.annotations.extend(kept(annotations));
            }
        }
        Some(TypeDef::Enum(t)) => {
            if let Some(m) = t.members.iter_mut().find(|m| m.name == member) {
                effects.apply(&mut m.description, None);
            }
        }
        _ => {}
    }
}

/// §14.1.1: an action overload is named by its binding parameter's type, a function
/// overload by all its parameters' types. Services also write the full list for actions.
fn matches_signature(op: &Operation, signature: &[TypeRef]) -> bool {
    let params: Vec<&TypeRef> = op.parameters.iter().map(|p| &p.ty).collect();
    let full =
        params.len() == signature.len() && params.iter().zip(signature).all(|(a, b)| *a == b);
    let binding =
        op.is_bound && signature.len() == 1 && params.first().copied() == signature.first();
    full || binding
}

fn resolve(ctx: &Ctx<'_, '_>, model: &Model, target: &str) -> Option<Target> {
    let target = target.trim();
    if let Some((head, rest)) = target.split_once('(') {
        let (signature, after) = split_signature(rest)?;
        // `ns.op(...)/parameter` targets a parameter; the IR has no place for its annotations.
        if !after.is_empty() {
            return None;
        }
        let types = signature
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| ctx.parse_type(s).ok())
            .collect::<Option<Vec<_>>>()?;
        let q = ctx.qualified(head)?;
        return model
            .operations
            .iter()
            .any(|o| o.name == q)
            .then_some(Target::Operations(q, Some(types)));
    }
    let segments: Vec<&str> = target.split('/').collect();
    let (first, rest) = segments.split_first()?;
    let q = ctx.qualified(first)?;
    if model.types.contains_key(&q) {
        return match rest {
            [] => Some(Target::Type(q)),
            [member] => Some(Target::Member(q, (*member).to_owned())),
            _ => None,
        };
    }
    if let Some(index) = model.containers.iter().position(|c| c.name == q) {
        return match rest {
            [] => None,
            [child] => Some(Target::ContainerChild(index, (*child).to_owned())),
            _ => walk_container_path(ctx, model, index, rest)
                .map(|path| Target::Path(format!("{q}/{path}"))),
        };
    }
    if rest.is_empty() && model.operations.iter().any(|o| o.name == q) {
        return Some(Target::Operations(q, None));
    }
    None
}

/// Splits `sig)after` at the parenthesis matching the one already consumed.
fn split_signature(rest: &str) -> Option<(&str, &str)> {
    let mut depth = 0usize;
    for (i, c) in rest.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => {
                let after = rest.get(i + 1..)?;
                return Some((rest.get(..i)?, after.strip_prefix('/').unwrap_or(after)));
            }
            ')' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Follows `set/nav/Type.cast/nav...` from an entity set or singleton through navigation
/// and complex properties (§14.1.1 "target path"). Returns the path with aliases resolved,
/// or `None` as soon as a segment names nothing in this model — including a type the
/// document does not define, since nothing is generated for what is not there.
fn walk_container_path(
    ctx: &Ctx<'_, '_>,
    model: &Model,
    index: usize,
    segments: &[&str],
) -> Option<String> {
    let container = model.containers.get(index)?;
    let (first, rest) = segments.split_first()?;
    let start = container
        .entity_sets
        .iter()
        .find(|s| s.name == *first)
        .map(|s| &s.entity_type)
        .or_else(|| {
            container
                .singletons
                .iter()
                .find(|s| s.name == *first)
                .map(|s| &s.ty)
        })?;
    let mut current: Option<&StructuredType> = model.structured(start);
    let mut out = vec![(*first).to_owned()];
    for (i, segment) in rest.iter().enumerate() {
        let last = i + 1 == rest.len();
        let ty = current?;
        if segment.contains('.') {
            let q = ctx.qualified(segment)?;
            if let Some(cast) = model.structured(&q) {
                current = Some(cast);
            } else if !(last && model.operations.iter().any(|o| o.name == q)) {
                return None;
            }
            out.push(q.to_string());
            continue;
        }
        let member_type = member_type(model, ty, segment)?;
        current = match &member_type.name {
            TypeName::Named(n) => model.structured(n),
            TypeName::Primitive(_) => None,
        };
        if current.is_none() && !last {
            return None;
        }
        out.push((*segment).to_owned());
    }
    Some(out.join("/"))
}

/// The type of a declared or inherited property or navigation property.
fn member_type<'m>(model: &'m Model, ty: &'m StructuredType, name: &str) -> Option<&'m TypeRef> {
    std::iter::once(ty)
        .chain(model.base_chain(&ty.name))
        .find_map(|t| {
            t.properties
                .iter()
                .find(|p| p.name == name)
                .map(|p| &p.ty)
                .or_else(|| t.navigation.iter().find(|n| n.name == name).map(|n| &n.ty))
        })
}
