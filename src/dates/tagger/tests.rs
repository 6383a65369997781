//! Table-driven tests of the whole tagger: a sentence, its publication date, and every
//! expression expected in it as (text of the span, TIMEX3 type, value). Sentences are
//! paraphrased news, not copied articles.

use jiff::civil::Date;

use super::*;
use crate::dates::timex::{Resolution, TimexKind, TimexMod};

fn dct(s: &str) -> Option<Date> {
    if s.is_empty() {
        None
    } else {
        Some(s.parse().expect("test DCT"))
    }
}

fn run(text: &str, publication: &str) -> Vec<(String, &'static str, String)> {
    let ctx = TagContext {
        dct: dct(publication),
        ..TagContext::default()
    };
    tag(text, &ctx)
        .into_iter()
        .map(|t| (text[t.span.range()].to_string(), t.kind.as_str(), t.value.to_string()))
        .collect()
}

/// (sentence, DCT, expected (span text, type, value) in order)
type Case = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str, &'static str)],
);

fn check(cases: &[Case]) {
    let mut failures = Vec::new();
    for (text, publication, want) in cases {
        let got = run(text, publication);
        let want: Vec<(String, &str, String)> = want
            .iter()
            .map(|(s, k, v)| (s.to_string(), *k, v.to_string()))
            .collect();
        if got != want {
            failures.push(format!(
                "{text:?} (DCT {publication})\n   got: {got:?}\n  want: {want:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn brief_examples_article_2021_11_17() {
    check(&[
        ("The two leaders held a phone call Tuesday evening.", "2021-11-17", &[("Tuesday evening", "TIME", "2021-11-16TEV")]),
        ("The ministry said on Wednesday that the border was calm.", "2021-11-17", &[("Wednesday", "DATE", "2021-11-17")]),
        ("Shelling has continued since the evening of November 16.", "2021-11-17", &[("the evening of November 16", "TIME", "2021-11-16TEV")]),
        ("During a 44-day conflict that began in late September last year, thousands died.", "2021-11-17", &[("44-day", "DURATION", "P44D"), ("late September last year", "DATE", "2020-09")]),
        ("On November 10, 2020, a ceasefire was signed.", "2021-11-17", &[("November 10, 2020", "DATE", "2020-11-10")]),
        ("On November 10, 2020, a ceasefire was signed. Two months later, talks began.", "2021-11-17", &[("November 10, 2020", "DATE", "2020-11-10"), ("Two months later", "DATE", "2021-01")]),
        ("The region was under its control for at least five years.", "2021-11-17", &[("at least five years", "DURATION", "P5Y")]),
        ("It lost a six-week war last year.", "2021-11-17", &[("six-week", "DURATION", "P6W"), ("last year", "DATE", "2020")]),
        ("The dispute has lasted nearly 30 years.", "2021-11-17", &[("nearly 30 years", "DURATION", "P30Y")]),
        ("The region has been contested since 1991.", "2021-11-17", &[("1991", "DATE", "1991")]),
        ("Prices have risen since May.", "2021-11-17", &[("May", "DATE", "2021-05")]),
        ("Tuesday, Nov. 17, 2021", "2021-11-17", &[("Tuesday, Nov. 17, 2021", "DATE", "2021-11-17")]),
    ]);
}

#[test]
fn brief_examples_article_2021_10_05() {
    check(&[
        ("The exercises took place between 05-08 October 2021.", "2021-10-05", &[("05-08 October 2021", "DATE", "2021-10-05/2021-10-08")]),
        ("On June 15, the leaders met in Shusha.", "2021-10-05", &[("June 15", "DATE", "2021-06-15")]),
        ("The attack came on September 27.", "2021-10-05", &[("September 27", "DATE", "2021-09-27")]),
        ("The city was founded 100 years ago.", "2021-10-05", &[("100 years ago", "DATE", "1921")]),
        ("The parade was held eight months after Azerbaijan's victory in the war.", "2021-10-05", &[("eight months", "DURATION", "P8M")]),
        ("The war ended on November 10, 2020. The parade was held eight months after the victory.", "2021-10-05", &[("November 10, 2020", "DATE", "2020-11-10"), ("eight months", "DATE", "2021-07")]),
    ]);
}

#[test]
fn brief_examples_article_2023_09_21() {
    check(&[
        ("Fighting broke out on Tuesday.", "2023-09-21", &[("Tuesday", "DATE", "2023-09-19")]),
        ("The 24-hour military operation ended in a ceasefire.", "2023-09-21", &[("24-hour", "DURATION", "PT24H")]),
        ("A ceasefire was agreed late on Wednesday.", "2023-09-21", &[("late on Wednesday", "DATE", "2023-09-20")]),
        ("The enclave has been isolated since the 1990s.", "2023-09-21", &[("the 1990s", "DATE", "199")]),
    ]);
}

#[test]
fn every_field_of_a_timex() {
    let text = "During a 44-day conflict that began in late September last year, thousands died.";
    let ctx = TagContext::with_dct("2021-11-17".parse().unwrap());
    let found = tag(text, &ctx);
    let war = &found[0];
    assert_eq!(war.kind, TimexKind::Duration);
    let d = war.duration.unwrap();
    assert_eq!((d.amount, d.unit), (Some(44), crate::dates::Unit::Day));
    let late = &found[1];
    assert_eq!(late.modifier, Some(TimexMod::End));
    assert_eq!(late.resolution, Resolution::Dct);
    assert_eq!(
        late.interval,
        Some(("2020-09-21".parse().unwrap(), "2020-09-30".parse().unwrap()))
    );
    assert!(late.is_relative());
    assert_eq!(
        late.explanation(text, &ctx),
        "late September last year -> 2020-09 [END], from the article date 2021-11-17"
    );
}

#[test]
fn full_dates_in_every_order() {
    let d = "2021-11-17";
    check(&[
        ("It happened on Nov. 10, 2020.", d, &[("Nov. 10, 2020", "DATE", "2020-11-10")]),
        ("It happened on November 10, 2020.", d, &[("November 10, 2020", "DATE", "2020-11-10")]),
        ("It happened on 10 November 2020.", d, &[("10 November 2020", "DATE", "2020-11-10")]),
        ("It happened on 10th November, 2020.", d, &[("10th November, 2020", "DATE", "2020-11-10")]),
        ("It happened on the 10th of November 2020.", d, &[("the 10th of November 2020", "DATE", "2020-11-10")]),
        ("It happened on November 10th, 2020.", d, &[("November 10th, 2020", "DATE", "2020-11-10")]),
        ("It happened on 2020-11-10.", d, &[("2020-11-10", "DATE", "2020-11-10")]),
        ("It happened on 11/10/2020.", d, &[("11/10/2020", "DATE", "2020-11-10")]),
        ("It happened on 11/10/20.", d, &[("11/10/20", "DATE", "2020-11-10")]),
        ("It happened on 25/12/2020.", d, &[("25/12/2020", "DATE", "2020-12-25")]),
        ("It happened on 2020/11/10.", d, &[("2020/11/10", "DATE", "2020-11-10")]),
        ("It happened on Sept. 27, 2020.", d, &[("Sept. 27, 2020", "DATE", "2020-09-27")]),
        ("It happened on Sep 27th 2020.", d, &[("Sep 27th 2020", "DATE", "2020-09-27")]),
        ("It happened on Jan. 5, 1995.", d, &[("Jan. 5, 1995", "DATE", "1995-01-05")]),
        ("It happened on Feb 29, 2020.", d, &[("Feb 29, 2020", "DATE", "2020-02-29")]),
        ("It happened on Dec. 31, 1999.", d, &[("Dec. 31, 1999", "DATE", "1999-12-31")]),
        ("It happened on Aug. 7, 1998, in Nairobi.", d, &[("Aug. 7, 1998", "DATE", "1998-08-07")]),
        ("It happened on Wednesday, Nov. 17, 2021.", d, &[("Wednesday, Nov. 17, 2021", "DATE", "2021-11-17")]),
        ("It happened on Monday 15 November 2021.", d, &[("Monday 15 November 2021", "DATE", "2021-11-15")]),
        ("It happened in November 2020.", d, &[("November 2020", "DATE", "2020-11")]),
        ("It happened in Nov. 2020.", d, &[("Nov. 2020", "DATE", "2020-11")]),
        ("It happened in November of 2020.", d, &[("November of 2020", "DATE", "2020-11")]),
        ("It happened in 2020.", d, &[("2020", "DATE", "2020")]),
        ("It was signed in the year 2000.", d, &[("the year 2000", "DATE", "2000")]),
        ("It happened in 1850 during the war.", d, &[("1850", "DATE", "1850")]),
        ("The treaty of May 12, 1994 ended the fighting.", d, &[("May 12, 1994", "DATE", "1994-05-12")]),
        ("NOV. 10, 2020", d, &[("NOV. 10, 2020", "DATE", "2020-11-10")]),
    ]);
}

#[test]
fn ranges() {
    let d = "2021-10-05";
    check(&[
        ("Drills ran 05-08 October 2021.", d, &[("05-08 October 2021", "DATE", "2021-10-05/2021-10-08")]),
        ("Drills ran Oct. 5-8.", d, &[("Oct. 5-8", "DATE", "2021-10-05/2021-10-08")]),
        ("Drills ran from Oct. 5 to Oct. 8.", d, &[("Oct. 5 to Oct. 8", "DATE", "2021-10-05/2021-10-08")]),
        ("Prices rose from May to June.", d, &[("May to June", "DATE", "2021-05/2021-06")]),
        ("Prices rose from May to June 2020.", d, &[("May to June 2020", "DATE", "2020-05/2020-06")]),
        ("Output fell between 2018 and 2020.", d, &[("2018 and 2020", "DATE", "2018/2020")]),
        ("The pandemic of 2009-2010 killed many.", d, &[("2009-2010", "DATE", "2009/2010")]),
        ("The 2009-10 season was long.", d, &[("2009-10", "DATE", "2009/2010")]),
        ("He served from 1994 to 1998.", d, &[("1994 to 1998", "DATE", "1994/1998")]),
    ]);
}

#[test]
fn range_ends_and_intervals() {
    let text = "Drills ran 05-08 October 2021.";
    let found = tag(text, &TagContext::with_dct("2021-10-05".parse().unwrap()));
    assert_eq!(found.len(), 1);
    let range = &found[0];
    assert_eq!(
        range.interval,
        Some(("2021-10-05".parse().unwrap(), "2021-10-08".parse().unwrap()))
    );
    let ends = range.range.as_ref().unwrap();
    assert_eq!(&text[ends.from.span.range()], "05");
    assert_eq!(ends.from.value, "2021-10-05");
    assert_eq!(&text[ends.to.span.range()], "08 October 2021");
    assert_eq!(ends.to.value, "2021-10-08");
}

#[test]
fn dates_without_a_year() {
    check(&[
        ("The talks took place on Nov. 5.", "2021-11-17", &[("Nov. 5", "DATE", "2021-11-05")]),
        ("The talks will take place on Nov. 25.", "2021-11-17", &[("Nov. 25", "DATE", "2021-11-25")]),
        ("The vote was held on Dec. 20.", "2022-01-10", &[("Dec. 20", "DATE", "2021-12-20")]),
        ("The vote will be held on Jan. 20.", "2021-12-10", &[("Jan. 20", "DATE", "2022-01-20")]),
        ("Elections were held on June 15.", "2021-10-05", &[("June 15", "DATE", "2021-06-15")]),
        ("Elections will be held on June 15.", "2021-10-05", &[("June 15", "DATE", "2022-06-15")]),
        ("The deadline is Jan. 14.", "2000-01-06", &[("Jan. 14", "DATE", "2000-01-14")]),
        ("He arrived in September.", "2021-11-17", &[("September", "DATE", "2021-09")]),
        ("He will arrive in January.", "2021-11-17", &[("January", "DATE", "2022-01")]),
        ("Talks resume in mid-December.", "2021-11-17", &[("mid-December", "DATE", "2021-12")]),
        ("Troops left in early March.", "2021-11-17", &[("early March", "DATE", "2021-03")]),
        ("The war began in late September last year.", "2021-11-17", &[("late September last year", "DATE", "2020-09")]),
        ("It opens in June next year.", "2021-11-17", &[("June next year", "DATE", "2022-06")]),
        ("It opened in March this year.", "2021-11-17", &[("March this year", "DATE", "2021-03")]),
        ("It closed last November.", "2021-11-17", &[("last November", "DATE", "2020-11")]),
        ("It closed last May.", "2021-11-17", &[("last May", "DATE", "2021-05")]),
        ("It opens next March.", "2021-11-17", &[("next March", "DATE", "2022-03")]),
        ("It happened on the 5th of May.", "2021-11-17", &[("the 5th of May", "DATE", "2021-05-05")]),
        ("Sales rose in April and May.", "2021-11-17", &[("April", "DATE", "2021-04"), ("May", "DATE", "2021-05")]),
    ]);
}

#[test]
fn weekdays_by_tense() {
    // 2021-11-17 is a Wednesday; 2023-09-21 a Thursday.
    check(&[
        ("The minister resigned on Monday.", "2021-11-17", &[("Monday", "DATE", "2021-11-15")]),
        ("The minister will resign on Monday.", "2021-11-17", &[("Monday", "DATE", "2021-11-22")]),
        ("The minister resigned on Wednesday.", "2021-11-17", &[("Wednesday", "DATE", "2021-11-17")]),
        ("Talks are expected to resume on Friday.", "2021-11-17", &[("Friday", "DATE", "2021-11-19")]),
        ("Talks resumed on Friday.", "2021-11-17", &[("Friday", "DATE", "2021-11-12")]),
        ("The statement came late on Wednesday.", "2023-09-21", &[("late on Wednesday", "DATE", "2023-09-20")]),
        ("Wednesday's statement was vague.", "2021-11-17", &[("Wednesday", "DATE", "2021-11-17")]),
        ("They spoke Tuesday evening.", "2021-11-17", &[("Tuesday evening", "TIME", "2021-11-16TEV")]),
        ("They spoke Tuesday night.", "2021-11-17", &[("Tuesday night", "TIME", "2021-11-16TNI")]),
        ("They spoke early Tuesday.", "2021-11-17", &[("early Tuesday", "DATE", "2021-11-16")]),
        ("They met last Tuesday.", "2021-11-17", &[("last Tuesday", "DATE", "2021-11-16")]),
        ("They met last Wednesday.", "2021-11-17", &[("last Wednesday", "DATE", "2021-11-10")]),
        ("They meet next Tuesday.", "2021-11-17", &[("next Tuesday", "DATE", "2021-11-23")]),
        ("They meet this Friday.", "2021-11-17", &[("this Friday", "DATE", "2021-11-19")]),
        ("They met this past Sunday.", "2021-11-17", &[("this past Sunday", "DATE", "2021-11-14")]),
        ("Fighting broke out on Tuesday.", "2023-09-21", &[("Tuesday", "DATE", "2023-09-19")]),
        ("Officials said Tuesday that talks will resume Friday.", "2023-09-21", &[("Tuesday", "DATE", "2023-09-19"), ("Friday", "DATE", "2023-09-22")]),
        ("The vote will be held on Sunday.", "2023-09-21", &[("Sunday", "DATE", "2023-09-24")]),
        ("The summit will open Monday morning.", "2023-09-21", &[("Monday morning", "TIME", "2023-09-25TMO")]),
        ("The summit opens Monday morning.", "2023-09-21", &[("Monday morning", "TIME", "2023-09-18TMO")]),
    ]);
}

#[test]
fn relative_to_the_publication_date() {
    let d = "2021-11-17";
    check(&[
        ("Prices rose last year.", d, &[("last year", "DATE", "2020")]),
        ("Prices rose this year.", d, &[("this year", "DATE", "2021")]),
        ("Prices will rise next year.", d, &[("next year", "DATE", "2022")]),
        ("Prices rose this month.", d, &[("this month", "DATE", "2021-11")]),
        ("Prices rose last month.", d, &[("last month", "DATE", "2021-10")]),
        ("Prices will rise next month.", d, &[("next month", "DATE", "2021-12")]),
        ("Prices rose last week.", d, &[("last week", "DATE", "2021-W45")]),
        ("Prices rose this week.", d, &[("this week", "DATE", "2021-W46")]),
        ("Prices will rise next week.", d, &[("next week", "DATE", "2021-W47")]),
        ("Prices rose yesterday.", d, &[("yesterday", "DATE", "2021-11-16")]),
        ("Prices rose today.", d, &[("today", "DATE", "2021-11-17")]),
        ("Prices will rise tomorrow.", d, &[("tomorrow", "DATE", "2021-11-18")]),
        ("Prices fell the day before yesterday.", d, &[("the day before yesterday", "DATE", "2021-11-15")]),
        ("Prices rose earlier this week.", d, &[("earlier this week", "DATE", "2021-W46")]),
        ("Prices rose earlier this year.", d, &[("earlier this year", "DATE", "2021")]),
        ("Prices will rise later this year.", d, &[("later this year", "DATE", "2021")]),
        ("Prices fell late last year.", d, &[("late last year", "DATE", "2020")]),
        ("Prices will rise early next year.", d, &[("early next year", "DATE", "2022")]),
        ("The deal expires at the end of the year.", d, &[("the end of the year", "DATE", "2021")]),
        ("The deal expires at the end of the month.", d, &[("the end of the month", "DATE", "2021-11")]),
        ("The deal expired at the end of 2020.", d, &[("the end of 2020", "DATE", "2020")]),
        ("The deal expired at the beginning of October.", d, &[("the beginning of October", "DATE", "2021-10")]),
        ("Growth slowed in mid-2020.", d, &[("mid-2020", "DATE", "2020")]),
        ("The city was founded 100 years ago.", d, &[("100 years ago", "DATE", "1921")]),
        ("He left two months ago.", d, &[("two months ago", "DATE", "2021-09")]),
        ("He left three weeks ago.", d, &[("three weeks ago", "DATE", "2021-W43")]),
        ("He left three days ago.", d, &[("three days ago", "DATE", "2021-11-14")]),
        ("He left about two years ago.", d, &[("about two years ago", "DATE", "2019")]),
        ("He left a decade ago.", d, &[("a decade ago", "DATE", "2011")]),
        ("He left several years ago.", d, &[("several years ago", "DATE", "PAST_REF")]),
        ("Prices rose last weekend.", d, &[("last weekend", "DATE", "2021-W45-WE")]),
        ("Prices rose over the weekend.", d, &[("the weekend", "DATE", "2021-W45-WE")]),
        ("Prices rose this summer.", d, &[("this summer", "DATE", "2021-SU")]),
        ("Prices rose last summer.", d, &[("last summer", "DATE", "2021-SU")]),
        ("Prices will rise next spring.", d, &[("next spring", "DATE", "2022-SP")]),
        ("Prices fell in the winter of 2019.", d, &[("the winter of 2019", "DATE", "2019-WI")]),
        ("Prices fell in summer 2019.", d, &[("summer 2019", "DATE", "2019-SU")]),
        ("Profits fell in the third quarter.", d, &[("the third quarter", "DATE", "2021-Q3")]),
        ("Profits fell in the third quarter of 2020.", d, &[("the third quarter of 2020", "DATE", "2020-Q3")]),
        ("Third-quarter profits fell.", d, &[("Third-quarter", "DATE", "2021-Q3")]),
        ("Profits fell in Q2 2020.", d, &[("Q2 2020", "DATE", "2020-Q2")]),
        ("Profits fell in the first half of 2020.", d, &[("the first half of 2020", "DATE", "2020-H1")]),
        ("Profits fell in the 1990s.", d, &[("the 1990s", "DATE", "199")]),
        ("Profits fell in the early 1990s.", d, &[("the early 1990s", "DATE", "199")]),
        ("Profits fell in the mid-1990s.", d, &[("the mid-1990s", "DATE", "199")]),
        ("Profits fell in the '90s.", d, &[("the '90s", "DATE", "199")]),
        ("Profits fell in the nineties.", d, &[("the nineties", "DATE", "199")]),
        ("Profits fell in the 20th century.", d, &[("the 20th century", "DATE", "19")]),
        ("It was a good day for the 21st century.", d, &[("the 21st century", "DATE", "20")]),
        ("Prices fell in the past decade.", d, &[("the past decade", "DATE", "201")]),
        ("It costs more now.", d, &[("now", "DATE", "PRESENT_REF")]),
        ("It currently costs more.", d, &[("currently", "DATE", "PRESENT_REF")]),
        ("It costs more these days.", d, &[("these days", "DATE", "PRESENT_REF")]),
        ("Prices have risen in recent years.", d, &[("recent years", "DATE", "PAST_REF")]),
        ("Prices have risen recently.", d, &[("recently", "DATE", "PAST_REF")]),
        ("Prices will rise in the future.", d, &[("the future", "DATE", "FUTURE_REF")]),
        ("Prices will rise in the near future.", d, &[("the near future", "DATE", "FUTURE_REF")]),
        ("Prices were lower in the past.", d, &[("the past", "DATE", "PAST_REF")]),
        ("The fair opens on Christmas Eve.", d, &[("Christmas Eve", "DATE", "2021-12-24")]),
        ("The fair opened on Thanksgiving.", d, &[("Thanksgiving", "DATE", "2020-11-26")]),
        ("The fair opens on New Year's Day 2022.", d, &[("New Year's Day 2022", "DATE", "2022-01-01")]),
        ("Sales grew in fiscal 2020.", d, &[("fiscal 2020", "DATE", "2020")]),
        ("The plant will close in 1990 or later.", d, &[("1990 or later", "DATE", "1990")]),
        ("It happened in nineteen ninety-six.", d, &[("nineteen ninety-six", "DATE", "1996")]),
    ]);
}

#[test]
fn narrative_anchors() {
    check(&[
        ("The war ended on Nov. 10, 2020. Two months later, talks began.", "2021-11-17", &[("Nov. 10, 2020", "DATE", "2020-11-10"), ("Two months later", "DATE", "2021-01")]),
        ("He arrived on June 3, 2019. The next day he left.", "2021-11-17", &[("June 3, 2019", "DATE", "2019-06-03"), ("The next day", "DATE", "2019-06-04")]),
        ("He arrived on June 3, 2019. The following year he left.", "2021-11-17", &[("June 3, 2019", "DATE", "2019-06-03"), ("The following year", "DATE", "2020")]),
        ("He arrived on June 3, 2019. That day it rained.", "2021-11-17", &[("June 3, 2019", "DATE", "2019-06-03"), ("That day", "DATE", "2019-06-03")]),
        ("He arrived on June 3, 2019. Three days later he left.", "2021-11-17", &[("June 3, 2019", "DATE", "2019-06-03"), ("Three days later", "DATE", "2019-06-06")]),
        ("Profit fell in the third quarter, from $5 million a year earlier.", "1989-10-26", &[("the third quarter", "DATE", "1989-Q3"), ("a year earlier", "DATE", "1988-Q3")]),
        ("Profit fell in the third quarter, from $5 million a year ago. Sales rose from a year earlier.", "1989-10-26", &[("the third quarter", "DATE", "1989-Q3"), ("a year ago", "DATE", "1988-Q3"), ("a year earlier", "DATE", "1988-Q3")]),
        ("Two months later, talks began.", "2021-11-17", &[("Two months later", "DATE", "2022-01")]),
        ("The war ended on Nov. 10, 2020. The parade came eight months after the victory.", "2021-10-05", &[("Nov. 10, 2020", "DATE", "2020-11-10"), ("eight months", "DATE", "2021-07")]),
        ("The ceasefire was signed on Nov. 10, 2020. At 10 p.m. the guns fell silent.", "2021-11-17", &[("Nov. 10, 2020", "DATE", "2020-11-10"), ("10 p.m.", "TIME", "2020-11-10T22:00")]),
    ]);
}

#[test]
fn durations() {
    let d = "2021-11-17";
    check(&[
        ("It was a 44-day war.", d, &[("44-day", "DURATION", "P44D")]),
        ("It was a six-week war.", d, &[("six-week", "DURATION", "P6W")]),
        ("It was a 24-hour operation.", d, &[("24-hour", "DURATION", "PT24H")]),
        ("It was a two-year-long siege.", d, &[("two-year-long", "DURATION", "P2Y")]),
        ("They talked for two days.", d, &[("two days", "DURATION", "P2D")]),
        ("They talked for 44 days.", d, &[("44 days", "DURATION", "P44D")]),
        ("They talked for some 44 days.", d, &[("some 44 days", "DURATION", "P44D")]),
        ("They talked for at least five years.", d, &[("at least five years", "DURATION", "P5Y")]),
        ("They talked for more than two decades.", d, &[("more than two decades", "DURATION", "P20Y")]),
        ("They talked for less than an hour.", d, &[("less than an hour", "DURATION", "PT1H")]),
        ("They talked for nearly 30 years.", d, &[("nearly 30 years", "DURATION", "P30Y")]),
        ("They talked for almost three decades.", d, &[("almost three decades", "DURATION", "P30Y")]),
        ("They talked for three decades.", d, &[("three decades", "DURATION", "P30Y")]),
        ("They talked for a month.", d, &[("a month", "DURATION", "P1M")]),
        ("They talked for a year and a half.", d, &[("a year and a half", "DURATION", "P18M")]),
        ("They talked for 2 1/2 years.", d, &[("2 1/2 years", "DURATION", "P30M")]),
        ("They talked for twenty-four hours.", d, &[("twenty-four hours", "DURATION", "PT24H")]),
        ("They talked for 90 minutes.", d, &[("90 minutes", "DURATION", "PT90M")]),
        ("They talked for several years.", d, &[("several years", "DURATION", "PXY")]),
        ("They talked for a few days.", d, &[("a few days", "DURATION", "PXD")]),
        ("They talked for a couple of weeks.", d, &[("a couple of weeks", "DURATION", "P2W")]),
        ("They talked for years.", d, &[("years", "DURATION", "PXY")]),
        ("They talked for decades.", d, &[("decades", "DURATION", "PXDE")]),
        ("They talked for two weeks or so.", d, &[("two weeks or so", "DURATION", "P2W")]),
        ("Prices rose over the past five years.", d, &[("the past five years", "DURATION", "P5Y")]),
        ("Prices rose in the last two weeks.", d, &[("the last two weeks", "DURATION", "P2W")]),
        ("Prices will rise over the next 12 months.", d, &[("the next 12 months", "DURATION", "P12M")]),
        ("Prices will rise over the next few years.", d, &[("the next few years", "DURATION", "PXY")]),
        ("Sales rose in the first nine months.", d, &[("the first nine months", "DURATION", "P9M")]),
        ("Prices rose in recent weeks.", d, &[("recent weeks", "DURATION", "PXW")]),
        ("It was a decades-long dispute.", d, &[("decades-long", "DURATION", "PXDE")]),
        ("It was a day-long strike.", d, &[("day-long", "DURATION", "P1D")]),
        ("It lasted a three-year period.", d, &[("three-year", "DURATION", "P3Y")]),
        ("It ended five-year rule.", d, &[("five-year", "DURATION", "P5Y")]),
        ("The 24-hour military operation ended.", d, &[("24-hour", "DURATION", "PT24H")]),
    ]);
}

#[test]
fn duration_details() {
    let ctx = TagContext::with_dct("2021-11-17".parse().unwrap());
    let cases = [
        ("for at least five years", Some(5), crate::dates::Unit::Year, false, Some(crate::dates::DurationBound::AtLeast), Some(TimexMod::EqualOrMore)),
        ("nearly 30 years", Some(30), crate::dates::Unit::Year, true, None, Some(TimexMod::LessThan)),
        ("some 44 days", Some(44), crate::dates::Unit::Day, true, None, Some(TimexMod::Approx)),
        ("more than two decades", Some(2), crate::dates::Unit::Decade, false, Some(crate::dates::DurationBound::MoreThan), Some(TimexMod::MoreThan)),
        ("several years", None, crate::dates::Unit::Year, false, None, None),
    ];
    for (text, amount, unit, approx, bound, modifier) in cases {
        let found = tag(text, &ctx);
        assert_eq!(found.len(), 1, "{text}");
        let d = found[0]
            .duration
            .unwrap_or_else(|| panic!("{text}: no duration"));
        assert_eq!(
            (d.amount, d.unit, d.approx, d.bound),
            (amount, unit, approx, bound),
            "{text}"
        );
        assert_eq!(found[0].modifier, modifier, "{text}");
        assert!(!found[0].is_relative(), "{text}");
    }
}

#[test]
fn times_and_sets() {
    let d = "2021-11-17";
    check(&[
        ("The blast came at 10 p.m.", d, &[("10 p.m.", "TIME", "2021-11-17T22:00")]),
        ("The blast came at 10pm.", d, &[("10pm", "TIME", "2021-11-17T22:00")]),
        ("The blast came at 10:35 a.m. local time.", d, &[("10:35 a.m. local time", "TIME", "2021-11-17T10:35")]),
        ("The blast came at 10 p.m. Wednesday.", d, &[("10 p.m. Wednesday", "TIME", "2021-11-17T22:00")]),
        ("The blast came at noon Tuesday.", d, &[("noon Tuesday", "TIME", "2021-11-16T12:00")]),
        ("The blast came at midnight.", d, &[("midnight", "TIME", "2021-11-17T24:00")]),
        ("The blast came at 5 p.m. EST, Nov. 9.", d, &[("5 p.m. EST, Nov. 9", "TIME", "2021-11-09T17:00")]),
        ("The blast came at 4 in the morning.", d, &[("4 in the morning", "TIME", "2021-11-17T04:00")]),
        ("The blast came at around 7:15 p.m.", d, &[("around 7:15 p.m.", "TIME", "2021-11-17T19:15")]),
        ("The blast came this morning.", d, &[("this morning", "TIME", "2021-11-17TMO")]),
        ("The blast came last night.", d, &[("last night", "TIME", "2021-11-16TNI")]),
        ("The blast comes tonight.", d, &[("tonight", "TIME", "2021-11-17TNI")]),
        ("The blast came yesterday morning.", d, &[("yesterday morning", "TIME", "2021-11-16TMO")]),
        ("The talks continued through the night of Nov. 9.", d, &[("the night of Nov. 9", "TIME", "2021-11-09TNI")]),
        ("Inspections happen every year.", d, &[("every year", "SET", "P1Y")]),
        ("Inspections happen each month.", d, &[("each month", "SET", "P1M")]),
        ("Inspections happen every Tuesday.", d, &[("every Tuesday", "SET", "XXXX-WXX-2")]),
        ("Inspections happen each July.", d, &[("each July", "SET", "XXXX-07")]),
        ("Inspections happen every two weeks.", d, &[("every two weeks", "SET", "P2W")]),
        ("Inspections happen every other week.", d, &[("every other week", "SET", "P2W")]),
        ("Inspections happen daily.", d, &[("daily", "SET", "P1D")]),
        ("Inspections happen annually.", d, &[("annually", "SET", "P1Y")]),
        ("Inspections happen weekly.", d, &[("weekly", "SET", "P1W")]),
        ("Inspections happen twice a year.", d, &[("twice a year", "SET", "P1Y")]),
        ("Inspections happen three times a week.", d, &[("three times a week", "SET", "P1W")]),
        ("He earns $50,000 a year.", d, &[("a year", "SET", "P1Y")]),
        ("Shows run on Monday nights.", d, &[("Monday nights", "SET", "XXXX-WXX-1TNI")]),
    ]);
}

#[test]
fn not_dates() {
    let d = "2021-11-17";
    check(&[
        ("About 2,000 peacekeepers were deployed.", d, &[]),
        ("Some 2000 peacekeepers were deployed.", d, &[]),
        ("Nearly 1500 soldiers were deployed.", d, &[]),
        ("They built 300 settlements.", d, &[]),
        ("The TR-107 rocket system was fired.", d, &[]),
        ("Call 555-1234 or (202) 555-0123.", d, &[]),
        ("The road is 2020 km long.", d, &[]),
        ("It costs $1995.", d, &[]),
        ("Turnout was 1990 votes.", d, &[]),
        ("Armenia may join the talks.", d, &[]),
        ("Armenia May join the talks.", d, &[]),
        ("May God help us, he said.", d, &[]),
        ("Theresa May spoke to reporters.", d, &[]),
        ("Protesters march on the capital.", d, &[]),
        ("March on, they said.", d, &[]),
        ("April Ryan asked a question.", d, &[]),
        ("He is a 59-year-old farmer.", d, &[]),
        ("The farmer is 59 years old.", d, &[]),
        ("He came a second time.", d, &[]),
        ("The Airbus A380 landed.", d, &[]),
        ("He moved to Windows 2000 servers.", d, &[]),
        ("Flight 1549 landed on the river.", d, &[]),
        ("The fall of Rome was slow.", d, &[]),
        ("They drank spring water.", d, &[]),
        ("Call as soon as possible.", d, &[]),
        ("The current account deficit grew.", d, &[]),
        ("Section 3.1415 applies.", d, &[]),
        ("Score: 2-1.", d, &[]),
        ("The ratio was 1/2.", d, &[]),
        ("He has a sun tan.", d, &[]),
        ("The decision was final.", d, &[]),
        ("Resolution 1990 was adopted.", d, &[]),
        ("He sang in the summer camp choir.", d, &[]),
    ]);
}

#[test]
fn no_publication_date() {
    check(&[
        ("Prices rose last year.", "", &[("last year", "DATE", "XXXX")]),
        ("The talks took place on Nov. 5.", "", &[("Nov. 5", "DATE", "XXXX-11-05")]),
        ("The talks took place on Tuesday.", "", &[("Tuesday", "DATE", "XXXX-WXX-2")]),
        ("The talks took place yesterday.", "", &[("yesterday", "DATE", "XXXX-XX-XX")]),
        ("The talks took place in March.", "", &[("March", "DATE", "XXXX-03")]),
        ("The talks took place on Nov. 5, 2020.", "", &[("Nov. 5, 2020", "DATE", "2020-11-05")]),
        ("They talked for two days.", "", &[("two days", "DURATION", "P2D")]),
        ("The war ended on Nov. 10, 2020. Two months later, talks began.", "", &[("Nov. 10, 2020", "DATE", "2020-11-10"), ("Two months later", "DATE", "2021-01")]),
    ]);
    let found = tag("Prices rose last year.", &TagContext::default());
    assert_eq!(found[0].resolution, Resolution::Unresolved);
    assert!(found[0].is_relative() && found[0].is_unresolved());
    assert_eq!(found[0].interval, None);
}

#[test]
fn written_weekday_is_kept_for_checks() {
    let text = "The ceasefire took effect on Tuesday, Nov. 17, 2021.";
    let ctx = TagContext::with_dct("2021-11-18".parse().unwrap());
    let found = tag(text, &ctx);
    assert_eq!(found.len(), 1);
    let t = &found[0];
    assert_eq!(t.weekday, Some(jiff::civil::Weekday::Tuesday));
    assert_eq!(
        t.interval.map(|(d, _)| d.weekday()),
        Some(jiff::civil::Weekday::Wednesday)
    );
    assert_eq!(t.resolution, Resolution::Absolute);
    assert!(!t.is_relative());
    let explanation = t.explanation(text, &ctx);
    assert!(
        explanation.contains("written Tuesday, but 2021-11-17 is a Wednesday"),
        "{explanation}"
    );
}

#[test]
fn explanations() {
    let ctx = TagContext::with_dct("2021-11-17".parse().unwrap());
    let cases = [
        ("Prices rose last year.", "last year -> 2020, from the article date 2021-11-17"),
        ("They had a phone call Tuesday.", "Tuesday -> 2021-11-16 (Tuesday), the Tuesday before the article date 2021-11-17"),
        ("They will meet Friday.", "Friday -> 2021-11-19 (Friday), the Friday after the article date 2021-11-17"),
        ("The ministry said on Wednesday.", "Wednesday -> 2021-11-17 (Wednesday), the same day as the article date 2021-11-17"),
        ("The war ended on Nov. 10, 2020. Two months later, talks began.", "Two months later -> 2021-01, 2 months after 2020-11-10 (\"Nov. 10, 2020\")"),
        ("It costs more now.", "now -> PRESENT_REF: the present, as of the article date 2021-11-17"),
        ("It was a 44-day war.", "44-day -> P44D: a duration of 44 day(s)"),
        ("Elections were held on June 15.", "June 15 -> 2021-06-15 (Tuesday), the year taken from the article date 2021-11-17, the one nearest to it"),
    ];
    for (text, want) in cases {
        let found = tag(text, &ctx);
        let last = found
            .last()
            .unwrap_or_else(|| panic!("{text}: nothing found"));
        assert_eq!(last.explanation(text, &ctx), want);
    }
    let no_dct = TagContext::default();
    let found = tag("Prices rose last year.", &no_dct);
    assert_eq!(
        found[0].explanation("Prices rose last year.", &no_dct),
        "last year -> XXXX: relative to the publication date, which this article does not give"
    );
}

/// A small deterministic generator, so the garbage test needs no extra crate.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

fn assert_well_formed(text: &str, found: &[Timex]) {
    let mut previous_end = 0;
    for t in found {
        let (start, end) = (t.span.start as usize, t.span.end as usize);
        assert!(
            start < end && end <= text.len(),
            "bad span {:?} in {text:?}",
            t.span
        );
        assert!(
            text.is_char_boundary(start) && text.is_char_boundary(end),
            "{text:?}"
        );
        assert!(
            start >= previous_end,
            "overlapping or unsorted timexes in {text:?}: {found:?}"
        );
        previous_end = end;
        assert!(!t.value.is_empty(), "empty value in {text:?}");
        if let Some((first, last)) = t.interval {
            assert!(first <= last, "{text:?}: {t:?}");
        }
        if let Some(ends) = &t.range {
            assert!(t.span.contains_span(ends.from.span) && t.span.contains_span(ends.to.span));
        }
    }
}

#[test]
fn garbage_never_panics() {
    let pieces = [
        "Nov.", "10", ",", " ", "2020", "-", "–", "/", "'", "’", "s", "May", "may", "the", "last", "next",
        "year", "years", "ago", "later", "earlier", "Tuesday", "evening", "of", "1990s", "27th", "2,000",
        "1.5", "a", "p.m.", "pm", "12:30", "at", "least", "nearly", "few", "half", "1/2", "\n", "\n\n", "é",
        "🙂", "\u{0}", "\u{200b}", "Q3", "third", "quarter", "-day", "long", "old", "since", "between", "and",
        "to", "from", "99999999999999999999", "400000", "4000000000", "0", "00", "31", "32", "Feb", "29",
        "week", "weekend", "this", "past", "coming", "every", "each", "twice", "times", "noon", "midnight",
        "EST", "o'clock", "nineteen", "ninety", "two", "thousand", "century", "20th", "Christmas", "Eve",
        "early", "mid", "late", "end", "beginning", "fiscal", "year-earlier", "--", "...", "(", ")", "\"",
        "%", "$", "#",
    ];
    let dcts = [
        None,
        Some(Date::MAX),
        Some(Date::MIN),
        Some(jiff::civil::date(2021, 11, 17)),
        Some(jiff::civil::date(1, 1, 1)),
    ];
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    for round in 0..3000 {
        let len = (rng.next() % 40) as usize;
        let mut text = String::new();
        for _ in 0..len {
            text.push_str(rng.pick(&pieces));
            if rng.next() % 3 == 0 {
                text.push(' ');
            }
        }
        let dct = dcts[round % dcts.len()];
        let ctx = TagContext {
            dct,
            ..TagContext::default()
        };
        let found = tag(&text, &ctx);
        assert_well_formed(&text, &found);
        for t in &found {
            let _ = t.explanation(&text, &ctx);
        }
    }
    // Raw bytes, lossily decoded.
    for _ in 0..500 {
        let bytes: Vec<u8> = (0..(rng.next() % 200)).map(|_| rng.next() as u8).collect();
        let text = String::from_utf8_lossy(&bytes);
        let found = tag(&text, &TagContext::with_dct("2021-11-17".parse().unwrap()));
        assert_well_formed(&text, &found);
    }
}

#[test]
fn long_inputs_stay_linear() {
    // A megabyte of dense date text and one of a single pathological token run: both must be
    // tagged quickly (a regression to quadratic behaviour would take minutes here).
    let sentence =
        "On Nov. 10, 2020, two months later, the 44-day war ended; since 1991 and last year, ";
    let dense = sentence.repeat(1_000_000 / sentence.len());
    let start = std::time::Instant::now();
    let found = tag(&dense, &TagContext::with_dct("2021-11-17".parse().unwrap()));
    assert!(found.len() > 40_000);
    assert_well_formed(&dense, &found);
    let digits = "1".repeat(1_000_000);
    let dashes = "1-".repeat(500_000);
    let spaces = " ".repeat(1_000_000);
    for text in [&digits, &dashes, &spaces] {
        let found = tag(text, &TagContext::default());
        assert_well_formed(text, &found);
    }
    assert!(
        start.elapsed() < std::time::Duration::from_secs(60),
        "took {:?}",
        start.elapsed()
    );
}

#[test]
fn news_style_sentences() {
    // Publication dates: 2013-03-22 (a Friday), 2021-11-17 (Wednesday), 2021-10-05 (Tuesday).
    let f = "2013-03-22";
    check(&[
        ("The pope was elected on Wednesday evening.", f, &[("Wednesday evening", "TIME", "2013-03-20TEV")]),
        ("The conclave began on Tuesday.", f, &[("Tuesday", "DATE", "2013-03-19")]),
        ("The 17-year-old was arrested Saturday.", f, &[("Saturday", "DATE", "2013-03-16")]),
        ("Thursday's vote was delayed.", f, &[("Thursday", "DATE", "2013-03-21")]),
        ("The 2012 election was close.", f, &[("2012", "DATE", "2012")]),
        ("A year-long investigation began.", f, &[("year-long", "DURATION", "P1Y")]),
        ("A 10-year-old boy died.", f, &[]),
        ("It was the first time in 10 years.", f, &[("10 years", "DURATION", "P10Y")]),
        ("Two decades ago, it was different.", f, &[("Two decades ago", "DATE", "1993")]),
        ("In the coming days, talks continue.", f, &[("the coming days", "DURATION", "PXD")]),
        ("Earlier Friday, the president spoke.", f, &[("Friday", "DATE", "2013-03-22")]),
        ("Prices fell late last month.", f, &[("late last month", "DATE", "2013-02")]),
        ("By the end of 2014, the plan ends.", f, &[("the end of 2014", "DATE", "2014")]),
        ("Within two weeks, it was over.", f, &[("two weeks", "DURATION", "P2W")]),
        ("Nearly a decade of war ended.", f, &[("Nearly a decade", "DURATION", "P10Y")]),
        ("A decade-long war ended in March 2011.", f, &[("decade-long", "DURATION", "P10Y"), ("March 2011", "DATE", "2011-03")]),
        ("He served as president from 2007 to 2012.", f, &[("2007 to 2012", "DATE", "2007/2012")]),
        ("The company expects to close the deal by mid-2013.", f, &[("mid-2013", "DATE", "2013")]),
        ("He will be sentenced on April 5.", f, &[("April 5", "DATE", "2013-04-05")]),
        ("The trial lasted three weeks.", f, &[("three weeks", "DURATION", "P3W")]),
        ("He was born on 4 July 1976.", f, &[("4 July 1976", "DATE", "1976-07-04")]),
        ("The ship sank in 1912.", f, &[("1912", "DATE", "1912")]),
        ("The flu season is winding down.", f, &[]),
        ("The index rose 2.5 percent this week.", f, &[("this week", "DATE", "2013-W12")]),
        ("Shares closed at 1,540.5 points on Thursday.", f, &[("Thursday", "DATE", "2013-03-21")]),
        ("The bank will reopen on Tuesday, March 26.", f, &[("Tuesday, March 26", "DATE", "2013-03-26")]),
        ("The deadline passed at midnight Thursday.", f, &[("midnight Thursday", "TIME", "2013-03-21T24:00")]),
        ("The storm hit early Friday morning.", f, &[("early Friday morning", "TIME", "2013-03-22TMO")]),
        ("Officials said last week that the plan had failed.", f, &[("last week", "DATE", "2013-W11")]),
        ("Sales rose 5% from a year earlier.", f, &[("a year earlier", "DATE", "2012")]),
        ("The index is up 10% so far this year.", f, &[("this year", "DATE", "2013")]),
        ("Unemployment fell to 7.7% in February from 7.9% in January.", f, &[("February", "DATE", "2013-02"), ("January", "DATE", "2013-01")]),
        ("The policy has been in place since 2009.", f, &[("2009", "DATE", "2009")]),
        ("The law will take effect Jan. 1.", f, &[("Jan. 1", "DATE", "2014-01-01")]),
        ("The law took effect Jan. 1.", f, &[("Jan. 1", "DATE", "2013-01-01")]),
        ("He spent 27 years in prison.", f, &[("27 years", "DURATION", "P27Y")]),
        ("It was his second visit in four months.", f, &[("four months", "DURATION", "P4M")]),
        ("The peace talks collapsed in the late 1990s.", f, &[("the late 1990s", "DATE", "199")]),
        ("The strike entered its third week.", f, &[]),
        ("The ceasefire has held for 72 hours.", f, &[("72 hours", "DURATION", "PT72H")]),
        ("Voters go to the polls on Sunday.", f, &[("Sunday", "DATE", "2013-03-17")]),
        ("Voters will go to the polls on Sunday.", f, &[("Sunday", "DATE", "2013-03-24")]),
    ]);
    let w = "2021-11-17";
    check(&[
        ("Baku said the clashes lasted two hours.", w, &[("two hours", "DURATION", "PT2H")]),
        ("The two sides traded fire overnight on Tuesday.", w, &[("Tuesday", "DATE", "2021-11-16")]),
        ("The border was closed for almost a month.", w, &[("almost a month", "DURATION", "P1M")]),
        ("The mission began in 2020 and will last five years.", w, &[("2020", "DATE", "2020"), ("five years", "DURATION", "P5Y")]),
        ("The ceasefire agreement of Nov. 9-10, 2020, ended the war.", w, &[("Nov. 9-10, 2020", "DATE", "2020-11-09/2020-11-10")]),
        ("Peacekeepers will stay until 2025.", w, &[("2025", "DATE", "2025")]),
        ("The first war lasted from 1988 to 1994.", w, &[("1988 to 1994", "DATE", "1988/1994")]),
        ("The region declared independence in the early 1990s.", w, &[("the early 1990s", "DATE", "199")]),
        ("Talks will resume early next month.", w, &[("early next month", "DATE", "2021-12")]),
        ("The leaders met in Sochi a year ago.", w, &[("a year ago", "DATE", "2020")]),
        ("The leaders will meet again in the spring.", w, &[("the spring", "DATE", "2022-SP")]),
        ("Prisoners were released last December.", w, &[("last December", "DATE", "2020-12")]),
        ("Ministers meet every month.", w, &[("every month", "SET", "P1M")]),
        ("The drills were held on 5-8 October.", w, &[("5-8 October", "DATE", "2021-10-05/2021-10-08")]),
        ("The offensive started at dawn on Sept. 27, 2020.", w, &[("Sept. 27, 2020", "DATE", "2020-09-27")]),
        ("Since the evening of November 16, the front has been quiet.", w, &[("the evening of November 16", "TIME", "2021-11-16TEV")]),
    ]);
}

#[test]
fn more_negatives() {
    let d = "2021-11-17";
    check(&[
        ("The T-72 tanks advanced.", d, &[]),
        ("He scored 1999 points in his career.", d, &[]),
        ("Room 2019 was empty.", d, &[]),
        ("The vote was 52-48.", d, &[]),
        ("It rose 3.2% to 1,987.", d, &[]),
        ("The model 2020X sold well.", d, &[]),
        ("Visit www.example.com for details.", d, &[]),
        ("He said he may resign.", d, &[]),
        ("Thousands march in Yerevan.", d, &[]),
        ("The second round is due.", d, &[]),
        ("He is in his forties.", d, &[]),
        ("The sun rose over the hills.", d, &[]),
        ("The Winter Palace was stormed.", d, &[]),
        ("She was a former minister.", d, &[]),
        ("The current situation is tense.", d, &[("current", "DATE", "PRESENT_REF")]),
        ("He was previously jailed.", d, &[]),
    ]);
}

#[test]
fn huge_amounts_never_panic() {
    let texts = [
        "It formed 400000 years ago.", "It took 4000000000 days.", "In 999999 weeks.", "400000 centuries later.",
        "Every 4000000000 years.", "For 4000000000 millennia.", "The 9999th century.", "4000000000 hours ago.",
        "On Dec. 31, 9999, and 10000 years later.", "4000000000 days from now.",
    ];
    for dct in [Some(Date::MAX), Some(Date::MIN), Some(jiff::civil::date(2013, 3, 22)), None] {
        let ctx = TagContext { dct, ..TagContext::default() };
        for text in texts {
            let found = tag(text, &ctx);
            assert_well_formed(text, &found);
            for t in &found {
                let _ = t.explanation(text, &ctx);
            }
        }
    }
}
