//! Readers for the annotation formats news corpora come in: brat standoff ([`brat`], with its
//! [`brat_conf`] `annotation.conf`), WebAnno TSV 3 ([`webanno`]) and CoNLL-U with entities in
//! MISC ([`conllu`]).
//!
//! Each reader is a pure function from file contents (`&str`) to a document value; it does no
//! IO, never panics and never fails: broken input becomes [`Problem`]s next to whatever could
//! be read. Every document implements [`AnnotatedDocument`], the one interface the corpus layer
//! needs: the document text, where that text lives on disk ([`TextOrigin`]), the annotated
//! spans, the relations between them, and the problems.
//!
//! Positions are UTF-8 byte [`Span`]s: spans of annotations are in the document text, spans of
//! problems and of defining lines are in the annotation file ([`FileRole`] says which file when
//! it could be another). How each format counts its own offsets, and what the readers decided
//! where the formats are vague, is written down in `docs/formats.md`.
//!
//! **API Boundary**: the corpus layer may rely on [`AnnotatedDocument`], the common types in
//! this module and each reader's `parse` function; the format-specific records are for code
//! actions and hovers that need to know the format.

pub mod brat;
pub mod brat_conf;
pub mod conllu;
pub mod offsets;
pub mod webanno;

use std::fmt;

use crate::span::Span;
pub use offsets::TextOrigin;

/// The annotation format a document was read from.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum Format {
    /// brat standoff: a `.txt` and a `.ann` of the same name.
    Brat,
    /// WebAnno / INCEpTION TSV 3.x.
    WebAnnoTsv3,
    /// CoNLL-U with CorefUD-style `Entity=` brackets in the MISC column.
    Conllu,
}

/// What every annotated document holds, whatever its format: each reader fills one and
/// keeps its format-specific records beside it.
#[derive(Clone, Debug, Default)]
pub struct DocumentParts {
    /// The document text the spans point into.
    pub text: String,
    /// Where the text is written in the file it was read from: the `.txt` for brat, the
    /// `#Text=` / `# text =` lines for WebAnno TSV and CoNLL-U.
    pub origin: TextOrigin,
    /// Annotated spans in file order.
    pub spans: Vec<AnnotatedSpan>,
    pub relations: Vec<Relation>,
    pub problems: Vec<Problem>,
}

/// An annotated document, whatever format it was read from.
pub trait AnnotatedDocument {
    fn format(&self) -> Format;
    fn parts(&self) -> &DocumentParts;
    /// The document text the spans point into.
    fn text(&self) -> &str {
        &self.parts().text
    }
    /// Where the text is written in the file it was read from.
    fn origin(&self) -> &TextOrigin {
        &self.parts().origin
    }
    /// Annotated spans in file order.
    fn spans(&self) -> &[AnnotatedSpan] {
        &self.parts().spans
    }
    fn relations(&self) -> &[Relation] {
        &self.parts().relations
    }
    fn problems(&self) -> &[Problem] {
        &self.parts().problems
    }
    /// Every KB reference the file writes, whether or not it hangs on a span: the spans'
    /// references, and in brat every `N` line.
    fn kb_references(&self) -> Vec<KbRef> {
        self.spans().iter().flat_map(|s| &s.kb_refs).cloned().collect()
    }
    /// The text to append to the annotation file `source` to annotate `span` of the text as
    /// `label`, and the new annotation's id; `None` where the format has no such line (a
    /// TSV or CoNLL-U row cannot be added on its own).
    fn new_annotation(&self, _source: &str, _label: &str, _span: Span) -> Option<NewAnnotation> {
        None
    }
}

/// A line to append to an annotation file, from [`AnnotatedDocument::new_annotation`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAnnotation {
    pub id: AnnId,
    /// The line, without its line break.
    pub line: String,
}

/// An annotation whose offsets no longer select its recorded text, which now occurs elsewhere:
/// the text was edited after it was annotated. Only formats that record the text beside the
/// offsets (brat) can tell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaleAnchor {
    pub id: AnnId,
    /// The annotation's line in the annotation file.
    pub line: Span,
    /// Where the offsets are written in the annotation file.
    pub offsets_span: Span,
    /// The offsets as written and where the text is now, as people read them (`0..11`).
    pub was: String,
    pub now: String,
    /// What to write over `offsets_span` to select the text again (`17 28`).
    pub replacement: String,
    /// The text recorded with the annotation.
    pub recorded: String,
    /// Where that text is now, as byte spans of the document text.
    pub now_at: Vec<Span>,
}

/// The identifier of an annotation within its document: `T3` (brat), `Referent[4]` (WebAnno),
/// `3@1-5` (CoNLL-U entity 3 starting at sentence 1, word 5).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AnnId(Box<str>);

impl AnnId {
    pub fn new(id: &str) -> AnnId {
        AnnId(id.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AnnId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for AnnId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A span of the document text with a label, as one format line (or token rows) define it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnnotatedSpan {
    pub id: AnnId,
    /// The entity type or label value (`PERSON`, `organization`).
    pub label: String,
    /// Byte spans in the document text; several for a discontinuous annotation.
    pub fragments: Vec<Span>,
    /// The text as the annotation file records it (brat's third column; for formats that
    /// only point at tokens, the covered document text).
    pub recorded_text: String,
    /// Links to a knowledge base (brat `N` lines, WebAnno identifier features, CoNLL-U
    /// `identity`), for the caller to check against its KB.
    pub kb_refs: Vec<KbRef>,
    pub attributes: Vec<Attribute>,
    pub notes: Vec<Note>,
    /// The line (brat) or field (WebAnno, CoNLL-U) that defines the span, in the annotation file.
    pub def_span: Span,
}

impl AnnotatedSpan {
    /// From the start of the first fragment to the end of the last.
    pub fn hull(&self) -> Option<Span> {
        let first = self.fragments.iter().map(|s| s.start).min()?;
        let last = self.fragments.iter().map(|s| s.end).max()?;
        Some(Span { start: first, end: last })
    }
}

/// A reference into a knowledge base: `Wikidata:Q123` is `kb: "Wikidata", id: "Q123"`;
/// identifier features without a prefix use the feature name as `kb`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KbRef {
    pub kb: String,
    pub id: String,
    /// The label written next to the reference (brat `N` text), if any.
    pub label: Option<String>,
    /// Where the reference is written in the annotation file.
    pub span: Span,
}

impl KbRef {
    /// Whether the reference says explicitly that there is no KB entry (`Wikidata:NULL`, as
    /// NEREL writes it, or the `NIL` of entity-linking tasks), rather than naming one.
    pub fn is_nil(&self) -> bool {
        ["null", "nil", "none"].iter().any(|n| self.id.eq_ignore_ascii_case(n))
    }
}

/// A named value on an annotation; `value` is `None` for a binary (present/absent) attribute.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribute {
    pub name: String,
    pub value: Option<String>,
    pub span: Span,
}

/// A free-text note an annotator attached (brat `#` lines).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub text: String,
    pub span: Span,
}

/// A directed, labelled link between two annotated spans.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relation {
    /// The relation's own id where the format gives one (brat `R1`, or the event `E1` whose
    /// argument this is).
    pub id: Option<AnnId>,
    pub label: String,
    pub from: AnnId,
    pub to: AnnId,
    pub def_span: Span,
}

/// Which file a problem or a related location is in.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum FileRole {
    /// The `.ann`, `.tsv` or `.conllu` file.
    Annotation,
    /// The brat `.txt` file.
    Text,
    /// The brat `annotation.conf`.
    Config,
}

/// Something wrong with an annotation file, found while reading it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    pub file: FileRole,
    /// Where it is: the line, or the exact field when there is one.
    pub span: Span,
    /// Lowercase, no final period, names the values.
    pub message: String,
    pub related: Vec<Related>,
}

/// Another place that explains a problem (the text the offsets point at, the first definition
/// of a duplicated id).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub file: FileRole,
    pub span: Span,
    pub message: String,
}

impl Problem {
    pub(crate) fn new(kind: ProblemKind, file: FileRole, span: Span, message: String) -> Problem {
        Problem { kind, file, span, message, related: Vec::new() }
    }

    pub(crate) fn with_related(mut self, file: FileRole, span: Span, message: impl Into<String>) -> Problem {
        self.related.push(Related { file, span, message: message.into() });
        self
    }
}

/// How bad a problem is by default; the linter may override it per code.
#[derive(Clone, Copy, PartialEq, Eq, Debug, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
}

/// What kind of problem; each maps to a stable finding code `annotation/<code>`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, PartialOrd, Ord)]
pub enum ProblemKind {
    /// A line or row that does not have the shape its format requires.
    MalformedLine,
    /// An id defined twice.
    DuplicateId,
    /// A reference to an id that is not defined.
    UnknownReference,
    /// A reference to an id of the wrong kind (an event trigger that is not a text span, an
    /// event whose trigger has another type).
    InvalidReference,
    /// Recorded text that differs from the document text at its offsets.
    TextMismatch,
    /// An offset before the start or past the end of the text.
    OffsetOutOfRange,
    /// An offset that splits one user-perceived character (see `docs/formats.md`).
    OffsetInsideCharacter,
    /// A span whose start is after its end.
    InvertedSpan,
    /// Fragments of one discontinuous span that overlap each other.
    OverlappingFragments,
    /// A type, relation, event or attribute not declared in the configuration.
    UndeclaredType,
    /// An attribute value not among the declared values.
    UndeclaredValue,
    /// Two spans that overlap in a way the configuration does not allow.
    DisallowedOverlap,
    /// A header, section or layer the reader does not know.
    UnknownHeader,
    /// A WebAnno span id `[n]` whose tokens are not contiguous.
    BrokenSpanId,
    /// A CoNLL-U entity bracket that is never closed, or closed without being opened.
    UnbalancedBracket,
    /// A brat `.ann` without its `.txt`.
    AnnWithoutText,
    /// A brat `.txt` without its `.ann` (brat would create an empty one).
    TextWithoutAnn,
}

impl ProblemKind {
    pub const ALL: [ProblemKind; 17] = [
        ProblemKind::MalformedLine,
        ProblemKind::DuplicateId,
        ProblemKind::UnknownReference,
        ProblemKind::InvalidReference,
        ProblemKind::TextMismatch,
        ProblemKind::OffsetOutOfRange,
        ProblemKind::OffsetInsideCharacter,
        ProblemKind::InvertedSpan,
        ProblemKind::OverlappingFragments,
        ProblemKind::UndeclaredType,
        ProblemKind::UndeclaredValue,
        ProblemKind::DisallowedOverlap,
        ProblemKind::UnknownHeader,
        ProblemKind::BrokenSpanId,
        ProblemKind::UnbalancedBracket,
        ProblemKind::AnnWithoutText,
        ProblemKind::TextWithoutAnn,
    ];

    /// The stable kebab-case code; the linter prefixes it with `annotation/`.
    pub fn code(self) -> &'static str {
        match self {
            ProblemKind::MalformedLine => "malformed-line",
            ProblemKind::DuplicateId => "duplicate-id",
            ProblemKind::UnknownReference => "unknown-reference",
            ProblemKind::InvalidReference => "invalid-reference",
            ProblemKind::TextMismatch => "text-mismatch",
            ProblemKind::OffsetOutOfRange => "offset-out-of-range",
            ProblemKind::OffsetInsideCharacter => "offset-inside-character",
            ProblemKind::InvertedSpan => "inverted-span",
            ProblemKind::OverlappingFragments => "overlapping-fragments",
            ProblemKind::UndeclaredType => "undeclared-type",
            ProblemKind::UndeclaredValue => "undeclared-value",
            ProblemKind::DisallowedOverlap => "disallowed-overlap",
            ProblemKind::UnknownHeader => "unknown-header",
            ProblemKind::BrokenSpanId => "broken-span-id",
            ProblemKind::UnbalancedBracket => "unbalanced-bracket",
            ProblemKind::AnnWithoutText => "ann-without-text",
            ProblemKind::TextWithoutAnn => "text-without-ann",
        }
    }

    /// Errors make the data wrong or unreadable by its own tool; warnings are things the tool
    /// tolerates (extra header lines, a `.txt` not annotated yet).
    pub fn severity(self) -> Severity {
        match self {
            ProblemKind::UnknownHeader | ProblemKind::TextWithoutAnn => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

/// Lines of `contents` as byte spans without their `\n` or `\r\n`.
pub(crate) fn line_spans(contents: &str) -> impl Iterator<Item = Span> + '_ {
    let mut start = 0;
    contents.split_inclusive('\n').map(move |line| {
        let line_start = start;
        start += line.len();
        let mut end = line_start + line.len();
        let bytes = contents.as_bytes();
        if end > line_start && bytes[end - 1] == b'\n' {
            end -= 1;
        }
        if end > line_start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        Span::new(line_start, end)
    })
}

/// `text` shortened for a message, so a long value does not drown the point.
pub(crate) fn quote(text: &str) -> String {
    const MAX: usize = 60;
    // Only what can be shown is escaped: a message about a megabyte line costs no more than
    // one about a word.
    let escaped: String = text
        .chars()
        .take(MAX + 1)
        .flat_map(|c| match c {
            '\n' => vec!['\\', 'n'],
            '\r' => vec!['\\', 'r'],
            '\t' => vec!['\\', 't'],
            c => vec![c],
        })
        .collect();
    if escaped.chars().count() <= MAX {
        format!("`{escaped}`")
    } else {
        let head: String = escaped.chars().take(MAX).collect();
        format!("`{head}…`")
    }
}

/// The most bytes of document text kept as the recorded text of a span read from token rows
/// (WebAnno TSV, CoNLL-U), where the reader cuts it out of the text: 20,000 nested mentions
/// of a long sentence must not copy the sentence 20,000 times. No name is this long.
pub(crate) const MAX_RECORDED_TEXT: usize = 1024;

/// The text of `pieces` joined by spaces, at most [`MAX_RECORDED_TEXT`] bytes of it, with
/// `…` where it was cut.
pub(crate) fn recorded_text<'a>(pieces: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for (n, piece) in pieces.into_iter().enumerate() {
        if n > 0 {
            out.push(' ');
        }
        let room = MAX_RECORDED_TEXT.saturating_sub(out.len());
        if piece.len() > room {
            out.push_str(&piece[..crate::span::floor_char_boundary(piece, room)]);
            out.push('…');
            break;
        }
        out.push_str(piece);
    }
    out
}

/// The largest number an offset, id or count in an annotation file may be: what fits a
/// signed 64-bit integer, so arithmetic on it cannot overflow. No text comes near it.
pub const MAX_NUMBER: u64 = i64::MAX as u64;

/// Why a number written in an annotation file could not be read.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum NumberError {
    /// Not an optional `+` and ASCII digits.
    NotANumber,
    /// `-` and digits.
    Negative,
    /// Digits for a number above [`MAX_NUMBER`]: said as such, never saturated or wrapped into
    /// a number that could pass for an offset.
    TooLarge,
}

impl NumberError {
    /// `written` and what is wrong with it, to follow a noun in a message ("T1 has the offset
    /// `99999999999999999999`, which is too large (at most 9223372036854775807 can be read)").
    pub fn describe(self, written: &str) -> String {
        let why = match self {
            NumberError::NotANumber => "not a number".to_string(),
            NumberError::Negative => "negative".to_string(),
            NumberError::TooLarge => format!("too large (at most {MAX_NUMBER} can be read)"),
        };
        format!("{}, which is {why}", quote(written))
    }
}

/// A non-negative decimal number as annotation formats write offsets and ids: an optional `+`
/// (Python's `int()`, which brat uses, accepts one) and ASCII digits, at most [`MAX_NUMBER`].
/// A brat document read on its own (no `annotation.conf`), seen through the trait: for
/// readers outside the corpus, such as the date scorer's gold data.
pub fn brat_document(txt: &str, ann: &str) -> impl AnnotatedDocument + use<> {
    brat::parse(txt, ann, None)
}

pub fn parse_number(written: &str) -> Result<u64, NumberError> {
    let (negative, digits) = match written.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, written.strip_prefix('+').unwrap_or(written)),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NumberError::NotANumber);
    }
    if negative && digits.bytes().any(|b| b != b'0') {
        return Err(NumberError::Negative);
    }
    digits
        .bytes()
        .try_fold(0u64, |n, b| n.checked_mul(10)?.checked_add(u64::from(b - b'0')))
        .filter(|&n| n <= MAX_NUMBER)
        .ok_or(NumberError::TooLarge)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recorded_text_is_cut_at_its_bound() {
        assert_eq!(recorded_text(["Hulusi", "Akar"]), "Hulusi Akar");
        let long = "é".repeat(MAX_RECORDED_TEXT);
        let cut = recorded_text([long.as_str()]);
        assert!(cut.ends_with('…') && cut.len() <= MAX_RECORDED_TEXT + '…'.len_utf8());
    }

    #[test]
    fn numbers_too_large_are_said_to_be_too_large() {
        assert_eq!(parse_number("42"), Ok(42));
        assert_eq!(parse_number("+7"), Ok(7));
        assert_eq!(parse_number("-0"), Ok(0));
        assert_eq!(parse_number("9223372036854775807"), Ok(MAX_NUMBER));
        assert_eq!(parse_number("9223372036854775808"), Err(NumberError::TooLarge));
        assert_eq!(parse_number("99999999999999999999"), Err(NumberError::TooLarge));
        assert_eq!(parse_number(&"9".repeat(1000)), Err(NumberError::TooLarge));
        assert_eq!(parse_number("-3"), Err(NumberError::Negative));
        assert_eq!(parse_number("3a"), Err(NumberError::NotANumber));
        assert_eq!(parse_number(""), Err(NumberError::NotANumber));
        assert!(NumberError::TooLarge.describe("99999999999999999999").contains("too large"));
    }

    #[test]
    fn codes_are_unique_kebab_case() {
        let mut codes: Vec<_> = ProblemKind::ALL.iter().map(|k| k.code()).collect();
        assert!(codes.iter().all(|c| c.chars().all(|ch| ch.is_ascii_lowercase() || ch == '-')));
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), ProblemKind::ALL.len());
    }

    #[test]
    fn line_spans_drop_line_ends() {
        let text = "a\r\nbc\n\nd";
        let lines: Vec<_> = line_spans(text).map(|s| &text[s.range()]).collect();
        assert_eq!(lines, ["a", "bc", "", "d"]);
    }

    #[test]
    fn quote_escapes_and_shortens() {
        assert_eq!(quote("a\tb"), "`a\\tb`");
        assert!(quote(&"x".repeat(100)).ends_with("…`"));
    }
}
