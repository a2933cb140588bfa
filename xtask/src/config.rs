//! `schema/generate.toml`: what `cargo xtask regenerate` builds into `generated/`.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::error::Error;

/// The file's shape. Unknown keys are refused: a misspelt `navigation_dept` silently
/// falling back to a default would change the checked-in crate without anyone noticing.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The input document, relative to `schema/`.
    pub input: String,
    pub crate_name: String,
    /// Qualified type names; empty means every type.
    #[serde(default)]
    pub roots: Vec<String>,
    #[serde(default = "default_navigation_depth")]
    pub navigation_depth: usize,
    /// Path prefixes whose endpoints get request functions.
    #[serde(default)]
    pub paths: Vec<String>,
    /// Keys as path segments (`/sessions/{id}`) rather than in parentheses.
    #[serde(default)]
    pub key_as_segment: bool,
    /// Bound operations called without their namespace.
    #[serde(default)]
    pub unqualified_operations: bool,
    /// How often a path may re-enter an entity type (recursive containment).
    #[serde(default = "default_containment_recursion")]
    pub containment_recursion: usize,
    /// The generated crate's `[dev-dependencies]`, copied into its manifest: the
    /// hand-written tests next to it need them.
    #[serde(default, rename = "dev-dependencies")]
    pub dev_dependencies: BTreeMap<String, toml::Value>,
}

pub fn default_containment_recursion() -> usize {
    odata_codegen::endpoints::Limits::default().recursion
}

/// Same default as `cargo xtask generate`: the roots' direct neighbours stay typed.
pub fn default_navigation_depth() -> usize {
    1
}

impl Config {
    /// The dev-dependencies as inline TOML values, as the generator writes them.
    pub fn dev_dependencies(&self) -> BTreeMap<String, String> {
        self.dev_dependencies
            .iter()
            .map(|(name, value)| (name.clone(), value.to_string()))
            .collect()
    }

    /// `name` is how errors refer to the file (`schema/generate.toml`).
    pub fn parse(name: &str, text: &str) -> Result<Self, Error> {
        // The toml error already names line and column and quotes the line.
        toml::from_str(text)
            .map_err(|e| Error::msg(format!("{name}: {}", e.to_string().trim_end())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_documented_shape() {
        let text = r#"
            input = "a.csdl.xml"
            crate_name = "my-crate"
            roots = ["ns.A", "ns.B"]
            navigation_depth = 2
        "#;
        let config = Config::parse("generate.toml", text).unwrap();
        assert_eq!(config.input, "a.csdl.xml");
        assert_eq!(config.crate_name, "my-crate");
        assert_eq!(config.roots, ["ns.A", "ns.B"]);
        assert_eq!(config.navigation_depth, 2);
    }

    #[test]
    fn reads_paths_url_conventions_and_dev_dependencies() {
        let text = r#"
            input = "a.csdl.xml"
            crate_name = "c"
            paths = ["/a/b", "/c/{id}/d"]
            key_as_segment = true
            unqualified_operations = true
            containment_recursion = 2

            [dev-dependencies]
            tokio = { workspace = true, features = ["macros"] }
        "#;
        let config = Config::parse("generate.toml", text).unwrap();
        assert_eq!(config.paths, ["/a/b", "/c/{id}/d"]);
        assert!(config.key_as_segment && config.unqualified_operations);
        assert_eq!(config.containment_recursion, 2);
        assert_eq!(
            config.dev_dependencies()["tokio"],
            // Keys come out sorted: the manifest is the same whatever order they were written in.
            r#"{ features = ["macros"], workspace = true }"#
        );
    }

    #[test]
    fn optional_keys_have_defaults() {
        let config = Config::parse("g.toml", "input = \"a\"\ncrate_name = \"c\"\n").unwrap();
        assert!(config.roots.is_empty() && config.paths.is_empty());
        assert!(!config.key_as_segment && !config.unqualified_operations);
        assert_eq!(config.containment_recursion, 1);
        assert_eq!(config.navigation_depth, 1);
    }

    #[test]
    fn an_unknown_key_is_an_error_with_its_position() {
        let text = "input = \"a\"\ncrate_name = \"c\"\nnavigation_dept = 3\n";
        let err = Config::parse("schema/generate.toml", text)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("error: schema/generate.toml: "), "{err}");
        assert!(err.contains("navigation_dept"), "{err}");
        assert!(err.contains("line 3"), "{err}");
    }

    #[test]
    fn a_missing_key_is_an_error() {
        let err = Config::parse("g.toml", "input = \"a\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("crate_name"), "{err}");
    }
}
