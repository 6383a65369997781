//! `textDocument/codeAction`: the assists at a range, as quick fixes with workspace edits.
//! The server never writes files: the client applies the edits.

use std::collections::HashMap;

use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, Diagnostic, NumberOrString, TextEdit,
    Uri, WorkspaceEdit,
};

use super::locate_range;
use crate::analysis::{Assist, Snapshot};
use crate::checks::Edit;
use crate::lsp::convert::Converter;
use crate::lsp::state::World;

pub fn code_actions(
    world: &World,
    params: &CodeActionParams,
) -> jsonrpc::Result<Option<Vec<CodeActionOrCommand>>> {
    let uri = &params.text_document.uri;
    let Some((snapshot, file, span)) = locate_range(world, uri, params.range)? else { return Ok(None) };
    let converter = world.converter(snapshot);
    // Every assist is a quick fix; a client asking only for other kinds gets none.
    let quick_fixes_wanted =
        params.context.only.as_ref().is_none_or(|kinds| {
            kinds.iter().any(|k| CodeActionKind::QUICKFIX.as_str().starts_with(k.as_str()))
        });
    if !quick_fixes_wanted {
        return Ok(Some(Vec::new()));
    }
    let actions = snapshot
        .assists(file, span)
        .into_iter()
        .filter_map(|assist| to_action(snapshot, &converter, &params.context.diagnostics, assist))
        .map(CodeActionOrCommand::CodeAction)
        .collect();
    Ok(Some(actions))
}

fn to_action(
    snapshot: &Snapshot,
    converter: &Converter<'_>,
    sent: &[Diagnostic],
    assist: Assist,
) -> Option<CodeAction> {
    let edit = workspace_edit(snapshot, converter, &assist.edits)?;
    // Link the diagnostics the client sent that this resolves (same code and range).
    let diagnostics: Vec<Diagnostic> = sent
        .iter()
        .filter(|d| {
            assist.resolves.iter().any(|(code, file, span)| {
                d.code == Some(NumberOrString::String((*code).to_owned()))
                    && converter.range(*file, *span) == Some(d.range)
            })
        })
        .cloned()
        .collect();
    Some(CodeAction {
        title: assist.title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: (!diagnostics.is_empty()).then_some(diagnostics),
        edit: Some(edit),
        is_preferred: assist.preferred.then_some(true),
        ..Default::default()
    })
}

fn workspace_edit(snapshot: &Snapshot, converter: &Converter<'_>, edits: &[Edit]) -> Option<WorkspaceEdit> {
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for edit in edits {
        let uri = crate::lsp::convert::path_to_uri(snapshot.path(edit.file)?)?;
        let range = converter.range(edit.file, edit.span)?;
        changes.entry(uri).or_default().push(TextEdit { range, new_text: edit.replacement.clone() });
    }
    Some(WorkspaceEdit { changes: Some(changes), ..Default::default() })
}
