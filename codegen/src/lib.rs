//! `odata-codegen` turns service metadata into the source of a typed Rust crate.
//!
//! The pipeline runs one way: a reader ([`csdl`]) builds the [`ir::Model`], [`select`] keeps
//! the closure of the requested roots, [`areas`] decides which cargo feature compiles what,
//! [`naming`] decides every Rust name once, and
//! [`emit`] writes token trees that prettyplease formats into files. Nothing here touches
//! the file system, the clock or the environment: bytes in, file contents out.

pub mod areas;
pub mod csdl;
pub mod diagnostics;
pub mod emit;
pub mod endpoints;
pub mod ir;
pub mod naming;
pub mod openapi;
pub mod select;
mod source;

use std::collections::BTreeMap;

pub use diagnostics::{Diagnostic, Diagnostics, Severity};
pub use ir::{QualifiedName, UrlConventions};

/// One input document.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// How diagnostics and file headers name it: a path relative to the project, never absolute.
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// How the generated crate refers to `odata-runtime`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuntimeDependency {
    /// A member of the workspace that also holds `odata-runtime` (`{ workspace = true }`).
    Workspace,
    /// A standalone crate: `{ path = "..." }`, and an empty `[workspace]` so it builds alone.
    Path(String),
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// The generated package's name (`my-graph-client`); the library is its snake_case form.
    pub crate_name: String,
    /// Types to generate with their closure; empty means every type of the input.
    pub roots: Vec<QualifiedName>,
    /// How many navigation hops from a root still produce typed values; beyond that a
    /// navigation property is kept as raw JSON (docs/design.md §2).
    pub navigation_depth: usize,
    pub runtime: RuntimeDependency,
    /// The command that regenerates the output, quoted in every file's header.
    pub regenerate_command: String,
    /// Path prefixes (`/solutions/backupRestore/exchangeRestoreSessions`) whose endpoints
    /// get request functions; the types they reach join `roots`. With no roots and no
    /// paths, every endpoint and every type is generated; with roots only, models only.
    pub paths: Vec<String>,
    pub urls: UrlConventions,
    pub limits: endpoints::Limits,
    /// `[dev-dependencies]` of the generated crate, name → inline TOML value, for the
    /// hand-written tests that live next to it.
    pub dev_dependencies: BTreeMap<String, String>,
}

impl Options {
    /// What `cargo xtask generate` does with no flags: every type and endpoint, one
    /// navigation hop, OData's default URL style, the runtime from the same workspace, and
    /// no regenerate command in the headers. Set the rest with struct update syntax.
    pub fn new(crate_name: impl Into<String>) -> Self {
        Self {
            crate_name: crate_name.into(),
            roots: Vec::new(),
            navigation_depth: 1,
            runtime: RuntimeDependency::Workspace,
            regenerate_command: String::new(),
            paths: Vec::new(),
            urls: UrlConventions::default(),
            limits: endpoints::Limits::default(),
            dev_dependencies: BTreeMap::new(),
        }
    }
}

/// The generated files, by path relative to the crate's root, and what was noticed on the way.
#[derive(Debug, Clone, Default)]
pub struct Output {
    pub files: BTreeMap<String, String>,
    pub warnings: Vec<Diagnostic>,
    pub stats: Stats,
}

/// Sizes worth reporting (`xtask` prints them; docs/performance.md quotes them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub input_types: usize,
    pub selected_types: usize,
    pub raw_navigation_properties: usize,
    pub input_endpoints: usize,
    pub selected_endpoints: usize,
}

/// Reads an input document into the IR: CSDL XML when it starts with `<`, otherwise an
/// OpenAPI 3.0 document in JSON or YAML. The content decides, not the file name.
pub fn read(input: Input<'_>) -> Result<ir::Model, Diagnostics> {
    let bytes = input
        .bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(input.bytes);
    if bytes.trim_ascii().is_empty() {
        let message = "input is empty: expected CSDL XML or an OpenAPI 3.0 document (YAML or JSON)";
        return Err(Diagnostic::error(input.name, None, message).into());
    }
    if bytes.trim_ascii_start().starts_with(b"<") {
        csdl::read(input.name, input.bytes)
    } else {
        openapi::read(input.name, input.bytes)
    }
}

/// The endpoints of a model: as the input listed them, or derived from its containers.
pub fn endpoints_of(model: &ir::Model, options: &Options) -> Vec<ir::Endpoint> {
    if model.endpoints.is_empty() {
        endpoints::derive(model, options.urls, options.limits)
    } else {
        model.endpoints.clone()
    }
}

/// The options, with what the input fixes for itself: an OpenAPI document writes its URLs
/// out, so its key style is not the caller's to choose.
fn for_model(model: &ir::Model, options: &Options) -> Options {
    Options {
        urls: model.urls.unwrap_or(options.urls),
        ..options.clone()
    }
}

/// The whole pipeline: read, select, areas, name, emit.
pub fn generate(input: Input<'_>, options: &Options) -> Result<Output, Diagnostics> {
    let model = read(input)?;
    let options = &for_model(&model, options);
    let endpoints = endpoints_of(&model, options);
    let request = select::Request {
        roots: &options.roots,
        paths: &options.paths,
        navigation_depth: options.navigation_depth,
        urls: options.urls,
    };
    let input_endpoints = endpoints.len();
    let selection = select::select(&model, endpoints, &request, input.name)?;
    let areas = areas::Areas::assign(&model, &selection);
    let names = naming::Names::assign(&model, &selection, &areas, &options.crate_name);
    let files = emit::crate_files(&model, &selection, &areas, &names, options, input.name)?;
    Ok(Output {
        files,
        warnings: model
            .warnings
            .iter()
            .chain(&selection.warnings)
            .cloned()
            .collect(),
        stats: Stats {
            input_types: model.types.len(),
            selected_types: selection.types.len(),
            raw_navigation_properties: selection.raw_navigation,
            input_endpoints,
            selected_endpoints: selection.endpoints.len(),
        },
    })
}

/// `METHOD PATH` of every endpoint of an input, sorted: a listing to compare with the
/// paths another tool derives from the same metadata.
pub fn endpoint_listing(input: Input<'_>, options: &Options) -> Result<Vec<String>, Diagnostics> {
    let model = read(input)?;
    let options = &for_model(&model, options);
    let mut lines: Vec<String> = endpoints_of(&model, options)
        .iter()
        .map(|e| format!("{} {}", e.method.as_str(), e.template(options.urls)))
        .collect();
    lines.sort();
    lines.dedup();
    Ok(lines)
}
