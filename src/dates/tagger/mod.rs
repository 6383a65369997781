//! The temporal tagger: finds TIMEX3-style expressions in English news text and resolves
//! them against the publication date and the narrative.
//!
//! Pipeline, per chunk of text (paragraph-aligned, so memory stays flat on huge inputs):
//! `tokens` splits the text, `patterns` finds and interprets expressions, `tense` reads the
//! tense of each one's sentence, `resolve` turns meanings into values, carrying the
//! narrative anchor across chunks.

mod lang;
mod lexicon;

pub use lang::DateLanguage;

/// The value of an ordinal written as digits or words: `3rd`, `105th`, `third`,
/// `twenty-fifth`.
pub fn ordinal(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if !digits.is_empty() && digits.len() < word.len() && digits.bytes().all(|b| b.is_ascii_digit()) {
        let suffix = &word[digits.len()..];
        return ["st", "nd", "rd", "th"]
            .iter()
            .any(|s| s.eq_ignore_ascii_case(suffix))
            .then(|| digits.parse().ok())
            .flatten();
    }
    if let Some(n) = lexicon::lookup(word).and_then(|l| l.ordinal) {
        return Some(n);
    }
    let (tens, unit) = word.split_once('-')?;
    lexicon::combine_tens_ordinal(lexicon::lookup(tens)?.number?, lexicon::lookup(unit)?.ordinal?)
}

#[cfg(test)]
#[test]
fn ordinals_in_digits_and_words() {
    let read: Vec<_> = ["3rd", "105th", "third", "twenty-fifth", "first", "3", "3xx", "many-first"]
        .iter()
        .map(|w| ordinal(w))
        .collect();
    assert_eq!(read, [Some(3), Some(105), Some(3), Some(25), Some(1), None, None, None]);
}
mod patterns;
mod resolve;
mod tense;
mod tokens;

// The test tables keep one case per line: rustfmt would spread each over five.
#[cfg(test)]
#[rustfmt::skip]
mod tests;

use patterns::Grammar;
use resolve::{Found, Resolver};
use tense::Sentences;
use tokens::Token;

use super::timex::{Signal, TagContext, Timex};
use crate::span::Span;

/// Chunks are cut at paragraph breaks near this size: big enough to keep whole articles in
/// one piece, small enough to bound the token buffer on a 50 MB input.
const CHUNK_BYTES: usize = 64 * 1024;

/// Finds the temporal expressions of `text`, sorted by span and non-overlapping.
pub fn tag(text: &str, ctx: &TagContext) -> Vec<Timex> {
    let mut resolver = Resolver::new(ctx);
    let mut out = Vec::new();
    for (offset, chunk) in chunks(text) {
        tag_chunk(chunk, offset, &mut resolver, &mut out);
    }
    out
}

fn tag_chunk(chunk: &str, offset: usize, resolver: &mut Resolver<'_>, out: &mut Vec<Timex>) {
    let tokens = tokens::tokenize(chunk);
    if let DateLanguage::Data(pack) = resolver.language() {
        return tag_chunk_with(pack, chunk, offset, &tokens, resolver, out);
    }
    let grammar = Grammar::new(chunk, &tokens);
    let mentions = grammar.mentions();
    let sentences = Sentences::around(chunk, &tokens, mentions.iter().map(|m| m.first));
    let span_of = |first: usize, end: usize| -> Span {
        let start = tokens[first].start as usize;
        let stop = tokens[end.max(first + 1) - 1].end as usize;
        Span::new(offset + start, offset + stop)
    };
    for mention in mentions {
        let span = span_of(mention.first, mention.end);
        let range_spans = match &mention.expr {
            patterns::Expr::Range(a, b) => Some((span_of(a.first, a.end), span_of(b.first, b.end))),
            _ => None,
        };
        let found = Found {
            mention: &mention,
            span,
            tense: sentences.reading(mention.first..mention.end),
            signal: signal_before(chunk, &tokens, mention.first),
            range_spans,
        };
        out.push(resolver.resolve(&found));
    }
}

/// [`tag_chunk`] for a language read from data: its grammar, and tense from its cue words.
fn tag_chunk_with(
    pack: &lang::Pack,
    chunk: &str,
    offset: usize,
    tokens: &[Token],
    resolver: &mut Resolver<'_>,
    out: &mut Vec<Timex>,
) {
    let grammar = lang::grammar::DataGrammar::new(chunk, tokens, pack);
    let span_of = |first: usize, end: usize| -> Span {
        let start = tokens[first].start as usize;
        let stop = tokens[end.max(first + 1) - 1].end as usize;
        Span::new(offset + start, offset + stop)
    };
    for mention in grammar.mentions() {
        let range_spans = match &mention.expr {
            patterns::Expr::Range(a, b) => Some((span_of(a.first, a.end), span_of(b.first, b.end))),
            _ => None,
        };
        let (tense, distance) = grammar.tense(mention.first, mention.end);
        let found = Found {
            mention: &mention,
            span: span_of(mention.first, mention.end),
            tense: tense::TenseReading { tense, distance, settled_past: false },
            signal: None,
            range_spans,
        };
        out.push(resolver.resolve(&found));
    }
}

/// The temporal preposition right before token `first`.
fn signal_before(text: &str, tokens: &[Token], first: usize) -> Option<Signal> {
    let prev = tokens.get(first.checked_sub(1)?)?;
    if !prev.is_word() {
        return None;
    }
    let word = prev.text(text).to_ascii_lowercase();
    Some(match word.as_str() {
        "since" => Signal::Since,
        "until" | "till" | "til" => Signal::Until,
        "by" => Signal::By,
        "before" => Signal::Before,
        "after" => Signal::After,
        "from" => Signal::From,
        "in" => Signal::In,
        "on" => Signal::On,
        "at" => Signal::At,
        "during" => Signal::During,
        "for" => Signal::For,
        "within" => Signal::Within,
        "between" => Signal::Between,
        "through" | "throughout" => Signal::Through,
        "of" => Signal::Of,
        _ => return None,
    })
}

/// Splits `text` into pieces of about [`CHUNK_BYTES`], preferring paragraph breaks, then line
/// breaks, then spaces, so that no expression is cut in two.
fn chunks(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let rest = &text[start..];
        let len = if rest.len() <= CHUNK_BYTES * 2 {
            rest.len()
        } else {
            let window = &rest[..crate::span::floor_char_boundary(rest, CHUNK_BYTES * 2)];
            let min = crate::span::floor_char_boundary(window, CHUNK_BYTES);
            let cut = window[min..]
                .find("\n\n")
                .or_else(|| window[min..].find('\n'))
                .or_else(|| window[min..].find(char::is_whitespace))
                .map(|i| min + i + 1);
            cut.unwrap_or(window.len()).max(1)
        };
        let len =
            crate::span::floor_char_boundary(rest, len).max(rest.chars().next().map_or(1, char::len_utf8));
        let piece = (start, &rest[..len]);
        start += len;
        Some(piece)
    })
}

#[cfg(test)]
mod chunk_tests {
    use super::*;

    #[test]
    fn chunks_cover_the_text_exactly() {
        let mut text = String::new();
        for i in 0..20_000 {
            text.push_str(&format!("Line {i} on Nov. 5, 2020.\n"));
            if i % 50 == 0 {
                text.push('\n');
            }
        }
        text.push_str("é🙂 tail without newline ");
        text.push_str(&"x".repeat(CHUNK_BYTES * 3));
        // Multibyte characters and no whitespace across every possible cut.
        text.push_str(&"é🙂".repeat(CHUNK_BYTES));
        let mut next = 0;
        for (offset, piece) in chunks(&text) {
            assert_eq!(offset, next);
            assert!(!piece.is_empty());
            next = offset + piece.len();
        }
        assert_eq!(next, text.len());
    }
}
