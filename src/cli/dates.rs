//! `dateline dates [PATH]...`: every date expression of the articles with its normalized
//! value and how it was resolved: the inlay hints of an editor, for a terminal or a script.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::analysis::AnalysisHost;
use crate::corpus::config::absolute;

#[derive(Args, Debug)]
pub struct DatesArgs {
    /// Articles or folders (default: the current directory).
    pub paths: Vec<PathBuf>,
    /// Only relative expressions (those resolved against the publication date or the text).
    #[arg(long)]
    pub relative: bool,
    /// `text` (one line per expression), `json` (one array) or `json-lines` (one object per
    /// line), as `check` spells its formats.
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = DatesFormat::Text)]
    pub output_format: DatesFormat,
    /// The same as `--output-format json-lines` (kept for scripts written before it).
    #[arg(long, hide = true)]
    pub json: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DatesFormat {
    Text,
    Json,
    JsonLines,
}

pub fn run(args: DatesArgs) -> ExitCode {
    let format = if args.json { DatesFormat::JsonLines } else { args.output_format };
    // `json`: the rows, printed as one array at the end.
    let mut array: Vec<serde_json::Value> = Vec::new();
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut out = std::io::stdout().lock();
    // Articles in a language the tagger does not read, by language: said once at the end,
    // so an empty listing is not mistaken for text without dates.
    let mut unread: std::collections::BTreeMap<&'static str, usize> = Default::default();
    for path in paths {
        if !path.exists() {
            let shown = super::output::escape::printable(&path.display().to_string()).into_owned();
            eprintln!("dateline: {shown}: no such file or directory");
            return ExitCode::from(2);
        }
        let target = absolute(&path);
        let (config, policy) = match crate::analysis::open_one(&target) {
            Ok(found) => found,
            Err(err) => {
                eprintln!("dateline: {err}");
                return ExitCode::from(2);
            }
        };
        let whole = target == config.root;
        let snapshot = AnalysisHost::load_with(config, policy, &|_| {}, None).snapshot();
        for (file, analysis) in snapshot.articles() {
            let (Some(path), Some(source)) = (snapshot.path(file), snapshot.source(file)) else { continue };
            if !whole && !path.starts_with(&target) {
                continue;
            }
            if let Some(language) = analysis.language.filter(|l| l.language.date_language().is_none()) {
                *unread.entry(language.language.name()).or_default() += 1;
            }
            let shown = super::output::display_path(&cwd, Some(path));
            let ctx = match analysis.article.date().and_then(|d| d.as_date()) {
                Some(dct) => crate::dates::TagContext::with_dct(dct),
                None => crate::dates::TagContext::default(),
            };
            for timex in analysis.dates.iter().filter(|t| !args.relative || t.is_relative()) {
                let at = source.line_index.line_col(&source.text, timex.span.start as usize);
                let phrase = crate::checks::one_line(&source.text[timex.span.range()]);
                let explanation = timex.explanation(&source.text, &ctx);
                let row = || {
                    serde_json::json!({
                        "path": shown, "line": at.line, "column": at.col, "text": phrase,
                        "type": timex.kind.as_str(), "value": timex.value.as_str(), "relative": timex.is_relative(),
                        "explanation": explanation,
                    })
                };
                let written = if format == DatesFormat::JsonLines {
                    writeln!(out, "{}", row())
                } else if format == DatesFormat::Json {
                    array.push(row());
                    Ok(())
                } else {
                    use super::output::escape::printable;
                    writeln!(
                        out,
                        "{}:{}:{}: {} {} `{}`: {}",
                        printable(&shown),
                        at.line,
                        at.col,
                        timex.kind.as_str(),
                        timex.value,
                        printable(&phrase),
                        printable(&explanation)
                    )
                };
                if written.is_err() {
                    return ExitCode::SUCCESS; // A closed pipe.
                }
            }
        }
    }
    if format == DatesFormat::Json {
        let written = serde_json::to_writer_pretty(&mut out, &array).map_err(std::io::Error::from);
        if written.and_then(|()| writeln!(out)).is_err() {
            return ExitCode::SUCCESS; // A closed pipe.
        }
    }
    if !unread.is_empty() {
        let total: usize = unread.values().sum();
        let by: Vec<String> = unread.iter().map(|(name, n)| format!("{name} {n}")).collect();
        eprintln!(
            "dateline: {total} article(s) in a language without date words ({}): no dates read there; dateline reads {}",
            by.join(", "),
            crate::dates::DateLanguage::names()
        );
    }
    ExitCode::SUCCESS
}
