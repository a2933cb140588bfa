//! The fuzz targets' code lives next to the regression tests that replay their crash
//! inputs, so a fix is checked by `cargo test` on stable through the very same calls.

#[path = "../../codegen/tests/support/fuzz.rs"]
pub mod codegen;

#[path = "../../generated/tests/support/fuzz.rs"]
pub mod generated;
