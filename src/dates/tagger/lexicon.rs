//! The words the tagger knows: months, weekdays, units, number words, seasons, parts of the
//! day, and the function words that decide tense and context.
//!
//! Every word token is looked up once, lowercased, in one table; a word can be several things
//! at once ("May" is a month and a modal verb, "second" an ordinal and a unit), and the
//! grammar decides from context which reading applies.

use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

use jiff::civil::Weekday;

use crate::dates::calendar::{Season, Unit};

/// A part of the day, with its TIMEX3 code (`2021-11-16TEV`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PartOfDay {
    Morning,
    Afternoon,
    Evening,
    Night,
    Daytime,
}

impl PartOfDay {
    pub fn code(self) -> &'static str {
        match self {
            PartOfDay::Morning => "MO",
            PartOfDay::Afternoon => "AF",
            PartOfDay::Evening => "EV",
            PartOfDay::Night => "NI",
            PartOfDay::Daytime => "DT",
        }
    }
}

/// Word classes as bit flags: cheap to test on every token.
pub mod class {
    /// Marks the future: "will", "shall", "'ll".
    pub const FUTURE: u32 = 1 << 0;
    /// Past auxiliaries and irregular past verbs: "was", "had", "said", "met".
    pub const PAST: u32 = 1 << 1;
    /// Present auxiliaries and reporting verbs: "is", "says", "has".
    pub const PRESENT: u32 = 1 << 2;
    /// Modal verbs that make "May" a verb: "may", "might", "can".
    pub const MODAL: u32 = 1 << 3;
    /// Words that make the next capitalized month word a month: "in", "since", "early".
    pub const DATE_CONTEXT: u32 = 1 << 4;
    /// Words after which a year-like number is a quantity: "than", "some", "about".
    pub const QUANTITY_CONTEXT: u32 = 1 << 5;
    /// Function words that may follow a year ("1991 and", "2020 was").
    pub const FUNCTION: u32 = 1 << 6;
    /// Would/could: the future seen from the past.
    pub const FUTURE_IN_PAST: u32 = 1 << 7;
    /// Forms of "be" after which a participle is passive, not a past tense.
    pub const BE: u32 = 1 << 8;
    /// Abbreviations that end with a period which is not a sentence end.
    pub const ABBREVIATION: u32 = 1 << 9;
    /// Nouns and units that make a preceding number a quantity: "2000 soldiers", "1500 km".
    pub const MEASURE: u32 = 1 << 10;
}

/// What a word can be.
#[derive(Clone, Copy, Debug, Default)]
pub struct Lex {
    /// The word itself, lowercase: the table key.
    pub word: &'static str,
    pub month: Option<i8>,
    pub weekday: Option<Weekday>,
    pub unit: Option<Unit>,
    /// The unit word is plural ("days").
    pub plural: bool,
    /// An abbreviation ("Nov", "Tues", "hrs"): only read as a date word next to a number or
    /// with its period.
    pub abbrev: bool,
    pub number: Option<u32>,
    pub ordinal: Option<u32>,
    pub season: Option<Season>,
    pub part_of_day: Option<PartOfDay>,
    pub flags: u32,
}

impl Lex {
    pub fn has(&self, flag: u32) -> bool {
        self.flags & flag != 0
    }
}

/// The entry for `word`, any case; `None` for words the tagger has no use for.
pub fn lookup(word: &str) -> Option<&'static Lex> {
    // The table holds ASCII words only, none longer than 16 bytes: lowercase on the stack.
    if word.len() > 16 || !word.is_ascii() {
        return None;
    }
    let mut buffer = [0u8; 16];
    let lower = &mut buffer[..word.len()];
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    let lower = std::str::from_utf8(lower).ok()?;
    LEXICON.get(lower)
}

static LEXICON: LazyLock<HashMap<&'static str, Lex>> = LazyLock::new(build);

const MONTHS: [(&str, i8, bool); 23] = [
    ("january", 1, false),
    ("february", 2, false),
    ("march", 3, false),
    ("april", 4, false),
    ("may", 5, false),
    ("june", 6, false),
    ("july", 7, false),
    ("august", 8, false),
    ("september", 9, false),
    ("october", 10, false),
    ("november", 11, false),
    ("december", 12, false),
    ("jan", 1, true),
    ("feb", 2, true),
    ("mar", 3, true),
    ("apr", 4, true),
    ("jun", 6, true),
    ("jul", 7, true),
    ("aug", 8, true),
    ("sep", 9, true),
    ("sept", 9, true),
    ("oct", 10, true),
    ("nov", 11, true),
];

const WEEKDAYS: [(&str, Weekday, bool); 16] = [
    ("monday", Weekday::Monday, false),
    ("tuesday", Weekday::Tuesday, false),
    ("wednesday", Weekday::Wednesday, false),
    ("thursday", Weekday::Thursday, false),
    ("friday", Weekday::Friday, false),
    ("saturday", Weekday::Saturday, false),
    ("sunday", Weekday::Sunday, false),
    ("mon", Weekday::Monday, true),
    ("tue", Weekday::Tuesday, true),
    ("tues", Weekday::Tuesday, true),
    ("wed", Weekday::Wednesday, true),
    ("thu", Weekday::Thursday, true),
    ("thur", Weekday::Thursday, true),
    ("thurs", Weekday::Thursday, true),
    ("fri", Weekday::Friday, true),
    ("sat", Weekday::Saturday, true),
];

const UNITS: [(&str, Unit, bool, bool); 32] = [
    ("second", Unit::Second, false, false),
    ("seconds", Unit::Second, true, false),
    ("sec", Unit::Second, false, true),
    ("secs", Unit::Second, true, true),
    ("minute", Unit::Minute, false, false),
    ("minutes", Unit::Minute, true, false),
    ("min", Unit::Minute, false, true),
    ("mins", Unit::Minute, true, true),
    ("hour", Unit::Hour, false, false),
    ("hours", Unit::Hour, true, false),
    ("hr", Unit::Hour, false, true),
    ("hrs", Unit::Hour, true, true),
    ("day", Unit::Day, false, false),
    ("days", Unit::Day, true, false),
    ("week", Unit::Week, false, false),
    ("weeks", Unit::Week, true, false),
    ("weekend", Unit::Weekend, false, false),
    ("weekends", Unit::Weekend, true, false),
    ("month", Unit::Month, false, false),
    ("months", Unit::Month, true, false),
    ("quarter", Unit::Quarter, false, false),
    ("quarters", Unit::Quarter, true, false),
    ("year", Unit::Year, false, false),
    ("years", Unit::Year, true, false),
    ("yr", Unit::Year, false, true),
    ("yrs", Unit::Year, true, true),
    ("decade", Unit::Decade, false, false),
    ("decades", Unit::Decade, true, false),
    ("century", Unit::Century, false, false),
    ("centuries", Unit::Century, true, false),
    ("millennium", Unit::Millennium, false, false),
    ("millennia", Unit::Millennium, true, false),
];

const NUMBERS: [(&str, u32); 31] = [
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fourty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("hundred", 100),
    ("thousand", 1000),
];

const ORDINALS: [(&str, u32); 21] = [
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
    ("thirtieth", 30),
];

const SEASONS: [(&str, Season); 9] = [
    ("spring", Season::Spring),
    ("summer", Season::Summer),
    ("fall", Season::Fall),
    ("autumn", Season::Fall),
    ("winter", Season::Winter),
    ("springs", Season::Spring),
    ("summers", Season::Summer),
    ("autumns", Season::Fall),
    ("winters", Season::Winter),
];

const PARTS_OF_DAY: [(&str, PartOfDay); 10] = [
    ("morning", PartOfDay::Morning),
    ("mornings", PartOfDay::Morning),
    ("afternoon", PartOfDay::Afternoon),
    ("afternoons", PartOfDay::Afternoon),
    ("evening", PartOfDay::Evening),
    ("evenings", PartOfDay::Evening),
    ("night", PartOfDay::Night),
    ("nights", PartOfDay::Night),
    ("daytime", PartOfDay::Daytime),
    ("overnight", PartOfDay::Night),
];

#[rustfmt::skip]
const FUTURE_WORDS: &[&str] = &[
    "will", "shall", "ll", "wo", "tomorrow", "upcoming", "next", "soon",
];
#[rustfmt::skip]
const FUTURE_IN_PAST_WORDS: &[&str] = &[
    "would",
];
#[rustfmt::skip]
const PAST_WORDS: &[&str] = &[
    "was", "were", "had", "did", "said", "told", "ago", "last", "yesterday", "since", "began",
    "came", "went", "took", "made", "gave", "met", "held", "left", "won", "lost", "saw", "fell",
    "rose", "found", "sent", "spent", "brought", "fought", "got", "knew", "led", "ran", "sold",
    "struck", "shot", "spoke", "stood", "thought", "wrote", "became", "broke", "chose", "drew",
    "flew", "paid", "bought", "caught", "felt", "heard", "kept", "meant", "sat", "slept", "taught",
    "understood", "woke", "wore", "fled", "hit", "quit", "withdrew", "overthrew", "arose", "sought",
    "swore", "told", "shook", "became", "built", "dealt", "fed", "grew", "hung", "laid", "lay",
    "lent", "lit", "rang", "sank", "sang", "spun", "stole", "stuck", "swam", "swept", "threw",
    "tore", "undertook", "upheld", "wept", "wound", "earlier", "previously", "recently", "former",
];
#[rustfmt::skip]
const PRESENT_WORDS: &[&str] = &[
    "is", "are", "am", "says", "has", "have", "does", "do", "tells", "now", "currently", "today",
];
#[rustfmt::skip]
const MODAL_WORDS: &[&str] = &[
    "may", "might", "can", "could", "should", "must", "would", "will", "shall",
];
#[rustfmt::skip]
const BE_WORDS: &[&str] = &[
    "be", "been", "being", "is", "are", "was", "were", "am", "to", "get", "got",
];
#[rustfmt::skip]
const DATE_CONTEXT_WORDS: &[&str] = &[
    "in", "on", "since", "until", "till", "by", "from", "to", "through", "thru", "during", "before",
    "after", "of", "between", "early", "late", "mid", "last", "next", "this", "that", "and", "or",
    "each", "every", "until", "around", "throughout", "into", "mid", "earlier", "later", "end",
    "beginning", "start", "middle", "past", "coming", "following", "previous", "late", "as", "for",
    "at", "within",
];
#[rustfmt::skip]
const QUANTITY_CONTEXT_WORDS: &[&str] = &[
    "than", "some", "about", "nearly", "almost", "approximately", "roughly", "over", "under",
    "only", "least", "most", "just", "total", "totaling", "totalling", "numbered", "number",
    "estimated", "of",
];
#[rustfmt::skip]
const FUNCTION_WORDS: &[&str] = &[
    "and", "or", "but", "is", "was", "were", "are", "has", "had", "have", "will", "the", "a", "an",
    "to", "in", "on", "at", "as", "for", "with", "when", "after", "before", "since", "until",
    "that", "which", "who", "its", "his", "her", "their", "it", "he", "she", "they", "we", "i",
    "this", "these", "those", "of", "by", "from", "through", "saw", "brought", "marked", "did",
    "may", "could", "would", "also",
];
#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "cmdr", "adm",
    "maj", "st", "jr", "sr", "inc", "corp", "co", "ltd", "no", "vs", "etc", "prof", "rev", "ft",
    "mt", "ave", "u", "s", "a", "m", "p", "e", "g", "i", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs",
    "fri", "sat", "sun", "fig", "approx", "est", "dept", "univ", "gov't", "pres", "messrs",
];
/// Nouns after which a four-digit number is a count, not a year.
#[rustfmt::skip]
const MEASURE_WORDS: &[&str] = &[
    "km", "kilometers", "kilometres", "miles", "mile", "feet", "foot", "meters", "metres", "meter",
    "metre", "tons", "tonnes", "pounds", "kg", "kilograms", "dollars", "euros", "people", "percent",
    "troops", "soldiers", "peacekeepers", "points", "shares", "votes", "cases", "deaths", "acres",
    "units", "homes", "jobs", "members", "workers", "children", "residents", "refugees", "users",
    "employees", "men", "women", "students", "rubles", "yuan", "yen", "pesos", "drams", "manat",
    "cars", "vehicles", "barrels", "degrees", "times", "copies", "words", "pages", "hectares",
    "settlements", "rounds", "rockets", "missiles", "buildings", "villages", "prisoners",
    "fighters", "police", "officers", "patients", "seats", "delegates", "tanks", "planes",
    "aircraft", "households", "companies", "firms", "banks", "stores", "schools", "beds", "doses",
    "tests", "infections",
];

fn build() -> HashMap<&'static str, Lex> {
    let mut table: HashMap<&'static str, Lex> = HashMap::with_capacity_and_hasher(600, Default::default());
    for &(word, month, abbrev) in &MONTHS {
        let entry = table.entry(word).or_default();
        entry.month = Some(month);
        entry.abbrev |= abbrev;
    }
    // "dec" and "sun" clash with nothing else but read badly without context: abbreviations.
    table.entry("dec").or_default().month = Some(12);
    table.entry("dec").or_default().abbrev = true;
    for &(word, day, abbrev) in &WEEKDAYS {
        let entry = table.entry(word).or_default();
        entry.weekday = Some(day);
        entry.abbrev |= abbrev;
    }
    table.entry("sun").or_default().weekday = Some(Weekday::Sunday);
    table.entry("sun").or_default().abbrev = true;
    for &(word, unit, plural, abbrev) in &UNITS {
        let entry = table.entry(word).or_default();
        entry.unit = Some(unit);
        entry.plural = plural;
        entry.abbrev |= abbrev && entry.month.is_none();
    }
    for &(word, n) in &NUMBERS {
        table.entry(word).or_default().number = Some(n);
    }
    for &(word, n) in &ORDINALS {
        table.entry(word).or_default().ordinal = Some(n);
    }
    for &(word, season) in &SEASONS {
        table.entry(word).or_default().season = Some(season);
    }
    for &(word, part) in &PARTS_OF_DAY {
        table.entry(word).or_default().part_of_day = Some(part);
    }
    let mut flag = |words: &[&'static str], flag: u32| {
        for &word in words {
            table.entry(word).or_default().flags |= flag;
        }
    };
    flag(FUTURE_WORDS, class::FUTURE);
    flag(FUTURE_IN_PAST_WORDS, class::FUTURE_IN_PAST);
    flag(PAST_WORDS, class::PAST);
    flag(PRESENT_WORDS, class::PRESENT);
    flag(MODAL_WORDS, class::MODAL);
    flag(BE_WORDS, class::BE);
    flag(DATE_CONTEXT_WORDS, class::DATE_CONTEXT);
    flag(QUANTITY_CONTEXT_WORDS, class::QUANTITY_CONTEXT);
    flag(FUNCTION_WORDS, class::FUNCTION);
    flag(ABBREVIATIONS, class::ABBREVIATION);
    flag(MEASURE_WORDS, class::MEASURE);
    // Other words the grammar tests by spelling only get an empty entry, so that a token with
    // no entry can be skipped without string comparisons.
    for word in GRAMMAR_WORDS {
        table.entry(word).or_default();
    }
    for (word, entry) in table.iter_mut() {
        entry.word = word;
    }
    table
}

/// Words the grammar compares by spelling ("ago", "the", "about").
#[rustfmt::skip]
const GRAMMAR_WORDS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "last", "next", "past", "coming",
    "previous", "following", "current", "same", "ago", "later", "earlier", "early", "late", "mid",
    "about", "around", "approximately", "roughly", "some", "nearly", "almost", "at", "least",
    "more", "than", "over", "less", "under", "up", "to", "no", "most", "just", "well", "or", "so",
    "now", "currently", "right", "today", "yesterday", "tomorrow", "tonight", "recently", "recent",
    "lately", "previously", "formerly", "soon", "future", "present", "presently", "nowadays",
    "days", "every", "each", "daily", "weekly", "monthly", "annually", "yearly", "quarterly",
    "hourly", "nightly", "once", "twice", "times", "per", "noon", "midnight", "midday", "end",
    "beginning", "start", "middle", "half", "fiscal", "year", "several", "few", "couple", "many",
    "dozen", "dozens", "hundreds", "thousands", "christmas", "eve", "new", "thanksgiving",
    "halloween", "valentine", "nineteen", "twenty", "period", "term", "long", "old", "olds",
    "ahead", "near", "short", "turn", "beyond", "after", "before", "since", "until", "on", "in",
    "of", "and", "for", "between", "from", "through", "during", "within", "by", "till", "thru",
    "then", "o'clock", "clock", "o", "am", "pm", "a.m", "p.m", "gmt", "utc", "est", "edt", "cst",
    "cdt", "pst", "pdt", "et", "pt", "local", "time", "q1", "q2", "q3", "q4", "h1", "h2",
    "nineties", "eighties", "seventies", "sixties", "fifties", "forties", "thirties", "twenties",
    "earliest", "latest", "day", "week", "month", "decade", "century", "moment", "while", "trading",
    "business", "working", "calendar", "additional", "another", "straight", "consecutive", "full",
    "entire", "whole", "first", "record", "account", "accounts", "affairs", "back", "billion",
    "million", "cents", "bst", "cet", "circa", "close", "dawn", "outset", "extra", "further",
    "successive", "fewer", "longer", "shorter", "not", "older", "younger", "other", "preceding",
    "final", "shortly", "upwards",
];

/// The value of a hyphenated or spaced number word pair: "twenty" + "four" = 24.
pub fn combine_tens(tens: u32, ones: u32) -> Option<u32> {
    (tens >= 20 && tens % 10 == 0 && tens < 100 && (1..=9).contains(&ones)).then_some(tens + ones)
}

/// The ordinal word value of "twenty" + "first" and the like.
pub fn combine_tens_ordinal(tens: u32, ordinal: u32) -> Option<u32> {
    (tens >= 20 && tens % 10 == 0 && tens < 100 && (1..=9).contains(&ordinal)).then_some(tens + ordinal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_have_every_reading() {
        let may = lookup("May").unwrap();
        assert_eq!(may.month, Some(5));
        assert!(may.has(class::MODAL));
        let second = lookup("second").unwrap();
        assert_eq!(second.ordinal, Some(2));
        assert_eq!(second.unit, Some(Unit::Second));
        assert_eq!(lookup("SEPT").unwrap().month, Some(9));
        assert!(lookup("Sept").unwrap().abbrev);
        assert_eq!(lookup("Tuesday").unwrap().weekday, Some(Weekday::Tuesday));
        assert_eq!(lookup("decades").unwrap().unit, Some(Unit::Decade));
        assert!(lookup("decades").unwrap().plural);
        assert!(lookup("armenia").is_none());
        assert!(lookup("é").is_none());
        assert!(lookup("averyveryverylongwordindeed").is_none());
    }

    #[test]
    fn number_words_combine() {
        assert_eq!(combine_tens(20, 4), Some(24));
        assert_eq!(combine_tens(24, 4), None);
        assert_eq!(combine_tens_ordinal(30, 1), Some(31));
    }
}
