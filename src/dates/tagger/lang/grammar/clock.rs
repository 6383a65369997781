//! Times of day: clock times (`14:00`, `18 h`, `13.24'te`), parts of the day (`утром`,
//! `ce soir`), and either joined to a date (`6 Şubat 2023 Pazartesi günü saat 04:17'de`).

use super::{DataGrammar, mention};
use crate::dates::tagger::lang::Word;
use crate::dates::tagger::patterns::{Clock, Expr, Mention};
use crate::dates::tagger::tokens::{Token, TokenKind};

impl DataGrammar<'_> {
    /// `14:00`, `18 h`, `20 h 30`, `20 heures`: a time on the day the text talks about.
    pub(super) fn clock(&self, i: usize) -> Option<Mention> {
        // "saat 20.00'de": the hour word belongs to the expression.
        if let Some(j) = self.has(i, |w| w == Word::HourBefore) {
            let at = self.clock(j)?;
            return Some(mention(i, at.end, at.expr));
        }
        if let Some(m) = self.dotted_clock(i) {
            return Some(m);
        }
        let hour = self.number(i, 2).filter(|&h| h <= 24)?;
        let (minute, end) = if self.punct(i + 1, &[':']) && self.glued(i + 1) && self.glued(i + 2) {
            let t = self.tok(i + 2)?;
            let minute = t.plain_number().filter(|&m| m < 60 && t.number.digits == 2)?;
            (minute, i + 3)
        } else {
            let end = self.has(i + 1, |w| w == Word::HourMark)?;
            match self.tok(end).filter(|t| t.number.digits == 2).and_then(Token::plain_number) {
                Some(minute) if minute < 60 => (minute, end + 1),
                _ => (0, end),
            }
        };
        let clock = Clock::At { hour: hour as u8, minute: minute as u8 };
        Some(mention(i, self.suffix(end), Expr::Time { day: None, clock }))
    }

    /// `04.17`, `13.24'te`: hours and minutes with a dot, in languages that write decimals
    /// with a comma; after an hour word, or with a suffix, or on a line of its own (a live
    /// blog's `13.31`).
    fn dotted_clock(&self, i: usize) -> Option<Mention> {
        if !self.pack.dotted_clock {
            return None;
        }
        let t = self.tok(i).filter(|t| t.kind == TokenKind::Number && t.number.decimal)?;
        let written = t.text(self.text);
        let (hour, minute) = written.split_once('.')?;
        if hour.len() > 2 || minute.len() != 2 {
            return None;
        }
        let (hour, minute): (u8, u8) = (hour.parse().ok()?, minute.parse().ok()?);
        if hour > 24 || minute > 59 {
            return None;
        }
        let end = self.suffix(i + 1);
        let after_hour_word = i > 0 && self.has(i - 1, |w| w == Word::HourBefore) == Some(i);
        let own_line = t.newlines_before > 0 || self.punct(i.wrapping_sub(1), &['.', ']', ')']);
        // "06.00-18.00": the second end of a span of hours.
        let second_end = i >= 2
            && self.dash(i - 1)
            && self.tok(i - 2).is_some_and(|p| p.kind == TokenKind::Number && p.number.decimal);
        if !(end > i + 1 || after_hour_word || own_line || second_end || self.after_signal(i)) {
            return None;
        }
        Some(mention(i, end, Expr::Time { day: None, clock: Clock::At { hour, minute } }))
    }

    /// A date and a clock time in one expression, either way round: `6 Şubat 2023 Pazartesi
    /// günü saat 04:17'de`, `12:00 10 октября`.
    pub(super) fn date_and_clock(&self, i: usize) -> Option<Mention> {
        let at = |m: &Mention| if let Expr::Time { day: None, clock } = m.expr { Some(clock) } else { None };
        if let Some(date) = self.day_month(i).or_else(|| self.weekday(i))
            && let Some(time) = self.clock(date.end)
            && let Some(clock) = at(&time)
        {
            let mut m = mention(i, time.end, Expr::Time { day: Some(Box::new(date.expr)), clock });
            m.weekday = date.weekday;
            return Some(m);
        }
        let time = self.clock(i)?;
        let clock = at(&time)?;
        let date = self.day_month(time.end)?;
        let mut m = mention(i, date.end, Expr::Time { day: Some(Box::new(date.expr)), clock });
        m.weekday = date.weekday;
        Some(m)
    }

    /// `утром`, `ce soir`, `hier soir`, `утром 4 марта`: a part of a day, alone, after a day
    /// word or before a date.
    pub(super) fn part_of_day(&self, i: usize) -> Option<Mention> {
        let part = |k: usize| self.find(k, |w| if let Word::PartOfDay(p) = w { Some(p) } else { None });
        if let Some(day) = self.day_word(i) {
            let (p, end) = part(day.end)?;
            return Some(mention(
                i,
                end,
                Expr::Time { day: Some(Box::new(day.expr)), clock: Clock::Part(p) },
            ));
        }
        // "6 Şubat gecesi", "cumartesi günü sabah": a date or weekday, then the part.
        if let Some(day) = self.day_month(i).or_else(|| self.weekday(i))
            && let Some((p, end)) = part(day.end)
        {
            let mut m = mention(i, end, Expr::Time { day: Some(Box::new(day.expr)), clock: Clock::Part(p) });
            m.weekday = day.weekday;
            return Some(m);
        }
        let (p, end) = part(i)?;
        // "утром 4 марта", "вечером понедельника".
        if let Some(date) = self.day_month(end).or_else(|| self.weekday(end)) {
            return Some(mention(
                i,
                date.end,
                Expr::Time { day: Some(Box::new(date.expr)), clock: Clock::Part(p) },
            ));
        }
        Some(mention(i, end, Expr::Time { day: None, clock: Clock::Part(p) }))
    }
}
