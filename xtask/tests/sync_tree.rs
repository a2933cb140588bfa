//! `sync_tree` on temporary folders: the behaviour regenerate and --check rely on.

// Helpers outside #[test] fns are not covered by clippy.toml's allow-unwrap-in-tests; in a
// test, a failed unwrap is a failed test, which is what we want.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::fs;

use xtask::{Mode, sync_tree};

#[path = "support/tree.rs"]
mod support;
use support::tree;

const OWNED: &[&str] = &["Cargo.toml", "src"];

fn files(entries: &[(&str, &str)]) -> BTreeMap<String, String> {
    entries
        .iter()
        .map(|(p, c)| ((*p).to_owned(), (*c).to_owned()))
        .collect()
}

fn wanted() -> BTreeMap<String, String> {
    files(&[
        ("Cargo.toml", "[package]\nname = \"x\"\n"),
        ("src/lib.rs", "pub mod a;\n"),
        ("src/a.rs", "pub struct A;\n"),
    ])
}

#[test]
fn write_then_check_finds_no_difference() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("generated");
    let written = sync_tree(&root, &wanted(), OWNED, Mode::Write).unwrap();
    assert_eq!(
        (written.written(), written.unchanged, written.removed()),
        (3, 0, 0)
    );

    let checked = sync_tree(&root, &wanted(), OWNED, Mode::Check).unwrap();
    assert!(checked.is_fresh(), "{}", checked.unified_diff("generated"));
    assert_eq!(checked.unchanged, 3);
    assert_eq!(checked.unified_diff("generated"), "");
}

#[test]
fn a_second_write_of_the_same_files_touches_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("generated");
    sync_tree(&root, &wanted(), OWNED, Mode::Write).unwrap();
    let before = fs::metadata(root.join("src/a.rs"))
        .unwrap()
        .modified()
        .unwrap();
    let again = sync_tree(&root, &wanted(), OWNED, Mode::Write).unwrap();
    assert!(again.is_fresh());
    assert_eq!(
        fs::metadata(root.join("src/a.rs"))
            .unwrap()
            .modified()
            .unwrap(),
        before
    );
}

#[test]
fn a_write_keeps_the_mtime_of_unchanged_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("generated");
    sync_tree(&root, &wanted(), OWNED, Mode::Write).unwrap();
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
    fs::File::options()
        .write(true)
        .open(root.join("src/a.rs"))
        .unwrap()
        .set_modified(old)
        .unwrap();

    let mut changed = wanted();
    changed.insert("src/lib.rs".into(), "pub mod a; // changed\n".into());
    let report = sync_tree(&root, &changed, OWNED, Mode::Write).unwrap();
    assert_eq!((report.written(), report.unchanged), (1, 2));
    assert_eq!(
        fs::metadata(root.join("src/a.rs"))
            .unwrap()
            .modified()
            .unwrap(),
        old
    );
}

#[test]
fn a_changed_file_shows_up_in_the_diff_and_check_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("generated");
    sync_tree(&root, &wanted(), OWNED, Mode::Write).unwrap();
    fs::write(root.join("src/a.rs"), "pub struct Edited;\n").unwrap();

    let report = sync_tree(&root, &wanted(), OWNED, Mode::Check).unwrap();
    assert!(!report.is_fresh());
    let diff = report.unified_diff("generated");
    assert!(diff.contains("--- a/generated/src/a.rs"), "{diff}");
    assert!(diff.contains("+++ b/generated/src/a.rs"), "{diff}");
    assert!(diff.contains("-pub struct Edited;"), "{diff}");
    assert!(diff.contains("+pub struct A;"), "{diff}");
    assert_eq!(
        fs::read_to_string(root.join("src/a.rs")).unwrap(),
        "pub struct Edited;\n"
    );
}

#[test]
fn a_stale_file_is_reported_then_removed_but_tests_are_never_touched() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("generated");
    sync_tree(&root, &wanted(), OWNED, Mode::Write).unwrap();
    fs::create_dir_all(root.join("src/old")).unwrap();
    fs::write(root.join("src/old/gone.rs"), "pub struct Gone;\n").unwrap();
    fs::create_dir_all(root.join("tests")).unwrap();
    fs::write(root.join("tests/consumer.rs"), "// hand-written\n").unwrap();

    let checked = sync_tree(&root, &wanted(), OWNED, Mode::Check).unwrap();
    assert_eq!(checked.removed(), 1);
    let diff = checked.unified_diff("generated");
    assert!(
        diff.contains("--- a/generated/src/old/gone.rs\n+++ /dev/null"),
        "{diff}"
    );
    assert!(!diff.contains("consumer"), "{diff}");

    let written = sync_tree(&root, &wanted(), OWNED, Mode::Write).unwrap();
    assert_eq!(written.removed(), 1);
    assert!(!root.join("src/old").exists());
    assert_eq!(
        fs::read_to_string(root.join("tests/consumer.rs")).unwrap(),
        "// hand-written\n"
    );
    assert!(
        sync_tree(&root, &wanted(), OWNED, Mode::Check)
            .unwrap()
            .is_fresh()
    );
}

#[test]
fn a_missing_file_shows_as_new() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("generated");
    let report = sync_tree(&root, &wanted(), OWNED, Mode::Check).unwrap();
    assert_eq!(report.written(), 3);
    assert!(!root.exists(), "check never creates anything");
    let diff = report.unified_diff("generated");
    assert!(
        diff.contains("--- /dev/null\n+++ b/generated/src/lib.rs"),
        "{diff}"
    );
}

#[test]
fn a_failure_while_staging_leaves_the_folder_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("generated");
    sync_tree(&root, &wanted(), OWNED, Mode::Write).unwrap();
    fs::create_dir_all(root.join("tests")).unwrap();
    fs::write(root.join("tests/consumer.rs"), "// hand-written\n").unwrap();
    let before = tree(&root);

    // `src/a.rs` is staged as a file, then `src/a.rs/b.rs` needs it to be a folder: a real
    // I/O error halfway through building the new tree.
    let mut broken = wanted();
    broken.insert("src/a.rs/b.rs".into(), "x\n".into());
    let err = sync_tree(&root, &broken, OWNED, Mode::Write)
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("error: cannot "), "{err}");

    assert_eq!(tree(&root), before);
    let left: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["generated"], "the staging folder is removed");
}

#[test]
fn paths_outside_the_owned_entries_are_refused_before_any_write() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("generated");
    for bad in [
        "tests/generated.rs",
        "../escape.rs",
        "src/../x.rs",
        "/abs.rs",
        "src//a.rs",
    ] {
        let files = files(&[("src/lib.rs", ""), (bad, "")]);
        let err = sync_tree(&root, &files, OWNED, Mode::Write)
            .unwrap_err()
            .to_string();
        assert!(err.contains(bad), "{bad}: {err}");
        assert!(!root.exists(), "{bad}");
    }
}
