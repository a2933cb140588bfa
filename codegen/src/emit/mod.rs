//! Token trees for the generated crate.
use std::collections::BTreeMap;

use crate::diagnostics::Diagnostics;
use crate::ir::Model;
use crate::naming::Names;
use crate::select::Selection;
use crate::Options;

/// Placeholder.
pub fn crate_files(model: &Model, selection: &Selection, names: &Names, options: &Options, source: &str) -> Result<BTreeMap<String, String>, Diagnostics> {
    let _ = (model, selection, names, options, source);
    Ok(BTreeMap::new())
}
