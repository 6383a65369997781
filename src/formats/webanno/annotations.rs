//! The annotations of a document's cells: spans (single and stacked, across tokens) and relations, linked to KB ids where the config says.

use super::*;

/// How a span annotation is identified across rows.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(super) enum SpanKey {
    /// `[n]`: ids are unique in the document, across layers.
    Id(u64),
    /// No id: one unit, one stacking position.
    Local { unit: usize, layer: usize, stack: usize },
    /// A chain element `->chain-element`.
    Chain { layer: usize, chain: u64, element: u64 },
}

pub(super) struct SpanAnn {
    pub(super) key: SpanKey,
    pub(super) layer: usize,
    pub(super) units: Vec<usize>,
    pub(super) values: Vec<Option<String>>,
    pub(super) first_cell: Span,
    pub(super) link_label: Option<String>,
}

pub(super) struct RelAnn {
    pub(super) layer: usize,
    pub(super) unit: usize,
    pub(super) values: Vec<Option<String>>,
    pub(super) source: Option<(String, Span)>,
    pub(super) ids: Option<(u64, u64)>,
    pub(super) cell: Span,
}

pub(super) fn annotations(
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
