//! Symbols: an article's entities and dates, grouped; a KB file's entities with their
//! roles; an annotation file's lines or spans; and a fuzzy search over every KB entity for "go to symbol in workspace".

use super::{FileSpan, Snapshot};
use crate::corpus::{FileId, FileKind};
use crate::kb::{EntityId, EntityKind};
use crate::span::Span;

/// What a symbol is, for the editor's icon.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SymbolKind {
    /// A heading grouping symbols ("People", "Dates").
    Group,
    Entity(EntityKind),
    Role,
    Date,
    /// An entry of an annotation file's outline.
    Annotation(super::AnnotationSymbolKind),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentSymbol {
    pub name: String,
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// The whole extent (a group covers its children).
    pub span: Span,
    /// What to highlight when the symbol is chosen.
    pub selection: Span,
    pub children: Vec<DocumentSymbol>,
}

/// A workspace symbol: a KB entity and where it is defined.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkspaceSymbol {
    pub entity: EntityId,
    pub name: String,
    pub kind: EntityKind,
    /// The form that matched the query, when it is not the name ("Akar" for Hulusi Akar).
    pub matched: Option<String>,
    pub location: FileSpan,
}

impl Snapshot {
    pub fn document_symbols(&self, file: FileId) -> Vec<DocumentSymbol> {
        match self.source(file).map(|s| s.kind) {
            Some(FileKind::Article(_)) => self.article_symbols(file),
            Some(FileKind::Kb) => self.kb_symbols(file),
            Some(FileKind::Annotation(_)) => self.annotation_symbols(file),
            _ => Vec::new(),
        }
    }

    /// One group per entity kind (each entity once, at its first mention), then the dates.
    fn article_symbols(&self, file: FileId) -> Vec<DocumentSymbol> {
        let Some(analysis) = self.article(file) else { return Vec::new() };
        let Some(text) = self.text(file) else { return Vec::new() };
        let mut out = Vec::new();
        let groups = [
            (EntityKind::Person, "People"),
            (EntityKind::Organization, "Organizations"),
            (EntityKind::Place, "Places"),
            (EntityKind::Event, "Events"),
            (EntityKind::Other, "Other"),
        ];
        for (kind, label) in groups {
            let mut children: Vec<DocumentSymbol> = Vec::new();
            let mut seen: Vec<EntityId> = Vec::new();
            for mention in &analysis.mentions.mentions {
                let entity = self.kb().entity(mention.entity);
                if entity.kind != kind || seen.contains(&mention.entity) {
                    continue;
                }
                seen.push(mention.entity);
                let count = analysis.mentions.of(mention.entity).count();
                children.push(DocumentSymbol {
                    name: entity.name.text.clone(),
                    detail: Some(if count == 1 {
                        "1 mention".to_owned()
                    } else {
                        format!("{count} mentions")
                    }),
                    kind: SymbolKind::Entity(kind),
                    span: mention.span,
                    selection: mention.span,
                    children: Vec::new(),
                });
            }
            if let Some(group) = group(label, children) {
                out.push(group);
            }
        }
        let dates: Vec<DocumentSymbol> = analysis
            .dates
            .iter()
            .map(|timex| DocumentSymbol {
                name: crate::checks::one_line(&text[timex.span.range()]),
                detail: Some(timex.value.to_string()),
                kind: SymbolKind::Date,
                span: timex.span,
                selection: timex.span,
                children: Vec::new(),
            })
            .collect();
        out.extend(group("Dates", dates));
        out
    }

    fn kb_symbols(&self, file: FileId) -> Vec<DocumentSymbol> {
        self.kb()
            .entities()
            .iter()
            .filter(|e| e.origin.file == file)
            .map(|entity| DocumentSymbol {
                name: entity.name.text.clone(),
                detail: Some(format!("{} · {}", entity.kind, entity.key)),
                kind: SymbolKind::Entity(entity.kind),
                span: entity.origin.table,
                selection: entity.origin.id,
                children: entity
                    .roles
                    .iter()
                    .map(|role| DocumentSymbol {
                        name: role.title.clone(),
                        detail: Some(role.tenure()),
                        kind: SymbolKind::Role,
                        span: role.span,
                        selection: role.span,
                        children: Vec::new(),
                    })
                    .collect(),
            })
            .collect()
    }

    /// Entities whose name or alias matches `query` fuzzily (its letters in order, case and
    /// diacritics aside), best first: a prefix beats a word start beats letters anywhere.
    pub fn workspace_symbols(&self, query: &str, limit: usize) -> Vec<WorkspaceSymbol> {
        let needle = crate::text::fold::strip_diacritics(query).to_lowercase();
        let needle: Vec<char> = needle.chars().filter(|c| !c.is_whitespace()).collect();
        let mut hits: Vec<(u32, WorkspaceSymbol)> = Vec::new();
        for id in self.kb().ids() {
            let entity = self.kb().entity(id);
            let forms = std::iter::once(&entity.name).chain(&entity.aliases);
            let best = forms
                .map(|form| (fuzzy_score(&needle, &form.text), form))
                .chain(std::iter::once((fuzzy_score(&needle, &entity.key), &entity.name)))
                .filter_map(|(score, form)| Some((score?, form)))
                .max_by_key(|(score, _)| *score);
            let Some((score, form)) = best else { continue };
            let matched = (form.text != entity.name.text).then(|| form.text.clone());
            hits.push((
                score,
                WorkspaceSymbol {
                    entity: id,
                    name: entity.name.text.clone(),
                    kind: entity.kind,
                    matched,
                    location: FileSpan { file: entity.origin.file, span: entity.origin.id },
                },
            ));
        }
        hits.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.name.cmp(&b.1.name)));
        hits.truncate(limit);
        hits.into_iter().map(|(_, symbol)| symbol).collect()
    }
}

fn group(label: &str, children: Vec<DocumentSymbol>) -> Option<DocumentSymbol> {
    let first = children.first()?;
    let span = children.iter().fold(first.span, |acc, c| acc.cover(c.span));
    Some(DocumentSymbol {
        name: label.to_owned(),
        detail: Some(children.len().to_string()),
        kind: SymbolKind::Group,
        span,
        selection: first.selection,
        children,
    })
}

/// How well `needle` (folded, lower case) matches `candidate` in order, or `None`.
/// Higher is better: a prefix scores most, then matches at word starts, then shorter
/// candidates.
fn fuzzy_score(needle: &[char], candidate: &str) -> Option<u32> {
    if needle.is_empty() {
        return Some(1);
    }
    let folded: Vec<char> = crate::text::fold::strip_diacritics(candidate).to_lowercase().chars().collect();
    let mut score = 0u32;
    let mut at = 0usize;
    for (i, &wanted) in needle.iter().enumerate() {
        let found = folded[at..].iter().position(|&c| c == wanted)? + at;
        let word_start = found == 0 || !folded[found - 1].is_alphanumeric();
        score += match (i == 0 && found == 0, word_start, found == at && i > 0) {
            (true, _, _) => 30,
            (_, true, _) => 12,
            (_, _, true) => 6,
            _ => 1,
        };
        at = found + 1;
    }
    Some(score * 100 + 100u32.saturating_sub(folded.len() as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(query: &str, candidate: &str) -> Option<u32> {
        let needle: Vec<char> = query.to_lowercase().chars().collect();
        fuzzy_score(&needle, candidate)
    }

    #[test]
    fn fuzzy_prefers_prefixes_and_word_starts() {
        assert!(score("hul", "Hulusi Akar") > score("hul", "Ashul Huld"));
        assert!(score("ha", "Hulusi Akar") > score("ha", "Shahid"));
        assert!(score("guler", "Yaşar Güler").is_some(), "diacritics aside");
        assert_eq!(score("xyz", "Hulusi Akar"), None);
    }
}
