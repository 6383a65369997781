//! `dateline kb suggest`: prints (or appends to a KB file) the entries the corpus itself
//! suggests; the work is [`crate::analysis::Snapshot::suggest`].

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde_json::{Value, json};

use crate::analysis::{Snapshot, SuggestOptions, Suggestion, Suggestions};
use crate::kb::edit;

#[derive(Args, Debug)]
pub struct SuggestArgs {
    /// The corpus (a folder, or a file in it); its dateline.toml is found as `check` finds it.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// `toml`: KB entries to review; `json`: the suggestions with every article.
    /// (`--format` is the older spelling.)
    #[arg(long = "output-format", alias = "format", value_name = "FORMAT", value_enum, default_value_t = SuggestFormat::Toml)]
    pub format: SuggestFormat,
    /// Append the entries to the KB file given by --kb (created if absent) instead of
    /// printing them.
    #[arg(long)]
    pub write: bool,
    /// The KB file --write appends to, relative to the corpus root unless absolute.
    #[arg(long, value_name = "PATH", default_value = "kb/people.toml")]
    pub kb: PathBuf,
    /// Propose organisations and places named in at least this many articles.
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub min_articles: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SuggestFormat {
    Toml,
    Json,
}

pub fn run(args: &SuggestArgs) -> ExitCode {
    if !args.path.exists() {
        eprintln!("dateline: {}: no such file or directory", args.path.display());
        return ExitCode::from(2);
    }
    if let Some(why) = crate::corpus::unusable_target(&args.path) {
        eprintln!("dateline: {}: {why}", args.path.display());
        return ExitCode::from(2);
    }
    let (config, policy) = match crate::analysis::open_one(&args.path) {
        Ok(found) => found,
        Err(err) => {
            eprintln!("dateline: {err}");
            return ExitCode::from(2);
        }
    };
    let root = config.root.clone();
    let host = super::check::load_corpus(io::IsTerminal::is_terminal(&io::stderr()), config, policy);
    let snapshot = host.snapshot();
    let suggestions = snapshot.suggest(SuggestOptions { min_articles: args.min_articles });
    let mut err = io::stderr().lock();
    let _ = writeln!(
        err,
        "Suggested {}, {} and {} from {}.",
        super::kb::plural(suggestions.people.len(), "person", "people"),
        super::kb::plural(suggestions.organizations.len(), "organisation", "organisations"),
        super::kb::plural(suggestions.places.len(), "place", "places"),
        super::kb::plural(snapshot.articles().count(), "article", "articles"),
    );
    if args.format == SuggestFormat::Json {
        let value = to_json(&snapshot, &root, &suggestions);
        let mut out = io::stdout().lock();
        let written = serde_json::to_writer_pretty(&mut out, &value).map_err(io::Error::from);
        return match written.and_then(|()| writeln!(out)) {
            Ok(()) => ExitCode::SUCCESS,
            // `| head`: the reader has what it wanted.
            Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(error) => {
                let _ = writeln!(err, "dateline: error: {error}");
                ExitCode::from(2)
            }
        };
    }
    let stubs = suggestions.stubs(snapshot.kb(), &snapshot);
    if !args.write {
        let header = "# Suggested by `dateline kb suggest`: review each entry, keep or delete it, then add\n\
            # it to a KB file (or run `dateline kb suggest --write`).\n";
        let body = if stubs.is_empty() { String::new() } else { edit::append_stubs("", &stubs).replacement };
        let mut out = io::stdout().lock();
        return match write!(out, "{header}{body}") {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(error) => {
                let _ = writeln!(err, "dateline: error: {error}");
                ExitCode::from(2)
            }
        };
    }
    let path = if args.kb.is_absolute() { args.kb.clone() } else { root.join(&args.kb) };
    // Only a file the corpus reads as KB: entries written anywhere else would not be read,
    // and --write must not be a way to append to an arbitrary file.
    if host.classify(&path) != Some(crate::corpus::FileKind::Kb) {
        let _ = writeln!(
            err,
            "dateline: error: {} is not one of the corpus's KB files (`kb` in dateline.toml): give --kb a path they match",
            display(&path)
        );
        return ExitCode::from(2);
    }
    if stubs.is_empty() {
        let _ = writeln!(err, "Nothing to add to {}.", display(&path));
        return ExitCode::SUCCESS;
    }
    let original = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == io::ErrorKind::NotFound => String::new(),
        Err(error) => {
            let _ = writeln!(err, "dateline: error: cannot read {}: {error}", display(&path));
            return ExitCode::from(2);
        }
    };
    let change = edit::append_stubs(&original, &stubs);
    let mut text = original.clone();
    text.replace_range(change.span.range(), &change.replacement);
    match super::kb::write_atomically(&path, &original, &text) {
        Ok(()) => {
            let _ = writeln!(
                err,
                "Appended {} to {}: review them there.",
                super::kb::plural(stubs.len(), "entry", "entries"),
                display(&path)
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            let _ = writeln!(err, "dateline: error: cannot write {}: {message}", display(&path));
            ExitCode::from(2)
        }
    }
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

fn to_json(snapshot: &Snapshot, root: &Path, suggestions: &Suggestions) -> Value {
    let list = |items: &[Suggestion]| -> Vec<Value> {
        items
            .iter()
            .map(|s| {
                let articles: Vec<String> = s
                    .articles
                    .iter()
                    .filter_map(|&f| snapshot.path(f))
                    .map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string())
                    .collect();
                json!({
                    "kind": s.kind.as_str(),
                    "name": s.name,
                    "spellings": s.spellings.iter().map(|sp| json!({"text": sp.text, "count": sp.count})).collect::<Vec<_>>(),
                    "roles": s.roles.iter().map(|r| json!({
                        "title": r.title,
                        "first": r.first.map(|d| d.to_string()),
                        "last": r.last.map(|d| d.to_string()),
                        "articles": r.articles,
                    })).collect::<Vec<_>>(),
                    "articles": articles,
                })
            })
            .collect()
    };
    json!({
        "people": list(&suggestions.people),
        "organizations": list(&suggestions.organizations),
        "places": list(&suggestions.places),
    })
}
