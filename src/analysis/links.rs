//! Document links (`kb:` targets to their KB entries) and code lenses on KB entries
//! ("N mentions in M articles").

use super::{FileSpan, Snapshot};
use crate::corpus::FileId;
use crate::span::Span;

/// A clickable span and where it leads.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct DocumentLink {
    pub span: Span,
    pub target: FileSpan,
}

/// A line of information over a KB entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lens {
    /// The entry's `id`.
    pub span: Span,
    pub title: String,
}

impl Snapshot {
    /// Every `kb:` link of an article whose id the KB has.
    pub fn document_links(&self, file: FileId) -> Vec<DocumentLink> {
        let Some(analysis) = self.article(file) else { return Vec::new() };
        analysis
            .article
            .links
            .iter()
            .filter_map(|link| {
                let entity = self.kb().entity(self.kb().lookup(&link.target)?);
                Some(DocumentLink {
                    span: link.target_span,
                    target: FileSpan { file: entity.origin.file, span: entity.origin.id },
                })
            })
            .collect()
    }

    /// One lens per entity defined in a KB file.
    pub fn kb_lenses(&self, file: FileId) -> Vec<Lens> {
        self.kb()
            .ids()
            .filter(|&id| self.kb().entity(id).origin.file == file)
            .map(|id| {
                let counts = self.mention_counts(id);
                let plural =
                    |n: u32, word: &str| if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") };
                let title = if self.partial {
                    "mentions: still indexing".to_owned()
                } else {
                    format!(
                        "{} in {}",
                        plural(counts.mentions, "mention"),
                        plural(counts.articles, "article")
                    )
                };
                Lens { span: self.kb().entity(id).origin.id, title }
            })
            .collect()
    }
}
