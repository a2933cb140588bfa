//! Cargo features per area: which feature compiles each type, on a fixture that has every
//! case, and on the whole of Graph v1.0 (where a per-area cut has to stay small to be worth
//! having). `xtask/tests/fixtures_compile.rs` builds the fixture under each feature.

#![allow(
    clippy::panic,
    clippy::unwrap_used,
    reason = "a failed step is a failed test"
)]

use odata_codegen::areas::{Areas, Gate};
use odata_codegen::ir::Model;
use odata_codegen::naming::Names;
use odata_codegen::select::{self, Selection};
use odata_codegen::{Input, Options, QualifiedName, UrlConventions};

const FIXTURE: &str = include_str!("fixtures/areas.xml");
const V1_FULL: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/graph-v1.0.csdl.xml"
));

fn options(paths: &[&str], urls: UrlConventions) -> Options {
    Options {
        regenerate_command: "cargo test -p odata-codegen".to_owned(),
        paths: paths.iter().map(|p| (*p).to_owned()).collect(),
        urls,
        ..Options::new("fixture")
    }
}

fn areas_of(bytes: &[u8], options: &Options) -> (Model, Selection, Areas, Names) {
    let model = odata_codegen::read(Input {
        name: "input.xml",
        bytes,
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let endpoints = odata_codegen::endpoints_of(&model, options);
    let request = select::Request {
        roots: &options.roots,
        paths: &options.paths,
        navigation_depth: options.navigation_depth,
        urls: options.urls,
    };
    let selection =
        select::select(&model, endpoints, &request, "input.xml").unwrap_or_else(|e| panic!("{e}"));
    let areas = Areas::assign(&model, &selection);
    let names = Names::assign(&model, &selection, &areas, "fixture");
    (model, selection, areas, names)
}

/// `a, b` for the features whose area compiles a type; `full` for `Gate::Full`.
fn features(areas: &Areas, names: &Names, name: &QualifiedName) -> String {
    match areas.of_type(name) {
        Gate::Always => "always".to_owned(),
        Gate::Full => "full".to_owned(),
        Gate::Any(set) => set
            .iter()
            .map(|i| names.features[*i].as_str())
            .collect::<Vec<_>>()
            .join(", "),
    }
}

fn graph(name: &str) -> QualifiedName {
    QualifiedName::new("microsoft.graph", name)
}

#[test]
fn each_type_is_compiled_by_the_areas_that_need_it() {
    let (_, selection, areas, names) =
        areas_of(FIXTURE.as_bytes(), &options(&[], UrlConventions::default()));
    assert_eq!(
        names.features,
        ["desks", "meeting_rooms", "people", "rooms"],
        "one feature per entity set, named like its request module"
    );
    let table: Vec<String> = selection
        .types
        .iter()
        .map(|name| format!("{}: {}", name.name, features(&areas, &names, name)))
        .collect();
    assert_eq!(
        table,
        [
            // Needed by every person and room, through a property.
            "address: meeting_rooms, people, rooms",
            // Named by `/people/{id}/attachments`.
            "attachment: people",
            // `person.desk` is not navigable from `people`: only `/desks` names a desk.
            "desk: desks",
            // Every entity's base.
            "entity: desks, meeting_rooms, people, rooms",
            // No endpoint names it: it can only arrive as an attachment, so it comes along.
            "fileAttachment: people",
            // Has its own set; in `rooms` it is a variant only with `meeting_rooms`.
            "meetingRoom: meeting_rooms",
            "person: people",
            "role: people",
            "room: meeting_rooms, rooms",
            // Needed by nothing.
            "unused: full",
        ]
    );
}

#[test]
fn fields_and_variants_exist_only_with_their_types() {
    let input = Input {
        name: "tests/fixtures/areas.xml",
        bytes: FIXTURE.as_bytes(),
    };
    let files = odata_codegen::generate(input, &options(&[], UrlConventions::default()))
        .unwrap_or_else(|e| panic!("{e}"))
        .files;
    let person = &files["src/example_office/person.rs"];
    assert!(person.contains("#[cfg(feature = \"desks\")]\n    pub desk:"));
    let room = &files["src/example_office/room.rs"];
    assert!(room.contains("#[cfg(feature = \"meeting_rooms\")]\n    MeetingRoom("));
    let requests = &files["src/requests.rs"];
    assert!(requests.contains("#[cfg(feature = \"people\")]\npub mod people;"));
    let manifest = &files["Cargo.toml"];
    assert!(manifest.contains("default = [\"client\", \"full\"]"));
    assert!(manifest.contains("full = [\"desks\", \"meeting_rooms\", \"people\", \"rooms\"]"));
}

#[test]
fn a_selection_within_one_area_gets_no_features() {
    let (model, selection, areas, _) = areas_of(
        FIXTURE.as_bytes(),
        &options(&["/people"], UrlConventions::default()),
    );
    assert!(areas.is_empty());
    for name in model.types.keys().filter(|n| selection.contains(n)) {
        assert_eq!(areas.of_type(name), Gate::Always, "{name}");
    }
}

/// Per area, Graph v1.0 must cut small: the point is that one area checks in seconds
/// (docs/performance.md measures it). Needing is narrower than selection's closure: in
/// `users`, an `application` is a `directoryObject` unless `applications` is on too, while attachments
/// come with every type derived from `attachment`, which no endpoint names.
#[test]
fn graph_v1_areas_are_a_fraction_of_graph() {
    let graph_urls = UrlConventions {
        key_as_segment: true,
        unqualified_operations: true,
    };
    let (_, selection, areas, names) = areas_of(V1_FULL, &options(&[], graph_urls));
    assert_eq!(areas.keys.len(), 70);
    let largest = areas.sizes().into_iter().map(|(types, _)| types).max();
    let third = selection.types.len() / 3;
    assert!(
        largest.is_some_and(|n| n <= third),
        "{largest:?} types > a third"
    );
    let in_users = |name: &str| {
        features(&areas, &names, &graph(name))
            .split(", ")
            .any(|f| f == "users")
    };
    assert!(in_users("user") && in_users("directoryObject") && in_users("assignedLicense"));
    assert!(in_users("fileAttachment") && in_users("eventMessage"));
    assert!(!in_users("application") && !in_users("educationRubric"));
}
