//! Words of prose with their byte spans: letters and digits, with inner hyphens and
//! apostrophes (`Rasi-zade`, `O'Brien`) kept inside the word, so names stay whole.

use crate::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word<'a> {
    pub text: &'a str,
    pub span: Span,
}

/// Whether `span` of `text` starts and ends on word boundaries: no letter or digit right
/// before or after it (`Akar` in `Akar's`, not in `Akarsu`).
pub fn is_whole_word(text: &str, span: Span) -> bool {
    let before = text[..span.start as usize].chars().next_back();
    let after = text[span.end as usize..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// `text` with its first letter upper-cased (`president` -> `President`).
pub fn capitalize_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

impl Word<'_> {
    /// Starts with an upper-case letter: a candidate for a name.
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '‐' | '\'' | '’')
}

/// The words of `text[range]`, spans relative to `text`.
pub fn words(text: &str, range: std::ops::Range<usize>) -> Vec<Word<'_>> {
    let slice = &text[range.clone()];
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = slice.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_word_char(c) {
            start.get_or_insert(i);
            continue;
        }
        // A hyphen or apostrophe between two word characters joins them, except the
        // possessive `’s` at the end of a word, which is not part of the name.
        if let Some(s) = start
            && is_joiner(c)
            && let Some(&(_, next)) = chars.peek()
            && is_word_char(next)
        {
            let rest = &slice[i + c.len_utf8()..];
            let possessive = matches!(c, '\'' | '’') && {
                let mut tail = rest.chars();
                tail.next() == Some('s') && !tail.next().is_some_and(is_word_char)
            };
            if !possessive {
                let _ = s;
                continue;
            }
        }
        if let Some(s) = start.take() {
            out.push(Word { text: &slice[s..i], span: Span::new(range.start + s, range.start + i) });
        }
    }
    if let Some(s) = start {
        out.push(Word { text: &slice[s..], span: Span::new(range.start + s, range.end) });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_names_whole_and_drops_possessives() {
        let text = "Artur Rasi-zade met O’Brien; Azerbaijan’s army and Turkey's, 44-day war.";
        let found: Vec<_> = words(text, 0..text.len()).into_iter().map(|w| w.text).collect();
        assert_eq!(
            found,
            [
                "Artur",
                "Rasi-zade",
                "met",
                "O’Brien",
                "Azerbaijan",
                "s",
                "army",
                "and",
                "Turkey",
                "s",
                "44-day",
                "war"
            ]
        );
        let w = words(text, 6..15);
        assert_eq!(w[0].span, Span::new(6, 15));
        assert!(w[0].is_capitalized());
    }
}
