//! Durations and counts: `два года`, `несколько дней`, `около 30 лет`, `два года назад`,
//! `через неделю`, `hace dos años`, `44-дневная`, `полгода`; ages are left out.

use super::{DataGrammar, mention};
use crate::dates::calendar::Unit;
use crate::dates::tagger::lang::Word;
use crate::dates::tagger::patterns::{Expr, Mention};
use crate::dates::tagger::tokens::Token;
use crate::dates::timex::{DurationValue, TimexMod};

impl DataGrammar<'_> {
    /// `два года`, `несколько дней`, `около 30 лет`, `два года назад`, `через неделю`,
    /// `hace dos años`, `44-дневная`, `44 günlük`, `последние 200 лет`.
    pub(super) fn duration(&self, i: usize) -> Option<Mention> {
        let mut j = i;
        let before = self.find(j, |w| match w {
            Word::AgoBefore => Some(-1i64),
            Word::LaterBefore => Some(1),
            _ => None,
        });
        let mut direction = None;
        if let Some((d, e)) = before {
            direction = Some(d);
            j = e;
        }
        let mut approx = false;
        if let Some(e) = self.has(j, |w| w == Word::Hedge) {
            approx = true;
            j = e;
        }
        let last = self.has(j, |w| w == Word::DurationLast);
        if let Some(e) = last {
            j = e;
        }
        // The count: digits, a number word, "several", "one and a half", or nothing after
        // "последние" ("последние недели").
        let (amount, half, j) = if let Some(n) =
            self.tok(j).and_then(Token::plain_number).filter(|&n| n < 10_000)
        {
            (Some(n as u32), false, j + 1)
        } else if let Some((n, e)) = self.find(j, |w| if let Word::Number(n) = w { Some(n) } else { None }) {
            (Some(n), false, e)
        } else if let Some(e) = self.has(j, |w| w == Word::Several) {
            (None, false, e)
        } else if let Some(e) = self.has(j, |w| w == Word::Half) {
            (Some(1), true, e)
        } else if let Some((unit, e)) = self.find(j, |w| if let Word::HalfOf(u) = w { Some(u) } else { None })
        {
            // "полгода": half a unit, in one word.
            let (amount, unit) = match unit {
                Unit::Year => (6, Unit::Month),
                Unit::Century => (50, Unit::Year),
                Unit::Day => (12, Unit::Hour),
                Unit::Hour => (30, Unit::Minute),
                _ => return None,
            };
            let mut end = e;
            if direction.is_none()
                && let Some(after) = self.has(end, |w| w == Word::AgoAfter)
            {
                direction = Some(-1);
                end = after;
            }
            let expr = match direction {
                Some(d) if d < 0 => Expr::Ago { unit, amount: -amount, granularity: unit.granularity() },
                Some(_) => Expr::FromDct { unit, amount, granularity: unit.granularity() },
                None => {
                    Expr::Duration(DurationValue { amount: Some(amount as u32), unit, approx, bound: None })
                }
            };
            let mut m = mention(i, end, expr);
            if approx {
                m.modifier = Some(TimexMod::Approx);
            }
            return Some(m);
        } else if last.is_some() {
            (None, false, j)
        } else if self.bare_unit_counts(i, j, direction.is_some() || approx) {
            // "через неделю", "неделю назад", "за неделю": one unit.
            (Some(1), false, j)
        } else {
            return None;
        };
        // "44-дневная", "44 günlük": a duration adjective.
        let adjective =
            |k: usize| self.find(k, |w| if let Word::UnitAdjective(u) = w { Some(u) } else { None });
        let (unit, mut end) = match self.find(j, |w| if let Word::Unit(u) = w { Some(u) } else { None }) {
            Some(found) => found,
            None => {
                let k = if self.dash(j) && self.glued(j) { j + 1 } else { j };
                adjective(k).filter(|_| amount.is_some() && direction.is_none())?
            }
        };
        // "полтора года" is 18 months; other halves are not written as durations here.
        let (amount, unit) = match (half, unit) {
            (false, _) => (amount, unit),
            (true, Unit::Year) => (Some(18), Unit::Month),
            (true, Unit::Day) => (Some(36), Unit::Hour),
            (true, Unit::Hour) => (Some(90), Unit::Minute),
            (true, _) => return None,
        };
        end = self.suffix(end);
        if direction.is_none()
            && let Some(e) = self.has(end, |w| w == Word::AgoAfter)
        {
            direction = Some(-1);
            end = e;
        }
        // "в 19 лет", "с 14 лет", "Келли 52 года", "(51 год)": an age, which TimeML leaves
        // out. After a capitalized word inside a sentence, a count of years is a person's age.
        let after_name = i > 0
            && self.tok(i - 1).is_some_and(|t| t.is_word() && t.capitalized)
            && !(i >= 2 && self.ends_sentence(i - 2));
        let age = unit == Unit::Year
            && direction.is_none()
            && !approx
            && ((1..=2).any(|back| i >= back && self.has(i - back, |w| w == Word::AgeBefore) == Some(i))
                || after_name
                || self.punct(i.wrapping_sub(1), &['(']));
        if age {
            return None;
        }
        let expr = match (direction, amount) {
            (Some(d), Some(n)) => {
                let moved = i64::from(n) * d;
                if d < 0 {
                    Expr::Ago { unit, amount: moved, granularity: unit.granularity() }
                } else {
                    Expr::FromDct { unit, amount: moved, granularity: unit.granularity() }
                }
            }
            (Some(_), None) => return None,
            (None, _) => Expr::Duration(DurationValue { amount, unit, approx, bound: None }),
        };
        let mut m = mention(i, end, expr);
        if approx {
            m.modifier = Some(TimexMod::Approx);
        }
        Some(m)
    }

    /// Whether a unit written without a count at `j` means one of it: after "через" or
    /// "hace", before "назад", or a week, month or year after a preposition ("за неделю",
    /// "на год"; not "в день", which is "a day" as in "per day").
    fn bare_unit_counts(&self, i: usize, j: usize, directed: bool) -> bool {
        let Some((unit, end)) = self.find(j, |w| if let Word::Unit(u) = w { Some(u) } else { None }) else {
            return false;
        };
        directed
            || self.has(end, |w| w == Word::AgoAfter).is_some()
            || matches!(unit, Unit::Week | Unit::Month | Unit::Year) && j == i && self.after_signal(i)
    }
}
