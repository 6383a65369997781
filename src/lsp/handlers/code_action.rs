//! `textDocument/codeAction`: the assists at a range, as quick fixes with workspace edits.
//! The server never writes files: the client applies the edits.

use std::collections::HashMap;

use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CreateFile, CreateFileOptions,
    Diagnostic, DocumentChangeOperation, DocumentChanges, NumberOrString, OneOf,
    OptionalVersionedTextDocumentIdentifier, Position, Range, ResourceOp, TextDocumentEdit, TextEdit, Uri,
    WorkspaceEdit,
};

use super::locate_range;
use crate::analysis::{Assist, NewFile, Snapshot};
use crate::checks::Edit;
use crate::lsp::convert::Converter;
use crate::lsp::state::World;

/// `create_files`: the client applies `documentChanges` with file creation; without it, an
/// assist that creates a file is not offered.
pub fn code_actions(
    world: &World,
    params: &CodeActionParams,
    create_files: bool,
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
        .filter(|assist| create_files || assist.new_files.is_empty())
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
    let edit = if assist.new_files.is_empty() {
        workspace_edit(snapshot, converter, &assist.edits)?
    } else {
        creating_edit(&assist.new_files)?
    };
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

/// Creates each file (never over one that exists: the client then leaves it as it is) and
/// writes its text.
fn creating_edit(files: &[NewFile]) -> Option<WorkspaceEdit> {
    let mut operations = Vec::new();
    for file in files {
        let uri = crate::lsp::convert::path_to_uri(&file.path)?;
        operations.push(DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
            uri: uri.clone(),
            options: Some(CreateFileOptions { overwrite: Some(false), ignore_if_exists: Some(true) }),
            annotation_id: None,
        })));
        let start = Position { line: 0, character: 0 };
        operations.push(DocumentChangeOperation::Edit(TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier { uri, version: None },
            edits: vec![OneOf::Left(TextEdit {
                range: Range { start, end: start },
                new_text: file.text.clone(),
            })],
        }));
    }
    Some(WorkspaceEdit {
        document_changes: Some(DocumentChanges::Operations(operations)),
        ..Default::default()
    })
}
