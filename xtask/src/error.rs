//! The one error type of xtask: every failure ends as a message for the user, never a panic.

use std::fmt;
use std::io;
use std::path::Path;

use odata_codegen::Diagnostics;

#[derive(Debug)]
pub enum Error {
    /// Findings about the input. They print as they are (`file:line:col: error: ...`), because
    /// editors and CI annotators parse that shape; a summary line follows them.
    Diagnostics {
        input: String,
        diagnostics: Diagnostics,
    },
    /// Anything else, printed as `error: {message}`.
    Message(String),
}

impl Error {
    pub fn msg(message: impl Into<String>) -> Self {
        Self::Message(message.into())
    }

    /// An I/O failure, naming what was attempted, the path and the OS error, because a bare
    /// "No such file or directory" leaves the user guessing which file.
    pub fn io(action: &str, path: &Path, err: &io::Error) -> Self {
        Self::Message(io_message(action, path, err))
    }
}

/// The text of [`Error::io`], for callers that add to it.
pub fn io_message(action: &str, path: &Path, err: &io::Error) -> String {
    format!("cannot {action} {}: {err}", path.display())
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Diagnostics { input, diagnostics } => {
                for d in &diagnostics.0 {
                    writeln!(f, "{d}")?;
                }
                let n = diagnostics.0.len();
                let plural = if n == 1 { "" } else { "s" };
                write!(
                    f,
                    "error: could not generate from {input} ({n} error{plural})"
                )
            }
            Self::Message(message) => write!(f, "error: {message}"),
        }
    }
}

impl std::error::Error for Error {}
