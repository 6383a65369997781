//! The one place that knows LSP positions: byte offsets <-> `Position` in the negotiated
//! encoding (UTF-16 by default, UTF-8 or UTF-32 when the client offers them), incremental
//! edits applied to ropes, URIs <-> paths, and findings -> diagnostics.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use ropey::Rope;
use tower_lsp_server::ls_types::{
    self as lsp, DiagnosticRelatedInformation, DiagnosticSeverity, NumberOrString, Position,
    PositionEncodingKind, Range, Uri,
};

use crate::analysis::Snapshot;
use crate::checks::{Finding, Severity};
use crate::corpus::FileId;
use crate::span::{LineIndex, Span};

/// How the client counts columns.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
    Utf32,
}

impl Encoding {
    /// Picks the client's preferred encoding that we support; UTF-16 when it says nothing
    /// (the protocol's default). UTF-8 first: it is our native unit, so conversions are
    /// cheapest.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        let offered = offered.unwrap_or_default();
        if offered.contains(&PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else if offered.contains(&PositionEncodingKind::UTF32)
            && !offered.contains(&PositionEncodingKind::UTF16)
        {
            Encoding::Utf32
        } else {
            Encoding::Utf16
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }
}

/// A position the text does not have.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutOfRange {
    pub message: String,
}

/// A text with its line index, for conversions in both directions.
pub struct Lines<'a> {
    pub text: &'a str,
    pub index: &'a LineIndex,
    pub encoding: Encoding,
}

impl Lines<'_> {
    pub fn position(&self, offset: usize) -> Position {
        let offset = crate::span::floor_char_boundary(self.text, offset);
        let line = self.index.line_of(offset);
        let start = self.index.line_start(line).unwrap_or(0);
        let character: usize = self.text[start..offset].chars().map(|c| self.encoding.width(c)).sum();
        Position { line: line as u32, character: character as u32 }
    }

    pub fn range(&self, span: Span) -> Range {
        Range { start: self.position(span.start as usize), end: self.position(span.end as usize) }
    }

    /// The byte offset of `position`. A character past the end of its line means the end of
    /// the line (clients do send that); a line past the end of the text is an error. A
    /// position inside a character (half a surrogate pair) rounds down to its start.
    pub fn offset(&self, position: Position) -> Result<usize, OutOfRange> {
        let line = position.line as usize;
        let Some(range) = self.index.line_range(self.text, line) else {
            // The position just after a final newline is a valid place to put a cursor.
            if line == self.index.line_count() && position.character == 0 {
                return Ok(self.text.len());
            }
            return Err(OutOfRange {
                message: format!(
                    "position {}:{} is out of range: the document has {} lines",
                    position.line,
                    position.character,
                    self.index.line_count()
                ),
            });
        };
        let mut units = 0usize;
        for (i, c) in self.text[range.clone()].char_indices() {
            let width = self.encoding.width(c);
            if units + width > position.character as usize {
                return Ok(range.start + i);
            }
            units += width;
        }
        Ok(range.end)
    }
}

/// Applies one `didChange` content change to a rope. A change without a range replaces the
/// whole text. Positions are clamped like [`Lines::offset`]; a range past the end is an
/// error (the edit is dropped and the document resynchronised by the caller).
pub fn apply_change(
    rope: &mut Rope,
    change: &lsp::TextDocumentContentChangeEvent,
    encoding: Encoding,
) -> Result<(), OutOfRange> {
    let Some(range) = change.range else {
        *rope = Rope::from_str(&change.text);
        return Ok(());
    };
    let start = rope_char(rope, range.start, encoding)?;
    let end = rope_char(rope, range.end, encoding)?.max(start);
    rope.remove(start..end);
    rope.insert(start, &change.text);
    Ok(())
}

/// The char index of `position` in `rope`.
fn rope_char(rope: &Rope, position: Position, encoding: Encoding) -> Result<usize, OutOfRange> {
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return Err(OutOfRange {
            message: format!(
                "edit position {}:{} is past the last line ({})",
                position.line,
                position.character,
                rope.len_lines()
            ),
        });
    }
    let line_start = rope.line_to_char(line);
    let line_slice = rope.line(line);
    // The line's content without its terminator.
    let mut content_chars = line_slice.len_chars();
    while content_chars > 0 && matches!(line_slice.char(content_chars - 1), '\n' | '\r') {
        content_chars -= 1;
    }
    let wanted = position.character as usize;
    let chars_in = match encoding {
        Encoding::Utf32 => wanted.min(content_chars),
        Encoding::Utf16 => {
            let content = line_slice.slice(..content_chars);
            let units = content.len_utf16_cu();
            let wanted = wanted.min(units);
            content.utf16_cu_to_char(wanted)
        }
        Encoding::Utf8 => {
            let content = line_slice.slice(..content_chars);
            let bytes = content.len_bytes();
            content.byte_to_char(wanted.min(bytes))
        }
    };
    Ok(line_start + chars_in)
}

/// A `file:` URI to a normalized absolute path.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    if uri.scheme().as_str() != "file" {
        return None;
    }
    let path = uri.to_file_path()?;
    Some(crate::corpus::config::normalize(&path))
}

pub fn path_to_uri(path: &Path) -> Option<Uri> {
    Uri::from_file_path(path).or_else(|| Uri::from_str(&format!("file://{}", path.display())).ok())
}

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// Converts spans of any snapshot file to LSP ranges and locations.
pub struct Converter<'a> {
    pub snapshot: &'a Snapshot,
    pub encoding: Encoding,
}

impl Converter<'_> {
    pub fn range(&self, file: FileId, span: Span) -> Option<Range> {
        let source = self.snapshot.source(file)?;
        Some(Lines { text: &source.text, index: &source.line_index, encoding: self.encoding }.range(span))
    }

    pub fn location(&self, file: FileId, span: Span) -> Option<lsp::Location> {
        let uri = path_to_uri(self.snapshot.path(file)?)?;
        Some(lsp::Location { uri, range: self.range(file, span)? })
    }

    pub fn diagnostic(&self, finding: &Finding) -> Option<lsp::Diagnostic> {
        let related: Vec<_> = finding
            .related
            .iter()
            .filter_map(|r| {
                Some(DiagnosticRelatedInformation {
                    location: self.location(r.file, r.span)?,
                    message: r.message.clone(),
                })
            })
            .collect();
        Some(lsp::Diagnostic {
            range: self.range(finding.file, finding.span)?,
            severity: Some(severity(finding.severity)),
            code: Some(NumberOrString::String(finding.rule.code.to_owned())),
            source: Some("dateline".to_owned()),
            message: finding.message.clone(),
            related_information: (!related.is_empty()).then_some(related),
            ..Default::default()
        })
    }
}

/// The diagnostic of a document whose analysis panicked (a bug), at its start. The code is
/// the one `check` reports the same failure under.
pub fn internal_error(message: &str) -> lsp::Diagnostic {
    lsp::Diagnostic {
        range: Range::default(),
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String("corpus/internal-error".to_owned())),
        source: Some("dateline".to_owned()),
        message: format!(
            "dateline failed while analysing this text ({message}), so it shows no other findings for it; this is a bug, please report it"
        ),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Yaşar Güler 🙂 met\r\nTürkiye's envoy\n\nlast";

    fn lines(encoding: Encoding) -> (LineIndex, Encoding) {
        (LineIndex::new(TEXT), encoding)
    }

    #[test]
    fn offsets_round_trip_in_every_encoding() {
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let (index, encoding) = lines(encoding);
            let lines = Lines { text: TEXT, index: &index, encoding };
            // Every char boundary except between `\r` and `\n`, which is no position at all.
            let boundaries =
                TEXT.char_indices().chain([(TEXT.len(), ' ')]).filter(|&(i, _)| !TEXT[..i].ends_with('\r'));
            for (offset, _) in boundaries {
                let position = lines.position(offset);
                assert_eq!(lines.offset(position), Ok(offset), "{encoding:?} at {offset}: {position:?}");
            }
        }
    }

    #[test]
    fn utf16_counts_surrogate_pairs_as_two() {
        let index = LineIndex::new(TEXT);
        let utf16 = Lines { text: TEXT, index: &index, encoding: Encoding::Utf16 };
        let met = TEXT.find("met").unwrap();
        // "Yaşar Güler " is 12 units, the emoji 2, the space 1.
        assert_eq!(utf16.position(met), Position { line: 0, character: 15 });
        let utf8 = Lines { text: TEXT, index: &index, encoding: Encoding::Utf8 };
        assert_eq!(utf8.position(met), Position { line: 0, character: met as u32 });
        // Half a surrogate pair rounds down to the emoji's start.
        let emoji = TEXT.find('🙂').unwrap();
        assert_eq!(utf16.offset(Position { line: 0, character: 13 }), Ok(emoji));
    }

    #[test]
    fn past_the_line_end_clamps_and_past_the_text_errors() {
        let index = LineIndex::new(TEXT);
        let lines = Lines { text: TEXT, index: &index, encoding: Encoding::Utf16 };
        assert_eq!(lines.offset(Position { line: 0, character: 999 }), Ok(TEXT.find('\r').unwrap()));
        let err = lines.offset(Position { line: 99, character: 0 }).unwrap_err();
        assert_eq!(err.message, "position 99:0 is out of range: the document has 4 lines");
    }

    #[test]
    fn rope_edits_agree_with_line_conversion() {
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let index = LineIndex::new(TEXT);
            let lines = Lines { text: TEXT, index: &index, encoding };
            let start = TEXT.find("Türkiye").unwrap();
            let end = start + "Türkiye".len();
            let change = lsp::TextDocumentContentChangeEvent {
                range: Some(Range { start: lines.position(start), end: lines.position(end) }),
                range_length: None,
                text: "Turkey".to_owned(),
            };
            let mut rope = Rope::from_str(TEXT);
            apply_change(&mut rope, &change, encoding).unwrap();
            assert_eq!(rope.to_string(), TEXT.replace("Türkiye", "Turkey"), "{encoding:?}");
        }
        let mut rope = Rope::from_str("ab");
        let past = lsp::TextDocumentContentChangeEvent {
            range: Some(Range {
                start: Position { line: 5, character: 0 },
                end: Position { line: 5, character: 1 },
            }),
            range_length: None,
            text: "x".into(),
        };
        assert!(apply_change(&mut rope, &past, Encoding::Utf16).is_err());
        assert_eq!(rope.to_string(), "ab");
    }
}
