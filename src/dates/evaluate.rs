//! Corpus-level evaluation: tag every TimeML document of a directory and score the result
//! against the documents' own TIMEX3s, or against a second directory.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use rayon::prelude::*;

use super::gold::{self, GoldFormat};
use super::score::{self, Comparison, Scores};
use super::timeml::{Document, TimexAnnotation};
use super::timex::{TagContext, Timex};
use super::{DateLanguage, tag, timeml};

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
    Ok(gold::files_under(dir)?
        .into_iter()
        .filter(|path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(".tml") || n.ends_with(".TE3input"))
        })
        .collect())
}

/// Our timexes in TIMEX3 annotation form, ranges split into their ends.
pub fn annotations(timexes: &[Timex]) -> Vec<TimexAnnotation> {
    let mut out = Vec::with_capacity(timexes.len());
    let mut push = |t: &Timex| {
        out.push(TimexAnnotation {
            span: t.span,
            tid: format!("t{}", out.len() + 1),
            kind: t.kind.as_str().to_string(),
            value: t.value.to_string(),
            modifier: t.modifier.map(|m| m.as_str().to_string()),
        })
    };
    for t in timexes {
        match &t.range {
            Some(ends) => {
                push(&ends.from);
                push(&ends.to);
            }
            None => push(t),
        }
    }
    out
}

/// Our timexes for gold that marks entities, not TIMEX3s (brat, NEREL): a range joined by
/// a dash (`1985—1990`) is one entity there, one joined by words (`с 16 апреля по 19 мая`)
/// two, as TIMEX3 writes every range.
fn whole_ranges(text: &str, timexes: &[Timex]) -> Vec<TimexAnnotation> {
    let mut out = Vec::with_capacity(timexes.len());
    for t in timexes {
        let dashed = t.range.as_ref().is_some_and(|ends| {
            let between = text.get(ends.from.span.end as usize..ends.to.span.start as usize).unwrap_or("");
            !between.chars().any(char::is_alphabetic)
        });
        if dashed {
            out.push(TimexAnnotation {
                span: t.span,
                tid: format!("t{}", out.len() + 1),
                kind: t.kind.as_str().to_string(),
                value: t.value.to_string(),
                modifier: None,
            });
        } else {
            out.extend(annotations(std::slice::from_ref(t)));
        }
    }
    out
}

/// Tags every gold document under `dir` (TimeML, BIO `.tsv` or brat: [`gold::read_dir`])
/// in `language` and scores the result against the gold timexes.
pub fn evaluate_dir(dir: &Path, language: DateLanguage) -> Result<Evaluation> {
    let (format, documents) = gold::read_dir(dir)?;
    if documents.is_empty() {
        bail!("no gold documents under {} (.tml, .tsv, or brat .ann with its .txt)", dir.display());
    }
    let results: Vec<DocumentResult> = documents
        .into_par_iter()
        .map(|gold| {
            let ctx = TagContext { language, ..gold.document.tag_context() };
            let timexes = tag(&gold.document.text, &ctx);
            let system = match format {
                GoldFormat::Brat => whole_ranges(&gold.document.text, &timexes),
                GoldFormat::TimeMl | GoldFormat::Bio => annotations(&timexes),
            };
            let comparison = score::compare(&gold.document.timexes, &system);
            DocumentResult { path: gold.path, document: gold.document, system, comparison }
        })
        .collect();
    let scores = score::score(results.iter().map(|r| (&r.document.timexes[..], &r.system[..])));
    Ok(Evaluation { format, scores, results })
}

/// The outcome of [`evaluate_dir`].
pub struct Evaluation {
    pub format: GoldFormat,
    pub scores: Scores,
    pub results: Vec<DocumentResult>,
}

/// Scores the system documents of `system_dir` against the gold ones of `gold_dir`, paired
/// by DOCID (file names differ in TE3-platinum: "sarcozy" vs "sarkozy"), falling back to the
/// file name without its TimeML extensions.
pub fn score_dirs(gold_dir: &Path, system_dir: &Path) -> Result<(Scores, Vec<String>)> {
    let read_all = |dir: &Path| -> Result<Vec<(PathBuf, Document)>> {
        timeml_files(dir)?.into_iter().map(|p| Ok((p.clone(), Document::read(&p)?))).collect()
    };
    let gold = read_all(gold_dir)?;
    let system = read_all(system_dir)?;
    if gold.is_empty() {
        bail!("no gold .tml files under {}", gold_dir.display());
    }
    let key = |path: &Path, doc: &Document| -> String {
        doc.doc_id.clone().unwrap_or_else(|| {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.trim_end_matches(".TE3input").trim_end_matches(".tml").to_string()
        })
    };
    let by_key: HashMap<String, &Document> = system.iter().map(|(p, d)| (key(p, d), d)).collect();
    let mut warnings = Vec::new();
    let mut pairs = Vec::new();
    for (path, g) in &gold {
        match by_key.get(&key(path, g)) {
            Some(s) => {
                if timeml::strip_tags(s.raw_text()) != timeml::strip_tags(g.raw_text()) {
                    warnings.push(format!("{}: system TEXT differs from gold TEXT", path.display()));
                }
                pairs.push((&g.timexes[..], &s.timexes[..]));
            }
            None => {
                warnings.push(format!("{}: no system document (scored as empty)", path.display()));
                pairs.push((&g.timexes[..], &[][..]));
            }
        }
    }
    Ok((score::score(pairs), warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shared TempEval-3 data beside the checkout, if it is there.
    fn shared_data() -> Option<PathBuf> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/tempeval3");
        if dir.is_dir() {
            return Some(dir);
        }
        // As in tests/support: CI has the data, so a skip there is a failure.
        assert!(
            std::env::var_os("DATELINE_REQUIRE_DATA").is_none(),
            "{} is absent and DATELINE_REQUIRE_DATA is set",
            dir.display()
        );
        println!("SKIPPED: {} not found (shared TempEval-3 data)", dir.display());
        None
    }

    #[test]
    fn tagged_documents_keep_their_text_byte_for_byte() {
        let Some(data) = shared_data() else { return };
        let mut files = timeml_files(&data.join("tbaq")).unwrap();
        files.extend(timeml_files(&data.join("platinum_input")).unwrap());
        assert!(files.len() > 250);
        for path in files {
            let doc = Document::read(&path).unwrap();
            assert!(doc.dct.is_some(), "{}: no DCT", path.display());
            let out = doc.write_tagged(&tag(&doc.text, &doc.tag_context()));
            let again = Document::parse(&out).unwrap();
            assert_eq!(again.raw_text(), doc.raw_text(), "{}", path.display());
            assert_eq!(again.text, doc.text, "{}", path.display());
            assert_eq!(again.dct, doc.dct);
        }
    }

    #[test]
    fn gold_and_input_versions_of_platinum_have_the_same_text() {
        let Some(data) = shared_data() else { return };
        let (gold, input) = (data.join("platinum"), data.join("platinum_input"));
        let inputs: HashMap<String, Document> = timeml_files(&input)
            .unwrap()
            .iter()
            .map(|p| {
                let d = Document::read(p).unwrap();
                (d.doc_id.clone().unwrap(), d)
            })
            .collect();
        for path in timeml_files(&gold).unwrap() {
            let g = Document::read(&path).unwrap();
            let i = &inputs[g.doc_id.as_ref().unwrap()];
            assert_eq!(g.text, i.text, "{}", path.display());
            assert_eq!(g.dct, i.dct);
        }
        // Scoring the untagged inputs against the gold: everything missed, nothing spurious.
        let (scores, warnings) = score_dirs(&gold, &input).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!((scores.counts.gold, scores.counts.system), (138, 0));
    }

    /// A floor under the development-set scores, so a change that breaks the tagger shows.
    #[test]
    fn tbaq_scores_do_not_regress() {
        let Some(data) = shared_data() else { return };
        let Evaluation { scores, results, .. } =
            evaluate_dir(&data.join("tbaq"), DateLanguage::English).unwrap();
        assert_eq!(results.len(), 256);
        assert_eq!(scores.counts.gold, 1822);
        assert!(scores.relaxed.f1 > 0.92, "relaxed F1 {}", scores.relaxed.f1);
        assert!(scores.strict.f1 > 0.86, "strict F1 {}", scores.strict.f1);
        assert!(scores.value_f1 > 0.78, "value F1 {}", scores.value_f1);
        assert!(scores.type_f1 > 0.88, "type F1 {}", scores.type_f1);
    }

    /// Floors under the other languages' figures on public gold data (README, "Dates in
    /// other languages"): NEREL's DATE and TIME spans (Russian, no values), French TimeBank
    /// and Spanish MEANTIME (TimeML values).
    #[test]
    fn other_languages_score_on_public_gold() {
        let Some(data) = shared_data() else { return };
        let data = data.parent().unwrap();
        let floors = [
            ("brat/nerel-v1.1-dev", "ru", 0.88, 0.0),
            ("timeml-multilingual/fr-timebank", "fr", 0.82, 0.65),
            ("timeml-multilingual/meantime-es", "es", 0.83, 0.64),
        ];
        for (dir, lang, relaxed, value) in floors {
            let language = DateLanguage::from_code(lang).unwrap();
            let evaluation = evaluate_dir(&data.join(dir), language).unwrap();
            let scores = &evaluation.scores;
            assert!(scores.counts.gold > 400, "{dir}: {} gold", scores.counts.gold);
            assert!(scores.relaxed.f1 > relaxed, "{dir}: relaxed F1 {}", scores.relaxed.f1);
            assert!(scores.value_f1 >= value, "{dir}: value F1 {}", scores.value_f1);
            // English words read as dates would show as a drop: the language matters.
            let english = evaluate_dir(&data.join(dir), DateLanguage::English).unwrap();
            assert!(english.scores.relaxed.f1 < scores.relaxed.f1 - 0.1, "{dir}: English reads it as well");
        }
    }
}
