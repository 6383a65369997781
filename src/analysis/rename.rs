//! Renaming an entity: its id (the KB entry, every `kb:` link, every role's `of`) or its
//! name (the KB entry and every mention written exactly that way), as one set of edits.

use super::Snapshot;
use crate::checks::Edit;
use crate::corpus::{FileId, FileKind};
use crate::kb::{EntityId, FormKind};
use crate::mentions::Written;
use crate::span::Span;

/// What a rename at a place changes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum RenameTarget {
    Id(EntityId),
    Name(EntityId),
}

/// Where a rename can start, and its current text (without quotes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenameSite {
    pub target: RenameTarget,
    /// The text the editor selects for the new name.
    pub span: Span,
    pub current: String,
}

impl Snapshot {
    /// What renaming at `offset` would change, or why it cannot.
    pub fn prepare_rename(&self, file: FileId, offset: usize) -> Result<RenameSite, String> {
        let source = self.source(file).ok_or("this file is not part of the corpus")?;
        match source.kind {
            FileKind::Kb => {
                let id = self.kb().entity_at(file, offset).ok_or("not on a KB entity")?;
                let entity = self.kb().entity(id);
                let inside =
                    |span: Span| Span::new(span.start as usize + 1, (span.end as usize).saturating_sub(1));
                if entity.origin.id.touches(offset) {
                    return Ok(RenameSite {
                        target: RenameTarget::Id(id),
                        span: inside(entity.origin.id),
                        current: entity.key.clone(),
                    });
                }
                if entity.name.span.touches(offset) {
                    return Ok(RenameSite {
                        target: RenameTarget::Name(id),
                        span: inside(entity.name.span),
                        current: entity.name.text.clone(),
                    });
                }
                Err("rename an entity from its `id` or its `name`".to_owned())
            }
            FileKind::Article(_) => {
                let analysis = self.article(file).ok_or("this article could not be read")?;
                if let Some(link) = analysis.article.links.iter().find(|l| l.target_span.touches(offset)) {
                    let id = self
                        .kb()
                        .lookup(&link.target)
                        .ok_or_else(|| format!("`{}` is not a KB id", link.target))?;
                    return Ok(RenameSite {
                        target: RenameTarget::Id(id),
                        span: link.target_span,
                        current: link.target.clone(),
                    });
                }
                let mention = analysis.mentions.at(offset).ok_or("not on a mention of a KB entity")?;
                let entity = self.kb().entity(mention.entity);
                match mention.written {
                    Written::Form(FormKind::Name) => Ok(RenameSite {
                        target: RenameTarget::Name(mention.entity),
                        span: mention.span,
                        current: entity.name.text.clone(),
                    }),
                    Written::Form(FormKind::Alias(_)) => Err(format!(
                        "`{}` is an alias of {}: rename the name, or change the alias in the KB",
                        self.text(file).map_or("", |t| &t[mention.span.range()]),
                        entity.name.text
                    )),
                    _ => Err(format!(
                        "this mention is not written as {}'s name: rename from the name or the KB entry",
                        entity.name.text
                    )),
                }
            }
            FileKind::Annotation(_) | FileKind::AnnotationConfig => {
                Err("rename an entity from its KB entry or a mention in an article".to_owned())
            }
        }
    }

    /// The edits that rename what is at `offset` to `new`.
    pub fn rename(&self, file: FileId, offset: usize, new: &str) -> Result<Vec<Edit>, String> {
        let site = self.prepare_rename(file, offset)?;
        let mut edits = Vec::new();
        match site.target {
            RenameTarget::Id(id) => {
                if !crate::kb::is_valid_key(new) {
                    return Err(format!("`{new}` is not a valid id: use lowercase letters, digits and `-`"));
                }
                if self.kb().lookup(new).is_some_and(|other| other != id) {
                    return Err(format!("the KB already has an entity `{new}`"));
                }
                let entity = self.kb().entity(id);
                edits.push(Edit {
                    file: entity.origin.file,
                    span: entity.origin.id,
                    replacement: toml_string(new),
                });
                for other in self.kb().entities() {
                    for role in &other.roles {
                        if let Some(of) = role.of.as_ref().filter(|of| of.entity == Some(id)) {
                            edits.push(Edit {
                                file: other.origin.file,
                                span: of.span,
                                replacement: toml_string(new),
                            });
                        }
                    }
                }
                for (article_file, analysis) in self.articles() {
                    for link in analysis.article.links.iter().filter(|l| l.target == entity.key) {
                        edits.push(Edit {
                            file: article_file,
                            span: link.target_span,
                            replacement: new.to_owned(),
                        });
                    }
                }
                // Annotation files name KB ids as references (`N1 Reference T1 kb:old-id`).
                for (annotation_file, analysis) in self.annotations() {
                    let spans = analysis.doc.iter().flat_map(|d| d.as_dyn().spans());
                    let written = |span: Span| self.text(annotation_file).and_then(|t| t.get(span.range()));
                    for reference in spans.flat_map(|s| &s.kb_refs) {
                        let old = format!("{}:{}", reference.kb, reference.id);
                        if reference.kb.eq_ignore_ascii_case("kb")
                            && reference.id == entity.key
                            // Only where the reference is written out as read.
                            && written(reference.span) == Some(old.as_str())
                        {
                            edits.push(Edit {
                                file: annotation_file,
                                span: reference.span,
                                replacement: format!("{}:{new}", reference.kb),
                            });
                        }
                    }
                }
            }
            RenameTarget::Name(id) => {
                let new = new.trim();
                if new.is_empty() || new.contains(['\n', '\r']) {
                    return Err("a name must be one non-empty line".to_owned());
                }
                let entity = self.kb().entity(id);
                edits.push(Edit {
                    file: entity.origin.file,
                    span: entity.name.span,
                    replacement: toml_string(new),
                });
                for reference in self.references_to(id, false) {
                    let Some(analysis) = self.article(reference.file) else { continue };
                    let written_as_name = analysis
                        .mentions
                        .mentions
                        .iter()
                        .any(|m| m.span == reference.span && m.written == Written::Form(FormKind::Name));
                    if written_as_name {
                        edits.push(Edit {
                            file: reference.file,
                            span: reference.span,
                            replacement: new.to_owned(),
                        });
                    }
                }
            }
        }
        edits.sort_by_key(|e| (e.file, e.span));
        edits.dedup();
        Ok(edits)
    }
}

/// A TOML basic string, quotes included.
fn toml_string(text: &str) -> String {
    toml_edit::Value::from(text).to_string().trim().to_owned()
}
