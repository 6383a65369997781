//! Gold temporal annotations in the shapes public data comes in, read into [`Document`]s so
//! one scorer measures the tagger on all of them:
//! - TimeML (`.tml`, `.TE3input`): TempEval-3, French TimeBank; spans, types and values;
//! - token-per-line BIO (`.tsv`, the MEANTIME conversion: `token TAB B-DATE TAB value`,
//!   documents opened by a `*!-DCTVALUE="2005-10-04"-!*` line): the text is the tokens joined
//!   by spaces, a sentence per line;
//! - brat (`.ann` beside its `.txt`, NEREL): `DATE` and `TIME` entities, spans and types only
//!   (no values: value scores are not meaningful there), a discontinuous one by its first
//!   fragment.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::timeml::{Document, TimexAnnotation};
use crate::formats::{AnnotatedDocument, brat_document};
use crate::span::Span;

/// The shape of a gold data set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GoldFormat {
    TimeMl,
    Bio,
    Brat,
}

impl GoldFormat {
    /// Whether gold values are given (brat entities have none).
    pub fn has_values(self) -> bool {
        self != GoldFormat::Brat
    }
}

/// One gold document and where it came from (a `.tsv` holds many).
pub struct GoldDocument {
    /// The file, with `#n` for the n-th document of a `.tsv`.
    pub path: PathBuf,
    pub document: Document,
}

/// The gold documents under `dir` (recursively), in the first format found there: TimeML,
/// then BIO `.tsv`, then brat.
pub fn read_dir(dir: &Path) -> Result<(GoldFormat, Vec<GoldDocument>)> {
    let files = files_under(dir)?;
    let named = |ends: &[&str]| -> Vec<&PathBuf> {
        files
            .iter()
            .filter(|p| {
                p.file_name().and_then(|n| n.to_str()).is_some_and(|n| ends.iter().any(|e| n.ends_with(e)))
            })
            .collect()
    };
    let timeml = named(&[".tml", ".TE3input"]);
    if !timeml.is_empty() {
        let docs = timeml
            .into_iter()
            .map(|p| Ok(GoldDocument { path: p.clone(), document: Document::read(p)? }))
            .collect::<Result<_>>()?;
        return Ok((GoldFormat::TimeMl, docs));
    }
    let tsv = named(&[".tsv"]);
    if !tsv.is_empty() {
        let mut docs = Vec::new();
        for path in tsv {
            let source =
                std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
            for (n, document) in read_bio(&source).into_iter().enumerate() {
                docs.push(GoldDocument {
                    path: PathBuf::from(format!("{}#{}", path.display(), n + 1)),
                    document,
                });
            }
        }
        return Ok((GoldFormat::Bio, docs));
    }
    let mut docs = Vec::new();
    for ann in named(&[".ann"]) {
        let txt = ann.with_extension("txt");
        let Ok(text) = std::fs::read_to_string(&txt) else { continue };
        let source = std::fs::read_to_string(ann).with_context(|| format!("reading {}", ann.display()))?;
        docs.push(GoldDocument { path: ann.clone(), document: read_brat(text, &source) });
    }
    Ok((GoldFormat::Brat, docs))
}

/// Every file under `dir`, recursively, sorted by path.
pub(super) fn files_under(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).with_context(|| format!("reading directory {}", d.display()))?;
        for entry in entries {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The documents of a token-per-line BIO file.
pub fn read_bio(source: &str) -> Vec<Document> {
    struct Open {
        start: usize,
        kind: String,
        value: String,
    }
    let mut docs = Vec::new();
    let mut text = String::new();
    let mut dct = None;
    let mut timexes: Vec<TimexAnnotation> = Vec::new();
    let mut open: Option<Open> = None;
    let close = |open: &mut Option<Open>, text: &str, timexes: &mut Vec<TimexAnnotation>| {
        if let Some(o) = open.take() {
            let end = text.trim_end().len();
            timexes.push(TimexAnnotation {
                span: Span::new(o.start, end.max(o.start)),
                tid: format!("t{}", timexes.len() + 1),
                kind: o.kind,
                value: o.value,
                modifier: None,
            });
        }
    };
    for line in source.lines() {
        let mut columns = line.split('\t');
        let token = columns.next().unwrap_or("");
        let tag = columns.next().unwrap_or("O");
        let value = columns.next().unwrap_or("-");
        if let Some(rest) = token.strip_prefix("*!-DCTVALUE=\"") {
            close(&mut open, &text, &mut timexes);
            if !text.is_empty() || !timexes.is_empty() {
                docs.push(Document::from_parts(std::mem::take(&mut text), dct, std::mem::take(&mut timexes)));
            }
            dct = rest.split('"').next().and_then(|d| d.parse().ok());
            continue;
        }
        if token.is_empty() {
            close(&mut open, &text, &mut timexes);
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            continue;
        }
        if !text.is_empty() && !text.ends_with('\n') {
            text.push(' ');
        }
        let (prefix, kind) = tag.split_once('-').unwrap_or((tag, ""));
        match prefix {
            "B" => {
                close(&mut open, &text, &mut timexes);
                open = Some(Open { start: text.len(), kind: kind.to_string(), value: value.to_string() });
            }
            "I" if open.is_some() => {}
            _ => close(&mut open, &text, &mut timexes),
        }
        text.push_str(token);
    }
    close(&mut open, &text, &mut timexes);
    if !text.is_empty() || !timexes.is_empty() {
        docs.push(Document::from_parts(text, dct, timexes));
    }
    docs
}

/// The `DATE` and `TIME` entities of a brat document, as timexes without values.
pub fn read_brat(text: String, ann: &str) -> Document {
    let parsed = brat_document(&text, ann);
    let mut timexes = Vec::new();
    for span in &parsed.parts().spans {
        let kind = span.label.as_str();
        if kind != "DATE" && kind != "TIME" {
            continue;
        }
        // A discontinuous entity ("30 июня [и 1 июля] 2019 года") is scored by its first
        // fragment: the part that names the date, and the part a tagger can find on its own.
        let Some(&first) = span.fragments.first() else { continue };
        timexes.push(TimexAnnotation {
            span: first,
            tid: format!("t{}", timexes.len() + 1),
            kind: kind.to_string(),
            value: String::new(),
            modifier: None,
        });
    }
    timexes.sort_by_key(|t| (t.span.start, t.span.end));
    Document::from_parts(text, None, timexes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bio_documents_split_at_dct_lines_with_spans_over_joined_tokens() {
        let source = "*!-DCTVALUE=\"2005-10-04\"-!*\tO\t-\n\nApple\tO\t-\nplanea\tO\t-\n\n4\tB-DATE\t2005-10-04\nde\tI-DATE\t2005-10-04\noctubre\tI-DATE\t2005-10-04\n.\tO\t-\n\n*!-DCTVALUE=\"2007-01-10\"-!*\tO\t-\nun\tB-DURATION\tP2M\nmes\tI-DURATION\tP2M\n";
        let docs = read_bio(source);
        assert_eq!(docs.len(), 2);
        let first = &docs[0];
        assert_eq!(first.dct.map(|d| d.to_string()).as_deref(), Some("2005-10-04"));
        assert_eq!(first.timexes.len(), 1);
        assert_eq!(&first.text[first.timexes[0].span.range()], "4 de octubre");
        assert_eq!(first.timexes[0].value, "2005-10-04");
        assert_eq!(&docs[1].text[docs[1].timexes[0].span.range()], "un mes");
        assert_eq!(docs[1].timexes[0].kind, "DURATION");
    }

    #[test]
    fn brat_dates_and_times_become_valueless_timexes() {
        let text = "Он приехал 15 июня 2021 года утром.".to_string();
        let start = text.find("15").unwrap();
        let chars_before = text[..start].chars().count();
        let ann = format!(
            "T1\tDATE {} {}\t15 июня 2021 года\nT2\tPERSON 0 2\tОн\n",
            chars_before,
            chars_before + "15 июня 2021 года".chars().count()
        );
        let doc = read_brat(text, &ann);
        assert_eq!(doc.timexes.len(), 1);
        assert_eq!(&doc.text[doc.timexes[0].span.range()], "15 июня 2021 года");
        assert!(doc.timexes[0].value.is_empty());
    }
}
