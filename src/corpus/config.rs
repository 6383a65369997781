//! `dateline.toml`: where the corpus is, what belongs to it, and how to check it.
//!
//! Raw TOML structs (`Raw*`) hold what the user wrote; [`Config`] is the resolved form the
//! rest of dateline reads. A broken config is an error for `check` (exit 2) and a diagnostic
//! on `dateline.toml` for `serve` (published after each index), which then runs with
//! defaults: all of them for a file it cannot read, only default checks for a `[checks]`
//! it cannot resolve.
//!
//! `[checks]` is kept as typed ([`ChecksConfig`], each value with where it was written):
//! what the codes mean is for `checks::selection::Policy` to resolve, so that the
//! configuration sits below the checks and knows none of them.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::dates::PartialDate;
use crate::span::{LineCol, LineIndex, Span};
use crate::text::language::Language;

pub const CONFIG_FILE: &str = "dateline.toml";

/// Files larger than this are reported and not analysed: news articles are kilobytes, and a
/// 50 MB "article" is almost always a stray dump that would stall an editor.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// Articles (Markdown, plain text) and annotation files (brat `.ann`, WebAnno TSV 3, CoNLL-U).
pub const DEFAULT_INCLUDE: &[&str] =
    &["**/*.md", "**/*.markdown", "**/*.txt", "**/*.ann", "**/*.tsv", "**/*.conllu"];

/// Files in a corpus folder that describe the corpus rather than report news: not
/// articles, whatever their extension (or none). Matched against the file name, ignoring case.
pub const DEFAULT_NOT_ARTICLES: &[&str] = &[
    "README",
    "README.*",
    "SOURCES",
    "SOURCES.*",
    "LICENSE",
    "LICENSE.*",
    "LICENCE",
    "LICENCE.*",
    "COPYING",
    "COPYING.*",
    "CHANGELOG",
    "CHANGELOG.*",
    "CONTRIBUTING",
    "CONTRIBUTING.*",
    "CODE_OF_CONDUCT",
    "CODE_OF_CONDUCT.*",
    "AUTHORS",
    "AUTHORS.*",
    "NOTICE",
    "NOTICE.*",
];

/// The resolved configuration of one corpus.
#[derive(Clone, Debug)]
pub struct Config {
    /// The corpus root: the directory holding `dateline.toml`, or the directory checked.
    pub root: PathBuf,
    /// The `dateline.toml` this came from, if any.
    pub file: Option<PathBuf>,
    /// Directories to walk, relative to `root` (default: the root itself).
    pub paths: Vec<String>,
    /// Globs (relative to the root) selecting articles.
    pub include: Vec<String>,
    /// Globs (relative to the root) removing files from the corpus.
    pub exclude: Vec<String>,
    /// Globs (relative to the root) selecting knowledge-base TOML files.
    pub kb: Vec<String>,
    /// Globs on file names (case-insensitive) of files that are not articles (`README.md`,
    /// `LICENSE`): left out of the corpus like `exclude`d files. `[]` checks them.
    pub not_articles: Vec<String>,
    pub max_file_size: u64,
    /// `[corpus] lang`: the language of articles that do not say theirs (else detected).
    pub lang: Option<Language>,
    /// Whether symbolic links leading out of the corpus (its root and `paths`) are followed.
    /// Off by default: a link in a checked-out corpus to `/etc/shadow` or `~/.ssh` must not
    /// end up in a CI log.
    pub follow_links_outside: bool,
    /// Metadata for articles that cannot carry front matter, keyed by normalized path
    /// relative to the root.
    pub articles: BTreeMap<String, ArticleMetaConfig>,
    pub checks: ChecksConfig,
    pub names: NamesConfig,
    /// `[agreement]`: the folders of annotators who labelled the same documents.
    pub agreement: Option<AgreementConfig>,
}

/// `[agreement]`: folders (relative to the root) holding each annotator's version of the same
/// documents, and the curated copy, where a document's versions are compared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgreementConfig {
    /// Normalized, `/`-separated, without a trailing `/`; at least two.
    pub annotators: Vec<String>,
    pub curated: Option<String>,
}

/// Whose version of a document an annotation file is, under `[agreement]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum VersionOf {
    /// The annotator of this index in [`AgreementConfig::annotators`].
    Annotator(usize),
    Curated,
}

impl AgreementConfig {
    /// Whose version the file at `rel` (relative to the root) is, and the document's name
    /// (its path inside that folder); `None` outside the folders.
    pub fn version_of<'a>(&self, rel: &'a str) -> Option<(VersionOf, &'a str)> {
        let inside =
            |folder: &str| rel.strip_prefix(folder)?.strip_prefix('/').filter(|name| !name.is_empty());
        self.annotators
            .iter()
            .enumerate()
            .find_map(|(i, folder)| Some((VersionOf::Annotator(i), inside(folder)?)))
            .or_else(|| Some((VersionOf::Curated, inside(self.curated.as_deref()?)?)))
    }
}

/// `[names]`: the corpus's house style for names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NamesConfig {
    pub house_style: HouseStyle,
    pub consistency: ConsistencyScope,
}

/// How names with diacritics are written in this corpus.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HouseStyle {
    /// As the KB writes them: `Erdoğan`, `Yaşar Güler`.
    #[default]
    Diacritics,
    /// Plain ASCII: `Erdogan`, `Yasar Guler`.
    Ascii,
}

/// Where one entity must be spelled one way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConsistencyScope {
    /// Within each article.
    #[default]
    Article,
    /// Across the whole corpus.
    Corpus,
}

/// Metadata given in `dateline.toml` for a plain-text article.
#[derive(Clone, Debug, Default)]
pub struct ArticleMetaConfig {
    pub title: Option<String>,
    pub lang: Option<Language>,
    pub date: Option<PartialDate>,
    pub source: Option<String>,
    pub url: Option<String>,
}

/// A value from `dateline.toml` with where it was written, for messages about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Setting<T> {
    pub value: T,
    /// Byte span in the config file.
    pub span: Span,
    pub position: LineCol,
}

/// `[checks]` as the user wrote it: which checks run where, at what severity, and what
/// fails a `check` run. The codes are not interpreted here: `checks::selection::Policy`
/// resolves them (and reports unknown ones at their place in the file).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChecksConfig {
    /// `select`, when given: replaces the default (everything).
    pub select: Option<Vec<Setting<String>>>,
    pub extend_select: Vec<Setting<String>>,
    pub ignore: Vec<Setting<String>>,
    /// `per-file-ignores`: a glob (valid, checked when parsed) and the codes it turns off.
    pub per_file_ignores: Vec<(String, Vec<Setting<String>>)>,
    /// `fail-on`, as written.
    pub fail_on: Option<Setting<String>>,
    /// `[checks.severity]`: code or prefix -> level as written (`off` included).
    pub severity: Vec<(String, Setting<String>)>,
}

impl Config {
    /// Defaults for a corpus rooted at `root` without a `dateline.toml`.
    pub fn defaults(root: PathBuf) -> Config {
        Config {
            root,
            file: None,
            paths: vec![".".to_owned()],
            include: DEFAULT_INCLUDE.iter().map(|glob| (*glob).to_owned()).collect(),
            exclude: Vec::new(),
            kb: vec!["kb/**/*.toml".into()],
            not_articles: DEFAULT_NOT_ARTICLES.iter().map(|glob| (*glob).to_owned()).collect(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            lang: None,
            follow_links_outside: false,
            articles: BTreeMap::new(),
            checks: ChecksConfig::default(),
            names: NamesConfig::default(),
            agreement: None,
        }
    }

    /// Under `[agreement]`: whose version of which document the file at `path` is.
    pub fn agreement_version(&self, path: &Path) -> Option<(VersionOf, String)> {
        let rel = relative_to(&self.root, path)?;
        let (whose, name) = self.agreement.as_ref()?.version_of(&rel)?;
        Some((whose, name.to_owned()))
    }

    /// Parses `dateline.toml` text for a corpus rooted at `root`.
    pub fn parse(root: PathBuf, file: PathBuf, text: &str) -> Result<Config, ConfigError> {
        Config::parse_inner(root, file, text).map_err(|mut err| {
            err.position =
                err.span.map(|span| crate::span::LineIndex::new(text).line_col(text, span.start as usize));
            err
        })
    }

    fn parse_inner(root: PathBuf, file: PathBuf, text: &str) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|err| ConfigError::from_toml(&file, &err))?;
        let mut config = Config::defaults(root);
        config.file = Some(file.clone());
        let corpus = raw.corpus.unwrap_or_default();
        if let Some(paths) = corpus.paths {
            config.paths = paths;
        }
        if let Some(include) = corpus.include {
            config.include = include;
        }
        config.exclude = corpus.exclude.unwrap_or_default();
        if let Some(kb) = corpus.kb {
            config.kb = kb;
        }
        if let Some(not_articles) = corpus.not_articles {
            config.not_articles = not_articles;
        }
        if let Some(size) = corpus.max_file_size {
            config.max_file_size = size;
        }
        if let Some(lang) = corpus.lang {
            config.lang = Some(parse_language(&file, &lang, "the corpus")?);
        }
        if let Some(follow) = corpus.follow_links_outside {
            config.follow_links_outside = follow;
        }
        for glob in config.include.iter().chain(&config.exclude).chain(&config.kb).chain(&config.not_articles)
        {
            globset::Glob::new(glob).map_err(|err| ConfigError {
                position: None,
                file: Some(file.clone()),
                span: None,
                message: format!("invalid glob `{glob}`: {}", err.kind()),
            })?;
        }
        for (path, meta) in raw.articles {
            let date = match meta.date {
                None => None,
                Some(date) => Some(PartialDate::parse(&date.value).map_err(|err| ConfigError {
                    position: None,
                    file: Some(file.clone()),
                    span: Some(date.span),
                    message: format!("invalid date for article `{path}`: {err}"),
                })?),
            };
            let lang = match meta.lang {
                None => None,
                Some(lang) => Some(parse_language(&file, &lang, &format!("article `{path}`"))?),
            };
            let meta =
                ArticleMetaConfig { title: meta.title, lang, date, source: meta.source, url: meta.url };
            config.articles.insert(normalize_rel_path(&path), meta);
        }
        config.names = NamesConfig {
            house_style: raw.names.house_style.unwrap_or_default(),
            consistency: raw.names.consistency.unwrap_or_default(),
        };
        config.checks = raw.checks.into_config(&file, text)?;
        if let Some(agreement) = raw.agreement {
            config.agreement = Some(agreement.resolve(&file)?);
        }
        Ok(config)
    }

    /// Finds the corpus for `path`: the nearest ancestor (or `path` itself) holding
    /// `dateline.toml`, else `path` (or its directory, for a file) with defaults.
    pub fn discover(path: &Path) -> Result<Config, ConfigError> {
        let start = if path.is_file() { path.parent().unwrap_or(path) } else { path };
        let start = absolute(start);
        for dir in start.ancestors() {
            let candidate = dir.join(CONFIG_FILE);
            if candidate.is_file() {
                let text = std::fs::read_to_string(&candidate).map_err(|err| ConfigError {
                    position: None,
                    file: Some(candidate.clone()),
                    span: None,
                    message: format!("cannot read: {err}"),
                })?;
                return Config::parse(dir.to_path_buf(), candidate, &text);
            }
        }
        Ok(Config::defaults(start))
    }

    /// Metadata from `[articles."<path>"]` for the file at `path`, if the config has some.
    pub fn article_meta(&self, path: &Path) -> Option<&ArticleMetaConfig> {
        let rel = relative_to(&self.root, path)?;
        self.articles.get(&rel)
    }
}

/// A configuration that cannot be used; `check` exits with 2 on one.
#[derive(Clone, Debug)]
pub struct ConfigError {
    pub file: Option<PathBuf>,
    /// Byte span in the config file, when known.
    pub span: Option<Span>,
    /// The span's start as line and column, for messages.
    pub position: Option<crate::span::LineCol>,
    pub message: String,
}

impl ConfigError {
    fn from_toml(file: &Path, err: &toml::de::Error) -> ConfigError {
        ConfigError {
            position: None,
            file: Some(file.to_path_buf()),
            span: err.span().map(Span::from),
            message: err.message().trim().to_owned(),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.file, self.position) {
            (Some(file), Some(at)) => {
                write!(f, "{}:{}:{}: {}", file.display(), at.line, at.col, self.message)
            }
            (Some(file), None) => write!(f, "{}: {}", file.display(), self.message),
            (None, _) => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// `path` made absolute and lexically normalized, without touching the file system
/// (symlinks are kept as the user named them).
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    normalize(&joined)
}

/// Lexical normalization: drops `.` and folds `..` into its parent.
pub fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                // `..` cancels a normal component; above the start (or the root) it stays.
                match out.components().next_back() {
                    Some(Component::Normal(_)) => {
                        out.pop();
                    }
                    Some(Component::RootDir | Component::Prefix(_)) => {}
                    _ => out.push(".."),
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// `path` relative to `root` with `/` separators, lexically, climbing with `..` when `path`
/// lies outside `root` (configs may reach sibling folders such as `../shared/seeds`).
pub fn relative_to(root: &Path, path: &Path) -> Option<String> {
    let root = normalize(root);
    let path = normalize(path);
    let root_parts: Vec<_> = root.components().collect();
    let path_parts: Vec<_> = path.components().collect();
    let common = root_parts.iter().zip(&path_parts).take_while(|(a, b)| a == b).count();
    if common == 0 && root.is_absolute() != path.is_absolute() {
        return None;
    }
    let mut parts: Vec<String> = vec!["..".to_owned(); root_parts.len() - common];
    parts.extend(path_parts[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()));
    Some(parts.join("/"))
}

/// A `lang` value of `dateline.toml`, or an error at its place.
fn parse_language(file: &Path, written: &Spanned<String>, whose: &str) -> Result<Language, ConfigError> {
    Language::parse(written.get_ref()).ok_or_else(|| ConfigError {
        position: None,
        file: Some(file.to_path_buf()),
        span: Some(Span::new(written.span().start, written.span().end)),
        message: format!(
            "unknown language `{}` for {whose}: write an ISO 639 code such as `en`, `ru` or `tr`",
            written.get_ref()
        ),
    })
}

fn normalize_rel_path(path: &str) -> String {
    let normalized = normalize(Path::new(path));
    normalized
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    corpus: Option<RawCorpus>,
    #[serde(default)]
    articles: BTreeMap<String, RawArticleMeta>,
    #[serde(default)]
    checks: RawChecks,
    #[serde(default)]
    names: RawNames,
    agreement: Option<RawAgreement>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAgreement {
    annotators: Spanned<Vec<String>>,
    curated: Option<String>,
}

impl RawAgreement {
    fn resolve(self, file: &Path) -> Result<AgreementConfig, ConfigError> {
        let folder = |written: &str| normalize_rel_path(written).trim_end_matches('/').to_owned();
        let span = self.annotators.span();
        let span = Span::new(span.start, span.end);
        let annotators: Vec<String> = self.annotators.into_inner().iter().map(|a| folder(a)).collect();
        let curated = self.curated.as_deref().map(folder);
        let mut all: Vec<&String> = annotators.iter().chain(&curated).collect();
        all.sort();
        all.dedup();
        let message = if annotators.len() < 2 {
            Some("`[agreement] annotators` needs at least two folders to compare".to_owned())
        } else if all.len() < annotators.len() + usize::from(curated.is_some()) {
            Some(
                "`[agreement]` names a folder twice: each annotator and the curated copy need their own"
                    .to_owned(),
            )
        } else if all.iter().any(|f| f.is_empty() || *f == "." || f.starts_with("..")) {
            Some("`[agreement]` folders are folders inside the corpus, such as `annotator-a`".to_owned())
        } else {
            None
        };
        match message {
            Some(message) => {
                Err(ConfigError { position: None, file: Some(file.to_path_buf()), span: Some(span), message })
            }
            None => Ok(AgreementConfig { annotators, curated }),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawNames {
    house_style: Option<HouseStyle>,
    consistency: Option<ConsistencyScope>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawCorpus {
    paths: Option<Vec<String>>,
    include: Option<Vec<String>>,
    exclude: Option<Vec<String>>,
    kb: Option<Vec<String>>,
    #[serde(alias = "not-articles")]
    not_articles: Option<Vec<String>>,
    max_file_size: Option<u64>,
    #[serde(alias = "follow-links-outside")]
    follow_links_outside: Option<bool>,
    lang: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArticleMeta {
    title: Option<String>,
    lang: Option<Spanned<String>>,
    date: Option<crate::dates::RawDate>,
    source: Option<String>,
    url: Option<String>,
}

/// `[checks]` as written. Keys are kebab-case like ruff's (`extend-select`); the
/// snake_case spelling the `[corpus]` table uses is accepted too.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawChecks {
    select: Option<Vec<Spanned<String>>>,
    #[serde(default, alias = "extend_select")]
    extend_select: Vec<Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default, alias = "per_file_ignores")]
    per_file_ignores: BTreeMap<String, Vec<Spanned<String>>>,
    #[serde(alias = "fail_on")]
    fail_on: Option<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<String, Spanned<String>>,
}

impl RawChecks {
    /// What the user wrote, each value with its place; only globs are checked here (the
    /// codes and levels are the checks' to judge).
    fn into_config(self, file: &Path, text: &str) -> Result<ChecksConfig, ConfigError> {
        let index = LineIndex::new(text);
        let setting = |value: &Spanned<String>| {
            let span = Span::from(value.span());
            Setting {
                value: value.get_ref().clone(),
                span,
                position: index.line_col(text, span.start as usize),
            }
        };
        let settings = |values: &[Spanned<String>]| values.iter().map(setting).collect::<Vec<_>>();
        let mut per_file_ignores = Vec::new();
        for (glob, codes) in &self.per_file_ignores {
            globset::Glob::new(glob).map_err(|err| ConfigError {
                position: None,
                file: Some(file.to_path_buf()),
                span: None,
                message: format!("invalid glob `{glob}` in per-file-ignores: {}", err.kind()),
            })?;
            per_file_ignores.push((glob.clone(), settings(codes)));
        }
        Ok(ChecksConfig {
            select: self.select.as_deref().map(settings),
            extend_select: settings(&self.extend_select),
            ignore: settings(&self.ignore),
            per_file_ignores,
            fail_on: self.fail_on.as_ref().map(setting),
            severity: self.severity.iter().map(|(key, level)| (key.clone(), setting(level))).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_problem_and_place() {
        let err =
            Config::parse("/c".into(), "/c/dateline.toml".into(), "[corpus]\nincldue = []\n").unwrap_err();
        assert!(err.message.contains("unknown field `incldue`"), "{}", err.message);
        assert_eq!(err.span.map(|s| s.start), Some(9));
        let err = Config::parse(
            "/c".into(),
            "/c/dateline.toml".into(),
            "[articles.\"a.txt\"]\ndate = \"2021-02-30\"\n",
        )
        .unwrap_err();
        assert_eq!(err.message, "invalid date for article `a.txt`: `2021-02-30` is not a calendar date");
    }

    #[test]
    fn article_metadata_is_keyed_by_relative_path() {
        let text = "[articles.\"./seeds/a.txt\"]\ntitle = \"A\"\ndate = 2021-11-17\n";
        let config = Config::parse("/c".into(), "/c/dateline.toml".into(), text).unwrap();
        let meta = config.article_meta(Path::new("/c/seeds/a.txt")).unwrap();
        assert_eq!(meta.date.unwrap().to_string(), "2021-11-17");
        assert_eq!(
            relative_to(Path::new("/c/tests/seeds"), Path::new("/shared/x.txt")).unwrap(),
            "../../../shared/x.txt"
        );
    }
}

#[cfg(test)]
mod path_tests {
    use super::*;

    #[test]
    fn normalize_keeps_leading_parents() {
        assert_eq!(normalize(Path::new("../../a/./b/../c")), PathBuf::from("../../a/c"));
        assert_eq!(normalize(Path::new("/x/../../y")), PathBuf::from("/y"));
        assert_eq!(normalize_rel_path("./../../shared/seeds/a.txt"), "../../shared/seeds/a.txt");
    }

    #[test]
    fn agreement_names_annotator_folders_and_the_curated_one() {
        let parse = |text: &str| Config::parse("/c".into(), "/c/dateline.toml".into(), text);
        let config = parse("[agreement]\nannotators = [\"ann/a/\", \"ann/b\"]\ncurated = \"cur\"\n").unwrap();
        let agreement = config.agreement.as_ref().unwrap();
        assert_eq!(agreement.annotators, ["ann/a", "ann/b"]);
        assert_eq!(
            config.agreement_version(Path::new("/c/ann/b/x/d.ann")),
            Some((VersionOf::Annotator(1), "x/d.ann".to_owned()))
        );
        assert_eq!(
            config.agreement_version(Path::new("/c/cur/d.ann")),
            Some((VersionOf::Curated, "d.ann".into()))
        );
        assert_eq!(config.agreement_version(Path::new("/c/ann/ab/d.ann")), None);
        let one = parse("[agreement]\nannotators = [\"a\"]\n").unwrap_err();
        assert!(one.message.contains("at least two"), "{}", one.message);
        assert!(one.position.is_some(), "the error points at the list");
        let twice = parse("[agreement]\nannotators = [\"a\", \"b\"]\ncurated = \"a\"\n").unwrap_err();
        assert!(twice.message.contains("twice"), "{}", twice.message);
        let outside = parse("[agreement]\nannotators = [\"../a\", \"b\"]\n").unwrap_err();
        assert!(outside.message.contains("inside the corpus"), "{}", outside.message);
    }
}
