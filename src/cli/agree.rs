//! `dateline agree DIR_A DIR_B [DIR_C...]`: inter-annotator agreement of folders that
//! annotate the same documents (brat, WebAnno TSV 3, CoNLL-U), paired by relative path.
//! The figures are `agree`'s; this file reads the folders and prints.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use serde::Serialize;

use super::output::escape::printable;
use crate::agree::metrics::SpanMatch;
use crate::agree::{self, Agreement, Document, Figures, Scores, Value, Version};
use crate::formats::{self, AnnotatedDocument, Format};

#[derive(Args, Debug)]
pub struct AgreeArgs {
    /// One folder per annotator, each holding its version of the same documents (at least two).
    #[arg(required = true, num_args = 2.., value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
    /// How to print the figures.
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = AgreeFormat::Text)]
    pub output_format: AgreeFormat,
    /// Also print each document's figures (JSON always has them).
    #[arg(long)]
    pub per_document: bool,
    /// Write the units of agreement to FILE as TSV: document, fragments, text, then each
    /// annotator's value (a label, `(no annotation)`, or empty where it has no such document).
    #[arg(long, value_name = "FILE")]
    pub export_units: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum AgreeFormat {
    /// Tables for people.
    #[default]
    Text,
    /// One JSON object, for scripts.
    Json,
}

pub fn run(args: AgreeArgs) -> ExitCode {
    match agree(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("dateline: error: {}", printable(&format!("{err:#}")));
            ExitCode::from(2)
        }
    }
}

fn agree(args: &AgreeArgs) -> Result<()> {
    for dir in &args.dirs {
        if !dir.is_dir() {
            bail!("{}: no such folder (each annotator's annotations are a folder)", dir.display());
        }
    }
    let annotators = annotator_names(&args.dirs);
    let mut documents: BTreeMap<String, Vec<Option<Version>>> = BTreeMap::new();
    for (annotator, dir) in args.dirs.iter().enumerate() {
        for (name, path, format) in annotation_files(dir)? {
            let versions = documents.entry(name).or_insert_with(|| vec![None; args.dirs.len()]);
            match read_version(&path, format) {
                Ok(Some(version)) => versions[annotator] = Some(version),
                Ok(None) => {}
                Err(err) => {
                    eprintln!("dateline: {}: {}", annotators[annotator], printable(&format!("{err:#}")))
                }
            }
        }
    }
    // A file that is no annotation document for any annotator (a `.tsv` of another kind) is
    // not a document.
    let documents: Vec<Document> = documents
        .into_iter()
        .filter(|(_, versions)| versions.iter().any(Option::is_some))
        .map(|(name, versions)| Document { name, versions })
        .collect();
    let report = agree::agreement(annotators, &documents);
    for (name, annotator) in &report.alone {
        eprintln!(
            "dateline: {}: only {} has a readable version; left out",
            printable(name),
            report.annotators[*annotator]
        );
    }
    for (name, which) in &report.texts_differ {
        let who: Vec<&str> = which.iter().map(|&i| report.annotators[i].as_str()).collect();
        eprintln!(
            "dateline: {}: the text differs in {}; offsets cannot be compared, left out",
            printable(name),
            who.join(", ")
        );
    }
    if report.documents.is_empty() {
        bail!("no document is in two of the folders with the same text: nothing to compare");
    }
    if let Some(path) = &args.export_units {
        write_units(path, &report, &documents).with_context(|| format!("cannot write {}", path.display()))?;
    }
    let mut stdout = io::stdout().lock();
    let written = match args.output_format {
        AgreeFormat::Text => write_text(&mut stdout, &report, args.per_document),
        AgreeFormat::Json => write_json(&mut stdout, &report),
    };
    match written.and_then(|()| stdout.flush()) {
        Err(err) if err.kind() != io::ErrorKind::BrokenPipe => Err(err.into()),
        _ => Ok(()),
    }
}

/// Each folder's own name, or the path as typed where two folders share a name.
fn annotator_names(dirs: &[PathBuf]) -> Vec<String> {
    let short: Vec<String> = dirs
        .iter()
        .map(|d| d.file_name().map_or_else(|| d.display().to_string(), |n| n.to_string_lossy().into_owned()))
        .collect();
    short
        .iter()
        .zip(dirs)
        .map(|(name, dir)| {
            if short.iter().filter(|n| *n == name).count() > 1 {
                dir.display().to_string()
            } else {
                name.clone()
            }
        })
        .collect()
}

/// The annotation files below `dir`: their path relative to it (with `/`), path and format.
fn annotation_files(dir: &Path) -> Result<Vec<(String, PathBuf, Format)>> {
    let mut files = Vec::new();
    for entry in ignore::WalkBuilder::new(dir).standard_filters(false).follow_links(false).build() {
        let entry = entry.with_context(|| format!("cannot list {}", dir.display()))?;
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.into_path();
        let format = match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("ann") => Format::Brat,
            Some("tsv") => Format::WebAnnoTsv3,
            Some("conllu") => Format::Conllu,
            _ => continue,
        };
        let Ok(rel) = path.strip_prefix(dir) else { continue };
        let name = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        files.push((name, path, format));
    }
    Ok(files)
}

/// One annotator's version of a document; `None` for a `.tsv` that is not WebAnno TSV 3.
fn read_version(path: &Path, format: Format) -> Result<Option<Version>> {
    let read = |p: &Path| std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()));
    let text = read(path)?;
    let version = match format {
        Format::Brat => {
            let txt = read(&path.with_extension("txt")).context("a brat .ann needs its .txt")?;
            from_document(path, &formats::brat_document(&txt, &text))
        }
        Format::WebAnnoTsv3 => {
            if !text.trim_start_matches('\u{feff}').trim_start().starts_with("#FORMAT=WebAnno TSV 3") {
                return Ok(None);
            }
            from_document(path, &formats::webanno::parse(&text))
        }
        Format::Conllu => from_document(path, &formats::conllu::parse(&text)),
    };
    Ok(Some(version))
}

/// The version, saying on stderr when the file has problems (`dateline check` lists them):
/// what could not be read is not in the figures.
fn from_document(path: &Path, doc: &dyn AnnotatedDocument) -> Version {
    let errors = doc.problems().iter().filter(|p| p.kind.severity() == formats::Severity::Error).count();
    if errors > 0 {
        eprintln!(
            "dateline: {}: {errors} annotation problem(s); what they affect is left out (`dateline check` lists them)",
            printable(&path.display().to_string())
        );
    }
    Version::new(doc)
}

fn write_units(path: &Path, report: &Agreement, documents: &[Document]) -> Result<()> {
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let mut out = String::from("document\tfragments\ttext");
    for name in &report.annotators {
        out.push('\t');
        out.push_str(&clean(name));
    }
    out.push('\n');
    for doc in documents {
        if !report.documents.iter().any(|(name, _)| *name == doc.name) {
            continue;
        }
        let text = doc.versions.iter().flatten().next().map_or("", |v| v.text.as_str());
        for unit in doc.units() {
            let fragments: Vec<String> =
                unit.extent.fragments().iter().map(|f| format!("{}-{}", f.start, f.end)).collect();
            let covered: Vec<&str> =
                unit.extent.fragments().iter().filter_map(|f| text.get(f.range())).collect();
            out.push_str(&format!(
                "{}\t{}\t{}",
                clean(&doc.name),
                fragments.join(";"),
                clean(&covered.join(" "))
            ));
            for value in &unit.values {
                out.push('\t');
                if *value != Value::Missing {
                    out.push_str(&clean(&value.describe()));
                }
            }
            out.push('\n');
        }
    }
    std::fs::write(path, out)?;
    Ok(())
}

fn number(value: Option<f64>) -> String {
    value.map_or_else(|| "n/a".to_string(), |v| format!("{v:.3}"))
}

fn write_text(out: &mut impl Write, report: &Agreement, per_document: bool) -> io::Result<()> {
    let compared = report.documents.len();
    writeln!(
        out,
        "{} annotators ({}), {compared} document{} compared",
        report.annotators.len(),
        printable(&report.annotators.join(", ")),
        if compared == 1 { "" } else { "s" }
    )?;
    writeln!(
        out,
        "A unit is an extent some annotator marked; an annotator who did not mark it says \"no annotation\".\n\
         alpha: Krippendorff's alpha (nominal), \"no annotation\" a category; alpha marked: \"no annotation\" as missing data.\n\
         kappa: Cohen's kappa, \"no annotation\" a category. P/R/F1: the second annotator's spans against the first's."
    )?;
    writeln!(out, "\nCollection")?;
    write_scores(out, report, &report.collection)?;
    if per_document {
        for (name, scores) in &report.documents {
            writeln!(out, "\n{}", printable(name))?;
            write_scores(out, report, scores)?;
        }
    }
    Ok(())
}

fn write_scores(out: &mut impl Write, report: &Agreement, scores: &Scores) -> io::Result<()> {
    // Labels come from the files: shown with control characters made visible.
    let rows: Vec<(String, &Figures)> = std::iter::once(("(all)".to_owned(), &scores.overall))
        .chain(report.labels.iter().map(|l| printable(l).into_owned()).zip(&scores.per_label))
        .filter(|(_, f)| f.units > 0)
        .collect();
    let width = rows.iter().map(|(l, _)| l.chars().count()).max().unwrap_or(5).max(5);
    writeln!(out, "  {:width$}  {:>6}  {:>6}  {:>12}", "label", "units", "alpha", "alpha marked")?;
    for (label, f) in &rows {
        writeln!(
            out,
            "  {label:width$}  {:>6}  {:>6}  {:>12}",
            f.units,
            number(f.alpha),
            number(f.alpha_marked)
        )?;
    }
    for (pair_idx, pair) in scores.overall.pairs.iter().enumerate() {
        writeln!(
            out,
            "  {} against {} (reference), {} units",
            printable(&report.annotators[pair.candidate]),
            printable(&report.annotators[pair.reference]),
            pair.units
        )?;
        writeln!(
            out,
            "  {:width$}  {:>6}  {:>6}  {:>6}  {:>6}  {:>10}  {:>6}  {:>6}",
            "label", "kappa", "exact P", "R", "F1", "overlap P", "R", "F1"
        )?;
        for (label, f) in &rows {
            let p = &f.pairs[pair_idx];
            writeln!(
                out,
                "  {label:width$}  {:>6}  {:>7}  {:>6}  {:>6}  {:>10}  {:>6}  {:>6}",
                number(p.kappa),
                number(p.exact.precision()),
                number(p.exact.recall()),
                number(p.exact.f1()),
                number(p.overlap.precision()),
                number(p.overlap.recall()),
                number(p.overlap.f1()),
            )?;
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct JsonReport<'a> {
    annotators: &'a [String],
    labels: &'a [String],
    /// What a unit is and how spans only one annotator marked count, so a reader of the
    /// JSON alone knows what the figures mean.
    units: &'static str,
    collection: JsonScores<'a>,
    documents: Vec<JsonDocument<'a>>,
    left_out: Vec<JsonLeftOut<'a>>,
}

#[derive(Serialize)]
struct JsonDocument<'a> {
    document: &'a str,
    #[serde(flatten)]
    scores: JsonScores<'a>,
}

#[derive(Serialize)]
struct JsonLeftOut<'a> {
    document: &'a str,
    reason: &'static str,
    annotators: Vec<&'a str>,
}

#[derive(Serialize)]
struct JsonScores<'a> {
    overall: JsonFigures<'a>,
    per_label: BTreeMap<&'a str, JsonFigures<'a>>,
}

#[derive(Serialize)]
struct JsonFigures<'a> {
    units: usize,
    alpha: Option<f64>,
    alpha_marked: Option<f64>,
    pairs: Vec<JsonPair<'a>>,
}

#[derive(Serialize)]
struct JsonPair<'a> {
    reference: &'a str,
    candidate: &'a str,
    units: usize,
    kappa: Option<f64>,
    exact: JsonSpans,
    overlap: JsonSpans,
}

#[derive(Serialize)]
struct JsonSpans {
    precision: Option<f64>,
    recall: Option<f64>,
    f1: Option<f64>,
    reference: usize,
    candidate: usize,
    reference_matched: usize,
    candidate_matched: usize,
}

impl From<SpanMatch> for JsonSpans {
    fn from(m: SpanMatch) -> JsonSpans {
        JsonSpans {
            precision: m.precision(),
            recall: m.recall(),
            f1: m.f1(),
            reference: m.reference,
            candidate: m.candidate,
            reference_matched: m.reference_matched,
            candidate_matched: m.candidate_matched,
        }
    }
}

fn json_figures<'a>(report: &'a Agreement, f: &Figures) -> JsonFigures<'a> {
    JsonFigures {
        units: f.units,
        alpha: f.alpha,
        alpha_marked: f.alpha_marked,
        pairs: f
            .pairs
            .iter()
            .map(|p| JsonPair {
                reference: &report.annotators[p.reference],
                candidate: &report.annotators[p.candidate],
                units: p.units,
                kappa: p.kappa,
                exact: p.exact.into(),
                overlap: p.overlap.into(),
            })
            .collect(),
    }
}

fn json_scores<'a>(report: &'a Agreement, scores: &Scores) -> JsonScores<'a> {
    JsonScores {
        overall: json_figures(report, &scores.overall),
        per_label: report
            .labels
            .iter()
            .zip(&scores.per_label)
            .filter(|(_, f)| f.units > 0)
            .map(|(label, f)| (label.as_str(), json_figures(report, f)))
            .collect(),
    }
}

fn write_json(out: &mut impl Write, report: &Agreement) -> io::Result<()> {
    let names = |which: &[usize]| which.iter().map(|&i| report.annotators[i].as_str()).collect();
    let left_out = report
        .alone
        .iter()
        .map(|(name, annotator)| JsonLeftOut {
            document: name,
            reason: "only one annotator has a readable version",
            annotators: names(&[*annotator]),
        })
        .chain(report.texts_differ.iter().map(|(name, which)| JsonLeftOut {
            document: name,
            reason: "the text differs",
            annotators: names(which),
        }))
        .collect();
    let json = JsonReport {
        annotators: &report.annotators,
        labels: &report.labels,
        units: "a unit is an extent (the exact fragments) that at least one annotator marked; an annotator \
                who has the document but did not mark the extent gives it \"no annotation\": a category for \
                kappa and alpha, missing data for alpha_marked; per label, values are that label or not",
        collection: json_scores(report, &report.collection),
        documents: report
            .documents
            .iter()
            .map(|(name, scores)| JsonDocument { document: name, scores: json_scores(report, scores) })
            .collect(),
        left_out,
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)
}
