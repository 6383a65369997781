//! The corpus on disk: configuration, discovery of its files, reading them, and parsing
//! articles.
//!
//! Reading never fails as a whole: a file that cannot be read or decoded is kept as a
//! [`SourceText`] with a [`FileProblem`], which a `corpus/*` check reports.

pub mod article;
pub mod config;
pub mod suppression;

use std::path::{Path, PathBuf};

use globset::{GlobSet, GlobSetBuilder};

use crate::formats::Format;

pub use article::{Article, ArticleFormat, ArticleMeta, ArticleProblem, KbLink};
pub use config::{Config, ConfigError};

/// A file's index in the analysis host's file table. Stable for the life of a host: a
/// deleted file keeps its id (with no contents) so that ids in old snapshots stay valid.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct FileId(pub u32);

impl FileId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// What role a file plays in the corpus.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum FileKind {
    /// Markdown or plain text. A brat document's `.txt` is an article too: news text, whose
    /// annotated spans (read from its `.ann`) become mentions.
    Article(ArticleFormat),
    Kb,
    /// An annotation file: a brat `.ann`, a WebAnno TSV 3 `.tsv` (one that does not start
    /// with `#FORMAT=WebAnno TSV 3` is kept but not read), a CoNLL-U `.conllu`.
    Annotation(Format),
    /// A brat `annotation.conf`, declaring the types of the collection below it.
    AnnotationConfig,
}

/// The name brat gives a collection's configuration.
pub const BRAT_CONFIG_FILE: &str = "annotation.conf";

/// The files of a corpus, as discovery found them.
#[derive(Clone, Debug)]
pub struct Discovered {
    pub path: PathBuf,
    pub kind: FileKind,
    /// Set when the walk itself failed on this path (a dangling symlink, a symlink loop).
    pub problem: Option<FileProblem>,
}

/// The configured corpus directories that do not exist, so a front end can say why a
/// corpus looks empty.
pub fn missing_paths(config: &Config) -> Vec<PathBuf> {
    config
        .paths
        .iter()
        .map(|dir| config::normalize(&config.root.join(dir)))
        .filter(|dir| !dir.is_dir())
        .collect()
}

/// Compiled include/exclude/KB globs of a [`Config`], matched against root-relative paths.
#[derive(Clone, Debug)]
pub struct FileClassifier {
    root: PathBuf,
    include: GlobSet,
    exclude: GlobSet,
    kb: GlobSet,
}

impl FileClassifier {
    pub fn new(config: &Config) -> FileClassifier {
        FileClassifier {
            root: config.root.clone(),
            include: glob_set(&config.include),
            exclude: glob_set(&config.exclude),
            kb: glob_set(&config.kb),
        }
    }

    /// The kind of the file at `path`, or `None` when it is not part of the corpus.
    ///
    /// Besides what the include globs select: every `annotation.conf` (a brat collection's
    /// declarations, wherever an annotation file may need it), and the `.txt` of an included
    /// `.ann` (the text its offsets point into), unless excluded.
    pub fn classify(&self, path: &Path) -> Option<FileKind> {
        // Globs see the path relative to the root, `..` included for folders a config
        // reaches outside it (`paths = ["../shared/seeds"]`); `**` matches those too.
        let rel = config::relative_to(&self.root, path)?;
        let rel = rel.as_str();
        if self.exclude.is_match(rel) {
            return None;
        }
        if self.kb.is_match(rel) {
            return Some(FileKind::Kb);
        }
        if path.file_name().is_some_and(|name| name == BRAT_CONFIG_FILE) {
            return Some(FileKind::AnnotationConfig);
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        if self.include.is_match(rel) {
            return Some(match ext.as_str() {
                "md" | "markdown" => FileKind::Article(ArticleFormat::Markdown),
                "ann" => FileKind::Annotation(Format::Brat),
                "tsv" => FileKind::Annotation(Format::WebAnnoTsv3),
                "conllu" => FileKind::Annotation(Format::Conllu),
                _ => FileKind::Article(ArticleFormat::Text),
            });
        }
        if ext == "txt" {
            let ann = path.with_extension("ann");
            let ann_rel = config::relative_to(&self.root, &ann)?;
            if self.include.is_match(ann_rel.as_str()) && !self.exclude.is_match(ann_rel.as_str()) {
                return Some(FileKind::Article(ArticleFormat::Text));
            }
        }
        None
    }
}

fn glob_set(globs: &[String]) -> GlobSet {
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        // Invalid globs were refused when the config was parsed.
        if let Ok(glob) = globset::GlobBuilder::new(glob).literal_separator(true).build() {
            builder.add(glob);
        }
    }
    builder.build().unwrap_or_else(|_| GlobSet::empty())
}

/// Walks the corpus directories (honouring `.gitignore`, `.ignore` and hidden files the way
/// ripgrep does, without requiring a git repository) and classifies every file.
/// Sorted by path so that file ids, and therefore output order, are deterministic.
pub fn discover(config: &Config) -> Vec<Discovered> {
    let classifier = FileClassifier::new(config);
    let mut found = Vec::new();
    for dir in &config.paths {
        let dir = config::normalize(&config.root.join(dir));
        if !dir.is_dir() {
            tracing::warn!(
                "corpus path `{}` does not exist ({})",
                dir.display(),
                config.file.as_deref().map_or("default".into(), |f| f.display().to_string())
            );
            continue;
        }
        // Symlinks are followed (a KB shared between corpora is often linked in); a link
        // that leads nowhere is reported as an unreadable corpus file, not skipped silently.
        let walker = ignore::WalkBuilder::new(&dir).require_git(false).follow_links(true).build();
        for entry in walker {
            let (path, problem) = match entry {
                Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => (entry.into_path(), None),
                Ok(_) => continue,
                Err(err) => match error_path(&err) {
                    Some(path) => (
                        path.to_path_buf(),
                        Some(FileProblem::Unreadable { message: walk_message(path, &err) }),
                    ),
                    None => {
                        tracing::warn!("while walking {}: {err}", dir.display());
                        continue;
                    }
                },
            };
            let path = config::normalize(&path);
            if let Some(kind) = classifier.classify(&path) {
                found.push(Discovered { path, kind, problem });
            }
        }
    }
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found.dedup_by(|a, b| a.path == b.path);
    found
}

/// The path an error from the directory walk is about.
fn error_path(err: &ignore::Error) -> Option<&Path> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => error_path(err),
        ignore::Error::Loop { child, .. } => Some(child),
        _ => None,
    }
}

/// What went wrong at `path` during the walk, naming a dangling link's target.
fn walk_message(path: &Path, err: &ignore::Error) -> String {
    match std::fs::read_link(path) {
        Ok(target) if !path.exists() => {
            format!("it is a symbolic link to {}, which does not exist", target.display())
        }
        _ => io_message(err),
    }
}

/// The innermost message of a walk error, without the path it repeats.
fn io_message(err: &ignore::Error) -> String {
    match err {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => io_message(err),
        ignore::Error::Io(io) if io.kind() == std::io::ErrorKind::NotFound => {
            "it is a symbolic link to a file that does not exist".to_owned()
        }
        ignore::Error::Loop { ancestor, .. } => {
            format!("it is a symbolic link loop back to {}", ancestor.display())
        }
        other => other.to_string(),
    }
}

/// What reading a file from disk gave.
#[derive(Clone, Debug)]
pub struct SourceText {
    pub text: String,
    pub problem: Option<FileProblem>,
}

/// Why a file's contents are missing or not what is on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileProblem {
    Unreadable {
        message: String,
    },
    /// Not UTF-8; the text holds a lossy decoding and `offset` is where the first bad byte
    /// sits in it.
    InvalidUtf8 {
        offset: usize,
        byte: u8,
    },
    TooLarge {
        size: u64,
        limit: u64,
    },
}

/// Reads a corpus file, never failing: problems are recorded beside the (possibly empty)
/// text.
pub fn read_source(path: &Path, limit: u64) -> SourceText {
    let empty = |problem| SourceText { text: String::new(), problem: Some(problem) };
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > limit => {
            return empty(FileProblem::TooLarge { size: meta.len(), limit });
        }
        Ok(_) => {}
        Err(err) => {
            return empty(FileProblem::Unreadable { message: unreadable_message(path, &err) });
        }
    }
    match std::fs::read(path) {
        Ok(bytes) => decode(bytes),
        Err(err) => empty(FileProblem::Unreadable { message: unreadable_message(path, &err) }),
    }
}

/// Says what went wrong in words; a dangling symbolic link is named as such.
fn unreadable_message(path: &Path, err: &std::io::Error) -> String {
    if err.kind() == std::io::ErrorKind::NotFound
        && let Ok(target) = std::fs::read_link(path)
    {
        return format!("it is a symbolic link to {}, which does not exist", target.display());
    }
    err.to_string()
}

/// Bytes to text: UTF-8 as is (a leading BOM dropped), anything else decoded lossily with
/// the first bad byte recorded.
pub fn decode(bytes: Vec<u8>) -> SourceText {
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            SourceText { text, problem: None }
        }
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let byte = bytes[valid];
            let text = String::from_utf8_lossy(&bytes).into_owned();
            SourceText { text, problem: Some(FileProblem::InvalidUtf8 { offset: valid, byte }) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_kept_lossily_with_its_position() {
        let source = decode(b"ok\n\xffrest".to_vec());
        assert_eq!(source.problem, Some(FileProblem::InvalidUtf8 { offset: 3, byte: 0xff }));
        assert_eq!(source.text, "ok\n\u{fffd}rest");
        assert_eq!(decode(b"\xef\xbb\xbfhi".to_vec()).text, "hi");
    }

    #[test]
    fn discovery_honours_globs_and_gitignore() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for (path, text) in [
            ("a.md", "x"),
            ("notes/b.txt", "x"),
            ("kb/people.toml", ""),
            ("drafts/c.md", "x"),
            ("ignored.md", "x"),
            ("image.png", "x"),
            (".gitignore", "ignored.md\n"),
        ] {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let mut config = Config::defaults(root.to_path_buf());
        config.exclude = vec!["drafts/**".into()];
        let found: Vec<_> = discover(&config)
            .into_iter()
            .map(|d| (config::relative_to(root, &d.path).unwrap(), d.kind))
            .collect();
        assert_eq!(
            found,
            vec![
                ("a.md".to_owned(), FileKind::Article(ArticleFormat::Markdown)),
                ("kb/people.toml".to_owned(), FileKind::Kb),
                ("notes/b.txt".to_owned(), FileKind::Article(ArticleFormat::Text)),
            ]
        );
    }
}
