//! TSV escaping: the text and feature values as the file writes them, and stacked cells split.

use super::*;

/// `(text bytes, file bytes)` pieces of an unescaped string, relative to its input.
pub(super) type Runs = Vec<(std::ops::Range<usize>, std::ops::Range<usize>)>;

/// Undoes the `#Text=` escaping of the format version; returns the text and, for the origin
/// map, `(text bytes, file bytes)` ranges relative to the inputs.
pub(super) fn unescape_text(s: &str, version: (u32, u32)) -> (String, Runs) {
    let mut out = String::with_capacity(s.len());
    let mut runs = Vec::new();
    let mut verbatim_from = 0;
    let mut chars = s.char_indices().peekable();
    let java = version.1 <= 1;
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            continue;
        }
        let Some(&(j, next)) = chars.peek() else {
            break;
        };
        let mut consumed = j + next.len_utf8();
        let replacement = match next {
            't' => Some('\t'),
            'n' => Some('\n'),
            'r' => Some('\r'),
            'f' => Some('\u{c}'),
            'b' => Some('\u{8}'),
            '\\' => Some('\\'),
            '\'' | '"' if java => Some(next),
            'u' if java => {
                let hex = s.get(j + 1..j + 5).filter(|h| h.len() == 4);
                match hex.and_then(|h| u32::from_str_radix(h, 16).ok()).and_then(char::from_u32) {
                    Some(ch) => {
                        consumed = j + 5;
                        Some(ch)
                    }
                    None => None,
                }
            }
            // 3.2+: a backslash before a raw control character (other than \t..\r) keeps it.
            c if !java && (c as u32) < 32 && !(8..14).contains(&(c as u32)) => Some(c),
            _ => None,
        };
        let Some(replacement) = replacement else {
            continue;
        };
        if verbatim_from < i {
            let t = out.len();
            out.push_str(&s[verbatim_from..i]);
            runs.push((t..out.len(), verbatim_from..i));
        }
        let t = out.len();
        out.push(replacement);
        runs.push((t..out.len(), i..consumed));
        while chars.peek().is_some_and(|&(k, _)| k < consumed) {
            chars.next();
        }
        verbatim_from = consumed;
    }
    if verbatim_from < s.len() {
        let t = out.len();
        out.push_str(&s[verbatim_from..]);
        runs.push((t..out.len(), verbatim_from..s.len()));
    }
    (out, runs)
}

/// Undoes the escaping of annotation values (`\|`, `\[`, `\_`, `\*`...).
pub(super) fn unescape_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.peek() {
                Some('t') => {
                    chars.next();
                    out.push('\t');
                }
                Some('n') => {
                    chars.next();
                    out.push('\n');
                }
                Some(&n @ ('\\' | '[' | ']' | '|' | '_' | '-' | ';' | '*')) => {
                    chars.next();
                    out.push(n);
                }
                _ => out.push(c),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Splits a cell on `|` not preceded by a backslash, keeping positions.
pub(super) fn split_stacked(cell: &str, base: usize) -> Vec<(&str, Span)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in cell.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => {
                out.push((&cell[start..i], Span::new(base + start, base + i)));
                start = i + 1;
            }
            _ => escaped = false,
        }
    }
    out.push((&cell[start..], Span::new(base + start, base + cell.len())));
    out
}

/// A `[...]` suffix not escaped as `\]`: `(value, suffix)`.
pub(super) fn split_suffix(value: &str) -> (&str, Option<&str>) {
    if value.ends_with(']')
        && !value.ends_with("\\]")
        && let Some(open) = value.rfind('[')
    {
        return (&value[..open], Some(&value[open + 1..value.len() - 1]));
    }
    (value, None)
}
