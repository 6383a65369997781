//! One sentence finished: its text rebuilt from the `#Text=` lines, every token's offsets checked against it.

use super::*;

pub(super) fn finish_sentence(tsv: &str, doc: &mut TsvDocument, body: &mut Body, pending: PendingSentence) {
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
pub(super) const NEAREST_WINDOW: usize = 4096;

/// Where `form` occurs in `text` nearest to byte `around`, within [`NEAREST_WINDOW`] bytes.
pub(super) fn nearest_occurrence(text: &str, form: &str, around: usize) -> Option<usize> {
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
pub(super) fn number_pair(text: &str) -> Result<(u64, u64), Option<String>> {
    let (a, b) = text.split_once('-').ok_or(None)?;
    match (parse_number(a), parse_number(b)) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (Err(NumberError::TooLarge), _) => Err(Some(NumberError::TooLarge.describe(a))),
        (_, Err(NumberError::TooLarge)) => Err(Some(NumberError::TooLarge.describe(b))),
        _ => Err(None),
    }
}

pub(super) fn is_unit_id(id: &str) -> bool {
    let (main, sub) = match id.split_once('.') {
        Some((m, s)) => (m, Some(s)),
        None => (id, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    main.split_once('-').is_some_and(|(s, t)| digits(s) && digits(t)) && sub.is_none_or(digits)
}
