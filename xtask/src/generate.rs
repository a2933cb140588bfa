//! `cargo xtask generate`: any input → a standalone crate in any folder.

use std::path::{Path, PathBuf};

use odata_codegen::endpoints::Limits;
use odata_codegen::{Input, Options, Output, RuntimeDependency, UrlConventions};

use crate::error::Error;
use crate::paths::{is_package_name, package_name_from, relative_path, resolve, workspace_root};
use crate::run::{Generator, OWNED, parse_roots, read_input, run_generator};
use crate::sync::{Mode, Report, sync_tree};

/// The flags of `cargo xtask generate`; the doc comments are its `--help`.
#[derive(Debug, Clone, clap::Args)]
pub struct GenerateArgs {
    /// The metadata document: CSDL XML, or OpenAPI 3.0 in YAML or JSON (the content decides).
    #[arg(long, value_name = "FILE")]
    pub input: PathBuf,
    /// The crate's folder; created if missing. Only its Cargo.toml and src/ are replaced.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// A type to generate with its closure (repeatable); none means every type.
    #[arg(long = "root", value_name = "QUALIFIED_TYPE")]
    pub roots: Vec<String>,
    /// The package name; defaults to DIR's name.
    #[arg(long, value_name = "NAME")]
    pub crate_name: Option<String>,
    /// Navigation hops from a root that still produce typed values.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub navigation_depth: usize,
    /// A path prefix whose endpoints get request functions (repeatable); `{x}` matches any
    /// parameter.
    #[arg(long = "path", value_name = "PREFIX")]
    pub paths: Vec<String>,
    #[command(flatten)]
    pub urls: UrlArgs,
}

/// How paths are derived and written; shared by `generate` and `operations`. An OpenAPI
/// document writes its paths out, so for it these settings change nothing.
#[derive(Debug, Clone, clap::Args)]
pub struct UrlArgs {
    /// Keys as path segments (`/people/{id}`, Graph's style) instead of OData's default
    /// parentheses (`/People('{id}')`).
    #[arg(long)]
    pub key_as_segment: bool,
    /// Call bound actions and functions without their namespace (`/activate`).
    #[arg(long)]
    pub unqualified_operations: bool,
    /// How often a path may re-enter an entity type through containment.
    #[arg(long, value_name = "N", default_value_t = crate::config::default_containment_recursion())]
    pub containment_recursion: usize,
}

/// OData's defaults: keys in parentheses, qualified operations.
impl Default for UrlArgs {
    fn default() -> Self {
        UrlArgs {
            key_as_segment: false,
            unqualified_operations: false,
            containment_recursion: crate::config::default_containment_recursion(),
        }
    }
}

impl UrlArgs {
    pub fn conventions(&self) -> UrlConventions {
        UrlConventions {
            key_as_segment: self.key_as_segment,
            unqualified_operations: self.unqualified_operations,
        }
    }

    pub fn limits(&self) -> Limits {
        Limits {
            recursion: self.containment_recursion,
        }
    }

    fn words(&self) -> Vec<String> {
        let mut words = Vec::new();
        if self.key_as_segment {
            words.push("--key-as-segment".to_owned());
        }
        if self.unqualified_operations {
            words.push("--unqualified-operations".to_owned());
        }
        if self.containment_recursion != crate::config::default_containment_recursion() {
            words.push(format!(
                "--containment-recursion {}",
                self.containment_recursion
            ));
        }
        words
    }
}

pub fn generate(args: &GenerateArgs) -> Result<(Report, Output), Error> {
    generate_with(args, odata_codegen::generate)
}

/// [`generate`] with the generator passed in.
pub fn generate_with(args: &GenerateArgs, generate: Generator) -> Result<(Report, Output), Error> {
    let out = resolve(&args.out)?;
    if out.exists() && !out.is_dir() {
        return Err(Error::msg(format!(
            "{} exists and is not a folder",
            args.out.display()
        )));
    }
    let crate_name = crate_name(args.crate_name.as_deref(), &out, &args.out)?;
    let runtime_dir = workspace_root().join("runtime");
    let runtime = resolve(&runtime_dir)?;
    // Relative, so the generated crate keeps building when the workspace and the output
    // move together, and its Cargo.toml does not carry this machine's absolute paths.
    let runtime_path = relative_path(&out, &runtime).ok_or_else(|| {
        Error::msg(format!(
            "cannot refer to {} from {} with a relative path",
            runtime.display(),
            out.display()
        ))
    })?;

    let bytes = read_input(&args.input)?;
    // As the user typed it: diagnostics should point where the user looks.
    let input_name = args.input.to_string_lossy();
    let options = Options {
        crate_name,
        roots: parse_roots("--root", &args.roots)?,
        navigation_depth: args.navigation_depth,
        runtime: RuntimeDependency::Path(runtime_path),
        regenerate_command: command_line(args),
        paths: args.paths.clone(),
        urls: args.urls.conventions(),
        limits: args.urls.limits(),
        dev_dependencies: Default::default(),
    };
    let output = run_generator(
        generate,
        Input {
            name: &input_name,
            bytes: &bytes,
        },
        &options,
    )?;
    let report = sync_tree(&out, &output.files, OWNED, Mode::Write)?;
    Ok((report, output))
}

fn crate_name(given: Option<&str>, out: &Path, typed: &Path) -> Result<String, Error> {
    match given {
        Some(name) if is_package_name(name) => Ok(name.to_owned()),
        Some(name) => Err(Error::msg(format!(
            "--crate-name: `{name}` is not a valid package name (ASCII letters, digits, `-`, `_`; \
             starting with a letter)"
        ))),
        None => out
            .file_name()
            .and_then(|n| package_name_from(&n.to_string_lossy()))
            .ok_or_else(|| {
                Error::msg(format!(
                    "cannot derive a package name from {}; pass --crate-name",
                    typed.display()
                ))
            }),
    }
}

/// The command that reproduces this output, quoted in the generated files' headers.
fn command_line(args: &GenerateArgs) -> String {
    let mut words = vec![
        "cargo xtask generate".to_owned(),
        format!("--input {}", args.input.display()),
        format!("--out {}", args.out.display()),
    ];
    words.extend(args.roots.iter().map(|r| format!("--root {r}")));
    if let Some(name) = &args.crate_name {
        words.push(format!("--crate-name {name}"));
    }
    words.push(format!("--navigation-depth {}", args.navigation_depth));
    words.extend(args.paths.iter().map(|p| format!("--path {p}")));
    words.extend(args.urls.words());
    words.join(" ")
}
