//! `textDocument/prepareRename` and `textDocument/rename`: one WorkspaceEdit for the KB
//! entry and every mention or `kb:` link; refused, with the reason, where it cannot apply.

use std::collections::HashMap;

use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::{
    PrepareRenameResponse, RenameParams, TextDocumentPositionParams, TextEdit, Uri, WorkspaceEdit,
};

use super::locate;
use crate::lsp::convert;
use crate::lsp::state::World;

pub fn prepare(world: &World, params: &TextDocumentPositionParams) -> jsonrpc::Result<Option<PrepareRenameResponse>> {
    let Some((snapshot, file, offset)) = locate(world, &params.text_document.uri, params.position)? else { return Ok(None) };
    match snapshot.prepare_rename(file, offset) {
        Ok(site) => {
            let Some(range) = world.converter(snapshot).range(file, site.span) else { return Ok(None) };
            Ok(Some(PrepareRenameResponse::RangeWithPlaceholder { range, placeholder: site.current }))
        }
        Err(reason) => Err(jsonrpc::Error::invalid_params(reason)),
    }
}

pub fn rename(world: &World, params: &RenameParams) -> jsonrpc::Result<Option<WorkspaceEdit>> {
    let doc = &params.text_document_position;
    let Some((snapshot, file, offset)) = locate(world, &doc.text_document.uri, doc.position)? else { return Ok(None) };
    let edits = snapshot.rename(file, offset, &params.new_name).map_err(jsonrpc::Error::invalid_params)?;
    let converter = world.converter(snapshot);
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for edit in edits {
        let (Some(path), Some(range)) = (snapshot.path(edit.file), converter.range(edit.file, edit.span)) else { continue };
        let Some(uri) = convert::path_to_uri(path) else { continue };
        changes.entry(uri).or_default().push(TextEdit { range, new_text: edit.replacement });
    }
    Ok(Some(WorkspaceEdit { changes: Some(changes), ..Default::default() }))
}
