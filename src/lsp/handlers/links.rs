//! `textDocument/documentLink` (a `kb:` target opens its KB entry) and
//! `textDocument/codeLens` (mention counts over each KB entry).

use std::str::FromStr;

use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::{CodeLens, CodeLensParams, Command, DocumentLink, DocumentLinkParams, Uri};

use crate::lsp::convert;
use crate::lsp::state::World;

pub fn document_links(world: &World, params: &DocumentLinkParams) -> jsonrpc::Result<Option<Vec<DocumentLink>>> {
    let Some((snapshot, file)) = world.file(&params.text_document.uri) else { return Ok(None) };
    let converter = world.converter(snapshot);
    let links = snapshot
        .document_links(file)
        .into_iter()
        .filter_map(|link| {
            let range = converter.range(file, link.span)?;
            let target_range = converter.range(link.target.file, link.target.span)?;
            let base = convert::path_to_uri(snapshot.path(link.target.file)?)?;
            // `#L12` opens the file at the entry's line in VS Code and most clients.
            let target = Uri::from_str(&format!("{}#L{}", base.as_str(), target_range.start.line + 1)).ok()?;
            let name = &snapshot.kb().entity(snapshot.kb().entity_at(link.target.file, link.target.span.start as usize)?).name.text;
            Some(DocumentLink { range, target: Some(target), tooltip: Some(format!("{name} in the KB")), data: None })
        })
        .collect();
    Ok(Some(links))
}

pub fn code_lenses(world: &World, params: &CodeLensParams) -> jsonrpc::Result<Option<Vec<CodeLens>>> {
    let Some((snapshot, file)) = world.file(&params.text_document.uri) else { return Ok(None) };
    let converter = world.converter(snapshot);
    let lenses = snapshot
        .kb_lenses(file)
        .into_iter()
        .filter_map(|lens| {
            Some(CodeLens {
                range: converter.range(file, lens.span)?,
                // Informational: clients show a lens whose command has an empty id as text.
                command: Some(Command { title: lens.title, command: String::new(), arguments: None }),
                data: None,
            })
        })
        .collect();
    Ok(Some(lenses))
}
