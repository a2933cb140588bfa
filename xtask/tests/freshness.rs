//! The drift gate inside `cargo test`.

use xtask::Mode;
use xtask::paths::workspace_root;
use xtask::regenerate::{LABEL, out_of_date_message, regenerate};

/// Runs `cargo xtask regenerate --check` on this repository, so a plain `cargo test` fails
/// when generated/ no longer matches what schema/ and the generator produce, and says how to
/// fix it. Deliberately not `#[ignore]`d: it fails while the generator is incomplete, and
/// that is true information — the checked-in crate is not what the generator makes.
#[test]
fn generated_crate_is_fresh() {
    let report = match regenerate(&workspace_root(), Mode::Check) {
        Ok((report, _)) => report,
        Err(err) => panic!(
            "{err}\n(the drift check could not run; `cargo xtask regenerate --check` shows the same)"
        ),
    };
    assert!(
        report.is_fresh(),
        "{}\n{}",
        report.unified_diff(LABEL),
        out_of_date_message()
    );
}
