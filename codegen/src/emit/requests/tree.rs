//! Where each request function lives: the module tree mirroring the URL paths, with the
//! endpoints and areas under each module.

use std::collections::{BTreeMap, BTreeSet};

use super::Context;
use crate::ir::Endpoint;
use crate::naming::EndpointNames;

/// The files of the `requests` module tree with the module each holds: `src/requests.rs`,
/// then `src/requests/<a>.rs`, `src/requests/<a>/<b>.rs`, ... one per navigation path.
pub fn module_files<'a>(cx: &Context<'a>) -> Vec<(String, &'a [String])> {
    let requests = &cx.names.requests;
    requests
        .modules
        .keys()
        .map(|path| {
            let idents = requests.module_idents(path);
            let file = match idents.split_last() {
                Some((last, parents)) if !parents.is_empty() => {
                    format!("src/{}/{last}.rs", parents.join("/"))
                }
                _ => format!("src/{}.rs", idents.join("/")),
            };
            (file, path.as_slice())
        })
        .collect()
}

/// An endpoint with its names and its area, if the crate has area features.
pub(super) type Member<'a> = (&'a Endpoint, &'a EndpointNames, Option<usize>);

/// Who lives where in the module tree, found in one pass over the modules and one over the
/// endpoints: asking every module to scan every endpoint was quadratic (3,600 modules ×
/// 17,000 endpoints on Graph v1.0, a fifth of the time to emit the whole crate).
pub struct Tree<'a> {
    /// Child modules (path and identifier) by parent path, in the order of
    /// `RequestNames::modules`.
    pub(super) children: BTreeMap<&'a [String], Vec<(&'a [String], &'a str)>>,
    /// Endpoints with their names by module path, in selection order.
    pub(super) endpoints: BTreeMap<&'a [String], Vec<Member<'a>>>,
    /// The first endpoint at or below each module path, whose template the module's doc quotes.
    pub(super) first_below: BTreeMap<&'a [String], &'a Endpoint>,
    /// The areas whose features compile each module: those of the endpoints under it.
    /// Empty when the crate has no area features.
    pub(super) gates: BTreeMap<&'a [String], BTreeSet<usize>>,
}

impl<'a> Tree<'a> {
    pub fn of(cx: &Context<'a>) -> Self {
        let requests = &cx.names.requests;
        let mut tree = Tree {
            children: BTreeMap::new(),
            endpoints: BTreeMap::new(),
            first_below: BTreeMap::new(),
            gates: BTreeMap::new(),
        };
        for (path, ident) in &requests.modules {
            if let Some((_, parent)) = path.split_last() {
                tree.children
                    .entry(parent)
                    .or_default()
                    .push((path.as_slice(), ident));
            }
        }
        // Neighbours mostly share a module: each run of them costs one map lookup (keys are
        // paths, so every comparison walks strings).
        let mut run: Option<(&[String], Vec<Member<'a>>)> = None;
        let endpoints = cx.selection.endpoints.iter().zip(&requests.endpoints);
        for (i, (endpoint, names)) in endpoints.enumerate() {
            let module = names.module.as_slice();
            let area = cx.areas.of_endpoint(i);
            if let Some(area) = area {
                for depth in 0..=module.len() {
                    tree.gates.entry(&module[..depth]).or_default().insert(area);
                }
            }
            match &mut run {
                Some((current, members)) if *current == module => {
                    members.push((endpoint, names, area));
                    continue;
                }
                _ => {}
            }
            if let Some((current, members)) = run.replace((module, vec![(endpoint, names, area)])) {
                tree.endpoints.entry(current).or_default().extend(members);
            }
            // Once a prefix has its first endpoint so have all shorter ones: the walk
            // stops at the first prefix already known.
            for depth in (0..=module.len()).rev() {
                if tree.first_below.contains_key(&module[..depth]) {
                    break;
                }
                tree.first_below.insert(&module[..depth], endpoint);
            }
        }
        if let Some((current, members)) = run {
            tree.endpoints.entry(current).or_default().extend(members);
        }
        tree
    }
}
