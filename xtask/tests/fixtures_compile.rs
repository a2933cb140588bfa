//! Every good input generates a crate that builds with clippy and rustdoc clean: the insta
//! snapshots show what the generator writes, this shows that what it writes compiles.
//!
//! Each crate is written under `target/fixture-crates/` through `cargo xtask generate`'s own
//! code path and checked by a nested cargo that shares one target folder, so the runtime's
//! dependencies are built once for all of them.

#![allow(
    clippy::panic,
    clippy::unwrap_used,
    reason = "a failed step is a failed test"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

use odata_codegen::{Diagnostics, Input, Options, Output};
use xtask::generate::{GenerateArgs, UrlArgs, generate, generate_with};
use xtask::paths::workspace_root;

/// (crate folder, input relative to the workspace, roots): the codegen fixtures, a non-Graph
/// service (TripPin, clippy-checked only: its snapshots would add little), a non-Graph
/// OpenAPI document (petstore: its header says what the reader makes of it), the v1.0
/// closure (read-only properties), the beta snippet with no roots (navigation targets the
/// snippet leaves out become raw JSON), and one root of the whole of Graph v1.0.
const CASES: &[(&str, &str, &[&str])] = &[
    ("inheritance", "codegen/tests/fixtures/inheritance.xml", &[]),
    ("flags", "codegen/tests/fixtures/flags.xml", &[]),
    ("keywords", "codegen/tests/fixtures/keywords.xml", &[]),
    ("recursion", "codegen/tests/fixtures/recursion.xml", &[]),
    ("open-types", "codegen/tests/fixtures/open_types.xml", &[]),
    ("trippin", "codegen/tests/fixtures/trippin.xml", &[]),
    ("endpoints", "codegen/tests/fixtures/endpoints.xml", &[]),
    ("areas", "codegen/tests/fixtures/areas.xml", &[]),
    ("petstore", "codegen/tests/fixtures/petstore.yaml", &[]),
    (
        "graph-v1-closure",
        "codegen/tests/data/exchangeRestoreSession.closure.v1.0.csdl.xml",
        &[],
    ),
    (
        "graph-beta-everything",
        "schema/exchangeRestoreSession.closure.csdl.xml",
        &[],
    ),
    // The selective case at scale: one root of all of Graph v1.0, models only.
    (
        "graph-v1-user",
        "codegen/tests/data/graph-v1.0.csdl.xml",
        &["microsoft.graph.user"],
    ),
];

/// `cargo xtask generate --input INPUT --out OUT [--crate-name NAME]`: every type and
/// endpoint, OData's default URL style.
fn generate_everything(input: &Path, out: &Path, crate_name: Option<&str>) {
    let args = GenerateArgs {
        input: input.to_owned(),
        out: out.to_owned(),
        roots: Vec::new(),
        crate_name: crate_name.map(str::to_owned),
        navigation_depth: 1,
        paths: Vec::new(),
        urls: UrlArgs::default(),
    };
    generate(&args).unwrap();
}

fn cargo(dir: &Path, target: &Path, args: &[&str]) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let (command, rest) = args.split_first().ok_or("no cargo command")?;
    let output = Command::new(cargo)
        .arg(command)
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .args(rest)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTFLAGS", "-D warnings")
        .env("RUSTDOCFLAGS", "-D warnings")
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "`cargo {}` failed for {}:\n{}",
            args.join(" "),
            dir.display(),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// The crate `cargo xtask generate` builds from the OpenAPI excerpt reads and writes the
/// same Graph JSON as the one in generated/, built from the CSDL: generated/'s table of JSON
/// cases runs against it unchanged (the package name is the same so the file compiles as is).
#[test]
fn openapi_crate_passes_the_json_cases_of_the_csdl_crate() {
    let root = workspace_root();
    let base: PathBuf = root.join("target/fixture-crates");
    let out = base.join("graph-openapi-excerpt");
    generate_everything(
        &root.join("schema/exchangeRestoreSession.openapi.excerpt.yaml"),
        &out,
        Some("msgraph-backup-restore-beta"),
    );
    let tests = out.join("tests");
    std::fs::create_dir_all(tests.join("data")).unwrap();
    std::fs::copy(
        root.join("generated/tests/json_cases.rs"),
        tests.join("json_cases.rs"),
    )
    .unwrap();
    for data in ["seed-create-request.json", "seed-create-response.json"] {
        std::fs::copy(
            root.join("generated/tests/data").join(data),
            tests.join("data").join(data),
        )
        .unwrap();
    }
    let target = base.join("target");
    for step in [
        &["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"][..],
        &["doc", "--quiet", "--no-deps"],
        // The cases need the models only: no HTTP client to build.
        &[
            "test",
            "--quiet",
            "--no-default-features",
            "--test",
            "json_cases",
        ],
    ] {
        if let Err(e) = cargo(&out, &target, step) {
            panic!("{e}");
        }
    }
}

#[test]
fn generated_crates_build_with_clippy_and_rustdoc_clean() {
    let root = workspace_root();
    let base: PathBuf = root.join("target/fixture-crates");
    let target = base.join("target");
    let mut failures = Vec::new();
    for (name, input, roots) in CASES {
        let out = base.join(name);
        let args = GenerateArgs {
            input: root.join(input),
            out: out.clone(),
            roots: roots.iter().map(|r| (*r).to_owned()).collect(),
            crate_name: None,
            navigation_depth: 1,
            paths: Vec::new(),
            // Graph's URL style for the Graph inputs, OData's default for the others.
            urls: UrlArgs {
                key_as_segment: input.contains("graph") || input.starts_with("schema/"),
                unqualified_operations: input.contains("graph") || input.starts_with("schema/"),
                containment_recursion: 1,
            },
        };
        if let Err(e) = generate(&args) {
            failures.push(format!("{name}: generation failed: {e}"));
            continue;
        }
        for step in [
            &["clippy", "--quiet", "--", "-D", "warnings"][..],
            &["doc", "--quiet", "--no-deps"],
        ] {
            if let Err(e) = cargo(&out, &target, step) {
                failures.push(e);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// `odata_codegen::generate` for a crate that joins a workspace: without the empty
/// `[workspace]` that makes a generated crate build alone. Going through `generate_with`
/// keeps the write-only-what-differs sync, so an unchanged member is not rebuilt.
fn as_member(input: Input<'_>, options: &Options) -> Result<Output, Diagnostics> {
    let mut output = odata_codegen::generate(input, options)?;
    if let Some(manifest) = output.files.get_mut("Cargo.toml") {
        *manifest = manifest.replace("\n[workspace]\n", "\n");
    }
    Ok(output)
}

/// The adversarial corpus's good inputs (`codegen/tests/adversarial/good/`: keywords,
/// prelude names, collisions, recursion, every primitive, hostile docs) build with clippy
/// and rustdoc clean. They are members of one temporary workspace, so two cargo runs check
/// all of them instead of two per crate: each run costs a second or two of startup.
#[test]
fn adversarial_crates_build_with_clippy_and_rustdoc_clean() {
    let root = workspace_root();
    let corpus = root.join("codegen/tests/adversarial/good");
    let base: PathBuf = root.join("target/fixture-crates/adversarial");
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    inputs.sort();
    // A member left from an older corpus would join the workspace; the others stay, so an
    // unchanged crate is not rebuilt (generation rewrites only files that differ).
    let stems: Vec<String> = inputs
        .iter()
        .map(|i| i.file_stem().unwrap().to_str().unwrap().replace('_', "-"))
        .collect();
    for entry in std::fs::read_dir(&base).into_iter().flatten() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() && !stems.contains(&name) {
            std::fs::remove_dir_all(&path).unwrap();
        }
    }
    let mut members = Vec::new();
    for (input, stem) in inputs.iter().zip(&stems) {
        let args = GenerateArgs {
            input: input.clone(),
            out: base.join(stem),
            roots: Vec::new(),
            crate_name: Some(format!("adversarial-{stem}")),
            navigation_depth: 1,
            paths: Vec::new(),
            urls: UrlArgs::default(),
        };
        generate_with(&args, as_member).unwrap();
        members.push(format!("{stem:?}"));
    }
    // Written only when it changes: a new manifest makes every member dirty.
    let manifest = base.join("Cargo.toml");
    let workspace = format!(
        "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
        members.join(", ")
    );
    if std::fs::read_to_string(&manifest).ok().as_deref() != Some(workspace.as_str()) {
        std::fs::write(&manifest, workspace).unwrap();
    }
    let target = root.join("target/fixture-crates/target");
    let mut failures = Vec::new();
    for step in [
        &[
            "clippy",
            "--quiet",
            "--workspace",
            "--keep-going",
            "--",
            "-D",
            "warnings",
        ][..],
        &["doc", "--quiet", "--workspace", "--keep-going", "--no-deps"],
    ] {
        if let Err(e) = cargo(&base, &target, step) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Each area feature of the areas fixture builds alone, with no area, and with two that
/// share types: a navigation field or derived variant whose type is compiled by another
/// feature must come and go with it, warning-free.
#[test]
fn area_features_build_alone_and_together() {
    let root = workspace_root();
    let base: PathBuf = root.join("target/fixture-crates");
    let out = base.join("areas-features");
    generate_everything(&root.join("codegen/tests/fixtures/areas.xml"), &out, None);
    let target = base.join("target");
    let mut failures = Vec::new();
    for features in [
        "",
        "desks",
        "meeting_rooms",
        "people",
        "rooms",
        "people,desks",
        "rooms,meeting_rooms",
    ] {
        let step = [
            "check",
            "--quiet",
            "--no-default-features",
            "--features",
            features,
        ];
        if let Err(e) = cargo(&out, &target, &step) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
