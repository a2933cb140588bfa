//! Where roxmltree's errors point.

use crate::ir::Pos;
use crate::source::pos_in;

/// roxmltree reports 1:1 for errors it has no position for; point at something useful
/// instead (the end of a truncated document, the DTD), or at nothing.
pub(super) fn parse_error_pos(text: &str, e: &roxmltree::Error) -> Option<Pos> {
    use roxmltree::Error as E;
    match e {
        // The end of the input is where the missing part (or the whole root) belongs.
        E::NoRootNode | E::UnclosedRootNode | E::UnexpectedEndOfStream => {
            Some(pos_in(text, text.len()))
        }
        E::DtdDetected => text.find("<!DOCTYPE").map(|at| pos_in(text, at)),
        E::NodesLimitReached | E::AttributesLimitReached | E::NamespacesLimitReached => None,
        _ => {
            let p = e.pos();
            Some(Pos {
                line: p.row,
                col: p.col,
            })
        }
    }
}
