//! The closure of the requested roots.
use std::collections::BTreeSet;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{Model, QualifiedName};

/// The types to generate.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub types: BTreeSet<QualifiedName>,
    pub raw_navigation: usize,
    pub warnings: Vec<Diagnostic>,
}

/// Placeholder: replaced by the real closure.
pub fn select(model: &Model, roots: &[QualifiedName], depth: usize, file: &str) -> Result<Selection, Diagnostics> {
    let _ = (roots, depth, file);
    Ok(Selection { types: model.types.keys().cloned().collect(), ..Selection::default() })
}
