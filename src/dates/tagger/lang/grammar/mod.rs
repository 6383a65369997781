//! The date grammar for languages read from data: the shapes dates take in news text, with
//! the words of one [`Pack`]. It produces the same [`Mention`]s as the English grammar, so
//! resolution, tense and every date check are shared.
//!
//! Shapes: day month [year] (`15 июня 2021 г.`, `15 de junio de 2021`, `15. Juni 2021`,
//! with a weekday before it); month [year] and a month alone after a preposition (`в июне`);
//! a year with its year word or after a preposition (`в 2021 году`, `2020'de`); decades
//! (`1970-х`, `1990'larda`, `années 1990`) and centuries (`XX век`); numeric dates
//! (`15.06.2021`); weekdays; days from the publication date (`вчера`, `dün`); a unit with
//! last/this/next (`в прошлом году`, `l'année dernière`); durations, with ago and later
//! (`два года назад`, `hace dos años`, `через неделю`, `44-дневная`); seasons; ranges
//! (`с 27 сентября по 10 ноября 2020 года`, `27 Eylül-10 Kasım 2020`, `1985—1990`).
//! Extents leave out the prepositions before an expression, as TimeML does.

mod amounts;
mod clock;

use jiff::civil::Weekday;

use super::{Pack, Word, is_wordlike};
use crate::dates::calendar::{Granule, Unit};
use crate::dates::tagger::patterns::{self, Expr, Mention, WhichDay, YearPart, YearSpec};
use crate::dates::tagger::tokens::{NumberSuffix, Token, TokenKind};
use crate::dates::timex::{Tense, TimexMod};

/// How far from an expression, in tokens, tense cues are looked for.
const TENSE_WINDOW: usize = 25;

pub struct DataGrammar<'a> {
    text: &'a str,
    tokens: &'a [Token],
    pack: &'a Pack,
    /// Each token lowercase the pack's way (punctuation as written): what forms match.
    lower: Vec<String>,
}

/// A year read with what follows it.
#[derive(Clone, Copy)]
struct YearRead {
    year: i16,
    /// The token after the year and its year word or suffix.
    end: usize,
    /// Written with a year word or suffix (`году`, `г.`, `'de`): surely a year.
    marked: bool,
}

impl<'a> DataGrammar<'a> {
    pub fn new(text: &'a str, tokens: &'a [Token], pack: &'a Pack) -> DataGrammar<'a> {
        let lower = tokens
            .iter()
            .map(|t| {
                let written = t.text(text);
                if is_wordlike(t.kind) { pack.lowercase(written) } else { written.replace('’', "'") }
            })
            .collect();
        DataGrammar { text, tokens, pack, lower }
    }

    /// All expressions, in text order, non-overlapping: the longest at each token.
    pub fn mentions(&self) -> Vec<Mention> {
        patterns::longest_at_each(self.tokens.len(), |i| self.best_at(i))
    }

    fn best_at(&self, i: usize) -> Option<Mention> {
        let t = self.tokens.get(i)?;
        if matches!(t.kind, TokenKind::Punct(_)) {
            return None;
        }
        let candidates = [
            self.range(i),
            self.numeric_date(i),
            self.day_month(i),
            self.month(i),
            // Before `year`: "1990'larda" is a decade, not 1990 with a suffix.
            self.decade(i),
            self.year(i),
            self.century(i),
            self.weekday(i),
            self.day_word(i),
            self.relative(i),
            self.duration(i),
            self.season(i),
            self.present(i),
            self.weekend(i),
            self.same(i),
            self.clock(i),
            self.part_of_day(i),
            self.date_and_clock(i),
        ];
        patterns::longest(i, candidates)
    }

    /// The tense of the sentence around `first..end`: the nearest past or future cue word.
    pub fn tense(&self, first: usize, end: usize) -> (Tense, usize) {
        let stop = |k: usize| self.ends_sentence(k);
        let mut best: Option<(usize, Tense)> = None;
        let mut consider = |k: usize, distance: usize| {
            let tense = self.pack.words_at(&self.lower, k).find_map(|(w, _)| match w {
                Word::PastCue => Some(Tense::Past),
                Word::FutureCue => Some(Tense::Future),
                _ => None,
            });
            if let Some(tense) = tense
                && best.is_none_or(|(d, _)| distance < d)
            {
                best = Some((distance, tense));
            }
        };
        for k in (first.saturating_sub(TENSE_WINDOW)..first).rev() {
            if stop(k) {
                break;
            }
            consider(k, first - k);
        }
        for k in end..(end + TENSE_WINDOW).min(self.tokens.len()) {
            consider(k, k + 1 - end + 1);
            if stop(k) {
                break;
            }
        }
        best.map_or((Tense::Unknown, usize::MAX), |(d, t)| (t, d))
    }

    // ----- tokens -----

    fn tok(&self, i: usize) -> Option<&Token> {
        self.tokens.get(i)
    }

    fn has(&self, i: usize, want: impl Fn(Word) -> bool) -> Option<usize> {
        self.pack.words_at(&self.lower, i).filter(|&(w, _)| want(w)).map(|(_, end)| end).max()
    }

    fn find<T>(&self, i: usize, read: impl Fn(Word) -> Option<T>) -> Option<(T, usize)> {
        self.pack
            .words_at(&self.lower, i)
            .filter_map(|(w, end)| read(w).map(|v| (v, end)))
            .max_by_key(|(_, end)| *end)
    }

    fn punct(&self, i: usize, chars: &[char]) -> bool {
        self.tok(i).is_some_and(|t| matches!(t.kind, TokenKind::Punct(c) if chars.contains(&c)))
    }

    fn glued(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| !t.space_before)
    }

    fn dash(&self, i: usize) -> bool {
        self.punct(i, &['-', '–', '—', '‒'])
    }

    fn ends_sentence(&self, k: usize) -> bool {
        self.punct(k, &['.', '!', '?'])
            && self.tok(k + 1).is_none_or(|t| t.space_before || t.newlines_before > 0)
            || self.tok(k + 1).is_some_and(|t| t.newlines_before >= 2)
    }

    /// Whether a count stands right before token `i` ("3 yıl sonu" is not "year end").
    fn after_number(&self, i: usize) -> bool {
        i > 0 && self.tok(i - 1).is_some_and(|t| t.kind == TokenKind::Number)
    }

    /// A preposition right before token `i`.
    fn after_signal(&self, i: usize) -> bool {
        (1..=2).any(|back| i >= back && self.has(i - back, |w| w == Word::Signal) == Some(i))
    }

    /// Past an apostrophe suffix (`'de`, `'ın`) when the language glues them: the token after.
    fn suffix(&self, i: usize) -> usize {
        if self.pack.apostrophe_suffixes
            && self.punct(i, &['\'', '’'])
            && self.glued(i)
            && self.tok(i + 1).is_some_and(|t| t.is_word() && !t.space_before)
        {
            i + 2
        } else {
            i
        }
    }

    /// Past any joiner words (`de`, `del`).
    fn skip_joiners(&self, mut i: usize) -> usize {
        while let Some(end) = self.has(i, |w| w == Word::Joiner) {
            i = end;
        }
        i
    }

    /// Past a glued abbreviation period (`г.`, `janv.`): after a short word, and not where
    /// the period ends the sentence (`в 2020 году. Это`).
    fn period(&self, i: usize) -> usize {
        let word =
            i.checked_sub(1).and_then(|w| self.tok(w)).map_or(0, |t| t.text(self.text).chars().count());
        let next_starts_sentence = self.tok(i + 1).is_none_or(|t| t.capitalized || t.newlines_before > 0);
        let abbreviation = word <= 2 || (word <= 5 && !next_starts_sentence);
        if self.punct(i, &['.']) && self.glued(i) && abbreviation { i + 1 } else { i }
    }

    // ----- parts -----

    /// A plain number of up to `digits` digits, or one with a glued ordinal suffix (`1er`).
    fn number(&self, i: usize, max_digits: u8) -> Option<u64> {
        let t = self.tok(i)?;
        if let Some(n) = t.plain_number() {
            return (t.number.digits <= max_digits).then_some(n);
        }
        if t.kind == TokenKind::Number && t.number.suffix == NumberSuffix::Ordinal {
            return None;
        }
        if t.kind == TokenKind::Other {
            let written = t.text(self.text);
            let digits = written.trim_end_matches(|c: char| !c.is_ascii_digit());
            let suffix = self.pack.lowercase(&written[digits.len()..]);
            if !digits.is_empty()
                && digits.len() <= usize::from(max_digits)
                && digits.bytes().all(|b| b.is_ascii_digit())
                && self.pack.words_at(std::slice::from_ref(&suffix), 0).any(|(w, _)| w == Word::OrdinalSuffix)
            {
                return digits.parse().ok();
            }
        }
        None
    }

    /// Past a dash and a case ending glued to a number (`2019-м`, `1-го`).
    fn dash_suffix(&self, i: usize) -> usize {
        if self.dash(i) && self.glued(i) && self.glued(i + 1) {
            self.has(i + 1, |w| w == Word::DashSuffix).unwrap_or(i)
        } else {
            i
        }
    }

    /// A day of the month, with the dot German writes after it.
    fn day(&self, i: usize) -> Option<(i8, usize)> {
        let n = self.number(i, 2)?;
        if !(1..=31).contains(&n) {
            return None;
        }
        let suffixed = self.dash_suffix(i + 1);
        if suffixed > i + 1 {
            return Some((n as i8, suffixed));
        }
        let end = if self.pack.day_dot {
            if !self.punct(i + 1, &['.']) {
                return None;
            }
            i + 2
        } else {
            i + 1
        };
        Some((n as i8, end))
    }

    fn month_word(&self, i: usize) -> Option<(i8, usize)> {
        let (month, end) = self.find(i, |w| if let Word::Month(m) = w { Some(m) } else { None })?;
        Some((month, self.period(end)))
    }

    /// A year: four digits, then its year word or suffix if written (`2021 г.`, `2020'de`,
    /// `2021г`).
    fn year_at(&self, i: usize) -> Option<YearRead> {
        let t = self.tok(i)?;
        let (year, glued_word) = match t.kind {
            TokenKind::Number => (t.plain_number().filter(|_| t.number.digits == 4)?, false),
            // "2021г": the year word glued to the digits.
            TokenKind::Other => {
                let written = t.text(self.text);
                let digits = written.trim_end_matches(|c: char| !c.is_ascii_digit());
                if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                let word = [self.pack.lowercase(&written[4..])];
                if !self.pack.words_at(&word, 0).any(|(w, _)| w == Word::YearMarker) {
                    return None;
                }
                (digits.parse().ok()?, true)
            }
            _ => return None,
        };
        if !(1000..=2100).contains(&year) {
            return None;
        }
        let mut end = self.dash_suffix(i + 1);
        let mut marked = glued_word || end > i + 1;
        if glued_word {
            end = self.period(end);
        } else if let Some(e) = self.has(end, |w| w == Word::YearMarker) {
            end = self.period(e);
            marked = true;
        }
        let after = self.suffix(end);
        if after > end {
            marked = true;
            end = after;
        }
        Some(YearRead { year: year as i16, end, marked })
    }

    /// An optional ", 2021" or "de 2021" after a day and month.
    fn year_after(&self, i: usize) -> Option<YearRead> {
        let j = if self.punct(i, &[',']) { i + 1 } else { i };
        self.year_at(self.skip_joiners(j))
    }

    /// "начале", "fin", "mediados de" before a calendar expression.
    fn position(&self, i: usize) -> Option<(TimexMod, usize)> {
        let (modifier, end) = self.find(i, |w| match w {
            Word::Early => Some(TimexMod::Start),
            Word::Mid => Some(TimexMod::Mid),
            Word::Late => Some(TimexMod::End),
            _ => None,
        })?;
        Some((modifier, self.skip_joiners(end)))
    }

    // ----- rules -----

    /// `15 июня 2021 г.`, `понедельник, 27 апреля`, `15 de junio de 2021`, `15. Juni`.
    fn day_month(&self, i: usize) -> Option<Mention> {
        let mut j = i;
        let mut weekday = None;
        if let Some((w, end)) = self.find(i, |w| if let Word::Weekday(d) = w { Some(d) } else { None }) {
            weekday = Some(w);
            j = if self.punct(end, &[',']) { end + 1 } else { end };
        }
        let (day, end) = self.day(j)?;
        let at = self.skip_joiners(end);
        if self.pack.dated_months_capitalized && !self.tok(at).is_some_and(|t| t.capitalized) {
            return None;
        }
        let (month, end) = self.month_word(at)?;
        let end = self.suffix(end);
        let (year, end) = match self.year_after(end) {
            Some(y) => (YearSpec::Explicit(y.year), y.end),
            None => (YearSpec::Infer, end),
        };
        if let YearSpec::Explicit(y) = year
            && jiff::civil::Date::new(y, month, day).is_err()
        {
            return None;
        }
        // "1 Aralık Pazartesi günü": the weekday after the date, in apposition.
        let mut end = end;
        if weekday.is_none()
            && let Some((w, e)) = self.find(end, |w| if let Word::Weekday(d) = w { Some(d) } else { None })
        {
            weekday = Some(w);
            end = self.has(e, |w| w == Word::WeekdayAfter).unwrap_or(e);
        }
        let mut m = mention(i, end, Expr::Calendar { year, part: YearPart::Day(month, day) });
        m.weekday = weekday;
        Some(m)
    }

    /// `в июне`, `июнь 2021 года`, `en juin`, `Haziran'da`, `в конце марта`.
    fn month(&self, i: usize) -> Option<Mention> {
        let (modifier, j) = match self.position(i) {
            Some((m, j)) => (Some(m), j),
            None => (None, i),
        };
        let (month, end) = self.month_word(j)?;
        let suffixed = self.suffix(end);
        let mut end = self.has(suffixed, |w| w == Word::MonthAfter).unwrap_or(suffixed);
        let year = match self.year_after(end) {
            Some(y) => {
                end = y.end;
                YearSpec::Explicit(y.year)
            }
            None => match self.relative_unit(end) {
                // "в феврале этого года", "en février de l'année dernière".
                Some((Unit::Year, amount, e)) => {
                    end = e;
                    YearSpec::Offset(i16::from(amount))
                }
                _ => YearSpec::Infer,
            },
        };
        // A month word alone is a date after a preposition or with a suffix or a modifier;
        // otherwise it may be a name ("Mart" is a surname too).
        let sure = modifier.is_some() || year != YearSpec::Infer || end > j + 1 || self.after_signal(i);
        if !sure {
            return None;
        }
        let mut m = mention(i, end, Expr::Calendar { year, part: YearPart::Month(month) });
        m.modifier = modifier;
        Some(m)
    }

    /// `3. çeyrek`, `3. çeyreğinde`: an ordinal and a quarter word.
    fn quarter_at(&self, i: usize) -> Option<(i8, usize)> {
        let n = self.number(i, 1).filter(|n| (1..=4).contains(n))?;
        let j = if self.punct(i + 1, &['.']) { i + 2 } else { i + 1 };
        let end = self.has(j, |w| w == Word::Quarter)?;
        Some((n as i8, self.suffix(end)))
    }

    /// `в 2021 году`, `2020'de`, `en 1990`, `в начале 2017 года`, `1985—1990`.
    fn year(&self, i: usize) -> Option<Mention> {
        let (modifier, j) = match self.position(i) {
            Some((m, j)) => (Some(m), j),
            None => (None, i),
        };
        let first = self.year_at(j)?;
        // "1985—1990", "1979–1980 годы": a range of years.
        if modifier.is_none()
            && self.dash(first.end)
            && !first.marked
            && let Some(second) = self.year_at(first.end + 1).filter(|s| s.year > first.year)
        {
            let a = mention(
                j,
                first.end,
                Expr::Calendar { year: YearSpec::Explicit(first.year), part: YearPart::Whole },
            );
            let b = mention(
                first.end + 1,
                second.end,
                Expr::Calendar { year: YearSpec::Explicit(second.year), part: YearPart::Whole },
            );
            return Some(mention(i, second.end, Expr::Range(Box::new(a), Box::new(b))));
        }
        // "2025 yılı 3. çeyrek": a quarter of the year.
        if let Some((quarter, end)) = self.quarter_at(first.end) {
            let part = YearPart::Quarter(quarter);
            return Some(mention(i, end, Expr::Calendar { year: YearSpec::Explicit(first.year), part }));
        }
        // "(1994)" after a title: a year in parentheses.
        let in_parentheses = self.punct(j.wrapping_sub(1), &['(']) && self.punct(first.end, &[')', ',']);
        if !(first.marked || modifier.is_some() || self.after_signal(i) || in_parentheses) {
            return None;
        }
        let mut m = mention(
            i,
            first.end,
            Expr::Calendar { year: YearSpec::Explicit(first.year), part: YearPart::Whole },
        );
        m.modifier = modifier;
        Some(m)
    }

    /// `1970-х`, `1990'larda`, `années 1990`, `los años 90`.
    fn decade(&self, i: usize) -> Option<Mention> {
        if let Some(j) = self.has(i, |w| w == Word::DecadeNoun) {
            let t = self.tok(j)?;
            let n = t.plain_number()?;
            let expr = match t.number.digits {
                4 if n % 10 == 0 => Expr::Granule(Granule::Decade((n / 10) as i16)),
                2 if n % 10 == 0 => Expr::ShortDecade(n as u8),
                _ => return None,
            };
            return Some(mention(i, j + 1, expr));
        }
        // "в середине 1990-х": a position in the decade.
        let (modifier, k) = match self.position(i) {
            Some((m, k)) => (Some(m), k),
            None => (None, i),
        };
        let t = self.tok(k)?;
        let n = t.plain_number().filter(|&n| matches!(t.number.digits, 2 | 4) && n % 10 == 0)?;
        let joined =
            (self.dash(k + 1) || self.punct(k + 1, &['\'', '’'])) && self.glued(k + 1) && self.glued(k + 2);
        if !joined {
            return None;
        }
        let end = self.has(k + 2, |w| w == Word::DecadeSuffix)?;
        let end = self.has(end, |w| w == Word::DecadeNoun || w == Word::Unit(Unit::Year)).unwrap_or(end);
        // "90-х": the century comes from the publication date.
        let expr = if t.number.digits == 2 {
            Expr::ShortDecade(n as u8)
        } else {
            Expr::Granule(Granule::Decade((n / 10) as i16))
        };
        let mut m = mention(i, end, expr);
        m.modifier = modifier;
        Some(m)
    }

    /// `XX век`, `XXe siècle`, `siglo XX`, `20. yüzyıl`.
    fn century(&self, i: usize) -> Option<Mention> {
        let numeral = |k: usize| -> Option<u64> {
            let t = self.tok(k)?;
            if let Some(n) = self.number(k, 2) {
                return Some(n);
            }
            if t.kind != TokenKind::Word {
                return None;
            }
            let written = t.text(self.text);
            // "XXe", "XXème": the ordinal suffix of French.
            let roman = written.trim_end_matches(|c: char| c.is_lowercase());
            let suffix = self.pack.lowercase(&written[roman.len()..]);
            if !suffix.is_empty()
                && !self
                    .pack
                    .words_at(std::slice::from_ref(&suffix), 0)
                    .any(|(w, _)| w == Word::OrdinalSuffix)
            {
                return None;
            }
            roman_numeral(roman)
        };
        let century = |n: u64| (1..=21).contains(&n).then(|| Expr::Granule(Granule::Century(n as i16 - 1)));
        if let Some(n) = numeral(i) {
            // "20. yüzyıl", "16'ncı yüzyıla".
            let j = self.suffix(if self.punct(i + 1, &['.']) { i + 2 } else { i + 1 });
            let end = self.has(j, |w| w == Word::CenturyNoun)?;
            return Some(mention(i, end, century(n)?));
        }
        let j = self.has(i, |w| w == Word::CenturyNoun)?;
        let n = numeral(j)?;
        Some(mention(i, j + 1, century(n)?))
    }

    /// `15.06.2021`, `15/06/2021`: day first, as everywhere but the United States.
    fn numeric_date(&self, i: usize) -> Option<Mention> {
        let t = self.tok(i)?;
        if t.kind != TokenKind::Number {
            return None;
        }
        let rest = &self.text.as_bytes()[t.start as usize..];
        let mut parts = [0u32; 3];
        let mut k = 0;
        for (n, part) in parts.iter_mut().enumerate() {
            let digits = rest[k..].iter().take_while(|b| b.is_ascii_digit()).count();
            let wanted = if n == 2 { 4..=4 } else { 1..=2 };
            if !wanted.contains(&digits) {
                return None;
            }
            *part = std::str::from_utf8(&rest[k..k + digits]).ok()?.parse().ok()?;
            k += digits;
            if n < 2 {
                if !matches!(rest.get(k), Some(b'.' | b'/')) || (n == 1 && rest.get(k) != rest.get(k - 3)) {
                    return None;
                }
                k += 1;
            }
        }
        if rest.get(k).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        let [day, month, year] = parts;
        jiff::civil::Date::new(year as i16, month as i8, day as i8).ok()?;
        let stop = t.start as usize + k;
        let end = (i..self.tokens.len()).find(|&j| self.tokens[j].end as usize == stop)? + 1;
        let end = self.has(end, |w| w == Word::YearMarker).map_or(end, |e| self.period(e));
        Some(mention(
            i,
            end,
            Expr::Calendar {
                year: YearSpec::Explicit(year as i16),
                part: YearPart::Day(month as i8, day as i8),
            },
        ))
    }

    /// `в понедельник`, `Pazartesi günü`, `в прошлый вторник`, `lundi dernier`.
    fn weekday(&self, i: usize) -> Option<Mention> {
        let (which, j) = match self.find(i, |w| if let Word::Relative(r) = w { Some(r) } else { None }) {
            Some((r, j)) => (Some(r), j),
            None => (None, i),
        };
        let (day, mut end) = self.find(j, |w| if let Word::Weekday(d) = w { Some(d) } else { None })?;
        end = self.has(end, |w| w == Word::WeekdayAfter).unwrap_or(end);
        let mut which = which;
        if which.is_none()
            && let Some((r, e)) = self.find(end, |w| if let Word::Relative(r) = w { Some(r) } else { None })
        {
            which = Some(r);
            end = e;
        }
        let which = match which {
            None => WhichDay::Infer,
            Some(-1) => WhichDay::Last,
            Some(0) => WhichDay::This,
            Some(_) => WhichDay::Next,
        };
        Some(weekday_mention(i, end, day, which))
    }

    /// A unit with last/this/next in either order (`прошлого года`, `année dernière`): the
    /// unit, the step and the token after.
    fn relative_unit(&self, i: usize) -> Option<(Unit, i8, usize)> {
        let relative = |k: usize| self.find(k, |w| if let Word::Relative(r) = w { Some(r) } else { None });
        let unit = |k: usize| self.find(k, |w| if let Word::Unit(u) = w { Some(u) } else { None });
        let k = self.skip_joiners(i);
        if let Some((r, j)) = relative(k) {
            let (u, end) = unit(j)?;
            return Some((u, r, end));
        }
        let (u, j) = unit(k)?;
        let (r, end) = relative(j)?;
        Some((u, r, end))
    }

    /// `вчера`, `dün`, `aujourd'hui`, `ayer`.
    fn day_word(&self, i: usize) -> Option<Mention> {
        let (days, end) = self.find(i, |w| if let Word::Day(d) = w { Some(d) } else { None })?;
        Some(mention(
            i,
            end,
            Expr::FromDct { unit: Unit::Day, amount: i64::from(days), granularity: Unit::Day.granularity() },
        ))
    }

    /// `в прошлом году`, `на этой неделе`, `geçen yıl`, `l'année dernière`, `el año pasado`.
    fn relative(&self, i: usize) -> Option<Mention> {
        let relative = |k: usize| self.find(k, |w| if let Word::Relative(r) = w { Some(r) } else { None });
        let unit = |k: usize| {
            self.find(k, |w| match w {
                Word::Unit(
                    u @ (Unit::Day | Unit::Week | Unit::Month | Unit::Year | Unit::Decade | Unit::Century),
                ) => Some(u),
                _ => None,
            })
        };
        // "в следующем мае": the next May after the publication date.
        if let Some((r, j)) = relative(i)
            && r != 0
            && let Some((month, end)) = self.month_word(j)
        {
            let year = if r < 0 { YearSpec::Last } else { YearSpec::Next };
            return Some(mention(i, end, Expr::Calendar { year, part: YearPart::Month(month) }));
        }
        // "с начала года", "yıl sonu": a position in the current unit.
        let in_current = |u: Unit| matches!(u, Unit::Week | Unit::Month | Unit::Year);
        if let Some((modifier, j)) = self.position(i)
            && let Some((u, end)) = unit(j).filter(|&(u, _)| in_current(u))
            && relative(end).is_none()
        {
            let mut m = mention(i, end, Expr::FromDct { unit: u, amount: 0, granularity: u.granularity() });
            m.modifier = Some(modifier);
            return Some(m);
        }
        if let Some((u, j)) = unit(i).filter(|&(u, _)| in_current(u))
            && let Some((modifier, end)) = self.position(j)
            && !self.after_number(i)
        {
            let mut m = mention(i, end, Expr::FromDct { unit: u, amount: 0, granularity: u.granularity() });
            m.modifier = Some(modifier);
            return Some(m);
        }
        let (amount, unit, end) = if let Some((r, j)) = relative(i) {
            let (u, end) = unit(j)?;
            (r, u, end)
        } else {
            let (u, j) = unit(i)?;
            let (r, end) = relative(j)?;
            (r, u, end)
        };
        let end = self.suffix(end);
        // "на следующий день": the day after the one the text last talked about.
        if unit == Unit::Day {
            return Some(mention(i, end, Expr::FromAnchor { unit, amount: i64::from(amount) }));
        }
        Some(mention(
            i,
            end,
            Expr::FromDct { unit, amount: i64::from(amount), granularity: unit.granularity() },
        ))
    }

    /// `в выходные`, `le week-end`.
    fn weekend(&self, i: usize) -> Option<Mention> {
        let (which, j) = match self.find(i, |w| if let Word::Relative(r) = w { Some(r) } else { None }) {
            Some((r, j)) => (r, j),
            None => (2, i),
        };
        let end = self.has(j, |w| w == Word::Weekend)?;
        let which = match which {
            -1 => WhichDay::Last,
            0 => WhichDay::This,
            1 => WhichDay::Next,
            _ => WhichDay::Infer,
        };
        Some(mention(i, end, Expr::Weekend { which }))
    }

    /// `в том же году`: the year the text last talked about.
    fn same(&self, i: usize) -> Option<Mention> {
        let j = self.has(i, |w| w == Word::Same)?;
        let (unit, end) = self.find(j, |w| if let Word::Unit(u) = w { Some(u) } else { None })?;
        Some(mention(i, end, Expr::FromAnchor { unit, amount: 0 }))
    }

    /// `весной 2020 года`, `летом`, `en été 2019`, `2020 yazında` is not read (the year first).
    fn season(&self, i: usize) -> Option<Mention> {
        let (modifier, j) = match self.position(i) {
            Some((m, j)) => (Some(m), j),
            None => (None, i),
        };
        let (season, adverb, end) = match self.find(j, |w| match w {
            Word::SeasonAdverb(s) => Some((s, true)),
            Word::Season(s) => Some((s, false)),
            _ => None,
        }) {
            Some(((s, adverb), end)) => (s, adverb, end),
            None => return None,
        };
        let (year, end) = match self.year_after(end) {
            Some(y) => (YearSpec::Explicit(y.year), y.end),
            None => (YearSpec::Infer, end),
        };
        if !(adverb || modifier.is_some() || year != YearSpec::Infer || self.after_signal(i)) {
            return None;
        }
        let mut m = mention(i, end, Expr::Calendar { year, part: YearPart::Season(season) });
        m.modifier = modifier;
        Some(m)
    }

    /// `сейчас`, `в настоящее время`, `actuellement`.
    fn present(&self, i: usize) -> Option<Mention> {
        let end = self.has(i, |w| w == Word::Present)?;
        Some(mention(i, end, Expr::Reference(crate::dates::tagger::patterns::Reference::Present)))
    }

    /// Two ends: `с 27 сентября по 10 ноября 2020 года`, `27 Eylül-10 Kasım 2020`,
    /// `5-8 октября`, `с 18 на 19 апреля`, `from May to June`.
    fn range(&self, i: usize) -> Option<Mention> {
        let opener = self.has(i, |w| w == Word::RangeFrom);
        let j = opener.unwrap_or(i);
        // The first end: a whole date or month, or a bare day number that takes its month and
        // year from the second end.
        let first = [self.day_month(j), self.month(j)]
            .into_iter()
            .flatten()
            .filter(|m| matches!(m.expr, Expr::Calendar { .. }))
            .max_by_key(|m| m.end);
        let bare_day = if first.is_none() { self.day(j) } else { None };
        let k = match (&first, bare_day) {
            (Some(m), _) => m.end,
            (None, Some((_, end))) => end,
            (None, None) => return self.year_range(opener?),
        };
        let joined = if self.dash(k) {
            Some(k + 1)
        } else if opener.is_some() {
            self.has(k, |w| w == Word::RangeTo)
        } else {
            None
        }?;
        let second = [self.day_month(joined), self.month(joined)]
            .into_iter()
            .flatten()
            .filter(|m| matches!(m.expr, Expr::Calendar { .. }))
            .max_by_key(|m| m.end)?;
        let Expr::Calendar { year: y2, part: p2 } = second.expr else { return None };
        let first = match (first, bare_day) {
            (Some(mut m), _) => {
                let Expr::Calendar { year: y1, part: p1 } = m.expr else { return None };
                if std::mem::discriminant(&p1) != std::mem::discriminant(&p2) {
                    return None;
                }
                if y1 == YearSpec::Infer {
                    m.expr = Expr::Calendar { year: y2, part: p1 };
                }
                m
            }
            (None, Some((day, end))) => {
                let YearPart::Day(month, later) = p2 else { return None };
                if day >= later {
                    return None;
                }
                mention(j, end, Expr::Calendar { year: y2, part: YearPart::Day(month, day) })
            }
            (None, None) => return None,
        };
        // The opening preposition is left out, as TimeML does ("from May to June").
        Some(mention(first.first, second.end, Expr::Range(Box::new(first), Box::new(second))))
    }
}

impl DataGrammar<'_> {
    /// `с 2013 по 2015 год`, `de 2010 à 2012`: two years joined by words after an opener
    /// (dashes are read by `year`).
    fn year_range(&self, j: usize) -> Option<Mention> {
        let first = self.year_at(j)?;
        let k = self.has(first.end, |w| w == Word::RangeTo)?;
        let second = self.year_at(k).filter(|s| s.year > first.year)?;
        let whole = |y: YearRead, at: usize| {
            mention(at, y.end, Expr::Calendar { year: YearSpec::Explicit(y.year), part: YearPart::Whole })
        };
        let (a, b) = (whole(first, j), whole(second, k));
        Some(mention(j, second.end, Expr::Range(Box::new(a), Box::new(b))))
    }
}

fn mention(first: usize, end: usize, expr: Expr) -> Mention {
    Mention { first, end, expr, modifier: None, weekday: None }
}

fn weekday_mention(first: usize, end: usize, day: Weekday, which: WhichDay) -> Mention {
    Mention { first, end, expr: Expr::Weekday { day, which }, modifier: None, weekday: Some(day) }
}

/// `XX` → 20; capitals only, as centuries are written.
fn roman_numeral(written: &str) -> Option<u64> {
    if written.is_empty() || written.len() > 6 {
        return None;
    }
    let value = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        _ => None,
    };
    let digits: Vec<u64> = written.chars().map(value).collect::<Option<_>>()?;
    let mut total = 0;
    for (k, &d) in digits.iter().enumerate() {
        if digits.get(k + 1).is_some_and(|&next| next > d) {
            total -= d as i64;
        } else {
            total += d as i64;
        }
    }
    u64::try_from(total).ok().filter(|&n| n > 0)
}
