//! The CSDL and the OpenAPI document in `schema/` describe the same API. The IR each reader
//! builds, restricted to what both contain, is equal after the normalisation below, except
//! for the differences listed in [`KNOWN`], each with its reason.
//!
//! Normalisation (what is not compared, and why):
//! - Positions: the two files differ in layout by nature.
//! - Nullability compares as OData means it: unsaid (`None`, which is all a plain `$ref` can
//!   say in OpenAPI 3.0) is nullable, like an explicit `true`.
//! - Enum member values: OpenAPI carries names only; members are compared by name and order.
//! - Annotations kept for the endpoint pass (`Capabilities.*`, `Core.Links`) are not compared
//!   as such: the OpenAPI states their effect in its paths, and the endpoints are compared.
//! - Endpoints: the CSDL's are derived with Graph's URL conventions (keys as segments,
//!   unqualified operations) and matched to the OpenAPI's by method and path template.

#![allow(
    clippy::panic,
    clippy::unwrap_used,
    reason = "a failed expectation in a test is a test failure"
)]

mod support;

use std::collections::BTreeSet;
use std::fmt::Write as _;

use odata_codegen::endpoints::{Limits, derive};
use odata_codegen::ir::{
    Description, Endpoint, EnumType, Model, NavigationProperty, Property, StructuredType, TypeDef,
    TypeName, TypeRef,
};
use odata_codegen::{Input, QualifiedName, UrlConventions, read};
use support::type_label;

const CSDL: &[u8] = include_bytes!("../../schema/exchangeRestoreSession.closure.csdl.xml");
const OPENAPI: &[u8] = include_bytes!("../../schema/exchangeRestoreSession.openapi.excerpt.yaml");

const GRAPH: UrlConventions = UrlConventions {
    key_as_segment: true,
    unqualified_operations: true,
};

/// Real differences between the two documents, not normalised away: (subject, aspect,
/// reason). `*` as the subject stands for every subject with that aspect.
const KNOWN: &[(&str, &str, &str)] = &[
    // What OpenAPI 3.0 cannot say.
    (
        "*",
        "`$ref` property description",
        "OpenAPI 3.0 ignores everything beside a `$ref`, so the converter drops the descriptions of schema-typed properties (33 in the excerpt)",
    ),
    (
        "*",
        "open",
        "the converter writes `additionalProperties` on every schema, open type or not",
    ),
    (
        "*",
        "operationId",
        "OpenAPI names operations (`solution.backupRestore_ListExchangeRestoreSession`); CSDL does not. Function names come from the path for both",
    ),
    (
        "microsoft.graph.entity",
        "abstract",
        "OpenAPI has no abstract schemas",
    ),
    (
        "microsoft.graph.protectionUnitBase",
        "abstract",
        "OpenAPI has no abstract schemas",
    ),
    (
        "microsoft.graph.protectionUnitBase/protectionSources",
        "nullable",
        "`Nullable=\"false\"` in CSDL; a plain `$ref` cannot say `nullable: false`, and unsaid is nullable",
    ),
    (
        "microsoft.graph.restoreArtifactsBulkRequestBase/status",
        "nullable",
        "`Nullable=\"false\"` in CSDL; a plain `$ref` cannot say `nullable: false`, and unsaid is nullable",
    ),
    // The excerpt is older than the beta CSDL.
    (
        "microsoft.graph.restorePointTags",
        "members",
        "the excerpt predates `includeNewerItems`",
    ),
    (
        "microsoft.graph.protectionUnitBase/backupRetentionPeriodInDays",
        "declared",
        "the excerpt predates this property",
    ),
    (
        "microsoft.graph.protectionUnitBase/billingPolicyId",
        "declared",
        "the excerpt predates this property",
    ),
    (
        "microsoft.graph.protectionUnitBase/pendingRetentionPeriodChange",
        "declared",
        "the excerpt predates this property",
    ),
    (
        "microsoft.graph.mailboxRestoreArtifact/restoredFolderName",
        "read-only",
        "the excerpt marks it `readOnly`; the beta CSDL has no `Core.Computed` on it (v1.0 does)",
    ),
    (
        "microsoft.graph.restoreArtifactBase/restorePoint",
        "navigation or structural",
        "the excerpt's converter wrote single-valued navigation properties without `x-ms-navigationProperty`",
    ),
    (
        "microsoft.graph.restorePoint/protectionUnit",
        "navigation or structural",
        "the excerpt's converter wrote single-valued navigation properties without `x-ms-navigationProperty`",
    ),
    // The converter writes summaries of its own where the CSDL has no restriction description,
    // and moves a navigation property's description into the operation's `description`.
    (
        "GET /solutions/backupRestore/exchangeRestoreSessions",
        "endpoint description",
        "converter summary `Get X from Y`; the CSDL's text is the navigation property's description",
    ),
    (
        "GET /solutions/backupRestore/exchangeRestoreSessions",
        "endpoint long description",
        "the converter puts the navigation property's description here",
    ),
    (
        "GET /solutions/backupRestore/exchangeRestoreSessions/{exchangeRestoreSession-id}",
        "endpoint description",
        "converter summary `Get X from Y`",
    ),
    (
        "GET /solutions/backupRestore/exchangeRestoreSessions/{exchangeRestoreSession-id}",
        "endpoint long description",
        "the converter repeats the collection's description on the item",
    ),
    (
        "POST /solutions/backupRestore/exchangeRestoreSessions",
        "endpoint description",
        "converter summary `Create new navigation property to X for Y`",
    ),
    (
        "DELETE /solutions/backupRestore/exchangeRestoreSessions/{exchangeRestoreSession-id}",
        "endpoint description",
        "converter summary `Delete navigation property X for Y`",
    ),
    (
        "GET /solutions/backupRestore/exchangeRestoreSessions/{exchangeRestoreSession-id}/granularMailboxRestoreArtifacts",
        "endpoint description",
        "converter summary `Get X from Y`",
    ),
    (
        "POST /solutions/backupRestore/exchangeRestoreSessions/{exchangeRestoreSession-id}/granularMailboxRestoreArtifacts",
        "endpoint description",
        "converter summary `Create new navigation property to X for Y`",
    ),
    (
        "POST /solutions/backupRestore/exchangeRestoreSessions/{exchangeRestoreSession-id}/mailboxRestoreArtifacts",
        "endpoint description",
        "converter summary `Create new navigation property to X for Y`",
    ),
    (
        "GET /solutions/backupRestore/exchangeRestoreSessions/$count",
        "endpoint description",
        "converter summary `Get the number of the resource`",
    ),
];

/// One way the two IRs differ.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Difference {
    subject: String,
    aspect: String,
    csdl: String,
    openapi: String,
}

#[derive(Default)]
struct Compare {
    found: Vec<Difference>,
}

impl Compare {
    fn check(&mut self, subject: &str, aspect: &str, csdl: impl ToString, openapi: impl ToString) {
        let (csdl, openapi) = (csdl.to_string(), openapi.to_string());
        if csdl != openapi {
            self.found.push(Difference {
                subject: subject.to_owned(),
                aspect: aspect.to_owned(),
                csdl,
                openapi,
            });
        }
    }

    /// `what` names the element (`type`, `property`, `endpoint`, ...) so a known difference
    /// about one kind of description never covers another.
    fn description(
        &mut self,
        subject: &str,
        what: &str,
        csdl: &Description,
        openapi: &Description,
    ) {
        self.check(
            subject,
            &format!("{what} description"),
            show(&csdl.summary),
            show(&openapi.summary),
        );
        self.check(
            subject,
            &format!("{what} long description"),
            show(&csdl.long),
            show(&openapi.long),
        );
    }

    fn types(&mut self, csdl: &Model, openapi: &Model) {
        for (name, c) in &csdl.types {
            let Some(o) = openapi.types.get(name) else {
                continue;
            };
            let subject = name.to_string();
            match (c, o) {
                (TypeDef::Structured(c), TypeDef::Structured(o)) => self.structured(&subject, c, o),
                (TypeDef::Enum(c), TypeDef::Enum(o)) => self.enumeration(&subject, c, o),
                (TypeDef::Definition(c), TypeDef::Definition(o)) => {
                    self.check(
                        &subject,
                        "underlying",
                        format!("{:?}", c.underlying),
                        format!("{:?}", o.underlying),
                    );
                    self.description(&subject, "type", &c.description, &o.description);
                }
                _ => self.check(&subject, "kind of type", kind(c), kind(o)),
            }
        }
    }

    fn structured(&mut self, subject: &str, c: &StructuredType, o: &StructuredType) {
        self.check(
            subject,
            "entity or complex",
            format!("{:?}", c.kind),
            format!("{:?}", o.kind),
        );
        self.check(subject, "base", show(&c.base), show(&o.base));
        self.check(subject, "abstract", c.is_abstract, o.is_abstract);
        self.check(subject, "open", c.is_open, o.is_open);
        self.check(subject, "key", c.key.join(","), o.key.join(","));
        self.description(subject, "type", &c.description, &o.description);
        let names = |t: &StructuredType| -> Vec<String> {
            t.properties
                .iter()
                .map(|p| p.name.clone())
                .chain(t.navigation.iter().map(|n| n.name.clone()))
                .collect()
        };
        let (cn, on) = (names(c), names(o));
        for missing in cn.iter().filter(|n| !on.contains(n)) {
            self.check(&format!("{subject}/{missing}"), "declared", "yes", "no");
        }
        for extra in on.iter().filter(|n| !cn.contains(n)) {
            self.check(&format!("{subject}/{extra}"), "declared", "no", "yes");
        }
        let common = |list: &[String], other: &[String]| -> Vec<String> {
            list.iter().filter(|n| other.contains(n)).cloned().collect()
        };
        self.check(
            subject,
            "property order",
            common(&cn, &on).join(","),
            common(&on, &cn).join(","),
        );
        for name in common(&cn, &on) {
            let at = format!("{subject}/{name}");
            match (member(c, &name), member(o, &name)) {
                (Member::Property(cp), Member::Property(op)) => self.property(&at, cp, op),
                (Member::Navigation(cn), Member::Navigation(on)) => self.navigation(&at, cn, on),
                (cm, om) => {
                    self.check(&at, "navigation or structural", cm.label(), om.label());
                    let (cty, cnull, cdesc) = cm.parts();
                    let (oty, onull, odesc) = om.parts();
                    self.check(&at, "type", type_label(cty), type_label(oty));
                    self.check(
                        &at,
                        "nullable",
                        cnull.unwrap_or(true),
                        onull.unwrap_or(true),
                    );
                    self.description(&at, member_kind(oty), cdesc, odesc);
                }
            }
        }
    }

    fn property(&mut self, at: &str, c: &Property, o: &Property) {
        self.check(at, "type", type_label(&c.ty), type_label(&o.ty));
        self.check(at, "nullable", c.is_nullable(), o.is_nullable());
        self.check(at, "read-only", c.read_only, o.read_only);
        self.check(
            at,
            "default",
            show(&c.default_value),
            show(&o.default_value),
        );
        self.check(at, "max length", show(&c.max_length), show(&o.max_length));
        self.description(at, member_kind(&o.ty), &c.description, &o.description);
    }

    fn navigation(&mut self, at: &str, c: &NavigationProperty, o: &NavigationProperty) {
        self.check(at, "type", type_label(&c.ty), type_label(&o.ty));
        self.check(
            at,
            "nullable",
            c.nullable.unwrap_or(true),
            o.nullable.unwrap_or(true),
        );
        self.check(at, "contains target", c.contains_target, o.contains_target);
        self.check(at, "partner", show(&c.partner), show(&o.partner));
        self.check(at, "read-only", c.read_only, o.read_only);
        self.description(at, member_kind(&o.ty), &c.description, &o.description);
    }

    fn enumeration(&mut self, subject: &str, c: &EnumType, o: &EnumType) {
        self.check(subject, "flags", c.is_flags, o.is_flags);
        self.check(
            subject,
            "underlying",
            format!("{:?}", c.underlying),
            format!("{:?}", o.underlying),
        );
        let members = |e: &EnumType| {
            e.members
                .iter()
                .map(|m| m.name.as_str())
                .collect::<Vec<_>>()
                .join(",")
        };
        self.check(subject, "members", members(c), members(o));
        self.description(subject, "type", &c.description, &o.description);
        for cm in &c.members {
            if let Some(om) = o.members.iter().find(|m| m.name == cm.name) {
                self.description(
                    &format!("{subject}/{}", cm.name),
                    "member",
                    &cm.description,
                    &om.description,
                );
            }
        }
    }

    fn endpoints(&mut self, csdl: &[Endpoint], openapi: &[Endpoint]) {
        for o in openapi {
            let subject = format!("{} {}", o.method.as_str(), o.template(GRAPH));
            let Some(c) = csdl
                .iter()
                .find(|c| c.method == o.method && c.template(GRAPH) == o.template(GRAPH))
            else {
                self.check(&subject, "endpoint", "absent", "present");
                continue;
            };
            self.check(
                &subject,
                "kind",
                format!("{:?}", c.kind),
                format!("{:?}", o.kind),
            );
            self.check(
                &subject,
                "query options",
                format!("{:?}", c.query),
                format!("{:?}", o.query),
            );
            self.check(
                &subject,
                "body",
                format!("{:?}", c.body),
                format!("{:?}", o.body),
            );
            self.check(
                &subject,
                "response",
                format!("{:?}", c.response),
                format!("{:?}", o.response),
            );
            self.check(&subject, "docs", show(&c.docs), show(&o.docs));
            self.check(
                &subject,
                "operationId",
                show(&c.operation_id),
                show(&o.operation_id),
            );
            self.description(&subject, "endpoint", &c.description, &o.description);
        }
    }
}

/// Properties whose type is another schema are written as a bare `$ref` in OpenAPI 3.0,
/// which cannot carry a description beside it; the comparison names them apart.
fn member_kind(ty: &TypeRef) -> &'static str {
    match ty.name {
        TypeName::Named(_) if !ty.collection => "`$ref` property",
        _ => "property",
    }
}

enum Member<'a> {
    Property(&'a Property),
    Navigation(&'a NavigationProperty),
}

impl Member<'_> {
    fn label(&self) -> &'static str {
        match self {
            Member::Property(_) => "structural",
            Member::Navigation(_) => "navigation",
        }
    }

    fn parts(&self) -> (&TypeRef, Option<bool>, &Description) {
        match self {
            Member::Property(p) => (&p.ty, p.nullable, &p.description),
            Member::Navigation(n) => (&n.ty, n.nullable, &n.description),
        }
    }
}

fn member<'a>(t: &'a StructuredType, name: &str) -> Member<'a> {
    match t.properties.iter().find(|p| p.name == name) {
        Some(p) => Member::Property(p),
        None => Member::Navigation(t.navigation.iter().find(|n| n.name == name).unwrap()),
    }
}

fn kind(t: &TypeDef) -> &'static str {
    match t {
        TypeDef::Structured(_) => "structured",
        TypeDef::Enum(_) => "enum",
        TypeDef::Definition(_) => "type definition",
    }
}

fn show<T: std::fmt::Display>(v: &Option<T>) -> String {
    v.as_ref()
        .map_or_else(|| "-".to_owned(), ToString::to_string)
}

fn models() -> (Model, Model) {
    let csdl = read(Input {
        name: "schema/exchangeRestoreSession.closure.csdl.xml",
        bytes: CSDL,
    })
    .unwrap();
    let openapi = read(Input {
        name: "schema/exchangeRestoreSession.openapi.excerpt.yaml",
        bytes: OPENAPI,
    })
    .unwrap();
    (csdl, openapi)
}

fn table(rows: &[&Difference]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "| subject | aspect | CSDL | OpenAPI |\n|---|---|---|---|"
    );
    for d in rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            d.subject, d.aspect, d.csdl, d.openapi
        );
    }
    out
}

fn is_known(d: &Difference, (subject, aspect, _): &(&str, &str, &str)) -> bool {
    (*subject == "*" || *subject == d.subject) && *aspect == d.aspect
}

#[test]
fn csdl_and_openapi_describe_the_same_api_but_for_the_listed_differences() {
    let (csdl, openapi) = models();
    let mut compare = Compare::default();
    compare.types(&csdl, &openapi);
    compare.endpoints(&derive(&csdl, GRAPH, Limits::default()), &openapi.endpoints);

    let unexpected: Vec<&Difference> = compare
        .found
        .iter()
        .filter(|d| !KNOWN.iter().any(|k| is_known(d, k)))
        .collect();
    let stale: Vec<String> = KNOWN
        .iter()
        .filter(|k| !compare.found.iter().any(|d| is_known(d, k)))
        .map(|(s, a, _)| format!("{s} / {a}"))
        .collect();
    let count = |aspect: &str| compare.found.iter().filter(|d| d.aspect == aspect).count();
    assert_eq!(
        count("`$ref` property description"),
        33,
        "the excerpt's README counts 33"
    );
    assert_eq!(count("operationId"), 12, "one per OpenAPI endpoint");
    assert!(
        unexpected.is_empty() && stale.is_empty(),
        "the readers disagree where no known difference says so:\n{}\nknown differences that no longer occur: {stale:?}",
        table(&unexpected)
    );
}

/// The comparison is over something: what both contain is most of the excerpt, and what
/// only the OpenAPI has is the converter's own framing.
#[test]
fn both_readers_share_the_closure_of_the_excerpt() {
    let (csdl, openapi) = models();
    let only_openapi: BTreeSet<String> = openapi
        .types
        .keys()
        .filter(|n| !csdl.types.contains_key(*n))
        .map(QualifiedName::to_string)
        .collect();
    let common = openapi
        .types
        .keys()
        .filter(|n| csdl.types.contains_key(*n))
        .count();
    assert_eq!(common, 30, "types in both");
    assert_eq!(
        only_openapi.into_iter().collect::<Vec<_>>(),
        [
            "BackupRestore.ODataCountResponse",
            "microsoft.graph.ODataErrors.ErrorDetails",
            "microsoft.graph.ODataErrors.InnerError",
            "microsoft.graph.ODataErrors.MainError",
            "microsoft.graph.ODataErrors.ODataError",
        ]
    );
    let derived = derive(&csdl, GRAPH, Limits::default());
    let shared = openapi
        .endpoints
        .iter()
        .filter(|o| {
            derived
                .iter()
                .any(|c| c.method == o.method && c.template(GRAPH) == o.template(GRAPH))
        })
        .count();
    assert_eq!(
        (shared, openapi.endpoints.len()),
        (12, 12),
        "every OpenAPI endpoint is derived from the CSDL too"
    );
}

/// The OpenAPI reader's IR of `schema/`: every type, member, endpoint and position it
/// found, for review next to the CSDL reader's (`csdl_reader__schema_ir_snapshot`).
#[test]
fn schema_openapi_ir_snapshot() {
    let (_, openapi) = models();
    let warnings: Vec<String> = openapi.warnings.iter().map(ToString::to_string).collect();
    insta::assert_snapshot!(format!(
        "{}\nurls: {:?}\nunresolved: {:?}\nwarnings: {warnings:#?}\n\n{}",
        support::render(&openapi),
        openapi.urls,
        openapi.unresolved,
        support::table(&openapi.endpoints, GRAPH)
    ));
}
