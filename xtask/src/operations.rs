//! `cargo xtask operations`: the endpoints the generator derives from an input, one
//! `METHOD PATH` per line, sorted, to diff against another tool's list of paths.

use std::path::PathBuf;

use odata_codegen::{Input, Options, RuntimeDependency};

use crate::error::Error;
use crate::generate::UrlArgs;
use crate::run::read_input;

#[derive(Debug, Clone, clap::Args)]
pub struct OperationsArgs {
    /// The metadata document: CSDL XML, or OpenAPI 3.0 in YAML or JSON (the content decides).
    #[arg(long, value_name = "FILE")]
    pub input: PathBuf,
    #[command(flatten)]
    pub urls: UrlArgs,
}

pub fn operations(args: &OperationsArgs) -> Result<Vec<String>, Error> {
    let bytes = read_input(&args.input)?;
    let name = args.input.to_string_lossy();
    let options = Options {
        crate_name: "listing".to_owned(),
        roots: Vec::new(),
        navigation_depth: 0,
        runtime: RuntimeDependency::Workspace,
        regenerate_command: String::new(),
        paths: Vec::new(),
        urls: args.urls.conventions(),
        limits: args.urls.limits(),
        dev_dependencies: Default::default(),
    };
    odata_codegen::endpoint_listing(
        Input {
            name: &name,
            bytes: &bytes,
        },
        &options,
    )
    .map_err(|diagnostics| Error::Diagnostics {
        input: name.into_owned(),
        diagnostics,
    })
}
