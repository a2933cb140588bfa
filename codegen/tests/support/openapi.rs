//! Small OpenAPI documents for the reader tests, and what the tests ask of a read model.

#![allow(
    clippy::panic,
    reason = "a test helper: panicking fails the test that called it"
)]

use odata_codegen::ir::{Endpoint, Model, Property, QualifiedName, StructuredType, TypeDef};

/// How diagnostics name every inline document.
pub const FILE: &str = "api.yaml";

/// Lines before the first line of `paths` in [`document`]: positions in assertions are
/// `HEADER + line within the paths text`.
pub const HEADER: u32 = 5;

/// Removes the indentation common to the non-blank lines, so inline YAML can be indented
/// like the code around it.
pub fn dedent(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    lines
        .iter()
        .map(|l| l.get(indent..).unwrap_or("").trim_end())
        .collect::<Vec<_>>()
        .join("\n")
}

fn indent(text: &str, by: usize) -> String {
    dedent(text)
        .lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{:by$}{l}", "")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// An OpenAPI 3.0.3 document titled `Zoo` (so unqualified schema names join namespace
/// `Zoo`) with `paths` and `components` as given, both indented to fit.
pub fn document(paths: &str, components: &str) -> String {
    let paths = if paths.trim().is_empty() {
        "paths: {}".to_owned()
    } else {
        format!("paths:\n{}", indent(paths, 2))
    };
    format!(
        "openapi: 3.0.3\ninfo:\n  title: Zoo\n  version: '1'\n{paths}\ncomponents:\n{}\n",
        indent(components, 2)
    )
}

/// A document with only `components.schemas`.
pub fn schemas(schemas: &str) -> String {
    document("", &format!("schemas:\n{}", indent(schemas, 2)))
}

pub fn read(text: &str) -> Model {
    odata_codegen::openapi::read(FILE, text.as_bytes())
        .unwrap_or_else(|e| panic!("the document should read:\n{e}\n---\n{text}"))
}

/// The error a document is rejected with, as a user sees it.
pub fn error(text: &str) -> String {
    match odata_codegen::openapi::read(FILE, text.as_bytes()) {
        Ok(_) => panic!("the document should be rejected:\n{text}"),
        Err(e) => e.to_string(),
    }
}

/// The reader's warnings, as a user sees them.
pub fn warnings(model: &Model) -> Vec<String> {
    model.warnings.iter().map(ToString::to_string).collect()
}

pub fn zoo(name: &str) -> QualifiedName {
    QualifiedName::new("Zoo", name)
}

pub fn structured<'m>(model: &'m Model, name: &str) -> &'m StructuredType {
    let name = QualifiedName::parse(name).unwrap_or_else(|| zoo(name));
    model
        .structured(&name)
        .unwrap_or_else(|| panic!("no structured type `{name}` in {:?}", model.types.keys()))
}

pub fn property<'m>(model: &'m Model, ty: &str, name: &str) -> &'m Property {
    structured(model, ty)
        .properties
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("`{ty}` has no property `{name}`"))
}

/// The names of the structured types, enums and type definitions, in model order.
pub fn type_names(model: &Model) -> Vec<String> {
    model.types.keys().map(ToString::to_string).collect()
}

pub fn enum_members(model: &Model, name: &str) -> Vec<(String, i64, Option<String>)> {
    match model.types.get(&zoo(name)) {
        Some(TypeDef::Enum(e)) => e
            .members
            .iter()
            .map(|m| (m.name.clone(), m.value, m.description.summary.clone()))
            .collect(),
        other => panic!("`{name}` is not an enum: {other:?}"),
    }
}

/// `METHOD template` of every endpoint, in document order.
pub fn listing(model: &Model) -> Vec<String> {
    let urls = model.urls.unwrap_or_default();
    model
        .endpoints
        .iter()
        .map(|e| format!("{} {}", e.method.as_str(), e.template(urls)))
        .collect()
}

pub fn endpoint<'m>(model: &'m Model, method: &str, template: &str) -> &'m Endpoint {
    let urls = model.urls.unwrap_or_default();
    model
        .endpoints
        .iter()
        .find(|e| e.method.as_str() == method && e.template(urls) == template)
        .unwrap_or_else(|| panic!("no `{method} {template}` in {:?}", listing(model)))
}

/// Options like `tests/generate.rs` builds them: every type when `paths` is empty,
/// otherwise the endpoints under `paths` and what they reach.
pub fn options(paths: &[&str]) -> odata_codegen::Options {
    odata_codegen::Options {
        crate_name: "zoo".to_owned(),
        roots: Vec::new(),
        navigation_depth: 1,
        runtime: odata_codegen::RuntimeDependency::Workspace,
        regenerate_command: "cargo test -p odata-codegen".to_owned(),
        paths: paths.iter().map(|p| (*p).to_owned()).collect(),
        urls: Default::default(),
        limits: Default::default(),
        dev_dependencies: Default::default(),
    }
}

/// The generated file names, or the errors as a user sees them.
pub fn generate(text: &str, paths: &[&str]) -> Result<Vec<String>, String> {
    let input = odata_codegen::Input {
        name: FILE,
        bytes: text.as_bytes(),
    };
    odata_codegen::generate(input, &options(paths))
        .map(|output| output.files.into_keys().collect())
        .map_err(|e| e.to_string())
}
