//! One article: front matter, metadata, `kb:` links, and the prose to scan.
//!
//! Parsing never fails. A broken front matter block is kept as a problem and the article
//! has no metadata from it; the body is still scanned.

use std::collections::BTreeMap;

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

use super::config::ArticleMetaConfig;
use crate::dates::PartialDate;
use crate::span::{LineIndex, Span};
use crate::text::language::Language;

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum ArticleFormat {
    Markdown,
    Text,
}

/// Where the front matter block is and which language it is in.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FrontMatterKind {
    Yaml,
    Toml,
}

#[derive(Clone, Debug)]
pub struct FrontMatter {
    pub kind: FrontMatterKind,
    /// From the opening fence to the end of the closing fence line.
    pub span: Span,
    /// The text between the fences.
    pub content: Span,
}

/// A metadata value and where it was written (front matter value, or nowhere when it came
/// from `dateline.toml`).
#[derive(Clone, Debug)]
pub struct MetaField<T> {
    pub value: T,
    pub span: Option<Span>,
}

#[derive(Clone, Debug, Default)]
pub struct ArticleMeta {
    pub title: Option<MetaField<String>>,
    /// The publication date (the document creation time for date resolution).
    pub date: Option<MetaField<PartialDate>>,
    pub source: Option<MetaField<String>>,
    pub url: Option<MetaField<String>>,
    /// `lang:` (or `language:`) in front matter, or the `[articles."path"] lang` entry.
    pub lang: Option<MetaField<Language>>,
}

/// `[text](kb:id)`: an explicit mention of a KB entity.
#[derive(Clone, Debug)]
pub struct KbLink {
    /// The link text, what the reader sees.
    pub text: Span,
    pub target: String,
    /// The `id` after `kb:`.
    pub target_span: Span,
    /// The whole link, brackets included.
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArticleProblem {
    /// The front matter is unclosed, not YAML/TOML, or a field has the wrong type.
    BrokenFrontMatter { span: Span, message: String },
    /// `date` is present but not a date.
    InvalidDate { span: Span, message: String },
}

#[derive(Clone, Debug)]
pub struct Article {
    pub format: ArticleFormat,
    pub front_matter: Option<FrontMatter>,
    pub meta: ArticleMeta,
    /// Everything after the front matter.
    pub body: Span,
    pub links: Vec<KbLink>,
    /// Byte ranges that are not prose (code, link targets, HTML, front matter): names and
    /// dates found there are not mentions.
    pub excluded: Vec<Span>,
    pub problems: Vec<ArticleProblem>,
}

impl Article {
    /// Parses `text`; `config_meta` is the `[articles."path"]` entry, which fills what the
    /// front matter leaves out (and is the only source for plain text).
    pub fn parse(text: &str, format: ArticleFormat, config_meta: Option<&ArticleMetaConfig>) -> Article {
        let mut article = Article {
            format,
            front_matter: None,
            meta: ArticleMeta::default(),
            body: Span::new(0, text.len()),
            links: Vec::new(),
            excluded: Vec::new(),
            problems: Vec::new(),
        };
        if format == ArticleFormat::Markdown {
            article.parse_front_matter(text);
            article.parse_markdown(text);
        }
        if let Some(meta) = config_meta {
            let from_config =
                |value: &Option<String>| value.clone().map(|value| MetaField { value, span: None });
            article.meta.title = article.meta.title.take().or_else(|| from_config(&meta.title));
            article.meta.source = article.meta.source.take().or_else(|| from_config(&meta.source));
            article.meta.url = article.meta.url.take().or_else(|| from_config(&meta.url));
            if article.meta.date.is_none() {
                article.meta.date = meta.date.map(|value| MetaField { value, span: None });
            }
            if article.meta.lang.is_none() {
                article.meta.lang = meta.lang.map(|value| MetaField { value, span: None });
            }
        }
        article
    }

    pub fn date(&self) -> Option<PartialDate> {
        self.meta.date.as_ref().map(|d| d.value)
    }

    /// Whether `span` lies in text that is not prose.
    pub fn is_excluded(&self, span: Span) -> bool {
        // `excluded` is sorted by start; few enough per article for a scan from the first
        // candidate to be cheap.
        let idx = self.excluded.partition_point(|e| e.end <= span.start);
        self.excluded[idx..].iter().take_while(|e| e.start < span.end).any(|e| e.overlaps(span))
    }

    fn parse_front_matter(&mut self, text: &str) {
        let (kind, fence) = if text.starts_with("---") {
            (FrontMatterKind::Yaml, "---")
        } else if text.starts_with("+++") {
            (FrontMatterKind::Toml, "+++")
        } else {
            return;
        };
        let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
        if text[..first_line_end].trim_end() != fence {
            return; // `----` or `--- text` is a thematic break or prose, not a fence.
        }
        let content_start = first_line_end;
        let mut offset = content_start;
        let mut close = None;
        for line in text[content_start..].split_inclusive('\n') {
            let trimmed = line.trim_end();
            if trimmed == fence || (kind == FrontMatterKind::Yaml && trimmed == "...") {
                close = Some((offset, offset + line.len()));
                break;
            }
            offset += line.len();
        }
        let Some((content_end, block_end)) = close else {
            self.problems.push(ArticleProblem::BrokenFrontMatter {
                span: Span::new(0, fence.len()),
                message: format!("front matter opened with `{fence}` is never closed"),
            });
            self.excluded.push(Span::new(0, text.len()));
            return;
        };
        let content = Span::new(content_start, content_end);
        self.front_matter = Some(FrontMatter { kind, span: Span::new(0, block_end), content });
        self.body = Span::new(block_end, text.len());
        self.excluded.push(Span::new(0, block_end));
        let source = &text[content.range()];
        let fields = match kind {
            FrontMatterKind::Yaml => yaml_fields(source),
            FrontMatterKind::Toml => toml_fields(source),
        };
        match fields {
            Ok(fields) => self.read_fields(fields, content.start as usize),
            Err((span, message)) => {
                let span = span.map_or(Span::new(0, fence.len()), |s| s.shift(content.start as usize));
                self.problems.push(ArticleProblem::BrokenFrontMatter { span, message });
            }
        }
    }

    fn read_fields(&mut self, fields: BTreeMap<String, (Scalar, Span)>, base: usize) {
        for (key, (value, span)) in fields {
            let span = span.shift(base);
            let text_field = |problems: &mut Vec<ArticleProblem>| match &value {
                Scalar::Text(text) => Some(MetaField { value: text.clone(), span: Some(span) }),
                Scalar::Number(n) => Some(MetaField { value: n.clone(), span: Some(span) }),
                Scalar::Other(kind) => {
                    problems.push(ArticleProblem::BrokenFrontMatter {
                        span,
                        message: format!("`{key}` must be a string, not {kind}"),
                    });
                    None
                }
            };
            match key.as_str() {
                "title" => self.meta.title = text_field(&mut self.problems),
                "source" => self.meta.source = text_field(&mut self.problems),
                "url" => self.meta.url = text_field(&mut self.problems),
                "date" => {
                    let Some(field) = text_field(&mut self.problems) else {
                        continue;
                    };
                    match PartialDate::parse(&field.value) {
                        Ok(date) => self.meta.date = Some(MetaField { value: date, span: Some(span) }),
                        Err(err) => {
                            self.problems.push(ArticleProblem::InvalidDate { span, message: err.to_string() })
                        }
                    }
                }
                "lang" | "language" => {
                    let Some(field) = text_field(&mut self.problems) else {
                        continue;
                    };
                    match Language::parse(&field.value) {
                        Some(lang) => self.meta.lang = Some(MetaField { value: lang, span: Some(span) }),
                        None => self.problems.push(ArticleProblem::BrokenFrontMatter {
                            span,
                            message: format!(
                                "unknown language `{}`: write an ISO 639 code such as `en`, `ru` or `tr`",
                                field.value
                            ),
                        }),
                    }
                }
                _ => {} // Other keys (tags, authors...) belong to the user's site generator.
            }
        }
    }

    fn parse_markdown(&mut self, text: &str) {
        let mut open_link: Option<(Span, String)> = None;
        // Indented code blocks come back read as Markdown (see `markdown::walk`): scraped
        // articles indented four spaces are prose, not code.
        super::markdown::walk(text, self.body.start as usize, &mut |event, span| match event {
            Event::Start(Tag::Link { link_type, dest_url, .. }) => {
                if matches!(link_type, LinkType::Autolink | LinkType::Email) {
                    self.excluded.push(span);
                } else {
                    open_link = Some((span, dest_url.into_string()));
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some((link_span, dest)) = open_link.take() {
                    self.finish_link(text, link_span, &dest);
                }
            }
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::Image { .. })
            | Event::Code(_)
            | Event::Html(_)
            | Event::InlineHtml(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => self.excluded.push(span),
            _ => {}
        });
        self.excluded.sort();
        self.excluded.dedup();
    }

    /// Records a link: its destination is never prose, and a `kb:` target makes the link
    /// text an explicit mention.
    fn finish_link(&mut self, text: &str, span: Span, dest: &str) {
        let source = &text[span.range()];
        // Inline links end with `](dest)` or `](dest "title")`; find where the text ends
        // in the source so only the destination part is excluded.
        let Some(close) = source.rfind("](") else {
            return; // Reference-style link: the destination lives in its definition.
        };
        let text_span = Span::new(span.start as usize + 1, span.start as usize + close);
        self.excluded.push(Span::new(span.start as usize + close, span.end as usize));
        let Some(target) = dest.strip_prefix("kb:") else {
            return;
        };
        let target_start =
            source[close..].find("kb:").map_or(span.start as usize, |i| span.start as usize + close + i + 3);
        let target_span = Span::new(target_start, target_start + target.len());
        self.links.push(KbLink { text: text_span, target: target.to_owned(), target_span, span });
    }
}

/// A front-matter value as dateline cares about it.
enum Scalar {
    Text(String),
    /// Numbers are kept as written: `date: 2021` is a year.
    Number(String),
    Other(&'static str),
}

type Fields = BTreeMap<String, (Scalar, Span)>;
type FieldError = (Option<Span>, String);

fn yaml_fields(source: &str) -> Result<Fields, FieldError> {
    if source.trim().is_empty() {
        return Ok(Fields::new());
    }
    let map: BTreeMap<String, serde_saphyr::Spanned<serde_json::Value>> = serde_saphyr::from_str(source)
        .map_err(|err| {
            let span = err.location().and_then(|loc| {
                if let Some(start) = loc.span().byte_offset() {
                    let start = start as usize;
                    return Some(Span::new(start, start + loc.span().byte_len().unwrap_or(0) as usize));
                }
                // Errors carry a line and column only; find the byte offset ourselves.
                let line_start = LineIndex::new(source).line_start(loc.line().checked_sub(1)? as usize)?;
                let col = loc.column().saturating_sub(1) as usize;
                let start = source[line_start..]
                    .char_indices()
                    .nth(col)
                    .map_or(source.len(), |(i, _)| line_start + i);
                Some(Span::empty(start))
            });
            (span, yaml_message(&err))
        })?;
    Ok(map
        .into_iter()
        .map(|(key, spanned)| {
            let span = spanned
                .referenced
                .span()
                .byte_offset()
                .map(|start| {
                    let start = start as usize;
                    Span::new(start, start + spanned.referenced.span().byte_len().unwrap_or(0) as usize)
                })
                .unwrap_or_default();
            (key, (json_scalar(spanned.value), span))
        })
        .collect())
}

/// The first line of saphyr's message, without the location it appends (we show our own).
fn yaml_message(err: &serde_saphyr::Error) -> String {
    let text = err.to_string();
    let first = text.lines().next().unwrap_or("invalid YAML").trim();
    let first = first.strip_prefix("error:").unwrap_or(first).trim();
    // "line 2 column 5: illegal placement of ':' indicator": the place is shown separately.
    let first = match first.strip_prefix("line ").and_then(|rest| rest.split_once(": ")) {
        Some((_, message)) => message,
        None => first,
    };
    let first = first.split(" at line ").next().unwrap_or(first);
    format!("invalid YAML front matter: {}", first.trim_end_matches('.'))
}

fn json_scalar(value: serde_json::Value) -> Scalar {
    match value {
        serde_json::Value::String(s) => Scalar::Text(s),
        serde_json::Value::Number(n) => Scalar::Number(n.to_string()),
        serde_json::Value::Null => Scalar::Other("empty"),
        serde_json::Value::Bool(_) => Scalar::Other("a boolean"),
        serde_json::Value::Array(_) => Scalar::Other("a list"),
        serde_json::Value::Object(_) => Scalar::Other("a mapping"),
    }
}

fn toml_fields(source: &str) -> Result<Fields, FieldError> {
    let table: BTreeMap<String, toml::Spanned<toml::Value>> = toml::from_str(source).map_err(|err| {
        (err.span().map(Span::from), format!("invalid TOML front matter: {}", err.message().trim()))
    })?;
    Ok(table
        .into_iter()
        .map(|(key, spanned)| {
            let span = Span::from(spanned.span());
            let scalar = match spanned.into_inner() {
                toml::Value::String(s) => Scalar::Text(s),
                toml::Value::Datetime(d) => Scalar::Text(d.to_string()),
                toml::Value::Integer(n) => Scalar::Number(n.to_string()),
                toml::Value::Float(n) => Scalar::Number(n.to_string()),
                toml::Value::Boolean(_) => Scalar::Other("a boolean"),
                toml::Value::Array(_) => Scalar::Other("an array"),
                toml::Value::Table(_) => Scalar::Other("a table"),
            };
            (key, (scalar, span))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(text: &str) -> Article {
        Article::parse(text, ArticleFormat::Markdown, None)
    }

    #[test]
    fn yaml_front_matter_and_links() {
        let text = "---\ntitle: Ties\ndate: 2021-11-17\nsource: Example\ntags: [a, b]\n---\nGeneral [Hulusi Akar](kb:hulusi-akar) met `code Akar`.\n";
        let article = md(text);
        assert!(article.problems.is_empty(), "{:?}", article.problems);
        assert_eq!(article.date().unwrap().to_string(), "2021-11-17");
        assert_eq!(&text[article.meta.date.as_ref().unwrap().span.unwrap().range()], "2021-11-17");
        assert_eq!(article.meta.title.as_ref().unwrap().value, "Ties");
        let link = &article.links[0];
        assert_eq!(&text[link.text.range()], "Hulusi Akar");
        assert_eq!(&text[link.target_span.range()], "hulusi-akar");
        assert_eq!(link.target, "hulusi-akar");
        let code = text.find("code Akar").unwrap();
        assert!(article.is_excluded(Span::new(code + 5, code + 9)));
        assert!(article.is_excluded(Span::new(4, 8)), "front matter is not prose");
        assert!(!article.is_excluded(link.text));
    }

    #[test]
    fn indented_body_is_prose_and_fenced_code_is_not() {
        let text = "---\ndate: 2021-11-17\n---\n    General [Hulusi Akar](kb:hulusi-akar) met\n    Mr Akar.\n\n```\nfenced Akar\n```\n";
        let article = md(text);
        let link = &article.links[0];
        assert_eq!(&text[link.text.range()], "Hulusi Akar");
        assert_eq!(&text[link.target_span.range()], "hulusi-akar");
        assert!(!article.is_excluded(link.text));
        let mr = text.find("Mr Akar").unwrap();
        assert!(!article.is_excluded(Span::new(mr + 3, mr + 7)), "indented text is prose");
        let fenced = text.find("fenced Akar").unwrap();
        assert!(article.is_excluded(Span::new(fenced + 7, fenced + 11)), "fenced code stays code");
    }

    #[test]
    fn toml_front_matter() {
        let text = "+++\ntitle = \"T\"\ndate = 2021-11-17T09:00:00Z\n+++\nBody\n";
        let article = md(text);
        assert!(article.problems.is_empty(), "{:?}", article.problems);
        assert_eq!(article.date().unwrap().to_string(), "2021-11-17");
        assert_eq!(&text[article.body.range()], "Body\n");
    }

    #[test]
    fn broken_front_matter_is_a_problem_with_a_place() {
        let unclosed = md("---\ntitle: x\nBody\n");
        assert!(
            matches!(&unclosed.problems[0], ArticleProblem::BrokenFrontMatter { message, .. } if message.contains("never closed"))
        );
        let text = "---\ntitle: [unclosed\ndate: 2021-01-01\n---\nBody\n";
        let bad_yaml = md(text);
        let ArticleProblem::BrokenFrontMatter { span, message } = &bad_yaml.problems[0] else { panic!() };
        assert!(message.starts_with("invalid YAML front matter"), "{message}");
        assert_eq!(message, "invalid YAML front matter: illegal placement of ':' indicator");
        assert_eq!(span.start as usize, text.find(": 2021").unwrap(), "{span:?}");
        let text = "---\ndate: 2021-02-30\n---\n";
        let bad_date = md(text);
        let ArticleProblem::InvalidDate { span, message } = &bad_date.problems[0] else { panic!() };
        assert_eq!(&text[span.range()], "2021-02-30");
        assert_eq!(message, "`2021-02-30` is not a calendar date");
        let text = "---\ntitle:\n  a: b\n---\n";
        assert!(
            matches!(&md(text).problems[0], ArticleProblem::BrokenFrontMatter { message, .. } if message == "`title` must be a string, not a mapping")
        );
    }

    #[test]
    fn plain_text_takes_metadata_from_config() {
        let meta = ArticleMetaConfig { date: PartialDate::parse("2021-10-05").ok(), ..Default::default() };
        let article = Article::parse("--- not front matter", ArticleFormat::Text, Some(&meta));
        assert!(article.front_matter.is_none());
        assert_eq!(article.date().unwrap().to_string(), "2021-10-05");
    }

    #[test]
    fn a_thematic_break_is_not_front_matter() {
        let article = md("----\ntext\n");
        assert!(article.front_matter.is_none() && article.problems.is_empty());
    }
}
