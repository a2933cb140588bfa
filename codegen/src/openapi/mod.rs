//! Reads OpenAPI 3.0.x documents (YAML or JSON) into the same IR as the CSDL reader.
//!
//! serde_norway or serde_json parse the text into openapiv3's object model; `locate` finds
//! line:col for the JSON pointers the reader reports. Schemas become types (`schemas`,
//! `structured`), paths become endpoints (`paths`). What OpenAPI cannot say but the IR
//! wants (entity or complex, keys, containment) is inferred from the paths (`entities`), the
//! way Microsoft's CSDL→OpenAPI converter writes them; constructs the IR cannot hold yet are
//! reported as warnings with what the reader did instead, never silently dropped.

mod entities;
mod keys;
mod locate;
mod paths;
mod schemas;
mod shape;
mod structured;

use indexmap::IndexMap;
use openapiv3::{Components, OpenAPI, ReferenceOr};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{Model, Pos, QualifiedName, Schema};
use crate::source::decode;
use locate::Locator;
use shape::SchemaRef;

pub(crate) use locate::child as pointer_child;

/// How many `$ref` hops a chain may take before it is called a cycle.
const MAX_REF_HOPS: usize = 32;

const SCHEMAS: &str = "#/components/schemas/";

/// Reads one OpenAPI 3.0.x document.
pub fn read(name: &str, bytes: &[u8]) -> Result<Model, Diagnostics> {
    let text = decode(name, bytes, "an OpenAPI 3.0 document (YAML or JSON)")?;
    let at = Locator::new(text);
    // serde_norway's scanner revisits every open flow level on each token, so 100,000
    // nested `[` take minutes to reach its recursion limit; the event parser stops at 255
    // levels at once. (serde_json is linear: JSON goes straight to it.)
    if let (false, Some(pos)) = (is_json(text), at.too_deep) {
        let message = "not an OpenAPI 3.0 YAML document: recursion limit exceeded";
        return Err(Diagnostic::error(name, Some(pos), message).into());
    }
    let doc = parse(name, text)?;
    if !doc.openapi.starts_with("3.0.") {
        return Err(unsupported(name, &at, "openapi", &doc.openapi).into());
    }
    let mut reader = Reader::new(name, &doc, at);
    reader.schemas();
    reader.paths();
    reader.infer_entities();
    reader.finish()
}

fn unsupported(name: &str, at: &Locator, field: &str, version: &str) -> Diagnostic {
    let what = match field {
        "swagger" => format!("Swagger {version} (OpenAPI 2)"),
        _ => format!("OpenAPI {version}"),
    };
    Diagnostic::error(
        name,
        at.pos(&format!("/{field}")),
        format!("{what} is not supported: this reader implements OpenAPI 3.0.x"),
    )
}

/// When a document does not parse as OpenAPI 3.0, its version usually says why: Swagger 2.0
/// has no `openapi` field and OpenAPI 3.1 allows what 3.0 does not (`type: [string,
/// 'null']`), so serde's first complaint would hide the real reason. Read on failure only.
fn unsupported_version(name: &str, text: &str, json: bool) -> Option<Diagnostic> {
    #[derive(serde::Deserialize)]
    struct Version {
        openapi: Option<serde_json::Value>,
        swagger: Option<serde_json::Value>,
    }
    let found: Version = if json {
        serde_json::from_str(text).ok()?
    } else {
        serde_norway::from_str(text).ok()?
    };
    let (field, version) = match (found.swagger, found.openapi) {
        (Some(v), _) => ("swagger", v),
        (None, Some(v)) => ("openapi", v),
        // Some other JSON or YAML (an OData JSON payload where `$metadata` was meant): serde's
        // "missing field" points at the document's end; the mapping that lacks it starts
        // where the document does.
        (None, None) => {
            let what = if json { "JSON" } else { "YAML" };
            let message = format!(
                "not an OpenAPI 3.0 document: this {what} has no `openapi` field (and CSDL XML would start with `<`)"
            );
            return Some(Diagnostic::error(name, Locator::new(text).pos(""), message));
        }
    };
    // `swagger: 2.0` unquoted is a YAML number.
    let version = match version {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    };
    if field == "openapi" && version.starts_with("3.0.") {
        return None;
    }
    Some(unsupported(name, &Locator::new(text), field, &version))
}

/// JSON documents open with `{`; anything else is read as YAML.
fn is_json(text: &str) -> bool {
    text.trim_start().starts_with('{')
}

fn parse(name: &str, text: &str) -> Result<OpenAPI, Diagnostics> {
    let json = is_json(text);
    // A key written twice made openapiv3 panic; see `keys`.
    let parsed = from_text::<keys::Scan>(text, json).and_then(|_| from_text(text, json));
    parsed.map_err(|(pos, message)| {
        unsupported_version(name, text, json)
            .unwrap_or_else(|| Diagnostic::error(name, pos, message))
            .into()
    })
}

/// The text as a `T`, or serde's message and where it points.
fn from_text<T: serde::de::DeserializeOwned>(
    text: &str,
    json: bool,
) -> Result<T, (Option<Pos>, String)> {
    if json {
        serde_json::from_str(text).map_err(|e| {
            let pos = Pos {
                line: crate::source::saturate(e.line()),
                col: crate::source::saturate(e.column()),
            };
            (Some(pos), format!("not an OpenAPI 3.0 JSON document: {e}"))
        })
    } else {
        serde_norway::from_str(text).map_err(|e| {
            let pos = e.location().map(|l| Pos {
                line: crate::source::saturate(l.line()),
                col: crate::source::saturate(l.column()),
            });
            (pos, format!("not an OpenAPI 3.0 YAML document: {e}"))
        })
    }
}

/// The reader's state: the document, where things are in it, and the model being built.
struct Reader<'d> {
    file: &'d str,
    doc: &'d OpenAPI,
    at: Locator,
    components: Option<&'d Components>,
    /// The namespace of schema names without a dot (`Pet`): OpenAPI has none, the IR
    /// wants one, so the document's title stands in.
    namespace: String,
    model: Model,
    errors: Vec<Diagnostic>,
    /// Types that navigation properties point at.
    navigation_targets: Vec<QualifiedName>,
}

impl<'d> Reader<'d> {
    fn new(file: &'d str, doc: &'d OpenAPI, at: Locator) -> Self {
        let title: String = doc
            .info
            .title
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        let namespace = if title.starts_with(|c: char| c.is_ascii_alphabetic()) {
            title
        } else {
            "api".to_owned()
        };
        Self {
            file,
            doc,
            at,
            components: doc.components.as_ref(),
            namespace,
            model: Model::default(),
            errors: Vec::new(),
            navigation_targets: Vec::new(),
        }
    }

    fn finish(mut self) -> Result<Model, Diagnostics> {
        if !self.errors.is_empty() {
            return Err(Diagnostics(self.errors));
        }
        let mut namespaces: Vec<&str> = self
            .model
            .types
            .keys()
            .map(|n| n.namespace.as_str())
            .collect();
        namespaces.dedup();
        let pos = self.pos("/components/schemas");
        self.model.schemas = namespaces
            .into_iter()
            .map(|namespace| Schema {
                namespace: namespace.to_owned(),
                alias: None,
                pos,
            })
            .collect();
        Ok(self.model)
    }

    fn pos(&self, pointer: &str) -> Pos {
        self.at.pos(pointer).unwrap_or_default()
    }

    fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        let pos = self.at.pos(pointer);
        self.model
            .warnings
            .push(Diagnostic::warning(self.file, pos, message));
    }

    fn error(&mut self, pointer: &str, message: impl Into<String>) {
        let pos = self.at.pos(pointer);
        self.errors.push(Diagnostic::error(self.file, pos, message));
    }

    /// `microsoft.graph.user` splits at its last dot; `Pet` joins the document's namespace.
    fn qualified(&self, schema_name: &str) -> QualifiedName {
        QualifiedName::parse(schema_name)
            .unwrap_or_else(|| QualifiedName::new(self.namespace.clone(), schema_name))
    }

    /// The named schema a `$ref` points at, following `$ref`-only schemas, with its name.
    fn schema_ref(&self, reference: &str) -> Option<(&'d str, &'d openapiv3::Schema)> {
        let schemas = &self.components?.schemas;
        let mut reference = reference;
        for _ in 0..MAX_REF_HOPS {
            let name = component_name(reference, SCHEMAS)?;
            let (name, found) = schemas.get_key_value(name.as_str())?;
            match found {
                ReferenceOr::Item(schema) => return Some((name, schema)),
                ReferenceOr::Reference { reference: next } => reference = next,
            }
        }
        None
    }

    /// The component names a schema `$ref` chain passes through when it comes back to one
    /// of them (`a`, `b`, `a`), or nothing when it ends (at a schema, or at nothing).
    fn ref_cycle(&self, reference: &str) -> Vec<String> {
        let Some(components) = self.components else {
            return Vec::new();
        };
        // As far as `schema_ref` follows a chain: a hostile one may be as long as the
        // document, and this runs for every reference that did not resolve.
        let mut path: Vec<String> = Vec::new();
        let mut reference = reference;
        while let Some(name) = component_name(reference, SCHEMAS) {
            if path.len() > MAX_REF_HOPS {
                break;
            }
            let repeated = path.contains(&name);
            let next = components.schemas.get(name.as_str());
            path.push(name);
            if repeated {
                return path;
            }
            match next {
                Some(ReferenceOr::Reference { reference: next }) => reference = next,
                _ => break,
            }
        }
        Vec::new()
    }

    /// Follows a `$ref` into one `components` section, reporting a reference that does not
    /// resolve (or loops) at `pointer`.
    fn resolve<T>(
        &mut self,
        item: &'d ReferenceOr<T>,
        section: fn(&'d Components) -> &'d IndexMap<String, ReferenceOr<T>>,
        prefix: &str,
        pointer: &str,
    ) -> Option<&'d T> {
        let mut item = item;
        for _ in 0..MAX_REF_HOPS {
            let reference = match item {
                ReferenceOr::Item(t) => return Some(t),
                ReferenceOr::Reference { reference } => reference,
            };
            let found = component_name(reference, prefix)
                .and_then(|name| self.components.map(section)?.get(name.as_str()));
            match found {
                Some(next) => item = next,
                None => {
                    self.error(
                        pointer,
                        format!(
                            "`$ref: '{reference}'` at `#{pointer}` does not resolve to an item of `{prefix}`"
                        ),
                    );
                    return None;
                }
            }
        }
        self.error(pointer, format!("`$ref` chain at `#{pointer}` loops"));
        None
    }
}

/// The name in `#/components/{section}/{name}`, unescaped (RFC 6901 and the URI
/// fragment's percent-encoding), or `None` for any other reference.
fn component_name(reference: &str, prefix: &str) -> Option<String> {
    let token = reference.strip_prefix(prefix)?;
    if token.contains('/') {
        return None;
    }
    let decoded = percent_decode(token)?;
    Some(decoded.replace("~1", "/").replace("~0", "~"))
}

fn percent_decode(s: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(s.len());
    let mut rest = s.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        if b == b'%' {
            let hex = tail.get(..2)?;
            let hex = std::str::from_utf8(hex).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            rest = tail.get(2..)?;
        } else {
            bytes.push(b);
            rest = tail;
        }
    }
    String::from_utf8(bytes).ok()
}

/// `x-...` extension values as the reader wants them.
fn extension<'a>(
    extensions: &'a IndexMap<String, serde_json::Value>,
    name: &str,
) -> Option<&'a serde_json::Value> {
    extensions.get(name)
}

fn is_true(extensions: &IndexMap<String, serde_json::Value>, name: &str) -> bool {
    extension(extensions, name).and_then(serde_json::Value::as_bool) == Some(true)
}

/// `description` as the IR's summary; the OpenAPI has no second level for types.
fn describe(text: Option<&String>) -> crate::ir::Description {
    crate::ir::Description {
        summary: text.filter(|t| !t.trim().is_empty()).cloned(),
        long: None,
    }
}

impl<'d> Reader<'d> {
    /// The schema a reference or inline schema stands for, with the name it has when it is
    /// a component.
    fn deref(&self, schema: SchemaRef<'d>) -> Option<(Option<&'d str>, &'d openapiv3::Schema)> {
        match schema {
            SchemaRef::Item(s) => Some((None, s)),
            SchemaRef::Ref(r) => self.schema_ref(r).map(|(n, s)| (Some(n), s)),
        }
    }
}
