//! CoNLL-U with entity (coreference) annotation in the MISC column, as GUM and CorefUD write
//! it (<https://universaldependencies.org/format.html>).
//!
//! Fields are tab-separated (shown here as two spaces):
//!
//! ```text
//! # newdoc id = GUM_news_afghan
//! # global.Entity = GRP-etype-infstat-salience-centering-minspan-link-identity
//! # sent_id = GUM_news_afghan-1
//! # text = After visa snags, all-girl Afghan team honored
//! 1  After  after  ADP  IN  _  3  case  _  _
//! 2  visa  visa  NOUN  NN  _  3  compound  _  Entity=(1-event-new-snsnn-cf2-2-sgl(2-abstract-new-snsnn-cf5-1-coref)
//! 3  snags  snag  NOUN  NNS  _  10  obl  _  Entity=1)|SpaceAfter=No
//! ```
//!
//! Each sentence's `# text` is its text; the document text is the sentences' texts, each
//! followed by `\n`. Words are placed in `# text` by walking it with the surface tokens
//! (multiword-token lines, or words outside one) and their `SpaceAfter=No` / `SpacesAfter=`.
//! `Entity=` holds brackets: `(eid-etype-...` opens a mention at this word, `eid)` closes the
//! innermost open mention of that entity, `(eid-...)` is a one-word mention and `eid[1/2]`
//! marks the parts of a discontinuous mention. The attribute order comes from
//! `# global.Entity` (CorefUD's default `eid-etype-head-other` without it). Mentions become
//! spans labelled with their `etype`, the `identity` attribute their KB reference, and each
//! mention is related to the previous mention of its entity.

use std::collections::HashMap;

use super::offsets::TextOrigin;
use super::{
    AnnId, AnnotatedDocument, AnnotatedSpan, Attribute, DocumentParts, FileRole, Format, KbRef, Problem,
    ProblemKind, Relation, line_spans, quote, recorded_text,
};
use crate::span::Span;

/// A word, multiword token or empty node row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// `5`, `5-6` (multiword token) or `5.1` (empty node).
    pub id: String,
    pub form: String,
    pub row: Span,
    /// The MISC field in the file.
    pub misc: Span,
    /// Where the word is in the document text: its part of a multiword token when the word
    /// forms spell the token out, else the whole token; `None` when `# text` does not match.
    pub text: Option<Span>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConlluSentence {
    pub sent_id: Option<String>,
    /// The `# text` line, if any.
    pub text_line: Option<Span>,
    /// The sentence in the document text.
    pub text: Span,
    pub words: Vec<Word>,
}

/// A `# newdoc` line: documents in one file are separated only by these.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocStart {
    /// The `id` value; empty for a bare `# newdoc`.
    pub id: String,
    /// Index into [`ConlluDocument::sentences`].
    pub first_sentence: usize,
}

/// A CoNLL-U file, read.
#[derive(Clone, Debug, Default)]
pub struct ConlluDocument {
    doc_starts: Vec<DocStart>,
    entity_fields: Vec<String>,
    sentences: Vec<ConlluSentence>,
    parts: DocumentParts,
}

impl ConlluDocument {
    /// Where each `# newdoc` begins.
    pub fn doc_starts(&self) -> &[DocStart] {
        &self.doc_starts
    }
    /// The entity attribute names in order (from `# global.Entity`).
    pub fn entity_fields(&self) -> &[String] {
        &self.entity_fields
    }
    pub fn sentences(&self) -> &[ConlluSentence] {
        &self.sentences
    }
}

impl AnnotatedDocument for ConlluDocument {
    fn format(&self) -> Format {
        Format::Conllu
    }
    fn parts(&self) -> &DocumentParts {
        &self.parts
    }
}

fn problem(kind: ProblemKind, span: Span, message: String) -> Problem {
    Problem::new(kind, FileRole::Annotation, span, message)
}

/// A sentence being read.
#[derive(Default)]
struct Pending {
    sent_id: Option<(String, Span)>,
    text: Option<(Span, Span)>,
    rows: Vec<Span>,
}

/// A mention whose closing bracket has not been seen yet.
struct OpenMention {
    eid: String,
    attrs: Vec<String>,
    start_word: (usize, usize),
    opener: Span,
    /// `(part, of)` for a part of a discontinuous mention.
    part: Option<(u32, u32)>,
}

/// A mention with all its parts: word ranges `(sentence, first word, last word)`.
struct Mention {
    eid: String,
    attrs: Vec<String>,
    parts: Vec<((usize, usize), (usize, usize))>,
    opener: Span,
}

/// Reads a CoNLL-U file.
pub fn parse(conllu: &str) -> ConlluDocument {
    let mut doc = ConlluDocument {
        entity_fields: ["eid", "etype", "head", "other"].map(String::from).to_vec(),
        parts: DocumentParts { origin: TextOrigin::pieces(), ..DocumentParts::default() },
        ..ConlluDocument::default()
    };
    let mut state = EntityState::default();
    let mut pending = Pending::default();
    let mut sent_ids: HashMap<String, Span> = HashMap::new();
    for line in line_spans(conllu) {
        let text = &conllu[line.range()];
        if text.trim().is_empty() {
            if !pending.rows.is_empty() || pending.text.is_some() {
                finish_sentence(conllu, &mut doc, std::mem::take(&mut pending), &mut state);
            }
            continue;
        }
        if let Some(comment) = text.strip_prefix('#') {
            if !pending.rows.is_empty() {
                doc.parts.problems.push(problem(
                    ProblemKind::MalformedLine,
                    line,
                    format!("comment {} comes after word rows without a blank line", quote(text)),
                ));
                finish_sentence(conllu, &mut doc, std::mem::take(&mut pending), &mut state);
            }
            let (key, value) = match comment.split_once('=') {
                Some((k, v)) => (k.trim(), Some(v)),
                None => (comment.trim(), None),
            };
            let value_span = |v: &str| {
                let trimmed = v.trim_start();
                let start = line.end as usize - v.len() + (v.len() - trimmed.len());
                Span::new(start, start + trimmed.trim_end().len())
            };
            match (key, value) {
                ("text", Some(v)) => pending.text = Some((line, value_span(v))),
                ("sent_id", Some(v)) => {
                    let id = v.trim().to_string();
                    if let Some(first) = sent_ids.get(&id) {
                        doc.parts.problems.push(
                            problem(
                                ProblemKind::DuplicateId,
                                value_span(v),
                                format!("sent_id {id} appears twice"),
                            )
                            .with_related(
                                FileRole::Annotation,
                                *first,
                                format!("the first {id}"),
                            ),
                        );
                    } else {
                        sent_ids.insert(id.clone(), value_span(v));
                    }
                    pending.sent_id = Some((id, value_span(v)));
                }
                ("global.Entity", Some(v)) => {
                    doc.entity_fields = v.trim().split('-').map(String::from).collect()
                }
                (k, v) if k == "newdoc id" || k.starts_with("newdoc") => {
                    doc.doc_starts.push(DocStart {
                        id: v.map(|v| v.trim().to_string()).unwrap_or_default(),
                        first_sentence: doc.sentences.len(),
                    });
                }
                _ => {}
            }
            continue;
        }
        pending.rows.push(line);
    }
    if !pending.rows.is_empty() || pending.text.is_some() {
        finish_sentence(conllu, &mut doc, pending, &mut state);
    }
    for open in state.open.values().flatten() {
        doc.parts.problems.push(problem(
            ProblemKind::UnbalancedBracket,
            open.opener,
            format!("entity {} opened here is never closed", open.eid),
        ));
    }
    for (eid, partial) in &state.discontinuous {
        doc.parts.problems.push(problem(
            ProblemKind::UnbalancedBracket,
            partial.opener,
            format!("discontinuous mention of entity {eid} has {} of its parts", partial.parts.len()),
        ));
    }
    build_view(&mut doc, state.mentions);
    doc.parts.problems.sort_by_key(|p| (p.span.start, p.kind));
    doc
}

#[derive(Default)]
struct EntityState {
    open: HashMap<String, Vec<OpenMention>>,
    discontinuous: HashMap<String, Mention>,
    mentions: Vec<Mention>,
}

struct Row<'a> {
    id: &'a str,
    fields: Vec<Span>,
    row: Span,
}

fn finish_sentence(conllu: &str, doc: &mut ConlluDocument, pending: Pending, state: &mut EntityState) {
    let sentence_no = doc.sentences.len();
    let label = pending.sent_id.as_ref().map_or_else(|| format!("{}", sentence_no + 1), |(id, _)| id.clone());
    if pending.rows.is_empty() {
        if let Some((line, _)) = pending.text {
            doc.parts.problems.push(problem(
                ProblemKind::MalformedLine,
                line,
                format!("sentence {label} has `# text` but no word rows"),
            ));
        }
        return;
    }
    let mut rows = Vec::new();
    for &row in &pending.rows {
        let text = &conllu[row.range()];
        let mut fields = Vec::new();
        let mut at = row.start as usize;
        for field in text.split('\t') {
            fields.push(Span::new(at, at + field.len()));
            at += field.len() + 1;
        }
        if fields.len() != 10 {
            doc.parts.problems.push(problem(
                ProblemKind::MalformedLine,
                row,
                format!(
                    "row {} has {} fields; CoNLL-U rows have 10, separated by tabs",
                    quote(&conllu[fields[0].range()]),
                    fields.len()
                ),
            ));
            // An id and a form are enough to keep the sentence text aligned.
            if fields.len() < 2 {
                continue;
            }
            fields.truncate(10);
            fields.resize(10, Span::empty(row.end as usize));
        }
        let id = &conllu[fields[0].range()];
        if word_id(id).is_none() {
            // A number past `u32` is no word of any sentence: say so rather than "not an id".
            let too_large = id.split(['-', '.']).find(|n| {
                !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && n.parse::<u32>().is_err()
            });
            let message = match too_large {
                Some(n) => format!(
                    "word id {} has the number {}, which is too large for a word of a sentence (at most {})",
                    quote(id),
                    quote(n),
                    u32::MAX
                ),
                None => format!("{} is not a word id (`5`, `5-6` or `5.1`)", quote(id)),
            };
            doc.parts.problems.push(problem(ProblemKind::MalformedLine, fields[0], message));
            continue;
        }
        rows.push(Row { id, fields, row });
    }

    // Surface tokens: multiword-token lines, and words outside them.
    let mut surface: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut covered_until = 0u32;
    for (i, r) in rows.iter().enumerate() {
        match word_id(r.id) {
            Some(WordId::Range(last)) => {
                surface.push((i, Vec::new()));
                covered_until = last;
            }
            Some(WordId::Word(n)) => {
                if n <= covered_until {
                    if let Some(last) = surface.last_mut() {
                        last.1.push(i);
                    }
                } else {
                    surface.push((i, vec![i]));
                }
            }
            _ => {}
        }
    }
    let field = |r: &Row, n: usize| &conllu[r.fields[n].range()];
    let space_after = |r: &Row| -> String {
        let misc = field(r, 9);
        let mut after = " ".to_string();
        for item in misc.split('|') {
            if item == "SpaceAfter=No" {
                after.clear();
            } else if let Some(v) = item.strip_prefix("SpacesAfter=") {
                after = unescape_spaces(v);
            }
        }
        after
    };

    // The sentence text: `# text`, or the tokens joined.
    let sentence_start = doc.parts.text.len();
    let mut token_spans: Vec<Option<Span>> = vec![None; surface.len()];
    match pending.text {
        Some((_, value)) => {
            let sent_text = &conllu[value.range()];
            doc.parts.origin.push(Span::new(sentence_start, sentence_start + sent_text.len()), value);
            doc.parts.text.push_str(sent_text);
            let mut cursor = 0usize;
            for (n, (i, _)) in surface.iter().enumerate() {
                let r = &rows[*i];
                let form = field(r, 1);
                let skipped = sent_text[cursor..].len() - sent_text[cursor..].trim_start().len();
                let at = cursor + skipped;
                if !sent_text[at..].starts_with(form) {
                    let found: String = sent_text[at..].chars().take(form.chars().count().max(1)).collect();
                    doc.parts.problems.push(
                        problem(
                            ProblemKind::TextMismatch,
                            r.fields[1],
                            format!(
                                "word {} of sentence {label} is {} but `# text` continues with {}",
                                r.id,
                                quote(form),
                                quote(&found)
                            ),
                        )
                        .with_related(
                            FileRole::Annotation,
                            Span::new(value.start as usize + at, value.start as usize + at),
                            "`# text` here",
                        ),
                    );
                    break;
                }
                // Spacing must agree with SpaceAfter (the last token's spacing is not in `# text`).
                if n > 0 {
                    let (prev, _) = surface[n - 1];
                    let wants_space = !space_after(&rows[prev]).is_empty();
                    if wants_space != (skipped > 0) {
                        let prev_row = &rows[prev];
                        let message = if wants_space {
                            format!(
                                "`# text` of sentence {label} has no space after word {} {}; its MISC needs SpaceAfter=No",
                                prev_row.id,
                                quote(field(prev_row, 1))
                            )
                        } else {
                            format!(
                                "word {} {} has SpaceAfter=No but `# text` of sentence {label} has a space after it",
                                prev_row.id,
                                quote(field(prev_row, 1))
                            )
                        };
                        doc.parts.problems.push(problem(
                            ProblemKind::TextMismatch,
                            prev_row.fields[9],
                            message,
                        ));
                    }
                }
                token_spans[n] = Some(Span::new(sentence_start + at, sentence_start + at + form.len()));
                cursor = at + form.len();
            }
            if token_spans.iter().all(Option::is_some) && !sent_text[cursor..].trim().is_empty() {
                doc.parts.problems.push(problem(
                    ProblemKind::TextMismatch,
                    Span::new(value.start as usize + cursor, value.end as usize),
                    format!(
                        "`# text` of sentence {label} goes on with {} after its last word",
                        quote(sent_text[cursor..].trim())
                    ),
                ));
            }
        }
        None => {
            // Without `# text` the tokens are the text; each form maps to its FORM field.
            for (n, (i, _)) in surface.iter().enumerate() {
                let r = &rows[*i];
                let at = doc.parts.text.len();
                doc.parts.text.push_str(field(r, 1));
                doc.parts.origin.push(Span::new(at, doc.parts.text.len()), r.fields[1]);
                token_spans[n] = Some(Span::new(at, doc.parts.text.len()));
                if n + 1 < surface.len() {
                    doc.parts.text.push_str(&space_after(r));
                }
            }
        }
    }
    let sentence_end = doc.parts.text.len();
    doc.parts.text.push('\n');

    // Words with their surface spans; entity brackets.
    let mut words = Vec::new();
    let mut word_of_row: HashMap<usize, usize> = HashMap::new();
    for (n, (i, members)) in surface.iter().enumerate() {
        let r = &rows[*i];
        if members.is_empty() || members[0] != *i {
            // The multiword token itself.
            words.push(Word {
                id: r.id.to_string(),
                form: field(r, 1).to_string(),
                row: r.row,
                misc: r.fields[9],
                text: token_spans[n],
            });
        }
        // Words of a multiword token get their own part of it when their forms spell it out
        // (`It` + `'s`); otherwise (`del` = `de` + `el`) they share the token's span.
        let is_mwt = members.first() != Some(i);
        let spelled =
            is_mwt && members.iter().map(|&m| field(&rows[m], 1)).collect::<String>() == field(r, 1);
        let mut offset = token_spans[n].map(|t| t.start as usize);
        for &m in members {
            word_of_row.insert(m, words.len());
            let mr = &rows[m];
            let text = match (spelled, offset) {
                (true, Some(at)) => {
                    let end = at + field(mr, 1).len();
                    offset = Some(end);
                    Some(Span::new(at, end))
                }
                _ => token_spans[n],
            };
            words.push(Word {
                id: mr.id.to_string(),
                form: field(mr, 1).to_string(),
                row: mr.row,
                misc: mr.fields[9],
                text,
            });
        }
    }
    // Empty nodes have no surface; they keep no span.
    for (i, r) in rows.iter().enumerate() {
        if matches!(word_id(r.id), Some(WordId::Empty)) {
            word_of_row.insert(i, words.len());
            words.push(Word {
                id: r.id.to_string(),
                form: field(r, 1).to_string(),
                row: r.row,
                misc: r.fields[9],
                text: None,
            });
        }
    }

    for (i, r) in rows.iter().enumerate() {
        let Some(&w) = word_of_row.get(&i) else {
            continue;
        };
        let misc = field(r, 9);
        let mut at = r.fields[9].start as usize;
        for item in misc.split('|') {
            if let Some(value) = item.strip_prefix("Entity=") {
                let base = at + "Entity=".len();
                parse_brackets(
                    value,
                    base,
                    (sentence_no, w),
                    &doc.entity_fields,
                    state,
                    &mut doc.parts.problems,
                );
            }
            at += item.len() + 1;
        }
    }
    for (eid, list) in state.open.iter_mut() {
        for open in list.drain(..) {
            doc.parts.problems.push(problem(
                ProblemKind::UnbalancedBracket,
                open.opener,
                format!("entity {eid} opened here is not closed before the end of sentence {label}"),
            ));
        }
    }
    state.open.retain(|_, v| !v.is_empty());

    doc.sentences.push(ConlluSentence {
        sent_id: pending.sent_id.map(|(id, _)| id),
        text_line: pending.text.map(|(line, _)| line),
        text: Span::new(sentence_start, sentence_end),
        words,
    });
}

enum WordId {
    Word(u32),
    /// A multiword token; the number of its last word.
    Range(u32),
    Empty,
}

fn word_id(id: &str) -> Option<WordId> {
    let num =
        |s: &str| s.parse::<u32>().ok().filter(|_| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()));
    if let Some((a, b)) = id.split_once('-') {
        let (a, b) = (num(a)?, num(b)?);
        return (a < b).then_some(WordId::Range(b));
    }
    if let Some((a, b)) = id.split_once('.') {
        num(a)?;
        num(b)?;
        return Some(WordId::Empty);
    }
    num(id).filter(|&n| n > 0).map(WordId::Word)
}

/// UD's `SpacesAfter=` escapes: `\s` space, `\t`, `\n`, `\r`, `\p` pipe, `\\` backslash.
fn unescape_spaces(v: &str) -> String {
    let mut out = String::new();
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('s') => out.push(' '),
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('p') => out.push('|'),
            Some('\\') => out.push('\\'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Splits `eid[1/2]` into the id and the part marker.
fn split_part(eid: &str) -> (&str, Option<(u32, u32)>) {
    if let Some(open) = eid.find('[')
        && let Some(inner) = eid[open + 1..].strip_suffix(']')
        && let Some((i, n)) = inner.split_once('/')
        && let (Ok(i), Ok(n)) = (i.parse(), n.parse())
    {
        return (&eid[..open], Some((i, n)));
    }
    (eid, None)
}

fn parse_brackets(
    value: &str,
    base: usize,
    word: (usize, usize),
    fields: &[String],
    state: &mut EntityState,
    problems: &mut Vec<Problem>,
) {
    let bytes = value.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'(' {
            let end = value[i + 1..].find(['(', ')']).map_or(value.len(), |e| i + 1 + e);
            let content = &value[i + 1..end];
            let closes_here = bytes.get(end) == Some(&b')');
            let opener = Span::new(base + i, base + if closes_here { end + 1 } else { end });
            if content.is_empty() {
                problems.push(problem(
                    ProblemKind::MalformedLine,
                    opener,
                    "entity bracket `(` without an entity id".to_string(),
                ));
                i = end + usize::from(closes_here);
                continue;
            }
            let mut attrs: Vec<String> = content.split('-').map(String::from).collect();
            // Values beyond the declared attributes belong to the last one.
            if attrs.len() > fields.len() && !fields.is_empty() {
                let rest = attrs.split_off(fields.len() - 1).join("-");
                attrs.push(rest);
            }
            let (eid, part) = split_part(&attrs[0]);
            let eid = eid.to_string();
            let open = OpenMention { eid: eid.clone(), attrs, start_word: word, opener, part };
            if closes_here {
                close(open, word, state);
                i = end + 1;
            } else {
                state.open.entry(eid).or_default().push(open);
                i = end;
            }
        } else {
            let end = value[i..].find(['(', ')']).map(|e| i + e);
            match end {
                Some(end) if bytes[end] == b')' => {
                    let (eid, _) = split_part(&value[i..end]);
                    let span = Span::new(base + i, base + end + 1);
                    match state.open.get_mut(eid).and_then(Vec::pop) {
                        Some(open) => close(open, word, state),
                        None => problems.push(problem(
                            ProblemKind::UnbalancedBracket,
                            span,
                            format!("entity {eid} is closed here but no mention of it is open"),
                        )),
                    }
                    i = end + 1;
                }
                _ => {
                    let stop = end.unwrap_or(value.len());
                    problems.push(problem(
                        ProblemKind::MalformedLine,
                        Span::new(base + i, base + stop),
                        format!("{} in `Entity=` is neither `(eid-...` nor `eid)`", quote(&value[i..stop])),
                    ));
                    i = stop;
                }
            }
        }
    }
}

fn close(open: OpenMention, end_word: (usize, usize), state: &mut EntityState) {
    let range = (open.start_word, end_word);
    match open.part {
        Some((part, of)) if of > 1 => {
            let entry = state.discontinuous.entry(open.eid.clone()).or_insert_with(|| Mention {
                eid: open.eid.clone(),
                attrs: open.attrs.clone(),
                parts: Vec::new(),
                opener: open.opener,
            });
            entry.parts.push(range);
            if part >= of || entry.parts.len() as u32 >= of {
                if let Some(done) = state.discontinuous.remove(&open.eid) {
                    state.mentions.push(done);
                }
            }
        }
        _ => state.mentions.push(Mention {
            eid: open.eid,
            attrs: open.attrs,
            parts: vec![range],
            opener: open.opener,
        }),
    }
}

fn build_view(doc: &mut ConlluDocument, mut mentions: Vec<Mention>) {
    mentions.sort_by_key(|m| (m.parts[0].0, std::cmp::Reverse(m.parts[0].1)));
    let field_index = |name: &str| doc.entity_fields.iter().position(|f| f == name);
    let (etype, identity, link) = (field_index("etype"), field_index("identity"), field_index("link"));
    let mut previous: HashMap<String, (AnnId, Option<String>)> = HashMap::new();
    let mut seen_ids: HashMap<String, u32> = HashMap::new();
    for m in mentions {
        let word = |(s, w): (usize, usize)| doc.sentences.get(s).and_then(|sent| sent.words.get(w));
        let mut fragments = Vec::new();
        for &(first, last) in &m.parts {
            let (Some(a), Some(b)) = (word(first).and_then(|w| w.text), word(last).and_then(|w| w.text))
            else {
                continue;
            };
            fragments.push(a.cover(b));
        }
        if fragments.len() != m.parts.len() || fragments.is_empty() {
            continue;
        }
        let (s, w) = m.parts[0].0;
        let mut id = format!("{}@{}-{}", m.eid, s + 1, doc.sentences[s].words[w].id);
        let dup = seen_ids.entry(id.clone()).or_default();
        *dup += 1;
        if *dup > 1 {
            id = format!("{id}/{dup}");
        }
        let id = AnnId::new(&id);
        let value =
            |i: Option<usize>| i.and_then(|i| m.attrs.get(i)).filter(|v| !v.is_empty() && *v != "_").cloned();
        let mut attributes =
            vec![Attribute { name: "eid".into(), value: Some(m.eid.clone()), span: m.opener }];
        for (i, name) in doc.entity_fields.iter().enumerate().skip(1) {
            if Some(i) == etype || Some(i) == identity {
                continue;
            }
            if let Some(v) = value(Some(i)) {
                attributes.push(Attribute { name: name.clone(), value: Some(v), span: m.opener });
            }
        }
        let kb_refs = value(identity)
            .map(|v| vec![KbRef { kb: "identity".into(), id: v, label: None, span: m.opener }])
            .unwrap_or_default();
        let recorded_text = recorded_text(fragments.iter().map(|f| &doc.parts.text[f.range()]));
        if let Some((prev, _)) = previous.get(&m.eid) {
            doc.parts.relations.push(Relation {
                id: None,
                label: value(link).unwrap_or_else(|| "coref".into()),
                from: id.clone(),
                to: prev.clone(),
                def_span: m.opener,
            });
        }
        previous.insert(m.eid.clone(), (id.clone(), value(link)));
        doc.parts.spans.push(AnnotatedSpan {
            id,
            label: value(etype).unwrap_or_else(|| "entity".into()),
            fragments,
            recorded_text,
            kb_refs,
            attributes,
            notes: Vec::new(),
            def_span: m.opener,
        });
    }
    doc.parts.spans.sort_by_key(|s| s.def_span.start);
}

/// GUM's `wiki_map.tab` (`FormattedTitle`, `URLTitle`, `WikidataID`, ...): the Wikidata id for
/// each `identity` value, so the caller can check CoNLL-U and WebAnno identities against its KB.
pub fn parse_wiki_map(tab: &str) -> HashMap<String, String> {
    line_spans(tab)
        .map(|l| &tab[l.range()])
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut fields = l.split('\t');
            let title = fields.next()?;
            let _url = fields.next()?;
            let qid = fields.next()?;
            (!title.is_empty() && qid.starts_with('Q')).then(|| (title.to_string(), qid.to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GUM_LIKE: &str = "# newdoc id = doc1\n# global.Entity = GRP-etype-infstat-salience-centering-minspan-link-identity\n# sent_id = doc1-1\n# text = After visa snags, all-girl Afghan team won.\n1\tAfter\tafter\tADP\tIN\t_\t3\tcase\t_\t_\n2\tvisa\tvisa\tNOUN\tNN\t_\t3\tcompound\t_\tEntity=(1-event-new-snsnn-cf2-2-sgl(2-abstract-new-snsnn-cf5-1-coref)\n3\tsnags\tsnag\tNOUN\tNNS\t_\t10\tobl\t_\tEntity=1)|SpaceAfter=No\n4\t,\t,\tPUNCT\t,\t_\t3\tpunct\t_\t_\n5\tall\tall\tDET\tDT\t_\t7\tcompound\t_\tEntity=(3-organization-new-sssss-cf1-5-coref-Afghan_Girls_Robotics_Team|SpaceAfter=No\n6\t-\t-\tPUNCT\tHYPH\t_\t5\tpunct\t_\tSpaceAfter=No\n7\tgirl\tgirl\tNOUN\tNN\t_\t9\tcompound\t_\t_\n8\tAfghan\tAfghan\tADJ\tJJ\t_\t9\tamod\t_\t_\n9\tteam\tteam\tNOUN\tNN\t_\t10\tnsubj\t_\tEntity=3)\n10\twon\twin\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n11\t.\t.\tPUNCT\t.\t_\t10\tpunct\t_\t_\n\n# sent_id = doc1-2\n# text = The team's visa.\n1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\tEntity=(3-organization-giv:act-sssss-cf1-2-coref-Afghan_Girls_Robotics_Team\n2-3\tteam's\t_\t_\t_\t_\t_\t_\t_\t_\n2\tteam\tteam\tNOUN\tNN\t_\t4\tnmod\t_\tEntity=3)\n3\t's\t's\tPART\tPOS\t_\t2\tcase\t_\t_\n4\tvisa\tvisa\tNOUN\tNN\t_\t0\troot\t_\tEntity=(2-abstract-giv:inact-snsnn-cf1-1-coref)|SpaceAfter=No\n5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n";

    #[test]
    fn reads_text_entities_identities_and_chains() {
        let doc = parse(GUM_LIKE);
        assert!(doc.problems().is_empty(), "{:?}", doc.problems());
        assert_eq!(doc.text(), "After visa snags, all-girl Afghan team won.\nThe team's visa.\n");
        let spans: Vec<(&str, &str, &str)> =
            doc.spans().iter().map(|s| (s.id.as_str(), s.label.as_str(), s.recorded_text.as_str())).collect();
        assert_eq!(
            spans,
            [
                ("1@1-2", "event", "visa snags"),
                ("2@1-2", "abstract", "visa"),
                ("3@1-5", "organization", "all-girl Afghan team"),
                ("3@2-1", "organization", "The team"),
                ("2@2-4", "abstract", "visa"),
            ]
        );
        assert_eq!(doc.spans()[2].kb_refs[0].id, "Afghan_Girls_Robotics_Team");
        assert_eq!(
            &GUM_LIKE[doc.spans()[2].def_span.range()],
            "(3-organization-new-sssss-cf1-5-coref-Afghan_Girls_Robotics_Team"
        );
        let rels: Vec<(&str, &str, &str)> =
            doc.relations().iter().map(|r| (r.label.as_str(), r.from.as_str(), r.to.as_str())).collect();
        assert_eq!(rels, [("coref", "3@2-1", "3@1-5"), ("coref", "2@2-4", "2@1-2")]);
        // Text spans map back into the `# text` lines.
        let team = doc.spans()[2].fragments[0];
        assert_eq!(&GUM_LIKE[doc.origin().to_file(team).unwrap().range()], "all-girl Afghan team");
        assert_eq!(doc.doc_starts(), [DocStart { id: "doc1".into(), first_sentence: 0 }]);
    }

    #[test]
    fn planted_problems() {
        let broken = GUM_LIKE
            .replace("# text = The team's visa.", "# text = The teams visa.")
            .replace(
                "9\tteam\tteam\tNOUN\tNN\t_\t10\tnsubj\t_\tEntity=3)",
                "9\tteam\tteam\tNOUN\tNN\t_\t10\tnsubj\t_\t_",
            )
            .replace("4\t,\t,\tPUNCT\t,\t_\t3\tpunct\t_\t_", "4\t,\t,\tPUNCT\t,\t_\t3\tpunct\t_\tEntity=7)")
            .replace(
                "10\twon\twin\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No",
                "10\twon\twin\tVERB\tVBD\t_\t0\troot\t_\t_",
            )
            .replace(
                "1\tAfter\tafter\tADP\tIN\t_\t3\tcase\t_\t_\n",
                "1\tAfter\tafter\tADP\tIN\t_\t3\tcase\t_\n",
            );
        let doc = parse(&broken);
        let found: Vec<(ProblemKind, &str)> =
            doc.problems().iter().map(|p| (p.kind, &broken[p.span.range()])).collect();
        use ProblemKind::*;
        assert_eq!(
            found,
            [
                (MalformedLine, "1\tAfter\tafter\tADP\tIN\t_\t3\tcase\t_"),
                (UnbalancedBracket, "7)"),
                (UnbalancedBracket, "(3-organization-new-sssss-cf1-5-coref-Afghan_Girls_Robotics_Team"),
                (TextMismatch, "_"),
                (TextMismatch, "team's"),
            ],
            "{:#?}",
            doc.problems()
        );
        let messages: Vec<&str> = doc.problems().iter().map(|p| p.message.as_str()).collect();
        assert_eq!(messages[1], "entity 7 is closed here but no mention of it is open");
        assert_eq!(messages[2], "entity 3 opened here is not closed before the end of sentence doc1-1");
        assert_eq!(
            messages[3],
            "`# text` of sentence doc1-1 has no space after word 10 `won`; its MISC needs SpaceAfter=No"
        );
        assert_eq!(
            messages[4],
            "word 2-3 of sentence doc1-2 is `team's` but `# text` continues with `teams `"
        );
    }

    #[test]
    fn unclosed_and_discontinuous_mentions() {
        let conllu = "# text = a b c d\n1\ta\t_\t_\t_\t_\t_\t_\t_\tEntity=(e1[1/2]-person)\n2\tb\t_\t_\t_\t_\t_\t_\t_\tEntity=(e2-place\n3\tc\t_\t_\t_\t_\t_\t_\t_\tEntity=(e1[2/2]-person\n4\td\t_\t_\t_\t_\t_\t_\t_\tEntity=e1[2/2])\n";
        let doc = parse(conllu);
        assert_eq!(doc.problems().len(), 1, "{:?}", doc.problems());
        assert_eq!(doc.problems()[0].kind, ProblemKind::UnbalancedBracket);
        assert_eq!(&conllu[doc.problems()[0].span.range()], "(e2-place");
        let e1 = &doc.spans()[0];
        let pieces: Vec<&str> = e1.fragments.iter().map(|f| &doc.text()[f.range()]).collect();
        assert_eq!(pieces, ["a", "c d"]);
        assert_eq!(e1.label, "person");
    }

    #[test]
    fn wiki_map_gives_wikidata_ids() {
        let map = parse_wiki_map(
            "#FormattedTitle\tURLTitle\tWikidataID\tDateUpdated\nWashington%2C_D.C.\tWashington%2C_D.C.\tQ61\t2025-03-13\n",
        );
        assert_eq!(map.get("Washington%2C_D.C.").map(String::as_str), Some("Q61"));
    }

    #[test]
    fn garbage_never_panics() {
        let pieces = [
            "# text = a b\n",
            "# sent_id = x\n",
            "1\t",
            "2-3\t",
            "1.1\t",
            "a\t",
            "_\t",
            "Entity=(",
            "Entity=1)",
            "(1-x",
            "1)",
            ")",
            "(",
            "[1/2]",
            "|",
            "SpaceAfter=No",
            "SpacesAfter=\\s\\n",
            "\n",
            "\n\n",
            "é",
            "🙂",
            "#",
            "=",
            "-",
        ];
        let mut state = 0xDEAD_BEEF_CAFE_F00Du64;
        for _ in 0..3000 {
            let mut conllu = String::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            for _ in 0..(state % 80) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                conllu.push_str(pieces[(state % pieces.len() as u64) as usize]);
            }
            let doc = parse(&conllu);
            for p in doc.problems() {
                assert!(conllu.get(p.span.range()).is_some(), "{p:?}");
            }
            for s in doc.spans() {
                assert!(s.fragments.iter().all(|f| doc.text().get(f.range()).is_some()));
                if let Some(f) = doc.origin().to_file(s.fragments[0]) {
                    assert!(conllu.get(f.range()).is_some());
                }
            }
        }
    }
}
