//! brat standoff: a `NAME.txt` with the text and a `NAME.ann` with one annotation per line
//! (<https://brat.nlplab.org/standoff.html>).
//!
//! Line types, as brat's `server/src/annotation.py` reads them:
//!
//! ```text
//! T1<TAB>Organization 0 5;10 15<TAB>text       text-bound; fragments joined by one space
//! R1<TAB>Origin Arg1:T1 Arg2:T2                relation, exactly two arguments
//! E1<TAB>Merge-org:T3 Org-Arg:T1 Org-Arg2:T2   event: type:trigger then role:id arguments
//! A1<TAB>Confidence E1 High                    attribute (binary without a value); M is old
//! N1<TAB>Reference T1 Wikidata:Q123<TAB>label  normalization
//! #1<TAB>AnnotatorNotes T1<TAB>note            note
//! *<TAB>Equiv T1 T2 T3                          equivalence (no id of its own)
//! ```
//!
//! Offsets count Unicode code points of the `.txt` as brat reads it: UTF-8, no newline
//! translation, so `\r\n` is two characters (see `docs/formats.md` for how that was
//! established). [`parse`] converts them to byte spans with one pass over the text.
//!
//! Besides the reader: [`pair_files`] pairs `.txt` and `.ann` paths, [`reanchor`] finds the
//! new offsets of every `T` after the `.txt` was edited, and [`render_text_bound`] writes the
//! line for a new annotation with the next free id.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use aho_corasick::{AhoCorasick, MatchKind};

use super::brat_conf::{AnnKind, BratConfig, Overlap, Section};
use super::offsets::{OffsetError, OffsetIndex, OffsetUnit, TextOrigin, splits_grapheme};
use super::{
    AnnId, AnnotatedDocument, AnnotatedSpan, Attribute, DocumentParts, FileRole, Format, KbRef, Note,
    NumberError, Problem, ProblemKind, Relation, line_spans, parse_number, quote,
};
use crate::span::Span;

/// How a mismatch message says that the offsets were counted in another unit (bytes, UTF-16
/// units, `\r\n` as one character): a tool's counting error rather than an edited text.
pub const OTHER_COUNTING: &str = "the offsets would match if";

/// Offsets as written in a `T` line, in code points of the `.txt`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, PartialOrd, Ord, Hash)]
pub struct CharSpan {
    pub start: u64,
    pub end: u64,
}

impl fmt::Display for CharSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// One fragment of a text-bound annotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fragment {
    /// As written; negative numbers are kept out by the parser (they are reported instead).
    pub chars: CharSpan,
    /// Where `start end` is written in the `.ann`.
    pub span: Span,
    /// The byte span in the `.txt`, when the offsets are in range and not inverted.
    pub bytes: Option<Span>,
}

/// A text with its location in the `.ann`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub value: String,
    pub span: Span,
}

/// A reference to another annotation: `Arg1:T1`, a trigger, an attribute target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ref {
    /// The role (`Arg1`, `Org-Arg2`); empty where the line type has none.
    pub role: String,
    pub target: AnnId,
    /// The whole `role:id` token.
    pub span: Span,
    /// Just the id.
    pub target_span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextBound {
    pub ty: Field,
    pub fragments: Vec<Fragment>,
    /// All offsets, `0 5;10 15`, for rewriting them (re-anchoring).
    pub offsets_span: Span,
    /// The recorded text; `None` when the line has no text column.
    pub text: Option<Field>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BinaryRelation {
    pub ty: Field,
    pub args: [Ref; 2],
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    pub ty: Field,
    pub trigger: Ref,
    pub args: Vec<Ref>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttributeRecord {
    pub name: Field,
    pub target: Ref,
    /// `None` for a binary attribute.
    pub value: Option<Field>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Normalization {
    pub ty: Field,
    pub target: Ref,
    /// `Wikidata` in `Wikidata:Q123`.
    pub kb: String,
    pub kb_id: String,
    /// Where `Wikidata:Q123` is written.
    pub reference_span: Span,
    pub label: Option<Field>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteRecord {
    pub ty: Field,
    pub target: Ref,
    pub text: Field,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Equiv {
    pub ty: Field,
    pub members: Vec<Ref>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordBody {
    TextBound(TextBound),
    Relation(BinaryRelation),
    Event(Event),
    /// `A` and the older `M` lines.
    Attribute(AttributeRecord),
    Normalization(Normalization),
    Note(NoteRecord),
    Equiv(Equiv),
    /// A line that could not be read; its problem says why.
    Unparsed,
}

/// One line of the `.ann`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// `None` for equivalences (`*`) and lines without a readable id.
    pub id: Option<AnnId>,
    pub id_span: Span,
    /// The line without its line break.
    pub line: Span,
    pub body: RecordBody,
}

/// A `.txt` and its `.ann`, read.
#[derive(Clone, Debug)]
pub struct BratDocument {
    records: Vec<Record>,
    parts: DocumentParts,
}

impl BratDocument {
    /// Every line of the `.ann`, in order.
    pub fn records(&self) -> &[Record] {
        &self.records
    }

    /// The record with this id.
    pub fn record(&self, id: &str) -> Option<&Record> {
        self.records.iter().find(|r| r.id.as_ref().is_some_and(|i| i.as_str() == id))
    }
}

impl AnnotatedDocument for BratDocument {
    fn format(&self) -> Format {
        Format::Brat
    }
    fn parts(&self) -> &DocumentParts {
        &self.parts
    }
}

/// Reads a `.ann` against its `.txt`, checking types and overlaps against `conf` when the
/// collection has an `annotation.conf`. Problems are in the `.ann` (related spans may point
/// into the `.txt`); problems of the configuration itself stay in [`BratConfig::problems`].
pub fn parse(txt: &str, ann: &str, conf: Option<&BratConfig>) -> BratDocument {
    let mut problems = Vec::new();
    // `split_inclusive` gives no empty last line after a final line break, and no line at
    // all for an empty file, as brat reads them.
    let mut records: Vec<Record> = line_spans(ann).map(|line| parse_line(ann, line, &mut problems)).collect();

    let text = TextCheck::new(txt);
    let mut nearest = Vec::new();
    for record in &mut records {
        if let (Some(id), RecordBody::TextBound(tb)) = (&record.id, &mut record.body) {
            text.check(id, tb, &mut problems, &mut nearest);
        }
    }
    text.resolve_nearest(nearest, &mut problems);

    let ids = index_ids(&records, &mut problems);
    check_references(&records, &ids, &mut problems);
    if let Some(conf) = conf {
        check_types(&records, &ids, conf, &mut problems);
        check_overlaps(&records, conf, &mut problems);
    }

    let (spans, relations) = common_view(&records, &ids);
    problems.sort_by_key(|p| (p.span.start, p.kind));
    BratDocument {
        records,
        parts: DocumentParts {
            text: txt.to_string(),
            origin: TextOrigin::identity(),
            spans,
            relations,
            problems,
        },
    }
}

fn malformed(line: Span, message: String) -> Problem {
    Problem::new(ProblemKind::MalformedLine, FileRole::Annotation, line, message)
}

/// Splits `s` (starting at byte `base` of the `.ann`) on single spaces, keeping positions.
fn words(s: &str, base: usize) -> Vec<(&str, Span)> {
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
fn ws_words(s: &str, base: usize) -> Vec<(&str, Span)> {
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

fn is_valid_id(id: &str) -> bool {
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

fn make_ref(word: &str, span: Span, role_required: bool) -> Option<Ref> {
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

fn parse_line(ann: &str, line: Span, problems: &mut Vec<Problem>) -> Record {
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

fn parse_text_bound(
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

fn parse_relation(
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

fn parse_event(
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

fn parse_attribute(
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

fn parse_normalization(
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

fn parse_note(
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

fn parse_equiv(data: &str, base: usize, data_span: Span, problems: &mut Vec<Problem>) -> Option<RecordBody> {
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

/// The `.txt` with its offset indexes, for checking `T` lines. The UTF-16 and CRLF indexes
/// only explain mismatches, so they are built on the first one.
struct TextCheck<'a> {
    txt: &'a str,
    chars: OffsetIndex,
    utf16: OnceCell<OffsetIndex>,
    crlf: OnceCell<OffsetIndex>,
    ascii: bool,
    has_crlf: bool,
}

impl<'a> TextCheck<'a> {
    fn new(txt: &'a str) -> TextCheck<'a> {
        TextCheck {
            txt,
            chars: OffsetIndex::new(txt, OffsetUnit::CodePoint),
            utf16: OnceCell::new(),
            crlf: OnceCell::new(),
            ascii: txt.is_ascii(),
            has_crlf: txt.contains("\r\n"),
        }
    }

    fn check(
        &self,
        id: &AnnId,
        tb: &mut TextBound,
        problems: &mut Vec<Problem>,
        nearest: &mut Vec<NearestQuery>,
    ) {
        let len = self.chars.len_units();
        let mut all_resolved = true;
        // Whether a text was in UTF-8 bytes or UTF-16 units is asked once per line: a line
        // of thousands of fragments past the end must not compare the text once per fragment.
        let mut counting_hint_asked = false;
        for frag in &mut tb.fragments {
            let CharSpan { start, end } = frag.chars;
            if start > end {
                problems.push(Problem::new(
                    ProblemKind::InvertedSpan,
                    FileRole::Annotation,
                    frag.span,
                    format!("{id} starts at {start} but ends at {end}"),
                ));
                all_resolved = false;
                continue;
            }
            if end > len {
                let mut message = if start > len {
                    format!("{id} starts at {start} but the text has {len} characters")
                } else {
                    format!("{id} ends at {end} but the text has {len} characters")
                };
                if let Some(text) = &tb.text
                    && !std::mem::replace(&mut counting_hint_asked, true)
                    && let Some(hint) = self.other_counting_hint(&[frag.chars], &text.value)
                {
                    message.push_str("; ");
                    message.push_str(&hint);
                }
                problems.push(Problem::new(
                    ProblemKind::OffsetOutOfRange,
                    FileRole::Annotation,
                    frag.span,
                    message,
                ));
                all_resolved = false;
                continue;
            }
            let (Ok(s), Ok(e)) =
                (self.chars.byte_offset(self.txt, start), self.chars.byte_offset(self.txt, end))
            else {
                all_resolved = false;
                continue;
            };
            frag.bytes = Some(Span::new(s, e));
            for (which, offset, byte) in [("starts", start, s), ("ends", end, e)] {
                if splits_grapheme(self.txt, byte) {
                    problems.push(
                        Problem::new(
                            ProblemKind::OffsetInsideCharacter,
                            FileRole::Annotation,
                            frag.span,
                            format!("{id} {which} at {offset}, {}", describe_split(self.txt, byte)),
                        )
                        .with_related(
                            FileRole::Text,
                            Span::new(s, e),
                            "the annotated text",
                        ),
                    );
                }
            }
        }

        let overlapping = overlapping_fragments(&tb.fragments);
        for &(earlier, later) in &overlapping {
            let (a, b) = (&tb.fragments[earlier], &tb.fragments[later]);
            problems.push(Problem::new(
                ProblemKind::OverlappingFragments,
                FileRole::Annotation,
                b.span,
                format!("fragments {} and {} of {id} overlap", a.chars, b.chars),
            ));
        }

        let Some(recorded) = &tb.text else { return };
        // Overlapping fragments repeat text: the line is already reported, and joining them
        // could build a string as long as the text times the number of fragments.
        if !all_resolved || tb.fragments.is_empty() || !overlapping.is_empty() {
            return;
        }
        let pieces: Vec<&str> =
            tb.fragments.iter().filter_map(|f| f.bytes).map(|b| &self.txt[b.range()]).collect();
        let expected = pieces.join(" ");
        let value = recorded.value.as_str();
        // brat compares only as many characters as the fragments cover and tolerates what
        // follows after whitespace; trailing whitespace is all we tolerate.
        if value == expected || (value.starts_with(&expected) && value[expected.len()..].trim().is_empty()) {
            return;
        }
        let offsets: Vec<String> = tb.fragments.iter().map(|f| f.chars.to_string()).collect();
        let mut message = format!(
            "{id} records {} but the text at {} is {}",
            quote(value),
            offsets.join(";"),
            quote(&expected)
        );
        let mut hints = Vec::new();
        if pieces.len() > 1 && value == pieces.concat() {
            hints.push("the fragments are joined without a space, as brat before 1.3 wrote them".to_string());
        }
        let chars: Vec<CharSpan> = tb.fragments.iter().map(|f| f.chars).collect();
        if let Some(hint) = self.other_counting_hint(&chars, value) {
            hints.push(hint);
        }
        for hint in hints {
            message.push_str("; ");
            message.push_str(&hint);
        }
        let mut problem =
            Problem::new(ProblemKind::TextMismatch, FileRole::Annotation, recorded.span, message);
        for frag in &tb.fragments {
            if let Some(b) = frag.bytes {
                problem = problem.with_related(FileRole::Text, b, format!("the text at {}", frag.chars));
            }
        }
        // Where the recorded text does occur is looked up for all mismatches at once.
        nearest.push(NearestQuery {
            problem: problems.len(),
            needle: value.trim_end().to_string(),
            around: tb.fragments[0].bytes.unwrap_or_default().start as usize,
            old_start: tb.fragments[0].chars.start,
        });
        problems.push(problem);
    }

    /// Whether the offsets would select `recorded` if a tool had counted them in UTF-8 bytes,
    /// UTF-16 code units, or with `\r\n` as one character.
    fn other_counting_hint(&self, fragments: &[CharSpan], recorded: &str) -> Option<String> {
        let recorded = recorded.trim_end();
        let select = |to_byte: &dyn Fn(u64) -> Option<usize>| -> Option<String> {
            let mut pieces = Vec::new();
            for f in fragments {
                let (s, e) = (to_byte(f.start)?, to_byte(f.end)?);
                pieces.push(self.txt.get(s..e)?);
            }
            Some(pieces.join(" "))
        };
        let bytes = |n: u64| usize::try_from(n).ok().filter(|&n| n <= self.txt.len());
        if !self.ascii && select(&bytes).as_deref() == Some(recorded) {
            return Some(format!("{OTHER_COUNTING} counted in UTF-8 bytes"));
        }
        let utf16 = self.utf16.get_or_init(|| OffsetIndex::new(self.txt, OffsetUnit::Utf16));
        if utf16.len_units() != self.chars.len_units()
            && select(&|n| utf16.byte_offset(self.txt, n).ok()).as_deref() == Some(recorded)
        {
            return Some(format!("{OTHER_COUNTING} counted in UTF-16 code units"));
        }
        if self.has_crlf {
            let crlf = self.crlf.get_or_init(|| OffsetIndex::new(self.txt, OffsetUnit::CodePointCrlfAsOne));
            if select(&|n| crlf.byte_offset(self.txt, n).ok()).as_deref() == Some(recorded) {
                return Some(format!("{OTHER_COUNTING} each `\\r\\n` counted as one character"));
            }
        }
        None
    }

    /// Adds to each mismatch where its recorded text occurs nearest to the offsets, finding
    /// all recorded texts in one pass over the text (a file whose offsets are all shifted
    /// must not cost one scan per annotation).
    fn resolve_nearest(&self, queries: Vec<NearestQuery>, problems: &mut [Problem]) {
        let mut needles: Vec<&str> =
            queries.iter().map(|q| q.needle.as_str()).filter(|n| !n.is_empty()).collect();
        needles.sort_unstable();
        needles.dedup();
        let found = occurrences(self.txt, &needles);
        for q in &queries {
            let at = found.get(q.needle.as_str()).and_then(|list| {
                let i = list.partition_point(|&o| o < q.around);
                [i.checked_sub(1), Some(i)]
                    .into_iter()
                    .flatten()
                    .filter_map(|i| list.get(i))
                    .min_by_key(|&&o| o.abs_diff(q.around))
                    .copied()
            });
            let Some(problem) = problems.get_mut(q.problem) else {
                continue;
            };
            match at {
                Some(at) => {
                    let found_start = self.chars.unit_offset(self.txt, at);
                    let delta = found_start as i64 - q.old_start as i64;
                    let direction = if delta < 0 { "earlier" } else { "later" };
                    let found_end = found_start + q.needle.chars().count() as u64;
                    let distance = delta.unsigned_abs();
                    let unit = if distance == 1 { "character" } else { "characters" };
                    problem.message.push_str(&if distance == 0 {
                        format!("; {} starts there but ends at {found_end}", quote(&q.needle))
                    } else {
                        format!(
                            "; {} occurs {distance} {unit} {direction}, at {found_start}..{found_end}",
                            quote(&q.needle),
                        )
                    });
                    problem.related.push(super::Related {
                        file: FileRole::Text,
                        span: Span::new(at, at + q.needle.len()),
                        message: "the recorded text occurs here".into(),
                    });
                }
                None if !q.needle.trim().is_empty() => {
                    problem.message.push_str(&format!("; {} does not occur in the text", quote(&q.needle)))
                }
                None => {}
            }
        }
    }
}

/// The fragments (by index) that overlap an earlier-starting one, each once, paired with the
/// fragment it overlaps (the one reaching furthest): `(earlier, later)`, in order of the later
/// one's start. One sweep over the fragments sorted by start, so a line of many fragments
/// costs O(n log n), not a comparison of every pair.
fn overlapping_fragments(fragments: &[Fragment]) -> Vec<(usize, usize)> {
    let mut order: Vec<(Span, usize)> =
        fragments.iter().enumerate().filter_map(|(i, f)| f.bytes.map(|b| (b, i))).collect();
    order.sort_unstable_by_key(|&(b, i)| (b.start, b.end, i));
    let mut out = Vec::new();
    // The fragment seen so far that reaches furthest: any later one overlapping an earlier
    // one overlaps it.
    let mut furthest: Option<(Span, usize)> = None;
    for &(span, i) in &order {
        if let Some((reach, j)) = furthest
            && reach.overlaps(span)
        {
            out.push((j, i));
        }
        if furthest.is_none_or(|(reach, _)| span.end > reach.end) {
            furthest = Some((span, i));
        }
    }
    out
}

/// A mismatch waiting for [`TextCheck::resolve_nearest`].
struct NearestQuery {
    problem: usize,
    needle: String,
    around: usize,
    old_start: u64,
}

/// The byte offsets where each of `needles` occurs in `text` (overlapping occurrences
/// included), ascending, found in one Aho-Corasick pass.
fn occurrences<'a>(text: &str, needles: &[&'a str]) -> HashMap<&'a str, Vec<usize>> {
    let mut found: HashMap<&str, Vec<usize>> = HashMap::new();
    if needles.is_empty() {
        return found;
    }
    match AhoCorasick::builder().match_kind(MatchKind::Standard).build(needles) {
        Ok(ac) => {
            for m in ac.find_overlapping_iter(text) {
                found.entry(needles[m.pattern().as_usize()]).or_default().push(m.start());
            }
        }
        Err(_) => {
            for n in needles {
                found.insert(n, text.match_indices(n).map(|(at, _)| at).collect());
            }
        }
    }
    for list in found.values_mut() {
        list.sort_unstable();
    }
    found
}

/// "between `e` and U+0301" / "between the `\r` and `\n` of a line break".
fn describe_split(txt: &str, byte: usize) -> String {
    let before = txt[..byte].chars().next_back();
    let after = txt[byte..].chars().next();
    match (before, after) {
        (Some('\r'), Some('\n')) => "between the `\\r` and `\\n` of a line break".to_string(),
        (Some(b), Some(a)) => {
            let show = |c: char| {
                if c.is_alphanumeric() || c.is_ascii_graphic() {
                    format!("`{c}` (U+{:04X})", c as u32)
                } else {
                    format!("U+{:04X}", c as u32)
                }
            };
            format!("inside one character, between {} and {}", show(b), show(a))
        }
        _ => "inside one character".to_string(),
    }
}

/// Which record each id names; reports duplicates.
fn index_ids<'a>(records: &'a [Record], problems: &mut Vec<Problem>) -> HashMap<&'a str, usize> {
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

fn owner(record: &Record) -> &str {
    record.id.as_ref().map_or("the equivalence", |id| id.as_str())
}

fn check_references(records: &[Record], ids: &HashMap<&str, usize>, problems: &mut Vec<Problem>) {
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

fn unknown(who: &str, r: &Ref, what: &str) -> Problem {
    Problem::new(
        ProblemKind::UnknownReference,
        FileRole::Annotation,
        r.target_span,
        format!("{who} refers to {} as its {what}, but no annotation has that id", r.target),
    )
}

fn invalid(who: &str, r: &Ref, target: &Record, why: &str) -> Problem {
    Problem::new(
        ProblemKind::InvalidReference,
        FileRole::Annotation,
        r.target_span,
        format!("{who} refers to {}, but {why}", r.target),
    )
    .with_related(FileRole::Annotation, target.line, format!("{} is defined here", r.target))
}

/// The type and kind of the annotation an id names, for configuration checks.
fn type_of<'a>(
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

fn suggestion(name: &str, candidates: &[super::brat_conf::TypeDecl]) -> String {
    candidates
        .iter()
        .filter(|d| !d.name.starts_with('<'))
        .map(|d| (strsim::levenshtein(&d.name.to_lowercase(), &name.to_lowercase()), &d.name))
        .filter(|(dist, _)| *dist <= 2 || *dist * 4 <= name.len())
        .min()
        .map(|(_, n)| format!("; did you mean `{n}`?"))
        .unwrap_or_default()
}

fn undeclared(field: &Field, message: String) -> Problem {
    Problem::new(ProblemKind::UndeclaredType, FileRole::Annotation, field.span, message)
}

fn check_types(
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
fn check_overlaps(records: &[Record], conf: &BratConfig, problems: &mut Vec<Problem>) {
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

/// The format-independent view: text-bound annotations with their attributes, norms and
/// notes; relations, event arguments and equivalences as relations between text spans.
fn common_view(records: &[Record], ids: &HashMap<&str, usize>) -> (Vec<AnnotatedSpan>, Vec<Relation>) {
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

/// A `.txt` and the `.ann` of the same name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct BratPair {
    pub txt: PathBuf,
    pub ann: PathBuf,
}

/// `.txt` and `.ann` files of one collection, paired by name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pairing {
    /// Sorted by path.
    pub pairs: Vec<BratPair>,
    pub ann_without_txt: Vec<PathBuf>,
    /// brat shows these with no annotations (and creates an empty `.ann` on first edit).
    pub txt_without_ann: Vec<PathBuf>,
}

impl Pairing {
    /// One problem per unpaired file, with an empty span at the start of that file.
    pub fn problems(&self) -> Vec<(PathBuf, Problem)> {
        let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let mut out = Vec::new();
        for ann in &self.ann_without_txt {
            let txt = ann.with_extension("txt");
            out.push((
                ann.clone(),
                Problem::new(
                    ProblemKind::AnnWithoutText,
                    FileRole::Annotation,
                    Span::empty(0),
                    format!("{} has no {}; its offsets point at nothing", name(ann), name(&txt)),
                ),
            ));
        }
        for txt in &self.txt_without_ann {
            let ann = txt.with_extension("ann");
            out.push((
                txt.clone(),
                Problem::new(
                    ProblemKind::TextWithoutAnn,
                    FileRole::Text,
                    Span::empty(0),
                    format!("{} has no {}; brat shows it unannotated", name(txt), name(&ann)),
                ),
            ));
        }
        out
    }
}

/// Pairs `NAME.txt` with `NAME.ann` among `paths` (other files are ignored); pure, the caller
/// lists the directory.
pub fn pair_files<P: AsRef<Path>>(paths: &[P]) -> Pairing {
    let mut txt: HashMap<PathBuf, PathBuf> = HashMap::new();
    let mut ann: HashMap<PathBuf, PathBuf> = HashMap::new();
    for path in paths {
        let path = path.as_ref();
        match path.extension().and_then(|e| e.to_str()) {
            Some("txt") => txt.insert(path.with_extension(""), path.to_path_buf()),
            Some("ann") => ann.insert(path.with_extension(""), path.to_path_buf()),
            _ => None,
        };
    }
    let mut pairing = Pairing::default();
    for (stem, t) in &txt {
        match ann.get(stem) {
            Some(a) => pairing.pairs.push(BratPair { txt: t.clone(), ann: a.clone() }),
            None => pairing.txt_without_ann.push(t.clone()),
        }
    }
    pairing.ann_without_txt =
        ann.iter().filter(|(stem, _)| !txt.contains_key(*stem)).map(|(_, a)| a.clone()).collect();
    pairing.pairs.sort();
    pairing.ann_without_txt.sort();
    pairing.txt_without_ann.sort();
    pairing
}

/// Where a `T` annotation lands in an edited text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reanchor {
    pub id: AnnId,
    /// The `T` line in the `.ann`.
    pub line: Span,
    /// The offsets field to replace (`0 5;10 15`).
    pub offsets_span: Span,
    pub old: Vec<CharSpan>,
    /// The new offsets; `None` when the recorded text no longer occurs.
    pub new: Option<Vec<CharSpan>>,
}

impl Reanchor {
    pub fn moved(&self) -> bool {
        self.new.as_ref().is_some_and(|n| *n != self.old)
    }

    /// The new offsets field, `10 15;20 25`.
    pub fn offsets_field(&self) -> Option<String> {
        let new = self.new.as_ref()?;
        Some(new.iter().map(|c| format!("{} {}", c.start, c.end)).collect::<Vec<_>>().join(";"))
    }
}

/// For each `T` line of `ann`, the offsets of its recorded text in `new_txt` nearest to where
/// it was. Annotations are placed in text order, each expected where it was plus the shift of
/// the one placed before it (so an insertion carries every later name along); the first
/// fragment goes to the occurrence of its text nearest to that, later fragments keep their
/// distance to it when their text is still there, or else go to their own nearest occurrence.
/// All occurrences of all recorded texts are found in one pass (Aho-Corasick). The old text
/// is not needed, so this is a heuristic: check the result before writing it.
pub fn reanchor(ann: &str, new_txt: &str) -> Vec<Reanchor> {
    let mut sink = Vec::new();
    let records: Vec<Record> = line_spans(ann).map(|line| parse_line(ann, line, &mut sink)).collect();

    // The text of each fragment, cut out of the recorded text by the old fragment lengths.
    struct Wanted {
        id: AnnId,
        line: Span,
        offsets_span: Span,
        old: Vec<CharSpan>,
        pieces: Option<Vec<String>>,
    }
    let mut wanted = Vec::new();
    for record in &records {
        let (Some(id), RecordBody::TextBound(tb)) = (&record.id, &record.body) else {
            continue;
        };
        let old: Vec<CharSpan> = tb.fragments.iter().map(|f| f.chars).collect();
        let pieces =
            tb.text.as_ref().and_then(|t| split_recorded(t.value.trim_end_matches(['\r', '\n']), &old));
        wanted.push(Wanted { id: id.clone(), line: record.line, offsets_span: tb.offsets_span, old, pieces });
    }

    let mut patterns: Vec<String> = wanted
        .iter()
        .filter_map(|w| w.pieces.as_ref())
        .flatten()
        .filter(|p| !p.is_empty())
        .cloned()
        .collect();
    patterns.sort_unstable();
    patterns.dedup();
    let index = OffsetIndex::new(new_txt, OffsetUnit::CodePoint);
    // Occurrence char offsets per pattern, ascending.
    let mut occurrences: HashMap<&str, Vec<u64>> = HashMap::new();
    match AhoCorasick::builder().match_kind(MatchKind::Standard).build(&patterns) {
        Ok(ac) => {
            for m in ac.find_overlapping_iter(new_txt) {
                let pattern = patterns[m.pattern().as_usize()].as_str();
                occurrences.entry(pattern).or_default().push(index.unit_offset(new_txt, m.start()));
            }
        }
        Err(_) => {
            for p in &patterns {
                let found =
                    new_txt.match_indices(p.as_str()).map(|(at, _)| index.unit_offset(new_txt, at)).collect();
                occurrences.insert(p.as_str(), found);
            }
        }
    }
    for list in occurrences.values_mut() {
        list.sort_unstable();
    }
    let nearest = |piece: &str, around: u64| -> Option<u64> {
        let list = occurrences.get(piece)?;
        let at = list.partition_point(|&o| o < around);
        [at.checked_sub(1), Some(at)]
            .into_iter()
            .flatten()
            .filter_map(|i| list.get(i))
            .min_by_key(|&&o| o.abs_diff(around))
            .copied()
    };
    let len = index.len_units();

    // Walk the annotations in text order carrying the shift of the last one placed, so an
    // insertion moves every later name with it even where the same text occurs close by.
    let mut order: Vec<usize> = (0..wanted.len()).collect();
    order.sort_by_key(|&i| wanted[i].old.first().map(|c| c.start));
    let mut placed: Vec<Option<Vec<CharSpan>>> = vec![None; wanted.len()];
    let mut running: i64 = 0;
    for i in order {
        let w = &wanted[i];
        let Some(pieces) = &w.pieces else { continue };
        let mut out = Vec::with_capacity(pieces.len());
        let mut delta = running;
        for (n, (piece, old)) in pieces.iter().zip(&w.old).enumerate() {
            let width = piece.chars().count() as u64;
            let guess = (old.start as i64 + delta).max(0) as u64;
            let start = if piece.is_empty() {
                Some(guess.min(len))
            } else if occurrences.get(piece.as_str()).is_some_and(|l| l.binary_search(&guess).is_ok()) {
                Some(guess)
            } else {
                nearest(piece, guess)
            };
            let Some(start) = start else {
                out.clear();
                break;
            };
            if n == 0 {
                delta = start as i64 - old.start as i64;
            }
            out.push(CharSpan { start, end: start + width });
        }
        if out.len() == pieces.len() {
            running = delta;
            placed[i] = Some(out);
        }
    }
    wanted
        .into_iter()
        .zip(placed)
        .map(|(w, new)| Reanchor { id: w.id, line: w.line, offsets_span: w.offsets_span, old: w.old, new })
        .collect()
}

/// Cuts a recorded text into its fragments by the old fragment lengths; `None` if the lengths
/// and the joining spaces do not fit.
fn split_recorded(recorded: &str, old: &[CharSpan]) -> Option<Vec<String>> {
    if old.len() == 1 {
        return Some(vec![recorded.trim_end().to_string()]);
    }
    let chars: Vec<char> = recorded.chars().collect();
    let mut pieces = Vec::new();
    let mut at = 0usize;
    for (n, f) in old.iter().enumerate() {
        let width = usize::try_from(f.end.checked_sub(f.start)?).ok()?;
        if n > 0 {
            if chars.get(at) != Some(&' ') {
                return None;
            }
            at += 1;
        }
        pieces.push(chars.get(at..at + width)?.iter().collect());
        at += width;
    }
    Some(pieces)
}

/// `ann` with the offsets of every moved annotation rewritten.
pub fn apply_reanchor(ann: &str, anchors: &[Reanchor]) -> String {
    let mut edits: Vec<(Span, String)> = anchors
        .iter()
        .filter(|a| a.moved())
        .filter_map(|a| Some((a.offsets_span, a.offsets_field()?)))
        .collect();
    edits.sort_by_key(|(s, _)| s.start);
    let mut out = String::with_capacity(ann.len());
    let mut at = 0;
    for (span, text) in edits {
        if (span.start as usize) < at || span.end as usize > ann.len() {
            continue;
        }
        out.push_str(&ann[at..span.start as usize]);
        out.push_str(&text);
        at = span.end as usize;
    }
    out.push_str(&ann[at..]);
    out
}

/// The next free id with `prefix` (`'T'`, `'R'`...): one more than the largest in use, so a
/// deleted id is never reused (brat itself reuses the first gap).
pub fn next_id(ann: &str, prefix: char) -> AnnId {
    let max = line_spans(ann)
        .filter_map(|line| {
            let text = &ann[line.range()];
            let id = text.split('\t').next()?;
            let rest = id.strip_prefix(prefix)?;
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            // `TX1` is an id of prefix `TX`, not `T`.
            (!digits.is_empty()).then(|| digits.parse::<u64>().unwrap_or(u64::MAX))
        })
        .max()
        .unwrap_or(0);
    AnnId::new(&format!("{prefix}{}", max.saturating_add(1)))
}

/// Why a new `T` line cannot be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RenderError {
    NoFragments,
    /// The type is empty or contains whitespace, which the line format cannot hold.
    BadType(String),
    /// A fragment is past the end of the text or not on a character boundary.
    BadSpan(Span),
    /// The covered text has a tab or line break, which would break the `.ann` line.
    TextHasLineBreak(Span),
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::NoFragments => write!(f, "an annotation needs at least one span"),
            RenderError::BadType(ty) => {
                write!(f, "type {} is empty or contains whitespace", quote(ty))
            }
            RenderError::BadSpan(span) => {
                write!(f, "span {span:?} is outside the text or splits a character")
            }
            RenderError::TextHasLineBreak(span) => {
                write!(f, "the text at {span:?} contains a tab or line break, which a brat line cannot hold")
            }
        }
    }
}

impl std::error::Error for RenderError {}

/// The `.ann` line (without line break) for a new text-bound annotation of `ty` over the byte
/// spans `fragments` of `txt`, with the next free `T` id: `T{n}\t{Type} {start} {end}\t{text}`.
pub fn render_text_bound(ann: &str, txt: &str, ty: &str, fragments: &[Span]) -> Result<String, RenderError> {
    if fragments.is_empty() {
        return Err(RenderError::NoFragments);
    }
    if ty.is_empty() || ty.contains(char::is_whitespace) {
        return Err(RenderError::BadType(ty.to_string()));
    }
    let index = OffsetIndex::new(txt, OffsetUnit::CodePoint);
    let mut offsets = Vec::new();
    let mut pieces = Vec::new();
    for &span in fragments {
        let Some(piece) = txt.get(span.range()) else {
            return Err(RenderError::BadSpan(span));
        };
        if piece.contains(['\n', '\r', '\t']) {
            return Err(RenderError::TextHasLineBreak(span));
        }
        let start = index.unit_offset(txt, span.start as usize);
        let end = index.unit_offset(txt, span.end as usize);
        offsets.push(format!("{start} {end}"));
        pieces.push(piece);
    }
    Ok(format!("{}\t{ty} {}\t{}", next_id(ann, 'T'), offsets.join(";"), pieces.join(" ")))
}

/// The byte span of code-point offsets, for callers holding offsets from elsewhere; builds an
/// index each call, so convert many offsets through [`OffsetIndex`] instead.
pub fn char_span_to_bytes(txt: &str, chars: CharSpan) -> Result<Span, OffsetError> {
    let index = OffsetIndex::new(txt, OffsetUnit::CodePoint);
    Ok(Span::new(index.byte_offset(txt, chars.start)?, index.byte_offset(txt, chars.end)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLANTED_TXT: &str = include_str!("../../fixtures/formats/brat/planted.txt");
    const PLANTED_ANN: &str = include_str!("../../fixtures/formats/brat/planted.ann");
    const PLANTED_CONF: &str = include_str!("../../fixtures/formats/brat/annotation.conf");
    const CRLF_TXT: &str = include_str!("../../fixtures/formats/brat/crlf.txt");
    const CRLF_ANN: &str = include_str!("../../fixtures/formats/brat/crlf.ann");

    /// `(kind, text of the flagged span)` for each problem, in file order.
    fn check(txt: &str, ann: &str, conf: Option<&str>) -> (BratDocument, Vec<(ProblemKind, String)>) {
        let conf = conf.map(BratConfig::parse);
        let doc = parse(txt, ann, conf.as_ref());
        let found = doc.problems().iter().map(|p| (p.kind, ann[p.span.range()].to_string())).collect();
        (doc, found)
    }

    fn message(doc: &BratDocument, kind: ProblemKind, nth: usize) -> &str {
        &doc.problems().iter().filter(|p| p.kind == kind).nth(nth).unwrap().message
    }

    #[test]
    fn planted_errors_are_each_found_once() {
        let (doc, found) = check(PLANTED_TXT, PLANTED_ANN, Some(PLANTED_CONF));
        use ProblemKind::*;
        let expected: Vec<(ProblemKind, &str)> = vec![
            (TextMismatch, "Yasar Guler"),
            (OffsetOutOfRange, "90 97"),
            (DuplicateId, "T1"),
            (UnknownReference, "T99"),
            (UndeclaredType, "Persn"),
            (DisallowedOverlap, "T7\tOrganization 64 85\tArmed Forces welcomed"),
            (DisallowedOverlap, "T8\tPerson 77 90\twelcomed Akar"),
            (OffsetInsideCharacter, "38 39"),
            (UndeclaredValue, "Named"),
            (TextMismatch, "Monday"),
            (InvertedSpan, "30 20"),
            (MalformedLine, "T13 Person 0 11 Hulusi Akar"),
            (MalformedLine, "Located Arg1:T1"),
        ];
        let found: Vec<(ProblemKind, &str)> = found.iter().map(|(k, s)| (*k, s.as_str())).collect();
        assert_eq!(found, expected);

        assert_eq!(
            message(&doc, TextMismatch, 0),
            "T2 records `Yasar Guler` but the text at 16..27 is `Yaşar Güler`; `Yasar Guler` does not occur in the text"
        );
        assert_eq!(
            message(&doc, TextMismatch, 1),
            "T11 records `Monday` but the text at 46..52 is `nday.\\n`; the offsets would match if counted in UTF-16 code units; `Monday` occurs 2 characters earlier, at 44..50"
        );
        assert_eq!(message(&doc, OffsetOutOfRange, 0), "T4 ends at 97 but the text has 92 characters");
        assert!(
            message(&doc, OffsetInsideCharacter, 0)
                .starts_with("T9 ends at 39, inside one character, between U+1F1F9 and U+1F1F7")
        );
        assert_eq!(
            message(&doc, UndeclaredType, 0),
            "T6 has type `Persn`, which annotation.conf declares neither in [entities] nor in [events]; did you mean `Person`?"
        );
        assert_eq!(
            message(&doc, DisallowedOverlap, 1),
            "T8 (`Person`) crosses T7 (`Organization`), which annotation.conf does not allow; brat allows it with `<OVERLAP> Arg1:Person, Arg2:Organization, <OVL-TYPE>:cross` in [relations]"
        );
        assert_eq!(
            message(&doc, UnknownReference, 0),
            "R1 refers to T99 as its `Arg2` argument, but no annotation has that id"
        );
        assert_eq!(
            message(&doc, UndeclaredValue, 0),
            "A1 gives `Mention` the value `Named`, but annotation.conf allows only Name, Nominal"
        );
        let mismatch = doc.problems().iter().find(|p| p.kind == TextMismatch).unwrap();
        assert_eq!(mismatch.related[0].file, FileRole::Text);
        assert_eq!(&PLANTED_TXT[mismatch.related[0].span.range()], "Yaşar Güler");
    }

    #[test]
    fn common_view_merges_attributes_norms_notes_and_events() {
        let (doc, _) = check(PLANTED_TXT, PLANTED_ANN, Some(PLANTED_CONF));
        let t1 = doc.spans().iter().find(|s| s.id.as_str() == "T1").unwrap();
        assert_eq!(&PLANTED_TXT[t1.fragments[0].range()], "Hulusi Akar");
        assert_eq!(
            t1.kb_refs,
            [KbRef {
                kb: "Wikidata".into(),
                id: "Q6117580".into(),
                label: Some("Hulusi Akar".into()),
                span: t1.kb_refs[0].span
            }]
        );
        assert_eq!(&PLANTED_ANN[t1.kb_refs[0].span.range()], "Wikidata:Q6117580");
        assert_eq!(t1.attributes[0].value.as_deref(), Some("Named"));
        let t5 = doc.spans().iter().find(|s| s.id.as_str() == "T5").unwrap();
        let pieces: Vec<&str> = t5.fragments.iter().map(|f| &PLANTED_TXT[f.range()]).collect();
        assert_eq!(pieces, ["Turkish", "Forces"]);
        let t3 = doc.spans().iter().find(|s| s.id.as_str() == "T3").unwrap();
        assert_eq!(t3.notes[0].text, "capital");
        // The event's attribute lands on its trigger; its arguments become relations.
        let t10 = doc.spans().iter().find(|s| s.id.as_str() == "T10").unwrap();
        assert_eq!(t10.attributes[0].name, "Negated");
        let args: Vec<(&str, &str, &str)> = doc
            .relations()
            .iter()
            .filter(|r| r.id.as_ref().is_some_and(|i| i.as_str() == "E1"))
            .map(|r| (r.label.as_str(), r.from.as_str(), r.to.as_str()))
            .collect();
        assert_eq!(
            args,
            [("Participant", "T10", "T1"), ("Participant2", "T10", "T2"), ("Place", "T10", "T3")]
        );
        assert!(
            doc.relations()
                .iter()
                .any(|r| r.label == "Alias" && r.from.as_str() == "T1" && r.to.as_str() == "T2")
        );
        // Spans that cannot be placed are left out of the common view.
        assert!(doc.spans().iter().all(|s| !["T4", "T12"].contains(&s.id.as_str())));
    }

    #[test]
    fn crlf_counts_as_two_characters() {
        let (doc, found) = check(CRLF_TXT, CRLF_ANN, None);
        use ProblemKind::*;
        let kinds: Vec<_> = found.iter().map(|(k, s)| (*k, s.as_str())).collect();
        assert_eq!(kinds, [(TextMismatch, "Yaşar Güler"), (OffsetInsideCharacter, "8 16")]);
        assert!(
            message(&doc, TextMismatch, 0)
                .contains("the offsets would match if each `\\r\\n` counted as one character")
        );
        assert_eq!(
            message(&doc, OffsetInsideCharacter, 0),
            "T3 ends at 16, between the `\\r` and `\\n` of a line break"
        );
        let t1 = doc.spans().iter().find(|s| s.id.as_str() == "T1").unwrap();
        assert_eq!(&CRLF_TXT[t1.fragments[0].range()], "Hulusi Akar");
        // The CRLF `.ann` loses only its line breaks.
        assert_eq!(t1.recorded_text, "Hulusi Akar");
    }

    #[test]
    fn every_line_type_parses() {
        let txt = "Citibank moved $100 million to Raul Salinas.";
        let ann = "T1\tOrganization 0 8\tCitibank\nT2\tMoney 15 27\t$100 million\nT3\tTransfer-money 9 14\tmoved\nT4\tPerson 31 43\tRaul Salinas\nE1\tTransfer-money:T3 Giver-Arg:T1 Money-Arg:T2\nR1\tFamily Arg1:T4 Arg2:T4\t\nA1\tConfidence E1 High\nM1\tNegation E1\nN1\tReference T4 Wikipedia:64488\tCarlos Salinas\n#1\tAnnotatorNotes T2\t100000000 USD\n*\tAlias T1 T4\n";
        let (doc, found) = check(txt, ann, None);
        assert!(found.is_empty(), "{found:?}");
        let kinds: Vec<&str> = doc
            .records()
            .iter()
            .map(|r| match &r.body {
                RecordBody::TextBound(_) => "T",
                RecordBody::Event(_) => "E",
                RecordBody::Relation(_) => "R",
                RecordBody::Attribute(_) => "A",
                RecordBody::Normalization(_) => "N",
                RecordBody::Note(_) => "#",
                RecordBody::Equiv(_) => "*",
                RecordBody::Unparsed => "?",
            })
            .collect();
        assert_eq!(kinds, ["T", "T", "T", "T", "E", "R", "A", "A", "N", "#", "*"]);
        let a1 = doc.record("A1").unwrap();
        let RecordBody::Attribute(attr) = &a1.body else { panic!() };
        assert_eq!(attr.value.as_ref().map(|v| v.value.as_str()), Some("High"));
        assert_eq!(&ann[a1.id_span.range()], "A1");
    }

    #[test]
    fn references_must_exist_and_fit() {
        let txt = "Google bought YouTube.";
        let ann = "T1\tOrganization 0 6\tGoogle\nT2\tMerge-org 7 13\tbought\nE1\tAcquire:T2 Buyer:T1\nE2\tMerge-org:T7 Org:T1\nA1\tNegation N1\nN1\tReference T1 Wikidata:Q95\n";
        let (doc, found) = check(txt, ann, None);
        use ProblemKind::*;
        assert_eq!(
            found.iter().map(|(k, s)| (*k, s.as_str())).collect::<Vec<_>>(),
            [(InvalidReference, "T2"), (UnknownReference, "T7"), (InvalidReference, "N1")]
        );
        assert_eq!(
            message(&doc, InvalidReference, 0),
            "E1 is a `Acquire` event but its trigger T2 has type `Merge-org`"
        );
    }

    #[test]
    fn mismatch_with_a_short_end_says_where_the_text_ends() {
        let (doc, _) = check("Hulusi Akar spoke", "T1\tPerson 0 6\tHulusi Akar\n", None);
        assert_eq!(
            message(&doc, ProblemKind::TextMismatch, 0),
            "T1 records `Hulusi Akar` but the text at 0..6 is `Hulusi`; `Hulusi Akar` starts there but ends at 11"
        );
    }

    #[test]
    fn mismatch_hints_bytes_and_old_style_discontinuous() {
        let txt = "Çağlayan Akar and Güler met in Ankara";
        let start = txt.find("Güler").unwrap();
        let ann = format!(
            "T1\tPerson {start} {}\tGüler\nT2\tPerson 0 8;9 13\tÇağlayanAkar\n",
            start + "Güler".len()
        );
        let (doc, found) = check(txt, &ann, None);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            message(&doc, ProblemKind::TextMismatch, 0).contains("counted in UTF-8 bytes"),
            "{}",
            doc.problems()[0].message
        );
        assert!(message(&doc, ProblemKind::TextMismatch, 1).contains("joined without a space"));
    }

    #[test]
    fn overlaps_follow_the_configuration() {
        let txt = "New York City Council";
        let conf = "[entities]\nGPE\nOrganization\n[relations]\n<OVERLAP> Arg1:GPE, Arg2:Organization, <OVL-TYPE>:contain\n[events]\n[attributes]\n";
        let ann = "T1\tOrganization 0 21\tNew York City Council\nT2\tGPE 0 13\tNew York City\nT3\tGPE 0 8\tNew York\n";
        let (doc, found) = check(txt, ann, Some(conf));
        // GPE inside Organization is allowed; GPE inside GPE is not.
        assert_eq!(found.iter().map(|(k, _)| *k).collect::<Vec<_>>(), [ProblemKind::DisallowedOverlap]);
        assert!(
            message(&doc, ProblemKind::DisallowedOverlap, 0).starts_with("T3 (`GPE`) lies inside T2 (`GPE`)")
        );
        // Without a configuration nothing is checked.
        assert!(check(txt, ann, None).1.is_empty());
    }

    #[test]
    fn each_overlapping_fragment_is_reported_once_with_the_one_reaching_furthest() {
        let txt = "Hulusi Akar met Yaşar Güler";
        let ann = "T1\tPerson 0 11;1 3;2 4;12 15\tx\n";
        let (doc, found) = check(txt, ann, None);
        let kinds: Vec<ProblemKind> = found.iter().map(|(k, _)| *k).collect();
        // No text comparison for overlapping fragments: they repeat text.
        assert_eq!(kinds, [ProblemKind::OverlappingFragments, ProblemKind::OverlappingFragments]);
        assert_eq!(
            message(&doc, ProblemKind::OverlappingFragments, 0),
            "fragments 0..11 and 1..3 of T1 overlap"
        );
        assert_eq!(
            message(&doc, ProblemKind::OverlappingFragments, 1),
            "fragments 0..11 and 2..4 of T1 overlap"
        );
    }

    #[test]
    fn nested_spans_are_each_reported_once_with_the_nearest_span_around_them() {
        let txt = "x".repeat(20);
        let ann: String = (0..10)
            .map(|i| format!("T{}\tPER {i} {}\t{}\n", i + 1, 20 - i, "x".repeat(20 - 2 * i)))
            .collect();
        let conf = "[entities]\nPER\n[relations]\n[events]\n[attributes]\n";
        let (doc, found) = check(&txt, &ann, Some(conf));
        assert_eq!(found.len(), 9, "one per span inside another, not one per pair");
        for n in 0..9 {
            assert!(
                message(&doc, ProblemKind::DisallowedOverlap, n).starts_with(&format!(
                    "T{} (`PER`) lies inside T{} (`PER`)",
                    n + 2,
                    n + 1
                )),
                "{}",
                message(&doc, ProblemKind::DisallowedOverlap, n)
            );
        }
    }

    #[test]
    fn offsets_too_large_or_negative_keep_the_line_out_of_the_document() {
        let (doc, found) = check("hello", "T1\tPER 0 99999999999999999999\thello\nT2\tPER -1 3\thel\n", None);
        assert_eq!(
            found.iter().map(|(k, s)| (*k, s.as_str())).collect::<Vec<_>>(),
            [
                (ProblemKind::OffsetOutOfRange, "0 99999999999999999999"),
                (ProblemKind::OffsetOutOfRange, "-1 3")
            ]
        );
        assert_eq!(
            message(&doc, ProblemKind::OffsetOutOfRange, 0),
            "T1 has the offset `99999999999999999999`, which is too large (at most 9223372036854775807 can be read)"
        );
        assert_eq!(message(&doc, ProblemKind::OffsetOutOfRange, 1), "T2 has the negative offset -1");
        assert!(doc.spans().is_empty());
    }

    #[test]
    fn relation_argument_types_follow_the_configuration() {
        let conf =
            "[entities]\nPerson\nGPE\n[relations]\nLocated Arg1:Person, Arg2:GPE\n[events]\n[attributes]\n";
        let txt = "Ankara Akar";
        let ok = "T1\tGPE 0 6\tAnkara\nT2\tPerson 7 11\tAkar\nR1\tLocated Arg1:T2 Arg2:T1\n";
        assert!(check(txt, ok, Some(conf)).1.is_empty());
        let bad = "T1\tGPE 0 6\tAnkara\nT2\tPerson 7 11\tAkar\nR1\tLocated Arg1:T1 Arg2:T1\n";
        let (doc, found) = check(txt, bad, Some(conf));
        assert_eq!(found, [(ProblemKind::InvalidReference, "Located".to_string())]);
        assert!(doc.problems()[0].message.contains("allows only Arg1:Person, Arg2:GPE"));
    }

    #[test]
    fn pairing_reports_both_orphans() {
        let paths = ["c/a.txt", "c/a.ann", "c/b.ann", "c/d.txt", "c/annotation.conf", "c/e.ann.bak"]
            .map(PathBuf::from);
        let pairing = pair_files(&paths);
        assert_eq!(
            pairing.pairs,
            [BratPair { txt: PathBuf::from("c/a.txt"), ann: PathBuf::from("c/a.ann") }]
        );
        assert_eq!(pairing.ann_without_txt, [PathBuf::from("c/b.ann")]);
        assert_eq!(pairing.txt_without_ann, [PathBuf::from("c/d.txt")]);
        let problems = pairing.problems();
        assert_eq!(problems[0].1.kind, ProblemKind::AnnWithoutText);
        assert_eq!(problems[0].1.message, "b.ann has no b.txt; its offsets point at nothing");
        assert_eq!(problems[1].1.kind, ProblemKind::TextWithoutAnn);
    }

    #[test]
    fn reanchoring_follows_the_edit() {
        let old_txt = "Hulusi Akar met Yaşar Güler in Ankara.";
        let ann = "T1\tPerson 0 11\tHulusi Akar\nT2\tPerson 16 27\tYaşar Güler\nT3\tGPE 31 37\tAnkara\nT4\tPerson 0 6;7 11\tHulusi Akar\nT5\tPerson 16 21\tYaşar\n";
        assert!(check(old_txt, ann, None).1.is_empty());
        let new_txt = "Defence minister Hulusi Akar met 🙂 Ankara's Yaşar Güler.";
        let anchors = reanchor(ann, new_txt);
        let offsets: Vec<Option<String>> = anchors.iter().map(|a| a.offsets_field()).collect();
        assert_eq!(
            offsets,
            [
                Some("17 28".into()),
                Some("44 55".into()),
                Some("35 41".into()),
                Some("17 23;24 28".into()),
                Some("44 49".into())
            ]
        );
        let rewritten = apply_reanchor(ann, &anchors);
        let (_, found) = check(new_txt, &rewritten, None);
        assert!(found.is_empty(), "{found:?}\n{rewritten}");
        // Repeated names close together follow the shift of the names before them.
        let twins = "T1\tPerson 0 4\tAkar\nT2\tPerson 5 9\tAkar\n";
        let moved: Vec<Option<String>> =
            reanchor(twins, "Breaking news: Akar Akar").iter().map(|a| a.offsets_field()).collect();
        assert_eq!(moved, [Some("15 19".into()), Some("20 24".into())]);
        // A name that is gone has no new place.
        let gone = reanchor("T1\tPerson 0 4\tAkar\n", "nobody here");
        assert_eq!(gone[0].new, None);
        assert!(!gone[0].moved());
    }

    #[test]
    fn rendering_a_new_annotation_uses_the_next_id() {
        let txt = "Yaşar Güler 🙂 and Hulusi Akar";
        let ann = "T1\tPerson 0 11\tYaşar Güler\nT7\tPerson 0 5\tYaşar\nTX9\tPerson 0 5\tYaşar\nR3\tX Arg1:T1 Arg2:T7\n";
        let start = txt.find("Hulusi").unwrap();
        let line = render_text_bound(ann, txt, "Person", &[Span::new(start, txt.len())]).unwrap();
        assert_eq!(line, "T8\tPerson 18 29\tHulusi Akar");
        let (_, found) = check(txt, &format!("{ann}{line}\n"), None);
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(next_id(ann, 'R').as_str(), "R4");
        assert_eq!(next_id("", 'T').as_str(), "T1");
        assert_eq!(
            render_text_bound(ann, "a\nb", "X", &[Span::new(0, 3)]),
            Err(RenderError::TextHasLineBreak(Span::new(0, 3)))
        );
        assert_eq!(
            render_text_bound(ann, txt, "Two words", &[Span::new(0, 1)]),
            Err(RenderError::BadType("Two words".into()))
        );
        assert!(matches!(render_text_bound(ann, txt, "X", &[Span::new(3, 4)]), Err(RenderError::BadSpan(_))));
    }

    #[test]
    fn large_files_stay_linear() {
        // 2 MB of mixed-width text and 40,000 annotations: quadratic work would not finish.
        let unit = "Yaşar Güler 🙂 met Hulusi Akar in Ankara.\n";
        let txt = unit.repeat(50_000);
        let chars_per_unit = unit.chars().count();
        let lines = |shift: usize| {
            let mut ann = String::new();
            for i in 0..40_000 {
                let start = i * chars_per_unit + 18 + shift;
                ann.push_str(&format!("T{}\tPerson {start} {}\tHulusi Akar\n", i + 1, start + 11));
            }
            ann
        };
        let ann = lines(0);
        let doc = parse(&txt, &ann, None);
        assert!(doc.problems().is_empty(), "{:?}", &doc.problems()[..1]);
        assert_eq!(doc.spans().len(), 40_000);
        let shifted = format!("Breaking: {txt}");
        let anchors = reanchor(&ann, &shifted);
        assert!(
            anchors.iter().all(|a| { a.new.as_ref().is_some_and(|n| n[0].start == a.old[0].start + 10) })
        );
        // Every offset one off: each mismatch still finds its text without rescanning the file.
        let doc = parse(&txt, &lines(1), None);
        assert_eq!(doc.problems().len(), 40_000);
        assert!(
            doc.problems().iter().all(|p| { p.message.contains("`Hulusi Akar` occurs 1 character earlier") })
        );
    }

    /// A small deterministic generator, so the fuzz test needs no extra crate and replays.
    struct XorShift(u64);
    impl XorShift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    #[test]
    fn garbage_never_panics_and_spans_stay_in_the_file() {
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        let txt = "Yaşar Güler 🇹🇷 e\u{301}\r\nAnkara\n";
        let pieces = [
            "T1",
            "T2",
            "R1",
            "E1",
            "A1",
            "N1",
            "#1",
            "*",
            "X1",
            "\t",
            " ",
            ";",
            ":",
            "-3",
            "0",
            "5",
            "999999999999999999999",
            "Person",
            "Arg1:T1",
            "Arg2:T2",
            "Wikidata:Q1",
            "\r",
            "\n",
            "é",
            "🙂",
            "T",
            "Type:T1",
            "\u{feff}",
        ];
        let conf = BratConfig::parse(PLANTED_CONF);
        for round in 0..3000 {
            let mut ann = String::new();
            for _ in 0..rng.below(40) {
                ann.push_str(pieces[rng.below(pieces.len())]);
            }
            if round % 3 == 0 {
                // A valid-looking T line with random offsets.
                let (s, e) = (rng.below(40), rng.below(40));
                ann.push_str(&format!("\nT9\tPerson {s} {e}\tx\n"));
            }
            let cut = rng.below(ann.len() + 1);
            let ann = &ann[..crate::span::floor_char_boundary(&ann, cut)];
            let doc = parse(txt, ann, if round % 2 == 0 { Some(&conf) } else { None });
            for p in doc.problems() {
                assert!(
                    p.span.end as usize <= ann.len() && ann.is_char_boundary(p.span.start as usize),
                    "{p:?} in {ann:?}"
                );
                assert!(!p.message.is_empty() && !p.message.ends_with('.'));
                for r in &p.related {
                    let len = if r.file == FileRole::Text {
                        txt.len()
                    } else if r.file == FileRole::Config {
                        PLANTED_CONF.len()
                    } else {
                        ann.len()
                    };
                    assert!(r.span.end as usize <= len);
                }
            }
            for s in doc.spans() {
                assert!(s.fragments.iter().all(|f| txt.get(f.range()).is_some()));
            }
            for a in reanchor(ann, "Güler Yaşar 🙂") {
                assert!(a.offsets_span.end as usize <= ann.len());
            }
        }
    }
}
