//! regenerate and generate end to end, with fake generators standing in for odata-codegen
//! (whose passes are still being written), on temporary workspaces.

// Helpers outside #[test] fns are not covered by clippy.toml's allow-unwrap-in-tests; in a
// test, a failed unwrap is a failed test, which is what we want.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use odata_codegen::{Diagnostic, Diagnostics, Input, Options, Output, RuntimeDependency};
use xtask::generate::{GenerateArgs, UrlArgs, generate_with};
use xtask::paths::{resolve, workspace_root};
use xtask::regenerate::regenerate_with;
use xtask::{Error, Mode};

/// Writes what it was asked into the files, so tests can see the options xtask passed.
fn fake(input: Input<'_>, options: &Options) -> Result<Output, Diagnostics> {
    let runtime = match &options.runtime {
        RuntimeDependency::Workspace => "workspace".to_owned(),
        RuntimeDependency::Path(path) => format!("path {path}"),
    };
    let roots: Vec<String> = options.roots.iter().map(ToString::to_string).collect();
    let manifest = format!(
        "name {}\nruntime {runtime}\ninput {}\nroots {}\ndepth {}\ncommand {}\n",
        options.crate_name,
        input.name,
        roots.join(","),
        options.navigation_depth,
        options.regenerate_command
    );
    let files = BTreeMap::from([
        ("Cargo.toml".to_owned(), manifest),
        (
            "src/lib.rs".to_owned(),
            String::from_utf8_lossy(input.bytes).into_owned(),
        ),
    ]);
    Ok(Output {
        files,
        ..Output::default()
    })
}

fn failing(input: Input<'_>, _: &Options) -> Result<Output, Diagnostics> {
    Err(Diagnostics(vec![
        Diagnostic::error(input.name, None, "first"),
        Diagnostic::error(input.name, None, "second"),
    ]))
}

fn workspace(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("schema")).unwrap();
    fs::write(dir.path().join("schema/generate.toml"), config).unwrap();
    fs::write(dir.path().join("schema/in.xml"), "// the input\n").unwrap();
    fs::create_dir_all(dir.path().join("generated/tests")).unwrap();
    fs::write(
        dir.path().join("generated/tests/consumer.rs"),
        "// hand-written\n",
    )
    .unwrap();
    dir
}

const CONFIG: &str = r#"
input = "in.xml"
crate_name = "my-crate"
roots = ["ns.A", "ns.B"]
navigation_depth = 2
"#;

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap()
}

#[test]
fn regenerate_writes_what_the_config_asks_then_checks_fresh() {
    let ws = workspace(CONFIG);
    let (report, _) = regenerate_with(ws.path(), Mode::Write, fake).unwrap();
    assert_eq!(report.written(), 2);
    assert_eq!(
        read(&ws.path().join("generated/Cargo.toml")),
        "name my-crate\nruntime workspace\ninput schema/in.xml\nroots ns.A,ns.B\ndepth 2\n\
         command cargo xtask regenerate\n"
    );
    assert_eq!(
        read(&ws.path().join("generated/src/lib.rs")),
        "// the input\n"
    );
    assert_eq!(
        read(&ws.path().join("generated/tests/consumer.rs")),
        "// hand-written\n"
    );

    let (check, _) = regenerate_with(ws.path(), Mode::Check, fake).unwrap();
    assert!(check.is_fresh());
}

#[test]
fn regenerate_errors_are_reported_and_leave_generated_alone() {
    let ws = workspace(CONFIG);
    let err = regenerate_with(ws.path(), Mode::Write, failing).unwrap_err();
    assert!(matches!(err, Error::Diagnostics { .. }));
    assert_eq!(
        err.to_string(),
        "schema/in.xml: error: first\nschema/in.xml: error: second\n\
         error: could not generate from schema/in.xml (2 errors)"
    );
    assert!(!ws.path().join("generated/src").exists());

    let bad_root = workspace(&CONFIG.replace("ns.B", "NoDot"));
    let err = regenerate_with(bad_root.path(), Mode::Write, fake)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("error: schema/generate.toml: `NoDot`"),
        "{err}"
    );

    let missing = workspace(&CONFIG.replace("in.xml", "gone.xml"));
    let err = regenerate_with(missing.path(), Mode::Write, fake)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("error: cannot read ") && err.contains("gone.xml"),
        "{err}"
    );
}

#[test]
fn an_empty_file_map_never_empties_generated() {
    fn empty(_: Input<'_>, _: &Options) -> Result<Output, Diagnostics> {
        Ok(Output::default())
    }
    let ws = workspace(CONFIG);
    regenerate_with(ws.path(), Mode::Write, fake).unwrap();
    let err = regenerate_with(ws.path(), Mode::Write, empty)
        .unwrap_err()
        .to_string();
    assert!(err.contains("produced no files"), "{err}");
    assert!(ws.path().join("generated/src/lib.rs").exists());
}

#[test]
fn generate_points_the_crate_at_the_runtime_by_a_relative_path() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.xml");
    fs::write(&input, "// any input\n").unwrap();
    let out = dir.path().join("does/not/exist/My Client");
    let args = GenerateArgs {
        input: input.clone(),
        out: out.clone(),
        roots: vec![],
        crate_name: None,
        navigation_depth: 1,
        paths: vec![],
        urls: UrlArgs::default(),
    };
    generate_with(&args, fake).unwrap();

    let manifest = read(&out.join("Cargo.toml"));
    assert!(manifest.starts_with("name my-client\n"), "{manifest}");
    assert!(
        manifest.contains(&format!("input {}\n", input.display())),
        "{manifest}"
    );
    assert!(manifest.contains("roots \ndepth 1\n"), "{manifest}");
    let rel = manifest
        .lines()
        .find_map(|l| l.strip_prefix("runtime path "))
        .unwrap();
    assert_eq!(
        resolve(&out.join(rel)).unwrap(),
        resolve(&workspace_root().join("runtime")).unwrap()
    );
}

#[test]
fn generate_replaces_only_cargo_toml_and_src_in_an_existing_folder() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.xml");
    fs::write(&input, "// any input\n").unwrap();
    let out = dir.path().join("client");
    fs::create_dir_all(out.join("src/old")).unwrap();
    fs::write(out.join("src/old/stale.rs"), "").unwrap();
    fs::write(out.join("README.md"), "mine\n").unwrap();
    let args = GenerateArgs {
        input,
        out: out.clone(),
        roots: vec!["ns.A".into()],
        crate_name: Some("other_name".into()),
        navigation_depth: 3,
        paths: vec![],
        urls: UrlArgs::default(),
    };
    let (report, _) = generate_with(&args, fake).unwrap();
    assert_eq!((report.written(), report.removed()), (2, 1));
    assert!(!out.join("src/old").exists());
    assert_eq!(read(&out.join("README.md")), "mine\n");
    assert!(read(&out.join("Cargo.toml")).starts_with("name other_name\n"));
}
