//! Reading Wikidata entity JSON from a file, in every form users have it, one entity at a
//! time so that a dump of any size is read in constant memory:
//!
//! - a `Special:EntityData/Q….json` or `wbgetentities` answer, `{"entities": {...}}`;
//! - a bare entity object, compact or pretty-printed;
//! - a line-delimited dump: one entity per line, with or without the `[` / `,` / `]`
//!   framing of the official JSON dumps (`wikibase-dump-filter` writes it without);
//!
//! each plain or gzip-compressed (told by the file's first bytes, not its name).
//!
//! A file whose first line is a whole JSON value is read line by line; otherwise it is one
//! JSON document (a pretty-printed entity), parsed as a stream.

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use flate2::read::MultiGzDecoder;
use serde::Deserialize;

use super::json::RawEntity;

/// Why a file could not be read; the import stops and writes nothing.
#[derive(Debug)]
pub struct ReadError {
    pub path: PathBuf,
    /// 1-based line and column, when the error is at a place in the (decompressed) text.
    pub line: Option<u64>,
    pub column: Option<u64>,
    pub message: String,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ReadError {}

/// How a file was framed, for the summary.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Framing {
    /// One JSON document (a wrapper or an entity).
    Document,
    /// One entity (or wrapper) per line.
    Lines,
}

/// What reading one file found.
#[derive(Clone, Copy, Debug)]
pub struct FileSummary {
    pub gzip: bool,
    pub framing: Framing,
    pub entities: u64,
}

/// Calls `sink` with every entity in the file at `path`, in file order.
pub fn read_entities(path: &Path, sink: &mut dyn FnMut(RawEntity)) -> Result<FileSummary, ReadError> {
    let error = |line: Option<u64>, message: String| ReadError {
        path: path.to_path_buf(),
        line,
        column: None,
        message,
    };
    let file = File::open(path).map_err(|err| error(None, format!("cannot open: {err}")))?;
    let mut raw = BufReader::with_capacity(1 << 16, file);
    let magic = raw.fill_buf().map_err(|err| error(None, format!("cannot read: {err}")))?;
    let gzip = magic.starts_with(&[0x1f, 0x8b]);
    if magic.starts_with(b"BZh") {
        return Err(error(
            None,
            "is bzip2-compressed, which dateline does not read: decompress it (bunzip2 -k) or use the .json.gz dump".to_owned(),
        ));
    }
    let mut reader: Box<dyn BufRead> = if gzip {
        Box::new(BufReader::with_capacity(1 << 16, MultiGzDecoder::new(raw)))
    } else {
        Box::new(raw)
    };
    let io_error = |line: u64, err: io::Error| {
        let message = if gzip {
            format!("the gzip data is truncated or corrupt after line {line}: {err}")
        } else {
            format!("cannot read after line {line}: {err}")
        };
        error(Some(line + 1), message)
    };

    // The lines up to the first that is not blank decide the framing.
    let mut head: Vec<u8> = Vec::new();
    let mut line_no: u64 = 0;
    let mut first_start;
    loop {
        first_start = head.len();
        let read = reader.read_until(b'\n', &mut head).map_err(|err| io_error(line_no, err))?;
        if read == 0 {
            return Err(error(None, "is empty: expected Wikidata entity JSON".to_owned()));
        }
        line_no += 1;
        if !head[first_start..].trim_ascii().is_empty() {
            break;
        }
    }
    let first = head[first_start..].trim_ascii();
    let mut summary = FileSummary { gzip, framing: Framing::Lines, entities: 0 };
    let mut emit = |doc: RawEntity, summary: &mut FileSummary| match doc.wrapped {
        Some(entities) => {
            for entity in entities {
                summary.entities += 1;
                sink(entity);
            }
        }
        None => {
            summary.entities += 1;
            sink(doc);
        }
    };
    let framed_start = first == b"[";
    if !framed_start {
        match serde_json::from_slice::<RawEntity>(strip_comma(first)) {
            Ok(doc) => emit(doc, &mut summary),
            // An incomplete first line: one document over many lines.
            Err(err) if err.is_eof() => {
                summary.framing = Framing::Document;
                let whole = io::Cursor::new(head).chain(reader);
                let mut de = serde_json::Deserializer::from_reader(whole);
                let doc = RawEntity::deserialize(&mut de).and_then(|doc| de.end().map(|()| doc));
                let doc = doc.map_err(|err| json_error(path, 0, &err, gzip))?;
                emit(doc, &mut summary);
                return Ok(summary);
            }
            Err(err) => return Err(json_error(path, line_no - 1, &err, gzip)),
        }
    }
    let mut line = Vec::new();
    let mut closed = false;
    loop {
        line.clear();
        let read = reader.read_until(b'\n', &mut line).map_err(|err| io_error(line_no, err))?;
        if read == 0 {
            break;
        }
        line_no += 1;
        let text = line.trim_ascii();
        if text.is_empty() {
            continue;
        }
        if closed {
            return Err(error(Some(line_no), "text after the closing `]` of the dump".to_owned()));
        }
        if text == b"]" && framed_start {
            closed = true;
            continue;
        }
        let doc = serde_json::from_slice::<RawEntity>(strip_comma(text))
            .map_err(|err| json_error(path, line_no - 1, &err, gzip))?;
        emit(doc, &mut summary);
    }
    if framed_start && !closed {
        return Err(error(
            Some(line_no),
            "the dump ends without its closing `]`: the file is probably truncated".to_owned(),
        ));
    }
    Ok(summary)
}

/// A dump line without the `,` that separates it from the next.
fn strip_comma(line: &[u8]) -> &[u8] {
    line.strip_suffix(b",").unwrap_or(line).trim_ascii_end()
}

/// A JSON error at its place in the file; `lines_before` is the number of lines before the
/// text that was parsed.
fn json_error(path: &Path, lines_before: u64, err: &serde_json::Error, gzip: bool) -> ReadError {
    if err.is_io() {
        let what = if gzip { "the gzip data is truncated or corrupt" } else { "cannot read" };
        return ReadError {
            path: path.to_path_buf(),
            line: None,
            column: None,
            message: format!("{what}: {err}"),
        };
    }
    // serde_json appends " at line L column C"; the place goes in front instead.
    let message = err.to_string();
    let message = message.rsplit_once(" at line ").map_or(message.as_str(), |(m, _)| m).to_owned();
    let message = match err.classify() {
        serde_json::error::Category::Eof => {
            format!("the JSON ends too early ({message}): the file is probably truncated")
        }
        serde_json::error::Category::Syntax => format!("invalid JSON: {message}"),
        _ => format!("not Wikidata entity JSON: {message}"),
    };
    ReadError {
        path: path.to_path_buf(),
        line: Some(lines_before + err.line() as u64),
        column: Some(err.column() as u64),
        message,
    }
}
