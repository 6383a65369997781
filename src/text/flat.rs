//! Prose with its line wrapping undone, for matching names and titles that a hard-wrapped
//! Markdown file breaks across lines ("Prime Minister Artur\nRasizade").
//!
//! Every run of whitespace without a blank line in it becomes one space; offsets map back
//! to the original text through a sparse list of anchors (one per run that changed
//! length), so the flat copy costs one string, not an offset per byte.

use crate::span::Span;

pub struct Flat {
    pub text: String,
    /// Where the original text starts (the flat text starts at 0).
    base: usize,
    /// (flat offset, original offset) after each shortened run, in order.
    anchors: Vec<(u32, u32)>,
}

impl Flat {
    /// Flattens `text[range]`.
    pub fn new(text: &str, range: std::ops::Range<usize>) -> Flat {
        let slice = &text[range.clone()];
        let mut out = String::with_capacity(slice.len());
        let mut anchors = Vec::new();
        let mut chars = slice.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if !c.is_whitespace() {
                out.push(c);
                continue;
            }
            // The whole run of whitespace.
            let mut end = i + c.len_utf8();
            let mut newlines = usize::from(c == '\n');
            while let Some(&(j, next)) = chars.peek() {
                if !next.is_whitespace() {
                    break;
                }
                newlines += usize::from(next == '\n');
                end = j + next.len_utf8();
                chars.next();
            }
            if newlines >= 2 {
                // A blank line ends a paragraph: keep it so nothing matches across it.
                out.push_str(&slice[i..end]);
                continue;
            }
            out.push(' ');
            if end - i != 1 {
                anchors.push((out.len() as u32, (range.start + end) as u32));
            }
        }
        Flat { text: out, base: range.start, anchors }
    }

    /// The original offset of flat offset `offset`.
    pub fn original(&self, offset: usize) -> usize {
        let idx = self.anchors.partition_point(|&(flat, _)| flat as usize <= offset);
        match idx.checked_sub(1).map(|i| self.anchors[i]) {
            Some((flat, orig)) => orig as usize + (offset - flat as usize),
            None => self.base + offset,
        }
    }

    /// The original span of a flat span.
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.original(start), self.original(end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unwraps_lines_and_maps_back() {
        let text = "xx Prime Minister Artur\r\n   Rasi-zade met\n\nHulusi\tAkar.";
        let flat = Flat::new(text, 3..text.len());
        assert_eq!(flat.text, "Prime Minister Artur Rasi-zade met\n\nHulusi Akar.");
        let start = flat.text.find("Artur").unwrap();
        let end = flat.text.find(" met").unwrap();
        assert_eq!(&text[flat.span(start, end).range()], "Artur\r\n   Rasi-zade");
        let akar = flat.text.find("Akar").unwrap();
        assert_eq!(&text[flat.span(akar, akar + 4).range()], "Akar");
        assert_eq!(flat.original(0), 3);
    }
}
