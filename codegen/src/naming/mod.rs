//! Every Rust name of the generated crate, decided once, before any emitter runs.
//!
//! Emitters read names from [`Names`] and never invent one. The rules (docs/design.md §3):
//! `UpperCamelCase` types and variants, `snake_case` modules and fields, keywords and
//! prelude names avoided by a suffix rather than `r#`, and collisions after casing
//! (`fooBar` vs `FooBar`) resolved deterministically by numbering in schema order. The
//! wire name is never lost: emitters write it next to every field and variant.

mod requests;

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToSnakeCase, ToUpperCamelCase};

pub use requests::{
    BODY_PARAMETER, EndpointNames, OPTIONS_PARAMETER, REQUESTS_MODULE, RequestNames,
};

use crate::areas::Areas;
use crate::ir::{Model, QualifiedName, TypeDef};
use crate::select::Selection;

/// The crate root's re-export of `odata_runtime::prelude`.
pub const PRELUDE: &str = "prelude";

/// Words Rust reserves in edition 2024 (strict, reserved and `gen`); `union` and other weak
/// keywords are fine as identifiers.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Type names that generated code uses unqualified (the prelude and `Self`): a model with one
/// of these names would shadow it.
const RESERVED_TYPES: &[&str] = &[
    "Box", "Default", "Err", "From", "None", "Ok", "Option", "Result", "Self", "Some", "String",
    "Vec",
];

/// Features the generated manifest always has when it has areas: the client, and every area
/// plus the types no area needs.
pub const CLIENT_FEATURE: &str = "client";
pub const FULL_FEATURE: &str = "full";

/// Fields every generated struct has besides the schema's properties. `odata_runtime::impl_structured!`
/// reads them by these names.
pub const CONTROL_FIELD: &str = "odata";
pub const ADDITIONAL_FIELD: &str = "additional_properties";

/// The names chosen for the whole crate.
#[derive(Debug, Clone, Default)]
pub struct Names {
    /// The library's name (`msgraph_backup_restore_beta`).
    pub library: String,
    /// Module per namespace.
    pub modules: BTreeMap<String, String>,
    pub types: BTreeMap<QualifiedName, TypeNames>,
    pub requests: RequestNames,
    /// The cargo feature of each area, in the order of [`Areas::keys`].
    pub features: Vec<String>,
}

/// The names of one generated type.
#[derive(Debug, Clone, Default)]
pub struct TypeNames {
    /// The namespace's module.
    pub module: String,
    /// The file (and private module) inside the namespace's module.
    pub file: String,
    pub ident: String,
    /// The enum of a polymorphic base: the base itself or any selected derived type.
    pub polymorphic: Option<Polymorphic>,
    /// Structured types: every property, inherited ones first, by wire name.
    pub fields: BTreeMap<String, String>,
    /// Enum types: a variant per member, by member name.
    pub variants: BTreeMap<String, String>,
    /// Enum types: the variant that carries members this crate does not know.
    pub fallback_variant: String,
}

#[derive(Debug, Clone, Default)]
pub struct Polymorphic {
    pub ident: String,
    /// A variant per member type, the base first, by qualified name.
    pub variants: Vec<(QualifiedName, String)>,
}

impl Names {
    /// Names every selected type of `model`.
    pub fn assign(model: &Model, selection: &Selection, areas: &Areas, crate_name: &str) -> Self {
        let mut names = Names {
            library: snake_ident(crate_name),
            ..Names::default()
        };
        // The request functions' module and the runtime's re-exported prelude sit next to
        // the namespaces' modules.
        let mut taken_modules = BTreeSet::from([REQUESTS_MODULE.to_owned(), PRELUDE.to_owned()]);
        let namespaces: BTreeSet<&str> = selection
            .types
            .iter()
            .map(|n| n.namespace.as_str())
            .collect();
        for namespace in namespaces {
            let module = unique(
                &snake_words(namespace),
                &mut taken_modules,
                "_",
                escape_keyword,
            );
            names.modules.insert(namespace.to_owned(), module);
        }

        // Per namespace module: type idents and file names share one scope each.
        let mut idents: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut files: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for name in &selection.types {
            let module = names
                .modules
                .get(&name.namespace)
                .cloned()
                .unwrap_or_default();
            let taken = idents.entry(module.clone()).or_default();
            let ident = unique(&camel_words(&name.name), taken, "", escape_type);
            let file = unique(
                &snake_words(&name.name),
                files.entry(module.clone()).or_default(),
                "_",
                escape_keyword,
            );
            names.types.insert(
                name.clone(),
                TypeNames {
                    module,
                    file,
                    ident,
                    ..TypeNames::default()
                },
            );
        }
        // Polymorphic enums come second so a type's own name always wins over `Any<Base>`.
        for name in &selection.types {
            let derived = selection.derived_types(name);
            if derived.is_empty() || model.structured(name).is_none() {
                continue;
            }
            let Some(base) = names.types.get(name) else {
                continue;
            };
            let taken = idents.entry(base.module.clone()).or_default();
            let ident = unique(&format!("Any{}", base.ident), taken, "", escape_type);
            let mut variant_names = BTreeSet::new();
            let variants = std::iter::once(name)
                .chain(derived)
                .map(|member| {
                    let wanted = names
                        .types
                        .get(member)
                        .map_or_else(|| type_ident(&member.name), |t| t.ident.clone());
                    (
                        member.clone(),
                        unique(&wanted, &mut variant_names, "", escape_variant),
                    )
                })
                .collect();
            if let Some(base) = names.types.get_mut(name) {
                base.polymorphic = Some(Polymorphic { ident, variants });
            }
        }
        for name in &selection.types {
            let (fields, variants, fallback) = match model.types.get(name) {
                Some(TypeDef::Structured(_)) => {
                    (field_names(model, name), BTreeMap::new(), String::new())
                }
                Some(TypeDef::Enum(e)) => {
                    let mut taken = BTreeSet::new();
                    let variants: BTreeMap<String, String> = e
                        .members
                        .iter()
                        .map(|m| {
                            (
                                m.name.clone(),
                                unique(&camel_words(&m.name), &mut taken, "", escape_variant),
                            )
                        })
                        .collect();
                    // The catch-all keeps its plain name unless a member already has it.
                    let wanted = if taken.contains("Unrecognized") {
                        "UnrecognizedValue"
                    } else {
                        "Unrecognized"
                    };
                    let fallback = unique(wanted, &mut taken, "", escape_variant);
                    (BTreeMap::new(), variants, fallback)
                }
                _ => (BTreeMap::new(), BTreeMap::new(), String::new()),
            };
            if let Some(t) = names.types.get_mut(name) {
                t.fields = fields;
                t.variants = variants;
                t.fallback_variant = fallback;
            }
        }
        names.requests = RequestNames::assign(&selection.endpoints);
        // A feature is named like the area's request module (`identity_governance`,
        // `self_`), so one name serves both; an area of root functions has no module.
        let mut taken_features: BTreeSet<String> = ["default", CLIENT_FEATURE, FULL_FEATURE]
            .map(str::to_owned)
            .into();
        names.features = areas
            .keys
            .iter()
            .map(|key| {
                let wanted = match names.requests.modules.get(std::slice::from_ref(key)) {
                    Some(module) => module.clone(),
                    None => snake_words(key),
                };
                unique(&wanted, &mut taken_features, "_", |s| s)
            })
            .collect();
        names
    }

    pub fn of(&self, name: &QualifiedName) -> Option<&TypeNames> {
        self.types.get(name)
    }
}

/// Field names of a structured type, inherited properties first, then its own; structural
/// properties before navigation ones, each in declaration order.
fn field_names(model: &Model, name: &QualifiedName) -> BTreeMap<String, String> {
    let mut chain = model.base_chain(name);
    chain.reverse();
    chain.extend(model.structured(name));
    let mut taken: BTreeSet<String> = [CONTROL_FIELD, ADDITIONAL_FIELD].map(str::to_owned).into();
    let mut fields = BTreeMap::new();
    for ty in chain {
        let wire_names = ty
            .properties
            .iter()
            .map(|p| &p.name)
            .chain(ty.navigation.iter().map(|n| &n.name));
        for wire in wire_names {
            if !fields.contains_key(wire) {
                let ident = unique(&snake_words(wire), &mut taken, "_", escape_keyword);
                fields.insert(wire.clone(), ident);
            }
        }
    }
    fields
}

/// The first of `wanted`, `wanted_2`, `wanted_3`, ... (joined by `separator`) that is free
/// once `escape` has made it a valid identifier; marks it taken. Numbering before escaping
/// gives `match_`, `match_2` rather than `match_`, `match__2`.
fn unique(
    wanted: &str,
    taken: &mut BTreeSet<String>,
    separator: &str,
    escape: fn(String) -> String,
) -> String {
    let mut candidate = escape(wanted.to_owned());
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = escape(format!("{wanted}{separator}{n}"));
        n += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

/// Keeps ASCII letters and digits as words; everything else separates words. Non-ASCII
/// letters are dropped because rustc lints some of them (`uncommon_codepoints`).
fn words(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// `snake_case` words, never empty, never starting with a digit; may still be a keyword.
fn snake_words(name: &str) -> String {
    let mut ident = words(name).to_snake_case();
    if ident.is_empty() {
        ident = "value".to_owned();
    }
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident.insert(0, 'n');
    }
    ident
}

/// `UpperCamelCase` words, never empty, never starting with a digit.
fn camel_words(name: &str) -> String {
    let mut ident = words(name).to_upper_camel_case();
    if ident.is_empty() {
        ident = "Value".to_owned();
    }
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident.insert(0, 'N');
    }
    ident
}

/// A keyword gets a trailing `_` (`type_`): it reads better than `r#type`, and `self`,
/// `crate`, `super` cannot be raw identifiers at all.
fn escape_keyword(mut ident: String) -> String {
    if KEYWORDS.contains(&ident.as_str()) {
        ident.push('_');
    }
    ident
}

fn escape_variant(ident: String) -> String {
    if ident == "Self" {
        "SelfValue".to_owned()
    } else {
        ident
    }
}

fn escape_type(ident: String) -> String {
    if RESERVED_TYPES.contains(&ident.as_str()) {
        format!("{ident}Type")
    } else {
        ident
    }
}

/// A `snake_case` identifier for a field, module or file.
pub fn snake_ident(name: &str) -> String {
    escape_keyword(snake_words(name))
}

/// An `UpperCamelCase` identifier for an enum variant.
pub fn variant_ident(name: &str) -> String {
    escape_variant(camel_words(name))
}

/// An `UpperCamelCase` identifier for a type that shadows nothing the generated code uses.
pub fn type_ident(name: &str) -> String {
    escape_type(camel_words(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_avoid_keywords_and_the_prelude() {
        assert_eq!(snake_ident("type"), "type_");
        assert_eq!(snake_ident("self"), "self_");
        assert_eq!(snake_ident("gen"), "gen_");
        assert_eq!(snake_ident("createdDateTime"), "created_date_time");
        assert_eq!(snake_ident("3dModel"), "n3d_model");
        assert_eq!(snake_ident("@@@"), "value");
        assert_eq!(type_ident("Option"), "OptionType");
        assert_eq!(type_ident("self"), "SelfType");
        assert_eq!(variant_ident("Self"), "SelfValue");
        assert_eq!(
            type_ident("exchangeRestoreSession"),
            "ExchangeRestoreSession"
        );
        assert_eq!(variant_ident("unknownFutureValue"), "UnknownFutureValue");
        assert_eq!(variant_ident("café"), "Caf");
    }

    #[test]
    fn collisions_are_numbered_in_order() {
        let mut taken = BTreeSet::new();
        assert_eq!(
            unique("foo_bar", &mut taken, "_", escape_keyword),
            "foo_bar"
        );
        assert_eq!(
            unique("foo_bar", &mut taken, "_", escape_keyword),
            "foo_bar_2"
        );
        assert_eq!(
            unique("foo_bar", &mut taken, "_", escape_keyword),
            "foo_bar_3"
        );
        assert_eq!(unique("match", &mut taken, "_", escape_keyword), "match_");
        assert_eq!(unique("match", &mut taken, "_", escape_keyword), "match_2");
    }
}
