//! The language-neutral model that every reader produces and every later pass reads.
//!
//! It says what the service's metadata says, resolved (aliases replaced by namespaces,
//! out-of-line annotations applied to their targets), and nothing about Rust: Rust names
//! are decided later, in [`crate::naming`].

mod endpoint;

use std::collections::BTreeMap;
use std::fmt;

pub use endpoint::{
    Body, BodyParameter, CallParameter, Endpoint, EndpointKind, KeyPart, Method, QueryOption,
    Response, Segment, UrlConventions,
};

/// A position in an input file, 1-based, in characters, as editors count them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// A namespace-qualified name such as `microsoft.graph.exchangeRestoreSession`.
///
/// Always written with the namespace, never with an alias: the reader resolves aliases.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QualifiedName {
    pub namespace: String,
    pub name: String,
}

impl QualifiedName {
    pub fn new(namespace: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            namespace: namespace.into(),
            name: name.into(),
        }
    }

    /// Splits `ns.a.b.Name` at its last dot. For names whose namespace is known, prefer the
    /// reader's alias-aware resolution; this is for names that are already qualified.
    pub fn parse(qualified: &str) -> Option<Self> {
        let (namespace, name) = qualified.rsplit_once('.')?;
        (!namespace.is_empty() && !name.is_empty()).then(|| Self::new(namespace, name))
    }
}

impl fmt::Display for QualifiedName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.namespace, self.name)
    }
}

/// The whole input: every schema's types, operations and containers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Model {
    /// Every schema seen, in document order.
    pub schemas: Vec<Schema>,
    /// Every type of every schema, by qualified name (sorted, so passes are deterministic).
    pub types: BTreeMap<QualifiedName, TypeDef>,
    /// Actions and functions; a name can have several overloads, so this is a list.
    pub operations: Vec<Operation>,
    /// Entity containers (a CSDL service has one; OpenAPI yields a synthetic one).
    pub containers: Vec<EntityContainer>,
    /// Out-of-line annotations whose target is a path into a container
    /// (`ns.Container/entitySet/navigation`), kept verbatim for the operations pass.
    /// Keyed by the target as written, aliases resolved.
    pub path_annotations: BTreeMap<String, Vec<Annotation>>,
    /// HTTP operations as the input lists them (OpenAPI). Empty for CSDL, whose endpoints
    /// are derived from the containers by [`crate::endpoints`].
    pub endpoints: Vec<Endpoint>,
    /// URL conventions the input fixes for itself (an OpenAPI document writes its URLs
    /// out); `None` leaves them to the caller's options (CSDL does not say).
    pub urls: Option<UrlConventions>,
    /// Names that references point at but the input does not define, with the first
    /// reference to each as written (an OpenAPI `$ref`), for the error selection reports if
    /// it needs one of them.
    pub unresolved: BTreeMap<QualifiedName, Reference>,
    /// What the reader noticed and did something about without failing: constructs it
    /// does not support yet, and what it did instead.
    pub warnings: Vec<crate::Diagnostic>,
}

impl Model {
    pub fn structured(&self, name: &QualifiedName) -> Option<&StructuredType> {
        match self.types.get(name) {
            Some(TypeDef::Structured(s)) => Some(s),
            _ => None,
        }
    }

    /// Whether a reference names an entity or complex type of the model (its values are JSON
    /// objects, read whole rather than wrapped in `{"value": ...}`).
    pub fn is_structured(&self, ty: &TypeRef) -> bool {
        matches!(&ty.name, TypeName::Named(n) if self.structured(n).is_some())
    }

    /// The chain of base types, nearest first. Stops at a missing base or a cycle (the
    /// reader rejects cycles; this guard keeps every caller terminating anyway).
    pub fn base_chain(&self, name: &QualifiedName) -> Vec<&StructuredType> {
        let mut chain: Vec<&StructuredType> = Vec::new();
        let mut next = self.structured(name).and_then(|t| t.base.as_ref());
        while let Some(base) = next {
            let Some(ty) = self.structured(base) else {
                break;
            };
            if chain.iter().any(|seen| seen.name == ty.name) || &ty.name == name {
                break;
            }
            chain.push(ty);
            next = ty.base.as_ref();
        }
        chain
    }

    /// Every structured type's derived types (direct and indirect), each list in name
    /// order. Built in one pass over the base chains, so callers need not search the model
    /// once per type (Graph v1.0 has about 3,000 structured types).
    pub fn derived_index(&self) -> BTreeMap<QualifiedName, Vec<QualifiedName>> {
        let mut index: BTreeMap<QualifiedName, Vec<QualifiedName>> = BTreeMap::new();
        for ty in self.types.values() {
            if let TypeDef::Structured(derived) = ty {
                for base in self.base_chain(&derived.name) {
                    index
                        .entry(base.name.clone())
                        .or_default()
                        .push(derived.name.clone());
                }
            }
        }
        index
    }
}

/// A reference as the input wrote it, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub written: String,
    pub pos: Pos,
    /// When the reference goes round in a `$ref` cycle rather than to nothing: the names
    /// it passes through, the first repeated at the end (`a`, `b`, `a`).
    pub cycle: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schema {
    pub namespace: String,
    pub alias: Option<String>,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeDef {
    Structured(StructuredType),
    Enum(EnumType),
    Definition(TypeDefinition),
}

impl TypeDef {
    pub fn name(&self) -> &QualifiedName {
        match self {
            TypeDef::Structured(t) => &t.name,
            TypeDef::Enum(t) => &t.name,
            TypeDef::Definition(t) => &t.name,
        }
    }

    pub fn pos(&self) -> Pos {
        match self {
            TypeDef::Structured(t) => t.pos,
            TypeDef::Enum(t) => t.pos,
            TypeDef::Definition(t) => t.pos,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StructuredKind {
    Entity,
    Complex,
}

/// An entity type or a complex type (OData CSDL §8, §9).
#[derive(Debug, Clone, PartialEq)]
pub struct StructuredType {
    pub name: QualifiedName,
    pub kind: StructuredKind,
    pub base: Option<QualifiedName>,
    pub is_abstract: bool,
    pub is_open: bool,
    /// Key property names (entity types only; a derived type inherits its base's key).
    pub key: Vec<String>,
    /// Declared properties only, in declaration order; inherited ones live on the base.
    pub properties: Vec<Property>,
    pub navigation: Vec<NavigationProperty>,
    pub description: Description,
    pub pos: Pos,
}

/// A reference to a type: `Edm.String`, `microsoft.graph.identity`, `Collection(...)` of either.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeRef {
    pub collection: bool,
    pub name: TypeName,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeName {
    /// A primitive (or abstract) type of the `Edm` namespace, without the `Edm.` prefix.
    Primitive(Primitive),
    /// A type defined by a schema.
    Named(QualifiedName),
}

/// The `Edm` types (OData CSDL §4.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Primitive {
    Binary,
    Boolean,
    Byte,
    Date,
    DateTimeOffset,
    Decimal,
    Double,
    Duration,
    Guid,
    Int16,
    Int32,
    Int64,
    SByte,
    Single,
    Stream,
    String,
    TimeOfDay,
    /// Any `Edm.Geography*` or `Edm.Geometry*` type: GeoJSON on the wire.
    Geo,
    /// `Edm.Untyped`, `Edm.PrimitiveType` and the abstract `Edm.ComplexType`/`Edm.EntityType`.
    Untyped,
}

impl Primitive {
    /// Parses the part after `Edm.`.
    pub fn from_edm(name: &str) -> Option<Self> {
        use Primitive::*;
        Some(match name {
            "Binary" => Binary,
            "Boolean" => Boolean,
            "Byte" => Byte,
            "Date" => Date,
            "DateTimeOffset" => DateTimeOffset,
            "Decimal" => Decimal,
            "Double" => Double,
            "Duration" => Duration,
            "Guid" => Guid,
            "Int16" => Int16,
            "Int32" => Int32,
            "Int64" => Int64,
            "SByte" => SByte,
            "Single" => Single,
            "Stream" => Stream,
            "String" => String,
            "TimeOfDay" => TimeOfDay,
            "Untyped" | "PrimitiveType" | "ComplexType" | "EntityType" => Untyped,
            geo if geo.starts_with("Geography") || geo.starts_with("Geometry") => Geo,
            _ => return None,
        })
    }
}

/// A structural property (OData CSDL §6).
#[derive(Debug, Clone, PartialEq)]
pub struct Property {
    /// The name on the wire.
    pub name: String,
    pub ty: TypeRef,
    /// `Nullable` as written; `None` when absent (OData's default is nullable). For a
    /// collection it applies to the items.
    pub nullable: Option<bool>,
    /// `Core.Computed`, `Core.Permissions = Read` or OpenAPI `readOnly`: never sent.
    pub read_only: bool,
    pub default_value: Option<String>,
    pub max_length: Option<String>,
    pub precision: Option<u32>,
    pub scale: Option<String>,
    pub description: Description,
    pub pos: Pos,
}

impl Property {
    /// OData's default: a property may be null unless it says `Nullable="false"`.
    pub fn is_nullable(&self) -> bool {
        self.nullable.unwrap_or(true)
    }
}

/// A navigation property (OData CSDL §7).
#[derive(Debug, Clone, PartialEq)]
pub struct NavigationProperty {
    pub name: String,
    pub ty: TypeRef,
    pub nullable: Option<bool>,
    pub contains_target: bool,
    pub partner: Option<String>,
    pub read_only: bool,
    pub description: Description,
    /// Annotations kept for the operations pass (`Capabilities.*`, `Core.Links`, ...).
    pub annotations: Vec<Annotation>,
    pub pos: Pos,
}

/// An enumeration type (OData CSDL §10).
#[derive(Debug, Clone, PartialEq)]
pub struct EnumType {
    pub name: QualifiedName,
    pub underlying: Primitive,
    pub is_flags: bool,
    /// Members in declaration order.
    pub members: Vec<EnumMember>,
    pub description: Description,
    pub pos: Pos,
}

/// Graph's name for the member that marks where evolvable members begin.
pub const UNKNOWN_FUTURE_VALUE: &str = "unknownFutureValue";

impl EnumType {
    /// Index of the `unknownFutureValue` sentinel, if the enum has one.
    pub fn sentinel(&self) -> Option<usize> {
        self.members
            .iter()
            .position(|m| m.name == UNKNOWN_FUTURE_VALUE)
    }

    /// Members declared after the sentinel: Graph sends them only to clients that ask with
    /// `Prefer: include-unknown-enum-members`, and sends `unknownFutureValue` otherwise.
    pub fn evolvable_members(&self) -> &[EnumMember] {
        match self.sentinel() {
            Some(i) => &self.members[i + 1..],
            None => &[],
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumMember {
    pub name: String,
    /// The value as written, or the implicit one (previous + 1, from 0) when omitted.
    pub value: i64,
    pub description: Description,
    pub pos: Pos,
}

/// A type definition: a named alias of a primitive type (OData CSDL §11).
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDefinition {
    pub name: QualifiedName,
    pub underlying: Primitive,
    pub description: Description,
    pub pos: Pos,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperationKind {
    Action,
    Function,
}

/// An action or function (OData CSDL §12).
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    pub name: QualifiedName,
    pub kind: OperationKind,
    pub is_bound: bool,
    pub is_composable: bool,
    /// For a bound operation the first parameter is the binding parameter.
    pub parameters: Vec<Parameter>,
    pub return_type: Option<ReturnType>,
    pub entity_set_path: Option<String>,
    pub description: Description,
    pub annotations: Vec<Annotation>,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    pub name: String,
    pub ty: TypeRef,
    pub nullable: Option<bool>,
    /// `Core.OptionalParameter`: callers may leave it out.
    pub optional: bool,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReturnType {
    pub ty: TypeRef,
    pub nullable: Option<bool>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EntityContainer {
    pub name: QualifiedName,
    pub entity_sets: Vec<EntitySet>,
    pub singletons: Vec<Singleton>,
    pub action_imports: Vec<OperationImport>,
    pub function_imports: Vec<OperationImport>,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EntitySet {
    pub name: String,
    pub entity_type: QualifiedName,
    pub bindings: Vec<NavigationPropertyBinding>,
    pub description: Description,
    pub annotations: Vec<Annotation>,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Singleton {
    pub name: String,
    pub ty: QualifiedName,
    pub bindings: Vec<NavigationPropertyBinding>,
    pub description: Description,
    pub annotations: Vec<Annotation>,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavigationPropertyBinding {
    pub path: String,
    pub target: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OperationImport {
    pub name: String,
    pub operation: QualifiedName,
    pub entity_set: Option<String>,
    pub pos: Pos,
}

/// `Core.Description` and `Core.LongDescription`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Description {
    pub summary: Option<String>,
    pub long: Option<String>,
}

impl Description {
    pub fn is_empty(&self) -> bool {
        self.summary.is_none() && self.long.is_none()
    }
}

/// An annotation kept for later passes: its term (qualified, aliases resolved, e.g.
/// `Org.OData.Capabilities.V1.InsertRestrictions`), optional qualifier, and value.
#[derive(Debug, Clone, PartialEq)]
pub struct Annotation {
    pub term: String,
    pub qualifier: Option<String>,
    pub value: AnnotationValue,
}

/// A constant or structured annotation expression (OData CSDL §14.4), enough for the
/// vocabularies we read. Dynamic expressions are kept as their path or as `Other`.
#[derive(Debug, Clone, PartialEq)]
pub enum AnnotationValue {
    Bool(bool),
    Int(i64),
    String(String),
    /// `EnumMember`, `Path`, `NavigationPropertyPath`, ..., `Float`, `Date`: the text as written.
    Text(String),
    Record(Vec<(String, AnnotationValue)>),
    Collection(Vec<AnnotationValue>),
    /// No value (a tag term such as `Core.Computed` means `true`).
    Empty,
}

impl AnnotationValue {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            AnnotationValue::String(s) | AnnotationValue::Text(s) => Some(s),
            _ => None,
        }
    }

    /// A record's property by name.
    pub fn field(&self, name: &str) -> Option<&AnnotationValue> {
        match self {
            AnnotationValue::Record(fields) => {
                fields.iter().find(|(n, _)| n == name).map(|(_, v)| v)
            }
            _ => None,
        }
    }
}
