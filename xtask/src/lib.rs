//! Project automation for the odata-codegen workspace.
//!
//! This is the only crate of the project that touches the file system (the generator is
//! bytes in, contents out). The library half exists so tests can drive the same code the
//! `cargo xtask` binary runs.

pub mod config;
pub mod error;
pub mod generate;
pub mod operations;
pub mod paths;
pub mod regenerate;
pub mod run;
mod swap;
pub mod sync;

pub use error::Error;
pub use sync::{Change, Mode, Report, sync_tree};
