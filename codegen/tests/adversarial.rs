//! The adversarial corpus: inputs built to break naming, emission or the readers.
//!
//! `adversarial/good/` holds inputs that must generate (and, in xtask's fixtures_compile
//! test, compile with clippy and rustdoc clean); `adversarial/bad/` inputs that must fail
//! with a diagnostic that says what is wrong and where. Each file's opening comment says
//! what it attacks. The bad inputs' diagnostics are one snapshot, to be read whole.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a failed expectation in a test is a test failure"
)]

#[path = "adversarial/generated.rs"]
mod generated;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use odata_codegen::{Input, Options, Severity, generate};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/adversarial");

/// (file name, bytes) of every file in `adversarial/{kind}`, in name order.
fn corpus(kind: &str) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(Path::new(DIR).join(kind))
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    files.sort();
    files
}

fn options() -> Options {
    Options {
        regenerate_command: "cargo test -p odata-codegen --test adversarial".to_owned(),
        ..Options::new("adversarial")
    }
}

/// Every generated file of a good input, by path.
fn good(name: &str) -> BTreeMap<String, String> {
    let bytes = std::fs::read(Path::new(DIR).join("good").join(name)).unwrap();
    let input = Input {
        name: &format!("tests/adversarial/good/{name}"),
        bytes: &bytes,
    };
    match generate(input, &options()) {
        Ok(output) => output.files,
        Err(e) => panic!("{name} failed to generate:\n{e}"),
    }
}

fn file<'a>(files: &'a BTreeMap<String, String>, path: &str) -> &'a str {
    files.get(path).map_or_else(
        || panic!("no {path} among {:?}", files.keys().collect::<Vec<_>>()),
        String::as_str,
    )
}

/// The field `ident` exists and is read and written under the wire name `wire`.
fn assert_field(source: &str, wire: &str, ident: &str) {
    assert!(
        source.contains(&format!("    pub {ident}: ")),
        "no field `{ident}`"
    );
    let read = format!("{wire:?} => odata_runtime::read_into(map, key, &mut self.{ident})");
    assert!(
        source.contains(&read),
        "`{ident}` is not read from {wire:?}"
    );
    let write = format!("odata_runtime::write_field(map, {wire:?}, &self.{ident})");
    assert!(
        source
            .replace(['\n', ' '], "")
            .contains(&write.replace(' ', "")),
        "`{ident}` is not written as {wire:?}"
    );
}

#[test]
fn every_file_says_what_it_attacks() {
    for kind in ["good", "bad"] {
        for (name, bytes) in corpus(kind) {
            // An empty file cannot say anything, and JSON has no comments (its first key
            // says it instead).
            if name == "empty.xml" {
                assert!(bytes.is_empty());
                continue;
            }
            let head = String::from_utf8_lossy(&bytes[..bytes.len().min(300)]).into_owned();
            let said = head.contains("<!-- Attacks: ")
                || head.starts_with("# Attacks: ")
                || head.starts_with("{\"_comment\": \"Attacks: ");
            assert!(said, "{kind}/{name} does not open with what it attacks");
        }
    }
}

#[test]
fn every_good_input_generates() {
    let good = corpus("good");
    assert!(good.len() >= 14, "{} good inputs", good.len());
    for (name, bytes) in good {
        let input = Input {
            name: &name,
            bytes: &bytes,
        };
        if let Err(e) = generate(input, &options()) {
            panic!("{name} failed to generate:\n{e}");
        }
    }
}

#[test]
fn keywords_become_suffixed_fields_with_their_wire_names() {
    let files = good("keywords.xml");
    let ty = file(&files, "src/adv_keywords/type_.rs");
    assert!(ty.contains("pub struct Type {"));
    for keyword in [
        "self", "crate", "super", "async", "await", "gen", "try", "dyn", "abstract",
    ] {
        assert_field(ty, keyword, &format!("{keyword}_"));
    }
    // `Self` snake-cases to `self`, which is taken: numbered, then escaped.
    assert_field(ty, "Self", "self_2");
    // `union` is a weak keyword: a valid field name as it is.
    assert_field(ty, "union", "union");
    let variants = file(&files, "src/adv_keywords/enum_.rs");
    for (wire, variant) in [("Self", "SelfValue"), ("self", "Self2"), ("crate", "Crate")] {
        assert!(
            variants.contains(&format!("{wire:?} => Self::{variant},")),
            "{wire}"
        );
    }
}

#[test]
fn names_equal_after_casing_stay_distinct_on_both_sides() {
    let files = good("casing.xml");
    // Types are numbered in the order of their qualified names (`FooBar`, `FooBar2`,
    // `fooBar`, `foo_bar`): upper case sorts first.
    for (path, wire, ident) in [
        ("foo_bar.rs", "FooBar", "FooBar"),
        ("foo_bar2.rs", "FooBar2", "FooBar2"),
        ("foo_bar_2.rs", "fooBar", "FooBar3"),
        ("foo_bar_3.rs", "foo_bar", "FooBar4"),
    ] {
        let source = file(&files, &format!("src/adv_casing/{path}"));
        assert!(
            source.contains(&format!("type `adv.casing.{wire}`")),
            "{path}"
        );
        assert!(source.contains(&format!("pub struct {ident} {{")), "{path}");
    }
    let foo_bar = file(&files, "src/adv_casing/foo_bar_2.rs");
    assert_field(foo_bar, "fooBar", "foo_bar");
    assert_field(foo_bar, "FooBar", "foo_bar_2");
    assert_field(foo_bar, "foo_bar", "foo_bar_3");
    // The wire name `foo_bar_2` asked for the number the collision rule gave `FooBar`.
    assert_field(foo_bar, "foo_bar_2", "foo_bar_2_2");
    assert_field(foo_bar, "FOO_BAR", "foo_bar_4");
    assert_field(foo_bar, "foo-bar", "foo_bar_5");
    for (path, ident) in [
        ("src/adv_casing/match_.rs", "pub struct Match {"),
        ("src/adv_casing/match_2.rs", "pub struct Match2 {"),
        ("src/adv_casing/match_3.rs", "pub struct Match3 {"),
    ] {
        assert!(file(&files, path).contains(ident), "{path}");
    }
}

#[test]
fn prelude_names_are_renamed_and_the_prelude_still_means_itself() {
    let files = good("prelude.xml");
    for (path, ident) in [
        ("option.rs", "OptionType"),
        ("option_type.rs", "OptionType2"),
        ("result.rs", "ResultType"),
        ("string.rs", "StringType"),
        ("vec.rs", "VecType"),
        ("box_.rs", "BoxType"),
        ("some.rs", "SomeType"),
    ] {
        let source = file(&files, &format!("src/adv_prelude/{path}"));
        assert!(source.contains(&format!("pub struct {ident} {{")), "{path}");
    }
    let entity = file(&files, "src/adv_prelude/entity.rs");
    assert!(entity.contains("pub option: odata_runtime::Nullable<super::OptionType>"));
    assert!(entity.contains("pub string: odata_runtime::Nullable<super::StringType>"));
}

#[test]
fn unspellable_characters_are_dropped_and_the_rest_numbered() {
    let files = good("characters.xml");
    let first = file(&files, "src/adv_characters/n1st_place.rs");
    assert!(first.contains("pub struct N1stPlace {"));
    for (wire, ident) in [
        ("a.b", "a_b"),
        ("a_b", "a_b_2"),
        ("@odata.type", "odata_type"),
        ("$value", "value"),
        ("123", "n123"),
        ("n123", "n123_2"),
        ("café", "caf"),
        ("caf", "caf_2"),
        ("名前", "value_2"),
        ("имя", "value_3"),
        ("with space", "with_space"),
    ] {
        assert_field(first, wire, ident);
    }
}

#[test]
fn enum_members_never_take_the_fallback_variant() {
    let files = good("enum_members.xml");
    let fallback = file(&files, "src/adv_enums/fallback.rs");
    assert!(fallback.contains("\"Unrecognized\" => Self::Unrecognized,"));
    assert!(fallback.contains("\"UnrecognizedValue\" => Self::UnrecognizedValue,"));
    assert!(fallback.contains("other => Self::UnrecognizedValue2(other.to_owned()),"));
    let odd = file(&files, "src/adv_enums/odd.rs");
    for (wire, variant) in [("_", "Value"), ("__", "Value2"), ("0", "N0"), ("N0", "N02")] {
        assert!(
            odd.contains(&format!("{wire:?} => Self::{variant},")),
            "{wire}"
        );
    }
}

#[test]
fn a_property_of_its_own_type_is_boxed() {
    let files = good("recursion.xml");
    let node = file(&files, "src/adv_recursion/node.rs");
    assert!(node.contains("pub next: odata_runtime::Nullable<Box<super::Node>>"));
    assert!(node.contains("pub required: Option<Box<super::Node>>"));
    assert!(node.contains("pub all: Option<Vec<super::Node>>"));
}

#[test]
fn request_names_avoid_the_root_module_and_each_other() {
    let files = good("request_names.xml");
    let root = file(&files, "src/requests.rs");
    // An entity set named `requests` inside `requests` would be clippy's module_inception.
    assert!(root.contains("pub mod requests_2;"), "{root}");
    let paths = good("openapi_paths.yaml");
    let ty = file(&paths, "src/requests/type_.rs");
    // `{options}` in a key and in a call is one argument; the body's `options` is another.
    let call = ty.split("pub fn fn_(").nth(1).unwrap();
    assert_eq!(
        call.split(')')
            .next()
            .unwrap()
            .matches("options_2:")
            .count(),
        1
    );
    let action = ty.split("pub fn delete_2(").nth(1).unwrap();
    let arguments = action.split(") ->").next().unwrap();
    for argument in [
        "options_2: &str",
        "body_2: Option<&str>",
        "options_3: Option<&i64>",
    ] {
        assert!(arguments.contains(argument), "{argument} in {arguments}");
    }
    assert!(action.contains("request.parameter(\"options\", value)"));
}

/// The crate re-exports `odata_runtime::prelude` as `prelude`; a namespace of that name
/// takes another module name rather than clash with it.
#[test]
fn a_namespace_named_prelude_leaves_the_name_to_the_prelude() {
    let files = good("namespaces.xml");
    let lib = file(&files, "src/lib.rs");
    assert!(lib.contains("pub use odata_runtime::prelude;"), "{lib}");
    assert!(lib.contains("pub mod prelude_2;"), "{lib}");
}

/// One name serves an area's module and its feature, even when the module had to be
/// renamed (`self_`, `requests_2`): `features = ["self_"]` compiles `requests::self_`.
#[test]
fn area_features_are_named_like_their_request_modules() {
    let files = good("request_names.xml");
    let manifest = file(&files, "Cargo.toml");
    let modules: Vec<&str> = files
        .keys()
        .filter_map(|path| path.strip_prefix("src/requests/")?.strip_suffix(".rs"))
        .filter(|module| !module.contains('/'))
        .collect();
    assert!(modules.contains(&"self_") && modules.contains(&"requests_2"));
    for module in modules {
        assert!(
            manifest.contains(&format!("\n{module} = []")),
            "no feature `{module}`:\n{manifest}"
        );
    }
}

#[test]
fn every_bad_input_fails_with_what_and_where() {
    let mut cases = corpus("bad");
    cases.extend(
        generated::generated_bad_inputs()
            .into_iter()
            .map(|(name, bytes)| (name.to_owned(), bytes)),
    );
    cases.sort();
    assert!(cases.len() >= 25, "{} bad inputs", cases.len());
    let mut rendered = String::new();
    for (name, bytes) in &cases {
        let input = Input {
            name: &format!("tests/adversarial/bad/{name}"),
            bytes,
        };
        let start = Instant::now();
        let result = generate(input, &options());
        // Generous for a debug build on a busy machine; the hostile cases used to take
        // minutes (100,000 nested YAML flow sequences).
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{name} took {:?}",
            start.elapsed()
        );
        let diagnostics = match result {
            Ok(_) => panic!("{name} generated"),
            Err(e) => e,
        };
        assert!(
            diagnostics.0.iter().any(|d| d.severity == Severity::Error),
            "{name}: no error"
        );
        rendered += &format!("== {name}\n{diagnostics}\n\n");
    }
    insta::assert_snapshot!("bad_inputs", rendered);
}
