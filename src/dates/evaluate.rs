//! Corpus-level evaluation: tag every TimeML document of a directory and score the result
//! against the documents' own TIMEX3s, or against a second directory.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use rayon::prelude::*;

use super::score::{self, Comparison, Scores};
use super::timeml::{Document, TimexAnnotation};
use super::timex::Timex;
use super::{tag, timeml};

/// One document's outcome.
#[derive(Debug)]
pub struct DocumentResult {
    pub path: PathBuf,
    pub document: Document,
    /// Our timexes, as TIMEX3 annotations (ranges as their two ends).
    pub system: Vec<TimexAnnotation>,
    pub comparison: Comparison,
}

/// The TimeML files under `dir` (`*.tml`, `*.TE3input`), recursively, sorted by path.
pub fn timeml_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries =
            std::fs::read_dir(&d).with_context(|| format!("reading directory {}", d.display()))?;
        for entry in entries {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(".tml") || n.ends_with(".TE3input"))
            {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Our timexes in TIMEX3 annotation form, ranges split into their ends.
pub fn annotations(timexes: &[Timex]) -> Vec<TimexAnnotation> {
    let mut out = Vec::with_capacity(timexes.len());
    let mut push = |t: &Timex| {
        out.push(TimexAnnotation {
            span: t.span,
            tid: format!("t{}", out.len() + 1),
            kind: t.kind.as_str().to_string(),
            value: t.value.clone(),
            modifier: t.modifier.map(|m| m.as_str().to_string()),
        })
    };
    for t in timexes {
        match &t.range {
            Some(ends) => {
                push(&ends.0);
                push(&ends.1);
            }
            None => push(t),
        }
    }
    out
}

/// Tags every document of `dir` (its TEXT stripped of tags) and scores against its gold
/// TIMEX3s.
pub fn evaluate_dir(dir: &Path) -> Result<(Scores, Vec<DocumentResult>)> {
    let files = timeml_files(dir)?;
    if files.is_empty() {
        bail!("no .tml files under {}", dir.display());
    }
    let results: Vec<DocumentResult> = files
        .par_iter()
        .map(|path| {
            let document = Document::read(path)?;
            let system = annotations(&tag(&document.text, &document.tag_context()));
            let comparison = score::compare(&document.timexes, &system);
            Ok(DocumentResult {
                path: path.clone(),
                document,
                system,
                comparison,
            })
        })
        .collect::<Result<_>>()?;
    let scores = score::score(
        results
            .iter()
            .map(|r| (&r.document.timexes[..], &r.system[..])),
    );
    Ok((scores, results))
}

/// Scores the system documents of `system_dir` against the gold ones of `gold_dir`, paired
/// by DOCID (file names differ in TE3-platinum: "sarcozy" vs "sarkozy"), falling back to the
/// file name without its TimeML extensions.
pub fn score_dirs(gold_dir: &Path, system_dir: &Path) -> Result<(Scores, Vec<String>)> {
    let read_all = |dir: &Path| -> Result<Vec<(PathBuf, Document)>> {
        timeml_files(dir)?
            .into_iter()
            .map(|p| Ok((p.clone(), Document::read(&p)?)))
            .collect()
    };
    let gold = read_all(gold_dir)?;
    let system = read_all(system_dir)?;
    if gold.is_empty() {
        bail!("no gold .tml files under {}", gold_dir.display());
    }
    let key = |path: &Path, doc: &Document| -> String {
        doc.doc_id.clone().unwrap_or_else(|| {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.trim_end_matches(".TE3input")
                .trim_end_matches(".tml")
                .to_string()
        })
    };
    let by_key: HashMap<String, &Document> = system.iter().map(|(p, d)| (key(p, d), d)).collect();
    let mut warnings = Vec::new();
    let mut pairs = Vec::new();
    for (path, g) in &gold {
        match by_key.get(&key(path, g)) {
            Some(s) => {
                if timeml::strip_tags(s.raw_text()) != timeml::strip_tags(g.raw_text()) {
                    warnings.push(format!(
                        "{}: system TEXT differs from gold TEXT",
                        path.display()
                    ));
                }
                pairs.push((&g.timexes[..], &s.timexes[..]));
            }
            None => {
                warnings.push(format!(
                    "{}: no system document (scored as empty)",
                    path.display()
                ));
                pairs.push((&g.timexes[..], &[][..]));
            }
        }
    }
    Ok((score::score(pairs), warnings))
}
