//! `dateline kb ...`: commands that build the knowledge base. `kb import wikidata` reads
//! Wikidata entity JSON and writes or updates a KB file; the work is in
//! [`crate::kb::wikidata`], this file parses arguments, prints and writes.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};

use crate::kb::wikidata::{self, Languages, merge};

#[derive(Subcommand, Debug)]
pub enum KbCommand {
    /// Add entities to a KB file from another source
    #[command(subcommand)]
    Import(ImportCommand),
    /// Propose KB entries from the corpus: people introduced with a title but not in the
    /// KB (their spellings grouped, their roles attested by the article dates), and
    /// organisations and places several articles name. Prints TOML to review (or JSON);
    /// --write appends it to a KB file. Exit 0: done (with or without suggestions); 2: the
    /// corpus or the KB file cannot be read or written
    Suggest(super::suggest::SuggestArgs),
    /// Compare the KB with another source and list where they differ
    #[command(subcommand, name = "check-against")]
    CheckAgainst(CheckAgainstCommand),
}

#[derive(Subcommand, Debug)]
pub enum CheckAgainstCommand {
    /// Compare the KB's entities that name a Wikidata item (`xrefs = ["wikidata:Q…"]`) with
    /// Wikidata entity JSON: roles whose dates or titles differ, roles on one side only,
    /// spellings Wikidata lists that the KB lacks or calls variants. Writes nothing. Exit 0:
    /// no difference; 1: differences; 2: a file cannot be read
    Wikidata(CheckAgainstArgs),
}

#[derive(Args, Debug)]
pub struct CheckAgainstArgs {
    #[command(flatten)]
    pub input: WikidataInput,
    /// The corpus whose KB files are compared (its dateline.toml says which).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub corpus: PathBuf,
}

/// The Wikidata files a command reads, and the languages of the names it takes from them.
#[derive(Args, Debug)]
pub struct WikidataInput {
    /// Wikidata JSON files: the entities, and the positions their roles name.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Languages of the names, first choice first: the first label found is the name, the
    /// other labels and the aliases in these languages are aliases, and each other
    /// language's label is the entry's name in that language (`names`). Repeat or separate
    /// with commas.
    #[arg(long = "lang", value_name = "CODE", value_delimiter = ',', default_value = "en")]
    pub languages: Vec<String>,
}

impl WikidataInput {
    /// Every file read and mapped; the message of an error says what to fix.
    fn read(&self) -> Result<wikidata::Import, String> {
        let codes = self.languages.iter().map(|code| code.trim().to_owned()).collect();
        let languages = Languages::new(codes).ok_or("--lang needs at least one language code")?;
        wikidata::import(&self.files, &languages).map_err(|err| err.to_string())
    }
}

#[derive(Subcommand, Debug)]
pub enum ImportCommand {
    /// Import Wikidata entity JSON (Special:EntityData/Q….json, wbgetentities answers,
    /// line-delimited or filtered dumps; plain or gzip): people with their positions (P39),
    /// organizations, places and events. Items only used for their labels (the positions
    /// people held) are read from the same files. Exit 0: imported (or nothing to do);
    /// 2: a file cannot be read or the KB file cannot be written
    Wikidata(WikidataArgs),
}

#[derive(Args, Debug)]
pub struct WikidataArgs {
    #[command(flatten)]
    pub input: WikidataInput,
    /// The KB file to write or update (created with its folder if absent).
    #[arg(long, value_name = "PATH", default_value = "kb/wikidata.toml")]
    pub kb: PathBuf,
    /// Print the change as a unified diff and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(command: KbCommand) -> ExitCode {
    match command {
        KbCommand::Import(ImportCommand::Wikidata(args)) => import_wikidata(&args),
        KbCommand::Suggest(args) => super::suggest::run(&args),
        KbCommand::CheckAgainst(CheckAgainstCommand::Wikidata(args)) => check_against(&args),
    }
}

fn import_wikidata(args: &WikidataArgs) -> ExitCode {
    let started = std::time::Instant::now();
    let import = match args.input.read() {
        Ok(import) => import,
        Err(err) => {
            eprintln!("dateline: error: {err}");
            return ExitCode::from(2);
        }
    };
    tracing::info!(entities = import.entities_read(), elapsed = ?started.elapsed(), "read");
    let original = match std::fs::read_to_string(&args.kb) {
        Ok(text) => text,
        Err(err) if err.kind() == io::ErrorKind::NotFound => String::new(),
        Err(err) => {
            eprintln!("dateline: error: cannot read {}: {err}", args.kb.display());
            return ExitCode::from(2);
        }
    };
    let merged = match merge::merge(&original, &import.entities) {
        Ok(merged) => merged,
        Err(err) => {
            eprintln!("dateline: error: {} {err}", args.kb.display());
            return ExitCode::from(2);
        }
    };
    let mut err = io::stderr().lock();
    let _ = report(&mut err, args, &import, &merged);
    let changed = merged.text != original;
    if args.dry_run {
        if changed {
            let name = args.kb.display().to_string();
            let diff = similar::TextDiff::from_lines(&original, &merged.text);
            let mut out = io::stdout().lock();
            let _ = write!(out, "{}", diff.unified_diff().context_radius(3).header(&name, &name));
        }
        let _ = writeln!(err, "Dry run: {} not written.", args.kb.display());
        return ExitCode::SUCCESS;
    }
    if !changed {
        let _ = writeln!(err, "{} is up to date: nothing to change.", args.kb.display());
        return ExitCode::SUCCESS;
    }
    match write_atomically(&args.kb, &original, &merged.text) {
        Ok(()) => {
            let _ = writeln!(err, "Wrote {}.", args.kb.display());
            ExitCode::SUCCESS
        }
        Err(message) => {
            let _ = writeln!(err, "dateline: error: cannot write {}: {message}", args.kb.display());
            ExitCode::from(2)
        }
    }
}

fn check_against(args: &CheckAgainstArgs) -> ExitCode {
    let config = match crate::analysis::open_one(&args.corpus) {
        Ok((config, _)) => config,
        Err(err) => {
            eprintln!("dateline: {err}");
            return ExitCode::from(2);
        }
    };
    let import = match args.input.read() {
        Ok(import) => import,
        Err(err) => {
            eprintln!("dateline: error: {err}");
            return ExitCode::from(2);
        }
    };
    let kb_files: Vec<PathBuf> = crate::corpus::discover(&config)
        .into_iter()
        .filter(|found| found.kind == crate::corpus::FileKind::Kb)
        .map(|found| found.path)
        .collect();
    let mut out = io::stdout().lock();
    let mut differences = 0usize;
    let mut linked = 0usize;
    let mut entities = std::collections::BTreeSet::new();
    for path in &kb_files {
        let shown = path.strip_prefix(&config.root).unwrap_or(path).display().to_string();
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(err) => {
                eprintln!("dateline: error: cannot read {shown}: {err}");
                return ExitCode::from(2);
            }
        };
        let drift = match merge::drift(&text, &import.entities) {
            Ok(drift) => drift,
            Err(err) => {
                eprintln!("dateline: error: {shown} {err}");
                return ExitCode::from(2);
            }
        };
        linked += drift.linked;
        let mut lines = Vec::new();
        for conflict in &drift.conflicts {
            entities.insert(conflict.key.clone());
            lines.push(format!(
                "`{}` ({}) {}: the KB has {}, Wikidata {}",
                conflict.key, conflict.qid, conflict.field, conflict.kb, conflict.wikidata
            ));
        }
        for (key, changes) in &drift.updated {
            entities.insert(key.clone());
            for change in changes {
                lines.push(format!("`{key}`: Wikidata has {change}, the KB does not"));
            }
        }
        for (key, qid, role) in &drift.kb_only_roles {
            entities.insert(key.clone());
            lines.push(format!("`{key}` ({qid}): the KB has role {role}, Wikidata does not"));
        }
        differences += lines.len();
        for line in lines {
            let _ = writeln!(out, "{shown}: {line}");
        }
    }
    eprintln!(
        "{} in {} (compared {} linked to Wikidata in {} with {} read).",
        plural(differences, "difference", "differences"),
        plural(entities.len(), "entity", "entities"),
        plural(linked, "KB entity", "KB entities"),
        plural(kb_files.len(), "KB file", "KB files"),
        plural(import.entities.len(), "item", "items"),
    );
    if differences > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

fn report(
    out: &mut dyn Write,
    args: &WikidataArgs,
    import: &wikidata::Import,
    merged: &merge::Merged,
) -> io::Result<()> {
    let files = import.files.len();
    writeln!(
        out,
        "Read {} from {} ({}).",
        plural(import.entities_read() as usize, "entity", "entities"),
        plural(files, "file", "files"),
        summarize_framings(import),
    )?;
    for (reason, count) in &import.not_imported {
        let more = if count.count as usize > count.examples.len() { ", …" } else { "" };
        writeln!(
            out,
            "Not imported: {} {} (e.g. {}{more}).",
            count.count,
            reason.describe(),
            count.examples.join(", ")
        )?;
    }
    let skips: Vec<_> = import.skips.iter().chain(&merged.skips).collect();
    if !skips.is_empty() {
        writeln!(out, "Left out ({}):", skips.len())?;
        for skip in skips {
            writeln!(out, "  {skip}")?;
        }
    }
    if !merged.conflicts.is_empty() {
        writeln!(out, "Conflicts ({}), the KB's values kept:", merged.conflicts.len())?;
        for conflict in &merged.conflicts {
            writeln!(out, "  {conflict}")?;
        }
    }
    let verb = if args.dry_run { "would add" } else { "added" };
    let mut parts = vec![format!("{verb} {}", plural(merged.added.len(), "entity", "entities"))];
    if !merged.updated.is_empty() {
        let verb = if args.dry_run { "would update" } else { "updated" };
        parts.push(format!("{verb} {}", plural(merged.updated.len(), "entity", "entities")));
    }
    if merged.unchanged > 0 {
        parts.push(format!("{} already up to date", merged.unchanged));
    }
    writeln!(out, "{}: {}.", args.kb.display(), parts.join(", "))?;
    for (key, changes) in &merged.updated {
        writeln!(out, "  `{key}`: {}", changes.join(", "))?;
    }
    Ok(())
}

fn summarize_framings(import: &wikidata::Import) -> String {
    let mut kinds: Vec<String> =
        import.files.iter().map(|(_, summary)| wikidata::describe(summary)).collect();
    kinds.sort();
    kinds.dedup();
    kinds.join("; ")
}

pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Replaces the KB file at `path` through the fixer's IO (a temporary file beside it and a
/// rename, refused when the file changed since it was read), or creates it, with its
/// folder, the same way; a file that appeared meanwhile is not overwritten.
pub(super) fn write_atomically(path: &Path, original: &str, text: &str) -> Result<(), String> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if path.exists() {
        let scope = super::fix::WriteScope::folder(&dir);
        return super::fix::write_fixed(path, original, text, &scope).map_err(|err| err.to_string());
    }
    std::fs::create_dir_all(&dir).map_err(|err| format!("cannot create {}: {err}", dir.display()))?;
    let mut temp = tempfile::Builder::new()
        .prefix(".dateline-import-")
        .suffix(".toml.tmp")
        .tempfile_in(&dir)
        .map_err(|err| format!("cannot create a temporary file in {}: {err}", dir.display()))?;
    temp.write_all(text.as_bytes())
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|err| err.to_string())?;
    temp.persist_noclobber(path).map_err(|err| match err.error.kind() {
        io::ErrorKind::AlreadyExists => "it was created during the import (run it again)".to_owned(),
        _ => err.error.to_string(),
    })?;
    Ok(())
}
