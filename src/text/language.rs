//! The language an article is written in: what the writer said (front matter `lang:`, an
//! `[articles."path"] lang` entry, `[corpus] lang` in `dateline.toml`), else what detection
//! (`whatlang`, trigrams) says when it is sure. Readers with language resources (the date
//! tagger: English, and the languages of `resources/dates/`) read each article with its
//! language's words, and not at all where they have none: English date words found in an
//! Armenian article are noise, not dates.

use std::fmt;

use whatlang::Lang;

use crate::dates::DateLanguage;

/// A language, by the ISO 639-3 code detection uses; front matter may write the ISO 639-1
/// code (`ru`, `tr`) or the English name (`Russian`) as well.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Language(Lang);

impl Language {
    pub const ENGLISH: Language = Language(Lang::Eng);

    /// `en`, `eng`, `English` (any case); `None` for anything else.
    pub fn parse(written: &str) -> Option<Language> {
        let written = written.trim().to_ascii_lowercase();
        if let Some(lang) = Lang::from_code(written.as_str()) {
            return Some(Language(lang));
        }
        if let Some(lang) = TWO_LETTER.iter().find(|(code, _)| *code == written).map(|(_, lang)| *lang) {
            return Some(Language(lang));
        }
        Lang::all()
            .iter()
            .find(|lang| lang.eng_name().eq_ignore_ascii_case(&written))
            .map(|&lang| Language(lang))
    }

    /// The ISO 639-1 code where there is one (`en`), else the ISO 639-3 one.
    pub fn code(self) -> &'static str {
        TWO_LETTER.iter().find(|(_, lang)| *lang == self.0).map_or(self.0.code(), |(code, _)| code)
    }

    /// The English name: `Russian`.
    pub fn name(self) -> &'static str {
        self.0.eng_name()
    }

    /// The date words dateline reads it with, if it has them (English, and the languages
    /// with a pack in `resources/dates/`).
    pub fn date_language(self) -> Option<DateLanguage> {
        DateLanguage::from_code(self.code())
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// ISO 639-1 codes of the languages detection knows, for `lang: ru` in front matter.
const TWO_LETTER: &[(&str, Lang)] = &[
    ("en", Lang::Eng),
    ("ru", Lang::Rus),
    ("tr", Lang::Tur),
    ("uk", Lang::Ukr),
    ("hy", Lang::Hye),
    ("az", Lang::Aze),
    ("ka", Lang::Kat),
    ("de", Lang::Deu),
    ("fr", Lang::Fra),
    ("es", Lang::Spa),
    ("it", Lang::Ita),
    ("pt", Lang::Por),
    ("nl", Lang::Nld),
    ("pl", Lang::Pol),
    ("ar", Lang::Ara),
    ("fa", Lang::Pes),
    ("he", Lang::Heb),
    ("zh", Lang::Cmn),
    ("ja", Lang::Jpn),
    ("ko", Lang::Kor),
];

/// Where an article's language came from, for hover.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LanguageSource {
    /// Front matter `lang:` or an `[articles."path"] lang` entry.
    Article,
    /// `[corpus] lang` in `dateline.toml`.
    Corpus,
    /// Detected from the text, with detection's confidence (0 to 1).
    Detected { confidence: f32 },
}

/// An article's language and how dateline knows it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ArticleLanguage {
    pub language: Language,
    pub source: LanguageSource,
}

impl ArticleLanguage {
    /// For hover: "Russian (detected, 98% sure)".
    pub fn describe(&self) -> String {
        match self.source {
            LanguageSource::Article => format!("{} (as the article says)", self.language),
            LanguageSource::Corpus => format!("{} (the corpus default in dateline.toml)", self.language),
            LanguageSource::Detected { confidence } => {
                format!("{} (detected, {:.0}% sure)", self.language, confidence * 100.0)
            }
        }
    }

    /// The date words to read the article with: its language's, English when nobody could
    /// tell (short or mixed text: English is the corpus's own default), none for a language
    /// dateline has no date words for (English ones there are noise, not dates).
    pub fn date_language(this: Option<&ArticleLanguage>) -> Option<DateLanguage> {
        match this {
            Some(l) => l.language.date_language(),
            None => Some(DateLanguage::English),
        }
    }
}

/// How much of the text detection reads: trigram statistics settle within a paragraph, and
/// detection's cost grows with the sample (2 KB cost 45% more CPU on a whole `check`, 768
/// bytes 15%).
const SAMPLE: usize = 320;

/// Below this confidence a detection is not used (whatlang's own "reliable" flag is on top).
const MIN_CONFIDENCE: f64 = 0.5;

/// The article's language: `written` (front matter or its `[articles]` entry) first, then the
/// corpus default, then detection on `body` when it is reliable; `None` when nothing is sure.
pub fn of_article(
    written: Option<Language>,
    corpus: Option<Language>,
    body: &str,
) -> Option<ArticleLanguage> {
    if let Some(language) = written {
        return Some(ArticleLanguage { language, source: LanguageSource::Article });
    }
    if let Some(language) = corpus {
        return Some(ArticleLanguage { language, source: LanguageSource::Corpus });
    }
    detect(body)
}

/// Whether nearly every letter is ASCII (fewer than 1 in 100 beyond it): English, as far as
/// the readers that have resources are concerned, and the common case on an archive, where
/// detection (about 50 µs an article, more than 10% of a whole `check`) would only confirm it.
/// Russian, Turkish and most other languages' text has far more; a text misread here is
/// treated as before detection existed.
fn plain_latin(sample: &str) -> bool {
    let (mut letters, mut beyond) = (0usize, 0usize);
    for c in sample.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        beyond += usize::from(!c.is_ascii());
    }
    beyond * 100 < letters
}

/// Detection among the languages with an ISO 639-1 entry above (the region's and the
/// common news languages): scoring fewer languages is what keeps detection cheap on an
/// archive, and a text in another language reads as one of these, which only matters when it
/// is read as English (then it is treated as it was before detection existed).
fn detector() -> &'static whatlang::Detector {
    static DETECTOR: std::sync::OnceLock<whatlang::Detector> = std::sync::OnceLock::new();
    DETECTOR.get_or_init(|| {
        whatlang::Detector::with_allowlist(TWO_LETTER.iter().map(|(_, lang)| *lang).collect())
    })
}

/// Detection alone, on the first [`SAMPLE`] bytes of `text`.
pub fn detect(text: &str) -> Option<ArticleLanguage> {
    let mut end = text.len().min(SAMPLE);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    if plain_latin(sample) {
        return None;
    }
    let info = detector().detect(sample)?;
    // An unsure guess between languages of one script (Russian or Ukrainian) is still sure
    // of the script: a text not in Latin letters is not English.
    let sure = info.is_reliable() && info.confidence() >= MIN_CONFIDENCE;
    if !sure && info.script() == whatlang::Script::Latin {
        return None;
    }
    Some(ArticleLanguage {
        language: Language(info.lang()),
        source: LanguageSource::Detected { confidence: info.confidence() as f32 },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_forms() {
        for written in ["ru", "RU", "rus", "Russian", " russian "] {
            assert_eq!(Language::parse(written).map(Language::code), Some("ru"), "{written}");
        }
        assert_eq!(Language::parse("tr").map(Language::name), Some("Turkish"));
        assert_eq!(Language::parse("klingon"), None);
        assert_eq!(Language::parse(""), None);
    }

    #[test]
    fn what_the_writer_says_wins() {
        let russian = "Премьер-министр Армении Никол Пашинян заявил в понедельник, что страна заморозила участие в ОДКБ.";
        let english = Language::parse("en");
        let said = of_article(english, None, russian).unwrap();
        assert_eq!((said.language.code(), said.source), ("en", LanguageSource::Article));
        let detected = of_article(None, None, russian).unwrap();
        assert_eq!(detected.language.code(), "ru");
        assert!(matches!(detected.source, LanguageSource::Detected { .. }));
        let default = of_article(None, Language::parse("tr"), russian).unwrap();
        assert_eq!(default.source, LanguageSource::Corpus);
    }

    #[test]
    fn languages_with_their_own_letters_are_detected() {
        let turkish = "Cumhurbaşkanı Erdoğan, dün akşam yaptığı açıklamada yeni ekonomi programının ayrıntılarını paylaştı ve hükümetin önceliklerini sıraladı.";
        assert_eq!(detect(turkish).map(|l| l.language.code()), Some("tr"));
        let french = "Le président de la République a annoncé mercredi une série de réformes économiques, après une réunion à l'Élysée avec les représentants des syndicats.";
        assert_eq!(detect(french).map(|l| l.language.code()), Some("fr"));
        // English with a name or two beyond ASCII is left to the English readers undetected.
        let english = "President Erdoğan said on Tuesday that the talks with the European Union would go on next month, after a meeting in Ankara with the foreign ministers.";
        assert_eq!(detect(english), None);
    }

    #[test]
    fn unsure_detection_says_nothing() {
        assert_eq!(detect(""), None);
        assert_eq!(detect("2021"), None);
        // A sample cut inside a multi-byte letter is moved back to a boundary, not a panic.
        let long = "ё".repeat(SAMPLE);
        let _ = detect(&long);
    }
}
