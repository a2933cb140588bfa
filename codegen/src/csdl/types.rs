//! Entity, complex and enumeration types and type definitions (CSDL §6–§11).

use std::collections::{BTreeMap, BTreeSet, HashSet};

use roxmltree::Node;

use super::annotations::{Effects, kept, read_inline};
use super::{Ctx, edm_children, is_edm};
use crate::ir::{
    Description, EnumMember, EnumType, Model, NavigationProperty, Pos, Primitive, Property,
    QualifiedName, StructuredKind, StructuredType, TypeDef, TypeDefinition, TypeName, TypeRef,
};

/// `EntityType` (§8) when `entity`, else `ComplexType` (§9).
pub(crate) fn read_structured(
    ctx: &mut Ctx<'_, '_>,
    node: Node<'_, '_>,
    ns: &str,
    entity: bool,
) -> Option<TypeDef> {
    let name = ctx.required_name(node)?;
    let qname = QualifiedName::new(ns, &name);
    let base = match node.attribute("BaseType") {
        Some(b) => match ctx.qualified(b) {
            Some(q) => Some(q),
            None => {
                let pos = ctx.attr_pos(node, "BaseType");
                ctx.error(
                    pos,
                    format!("invalid base type `{b}` (expected a qualified name)"),
                );
                None
            }
        },
        None => None,
    };
    let mut ty = StructuredType {
        name: qname,
        kind: if entity {
            StructuredKind::Entity
        } else {
            StructuredKind::Complex
        },
        base,
        is_abstract: ctx.flag(node, "Abstract"),
        is_open: ctx.flag(node, "OpenType"),
        key: Vec::new(),
        properties: Vec::new(),
        navigation: Vec::new(),
        description: Description::default(),
        pos: ctx.pos(node),
    };
    // §6.1 and §7.1: structural and navigation property names share one scope per type.
    let mut seen: BTreeMap<String, Pos> = BTreeMap::new();
    let mut key_refs = Vec::new();
    for child in edm_children(node) {
        match child.tag_name().name() {
            "Key" if entity => {
                for r in edm_children(child).filter(|c| is_edm(*c, "PropertyRef")) {
                    if let Some(n) = ctx.required_name(r) {
                        key_refs.push((n.clone(), ctx.pos(r)));
                        ty.key.push(n);
                    }
                }
            }
            "Property" => {
                if let Some(p) = read_property(ctx, child)
                    && check_unique(ctx, &mut seen, &ty.name, &p.name, p.pos)
                {
                    ty.properties.push(p);
                }
            }
            "NavigationProperty" => {
                if let Some(n) = read_navigation(ctx, child)
                    && check_unique(ctx, &mut seen, &ty.name, &n.name, n.pos)
                {
                    ty.navigation.push(n);
                }
            }
            _ => {}
        }
    }
    // §8.3: a key names properties of the type. A type with a base may name inherited
    // ones, and a path (`address/street`) reaches into others: those are not checked here.
    // A name that is neither would become a key parameter of a guessed type.
    if ty.base.is_none() && !key_refs.is_empty() {
        let properties: HashSet<&str> = ty.properties.iter().map(|p| p.name.as_str()).collect();
        for (name, pos) in key_refs {
            if !name.contains('/') && !properties.contains(name.as_str()) {
                let msg = format!("key property `{name}` is not a property of `{}`", ty.name);
                ctx.error(pos, msg);
            }
        }
    }
    Effects::of(&read_inline(ctx, node)).apply(&mut ty.description, None);
    Some(TypeDef::Structured(ty))
}

fn check_unique(
    ctx: &mut Ctx<'_, '_>,
    seen: &mut BTreeMap<String, Pos>,
    ty: &QualifiedName,
    name: &str,
    pos: Pos,
) -> bool {
    if let Some(first) = seen.get(name) {
        let msg = format!("duplicate property `{name}` in type `{ty}`: also defined at {first}");
        ctx.error(pos, msg);
        return false;
    }
    seen.insert(name.to_owned(), pos);
    true
}

fn read_property(ctx: &mut Ctx<'_, '_>, node: Node<'_, '_>) -> Option<Property> {
    let name = ctx.required_name(node)?;
    let ty = ctx.type_attr(node, "Type")?;
    let precision = match node.attribute("Precision") {
        Some(p) => match p.trim().parse::<u32>() {
            Ok(p) => Some(p),
            Err(_) => {
                let pos = ctx.attr_pos(node, "Precision");
                ctx.error(
                    pos,
                    format!("invalid `Precision` `{p}` (expected a non-negative integer)"),
                );
                None
            }
        },
        None => None,
    };
    let mut property = Property {
        name,
        ty,
        nullable: ctx.bool_attr(node, "Nullable"),
        read_only: false,
        default_value: node.attribute("DefaultValue").map(str::to_owned),
        max_length: node.attribute("MaxLength").map(str::to_owned),
        precision,
        scale: node.attribute("Scale").map(str::to_owned),
        description: Description::default(),
        pos: ctx.pos(node),
    };
    Effects::of(&read_inline(ctx, node))
        .apply(&mut property.description, Some(&mut property.read_only));
    Some(property)
}

fn read_navigation(ctx: &mut Ctx<'_, '_>, node: Node<'_, '_>) -> Option<NavigationProperty> {
    let name = ctx.required_name(node)?;
    let ty = ctx.type_attr(node, "Type")?;
    let annotations = read_inline(ctx, node);
    let mut nav = NavigationProperty {
        name,
        ty,
        nullable: ctx.bool_attr(node, "Nullable"),
        contains_target: ctx.flag(node, "ContainsTarget"),
        partner: node.attribute("Partner").map(str::to_owned),
        read_only: false,
        description: Description::default(),
        annotations: Vec::new(),
        pos: ctx.pos(node),
    };
    Effects::of(&annotations).apply(&mut nav.description, Some(&mut nav.read_only));
    nav.annotations = kept(annotations);
    Some(nav)
}

/// §10.1: the underlying type of an enumeration is one of the integer types, Int32 by default.
pub(crate) fn read_enum(ctx: &mut Ctx<'_, '_>, node: Node<'_, '_>, ns: &str) -> Option<TypeDef> {
    let name = ctx.required_name(node)?;
    let underlying = match node.attribute("UnderlyingType") {
        None => Primitive::Int32,
        Some(_) => match ctx.type_attr(node, "UnderlyingType")? {
            TypeRef {
                collection: false,
                name:
                    TypeName::Primitive(
                        p @ (Primitive::Byte
                        | Primitive::SByte
                        | Primitive::Int16
                        | Primitive::Int32
                        | Primitive::Int64),
                    ),
            } => p,
            _ => {
                let pos = ctx.attr_pos(node, "UnderlyingType");
                ctx.error(pos, "enum `UnderlyingType` must be Edm.Byte, Edm.SByte, Edm.Int16, Edm.Int32 or Edm.Int64");
                return None;
            }
        },
    };
    let mut ty = EnumType {
        name: QualifiedName::new(ns, &name),
        underlying,
        is_flags: ctx.flag(node, "IsFlags"),
        members: Vec::new(),
        description: Description::default(),
        pos: ctx.pos(node),
    };
    let mut seen: BTreeMap<String, Pos> = BTreeMap::new();
    // §10.2.2: a member without a value gets the previous member's value plus one, from 0.
    let mut next: Option<i64> = Some(0);
    for child in edm_children(node).filter(|c| is_edm(*c, "Member")) {
        let Some(member_name) = ctx.required_name(child) else {
            continue;
        };
        let pos = ctx.pos(child);
        let value = match child.attribute("Value") {
            Some(v) => {
                match v.trim().parse::<i64>() {
                    Ok(v) => v,
                    Err(_) => {
                        let pos = ctx.attr_pos(child, "Value");
                        ctx.error(pos, format!("enum member `{member_name}` has value `{v}`, which is not an integer"));
                        continue;
                    }
                }
            }
            None => match next {
                Some(v) => v,
                None => {
                    ctx.error(
                        pos,
                        format!("implicit value of enum member `{member_name}` overflows Int64"),
                    );
                    continue;
                }
            },
        };
        next = value.checked_add(1);
        if let Some(first) = seen.get(&member_name) {
            let msg = format!(
                "duplicate member `{member_name}` in enum `{}`: also defined at {first}",
                ty.name
            );
            ctx.error(pos, msg);
            continue;
        }
        seen.insert(member_name.clone(), pos);
        let mut member = EnumMember {
            name: member_name,
            value,
            description: Description::default(),
            pos,
        };
        Effects::of(&read_inline(ctx, child)).apply(&mut member.description, None);
        ty.members.push(member);
    }
    Effects::of(&read_inline(ctx, node)).apply(&mut ty.description, None);
    Some(TypeDef::Enum(ty))
}

/// §11.1: a type definition's underlying type is a primitive type, never another definition.
pub(crate) fn read_type_definition(
    ctx: &mut Ctx<'_, '_>,
    node: Node<'_, '_>,
    ns: &str,
) -> Option<TypeDef> {
    let name = ctx.required_name(node)?;
    let underlying = match ctx.type_attr(node, "UnderlyingType")? {
        TypeRef {
            collection: false,
            name: TypeName::Primitive(p),
        } => p,
        _ => {
            let pos = ctx.attr_pos(node, "UnderlyingType");
            ctx.error(
                pos,
                "type definition `UnderlyingType` must be a primitive `Edm` type",
            );
            return None;
        }
    };
    let mut ty = TypeDefinition {
        name: QualifiedName::new(ns, &name),
        underlying,
        description: Description::default(),
        pos: ctx.pos(node),
    };
    Effects::of(&read_inline(ctx, node)).apply(&mut ty.description, None);
    Some(TypeDef::Definition(ty))
}

/// §8.2 and §9.2: a type must not derive from itself, directly or through its bases.
/// Each cycle is reported once, at its member with the smallest name.
pub(crate) fn check_inheritance(ctx: &mut Ctx<'_, '_>, model: &Model) {
    let mut reported: BTreeSet<QualifiedName> = BTreeSet::new();
    for start in model.types.values() {
        let TypeDef::Structured(start) = start else {
            continue;
        };
        let mut path: Vec<&StructuredType> = vec![start];
        let mut next = start.base.as_ref();
        while let Some(base) = next {
            let Some(ty) = model.structured(base) else {
                break;
            };
            if let Some(i) = path.iter().position(|t| t.name == ty.name) {
                let cycle = path.get(i..).unwrap_or_default();
                let Some((at, first)) = cycle
                    .iter()
                    .enumerate()
                    .min_by(|a, b| a.1.name.cmp(&b.1.name))
                else {
                    break;
                };
                if reported.insert(first.name.clone()) {
                    // Start the listing at the smallest name so the message does not depend
                    // on which member the search entered the cycle from.
                    let rotated = cycle.iter().skip(at).chain(cycle.iter().take(at));
                    let names: Vec<String> = rotated.map(|t| format!("`{}`", t.name)).collect();
                    let msg = format!(
                        "inheritance cycle: {} -> `{}`",
                        names.join(" -> "),
                        first.name
                    );
                    ctx.error(first.pos, msg);
                }
                break;
            }
            path.push(ty);
            next = ty.base.as_ref();
        }
    }
}
