//! Queries on annotated documents: what an annotated span is (hover), where it is defined
//! (the `.ann` line, the span in the `.txt`, the KB entry, the `annotation.conf`
//! declaration), and the outline of an annotation file ([`Snapshot::annotation_symbols`]).
//!
//! In a brat `.txt`, an annotated span's hover shows the annotation (type, attributes,
//! notes, normalization) and, when it is linked, the entity card; definition goes to its
//! `.ann` line. In the `.ann`: hover on a line shows the text it annotates; definition goes
//! from a `T` line to its text (from its id to the KB entry when it is linked, from its type
//! to `annotation.conf`), from an id reference (`Arg1:T3`) to that id's line, and from an
//! `N` line's reference to the KB entry. WebAnno TSV and CoNLL-U hold their text: spans are
//! found where their text is written (`#Text=`, `# text =`).

use std::fmt::Write;

use super::annotation::AnnotationAnalysis;
use super::{DocumentSymbol, FileSpan, HoverResult, NavTarget, Snapshot, SymbolKind};
use crate::corpus::{FileId, FileKind};
use crate::formats::brat::{Record, RecordBody, Ref};
use crate::formats::brat_conf::Section;
use crate::formats::{AnnotatedDocument, AnnotatedSpan, Format};
use crate::kb::EntityId;
use crate::mentions::annotated::{LinkVia, RefTarget};
use crate::span::Span;

/// What an entry of an annotation file's outline is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AnnotationSymbolKind {
    /// A text-bound annotation: a brat `T` line, a WebAnno or CoNLL-U span.
    Span,
    Relation,
    Event,
    Attribute,
    Normalization,
    Note,
    Equivalence,
}

/// An annotated span under the cursor.
struct SpanHit<'a> {
    analysis: &'a AnnotationAnalysis,
    /// Index into the document's spans.
    index: usize,
    /// Where the span is in the file asked about.
    at: Span,
}

impl Snapshot {
    /// The outline of an annotation file (its document symbols): for brat, one symbol per line in file order
    /// (attributes, normalizations and notes under the annotation they qualify); for
    /// WebAnno TSV and CoNLL-U, one per annotated span, where its text is written. Empty for
    /// other files.
    pub fn annotation_symbols(&self, file: FileId) -> Vec<DocumentSymbol> {
        let Some(analysis) = self.annotation(file) else { return Vec::new() };
        let Some(doc) = analysis.document() else { return Vec::new() };
        if let Some(brat) = analysis.brat() {
            return brat_symbols(brat.records(), doc);
        }
        let origin = doc.origin();
        doc.spans()
            .iter()
            .filter_map(|span| {
                let hull = span.hull()?;
                let at = origin.to_file(hull)?;
                Some(DocumentSymbol {
                    name: crate::checks::one_line(&doc.text()[hull.range()]),
                    detail: Some(span.label.clone()),
                    kind: SymbolKind::Annotation(AnnotationSymbolKind::Span),
                    span: at,
                    selection: at,
                    children: Vec::new(),
                })
            })
            .collect()
    }

    /// The annotated spans covering `offset` in a brat `.txt` or in a file holding its own
    /// text, innermost first.
    fn annotated_spans_at(&self, file: FileId, offset: usize) -> Vec<SpanHit<'_>> {
        let mut out = Vec::new();
        if let Some(ann) = self.article(file).and_then(|a| a.annotations)
            && let Some(analysis) = self.annotation(ann)
            && let Some(doc) = analysis.document()
        {
            for (index, span) in doc.spans().iter().enumerate() {
                if let Some(at) = span.fragments.iter().find(|f| f.touches(offset)) {
                    out.push(SpanHit { analysis, index, at: *at });
                }
            }
        } else if let Some(analysis) = self.annotation(file)
            && analysis.brat().is_none()
            && let Some(doc) = analysis.document()
        {
            let origin = doc.origin();
            let Some(text_offset) = origin.text_offset(offset) else { return out };
            for (index, span) in doc.spans().iter().enumerate() {
                let Some(fragment) = span.fragments.iter().find(|f| f.touches(text_offset)) else { continue };
                if let Some(at) = origin.to_file(*fragment).filter(|at| at.touches(offset)) {
                    out.push(SpanHit { analysis, index, at });
                }
            }
        }
        out.sort_by_key(|hit| span_len(hit));
        out
    }

    /// The brat line under `offset` in a `.ann`.
    fn record_at(&self, file: FileId, offset: usize) -> Option<(&AnnotationAnalysis, &Record)> {
        let analysis = self.annotation(file)?;
        let records = analysis.brat()?.records();
        let idx = records.partition_point(|r| (r.line.end as usize) < offset);
        let record = records.get(idx).filter(|r| r.line.touches(offset))?;
        Some((analysis, record))
    }

    /// The KB entity named at `offset` in an annotation file: a linked `T` line's id, an `N`
    /// line's reference, a linked span in a WebAnno or CoNLL-U file.
    pub(super) fn annotation_entity_at(&self, file: FileId, offset: usize) -> Option<(EntityId, Span)> {
        match self.source(file)?.kind {
            FileKind::Annotation(Format::Brat) => {
                let (analysis, record) = self.record_at(file, offset)?;
                match &record.body {
                    RecordBody::TextBound(_) if record.id_span.touches(offset) => {
                        let index = analysis.span_index(record.id.as_ref()?.as_str())?;
                        Some((analysis.links.get(index).copied().flatten()?.entity, record.id_span))
                    }
                    RecordBody::Normalization(n) if n.reference_span.touches(offset) => {
                        let reference = crate::formats::KbRef {
                            kb: n.kb.clone(),
                            id: n.kb_id.clone(),
                            label: None,
                            span: n.reference_span,
                        };
                        match self.kb.matcher.xrefs().target(&reference, self.kb()) {
                            RefTarget::Entity(entity) => Some((entity, n.reference_span)),
                            _ => None,
                        }
                    }
                    _ => None,
                }
            }
            FileKind::Annotation(_) => {
                let mention = self.annotation(file)?.mentions.at(offset)?;
                Some((mention.entity, mention.span))
            }
            _ => None,
        }
    }

    /// Where the annotation under `offset` is defined: from a brat `.txt` to the `.ann`
    /// line; within the `.ann`, as the module documentation says.
    pub(super) fn annotation_definition(&self, file: FileId, offset: usize) -> Option<NavTarget> {
        if let Some(hit) = self.annotated_spans_at(file, offset).first()
            && let Some(brat) = hit.analysis.brat()
        {
            let span = hit.analysis.document()?.spans().get(hit.index)?;
            let record = brat.record(span.id.as_str())?;
            let ann = self.annotation_file_of(file)?;
            return Some(NavTarget { file: ann, focus: record.id_span, full: record.line });
        }
        let (analysis, record) = self.record_at(file, offset)?;
        let brat = analysis.brat()?;
        // An id reference goes to that id's line.
        if let Some(target) = record_refs(record).into_iter().find(|r| r.target_span.touches(offset)) {
            let line = brat.record(target.target.as_str())?;
            return Some(NavTarget { file, focus: line.id_span, full: line.line });
        }
        if let Some((entity, _)) = self.annotation_entity_at(file, offset) {
            let origin = self.kb().entity(entity).origin;
            return Some(NavTarget { file: origin.file, focus: origin.id, full: origin.table });
        }
        let RecordBody::TextBound(tb) = &record.body else { return None };
        if tb.ty.span.touches(offset)
            && let Some((conf_file, conf)) = &analysis.conf
            && let Some(decl) = [Section::Entities, Section::Events]
                .into_iter()
                .find_map(|section| conf.lookup(section, &tb.ty.value))
        {
            return Some(NavTarget { file: *conf_file, focus: decl.span, full: decl.span });
        }
        let text_file = analysis.text_file?;
        let fragments: Vec<Span> = tb.fragments.iter().filter_map(|f| f.bytes).collect();
        let first = *fragments.first()?;
        let full = fragments.iter().copied().reduce(Span::cover).unwrap_or(first);
        Some(NavTarget { file: text_file, focus: first, full })
    }

    /// Every place an annotation id is used in its `.ann` (its own line first) and the text
    /// it annotates, for references on an id that names no KB entity.
    pub(super) fn annotation_references(&self, file: FileId, offset: usize) -> Vec<FileSpan> {
        let Some((analysis, record)) = self.record_at(file, offset) else { return Vec::new() };
        let Some(brat) = analysis.brat() else { return Vec::new() };
        let id = if record.id_span.touches(offset) {
            record.id.clone()
        } else {
            record_refs(record).into_iter().find(|r| r.target_span.touches(offset)).map(|r| r.target.clone())
        };
        let Some(id) = id else { return Vec::new() };
        let mut out = Vec::new();
        if let Some(line) = brat.record(id.as_str()) {
            out.push(FileSpan { file, span: line.id_span });
            if let (RecordBody::TextBound(tb), Some(text_file)) = (&line.body, analysis.text_file) {
                out.extend(
                    tb.fragments.iter().filter_map(|f| Some(FileSpan { file: text_file, span: f.bytes? })),
                );
            }
        }
        for other in brat.records() {
            for r in record_refs(other) {
                if r.target == id {
                    out.push(FileSpan { file, span: r.target_span });
                }
            }
        }
        out
    }

    /// The hover of an annotated span (in a `.txt`, TSV or CoNLL-U file) or of a `.ann`
    /// line.
    pub(super) fn annotation_hover(&self, file: FileId, offset: usize) -> Option<HoverResult> {
        let hits = self.annotated_spans_at(file, offset);
        if let Some(first) = hits.first() {
            let mut md = String::new();
            for hit in &hits {
                if !md.is_empty() {
                    md.push_str("\n\n");
                }
                md.push_str(&self.span_card(hit.analysis, hit.index, file));
            }
            let linked =
                hits.iter().find_map(|h| Some((h, h.analysis.links.get(h.index).copied().flatten()?)));
            let entity = linked.map(|(_, link)| link.entity).or_else(|| {
                let mention = self.article(file)?.mentions.at(offset)?;
                Some(mention.entity)
            });
            if let Some(entity) = entity
                && let Some(card) = self.entity_hover(file, entity, first.at, None)
            {
                let _ = write!(md, "\n\n---\n\n{}", card.markdown);
            }
            return Some(HoverResult { span: first.at, markdown: md });
        }
        let (analysis, record) = self.record_at(file, offset)?;
        let doc = analysis.document()?;
        let text_file = analysis.text_file.unwrap_or(file);
        // On an id reference: the card of what it names.
        if let Some(target) = record_refs(record).into_iter().find(|r| r.target_span.touches(offset))
            && let Some(index) = analysis.span_index(target.target.as_str())
        {
            let mut md = self.span_card(analysis, index, file);
            if let Some(link) = analysis.links.get(index).copied().flatten()
                && let Some(card) = self.entity_hover(text_file, link.entity, target.target_span, None)
            {
                let _ = write!(md, "\n\n---\n\n{}", card.markdown);
            }
            return Some(HoverResult { span: target.target_span, markdown: md });
        }
        let who = |id: &crate::formats::AnnId| describe_id(analysis, id);
        let owner = record.id.as_ref().map_or("*".to_owned(), |id| id.to_string());
        let (md, entity) = match &record.body {
            RecordBody::TextBound(tb) => {
                let index = record.id.as_ref().and_then(|id| analysis.span_index(id.as_str()));
                let mut md = match index {
                    Some(index) => self.span_card(analysis, index, file),
                    None => format!("**{owner}** · `{}`, not placed in the text", tb.ty.value),
                };
                if let (Some(index), Some(recorded)) = (index, &tb.text) {
                    let span = &doc.spans()[index];
                    let actual = fragments_text(doc, span);
                    if actual != recorded.value.trim_end() {
                        let _ = write!(md, "\n\nThe line records `{}`.", recorded.value.trim_end());
                    }
                }
                (md, index.and_then(|i| analysis.links.get(i).copied().flatten()).map(|l| l.entity))
            }
            RecordBody::Relation(rel) => (
                format!(
                    "**{owner}** · `{}` relation: {} → {}",
                    rel.ty.value,
                    who(&rel.args[0].target),
                    who(&rel.args[1].target)
                ),
                None,
            ),
            RecordBody::Event(ev) => {
                let args: Vec<String> =
                    ev.args.iter().map(|a| format!("{} {}", a.role, who(&a.target))).collect();
                let mut md =
                    format!("**{owner}** · `{}` event, trigger {}", ev.ty.value, who(&ev.trigger.target));
                if !args.is_empty() {
                    let _ = write!(md, ": {}", args.join(", "));
                }
                (md, None)
            }
            RecordBody::Attribute(attr) => {
                let value = attr.value.as_ref().map(|v| format!(" = `{}`", v.value)).unwrap_or_default();
                (
                    format!(
                        "**{owner}** · attribute `{}`{value} on {}",
                        attr.name.value,
                        who(&attr.target.target)
                    ),
                    None,
                )
            }
            RecordBody::Normalization(n) => {
                let reference = crate::formats::KbRef {
                    kb: n.kb.clone(),
                    id: n.kb_id.clone(),
                    label: n.label.as_ref().map(|l| l.value.clone()),
                    span: n.reference_span,
                };
                let target = self.kb.matcher.xrefs().target(&reference, self.kb());
                let md = format!(
                    "**{owner}** · normalization of {}: {}",
                    who(&n.target.target),
                    self.describe_reference(&reference, target)
                );
                let entity = match target {
                    RefTarget::Entity(entity) => Some(entity),
                    _ => None,
                };
                (md, entity)
            }
            RecordBody::Note(note) => {
                (format!("**{owner}** · note on {}: {}", who(&note.target.target), note.text.value), None)
            }
            RecordBody::Equiv(eq) => {
                let members: Vec<String> = eq.members.iter().map(|m| who(&m.target)).collect();
                (format!("**equivalence** · `{}`: {}", eq.ty.value, members.join(", ")), None)
            }
            RecordBody::Unparsed => return None,
        };
        let mut md = md;
        if let Some(entity) = entity
            && let Some(card) = self.entity_hover(text_file, entity, record.line, None)
        {
            let _ = write!(md, "\n\n---\n\n{}", card.markdown);
        }
        Some(HoverResult { span: record.line, markdown: md })
    }

    /// The annotation card: its text, type, id and file, attributes, notes, references.
    fn span_card(&self, analysis: &AnnotationAnalysis, index: usize, asked_in: FileId) -> String {
        let Some(doc) = analysis.document() else { return String::new() };
        let Some(span) = doc.spans().get(index) else { return String::new() };
        let mut md = format!("**`{}`** · `{}` annotation {}", fragments_text(doc, span), span.label, span.id);
        let ann_file = self.annotation_file_of(asked_in);
        if let Some(name) = ann_file.filter(|&f| f != asked_in).and_then(|f| self.path(f)?.file_name()) {
            let _ = write!(md, " in {}", name.to_string_lossy());
        }
        if analysis.brat().is_some() && analysis.text_file.is_some_and(|t| t != asked_in) {
            if let Some(name) = analysis.text_file.and_then(|f| self.path(f)?.file_name()) {
                let _ = write!(
                    md,
                    ", the text at {} of {}",
                    char_range(doc.text(), span),
                    name.to_string_lossy()
                );
            }
        }
        if span.fragments.len() > 1 {
            let _ = write!(md, " ({} fragments)", span.fragments.len());
        }
        if !span.attributes.is_empty() {
            let attrs: Vec<String> = span
                .attributes
                .iter()
                .map(|a| match &a.value {
                    Some(value) => format!("`{}` = `{value}`", a.name),
                    None => format!("`{}`", a.name),
                })
                .collect();
            let _ = write!(md, "\n\nAttributes: {}", attrs.join(", "));
        }
        for note in &span.notes {
            let _ = write!(md, "\n\nNote: {}", note.text);
        }
        for reference in &span.kb_refs {
            let target = self.kb.matcher.xrefs().target(reference, self.kb());
            let _ = write!(md, "\n\nNormalization: {}", self.describe_reference(reference, target));
        }
        if let Some(link) = analysis.links.get(index).copied().flatten()
            && link.via == LinkVia::Text
        {
            let key = &self.kb().entity(link.entity).key;
            let _ = write!(md, "\n\nLinked to the KB entry `{key}` by its text.");
        }
        md
    }

    /// `Wikidata:Q123` (label) and what it is to this KB.
    fn describe_reference(&self, reference: &crate::formats::KbRef, target: RefTarget) -> String {
        let label = reference.label.as_ref().map(|l| format!(" ({l})")).unwrap_or_default();
        let what = match target {
            RefTarget::Entity(entity) => format!("the KB entry `{}`", self.kb().entity(entity).key),
            RefTarget::UnknownKbId => "not an id in the KB".to_owned(),
            RefTarget::Nil => "no entry".to_owned(),
            RefTarget::External => "not listed in the KB's `xrefs`".to_owned(),
        };
        format!("`{}:{}`{label}: {what}", reference.kb, reference.id)
    }

    /// The annotation file whose spans are in `file`: a brat `.txt`'s `.ann`, or the file.
    fn annotation_file_of(&self, file: FileId) -> Option<FileId> {
        match self.article(file) {
            Some(article) => article.annotations,
            None => self.annotation(file).map(|_| file),
        }
    }
}

fn span_len(hit: &SpanHit<'_>) -> usize {
    hit.analysis
        .document()
        .and_then(|d| d.spans().get(hit.index))
        .and_then(AnnotatedSpan::hull)
        .map_or(usize::MAX, |h| h.len())
}

/// The text an annotation covers, fragments joined by a space, on one line.
fn fragments_text(doc: &dyn AnnotatedDocument, span: &AnnotatedSpan) -> String {
    let pieces: Vec<&str> = span.fragments.iter().filter_map(|f| doc.text().get(f.range())).collect();
    crate::checks::one_line(&pieces.join(" "))
}

/// `0..11`, in characters, as brat counts offsets.
fn char_range(text: &str, span: &AnnotatedSpan) -> String {
    let count = |byte: u32| text.get(..byte as usize).map_or(0, |t| t.chars().count());
    span.fragments
        .iter()
        .map(|f| format!("{}..{}", count(f.start), count(f.end)))
        .collect::<Vec<_>>()
        .join(";")
}

/// `T3 `Ankara``: an id with the text it annotates, when it annotates text.
fn describe_id(analysis: &AnnotationAnalysis, id: &crate::formats::AnnId) -> String {
    let text = analysis
        .span_index(id.as_str())
        .and_then(|i| Some(fragments_text(analysis.document()?, &analysis.document()?.spans()[i])));
    match text {
        Some(text) => format!("{id} `{text}`"),
        None => id.to_string(),
    }
}

/// The ids a brat line refers to.
fn record_refs(record: &Record) -> Vec<&Ref> {
    match &record.body {
        RecordBody::Relation(rel) => rel.args.iter().collect(),
        RecordBody::Event(ev) => std::iter::once(&ev.trigger).chain(&ev.args).collect(),
        RecordBody::Attribute(attr) => vec![&attr.target],
        RecordBody::Normalization(n) => vec![&n.target],
        RecordBody::Note(note) => vec![&note.target],
        RecordBody::Equiv(eq) => eq.members.iter().collect(),
        RecordBody::TextBound(_) | RecordBody::Unparsed => Vec::new(),
    }
}

/// The outline of a `.ann`: `T`, `R`, `E` and `*` lines in order; `A`, `N` and `#` lines
/// under the annotation they qualify when it is in the outline.
fn brat_symbols(records: &[Record], doc: &dyn AnnotatedDocument) -> Vec<DocumentSymbol> {
    let mut out: Vec<DocumentSymbol> = Vec::new();
    let mut by_id: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let spans: std::collections::HashMap<&str, &AnnotatedSpan> =
        doc.spans().iter().map(|s| (s.id.as_str(), s)).collect();
    for record in records {
        let id = record.id.as_ref().map_or("*", |id| id.as_str());
        let symbol = |name: String, detail: Option<String>, kind| DocumentSymbol {
            name,
            detail,
            kind: SymbolKind::Annotation(kind),
            span: record.line,
            selection: record.id_span,
            children: Vec::new(),
        };
        let (symbol, parent) = match &record.body {
            RecordBody::TextBound(tb) => {
                let text = match spans.get(id) {
                    Some(span) => fragments_text(doc, span),
                    None => tb.text.as_ref().map(|t| t.value.trim_end().to_owned()).unwrap_or_default(),
                };
                (symbol(format!("{id} {text}"), Some(tb.ty.value.clone()), AnnotationSymbolKind::Span), None)
            }
            RecordBody::Relation(rel) => (
                symbol(
                    format!("{id} {}", rel.ty.value),
                    Some(format!("{} → {}", rel.args[0].target, rel.args[1].target)),
                    AnnotationSymbolKind::Relation,
                ),
                None,
            ),
            RecordBody::Event(ev) => (
                symbol(
                    format!("{id} {}", ev.ty.value),
                    Some(format!("trigger {}", ev.trigger.target)),
                    AnnotationSymbolKind::Event,
                ),
                None,
            ),
            RecordBody::Equiv(eq) => {
                let members: Vec<String> = eq.members.iter().map(|m| m.target.to_string()).collect();
                (
                    symbol(
                        format!("* {}", eq.ty.value),
                        Some(members.join(" = ")),
                        AnnotationSymbolKind::Equivalence,
                    ),
                    None,
                )
            }
            RecordBody::Attribute(attr) => {
                let value = attr.value.as_ref().map(|v| format!(" = {}", v.value)).unwrap_or_default();
                (
                    symbol(
                        format!("{id} {}{value}", attr.name.value),
                        Some(format!("on {}", attr.target.target)),
                        AnnotationSymbolKind::Attribute,
                    ),
                    Some(attr.target.target.as_str()),
                )
            }
            RecordBody::Normalization(n) => (
                symbol(
                    format!("{id} {}:{}", n.kb, n.kb_id),
                    n.label.as_ref().map(|l| l.value.clone()).filter(|l| !l.is_empty()),
                    AnnotationSymbolKind::Normalization,
                ),
                Some(n.target.target.as_str()),
            ),
            RecordBody::Note(note) => (
                symbol(format!("{id} {}", note.text.value), None, AnnotationSymbolKind::Note),
                Some(note.target.target.as_str()),
            ),
            RecordBody::Unparsed => continue,
        };
        match parent.and_then(|p| by_id.get(p).copied()) {
            Some(at) => out[at].children.push(symbol),
            None => {
                if parent.is_none() && id != "*" {
                    by_id.entry(id).or_insert(out.len());
                }
                out.push(symbol);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::analysis::host::test_corpus as host;

    /// `name (detail) [children]` per symbol, and the text of its selection.
    fn outline(symbols: &[DocumentSymbol], text: &str) -> Vec<String> {
        symbols
            .iter()
            .map(|s| {
                let children: Vec<String> = outline(&s.children, text);
                let detail = s.detail.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
                let kids =
                    if children.is_empty() { String::new() } else { format!(" [{}]", children.join("; ")) };
                format!("{}{detail} @{}{kids}", s.name, &text[s.selection.range()])
            })
            .collect()
    }

    #[test]
    fn brat_outline_nests_attributes_norms_and_notes_under_their_annotation() {
        let ann = "T1\tPerson 0 11\tHulusi Akar\nT2\tGPE 16 22\tAnkara\nA1\tRole T1 Minister\nN1\tReference T1 Wikidata:Q1\tHulusi Akar\nR1\tLocated Arg1:T1 Arg2:T2\n#1\tAnnotatorNotes T2\tcapital\n*\tAlias T1 T2\nT3\tMeet 12 15\tmet\nE1\tMeet:T3 Who:T1\n";
        let (dir, host) = host(&[("a.txt", "Hulusi Akar met Ankara.\n"), ("a.ann", ann)]);
        let snapshot = host.snapshot();
        let file = snapshot.file_id(&dir.path().join("a.ann")).unwrap();
        assert_eq!(
            outline(&snapshot.annotation_symbols(file), ann),
            [
                "T1 Hulusi Akar (Person) @T1 [A1 Role = Minister (on T1) @A1; N1 Wikidata:Q1 (Hulusi Akar) @N1]",
                "T2 Ankara (GPE) @T2 [#1 capital @#1]",
                "R1 Located (T1 → T2) @R1",
                "* Alias (T1 = T2) @*",
                "T3 met (Meet) @T3",
                "E1 Meet (trigger T3) @E1",
            ]
        );
        let txt = snapshot.file_id(&dir.path().join("a.txt")).unwrap();
        assert!(snapshot.annotation_symbols(txt).is_empty(), "a .txt has no annotation outline");
    }

    #[test]
    fn webanno_outline_points_into_the_text_lines() {
        let tsv = "#FORMAT=WebAnno TSV 3.3\n#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|value\n\n\n#Text=Hulusi Akar met Yaşar Güler .\n1-1\t0-6\tHulusi\tPER[1]\t\n1-2\t7-11\tAkar\tPER[1]\t\n1-3\t12-15\tmet\t_\t\n1-4\t16-21\tYaşar\tPER[2]\t\n1-5\t22-27\tGüler\tPER[2]\t\n1-6\t28-29\t.\t_\t\n";
        let (dir, host) = host(&[("a.tsv", tsv), ("other.tsv", "id\tname\n1\tAnkara\n")]);
        let snapshot = host.snapshot();
        let file = snapshot.file_id(&dir.path().join("a.tsv")).unwrap();
        assert_eq!(
            outline(&snapshot.annotation_symbols(file), tsv),
            ["Hulusi Akar (PER) @Hulusi Akar", "Yaşar Güler (PER) @Yaşar Güler"]
        );
        // A TSV file that is not WebAnno is part of the corpus but not read.
        let other = snapshot.file_id(&dir.path().join("other.tsv")).unwrap();
        assert!(snapshot.annotation_symbols(other).is_empty());
        assert!(snapshot.findings(other).is_empty());
    }
}
