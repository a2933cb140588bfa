//! What the Capabilities and Core vocabularies say about one navigation source.
//!
//! A path can be described in several places: an out-of-line `Annotations` block that
//! targets the path itself (Graph's way), the entity set or singleton, the navigation
//! property, or the parent's `NavigationRestrictions/RestrictedProperties`. [`Described`]
//! holds them most specific first and answers with the first that says anything.

use crate::ir::{Annotation, AnnotationValue, Description, Model};

const CAPABILITIES: &str = "Org.OData.Capabilities.V1.";
const LINKS: &str = "Org.OData.Core.V1.Links";
const EXPLICIT_BINDINGS: &str = "Org.OData.Core.V1.ExplicitOperationBindings";

#[derive(Clone, Copy)]
enum Layer<'m> {
    /// Annotations whose terms are qualified (`Org.OData.Capabilities.V1.ReadRestrictions`).
    Annotations(&'m [Annotation]),
    /// A `NavigationPropertyRestriction` record, whose fields are named after the terms.
    Restricted(&'m AnnotationValue),
}

/// The annotations that apply to one navigation source, most specific first.
#[derive(Clone, Default)]
pub(super) struct Described<'m> {
    layers: Vec<Layer<'m>>,
}

impl<'m> Described<'m> {
    /// Annotations on the container path `target` (`ns.Container/set/navigation`). Graph's
    /// metadata spells some targets with different case than the names they mean
    /// (`sharepointRestoreSessions`), so an exact match wins and a case-insensitive one
    /// is the fallback.
    pub fn path(mut self, model: &'m Model, target: &str) -> Self {
        let found = model.path_annotations.get(target).or_else(|| {
            model
                .path_annotations
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(target))
                .map(|(_, v)| v)
        });
        if let Some(annotations) = found {
            self.layers.push(Layer::Annotations(annotations));
        }
        self
    }

    pub fn annotations(mut self, annotations: &'m [Annotation]) -> Self {
        self.layers.push(Layer::Annotations(annotations));
        self
    }

    /// The parent's `NavigationRestrictions` entry for `navigation`, if it has one
    /// (Capabilities §NavigationPropertyRestriction).
    pub fn restricted_by(mut self, parent: &Described<'m>, navigation: &str) -> Self {
        let entries = parent
            .capability("NavigationRestrictions")
            .and_then(|r| r.field("RestrictedProperties"));
        if let Some(AnnotationValue::Collection(entries)) = entries {
            let entry = entries.iter().find(|e| {
                e.field("NavigationProperty")
                    .and_then(AnnotationValue::as_str)
                    .is_some_and(|p| p == navigation)
            });
            if let Some(entry) = entry {
                self.layers.push(Layer::Restricted(entry));
            }
        }
        self
    }

    /// The first value of the Capabilities term `name` (`ReadRestrictions`).
    pub fn capability(&self, name: &str) -> Option<&'m AnnotationValue> {
        self.layers.iter().find_map(|layer| match *layer {
            // Compared in two parts: this runs a dozen times per endpoint, and building
            // the qualified term with `format!` each time was a sixth of deriving them.
            Layer::Annotations(list) => list
                .iter()
                .find(|a| a.qualifier.is_none() && a.term.strip_prefix(CAPABILITIES) == Some(name))
                .map(|a| &a.value),
            Layer::Restricted(record) => record.field(name),
        })
    }

    /// Whether a restriction record allows something: only an explicit `false` forbids.
    pub fn allows(&self, term: &str, property: &str) -> bool {
        self.capability(term)
            .and_then(|r| r.field(property))
            .is_none_or(|v| !matches!(v, AnnotationValue::Bool(false)))
    }

    /// Whether single entities can be read: `ReadByKeyRestrictions/Readable` where given,
    /// else what `ReadRestrictions/Readable` says of the whole collection.
    pub fn readable_by_key(&self) -> bool {
        match self
            .capability("ReadRestrictions")
            .and_then(|r| r.field("ReadByKeyRestrictions"))
        {
            Some(by_key) => !matches!(by_key.field("Readable"), Some(AnnotationValue::Bool(false))),
            None => self.allows("ReadRestrictions", "Readable"),
        }
    }

    /// Tag-like terms whose value is a Boolean (`TopSupported`).
    pub fn supports(&self, term: &str) -> bool {
        !matches!(self.capability(term), Some(AnnotationValue::Bool(false)))
    }

    /// `Description` and `LongDescription` of a restriction record (or of a record nested
    /// in it, such as `ReadRestrictions/ReadByKeyRestrictions`).
    pub fn description(&self, term: &str, nested: Option<&str>) -> Description {
        let record = self
            .capability(term)
            .and_then(|r| nested.map_or(Some(r), |n| r.field(n)));
        record.map(record_description).unwrap_or_default()
    }

    /// The `Core.Links` entry whose `rel` ends in `/{rel}` (Graph writes
    /// `https://graph.microsoft.com/rels/docs/list`).
    pub fn docs(&self, rel: &str) -> Option<String> {
        self.layers.iter().find_map(|layer| match *layer {
            Layer::Annotations(list) => docs_link(list, rel),
            Layer::Restricted(_) => None,
        })
    }

    /// Operations listed by `Core.ExplicitOperationBindings` here.
    pub fn explicitly_binds(&self, operation: &str) -> bool {
        self.layers.iter().any(|layer| match *layer {
            Layer::Annotations(list) => matches!(
                find(list, EXPLICIT_BINDINGS),
                Some(AnnotationValue::Collection(names))
                    if names.iter().any(|n| n.as_str() == Some(operation))
            ),
            Layer::Restricted(_) => false,
        })
    }

    /// `Navigability: None` in the parent's restriction entry: the property cannot be
    /// navigated.
    pub fn is_unnavigable(&self) -> bool {
        self.layers.iter().any(|layer| match *layer {
            Layer::Restricted(record) => record
                .field("Navigability")
                .and_then(AnnotationValue::as_str)
                .is_some_and(|v| v.ends_with("/None") || v == "None"),
            Layer::Annotations(_) => false,
        })
    }
}

fn find<'m>(list: &'m [Annotation], term: &str) -> Option<&'m AnnotationValue> {
    list.iter()
        .find(|a| a.term == term && a.qualifier.is_none())
        .map(|a| &a.value)
}

fn record_description(record: &AnnotationValue) -> Description {
    let text = |name| {
        record
            .field(name)
            .and_then(AnnotationValue::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    Description {
        summary: text("Description"),
        long: text("LongDescription"),
    }
}

/// An operation's own description, or the one Graph writes into a restriction record on
/// the action or function (`InsertRestrictions` for actions, `ReadRestrictions` for
/// functions).
pub(super) fn operation_description(own: &Description, annotations: &[Annotation]) -> Description {
    if !own.is_empty() {
        return own.clone();
    }
    annotations
        .iter()
        .filter(|a| a.term.starts_with(CAPABILITIES) && a.term.ends_with("Restrictions"))
        .map(|a| record_description(&a.value))
        .find(|d| !d.is_empty())
        .unwrap_or_default()
}

pub(super) fn docs_link(list: &[Annotation], rel: &str) -> Option<String> {
    let Some(AnnotationValue::Collection(links)) = find(list, LINKS) else {
        return None;
    };
    let suffix = format!("/{rel}");
    links.iter().find_map(|link| {
        let matches = link
            .field("rel")
            .and_then(AnnotationValue::as_str)
            .is_some_and(|r| r.ends_with(&suffix));
        let href = link.field("href").and_then(AnnotationValue::as_str)?;
        matches.then(|| href.to_owned())
    })
}
