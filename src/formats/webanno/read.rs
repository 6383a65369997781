//! Reading a TSV file line by line: the header (format, layers), the sentences and their rows.

use super::*;

pub(super) fn problem(kind: ProblemKind, span: Span, message: String) -> Problem {
    Problem::new(kind, FileRole::Annotation, span, message)
}

/// A sentence being read: its header lines, then its rows.
#[derive(Default)]
pub(super) struct PendingSentence {
    pub(super) id: Option<String>,
    pub(super) text_lines: Vec<Span>,
    pub(super) rows: Vec<Span>,
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

pub(super) fn parse_format(line: &str) -> Option<(u32, u32)> {
    let rest = line.strip_prefix("#FORMAT=")?;
    let (_, version) = rest.rsplit_once(' ')?;
    let (major, minor) = version.split_once('.')?;
    Some((major.parse().ok()?, minor.parse().ok()?))
}

pub(super) fn parse_layer(kind: LayerKind, decl: &str, line: Span, column_count: &mut usize) -> Layer {
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
pub(super) struct TextBuilder {
    pub(super) text: String,
    pub(super) len16: u64,
    pub(super) origin: TextOrigin,
}

impl TextBuilder {
    pub(super) fn push_added(&mut self, s: &str) {
        self.text.push_str(s);
        self.len16 += s.encode_utf16().count() as u64;
    }
}

/// One annotation cell of a row: its column, raw text and place in the `.tsv`.
pub(super) struct Cell {
    pub(super) unit: usize,
    pub(super) column: usize,
    pub(super) span: Span,
}

/// What reading the sentences builds up besides the document itself.
pub(super) struct Body {
    pub(super) column_count: usize,
    pub(super) version: (u32, u32),
    pub(super) builder: TextBuilder,
    /// Row index of each token id, for relation sources.
    pub(super) unit_ids: HashMap<String, usize>,
    /// The non-empty annotation cells of each row, read once all rows are known.
    pub(super) cells: Vec<Vec<Cell>>,
}
