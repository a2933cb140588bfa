//! Every Rust name, decided once.
use crate::ir::Model;
use crate::select::Selection;

/// Placeholder.
#[derive(Debug, Clone, Default)]
pub struct Names {}

impl Names {
    /// Placeholder.
    pub fn assign(model: &Model, selection: &Selection, crate_name: &str) -> Self {
        let _ = (model, selection, crate_name);
        Names {}
    }
}
