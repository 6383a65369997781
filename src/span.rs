//! Byte spans and line lookup: the only positions the core knows.
//!
//! Everything below `lsp/` speaks byte offsets into a file's UTF-8 text. Line and column
//! numbers for people (the CLI) come from [`LineIndex`]; LSP positions (UTF-16 or UTF-8 code
//! units) are computed only in `lsp/convert.rs`.

use std::fmt;
use std::ops::Range;

/// A file's index in the analysis host's file table. Stable for the life of a host: a
/// deleted file keeps its id (with no contents) so that ids in old snapshots stay valid.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct FileId(pub u32);

impl FileId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A half-open byte range `start..end` into one file's text.
///
/// `u32` keeps mentions and findings small; a single file over 4 GiB is refused at load time.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start: to_u32(start), end: to_u32(end.max(start)) }
    }

    /// An empty span at `offset`, for findings about a whole file or a missing thing.
    pub fn empty(offset: usize) -> Span {
        Span::new(offset, offset)
    }

    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// Whether `offset` lies in the span; the end counts, so a cursor just after a word is on it.
    pub fn touches(self, offset: usize) -> bool {
        self.start as usize <= offset && offset <= self.end as usize
    }

    pub fn contains_span(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The span moved right by `delta` bytes: for spans found in a slice of a larger text.
    pub fn shift(self, delta: usize) -> Span {
        Span::new(self.start as usize + delta, self.end as usize + delta)
    }

    pub fn cover(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

impl From<Range<usize>> for Span {
    fn from(range: Range<usize>) -> Span {
        Span::new(range.start, range.end)
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

fn to_u32(n: usize) -> u32 {
    // Files are refused above u32::MAX bytes when read, so this only saturates on a bug.
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A 1-based line and column, the column counted in Unicode scalar values, as people and
/// most terminals count them.
#[derive(Clone, Copy, PartialEq, Eq, Debug, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// Start offsets of every line of a text, for byte offset to line/column lookups.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    line_starts: Vec<u32>,
    /// Inside lines longer than [`CHECKPOINT_EVERY`] bytes, every so many bytes (at a char
    /// boundary): that offset, and its column counted in characters from the line start.
    /// Without them a column costs a count from the line start, and a 5 MB one-line
    /// article with many findings took minutes to print.
    checkpoints: Vec<Checkpoint>,
}

/// How far apart column checkpoints are in long lines: a column costs at most a count of
/// this many bytes.
const CHECKPOINT_EVERY: usize = 4096;

#[derive(Clone, Copy, Debug)]
struct Checkpoint {
    offset: u32,
    col: u32,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = Vec::with_capacity(text.len() / 40 + 1);
        line_starts.push(0);
        line_starts.extend(line_breaks(text).map(to_u32));
        let mut checkpoints = Vec::new();
        for (i, &start) in line_starts.iter().enumerate() {
            let start = start as usize;
            let end = line_starts.get(i + 1).map_or(text.len(), |&e| e as usize);
            let (mut at, mut col) = (start, 0);
            while end - at > CHECKPOINT_EVERY {
                let next = floor_char_boundary(text, at + CHECKPOINT_EVERY);
                col += text[at..next].chars().count();
                checkpoints.push(Checkpoint { offset: to_u32(next), col: to_u32(col) });
                at = next;
            }
        }
        LineIndex { line_starts, checkpoints }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The 0-based line holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = to_u32(offset);
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// The byte offset where 0-based `line` starts, if the text has that line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts.get(line).map(|&s| s as usize)
    }

    /// The byte range of 0-based `line`, without its line terminator.
    pub fn line_range(&self, text: &str, line: usize) -> Option<Range<usize>> {
        let start = self.line_start(line)?;
        let mut end = self.line_start(line + 1).unwrap_or(text.len());
        let bytes = text.as_bytes();
        if end > start && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        Some(start..end)
    }

    /// 1-based line and column of `offset`; an offset inside a character counts as that
    /// character, an offset past the end as the end.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.line_starts[line] as usize;
        let mut end = offset;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        // Count from the last checkpoint of this line at or before `end`, if any.
        let from = self.checkpoints.partition_point(|c| c.offset as usize <= end);
        let (start, base) = match from.checked_sub(1).map(|i| self.checkpoints[i]) {
            Some(c) if c.offset as usize >= start => (c.offset as usize, c.col as usize),
            _ => (start, 0),
        };
        let col = base + text[start..end].chars().count();
        LineCol { line: to_u32(line + 1), col: to_u32(col + 1) }
    }
}

/// Offsets where a new line starts: after `\n`, `\r\n`, or a lone `\r`, the three line
/// endings LSP recognises, so line numbers agree with every editor.
fn line_breaks(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().filter_map(move |(i, &b)| match b {
        b'\n' => Some(i + 1),
        b'\r' if bytes.get(i + 1) != Some(&b'\n') => Some(i + 1),
        _ => None,
    })
}

/// Reduces `offset` to the nearest char boundary at or before it.
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A set of spans that answers "does anything overlap this?" in O(log n), however many
/// spans there are: per-article passes ask it once per word, so a linear scan would make
/// an article with many mentions quadratic.
#[derive(Clone, Debug, Default)]
pub struct SpanSet {
    /// Sorted.
    spans: Vec<Span>,
    /// `reach[i]`: the furthest end among `spans[..=i]`.
    reach: Vec<u32>,
}

impl SpanSet {
    pub fn new(spans: impl IntoIterator<Item = Span>) -> SpanSet {
        let mut spans: Vec<Span> = spans.into_iter().collect();
        spans.sort_unstable();
        let reach = spans
            .iter()
            .scan(0, |end, s| {
                *end = s.end.max(*end);
                Some(*end)
            })
            .collect();
        SpanSet { spans, reach }
    }

    /// Whether a span of the set overlaps `span` (shares at least one byte with it).
    pub fn overlaps(&self, span: Span) -> bool {
        let before_end = self.spans.partition_point(|s| s.start < span.end);
        before_end > 0 && self.reach[before_end - 1] > span.start
    }

    /// Whether `span` is one of the set.
    pub fn contains(&self, span: Span) -> bool {
        self.spans.binary_search(&span).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_in_a_long_line_count_characters_like_a_scan() {
        let line = "Ankara—Bakı ñ ".repeat(2000);
        let text = format!("first\n{line}\nlast");
        let index = LineIndex::new(&text);
        let line_start = 6;
        for offset in (0..text.len()).step_by(997).chain([text.len()]) {
            let expected = if offset < line_start {
                text[..floor_char_boundary(&text, offset)].chars().count()
            } else if offset <= line_start + line.len() {
                text[line_start..floor_char_boundary(&text, offset)].chars().count()
            } else {
                text[line_start + line.len() + 1..offset].chars().count()
            };
            assert_eq!(index.line_col(&text, offset).col as usize, expected + 1, "at {offset}");
        }
    }

    #[test]
    fn line_col_counts_chars_not_bytes() {
        let text = "ab\nYaşar Güler 🙂 x\r\nlast";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 3);
        assert_eq!(index.line_col(text, 0), LineCol { line: 1, col: 1 });
        let x = text.find(" x").unwrap() + 1;
        assert_eq!(index.line_col(text, x), LineCol { line: 2, col: 15 });
        let last = text.find("last").unwrap();
        assert_eq!(index.line_col(text, last), LineCol { line: 3, col: 1 });
        assert_eq!(index.line_range(text, 1), Some(3..text.find("\r\n").unwrap()));
        let old_mac = "a\rb\r\nc";
        let index = LineIndex::new(old_mac);
        assert_eq!(index.line_count(), 3);
        assert_eq!(index.line_col(old_mac, 5), LineCol { line: 3, col: 1 });
    }

    #[test]
    fn offsets_inside_a_char_or_past_the_end_are_clamped() {
        let text = "é";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 1), LineCol { line: 1, col: 1 });
        assert_eq!(index.line_col(text, 99), LineCol { line: 1, col: 2 });
    }

    #[test]
    fn span_touch_and_overlap() {
        let span = Span::new(3, 6);
        assert!(span.touches(3) && span.touches(6) && !span.touches(7));
        assert!(span.overlaps(Span::new(5, 9)) && !span.overlaps(Span::new(6, 9)));
    }

    #[test]
    fn span_set_overlaps_like_a_scan() {
        let spans = [Span::new(10, 20), Span::new(12, 14), Span::new(30, 31), Span::new(5, 5)];
        let set = SpanSet::new(spans);
        for start in 0..40 {
            for end in start..40 {
                let query = Span::new(start, end);
                let scan = spans.iter().any(|s| s.overlaps(query));
                assert_eq!(set.overlaps(query), scan, "{query:?}");
            }
        }
        assert!(set.contains(Span::new(12, 14)) && !set.contains(Span::new(12, 15)));
    }
}
