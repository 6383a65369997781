//! Request handlers, one file per feature. Each takes a [`World`] snapshot and the
//! request's parameters and returns the LSP answer; none of them mutates anything.

pub mod code_action;
pub mod completion;
pub mod diagnostics;
pub mod hover;
pub mod inlay_hint;
pub mod links;
pub mod navigation;
pub mod rename;
pub mod semantic_tokens;
pub mod symbols;

use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::{Position, Uri};

use super::convert::Lines;
use super::state::World;
use crate::analysis::Snapshot;
use crate::corpus::FileId;

/// Resolves a document position to a corpus file and byte offset. `Ok(None)` for documents
/// outside every corpus; an error for positions the document does not have.
pub fn locate<'w>(
    world: &'w World,
    uri: &Uri,
    position: Position,
) -> jsonrpc::Result<Option<(&'w Snapshot, FileId, usize)>> {
    let Some((snapshot, file)) = world.file(uri) else {
        tracing::debug!("request for a document outside the corpus: {}", uri.as_str());
        return Ok(None);
    };
    let Some(source) = snapshot.source(file) else {
        return Ok(None);
    };
    let lines = Lines { text: &source.text, index: &source.line_index, encoding: world.encoding };
    let offset = lines.offset(position).map_err(|err| jsonrpc::Error::invalid_params(err.message))?;
    Ok(Some((snapshot, file, offset)))
}

/// Resolves a range to a corpus file and byte span. Unlike a cursor position, a range end
/// past the document (clients send "the whole file" generously) is clamped to its end.
pub fn locate_range<'w>(
    world: &'w World,
    uri: &Uri,
    range: tower_lsp_server::ls_types::Range,
) -> jsonrpc::Result<Option<(&'w Snapshot, FileId, crate::span::Span)>> {
    let Some((snapshot, file, start)) = locate(world, uri, range.start)? else { return Ok(None) };
    let Some(source) = snapshot.source(file) else { return Ok(None) };
    let lines = Lines { text: &source.text, index: &source.line_index, encoding: world.encoding };
    let end = lines.offset(range.end).unwrap_or(source.text.len());
    Ok(Some((snapshot, file, crate::span::Span::new(start, end.max(start)))))
}
