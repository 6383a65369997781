//! Calendar rules: dates written out (in every order, with or without a year), years,
//! decades, centuries, quarters, seasons, holidays, ranges, and the part words around them
//! ("early", "mid-", "the end of").

use super::*;

impl Grammar<'_> {
    /// "2020-11-10", "11/10/2020" (US order), "10/11/20".
    pub(super) fn numeric_date(&self, i: usize) -> Option<Mention> {
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
            if self.dash(j + 4) && self.glued(j + 4) && self.tok(j + 5).is_some_and(|t| t.is_number()) {
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
        if self.tok(i + 5).is_some_and(|t| !t.space_before && (t.is_number() || t.is_punct('/'))) {
            return None;
        }
        let (m, d) = if x > 12 && y <= 12 { (y, x) } else { (x, y) };
        valid_date(year, m as i8, d as i8)?;
        Some(Mention::new(i, i + 5, cal(YearSpec::Explicit(year), YearPart::Day(m as i8, d as i8))))
    }

    /// "early", "late", "mid-", "the end of", ... + a calendar expression.
    pub(super) fn part_of(&self, i: usize) -> Option<Mention> {
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
        let inner = inner.into_iter().flatten().filter(|m| m.is_point()).max_by_key(|m| m.end)?;
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
    pub(super) fn year_end(&self, i: usize) -> Option<Mention> {
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
        let expr = Expr::FromDct { unit: Unit::Year, amount: 0, granularity: Granularity::Year };
        Some(Mention::new(i, end, expr).with_mod(Some(TimexMod::End)))
    }

    /// "this year", "the year", "the month" after "the end of": the publication date's unit.
    pub(super) fn this_unit(&self, i: usize) -> Option<Mention> {
        if !self.is_any(i, &["the", "this"]) {
            return None;
        }
        let UnitWord { unit, plural, next } = self.unit(i + 1, false)?;
        if plural
            || !matches!(
                unit,
                Unit::Year | Unit::Month | Unit::Week | Unit::Decade | Unit::Century | Unit::Day
            )
        {
            return None;
        }
        Some(Mention::new(i, next, Expr::FromDct { unit, amount: 0, granularity: unit.granularity() }))
    }

    /// Month-first dates: "Nov. 10, 2020", "November 10", "Sept. 27th", "Oct. 5-8",
    /// "November 2020", "September last year", "May" (with context).
    pub(super) fn month_first(&self, i: usize) -> Option<Mention> {
        let MonthWord { month, next: j, doubtful } = self.month(i)?;
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
                let to =
                    Mention::new(k1, if end > k2 { end } else { k2 }, cal(year, YearPart::Day(month, day2)));
                return Some(Mention::new(i, end.max(k2), Expr::Range(Box::new(from), Box::new(to))));
            }
            // Without a year, a trailing ", Tuesday" is not taken; with one neither.
            return Some(Mention::new(i, end, cal(year, YearPart::Day(month, day))));
        }
        // Month and year: "November 2020", "November of 2020", "Nov. 2020".
        let k = if self.is(j, "of") { j + 1 } else { self.skip_comma(j) };
        if let Some((year, end)) = self.year(k).or_else(|| self.spoken_year(k)).filter(|_| !self.breaks(k))
            && !self.is_measure_after(end)
        {
            return Some(Mention::new(i, end, cal(YearSpec::Explicit(year), YearPart::Month(month))));
        }
        // "September last year", "June of this year".
        let k = if self.is(j, "of") { j + 1 } else { j };
        if let Some(offset) = self.year_offset_word(k)
            && self.is(k + 1, "year")
        {
            return Some(Mention::new(i, k + 2, cal(YearSpec::Offset(offset), YearPart::Month(month))));
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
            && self.lex(j).is_none_or(|l| l.month.is_none() && l.weekday.is_none())
        {
            return None;
        }
        // Sentence-initial "March" / "May" are verbs far more often than months.
        Some(Mention::new(i, j, cal(YearSpec::Infer, YearPart::Month(month))))
    }

    /// "last" / "this" / "next" before "year": -1, 0, +1.
    pub(super) fn year_offset_word(&self, i: usize) -> Option<i16> {
        match self.lower(i) {
            "last" | "previous" => Some(-1),
            "this" | "current" => Some(0),
            "next" | "following" | "coming" => Some(1),
            _ => None,
        }
    }

    /// Whether the word before a lone month name makes it a month: "in May", "since May",
    /// "early May", "May and June".
    pub(super) fn month_context(&self, i: usize) -> bool {
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
    pub(super) fn is_measure_after(&self, i: usize) -> bool {
        self.has_class(i, class::MEASURE) || self.punct(i, '%')
    }

    /// Day-first dates: "10 November 2020", "the 10th of November", "05-08 October 2021".
    pub(super) fn day_first(&self, i: usize) -> Option<Mention> {
        let start = i;
        let i = if self.is(i, "the") && self.day(i + 1).is_some() { i + 1 } else { i };
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
        let MonthWord { month, next: after_month, .. } = self.month(k)?;
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
            return Some(Mention::new(start, end, Expr::Range(Box::new(from), Box::new(to))));
        }
        Some(Mention::new(start, end, cal(year, YearPart::Day(month, day))))
    }

    /// Years: "2020", "the year 2000", "fiscal 1989", "2009-2010".
    pub(super) fn year_rule(&self, i: usize) -> Option<Mention> {
        self.year_rule_core(i, false)
    }

    pub(super) fn year_rule_core(&self, i: usize, after_part_word: bool) -> Option<Mention> {
        let start = i;
        let mut j = i;
        let mut introduced = after_part_word;
        if self.is(j, "the")
            && self.is(j + 1, "year")
            && (self.year(j + 2).is_some() || self.spoken_year(j + 2).is_some())
        {
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
            return Some(Mention::new(start, end, cal(YearSpec::Explicit(year), YearPart::Whole)));
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
            let m = Mention::new(start, end + 2, cal(YearSpec::Explicit(year), YearPart::Whole));
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
            let to = Mention::new(end + 1, end + 2, cal(YearSpec::Explicit(to_year), YearPart::Whole));
            return Some(Mention::new(start, end + 2, Expr::Range(Box::new(from), Box::new(to))));
        }
        if self.dash(end) && self.glued(end) && self.tok(end + 1).is_some_and(|t| t.is_number()) {
            return None;
        }
        Some(Mention::new(start, end, cal(YearSpec::Explicit(year), YearPart::Whole)))
    }

    /// A year in words: "nineteen ninety-six" (19 and 96), "two thousand (and) one".
    pub(super) fn spoken_year(&self, i: usize) -> Option<(i16, usize)> {
        if !self.tok(i)?.is_word() {
            return None;
        }
        let first = self.lex(i)?.number?;
        if first == 2 && self.is(i + 1, "thousand") {
            let mut j = i + 2;
            if self.is(j, "and") {
                j += 1;
            }
            return match self.cardinal(j).filter(|_| self.tok(j).is_some_and(|t| t.is_word())) {
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
    pub(super) fn plausible_year(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return false };
        let value = t.number.value;
        // Glued to something before: "$2000", "TR-2020", "#1990", "No.1990".
        if i > 0 && !t.space_before {
            let prev = &self.tokens[i - 1];
            let ok_before =
                matches!(prev.kind, TokenKind::Punct('(' | '"' | '\u{201c}' | '[' | '\'' | '\u{2018}'));
            if !ok_before {
                return false;
            }
        }
        // Followed by ":" digits (a time), "%" or a measure noun.
        if let Some(next) = self.tok(i + 1)
            && !next.space_before
            && (next.is_punct(':')
                || next.is_punct('%')
                || next.is_punct('.') && self.tok(i + 2).is_some_and(|t| t.is_number() && !t.space_before))
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
            let next_is_noun = self.tok(i + 1).is_some_and(|n| n.is_word() && !n.capitalized)
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
    pub(super) fn decade(&self, i: usize) -> Option<Mention> {
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
    pub(super) fn century(&self, i: usize) -> Option<Mention> {
        let start = i;
        let i = if self.is(i, "the") { i + 1 } else { i };
        let (modifier, i) = match self.part_word(i) {
            Some((m, j)) if !self.is(i, "the") => (Some(m), j),
            _ => (None, i),
        };
        let (n, j) = if let Some(t) =
            self.tok(i).filter(|t| t.is_number() && t.number.suffix == NumberSuffix::Ordinal)
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

    /// Quarters and halves: "the third quarter", "third-quarter", "the first quarter of
    /// 2020", "the 1988 third quarter", "next year's first quarter", "Q3 2020", "the first
    /// half of 1990", "the fiscal first quarter"; and the reporting periods of earnings news:
    /// "the quarter", "the latest quarter", "the year-earlier quarter", "year-ago".
    pub(super) fn quarter(&self, i: usize) -> Option<Mention> {
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
                let end = if self.is_any(j, &["quarter", "period"]) { j + 1 } else { j };
                if self.lex(j).and_then(|l| l.ordinal).is_none() {
                    // "the year-earlier results": the adjective alone.
                    if end == j {
                        start = j - 3;
                    }
                    return Some(Mention::new(start, end, Expr::FromAnchor { unit: Unit::Year, amount: -1 }));
                }
            }
            year = YearSpec::InferShifted(-1);
        }
        // "the quarter", "the latest quarter", "the latest period": the quarter being
        // reported.
        if has_the && !year_earlier {
            let k = if self.is_any(j, &["latest", "recent", "most"]) {
                if self.is(j, "most") && self.is(j + 1, "recent") { j + 2 } else { j + 1 }
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
    pub(super) fn season_rule(&self, i: usize) -> Option<Mention> {
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
                Mention::new(start, end, cal(YearSpec::Explicit(year), YearPart::Season(season)))
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
                    (self.has_class(j + 1, class::FUNCTION) || self.has_class(j + 1, class::DATE_CONTEXT))
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
        Some(Mention::new(start, j + 1, cal(YearSpec::Infer, YearPart::Season(season))).with_mod(modifier))
    }

    /// Holidays with a fixed date, and Thanksgiving: "Christmas", "Christmas Eve 2020",
    /// "New Year's Day", "Thanksgiving".
    pub(super) fn holiday(&self, i: usize) -> Option<Mention> {
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
                (YearPart::NthWeekday { month: 11, weekday: Weekday::Thursday, n: 4 }, end)
            }
            "halloween" => (YearPart::Day(10, 31), i + 1),
            "valentine" if self.apostrophe(i + 1) && self.is(i + 2, "s") && self.is(i + 3, "day") => {
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
    /// `here` holds what `month_first`, `day_first`, `year_rule` and `season_rule` found at
    /// `i` (the caller has them): without an opener word, a range starts with one of them.
    pub(super) fn range(&self, i: usize, here: [&Option<Mention>; 4]) -> Option<Mention> {
        let (opener, j) = if self.is_any(i, &["from", "between"]) { (true, i + 1) } else { (false, i) };
        let calendar = |m: &Mention| matches!(m.expr, Expr::Calendar { .. });
        let first = if opener {
            [self.month_first(j), self.day_first(j), self.year_rule_core(j, opener), self.season_rule(j)]
                .into_iter()
                .flatten()
                .filter(calendar)
                .max_by_key(|m| m.end)?
        } else {
            here.into_iter().flatten().filter(|m| calendar(m)).max_by_key(|m| m.end)?.clone()
        };
        let k = first.end;
        let joined = if self.is(i, "between") {
            self.is(k, "and")
        } else {
            self.is_any(k, &["to", "until", "through", "till", "thru"]) || self.dash(k) && !self.glued(k)
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
        Some(Mention::new(start, end, Expr::Range(Box::new(first), Box::new(second))))
    }
}
