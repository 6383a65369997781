//! Positions other tools count in characters, turned into byte offsets, and the map from a
//! reconstructed document text back to the bytes of the file it was read from.
//!
//! brat counts offsets in Unicode code points, WebAnno TSV in UTF-16 code units (Java
//! `String` indices); the rest of dateline speaks UTF-8 byte offsets. [`OffsetIndex`] makes
//! the conversion in one pass over the text and answers each lookup in O(log n) plus a scan of
//! at most [`STRIDE`] characters, so large files never cost quadratic time.

use crate::span::Span;
use unicode_segmentation::GraphemeCursor;

/// How a tool counts positions in a text.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum OffsetUnit {
    /// Unicode scalar values, as Python 3 `str` and brat count them.
    CodePoint,
    /// UTF-16 code units, as Java (WebAnno, INCEpTION) and JavaScript count them.
    Utf16,
    /// Code points after reading with universal newlines, where `\r\n` is one character; used
    /// only to explain a mismatch ("the offsets would match if ...").
    CodePointCrlfAsOne,
}

/// Why a counted offset has no byte offset.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum OffsetError {
    /// The offset is past the end of a text that has `len` units.
    PastEnd { len: u64 },
    /// The offset falls between the two halves of one character (a UTF-16 surrogate pair, or
    /// between `\r` and `\n` when `\r\n` counts as one); `char_start` is the byte offset of the
    /// character it falls in.
    InsideChar { char_start: usize },
}

/// Every `STRIDE`-th character gets a checkpoint: memory is text length / 64 * 16 bytes.
const STRIDE: usize = 64;

/// Converts unit offsets to byte offsets and back for one text.
#[derive(Clone, Debug)]
pub struct OffsetIndex {
    unit: OffsetUnit,
    /// `(unit offset, byte offset)` of every `STRIDE`-th character, starting with `(0, 0)`.
    checkpoints: Vec<(u64, usize)>,
    len_units: u64,
    len_bytes: usize,
    /// ASCII text without `\r\n` has unit offset == byte offset, so lookups skip the scan.
    identity: bool,
}

impl OffsetIndex {
    pub fn new(text: &str, unit: OffsetUnit) -> OffsetIndex {
        let identity = text.is_ascii() && (unit != OffsetUnit::CodePointCrlfAsOne || !text.contains("\r\n"));
        let mut checkpoints = Vec::with_capacity(if identity { 1 } else { text.len() / STRIDE + 1 });
        let mut units = 0u64;
        if identity {
            checkpoints.push((0, 0));
            units = text.len() as u64;
        } else {
            let bytes = text.as_bytes();
            for (n, (byte, c)) in text.char_indices().enumerate() {
                if n % STRIDE == 0 {
                    checkpoints.push((units, byte));
                }
                units += char_units(unit, c, bytes.get(byte + 1).copied());
            }
            if checkpoints.is_empty() {
                checkpoints.push((0, 0));
            }
        }
        OffsetIndex { unit, checkpoints, len_units: units, len_bytes: text.len(), identity }
    }

    pub fn unit(&self) -> OffsetUnit {
        self.unit
    }

    /// The length of the text in units.
    pub fn len_units(&self) -> u64 {
        self.len_units
    }

    /// The byte offset of unit offset `offset`; `text` must be the text the index was built on.
    pub fn byte_offset(&self, text: &str, offset: u64) -> Result<usize, OffsetError> {
        if offset > self.len_units {
            return Err(OffsetError::PastEnd { len: self.len_units });
        }
        if self.identity {
            return Ok(offset as usize);
        }
        let idx = self.checkpoints.partition_point(|&(units, _)| units <= offset) - 1;
        let (mut units, mut byte) = self.checkpoints[idx];
        let bytes = text.as_bytes();
        while units < offset {
            let Some(c) = text[byte..].chars().next() else {
                return Err(OffsetError::PastEnd { len: self.len_units });
            };
            let step = char_units(self.unit, c, bytes.get(byte + c.len_utf8()).copied());
            if units + step > offset {
                return Err(OffsetError::InsideChar { char_start: byte });
            }
            units += step;
            byte += c.len_utf8();
        }
        Ok(byte)
    }

    /// The unit offset of byte offset `byte` (floored to a char boundary, clamped to the end).
    pub fn unit_offset(&self, text: &str, byte: usize) -> u64 {
        let byte = crate::span::floor_char_boundary(text, byte.min(self.len_bytes));
        if self.identity {
            return byte as u64;
        }
        let idx = self.checkpoints.partition_point(|&(_, b)| b <= byte) - 1;
        let (mut units, start) = self.checkpoints[idx];
        let bytes = text.as_bytes();
        for (i, c) in text[start..byte].char_indices() {
            units += char_units(self.unit, c, bytes.get(start + i + c.len_utf8()).copied());
        }
        units
    }
}

fn char_units(unit: OffsetUnit, c: char, next: Option<u8>) -> u64 {
    match unit {
        OffsetUnit::CodePoint => 1,
        OffsetUnit::Utf16 => c.len_utf16() as u64,
        // The `\r` of a `\r\n` pair vanishes when reading with universal newlines.
        OffsetUnit::CodePointCrlfAsOne => u64::from(!(c == '\r' && next == Some(b'\n'))),
    }
}

/// Whether byte offset `byte` of `text` splits what a reader sees as one character: an extended
/// grapheme cluster (Unicode UAX #29), which covers `\r\n`, a letter and its combining marks,
/// emoji ZWJ sequences, flags and Hangul syllables in jamo.
///
/// `byte` must be a char boundary; offsets past the end count as boundaries.
pub fn splits_grapheme(text: &str, byte: usize) -> bool {
    if byte == 0 || byte >= text.len() || !text.is_char_boundary(byte) {
        return false;
    }
    let mut cursor = GraphemeCursor::new(byte, text.len(), true);
    // The whole text is one chunk starting at 0, so the cursor never asks for more context.
    matches!(cursor.is_boundary(text, 0), Ok(false))
}

/// Where each piece of a document's text is written in the file it was read from.
///
/// For brat the text *is* the `.txt` file; for WebAnno TSV and CoNLL-U it is assembled from
/// `#Text=` / `# text =` lines (or token forms), with escapes undone and separators added, so
/// a text span maps to a file span only piecewise.
#[derive(Clone, Debug, Default)]
pub struct TextOrigin {
    /// `None`: the text is the file, byte for byte.
    runs: Option<Vec<Run>>,
}

/// A piece of text copied from a file: verbatim runs map byte for byte; an escape sequence
/// (`\t` written for a tab) is a run of its own whose text and file lengths differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Run {
    text: Span,
    file: Span,
}

impl TextOrigin {
    /// The text is the file itself (a brat `.txt`).
    pub fn identity() -> TextOrigin {
        TextOrigin { runs: None }
    }

    /// An empty map, to be filled by [`TextOrigin::push`] in text order.
    pub fn pieces() -> TextOrigin {
        TextOrigin { runs: Some(Vec::new()) }
    }

    /// Records that text bytes `text` were read from file bytes `file`. Runs must come in
    /// increasing text and file order; adjacent verbatim runs are merged.
    pub fn push(&mut self, text: Span, file: Span) {
        let Some(runs) = self.runs.as_mut() else {
            return;
        };
        if let Some(last) = runs.last_mut() {
            let verbatim = |r: &Run| r.text.len() == r.file.len();
            let new = Run { text, file };
            if verbatim(last) && verbatim(&new) && last.text.end == text.start && last.file.end == file.start
            {
                last.text.end = text.end;
                last.file.end = file.end;
                return;
            }
        }
        runs.push(Run { text, file });
    }

    pub fn is_identity(&self) -> bool {
        self.runs.is_none()
    }

    /// The file offset where text offset `offset` is written, looking at the run that starts
    /// at or contains it (`as_end`: the run that ends at or contains it). Offsets in text the
    /// reader added (padding, joining line breaks) have none.
    pub fn file_offset(&self, offset: usize, as_end: bool) -> Option<usize> {
        let Some(runs) = &self.runs else {
            return Some(offset);
        };
        let offset = offset as u32;
        let idx = runs.partition_point(|r| if as_end { r.text.end < offset } else { r.text.end <= offset });
        let run = runs.get(idx)?;
        if offset < run.text.start || offset > run.text.end || (!as_end && offset == run.text.end) {
            return None;
        }
        if run.text.len() == run.file.len() {
            Some((run.file.start + (offset - run.text.start)) as usize)
        } else if offset == run.text.start {
            Some(run.file.start as usize)
        } else {
            Some(run.file.end as usize)
        }
    }

    /// Where the text span `span` is written in the file; a span over several lines maps to
    /// the file bytes from its first to its last character.
    pub fn to_file(&self, span: Span) -> Option<Span> {
        if span.is_empty() {
            let at = self
                .file_offset(span.start as usize, false)
                .or_else(|| self.file_offset(span.start as usize, true))?;
            return Some(Span::new(at, at));
        }
        let start = self.file_offset(span.start as usize, false)?;
        let end = self.file_offset(span.end as usize, true)?;
        (start <= end).then(|| Span::new(start, end))
    }

    /// The text offset written at file offset `offset`, if the file holds text there.
    pub fn text_offset(&self, offset: usize) -> Option<usize> {
        let Some(runs) = &self.runs else {
            return Some(offset);
        };
        let offset = offset as u32;
        let idx = runs.partition_point(|r| r.file.end < offset);
        let run = runs.get(idx)?;
        if offset < run.file.start || offset > run.file.end {
            return None;
        }
        if run.text.len() == run.file.len() {
            Some((run.text.start + (offset - run.file.start)) as usize)
        } else if offset == run.file.start {
            Some(run.text.start as usize)
        } else {
            Some(run.text.end as usize)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_points_utf16_and_bytes_differ_on_emoji() {
        let text = "a😀é\r\nb";
        let cp = OffsetIndex::new(text, OffsetUnit::CodePoint);
        let u16 = OffsetIndex::new(text, OffsetUnit::Utf16);
        let crlf = OffsetIndex::new(text, OffsetUnit::CodePointCrlfAsOne);
        assert_eq!(cp.len_units(), 6);
        assert_eq!(u16.len_units(), 7);
        assert_eq!(crlf.len_units(), 5);
        assert_eq!(cp.byte_offset(text, 2), Ok(5));
        assert_eq!(u16.byte_offset(text, 3), Ok(5));
        assert_eq!(u16.byte_offset(text, 2), Err(OffsetError::InsideChar { char_start: 1 }));
        assert_eq!(cp.byte_offset(text, 7), Err(OffsetError::PastEnd { len: 6 }));
        assert_eq!(crlf.byte_offset(text, 4), Ok(9));
        assert_eq!(cp.unit_offset(text, 9), 5);
        assert_eq!(u16.unit_offset(text, 5), 3);
    }

    #[test]
    fn lookups_agree_with_a_naive_count_on_long_text() {
        let text: String = (0..500).map(|i| if i % 7 == 0 { "Ж😀 " } else { "ab " }).collect();
        for unit in [OffsetUnit::CodePoint, OffsetUnit::Utf16] {
            let index = OffsetIndex::new(&text, unit);
            let mut units = 0u64;
            for (byte, c) in text.char_indices() {
                assert_eq!(index.byte_offset(&text, units), Ok(byte));
                assert_eq!(index.unit_offset(&text, byte), units);
                units += if unit == OffsetUnit::Utf16 { c.len_utf16() as u64 } else { 1 };
            }
            assert_eq!(index.byte_offset(&text, units), Ok(text.len()));
        }
    }

    #[test]
    fn grapheme_splits() {
        let text = "e\u{301}x\r\ny👍🏽";
        assert!(splits_grapheme(text, 1));
        assert!(!splits_grapheme(text, 3));
        assert!(splits_grapheme(text, text.find('\n').unwrap()));
        assert!(splits_grapheme(text, text.find('👍').unwrap() + 4));
        assert!(!splits_grapheme(text, 0) && !splits_grapheme(text, text.len()));
    }

    #[test]
    fn origin_maps_escapes_and_gaps() {
        // file: `#Text=a\tb` where `\t` is written as two bytes; text: "a<TAB>b\n"
        let mut origin = TextOrigin::pieces();
        origin.push(Span::new(0, 1), Span::new(6, 7));
        origin.push(Span::new(1, 2), Span::new(7, 9));
        origin.push(Span::new(2, 3), Span::new(9, 10));
        assert_eq!(origin.to_file(Span::new(0, 3)), Some(Span::new(6, 10)));
        assert_eq!(origin.to_file(Span::new(2, 3)), Some(Span::new(9, 10)));
        assert_eq!(origin.to_file(Span::new(3, 4)), None);
        assert_eq!(origin.text_offset(9), Some(2));
        assert_eq!(TextOrigin::identity().to_file(Span::new(4, 8)), Some(Span::new(4, 8)));
    }
}
