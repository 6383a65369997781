//! Semantic tokens: what each mention, title and date is, so an editor can colour people,
//! places, organisations, events and dates apart, and mark discouraged spellings.

use super::Snapshot;
use crate::corpus::FileId;
use crate::kb::{EntityKind, FormKind};
use crate::mentions::Written;
use crate::span::Span;

#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum TokenKind {
    Entity(EntityKind),
    Title,
    Date,
}

/// Extra facts about a token.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct TokenModifiers {
    /// A KB variant, a misspelling, a form without its diacritics: discouraged.
    pub discouraged: bool,
    /// An explicit `kb:` link.
    pub linked: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct SemanticToken {
    pub span: Span,
    pub kind: TokenKind,
    pub modifiers: TokenModifiers,
}

impl Snapshot {
    /// Tokens of an article, sorted and non-overlapping (a mention wins over a title or a
    /// date it overlaps, as the more specific).
    pub fn semantic_tokens(&self, file: FileId) -> Vec<SemanticToken> {
        let Some(analysis) = self.article(file) else { return Vec::new() };
        let mut out: Vec<SemanticToken> = Vec::new();
        for mention in &analysis.mentions.mentions {
            let kind = TokenKind::Entity(self.kb().entity(mention.entity).kind);
            let discouraged = matches!(mention.written, Written::Form(FormKind::Variant(_)) | Written::Undiacritized(_));
            out.push(SemanticToken {
                span: mention.span,
                kind,
                modifiers: TokenModifiers { discouraged, linked: mention.explicit },
            });
        }
        for miss in &analysis.mentions.near_misses {
            let kind = TokenKind::Entity(self.kb().entity(miss.entity).kind);
            out.push(SemanticToken { span: miss.span, kind, modifiers: TokenModifiers { discouraged: true, linked: false } });
        }
        let others = analysis
            .mentions
            .titles
            .iter()
            .map(|t| (t.span, TokenKind::Title))
            .chain(analysis.dates.iter().map(|t| (t.span, TokenKind::Date)));
        for (span, kind) in others {
            if !out.iter().any(|t| t.span.overlaps(span)) {
                out.push(SemanticToken { span, kind, modifiers: TokenModifiers::default() });
            }
        }
        out.sort_by_key(|t| t.span);
        out
    }
}
