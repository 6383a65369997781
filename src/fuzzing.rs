//! Entry points for the fuzz targets in `fuzz/` and their stable replay test
//! (`tests/fuzz_regressions.rs`). Each takes raw bytes, runs the real parser or the real
//! analysis in memory and throws the result away: the only way to fail is to panic or to
//! take too long. Not an API for anything else; see fuzz/README.md.
//!
//! Bytes become text the way the corpus reader does it (`corpus::decode`: a BOM dropped,
//! invalid UTF-8 decoded lossily), so the targets see what a real file would give them.
//! Inputs that hold two files (a brat `.txt` and its `.ann`; a date tagger's publication
//! date and its text) are split at their first [`SPLIT`] byte.

use std::path::{Path, PathBuf};

use crate::analysis::{AnalysisHost, Change};
use crate::corpus::{self, Article, ArticleFormat, Config, FileClassifier};
use crate::dates::{self, TagContext};
use crate::formats::brat_conf::BratConfig;
use crate::formats::{brat, conllu, webanno};
use crate::kb;
use crate::mentions::Matcher;

/// Separates the two files of a two-file input (a NUL: no text format here uses it).
pub const SPLIT: u8 = 0;

/// A small `annotation.conf` the brat target reads its `.ann` against, so the checks that
/// need declarations (types, attributes, overlap rules) run too.
const BRAT_CONF: &str = "[entities]\nPerson\nOrganization\nGPE\nEvent\n\n[relations]\n\
Role Arg1:Person, Arg2:Organization\n<OVERLAP> Arg1:Person, Arg2:Organization, <OVL-TYPE>:contain\n\n\
[events]\nMeeting Participant+:Person, Place?:GPE\n\n[attributes]\nNegated Arg:<EVENT>\n\
Certainty Arg:<ENTITY>, Value:High|Low\n";

/// A brat document the `annotation.conf` target's declarations are checked against.
const BRAT_TXT: &str = "Hulusi Akar met NATO officials in Ankara on Tuesday.\n";
const BRAT_ANN: &str = "T1\tPerson 0 11\tHulusi Akar\nT2\tOrganization 16 20\tNATO\nT3\tGPE 34 40\tAnkara\n\
R1\tRole Arg1:T1 Arg2:T2\nE1\tMeeting:T1 Participant:T1\nA1\tNegated E1\nA2\tCertainty T1 High\n\
#1\tAnnotatorNotes T1\tthe minister\nN1\tReference T1 Wikidata:Q6068958\tHulusi Akar\n";

/// The article of the KB target's corpus: names, titles, aliases, dates tied to events, a
/// `kb:` link and a suppression comment, so a fuzzed KB entry has something to match.
const FIXED_ARTICLE: &str = "---\ntitle: Ankara backs Baku\ndate: 2021-11-17\n---\n\
Defence Minister Hulusi Akar told Zakir Hasanov on Tuesday that the Second Karabakh War, \
which ended on Nov. 10, 2020, and the [Shusha Declaration](kb:shusha-declaration) signed \
in June 2021 bind Türkiye to Azerbaijan. Akar met NATO officials in Brussels last week.\n\n\
<!-- dateline-ignore name/unknown-person -->\nGeneral Ali Veli, the chief of the Turkish \
General Staff, recalled the 1966 World Cup final and the Gulf War of 1991 in Ankara on Nov. 4.\n";

/// The publication date the date tagger resolves against when the input names none.
const DEFAULT_DCT: &str = "2021-11-10";

fn text(bytes: &[u8]) -> String {
    corpus::decode(bytes.to_vec()).text
}

/// Splits a two-file input at its first [`SPLIT`] byte (all of it is the first file when
/// there is none).
fn split(bytes: &[u8]) -> (String, String) {
    match bytes.iter().position(|&b| b == SPLIT) {
        Some(at) => (text(&bytes[..at]), text(&bytes[at + 1..])),
        None => (text(bytes), String::new()),
    }
}

/// A Markdown article with YAML or TOML front matter, read as Markdown and as plain text.
pub fn article(bytes: &[u8]) {
    let text = text(bytes);
    for format in [ArticleFormat::Markdown, ArticleFormat::Text] {
        let article = Article::parse(&text, format, None);
        let _ = article.date();
    }
}

/// One KB TOML file: loaded, validated, and its names compiled into the mention matcher.
pub fn kb_file(bytes: &[u8]) {
    let text = text(bytes);
    let kb = kb::load(&[(corpus::FileId(0), &text)]);
    let _ = Matcher::new(&kb);
}

/// `dateline.toml`: parsed, its `[checks]` resolved into a policy, and when valid its globs
/// compiled and asked about a few paths.
pub fn config(bytes: &[u8]) {
    let text = text(bytes);
    let root = PathBuf::from("/corpus");
    let Ok(config) = Config::parse(root.clone(), root.join("dateline.toml"), &text) else { return };
    let _ = crate::checks::selection::Policy::resolve(&config);
    let classifier = FileClassifier::new(&config);
    for path in ["a.md", "articles/b.txt", "kb/people.toml", "news/annotation.conf", "x.ann", "y.conllu"] {
        let path = root.join(path);
        let _ = classifier.classify(&path);
        let _ = config.article_meta(&path);
    }
}

/// A brat document: `.txt`, [`SPLIT`], `.ann`; read without and with an `annotation.conf`.
pub fn brat(bytes: &[u8]) {
    let (txt, ann) = split(bytes);
    let _ = brat::parse(&txt, &ann, None);
    let _ = brat::parse(&txt, &ann, Some(&BratConfig::parse(BRAT_CONF)));
    let _ = brat::reanchor(&ann, &txt);
}

/// `annotation.conf`: parsed, then a fixed brat document read against it.
pub fn brat_conf(bytes: &[u8]) {
    let conf = BratConfig::parse(&text(bytes));
    let _ = brat::parse(BRAT_TXT, BRAT_ANN, Some(&conf));
}

/// A WebAnno TSV 3 file.
pub fn webanno(bytes: &[u8]) {
    let _ = webanno::parse(&text(bytes));
}

/// A CoNLL-U file (CorefUD `Entity=` in MISC).
pub fn conllu(bytes: &[u8]) {
    let _ = conllu::parse(&text(bytes));
}

/// The date tagger: a publication date (`YYYY-MM-DD`; [`DEFAULT_DCT`] when it does not
/// read as one), [`SPLIT`], the text. Tagged with and without event-anchored offsets, and
/// in every language dateline has date words for.
pub fn dates(bytes: &[u8]) {
    let (dct, text) = split(bytes);
    let dct = dct.trim().parse().unwrap_or_else(|_| DEFAULT_DCT.parse().expect("a valid date"));
    for anchor_event_offsets in [true, false] {
        let _ =
            dates::tag(&text, &TagContext { dct: Some(dct), anchor_event_offsets, ..TagContext::default() });
    }
    for language in dates::DateLanguage::all() {
        let _ = dates::tag(&text, &TagContext { dct: Some(dct), language, ..TagContext::default() });
    }
}

/// A corpus held in memory (its root names no folder on disk), analysed by the real
/// [`AnalysisHost`] as the fuzzed file changes: every check, the corpus checks included.
pub struct Corpus {
    host: AnalysisHost,
    root: PathBuf,
}

impl Corpus {
    /// The root of every in-memory corpus; nothing is read from it.
    const ROOT: &str = "/dateline-fuzz-corpus";

    /// A corpus with default settings holding `files` (root-relative path, text).
    pub fn new(files: &[(&str, &str)]) -> Corpus {
        let root = PathBuf::from(Corpus::ROOT);
        let mut corpus = Corpus { host: AnalysisHost::load(Config::defaults(root.clone())), root };
        let changes = files.iter().map(|(path, text)| corpus.set(path, text.to_string())).collect();
        corpus.host.apply(changes);
        corpus
    }

    /// A corpus holding the KB files (`*.toml`) of the folder `kb_dir`, as `kb/<name>`.
    pub fn with_kb_dir(kb_dir: &Path) -> std::io::Result<Corpus> {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(kb_dir)? {
            let path = entry?.path();
            if path.extension().is_some_and(|ext| ext == "toml") {
                let name = format!("kb/{}", path.file_name().unwrap_or_default().to_string_lossy());
                files.push((name, std::fs::read_to_string(&path)?));
            }
        }
        files.sort();
        let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
        Ok(Corpus::new(&files))
    }

    fn set(&self, path: &str, text: String) -> Change {
        Change::SetText { path: self.root.join(path), text }
    }

    /// Sets the file at `path` (root-relative) to `bytes` and reads every finding of the
    /// corpus, as `check` would print them.
    pub fn analyse(&mut self, path: &str, bytes: &[u8]) {
        let change = self.set(path, text(bytes));
        self.host.apply(vec![change]);
        let _ = self.host.snapshot().all_findings();
    }

    /// The whole analysis of an article at `fuzz.md` (Markdown, front matter and all).
    pub fn article(&mut self, bytes: &[u8]) {
        self.analyse("fuzz.md", bytes);
    }

    /// The corpus of the KB target: one fixed article (`a.md`) and no KB yet.
    pub fn with_fixed_article() -> Corpus {
        Corpus::new(&[("a.md", FIXED_ARTICLE)])
    }

    /// The corpus of the brat analysis target: the KB of `kb_dir` and a fixed
    /// `annotation.conf` beside the fuzzed document.
    pub fn for_brat(kb_dir: &Path) -> std::io::Result<Corpus> {
        let mut corpus = Corpus::with_kb_dir(kb_dir)?;
        corpus.analyse("news/annotation.conf", BRAT_CONF.as_bytes());
        Ok(corpus)
    }

    /// The whole analysis of a brat document (`news/doc.txt`, [`SPLIT`], `news/doc.ann`):
    /// the annotation checks (overlaps, fragments, offsets) and the text's article checks.
    pub fn brat(&mut self, bytes: &[u8]) {
        let (txt, ann) = split(bytes);
        let changes = vec![self.set("news/doc.txt", txt), self.set("news/doc.ann", ann)];
        self.host.apply(changes);
        let _ = self.host.snapshot().all_findings();
    }

    /// The whole analysis after a KB file `kb/fuzz.toml` changes to `bytes`: the KB
    /// rebuilt, every article re-analysed against it.
    pub fn kb_file(&mut self, bytes: &[u8]) {
        self.analyse("kb/fuzz.toml", bytes);
    }
}
