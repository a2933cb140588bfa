//! Compare-or-write for a whole generated tree.
//!
//! One function, [`sync_tree`], decides what "in sync" means for `regenerate`, `--check`,
//! `generate` and the freshness test alike, so the check can never disagree with what a
//! write would have produced.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use similar::TextDiff;

use crate::error::Error;
use crate::swap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Compare only; the disk is never touched.
    Check,
    /// Replace the owned entries atomically when (and only when) something differs.
    Write,
}

/// One file whose disk state differs from the wanted state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Relative to the tree's root, `/`-separated.
    pub path: String,
    /// What is on disk; `None` when the file is new.
    pub old: Option<Vec<u8>>,
    /// What the generator wants; `None` when the file is stale and goes away.
    pub new: Option<String>,
}

/// What a sync found (check) or did (write).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Added, modified and stale files, in path order.
    pub changes: Vec<Change>,
    pub unchanged: usize,
}

impl Report {
    pub fn is_fresh(&self) -> bool {
        self.changes.is_empty()
    }

    /// Files that a write creates or modifies.
    pub fn written(&self) -> usize {
        self.changes.iter().filter(|c| c.new.is_some()).count()
    }

    /// Stale files that a write removes.
    pub fn removed(&self) -> usize {
        self.changes.iter().filter(|c| c.new.is_none()).count()
    }

    /// One unified diff per changed file, with `a/{label}/path` and `b/{label}/path` headers so
    /// `git apply` and readers see paths relative to the repository.
    pub fn unified_diff(&self, label: &str) -> String {
        let mut out = String::new();
        for change in &self.changes {
            let old = change
                .old
                .as_deref()
                .map(String::from_utf8_lossy)
                .unwrap_or_default();
            let new = change.new.as_deref().unwrap_or_default();
            let a = match change.old {
                Some(_) => format!("a/{label}/{}", change.path),
                None => "/dev/null".to_owned(),
            };
            let b = match change.new {
                Some(_) => format!("b/{label}/{}", change.path),
                None => "/dev/null".to_owned(),
            };
            let diff = TextDiff::from_lines(old.as_ref(), new);
            out.push_str(&diff.unified_diff().header(&a, &b).to_string());
        }
        out
    }
}

/// Brings `root` in line with `files` (relative path → contents), or only reports how it differs.
///
/// `owned` names the top-level entries of `root` that the generator owns (`Cargo.toml`, `src`):
/// files under them that `files` lacks are stale; everything else in `root` (hand-written
/// `tests/`, `Cargo.lock`, ...) is never read nor touched. In [`Mode::Write`] the owned
/// entries are replaced as a whole, through a staging folder next to `root`, so a failure
/// leaves `root` as it was; nothing is written when nothing differs.
pub fn sync_tree(
    root: &Path,
    files: &BTreeMap<String, String>,
    owned: &[&str],
    mode: Mode,
) -> Result<Report, Error> {
    for entry in owned {
        check_relative(entry)?;
    }
    for path in files.keys() {
        check_relative(path)?;
        let top = path.split('/').next().unwrap_or_default();
        if !owned.contains(&top) {
            return Err(Error::msg(format!(
                "the generator produced `{path}`, outside what it owns in {} ({})",
                root.display(),
                owned.join(", ")
            )));
        }
    }
    if root.exists() && !root.is_dir() {
        return Err(Error::msg(format!(
            "{} exists and is not a folder",
            root.display()
        )));
    }

    let report = compare(root, files, owned)?;
    if mode == Mode::Write && !report.is_fresh() {
        swap::replace(root, files, owned, &unchanged_paths(files, &report))?;
    }
    Ok(report)
}

/// Generator paths are `/`-separated and relative; anything that could step outside the root
/// (or mean different things on different systems) is refused before touching the disk.
fn check_relative(path: &str) -> Result<(), Error> {
    let ok = !path.is_empty()
        && path
            .split('/')
            .all(|c| !c.is_empty() && c != "." && c != ".." && !c.contains(['\\', ':']));
    if ok {
        Ok(())
    } else {
        Err(Error::msg(format!("invalid relative path `{path}`")))
    }
}

fn compare(root: &Path, files: &BTreeMap<String, String>, owned: &[&str]) -> Result<Report, Error> {
    let mut report = Report::default();
    let mut changes: BTreeMap<String, Change> = BTreeMap::new();
    for (path, new) in files {
        let full = root.join(path);
        match fs::read(&full) {
            Ok(old) if old == new.as_bytes() => report.unchanged += 1,
            Ok(old) => {
                changes.insert(
                    path.clone(),
                    Change {
                        path: path.clone(),
                        old: Some(old),
                        new: Some(new.clone()),
                    },
                );
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                changes.insert(
                    path.clone(),
                    Change {
                        path: path.clone(),
                        old: None,
                        new: Some(new.clone()),
                    },
                );
            }
            Err(e) => return Err(Error::io("read", &full, &e)),
        }
    }
    for (path, full) in disk_files(root, owned)? {
        if !files.contains_key(&path) {
            let old = fs::read(&full).map_err(|e| Error::io("read", &full, &e))?;
            changes.insert(
                path.clone(),
                Change {
                    path,
                    old: Some(old),
                    new: None,
                },
            );
        }
    }
    report.changes = changes.into_values().collect();
    Ok(report)
}

/// Every file under the owned entries: `/`-separated relative path → full path.
fn disk_files(root: &Path, owned: &[&str]) -> Result<BTreeMap<String, PathBuf>, Error> {
    let mut found = BTreeMap::new();
    let mut pending: Vec<(PathBuf, String)> = owned
        .iter()
        .map(|e| (root.join(e), (*e).to_owned()))
        .collect();
    while let Some((full, rel)) = pending.pop() {
        let meta = match fs::symlink_metadata(&full) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(Error::io("inspect", &full, &e)),
        };
        if !meta.is_dir() {
            found.insert(rel, full);
            continue;
        }
        let entries = fs::read_dir(&full).map_err(|e| Error::io("list", &full, &e))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::io("list", &full, &e))?;
            let name = entry.file_name();
            // A name that is not UTF-8 cannot be a generated path, so it is stale by
            // definition; it still has to be reported rather than silently kept.
            let name = name.to_string_lossy();
            pending.push((entry.path(), format!("{rel}/{name}")));
        }
    }
    Ok(found)
}

fn unchanged_paths<'a>(files: &'a BTreeMap<String, String>, report: &Report) -> Vec<&'a str> {
    let changed: BTreeSet<&str> = report.changes.iter().map(|c| c.path.as_str()).collect();
    files
        .keys()
        .map(String::as_str)
        .filter(|p| !changed.contains(p))
        .collect()
}
