//! The labels file (`EXPECTED.toml`): `[[must]]` passages a tool should flag and `[[ok]]`
//! passages it must leave alone, read into [`Label`]s, and each label's text found in its
//! article ([`place`]).
//!
//! ```toml
//! [[must]]
//! file = "articles/013_silkway.md"   # relative to the labels file's folder
//! text = "Anthony Blinken"           # every occurrence in the file is meant
//! code = "name/"                     # the code (or prefix) a finding should carry
//! why  = "KB variant of Antony Blinken"
//!
//! [[ok]]
//! file = "articles/012_reportaz.md"
//! text = "on its 23rd anniversary"
//! why  = "Khojaly 1992-02-26, article 2015-02-26"
//! ```
//!
//! Keys other than these are ignored with a [`Labels::warnings`] entry, so a labels file
//! with notes of its own still scores; a key a label needs that is missing or mistyped is
//! a [`LabelsError`] with its place.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::corpus::FileId;
use crate::span::Span;

/// Whether a passage should be flagged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LabelKind {
    /// A real error (or a form the KB discourages) that a warning or error should cover.
    /// `code` is the code or code prefix expected (`name/`), when the label says.
    Must { code: Option<String> },
    /// Correct text that a careless tool might flag: a warning or error on it is a false alarm.
    Ok,
}

/// One `[[must]]` or `[[ok]]` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub kind: LabelKind,
    /// The article, relative to the labels file's folder, as written.
    pub file: String,
    /// The passage. Whitespace in it matches any run of whitespace in the article, so a
    /// passage the article wraps over two lines is still found.
    pub text: String,
    pub why: String,
    /// Where `text` is written in the labels file, for messages about this label.
    pub text_span: Span,
}

impl Label {
    pub fn is_must(&self) -> bool {
        matches!(self.kind, LabelKind::Must { .. })
    }

    /// The expected code or prefix of a `must` label.
    pub fn code(&self) -> Option<&str> {
        match &self.kind {
            LabelKind::Must { code } => code.as_deref(),
            LabelKind::Ok => None,
        }
    }
}

/// A labels file, read.
#[derive(Clone, Debug, Default)]
pub struct Labels {
    /// In file order, `must` and `ok` entries interleaved as written.
    pub labels: Vec<Label>,
    /// Things ignored on the way (unknown keys), with where they are.
    pub warnings: Vec<(Span, String)>,
}

impl Labels {
    pub fn musts(&self) -> usize {
        self.labels.iter().filter(|l| l.is_must()).count()
    }

    pub fn oks(&self) -> usize {
        self.labels.len() - self.musts()
    }
}

/// Why a labels file cannot be used, and where (a byte span of the labels file, when the
/// problem has a place).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelsError {
    pub span: Option<Span>,
    pub message: String,
}

impl fmt::Display for LabelsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for LabelsError {}

impl LabelsError {
    fn at(span: Span, message: impl Into<String>) -> LabelsError {
        LabelsError { span: Some(span), message: message.into() }
    }
}

#[derive(Deserialize)]
struct RawLabels {
    #[serde(default)]
    must: Vec<RawLabel>,
    #[serde(default)]
    ok: Vec<RawLabel>,
}

#[derive(Deserialize)]
struct RawLabel {
    file: Spanned<String>,
    text: Spanned<String>,
    code: Option<Spanned<String>>,
    #[serde(default)]
    why: String,
}

const TABLES: &[&str] = &["must", "ok"];
const MUST_KEYS: &[&str] = &["file", "text", "code", "why"];
const OK_KEYS: &[&str] = &["file", "text", "why"];

/// Reads a labels file. Errors carry the place of the first problem; a file without any
/// label is an error too, since scoring against nothing is surely the wrong file.
pub fn parse(text: &str) -> Result<Labels, LabelsError> {
    let raw: RawLabels = toml::from_str(text).map_err(|err| LabelsError {
        span: err.span().map(Span::from),
        message: err.message().trim().trim_end_matches('.').to_owned(),
    })?;
    let mut labels = Labels { labels: Vec::new(), warnings: unknown_keys(text) };
    let musts = raw.must.into_iter().map(|raw| (true, raw));
    let oks = raw.ok.into_iter().map(|raw| (false, raw));
    for (must, raw) in musts.chain(oks) {
        let text_span = Span::from(raw.text.span());
        if raw.file.get_ref().trim().is_empty() {
            return Err(LabelsError::at(Span::from(raw.file.span()), "empty `file`"));
        }
        if raw.text.get_ref().trim().is_empty() {
            return Err(LabelsError::at(text_span, "empty `text`: a label needs a passage to look for"));
        }
        let kind = match (must, raw.code) {
            (false, _) => LabelKind::Ok,
            (true, Some(code)) if code.get_ref().trim().is_empty() => {
                return Err(LabelsError::at(Span::from(code.span()), "empty `code` (leave it out instead)"));
            }
            (true, code) => LabelKind::Must { code: code.map(|c| c.into_inner().trim().to_owned()) },
        };
        labels.labels.push(Label {
            kind,
            file: raw.file.into_inner(),
            text: raw.text.into_inner(),
            why: raw.why,
            text_span,
        });
    }
    // Both tables were read one after the other: put them back in the order written.
    labels.labels.sort_by_key(|label| label.text_span.start);
    if labels.labels.is_empty() {
        return Err(LabelsError { span: None, message: "no `[[must]]` or `[[ok]]` label".into() });
    }
    Ok(labels)
}

/// Keys serde passed over in silence, as warnings. The file already parsed, so a second
/// parse for spans cannot fail; if it somehow did, there is simply nothing to warn about.
fn unknown_keys(text: &str) -> Vec<(Span, String)> {
    let Ok(table) = DeTable::parse(text) else {
        return Vec::new();
    };
    let mut warnings = Vec::new();
    for (key, value) in table.get_ref().iter() {
        let name = key.get_ref().as_ref();
        if !TABLES.contains(&name) {
            warnings.push((
                Span::from(key.span()),
                format!("unknown key `{name}` ignored (labels are `[[must]]` and `[[ok]]` tables)"),
            ));
            continue;
        }
        let known = if name == "must" { MUST_KEYS } else { OK_KEYS };
        let DeValue::Array(items) = value.get_ref() else { continue };
        for item in items {
            let DeValue::Table(entry) = item.get_ref() else { continue };
            for entry_key in entry.keys() {
                let field = entry_key.get_ref().as_ref();
                if !known.contains(&field) {
                    warnings.push((
                        Span::from(entry_key.span()),
                        format!("unknown key `{field}` in a `[[{name}]]` label ignored"),
                    ));
                }
            }
        }
    }
    warnings
}

/// Where one label's passage is: its article and every occurrence there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placed {
    pub file: FileId,
    /// Byte spans in the article's text, in order; never empty.
    pub occurrences: Vec<Span>,
}

/// What [`place`] needs to know about a label's `file`.
pub enum Article<'a> {
    /// In the corpus, with its text.
    Found(FileId, &'a str),
    /// Not a file of the corpus, with the reason to tell the user.
    Missing(String),
}

/// Finds every label's passage in its article, in label order. `article` looks a label's
/// `file` up in the corpus. The first label whose article is missing or whose text does
/// not occur is an error at that label.
pub fn place<'a>(
    labels: &Labels,
    mut article: impl FnMut(&str) -> Article<'a>,
) -> Result<Vec<Placed>, LabelsError> {
    let mut texts: BTreeMap<&str, Article<'a>> = BTreeMap::new();
    let mut placed = Vec::with_capacity(labels.labels.len());
    for label in &labels.labels {
        let found = texts.entry(label.file.as_str()).or_insert_with(|| article(&label.file));
        let (file, text) = match found {
            Article::Found(file, text) => (*file, *text),
            Article::Missing(reason) => {
                return Err(LabelsError::at(label.text_span, format!("`{}`: {reason}", label.file)));
            }
        };
        let occurrences = occurrences(text, &label.text);
        if occurrences.is_empty() {
            return Err(LabelsError::at(
                label.text_span,
                format!("the text `{}` does not occur in `{}`", label.text, label.file),
            ));
        }
        placed.push(Placed { file, occurrences });
    }
    Ok(placed)
}

/// Every non-overlapping occurrence of `passage` in `text`, whitespace in the passage
/// matching any run of whitespace (line breaks included).
pub fn occurrences(text: &str, passage: &str) -> Vec<Span> {
    let words: Vec<&str> = passage.split_whitespace().collect();
    let Some((first, rest)) = words.split_first() else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find(first) {
        let start = from + at;
        let mut end = start + first.len();
        let mut matched = true;
        for word in rest {
            let gap = text[end..].len() - text[end..].trim_start().len();
            if gap == 0 || !text[end + gap..].starts_with(word) {
                matched = false;
                break;
            }
            end += gap + word.len();
        }
        if matched {
            found.push(Span::new(start, end));
            from = end;
        } else {
            // The next character boundary after `start`: the first word may occur again
            // overlapping this attempt.
            from = start + text[start..].chars().next().map_or(1, char::len_utf8);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const LABELS: &str = r#"
[[must]]
file = "a.md"
text = "Anthony Blinken"
code = "name/"
why = "misspelling"

[[ok]]
file = "a.md"
text = "on its 23rd anniversary"
why = "counts right"
note = "mine"

[[must]]
file = "b.md"
text = "June 2"
"#;

    #[test]
    fn reads_must_and_ok_labels_in_the_order_written() {
        let labels = parse(LABELS).unwrap();
        let summary: Vec<_> =
            labels.labels.iter().map(|l| (l.is_must(), l.code(), l.text.as_str())).collect();
        assert_eq!(
            summary,
            [
                (true, Some("name/"), "Anthony Blinken"),
                (false, None, "on its 23rd anniversary"),
                (true, None, "June 2")
            ]
        );
        assert_eq!((labels.musts(), labels.oks()), (2, 1));
        assert_eq!(&LABELS[labels.labels[0].text_span.range()], "\"Anthony Blinken\"");
        let warnings: Vec<_> = labels.warnings.iter().map(|(_, w)| w.as_str()).collect();
        assert_eq!(warnings, ["unknown key `note` in a `[[ok]]` label ignored"]);
    }

    #[test]
    fn broken_labels_are_errors_with_a_place() {
        let err = parse("[[must]]\nfile = \"a.md\"\n").unwrap_err();
        assert!(err.message.contains("missing field `text`"), "{err}");
        assert!(err.span.is_some());
        let err = parse("[[must]\nfile = 1").unwrap_err();
        assert!(err.span.is_some(), "{err}");
        let err = parse("[[ok]]\nfile = \"a.md\"\ntext = \" \"\n").unwrap_err();
        assert_eq!(err.message, "empty `text`: a label needs a passage to look for");
        assert_eq!(parse("# nothing\n").unwrap_err().message, "no `[[must]]` or `[[ok]]` label");
    }

    #[test]
    fn occurrences_are_all_found_across_line_breaks() {
        let text = "Pashinian met Michel.\nPashinian's\nplan: Prime\n  Minister Pashinian.";
        let spans = occurrences(text, "Pashinian");
        assert_eq!(spans.len(), 3);
        let wrapped = occurrences(text, "Prime Minister Pashinian");
        assert_eq!(
            wrapped.iter().map(|s| &text[s.range()]).collect::<Vec<_>>(),
            ["Prime\n  Minister Pashinian"]
        );
        assert!(occurrences(text, "PrimeMinister").is_empty());
        assert_eq!(occurrences("aab aab", "ab").len(), 2, "a failed attempt does not skip a later match");
        assert_eq!(occurrences("ééx", "éx").len(), 1, "retries step over whole characters");
    }

    #[test]
    fn a_label_not_found_is_an_error_at_the_label() {
        let labels = parse(LABELS).unwrap();
        let text = "Anthony Blinken said on its 23rd anniversary ...";
        let err = place(&labels, |path| match path {
            "a.md" => Article::Found(FileId(0), text),
            _ => Article::Missing("not an article of the corpus".into()),
        })
        .unwrap_err();
        assert_eq!(err.message, "`b.md`: not an article of the corpus");
        assert_eq!(err.span, Some(labels.labels[2].text_span));
        let err = place(&labels, |_| Article::Found(FileId(0), "Antony Blinken")).unwrap_err();
        assert_eq!(err.message, "the text `Anthony Blinken` does not occur in `a.md`");
        let placed =
            place(&labels, |_| Article::Found(FileId(0), "Anthony Blinken on its 23rd anniversary June 2"));
        assert_eq!(placed.unwrap()[2].occurrences, [Span::new(40, 46)]);
    }
}
