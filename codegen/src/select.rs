//! The closure of the requested roots: what gets generated.
//!
//! Structure is followed without limit (base types, property types), because a model
//! cannot be written without them. Navigation is followed up to a depth, because in
//! Graph nearly every entity reaches every other through navigation properties
//! (docs/design.md §2); a navigation property whose target is not selected stays raw JSON.
//! A value declared as type `T` may be any type derived from `T`, so derived types join
//! the closure wherever `T` is the declared type of a value, but not where `T` is only
//! somebody's base type (or every entity would pull in every other through `entity`).
//!
//! Endpoints are chosen by path prefix; the types their bodies, responses and parameters
//! name are roots like the configured ones.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{
    Body, Endpoint, Model, Pos, QualifiedName, Segment, StructuredKind, StructuredType, TypeDef,
    TypeName, TypeRef, UrlConventions,
};

/// What the user asked for.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub roots: &'a [QualifiedName],
    /// Path prefixes of the endpoints to generate.
    pub paths: &'a [String],
    pub navigation_depth: usize,
    /// How templates are written, so prefixes match what the user sees in listings.
    pub urls: UrlConventions,
}

/// The types and endpoints to generate, and what was noticed while choosing them.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub types: BTreeSet<QualifiedName>,
    /// In the order they were derived (container order), which the output follows.
    pub endpoints: Vec<Endpoint>,
    /// Navigation properties of selected types whose target is not selected (kept as JSON).
    pub raw_navigation: usize,
    pub warnings: Vec<Diagnostic>,
    /// Selected types derived from each selected type that has any, in name order.
    derived: BTreeMap<QualifiedName, Vec<QualifiedName>>,
}

impl Selection {
    pub fn contains(&self, name: &QualifiedName) -> bool {
        self.types.contains(name)
    }

    /// Whether a reference names a selected type (primitives are never "selected").
    pub fn contains_named(&self, name: &TypeName) -> bool {
        matches!(name, TypeName::Named(n) if self.contains(n))
    }

    /// Selected types derived from `base`, in name order.
    pub fn derived_types(&self, base: &QualifiedName) -> &[QualifiedName] {
        self.derived.get(base).map_or(&[], Vec::as_slice)
    }
}

/// Chooses the endpoints and computes the closure of the roots (every type and endpoint of
/// the model when nothing is asked for).
pub fn select(
    model: &Model,
    endpoints: Vec<Endpoint>,
    request: &Request<'_>,
    file: &str,
) -> Result<Selection, Diagnostics> {
    let everything = request.roots.is_empty() && request.paths.is_empty();
    // Roots alone ask for models: which endpoints "belong" to a type is not something a
    // closure of types can say (a DELETE names no type at all). The endpoints are moved,
    // not cloned: Graph v1.0 has 17,383 of them, with their descriptions.
    let chosen: Vec<Endpoint> = if everything {
        endpoints
    } else {
        let keep = by_prefix(&endpoints, request, file)?;
        endpoints
            .into_iter()
            .enumerate()
            .filter(|(i, _)| keep.contains(i))
            .map(|(_, endpoint)| endpoint)
            .collect()
    };
    // A set: every endpoint names its types, and Graph has 17,383 endpoints.
    let mut roots: BTreeSet<QualifiedName> = request.roots.iter().cloned().collect();
    // Asked for by path, a missing type is an error; when generating everything from a
    // snippet, it is kept as raw JSON, like a navigation target the snippet leaves out.
    let mut missing = Vec::new();
    for endpoint in &chosen {
        for ty in endpoint_types(endpoint) {
            let TypeName::Named(name) = &ty.name else {
                continue;
            };
            if !model.types.contains_key(name) {
                let message = format!(
                    "{} (used by `{} {}`){}",
                    undefined(model, "type", name),
                    endpoint.method.as_str(),
                    endpoint.template(request.urls),
                    if everything {
                        "; it is kept as raw JSON"
                    } else {
                        ""
                    },
                );
                let pos = model.unresolved.get(name).map(|r| r.pos);
                let finding = if everything {
                    Diagnostic::warning(file, pos, message)
                } else {
                    Diagnostic::error(file, pos, message)
                };
                if !missing.contains(&finding) {
                    missing.push(finding);
                }
            } else if !roots.contains(name) {
                roots.insert(name.clone());
            }
        }
    }
    if !everything && !missing.is_empty() {
        return Err(Diagnostics(missing));
    }
    let roots: Vec<QualifiedName> = roots.into_iter().collect();
    let mut selection = select_types(model, &roots, everything, request.navigation_depth, file)?;
    selection.warnings.extend(missing);
    selection.endpoints = chosen;
    Ok(selection)
}

/// The endpoints under each prefix. A prefix matches whole segments; any `{parameter}`
/// matches any parameter, so users need not guess the derived parameter names.
fn by_prefix(
    endpoints: &[Endpoint],
    request: &Request<'_>,
    file: &str,
) -> Result<BTreeSet<usize>, Diagnostics> {
    let normalize = |path: &str| -> Vec<String> {
        path.split('/')
            .filter(|s| !s.is_empty())
            .map(|s| {
                let mut out = String::new();
                let mut in_param = false;
                for c in s.chars() {
                    match c {
                        '{' => {
                            in_param = true;
                            out.push_str("{}");
                        }
                        '}' => in_param = false,
                        c if !in_param => out.push(c),
                        _ => {}
                    }
                }
                out
            })
            .collect()
    };
    let templates: Vec<Vec<String>> = endpoints
        .iter()
        .map(|e| normalize(&e.template(request.urls)))
        .collect();
    let mut chosen = BTreeSet::new();
    let mut errors = Vec::new();
    for prefix in request.paths {
        let wanted = normalize(prefix);
        chosen.extend(
            templates
                .iter()
                .enumerate()
                .filter(|(_, t)| t.starts_with(&wanted))
                .map(|(i, _)| i),
        );
        if !templates.iter().any(|t| t.starts_with(&wanted)) {
            errors.push(Diagnostic::error(
                file,
                None,
                format!("path `{prefix}` matches no endpoint of the input"),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(Diagnostics(errors));
    }
    Ok(chosen)
}

/// Every type an endpoint's request or response names.
pub fn endpoint_types(endpoint: &Endpoint) -> impl Iterator<Item = &TypeRef> {
    let body: Vec<&TypeRef> = match &endpoint.body {
        Body::None => Vec::new(),
        Body::Value(t) => vec![t],
        Body::Parameters(ps) => ps.iter().map(|p| &p.ty).collect(),
    };
    let path = endpoint.path.iter().flat_map(|s| -> Vec<&TypeRef> {
        match s {
            Segment::Static(_) => Vec::new(),
            Segment::Key(parts) => parts.iter().map(|p| &p.ty).collect(),
            Segment::Call { parameters, .. } => parameters.iter().map(|p| &p.ty).collect(),
        }
    });
    body.into_iter().chain(endpoint.response.ty()).chain(path)
}

/// Says that `name` is missing, quoting the reference as the input wrote it when the reader
/// kept it (an OpenAPI `$ref`, which is a JSON pointer).
fn undefined(model: &Model, what: &str, name: &QualifiedName) -> String {
    match model.unresolved.get(name) {
        Some(reference) if !reference.cycle.is_empty() => format!(
            "{what} `{name}` is never defined: `$ref: '{}'` goes round a `$ref` cycle ({}) and never reaches a schema",
            reference.written,
            reference
                .cycle
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(" → ")
        ),
        Some(reference) => format!(
            "{what} `{name}` is not defined in the input: `$ref: '{}'` does not resolve",
            reference.written
        ),
        None => format!("{what} `{name}` is not defined in the input"),
    }
}

/// The closure of `roots`: every type of the model when `everything`.
fn select_types(
    model: &Model,
    roots: &[QualifiedName],
    everything: bool,
    navigation_depth: usize,
    file: &str,
) -> Result<Selection, Diagnostics> {
    let derived_index = model.derived_index();
    let mut walk = Walk {
        model,
        derived_index: &derived_index,
        file,
        depth_of: BTreeMap::new(),
        as_value: BTreeSet::new(),
        queue: VecDeque::new(),
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    if everything {
        for name in model.types.keys() {
            walk.reach(name, 0, true, None);
        }
    } else {
        for root in roots {
            if !model.types.contains_key(root) {
                walk.errors.push(Diagnostic::error(
                    file,
                    None,
                    undefined(model, "root type", root),
                ));
            }
            walk.reach(root, 0, true, None);
        }
    }
    let unbounded = everything;
    while let Some((name, depth)) = walk.queue.pop_front() {
        walk.visit(&name, depth, unbounded || depth < navigation_depth);
    }
    let Walk {
        depth_of,
        errors,
        warnings,
        ..
    } = walk;
    if !errors.is_empty() {
        return Err(Diagnostics(errors));
    }
    let types: BTreeSet<QualifiedName> = depth_of.into_keys().collect();
    let raw_navigation = types
        .iter()
        .filter_map(|name| model.structured(name))
        .flat_map(|t| &t.navigation)
        .filter(|nav| !matches!(&nav.ty.name, TypeName::Named(target) if types.contains(target)))
        .count();
    let derived = derived_index
        .into_iter()
        .filter(|(base, _)| types.contains(base))
        .map(|(base, all)| {
            (
                base,
                all.into_iter()
                    .filter(|d| types.contains(d))
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|(_, selected)| !selected.is_empty())
        .collect();
    Ok(Selection {
        types,
        endpoints: Vec::new(),
        raw_navigation,
        warnings,
        derived,
    })
}

struct Walk<'m> {
    model: &'m Model,
    derived_index: &'m BTreeMap<QualifiedName, Vec<QualifiedName>>,
    file: &'m str,
    /// The smallest navigation depth at which each selected type was reached.
    depth_of: BTreeMap<QualifiedName, usize>,
    /// Types reached as the declared type of a value, whose derived types are therefore selected.
    as_value: BTreeSet<QualifiedName>,
    queue: VecDeque<(QualifiedName, usize)>,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

impl Walk<'_> {
    /// Records that `name` is needed at `depth`; `from` is where the reference is written.
    fn reach(&mut self, name: &QualifiedName, depth: usize, as_value: bool, from: Option<Pos>) {
        if !self.model.types.contains_key(name) {
            if let Some(pos) = from {
                self.errors.push(Diagnostic::error(
                    self.file,
                    Some(pos),
                    undefined(self.model, "type", name),
                ));
            }
            return;
        }
        let newly_value = as_value && self.as_value.insert(name.clone());
        let deeper = self.depth_of.get(name).is_some_and(|&d| d <= depth);
        if deeper && !newly_value {
            return;
        }
        let best = self.depth_of.get(name).map_or(depth, |&d| d.min(depth));
        self.depth_of.insert(name.clone(), best);
        self.queue.push_back((name.clone(), best));
    }

    fn reach_ref(&mut self, ty: &TypeRef, depth: usize, from: Pos) {
        if let TypeName::Named(name) = &ty.name {
            self.reach(name, depth, true, Some(from));
        }
    }

    /// CSDL §8.3, §9.3: an entity type derives from an entity type, a complex type from a
    /// complex type. (A missing base is reported by `reach`.)
    fn check_base(&mut self, ty: &StructuredType, base: &QualifiedName) {
        let kind = |k: StructuredKind| match k {
            StructuredKind::Entity => "an entity type",
            StructuredKind::Complex => "a complex type",
        };
        let problem = match self.model.types.get(base) {
            Some(TypeDef::Structured(b)) if b.kind != ty.kind => kind(b.kind),
            Some(TypeDef::Enum(_)) => "an enum type",
            Some(TypeDef::Definition(_)) => "a type definition",
            _ => return,
        };
        self.errors.push(Diagnostic::error(
            self.file,
            Some(ty.pos),
            format!(
                "`{}` is {} and cannot derive from `{base}`, which is {problem}",
                ty.name,
                kind(ty.kind)
            ),
        ));
    }

    fn visit(&mut self, name: &QualifiedName, depth: usize, follow_navigation: bool) {
        let model = self.model;
        let Some(TypeDef::Structured(ty)) = model.types.get(name) else {
            return;
        };
        if let Some(base) = &ty.base {
            self.check_base(ty, base);
            self.reach(base, depth, false, Some(ty.pos));
        }
        for property in &ty.properties {
            self.reach_ref(&property.ty, depth, property.pos);
        }
        for nav in &ty.navigation {
            let TypeName::Named(target) = &nav.ty.name else {
                continue;
            };
            if !model.types.contains_key(target) {
                // Metadata snippets are partial by nature; raw JSON loses nothing.
                let warning = Diagnostic::warning(
                    self.file,
                    Some(nav.pos),
                    format!(
                        "navigation property `{}` targets `{target}`, which is not in the input; it is kept as raw JSON",
                        nav.name
                    ),
                );
                if !self.warnings.contains(&warning) {
                    self.warnings.push(warning);
                }
            } else if follow_navigation {
                self.reach(target, depth + 1, true, Some(nav.pos));
            }
        }
        if self.as_value.contains(name) {
            for derived in self.derived_index.get(name).into_iter().flatten() {
                let pos = model.types.get(derived).map(TypeDef::pos);
                self.reach(derived, depth, true, pos);
            }
        }
    }
}
