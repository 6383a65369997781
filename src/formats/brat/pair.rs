//! Pairing a collection's `.txt` and `.ann` files by name.

use super::*;

/// A `.txt` and the `.ann` of the same name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct BratPair {
    pub txt: PathBuf,
    pub ann: PathBuf,
}

/// `.txt` and `.ann` files of one collection, paired by name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pairing {
    /// Sorted by path.
    pub pairs: Vec<BratPair>,
    pub ann_without_txt: Vec<PathBuf>,
    /// brat shows these with no annotations (and creates an empty `.ann` on first edit).
    pub txt_without_ann: Vec<PathBuf>,
}

impl Pairing {
    /// One problem per unpaired file, with an empty span at the start of that file.
    pub fn problems(&self) -> Vec<(PathBuf, Problem)> {
        let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let mut out = Vec::new();
        for ann in &self.ann_without_txt {
            let txt = ann.with_extension("txt");
            out.push((
                ann.clone(),
                Problem::new(
                    ProblemKind::AnnWithoutText,
                    FileRole::Annotation,
                    Span::empty(0),
                    format!("{} has no {}; its offsets point at nothing", name(ann), name(&txt)),
                ),
            ));
        }
        for txt in &self.txt_without_ann {
            let ann = txt.with_extension("ann");
            out.push((
                txt.clone(),
                Problem::new(
                    ProblemKind::TextWithoutAnn,
                    FileRole::Text,
                    Span::empty(0),
                    format!("{} has no {}; brat shows it unannotated", name(txt), name(&ann)),
                ),
            ));
        }
        out
    }
}

/// Pairs `NAME.txt` with `NAME.ann` among `paths` (other files are ignored); pure, the caller
/// lists the directory.
pub fn pair_files<P: AsRef<Path>>(paths: &[P]) -> Pairing {
    let mut txt: HashMap<PathBuf, PathBuf> = HashMap::new();
    let mut ann: HashMap<PathBuf, PathBuf> = HashMap::new();
    for path in paths {
        let path = path.as_ref();
        match path.extension().and_then(|e| e.to_str()) {
            Some("txt") => txt.insert(path.with_extension(""), path.to_path_buf()),
            Some("ann") => ann.insert(path.with_extension(""), path.to_path_buf()),
            _ => None,
        };
    }
    let mut pairing = Pairing::default();
    for (stem, t) in &txt {
        match ann.get(stem) {
            Some(a) => pairing.pairs.push(BratPair { txt: t.clone(), ann: a.clone() }),
            None => pairing.txt_without_ann.push(t.clone()),
        }
    }
    pairing.ann_without_txt =
        ann.iter().filter(|(stem, _)| !txt.contains_key(*stem)).map(|(_, a)| a.clone()).collect();
    pairing.pairs.sort();
    pairing.ann_without_txt.sort();
    pairing.txt_without_ann.sort();
    pairing
}
