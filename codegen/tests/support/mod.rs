//! Text forms of the IR for snapshots and comparisons, shared by the reader tests.

#![allow(dead_code, reason = "each test crate uses the part it needs")]

pub mod openapi;

use odata_codegen::UrlConventions;
use odata_codegen::ir::{
    Body, Endpoint, EndpointKind, Model, Response, TypeDef, TypeName, TypeRef,
};

/// `Edm.String`, `ns.pet`, `Collection(Edm.Int32)`: a type with its namespace.
pub fn ty(t: &TypeRef) -> String {
    let inner = match &t.name {
        TypeName::Primitive(p) => format!("Edm.{p:?}"),
        TypeName::Named(q) => q.to_string(),
    };
    if t.collection {
        format!("Collection({inner})")
    } else {
        inner
    }
}

fn desc(d: &odata_codegen::ir::Description) -> String {
    let mut out = String::new();
    if let Some(s) = &d.summary {
        out += &format!(" summary={s:?}");
    }
    if let Some(l) = &d.long {
        out += &format!(" long={l:?}");
    }
    out
}

fn annotations(list: &[odata_codegen::ir::Annotation]) -> String {
    list.iter()
        .map(|a| match &a.qualifier {
            Some(q) => format!(" @{}#{q}={:?}", a.term, a.value),
            None => format!(" @{}={:?}", a.term, a.value),
        })
        .collect()
}

/// One line per element, in model order: compact enough to review whole.
pub fn render(model: &Model) -> String {
    let mut out = String::new();
    for s in &model.schemas {
        out += &format!("schema {} alias={:?} @{}\n", s.namespace, s.alias, s.pos);
    }
    for t in model.types.values() {
        match t {
            TypeDef::Structured(s) => {
                out += &format!(
                    "{:?} {} base={:?} abstract={} open={} key={:?}{} @{}\n",
                    s.kind,
                    s.name,
                    s.base.as_ref().map(ToString::to_string),
                    s.is_abstract,
                    s.is_open,
                    s.key,
                    desc(&s.description),
                    s.pos
                );
                for p in &s.properties {
                    out += &format!(
                        "  prop {}: {} nullable={:?} read_only={} default={:?} max_length={:?} precision={:?} scale={:?}{} @{}\n",
                        p.name,
                        ty(&p.ty),
                        p.nullable,
                        p.read_only,
                        p.default_value,
                        p.max_length,
                        p.precision,
                        p.scale,
                        desc(&p.description),
                        p.pos
                    );
                }
                for n in &s.navigation {
                    out += &format!(
                        "  nav {}: {} nullable={:?} contains={} partner={:?}{}{} @{}\n",
                        n.name,
                        ty(&n.ty),
                        n.nullable,
                        n.contains_target,
                        n.partner,
                        desc(&n.description),
                        annotations(&n.annotations),
                        n.pos
                    );
                }
            }
            TypeDef::Enum(e) => {
                out += &format!(
                    "Enum {} underlying={:?} flags={}{} @{}\n",
                    e.name,
                    e.underlying,
                    e.is_flags,
                    desc(&e.description),
                    e.pos
                );
                for m in &e.members {
                    out += &format!(
                        "  {} = {}{} @{}\n",
                        m.name,
                        m.value,
                        desc(&m.description),
                        m.pos
                    );
                }
                let evolvable: Vec<&str> = e
                    .evolvable_members()
                    .iter()
                    .map(|m| m.name.as_str())
                    .collect();
                out += &format!("  evolvable={evolvable:?}\n");
            }
            TypeDef::Definition(d) => {
                out += &format!(
                    "TypeDefinition {} underlying={:?}{} @{}\n",
                    d.name,
                    d.underlying,
                    desc(&d.description),
                    d.pos
                );
            }
        }
    }
    for o in &model.operations {
        let params: Vec<String> = o
            .parameters
            .iter()
            .map(|p| format!("{}: {} nullable={:?}", p.name, ty(&p.ty), p.nullable))
            .collect();
        out += &format!(
            "{:?} {} bound={} composable={} ({}) -> {:?}{}{} @{}\n",
            o.kind,
            o.name,
            o.is_bound,
            o.is_composable,
            params.join(", "),
            o.return_type
                .as_ref()
                .map(|r| format!("{} nullable={:?}", ty(&r.ty), r.nullable)),
            desc(&o.description),
            annotations(&o.annotations),
            o.pos
        );
    }
    for c in &model.containers {
        out += &format!("container {} @{}\n", c.name, c.pos);
        for s in &c.entity_sets {
            out += &format!(
                "  set {}: {} bindings={:?}{}{} @{}\n",
                s.name,
                s.entity_type,
                s.bindings,
                desc(&s.description),
                annotations(&s.annotations),
                s.pos
            );
        }
        for s in &c.singletons {
            out += &format!(
                "  singleton {}: {} bindings={:?}{}{} @{}\n",
                s.name,
                s.ty,
                s.bindings,
                desc(&s.description),
                annotations(&s.annotations),
                s.pos
            );
        }
        for i in c.action_imports.iter().chain(&c.function_imports) {
            out += &format!(
                "  import {} -> {} set={:?} @{}\n",
                i.name, i.operation, i.entity_set, i.pos
            );
        }
    }
    for (target, list) in &model.path_annotations {
        out += &format!("path {target}{}\n", annotations(list));
    }
    out
}

pub fn type_label(ty: &TypeRef) -> String {
    let name = match &ty.name {
        TypeName::Named(q) => q.name.clone(),
        TypeName::Primitive(p) => format!("Edm.{p:?}"),
    };
    if ty.collection {
        format!("Collection({name})")
    } else {
        name
    }
}

/// One line per endpoint: what a reviewer checks against the service's documentation.
pub fn table(endpoints: &[Endpoint], urls: UrlConventions) -> String {
    let mut out = String::new();
    for e in endpoints {
        let body = match &e.body {
            Body::None => String::new(),
            Body::Value(t) => type_label(t),
            Body::Parameters(ps) => {
                let ps: Vec<String> = ps
                    .iter()
                    .map(|p| {
                        let marks = match (p.optional, p.nullable) {
                            (true, _) => "?",
                            (false, true) => " (nullable)",
                            _ => "",
                        };
                        format!("{}{marks}: {}", p.name, type_label(&p.ty))
                    })
                    .collect();
                format!("{{{}}}", ps.join(", "))
            }
        };
        let response = match &e.response {
            Response::None => "no content".to_owned(),
            Response::Single(t) => type_label(t),
            Response::Optional(t) => format!("{} or no content", type_label(t)),
            Response::Collection(t) => format!("page of {}", type_label(t)),
            Response::Count => "count".to_owned(),
        };
        let query: Vec<&str> = e.query.iter().map(|q| q.as_str()).collect();
        let kind = match &e.kind {
            EndpointKind::Action(q) => format!("action {q}"),
            EndpointKind::Function(q) => format!("function {q}"),
            other => format!("{other:?}").to_lowercase(),
        };
        out.push_str(&format!(
            "{} {}\n    {}; body: {}; response: {}; query: [{}]\n",
            e.method.as_str(),
            e.template(urls),
            kind,
            if body.is_empty() { "-" } else { &body },
            response,
            query.join(",")
        ));
        if let Some(summary) = &e.description.summary {
            out.push_str(&format!("    description: {summary}\n"));
        }
        if let Some(long) = &e.description.long {
            out.push_str(&format!("    long description: {long}\n"));
        }
        if let Some(id) = &e.operation_id {
            out.push_str(&format!("    operationId: {id}\n"));
        }
        if let Some(docs) = &e.docs {
            out.push_str(&format!("    docs: {docs}\n"));
        }
    }
    out
}
