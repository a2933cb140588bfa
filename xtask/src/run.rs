//! What both commands share: reading the input, calling the generator, reporting.

use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use odata_codegen::{Diagnostics, Input, Options, Output, QualifiedName};

use crate::error::Error;
use crate::sync::{Mode, Report};

/// The entries of a generated crate that the generator owns; `tests/` and anything else
/// next to them are hand-written and never touched.
pub const OWNED: &[&str] = &["Cargo.toml", "src"];

/// The generator's signature: `odata_codegen::generate` in the binary, a fake in tests that
/// exercise the commands without depending on the generator's progress.
pub type Generator = fn(Input<'_>, &Options) -> Result<Output, Diagnostics>;

pub fn read_input(path: &Path) -> Result<Vec<u8>, Error> {
    fs::read(path).map_err(|e| Error::io("read", path, &e))
}

/// `origin` says where the names came from (`schema/generate.toml`, `--root`).
pub fn parse_roots(origin: &str, roots: &[String]) -> Result<Vec<QualifiedName>, Error> {
    roots
        .iter()
        .map(|root| {
            QualifiedName::parse(root).ok_or_else(|| {
                Error::msg(format!(
                    "{origin}: `{root}` is not a qualified type name (`Namespace.Type`)"
                ))
            })
        })
        .collect()
}

/// Runs the generator and turns every way it can fail into an [`Error`]. A panic is a bug
/// in odata-codegen, but it must still end as `error:` and exit code 1 with the output
/// folder untouched (nothing has been written yet at this point).
pub fn run_generator(
    generate: Generator,
    input: Input<'_>,
    options: &Options,
) -> Result<Output, Error> {
    let output = match catch_unwind(AssertUnwindSafe(|| generate(input, options))) {
        Ok(Ok(output)) => output,
        Ok(Err(diagnostics)) => {
            return Err(Error::Diagnostics {
                input: input.name.to_owned(),
                diagnostics,
            });
        }
        Err(_) => {
            return Err(Error::msg(format!(
                "the generator panicked on {} (a bug in odata-codegen; its message is above)",
                input.name
            )));
        }
    };
    // An empty map would make the sync delete the whole generated crate; that is never
    // what a generator that "succeeded" meant.
    if output.files.is_empty() {
        return Err(Error::msg(format!(
            "the generator produced no files from {}",
            input.name
        )));
    }
    for warning in &output.warnings {
        eprintln!("{warning}");
    }
    Ok(output)
}

/// The one-line summary printed after a sync.
pub fn summary(label: &str, mode: Mode, report: &Report, output: &Output) -> String {
    let stats = &output.stats;
    let types = format!(
        "{} of {} types and {} of {} endpoints selected, {} warning{}",
        stats.selected_types,
        stats.input_types,
        stats.selected_endpoints,
        stats.input_endpoints,
        output.warnings.len(),
        if output.warnings.len() == 1 { "" } else { "s" }
    );
    match mode {
        Mode::Write => format!(
            "{label}: {} written, {} unchanged, {} removed; {types}",
            report.written(),
            report.unchanged,
            report.removed()
        ),
        Mode::Check => format!("{label}: up to date ({} files); {types}", report.unchanged),
    }
}
