//! Reads OData CSDL XML (OASIS OData v4.01 CSDL XML) into the IR.
//!
//! The reader resolves what the document itself defines (aliases, out-of-line annotation
//! targets, base-type cycles) and leaves cross-document questions — is this referenced type
//! defined anywhere? — to later passes, because a snippet of a larger service is valid input.

mod annotations;
mod operations;
mod source;
mod targets;
mod types;

use std::collections::BTreeMap;

use roxmltree::{Document, Node};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{Model, Pos, Primitive, QualifiedName, Schema, TypeDef, TypeName, TypeRef};
use crate::source::{decode, saturate};
use source::parse_error_pos;

/// CSDL XML §3.1: the `edmx:Edmx` root and `edmx:Reference`/`edmx:DataServices` live here.
pub(crate) const EDMX: &str = "http://docs.oasis-open.org/odata/ns/edmx";
/// CSDL XML §3.1: every model element (4.0 and 4.01 share this namespace).
pub(crate) const EDM: &str = "http://docs.oasis-open.org/odata/ns/edm";

/// Reads one CSDL XML document.
pub fn read(name: &str, bytes: &[u8]) -> Result<Model, Diagnostics> {
    // CSDL XML §3: documents are XML; we accept UTF-8 only, which is what every OData
    // service we know of serves.
    let text = decode(name, bytes, "a CSDL XML document")?;
    // Default options on purpose: DTDs are rejected, so entity-expansion bombs cannot run.
    let doc = Document::parse(text).map_err(|e| {
        Diagnostic::error(
            name,
            parse_error_pos(text, &e),
            format!("malformed XML: {e}"),
        )
    })?;
    let root = doc.root_element();
    if !is_in(root, EDMX, "Edmx") {
        let found = match root.tag_name().namespace() {
            Some(ns) => format!("`{}` in namespace `{ns}`", root.tag_name().name()),
            None => format!("`{}` without a namespace", root.tag_name().name()),
        };
        return Err(Diagnostic::error(
            name,
            Some(node_pos(&doc, root)),
            format!("expected root element `edmx:Edmx` in namespace `{EDMX}`, found {found}"),
        )
        .into());
    }
    let mut ctx = Ctx::new(name, &doc);
    let model = ctx.read_edmx(root);
    if ctx.diags.is_empty() {
        Ok(model)
    } else {
        Err(Diagnostics(ctx.diags))
    }
}

pub(crate) fn node_pos(doc: &Document<'_>, node: Node<'_, '_>) -> Pos {
    let p = doc.text_pos_at(node.range().start);
    Pos {
        line: p.row,
        col: p.col,
    }
}

pub(crate) fn is_in(node: Node<'_, '_>, namespace: &str, local: &str) -> bool {
    node.is_element()
        && node.tag_name().namespace() == Some(namespace)
        && node.tag_name().name() == local
}

pub(crate) fn is_edm(node: Node<'_, '_>, local: &str) -> bool {
    is_in(node, EDM, local)
}

/// Element children in the EDM namespace; elements of other namespaces are extensions
/// (CSDL XML §3.1 allows foreign elements) and are skipped.
pub(crate) fn edm_children<'a, 'i>(node: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children()
        .filter(|c| c.is_element() && c.tag_name().namespace() == Some(EDM))
}

/// Reading state: the document, the alias table and the diagnostics found so far.
pub(crate) struct Ctx<'a, 'i> {
    pub name: &'a str,
    pub doc: &'a Document<'i>,
    /// Alias → namespace, from `edmx:Include` and `Schema` (CSDL §3.3, §5.1); an alias is
    /// scoped to its document, so one table serves the whole read.
    aliases: BTreeMap<String, String>,
    /// Byte offset of each line's start: `Document::text_pos_at` rescans the text from the
    /// beginning on every call, which is quadratic on a 3.5 MB service document.
    line_starts: Vec<usize>,
    pub diags: Vec<Diagnostic>,
}

impl<'a, 'i> Ctx<'a, 'i> {
    fn new(name: &'a str, doc: &'a Document<'i>) -> Self {
        let text = doc.input_text();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect::<Vec<usize>>();
        Self {
            name,
            doc,
            aliases: BTreeMap::new(),
            line_starts,
            diags: Vec::new(),
        }
    }

    /// 1-based line and column (in characters, as roxmltree and editors count) of a byte offset.
    fn pos_at(&self, offset: usize) -> Pos {
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = line
            .checked_sub(1)
            .and_then(|i| self.line_starts.get(i))
            .copied()
            .unwrap_or(0);
        let col = self
            .doc
            .input_text()
            .get(start..offset)
            .map_or(0, |s| s.chars().count())
            + 1;
        Pos {
            line: saturate(line),
            col: saturate(col),
        }
    }

    pub fn pos(&self, node: Node<'_, '_>) -> Pos {
        self.pos_at(node.range().start)
    }

    /// Position of an attribute's value when it exists, else of its element.
    pub fn attr_pos(&self, node: Node<'_, '_>, attr: &str) -> Pos {
        match node.attribute_node(attr) {
            Some(a) => self.pos_at(a.range_value().start),
            None => self.pos(node),
        }
    }

    pub fn error(&mut self, pos: Pos, message: impl Into<String>) {
        self.diags
            .push(Diagnostic::error(self.name, Some(pos), message));
    }

    /// The `Name` attribute every named CSDL element requires.
    pub fn required_name(&mut self, node: Node<'_, '_>) -> Option<String> {
        self.required_attr(node, "Name")
    }

    pub fn required_attr(&mut self, node: Node<'_, '_>, attr: &str) -> Option<String> {
        let value = node.attribute(attr).filter(|v| !v.trim().is_empty());
        if value.is_none() {
            let pos = self.pos(node);
            let what = if node.has_attribute(attr) {
                "an empty"
            } else {
                "no"
            };
            self.error(
                pos,
                format!(
                    "`{}` element has {what} `{attr}` attribute",
                    node.tag_name().name()
                ),
            );
        }
        value.map(str::to_owned)
    }

    /// CSDL XML uses xs:boolean, whose lexical space is `true`, `false`, `1`, `0`.
    pub fn bool_attr(&mut self, node: Node<'_, '_>, attr: &str) -> Option<bool> {
        let value = node.attribute(attr)?;
        match value.trim() {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            other => {
                let pos = self.attr_pos(node, attr);
                self.error(pos, format!("invalid boolean `{other}` for attribute `{attr}` (expected `true` or `false`)"));
                None
            }
        }
    }

    pub fn flag(&mut self, node: Node<'_, '_>, attr: &str) -> bool {
        self.bool_attr(node, attr).unwrap_or(false)
    }

    /// A qualified name with its alias replaced (CSDL §5.1.1: an alias may stand in for the
    /// namespace anywhere a qualified name is written). Names are SimpleIdentifiers, so the
    /// namespace or alias is everything before the last dot. Unknown namespaces are kept.
    pub fn qualified(&self, written: &str) -> Option<QualifiedName> {
        // Split and resolve before allocating: every type reference of the document comes
        // through here, and the namespace is copied once, from wherever it resolves to.
        let (namespace, name) = written.trim().rsplit_once('.')?;
        if namespace.is_empty() || name.is_empty() {
            return None;
        }
        let namespace = self
            .aliases
            .get(namespace)
            .map_or(namespace, String::as_str);
        Some(QualifiedName::new(namespace, name))
    }

    /// A term name with its alias resolved; terms of unknown vocabularies stay as written.
    pub fn term(&self, written: &str) -> String {
        let written = written.trim();
        match written.rsplit_once('.') {
            // As written unless the namespace part is an alias: one copy, no formatting.
            Some((namespace, name)) if !namespace.is_empty() && !name.is_empty() => {
                match self.aliases.get(namespace) {
                    Some(ns) => format!("{ns}.{name}"),
                    None => written.to_owned(),
                }
            }
            _ => written.to_owned(),
        }
    }

    /// An enumeration member value `Alias.Type/Member` (several, space-separated, for flags;
    /// CSDL §14.4.6) with aliases resolved.
    pub fn enum_member_text(&self, written: &str) -> String {
        let members: Vec<String> = written
            .split_whitespace()
            .map(|m| match m.split_once('/') {
                Some((ty, member)) => match self.qualified(ty) {
                    Some(q) => format!("{q}/{member}"),
                    None => m.to_owned(),
                },
                None => m.to_owned(),
            })
            .collect();
        members.join(" ")
    }

    /// Parses `Collection(T)` / `Edm.X` / `ns.T` without reporting; `Err` carries the reason.
    pub fn parse_type(&self, written: &str) -> Result<TypeRef, String> {
        let written = written.trim();
        let (collection, inner) = match written
            .strip_prefix("Collection(")
            .and_then(|s| s.strip_suffix(')'))
        {
            Some(inner) => (true, inner.trim()),
            None => (false, written),
        };
        if let Some(edm) = inner.strip_prefix("Edm.") {
            return match Primitive::from_edm(edm) {
                Some(p) => Ok(TypeRef {
                    collection,
                    name: TypeName::Primitive(p),
                }),
                None => Err(format!("unknown primitive type `{inner}`")),
            };
        }
        match self.qualified(inner) {
            Some(q) if !q.name.contains(['(', ')']) => Ok(TypeRef {
                collection,
                name: TypeName::Named(q),
            }),
            _ => Err(format!(
                "invalid type name `{written}` (expected a qualified name)"
            )),
        }
    }

    /// A required type attribute (`Type`, `UnderlyingType`, ...), reported at its value.
    pub fn type_attr(&mut self, node: Node<'_, '_>, attr: &str) -> Option<TypeRef> {
        let written = self.required_attr(node, attr)?;
        match self.parse_type(&written) {
            Ok(t) => Some(t),
            Err(msg) => {
                let pos = self.attr_pos(node, attr);
                self.error(pos, msg);
                None
            }
        }
    }

    fn read_edmx(&mut self, root: Node<'_, '_>) -> Model {
        let data_services: Vec<Node<'_, '_>> = root
            .children()
            .filter(|c| is_in(*c, EDMX, "DataServices"))
            .collect();
        let schemas: Vec<Node<'_, '_>> = data_services
            .iter()
            .flat_map(|d| d.children().filter(|c| is_edm(*c, "Schema")))
            .collect();

        // Aliases first: a type may be referenced (by alias) before its schema is read.
        for reference in root.children().filter(|c| is_in(*c, EDMX, "Reference")) {
            for include in reference.children().filter(|c| is_in(*c, EDMX, "Include")) {
                if let (Some(ns), Some(alias)) =
                    (include.attribute("Namespace"), include.attribute("Alias"))
                {
                    self.aliases.insert(alias.to_owned(), ns.to_owned());
                }
            }
        }
        for schema in &schemas {
            if let (Some(ns), Some(alias)) =
                (schema.attribute("Namespace"), schema.attribute("Alias"))
            {
                self.aliases.insert(alias.to_owned(), ns.to_owned());
            }
        }

        let mut model = Model::default();
        let mut out_of_line = Vec::new();
        for schema in schemas {
            let Some(namespace) = self.required_attr(schema, "Namespace") else {
                continue;
            };
            let alias = schema.attribute("Alias").map(str::to_owned);
            model.schemas.push(Schema {
                namespace: namespace.clone(),
                alias,
                pos: self.pos(schema),
            });
            for child in edm_children(schema) {
                let ty = match child.tag_name().name() {
                    "EntityType" => types::read_structured(self, child, &namespace, true),
                    "ComplexType" => types::read_structured(self, child, &namespace, false),
                    "EnumType" => types::read_enum(self, child, &namespace),
                    "TypeDefinition" => types::read_type_definition(self, child, &namespace),
                    _ => None,
                };
                if ty.is_some() {
                    self.add_type(&mut model, ty);
                    continue;
                }
                match child.tag_name().name() {
                    "Action" | "Function" => {
                        if let Some(op) = operations::read_operation(self, child, &namespace) {
                            model.operations.push(op);
                        }
                    }
                    "EntityContainer" => {
                        if let Some(c) = operations::read_container(self, child, &namespace) {
                            model.containers.push(c);
                        }
                    }
                    "Annotations" => out_of_line.push(child),
                    // Term, and anything newer than 4.01: not needed to generate a client.
                    _ => {}
                }
            }
        }
        types::check_inheritance(self, &model);
        operations::check_references(self, &model);
        for node in out_of_line {
            targets::apply_annotations(self, &mut model, node);
        }
        model
    }

    /// CSDL §5.2: names of a schema's children are unique; across schemas the qualified
    /// names must be, too. Both places are reported so the user can pick one.
    fn add_type(&mut self, model: &mut Model, ty: Option<TypeDef>) {
        let Some(ty) = ty else { return };
        if let Some(existing) = model.types.get(ty.name()) {
            let msg = format!(
                "duplicate type `{}`: also defined at {}",
                ty.name(),
                existing.pos()
            );
            self.error(ty.pos(), msg);
            return;
        }
        model.types.insert(ty.name().clone(), ty);
    }
}
