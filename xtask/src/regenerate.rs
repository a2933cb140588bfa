//! `cargo xtask regenerate [--check]`: schema/generate.toml → generated/.

use std::fs;
use std::path::Path;

use odata_codegen::endpoints::Limits;
use odata_codegen::{Input, Options, Output, RuntimeDependency, UrlConventions};

use crate::config::Config;
use crate::error::Error;
use crate::run::{Generator, OWNED, parse_roots, read_input, run_generator};
use crate::sync::{Mode, Report, sync_tree};

/// The command every generated file names and every drift message asks for.
pub const COMMAND: &str = "cargo xtask regenerate";

/// How paths under the generated crate are shown (diff headers, messages).
pub const LABEL: &str = "generated";

pub const CONFIG: &str = "schema/generate.toml";

/// The last line of a failed check, naming the fix.
pub fn out_of_date_message() -> String {
    format!("{LABEL}/ is out of date: run `{COMMAND}` and commit the result.")
}

/// Regenerates (or checks) `generated/` of the workspace at `workspace`.
pub fn regenerate(workspace: &Path, mode: Mode) -> Result<(Report, Output), Error> {
    regenerate_with(workspace, mode, odata_codegen::generate)
}

/// [`regenerate`] with the generator passed in.
pub fn regenerate_with(
    workspace: &Path,
    mode: Mode,
    generate: Generator,
) -> Result<(Report, Output), Error> {
    let config_path = workspace.join(CONFIG);
    let text = fs::read_to_string(&config_path).map_err(|e| Error::io("read", &config_path, &e))?;
    let config = Config::parse(CONFIG, &text)?;

    // Always `/`: the name ends up in file headers, which must not depend on the OS.
    let input_name = format!("schema/{}", config.input);
    let bytes = read_input(&workspace.join("schema").join(&config.input))?;
    let options = Options {
        dev_dependencies: config.dev_dependencies(),
        crate_name: config.crate_name,
        roots: parse_roots(CONFIG, &config.roots)?,
        navigation_depth: config.navigation_depth,
        runtime: RuntimeDependency::Workspace,
        regenerate_command: COMMAND.into(),
        paths: config.paths,
        urls: UrlConventions {
            key_as_segment: config.key_as_segment,
            unqualified_operations: config.unqualified_operations,
        },
        limits: Limits {
            recursion: config.containment_recursion,
        },
    };
    let output = run_generator(
        generate,
        Input {
            name: &input_name,
            bytes: &bytes,
        },
        &options,
    )?;
    let report = sync_tree(&workspace.join(LABEL), &output.files, OWNED, mode)?;
    Ok((report, output))
}
