//! The format-independent view of a brat document: spans with their attributes, norms and notes; relations, event arguments and equivalences.

use super::*;

/// The format-independent view: text-bound annotations with their attributes, norms and
/// notes; relations, event arguments and equivalences as relations between text spans.
pub(super) fn common_view(
    records: &[Record],
    ids: &HashMap<&str, usize>,
) -> (Vec<AnnotatedSpan>, Vec<Relation>) {
    // Attributes, norms and notes on an event attach to its trigger span.
    let span_id = |id: &AnnId| -> Option<AnnId> {
        let record = &records[*ids.get(id.as_str())?];
        match &record.body {
            RecordBody::TextBound(_) => Some(id.clone()),
            RecordBody::Event(ev) => Some(ev.trigger.target.clone()),
            _ => None,
        }
    };
    let mut spans: Vec<AnnotatedSpan> = Vec::new();
    let mut by_id: HashMap<AnnId, usize> = HashMap::new();
    for record in records {
        let (Some(id), RecordBody::TextBound(tb)) = (&record.id, &record.body) else {
            continue;
        };
        let Some(fragments) = tb.fragments.iter().map(|f| f.bytes).collect::<Option<Vec<Span>>>() else {
            continue;
        };
        // brat rejects a line whose fragments overlap (it is reported): it annotates no text,
        // and its pieces joined could be the text many times over.
        if fragments.is_empty() || by_id.contains_key(id) || !overlapping_fragments(&tb.fragments).is_empty()
        {
            continue;
        }
        by_id.insert(id.clone(), spans.len());
        spans.push(AnnotatedSpan {
            id: id.clone(),
            label: tb.ty.value.clone(),
            fragments,
            recorded_text: tb.text.as_ref().map(|t| t.value.trim_end().to_string()).unwrap_or_default(),
            kb_refs: Vec::new(),
            attributes: Vec::new(),
            notes: Vec::new(),
            def_span: record.line,
        });
    }
    let mut relations = Vec::new();
    for record in records {
        let target_span = |r: &Ref| span_id(&r.target).and_then(|id| by_id.get(&id).copied());
        match &record.body {
            RecordBody::Attribute(a) => {
                if let Some(i) = target_span(&a.target) {
                    let span = a.value.as_ref().map_or(a.name.span, |v| a.name.span.cover(v.span));
                    spans[i].attributes.push(Attribute {
                        name: a.name.value.clone(),
                        value: a.value.as_ref().map(|v| v.value.clone()),
                        span,
                    });
                }
            }
            RecordBody::Normalization(n) => {
                if let Some(i) = target_span(&n.target) {
                    spans[i].kb_refs.push(KbRef {
                        kb: n.kb.clone(),
                        id: n.kb_id.clone(),
                        label: n.label.as_ref().map(|l| l.value.clone()).filter(|l| !l.is_empty()),
                        span: n.reference_span,
                    });
                }
            }
            RecordBody::Note(n) => {
                if let Some(i) = target_span(&n.target) {
                    spans[i].notes.push(Note { text: n.text.value.clone(), span: n.text.span });
                }
            }
            RecordBody::Relation(rel) => {
                if let (Some(from), Some(to)) = (span_id(&rel.args[0].target), span_id(&rel.args[1].target)) {
                    relations.push(Relation {
                        id: record.id.clone(),
                        label: rel.ty.value.clone(),
                        from,
                        to,
                        def_span: record.line,
                    });
                }
            }
            RecordBody::Event(ev) => {
                for arg in &ev.args {
                    if let (Some(from), Some(to)) = (span_id(&ev.trigger.target), span_id(&arg.target)) {
                        relations.push(Relation {
                            id: record.id.clone(),
                            label: arg.role.clone(),
                            from,
                            to,
                            def_span: arg.span,
                        });
                    }
                }
            }
            RecordBody::Equiv(eq) => {
                for pair in eq.members.windows(2) {
                    if let (Some(from), Some(to)) = (span_id(&pair[0].target), span_id(&pair[1].target)) {
                        relations.push(Relation {
                            id: None,
                            label: eq.ty.value.clone(),
                            from,
                            to,
                            def_span: record.line,
                        });
                    }
                }
            }
            RecordBody::TextBound(_) | RecordBody::Unparsed => {}
        }
    }
    (spans, relations)
}
