//! `textDocument/semanticTokens/full`: mentions by entity kind, titles, dates; discouraged
//! spellings marked `deprecated`.

use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::{
    SemanticToken, SemanticTokenModifier, SemanticTokenType, SemanticTokens, SemanticTokensLegend,
    SemanticTokensParams, SemanticTokensResult,
};

use crate::analysis::TokenKind;
use crate::kb::EntityKind;
use crate::lsp::convert::Lines;
use crate::lsp::state::World;
use crate::span::Span;

/// Token types, by index: standard types so every theme colours them.
const TYPES: &[SemanticTokenType] = &[
    SemanticTokenType::CLASS,     // person
    SemanticTokenType::NAMESPACE, // organization
    SemanticTokenType::ENUM,      // place
    SemanticTokenType::EVENT,     // event
    SemanticTokenType::TYPE,      // other entity
    SemanticTokenType::KEYWORD,   // title
    SemanticTokenType::NUMBER,    // date
];
const MODIFIERS: &[SemanticTokenModifier] = &[SemanticTokenModifier::DEPRECATED, SemanticTokenModifier::DOCUMENTATION];

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend { token_types: TYPES.to_vec(), token_modifiers: MODIFIERS.to_vec() }
}

fn type_index(kind: TokenKind) -> u32 {
    match kind {
        TokenKind::Entity(EntityKind::Person) => 0,
        TokenKind::Entity(EntityKind::Organization) => 1,
        TokenKind::Entity(EntityKind::Place) => 2,
        TokenKind::Entity(EntityKind::Event) => 3,
        TokenKind::Entity(EntityKind::Other) => 4,
        TokenKind::Title => 5,
        TokenKind::Date => 6,
    }
}

pub fn full(world: &World, params: &SemanticTokensParams) -> jsonrpc::Result<Option<SemanticTokensResult>> {
    let Some((snapshot, file)) = world.file(&params.text_document.uri) else { return Ok(None) };
    let Some(source) = snapshot.source(file) else { return Ok(None) };
    let lines = Lines { text: &source.text, index: &source.line_index, encoding: world.encoding };
    let mut data = Vec::new();
    let (mut last_line, mut last_start) = (0u32, 0u32);
    for token in snapshot.semantic_tokens(file) {
        let modifiers = u32::from(token.modifiers.discouraged) | (u32::from(token.modifiers.linked) << 1);
        // A token may not span lines: a name wrapped across two lines is two tokens.
        for piece in split_lines(&source.text, token.span) {
            let start = lines.position(piece.start as usize);
            let end = lines.position(piece.end as usize);
            if end.character <= start.character {
                continue;
            }
            let delta_line = start.line - last_line;
            let delta_start = if delta_line == 0 { start.character - last_start } else { start.character };
            data.push(SemanticToken {
                delta_line,
                delta_start,
                length: end.character - start.character,
                token_type: type_index(token.kind),
                token_modifiers_bitset: modifiers,
            });
            (last_line, last_start) = (start.line, start.character);
        }
    }
    Ok(Some(SemanticTokensResult::Tokens(SemanticTokens { result_id: None, data })))
}

fn split_lines(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = span.start as usize;
    for (i, c) in text[span.range()].char_indices() {
        if c == '\n' || c == '\r' {
            let at = span.start as usize + i;
            if at > start {
                out.push(Span::new(start, at));
            }
            start = at + 1;
        }
    }
    if (span.end as usize) > start {
        out.push(Span::new(start, span.end as usize));
    }
    out
}
