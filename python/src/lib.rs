//! `dateline._native`: the dateline engine for Python, a front end as thin as the CLI's.
//!
//! Everything crosses the boundary as JSON text that `dateline/__init__.py` turns into
//! dataclasses: the shapes are the CLI's where it has one (`check` is exactly
//! `check --output-format json`), and are defined here where it has none (entities,
//! mentions, dates). The core knows nothing of Python; this file is the edge, as
//! `cli/output/` and `lsp/convert.rs` are for theirs.

use std::path::{Path, PathBuf};

use dateline::analysis::{AnalysisHost, Snapshot};
use dateline::cli::check::{CheckArgs, findings_json};
use dateline::corpus::config::absolute;
use dateline::dates::{DateLanguage, TagContext, Timex};
use dateline::kb::{Entity, FormKind};
use dateline::mentions::Written;
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyFileNotFoundError, PyValueError};
use pyo3::prelude::*;
use serde::Serialize;

create_exception!(
    _native,
    DatelineError,
    PyException,
    "dateline could not do what was asked (the message says why)."
);

/// Raises `FileNotFoundError` for a path that does not exist: the one error every caller
/// should be able to catch by its standard type.
fn existing(path: &Path) -> PyResult<PathBuf> {
    if !path.exists() {
        return Err(PyFileNotFoundError::new_err(format!("{}: no such file or directory", path.display())));
    }
    Ok(absolute(path))
}

fn failed(err: impl std::fmt::Display) -> PyErr {
    DatelineError::new_err(err.to_string())
}

/// `dateline check PATHS --output-format json`, with the same selection flags.
#[pyfunction]
#[pyo3(signature = (paths, select=None, extend_select=Vec::new(), ignore=Vec::new()))]
fn check(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    select: Option<Vec<String>>,
    extend_select: Vec<String>,
    ignore: Vec<String>,
) -> PyResult<String> {
    for path in &paths {
        existing(path)?;
    }
    let args = CheckArgs { paths, select, extend_select, ignore, ..CheckArgs::default() };
    // The analysis is pure Rust and parallel: other Python threads may run meanwhile.
    py.detach(|| findings_json(&args)).map_err(failed)
}

/// A corpus loaded and analysed once, for queries.
#[pyclass(frozen)]
struct Corpus {
    snapshot: Snapshot,
}

#[derive(Serialize)]
struct JsonEntity<'a> {
    id: &'a str,
    kind: &'static str,
    name: &'a str,
    aliases: Vec<&'a str>,
    variants: Vec<&'a str>,
    description: Option<&'a str>,
    roles: Vec<JsonRole<'a>>,
    /// Events: `from` and `to` as the KB gives them (partial dates: `2020`, `2020-09`).
    date_from: Option<String>,
    date_to: Option<String>,
    xrefs: &'a [String],
}

#[derive(Serialize)]
struct JsonRole<'a> {
    title: &'a str,
    of: Option<&'a str>,
    from: Option<String>,
    to: Option<String>,
}

#[derive(Serialize)]
struct JsonMention<'a> {
    entity: &'a str,
    text: &'a str,
    start: u32,
    end: u32,
    line: u32,
    column: u32,
    /// `name`, `alias`, `variant`, `undiacritized`, `fragment`, `declined`,
    /// `transliterated` or `link`.
    written: &'static str,
}

#[derive(Serialize)]
struct JsonTimex<'a> {
    text: &'a str,
    start: u32,
    end: u32,
    #[serde(rename = "type")]
    kind: &'static str,
    value: &'a str,
    relative: bool,
}

fn texts(forms: &[dateline::kb::Form]) -> Vec<&str> {
    forms.iter().map(|f| f.text.as_str()).collect()
}

fn entity_json(entity: &Entity) -> JsonEntity<'_> {
    JsonEntity {
        id: &entity.key,
        kind: entity.kind.as_str(),
        name: &entity.name.text,
        aliases: texts(&entity.aliases),
        variants: texts(&entity.variants),
        description: entity.description.as_deref(),
        roles: entity
            .roles
            .iter()
            .map(|role| JsonRole {
                title: &role.title,
                of: role.of.as_ref().map(|of| of.key.as_str()),
                from: role.from.map(|d| d.to_string()),
                to: role.to.map(|d| d.to_string()),
            })
            .collect(),
        date_from: entity.when.map(|w| w.from.to_string()),
        date_to: entity.when.map(|w| w.to.to_string()),
        xrefs: &entity.xrefs,
    }
}

fn written(written: Written) -> &'static str {
    let form = |kind: FormKind| match kind {
        FormKind::Name => "name",
        FormKind::Alias(_) => "alias",
        FormKind::Variant(_) => "variant",
    };
    match written {
        Written::Form(kind) => form(kind),
        Written::Undiacritized(_) => "undiacritized",
        Written::Fragment => "fragment",
        Written::Declined(_) => "declined",
        Written::Transliterated(_) => "transliterated",
        Written::Other => "link",
    }
}

fn timex_json<'t>(text: &'t str, timex: &'t Timex) -> JsonTimex<'t> {
    JsonTimex {
        text: text.get(timex.span.range()).unwrap_or(""),
        start: timex.span.start,
        end: timex.span.end,
        kind: timex.kind.as_str(),
        value: timex.value.as_str(),
        relative: timex.is_relative(),
    }
}

fn to_json(value: &impl Serialize) -> String {
    serde_json::to_string(value).expect("plain data serializes")
}

impl Corpus {
    fn article(
        &self,
        path: &Path,
    ) -> PyResult<(dateline::corpus::FileId, &dateline::analysis::ArticleAnalysis)> {
        let path = existing(path)?;
        let file = self.snapshot.file_id(&path).ok_or_else(|| {
            PyValueError::new_err(format!("{} is not a file of this corpus", path.display()))
        })?;
        let analysis = self
            .snapshot
            .article(file)
            .ok_or_else(|| PyValueError::new_err(format!("{} is not an article", path.display())))?;
        Ok((file, analysis))
    }
}

#[pymethods]
impl Corpus {
    /// Loads and analyses the corpus holding `path` (its `dateline.toml` is found as `check`
    /// finds it).
    #[new]
    fn new(py: Python<'_>, path: PathBuf) -> PyResult<Corpus> {
        let path = existing(&path)?;
        let snapshot = py.detach(|| {
            let (config, policy) = dateline::analysis::open_one(&path).map_err(failed)?;
            Ok::<_, PyErr>(AnalysisHost::load_with(config, policy, &|_| {}, None).snapshot())
        })?;
        Ok(Corpus { snapshot })
    }

    /// The corpus root.
    #[getter]
    fn root(&self) -> PathBuf {
        self.snapshot.config().root.clone()
    }

    /// Absolute paths of the articles, in corpus order.
    fn articles(&self) -> Vec<PathBuf> {
        self.snapshot
            .articles()
            .filter_map(|(file, _)| self.snapshot.path(file).map(Path::to_path_buf))
            .collect()
    }

    /// The KB's entities, as JSON.
    fn entities_json(&self) -> String {
        let entities: Vec<JsonEntity<'_>> = self.snapshot.kb().entities().iter().map(entity_json).collect();
        to_json(&entities)
    }

    /// The KB entities an article names, as JSON.
    fn mentions_json(&self, article: PathBuf) -> PyResult<String> {
        let (file, analysis) = self.article(&article)?;
        let source = self.snapshot.source(file).expect("an article has a source");
        let kb = self.snapshot.kb();
        let mentions: Vec<JsonMention<'_>> = analysis
            .mentions
            .mentions
            .iter()
            .map(|mention| {
                let at = source.line_index.line_col(&source.text, mention.span.start as usize);
                JsonMention {
                    entity: &kb.entity(mention.entity).key,
                    text: source.text.get(mention.span.range()).unwrap_or(""),
                    start: mention.span.start,
                    end: mention.span.end,
                    line: at.line,
                    column: at.col,
                    written: written(mention.written),
                }
            })
            .collect();
        Ok(to_json(&mentions))
    }

    /// An article's date expressions, resolved against its publication date, as JSON.
    fn dates_json(&self, article: PathBuf) -> PyResult<String> {
        let (file, analysis) = self.article(&article)?;
        let text = &self.snapshot.source(file).expect("an article has a source").text;
        let dates: Vec<JsonTimex<'_>> = analysis.dates.iter().map(|t| timex_json(text, t)).collect();
        Ok(to_json(&dates))
    }
}

/// Tags the date expressions of `text` (TIMEX3 values), resolving relative ones against
/// `dct` (`YYYY-MM-DD`) when given, in language `lang` (`en`, `ru`, `tr`, `fr`, `es`, `de`).
#[pyfunction]
#[pyo3(signature = (text, dct=None, lang="en"))]
fn tag_dates(text: &str, dct: Option<&str>, lang: &str) -> PyResult<String> {
    let dct = dct
        .map(|d| d.parse::<jiff::civil::Date>())
        .transpose()
        .map_err(|err| PyValueError::new_err(format!("dct must be a date like 2021-11-17: {err}")))?;
    let language = DateLanguage::from_code(lang).ok_or_else(|| {
        PyValueError::new_err(format!(
            "no date words for language `{lang}`; dateline reads {}",
            DateLanguage::names()
        ))
    })?;
    let ctx = TagContext { dct, language, ..TagContext::default() };
    let dates = dateline::dates::tag(text, &ctx);
    Ok(to_json(&dates.iter().map(|t| timex_json(text, t)).collect::<Vec<_>>()))
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(tag_dates, m)?)?;
    m.add_class::<Corpus>()?;
    m.add("DatelineError", m.py().get_type::<DatelineError>())?;
    Ok(())
}
