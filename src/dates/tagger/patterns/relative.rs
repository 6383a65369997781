//! Rules relative to a point in time: weekdays, "yesterday"/"today"/"tomorrow", "last
//! year", "the next day", "two months later", "100 years ago", and the vague references
//! ("now", "recently", "the future").

use super::*;

impl Grammar<'_> {
    /// Weekdays: "Tuesday", "last Tuesday", "Tuesday evening", "Tuesday, Nov. 17, 2021",
    /// "Friday Oct. 13", "Monday nights" (a set).
    pub(super) fn weekday_rule(&self, i: usize) -> Option<Mention> {
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
                for date in [self.month_first(after), self.day_first(after)].into_iter().flatten() {
                    if matches!(date.expr, Expr::Calendar { part: YearPart::Day(..), .. }) {
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
            let plural = self.lex(k).is_some_and(|l| self.word(k).ends_with('s') && l.part_of_day.is_some());
            if plural && which == WhichDay::Infer {
                let value = format!("XXXX-WXX-{}T{}", day.to_monday_one_offset(), part.code());
                return Some(Mention::new(i, k + 1, Expr::Set(value)));
            }
            let day_expr = Expr::Weekday { day, which };
            let mut m = Mention::new(
                i,
                k + 1,
                Expr::Time { day: Some(Box::new(day_expr)), clock: Clock::Part(part) },
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
    pub(super) fn deictic(&self, i: usize) -> Option<Mention> {
        let w = self.lower(i);
        let day_offset = |n: i64| Expr::FromDct { unit: Unit::Day, amount: n, granularity: Granularity::Day };
        let (expr, mut end) = match w {
            "yesterday" => (day_offset(-1), i + 1),
            "today" => (day_offset(0), i + 1),
            "tomorrow" => (day_offset(1), i + 1),
            "tonight" => {
                let day = Box::new(day_offset(0));
                return Some(Mention::new(
                    i,
                    i + 1,
                    Expr::Time { day: Some(day), clock: Clock::Part(PartOfDay::Night) },
                ));
            }
            "last" if self.is(i + 1, "night") => {
                let day = Box::new(day_offset(-1));
                return Some(Mention::new(
                    i,
                    i + 2,
                    Expr::Time { day: Some(day), clock: Clock::Part(PartOfDay::Night) },
                ));
            }
            "this" | "that" => {
                let part = self.lex(i + 1).and_then(|l| l.part_of_day)?;
                if self.word(i + 1).ends_with('s') {
                    return None;
                }
                let day =
                    if w == "this" { day_offset(0) } else { Expr::FromAnchor { unit: Unit::Day, amount: 0 } };
                return Some(Mention::new(
                    i,
                    i + 2,
                    Expr::Time { day: Some(Box::new(day)), clock: Clock::Part(part) },
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
                Expr::Time { day: Some(Box::new(expr)), clock: Clock::Part(part) },
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
    pub(super) fn relative(&self, i: usize) -> Option<Mention> {
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
            && (self.has_class(i - 1, class::MODAL) || self.is_any(i - 1, &["to", "not", "did", "does"]));
        // "the past few years", "the last two weeks", "the next 12 months", "past 20 years",
        // "the first nine months (of the year)".
        if !verb_last
            && matches!(w, "past" | "last" | "next" | "coming" | "first" | "final" | "previous" | "following")
            && let Some((q, after_q)) = self.quantity(k).filter(|_| !self.is_any(k, &["a", "an"]))
            && let Some(UnitWord { unit, plural, next: end }) =
                self.unit(after_q, self.tok(k).is_some_and(|t| t.is_number()))
            && (plural || q.amount == Some(1))
        {
            let (end, hedge) = match self.hedge_suffix(end) {
                Some((h, e)) => (e, Some(h)),
                None => (end, None),
            };
            let duration = duration_of(q, unit, hedge);
            return Some(Mention::new(i, end, Expr::Duration(duration)).with_mod(hedge.map(|h| h.modifier)));
        }
        // "recent years" is a vague past; "recent weeks", "the coming months" are spans of
        // unknown length, as TimeBank annotates them.
        if matches!(w, "recent" | "coming" | "past")
            && let Some(UnitWord { unit, plural: true, next: end }) = self.unit(k, false)
        {
            if w != "coming" && matches!(unit, Unit::Year | Unit::Decade | Unit::Century) {
                return Some(Mention::new(i, end, Expr::Reference(Reference::Past)));
            }
            let duration = DurationValue { amount: None, unit, approx: false, bound: None };
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
                return Some(Mention::new(i, k, Expr::Weekend { which: WhichDay::Infer }));
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
            if let Some(MonthWord { month, next: end, .. }) = self.month(k) {
                // "last May 5" would be a date: let month_first take the day.
                if self.day(end).is_some() {
                    return None;
                }
                return Some(Mention::new(i, end, cal(year_spec, YearPart::Month(month))));
            }
            if let Some(season) = self.lex(k).and_then(|l| l.season).filter(|_| !self.word(k).ends_with('s'))
            {
                return Some(Mention::new(i, k + 1, cal(year_spec, YearPart::Season(season))));
            }
            if let Some(holiday) = self.holiday(k)
                && let Expr::Calendar { year: YearSpec::Infer, part } = holiday.expr
            {
                return Some(Mention::new(i, holiday.end, cal(year_spec, part)));
            }
        }
        let UnitWord { unit, plural, next: end } = self.unit(k, false)?;
        // "the last day of the war" is not the day before today.
        if plural || self.is(end, "of") && !self.is(end + 1, "year") {
            return None;
        }
        if matches!(unit, Unit::Second | Unit::Minute | Unit::Hour) {
            return None;
        }
        // "the next day", "the following year", "the previous day", "that day", "the same
        // day": relative to the story's own time.
        let narrative = (has_the && matches!(w, "next" | "following" | "previous" | "preceding" | "same"))
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
            return Some(Mention::new(i, end, Expr::FromAnchor { unit, amount: offset }));
        }
        // "the past year", "the last decade": the previous one, as "last year".
        if has_the && !matches!(w, "current" | "coming" | "past" | "last") {
            return None;
        }
        if unit == Unit::Day {
            // "this day" and "next day" without "the" are rare and vague.
            return None;
        }
        Some(Mention::new(i, end, Expr::FromDct { unit, amount: offset, granularity: unit.granularity() }))
    }

    /// "100 years ago", "two months later", "a year earlier", "about two years ago", "eight
    /// months after", "three days from now".
    pub(super) fn offset(&self, i: usize) -> Option<Mention> {
        let (hedge, j) = match self.hedge(i) {
            Some((h, j)) => (Some(h), j),
            None => (None, i),
        };
        let (q, k) = self.quantity(j)?;
        let UnitWord { unit, plural, next: end } =
            self.unit(k, self.tok(j).is_some_and(|t| t.is_number()))?;
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
            "ago" | "back" if w == "ago" || self.punct(end + 1, ',') || self.punct(end + 1, '.') => {
                let m = match amount.filter(|_| !q.half) {
                    Some(n) => {
                        let (unit, n, granularity) = ago_granularity(unit, n);
                        Expr::Ago { unit, amount: -n, granularity }
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
                        Mention::new(i, end + 1, Expr::FromAnchor { unit, amount: sign * n })
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
                    Mention::new(i, end + 2, Expr::FromDct { unit, amount: n, granularity })
                        .with_mod(modifier),
                )
            }
            "after" | "before" if amount.is_some() && !unit.is_clock() => {
                let duration = duration_of(q, unit, hedge);
                let direction = if w == "after" { 1 } else { -1 };
                Some(Mention::new(i, end, Expr::EventOffset { duration, direction }).with_mod(modifier))
            }
            _ => None,
        }
    }

    /// Vague references: "now", "currently", "recently", "soon", "the future", "these days".
    pub(super) fn reference(&self, i: usize) -> Option<Mention> {
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
}
