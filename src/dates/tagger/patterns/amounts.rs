//! Amounts of time: durations ("44 days", "a six-week war", "at least five years") and sets
//! ("every year", "daily", "twice a month").

use super::*;

impl Grammar<'_> {
    /// Durations: "two days", "44 days", "a month", "three decades", "several years", "at
    /// least five years", "nearly 30 years", "the nine months", and duration adjectives:
    /// "44-day", "six-week", "24-hour", "decades-long". Ages ("a 59-year-old") are not.
    pub(super) fn duration(&self, i: usize) -> Option<Mention> {
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
            let (q, k) = self.quantity(j + 1).filter(|_| self.cardinal(j + 1).is_some())?;
            let UnitWord { unit, plural, next: end } =
                self.unit(k, self.tok(j + 1).is_some_and(|t| t.is_number()))?;
            if !plural && q.amount != Some(1) || self.is(end, "of") || self.is_age(end) {
                return None;
            }
            let duration = duration_of(q, unit, hedge);
            return Some(Mention::new(i, end, Expr::Duration(duration)).with_mod(hedge.map(|h| h.modifier)));
        }
        // Bare plural units: "for years", "for decades", "years of".
        if hedge.is_none()
            && let Some(UnitWord { unit, plural: true, next: end }) = self.unit(j, false)
            && j == i
            && (self.is_any(i.wrapping_sub(1), &["for", "in", "within", "after", "over"])
                || self.is(end, "of"))
            && !self.is_any(
                i.wrapping_sub(1),
                &["the", "these", "those", "recent", "coming", "past", "many", "several", "few", "of"],
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
            let duration = DurationValue { amount: None, unit, approx: false, bound: None };
            return Some(Mention::new(i, end, Expr::Duration(duration)));
        }
        // "decades-long", "day-long", "months-long".
        if hedge.is_none()
            && let Some(UnitWord { unit, plural, next: end }) = self.unit(j, false)
            && j == i
            && self.dash(end)
            && self.glued(end)
            && self.is(end + 1, "long")
        {
            let amount = if plural { None } else { Some(1) };
            let duration = DurationValue { amount, unit, approx: false, bound: None };
            return Some(Mention::new(i, end + 2, Expr::Duration(duration)));
        }
        let (q, k) = self.quantity(j)?;
        let digits = self.tok(j).is_some_and(|t| t.is_number());
        // Adjective: "44-day", "six-week", "two-and-a-half-year" (not), "24-hour".
        if self.dash(k) && self.glued(k) && self.glued(k + 1) && !self.is_any(j, &["a", "an"]) {
            let UnitWord { unit, plural, next: end } = self.unit(k + 1, digits)?;
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
            let end =
                if self.dash(end) && self.glued(end) && self.is(end + 1, "long") { end + 2 } else { end };
            let duration = duration_of(q, unit, hedge);
            return Some(Mention::new(i, end, Expr::Duration(duration)).with_mod(hedge.map(|h| h.modifier)));
        }
        let UnitWord { unit, plural, next: mut end } = self.unit(k, digits)?;
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
            if unit == Unit::Second || self.is_any(j.wrapping_sub(1), &["once", "twice", "times", "per"]) {
                return None;
            }
            // "$100,000 a year", "5% a year": a rate, so a set.
            if j > 0
                && (self.tok(j - 1).is_some_and(|t| t.is_number())
                    || self.punct(j - 1, '%')
                    || self.has_class(j - 1, class::MEASURE))
            {
                let d = DurationValue { amount: Some(1), unit, approx: false, bound: None };
                return Some(Mention::new(j, end, Expr::Set(d.value())));
            }
            // "a year ago" and "a year earlier" are offsets, handled elsewhere; "a year and a
            // half".
            if self.is(end, "and") && self.is(end + 1, "a") && self.is(end + 2, "half") {
                end += 3;
                let q = Quantity { amount: Some(1), half: true, approx: q.approx };
                let duration = duration_of(q, unit, hedge);
                return Some(
                    Mention::new(i, end, Expr::Duration(duration)).with_mod(hedge.map(|h| h.modifier)),
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
    pub(super) fn is_age(&self, end: usize) -> bool {
        let j = if self.dash(end) && self.glued(end) { end + 1 } else { end };
        self.is_any(j, &["old", "olds"]) || (self.dash(end) && self.glued(end) && self.is(j, "year"))
    }

    /// Sets: "every year", "each month", "every Tuesday", "daily", "annually", "twice a
    /// year", "every two weeks".
    pub(super) fn set(&self, i: usize) -> Option<Mention> {
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
                if let Some(MonthWord { month, next: end, .. }) = self.month(j) {
                    return set(end, format!("XXXX-{month:02}"));
                }
                if let Some(season) = self.lex(j).and_then(|l| l.season) {
                    return set(j + 1, format!("XXXX-{}", season.code()));
                }
                if let Some((q, k)) = self.quantity(j).filter(|(q, _)| q.amount.is_some_and(|n| n > 1))
                    && let Some(UnitWord { unit, plural: true, next: end }) =
                        self.unit(k, self.tok(j).is_some_and(|t| t.is_number()))
                {
                    let d = DurationValue { amount: q.amount, unit, approx: false, bound: None };
                    return set(end, d.value());
                }
                let UnitWord { unit, plural: false, next: end } = self.unit(j, false)? else {
                    return None;
                };
                let n = if other { 2 } else { 1 };
                let d = DurationValue { amount: Some(n), unit, approx: false, bound: None };
                set(end, d.value())
            }
            "once" | "twice" => {
                if !self.is_any(i + 1, &["a", "an", "per", "every", "each"]) {
                    return None;
                }
                let UnitWord { unit, plural: false, next: end } = self.unit(i + 2, false)? else {
                    return None;
                };
                let d = DurationValue { amount: Some(1), unit, approx: false, bound: None };
                set(end, d.value())
            }
            _ => {
                // "three times a year"
                let (_, j) = self.cardinal(i)?;
                if !(self.is(j, "times") && self.is_any(j + 1, &["a", "an", "per", "every", "each"])) {
                    return None;
                }
                let UnitWord { unit, plural: false, next: end } = self.unit(j + 2, false)? else {
                    return None;
                };
                let d = DurationValue { amount: Some(1), unit, approx: false, bound: None };
                set(end, d.value())
            }
        }
    }
}
