//! Times of day: clock times ("10 p.m.", "10:35 a.m. local time", "noon Tuesday") and parts
//! of the day tied to a date ("the evening of November 16", "the next morning").

use super::*;

impl Grammar<'_> {
    /// Times of day: "10 p.m.", "10:35 a.m.", "noon", "midnight", "4 in the morning", with
    /// a zone and a day after them ("5 p.m. EST Nov. 9", "10 p.m. Wednesday"); "the evening
    /// of November 16".
    pub(super) fn time_rule(&self, i: usize) -> Option<Mention> {
        // "the evening of November 16", "the morning of Sept. 11".
        if self.is(i, "the")
            && let Some(part) = self.lex(i + 1).and_then(|l| l.part_of_day)
            && self.is(i + 2, "of")
        {
            let date = [self.month_first(i + 3), self.day_first(i + 3), self.weekday_rule(i + 3)]
                .into_iter()
                .flatten()
                .filter(|m| {
                    matches!(m.expr, Expr::Calendar { part: YearPart::Day(..), .. } | Expr::Weekday { .. })
                })
                .max_by_key(|m| m.end)?;
            let weekday = date.weekday;
            let mut m = Mention::new(
                i,
                date.end,
                Expr::Time { day: Some(Box::new(date.expr)), clock: Clock::Part(part) },
            );
            m.weekday = weekday;
            return Some(m);
        }
        // "the next morning", "the following evening": narrative.
        if self.is(i, "the")
            && self.is_any(i + 1, &["next", "following"])
            && let Some(part) = self.lex(i + 2).and_then(|l| l.part_of_day)
        {
            let day = Expr::FromAnchor { unit: Unit::Day, amount: 1 };
            return Some(Mention::new(
                i,
                i + 3,
                Expr::Time { day: Some(Box::new(day)), clock: Clock::Part(part) },
            ));
        }
        let (hedge, j) = match self.lower(i) {
            "about" | "around" | "approximately" | "roughly" => (Some(TimexMod::Approx), i + 1),
            "shortly" if self.is_any(i + 1, &["before", "after"]) => {
                (Some(if self.is(i + 1, "before") { TimexMod::Before } else { TimexMod::After }), i + 2)
            }
            "just" if self.is_any(i + 1, &["before", "after"]) => {
                (Some(if self.is(i + 1, "before") { TimexMod::Before } else { TimexMod::After }), i + 2)
            }
            _ => (None, i),
        };
        let (clock, mut end) = self.clock(j)?;
        // A time zone: "EST", "GMT", "local time".
        if self
            .is_any(end, &["gmt", "utc", "est", "edt", "cst", "cdt", "pst", "pdt", "et", "pt", "bst", "cet"])
            && self.tok(end).is_some_and(|t| t.all_caps)
        {
            end += 1;
        } else if self.is(end, "local") && self.is(end + 1, "time") {
            end += 2;
        }
        // A day after it: "10 p.m. Wednesday", "5 p.m. EST, Nov. 9", "noon tomorrow".
        let after = if self.punct(end, ',') { end + 1 } else { end };
        let day =
            [self.weekday_rule(after), self.month_first(after), self.day_first(after), self.deictic(after)]
                .into_iter()
                .flatten()
                .filter(|m| {
                    matches!(
                        m.expr,
                        Expr::Weekday { .. }
                            | Expr::Calendar { part: YearPart::Day(..), .. }
                            | Expr::FromDct { unit: Unit::Day, .. }
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
    pub(super) fn clock(&self, i: usize) -> Option<(Clock, usize)> {
        match self.lower(i) {
            "noon" | "midday" => {
                return Some((Clock::At { hour: 12, minute: 0 }, i + 1));
            }
            "midnight" => {
                return Some((Clock::At { hour: 24, minute: 0 }, i + 1));
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
            return Some((Clock::At { hour: hour as u8, minute }, end));
        }
        if self.is(j, "o") && self.apostrophe(j + 1) && self.is(j + 2, "clock") {
            return Some((Clock::At { hour: hour as u8, minute }, j + 3));
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
            return Some((Clock::At { hour: hour as u8, minute }, j + 3));
        }
        // "22:00 GMT", "at 10:35": a 24-hour time needs its minutes and a zone or "at".
        if has_minutes
            && (self.is(i.wrapping_sub(1), "at")
                || self.is_any(j, &["gmt", "utc", "est", "edt", "et", "cet", "bst"])
                || self.is(j, "local"))
        {
            return Some((Clock::At { hour: hour as u8, minute }, j));
        }
        None
    }
}
