//! `cargo xtask`: see `cargo xtask --help`.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use xtask::generate::{GenerateArgs, generate};
use xtask::operations::{OperationsArgs, operations};
use xtask::paths::workspace_root;
use xtask::regenerate::{LABEL, out_of_date_message, regenerate};
use xtask::run::summary;
use xtask::{Error, Mode};

/// See the workspace Cargo.toml: the generator spends a third of its time in malloc/free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Debug, Parser)]
#[command(
    name = "cargo xtask",
    bin_name = "cargo xtask",
    about = "Project automation for the odata-codegen workspace"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Rebuild generated/ from schema/generate.toml.
    Regenerate {
        /// Write nothing; show how generated/ differs and fail if it does.
        #[arg(long)]
        check: bool,
    },
    /// Generate a standalone crate from any input.
    Generate(GenerateArgs),
    /// Print the endpoints derived from an input as sorted `METHOD PATH` lines.
    Operations(OperationsArgs),
}

fn main() -> ExitCode {
    // clap exits with 2 on usage errors and 0 for --help, as documented.
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("{err}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<(), Error> {
    match command {
        Command::Regenerate { check } => {
            let mode = if check { Mode::Check } else { Mode::Write };
            let (report, output) = regenerate(&workspace_root(), mode)?;
            if mode == Mode::Check && !report.is_fresh() {
                print!("{}", report.unified_diff(LABEL));
                return Err(Error::msg(out_of_date_message()));
            }
            println!("{}", summary(&format!("{LABEL}/"), mode, &report, &output));
            Ok(())
        }
        Command::Operations(args) => {
            for line in operations(&args)? {
                println!("{line}");
            }
            Ok(())
        }
        Command::Generate(args) => {
            let (report, output) = generate(&args)?;
            let label = args.out.display().to_string();
            println!("{}", summary(&label, Mode::Write, &report, &output));
            Ok(())
        }
    }
}
