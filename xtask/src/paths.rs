//! Path and name arithmetic for `cargo xtask generate`.

use std::io;
use std::path::{Component, Path, PathBuf};

use crate::error::Error;

/// The workspace's root: xtask lives one folder below it.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `path` made absolute with symlinks resolved, even when its last components do not exist
/// yet (the output folder of `generate` may not): the existing ancestor is canonicalized and
/// the rest is appended, `.` and `..` resolved textually since they cannot be symlinks.
pub fn resolve(path: &Path) -> Result<PathBuf, Error> {
    let absolute = std::path::absolute(path).map_err(|e| Error::io("resolve", path, &e))?;
    let mut tail: Vec<Component<'_>> = Vec::new();
    let mut existing = absolute.as_path();
    let base = loop {
        match existing.canonicalize() {
            Ok(base) => break base,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io("resolve", existing, &e)),
        }
        let (Some(parent), Some(last)) = (existing.parent(), existing.components().next_back())
        else {
            return Err(Error::msg(format!("cannot resolve {}", path.display())));
        };
        tail.push(last);
        existing = parent;
    };
    let mut resolved = base;
    for component in tail.into_iter().rev() {
        match component {
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) => resolved.push(name),
            _ => {}
        }
    }
    Ok(resolved)
}

/// The `/`-separated relative path from folder `from` to `to`, both resolved with
/// [`resolve`]. `None` when there is none (different Windows drives) or it is not UTF-8,
/// since it has to be written into a Cargo.toml.
pub fn relative_path(from: &Path, to: &Path) -> Option<String> {
    let from: Vec<Component<'_>> = from.components().collect();
    let to: Vec<Component<'_>> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    // Without a shared root (prefix or `/`) no relative path exists.
    if common == 0 {
        return None;
    }
    let mut parts: Vec<&str> = vec![".."; from.len() - common];
    for component in &to[common..] {
        parts.push(component.as_os_str().to_str()?);
    }
    Some(if parts.is_empty() {
        ".".to_owned()
    } else {
        parts.join("/")
    })
}

/// A valid Cargo package name derived from a folder name: ASCII letters, digits, `-` and
/// `_`, lowercase by convention, other characters folded into single dashes.
pub fn package_name_from(folder: &str) -> Option<String> {
    let mut name = String::new();
    for c in folder.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            name.push(c.to_ascii_lowercase());
        } else if !name.ends_with('-') {
            name.push('-');
        }
    }
    let name = name.trim_matches(['-', '_']).to_owned();
    is_package_name(&name).then_some(name)
}

/// What Cargo accepts as a package name (and what can become a library name).
pub fn is_package_name(name: &str) -> bool {
    name.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_path_between_siblings_and_nested_folders() {
        let rel = |a: &str, b: &str| relative_path(Path::new(a), Path::new(b));
        assert_eq!(rel("/w/out", "/w/runtime").as_deref(), Some("../runtime"));
        assert_eq!(
            rel("/tmp/x/y", "/w/runtime").as_deref(),
            Some("../../../w/runtime")
        );
        assert_eq!(rel("/w", "/w/runtime").as_deref(), Some("runtime"));
        assert_eq!(rel("/w/runtime/sub", "/w/runtime").as_deref(), Some(".."));
        assert_eq!(rel("/w/runtime", "/w/runtime").as_deref(), Some("."));
        assert_eq!(rel("relative", "/w").as_deref(), None);
    }

    #[test]
    fn resolve_handles_missing_folders_and_dot_dot() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().canonicalize().unwrap();
        let missing = dir.path().join("a/b/../c");
        assert_eq!(resolve(&missing).unwrap(), base.join("a/c"));
        assert_eq!(resolve(dir.path()).unwrap(), base);
    }

    #[test]
    fn resolved_relative_path_reaches_the_runtime() {
        let dir = tempfile::tempdir().unwrap();
        let out = resolve(&dir.path().join("new/crate")).unwrap();
        let runtime = resolve(&workspace_root().join("runtime")).unwrap();
        let rel = relative_path(&out, &runtime).unwrap();
        assert!(rel.starts_with("../"), "{rel}");
        assert_eq!(resolve(&out.join(&rel)).unwrap(), runtime);
    }

    #[test]
    fn package_names_from_folder_names() {
        assert_eq!(package_name_from("my-client").as_deref(), Some("my-client"));
        assert_eq!(
            package_name_from("My Graph.Client").as_deref(),
            Some("my-graph-client")
        );
        assert_eq!(package_name_from("__x__").as_deref(), Some("x"));
        assert_eq!(package_name_from("1st"), None);
        assert_eq!(package_name_from("..."), None);
        assert_eq!(package_name_from(""), None);
    }
}
