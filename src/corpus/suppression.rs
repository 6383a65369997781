//! Suppression comments in Markdown articles: `<!-- dateline-ignore CODE, ... -->` silences
//! those checks in the block that follows it (or, written inside a paragraph, in that
//! paragraph); `<!-- dateline-ignore-file CODE -->` anywhere silences them in the whole
//! file. Without codes, a comment silences every check. Codes may be prefixes (`name/`).
//!
//! This module only finds the comments and what they cover; the analysis host applies them
//! to the findings and `corpus/unused-suppression` reports the ones that did nothing.
//!
//! Plain-text articles have no comment syntax that is not also prose (a wire story can
//! contain `<!--`), so they take no suppressions: use `per-file-ignores` in
//! `dateline.toml` for them.

use pulldown_cmark::{Event, Tag};

use crate::span::Span;

const BLOCK_MARKER: &str = "dateline-ignore";
const FILE_MARKER: &str = "dateline-ignore-file";

/// One suppression comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    /// The whole comment, `<!--` to `-->`.
    pub span: Span,
    pub scope: Scope,
    /// The codes or prefixes as written, each with its place; empty means every check.
    pub codes: Vec<SuppressedCode>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// `dateline-ignore-file`: the whole file.
    File,
    /// `dateline-ignore`: the block it precedes or sits in; `None` when no block follows
    /// (the comment ends the document or its container), so it covers nothing.
    Block(Option<Span>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SuppressedCode {
    pub text: String,
    pub span: Span,
}

impl Suppression {
    /// Whether this comment covers a finding at `span` (its codes aside).
    pub fn covers(&self, span: Span) -> bool {
        match self.scope {
            Scope::File => true,
            Scope::Block(Some(block)) => block.start <= span.start && span.start < block.end,
            Scope::Block(None) => false,
        }
    }
}

/// Finds the suppression comments in a Markdown article whose body starts at `body_start`
/// (after the front matter). Cheap when there are none: the text is searched for the marker
/// before anything is parsed.
pub fn parse_markdown(text: &str, body_start: usize) -> Vec<Suppression> {
    if !text[body_start..].contains(BLOCK_MARKER) {
        return Vec::new();
    }
    let mut found = Vec::new();
    // Open block elements, innermost last: (span, is an HTML block).
    let mut open: Vec<Span> = Vec::new();
    // Block comments waiting for the next block at their depth: (index in `found`, depth).
    let mut waiting: Vec<(usize, usize)> = Vec::new();
    // Indented blocks are read as Markdown, as the article parser reads them: a comment in
    // a scraped article indented four spaces is a comment.
    super::markdown::walk(text, body_start, &mut |event, span| {
        match event {
            Event::Start(Tag::HtmlBlock) => {
                // Comments in an HTML block wait for the block after it; the HTML block
                // itself is nobody's target.
                let depth = open.len();
                for mut suppression in comments(text, span) {
                    if suppression.scope != Scope::File {
                        waiting.push((found.len(), depth));
                        suppression.scope = Scope::Block(None);
                    }
                    found.push(suppression);
                }
                open.push(span);
            }
            Event::Start(tag) if is_block(&tag) => {
                let depth = open.len();
                waiting.retain(|&(idx, wanted)| {
                    if wanted == depth {
                        found[idx].scope = Scope::Block(Some(span));
                        false
                    } else {
                        true
                    }
                });
                open.push(span);
            }
            Event::End(end) if is_block_end(&end) => {
                open.pop();
                // A comment that was last in its container has nothing to cover.
                let depth = open.len();
                waiting.retain(|&(_, wanted)| wanted <= depth);
            }
            // Inside a paragraph (or heading, table cell...): covers that block. A comment
            // spanning lines may arrive in pieces; the first starts with `<!--`.
            Event::InlineHtml(html) if html.trim_start().starts_with("<!--") => {
                let enclosing = open.last().copied();
                let start = span.start as usize;
                let end = text[start..].find("-->").map_or(text.len(), |i| start + i + 3);
                for mut suppression in comments(text, Span::new(start, end)) {
                    if suppression.scope != Scope::File {
                        suppression.scope = Scope::Block(enclosing);
                    }
                    found.push(suppression);
                }
            }
            _ => {}
        }
    });
    found
}

/// Every well-formed suppression comment inside `within`; block-scoped ones come back
/// with `Scope::Block(None)` for the caller to resolve.
fn comments(text: &str, within: Span) -> Vec<Suppression> {
    let mut out = Vec::new();
    let mut at = within.start as usize;
    let end = within.end as usize;
    while let Some(open) = text[at..end].find("<!--") {
        let inner_start = at + open + 4;
        let Some(close) = text[inner_start..end].find("-->") else {
            break;
        };
        let inner_end = inner_start + close;
        let comment = Span::new(at + open, inner_end + 3);
        at = inner_end + 3;
        let inner = &text[inner_start..inner_end];
        let lead = inner.len() - inner.trim_start().len();
        let trimmed = inner.trim_start();
        let (scope, marker) = if let Some(rest) = marker_rest(trimmed, FILE_MARKER) {
            (Scope::File, rest)
        } else if let Some(rest) = marker_rest(trimmed, BLOCK_MARKER) {
            (Scope::Block(None), rest)
        } else {
            continue;
        };
        let codes_start = inner_start + lead + (trimmed.len() - marker.len());
        let codes = split_codes(marker, codes_start);
        out.push(Suppression { span: comment, scope, codes });
    }
    out
}

/// What follows `marker` at the start of `text`, if the marker is a whole word there.
fn marker_rest<'t>(text: &'t str, marker: &str) -> Option<&'t str> {
    let rest = text.strip_prefix(marker)?;
    (rest.is_empty() || rest.starts_with(char::is_whitespace)).then_some(rest)
}

/// Codes separated by commas and/or whitespace, each with its absolute span.
fn split_codes(list: &str, base: usize) -> Vec<SuppressedCode> {
    let mut codes = Vec::new();
    let mut start = None;
    for (idx, ch) in list.char_indices().chain([(list.len(), ' ')]) {
        let separator = ch == ',' || ch.is_whitespace();
        match (start, separator) {
            (None, false) => start = Some(idx),
            (Some(from), true) => {
                codes.push(SuppressedCode {
                    text: list[from..idx].to_owned(),
                    span: Span::new(base + from, base + idx),
                });
                start = None;
            }
            _ => {}
        }
    }
    codes
}

fn is_block(tag: &Tag<'_>) -> bool {
    !matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_block_end(end: &pulldown_cmark::TagEnd) -> bool {
    use pulldown_cmark::TagEnd;
    !matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Vec<Suppression> {
        parse_markdown(text, 0)
    }

    fn target<'t>(text: &'t str, suppression: &Suppression) -> Option<&'t str> {
        match suppression.scope {
            Scope::Block(Some(span)) => Some(text[span.range()].trim_end()),
            _ => None,
        }
    }

    fn codes(suppression: &Suppression) -> Vec<&str> {
        suppression.codes.iter().map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn a_comment_line_covers_the_next_block() {
        let text = "First.\n\n<!-- dateline-ignore name/variant, kb/ -->\nSecond\nparagraph.\n\nThird.\n";
        let found = parse(text);
        assert_eq!(found.len(), 1);
        assert_eq!(codes(&found[0]), ["name/variant", "kb/"]);
        assert_eq!(target(text, &found[0]), Some("Second\nparagraph."));
        assert_eq!(&text[found[0].span.range()], "<!-- dateline-ignore name/variant, kb/ -->");
        assert_eq!(&text[found[0].codes[1].span.range()], "kb/");
    }

    #[test]
    fn comments_in_an_indented_article_are_suppressions() {
        // A scraped article indented four spaces is read as prose, comments included.
        let text = "    First.\n\n    <!-- dateline-ignore name/ -->\n    Second.\n";
        let found = parse(text);
        assert_eq!(found.len(), 1);
        assert_eq!(codes(&found[0]), ["name/"]);
        assert_eq!(target(text, &found[0]), Some("Second."));
        assert_eq!(&text[found[0].span.range()], "<!-- dateline-ignore name/ -->");
    }

    #[test]
    fn blank_lines_and_lists_are_blocks_too() {
        let text = "<!-- dateline-ignore -->\n\n- one\n- two\n\nAfter.\n";
        let found = parse(text);
        assert!(codes(&found[0]).is_empty(), "no codes: every check");
        assert_eq!(target(text, &found[0]), Some("- one\n- two"));
    }

    #[test]
    fn inline_comments_cover_their_paragraph() {
        let text = "Before.\n\nA quote <!-- dateline-ignore name/variant --> with Pashinian.\n\nAfter.\n";
        let found = parse(text);
        assert_eq!(
            target(text, &found[0]),
            Some("A quote <!-- dateline-ignore name/variant --> with Pashinian.")
        );
    }

    #[test]
    fn file_comments_cover_everything_and_trailing_comments_nothing() {
        let text =
            "Text.\n\n<!-- dateline-ignore-file corpus/missing-date -->\n\n<!-- dateline-ignore x -->\n";
        let found = parse(text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].scope, Scope::File);
        assert!(found[0].covers(Span::new(0, 1)));
        assert_eq!(found[1].scope, Scope::Block(None));
        assert!(!found[1].covers(Span::new(0, 1)));
    }

    #[test]
    fn other_comments_and_code_are_not_suppressions() {
        let text = "<!-- a note -->\n\n`<!-- dateline-ignore -->` in code\n\n```\n<!-- dateline-ignore -->\n```\n\n<!-- dateline-ignored -->\nX\n";
        assert!(parse(text).is_empty(), "{:?}", parse(text));
    }

    #[test]
    fn multi_line_comments_and_front_matter_offsets() {
        let text = "---\ndate: 2021-01-01\n---\n<!--\n  dateline-ignore\n  name/variant\n-->\nBody.\n";
        let body = text.find("<!--").unwrap();
        let found = parse_markdown(text, body);
        assert_eq!(codes(&found[0]), ["name/variant"]);
        assert_eq!(&text[found[0].codes[0].span.range()], "name/variant");
        assert_eq!(target(text, &found[0]), Some("Body."));
    }
}
