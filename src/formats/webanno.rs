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

fn problem(kind: ProblemKind, span: Span, message: String) -> Problem {
    Problem::new(kind, FileRole::Annotation, span, message)
}

/// A sentence being read: its header lines, then its rows.
#[derive(Default)]
struct PendingSentence {
    id: Option<String>,
    text_lines: Vec<Span>,
    rows: Vec<Span>,
}

/// Reads a WebAnno TSV 3.x file, taking labels and KB links from the features `config` names.
pub fn parse_with(tsv: &str, config: &TsvConfig) -> TsvDocument {
    let mut doc = TsvDocument::default();
    let mut lines = line_spans(tsv).peekable();

    // Header: the format line, then layer declarations.
    while lines.peek().is_some_and(|l| tsv[l.range()].trim().is_empty()) {
        lines.next();
    }
    match lines.peek().copied() {
        Some(line) if tsv[line.range()].starts_with("#FORMAT=") => {
            lines.next();
            doc.version = parse_format(&tsv[line.range()]);
            if doc.version.is_none() {
                doc.parts.problems.push(problem(
                    ProblemKind::MalformedLine,
                    line,
                    format!("{} is not `#FORMAT=WebAnno TSV 3.x`", quote(&tsv[line.range()])),
                ));
            } else if doc.version.is_some_and(|(major, _)| major != 3) {
                doc.parts.problems.push(problem(
                    ProblemKind::UnknownHeader,
                    line,
                    format!("{} is not version 3; reading it as 3.3", quote(&tsv[line.range()])),
                ));
            }
        }
        Some(line) => doc.parts.problems.push(problem(
            ProblemKind::MalformedLine,
            Span::empty(line.start as usize),
            "the file does not start with `#FORMAT=WebAnno TSV 3.x`".to_string(),
        )),
        None => {}
    }
    let mut column_count = 0;
    while let Some(line) = lines.peek().copied() {
        let text = &tsv[line.range()];
        let kind = if text.starts_with("#T_SP=") {
            LayerKind::Span
        } else if text.starts_with("#T_RL=") {
            LayerKind::Relation
        } else if text.starts_with("#T_CH=") {
            LayerKind::Chain
        } else if text.starts_with("#T_") {
            doc.parts.problems.push(problem(
                ProblemKind::UnknownHeader,
                line,
                format!("{} is not a layer declaration WebAnno knows (#T_SP, #T_RL, #T_CH)", quote(text)),
            ));
            lines.next();
            continue;
        } else {
            break;
        };
        lines.next();
        let layer = parse_layer(kind, &text[6..], line, &mut column_count);
        doc.layers.push(layer);
    }
    let version = doc.version.unwrap_or((3, 3));

    // Body: sentences separated by blank lines.
    let mut pending = PendingSentence::default();
    let mut body = Body {
        column_count,
        version,
        builder: TextBuilder { origin: TextOrigin::pieces(), ..TextBuilder::default() },
        unit_ids: HashMap::new(),
        cells: Vec::new(),
    };
    for line in lines {
        let text = &tsv[line.range()];
        if text.trim().is_empty() {
            if !pending.rows.is_empty() || !pending.text_lines.is_empty() {
                finish_sentence(tsv, &mut doc, &mut body, std::mem::take(&mut pending));
            }
            continue;
        }
        if let Some(header) = text.strip_prefix('#') {
            if !pending.rows.is_empty() {
                doc.parts.problems.push(problem(
                    ProblemKind::MalformedLine,
                    line,
                    format!("{} follows token rows without a blank line", quote(text)),
                ));
                finish_sentence(tsv, &mut doc, &mut body, std::mem::take(&mut pending));
            }
            if header.starts_with("Text=") {
                pending.text_lines.push(line);
            } else if let Some(id) = header.strip_prefix("Sentence.id=") {
                pending.id = Some(id.to_string());
            } else if doc.sentences.is_empty() && pending.text_lines.is_empty() {
                let name = header.split('=').next().unwrap_or(header);
                doc.parts.problems.push(problem(
                    ProblemKind::UnknownHeader,
                    line,
                    format!("`#{name}` is not a WebAnno TSV header; INCEpTION would refuse the file"),
                ));
            } else {
                let name = header.split('=').next().unwrap_or(header);
                doc.parts.problems.push(problem(
                    ProblemKind::UnknownHeader,
                    line,
                    format!("`#{name}` is not a sentence header WebAnno knows (#Text, #Sentence.id)"),
                ));
            }
            continue;
        }
        pending.rows.push(line);
    }
    if !pending.rows.is_empty() || !pending.text_lines.is_empty() {
        finish_sentence(tsv, &mut doc, &mut body, pending);
    }
    doc.parts.text = body.builder.text;
    doc.parts.origin = body.builder.origin;
    annotations(tsv, &mut doc, config, &body.cells, &body.unit_ids);
    doc.parts.problems.sort_by_key(|p| (p.span.start, p.kind));
    doc
}

fn parse_format(line: &str) -> Option<(u32, u32)> {
    let rest = line.strip_prefix("#FORMAT=")?;
    let (_, version) = rest.rsplit_once(' ')?;
    let (major, minor) = version.split_once('.')?;
    Some((major.parse().ok()?, minor.parse().ok()?))
}

fn parse_layer(kind: LayerKind, decl: &str, line: Span, column_count: &mut usize) -> Layer {
    let mut parts = decl.split('|');
    let type_name = parts.next().unwrap_or_default().to_string();
    let mut features = Vec::new();
    for name in parts.filter(|p| !p.is_empty()) {
        let feature_kind = match kind {
            LayerKind::Span if name.starts_with("ROLE_") => FeatureKind::SlotRole,
            LayerKind::Span if features.last().is_some_and(|f: &Feature| f.kind == FeatureKind::SlotRole) => {
                FeatureKind::SlotTarget
            }
            LayerKind::Relation if name.starts_with("BT_") => FeatureKind::RelationSource,
            LayerKind::Chain if name == "referenceType" => FeatureKind::ChainElementType,
            LayerKind::Chain if name == "referenceRelation" => FeatureKind::ChainLinkType,
            _ => FeatureKind::Primitive,
        };
        features.push(Feature { name: name.to_string(), kind: feature_kind, column: *column_count });
        *column_count += 1;
    }
    if features.is_empty() {
        features.push(Feature { name: String::new(), kind: FeatureKind::Placeholder, column: *column_count });
        *column_count += 1;
    }
    Layer { kind, type_name, features, header: line }
}

/// The document text as it grows, with the UTF-16 length the offsets count in.
#[derive(Default)]
struct TextBuilder {
    text: String,
    len16: u64,
    origin: TextOrigin,
}

impl TextBuilder {
    fn push_added(&mut self, s: &str) {
        self.text.push_str(s);
        self.len16 += s.encode_utf16().count() as u64;
    }
}

/// One annotation cell of a row: its column, raw text and place in the `.tsv`.
struct Cell {
    unit: usize,
    column: usize,
    span: Span,
}

/// What reading the sentences builds up besides the document itself.
struct Body {
    column_count: usize,
    version: (u32, u32),
    builder: TextBuilder,
    /// Row index of each token id, for relation sources.
    unit_ids: HashMap<String, usize>,
    /// The non-empty annotation cells of each row, read once all rows are known.
    cells: Vec<Vec<Cell>>,
}

fn finish_sentence(tsv: &str, doc: &mut TsvDocument, body: &mut Body, pending: PendingSentence) {
    let Body { column_count, version, builder, unit_ids, cells } = body;
    let (column_count, version) = (*column_count, *version);
    let sentence_no = doc.sentences.len() + 1;
    if pending.text_lines.is_empty() {
        doc.parts.problems.push(problem(
            ProblemKind::MalformedLine,
            pending.rows[0],
            format!("sentence {sentence_no} has token rows but no `#Text=` line"),
        ));
    }
    if pending.rows.is_empty() {
        doc.parts.problems.push(problem(
            ProblemKind::MalformedLine,
            pending.text_lines[0],
            format!("sentence {sentence_no} has a `#Text=` line but no token rows"),
        ));
        return;
    }

    // Parse the rows first: the sentence is placed at its first token's offset.
    struct Row {
        id: String,
        offsets: Option<(u64, u64)>,
        form: String,
        row: Span,
        fields: Vec<Span>,
    }
    let expected_fields = 3 + column_count;
    let mut rows = Vec::new();
    for &row in &pending.rows {
        let text = &tsv[row.range()];
        let mut fields = Vec::new();
        let mut at = row.start as usize;
        for field in text.split('\t') {
            fields.push(Span::new(at, at + field.len()));
            at += field.len() + 1;
        }
        // Writers end each row with a tab, which leaves one empty field at the end.
        if fields.len() == expected_fields + 1 && fields.last().is_some_and(|f| f.is_empty()) {
            fields.pop();
        }
        if fields.len() != expected_fields {
            doc.parts.problems.push(problem(
                ProblemKind::MalformedLine,
                row,
                format!(
                    "row {} has {} fields but the header declares {expected_fields} (3 token fields and {column_count} annotation columns)",
                    quote(&tsv[fields[0].range()]),
                    fields.len()
                ),
            ));
            if fields.len() < 3 {
                continue;
            }
        }
        let id = tsv[fields[0].range()].to_string();
        let offsets_text = &tsv[fields[1].range()];
        let offsets = number_pair(offsets_text);
        let id_ok = is_unit_id(&id);
        if !id_ok || offsets.is_err() {
            let what = match &offsets {
                _ if !id_ok => format!("{} is not a token id like `1-3` or `1-3.1`", quote(&id)),
                Err(Some(too_large)) => format!("token {id} has the offset {too_large}"),
                _ => format!("token {id} has offsets {} where `begin-end` belongs", quote(offsets_text)),
            };
            doc.parts.problems.push(problem(
                ProblemKind::MalformedLine,
                if id_ok { fields[1] } else { fields[0] },
                what,
            ));
            if !id_ok {
                continue;
            }
        }
        let form = unescape_text(&tsv[fields[2].range()], version).0;
        rows.push(Row { id, offsets: offsets.ok(), form, row, fields });
    }
    if rows.is_empty() {
        return;
    }

    // Place the sentence text.
    let first_begin = rows.iter().find(|r| !r.id.contains('.')).and_then(|r| r.offsets).map(|o| o.0);
    let start16 = match first_begin {
        Some(begin) if builder.len16 > begin => {
            if builder.len16 == begin + 1 && builder.text.ends_with('\n') {
                builder.text.pop();
                builder.len16 -= 1;
            } else {
                doc.parts.problems.push(problem(
                    ProblemKind::TextMismatch,
                    rows[0].fields[1],
                    format!(
                        "sentence {sentence_no} starts at {begin} but the text before it already runs to {}",
                        builder.len16.saturating_sub(1)
                    ),
                ));
            }
            builder.len16
        }
        // The gap holds only text left out between sentences; one longer than the whole file
        // is an offset error, and padding it would let one number allocate gigabytes.
        Some(begin) if begin - builder.len16 > tsv.len() as u64 => {
            doc.parts.problems.push(problem(
                ProblemKind::OffsetOutOfRange,
                rows[0].fields[1],
                format!(
                    "sentence {sentence_no} starts at {begin}, {} units after the text before it ends",
                    begin - builder.len16
                ),
            ));
            builder.len16
        }
        Some(begin) => {
            let gap = (begin - builder.len16) as usize;
            builder.push_added(&" ".repeat(gap));
            builder.len16
        }
        None => builder.len16,
    };
    let sentence_start = builder.text.len();
    let mut sentence_text = String::new();
    for (n, &line) in pending.text_lines.iter().enumerate() {
        if n > 0 {
            sentence_text.push('\n');
            builder.push_added("\n");
        }
        let content_start = line.start as usize + "#Text=".len();
        let (unescaped, runs) = unescape_text(&tsv[content_start..line.end as usize], version);
        let base = builder.text.len();
        for (text_range, file_range) in runs {
            builder.origin.push(
                Span::new(base + text_range.start, base + text_range.end),
                Span::new(content_start + file_range.start, content_start + file_range.end),
            );
        }
        builder.push_added(&unescaped);
        sentence_text.push_str(&unescaped);
    }
    builder.push_added("\n");
    let sentence_end = sentence_start + sentence_text.len();
    let index16 = OffsetIndex::new(&sentence_text, OffsetUnit::Utf16);
    let index_cp = OffsetIndex::new(&sentence_text, OffsetUnit::CodePoint);
    // Token offsets are document offsets; the sentence may have been moved (see above).
    let shift = start16 as i64 - first_begin.unwrap_or(start16) as i64;

    let first_unit = doc.units.len();
    let mut token_offsets: Option<(u64, u64)> = None;
    for row in rows {
        let mut text_span = None;
        if row.id.contains('.') {
            if let (Some((tb, te)), Some((b, e))) = (token_offsets, row.offsets)
                && (b < tb || e > te)
            {
                doc.parts.problems.push(problem(
                    ProblemKind::OffsetOutOfRange,
                    row.fields[1],
                    format!("sub-token {} at {b}-{e} lies outside its token, which covers {tb}-{te}", row.id),
                ));
            }
        } else {
            token_offsets = row.offsets;
        }
        if let Some((begin, end)) = row.offsets {
            let rel = |o: u64| (o as i64).saturating_add(shift).saturating_sub(start16 as i64).max(-1);
            let (rb, re) = (rel(begin), rel(end));
            if begin > end {
                doc.parts.problems.push(problem(
                    ProblemKind::InvertedSpan,
                    row.fields[1],
                    format!("token {} starts at {begin} but ends at {end}", row.id),
                ));
            } else if rb < 0 || re as u64 > index16.len_units() {
                let sentence_end16 = start16 + index16.len_units();
                doc.parts.problems.push(problem(
                    ProblemKind::OffsetOutOfRange,
                    row.fields[1],
                    format!(
                        "token {} at {begin}-{end} lies outside its sentence, which covers {}-{}",
                        row.id,
                        (start16 as i64 - shift).max(0),
                        (sentence_end16 as i64 - shift).max(0)
                    ),
                ));
            } else {
                match (
                    index16.byte_offset(&sentence_text, rb as u64),
                    index16.byte_offset(&sentence_text, re as u64),
                ) {
                    (Ok(s), Ok(e)) => {
                        let found = &sentence_text[s..e];
                        if found != row.form {
                            let mut message = format!(
                                "token {} is {} but the sentence text at {begin}-{end} is {}",
                                row.id,
                                quote(&row.form),
                                quote(found)
                            );
                            let cp = |o: i64| index_cp.byte_offset(&sentence_text, o as u64).ok();
                            if let (Some(cs), Some(ce)) = (cp(rb), cp(re))
                                && sentence_text.get(cs..ce) == Some(row.form.as_str())
                                && index16.len_units() != index_cp.len_units()
                            {
                                message.push_str("; the offsets would match if counted in code points instead of UTF-16 units");
                            } else if let Some(at) = nearest_occurrence(&sentence_text, &row.form, s) {
                                let at16 =
                                    index16.unit_offset(&sentence_text, at) as i64 + start16 as i64 - shift;
                                message.push_str(&format!(
                                    "; {} occurs in the sentence at {at16}",
                                    quote(&row.form)
                                ));
                            }
                            doc.parts.problems.push(
                                problem(ProblemKind::TextMismatch, row.fields[1], message).with_related(
                                    FileRole::Annotation,
                                    row.fields[2],
                                    "the token",
                                ),
                            );
                        }
                        for (which, b, o) in [("starts", s, begin), ("ends", e, end)] {
                            if splits_grapheme(&sentence_text, b) {
                                doc.parts.problems.push(problem(
                                    ProblemKind::OffsetInsideCharacter,
                                    row.fields[1],
                                    format!(
                                        "token {} {which} at {o}, inside one character of the sentence text",
                                        row.id
                                    ),
                                ));
                            }
                        }
                        text_span = Some(Span::new(sentence_start + s, sentence_start + e));
                    }
                    (Err(OffsetError::InsideChar { .. }), _) | (_, Err(OffsetError::InsideChar { .. })) => {
                        doc.parts.problems.push(problem(
                            ProblemKind::OffsetInsideCharacter,
                            row.fields[1],
                            format!(
                                "token {} at {begin}-{end} splits a character that takes two UTF-16 units",
                                row.id
                            ),
                        ));
                    }
                    _ => {}
                }
            }
        }
        let unit_idx = doc.units.len();
        if let Some(&first) = unit_ids.get(&row.id) {
            doc.parts.problems.push(
                problem(
                    ProblemKind::DuplicateId,
                    row.fields[0],
                    format!("token id {} appears twice", row.id),
                )
                .with_related(
                    FileRole::Annotation,
                    doc.units[first].row,
                    format!("the first {}", row.id),
                ),
            );
        } else {
            unit_ids.insert(row.id.clone(), unit_idx);
        }
        let mut row_cells = Vec::new();
        for (column, field) in row.fields.iter().enumerate().skip(3) {
            if &tsv[field.range()] != "_" {
                row_cells.push(Cell { unit: unit_idx, column: column - 3, span: *field });
            }
        }
        cells.push(row_cells);
        doc.units.push(Unit {
            is_sub_token: row.id.contains('.'),
            id: row.id,
            sentence: doc.sentences.len(),
            offsets: row.offsets.map_or(Utf16Span::default(), |(start, end)| Utf16Span { start, end }),
            form: row.form,
            row: row.row,
            text: text_span,
        });
    }
    doc.sentences.push(Sentence {
        id: pending.id,
        text_lines: pending.text_lines,
        text: Span::new(sentence_start, sentence_end),
        units: first_unit..doc.units.len(),
    });
}

/// How far around a token's offsets its form is looked for when it is not there: a sentence
/// of 100,000 tokens whose offsets all slipped must not be searched whole for each token.
const NEAREST_WINDOW: usize = 4096;

/// Where `form` occurs in `text` nearest to byte `around`, within [`NEAREST_WINDOW`] bytes.
fn nearest_occurrence(text: &str, form: &str, around: usize) -> Option<usize> {
    if form.is_empty() {
        return None;
    }
    let floor = crate::span::floor_char_boundary;
    let from = floor(text, around.saturating_sub(NEAREST_WINDOW));
    let to = floor(text, around.saturating_add(NEAREST_WINDOW + form.len()).min(text.len()));
    text[from..to].match_indices(form).map(|(at, _)| from + at).min_by_key(|at| at.abs_diff(around))
}

/// Two numbers written `a-b` (token offsets `12-17`, chain ids `3-1`). The error holds what
/// to say when a number is too large ("`99999999999999999999` is too large ..."), `None` when
/// the text is not `a-b` at all.
fn number_pair(text: &str) -> Result<(u64, u64), Option<String>> {
    let (a, b) = text.split_once('-').ok_or(None)?;
    match (parse_number(a), parse_number(b)) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (Err(NumberError::TooLarge), _) => Err(Some(NumberError::TooLarge.describe(a))),
        (_, Err(NumberError::TooLarge)) => Err(Some(NumberError::TooLarge.describe(b))),
        _ => Err(None),
    }
}

fn is_unit_id(id: &str) -> bool {
    let (main, sub) = match id.split_once('.') {
        Some((m, s)) => (m, Some(s)),
        None => (id, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    main.split_once('-').is_some_and(|(s, t)| digits(s) && digits(t)) && sub.is_none_or(digits)
}

/// `(text bytes, file bytes)` pieces of an unescaped string, relative to its input.
type Runs = Vec<(std::ops::Range<usize>, std::ops::Range<usize>)>;

/// Undoes the `#Text=` escaping of the format version; returns the text and, for the origin
/// map, `(text bytes, file bytes)` ranges relative to the inputs.
fn unescape_text(s: &str, version: (u32, u32)) -> (String, Runs) {
    let mut out = String::with_capacity(s.len());
    let mut runs = Vec::new();
    let mut verbatim_from = 0;
    let mut chars = s.char_indices().peekable();
    let java = version.1 <= 1;
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            continue;
        }
        let Some(&(j, next)) = chars.peek() else {
            break;
        };
        let mut consumed = j + next.len_utf8();
        let replacement = match next {
            't' => Some('\t'),
            'n' => Some('\n'),
            'r' => Some('\r'),
            'f' => Some('\u{c}'),
            'b' => Some('\u{8}'),
            '\\' => Some('\\'),
            '\'' | '"' if java => Some(next),
            'u' if java => {
                let hex = s.get(j + 1..j + 5).filter(|h| h.len() == 4);
                match hex.and_then(|h| u32::from_str_radix(h, 16).ok()).and_then(char::from_u32) {
                    Some(ch) => {
                        consumed = j + 5;
                        Some(ch)
                    }
                    None => None,
                }
            }
            // 3.2+: a backslash before a raw control character (other than \t..\r) keeps it.
            c if !java && (c as u32) < 32 && !(8..14).contains(&(c as u32)) => Some(c),
            _ => None,
        };
        let Some(replacement) = replacement else {
            continue;
        };
        if verbatim_from < i {
            let t = out.len();
            out.push_str(&s[verbatim_from..i]);
            runs.push((t..out.len(), verbatim_from..i));
        }
        let t = out.len();
        out.push(replacement);
        runs.push((t..out.len(), i..consumed));
        while chars.peek().is_some_and(|&(k, _)| k < consumed) {
            chars.next();
        }
        verbatim_from = consumed;
    }
    if verbatim_from < s.len() {
        let t = out.len();
        out.push_str(&s[verbatim_from..]);
        runs.push((t..out.len(), verbatim_from..s.len()));
    }
    (out, runs)
}

/// Undoes the escaping of annotation values (`\|`, `\[`, `\_`, `\*`...).
fn unescape_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.peek() {
                Some('t') => {
                    chars.next();
                    out.push('\t');
                }
                Some('n') => {
                    chars.next();
                    out.push('\n');
                }
                Some(&n @ ('\\' | '[' | ']' | '|' | '_' | '-' | ';' | '*')) => {
                    chars.next();
                    out.push(n);
                }
                _ => out.push(c),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Splits a cell on `|` not preceded by a backslash, keeping positions.
fn split_stacked(cell: &str, base: usize) -> Vec<(&str, Span)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in cell.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => {
                out.push((&cell[start..i], Span::new(base + start, base + i)));
                start = i + 1;
            }
            _ => escaped = false,
        }
    }
    out.push((&cell[start..], Span::new(base + start, base + cell.len())));
    out
}

/// A `[...]` suffix not escaped as `\]`: `(value, suffix)`.
fn split_suffix(value: &str) -> (&str, Option<&str>) {
    if value.ends_with(']')
        && !value.ends_with("\\]")
        && let Some(open) = value.rfind('[')
    {
        return (&value[..open], Some(&value[open + 1..value.len() - 1]));
    }
    (value, None)
}

/// How a span annotation is identified across rows.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum SpanKey {
    /// `[n]`: ids are unique in the document, across layers.
    Id(u64),
    /// No id: one unit, one stacking position.
    Local { unit: usize, layer: usize, stack: usize },
    /// A chain element `->chain-element`.
    Chain { layer: usize, chain: u64, element: u64 },
}

struct SpanAnn {
    key: SpanKey,
    layer: usize,
    units: Vec<usize>,
    values: Vec<Option<String>>,
    first_cell: Span,
    link_label: Option<String>,
}

struct RelAnn {
    layer: usize,
    unit: usize,
    values: Vec<Option<String>>,
    source: Option<(String, Span)>,
    ids: Option<(u64, u64)>,
    cell: Span,
}

fn annotations(
    tsv: &str,
    doc: &mut TsvDocument,
    config: &TsvConfig,
    cells: &[Vec<Cell>],
    unit_ids: &HashMap<String, usize>,
) {
    // Which layer and feature each column belongs to.
    let mut column_owner: Vec<(usize, usize)> = Vec::new();
    for (l, layer) in doc.layers.iter().enumerate() {
        for (f, _) in layer.features.iter().enumerate() {
            column_owner.push((l, f));
        }
    }
    let mut spans: Vec<SpanAnn> = Vec::new();
    let mut by_key: HashMap<SpanKey, usize> = HashMap::new();
    // The annotations of each layer on each unit, by stacking position.
    let mut on_unit: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    let mut relations: Vec<RelAnn> = Vec::new();
    let mut rel_on_unit: HashMap<(usize, usize), Vec<usize>> = HashMap::new();

    for row in cells {
        for cell in row {
            let Some(&(l, f)) = column_owner.get(cell.column) else {
                continue;
            };
            let layer = &doc.layers[l];
            let feature = &layer.features[f];
            let raw = &tsv[cell.span.range()];
            for (stack, (value, vspan)) in
                split_stacked(raw, cell.span.start as usize).into_iter().enumerate()
            {
                match layer.kind {
                    LayerKind::Span => {
                        let (value, suffix) = split_suffix(value);
                        let key = match suffix.map(|n| (n, parse_number(n))) {
                            Some((_, Ok(n))) => SpanKey::Id(n),
                            Some((written, Err(error))) => {
                                let message = match error {
                                    NumberError::TooLarge => format!(
                                        "{} has the span id {}",
                                        quote(tsv[vspan.range()].trim()),
                                        error.describe(written)
                                    ),
                                    _ => format!(
                                        "{} does not end in a span id like `[4]`",
                                        quote(tsv[vspan.range()].trim())
                                    ),
                                };
                                doc.parts.problems.push(problem(ProblemKind::MalformedLine, vspan, message));
                                continue;
                            }
                            None => match on_unit.get(&(cell.unit, l)).and_then(|v| v.get(stack)) {
                                Some(&idx) => spans[idx].key,
                                None => SpanKey::Local { unit: cell.unit, layer: l, stack },
                            },
                        };
                        let idx = match by_key.get(&key) {
                            Some(&idx) => {
                                if spans[idx].layer != l {
                                    doc.parts.problems.push(problem(
                                        ProblemKind::DuplicateId,
                                        vspan,
                                        format!(
                                            "span id [{}] is used by the layers {} and {}",
                                            match key {
                                                SpanKey::Id(n) => n,
                                                _ => 0,
                                            },
                                            doc.layers[spans[idx].layer].short_name(),
                                            layer.short_name()
                                        ),
                                    ));
                                    continue;
                                }
                                idx
                            }
                            None => {
                                let idx = spans.len();
                                spans.push(SpanAnn {
                                    key,
                                    layer: l,
                                    units: Vec::new(),
                                    values: vec![None; layer.features.len()],
                                    first_cell: vspan,
                                    link_label: None,
                                });
                                by_key.insert(key, idx);
                                idx
                            }
                        };
                        let ann = &mut spans[idx];
                        if ann.units.last() != Some(&cell.unit) && !ann.units.contains(&cell.unit) {
                            ann.units.push(cell.unit);
                        }
                        let list = on_unit.entry((cell.unit, l)).or_default();
                        if !list.contains(&idx) {
                            list.push(idx);
                        }
                        if value != "*" && feature.kind != FeatureKind::Placeholder {
                            ann.values[f] = Some(unescape_value(value));
                        }
                    }
                    LayerKind::Chain => {
                        // `label->chain-element`.
                        let Some((label, ids)) = value.rsplit_once("->") else {
                            doc.parts.problems.push(problem(
                                ProblemKind::MalformedLine,
                                vspan,
                                format!(
                                    "{} in chain layer {} lacks `->chain-element`",
                                    quote(value),
                                    layer.short_name()
                                ),
                            ));
                            continue;
                        };
                        let (chain, element) = match number_pair(ids) {
                            Ok(pair) => pair,
                            Err(too_large) => {
                                let message = match too_large {
                                    Some(too_large) => format!(
                                        "the chain id {} in chain layer {} has the number {too_large}",
                                        quote(ids),
                                        layer.short_name()
                                    ),
                                    None => format!(
                                        "{} in chain layer {} is not `chain-element`",
                                        quote(ids),
                                        layer.short_name()
                                    ),
                                };
                                doc.parts.problems.push(problem(ProblemKind::MalformedLine, vspan, message));
                                continue;
                            }
                        };
                        let key = SpanKey::Chain { layer: l, chain, element };
                        let idx = *by_key.entry(key).or_insert_with(|| {
                            spans.push(SpanAnn {
                                key,
                                layer: l,
                                units: Vec::new(),
                                values: vec![None; layer.features.len()],
                                first_cell: vspan,
                                link_label: None,
                            });
                            spans.len() - 1
                        });
                        let ann = &mut spans[idx];
                        if !ann.units.contains(&cell.unit) {
                            ann.units.push(cell.unit);
                        }
                        let label = (label != "*").then(|| unescape_value(label));
                        match feature.kind {
                            FeatureKind::ChainLinkType => ann.link_label = label,
                            _ => ann.values[f] = label,
                        }
                    }
                    LayerKind::Relation => {
                        let list = rel_on_unit.entry((cell.unit, l)).or_default();
                        let idx = match list.get(stack) {
                            Some(&idx) => idx,
                            None => {
                                relations.push(RelAnn {
                                    layer: l,
                                    unit: cell.unit,
                                    values: vec![None; layer.features.len()],
                                    source: None,
                                    ids: None,
                                    cell: vspan,
                                });
                                list.push(relations.len() - 1);
                                relations.len() - 1
                            }
                        };
                        let rel = &mut relations[idx];
                        if feature.kind == FeatureKind::RelationSource {
                            let (unit, suffix) = split_suffix(value);
                            rel.source = Some((unit.to_string(), vspan));
                            rel.cell = vspan;
                            if let Some(s) = suffix {
                                match s
                                    .split_once('_')
                                    .and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)))
                                {
                                    Some(ids) => rel.ids = Some(ids),
                                    None => doc.parts.problems.push(problem(
                                        ProblemKind::MalformedLine,
                                        vspan,
                                        format!(
                                            "{} does not end in `[source_target]` span ids",
                                            quote(value)
                                        ),
                                    )),
                                }
                            }
                        } else if value != "*" {
                            rel.values[f] = Some(unescape_value(value));
                        }
                    }
                }
            }
        }
    }

    // Token order, for finding span ids that skip tokens.
    let token_ordinal: HashMap<usize, usize> = doc
        .units
        .iter()
        .enumerate()
        .filter(|(_, u)| !u.is_sub_token)
        .enumerate()
        .map(|(n, (i, _))| (i, n))
        .collect();
    let token_units: Vec<usize> =
        doc.units.iter().enumerate().filter(|(_, u)| !u.is_sub_token).map(|(i, _)| i).collect();

    let mut ann_id_of: HashMap<usize, AnnId> = HashMap::new();
    for (idx, ann) in spans.iter_mut().enumerate() {
        let layer = &doc.layers[ann.layer];
        ann.units.sort_by_key(|&u| u);
        if let SpanKey::Id(n) = ann.key
            && ann.units.iter().all(|u| token_ordinal.contains_key(u))
        {
            for pair in ann.units.windows(2) {
                let (a, b) = (token_ordinal[&pair[0]], token_ordinal[&pair[1]]);
                if b > a + 1 {
                    let skipped = &doc.units[token_units[a + 1]];
                    let resumed = &doc.units[pair[1]];
                    let cell = cells[pair[1]]
                        .iter()
                        .find(|c| column_owner.get(c.column).is_some_and(|o| o.0 == ann.layer))
                        .map_or(resumed.row, |c| c.span);
                    doc.parts.problems.push(
                        problem(
                            ProblemKind::BrokenSpanId,
                            cell,
                            format!(
                                "span [{n}] of layer {} breaks off after token {} and resumes at {}; a span must cover consecutive tokens",
                                layer.short_name(),
                                doc.units[pair[0]].id,
                                resumed.id
                            ),
                        )
                        .with_related(FileRole::Annotation, skipped.row, format!("token {} does not carry [{n}]", skipped.id)),
                    );
                }
            }
        }
        let first = &doc.units[ann.units[0]];
        let id = match ann.key {
            SpanKey::Id(n) => format!("{}[{n}]", layer.short_name()),
            SpanKey::Local { stack: 0, .. } => format!("{}@{}", layer.short_name(), first.id),
            SpanKey::Local { stack, .. } => format!("{}@{}/{stack}", layer.short_name(), first.id),
            SpanKey::Chain { chain, element, .. } => {
                format!("{}->{chain}-{element}", layer.short_name())
            }
        };
        ann_id_of.insert(idx, AnnId::new(&id));
    }

    for (idx, ann) in spans.iter().enumerate() {
        let layer = &doc.layers[ann.layer];
        let start = ann.units.iter().filter_map(|&u| doc.units[u].text).map(|s| s.start).min();
        let end = ann.units.iter().filter_map(|&u| doc.units[u].text).map(|s| s.end).max();
        let (Some(start), Some(end)) = (start, end) else {
            continue;
        };
        let fragment = Span { start, end };
        let label_feature = layer
            .features
            .iter()
            .position(|f| config.label_features.contains(&f.name) && f.kind != FeatureKind::ChainLinkType)
            .or_else(|| layer.features.iter().position(|f| f.kind == FeatureKind::Primitive));
        let label = label_feature
            .and_then(|f| ann.values[f].clone())
            .unwrap_or_else(|| layer.short_name().to_string());
        let mut attributes = Vec::new();
        let mut kb_refs = Vec::new();
        let mut features = Vec::new();
        for (f, feature) in layer.features.iter().enumerate() {
            features.push((feature.name.clone(), ann.values[f].clone()));
            let Some(value) = &ann.values[f] else {
                continue;
            };
            if Some(f) == label_feature {
                continue;
            }
            if config.kb_features.contains(&feature.name) {
                kb_refs.push(KbRef {
                    kb: feature.name.clone(),
                    id: value.clone(),
                    label: None,
                    span: ann.first_cell,
                });
            } else {
                attributes.push(Attribute {
                    name: feature.name.clone(),
                    value: Some(value.clone()),
                    span: ann.first_cell,
                });
            }
        }
        doc.tsv_spans.push(TsvSpan {
            span: doc.parts.spans.len(),
            layer: ann.layer,
            units: ann.units.clone(),
            file_span: doc.parts.origin.to_file(fragment),
            features,
        });
        doc.parts.spans.push(AnnotatedSpan {
            id: ann_id_of[&idx].clone(),
            label,
            fragments: vec![fragment],
            recorded_text: recorded_text([&doc.parts.text[fragment.range()]]),
            kb_refs,
            attributes,
            notes: Vec::new(),
            def_span: ann.first_cell,
        });
    }

    // Chain links: each element to the next one of its chain.
    let mut chains: HashMap<(usize, u64), Vec<(u64, usize)>> = HashMap::new();
    for (idx, ann) in spans.iter().enumerate() {
        if let SpanKey::Chain { layer, chain, element } = ann.key {
            chains.entry((layer, chain)).or_default().push((element, idx));
        }
    }
    let mut chain_keys: Vec<_> = chains.keys().copied().collect();
    chain_keys.sort_unstable();
    for key in chain_keys {
        let mut elements = chains.remove(&key).unwrap_or_default();
        elements.sort_unstable();
        for pair in elements.windows(2) {
            let from = &spans[pair[0].1];
            doc.parts.relations.push(Relation {
                id: None,
                label: from.link_label.clone().unwrap_or_else(|| doc.layers[key.0].short_name().to_string()),
                from: ann_id_of[&pair[0].1].clone(),
                to: ann_id_of[&pair[1].1].clone(),
                def_span: from.first_cell,
            });
        }
    }

    // Relations: the source is named in the target's row.
    for rel in relations {
        let layer = &doc.layers[rel.layer];
        let Some((source_unit, source_span)) = &rel.source else {
            doc.parts.problems.push(problem(
                ProblemKind::MalformedLine,
                rel.cell,
                format!(
                    "relation of layer {} in row {} has no source in its BT_ column",
                    layer.short_name(),
                    doc.units[rel.unit].id
                ),
            ));
            continue;
        };
        let base_type = layer
            .features
            .iter()
            .find(|f| f.kind == FeatureKind::RelationSource)
            .and_then(|f| f.name.strip_prefix("BT_"));
        let Some(base) = base_type.and_then(|t| doc.layers.iter().position(|l| l.type_name == t)) else {
            doc.parts.problems.push(problem(
                ProblemKind::UnknownHeader,
                layer.header,
                format!(
                    "relation layer {} attaches to {}, which the header does not declare",
                    layer.short_name(),
                    base_type.unwrap_or("nothing")
                ),
            ));
            continue;
        };
        let Some(&src_unit) = unit_ids.get(source_unit.as_str()) else {
            doc.parts.problems.push(problem(
                ProblemKind::UnknownReference,
                *source_span,
                format!(
                    "relation in row {} points at token {source_unit}, which does not exist",
                    doc.units[rel.unit].id
                ),
            ));
            continue;
        };
        let resolve = |id: u64, unit: usize| -> Result<usize, String> {
            if id > 0 {
                match by_key.get(&SpanKey::Id(id)) {
                    Some(&idx) if spans[idx].units.contains(&unit) => Ok(idx),
                    Some(_) => Err(format!("span [{id}] does not cover token {}", doc.units[unit].id)),
                    None => Err(format!("span [{id}] does not exist")),
                }
            } else {
                on_unit.get(&(unit, base)).and_then(|v| v.first().copied()).ok_or_else(|| {
                    format!(
                        "token {} has no {} annotation",
                        doc.units[unit].id,
                        doc.layers[base].short_name()
                    )
                })
            }
        };
        let (src_id, tgt_id) = rel.ids.unwrap_or((0, 0));
        match (resolve(src_id, src_unit), resolve(tgt_id, rel.unit)) {
            (Ok(from), Ok(to)) => {
                let label_feature = layer.features.iter().position(|f| f.kind == FeatureKind::Primitive);
                let label = label_feature
                    .and_then(|f| rel.values[f].clone())
                    .unwrap_or_else(|| layer.short_name().to_string());
                if let (Some(from), Some(to)) = (ann_id_of.get(&from), ann_id_of.get(&to)) {
                    doc.parts.relations.push(Relation {
                        id: None,
                        label,
                        from: from.clone(),
                        to: to.clone(),
                        def_span: rel.cell,
                    });
                }
            }
            (Err(why), _) | (_, Err(why)) => doc.parts.problems.push(problem(
                ProblemKind::UnknownReference,
                rel.cell,
                format!(
                    "relation {} in row {}: {why}",
                    quote(&tsv[rel.cell.range()]),
                    doc.units[rel.unit].id
                ),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BROKEN: &str = include_str!("../../fixtures/formats/webanno/broken.tsv");

    #[test]
    fn reads_layers_sentences_spans_and_relations() {
        let tsv = "#FORMAT=WebAnno TSV 3.3\n#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|identifier|value\n#T_RL=webanno.custom.Rel|label|BT_de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity\n\n\n#Text=Hulusi Akar met Güler 🙂 .\n1-1\t0-6\tHulusi\tQ6117580[1]\tPER[1]\t_\t_\t\n1-2\t7-11\tAkar\tQ6117580[1]\tPER[1]\t_\t_\t\n1-3\t12-15\tmet\t_\t_\t_\t_\t\n1-4\t16-21\tGüler\t*\tPER|LOC\tmet|*\t1-1[1_0]|1-1[1_0]\t\n1-5\t22-24\t🙂\t_\t_\t_\t_\t\n1-6\t25-26\t.\t_\t_\t_\t_\t\n\n#Text=Ankara\\tToday\n2-1\t27-33\tAnkara\t_\tLOC\t_\t_\t\n2-2\t34-39\tToday\t_\t_\t_\t_\t\n";
        let doc = parse(tsv);
        assert!(doc.problems().is_empty(), "{:?}", doc.problems());
        assert_eq!(doc.version(), Some((3, 3)));
        assert_eq!(doc.text(), "Hulusi Akar met Güler 🙂 .\nAnkara\tToday\n");
        let labels: Vec<(&str, &str, &str)> =
            doc.spans().iter().map(|s| (s.id.as_str(), s.label.as_str(), s.recorded_text.as_str())).collect();
        assert_eq!(
            labels,
            [
                ("NamedEntity[1]", "PER", "Hulusi Akar"),
                ("NamedEntity@1-4", "PER", "Güler"),
                ("NamedEntity@1-4/1", "LOC", "Güler"),
                ("NamedEntity@2-1", "LOC", "Ankara")
            ]
        );
        assert_eq!(doc.spans()[0].kb_refs[0].id, "Q6117580");
        assert_eq!(doc.spans()[0].kb_refs[0].kb, "identifier");
        let rels: Vec<(&str, &str, &str)> =
            doc.relations().iter().map(|r| (r.label.as_str(), r.from.as_str(), r.to.as_str())).collect();
        // Without a target id a relation attaches to the first annotation on the token, as in
        // INCEpTION (which writes ids for stacked annotations, so this is only a fallback).
        assert_eq!(
            rels,
            [("met", "NamedEntity[1]", "NamedEntity@1-4"), ("Rel", "NamedEntity[1]", "NamedEntity@1-4")]
        );
        // Spans map back into the `#Text=` lines of the file, escapes included.
        let ankara = &doc.tsv_spans()[3];
        assert_eq!(&tsv[ankara.file_span.unwrap().range()], "Ankara");
        let today = doc.text().find("Today").unwrap();
        let in_file = doc.origin().to_file(Span::new(today - 1, today + 5)).unwrap();
        assert_eq!(&tsv[in_file.range()], "\\tToday");
    }

    #[test]
    fn broken_fixture_reports_each_planted_problem() {
        let doc = parse(BROKEN);
        let found: Vec<(ProblemKind, &str)> =
            doc.problems().iter().map(|p| (p.kind, &BROKEN[p.span.range()])).collect();
        use ProblemKind::*;
        assert_eq!(
            found,
            [
                (UnknownHeader, "#Comment=made by hand"),
                (TextMismatch, "12-16"),
                (BrokenSpanId, "PER[2]"),
                (UnknownReference, "9-9[1_0]"),
                (MalformedLine, "2-2\t37-38\t."),
            ]
        );
        let messages: Vec<&str> = doc.problems().iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages[1],
            "token 1-3 is `met` but the sentence text at 12-16 is `met `; `met` occurs in the sentence at 12"
        );
        assert_eq!(
            messages[2],
            "span [2] of layer NamedEntity breaks off after token 1-4 and resumes at 1-6; a span must cover consecutive tokens"
        );
        assert_eq!(messages[3], "relation in row 2-1 points at token 9-9, which does not exist");
        assert_eq!(
            messages[4],
            "row `2-2` has 3 fields but the header declares 7 (3 token fields and 4 annotation columns)"
        );
        // What could be read is still there.
        let spans: Vec<(&str, &str)> =
            doc.spans().iter().map(|s| (s.id.as_str(), s.recorded_text.as_str())).collect();
        assert_eq!(
            spans,
            [
                ("NamedEntity[1]", "Hulusi Akar"),
                ("NamedEntity[2]", "Yaşar Güler ."),
                ("NamedEntity@2-1", "Ankara")
            ]
        );
    }

    #[test]
    fn sub_token_annotations() {
        let tsv = "#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.X|v\n\n\n#Text=Güler's car\n1-1\t0-7\tGüler's\t_\t\n1-1.1\t0-5\tGüler\tPER\t\n1-1.2\t5-7\t's\t_\t\n1-1.3\t6-9\ts c\t_\t\n1-2\t8-11\tcar\t_\t\n";
        let doc = parse(tsv);
        let spans: Vec<(&str, &str)> =
            doc.spans().iter().map(|s| (s.id.as_str(), s.recorded_text.as_str())).collect();
        assert_eq!(spans, [("X@1-1.1", "Güler")]);
        let messages: Vec<&str> = doc.problems().iter().map(|p| p.message.as_str()).collect();
        assert_eq!(messages, ["sub-token 1-1.3 at 6-9 lies outside its token, which covers 0-7"]);
        assert!(doc.units()[1].is_sub_token);
    }

    #[test]
    fn sentences_that_touch_or_leave_gaps_are_placed_like_inception() {
        let tsv = "#FORMAT=WebAnno TSV 3.2\n#T_SP=webanno.custom.X|v\n\n\n#Text=A.\n1-1\t0-2\tA.\t_\t\n\n#Text=B.\n2-1\t2-4\tB.\t_\t\n\n#Text=C.\n3-1\t10-12\tC.\tx\t\n";
        let doc = parse(tsv);
        assert!(doc.problems().is_empty(), "{:?}", doc.problems());
        assert_eq!(doc.text(), "A.B.\n     C.\n");
        assert_eq!(doc.spans()[0].recorded_text, "C.");
    }

    #[test]
    fn utf16_offsets_and_wrong_counting_are_explained() {
        let tsv = "#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.X|v\n\n\n#Text=🙂 Akar\n1-1\t0-2\t🙂\t_\t\n1-2\t2-6\tAkar\tx\t\n";
        let doc = parse(tsv);
        let messages: Vec<&str> = doc.problems().iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "token 1-2 is `Akar` but the sentence text at 2-6 is ` Aka`; the offsets would match if counted in code points instead of UTF-16 units"
            ]
        );
    }

    #[test]
    fn a_huge_offset_is_an_error_not_an_allocation() {
        let tsv = "#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.X|v\n\n\n#Text=A\n1-1\t0-1\tA\t_\t\n\n#Text=B\n2-1\t999999999999-1000000000000\tB\tx\t\n";
        let doc = parse(tsv);
        assert_eq!(doc.text(), "A\nB\n");
        let messages: Vec<&str> = doc.problems().iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            ["sentence 2 starts at 999999999999, 999999999997 units after the text before it ends"]
        );
        // The sentence is read where the text ends, its tokens relative to it.
        assert_eq!(doc.spans()[0].recorded_text, "B");
    }

    #[test]
    fn a_token_that_is_not_at_its_offsets_is_looked_for_nearby_only() {
        let text = format!("Akar {} Akar", "x".repeat(3 * NEAREST_WINDOW));
        assert_eq!(nearest_occurrence(&text, "Akar", 3), Some(0));
        assert_eq!(nearest_occurrence(&text, "Akar", text.len() - 2), Some(text.len() - 4));
        assert_eq!(nearest_occurrence(&text, "Akar", text.len() / 2), None, "too far either way");
        assert_eq!(nearest_occurrence(&text, "", 0), None);
    }

    #[test]
    fn offsets_and_ids_too_large_never_wrap() {
        // 2^63 and 2^64 - 1 once wrapped to negative offsets in the sentence arithmetic.
        for offsets in
            ["0-9223372036854775808", "9223372036854775807-9223372036854775807", "1-18446744073709551615"]
        {
            let tsv = format!("#FORMAT=WebAnno TSV 3.3\n\n\n#Text=Akar\n1-1\t{offsets}\tAkar\t\n");
            let doc = parse(&tsv);
            assert!(!doc.problems().is_empty(), "{offsets}");
        }
    }

    #[test]
    fn garbage_never_panics() {
        let pieces = [
            "#FORMAT=WebAnno TSV 3.3\n",
            "#T_SP=a.B|v|identifier\n",
            "#T_RL=a.R|l|BT_a.B\n",
            "#T_CH=a.C|referenceType|referenceRelation\n",
            "#Text=",
            "Akar 🙂",
            "\n",
            "\t",
            "1-1",
            "1-2.1",
            "0-4",
            "5-2",
            "x[1]",
            "y[2]|z[3]",
            "*",
            "_",
            "1-1[1_2]",
            "[",
            "]",
            "\\",
            "|",
            "->1-1",
            "*->2-3",
            "99999999999999999999",
        ];
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..3000 {
            let mut tsv = String::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let n = (state % 60) as usize;
            for _ in 0..n {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                tsv.push_str(pieces[(state % pieces.len() as u64) as usize]);
            }
            let doc = parse(&tsv);
            for p in doc.problems() {
                assert!(tsv.get(p.span.range()).is_some(), "{p:?} in {tsv:?}");
            }
            for s in doc.spans() {
                assert!(doc.text().get(s.fragments[0].range()).is_some());
            }
            for t in doc.tsv_spans() {
                if let Some(f) = t.file_span {
                    assert!(tsv.get(f.range()).is_some());
                }
            }
        }
    }
}
