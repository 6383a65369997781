//! Splits text into the tokens the date grammar reads: words, numbers, punctuation.
//!
//! Every token keeps its byte span and whether whitespace precedes it, so the grammar can
//! tell "44-day" (three tokens, no spaces) from "44 - day", and "Nov." from "Nov ." Numbers
//! keep their shape: digit count, thousands separators ("2,000" is never a year), decimals,
//! and suffixes ("27th", "1990s"). Letters glued to digits ("A380", "COVID19") make one
//! opaque token, so no part of them is read as a date.

use super::lexicon::{self, Lex};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct(char),
    /// Letters and digits glued together: an identifier, never a date.
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum NumberSuffix {
    #[default]
    None,
    /// "27th", "1st".
    Ordinal,
    /// "1990s", "90s".
    Plural,
}

/// The shape of a number token.
#[derive(Clone, Copy, Debug, Default)]
pub struct NumberShape {
    /// The value, saturating; separators ignored.
    pub value: u64,
    /// Digits before any decimal point.
    pub digits: u8,
    /// Written with thousands separators: "2,000".
    pub grouped: bool,
    /// Has a decimal part: "1.5".
    pub decimal: bool,
    pub suffix: NumberSuffix,
}

#[derive(Clone, Copy, Debug)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    pub kind: TokenKind,
    /// Whitespace (or the start of the text) comes right before.
    pub space_before: bool,
    /// Line breaks in the whitespace before: 2 means a blank line, a paragraph break.
    pub newlines_before: u8,
    /// Starts with an uppercase letter.
    pub capitalized: bool,
    /// Every letter is uppercase (and there are at least two): an acronym or a headline.
    pub all_caps: bool,
    pub lex: Option<&'static Lex>,
    pub number: NumberShape,
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    pub fn is_number(&self) -> bool {
        self.kind == TokenKind::Number
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokenKind::Punct(c)
    }

    /// A plain number: no separators, no decimals, no suffix.
    pub fn plain_number(&self) -> Option<u64> {
        let n = &self.number;
        (self.is_number() && !n.grouped && !n.decimal && n.suffix == NumberSuffix::None).then_some(n.value)
    }

    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start as usize..self.end as usize).unwrap_or("")
    }
}

/// Tokenizes `text`; spans are byte offsets into it. Never fails: unknown characters become
/// punctuation tokens of their own.
pub fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let mut i = 0;
    let mut space_before = true;
    let mut newlines: u8 = 0;
    while i < text.len() {
        let c = match text[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        if c.is_whitespace() {
            if c == '\n' {
                newlines = newlines.saturating_add(1);
            }
            space_before = true;
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let mut token = Token {
            start: start as u32,
            end: 0,
            kind: TokenKind::Other,
            space_before,
            newlines_before: newlines,
            capitalized: false,
            all_caps: false,
            lex: None,
            number: NumberShape::default(),
        };
        if c.is_ascii_digit() {
            let (end, shape) = scan_number(bytes, i);
            i = end;
            // Letters right after the digits: an ordinal or plural suffix, "am"/"pm" (which
            // become a separate word), or an identifier.
            let letters_end = scan_letters(text, i);
            if letters_end > i {
                let suffix = text[i..letters_end].to_ascii_lowercase();
                let mut shape = shape;
                match suffix.as_str() {
                    "st" | "nd" | "rd" | "th" => {
                        shape.suffix = NumberSuffix::Ordinal;
                        i = letters_end;
                        token.kind = TokenKind::Number;
                    }
                    "s" => {
                        shape.suffix = NumberSuffix::Plural;
                        i = letters_end;
                        token.kind = TokenKind::Number;
                    }
                    "am" | "pm" | "a" | "p" => token.kind = TokenKind::Number,
                    _ => {
                        i = scan_alphanumeric(text, letters_end);
                        token.kind = TokenKind::Other;
                    }
                }
                token.number = shape;
            } else if i < text.len() && text[i..].starts_with(|c: char| c.is_alphanumeric()) {
                i = scan_alphanumeric(text, i);
                token.kind = TokenKind::Other;
            } else {
                token.kind = TokenKind::Number;
                token.number = shape;
            }
        } else if c.is_alphabetic() {
            let end = scan_letters(text, i);
            if end < text.len() && bytes[end].is_ascii_digit() {
                i = scan_alphanumeric(text, end);
                token.kind = TokenKind::Other;
            } else {
                i = end;
                token.kind = TokenKind::Word;
                let word = &text[start..end];
                token.capitalized = word.starts_with(char::is_uppercase);
                token.all_caps = word.len() > 1 && !word.chars().any(char::is_lowercase);
                token.lex = lexicon::lookup(word);
            }
        } else {
            i += c.len_utf8();
            token.kind = TokenKind::Punct(c);
        }
        token.end = i as u32;
        tokens.push(token);
        space_before = false;
        newlines = 0;
    }
    tokens
}

/// Digits with optional thousands groups ("2,000,000") and decimal part ("1.5").
fn scan_number(bytes: &[u8], start: usize) -> (usize, NumberShape) {
    let mut shape = NumberShape::default();
    let mut i = start;
    let push = |shape: &mut NumberShape, b: u8| {
        shape.value = shape.value.saturating_mul(10).saturating_add(u64::from(b - b'0'));
        shape.digits = shape.digits.saturating_add(1);
    };
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        push(&mut shape, bytes[i]);
        i += 1;
    }
    // Groups of exactly three digits after a comma, only after 1 to 3 leading digits.
    if shape.digits <= 3 {
        while i + 3 < bytes.len() + 1
            && bytes.get(i) == Some(&b',')
            && bytes.get(i + 1..i + 4).is_some_and(|g| g.iter().all(u8::is_ascii_digit))
            && !bytes.get(i + 4).is_some_and(u8::is_ascii_digit)
        {
            for &b in &bytes[i + 1..i + 4] {
                push(&mut shape, b);
            }
            shape.grouped = true;
            i += 4;
        }
    }
    if bytes.get(i) == Some(&b'.') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
        shape.decimal = true;
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
    }
    (i, shape)
}

fn scan_letters(text: &str, start: usize) -> usize {
    let mut end = start;
    for c in text[start..].chars() {
        if c.is_alphabetic() {
            end += c.len_utf8();
        } else {
            break;
        }
    }
    end
}

fn scan_alphanumeric(text: &str, start: usize) -> usize {
    let mut end = start;
    for c in text[start..].chars() {
        if c.is_alphanumeric() {
            end += c.len_utf8();
        } else {
            break;
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(text: &str) -> Vec<(String, TokenKind, bool)> {
        tokenize(text).iter().map(|t| (t.text(text).to_string(), t.kind, t.space_before)).collect()
    }

    #[test]
    fn splits_words_numbers_and_punctuation() {
        let text = "a 44-day war, Nov. 10";
        let got = shapes(text);
        let words: Vec<&str> = got.iter().map(|(s, _, _)| s.as_str()).collect();
        assert_eq!(words, ["a", "44", "-", "day", "war", ",", "Nov", ".", "10"]);
        assert!(!got[2].2 && !got[3].2, "no space inside 44-day");
        assert!(got[8].2);
    }

    #[test]
    fn number_shapes() {
        let text = "2,000 1.5 27th 1990s 10pm A380 2020";
        let tokens = tokenize(text);
        let texts: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
        assert_eq!(texts, ["2,000", "1.5", "27th", "1990s", "10", "pm", "A380", "2020"]);
        assert!(tokens[0].number.grouped && tokens[0].number.value == 2000);
        assert!(tokens[1].number.decimal);
        assert_eq!(tokens[2].number.suffix, NumberSuffix::Ordinal);
        assert_eq!(tokens[2].number.value, 27);
        assert_eq!(tokens[3].number.suffix, NumberSuffix::Plural);
        assert_eq!(tokens[4].plain_number(), Some(10));
        assert_eq!(tokens[6].kind, TokenKind::Other);
        assert_eq!(tokens[7].plain_number(), Some(2020));
        assert_eq!(tokens[7].number.digits, 4);
    }

    #[test]
    fn garbage_never_panics() {
        let samples = [
            "",
            "\u{0}",
            "9999999999999999999999999",
            "1,2",
            "1,",
            "12,34",
            "é1",
            "1é",
            "🙂2020🙂",
            "'",
            "..",
            "1.",
            "Ω≈ç√∫",
            "\r\n\r\n",
            "1,000,00",
            "٣٤٥",
        ];
        for s in samples {
            let tokens = tokenize(s);
            for t in tokens {
                assert!(s.is_char_boundary(t.start as usize) && s.is_char_boundary(t.end as usize));
            }
        }
    }

    #[test]
    fn capitalization_and_lexicon() {
        let text = "May may MAY";
        let tokens = tokenize(text);
        assert!(tokens[0].capitalized && !tokens[0].all_caps);
        assert!(!tokens[1].capitalized);
        assert!(tokens[2].all_caps);
        assert!(tokens.iter().all(|t| t.lex.is_some_and(|l| l.month == Some(5))));
    }
}
