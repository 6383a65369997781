//! Checks across records: unique ids, references that resolve to the right kind, types and overlaps as `annotation.conf` declares them.

use super::*;

/// Which record each id names; reports duplicates.
pub(super) fn index_ids<'a>(records: &'a [Record], problems: &mut Vec<Problem>) -> HashMap<&'a str, usize> {
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for (idx, record) in records.iter().enumerate() {
        let Some(id) = &record.id else { continue };
        match ids.get(id.as_str()) {
            Some(&first) => problems.push(
                Problem::new(
                    ProblemKind::DuplicateId,
                    FileRole::Annotation,
                    record.id_span,
                    format!("{id} is defined twice"),
                )
                .with_related(
                    FileRole::Annotation,
                    records[first].line,
                    format!("the first {id}"),
                ),
            ),
            None => {
                ids.insert(id.as_str(), idx);
            }
        }
    }
    ids
}

pub(super) fn owner(record: &Record) -> &str {
    record.id.as_ref().map_or("the equivalence", |id| id.as_str())
}

pub(super) fn check_references(records: &[Record], ids: &HashMap<&str, usize>, problems: &mut Vec<Problem>) {
    let lookup = |r: &Ref| ids.get(r.target.as_str()).map(|&i| &records[i]);
    for record in records {
        let who = owner(record);
        let mut refs: Vec<(&Ref, &[char])> = Vec::new();
        match &record.body {
            RecordBody::Relation(rel) => refs.extend(rel.args.iter().map(|a| (a, &['T', 'E'][..]))),
            RecordBody::Event(ev) => {
                refs.extend(ev.args.iter().map(|a| (a, &['T', 'E'][..])));
                match lookup(&ev.trigger) {
                    None => problems.push(unknown(who, &ev.trigger, "trigger")),
                    Some(target) => match &target.body {
                        RecordBody::TextBound(tb) if tb.ty.value == ev.ty.value => {}
                        RecordBody::TextBound(tb) => problems.push(
                            Problem::new(
                                ProblemKind::InvalidReference,
                                FileRole::Annotation,
                                ev.trigger.target_span,
                                format!(
                                    "{who} is a `{}` event but its trigger {} has type `{}`",
                                    ev.ty.value, ev.trigger.target, tb.ty.value
                                ),
                            )
                            .with_related(
                                FileRole::Annotation,
                                target.line,
                                "the trigger",
                            ),
                        ),
                        _ => problems.push(invalid(
                            who,
                            &ev.trigger,
                            target,
                            "a trigger must be a text-bound (T) annotation",
                        )),
                    },
                }
            }
            RecordBody::Attribute(a) => refs.push((&a.target, &['T', 'E', 'R'])),
            RecordBody::Normalization(n) => refs.push((&n.target, &['T', 'E', 'R'])),
            RecordBody::Note(n) => refs.push((&n.target, &['T', 'E', 'R', 'A', 'M', 'N', '#'])),
            RecordBody::Equiv(eq) => refs.extend(eq.members.iter().map(|m| (m, &['T', 'E'][..]))),
            RecordBody::TextBound(_) | RecordBody::Unparsed => {}
        }
        for (r, allowed) in refs {
            match lookup(r) {
                None => {
                    let what = if r.role.is_empty() {
                        "target".to_string()
                    } else {
                        format!("`{}` argument", r.role)
                    };
                    problems.push(unknown(who, r, &what));
                }
                Some(target) => {
                    let prefix = r.target.as_str().chars().next().unwrap_or('?');
                    if !allowed.contains(&prefix) {
                        let kinds: Vec<String> = allowed.iter().map(|c| c.to_string()).collect();
                        problems.push(invalid(
                            who,
                            r,
                            target,
                            &format!("it must point at {}", kinds.join("/")),
                        ));
                    }
                }
            }
        }
    }
}

pub(super) fn unknown(who: &str, r: &Ref, what: &str) -> Problem {
    Problem::new(
        ProblemKind::UnknownReference,
        FileRole::Annotation,
        r.target_span,
        format!("{who} refers to {} as its {what}, but no annotation has that id", r.target),
    )
}

pub(super) fn invalid(who: &str, r: &Ref, target: &Record, why: &str) -> Problem {
    Problem::new(
        ProblemKind::InvalidReference,
        FileRole::Annotation,
        r.target_span,
        format!("{who} refers to {}, but {why}", r.target),
    )
    .with_related(FileRole::Annotation, target.line, format!("{} is defined here", r.target))
}

/// The type and kind of the annotation an id names, for configuration checks.
pub(super) fn type_of<'a>(
    records: &'a [Record],
    ids: &HashMap<&str, usize>,
    id: &AnnId,
    conf: &BratConfig,
) -> Option<(&'a str, AnnKind)> {
    let record = &records[*ids.get(id.as_str())?];
    match &record.body {
        RecordBody::TextBound(tb) => {
            let kind = if conf.is_event_type(&tb.ty.value) { AnnKind::Event } else { AnnKind::Entity };
            Some((&tb.ty.value, kind))
        }
        RecordBody::Event(ev) => Some((&ev.ty.value, AnnKind::Event)),
        RecordBody::Relation(rel) => Some((&rel.ty.value, AnnKind::Relation)),
        _ => None,
    }
}

pub(super) fn suggestion(name: &str, candidates: &[crate::formats::brat_conf::TypeDecl]) -> String {
    candidates
        .iter()
        .filter(|d| !d.name.starts_with('<'))
        .map(|d| (strsim::levenshtein(&d.name.to_lowercase(), &name.to_lowercase()), &d.name))
        .filter(|(dist, _)| *dist <= 2 || *dist * 4 <= name.len())
        .min()
        .map(|(_, n)| format!("; did you mean `{n}`?"))
        .unwrap_or_default()
}

pub(super) fn undeclared(field: &Field, message: String) -> Problem {
    Problem::new(ProblemKind::UndeclaredType, FileRole::Annotation, field.span, message)
}

pub(super) fn check_types(
    records: &[Record],
    ids: &HashMap<&str, usize>,
    conf: &BratConfig,
    problems: &mut Vec<Problem>,
) {
    for record in records {
        let who = owner(record);
        match &record.body {
            RecordBody::TextBound(tb) => {
                let ty = tb.ty.value.as_str();
                if !conf.is_entity_type(ty) && !conf.is_event_type(ty) {
                    let mut all = conf.section(Section::Entities).to_vec();
                    all.extend_from_slice(conf.section(Section::Events));
                    problems.push(undeclared(
                        &tb.ty,
                        format!("{who} has type `{ty}`, which annotation.conf declares neither in [entities] nor in [events]{}", suggestion(ty, &all)),
                    ));
                }
            }
            RecordBody::Event(ev) => {
                if !conf.is_event_type(&ev.ty.value) {
                    problems.push(undeclared(
                        &ev.ty,
                        format!(
                            "{who} has event type `{}`, which annotation.conf does not declare in [events]{}",
                            ev.ty.value,
                            suggestion(&ev.ty.value, conf.section(Section::Events))
                        ),
                    ));
                }
            }
            RecordBody::Relation(rel) => {
                let ty = rel.ty.value.as_str();
                if conf.relation(ty).is_none() {
                    problems.push(undeclared(
                        &rel.ty,
                        format!("{who} has relation type `{ty}`, which annotation.conf does not declare in [relations]{}", suggestion(ty, conf.section(Section::Relations))),
                    ));
                    continue;
                }
                let (Some(a), Some(b)) = (
                    type_of(records, ids, &rel.args[0].target, conf),
                    type_of(records, ids, &rel.args[1].target, conf),
                ) else {
                    continue;
                };
                let decls: Vec<_> =
                    conf.section(Section::Relations).iter().filter(|d| d.name == ty).collect();
                let fits = |x: (&str, AnnKind), y: (&str, AnnKind)| {
                    decls.iter().any(|d| match (d.args.first(), d.args.get(1)) {
                        (Some(d1), Some(d2)) => {
                            conf.type_matches(&d1.types, x.0, x.1) && conf.type_matches(&d2.types, y.0, y.1)
                        }
                        _ => true,
                    })
                };
                // brat's verifier accepts either argument order.
                if !fits(a, b) && !fits(b, a) {
                    let allowed: Vec<String> = decls
                        .iter()
                        .map(|d| {
                            d.args
                                .iter()
                                .take(2)
                                .map(|x| format!("{}:{}", x.role, x.types.join("|")))
                                .collect::<Vec<_>>()
                                .join(", ")
                        })
                        .collect();
                    problems.push(
                        Problem::new(
                            ProblemKind::InvalidReference,
                            FileRole::Annotation,
                            rel.ty.span,
                            format!(
                                "{who} `{ty}` links {} (`{}`) to {} (`{}`), but annotation.conf allows only {}",
                                rel.args[0].target, a.0, rel.args[1].target, b.0, allowed.join(" or ")
                            ),
                        )
                        .with_related(FileRole::Config, decls[0].span, format!("`{ty}` is declared here")),
                    );
                }
            }
            RecordBody::Attribute(attr) => {
                let name = attr.name.value.as_str();
                let Some(decl) = conf.attribute(name) else {
                    problems.push(undeclared(
                        &attr.name,
                        format!(
                            "{who} sets `{name}`, which annotation.conf does not declare in [attributes]{}",
                            suggestion(name, conf.section(Section::Attributes))
                        ),
                    ));
                    continue;
                };
                match (conf.attribute_values(decl), &attr.value) {
                    (Some(values), Some(value)) if !values.contains(&value.value) => problems.push(
                        Problem::new(
                            ProblemKind::UndeclaredValue,
                            FileRole::Annotation,
                            value.span,
                            format!(
                                "{who} gives `{name}` the value `{}`, but annotation.conf allows only {}",
                                value.value,
                                values.join(", ")
                            ),
                        )
                        .with_related(
                            FileRole::Config,
                            decl.span,
                            format!("`{name}` is declared here"),
                        ),
                    ),
                    (Some(values), None) => problems.push(Problem::new(
                        ProblemKind::UndeclaredValue,
                        FileRole::Annotation,
                        attr.name.span,
                        format!(
                            "{who} sets `{name}` without a value, but it takes one of {}",
                            values.join(", ")
                        ),
                    )),
                    (None, Some(value)) => problems.push(Problem::new(
                        ProblemKind::UndeclaredValue,
                        FileRole::Annotation,
                        value.span,
                        format!("{who} gives the binary attribute `{name}` the value `{}`", value.value),
                    )),
                    _ => {}
                }
                if let Some((ty, kind)) = type_of(records, ids, &attr.target.target, conf)
                    && !conf.attribute_applies(decl, ty, kind)
                {
                    let allowed = decl.arg("Arg").map(|a| a.types.join("|")).unwrap_or_default();
                    problems.push(
                        Problem::new(
                            ProblemKind::InvalidReference,
                            FileRole::Annotation,
                            attr.target.target_span,
                            format!("{who} sets `{name}` on {} of type `{ty}`, but annotation.conf allows it only on {allowed}", attr.target.target),
                        )
                        .with_related(FileRole::Config, decl.span, format!("`{name}` is declared here")),
                    );
                }
            }
            RecordBody::Equiv(eq) => {
                if conf.relation(&eq.ty.value).is_none() {
                    problems.push(undeclared(
                        &eq.ty,
                        format!("the equivalence has type `{}`, which annotation.conf does not declare in [relations]", eq.ty.value),
                    ));
                }
            }
            RecordBody::Normalization(_) | RecordBody::Note(_) | RecordBody::Unparsed => {}
        }
    }
}

/// brat's entity overlap check (`verify_entity_overlap`): two entity spans whose extents
/// overlap must be allowed by an `<OVERLAP>` rule as identical, contained or crossing.
///
/// Each entity is reported at most once, with the nearest earlier-starting entity it overlaps
/// in a way the configuration does not allow: 1,500 nested spans give 1,499 problems, not a
/// million. A sweep by start keeps, per type, the earlier entities ordered by where they end;
/// the ones still open at an entity's start are exactly those it overlaps, nearest first.
pub(super) fn check_overlaps(records: &[Record], conf: &BratConfig, problems: &mut Vec<Problem>) {
    struct Entity<'a> {
        record: &'a Record,
        ty: &'a str,
        /// Sorted, to compare fragment lists.
        frags: Vec<Span>,
        hull: Span,
    }
    let mut entities: Vec<Entity> = records
        .iter()
        .filter_map(|record| {
            let RecordBody::TextBound(tb) = &record.body else {
                return None;
            };
            if !conf.is_entity_type(&tb.ty.value) {
                return None;
            }
            let frags: Option<Vec<Span>> = tb.fragments.iter().map(|f| f.bytes).collect();
            let mut frags = frags.filter(|f| !f.is_empty())?;
            frags.sort_unstable();
            let hull = frags.iter().copied().reduce(Span::cover)?;
            Some(Entity { record, ty: &tb.ty.value, frags, hull })
        })
        .collect();
    entities.sort_by_key(|e| (e.hull.start, e.hull.end));
    // Whether every fragment of `inner` lies in one of `outer` (both sorted by start).
    fn contains(outer: &[Span], inner: &[Span]) -> bool {
        inner.iter().all(|i| {
            let k = outer.partition_point(|o| o.start <= i.start);
            k > 0 && outer[k - 1].contains_span(*i)
        })
    }
    /// How two overlapping entities relate: the one written first and second in the file,
    /// the kind of overlap, and which lies inside which (for `<OVERLAP>`).
    struct Verdict<'e, 'a> {
        first: &'e Entity<'a>,
        second: &'e Entity<'a>,
        overlap: Overlap,
        inner: &'e Entity<'a>,
        outer: &'e Entity<'a>,
    }
    fn judge<'e, 'a>(a: &'e Entity<'a>, b: &'e Entity<'a>) -> Verdict<'e, 'a> {
        let (first, second) = if a.record.line.start <= b.record.line.start { (a, b) } else { (b, a) };
        let (overlap, inner, outer) = if first.frags == second.frags {
            (Overlap::Equal, second, first)
        } else if contains(&first.frags, &second.frags) {
            (Overlap::Contain, second, first)
        } else if contains(&second.frags, &first.frags) {
            (Overlap::Contain, first, second)
        } else {
            (Overlap::Cross, second, first)
        };
        Verdict { first, second, overlap, inner, outer }
    }
    let all_allowed = |x: &str, y: &str| {
        [Overlap::Equal, Overlap::Contain, Overlap::Cross]
            .into_iter()
            .all(|o| conf.overlap_allowed(x, y, o) && conf.overlap_allowed(y, x, o))
    };
    // Per type, the entities already passed, by (hull end, index).
    let mut passed: std::collections::BTreeMap<&str, std::collections::BTreeSet<(u32, usize)>> =
        std::collections::BTreeMap::new();
    for (n, b) in entities.iter().enumerate() {
        let mut conflict = None;
        if !b.hull.is_empty() {
            'types: for (ty, ends) in &passed {
                if all_allowed(b.ty, ty) {
                    continue;
                }
                for &(_, i) in ends.range((b.hull.start + 1, 0)..) {
                    let verdict = judge(&entities[i], b);
                    if !conf.overlap_allowed(verdict.inner.ty, verdict.outer.ty, verdict.overlap) {
                        conflict = Some(verdict);
                        break 'types;
                    }
                }
            }
        }
        passed.entry(b.ty).or_default().insert((b.hull.end, n));
        let Some(Verdict { first, second, overlap, inner, outer }) = conflict else { continue };
        let (how, ovl) = match overlap {
            Overlap::Equal => ("has the same span as", "equal"),
            Overlap::Cross => ("crosses", "cross"),
            Overlap::Contain if std::ptr::eq(inner, second) => ("lies inside", "contain"),
            Overlap::Contain => ("contains", "contain"),
        };
        let message = format!(
            "{} (`{}`) {how} {} (`{}`), which annotation.conf does not allow; brat allows it with `<OVERLAP> Arg1:{}, Arg2:{}, <OVL-TYPE>:{ovl}` in [relations]",
            owner(second.record),
            second.ty,
            owner(first.record),
            first.ty,
            inner.ty,
            outer.ty,
        );
        problems.push(
            Problem::new(ProblemKind::DisallowedOverlap, FileRole::Annotation, second.record.line, message)
                .with_related(
                    FileRole::Annotation,
                    first.record.line,
                    format!("{} is defined here", owner(first.record)),
                )
                .with_related(FileRole::Text, second.hull.cover(first.hull), "the overlapping text"),
        );
    }
}
