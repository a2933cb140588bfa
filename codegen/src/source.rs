//! From bytes to text, and byte offsets to the line:col positions diagnostics show; shared
//! by every reader.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::Pos;

/// Accepts UTF-8 only (with or without a BOM): CSDL XML, OpenAPI JSON (RFC 8259 §8.1) and
/// the YAML every OpenAPI tool writes. `expected` names the format for the empty-input error.
pub(crate) fn decode<'b>(
    name: &str,
    bytes: &'b [u8],
    expected: &str,
) -> Result<&'b str, Diagnostics> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let good = bytes.get(..e.valid_up_to()).unwrap_or_default();
            // The prefix is valid UTF-8 by construction.
            let prefix = std::str::from_utf8(good).unwrap_or_default();
            let pos = pos_in(prefix, prefix.len());
            let msg = format!(
                "input is not UTF-8: invalid byte at offset {}",
                e.valid_up_to()
            );
            return Err(Diagnostic::error(name, Some(pos), msg).into());
        }
    };
    if text.trim().is_empty() {
        return Err(
            Diagnostic::error(name, None, format!("input is empty: expected {expected}")).into(),
        );
    }
    Ok(text)
}

/// Line and column of a byte offset by scanning; for one-off error positions only.
pub(crate) fn pos_in(text: &str, offset: usize) -> Pos {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Pos {
        line: saturate(line),
        col: saturate(col),
    }
}

pub(crate) fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
