//! What the `csdl_read`, `openapi_read` and `generate` fuzz targets run on one input,
//! shared with `tests/fuzz_regressions.rs`, which replays the minimized crash inputs through
//! the same code (`fuzz/src/lib.rs` includes this file by path). A panic here is the
//! finding: the generator must answer any input with files or diagnostics.

#![allow(
    clippy::panic,
    reason = "a panic is how a fuzz harness reports a broken invariant"
)]

use std::hint::black_box;
use std::path::{Component, Path};

use odata_codegen::{Diagnostics, Input, Options, RuntimeDependency};

/// The name diagnostics quote; what it is does not matter, only that it is used.
const NAME: &str = "fuzz/input";

/// An error must say something, and saying it must not panic (positions are computed
/// from offsets into the input).
fn check_error(error: &Diagnostics) {
    assert!(!error.0.is_empty(), "an error with no diagnostics");
    black_box(error.to_string());
}

pub fn csdl_read(data: &[u8]) {
    if let Err(error) = odata_codegen::csdl::read(NAME, data) {
        check_error(&error);
    }
}

pub fn openapi_read(data: &[u8]) {
    if let Err(error) = odata_codegen::openapi::read(NAME, data) {
        check_error(&error);
    }
}

/// `cargo xtask generate --input FILE --out DIR` with no `--path` or `--root`: every type
/// and every endpoint, OData's URL defaults (see `xtask/src/generate.rs`).
pub fn options() -> Options {
    Options {
        runtime: RuntimeDependency::Path("../runtime".to_owned()),
        regenerate_command: "cargo xtask generate --input fuzz/input --out fuzzed".to_owned(),
        ..Options::new("fuzzed")
    }
}

/// The whole pipeline. On success every file stays inside the crate's folder (xtask
/// writes these paths under `--out`), and the same input gives the same files again.
pub fn generate(data: &[u8]) {
    let input = Input {
        name: NAME,
        bytes: data,
    };
    let options = options();
    let output = match odata_codegen::generate(input, &options) {
        Ok(output) => output,
        Err(error) => return check_error(&error),
    };
    for warning in &output.warnings {
        black_box(warning.to_string());
    }
    for path in output.files.keys() {
        let inside = !path.is_empty()
            && !path.contains('\\')
            && Path::new(path)
                .components()
                .all(|c| matches!(c, Component::Normal(_)));
        assert!(inside, "output path {path:?} is not a plain relative path");
    }
    match odata_codegen::generate(input, &options) {
        Ok(again) => assert!(
            again.files == output.files,
            "the same input generated other files"
        ),
        Err(error) => panic!("the same input failed the second time: {error}"),
    }
}
