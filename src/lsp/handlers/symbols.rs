//! `textDocument/documentSymbol` and `workspace/symbol`.

use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::{
    self as lsp, DocumentSymbolParams, DocumentSymbolResponse, OneOf, WorkspaceSymbolParams,
    WorkspaceSymbolResponse,
};

use crate::analysis::{AnnotationSymbolKind, DocumentSymbol, SymbolKind};
use crate::kb::EntityKind;
use crate::lsp::convert::Converter;
use crate::lsp::state::World;

pub fn document_symbols(
    world: &World,
    params: &DocumentSymbolParams,
) -> jsonrpc::Result<Option<DocumentSymbolResponse>> {
    let Some((snapshot, file)) = world.file(&params.text_document.uri) else { return Ok(None) };
    let converter = world.converter(snapshot);
    let symbols =
        snapshot.document_symbols(file).iter().filter_map(|s| to_lsp(&converter, file, s)).collect();
    Ok(Some(DocumentSymbolResponse::Nested(symbols)))
}

#[allow(deprecated)] // `deprecated` is a required field of the struct.
fn to_lsp(
    converter: &Converter<'_>,
    file: crate::corpus::FileId,
    symbol: &DocumentSymbol,
) -> Option<lsp::DocumentSymbol> {
    let children: Vec<_> = symbol.children.iter().filter_map(|c| to_lsp(converter, file, c)).collect();
    Some(lsp::DocumentSymbol {
        name: symbol.name.clone(),
        detail: symbol.detail.clone(),
        kind: symbol_kind(symbol.kind),
        tags: None,
        deprecated: None,
        range: converter.range(file, symbol.span)?,
        selection_range: converter.range(file, symbol.selection)?,
        children: (!children.is_empty()).then_some(children),
    })
}

pub fn symbol_kind(kind: SymbolKind) -> lsp::SymbolKind {
    match kind {
        SymbolKind::Group => lsp::SymbolKind::NAMESPACE,
        SymbolKind::Entity(kind) => entity_symbol_kind(kind),
        SymbolKind::Role => lsp::SymbolKind::PROPERTY,
        SymbolKind::Date => lsp::SymbolKind::NUMBER,
        SymbolKind::Annotation(kind) => match kind {
            AnnotationSymbolKind::Span => lsp::SymbolKind::STRING,
            AnnotationSymbolKind::Relation => lsp::SymbolKind::OPERATOR,
            AnnotationSymbolKind::Event => lsp::SymbolKind::EVENT,
            AnnotationSymbolKind::Attribute => lsp::SymbolKind::PROPERTY,
            AnnotationSymbolKind::Normalization => lsp::SymbolKind::KEY,
            AnnotationSymbolKind::Note => lsp::SymbolKind::FIELD,
            AnnotationSymbolKind::Equivalence => lsp::SymbolKind::TYPE_PARAMETER,
        },
    }
}

fn entity_symbol_kind(kind: EntityKind) -> lsp::SymbolKind {
    match kind {
        EntityKind::Person => lsp::SymbolKind::CLASS,
        EntityKind::Organization => lsp::SymbolKind::MODULE,
        EntityKind::Place => lsp::SymbolKind::ENUM,
        EntityKind::Event => lsp::SymbolKind::EVENT,
        EntityKind::Other => lsp::SymbolKind::OBJECT,
    }
}

/// Entities of every workspace whose name or alias matches the query, best first.
pub fn workspace_symbols(
    world: &World,
    params: &WorkspaceSymbolParams,
) -> jsonrpc::Result<Option<WorkspaceSymbolResponse>> {
    let mut out = Vec::new();
    for workspace in world.workspaces.iter() {
        let snapshot = &workspace.snapshot;
        let converter = world.converter(snapshot);
        for symbol in snapshot.workspace_symbols(&params.query, 200) {
            let Some(location) = converter.location(symbol.location.file, symbol.location.span) else {
                continue;
            };
            out.push(lsp::WorkspaceSymbol {
                name: symbol.name,
                kind: entity_symbol_kind(symbol.kind),
                tags: None,
                container_name: Some(match symbol.matched {
                    Some(form) => format!("{} · matched `{form}`", symbol.kind),
                    None => symbol.kind.to_string(),
                }),
                location: OneOf::Left(location),
                data: None,
            });
        }
    }
    Ok(Some(WorkspaceSymbolResponse::Nested(out)))
}
