//! Replays every input the `response` and `models` fuzz targets ever crashed on
//! (minimized, one file each under `fuzz_regressions/<target>/`) through the code the
//! target runs (`support/fuzz.rs`), and checks that the targets still reach every
//! operation and every model type of the crate.

#![allow(
    clippy::panic,
    clippy::unwrap_used,
    reason = "a failed expectation in a test is a test failure"
)]

#[path = "support/fuzz.rs"]
mod fuzz;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The files of `fuzz_regressions/<target>/`, sorted; none when no input ever crashed it.
fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = crate_dir().join("tests/fuzz_regressions").join(target);
    let Ok(entries) = fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

fn replay(target: &str, run: fn(&[u8])) {
    for file in inputs(target) {
        // The panic that fails the test comes right after the name of its input.
        eprintln!("replaying {}", file.display());
        run(&fs::read(&file).unwrap());
    }
}

#[test]
fn response() {
    replay("response", fuzz::response);
}

#[test]
fn models() {
    replay("models", fuzz::models);
}

/// Seed-like inputs pass: each operation on a 200 with the seed page's JSON body, and
/// each model on it, so the harness does reach the parsers.
#[test]
fn seeds_pass() {
    let body = include_bytes!("data/seed-create-response.json");
    for op in 0..fuzz::OPERATIONS.len() {
        let mut data = vec![u8::try_from(op).unwrap(), 0, 1];
        data.extend_from_slice(body);
        fuzz::response(&data);
    }
    for pick in 0..fuzz::MODELS.len() {
        let mut data = vec![u8::try_from(pick).unwrap()];
        data.extend_from_slice(include_bytes!("data/seed-create-request.json"));
        fuzz::models(&data);
    }
}

/// `module::function` of every `pub fn` under `src/requests/`, module paths relative to
/// `requests::solutions::backup_restore` like the names in `fuzz::OPERATIONS`.
fn request_functions(dir: &Path, module: &str, out: &mut BTreeSet<String>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let here = if module.is_empty() {
            stem
        } else {
            format!("{module}::{stem}")
        };
        if path.is_dir() {
            request_functions(&path, &here, out);
            continue;
        }
        for line in fs::read_to_string(&path).unwrap().lines() {
            if let Some(rest) = line.strip_prefix("pub fn ") {
                let name = rest.split('(').next().unwrap();
                out.insert(format!("{here}::{name}"));
            }
        }
    }
}

#[test]
fn operations_are_all_listed() {
    let mut found = BTreeSet::new();
    request_functions(&crate_dir().join("src/requests"), "", &mut found);
    let found: BTreeSet<String> = found
        .iter()
        .map(|name| {
            let short = name.strip_prefix("solutions::backup_restore::");
            short.unwrap_or(name).to_owned()
        })
        .collect();
    let listed: BTreeSet<String> = fuzz::OPERATIONS
        .iter()
        .map(|(name, _)| (*name).to_owned())
        .collect();
    assert_eq!(listed, found, "fuzz::OPERATIONS and src/requests/ differ");
    assert_eq!(fuzz::OPERATIONS.len(), 28);
}

#[test]
fn models_are_all_listed() {
    let module = fs::read_to_string(crate_dir().join("src/microsoft_graph/mod.rs")).unwrap();
    let mut found = BTreeSet::new();
    for item in module.split("pub use ").skip(1) {
        let names = item.split(';').next().unwrap();
        let names = names.split_once("::").unwrap().1;
        for name in names.split(|c: char| !c.is_alphanumeric() && c != '_') {
            if !name.is_empty() {
                found.insert(name.to_owned());
            }
        }
    }
    let listed: BTreeSet<String> = fuzz::MODELS
        .iter()
        .map(|(name, _)| (*name).to_owned())
        .collect();
    assert_eq!(
        listed, found,
        "fuzz::MODELS and src/microsoft_graph/mod.rs differ"
    );
}
