//! Actions, functions (CSDL §12) and entity containers (§13).

use std::collections::HashSet;

use roxmltree::Node;

use super::annotations::{Effects, kept, read_inline};
use super::{Ctx, edm_children, is_edm};
use crate::ir::{
    Description, EntityContainer, EntitySet, Model, NavigationPropertyBinding, Operation,
    OperationImport, OperationKind, Parameter, QualifiedName, ReturnType, Singleton,
    StructuredKind, TypeName,
};

/// Core vocabulary: a parameter the caller may leave out.
const OPTIONAL_PARAMETER: &str = "Org.OData.Core.V1.OptionalParameter";

pub(crate) fn read_operation(
    ctx: &mut Ctx<'_, '_>,
    node: Node<'_, '_>,
    ns: &str,
) -> Option<Operation> {
    let kind = if node.tag_name().name() == "Action" {
        OperationKind::Action
    } else {
        OperationKind::Function
    };
    let name = ctx.required_name(node)?;
    let mut parameters = Vec::new();
    let mut return_type = None;
    for child in edm_children(node) {
        match child.tag_name().name() {
            "Parameter" => {
                let Some(name) = ctx.required_name(child) else {
                    continue;
                };
                let Some(ty) = ctx.type_attr(child, "Type") else {
                    continue;
                };
                let optional = read_inline(ctx, child)
                    .iter()
                    .any(|a| a.term == OPTIONAL_PARAMETER);
                parameters.push(Parameter {
                    name,
                    ty,
                    nullable: ctx.bool_attr(child, "Nullable"),
                    optional,
                    pos: ctx.pos(child),
                });
            }
            "ReturnType" => {
                if let Some(ty) = ctx.type_attr(child, "Type") {
                    return_type = Some(ReturnType {
                        ty,
                        nullable: ctx.bool_attr(child, "Nullable"),
                    });
                }
            }
            _ => {}
        }
    }
    let is_bound = ctx.flag(node, "IsBound");
    let pos = ctx.pos(node);
    // §12.1.2 / §12.2.2: the binding parameter is the first parameter; without one a bound
    // operation cannot be called, and the generator would mis-read an ordinary parameter.
    if is_bound && parameters.is_empty() {
        ctx.error(
            pos,
            format!("bound operation `{ns}.{name}` has no binding parameter"),
        );
        return None;
    }
    let annotations = read_inline(ctx, node);
    let mut op = Operation {
        name: QualifiedName::new(ns, name),
        kind,
        is_bound,
        is_composable: ctx.flag(node, "IsComposable"),
        parameters,
        return_type,
        entity_set_path: node.attribute("EntitySetPath").map(str::to_owned),
        description: Description::default(),
        annotations: Vec::new(),
        pos,
    };
    Effects::of(&annotations).apply(&mut op.description, None);
    op.annotations = kept(annotations);
    Some(op)
}

/// §13.1: the container's name is qualified by its schema's namespace when targeted.
pub(crate) fn read_container(
    ctx: &mut Ctx<'_, '_>,
    node: Node<'_, '_>,
    ns: &str,
) -> Option<EntityContainer> {
    let name = ctx.required_name(node)?;
    let mut container = EntityContainer {
        name: QualifiedName::new(ns, name),
        entity_sets: Vec::new(),
        singletons: Vec::new(),
        action_imports: Vec::new(),
        function_imports: Vec::new(),
        pos: ctx.pos(node),
    };
    for child in edm_children(node) {
        match child.tag_name().name() {
            "EntitySet" => {
                let Some(name) = ctx.required_name(child) else {
                    continue;
                };
                let Some(entity_type) = qualified_attr(ctx, child, "EntityType") else {
                    continue;
                };
                let annotations = read_inline(ctx, child);
                let mut set = EntitySet {
                    name,
                    entity_type,
                    bindings: bindings(ctx, child),
                    description: Description::default(),
                    annotations: Vec::new(),
                    pos: ctx.pos(child),
                };
                Effects::of(&annotations).apply(&mut set.description, None);
                set.annotations = kept(annotations);
                container.entity_sets.push(set);
            }
            "Singleton" => {
                let Some(name) = ctx.required_name(child) else {
                    continue;
                };
                let Some(ty) = qualified_attr(ctx, child, "Type") else {
                    continue;
                };
                let annotations = read_inline(ctx, child);
                let mut singleton = Singleton {
                    name,
                    ty,
                    bindings: bindings(ctx, child),
                    description: Description::default(),
                    annotations: Vec::new(),
                    pos: ctx.pos(child),
                };
                Effects::of(&annotations).apply(&mut singleton.description, None);
                singleton.annotations = kept(annotations);
                container.singletons.push(singleton);
            }
            "ActionImport" => {
                if let Some(import) = operation_import(ctx, child, "Action") {
                    container.action_imports.push(import);
                }
            }
            "FunctionImport" => {
                if let Some(import) = operation_import(ctx, child, "Function") {
                    container.function_imports.push(import);
                }
            }
            _ => {}
        }
    }
    Some(container)
}

fn qualified_attr(ctx: &mut Ctx<'_, '_>, node: Node<'_, '_>, attr: &str) -> Option<QualifiedName> {
    let written = ctx.required_attr(node, attr)?;
    let q = ctx.qualified(&written);
    if q.is_none() {
        let pos = ctx.attr_pos(node, attr);
        ctx.error(
            pos,
            format!("invalid `{attr}` `{written}` (expected a qualified name)"),
        );
    }
    q
}

/// §13.4: `Path` and `Target` as written; later passes interpret them against the model.
fn bindings(ctx: &mut Ctx<'_, '_>, node: Node<'_, '_>) -> Vec<NavigationPropertyBinding> {
    let mut out = Vec::new();
    for b in edm_children(node).filter(|c| is_edm(*c, "NavigationPropertyBinding")) {
        let (Some(path), Some(target)) =
            (ctx.required_attr(b, "Path"), ctx.required_attr(b, "Target"))
        else {
            continue;
        };
        out.push(NavigationPropertyBinding { path, target });
    }
    out
}

fn operation_import(
    ctx: &mut Ctx<'_, '_>,
    node: Node<'_, '_>,
    attr: &str,
) -> Option<OperationImport> {
    let name = ctx.required_name(node)?;
    let operation = qualified_attr(ctx, node, attr)?;
    Some(OperationImport {
        name,
        operation,
        entity_set: node.attribute("EntitySet").map(str::to_owned),
        pos: ctx.pos(node),
    })
}

/// §13.2, §13.3, §13.5 and §12.1: what a container and a bound operation name must exist.
/// Endpoints are derived from these, so one that names nothing would silently leave its
/// endpoints out of a crate that asked for all of them.
pub(crate) fn check_references(ctx: &mut Ctx<'_, '_>, model: &Model) {
    let is_entity = |name: &QualifiedName| {
        model
            .structured(name)
            .is_some_and(|t| t.kind == StructuredKind::Entity)
    };
    // A set: a hostile document may have as many imports as operations.
    let operations: HashSet<&QualifiedName> = model.operations.iter().map(|o| &o.name).collect();
    for container in &model.containers {
        let sets = container
            .entity_sets
            .iter()
            .map(|s| ("entity set", &s.name, &s.entity_type, s.pos));
        let singletons = container
            .singletons
            .iter()
            .map(|s| ("singleton", &s.name, &s.ty, s.pos));
        for (what, name, ty, pos) in sets.chain(singletons) {
            if !is_entity(ty) {
                let msg = format!(
                    "{what} `{name}` is of type `{ty}`, which is not an entity type of the input"
                );
                ctx.error(pos, msg);
            }
        }
        let imports = container
            .action_imports
            .iter()
            .chain(&container.function_imports);
        for import in imports {
            if !operations.contains(&import.operation) {
                let msg = format!(
                    "operation import `{}` names `{}`, which is not an action or function of the input",
                    import.name, import.operation
                );
                ctx.error(import.pos, msg);
            }
        }
    }
    for op in model.operations.iter().filter(|o| o.is_bound) {
        if let Some(TypeName::Named(ty)) = op.parameters.first().map(|p| &p.ty.name)
            && !model.types.contains_key(ty)
        {
            let msg = format!(
                "`{}` is bound to `{ty}`, which is not a type of the input",
                op.name
            );
            let pos = op.parameters.first().map_or(op.pos, |p| p.pos);
            ctx.error(pos, msg);
        }
    }
}
