//! The whole state of a folder, to compare trees byte for byte: every file by its
//! `/`-separated relative path, and every empty folder as `path/` with no bytes (a folder
//! left behind, or one removed, is a change too).

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

#[allow(
    clippy::unwrap_used,
    reason = "test support: a failed read is a failed test"
)]
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut state = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let mut empty = true;
        for entry in fs::read_dir(&folder).unwrap() {
            empty = false;
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                state.insert(relative(dir, &path), fs::read(&path).unwrap());
            }
        }
        if empty && folder != dir {
            state.insert(format!("{}/", relative(dir, &folder)), Vec::new());
        }
    }
    state
}

#[allow(
    clippy::unwrap_used,
    reason = "test support: every path found is under dir"
)]
fn relative(dir: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(dir).unwrap();
    relative.to_string_lossy().replace('\\', "/")
}
