//! The write half of [`crate::sync::sync_tree`]: build the new tree aside, then swap it in.
//!
//! The new owned entries are staged in `.{root}.tmp-{pid}` next to the root (same file
//! system, so each move is a rename, not a copy). Until the swap nothing under the root has
//! changed, so any failure is undone by deleting the staging folder. The swap itself is a
//! few renames; if one fails, the ones already done are reversed.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use crate::error::{Error, io_message};

type Rename<'a> = dyn FnMut(&Path, &Path) -> io::Result<()> + 'a;

/// Replaces the `owned` entries of `root` with exactly `files`. `unchanged` lists files
/// whose contents are already on disk: they keep their modification time, so cargo and
/// editors do not see a change that did not happen.
pub(crate) fn replace(
    root: &Path,
    files: &BTreeMap<String, String>,
    owned: &[&str],
    unchanged: &[&str],
) -> Result<(), Error> {
    replace_with(root, files, owned, unchanged, &mut |from, to| {
        fs::rename(from, to)
    })
}

/// [`replace`] with the rename step injectable, so tests can make the swap fail midway.
fn replace_with(
    root: &Path,
    files: &BTreeMap<String, String>,
    owned: &[&str],
    unchanged: &[&str],
    rename: &mut Rename<'_>,
) -> Result<(), Error> {
    let root = std::path::absolute(root).map_err(|e| Error::io("resolve", root, &e))?;
    let (Some(parent), Some(name)) = (root.parent(), root.file_name()) else {
        return Err(Error::msg(format!(
            "cannot replace {}: it has no folder name",
            root.display()
        )));
    };
    let created = create_missing(parent)?;
    let staging = parent.join(format!(
        ".{}.tmp-{}",
        name.to_string_lossy(),
        std::process::id()
    ));

    let result = stage(&staging, &root, files, unchanged)
        .map_err(|e| (e, false))
        .and_then(|()| swap(&root, &staging, owned, rename));
    match result {
        Ok(()) => fs::remove_dir_all(&staging).map_err(|e| {
            Error::msg(format!(
                "{} was updated, but the staging folder {} could not be removed: {e}",
                root.display(),
                staging.display()
            ))
        }),
        Err((err, keep_staging)) => {
            // Best effort: the error being returned is the one worth reading; a cleanup
            // failure only leaves an ignorable dot-folder behind.
            if !keep_staging {
                let _ = fs::remove_dir_all(&staging);
            }
            for dir in created.iter().rev() {
                let _ = fs::remove_dir(dir);
            }
            Err(err)
        }
    }
}

/// Creates `dir` and its missing ancestors; returns the ones it created, outermost first,
/// so a failure later can remove them again and leave the disk as it was. A folder another
/// process creates meanwhile (two generations into one parent) is not ours to remove.
fn create_missing(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut missing: Vec<PathBuf> = dir
        .ancestors()
        .take_while(|d| !d.exists())
        .map(Path::to_path_buf)
        .collect();
    missing.reverse();
    let mut created = Vec::new();
    for d in missing {
        match fs::create_dir(&d) {
            Ok(()) => created.push(d),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && d.is_dir() => {}
            Err(e) => {
                for done in created.iter().rev() {
                    let _ = fs::remove_dir(done);
                }
                return Err(Error::io("create folder", &d, &e));
            }
        }
    }
    Ok(created)
}

/// Writes the complete new tree into `staging/new`.
fn stage(
    staging: &Path,
    root: &Path,
    files: &BTreeMap<String, String>,
    unchanged: &[&str],
) -> Result<(), Error> {
    // A leftover from a crashed run with the same pid holds nothing worth keeping.
    if staging.exists() {
        fs::remove_dir_all(staging).map_err(|e| Error::io("remove", staging, &e))?;
    }
    let new = staging.join("new");
    fs::create_dir_all(&new).map_err(|e| Error::io("create folder", &new, &e))?;
    for (path, contents) in files {
        let target = new.join(path);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).map_err(|e| Error::io("create folder", dir, &e))?;
        }
        let mut file = fs::File::create(&target).map_err(|e| Error::io("create", &target, &e))?;
        file.write_all(contents.as_bytes())
            .map_err(|e| Error::io("write", &target, &e))?;
        if unchanged.contains(&path.as_str()) {
            // The modification time is a courtesy, not part of the result: if it cannot be
            // carried over, the file is merely touched.
            if let Ok(modified) = fs::metadata(root.join(path)).and_then(|m| m.modified()) {
                let _ = file.set_modified(modified);
            }
        }
    }
    Ok(())
}

/// Moves the old owned entries into `staging/old` and the new ones into `root`. On failure
/// the moves done so far are reversed; the flag says whether that failed too, in which case
/// the staging folder holds the only copy of something and must be kept.
fn swap(
    root: &Path,
    staging: &Path,
    owned: &[&str],
    rename: &mut Rename<'_>,
) -> Result<(), (Error, bool)> {
    let new = staging.join("new");
    if !root.exists() {
        return rename(&new, root).map_err(|e| (Error::io("move into place", root, &e), false));
    }
    let old = staging.join("old");
    fs::create_dir(&old).map_err(|e| (Error::io("create folder", &old, &e), false))?;

    let mut moved_out: Vec<&str> = Vec::new();
    let mut moved_in: Vec<&str> = Vec::new();
    let mut failure = None;
    for entry in owned {
        if fs::symlink_metadata(root.join(entry)).is_ok() {
            match rename(&root.join(entry), &old.join(entry)) {
                Ok(()) => moved_out.push(entry),
                Err(e) => {
                    failure = Some(io_message("move aside", &root.join(entry), &e));
                    break;
                }
            }
        }
    }
    if failure.is_none() {
        for entry in owned {
            if fs::symlink_metadata(new.join(entry)).is_ok() {
                match rename(&new.join(entry), &root.join(entry)) {
                    Ok(()) => moved_in.push(entry),
                    Err(e) => {
                        failure = Some(io_message("move into place", &root.join(entry), &e));
                        break;
                    }
                }
            }
        }
    }
    let Some(err) = failure else { return Ok(()) };

    let mut stuck = false;
    for entry in moved_in.iter().rev() {
        stuck |= rename(&root.join(entry), &new.join(entry)).is_err();
    }
    for entry in moved_out.iter().rev() {
        stuck |= rename(&old.join(entry), &root.join(entry)).is_err();
    }
    if stuck {
        let message = format!(
            "{err}; undoing the swap failed too: the previous contents are in {}",
            old.display()
        );
        return Err((Error::msg(message), true));
    }
    Err((Error::msg(err), false))
}

#[cfg(test)]
#[path = "swap_tests.rs"]
mod tests;
