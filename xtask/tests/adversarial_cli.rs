//! Every bad input of the adversarial corpus (`codegen/tests/adversarial/bad/`, and the
//! generated ones too big to commit) through the real binary: exit code 1, each error on
//! stderr as `FILE:LINE:COL: error: ...` where the library has a position for it, no
//! panic, and an output folder that was already there left byte for byte as it was.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a failed expectation in a test is a test failure"
)]

#[path = "../../codegen/tests/adversarial/generated.rs"]
mod generated;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use odata_codegen::{Input, Options, Severity};
use xtask::paths::workspace_root;

#[path = "support/tree.rs"]
mod support;
use support::tree;

/// A crate that was there before: what a failed generation must not touch.
fn prefill(out: &Path) {
    fs::create_dir_all(out.join("src/models")).unwrap();
    fs::create_dir_all(out.join("empty")).unwrap();
    fs::write(out.join("Cargo.toml"), "[package]\nname = \"client\"\n").unwrap();
    fs::write(out.join("src/lib.rs"), "// hand-written, keep me\n").unwrap();
    fs::write(out.join("src/models/user.rs"), "pub struct User;\n").unwrap();
    fs::write(out.join("notes.bin"), [0u8, 159, 146, 150, 255]).unwrap();
}

/// The errors the library reports for an input, rendered as the binary must print them.
fn expected_errors(name: &str, bytes: &[u8]) -> Vec<String> {
    let options = Options::new("client");
    match odata_codegen::generate(Input { name, bytes }, &options) {
        Ok(_) => panic!("{name} generated"),
        Err(e) => {
            e.0.iter()
                .filter(|d| d.severity == Severity::Error)
                .map(ToString::to_string)
                .collect()
        }
    }
}

#[test]
fn bad_inputs_fail_with_positions_and_leave_the_output_untouched() {
    let corpus = workspace_root().join("codegen/tests/adversarial/bad");
    let scratch = tempfile::tempdir().unwrap();
    let mut inputs: Vec<PathBuf> = fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    for (name, bytes) in generated::generated_bad_inputs() {
        let path = scratch.path().join(name);
        fs::write(&path, bytes).unwrap();
        inputs.push(path);
    }
    inputs.sort();
    assert!(inputs.len() >= 25, "{} bad inputs", inputs.len());

    let mut failures = Vec::new();
    for input in &inputs {
        let name = input.to_str().unwrap();
        let case = tempfile::tempdir().unwrap();
        let out = case.path().join("client");
        prefill(&out);
        let before = tree(case.path());

        let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(["generate", "--input", name, "--out", out.to_str().unwrap()])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);

        if output.status.code() != Some(1) {
            failures.push(format!("{name}: exit {:?}\n{stderr}", output.status));
        }
        if stderr.contains("panicked") {
            failures.push(format!("{name}: panicked\n{stderr}"));
        }
        // Each error as the library words it, with `FILE:LINE:COL` wherever it has a
        // position (`FILE:` alone where the input has none, like an empty file).
        let expected = expected_errors(name, &fs::read(input).unwrap());
        if expected.is_empty() {
            failures.push(format!("{name}: the library reports no error"));
        }
        for line in &expected {
            if !stderr.lines().any(|l| l == line) {
                failures.push(format!("{name}: `{line}` not on stderr:\n{stderr}"));
            }
        }
        // The staging folder is gone and the old tree is byte-identical.
        if tree(case.path()) != before {
            failures.push(format!("{name}: the output folder changed"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Positions are the rule: only the empty file (nothing to point at) and the YAML alias
/// bomb (a limit on the whole document's expansion, which the YAML parser reports without
/// a place) have an error without `LINE:COL`.
#[test]
fn bad_inputs_without_a_position_are_the_expected_few() {
    let corpus = workspace_root().join("codegen/tests/adversarial/bad");
    let mut positionless = Vec::new();
    for entry in fs::read_dir(&corpus).unwrap() {
        let path = entry.unwrap().path();
        let name = path.to_str().unwrap().to_owned();
        let errors = expected_errors(&name, &fs::read(&path).unwrap());
        let prefix = format!("{name}: error:");
        if errors.iter().any(|e| e.starts_with(&prefix)) {
            positionless.push(path.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    positionless.sort();
    assert_eq!(positionless, ["empty.xml", "openapi_alias_bomb.yaml"]);
}
