//! Names of the request functions: a module per navigation path, mirroring the URL
//! (`requests::solutions::backup_restore::exchange_restore_sessions`), and in it one
//! function per endpoint named after what it does (`list`, `create`, `get`, `activate`).
//! The module tree keeps names short and stable: widening the selection never renames a
//! function that already existed.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{escape_keyword, snake_words, unique};
use crate::ir::{Body, Endpoint, EndpointKind, Segment};

/// The root module of the request functions.
pub const REQUESTS_MODULE: &str = "requests";

/// Names shared by every request function besides its path and body parameters.
pub const BODY_PARAMETER: &str = "body";
pub const OPTIONS_PARAMETER: &str = "options";

/// The names of every request function, in the order of `Selection::endpoints`.
#[derive(Debug, Clone, Default)]
pub struct RequestNames {
    /// Each module by its path of wire names (entity set, then navigation properties),
    /// with its identifier; the root module is the empty path.
    pub modules: BTreeMap<Vec<String>, String>,
    pub endpoints: Vec<EndpointNames>,
}

#[derive(Debug, Clone, Default)]
pub struct EndpointNames {
    /// The module's path of wire names (a key of [`RequestNames::modules`]).
    pub module: Vec<String>,
    pub function: String,
    /// Path and call parameters by wire name (`exchangeRestoreSession-id`). A name written
    /// twice in the URL (OpenAPI's `/items/{id}/f(id='{id}')`) is one parameter.
    pub parameters: BTreeMap<String, String>,
    /// Action parameters by wire name: a second namespace, since a body member may have the
    /// same wire name as a path parameter (`/items/{id}/rename` with `{"id": ...}`) and
    /// still be a separate argument.
    pub body_parameters: BTreeMap<String, String>,
}

impl RequestNames {
    pub fn assign(endpoints: &[Endpoint]) -> Self {
        let mut names = RequestNames::default();
        names.modules.insert(Vec::new(), REQUESTS_MODULE.to_owned());
        // Module identifiers are unique among siblings.
        let mut siblings: BTreeMap<Vec<String>, BTreeSet<String>> = BTreeMap::new();
        let module_of: Vec<Vec<String>> = endpoints.iter().map(module_path).collect();
        let mut snake = SnakeWords::default();
        for path in &module_of {
            // Every prefix of a known module is known: most endpoints stop here.
            if names.modules.contains_key(path.as_slice()) {
                continue;
            }
            for depth in 1..=path.len() {
                if names.modules.contains_key(&path[..depth]) {
                    continue;
                }
                let prefix = path[..depth].to_vec();
                let parent = path[..depth - 1].to_vec();
                // Recursive containment nests a module in one of its own name
                // (`replies::replies`), which reads as a mistake (clippy's
                // `module_inception`): the inner one is numbered instead. The root counts
                // too: an entity set named `requests` is `requests::requests_2`.
                let parent_ident = names.modules.get(&parent).cloned();
                let taken = siblings
                    .entry(parent)
                    .or_insert_with(|| parent_ident.into_iter().collect());
                let ident = snake.unique(&path[depth - 1], taken);
                names.modules.insert(prefix, ident);
            }
        }
        // Functions: what a path offers by convention first, so an action that happens to
        // be called `get` is the one that gets the suffix.
        // Each endpoint's module as an index, looked up once rather than once per pass;
        // neighbours mostly share their module.
        let mut module_index: BTreeMap<&[String], usize> = BTreeMap::new();
        let mut index_of = Vec::with_capacity(endpoints.len());
        for (i, path) in module_of.iter().enumerate() {
            let same = i > 0 && module_of.get(i - 1) == Some(path);
            let index = match index_of.last() {
                Some(&last) if same => last,
                _ => {
                    let next = module_index.len();
                    *module_index.entry(path.as_slice()).or_insert(next)
                }
            };
            index_of.push(index);
        }
        let mut functions: Vec<BTreeSet<String>> = vec![BTreeSet::new(); module_index.len()];
        let mut chosen = vec![String::new(); endpoints.len()];
        let conventional =
            |e: &Endpoint| !matches!(e.kind, EndpointKind::Action(_) | EndpointKind::Function(_));
        for pass in [true, false] {
            for (i, endpoint) in endpoints.iter().enumerate() {
                if conventional(endpoint) != pass {
                    continue;
                }
                // The conventional names are their own snake_case.
                let wanted = match &endpoint.kind {
                    EndpointKind::List => "list",
                    EndpointKind::Create => "create",
                    EndpointKind::Count => "count",
                    EndpointKind::Get => "get",
                    EndpointKind::Update => "update",
                    EndpointKind::Delete => "delete",
                    EndpointKind::Action(q) | EndpointKind::Function(q) => &q.name,
                };
                if let (Some(taken), Some(slot)) = (
                    index_of.get(i).and_then(|&m| functions.get_mut(m)),
                    chosen.get_mut(i),
                ) {
                    *slot = snake.unique(wanted, taken);
                }
            }
        }
        names.endpoints = endpoints
            .iter()
            .zip(module_of)
            .zip(chosen)
            .map(|((endpoint, module), function)| {
                let (parameters, body_parameters) = parameter_names(endpoint, &mut snake);
                EndpointNames {
                    module,
                    function,
                    parameters,
                    body_parameters,
                }
            })
            .collect();
        names
    }

    /// The identifiers of a module path, from `requests` down.
    pub fn module_idents(&self, path: &[String]) -> Vec<&str> {
        (0..=path.len())
            .filter_map(|depth| self.modules.get(&path[..depth]).map(String::as_str))
            .collect()
    }
}

/// The navigation path an endpoint's function lives under: the static segments, without
/// `$count` and without the action's own name.
fn module_path(endpoint: &Endpoint) -> Vec<String> {
    let mut statics: Vec<String> = endpoint
        .path
        .iter()
        .filter_map(|s| match s {
            Segment::Static(s) if s != "$count" => Some(s.clone()),
            _ => None,
        })
        .collect();
    if matches!(endpoint.kind, EndpointKind::Action(_)) {
        statics.pop();
    }
    statics
}

/// `snake_words` and its keyword-escaped form, remembered: Graph's 17,000 endpoints repeat
/// a few thousand wire names (`user-id`, `activate`), and converting them again and again
/// was most of the time spent naming.
#[derive(Default)]
struct SnakeWords(HashMap<String, (String, String)>);

impl SnakeWords {
    /// `unique(&snake_words(wire), taken, "_", escape_keyword)`, without redoing the
    /// conversions when the plain form is free (nearly always).
    fn unique(&mut self, wire: &str, taken: &mut BTreeSet<String>) -> String {
        let known = match self.0.get(wire) {
            Some(known) => known,
            None => {
                let snake = snake_words(wire);
                let escaped = escape_keyword(snake.clone());
                self.0.entry(wire.to_owned()).or_insert((snake, escaped))
            }
        };
        let (snake, escaped) = known;
        if taken.contains(escaped) {
            return unique(snake, taken, "_", escape_keyword);
        }
        taken.insert(escaped.clone());
        escaped.clone()
    }
}

/// The path and call parameters' names, then the body parameters' names: one set of
/// identifiers (they are arguments of one function), two maps by wire name.
fn parameter_names(
    endpoint: &Endpoint,
    snake: &mut SnakeWords,
) -> (BTreeMap<String, String>, BTreeMap<String, String>) {
    let mut taken: BTreeSet<String> = [BODY_PARAMETER, OPTIONS_PARAMETER]
        .map(str::to_owned)
        .into();
    let mut path = BTreeMap::new();
    let mut body = BTreeMap::new();
    let mut add = |names: &mut BTreeMap<String, String>, wire: &str| {
        if !names.contains_key(wire) {
            let ident = snake.unique(wire, &mut taken);
            names.insert(wire.to_owned(), ident);
        }
    };
    for segment in &endpoint.path {
        match segment {
            Segment::Static(_) => {}
            Segment::Key(parts) => parts.iter().for_each(|p| add(&mut path, &p.parameter)),
            Segment::Call { parameters, .. } => {
                parameters.iter().for_each(|p| add(&mut path, &p.name));
            }
        }
    }
    if let Body::Parameters(parameters) = &endpoint.body {
        parameters.iter().for_each(|p| add(&mut body, &p.name));
    }
    (path, body)
}
