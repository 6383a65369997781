//! The date grammar: finds temporal expressions in a token stream and says what they mean,
//! before any resolution ("last year" is "the publication year minus one", not yet "2020").
//!
//! At each token the grammar tries every rule that can start there and keeps the longest
//! match (so "late September last year" wins over "September"), then continues after it.
//! Each rule looks ahead a bounded number of tokens, so a text is read in linear time.
//!
//! Extents follow the TimeML TIMEX3 guidelines as TimeBank applies them: determiners and
//! modifiers belong to the expression ("the 1990s", "the past five years", "at least five
//! years", "late September"), the prepositions before it do not ("since 1991", "on Tuesday"),
//! nor does a possessive "'s".

mod amounts;
mod calendar;
mod clock;
mod relative;

use jiff::civil::{Date, Weekday};

use super::lexicon::{self, PartOfDay, class};
use super::tokens::{NumberSuffix, Token, TokenKind};
use crate::dates::calendar::{Granularity, Granule, Season, Unit};
use crate::dates::timex::{DurationBound, DurationValue, TimexMod};

/// Which year a date written without one belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YearSpec {
    /// Written: "Nov. 10, 2020".
    Explicit(i16),
    /// Not written: chosen from the publication date and the tense ("on June 15").
    Infer,
    /// Relative to the publication year: "September last year" is -1.
    Offset(i16),
    /// "last November": the latest one strictly before the publication date's month.
    Last,
    /// "next November": the first one strictly after.
    Next,
    /// Inferred, then moved by whole years: "the year-earlier third quarter" is -1.
    InferShifted(i16),
}

/// The part of a year a calendar expression names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YearPart {
    Whole,
    Month(i8),
    Day(i8, i8),
    Quarter(i8),
    Half(i8),
    Season(Season),
    /// The n-th weekday of a month: Thanksgiving is the fourth Thursday of November.
    NthWeekday {
        month: i8,
        weekday: Weekday,
        n: i8,
    },
}

/// A weekday's position relative to the publication date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WhichDay {
    /// By tense: "on Tuesday".
    Infer,
    /// "last Tuesday": the latest one strictly before.
    Last,
    /// "next Tuesday": the first one strictly after.
    Next,
    /// "this Tuesday": in the publication date's week.
    This,
}

/// A time of day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clock {
    At { hour: u8, minute: u8 },
    Part(PartOfDay),
}

/// The vague references of TimeML.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reference {
    Past,
    Present,
    Future,
}

impl Reference {
    pub fn value(self) -> &'static str {
        match self {
            Reference::Past => "PAST_REF",
            Reference::Present => "PRESENT_REF",
            Reference::Future => "FUTURE_REF",
        }
    }
}

/// What an expression means before resolution.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// A year or a part of one, the year written or not.
    Calendar {
        year: YearSpec,
        part: YearPart,
    },
    /// A decade or century written in full ("the 1990s", "the 20th century").
    Granule(Granule),
    /// A decade written with two digits ("the '90s", "the nineties"): the century comes
    /// from the publication date.
    ShortDecade(u8),
    /// Moved from the publication date and seen at `granularity`: "yesterday", "last year",
    /// "100 years ago", "this week".
    FromDct {
        unit: Unit,
        amount: i64,
        granularity: Granularity,
    },
    /// Before the publication date by `amount` units: "100 years ago", "a year ago". In
    /// earnings news, "a year ago" after a quarter means that quarter a year before.
    Ago {
        unit: Unit,
        amount: i64,
        granularity: Granularity,
    },
    /// Moved from the date last talked about: "two months later", "the next day", "that
    /// year". Without one, from the publication date.
    FromAnchor {
        unit: Unit,
        amount: i64,
    },
    /// The quarter an earnings report is about: "the quarter", "the latest quarter". The
    /// last quarter the text named, else the last one completed before the publication date.
    ReportedQuarter,
    /// "eight months after the victory": a duration that may be read as a date relative to
    /// the last date talked about (see `TagContext::anchor_event_offsets`).
    EventOffset {
        duration: DurationValue,
        direction: i64,
    },
    Weekday {
        day: Weekday,
        which: WhichDay,
    },
    /// The weekend: "the weekend", "this weekend", "last weekend".
    Weekend {
        which: WhichDay,
    },
    Reference(Reference),
    Duration(DurationValue),
    /// A set, with its TIMEX3 value ("P1Y", "XXXX-WXX-2").
    Set(String),
    /// A time of day, on a day given by `day` or, without one, the day last talked about.
    Time {
        day: Option<Box<Expr>>,
        clock: Clock,
    },
    /// Two ends: "Oct. 5-8", "from May to June", "between 2018 and 2020".
    Range(Box<Mention>, Box<Mention>),
}

/// One expression found by the grammar.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// Token indices, `first..end`.
    pub first: usize,
    pub end: usize,
    pub expr: Expr,
    pub modifier: Option<TimexMod>,
    /// The weekday written in the expression.
    pub weekday: Option<Weekday>,
}

impl Mention {
    fn new(first: usize, end: usize, expr: Expr) -> Mention {
        Mention { first, end, expr, modifier: None, weekday: None }
    }

    fn with_mod(mut self, modifier: Option<TimexMod>) -> Mention {
        if modifier.is_some() {
            self.modifier = modifier;
        }
        self
    }

    /// Whether the expression is a position on the calendar, which "early", "the end of" and
    /// the like can modify.
    fn is_point(&self) -> bool {
        matches!(
            self.expr,
            Expr::Calendar { .. }
                | Expr::Granule(_)
                | Expr::ShortDecade(_)
                | Expr::FromDct { .. }
                | Expr::Ago { .. }
                | Expr::FromAnchor { .. }
                | Expr::Weekday { .. }
                | Expr::Weekend { .. }
                | Expr::Time { .. }
                | Expr::ReportedQuarter
        )
    }
}

/// A count of units: "two", "44", "a", "several" (unknown), "2 1/2".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Quantity {
    amount: Option<u32>,
    half: bool,
    approx: bool,
}

/// An approximation or bound written before a count: "about", "at least", "nearly".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Hedge {
    modifier: TimexMod,
    approx: bool,
    bound: Option<DurationBound>,
}

/// A unit word read by `Grammar::unit`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct UnitWord {
    unit: Unit,
    /// "days" rather than "day".
    plural: bool,
    /// The token after the word (and its abbreviation period).
    next: usize,
}

/// A month word read by `Grammar::month`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct MonthWord {
    month: i8,
    /// The token after the word (and its abbreviation period).
    next: usize,
    /// Doubtful alone as a month: "May" and "March" (verbs too), abbreviations without
    /// their period.
    doubtful: bool,
}

/// The grammar over one chunk's tokens.
pub struct Grammar<'a> {
    text: &'a str,
    tokens: &'a [Token],
}

impl<'a> Grammar<'a> {
    pub fn new(text: &'a str, tokens: &'a [Token]) -> Grammar<'a> {
        Grammar { text, tokens }
    }

    /// All expressions, in text order, non-overlapping.
    pub fn mentions(&self) -> Vec<Mention> {
        longest_at_each(self.tokens.len(), |i| self.best_at(i))
    }

    /// The longest expression starting at token `i`.
    fn best_at(&self, i: usize) -> Option<Mention> {
        let t = self.tokens.get(i)?;
        // Only numbers, known words, identifiers like "Q3" and the apostrophe of "'90s" can
        // start an expression.
        let promising = match t.kind {
            TokenKind::Number | TokenKind::Other => true,
            TokenKind::Word => t.lex.is_some(),
            TokenKind::Punct(c) => c == '\'' || c == '\u{2019}',
        };
        if !promising {
            return None;
        }
        let (month_first, day_first, year, season) =
            (self.month_first(i), self.day_first(i), self.year_rule(i), self.season_rule(i));
        let range = self.range(i, [&month_first, &day_first, &year, &season]);
        let candidates = [
            self.numeric_date(i),
            self.part_of(i),
            month_first,
            day_first,
            year,
            self.decade(i),
            self.century(i),
            self.weekday_rule(i),
            self.deictic(i),
            self.relative(i),
            self.offset(i),
            self.duration(i),
            self.time_rule(i),
            self.quarter(i),
            season,
            self.reference(i),
            self.set(i),
            self.holiday(i),
            range,
            self.year_end(i),
        ];
        longest(i, candidates)
    }

    // ----- token helpers -----

    fn tok(&self, i: usize) -> Option<&Token> {
        self.tokens.get(i)
    }

    fn word(&self, i: usize) -> &str {
        match self.tokens.get(i) {
            Some(t) if t.kind == TokenKind::Word || t.kind == TokenKind::Other => t.text(self.text),
            _ => "",
        }
    }

    /// The lowercase spelling of token `i` if the lexicon knows it, else "": every word a
    /// rule matches by spelling is in the lexicon, so this never misses one and never
    /// allocates.
    fn lower(&self, i: usize) -> &'static str {
        match self.tokens.get(i) {
            Some(t) if t.kind == TokenKind::Word || t.kind == TokenKind::Other => {
                t.lex.map_or("", |l| l.word)
            }
            _ => "",
        }
    }

    fn is(&self, i: usize, word: &str) -> bool {
        self.word(i).eq_ignore_ascii_case(word)
    }

    /// Whether token `i` is one of `words` (lowercase). A word is compared by the lexicon's
    /// spelling (every word the grammar names is in it; debug builds check), so the many
    /// tokens the tagger does not know cost no string comparison; identifiers (`Q3`) by text.
    fn is_any(&self, i: usize, words: &[&str]) -> bool {
        debug_assert!(
            words
                .iter()
                .all(|x| !x.chars().all(char::is_alphabetic)
                    || lexicon::lookup(x).is_some_and(|l| l.word == *x)),
            "a word in {words:?} is not in the tagger's lexicon (lowercase)"
        );
        match self.tokens.get(i) {
            Some(t) if t.kind == TokenKind::Word => t.lex.is_some_and(|l| words.contains(&l.word)),
            Some(t) if t.kind == TokenKind::Other => {
                let w = t.text(self.text);
                words.iter().any(|x| w.eq_ignore_ascii_case(x))
            }
            _ => false,
        }
    }

    fn lex(&self, i: usize) -> Option<&'static lexicon::Lex> {
        self.tokens.get(i).and_then(|t| t.lex)
    }

    fn has_class(&self, i: usize, flag: u32) -> bool {
        self.lex(i).is_some_and(|l| l.has(flag))
    }

    fn punct(&self, i: usize, c: char) -> bool {
        self.tokens.get(i).is_some_and(|t| t.is_punct(c))
    }

    /// A hyphen or dash (any of the usual characters).
    fn dash(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| {
            matches!(t.kind, TokenKind::Punct('-' | '\u{2013}' | '\u{2014}' | '\u{2010}' | '\u{2011}'))
        })
    }

    fn apostrophe(&self, i: usize) -> bool {
        self.punct(i, '\'') || self.punct(i, '\u{2019}')
    }

    /// Token `i` directly follows the previous token, without whitespace.
    fn glued(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| !t.space_before)
    }

    /// A paragraph break (blank line) before token `i`: expressions do not cross it.
    fn breaks(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.newlines_before >= 2)
    }

    fn capitalized(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.capitalized)
    }

    /// Skips a period glued to token `i - 1` ("Nov." or "p.m.").
    fn skip_period(&self, i: usize) -> usize {
        if self.punct(i, '.') && self.glued(i) { i + 1 } else { i }
    }

    fn skip_comma(&self, i: usize) -> usize {
        if self.punct(i, ',') { i + 1 } else { i }
    }

    // ----- building blocks -----

    /// A cardinal number, in digits or words: "44", "twenty-four", "a hundred", "one
    /// thousand". Returns the value and the next token.
    fn cardinal(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.tok(i)?;
        if let Some(n) = t.plain_number() {
            return Some((u32::try_from(n).ok()?, i + 1));
        }
        let lex = t.lex?;
        let mut n = lex.number?;
        let mut next = i + 1;
        if (20..100).contains(&n) && n % 10 == 0 {
            // "twenty-four", "twenty four"
            let j = if self.dash(next) && self.glued(next) { next + 1 } else { next };
            if let Some(ones) = self.lex(j).and_then(|l| l.number)
                && let Some(v) = lexicon::combine_tens(n, ones)
                && (j == next || self.glued(j))
            {
                n = v;
                next = j + 1;
            }
        }
        if n == 100 || n == 1000 {
            // a bare "hundred" is not a count; "a hundred" is handled by `quantity`.
            return None;
        }
        // "two hundred", "three thousand"
        if n < 100
            && let Some(mult) = self.lex(next).and_then(|l| l.number)
            && (mult == 100 || mult == 1000)
        {
            n *= mult;
            next += 1;
        }
        Some((n, next))
    }

    /// A count before a unit: a cardinal, "a"/"an", "a few", "several", "2 1/2", "two and
    /// a half", "a couple of", "dozens of".
    fn quantity(&self, i: usize) -> Option<(Quantity, usize)> {
        let exact = |amount| Quantity { amount: Some(amount), half: false, approx: false };
        let unknown = Quantity { amount: None, half: false, approx: false };
        if self.is_any(i, &["a", "an"]) {
            if self.is(i + 1, "few") {
                return Some((unknown, i + 2));
            }
            if self.is(i + 1, "couple") {
                let next = if self.is(i + 2, "of") { i + 3 } else { i + 2 };
                return Some((Quantity { amount: Some(2), half: false, approx: true }, next));
            }
            if self.is(i + 1, "dozen") {
                return Some((exact(12), i + 2));
            }
            if let Some(n) = self.lex(i + 1).and_then(|l| l.number)
                && (n == 100 || n == 1000)
            {
                return Some((exact(n), i + 2));
            }
            // "a year and a half"
            return Some((exact(1), i + 1));
        }
        if self.is_any(i, &["several", "many", "few"]) {
            return Some((unknown, i + 1));
        }
        if self.is_any(i, &["dozens", "hundreds", "thousands"]) && self.is(i + 1, "of") {
            return Some((unknown, i + 2));
        }
        if self.is(i, "half") && self.is_any(i + 1, &["a", "an"]) {
            return Some((Quantity { amount: Some(0), half: true, approx: false }, i + 2));
        }
        let (n, mut next) = self.cardinal(i)?;
        let mut q = exact(n);
        // "2 1/2"
        if self.tok(next).is_some_and(|t| t.plain_number() == Some(1))
            && self.punct(next + 1, '/')
            && self.tok(next + 2).is_some_and(|t| t.plain_number() == Some(2))
        {
            q.half = true;
            next += 3;
        }
        // "two and a half"
        if self.is(next, "and") && self.is(next + 1, "a") && self.is(next + 2, "half") {
            q.half = true;
            next += 3;
        }
        Some((q, next))
    }

    /// A unit word, with abbreviations only after digits. "trading days", "straight years"
    /// and "more years" skip their adjective. Returns unit, plural, next.
    fn unit(&self, i: usize, after_digits: bool) -> Option<UnitWord> {
        let mut j = i;
        if self.is_any(
            j,
            &[
                "fiscal",
                "more",
                "additional",
                "straight",
                "consecutive",
                "full",
                "trading",
                "business",
                "working",
                "calendar",
                "long",
                "further",
                "successive",
                "extra",
                "whole",
                "entire",
            ],
        ) {
            j += 1;
        }
        let lex = self.lex(j)?;
        let unit = lex.unit?;
        if lex.abbrev && !after_digits {
            return None;
        }
        let next = if lex.abbrev { self.skip_period(j + 1) } else { j + 1 };
        Some(UnitWord { unit, plural: lex.plural, next })
    }

    /// A month word. Abbreviations take their period. Month names need a capital letter.
    /// Returns month, next token, and whether the word alone is doubtful as a month ("May"
    /// the verb, "March" the verb, "Sept" without a number).
    fn month(&self, i: usize) -> Option<MonthWord> {
        let t = self.tok(i)?;
        let lex = t.lex?;
        let month = lex.month?;
        if !t.capitalized {
            return None;
        }
        if lex.abbrev {
            let next = self.skip_period(i + 1);
            return Some(MonthWord { month, next, doubtful: next == i + 1 });
        }
        let doubtful = matches!(month, 3 | 5);
        Some(MonthWord { month, next: i + 1, doubtful })
    }

    /// A day of the month: "10", "27th", "first", "twenty-first".
    fn day(&self, i: usize) -> Option<(i8, usize)> {
        let t = self.tok(i)?;
        if t.is_number() {
            let n = &t.number;
            if n.digits <= 2
                && !n.grouped
                && !n.decimal
                && n.suffix != NumberSuffix::Plural
                && (1..=31).contains(&n.value)
            {
                return Some((n.value as i8, i + 1));
            }
            return None;
        }
        let lex = t.lex?;
        if let Some(ord) = lex.ordinal {
            return Some((ord as i8, i + 1)).filter(|_| ord <= 31);
        }
        if let Some(tens) = lex.number
            && (tens == 20 || tens == 30)
        {
            let j = if self.dash(i + 1) { i + 2 } else { i + 1 };
            if let Some(ord) = self.lex(j).and_then(|l| l.ordinal)
                && let Some(v) = lexicon::combine_tens_ordinal(tens, ord)
                && v <= 31
            {
                return Some((v as i8, j + 1));
            }
        }
        None
    }

    /// A four-digit year, 1000 to 2099.
    fn year(&self, i: usize) -> Option<(i16, usize)> {
        let t = self.tok(i)?;
        let n = t.plain_number()?;
        if t.number.digits == 4 && (1000..=2099).contains(&n) {
            return Some((n as i16, i + 1));
        }
        None
    }

    /// A weekday word ("Tuesday", "Tues."), capitalized.
    fn weekday(&self, i: usize) -> Option<(Weekday, usize)> {
        let t = self.tok(i)?;
        let lex = t.lex?;
        let day = lex.weekday?;
        if !t.capitalized {
            return None;
        }
        if lex.abbrev {
            let next = self.skip_period(i + 1);
            return (next > i + 1).then_some((day, next));
        }
        Some((day, i + 1))
    }

    /// An approximation or bound before a count.
    fn hedge(&self, i: usize) -> Option<(Hedge, usize)> {
        let h = |modifier, approx, bound| Hedge { modifier, approx, bound };
        let w = self.lower(i);
        let counted = |j: usize| self.quantity(j).is_some() || self.is(j, "the");
        let found = match w {
            "about" | "around" | "approximately" | "roughly" | "circa" => {
                (h(TimexMod::Approx, true, None), i + 1)
            }
            "some" if self.cardinal(i + 1).is_some() => (h(TimexMod::Approx, true, None), i + 1),
            "nearly" | "almost" => (h(TimexMod::LessThan, true, None), i + 1),
            "close" if self.is(i + 1, "to") => (h(TimexMod::LessThan, true, None), i + 2),
            "at" if self.is(i + 1, "least") => {
                (h(TimexMod::EqualOrMore, false, Some(DurationBound::AtLeast)), i + 2)
            }
            "at" if self.is(i + 1, "most") => {
                (h(TimexMod::EqualOrLess, false, Some(DurationBound::AtMost)), i + 2)
            }
            "more" | "longer" if self.is(i + 1, "than") => {
                (h(TimexMod::MoreThan, false, Some(DurationBound::MoreThan)), i + 2)
            }
            "less" | "fewer" | "shorter" if self.is(i + 1, "than") => {
                (h(TimexMod::LessThan, false, Some(DurationBound::LessThan)), i + 2)
            }
            // Plain "over" is mostly the preposition: "over the past 20 years".
            "upwards" if self.is(i + 1, "of") => {
                let next = i + 2;
                (h(TimexMod::MoreThan, false, Some(DurationBound::MoreThan)), next)
            }
            "under" => (h(TimexMod::LessThan, false, Some(DurationBound::LessThan)), i + 1),
            "up" if self.is(i + 1, "to") => {
                (h(TimexMod::EqualOrLess, false, Some(DurationBound::AtMost)), i + 2)
            }
            "no" | "not" if self.is_any(i + 1, &["more", "longer"]) && self.is(i + 2, "than") => {
                (h(TimexMod::EqualOrLess, false, Some(DurationBound::AtMost)), i + 3)
            }
            "no" | "not" if self.is_any(i + 1, &["less", "fewer"]) && self.is(i + 2, "than") => {
                (h(TimexMod::EqualOrMore, false, Some(DurationBound::AtLeast)), i + 3)
            }
            "just" | "well" | "only" if self.is_any(i + 1, &["over", "under"]) => {
                let (m, b) = if self.is(i + 1, "over") {
                    (TimexMod::MoreThan, DurationBound::MoreThan)
                } else {
                    (TimexMod::LessThan, DurationBound::LessThan)
                };
                (h(m, false, Some(b)), i + 2)
            }
            _ => return None,
        };
        counted(found.1).then_some(found)
    }

    /// "or so" / "or more" / "or less" after a count.
    fn hedge_suffix(&self, i: usize) -> Option<(Hedge, usize)> {
        if !self.is(i, "or") {
            return None;
        }
        let h = |modifier, approx, bound| Hedge { modifier, approx, bound };
        if self.is(i + 1, "so") {
            Some((h(TimexMod::Approx, true, None), i + 2))
        } else if self.is_any(i + 1, &["more", "longer"]) {
            Some((h(TimexMod::EqualOrMore, false, Some(DurationBound::AtLeast)), i + 2))
        } else if self.is_any(i + 1, &["less", "fewer"]) {
            Some((h(TimexMod::EqualOrLess, false, Some(DurationBound::AtMost)), i + 2))
        } else {
            None
        }
    }

    /// "early", "late", "mid", "the end of", ... before a calendar expression.
    fn part_word(&self, i: usize) -> Option<(TimexMod, usize)> {
        let w = self.lower(i);
        match w {
            "early" | "late" if self.dash(i + 1) && self.glued(i + 1) && self.glued(i + 2) => {
                let m = if w == "early" { TimexMod::Start } else { TimexMod::End };
                Some((m, i + 2))
            }
            "early" | "earlier" => Some((TimexMod::Start, i + 1)),
            "late" | "later" => Some((TimexMod::End, i + 1)),
            "mid" => {
                let next = if self.dash(i + 1) { i + 2 } else { i + 1 };
                Some((TimexMod::Mid, next))
            }
            "the" => {
                let m = match self.lower(i + 1) {
                    "beginning" | "start" | "dawn" | "outset" => TimexMod::Start,
                    "end" | "close" => TimexMod::End,
                    "middle" => TimexMod::Mid,
                    _ => return None,
                };
                self.is(i + 2, "of").then_some((m, i + 3))
            }
            _ => None,
        }
    }
}

/// Expressions in text order, non-overlapping: at each token the one `best_at` finds, then
/// on after it. Shared by every grammar.
pub(super) fn longest_at_each(tokens: usize, best_at: impl Fn(usize) -> Option<Mention>) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens {
        match best_at(i) {
            Some(m) if m.end > i => {
                i = m.end;
                out.push(m);
            }
            _ => i += 1,
        }
    }
    out
}

/// Of the rules' readings at token `i`, the longest; among equally long ones, the rule
/// listed first.
pub(super) fn longest<const N: usize>(i: usize, candidates: [Option<Mention>; N]) -> Option<Mention> {
    candidates
        .into_iter()
        .enumerate()
        .filter_map(|(rank, m)| m.filter(|m| m.end > i).map(|m| (rank, m)))
        .max_by_key(|(rank, m)| (m.end, std::cmp::Reverse(*rank)))
        .map(|(_, m)| m)
}

fn cal(year: YearSpec, part: YearPart) -> Expr {
    Expr::Calendar { year, part }
}

fn valid_date(year: i16, month: i8, day: i8) -> Option<Date> {
    Date::new(year, month, day).ok()
}

/// "two years ago" is a year, "a decade ago" a year too (2003, not the 2000s), "three
/// weeks ago" a week, hours and minutes ago today.
fn ago_granularity(unit: Unit, n: i64) -> (Unit, i64, Granularity) {
    match unit {
        Unit::Decade => (Unit::Year, n * 10, Granularity::Year),
        Unit::Century => (Unit::Year, n * 100, Granularity::Year),
        Unit::Millennium => (Unit::Year, n * 1000, Granularity::Year),
        Unit::Second | Unit::Minute | Unit::Hour => (unit, n, Granularity::Day),
        _ => (unit, n, unit.granularity()),
    }
}

/// The duration for a count of units, with a half turned into the next finer unit.
fn duration_of(q: Quantity, unit: Unit, hedge: Option<Hedge>) -> DurationValue {
    let (amount, unit) = match (q.amount, q.half) {
        (Some(n), true) => {
            let (finer, factor) = match unit {
                Unit::Millennium => (Unit::Year, 1000),
                Unit::Century => (Unit::Year, 100),
                Unit::Decade => (Unit::Year, 10),
                Unit::Year => (Unit::Month, 12),
                Unit::Half => (Unit::Month, 6),
                Unit::Quarter | Unit::Season => (Unit::Month, 3),
                Unit::Month => (Unit::Day, 30),
                Unit::Week | Unit::Weekend => (Unit::Hour, 168),
                Unit::Day => (Unit::Hour, 24),
                Unit::Hour => (Unit::Minute, 60),
                Unit::Minute | Unit::Second => (Unit::Second, 60),
            };
            (Some(n.saturating_mul(factor).saturating_add(factor / 2)), finer)
        }
        (amount, _) => (amount, unit),
    };
    DurationValue {
        amount,
        unit,
        approx: q.approx || hedge.is_some_and(|h| h.approx),
        bound: hedge.and_then(|h| h.bound),
    }
}

#[cfg(test)]
mod tests {
    use super::super::lexicon;

    /// `Grammar::lower` only knows lexicon words: every single-word literal the grammar
    /// compares must be in the lexicon, or a rule would silently never match.
    #[test]
    fn every_word_the_grammar_spells_is_in_the_lexicon() {
        let sources = [
            include_str!("mod.rs"),
            include_str!("amounts.rs"),
            include_str!("calendar.rs"),
            include_str!("clock.rs"),
            include_str!("relative.rs"),
        ];
        let code: String = sources
            .iter()
            .map(|source| &source[..source.find("#[cfg(test)]").unwrap_or(source.len())])
            .collect();
        let literal = regex::Regex::new(r#""([a-z][a-z']*)""#).unwrap();
        let mut missing: Vec<&str> = literal
            .captures_iter(&code)
            .map(|c| c.get(1).map_or("", |m| m.as_str()))
            .filter(|w| !w.ends_with("'s") && lexicon::lookup(w).is_none())
            .collect();
        missing.sort_unstable();
        missing.dedup();
        assert!(missing.is_empty(), "add to lexicon::GRAMMAR_WORDS: {missing:?}");
    }
}
