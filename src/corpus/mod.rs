//! The corpus on disk: configuration, discovery of its files, reading them, and parsing
//! articles.
//!
//! Reading never fails as a whole: a file that cannot be read or decoded is kept as a
//! [`SourceText`] with a [`FileProblem`], which a `corpus/*` check reports.

pub mod article;
pub mod config;
pub mod markdown;
pub mod suppression;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use globset::{GlobSet, GlobSetBuilder};

use crate::formats::Format;

pub use article::{Article, ArticleFormat, ArticleMeta, ArticleProblem, KbLink};
pub use config::{Config, ConfigError};

/// Defined beside `Span` (a leaf module) so that the KB can name files without depending
/// on the corpus.
pub use crate::span::FileId;

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
    /// On file names, ignoring case: `README.md`, `LICENSE` are not articles.
    not_articles: GlobSet,
}

impl FileClassifier {
    pub fn new(config: &Config) -> FileClassifier {
        FileClassifier {
            root: config.root.clone(),
            include: glob_set(&config.include),
            exclude: glob_set(&config.exclude),
            kb: glob_set(&config.kb),
            not_articles: name_glob_set(&config.not_articles),
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
            if self.is_not_article(path) {
                return None;
            }
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

impl FileClassifier {
    /// Whether the file at `path` describes the corpus (`README.md`, `LICENSE`) rather than
    /// being an article: `[corpus] not_articles`.
    fn is_not_article(&self, path: &Path) -> bool {
        path.file_name().and_then(|name| name.to_str()).is_some_and(|name| self.not_articles.is_match(name))
    }

    /// Whether the exclude globs remove everything below the folder at `path`
    /// (`drafts/**` excludes `drafts`).
    pub fn excludes_folder(&self, path: &Path) -> bool {
        let Some(rel) = config::relative_to(&self.root, path) else { return false };
        // A file inside stands for the folder's contents.
        self.exclude.is_match(&rel) || self.exclude.is_match(format!("{rel}/x"))
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

/// Globs on file names, ignoring case (`readme.md` is a README too).
fn name_glob_set(globs: &[String]) -> GlobSet {
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        if let Ok(glob) = globset::GlobBuilder::new(glob).case_insensitive(true).build() {
            builder.add(glob);
        }
    }
    builder.build().unwrap_or_else(|_| GlobSet::empty())
}

/// How deep the walk goes below a corpus folder: news corpora are a few levels deep, and a
/// deeper tree is a link to somewhere else (`/`) or a loop the walker has not seen yet.
pub const MAX_WALK_DEPTH: usize = 64;

/// How many entries (files and folders, in the corpus or not) the walk visits before it
/// stops: bounds a walk that a link or a path has sent into a whole file system.
pub const MAX_WALK_ENTRIES: usize = 1_000_000;

/// Places dateline never reads, whatever the config says: their files are not documents
/// (`/proc/self/environ` holds secrets, `/dev/zero` never ends, `/sys` is huge).
const FORBIDDEN_ROOTS: &[&str] = &["/proc", "/sys", "/dev"];

/// Walks the corpus directories (honouring `.gitignore`, `.ignore` and hidden files the way
/// ripgrep does, without requiring a git repository) and classifies every file.
/// Sorted by path so that file ids, and therefore output order, are deterministic.
///
/// Symbolic links are followed inside the corpus (its root and its configured paths); a link
/// leading out of it is reported, not followed, unless `[corpus] follow_links_outside` is
/// set. Nothing under `/proc`, `/sys` or `/dev` is read, special files (FIFOs, sockets,
/// devices) are reported and never opened, and the walk stops at [`MAX_WALK_DEPTH`] and
/// [`MAX_WALK_ENTRIES`] with a finding saying so.
pub fn discover(config: &Config) -> Vec<Discovered> {
    let classifier = FileClassifier::new(config);
    let mut found = Vec::new();
    let dirs: Vec<PathBuf> =
        config.paths.iter().map(|dir| config::normalize(&config.root.join(dir))).collect();
    let inside: Arc<Vec<PathBuf>> = Arc::new(
        std::iter::once(&config.root)
            .chain(&dirs)
            .filter_map(|dir| std::fs::canonicalize(dir).ok())
            .collect(),
    );
    let visited = Arc::new(AtomicUsize::new(0));
    for dir in &dirs {
        if !dir.is_dir() {
            tracing::warn!(
                "corpus path `{}` does not exist ({})",
                dir.display(),
                config.file.as_deref().map_or("default".into(), |f| f.display().to_string())
            );
            continue;
        }
        if let Some(place) = std::fs::canonicalize(dir).ok().as_deref().and_then(forbidden_root) {
            let message = format!("this corpus folder is under {place}, which dateline never reads");
            found.push(Discovered::skipped(dir.clone(), message));
            continue;
        }
        let skipped: Arc<Mutex<Vec<Left>>> = Arc::default();
        let walker = ignore::WalkBuilder::new(dir)
            .require_git(false)
            .follow_links(true)
            .filter_entry({
                let (inside, visited, skipped) = (inside.clone(), visited.clone(), skipped.clone());
                let follow_outside = config.follow_links_outside;
                move |entry| match walk_verdict(entry, &inside, follow_outside, &visited) {
                    Ok(()) => true,
                    Err(left) => {
                        if left.message.is_some() {
                            skipped
                                .lock()
                                .unwrap_or_else(|poisoned| poisoned.into_inner())
                                .push(Left { path: Some(entry.path().to_path_buf()), ..left });
                        }
                        false
                    }
                }
            })
            .build();
        for entry in walker {
            let (path, problem) = match entry {
                Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => (entry.into_path(), None),
                Ok(entry) => match entry.file_type().and_then(special_file_kind) {
                    Some(kind) => {
                        let message = format!("it is {kind}, not a regular file: it is not read");
                        (entry.into_path(), Some(FileProblem::Skipped { message }))
                    }
                    None => continue,
                },
                Err(err) => match error_path(&err) {
                    Some(path) if path.is_dir() => {
                        // An unreadable folder hides whatever corpus files it holds: say so
                        // (unless the config excludes it).
                        let message = format!("it is a folder that cannot be listed: {}", os_message(&err));
                        if !classifier.excludes_folder(path) {
                            found.push(Discovered {
                                path: config::normalize(path),
                                kind: FileKind::Article(ArticleFormat::Text),
                                problem: Some(FileProblem::Unreadable { message }),
                            });
                        }
                        continue;
                    }
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
        let skipped = std::mem::take(&mut *skipped.lock().unwrap_or_else(|poisoned| poisoned.into_inner()));
        for left in skipped {
            let (Some(path), Some(message)) = (left.path, left.message) else { continue };
            let skip = Discovered::skipped(config::normalize(&path), message);
            // A skipped file is reported when it would have been part of the corpus; a
            // skipped folder when the config does not exclude it (it may hold corpus files).
            let kind = if left.always {
                Some(skip.kind)
            } else if skip.path.is_dir() {
                (!classifier.excludes_folder(&skip.path)).then_some(skip.kind)
            } else {
                classifier.classify(&skip.path)
            };
            if let Some(kind) = kind {
                found.push(Discovered { kind, ..skip });
            }
        }
    }
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found.dedup_by(|a, b| a.path == b.path);
    found
}

impl Discovered {
    /// An entry the walk did not enter or read on purpose. The kind is a placeholder for a
    /// folder (classified files get theirs): with a problem, nothing is parsed.
    fn skipped(path: PathBuf, message: String) -> Discovered {
        Discovered {
            path,
            kind: FileKind::Article(ArticleFormat::Text),
            problem: Some(FileProblem::Skipped { message }),
        }
    }
}

/// An entry the walk leaves out, and why.
struct Left {
    /// Set when the entry is recorded.
    path: Option<PathBuf>,
    /// What the finding says; `None` for the entries past the entry limit but the first,
    /// which are left out silently (one finding says the walk stopped).
    message: Option<String>,
    /// Reported even when it is not a corpus file: what the entry limit cut off is unknown.
    always: bool,
}

impl Left {
    fn because(message: String) -> Left {
        Left { path: None, message: Some(message), always: false }
    }
}

/// Whether the walk may enter or read `entry`; why not when not.
fn walk_verdict(
    entry: &ignore::DirEntry,
    inside: &[PathBuf],
    follow_outside: bool,
    visited: &AtomicUsize,
) -> Result<(), Left> {
    let n = visited.fetch_add(1, Ordering::Relaxed) + 1;
    if n > MAX_WALK_ENTRIES {
        let message = (n == MAX_WALK_ENTRIES + 1).then(|| format!(
            "the corpus walk stopped here, after {MAX_WALK_ENTRIES} files and folders: this and what follows are not read (is a link or a path leading to a whole file system?)"
        ));
        return Err(Left { path: None, message, always: true });
    }
    if entry.depth() > MAX_WALK_DEPTH {
        return Err(Left::because(format!(
            "nested more than {MAX_WALK_DEPTH} folders deep below the corpus folder: not read (is a link leading back up?)"
        )));
    }
    if !entry.path_is_symlink() {
        // Walking `/` itself reaches `/proc` without a link.
        return match forbidden_root(entry.path()) {
            Some(place) => Err(Left::because(format!("it is under {place}, which dateline never reads"))),
            None => Ok(()),
        };
    }
    // A dangling link or a loop is left to the walker, which reports it.
    let Ok(target) = std::fs::canonicalize(entry.path()) else { return Ok(()) };
    if let Some(place) = forbidden_root(&target) {
        return Err(Left::because(format!(
            "it is a symbolic link to {}, under {place}, which dateline never reads",
            target.display()
        )));
    }
    if !follow_outside && !inside.iter().any(|dir| target.starts_with(dir)) {
        return Err(Left::because(format!(
            "it is a symbolic link to {}, outside the corpus: not followed (set `follow_links_outside = true` in `[corpus]` to follow such links)",
            target.display()
        )));
    }
    Ok(())
}

/// Why a path named on the command line cannot be checked, if it cannot: under `/proc`,
/// `/sys` or `/dev`, a special file, or a folder that cannot be listed. (A missing path is
/// the caller's to report; an unreadable regular file becomes a finding, as in a corpus.)
pub fn unusable_target(path: &Path) -> Option<String> {
    if let Some(place) = std::fs::canonicalize(path).ok().as_deref().and_then(forbidden_root) {
        return Some(format!("it is under {place}, which dateline never reads"));
    }
    let meta = std::fs::metadata(path).ok()?;
    if meta.is_dir() {
        return std::fs::read_dir(path).err().map(|err| format!("cannot read this folder: {err}"));
    }
    special_file_kind(meta.file_type()).map(|kind| format!("it is {kind}, not a file or a folder"))
}

/// The forbidden place (`/proc`, `/sys`, `/dev`) a canonical path lies under.
fn forbidden_root(canonical: &Path) -> Option<&'static str> {
    FORBIDDEN_ROOTS.iter().copied().find(|root| canonical.starts_with(root))
}

/// What a special file is, in words; `None` for regular files, folders and links.
fn special_file_kind(file_type: std::fs::FileType) -> Option<&'static str> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return Some("a device");
        }
    }
    (!file_type.is_file() && !file_type.is_dir() && !file_type.is_symlink()).then_some("a special file")
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

/// The operating system's words for a walk error (`Permission denied (os error 13)`),
/// without the walker's wrapping that repeats the path.
fn os_message(err: &ignore::Error) -> String {
    // The walker wraps the system's error in its own, inside an `io::Error`.
    let mut cause: Option<&(dyn std::error::Error + 'static)> =
        err.io_error().map(|io| io as &(dyn std::error::Error + 'static));
    while let Some(error) = cause {
        if let Some(code) = error.downcast_ref::<std::io::Error>().and_then(std::io::Error::raw_os_error) {
            return std::io::Error::from_raw_os_error(code).to_string();
        }
        cause = error
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
            .map(|inner| inner as _)
            .or_else(|| error.source());
    }
    io_message(err)
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
    /// Not read on purpose: a link out of the corpus, a special file, a place dateline never
    /// reads, or past the walk's limits. The message says which.
    Skipped {
        message: String,
    },
}

impl FileProblem {
    /// Whether the text is missing (nothing was read), rather than read with a flaw.
    pub fn is_unread(&self) -> bool {
        matches!(
            self,
            FileProblem::Unreadable { .. } | FileProblem::TooLarge { .. } | FileProblem::Skipped { .. }
        )
    }
}

/// Reads a corpus file, never failing: problems are recorded beside the (possibly empty)
/// text. Reads at most `limit + 1` bytes (a file that grows, or a `/proc` file whose size
/// says 0, cannot make it read more), never opens a special file, and never reads under
/// `/proc`, `/sys` or `/dev`.
pub fn read_source(path: &Path, limit: u64) -> SourceText {
    use std::io::Read;
    let empty = |problem| SourceText { text: String::new(), problem: Some(problem) };
    let unreadable =
        |err: &std::io::Error| empty(FileProblem::Unreadable { message: unreadable_message(path, err) });
    // The size the file says it has: the text is read into exactly that much (plus the one
    // byte that tells it grew), not into a buffer grown in 8 KB steps; held for every
    // article of an archive, that slack was a third of the texts' size.
    let expected = match std::fs::metadata(path) {
        Ok(meta) if meta.len() > limit => return empty(FileProblem::TooLarge { size: meta.len(), limit }),
        Ok(meta) if !meta.is_file() => {
            let kind = special_file_kind(meta.file_type()).unwrap_or("a folder");
            return empty(FileProblem::Skipped {
                message: format!("it is {kind}, not a regular file: it is not read"),
            });
        }
        Ok(meta) => meta.len(),
        Err(err) => return unreadable(&err),
    };
    if let Some(place) = std::fs::canonicalize(path).ok().as_deref().and_then(forbidden_root) {
        return empty(FileProblem::Skipped {
            message: format!("it is under {place}, which dateline never reads"),
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(expected.saturating_add(1)).unwrap_or(0));
    let read =
        std::fs::File::open(path).and_then(|file| file.take(limit.saturating_add(1)).read_to_end(&mut bytes));
    match read {
        Ok(n) if n as u64 > limit => empty(FileProblem::TooLarge { size: n as u64, limit }),
        Ok(_) => {
            // A file that changed size while read may have left room to spare.
            bytes.shrink_to_fit();
            decode(bytes)
        }
        Err(err) => unreadable(&err),
    }
}

/// Reads `input` (standard input) with the limit [`read_source`] puts on a file: its bytes,
/// or, over `limit`, the [`FileProblem::TooLarge`] a file of that size gets. At most
/// `limit + 1` bytes are kept; the rest is counted, not stored.
pub fn read_limited(
    input: &mut dyn std::io::Read,
    limit: u64,
) -> std::io::Result<Result<Vec<u8>, FileProblem>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    (&mut *input).take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        let rest = std::io::copy(input, &mut std::io::sink())?;
        return Ok(Err(FileProblem::TooLarge { size: bytes.len() as u64 + rest, limit }));
    }
    Ok(Ok(bytes))
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

    #[test]
    fn corpus_readmes_and_licences_are_not_articles_unless_configured() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for path in ["a.md", "README.md", "sub/Sources.md", "LICENSE", "licence.txt", "notes.md"] {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let mut config = Config::defaults(root.to_path_buf());
        config.include.push("**/LICENSE".into());
        let names = |config: &Config| -> Vec<String> {
            discover(config).into_iter().map(|d| config::relative_to(root, &d.path).unwrap()).collect()
        };
        assert_eq!(names(&config), ["a.md", "notes.md"]);
        config.not_articles = Vec::new();
        assert_eq!(
            names(&config),
            ["LICENSE", "README.md", "a.md", "licence.txt", "notes.md", "sub/Sources.md"]
        );
    }
}
