//! `textDocument/definition`, `declaration` and `references`.

use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::{
    GotoDefinitionParams, GotoDefinitionResponse, Location, LocationLink, ReferenceParams,
};

use super::locate;
use crate::analysis::NavTarget;
use crate::lsp::state::World;

/// Which navigation a request asks for.
#[derive(Clone, Copy, Debug)]
pub enum Goto {
    Definition,
    Declaration,
}

pub fn goto(
    world: &World,
    params: &GotoDefinitionParams,
    which: Goto,
    link_support: bool,
) -> jsonrpc::Result<Option<GotoDefinitionResponse>> {
    let doc = &params.text_document_position_params;
    let Some((snapshot, file, offset)) = locate(world, &doc.text_document.uri, doc.position)? else {
        return Ok(None);
    };
    let target: Option<NavTarget> = match which {
        Goto::Definition => snapshot.definition(file, offset),
        Goto::Declaration => snapshot.declaration(file, offset),
    };
    let Some(target) = target else {
        return Ok(None);
    };
    let converter = world.converter(snapshot);
    let Some(target_location) = converter.location(target.file, target.focus) else {
        return Ok(None);
    };
    if !link_support {
        return Ok(Some(GotoDefinitionResponse::Scalar(target_location)));
    }
    let origin = snapshot.entity_at(file, offset).and_then(|(_, span)| converter.range(file, span));
    let full = converter.range(target.file, target.full).unwrap_or(target_location.range);
    Ok(Some(GotoDefinitionResponse::Link(vec![LocationLink {
        origin_selection_range: origin,
        target_uri: target_location.uri,
        target_range: full,
        target_selection_range: target_location.range,
    }])))
}

pub fn references(world: &World, params: &ReferenceParams) -> jsonrpc::Result<Option<Vec<Location>>> {
    let doc = &params.text_document_position;
    let Some((snapshot, file, offset)) = locate(world, &doc.text_document.uri, doc.position)? else {
        return Ok(None);
    };
    let converter = world.converter(snapshot);
    let locations = snapshot
        .references(file, offset, params.context.include_declaration)
        .into_iter()
        .filter_map(|r| converter.location(r.file, r.span))
        .collect();
    Ok(Some(locations))
}
