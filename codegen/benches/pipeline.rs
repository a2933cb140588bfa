//! Each phase of the pipeline on its own, and the whole of it, on two CSDL inputs side by
//! side: the exchangeRestoreSession closure of `schema/` (48 KB) and all of Graph v1.0
//! (3.5 MB), so that a phase that grows faster than its input shows.
//!
//! `cargo bench -p odata-codegen --bench pipeline`. Options are those of the real runs:
//! `schema/generate.toml` for the closure (what `cargo xtask regenerate` does), and
//! `cargo xtask generate --key-as-segment --unqualified-operations` (everything, navigation
//! depth 1) for v1.0. `naming`, `emit`, `format` and `end_to_end` use that selection; the
//! `*_models` benchmarks are v1.0's models without endpoints (every type a root, no path).
//! Every phase gets its input built beforehand; what a phase returns is dropped untimed.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "benchmarks fail loudly on bad fixtures"
)]

use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::fmt;

use divan::{AllocProfiler, Bencher, black_box};
use odata_codegen::areas::Areas;
use odata_codegen::emit::{self, FileTokens};
use odata_codegen::endpoints::Limits;
use odata_codegen::ir::{Endpoint, Model};
use odata_codegen::naming::Names;
use odata_codegen::select::{self, Selection};
use odata_codegen::{Input, Options, QualifiedName, RuntimeDependency, UrlConventions};

#[global_allocator]
static ALLOC: AllocProfiler = AllocProfiler::system();

fn main() {
    divan::main();
}

/// Long phases of v1.0 take seconds; this caps each benchmark's sampling.
const MAX_SECONDS: u64 = 20;

/// The inputs, small first.
const DOCS: [Doc; 2] = [Doc::Closure, Doc::GraphV1];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Doc {
    /// `schema/exchangeRestoreSession.closure.csdl.xml` with `schema/generate.toml`.
    Closure,
    /// `codegen/tests/data/graph-v1.0.csdl.xml`, everything.
    GraphV1,
}

impl fmt::Display for Doc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Doc::Closure => "closure",
            Doc::GraphV1 => "graph-v1.0",
        })
    }
}

static CLOSURE: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../schema/exchangeRestoreSession.closure.csdl.xml"
));
static GRAPH_V1: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/graph-v1.0.csdl.xml"
));
static GENERATE_TOML: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../schema/generate.toml"
));

/// The keys of `schema/generate.toml` that make [`Options`] (xtask's `Config` has them all).
#[derive(serde::Deserialize)]
struct Config {
    crate_name: String,
    #[serde(default)]
    roots: Vec<String>,
    navigation_depth: usize,
    #[serde(default)]
    paths: Vec<String>,
    #[serde(default)]
    key_as_segment: bool,
    #[serde(default)]
    unqualified_operations: bool,
    containment_recursion: Option<usize>,
    #[serde(default, rename = "dev-dependencies")]
    dev_dependencies: BTreeMap<String, toml::Value>,
}

impl Doc {
    /// As xtask names the input in diagnostics and headers.
    fn name(self) -> &'static str {
        match self {
            Doc::Closure => "schema/exchangeRestoreSession.closure.csdl.xml",
            Doc::GraphV1 => "codegen/tests/data/graph-v1.0.csdl.xml",
        }
    }

    fn bytes(self) -> &'static [u8] {
        match self {
            Doc::Closure => CLOSURE,
            Doc::GraphV1 => GRAPH_V1,
        }
    }

    fn input(self) -> Input<'static> {
        Input {
            name: self.name(),
            bytes: self.bytes(),
        }
    }

    /// The options of `cargo xtask regenerate` (closure) or `cargo xtask generate` (v1.0).
    fn options(self) -> Options {
        match self {
            Doc::Closure => {
                let config: Config = toml::from_str(GENERATE_TOML).unwrap();
                Options {
                    crate_name: config.crate_name,
                    roots: config
                        .roots
                        .iter()
                        .map(|r| QualifiedName::parse(r).unwrap())
                        .collect(),
                    navigation_depth: config.navigation_depth,
                    runtime: RuntimeDependency::Workspace,
                    regenerate_command: "cargo xtask regenerate".into(),
                    paths: config.paths,
                    urls: UrlConventions {
                        key_as_segment: config.key_as_segment,
                        unqualified_operations: config.unqualified_operations,
                    },
                    limits: config
                        .containment_recursion
                        .map_or_else(Limits::default, |recursion| Limits { recursion }),
                    dev_dependencies: config
                        .dev_dependencies
                        .into_iter()
                        .map(|(name, value)| (name, value.to_string()))
                        .collect(),
                }
            }
            Doc::GraphV1 => Options {
                crate_name: "graph-v1".into(),
                roots: Vec::new(),
                navigation_depth: 1,
                runtime: RuntimeDependency::Path("../runtime".into()),
                regenerate_command:
                    "cargo xtask generate --input codegen/tests/data/graph-v1.0.csdl.xml \
                     --out graph-v1 --navigation-depth 1 --key-as-segment --unqualified-operations"
                        .into(),
                paths: Vec::new(),
                urls: UrlConventions {
                    key_as_segment: true,
                    unqualified_operations: true,
                },
                limits: Limits::default(),
                dev_dependencies: BTreeMap::new(),
            },
        }
    }
}

/// A selection and what the later phases make of it.
struct Stage {
    options: Options,
    selection: Selection,
    areas: Areas,
    names: Names,
    tokens: OnceCell<BTreeMap<String, FileTokens>>,
}

impl Stage {
    fn new(fixture: &Fixture, options: Options) -> Self {
        let request = select::Request {
            roots: &options.roots,
            paths: &options.paths,
            navigation_depth: options.navigation_depth,
            urls: options.urls,
        };
        let selection = select::select(
            &fixture.model,
            fixture.endpoints.clone(),
            &request,
            fixture.doc.name(),
        )
        .unwrap();
        let areas = Areas::assign(&fixture.model, &selection);
        let names = Names::assign(&fixture.model, &selection, &areas, &options.crate_name);
        Stage {
            options,
            selection,
            areas,
            names,
            tokens: OnceCell::new(),
        }
    }

    fn tokens(&self, fixture: &Fixture) -> &BTreeMap<String, FileTokens> {
        self.tokens.get_or_init(|| {
            emit::crate_tokens(
                &fixture.model,
                &self.selection,
                &self.areas,
                &self.names,
                &self.options,
                fixture.doc.name(),
            )
        })
    }
}

/// Every phase's input for one document, built once on first use.
struct Fixture {
    doc: Doc,
    options: Options,
    model: Model,
    endpoints: Vec<Endpoint>,
    /// The selection of the real run (generate.toml, or everything).
    stage: OnceCell<Stage>,
    /// Models only: every type a root, no path.
    models: OnceCell<Stage>,
}

impl Fixture {
    fn new(doc: Doc) -> Self {
        let options = doc.options();
        let model = odata_codegen::read(doc.input()).unwrap();
        let endpoints = odata_codegen::endpoints_of(&model, &options);
        Fixture {
            doc,
            options,
            model,
            endpoints,
            stage: OnceCell::new(),
            models: OnceCell::new(),
        }
    }

    /// The fixture of `doc`. Token trees are not `Sync`, and divan runs every benchmark on
    /// the main thread, so fixtures live there, each built once and kept.
    fn of(doc: Doc) -> &'static Fixture {
        thread_local! {
            static CLOSURE: &'static Fixture = Box::leak(Box::new(Fixture::new(Doc::Closure)));
            static GRAPH_V1: &'static Fixture = Box::leak(Box::new(Fixture::new(Doc::GraphV1)));
        }
        match doc {
            Doc::Closure => CLOSURE.with(|f| *f),
            Doc::GraphV1 => GRAPH_V1.with(|f| *f),
        }
    }

    fn stage(&self) -> &Stage {
        self.stage
            .get_or_init(|| Stage::new(self, self.options.clone()))
    }

    fn models(&self) -> &Stage {
        self.models
            .get_or_init(|| Stage::new(self, self.models_options()))
    }

    fn models_options(&self) -> Options {
        Options {
            roots: self.model.types.keys().cloned().collect(),
            paths: Vec::new(),
            ..self.options.clone()
        }
    }
}

/// The floor: XML parsing alone (UTF-8 check included), nothing built from it.
#[divan::bench(args = DOCS, max_time = MAX_SECONDS)]
fn floor(bencher: Bencher, doc: Doc) {
    let bytes = doc.bytes();
    bencher.bench_local(|| {
        let text = std::str::from_utf8(black_box(bytes)).unwrap();
        roxmltree::Document::parse(text).unwrap()
    });
}

/// XML parsing and the IR (`odata_codegen::read`).
#[divan::bench(args = DOCS, max_time = MAX_SECONDS)]
fn read(bencher: Bencher, doc: Doc) {
    bencher.bench_local(|| odata_codegen::read(black_box(doc.input())).unwrap());
}

/// Endpoints derived from the entity container.
#[divan::bench(args = DOCS, max_time = MAX_SECONDS)]
fn endpoints(bencher: Bencher, doc: Doc) {
    let fixture = Fixture::of(doc);
    bencher
        .bench_local(|| odata_codegen::endpoints_of(black_box(&fixture.model), &fixture.options));
}

/// Selection of everything: no roots, no paths.
#[divan::bench(args = DOCS, max_time = MAX_SECONDS)]
fn select(bencher: Bencher, doc: Doc) {
    bench_select(bencher, Fixture::of(doc), &[], &[]);
}

/// Selection by the paths of `schema/generate.toml`.
#[divan::bench(args = [Doc::Closure], max_time = MAX_SECONDS)]
fn select_paths(bencher: Bencher, doc: Doc) {
    let fixture = Fixture::of(doc);
    bench_select(
        bencher,
        fixture,
        &fixture.options.roots,
        &fixture.options.paths,
    );
}

fn bench_select(bencher: Bencher, fixture: &Fixture, roots: &[QualifiedName], paths: &[String]) {
    let request = select::Request {
        roots,
        paths,
        navigation_depth: fixture.options.navigation_depth,
        urls: fixture.options.urls,
    };
    // The endpoints are moved into the selection; copying them is not part of the phase.
    bencher
        .with_inputs(|| fixture.endpoints.clone())
        .bench_local_values(|endpoints| {
            let file = fixture.doc.name();
            select::select(black_box(&fixture.model), endpoints, &request, file).unwrap()
        });
}

/// Which cargo feature compiles what (`areas::Areas::assign`).
#[divan::bench(args = DOCS, max_time = MAX_SECONDS)]
fn areas(bencher: Bencher, doc: Doc) {
    let fixture = Fixture::of(doc);
    let stage = fixture.stage();
    bencher.bench_local(|| Areas::assign(black_box(&fixture.model), &stage.selection));
}

#[divan::bench(args = DOCS, max_time = MAX_SECONDS)]
fn naming(bencher: Bencher, doc: Doc) {
    let fixture = Fixture::of(doc);
    let stage = fixture.stage();
    bencher.bench_local(|| {
        Names::assign(
            black_box(&fixture.model),
            &stage.selection,
            &stage.areas,
            &stage.options.crate_name,
        )
    });
}

/// Token trees of every file (`emit::crate_tokens`).
#[divan::bench(args = DOCS, max_time = MAX_SECONDS)]
fn emit(bencher: Bencher, doc: Doc) {
    let fixture = Fixture::of(doc);
    bench_emit(bencher, fixture, fixture.stage());
}

/// prettyplease on every file (`emit::format_files`).
#[divan::bench(args = DOCS, max_time = MAX_SECONDS)]
fn format(bencher: Bencher, doc: Doc) {
    let fixture = Fixture::of(doc);
    bench_format(bencher, fixture, fixture.stage());
}

/// `odata_codegen::generate`: bytes in, files out.
#[divan::bench(args = DOCS, max_time = MAX_SECONDS)]
fn end_to_end(bencher: Bencher, doc: Doc) {
    let options = doc.options();
    bencher.bench_local(|| odata_codegen::generate(black_box(doc.input()), &options).unwrap());
}

/// `emit` of the models only (every type, no endpoint).
#[divan::bench(args = [Doc::GraphV1], max_time = MAX_SECONDS)]
fn emit_models(bencher: Bencher, doc: Doc) {
    let fixture = Fixture::of(doc);
    bench_emit(bencher, fixture, fixture.models());
}

/// `format` of the models only.
#[divan::bench(args = [Doc::GraphV1], max_time = MAX_SECONDS)]
fn format_models(bencher: Bencher, doc: Doc) {
    let fixture = Fixture::of(doc);
    bench_format(bencher, fixture, fixture.models());
}

/// `generate` with every type a root and no path: models only.
#[divan::bench(args = [Doc::GraphV1], max_time = MAX_SECONDS)]
fn end_to_end_models(bencher: Bencher, doc: Doc) {
    let options = Fixture::of(doc).models_options();
    bencher.bench_local(|| odata_codegen::generate(black_box(doc.input()), &options).unwrap());
}

fn bench_emit(bencher: Bencher, fixture: &Fixture, stage: &Stage) {
    bencher.bench_local(|| {
        emit::crate_tokens(
            black_box(&fixture.model),
            &stage.selection,
            &stage.areas,
            &stage.names,
            &stage.options,
            fixture.doc.name(),
        )
    });
}

fn bench_format(bencher: Bencher, fixture: &Fixture, stage: &Stage) {
    // Cloning a token tree shares its nodes; it is made before the timed call.
    let tokens = stage.tokens(fixture);
    bencher
        .with_inputs(|| tokens.clone())
        .bench_local_values(|files| emit::format_files(files).unwrap());
}
