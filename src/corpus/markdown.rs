//! One walk over a Markdown article's events, shared by the article parser and the
//! suppression finder, that reads *indented* code blocks as Markdown.
//!
//! Scraped news pages often arrive with every line indented four spaces, which CommonMark
//! reads as one code block: the whole article would be left out of the analysis without a
//! word. An article has no code to speak of, so the content of an indented block is parsed
//! again as Markdown and its events reported with offsets into the article. Fenced code
//! (```` ``` ````) is written on purpose and stays code.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use crate::span::Span;

/// How many indented blocks inside indented blocks are read as prose; deeper ones stay
/// code. Bounds the work on a pathological file (each level parses its text once more).
const MAX_INDENT_DEPTH: usize = 4;

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// Calls `on_event` for every event of the Markdown `text[body_start..]`, with its span in
/// `text`. An indented code block is replaced by the events of its content read as Markdown.
pub fn walk(text: &str, body_start: usize, on_event: &mut dyn FnMut(Event<'_>, Span)) {
    let body = &text[body_start..];
    walk_source(body, &|offset| body_start + offset, 0, on_event);
}

/// Walks `source`, whose offset `o` is `to_text(o)` in the article.
fn walk_source(
    source: &str,
    to_text: &dyn Fn(usize) -> usize,
    depth: usize,
    on_event: &mut dyn FnMut(Event<'_>, Span),
) {
    let map = |range: std::ops::Range<usize>| {
        let start = to_text(range.start);
        // The end is the offset just after the last byte: map that byte, then step past it,
        // so an end at a line's close does not jump over the next line's indentation.
        let end = if range.end > range.start { to_text(range.end - 1) + 1 } else { start };
        Span::new(start, end.max(start))
    };
    // The content of the indented block being read: its text and, per piece, where it
    // came from.
    let mut indented: Option<Dedented> = None;
    for (event, range) in Parser::new_ext(source, options()).into_offset_iter() {
        if let Some(block) = indented.as_mut() {
            match event {
                Event::Text(piece) => block.push(&piece, range),
                Event::End(TagEnd::CodeBlock) => {
                    let block = indented.take().unwrap_or_default();
                    let to_source = |offset: usize| to_text(block.to_source(offset));
                    walk_source(&block.text, &to_source, depth + 1, on_event);
                }
                _ => {}
            }
            continue;
        }
        if depth < MAX_INDENT_DEPTH && matches!(event, Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)))
        {
            indented = Some(Dedented::default());
            continue;
        }
        on_event(event, map(range));
    }
}

/// The text of an indented code block without its indentation, and where each piece of it
/// is in the source it was parsed from.
#[derive(Default)]
struct Dedented {
    text: String,
    /// (offset in `text`, source range) per piece, in order.
    pieces: Vec<(usize, std::ops::Range<usize>)>,
}

impl Dedented {
    fn push(&mut self, piece: &str, source: std::ops::Range<usize>) {
        self.pieces.push((self.text.len(), source));
        self.text.push_str(piece);
    }

    /// The source offset of `offset` in `text`. Inside a piece copied verbatim this is
    /// exact; a piece the parser rewrote (a tab expanded to spaces) maps to its start.
    fn to_source(&self, offset: usize) -> usize {
        let idx = self.pieces.partition_point(|(start, _)| *start <= offset).saturating_sub(1);
        let Some((start, source)) = self.pieces.get(idx) else { return 0 };
        let piece_len = self.pieces.get(idx + 1).map_or(self.text.len(), |next| next.0) - start;
        if piece_len == source.len() {
            source.start + (offset - start).min(source.len())
        } else {
            source.start
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        walk(text, 0, &mut |event, span| {
            if let Event::Text(t) = event {
                out.push((t.into_string(), text[span.range()].to_owned()));
            }
        });
        out
    }

    #[test]
    fn indented_blocks_are_read_as_markdown_with_article_offsets() {
        let text = "# Title\n\n    First *line* here.\n    Second [Jon](kb:x) line.\n";
        let found = texts(text);
        assert!(found.iter().all(|(event, source)| event == source), "{found:?}");
        assert!(found.iter().any(|(t, _)| t == "line"), "emphasis parsed: {found:?}");
        let mut links = Vec::new();
        walk(text, 0, &mut |event, span| {
            if let Event::Start(Tag::Link { dest_url, .. }) = event {
                links.push((dest_url.into_string(), text[span.range()].to_owned()));
            }
        });
        assert_eq!(links, [("kb:x".to_owned(), "[Jon](kb:x)".to_owned())]);
    }

    #[test]
    fn fenced_code_stays_code() {
        let mut code = Vec::new();
        walk("```\nnot prose\n```\n", 0, &mut |event, _| {
            if let Event::Start(Tag::CodeBlock(kind)) = event {
                code.push(matches!(kind, CodeBlockKind::Fenced(_)));
            }
        });
        assert_eq!(code, [true]);
    }

    #[test]
    fn tabs_and_deep_indentation_never_panic() {
        for text in
            ["\tTabbed text.\n", "    \t  x\n\n\n      y\n", &"        ".repeat(40), "    a\n        b\n"]
        {
            let _ = texts(text);
        }
    }
}
