//! The whole-process floor for CSDL input: read a file and parse it with roxmltree,
//! nothing else. Compare `/usr/bin/time target/release/xml_floor FILE` with
//! `/usr/bin/time target/release/xtask generate --input FILE ...` (docs/performance.md).

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: xml_floor FILE");
        return ExitCode::FAILURE;
    };
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(err) => {
            eprintln!("{}: {err}", path.to_string_lossy());
            return ExitCode::FAILURE;
        }
    };
    let parsed = std::str::from_utf8(&bytes)
        .map_err(|e| e.to_string())
        .and_then(|text| roxmltree::Document::parse(text).map_err(|e| e.to_string()));
    match parsed {
        Ok(doc) => {
            println!("{}", doc.root_element().tag_name().name());
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("{}: {err}", path.to_string_lossy());
            ExitCode::FAILURE
        }
    }
}
