//! Date words of languages other than English, as data: one TOML file per language in
//! `resources/dates/` (month and weekday names with their inflected forms, units, numerals,
//! relative words, tense cues), read by one grammar ([`grammar`]) that knows the shapes dates
//! take in news text ("15 июня 2021 г.", "15 Haziran'da", "le 15 juin 2021", "hace dos
//! años"). Adding a language is a data file and its tests; English keeps its own richer
//! grammar (`patterns`).
//!
//! A form ending in `*` matches every word starting with it, which covers a noun's cases
//! without listing them (`январ*`); a form with spaces or apostrophes is a phrase, matched
//! token by token as the tokenizer splits it (`aujourd'hui`, `il y a`).

pub(super) mod grammar;
// The test tables keep one case per line.
#[cfg(test)]
#[rustfmt::skip]
mod shapes;

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use jiff::civil::Weekday;
use serde::Deserialize;

use super::lexicon::PartOfDay;
use super::tokens::{self, TokenKind};
use crate::dates::calendar::{Season, Unit};

/// The packs compiled in, by ISO 639-1 code.
const SOURCES: &[(&str, &str)] = &[
    ("ru", include_str!("../../../../resources/dates/ru.toml")),
    ("tr", include_str!("../../../../resources/dates/tr.toml")),
    ("fr", include_str!("../../../../resources/dates/fr.toml")),
    ("es", include_str!("../../../../resources/dates/es.toml")),
    ("de", include_str!("../../../../resources/dates/de.toml")),
];

/// The language a text's dates are read in: English by its own grammar, the others by their
/// data packs.
#[derive(Clone, Copy, Debug, Default)]
pub enum DateLanguage {
    #[default]
    English,
    Data(&'static Pack),
}

impl Eq for DateLanguage {}

impl PartialEq for DateLanguage {
    fn eq(&self, other: &DateLanguage) -> bool {
        self.code() == other.code()
    }
}

impl DateLanguage {
    /// The language of ISO 639-1 code `code` (`ru`, `tr`), if dateline reads its dates.
    pub fn from_code(code: &str) -> Option<DateLanguage> {
        if code.eq_ignore_ascii_case("en") {
            return Some(DateLanguage::English);
        }
        packs().iter().find(|p| p.code.eq_ignore_ascii_case(code)).map(DateLanguage::Data)
    }

    pub fn code(self) -> &'static str {
        match self {
            DateLanguage::English => "en",
            DateLanguage::Data(pack) => pack.code,
        }
    }

    /// The English name: `Russian`.
    pub fn name(self) -> &'static str {
        match self {
            DateLanguage::English => "English",
            DateLanguage::Data(pack) => pack.name.as_str(),
        }
    }

    /// "English, Russian, Turkish, ...": for messages.
    pub fn names() -> String {
        DateLanguage::all().map(DateLanguage::name).collect::<Vec<_>>().join(", ")
    }

    /// Every language dateline reads dates in, English first.
    pub fn all() -> impl Iterator<Item = DateLanguage> {
        std::iter::once(DateLanguage::English).chain(packs().iter().map(DateLanguage::Data))
    }
}

/// What a word (or phrase) of a pack means; one spelling may mean several things (Russian
/// `с` opens a range and is a preposition).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Word {
    Month(i8),
    /// A word that may follow a month: Turkish `ayında` ("in the month of").
    MonthAfter,
    Weekday(Weekday),
    /// A word that may follow a weekday: Turkish `günü`.
    WeekdayAfter,
    Season(Season),
    /// A season form that is a date on its own: Russian `весной` ("in spring").
    SeasonAdverb(Season),
    Unit(Unit),
    /// `дневн*` in "44-дневная": a duration adjective after a number.
    UnitAdjective(Unit),
    Number(u32),
    /// "one and a half": `полтора`.
    Half,
    /// Half of a unit, in one word: `полгода`, `полвека`.
    HalfOf(Unit),
    /// After a number and a dash: `2019-м`, `1-го`.
    DashSuffix,
    /// After an hour: French `18 h`, `20 heures`.
    HourMark,
    /// Before an hour: Turkish `saat 20.00`.
    HourBefore,
    /// A quarter of a year after its ordinal: Turkish `3. çeyrek`.
    Quarter,
    PartOfDay(PartOfDay),
    /// Days from the publication date: `вчера` is -1.
    Day(i8),
    /// Before or after a unit or weekday: -1 last, 0 this, 1 next.
    Relative(i8),
    YearMarker,
    Joiner,
    Signal,
    RangeFrom,
    RangeTo,
    AgoAfter,
    AgoBefore,
    LaterBefore,
    Hedge,
    Several,
    DurationLast,
    Early,
    Mid,
    Late,
    Present,
    DecadeSuffix,
    DecadeNoun,
    CenturyNoun,
    OrdinalSuffix,
    /// Before a count of years that is an age, not a duration: Russian `в 19 лет`.
    AgeBefore,
    /// "that same": `в том же году` is the year the text last talked about.
    Same,
    Weekend,
    PastCue,
    FutureCue,
}

/// One language's date words, compiled for lookup.
#[derive(Debug)]
pub struct Pack {
    pub code: &'static str,
    pub name: String,
    /// Dotted and dotless I fold the Turkish way (`İ` → `i`, `I` → `ı`).
    turkish_case: bool,
    /// Suffixes glued with an apostrophe belong to the expression: `2020'de`, `Haziran'da`.
    apostrophe_suffixes: bool,
    /// A bare day number needs a dot after it: German `15. Juni`.
    day_dot: bool,
    /// `04.17`, `13.24'te` are clock times (decimals are written with a comma).
    dotted_clock: bool,
    /// A month in a date is capitalized (`5 Aralık`), so a lower-case one is another word
    /// (`5 aralığında`: "in a range of 5").
    dated_months_capitalized: bool,
    /// Keyed by the lowercase first token of each form.
    exact: HashMap<String, Vec<Entry>>,
    /// Forms written with a trailing `*`, one token each.
    prefixes: Vec<(String, Word)>,
    /// Forms written with a leading `*` (`*acak`: a word ending so), one token each: the
    /// endings of an agglutinative language's tenses.
    suffixes: Vec<(String, Word)>,
}

#[derive(Debug)]
struct Entry {
    /// The tokens after the first, lowercase.
    rest: Vec<String>,
    word: Word,
}

impl Pack {
    /// Every meaning of the form starting at `lower[i]`, with the token after it.
    pub(super) fn words_at<'s>(
        &'s self,
        lower: &'s [String],
        i: usize,
    ) -> impl Iterator<Item = (Word, usize)> + 's {
        let first = lower.get(i).map(String::as_str).unwrap_or("");
        let exact = self.exact.get(first).into_iter().flatten().filter_map(move |entry| {
            let end = i + 1 + entry.rest.len();
            let matches =
                entry.rest.iter().enumerate().all(|(k, w)| lower.get(i + 1 + k).is_some_and(|t| t == w));
            matches.then_some((entry.word, end))
        });
        let prefixed = self
            .prefixes
            .iter()
            .filter(move |(prefix, _)| !first.is_empty() && first.starts_with(prefix.as_str()))
            .map(move |&(_, word)| (word, i + 1));
        let suffixed = self
            .suffixes
            .iter()
            .filter(move |(suffix, _)| first.len() > suffix.len() && first.ends_with(suffix.as_str()))
            .map(move |&(_, word)| (word, i + 1));
        exact.chain(prefixed).chain(suffixed)
    }

    /// Lowercase the way this language does.
    pub(super) fn lowercase(&self, word: &str) -> String {
        let mut out = String::with_capacity(word.len());
        for c in word.chars() {
            match c {
                'İ' if self.turkish_case => out.push('i'),
                'I' if self.turkish_case => out.push('ı'),
                '’' => out.push('\''),
                c => out.extend(c.to_lowercase()),
            }
        }
        out
    }

    fn add(&mut self, form: &str, word: Word) {
        let form = self.lowercase(form.trim());
        if let Some(suffix) = form.strip_prefix('*') {
            self.suffixes.push((suffix.to_string(), word));
            return;
        }
        if let Some(prefix) = form.strip_suffix('*') {
            self.prefixes.push((prefix.to_string(), word));
            return;
        }
        let tokens: Vec<String> = tokens::tokenize(&form).iter().map(|t| t.text(&form).to_string()).collect();
        let Some((first, rest)) = tokens.split_first() else { return };
        self.exact.entry(first.clone()).or_default().push(Entry { rest: rest.to_vec(), word });
    }
}

/// A pack file as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    language: String,
    name: String,
    #[serde(default)]
    turkish_case: bool,
    #[serde(default)]
    apostrophe_suffixes: bool,
    #[serde(default)]
    day_dot: bool,
    #[serde(default)]
    dotted_clock: bool,
    #[serde(default)]
    dated_months_capitalized: bool,
    #[serde(default)]
    joiners: Vec<String>,
    #[serde(default)]
    year_words: Vec<String>,
    #[serde(default)]
    signals: Vec<String>,
    #[serde(default)]
    range_from: Vec<String>,
    #[serde(default)]
    range_to: Vec<String>,
    #[serde(default)]
    ago_after: Vec<String>,
    #[serde(default)]
    ago_before: Vec<String>,
    #[serde(default)]
    later_before: Vec<String>,
    #[serde(default)]
    hedges: Vec<String>,
    #[serde(default)]
    several: Vec<String>,
    #[serde(default)]
    duration_last: Vec<String>,
    #[serde(default)]
    early: Vec<String>,
    #[serde(default)]
    mid: Vec<String>,
    #[serde(default)]
    late: Vec<String>,
    #[serde(default)]
    present: Vec<String>,
    #[serde(default)]
    decade_suffixes: Vec<String>,
    #[serde(default)]
    decade_words: Vec<String>,
    #[serde(default)]
    century_words: Vec<String>,
    #[serde(default)]
    ordinal_suffixes: Vec<String>,
    #[serde(default)]
    month_after: Vec<String>,
    #[serde(default)]
    weekday_after: Vec<String>,
    #[serde(default)]
    dash_suffixes: Vec<String>,
    #[serde(default)]
    hour_marks: Vec<String>,
    #[serde(default)]
    hour_before: Vec<String>,
    #[serde(default)]
    quarter_words: Vec<String>,
    #[serde(default)]
    parts_of_day: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    half_of: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    age_before: Vec<String>,
    #[serde(default)]
    same: Vec<String>,
    #[serde(default)]
    weekend: Vec<String>,
    #[serde(default)]
    past_cues: Vec<String>,
    #[serde(default)]
    future_cues: Vec<String>,
    months: BTreeMap<String, Vec<String>>,
    weekdays: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    seasons: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    season_adverbs: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    units: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    unit_adjectives: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    numbers: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    halves: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    days: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    relative: BTreeMap<String, Vec<String>>,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn weekday(key: &str) -> Result<Weekday, String> {
    Ok(match key {
        "monday" => Weekday::Monday,
        "tuesday" => Weekday::Tuesday,
        "wednesday" => Weekday::Wednesday,
        "thursday" => Weekday::Thursday,
        "friday" => Weekday::Friday,
        "saturday" => Weekday::Saturday,
        "sunday" => Weekday::Sunday,
        _ => return Err(format!("unknown weekday `{key}`")),
    })
}

fn season(key: &str) -> Result<Season, String> {
    Ok(match key {
        "spring" => Season::Spring,
        "summer" => Season::Summer,
        "fall" => Season::Fall,
        "winter" => Season::Winter,
        _ => return Err(format!("unknown season `{key}`")),
    })
}

fn part_of_day(key: &str) -> Result<PartOfDay, String> {
    Ok(match key {
        "morning" => PartOfDay::Morning,
        "afternoon" => PartOfDay::Afternoon,
        "evening" => PartOfDay::Evening,
        "night" => PartOfDay::Night,
        _ => return Err(format!("unknown part of day `{key}`")),
    })
}

fn unit(key: &str) -> Result<Unit, String> {
    Ok(match key {
        "minute" => Unit::Minute,
        "hour" => Unit::Hour,
        "day" => Unit::Day,
        "week" => Unit::Week,
        "month" => Unit::Month,
        "year" => Unit::Year,
        "decade" => Unit::Decade,
        "century" => Unit::Century,
        _ => return Err(format!("unknown unit `{key}`")),
    })
}

/// Compiles one pack file; the error names the key that is wrong.
fn compile(code: &'static str, source: &str) -> Result<Pack, String> {
    let file: PackFile = toml::from_str(source).map_err(|e| e.to_string())?;
    if file.language != code {
        return Err(format!("language `{}` in the file for `{code}`", file.language));
    }
    let mut pack = Pack {
        code,
        name: file.name.clone(),
        turkish_case: file.turkish_case,
        apostrophe_suffixes: file.apostrophe_suffixes,
        day_dot: file.day_dot,
        exact: HashMap::new(),
        prefixes: Vec::new(),
        suffixes: Vec::new(),
        dotted_clock: file.dotted_clock,
        dated_months_capitalized: file.dated_months_capitalized,
    };
    let lists: [(&[String], Word); 30] = [
        (&file.joiners, Word::Joiner),
        (&file.year_words, Word::YearMarker),
        (&file.signals, Word::Signal),
        (&file.range_from, Word::RangeFrom),
        (&file.range_to, Word::RangeTo),
        (&file.ago_after, Word::AgoAfter),
        (&file.ago_before, Word::AgoBefore),
        (&file.later_before, Word::LaterBefore),
        (&file.hedges, Word::Hedge),
        (&file.several, Word::Several),
        (&file.duration_last, Word::DurationLast),
        (&file.early, Word::Early),
        (&file.mid, Word::Mid),
        (&file.late, Word::Late),
        (&file.present, Word::Present),
        (&file.decade_suffixes, Word::DecadeSuffix),
        (&file.decade_words, Word::DecadeNoun),
        (&file.century_words, Word::CenturyNoun),
        (&file.ordinal_suffixes, Word::OrdinalSuffix),
        (&file.month_after, Word::MonthAfter),
        (&file.weekday_after, Word::WeekdayAfter),
        (&file.dash_suffixes, Word::DashSuffix),
        (&file.hour_marks, Word::HourMark),
        (&file.hour_before, Word::HourBefore),
        (&file.quarter_words, Word::Quarter),
        (&file.age_before, Word::AgeBefore),
        (&file.same, Word::Same),
        (&file.weekend, Word::Weekend),
        (&file.past_cues, Word::PastCue),
        (&file.future_cues, Word::FutureCue),
    ];
    for (forms, word) in lists {
        for form in forms {
            pack.add(form, word);
        }
    }
    for (key, forms) in &file.months {
        let month = MONTHS.iter().position(|m| m == key).ok_or_else(|| format!("unknown month `{key}`"))?;
        for form in forms {
            pack.add(form, Word::Month(month as i8 + 1));
        }
    }
    let mut add_all = |table: &BTreeMap<String, Vec<String>>,
                       meaning: &dyn Fn(&str) -> Result<Word, String>|
     -> Result<(), String> {
        for (key, forms) in table {
            let word = meaning(key)?;
            for form in forms {
                pack.add(form, word);
            }
        }
        Ok(())
    };
    add_all(&file.weekdays, &|k| weekday(k).map(Word::Weekday))?;
    add_all(&file.seasons, &|k| season(k).map(Word::Season))?;
    add_all(&file.season_adverbs, &|k| season(k).map(Word::SeasonAdverb))?;
    add_all(&file.units, &|k| unit(k).map(Word::Unit))?;
    add_all(&file.parts_of_day, &|k| part_of_day(k).map(Word::PartOfDay))?;
    add_all(&file.half_of, &|k| unit(k).map(Word::HalfOf))?;
    add_all(&file.unit_adjectives, &|k| unit(k).map(Word::UnitAdjective))?;
    add_all(&file.numbers, &|k| k.parse().map(Word::Number).map_err(|_| format!("number `{k}`")))?;
    add_all(&file.halves, &|k| if k == "1" { Ok(Word::Half) } else { Err(format!("halves `{k}`: only 1")) })?;
    add_all(&file.days, &|k| k.parse().map(Word::Day).map_err(|_| format!("day offset `{k}`")))?;
    add_all(&file.relative, &|k| match k {
        "last" => Ok(Word::Relative(-1)),
        "this" => Ok(Word::Relative(0)),
        "next" => Ok(Word::Relative(1)),
        _ => Err(format!("relative `{k}`: last, this or next")),
    })?;
    // Longer prefixes first: `июл*` before a shorter one that would also match.
    pack.prefixes.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
    Ok(pack)
}

/// Every compiled pack. The files are part of the binary and a test compiles each, so a
/// broken one cannot ship; should one fail anyway, it is left out and said on stderr.
fn packs() -> &'static [Pack] {
    static PACKS: OnceLock<Vec<Pack>> = OnceLock::new();
    PACKS.get_or_init(|| {
        SOURCES
            .iter()
            .filter_map(|(code, source)| match compile(code, source) {
                Ok(pack) => Some(pack),
                Err(err) => {
                    tracing::error!("date words for `{code}` not loaded: {err}");
                    None
                }
            })
            .collect()
    })
}

/// Whether the token is a word the pack may know (words and letter-digit mixes).
pub(super) fn is_wordlike(kind: TokenKind) -> bool {
    matches!(kind, TokenKind::Word | TokenKind::Other)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pack_compiles_and_knows_every_month_and_weekday() {
        for (code, source) in SOURCES {
            let pack = compile(code, source).unwrap_or_else(|e| panic!("{code}: {e}"));
            let file: PackFile = toml::from_str(source).unwrap();
            assert_eq!(file.months.len(), 12, "{code}: months");
            assert_eq!(file.weekdays.len(), 7, "{code}: weekdays");
            assert!(!pack.exact.is_empty());
        }
        assert_eq!(packs().len(), SOURCES.len());
    }

    #[test]
    fn a_broken_pack_is_an_error_naming_the_key() {
        let err =
            compile("xx", "language = \"xx\"\nname = \"X\"\nmonths = { smarch = [\"a\"] }\nweekdays = {}")
                .unwrap_err();
        assert!(err.contains("smarch"), "{err}");
        let err = compile("xx", "language = \"yy\"\nname = \"Y\"\nmonths = {}\nweekdays = {}").unwrap_err();
        assert!(err.contains("yy"), "{err}");
    }

    #[test]
    fn prefixes_and_phrases_match_inflected_and_split_forms() {
        let ru = DateLanguage::from_code("ru").unwrap();
        let DateLanguage::Data(ru) = ru else { panic!() };
        let lower = vec!["января".to_string()];
        assert!(ru.words_at(&lower, 0).any(|(w, end)| w == Word::Month(1) && end == 1));
        let DateLanguage::Data(fr) = DateLanguage::from_code("fr").unwrap() else { panic!() };
        let lower: Vec<String> = ["aujourd", "'", "hui"].iter().map(|s| s.to_string()).collect();
        assert!(fr.words_at(&lower, 0).any(|(w, end)| w == Word::Day(0) && end == 3));
        let DateLanguage::Data(tr) = DateLanguage::from_code("tr").unwrap() else { panic!() };
        assert_eq!(tr.lowercase("PAZARTESİ"), "pazartesi");
        assert_eq!(tr.lowercase("IRAK"), "ırak");
        assert!(DateLanguage::from_code("xx").is_none());
        assert_eq!(DateLanguage::from_code("EN"), Some(DateLanguage::English));
    }
}
