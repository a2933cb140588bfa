//! The OpenAPI excerpt of `schema/` (48 KB of YAML): reading it into the IR, and the whole
//! pipeline with the options of `cargo xtask generate` without `--path` or `--root`
//! (every type and endpoint). `cargo bench -p odata-codegen --bench openapi`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "benchmarks fail loudly on bad fixtures"
)]

use divan::{AllocProfiler, Bencher, black_box};
use odata_codegen::endpoints::Limits;
use odata_codegen::{Input, Options, RuntimeDependency, UrlConventions};

#[global_allocator]
static ALLOC: AllocProfiler = AllocProfiler::system();

fn main() {
    divan::main();
}

const NAME: &str = "schema/exchangeRestoreSession.openapi.excerpt.yaml";

static EXCERPT: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../schema/exchangeRestoreSession.openapi.excerpt.yaml"
));

fn input() -> Input<'static> {
    Input {
        name: NAME,
        bytes: EXCERPT,
    }
}

/// YAML parsing, the object model and the IR (`odata_codegen::read`).
#[divan::bench]
fn read(bencher: Bencher) {
    bencher.bench(|| odata_codegen::read(black_box(input())).unwrap());
}

/// `odata_codegen::generate`: bytes in, files out.
#[divan::bench]
fn end_to_end(bencher: Bencher) {
    let options = Options {
        crate_name: "excerpt".into(),
        roots: Vec::new(),
        navigation_depth: 1,
        runtime: RuntimeDependency::Path("../runtime".into()),
        regenerate_command: format!("cargo xtask generate --input {NAME} --out excerpt"),
        paths: Vec::new(),
        urls: UrlConventions::default(),
        limits: Limits::default(),
        dev_dependencies: Default::default(),
    };
    bencher.bench(|| odata_codegen::generate(black_box(input()), &options).unwrap());
}
