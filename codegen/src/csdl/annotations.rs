//! Annotation values (CSDL §14.3–14.4) and what the reader itself takes from them.

use roxmltree::Node;

use super::{Ctx, edm_children, is_edm};
use crate::ir::{Annotation, AnnotationValue, Description};

pub(crate) const DESCRIPTION: &str = "Org.OData.Core.V1.Description";
pub(crate) const LONG_DESCRIPTION: &str = "Org.OData.Core.V1.LongDescription";
const COMPUTED: &str = "Org.OData.Core.V1.Computed";
const PERMISSIONS: &str = "Org.OData.Core.V1.Permissions";
const PERMISSION_READ: &str = "Org.OData.Core.V1.Permission/Read";

/// Expressions nest (records in collections in records...); real vocabularies need a handful
/// of levels. The limit keeps a hostile document from exhausting the stack.
const MAX_EXPRESSION_DEPTH: usize = 64;

/// The constant expressions of CSDL §14.4 in attribute notation, and the path expressions
/// of §14.5 that we keep as text.
const TEXT_ATTRIBUTES: &[&str] = &[
    "Float",
    "Decimal",
    "Date",
    "DateTimeOffset",
    "Duration",
    "Guid",
    "TimeOfDay",
    "Binary",
    "Path",
    "PropertyPath",
    "NavigationPropertyPath",
    "AnnotationPath",
    "ModelElementPath",
    "UrlRef",
];

/// The inline `Annotation` children of a model element.
pub(crate) fn read_inline(ctx: &mut Ctx<'_, '_>, node: Node<'_, '_>) -> Vec<Annotation> {
    edm_children(node)
        .filter(|c| is_edm(*c, "Annotation"))
        .filter_map(|a| read_annotation(ctx, a, None))
        .collect()
}

/// One `Annotation`; `default_qualifier` is the enclosing `Annotations` element's (§14.2).
pub(crate) fn read_annotation(
    ctx: &mut Ctx<'_, '_>,
    node: Node<'_, '_>,
    default_qualifier: Option<&str>,
) -> Option<Annotation> {
    let term = ctx.required_attr(node, "Term")?;
    let qualifier = node
        .attribute("Qualifier")
        .or(default_qualifier)
        .map(str::to_owned);
    Some(Annotation {
        term: ctx.term(&term),
        qualifier,
        value: value_of(ctx, node, 0),
    })
}

/// The value of an `Annotation` or `PropertyValue`: an attribute expression, else the first
/// child expression element, else none (§14.3.1: a tag term without value means `true`).
fn value_of(ctx: &mut Ctx<'_, '_>, node: Node<'_, '_>, depth: usize) -> AnnotationValue {
    if let Some(s) = node.attribute("String") {
        return AnnotationValue::String(s.to_owned());
    }
    if node.has_attribute("Bool") {
        return ctx
            .bool_attr(node, "Bool")
            .map_or(AnnotationValue::Empty, AnnotationValue::Bool);
    }
    if let Some(i) = node.attribute("Int") {
        return int_value(ctx, node, i);
    }
    if let Some(m) = node.attribute("EnumMember") {
        return AnnotationValue::Text(ctx.enum_member_text(m));
    }
    for attr in TEXT_ATTRIBUTES {
        if let Some(text) = node.attribute(*attr) {
            return AnnotationValue::Text(text.to_owned());
        }
    }
    match expression_children(node).next() {
        Some(child) => expression(ctx, child, depth + 1),
        None => AnnotationValue::Empty,
    }
}

/// Child elements that are expressions: nested `Annotation`s annotate the parent instead.
fn expression_children<'a, 'i>(node: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    edm_children(node).filter(|c| !is_edm(*c, "Annotation"))
}

fn int_value(ctx: &mut Ctx<'_, '_>, node: Node<'_, '_>, text: &str) -> AnnotationValue {
    match text.trim().parse::<i64>() {
        Ok(i) => AnnotationValue::Int(i),
        Err(_) => {
            let pos = ctx.pos(node);
            ctx.error(pos, format!("invalid integer `{text}` in annotation"));
            AnnotationValue::Empty
        }
    }
}

/// An expression in element notation (§14.4, §14.5).
fn expression(ctx: &mut Ctx<'_, '_>, node: Node<'_, '_>, depth: usize) -> AnnotationValue {
    if depth > MAX_EXPRESSION_DEPTH {
        let pos = ctx.pos(node);
        ctx.error(
            pos,
            format!("annotation expression nested deeper than {MAX_EXPRESSION_DEPTH} levels"),
        );
        return AnnotationValue::Empty;
    }
    let text = node.text().unwrap_or_default();
    match node.tag_name().name() {
        "String" => AnnotationValue::String(text.to_owned()),
        "Bool" => match text.trim() {
            "true" | "1" => AnnotationValue::Bool(true),
            "false" | "0" => AnnotationValue::Bool(false),
            other => {
                let pos = ctx.pos(node);
                ctx.error(
                    pos,
                    format!("invalid boolean `{other}` in annotation (expected `true` or `false`)"),
                );
                AnnotationValue::Empty
            }
        },
        "Int" => int_value(ctx, node, text),
        "EnumMember" => AnnotationValue::Text(ctx.enum_member_text(text)),
        "Null" => AnnotationValue::Empty,
        "Record" => {
            let mut fields = Vec::new();
            for pv in edm_children(node).filter(|c| is_edm(*c, "PropertyValue")) {
                let Some(property) = ctx.required_attr(pv, "Property") else {
                    continue;
                };
                fields.push((property, value_of(ctx, pv, depth)));
            }
            AnnotationValue::Record(fields)
        }
        "Collection" => {
            // Collect the nodes first: the iterator borrows `node`, the recursion borrows `ctx`.
            let items: Vec<Node<'_, '_>> = expression_children(node).collect();
            AnnotationValue::Collection(
                items
                    .into_iter()
                    .map(|c| expression(ctx, c, depth + 1))
                    .collect(),
            )
        }
        name if TEXT_ATTRIBUTES.contains(&name) => AnnotationValue::Text(text.trim().to_owned()),
        // Dynamic expressions (If, Apply, Cast, LabeledElement, ...) are not evaluated: keep
        // the expression's name so nothing mistakes them for a tag (`Empty` means `true`).
        other => AnnotationValue::Text(other.to_owned()),
    }
}

pub(crate) fn is_description(term: &str) -> bool {
    term == DESCRIPTION || term == LONG_DESCRIPTION
}

/// What the reader applies itself; everything else is kept for later passes.
#[derive(Default)]
pub(crate) struct Effects {
    pub summary: Option<String>,
    pub long: Option<String>,
    pub read_only: bool,
}

impl Effects {
    /// Only unqualified annotations count: a qualifier tailors a value to one consumer
    /// (§14.3.2), so it cannot be the general description.
    pub fn of(annotations: &[Annotation]) -> Self {
        let mut effects = Self::default();
        for a in annotations.iter().filter(|a| a.qualifier.is_none()) {
            match a.term.as_str() {
                DESCRIPTION => effects.summary = a.value.as_str().map(str::to_owned),
                LONG_DESCRIPTION => effects.long = a.value.as_str().map(str::to_owned),
                COMPUTED => {
                    effects.read_only |= matches!(
                        a.value,
                        AnnotationValue::Bool(true) | AnnotationValue::Empty
                    );
                }
                // Core.Permissions is a flags enum: only `Read` alone means read-only.
                PERMISSIONS => {
                    effects.read_only |= a.value.as_str().map(str::trim) == Some(PERMISSION_READ)
                }
                _ => {}
            }
        }
        effects
    }

    pub fn apply(self, description: &mut Description, read_only: Option<&mut bool>) {
        if self.summary.is_some() {
            description.summary = self.summary;
        }
        if self.long.is_some() {
            description.long = self.long;
        }
        if let Some(flag) = read_only {
            *flag |= self.read_only;
        }
    }
}

/// Annotations worth keeping on elements that have an `annotations` list.
pub(crate) fn kept(annotations: Vec<Annotation>) -> Vec<Annotation> {
    annotations
        .into_iter()
        .filter(|a| !is_description(&a.term))
        .collect()
}
