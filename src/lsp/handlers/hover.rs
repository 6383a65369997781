//! `textDocument/hover`: the entity card under the cursor.

use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

use super::locate;
use crate::lsp::state::World;

pub fn hover(world: &World, params: &HoverParams) -> jsonrpc::Result<Option<Hover>> {
    let doc = &params.text_document_position_params;
    let Some((snapshot, file, offset)) = locate(world, &doc.text_document.uri, doc.position)? else {
        return Ok(None);
    };
    let Some(result) = snapshot.hover(file, offset) else {
        return Ok(None);
    };
    let range = world.converter(snapshot).range(file, result.span);
    Ok(Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: result.markdown }),
        range,
    }))
}
