//! Replays every input the fuzz targets ever crashed on (minimized, one file each under
//! `fuzz_regressions/<target>/`) through the code the target runs (`support/fuzz.rs`), so
//! a fixed crash stays fixed without nightly or libFuzzer. A few seeds go through too, to
//! show the harness accepts good input.

#![allow(
    clippy::panic,
    clippy::unwrap_used,
    reason = "a failed expectation in a test is a test failure"
)]

#[path = "support/fuzz.rs"]
mod fuzz;

use std::fs;
use std::path::{Path, PathBuf};

use odata_codegen::Input;

/// The files of `fuzz_regressions/<target>/`, sorted; none when no input ever crashed it.
fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(target);
    let Ok(entries) = fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

/// Runs every regression of `target`, naming the file that panics.
fn replay(target: &str, run: fn(&[u8])) {
    for file in inputs(target) {
        // The panic that fails the test comes right after the name of its input.
        eprintln!("replaying {}", file.display());
        run(&fs::read(&file).unwrap());
    }
}

#[test]
fn csdl_read() {
    replay("csdl_read", fuzz::csdl_read);
}

#[test]
fn openapi_read() {
    replay("openapi_read", fuzz::openapi_read);
}

#[test]
fn generate() {
    replay("generate", fuzz::generate);
}

/// Seeds of the corpora (`fuzz/seed.sh`) pass the harness whole, so its checks (relative
/// paths, determinism) hold on real input and are not vacuous.
#[test]
fn seeds_pass() {
    let fixtures = [
        include_str!("fixtures/trippin.xml"),
        include_str!("fixtures/areas.xml"),
        include_str!("fixtures/keywords.xml"),
    ];
    let petstore = include_str!("fixtures/petstore.yaml");
    for text in fixtures.into_iter().chain([petstore]) {
        let input = Input {
            name: "seed",
            bytes: text.as_bytes(),
        };
        let output = odata_codegen::generate(input, &fuzz::options()).unwrap();
        assert!(output.files.len() > 3, "{} files", output.files.len());
        fuzz::generate(text.as_bytes());
    }
    for text in fixtures {
        fuzz::csdl_read(text.as_bytes());
    }
    fuzz::openapi_read(petstore.as_bytes());
}
