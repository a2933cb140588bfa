//! The swap's failure paths, with the rename step made to fail on purpose.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::Path;

use super::replace_with;

#[path = "../tests/support/tree.rs"]
mod support;
use support::tree;

const OWNED: &[&str] = &["Cargo.toml", "src"];

fn prefilled(parent: &Path) -> std::path::PathBuf {
    let root = parent.join("crate");
    fs::create_dir_all(root.join("src/nested")).unwrap();
    fs::create_dir_all(root.join("tests")).unwrap();
    fs::write(root.join("Cargo.toml"), "old manifest\n").unwrap();
    fs::write(root.join("src/lib.rs"), "old lib\n").unwrap();
    fs::write(root.join("src/nested/stale.rs"), "stale\n").unwrap();
    fs::write(root.join("tests/hand.rs"), "hand-written\n").unwrap();
    root
}

fn new_files() -> BTreeMap<String, String> {
    BTreeMap::from([
        ("Cargo.toml".to_owned(), "new manifest\n".to_owned()),
        ("src/lib.rs".to_owned(), "new lib\n".to_owned()),
    ])
}

/// Only the root itself is left in the parent: no staging folder survives.
fn assert_no_leftovers(parent: &Path) {
    let names: Vec<String> = fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["crate"]);
}

#[test]
fn a_failed_rename_at_any_step_restores_the_tree() {
    // Two entries out and two in: failing each of the four renames covers every point of
    // the swap, including the first move-in after both old entries are already aside.
    for fail_at in 1..=4 {
        let dir = tempfile::tempdir().unwrap();
        let root = prefilled(dir.path());
        let before = tree(&root);
        let mut calls = 0;
        let mut rename = |from: &Path, to: &Path| {
            calls += 1;
            if calls == fail_at {
                Err(io::Error::other("injected"))
            } else {
                fs::rename(from, to)
            }
        };
        let err = replace_with(&root, &new_files(), OWNED, &[], &mut rename).unwrap_err();
        assert!(err.to_string().contains("injected"), "{err}");
        assert_eq!(tree(&root), before, "fail_at = {fail_at}");
        assert_no_leftovers(dir.path());
    }
}

#[test]
fn a_failed_undo_keeps_the_old_contents_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let root = prefilled(dir.path());
    let mut calls = 0;
    // The third rename (first move-in) fails, and so does every rename after it.
    let mut rename = |from: &Path, to: &Path| {
        calls += 1;
        if calls >= 3 {
            Err(io::Error::other("injected"))
        } else {
            fs::rename(from, to)
        }
    };
    let err = replace_with(&root, &new_files(), OWNED, &[], &mut rename)
        .unwrap_err()
        .to_string();
    assert!(err.contains("previous contents are in"), "{err}");
    let kept = dir
        .path()
        .join(format!(".crate.tmp-{}/old", std::process::id()));
    assert_eq!(fs::read(kept.join("src/lib.rs")).unwrap(), b"old lib\n");
}

#[test]
fn a_successful_swap_replaces_only_the_owned_entries() {
    let dir = tempfile::tempdir().unwrap();
    let root = prefilled(dir.path());
    replace_with(&root, &new_files(), OWNED, &[], &mut |a, b| {
        fs::rename(a, b)
    })
    .unwrap();
    let expected: BTreeMap<String, Vec<u8>> = [
        ("Cargo.toml", "new manifest\n"),
        ("src/lib.rs", "new lib\n"),
        ("tests/hand.rs", "hand-written\n"),
    ]
    .into_iter()
    .map(|(p, c)| (p.to_owned(), c.as_bytes().to_vec()))
    .collect();
    assert_eq!(tree(&root), expected);
    assert_no_leftovers(dir.path());
}

#[test]
fn a_missing_root_and_its_parents_are_created_and_removed_on_failure() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("a/b/crate");
    let err = replace_with(&root, &new_files(), OWNED, &[], &mut |_, _| {
        Err(io::Error::other("injected"))
    });
    assert!(err.is_err());
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        0,
        "created parents are removed"
    );

    replace_with(&root, &new_files(), OWNED, &[], &mut |a, b| {
        fs::rename(a, b)
    })
    .unwrap();
    assert_eq!(
        fs::read_to_string(root.join("src/lib.rs")).unwrap(),
        "new lib\n"
    );
}

/// Two generations into one missing parent (cargo runs tests on threads; users run
/// scripts in parallel): whichever creates the parent first, both succeed.
#[test]
fn generations_racing_to_create_one_parent_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    for round in 0..20 {
        let parent = dir.path().join(format!("round-{round}/shared"));
        let start = std::sync::Barrier::new(4);
        std::thread::scope(|scope| {
            let runs: Vec<_> = (0..4)
                .map(|i| {
                    let root = parent.join(format!("crate-{i}"));
                    let start = &start;
                    scope.spawn(move || {
                        start.wait();
                        super::replace(&root, &new_files(), OWNED, &[])
                    })
                })
                .collect();
            for run in runs {
                run.join().unwrap().unwrap();
            }
        });
    }
}
