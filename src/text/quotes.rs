//! Direct quotations in prose: the passages between quotation marks, where a name or title
//! is spelt as the speaker's or the source's text has it, not as the article chose.
//!
//! Curly marks pair as they are written (`“` opens, `”` closes; `«`/`»` likewise); straight
//! `"` marks alternate. A quotation still open at the end of its paragraph runs to that end:
//! news style leaves a quotation open when it goes on in the next paragraph, and a
//! paragraph's break is where the pairing starts afresh.

use std::ops::Range;

use crate::span::Span;

/// The quoted passages of `text[range]`, marks included, in order.
pub fn quoted(text: &str, range: Range<usize>) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let body = &text[range.clone()];
    let mut line_start = range.start;
    for line in body.split_inclusive('\n') {
        let line_end = line_start + line.len();
        if line.trim().is_empty() {
            // A paragraph ends: an open quotation runs to here.
            if let Some(start) = open.take() {
                out.push(Span::new(start, line_start));
            }
        }
        for (at, c) in line.char_indices() {
            let at = line_start + at;
            match (c, open) {
                ('\u{201c}' | '\u{ab}', None) | ('"', None) => open = Some(at),
                ('\u{201d}' | '\u{bb}' | '"', Some(start)) => {
                    out.push(Span::new(start, at + c.len_utf8()));
                    open = None;
                }
                _ => {}
            }
        }
        line_start = line_end;
    }
    if let Some(start) = open {
        out.push(Span::new(start, range.end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Vec<&str> {
        quoted(text, 0..text.len()).into_iter().map(|s| &text[s.range()]).collect()
    }

    #[test]
    fn pairs_curly_straight_and_open_quotations() {
        assert_eq!(
            shown("He said “we agree” and \"so do we\", then «fine»."),
            ["“we agree”", "\"so do we\"", "«fine»"]
        );
        assert_eq!(
            shown("“It goes on\n\n“and ends here,” she said. Then prose."),
            ["“It goes on\n", "“and ends here,”"]
        );
        assert_eq!(shown("No quotes at all."), Vec::<&str>::new());
        assert_eq!(shown("An apostrophe’s not a quote"), Vec::<&str>::new());
    }
}
