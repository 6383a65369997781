//! Annotation files in the analysis: reading one with what it points into (a brat `.ann`
//! with its `.txt` and nearest `annotation.conf`), linking its spans to the KB, and the
//! facts the annotation checks and queries read.
//!
//! A brat document is two files that change together: the `.ann` is read against the
//! `.txt`, and the `.txt`'s article analysis takes its annotated mentions from the `.ann`'s
//! analysis. The host therefore re-analyses both when either changes (annotation files
//! first, then articles), and every `.ann` below an `annotation.conf` when that changes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{FileEntry, KbState, SourceFile};
use crate::corpus::config::VersionOf;
use crate::corpus::{BRAT_CONFIG_FILE, FileId, FileKind, FileProblem};
use crate::formats::brat::{self, BratDocument};
use crate::formats::brat_conf::BratConfig;
use crate::formats::conllu::{self, ConlluDocument};
use crate::formats::webanno::{self, TsvDocument};
use crate::formats::{AnnotatedDocument, FileRole, Format, Problem, ProblemKind, StaleAnchor};
use crate::kb::EntityId;
use crate::mentions::annotated::{self, SpanLink};
use crate::mentions::{Mention, Mentions};
use crate::span::Span;

/// A document read from an annotation file.
#[derive(Debug)]
pub enum AnnotationDoc {
    Brat(BratDocument),
    Tsv(TsvDocument),
    Conllu(ConlluDocument),
}

impl AnnotationDoc {
    pub fn as_dyn(&self) -> &dyn AnnotatedDocument {
        match self {
            AnnotationDoc::Brat(doc) => doc,
            AnnotationDoc::Tsv(doc) => doc,
            AnnotationDoc::Conllu(doc) => doc,
        }
    }

    pub fn brat(&self) -> Option<&BratDocument> {
        match self {
            AnnotationDoc::Brat(doc) => Some(doc),
            _ => None,
        }
    }
}

/// What analysing one annotation file (or `annotation.conf`) produced.
#[derive(Debug)]
pub struct AnnotationAnalysis {
    /// `None` for an `annotation.conf`.
    pub format: Option<Format>,
    /// The document; `None` when there is nothing to read (a `.tsv` that is not WebAnno TSV
    /// 3, a `.ann` without its `.txt`, an `annotation.conf`).
    pub doc: Option<AnnotationDoc>,
    /// The brat `annotation.conf`: its file and what it declares.
    pub conf: Option<(FileId, BratConfig)>,
    /// Where the document text is: the brat `.txt`, else this file.
    pub text_file: Option<FileId>,
    /// The collection: the folder of the brat `annotation.conf` in use, else the file's own.
    pub collection: Arc<Path>,
    /// Parallel to the document's spans: the entity each stands for.
    pub links: Vec<Option<SpanLink>>,
    /// Linked spans as mentions in document-text coordinates (for brat, the `.txt`'s
    /// analysis takes them over).
    pub text_mentions: Vec<Mention>,
    /// TSV and CoNLL-U: the linked spans as mentions in this file, where their text is
    /// written (`#Text=` lines); empty for brat.
    pub mentions: Mentions,
    /// The entities of `mentions`, sorted.
    pub entities: Vec<EntityId>,
    /// brat: `T` lines whose offsets miss their recorded text, with where it is now.
    pub stale: Vec<StaleAnchor>,
    /// Problems found outside a reader (the `.txt` is missing), or the configuration's.
    pub problems: Vec<Problem>,
    /// Under `[agreement]`: whose version of which document (its path inside the
    /// annotator's or curated folder) this file is.
    pub agreement: Option<(VersionOf, Arc<str>)>,
}

impl AnnotationAnalysis {
    /// What the reader (or the analysis) found wrong.
    pub fn problems(&self) -> &[Problem] {
        match &self.doc {
            Some(doc) => doc.as_dyn().problems(),
            None => &self.problems,
        }
    }

    pub fn document(&self) -> Option<&dyn AnnotatedDocument> {
        self.doc.as_ref().map(AnnotationDoc::as_dyn)
    }

    pub fn brat(&self) -> Option<&BratDocument> {
        self.doc.as_ref().and_then(AnnotationDoc::brat)
    }

    /// The `annotation.conf` file in use.
    pub fn conf_file(&self) -> Option<FileId> {
        self.conf.as_ref().map(|(file, _)| *file)
    }

    /// The index (into the document's spans) of the annotation with this id.
    pub fn span_index(&self, id: &str) -> Option<usize> {
        self.document()?.spans().iter().position(|s| s.id.as_str() == id)
    }
}

/// The other files of the corpus, as an annotation file's analysis may read them.
pub(crate) struct Lookup<'a> {
    pub paths: &'a HashMap<PathBuf, FileId>,
    pub files: &'a [FileEntry],
}

impl Lookup<'_> {
    /// The existing corpus file at `path`.
    pub fn file(&self, path: &Path) -> Option<FileId> {
        let file = *self.paths.get(path)?;
        self.source(file).map(|_| file)
    }

    pub fn source(&self, file: FileId) -> Option<&SourceFile> {
        self.files.get(file.index())?.source.as_deref()
    }

    pub fn annotation(&self, file: FileId) -> Option<&AnnotationAnalysis> {
        self.files.get(file.index())?.annotation.as_deref()
    }

    /// The `.txt` of a brat `.ann`, if the corpus has it as an article.
    pub fn brat_text(&self, ann: &Path) -> Option<FileId> {
        let file = self.file(&ann.with_extension("txt"))?;
        matches!(self.source(file)?.kind, FileKind::Article(_)).then_some(file)
    }

    /// The brat `.ann` of a `.txt`, if the corpus has one.
    pub fn brat_ann(&self, txt: &Path) -> Option<FileId> {
        let file = self.file(&txt.with_extension("ann"))?;
        (self.source(file)?.kind == FileKind::Annotation(Format::Brat)).then_some(file)
    }

    /// The nearest `annotation.conf` in the folder of `ann` or above, as brat finds it.
    pub fn brat_conf(&self, ann: &Path) -> Option<FileId> {
        ann.ancestors().skip(1).find_map(|dir| self.file(&dir.join(BRAT_CONFIG_FILE)))
    }
}

/// Reads the annotation file `source` (of `format`) with what it points into.
pub(crate) fn analyse(
    source: &SourceFile,
    format: Format,
    lookup: &Lookup<'_>,
    kb: &KbState,
) -> AnnotationAnalysis {
    let folder: Arc<Path> = Arc::from(source.path.parent().unwrap_or(Path::new("")));
    let mut out = AnnotationAnalysis {
        format: Some(format),
        doc: None,
        conf: None,
        text_file: None,
        collection: folder,
        links: Vec::new(),
        text_mentions: Vec::new(),
        mentions: Mentions::default(),
        entities: Vec::new(),
        stale: Vec::new(),
        problems: Vec::new(),
        agreement: None,
    };
    let doc = match format {
        Format::Brat => {
            if let Some(conf_file) = lookup.brat_conf(&source.path)
                && let Some(conf_source) = lookup.source(conf_file)
            {
                if let Some(dir) = conf_source.path.parent() {
                    out.collection = Arc::from(dir);
                }
                out.conf = Some((conf_file, BratConfig::parse(&conf_source.text)));
            }
            let Some(text_file) = lookup.brat_text(&source.path) else {
                let name =
                    |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                out.problems.push(Problem {
                    kind: ProblemKind::AnnWithoutText,
                    file: FileRole::Annotation,
                    span: Span::empty(0),
                    message: format!(
                        "{} has no {} in the corpus; its offsets point at nothing",
                        name(&source.path),
                        name(&source.path.with_extension("txt"))
                    ),
                    related: Vec::new(),
                });
                return out;
            };
            let Some(txt) = lookup.source(text_file) else { return out };
            out.text_file = Some(text_file);
            // An unreadable or oversized `.txt` is reported on it; there is nothing to check.
            if txt.problem.as_ref().is_some_and(FileProblem::is_unread) {
                return out;
            }
            let doc = brat::parse(&txt.text, &source.text, out.conf.as_ref().map(|(_, c)| c));
            out.stale = brat::stale_anchors(&doc, &txt.text, &source.text);
            AnnotationDoc::Brat(doc)
        }
        Format::WebAnnoTsv3 => {
            if !is_webanno(&source.text) {
                return out;
            }
            out.text_file = lookup.file(&source.path);
            AnnotationDoc::Tsv(webanno::parse(&source.text))
        }
        Format::Conllu => {
            out.text_file = lookup.file(&source.path);
            AnnotationDoc::Conllu(conllu::parse(&source.text))
        }
    };
    let document = doc.as_dyn();
    out.links =
        document.spans().iter().map(|s| annotated::link(s, document.text(), &kb.kb, &kb.matcher)).collect();
    for (span, link) in document.spans().iter().zip(&out.links) {
        let Some(link) = link else { continue };
        for fragment in &span.fragments {
            let written = &document.text()[fragment.range()];
            out.text_mentions.push(Mention {
                entity: link.entity,
                span: *fragment,
                written: kb.matcher.classify(written, link.entity),
                explicit: true,
            });
        }
    }
    out.text_mentions.sort_by_key(|m| m.span);
    if format != Format::Brat {
        // The text lives in this file: mentions go where each piece is written.
        let origin = document.origin();
        let mut mentions: Vec<Mention> = out
            .text_mentions
            .iter()
            .filter_map(|m| Some(Mention { span: origin.to_file(m.span)?, ..*m }))
            .collect();
        mentions.sort_by_key(|m| m.span);
        mentions.dedup();
        out.entities = mentions.iter().map(|m| m.entity).collect();
        out.entities.sort();
        out.entities.dedup();
        out.mentions.mentions = mentions;
    }
    out.doc = Some(doc);
    out
}

/// An `annotation.conf`, read for its own problems.
pub(crate) fn analyse_config(source: &SourceFile) -> AnnotationAnalysis {
    let conf = BratConfig::parse(&source.text);
    AnnotationAnalysis {
        format: None,
        doc: None,
        collection: Arc::from(source.path.parent().unwrap_or(Path::new(""))),
        text_file: None,
        links: Vec::new(),
        text_mentions: Vec::new(),
        mentions: Mentions::default(),
        entities: Vec::new(),
        stale: Vec::new(),
        problems: conf.problems().to_vec(),
        conf: None,
        agreement: None,
    }
}

/// Whether a `.tsv` is WebAnno TSV 3 (other TSV files share the extension).
fn is_webanno(text: &str) -> bool {
    text.trim_start_matches('\u{feff}').trim_start().starts_with("#FORMAT=WebAnno TSV 3")
}
