//! `dateline init [DIR]`: starts a corpus: a commented `dateline.toml` and a `kb/` folder
//! whose first file shows, in comments, what an entry looks like. Never overwrites: a file
//! that exists is left as it is and said so.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

#[derive(Args, Debug)]
pub struct InitArgs {
    /// The corpus folder (created if absent).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

const CONFIG: &str = r#"# dateline's settings for this corpus (README, "dateline.toml", has every key).

[corpus]
paths = ["."]                  # folders to walk, relative to this file
include = ["**/*.md", "**/*.markdown", "**/*.txt", "**/*.ann", "**/*.tsv", "**/*.conllu"]
exclude = []                   # e.g. ["drafts/**"]
kb = ["kb/**/*.toml"]          # the knowledge base: people, organisations, places, events

# Articles that cannot carry front matter (plain text, brat) get their date here:
# [articles."wires/ap-0042.txt"]
# date = 2021-10-05

# Severity per check code or prefix; "off" disables (`dateline rules` lists the codes).
# [checks.severity]
# "corpus/missing-date" = "off"

# [names]
# house-style = "diacritics"   # or "ascii"
"#;

const PEOPLE: &str = r#"# The people of this corpus, one [[entity]] each. Three ways to fill it:
#   dateline kb import wikidata Q….json --kb kb/wikidata.toml   facts from Wikidata
#   dateline kb suggest --write                                 who the articles introduce
#   by hand, as in the examples below (remove the `# ` to use one).
#
# [[entity]]
# id = "nikol-pashinyan"              # how links (`kb:nikol-pashinyan`) and other entries name it
# kind = "person"                     # person, organization, place, event or other
# name = "Nikol Pashinyan"            # the spelling the corpus should use
# aliases = ["Pashinyan"]             # other correct spellings: accepted
# variants = ["Pashinian"]            # spellings to flag and replace with `name`
# xrefs = ["wikidata:Q7820"]          # annotations with this id link here
#   [[entity.role]]
#   title = "Prime Minister"
#   also = ["Armenian Prime Minister"]  # other ways news writes the title
#   of = "armenia"                    # the id of the country or body
#   from = "2018-05-08"               # a day, "2018-05" or "2018"; no `to`: still held
#
# [[entity]]
# id = "brussels-summit-2022"
# kind = "event"
# name = "Brussels summit"
# date = "2022-05-22"                 # or from/to for a span
"#;

pub fn run(args: &InitArgs) -> ExitCode {
    let dir = &args.dir;
    if let Err(err) = std::fs::create_dir_all(dir.join("kb")) {
        eprintln!("dateline: error: cannot create {}: {err}", dir.join("kb").display());
        return ExitCode::from(2);
    }
    let mut err = io::stderr().lock();
    let mut failed = false;
    for (name, text) in [("dateline.toml", CONFIG), ("kb/people.toml", PEOPLE)] {
        let path = dir.join(name);
        match create_new(&path, text) {
            Ok(true) => {
                let _ = writeln!(err, "Wrote {}.", path.display());
            }
            Ok(false) => {
                let _ = writeln!(err, "{} exists: left as it is.", path.display());
            }
            Err(error) => {
                let _ = writeln!(err, "dateline: error: cannot write {}: {error}", path.display());
                failed = true;
            }
        }
    }
    if failed {
        return ExitCode::from(2);
    }
    let _ = writeln!(
        err,
        "Next: put articles in {}, then `dateline kb suggest` and `dateline check`.",
        dir.display()
    );
    ExitCode::SUCCESS
}

/// Writes `text` to a new file at `path`; `Ok(false)` when a file is there already.
fn create_new(path: &Path, text: &str) -> io::Result<bool> {
    match std::fs::OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(mut file) => file.write_all(text.as_bytes()).and_then(|()| file.sync_all()).map(|()| true),
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => Ok(false),
        Err(error) => Err(error),
    }
}
