//! The generator's output is a function of its input alone: twenty separate processes (each
//! with its own `HashMap` seeds, thread timing and allocator addresses) write the same bytes.

#![allow(
    clippy::panic,
    clippy::unwrap_used,
    reason = "a failed step is a failed test"
)]

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use xtask::paths::workspace_root;

#[path = "support/tree.rs"]
mod support;
use support::tree;

const RUNS: usize = 20;

fn xtask(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

/// `schema/` as `generate.toml` asks, twenty times: each run compares every byte it would
/// write with the checked-in `generated/` and fails with a diff on any difference.
#[test]
fn regenerating_schema_in_twenty_processes_matches_generated_every_time() {
    for run in 0..RUNS {
        let output = xtask(&workspace_root(), &["regenerate", "--check"]);
        assert!(
            output.status.success(),
            "run {run}:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// Inputs that reach the other hash-keyed paths: area features (sets of areas per type,
/// `#[cfg(any(...))]` lists, files emitted on worker threads) and the OpenAPI reader (which
/// indexes a document whose maps keep their input order).
#[test]
fn generating_fixtures_in_twenty_processes_gives_identical_trees() {
    let scratch = tempfile::tempdir().unwrap();
    for input in [
        "codegen/tests/fixtures/areas.xml",
        "codegen/tests/fixtures/trippin.xml",
        "codegen/tests/fixtures/petstore.yaml",
    ] {
        let mut first = None;
        for run in 0..RUNS {
            // The same command line every time, since each file's header quotes it: the
            // same input path, and `out` relative to a folder of this run's own.
            let dir = scratch
                .path()
                .join(format!("{}-{run}", input.replace('/', "_")));
            fs::create_dir(&dir).unwrap();
            let input_path = workspace_root().join(input);
            let input_arg = input_path.to_str().unwrap();
            let output = xtask(&dir, &["generate", "--input", input_arg, "--out", "out"]);
            assert!(
                output.status.success(),
                "{input}, run {run}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            let files = tree(&dir.join("out"));
            match &first {
                None => first = Some(files),
                Some(first) => {
                    assert_eq!(
                        first.keys().collect::<Vec<_>>(),
                        files.keys().collect::<Vec<_>>(),
                        "{input}, run {run}: the file list differs"
                    );
                    for (path, bytes) in &files {
                        assert!(
                            first[path] == *bytes,
                            "{input}, run {run}: {path:?} differs"
                        );
                    }
                }
            }
        }
    }
}
