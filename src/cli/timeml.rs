//! `dateline timeml`: tag TimeML documents with our TIMEX3s and score them (TempEval-3).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Subcommand;

use crate::dates::evaluate::{self, DocumentResult};
use crate::dates::score::Scores;
use crate::dates::timeml::Document;
use crate::dates::{DateLanguage, tag};

#[derive(Subcommand, Debug)]
pub enum TimemlCommand {
    /// Tag TimeML documents (.tml or .TE3input): the TEXT gets our TIMEX3s, any existing
    /// tags in it are dropped
    Tag {
        /// TimeML files to tag
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Write each tagged document there under its file name (default: stdout)
        #[arg(long)]
        out_dir: Option<PathBuf>,
    },
    /// Score system TimeML documents against gold ones (TempEval-3 task A, timexes)
    Score {
        /// Directory of gold .tml documents
        #[arg(long)]
        gold: PathBuf,
        /// Directory of system documents, paired with the gold ones by DOCID
        #[arg(long)]
        system: PathBuf,
        /// Print the scores as JSON
        #[arg(long)]
        json: bool,
    },
    /// Tag every gold document of a directory and score the tagger against it
    Eval {
        /// Directory of gold documents, searched recursively: TimeML (.tml), token-per-line
        /// BIO (.tsv, as MEANTIME), or brat (.ann beside .txt: DATE and TIME entities)
        #[arg(long)]
        data: PathBuf,
        /// The documents' language, as an ISO 639-1 code: en, ru, tr, fr, es, de
        #[arg(long, default_value = "en")]
        lang: String,
        /// Print the scores as JSON
        #[arg(long)]
        json: bool,
        /// List every missed, spurious and wrongly valued timex, with context
        #[arg(long)]
        errors: bool,
    },
}

pub fn run(command: TimemlCommand) -> ExitCode {
    let result = match command {
        TimemlCommand::Tag { files, out_dir } => tag_files(&files, out_dir.as_deref()),
        TimemlCommand::Score { gold, system, json } => score(&gold, &system, json),
        TimemlCommand::Eval { data, json, errors, lang } => eval(&data, &lang, json, errors),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn tag_files(files: &[PathBuf], out_dir: Option<&Path>) -> Result<()> {
    if let Some(dir) = out_dir {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let stdout = std::io::stdout();
    for path in files {
        let doc = Document::read(path)?;
        let tagged = doc.write_tagged(&tag(&doc.text, &doc.tag_context()));
        match out_dir {
            Some(dir) => {
                let name = path.file_name().context("input path has no file name")?;
                let out = dir.join(name);
                std::fs::write(&out, tagged).with_context(|| format!("writing {}", out.display()))?;
            }
            None => stdout.lock().write_all(tagged.as_bytes())?,
        }
    }
    Ok(())
}

fn print_scores(scores: &Scores, json: bool) -> Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(&scores_json(scores))?);
    } else {
        print!("{}", scores.table());
    }
    Ok(())
}

fn score(gold: &Path, system: &Path, json: bool) -> Result<()> {
    let (scores, warnings) = evaluate::score_dirs(gold, system)?;
    for w in warnings {
        eprintln!("warning: {w}");
    }
    print_scores(&scores, json)
}

fn eval(data: &Path, lang: &str, json: bool, errors: bool) -> Result<()> {
    let Some(language) = DateLanguage::from_code(lang) else {
        anyhow::bail!("no date words for `{lang}`: dateline reads {}", DateLanguage::names());
    };
    let evaluation = evaluate::evaluate_dir(data, language)?;
    if errors {
        for r in &evaluation.results {
            print_errors(r, evaluation.format.has_values());
        }
    }
    if !evaluation.format.has_values() {
        eprintln!("note: the gold spans carry no values (brat entities): only the span figures apply");
    }
    print_scores(&evaluation.scores, json)
}

/// One line per error: the document, the kind of error, gold and system span/type/value,
/// and a little context.
fn print_errors(r: &DocumentResult, has_values: bool) {
    let text = &r.document.text;
    let name = r.path.file_name().and_then(|n| n.to_str()).unwrap_or("?");
    let dct = r.document.dct.map(|d| d.to_string()).unwrap_or_default();
    let context = |span: crate::span::Span| {
        let start = crate::span::floor_char_boundary(text, (span.start as usize).saturating_sub(40));
        let end = crate::span::floor_char_boundary(text, (span.end as usize + 40).min(text.len()));
        let before = &text[start..span.start as usize];
        let inside = &text[span.range()];
        let after = &text[span.end as usize..end];
        format!("{}[{}]{}", before, inside, after).replace('\n', " ")
    };
    let show = |t: &crate::dates::timeml::TimexAnnotation| {
        format!("{:?} {} {}", &text[t.span.range()], t.kind, t.value)
    };
    for pair in &r.comparison.pairs {
        let (g, s) = (&r.document.timexes[pair.gold], &r.system[pair.system]);
        let tag = match (g.span == s.span, !has_values || g.value == s.value, !has_values || g.kind == s.kind)
        {
            (true, true, true) => continue,
            (false, true, true) => "EXTENT",
            (_, false, _) => "VALUE",
            (_, true, false) => "TYPE",
        };
        println!("{tag}\t{name}\t{dct}\tgold {}\tsys {}\t{}", show(g), show(s), context(g.span));
    }
    for &g in &r.comparison.missed {
        let g = &r.document.timexes[g];
        println!("MISSED\t{name}\t{dct}\tgold {}\t\t{}", show(g), context(g.span));
    }
    for &s in &r.comparison.spurious {
        let s = &r.system[s];
        println!("SPURIOUS\t{name}\t{dct}\t\tsys {}\t{}", show(s), context(s.span));
    }
}

/// The wire shape of `--json` scores (core types stay free of serde).
fn scores_json(scores: &Scores) -> serde_json::Value {
    let prf = |p: &crate::dates::score::Prf| serde_json::json!({"precision": p.precision, "recall": p.recall, "f1": p.f1});
    let c = &scores.counts;
    serde_json::json!({
        "counts": {"gold": c.gold, "system": c.system, "strict": c.strict, "relaxed": c.relaxed, "value": c.value, "kind": c.kind},
        "strict": prf(&scores.strict),
        "relaxed": prf(&scores.relaxed),
        "value_accuracy": scores.value_accuracy,
        "type_accuracy": scores.type_accuracy,
        "value_f1": scores.value_f1,
        "type_f1": scores.type_f1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const INPUT: &str = r#"<?xml version="1.0" ?>
<TimeML>
<DOCID>cli_test</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2021-11-17" temporalFunction="false" functionInDocument="CREATION_TIME">November 17, 2021</TIMEX3></DCT>
<TEXT>
The ministry said on Wednesday that the 44-day war ended on Nov. 10, 2020 &amp; talks resumed.
</TEXT>
</TimeML>
"#;

    #[test]
    fn tag_writes_documents_that_score_against_themselves() {
        let dir = tempfile::tempdir().unwrap();
        let in_dir = dir.path().join("in");
        std::fs::create_dir(&in_dir).unwrap();
        let input = in_dir.join("doc.tml.TE3input");
        std::fs::write(&input, INPUT).unwrap();
        let out_dir = dir.path().join("out");
        tag_files(std::slice::from_ref(&input), Some(&out_dir)).unwrap();
        let written = std::fs::read_to_string(out_dir.join("doc.tml.TE3input")).unwrap();
        assert!(
            written.contains(r#"<TIMEX3 tid="t1" type="DATE" value="2021-11-17">Wednesday</TIMEX3>"#),
            "{written}"
        );
        assert!(written.contains(r#"<TIMEX3 tid="t2" type="DURATION" value="P44D">44-day</TIMEX3>"#));
        assert!(written.contains(
            r#"<TIMEX3 tid="t3" type="DATE" value="2020-11-10">Nov. 10, 2020</TIMEX3> &amp; talks"#
        ));
        // The tagged output as gold, the same output as system: perfect scores.
        let (scores, warnings) = evaluate::score_dirs(&out_dir, &out_dir).unwrap();
        assert!(warnings.is_empty());
        assert_eq!(scores.counts.gold, 3);
        assert_eq!(scores.strict.f1, 1.0);
        assert_eq!(scores.value_f1, 1.0);
        // Against the untagged input as system: nothing found.
        let (scores, _) = evaluate::score_dirs(&out_dir, &in_dir).unwrap();
        assert_eq!(scores.relaxed.recall, 0.0);
    }

    #[test]
    fn errors_are_reported_not_panicked() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.tml");
        assert!(tag_files(&[missing], None).is_err());
        assert!(eval(dir.path(), "en", false, false).is_err(), "an empty directory has nothing to score");
        let bad = dir.path().join("bad.tml");
        std::fs::write(&bad, "<TimeML><DCT/></TimeML>").unwrap();
        assert!(tag_files(&[bad], None).is_err());
    }
}
