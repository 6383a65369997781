//! Go to definition, declaration and references for entities.

use super::{FileSpan, MentionCount, Snapshot};
use crate::corpus::{FileId, FileKind};
use crate::kb::EntityId;
use crate::span::Span;

/// Where a navigation lands: the precise target and the whole thing around it (an editor
/// highlights `full` and puts the cursor on `focus`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct NavTarget {
    pub file: FileId,
    pub focus: Span,
    pub full: Span,
}

impl Snapshot {
    /// The entity under `offset` in `file` and the span that names it there: a mention in
    /// an article, or anywhere in an `[[entity]]` table of a KB file.
    pub fn entity_at(&self, file: FileId, offset: usize) -> Option<(EntityId, Span)> {
        let source = self.source(file)?;
        match source.kind {
            FileKind::Article(_) => {
                let mention = self.article(file)?.mentions.at(offset)?;
                Some((mention.entity, mention.span))
            }
            FileKind::Annotation(_) => self.annotation_entity_at(file, offset),
            FileKind::AnnotationConfig => None,
            FileKind::Kb => {
                let id = self.kb().entity_at(file, offset)?;
                let entity = self.kb().entity(id);
                let span = entity
                    .forms()
                    .map(|(_, form)| form.span)
                    .chain([entity.origin.id])
                    .find(|span| span.touches(offset))
                    .unwrap_or(entity.origin.id);
                Some((id, span))
            }
        }
    }

    /// The KB entry of the entity under `offset`; for a person the KB does not know, their
    /// first full mention in the corpus; for a near miss, the KB entry it is near.
    pub fn definition(&self, file: FileId, offset: usize) -> Option<NavTarget> {
        if let Some(target) = self.annotation_definition(file, offset) {
            return Some(target);
        }
        if let Some((entity, _)) = self.entity_at(file, offset) {
            let origin = self.kb().entity(entity).origin;
            return Some(NavTarget { file: origin.file, focus: origin.id, full: origin.table });
        }
        let mentions = &self.article(file)?.mentions;
        if let Some(miss) = mentions.near_misses.iter().find(|m| m.span.touches(offset)) {
            let origin = self.kb().entity(miss.entity).origin;
            return Some(NavTarget { file: origin.file, focus: origin.id, full: origin.table });
        }
        let person = mentions.unknown_person_at(offset)?;
        let first = self.first_unknown_mention(&person.full)?;
        Some(NavTarget { file: first.file, focus: first.span, full: first.span })
    }

    /// The earliest full mention (introduced with a title) of a person the KB does not
    /// know, by article date (undated last), then path, then position.
    pub fn first_unknown_mention(&self, full: &str) -> Option<FileSpan> {
        self.articles()
            .filter_map(|(file, analysis)| {
                let first =
                    analysis.mentions.unknown_people.iter().find(|p| p.full == full && p.title.is_some())?;
                let date = analysis.article.date().map(|d| d.first_day());
                Some(((date.is_none(), date, self.path(file)), FileSpan { file, span: first.name }))
            })
            .min_by(|a, b| a.0.cmp(&b.0))
            .map(|(_, target)| target)
    }

    /// The first mention in the earliest-dated article that mentions the entity under
    /// `offset` (undated articles come last, ties by path).
    pub fn declaration(&self, file: FileId, offset: usize) -> Option<NavTarget> {
        let (entity, _) = self.entity_at(file, offset)?;
        let (article_file, analysis) =
            self.articles().filter(|(_, a)| a.mentions_entity(entity)).min_by_key(|(f, a)| {
                (
                    a.article.date().map(|d| d.first_day()).is_none(),
                    a.article.date().map(|d| d.first_day()),
                    self.path(*f),
                )
            })?;
        let mention = analysis.mentions.of(entity).next()?;
        Some(NavTarget { file: article_file, focus: mention.span, full: mention.span })
    }

    /// Every mention of the entity under `offset` across the corpus, by file then position;
    /// with `include_declaration`, its KB entry first.
    pub fn references(&self, file: FileId, offset: usize, include_declaration: bool) -> Vec<FileSpan> {
        let Some((entity, _)) = self.entity_at(file, offset) else {
            return self.annotation_references(file, offset);
        };
        self.references_to(entity, include_declaration)
    }

    pub fn references_to(&self, entity: EntityId, include_declaration: bool) -> Vec<FileSpan> {
        let mut out = Vec::new();
        if include_declaration {
            let origin = self.kb().entity(entity).origin;
            out.push(FileSpan { file: origin.file, span: origin.id });
        }
        // Articles, and annotation files holding their own text (WebAnno TSV, CoNLL-U).
        for (i, entry) in self.files.iter().enumerate() {
            let Some((mentions, entities)) = entry.mentions() else { continue };
            if entry.source.is_some() && entities.binary_search(&entity).is_ok() {
                let file = FileId(i as u32);
                out.extend(mentions.of(entity).map(|m| FileSpan { file, span: m.span }));
            }
        }
        out
    }

    /// How many articles mention `entity`, and how many times in all.
    pub fn mention_counts(&self, entity: EntityId) -> MentionCount {
        self.entities.get(entity.index()).map(|e| e.count).unwrap_or_default()
    }
}
