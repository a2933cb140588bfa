//! Endpoints: the HTTP operations of a service, each a method on a path template.
//!
//! A CSDL reader does not write these; [`crate::endpoints`] derives them from the entity
//! container by OData URL conventions. An OpenAPI document lists them directly.

use super::{Description, QualifiedName, TypeRef};

/// One HTTP operation (docs/design.md §2): method, path, what goes in and what comes back.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    pub method: Method,
    pub path: Vec<Segment>,
    pub kind: EndpointKind,
    /// The query options the service allows here (after `Capabilities` restrictions).
    pub query: Vec<QueryOption>,
    pub body: Body,
    pub response: Response,
    pub description: Description,
    /// The documentation page (`Core.Links`, OpenAPI `externalDocs`), if the metadata names one.
    pub docs: Option<String>,
    /// The OpenAPI `operationId`, quoted in docs so a search for it finds the function.
    /// CSDL has none; function names come from the path either way.
    pub operation_id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// What an endpoint does to the resource its path names; decides its function's name and
/// which options it takes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EndpointKind {
    List,
    Create,
    Count,
    Get,
    Update,
    Delete,
    /// A bound or imported action or function, by its qualified name.
    Action(QualifiedName),
    Function(QualifiedName),
}

/// One segment of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// An entity set, singleton, navigation property or action name, or `$count`.
    Static(String),
    /// The key of one entity of the collection before it.
    Key(Vec<KeyPart>),
    /// A function call: `name(p1=...,p2=...)`; `name` is as it appears in the URL.
    Call {
        name: String,
        parameters: Vec<CallParameter>,
    },
}

/// One property of a key, and the path parameter that supplies it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyPart {
    /// The key property's name (used in `(a=1,b=2)`).
    pub property: String,
    /// The path parameter's name, unique within the path (`exchangeRestoreSession-id`).
    pub parameter: String,
    pub ty: TypeRef,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallParameter {
    pub name: String,
    pub ty: TypeRef,
    pub nullable: bool,
}

/// The OData system query options (OData URL Conventions §5.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum QueryOption {
    Select,
    Expand,
    Filter,
    Search,
    OrderBy,
    Top,
    Skip,
    Count,
}

impl QueryOption {
    pub const ALL: [QueryOption; 8] = [
        QueryOption::Select,
        QueryOption::Expand,
        QueryOption::Filter,
        QueryOption::Search,
        QueryOption::OrderBy,
        QueryOption::Top,
        QueryOption::Skip,
        QueryOption::Count,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            QueryOption::Select => "$select",
            QueryOption::Expand => "$expand",
            QueryOption::Filter => "$filter",
            QueryOption::Search => "$search",
            QueryOption::OrderBy => "$orderby",
            QueryOption::Top => "$top",
            QueryOption::Skip => "$skip",
            QueryOption::Count => "$count",
        }
    }
}

/// What a request sends.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    None,
    /// A JSON value of this type (an entity to create or the changes of an update).
    Value(TypeRef),
    /// An action's parameters, as one JSON object.
    Parameters(Vec<BodyParameter>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct BodyParameter {
    pub name: String,
    pub ty: TypeRef,
    pub nullable: bool,
    /// `Core.OptionalParameter`: the parameter may be left out.
    pub optional: bool,
}

/// What a successful response holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    /// Nothing (`204 No Content`).
    None,
    /// One value: a structured value as the whole body; a primitive or enum wrapped in
    /// `{"value": ...}` (OData JSON Format §5).
    Single(TypeRef),
    /// A value, or nothing when the service answers `204` (an update may do either).
    Optional(TypeRef),
    /// A page of a collection: `{"value": [...], "@odata.nextLink": ...}`.
    Collection(TypeRef),
    /// A bare integer in `text/plain` (`/$count`).
    Count,
}

impl Response {
    /// The type the response holds, if any.
    pub fn ty(&self) -> Option<&TypeRef> {
        match self {
            Response::Single(t) | Response::Optional(t) | Response::Collection(t) => Some(t),
            Response::None | Response::Count => None,
        }
    }
}

/// How keys appear in URLs: OData's default `/People('x')` or Graph's `/people/x`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct UrlConventions {
    /// OData URL Conventions §4.3.6: keys as path segments.
    pub key_as_segment: bool,
    /// Operations called without their namespace (`/activate`, not
    /// `/microsoft.graph.activate`), as services with a default namespace allow.
    pub unqualified_operations: bool,
}

impl Endpoint {
    /// An endpoint with nothing in, nothing out and no description, to fill in.
    pub fn new(path: &[Segment], method: Method, kind: EndpointKind) -> Self {
        Self {
            method,
            path: path.to_vec(),
            kind,
            query: Vec::new(),
            body: Body::None,
            response: Response::None,
            description: Description::default(),
            docs: None,
            operation_id: None,
        }
    }

    /// The path template with parameters as `{name}`, e.g.
    /// `/solutions/backupRestore/restoreSessions/{restoreSessionBase-id}/activate`.
    pub fn template(&self, urls: UrlConventions) -> String {
        Self::path_template(&self.path, urls)
    }

    /// [`Endpoint::template`] of any path, such as the prefix a request module covers.
    pub fn path_template(path: &[Segment], urls: UrlConventions) -> String {
        // Pushed piece by piece rather than with `format!`: every endpoint's template is
        // built while deriving (to drop duplicates) and again for its docs.
        let mut out = String::with_capacity(64);
        let pair = |out: &mut String, name: &str, parameter: &str| {
            out.push_str(name);
            out.push_str("={");
            out.push_str(parameter);
            out.push('}');
        };
        for segment in path {
            match segment {
                Segment::Static(s) => {
                    out.push('/');
                    out.push_str(s);
                }
                // OData URL Conventions §4.3.6: key-as-segment is for single-part keys.
                Segment::Key(parts) if urls.key_as_segment && parts.len() == 1 => {
                    for part in parts {
                        out.push_str("/{");
                        out.push_str(&part.parameter);
                        out.push('}');
                    }
                }
                Segment::Key(parts) => {
                    out.push('(');
                    if let [single] = parts.as_slice() {
                        out.push('{');
                        out.push_str(&single.parameter);
                        out.push('}');
                    } else {
                        for (i, p) in parts.iter().enumerate() {
                            if i > 0 {
                                out.push(',');
                            }
                            pair(&mut out, &p.property, &p.parameter);
                        }
                    }
                    out.push(')');
                }
                Segment::Call { name, parameters } => {
                    out.push('/');
                    out.push_str(name);
                    out.push('(');
                    for (i, p) in parameters.iter().enumerate() {
                        if i > 0 {
                            out.push(',');
                        }
                        pair(&mut out, &p.name, &p.name);
                    }
                    out.push(')');
                }
            }
        }
        if out.is_empty() {
            out.push('/');
        }
        out
    }
}
