//! The binary's contract: `error:` lines, exit codes, and an untouched output on failure.

// Helpers outside #[test] fns are not covered by clippy.toml's allow-unwrap-in-tests; in a
// test, a failed unwrap is a failed test, which is what we want.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::process::{Command, Output};

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(xtask(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(xtask(&["generate", "--input", "x"]).status.code(), Some(2));
    assert_eq!(
        xtask(&[
            "generate",
            "--input",
            "x",
            "--out",
            "y",
            "--navigation-depth",
            "-1"
        ])
        .status
        .code(),
        Some(2)
    );
}

#[test]
fn a_missing_input_names_the_path_and_the_os_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let input = dir.path().join("nope.csdl.xml");
    let output = xtask(&[
        "generate",
        "--input",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.starts_with("error: cannot read "), "{err}");
    assert!(err.contains("nope.csdl.xml"), "{err}");
    assert!(err.contains("os error"), "{err}");
    assert!(!out.exists());
}

#[test]
fn an_invalid_root_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.xml");
    fs::write(&input, "<x/>").unwrap();
    let out = dir.path().join("out");
    let args = [
        "generate",
        "--input",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    let output = xtask(&[&args[..], &["--root", "NoNamespace"]].concat());
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("error: --root: `NoNamespace`"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_failed_generation_leaves_the_output_folder_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("garbage.xml");
    fs::write(&input, "this is not CSDL <<<").unwrap();
    let out = dir.path().join("client");
    fs::create_dir_all(out.join("src")).unwrap();
    fs::write(out.join("Cargo.toml"), "keep me\n").unwrap();
    fs::write(out.join("src/lib.rs"), "// keep me too\n").unwrap();

    let output = xtask(&[
        "generate",
        "--input",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).lines().any(|l| l.starts_with("error: ")),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        fs::read_to_string(out.join("Cargo.toml")).unwrap(),
        "keep me\n"
    );
    assert_eq!(
        fs::read_to_string(out.join("src/lib.rs")).unwrap(),
        "// keep me too\n"
    );
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "no staging folder is left: {names:?}");
}

#[test]
fn an_invalid_crate_name_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.xml");
    fs::write(&input, "<x/>").unwrap();
    let out = dir.path().join("9lives");
    let output = xtask(&[
        "generate",
        "--input",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("pass --crate-name"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn operations_lists_sorted_method_and_path_lines() {
    let root = xtask::paths::workspace_root();
    let input = root.join("codegen/tests/fixtures/trippin.xml");
    let output = xtask(&["operations", "--input", input.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted);
    for expected in [
        "GET /People",
        "POST /People",
        "GET /People({Person-UserName})",
        "PATCH /People({Person-UserName})",
        "DELETE /People({Person-UserName})",
        "GET /People/$count",
        "GET /People({Person-UserName})/Trippin.GetFavoriteAirline()",
        "POST /People({Person-UserName})/Trippin.ShareTrip",
        "GET /GetNearestAirport(lat={lat},lon={lon})",
        "POST /ResetDataSource",
        "GET /Me",
    ] {
        assert!(lines.contains(&expected), "{expected} missing from\n{text}");
    }
    let segments = xtask(&[
        "operations",
        "--input",
        input.to_str().unwrap(),
        "--key-as-segment",
    ]);
    let text = String::from_utf8(segments.stdout).unwrap();
    assert!(
        text.lines().any(|l| l == "GET /People/{Person-UserName}"),
        "{text}"
    );
}
