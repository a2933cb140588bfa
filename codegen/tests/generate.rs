//! Whole-pipeline tests: each fixture's generated files are insta snapshots (read them
//! next to the fixture: input and output side by side), and generation is deterministic.

use std::collections::BTreeMap;

use odata_codegen::{Input, Options, QualifiedName, generate};

const FIXTURES: &[(&str, &str)] = &[
    ("inheritance", include_str!("fixtures/inheritance.xml")),
    ("flags", include_str!("fixtures/flags.xml")),
    ("keywords", include_str!("fixtures/keywords.xml")),
    ("recursion", include_str!("fixtures/recursion.xml")),
    ("open_types", include_str!("fixtures/open_types.xml")),
    ("endpoints", include_str!("fixtures/endpoints.xml")),
    ("areas", include_str!("fixtures/areas.xml")),
];

const SCHEMA: &[u8] = include_bytes!("../../schema/exchangeRestoreSession.closure.csdl.xml");

fn options(roots: &[&str], navigation_depth: usize) -> Options {
    Options {
        roots: roots
            .iter()
            .filter_map(|r| QualifiedName::parse(r))
            .collect(),
        navigation_depth,
        regenerate_command: "cargo test -p odata-codegen".to_owned(),
        ..Options::new("fixture")
    }
}

fn files(name: &str, text: &str) -> Result<BTreeMap<String, String>, odata_codegen::Diagnostics> {
    let input = Input {
        name: &format!("tests/fixtures/{name}.xml"),
        bytes: text.as_bytes(),
    };
    generate(input, &options(&[], 1)).map(|output| output.files)
}

#[test]
fn fixtures_generate_the_reviewed_files() {
    for (name, text) in FIXTURES {
        let files = files(name, text).unwrap_or_else(|e| panic!("{name} failed to generate:\n{e}"));
        for (path, contents) in files {
            let snapshot = format!("{name}__{}", path.replace('/', "__"));
            insta::assert_snapshot!(snapshot, contents);
        }
    }
}

#[test]
fn generating_twice_gives_identical_bytes() {
    let input = Input {
        name: "schema/exchangeRestoreSession.closure.csdl.xml",
        bytes: SCHEMA,
    };
    let options = options(&["microsoft.graph.exchangeRestoreSession"], 2);
    let first = generate(input, &options).unwrap().files;
    let second = generate(input, &options).unwrap().files;
    assert_eq!(first, second);
}

#[test]
fn schema_closure_holds_what_create_read_and_list_bodies_use() {
    let input = Input {
        name: "schema/exchangeRestoreSession.closure.csdl.xml",
        bytes: SCHEMA,
    };
    let output = generate(
        input,
        &options(&["microsoft.graph.exchangeRestoreSession"], 2),
    )
    .unwrap();
    let paths: Vec<&str> = output.files.keys().map(String::as_str).collect();
    for expected in [
        "src/microsoft_graph/exchange_restore_session.rs",
        "src/microsoft_graph/restore_session_base.rs",
        "src/microsoft_graph/entity.rs",
        "src/microsoft_graph/mailbox_restore_artifact.rs",
        "src/microsoft_graph/granular_mailbox_restore_artifact.rs",
        "src/microsoft_graph/mailbox_restore_artifacts_bulk_addition_request.rs",
        "src/microsoft_graph/restore_artifact_base.rs",
        "src/microsoft_graph/restore_point.rs",
        "src/microsoft_graph/restore_point_tags.rs",
        "src/microsoft_graph/restore_session_status.rs",
        "src/microsoft_graph/identity_set.rs",
        "src/microsoft_graph/public_error.rs",
    ] {
        assert!(
            paths.contains(&expected),
            "{expected} missing from {paths:#?}"
        );
    }
    // The snippet's roots (backupRestoreRoot, solutionsRoot) and their 36 missing targets
    // are outside the closure, so they are neither generated nor errors.
    assert!(
        !paths
            .iter()
            .any(|p| p.contains("backup_restore_root") || p.contains("solutions_root"))
    );
    // restorePoint → protectionUnit is the third navigation hop: beyond depth 2, raw JSON.
    assert!(!paths.iter().any(|p| p.contains("protection_unit_base")));
    assert_eq!(output.stats.raw_navigation_properties, 1);
}

#[test]
fn no_roots_generates_every_type_and_keeps_missing_navigation_targets_raw() {
    let input = Input {
        name: "schema/exchangeRestoreSession.closure.csdl.xml",
        bytes: SCHEMA,
    };
    let output = generate(input, &options(&[], 1)).unwrap();
    assert_eq!(output.stats.selected_types, output.stats.input_types);
    assert!(
        output
            .files
            .contains_key("src/microsoft_graph/backup_restore_root.rs")
    );
    // backupRestoreRoot and solutionsRoot point at types the snippet leaves out.
    assert!(output.warnings.len() >= 36, "{:#?}", output.warnings);
    assert!(
        output
            .warnings
            .iter()
            .all(|w| w.to_string().contains("kept as raw JSON"))
    );
}

#[test]
fn an_unknown_root_is_an_error() {
    let input = Input {
        name: "schema/x.xml",
        bytes: SCHEMA,
    };
    let error = generate(input, &options(&["microsoft.graph.nope"], 1))
        .unwrap_err()
        .to_string();
    assert_eq!(
        error,
        "schema/x.xml: error: root type `microsoft.graph.nope` is not defined in the input"
    );
}

#[test]
fn an_undefined_property_type_inside_the_closure_is_an_error_with_its_position() {
    let xml = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="s" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <ComplexType Name="a">
        <Property Name="b" Type="s.missing" />
      </ComplexType>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#;
    let error = generate(
        Input {
            name: "bad.xml",
            bytes: xml.as_bytes(),
        },
        &options(&[], 1),
    )
    .unwrap_err()
    .to_string();
    assert_eq!(
        error,
        "bad.xml:5:9: error: type `s.missing` is not defined in the input"
    );
}

fn schema(body: &str) -> String {
    format!(
        r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
<Schema Namespace="h" xmlns="http://docs.oasis-open.org/odata/ns/edm">{body}</Schema>
</edmx:DataServices></edmx:Edmx>"#
    )
}

#[test]
fn a_base_type_of_the_wrong_kind_is_an_error_with_its_position() {
    let cases = [
        (
            r#"<EntityType Name="e"/><ComplexType Name="c" BaseType="h.e"/>"#,
            "bad.xml:2:93: error: `h.c` is a complex type and cannot derive from `h.e`, which is an entity type",
        ),
        (
            r#"<EnumType Name="e"/><ComplexType Name="c" BaseType="h.e"/>"#,
            "bad.xml:2:91: error: `h.c` is a complex type and cannot derive from `h.e`, which is an enum type",
        ),
    ];
    for (body, expected) in cases {
        let xml = schema(body);
        let input = Input {
            name: "bad.xml",
            bytes: xml.as_bytes(),
        };
        let error = generate(input, &options(&[], 1)).unwrap_err().to_string();
        assert_eq!(error, expected);
    }
}

#[test]
fn an_enum_without_members_keeps_every_value() {
    let xml = schema(r#"<EnumType Name="e"/>"#);
    let output = generate(
        Input {
            name: "e.xml",
            bytes: xml.as_bytes(),
        },
        &options(&[], 1),
    )
    .unwrap();
    let file = &output.files["src/h/e.rs"];
    assert!(
        file.contains("Self::Unrecognized(value.to_owned())"),
        "{file}"
    );
}

/// The selective case at Graph's scale: one root of the whole v1.0 metadata generates its
/// closure (structure without limit, navigation one hop deep) and nothing else.
/// `xtask/tests/fixtures_compile.rs` builds the result with clippy and rustdoc.
#[test]
fn one_root_of_graph_v1_generates_only_its_closure() {
    let input = Input {
        name: "tests/data/graph-v1.0.csdl.xml",
        bytes: include_bytes!("data/graph-v1.0.csdl.xml"),
    };
    let output = generate(input, &options(&["microsoft.graph.user"], 1)).unwrap();
    assert_eq!(output.stats.input_types, 3823);
    assert_eq!(output.stats.selected_types, 421);
    assert_eq!(
        output.stats.selected_endpoints, 0,
        "a root alone asks for models"
    );
    let has = |file: &str| {
        output
            .files
            .contains_key(&format!("src/microsoft_graph/{file}.rs"))
    };
    // The root, its bases, a structural property's type, and a navigation target.
    for file in [
        "user",
        "directory_object",
        "entity",
        "assigned_license",
        "message",
    ] {
        assert!(has(file), "{file} missing");
    }
    // A message's attachments are two hops away: raw JSON, not generated.
    assert!(!has("attachment") && !has("education_rubric"));
    assert!(!output.files.keys().any(|p| p.starts_with("src/requests")));
}
