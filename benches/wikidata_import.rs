//! `cargo bench --bench wikidata_import`: `dateline kb import wikidata` on generated
//! line-delimited, gzip-compressed dumps of 100,000 and 1,000,000 entities, timed, with the
//! binary's peak memory (`/usr/bin/time -v`, "Maximum resident set size").
//!
//! Each dump holds the same 1,000 people with three positions each, the 3,000 positions
//! (after the people, so the second pass runs), and filler items (labels in three
//! languages, an alias, a `P31` that maps to nothing, an image claim), about 600 bytes a
//! line, like a real dump's smaller items. The output is the same for both sizes, so the
//! peak memory of the two runs shows whether memory grows with the input: it must not.
//!
//! Options (environment): `DATELINE_BENCH_ENTITIES` (the larger size, default 1000000).

use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

const PEOPLE: usize = 1_000;
const POSITIONS_EACH: usize = 3;

fn time(qid: &str, date: &str) -> String {
    format!(
        r#"{{"snaktype":"value","property":"P","datavalue":{{"value":{{"time":"+{date}T00:00:00Z","timezone":0,"before":0,"after":0,"precision":11,"calendarmodel":"http://www.wikidata.org/entity/Q1985727"}},"type":"time"}},"datatype":"time","hash":"{qid}"}}"#
    )
}

fn item(id: u64) -> String {
    format!(
        r#"{{"snaktype":"value","property":"P31","datavalue":{{"value":{{"entity-type":"item","numeric-id":{id},"id":"Q{id}"}},"type":"wikibase-entityid"}},"datatype":"wikibase-item"}}"#
    )
}

fn labels(name: &str) -> String {
    format!(
        r#""labels":{{"en":{{"language":"en","value":"{name}"}},"de":{{"language":"de","value":"{name} (de)"}},"fr":{{"language":"fr","value":"{name} (fr)"}}}},"descriptions":{{"en":{{"language":"en","value":"generated for a benchmark"}}}},"aliases":{{"en":[{{"language":"en","value":"{name} alias"}}]}}"#
    )
}

fn write_dump(path: &Path, entities: usize) {
    let file = std::fs::File::create(path).unwrap();
    let mut out = BufWriter::new(flate2::write::GzEncoder::new(file, flate2::Compression::fast()));
    writeln!(out, "[").unwrap();
    let positions = PEOPLE * POSITIONS_EACH;
    let filler = entities.saturating_sub(PEOPLE + positions);
    let mut first = true;
    let mut line = |out: &mut BufWriter<_>, text: String| {
        if !first {
            writeln!(out, ",").unwrap();
        }
        first = false;
        write!(out, "{text}").unwrap();
    };
    for person in 0..PEOPLE {
        let id = 10_000_000 + person;
        let p39: Vec<String> = (0..POSITIONS_EACH)
            .map(|k| {
                let position = 20_000_000 + person * POSITIONS_EACH + k;
                format!(
                    r#"{{"mainsnak":{},"type":"statement","qualifiers":{{"P580":[{}],"P582":[{}]}},"rank":"normal"}}"#,
                    item(position as u64),
                    time("a", &format!("{}-01-15", 1990 + k * 5)),
                    time("b", &format!("{}-06-30", 1994 + k * 5)),
                )
            })
            .collect();
        line(
            &mut out,
            format!(
                r#"{{"type":"item","id":"Q{id}",{},"claims":{{"P31":[{{"mainsnak":{},"type":"statement","rank":"normal"}}],"P39":[{}]}},"sitelinks":{{}}}}"#,
                labels(&format!("Person Number{person}")),
                item(5),
                p39.join(",")
            ),
        );
    }
    for n in 0..filler {
        let id = 30_000_000 + n;
        line(
            &mut out,
            format!(
                r#"{{"type":"item","id":"Q{id}",{},"claims":{{"P31":[{{"mainsnak":{},"type":"statement","rank":"normal"}}],"P18":[{{"mainsnak":{{"snaktype":"value","property":"P18","datavalue":{{"value":"Picture {n}.jpg","type":"string"}},"datatype":"commonsMedia"}},"type":"statement","rank":"normal"}}]}},"sitelinks":{{}}}}"#,
                labels(&format!("Filler thing {n}")),
                item(4_167_836)
            ),
        );
    }
    for position in 0..positions {
        let id = 20_000_000 + position;
        line(
            &mut out,
            format!(
                r#"{{"type":"item","id":"Q{id}",{},"claims":{{"P31":[{{"mainsnak":{},"type":"statement","rank":"normal"}}]}}}}"#,
                labels(&format!("Minister of Things {position}")),
                item(4_164_871)
            ),
        );
    }
    writeln!(out, "\n]").unwrap();
    out.into_inner().ok().unwrap().finish().unwrap();
}

/// Runs the import; seconds and peak resident memory in MB (when `/usr/bin/time` exists).
fn run(dump: &Path, kb: &Path) -> (f64, Option<f64>) {
    let bin = env!("CARGO_BIN_EXE_dateline");
    let timer = Path::new("/usr/bin/time").exists();
    let mut command = if timer {
        let mut command = Command::new("/usr/bin/time");
        command.arg("-v").arg(bin);
        command
    } else {
        Command::new(bin)
    };
    command.args(["kb", "import", "wikidata"]).arg(dump).arg("--kb").arg(kb);
    let started = Instant::now();
    let output = command.output().unwrap();
    let seconds = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let peak = stderr
        .lines()
        .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes): "))
        .and_then(|kb| kb.trim().parse::<f64>().ok())
        .map(|kb| kb / 1024.0);
    (seconds, peak)
}

fn main() {
    let large: usize =
        std::env::var("DATELINE_BENCH_ENTITIES").ok().and_then(|n| n.parse().ok()).unwrap_or(1_000_000);
    let dir = tempfile::tempdir().unwrap();
    println!("kb import wikidata: {PEOPLE} people with {POSITIONS_EACH} positions each, in gzip line dumps");
    for entities in [large / 10, large] {
        let dump = dir.path().join(format!("dump-{entities}.json.gz"));
        let started = Instant::now();
        write_dump(&dump, entities);
        let size = std::fs::metadata(&dump).unwrap().len() as f64 / 1e6;
        let generated = started.elapsed().as_secs_f64();
        let kb = dir.path().join(format!("kb-{entities}.toml"));
        let (seconds, peak) = run(&dump, &kb);
        let peak = peak.map_or("unknown (no /usr/bin/time)".to_owned(), |mb| format!("{mb:.1} MB"));
        println!(
            "{entities:>9} entities ({size:.1} MB gzip, generated in {generated:.1} s): {seconds:.2} s, {:.0} entities/s (two passes), peak RSS {peak}",
            entities as f64 / seconds
        );
    }
}
