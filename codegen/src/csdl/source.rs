//! From bytes to text, and byte offsets to the line:col positions diagnostics show.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::Pos;

/// CSDL XML §3: documents are XML; we accept UTF-8 only (with or without a BOM), which is
/// what every OData service we know of serves.
pub(super) fn decode<'b>(name: &str, bytes: &'b [u8]) -> Result<&'b str, Diagnostics> {
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
            Diagnostic::error(name, None, "input is empty: expected a CSDL XML document").into(),
        );
    }
    Ok(text)
}

/// roxmltree reports 1:1 for errors it has no position for; point at something useful
/// instead (the end of a truncated document, the DTD), or at nothing.
pub(super) fn parse_error_pos(text: &str, e: &roxmltree::Error) -> Option<Pos> {
    use roxmltree::Error as E;
    match e {
        E::UnclosedRootNode | E::UnexpectedEndOfStream => Some(pos_in(text, text.len())),
        E::DtdDetected => text.find("<!DOCTYPE").map(|at| pos_in(text, at)),
        E::NoRootNode
        | E::NodesLimitReached
        | E::AttributesLimitReached
        | E::NamespacesLimitReached => None,
        _ => {
            let p = e.pos();
            Some(Pos {
                line: p.row,
                col: p.col,
            })
        }
    }
}

/// Line and column of a byte offset by scanning; for one-off error positions only.
fn pos_in(text: &str, offset: usize) -> Pos {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Pos {
        line: saturate(line),
        col: saturate(col),
    }
}

pub(super) fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
