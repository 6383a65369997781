//! Reading `.ann` lines: one record per line, every malformed line a located problem.

use super::*;

pub(super) fn malformed(line: Span, message: String) -> Problem {
    Problem::new(ProblemKind::MalformedLine, FileRole::Annotation, line, message)
}

/// Splits `s` (starting at byte `base` of the `.ann`) on single spaces, keeping positions.
pub(super) fn words(s: &str, base: usize) -> Vec<(&str, Span)> {
    let mut out = Vec::new();
    let mut at = 0;
    for word in s.split(' ') {
        if !word.is_empty() {
            out.push((word, Span::new(base + at, base + at + word.len())));
        }
        at += word.len() + 1;
    }
    out
}

/// Splits on any whitespace, keeping positions.
pub(super) fn ws_words(s: &str, base: usize) -> Vec<(&str, Span)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        match (c.is_whitespace(), start) {
            (true, Some(st)) => {
                out.push((&s[st..i], Span::new(base + st, base + i)));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    out
}

pub(super) fn is_valid_id(id: &str) -> bool {
    // brat: ^([A-Za-z]+|#[A-Za-z]*)([0-9]+)(.*?)$
    let rest = match id.strip_prefix('#') {
        Some(rest) => rest.trim_start_matches(|c: char| c.is_ascii_alphabetic()),
        None => {
            let rest = id.trim_start_matches(|c: char| c.is_ascii_alphabetic());
            if rest.len() == id.len() {
                return false;
            }
            rest
        }
    };
    rest.starts_with(|c: char| c.is_ascii_digit())
}

pub(super) fn make_ref(word: &str, span: Span, role_required: bool) -> Option<Ref> {
    if role_required {
        let (role, id) = word.split_once(':')?;
        if role.is_empty() || id.is_empty() || id.contains(':') {
            return None;
        }
        let id_start = span.start as usize + role.len() + 1;
        Some(Ref {
            role: role.to_string(),
            target: AnnId::new(id),
            span,
            target_span: Span::new(id_start, span.end as usize),
        })
    } else {
        Some(Ref { role: String::new(), target: AnnId::new(word), span, target_span: span })
    }
}

pub(super) fn parse_line(ann: &str, line: Span, problems: &mut Vec<Problem>) -> Record {
    let unparsed =
        |id: Option<AnnId>, id_span: Span| Record { id, id_span, line, body: RecordBody::Unparsed };
    let text = &ann[line.range()];
    let base = line.start as usize;
    let Some(tab) = text.find('\t') else {
        let message = if text.trim().is_empty() {
            "empty line; brat cannot read it and reports a syntax error".to_string()
        } else {
            format!("{} has no tab; expected an id, a tab and the annotation", quote(text))
        };
        problems.push(malformed(line, message));
        return unparsed(None, line);
    };
    let id_text = &text[..tab];
    let id_span = Span::new(base, base + tab);
    if id_text != "*" && !is_valid_id(id_text) {
        let why =
            if id_text.starts_with('\u{feff}') { " (the file starts with a byte order mark)" } else { "" };
        problems.push(malformed(
            id_span,
            format!("{} is not a brat id (a letter prefix and a number, like `T1`){why}", quote(id_text)),
        ));
        return unparsed(None, id_span);
    }
    let id = (id_text != "*").then(|| AnnId::new(id_text));
    let rest = &text[tab + 1..];
    let rest_base = base + tab + 1;
    let (data, tail) = match rest.find('\t') {
        Some(t) => (&rest[..t], Some((&rest[t + 1..], rest_base + t + 1))),
        None => (rest, None),
    };
    let data_span = Span::new(rest_base, rest_base + data.len());
    let prefix = id_text.chars().next().unwrap_or('?');
    let body = match prefix {
        'T' => parse_text_bound(id_text, data, rest_base, tail, line, problems),
        'R' => parse_relation(id_text, data, rest_base, data_span, problems),
        'E' => parse_event(id_text, data, rest_base, data_span, problems),
        'A' | 'M' => parse_attribute(id_text, prefix, data, rest_base, data_span, problems),
        'N' => parse_normalization(id_text, data, rest_base, tail, data_span, problems),
        '#' => parse_note(id_text, data, rest_base, tail, data_span, problems),
        '*' => parse_equiv(data, rest_base, data_span, problems),
        other => {
            problems.push(malformed(
                id_span,
                format!("{id_text} starts with `{other}`, which is not a brat annotation type (T, R, E, A, M, N, # or *)"),
            ));
            None
        }
    };
    match body {
        Some(body) => Record { id, id_span, line, body },
        None => unparsed(id, id_span),
    }
}

pub(super) fn parse_text_bound(
    id: &str,
    data: &str,
    base: usize,
    tail: Option<(&str, usize)>,
    line: Span,
    problems: &mut Vec<Problem>,
) -> Option<RecordBody> {
    let expected = format!("expected `{id}<TAB>Type start end<TAB>text`");
    let Some(space) = data.find(' ') else {
        problems.push(malformed(line, format!("{id} has no offsets; {expected}")));
        return None;
    };
    let ty = Field { value: data[..space].to_string(), span: Span::new(base, base + space) };
    let offsets = &data[space + 1..];
    let offsets_base = base + space + 1;
    // brat ignores trailing whitespace after the last offset.
    let offsets_trimmed = offsets.trim_end();
    let offsets_span = Span::new(offsets_base, offsets_base + offsets_trimmed.len());
    let mut fragments = Vec::new();
    let mut at = offsets_base;
    for part in offsets_trimmed.split(';') {
        let span = Span::new(at, at + part.len());
        at += part.len() + 1;
        let numbers: Vec<&str> = part.split(' ').collect();
        let parsed = match numbers.as_slice() {
            [start, end] => match (parse_number(start), parse_number(end)) {
                (Err(NumberError::NotANumber), _) | (_, Err(NumberError::NotANumber)) => None,
                (start_number, end_number) => Some((start_number, end_number, [*start, *end])),
            },
            _ => None,
        };
        let Some((start, end, written)) = parsed else {
            let hint = if part.contains('\t') || offsets.contains(|c: char| c.is_whitespace() && c != ' ') {
                " (a tab where a space belongs?)"
            } else {
                ""
            };
            problems.push(malformed(
                span,
                format!("{} in {id} is not `start end`{hint}; {expected}", quote(part)),
            ));
            return None;
        };
        // A negative or huge offset points at no text: the line is kept out of the document
        // (and of re-anchoring, which would otherwise take it for a stale one).
        let (start, end) = match (start, end) {
            (Ok(start), Ok(end)) => (start, end),
            (Err(error), _) | (_, Err(error)) => {
                let which = if start.is_err() { written[0] } else { written[1] };
                let message = match error {
                    NumberError::Negative => format!("{id} has the negative offset {which}"),
                    _ => format!("{id} has the offset {}", error.describe(which)),
                };
                problems.push(Problem::new(
                    ProblemKind::OffsetOutOfRange,
                    FileRole::Annotation,
                    span,
                    message,
                ));
                return Some(RecordBody::Unparsed);
            }
        };
        fragments.push(Fragment { chars: CharSpan { start, end }, span, bytes: None });
    }
    let text = match tail {
        Some((t, t_base)) => Some(Field { value: t.to_string(), span: Span::new(t_base, t_base + t.len()) }),
        None => {
            problems.push(malformed(line, format!("{id} has no text column; {expected}")));
            None
        }
    };
    Some(RecordBody::TextBound(TextBound { ty, fragments, offsets_span, text }))
}

pub(super) fn parse_relation(
    id: &str,
    data: &str,
    base: usize,
    data_span: Span,
    problems: &mut Vec<Problem>,
) -> Option<RecordBody> {
    let expected = format!("expected `{id}<TAB>Type Arg1:T1 Arg2:T2`");
    let parts = ws_words(data, base);
    let Some(((ty, ty_span), args)) = parts.split_first() else {
        problems.push(malformed(data_span, format!("{id} is empty; {expected}")));
        return None;
    };
    let refs: Vec<Ref> = args.iter().filter_map(|(w, s)| make_ref(w, *s, true)).collect();
    if refs.len() != args.len() || refs.len() != 2 {
        problems.push(malformed(
            data_span,
            format!("{id} has {} arguments where a relation needs two; {expected}", args.len()),
        ));
        return None;
    }
    if refs[0].role == refs[1].role {
        problems.push(malformed(
            data_span,
            format!("{id} uses the role `{}` twice; brat requires two different roles", refs[0].role),
        ));
        return None;
    }
    let [a, b]: [Ref; 2] = refs.try_into().ok()?;
    Some(RecordBody::Relation(BinaryRelation {
        ty: Field { value: ty.to_string(), span: *ty_span },
        args: [a, b],
    }))
}

pub(super) fn parse_event(
    id: &str,
    data: &str,
    base: usize,
    data_span: Span,
    problems: &mut Vec<Problem>,
) -> Option<RecordBody> {
    let expected = format!("expected `{id}<TAB>Type:Trigger Role:Id ...`");
    let parts = ws_words(data, base);
    let Some(((head, head_span), args)) = parts.split_first() else {
        problems.push(malformed(data_span, format!("{id} is empty; {expected}")));
        return None;
    };
    let Some((ty, trigger)) =
        head.split_once(':').filter(|(t, g)| !t.is_empty() && !g.is_empty() && !g.contains(':'))
    else {
        problems.push(malformed(
            *head_span,
            format!("{id} starts with {} where `Type:Trigger` belongs; {expected}", quote(head)),
        ));
        return None;
    };
    let ty_span = Span::new(head_span.start as usize, head_span.start as usize + ty.len());
    let trigger_span = Span::new(ty_span.end as usize + 1, head_span.end as usize);
    let mut refs = Vec::new();
    for (word, span) in args {
        match make_ref(word, *span, true) {
            Some(r) => refs.push(r),
            None => {
                problems.push(malformed(*span, format!("argument {} of {id} is not `Role:Id`", quote(word))));
                return None;
            }
        }
    }
    Some(RecordBody::Event(Event {
        ty: Field { value: ty.to_string(), span: ty_span },
        trigger: Ref {
            role: String::new(),
            target: AnnId::new(trigger),
            span: trigger_span,
            target_span: trigger_span,
        },
        args: refs,
    }))
}

pub(super) fn parse_attribute(
    id: &str,
    prefix: char,
    data: &str,
    base: usize,
    data_span: Span,
    problems: &mut Vec<Problem>,
) -> Option<RecordBody> {
    let parts = words(data, base);
    // brat reads `(.+?) (.+?) (.+?)$`: the value is everything after the target.
    let ok = match prefix {
        'M' => parts.len() == 2,
        _ => parts.len() >= 2,
    };
    if !ok {
        let expected = if prefix == 'M' { "`Type Target`" } else { "`Name Target` or `Name Target Value`" };
        problems.push(malformed(data_span, format!("{id} is {} where {expected} belongs", quote(data))));
        return None;
    }
    let (name, name_span) = parts[0];
    let (target, target_span) = parts[1];
    if !is_valid_id(target) {
        problems.push(malformed(target_span, format!("{id} targets {}, which is not an id", quote(target))));
        return None;
    }
    let value = (parts.len() > 2).then(|| {
        let start = parts[2].1.start as usize;
        let end = parts[parts.len() - 1].1.end as usize;
        Field { value: data[start - base..end - base].to_string(), span: Span::new(start, end) }
    });
    Some(RecordBody::Attribute(AttributeRecord {
        name: Field { value: name.to_string(), span: name_span },
        target: make_ref(target, target_span, false)?,
        value,
    }))
}

pub(super) fn parse_normalization(
    id: &str,
    data: &str,
    base: usize,
    tail: Option<(&str, usize)>,
    data_span: Span,
    problems: &mut Vec<Problem>,
) -> Option<RecordBody> {
    let parts = words(data, base);
    let expected = format!("expected `{id}<TAB>Reference T1 Wikidata:Q123<TAB>label`");
    if parts.len() < 3 {
        problems.push(malformed(data_span, format!("{id} is {}; {expected}", quote(data))));
        return None;
    }
    let (reference, reference_span) = parts[2];
    let Some((kb, kb_id)) = reference.split_once(':').filter(|(k, i)| !k.is_empty() && !i.is_empty()) else {
        problems.push(malformed(
            reference_span,
            format!("{} in {id} is not `KB:ID`; {expected}", quote(reference)),
        ));
        return None;
    };
    let label = tail.map(|(t, t_base)| {
        let trimmed = t.trim_end();
        Field { value: trimmed.to_string(), span: Span::new(t_base, t_base + trimmed.len()) }
    });
    Some(RecordBody::Normalization(Normalization {
        ty: Field { value: parts[0].0.to_string(), span: parts[0].1 },
        target: make_ref(parts[1].0, parts[1].1, false)?,
        kb: kb.to_string(),
        kb_id: kb_id.to_string(),
        reference_span,
        label,
    }))
}

pub(super) fn parse_note(
    id: &str,
    data: &str,
    base: usize,
    tail: Option<(&str, usize)>,
    data_span: Span,
    problems: &mut Vec<Problem>,
) -> Option<RecordBody> {
    let parts = ws_words(data, base);
    if parts.len() != 2 {
        problems.push(malformed(
            data_span,
            format!("{id} is {}; expected `{id}<TAB>AnnotatorNotes T1<TAB>note`", quote(data)),
        ));
        return None;
    }
    let text = match tail {
        Some((t, t_base)) => {
            Field { value: t.trim_end().to_string(), span: Span::new(t_base, t_base + t.trim_end().len()) }
        }
        None => Field { value: String::new(), span: Span::empty(data_span.end as usize) },
    };
    Some(RecordBody::Note(NoteRecord {
        ty: Field { value: parts[0].0.to_string(), span: parts[0].1 },
        target: make_ref(parts[1].0, parts[1].1, false)?,
        text,
    }))
}

pub(super) fn parse_equiv(
    data: &str,
    base: usize,
    data_span: Span,
    problems: &mut Vec<Problem>,
) -> Option<RecordBody> {
    let parts = ws_words(data, base);
    if parts.len() < 3 {
        problems.push(malformed(
            data_span,
            format!("equivalence {} needs a type and at least two ids", quote(data)),
        ));
        return None;
    }
    Some(RecordBody::Equiv(Equiv {
        ty: Field { value: parts[0].0.to_string(), span: parts[0].1 },
        members: parts[1..].iter().filter_map(|(w, s)| make_ref(w, *s, false)).collect(),
    }))
}
