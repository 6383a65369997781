//! Control characters made visible in the formats people read (`full`, `concise`, the
//! messages on standard error). A file name, a message or a source line may hold anything:
//! a newline followed by `::error ...` would be a GitHub workflow command in a CI log, and an
//! escape sequence would drive the reader's terminal. Each such character is written as its
//! Rust escape instead (`\n`, `\x1b`, `\u{9b}`, `\u{202e}`), which is visible, unambiguous and
//! one line. The machine formats escape for their own syntax (`json`, `sarif`, `github`,
//! `junit`) and get the text as it is.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` must not reach a terminal or a log raw: C0 and C1 controls, DEL, the
/// bidirectional overrides and isolates (which reorder what is shown, "Trojan Source"), and
/// the Unicode line and paragraph separators.
fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if (c as u32) < 0x80 => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        c => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

/// `text` with every control character escaped: for paths, messages and titles, which are
/// printed on one line.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A source excerpt made printable, keeping its line breaks and tabs (the code frame lays
/// them out), with a map from byte offsets in the original to offsets in the result, so
/// underlines stay under what they point at.
pub struct Excerpt<'a> {
    pub text: Cow<'a, str>,
    /// `(offset in the original after an escaped character, bytes added so far)`, ascending.
    shifts: Vec<(usize, usize)>,
}

impl<'a> Excerpt<'a> {
    pub fn new(text: &'a str) -> Excerpt<'a> {
        let escaped = |c: char| needs_escape(c) && !matches!(c, '\n' | '\r' | '\t');
        if !text.chars().any(escaped) {
            return Excerpt { text: Cow::Borrowed(text), shifts: Vec::new() };
        }
        let mut out = String::with_capacity(text.len() + 8);
        let mut shifts = Vec::new();
        for (at, c) in text.char_indices() {
            if escaped(c) {
                push_escaped(&mut out, c);
                shifts.push((at + c.len_utf8(), out.len() - (at + c.len_utf8())));
            } else {
                out.push(c);
            }
        }
        Excerpt { text: Cow::Owned(out), shifts }
    }

    /// Where the original's byte `offset` (a character boundary) is in the printable text.
    pub fn offset(&self, offset: usize) -> usize {
        let passed = self.shifts.partition_point(|&(after, _)| after <= offset);
        offset + passed.checked_sub(1).map_or(0, |i| self.shifts[i].1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_visible_escapes() {
        assert_eq!(printable("a.md"), "a.md");
        assert_eq!(printable("x\n::error file=a::owned"), "x\\n::error file=a::owned");
        assert_eq!(printable("\u{1b}[31mred\u{7}"), "\\x1b[31mred\\x07");
        assert_eq!(printable("\u{9b}2J \u{202e}cba"), "\\u{9b}2J \\u{202e}cba");
        assert_eq!(printable("Erdoğan — “quoted”\u{a0}"), "Erdoğan — “quoted”\u{a0}");
    }

    #[test]
    fn excerpts_keep_lines_and_map_offsets() {
        let text = "T1\tPer 0 4\u{1b}[2J\tx\u{9b}y\nnext";
        let excerpt = Excerpt::new(text);
        assert_eq!(excerpt.text, "T1\tPer 0 4\\x1b[2J\tx\\u{9b}y\nnext");
        let x = text.find('x').unwrap();
        assert_eq!(&excerpt.text[excerpt.offset(x)..excerpt.offset(x) + 1], "x");
        let y = text.find('y').unwrap();
        assert_eq!(&excerpt.text[excerpt.offset(y)..excerpt.offset(y) + 1], "y");
        assert_eq!(excerpt.offset(text.len()), excerpt.text.len());
        assert_eq!(excerpt.offset(0), 0);
    }
}
