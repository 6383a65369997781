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
        Mention {
            first,
            end,
            expr,
            modifier: None,
            weekday: None,
        }
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
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.tokens.len() {
            match self.best_at(i) {
                Some(m) if m.end > i => {
                    i = m.end;
                    out.push(m);
                }
                _ => i += 1,
            }
        }
        out
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
        let candidates = [
            self.numeric_date(i),
            self.part_of(i),
            self.month_first(i),
            self.day_first(i),
            self.year_rule(i),
            self.decade(i),
            self.century(i),
            self.weekday_rule(i),
            self.deictic(i),
            self.relative(i),
            self.offset(i),
            self.duration(i),
            self.time_rule(i),
            self.quarter(i),
            self.season_rule(i),
            self.reference(i),
            self.set(i),
            self.holiday(i),
            self.range(i),
            self.year_end(i),
        ];
        // The longest wins; among equally long ones, the rule listed first.
        candidates
            .into_iter()
            .enumerate()
            .filter_map(|(rank, m)| m.filter(|m| m.end > i).map(|m| (rank, m)))
            .max_by_key(|(rank, m)| (m.end, std::cmp::Reverse(*rank)))
            .map(|(_, m)| m)
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

    fn is_any(&self, i: usize, words: &[&str]) -> bool {
        let w = self.word(i);
        !w.is_empty() && words.iter().any(|x| w.eq_ignore_ascii_case(x))
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
            matches!(
                t.kind,
                TokenKind::Punct('-' | '\u{2013}' | '\u{2014}' | '\u{2010}' | '\u{2011}')
            )
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
        if self.punct(i, '.') && self.glued(i) {
            i + 1
        } else {
            i
        }
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
            let j = if self.dash(next) && self.glued(next) {
                next + 1
            } else {
                next
            };
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
        let exact = |amount| Quantity {
            amount: Some(amount),
            half: false,
            approx: false,
        };
        let unknown = Quantity {
            amount: None,
            half: false,
            approx: false,
        };
        if self.is_any(i, &["a", "an"]) {
            if self.is(i + 1, "few") {
                return Some((unknown, i + 2));
            }
            if self.is(i + 1, "couple") {
                let next = if self.is(i + 2, "of") { i + 3 } else { i + 2 };
                return Some((
                    Quantity {
                        amount: Some(2),
                        half: false,
                        approx: true,
                    },
                    next,
                ));
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
            return Some((
                Quantity {
                    amount: Some(0),
                    half: true,
                    approx: false,
                },
                i + 2,
            ));
        }
        let (n, mut next) = self.cardinal(i)?;
        let mut q = exact(n);
        // "2 1/2"
        if self.tok(next).is_some_and(|t| t.plain_number() == Some(1))
            && self.punct(next + 1, '/')
            && self
                .tok(next + 2)
                .is_some_and(|t| t.plain_number() == Some(2))
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
    fn unit(&self, i: usize, after_digits: bool) -> Option<(Unit, bool, usize)> {
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
        let next = if lex.abbrev {
            self.skip_period(j + 1)
        } else {
            j + 1
        };
        Some((unit, lex.plural, next))
    }

    /// A month word. Abbreviations take their period. Month names need a capital letter.
    /// Returns month, next token, and whether the word alone is doubtful as a month ("May"
    /// the verb, "March" the verb, "Sept" without a number).
    fn month(&self, i: usize) -> Option<(i8, usize, bool)> {
        let t = self.tok(i)?;
        let lex = t.lex?;
        let month = lex.month?;
        if !t.capitalized {
            return None;
        }
        if lex.abbrev {
            let next = self.skip_period(i + 1);
            return Some((month, next, next == i + 1));
        }
        let doubtful = matches!(month, 3 | 5);
        Some((month, i + 1, doubtful))
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
        let h = |modifier, approx, bound| Hedge {
            modifier,
            approx,
            bound,
        };
        let w = self.lower(i);
        let counted = |j: usize| self.quantity(j).is_some() || self.is(j, "the");
        let found = match w {
            "about" | "around" | "approximately" | "roughly" | "circa" => {
                (h(TimexMod::Approx, true, None), i + 1)
            }
            "some" if self.cardinal(i + 1).is_some() => (h(TimexMod::Approx, true, None), i + 1),
            "nearly" | "almost" => (h(TimexMod::LessThan, true, None), i + 1),
            "close" if self.is(i + 1, "to") => (h(TimexMod::LessThan, true, None), i + 2),
            "at" if self.is(i + 1, "least") => (
                h(TimexMod::EqualOrMore, false, Some(DurationBound::AtLeast)),
                i + 2,
            ),
            "at" if self.is(i + 1, "most") => (
                h(TimexMod::EqualOrLess, false, Some(DurationBound::AtMost)),
                i + 2,
            ),
            "more" | "longer" if self.is(i + 1, "than") => (
                h(TimexMod::MoreThan, false, Some(DurationBound::MoreThan)),
                i + 2,
            ),
            "less" | "fewer" | "shorter" if self.is(i + 1, "than") => (
                h(TimexMod::LessThan, false, Some(DurationBound::LessThan)),
                i + 2,
            ),
            // Plain "over" is mostly the preposition: "over the past 20 years".
            "upwards" if self.is(i + 1, "of") => {
                let next = i + 2;
                (
                    h(TimexMod::MoreThan, false, Some(DurationBound::MoreThan)),
                    next,
                )
            }
            "under" => (
                h(TimexMod::LessThan, false, Some(DurationBound::LessThan)),
                i + 1,
            ),
            "up" if self.is(i + 1, "to") => (
                h(TimexMod::EqualOrLess, false, Some(DurationBound::AtMost)),
                i + 2,
            ),
            "no" | "not" if self.is_any(i + 1, &["more", "longer"]) && self.is(i + 2, "than") => (
                h(TimexMod::EqualOrLess, false, Some(DurationBound::AtMost)),
                i + 3,
            ),
            "no" | "not" if self.is_any(i + 1, &["less", "fewer"]) && self.is(i + 2, "than") => (
                h(TimexMod::EqualOrMore, false, Some(DurationBound::AtLeast)),
                i + 3,
            ),
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
        let h = |modifier, approx, bound| Hedge {
            modifier,
            approx,
            bound,
        };
        if self.is(i + 1, "so") {
            Some((h(TimexMod::Approx, true, None), i + 2))
        } else if self.is_any(i + 1, &["more", "longer"]) {
            Some((
                h(TimexMod::EqualOrMore, false, Some(DurationBound::AtLeast)),
                i + 2,
            ))
        } else if self.is_any(i + 1, &["less", "fewer"]) {
            Some((
                h(TimexMod::EqualOrLess, false, Some(DurationBound::AtMost)),
                i + 2,
            ))
        } else {
            None
        }
    }

    /// "early", "late", "mid", "the end of", ... before a calendar expression.
    fn part_word(&self, i: usize) -> Option<(TimexMod, usize)> {
        let w = self.lower(i);
        match w {
            "early" | "late" if self.dash(i + 1) && self.glued(i + 1) && self.glued(i + 2) => {
                let m = if w == "early" {
                    TimexMod::Start
                } else {
                    TimexMod::End
                };
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

    // ----- rules -----

    /// "2020-11-10", "11/10/2020" (US order), "10/11/20".
    fn numeric_date(&self, i: usize) -> Option<Mention> {
        // ISO: YYYY-MM-DD or YYYY/MM/DD, all glued.
        if let Some((year, j)) = self.year(i) {
            let sep = self.tok(j)?;
            let sep_char = match sep.kind {
                TokenKind::Punct(c @ ('-' | '/')) => c,
                _ => return None,
            };
            let month = self.tok(j + 1)?;
            if !self.glued(j) || !self.glued(j + 1) || month.number.digits != 2 {
                return None;
            }
            if !(self.punct(j + 2, sep_char) && self.glued(j + 2) && self.glued(j + 3)) {
                return None;
            }
            let day = self.tok(j + 3)?;
            if day.number.digits != 2 {
                return None;
            }
            let (m, d) = (month.plain_number()?, day.plain_number()?);
            // Not followed by more digits ("2020-11-10-3").
            if self.dash(j + 4)
                && self.glued(j + 4)
                && self.tok(j + 5).is_some_and(|t| t.is_number())
            {
                return None;
            }
            valid_date(year, m as i8, d as i8)?;
            return Some(Mention::new(
                i,
                j + 4,
                cal(YearSpec::Explicit(year), YearPart::Day(m as i8, d as i8)),
            ));
        }
        // US: MM/DD/YYYY, M/D/YY, also with dashes.
        let a = self.tok(i)?;
        if a.number.digits > 2 || a.plain_number().is_none() {
            return None;
        }
        let sep_char = match self.tok(i + 1)?.kind {
            TokenKind::Punct(c @ ('/' | '-')) => c,
            _ => return None,
        };
        let b = self.tok(i + 2)?;
        let c = self.tok(i + 4)?;
        if !(self.glued(i + 1)
            && self.glued(i + 2)
            && self.punct(i + 3, sep_char)
            && self.glued(i + 3)
            && self.glued(i + 4))
        {
            return None;
        }
        let (x, y) = (a.plain_number()?, b.plain_number()?);
        if b.number.digits > 2 {
            return None;
        }
        let year = match (c.plain_number()?, c.number.digits) {
            (n, 4) if (1000..=2099).contains(&n) => n as i16,
            (n, 2) if sep_char == '/' => (if n < 50 { 2000 + n } else { 1900 + n }) as i16,
            _ => return None,
        };
        if self
            .tok(i + 5)
            .is_some_and(|t| !t.space_before && (t.is_number() || t.is_punct('/')))
        {
            return None;
        }
        let (m, d) = if x > 12 && y <= 12 { (y, x) } else { (x, y) };
        valid_date(year, m as i8, d as i8)?;
        Some(Mention::new(
            i,
            i + 5,
            cal(YearSpec::Explicit(year), YearPart::Day(m as i8, d as i8)),
        ))
    }

    /// "early", "late", "mid-", "the end of", ... + a calendar expression.
    fn part_of(&self, i: usize) -> Option<Mention> {
        let (modifier, mut j) = self.part_word(i)?;
        // "late on Wednesday", "early in the day" is not a date.
        if self.is(j, "on") && !self.is(i, "the") {
            j += 1;
        }
        if self.breaks(j) {
            return None;
        }
        let inner = [
            self.month_first(j),
            self.day_first(j),
            self.year_rule_core(j, true),
            self.decade(j),
            self.century(j),
            self.weekday_rule(j),
            self.deictic(j),
            self.relative(j),
            self.season_rule(j),
            self.quarter(j),
            self.this_unit(j),
        ];
        let inner = inner
            .into_iter()
            .flatten()
            .filter(|m| m.is_point())
            .max_by_key(|m| m.end)?;
        // "mid-2020" and "the end of the year" are points; "later this year" too, but plain
        // "later"/"earlier" need a relative or weekday after them, not "later 2020".
        if self.is_any(i, &["later", "earlier"])
            && !matches!(inner.expr, Expr::FromDct { .. } | Expr::Time { .. })
        {
            return None;
        }
        let mut m = inner;
        m.first = i;
        if m.modifier.is_none() {
            m.modifier = Some(modifier);
        }
        Some(m)
    }

    /// "year-end", "year end", "year's end": the end of the publication year.
    fn year_end(&self, i: usize) -> Option<Mention> {
        if !self.is(i, "year") {
            return None;
        }
        let end = if self.dash(i + 1) && self.glued(i + 1) && self.is(i + 2, "end") {
            i + 3
        } else if self.is(i + 1, "end") {
            i + 2
        } else if self.apostrophe(i + 1) && self.is(i + 2, "s") && self.is(i + 3, "end") {
            i + 4
        } else {
            return None;
        };
        let expr = Expr::FromDct {
            unit: Unit::Year,
            amount: 0,
            granularity: Granularity::Year,
        };
        Some(Mention::new(i, end, expr).with_mod(Some(TimexMod::End)))
    }

    /// "this year", "the year", "the month" after "the end of": the publication date's unit.
    fn this_unit(&self, i: usize) -> Option<Mention> {
        if !self.is_any(i, &["the", "this"]) {
            return None;
        }
        let (unit, plural, next) = self.unit(i + 1, false)?;
        if plural
            || !matches!(
                unit,
                Unit::Year | Unit::Month | Unit::Week | Unit::Decade | Unit::Century | Unit::Day
            )
        {
            return None;
        }
        Some(Mention::new(
            i,
            next,
            Expr::FromDct {
                unit,
                amount: 0,
                granularity: unit.granularity(),
            },
        ))
    }

    /// Month-first dates: "Nov. 10, 2020", "November 10", "Sept. 27th", "Oct. 5-8",
    /// "November 2020", "September last year", "May" (with context).
    fn month_first(&self, i: usize) -> Option<Mention> {
        let (month, j, doubtful) = self.month(i)?;
        // Day after the month.
        if let Some((day, k)) = self.day(j).filter(|_| !self.breaks(j))
            && !(self.punct(k, ':') && self.glued(k) && self.glued(k + 1))
            && !self.is_any(k, &["percent", "%", "per", "cents", "million", "billion"])
            && !self.tok(j).is_some_and(|t| {
                t.number.suffix == NumberSuffix::None && t.number.digits == 2 && t.number.value > 31
            })
        {
            // A day range: "Oct. 5-8", "October 5 to 8".
            let range_end = if (self.dash(k) || self.is_any(k, &["to", "through", "until", "till"]))
                && let Some((day2, k2)) = self.day(k + 1)
                && day2 > day
                && self.month(k + 1).is_none()
            {
                Some((day2, k + 1, k2))
            } else {
                None
            };
            let after_days = range_end.map(|(_, _, k2)| k2).unwrap_or(k);
            let comma = self.skip_comma(after_days);
            let (year, end) = match self.year(comma) {
                Some((y, e)) if !self.breaks(comma) => (YearSpec::Explicit(y), e),
                _ => (YearSpec::Infer, after_days),
            };
            let year_for_check = match year {
                YearSpec::Explicit(y) => y,
                _ => 2000,
            };
            valid_date(year_for_check, month, day)?;
            if let Some((day2, k1, k2)) = range_end {
                valid_date(year_for_check, month, day2)?;
                let from = Mention::new(i, k1 - 1, cal(year, YearPart::Day(month, day)));
                let to = Mention::new(
                    k1,
                    if end > k2 { end } else { k2 },
                    cal(year, YearPart::Day(month, day2)),
                );
                return Some(Mention::new(
                    i,
                    end.max(k2),
                    Expr::Range(Box::new(from), Box::new(to)),
                ));
            }
            // Without a year, a trailing ", Tuesday" is not taken; with one neither.
            return Some(Mention::new(i, end, cal(year, YearPart::Day(month, day))));
        }
        // Month and year: "November 2020", "November of 2020", "Nov. 2020".
        let k = if self.is(j, "of") {
            j + 1
        } else {
            self.skip_comma(j)
        };
        if let Some((year, end)) = self
            .year(k)
            .or_else(|| self.spoken_year(k))
            .filter(|_| !self.breaks(k))
            && !self.is_measure_after(end)
        {
            return Some(Mention::new(
                i,
                end,
                cal(YearSpec::Explicit(year), YearPart::Month(month)),
            ));
        }
        // "September last year", "June of this year".
        let k = if self.is(j, "of") { j + 1 } else { j };
        if let Some(offset) = self.year_offset_word(k)
            && self.is(k + 1, "year")
        {
            return Some(Mention::new(
                i,
                k + 2,
                cal(YearSpec::Offset(offset), YearPart::Month(month)),
            ));
        }
        // The month alone: abbreviations never; "May" and "March" only after a date word.
        if doubtful && !self.month_context(i) {
            return None;
        }
        if self.lex(i).is_some_and(|l| l.abbrev) {
            return None;
        }
        // "June Carter", "April Ryan": a name, unless after a date word.
        if self.capitalized(j)
            && !self.month_context(i)
            && self
                .lex(j)
                .is_none_or(|l| l.month.is_none() && l.weekday.is_none())
        {
            return None;
        }
        // Sentence-initial "March" / "May" are verbs far more often than months.
        Some(Mention::new(
            i,
            j,
            cal(YearSpec::Infer, YearPart::Month(month)),
        ))
    }

    /// "last" / "this" / "next" before "year": -1, 0, +1.
    fn year_offset_word(&self, i: usize) -> Option<i16> {
        match self.lower(i) {
            "last" | "previous" => Some(-1),
            "this" | "current" => Some(0),
            "next" | "following" | "coming" => Some(1),
            _ => None,
        }
    }

    /// Whether the word before a lone month name makes it a month: "in May", "since May",
    /// "early May", "May and June".
    fn month_context(&self, i: usize) -> bool {
        if i == 0 {
            return false;
        }
        let prev = i - 1;
        if self.has_class(prev, class::DATE_CONTEXT) && !self.has_class(prev, class::MODAL) {
            // "and"/"or" only between months: "April and May".
            if self.is_any(prev, &["and", "or"]) {
                return prev >= 1 && self.lex(prev - 1).is_some_and(|l| l.month.is_some());
            }
            return true;
        }
        if self.dash(prev) && prev >= 1 && self.is(prev - 1, "mid") {
            return true;
        }
        // "May 2020" / "May last year" are handled before this is asked; "May," after a
        // list of months too.
        false
    }

    /// Whether the word at `i` makes a preceding number a quantity ("2000 soldiers").
    fn is_measure_after(&self, i: usize) -> bool {
        self.has_class(i, class::MEASURE) || self.punct(i, '%')
    }

    /// Day-first dates: "10 November 2020", "the 10th of November", "05-08 October 2021".
    fn day_first(&self, i: usize) -> Option<Mention> {
        let start = i;
        let i = if self.is(i, "the") && self.day(i + 1).is_some() {
            i + 1
        } else {
            i
        };
        let (day, j) = self.day(i)?;
        // A day range: "05-08 October 2021", "5 to 8 October".
        let (range, j) = if (self.dash(j) || self.is_any(j, &["to", "and"]))
            && let Some((day2, k)) = self.day(j + 1)
            && day2 > day
        {
            (Some((day2, j + 1)), k)
        } else {
            (None, j)
        };
        let k = if self.is(j, "of") { j + 1 } else { j };
        let (month, after_month, _) = self.month(k)?;
        if self.breaks(k) {
            return None;
        }
        let comma = self.skip_comma(after_month);
        let (year, end) = match self.year(comma) {
            Some((y, e)) if !self.breaks(comma) => (YearSpec::Explicit(y), e),
            _ => (YearSpec::Infer, after_month),
        };
        let check_year = match year {
            YearSpec::Explicit(y) => y,
            _ => 2000,
        };
        valid_date(check_year, month, day)?;
        // A plain number before a month with no year and no "the"/"of" is often a count:
        // "won 3 May elections" is rare, "3 March" common; accept both.
        if let Some((day2, k2)) = range {
            valid_date(check_year, month, day2)?;
            let from = Mention::new(start, k2 - 1, cal(year, YearPart::Day(month, day)));
            let to = Mention::new(k2, end, cal(year, YearPart::Day(month, day2)));
            return Some(Mention::new(
                start,
                end,
                Expr::Range(Box::new(from), Box::new(to)),
            ));
        }
        Some(Mention::new(
            start,
            end,
            cal(year, YearPart::Day(month, day)),
        ))
    }

    /// Years: "2020", "the year 2000", "fiscal 1989", "2009-2010".
    fn year_rule(&self, i: usize) -> Option<Mention> {
        self.year_rule_core(i, false)
    }

    fn year_rule_core(&self, i: usize, after_part_word: bool) -> Option<Mention> {
        let start = i;
        let mut j = i;
        let mut introduced = after_part_word;
        if self.is(j, "the") && self.is(j + 1, "year") && self.year(j + 2).is_some() {
            j += 2;
            introduced = true;
        } else if self.is(j, "fiscal") && self.year(j + 1).is_some() {
            j += 1;
            introduced = true;
        } else if self.is(j, "fiscal") && self.is(j + 1, "year") && self.year(j + 2).is_some() {
            j += 2;
            introduced = true;
        }
        // Years said in words in transcripts: "nineteen ninety-six", "two thousand".
        if let Some((year, end)) = self.spoken_year(j) {
            return Some(Mention::new(
                start,
                end,
                cal(YearSpec::Explicit(year), YearPart::Whole),
            ));
        }
        let (year, end) = self.year(j)?;
        if !introduced && !self.plausible_year(j) {
            return None;
        }
        // "1994 or later", "1990 and beyond", "2000 or earlier".
        let open_end = if self.is(end, "or") && self.is_any(end + 1, &["later", "after"])
            || self.is(end, "and") && self.is_any(end + 1, &["beyond", "later", "after"])
        {
            Some(TimexMod::OnOrAfter)
        } else if self.is(end, "or") && self.is_any(end + 1, &["earlier", "before"]) {
            Some(TimexMod::OnOrBefore)
        } else {
            None
        };
        if open_end.is_some() {
            let m = Mention::new(
                start,
                end + 2,
                cal(YearSpec::Explicit(year), YearPart::Whole),
            );
            return Some(m.with_mod(open_end));
        }
        // A year range: "2009-2010", "2009-10".
        if self.dash(end) && self.glued(end) && self.glued(end + 1) {
            let to = self.tok(end + 1)?;
            let to_year = match (to.plain_number(), to.number.digits) {
                (Some(n), 4) if (1000..=2099).contains(&n) => n as i16,
                (Some(n), 2) => (year / 100 * 100) + n as i16,
                _ => return None,
            };
            if to_year <= year || self.dash(end + 2) && self.glued(end + 2) {
                return None;
            }
            let from = Mention::new(start, end, cal(YearSpec::Explicit(year), YearPart::Whole));
            let to = Mention::new(
                end + 1,
                end + 2,
                cal(YearSpec::Explicit(to_year), YearPart::Whole),
            );
            return Some(Mention::new(
                start,
                end + 2,
                Expr::Range(Box::new(from), Box::new(to)),
            ));
        }
        if self.dash(end) && self.glued(end) && self.tok(end + 1).is_some_and(|t| t.is_number()) {
            return None;
        }
        Some(Mention::new(
            start,
            end,
            cal(YearSpec::Explicit(year), YearPart::Whole),
        ))
    }

    /// A year in words: "nineteen ninety-six" (19 and 96), "two thousand (and) one".
    fn spoken_year(&self, i: usize) -> Option<(i16, usize)> {
        if !self.tok(i)?.is_word() {
            return None;
        }
        let first = self.lex(i)?.number?;
        if first == 2 && self.is(i + 1, "thousand") {
            let mut j = i + 2;
            if self.is(j, "and") {
                j += 1;
            }
            return match self
                .cardinal(j)
                .filter(|_| self.tok(j).is_some_and(|t| t.is_word()))
            {
                Some((n, next)) if n < 100 => Some((2000 + n as i16, next)),
                _ => Some((2000, i + 2)),
            };
        }
        if !(11..=20).contains(&first) || !self.tok(i + 1)?.is_word() {
            return None;
        }
        let (rest, next) = self.cardinal(i + 1)?;
        if !(10..100).contains(&rest) {
            return None;
        }
        Some(((first * 100 + rest) as i16, next))
    }

    /// Whether a bare four-digit number at `i` reads as a year rather than a quantity, an
    /// identifier or a price.
    fn plausible_year(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return false };
        let value = t.number.value;
        // Glued to something before: "$2000", "TR-2020", "#1990", "No.1990".
        if i > 0 && !t.space_before {
            let prev = &self.tokens[i - 1];
            let ok_before = matches!(
                prev.kind,
                TokenKind::Punct('(' | '"' | '\u{201c}' | '[' | '\'' | '\u{2018}')
            );
            if !ok_before {
                return false;
            }
        }
        // Followed by ":" digits (a time), "%" or a measure noun.
        if let Some(next) = self.tok(i + 1)
            && !next.space_before
            && (next.is_punct(':')
                || next.is_punct('%')
                || next.is_punct('.')
                    && self
                        .tok(i + 2)
                        .is_some_and(|t| t.is_number() && !t.space_before))
        {
            return false;
        }
        if self.is_measure_after(i + 1) {
            return false;
        }
        let prev_word = if i > 0 { self.word(i - 1) } else { "" };
        // Years before 1900 need a date word before them: "in 1850".
        if value < 1900 && !(i > 0 && self.has_class(i - 1, class::DATE_CONTEXT)) {
            return false;
        }
        // "than 2000", "some 1500", "about 2000" + a noun: counts.
        if i > 0 && self.has_class(i - 1, class::QUANTITY_CONTEXT) && !self.is(i - 1, "of") {
            let next_is_noun = self
                .tok(i + 1)
                .is_some_and(|n| n.is_word() && !n.capitalized)
                && !self.has_class(i + 1, class::FUNCTION);
            if next_is_noun || self.is_any(i - 1, &["than", "some"]) {
                return false;
            }
        }
        // "Windows 2000", "Flight 1549", "Resolution 1990": a capitalized name right before
        // (at a sentence start too), unless it is a date or function word ("In 1990").
        if i > 0
            && self.capitalized(i - 1)
            && self.lex(i - 1).is_none_or(|l| {
                l.month.is_none()
                    && l.season.is_none()
                    && !l.has(class::DATE_CONTEXT)
                    && !l.has(class::FUNCTION)
            })
            && !self.tokens[i - 1].all_caps
        {
            return false;
        }
        if prev_word.eq_ignore_ascii_case("no")
            || prev_word.eq_ignore_ascii_case("number")
            || self.punct(i.wrapping_sub(1), '#')
        {
            return false;
        }
        true
    }

    /// Decades: "the 1990s", "the '90s", "the nineties", "1980s".
    fn decade(&self, i: usize) -> Option<Mention> {
        let start = i;
        let i = if self.is(i, "the") { i + 1 } else { i };
        // An optional part word inside: "the early 1990s", "the mid-1990s".
        let (modifier, i) = match self.part_word(i) {
            Some((m, j)) if !self.is(i, "the") => (Some(m), j),
            _ => (None, i),
        };
        if let Some(t) = self.tok(i)
            && t.is_number()
            && t.number.suffix == NumberSuffix::Plural
            && !t.number.grouped
            && !t.number.decimal
            && t.number.value % 10 == 0
        {
            if t.number.digits == 4 && (1000..=2090).contains(&t.number.value) {
                let expr = Expr::Granule(Granule::Decade((t.number.value / 10) as i16));
                return Some(Mention::new(start, i + 1, expr).with_mod(modifier));
            }
            if t.number.digits == 2 && (self.apostrophe(i.wrapping_sub(1)) || start < i) {
                let expr = Expr::ShortDecade((t.number.value / 10) as u8);
                return Some(Mention::new(start, i + 1, expr).with_mod(modifier));
            }
        }
        // "'90s" with the apostrophe.
        if self.apostrophe(i)
            && let Some(t) = self.tok(i + 1)
            && t.number.suffix == NumberSuffix::Plural
            && t.number.digits == 2
            && t.number.value % 10 == 0
            && self.glued(i + 1)
        {
            let expr = Expr::ShortDecade((t.number.value / 10) as u8);
            return Some(Mention::new(start, i + 2, expr).with_mod(modifier));
        }
        let decade_word = match self.lower(i) {
            "twenties" => 2,
            "thirties" => 3,
            "forties" => 4,
            "fifties" => 5,
            "sixties" => 6,
            "seventies" => 7,
            "eighties" => 8,
            "nineties" => 9,
            _ => return None,
        };
        // "the nineties" needs the article, else "in his forties" is an age.
        if start == i && modifier.is_none() {
            return None;
        }
        if i > 0
            && self.has_class(i - 1, class::FUNCTION)
            && self.is_any(i - 1, &["his", "her", "their", "its"])
        {
            return None;
        }
        Some(Mention::new(start, i + 1, Expr::ShortDecade(decade_word)).with_mod(modifier))
    }

    /// Centuries: "the 20th century", "the twenty-first century".
    fn century(&self, i: usize) -> Option<Mention> {
        let start = i;
        let i = if self.is(i, "the") { i + 1 } else { i };
        let (modifier, i) = match self.part_word(i) {
            Some((m, j)) if !self.is(i, "the") => (Some(m), j),
            _ => (None, i),
        };
        let (n, j) = if let Some(t) = self
            .tok(i)
            .filter(|t| t.is_number() && t.number.suffix == NumberSuffix::Ordinal)
        {
            (t.number.value as u32, i + 1)
        } else {
            let (d, j) = self.day(i)?;
            if self.tok(i).is_some_and(|t| t.is_number()) {
                return None;
            }
            (d as u32, j)
        };
        if !self.is(j, "century") || !(1..=30).contains(&n) {
            return None;
        }
        let expr = Expr::Granule(Granule::Century((n - 1) as i16));
        Some(Mention::new(start, j + 1, expr).with_mod(modifier))
    }

    /// Weekdays: "Tuesday", "last Tuesday", "Tuesday evening", "Tuesday, Nov. 17, 2021",
    /// "Friday Oct. 13", "Monday nights" (a set).
    fn weekday_rule(&self, i: usize) -> Option<Mention> {
        let (which, j) = match self.lower(i) {
            "last" | "past" | "previous" => (WhichDay::Last, i + 1),
            "next" | "coming" => (WhichDay::Next, i + 1),
            "this" if self.is_any(i + 1, &["past"]) => (WhichDay::Last, i + 2),
            "this" if self.is_any(i + 1, &["coming"]) => (WhichDay::Next, i + 2),
            "this" => (WhichDay::This, i + 1),
            _ => (WhichDay::Infer, i),
        };
        let (day, k) = self.weekday(j)?;
        // "Tuesday, Nov. 17, 2021" or "Tuesday 17 November": a full date with its weekday.
        {
            let after = self.skip_comma(k);
            if !self.breaks(after) {
                for date in [self.month_first(after), self.day_first(after)]
                    .into_iter()
                    .flatten()
                {
                    if matches!(
                        date.expr,
                        Expr::Calendar {
                            part: YearPart::Day(..),
                            ..
                        }
                    ) {
                        let mut m = date;
                        m.first = i;
                        m.weekday = Some(day);
                        return Some(m);
                    }
                }
            }
        }
        // "Tuesday evening" (a time), "Monday nights" (a set).
        if let Some(part) = self.lex(k).and_then(|l| l.part_of_day)
            && !self.breaks(k)
        {
            let plural = self
                .lex(k)
                .is_some_and(|l| self.word(k).ends_with('s') && l.part_of_day.is_some());
            if plural && which == WhichDay::Infer {
                let value = format!("XXXX-WXX-{}T{}", day.to_monday_one_offset(), part.code());
                return Some(Mention::new(i, k + 1, Expr::Set(value)));
            }
            let day_expr = Expr::Weekday { day, which };
            let mut m = Mention::new(
                i,
                k + 1,
                Expr::Time {
                    day: Some(Box::new(day_expr)),
                    clock: Clock::Part(part),
                },
            );
            m.weekday = Some(day);
            return Some(m);
        }
        // "Mondays" is a set, written as a plural word we do not tokenize apart: skip.
        let mut m = Mention::new(i, k, Expr::Weekday { day, which });
        m.weekday = Some(day);
        Some(m)
    }

    /// "yesterday", "today", "tomorrow", "tonight", "last night", "this morning", "the day
    /// before yesterday", "yesterday morning".
    fn deictic(&self, i: usize) -> Option<Mention> {
        let w = self.lower(i);
        let day_offset = |n: i64| Expr::FromDct {
            unit: Unit::Day,
            amount: n,
            granularity: Granularity::Day,
        };
        let (expr, mut end) = match w {
            "yesterday" => (day_offset(-1), i + 1),
            "today" => (day_offset(0), i + 1),
            "tomorrow" => (day_offset(1), i + 1),
            "tonight" => {
                let day = Box::new(day_offset(0));
                return Some(Mention::new(
                    i,
                    i + 1,
                    Expr::Time {
                        day: Some(day),
                        clock: Clock::Part(PartOfDay::Night),
                    },
                ));
            }
            "last" if self.is(i + 1, "night") => {
                let day = Box::new(day_offset(-1));
                return Some(Mention::new(
                    i,
                    i + 2,
                    Expr::Time {
                        day: Some(day),
                        clock: Clock::Part(PartOfDay::Night),
                    },
                ));
            }
            "this" | "that" => {
                let part = self.lex(i + 1).and_then(|l| l.part_of_day)?;
                if self.word(i + 1).ends_with('s') {
                    return None;
                }
                let day = if w == "this" {
                    day_offset(0)
                } else {
                    Expr::FromAnchor {
                        unit: Unit::Day,
                        amount: 0,
                    }
                };
                return Some(Mention::new(
                    i,
                    i + 2,
                    Expr::Time {
                        day: Some(Box::new(day)),
                        clock: Clock::Part(part),
                    },
                ));
            }
            "the" if self.is(i + 1, "day") && self.is_any(i + 2, &["before", "after"]) => {
                let base = if self.is(i + 3, "yesterday") {
                    -1
                } else if self.is(i + 3, "tomorrow") {
                    1
                } else {
                    return None;
                };
                let step = if self.is(i + 2, "before") { -1 } else { 1 };
                (day_offset(base + step), i + 4)
            }
            _ => return None,
        };
        // "yesterday morning", "tomorrow night".
        if let Some(part) = self.lex(end).and_then(|l| l.part_of_day)
            && !self.word(end).ends_with('s')
        {
            return Some(Mention::new(
                i,
                end + 1,
                Expr::Time {
                    day: Some(Box::new(expr)),
                    clock: Clock::Part(part),
                },
            ));
        }
        // "today's" stays "today".
        if self.apostrophe(end) && self.is(end + 1, "s") {
            end = i + 1;
        }
        Some(Mention::new(i, end, expr))
    }

    /// "last year", "this month", "next week", "the next day", "the following year", "that
    /// day", "last November", "next summer", "the past five years", "recent years".
    fn relative(&self, i: usize) -> Option<Mention> {
        let has_the = self.is(i, "the");
        let j = if has_the { i + 1 } else { i };
        let mut w = self.lower(j);
        let mut k = j + 1;
        // "this past weekend", "this coming Sunday".
        if !has_the && w == "this" && self.is_any(k, &["past", "coming"]) {
            w = if self.is(k, "past") { "last" } else { "next" };
            k += 1;
        }
        // "will last five years": the verb.
        let verb_last = !has_the
            && w == "last"
            && i > 0
            && (self.has_class(i - 1, class::MODAL)
                || self.is_any(i - 1, &["to", "not", "did", "does"]));
        // "the past few years", "the last two weeks", "the next 12 months", "past 20 years",
        // "the first nine months (of the year)".
        if !verb_last
            && matches!(
                w,
                "past" | "last" | "next" | "coming" | "first" | "final" | "previous" | "following"
            )
            && let Some((q, after_q)) = self.quantity(k).filter(|_| !self.is_any(k, &["a", "an"]))
            && let Some((unit, plural, end)) =
                self.unit(after_q, self.tok(k).is_some_and(|t| t.is_number()))
            && (plural || q.amount == Some(1))
        {
            let (end, hedge) = match self.hedge_suffix(end) {
                Some((h, e)) => (e, Some(h)),
                None => (end, None),
            };
            let duration = duration_of(q, unit, hedge);
            return Some(
                Mention::new(i, end, Expr::Duration(duration)).with_mod(hedge.map(|h| h.modifier)),
            );
        }
        // "recent years" is a vague past; "recent weeks", "the coming months" are spans of
        // unknown length, as TimeBank annotates them.
        if matches!(w, "recent" | "coming" | "past")
            && let Some((unit, true, end)) = self.unit(k, false)
        {
            if w != "coming" && matches!(unit, Unit::Year | Unit::Decade | Unit::Century) {
                return Some(Mention::new(i, end, Expr::Reference(Reference::Past)));
            }
            let duration = DurationValue {
                amount: None,
                unit,
                approx: false,
                bound: None,
            };
            return Some(Mention::new(i, end, Expr::Duration(duration)));
        }
        // "the near future", "the future", "the past", "the near term".
        if has_the {
            if self.is(j, "past") && self.unit(k, false).is_none() && self.quantity(k).is_none() {
                return Some(Mention::new(i, k, Expr::Reference(Reference::Past)));
            }
            if self.is(j, "future") {
                return Some(Mention::new(i, k, Expr::Reference(Reference::Future)));
            }
            if self.is(j, "near") && self.is_any(k, &["future", "term"]) {
                return Some(Mention::new(i, k + 1, Expr::Reference(Reference::Future)));
            }
            if self.is_any(j, &["short", "long"]) && self.is(k, "term") {
                return Some(Mention::new(i, k + 1, Expr::Reference(Reference::Future)));
            }
            // "the weekend": which one, by tense.
            if self.is(j, "weekend") {
                return Some(Mention::new(
                    i,
                    k,
                    Expr::Weekend {
                        which: WhichDay::Infer,
                    },
                ));
            }
        }
        // The unit-relative forms.
        let offset = match w {
            "last" | "past" | "previous" | "preceding" => -1,
            "this" | "current" | "same" | "that" => 0,
            "next" | "following" | "coming" => 1,
            _ => return None,
        };
        let year_spec = match offset {
            -1 => YearSpec::Last,
            0 => YearSpec::Offset(0),
            _ => YearSpec::Next,
        };
        // "last November", "next summer", "this fall", "last Thanksgiving".
        if !has_the && !matches!(w, "same" | "that" | "preceding") {
            if let Some((month, end, _)) = self.month(k) {
                // "last May 5" would be a date: let month_first take the day.
                if self.day(end).is_some() {
                    return None;
                }
                return Some(Mention::new(i, end, cal(year_spec, YearPart::Month(month))));
            }
            if let Some(season) = self
                .lex(k)
                .and_then(|l| l.season)
                .filter(|_| !self.word(k).ends_with('s'))
            {
                return Some(Mention::new(
                    i,
                    k + 1,
                    cal(year_spec, YearPart::Season(season)),
                ));
            }
            if let Some(holiday) = self.holiday(k)
                && let Expr::Calendar {
                    year: YearSpec::Infer,
                    part,
                } = holiday.expr
            {
                return Some(Mention::new(i, holiday.end, cal(year_spec, part)));
            }
        }
        let (unit, plural, end) = self.unit(k, false)?;
        // "the last day of the war" is not the day before today.
        if plural || self.is(end, "of") && !self.is(end + 1, "year") {
            return None;
        }
        if matches!(unit, Unit::Second | Unit::Minute | Unit::Hour) {
            return None;
        }
        // "the next day", "the following year", "the previous day", "that day", "the same
        // day": relative to the story's own time.
        let narrative = (has_the
            && matches!(w, "next" | "following" | "previous" | "preceding" | "same"))
            || matches!(w, "that" | "same" | "following" | "preceding");
        if unit == Unit::Weekend {
            let which = match offset {
                -1 => WhichDay::Last,
                0 => WhichDay::This,
                _ => WhichDay::Next,
            };
            return Some(Mention::new(i, end, Expr::Weekend { which }));
        }
        if narrative {
            return Some(Mention::new(
                i,
                end,
                Expr::FromAnchor {
                    unit,
                    amount: offset,
                },
            ));
        }
        // "the past year", "the last decade": the previous one, as "last year".
        if has_the && !matches!(w, "current" | "coming" | "past" | "last") {
            return None;
        }
        if unit == Unit::Day {
            // "this day" and "next day" without "the" are rare and vague.
            return None;
        }
        Some(Mention::new(
            i,
            end,
            Expr::FromDct {
                unit,
                amount: offset,
                granularity: unit.granularity(),
            },
        ))
    }

    /// "100 years ago", "two months later", "a year earlier", "about two years ago", "eight
    /// months after", "three days from now".
    fn offset(&self, i: usize) -> Option<Mention> {
        let (hedge, j) = match self.hedge(i) {
            Some((h, j)) => (Some(h), j),
            None => (None, i),
        };
        let (q, k) = self.quantity(j)?;
        let (unit, plural, end) = self.unit(k, self.tok(j).is_some_and(|t| t.is_number()))?;
        if q.amount == Some(1) && plural || q.amount.is_some_and(|n| n > 1) && !plural && !q.half {
            return None;
        }
        let (end, suffix) = match self.hedge_suffix(end) {
            Some((h, e)) => (e, Some(h)),
            None => (end, None),
        };
        let hedge = hedge.or(suffix);
        let modifier = hedge.map(|h| h.modifier);
        let amount = q.amount.map(i64::from);
        let w = self.lower(end);
        match w {
            "ago" | "back"
                if w == "ago" || self.punct(end + 1, ',') || self.punct(end + 1, '.') =>
            {
                let m = match amount.filter(|_| !q.half) {
                    Some(n) => {
                        let (unit, n, granularity) = ago_granularity(unit, n);
                        Expr::Ago {
                            unit,
                            amount: -n,
                            granularity,
                        }
                    }
                    None => Expr::Reference(Reference::Past),
                };
                Some(Mention::new(i, end + 1, m).with_mod(modifier))
            }
            "earlier" | "later" => {
                let sign = if w == "later" { 1 } else { -1 };
                // "a month earlier than usual" compares lengths: a duration.
                let compared = self.is(end + 1, "than");
                match amount.filter(|_| !q.half && !compared) {
                    Some(n) if !unit.is_clock() => Some(
                        Mention::new(
                            i,
                            end + 1,
                            Expr::FromAnchor {
                                unit,
                                amount: sign * n,
                            },
                        )
                        .with_mod(modifier),
                    ),
                    _ => {
                        let duration = duration_of(q, unit, hedge);
                        Some(Mention::new(i, end, Expr::Duration(duration)).with_mod(modifier))
                    }
                }
            }
            "from" if self.is(end + 1, "now") => {
                let n = amount.filter(|_| !q.half)?;
                let (unit, n, granularity) = ago_granularity(unit, n);
                Some(
                    Mention::new(
                        i,
                        end + 2,
                        Expr::FromDct {
                            unit,
                            amount: n,
                            granularity,
                        },
                    )
                    .with_mod(modifier),
                )
            }
            "after" | "before" if amount.is_some() && !unit.is_clock() => {
                let duration = duration_of(q, unit, hedge);
                let direction = if w == "after" { 1 } else { -1 };
                Some(
                    Mention::new(
                        i,
                        end,
                        Expr::EventOffset {
                            duration,
                            direction,
                        },
                    )
                    .with_mod(modifier),
                )
            }
            _ => None,
        }
    }

    /// Durations: "two days", "44 days", "a month", "three decades", "several years", "at
    /// least five years", "nearly 30 years", "the nine months", and duration adjectives:
    /// "44-day", "six-week", "24-hour", "decades-long". Ages ("a 59-year-old") are not.
    fn duration(&self, i: usize) -> Option<Mention> {
        let (hedge, j) = match self.hedge(i) {
            Some((h, j)) => (Some(h), j),
            None => (None, i),
        };
        // "the nine months", "the two days": the article belongs to the expression; "at least
        // the past 18 months" goes through `relative`.
        if self.is(j, "the") {
            if let Some(inner) = self.relative(j)
                && matches!(inner.expr, Expr::Duration(_))
            {
                let mut m = inner;
                if let (Some(h), Expr::Duration(d)) = (hedge, &mut m.expr) {
                    d.approx |= h.approx;
                    d.bound = d.bound.or(h.bound);
                    m.modifier = Some(h.modifier);
                }
                m.first = i;
                return Some(m);
            }
            let (q, k) = self
                .quantity(j + 1)
                .filter(|_| self.cardinal(j + 1).is_some())?;
            let (unit, plural, end) =
                self.unit(k, self.tok(j + 1).is_some_and(|t| t.is_number()))?;
            if !plural && q.amount != Some(1) || self.is(end, "of") || self.is_age(end) {
                return None;
            }
            let duration = duration_of(q, unit, hedge);
            return Some(
                Mention::new(i, end, Expr::Duration(duration)).with_mod(hedge.map(|h| h.modifier)),
            );
        }
        // Bare plural units: "for years", "for decades", "years of".
        if hedge.is_none()
            && let Some((unit, true, end)) = self.unit(j, false)
            && j == i
            && (self.is_any(i.wrapping_sub(1), &["for", "in", "within", "after", "over"])
                || self.is(end, "of"))
            && !self.is_any(
                i.wrapping_sub(1),
                &[
                    "the", "these", "those", "recent", "coming", "past", "many", "several", "few",
                    "of",
                ],
            )
            && unit != Unit::Second
        {
            // "three-quarters of its food" is a fraction.
            if self.is_any(end, &["old", "older", "younger", "ago", "later", "earlier"])
                || self.dash(end)
                || i > 0 && self.dash(i - 1) && self.glued(i)
            {
                return None;
            }
            let duration = DurationValue {
                amount: None,
                unit,
                approx: false,
                bound: None,
            };
            return Some(Mention::new(i, end, Expr::Duration(duration)));
        }
        // "decades-long", "day-long", "months-long".
        if hedge.is_none()
            && let Some((unit, plural, end)) = self.unit(j, false)
            && j == i
            && self.dash(end)
            && self.glued(end)
            && self.is(end + 1, "long")
        {
            let amount = if plural { None } else { Some(1) };
            let duration = DurationValue {
                amount,
                unit,
                approx: false,
                bound: None,
            };
            return Some(Mention::new(i, end + 2, Expr::Duration(duration)));
        }
        let (q, k) = self.quantity(j)?;
        let digits = self.tok(j).is_some_and(|t| t.is_number());
        // Adjective: "44-day", "six-week", "two-and-a-half-year" (not), "24-hour".
        if self.dash(k) && self.glued(k) && self.glued(k + 1) && !self.is_any(j, &["a", "an"]) {
            let (unit, plural, end) = self.unit(k + 1, digits)?;
            if plural
                && q.amount != Some(1)
                && !self.is_any(k + 1, &["years", "months", "days", "weeks", "hours"])
            {
                return None;
            }
            // "a 59-year-old", "8-month-old": ages.
            if self.is_age(end) {
                return None;
            }
            // "two-year-long".
            let end = if self.dash(end) && self.glued(end) && self.is(end + 1, "long") {
                end + 2
            } else {
                end
            };
            let duration = duration_of(q, unit, hedge);
            return Some(
                Mention::new(i, end, Expr::Duration(duration)).with_mod(hedge.map(|h| h.modifier)),
            );
        }
        let (unit, plural, mut end) = self.unit(k, digits)?;
        // Number agreement: "two days", "one day", "a year"; "five year" as an adjective too.
        let amount_one = q.amount == Some(1) && !q.half;
        if amount_one && plural {
            return None;
        }
        // "a year-earlier", "a year-long": a compound the next position reads better.
        if self.is_age(end) || self.dash(end) && self.glued(end) {
            return None;
        }
        // "the 1988 quarter": a year, not 1988 quarters.
        if !plural && self.tok(j).is_some_and(|t| t.number.digits == 4) {
            return None;
        }
        if self.is_any(j, &["a", "an"]) {
            // "once a day", "twice a year": sets, found by `set`; "a second" is an ordinal.
            if unit == Unit::Second
                || self.is_any(j.wrapping_sub(1), &["once", "twice", "times", "per"])
            {
                return None;
            }
            // "$100,000 a year", "5% a year": a rate, so a set.
            if j > 0
                && (self.tok(j - 1).is_some_and(|t| t.is_number())
                    || self.punct(j - 1, '%')
                    || self.has_class(j - 1, class::MEASURE))
            {
                let d = DurationValue {
                    amount: Some(1),
                    unit,
                    approx: false,
                    bound: None,
                };
                return Some(Mention::new(j, end, Expr::Set(d.value())));
            }
            // "a year ago" and "a year earlier" are offsets, handled elsewhere; "a year and a
            // half".
            if self.is(end, "and") && self.is(end + 1, "a") && self.is(end + 2, "half") {
                end += 3;
                let q = Quantity {
                    amount: Some(1),
                    half: true,
                    approx: q.approx,
                };
                let duration = duration_of(q, unit, hedge);
                return Some(
                    Mention::new(i, end, Expr::Duration(duration))
                        .with_mod(hedge.map(|h| h.modifier)),
                );
            }
        }
        let (end, suffix) = match self.hedge_suffix(end) {
            Some((h, e)) => (e, Some(h)),
            None => (end, None),
        };
        let hedge = hedge.or(suffix);
        let duration = duration_of(q, unit, hedge);
        Some(Mention::new(i, end, Expr::Duration(duration)).with_mod(hedge.map(|h| h.modifier)))
    }

    /// "-old", " old", "-olds" after a duration: an age.
    fn is_age(&self, end: usize) -> bool {
        let j = if self.dash(end) && self.glued(end) {
            end + 1
        } else {
            end
        };
        self.is_any(j, &["old", "olds"])
            || (self.dash(end) && self.glued(end) && self.is(j, "year"))
    }

    /// Times of day: "10 p.m.", "10:35 a.m.", "noon", "midnight", "4 in the morning", with
    /// a zone and a day after them ("5 p.m. EST Nov. 9", "10 p.m. Wednesday"); "the evening
    /// of November 16".
    fn time_rule(&self, i: usize) -> Option<Mention> {
        // "the evening of November 16", "the morning of Sept. 11".
        if self.is(i, "the")
            && let Some(part) = self.lex(i + 1).and_then(|l| l.part_of_day)
            && self.is(i + 2, "of")
        {
            let date = [
                self.month_first(i + 3),
                self.day_first(i + 3),
                self.weekday_rule(i + 3),
            ]
            .into_iter()
            .flatten()
            .filter(|m| {
                matches!(
                    m.expr,
                    Expr::Calendar {
                        part: YearPart::Day(..),
                        ..
                    } | Expr::Weekday { .. }
                )
            })
            .max_by_key(|m| m.end)?;
            let weekday = date.weekday;
            let mut m = Mention::new(
                i,
                date.end,
                Expr::Time {
                    day: Some(Box::new(date.expr)),
                    clock: Clock::Part(part),
                },
            );
            m.weekday = weekday;
            return Some(m);
        }
        // "the next morning", "the following evening": narrative.
        if self.is(i, "the")
            && self.is_any(i + 1, &["next", "following"])
            && let Some(part) = self.lex(i + 2).and_then(|l| l.part_of_day)
        {
            let day = Expr::FromAnchor {
                unit: Unit::Day,
                amount: 1,
            };
            return Some(Mention::new(
                i,
                i + 3,
                Expr::Time {
                    day: Some(Box::new(day)),
                    clock: Clock::Part(part),
                },
            ));
        }
        let (hedge, j) = match self.lower(i) {
            "about" | "around" | "approximately" | "roughly" => (Some(TimexMod::Approx), i + 1),
            "shortly" if self.is_any(i + 1, &["before", "after"]) => (
                Some(if self.is(i + 1, "before") {
                    TimexMod::Before
                } else {
                    TimexMod::After
                }),
                i + 2,
            ),
            "just" if self.is_any(i + 1, &["before", "after"]) => (
                Some(if self.is(i + 1, "before") {
                    TimexMod::Before
                } else {
                    TimexMod::After
                }),
                i + 2,
            ),
            _ => (None, i),
        };
        let (clock, mut end) = self.clock(j)?;
        // A time zone: "EST", "GMT", "local time".
        if self.is_any(
            end,
            &[
                "gmt", "utc", "est", "edt", "cst", "cdt", "pst", "pdt", "et", "pt", "bst", "cet",
            ],
        ) && self.tok(end).is_some_and(|t| t.all_caps)
        {
            end += 1;
        } else if self.is(end, "local") && self.is(end + 1, "time") {
            end += 2;
        }
        // A day after it: "10 p.m. Wednesday", "5 p.m. EST, Nov. 9", "noon tomorrow".
        let after = if self.punct(end, ',') { end + 1 } else { end };
        let day = [
            self.weekday_rule(after),
            self.month_first(after),
            self.day_first(after),
            self.deictic(after),
        ]
        .into_iter()
        .flatten()
        .filter(|m| {
            matches!(
                m.expr,
                Expr::Weekday { .. }
                    | Expr::Calendar {
                        part: YearPart::Day(..),
                        ..
                    }
                    | Expr::FromDct {
                        unit: Unit::Day,
                        ..
                    }
            )
        })
        .max_by_key(|m| m.end)
        .filter(|_| !self.breaks(after));
        let (day, weekday) = match day {
            Some(m) => {
                end = m.end;
                (Some(Box::new(m.expr)), m.weekday)
            }
            None => (None, None),
        };
        let mut m = Mention::new(i, end, Expr::Time { day, clock });
        m.weekday = weekday;
        m.modifier = hedge;
        Some(m)
    }

    /// A clock time: "10 p.m.", "10pm", "10:35 a.m.", "22:00 GMT", "noon", "midnight", "10
    /// o'clock", "4 in the morning".
    fn clock(&self, i: usize) -> Option<(Clock, usize)> {
        match self.lower(i) {
            "noon" | "midday" => {
                return Some((
                    Clock::At {
                        hour: 12,
                        minute: 0,
                    },
                    i + 1,
                ));
            }
            "midnight" => {
                return Some((
                    Clock::At {
                        hour: 24,
                        minute: 0,
                    },
                    i + 1,
                ));
            }
            _ => {}
        }
        let h = self.tok(i)?;
        let hour = h.plain_number()?;
        if h.number.digits > 2 || hour > 24 {
            return None;
        }
        let mut j = i + 1;
        let mut minute = 0;
        let mut has_minutes = false;
        if self.punct(j, ':') && self.glued(j) && self.glued(j + 1) {
            let m = self.tok(j + 1)?;
            if m.number.digits != 2 || m.plain_number()? > 59 {
                return None;
            }
            minute = m.plain_number()? as u8;
            has_minutes = true;
            j += 2;
        }
        // a.m. / p.m. in its spellings: "p.m.", "pm", "p.m", "PM".
        let meridiem = |k: usize| -> Option<(bool, usize)> {
            let w = self.lower(k);
            match w {
                // "10pm." ends a sentence: the period is not part of "pm".
                "am" | "pm" => Some((w == "pm", k + 1)),
                "a" | "p"
                    if self.punct(k + 1, '.')
                        && self.glued(k + 1)
                        && self.is(k + 2, "m")
                        && self.glued(k + 2) =>
                {
                    Some((w == "p", self.skip_period(k + 3)))
                }
                _ => None,
            }
        };
        if let Some((pm, end)) = meridiem(j) {
            if !(1..=12).contains(&hour) {
                return None;
            }
            let hour = match (hour, pm) {
                (12, false) => 0,
                (12, true) => 12,
                (h, true) => h + 12,
                (h, false) => h,
            };
            return Some((
                Clock::At {
                    hour: hour as u8,
                    minute,
                },
                end,
            ));
        }
        if self.is(j, "o") && self.apostrophe(j + 1) && self.is(j + 2, "clock") {
            return Some((
                Clock::At {
                    hour: hour as u8,
                    minute,
                },
                j + 3,
            ));
        }
        if self.is(j, "in")
            && self.is(j + 1, "the")
            && self.lex(j + 2).is_some_and(|l| l.part_of_day.is_some())
        {
            let part = self.lex(j + 2)?.part_of_day?;
            let hour = match part {
                PartOfDay::Afternoon | PartOfDay::Evening if hour < 12 => hour + 12,
                PartOfDay::Night if (6..12).contains(&hour) => hour + 12,
                _ => hour,
            };
            return Some((
                Clock::At {
                    hour: hour as u8,
                    minute,
                },
                j + 3,
            ));
        }
        // "22:00 GMT", "at 10:35": a 24-hour time needs its minutes and a zone or "at".
        if has_minutes
            && (self.is(i.wrapping_sub(1), "at")
                || self.is_any(j, &["gmt", "utc", "est", "edt", "et", "cet", "bst"])
                || self.is(j, "local"))
        {
            return Some((
                Clock::At {
                    hour: hour as u8,
                    minute,
                },
                j,
            ));
        }
        None
    }

    /// Quarters and halves: "the third quarter", "third-quarter", "the first quarter of
    /// 2020", "the 1988 third quarter", "next year's first quarter", "Q3 2020", "the first
    /// half of 1990", "the fiscal first quarter"; and the reporting periods of earnings news:
    /// "the quarter", "the latest quarter", "the year-earlier quarter", "year-ago".
    fn quarter(&self, i: usize) -> Option<Mention> {
        let mut start = i;
        let has_the = self.is(i, "the");
        let mut j = if has_the { i + 1 } else { i };
        let mut year = YearSpec::Infer;
        // "the year-earlier quarter", "the year-ago third quarter", "year-earlier" alone.
        let year_earlier = self.is(j, "year")
            && self.dash(j + 1)
            && self.glued(j + 1)
            && self.is_any(j + 2, &["earlier", "ago"]);
        if year_earlier {
            j += 3;
            if self.is_any(j, &["quarter", "period"]) || self.tok(j).is_some_and(|t| t.is_word()) {
                let end = if self.is_any(j, &["quarter", "period"]) {
                    j + 1
                } else {
                    j
                };
                // "the year-earlier results": the adjective alone.
                if end == j {
                    start = j - 3;
                }
                if self.lex(j).and_then(|l| l.ordinal).is_none() {
                    return Some(Mention::new(
                        start,
                        end,
                        Expr::FromAnchor {
                            unit: Unit::Year,
                            amount: -1,
                        },
                    ));
                }
            }
            year = YearSpec::InferShifted(-1);
        }
        // "the quarter", "the latest quarter", "the latest period": the quarter being
        // reported.
        if has_the && !year_earlier {
            let k = if self.is_any(j, &["latest", "recent", "most"]) {
                if self.is(j, "most") && self.is(j + 1, "recent") {
                    j + 2
                } else {
                    j + 1
                }
            } else {
                j
            };
            let latest = k > j;
            if (self.is(k, "quarter") || latest && self.is(k, "period"))
                && !self.is(k + 1, "of")
                && !(self.dash(k + 1) && self.glued(k + 1))
            {
                return Some(Mention::new(start, k + 1, Expr::ReportedQuarter));
            }
        }
        // "next year's first quarter", "last year's fourth quarter", "this year's".
        if let Some(offset) = self.year_offset_word(j)
            && self.is(j + 1, "year")
            && self.apostrophe(j + 2)
            && self.is(j + 3, "s")
        {
            year = YearSpec::Offset(offset);
            j += 4;
        } else if let Some((y, k)) = self.year(j).filter(|_| has_the) {
            // "the 1988 third quarter"
            year = YearSpec::Explicit(y);
            j = k;
        }
        if self.is(j, "fiscal") {
            j += 1;
            if self.dash(j) {
                j += 1;
            }
        }
        // "Q3", "Q3 2020", "H1".
        let qword = self.word(j).to_ascii_uppercase();
        if let Some(part) = match qword.as_str() {
            "Q1" => Some(YearPart::Quarter(1)),
            "Q2" => Some(YearPart::Quarter(2)),
            "Q3" => Some(YearPart::Quarter(3)),
            "Q4" => Some(YearPart::Quarter(4)),
            "H1" => Some(YearPart::Half(1)),
            "H2" => Some(YearPart::Half(2)),
            _ => None,
        } {
            let (year, end) = match self.year(j + 1) {
                Some((y, e)) if year == YearSpec::Infer => (YearSpec::Explicit(y), e),
                _ => (year, j + 1),
            };
            return Some(Mention::new(start, end, cal(year, part)));
        }
        let ordinal = self.lex(j).and_then(|l| l.ordinal).or_else(|| {
            self.tok(j)
                .filter(|t| t.is_number() && t.number.suffix == NumberSuffix::Ordinal)
                .map(|t| t.number.value as u32)
        })?;
        let mut k = j + 1;
        let adjective = self.dash(k) && self.glued(k);
        if adjective {
            k += 1;
        }
        let part = if self.is(k, "quarter") && (1..=4).contains(&ordinal) {
            YearPart::Quarter(ordinal as i8)
        } else if self.is(k, "half") && (1..=2).contains(&ordinal) {
            YearPart::Half(ordinal as i8)
        } else {
            return None;
        };
        // "the third-quarter results": TimeBank leaves the article out of the adjective.
        if adjective && has_the && start == i && j == i + 1 {
            start = i + 1;
        }
        let mut end = k + 1;
        // "of 2020", "of fiscal 1990", "of the year", "of this year", "of next year".
        if self.is(end, "of") {
            let mut y = end + 1;
            if self.is(y, "fiscal") {
                y += 1;
            }
            if let Some((yv, e)) = self.year(y) {
                year = YearSpec::Explicit(yv);
                end = e;
            } else if let Some(offset) = self.year_offset_word(y)
                && self.is(y + 1, "year")
            {
                year = YearSpec::Offset(offset);
                end = y + 2;
            } else if self.is(y, "the") && self.is(y + 1, "year") {
                end = y + 2;
            } else if matches!(part, YearPart::Half(_)) {
                // "the first half of the game", "the second half of his term".
                return None;
            }
        } else if let Some((yv, e)) = self.year(end).filter(|_| year == YearSpec::Infer) {
            // "the fourth quarter 1998"
            year = YearSpec::Explicit(yv);
            end = e;
        }
        // A half without a year needs "the": "first half" alone is usually a game.
        if matches!(part, YearPart::Half(_)) && year == YearSpec::Infer && !has_the {
            return None;
        }
        Some(Mention::new(start, end, cal(year, part)))
    }

    /// Seasons: "summer", "the summer of 2020", "winter 2019", "spring" (with an article or
    /// a date word before it).
    fn season_rule(&self, i: usize) -> Option<Mention> {
        let start = i;
        let j = if self.is(i, "the") { i + 1 } else { i };
        let (modifier, j) = match self.part_word(j) {
            Some((m, k)) if !self.is(j, "the") => (Some(m), k),
            _ => (None, j),
        };
        let season = self.lex(j).and_then(|l| l.season)?;
        if self.word(j).ends_with('s') {
            return None;
        }
        // "summer 2020", "the summer of 2020"
        let k = if self.is(j + 1, "of") { j + 2 } else { j + 1 };
        if let Some((year, end)) = self.year(k).or_else(|| self.spoken_year(k)) {
            return Some(
                Mention::new(
                    start,
                    end,
                    cal(YearSpec::Explicit(year), YearPart::Season(season)),
                )
                .with_mod(modifier),
            );
        }
        // Alone: it needs an article, a date word or a part word before it, and no noun after
        // it ("spring water", "the fall of Rome", "Winter Olympics").
        let introduced = start < j
            || i > 0
                && self.has_class(i - 1, class::DATE_CONTEXT)
                && !self.is_any(i - 1, &["and", "or", "of"]);
        if !introduced {
            return None;
        }
        if matches!(season, Season::Fall | Season::Spring) && start == j {
            return None;
        }
        let next_ok = match self.tok(j + 1) {
            None => true,
            Some(t) => match t.kind {
                TokenKind::Punct(c) => c != '-',
                TokenKind::Word => {
                    (self.has_class(j + 1, class::FUNCTION)
                        || self.has_class(j + 1, class::DATE_CONTEXT))
                        && !self.is(j + 1, "of")
                        || self.apostrophe(j + 1)
                }
                _ => false,
            },
        };
        let next_ok = next_ok || self.tok(j + 1).is_some_and(|t| t.newlines_before > 0);
        if !next_ok {
            return None;
        }
        Some(
            Mention::new(start, j + 1, cal(YearSpec::Infer, YearPart::Season(season)))
                .with_mod(modifier),
        )
    }

    /// Vague references: "now", "currently", "recently", "soon", "the future", "these days".
    fn reference(&self, i: usize) -> Option<Mention> {
        let w = self.lower(i);
        let r = |end, reference| Some(Mention::new(i, end, Expr::Reference(reference)));
        // "previously", "formerly", "soon", "recent" and the adjective "future" are TIMEX3s
        // by the guidelines, but TimeBank and AQUAINT annotate them in under 40% of their
        // uses: tagging them costs more precision than it gains recall.
        match w {
            "now" => r(i + 1, Reference::Present),
            "right" | "just" if self.is(i + 1, "now") => r(i + 2, Reference::Present),
            "currently" | "presently" | "nowadays" => r(i + 1, Reference::Present),
            "current" => {
                // "current account", "electric current", "the current" as a noun.
                if self.is_any(i + 1, &["account", "accounts", "affairs"])
                    || !self.tok(i + 1).is_some_and(|t| t.is_word())
                {
                    return None;
                }
                // "the current year", "the current quarter" are dates: `relative` takes them.
                if self.unit(i + 1, false).is_some() {
                    return None;
                }
                r(i + 1, Reference::Present)
            }
            "these" if self.is(i + 1, "days") => r(i + 2, Reference::Present),
            "recently" | "lately" => r(i + 1, Reference::Past),
            _ => None,
        }
    }

    /// Sets: "every year", "each month", "every Tuesday", "daily", "annually", "twice a
    /// year", "every two weeks".
    fn set(&self, i: usize) -> Option<Mention> {
        let w = self.lower(i);
        let set = |end, value: String| Some(Mention::new(i, end, Expr::Set(value)));
        // "quarterly" is left out: in earnings news it is an adjective ("quarterly dividend")
        // that TimeBank does not annotate.
        match w {
            "daily" | "nightly" => set(i + 1, "P1D".into()),
            "weekly" => set(i + 1, "P1W".into()),
            "monthly" => set(i + 1, "P1M".into()),
            "annually" | "yearly" => set(i + 1, "P1Y".into()),
            "hourly" => set(i + 1, "PT1H".into()),
            "every" | "each" => {
                let mut j = i + 1;
                if self.is(j, "other") {
                    j += 1;
                }
                let other = j > i + 1;
                if let Some((day, end)) = self.weekday(j) {
                    return set(end, format!("XXXX-WXX-{}", day.to_monday_one_offset()));
                }
                if let Some((month, end, _)) = self.month(j) {
                    return set(end, format!("XXXX-{month:02}"));
                }
                if let Some(season) = self.lex(j).and_then(|l| l.season) {
                    return set(j + 1, format!("XXXX-{}", season.code()));
                }
                if let Some((q, k)) = self
                    .quantity(j)
                    .filter(|(q, _)| q.amount.is_some_and(|n| n > 1))
                    && let Some((unit, true, end)) =
                        self.unit(k, self.tok(j).is_some_and(|t| t.is_number()))
                {
                    let d = DurationValue {
                        amount: q.amount,
                        unit,
                        approx: false,
                        bound: None,
                    };
                    return set(end, d.value());
                }
                let (unit, false, end) = self.unit(j, false)? else {
                    return None;
                };
                let n = if other { 2 } else { 1 };
                let d = DurationValue {
                    amount: Some(n),
                    unit,
                    approx: false,
                    bound: None,
                };
                set(end, d.value())
            }
            "once" | "twice" => {
                if !self.is_any(i + 1, &["a", "an", "per", "every", "each"]) {
                    return None;
                }
                let (unit, false, end) = self.unit(i + 2, false)? else {
                    return None;
                };
                let d = DurationValue {
                    amount: Some(1),
                    unit,
                    approx: false,
                    bound: None,
                };
                set(end, d.value())
            }
            _ => {
                // "three times a year"
                let (_, j) = self.cardinal(i)?;
                if !(self.is(j, "times")
                    && self.is_any(j + 1, &["a", "an", "per", "every", "each"]))
                {
                    return None;
                }
                let (unit, false, end) = self.unit(j + 2, false)? else {
                    return None;
                };
                let d = DurationValue {
                    amount: Some(1),
                    unit,
                    approx: false,
                    bound: None,
                };
                set(end, d.value())
            }
        }
    }

    /// Holidays with a fixed date, and Thanksgiving: "Christmas", "Christmas Eve 2020",
    /// "New Year's Day", "Thanksgiving".
    fn holiday(&self, i: usize) -> Option<Mention> {
        let w = self.lower(i);
        if !self.capitalized(i) {
            return None;
        }
        let (part, end) = match w {
            "christmas" => {
                if self.is(i + 1, "eve") {
                    (YearPart::Day(12, 24), i + 2)
                } else if self.is(i + 1, "day") {
                    (YearPart::Day(12, 25), i + 2)
                } else {
                    (YearPart::Day(12, 25), i + 1)
                }
            }
            "new" if self.is(i + 1, "year") && self.apostrophe(i + 2) && self.is(i + 3, "s") => {
                if self.is(i + 4, "eve") {
                    (YearPart::Day(12, 31), i + 5)
                } else if self.is(i + 4, "day") {
                    (YearPart::Day(1, 1), i + 5)
                } else {
                    return None;
                }
            }
            "thanksgiving" => {
                let end = if self.is(i + 1, "day") { i + 2 } else { i + 1 };
                (
                    YearPart::NthWeekday {
                        month: 11,
                        weekday: Weekday::Thursday,
                        n: 4,
                    },
                    end,
                )
            }
            "halloween" => (YearPart::Day(10, 31), i + 1),
            "valentine"
                if self.apostrophe(i + 1) && self.is(i + 2, "s") && self.is(i + 3, "day") =>
            {
                (YearPart::Day(2, 14), i + 4)
            }
            _ => return None,
        };
        // "Christmas 2020", "Christmas tree" (not a date: a noun after it, unless the name
        // ends in "Day" or "Eve").
        if let Some((year, e)) = self.year(end) {
            return Some(Mention::new(i, e, cal(YearSpec::Explicit(year), part)));
        }
        if !self.is_any(end - 1, &["day", "eve"])
            && self.tok(end).is_some_and(|t| {
                t.is_word()
                    && !t.capitalized
                    && !self.has_class(end, class::FUNCTION)
                    && !self.has_class(end, class::DATE_CONTEXT)
            })
        {
            return None;
        }
        Some(Mention::new(i, end, cal(YearSpec::Infer, part)))
    }

    /// Ranges between two dates of the same kind: "from May to June", "between 2018 and
    /// 2020", "May-June 2020". The span covers both ends, not "from"/"between".
    fn range(&self, i: usize) -> Option<Mention> {
        let (opener, j) = if self.is_any(i, &["from", "between"]) {
            (true, i + 1)
        } else {
            (false, i)
        };
        let first = [
            self.month_first(j),
            self.day_first(j),
            self.year_rule_core(j, opener),
            self.season_rule(j),
        ]
        .into_iter()
        .flatten()
        .filter(|m| matches!(m.expr, Expr::Calendar { .. }))
        .max_by_key(|m| m.end)?;
        let k = first.end;
        let joined = if self.is(i, "between") {
            self.is(k, "and")
        } else {
            self.is_any(k, &["to", "until", "through", "till", "thru"])
                || self.dash(k) && !self.glued(k)
        };
        if !joined || (!opener && !self.dash(k)) {
            return None;
        }
        let second = [
            self.month_first(k + 1),
            self.day_first(k + 1),
            self.year_rule_core(k + 1, true),
            self.season_rule(k + 1),
        ]
        .into_iter()
        .flatten()
        .filter(|m| matches!(m.expr, Expr::Calendar { .. }))
        .max_by_key(|m| m.end)?;
        let (&Expr::Calendar { year: y1, part: p1 }, &Expr::Calendar { year: y2, part: p2 }) =
            (&first.expr, &second.expr)
        else {
            return None;
        };
        let same_kind = std::mem::discriminant(&p1) == std::mem::discriminant(&p2);
        if !same_kind {
            return None;
        }
        // "May to June 2020": the year of the second end applies to the first.
        let mut first = first;
        if y1 == YearSpec::Infer
            && let YearSpec::Explicit(_) = y2
        {
            first.expr = cal(y2, p1);
        }
        let (start, end) = (first.first, second.end);
        Some(Mention::new(
            start,
            end,
            Expr::Range(Box::new(first), Box::new(second)),
        ))
    }
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
            (
                Some(n.saturating_mul(factor).saturating_add(factor / 2)),
                finer,
            )
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
        let source = include_str!("patterns.rs");
        let code = &source[..source.find("#[cfg(test)]").unwrap_or(source.len())];
        let literal = regex::Regex::new(r#""([a-z][a-z']*)""#).unwrap();
        let mut missing: Vec<&str> = literal
            .captures_iter(code)
            .map(|c| c.get(1).map_or("", |m| m.as_str()))
            .filter(|w| !w.ends_with("'s") && lexicon::lookup(w).is_none())
            .collect();
        missing.sort_unstable();
        missing.dedup();
        assert!(
            missing.is_empty(),
            "add to lexicon::GRAMMAR_WORDS: {missing:?}"
        );
    }
}
