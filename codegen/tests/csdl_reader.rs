//! The CSDL XML reader on real Graph metadata and on small hostile or broken documents.

#![allow(
    clippy::panic,
    reason = "a failed expectation in a test helper is a test failure"
)]

mod support;

use odata_codegen::csdl::read;
use odata_codegen::ir::{
    AnnotationValue, Model, OperationKind, Primitive, QualifiedName, StructuredKind,
    StructuredType, TypeDef, TypeName, TypeRef,
};
use support::render;

const BETA: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../schema/exchangeRestoreSession.closure.csdl.xml"
));
const V1_CLOSURE: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/exchangeRestoreSession.closure.v1.0.csdl.xml"
));
const V1_FULL: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/graph-v1.0.csdl.xml"
));
const QUIRKS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/beta.annotation-quirks.fragment.xml"
));

fn graph(name: &str) -> QualifiedName {
    QualifiedName::new("microsoft.graph", name)
}

fn structured<'m>(model: &'m Model, name: &str) -> &'m StructuredType {
    model
        .structured(&graph(name))
        .unwrap_or_else(|| panic!("no structured type {name}"))
}

fn count(model: &Model, pred: impl Fn(&TypeDef) -> bool) -> usize {
    model.types.values().filter(|t| pred(t)).count()
}

fn is_entity(t: &TypeDef) -> bool {
    matches!(t, TypeDef::Structured(s) if s.kind == StructuredKind::Entity)
}

fn is_complex(t: &TypeDef) -> bool {
    matches!(t, TypeDef::Structured(s) if s.kind == StructuredKind::Complex)
}

fn is_enum(t: &TypeDef) -> bool {
    matches!(t, TypeDef::Enum(_))
}

/// Wraps a schema body: the body's first line is line 4 of the document.
fn doc(body: &str) -> String {
    format!(
        "<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">\n\
         <edmx:DataServices>\n\
         <Schema Namespace=\"ns\" Alias=\"a\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">\n\
         {body}\n\
         </Schema>\n\
         </edmx:DataServices>\n\
         </edmx:Edmx>\n"
    )
}

/// Every diagnostic of a read that must fail, rendered as the user sees it.
fn errors(bytes: &[u8]) -> Vec<String> {
    match read("t.xml", bytes) {
        Ok(_) => panic!("expected the read to fail"),
        Err(d) => d.0.iter().map(ToString::to_string).collect(),
    }
}

// ---- The full Graph v1.0 metadata ------------------------------------------------------

/// Expected counts were taken from the file independently of this reader, with
/// `grep -c '<EntityType ' graph-v1.0.csdl.xml` (1182), `'<ComplexType '` (1780),
/// `'<EnumType '` (861), `'<Schema '` (11), `'<Property '` (10528), and cross-checked with
/// Python's xml.etree (children of each Schema by tag; `Member` under EnumType: 6347;
/// NavigationProperty: 1432; Action 857 + Function 324; EntitySet 40, Singleton 30).
#[test]
fn graph_v1_full_metadata_reads_with_expected_counts() {
    let model = read("graph-v1.0.csdl.xml", V1_FULL).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(model.schemas.len(), 11);
    assert_eq!(count(&model, is_entity), 1182);
    assert_eq!(count(&model, is_complex), 1780);
    assert_eq!(count(&model, is_enum), 861);
    let structs = || {
        model.types.values().filter_map(|t| match t {
            TypeDef::Structured(s) => Some(s),
            _ => None,
        })
    };
    assert_eq!(structs().map(|s| s.properties.len()).sum::<usize>(), 10528);
    assert_eq!(structs().map(|s| s.navigation.len()).sum::<usize>(), 1432);
    let members: usize = model
        .types
        .values()
        .map(|t| match t {
            TypeDef::Enum(e) => e.members.len(),
            _ => 0,
        })
        .sum();
    assert_eq!(members, 6347);
    assert_eq!(model.operations.len(), 857 + 324);
    assert_eq!(model.containers.len(), 1);
    let container = &model.containers[0];
    assert_eq!(container.name, graph("GraphService"));
    assert_eq!(
        (container.entity_sets.len(), container.singletons.len()),
        (40, 30)
    );
    // Out-of-line annotations reach entity sets and overloads named by full signature.
    let users = container
        .entity_sets
        .iter()
        .find(|s| s.name == "users")
        .expect("users");
    assert!(
        users
            .annotations
            .iter()
            .any(|a| a.term == "Org.OData.Capabilities.V1.SkipSupported"
                && a.value == AnnotationValue::Bool(false))
    );
    let assign = model
        .operations
        .iter()
        .find(|o| o.name == graph("assignUserToDevice"))
        .expect("op");
    assert_eq!(
        assign.description.summary.as_deref(),
        Some("Assigns user to Autopilot devices.")
    );
    let auditor = model.structured(&graph("auditActor")).expect("auditActor");
    assert_eq!(
        auditor
            .properties
            .iter()
            .find(|p| p.name == "applicationId")
            .and_then(|p| p.description.summary.as_deref()),
        Some("AAD Application Id.")
    );
    // The `self` alias of microsoft.graph.security resolves like `graph` does.
    let security = model
        .schemas
        .iter()
        .find(|s| s.namespace == "microsoft.graph.security")
        .expect("security schema");
    assert_eq!(security.alias.as_deref(), Some("self"));
    let alert = model
        .structured(&QualifiedName::new("microsoft.graph.security", "alert"))
        .expect("security.alert");
    assert_eq!(alert.base, Some(graph("entity")));
}

// ---- The beta closure ------------------------------------------------------------------

fn beta() -> Model {
    read("schema/exchangeRestoreSession.closure.csdl.xml", BETA).unwrap_or_else(|d| panic!("{d}"))
}

#[test]
fn beta_closure_type_counts() {
    let model = beta();
    assert_eq!(count(&model, is_enum), 13);
    assert_eq!(count(&model, is_entity), 12);
    assert_eq!(count(&model, is_complex), 9);
    assert_eq!(model.schemas.len(), 1);
    assert_eq!(model.schemas[0].alias.as_deref(), Some("graph"));
}

#[test]
fn beta_evolvable_enum_keeps_declaration_order() {
    let model = beta();
    let Some(TypeDef::Enum(status)) = model.types.get(&graph("restoreSessionStatus")) else {
        panic!("enum")
    };
    let names: Vec<&str> = status.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "draft",
            "activating",
            "active",
            "completedWithError",
            "completed",
            "unknownFutureValue",
            "failed"
        ]
    );
    let evolvable: Vec<(&str, i64)> = status
        .evolvable_members()
        .iter()
        .map(|m| (m.name.as_str(), m.value))
        .collect();
    assert_eq!(evolvable, [("failed", 6)]);
    assert!(!status.is_flags);
    assert_eq!(status.underlying, Primitive::Int32);

    let Some(TypeDef::Enum(tags)) = model.types.get(&graph("restorePointTags")) else {
        panic!("enum")
    };
    assert!(tags.is_flags);
    assert_eq!(
        tags.evolvable_members().first().map(|m| m.name.as_str()),
        Some("includeNewerItems")
    );
}

#[test]
fn beta_inheritance_open_abstract_and_key() {
    let model = beta();
    // Written `graph.restoreSessionBase` in the file: the alias is resolved.
    assert_eq!(
        structured(&model, "exchangeRestoreSession").base,
        Some(graph("restoreSessionBase"))
    );
    let chain: Vec<String> = model
        .base_chain(&graph("granularMailboxRestoreArtifact"))
        .iter()
        .map(|t| t.name.name.clone())
        .collect();
    assert_eq!(
        chain,
        ["mailboxRestoreArtifact", "restoreArtifactBase", "entity"]
    );
    assert!(structured(&model, "identitySet").is_open);
    assert!(!structured(&model, "publicError").is_open);
    let entity = structured(&model, "entity");
    assert!(entity.is_abstract);
    assert_eq!(entity.key, ["id"]);
    assert_eq!(entity.properties[0].nullable, Some(false));
    assert!(!entity.properties[0].is_nullable());

    let session = structured(&model, "exchangeRestoreSession");
    let nav = &session.navigation[0];
    assert_eq!(nav.name, "granularMailboxRestoreArtifacts");
    assert!(nav.contains_target);
    assert_eq!(
        nav.ty,
        TypeRef {
            collection: true,
            name: TypeName::Named(graph("granularMailboxRestoreArtifact"))
        }
    );
}

#[test]
fn beta_descriptions_are_read() {
    let model = beta();
    let root = structured(&model, "backupRestoreRoot");
    assert_eq!(
        root.properties[0].description.summary.as_deref(),
        Some("Represents the tenant-level status of the Backup Storage service.")
    );
    let sessions = root
        .navigation
        .iter()
        .find(|n| n.name == "exchangeRestoreSessions")
        .expect("nav");
    assert_eq!(
        sessions.description.summary.as_deref(),
        Some("The list of Exchange restore sessions available in the tenant.")
    );
    // Descriptions are applied, not kept twice.
    assert!(
        sessions
            .annotations
            .iter()
            .all(|a| !a.term.ends_with("Description"))
    );
    let with_summary = model
        .types
        .values()
        .filter_map(|t| match t {
            TypeDef::Structured(s) => Some(s),
            _ => None,
        })
        .flat_map(|s| s.properties.iter())
        .filter(|p| p.description.summary.is_some())
        .count();
    assert!(
        with_summary > 50,
        "only {with_summary} properties have a description"
    );
}

#[test]
fn beta_bound_action_activate() {
    let model = beta();
    let activate: Vec<_> = model
        .operations
        .iter()
        .filter(|o| o.name == graph("activate"))
        .collect();
    assert_eq!(activate.len(), 1);
    let activate = activate[0];
    assert_eq!(activate.kind, OperationKind::Action);
    assert!(activate.is_bound);
    assert!(!activate.is_composable);
    assert_eq!(activate.parameters.len(), 1);
    assert_eq!(activate.parameters[0].name, "bindingParameter");
    let session_base = TypeRef {
        collection: false,
        name: TypeName::Named(graph("restoreSessionBase")),
    };
    assert_eq!(activate.parameters[0].ty, session_base);
    assert_eq!(
        activate.return_type.as_ref().map(|r| &r.ty),
        Some(&session_base)
    );
    let terms: Vec<&str> = activate
        .annotations
        .iter()
        .map(|a| a.term.as_str())
        .collect();
    assert!(
        terms.contains(&"Org.OData.Capabilities.V1.InsertRestrictions"),
        "{terms:?}"
    );
    assert!(terms.contains(&"Org.OData.Core.V1.Links"), "{terms:?}");
}

#[test]
fn beta_solutions_singleton_and_bindings() {
    let model = beta();
    let container = &model.containers[0];
    assert_eq!(container.name, graph("GraphService"));
    assert_eq!(container.singletons.len(), 1);
    let solutions = &container.singletons[0];
    assert_eq!(solutions.name, "solutions");
    assert_eq!(solutions.ty, graph("solutionsRoot"));
    assert_eq!(solutions.bindings.len(), 15);
    assert_eq!(
        solutions.bindings[0].path,
        "backupRestore/exchangeProtectionPolicies/mailboxExclusionUnits"
    );
    assert_eq!(
        solutions.bindings[0].target,
        "solutions/microsoft.graph.backupRestoreRoot/backupRestore/mailboxExclusionUnits"
    );
}

#[test]
fn beta_out_of_line_annotations_land_on_their_targets() {
    let model = beta();
    let keys: Vec<&str> = model.path_annotations.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "microsoft.graph.GraphService/solutions/backupRestore/exchangeRestoreSessions",
            "microsoft.graph.GraphService/solutions/backupRestore/exchangeRestoreSessions/mailboxRestoreArtifacts",
            "microsoft.graph.GraphService/solutions/backupRestore/exchangeRestoreSessions/mailboxRestoreArtifactsBulkAdditionRequests",
        ]
    );
    let update = &model.path_annotations[keys[0]];
    assert_eq!(
        update[0].term,
        "Org.OData.Capabilities.V1.UpdateRestrictions"
    );
    assert_eq!(
        update[0]
            .value
            .field("Description")
            .and_then(AnnotationValue::as_str),
        Some("Update exchangeRestoreSession")
    );
    let bulk = &model.path_annotations[keys[2]];
    let terms: Vec<&str> = bulk.iter().map(|a| a.term.as_str()).collect();
    assert_eq!(
        terms,
        [
            "Org.OData.Capabilities.V1.ReadRestrictions",
            "Org.OData.Core.V1.Links",
            "Org.OData.Capabilities.V1.InsertRestrictions",
            "Org.OData.Capabilities.V1.DeleteRestrictions",
        ]
    );
    let Some(AnnotationValue::Collection(links)) = bulk.get(1).map(|a| &a.value) else {
        panic!("links")
    };
    assert_eq!(links.len(), 4);
    let by_key = bulk[0]
        .value
        .field("ReadByKeyRestrictions")
        .and_then(|r| r.field("Description"));
    assert_eq!(
        by_key.and_then(AnnotationValue::as_str),
        Some("Get mailboxRestoreArtifactsBulkAdditionRequest")
    );

    // The fourth block targets a navigation property: it is kept on that property, after
    // the inline annotations of the same term.
    let root = structured(&model, "backupRestoreRoot");
    let units = root
        .navigation
        .iter()
        .find(|n| n.name == "protectionUnits")
        .expect("nav");
    let bindings: Vec<_> = units
        .annotations
        .iter()
        .filter(|a| a.term == "Org.OData.Core.V1.ExplicitOperationBindings")
        .collect();
    assert_eq!(bindings.len(), 2);
    assert_eq!(
        bindings[1].value,
        AnnotationValue::Collection(vec![
            AnnotationValue::String("microsoft.graph.cancelOffboard".into()),
            AnnotationValue::String("microsoft.graph.offboard".into()),
        ])
    );
}

#[test]
fn v1_closure_computed_makes_property_read_only() {
    let model = read("exchangeRestoreSession.closure.v1.0.csdl.xml", V1_CLOSURE)
        .unwrap_or_else(|d| panic!("{d}"));
    let artifact = structured(&model, "mailboxRestoreArtifact");
    let flags: Vec<(&str, bool)> = artifact
        .properties
        .iter()
        .map(|p| (p.name.as_str(), p.read_only))
        .collect();
    assert_eq!(
        flags,
        [
            ("restoredFolderId", false),
            ("restoredFolderName", true),
            ("restoredItemCount", false)
        ]
    );
}

/// The quirk's target repeats `solutions`, so it names nothing: dropped, no error.
#[test]
fn unresolvable_container_path_is_ignored() {
    let beta = std::str::from_utf8(BETA).expect("utf-8");
    let at = beta.rfind("    </Schema>").expect("schema end");
    let fragment = QUIRKS
        .split_once("-->")
        .map(|(_, rest)| rest)
        .expect("comment")
        .trim();
    let patched = format!("{}{fragment}\n{}", &beta[..at], &beta[at..]);
    let model = read("patched.xml", patched.as_bytes()).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(model.path_annotations.len(), 3);
    assert!(
        model
            .path_annotations
            .keys()
            .all(|k| !k.contains("solutions/solutions"))
    );
}

// ---- Broken and hostile input ----------------------------------------------------------

#[test]
fn malformed_xml_reports_parser_position() {
    let xml =
        doc("<ComplexType Name=\"c\">\n<Property Name=\"p\" Type=\"Edm.String\">\n</ComplexType>");
    assert_eq!(
        errors(xml.as_bytes()),
        ["t.xml:6:1: error: malformed XML: expected 'Property' tag, not 'ComplexType' at 6:1"]
    );
}

#[test]
fn truncated_xml_is_an_error() {
    let xml = doc("<ComplexType Name=\"c\"/>");
    // Cut after the type: the position is the end of the input, where the rest is missing.
    let cut = &xml[..xml.find("</Schema>").expect("end")];
    assert_eq!(
        errors(cut.as_bytes()),
        ["t.xml:5:1: error: malformed XML: the root node was opened but never closed"]
    );
    // Cut inside a start tag.
    let cut = &xml[..xml.find("Name=\"c").expect("name")];
    assert_eq!(
        errors(cut.as_bytes()),
        ["t.xml:4:14: error: malformed XML: unexpected end of stream"]
    );
}

#[test]
fn non_utf8_reports_first_bad_byte() {
    let mut bytes = doc("<ComplexType Name=\"c\"/>").into_bytes();
    // Replace the `c` of Name="c" (line 4, column 20) with a Latin-1 byte.
    let name_at = String::from_utf8(bytes.clone())
        .expect("utf-8")
        .find("\"c\"")
        .expect("name")
        + 1;
    bytes[name_at] = 0xE9;
    assert_eq!(
        errors(&bytes),
        ["t.xml:4:20: error: input is not UTF-8: invalid byte at offset 201"]
    );
}

#[test]
fn empty_and_blank_input_are_errors() {
    for input in [&b""[..], b"  \n\t ", b"\xEF\xBB\xBF"] {
        assert_eq!(
            errors(input),
            ["t.xml: error: input is empty: expected a CSDL XML document"],
            "{input:?}"
        );
    }
}

#[test]
fn bom_prefixed_input_reads() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(doc("<ComplexType Name=\"c\"/>").as_bytes());
    let model = read("t.xml", &bytes).unwrap_or_else(|d| panic!("{d}"));
    let c = model
        .structured(&QualifiedName::new("ns", "c"))
        .expect("ns.c");
    assert_eq!(c.pos.to_string(), "4:1");
}

#[test]
fn unknown_edm_type_is_an_error_at_the_attribute() {
    let xml =
        doc("<ComplexType Name=\"c\">\n  <Property Name=\"p\" Type=\"Edm.Foo\"/>\n</ComplexType>");
    assert_eq!(
        errors(xml.as_bytes()),
        ["t.xml:5:28: error: unknown primitive type `Edm.Foo`"]
    );
}

#[test]
fn inheritance_cycle_is_reported_once_with_its_names() {
    let xml = doc("<EntityType Name=\"b\" BaseType=\"a.a\"/>\n\
         <EntityType Name=\"a\" BaseType=\"ns.b\"/>\n\
         <ComplexType Name=\"self\" BaseType=\"ns.self\"/>\n\
         <EntityType Name=\"leaf\" BaseType=\"ns.b\"/>");
    assert_eq!(
        errors(xml.as_bytes()),
        [
            "t.xml:5:1: error: inheritance cycle: `ns.a` -> `ns.b` -> `ns.a`",
            "t.xml:6:1: error: inheritance cycle: `ns.self` -> `ns.self`",
        ]
    );
}

#[test]
fn duplicate_type_names_name_both_positions() {
    // `a.c` is the same type as `ns.c`: the alias does not make a new name.
    let xml = doc("<ComplexType Name=\"c\"/>\n<EnumType Name=\"c\"/>");
    assert_eq!(
        errors(xml.as_bytes()),
        ["t.xml:5:1: error: duplicate type `ns.c`: also defined at 4:1"]
    );
}

#[test]
fn duplicate_property_names_name_both_positions() {
    let xml = doc("<EntityType Name=\"e\">\n\
         <Property Name=\"p\" Type=\"Edm.String\"/>\n\
         <NavigationProperty Name=\"p\" Type=\"a.e\"/>\n\
         </EntityType>");
    assert_eq!(
        errors(xml.as_bytes()),
        ["t.xml:6:1: error: duplicate property `p` in type `ns.e`: also defined at 5:1"]
    );
}

#[test]
fn missing_name_is_reported_for_each_element() {
    let xml = doc("<EntityType>\n\
         <Property Name=\"p\" Type=\"Edm.String\"/>\n\
         </EntityType>\n\
         <ComplexType Name=\"c\">\n\
         <Property Type=\"Edm.String\"/>\n\
         </ComplexType>");
    assert_eq!(
        errors(xml.as_bytes()),
        [
            "t.xml:4:1: error: `EntityType` element has no `Name` attribute",
            "t.xml:8:1: error: `Property` element has no `Name` attribute",
        ]
    );
}

#[test]
fn wrong_root_element_is_an_error() {
    assert_eq!(
        errors(b"<Edmx Version=\"4.0\"/>"),
        [
            "t.xml:1:1: error: expected root element `edmx:Edmx` in namespace `http://docs.oasis-open.org/odata/ns/edmx`, found `Edmx` without a namespace"
        ]
    );
    assert_eq!(
        errors(b"<?xml version=\"1.0\"?>\n<edmx:Edmx xmlns:edmx=\"urn:other\"/>"),
        [
            "t.xml:2:1: error: expected root element `edmx:Edmx` in namespace `http://docs.oasis-open.org/odata/ns/edmx`, found `Edmx` in namespace `urn:other`"
        ]
    );
}

#[test]
fn dtd_with_entity_expansion_is_rejected() {
    let xml = "<?xml version=\"1.0\"?>\n\
        <!DOCTYPE lolz [\n\
        <!ENTITY lol \"lol\">\n\
        <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n\
        <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n\
        ]>\n\
        <edmx:Edmx xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">&lol3;</edmx:Edmx>";
    let errs = errors(xml.as_bytes());
    assert_eq!(
        errs,
        ["t.xml:2:1: error: malformed XML: XML with DTD detected"]
    );
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    const DEPTH: usize = 100_000;
    // Foreign elements nested inside a type: skipped without recursion.
    let body = format!(
        "<ComplexType Name=\"c\">{}{}</ComplexType>",
        "<x:a xmlns:x=\"urn:x\">".repeat(DEPTH),
        "</x:a>".repeat(DEPTH)
    );
    let model = read("t.xml", doc(&body).as_bytes()).unwrap_or_else(|d| panic!("{d}"));
    assert!(model.structured(&QualifiedName::new("ns", "c")).is_some());
    // Annotation expressions are read recursively: the depth limit turns them into an error.
    let body = format!(
        "<ComplexType Name=\"c\"><Annotation Term=\"Core.Links\">{}{}</Annotation></ComplexType>",
        "<Collection>".repeat(DEPTH),
        "</Collection>".repeat(DEPTH)
    );
    let errs = errors(doc(&body).as_bytes());
    assert_eq!(errs.len(), 1);
    assert!(
        errs[0].ends_with("error: annotation expression nested deeper than 64 levels"),
        "{errs:?}"
    );
    // Plain EDM elements nested anywhere else are ignored, not walked.
    let body = format!("{}{}", "<Schema>".repeat(DEPTH), "</Schema>".repeat(DEPTH));
    assert!(read("t.xml", doc(&body).as_bytes()).is_ok());
}

#[test]
fn invalid_boolean_and_enum_values_are_errors() {
    let xml = doc("<ComplexType Name=\"c\" OpenType=\"yes\"/>\n\
         <EnumType Name=\"e\">\n\
         <Member Name=\"a\" Value=\"one\"/>\n\
         </EnumType>");
    assert_eq!(
        errors(xml.as_bytes()),
        [
            "t.xml:4:33: error: invalid boolean `yes` for attribute `OpenType` (expected `true` or `false`)",
            "t.xml:6:25: error: enum member `a` has value `one`, which is not an integer",
        ]
    );
}

#[test]
fn enum_members_without_value_count_up_from_the_previous() {
    let xml = doc("<EnumType Name=\"e\" UnderlyingType=\"Edm.Byte\">\n\
         <Member Name=\"a\"/><Member Name=\"b\"/><Member Name=\"c\" Value=\"10\"/><Member Name=\"d\"/>\n\
         </EnumType>");
    let model = read("t.xml", xml.as_bytes()).unwrap_or_else(|d| panic!("{d}"));
    let Some(TypeDef::Enum(e)) = model.types.get(&QualifiedName::new("ns", "e")) else {
        panic!("enum")
    };
    let values: Vec<(&str, i64)> = e
        .members
        .iter()
        .map(|m| (m.name.as_str(), m.value))
        .collect();
    assert_eq!(values, [("a", 0), ("b", 1), ("c", 10), ("d", 11)]);
    assert_eq!(e.underlying, Primitive::Byte);
}

// ---- IR snapshot of a small fixture ----------------------------------------------------

const SMALL: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/reader-small.csdl.xml"
));

#[test]
fn small_fixture_ir_snapshot() {
    let model =
        read("tests/fixtures/reader-small.csdl.xml", SMALL).unwrap_or_else(|d| panic!("{d}"));
    insta::assert_snapshot!(render(&model));
}

/// The IR of `schema/`, the input `generated/` is built from: a reviewer sees every type,
/// member, description and annotation the reader found, with its position.
#[test]
fn schema_ir_snapshot() {
    insta::assert_snapshot!(render(&beta()));
}

/// Every prefix of a real document (at a prime stride, cutting tags, attributes and
/// multi-byte characters) reads or fails with a diagnostic; none panics.
#[test]
fn truncated_real_documents_never_panic() {
    for end in (0..BETA.len()).step_by(97) {
        if let Err(d) = read("cut.xml", &BETA[..end]) {
            assert!(!d.0.is_empty(), "an error without diagnostics at {end}");
        }
    }
}
