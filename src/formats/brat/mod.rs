//! brat standoff: a `NAME.txt` with the text and a `NAME.ann` with one annotation per line
//! (<https://brat.nlplab.org/standoff.html>).
//!
//! Line types, as brat's `server/src/annotation.py` reads them:
//!
//! ```text
//! T1<TAB>Organization 0 5;10 15<TAB>text       text-bound; fragments joined by one space
//! R1<TAB>Origin Arg1:T1 Arg2:T2                relation, exactly two arguments
//! E1<TAB>Merge-org:T3 Org-Arg:T1 Org-Arg2:T2   event: type:trigger then role:id arguments
//! A1<TAB>Confidence E1 High                    attribute (binary without a value); M is old
//! N1<TAB>Reference T1 Wikidata:Q123<TAB>label  normalization
//! #1<TAB>AnnotatorNotes T1<TAB>note            note
//! *<TAB>Equiv T1 T2 T3                          equivalence (no id of its own)
//! ```
//!
//! Offsets count Unicode code points of the `.txt` as brat reads it: UTF-8, no newline
//! translation, so `\r\n` is two characters (see `docs/formats.md` for how that was
//! established). [`parse`] converts them to byte spans with one pass over the text.
//!
//! Besides the reader: [`pair_files`] pairs `.txt` and `.ann` paths, [`reanchor`] finds the
//! new offsets of every `T` after the `.txt` was edited, and [`render_text_bound`] writes the
//! line for a new annotation with the next free id.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use aho_corasick::{AhoCorasick, MatchKind};

use super::brat_conf::{AnnKind, BratConfig, Overlap, Section};
use super::offsets::{OffsetError, OffsetIndex, OffsetUnit, TextOrigin, splits_grapheme};
use super::{
    AnnId, AnnotatedDocument, AnnotatedSpan, Attribute, DocumentParts, FileRole, Format, KbRef,
    NewAnnotation, Note, NumberError, Problem, ProblemKind, Relation, StaleAnchor, line_spans, parse_number,
    quote,
};
use crate::span::Span;

mod edit;
mod pair;
mod parse;
mod reanchor;
#[cfg(test)]
mod tests;
mod text;
mod validate;
mod view;

pub use edit::*;
pub use pair::*;
use parse::*;
pub use reanchor::*;
use text::*;
use validate::*;
use view::*;

/// How a mismatch message says that the offsets were counted in another unit (bytes, UTF-16
/// units, `\r\n` as one character): a tool's counting error rather than an edited text.
pub const OTHER_COUNTING: &str = "the offsets would match if";

/// Offsets as written in a `T` line, in code points of the `.txt`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, PartialOrd, Ord, Hash)]
pub struct CharSpan {
    pub start: u64,
    pub end: u64,
}

impl fmt::Display for CharSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// One fragment of a text-bound annotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fragment {
    /// As written; negative numbers are kept out by the parser (they are reported instead).
    pub chars: CharSpan,
    /// Where `start end` is written in the `.ann`.
    pub span: Span,
    /// The byte span in the `.txt`, when the offsets are in range and not inverted.
    pub bytes: Option<Span>,
}

/// A text with its location in the `.ann`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub value: String,
    pub span: Span,
}

/// A reference to another annotation: `Arg1:T1`, a trigger, an attribute target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ref {
    /// The role (`Arg1`, `Org-Arg2`); empty where the line type has none.
    pub role: String,
    pub target: AnnId,
    /// The whole `role:id` token.
    pub span: Span,
    /// Just the id.
    pub target_span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextBound {
    pub ty: Field,
    pub fragments: Vec<Fragment>,
    /// All offsets, `0 5;10 15`, for rewriting them (re-anchoring).
    pub offsets_span: Span,
    /// The recorded text; `None` when the line has no text column.
    pub text: Option<Field>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BinaryRelation {
    pub ty: Field,
    pub args: [Ref; 2],
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    pub ty: Field,
    pub trigger: Ref,
    pub args: Vec<Ref>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttributeRecord {
    pub name: Field,
    pub target: Ref,
    /// `None` for a binary attribute.
    pub value: Option<Field>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Normalization {
    pub ty: Field,
    pub target: Ref,
    /// `Wikidata` in `Wikidata:Q123`.
    pub kb: String,
    pub kb_id: String,
    /// Where `Wikidata:Q123` is written.
    pub reference_span: Span,
    pub label: Option<Field>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteRecord {
    pub ty: Field,
    pub target: Ref,
    pub text: Field,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Equiv {
    pub ty: Field,
    pub members: Vec<Ref>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordBody {
    TextBound(TextBound),
    Relation(BinaryRelation),
    Event(Event),
    /// `A` and the older `M` lines.
    Attribute(AttributeRecord),
    Normalization(Normalization),
    Note(NoteRecord),
    Equiv(Equiv),
    /// A line that could not be read; its problem says why.
    Unparsed,
}

/// One line of the `.ann`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// `None` for equivalences (`*`) and lines without a readable id.
    pub id: Option<AnnId>,
    pub id_span: Span,
    /// The line without its line break.
    pub line: Span,
    pub body: RecordBody,
}

/// A `.txt` and its `.ann`, read.
#[derive(Clone, Debug)]
pub struct BratDocument {
    records: Vec<Record>,
    parts: DocumentParts,
}

impl BratDocument {
    /// Every line of the `.ann`, in order.
    pub fn records(&self) -> &[Record] {
        &self.records
    }

    /// The record with this id.
    pub fn record(&self, id: &str) -> Option<&Record> {
        self.records.iter().find(|r| r.id.as_ref().is_some_and(|i| i.as_str() == id))
    }
}

impl AnnotatedDocument for BratDocument {
    fn format(&self) -> Format {
        Format::Brat
    }
    fn parts(&self) -> &DocumentParts {
        &self.parts
    }
    /// Every `N` line, also one whose target is not a text-bound annotation.
    fn kb_references(&self) -> Vec<KbRef> {
        self.records
            .iter()
            .filter_map(|r| match &r.body {
                RecordBody::Normalization(n) => Some(KbRef {
                    kb: n.kb.clone(),
                    id: n.kb_id.clone(),
                    label: n.label.as_ref().map(|l| l.value.clone()),
                    span: n.reference_span,
                }),
                _ => None,
            })
            .collect()
    }
    fn new_annotation(&self, source: &str, label: &str, span: Span) -> Option<NewAnnotation> {
        let line = render_text_bound(source, self.text(), label, &[span]).ok()?;
        let id = AnnId::new(line.split('\t').next().unwrap_or_default());
        Some(NewAnnotation { id, line })
    }
}

/// Reads a `.ann` against its `.txt`, checking types and overlaps against `conf` when the
/// collection has an `annotation.conf`. Problems are in the `.ann` (related spans may point
/// into the `.txt`); problems of the configuration itself stay in [`BratConfig::problems`].
pub fn parse(txt: &str, ann: &str, conf: Option<&BratConfig>) -> BratDocument {
    let mut problems = Vec::new();
    // `split_inclusive` gives no empty last line after a final line break, and no line at
    // all for an empty file, as brat reads them.
    let mut records: Vec<Record> = line_spans(ann).map(|line| parse_line(ann, line, &mut problems)).collect();

    let text = TextCheck::new(txt);
    let mut nearest = Vec::new();
    for record in &mut records {
        if let (Some(id), RecordBody::TextBound(tb)) = (&record.id, &mut record.body) {
            text.check(id, tb, &mut problems, &mut nearest);
        }
    }
    text.resolve_nearest(nearest, &mut problems);

    let ids = index_ids(&records, &mut problems);
    check_references(&records, &ids, &mut problems);
    if let Some(conf) = conf {
        check_types(&records, &ids, conf, &mut problems);
        check_overlaps(&records, conf, &mut problems);
    }

    let (spans, relations) = common_view(&records, &ids);
    problems.sort_by_key(|p| (p.span.start, p.kind));
    BratDocument {
        records,
        parts: DocumentParts {
            text: txt.to_string(),
            origin: TextOrigin::identity(),
            spans,
            relations,
            problems,
        },
    }
}
