//! Endpoint derivation by OData URL conventions: what paths a service offers, which
//! restrictions remove, and how the selection by path prefix works.

mod support;

use odata_codegen::endpoints::{Limits, derive};
use odata_codegen::ir::{Body, Endpoint, Response};
use odata_codegen::{Input, Options, QualifiedName, UrlConventions, read};
use support::{table, type_label};

const SCHEMA: &[u8] = include_bytes!("../../schema/exchangeRestoreSession.closure.csdl.xml");
const FIXTURE: &str = include_str!("fixtures/endpoints.xml");

const GRAPH: UrlConventions = UrlConventions {
    key_as_segment: true,
    unqualified_operations: true,
};

#[allow(clippy::unwrap_used)] // a test helper: panicking fails the test that called it
fn endpoints(name: &str, bytes: &[u8], urls: UrlConventions) -> Vec<Endpoint> {
    let model = read(Input { name, bytes }).unwrap();
    derive(&model, urls, Limits::default())
}

fn listing(endpoints: &[Endpoint], urls: UrlConventions) -> Vec<String> {
    endpoints
        .iter()
        .map(|e| format!("{} {}", e.method.as_str(), e.template(urls)))
        .collect()
}

#[test]
fn schema_offers_every_operation_of_the_documented_table() {
    let all = endpoints("schema.xml", SCHEMA, GRAPH);
    let find = |method: &str, template: &str| {
        all.iter()
            .find(|e| e.method.as_str() == method && e.template(GRAPH) == template)
            .unwrap_or_else(|| {
                panic!(
                    "{method} {template} missing from\n{}",
                    listing(&all, GRAPH).join("\n")
                )
            })
    };
    let sessions = "/solutions/backupRestore/exchangeRestoreSessions";
    let session = format!("{sessions}/{{exchangeRestoreSession-id}}");
    let artifacts = format!("{session}/mailboxRestoreArtifacts");
    let artifact = format!("{artifacts}/{{mailboxRestoreArtifact-id}}");
    let named = |e: &Endpoint| e.response.ty().map(type_label);

    assert_eq!(
        named(find("GET", sessions)),
        Some("exchangeRestoreSession".into())
    );
    assert!(matches!(
        find("GET", sessions).response,
        Response::Collection(_)
    ));
    assert!(matches!(find("POST", sessions).body, Body::Value(_)));
    assert!(matches!(
        find("POST", sessions).response,
        Response::Single(_)
    ));
    assert!(matches!(
        find("GET", &session).response,
        Response::Single(_)
    ));
    assert!(matches!(
        find("PATCH", &session).response,
        Response::Optional(_)
    ));
    assert!(matches!(find("DELETE", &session).response, Response::None));
    find("GET", &artifacts);
    find("POST", &artifacts);
    find("GET", &artifact);
    find("PATCH", &artifact);
    find("DELETE", &artifact);
    assert_eq!(
        named(find("GET", &format!("{artifact}/restorePoint"))),
        Some("restorePoint".into())
    );
    for child in [
        "granularMailboxRestoreArtifacts",
        "mailboxRestoreArtifactsBulkAdditionRequests",
    ] {
        find("GET", &format!("{session}/{child}"));
        find("POST", &format!("{session}/{child}"));
    }
    assert!(matches!(
        find("GET", &format!("{sessions}/$count")).response,
        Response::Count
    ));
    let activate = find(
        "POST",
        "/solutions/backupRestore/restoreSessions/{restoreSessionBase-id}/activate",
    );
    assert_eq!(named(activate), Some("restoreSessionBase".into()));
    assert_eq!(
        activate.docs.as_deref(),
        Some(
            "https://learn.microsoft.com/graph/api/restoresessionbase-activate?view=graph-rest-beta"
        )
    );
    // Bound to the base type, so also offered where a path reaches a derived type.
    find("POST", &format!("{session}/activate"));
}

#[test]
fn graph_path_annotations_describe_the_endpoints() {
    let all = endpoints("schema.xml", SCHEMA, GRAPH);
    let update = all
        .iter()
        .find(|e| {
            e.method.as_str() == "PATCH"
                && e.template(GRAPH)
                    .ends_with("exchangeRestoreSessions/{exchangeRestoreSession-id}")
        })
        .unwrap();
    assert_eq!(
        update.description.summary.as_deref(),
        Some("Update exchangeRestoreSession")
    );
    assert_eq!(
        update.docs.as_deref(),
        Some(
            "https://learn.microsoft.com/graph/api/exchangerestoresession-update?view=graph-rest-beta"
        )
    );
}

#[test]
fn schema_selection_snapshot() {
    let options = Options {
        paths: vec![
            "/solutions/backupRestore/exchangeRestoreSessions".to_owned(),
            "/solutions/backupRestore/restoreSessions/{id}/activate".to_owned(),
        ],
        urls: GRAPH,
        ..Options::new("snapshot")
    };
    let model = read(Input {
        name: "schema.xml",
        bytes: SCHEMA,
    })
    .unwrap();
    let all = odata_codegen::endpoints_of(&model, &options);
    let request = odata_codegen::select::Request {
        roots: &options.roots,
        paths: &options.paths,
        navigation_depth: options.navigation_depth,
        urls: options.urls,
    };
    let selection =
        odata_codegen::select::select(&model, all.clone(), &request, "schema.xml").unwrap();
    insta::assert_snapshot!("schema_endpoints", table(&selection.endpoints, GRAPH));
    let types: Vec<String> = selection
        .types
        .iter()
        .map(QualifiedName::to_string)
        .collect();
    insta::assert_snapshot!("schema_endpoint_types", types.join("\n"));
}

#[test]
fn fixture_endpoints_snapshot() {
    let urls = UrlConventions::default();
    insta::assert_snapshot!(
        "fixture_endpoints",
        table(&endpoints("endpoints.xml", FIXTURE.as_bytes(), urls), urls)
    );
}

#[test]
fn restrictions_remove_what_the_service_forbids() {
    let urls = UrlConventions::default();
    let lines = listing(&endpoints("endpoints.xml", FIXTURE.as_bytes(), urls), urls);
    let has = |line: &str| lines.iter().any(|l| l == line);
    // DeleteRestrictions/Deletable=false on the entity set.
    assert!(!has("DELETE /drives({drive-id})"));
    assert!(has("PATCH /drives({drive-id})"));
    // NavigationRestrictions: items under drives are not insertable, hidden not navigable.
    assert!(!has("POST /drives({drive-id})/items"));
    assert!(has("POST /me/items"));
    assert!(
        !lines
            .iter()
            .any(|l| l.contains("/drives({drive-id})/hidden"))
    );
    assert!(has("GET /me/hidden"));
    // UpdateRestrictions/UpdateMethod=PUT.
    assert!(has(
        "PUT /versions(file={version-file},number={version-number})"
    ));
    // RequiresExplicitBinding: only where ExplicitOperationBindings lists the action.
    let purges: Vec<&String> = lines.iter().filter(|l| l.ends_with("purge")).collect();
    assert_eq!(
        purges,
        ["POST /drives({drive-id})/items({item-id})/Example.Files.purge"]
    );
}

#[test]
fn query_options_follow_the_restrictions() {
    let urls = UrlConventions::default();
    let all = endpoints("endpoints.xml", FIXTURE.as_bytes(), urls);
    let list = |template: &str| {
        all.iter()
            .find(|e| e.method.as_str() == "GET" && e.template(urls) == template)
            .map(|e| e.query.iter().map(|q| q.as_str()).collect::<Vec<_>>())
            .unwrap()
    };
    // TopSupported=false on drives.
    assert_eq!(
        list("/drives"),
        [
            "$select", "$expand", "$filter", "$search", "$orderby", "$skip", "$count"
        ]
    );
    assert_eq!(list("/versions").len(), 8);
    assert_eq!(list("/drives({drive-id})"), ["$select", "$expand"]);
}

#[test]
fn recursive_containment_stops_at_the_limit() {
    let urls = UrlConventions::default();
    let model = read(Input {
        name: "e.xml",
        bytes: FIXTURE.as_bytes(),
    })
    .unwrap();
    let depth = |limit: usize| {
        listing(&derive(&model, urls, Limits { recursion: limit }), urls)
            .iter()
            .filter(|l| l.contains("/items("))
            .map(|l| l.matches("/children").count())
            .max()
            .unwrap_or(0)
    };
    assert_eq!(depth(0), 0, "an item's children would re-enter `item`");
    assert_eq!(depth(1), 1);
    assert_eq!(depth(3), 3);
}

#[test]
fn keys_and_calls_follow_the_url_conventions() {
    let odata = UrlConventions::default();
    let lines = listing(
        &endpoints("endpoints.xml", FIXTURE.as_bytes(), odata),
        odata,
    );
    assert!(lines.contains(&"GET /drives({drive-id})/items({item-id})/Example.Files.slice(start={start},label={label},tint={tint},shade={shade},span={span})".to_owned()));
    assert!(lines.contains(&"GET /latest(file={file})".to_owned()));
    assert!(lines.contains(&"POST /reset".to_owned()));
    let segments = UrlConventions {
        key_as_segment: true,
        unqualified_operations: true,
    };
    let lines = listing(
        &endpoints("endpoints.xml", FIXTURE.as_bytes(), segments),
        segments,
    );
    assert!(lines.contains(&"GET /drives/{drive-id}/items/{item-id}/slice(start={start},label={label},tint={tint},shade={shade},span={span})".to_owned()));
    // A composite key keeps its parentheses: key-as-segment is for single-part keys.
    assert!(
        lines.contains(&"GET /versions(file={version-file},number={version-number})".to_owned())
    );
}

#[test]
fn a_path_prefix_that_matches_nothing_is_an_error() {
    let model = read(Input {
        name: "schema.xml",
        bytes: SCHEMA,
    })
    .unwrap();
    let all = derive(&model, GRAPH, Limits::default());
    let paths = ["/solutions/backupRestore/exchangeRestoreSession".to_owned()];
    let request = odata_codegen::select::Request {
        roots: &[],
        paths: &paths,
        navigation_depth: 1,
        urls: GRAPH,
    };
    let error =
        odata_codegen::select::select(&model, all.clone(), &request, "schema/generate.toml")
            .unwrap_err()
            .to_string();
    assert_eq!(
        error,
        "schema/generate.toml: error: path `/solutions/backupRestore/exchangeRestoreSession` matches no endpoint of the input"
    );
}

#[test]
fn roots_alone_select_models_and_no_endpoints() {
    let model = read(Input {
        name: "schema.xml",
        bytes: SCHEMA,
    })
    .unwrap();
    let all = derive(&model, GRAPH, Limits::default());
    let roots = [QualifiedName::new(
        "microsoft.graph",
        "exchangeRestoreSession",
    )];
    let request = odata_codegen::select::Request {
        roots: &roots,
        paths: &[],
        navigation_depth: 1,
        urls: GRAPH,
    };
    let selection =
        odata_codegen::select::select(&model, all.clone(), &request, "schema.xml").unwrap();
    assert!(selection.endpoints.is_empty());
    assert!(selection.contains(&roots[0]));
}
