//! `textDocument/inlayHint`: resolved values of relative dates, and (when asked) the role
//! a person held on the article's date.

use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::{
    InlayHint, InlayHintKind, InlayHintLabel, InlayHintParams, InlayHintTooltip,
};

use super::locate_range;
use crate::analysis::InlayKind;
use crate::lsp::state::World;

pub fn inlay_hints(world: &World, params: &InlayHintParams) -> jsonrpc::Result<Option<Vec<InlayHint>>> {
    let uri = &params.text_document.uri;
    let Some((snapshot, file, span)) = locate_range(world, uri, params.range)? else { return Ok(None) };
    let Some(source) = snapshot.source(file) else { return Ok(None) };
    let lines = crate::lsp::convert::Lines {
        text: &source.text,
        index: &source.line_index,
        encoding: world.encoding,
    };
    let hints = snapshot
        .inlay_hints(file, span, world.options.inlay)
        .into_iter()
        .map(|hint| InlayHint {
            position: lines.position(hint.offset),
            label: InlayHintLabel::String(hint.label),
            kind: Some(match hint.kind {
                InlayKind::Date => InlayHintKind::TYPE,
                InlayKind::Role => InlayHintKind::PARAMETER,
            }),
            tooltip: Some(InlayHintTooltip::String(hint.tooltip)),
            padding_left: Some(true),
            padding_right: None,
            text_edits: None,
            data: None,
        })
        .collect();
    Ok(Some(hints))
}
