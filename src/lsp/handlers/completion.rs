//! `textDocument/completion`: KB ids in `kb:` links, entity names, titles and schema keys.

use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::{CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, CompletionTextEdit, TextEdit};

use super::locate;
use crate::analysis::CompletionKind;
use crate::kb::EntityKind;
use crate::lsp::state::World;

pub fn completion(world: &World, params: &CompletionParams) -> jsonrpc::Result<Option<CompletionResponse>> {
    let doc = &params.text_document_position;
    let Some((snapshot, file, offset)) = locate(world, &doc.text_document.uri, doc.position)? else { return Ok(None) };
    let converter = world.converter(snapshot);
    let items: Vec<CompletionItem> = snapshot
        .completions(file, offset)
        .into_iter()
        .filter_map(|c| {
            let range = converter.range(file, c.replace)?;
            Some(CompletionItem {
                label: c.label,
                kind: Some(match c.kind {
                    CompletionKind::Id => CompletionItemKind::REFERENCE,
                    CompletionKind::Entity(EntityKind::Person) => CompletionItemKind::CLASS,
                    CompletionKind::Entity(EntityKind::Place) => CompletionItemKind::ENUM,
                    CompletionKind::Entity(EntityKind::Event) => CompletionItemKind::EVENT,
                    CompletionKind::Entity(_) => CompletionItemKind::MODULE,
                    CompletionKind::Title => CompletionItemKind::TEXT,
                    CompletionKind::Key => CompletionItemKind::PROPERTY,
                }),
                detail: c.detail,
                text_edit: Some(CompletionTextEdit::Edit(TextEdit { range, new_text: c.insert })),
                ..Default::default()
            })
        })
        .collect();
    Ok(Some(CompletionResponse::Array(items)))
}
