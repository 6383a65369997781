//! WebAnno TSV 3.x, the tab-separated export of WebAnno and INCEpTION.
//!
//! Fields are tab-separated (shown here as two spaces):
//!
//! ```text
//! #FORMAT=WebAnno TSV 3.3
//! #T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|identifier|value
//! #T_RL=webanno.custom.Coref|type|BT_webanno.custom.Referent
//!
//!
//! #Text=Hulusi Akar met Yaşar Güler .
//! 1-1  0-6  Hulusi  http://www.wikidata.org/entity/Q6117580[1]  PER[1]
//! 1-2  7-11  Akar  http://www.wikidata.org/entity/Q6117580[1]  PER[1]
//! ```
//!
//! The header declares layers: span (`#T_SP=`), relation (`#T_RL=`) and chain (`#T_CH=`),
//! each a type name followed by its features; every feature is one column after the three
//! token columns (a layer without features gets one placeholder column). Each sentence is one
//! or more `#Text=` lines and one row per token (`sentence-token`) or sub-token (`1-3.1`) with
//! its *document* offsets in UTF-16 code units (Java string indices). A cell holds `_` for
//! nothing, `*` for an annotation without a value, stacked annotations separated by `|`,
//! and `[n]` to tie the rows of a multi-token annotation together; a relation cell names its
//! source token (`4-17`, or `4-17[31_2]` with source and target ids).
//!
//! The document text is rebuilt as INCEpTION's `Tsv3XDeserializer` does: each sentence's
//! `#Text=` lines joined and ended by `\n`, placed at its first token's offset, padding the
//! gap with spaces (or dropping the previous line break when the sentences touch).

use std::collections::HashMap;

use super::offsets::{OffsetError, OffsetIndex, OffsetUnit, TextOrigin, splits_grapheme};
use super::{
    AnnId, AnnotatedDocument, AnnotatedSpan, Attribute, DocumentParts, FileRole, Format, KbRef, NumberError,
    Problem, ProblemKind, Relation, line_spans, parse_number, quote, recorded_text,
};
use crate::span::Span;

mod annotations;
mod escape;
mod read;
mod sentence;
#[cfg(test)]
mod tests;

use annotations::*;
use escape::*;
pub use read::*;
use sentence::*;

/// Which features carry an annotation's label and its knowledge-base link.
#[derive(Clone, Debug)]
pub struct TsvConfig {
    /// The first feature of a layer with one of these names is the label; otherwise the first
    /// plain feature, otherwise the layer's short name.
    pub label_features: Vec<String>,
    /// Features holding a KB identifier (INCEpTION's concept features are `identifier`).
    pub kb_features: Vec<String>,
}

impl Default for TsvConfig {
    fn default() -> TsvConfig {
        let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect();
        TsvConfig {
            label_features: names(&["value", "entity", "label", "tag", "referenceType"]),
            kb_features: names(&["identifier", "identity", "kbId", "wikidata"]),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum LayerKind {
    Span,
    Relation,
    Chain,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FeatureKind {
    Primitive,
    /// `ROLE_...`: the roles of a slot (link) feature.
    SlotRole,
    /// The type of a slot feature's targets; follows its `ROLE_` column.
    SlotTarget,
    /// `BT_...`: the relation's source, naming the span layer it attaches to.
    RelationSource,
    /// `referenceType` of a chain layer.
    ChainElementType,
    /// `referenceRelation` of a chain layer.
    ChainLinkType,
    /// The single column of a layer declared without features.
    Placeholder,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Feature {
    pub name: String,
    pub kind: FeatureKind,
    /// Index of this feature's column among the annotation columns (0 = fourth field).
    pub column: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layer {
    pub kind: LayerKind,
    /// The full type name, `webanno.custom.Referent`.
    pub type_name: String,
    pub features: Vec<Feature>,
    /// The declaration line.
    pub header: Span,
}

impl Layer {
    /// The type name after its last dot.
    pub fn short_name(&self) -> &str {
        self.type_name.rsplit('.').next().unwrap_or(&self.type_name)
    }
}

/// Document offsets as a WebAnno row writes them, in UTF-16 code units.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, PartialOrd, Ord, Hash)]
pub struct Utf16Span {
    pub start: u64,
    pub end: u64,
}

/// A token or sub-token row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// `1-3` or `1-3.1`.
    pub id: String,
    pub sentence: usize,
    pub is_sub_token: bool,
    /// Offsets as written.
    pub offsets: Utf16Span,
    pub form: String,
    /// The row in the `.tsv`.
    pub row: Span,
    /// The byte span in the document text, when the offsets fit the sentence.
    pub text: Option<Span>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub id: Option<String>,
    /// The `#Text=` lines.
    pub text_lines: Vec<Span>,
    /// The sentence in the document text.
    pub text: Span,
    /// Indices into [`TsvDocument::units`].
    pub units: std::ops::Range<usize>,
}

/// A span or chain-element annotation, with what only WebAnno knows about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TsvSpan {
    /// Index into [`AnnotatedDocument::spans`].
    pub span: usize,
    pub layer: usize,
    /// Indices into [`TsvDocument::units`], in order.
    pub units: Vec<usize>,
    /// The span in the `.tsv`, inside the `#Text=` lines, for hovers in the TSV itself.
    pub file_span: Option<Span>,
    /// Every feature value in declaration order (`None` for `*` or absent).
    pub features: Vec<(String, Option<String>)>,
}

/// A WebAnno TSV file, read.
#[derive(Clone, Debug, Default)]
pub struct TsvDocument {
    version: Option<(u32, u32)>,
    layers: Vec<Layer>,
    sentences: Vec<Sentence>,
    units: Vec<Unit>,
    tsv_spans: Vec<TsvSpan>,
    parts: DocumentParts,
}

impl TsvDocument {
    /// `(3, 2)` for `#FORMAT=WebAnno TSV 3.2`.
    pub fn version(&self) -> Option<(u32, u32)> {
        self.version
    }
    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }
    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }
    pub fn units(&self) -> &[Unit] {
        &self.units
    }
    /// One entry per [`AnnotatedDocument::spans`] entry, same order.
    pub fn tsv_spans(&self) -> &[TsvSpan] {
        &self.tsv_spans
    }
}

impl AnnotatedDocument for TsvDocument {
    fn format(&self) -> Format {
        Format::WebAnnoTsv3
    }
    fn parts(&self) -> &DocumentParts {
        &self.parts
    }
}

/// Reads a WebAnno TSV 3.x file with the default [`TsvConfig`].
pub fn parse(tsv: &str) -> TsvDocument {
    parse_with(tsv, &TsvConfig::default())
}
